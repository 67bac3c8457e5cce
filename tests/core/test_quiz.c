/* test_quiz.c - choice order and scoring. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/course.h"
#include "core/quiz.h"

static const char yaml[] =
	"id: t\ntitle: T\nversion: 1\nlessons:\n  - id: l\n    title: L\n"
	"    pages: [ { title: P, text: x } ]\n    quiz:\n      pass: 60\n      questions:\n"
	"        - { id: a, kind: single, prompt: P, explanation: E, choices: [ {text: A, correct: true}, {text: B, feedback: F}, {text: C, feedback: F}, {text: D, feedback: F} ] }\n"
	"        - { id: b, kind: multiple, prompt: P, explanation: E, shuffle: false, choices: [ {text: A, correct: true}, {text: B, feedback: F}, {text: C, correct: true} ] }\n"
	"        - { id: c, kind: true-false, prompt: P, explanation: E, choices: [ {text: \"True\", feedback: F}, {text: \"False\", correct: true} ] }\n";

static struct course *load(void)
{
	struct diags d = { 0 };
	struct course *c = course_load_mem("t.yaml", yaml, strlen(yaml), &d);
	diag_free(&d);
	return c;
}

static void scoring(void **state)
{
	(void)state;
	struct course *c = load();
	assert_non_null(c);
	struct quiz_run r;
	quiz_run_init(&r, &c->lessons[0], 42);
	assert_true(quiz_answer(&r, 1u << 0));
	r.cur = 1;
	assert_false(quiz_answer(&r, 1u << 0));		/* one of two: wrong */
	assert_true(quiz_is_correct(&c->lessons[0].quiz.questions[1], 5u));
	r.cur = 2;
	assert_true(quiz_answer(&r, 1u << 1));
	assert_int_equal(quiz_score(&r), 66);
	assert_true(quiz_passed(&r));
	assert_int_equal(quiz_missed(&r), 1);
	quiz_run_free(&r);
	course_free(c);
}

static void order(void **state)
{
	(void)state;
	struct course *c = load();
	struct quiz_run r, s;
	quiz_run_init(&r, &c->lessons[0], 7);
	quiz_run_init(&s, &c->lessons[0], 7);
	/* same seed, same order; every choice appears once */
	unsigned seen = 0;
	for (size_t k = 0; k < 4; k++) {
		assert_int_equal(quiz_choice_at(&r, 0, k), quiz_choice_at(&s, 0, k));
		seen |= 1u << quiz_choice_at(&r, 0, k);
	}
	assert_int_equal(seen, 15);
	/* shuffle: false and true-false keep the written order */
	for (size_t k = 0; k < 3; k++)
		assert_int_equal(quiz_choice_at(&r, 1, k), k);
	assert_int_equal(quiz_choice_at(&r, 2, 0), 0);
	/* some seed moves the single question's choices */
	int moved = 0;
	for (unsigned seed = 1; seed < 20; seed++) {
		struct quiz_run t;
		quiz_run_init(&t, &c->lessons[0], seed);
		moved += quiz_choice_at(&t, 0, 0) != 0;
		quiz_run_free(&t);
	}
	assert_true(moved > 0);
	quiz_run_free(&r);
	quiz_run_free(&s);
	course_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scoring),
		cmocka_unit_test(order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
