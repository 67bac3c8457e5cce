/* test_store.c - the progress file: format round trip, the reader against
 * damaged and hostile input, the directory's modes, links, damaged files,
 * merging sessions, a full disk and leftover temp files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/progress.h"
#include "core/store.h"
#include "core/xalloc.h"

#define T0 ((time_t)1795578000)	/* 2026-11-25T03:40:00Z */
#define HASH1 "0123456789abcdef"

/* ---- files ---- */

static char *dir_new(void)
{
	const char *tmp = getenv("TMPDIR");
	char *d = xasprintf("%s/rollwise-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(d));
	return d;
}

static void dir_remove(char *d)
{
	char *cmd = xasprintf("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", d, d);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(d);
}

static char *file_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = xmalloc(PROGRESS_MAX_BYTES + 1);
	*len = fread(buf, 1, PROGRESS_MAX_BYTES, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

static void file_write(const char *path, const char *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static int mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return (int)(st.st_mode & 07777);
}

/* Names in dir starting with prefix. */
static int count_names(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)))
		n += !strncmp(de->d_name, prefix, strlen(prefix));
	closedir(d);
	return n;
}

/* The name in dir starting with prefix, or NULL; caller frees. */
static char *find_name(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;
	assert_non_null(d);
	while ((de = readdir(d)) && !found)
		if (!strncmp(de->d_name, prefix, strlen(prefix)))
			found = xasprintf("%s/%s", dir, de->d_name);
	closedir(d);
	return found;
}

/* ---- states ---- */

static struct progress *sample(void)
{
	struct progress *p = progress_new();
	progress_visit(p, "sun-care", "why-sun-matters", 2, T0);
	progress_answer(p, "sun-care", "why-sun-matters", "daily-sunscreen", false, T0 + 5);
	progress_answer(p, "sun-care", "why-sun-matters", "dark-patches", true, T0 + 6);
	progress_answer(p, "sun-care", "why-sun-matters", "retired", false, T0);
	for (int i = 1; i <= REVIEW_BOXES; i++)
		progress_answer(p, "sun-care", "why-sun-matters", "retired", true, T0 + 100 * 86400 * i);
	progress_attempt(p, "sun-care", "why-sun-matters", 66, false, 1, HASH1, T0 + 7);
	progress_attempt(p, "sun-care", "why-sun-matters", 100, true, 1, HASH1, T0 + 8);
	progress_visit(p, "odd: \"quoted\" # id", "ünïcødé-✓-🎉", 0, T0 + 9);
	progress_visit(p, "- dash", "null", 0, T0 + 10);
	progress_notice_seen(p);
	return p;
}

static char *dump(const struct progress *p, size_t *len)
{
	char *err = NULL;
	char *s = store_format(p, len, &err);
	assert_non_null(s);
	assert_null(err);
	return s;
}

/* ---- format ---- */

static void test_format_shape(void **state)
{
	(void)state;
	struct progress *p = sample();
	size_t len;
	char *s = dump(p, &len);
	assert_int_equal(strlen(s), len);
	assert_int_equal(strncmp(s, "rollwise-progress: 1\n", 21), 0);
	assert_string_equal(s + len - 4, "...\n");
	assert_non_null(strstr(s, "box: done"));
	assert_non_null(strstr(s, "hash: " HASH1));
	free(s);
	progress_free(p);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct progress *p = sample(), *q = NULL;
	size_t len, len2;
	char *s = dump(p, &len), *err = NULL;
	assert_int_equal(store_parse(s, len, &q, &err), 0);
	assert_null(err);
	char *s2 = dump(q, &len2);
	assert_string_equal(s, s2);
	assert_true(q->notice_seen);
	assert_int_equal(q->nlessons, 3);
	assert_int_equal(q->nquestions, 3);
	assert_string_equal(q->place.lesson, "null");
	assert_int_equal(q->lessons[2].nattempts, 2);
	assert_int_equal(q->lessons[2].attempts[1].score, 100);
	assert_true(q->lessons[2].attempts[1].passed);
	assert_string_equal(q->lessons[2].attempts[1].hash, HASH1);
	assert_int_equal(q->lessons[2].attempts[1].st.at, T0 + 8);
	assert_int_equal(q->lessons[2].attempts[1].st.session, p->session);
	assert_true(q->session != p->session);	/* a new process, a new session */
	free(s);
	free(s2);
	progress_free(p);
	progress_free(q);
}

