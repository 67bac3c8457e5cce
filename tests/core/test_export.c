/* test_export.c - the progress table as text, CSV and JSON; CSV and JSON
 * are read back with Python's csv and json modules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/export.h"
#include "record.h"
#include "core/xalloc.h"

#define T0 ((time_t)1795578000)	/* 2026-11-25T03:40:00Z */
#define HASH1 "0123456789abcdef"
/* Ids the loader would refuse, to prove the writers quote and escape. */
#define ODD_COURSE "we,ird \"c\"\r\nx"
#define ODD_LESSON "\xc3\xbcn\xc3\xaf \xf0\x9f\x8e\x89\x1b[31m\x01"

static struct course *course_make(const char *id, int version, const char *const *lessons,
				  size_t n)
{
	struct course *c = xcalloc(1, sizeof *c);
	c->id = xstrdup(id);
	c->version = version;
	c->nlessons = n;
	c->lessons = xcalloc(n, sizeof *c->lessons);
	for (size_t i = 0; i < n; i++) {
		struct lesson *l = &c->lessons[i];
		l->id = xstrdup(lessons[i]);
		l->title = xstrdup(lessons[i]);
		l->npages = 3;
		l->pages = xcalloc(3, sizeof *l->pages);
		l->quiz.pass = 80;
	}
	return c;
}

struct fixture {
	struct catalog cat;
	struct progress *p;
	char hash[17];		/* of c1/intro */
};

/* c1 (intro passed, depth in progress), optionally the odd course, and a
 * course the catalog has lost that the records remember. */
static void fixture_make(struct fixture *f, bool odd)
{
	static const char *const c1[] = { "intro", "depth" };
	static const char *const c2[] = { ODD_LESSON };
	f->cat = (struct catalog){ 0 };
	assert_true(catalog_add(&f->cat, course_make("c1", 3, c1, 2)));
	if (odd)
		assert_true(catalog_add(&f->cat, course_make(ODD_COURSE, 1, c2, 1)));
	lesson_hash(&f->cat.courses[0]->lessons[0], f->hash);
	f->p = progress_new();
	progress_visit(f->p, "c1", "intro", 2, T0 - 60);
	attempt_at(f->p, "c1", "intro", 90, true, 3, f->hash, T0);
	progress_visit(f->p, "c1", "depth", 1, T0 + 30);
	attempt_at(f->p, "old", "gone", 40, false, 2, HASH1, T0 + 60);
}

static void fixture_free(struct fixture *f)
{
	progress_free(f->p);
	catalog_free(&f->cat);
}

/* What export_write wrote, as a string (caller frees). */
static char *export_string(enum export_format fmt, const struct fixture *f)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(export_write(fp, fmt, f->p, &f->cat, &err), 0);
	assert_null(err);
	fclose(fp);
	return buf;
}

static void test_format_names(void **state)
{
	(void)state;
	enum export_format fmt = EXPORT_TEXT;
	assert_int_equal(export_format_parse("csv", &fmt), 0);
	assert_int_equal(fmt, EXPORT_CSV);
	assert_int_equal(export_format_parse("json", &fmt), 0);
	assert_int_equal(fmt, EXPORT_JSON);
	assert_int_equal(export_format_parse("text", &fmt), 0);
	assert_int_equal(fmt, EXPORT_TEXT);
	assert_int_equal(export_format_parse("xml", &fmt), -1);
	assert_int_equal(export_format_parse("", &fmt), -1);
}

static void test_text_aligned(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f, false);
	char *got = export_string(EXPORT_TEXT, &f);
	char *want = xasprintf(
		"COURSE  LESSON  STATUS       BEST  ATTEMPTS  FIRST PASSED          LAST ATTEMPT          VERSION  HASH\n"
		"c1      intro   passed       90%%   1         2026-11-25T03:40:00Z  2026-11-25T03:40:00Z  3        %s\n"
		"c1      depth   in progress        0\n"
		"old     gone    not passed   40%%   1                               2026-11-25T03:41:00Z  2        " HASH1 "\n",
		f.hash);
	assert_string_equal(got, want);
	free(got);
	free(want);
	fixture_free(&f);
}

