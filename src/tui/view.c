/* view.c - the list and scroll widget. */
#include "tui/view.h"
#include "tui/tui.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

/* Non-space bytes before row n: the same place at any width. */
static size_t place_of(const struct text *x, int n)
{
	size_t k = 0;
	for (int i = 0; i < n && i < (int)x->n; i++)
		for (size_t j = 0; j < x->lines[i].len; j++)
			k += x->lines[i].text[j] != ' ';
	return k;
}

static int row_at(const struct text *x, size_t a)
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

static bool blank(const struct text_line *l)
{
	for (size_t j = 0; j < l->len; j++)
		if (l->text[j] != ' ')
			return false;
	return true;
}

/* Keeps the top row's place. A blank row and the row below it share one
 * place, so how many blank rows of that place are above the top is kept
 * too: paragraphs are one blank row apart at every width. */
static void anchor_set(struct view *v)
{
	v->anchor = place_of(&v->rows, v->top);
	v->anchor_blank = v->top - row_at(&v->rows, v->anchor);
}

static int anchor_row(const struct view *v)
{
	int r = row_at(&v->rows, v->anchor);
	for (int k = 0; k < v->anchor_blank && r + 1 < (int)v->rows.n &&
			blank(&v->rows.lines[r]); k++)
		r++;
	return r;
}

void view_begin(struct view *v, int w)
{
	v->relaid = v->width != 0 && v->width != w;
	text_free(&v->rows);
	v->width = w;
	v->nitems = 0;
}

/* Gives the rows added since row `from` their item and attributes. */
static void tag_rows(struct view *v, size_t from, int attr, int item)
{
	if (v->rows.n > v->cap) {
		v->cap = v->rows.n * 2;
		v->item = xreallocarray(v->item, v->cap, sizeof *v->item);
		v->attr = xreallocarray(v->attr, v->cap, sizeof *v->attr);
	}
	for (size_t i = from; i < v->rows.n; i++) {
		v->item[i] = item;
		v->attr[i] = attr;
	}
	if (item >= v->nitems)
		v->nitems = item + 1;
}

void view_add(struct view *v, const char *s, int attr, int item, int first, int rest)
{
	/* Notes can carry paths from the environment: the one sanitizer. */
	char *safe = text_sanitize(s);
	size_t from = v->rows.n;
	text_wrap(&v->rows, safe, v->width, first, rest);
	tag_rows(v, from, attr, item);
	free(safe);
}

void view_row(struct view *v, const char *s, int attr, int item)
{
	size_t from = v->rows.n;
	text_add(&v->rows, s, 0, v->width);
	tag_rows(v, from, attr, item);
}

void view_markup(struct view *v, const char *markup, int attr, int item)
{
	size_t from = v->rows.n;
	text_layout(&v->rows, markup, v->width);
	tag_rows(v, from, attr, item);
}

void view_lines(struct view *v, const struct flow_lines *l)
{
	static const int attr[] = {
		[STYLE_TEXT] = 0, [STYLE_STRONG] = A_BOLD,
		[STYLE_VERDICT] = A_BOLD | A_REVERSE, [STYLE_RIGHT] = A_BOLD,
		[STYLE_DIM] = A_DIM,
	};
	for (size_t i = 0; i < l->n; i++)
		view_add(v, l->v[i].text, attr[l->v[i].style], l->v[i].item,
			 l->v[i].first, l->v[i].indent);
}

void view_blank(struct view *v)
{
	view_add(v, "", 0, -1, 0, 0);
}

static void clamp(struct view *v, int h)
{
	int max = (int)v->rows.n - h;
	if (v->top > max)
		v->top = max;
	if (v->top < 0)
		v->top = 0;
}

/* The first and last rows of item i; false when it has none. */
static bool item_rows(const struct view *v, int i, int *first, int *last)
{
	*first = -1;
	for (int r = 0; r < (int)v->rows.n; r++) {
		if (v->item[r] != i)
			continue;
		if (*first < 0)
			*first = r;
		*last = r;
	}
	return *first >= 0;
}

