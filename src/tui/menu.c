/* menu.c - the course menu: every course with its summary and progress. */
#include "tui/tui.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

#define ITEM_ROWS 4	/* title, summary, progress, blank */

static size_t first_shown(const struct tui_state *t, size_t fit)
{
	return t->course_sel >= fit ? t->course_sel - fit + 1 : 0;
}

static void draw_course(const struct tui_state *t, int y, size_t i, int w)
{
	const struct course *c = t->s->cat.courses[i];
	bool sel = i == t->course_sel;
	tui_put(y, 1, sel ? ">" : " ", 1, A_BOLD);
	tui_put(y, 3, c->title, w - 3, A_BOLD | (sel ? A_REVERSE : 0));
	char *sum = text_ellipsize(c->summary, w - 3);
	tui_put(y + 1, 3, sum, w - 3, A_DIM);
	free(sum);
	char *p = xasprintf("%zu lesson%s, %zu passed", c->nlessons,
			    c->nlessons == 1 ? "" : "s",
			    progress_course_passed(t->s->prog, c));
	tui_put(y + 2, 3, p, w - 3, 0);
	free(p);
}

static void menu_draw(struct tui_state *t)
{
	struct due_item *due = NULL;
	size_t ndue = session_due(t->s, &due);
	free(due);
	char *right = ndue ? xasprintf("Review: %zu due (r)", ndue) : NULL;
	tui_title(t, "rollwise: courses", right);
	free(right);
	int w = tui_width(t);
	if (t->s->cat.n == 0) {
		tui_put(2, 1, "No courses were found.", w, A_BOLD);
		tui_put(4, 1, "Put course files in ~/.local/share/rollwise/lessons", w, 0);
		tui_put(5, 1, "or start rollwise with --lessons DIR.", w, 0);
	}
	size_t fit = (size_t)(t->rows - 4) / ITEM_ROWS;
	if (fit == 0)
		fit = 1;
	size_t top = first_shown(t, fit);
	for (size_t i = top; i < t->s->cat.n && i < top + fit; i++)
		draw_course(t, 2 + (int)(i - top) * ITEM_ROWS, i, w);
	if (t->s->bad_files && !t->message) {
		char *m = xasprintf("%zu course file%s could not be read: run 'rollwise check'",
				    t->s->bad_files, t->s->bad_files == 1 ? "" : "s");
		tui_put(t->rows - 2, 1, m, w, A_DIM);
		free(m);
	}
}

static void menu_key(struct tui_state *t, int ch)
{
	size_t n = t->s->cat.n;
	if (ch == 'q' || ch == 27) {
		t->quit = true;
	} else if (n == 0) {
		return;
	} else if ((ch == KEY_DOWN || ch == 'j') && t->course_sel + 1 < n) {
		t->course_sel++;
	} else if ((ch == KEY_UP || ch == 'k') && t->course_sel > 0) {
		t->course_sel--;
	} else if (ch == KEY_HOME || ch == 'g') {
		t->course_sel = 0;
	} else if (ch == KEY_END || ch == 'G') {
		t->course_sel = n - 1;
	} else if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < n) {
		t->course_sel = (size_t)(ch - '1');
		lessons_open(t, t->s->cat.courses[t->course_sel]);
	} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER || ch == KEY_RIGHT || ch == 'l') {
		lessons_open(t, t->s->cat.courses[t->course_sel]);
	} else if (ch == 'r') {
		question_review(t);
	}
}

static const struct keyhelp menu_help[] = {
	{ "Up/Down, j/k", "choose a course" },
	{ "Enter, Right", "open the course" },
	{ "1-9", "open course number 1 to 9" },
	{ "Home/End, g/G", "first or last course" },
	{ "r", "review the questions that are due" },
	{ "q, Esc", "quit (your progress is saved)" },
	{ NULL, NULL },
};

const struct screen menu_screen = {
	menu_draw, menu_key, "Up/Down: choose  Enter: open  r: review  q: quit  ?: help",
	menu_help,
};
