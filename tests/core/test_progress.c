/* test_progress.c - the progress model: places, status, the Leitner schedule,
 * and merging (both ways, nothing lost, capped records). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/progress.h"
#include "record.h"
#include "core/store.h"
#include "core/xalloc.h"

#define T0 ((time_t)1795578000)	/* 2026-11-25T03:40:00Z */
#define DAY ((time_t)86400)
#define HASH1 "0123456789abcdef"
#define HASH2 "fedcba9876543210"

/* ---- a small catalog built by hand ---- */

static void lesson_init(struct lesson *l, const char *id, size_t npages, const char *qids)
{
	l->id = xstrdup(id);
	l->title = xasprintf("Lesson %s", id);
	l->npages = npages;
	l->pages = xcalloc(npages, sizeof *l->pages);
	for (size_t i = 0; i < npages; i++) {
		l->pages[i].title = xasprintf("Page %zu", i);
		l->pages[i].text = xasprintf("Text of page %zu.", i);
	}
	l->quiz.pass = 80;
	for (const char *q = qids; q && *q;) {
		size_t n = strcspn(q, ",");
		l->quiz.questions = xreallocarray(l->quiz.questions, l->quiz.nquestions + 1,
						  sizeof *l->quiz.questions);
		struct question *qq = &l->quiz.questions[l->quiz.nquestions++];
		*qq = (struct question){ .id = xstrndup(q, n), .prompt = xstrdup("Why?") };
		q += n + (q[n] == ',');
	}
}