struct bad {
	const char *text;
	const char *why;	/* part of the message */
};

static void parse_fails(const char *text, size_t len, const char *why)
{
	struct progress *p = NULL;
	char *err = NULL;
	int rc = store_parse(text, len, &p, &err);
	if (rc != -1 || !err || !strstr(err, why))
		fail_msg("\"%.40s\": rc %d, err \"%s\", want \"%s\"", text, rc,
			 err ? err : "(none)", why);
	assert_null(p);
	free(err);
}

#define HEAD "rollwise-progress: 1\n"
#define LESSON_A "lessons:\n- course: c\n  lesson: l\n"
#define ATT "  attempts:\n  - {at: 2026-11-25T03:40:00Z, session: 0123456789abcdef, seq: 1, "

static void test_parse_rejects(void **state)
{
	(void)state;
	static const struct bad bad[] = {
		{ "", "empty" },
		{ "\n\n# only a comment\n", "empty" },
		{ "rollwise-progress: 99\n...\n", "format version 99" },
		{ "rollwise-progress: two\n...\n", "version is not a number" },
		{ "- a list\n...\n", "not a rollwise progress file" },
		{ "other: 1\n...\n", "not a rollwise progress file" },
		{ HEAD, "cut short" },
		{ HEAD "...\n---\n" HEAD "...\n", "more than one document" },
		{ HEAD "surprise: 1\n...\n", "unknown key" },
		{ HEAD "lessons: []\nlessons: []\n...\n", "given twice" },
		{ HEAD "lessons: {}\n...\n", "expected a list" },
		{ HEAD "lessons:\n- course: c\n...\n", "\"lesson\" is missing" },
		{ HEAD "lessons:\n- {course: \"\", lesson: l}\n...\n", "not a valid id" },
		{ HEAD "lessons:\n- {course: \"a\\eb\", lesson: l}\n...\n", "not a valid id" },
		{ HEAD "lessons:\n- {course: \"a\\0b\", lesson: l}\n...\n", "NUL" },
		{ HEAD LESSON_A ATT "score: 101, passed: true, version: 1, hash: " HASH1 "}\n...\n",
		  "from 0 to 100" },
		{ HEAD LESSON_A ATT "score: -1, passed: true, version: 1, hash: " HASH1 "}\n...\n",
		  "from 0 to 100" },
		{ HEAD LESSON_A ATT "score: 1, passed: yes, version: 1, hash: " HASH1 "}\n...\n",
		  "true or false" },
		{ HEAD LESSON_A ATT "score: 1, passed: true, version: 1, hash: 0123}\n...\n",
		  "16 hex digits" },
		{ HEAD LESSON_A ATT "score: 1, passed: true, version: 99999999999, hash: " HASH1 "}\n...\n",
		  "from 0 to" },
		{ HEAD LESSON_A ATT "score: 1, passed: true, version: 1}\n...\n", "\"hash\" is missing" },
		{ HEAD LESSON_A "  attempts:\n  - {at: 2026-02-29T00:00:00Z, session: 0123456789abcdef,"
		  " seq: 1, score: 1, passed: true, version: 1, hash: " HASH1 "}\n...\n", "not a time" },
		{ HEAD LESSON_A "  attempts:\n  - {at: 2026-11-25 03:40:00, session: 0123456789abcdef,"
		  " seq: 1, score: 1, passed: true, version: 1, hash: " HASH1 "}\n...\n", "not a time" },
		{ HEAD LESSON_A "  attempts:\n  - {at: 2026-11-25T03:40:00Z, session: 0123456789ABCDEF,"
		  " seq: 1, score: 1, passed: true, version: 1, hash: " HASH1 "}\n...\n", "16 hex" },
		{ HEAD LESSON_A "  attempts:\n  - {at: 2026-11-25T03:40:00Z, session: 0123456789abcdef,"
		  " seq: 18446744073709551616, score: 1, passed: true, version: 1, hash: " HASH1 "}\n...\n",
		  "whole number" },
		{ HEAD LESSON_A "  tally: {0123456789abcdef: x}\n...\n", "tally" },
		{ HEAD "questions:\n- {course: c, lesson: l, question: q, review: {box: 6,"
		  " due: 2026-11-25T03:40:00Z, at: 2026-11-25T03:40:00Z, session: 0123456789abcdef,"
		  " seq: 1}}\n...\n", "box" },
		{ HEAD "questions:\n- {course: c, lesson: l, question: q, review: {box: 2,"
		  " at: 2026-11-25T03:40:00Z, session: 0123456789abcdef, seq: 1}}\n...\n",
		  "\"due\" is missing" },
		{ HEAD "place: &a {course: c}\n...\n", "anchors" },
		{ HEAD "lessons: *a\n...\n", "anchors" },
		{ HEAD "lessons: !!seq []\n...\n", "anchors" },
		{ HEAD "notice-seen: false\n...\n", "notice-seen" },
		{ HEAD "lessons: [\n", "line" },
		{ "\xef\xbb\xbf\xff\xfe\xfd garbage", "" },
	};
	static const char png[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe";
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_fails(bad[i].text, strlen(bad[i].text), bad[i].why);
	parse_fails(png, sizeof png - 1, "");
	parse_fails(HEAD "lessons: []\n\0...\n", strlen(HEAD) + 17, "control characters");
}

/* A file cut anywhere before its closing "..." is refused; the reader
 * never trusts a short file. */
static void test_parse_every_prefix(void **state)
{
	(void)state;
	struct progress *p = sample(), *q;
	size_t len;
	char *s = dump(p, &len), *err;
	size_t end = len - 1;	/* "...\n": the document is whole once "..." is */
	for (size_t k = 0; k < len; k++) {
		q = NULL;
		err = NULL;
		int rc = store_parse(s, k, &q, &err);
		if (k < end && rc != -1)
			fail_msg("a file cut at byte %zu of %zu was accepted", k, len);
		if (k >= end && rc != 0)
			fail_msg("cut at %zu: %s", k, err);
		progress_free(q);
		free(err);
	}
	free(s);
	progress_free(p);
}

static void test_parse_merges_unsorted_duplicates(void **state)
{
	(void)state;
	static const char text[] =
		HEAD
		"lessons:\n"
		"- {course: z, lesson: l}\n"
		"- course: c\n  lesson: l\n  furthest: 4\n"
		ATT "score: 40, passed: false, version: 1, hash: " HASH1 "}\n"
		"- course: c\n  lesson: l\n  furthest: 2\n  tally: {0123456789abcdef: 3}\n"
		ATT "score: 40, passed: false, version: 1, hash: " HASH1 "}\n"
		"  - {at: 2026-11-25T03:41:00Z, session: 0123456789abcdef, seq: 2, score: 90,"
		" passed: true, version: 1, hash: " HASH1 "}\n"
		"- {course: a, lesson: l}\n"
		"...\n";
	struct progress *p = NULL;
	char *err = NULL;
	assert_int_equal(store_parse(text, strlen(text), &p, &err), 0);
	assert_int_equal(p->nlessons, 3);
	assert_string_equal(p->lessons[0].course, "a");
	assert_string_equal(p->lessons[2].course, "z");
	assert_int_equal(p->lessons[1].nattempts, 2);
	assert_int_equal(p->lessons[1].furthest, 4);
	struct lesson_status st;
	progress_record_status(p, "c", "l", NULL, &st);
	assert_int_equal(st.attempts, 3);
	assert_int_equal(st.best, 90);
	progress_free(p);
}

/* Damaged copies of a real file: each either parses to something that
 * writes and reads back the same, or is refused with a message. */
static void test_parse_mutations(void **state)
{
	(void)state;
	struct progress *p = sample();
	size_t len;
	char *s = dump(p, &len);
	char *m = xmalloc(len);
	unsigned seed = 12345;
	for (int round = 0; round < 3000; round++) {
		memcpy(m, s, len);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245 + 12345;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245 + 12345;
			unsigned r = (seed >> 16) & 0xff;
			m[at] = round % 3 ? (char)r : " :-{}[],\n\"'&*!#"[r % 16];
		}
		struct progress *q = NULL, *q2 = NULL;
		char *err = NULL;
		if (store_parse(m, len, &q, &err) == 0) {
			size_t l1, l2;
			char *a = dump(q, &l1);
			assert_int_equal(store_parse(a, l1, &q2, &err), 0);
			char *b = dump(q2, &l2);
			assert_string_equal(a, b);
			free(a);
			free(b);
		} else {
			assert_non_null(err);
		}
		free(err);
		progress_free(q);
		progress_free(q2);
	}
	free(m);
	free(s);
	progress_free(p);
}

