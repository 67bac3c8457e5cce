/* result.c - the end of a quiz (score, pass or not, the pages to re-read)
 * or of a review. Re-reading a page opens the reader on top, so leaving it
 * comes back here. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

struct result {
	struct session *s;
	struct flow *f;
	struct flow_summary sum;
	struct view v;
	size_t sel;		/* the chosen missed question */
};

enum { DO_DOWN = 1, DO_UP, DO_ENTER, DO_NEXT, DO_RETRY, DO_BACK };

static const struct binding result_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_DOWN, DO_DOWN, N_("Down"), N_("choose"), N_("next missed question"), 2 },
	{ 'j', DO_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("previous missed question"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ KEY_ANY_ENTER, DO_ENTER, N_("Enter"), N_("re-read"), N_("re-read the page of the chosen question (with none missed: the next lesson)"), KEEP_ALWAYS },
	{ 'n', DO_NEXT, "n", NC_("key bar", "next lesson"), N_("the next lesson"), 4 },
	{ 'r', DO_RETRY, "r", N_("retry"), N_("take the quiz again"), 3 },
	{ 'q', DO_BACK, "q", N_("back"), N_("back to the lessons"), KEEP_ALWAYS },
	{ KEY_ESC, DO_BACK, N_("Esc"), NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static bool is_quiz(const struct result *r)
{
	return r->sum.mode == FLOW_QUIZ;
}

static const struct lesson *next_lesson(const struct result *r)
{
	return is_quiz(r) ? flow_next_lesson(flow_course(r->f), flow_lesson(r->f)) : NULL;
}

static void build(struct result *r, int w)
{
	struct flow_lines l = { 0 };
	view_begin(&r->v, w);
	flow_summary_lines(&r->sum, &l);
	for (size_t i = 0; i < l.n; i++) {
		/* A blank row before the list and between its questions. */
		if (l.v[i].item >= 0 ? l.v[i].style != STYLE_DIM : l.v[i].style == STYLE_STRONG && i > 0)
			view_blank(&r->v);
		struct flow_lines one = { &l.v[i], 1 };
		view_lines(&r->v, &one);
	}
	flow_lines_free(&l);
}

static void result_draw(struct tui *t, void *d)
{
	struct result *r = d;
	char *left = is_quiz(r) ? xasprintf(_("Result: %s"), flow_lesson(r->f)->title)
				: xstrdup(_("Review finished"));
	tui_title(t, left, NULL);
	free(left);
	build(r, tui_width(t));
	r->v.sel = r->sum.nmissed ? (int)r->sel : -1;
	view_draw(&r->v, t, 2, 1, tui_rows(t) - 4);
	if (r->sum.nmissed == 0)
		tui_cursor(t, 2, 1);
}

static void go_next(struct tui *t, struct result *r)
{
	const struct lesson *l = next_lesson(r);
	const struct course *c = flow_course(r->f);
	tui_pop(t);		/* frees r */
	reader_open(t, c, l, session_resume_page(tui_session(t), c, l), false);
}

static void enter(struct tui *t, struct result *r)
{
	if (r->sum.nmissed > 0) {
		const struct flow_missed *m = &r->sum.missed[r->sel];
		if (m->page)
			reader_open(t, m->course, m->lesson, m->page_index, true);
		else
			tui_say(t, flow_no_page_text());
	} else if (next_lesson(r)) {
		go_next(t, r);
	} else {
		if (is_quiz(r))
			tui_say(t, flow_last_lesson_text());
		tui_pop(t);
	}
}

static void result_act(struct tui *t, void *d, int action, int ch)
{
	struct result *r = d;
	(void)ch;
	switch (action) {
	case DO_DOWN: r->sel = (size_t)view_step(&r->v, (int)r->sum.nmissed, 1); break;
	case DO_UP: r->sel = (size_t)view_step(&r->v, (int)r->sum.nmissed, -1); break;
	case DO_ENTER: enter(t, r); break;
	case DO_NEXT: go_next(t, r); break;
	case DO_RETRY: quiz_replace(t, flow_course(r->f), flow_lesson(r->f)); break;
	case DO_BACK: tui_pop(t); break;
	}
}

static bool result_enabled(const void *d, int action)
{
	const struct result *r = d;
	switch (action) {
	case DO_DOWN: return r->sel + 1 < r->sum.nmissed || !view_at_end(&r->v);
	case DO_UP: return r->sel > 0;
	case DO_NEXT: return next_lesson(r) != NULL;
	case DO_RETRY: return is_quiz(r);
	default: return true;
	}
}

static const char *result_label(const void *d, int action)
{
	const struct result *r = d;
	if (action != DO_ENTER || r->sum.nmissed > 0)
		return NULL;
	return next_lesson(r) ? NC_("key bar", "next lesson") : N_("back");
}

static void result_free(void *d)
{
	struct result *r = d;
	flow_summary_free(&r->sum);
	flow_free(r->f);
	view_free(&r->v);
	free(r);
}

static const struct screen_ops result_ops = {
	.name = "result", .keys = result_keys, .draw = result_draw,
	.act = result_act, .enabled = result_enabled, .label = result_label,
	.free = result_free,
};

void result_replace(struct tui *t, struct flow *f)
{
	struct result *r = xcalloc(1, sizeof *r);
	r->s = tui_session(t);
	r->f = f;
	flow_summarize(f, &r->sum);
	r->v.sel = 0;	/* selected, but the score stays in sight first */
	tui_replace(t, &result_ops, r);
}