/* "l1:3:q1,q2 l2:2:q3": lessons with their page counts and question ids. */
static struct course *course_make(const char *id, int version, const char *spec)
{
	struct course *c = xcalloc(1, sizeof *c);
	c->id = xstrdup(id);
	c->title = xstrdup(id);
	c->version = version;
	char *s = xstrdup(spec), *save = NULL;
	for (char *tok = strtok_r(s, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *lid = tok, *np = strchr(tok, ':'), *qs = strchr(np + 1, ':');
		*np++ = '\0';
		*qs++ = '\0';
		c->lessons = xreallocarray(c->lessons, c->nlessons + 1, sizeof *c->lessons);
		c->lessons[c->nlessons] = (struct lesson){ 0 };
		lesson_init(&c->lessons[c->nlessons++], lid, (size_t)atoi(np), qs);
	}
	free(s);
	return c;
}

static void catalog_make(struct catalog *cat, size_t n, ...)
{
	va_list ap;
	va_start(ap, n);
	*cat = (struct catalog){ 0 };
	for (size_t i = 0; i < n; i++)
		assert_true(catalog_add(cat, va_arg(ap, struct course *)));
	va_end(ap);
}

/* ---- helpers ---- */

static char *dump(const struct progress *p)
{
	char *err = NULL;
	size_t len;
	char *s = store_format(p, &len, &err);
	assert_non_null(s);
	assert_null(err);
	return s;
}

/* A copy as another process would load it: same records, new session. */
static struct progress *copy(const struct progress *p)
{
	char *s = dump(p), *err = NULL;
	struct progress *q = NULL;
	assert_int_equal(store_parse(s, strlen(s), &q, &err), 0);
	free(s);
	return q;
}

/* The look-ups fail the test rather than return NULL. */
static const struct lesson_progress *lesson_of(const struct progress *p,
					       const char *c, const char *l)
{
	for (size_t i = 0; i < p->nlessons; i++)
		if (!strcmp(p->lessons[i].course, c) && !strcmp(p->lessons[i].lesson, l))
			return &p->lessons[i];
	fail_msg("no lesson %s/%s", c, l);
	abort();
}

static const struct question_progress *question_of(const struct progress *p, const char *q)
{
	for (size_t i = 0; i < p->nquestions; i++)
		if (!strcmp(p->questions[i].question, q))
			return &p->questions[i];
	fail_msg("no question %s", q);
	abort();
}

static const struct place *place_of(const struct progress *p)
{
	const struct place *pl = progress_last_place(p);
	if (!pl) {
		fail_msg("no place");
		abort();
	}
	return pl;
}

static bool has_attempt(const struct progress *p, const struct attempt *a)
{
	for (size_t i = 0; i < p->nlessons; i++)
		for (size_t j = 0; j < p->lessons[i].nattempts; j++) {
			const struct attempt *b = &p->lessons[i].attempts[j];
			if (b->st.session == a->st.session && b->st.seq == a->st.seq)
				return true;
		}
	return false;
}

static bool has_answer(const struct progress *p, const struct answer *a)
{
	for (size_t i = 0; i < p->nquestions; i++)
		for (size_t j = 0; j < p->questions[i].nanswers; j++) {
			const struct answer *b = &p->questions[i].answers[j];
			if (b->st.session == a->st.session && b->st.seq == a->st.seq)
				return true;
		}
	return false;
}

/* Every record of src is in dst. */
static void assert_all_kept(const struct progress *dst, const struct progress *src)
{
	for (size_t i = 0; i < src->nlessons; i++)
		for (size_t j = 0; j < src->lessons[i].nattempts; j++)
			assert_true(has_attempt(dst, &src->lessons[i].attempts[j]));
	for (size_t i = 0; i < src->nquestions; i++)
		for (size_t j = 0; j < src->questions[i].nanswers; j++)
			assert_true(has_answer(dst, &src->questions[i].answers[j]));
}

/* ---- places and status ---- */

static void test_visit_and_place(void **state)
{
	(void)state;
	struct progress *p = progress_new();
	assert_null(progress_last_place(p));
	assert_int_equal(progress_visit(p, "c", "l1", 0, T0), 0);
	assert_int_equal(progress_visit(p, "c", "l1", 3, T0 + 10), 0);
	assert_int_equal(progress_visit(p, "c", "l1", 1, T0 + 20), 0);
	const struct place *pl = place_of(p);
	assert_string_equal(pl->course, "c");
	assert_string_equal(pl->lesson, "l1");
	assert_int_equal(pl->page, 1);
	const struct lesson_progress *lp = lesson_of(p, "c", "l1");
	assert_int_equal(lp->page, 1);
	assert_int_equal(lp->furthest, 3);
	/* the place follows the learner to another lesson; each keeps its page */
	assert_int_equal(progress_visit(p, "c", "l2", 2, T0 + 30), 0);
	assert_string_equal(place_of(p)->lesson, "l2");
	assert_int_equal(lesson_of(p, "c", "l1")->page, 1);
	/* the UI may hand back the place's own strings */
	pl = place_of(p);
	assert_int_equal(progress_visit(p, pl->course, pl->lesson, 0, T0 + 40), 0);
	assert_string_equal(place_of(p)->lesson, "l2");
	progress_free(p);
}

static void test_invalid_ids_refused(void **state)
{
	(void)state;
	struct progress *p = progress_new();
	assert_int_equal(progress_visit(p, "", "l", 0, T0), -1);
	assert_int_equal(progress_visit(p, "c", "bad\x1b[31m", 0, T0), -1);
	assert_int_equal(progress_visit(p, "c\xff", "l", 0, T0), -1);
	assert_int_equal(answer_at(p, "c", "l", "q\n", true, T0), -1);
	assert_int_equal(attempt_at(p, "c", "l", 101, true, 1, HASH1, T0), -1);
	assert_int_equal(attempt_at(p, "c", "l", -1, false, 1, HASH1, T0), -1);
	assert_int_equal(attempt_at(p, "c", "l", 80, true, 1, "0123", T0), -1);
	assert_int_equal(attempt_at(p, "c", "l", 80, true, 1, "0123456789ABCDEF", T0), -1);
	char *longid = xmalloc(PROGRESS_ID_MAX + 2);
	memset(longid, 'a', PROGRESS_ID_MAX + 1);
	longid[PROGRESS_ID_MAX + 1] = '\0';
	assert_int_equal(progress_visit(p, longid, "l", 0, T0), -1);
	longid[PROGRESS_ID_MAX] = '\0';
	assert_int_equal(progress_visit(p, longid, "l", 0, T0), 0);
	free(longid);
	assert_int_equal(p->nquestions, 0);
	assert_int_equal(p->nlessons, 1);
	progress_free(p);
}

static void test_status(void **state)
{
	(void)state;
	struct course *c = course_make("c", 2, "l1:4:q1,q2 l2:3:q3 l3:2:q4");
	struct progress *p = progress_new();
	struct lesson_status st;
	char h1[17];
	lesson_hash(&c->lessons[0], h1);

	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_int_equal(st.state, LESSON_NOT_STARTED);
	assert_int_equal(st.best, -1);
	assert_int_equal(st.attempts, 0);
	assert_int_equal(st.npages, 4);

	progress_visit(p, "c", "l1", 2, T0);
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_int_equal(st.state, LESSON_IN_PROGRESS);
	assert_int_equal(st.page, 2);	/* "page 3 of 4" */

	attempt_at(p, "c", "l1", 50, false, 2, h1, T0 + 60);
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_int_equal(st.state, LESSON_NOT_PASSED);
	assert_int_equal(st.best, 50);
	assert_int_equal(st.attempts, 1);
	assert_int_equal(st.first_passed, 0);
	assert_int_equal(st.last_attempt, T0 + 60);

	attempt_at(p, "c", "l1", 90, true, 2, h1, T0 + 120);
	attempt_at(p, "c", "l1", 85, true, 2, h1, T0 + 180);
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_int_equal(st.state, LESSON_PASSED);
	assert_int_equal(st.best, 90);
	assert_int_equal(st.attempts, 3);
	assert_int_equal(st.first_passed, T0 + 120);
	assert_int_equal(st.last_attempt, T0 + 180);
	assert_int_equal(st.version, 2);
	assert_string_equal(st.hash, h1);
	assert_false(st.updated);

	attempt_at(p, "c", "l2", 100, true, 2, HASH1, T0);
	assert_int_equal(progress_course_passed(p, c), 2);
	progress_free(p);
	course_free(c);
}

static void test_updated_since_passed(void **state)
{
	(void)state;
	struct course *c = course_make("c", 1, "l1:2:q1");
	struct progress *p = progress_new();
	struct lesson_status st;
	char h[17];
	lesson_hash(&c->lessons[0], h);
	attempt_at(p, "c", "l1", 100, true, 1, h, T0);
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_false(st.updated);

	/* the author edits a page: passed still, but flagged */
	free(c->lessons[0].pages[1].text);
	c->lessons[0].pages[1].text = xstrdup("Rewritten after new guidance.");
	c->version = 2;
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_int_equal(st.state, LESSON_PASSED);
	assert_true(st.updated);

	/* a failed retake on the new text keeps the flag; a pass clears it */
	lesson_hash(&c->lessons[0], h);
	attempt_at(p, "c", "l1", 40, false, 2, h, T0 + 60);
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_true(st.updated);
	attempt_at(p, "c", "l1", 80, true, 2, h, T0 + 120);
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_false(st.updated);

	/* removed pages: the resume page stays inside the lesson */
	progress_visit(p, "c", "l1", 7, T0 + 200);
	progress_lesson_status(p, c, &c->lessons[0], &st);
	assert_int_equal(st.page, 1);
	assert_int_equal(st.furthest, 1);
	progress_free(p);
	course_free(c);
}

static void test_records_of_removed_lessons(void **state)
{
	(void)state;
	struct catalog cat;
	catalog_make(&cat, 1, course_make("c", 1, "l1:2:q1"));
	struct progress *p = progress_new();
	attempt_at(p, "gone", "old", 70, true, 3, HASH1, T0);
	answer_at(p, "gone", "old", "q", false, T0);
	answer_at(p, "c", "removed", "q", false, T0);
	answer_at(p, "c", "l1", "removed-q", false, T0);
	answer_at(p, "c", "l1", "q1", false, T0);
	struct lesson_status st;
	progress_record_status(p, "gone", "old", NULL, &st);
	assert_int_equal(st.state, LESSON_PASSED);
	assert_int_equal(st.best, 70);
	assert_false(st.updated);
	assert_int_equal(st.npages, 0);
	struct due_item *due;
	assert_int_equal(progress_due(p, &cat, T0 + 2 * DAY, &due), 1);
	assert_string_equal(due[0].question->id, "q1");
	free(due);
	/* they stay in the file */
	char *s = dump(p);
	assert_non_null(strstr(s, "course: gone"));
	assert_non_null(strstr(s, "question: removed-q"));
	free(s);
	progress_free(p);
	catalog_free(&cat);
}

/* ---- Leitner ---- */

static void test_leitner_schedule(void **state)
{
	(void)state;
	static const int days[] = { 1, 3, 7, 14, 30 };
	struct progress *p = progress_new();
	const struct question_progress *qp;
	time_t now = T0;

	answer_at(p, "c", "l", "q", false, now);
	qp = question_of(p, "q");
	assert_int_equal(qp->box, 1);
	assert_int_equal(qp->due, now + DAY);
	for (int box = 1; box <= REVIEW_BOXES; box++) {
		assert_int_equal(qp->box, box);
		assert_int_equal(qp->due, now + days[box - 1] * DAY);
		/* right before it is due (a quiz retake): nothing moves */
		answer_at(p, "c", "l", "q", true, qp->due - 1);
		qp = question_of(p, "q");
		assert_int_equal(qp->box, box);
		now = qp->due;
		answer_at(p, "c", "l", "q", true, now);
		qp = question_of(p, "q");
	}
	assert_int_equal(qp->box, REVIEW_DONE);	/* retired past box 5 */
	assert_int_equal(qp->due, 0);
	answer_at(p, "c", "l", "q", true, now + 100 * DAY);
	assert_int_equal(question_of(p, "q")->box, REVIEW_DONE);

	/* a miss, even retired or high up, goes back to box 1 */
	answer_at(p, "c", "l", "q", false, now + 200 * DAY);
	qp = question_of(p, "q");
	assert_int_equal(qp->box, 1);
	assert_int_equal(qp->due, now + 201 * DAY);
	progress_free(p);
}

static void test_leitner_miss_from_high_box(void **state)
{
	(void)state;
	struct progress *p = progress_new();
	answer_at(p, "c", "l", "q", false, T0);
	answer_at(p, "c", "l", "q", true, T0 + DAY);	/* box 2 */
	answer_at(p, "c", "l", "q", true, T0 + 4 * DAY);	/* box 3 */
	assert_int_equal(question_of(p, "q")->box, 3);
	answer_at(p, "c", "l", "q", false, T0 + 11 * DAY);
	assert_int_equal(question_of(p, "q")->box, 1);
	assert_int_equal(question_of(p, "q")->due, T0 + 12 * DAY);
	progress_free(p);
}

static void test_right_answer_stays_out_of_review(void **state)
{
	(void)state;
	struct catalog cat;
	catalog_make(&cat, 1, course_make("c", 1, "l1:1:q1,q2"));
	struct progress *p = progress_new();
	answer_at(p, "c", "l1", "q1", true, T0);
	answer_at(p, "c", "l1", "q1", true, T0 + DAY);
	assert_int_equal(question_of(p, "q1")->box, 0);
	assert_int_equal(question_of(p, "q1")->nanswers, 2);
	struct due_item *due;
	assert_int_equal(progress_due(p, &cat, T0 + 1000 * DAY, &due), 0);
	free(due);
	progress_free(p);
	catalog_free(&cat);
}

static void test_due_sorted_and_filtered(void **state)
{
	(void)state;
	struct catalog cat;
	catalog_make(&cat, 2, course_make("a", 1, "l1:1:q1,q2,q3"),
		     course_make("b", 1, "l1:1:q1"));
	struct progress *p = progress_new();
	answer_at(p, "b", "l1", "q1", false, T0);		/* due T0+1d */
	answer_at(p, "a", "l1", "q3", false, T0 - 3600);	/* due T0+1d-1h */
	answer_at(p, "a", "l1", "q2", false, T0 + 3600);	/* due T0+1d+1h */
	answer_at(p, "a", "l1", "q1", false, T0 + 5 * DAY);	/* not yet */
	answer_at(p, "a", "l9", "q1", false, T0);		/* lesson gone */
	answer_at(p, "z", "l1", "q1", false, T0);		/* course gone */
	struct due_item *due;
	assert_int_equal(progress_due(p, &cat, T0, &due), 0);
	free(due);
	size_t n = progress_due(p, &cat, T0 + DAY + 3600, &due);
	assert_int_equal(n, 3);
	assert_string_equal(due[0].question->id, "q3");
	assert_string_equal(due[1].course->id, "b");
	assert_string_equal(due[2].question->id, "q2");
	assert_ptr_equal(due[1].course, cat.courses[1]);
	assert_ptr_equal(due[1].lesson, &cat.courses[1]->lessons[0]);
	assert_int_equal(due[0].due, T0 + DAY - 3600);
	assert_int_equal(due[0].box, 1);
	free(due);
	progress_free(p);
	catalog_free(&cat);
}

/* ---- merging ---- */

/* Two sessions start from one file and go their own ways. */
static void diverge(struct progress **a, struct progress **b)
{
	struct progress *base = progress_new();
	progress_visit(base, "c", "l1", 1, T0);
	answer_at(base, "c", "l1", "q1", false, T0 + 1);
	attempt_at(base, "c", "l1", 50, false, 1, HASH1, T0 + 2);
	*a = copy(base);
	*b = copy(base);
	progress_free(base);

	progress_visit(*a, "c", "l1", 3, T0 + 100);
	answer_at(*a, "c", "l1", "q1", true, T0 + DAY + 100);	/* box 2 */
	answer_at(*a, "c", "l1", "q2", false, T0 + 101);
	attempt_at(*a, "c", "l1", 90, true, 1, HASH1, T0 + 102);
	progress_notice_seen(*a);

	progress_visit(*b, "c", "l2", 0, T0 + 200);			/* later place */
	answer_at(*b, "c", "l1", "q1", false, T0 + 50);		/* earlier box */
	answer_at(*b, "c", "l2", "q3", false, T0 + 201);
	attempt_at(*b, "c", "l1", 70, false, 1, HASH1, T0 + 202);
	attempt_at(*b, "d", "x", 100, true, 4, HASH2, T0 + 203);
}

static void test_merge_both_ways(void **state)
{
	(void)state;
	struct progress *a, *b;
	diverge(&a, &b);
	struct progress *ab = copy(a), *ba = copy(b);
	progress_merge(ab, b);
	progress_merge(ba, a);
	char *s1 = dump(ab), *s2 = dump(ba);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);

