/* view.h - the one list and scroll widget: rows of wrapped text, some of
 * them belonging to items that can be selected. Every list and text view
 * (menus, reader, question, result, notice, help) draws through it, so all
 * of them scroll the same way, keep their place across a resize and show
 * when there is more above or below. */
#ifndef ROLLWISE_VIEW_H
#define ROLLWISE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/flow.h"
#include "core/text.h"

struct tui;

struct view {
	struct text rows;
	int *item;		/* per row: the item it belongs to, or -1 */
	int *attr;		/* per row: curses attributes */
	size_t cap;
	int top;		/* first row shown */
	int height;		/* rows shown at the last draw */
	int width;		/* width laid out for; 0 before the first */
	size_t anchor;		/* the top row's place in the text, across widths */
	int anchor_blank;	/* blank rows above it at that place (a paragraph's gap) */
	int sel;		/* the selected item, or -1 */
	int nitems;		/* items added so far */
	bool follow;		/* bring the selection into sight at the next draw */
	bool relaid;		/* laid out at a new width: go back to anchor */
};

/* Starts a new layout at width w, keeping the place of the old one. */
void view_begin(struct view *v, int w);
/* Adds s wrapped to w, first line indented by first, the rest by rest,
 * as part of item (-1 for none). */
void view_add(struct view *v, const char *s, int attr, int item, int first, int rest);
/* Adds s as one row as it is (a table row: spaces kept), cut to the width. */
void view_row(struct view *v, const char *s, int attr, int item);
/* Adds page markup (paragraphs, bullets, emphasis). */
void view_markup(struct view *v, const char *markup, int attr, int item);
/* Adds flow lines, their styles as curses attributes. */
void view_lines(struct view *v, const struct flow_lines *l);
/* Adds an empty row. */
void view_blank(struct view *v);
/* Settles the top row for a window of h rows: after a new layout, the place
 * the learner was; the selection in sight; no blank past the end. */
void view_place(struct view *v, int h);
/* How far the window of h rows reaches into the text, in percent (100 when
 * it all fits); the top row settled first, as view_draw would. */
int view_percent(struct view *v, int h);
/* Draws rows top.. into h rows from (y, x), w columns, the first row of the
 * selected item reversed with a '>' in column x - 1; a mark in column x + w
 * of row y - 1 when there is more above, of row y + h when there is more
 * below (both rows the caller keeps free in that column); puts the terminal
 * cursor at the selection. */
void view_draw(struct view *v, struct tui *t, int y, int x, int h);
/* Shows row first on top (clamped at the next draw); the place a resize keeps. */
void view_top(struct view *v, int row);
/* Scrolls by delta rows (clamped at the next draw). */
void view_scroll(struct view *v, int delta);
/* Selects item i (-1: none; clamped to the items when drawn) and brings it
 * into sight at the next draw. */
void view_select(struct view *v, int i);
/* Moves the selection by delta within n items and brings it into sight;
 * when the selection is out of sight the first step only brings it back.
 * Returns the new selection. */
int view_step(struct view *v, int n, int delta);
/* True when the last row was on screen at the last draw. */
bool view_at_end(const struct view *v);
/* Frees the rows. */
void view_free(struct view *v);

#endif
