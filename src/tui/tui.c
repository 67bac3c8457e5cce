/* tui.c - the curses loop: terminal set-up, the screen stack, dispatch and
 * drawing helpers. Input blocks in getch; nothing runs while the learner
 * reads. Each key redraws into stdscr after werase, and one doupdate sends
 * only what changed. */
#include "tui/tui.h"
#include "core/charset.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "core/flow.h"
#include "core/store.h"
#include "stop.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Smallest screen the tutor draws on; below it, a request to enlarge. */
#define MIN_COLS 40
#define MIN_ROWS 10
#define MAX_DEPTH 16

struct frame {
	const struct screen_ops *ops;
	void *d;
};

struct tui {
	struct session *s;
	struct frame stack[MAX_DEPTH];
	size_t depth;
	bool quit, color;
	int rows, cols;
	char *message;		/* one line above the key bar, until a key */
	int cy, cx;		/* the hardware cursor after this frame */
	bool cursor_set;
};

/* True while the curses screen is up, for tui_end. */
static bool curses_up;

void tui_end(void)
{
	if (curses_up) {
		curses_up = false;
		endwin();
	}
}

struct session *tui_session(const struct tui *t) { return t->s; }
int tui_rows(const struct tui *t) { return t->rows; }
int tui_cols(const struct tui *t) { return t->cols; }
void tui_quit(struct tui *t) { t->quit = true; }

int tui_width(const struct tui *t)
{
	int w = t->cols - 2;
	return w > 78 ? 78 : w;
}

void tui_push(struct tui *t, const struct screen_ops *ops, void *d)
{
	if (t->depth == MAX_DEPTH) {	/* cannot happen with today's screens */
		ops->free(d);
		return;
	}
	t->stack[t->depth++] = (struct frame){ ops, d };
}

void tui_pop(struct tui *t)
{
	if (t->depth == 0)
		return;
	struct frame *f = &t->stack[--t->depth];
	f->ops->free(f->d);
	if (t->depth == 0)
		t->quit = true;
}

void tui_replace(struct tui *t, const struct screen_ops *ops, void *d)
{
	if (t->depth > 0) {
		struct frame *f = &t->stack[--t->depth];
		f->ops->free(f->d);
	}
	tui_push(t, ops, d);
}

void tui_say(struct tui *t, const char *msg)
{
	free(t->message);
	t->message = xstrdup(msg);
}

void tui_cursor(struct tui *t, int y, int x)
{
	t->cy = y;
	t->cx = x;
	t->cursor_set = true;
}

void tui_put(int y, int x, const char *s, int w, int attr)
{
	if (w <= 0)
		return;
	char *safe = text_sanitize(s);	/* messages can carry paths */
	char *f = text_ellipsize(safe, w);
	char *out = charset_convert(f, strlen(f));
	free(safe);
	attron(attr);
	mvaddstr(y, x, out);
	attroff(attr);
	free(out);
	free(f);
}

void tui_put_line(int y, int x, const struct text_line *l, int attr)
{
	size_t i = 0;
	move(y, x);
	while (i < l->len) {
		size_t j = i;
		while (j < l->len && l->attr[j] == l->attr[i])
			j++;
		int a = attr | ((l->attr[i] & TEXT_EM) ? A_BOLD | A_UNDERLINE : 0);
		char *out = charset_convert(l->text + i, j - i);
		attron(a);
		addstr(out);
		attroff(a);
		free(out);
		i = j;
	}
}

static int bar_attr(const struct tui *t)
{
	return A_REVERSE | (t->color ? COLOR_PAIR(1) : 0);
}

void tui_title(const struct tui *t, const char *left, const char *right)
{
	int a = bar_attr(t);
	attron(a);
	mvhline(0, 0, ' ', t->cols);
	attroff(a);
	int rw = right ? utf8_strwidth(right, strlen(right)) : 0;
	if (rw > t->cols / 2)
		rw = 0;
	tui_put(0, 1, left, t->cols - rw - (rw ? 4 : 2), a | A_BOLD);
	if (rw)
		tui_put(0, t->cols - rw - 1, right, rw, a);
}

static const struct frame *top(const struct tui *t)
{
	return &t->stack[t->depth - 1];
}

