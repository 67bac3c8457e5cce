/* fuzz_flow.c - libFuzzer target: the learner flow over the bundled courses.
 *
 * The input is a progress journal, a 0xff byte, then operations: each byte
 * (and the ones after it) picks what the learner does next: start a quiz
 * on a lesson, start a review, answer with a set of slots, go on, read the
 * verdict and the summary, turn a page, leave. Invariants:
 * - nothing crashes or leaks (ASan, LeakSanitizer);
 * - every answer the flow accepts is recorded exactly once, with the
 *   choices picked as the authored indices of the slots chosen;
 * - every finished quiz is recorded as one attempt, an abandoned one as none;
 * - the journal (the input's, then every change as written) reads back to
 *   the state in memory, and its snapshot reads back to the same state. */
#include "core/catalog.h"
#include "core/diag.h"
#include "core/flow.h"
#include "core/journal.h"
#include "core/progress.h"
#include "core/session.h"
#include "core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog cat;

static void load_courses(void)
{
	if (cat.n)
		return;
	struct search_path sp;
	struct diags d = { 0 };
	char dir_text[] = ROLLWISE_SRCDIR "/lessons", *dir = dir_text;
	search_path_init(&sp, &dir, 1);
	catalog_load(&cat, &sp, &d);
	search_path_free(&sp);
	diag_free(&d);
	if (cat.n == 0)
		abort();	/* the bundled courses must load */
}

struct ops {
	const uint8_t *p, *end;
};

static unsigned next(struct ops *o)
{
	return o->p < o->end ? *o->p++ : 0;
}

/* The journal of p: its snapshot (before), then the changes recorded since,
 * as lines, must fold to the same state as p. */
static void check_journal(const char *before, size_t nbefore, const struct progress *p)
{
	size_t nu;
	const struct event *v = progress_unsaved(p, &nu);
	char *buf = xmalloc(nbefore + nu * JOURNAL_LINE_MAX + 1);
	memcpy(buf, before, nbefore);
	size_t len = nbefore;
	for (size_t i = 0; i < nu; i++)
		len += journal_format(&v[i], buf + len, JOURNAL_LINE_MAX);
	struct progress *q = progress_new();
	struct journal_read r = { 0 };
	journal_fold(buf, len, 0, q, false, &r);
	progress_tidy(q);
	if (r.bad || r.torn)
		abort();	/* a line the writer made and the reader refused */
	size_t l1, l2;
	char *a = journal_snapshot(p, &l1), *b = journal_snapshot(q, &l2);
	if (l1 != l2 || memcmp(a, b, l1) != 0)
		abort();	/* the journal does not read back to the state */
	struct progress *z = progress_new();
	struct journal_read r2 = { 0 };
	journal_fold(a, l1, 0, z, false, &r2);
	progress_tidy(z);
	size_t l3;
	char *c = journal_snapshot(z, &l3);
	if (r2.bad || l3 != l1 || memcmp(a, c, l1) != 0)
		abort();	/* the snapshot does not read back to the state */
	free(a);
	free(b);
	free(c);
	free(buf);
	free(r.rejects);
	free(r2.rejects);
	progress_free(q);
	progress_free(z);
}

static size_t count(const struct progress *p, enum event_kind kind)
{
	size_t nu, k = 0;
	const struct event *v = progress_unsaved(p, &nu);
	for (size_t i = 0; i < nu; i++)
		k += v[i].kind == kind;
	return k;
}

/* The lesson op picks, among those with a quiz. */
static const struct lesson *pick_lesson(unsigned a, unsigned b, const struct course **c)
{
	*c = cat.courses[a % cat.n];
	if ((*c)->nlessons == 0)
		return NULL;
	const struct lesson *l = &(*c)->lessons[b % (*c)->nlessons];
	return l->quiz.nquestions ? l : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load_courses();
	const uint8_t *sep = memchr(data, 0xff, size);
	size_t nj = sep ? (size_t)(sep - data) : 0;
	struct session s = { .cat = cat, .seed = 1 };
	s.prog = progress_new();
	struct journal_read r = { 0 };
	journal_fold((const char *)data, nj, 0, s.prog, false, &r);
	progress_tidy(s.prog);
	free(r.rejects);
	size_t nbefore;
	char *before = journal_snapshot(s.prog, &nbefore);

	struct ops o = { sep ? sep + 1 : data, data + size };
	struct flow *f = NULL;
	size_t accepted = 0, finished = 0, steps = 0;
	while (o.p < o.end && steps++ < 2000) {
		unsigned op = next(&o) % 8;
		const struct course *c;
		const struct lesson *l;
		switch (op) {
		case 0:		/* a quiz */
			l = pick_lesson(next(&o), next(&o), &c);
			if (l) {
				flow_free(f);
				f = flow_quiz(&s, c, l);
			}
			break;
		case 1:		/* a review (it may be empty) */
			flow_free(f);
			f = flow_review(&s);
			break;
		case 2: case 3: {	/* an answer */
			if (!f || flow_done(f))
				break;
			unsigned slots = next(&o) | next(&o) << 8;
			bool was = flow_answered(f);
			const struct question *q = flow_question(f);
			if (flow_answer(f, slots) == 0) {
				if (was || !flow_answered(f))
					abort();
				accepted++;
				/* the recorded choices are the slots' authored indices */
				size_t nu;
				const struct event *v = progress_unsaved(s.prog, &nu);
				const struct event *e = &v[nu - 1];
				if (e->kind != EV_ANSWER || strcmp(e->question, q->id) != 0 ||
				    e->answer.picked == 0 || e->answer.picked >> q->nchoices)
					abort();
			}
			break;
		}
		case 4:		/* on to the next question */
			if (f && !flow_done(f) && flow_answered(f) && !flow_next(f) &&
			    flow_mode(f) == FLOW_QUIZ)
				finished++;
			break;
		case 5:		/* read everything shown */
			if (f && !flow_done(f)) {
				struct flow_lines lines = { 0 };
				flow_choice_lines(f, next(&o), next(&o) & 1, &lines);
				if (flow_answered(f))
					flow_verdict_lines(f, &lines);
				flow_lines_free(&lines);
				struct flow_summary sum;
				flow_summarize(f, &sum);
				struct flow_lines sl = { 0 };
				flow_summary_lines(&sum, &sl);
				flow_lines_free(&sl);
				flow_summary_free(&sum);
			}
			break;
		case 6:		/* a page */
			l = pick_lesson(next(&o), next(&o), &c);
			if (l && l->npages)
				session_visit(&s, c, l, next(&o) % l->npages);
			break;
		default:	/* leave the quiz */
			flow_free(f);
			f = NULL;
		}
	}
	flow_free(f);
	if (count(s.prog, EV_ANSWER) != accepted || count(s.prog, EV_ATTEMPT) != finished)
		abort();	/* an answer or an attempt recorded twice, or lost */
	check_journal(before, nbefore, s.prog);
	free(before);
	progress_free(s.prog);
	return 0;
}
