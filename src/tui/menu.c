/* menu.c - the course menu: where to continue, then every course with its
 * summary and progress. */
#include "core/i18n.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "core/class.h"
#include "core/xalloc.h"

#include <curses.h>
#include <dirent.h>
#include <stdlib.h>

struct menu {
	struct session *s;
	struct view v;
	size_t sel;		/* item: 0 is "Continue" when there is a place */
	const struct course *chosen;	/* the selection, kept as items come and go;
					 * NULL for "Continue" */
	const char *class_dir;	/* ROLLWISE_CLASS, or NULL */
	bool class_readable;	/* the instructor's: its hand-ins can be read */
};

enum { DO_DOWN = 1, DO_UP, DO_FIRST, DO_LAST, DO_OPEN, DO_DIGIT, DO_CONTINUE, DO_REVIEW,
       DO_HANDIN, DO_CLASS, DO_QUIT };

static const struct binding menu_keys[] = {
	/* TRANSLATORS: the second string of each line is a key bar label:
	 * keep it short (a word or two); the third is the key's help. */
	{ KEY_DOWN, DO_DOWN, N_("Down"), N_("choose"), N_("next item"), 1 },
	{ 'j', DO_DOWN, "j", NULL, NULL, 0 },
	{ KEY_UP, DO_UP, N_("Up"), NULL, N_("previous item"), 0 },
	{ 'k', DO_UP, "k", NULL, NULL, 0 },
	{ KEY_HOME, DO_FIRST, N_("Home"), NULL, N_("first item"), 0 },
	{ 'g', DO_FIRST, "g", NULL, NULL, 0 },
	{ KEY_END, DO_LAST, N_("End"), NULL, N_("last item"), 0 },
	{ 'G', DO_LAST, "G", NULL, NULL, 0 },
	{ KEY_ANY_ENTER, DO_OPEN, N_("Enter"), N_("open"), N_("open the chosen item"), KEEP_ALWAYS },
	{ KEY_RIGHT, DO_OPEN, N_("Right"), NULL, NULL, 0 },
	{ 'l', DO_OPEN, "l", NULL, NULL, 0 },
	{ '1', DO_DIGIT, "1-9", NULL, N_("open course 1 to 9"), 0 },
	{ '2', DO_DIGIT, NULL, NULL, NULL, 0 }, { '3', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '4', DO_DIGIT, NULL, NULL, NULL, 0 }, { '5', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '6', DO_DIGIT, NULL, NULL, NULL, 0 }, { '7', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ '8', DO_DIGIT, NULL, NULL, NULL, 0 }, { '9', DO_DIGIT, NULL, NULL, NULL, 0 },
	{ 'c', DO_CONTINUE, "c", N_("continue"), N_("continue where you left off"), 3 },
	{ 'r', DO_REVIEW, "r", N_("review"), N_("review the questions that are due"), 2 },
	{ 'h', DO_HANDIN, "h", N_("hand in"), N_("hand your results in to the class folder"), 1 },
	{ 'C', DO_CLASS, "C", N_("class"), N_("the class: every trainee's hand-in"), 1 },
	{ 'q', DO_QUIT, "q", N_("quit"), N_("quit (your progress is saved)"), KEEP_ALWAYS },
	{ KEY_ESC, DO_QUIT, N_("Esc"), NULL, NULL, 0 },
	{ 0, 0, NULL, NULL, NULL, 0 },
};

static size_t ncourses(const struct menu *m)
{
	return m->s->cat.n;
}

/* Items: "Continue" first when there is a place, then the courses. */
static size_t first_course(const struct menu *m)
{
	struct flow_place p;
	return flow_continue(m->s, &p) ? 1 : 0;
}

static size_t nitems(const struct menu *m)
{
	return first_course(m) + ncourses(m);
}

static void add_course(struct menu *m, size_t i, int item)
{
	const struct course *c = m->s->cat.courses[i];
	char *title = xasprintf("%zu. %s", i + 1, c->title);
	view_add(&m->v, title, A_BOLD, item, 0, 3);
	free(title);
	if (*c->summary) {
		char *sum = text_ellipsize(c->summary, m->v.width - 3);
		view_add(&m->v, sum, A_DIM, item, 3, 3);
		free(sum);
	}
	char *st = flow_course_status(m->s, c);
	view_add(&m->v, st, 0, item, 3, 3);
	free(st);
}

/* What the learner must know about the courses found, then a blank row. */
static void add_notes(struct menu *m)
{
	struct flow_lines l = { 0 };
	flow_catalog_notes(&m->s->cat, &l);
	view_lines(&m->v, &l);
	if (l.n > 0)
		view_blank(&m->v);
	flow_lines_free(&l);
}

static void build(struct menu *m, int w)
{
	view_begin(&m->v, w);
	add_notes(m);
	struct flow_place p;
	int item = 0;
	if (flow_continue(m->s, &p)) {
		char *s = flow_continue_text(&p);
		view_add(&m->v, s, A_BOLD, item++, 0, 3);
		free(s);
		view_blank(&m->v);
	}
	for (size_t i = 0; i < ncourses(m); i++) {
		add_course(m, i, item++);
		if (i + 1 < ncourses(m))
			view_blank(&m->v);
	}
}

