/* progress.h - what one learner has done: places, quiz attempts, answers and
 * the Leitner review boxes, folded from events, and how two copies merge.
 *
 * Every change the learner makes is an event (struct event): the notice
 * seen, a page shown, an answer, a finished quiz. progress_* functions that
 * record a change fill one in and fold it into the state; store.c appends
 * it to the journal on disk (journal.c has the line format), and loading
 * folds the journal back. A journal is compacted into a snapshot: the same
 * events, fewer of them (box and tally events carry what was pruned).
 *
 * The merge rule, which makes folding order-free and lossless:
 * - Every change is stamped (time, session, seq): session is a random id per
 *   progress_new, seq counts that session's changes. Stamps order by time,
 *   then session, then seq, so every copy picks the same winner.
 * - Records (attempts, answers) merge by union, one per (session, seq). Only
 *   the newest ATTEMPTS_KEEP attempts of a lesson are kept, plus its first,
 *   best, first passing and last passing ones; the newest ANSWERS_KEEP
 *   answers of a question, plus the answers given in the lesson's first
 *   attempt (the class report's item analysis reads them). The attempt count
 *   comes from tallies: attempts made per session, merged by maximum, so it
 *   stays exact past the cap.
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
/* Largest page number kept. */
#define PROGRESS_PAGE_MAX 1000000
/* The run of struct given for the first answer of a quiz: it starts one. */
#define RUN_NEW UINT64_MAX
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
	uint64_t run;		/* the quiz run: seq of its first answer; 0 unknown */
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
	unsigned picked;	/* bit i: the i-th choice as authored; 0 unknown */
	int version;		/* the course's version then, -1 unknown */
	char hash[17];		/* lesson_hash then, "" unknown */
	uint64_t run;		/* a quiz run (seq of its first answer), 0 a review */
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

/* One change, as folded and as written to the journal. Strings are
 * borrowed from the caller. */
enum event_kind {
	EV_NOTICE,		/* the first-run notice was shown */
	EV_PAGE,		/* a page was shown: page (and furthest, when larger) */
	EV_ANSWER,		/* answer; box and due when it moved the box */
	EV_ATTEMPT,		/* attempt; tally is the session's count after it */
	EV_BOX,			/* a review box (compaction keeps it past its answers) */
	EV_TALLY,		/* attempts session st.session made at the lesson */
	EV_GONE,		/* missing from every lesson folder since st.at */
};

struct event {
	enum event_kind kind;
	struct stamp st;
	const char *course, *lesson, *question;
	size_t page, furthest;		/* EV_PAGE */
	struct answer answer;		/* EV_ANSWER (its st is the event's) */
	struct attempt attempt;		/* EV_ATTEMPT (its st is the event's) */
	uint64_t tally;			/* EV_ATTEMPT, EV_TALLY */
	int box;			/* EV_BOX; EV_ANSWER: -1 when not moved */
	time_t due;
};

/* Stamps are clamped to this range when read (years 1970 to 9999). */
#define STAMP_MIN ((time_t)0)
#define STAMP_MAX ((time_t)253402300799)

/* A course, lesson or question missing from every lesson folder since a
 * time (question NULL for a lesson, lesson and question NULL for a course):
 * its records are pruned once it has been gone for PRUNE_AFTER. */
struct gone {
	char *course, *lesson, *question;
	time_t since;
};
#define PRUNE_AFTER ((time_t)90 * 24 * 60 * 60)

