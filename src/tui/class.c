/* class.c - the class screen: the trainees who handed in to the class
 * folder, as a table that scrolls and sorts by name, score or last
 * activity; and the class report (each trainee's quizzes, each question's
 * statistics, each quiz's), a wide table that scrolls both ways as less -S
 * does. The figures come from the same code as rollwise report. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/class.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum sort { BY_NAME, BY_SCORE, BY_LAST };

struct class_screen {
	struct session *s;
	char *dir;
	struct class_row *rows;
	long n;
	size_t skipped;
	enum sort sort;
	struct view v;
	int sel;
};

enum { DO_DOWN = 1, DO_UP, DO_FIRST, DO_LAST, DO_NAME, DO_SCORE, DO_LAST_ACTIVE, DO_RELOAD,
       DO_REPORT, DO_BACK };

static const struct binding class_keys[] = {
	{ KEY_DOWN, DO_DOWN, N_("Down"), NULL, N_("next trainee"), 0 },
	{ 'j', DO_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("previous trainee"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ KEY_HOME, DO_FIRST, N_("Home"), NULL, N_("first trainee"), 0 },
	{ 'g', DO_FIRST, "g", NULL, NULL, 0 },
	{ KEY_END, DO_LAST, N_("End"), NULL, N_("last trainee"), 0 },
	{ 'G', DO_LAST, "G", NULL, NULL, 0 },
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ 'n', DO_NAME, "n", N_("by name"), N_("sort by name"), 2 },
	{ 's', DO_SCORE, "s", N_("by score"), N_("sort by first-attempt score, lowest first"), 3 },
	{ 'a', DO_LAST_ACTIVE, "a", N_("by activity"), N_("sort by last activity, oldest first"), 1 },
	{ 'r', DO_REPORT, "r", N_("report"), N_("the report: each trainee's quizzes, each question's and each quiz's statistics"), 4 },
	{ KEY_CTRL('r'), DO_RELOAD, "Ctrl-R", NULL, N_("read the hand-ins again"), 0 },
	{ 'q', DO_BACK, "q", N_("back"), N_("back to the courses"), KEEP_ALWAYS },
	{ KEY_ESC, DO_BACK, N_("Esc"), NULL, NULL, 0 },
	{ KEY_LEFT, DO_BACK, N_("Left"), NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct class_row *)a)->login, ((const struct class_row *)b)->login);
}

static int by_score(const void *a, const void *b)
{
	const struct class_row *x = a, *y = b;
	if (x->mean_first != y->mean_first)
		return x->mean_first < y->mean_first ? -1 : 1;
	return by_name(a, b);
}

static int by_last(const void *a, const void *b)
{
	const struct class_row *x = a, *y = b;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return by_name(a, b);
}

static void sort_rows(struct class_screen *cs)
{
	int (*cmp[])(const void *, const void *) = { by_name, by_score, by_last };
	if (cs->n > 1)
		qsort(cs->rows, (size_t)cs->n, sizeof *cs->rows, cmp[cs->sort]);
}

static void load(struct class_screen *cs, struct tui *t)
{
	char *err = NULL;
	class_rows_free(cs->rows, cs->n);
	cs->rows = NULL;
	cs->n = class_rows(cs->dir, &cs->s->cat, &cs->rows, &cs->skipped, &err);
	if (cs->n < 0) {
		cs->n = 0;
		tui_say(t, err);
		free(err);
	}
	sort_rows(cs);
}

static void build(struct class_screen *cs, int w)
{
	/* narrow: a shorter name column and the date without the time */
	bool narrow = w < 50;
	int lw = 7;
	for (long i = 0; i < cs->n; i++) {
		int n = (int)strlen(cs->rows[i].login);
		if (n > lw)
			lw = n;
	}
	if (lw > (narrow ? 10 : 16))
		lw = narrow ? 10 : 16;
	view_begin(&cs->v, w);
	/* TRANSLATORS: column headings of the class screen; PASSED at most 6
	 * columns, FIRST (the first-attempt score) at most 5, TRAINEE at most 7. */
	char *head = xasprintf("%-*s %-6s %-5s %s", lw, _("TRAINEE"), _("PASSED"), _("FIRST"),
			       narrow ? _("LAST") : _("LAST ACTIVITY"));
	view_row(&cs->v, head, A_BOLD, -1);
	free(head);
	if (cs->n == 0)
		view_add(&cs->v, _("Nobody has handed in yet. Trainees hand in with "
			 "rollwise submit, or h on their course menu."), 0, -1, 0, 0);
	for (long i = 0; i < cs->n; i++) {
		const struct class_row *r = &cs->rows[i];
		char last[21] = "-", first[16] = "-", passed[48];
		if (r->last)
			progress_format_time(r->last, last);
		if (r->last) {		/* a date and a time, or the date */
			last[10] = ' ';
			last[narrow ? 10 : 16] = '\0';
		}
		if (r->mean_first >= 0)
			snprintf(first, sizeof first, "%d%%", r->mean_first);
		snprintf(passed, sizeof passed, "%zu/%zu", r->passed, r->lessons);
		char *line = xasprintf("%-*.*s %-6s %-5s %s%s%s%s", lw, lw, r->login, passed, first,
				       last, r->mismatch ? _("  scores do not match the answers") : "",
				       r->unchecked ? _("  scores unchecked") : "",
				       r->outdated ? _("  older course version") : "");
		view_row(&cs->v, line, 0, (int)i);
		free(line);
	}
	if (cs->skipped) {
		view_blank(&cs->v);
		char *s = xasprintf(ngettext("%zu hand-in could not be used; rollwise report says why.",
					     "%zu hand-ins could not be used; rollwise report says why.",
					     cs->skipped), cs->skipped);
		view_add(&cs->v, s, A_DIM, -1, 0, 0);
		free(s);
	}
}