/* ---- the directory ---- */

static void open_ok(const char *dir, struct store **s)
{
	char *err = NULL;
	if (store_open(dir, s, &err) != 0)
		fail_msg("store_open %s: %s", dir ? dir : "(default)", err);
}

static void save_ok(struct store *s, struct progress *p)
{
	char *err = NULL, *notice = NULL;
	if (store_save(s, p, &err, &notice) != 0)
		fail_msg("store_save: %s", err);
	assert_null(notice);
}

static void test_modes_whatever_the_umask(void **state)
{
	(void)state;
	static const mode_t masks[] = { 0, 0022, 0277, 0777 };
	for (size_t i = 0; i < 4; i++) {
		char *d = dir_new();
		char *dir = xasprintf("%s/a/b/rollwise", d);
		mode_t old = umask(masks[i]);
		struct store *s;
		open_ok(dir, &s);
		struct progress *p = sample();
		save_ok(s, p);
		umask(old);
		char *lock = xasprintf("%s/progress.lock", dir);
		char *file = xasprintf("%s/progress.yaml", dir);
		char *parent = xasprintf("%s/a/b", d);
		assert_int_equal(mode_of(dir), 0700);
		assert_int_equal(mode_of(parent), 0700);
		assert_int_equal(mode_of(lock), 0600);
		assert_int_equal(mode_of(file), 0600);
		store_close(s);
		progress_free(p);
		free(lock);
		free(file);
		free(parent);
		free(dir);
		dir_remove(d);
	}
}

