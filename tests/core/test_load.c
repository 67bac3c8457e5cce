/* test_load.c - every class of loader error, with its exact line and column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/course.h"

/* A valid course; cases below are built from pieces of it. Line numbers in
 * the cases count from the first line of their own text. */
#define HEAD "id: t\ntitle: T\nversion: 1\n"
#define QUIZ \
	"    quiz:\n" \
	"      questions:\n" \
	"        - id: q\n" \
	"          kind: single\n" \
	"          prompt: P\n" \
	"          explanation: E\n" \
	"          choices:\n" \
	"            - { text: A, correct: true }\n" \
	"            - { text: B, feedback: F }\n"
#define LESSON \
	"lessons:\n" \
	"  - id: l\n" \
	"    title: L\n" \
	"    pages:\n" \
	"      - { title: Page one, text: Hello }\n" \
	QUIZ

struct loadcase {
	const char *yaml;
	int line, col;		/* 0,0: expect the course to load cleanly */
	const char *msg;	/* part of the message */
	bool warning;		/* expect a warning, and the course to load */
};

static const struct diag *find(const struct diags *d, const struct loadcase *k)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == k->line && d->v[i].col == k->col &&
		    strstr(d->v[i].msg, k->msg) &&
		    (d->v[i].level == DIAG_WARNING) == k->warning)
			return &d->v[i];
	return NULL;
}

static void run_case(void **state)
{
	const struct loadcase *k = *state;
	struct diags d = { 0 };
	struct course *c = course_load_mem("t.yaml", k->yaml, strlen(k->yaml), &d);
	if (k->line == 0) {
		diag_print(&d, stderr);
		assert_non_null(c);
		assert_int_equal(d.errors, 0);
		assert_int_equal(d.warnings, 0);
	} else {
		if (!find(&d, k)) {
			fprintf(stderr, "# wanted %d:%d: %s; got:\n", k->line, k->col, k->msg);
			diag_print(&d, stderr);
		}
		assert_non_null(find(&d, k));
		if (k->warning)
			assert_non_null(c);
		else
			assert_null(c);
	}
	course_free(c);
	diag_free(&d);
}

#define CASE(name, ...) \
	static const struct loadcase name = { __VA_ARGS__ };
CASE(valid, HEAD LESSON, 0, 0, NULL, false)
CASE(syntax, HEAD "lessons: [\n", 5, 1, "YAML syntax error", false)
CASE(syntax_indent, "id: t\n  title: - x\n", 2, 8, "YAML syntax error", false)
CASE(unknown_key, HEAD "tittle: x\n" LESSON, 4, 1, "unknown key 'tittle' in the course; did you mean 'title'?", false)
CASE(unknown_far, HEAD "colour: red\n" LESSON, 4, 1, "unknown key 'colour' in the course", false)
CASE(missing_key, "id: t\nversion: 1\n" LESSON, 1, 1, "the course is missing 'title'", false)
CASE(missing_in_page, HEAD "lessons:\n  - id: l\n    title: L\n    pages:\n      - { title: X }\n" QUIZ,
     8, 9, "a page is missing 'text'", false)
CASE(twice, HEAD "title: U\n" LESSON, 4, 1, "'title' is given twice in the course (first at line 2)", false)
CASE(wrong_type_list, "id: t\ntitle: [a, b]\nversion: 1\n" LESSON, 2, 8, "'title' must be text, not a list", false)
CASE(wrong_type_map, HEAD "lessons: {a: 1}\n", 4, 10, "'lessons' must be a list, not a mapping", false)
CASE(wrong_int, "id: t\ntitle: T\nversion: one\n" LESSON, 3, 10, "'version' must be a whole number", false)
CASE(wrong_bool, HEAD LESSON "          critical: yes\n", 18, 21, "'critical' must be true or false, not 'yes'", false)
CASE(empty_title, "id: t\ntitle: \"\"\nversion: 1\n" LESSON, 2, 8, "'title' must not be empty", false)
CASE(bad_id, "id: My Course\ntitle: T\nversion: 1\n" LESSON, 1, 5, "is not a valid id", false)
CASE(dup_course_source, HEAD "sources:\n  - { id: s, cite: A }\n  - { id: s, cite: B }\n" LESSON,
     6, 5, "source id 's' is used twice (first at line 5)", false)
CASE(dup_lesson, HEAD LESSON "  - id: l\n    title: L2\n    pages: [ { title: P, text: x } ]\n" QUIZ,
     18, 5, "lesson id 'l' is used twice (first at line 5)", false)
