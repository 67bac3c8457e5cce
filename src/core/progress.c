/* progress.c - the learner's progress in memory: records, merge, review boxes
 * and status. The file format and the merge rule are described in progress.h. */
#include "core/progress.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DAY ((time_t)24 * 60 * 60)

/* Days a question waits in each box before it is due again. */
static const int box_days[REVIEW_BOXES + 1] = { 0, 1, 3, 7, 14, 30 };

/* Room for one more element after n: the capacity doubles at powers of two,
 * so it needs no field of its own. Arrays here only ever grow through this. */
static void *grow(void *v, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		return xreallocarray(v, n ? 2 * n : 1, size);
	return v;
}

static int cmp_num(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int stamp_cmp(const struct stamp *a, const struct stamp *b)
{
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->session != b->session)
		return cmp_num(a->session, b->session);
	return cmp_num(a->seq, b->seq);
}

/* A stamp for a local change, later than prev (the value it replaces), so a
 * change the learner just made is never lost to one it has already seen. */
static struct stamp stamp_next(struct progress *p, time_t now, const struct stamp *prev)
{
	struct stamp st = { now, p->session, ++p->seq };
	if (prev && stamp_cmp(&st, prev) <= 0)
		st.at = prev->at + 1;
	return st;
}

static uint64_t random_session(void)
{
	uint64_t x = 0;
	if (getentropy(&x, sizeof x) != 0 || x == 0) {
		/* no entropy source: mix what differs between processes */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		x = ((uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL) ^
		    ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)getpid();
	}
	return x;
}

bool progress_id_ok(const char *s, size_t len)
{
	if (len == 0 || len > PROGRESS_ID_MAX)
		return false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0 || cp == '\t' || cp == '\n' || utf8_unsafe(cp))
			return false;
		i += k;
	}
	return true;
}

static bool ids_ok(const char *course, const char *lesson, const char *question)
{
	return course && lesson && progress_id_ok(course, strlen(course)) &&
	       progress_id_ok(lesson, strlen(lesson)) &&
	       (!question || progress_id_ok(question, strlen(question)));
}

void progress_format_time(time_t t, char out[21])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
		out[0] = '\0';
}

struct progress *progress_new(void)
{
	struct progress *p = xcalloc(1, sizeof *p);
	p->session = random_session();
	return p;
}

static void lesson_clear(struct lesson_progress *lp)
{
	free(lp->course);
	free(lp->lesson);
	free(lp->attempts);
	free(lp->tallies);
	*lp = (struct lesson_progress){ 0 };
}

static void question_clear(struct question_progress *qp)
{
	free(qp->course);
	free(qp->lesson);
	free(qp->question);
	free(qp->answers);
	*qp = (struct question_progress){ 0 };
}

void progress_free(struct progress *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nlessons; i++)
		lesson_clear(&p->lessons[i]);
	for (size_t i = 0; i < p->nquestions; i++)
		question_clear(&p->questions[i]);
	free(p->lessons);
	free(p->questions);
	free(p->place.course);
	free(p->place.lesson);
	free(p);
}

/* ---- finding and adding entries (kept sorted for look-ups and output) ---- */

static int key_cmp(const char *c1, const char *l1, const char *q1,
		   const char *c2, const char *l2, const char *q2)
{
	int r = strcmp(c1, c2);
	if (r == 0)
		r = strcmp(l1, l2);
	if (r == 0 && q1)
		r = strcmp(q1, q2);
	return r;
}

