/* overlay.c - a box over the screen beneath: the key help or a page's sources. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

struct overlay {
	char *title, *body;
	struct view v;
};

enum { DO_DOWN = 1, DO_UP, DO_PGDN, DO_PGUP, DO_CLOSE };

static const struct binding overlay_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_DOWN, DO_DOWN, N_("Down"), N_("scroll"), N_("scroll down a line"), 5 },
	{ 'j', DO_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("scroll up a line"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ ' ', DO_PGDN, N_("Space"), NULL, N_("scroll down a screen"), 0 },
	{ KEY_NPAGE, DO_PGDN, N_("PgDn"), NULL, NULL, 0 },
	{ 'b', DO_PGUP, "b", NULL, N_("scroll up a screen"), 0 },
	{ KEY_PPAGE, DO_PGUP, N_("PgUp"), NULL, NULL, 0 },
	{ 'q', DO_CLOSE, "q", N_("close"), N_("close this box"), KEEP_ALWAYS },
	{ KEY_ESC, DO_CLOSE, N_("Esc"), NULL, NULL, 0 },
	{ KEY_ANY_ENTER, DO_CLOSE, N_("Enter"), NULL, NULL, 0 },
	{ '?', DO_CLOSE, "?", NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static void draw_box(int y0, int x0, int h, int w)
{
	/* Clear the rows whole: nothing beneath shows beside the box. */
	for (int y = y0; y < y0 + h; y++)
		mvhline(y, 0, ' ', COLS);
	attron(A_BOLD);
	mvhline(y0, x0, ACS_HLINE, w);
	mvhline(y0 + h - 1, x0, ACS_HLINE, w);
	mvvline(y0, x0, ACS_VLINE, h);
	mvvline(y0, x0 + w - 1, ACS_VLINE, h);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvaddch(y0, x0 + w - 1, ACS_URCORNER);
	mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
	mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
	attroff(A_BOLD);
}

static void overlay_draw(struct tui *t, void *d)
{
	struct overlay *o = d;
	int cols = tui_cols(t), rows = tui_rows(t);
	int w = cols - 2 > 74 ? 74 : cols - 2;
	view_begin(&o->v, w - 5);
	view_markup(&o->v, o->body, 0, -1);
	int h = (int)o->v.rows.n + 2;
	if (h > rows - 3)
		h = rows - 3;
	int y0 = (rows - 1 - h) / 2, x0 = (cols - w) / 2;
	draw_box(y0, x0, h, w);
	/* Short of the column where the view marks more above. */
	tui_put(y0, x0 + 2, o->title, w - 6, A_BOLD | A_REVERSE);
	view_draw(&o->v, t, y0 + 1, x0 + 2, h - 2);
	tui_cursor(t, y0 + 1, x0 + 2);
}

static void overlay_act(struct tui *t, void *d, int action, int ch)
{
	struct overlay *o = d;
	(void)ch;
	int page = o->v.height > 1 ? o->v.height - 1 : 1;
	switch (action) {
	case DO_DOWN: view_scroll(&o->v, 1); break;
	case DO_UP: view_scroll(&o->v, -1); break;
	case DO_PGDN: view_scroll(&o->v, page); break;
	case DO_PGUP: view_scroll(&o->v, -page); break;
	case DO_CLOSE: tui_pop(t); break;
	}
}

static bool overlay_enabled(const void *d, int action)
{
	const struct overlay *o = d;
	if (action == DO_DOWN || action == DO_PGDN)
		return !view_at_end(&o->v);
	if (action == DO_UP || action == DO_PGUP)
		return o->v.top > 0;
	return true;
}

static void overlay_free(void *d)
{
	struct overlay *o = d;
	free(o->title);
	free(o->body);
	view_free(&o->v);
	free(o);
}

static const struct screen_ops overlay_ops = {
	.name = "box", .keys = overlay_keys, .draw = overlay_draw,
	.act = overlay_act, .enabled = overlay_enabled, .free = overlay_free,
	.overlay = true,
};

void overlay_open(struct tui *t, const char *title, const char *body)
{
	struct overlay *o = xcalloc(1, sizeof *o);
	o->title = xstrdup(title);
	o->body = xstrdup(body);
	o->v.sel = -1;
	tui_push(t, &overlay_ops, o);
}

void overlay_help(struct tui *t, const struct screen_ops *ops)
{
	char *body = keys_help(ops->keys, NULL, NULL);
	overlay_open(t, _("Keys"), body);
	free(body);
}
