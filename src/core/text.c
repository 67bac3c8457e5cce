/* text.c - markup and word wrap. Works on bytes with UTF-8 widths from
 * utf8.c, so a layout is the same in every locale and testable. */
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A run of text waiting to be wrapped, with one attribute byte per byte. */
struct buf {
	char *s;
	unsigned char *a;
	size_t len, cap;
};

static void buf_put(struct buf *b, const char *s, size_t n, unsigned char attr)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
		b->a = xreallocarray(b->a, b->cap, 1);
	}
	if (n > 0) {
		memcpy(b->s + b->len, s, n);
		memset(b->a + b->len, attr, n);
	}
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends n bytes of src from off, with their attributes. */
static void buf_copy(struct buf *b, const struct buf *src, size_t off, size_t n)
{
	buf_put(b, src->s + off, n, 0);
	memcpy(b->a + b->len - n, src->a + off, n);
}

static void buf_free(struct buf *b)
{
	free(b->s);
	free(b->a);
	*b = (struct buf){ 0 };
}

static void push_line(struct text *t, const char *s, const unsigned char *a,
		      size_t n, int width)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->lines = xreallocarray(t->lines, t->cap, sizeof *t->lines);
	}
	struct text_line *l = &t->lines[t->n++];
	l->text = xstrndup(s, n);
	l->attr = xmalloc(n + 1);
	if (a)
		memcpy(l->attr, a, n);
	else
		memset(l->attr, 0, n);
	l->len = n;
	l->width = width;
}

/* Bytes of the character at s, never 0 (an invalid byte counts as one). */
static size_t char_len(const char *s, size_t n, int *w)
{
	if (*s >= 0x20 && *s < 0x7f) {	/* printable ASCII: one column everywhere */
		*w = 1;
		return 1;
	}
	uint32_t cp;
	size_t k = utf8_decode(s, n, &cp);
	if (k == 0) {
		*w = 1;
		return 1;
	}
	*w = utf8_width(cp);
	return k;
}

/* Where wrapped lines go: appended to t, or, with t NULL, only counted. */
struct sink {
	struct text *t;
	size_t n;
};

static void emit(struct sink *o, const struct buf *line, int width)
{
	o->n++;
	if (o->t)
		push_line(o->t, line->s ? line->s : "", line->a, line->len, width);
}

static void pad(struct buf *line, int n)
{
	for (int k = 0; k < n; k++)
		buf_put(line, " ", 1, 0);
}

/* Wraps b into lines of at most width columns, the first indented by first
 * spaces and the rest by rest. Words longer than a line are cut. When only
 * counting, the lines are measured and never built. */
static void wrap(struct sink *o, const struct buf *b, int width, int first, int rest)
{
	struct buf line = { 0 };
	bool keep = o->t != NULL;
	int indent = first, col = 0;
	bool empty = true;	/* no word yet: col stays 0 after a zero-width one */
	size_t i = 0, before = o->n;
	if (width < 4)
		width = 4;
	for (;;) {
		while (i < b->len && b->s[i] == ' ')
			i++;
		if (i >= b->len)
			break;
		size_t start = i;
		int ww = 0;
		while (i < b->len && b->s[i] != ' ') {
			int cw;
			i += char_len(b->s + i, b->len - i, &cw);
			ww += cw;
		}
		int avail = width - indent;
		if (avail < 1)
			avail = 1, indent = width - 1;
		if (!empty && col + 1 + ww > avail) {
			emit(o, &line, indent + col);
			line.len = 0;
			col = 0;
			empty = true;
			indent = rest;
			avail = width - indent;
		}
		if (empty) {
			if (keep)
				pad(&line, indent);
		} else {
			/* Inside an emphasised run the space is emphasised too, so
			 * an underline runs on unbroken. */
			if (keep)
				buf_put(&line, " ", 1,
					line.len ? line.a[line.len - 1] & b->a[start] : 0);
			col++;
		}
		empty = false;
		if (col + ww <= avail) {	/* the whole word fits */
			if (keep)
				buf_copy(&line, b, start, i - start);
			col += ww;
			continue;
		}
		/* A word wider than the line is cut at the edge. */
		size_t j = start;
		while (j < i) {
			int cw;
			size_t k = char_len(b->s + j, i - j, &cw);
			if (col + cw > avail && col > 0) {
				emit(o, &line, indent + col);
				line.len = 0;
				col = 0;
				indent = rest;
				avail = width - indent;
				if (keep)
					pad(&line, indent);
			}
			if (keep)
				buf_put(&line, b->s + j, k, b->a[j]);
			col += cw;
			j += k;
		}
	}
	if (!empty || o->n == before)
		emit(o, &line, empty ? 0 : indent + col);
	buf_free(&line);
}

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* A '*' that can close emphasis: after a non-space, not before a letter. */
static bool closes(const char *s, size_t j, size_t n)
{
	return s[j] == '*' && s[j - 1] != ' ' && (j + 1 == n || !is_word(s[j + 1]));
}

/* Appends s to b with *emphasis* turned into attributes. An opening '*'
 * stands at the start or after a non-letter and before a non-space; the
 * closing one after a non-space and before a non-letter. */
