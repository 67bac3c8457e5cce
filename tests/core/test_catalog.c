/* test_catalog.c - the order of the catalog and the shadowing rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/catalog.h"

#define LESSON \
	"lessons:\n" \
	"  - id: l\n" \
	"    title: L\n" \
	"    pages: [ { title: P, text: x } ]\n" \
	"    quiz:\n" \
	"      questions:\n" \
	"        - id: q\n" \
	"          kind: single\n" \
	"          prompt: P\n" \
	"          explanation: E\n" \
	"          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n"

struct tmp {
	char dir[512];
};

static void tmp_make(struct tmp *t)
{
	const char *base = getenv("TMPDIR");
	snprintf(t->dir, sizeof t->dir, "%s/rwcat.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(t->dir));
}

/* Makes the folder t/name into out. */
static void subdir(const struct tmp *t, const char *name, char out[1024])
{
	snprintf(out, 1024, "%s/%s", t->dir, name);
	assert_int_equal(mkdir(out, 0755), 0);
}

/* Writes dir/file holding a course; order < 0 leaves the key out. */
static void put_course(const char *dir, const char *file, const char *id,
		       int order, const char *title)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "id: %s\n", id);
	if (order >= 0)
		fprintf(fp, "order: %d\n", order);
	fprintf(fp, "title: \"%s\"\nversion: 1\n%s", title, LESSON);
	assert_int_equal(fclose(fp), 0);
}

static void rm_tree(const char *dir)
{
	char cmd[1100];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The catalog's ids joined with spaces. */
static void ids(const struct catalog *cat, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < cat->n; i++) {
		if (i > 0)
			strncat(out, " ", size - strlen(out) - 1);
		strncat(out, cat->courses[i]->id, size - strlen(out) - 1);
	}
}

static void load_dirs(struct catalog *cat, struct diags *d, char **dirs, size_t n)
{
	struct search_path sp = { .dirs = dirs, .n = n };
	catalog_load(cat, &sp, d);
}

/* Courses with an order first, by order; ties and the rest by title, then id.
 * The file names are in the opposite order, so loading order shows through
 * if the sort is missing. */
static void sorted_by_order_then_title(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.dir, "a.yaml", "no-order-b", -1, "beta");
	put_course(t.dir, "b.yaml", "no-order-a", -1, "Alpha");
	put_course(t.dir, "c.yaml", "twenty", 20, "A first title");
	put_course(t.dir, "d.yaml", "tie-z", 10, "Same");
	put_course(t.dir, "e.yaml", "tie-y", 10, "Same");
	put_course(t.dir, "f.yaml", "ten-b", 10, "b");
	put_course(t.dir, "g.yaml", "ten-a", 10, "A");
	put_course(t.dir, "h.yaml", "zero", 0, "Zero");
	put_course(t.dir, "i.yaml", "big", 9999, "Last with order");
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { t.dir };
	load_dirs(&cat, &d, dirs, 1);
	assert_int_equal(d.errors, 0);
	char got[512];
	ids(&cat, got, sizeof got);
	assert_string_equal(got, "zero ten-a ten-b tie-y tie-z twenty big "
			    "no-order-a no-order-b");
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* Titles compare the same in every locale: ASCII letters without case,
 * anything else by code point, then exact bytes. */
static void titles_locale_free(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.dir, "1.yaml", "eclair", -1, "\xc3\x89" "clair");
	put_course(t.dir, "2.yaml", "zebra", -1, "zebra");
	put_course(t.dir, "3.yaml", "apple-lower", -1, "apple");
	put_course(t.dir, "4.yaml", "apple-upper", -1, "Apple");
	put_course(t.dir, "5.yaml", "banana", -1, "BANANA");
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { t.dir };
	load_dirs(&cat, &d, dirs, 1);
	char got[512];
	ids(&cat, got, sizeof got);
	assert_string_equal(got, "apple-upper apple-lower banana zebra eclair");
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* The first course with an id along the path wins, even when a hidden one
 * would sort first; the hidden one is a warning. */
