/* session.h - one learner's run of the tutor: the courses, their progress,
 * and saving after every action. Both front ends (curses and plain) drive
 * the tutor through these functions, so what is recorded and when is
 * decided here once. */
#ifndef ROLLWISE_SESSION_H
#define ROLLWISE_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/quiz.h"

struct store;

struct session {
	struct catalog cat;
	struct store *store;	/* NULL when progress cannot be kept */
	struct progress *prog;
	char *warning;		/* a problem to show the learner once; NULL when none */
	size_t bad_files;	/* course files left out for errors */
	unsigned seed;		/* for shuffling choices */
};

/* Loads the courses along the search path (extra dirs first), in the first
 * of langs each has a translation for, and the learner's progress, which
 * is the same in every language. Never fails: problems become s->warning. */
void session_open(struct session *s, char *const *extra, size_t nextra,
		  char *const *langs, size_t nlangs);
/* Frees everything; progress is already saved. */
void session_close(struct session *s);
/* Takes the pending warning (caller frees), or NULL. */
char *session_take_warning(struct session *s);
/* True once the learner has seen the first-run notice. */
bool session_notice_seen(const struct session *s);
/* Records that the first-run notice was shown, and saves. */
void session_notice_done(struct session *s);
/* Records a page shown, and saves. */
void session_visit(struct session *s, const struct course *c,
		   const struct lesson *l, size_t page);
/* Records the answer to question q of lesson l (picked: the authored
 * choice indices), and saves. run is NULL for a review; in a quiz it points
 * to the run's id, 0 before its first answer (which sets it). */
void session_answer(struct session *s, const struct course *c, const struct lesson *l,
		    const struct question *q, unsigned picked, bool correct, uint64_t *run);
/* Records a finished quiz of lesson l with its score, and saves; run is
 * the id session_answer set. */
void session_attempt(struct session *s, const struct course *c, const struct lesson *l,
		     int score, bool passed, uint64_t run);
/* Makes saved page turns durable now (they wait at most a second). */
void session_flush(struct session *s);
/* True when saved page turns wait for session_flush. */
bool session_unsynced(const struct session *s);
/* The file to fsync before the process is suspended, or -1. */
int session_sync_fd(const struct session *s);
/* True when every change made is saved (none waits for a save that failed
 * or was not allowed). */
bool session_all_saved(const struct session *s);
/* The lesson's status for menus. */
void session_status(const struct session *s, const struct course *c,
		    const struct lesson *l, struct lesson_status *out);
/* A short status for menus ("passed 80%", "page 2 of 5"); caller frees. */
char *session_status_text(const struct session *s, const struct course *c,
			  const struct lesson *l);
/* Index of the lesson to open next in c: the first not passed, else 0. */
size_t session_next_lesson(const struct session *s, const struct course *c);
/* The page to reopen lesson l at (where the learner left it). */
size_t session_resume_page(const struct session *s, const struct course *c,
			   const struct lesson *l);
/* Questions due for review now; caller frees the array. */
size_t session_due(const struct session *s, struct due_item **out);

#endif
