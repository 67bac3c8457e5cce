/* record.h - for tests: record an answer or an attempt in one call, as
 * release 1's functions did (an answer picks choice 0 when right, 1 when
 * not; lesson hash and course version as given or "0123456789abcdef", 1). */
#ifndef ROLLWISE_TEST_RECORD_H
#define ROLLWISE_TEST_RECORD_H

#include "core/progress.h"

#define RECORD_HASH "0123456789abcdef"

/* 0, or -1 when nothing was recorded. */
static inline int answer_at(struct progress *p, const char *course, const char *lesson,
			    const char *question, bool correct, time_t now)
{
	struct given g = { course, lesson, question, 1, RECORD_HASH, 0 };
	return progress_answer(p, &g, correct ? 1u : 2u, correct, now) ? 0 : -1;
}

static inline int attempt_at(struct progress *p, const char *course, const char *lesson,
			     int score, bool passed, int version, const char *hash, time_t now)
{
	struct given g = { course, lesson, NULL, version, hash, 0 };
	return progress_attempt(p, &g, score, passed, now);
}

#endif
