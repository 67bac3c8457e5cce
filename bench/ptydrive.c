/* ptydrive - runs a program in a pseudo-terminal, types keys and counts what
 * it writes back, for the terminal benchmarks.
 *
 *   ptydrive [-s COLSxROWS] [-q QUIET_MS] [-w TRACE] STEP... -- CMD [ARG]...
 *
 * CMD starts in a new pseudo-terminal (80x24 unless -s). Output is read
 * until it goes quiet: QUIET_MS (default 150) with no byte after the first
 * one, which is waited for up to 60 s: a program slowed by a busy machine,
 * a sanitizer or strace answers late, and a late answer must not be counted
 * as the next step's (so a step that writes nothing takes those 60 s). With
 * -w, CMD runs under strace, which logs each write() it makes to its
 * terminal to the file TRACE, and every step line also says writes=N: the
 * packets a remote terminal would get. Each STEP prints one line of
 * key=value figures:
 *
 *   first         wait for the first frame: bytes, and ms from the spawn to
 *                 the last byte of that frame
 *   NAME=KEYS     type KEYS, count the bytes until quiet again
 *   skip=KEYS     type KEYS, read and print nothing (to move about)
 *   idle=SECONDS  type nothing for SECONDS: bytes written, CPU time used
 *                 (/proc/PID/stat and schedstat) and context switches
 *   size=CxR      resize the terminal to C columns and R rows
 *   end=KEYS      type KEYS, wait (60 s at most) for CMD to exit: status,
 *                 peak RSS in KiB
 *
 * KEYS may hold \r, \n, \t, \e, \\ and \xHH. Every line also counts full
 * screen clears (ESC [ 2 J) in the bytes read. Exit status 1 when CMD does
 * not draw, does not exit at end=, or a step cannot be read. */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int quiet_ms = 150;
static const char *trace_path;	/* -w */
static long trace_off;		/* how far the trace has been counted */
static int master = -1;
static pid_t child = -1;
static double spawned;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* write() calls logged to the trace since the last call: complete lines
 * only, so a line strace is still writing counts next time. */
static size_t writes(void)
{
	FILE *fp = trace_path ? fopen(trace_path, "r") : NULL;
	if (!fp)
		return 0;
	size_t n = 0;
	char line[512];
	fseek(fp, trace_off, SEEK_SET);
	bool start = true;	/* at the start of a line */
	while (fgets(line, sizeof line, fp)) {
		size_t k = strlen(line);
		if (line[k - 1] != '\n' && feof(fp))
			break;		/* not finished yet */
		n += start && !strncmp(line, "write(", 6);
		start = line[k - 1] == '\n';
		trace_off = ftell(fp);
	}
	fclose(fp);
	return n;
}

/* What one step read. */
struct burst {
	size_t bytes, clears;
	double last;		/* when the last byte came */
	char tail[4];		/* the last bytes before, for a clear split across reads */
};

static void count(struct burst *b, const char *buf, size_t n)
{
	static const char clear[] = "\033[2J";
	char joined[sizeof b->tail + 4096];
	size_t k = strlen(b->tail);
	memcpy(joined, b->tail, k);
	memcpy(joined + k, buf, n);
	for (size_t i = 0; i + 4 <= k + n; i++)
		b->clears += memcmp(joined + i, clear, 4) == 0;
	size_t keep = k + n < 3 ? k + n : 3;
	memcpy(b->tail, joined + k + n - keep, keep);
	b->tail[keep] = '\0';
	b->bytes += n;
}

/* How long a step waits for its first byte, and for its write() calls to
 * reach the trace: a bound for a program that is stuck, not a time it may take. */
#define FIRST_WAIT_MS 60000

/* The write() calls of what a step read: strace logs a call when it
 * returns, which may be after its bytes were read here; when bytes came,
 * waits (FIRST_WAIT_MS at most) until the trace holds a call for them. */
static size_t traced_writes(const struct burst *b)
{
	size_t n = writes();
	double deadline = now_ms() + FIRST_WAIT_MS;
	while (trace_path && b->bytes > 0 && n == 0 && now_ms() < deadline) {
		poll(NULL, 0, 10);
		n += writes();
	}
	return n;
}

