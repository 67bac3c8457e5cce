/* catalog.h - the lesson search path and the courses found along it. */
#ifndef ROLLWISE_CATALOG_H
#define ROLLWISE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/cache.h"
#include "core/course.h"
#include "core/diag.h"

/* What a folder of the search path is. */
enum {
	SEARCH_NAMED = 1,	/* named by the learner (--lessons, or to check) */
	SEARCH_BUNDLED = 2,	/* installed for everyone: XDG_DATA_DIRS, the
				 * install folder, the build tree's lessons/ */
};

struct search_path {
	char **dirs;
	size_t n;
	unsigned *kinds;	/* SEARCH_* of each dir; NULL: none */
	/* The languages to show courses in, best first, as LL_CC or LL; NULL
	 * or empty: each course in its own. Not owned; set by the caller. */
	char *const *langs;
	size_t nlangs;
	bool all_translations;	/* read every translation (for check), apply none */
	/* Courses loaded before (cache.h): taken from it when their files are
	 * unchanged, and put in it when read. NULL: none. Not owned. */
	struct cache *cache;
};

/* Most bytes of course files one catalog loads: about 50 times the bundled
 * courses. A file that would go past it, and every file after it, is left
 * out (catalog.capped names the first). */
#define CATALOG_MAX_BYTES (8 * 1024 * 1024)

/* Why other users could change a lesson folder or course file. */
enum {
	TRUST_GROUP = 1,	/* writable by its group (a folder: without the sticky bit) */
	TRUST_OTHERS = 2,	/* writable by everyone (the same) */
	TRUST_OWNER = 4,	/* owned by another user, neither we nor root */
};

/* A lesson folder or course file that other users can change. */
struct untrusted {
	char *path;
	unsigned why;		/* TRUST_* */
	unsigned long owner;	/* its owner's uid */
	bool loaded;		/* named (--lessons): loaded all the same */
};

struct catalog_slot;

struct catalog {
	struct course **courses;	/* one per id, in menu order (catalog_load) */
	size_t n;
	struct untrusted *untrusted;	/* in search path order */
	size_t nuntrusted;
	char *capped;		/* the first file left out by CATALOG_MAX_BYTES, or NULL */
	struct catalog_slot *index;	/* the courses by id (open addressing) */
	size_t index_size;
	size_t cached;		/* courses taken from search_path.cache */
};

/* True when this binary sits in the directory it was built in (make run);
 * with variants, also when it sits under its build/ (VARIANT=asan, debug). */
bool catalog_in_build_tree(bool variants);
/* Builds the search path: the extra dirs (from --lessons) first, then
 * ROLLWISE_LESSONS, XDG_DATA_HOME, XDG_DATA_DIRS, the install dir and, when
 * running from the build tree, its lessons/; each with its kind. The
 * caller frees it. */
void search_path_init(struct search_path *sp, char *const *extra, size_t nextra);
/* Frees the path list. */
void search_path_free(struct search_path *sp);
/* Loads every course file in each dir of sp (missing dirs are skipped, a
 * folder met twice is read once), with its translation (NAME.LL_CC.yaml,
 * else NAME.LL.yaml beside NAME.yaml) for the first of sp->langs that has
 * one; translation files are never loaded as courses. Files with errors are left out and
 * reported in d; a course whose id an earlier one already has is left out
 * with a warning, and a bundled one marks the course that hides it
 * (course.replaces). A folder or file other users can change is left out
 * unless SEARCH_NAMED, and listed in cat->untrusted either way. Loading
 * stops at CATALOG_MAX_BYTES. The courses are then sorted by their 'order',
 * those without one last, then by title and id. */
void catalog_load(struct catalog *cat, const struct search_path *sp, struct diags *d);
/* Loads the given files and directories (for "rollwise check"), as named
 * folders, and reads every translation beside each course, applying none;
 * a translation named by itself is read with its course (NAME.yaml beside
 * it). A path that cannot be read is an error in d. Same shadowing, limit
 * and order as catalog_load. */
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