CASE(dup_page, HEAD "lessons:\n  - id: l\n    title: L\n    pages:\n      - { title: Same, text: a }\n      - { title: same!, text: b }\n" QUIZ,
     9, 9, "page id 'same' is used twice (first at line 8)", false)
CASE(dup_question, HEAD LESSON
     "        - id: q\n          kind: single\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n",
     18, 11, "question id 'q' is used twice (first at line 11)", false)
CASE(unknown_source, HEAD "lessons:\n  - id: l\n    title: L\n    pages:\n      - { title: P, text: x, sources: [nope] }\n" QUIZ,
     8, 40, "source 'nope' is not in the course's 'sources'", false)
CASE(unknown_review, HEAD LESSON "          critical: true\n          review: nowhere\n",
     19, 19, "review page 'nowhere' is not a page of this lesson", false)
CASE(critical_no_review, HEAD LESSON "          critical: true\n", 11, 11, "needs 'review'", false)
CASE(single_two_correct, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: single\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: A, correct: true }, { text: B, correct: true } ]\n",
     10, 11, "single question 'q' needs exactly one correct choice, not 2", false)
CASE(multiple_none, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: multiple\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: A, feedback: F }, { text: B, feedback: F } ]\n",
     10, 11, "multiple question 'q' needs at least one correct choice", false)
CASE(tf_wrong_texts, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: true-false\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: Yes, correct: true }, { text: No, feedback: F } ]\n",
     14, 22, "must be True and False", false)
CASE(tf_three, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: true-false\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: \"True\", correct: true }, { text: \"False\", feedback: F }, { text: Maybe, feedback: F } ]\n",
     10, 11, "needs exactly the choices True and False", false)
CASE(tf_two_correct, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: true-false\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: \"True\", correct: true }, { text: \"False\", correct: true } ]\n",
     10, 11, "needs exactly one correct choice", false)
CASE(one_choice, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: single\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: A, correct: true } ]\n",
     14, 20, "'choices' must list 2 to 9 items, not 1", false)
CASE(pass_range, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      pass: 0\n      questions:\n        - id: q\n          kind: single\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n",
     9, 13, "'pass' must be from 1 to 100, not 0", false)
CASE(format_2, "format: 2\n" HEAD LESSON, 1, 9, "'format' must be from 1 to 1", false)
CASE(anchor, HEAD "sources: &s []\n" LESSON, 4, 10, "anchors (&name) are not allowed", false)
CASE(alias, "id: &x t\ntitle: *x\nversion: 1\n" LESSON, 2, 8, "aliases (*name) are not allowed", false)
CASE(tag, "id: !!str t\ntitle: T\nversion: 1\n" LESSON, 1, 5, "tags (!name) are not allowed", false)
CASE(too_deep, "id: t\ntitle: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
     2, 72, "nesting is deeper than any course needs", false)
CASE(invalid_utf8, HEAD "summary: caf\xc3\n" LESSON, 4, 13, "invalid UTF-8 (byte 0xc3)", false)
CASE(overlong_utf8, HEAD "summary: \xc0\xaf\n" LESSON, 4, 10, "invalid UTF-8", false)
CASE(control_raw, HEAD "summary: a\x1b[2Jb\n" LESSON, 4, 11, "control character U+001B", false)
CASE(control_escape, HEAD "summary: \"a\\e[2Jb\"\n" LESSON, 4, 10, "'summary' holds the control character U+001B", false)
CASE(c1_escape, HEAD "summary: \"a\\x9b2J\"\n" LESSON, 4, 10, "U+009B", false)
CASE(nul_escape, HEAD "summary: \"a\\0b\"\n" LESSON, 4, 10, "U+0000", false)
CASE(bidi, HEAD "summary: abc\xe2\x80\xae" "def\n" LESSON, 4, 13, "U+202E", false)
/* Found past runs of printable ASCII, which the scan reads 8 bytes at a time. */
CASE(control_after_run, HEAD "summary: abcdefghijklmnopqrstuvwxyz\x7f\n" LESSON, 4, 36, "U+007F", false)
CASE(c1_after_run, HEAD "summary: abcdefghijklmnopqrstuvw\xc2\x85xyz\n" LESSON, 4, 33, "U+0085", false)
CASE(lone_cr, HEAD "summary: abc\rdef\n" LESSON, 4, 13, "U+000D", false)
/* libyaml refuses U+FFFE and U+FFFF with no position (it said 1:1), and
 * counts U+2028/U+2029 as line breaks (later errors were a line off): the
 * scan before it points at the character. */