static void class_draw(struct tui *t, void *d)
{
	struct class_screen *cs = d;
	static const char *const sorted[] = { N_("by name"), N_("by first score"),
					      N_("by last activity") };
	char *right = xasprintf(ngettext("%ld trainee, %s", "%ld trainees, %s",
					 (unsigned long)cs->n), cs->n, _(sorted[cs->sort]));
	tui_title(t, _("Class"), right);
	free(right);
	build(cs, tui_width(t));
	cs->v.sel = cs->sel;
	view_draw(&cs->v, t, 2, 1, tui_rows(t) - 4);
}

/* The class report screen: rollwise report's text, line by line, never
 * wrapped (its tables would break), with a column offset for what is wider
 * than the terminal. */
struct report_screen {
	char **lines;
	size_t n;
	int wide;		/* the widest line, in columns */
	int left;		/* columns scrolled off to the left */
	struct view v;
};

enum { RE_DOWN = 1, RE_UP, RE_PGDN, RE_PGUP, RE_TOP, RE_BOTTOM, RE_RIGHT, RE_LEFT, RE_BACK };

static const struct binding report_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_DOWN, RE_DOWN, N_("Down"), N_("scroll"), N_("scroll down a line"), 1 },
	{ 'j', RE_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, RE_UP, N_("Up"), NULL, N_("scroll up a line"), 0 },
	{ 'k', RE_UP, "k", NULL, NULL, 0 },
	{ KEY_NPAGE, RE_PGDN, N_("PgDn"), NULL, N_("scroll down a screen"), 0 },
	{ ' ', RE_PGDN, N_("Space"), NULL, NULL, 0 },
	{ KEY_PPAGE, RE_PGUP, N_("PgUp"), NULL, N_("scroll up a screen"), 0 },
	{ 'b', RE_PGUP, "b", NULL, NULL, 0 },
	{ KEY_HOME, RE_TOP, N_("Home"), NULL, N_("top of the report"), 0 },
	{ 'g', RE_TOP, "g", NULL, NULL, 0 },
	{ KEY_END, RE_BOTTOM, N_("End"), NULL, N_("end of the report"), 0 },
	{ 'G', RE_BOTTOM, "G", NULL, NULL, 0 },
	{ KEY_RIGHT, RE_RIGHT, N_("Right"), N_("more columns"), N_("show the columns to the right"), 2 },
	{ 'l', RE_RIGHT, "l", NULL, NULL, 0 },
	{ KEY_LEFT, RE_LEFT, N_("Left"), NULL, N_("show the columns to the left"), 0 },
	{ 'h', RE_LEFT, "h", NULL, NULL, 0 },
	{ 'q', RE_BACK, "q", N_("back"), N_("back to the class"), KEEP_ALWAYS },
	{ KEY_ESC, RE_BACK, N_("Esc"), NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

/* s past its first cols columns (a wide character cut in two goes whole). */
static const char *skip_columns(const char *s, int cols)
{
	size_t len = strlen(s);
	while (cols > 0 && *s) {
		uint32_t cp;
		size_t k = utf8_decode(s, len, &cp);
		if (k == 0)
			k = 1;
		int w = utf8_width(cp);
		cols -= w > 0 ? w : 0;
		s += k;
		len -= k;
	}
	return s;
}

static void report_draw(struct tui *t, void *d)
{
	struct report_screen *rs = d;
	int w = tui_width(t), h = tui_rows(t) - 4;
	int most = rs->wide > w ? rs->wide - w : 0;
	if (rs->left > most)
		rs->left = most;
	char *right = rs->left > 0 ? xasprintf(_("from column %d"), rs->left + 1) : NULL;
	tui_title(t, _("Class report"), right ? right : "");
	free(right);
	view_begin(&rs->v, w);
	for (size_t i = 0; i < rs->n; i++)
		view_row(&rs->v, skip_columns(rs->lines[i], rs->left), 0, -1);
	view_draw(&rs->v, t, 2, 1, h);
	tui_cursor(t, 2, 1);
}

static void report_act(struct tui *t, void *d, int action, int ch)
{
	struct report_screen *rs = d;
	int screen = rs->v.height > 1 ? rs->v.height - 1 : 1;
	int step = tui_width(t) / 2 > 8 ? tui_width(t) / 2 : 8;
	(void)ch;
	switch (action) {
	case RE_DOWN: view_scroll(&rs->v, 1); break;
	case RE_UP: view_scroll(&rs->v, -1); break;
	case RE_PGDN: view_scroll(&rs->v, screen); break;
	case RE_PGUP: view_scroll(&rs->v, -screen); break;
	case RE_TOP: view_top(&rs->v, 0); break;
	case RE_BOTTOM: view_scroll(&rs->v, (int)rs->n); break;
	case RE_RIGHT: rs->left += step; break;
	case RE_LEFT: rs->left = rs->left > step ? rs->left - step : 0; break;
	case RE_BACK: tui_pop(t); break;
	}
}

static bool report_enabled(const void *d, int action)
{
	const struct report_screen *rs = d;
	int w = COLS - 2;
	switch (action) {
	case RE_DOWN: case RE_PGDN: case RE_BOTTOM: return !view_at_end(&rs->v);
	case RE_UP: case RE_PGUP: case RE_TOP: return rs->v.top > 0;
	case RE_RIGHT: return rs->left + w < rs->wide;
	case RE_LEFT: return rs->left > 0;
	default: return true;
	}
}

static void report_free(void *d)
{
	struct report_screen *rs = d;
	for (size_t i = 0; i < rs->n; i++)
		free(rs->lines[i]);
	free(rs->lines);
	view_free(&rs->v);
	free(rs);
}

static const struct screen_ops report_ops = {
	.name = "class report", .keys = report_keys, .draw = report_draw,
	.act = report_act, .enabled = report_enabled, .free = report_free,
};

/* Opens the report of dir's hand-ins, as rollwise report DIR gives it. */
static void report_open(struct tui *t, const char *dir)
{
	char *buf = NULL, *err = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);
	if (!fp)
		xalloc_fail();	/* its only failure is memory */
	int st = class_report(fp, dir, &tui_session(t)->cat, NULL, EXPORT_TEXT, &err);
	if (fclose(fp) != 0 && st == 0)
		xalloc_fail();
	if (st != 0) {
		tui_say(t, err);
		free(err);
		free(buf);
		return;
	}
	struct report_screen *rs = xcalloc(1, sizeof *rs);
	rs->v.sel = -1;
	for (char *line = buf, *end; line && *line; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		char *safe = text_sanitize(line);
		int w = utf8_strwidth(safe, strlen(safe));
		if (w > rs->wide)
			rs->wide = w;
		rs->lines = xreallocarray(rs->lines, rs->n + 1, sizeof *rs->lines);
		rs->lines[rs->n++] = safe;
	}
	free(buf);
	tui_push(t, &report_ops, rs);
}

