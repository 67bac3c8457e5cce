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
	size_t i = 0;
	while (i < len && s[i] >= 0x20 && s[i] < 0x7f)	/* printable ASCII: the usual case */
		i++;
	while (i < len) {
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

time_t progress_clamp_time(time_t t)
{
	return t < STAMP_MIN ? STAMP_MIN : t > STAMP_MAX ? STAMP_MAX : t;
}

void progress_format_time(time_t t, char out[21])
{
	struct tm tm;
	t = progress_clamp_time(t);
	if (!gmtime_r(&t, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(out, "1970-01-01T00:00:00Z");	/* not reached: t is in range */
}

struct progress *progress_new(void)
{
	struct progress *p = xcalloc(1, sizeof *p);
	p->session = random_session();
	return p;
}

void progress_lesson_clear(struct lesson_progress *lp)
{
	free(lp->course);
	free(lp->lesson);
	free(lp->attempts);
	free(lp->tallies);
	*lp = (struct lesson_progress){ 0 };
}

void progress_question_clear(struct question_progress *qp)
{
	free(qp->course);
	free(qp->lesson);
	free(qp->question);
	free(qp->answers);
	*qp = (struct question_progress){ 0 };
}

static void gone_clear(struct gone *g)
{
	free(g->course);
	free(g->lesson);
	free(g->question);
}

void progress_free(struct progress *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nlessons; i++)
		progress_lesson_clear(&p->lessons[i]);
	for (size_t i = 0; i < p->nquestions; i++)
		progress_question_clear(&p->questions[i]);
	for (size_t i = 0; i < p->ngone; i++)
		gone_clear(&p->gone[i]);
	free(p->gone);
	progress_saved(p, p->nunsaved);
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

const struct lesson_progress *progress_lesson(const struct progress *p, const char *course,
					      const char *lesson)
{
	return lesson_find(p, course, lesson);
}

static size_t question_index(const struct progress *p, const char *course,
			     const char *lesson, const char *question, bool *found);

const struct question_progress *progress_question(const struct progress *p, const char *course,
						  const char *lesson, const char *question)
{
	bool found;
	size_t i = question_index(p, course, lesson, question, &found);
	return found ? &p->questions[i] : NULL;
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
	if (r == 0)
		r = cmp_num(a->run, b->run);
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

/* The newest ATTEMPTS_KEEP, and the first, best, first passing and last
 * passing ones: merging capped copies then gives what merging everything
 * would. */
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
		if (i + ATTEMPTS_KEEP >= n || i == 0 || i == best || i == first || i == last)
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
	if (r == 0)
		r = cmp_num(a->picked, b->picked);
	if (r == 0)
		r = a->version != b->version ? (a->version < b->version ? -1 : 1) : 0;
	if (r == 0)
		r = strcmp(a->hash, b->hash);
	if (r == 0)
		r = cmp_num(a->run, b->run);
	return r;
}

/* The answers given in the first attempt at the lesson: its session and run. */
static bool first_run(const struct progress *p, const struct question_progress *qp,
		      uint64_t *session, uint64_t *run);

/* The newest ANSWERS_KEEP answers, and those of the lesson's first attempt. */
static void answers_tidy(const struct progress *p, struct question_progress *qp)
{
	struct answer *v = qp->answers;
	if (qp->nanswers == 0)
		return;
	size_t n = records_unique(v, qp->nanswers, sizeof *v, answer_key_cmp), k = 0;
	uint64_t session = 0, run = 0;
	bool first = n > ANSWERS_KEEP && first_run(p, qp, &session, &run);
	for (size_t i = 0; i < n; i++)
		if (i + ANSWERS_KEEP >= n ||
		    (first && v[i].st.session == session && v[i].run == run))
			v[k++] = v[i];
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
static int session_cmp(const void *a, const void *b)
{
	return cmp_num(*(const uint64_t *)a, *(const uint64_t *)b);
}

static void tallies_cover(struct lesson_progress *lp)
{
	size_t n = lp->nattempts;
	if (n == 0)
		return;
	uint64_t *v = xreallocarray(NULL, n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = lp->attempts[i].st.session;
	qsort(v, n, sizeof *v, session_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && v[j] == v[i]; j++)
			;
		struct tally *t = tally_find(lp, v[i]);
		if (!t)
			tally_add(lp, v[i], j - i);
		else if (t->n < j - i)
			t->n = j - i;
	}
	free(v);
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

static void box_merge(struct question_progress *dst, int box, time_t due,
		      const struct stamp *st)
{
	struct question_progress src = { .box = box, .due = due, .box_st = *st };
	if (box != 0 && (dst->box == 0 || review_cmp(&src, dst) > 0)) {
		dst->box = box;
		dst->due = due;
		dst->box_st = *st;
	}
}

static void question_merge(const struct progress *p, struct question_progress *dst,
			   const struct question_progress *src)
{
	for (size_t i = 0; i < src->nanswers; i++) {
		dst->answers = grow(dst->answers, dst->nanswers, sizeof *dst->answers);
		dst->answers[dst->nanswers++] = src->answers[i];
	}
	answers_tidy(p, dst);
	box_merge(dst, src->box, src->due, &src->box_st);
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
	if (src->notice_seen && (!dst->notice_seen ||
				 stamp_cmp(&src->notice_st, &dst->notice_st) < 0))
		dst->notice_st = src->notice_st;
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
		question_merge(dst, question_get(dst, s->course, s->lesson, s->question), s);
	}
	for (size_t i = 0; i < src->ngone; i++) {
		const struct gone *g = &src->gone[i];
		struct event ev = { .kind = EV_GONE, .st = { .at = g->since },
				    .course = g->course, .lesson = g->lesson,
				    .question = g->question };
		progress_apply(dst, &ev, true);
	}
}

void progress_add_lesson(struct progress *p, struct lesson_progress *lp)
{
	lesson_merge(lesson_get(p, lp->course, lp->lesson), lp);
	progress_lesson_clear(lp);
}

void progress_add_question(struct progress *p, struct question_progress *qp)
{
	question_merge(p, question_get(p, qp->course, qp->lesson, qp->question), qp);
	progress_question_clear(qp);
}

/* ---- events: folding one change ---- */

static bool hash_ok(const char *h)
{
	if (!h || strlen(h) != 16)
		return false;
	return strspn(h, "0123456789abcdef") == 16;
}

static struct gone *gone_find(struct progress *p, const char *course, const char *lesson,
			      const char *question)
{
	for (size_t i = 0; i < p->ngone; i++) {
		struct gone *g = &p->gone[i];
		if (!strcmp(g->course, course) &&
		    (g->lesson ? lesson && !strcmp(g->lesson, lesson) : !lesson) &&
		    (g->question ? question && !strcmp(g->question, question) : !question))
			return g;
	}
	return NULL;
}

static void gone_apply(struct progress *p, const struct event *ev)
{
	const char *q = ev->lesson ? ev->question : NULL;
	struct gone *g = gone_find(p, ev->course, ev->lesson, q);
	if (g) {
		if (ev->st.at < g->since)
			g->since = ev->st.at;
		return;
	}
	p->gone = grow(p->gone, p->ngone, sizeof *p->gone);
	p->gone[p->ngone++] = (struct gone){ xstrdup(ev->course),
		ev->lesson ? xstrdup(ev->lesson) : NULL, q ? xstrdup(q) : NULL, ev->st.at };
}

static void tally_max(struct lesson_progress *lp, uint64_t session, uint64_t n)
{
	struct tally *t = tally_find(lp, session);
	if (!t)
		tally_add(lp, session, n);
	else if (t->n < n)
		t->n = n;
}

int progress_apply(struct progress *p, const struct event *ev, bool tidy)
{
	struct stamp st = ev->st;
	st.at = progress_clamp_time(st.at);
	if (ev->kind == EV_NOTICE) {
		if (!p->notice_seen || stamp_cmp(&st, &p->notice_st) < 0)
			p->notice_st = st;
		p->notice_seen = true;
		return 0;
	}
	bool q = ev->kind == EV_ANSWER || ev->kind == EV_BOX;
	if (ev->kind == EV_GONE) {
		if (!ev->course || !progress_id_ok(ev->course, strlen(ev->course)) ||
		    (ev->lesson && !progress_id_ok(ev->lesson, strlen(ev->lesson))) ||
		    (ev->question && !progress_id_ok(ev->question, strlen(ev->question))))
			return -1;
		gone_apply(p, &(struct event){ .st = st, .course = ev->course,
					       .lesson = ev->lesson, .question = ev->question });
		return 0;
	}
	if (!ids_ok(ev->course, ev->lesson, q ? ev->question : NULL) || (q && !ev->question))
		return -1;
	switch (ev->kind) {
	case EV_PAGE: {
		if (ev->page > PROGRESS_PAGE_MAX || ev->furthest > PROGRESS_PAGE_MAX)
			return -1;
		struct lesson_progress *lp = lesson_get(p, ev->course, ev->lesson);
		struct lesson_progress src = { .visited = true, .page = ev->page, .page_st = st,
			.furthest = ev->furthest > ev->page ? ev->furthest : ev->page };
		page_merge(lp, &src);
		/* last: the ids may be the place's own strings */
		progress_set_place(p, ev->course, ev->lesson, ev->page, &st);
		return 0;
	}
	case EV_ANSWER: {
		struct answer a = ev->answer;
		if ((a.hash[0] && !hash_ok(a.hash)) || a.version < -1 ||
		    (ev->box != -1 && (ev->box < 1 || ev->box > REVIEW_DONE)))
			return -1;
		a.st = st;
		struct question_progress *qp = question_get(p, ev->course, ev->lesson,
							    ev->question);
		qp->answers = grow(qp->answers, qp->nanswers, sizeof *qp->answers);
		qp->answers[qp->nanswers++] = a;
		if (tidy)
			answers_tidy(p, qp);
		if (ev->box != -1)
			box_merge(qp, ev->box, ev->box > REVIEW_BOXES ? 0 : ev->due, &st);
		return 0;
	}
	case EV_BOX: {
		if (ev->box < 1 || ev->box > REVIEW_DONE)
			return -1;
		box_merge(question_get(p, ev->course, ev->lesson, ev->question), ev->box,
			  ev->box > REVIEW_BOXES ? 0 : ev->due, &st);
		return 0;
	}
	case EV_ATTEMPT: {
		struct attempt a = ev->attempt;
		if (a.score < 0 || a.score > 100 || a.version < 0 || !hash_ok(a.hash))
			return -1;
		a.st = st;
		struct lesson_progress *lp = lesson_get(p, ev->course, ev->lesson);
		lp->attempts = grow(lp->attempts, lp->nattempts, sizeof *lp->attempts);
		lp->attempts[lp->nattempts++] = a;
		if (ev->tally)
			tally_max(lp, st.session, ev->tally);
		if (tidy) {
			attempts_tidy(lp);
			tallies_cover(lp);
		}
		return 0;
	}
	case EV_TALLY:
		tally_max(lesson_get(p, ev->course, ev->lesson), st.session, ev->tally);
		return 0;
	default:
		return -1;
	}
}

void progress_tidy(struct progress *p)
{
	for (size_t i = 0; i < p->nlessons; i++) {
		struct lesson_progress *lp = &p->lessons[i];
		/* count before capping: each distinct record is one attempt */
		if (lp->nattempts > 0)
			lp->nattempts = records_unique(lp->attempts, lp->nattempts,
						       sizeof *lp->attempts, attempt_key_cmp);
		tallies_cover(lp);
		attempts_tidy(lp);
	}
	for (size_t i = 0; i < p->nquestions; i++)
		answers_tidy(p, &p->questions[i]);
}

/* ---- what the UI records ---- */

static void record(struct progress *p, const struct event *ev)
{
	/* copied first: the ids may be p's own (the place's), which folding
	 * the event frees */
	p->unsaved = grow(p->unsaved, p->nunsaved, sizeof *p->unsaved);
	struct event *u = &p->unsaved[p->nunsaved++];
	*u = *ev;
	u->course = ev->course ? xstrdup(ev->course) : NULL;
	u->lesson = ev->lesson ? xstrdup(ev->lesson) : NULL;
	u->question = ev->question ? xstrdup(ev->question) : NULL;
	progress_apply(p, u, true);
}

const struct event *progress_unsaved(const struct progress *p, size_t *n)
{
	*n = p->nunsaved;
	return p->unsaved;
}

/* An unsaved event owns its strings (record copies them). */
static void event_clear(struct event *ev)
{
	free((void *)(uintptr_t)ev->course);
	free((void *)(uintptr_t)ev->lesson);
	free((void *)(uintptr_t)ev->question);
}

void progress_saved(struct progress *p, size_t n)
{
	if (n > p->nunsaved)
		n = p->nunsaved;
	for (size_t i = 0; i < n; i++)
		event_clear(&p->unsaved[i]);
	p->nunsaved -= n;
	if (p->nunsaved == 0) {
		free(p->unsaved);	/* grow() sizes by count: start over */
		p->unsaved = NULL;
	} else {
		/* grow() expects room for the next power of two */
		size_t cap = 1;
		while (cap < p->nunsaved)
			cap *= 2;
		struct event *v = xreallocarray(NULL, cap, sizeof *v);
		memcpy(v, p->unsaved + n, p->nunsaved * sizeof *v);
		free(p->unsaved);
		p->unsaved = v;
	}
}

int progress_visit(struct progress *p, const char *course, const char *lesson,
		   size_t page, time_t now)
{
	if (!ids_ok(course, lesson, NULL) || page > PROGRESS_PAGE_MAX)
		return -1;
	const struct lesson_progress *lp = lesson_find(p, course, lesson);
	const struct stamp *prev = p->place.course ? &p->place.st : NULL;
	if (lp && lp->visited && (!prev || stamp_cmp(&lp->page_st, prev) > 0))
		prev = &lp->page_st;
	struct event ev = { .kind = EV_PAGE, .st = stamp_next(p, now, prev),
			    .course = course, .lesson = lesson, .page = page };
	record(p, &ev);
	return 0;
}

void progress_notice_seen(struct progress *p)
{
	struct event ev = { .kind = EV_NOTICE, .st = stamp_next(p, time(NULL), NULL) };
	record(p, &ev);
}

const struct place *progress_last_place(const struct progress *p)
{
	return p->place.course ? &p->place : NULL;
}

uint64_t progress_answer(struct progress *p, const struct given *g, unsigned picked,
			 bool correct, time_t now)
{
	if (!ids_ok(g->course, g->lesson, g->question) || !g->question || !hash_ok(g->hash) ||
	    g->version < 0)
		return 0;
	const struct question_progress *qp = question_get(p, g->course, g->lesson, g->question);
	int box = -1;
	if (!correct)
		box = 1;
	else if (qp->box >= 1 && qp->box <= REVIEW_BOXES && now >= qp->due)
		box = qp->box + 1;
	struct event ev = { .kind = EV_ANSWER, .course = g->course, .lesson = g->lesson,
			    .question = g->question, .box = box };
	ev.st = stamp_next(p, now, qp->box ? &qp->box_st : NULL);
	ev.due = box >= 1 && box <= REVIEW_BOXES ? progress_clamp_time(now + box_days[box] * DAY)
						 : 0;
	ev.answer = (struct answer){ ev.st, correct, picked, g->version, "",
				     g->run == RUN_NEW ? ev.st.seq : g->run };
	memcpy(ev.answer.hash, g->hash, 17);
	record(p, &ev);
	return ev.st.seq;
}

int progress_attempt(struct progress *p, const struct given *g, int score, bool passed,
		     time_t now)
{
	if (!ids_ok(g->course, g->lesson, NULL) || score < 0 || score > 100 ||
	    g->version < 0 || !hash_ok(g->hash))
		return -1;
	const struct lesson_progress *lp = lesson_find(p, g->course, g->lesson);
	uint64_t n = 1;
	for (size_t i = 0; lp && i < lp->ntallies; i++)
		if (lp->tallies[i].session == p->session)
			n = lp->tallies[i].n + 1;
	struct event ev = { .kind = EV_ATTEMPT, .st = stamp_next(p, now, NULL),
			    .course = g->course, .lesson = g->lesson, .tally = n };
	ev.attempt = (struct attempt){ ev.st, score, passed, g->version, "",
				       g->run == RUN_NEW ? 0 : g->run };
	memcpy(ev.attempt.hash, g->hash, 17);
	record(p, &ev);
	return 0;
}

/* ---- pruning what no lesson folder has any more ---- */

/* True when the records of (course, lesson, question) are to go: missing
 * now, and gone for PRUNE_AFTER; marks it gone since now when it is new. */
static bool expired(struct progress *p, time_t now, const char *course, const char *lesson,
		    const char *question)
{
	struct gone *g = gone_find(p, course, lesson, question);
	if (!g) {
		struct event ev = { .kind = EV_GONE, .st = { .at = now }, .course = course,
				    .lesson = lesson, .question = question };
		progress_apply(p, &ev, true);
		return false;
	}
	return g->since + PRUNE_AFTER <= now;
}

/* What is missing: the course, else the lesson, else the question
 * (lesson and question NULL, or question NULL, say which). */
static int missing(bool (*known)(void *, const char *, const char *, const char *),
		   void *ctx, const char *course, const char *lesson, const char *question)
{
	if (!known(ctx, course, NULL, NULL))
		return 1;
	if (!known(ctx, course, lesson, NULL))
		return 2;
	if (question && !known(ctx, course, lesson, question))
		return 3;
	return 0;
}

static bool drop(struct progress *p, time_t now,
		 bool (*known)(void *, const char *, const char *, const char *), void *ctx,
		 const char *course, const char *lesson, const char *question)
{
	switch (missing(known, ctx, course, lesson, question)) {
	case 1: return expired(p, now, course, NULL, NULL);
	case 2: return expired(p, now, course, lesson, NULL);
	case 3: return expired(p, now, course, lesson, question);
	default: return false;
	}
}

void progress_prune(struct progress *p, time_t now,
		    bool (*known)(void *ctx, const char *course, const char *lesson,
				  const char *question), void *ctx)
{
	size_t k = 0;
	/* marks of what is back go first */
	for (size_t i = 0; i < p->ngone; i++) {
		struct gone *g = &p->gone[i];
		if (known(ctx, g->course, g->lesson, g->question))
			gone_clear(g);
		else
			p->gone[k++] = *g;
	}
	p->ngone = k;
	k = 0;
	for (size_t i = 0; i < p->nlessons; i++) {
		struct lesson_progress *lp = &p->lessons[i];
		if (drop(p, now, known, ctx, lp->course, lp->lesson, NULL))
			progress_lesson_clear(lp);
		else
			p->lessons[k++] = *lp;
	}
	p->nlessons = k;
	k = 0;
	for (size_t i = 0; i < p->nquestions; i++) {
		struct question_progress *qp = &p->questions[i];
		if (drop(p, now, known, ctx, qp->course, qp->lesson, qp->question))
			progress_question_clear(qp);
		else
			p->questions[k++] = *qp;
	}
	p->nquestions = k;
	/* marks whose records are gone now go too */
	k = 0;
	for (size_t i = 0; i < p->ngone; i++) {
		struct gone *g = &p->gone[i];
		if (g->since + PRUNE_AFTER <= now)
			gone_clear(g);
		else
			p->gone[k++] = *g;
	}
	p->ngone = k;
}

/* ---- a snapshot: the events that rebuild the state ---- */

int progress_events(const struct progress *p, int (*fn)(void *ctx, const struct event *ev),
		    void *ctx)
{
	int r = 0;
	struct event ev;
	if (p->notice_seen) {
		ev = (struct event){ .kind = EV_NOTICE, .st = p->notice_st };
		if ((r = fn(ctx, &ev)))
			return r;
	}
	for (size_t i = 0; i < p->nlessons; i++) {
		const struct lesson_progress *lp = &p->lessons[i];
		ev = (struct event){ .course = lp->course, .lesson = lp->lesson };
		if (lp->visited || lp->furthest) {
			ev.kind = EV_PAGE;
			ev.st = lp->page_st;
			ev.page = lp->page;
			ev.furthest = lp->furthest;
			if ((r = fn(ctx, &ev)))
				return r;
		}
		for (size_t j = 0; j < lp->nattempts; j++) {
			ev.kind = EV_ATTEMPT;
			ev.attempt = lp->attempts[j];
			ev.st = ev.attempt.st;
			ev.tally = 0;
			if ((r = fn(ctx, &ev)))
				return r;
		}
		for (size_t j = 0; j < lp->ntallies; j++) {
			/* needed only where records were pruned */
			uint64_t kept = 0;
			for (size_t k = 0; k < lp->nattempts; k++)
				kept += lp->attempts[k].st.session == lp->tallies[j].session;
			if (lp->tallies[j].n <= kept)
				continue;
			ev.kind = EV_TALLY;
			ev.st = (struct stamp){ 0, lp->tallies[j].session, 0 };
			ev.tally = lp->tallies[j].n;
			if ((r = fn(ctx, &ev)))
				return r;
		}
	}
	for (size_t i = 0; i < p->nquestions; i++) {
		const struct question_progress *qp = &p->questions[i];
		ev = (struct event){ .course = qp->course, .lesson = qp->lesson,
				     .question = qp->question, .box = -1 };
		for (size_t j = 0; j < qp->nanswers; j++) {
			ev.kind = EV_ANSWER;
			ev.answer = qp->answers[j];
			ev.st = ev.answer.st;
			if ((r = fn(ctx, &ev)))
				return r;
		}
		if (qp->box != 0) {
			ev.kind = EV_BOX;
			ev.st = qp->box_st;
			ev.box = qp->box;
			ev.due = qp->due;
			if ((r = fn(ctx, &ev)))
				return r;
		}
	}
	/* the place is the latest page event, which is among the above unless
	 * an older file stamped it apart from its lesson's page */
	const struct lesson_progress *lp =
		p->place.course ? lesson_find(p, p->place.course, p->place.lesson) : NULL;
	if (p->place.course && (!lp || !lp->visited || lp->page != p->place.page ||
				stamp_cmp(&lp->page_st, &p->place.st) != 0)) {
		ev = (struct event){ .kind = EV_PAGE, .st = p->place.st,
				     .course = p->place.course, .lesson = p->place.lesson,
				     .page = p->place.page };
		if ((r = fn(ctx, &ev)))
			return r;
	}
	for (size_t i = 0; i < p->ngone; i++) {
		const struct gone *g = &p->gone[i];
		ev = (struct event){ .kind = EV_GONE, .st = { .at = g->since },
				     .course = g->course, .lesson = g->lesson,
				     .question = g->question };
		if ((r = fn(ctx, &ev)))
			return r;
	}
	return 0;
}

/* ---- status ---- */

static bool first_run(const struct progress *p, const struct question_progress *qp,
		      uint64_t *session, uint64_t *run)
{
	const struct lesson_progress *lp = lesson_find(p, qp->course, qp->lesson);
	if (!lp || lp->nattempts == 0 || lp->attempts[0].run == 0)
		return false;
	*session = lp->attempts[0].st.session;
	*run = lp->attempts[0].run;
	return true;
}

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
