/* test_regress.c - inputs that once broke the core, found by the fuzzers
 * (tests/fuzz/) and the hostile-input tests (tests/e2e/hostile.sh). Each
 * test names what went wrong. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/course.h"
#include "core/text.h"
#include "core/utf8.h"

/* Every line fits the width and its width is what it shows. */
static void assert_fits(const struct text *t, int width)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct text_line *l = &t->lines[i];
		assert_int_equal(l->width, utf8_strwidth(l->text, l->len));
		assert_true(l->width <= width);
	}
}

/* fuzz_course: a word of only combining marks at the start of a bullet's
 * second line left the column at 0, so the next word was indented again:
 * "  \u0301  r", 5 columns in a layout of 4 that said 3. */
static void zero_width_word_indent(void **state)
{
	(void)state;
	struct text t = { 0 };
	text_layout(&t, "- -r \xcc\x81 r", 4);
	assert_fits(&t, 4);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.lines[1].text, "  \xcc\x81 r");
	text_free(&t);
	/* Many of them must not push a line past the screen either. */
	text_layout(&t, "- aaaa \xcc\x81 \xcc\x81 \xcc\x81 \xcc\x81 \xcc\x81 \xcc\x81 b c d", 8);
	assert_fits(&t, 8);
	text_free(&t);
	/* A line of marks alone is kept, not dropped. */
	text_layout(&t, "aaaa \xcc\x81", 4);
	assert_fits(&t, 4);
	assert_int_equal(t.n, 2);
	text_free(&t);
}

/* hostile.sh: a folder of broken files made every message count all the
 * earlier ones (10 files of 1 MB of bad bytes took minutes). The count is
 * now kept for the file being read; the cap must still hold per file when
 * files take turns. */
static void message_cap_per_file(void **state)
{
	(void)state;
	struct diags d = { 0 };
	for (int i = 0; i < 3 * DIAG_MAX_PER_FILE; i++)
		diag_add(&d, DIAG_ERROR, i % 3 == 2 ? "b.yaml" : "a.yaml", i + 1, 1, "e%d", i);
	size_t a = 0, b = 0;
	for (size_t i = 0; i < d.n; i++)
		*(strcmp(d.v[i].path, "a.yaml") ? &b : &a) += 1;
	assert_int_equal(a, DIAG_MAX_PER_FILE + 1);	/* and "too many problems" */
	assert_int_equal(b, DIAG_MAX_PER_FILE);
	/* Sorting moves the messages; the counts stay right. */
	diag_sort(&d, 0);
	size_t n = d.n;
	diag_add(&d, DIAG_ERROR, "a.yaml", 1, 1, "dropped");
	assert_int_equal(d.n, n);
	diag_add(&d, DIAG_ERROR, "b.yaml", 1, 1, "one too many");
	assert_int_equal(d.n, n + 1);
	assert_string_equal(d.v[n].msg, "too many problems; stopped reporting this file");
	diag_free(&d);
}

/* hostile.sh: ids were compared each with each (30,000 source references
 * took 17 s). Now they are sorted; what is reported must not change. */
static void ids_sorted_same_reports(void **state)
{
	(void)state;
	const char *y =
		"id: t\ntitle: T\nversion: 1\n"
		"sources: [ { id: s, cite: A }, { id: s, cite: B }, { id: r, cite: C }, { id: s, cite: D } ]\n"
		"lessons:\n  - id: l\n    title: L\n    pages:\n"
		"      - { id: p, title: P1, text: x, sources: [r, q, s] }\n"
		"      - { id: p, title: P2, text: y }\n"
		"      - { id: o, title: P3, text: z }\n"
		"    quiz:\n      questions:\n"
		"        - { id: q, kind: single, prompt: P, explanation: E, review: p,\n"
		"            choices: [ { text: A, correct: true }, { text: B, feedback: F } ] }\n"
		"        - { id: q, kind: single, prompt: P, explanation: E, review: o,\n"
		"            choices: [ { text: A, correct: true }, { text: B, feedback: F } ] }\n";
	struct diags d = { 0 };
	assert_null(course_load_mem("t.yaml", y, strlen(y), &d));
	const char *want[] = {
		"4:32: error: source id 's' is used twice (first at line 4)",
		"4:72: error: source id 's' is used twice (first at line 4)",
		"9:51: error: source 'q' is not in the course's 'sources'",
		"10:9: error: page id 'p' is used twice (first at line 9)",
		"16:11: error: question id 'q' is used twice (first at line 14)",
	};
	assert_int_equal(d.n, sizeof want / sizeof *want);
	for (size_t i = 0; i < d.n; i++) {
		char got[200];
		snprintf(got, sizeof got, "%d:%d: error: %s", d.v[i].line, d.v[i].col, d.v[i].msg);
		assert_string_equal(got, want[i]);
	}
	diag_free(&d);

	/* Without the duplicates it loads, and review names the first page. */
	const char *ok =
		"id: t\ntitle: T\nversion: 1\nsources: [ { id: s, cite: A } ]\n"
		"lessons:\n  - id: l\n    title: L\n    pages:\n"
		"      - { id: a, title: P1, text: x, sources: [s] }\n"
		"      - { id: b, title: P2, text: y }\n"
		"    quiz:\n      questions:\n"
		"        - { id: q, kind: single, prompt: P, explanation: E, review: b,\n"
		"            choices: [ { text: A, correct: true }, { text: B, feedback: F } ] }\n";
	struct course *c = course_load_mem("t.yaml", ok, strlen(ok), &d);
	assert_non_null(c);
	assert_int_equal(c->lessons[0].quiz.questions[0].review_page, 1);
	course_free(c);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zero_width_word_indent),
		cmocka_unit_test(message_cap_per_file),
		cmocka_unit_test(ids_sorted_same_reports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