	assert_all_kept(ab, a);
	assert_all_kept(ab, b);
	const struct lesson_progress *lp = lesson_of(ab, "c", "l1");
	assert_int_equal(lp->nattempts, 3);		/* base's, A's and B's */
	struct lesson_status st;
	progress_record_status(ab, "c", "l1", HASH1, &st);
	assert_int_equal(st.attempts, 3);
	assert_int_equal(st.best, 90);
	assert_int_equal(st.state, LESSON_PASSED);
	assert_int_equal(lp->page, 3);
	assert_int_equal(lp->furthest, 3);
	assert_string_equal(place_of(ab)->lesson, "l2");	/* B's is later */
	assert_int_equal(question_of(ab, "q1")->box, 2);	/* A's change is later */
	assert_int_equal(question_of(ab, "q1")->nanswers, 3);
	assert_non_null(question_of(ab, "q2"));
	assert_non_null(question_of(ab, "q3"));
	assert_true(ab->notice_seen);
	assert_true(ba->notice_seen);
	progress_free(ab);
	progress_free(ba);
	progress_free(a);
	progress_free(b);
}

static void test_merge_idempotent_and_associative(void **state)
{
	(void)state;
	struct progress *a, *b, *c = progress_new();
	diverge(&a, &b);
	answer_at(c, "c", "l1", "q1", false, T0 + 3 * DAY);
	attempt_at(c, "c", "l1", 10, false, 1, HASH2, T0 + 3 * DAY);

	struct progress *left = copy(a), *right = copy(b);
	progress_merge(left, b);
	progress_merge(left, c);	/* (a + b) + c */
	progress_merge(right, c);
	struct progress *all = copy(a);
	progress_merge(all, right);	/* a + (b + c) */
	char *s1 = dump(left), *s2 = dump(all);
	assert_string_equal(s1, s2);

	progress_merge(left, left);
	progress_merge(left, a);
	progress_merge(left, all);
	char *s3 = dump(left);
	assert_string_equal(s1, s3);
	free(s1);
	free(s2);
	free(s3);
	progress_free(left);
	progress_free(right);
	progress_free(all);
	progress_free(a);
	progress_free(b);
	progress_free(c);
}