static void class_act(struct tui *t, void *d, int action, int ch)
{
	struct class_screen *cs = d;
	(void)ch;
	switch (action) {
	case DO_DOWN: cs->sel = view_step(&cs->v, (int)cs->n, 1); break;
	case DO_UP: cs->sel = view_step(&cs->v, (int)cs->n, -1); break;
	case DO_FIRST: cs->sel = 0; view_select(&cs->v, 0); break;
	case DO_LAST: cs->sel = (int)cs->n - 1; view_select(&cs->v, cs->sel); break;
	case DO_NAME: case DO_SCORE: case DO_LAST_ACTIVE:
		cs->sort = action == DO_NAME ? BY_NAME : action == DO_SCORE ? BY_SCORE : BY_LAST;
		sort_rows(cs);
		cs->sel = 0;
		view_select(&cs->v, 0);
		break;
	case DO_RELOAD: load(cs, t); break;
	case DO_REPORT: report_open(t, cs->dir); break;
	case DO_BACK: tui_pop(t); break;
	}
}

static bool class_enabled(const void *d, int action)
{
	const struct class_screen *cs = d;
	switch (action) {
	case DO_DOWN: case DO_LAST: return cs->sel + 1 < cs->n;
	case DO_UP: case DO_FIRST: return cs->sel > 0;
	case DO_NAME: return cs->n > 1 && cs->sort != BY_NAME;
	case DO_SCORE: return cs->n > 1 && cs->sort != BY_SCORE;
	case DO_LAST_ACTIVE: return cs->n > 1 && cs->sort != BY_LAST;
	default: return true;
	}
}

static void class_free(void *d)
{
	struct class_screen *cs = d;
	class_rows_free(cs->rows, cs->n);
	view_free(&cs->v);
	free(cs->dir);
	free(cs);
}

static const struct screen_ops class_ops = {
	.name = "class", .keys = class_keys, .draw = class_draw,
	.act = class_act, .enabled = class_enabled, .free = class_free,
};

void class_open(struct tui *t, const char *dir)
{
	struct class_screen *cs = xcalloc(1, sizeof *cs);
	cs->s = tui_session(t);
	cs->dir = xstrdup(dir);
	cs->v.sel = -1;
	load(cs, t);
	view_select(&cs->v, 0);
	tui_push(t, &class_ops, cs);
}
