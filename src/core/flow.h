/* flow.h - what a learner does between screens, decided once for every
 * front end: the first-run notice, where to continue, a quiz or review run
 * (asking, verdict, recording), the summary at its end and what comes next.
 * The curses screens and the plain mode render what these return and map
 * their keys to them; every sentence a learner reads about the flow is
 * built here. */
#ifndef ROLLWISE_FLOW_H
#define ROLLWISE_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/course.h"
#include "core/quiz.h"
#include "core/session.h"

/* Most choices a question has (slots 0 to 8, keys 1 to 9). */
#define FLOW_SLOTS 9

enum flow_mode { FLOW_QUIZ, FLOW_REVIEW };

/* What a choice was after answering, by the slot it was shown in. */
enum flow_tag {
	TAG_NONE,		/* not picked, not right */
	TAG_PICKED_RIGHT,	/* picked, and right */
	TAG_PICKED_WRONG,	/* picked, not right */
	TAG_MISSED_RIGHT,	/* right, not picked */
};

/* The verdict on the current question; pointers are into the course. */
struct flow_verdict {
	bool right;
	enum flow_tag tag[FLOW_SLOTS];
	const char *feedback[FLOW_SLOTS];	/* for picked slots, NULL when none */
	const char *explanation;		/* NULL when none */
	bool critical;				/* a safety point */
	const struct page *page;		/* the page to re-read, NULL when none named */
	size_t page_index;
};

/* A question answered wrong, for the summary. */
struct flow_missed {
	const struct course *course;
	const struct lesson *lesson;
	const struct question *question;
	const struct page *page;	/* NULL when the question names none */
	size_t page_index;
};

/* The end of a run. */
struct flow_summary {
	enum flow_mode mode;
	size_t right, answered, total;
	int score, pass;		/* percent; quiz only */
	bool passed;			/* quiz only */
	struct flow_missed *missed;	/* owned; free with flow_summary_free */
	size_t nmissed;
};

/* Where the learner left off. */
struct flow_place {
	const struct course *course;
	const struct lesson *lesson;
	size_t page;
};

struct flow;

/* How a line of flow text is meant to look; each front end maps it. */
enum flow_style {
	STYLE_TEXT,
	STYLE_STRONG,	/* a prompt, a score, a safety hint */
	STYLE_VERDICT,	/* "Right.", "Not passed yet" */
	STYLE_RIGHT,	/* a right choice, once answered */
	STYLE_DIM,	/* a hint, a page reference */
};

/* A line of flow text: wrap it with the first line indented by first and
 * the rest by indent; item is the choice slot or missed question it
 * belongs to, or -1. */
struct flow_line {
	char *text;
	enum flow_style style;
	int first, indent;
	int item;
};

struct flow_lines {
	struct flow_line *v;
	size_t n;
};

/* Frees the lines. */
void flow_lines_free(struct flow_lines *l);

/* The first-run notice, in page markup. */
const char *flow_notice_text(void);
/* True when the notice must be shown before anything else. */
bool flow_notice_due(const struct session *s);
/* Records that the learner reached the end of the notice, and saves. */
void flow_notice_read(struct session *s);

/* Fills *out with the place to continue from; false when there is none
 * (nothing read yet, or the lesson has gone from the courses). */
bool flow_continue(const struct session *s, struct flow_place *out);
/* "Continue: Course / Lesson, page 2 of 5"; caller frees. */
char *flow_continue_text(const struct flow_place *p);
/* The course menu's summary line ("7 of 21 lessons passed, 3 questions due
 * for review"); caller frees. */
char *flow_menu_summary(const struct session *s);
/* "2 course files could not be read: run 'rollwise check'.", or NULL when
 * every course file loaded; caller frees. */
char *flow_bad_files_text(const struct session *s);
/* What the learner must know about the courses found, for every list of
 * them: folders and files other users can change (left out, or loaded as
 * --lessons named them), the files the size limit left out. No lines when
 * all is well. */
void flow_catalog_notes(const struct catalog *cat, struct flow_lines *out);
/* The sentence for a question that names no page to re-read. */
const char *flow_no_page_text(void);
/* What to do when no course was found. */
const char *flow_no_courses_text(void);
/* Number of questions due for review now. */
size_t flow_due_count(const struct session *s);
/* The sentence for an empty review. */
const char *flow_nothing_due_text(void);
/* While a save waits for the lock another rollwise of the learner's holds
 * (pid, or 0 when unknown); caller frees. */
char *flow_waiting_text(long pid);
/* Said when the program stops: whether everything is saved. */
const char *flow_stopped_text(bool all_saved);
/* "N lessons, M passed" for a course, with "; replaces the bundled course"
 * when it hides one; caller frees. */
char *flow_course_status(const struct session *s, const struct course *c);
/* The mark of a course that hides a bundled one of the same id. */
const char *flow_replaces_text(void);
/* Why other users can change u, in words ("writable by everyone, owned by
 * another user (uid 1001)"); caller frees. */
