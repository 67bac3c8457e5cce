/* quiz.c - asking a quiz or review question and showing the verdict. The
 * run itself (order, scoring, recording, what comes next) is the core's
 * flow; this screen draws it and maps keys to it. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

struct asking {
	struct flow *f;
	size_t cursor;		/* highlighted slot */
	unsigned marks;		/* marked slots (choose all) */
	bool leaving;		/* asked "leave the quiz?" */
	struct view v;
};

enum { DO_DOWN = 1, DO_UP, DO_PGDN, DO_PGUP, DO_DIGIT, DO_TRUE, DO_FALSE, DO_MARK,
       DO_ENTER, DO_NEXT, DO_REREAD, DO_SOURCES, DO_LEAVE };

static const struct binding quiz_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_DOWN, DO_DOWN, N_("Down"), N_("move"), N_("next choice (after answering: scroll)"), 4 },
	{ 'j', DO_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("previous choice (after answering: scroll)"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ KEY_NPAGE, DO_PGDN, N_("PgDn"), NULL, N_("scroll down a screen"), 0 },
	{ KEY_PPAGE, DO_PGUP, N_("PgUp"), NULL, N_("scroll up a screen"), 0 },
	{ '1', DO_DIGIT, "1-9", N_("select"), N_("select that choice (choose all: mark or unmark it)"), 3 },
	{ '2', DO_DIGIT, NULL, NULL, NULL, 0 }, { '3', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '4', DO_DIGIT, NULL, NULL, NULL, 0 }, { '5', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '6', DO_DIGIT, NULL, NULL, NULL, 0 }, { '7', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '8', DO_DIGIT, NULL, NULL, NULL, 0 }, { '9', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ 't', DO_TRUE, "t", NULL, N_("select True (true-false questions)"), 0 },
	{ 'f', DO_FALSE, "f", NULL, N_("select False (true-false questions)"), 0 },
	{ ' ', DO_MARK, N_("Space"), N_("mark"), N_("mark or unmark the highlighted choice (choose all)"), 5 },
	{ KEY_ANY_ENTER, DO_ENTER, N_("Enter"), N_("answer"), N_("answer with your selection; after answering, the next question"), KEEP_ALWAYS },
	{ 'n', DO_NEXT, "n", NULL, N_("next question (after answering)"), 0 },
	{ KEY_RIGHT, DO_NEXT, N_("Right"), NULL, NULL, 0 },
	{ 'r', DO_REREAD, "r", N_("re-read"), N_("re-read the page this question is about (after answering)"), 6 },
	{ 's', DO_SOURCES, "s", N_("sources"), N_("the sources for this question"), 1 },
	{ 'q', DO_LEAVE, "q", N_("leave"), N_("leave the quiz (asks first)"), KEEP_ALWAYS },
	{ KEY_ESC, DO_LEAVE, N_("Esc"), NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static const struct question *question(const struct asking *z)
{
	return flow_question(z->f);
}

static bool answered(const struct asking *z)
{
	return flow_answered(z->f);
}

static void build(struct asking *z, int w)
{
	const struct question *q = question(z);
	struct flow_lines l = { 0 };
	view_begin(&z->v, w);
	if (answered(z)) {
		flow_verdict_lines(z->f, &l);
		view_lines(&z->v, &l);
		flow_lines_free(&l);
		view_blank(&z->v);
	}
	view_add(&z->v, q->prompt, A_BOLD, -1, 0, 0);
	if (q->kind == KIND_MULTIPLE && !answered(z))
		view_add(&z->v, _("Choose every right answer: Space marks, Enter submits."),
			 A_DIM, -1, 0, 0);
	view_blank(&z->v);
	flow_choice_lines(z->f, q->kind == KIND_MULTIPLE ? z->marks : 1u << z->cursor,
			  true, &l);
	view_lines(&z->v, &l);
	flow_lines_free(&l);
}

static void quiz_draw(struct tui *t, void *d)
{
	struct asking *z = d;
	const struct lesson *l = flow_lesson(z->f);
	char *left = xasprintf(flow_mode(z->f) == FLOW_REVIEW ? _("Review: %s") : _("Quiz: %s"),
			       l->title);
	char *right = flow_position_text(z->f);
	tui_title(t, left, right);
	free(left);
	free(right);
	build(z, tui_width(t));
	z->v.sel = answered(z) ? -1 : (int)z->cursor;
	view_draw(&z->v, t, 2, 1, tui_rows(t) - 4);
}

static void start_question(struct asking *z)
{
	z->cursor = 0;
	z->marks = 0;
	view_top(&z->v, 0);
	view_select(&z->v, 0);
}

static void submit(struct tui *t, struct asking *z)
{
	bool many = question(z)->kind == KIND_MULTIPLE;
	if (many && z->marks == 0) {
		tui_say(t, _("Mark at least one answer with Space, then press Enter."));
		return;
	}
	if (flow_answer(z->f, many ? z->marks : 1u << z->cursor) == 0) {
		view_top(&z->v, 0);
		z->v.sel = -1;
	}
}

static void next(struct tui *t, struct asking *z)
{
	if (flow_next(z->f)) {
		start_question(z);
		return;
	}
	struct flow *f = z->f;
	z->f = NULL;		/* the result screen takes the run */
	result_replace(t, f);
}

static void pick(struct asking *z, size_t k)
{
	if (k >= question(z)->nchoices)
		return;
	z->cursor = k;
	if (question(z)->kind == KIND_MULTIPLE)
		z->marks ^= 1u << k;
	view_select(&z->v, (int)k);
}

static void reread(struct tui *t, struct asking *z)
{
	struct flow_verdict v;
	flow_verdict(z->f, &v);
	if (v.page)
		reader_open(t, flow_course(z->f), flow_lesson(z->f), v.page_index, true);
}

static void sources(struct tui *t, const struct asking *z)
{
	char *body = course_cites(flow_course(z->f), &question(z)->sources);
	overlay_open(t, _("Sources for this question"),
		     body ? body : _("This question names no sources."));
	free(body);
}

static void step(struct asking *z, int delta)
{
	if (answered(z)) {
		view_scroll(&z->v, delta);
		return;
	}
	size_t n = question(z)->nchoices;
	if (delta > 0 && z->cursor + 1 < n)
		z->cursor++;
	else if (delta < 0 && z->cursor > 0)
		z->cursor--;
	view_select(&z->v, (int)z->cursor);
}

static void quiz_act(struct tui *t, void *d, int action, int ch)
{
	struct asking *z = d;
	int screen = z->v.height > 1 ? z->v.height - 1 : 1;
	if (z->leaving) {
		z->leaving = false;
		if (ch == 'y' || ch == 'Y')
			tui_pop(t);
		return;
	}
	switch (action) {
	case DO_DOWN: step(z, 1); break;
	case DO_UP: step(z, -1); break;
	case DO_PGDN: view_scroll(&z->v, screen); break;
	case DO_PGUP: view_scroll(&z->v, -screen); break;
	case DO_DIGIT: pick(z, (size_t)(ch - '1')); break;
	case DO_TRUE: pick(z, 0); break;
	case DO_FALSE: pick(z, 1); break;
	case DO_MARK: pick(z, z->cursor); break;
	case DO_ENTER:
		if (answered(z))
			next(t, z);
		else
			submit(t, z);
		break;
	case DO_NEXT: next(t, z); break;
	case DO_REREAD: reread(t, z); break;
	case DO_SOURCES: sources(t, z); break;
	case DO_LEAVE: z->leaving = true; break;
	}
}

static bool quiz_enabled(const void *d, int action)
{
	const struct asking *z = d;
	const struct question *q = question(z);
	struct flow_verdict v;
	switch (action) {
	case DO_DIGIT: case DO_MARK: return !answered(z) && (action != DO_MARK || q->kind == KIND_MULTIPLE);
	case DO_TRUE: case DO_FALSE: return !answered(z) && q->kind == KIND_TRUE_FALSE;
	case DO_NEXT: return answered(z);
	case DO_DOWN: return !answered(z) || !view_at_end(&z->v);
	case DO_PGDN: return !view_at_end(&z->v);
	case DO_PGUP: return z->v.top > 0;
	case DO_REREAD:
		if (!answered(z))
			return false;
		flow_verdict(z->f, &v);
		return v.page != NULL;
	default: return true;
	}
}

static const char *quiz_label(const void *d, int action)
{
	const struct asking *z = d;
	if (action == DO_ENTER && answered(z))
		return flow_pos(z->f) + 1 < flow_count(z->f) ? N_("next") : N_("result");
	if (action == DO_DOWN && answered(z))
		return N_("scroll");
	return NULL;
}

static const char *quiz_asking(const void *d)
{
	const struct asking *z = d;
	/* TRANSLATORS: y and n are the keys that answer (y: leave); keep them. */
	return z->leaving ? _("Leave? (y/n) Your answers so far are kept for review.") : NULL;
}

static void quiz_free(void *d)
{
	struct asking *z = d;
	flow_free(z->f);
	view_free(&z->v);
	free(z);
}

static const struct screen_ops quiz_ops = {
	.name = "quiz", .keys = quiz_keys, .draw = quiz_draw, .act = quiz_act,
	.enabled = quiz_enabled, .label = quiz_label, .asking = quiz_asking,
	.free = quiz_free,
};

static struct asking *quiz_new(struct flow *f)
{
	struct asking *z = xcalloc(1, sizeof *z);
	z->f = f;
	z->v.sel = -1;
	start_question(z);
	return z;
}

void quiz_replace(struct tui *t, const struct course *c, const struct lesson *l)
{
	struct session *s = tui_session(t);
	if (flow_quiz_interrupted(s, c, l))
		tui_say(t, flow_restart_text());
	tui_replace(t, &quiz_ops, quiz_new(flow_quiz(s, c, l)));
}

void review_open(struct tui *t)
{
	struct flow *f = flow_review(tui_session(t));
	if (!f) {
		tui_say(t, flow_nothing_due_text());
		return;
	}
	tui_push(t, &quiz_ops, quiz_new(f));
}