static void test_attempts_capped_facts_kept(void **state)
{
	(void)state;
	struct progress *p = progress_new();
	attempt_at(p, "c", "l", 100, false, 1, HASH1, T0);	/* best ever */
	attempt_at(p, "c", "l", 80, true, 1, HASH1, T0 + 1);	/* first passed */
	for (int i = 0; i < 118; i++)
		attempt_at(p, "c", "l", i % 60, false, 1, HASH1, T0 + 10 + i);
	const struct lesson_progress *lp = lesson_of(p, "c", "l");
	assert_int_equal(lp->nattempts, ATTEMPTS_KEEP + 2);
	struct lesson_status st;
	progress_record_status(p, "c", "l", HASH1, &st);
	assert_int_equal(st.attempts, 120);
	assert_int_equal(st.best, 100);
	assert_int_equal(st.first_passed, T0 + 1);
	assert_int_equal(st.state, LESSON_PASSED);
	assert_int_equal(st.last_attempt, T0 + 10 + 117);

	/* a long history in two sessions merges to the same capped result as
	 * one state holding every record would */
	struct progress *other = copy(p), *mine = copy(p);
	for (int i = 0; i < 70; i++) {
		attempt_at(mine, "c", "l", 30, false, 1, HASH1, T0 + 1000 + 2 * i);
		attempt_at(other, "c", "l", 31, false, 1, HASH1, T0 + 1001 + 2 * i);
	}
	struct progress *m = copy(mine);
	progress_merge(m, other);
	progress_record_status(m, "c", "l", HASH1, &st);
	assert_int_equal(st.attempts, 260);
	assert_int_equal(st.best, 100);
	assert_int_equal(st.first_passed, T0 + 1);
	lp = lesson_of(m, "c", "l");
	assert_int_equal(lp->nattempts, ATTEMPTS_KEEP + 2);
	assert_int_equal(lp->attempts[lp->nattempts - 1].st.at, T0 + 1001 + 2 * 69);
	assert_int_equal(lp->attempts[2].st.at, T0 + 1000 + 2 * 45);
	progress_free(m);
	progress_free(mine);
	progress_free(other);
	progress_free(p);
}

