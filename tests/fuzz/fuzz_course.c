/* fuzz_course.c - libFuzzer target: the course loader, the translation
 * loader and the text layout.
 *
 * Loads the input as a course file; a course that loads has every page laid
 * out at several widths, the way the reader and the plain mode show it. The
 * input is also read as a translation of a small fixed course (the one of
 * tests/fixtures/translations): one that loads is applied, and the course
 * must keep its lesson hashes and have no blank text. Every course that
 * loads must come back whole from the courses cache's packed form, and the
 * raw input is also unpacked as a cache entry (a damaged cache). The raw input also
 * goes through the text functions directly, since they take any bytes. The
 * layout's promises are checked, so a broken one is a crash. */
#include "core/cache.h"
#include "core/course.h"
#include "core/text.h"
#include "core/translation.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int widths[] = { 78, 37, 3 };
/* The raw input given to the text code directly is cut here: past a few
 * lines, longer text finds nothing new and slows every run. */
#define RAW_MAX 4096

/* Every line fits the width (at least 4, as text.c allows) and says its width. */
static void check_text(const struct text *t, int width)
{
	int max = width < 4 ? 4 : width;
	for (size_t i = 0; i < t->n; i++) {
		const struct text_line *l = &t->lines[i];
		if (l->width > max || l->width != utf8_strwidth(l->text, l->len) ||
		    strlen(l->text) != l->len)
			abort();
	}
}

static void layout(const char *s)
{
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
		struct text t = { 0 };
		text_layout(&t, s, widths[i]);
		if (text_layout_lines(s, widths[i]) != t.n)
			abort();
		/* An indent of at most width - 2 leaves room for a wide character
		 * (the reader's indents are far below its 38 columns or more). */
		text_wrap(&t, s, widths[i], 2, 2);
		text_add(&t, s, TEXT_EM, widths[i]);
		check_text(&t, widths[i]);
		text_free(&t);
	}
}

/* What the front ends do with titles and choices: sanitize, then fit. */
static void fit(const char *s)
{
	char *safe = text_sanitize(s);
	size_t n = strlen(safe);
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t cp;
		k = utf8_decode(safe + i, n - i, &cp);
		if (k == 0 || (utf8_unsafe(cp) && cp != '\n' && cp != '\t'))
			abort();
	}
	char *f = text_fit(safe, 20);
	if (utf8_strwidth(f, strlen(f)) > 20)
		abort();
	free(f);
	free(safe);
}

/* tests/fixtures/translations/tiny.yaml, which the translation seeds translate. */
static const char tiny[] =
	"id: tiny\ntitle: Tiny course\nsummary: A course in two lessons.\nversion: 3\n"
	"sources:\n  - { id: src-a, cite: \"Source A, a citation\", kind: review }\n"
	"lessons:\n"
	"  - id: one\n    title: Lesson one\n    pages:\n"
	"      - { id: hello, title: Hello page, text: \"- first bullet\\n- second\\n\", sources: [src-a] }\n"
	"      - { id: bye, title: Bye page, text: The bye page says goodbye. }\n"
	"    quiz:\n      questions:\n"
	"        - id: colour\n          kind: single\n          prompt: Which colour is the sky?\n"
	"          review: hello\n          explanation: On a clear day the sky is blue.\n"
	"          choices: [ { text: Blue, correct: true }, { text: Green, feedback: Grass. } ]\n"
	"  - id: two\n    title: Lesson two\n    pages: [ { id: only, title: The only page, text: One page. } ]\n"
	"    quiz:\n      questions:\n"
	"        - id: sure\n          kind: true-false\n          prompt: Lesson two has one page.\n"
	"          explanation: It has one page.\n"
	"          choices: [ { text: \"True\", correct: true }, { text: \"False\", feedback: One. } ]\n";

/* Text a learner sees is never blank, translated or marked. */
static void not_blank(const char *s)
{
	if (!s || !*s)
		abort();
}

static void walk(const struct course *c);

/* Packed and unpacked, c is itself: the same bytes, the same hashes. */
static void cached(const struct course *c)
{
	size_t n, m;
	char *a = course_pack(c, &n);
	struct course *back = course_unpack(a, n, c->path);
	if (!back)
		abort();
	char *b = course_pack(back, &m);
	if (n != m || memcmp(a, b, n) != 0)
		abort();
	walk(back);
	course_free(back);
	free(a);
	free(b);
}

static void translated(const uint8_t *data, size_t size, FILE *null)
{
	struct diags d = { 0 };
	struct course *c = course_load_mem("tiny.yaml", tiny, sizeof tiny - 1, &d);
	if (!c)
		abort();
	struct translation *t = translation_load_mem("tiny.pt_BR.yaml", (const char *)data,
						     size, c, &d);
	if (t) {
		char before[2][17], after[17];
		for (size_t i = 0; i < 2; i++)
			lesson_hash(&c->lessons[i], before[i]);
		translation_apply(t, c);
		for (size_t i = 0; i < 2; i++) {
			lesson_hash(&c->lessons[i], after);
			if (strcmp(before[i], after) != 0)
				abort();
			not_blank(c->lessons[i].title);
			not_blank(c->lessons[i].pages[0].text);
			not_blank(c->lessons[i].quiz.questions[0].choices[1].feedback);
		}
		not_blank(c->title);
		not_blank(c->sources[0].cite);
		walk(c);
		cached(c);
	}
	if (null)
		diag_print(&d, null);
	translation_free(t);
	course_free(c);
	diag_free(&d);
}

static void walk(const struct course *c)
{
	fit(c->title);
	fit(c->summary);
	for (size_t i = 0; i < c->nlessons; i++) {
		const struct lesson *l = &c->lessons[i];
		char hash[17];
		lesson_hash(l, hash);
		fit(l->title);
		for (size_t j = 0; j < l->npages; j++) {
			fit(l->pages[j].title);
			layout(l->pages[j].text);
		}
		for (size_t j = 0; j < l->quiz.nquestions; j++) {
			const struct question *q = &l->quiz.questions[j];
			layout(q->prompt);
			for (size_t k = 0; k < q->nchoices; k++)
				fit(q->choices[k].text);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "w");
	struct diags d = { 0 };
	struct course *c = course_load_mem("fuzz.yaml", (const char *)data, size, &d);
	if (c) {
		walk(c);
		cached(c);
	}
	if (null)
		diag_print(&d, null);
	course_free(c);
	diag_free(&d);
	translated(data, size, null);
	/* Any bytes as a cache entry: refused, or a course that holds together. */
	struct course *u = course_unpack((const char *)data, size, "fuzz.cache");
	if (u)
		walk(u);
	course_free(u);

	/* The text code on any bytes, as far as the first NUL. */
	size_t n = size < RAW_MAX ? size : RAW_MAX;
	char *s = malloc(n + 1);
	if (!s)
		return 0;
	memcpy(s, data, n);
	s[n] = '\0';
	layout(s);
	fit(s);
	free(s);
	return 0;
}
