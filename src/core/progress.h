/* progress.h - what one learner has done: places, quiz attempts, answers and
 * the Leitner review boxes, and how two copies of it merge.
 *
 * The file (written by store.c, $XDG_STATE_HOME/rollwise/progress.yaml), one
 * record per line (the long lines are cut here):
 *
 *   rollwise-progress: 1
 *   notice-seen: true
 *   place: {course: c, lesson: l, page: 2, at: '2026-11-25T03:40:00Z',
 *           session: 9f86d081884c7d65, seq: 9}
 *   lessons:
 *   - course: c
 *     lesson: l
 *     page: {page: 2, at: '2026-11-25T03:40:00Z', session: 9f86d081884c7d65, seq: 8}
 *     furthest: 3
 *     tally: {9f86d081884c7d65: 1}
 *     attempts:
 *     - {at: '2026-11-25T03:38:00Z', session: 9f86d081884c7d65, seq: 5,
 *        score: 80, passed: true, version: 2, hash: 0123456789abcdef}
 *   questions:
 *   - course: c
 *     lesson: l
 *     question: q
 *     review: {box: 2, due: '2026-11-29T03:37:00Z', at: '2026-11-26T03:37:00Z',
 *              session: 9f86d081884c7d65, seq: 4}
 *     answers:
 *     - {at: '2026-11-25T03:37:00Z', session: 9f86d081884c7d65, seq: 1, correct: false}
 *   ...
 *
 * Pages are 0-based. Times are UTC. The closing "..." is required: a file
 * cut short is detected and not trusted. Any other version is refused.
 *
 * The merge rule, which makes merging order-free and lossless:
 * - Every change is stamped (time, session, seq): session is a random id per
 *   progress_new, seq counts that session's changes. Stamps order by time,
 *   then session, then seq, so every copy picks the same winner.
 * - Records (attempts, answers) merge by union, one per (session, seq). Only
 *   the newest ATTEMPTS_KEEP attempts of a lesson are kept, plus its best,
 *   first passing and last passing ones; the newest ANSWERS_KEEP answers of a
 *   question. The attempt count comes from "tally": attempts made per
 *   session, merged by maximum, so it stays exact past the cap.
 * - The place, a lesson's last page and a question's review box are single
 *   values: the one with the latest stamp wins. A local change always gets a
 *   stamp later than the value it replaces. The furthest page merges by max,
 *   notice-seen by "or".
 */
#ifndef ROLLWISE_PROGRESS_H
#define ROLLWISE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/catalog.h"
#include "core/course.h"

/* Newest attempts kept per lesson, newest answers kept per question. */
#define ATTEMPTS_KEEP 50
#define ANSWERS_KEEP 20
/* Longest id (course, lesson, question) kept, in bytes. */
#define PROGRESS_ID_MAX 256
/* Leitner boxes are 1 to REVIEW_BOXES; REVIEW_DONE is retired; 0 never missed. */
#define REVIEW_BOXES 5
#define REVIEW_DONE (REVIEW_BOXES + 1)

/* When a change was made and by which session; see the merge rule above. */
struct stamp {
	time_t at;
	uint64_t session;
	uint64_t seq;
};

struct attempt {
	struct stamp st;
	int score;		/* percent */
	bool passed;
	int version;		/* the course's version then */
	char hash[17];		/* lesson_hash then */
};

/* How many attempts at a lesson one session made. */
struct tally {
	uint64_t session;
	uint64_t n;
};

struct lesson_progress {
	char *course, *lesson;
	bool visited;		/* page and page_st are set */
	size_t page;		/* last page shown */
	struct stamp page_st;
	size_t furthest;	/* furthest page shown */
	struct attempt *attempts;	/* oldest first, one per (session, seq) */
	size_t nattempts;
	struct tally *tallies;	/* by session */
	size_t ntallies;
};

struct answer {
	struct stamp st;
	bool correct;
};

struct question_progress {
	char *course, *lesson, *question;
	int box;		/* 0, 1 to REVIEW_BOXES, or REVIEW_DONE */
	time_t due;		/* when box is 1 to REVIEW_BOXES */
	struct stamp box_st;	/* when box is not 0 */
	struct answer *answers;	/* oldest first */
	size_t nanswers;
};

struct place {
	char *course, *lesson;	/* NULL when there is no place yet */
	size_t page;
	struct stamp st;
};

