/* catalog.h - the lesson search path and the courses found along it. */
#ifndef ROLLWISE_CATALOG_H
#define ROLLWISE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/course.h"
#include "core/diag.h"

struct search_path {
	char **dirs;
	size_t n;
};

/* Most bytes of course files one catalog loads: about 50 times the bundled
 * courses. A file that would go past it, and every file after it, is left
 * out (catalog.capped names the first). */
#define CATALOG_MAX_BYTES (8 * 1024 * 1024)

struct catalog_slot;

struct catalog {
	struct course **courses;	/* one per id, in menu order (catalog_load) */
	size_t n;
	char *capped;		/* the first file left out by CATALOG_MAX_BYTES, or NULL */
	struct catalog_slot *index;	/* the courses by id (open addressing) */
	size_t index_size;
};

/* Builds the search path: the extra dirs (from --lessons) first, then
 * ROLLWISE_LESSONS, XDG_DATA_HOME, XDG_DATA_DIRS, the install dir and, when
 * running from the build tree, its lessons/. The caller frees it. */
void search_path_init(struct search_path *sp, char *const *extra, size_t nextra);
/* Frees the path list. */
void search_path_free(struct search_path *sp);
/* Loads every course file in each dir of sp (missing dirs are skipped, a
 * folder met twice is read once). Files with errors are left out and
 * reported in d; a course whose id an earlier one already has is left out
 * with a warning. Loading stops at CATALOG_MAX_BYTES. The courses are then
 * sorted by their 'order', those without one last, then by title and id. */
void catalog_load(struct catalog *cat, const struct search_path *sp, struct diags *d);
/* Loads the given files and directories (for "rollwise check"); a path that cannot be read is an error in d. Same shadowing,
 * limit and order as catalog_load. */
void catalog_load_paths(struct catalog *cat, char *const *paths, size_t n,
			struct diags *d);
/* Adds c to cat (a catalog of courses made in memory, or {0}) at the end,
 * taking it; false, leaving c to the caller, when the id is taken. */
bool catalog_add(struct catalog *cat, struct course *c);
/* The course with this id, or NULL; the catalog owns it. */
struct course *catalog_find(const struct catalog *cat, const char *id);
/* Frees every course and the lists. */
void catalog_free(struct catalog *cat);

#endif
