/* keys.h - key bindings, declared once per screen as a table; the dispatch,
 * the '?' help and the key bar are all made from it. */
#ifndef ROLLWISE_KEYS_H
#define ROLLWISE_KEYS_H

#include <stdbool.h>

#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27
/* Any Enter: '\n', '\r' or the keypad's. */
#define KEY_ANY_ENTER (-2)

/* One key of an action. The first binding of an action carries its help
 * text and its place in the key bar; later ones with the same action are
 * other keys for it (help NULL). */
struct binding {
	int key;		/* a character, a KEY_* code or KEY_ANY_ENTER */
	int action;		/* 0 ends the table */
	const char *name;	/* how the key is written: N_("Enter"), "j"; NULL:
				 * not named in the help (2 to 9 after "1-9") */
	const char *label;	/* the key bar's word (N_("next")), NULL: not on the bar */
	const char *help;	/* the help line (N_()), NULL for another key of an action */
	int keep;		/* key bar priority: the lowest goes first when
				 * the bar is too wide; KEEP_ALWAYS never goes */
};

#define KEEP_ALWAYS 100

/* The action bound to key ch, or 0. */
int keys_action(const struct binding *b, int ch);
/* The help body (page markup: one bullet per action, with all its keys,
 * translated); enabled (may be NULL) marks actions that do nothing now.
 * Caller frees. */
char *keys_help(const struct binding *b, bool (*enabled)(const void *, int),
		const void *d);
/* The key bar for width columns: the actions on the bar that are enabled,
 * with label (may be NULL) giving the label now (untranslated, as N_()
 * marks it; "" to leave it off), dropping the lowest priority first;
 * "?: help" ends it. Labels are translated here. Caller frees. */
char *keys_bar(const struct binding *b, bool (*enabled)(const void *, int),
	       const char *(*label)(const void *, int), const void *d, int width);

#endif