static const char *asking(const struct frame *f)
{
	return f->ops->asking ? f->ops->asking(f->d) : NULL;
}

/* Below the smallest size: what to do, wrapped to whatever room there is;
 * a question the screen beneath is asking comes first. */
static void draw_small(struct tui *t)
{
	char *msg = xasprintf(_("Please enlarge the window to at least %dx%d. q: %s"),
			      MIN_COLS, MIN_ROWS, t->depth > 1 ? _("back") : _("quit"));
	const char *ask = asking(top(t));
	struct text x = { 0 };
	text_wrap(&x, ask ? ask : msg, t->cols, 0, 0);
	int y = ((int)t->rows - (int)x.n) / 2;
	if (y < 0)
		y = 0;
	for (size_t i = 0; i < x.n && y + (int)i < t->rows; i++)
		tui_put_line(y + (int)i, 0, &x.lines[i], A_BOLD);
	text_free(&x);
	free(msg);
	tui_cursor(t, y, 0);
}

static void draw_bar(struct tui *t)
{
	const struct frame *f = top(t);
	int a = bar_attr(t);
	attron(a);
	mvhline(t->rows - 1, 0, ' ', t->cols);
	attroff(a);
	char *bar = keys_bar(f->ops->keys, f->ops->enabled, f->ops->label, f->d,
			     t->cols - 2);
	tui_put(t->rows - 1, 1, bar, t->cols - 2, a);
	free(bar);
}

static void draw(struct tui *t)
{
	werase(stdscr);
	getmaxyx(stdscr, t->rows, t->cols);
	t->cursor_set = false;
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		draw_small(t);
	} else {
		/* An overlay shows the screen beneath it. */
		size_t base = t->depth - 1;
		while (base > 0 && t->stack[base].ops->overlay)
			base--;
		for (size_t i = base; i < t->depth; i++)
			t->stack[i].ops->draw(t, t->stack[i].d);
		const char *ask = asking(top(t));
		if (ask || t->message) {
			/* Within the text column: the column past it keeps a
			 * list's mark of more below. */
			int w = tui_width(t);
			mvhline(t->rows - 2, 0, ' ', w + 1);
			tui_put(t->rows - 2, 1, ask ? ask : t->message, w, A_BOLD);
		}
		if (ask)
			tui_cursor(t, t->rows - 2, 1);
		draw_bar(t);
	}
	if (t->cursor_set)
		move(t->cy, t->cx);
	else
		move(t->rows > 2 ? 2 : 0, t->cols > 1 ? 1 : 0);
	wnoutrefresh(stdscr);
	doupdate();
}

static bool small(const struct tui *t)
{
	return t->cols < MIN_COLS || t->rows < MIN_ROWS;
}

static void key(struct tui *t, int ch)
{
	free(t->message);
	t->message = NULL;
	if (ch == KEY_CTRL('L')) {
		clearok(curscr, TRUE);
		return;
	}
	const struct frame *f = top(t);
	/* While the window is too small only leaving works, as it does beneath. */
	if (small(t) && !asking(f) && ch != 'q')
		return;
	if (ch == '?' && !f->ops->overlay && !asking(f)) {
		overlay_help(t, f->ops);
		return;
	}
	int action = asking(f) ? 0 : keys_action(f->ops->keys, ch);
	if (asking(f) || (action && (!f->ops->enabled || f->ops->enabled(f->d, action))))
		f->ops->act(t, f->d, action, ch);
}

static void setup_colors(struct tui *t)
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

/* ncurses 6.4 writes out what it has at every cursor move while it has
 * never left curses mode (_nc_mvcur flushes in state ewInitial): a screen
 * update went out in 10 to 40 write() calls, as many packets over SSH. Once
 * through endwin and back, it flushes once, at the end of doupdate. Done
 * before anything is drawn, this costs the start a few bytes and nothing
 * shows; and before start_color, or the way back resets the terminal's
 * palette (xterm's "oc": OSC 104 and a bell byte). */
static void one_write_per_update(void)
{
	endwin();
	refresh();
}

