/* stop.h - the signals that end the program (Ctrl-C, SIGTERM, a hang-up),
 * caught once in main: the handler only records the signal, and the front
 * ends stop at their next read, save and return. */
#ifndef ROLLWISE_STOP_H
#define ROLLWISE_STOP_H

/* Installs the handlers (without SA_RESTART, so a blocked read returns)
 * and ignores SIGPIPE. */
void stop_catch(void);
/* The signal that asked the program to stop, or 0. */
int stop_signal(void);
/* Ignores further stop signals while shutting down. */
void stop_hold(void);
/* A descriptor that becomes readable when a stop signal arrives (for
 * poll), or -1. */
int stop_fd(void);
/* The file to fsync before the process is suspended (Ctrl-Z), or -1. */
void stop_sync_fd(int fd);
/* Takes over SIGTSTP, chaining to the handler in place (curses' own, once
 * the screen is set up) or to the default stop. */
void stop_chain_suspend(void);

#endif
