/* commands.h - every command of rollwise, in one table: its name, usage,
 * argument rule and handler (as tmux's cmd_entry). */
#ifndef ROLLWISE_COMMANDS_H
#define ROLLWISE_COMMANDS_H

#include <stddef.h>

struct catalog;
struct options;

/* What a command takes besides its arguments. */
enum {
	CMD_FORMAT = 1,	/* --format */
	CMD_REVIEW = 2,	/* the tutor asks only the questions due for review */
	CMD_CLASS = 4,	/* --group and --force */
	CMD_COURSE = 8,	/* --course */
};

struct cmd_entry {
	const char *name;	/* NULL for the tutor: no command given */
	const char *args;	/* its arguments, for the usage line ("" for none) */
	const char *help;	/* for --help; lines after the first split by '\n' */
	size_t max_args;	/* more arguments than this are a usage error */
	unsigned flags;		/* CMD_* */
	int (*exec)(const struct options *o);	/* returns the exit status */
};

/* The commands, the tutor first. */
extern const struct cmd_entry cmd_table[];
/* How many entries cmd_table has. */
extern const size_t cmd_count;

/* The entry named name, or NULL; cmd_find(NULL) is the tutor. */
const struct cmd_entry *cmd_find(const char *name);

/* Says on stderr that course, or its lesson, does not exist, naming the
 * ones that do (or the command that lists them); returns 1, the exit status. */
int cmd_not_found(const struct catalog *cat, const char *course, const char *lesson);

/* The tutor (main.c): the course menu, a named course or lesson, or review. */
int tutor(const struct options *o);

#endif
