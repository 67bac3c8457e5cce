/* translation.c - reads a course translation (docs/lesson-format.md,
 * "Translations") against its course and puts its text into the course.
 *
 * The file is read with the course loader's pieces (load.c), so it has the
 * same limits and checks on characters. Ids are looked up in the course as
 * they are read: the translation is kept as arrays shaped like the course,
 * one slot per lesson, page, question and choice, NULL where it has no text. */
#include "core/translation.h"
#include "core/i18n.h"
#include "core/load.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof *(a))

struct tr_choice {
	const struct choice *src;
	char *text, *feedback;
	struct mark at;		/* line 0: not in the file */
};

struct tr_question {
	const struct question *src;
	struct mark at;
	char *prompt, *explanation;
	struct tr_choice *choices;	/* src->nchoices */
};

struct tr_page {
	const struct page *src;
	struct mark at;
	char *title, *text;
};

struct tr_lesson {
	const struct lesson *src;
	struct mark at;
	char *title;
	struct tr_page *pages;		/* src->npages */
	struct tr_question *questions;	/* src->quiz.nquestions */
};

struct translation {
	const struct course *c;	/* while reading; the shape of the arrays */
	const char *path;
	const char *file_lang;	/* the language in the file name, or NULL */
	size_t file_lang_len;
	struct diags *d;
	int version;
	struct mark at, version_at;
	char *title, *summary;
	char **cites;		/* c->nsources */
	struct mark *cite_at;
	struct tr_lesson *lessons;	/* c->nlessons */
	size_t nsources, nlessons;
};

bool lang_name_ok(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[k] >= 'a' && s[k] <= 'z')
		k++;
	if (k < 2 || k > 3)
		return false;
	if (k == n)
		return true;
	return n == k + 3 && s[k] == '_' && s[k + 1] >= 'A' && s[k + 1] <= 'Z' &&
	       s[k + 2] >= 'A' && s[k + 2] <= 'Z';
}

bool translation_name(const char *name, size_t *stem, size_t *lang)
{
	size_t n = strlen(name);
	if (n > 5 && !strcmp(name + n - 5, ".yaml"))
		n -= 5;
	else if (n > 4 && !strcmp(name + n - 4, ".yml"))
		n -= 4;
	else
		return false;
	const char *dot = memrchr(name, '.', n);
	if (!dot || dot == name || !lang_name_ok(dot + 1, (size_t)(name + n - dot - 1)))
		return false;
	*stem = (size_t)(dot - name);
	*lang = (size_t)(name + n - dot - 1);
	return true;
}

static void report(struct loader *L, struct mark m, char *msg)
{
	load_error(L, m, msg);
	free(msg);
}

static void set_text(struct loader *L, char **dst, const char *key)
{
	char *s = load_string(L, key);
	if (s) {
		free(*dst);
		*dst = s;
	}
}

/* Text for a slot the course leaves empty (no feedback, no explanation) is
 * an error: a translation holds only text the course has. */
static void set_if(struct loader *L, char **dst, const char *key, bool course_has)
{
	struct mark m = load_here(L);
	if (course_has) {
		set_text(L, dst, key);
		return;
	}
	report(L, m, xasprintf(_("the course has no '%.60s' here; a translation holds "
			       "only text the course has"), key));
	load_skip(L);
}

/* The index of the item with id key among the n items of arr, each size
 * bytes with its id first (struct source, lesson, page, question); n when
 * none has it. */
static size_t find_id(const void *arr, size_t n, size_t size, const char *key)
{
	size_t i = 0;
	while (i < n && strcmp(*(char *const *)(const void *)((const char *)arr + i * size), key))
		i++;
	return i;
}

/* True when the item's slot is free (seen has no line) and takes it; else
 * reports key at as given twice in where, and skips its value. */
static bool claim(struct loader *L, struct mark at, const char *key, struct mark *seen,
		  const char *where)
{
	if (!seen->line) {
		*seen = at;
		return true;
	}
	report(L, at, xasprintf(_("'%.60s' is given twice in %s (first at line %d)"), key,
				_(where), seen->line));
	load_skip(L);
	return false;
}

/* Reports an id the course lacks (msg) and skips its value. */
static void unknown(struct loader *L, struct mark at, char *msg)
{
	report(L, at, msg);
	load_skip(L);
}

/* --- choices: a list in the course's order --- */

