/* cli.h - the command line: options and the commands that print and exit. */
#ifndef ROLLWISE_CLI_H
#define ROLLWISE_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum command { CMD_TUTOR, CMD_CHECK, CMD_LIST, CMD_PROGRESS, CMD_REVIEW };

struct options {
	enum command cmd;
	bool plain;		/* --plain */
	char **lessons;		/* --lessons DIR, in order */
	size_t nlessons;
	char **args;		/* positional arguments after the command */
	size_t nargs;
	const char *format;	/* progress --format */
	int width;		/* --width for plain mode; -1 when not given */
};

/* Parses argv into o (o owns only its arrays); on a usage error prints a
 * message and returns 2, after --help/--version returns 0, else -1. */
int cli_parse(int argc, char **argv, struct options *o);
/* Frees the arrays of o. */
void cli_free(struct options *o);
/* rollwise check [PATH...]: prints every problem; returns the exit status. */
int cli_check(const struct options *o);
/* rollwise list: one line per course; returns the exit status. */
int cli_list(const struct options *o);

/* rollwise progress: the learner's results as text, CSV or JSON. */
int cli_progress(const struct options *o);

#endif
