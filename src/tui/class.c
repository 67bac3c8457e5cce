/* class.c - the class screen: the trainees who handed in to the class
 * folder, as a table that scrolls and sorts by name, score or last
 * activity. The figures come from the same code as rollwise report. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/class.h"
#include "core/xalloc.h"

#include <curses.h>
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
       DO_BACK };

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
