/* schema.c - the keys of the course format, version 1 (docs/lesson-format.md).
 * One table per part of a course; each key has a function that stores its
 * value in the model. */
#include "core/load.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof *(a))

/* Room for element n of an array holding n: it doubles at powers of two,
 * so a list of many thousand items is not copied once per item. */
static void *reserve(void *arr, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		return xreallocarray(arr, n ? 2 * n : 1, size);
	return arr;
}

/* Grows a model array by one zeroed element; returns it. */
static void *grow(void *arrp, size_t *n, size_t size)
{
	void **arr = arrp;
	*arr = reserve(*arr, *n, size);
	char *e = (char *)*arr + *n * size;
	memset(e, 0, size);
	(*n)++;
	return e;
}

static void set_str(struct loader *L, char **dst, const char *key, bool id)
{
	char *s = id ? load_id(L, key) : load_string(L, key);
	if (s) {
		free(*dst);
		*dst = s;
	}
}

/* --- sources: ids used by pages and questions --- */

static void ref_item(struct loader *L, void *obj, size_t i)
{
	(void)i;
	struct source_refs *r = obj;
	struct mark m = load_here(L);
	char *id = load_id(L, "sources");
	if (!id)
		return;
	char **slot = grow(&r->ids, &r->n, sizeof *r->ids);
	*slot = id;
	r->at = reserve(r->at, r->n - 1, sizeof *r->at);
	r->at[r->n - 1] = m;
}

static void refs(struct loader *L, struct source_refs *r)
{
	load_seq(L, "sources", ref_item, r);
}

static void source_id(struct loader *L, void *o) { set_str(L, &((struct source *)o)->id, "id", true); }
static void source_cite(struct loader *L, void *o) { set_str(L, &((struct source *)o)->cite, "cite", false); }

/* The names of enum source_kind in the file, in its order. */
static const char *const source_kinds[] = {
	NULL, "review", "journal", "guideline", "regulator", "medical-body",
	"press", "clinic", "popular",
};

static void source_kind(struct loader *L, void *o)
{
	struct source *s = o;
	struct mark m = load_here(L);
	char *name = load_string(L, "kind");
	if (!name)
		return;
	size_t i = 1;
	while (i < N(source_kinds) && strcmp(source_kinds[i], name) != 0)
		i++;
	if (i < N(source_kinds)) {
		s->kind = (enum source_kind)i;
	} else {
		char *msg = xasprintf(_("a source's 'kind' must be review, journal, guideline, "
				      "regulator, medical-body, press, clinic or popular, not '%.60s'"),
				      name);
		load_error(L, m, msg);
		free(msg);
	}
	free(name);
}

static const struct field source_fields[] = {
	{ "id", true, source_id },
	{ "cite", true, source_cite },
	{ "kind", false, source_kind },
};

static void source_item(struct loader *L, void *obj, size_t i)
{
	(void)i;
	struct course *c = obj;
	struct source *s = grow(&c->sources, &c->nsources, sizeof *s);
	s->at = load_here(L);
	load_map(L, source_fields, N(source_fields), s, N_("a source"));
}

/* --- choices --- */

static void choice_text(struct loader *L, void *o) { set_str(L, &((struct choice *)o)->text, "text", false); }
static void choice_feedback(struct loader *L, void *o) { set_str(L, &((struct choice *)o)->feedback, "feedback", false); }
static void choice_correct(struct loader *L, void *o) { load_bool(L, "correct", &((struct choice *)o)->correct); }

static const struct field choice_fields[] = {
	{ "text", true, choice_text },
	{ "correct", false, choice_correct },
	{ "feedback", false, choice_feedback },
};

static void choice_item(struct loader *L, void *obj, size_t i)
{
	(void)i;
	struct question *q = obj;
	struct choice *ch = grow(&q->choices, &q->nchoices, sizeof *ch);
	ch->at = load_here(L);
	load_map(L, choice_fields, N(choice_fields), ch, N_("a choice"));
}

/* --- questions --- */

static void q_id(struct loader *L, void *o) { set_str(L, &((struct question *)o)->id, "id", true); }
static void q_prompt(struct loader *L, void *o) { set_str(L, &((struct question *)o)->prompt, "prompt", false); }
static void q_explanation(struct loader *L, void *o) { set_str(L, &((struct question *)o)->explanation, "explanation", false); }
static void q_critical(struct loader *L, void *o) { load_bool(L, "critical", &((struct question *)o)->critical); }
static void q_shuffle(struct loader *L, void *o) { load_bool(L, "shuffle", &((struct question *)o)->shuffle); }
static void q_sources(struct loader *L, void *o) { refs(L, &((struct question *)o)->sources); }
/* Reads a list that must have from min to max items. */
static void counted(struct loader *L, const char *key, size_t min, size_t max,
		    void (*item)(struct loader *L, void *obj, size_t i), void *obj)
{
	struct mark m = load_here(L);
	long n = load_seq(L, key, item, obj);
	if (n >= 0 && ((size_t)n < min || (size_t)n > max)) {
		char *msg = max == 1000000
			? xasprintf(ngettext("'%s' must list at least %zu item",
					     "'%s' must list at least %zu items", min), key, min)
			: xasprintf(_("'%s' must list %zu to %zu items, not %ld"), key, min, max, n);
		load_error(L, m, msg);
		free(msg);
	}
}

static void q_choices(struct loader *L, void *o) { counted(L, "choices", 2, 9, choice_item, o); }

