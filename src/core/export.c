/* export.c - the progress table in three formats. Every format is built from
 * the same cells, so they cannot disagree. */
#include "core/export.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { COURSE, LESSON, STATUS, BEST, ATTEMPTS, FIRST, LAST, VERSION, HASH, NCOLS };

/* Names for CSV and JSON, then headings for people. */
static const char *const col_key[NCOLS] = {
	"course", "lesson", "status", "best_score", "attempts", "first_passed",
	"last_attempt", "course_version", "content_hash",
};
static const char *const col_head[NCOLS] = {
	"COURSE", "LESSON", "STATUS", "BEST", "ATTEMPTS", "FIRST PASSED",
	"LAST ATTEMPT", "VERSION", "HASH",
};
/* Columns written as JSON numbers. */
static const bool col_number[NCOLS] = { [BEST] = true, [ATTEMPTS] = true, [VERSION] = true };

/* A row's cells; "" is a missing value. */
struct row {
	char *cell[NCOLS];
};

int export_format_parse(const char *name, enum export_format *out)
{
	static const char *const names[] = { "text", "csv", "json" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, names[i])) {
			*out = (enum export_format)i;
			return 0;
		}
	return -1;
}

static const char *status_name(const struct lesson_status *st)
{
	switch (st->state) {
	case LESSON_IN_PROGRESS: return "in progress";
	case LESSON_PASSED: return st->updated ? "passed (updated since)" : "passed";
	case LESSON_NOT_PASSED: return "not passed";
	case LESSON_NOT_STARTED: break;
	}
	return "not started";
}

static char *time_cell(time_t t)
{
	char buf[21];
	if (t == 0)
		return xstrdup("");
	progress_format_time(t, buf);
	return xstrdup(buf);
}

static void row_fill(struct row *r, const char *course, const char *lesson,
		     const struct lesson_status *st)
{
	r->cell[COURSE] = xstrdup(course);
	r->cell[LESSON] = xstrdup(lesson);
	r->cell[STATUS] = xstrdup(status_name(st));
	r->cell[BEST] = st->best < 0 ? xstrdup("") : xasprintf("%d", st->best);
	r->cell[ATTEMPTS] = xasprintf("%" PRIu64, st->attempts);
	r->cell[FIRST] = time_cell(st->first_passed);
	r->cell[LAST] = time_cell(st->last_attempt);
	r->cell[VERSION] = st->version < 0 ? xstrdup("") : xasprintf("%d", st->version);
	r->cell[HASH] = xstrdup(st->hash);
}

static bool in_catalog(const struct catalog *cat, const struct lesson_progress *lp)
{
	const struct course *c = catalog_find(cat, lp->course);
	return c && course_lesson(c, lp->lesson);
}

/* The rows, in catalog order and then the lessons only the records know. */
static size_t rows_collect(const struct progress *p, const struct catalog *cat,
			   struct row **out)
{
	size_t n = 0, cap = p->nlessons;
	for (size_t i = 0; i < cat->n; i++)
		cap += cat->courses[i]->nlessons;
	struct row *rows = xcalloc(cap, sizeof *rows);
	for (size_t i = 0; i < cat->n; i++) {
		const struct course *c = cat->courses[i];
		for (size_t j = 0; j < c->nlessons; j++) {
			struct lesson_status st;
			progress_lesson_status(p, c, &c->lessons[j], &st);
			row_fill(&rows[n++], c->id, c->lessons[j].id, &st);
		}
	}
	for (size_t i = 0; i < p->nlessons; i++) {
		const struct lesson_progress *lp = &p->lessons[i];
		struct lesson_status st;
		if (in_catalog(cat, lp))
			continue;
		progress_record_status(p, lp->course, lp->lesson, NULL, &st);
		row_fill(&rows[n++], lp->course, lp->lesson, &st);
	}
	*out = rows;
	return n;
}

/* ---- text: aligned columns; nothing that could drive a terminal ---- */

