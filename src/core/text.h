/* text.h - text layout: light markup and word wrap to a width, UTF-8 aware. */
#ifndef ROLLWISE_TEXT_H
#define ROLLWISE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Attributes of a byte of laid-out text. */
enum { TEXT_EM = 1 };

struct text_line {
	char *text;		/* UTF-8, no newline */
	unsigned char *attr;	/* one TEXT_* mask per byte of text */
	size_t len;		/* bytes */
	int width;		/* columns */
};

struct text {
	struct text_line *lines;
	size_t n, cap;
};

/* Lays out page markup (paragraphs, "- " bullets, *emphasis*) in lines of
 * at most width columns, appending to t. Blank lines separate blocks. */
void text_layout(struct text *t, const char *markup, int width);
/* How many lines text_layout would make of markup at width, counted
 * without building them. */
size_t text_layout_lines(const char *markup, int width);
/* Wraps plain text (no markup) to width, first line indented by first
 * columns and the rest by rest columns, appending to t. */
void text_wrap(struct text *t, const char *s, int width, int first, int rest);
/* Appends one line as is (truncated to width columns). */
void text_add(struct text *t, const char *s, unsigned char attr, int width);
/* Frees the lines, leaving t empty. */
void text_free(struct text *t);
/* Copies s to a new string with control and bidi characters and invalid
 * bytes replaced by U+FFFD, so it is safe to print; caller frees. */
char *text_sanitize(const char *s);
/* The same for one cell of a table (a report, an export): newline and tab
 * go too, and what goes becomes '?'; caller frees. */
char *text_sanitize_cell(const char *s);
/* A new string of s truncated to at most width columns, never cutting a
 * character in half; caller frees. */
char *text_fit(const char *s, int width);

/* s cut to at most width columns at a word, with "..." when cut; caller frees. */
char *text_ellipsize(const char *s, int width);

#endif
