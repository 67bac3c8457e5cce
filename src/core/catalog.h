/* catalog.h - the lesson search path and the courses found along it. */
#ifndef ROLLWISE_CATALOG_H
#define ROLLWISE_CATALOG_H

#include <stddef.h>

#include "core/course.h"
#include "core/diag.h"

struct search_path {
	char **dirs;
	size_t n;
};

struct catalog {
	struct course **courses;	/* one per id, in menu order (catalog_load) */
	size_t n;
};

/* Builds the search path: the extra dirs (from --lessons) first, then
 * ROLLWISE_LESSONS, XDG_DATA_HOME, XDG_DATA_DIRS, the install dir and, when
 * running from the build tree, its lessons/. The caller frees it. */
void search_path_init(struct search_path *sp, char *const *extra, size_t nextra);
/* Frees the path list. */
void search_path_free(struct search_path *sp);
/* Loads every course file in each dir of sp (missing dirs are skipped).
 * Files with errors are left out and reported in d; a course whose id an
 * earlier one already has is left out with a warning. The courses are then
 * sorted by their 'order', those without one last, then by title and id. */
void catalog_load(struct catalog *cat, const struct search_path *sp, struct diags *d);
/* Loads the given files and directories (for "rollwise check"); a path that
 * cannot be read is an error in d. Same shadowing and order as catalog_load. */
void catalog_load_paths(struct catalog *cat, char *const *paths, size_t n,
			struct diags *d);
/* The course with this id, or NULL; the catalog owns it. */
struct course *catalog_find(const struct catalog *cat, const char *id);
/* Frees every course and the list. */
void catalog_free(struct catalog *cat);

#endif