/* Reads until quiet_ms pass with no byte, the first byte waited for up to
 * FIRST_WAIT_MS. False when the terminal closed. */
static bool drain(struct burst *b)
{
	*b = (struct burst){ .last = now_ms() };
	for (;;) {
		struct pollfd p = { master, POLLIN, 0 };
		int wait = b->bytes == 0 ? FIRST_WAIT_MS : quiet_ms;
		int r = poll(&p, 1, wait);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0;
		char buf[4096];
		ssize_t n = read(master, buf, sizeof buf);
		if (n <= 0)
			return false;
		count(b, buf, (size_t)n);
		b->last = now_ms();
	}
}

/* KEYS with its escapes turned into bytes, into out; returns the length. */
static size_t unescape(const char *s, char *out)
{
	static const char from[] = "rnte", to[] = "\r\n\t\033";
	size_t n = 0;
	while (*s) {
		const char *e = s[0] == '\\' && s[1] ? strchr(from, s[1]) : NULL;
		if (e) {
			out[n++] = to[e - from];
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'x' && isxdigit((unsigned char)s[2]) &&
			   isxdigit((unsigned char)s[3])) {
			char hex[3] = { s[2], s[3], 0 };
			out[n++] = (char)strtol(hex, NULL, 16);
			s += 4;
		} else if (s[0] == '\\' && s[1]) {
			out[n++] = s[1];	/* \\ and any other */
			s += 2;
		} else {
			out[n++] = *s++;
		}
	}
	return n;
}

static bool type(const char *keys)
{
	char buf[256];
	if (strlen(keys) >= sizeof buf)
		return false;
	size_t n = unescape(keys, buf);
	return write(master, buf, n) == (ssize_t)n;
}

/* CPU time of the child in microseconds (schedstat), and its ticks and
 * voluntary context switches from /proc. */
static void cpu_now(long long *us, long long *ticks, long long *switches)
{
	char path[64], line[1024];
	*us = *ticks = *switches = -1;
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)child);
	FILE *fp = fopen(path, "r");
	if (fp) {
		long long ns;
		if (fscanf(fp, "%lld", &ns) == 1)
			*us = ns / 1000;
		fclose(fp);
	}
	snprintf(path, sizeof path, "/proc/%d/stat", (int)child);
	if ((fp = fopen(path, "r"))) {
		unsigned long ut, st;
		/* fields 14 and 15, after the ")" that ends the name */
		if (fgets(line, sizeof line, fp) && strrchr(line, ')') &&
		    sscanf(strrchr(line, ')') + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			   &ut, &st) == 2)
			*ticks = (long long)(ut + st);
		fclose(fp);
	}
	snprintf(path, sizeof path, "/proc/%d/status", (int)child);
	if ((fp = fopen(path, "r"))) {
		while (fgets(line, sizeof line, fp))
			sscanf(line, "voluntary_ctxt_switches: %lld", switches);
		fclose(fp);
	}
}

static bool step_idle(double seconds)
{
	long long us0, t0, s0, us1, t1, s1;
	struct burst b = { 0 };
	cpu_now(&us0, &t0, &s0);
	double end = now_ms() + seconds * 1e3;
	while (now_ms() < end) {
		struct pollfd p = { master, POLLIN, 0 };
		int r = poll(&p, 1, (int)(end - now_ms()) + 1);
		if (r > 0) {
			char buf[4096];
			ssize_t n = read(master, buf, sizeof buf);
			if (n <= 0)
				return false;
			count(&b, buf, (size_t)n);
		}
	}
	cpu_now(&us1, &t1, &s1);
	printf("step=idle seconds=%g bytes=%zu clears=%zu writes=%zu cpu_us=%lld "
	       "cpu_ticks=%lld wakeups=%lld\n", seconds, b.bytes, b.clears, writes(),
	       us1 - us0, t1 - t0, s1 - s0);
	return true;
}

