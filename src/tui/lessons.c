/* lessons.c - a course's lessons with their status. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

struct lessons {
	struct session *s;
	const struct course *c;
	struct view v;
	size_t sel;
};

enum { DO_DOWN = 1, DO_UP, DO_FIRST, DO_LAST, DO_DIGIT, DO_READ, DO_QUIZ, DO_BACK };

static const struct binding lessons_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_DOWN, DO_DOWN, N_("Down"), N_("choose"), N_("next lesson"), 1 },
	{ 'j', DO_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("previous lesson"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ KEY_HOME, DO_FIRST, N_("Home"), NULL, N_("first lesson"), 0 },
	{ 'g', DO_FIRST, "g", NULL, NULL, 0 },
	{ KEY_END, DO_LAST, N_("End"), NULL, N_("last lesson"), 0 },
	{ 'G', DO_LAST, "G", NULL, NULL, 0 },
	{ '1', DO_DIGIT, "1-9", NULL, N_("choose lesson 1 to 9"), 0 },
	{ '2', DO_DIGIT, NULL, NULL, NULL, 0 }, { '3', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '4', DO_DIGIT, NULL, NULL, NULL, 0 }, { '5', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '6', DO_DIGIT, NULL, NULL, NULL, 0 }, { '7', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '8', DO_DIGIT, NULL, NULL, NULL, 0 }, { '9', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ KEY_ANY_ENTER, DO_READ, N_("Enter"), N_("read"), N_("read the lesson (from where you left it)"), KEEP_ALWAYS },
	{ KEY_RIGHT, DO_READ, N_("Right"), NULL, NULL, 0 },
	{ 'l', DO_READ, "l", NULL, NULL, 0 },
	{ 'z', DO_QUIZ, "z", N_("quiz"), N_("go straight to the lesson's quiz"), 2 },
	{ 'q', DO_BACK, "q", N_("back"), N_("back to the courses"), KEEP_ALWAYS },
	{ KEY_ESC, DO_BACK, N_("Esc"), NULL, NULL, 0 },
	{ KEY_LEFT, DO_BACK, N_("Left"), NULL, NULL, 0 },
	{ 'h', DO_BACK, "h", NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static void build(struct lessons *ls, int w)
{
	const struct course *c = ls->c;
	view_begin(&ls->v, w);
	if (*c->summary) {
		view_add(&ls->v, c->summary, 0, -1, 0, 0);
		view_blank(&ls->v);
	}
	for (size_t i = 0; i < c->nlessons; i++) {
		char *title = xasprintf("%zu. %s", i + 1, c->lessons[i].title);
		view_add(&ls->v, title, 0, (int)i, 0, 3);
		free(title);
		char *st = session_status_text(ls->s, c, &c->lessons[i]);
		view_add(&ls->v, st, A_DIM, (int)i, 3, 3);
		free(st);
	}
}

static void lessons_draw(struct tui *t, void *d)
{
	struct lessons *ls = d;
	char *right = xasprintf(_("%zu of %zu passed"), progress_course_passed(ls->s->prog, ls->c),
				ls->c->nlessons);
	tui_title(t, ls->c->title, right);
	free(right);
	build(ls, tui_width(t));
	ls->v.sel = (int)ls->sel;
	view_draw(&ls->v, t, 2, 1, tui_rows(t) - 4);
}

static void choose(struct lessons *ls, size_t i)
{
	ls->sel = i;
	view_select(&ls->v, (int)i);
}

static void lessons_act(struct tui *t, void *d, int action, int ch)
{
	struct lessons *ls = d;
	size_t n = ls->c->nlessons;
	const struct lesson *l = n ? &ls->c->lessons[ls->sel] : NULL;
	switch (action) {
	case DO_DOWN: ls->sel = (size_t)view_step(&ls->v, (int)n, 1); break;
	case DO_UP: ls->sel = (size_t)view_step(&ls->v, (int)n, -1); break;
	case DO_FIRST: choose(ls, 0); break;
	case DO_LAST: choose(ls, n - 1); break;
	case DO_DIGIT:
		if ((size_t)(ch - '1') < n)
			choose(ls, (size_t)(ch - '1'));
		break;
	case DO_READ:
		reader_open(t, ls->c, l, session_resume_page(ls->s, ls->c, l), false);
		break;
	case DO_QUIZ:
		reader_open(t, ls->c, l, 0, false);
		quiz_replace(t, ls->c, l);
		break;
	case DO_BACK: tui_pop(t); break;
	}
}

static bool lessons_enabled(const void *d, int action)
{
	const struct lessons *ls = d;
	switch (action) {
	case DO_DOWN: case DO_LAST: return ls->sel + 1 < ls->c->nlessons;
	case DO_UP: case DO_FIRST: return ls->sel > 0;
	case DO_READ: case DO_DIGIT: return ls->c->nlessons > 0;
	case DO_QUIZ: return ls->c->nlessons > 0 && ls->c->lessons[ls->sel].quiz.nquestions > 0;
	default: return true;
	}
}

static void lessons_free(void *d)
{
	struct lessons *ls = d;
	view_free(&ls->v);
	free(ls);
}

static const struct screen_ops lessons_ops = {
	.name = "lessons", .keys = lessons_keys, .draw = lessons_draw,
	.act = lessons_act, .enabled = lessons_enabled, .free = lessons_free,
};

void lessons_open(struct tui *t, const struct course *c)
{
	struct lessons *ls = xcalloc(1, sizeof *ls);
	ls->s = tui_session(t);
	ls->c = c;
	ls->sel = c->nlessons ? session_next_lesson(ls->s, c) : 0;
	ls->v.sel = -1;
	view_select(&ls->v, (int)ls->sel);
	tui_push(t, &lessons_ops, ls);
}
