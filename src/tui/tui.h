/* tui.h - the curses front end. Screens sit on a stack, each one opened
 * with what it needs and owning its own state (the data pointer); tui.c
 * runs the loop, draws the screen on top (an overlay draws the one beneath
 * first) and maps keys to the top screen's actions through its bindings. */
#ifndef ROLLWISE_TUI_H
#define ROLLWISE_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/flow.h"
#include "core/session.h"
#include "core/text.h"
#include "tui/keys.h"

struct tui;

struct screen_ops {
	const char *name;
	const struct binding *keys;	/* ends with { 0 } */
	/* Draws the screen between the title bar and the key bar. */
	void (*draw)(struct tui *t, void *d);
	/* Does action (from keys) for key ch. */
	void (*act)(struct tui *t, void *d, int action, int ch);
	/* Whether an action does something now; NULL: always. */
	bool (*enabled)(const void *d, int action);
	/* The key bar's label for an action now (N_(), keys_bar translates it);
	 * NULL: the binding's. */
	const char *(*label)(const void *d, int action);
	/* A yes/no question waiting for an answer, or NULL. */
	const char *(*asking)(const void *d);
	/* Frees d. */
	void (*free)(void *d);
	/* True for a box drawn over the screen beneath. */
	bool overlay;
};

/* Runs the tutor on the terminal; opens course_id (and lesson_id) when given,
 * or the due reviews when review is set. Returns 0, 1 when the named course
 * or lesson does not exist, -1 when the terminal cannot be used (the caller
 * falls back to plain mode). */
int tui_run(struct session *s, const char *course_id, const char *lesson_id,
	    bool review);
/* Gives the terminal back (endwin) when the curses screen is up; for die(),
 * at any time, once. */
void tui_end(void);

/* The learner's session. */
struct session *tui_session(const struct tui *t);
/* The screen size now. */
int tui_rows(const struct tui *t);
int tui_cols(const struct tui *t);
/* Width of the text column: the screen less margins, at most 78. */
int tui_width(const struct tui *t);
/* Puts d on top of the stack; ops->free frees it when it leaves. */
void tui_push(struct tui *t, const struct screen_ops *ops, void *d);
/* Closes the top screen. */
void tui_pop(struct tui *t);
/* Closes the top screen and puts d in its place. */
void tui_replace(struct tui *t, const struct screen_ops *ops, void *d);
/* Ends the program after this key. */
void tui_quit(struct tui *t);
/* Shows msg (copied) on the line above the key bar until the next key. */
void tui_say(struct tui *t, const char *msg);
/* Where the hardware cursor goes after this frame (the selection). */
void tui_cursor(struct tui *t, int y, int x);

/* Draws the title bar: left text, right text (may be NULL). */
void tui_title(const struct tui *t, const char *left, const char *right);
/* Draws s at row y, column x, cut to w columns at a word with an ellipsis. */
void tui_put(int y, int x, const char *s, int w, int attr);
/* Draws a laid-out line with its emphasis at row y, column x. */
void tui_put_line(int y, int x, const struct text_line *l, int attr);

/* Opens a box over the current screen with title and body (page markup);
 * both are copied. */
void overlay_open(struct tui *t, const char *title, const char *body);
/* Opens the key help of the screen ops in a box. */
void overlay_help(struct tui *t, const struct screen_ops *ops);

/* The screens. Each open function pushes (or, for the replace variants,
 * swaps in) a screen that owns its state. */
void notice_open(struct tui *t);
void menu_open(struct tui *t);
void lessons_open(struct tui *t, const struct course *c);
void class_open(struct tui *t, const char *dir);
/* The reader at page of l; reread set: opened from a quiz or a result, so
 * Enter at the end of the page goes back there. */
void reader_open(struct tui *t, const struct course *c, const struct lesson *l,
		 size_t page, bool reread);
/* A quiz over l in place of the top screen (the reader or a result). */
void quiz_replace(struct tui *t, const struct course *c, const struct lesson *l);
/* A review of what is due, pushed; says so when nothing is due. */
void review_open(struct tui *t);
/* The result of run f (which it takes over) in place of the quiz screen. */
void result_replace(struct tui *t, struct flow *f);

#endif
