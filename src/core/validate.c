/* validate.c - rules that need the whole course: unique ids, references to
 * sources and pages, what makes a question answerable, and warnings. */
#include "core/load.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Screen lines a page may take at 80x24 (title bar, page title, blank, key bar). */
#define PAGE_LINES 20
#define PAGE_COLS 78

/* Ids of an array of structs sorted (by id, then position), so duplicates
 * and look-ups cost n log n: a course file may list tens of thousands of
 * items, and comparing each with each took seconds. */
struct id_entry {
	const char *id;
	size_t i;	/* position in the array */
};

struct id_index {
	struct id_entry *v;
	size_t n;
};

static int entry_order(const void *va, const void *vb)
{
	const struct id_entry *a = va, *b = vb;
	int c = strcmp(a->id, b->id);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The index of the non-NULL ids at id_off in n structs of size at base. */
static struct id_index index_ids(const void *base, size_t n, size_t size, size_t id_off)
{
	struct id_index x = { xreallocarray(NULL, n, sizeof *x.v), 0 };
	for (size_t i = 0; i < n; i++) {
		const char *id = *(char *const *)((const char *)base + i * size + id_off);
		if (id)
			x.v[x.n++] = (struct id_entry){ id, i };
	}
	qsort(x.v, x.n, sizeof *x.v, entry_order);
	return x;
}

/* Position of the first struct with this id, or SIZE_MAX. */
static size_t index_find(const struct id_index *x, const char *id)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && !strcmp(x->v[lo].id, id) ? x->v[lo].i : SIZE_MAX;
}

struct ctx {
	const struct course *c;
	struct diags *d;
	const struct id_index *sources;	/* the course's source ids */
};

__attribute__((format(printf, 4, 0)))
static void say(const struct ctx *x, enum diag_level level, struct mark m,
		const char *fmt, va_list ap)
{
	diag_vadd(x->d, level, x->c->path, m.line, m.col, fmt, ap);
}

__attribute__((format(printf, 3, 4)))
static void err(const struct ctx *x, struct mark m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(x, DIAG_ERROR, m, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 3, 4)))
static void warn(const struct ctx *x, struct mark m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(x, DIAG_WARNING, m, fmt, ap);
	va_end(ap);
}

/* Reports every id used before in an array of structs; returns the index of
 * its ids (caller frees .v). */
static struct id_index unique(const struct ctx *x, const void *base, size_t n,
			      size_t size, size_t id_off, size_t at_off, const char *what)
{
	struct id_index ix = index_ids(base, n, size, id_off);
	for (size_t j = 1, first = 0; j < ix.n; j++) {
		if (strcmp(ix.v[j].id, ix.v[first].id) != 0) {
			first = j;
			continue;
		}
		const char *e = (const char *)base + ix.v[j].i * size;
		const char *f = (const char *)base + ix.v[first].i * size;
		const struct mark *m = (const struct mark *)(e + at_off);
		const struct mark *fm = (const struct mark *)(f + at_off);
		err(x, *m, _("%s '%.60s' is used twice (first at line %d)"), _(what),
		    ix.v[j].id, fm->line);
	}
	return ix;
}

#define UNIQUE(x, arr, n, type, what) \
	unique(x, arr, n, sizeof(type), offsetof(type, id), offsetof(type, at), what)

static void check_refs(const struct ctx *x, const struct source_refs *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (index_find(x->sources, r->ids[i]) == SIZE_MAX)
			err(x, r->at[i], _("source '%.60s' is not in the course's 'sources'"),
			    r->ids[i]);
}

