/* catalog.c - the lesson search path and loading every course along it. */
#include "core/catalog.h"
#include "core/i18n.h"
#include "core/hash.h"
#include "core/translation.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ROLLWISE_DATADIR
#define ROLLWISE_DATADIR "/usr/local/share/rollwise/lessons"
#endif

/* Adds dir of this kind (SEARCH_*); a dir already there takes the kind too. */
static void add_dir(struct search_path *sp, char *dir, unsigned kind)
{
	for (size_t i = 0; i < sp->n; i++) {
		if (!strcmp(sp->dirs[i], dir)) {
			sp->kinds[i] |= kind;
			free(dir);
			return;
		}
	}
	sp->dirs = xreallocarray(sp->dirs, sp->n + 1, sizeof *sp->dirs);
	sp->kinds = xreallocarray(sp->kinds, sp->n + 1, sizeof *sp->kinds);
	sp->kinds[sp->n] = kind;
	sp->dirs[sp->n++] = dir;
}

/* Adds each folder of a colon-separated list with suffix; relative ones
 * only when relative is set (the XDG lists ignore them, as the spec says). */
static void add_list(struct search_path *sp, const char *list, const char *suffix,
		     bool relative, unsigned kind)
{
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ":");
		if (n > 0 && (p[0] == '/' || relative))
			add_dir(sp, xasprintf("%.*s%s", (int)n, p, suffix), kind);
		p += n + (p[n] == ':');
	}
}

bool catalog_in_build_tree(bool variants)
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
	size_t k = strlen(src);
	if (variants && !strncmp(exe, src, k) && !strncmp(exe + k, "/build/", 7))
		return true;	/* build/asan/rollwise, build/debug/rollwise */
	return strcmp(exe, src) == 0;
#else
	return false;
#endif
}

void search_path_init(struct search_path *sp, char *const *extra, size_t nextra)
{
	*sp = (struct search_path){ 0 };
	for (size_t i = 0; i < nextra; i++)
		add_dir(sp, xstrdup(extra[i]), SEARCH_NAMED);
	const char *env = getenv("ROLLWISE_LESSONS");
	if (env)	/* relative from here, as --lessons */
		add_list(sp, env, "", true, 0);
	const char *home = getenv("HOME");
	const char *xdh = getenv("XDG_DATA_HOME");
	if (xdh && xdh[0] == '/')
		add_dir(sp, xasprintf("%s/rollwise/lessons", xdh), 0);
	else if (home && home[0] == '/')
		add_dir(sp, xasprintf("%s/.local/share/rollwise/lessons", home), 0);
	const char *xdd = getenv("XDG_DATA_DIRS");
	add_list(sp, xdd && *xdd ? xdd : "/usr/local/share:/usr/share", "/rollwise/lessons",
		 false, SEARCH_BUNDLED);
	add_dir(sp, xstrdup(ROLLWISE_DATADIR), SEARCH_BUNDLED);
#ifdef ROLLWISE_SRCDIR
	if (catalog_in_build_tree(false))
		add_dir(sp, xstrdup(ROLLWISE_SRCDIR "/lessons"), SEARCH_BUNDLED);
#endif
}

void search_path_free(struct search_path *sp)
{
	for (size_t i = 0; i < sp->n; i++)
		free(sp->dirs[i]);
	free(sp->dirs);
	free(sp->kinds);
	*sp = (struct search_path){ 0 };
}

/* One course in the id index; group is the folder it came from. */
struct catalog_slot {
	struct course *c;
	size_t group;
	bool bundled;		/* from a SEARCH_BUNDLED folder */
};

/* What one catalog_load has done so far. */
struct loading {
	struct catalog *cat;
	struct diags *d;
	size_t group;		/* ids clash within a group, hide across groups */
	unsigned kind;		/* SEARCH_* of the group */
	size_t bytes;		/* of the courses loaded */
	struct stat *dirs;	/* the folders read (device and inode) */
	size_t ndirs;
	const struct search_path *sp;	/* the languages; NULL for check */
	bool all;		/* read every translation, apply none (check) */
};

/* The slot holding id, or the empty one where it would go. */
static struct catalog_slot *slot_of(const struct catalog *cat, const char *id)
{
	size_t mask = cat->index_size - 1, i = hash_str(id) & mask;
	while (cat->index[i].c && strcmp(cat->index[i].c->id, id) != 0)
		i = (i + 1) & mask;
	return &cat->index[i];
}