static bool step_end(const char *keys)
{
	struct burst b = { 0 };
	int status;
	struct rusage ru;
	if (!type(keys))
		return false;
	double deadline = now_ms() + FIRST_WAIT_MS;
	for (;;) {
		pid_t r = wait4(child, &status, WNOHANG, &ru);
		if (r == child)
			break;
		if (now_ms() > deadline) {
			kill(child, SIGKILL);
			wait4(child, &status, 0, &ru);
			printf("step=end timeout=1\n");
			return false;
		}
		struct pollfd p = { master, POLLIN, 0 };
		if (poll(&p, 1, 20) > 0) {
			char buf[4096];
			ssize_t n = read(master, buf, sizeof buf);
			if (n > 0)
				count(&b, buf, (size_t)n);
		}
	}
	printf("step=end bytes=%zu clears=%zu writes=%zu status=%d peak_rss_kib=%ld\n",
	       b.bytes, b.clears, writes(),
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), ru.ru_maxrss);
	child = -1;
	return true;
}

static bool step(const char *s)
{
	struct burst b;
	const char *eq = strchr(s, '=');
	if (!strcmp(s, "first")) {
		if (!drain(&b) || b.bytes == 0)
			return false;
		printf("step=first bytes=%zu clears=%zu writes=%zu ms=%.1f\n", b.bytes,
		       b.clears, traced_writes(&b), b.last - spawned);
		return true;
	}
	if (!eq)
		return false;
	if (!strncmp(s, "idle=", 5))
		return step_idle(atof(eq + 1));
	if (!strncmp(s, "end=", 4))
		return step_end(eq + 1);
	if (!strncmp(s, "size=", 5)) {
		struct winsize ws = { 0 };
		if (sscanf(eq + 1, "%hux%hu", &ws.ws_col, &ws.ws_row) != 2 ||
		    ioctl(master, TIOCSWINSZ, &ws) < 0)
			return false;
	} else if (!type(eq + 1)) {
		return false;
	}
	if (!drain(&b))
		return false;
	size_t w = traced_writes(&b);
	if (strncmp(s, "skip=", 5) != 0)
		printf("step=%.*s bytes=%zu clears=%zu writes=%zu\n", (int)(eq - s), s, b.bytes,
		       b.clears, w);
	return true;
}

/* Runs cmd under strace, logging only the write() calls to this terminal. */
static void exec_traced(char **cmd)
{
	const char *tty = ttyname(STDIN_FILENO);
	size_t n = 0;
	while (cmd[n])
		n++;
	const char *pre[] = { "strace", "-qq", "-o", trace_path, "-e", "trace=write",
			      "-e", "signal=none", "-P", tty ? tty : "/dev/tty", "--" };
	size_t k = sizeof pre / sizeof *pre;
	char **args = calloc(k + n + 1, sizeof *args);
	if (!args)
		_exit(127);
	memcpy(args, pre, sizeof pre);
	memcpy(args + k, cmd, n * sizeof *cmd);
	execvp("strace", args);
	_exit(127);
}

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int i = 1;
	for (; i + 1 < argc && argv[i][0] == '-' && argv[i][1] != '-'; i += 2) {
		if (!strcmp(argv[i], "-s"))
			sscanf(argv[i + 1], "%hux%hu", &ws.ws_col, &ws.ws_row);
		else if (!strcmp(argv[i], "-q"))
			quiet_ms = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-w"))
			trace_path = argv[i + 1];
	}
	int steps = i;
	while (i < argc && strcmp(argv[i], "--") != 0)
		i++;
	if (i + 1 >= argc) {
		fputs("usage: ptydrive [-s COLSxROWS] [-q QUIET_MS] [-w TRACE] STEP... -- CMD "
		      "[ARG]...\n", stderr);
		return 2;
	}
	argv[i] = NULL;
	spawned = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("ptydrive: forkpty");
		return 1;
	}
	if (child == 0) {
		if (trace_path)
			exec_traced(argv + i + 1);
		execvp(argv[i + 1], argv + i + 1);
		_exit(127);
	}
	int status = 0;
	for (int k = steps; argv[k]; k++) {
		if (!step(argv[k])) {
			fprintf(stderr, "ptydrive: step '%s' failed\n", argv[k]);
			status = 1;
			break;
		}
		fflush(stdout);
	}
	if (child > 0) {
		kill(child, SIGTERM);
		waitpid(child, NULL, 0);
	}
	return status;
}
