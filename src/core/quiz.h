/* quiz.h - taking a quiz: choice order, what an answer scored, the result.
 * Shared by the curses screens and the plain mode. */
#ifndef ROLLWISE_QUIZ_H
#define ROLLWISE_QUIZ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/course.h"

/* A set of choices, bit i for the i-th choice as written in the file. */
typedef unsigned choice_set;

struct quiz_run {
	const struct lesson *lesson;
	size_t cur;			/* question being asked */
	size_t (*order)[9];		/* per question: display slot -> choice index */
	choice_set *picked;		/* per question: what was chosen */
	bool *answered;
	bool *correct;
};

/* Starts a quiz over the lesson's questions; choices are shuffled with seed
 * unless the question keeps its order. Free with quiz_run_free. */
void quiz_run_init(struct quiz_run *r, const struct lesson *l, unsigned seed);
/* Frees what the run owns. */
void quiz_run_free(struct quiz_run *r);
/* The choice index shown in display slot k of question q. */
size_t quiz_choice_at(const struct quiz_run *r, size_t q, size_t k);
/* The display slot in which choice index ci of question q is shown. */
size_t quiz_slot_of(const struct quiz_run *r, size_t q, size_t ci);
/* Records the answer to the current question; true when it was right. */
bool quiz_answer(struct quiz_run *r, choice_set picked);
/* True when picked is exactly the set of correct choices of q. */
bool quiz_is_correct(const struct question *q, choice_set picked);
/* Score in percent (rounded down) of the questions answered right. */
int quiz_score(const struct quiz_run *r);
/* True when the score reaches the lesson's pass mark. */
bool quiz_passed(const struct quiz_run *r);
/* Number of questions answered wrong. */
size_t quiz_missed(const struct quiz_run *r);

#endif
