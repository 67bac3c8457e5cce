/* translation.h - a course's text in another language, from a file beside
 * the course (basics.pt_BR.yaml beside basics.yaml) keyed by its ids. */
#ifndef ROLLWISE_TRANSLATION_H
#define ROLLWISE_TRANSLATION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/course.h"
#include "core/diag.h"

struct translation;

/* True when s names a language as LL, LLL or LL_CC (pt, pt_BR). */
bool lang_name_ok(const char *s, size_t n);
/* When the file name is a translation's (NAME.LL.yaml, NAME.LL_CC.yml),
 * the length of its NAME and of its language, else false. */
bool translation_name(const char *name, size_t *stem, size_t *lang);
/* Reads the translation in buf (name is used in messages) against the
 * course c: ids c lacks, a wrong header and a newer version are errors in
 * d; text it lacks and an older version are warnings. NULL when it had
 * errors; the caller frees it. */
struct translation *translation_load_mem(const char *name, const char *buf, size_t len,
					 const struct course *c, struct diags *d);
/* Same for the file open on fd (the caller still owns fd). */
struct translation *translation_load_fd(int fd, const char *path, const struct course *c,
					struct diags *d);
/* Frees a translation; NULL is fine. */
void translation_free(struct translation *t);
/* Puts t's text into c, the course it was read against. Text t lacks, and
 * all of it when t is older than c, stays the original with the mark
 * "[untranslated]" before it; lesson_hash stays that of the original. */
void translation_apply(const struct translation *t, struct course *c);

#endif
