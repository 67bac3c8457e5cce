/* test_flow.c - the learner flow both front ends share: quiz and review
 * runs, verdicts, summaries, where to continue and what the learner reads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/flow.h"
#include "core/text.h"
#include "core/xalloc.h"

/* Lesson l: a single (shuffled), a critical true-false that names page p2,
 * and a choose-all without a review page. Lesson m: one question. */
static const char yaml[] =
	"id: t\ntitle: T\nversion: 1\n"
	"sources: [ { id: s1, cite: \"Hou et al., A review, Derm Surg, 2017\" },"
	" { id: s2, cite: \"FDA, Microneedling devices, 2024\" } ]\n"
	"lessons:\n"
	"  - id: l\n    title: L\n"
	"    pages: [ { id: p1, title: One, text: x }, { id: p2, title: Two, text: y } ]\n"
	"    quiz:\n      pass: 60\n      questions:\n"
	"        - { id: a, kind: single, prompt: PA, explanation: EA, sources: [s1, s2], choices: [ {text: A, correct: true}, {text: B, feedback: FB}, {text: C, feedback: FC} ] }\n"
	"        - { id: b, kind: true-false, prompt: PB, explanation: EB, critical: true, review: p2, choices: [ {text: \"True\", feedback: FT}, {text: \"False\", correct: true} ] }\n"
	"        - { id: c, kind: multiple, prompt: PC, explanation: EC, shuffle: false, choices: [ {text: A, correct: true}, {text: B}, {text: C, correct: true} ] }\n"
	"  - id: m\n    title: M\n"
	"    pages: [ { title: Only, text: z } ]\n"
	"    quiz:\n      questions:\n"
	"        - { id: q, kind: true-false, prompt: PQ, explanation: EQ, choices: [ {text: \"True\", correct: true}, {text: \"False\"} ] }\n";

struct fixture {
	struct session s;
	struct course *c;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct diags d = { 0 };
	f->c = course_load_mem("t.yaml", yaml, strlen(yaml), &d);
	diag_free(&d);
	assert_non_null(f->c);
	assert_true(catalog_add(&f->s.cat, f->c));
	f->s.prog = progress_new();
	f->s.seed = 7;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	session_close(&f->s);	/* frees the catalog, the course and progress */
	free(f);
	return 0;
}

/* The slot in which the choice with text s is shown. */
static unsigned slot_of(const struct flow *fl, const char *s)
{
	for (size_t k = 0; k < flow_question(fl)->nchoices; k++)
		if (!strcmp(flow_choice(fl, k), s))
			return 1u << k;
	fail_msg("no choice %s", s);
	return 0;
}

static void quiz_verdicts_and_summary(void **state)
{
	struct fixture *f = *state;
	const struct lesson *l = &f->c->lessons[0];
	struct flow *fl = flow_quiz(&f->s, f->c, l);
	assert_int_equal(flow_count(fl), 3);
	assert_false(flow_answered(fl));
	/* Invalid answers change nothing. */
	assert_int_equal(flow_answer(fl, 0), -1);
	assert_int_equal(flow_answer(fl, 1u << 3), -1);
	assert_int_equal(flow_answer(fl, 3u), -1);	/* two slots for a single */
	assert_false(flow_answered(fl));
	/* Wrong, with feedback by the slot it was shown in. */
	unsigned b = slot_of(fl, "B");
	assert_int_equal(flow_answer(fl, b), 0);
	assert_int_equal(flow_answer(fl, b), -1);	/* once only */
	struct flow_verdict v;
	flow_verdict(fl, &v);
	assert_false(v.right);
	size_t kb = (size_t)__builtin_ctz(b), ka = (size_t)__builtin_ctz(slot_of(fl, "A"));
	assert_int_equal(v.tag[kb], TAG_PICKED_WRONG);
	assert_int_equal(v.tag[ka], TAG_MISSED_RIGHT);
	char *s = flow_feedback_text(&v, kb);
	char *want = xasprintf("About choice %zu: FB", kb + 1);
	assert_string_equal(s, want);
	free(s);
	free(want);
	assert_null(flow_feedback_text(&v, ka));
	s = flow_reread_text(&v);
	assert_string_equal(s, "This question names no page to re-read.");
	free(s);
	s = flow_sources_short(f->c, &flow_question(fl)->sources);
	assert_string_equal(s, "Sources: Hou et al. 2017; FDA 2024.");
	free(s);
	/* A missed safety point names its page. */
	assert_true(flow_next(fl));
	assert_int_equal(flow_answer(fl, 1u), 0);	/* True: wrong */
	flow_verdict(fl, &v);
	assert_true(v.critical);
	assert_non_null(v.page);
	assert_int_equal(v.page_index, 1);
	s = flow_reread_text(&v);
	assert_string_equal(s, "This is a safety point. Re-read the page \"Two\" (page 2).");
	free(s);
	/* Choose all: both right ones. */
	assert_true(flow_next(fl));
	assert_int_equal(flow_answer(fl, 5u), 0);
	flow_verdict(fl, &v);
	assert_true(v.right);
	assert_null(flow_reread_text(&v));
	assert_false(flow_next(fl));
	assert_true(flow_done(fl));
	assert_false(flow_next(fl));
	struct flow_summary sum;
	flow_summarize(fl, &sum);
	assert_int_equal(sum.right, 1);
	assert_int_equal(sum.score, 33);
	assert_false(sum.passed);
	assert_int_equal(sum.nmissed, 2);
	assert_null(sum.missed[0].page);
	assert_ptr_equal(sum.missed[1].page, &l->pages[1]);
	s = flow_missed_text(&sum.missed[0]);
	assert_string_equal(s, "no page named to re-read");
	free(s);
	s = flow_missed_text(&sum.missed[1]);
	assert_string_equal(s, "safety point, re-read page 2: Two");
	free(s);
	s = flow_score_text(&sum);
	assert_string_equal(s, "You scored 1 of 3 (33%). The pass mark is 60%.");
	free(s);
	flow_summary_free(&sum);
	flow_free(fl);
	/* The finished quiz was recorded as an attempt. */
	struct lesson_status st;
	session_status(&f->s, f->c, l, &st);
	assert_int_equal(st.state, LESSON_NOT_PASSED);
	assert_int_equal(st.best, 33);
}