static void put_marked(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] == '*' && i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '*' &&
		    (i == 0 || !is_word(s[i - 1]))) {
			size_t j = i + 2;
			while (j < n && !closes(s, j, n))
				j++;
			if (j < n) {
				buf_put(b, s + i + 1, j - i - 1, TEXT_EM);
				i = j + 1;
				continue;
			}
		}
		/* Up to the next '*' that could open emphasis, at once. */
		const char *star = memchr(s + i + 1, '*', n - i - 1);
		size_t j = star ? (size_t)(star - s) : n;
		buf_put(b, s + i, j - i, 0);
		i = j;
	}
}

/* Appends one source line to a block, joined by a space; tabs become
 * spaces. Emphasis is found when the block is complete, so it may span lines. */
static void block_add(struct buf *b, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (b->len > 0)
		buf_put(b, " ", 1, 0);
	size_t start = b->len;
	buf_put(b, s, n, 0);
	for (size_t k = start; k < b->len; k++)
		if (b->s[k] == '\t')
			b->s[k] = ' ';
}

enum block { NONE, PARA, BULLET };

/* A layout under way: the block being read, and the buffer it is marked up
 * in, both kept from block to block. */
struct layout {
	struct sink o;
	struct buf block, item;
	enum block kind, last;
	int width;
};

static void flush(struct layout *y)
{
	if (y->kind == NONE)
		return;
	if (y->last != NONE && !(y->last == BULLET && y->kind == BULLET))
		emit(&y->o, &(struct buf){ 0 }, 0);
	y->item.len = 0;
	if (y->kind == BULLET)
		buf_put(&y->item, "- ", 2, 0);
	put_marked(&y->item, y->block.s ? y->block.s : "", y->block.len);
	wrap(&y->o, &y->item, y->width, 0, y->kind == BULLET ? 2 : 0);
	y->last = y->kind;
	y->kind = NONE;
	y->block.len = 0;
}

static size_t layout(struct text *t, const char *markup, int width)
{
	struct layout y = { .o = { t, 0 }, .kind = NONE, .last = NONE, .width = width };
	const char *p = markup;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t k = 0;
		while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
			k++;
		if (k == n) {
			flush(&y);
		} else if (n - k >= 2 && p[k] == '-' && p[k + 1] == ' ') {
			flush(&y);
			y.kind = BULLET;
			block_add(&y.block, p + k + 2, n - k - 2);
		} else {
			if (y.kind == NONE)
				y.kind = PARA;
			block_add(&y.block, p + k, n - k);
		}
		p += n + (nl ? 1 : 0);
	}
	flush(&y);
	buf_free(&y.block);
	buf_free(&y.item);
	return y.o.n;
}

void text_layout(struct text *t, const char *markup, int width)
{
	layout(t, markup, width);
}

size_t text_layout_lines(const char *markup, int width)
{
	return layout(NULL, markup, width);
}

void text_wrap(struct text *t, const char *s, int width, int first, int rest)
{
	struct buf b = { 0 };
	for (const char *p = s; *p; p++)
		buf_put(&b, (*p == '\n' || *p == '\t') ? " " : p, 1, 0);
	if (b.len == 0)
		buf_put(&b, "", 0, 0);
	wrap(&(struct sink){ t, 0 }, &b, width, first, rest);
	buf_free(&b);
}

void text_add(struct text *t, const char *s, unsigned char attr, int width)
{
	char *f = text_fit(s, width);
	size_t n = strlen(f);
	push_line(t, f, NULL, n, utf8_strwidth(f, n));
	memset(t->lines[t->n - 1].attr, attr, n);
	free(f);
}

void text_free(struct text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->lines[i].text);
		free(t->lines[i].attr);
	}
	free(t->lines);
	*t = (struct text){ 0 };
}

/* The one sanitizer: every text bound for a terminal or a table passes it.
 * What could drive a terminal (controls, bidi overrides, bad bytes) becomes
 * repl; newline and tab too unless lines are kept. */
static char *sanitize(const char *s, bool lines, const char *repl)
{
	size_t n = strlen(s), i = 0;
	struct buf b = { 0 };
	buf_put(&b, "", 0, 0);
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		bool space = cp == '\n' || cp == '\t';
		if (k == 0 || (space ? !lines : utf8_unsafe(cp)))
			buf_put(&b, repl, strlen(repl), 0);
		else
			buf_put(&b, s + i, k, 0);
		i += k ? k : 1;
	}
	free(b.a);
	return b.s;
}

char *text_sanitize(const char *s)
{
	return sanitize(s, true, "\xef\xbf\xbd");
}

char *text_sanitize_cell(const char *s)
{
	return sanitize(s, false, "?");
}

char *text_fit(const char *s, int width)
{
	size_t n = strlen(s), i = 0;
	int col = 0;
	while (i < n) {
		int cw;
		size_t k = char_len(s + i, n - i, &cw);
		if (col + cw > width)
			break;
		col += cw;
		i += k;
	}
	/* Keep combining marks that belong to the last character kept. */
	while (i < n) {
		int cw;
		size_t k = char_len(s + i, n - i, &cw);
		if (cw != 0)
			break;
		i += k;
	}
	return xstrndup(s, i);
}

char *text_ellipsize(const char *s, int width)
{
	if (utf8_strwidth(s, strlen(s)) <= width)
		return xstrdup(s);
	if (width < 4)
		return text_fit(s, width);
	char *f = text_fit(s, width - 3);
	char *sp = strrchr(f, ' ');
	bool at_word_end = s[strlen(f)] == ' ';
	if (!at_word_end && sp && sp - f > (width - 3) / 2)
		*sp = '\0';
	char *out = xasprintf("%s...", f);
	free(f);
	return out;
}
