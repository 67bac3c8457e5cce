/* lang.h - the locale and the language of messages, set once in main. */
#ifndef ROLLWISE_LANG_H
#define ROLLWISE_LANG_H

#include <stddef.h>

/* Sets the locale from the environment and the "rollwise" text domain;
 * lang (from --lang, or NULL) names the message language over the
 * environment. Messages follow the environment's language even when its
 * locale is not installed. */
void lang_init(const char *lang);
/* The languages to show courses in, best first (LL_CC or LL), as gettext
 * chooses them: --lang, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG; none
 * under C or POSIX. Set by lang_init; the list is static. */
char *const *lang_courses(size_t *n);
/* The value of --lang in argv, or NULL, so that lang_init can run before
 * options are parsed and their errors are translated. */
const char *lang_arg(int argc, char **argv);
/* True when s looks like a language name for --lang: LL or LL_CC. */
int lang_valid(const char *s);

#endif