static void test_modes_repaired(void **state)
{
	(void)state;
	char *d = dir_new();
	char *lock = xasprintf("%s/progress.lock", d);
	char *file = xasprintf("%s/progress.yaml", d);
	assert_int_equal(chmod(d, 0755), 0);
	file_write(lock, "", 0);
	assert_int_equal(chmod(lock, 0666), 0);
	struct progress *p = sample();
	size_t len;
	char *s = dump(p, &len);
	file_write(file, s, len);
	assert_int_equal(chmod(file, 0644), 0);
	struct store *st;
	open_ok(d, &st);
	assert_int_equal(mode_of(d), 0700);
	assert_int_equal(mode_of(lock), 0600);
	assert_int_equal(mode_of(file), 0600);
	store_close(st);
	/* group and other bits go; what the owner chose stays */
	assert_int_equal(chmod(d, 0555), 0);
	open_ok(d, &st);
	assert_int_equal(mode_of(d), 0500);
	store_close(st);
	free(s);
	progress_free(p);
	free(lock);
	free(file);
	dir_remove(d);
}

static void test_xdg_paths(void **state)
{
	(void)state;
	char *d = dir_new();
	char *home = xasprintf("%s/home", d), *xdg = xasprintf("%s/xdg", d);
	char *want;
	struct store *s;
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", xdg, 1);
	open_ok(NULL, &s);
	want = xasprintf("%s/rollwise", xdg);
	assert_string_equal(store_dir(s), want);
	assert_int_equal(mode_of(want), 0700);
	free(want);
	store_close(s);
	setenv("XDG_STATE_HOME", "relative/state", 1);	/* not absolute: ignored */
	open_ok(NULL, &s);
	want = xasprintf("%s/.local/state/rollwise", home);
	assert_string_equal(store_dir(s), want);
	store_close(s);
	unsetenv("XDG_STATE_HOME");
	open_ok(NULL, &s);
	assert_string_equal(store_dir(s), want);
	store_close(s);
	free(want);
	free(home);
	free(xdg);
	dir_remove(d);
}

