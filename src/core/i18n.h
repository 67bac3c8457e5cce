/* i18n.h - gettext for user-visible text: _() translates now, N_() marks a
 * string in a static table to be translated where it is used. */
#ifndef ROLLWISE_I18N_H
#define ROLLWISE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* s translated in a context, where the same English word needs two
 * translations ("review": a verb on a key, a noun in a table). */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

static inline const char *i18n_pgettext(const char *id, const char *s)
{
	const char *t = gettext(id);
	return t == id ? s : t;
}

#endif
