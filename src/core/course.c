/* course.c - the content model: look-ups, hashing and freeing. */
#include "core/course.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void refs_free(struct source_refs *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->ids[i]);
	free(r->ids);
	free(r->at);
}

static void question_free(struct question *q)
{
	for (size_t i = 0; i < q->nchoices; i++) {
		free(q->choices[i].text);
		free(q->choices[i].feedback);
	}
	free(q->choices);
	free(q->id);
	free(q->prompt);
	free(q->explanation);
	free(q->review);
	refs_free(&q->sources);
}

static void lesson_free(struct lesson *l)
{
	for (size_t i = 0; i < l->npages; i++) {
		free(l->pages[i].id);
		free(l->pages[i].title);
		free(l->pages[i].text);
		refs_free(&l->pages[i].sources);
	}
	free(l->pages);
	for (size_t i = 0; i < l->quiz.nquestions; i++)
		question_free(&l->quiz.questions[i]);
	free(l->quiz.questions);
	free(l->id);
	free(l->title);
}

void course_free(struct course *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nsources; i++) {
		free(c->sources[i].id);
		free(c->sources[i].cite);
	}
	free(c->sources);
	for (size_t i = 0; i < c->nlessons; i++)
		lesson_free(&c->lessons[i]);
	free(c->lessons);
	free(c->path);
	free(c->id);
	free(c->title);
	free(c->summary);
	free(c->replaces);
	free(c);
}

const struct lesson *course_lesson(const struct course *c, const char *id)
{
	for (size_t i = 0; i < c->nlessons; i++)
		if (c->lessons[i].id && !strcmp(c->lessons[i].id, id))
			return &c->lessons[i];
	return NULL;
}

const struct source *course_source(const struct course *c, const char *id)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (c->sources[i].id && !strcmp(c->sources[i].id, id))
			return &c->sources[i];
	return NULL;
}

const char *source_kind_words(enum source_kind k)
{
	static const char *const words[] = {
		[SOURCE_REVIEW] = N_("review of studies"),
		[SOURCE_JOURNAL] = N_("article in a medical journal"),
		[SOURCE_GUIDELINE] = N_("medical guideline"),
		[SOURCE_REGULATOR] = N_("government health agency"),
		[SOURCE_MEDICAL_BODY] = N_("medical organisation"),
		[SOURCE_PRESS] = N_("dermatologist quoted in the press"),
		[SOURCE_CLINIC] = N_("clinic or seller advice"),
		[SOURCE_POPULAR] = N_("popular article, not a medical source"),
	};
	return (size_t)k < sizeof words / sizeof *words && words[k] ? _(words[k]) : NULL;
}

char *course_cites(const struct course *c, const struct source_refs *refs)
{
	if (refs->n == 0)
		return NULL;
	size_t len = 1;
	for (size_t i = 0; i < refs->n; i++) {
		const struct source *s = course_source(c, refs->ids[i]);
		const char *w = s ? source_kind_words(s->kind) : NULL;
		len += strlen(s ? s->cite : refs->ids[i]) + 3 + (w ? strlen(w) + 3 : 0);
	}
	char *out = xmalloc(len), *p = out;
	for (size_t i = 0; i < refs->n; i++) {
		const struct source *s = course_source(c, refs->ids[i]);
		const char *w = s ? source_kind_words(s->kind) : NULL;
		p += sprintf(p, "- %s%s%s%s\n", s ? s->cite : refs->ids[i],
			     w ? " (" : "", w ? w : "", w ? ")" : "");
	}
	return out;
}

size_t course_questions(const struct course *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nlessons; i++)
		n += c->lessons[i].quiz.nquestions;
	return n;
}

/* FNV-1a, 64 bit: stable across runs and machines, enough to notice edits. */
static void mix(uint64_t *h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		*h ^= *p;
		*h *= 0x100000001b3ULL;
	}
	*h ^= 0xff; /* field separator: "ab","c" differs from "a","bc" */
	*h *= 0x100000001b3ULL;
}

void lesson_hash(const struct lesson *l, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char num[32];
	if (l->hash[0]) {
		memcpy(out, l->hash, 17);
		return;
	}
	mix(&h, l->title);
	for (size_t i = 0; i < l->npages; i++) {
		mix(&h, l->pages[i].title);
		mix(&h, l->pages[i].text);
	}
	snprintf(num, sizeof num, "%d", l->quiz.pass);
	mix(&h, num);
	for (size_t i = 0; i < l->quiz.nquestions; i++) {
		const struct question *q = &l->quiz.questions[i];
		snprintf(num, sizeof num, "%d", (int)q->kind);
		mix(&h, num);
		mix(&h, q->prompt);
		mix(&h, q->explanation);
		for (size_t j = 0; j < q->nchoices; j++) {
			mix(&h, q->choices[j].text);
			mix(&h, q->choices[j].correct ? "1" : "0");
			mix(&h, q->choices[j].feedback);
		}
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