static void shadowing_before_sorting(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	char first[1024], second[1024];
	snprintf(first, sizeof first, "%s/first", t.dir);
	snprintf(second, sizeof second, "%s/second", t.dir);
	assert_int_equal(mkdir(first, 0700), 0);
	assert_int_equal(mkdir(second, 0700), 0);
	put_course(first, "x.yaml", "same", 50, "From the first folder");
	put_course(first, "y.yaml", "other", 20, "Other");
	put_course(second, "a.yaml", "same", 1, "From the second folder");
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { first, second };
	load_dirs(&cat, &d, dirs, 2);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.v[0].msg, "course 'same' is hidden by"));
	char got[512];
	ids(&cat, got, sizeof got);
	assert_string_equal(got, "other same");
	assert_string_equal(catalog_find(&cat, "same")->title, "From the first folder");
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* rollwise check loads paths the same way. */
static void paths_sorted(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.dir, "a.yaml", "later", 2, "A");
	put_course(t.dir, "b.yaml", "sooner", 1, "B");
	char a[1024], b[1024];
	snprintf(a, sizeof a, "%s/a.yaml", t.dir);
	snprintf(b, sizeof b, "%s/b.yaml", t.dir);
	char *paths[] = { a, b };
	struct catalog cat;
	struct diags d = { 0 };
	catalog_load_paths(&cat, paths, 2, &d);
	char got[512];
	ids(&cat, got, sizeof got);
	assert_string_equal(got, "sooner later");
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* Thousands of ids, each found by catalog_find (the index grows as courses
 * come), and an id no course has is not. */