static void draw_empty(struct tui *t, struct menu *m, int w)
{
	view_begin(&m->v, w);
	add_notes(m);
	view_add(&m->v, flow_no_courses_text(), A_BOLD, -1, 0, 0);
	char *bad = flow_bad_files_text(m->s);
	if (bad) {
		view_blank(&m->v);
		view_add(&m->v, bad, 0, -1, 0, 0);
	}
	free(bad);
	view_draw(&m->v, t, 2, 1, tui_rows(t) - 4);
}

static void menu_draw(struct tui *t, void *d)
{
	struct menu *m = d;
	int w = tui_width(t);
	tui_title(t, _("rollwise: courses"), NULL);
	if (ncourses(m) == 0) {
		draw_empty(t, m, w);
		return;
	}
	char *sum = flow_menu_summary(m->s);
	tui_put(1, 1, sum, w, A_DIM);
	free(sum);
	build(m, w);
	char *bad = flow_bad_files_text(m->s);
	if (bad)	/* on the message line, until a message covers it */
		tui_put(tui_rows(t) - 2, 1, bad, w, A_DIM);
	free(bad);
	m->sel = 0;
	for (size_t i = 0; m->chosen && i < ncourses(m); i++)
		if (m->s->cat.courses[i] == m->chosen)
			m->sel = first_course(m) + i;
	m->v.sel = (int)m->sel;
	view_draw(&m->v, t, 2, 1, tui_rows(t) - 4);
}

static void remember(struct menu *m, size_t i);

static void open_item(struct tui *t, struct menu *m)
{
	struct flow_place p;
	remember(m, m->sel);
	if (m->sel == 0 && flow_continue(m->s, &p)) {
		lessons_open(t, p.course);
		reader_open(t, p.course, p.lesson, p.page, false);
		return;
	}
	lessons_open(t, m->s->cat.courses[m->sel - first_course(m)]);
}

/* Remembers the course at item i (or Continue). */
static void remember(struct menu *m, size_t i)
{
	size_t first = first_course(m);
	m->sel = i;
	m->chosen = i >= first ? m->s->cat.courses[i - first] : NULL;
}

static void select_item(struct menu *m, size_t i)
{
	remember(m, i);
	view_select(&m->v, (int)i);
}

static void menu_act(struct tui *t, void *d, int action, int ch)
{
	struct menu *m = d;
	size_t n = nitems(m);
	switch (action) {
	case DO_DOWN: remember(m, (size_t)view_step(&m->v, (int)n, 1)); break;
	case DO_UP: remember(m, (size_t)view_step(&m->v, (int)n, -1)); break;
	case DO_FIRST: select_item(m, 0); break;
	case DO_LAST: select_item(m, n - 1); break;
	case DO_OPEN: open_item(t, m); break;
	case DO_DIGIT:
		if ((size_t)(ch - '1') < ncourses(m)) {
			select_item(m, first_course(m) + (size_t)(ch - '1'));
			open_item(t, m);
		}
		break;
	case DO_CONTINUE: select_item(m, 0); open_item(t, m); break;
	case DO_REVIEW: review_open(t); break;
	case DO_HANDIN: {
		char *msg = NULL, *err = NULL;
		class_submit(m->class_dir, m->s->prog, &msg, &err);
		tui_say(t, msg ? msg : err);
		free(msg);
		free(err);
		break;
	}
	case DO_CLASS: class_open(t, m->class_dir); break;
	case DO_QUIT: tui_quit(t); break;
	}
}

static bool menu_enabled(const void *d, int action)
{
	const struct menu *m = d;
	size_t n = nitems(m);
	switch (action) {
	case DO_DOWN: case DO_LAST: return m->sel + 1 < n;
	case DO_UP: case DO_FIRST: return m->sel > 0;
	case DO_OPEN: case DO_DIGIT: return n > 0;
	case DO_CONTINUE: return first_course(m) == 1;
	case DO_REVIEW: return flow_due_count(m->s) > 0;
	case DO_HANDIN: return m->class_dir != NULL;
	case DO_CLASS: return m->class_readable;
	default: return true;
	}
}

static void menu_free(void *d)
{
	struct menu *m = d;
	view_free(&m->v);
	free(m);
}

static const struct screen_ops menu_ops = {
	.name = "menu", .keys = menu_keys, .draw = menu_draw, .act = menu_act,
	.enabled = menu_enabled, .free = menu_free,
};

void menu_open(struct tui *t)
{
	struct menu *m = xcalloc(1, sizeof *m);
	m->s = tui_session(t);
	m->v.sel = -1;
	const char *dir = getenv("ROLLWISE_CLASS");
	if (dir && *dir) {
		DIR *d = opendir(dir);	/* readable: the instructor's own folder */
		m->class_dir = dir;
		m->class_readable = d != NULL;
		if (d)
			closedir(d);
	}
	tui_push(t, &menu_ops, m);
}
