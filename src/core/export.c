/* export.c - the progress table in three formats. Every format is built from
 * the same cells, so they cannot disagree. */
#include "core/export.h"
#include "core/text.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Cell types: how JSON writes a cell ("" is null unless a string). */
enum cell { CELL_STRING, CELL_NUMBER, CELL_BOOL, CELL_NUMBERS };

struct column {
	const char *key;	/* for CSV and JSON */
	const char *head;	/* for people */
	enum cell type;
	bool id;		/* always a string, even when empty (never null) */
};
#define MAX_COLS 9

/* A table: columns, then rows of cells ("" is a missing value). */
struct table {
	const struct column *col;
	int ncols;
	char **cell;		/* row-major */
	size_t nrows, cap;
};

enum { COURSE, LESSON, STATUS, BEST, ATTEMPTS, FIRST, LAST, VERSION, HASH, NLESSON };

static const struct column lesson_cols[NLESSON] = {
	[COURSE] = { "course", N_("COURSE"), CELL_STRING, true },
	[LESSON] = { "lesson", N_("LESSON"), CELL_STRING, true },
	[STATUS] = { "status", N_("STATUS"), CELL_STRING, false },
	[BEST] = { "best_score", N_("BEST"), CELL_NUMBER, false },
	[ATTEMPTS] = { "attempts", N_("ATTEMPTS"), CELL_NUMBER, false },
	[FIRST] = { "first_passed", N_("FIRST PASSED"), CELL_STRING, false },
	[LAST] = { "last_attempt", N_("LAST ATTEMPT"), CELL_STRING, false },
	[VERSION] = { "course_version", N_("VERSION"), CELL_NUMBER, false },
	[HASH] = { "content_hash", N_("HASH"), CELL_STRING, false },
};

enum { A_TIME, A_COURSE, A_LESSON, A_QUESTION, A_CHOICES, A_RIGHT, A_MODE, A_VERSION,
       A_HASH, NANSWER };

static const struct column answer_cols[NANSWER] = {
	[A_TIME] = { "time", N_("TIME"), CELL_STRING, false },
	[A_COURSE] = { "course", N_("COURSE"), CELL_STRING, true },
	[A_LESSON] = { "lesson", N_("LESSON"), CELL_STRING, true },
	[A_QUESTION] = { "question", N_("QUESTION"), CELL_STRING, true },
	[A_CHOICES] = { "choices", N_("CHOICES"), CELL_NUMBERS, false },
	[A_RIGHT] = { "right", N_("RIGHT"), CELL_BOOL, false },
	[A_MODE] = { "mode", N_("MODE"), CELL_STRING, false },
	[A_VERSION] = { "course_version", N_("VERSION"), CELL_NUMBER, false },
	[A_HASH] = { "content_hash", N_("HASH"), CELL_STRING, false },
};

/* A new row of t; fill its cells with xstrdup'd text. */
static char **row_add(struct table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cell = xreallocarray(t->cell, t->cap * (size_t)t->ncols, sizeof *t->cell);
	}
	return &t->cell[t->nrows++ * (size_t)t->ncols];
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
}

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
	case LESSON_IN_PROGRESS: return N_("in progress");
	case LESSON_PASSED: return st->updated ? N_("passed (updated since)") : N_("passed");
	case LESSON_NOT_PASSED: return N_("not passed");
	case LESSON_NOT_STARTED: break;
	}
	return N_("not started");
}

static char *time_cell(time_t t)
{
	char buf[21];
	if (t == 0)
		return xstrdup("");
	progress_format_time(t, buf);
	return xstrdup(buf);
}

static void row_fill(struct table *t, const char *course, const char *lesson,
		     const struct lesson_status *st)
{
	char **r = row_add(t);
	r[COURSE] = xstrdup(course);
	r[LESSON] = xstrdup(lesson);
	r[STATUS] = xstrdup(status_name(st));
	r[BEST] = st->best < 0 ? xstrdup("") : xasprintf("%d", st->best);
	r[ATTEMPTS] = xasprintf("%" PRIu64, st->attempts);
	r[FIRST] = time_cell(st->first_passed);
	r[LAST] = time_cell(st->last_attempt);
	r[VERSION] = st->version < 0 ? xstrdup("") : xasprintf("%d", st->version);
	r[HASH] = xstrdup(st->hash);
}

