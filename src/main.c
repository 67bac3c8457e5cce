/* main.c - entry point: parse the command line, run a command or the tutor. */
#include "cli.h"
#include "commands.h"
#include "core/flow.h"
#include "core/i18n.h"
#include "core/session.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "plain/plain.h"
#include "core/charset.h"
#include "tui/tui.h"

#include "lang.h"
#include "stop.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Why the tutor cannot draw screens here, or NULL when it can. */
static const char *why_plain(void)
{
	const char *term = getenv("TERM");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return _("not a terminal");
	if (!term || !*term || !strcmp(term, "dumb"))
		return _("TERM is unset or dumb");
	return NULL;
}

/* Plain mode's width: --width, the terminal's, COLUMNS, then 80; a column
 * is left free so a full line does not wrap on its own. */
static int plain_width(const struct options *o)
{
	if (o->width >= 0)
		return o->width;
	struct winsize ws;
	long cols = 0;
	const char *env = getenv("COLUMNS");
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	else if (env && *env)
		cols = strtol(env, NULL, 10);
	if (cols <= 0 || cols > 1000)
		cols = 80;
	return cols < 21 ? 20 : (int)cols - 1;
}

int tutor(const struct options *o)
{
	struct session s;
	size_t nlangs;
	char *const *langs = lang_courses(&nlangs);
	session_open(&s, o->lessons, o->nlessons, langs, nlangs);
	const char *course = o->nargs > 0 ? o->args[0] : NULL;
	const char *lesson = o->nargs > 1 ? o->args[1] : NULL;
	bool review = o->cmd->flags & CMD_REVIEW;
	int status = -1;
	struct due_item *due = NULL;
	if (review && session_due(&s, &due) == 0) {
		puts(flow_nothing_due_text());
		status = 0;
	}
	free(due);
	const char *why = o->plain ? "" : why_plain();
	if (status < 0 && !why) {
		status = tui_run(&s, course, lesson, review);
		if (status < 0)
			why = _("the terminal type is not known");
	}
	if (status < 0) {
		if (*why)
			fprintf(stderr, _("rollwise: plain mode (%s)\n"), why);
		status = plain_run(&s, stdin, stdout, plain_width(o), course, lesson, review);
	}
	if (status == 1 && course)
		cmd_not_found(&s.cat, course, lesson);
	bool saved = session_all_saved(&s);
	char *w = stop_signal() ? session_take_warning(&s) : NULL;
	session_close(&s);
	if (stop_signal()) {
		if (w)
			cli_error("%s", w);
		free(w);
		fprintf(stderr, "%s\n", flow_stopped_text(saved));
		return 128 + stop_signal();
	}
	return status;
}

/* Standard descriptors closed by whoever started us are opened on
 * /dev/null, so that no file opened later (the progress lock) takes their
 * place and receives our output. */
static void std_fds_open(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n >= 0 && n != fd) {	/* cannot happen: the lowest is free */
			dup2(n, fd);
			close(n);
		}
	}
}

/* Standard output is a pipe nobody reads any more (head has exited): the
 * kernel flags the writing end with POLLERR. errno cannot tell it once a
 * buffered write failed earlier and later calls have set errno anew. */
static bool reader_gone(void)
{
	struct stat st;
	struct pollfd p = { .fd = 1, .events = POLLOUT };
	return fstat(1, &st) == 0 && S_ISFIFO(st.st_mode) && poll(&p, 1, 0) == 1 &&
	       (p.revents & POLLERR);
}

/* Output that could not be written is an error, as in coreutils: a full
 * disk must not look like success. A closed pipe (head) is not reported. */
static int stdout_close(int status)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout) && fclose(stdout) == 0)
		return status;
	if (errno != EPIPE && !reader_gone())
		die(_("write error: %s"), errno ? strerror(errno) : _("the output could not be written"));
	return status ? status : 1;
}

static void out_of_memory(void)
{
	die("%s", _("out of memory"));
}

/* Before a front end is up (loading): a wait for the lock is said on stderr. */
static void waiting(long pid)
{
	if (pid < 0)
		return;
	char *w = flow_waiting_text(pid);
	fprintf(stderr, "%s\n", w);
	free(w);
}

/* A stop signal ends a wait for the progress lock. */
static bool stop_requested(void)
{
	return stop_signal() != 0;
}

int main(int argc, char **argv)
{
	struct options o;
	static char errbuf[BUFSIZ];
	std_fds_open();
	/* A line a write: unbuffered, check wrote each escaped byte of its
	 * messages by itself (3.4 million writes for 1,000 broken files). A
	 * buffer of our own, so that saying "out of memory" needs none. */
	setvbuf(stderr, errbuf, _IOLBF, sizeof errbuf);
	xalloc_fail = out_of_memory;
	lang_init(lang_arg(argc, argv));
	charset_wrap_stdio();
	stop_catch();
	store_interrupted = stop_requested;
	store_waiting = waiting;
	int status = cli_parse(argc, argv, &o);
	if (status < 0)
		status = cli_run(&o);
	cli_free(&o);
	return stdout_close(status);
}
