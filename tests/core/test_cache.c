/* test_cache.c - the courses cache (cache.h): a course packs and unpacks to
 * itself, damaged bytes are refused, and the catalog takes a course from the
 * cache only while its files are the very ones it was made from. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cache.h"
#include "core/catalog.h"
#include "core/translation.h"

#define LESSONS ROLLWISE_SRCDIR "/lessons"

#define LESSON \
	"lessons:\n" \
	"  - id: l\n" \
	"    title: L\n" \
	"    pages: [ { title: P, text: x }, { id: two, title: Q, text: \"*y*\" } ]\n" \
	"    quiz:\n" \
	"      questions:\n" \
	"        - id: q\n" \
	"          kind: single\n" \
	"          prompt: P\n" \
	"          explanation: E\n" \
	"          review: two\n" \
	"          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n"

struct tmp {
	char dir[512], lessons[600], state[600];
};

static void tmp_make(struct tmp *t)
{
	const char *base = getenv("TMPDIR");
	snprintf(t->dir, sizeof t->dir, "%s/rwcache.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->lessons, sizeof t->lessons, "%s/lessons", t->dir);
	snprintf(t->state, sizeof t->state, "%s/state", t->dir);
	assert_int_equal(mkdir(t->lessons, 0755), 0);
	assert_int_equal(mkdir(t->state, 0700), 0);
}

static void rm_tree(const char *dir)
{
	char cmd[1100];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void put_file(const char *dir, const char *file, const char *text)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void put_course(const char *dir, const char *file, const char *id, const char *title)
{
	char text[2048];
	snprintf(text, sizeof text, "id: %s\ntitle: \"%s\"\nversion: 1\n%s", id, title, LESSON);
	put_file(dir, file, text);
}

/* Packs c, unpacks it, and packs that again: the same bytes. */
static void round_trip(const struct course *c)
{
	size_t n, m;
	char *a = course_pack(c, &n);
	struct course *back = course_unpack(a, n, c->path);
	assert_non_null(back);
	char *b = course_pack(back, &m);
	assert_int_equal(n, m);
	assert_memory_equal(a, b, n);
	assert_string_equal(back->path, c->path);
	for (size_t i = 0; i < c->nlessons; i++) {
		char h1[17], h2[17];
		lesson_hash(&c->lessons[i], h1);
		lesson_hash(&back->lessons[i], h2);
		assert_string_equal(h1, h2);
	}
	free(a);
	free(b);
	course_free(back);
}

/* Every bundled course, in English and with its Portuguese translation. */
static void bundled_round_trip(void **state)
{
	(void)state;
	DIR *dp = opendir(LESSONS);
	assert_non_null(dp);
	struct dirent *de;
	int courses = 0;
	while ((de = readdir(dp)) != NULL) {
		size_t s, l;
		size_t len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0 ||
		    translation_name(de->d_name, &s, &l))
			continue;
		char path[1024], tpath[1100];
		snprintf(path, sizeof path, "%s/%s", LESSONS, de->d_name);
		struct diags d = { 0 };
		struct course *c = course_load(path, &d);
		assert_non_null(c);
		round_trip(c);
		snprintf(tpath, sizeof tpath, "%s/%.*s.pt_BR.yaml", LESSONS, (int)(len - 5), de->d_name);
		int fd = open(tpath, O_RDONLY);
		assert_true(fd >= 0);
		struct translation *t = translation_load_fd(fd, tpath, c, &d);
		close(fd);
		assert_non_null(t);
		translation_apply(t, c);
		translation_free(t);
		round_trip(c);
		assert_int_equal(d.errors, 0);
		diag_free(&d);
		course_free(c);
		courses++;
	}
	closedir(dp);
	assert_true(courses >= 5);
}

/* Every cut of a packed course and a changed byte at every place are
 * refused or give a course (never a crash, an overread or a leak: the
 * sanitizer runs see to that); a cut is always refused. */
static void damage_refused(void **state)
{
	(void)state;
	struct diags d = { 0 };
	struct course *c = course_load(LESSONS "/basics.yaml", &d);
	assert_non_null(c);
	size_t n;
	char *a = course_pack(c, &n);
	for (size_t cut = 0; cut < n; cut += 1 + cut / 64)
		assert_null(course_unpack(a, cut, "x"));
	for (size_t i = 0; i < n; i += 1 + i / 32) {
		for (int bit = 0; bit < 8; bit += 3) {
			a[i] ^= (char)(1 << bit);
			course_free(course_unpack(a, n, "x"));
			a[i] ^= (char)(1 << bit);
		}
	}
	/* A review page past the lesson's pages is refused. */
	struct course *two = course_unpack(a, n, "x");
	assert_non_null(two);
	free(a);
	struct question *q = NULL;
	for (size_t i = 0; i < two->nlessons && !q; i++)
		for (size_t j = 0; j < two->lessons[i].quiz.nquestions && !q; j++)
			if (two->lessons[i].quiz.questions[j].review) {
				q = &two->lessons[i].quiz.questions[j];
				q->review_page = two->lessons[i].npages;
			}
	assert_non_null(q);
	a = course_pack(two, &n);
	assert_null(course_unpack(a, n, "x"));
	free(a);
	course_free(two);
	course_free(c);
	diag_free(&d);
}