static void test_text_safe_for_terminals(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f, true);
	char *got = export_string(EXPORT_TEXT, &f);
	for (const char *s = got; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\n')
			fail_msg("control character 0x%02x in the text table", (unsigned)*s);
	/* the wide emoji counts two columns: the next column still lines up */
	assert_non_null(strstr(got, "\n" "we,ird \"c\"??x  \xc3\xbcn\xc3\xaf \xf0\x9f\x8e\x89?[31m?  not started"));
	free(got);
	fixture_free(&f);
}

static void test_csv_exact(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f, true);
	char *got = export_string(EXPORT_CSV, &f);
	char *want = xasprintf(
		"course,lesson,status,best_score,attempts,first_passed,last_attempt,course_version,content_hash\r\n"
		"c1,intro,passed,90,1,2026-11-25T03:40:00Z,2026-11-25T03:40:00Z,3,%s\r\n"
		"c1,depth,in progress,,0,,,,\r\n"
		"\"we,ird \"\"c\"\"\r\nx\"," ODD_LESSON ",not started,,0,,,,\r\n"
		"old,gone,not passed,40,1,,2026-11-25T03:41:00Z,2," HASH1 "\r\n", f.hash);
	assert_string_equal(got, want);
	free(got);
	free(want);
	fixture_free(&f);
}

static void test_json_escapes(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f, true);
	char *got = export_string(EXPORT_JSON, &f);
	assert_non_null(strstr(got, "\"course\": \"we,ird \\\"c\\\"\\r\\nx\""));
	assert_non_null(strstr(got, "\"lesson\": \"\xc3\xbcn\xc3\xaf \xf0\x9f\x8e\x89\\u001b[31m\\u0001\""));
	assert_non_null(strstr(got, "\"best_score\": null"));
	assert_non_null(strstr(got, "\"best_score\": 90"));
	free(got);
	fixture_free(&f);
}

/* An empty table is still a valid table. */
static void test_empty(void **state)
{
	(void)state;
	struct fixture f = { 0 };
	f.p = progress_new();
	char *got = export_string(EXPORT_JSON, &f);
	assert_string_equal(got, "[]\n");
	free(got);
	got = export_string(EXPORT_CSV, &f);
	assert_string_equal(got, "course,lesson,status,best_score,attempts,first_passed,"
			    "last_attempt,course_version,content_hash\r\n");
	free(got);
	progress_free(f.p);
}

static void test_write_error(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f, false);
	FILE *fp = fopen("/dev/full", "w");
	if (!fp) {
		fixture_free(&f);
		skip();
	}
	char *err = NULL;
	assert_int_equal(export_write(fp, EXPORT_CSV, f.p, &f.cat, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "cannot write"));
	free(err);
	fclose(fp);
	fixture_free(&f);
}

/* ---- read back by Python ---- */

static const char py_check[] =
	"import csv, json, sys\n"
	"fmt, path, h = sys.argv[1:4]\n"
	"want = [\n"
	"  ['c1', 'intro', 'passed', 90, 1, '2026-11-25T03:40:00Z', '2026-11-25T03:40:00Z', 3, h],\n"
	"  ['c1', 'depth', 'in progress', None, 0, None, None, None, None],\n"
	"  ['we,ird \"c\"\\r\\nx', '\\u00fcn\\u00ef \\U0001F389\\x1b[31m\\x01', 'not started',\n"
	"   None, 0, None, None, None, None],\n"
	"  ['old', 'gone', 'not passed', 40, 1, None, '2026-11-25T03:41:00Z', 2, '" HASH1 "'],\n"
	"]\n"
	"keys = ['course', 'lesson', 'status', 'best_score', 'attempts', 'first_passed',\n"
	"        'last_attempt', 'course_version', 'content_hash']\n"
	"if fmt == 'json':\n"
	"    with open(path, encoding='utf-8') as fp:\n"
	"        got = json.load(fp)\n"
	"    assert isinstance(got, list), got\n"
	"    got = [[row[k] for k in keys] for row in got]\n"
	"else:\n"
	"    raw = open(path, 'rb').read()\n"
	"    assert raw.endswith(b'\\r\\n') and b'\\n' not in raw.replace(b'\\r\\n', b''), raw\n"
	"    with open(path, newline='', encoding='utf-8') as fp:\n"
	"        rows = list(csv.reader(fp, strict=True))\n"
	"    assert rows[0] == keys, rows[0]\n"
	"    want = [['' if v is None else str(v) for v in row] for row in want]\n"
	"    got = rows[1:]\n"
	"if got != want:\n"
	"    sys.exit('got  %r\\nwant %r' % (got, want))\n";