char *flow_trust_why(const struct untrusted *u);
/* The lesson after l in c, or NULL when l is the last. */
const struct lesson *flow_next_lesson(const struct course *c, const struct lesson *l);
/* The sentence after the last lesson of a course. */
const char *flow_last_lesson_text(void);
/* True when the learner answered questions of l's quiz after its last
 * finished attempt: a quiz was left part-way. */
bool flow_quiz_interrupted(const struct session *s, const struct course *c,
			   const struct lesson *l);
/* The sentence shown when such a quiz is opened again: it starts over. */
const char *flow_restart_text(void);

/* Starts a quiz over lesson l of c. Free with flow_free. */
struct flow *flow_quiz(struct session *s, const struct course *c, const struct lesson *l);
/* Starts a review of the questions due now, or NULL when none is due. */
struct flow *flow_review(struct session *s);
/* Frees the run; an unfinished quiz is not recorded as an attempt. */
void flow_free(struct flow *f);

enum flow_mode flow_mode(const struct flow *f);
/* The current question, its course and lesson. */
const struct question *flow_question(const struct flow *f);
const struct course *flow_course(const struct flow *f);
const struct lesson *flow_lesson(const struct flow *f);
/* Position of the current question (0-based) and the number in the run. */
size_t flow_pos(const struct flow *f);
size_t flow_count(const struct flow *f);
/* The text of the choice shown in slot k. */
const char *flow_choice(const struct flow *f, size_t k);
/* "Question 2 of 5" or "Review question 2 of 5"; caller frees. */
char *flow_position_text(const struct flow *f);
/* What the learner is asked to do: "choose one", "choose all that apply",
 * "true or false". */
const char *flow_kind_text(const struct question *q);

/* True once the current question is answered. */
bool flow_answered(const struct flow *f);
/* Answers the current question with the slots the learner picked (bit k
 * for slot k), records the answer and saves. Returns 0, or -1 (nothing
 * done) when already answered, or when slots is empty, out of range or more
 * than one slot for a question that takes one. */
int flow_answer(struct flow *f, unsigned slots);
/* The verdict on the current question; only after flow_answer. */
void flow_verdict(const struct flow *f, struct flow_verdict *v);
/* "Sources: Hou et al. 2017; FDA 2024." in one short line, or NULL when
 * refs is empty; course_cites gives the full list. Caller frees. */
char *flow_sources_short(const struct course *c, const struct source_refs *refs);
/* "Right." or "Not right." */
const char *flow_verdict_text(const struct flow_verdict *v);
/* The tag after a choice, " (your answer)" and the like; "" for none. */
const char *flow_tag_text(enum flow_tag tag);
/* "About choice 2: ..." for slot k's feedback; caller frees. */
char *flow_feedback_text(const struct flow_verdict *v, size_t k);
/* "Why: ..." or NULL; caller frees. */
char *flow_explanation_text(const struct flow_verdict *v);
/* The re-read sentence after a miss: a safety point names its page, a
 * question without a page says so; NULL when right. Caller frees. */
char *flow_reread_text(const struct flow_verdict *v);

/* The choices of the current question as lines ("2. text"; with boxes,
 * "2. (*) text" marked from marks before answering), tagged once answered. */
void flow_choice_lines(const struct flow *f, unsigned marks, bool boxes,
		       struct flow_lines *out);
/* The verdict on the current question as lines: the verdict, the right
 * answer when missed, the page to re-read, feedback, explanation. */
void flow_verdict_lines(const struct flow *f, struct flow_lines *out);
/* Reads an answer typed as text: numbers ("2", "1 3") or, in a true-false
 * question, t, f, true or false. Returns NULL with *slots set, or a message
 * saying what to type instead (static). */
const char *flow_parse_answer(const struct question *q, const char *text,
			      unsigned *slots);

/* Moves to the next question. Returns false when the run is over; a quiz
 * is then recorded as an attempt and saved. */
bool flow_next(struct flow *f);
/* True once flow_next has ended the run. */
bool flow_done(const struct flow *f);
/* Fills *out with the score and the missed questions so far. */
void flow_summarize(const struct flow *f, struct flow_summary *out);
void flow_summary_free(struct flow_summary *sum);
/* The score sentence ("You scored 3 of 5 (60%). The pass mark is 80%.");
 * caller frees. */
char *flow_score_text(const struct flow_summary *sum);
/* "Passed." or "Not passed yet: ..."; a review's explanation of the boxes. */
const char *flow_verdict_line(const struct flow_summary *sum);
/* The summary as lines: score, verdict, then each missed question (item i)
 * with its page. */
void flow_summary_lines(const struct flow_summary *sum, struct flow_lines *out);
/* The line under a missed question: its page, or that it names none;
 * caller frees. */
char *flow_missed_text(const struct flow_missed *m);

#endif