static bool in_catalog(const struct catalog *cat, const struct lesson_progress *lp)
{
	const struct course *c = catalog_find(cat, lp->course);
	return c && course_lesson(c, lp->lesson);
}

/* The rows, in catalog order and then the lessons only the records know. */
static void lessons_collect(const struct progress *p, const struct catalog *cat,
			    struct table *t)
{
	for (size_t i = 0; i < cat->n; i++) {
		const struct course *c = cat->courses[i];
		for (size_t j = 0; j < c->nlessons; j++) {
			struct lesson_status st;
			progress_lesson_status(p, c, &c->lessons[j], &st);
			row_fill(t, c->id, c->lessons[j].id, &st);
		}
	}
	for (size_t i = 0; i < p->nlessons; i++) {
		const struct lesson_progress *lp = &p->lessons[i];
		struct lesson_status st;
		if (in_catalog(cat, lp))
			continue;
		progress_record_status(p, lp->course, lp->lesson, NULL, &st);
		row_fill(t, lp->course, lp->lesson, &st);
	}
}

/* An answer and the question it belongs to. */
struct given_answer {
	const struct answer *a;
	const struct question_progress *q;
};

static int answer_time_cmp(const void *va, const void *vb)
{
	const struct answer *a = ((const struct given_answer *)va)->a;
	const struct answer *b = ((const struct given_answer *)vb)->a;
	if (a->st.at != b->st.at)
		return a->st.at < b->st.at ? -1 : 1;
	if (a->st.session != b->st.session)
		return a->st.session < b->st.session ? -1 : 1;
	return a->st.seq < b->st.seq ? -1 : a->st.seq > b->st.seq;
}

/* One row per answer kept, oldest first. */
static void answers_collect(const struct progress *p, struct table *t)
{
	size_t n = 0, k = 0;
	for (size_t i = 0; i < p->nquestions; i++)
		n += p->questions[i].nanswers;
	struct given_answer *v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	for (size_t i = 0; i < p->nquestions; i++)
		for (size_t j = 0; j < p->questions[i].nanswers; j++)
			v[k++] = (struct given_answer){ &p->questions[i].answers[j], &p->questions[i] };
	qsort(v, n, sizeof *v, answer_time_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct answer *an = v[i].a;
		char **r = row_add(t), choices[3 * 32 + 1] = "";
		size_t len = 0;
		for (unsigned c = 0; c < 32; c++)
			if ((an->picked >> c) & 1)
				len += (size_t)snprintf(choices + len, sizeof choices - len, "%s%u",
							len ? " " : "", c + 1);
		r[A_TIME] = time_cell(an->st.at);
		r[A_COURSE] = xstrdup(v[i].q->course);
		r[A_LESSON] = xstrdup(v[i].q->lesson);
		r[A_QUESTION] = xstrdup(v[i].q->question);
		r[A_CHOICES] = xstrdup(choices);
		r[A_RIGHT] = xstrdup(an->correct ? N_("true") : N_("false"));
		r[A_MODE] = xstrdup(an->run ? "quiz" : "review");
		r[A_VERSION] = an->version < 0 ? xstrdup("") : xasprintf("%d", an->version);
		r[A_HASH] = xstrdup(an->hash);
	}
	free(v);
}

/* ---- text: aligned columns; nothing that could drive a terminal ---- */

/* One line, each column padded to its width; no blanks at the end. */
static void text_line(FILE *fp, const char *const *cell, const int *width, int ncols)
{
	int last = ncols - 1, pad = 0;
	while (last > 0 && cell[last][0] == '\0')
		last--;
	for (int c = 0; c <= last; c++) {
		fprintf(fp, "%*s%s", pad, "", cell[c]);
		pad = width[c] - utf8_strwidth(cell[c], strlen(cell[c])) + 2;
	}
	fputc('\n', fp);
}

