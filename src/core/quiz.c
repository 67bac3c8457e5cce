/* quiz.c - choice order and scoring. */
#include "core/quiz.h"
#include "core/xalloc.h"

#include <stdlib.h>

/* A small deterministic generator (xorshift32) so a seed gives the same
 * order on every machine; nothing here needs more. */
static unsigned next_rand(unsigned *s)
{
	unsigned x = *s ? *s : 0x9e3779b9u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

void quiz_run_init(struct quiz_run *r, const struct lesson *l, unsigned seed)
{
	size_t n = l->quiz.nquestions;
	*r = (struct quiz_run){ .lesson = l };
	r->order = xcalloc(n, sizeof *r->order);
	r->picked = xcalloc(n, sizeof *r->picked);
	r->answered = xcalloc(n, sizeof *r->answered);
	r->correct = xcalloc(n, sizeof *r->correct);
	unsigned s = seed;
	for (size_t q = 0; q < n; q++) {
		const struct question *qq = &l->quiz.questions[q];
		for (size_t k = 0; k < qq->nchoices && k < 9; k++)
			r->order[q][k] = k;
		if (!qq->shuffle)
			continue;
		for (size_t k = qq->nchoices; k > 1; k--) {
			size_t j = next_rand(&s) % k;
			size_t t = r->order[q][k - 1];
			r->order[q][k - 1] = r->order[q][j];
			r->order[q][j] = t;
		}
	}
}

void quiz_run_free(struct quiz_run *r)
{
	free(r->order);
	free(r->picked);
	free(r->answered);
	free(r->correct);
	*r = (struct quiz_run){ 0 };
}

size_t quiz_choice_at(const struct quiz_run *r, size_t q, size_t k)
{
	return r->order[q][k];
}

size_t quiz_slot_of(const struct quiz_run *r, size_t q, size_t ci)
{
	for (size_t k = 0; k < 9; k++)
		if (r->order[q][k] == ci)
			return k;
	return 0;
}

bool quiz_is_correct(const struct question *q, choice_set picked)
{
	choice_set want = 0;
	for (size_t i = 0; i < q->nchoices; i++)
		if (q->choices[i].correct)
			want |= 1u << i;
	return picked == want;
}

bool quiz_answer(struct quiz_run *r, choice_set picked)
{
	size_t q = r->cur;
	r->picked[q] = picked;
	r->answered[q] = true;
	r->correct[q] = quiz_is_correct(&r->lesson->quiz.questions[q], picked);
	return r->correct[q];
}

int quiz_score(const struct quiz_run *r)
{
	size_t n = r->lesson->quiz.nquestions, right = 0;
	for (size_t q = 0; q < n; q++)
		right += r->correct[q];
	return n ? (int)(right * 100 / n) : 0;
}

bool quiz_passed(const struct quiz_run *r)
{
	return quiz_score(r) >= r->lesson->quiz.pass;
}

size_t quiz_missed(const struct quiz_run *r)
{
	size_t n = r->lesson->quiz.nquestions, k = 0;
	for (size_t q = 0; q < n; q++)
		k += r->answered[q] && !r->correct[q];
	return k;
}