static void test_answers_capped(void **state)
{
	(void)state;
	struct progress *p = progress_new();
	for (int i = 0; i < 3 * ANSWERS_KEEP; i++)
		answer_at(p, "c", "l", "q", i % 2, T0 + i);
	const struct question_progress *qp = question_of(p, "q");
	assert_int_equal(qp->nanswers, ANSWERS_KEEP);
	assert_int_equal(qp->answers[0].st.at, T0 + 2 * ANSWERS_KEEP);
	progress_free(p);
}

/* A change made now wins over one already seen, even if the clock says
 * otherwise (clock moved back, or the other machine's clock is ahead). */
static void test_local_change_beats_seen_stamp(void **state)
{
	(void)state;
	struct progress *ahead = progress_new(), *me;
	progress_visit(ahead, "c", "future", 5, T0 + 1000);
	answer_at(ahead, "c", "l", "q", false, T0 + 1000);
	me = copy(ahead);
	progress_visit(me, "c", "now", 1, T0);
	answer_at(me, "c", "l", "q", true, T0 + 1000 + DAY);	/* due: box 2 */
	progress_merge(me, ahead);
	assert_string_equal(place_of(me)->lesson, "now");
	assert_int_equal(question_of(me, "q")->box, 2);
	struct progress *other = copy(ahead);
	progress_merge(other, me);
	assert_string_equal(place_of(other)->lesson, "now");
	progress_free(other);
	progress_free(me);
	progress_free(ahead);
}