CASE(nonchar_fffe, HEAD "summary: ab\xef\xbf\xbe\n" LESSON, 4, 12, "U+FFFE is not a character", false)
CASE(nonchar_ffff, HEAD "summary: caf\xc3\xa9 \xef\xbf\xbf\n" LESSON, 4, 15, "U+FFFF is not a character", false)
CASE(line_sep_block, HEAD "summary: |\n  abc\xe2\x80\xa8" "def\n  more\nbogus: 1\n" LESSON, 5, 6,
     "line separator U+2028; YAML reads it as a line break", false)
CASE(para_sep, HEAD "summary: a \xe2\x80\xa9\n" LESSON, 4, 12, "paragraph separator U+2029", false)
CASE(line_sep_escape, HEAD "summary: \"a\\Lb\"\n" LESSON, 4, 10, "'summary' holds the control character U+2028", false)
CASE(empty_file, "", 1, 1, "the file is empty", false)
CASE(two_docs, HEAD LESSON "---\nid: u\n", 18, 1, "holds one YAML document", false)
CASE(not_a_map, "- a\n- b\n", 1, 1, "the course must be a mapping", false)
CASE(no_lessons, HEAD "lessons: []\n", 4, 10, "'lessons' must list at least 1 item", false)
CASE(warn_explanation, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: single\n          prompt: P\n"
     "          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n",
     10, 11, "question 'q' has no explanation", true)
CASE(warn_feedback, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: single\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: A, correct: true }, { text: B } ]\n",
     14, 50, "wrong choice 'B' has no feedback", true)
CASE(warn_long_page, HEAD "lessons:\n  - id: l\n    title: L\n    pages:\n      - title: Long\n        text: |\n"
     "          1\n\n          2\n\n          3\n\n          4\n\n          5\n\n          6\n\n"
     "          7\n\n          8\n\n          9\n\n          10\n\n          11\n" QUIZ,
     8, 9, "page 'Long' takes 21 lines at 78 columns", true)
CASE(warn_no_review, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x }, { title: Q, text: y } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: single\n          prompt: P\n          explanation: E\n"
     "          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n",
     10, 11, "question 'q' has no 'review': name the page that teaches it", true)
CASE(review_given, HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x }, { title: Q, text: y } ]\n"
     "    quiz:\n      questions:\n        - id: q\n          kind: single\n          prompt: P\n          explanation: E\n"
     "          review: q\n"
     "          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n", 0, 0, NULL, false)
CASE(source_kind_bad, HEAD "sources:\n  - { id: s, cite: A, kind: blog }\n" LESSON,
     5, 29, "a source's 'kind' must be review, journal, guideline, regulator, medical-body, press, clinic or popular, not 'blog'", false)
CASE(source_kind_type, HEAD "sources:\n  - { id: s, cite: A, kind: [review] }\n" LESSON,
     5, 29, "'kind' must be text, not a list", false)
CASE(crlf_bom, "\xef\xbb\xbfid: t\r\ntitle: T\r\nversion: 1\r\n"
     "lessons:\r\n  - id: l\r\n    title: L\r\n    pages: [ { title: P, text: x } ]\r\n"
     "    quiz:\r\n      questions:\r\n        - id: q\r\n          kind: single\r\n          prompt: P\r\n          explanation: E\r\n"
     "          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\r\n", 0, 0, NULL, false)
CASE(order_ok, "id: t\norder: 0\ntitle: T\nversion: 1\n" LESSON, 0, 0, NULL, false)
CASE(order_word, HEAD "order: first\n" LESSON, 4, 8, "'order' must be a whole number, not 'first'", false)
CASE(order_fraction, HEAD "order: 1.5\n" LESSON, 4, 8, "'order' must be a whole number, not '1.5'", false)
CASE(order_list, HEAD "order: [1]\n" LESSON, 4, 8, "'order' must be a whole number, not a list", false)
CASE(order_high, HEAD "order: 10000\n" LESSON, 4, 8, "'order' must be from 0 to 9999, not 10000", false)
CASE(order_negative, HEAD "order: -1\n" LESSON, 4, 8, "'order' must be from 0 to 9999, not -1", false)
CASE(order_huge, HEAD "order: 99999999999999999999\n" LESSON, 4, 8, "'order' must be from 0 to 9999, not 99999999999999999999", false)
CASE(order_twice, HEAD "order: 1\norder: 2\n" LESSON, 5, 1, "'order' is given twice in the course (first at line 4)", false)
CASE(order_typo, HEAD "ordre: 1\n" LESSON, 4, 1, "unknown key 'ordre' in the course; did you mean 'order'?", false)
CASE(crlf_error_position, "\xef\xbb\xbfid: t\r\ntitle: T\r\nversion: x\r\n" LESSON, 3, 10, "'version' must be a whole number", false)