static void python_reads(enum export_format fmt, const char *name)
{
	struct fixture f;
	fixture_make(&f, true);
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/rollwise-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	char *data = xasprintf("%s/out", dir), *script = xasprintf("%s/check.py", dir);
	FILE *fp = fopen(data, "wb");
	char *err = NULL;
	assert_int_equal(export_write(fp, fmt, f.p, &f.cat, &err), 0);
	fclose(fp);
	fp = fopen(script, "w");
	fputs(py_check, fp);
	fclose(fp);
	char *cmd = xasprintf("python3 '%s' %s '%s' %s", script, name, data, f.hash);
	int rc = system(cmd);
	unlink(data);
	unlink(script);
	rmdir(dir);
	free(cmd);
	free(data);
	free(script);
	free(dir);
	fixture_free(&f);
	if (WIFEXITED(rc) && WEXITSTATUS(rc) == 127)
		skip();	/* no python3 */
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
}

static void test_python_reads_csv(void **state)
{
	(void)state;
	python_reads(EXPORT_CSV, "csv");
}

static void test_python_reads_json(void **state)
{
	(void)state;
	python_reads(EXPORT_JSON, "json");
}

/* Every answer, oldest first, with the choices picked (from 1), whether it
 * was right, quiz or review, the version and the hash. */
static void test_answers(void **state)
{
	(void)state;
	struct progress *p = progress_new();
	struct given quiz = { "c1", "intro", "q-two", 3, HASH1, RUN_NEW };
	uint64_t run = progress_answer(p, &quiz, 0x5, false, T0 + 10);
	assert_true(run > 0);
	struct given odd = { "c1", "intro", ODD_COURSE, 3, HASH1, run };
	assert_true(progress_answer(p, &odd, 0x2, true, T0 + 20) == 0); /* not an id: refused */
	struct given review = { "c1", "intro", "q-two", 4, "fedcba9876543210", 0 };
	assert_true(progress_answer(p, &review, 0x1, true, T0 + 30) > 0);
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(export_answers(fp, EXPORT_CSV, p, &err), 0);
	fclose(fp);
	assert_string_equal(buf,
		"time,course,lesson,question,choices,right,mode,course_version,content_hash\r\n"
		"2026-11-25T03:40:10Z,c1,intro,q-two,1 3,false,quiz,3," HASH1 "\r\n"
		"2026-11-25T03:40:30Z,c1,intro,q-two,1,true,review,4,fedcba9876543210\r\n");
	free(buf);
	fp = open_memstream(&buf, &len);
	assert_int_equal(export_answers(fp, EXPORT_JSON, p, &err), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "\"choices\": [1, 3], \"right\": false, \"mode\": \"quiz\", "
				    "\"course_version\": 3"));
	free(buf);
	fp = open_memstream(&buf, &len);
	assert_int_equal(export_answers(fp, EXPORT_TEXT, p, &err), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "TIME                  COURSE  LESSON  QUESTION  CHOICES  RIGHT"));
	free(buf);
	progress_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_text_aligned),
		cmocka_unit_test(test_text_safe_for_terminals),
		cmocka_unit_test(test_csv_exact),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_python_reads_csv),
		cmocka_unit_test(test_python_reads_json),
		cmocka_unit_test(test_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
