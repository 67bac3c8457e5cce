/* cli.h - the command line: options, --help, and running the command. */
#ifndef ROLLWISE_CLI_H
#define ROLLWISE_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct cmd_entry;

struct options {
	const struct cmd_entry *cmd;	/* from cmd_table (commands.h) */
	bool plain;		/* --plain */
	char **lessons;		/* --lessons DIR, in order */
	size_t nlessons;
	char **args;		/* positional arguments after the command */
	size_t nargs;
	const char *format;	/* --format, checked to be one export_format_parse knows */
	bool answers;		/* --answers: progress writes every answer */
	const char *group;	/* --group, for class init */
	bool force;		/* --force, for class init */
	const char *course;	/* --course, for report */
	int width;		/* --width for plain mode; -1 when not given */
};

/* Parses argv into o (o owns only its arrays); on a usage error prints a
 * message and returns 2, after --help/--version returns 0, else -1. */
int cli_parse(int argc, char **argv, struct options *o);
/* Runs the command o names; returns the exit status. */
int cli_run(const struct options *o);
/* Prints "rollwise: " and the message on stderr, with control characters
 * escaped: ids and paths in it may come from files or the command line. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints msg on stdout, line by line, with control characters escaped. */
void cli_say(const char *msg);
/* The one way a fatal error ends the program: gives the terminal back if
 * the curses screen is up, prints "rollwise: " and the message as
 * cli_error does (without allocating: it serves out of memory too) and
 * exits with status 1. */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Frees the arrays of o. */
void cli_free(struct options *o);

#endif
