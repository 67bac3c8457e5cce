/* reader.c - reading a lesson page by page. Enter shows the rest of a page
 * before it turns it, as more does, so no text is skipped unseen. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	struct session *s;
	const struct course *c;
	const struct lesson *l;
	size_t page;
	bool reread;		/* opened to re-read: Enter at the end goes back */
	struct view v;
};

enum { DO_DOWN = 1, DO_UP, DO_PGDN, DO_PGUP, DO_TOP, DO_BOTTOM, DO_NEXT, DO_PREV,
       DO_ENTER, DO_SOURCES, DO_QUIZ, DO_BACK };

static const struct binding reader_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_ANY_ENTER, DO_ENTER, N_("Enter"), N_("next"), N_("the rest of the page, then the next page (after the last, the quiz)"), KEEP_ALWAYS },
	{ ' ', DO_ENTER, N_("Space"), NULL, NULL, 0 },
	{ KEY_DOWN, DO_DOWN, N_("Down"), NULL, N_("scroll down a line"), 0 },
	{ 'j', DO_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("scroll up a line"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ KEY_NPAGE, DO_PGDN, N_("PgDn"), NULL, N_("scroll down a screen"), 0 },
	{ 'f', DO_PGDN, "f", NULL, NULL, 0 },
	{ 'b', DO_PGUP, "b", NULL, N_("scroll up a screen"), 0 },
	{ KEY_PPAGE, DO_PGUP, N_("PgUp"), NULL, NULL, 0 },
	{ 'g', DO_TOP, "g", NULL, N_("top of the page"), 0 },
	{ KEY_HOME, DO_TOP, N_("Home"), NULL, NULL, 0 },
	{ 'G', DO_BOTTOM, "G", NULL, N_("bottom of the page"), 0 },
	{ KEY_END, DO_BOTTOM, N_("End"), NULL, NULL, 0 },
	{ 'n', DO_NEXT, "n", N_("next page"), N_("next page"), 2 },
	{ KEY_RIGHT, DO_NEXT, N_("Right"), NULL, NULL, 0 },
	{ 'l', DO_NEXT, "l", NULL, NULL, 0 },
	{ 'p', DO_PREV, "p", N_("previous"), N_("previous page"), 1 },
	{ KEY_LEFT, DO_PREV, N_("Left"), NULL, NULL, 0 },
	{ 'h', DO_PREV, "h", NULL, NULL, 0 },
	{ 's', DO_SOURCES, "s", N_("sources"), N_("the sources for this page"), 3 },
	{ 'z', DO_QUIZ, "z", N_("quiz"), N_("go straight to the quiz"), 0 },
	{ 'q', DO_BACK, "q", N_("back"), N_("back (your page is kept)"), KEEP_ALWAYS },
	{ KEY_ESC, DO_BACK, N_("Esc"), NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static const struct page *cur_page(const struct reader *r)
{
	return &r->l->pages[r->page];
}

static bool last_page(const struct reader *r)
{
	return r->page + 1 >= r->l->npages;
}

static void build(struct reader *r, int w)
{
	view_begin(&r->v, w);
	view_markup(&r->v, cur_page(r)->text, 0, -1);
	if (last_page(r) && !r->reread && r->l->quiz.nquestions > 0) {
		size_t n = r->l->quiz.nquestions;
		char *end = xasprintf(ngettext("End of the lesson. Press Enter for the quiz (%zu question).",
					       "End of the lesson. Press Enter for the quiz (%zu questions).",
					       n), n);
		view_blank(&r->v);
		view_add(&r->v, end, A_BOLD, -1, 0, 0);
		free(end);
	}
}

/* The page heading, and how far into the page the window reaches at the
 * right end of its row when the page does not fit: a scroll changes a digit
 * or two there, in plain attributes, and not the coloured title bar. */
static void draw_heading(struct tui *t, struct reader *r, int h)
{
	int w = tui_width(t), pw = 0;
	int pct = view_percent(&r->v, h);
	if (pct < 100) {
		/* TRANSLATORS: how far into a long page the reader is, on the
		 * row of the page heading, e.g. "22%". */
		char *p = xasprintf(_("%d%%"), pct);
		pw = utf8_strwidth(p, strlen(p));
		tui_put(1, 1 + w - pw, p, pw, 0);
		free(p);
	}
	tui_put(1, 1, cur_page(r)->title, pw ? w - pw - 1 : w, A_BOLD | A_UNDERLINE);
}

static void reader_draw(struct tui *t, void *d)
{
	struct reader *r = d;
	int h = tui_rows(t) - 4;
	build(r, tui_width(t));
	char *left = xasprintf("%s / %s", r->c->title, r->l->title);
	char *right = xasprintf(_("page %zu of %zu"), r->page + 1, r->l->npages);
	tui_title(t, left, right);
	free(left);
	free(right);
	draw_heading(t, r, h);
	view_draw(&r->v, t, 2, 1, h);
	tui_cursor(t, 1, 1);
}

static void turn(struct reader *r, size_t page)
{
	r->page = page;
	view_top(&r->v, 0);
	r->v.width = 0;		/* a new page: nothing to keep */
	session_visit(r->s, r->c, r->l, page);
}

static void sources(struct tui *t, const struct reader *r)
{
	char *body = course_cites(r->c, &cur_page(r)->sources);
	overlay_open(t, _("Sources for this page"),
		     body ? body : _("This page names no sources. The course's sources "
				     "are listed on its other pages."));
	free(body);
}

static void enter(struct tui *t, struct reader *r)
{
	if (!view_at_end(&r->v))
		view_scroll(&r->v, r->v.height > 1 ? r->v.height - 1 : 1);
	else if (r->reread)
		tui_pop(t);
	else if (!last_page(r))
		turn(r, r->page + 1);
	else if (r->l->quiz.nquestions > 0)
		quiz_replace(t, r->c, r->l);
	else
		tui_pop(t);
}

static void reader_act(struct tui *t, void *d, int action, int ch)
{
	struct reader *r = d;
	int screen = r->v.height > 1 ? r->v.height - 1 : 1;
	(void)ch;
	switch (action) {
	case DO_DOWN: view_scroll(&r->v, 1); break;
	case DO_UP: view_scroll(&r->v, -1); break;
	case DO_PGDN: view_scroll(&r->v, screen); break;
	case DO_PGUP: view_scroll(&r->v, -screen); break;
	case DO_TOP: view_top(&r->v, 0); break;
	case DO_BOTTOM: view_scroll(&r->v, (int)r->v.rows.n); break;
	case DO_NEXT: turn(r, r->page + 1); break;
	case DO_PREV: turn(r, r->page - 1); break;
	case DO_ENTER: enter(t, r); break;
	case DO_SOURCES: sources(t, r); break;
	case DO_QUIZ: quiz_replace(t, r->c, r->l); break;
	case DO_BACK: tui_pop(t); break;
	}
}

static bool reader_enabled(const void *d, int action)
{
	const struct reader *r = d;
	switch (action) {
	case DO_DOWN: case DO_PGDN: case DO_BOTTOM: return !view_at_end(&r->v);
	case DO_UP: case DO_PGUP: case DO_TOP: return r->v.top > 0;
	case DO_NEXT: return !last_page(r);
	case DO_PREV: return r->page > 0;
	case DO_QUIZ: return !r->reread && r->l->quiz.nquestions > 0;
	default: return true;
	}
}

static const char *reader_label(const void *d, int action)
{
	const struct reader *r = d;
	if (action == DO_NEXT && view_at_end(&r->v) && !r->reread)
		return "";	/* Enter says it */
	if (action != DO_ENTER)
		return NULL;
	if (!view_at_end(&r->v))
		return N_("more");
	if (r->reread)
		return N_("back");
	if (!last_page(r))
		return N_("next page");
	return r->l->quiz.nquestions > 0 ? N_("quiz") : N_("back");
}

static void reader_free(void *d)
{
	struct reader *r = d;
	view_free(&r->v);
	free(r);
}

static const struct screen_ops reader_ops = {
	.name = "reader", .keys = reader_keys, .draw = reader_draw,
	.act = reader_act, .enabled = reader_enabled, .label = reader_label,
	.free = reader_free,
};

void reader_open(struct tui *t, const struct course *c, const struct lesson *l,
		 size_t page, bool reread)
{
	struct reader *r = xcalloc(1, sizeof *r);
	r->s = tui_session(t);
	r->c = c;
	r->l = l;
	r->reread = reread;
	r->v.sel = -1;
	turn(r, page < l->npages ? page : 0);
	tui_push(t, &reader_ops, r);
}