/* Keeps the index at most half full, so probes stay short. */
static void index_reserve(struct catalog *cat)
{
	if (cat->index_size > 2 * (cat->n + 1))
		return;
	struct catalog_slot *old = cat->index;
	size_t n = cat->index_size;
	cat->index_size = n ? 2 * n : 64;
	cat->index = xcalloc(cat->index_size, sizeof *cat->index);
	for (size_t i = 0; i < n; i++)
		if (old[i].c)
			*slot_of(cat, old[i].c->id) = old[i];
	free(old);
}

/* Puts c in the catalog unless its id is taken; returns the slot of the id,
 * which holds the other course when it was. */
static struct catalog_slot *insert(struct catalog *cat, struct course *c)
{
	index_reserve(cat);
	struct catalog_slot *s = slot_of(cat, c->id);
	if (s->c)
		return s;
	*s = (struct catalog_slot){ .c = c };
	cat->courses = xreallocarray(cat->courses, cat->n + 1, sizeof *cat->courses);
	cat->courses[cat->n++] = c;
	return s;
}

bool catalog_add(struct catalog *cat, struct course *c)
{
	return insert(cat, c)->c == c;
}

/* Adds c unless its id is taken: an error within one group (a folder, or the
 * files given to check), a warning when an earlier folder hides it. */
static void add_course(struct loading *L, struct course *c)
{
	bool bundled = L->kind & SEARCH_BUNDLED;
	struct catalog_slot *s = insert(L->cat, c);
	if (s->c == c) {
		s->group = L->group;
		s->bundled = bundled;
		return;
	}
	if (s->group == L->group)
		diag_add(L->d, DIAG_ERROR, c->path, c->at.line, c->at.col,
			 N_("course id '%s' is also used by %s"), c->id, s->c->path);
	else
		diag_add(L->d, DIAG_WARNING, c->path, c->at.line, c->at.col,
			 N_("course '%s' is hidden by %s, which comes earlier in "
			 "the lesson search path"), c->id, s->c->path);
	if (bundled && !s->bundled && !s->c->replaces)
		s->c->replaces = xstrdup(c->path);
	course_free(c);
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

/* The names of the course files in dp, sorted. */
static char **list_dir(DIR *dp, size_t *count)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (!is_course_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	*count = n;
	return names;
}

/* Why other users could change the folder or file st (TRUST_*), or 0. */
static unsigned trust_problems(const struct stat *st)
{
	/* In a sticky folder (/tmp) others may add files, which are theirs and
	 * so refused one by one, but cannot replace ours. */
	bool sticky = S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX);
	unsigned why = 0;
	if ((st->st_mode & S_IWGRP) && !sticky)
		why |= TRUST_GROUP;
	if ((st->st_mode & S_IWOTH) && !sticky)
		why |= TRUST_OTHERS;
	if (st->st_uid != 0 && st->st_uid != geteuid())
		why |= TRUST_OWNER;
	return why;
}

/* False when other users could change the folder or file at path (its
 * st from the open descriptor) and it was not named: then it is not to be
 * loaded. Either way such a path is listed in the catalog. */
static bool trusted(struct loading *L, const char *path, const struct stat *st)
{
	unsigned why = trust_problems(st);
	if (!why)
		return true;
	struct catalog *cat = L->cat;
	bool load = L->kind & SEARCH_NAMED;
	cat->untrusted = xreallocarray(cat->untrusted, cat->nuntrusted + 1,
				       sizeof *cat->untrusted);
	cat->untrusted[cat->nuntrusted++] = (struct untrusted){
		xstrdup(path), why, (unsigned long)st->st_uid, load };
	return load;
}

/* True when the file open on fd is to be read: the catalog has room for
 * it, and it is trusted or named; else closes fd (the first file past the
 * cap is named in the catalog). */
static bool admit(struct loading *L, int fd, const char *path, struct stat *st)
{
	*st = (struct stat){ 0 };
	if (L->cat->capped) {
		close(fd);
		return false;
	}
	bool regular = fstat(fd, st) == 0 && S_ISREG(st->st_mode);
	if (regular && !trusted(L, path, st)) {
		close(fd);
		return false;
	}
	if (regular && st->st_size <= COURSE_MAX_BYTES &&
	    L->bytes + (size_t)st->st_size > CATALOG_MAX_BYTES) {
		L->cat->capped = xstrdup(path);
		close(fd);
		return false;
	}
	return true;
}