#define T(name) { #name, run_case, NULL, NULL, (void *)(uintptr_t)&name }

static void too_big(void **state)
{
	(void)state;
	size_t n = COURSE_MAX_BYTES + 1;
	char *buf = malloc(n);
	assert_non_null(buf);
	memset(buf, 'a', n);
	struct diags d = { 0 };
	assert_null(course_load_mem("big.yaml", buf, n, &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.v[0].msg, "larger than 1024 KiB"));
	diag_free(&d);
	free(buf);
}

static void all_errors_reported(void **state)
{
	(void)state;
	const char *y = "id: T\ntitle: [x]\nversion: 0\ncolor: x\n" LESSON;
	struct diags d = { 0 };
	assert_null(course_load_mem("t.yaml", y, strlen(y), &d));
	assert_int_equal(d.errors, 4);
	/* sorted by line */
	assert_int_equal(d.v[0].line, 1);
	assert_int_equal(d.v[3].line, 4);
	diag_free(&d);
}

static void error_cap(void **state)
{
	(void)state;
	char *y = malloc(200000);
	assert_non_null(y);
	strcpy(y, HEAD);
	for (int i = 0; i < 200; i++)
		sprintf(y + strlen(y), "k%d: v\n", i);
	strcat(y, LESSON);
	struct diags d = { 0 };
	assert_null(course_load_mem("t.yaml", y, strlen(y), &d));
	assert_int_equal(d.n, DIAG_MAX_PER_FILE + 1);
	assert_non_null(strstr(d.v[d.n - 1].msg, "too many problems"));
	diag_free(&d);
	free(y);
}

static void model_filled(void **state)
{
	(void)state;
	const char *y = HEAD "summary: S\nsources:\n  - { id: s1, cite: C }\n" LESSON;
	struct diags d = { 0 };
	struct course *c = course_load_mem("t.yaml", y, strlen(y), &d);
	assert_non_null(c);
	assert_string_equal(c->id, "t");
	assert_string_equal(c->summary, "S");
	assert_int_equal(c->order, COURSE_NO_ORDER);
	assert_int_equal(c->nsources, 1);
	assert_string_equal(c->sources[0].cite, "C");
	const struct lesson *l = course_lesson(c, "l");
	assert_non_null(l);
	assert_string_equal(l->pages[0].id, "page-one");
	assert_int_equal(l->quiz.pass, 80);
	assert_int_equal(l->quiz.questions[0].nchoices, 2);
	assert_true(l->quiz.questions[0].choices[0].correct);
	assert_string_equal(l->quiz.questions[0].choices[1].feedback, "F");
	assert_true(l->quiz.questions[0].shuffle);
	char h1[17], h2[17];
	lesson_hash(l, h1);
	free(c->lessons[0].pages[0].text);
	c->lessons[0].pages[0].text = strdup("Changed");
	lesson_hash(l, h2);
	assert_string_not_equal(h1, h2);
	assert_int_equal(strlen(h1), 16);
	course_free(c);
	diag_free(&d);
}

/* Every kind of source is read and shown in words; one without a kind is
 * cited as written. */
static void source_kinds(void **state)
{
	(void)state;
	static const char *const kinds[][2] = {
		{ "review", "review of studies" },
		{ "journal", "article in a medical journal" },
		{ "guideline", "medical guideline" },
		{ "regulator", "government health agency" },
		{ "medical-body", "medical organisation" },
		{ "press", "dermatologist quoted in the press" },
		{ "clinic", "clinic or seller advice" },
		{ "popular", "popular article, not a medical source" },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		char y[1024];
		snprintf(y, sizeof y, HEAD "sources:\n  - { id: s, cite: \"Cite, 2021\", kind: %s }\n"
			 "  - { id: n, cite: No kind }\n" LESSON, kinds[i][0]);
		struct diags d = { 0 };
		struct course *c = course_load_mem("t.yaml", y, strlen(y), &d);
		assert_non_null(c);
		assert_int_equal(d.warnings, 0);
		assert_int_equal(c->sources[0].kind, (int)i + 1);
		assert_string_equal(source_kind_words(c->sources[0].kind), kinds[i][1]);
		assert_int_equal(c->sources[1].kind, SOURCE_UNSAID);
		assert_null(source_kind_words(SOURCE_UNSAID));
		char s_id[] = "s", n_id[] = "n";
		char *ids[] = { s_id, n_id };
		struct source_refs refs = { ids, NULL, 2 };
		char *cites = course_cites(c, &refs);
		char want[256];
		snprintf(want, sizeof want, "- Cite, 2021 (%s)\n- No kind\n", kinds[i][1]);
		assert_string_equal(cites, want);
		free(cites);
		course_free(c);
		diag_free(&d);
	}
}

