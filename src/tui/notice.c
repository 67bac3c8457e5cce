/* notice.c - the first-run notice: education, not medical advice. It is
 * recorded as read only once its end has been on screen. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

struct notice {
	struct view v;
	bool reached_end;
};

enum { DO_MORE = 1, DO_UP, DO_QUIT };

static const struct binding notice_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_ANY_ENTER, DO_MORE, N_("Enter"), N_("continue"), N_("read on; at the end, continue"), KEEP_ALWAYS },
	{ ' ', DO_MORE, N_("Space"), NULL, NULL, 0 },
	{ KEY_DOWN, DO_MORE, N_("Down"), NULL, NULL, 0 },
	{ KEY_NPAGE, DO_MORE, N_("PgDn"), NULL, NULL, 0 },
	{ 'j', DO_MORE, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("scroll back"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ 'q', DO_QUIT, "q", N_("quit"), N_("quit"), KEEP_ALWAYS },
	{ KEY_ESC, DO_QUIT, N_("Esc"), NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static void notice_draw(struct tui *t, void *d)
{
	struct notice *n = d;
	tui_title(t, _("Welcome to rollwise"), NULL);
	view_begin(&n->v, tui_width(t));
	view_markup(&n->v, flow_notice_text(), 0, -1);
	view_draw(&n->v, t, 2, 1, tui_rows(t) - 4);
	if (view_at_end(&n->v))
		n->reached_end = true;
	tui_cursor(t, 2, 1);
}

static void notice_act(struct tui *t, void *d, int action, int ch)
{
	struct notice *n = d;
	(void)ch;
	if (action == DO_UP) {
		view_scroll(&n->v, -1);
	} else if (action == DO_MORE && !view_at_end(&n->v)) {
		view_scroll(&n->v, n->v.height > 1 ? n->v.height - 1 : 1);
	} else if (action == DO_MORE) {
		flow_notice_read(tui_session(t));
		tui_pop(t);
	} else if (action == DO_QUIT) {
		if (n->reached_end)
			flow_notice_read(tui_session(t));
		tui_quit(t);
	}
}

static bool notice_enabled(const void *d, int action)
{
	const struct notice *n = d;
	return action != DO_UP || n->v.top > 0;
}

static const char *notice_label(const void *d, int action)
{
	const struct notice *n = d;
	return action == DO_MORE && !view_at_end(&n->v) ? N_("read on") : NULL;
}

static void notice_free(void *d)
{
	struct notice *n = d;
	view_free(&n->v);
	free(n);
}

static const struct screen_ops notice_ops = {
	.name = "notice", .keys = notice_keys, .draw = notice_draw,
	.act = notice_act, .enabled = notice_enabled, .label = notice_label,
	.free = notice_free,
};

void notice_open(struct tui *t)
{
	struct notice *n = xcalloc(1, sizeof *n);
	n->v.sel = -1;
	tui_push(t, &notice_ops, n);
}