/* The course in the file open on fd (closed), or NULL; *st is its fstat. */
static struct course *course_from(struct loading *L, int fd, const char *path,
				  struct stat *st)
{
	if (!admit(L, fd, path, st))
		return NULL;
	struct course *c = course_load_fd(fd, path, L->d);
	close(fd);
	if (c)
		L->bytes += (size_t)st->st_size;
	return c;
}

/* Opens name in the folder dirfd (its path dir); -1 when reported. */
static int open_at(struct loading *L, int dirfd, const char *path, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		diag_add(L->d, DIAG_ERROR, path, 0, 0, N_("cannot open: %s"), strerror(errno));
	return fd;
}

static char *join(const char *dir, const char *name)
{
	return *dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
}

/* Reads the translation name in dirfd against c; applies it unless
 * checking. Its errors go to d and leave c as it is. True when it was read
 * and is valid, with its fstat in *st. */
static bool translate_with(struct loading *L, struct course *c, int dirfd,
			   const char *dir, const char *name, struct stat *st)
{
	char *path = join(dir, name);
	bool ok = false;
	int fd = open_at(L, dirfd, path, name);
	if (fd >= 0 && admit(L, fd, path, st)) {
		struct translation *t = translation_load_fd(fd, path, c, L->d);
		close(fd);
		L->bytes += (size_t)st->st_size;
		if (t && !L->all)
			translation_apply(t, c);
		ok = t != NULL;
		translation_free(t);
	}
	free(path);
	return ok;
}

/* The names (sorted) that start with the len bytes of prefix are
 * names[*first] to names[end - 1]: found by halving, so that a folder of
 * many courses is not scanned once per course. Returns end. */
static size_t with_prefix(char *const *names, size_t count, const char *prefix, size_t len,
			  size_t *first)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(names[mid], prefix, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (hi < count && !strncmp(names[hi], prefix, len))
		hi++;
	return hi;
}

/* The name among names of the translation of the course file name (its
 * NAME stem bytes long) into lang (n bytes of it), or NULL. */
static const char *translation_for(char *const *names, size_t count, const char *name,
				   size_t stem, const char *lang, size_t n)
{
	size_t i, end = with_prefix(names, count, name, stem + 1, &i), s, l;
	for (; i < end; i++)
		if (translation_name(names[i], &s, &l) && s == stem && l == n &&
		    !strncmp(names[i] + s + 1, lang, n))
			return names[i];
	return NULL;
}

/* The translation of the course file name among the names of its folder
 * to show it in: the first of the languages that has one, or NULL. */
static const char *chosen(const struct loading *L, const char *name,
			  char *const *names, size_t count)
{
	size_t stem = (size_t)(strrchr(name, '.') - name);
	for (size_t k = 0; L->sp && k < L->sp->nlangs; k++) {
		const char *lang = L->sp->langs[k];
		size_t n = strlen(lang), ll = strcspn(lang, "_");
		const char *t = translation_for(names, count, name, stem, lang, n);
		if (!t && ll < n)
			t = translation_for(names, count, name, stem, lang, ll);
		if (t)
			return t;
	}
	return NULL;
}

/* Reads the translations of the course file name among the names of its
 * folder: every one when checking, else tname, the chosen one (see
 * chosen()), whose fstat goes to *tst. True unless a translation was to be
 * applied and could not be. */
static bool translate(struct loading *L, struct course *c, int dirfd, const char *dir,
		      const char *name, char *const *names, size_t count,
		      const char *tname, struct stat *tst)
{
	if (L->all) {
		size_t stem = (size_t)(strrchr(name, '.') - name), s, l, i;
		size_t end = with_prefix(names, count, name, stem + 1, &i);
		for (; i < end; i++)
			if (translation_name(names[i], &s, &l) && s == stem)
				translate_with(L, c, dirfd, dir, names[i], tst);
		return true;
	}
	return !tname || translate_with(L, c, dirfd, dir, tname, tst);
}

/* Takes the course file at path (open on fd) with its translation tname
 * from the cache, when both are trusted, fit under the cap and are the
 * very files it was made from; true when it did (fd is then closed).
 * Anything else is left to the YAML, which reports it. */