/* The id a page gets from its title: lower case, other runs become '-'. */
static char *slug(const char *title, size_t index)
{
	size_t n = strlen(title), k = 0;
	char *s = xmalloc(n + 1);
	for (size_t i = 0; i < n && k < 64; i++) {
		char ch = title[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			s[k++] = ch;
		else if (k > 0 && s[k - 1] != '-')
			s[k++] = '-';
	}
	while (k > 0 && s[k - 1] == '-')
		k--;
	s[k] = '\0';
	if (k == 0) {
		free(s);
		s = xasprintf("page-%zu", index + 1);
	}
	return s;
}

static void check_page(const struct ctx *x, struct page *p, size_t index)
{
	if (!p->id && p->title)
		p->id = slug(p->title, index);
	check_refs(x, &p->sources);
	if (!p->text)
		return;
	size_t n = text_layout_lines(p->text, PAGE_COLS);
	if (n > PAGE_LINES) {
		warn(x, p->at, _("page '%.60s' takes %zu lines at %d columns; one 80x24 "
		     "screen shows %d: split it into two pages"),
		     p->title ? p->title : "", n, PAGE_COLS, PAGE_LINES);
	}
}

static size_t correct_count(const struct question *q)
{
	size_t k = 0;
	for (size_t i = 0; i < q->nchoices; i++)
		k += q->choices[i].correct;
	return k;
}

static void check_true_false(const struct ctx *x, struct question *q)
{
	q->shuffle = false;
	if (q->nchoices != 2 || !q->choices[0].text || !q->choices[1].text) {
		err(x, q->at, _("true-false question '%.60s' needs exactly the choices "
		    "True and False"), q->id ? q->id : "");
		return;
	}
	bool t0 = !strcasecmp(q->choices[0].text, "true");
	bool f0 = !strcasecmp(q->choices[0].text, "false");
	bool t1 = !strcasecmp(q->choices[1].text, "true");
	bool f1 = !strcasecmp(q->choices[1].text, "false");
	if (!((t0 && f1) || (f0 && t1))) {
		err(x, q->choices[0].at, _("the choices of true-false question '%.60s' must "
		    "be True and False"), q->id ? q->id : "");
		return;
	}
	if (f0) { /* shown True first */
		struct choice tmp = q->choices[0];
		q->choices[0] = q->choices[1];
		q->choices[1] = tmp;
	}
	if (correct_count(q) != 1)
		err(x, q->at, _("true-false question '%.60s' needs exactly one correct "
		    "choice"), q->id ? q->id : "");
}

static void check_answers(const struct ctx *x, struct question *q)
{
	const char *id = q->id ? q->id : "";
	size_t k = correct_count(q);
	if (q->kind == KIND_TRUE_FALSE)
		check_true_false(x, q);
	else if (q->kind == KIND_SINGLE && k != 1 && q->nchoices >= 2)
		err(x, q->at, _("single question '%.60s' needs exactly one correct "
		    "choice, not %d"), id, (int)k);
	else if (q->kind == KIND_MULTIPLE && k == 0 && q->nchoices >= 2)
		err(x, q->at, _("multiple question '%.60s' needs at least one correct "
		    "choice"), id);
}

static void check_question(const struct ctx *x, const struct id_index *pages,
			   size_t npages, struct question *q)
{
	check_answers(x, q);
	check_refs(x, &q->sources);
	if (q->review) {
		size_t i = index_find(pages, q->review);
		if (i == SIZE_MAX)
			err(x, q->review_at, _("review page '%.60s' is not a page of this "
			    "lesson"), q->review);
		q->review_page = i != SIZE_MAX ? i : 0;
	} else if (q->critical) {
		err(x, q->at, _("critical question '%.60s' needs 'review': the page to "
		    "re-read when it is missed"), q->id ? q->id : "");
	} else if (npages > 1) {
		/* With one page the re-read opens the right place anyway. */
		warn(x, q->at, _("question '%.60s' has no 'review': name the page that "
		     "teaches it, or a missed question re-reads the first page"),
		     q->id ? q->id : "");
	}
	if (!q->explanation)
		warn(x, q->at, _("question '%.60s' has no explanation"), q->id ? q->id : "");
	for (size_t i = 0; i < q->nchoices; i++)
		if (!q->choices[i].correct && !q->choices[i].feedback &&
		    q->choices[i].text)
			warn(x, q->choices[i].at, _("wrong choice '%.60s' has no feedback"),
			     q->choices[i].text);
}

static void check_lesson(const struct ctx *x, struct lesson *l)
{
	for (size_t i = 0; i < l->npages; i++)
		check_page(x, &l->pages[i], i);
	struct id_index pages = UNIQUE(x, l->pages, l->npages, struct page, N_("page id"));
	free(UNIQUE(x, l->quiz.questions, l->quiz.nquestions, struct question,
		    N_("question id")).v);
	for (size_t i = 0; i < l->quiz.nquestions; i++)
		check_question(x, &pages, l->npages, &l->quiz.questions[i]);
	free(pages.v);
}

void course_validate(struct course *c, struct diags *d)
{
	struct ctx x = { c, d, NULL };
	struct id_index sources = UNIQUE(&x, c->sources, c->nsources, struct source,
					 N_("source id"));
	x.sources = &sources;
	free(UNIQUE(&x, c->lessons, c->nlessons, struct lesson, N_("lesson id")).v);
	for (size_t i = 0; i < c->nlessons; i++)
		check_lesson(&x, &c->lessons[i]);
	free(sources.v);
}