static void ch_text(struct loader *L, void *o) { set_text(L, &((struct tr_choice *)o)->text, "text"); }

static void ch_feedback(struct loader *L, void *o)
{
	struct tr_choice *ch = o;
	set_if(L, &ch->feedback, "feedback", ch->src->feedback != NULL);
}

static const struct field choice_fields[] = {
	{ "text", false, ch_text },
	{ "feedback", false, ch_feedback },
};

static void choice_item(struct loader *L, void *obj, size_t i)
{
	struct tr_question *q = obj;
	if (i >= q->src->nchoices) {
		load_skip(L);
		return;
	}
	q->choices[i].at = load_here(L);
	load_map(L, choice_fields, N(choice_fields), &q->choices[i], N_("a choice"));
}

/* --- questions --- */

static void q_prompt(struct loader *L, void *o) { set_text(L, &((struct tr_question *)o)->prompt, "prompt"); }

static void q_explanation(struct loader *L, void *o)
{
	struct tr_question *q = o;
	set_if(L, &q->explanation, "explanation", q->src->explanation != NULL);
}

static void q_choices(struct loader *L, void *o)
{
	struct tr_question *q = o;
	struct mark m = load_here(L);
	long n = load_seq(L, "choices", choice_item, q);
	if (n >= 0 && (size_t)n != q->src->nchoices)
		report(L, m, xasprintf(_("'choices' lists %ld choices; the course's question "
				       "has %zu, in the same order"), n, q->src->nchoices));
}

static const struct field question_fields[] = {
	{ "prompt", false, q_prompt },
	{ "choices", false, q_choices },
	{ "explanation", false, q_explanation },
};

static void question_item(struct loader *L, void *obj, const char *key, struct mark at)
{
	struct tr_lesson *l = obj;
	const struct quiz *z = &l->src->quiz;
	size_t i = find_id(z->questions, z->nquestions, sizeof *z->questions, key);
	if (i == z->nquestions)
		unknown(L, at, xasprintf(_("the course has no question '%.60s' in this lesson"),
					 key));
	else if (claim(L, at, key, &l->questions[i].at, N_("a lesson")))
		load_map(L, question_fields, N(question_fields), &l->questions[i],
			 N_("a question"));
}

/* --- pages --- */

static void page_title(struct loader *L, void *o) { set_text(L, &((struct tr_page *)o)->title, "title"); }
static void page_text(struct loader *L, void *o) { set_text(L, &((struct tr_page *)o)->text, "text"); }

static const struct field page_fields[] = {
	{ "title", false, page_title },
	{ "text", false, page_text },
};

static void page_item(struct loader *L, void *obj, const char *key, struct mark at)
{
	struct tr_lesson *l = obj;
	size_t i = find_id(l->src->pages, l->src->npages, sizeof *l->src->pages, key);
	if (i == l->src->npages)
		unknown(L, at, xasprintf(_("the course has no page '%.60s' in this lesson"), key));
	else if (claim(L, at, key, &l->pages[i].at, N_("a lesson")))
		load_map(L, page_fields, N(page_fields), &l->pages[i], N_("a page"));
}

/* --- lessons --- */

static void lesson_title(struct loader *L, void *o) { set_text(L, &((struct tr_lesson *)o)->title, "title"); }
static void lesson_pages(struct loader *L, void *o) { load_keyed(L, N_("a page"), page_item, o); }
static void lesson_questions(struct loader *L, void *o) { load_keyed(L, N_("a question"), question_item, o); }

static const struct field lesson_fields[] = {
	{ "title", false, lesson_title },
	{ "pages", false, lesson_pages },
	{ "questions", false, lesson_questions },
};

static void lesson_item(struct loader *L, void *obj, const char *key, struct mark at)
{
	struct translation *t = obj;
	size_t i = find_id(t->c->lessons, t->nlessons, sizeof *t->c->lessons, key);
	if (i == t->nlessons)
		unknown(L, at, xasprintf(_("the course has no lesson '%.60s'"), key));
	else if (claim(L, at, key, &t->lessons[i].at, N_("the translation")))
		load_map(L, lesson_fields, N(lesson_fields), &t->lessons[i], N_("a lesson"));
}

/* --- sources: cites by source id --- */