static void test_symlinks_refused(void **state)
{
	(void)state;
	char *d = dir_new();
	char *target = xasprintf("%s/target", d), *link = xasprintf("%s/state", d);
	char *err = NULL;
	struct store *s = NULL;
	assert_int_equal(mkdir(target, 0700), 0);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(store_open(link, &s, &err), -1);
	assert_null(s);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	assert_int_equal(count_names(target, ""), 2);	/* "." and ".." only */

	char *real = xasprintf("%s/real", d), *file = xasprintf("%s/real/progress.yaml", d);
	char *victim = xasprintf("%s/victim", d);
	file_write(victim, "precious", 8);
	assert_int_equal(mkdir(real, 0700), 0);
	assert_int_equal(symlink(victim, file), 0);
	assert_int_equal(store_open(real, &s, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);

	/* planted after the store was opened: refused when saving too */
	assert_int_equal(unlink(file), 0);
	open_ok(real, &s);
	assert_int_equal(symlink(victim, file), 0);
	struct progress *p = sample();
	char *notice = NULL;
	assert_int_equal(store_save(s, p, &err, &notice), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	struct progress *q = store_load(s, &notice);
	assert_non_null(notice);
	assert_non_null(strstr(notice, "symbolic link"));
	free(notice);
	progress_free(q);
	store_close(s);
	size_t len;
	char *v = file_read(victim, &len);
	assert_string_equal(v, "precious");
	free(v);
	struct stat st;
	assert_int_equal(lstat(file, &st), 0);
	assert_true(S_ISLNK(st.st_mode));

	/* and the lock file */
	char *lockd = xasprintf("%s/lockd", d), *lock = xasprintf("%s/lockd/progress.lock", d);
	assert_int_equal(mkdir(lockd, 0700), 0);
	assert_int_equal(symlink(victim, lock), 0);
	assert_int_equal(store_open(lockd, &s, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	progress_free(p);
	free(lockd);
	free(lock);
	free(real);
	free(file);
	free(victim);
	free(target);
	free(link);
	dir_remove(d);
}

static void test_not_a_directory(void **state)
{
	(void)state;
	char *d = dir_new(), *f = xasprintf("%s/file", d), *err = NULL;
	struct store *s;
	file_write(f, "x", 1);
	assert_int_equal(store_open(f, &s, &err), -1);
	assert_non_null(err);
	free(err);
	free(f);
	dir_remove(d);
}

/* ---- loading and saving ---- */

static void test_load_missing_is_empty(void **state)
{
	(void)state;
	char *d = dir_new(), *notice = NULL;
	struct store *s;
	open_ok(d, &s);
	struct progress *p = store_load(s, &notice);
	assert_null(notice);
	assert_int_equal(p->nlessons, 0);
	assert_null(progress_last_place(p));
	progress_free(p);
	store_close(s);
	dir_remove(d);
}

static void test_save_then_load(void **state)
{
	(void)state;
	char *d = dir_new(), *notice = NULL;
	struct store *s;
	open_ok(d, &s);
	struct progress *p = sample();
	save_ok(s, p);
	store_close(s);
	open_ok(d, &s);
	struct progress *q = store_load(s, &notice);
	assert_null(notice);
	size_t l1, l2;
	char *a = dump(p, &l1), *b = dump(q, &l2);
	assert_string_equal(a, b);
	assert_int_equal(count_names(d, "progress.yaml.tmp-"), 0);
	free(a);
	free(b);
	progress_free(p);
	progress_free(q);
	store_close(s);
	dir_remove(d);
}

static void corrupt_case(const char *content, size_t len, off_t size, const char *why)
{
	char *d = dir_new(), *notice = NULL;
	char *file = xasprintf("%s/progress.yaml", d);
	file_write(file, content, len);
	if (size)
		assert_int_equal(truncate(file, size), 0);
	struct store *s;
	open_ok(d, &s);
	struct progress *p = store_load(s, &notice);
	if (!notice || !strstr(notice, why) || !strstr(notice, "progress.yaml.corrupt-"))
		fail_msg("notice \"%s\", want \"%s\"", notice ? notice : "(none)", why);
	assert_int_equal(p->nlessons, 0);
	assert_int_equal(access(file, F_OK), -1);
	char *aside = find_name(d, "progress.yaml.corrupt-");
	assert_non_null(aside);
	struct stat st;
	assert_int_equal(stat(aside, &st), 0);
	assert_int_equal(st.st_size, size ? size : (off_t)len);
	if (!size) {
		size_t n;
		char *kept = file_read(aside, &n);
		assert_int_equal(n, len);
		assert_memory_equal(kept, content, len);
		free(kept);
	}
	free(notice);
	progress_free(p);
	/* once: the next load starts clean, and saving works */
	p = store_load(s, &notice);
	assert_null(notice);
	progress_visit(p, "c", "l", 0, T0);
	save_ok(s, p);
	assert_int_equal(count_names(d, "progress.yaml.corrupt-"), 1);
	progress_free(p);
	store_close(s);
	free(aside);
	free(file);
	dir_remove(d);
}

static void test_corrupt_files_moved_aside(void **state)
{
	(void)state;
	struct progress *p = sample();
	size_t len;
	char *s = dump(p, &len);
	static const char binary[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00\xff\xfe\x00\x01";
	corrupt_case("", 0, 0, "empty");
	corrupt_case(s, len / 2, 0, "line");
	corrupt_case(s, len - 4, 0, "cut short");
	corrupt_case(binary, sizeof binary - 1, 0, "");
	static const char future[] = "rollwise-progress: 99\nfuture: {}\n...\n";
	corrupt_case(future, strlen(future), 0, "format version 99");
	corrupt_case("x", 1, PROGRESS_MAX_BYTES + 1, "larger than");
	free(s);
	progress_free(p);
}

static void test_corrupt_found_when_saving(void **state)
{
	(void)state;
	char *d = dir_new(), *err = NULL, *notice = NULL;
	char *file = xasprintf("%s/progress.yaml", d);
	struct store *s;
	open_ok(d, &s);
	struct progress *p = sample();
	save_ok(s, p);
	file_write(file, "\x00\x01garbage", 9);
	progress_visit(p, "c", "l", 1, T0 + 99);
	assert_int_equal(store_save(s, p, &err, &notice), 0);
	assert_non_null(notice);
	assert_non_null(strstr(notice, "progress.yaml.corrupt-"));
	free(notice);
	assert_int_equal(count_names(d, "progress.yaml.corrupt-"), 1);
	struct progress *q = store_load(s, &notice);
	assert_null(notice);
	assert_string_equal(q->place.lesson, "l");
	assert_int_equal(q->nlessons, 4);
	progress_free(q);
	progress_free(p);
	store_close(s);
	free(file);
	dir_remove(d);
}

/* Something at progress.yaml that cannot be read is never written over. */
static void test_unreadable_left_alone(void **state)
{
	(void)state;
	char *d = dir_new(), *err = NULL, *notice = NULL;
	char *file = xasprintf("%s/progress.yaml", d);
	struct store *s;
	open_ok(d, &s);
	assert_int_equal(mkdir(file, 0700), 0);
	struct progress *p = sample();
	assert_int_equal(store_save(s, p, &err, &notice), -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	struct progress *q = store_load(s, &notice);
	assert_non_null(notice);
	assert_non_null(strstr(notice, "left as it is"));
	assert_int_equal(count_names(d, "progress.yaml.corrupt-"), 0);
	free(notice);
	progress_free(q);
	progress_free(p);
	store_close(s);
	free(file);
	dir_remove(d);
}

static void test_two_sessions_merge(void **state)
{
	(void)state;
	char *d = dir_new(), *notice = NULL;
	struct store *s1, *s2;
	open_ok(d, &s1);
	open_ok(d, &s2);
	struct progress *p1 = store_load(s1, &notice), *p2 = store_load(s2, &notice);
	progress_answer(p1, "c", "l", "one", false, T0);
	progress_attempt(p1, "c", "l", 50, false, 1, HASH1, T0);
	save_ok(s1, p1);
	progress_answer(p2, "c", "l", "two", false, T0 + 1);
	progress_attempt(p2, "c", "l", 90, true, 1, HASH1, T0 + 1);
	save_ok(s2, p2);	/* re-reads p1's save and keeps both */
	assert_int_equal(p2->nquestions, 2);
	save_ok(s1, p1);	/* and p1 learns of p2's */
	assert_int_equal(p1->nquestions, 2);
	struct lesson_status st;
	progress_record_status(p1, "c", "l", NULL, &st);
	assert_int_equal(st.attempts, 2);
	assert_int_equal(st.best, 90);
	struct progress *q = store_load(s1, &notice);
	assert_null(notice);
	assert_int_equal(q->nquestions, 2);
	progress_free(q);
	progress_free(p1);
	progress_free(p2);
	store_close(s1);
	store_close(s2);
	dir_remove(d);
}

static ssize_t write_enospc(int fd, const void *buf, size_t n)
{
	static int calls;
	/* let a little through first, as a filling disk does */
	if (calls++ % 2 == 0 && n > 10)
		return write(fd, buf, 10);
	errno = ENOSPC;
	return -1;
}

static ssize_t write_dribble(int fd, const void *buf, size_t n)
{
	return write(fd, buf, n < 7 ? n : 7);
}

static void test_full_disk_keeps_old_file(void **state)
{
	(void)state;
	char *d = dir_new(), *err = NULL, *notice = NULL;
	char *file = xasprintf("%s/progress.yaml", d);
	struct store *s;
	open_ok(d, &s);
	struct progress *p = sample();
	save_ok(s, p);
	size_t l1, l2;
	char *before = file_read(file, &l1);
	progress_attempt(p, "c", "new", 10, false, 1, HASH1, T0 + 50);
	store_write_fn = write_enospc;
	int rc = store_save(s, p, &err, &notice);
	store_write_fn = write;
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, strerror(ENOSPC)));
	assert_non_null(strstr(err, d));
	free(err);
	char *after = file_read(file, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(before, after, l1);
	assert_int_equal(count_names(d, "progress.yaml.tmp-"), 0);
	/* space again: the next save has everything */
	save_ok(s, p);
	struct progress *q = store_load(s, &notice);
	struct lesson_status st;
	progress_record_status(q, "c", "new", NULL, &st);
	assert_int_equal(st.attempts, 1);
	progress_free(q);
	/* short writes are not errors */
	progress_visit(p, "c", "new", 3, T0 + 60);
	store_write_fn = write_dribble;
	save_ok(s, p);
	store_write_fn = write;
	q = store_load(s, &notice);
	assert_null(notice);
	assert_int_equal(q->place.page, 3);
	progress_free(q);
	free(before);
	free(after);
	progress_free(p);
	store_close(s);
	free(file);
	dir_remove(d);
}

static void test_stale_temps_removed(void **state)
{
	(void)state;
	char *d = dir_new();
	char *dead = xasprintf("%s/progress.yaml.tmp-999999999-0", d);
	char *mine = xasprintf("%s/progress.yaml.tmp-%ld-77", d, (long)getpid());
	char *live = xasprintf("%s/progress.yaml.tmp-1-0", d);
	char *old = xasprintf("%s/progress.yaml.tmp-1-1", d);
	char *other = xasprintf("%s/notes.txt", d);
	file_write(dead, "x", 1);
	file_write(mine, "x", 1);
	file_write(live, "x", 1);
	file_write(old, "x", 1);
	file_write(other, "x", 1);
	struct timespec times[2] = { { time(NULL) - 3600, 0 }, { time(NULL) - 3600, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, old, times, 0), 0);
	struct store *s;
	open_ok(d, &s);
	struct progress *p = sample();
	save_ok(s, p);
	assert_int_equal(access(dead, F_OK), -1);
	assert_int_equal(access(mine, F_OK), -1);
	assert_int_equal(access(old, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);	/* pid 1 lives, and it is new */
	assert_int_equal(access(other, F_OK), 0);
	progress_free(p);
	store_close(s);
	free(dead);
	free(mine);
	free(live);
	free(old);
	free(other);
	dir_remove(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_shape),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_every_prefix),
		cmocka_unit_test(test_parse_merges_unsorted_duplicates),
		cmocka_unit_test(test_parse_mutations),
		cmocka_unit_test(test_modes_whatever_the_umask),
		cmocka_unit_test(test_modes_repaired),
		cmocka_unit_test(test_xdg_paths),
		cmocka_unit_test(test_symlinks_refused),
		cmocka_unit_test(test_not_a_directory),
		cmocka_unit_test(test_load_missing_is_empty),
		cmocka_unit_test(test_save_then_load),
		cmocka_unit_test(test_corrupt_files_moved_aside),
		cmocka_unit_test(test_corrupt_found_when_saving),
		cmocka_unit_test(test_unreadable_left_alone),
		cmocka_unit_test(test_two_sessions_merge),
		cmocka_unit_test(test_full_disk_keeps_old_file),
		cmocka_unit_test(test_stale_temps_removed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
