/* stop.c - stop signals as a flag (and a byte on a pipe, so a wait in poll
 * wakes at once), and suspension that first makes saved progress durable. */
#include "stop.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static int wake[2] = { -1, -1 };
static volatile sig_atomic_t sync_fd = -1;
static struct sigaction before_tstp, our_tstp;

static void on_signal(int sig)
{
	int e = errno;
	got = sig;
	if (wake[1] >= 0 && write(wake[1], "", 1) < 0) {
		/* full: a byte is already waiting */
	}
	errno = e;
}

void stop_catch(void)
{
	struct sigaction sa;
	if (wake[0] < 0 && pipe2(wake, O_CLOEXEC | O_NONBLOCK) < 0)
		wake[0] = wake[1] = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int stop_signal(void)
{
	return got;
}

int stop_fd(void)
{
	return wake[0];
}

void stop_hold(void)
{
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
}

void stop_sync_fd(int fd)
{
	sync_fd = fd;
}

/* Ctrl-Z: fsync what was saved, then suspend the way the handler before
 * ours would (curses restores the terminal), or stop as by default. */
static void on_suspend(int sig)
{
	int e = errno;
	if (sync_fd >= 0)
		fsync(sync_fd);
	if (!(before_tstp.sa_flags & SA_SIGINFO) && before_tstp.sa_handler != SIG_DFL &&
	    before_tstp.sa_handler != SIG_IGN) {
		before_tstp.sa_handler(sig);
	} else if (before_tstp.sa_handler == SIG_DFL) {
		sigset_t m;
		sigaction(SIGTSTP, &before_tstp, NULL);
		sigemptyset(&m);
		sigaddset(&m, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &m, NULL);
		raise(SIGTSTP);	/* stops here until SIGCONT */
	}
	sigaction(SIGTSTP, &our_tstp, NULL);
	errno = e;
}

void stop_chain_suspend(void)
{
	memset(&our_tstp, 0, sizeof our_tstp);
	our_tstp.sa_handler = on_suspend;
	sigemptyset(&our_tstp.sa_mask);
	our_tstp.sa_flags = SA_RESTART;
	sigaction(SIGTSTP, &our_tstp, &before_tstp);
}