/* True when the terminal is gone (EOF or EIO), not just interrupted. */
static bool terminal_gone(int *errs)
{
	return !(errno == EINTR && ++*errs < 100);
}

/* The next key. Input is read without waiting (curses may hold keys
 * already); then poll waits for the terminal or a stop signal, which so
 * ends the program at once even when it came during a save or a redraw.
 * Page turns saved but not yet durable are fsynced after a second idle;
 * otherwise the wait has no timeout, so an idle tutor uses no CPU. */
static int next_key(struct tui *t)
{
	for (;;) {
		timeout(0);
		errno = 0;
		int ch = getch();
		if (ch != ERR || stop_signal())
			return ch;
		stop_sync_fd(session_sync_fd(t->s));
		struct pollfd pf[2] = { { STDIN_FILENO, POLLIN, 0 }, { stop_fd(), POLLIN, 0 } };
		int r = poll(pf, stop_fd() >= 0 ? 2 : 1, session_unsynced(t->s) ? 1000 : -1);
		if (r == 0)
			session_flush(t->s);
		else if (r < 0 && errno != EINTR)
			return ERR;
		else if (r > 0 && !(pf[0].revents & POLLIN) &&
			 (pf[0].revents & (POLLHUP | POLLERR | POLLNVAL))) {
			errno = EIO;	/* the terminal is gone */
			return ERR;
		}
		if (stop_signal())
			return ERR;
	}
}

static struct tui *waiting_tui;

/* A save waits for another rollwise's lock (store_waiting): said on the
 * last line at once, as the screen will not be drawn until it is done. */
static void waiting(long pid)
{
	if (!waiting_tui || pid < 0)
		return;
	char *w = flow_waiting_text(pid);
	move(waiting_tui->rows - 1, 0);
	clrtoeol();
	tui_put(waiting_tui->rows - 1, 0, w, waiting_tui->cols, A_BOLD);
	refresh();
	free(w);
}

static void loop(struct tui *t)
{
	int errs = 0;
	while (!t->quit && t->depth > 0) {
		char *w = session_take_warning(t->s);
		if (w) {
			tui_say(t, w);
			free(w);
		}
		draw(t);
		int ch = next_key(t);
		if (stop_signal())
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

/* Opens the screens the command line asks for under the notice. */
static void open_start(struct tui *t, const struct course *c, const struct lesson *l,
		       bool review)
{
	menu_open(t);
	if (c)
		lessons_open(t, c);
	if (l)
		reader_open(t, c, l, session_resume_page(t->s, c, l), false);
	if (review)
		review_open(t);
	if (flow_notice_due(t->s))
		notice_open(t);
}

int tui_run(struct session *s, const char *course_id, const char *lesson_id,
	    bool review)
{
	const struct course *c = course_id ? catalog_find(&s->cat, course_id) : NULL;
	const struct lesson *l = c && lesson_id ? course_lesson(c, lesson_id) : NULL;
	if ((course_id && !c) || (lesson_id && !l))
		return 1;
	/* The size comes from the terminal itself (TIOCGWINSZ), not from
	 * LINES and COLUMNS in the environment, which anyone can set to 30000
	 * (use_env(FALSE) would take terminfo's 80x24 instead: not that). */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	SCREEN *scr = newterm(NULL, charset_tty(), stdin);
	if (!scr)
		return -1;
	struct tui t = { .s = s };
	curses_up = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, FALSE);
	one_write_per_update();
	setup_colors(&t);
	/* curses drew its blank screen before the colours: the first frame
	 * starts from a clear one, as it did before the round trip */
	clearok(curscr, TRUE);
	getmaxyx(stdscr, t.rows, t.cols);
	/* after newterm, so that curses' own Ctrl-Z handling runs too */
	stop_chain_suspend();
	waiting_tui = &t;
	void (*was_waiting)(long) = store_waiting;
	store_waiting = waiting;
	open_start(&t, c, l, review);
	loop(&t);
	store_waiting = was_waiting;
	waiting_tui = NULL;
	/* Shutting down: a second hang-up or Ctrl-C must not cut it short. */
	stop_hold();
	tui_end();
	delscreen(scr);
	while (t.depth > 0)
		tui_pop(&t);
	free(t.message);
	return 0;
}
