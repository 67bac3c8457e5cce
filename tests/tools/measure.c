/* measure - runs a command and prints what it cost, for the shell tests.
 *
 *   measure SECONDS OUT ERR CMD [ARG]...
 *
 * Runs CMD with stdin from /dev/null, stdout into the file OUT and stderr
 * into ERR, and kills it after SECONDS. Prints one line:
 *
 *   STATUS WALL_MS CPU_MS PEAK_KIB
 *
 * STATUS is the exit status (127: CMD could not be run), "signal-N" or
 * "timeout"; CPU_MS is user plus system time and PEAK_KIB the peak resident
 * memory, both of CMD alone (a small program forks it, so the peak is not a
 * big parent's). Exit status 0, or 2 for a usage error. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void child(char **argv, const char *out, const char *err)
{
	int in = open("/dev/null", O_RDONLY);
	int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
		_exit(126);
	execvp(argv[0], argv);
	_exit(127);
}

/* Waits for pid until deadline (ms); true when it exited in time. */
static bool wait_until(pid_t pid, double deadline, int *status, struct rusage *ru)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	for (;;) {
		pid_t r = wait4(pid, status, WNOHANG, ru);
		if (r == pid)
			return true;
		long left = (long)(deadline - now_ms());
		if (left <= 0)
			return false;
		struct timespec ts = { left / 1000, left % 1000 * 1000000 };
		sigtimedwait(&set, NULL, &ts);
	}
}

int main(int argc, char **argv)
{
	if (argc < 5 || atoi(argv[1]) <= 0) {
		fputs("usage: measure SECONDS OUT ERR CMD [ARG]...\n", stderr);
		return 2;
	}
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	double start = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 2;
	}
	if (pid == 0) {
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		child(argv + 4, argv[2], argv[3]);
	}
	int status = 0;
	struct rusage ru = { 0 };
	bool done = wait_until(pid, start + atoi(argv[1]) * 1e3, &status, &ru);
	if (!done) {
		kill(pid, SIGKILL);
		wait4(pid, &status, 0, &ru);
	}
	double wall = now_ms() - start;
	long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000L +
		   (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000L;
	if (!done)
		printf("timeout");
	else if (WIFSIGNALED(status))
		printf("signal-%d", WTERMSIG(status));
	else
		printf("%d", WEXITSTATUS(status));
	printf(" %.0f %ld %ld\n", wall, cpu, ru.ru_maxrss);
	return 0;
}
