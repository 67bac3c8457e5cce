/* notice.c - the first-run notice: education, not medical advice. */
#include "tui/tui.h"

#include <curses.h>

static const char notice_text[] =
	"rollwise teaches general facts about at-home microneedling with derma "
	"rollers: how to do it more safely, who should not do it, and how to look "
	"after your skin afterwards.\n\n"
	"*This is education, not medical advice.* It cannot tell whether rolling "
	"is safe for you. For advice about your own skin, see a doctor or a "
	"dermatologist.\n\n"
	"Every lesson names its sources: press *s* while reading to see them.\n\n"
	"This notice is shown once.";

static void notice_draw(struct tui_state *t)
{
	tui_title(t, "Welcome to rollwise", NULL);
	struct text body = { 0 };
	int w = tui_width(t);
	text_layout(&body, notice_text, w);
	int y = 2;
	for (size_t i = 0; i < body.n && y < t->rows - 2; i++, y++)
		tui_put_line(y, 1, &body.lines[i], 0);
	text_free(&body);
	if (y + 1 < t->rows - 2)
		tui_put(y + 1, 1, "Press Enter to continue.", w, A_BOLD);
}

static void notice_key(struct tui_state *t, int ch)
{
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER || ch == ' ') {
		session_notice_done(t->s);
		tui_go(t, t->after_notice);
	} else if (ch == 'q' || ch == 27) {
		t->quit = true;
	}
}

static const struct keyhelp notice_help[] = {
	{ "Enter", "continue to the courses" },
	{ "q", "quit" },
	{ NULL, NULL },
};

const struct screen notice_screen = {
	notice_draw, notice_key, "Enter: continue  q: quit  ?: help", notice_help,
};