static char *text_safe(const char *s)
{
	size_t n = strlen(s), i = 0, k = 0;
	char *d = xmalloc(n + 1);
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0 || utf8_unsafe(cp) || cp == '\t' || cp == '\n') {
			d[k++] = '?';
			i += len ? len : 1;
		} else {
			memcpy(d + k, s + i, len);
			k += len;
			i += len;
		}
	}
	d[k] = '\0';
	return d;
}

/* One line, each column padded to its width; no blanks at the end. */
static void text_line(FILE *fp, const char *const cell[NCOLS], const int width[NCOLS])
{
	int last = NCOLS - 1, pad = 0;
	while (last > 0 && cell[last][0] == '\0')
		last--;
	for (int c = 0; c <= last; c++) {
		fprintf(fp, "%*s%s", pad, "", cell[c]);
		pad = width[c] - utf8_strwidth(cell[c], strlen(cell[c])) + 2;
	}
	fputc('\n', fp);
}

static void write_text(FILE *fp, struct row *rows, size_t n)
{
	int width[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		width[c] = (int)strlen(col_head[c]);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < NCOLS; c++) {
			char *s = text_safe(rows[i].cell[c]);
			free(rows[i].cell[c]);
			rows[i].cell[c] = s;
			if (c == BEST && s[0]) {
				rows[i].cell[c] = xasprintf("%s%%", s);
				free(s);
			}
			int w = utf8_strwidth(rows[i].cell[c], strlen(rows[i].cell[c]));
			if (w > width[c])
				width[c] = w;
		}
	text_line(fp, col_head, width);
	for (size_t i = 0; i < n; i++)
		text_line(fp, (const char *const *)rows[i].cell, width);
}

/* ---- CSV (RFC 4180) ---- */

static void csv_field(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void write_csv(FILE *fp, const struct row *rows, size_t n)
{
	for (int c = 0; c < NCOLS; c++)
		fprintf(fp, "%s%s", c ? "," : "", col_key[c]);
	fputs("\r\n", fp);
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < NCOLS; c++) {
			if (c)
				fputc(',', fp);
			csv_field(fp, rows[i].cell[c]);
		}
		fputs("\r\n", fp);
	}
}

/* ---- JSON: an array of objects ---- */

static void json_string(FILE *fp, const char *s)
{
	size_t n = strlen(s), i = 0;
	fputc('"', fp);
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			fputs("\\ufffd", fp);	/* not UTF-8: JSON must be */
			len = 1;
		} else if (cp == '"' || cp == '\\') {
			fprintf(fp, "\\%c", (char)cp);
		} else if (cp < 0x20 || cp == 0x7f) {
			const char *esc = cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : cp == '\t' ? "\\t" : NULL;
			if (esc)
				fputs(esc, fp);
			else
				fprintf(fp, "\\u%04x", (unsigned)cp);
		} else {
			fwrite(s + i, 1, len, fp);
		}
		i += len;
	}
	fputc('"', fp);
}

static void write_json(FILE *fp, const struct row *rows, size_t n)
{
	fputc('[', fp);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n  {" : "\n  {", fp);
		for (int c = 0; c < NCOLS; c++) {
			const char *v = rows[i].cell[c];
			fprintf(fp, "%s\"%s\": ", c ? ", " : "", col_key[c]);
			if (v[0] == '\0' && c != COURSE && c != LESSON)
				fputs("null", fp);
			else if (col_number[c])
				fputs(v, fp);
			else
				json_string(fp, v);
		}
		fputc('}', fp);
	}
	fputs(n ? "\n]\n" : "]\n", fp);
}

int export_write(FILE *fp, enum export_format fmt, const struct progress *p,
		 const struct catalog *cat, char **err)
{
	struct row *rows;
	size_t n = rows_collect(p, cat, &rows);
	*err = NULL;
	errno = 0;
	if (fmt == EXPORT_CSV)
		write_csv(fp, rows, n);
	else if (fmt == EXPORT_JSON)
		write_json(fp, rows, n);
	else
		write_text(fp, rows, n);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < NCOLS; c++)
			free(rows[i].cell[c]);
	free(rows);
	if (fflush(fp) == EOF || ferror(fp)) {
		*err = xasprintf("cannot write the progress table: %s",
				 errno ? strerror(errno) : "write error");
		return -1;
	}
	return 0;
}
