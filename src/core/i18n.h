/* i18n.h - gettext for user-visible text: _() translates now, N_() marks a
 * string in a static table to be translated where it is used. */
#ifndef ROLLWISE_I18N_H
#define ROLLWISE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