static void many_ids_found(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	enum { N = 3000 };
	for (int i = 0; i < N; i++) {
		char file[32], id[32];
		snprintf(file, sizeof file, "c%d.yaml", i);
		snprintf(id, sizeof id, "course-%d", i);
		put_course(t.dir, file, id, -1, "T");
	}
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { t.dir };
	load_dirs(&cat, &d, dirs, 1);
	assert_int_equal(d.errors, 0);
	assert_int_equal(cat.n, N);
	for (int i = 0; i < N; i++) {
		char id[32];
		snprintf(id, sizeof id, "course-%d", i);
		struct course *c = catalog_find(&cat, id);
		assert_non_null(c);
		assert_string_equal(c->id, id);
	}
	assert_null(catalog_find(&cat, "course-3000"));
	assert_null(catalog_find(&cat, ""));
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* One folder by two names on the path is read once: its courses do not
 * hide themselves. An empty catalog finds nothing. */
static void folder_twice_read_once(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	put_course(t.dir, "a.yaml", "only", -1, "Only");
	char again[1024];
	snprintf(again, sizeof again, "%s/.", t.dir);
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { t.dir, again };
	load_dirs(&cat, &d, dirs, 2);
	assert_int_equal(d.n, 0);
	assert_int_equal(cat.n, 1);
	catalog_free(&cat);
	assert_null(catalog_find(&cat, "only"));
	diag_free(&d);
	rm_tree(t.dir);
}

static void load_kinds(struct catalog *cat, struct diags *d, char **dirs,
		       unsigned *kinds, size_t n)
{
	struct search_path sp = { .dirs = dirs, .n = n, .kinds = kinds };
	catalog_load(cat, &sp, d);
}

/* A folder or file other users can change is not loaded from the search
 * path, and is listed with why; the rest of the folder loads. */
static void untrusted_left_out(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	char own[1024], shared[1024], sticky[1024], path[1100];
	subdir(&t, "own", own);
	subdir(&t, "open", shared);
	subdir(&t, "sticky", sticky);
	put_course(own, "a.yaml", "fine", -1, "Fine");
	put_course(own, "b.yaml", "group", -1, "Group");
	snprintf(path, sizeof path, "%s/b.yaml", own);
	assert_int_equal(chmod(path, 0664), 0);
	put_course(shared, "c.yaml", "open", -1, "Open");
	assert_int_equal(chmod(shared, 0777), 0);
	put_course(sticky, "d.yaml", "sticky", -1, "Sticky");
	assert_int_equal(chmod(sticky, 01777), 0);
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { own, shared, sticky };
	load_dirs(&cat, &d, dirs, 3);
	assert_int_equal(d.n, 0);
	char got[512];
	ids(&cat, got, sizeof got);
	assert_string_equal(got, "fine sticky");
	assert_int_equal(cat.nuntrusted, 2);
	assert_string_equal(cat.untrusted[0].path, path);
	assert_int_equal(cat.untrusted[0].why, TRUST_GROUP);
	assert_false(cat.untrusted[0].loaded);
	assert_string_equal(cat.untrusted[1].path, shared);
	assert_int_equal(cat.untrusted[1].why, TRUST_GROUP | TRUST_OTHERS);
	catalog_free(&cat);
	/* Named (--lessons), they load, and are still listed. */
	unsigned kinds[] = { SEARCH_NAMED, SEARCH_NAMED, 0 };
	load_kinds(&cat, &d, dirs, kinds, 3);
	ids(&cat, got, sizeof got);
	assert_string_equal(got, "fine group open sticky");
	assert_int_equal(cat.nuntrusted, 2);
	assert_true(cat.untrusted[0].loaded && cat.untrusted[1].loaded);
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* A file or folder owned by another user who is not root is not loaded;
 * only root can make one to test with. */
static void other_owner_left_out(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	struct tmp t;
	tmp_make(&t);
	char theirs[1024], path[1100];
	subdir(&t, "theirs", theirs);
	put_course(t.dir, "a.yaml", "file", -1, "File");
	put_course(theirs, "b.yaml", "folder", -1, "Folder");
	snprintf(path, sizeof path, "%s/a.yaml", t.dir);
	assert_int_equal(chown(path, 65534, 65534), 0);
	assert_int_equal(chown(theirs, 65534, 65534), 0);
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { t.dir, theirs };
	load_dirs(&cat, &d, dirs, 2);
	assert_int_equal(cat.n, 0);
	assert_int_equal(cat.nuntrusted, 2);
	assert_int_equal(cat.untrusted[0].why, TRUST_OWNER);
	assert_int_equal(cat.untrusted[0].owner, 65534);
	assert_string_equal(cat.untrusted[1].path, theirs);
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

/* A course that hides one from a bundled folder says which it replaces;
 * one bundled folder hiding another's course does not. */
static void replaces_bundled(void **state)
{
	(void)state;
	struct tmp t;
	tmp_make(&t);
	char mine[1024], sys1[1024], sys2[1024], path[1100];
	subdir(&t, "mine", mine);
	subdir(&t, "sys1", sys1);
	subdir(&t, "sys2", sys2);
	put_course(mine, "a.yaml", "same", -1, "Mine");
	put_course(sys1, "b.yaml", "same", -1, "Bundled");
	put_course(sys1, "c.yaml", "other", -1, "Other");
	put_course(sys2, "d.yaml", "other", -1, "Other again");
	struct catalog cat;
	struct diags d = { 0 };
	char *dirs[] = { mine, sys1, sys2 };
	unsigned kinds[] = { 0, SEARCH_BUNDLED, SEARCH_BUNDLED };
	load_kinds(&cat, &d, dirs, kinds, 3);
	assert_int_equal(d.warnings, 2);
	snprintf(path, sizeof path, "%s/b.yaml", sys1);
	assert_string_equal(catalog_find(&cat, "same")->replaces, path);
	assert_null(catalog_find(&cat, "other")->replaces);
	catalog_free(&cat);
	diag_free(&d);
	rm_tree(t.dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sorted_by_order_then_title),
		cmocka_unit_test(titles_locale_free),
		cmocka_unit_test(shadowing_before_sorting),
		cmocka_unit_test(paths_sorted),
		cmocka_unit_test(many_ids_found),
		cmocka_unit_test(folder_twice_read_once),
		cmocka_unit_test(untrusted_left_out),
		cmocka_unit_test(other_owner_left_out),
		cmocka_unit_test(replaces_bundled),
	};
	umask(022);	/* the files the tests write are trusted */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