static void order_stored(void **state)
{
	(void)state;
	const char *y = "id: t\norder: 9999\ntitle: T\nversion: 1\n" LESSON;
	struct diags d = { 0 };
	struct course *c = course_load_mem("t.yaml", y, strlen(y), &d);
	assert_non_null(c);
	assert_int_equal(c->order, 9999);
	course_free(c);
	diag_free(&d);
}

static void true_false_ordered(void **state)
{
	(void)state;
	const char *y = HEAD "lessons:\n  - id: l\n    title: L\n    pages: [ { title: P, text: x } ]\n"
		"    quiz:\n      questions:\n        - id: q\n          kind: true-false\n          prompt: P\n          explanation: E\n"
		"          choices: [ { text: \"False\", correct: true }, { text: \"True\", feedback: F } ]\n";
	struct diags d = { 0 };
	struct course *c = course_load_mem("t.yaml", y, strlen(y), &d);
	assert_non_null(c);
	const struct question *q = &c->lessons[0].quiz.questions[0];
	assert_string_equal(q->choices[0].text, "True");
	assert_false(q->choices[0].correct);
	assert_true(q->choices[1].correct);
	assert_false(q->shuffle);
	course_free(c);
	diag_free(&d);
}

static void long_values_cut(void **state)
{
	(void)state;
	char y[4096] = "id: ";
	memset(y + 4, 'x', 2000);
	strcpy(y + 2004, "Y\ntitle: T\nversion: 1\n" LESSON);
	struct diags d = { 0 };
	assert_null(course_load_mem("t.yaml", y, strlen(y), &d));
	assert_non_null(strstr(d.v[0].msg, "is not a valid id"));
	assert_true(strlen(d.v[0].msg) < 300);
	diag_free(&d);
}

static void file_errors(void **state)
{
	(void)state;
	struct diags d = { 0 };
	assert_null(course_load("/nonexistent/x.yaml", &d));
	assert_non_null(strstr(d.v[0].msg, "cannot open"));
	assert_null(course_load("/tmp", &d));
	assert_non_null(strstr(d.v[1].msg, "is a directory"));
	assert_null(course_load("/dev/null", &d));
	assert_non_null(strstr(d.v[2].msg, "not a regular file"));
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(valid), T(syntax), T(syntax_indent), T(unknown_key), T(unknown_far),
		T(missing_key), T(missing_in_page), T(twice), T(wrong_type_list),
		T(wrong_type_map), T(wrong_int), T(wrong_bool), T(empty_title), T(bad_id),
		T(dup_course_source), T(dup_lesson), T(dup_page), T(dup_question),
		T(unknown_source), T(unknown_review), T(critical_no_review),
		T(single_two_correct), T(multiple_none), T(tf_wrong_texts), T(tf_three),
		T(tf_two_correct), T(one_choice), T(pass_range), T(format_2), T(anchor),
		T(alias), T(tag), T(too_deep), T(invalid_utf8), T(overlong_utf8),
		T(control_raw), T(control_escape), T(c1_escape), T(nul_escape), T(bidi),
		T(control_after_run), T(c1_after_run), T(lone_cr), T(nonchar_fffe), T(nonchar_ffff), T(line_sep_block),
		T(para_sep), T(line_sep_escape), T(empty_file), T(two_docs), T(not_a_map), T(no_lessons),
		T(warn_explanation), T(warn_feedback), T(warn_long_page),
		T(warn_no_review), T(review_given), T(source_kind_bad), T(source_kind_type),
		T(crlf_bom),
		T(crlf_error_position), T(order_ok), T(order_word), T(order_fraction),
		T(order_list), T(order_high), T(order_negative), T(order_huge),
		T(order_twice), T(order_typo),
		cmocka_unit_test(too_big),
		cmocka_unit_test(all_errors_reported),
		cmocka_unit_test(error_cap),
		cmocka_unit_test(model_filled),
		cmocka_unit_test(source_kinds),
		cmocka_unit_test(order_stored),
		cmocka_unit_test(true_false_ordered),
		cmocka_unit_test(long_values_cut),
		cmocka_unit_test(file_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