static void q_review(struct loader *L, void *o)
{
	struct question *q = o;
	q->review_at = load_here(L);
	set_str(L, &q->review, "review", true);
}

static void q_kind(struct loader *L, void *o)
{
	static const char *const names[] = { "single", "multiple", "true-false" };
	struct question *q = o;
	struct mark m = load_here(L);
	char *s = load_string(L, "kind");
	if (!s)
		return;
	size_t i = 0;
	while (i < N(names) && strcmp(names[i], s) != 0)
		i++;
	if (i < N(names)) {
		q->kind = (enum question_kind)i;
	} else {
		char *msg = xasprintf(_("'kind' must be single, multiple or true-false, not '%s'"), s);
		load_error(L, m, msg);
		free(msg);
	}
	free(s);
}

static const struct field question_fields[] = {
	{ "id", true, q_id },
	{ "kind", true, q_kind },
	{ "prompt", true, q_prompt },
	{ "choices", true, q_choices },
	{ "explanation", false, q_explanation },
	{ "critical", false, q_critical },
	{ "review", false, q_review },
	{ "sources", false, q_sources },
	{ "shuffle", false, q_shuffle },
};

static void question_item(struct loader *L, void *obj, size_t i)
{
	(void)i;
	struct quiz *z = obj;
	struct question *q = grow(&z->questions, &z->nquestions, sizeof *q);
	q->at = load_here(L);
	q->shuffle = true;
	load_map(L, question_fields, N(question_fields), q, N_("a question"));
}

/* --- quiz --- */

static void quiz_pass(struct loader *L, void *o) { load_int(L, "pass", 1, 100, &((struct quiz *)o)->pass); }
static void quiz_questions(struct loader *L, void *o) { counted(L, "questions", 1, 1000000, question_item, o); }

static const struct field quiz_fields[] = {
	{ "pass", false, quiz_pass },
	{ "questions", true, quiz_questions },
};

/* --- pages --- */

static void page_id(struct loader *L, void *o) { set_str(L, &((struct page *)o)->id, "id", true); }
static void page_title(struct loader *L, void *o) { set_str(L, &((struct page *)o)->title, "title", false); }
static void page_text(struct loader *L, void *o) { set_str(L, &((struct page *)o)->text, "text", false); }
static void page_sources(struct loader *L, void *o) { refs(L, &((struct page *)o)->sources); }

static const struct field page_fields[] = {
	{ "id", false, page_id },
	{ "title", true, page_title },
	{ "text", true, page_text },
	{ "sources", false, page_sources },
};

static void page_item(struct loader *L, void *obj, size_t i)
{
	(void)i;
	struct lesson *l = obj;
	struct page *p = grow(&l->pages, &l->npages, sizeof *p);
	p->at = load_here(L);
	load_map(L, page_fields, N(page_fields), p, N_("a page"));
}

/* --- lessons --- */

static void lesson_id(struct loader *L, void *o) { set_str(L, &((struct lesson *)o)->id, "id", true); }
static void lesson_title(struct loader *L, void *o) { set_str(L, &((struct lesson *)o)->title, "title", false); }
static void lesson_pages(struct loader *L, void *o) { counted(L, "pages", 1, 1000000, page_item, o); }
static void lesson_quiz(struct loader *L, void *o) { load_map(L, quiz_fields, N(quiz_fields), &((struct lesson *)o)->quiz, N_("a quiz")); }

static const struct field lesson_fields[] = {
	{ "id", true, lesson_id },
	{ "title", true, lesson_title },
	{ "pages", true, lesson_pages },
	{ "quiz", true, lesson_quiz },
};

static void lesson_item(struct loader *L, void *obj, size_t i)
{
	(void)i;
	struct course *c = obj;
	struct lesson *l = grow(&c->lessons, &c->nlessons, sizeof *l);
	l->at = load_here(L);
	l->quiz.pass = 80;
	load_map(L, lesson_fields, N(lesson_fields), l, N_("a lesson"));
}

/* --- course --- */

static void course_format(struct loader *L, void *o)
{
	(void)o;
	int v = 1;
	load_int(L, "format", 1, 1, &v);
}

static void course_id(struct loader *L, void *o) { set_str(L, &((struct course *)o)->id, "id", true); }
static void course_title(struct loader *L, void *o) { set_str(L, &((struct course *)o)->title, "title", false); }
static void course_summary(struct loader *L, void *o) { set_str(L, &((struct course *)o)->summary, "summary", false); }
static void course_order(struct loader *L, void *o) { load_int(L, "order", 0, COURSE_MAX_ORDER, &((struct course *)o)->order); }
static void course_version(struct loader *L, void *o) { load_int(L, "version", 1, 1000000, &((struct course *)o)->version); }
static void course_sources(struct loader *L, void *o) { load_seq(L, "sources", source_item, o); }
static void course_lessons(struct loader *L, void *o) { counted(L, "lessons", 1, 1000000, lesson_item, o); }

static const struct field course_fields[] = {
	{ "format", false, course_format },
	{ "id", true, course_id },
	{ "order", false, course_order },
	{ "title", true, course_title },
	{ "summary", false, course_summary },
	{ "version", true, course_version },
	{ "sources", false, course_sources },
	{ "lessons", true, course_lessons },
};

struct course *load_course(struct loader *L)
{
	struct course *c = xcalloc(1, sizeof *c);
	c->at = load_here(L);
	c->order = COURSE_NO_ORDER;
	load_map(L, course_fields, N(course_fields), c, N_("the course"));
	if (!c->summary)
		c->summary = xstrdup("");
	return c;
}