static void write_text(FILE *fp, struct table *t)
{
	_Static_assert(NLESSON <= MAX_COLS && NANSWER <= MAX_COLS, "room for the columns");
	int width[MAX_COLS];
	const char *head[MAX_COLS];
	for (int c = 0; c < t->ncols; c++) {
		head[c] = _(t->col[c].head);
		width[c] = utf8_strwidth(head[c], strlen(head[c]));
	}
	for (size_t i = 0; i < t->nrows; i++)
		for (int c = 0; c < t->ncols; c++) {
			char **cell = &t->cell[i * (size_t)t->ncols + (size_t)c];
			/* the words of a status, a mode, a mark: in the reader's
			   language here, as they are (N_()) in CSV and JSON */
			const char *v = *cell;
			if (t->col == lesson_cols && c == STATUS)
				v = _(v);
			else if (t->col == answer_cols && c == A_RIGHT)
				v = _(v);
			else if (t->col == answer_cols && c == A_MODE)
				v = strcmp(v, "review") ? C_("answer mode", "quiz")
							: C_("answer mode", "review");
			char *s = text_sanitize_cell(v);
			free(*cell);
			*cell = s;
			if (t->col == lesson_cols && c == BEST && s[0]) {
				*cell = xasprintf("%s%%", s);
				free(s);
			}
			int w = utf8_strwidth(*cell, strlen(*cell));
			if (w > width[c])
				width[c] = w;
		}
	text_line(fp, head, width, t->ncols);
	for (size_t i = 0; i < t->nrows; i++)
		text_line(fp, (const char *const *)&t->cell[i * (size_t)t->ncols], width, t->ncols);
}

/* ---- CSV (RFC 4180) ---- */

void export_csv_field(FILE *fp, const char *s)
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

static void write_csv(FILE *fp, const struct table *t)
{
	for (int c = 0; c < t->ncols; c++)
		fprintf(fp, "%s%s", c ? "," : "", t->col[c].key);
	fputs("\r\n", fp);
	for (size_t i = 0; i < t->nrows; i++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', fp);
			export_csv_field(fp, t->cell[i * (size_t)t->ncols + (size_t)c]);
		}
		fputs("\r\n", fp);
	}
}

/* ---- JSON: an array of objects ---- */

void export_json_string(FILE *fp, const char *s)
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

static void json_cell(FILE *fp, enum cell type, const char *v)
{
	switch (type) {
	case CELL_STRING:
		export_json_string(fp, v);
		return;
	case CELL_NUMBERS:	/* "1 3" -> [1, 3] */
		fputc('[', fp);
		for (const char *p = v; *p; p++)
			fputs(*p == ' ' ? ", " : (char[]){ *p, 0 }, fp);
		fputc(']', fp);
		return;
	default:		/* numbers and true/false as they are */
		fputs(v[0] ? v : "null", fp);
	}
}

static void write_json(FILE *fp, const struct table *t)
{
	fputc('[', fp);
	for (size_t i = 0; i < t->nrows; i++) {
		fputs(i ? ",\n  {" : "\n  {", fp);
		for (int c = 0; c < t->ncols; c++) {
			const char *v = t->cell[i * (size_t)t->ncols + (size_t)c];
			fprintf(fp, "%s\"%s\": ", c ? ", " : "", t->col[c].key);
			if (v[0] == '\0' && !t->col[c].id && t->col[c].type != CELL_NUMBERS)
				fputs("null", fp);	/* a missing value */
			else
				json_cell(fp, t->col[c].type, v);
		}
		fputc('}', fp);
	}
	fputs(t->nrows ? "\n]\n" : "]\n", fp);
}

static int write_table(FILE *fp, enum export_format fmt, struct table *t, char **err)
{
	*err = NULL;
	errno = 0;
	if (fmt == EXPORT_CSV)
		write_csv(fp, t);
	else if (fmt == EXPORT_JSON)
		write_json(fp, t);
	else
		write_text(fp, t);
	table_free(t);
	if (fflush(fp) == EOF || ferror(fp)) {
		*err = xasprintf(_("cannot write the progress table: %s"),
				 errno ? strerror(errno) : _("write error"));
		return -1;
	}
	return 0;
}

int export_write(FILE *fp, enum export_format fmt, const struct progress *p,
		 const struct catalog *cat, char **err)
{
	struct table t = { .col = lesson_cols, .ncols = NLESSON };
	lessons_collect(p, cat, &t);
	return write_table(fp, fmt, &t, err);
}

int export_answers(FILE *fp, enum export_format fmt, const struct progress *p, char **err)
{
	struct table t = { .col = answer_cols, .ncols = NANSWER };
	answers_collect(p, &t);
	return write_table(fp, fmt, &t, err);
}
