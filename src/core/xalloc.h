/* xalloc.h - allocation that never returns NULL; out of memory is fatal. */
#ifndef ROLLWISE_XALLOC_H
#define ROLLWISE_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Called on allocation failure; must not return. main sets it once to
 * die(), which gives the terminal back and exits 1; without it (unit
 * tests, tools) it prints and abort()s. */
extern void (*xalloc_fail)(void);

/* malloc that dies on failure; caller frees. */
void *xmalloc(size_t n);
/* calloc that dies on failure or overflow; caller frees. */
void *xcalloc(size_t nmemb, size_t size);
/* realloc of nmemb*size that dies on failure or overflow; caller frees. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* strdup that dies on failure; caller frees. */
char *xstrdup(const char *s);
/* strndup that dies on failure; caller frees. */
char *xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* vprintf into a new string; caller frees. */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