static void source_item(struct loader *L, void *obj, const char *key, struct mark at)
{
	struct translation *t = obj;
	size_t i = find_id(t->c->sources, t->nsources, sizeof *t->c->sources, key);
	if (i == t->nsources)
		unknown(L, at, xasprintf(_("the course has no source '%.60s'"), key));
	else if (claim(L, at, key, &t->cite_at[i], N_("the translation")))
		set_text(L, &t->cites[i], "cite");
}

/* --- the header and the whole file --- */

static void tr_format(struct loader *L, void *o)
{
	(void)o;
	int v = 1;
	load_int(L, "translation", 1, 1, &v);
}

static void tr_course(struct loader *L, void *o)
{
	struct translation *t = o;
	struct mark m = load_here(L);
	char *id = load_id(L, "course");
	if (id && strcmp(id, t->c->id))
		report(L, m, xasprintf(_("translates course '%.60s', but %s is course '%s'"),
				       id, t->c->path ? t->c->path : "", t->c->id));
	free(id);
}

static void tr_lang(struct loader *L, void *o)
{
	struct translation *t = o;
	struct mark m = load_here(L);
	char *lang = load_string(L, "lang");
	if (!lang)
		return;
	if (!lang_name_ok(lang, strlen(lang)))
		report(L, m, xasprintf(_("'lang' must name a language as ll or ll_CC "
				       "(pt, pt_BR), not '%.60s'"), lang));
	else if (t->file_lang && (strlen(lang) != t->file_lang_len ||
				  strncmp(lang, t->file_lang, t->file_lang_len)))
		report(L, m, xasprintf(_("'lang' is %s, but the file name says %.*s"), lang,
				       (int)t->file_lang_len, t->file_lang));
	free(lang);
}

static void tr_version(struct loader *L, void *o)
{
	struct translation *t = o;
	t->version_at = load_here(L);
	load_int(L, "version", 1, 1000000, &t->version);
}

static void tr_title(struct loader *L, void *o) { set_text(L, &((struct translation *)o)->title, "title"); }

static void tr_summary(struct loader *L, void *o)
{
	struct translation *t = o;
	set_if(L, &t->summary, "summary", t->c->summary[0] != '\0');
}

static void tr_sources(struct loader *L, void *o) { load_keyed(L, N_("a source"), source_item, o); }
static void tr_lessons(struct loader *L, void *o) { load_keyed(L, N_("a lesson"), lesson_item, o); }

static const struct field translation_fields[] = {
	{ "translation", true, tr_format },
	{ "course", true, tr_course },
	{ "lang", true, tr_lang },
	{ "version", true, tr_version },
	{ "title", false, tr_title },
	{ "summary", false, tr_summary },
	{ "sources", false, tr_sources },
	{ "lessons", false, tr_lessons },
};

static void *translation_root(struct loader *L)
{
	struct translation *t = load_ctx(L);
	t->at = load_here(L);
	load_map(L, translation_fields, N(translation_fields), t, N_("the translation"));
	return t;
}

/* --- text the translation lacks --- */

enum lack { LACK_TEXT, LACK_LESSON, LACK_PAGE, LACK_QUESTION, LACK_SOURCE };

/* Warns that the translation lacks the text key (LACK_TEXT) or the whole
 * item with this id. */
static void lacks(const struct translation *t, struct mark m, enum lack k, const char *id)
{
	const char *p = t->path;
	switch (k) {
	case LACK_TEXT:
		diag_add(t->d, DIAG_WARNING, p, m.line, m.col, N_("'%s' is not translated; "
			 "learners see the original, marked"), id);
		break;
	case LACK_LESSON:
		diag_add(t->d, DIAG_WARNING, p, m.line, m.col, N_("lesson '%s' is not "
			 "translated; learners see the original, marked"), id);
		break;
	case LACK_PAGE:
		diag_add(t->d, DIAG_WARNING, p, m.line, m.col, N_("page '%s' is not "
			 "translated; learners see the original, marked"), id);
		break;
	case LACK_QUESTION:
		diag_add(t->d, DIAG_WARNING, p, m.line, m.col, N_("question '%s' is not "
			 "translated; learners see the original, marked"), id);
		break;
	case LACK_SOURCE:
		diag_add(t->d, DIAG_WARNING, p, m.line, m.col, N_("source '%s' is not "
			 "translated; learners see the original, marked"), id);
		break;
	}
}

