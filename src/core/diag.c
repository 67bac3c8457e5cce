/* diag.c - collect and print located messages. */
#include "core/diag.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static size_t count_for(const struct diags *d, const char *path)
{
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].path, path) == 0)
			k++;
	return k;
}

/* Messages about path so far. A file's messages come one after another, so
 * the count for the last path is kept: counting every time made a folder of
 * broken files quadratic (a million bad bytes in each). */
static size_t count_cached(struct diags *d, const char *path)
{
	if (d->n == 0 || strcmp(d->v[d->n - 1].path, path) != 0)
		return count_for(d, path);
	return d->last_count;
}

static void push(struct diags *d, enum diag_level level, const char *path,
		 int line, int col, char *msg)
{
	d->last_count = count_cached(d, path) + 1;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = (struct diag){ level, xstrdup(path), line, col, msg };
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void diag_add(struct diags *d, enum diag_level level, const char *path,
	      int line, int col, const char *fmt, ...)
{
	size_t have = count_cached(d, path);
	if (have > DIAG_MAX_PER_FILE)
		return;
	if (have == DIAG_MAX_PER_FILE) {
		push(d, DIAG_ERROR, path, 0, 0,
		     xstrdup("too many problems; stopped reporting this file"));
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	push(d, level, path, line, col, msg);
}

void diag_put_safe(FILE *fp, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0 || (utf8_unsafe(cp) && cp != '\t') || cp == '\n') {
			/* one byte at a time: an invalid or unsafe character is shown, not sent */
			for (size_t j = 0; j < (k ? k : 1); j++)
				fprintf(fp, "\\x%02x", (unsigned char)s[i + j]);
		} else {
			fwrite(s + i, 1, k, fp);
		}
		i += k ? k : 1;
	}
}

void diag_print(const struct diags *d, FILE *fp)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		diag_put_safe(fp, g->path);
		if (g->line > 0)
			fprintf(fp, ":%d:%d", g->line, g->col);
		fputs(g->level == DIAG_ERROR ? ": error: " : ": warning: ", fp);
		diag_put_safe(fp, g->msg);
		fputc('\n', fp);
	}
}

void diag_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	*d = (struct diags){ 0 };
}

/* Messages about the whole file (line 0) go last. */
static bool before(const struct diag *a, const struct diag *b)
{
	unsigned la = (unsigned)a->line - 1, lb = (unsigned)b->line - 1;
	return la < lb || (la == lb && a->col < b->col);
}

void diag_sort(struct diags *d, size_t from)
{
	/* Insertion sort: stable, and one file has at most ~50 messages. */
	for (size_t i = from + 1; i < d->n; i++) {
		struct diag x = d->v[i];
		size_t j = i;
		while (j > from && before(&x, &d->v[j - 1])) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = x;
	}
	if (d->n > 0)
		d->last_count = count_for(d, d->v[d->n - 1].path);
}
