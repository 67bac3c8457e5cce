/* io.h - plain mode's lines in and out: text wrapped to a width, and
 * prompts that accept only what their table lists ('?' lists it). */
#ifndef ROLLWISE_PLAIN_IO_H
#define ROLLWISE_PLAIN_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/flow.h"

struct io {
	FILE *in, *out;
	int width;		/* 0: no hard wrapping */
	bool echo;		/* input is not a terminal: echo it */
	bool eof;		/* input ended, or a stop signal came */
	char *line;
	size_t cap;
	void (*idle)(void *ctx);	/* called before each wait for input */
	void *ctx;
};

/* What a prompt accepts: word "" is Enter, "#" a number from 1 to the
 * prompt's max, "*" any other text (the caller reads it); 0 ends a table.
 * The prompt line is made from the labels, '?' lists the help texts. */
struct cmd {
	const char *word;
	int action;
	const char *label;	/* short, on the prompt line; NULL: only in '?' */
	const char *help;
};

struct prompt {
	const char *intro;	/* what to type first ("Course number"), or NULL */
	const struct cmd *cmds;
	size_t max;		/* numbers from 1 to max; 0: none now */
	const char *enter;	/* Enter's label now, NULL: its own */
};

enum { IO_END = -1 };

/* Writes s wrapped to the width, continuation lines indented by indent. */
void io_put(struct io *o, int indent, const char *s);
/* Writes s wrapped, the first line indented by first, the rest by indent. */
void io_put2(struct io *o, int first, int indent, const char *s);
/* io_put of a formatted string. */
void io_say(struct io *o, int indent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Writes page markup laid out to the width. */
void io_markup(struct io *o, const char *markup);
/* Writes flow lines with their indents. */
void io_lines(struct io *o, const struct flow_lines *l);
/* Writes an empty line. */
void io_blank(struct io *o);
/* Asks until the input matches pr's commands; returns the action (IO_END
 * at the end of input), with *num (0-based) for "#" and *text for "*". */
int io_ask(struct io *o, const struct prompt *pr, size_t *num, const char **text);
/* Frees the line buffer. */
void io_free(struct io *o);

#endif