/* The fields are for store.c and export.c; the UI uses the functions. */
struct progress {
	uint64_t session, seq;	/* stamp this process's changes */
	bool notice_seen;	/* the first-run notice was shown */
	struct stamp notice_st;	/* when, if known */
	struct place place;
	struct lesson_progress *lessons;	/* sorted by course, lesson */
	size_t nlessons;
	struct question_progress *questions;	/* sorted by course, lesson, question */
	size_t nquestions;
	struct gone *gone;
	size_t ngone;
	struct event *unsaved;	/* changes made here, not yet in the journal */
	size_t nunsaved;
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
/* Frees what one lesson's or question's record holds and empties it. */
void progress_lesson_clear(struct lesson_progress *lp);
void progress_question_clear(struct question_progress *qp);
/* Frees p and everything it owns; NULL is fine. */
void progress_free(struct progress *p);

/* The recording functions below fold the change into p and keep it as
 * unsaved (progress_unsaved), for the journal.
 *
 * Records a page turn: the place, the lesson's last and furthest page.
 * Returns 0, or -1 (nothing recorded) when an id is not valid. */
int progress_visit(struct progress *p, const char *course, const char *lesson,
		   size_t page, time_t now);
/* Records that the first-run notice was shown (it stays shown). */
void progress_notice_seen(struct progress *p);
/* Where the learner left off, or NULL; p owns it, valid until p changes. */
const struct place *progress_last_place(const struct progress *p);
/* What an answer or an attempt was given on. */
struct given {
	const char *course, *lesson, *question;	/* question: NULL for an attempt */
	int version;				/* the course's version */
	const char *hash;			/* lesson_hash's 16 hex digits */
	uint64_t run;				/* see struct answer; 0 a review */
};
/* Records an answer from a quiz or a review and moves the question's box:
 * a miss puts it in box 1; a right answer when it is due moves it up one box
 * (retired past the last); a right answer otherwise changes nothing.
 * picked holds the authored choice indices. Returns the answer's seq (the
 * run of a quiz's first answer), or 0 when an id or the hash is not valid. */
uint64_t progress_answer(struct progress *p, const struct given *g, unsigned picked,
			 bool correct, time_t now);
/* Records a finished quiz. Returns 0, or -1 when an id, the score (0-100)
 * or the hash is not valid. */
int progress_attempt(struct progress *p, const struct given *g, int score, bool passed,
		     time_t now);
/* The changes recorded here and not yet saved, oldest first; *n is their
 * count. p owns them. */
const struct event *progress_unsaved(const struct progress *p, size_t *n);
/* Forgets the oldest n unsaved changes: they are in the journal. */
void progress_saved(struct progress *p, size_t n);
/* Folds an event read from the journal into p. With tidy false, records are
 * only added: call progress_tidy once after a batch. Returns 0, or -1 when
 * the event is not valid (an id, a score, a hash). */
int progress_apply(struct progress *p, const struct event *ev, bool tidy);
/* Sorts, de-duplicates and caps every record list (after a batch). */
void progress_tidy(struct progress *p);
/* Marks records of courses, lessons and questions that known() says are in
 * no lesson folder as gone since now (unless they already are), forgets the
 * marks of those that are back, and removes the records of those gone for
 * PRUNE_AFTER. known(ctx, course, lesson, question) with lesson or question
 * NULL asks about the course or the lesson. */
void progress_prune(struct progress *p, time_t now,
		    bool (*known)(void *ctx, const char *course, const char *lesson,
				  const char *question), void *ctx);
/* Calls fn with each event that rebuilds p (a snapshot); stops and returns
 * fn's non-zero value. */
int progress_events(const struct progress *p, int (*fn)(void *ctx, const struct event *ev),
		    void *ctx);

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
/* The lesson's records, or NULL. */
const struct lesson_progress *progress_lesson(const struct progress *p, const char *course,
					      const char *lesson);
/* The question's records, or NULL. */
const struct question_progress *progress_question(const struct progress *p, const char *course,
						  const char *lesson, const char *question);
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
/* Writes t (clamped to STAMP_MIN..STAMP_MAX) as "2026-11-25T03:40:00Z". */
void progress_format_time(time_t t, char out[21]);
/* t clamped to STAMP_MIN..STAMP_MAX. */
time_t progress_clamp_time(time_t t);

#endif
