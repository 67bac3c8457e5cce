/* diag.h - located messages (errors and warnings) collected by the loader. */
#ifndef ROLLWISE_DIAG_H
#define ROLLWISE_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_level level;
	char *path;	/* file the message is about */
	int line, col;	/* 1-based; 0 when the message is about the whole file */
	char *msg;
};

struct diag_count;

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
	struct diag_count *counts;	/* messages per file, for the cap */
	size_t counts_size, npaths;
};

/* Most messages kept for one file; past it one "too many errors" line is added. */
#define DIAG_MAX_PER_FILE 50

/* Appends a message (printf-style, fmt marked with N_(): it is translated
 * here, once the message is known to be kept); the list owns copies of
 * path and text. */
void diag_add(struct diags *d, enum diag_level level, const char *path,
	      int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* diag_add with the arguments in ap and fmt already translated (or not to
 * be), so a message made elsewhere is formatted once. */
void diag_vadd(struct diags *d, enum diag_level level, const char *path,
	       int line, int col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
/* Sorts the messages from index from on by line and column (stable). */
void diag_sort(struct diags *d, size_t from);
/* Writes every message as "path:line:col: error: msg", control characters escaped. */
void diag_print(const struct diags *d, FILE *fp);
/* Frees the messages, leaving an empty list. */
void diag_free(struct diags *d);
/* Writes s to fp with control characters and invalid bytes shown as \xNN. */
void diag_put_safe(FILE *fp, const char *s);

#endif
