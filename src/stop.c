/* stop.c - stop signals as a flag. */
#include "stop.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t got;

static void on_signal(int sig)
{
	got = sig;
}

void stop_catch(void)
{
	struct sigaction sa;
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

void stop_hold(void)
{
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
}
