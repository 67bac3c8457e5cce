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
	struct search_path sp = { dirs, n };
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sorted_by_order_then_title),
		cmocka_unit_test(titles_locale_free),
		cmocka_unit_test(shadowing_before_sorting),
		cmocka_unit_test(paths_sorted),
		cmocka_unit_test(many_ids_found),
		cmocka_unit_test(folder_twice_read_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
