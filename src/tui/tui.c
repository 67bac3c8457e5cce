/* tui.c - the curses loop: terminal set-up, signals, dispatch, drawing helpers.
 * Input blocks in getch; nothing runs while the learner reads. Each key
 * redraws into stdscr after werase and one doupdate sends only what changed. */
#include "tui/tui.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Smallest screen the tutor draws on; below it, a request to enlarge. */
#define MIN_COLS 40
#define MIN_ROWS 10
#define KEY_CTRL_L 12
#define KEY_ESC 27

static const struct screen *const screens[SCR_COUNT] = {
	[SCR_NOTICE] = &notice_screen,	 [SCR_MENU] = &menu_screen,
	[SCR_LESSONS] = &lessons_screen, [SCR_READER] = &reader_screen,
	[SCR_QUESTION] = &question_screen, [SCR_RESULT] = &result_screen,
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked getch returns so the loop sees the flag. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void die_curses(void)
{
	endwin();
	fputs("rollwise: out of memory\n", stderr);
	_exit(1);
}

int tui_width(const struct tui_state *t)
{
	int w = t->cols - 2;
	return w > 78 ? 78 : w;
}

void tui_put(int y, int x, const char *s, int w, int attr)
{
	if (w <= 0)
		return;
	char *f = text_fit(s, w);
	attron(attr);
	mvaddstr(y, x, f);
	attroff(attr);
	free(f);
}

void tui_put_line(int y, int x, const struct text_line *l, int base_attr)
{
	size_t i = 0;
	move(y, x);
	while (i < l->len) {
		size_t j = i;
		while (j < l->len && l->attr[j] == l->attr[i])
			j++;
		int a = base_attr | ((l->attr[i] & TEXT_EM) ? A_BOLD | A_UNDERLINE : 0);
		attron(a);
		addnstr(l->text + i, (int)(j - i));
		attroff(a);
		i = j;
	}
}

void tui_title(const struct tui_state *t, const char *left, const char *right)
{
	int a = A_REVERSE | (t->color ? COLOR_PAIR(1) : 0);
	attron(a);
	mvhline(0, 0, ' ', t->cols);
	attroff(a);
	int rw = right ? utf8_strwidth(right, strlen(right)) : 0;
	if (rw > t->cols - 10)
		rw = 0;
	tui_put(0, 1, left, t->cols - rw - 4, a | A_BOLD);
	if (rw)
		tui_put(0, t->cols - rw - 1, right, rw, a);
}

void tui_say(struct tui_state *t, const char *msg)
{
	free(t->message);
	t->message = xstrdup(msg);
}

void tui_go(struct tui_state *t, enum screen_id id)
{
	t->cur = id;
}

void tui_overlay(struct tui_state *t, const char *title, const char *body)
{
	text_free(&t->ov.body);
	int w = t->cols - 6 > 70 ? 70 : t->cols - 6;
	text_layout(&t->ov.body, body, w);
	t->ov.title = title;
	t->ov.scroll = 0;
	t->ov.open = true;
}

static void overlay_draw(struct tui_state *t)
{
	int w = t->cols - 2 > 74 ? 74 : t->cols - 2;
	int h = (int)t->ov.body.n + 4;
	if (h > t->rows - 2)
		h = t->rows - 2;
	int y0 = (t->rows - h) / 2, x0 = (t->cols - w) / 2;
	int inner = h - 4;
	for (int y = y0; y < y0 + h; y++)
		mvhline(y, x0, ' ', w);
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
	tui_put(y0, x0 + 2, t->ov.title, w - 4, A_BOLD | A_REVERSE);
	for (int i = 0; i < inner && t->ov.scroll + i < (int)t->ov.body.n; i++)
		tui_put_line(y0 + 2 + i, x0 + 2, &t->ov.body.lines[t->ov.scroll + i], 0);
	const char *more = t->ov.scroll + inner < (int)t->ov.body.n
		? " Down: more  q: close " : " q or Enter: close ";
	tui_put(y0 + h - 1, x0 + w - (int)strlen(more) - 2, more, w - 3, A_REVERSE);
}

static void overlay_key(struct tui_state *t, int ch)
{
	int inner = t->rows - 6, max = (int)t->ov.body.n - inner;
	if (max < 0)
		max = 0;
	if ((ch == KEY_DOWN || ch == 'j' || ch == ' ' || ch == KEY_NPAGE) && t->ov.scroll < max)
		t->ov.scroll += (ch == ' ' || ch == KEY_NPAGE) ? inner : 1;
	else if ((ch == KEY_UP || ch == 'k' || ch == KEY_PPAGE || ch == 'b') && t->ov.scroll > 0)
		t->ov.scroll -= (ch == KEY_PPAGE || ch == 'b') ? inner : 1;
	else if (ch == 'q' || ch == KEY_ESC || ch == '\n' || ch == '\r' || ch == KEY_ENTER || ch == '?')
		t->ov.open = false;
	if (t->ov.scroll > max)
		t->ov.scroll = max;
	if (t->ov.scroll < 0)
		t->ov.scroll = 0;
}

/* The '?' overlay: every key of the current screen, then the global ones. */
static void show_help(struct tui_state *t)
{
	const struct keyhelp *h = screens[t->cur]->help;
	size_t cap = 4096, n = 0;
	char *body = xmalloc(cap);
	body[0] = '\0';
	for (; h && h->keys; h++) {
		int k = snprintf(body + n, cap - n, "- *%s*: %s\n", h->keys, h->what);
		if (k > 0 && (size_t)k < cap - n)
			n += (size_t)k;
	}
	snprintf(body + n, cap - n, "- *?*: this help\n- *Ctrl-L*: redraw the screen\n"
		 "- *Ctrl-Z*: suspend (type fg to come back)\n");
	tui_overlay(t, "Keys", body);
	free(body);
}

static void draw_small(const struct tui_state *t)
{
	const char *a = "Please enlarge the terminal";
	char b[48];
	snprintf(b, sizeof b, "(at least %dx%d)", MIN_COLS, MIN_ROWS);
	int y = t->rows / 2 - 1 < 0 ? 0 : t->rows / 2 - 1;
	tui_put(y, (t->cols - (int)strlen(a)) / 2 < 0 ? 0 : (t->cols - (int)strlen(a)) / 2, a, t->cols, A_BOLD);
	if (y + 1 < t->rows)
		tui_put(y + 1, (t->cols - (int)strlen(b)) / 2 < 0 ? 0 : (t->cols - (int)strlen(b)) / 2, b, t->cols, 0);
}

/* The key bar cut to w columns at a whole key, keeping "?: help" last. */
static char *fit_bar(const char *bar, int w)
{
	static const char help[] = "?: help";
	if ((int)strlen(bar) <= w || !strstr(bar, help))
		return text_fit(bar, w);
	char *out = xmalloc(strlen(bar) + sizeof help + 2);
	size_t n = 0;
	const char *p = bar;
	while (*p) {
		const char *end = strstr(p, "  ");
		size_t k = end ? (size_t)(end - p) : strlen(p);
		bool last = strncmp(p, help, k) == 0;
		if (!last && (int)(n + k + 2 + sizeof help - 1) <= w) {
			memcpy(out + n, p, k);
			n += k;
			memcpy(out + n, "  ", 2);
			n += 2;
		}
		p += k;
		while (*p == ' ')
			p++;
	}
	memcpy(out + n, help, sizeof help);
	return out;
}

static void draw(struct tui_state *t)
{
	werase(stdscr);
	getmaxyx(stdscr, t->rows, t->cols);
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		draw_small(t);
	} else {
		screens[t->cur]->draw(t);
		if (t->ov.open)
			overlay_draw(t);
		if (t->message)
			tui_put(t->rows - 2, 1, t->message, t->cols - 2, A_BOLD);
		int a = A_REVERSE | (t->color ? COLOR_PAIR(1) : 0);
		attron(a);
		mvhline(t->rows - 1, 0, ' ', t->cols);
		attroff(a);
		char *bar = fit_bar(t->ov.open ? "q: close  Up/Down: scroll"
					       : screens[t->cur]->bar, t->cols - 2);
		tui_put(t->rows - 1, 1, bar, t->cols - 2, a);
		free(bar);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

static void key(struct tui_state *t, int ch)
{
	if (t->message) {
		free(t->message);
		t->message = NULL;
	}
	if (ch == KEY_CTRL_L) {
		clearok(curscr, TRUE);
		return;
	}
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		if (ch == 'q')
			t->quit = true;
		return;
	}
	if (t->ov.open) {
		overlay_key(t, ch);
		return;
	}
	if (ch == '?') {
		show_help(t);
		return;
	}
	screens[t->cur]->key(t, ch);
}

static void setup_colors(struct tui_state *t)
{
	const char *nc = getenv("NO_COLOR");
	t->color = false;
	if ((nc && *nc) || !has_colors())
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	if (COLORS >= 8 && init_pair(1, COLOR_WHITE, COLOR_BLUE) == OK)
		t->color = true;
}

/* Opens the course and lesson named on the command line. */
static int open_named(struct tui_state *t, const char *course_id, const char *lesson_id)
{
	if (!course_id)
		return 0;
	struct course *c = catalog_find(&t->s->cat, course_id);
	if (!c)
		return 1;
	for (size_t i = 0; i < t->s->cat.n; i++)
		if (t->s->cat.courses[i] == c)
			t->course_sel = i;
	lessons_open(t, c);
	if (!lesson_id)
		return 0;
	const struct lesson *l = course_lesson(c, lesson_id);
	if (!l)
		return 1;
	t->lesson_sel = (size_t)(l - c->lessons);
	reader_open(t, l, session_resume_page(t->s, c, l));
	return 0;
}

/* True when the terminal is gone (EOF or EIO), not just interrupted. */
static bool terminal_gone(int *errs)
{
	if (errno == EINTR && ++*errs < 100)
		return false;
	return true;
}

static void loop(struct tui_state *t)
{
	int errs = 0;
	while (!t->quit) {
		char *w = session_take_warning(t->s);
		if (w) {
			tui_say(t, w);
			free(w);
		}
		draw(t);
		errno = 0;
		int ch = getch();
		if (got_signal)
			break;
		if (ch == ERR) {
			if (terminal_gone(&errs))
				break;
			continue;
		}
		errs = 0;
		if (ch == KEY_RESIZE) {
			clear();
			continue;
		}
		key(t, ch);
	}
}

int tui_run(struct session *s, const char *course_id, const char *lesson_id,
	    bool review)
{
	struct tui_state t = { .s = s, .cur = SCR_MENU };
	if (course_id && open_named(&t, course_id, lesson_id) != 0) {
		text_free(&t.layout);
		return 1;
	}
	catch_signals();
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return -1;
	void (*old_fail)(void) = xalloc_fail;
	xalloc_fail = die_curses;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	setup_colors(&t);
	if (!session_notice_seen(s)) {
		t.after_notice = t.cur;
		t.cur = SCR_NOTICE;
	}
	getmaxyx(stdscr, t.rows, t.cols);
	if (review)
		question_review(&t);
	loop(&t);
	/* Shutting down: a second hang-up or Ctrl-C must not cut it short. */
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	endwin();
	delscreen(scr);
	xalloc_fail = old_fail;
	if (got_signal)
		fprintf(stderr, "rollwise: stopped by signal %d; progress saved\n", (int)got_signal);
	quiz_run_free(&t.run);
	free(t.due);
	free(t.message);
	text_free(&t.layout);
	text_free(&t.ov.body);
	return 0;
}