static void left_quiz_is_not_an_attempt(void **state)
{
	struct fixture *f = *state;
	const struct lesson *l = &f->c->lessons[0];
	assert_false(flow_quiz_interrupted(&f->s, f->c, l));
	struct flow *fl = flow_quiz(&f->s, f->c, l);
	assert_int_equal(flow_answer(fl, slot_of(fl, "A")), 0);
	flow_free(fl);
	struct lesson_status st;
	session_status(&f->s, f->c, l, &st);
	assert_int_equal(st.attempts, 0);
	assert_true(flow_quiz_interrupted(&f->s, f->c, l));
}

static void review_after_a_miss(void **state)
{
	struct fixture *f = *state;
	assert_null(flow_review(&f->s));
	assert_int_equal(flow_due_count(&f->s), 0);
	struct flow *fl = flow_quiz(&f->s, f->c, &f->c->lessons[1]);
	assert_int_equal(flow_answer(fl, 2u), 0);	/* False: wrong */
	assert_false(flow_next(fl));
	flow_free(fl);
	/* Due tomorrow: move it into the past. */
	for (size_t i = 0; i < f->s.prog->nquestions; i++)
		f->s.prog->questions[i].due = time(NULL) - 10;
	assert_int_equal(flow_due_count(&f->s), 1);
	char *m = flow_menu_summary(&f->s);
	assert_string_equal(m, "0 of 2 lessons passed. Review: 1 question due.");
	free(m);
	fl = flow_review(&f->s);
	assert_non_null(fl);
	assert_int_equal(flow_mode(fl), FLOW_REVIEW);
	char *pos = flow_position_text(fl);
	assert_string_equal(pos, "Review question 1 of 1");
	free(pos);
	assert_int_equal(flow_answer(fl, 1u), 0);
	assert_false(flow_next(fl));
	struct flow_summary sum;
	flow_summarize(fl, &sum);
	char *s = flow_score_text(&sum);
	assert_string_equal(s, "You answered 1 of 1 review question right.");
	free(s);
	flow_summary_free(&sum);
	flow_free(fl);
	assert_int_equal(flow_due_count(&f->s), 0);
}

static void continue_and_next(void **state)
{
	struct fixture *f = *state;
	struct flow_place p;
	assert_false(flow_continue(&f->s, &p));
	session_visit(&f->s, f->c, &f->c->lessons[0], 1);
	assert_true(flow_continue(&f->s, &p));
	assert_ptr_equal(p.lesson, &f->c->lessons[0]);
	assert_int_equal(p.page, 1);
	char *s = flow_continue_text(&p);
	assert_string_equal(s, "Continue: T / L, page 2 of 2");
	free(s);
	s = session_status_text(&f->s, f->c, &f->c->lessons[0]);
	assert_string_equal(s, "in progress, page 2 of 2");
	free(s);
	assert_ptr_equal(flow_next_lesson(f->c, &f->c->lessons[0]), &f->c->lessons[1]);
	assert_null(flow_next_lesson(f->c, &f->c->lessons[1]));
	s = flow_course_status(&f->s, f->c);
	assert_string_equal(s, "2 lessons, 0 passed");
	free(s);
}

static void notice_once(void **state)
{
	struct fixture *f = *state;
	assert_true(flow_notice_due(&f->s));
	assert_non_null(strstr(flow_notice_text(), "not medical advice"));
	flow_notice_read(&f->s);
	assert_false(flow_notice_due(&f->s));
}

/* Counts take their word from ngettext: one file, two files (English
 * without a catalogue). */
static void plurals(void **state)
{
	struct fixture *f = *state;
	size_t bad = f->s.bad_files;
	f->s.bad_files = 1;
	char *s = flow_bad_files_text(&f->s);
	assert_string_equal(s, "1 course file could not be read: run 'rollwise check'.");
	free(s);
	f->s.bad_files = 2;
	s = flow_bad_files_text(&f->s);
	assert_string_equal(s, "2 course files could not be read: run 'rollwise check'.");
	free(s);
	f->s.bad_files = bad;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(quiz_verdicts_and_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(left_quiz_is_not_an_attempt, setup, teardown),
		cmocka_unit_test_setup_teardown(review_after_a_miss, setup, teardown),
		cmocka_unit_test_setup_teardown(continue_and_next, setup, teardown),
		cmocka_unit_test_setup_teardown(notice_once, setup, teardown),
		cmocka_unit_test_setup_teardown(plurals, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