/* Loads t's lessons with a cache in t's state folder; returns how many
 * courses came from it. */
static size_t load(struct tmp *t, struct catalog *cat, struct diags *d,
		   char **langs, size_t nlangs)
{
	char *dirs[] = { t->lessons };
	int dfd = open(t->state, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	struct search_path sp = { .dirs = dirs, .n = 1, .langs = langs, .nlangs = nlangs };
	sp.cache = cache_open(dfd);
	catalog_load(cat, &sp, d);
	cache_close(sp.cache, true);
	close(dfd);
	return cat->cached;
}

static const char *title_of(const struct catalog *cat, const char *id)
{
	const struct course *c = catalog_find(cat, id);
	assert_non_null(c);
	return c->title;
}

/* Rewrites dir/file with text of the same length, and puts its old
 * modification time back: only the change time tells. */
static void edit_same_size(const char *dir, const char *file, const char *from, const char *to)
{
	char path[1024], text[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	size_t n = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	text[n] = '\0';
	char *at = strstr(text, from);
	assert_non_null(at);
	assert_int_equal(strlen(from), strlen(to));
	memcpy(at, to, strlen(to));
	put_file(dir, file, text);
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

/* The second load takes every course from the cache; an edit, even one
 * that keeps the size and the modification time, is read from the file. */
static void catalog_takes_unchanged(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.lessons, "a.yaml", "a", "Alpha");
	put_course(t.lessons, "b.yaml", "b", "Beta");
	struct catalog cat;
	struct diags d = { 0 };
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 0);
	assert_int_equal(cat.n, 2);
	catalog_free(&cat);
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 2);
	assert_int_equal(cat.n, 2);
	assert_string_equal(title_of(&cat, "a"), "Alpha");
	char path[1100];
	snprintf(path, sizeof path, "%s/a.yaml", t.lessons);
	assert_string_equal(catalog_find(&cat, "a")->path, path);
	catalog_free(&cat);
	edit_same_size(t.lessons, "a.yaml", "Alpha", "Omega");
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 1);
	assert_string_equal(title_of(&cat, "a"), "Omega");
	catalog_free(&cat);
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 2);
	assert_string_equal(title_of(&cat, "a"), "Omega");
	catalog_free(&cat);
	/* A course removed, then one added: the cache follows. */
	snprintf(path, sizeof path, "%s/b.yaml", t.lessons);
	assert_int_equal(unlink(path), 0);
	put_course(t.lessons, "c.yaml", "c", "Gamma");
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 1);
	assert_int_equal(cat.n, 2);
	assert_null(catalog_find(&cat, "b"));
	catalog_free(&cat);
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 2);
	catalog_free(&cat);
	assert_int_equal(d.errors, 0);
	diag_free(&d);
	rm_tree(t.dir);
}

/* A file with an error is never cached: it is reported at every load. */
static void errors_every_time(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.lessons, "a.yaml", "a", "Alpha");
	put_file(t.lessons, "bad.yaml", "id: bad\ntitle: Bad\nversion: 1\nlessons: []\n");
	for (int i = 0; i < 2; i++) {
		struct catalog cat;
		struct diags d = { 0 };
		assert_int_equal(load(&t, &cat, &d, NULL, 0), (size_t)i);
		assert_int_equal(cat.n, 1);
		assert_true(d.errors > 0);
		assert_string_equal(d.v[0].path + strlen(d.v[0].path) - 8, "bad.yaml");
		catalog_free(&cat);
		diag_free(&d);
	}
	rm_tree(t.dir);
}

/* The translation is part of what a cached course was made from: another
 * language, or the translation gone or edited, reads the files again. */
