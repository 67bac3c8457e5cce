/* reader.c - reading a lesson page by page. The page is laid out once per
 * width; on a resize the reader keeps the line it was showing on top. */
#include "tui/tui.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* Rows above the text (title bar, page title, blank) and below (key bar). */
#define TOP 3
#define BOTTOM 1

static int visible(const struct tui_state *t)
{
	return t->rows - TOP - BOTTOM;
}

static const struct page *cur_page(const struct tui_state *t)
{
	return &t->lesson->pages[t->page];
}

static bool last_page(const struct tui_state *t)
{
	return t->page + 1 == t->lesson->npages;
}

/* Non-space bytes before line n: the same text at any width. */
static size_t anchor(const struct text *x, int n)
{
	size_t k = 0;
	for (int i = 0; i < n && i < (int)x->n; i++)
		for (size_t j = 0; j < x->lines[i].len; j++)
			k += x->lines[i].text[j] != ' ';
	return k;
}

static int line_at_anchor(const struct text *x, size_t a)
{
	size_t k = 0;
	for (size_t i = 0; i < x->n; i++) {
		if (k >= a)
			return (int)i;
		for (size_t j = 0; j < x->lines[i].len; j++)
			k += x->lines[i].text[j] != ' ';
	}
	return (int)x->n;
}

static int max_scroll(const struct tui_state *t)
{
	int m = (int)t->layout.n - visible(t);
	return m > 0 ? m : 0;
}

static void clamp(struct tui_state *t)
{
	if (t->scroll > max_scroll(t))
		t->scroll = max_scroll(t);
	if (t->scroll < 0)
		t->scroll = 0;
}

/* Lays the page out again when the width or the page changed. */
static void relayout(struct tui_state *t)
{
	int w = tui_width(t);
	if (t->layout_width == w && t->layout_page == t->page &&
	    t->layout_lesson == t->lesson && t->layout.n > 0)
		return;
	bool same_page = t->layout_page == t->page && t->layout_lesson == t->lesson;
	text_free(&t->layout);
	text_layout(&t->layout, cur_page(t)->text, w);
	if (last_page(t)) {
		char *end = xasprintf("End of the lesson. Press Enter for the quiz "
				      "(%zu questions).", t->lesson->quiz.nquestions);
		text_add(&t->layout, "", 0, w);
		text_add(&t->layout, end, TEXT_EM, w);
		free(end);
	}
	t->layout_width = w;
	t->layout_page = t->page;
	t->layout_lesson = t->lesson;
	if (!same_page)
		t->anchor = 0;
	t->scroll = line_at_anchor(&t->layout, t->anchor);
	clamp(t);
}

void reader_open(struct tui_state *t, const struct lesson *l, size_t page)
{
	t->lesson = l;
	t->page = page < l->npages ? page : 0;
	t->scroll = 0;
	t->anchor = 0;
	t->layout_lesson = NULL;
	tui_go(t, SCR_READER);
	session_visit(t->s, t->course, l, t->page);
}

static void turn(struct tui_state *t, size_t page)
{
	t->page = page;
	t->scroll = 0;
	t->anchor = 0;
	session_visit(t->s, t->course, t->lesson, page);
}

static void reader_draw(struct tui_state *t)
{
	relayout(t);
	char *left = xasprintf("%s / %s", t->course->title, t->lesson->title);
	int v = visible(t);
	char *right = (int)t->layout.n <= v
		? xasprintf("page %zu of %zu", t->page + 1, t->lesson->npages)
		: xasprintf("page %zu of %zu, %d%%", t->page + 1, t->lesson->npages,
			    (t->scroll + v) * 100 / (int)t->layout.n);
	tui_title(t, left, right);
	free(left);
	free(right);
	tui_put(1, 1, cur_page(t)->title, tui_width(t), A_BOLD | A_UNDERLINE);
	for (int i = 0; i < v && t->scroll + i < (int)t->layout.n; i++)
		tui_put_line(TOP + i, 1, &t->layout.lines[t->scroll + i], 0);
}

void reader_sources(struct tui_state *t)
{
	char *body = course_cites(t->course, &cur_page(t)->sources);
	tui_overlay(t, "Sources for this page",
		    body ? body : "This page names no sources. The course's sources are "
				  "listed on its other pages.");
	free(body);
}

static void next(struct tui_state *t)
{
	if (!last_page(t))
		turn(t, t->page + 1);
	else
		question_start(t);
}

static void reader_key(struct tui_state *t, int ch)
{
	int v = visible(t);
	switch (ch) {
	case KEY_DOWN: case 'j': t->scroll++; break;
	case KEY_UP: case 'k': t->scroll--; break;
	case KEY_NPAGE: case 'f':
		t->scroll += v - 1;
		break;
	case ' ':
		if (t->scroll >= max_scroll(t))
			next(t);
		else
			t->scroll += v - 1;
		break;
	case KEY_PPAGE: case 'b': t->scroll -= v - 1; break;
	case KEY_HOME: case 'g': t->scroll = 0; break;
	case KEY_END: case 'G': t->scroll = max_scroll(t); break;
	case KEY_RIGHT: case 'n': case 'l':
		if (!last_page(t))
			turn(t, t->page + 1);
		break;
	case KEY_LEFT: case 'p': case 'h':
		if (t->page > 0)
			turn(t, t->page - 1);
		break;
	case '\n': case '\r': case KEY_ENTER: next(t); break;
	case 's': reader_sources(t); break;
	case 'z': question_start(t); break;
	case 'q': case 27: tui_go(t, SCR_LESSONS); break;
	default: return;
	}
	clamp(t);
	/* Only the learner's own scrolling moves the place a resize keeps. */
	if (t->cur == SCR_READER && t->layout_page == t->page)
		t->anchor = anchor(&t->layout, t->scroll);
}

static const struct keyhelp reader_help[] = {
	{ "Down/Up, j/k", "scroll one line" },
	{ "Space, PgDn, f", "scroll one screen down (at the bottom: next page)" },
	{ "b, PgUp", "scroll one screen up" },
	{ "g/G, Home/End", "top or bottom of the page" },
	{ "Right, n, l", "next page" },
	{ "Left, p, h", "previous page" },
	{ "Enter", "next page; after the last page, the quiz" },
	{ "s", "the sources for this page" },
	{ "z", "go straight to the quiz" },
	{ "q, Esc", "back to the lessons (your page is kept)" },
	{ NULL, NULL },
};

const struct screen reader_screen = {
	reader_draw, reader_key,
	"Space: down  n/p: next/prev page  Enter: next  s: sources  q: back  ?: help",
	reader_help,
};
