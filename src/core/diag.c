/* diag.c - collect and print located messages. */
#include "core/diag.h"
#include "core/i18n.h"
#include "core/hash.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* How many messages a file has; path is the copy in its first message. */
struct diag_count {
	const char *path;
	size_t n;
};

/* The slot of path in the table of counts, or the empty one where it goes. */
static struct diag_count *slot_of(const struct diags *d, const char *path)
{
	size_t mask = d->counts_size - 1, i = hash_str(path) & mask;
	while (d->counts[i].path && strcmp(d->counts[i].path, path) != 0)
		i = (i + 1) & mask;
	return &d->counts[i];
}

/* The count of messages about path, made when it has none. A table, as
 * counting the whole list for each new file made a folder of broken files
 * quadratic. */
static struct diag_count *count_of(struct diags *d, const char *path)
{
	if (2 * (d->npaths + 1) > d->counts_size) {
		struct diag_count *old = d->counts;
		size_t n = d->counts_size;
		d->counts_size = n ? 2 * n : 16;
		d->counts = xcalloc(d->counts_size, sizeof *d->counts);
		for (size_t i = 0; i < n; i++)
			if (old[i].path)
				*slot_of(d, old[i].path) = old[i];
		free(old);
	}
	return slot_of(d, path);
}

static void push(struct diags *d, struct diag_count *k, enum diag_level level,
		 const char *path, int line, int col, char *msg)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = (struct diag){ level, xstrdup(path), line, col, msg };
	if (!k->path) {
		k->path = d->v[d->n - 1].path;
		d->npaths++;
	}
	k->n++;
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

/* The count of path's messages when one more is kept, else NULL (past the
 * cap, where "too many problems" has been said once). */
static struct diag_count *room(struct diags *d, const char *path)
{
	struct diag_count *k = count_of(d, path);
	if (k->n > DIAG_MAX_PER_FILE)
		return NULL;
	if (k->n == DIAG_MAX_PER_FILE) {
		push(d, k, DIAG_ERROR, path, 0, 0,
		     xstrdup(_("too many problems; stopped reporting this file")));
		return NULL;
	}
	return k;
}

void diag_vadd(struct diags *d, enum diag_level level, const char *path,
	       int line, int col, const char *fmt, va_list ap)
{
	struct diag_count *k = room(d, path);
	if (k)
		push(d, k, level, path, line, col, xvasprintf(fmt, ap));
}

void diag_add(struct diags *d, enum diag_level level, const char *path,
	      int line, int col, const char *fmt, ...)
{
	/* translated and formatted only when kept: a file of bad bytes makes
	 * millions, and gettext for each made check 9x slower */
	struct diag_count *k = room(d, path);
	if (!k)
		return;
	va_list ap;
	va_start(ap, fmt);
	push(d, k, level, path, line, col, xvasprintf(_(fmt), ap));
	va_end(ap);
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
		/* TRANSLATORS: the kind of a check message, as compilers say
		   it in your language ("file:3:1: error: ..."). */
		fprintf(fp, ": %s: ", g->level == DIAG_ERROR ? _("error") : _("warning"));
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
	free(d->counts);
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
}