/* Index of the lesson, or where it would go (*found false). */
static size_t lesson_index(const struct progress *p, const char *course,
			   const char *lesson, bool *found)
{
	size_t lo = 0, hi = p->nlessons;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct lesson_progress *lp = &p->lessons[mid];
		int r = key_cmp(course, lesson, NULL, lp->course, lp->lesson, NULL);
		if (r == 0) {
			*found = true;
			return mid;
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*found = false;
	return lo;
}

static const struct lesson_progress *lesson_find(const struct progress *p,
						 const char *course, const char *lesson)
{
	bool found;
	size_t i = lesson_index(p, course, lesson, &found);
	return found ? &p->lessons[i] : NULL;
}

static struct lesson_progress *lesson_get(struct progress *p, const char *course,
					  const char *lesson)
{
	bool found;
	size_t i = lesson_index(p, course, lesson, &found);
	if (found)
		return &p->lessons[i];
	p->lessons = grow(p->lessons, p->nlessons, sizeof *p->lessons);
	memmove(&p->lessons[i + 1], &p->lessons[i],
		(p->nlessons - i) * sizeof *p->lessons);
	p->nlessons++;
	p->lessons[i] = (struct lesson_progress){
		.course = xstrdup(course), .lesson = xstrdup(lesson) };
	return &p->lessons[i];
}

static size_t question_index(const struct progress *p, const char *course,
			     const char *lesson, const char *question, bool *found)
{
	size_t lo = 0, hi = p->nquestions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct question_progress *qp = &p->questions[mid];
		int r = key_cmp(course, lesson, question, qp->course, qp->lesson,
				qp->question);
		if (r == 0) {
			*found = true;
			return mid;
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*found = false;
	return lo;
}

static struct question_progress *question_get(struct progress *p, const char *course,
					      const char *lesson, const char *question)
{
	bool found;
	size_t i = question_index(p, course, lesson, question, &found);
	if (found)
		return &p->questions[i];
	p->questions = grow(p->questions, p->nquestions, sizeof *p->questions);
	memmove(&p->questions[i + 1], &p->questions[i],
		(p->nquestions - i) * sizeof *p->questions);
	p->nquestions++;
	p->questions[i] = (struct question_progress){ .course = xstrdup(course),
		.lesson = xstrdup(lesson), .question = xstrdup(question) };
	return &p->questions[i];
}

/* ---- records: union by (session, seq), oldest first, capped ---- */

static int attempt_key_cmp(const void *va, const void *vb)
{
	const struct attempt *a = va, *b = vb;
	int r = cmp_num(a->st.session, b->st.session);
	if (r == 0)
		r = cmp_num(a->st.seq, b->st.seq);
	/* the rest only matters for a damaged file with two records under one
	 * key: every copy then keeps the same one */
	if (r == 0)
		r = stamp_cmp(&a->st, &b->st);
	if (r == 0)
		r = a->score != b->score ? (a->score < b->score ? -1 : 1) : 0;
	if (r == 0)
		r = a->version != b->version ? (a->version < b->version ? -1 : 1) : 0;
	if (r == 0)
		r = (int)a->passed - (int)b->passed;
	if (r == 0)
		r = strcmp(a->hash, b->hash);
	return r;
}

/* Attempts and answers both start with their stamp. */
_Static_assert(offsetof(struct attempt, st) == 0, "stamp first");
_Static_assert(offsetof(struct answer, st) == 0, "stamp first");

static int record_time_cmp(const void *a, const void *b)
{
	return stamp_cmp(a, b);
}

/* Sorts n records of size bytes by key, keeps one per (session, seq), and
 * sorts what is left oldest first; returns how many are left. */
static size_t records_unique(void *v, size_t n, size_t size,
			     int (*key)(const void *, const void *))
{
	char *base = v;
	size_t k = 0;
	qsort(base, n, size, key);
	for (size_t i = 0; i < n; i++) {
		const struct stamp *a = (const struct stamp *)(base + i * size);
		const struct stamp *b = (const struct stamp *)(base + (k ? k - 1 : 0) * size);
		if (k == 0 || a->session != b->session || a->seq != b->seq) {
			if (k != i)
				memcpy(base + k * size, a, size);
			k++;
		}
	}
	qsort(base, k, size, record_time_cmp);
	return k;
}

/* The newest ATTEMPTS_KEEP, and the best, first passing and last passing
 * ones: merging capped copies then gives what merging everything would. */
static size_t attempts_cap(struct attempt *v, size_t n)
{
	size_t best = 0, first = n, last = n, k = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].score > v[best].score)
			best = i;
		if (v[i].passed) {
			if (first == n)
				first = i;
			last = i;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (i + ATTEMPTS_KEEP >= n || i == best || i == first || i == last)
			v[k++] = v[i];
	return k;
}

static void attempts_tidy(struct lesson_progress *lp)
{
	struct attempt *v = lp->attempts;
	if (lp->nattempts == 0)
		return;
	size_t k = records_unique(v, lp->nattempts, sizeof *v, attempt_key_cmp);
	lp->nattempts = k > ATTEMPTS_KEEP ? attempts_cap(v, k) : k;
}

static int answer_key_cmp(const void *va, const void *vb)
{
	const struct answer *a = va, *b = vb;
	int r = cmp_num(a->st.session, b->st.session);
	if (r == 0)
		r = cmp_num(a->st.seq, b->st.seq);
	if (r == 0)
		r = stamp_cmp(&a->st, &b->st);
	if (r == 0)
		r = (int)a->correct - (int)b->correct;
	return r;
}

static void answers_tidy(struct question_progress *qp)
{
	struct answer *v = qp->answers;
	if (qp->nanswers == 0)
		return;
	size_t k = records_unique(v, qp->nanswers, sizeof *v, answer_key_cmp);
	if (k > ANSWERS_KEEP) {
		memmove(v, v + (k - ANSWERS_KEEP), ANSWERS_KEEP * sizeof *v);
		k = ANSWERS_KEEP;
	}
	qp->nanswers = k;
}

/* ---- tallies: attempts per session, merged by maximum ---- */

static int tally_cmp(const void *va, const void *vb)
{
	const struct tally *a = va, *b = vb;
	int r = cmp_num(a->session, b->session);
	return r ? r : cmp_num(b->n, a->n); /* the larger count first */
}

static void tallies_tidy(struct lesson_progress *lp)
{
	struct tally *v = lp->tallies;
	size_t k = 0;
	if (lp->ntallies == 0)
		return;
	qsort(v, lp->ntallies, sizeof *v, tally_cmp);
	for (size_t i = 0; i < lp->ntallies; i++)
		if (k == 0 || v[i].session != v[k - 1].session)
			v[k++] = v[i];
	lp->ntallies = k;
}

static struct tally *tally_find(struct lesson_progress *lp, uint64_t session)
{
	for (size_t i = 0; i < lp->ntallies; i++)
		if (lp->tallies[i].session == session)
			return &lp->tallies[i];
	return NULL;
}

static void tally_add(struct lesson_progress *lp, uint64_t session, uint64_t n)
{
	lp->tallies = grow(lp->tallies, lp->ntallies, sizeof *lp->tallies);
	lp->tallies[lp->ntallies++] = (struct tally){ session, n };
}

/* A session made at least as many attempts as it has records (for a file
 * written by hand or by something else). */
static void tallies_cover(struct lesson_progress *lp)
{
	for (size_t i = 0; i < lp->nattempts; i++) {
		uint64_t s = lp->attempts[i].st.session, n = 0;
		for (size_t j = 0; j < lp->nattempts; j++)
			n += lp->attempts[j].st.session == s;
		struct tally *t = tally_find(lp, s);
		if (!t)
			tally_add(lp, s, n);
		else if (t->n < n)
			t->n = n;
	}
	tallies_tidy(lp);
}

/* ---- merging ---- */

static void page_merge(struct lesson_progress *dst, const struct lesson_progress *src)
{
	if (src->furthest > dst->furthest)
		dst->furthest = src->furthest;
	if (!src->visited)
		return;
	int r = dst->visited ? stamp_cmp(&src->page_st, &dst->page_st) : 1;
	if (r > 0 || (r == 0 && src->page > dst->page)) {
		dst->visited = true;
		dst->page = src->page;
		dst->page_st = src->page_st;
	}
}

static void lesson_merge(struct lesson_progress *dst, const struct lesson_progress *src)
{
	for (size_t i = 0; i < src->nattempts; i++) {
		dst->attempts = grow(dst->attempts, dst->nattempts, sizeof *dst->attempts);
		dst->attempts[dst->nattempts++] = src->attempts[i];
	}
	for (size_t i = 0; i < src->ntallies; i++)
		tally_add(dst, src->tallies[i].session, src->tallies[i].n);
	attempts_tidy(dst);
	tallies_tidy(dst);
	tallies_cover(dst);
	page_merge(dst, src);
}

static int review_cmp(const struct question_progress *a, const struct question_progress *b)
{
	int r = stamp_cmp(&a->box_st, &b->box_st);
	if (r == 0)
		r = a->box != b->box ? (a->box < b->box ? -1 : 1) : 0;
	if (r == 0)
		r = a->due != b->due ? (a->due < b->due ? -1 : 1) : 0;
	return r;
}

static void question_merge(struct question_progress *dst,
			   const struct question_progress *src)
{
	for (size_t i = 0; i < src->nanswers; i++) {
		dst->answers = grow(dst->answers, dst->nanswers, sizeof *dst->answers);
		dst->answers[dst->nanswers++] = src->answers[i];
	}
	answers_tidy(dst);
	if (src->box != 0 && (dst->box == 0 || review_cmp(src, dst) > 0)) {
		dst->box = src->box;
		dst->due = src->due;
		dst->box_st = src->box_st;
	}
}

static int place_cmp(const struct place *a, const char *course, const char *lesson,
		     size_t page, const struct stamp *st)
{
	int r = stamp_cmp(&a->st, st);
	if (r == 0)
		r = key_cmp(a->course, a->lesson, NULL, course, lesson, NULL);
	if (r == 0)
		r = a->page != page ? (a->page < page ? -1 : 1) : 0;
	return r;
}

void progress_set_place(struct progress *p, const char *course, const char *lesson,
			size_t page, const struct stamp *st)
{
	if (p->place.course && place_cmp(&p->place, course, lesson, page, st) >= 0)
		return;
	char *c = xstrdup(course), *l = xstrdup(lesson); /* they may be p's own */
	free(p->place.course);
	free(p->place.lesson);
	p->place = (struct place){ c, l, page, *st };
}

void progress_merge(struct progress *dst, const struct progress *src)
{
	if (dst == src)
		return;
	dst->notice_seen |= src->notice_seen;
	if (src->place.course)
		progress_set_place(dst, src->place.course, src->place.lesson,
				   src->place.page, &src->place.st);
	for (size_t i = 0; i < src->nlessons; i++) {
		const struct lesson_progress *s = &src->lessons[i];
		lesson_merge(lesson_get(dst, s->course, s->lesson), s);
	}
	for (size_t i = 0; i < src->nquestions; i++) {
		const struct question_progress *s = &src->questions[i];
		question_merge(question_get(dst, s->course, s->lesson, s->question), s);
	}
}

void progress_add_lesson(struct progress *p, struct lesson_progress *lp)
{
	lesson_merge(lesson_get(p, lp->course, lp->lesson), lp);
	lesson_clear(lp);
}

void progress_add_question(struct progress *p, struct question_progress *qp)
{
	question_merge(question_get(p, qp->course, qp->lesson, qp->question), qp);
	question_clear(qp);
}

/* ---- what the UI records ---- */

int progress_visit(struct progress *p, const char *course, const char *lesson,
		   size_t page, time_t now)
{
	if (!ids_ok(course, lesson, NULL))
		return -1;
	struct lesson_progress *lp = lesson_get(p, course, lesson);
	lp->page_st = stamp_next(p, now, lp->visited ? &lp->page_st : NULL);
	lp->page = page;
	lp->visited = true;
	if (page > lp->furthest)
		lp->furthest = page;
	/* last: course and lesson may be the place's own strings, freed here */
	struct stamp st = stamp_next(p, now, p->place.course ? &p->place.st : NULL);
	progress_set_place(p, course, lesson, page, &st);
	return 0;
}

void progress_notice_seen(struct progress *p)
{
	p->notice_seen = true;
}

const struct place *progress_last_place(const struct progress *p)
{
	return p->place.course ? &p->place : NULL;
}

static void box_set(struct progress *p, struct question_progress *qp, int box, time_t now)
{
	qp->box_st = stamp_next(p, now, qp->box ? &qp->box_st : NULL);
	qp->box = box;
	qp->due = box <= REVIEW_BOXES ? now + box_days[box] * DAY : 0;
}

int progress_answer(struct progress *p, const char *course, const char *lesson,
		    const char *question, bool correct, time_t now)
{
	if (!ids_ok(course, lesson, question))
		return -1;
	struct question_progress *qp = question_get(p, course, lesson, question);
	qp->answers = grow(qp->answers, qp->nanswers, sizeof *qp->answers);
	qp->answers[qp->nanswers++] = (struct answer){ stamp_next(p, now, NULL), correct };
	answers_tidy(qp);
	if (!correct)
		box_set(p, qp, 1, now);
	else if (qp->box >= 1 && qp->box <= REVIEW_BOXES && now >= qp->due)
		box_set(p, qp, qp->box + 1, now);
	return 0;
}

static bool hash_ok(const char *h)
{
	if (!h || strlen(h) != 16)
		return false;
	return strspn(h, "0123456789abcdef") == 16;
}

int progress_attempt(struct progress *p, const char *course, const char *lesson,
		     int score, bool passed, int version, const char *hash, time_t now)
{
	if (!ids_ok(course, lesson, NULL) || score < 0 || score > 100 ||
	    version < 0 || !hash_ok(hash))
		return -1;
	struct lesson_progress *lp = lesson_get(p, course, lesson);
	struct attempt a = { stamp_next(p, now, NULL), score, passed, version, "" };
	memcpy(a.hash, hash, 17);
	lp->attempts = grow(lp->attempts, lp->nattempts, sizeof *lp->attempts);
	lp->attempts[lp->nattempts++] = a;
	struct tally *t = tally_find(lp, p->session);
	if (t)
		t->n++;
	else
		tally_add(lp, p->session, 1);
	attempts_tidy(lp);
	tallies_tidy(lp);
	return 0;
}

/* ---- status ---- */

static void status_attempts(const struct lesson_progress *lp, const char *hash,
			    struct lesson_status *out)
{
	const struct attempt *last_pass = NULL;
	for (size_t i = 0; i < lp->nattempts; i++) {
		const struct attempt *a = &lp->attempts[i];
		if (a->score > out->best)
			out->best = a->score;
		if (a->passed) {
			if (!last_pass)
				out->first_passed = a->st.at;
			last_pass = a;
		}
	}
	for (size_t i = 0; i < lp->ntallies; i++)
		out->attempts += lp->tallies[i].n;
	if (lp->nattempts > 0) {
		const struct attempt *a = &lp->attempts[lp->nattempts - 1];
		out->last_attempt = a->st.at;
		out->version = a->version;
		memcpy(out->hash, a->hash, sizeof out->hash);
	}
	if (last_pass)
		out->state = LESSON_PASSED;
	else if (lp->nattempts > 0)
		out->state = LESSON_NOT_PASSED;
	out->updated = last_pass && hash && strcmp(last_pass->hash, hash) != 0;
}

void progress_record_status(const struct progress *p, const char *course,
			    const char *lesson, const char *hash,
			    struct lesson_status *out)
{
	*out = (struct lesson_status){ .state = LESSON_NOT_STARTED, .best = -1,
				       .version = -1 };
	const struct lesson_progress *lp = lesson_find(p, course, lesson);
	if (!lp)
		return;
	if (lp->visited) {
		out->state = LESSON_IN_PROGRESS;
		out->page = lp->page;
	}
	out->furthest = lp->furthest;
	status_attempts(lp, hash, out);
}

void progress_lesson_status(const struct progress *p, const struct course *c,
			    const struct lesson *l, struct lesson_status *out)
{
	char hash[17];
	lesson_hash(l, hash);
	progress_record_status(p, c->id, l->id, hash, out);
	out->npages = l->npages;
	/* the lesson may have lost pages since */
	if (l->npages > 0 && out->page >= l->npages)
		out->page = l->npages - 1;
	if (l->npages > 0 && out->furthest >= l->npages)
		out->furthest = l->npages - 1;
}

size_t progress_course_passed(const struct progress *p, const struct course *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nlessons; i++) {
		const struct lesson_progress *lp = lesson_find(p, c->id, c->lessons[i].id);
		for (size_t j = 0; lp && j < lp->nattempts; j++)
			if (lp->attempts[j].passed) {
				n++;
				break;
			}
	}
	return n;
}

