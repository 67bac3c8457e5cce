/* tui.h - the curses front end: shared state, the screens and drawing helpers.
 * Each screen (menu.c, lessons.c, reader.c, question.c, result.c, notice.c)
 * has a draw and a key function; tui.c runs the loop and dispatches. */
#ifndef ROLLWISE_TUI_H
#define ROLLWISE_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/quiz.h"
#include "core/session.h"
#include "core/text.h"

struct tui_state;

enum screen_id { SCR_NOTICE, SCR_MENU, SCR_LESSONS, SCR_READER, SCR_QUESTION,
		 SCR_RESULT, SCR_COUNT };

/* One line of a screen's full key help ('?'). */
struct keyhelp {
	const char *keys, *what;
};

struct screen {
	void (*draw)(struct tui_state *t);
	void (*key)(struct tui_state *t, int ch);
	const char *bar;		/* the one-line key bar */
	const struct keyhelp *help;	/* ends with { NULL, NULL } */
};

/* A modal box over the screen: key help or a page's sources. */
struct overlay {
	bool open;
	const char *title;
	struct text body;
	int scroll;
};

struct tui_state {
	struct session *s;
	enum screen_id cur;
	enum screen_id after_notice;	/* where the first-run notice leads */
	bool quit;
	bool color;
	int rows, cols;
	char *message;			/* one line above the key bar, until a key */

	/* menu and lesson list */
	size_t course_sel, lesson_sel;
	struct course *course;
	const struct lesson *lesson;

	/* reader */
	size_t page;
	int scroll;			/* first text line shown */
	size_t anchor;			/* where the learner scrolled to, kept across resizes */
	struct text layout;		/* the page laid out at layout_width */
	int layout_width;
	size_t layout_page;
	const struct lesson *layout_lesson;

	/* quiz or review */
	struct quiz_run run;
	bool in_quiz;
	struct due_item *due;		/* review mode when non-NULL */
	size_t ndue, due_cur, due_right;
	size_t cursor;			/* highlighted display slot */
	choice_set marks;		/* toggled choices (multiple) */
	bool answered, was_right;
	int qscroll;
	bool leaving;			/* asked "leave the quiz?" */

	/* result */
	size_t result_sel;

	struct overlay ov;
};

/* The screens, indexed by enum screen_id. */
extern const struct screen notice_screen, menu_screen, lessons_screen,
	reader_screen, question_screen, result_screen;

/* Runs the tutor on the terminal; opens course_id (and lesson_id) when given,
 * or the due reviews when review is set. Returns 0, 1 when the named course
 * or lesson does not exist, or -1 when the terminal cannot be used (the
 * caller falls back to plain mode). */
int tui_run(struct session *s, const char *course_id, const char *lesson_id,
	    bool review);

/* Width of the text column: the screen less margins, at most 78. */
int tui_width(const struct tui_state *t);
/* Draws the title bar: left text, right text (may be NULL). */
void tui_title(const struct tui_state *t, const char *left, const char *right);
/* Draws s at row y, column x, cut to w columns, with attributes attr. */
void tui_put(int y, int x, const char *s, int w, int attr);
/* Draws a laid-out line with its emphasis at row y, column x. */
void tui_put_line(int y, int x, const struct text_line *l, int base_attr);
/* Shows msg on the line above the key bar until the next key (copied). */
void tui_say(struct tui_state *t, const char *msg);
/* Opens the overlay with title and lines of text (wrapped to fit). */
void tui_overlay(struct tui_state *t, const char *title, const char *body);
/* Switches to screen id. */
void tui_go(struct tui_state *t, enum screen_id id);

/* Opens lesson l of the current course in the reader at page. */
void reader_open(struct tui_state *t, const struct lesson *l, size_t page);
/* Shows the current page's sources in the overlay. */
void reader_sources(struct tui_state *t);
/* Starts the quiz of the current lesson. */
void question_start(struct tui_state *t);
/* Starts a review of the questions due now. */
void question_review(struct tui_state *t);
/* Opens course c's lesson list. */
void lessons_open(struct tui_state *t, struct course *c);

#endif