static void question_lacks(const struct translation *t, const struct tr_question *q)
{
	if (!q->prompt)
		lacks(t, q->at, LACK_TEXT, "prompt");
	if (!q->explanation && q->src->explanation)
		lacks(t, q->at, LACK_TEXT, "explanation");
	for (size_t k = 0; k < q->src->nchoices; k++) {
		const struct tr_choice *ch = &q->choices[k];
		struct mark m = ch->at.line ? ch->at : q->at;
		if (!ch->text)
			diag_add(t->d, DIAG_WARNING, t->path, m.line, m.col, N_("choice %zu is "
				 "not translated; learners see the original, marked"), k + 1);
		if (ch->text && !ch->feedback && ch->src->feedback)
			diag_add(t->d, DIAG_WARNING, t->path, m.line, m.col, N_("the feedback "
				 "of choice %zu is not translated; learners see the original, "
				 "marked"), k + 1);
	}
}

static void lesson_lacks(const struct translation *t, const struct tr_lesson *l)
{
	if (!l->at.line) {
		lacks(t, t->at, LACK_LESSON, l->src->id);
		return;
	}
	if (!l->title)
		lacks(t, l->at, LACK_TEXT, "title");
	for (size_t i = 0; i < l->src->npages; i++) {
		const struct tr_page *p = &l->pages[i];
		if (!p->at.line)
			lacks(t, l->at, LACK_PAGE, p->src->id);
		else if (!p->title || !p->text)
			lacks(t, p->at, LACK_TEXT, p->title ? "text" : "title");
	}
	for (size_t i = 0; i < l->src->quiz.nquestions; i++) {
		const struct tr_question *q = &l->questions[i];
		if (!q->at.line)
			lacks(t, l->at, LACK_QUESTION, q->src->id);
		else
			question_lacks(t, q);
	}
}

/* Warns of an older version; a newer one is an error. */
static void compare_version(const struct translation *t)
{
	const struct course *c = t->c;
	struct mark v = t->version_at;
	if (t->version < c->version)
		diag_add(t->d, DIAG_WARNING, t->path, v.line, v.col,
			 N_("translates version %d; the course is version %d: learners see "
			    "the original, marked"), t->version, c->version);
	else if (t->version > c->version)
		diag_add(t->d, DIAG_ERROR, t->path, v.line, v.col,
			 N_("translates version %d; the course is only at version %d"),
			 t->version, c->version);
}

/* Warns of each text of the course the translation lacks. */
static void compare(const struct translation *t)
{
	const struct course *c = t->c;
	if (!t->title)
		lacks(t, t->at, LACK_TEXT, "title");
	if (!t->summary && c->summary[0])
		lacks(t, t->at, LACK_TEXT, "summary");
	for (size_t i = 0; i < t->nsources; i++)
		if (!t->cites[i])
			lacks(t, t->at, LACK_SOURCE, c->sources[i].id);
	for (size_t i = 0; i < t->nlessons; i++)
		lesson_lacks(t, &t->lessons[i]);
}

/* --- reading and freeing --- */

/* An empty translation shaped like c. */
static struct translation *shaped(const struct course *c)
{
	struct translation *t = xcalloc(1, sizeof *t);
	t->c = c;
	t->nsources = c->nsources;
	t->cites = xcalloc(c->nsources + 1, sizeof *t->cites);
	t->cite_at = xcalloc(c->nsources + 1, sizeof *t->cite_at);
	t->nlessons = c->nlessons;
	t->lessons = xcalloc(c->nlessons + 1, sizeof *t->lessons);
	for (size_t i = 0; i < c->nlessons; i++) {
		const struct lesson *sl = &c->lessons[i];
		struct tr_lesson *l = &t->lessons[i];
		l->src = sl;
		l->pages = xcalloc(sl->npages + 1, sizeof *l->pages);
		for (size_t k = 0; k < sl->npages; k++)
			l->pages[k].src = &sl->pages[k];
		l->questions = xcalloc(sl->quiz.nquestions + 1, sizeof *l->questions);
		for (size_t k = 0; k < sl->quiz.nquestions; k++) {
			const struct question *sq = &sl->quiz.questions[k];
			struct tr_question *q = &l->questions[k];
			q->src = sq;
			q->choices = xcalloc(sq->nchoices + 1, sizeof *q->choices);
			for (size_t j = 0; j < sq->nchoices; j++)
				q->choices[j].src = &sq->choices[j];
		}
	}
	return t;
}