static bool from_cache(struct loading *L, int fd, int dirfd, const char *dir,
		       const char *path, const char *tname)
{
	struct stat st, tst = { 0 };
	if (L->cat->capped || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    trust_problems(&st) || st.st_size > COURSE_MAX_BYTES)
		return false;
	char *tpath = tname ? join(dir, tname) : NULL;
	int tfd = tname ? openat(dirfd, tname, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY) : -1;
	bool usable = !tname || (tfd >= 0 && fstat(tfd, &tst) == 0 && S_ISREG(tst.st_mode) &&
				 !trust_problems(&tst) && tst.st_size <= COURSE_MAX_BYTES);
	if (tfd >= 0)
		close(tfd);
	size_t bytes = L->bytes + (size_t)st.st_size + (size_t)tst.st_size;
	struct course *c = usable && bytes <= CATALOG_MAX_BYTES
		? cache_get(L->sp->cache, path, &st, tpath, &tst) : NULL;
	free(tpath);
	if (!c)
		return false;
	close(fd);
	L->bytes = bytes;
	L->cat->cached++;
	add_course(L, c);
	return true;
}

/* Loads the course file name in the folder dirfd (its path dir), with its
 * translations from the names in the folder: from the cache when it can,
 * and into it when read without an error. */
static void load_at(struct loading *L, int dirfd, const char *dir, const char *name,
		    char *const *names, size_t count)
{
	struct cache *cache = L->sp && !L->all ? L->sp->cache : NULL;
	char *path = xasprintf("%s/%s", dir, name);
	int fd = open_at(L, dirfd, path, name);
	const char *tname = L->all ? NULL : chosen(L, name, names, count);
	if (fd >= 0 && cache && from_cache(L, fd, dirfd, dir, path, tname)) {
		free(path);
		return;
	}
	size_t errors = L->d ? L->d->errors : 0;
	struct stat st, tst = { 0 };
	struct course *c = fd >= 0 ? course_from(L, fd, path, &st) : NULL;
	if (c) {
		bool clean = translate(L, c, dirfd, dir, name, names, count, tname, &tst);
		if (cache && clean && (!L->d || L->d->errors == errors)) {
			char *tpath = tname ? join(dir, tname) : NULL;
			cache_put(cache, path, &st, tpath, &tst, c);
			free(tpath);
		}
		add_course(L, c);
	}
	free(path);
}

/* True when the folder st is one this load has read already (the same
 * folder by two names on the path); else remembers it. */
static bool seen_dir(struct loading *L, const struct stat *st)
{
	for (size_t i = 0; i < L->ndirs; i++)
		if (L->dirs[i].st_dev == st->st_dev && L->dirs[i].st_ino == st->st_ino)
			return true;
	L->dirs = xreallocarray(L->dirs, L->ndirs + 1, sizeof *L->dirs);
	L->dirs[L->ndirs++] = *st;
	return false;
}

/* Reports a translation (dir/name, or name when dir is NULL) without its
 * course, whose path is the first stem bytes of the name and ".yaml". */
static void orphan(struct loading *L, enum diag_level level, const char *dir,
		   const char *name, size_t stem)
{
	char *path = dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
	diag_add(L->d, level, path, 0, 0, N_("no course file %.*s.yaml beside this "
		 "translation; it is not read"), (int)stem, name);
	free(path);
}

/* True when names has the course file (NAME.yaml or NAME.yml) of the
 * translation name, whose NAME is stem bytes long. */
static bool course_beside(char *const *names, size_t n, const char *name, size_t stem)
{
	size_t i, end = with_prefix(names, n, name, stem + 1, &i);
	for (; i < end; i++)
		if (!strcmp(names[i] + stem, ".yaml") || !strcmp(names[i] + stem, ".yml"))
			return true;
	return false;
}

/* Loads every course file of the folder open on dfd (closing it). */
static void load_dir_fd(struct loading *L, int dfd, const char *dir)
{
	struct stat st;
	DIR *dp;
	if (L->cat->capped || fstat(dfd, &st) != 0 || seen_dir(L, &st) ||
	    !trusted(L, dir, &st) || (dp = fdopendir(dfd)) == NULL) {
		close(dfd);
		return;
	}
	size_t n = 0, s, l;
	char **names = list_dir(dp, &n);
	for (size_t i = 0; i < n; i++)
		if (!translation_name(names[i], &s, &l))
			load_at(L, dirfd(dp), dir, names[i], names, n);
		else if (L->all && !course_beside(names, n, names[i], s))
			orphan(L, DIAG_WARNING, dir, names[i], s);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(dp);
}

