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

#endif
