/* lang.c - the locale and the language of messages.
 *
 * Minimal systems have only C.UTF-8: LANG=pt_BR.UTF-8 then makes
 * setlocale(LC_ALL, "") fail. We fall back to C.UTF-8 for the character
 * type and messages, and name the language in LANGUAGE, which glibc's
 * gettext honours whenever LC_MESSAGES is not "C". Messages are always
 * UTF-8 here, as all text in rollwise is; core/charset.c converts what is
 * shown for a terminal that is not UTF-8. */
#include "lang.h"
#include "core/catalog.h"
#include "core/charset.h"
#include "core/i18n.h"
#include "core/translation.h"
#include "core/xalloc.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef ROLLWISE_LOCALEDIR
#define ROLLWISE_LOCALEDIR "/usr/local/share/locale"
#endif

const char *lang_arg(int argc, char **argv)
{
	const char *lang = NULL;
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[++i];
		else if (!strncmp(argv[i], "--lang=", 7))
			lang = argv[i] + 7;
	}
	return lang;
}

int lang_valid(const char *s)
{
	return lang_name_ok(s, strlen(s));
}

/* The languages to show courses in, best first (lang_courses). */
static char **course_langs;
static size_t ncourse_langs;

/* Adds the language of the locale or LANGUAGE entry s (n bytes), without
 * its .codeset and @modifier, unless it is C, POSIX or not a language. */
static void course_lang_add(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[k] != '.' && s[k] != '@')
		k++;
	if (!lang_name_ok(s, k))
		return;
	for (size_t i = 0; i < ncourse_langs; i++)
		if (strlen(course_langs[i]) == k && !strncmp(course_langs[i], s, k))
			return;
	course_langs = xreallocarray(course_langs, ncourse_langs + 1, sizeof *course_langs);
	course_langs[ncourse_langs++] = xstrndup(s, k);
}

/* As gettext chooses: --lang, else LANGUAGE's list unless the locale is C
 * or POSIX, then the locale of messages (LC_ALL, LC_MESSAGES, LANG). Read
 * before lang_init changes LANGUAGE. */
static void course_langs_init(const char *lang)
{
	if (lang && *lang) {
		course_lang_add(lang, strlen(lang));
		return;
	}
	const char *v, *loc = NULL;
	if (((v = getenv("LC_ALL")) && *v) || ((v = getenv("LC_MESSAGES")) && *v) ||
	    ((v = getenv("LANG")) && *v))
		loc = v;
	if (!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
		return;
	const char *language = getenv("LANGUAGE");
	for (const char *p = language ? language : ""; *p;) {
		size_t n = strcspn(p, ":");
		course_lang_add(p, n);
		p += n + (p[n] == ':');
	}
	course_lang_add(loc, strlen(loc));
}

char *const *lang_courses(size_t *n)
{
	*n = ncourse_langs;
	return course_langs;
}

/* The first of the variables that is set and not empty, as setlocale reads them. */
static const char *env_first(const char *a, const char *b)
{
	const char *v;
	if ((v = getenv("LC_ALL")) && *v)
		return v;
	if ((v = getenv(a)) && *v)
		return v;
	if (b && (v = getenv(b)) && *v)
		return v;
	return NULL;
}

static bool names_utf8(const char *name)
{
	const char *dot = name ? strchr(name, '.') : NULL;
	return dot && (!strncasecmp(dot + 1, "UTF-8", 5) || !strncasecmp(dot + 1, "utf8", 4));
}

/* The environment names a locale that is not installed: C.UTF-8 when it
 * asked for UTF-8, and its language (without codeset) in LANGUAGE. */
static void locale_fallback(void)
{
	const char *ctype = env_first("LC_CTYPE", "LANG");
	const char *msgs = env_first("LC_MESSAGES", "LANG");
	if (!setlocale(LC_ALL, names_utf8(ctype) ? "C.UTF-8" : "C"))
		setlocale(LC_ALL, "C");
	const char *language = getenv("LANGUAGE");
	if (!msgs || !strcmp(msgs, "C") || !strcmp(msgs, "POSIX") || !strncmp(msgs, "C.", 2))
		return;
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		return;
	if (!language || !*language) {
		char *ll = xstrndup(msgs, strcspn(msgs, ".@"));
		setenv("LANGUAGE", ll, 1);
		free(ll);
	}
}

void lang_init(const char *lang)
{
	course_langs_init(lang);
	if (!setlocale(LC_ALL, ""))
		locale_fallback();
	if (lang && *lang) {
		setenv("LANGUAGE", lang, 1);
		/* "C" messages ignore LANGUAGE. */
		const char *m = setlocale(LC_MESSAGES, NULL);
		if (m && (!strcmp(m, "C") || !strcmp(m, "POSIX")))
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
#ifdef ROLLWISE_SRCDIR
	bindtextdomain("rollwise", catalog_in_build_tree(true) ? ROLLWISE_SRCDIR "/build/locale"
							   : ROLLWISE_LOCALEDIR);
#else
	bindtextdomain("rollwise", ROLLWISE_LOCALEDIR);
#endif
	textdomain("rollwise");
	bind_textdomain_codeset("rollwise", "UTF-8");
	charset_init();
}
