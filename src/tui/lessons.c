/* lessons.c - a course's lessons with their status. */
#include "tui/tui.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

void lessons_open(struct tui_state *t, struct course *c)
{
	if (t->course != c)
		t->lesson_sel = session_next_lesson(t->s, c);
	t->course = c;
	tui_go(t, SCR_LESSONS);
}

static void lessons_draw(struct tui_state *t)
{
	const struct course *c = t->course;
	char *right = xasprintf("%zu of %zu passed", progress_course_passed(t->s->prog, c),
				c->nlessons);
	tui_title(t, c->title, right);
	free(right);
	int w = tui_width(t);
	struct text sum = { 0 };
	text_wrap(&sum, c->summary, w, 0, 0);
	int y = 2;
	for (size_t i = 0; i < sum.n && i < 3; i++)
		tui_put(y++, 1, sum.lines[i].text, w, 0);
	text_free(&sum);
	y++;
	int room = t->rows - 2 - y;
	size_t top = t->lesson_sel >= (size_t)room ? t->lesson_sel - (size_t)room + 1 : 0;
	for (size_t i = top; i < c->nlessons && y < t->rows - 2; i++, y++) {
		bool sel = i == t->lesson_sel;
		char *status = session_status_text(t->s, c, &c->lessons[i]);
		int sw = (int)strlen(status);
		char num[24];
		snprintf(num, sizeof num, "%zu.", i + 1);
		tui_put(y, 1, sel ? ">" : " ", 1, A_BOLD);
		tui_put(y, 3, num, 4, 0);
		tui_put(y, 7, c->lessons[i].title, w - 8 - sw, sel ? A_REVERSE : 0);
		tui_put(y, w - sw + 1, status, sw, A_DIM);
		free(status);
	}
}

static void lessons_key(struct tui_state *t, int ch)
{
	size_t n = t->course->nlessons;
	if (ch == 'q' || ch == 27 || ch == KEY_LEFT || ch == 'h') {
		tui_go(t, SCR_MENU);
	} else if ((ch == KEY_DOWN || ch == 'j') && t->lesson_sel + 1 < n) {
		t->lesson_sel++;
	} else if ((ch == KEY_UP || ch == 'k') && t->lesson_sel > 0) {
		t->lesson_sel--;
	} else if (ch == KEY_HOME || ch == 'g') {
		t->lesson_sel = 0;
	} else if (ch == KEY_END || ch == 'G') {
		t->lesson_sel = n - 1;
	} else if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < n) {
		t->lesson_sel = (size_t)(ch - '1');
	} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER || ch == KEY_RIGHT || ch == 'l') {
		const struct lesson *l = &t->course->lessons[t->lesson_sel];
		reader_open(t, l, session_resume_page(t->s, t->course, l));
	} else if (ch == 'z') {
		t->lesson = &t->course->lessons[t->lesson_sel];
		question_start(t);
	}
}

static const struct keyhelp lessons_help[] = {
	{ "Up/Down, j/k, 1-9", "choose a lesson" },
	{ "Enter, Right", "read the lesson (from where you left it)" },
	{ "z", "go straight to the lesson's quiz" },
	{ "q, Esc, Left", "back to the courses" },
	{ NULL, NULL },
};

const struct screen lessons_screen = {
	lessons_draw, lessons_key,
	"Up/Down: choose  Enter: read  z: quiz  q: back  ?: help", lessons_help,
};
