/* keys.c - dispatch, help and key bar from one table of bindings. */
#include "tui/keys.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

static bool matches(int key, int ch)
{
	if (key == KEY_ANY_ENTER)
		return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
	return key == ch;
}

int keys_action(const struct binding *b, int ch)
{
	for (; b && b->action; b++)
		if (matches(b->key, ch))
			return b->action;
	return 0;
}

static bool on(bool (*enabled)(const void *, int), const void *d, int action)
{
	return !enabled || enabled(d, action);
}

/* A key's name as shown: "Down" is translated, a letter is itself. */
static const char *key_label(const char *name)
{
	return name[0] && name[1] ? _(name) : name;
}

/* Appends s to the growing string *buf of length *n. */
static void append(char **buf, size_t *n, const char *s)
{
	size_t k = strlen(s);
	*buf = xreallocarray(*buf, *n + k + 1, 1);
	memcpy(*buf + *n, s, k + 1);
	*n += k;
}

char *keys_help(const struct binding *b, bool (*enabled)(const void *, int),
		const void *d)
{
	char *out = xstrdup("");
	size_t n = 0;
	for (const struct binding *h = b; h->action; h++) {
		if (!h->help)
			continue;
		append(&out, &n, "- *");
		append(&out, &n, key_label(h->name));
		for (const struct binding *o = h + 1; o->action; o++)
			if (o->action == h->action && !o->help && o->name) {
				append(&out, &n, ", ");
				append(&out, &n, key_label(o->name));
			}
		append(&out, &n, "*: ");
		append(&out, &n, _(h->help));
		if (!on(enabled, d, h->action))
			append(&out, &n, _(" (not now)"));
		append(&out, &n, "\n");
	}
	append(&out, &n, "- *?*: ");
	append(&out, &n, _("this help"));
	append(&out, &n, "\n- *Ctrl-L*: ");
	append(&out, &n, _("redraw the screen"));
	append(&out, &n, "\n- *Ctrl-Z*: ");
	/* TRANSLATORS: fg is a shell command: do not translate it. */
	append(&out, &n, _("suspend (type fg to come back)"));
	append(&out, &n, "\n");
	return out;
}

struct item {
	const char *name, *label;
	int keep;
	bool shown;
};

static size_t item_width(const struct item *it)
{
	return (size_t)utf8_strwidth(it->name, strlen(it->name)) + 2 +
	       (size_t)utf8_strwidth(it->label, strlen(it->label));
}

char *keys_bar(const struct binding *b, bool (*enabled)(const void *, int),
	       const char *(*label)(const void *, int), const void *d, int width)
{
	struct item items[32];
	size_t n = 0, total = 0;
	for (; b->action && n < 31; b++) {
		if (!b->label || !b->help || !on(enabled, d, b->action))
			continue;
		const char *l = label ? label(d, b->action) : NULL;
		if (l && !*l)	/* "" keeps it off the bar now */
			continue;
		items[n] = (struct item){ key_label(b->name), i18n_label(l ? l : b->label), b->keep, true };
		total += item_width(&items[n]) + 2;
		n++;
	}
	/* TRANSLATORS: the key bar's label for the ? key: keep it short. */
	items[n] = (struct item){ "?", _("help"), KEEP_ALWAYS, true };
	total += item_width(&items[n++]);
	/* Drop the least important until it fits; the first of equals goes last. */
	while ((int)total > width) {
		size_t worst = n;
		for (size_t i = 0; i < n; i++)
			if (items[i].shown && items[i].keep < KEEP_ALWAYS &&
			    (worst == n || items[i].keep <= items[worst].keep))
				worst = i;
		if (worst == n)
			break;
		items[worst].shown = false;
		total -= item_width(&items[worst]) + 2;
	}
	char *out = xstrdup("");
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		if (!items[i].shown)
			continue;
		if (len)
			append(&out, &len, "  ");
		append(&out, &len, items[i].name);
		append(&out, &len, ": ");
		append(&out, &len, items[i].label);
	}
	return out;
}
