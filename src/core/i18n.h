/* i18n.h - gettext for user-visible text: _() translates now, N_() marks a
 * string in a static table to be translated where it is used. */
#ifndef ROLLWISE_I18N_H
#define ROLLWISE_I18N_H

#include <libintl.h>
#include <string.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* s translated in a context, where the same English word needs two
 * translations ("review": a verb on a key, a noun in a table). */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* Marks s, in a context, for a table; i18n_label translates it where shown. */
#define NC_(ctx, s) (ctx "\004" s)

static inline const char *i18n_pgettext(const char *id, const char *s)
{
	const char *t = gettext(id);
	return t == id ? s : t;
}

/* s (N_() or NC_()) translated; an NC_() string without a translation is
 * its English, after the context. */
static inline const char *i18n_label(const char *s)
{
	const char *t = gettext(s), *ctx_end;
	if (t != s)
		return t;
	ctx_end = strchr(s, '\004');
	return ctx_end ? ctx_end + 1 : s;
}

#endif