static void follow(struct view *v, int h)
{
	int first, last;
	if (!v->follow || v->sel < 0 || !item_rows(v, v->sel, &first, &last))
		return;
	if (last >= v->top + h)
		v->top = last - h + 1;
	if (first < v->top)
		v->top = first;
	v->follow = false;
}

void view_place(struct view *v, int h)
{
	if (h < 1)
		h = 1;
	if (v->relaid)
		v->top = anchor_row(v);
	v->relaid = false;
	if (v->sel >= v->nitems)
		v->sel = v->nitems - 1;
	if (v->follow) {
		follow(v, h);
		anchor_set(v);
	}
	clamp(v, h);
	v->height = h;
}

int view_percent(struct view *v, int h)
{
	view_place(v, h);
	return (int)v->rows.n > v->height ? (v->top + v->height) * 100 / (int)v->rows.n : 100;
}

/* The selection is its first row shown, reversed, the '>' in the same run:
 * a move rewrites two rows with no attribute switch inside them (bytes over
 * SSH). An unselected item's marker column takes its first row's attributes
 * for the same reason. */
static void draw_marker(const struct view *v, int r, int y, int x, bool sel)
{
	if (x < 1)
		return;
	mvaddch(y, x - 1, (chtype)(sel ? '>' : ' ') | (chtype)v->attr[r] |
		(sel ? A_REVERSE : 0));
}

void view_draw(struct view *v, struct tui *t, int y, int x, int h)
{
	view_place(v, h);
	h = v->height;
	int prev = -1;		/* the item of the row above */
	bool placed = false;
	for (int i = 0; i < h && v->top + i < (int)v->rows.n; i++) {
		int r = v->top + i;
		bool first = v->item[r] >= 0 && v->item[r] != prev;
		bool sel = first && !placed && v->item[r] == v->sel;
		prev = v->item[r];
		if (first)
			draw_marker(v, r, y + i, x, sel);
		tui_put_line(y + i, x, &v->rows.lines[r], v->attr[r] | (sel ? A_REVERSE : 0));
		if (sel) {
			tui_cursor(t, y + i, x);
			placed = true;
		}
	}
	/* Outside the rows shown, so that a scroll moves the text alone. */
	if (v->top > 0)
		mvaddch(y - 1, x + v->width, ACS_UARROW | A_BOLD);
	if (v->top + h < (int)v->rows.n)
		mvaddch(y + h, x + v->width, ACS_DARROW | A_BOLD);
}

void view_scroll(struct view *v, int delta)
{
	int top = v->top + delta;
	int max = (int)v->rows.n - (v->height > 0 ? v->height : 1);
	if (top > max)
		top = max;
	view_top(v, top);
}

void view_top(struct view *v, int row)
{
	v->top = row < 0 ? 0 : row;
	/* Only the learner's own moves change the place a resize keeps. */
	anchor_set(v);
}

void view_select(struct view *v, int i)
{
	v->sel = i < 0 ? -1 : i;
	v->follow = true;
}

int view_step(struct view *v, int n, int delta)
{
	int first, last;
	bool seen = v->sel >= 0 && item_rows(v, v->sel, &first, &last) &&
		    first >= v->top && first < v->top + v->height;
	int i = v->sel < 0 ? 0 : v->sel;
	if (seen || v->sel < 0)
		i += delta;
	if (i >= n)
		i = n - 1;
	if (i < 0)
		i = 0;
	view_select(v, i);
	return i;
}

bool view_at_end(const struct view *v)
{
	return v->height > 0 && v->top + v->height >= (int)v->rows.n;
}

void view_free(struct view *v)
{
	text_free(&v->rows);
	free(v->item);
	free(v->attr);
	*v = (struct view){ .sel = -1 };
}