static void lesson_free(struct tr_lesson *l)
{
	for (size_t k = 0; k < l->src->npages; k++) {
		free(l->pages[k].title);
		free(l->pages[k].text);
	}
	for (size_t k = 0; k < l->src->quiz.nquestions; k++) {
		struct tr_question *q = &l->questions[k];
		for (size_t j = 0; j < q->src->nchoices; j++) {
			free(q->choices[j].text);
			free(q->choices[j].feedback);
		}
		free(q->choices);
		free(q->prompt);
		free(q->explanation);
	}
	free(l->pages);
	free(l->questions);
	free(l->title);
}

void translation_free(struct translation *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nlessons; i++)
		lesson_free(&t->lessons[i]);
	for (size_t i = 0; i < t->nsources; i++)
		free(t->cites[i]);
	free(t->lessons);
	free(t->cites);
	free(t->cite_at);
	free(t->title);
	free(t->summary);
	free(t);
}

struct translation *translation_load_mem(const char *name, const char *buf, size_t len,
					 const struct course *c, struct diags *d)
{
	size_t first = d->n, before = d->errors;
	struct translation *t = shaped(c);
	const char *base = strrchr(name, '/');
	size_t stem, lang;
	base = base ? base + 1 : name;
	if (translation_name(base, &stem, &lang)) {
		t->file_lang = base + stem + 1;
		t->file_lang_len = lang;
	}
	t->path = name;
	t->d = d;
	bool dead;
	if (load_yaml(name, buf, len, d, translation_root, t,
		      N_("the file is empty; a translation starts with 'translation: 1', "
			 "'course:', ..."), &dead) && !dead) {
		compare_version(t);
		if (d->errors == before)	/* the errors first: they may be why */
			compare(t);
	}
	diag_sort(d, first);
	t->c = NULL;
	t->path = NULL;
	t->d = NULL;
	if (d->errors > before) {
		translation_free(t);
		return NULL;
	}
	return t;
}

struct translation *translation_load_fd(int fd, const char *path, const struct course *c,
					struct diags *d)
{
	char *buf;
	size_t len;
	if (!load_slurp(fd, path, &buf, &len, d))
		return NULL;
	struct translation *t = translation_load_mem(path, buf, len, c, d);
	free(buf);
	return t;
}

/* --- putting the text into the course --- */

/* The original with the mark before it; page text gets it as a paragraph
 * of its own, so that a first "- " bullet stays one. */
static void mark_original(char **dst, bool page)
{
	if (!*dst || !**dst)
		return;
	char *s = xasprintf(page ? "%s\n\n%s" : "%s %s", _("[untranslated]"), *dst);
	free(*dst);
	*dst = s;
}

static void put(char **dst, const char *tr, bool use, bool page)
{
	if (use && tr) {
		free(*dst);
		*dst = xstrdup(tr);
	} else {
		mark_original(dst, page);
	}
}

static void lesson_apply(const struct tr_lesson *tl, struct lesson *l, bool use)
{
	if (!l->hash[0])
		lesson_hash(l, l->hash);
	put(&l->title, tl->title, use, false);
	for (size_t k = 0; k < l->npages; k++) {
		put(&l->pages[k].title, tl->pages[k].title, use, false);
		put(&l->pages[k].text, tl->pages[k].text, use, true);
	}
	for (size_t k = 0; k < l->quiz.nquestions; k++) {
		const struct tr_question *tq = &tl->questions[k];
		struct question *q = &l->quiz.questions[k];
		put(&q->prompt, tq->prompt, use, false);
		put(&q->explanation, tq->explanation, use, false);
		for (size_t j = 0; j < q->nchoices; j++) {
			put(&q->choices[j].text, tq->choices[j].text, use, false);
			put(&q->choices[j].feedback, tq->choices[j].feedback, use, false);
		}
	}
}

void translation_apply(const struct translation *t, struct course *c)
{
	bool use = t->version == c->version;
	put(&c->title, t->title, use, false);
	put(&c->summary, t->summary, use, false);
	for (size_t i = 0; i < c->nsources && i < t->nsources; i++)
		put(&c->sources[i].cite, t->cites[i], use, false);
	for (size_t i = 0; i < c->nlessons && i < t->nlessons; i++)
		lesson_apply(&t->lessons[i], &c->lessons[i], use);
}