/* The fields are for store.c and export.c; the UI uses the functions. */
struct progress {
	uint64_t session, seq;	/* stamp this process's changes */
	bool notice_seen;	/* the first-run notice was shown */
	struct place place;
	struct lesson_progress *lessons;	/* sorted by course, lesson */
	size_t nlessons;
	struct question_progress *questions;	/* sorted by course, lesson, question */
	size_t nquestions;
};

enum lesson_state {
	LESSON_NOT_STARTED,
	LESSON_IN_PROGRESS,	/* pages read, no attempt yet */
	LESSON_PASSED,
	LESSON_NOT_PASSED,	/* attempted, never passed */
};

struct lesson_status {
	enum lesson_state state;
	size_t page;		/* last page shown, 0-based (below npages) */
	size_t furthest;
	size_t npages;		/* 0 for a lesson no longer in the catalog */
	int best;		/* best score, -1 when no attempt */
	uint64_t attempts;
	bool updated;		/* passed, but the lesson changed since */
	time_t first_passed;	/* 0 when never */
	time_t last_attempt;	/* 0 when none */
	int version;		/* course version of the last attempt, -1 when none */
	char hash[17];		/* lesson hash of the last attempt, "" when none */
};

/* A review question that is due; the pointers are into the catalog. */
struct due_item {
	const struct course *course;
	const struct lesson *lesson;
	const struct question *question;
	time_t due;
	int box;
};

/* An empty state with a fresh random session id; caller frees with progress_free. */
struct progress *progress_new(void);
/* Frees p and everything it owns; NULL is fine. */
void progress_free(struct progress *p);

/* Records a page turn: the place, the lesson's last and furthest page.
 * Returns 0, or -1 (nothing recorded) when an id is not valid. */
int progress_visit(struct progress *p, const char *course, const char *lesson,
		   size_t page, time_t now);
/* Records that the first-run notice was shown (it stays shown). */
void progress_notice_seen(struct progress *p);
/* Where the learner left off, or NULL; p owns it, valid until p changes. */
const struct place *progress_last_place(const struct progress *p);
/* Records an answer from a quiz or a review and moves the question's box:
 * a miss puts it in box 1; a right answer when it is due moves it up one box
 * (retired past the last); a right answer otherwise changes nothing.
 * Returns 0, or -1 when an id is not valid. */
int progress_answer(struct progress *p, const char *course, const char *lesson,
		    const char *question, bool correct, time_t now);
/* Records a finished quiz; hash is lesson_hash's 16 hex digits. Returns 0,
 * or -1 when an id, the score (0-100) or the hash is not valid. */
int progress_attempt(struct progress *p, const char *course, const char *lesson,
		     int score, bool passed, int version, const char *hash, time_t now);

/* Fills *out for lesson l of course c. */
void progress_lesson_status(const struct progress *p, const struct course *c,
			    const struct lesson *l, struct lesson_status *out);
/* Fills *out from the records alone, for a lesson the catalog may not have;
 * hash (or NULL) is the lesson's current hash, for the updated flag. */
void progress_record_status(const struct progress *p, const char *course,
			    const char *lesson, const char *hash,
			    struct lesson_status *out);
/* Number of lessons of c passed. */
size_t progress_course_passed(const struct progress *p, const struct course *c);
/* The review questions due at now that cat still has, earliest first, into
 * *out (caller frees the array, not what it points to); returns the count. */
size_t progress_due(const struct progress *p, const struct catalog *cat,
		    time_t now, struct due_item **out);

/* Merges src into dst by the rule above; dst keeps its session. */
void progress_merge(struct progress *dst, const struct progress *src);
/* Merges *lp into p (for the reader) and frees what *lp owns. */
void progress_add_lesson(struct progress *p, struct lesson_progress *lp);
/* Merges *qp into p (for the reader) and frees what *qp owns. */
void progress_add_question(struct progress *p, struct question_progress *qp);
/* Sets the place if st is later than the one p has; copies the strings. */
void progress_set_place(struct progress *p, const char *course,
			const char *lesson, size_t page, const struct stamp *st);
/* True when s (len bytes) can be an id: 1 to PROGRESS_ID_MAX bytes of
 * UTF-8 without control characters. */
bool progress_id_ok(const char *s, size_t len);
/* Writes t as "2026-11-25T03:40:00Z" into out. */
void progress_format_time(time_t t, char out[21]);

#endif