/* ---- review ---- */

static const struct question *quiz_question(const struct lesson *l, const char *id)
{
	for (size_t i = 0; i < l->quiz.nquestions; i++)
		if (l->quiz.questions[i].id && !strcmp(l->quiz.questions[i].id, id))
			return &l->quiz.questions[i];
	return NULL;
}

static int due_cmp(const void *va, const void *vb)
{
	const struct due_item *a = va, *b = vb;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return key_cmp(a->course->id, a->lesson->id, a->question->id,
		       b->course->id, b->lesson->id, b->question->id);
}

size_t progress_due(const struct progress *p, const struct catalog *cat,
		    time_t now, struct due_item **out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < p->nquestions; i++) {
		const struct question_progress *qp = &p->questions[i];
		if (qp->box < 1 || qp->box > REVIEW_BOXES || qp->due > now)
			continue;
		const struct course *c = catalog_find(cat, qp->course);
		const struct lesson *l = c ? course_lesson(c, qp->lesson) : NULL;
		const struct question *q = l ? quiz_question(l, qp->question) : NULL;
		if (!q)
			continue;
		*out = grow(*out, n, sizeof **out);
		(*out)[n++] = (struct due_item){ c, l, q, qp->due, qp->box };
	}
	if (n > 1)
		qsort(*out, n, sizeof **out, due_cmp);
	return n;
}