static void translation_in_key(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.lessons, "a.yaml", "a", "Alpha");
	put_file(t.lessons, "a.pt_BR.yaml", "translation: 1\ncourse: a\nlang: pt_BR\nversion: 1\ntitle: Alfa\n");
	char lang[] = "pt_BR", *pt[] = { lang };
	struct catalog cat;
	struct diags d = { 0 };
	assert_int_equal(load(&t, &cat, &d, pt, 1), 0);
	assert_string_equal(title_of(&cat, "a"), "Alfa");
	catalog_free(&cat);
	assert_int_equal(load(&t, &cat, &d, pt, 1), 1);
	assert_string_equal(title_of(&cat, "a"), "Alfa");
	catalog_free(&cat);
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 0);
	assert_string_equal(title_of(&cat, "a"), "Alpha");
	catalog_free(&cat);
	assert_int_equal(load(&t, &cat, &d, pt, 1), 0);
	catalog_free(&cat);
	edit_same_size(t.lessons, "a.pt_BR.yaml", "Alfa", "Beta");
	assert_int_equal(load(&t, &cat, &d, pt, 1), 0);
	assert_string_equal(title_of(&cat, "a"), "Beta");
	catalog_free(&cat);
	char path[1100];
	snprintf(path, sizeof path, "%s/a.pt_BR.yaml", t.lessons);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(load(&t, &cat, &d, pt, 1), 0);
	assert_string_equal(title_of(&cat, "a"), "Alpha");
	catalog_free(&cat);
	assert_int_equal(d.errors, 0);
	diag_free(&d);
	rm_tree(t.dir);
}

/* A file made writable by others after it was cached is left out as
 * before, not taken from the cache. */
static void untrusted_not_taken(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.lessons, "a.yaml", "a", "Alpha");
	put_course(t.lessons, "b.yaml", "b", "Beta");
	struct catalog cat;
	struct diags d = { 0 };
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 0);
	catalog_free(&cat);
	char path[1100];
	snprintf(path, sizeof path, "%s/b.yaml", t.lessons);
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 1);
	assert_int_equal(cat.n, 1);
	assert_null(catalog_find(&cat, "b"));
	assert_int_equal(cat.nuntrusted, 1);
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* A damaged or foreign cache file is not used and is written afresh; a
 * link in its place is not followed. */
static void damaged_file_replaced(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.lessons, "a.yaml", "a", "Alpha");
	struct catalog cat;
	struct diags d = { 0 };
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 0);
	catalog_free(&cat);
	char path[1100];
	snprintf(path, sizeof path, "%s/" CACHE_FILE, t.state);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* every byte changed in turn: never a wrong course */
	FILE *fp = fopen(path, "r+");
	assert_non_null(fp);
	for (long i = 0; i < st.st_size; i += 7) {
		assert_int_equal(fseek(fp, i, SEEK_SET), 0);
		int ch = fgetc(fp);
		assert_int_equal(fseek(fp, i, SEEK_SET), 0);
		fputc(ch ^ 0x20, fp);
		fflush(fp);
		size_t got = load(&t, &cat, &d, NULL, 0);
		assert_int_equal(cat.n, 1);
		assert_string_equal(title_of(&cat, "a"), "Alpha");
		catalog_free(&cat);
		(void)got;
		/* written afresh: the next load takes it again */
		assert_int_equal(load(&t, &cat, &d, NULL, 0), 1);
		catalog_free(&cat);
		fclose(fp);
		fp = fopen(path, "r+");
		assert_non_null(fp);
	}
	fclose(fp);
	put_file(t.state, CACHE_FILE, "rollwise course cache 1\nnot really");
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 0);
	catalog_free(&cat);
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 1);
	catalog_free(&cat);
	/* a link to somewhere else is replaced, never written through */
	char target[1100];
	snprintf(target, sizeof target, "%s/elsewhere", t.dir);
	put_file(t.dir, "elsewhere", "keep me");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(load(&t, &cat, &d, NULL, 0), 0);
	catalog_free(&cat);
	fp = fopen(target, "r");
	assert_non_null(fp);
	char buf[16] = { 0 };
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "keep me");
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(d.errors, 0);
	diag_free(&d);
	rm_tree(t.dir);
}

/* Without a folder to write, the cache is only read. */
static void read_only_not_written(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.lessons, "a.yaml", "a", "Alpha");
	char *dirs[] = { t.lessons };
	int dfd = open(t.state, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	struct search_path sp = { .dirs = dirs, .n = 1 };
	sp.cache = cache_open(dfd);
	struct catalog cat;
	struct diags d = { 0 };
	catalog_load(&cat, &sp, &d);
	cache_close(sp.cache, false);
	close(dfd);
	assert_int_equal(cat.n, 1);
	catalog_free(&cat);
	char path[1100];
	snprintf(path, sizeof path, "%s/" CACHE_FILE, t.state);
	assert_int_equal(access(path, F_OK), -1);
	diag_free(&d);
	rm_tree(t.dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bundled_round_trip),
		cmocka_unit_test(damage_refused),
		cmocka_unit_test(catalog_takes_unchanged),
		cmocka_unit_test(errors_every_time),
		cmocka_unit_test(translation_in_key),
		cmocka_unit_test(untrusted_not_taken),
		cmocka_unit_test(damaged_file_replaced),
		cmocka_unit_test(read_only_not_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
