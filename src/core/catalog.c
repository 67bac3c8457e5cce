/* catalog.c - the lesson search path and loading every course along it. */
#include "core/catalog.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ROLLWISE_DATADIR
#define ROLLWISE_DATADIR "/usr/local/share/rollwise/lessons"
#endif

static void add_dir(struct search_path *sp, char *dir)
{
	for (size_t i = 0; i < sp->n; i++) {
		if (!strcmp(sp->dirs[i], dir)) {
			free(dir);
			return;
		}
	}
	sp->dirs = xreallocarray(sp->dirs, sp->n + 1, sizeof *sp->dirs);
	sp->dirs[sp->n++] = dir;
}

/* Adds each entry of a colon-separated list, with suffix appended. */
/* Adds each folder of a colon-separated list with suffix; relative ones
 * only when relative is set (the XDG lists ignore them, as the spec says). */
static void add_list(struct search_path *sp, const char *list, const char *suffix,
		     bool relative)
{
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ":");
		if (n > 0 && (p[0] == '/' || relative))
			add_dir(sp, xasprintf("%.*s%s", (int)n, p, suffix));
		p += n + (p[n] == ':');
	}
}

/* True when this binary sits in the directory it was built in. */
static bool in_build_tree(void)
{
#ifdef ROLLWISE_SRCDIR
	char exe[PATH_MAX], src[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || !realpath(ROLLWISE_SRCDIR, src))
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return strcmp(exe, src) == 0;
#else
	return false;
#endif
}

void search_path_init(struct search_path *sp, char *const *extra, size_t nextra)
{
	*sp = (struct search_path){ 0 };
	for (size_t i = 0; i < nextra; i++)
		add_dir(sp, xstrdup(extra[i]));
	const char *env = getenv("ROLLWISE_LESSONS");
	if (env)
		add_list(sp, env, "", true);	/* relative from here, as --lessons */
	const char *home = getenv("HOME");
	const char *xdh = getenv("XDG_DATA_HOME");
	if (xdh && xdh[0] == '/')
		add_dir(sp, xasprintf("%s/rollwise/lessons", xdh));
	else if (home && home[0] == '/')
		add_dir(sp, xasprintf("%s/.local/share/rollwise/lessons", home));
	const char *xdd = getenv("XDG_DATA_DIRS");
	add_list(sp, xdd && *xdd ? xdd : "/usr/local/share:/usr/share", "/rollwise/lessons",
		 false);
	add_dir(sp, xstrdup(ROLLWISE_DATADIR));
#ifdef ROLLWISE_SRCDIR
	if (in_build_tree())
		add_dir(sp, xstrdup(ROLLWISE_SRCDIR "/lessons"));
#endif
}

void search_path_free(struct search_path *sp)
{
	for (size_t i = 0; i < sp->n; i++)
		free(sp->dirs[i]);
	free(sp->dirs);
	*sp = (struct search_path){ 0 };
}

/* Adds c unless its id is taken: an error within one group (a folder, or the
 * files given to check), a warning when an earlier folder hides it. */
static void add_course(struct catalog *cat, size_t **groups, struct course *c,
		       size_t group, struct diags *d)
{
	struct course *first = catalog_find(cat, c->id);
	if (first) {
		size_t g = 0;
		for (size_t i = 0; i < cat->n; i++)
			if (cat->courses[i] == first)
				g = (*groups)[i];
		if (g == group)
			diag_add(d, DIAG_ERROR, c->path, c->at.line, c->at.col,
				 "course id '%s' is also used by %s", c->id, first->path);
		else
			diag_add(d, DIAG_WARNING, c->path, c->at.line, c->at.col,
				 "course '%s' is hidden by %s, which comes earlier in "
				 "the lesson search path", c->id, first->path);
		course_free(c);
		return;
	}
	cat->courses = xreallocarray(cat->courses, cat->n + 1, sizeof *cat->courses);
	*groups = xreallocarray(*groups, cat->n + 1, sizeof **groups);
	(*groups)[cat->n] = group;
	cat->courses[cat->n++] = c;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_course_name(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return false;
	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/* The course files of a directory, sorted; NULL when it cannot be read. */
static char **list_dir(const char *dir, size_t *count)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return NULL;
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (!is_course_name(e->d_name))
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	*count = n;
	return names ? names : xcalloc(1, sizeof *names);
}

static void load_one(struct catalog *cat, size_t **groups, const char *path,
		     size_t group, struct diags *d)
{
	struct course *c = course_load(path, d);
	if (c)
		add_course(cat, groups, c, group, d);
}

static void load_dir(struct catalog *cat, size_t **groups, const char *dir,
		     size_t group, struct diags *d, bool must_exist)
{
	size_t n = 0;
	char **names = list_dir(dir, &n);
	if (!names) {
		if (must_exist)
			diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot read: %s", strerror(errno));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		load_one(cat, groups, names[i], group, d);
		free(names[i]);
	}
	free(names);
}

/* ASCII letters without case, every other byte as it is: the same order in
 * every locale (byte order of UTF-8 is code point order). */
static int title_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y || x == '\0')
			return (x > y) - (x < y);
	}
}

/* By order (a course without one after every course with one), then
 * title, then id: ids are unique in a catalog, so the order is total. */
static int course_cmp(const void *va, const void *vb)
{
	const struct course *a = *(struct course *const *)va;
	const struct course *b = *(struct course *const *)vb;
	bool na = a->order == COURSE_NO_ORDER, nb = b->order == COURSE_NO_ORDER;
	int c = na != nb ? na - nb : (a->order > b->order) - (a->order < b->order);
	if (!c)
		c = title_cmp(a->title, b->title);
	if (!c)
		c = strcmp(a->title, b->title);
	return c ? c : strcmp(a->id, b->id);
}

/* Sorts after loading, so the first course with an id still wins. */
static void sort_courses(struct catalog *cat)
{
	if (cat->n > 1)
		qsort(cat->courses, cat->n, sizeof *cat->courses, course_cmp);
}

void catalog_load(struct catalog *cat, const struct search_path *sp, struct diags *d)
{
	size_t *groups = NULL;
	*cat = (struct catalog){ 0 };
	for (size_t i = 0; i < sp->n; i++)
		load_dir(cat, &groups, sp->dirs[i], i, d, false);
	free(groups);
	sort_courses(cat);
}

void catalog_load_paths(struct catalog *cat, char *const *paths, size_t n,
			struct diags *d)
{
	size_t *groups = NULL;
	*cat = (struct catalog){ 0 };
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			load_dir(cat, &groups, paths[i], 0, d, true);
		else
			load_one(cat, &groups, paths[i], 0, d);
	}
	free(groups);	sort_courses(cat);
}

struct course *catalog_find(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n; i++)
		if (!strcmp(cat->courses[i]->id, id))
			return cat->courses[i];
	return NULL;
}

void catalog_free(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		course_free(cat->courses[i]);
	free(cat->courses);
	*cat = (struct catalog){ 0 };
}