static void load_dir(struct loading *L, const char *dir, bool must_exist)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0)
		load_dir_fd(L, dfd, dir);
	else if (must_exist)
		diag_add(L->d, DIAG_ERROR, dir, 0, 0, N_("cannot read: %s"), strerror(errno));
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
	*cat = (struct catalog){ 0 };
	struct loading L = { .cat = cat, .d = d, .sp = sp, .all = sp->all_translations };
	for (L.group = 0; L.group < sp->n; L.group++) {
		L.kind = sp->kinds ? sp->kinds[L.group] : 0;
		load_dir(&L, sp->dirs[L.group], false);
	}
	free(L.dirs);
	sort_courses(cat);
}

/* The course with this path in the catalog, or NULL. */
static struct course *loaded(const struct catalog *cat, const char *path)
{
	for (size_t i = 0; i < cat->n; i++)
		if (!strcmp(cat->courses[i]->path, path))
			return cat->courses[i];
	return NULL;
}

/* Opens the course file of the translation at path (its NAME stem bytes
 * long, from the start of path): NAME.yaml, else NAME.yml; -1 when neither
 * opens. *cpath gets its path (caller frees). */
static int course_of(const char *path, size_t stem, char **cpath)
{
	*cpath = xasprintf("%.*s.yaml", (int)stem, path);
	int fd = open(*cpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		free(*cpath);
		*cpath = xasprintf("%.*s.yml", (int)stem, path);
		fd = open(*cpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	}
	return fd;
}

/* Checks the translation name (at path, in the folder dp, its NAME stem
 * bytes long) with its course, unless that course was loaded already: then
 * its translations were read with it. */
static void load_translation(struct loading *L, DIR *dp, const char *dir, const char *path,
			     const char *name, size_t stem)
{
	char *cpath;
	struct stat st;
	size_t len = stem + (size_t)(name - path);
	int cfd = course_of(path, len, &cpath);
	struct course *c = NULL;
	if (cfd < 0)
		orphan(L, DIAG_ERROR, NULL, path, len);
	else if (loaded(L->cat, cpath))
		close(cfd);
	else
		c = course_from(L, cfd, cpath, &st);
	if (c) {
		if (dp)
			translate_with(L, c, dirfd(dp), dir, name, &st);
		add_course(L, c);
	}
	free(cpath);
}

/* Loads the file at path, and its translations beside it; a translation
 * named by itself with its course (NAME.yaml or NAME.yml). */
static void load_file(struct loading *L, int fd, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	/* "" names the current folder: its files are named as given, "a.yaml". */
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup("");
	int dfd = open(*dir ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dp = dfd >= 0 ? fdopendir(dfd) : NULL;
	size_t n = 0, stem, lang;
	char **names = dp ? list_dir(dp, &n) : NULL;
	if (!dp && dfd >= 0)
		close(dfd);
	if (translation_name(name, &stem, &lang)) {
		close(fd);
		load_translation(L, dp, dir, path, name, stem);
	} else {
		struct stat st;
		struct course *c = course_from(L, fd, path, &st);
		if (c && dp)
			translate(L, c, dirfd(dp), dir, name, names, n,
				  L->all ? NULL : chosen(L, name, names, n), &st);
		if (c)
			add_course(L, c);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (dp)
		closedir(dp);
	free(dir);
}

void catalog_load_paths(struct catalog *cat, char *const *paths, size_t n,
			struct diags *d)
{
	*cat = (struct catalog){ 0 };
	struct loading L = { .cat = cat, .d = d, .kind = SEARCH_NAMED, .all = true };
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int fd = open(paths[i], O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			diag_add(d, DIAG_ERROR, paths[i], 0, 0, N_("cannot open: %s"),
				 strerror(errno));
		else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
			load_dir_fd(&L, fd, paths[i]);
		else
			load_file(&L, fd, paths[i]);
	}
	free(L.dirs);
	sort_courses(cat);
}

struct course *catalog_find(const struct catalog *cat, const char *id)
{
	return cat->index_size ? slot_of(cat, id)->c : NULL;
}

void catalog_free(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		course_free(cat->courses[i]);
	free(cat->courses);
	free(cat->index);
	free(cat->capped);
	for (size_t i = 0; i < cat->nuntrusted; i++)
		free(cat->untrusted[i].path);
	free(cat->untrusted);
	*cat = (struct catalog){ 0 };
}