static void test_sessions_differ(void **state)
{
	(void)state;
	struct progress *a = progress_new(), *b = progress_new();
	assert_true(a->session != b->session);
	progress_free(a);
	progress_free(b);
	progress_free(NULL);
}

/* Pruning: what no lesson folder has is marked gone, kept for 90 days, and
 * then removed; what comes back loses its mark. */
static bool known_only_l(void *ctx, const char *course, const char *lesson,
			 const char *question)
{
	const bool *back = ctx;
	if (strcmp(course, "c") != 0)
		return false;
	if (!lesson)
		return true;
	if (!strcmp(lesson, "old") && *back)
		return true;
	if (strcmp(lesson, "l") != 0)
		return false;
	return !question || !strcmp(question, "q");
}

static void test_prune(void **state)
{
	(void)state;
	struct progress *p = progress_new();
	bool back = false;
	answer_at(p, "c", "l", "q", true, T0);
	answer_at(p, "c", "l", "removed-q", true, T0);
	answer_at(p, "c", "old", "q", false, T0);
	attempt_at(p, "gone", "x", 50, false, 1, RECORD_HASH, T0);
	progress_prune(p, T0 + DAY, known_only_l, &back);
	assert_int_equal(p->nquestions, 3);	/* marked, not removed */
	assert_int_equal(p->nlessons, 1);
	assert_int_equal(p->ngone, 3);
	progress_prune(p, T0 + 90 * DAY, known_only_l, &back);	/* 89 days on */
	assert_int_equal(p->nquestions, 3);
	back = true;				/* c/old is back */
	progress_prune(p, T0 + 91 * DAY + 1, known_only_l, &back);
	assert_int_equal(p->nquestions, 2);	/* c/l/q and c/old/q */
	assert_string_equal(p->questions[0].lesson, "l");
	assert_string_equal(p->questions[0].question, "q");
	assert_string_equal(p->questions[1].lesson, "old");
	assert_int_equal(p->nlessons, 0);	/* gone/x went */
	assert_int_equal(p->ngone, 0);
	progress_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prune),
		cmocka_unit_test(test_visit_and_place),
		cmocka_unit_test(test_invalid_ids_refused),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_updated_since_passed),
		cmocka_unit_test(test_records_of_removed_lessons),
		cmocka_unit_test(test_leitner_schedule),
		cmocka_unit_test(test_leitner_miss_from_high_box),
		cmocka_unit_test(test_right_answer_stays_out_of_review),
		cmocka_unit_test(test_due_sorted_and_filtered),
		cmocka_unit_test(test_merge_both_ways),
		cmocka_unit_test(test_merge_idempotent_and_associative),
		cmocka_unit_test(test_attempts_capped_facts_kept),
		cmocka_unit_test(test_answers_capped),
		cmocka_unit_test(test_local_change_beats_seen_stamp),
		cmocka_unit_test(test_sessions_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
