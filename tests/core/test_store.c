/* test_store.c - progress on disk: release 1's format (read to convert it)
 * against damaged and hostile input; the directory's modes and links; the
 * journal: one line per save, torn and bad lines, files that are not text,
 * newer formats, two sessions, compaction, a full disk, leftover temp files,
 * conversion, extreme stamps, a big history; and the property that the
 * reader takes back whatever the writer wrote. */
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

#include "core/journal.h"
#include "core/progress.h"
#include "record.h"
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

/* Records a sample of everything into p, as the program would. */
static void fill(struct progress *p)
{
	progress_visit(p, "sun-care", "why-sun-matters", 2, T0);
	answer_at(p, "sun-care", "why-sun-matters", "daily-sunscreen", false, T0 + 5);
	answer_at(p, "sun-care", "why-sun-matters", "dark-patches", true, T0 + 6);
	answer_at(p, "sun-care", "why-sun-matters", "retired", false, T0);
	for (int i = 1; i <= REVIEW_BOXES; i++)
		answer_at(p, "sun-care", "why-sun-matters", "retired", true, T0 + 100 * 86400 * i);
	attempt_at(p, "sun-care", "why-sun-matters", 66, false, 1, HASH1, T0 + 7);
	attempt_at(p, "sun-care", "why-sun-matters", 100, true, 1, HASH1, T0 + 8);
	progress_visit(p, "odd: \"quoted\" # id", "ünïcødé-✓-🎉", 0, T0 + 9);
	progress_visit(p, "- dash", "null", 0, T0 + 10);
	progress_notice_seen(p);
}

static struct progress *sample(void)
{
	struct progress *p = progress_new();
	fill(p);
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
		{ HEAD "surprise: 1\n...\n", "unknown key" },
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
		{ HEAD "...\n---\nother: 1\n...\n", "not a rollwise progress file" },
		/* a key given twice whose second value is bad (found by fuzzing: the
		 * first value was freed twice) */
		{ HEAD "place: {course: c, lesson: l, lesson: '', at: 2026-11-25T03:40:00Z,"
		  " session: 0123456789abcdef, seq: 1}\n...\n", "not a valid id" },
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

/* Odd but valid files release 1 refused, which lost a learner's history:
 * "seq: 01", a key given twice, a second document, and the '' that
 * release 1 wrote for a time past the year 9999. */
static void test_parse_lenient(void **state)
{
	(void)state;
	static const char text[] =
		HEAD
		"lessons:\n"
		"- course: c\n  lesson: l\n  lesson: l\n"
		"  attempts:\n  - {at: '', session: 0123456789abcdef, seq: 01, score: 40,"
		" passed: false, version: 1, hash: " HASH1 "}\n"
		"...\n"
		"---\n"
		HEAD
		"lessons:\n- course: c\n  lesson: l\n"
		"  attempts:\n  - {at: 2026-11-25T03:40:00Z, session: 0123456789abcdef, seq: 2, "
		"score: 90, passed: true, version: 1, hash: " HASH1 "}\n"
		"lessons: []\n"
		"...\n";
	struct progress *p = NULL;
	char *err = NULL;
	if (store_parse(text, strlen(text), &p, &err) != 0)
		fail_msg("refused: %s", err);
	assert_int_equal(p->nlessons, 1);
	assert_int_equal(p->lessons[0].nattempts, 2);
	assert_int_equal(p->lessons[0].attempts[1].st.at, STAMP_MAX);	/* oldest first */
	assert_int_equal(p->lessons[0].attempts[1].st.seq, 1);
	struct lesson_status st;
	progress_record_status(p, "c", "l", NULL, &st);
	assert_int_equal(st.best, 90);
	progress_free(p);
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
		char *file = xasprintf("%s/progress.log", dir);
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
	char *file = xasprintf("%s/progress.log", d);
	assert_int_equal(chmod(d, 0755), 0);
	file_write(lock, "", 0);
	assert_int_equal(chmod(lock, 0666), 0);
	struct progress *p = sample();
	size_t len;
	char *s = journal_snapshot(p, &len);
	file_write(file, s, len);
	assert_int_equal(chmod(file, 0644), 0);
	struct store *st;
	open_ok(d, &st);
	assert_int_equal(mode_of(d), 0700);
	assert_int_equal(mode_of(lock), 0600);
	/* the journal once its format is known to be this rollwise's */
	char *notice = NULL;
	progress_free(store_load(st, &notice));
	assert_null(notice);
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

	char *real = xasprintf("%s/real", d), *file = xasprintf("%s/real/progress.log", d);
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

/* ---- the journal: loading and saving ---- */

/* The journal text that rebuilds p: two states are the same when theirs are. */
static char *snap(const struct progress *p)
{
	size_t len;
	return journal_snapshot(p, &len);
}

static void assert_same(const struct progress *a, const struct progress *b)
{
	char *x = snap(a), *y = snap(b);
	if (strcmp(x, y) != 0) {
		size_t i = 0, line = 1, start = 0;
		for (; x[i] && x[i] == y[i]; i++)
			if (x[i] == '\n') {
				line++;
				start = i + 1;
			}
		fail_msg("states differ at line %zu:\n  %.200s\n  %.200s", line, x + start,
			 y + start);
	}
	free(x);
	free(y);
}

static char *path_in(const char *d, const char *name)
{
	return xasprintf("%s/%s", d, name);
}

/* Writes len bytes of text at path, then opens the store in d. */
static struct store *open_with(const char *d, const char *path, const char *text, size_t len)
{
	struct store *s;
	file_write(path, text, len);
	open_ok(d, &s);
	return s;
}

static struct progress *load_quiet(struct store *s)
{
	char *notice = NULL;
	struct progress *p = store_load(s, &notice);
	if (notice)
		fail_msg("unexpected notice: %s", notice);
	return p;
}

/* Loads with a notice that must contain want; returns the state. */
static struct progress *load_notice(struct store *s, const char *want)
{
	char *notice = NULL;
	struct progress *p = store_load(s, &notice);
	if (!notice || !strstr(notice, want))
		fail_msg("notice \"%s\", want \"%s\"", notice ? notice : "(none)", want);
	free(notice);
	return p;
}

static void test_load_missing_is_empty(void **state)
{
	(void)state;
	char *d = dir_new();
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	assert_int_equal(p->nlessons, 0);
	assert_null(progress_last_place(p));
	progress_free(p);
	store_close(s);
	dir_remove(d);
}

static void test_save_then_load(void **state)
{
	(void)state;
	char *d = dir_new();
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	fill(p);
	save_ok(s, p);
	size_t n;
	progress_unsaved(p, &n);
	assert_int_equal(n, 0);
	store_close(s);
	open_ok(d, &s);
	struct progress *q = load_quiet(s);
	assert_same(p, q);
	assert_int_equal(count_names(d, "progress.log.tmp-"), 0);
	char *file = path_in(d, "progress.log");
	assert_int_equal(mode_of(file), 0600);
	free(file);
	progress_free(p);
	progress_free(q);
	store_close(s);
	dir_remove(d);
}

/* One answer: one line of at most 512 bytes, one write, one fsync. A page
 * turn: one line, and one fsync at most between it and store_flush. */
static void test_one_line_per_save(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	struct store *s;
	struct store_stats a, b, c;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	answer_at(p, "course", "lesson", "q", true, T0);
	save_ok(s, p);
	struct stat st0, st1;
	assert_int_equal(stat(file, &st0), 0);
	store_stats(s, &a);
	struct given g = { "a-long-course-id-like-home-roller-safety", "who-should-not-roll-at-all",
			   "a-question-with-a-rather-long-id-about-isotretinoin", 12, HASH1, RUN_NEW };
	assert_true(progress_answer(p, &g, 0x15, false, T0 + 1) > 0);
	save_ok(s, p);
	assert_int_equal(stat(file, &st1), 0);
	store_stats(s, &b);
	assert_true(st1.st_size - st0.st_size <= 512);
	assert_int_equal(b.writes - a.writes, 1);
	assert_int_equal(b.fsyncs - a.fsyncs, 1);
	progress_visit(p, "course", "lesson", 3, T0 + 2);
	save_ok(s, p);
	store_flush(s);
	store_flush(s);
	store_stats(s, &c);
	assert_int_equal(c.writes - b.writes, 1);
	assert_int_equal(c.fsyncs - b.fsyncs, 1);
	/* the line holds the choices picked, the version and the hash */
	size_t len;
	char *text = file_read(file, &len);
	assert_non_null(strstr(text, "picked: [0, 2, 4], right: false, version: 12, hash: " HASH1));
	free(text);
	progress_free(p);
	store_close(s);
	free(file);
	dir_remove(d);
}

static void test_torn_last_line(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	fill(p);
	save_ok(s, p);
	store_close(s);
	static const char torn[] = "- {ev: answer, at: 2026-11-25T03:4";
	FILE *fp = fopen(file, "ab");
	fputs(torn, fp);
	fclose(fp);
	open_ok(d, &s);
	struct progress *q = load_notice(s, "cut short");
	assert_same(p, q);
	progress_free(q);
	size_t len;
	char *rej = path_in(d, "progress.rejected"), *kept = file_read(rej, &len);
	assert_non_null(kept);
	assert_non_null(strstr(kept, torn));
	free(kept);
	char *text = file_read(file, &len);
	assert_true(len > 0 && text[len - 1] == '\n');
	free(text);
	/* told once */
	q = load_quiet(s);
	assert_same(p, q);
	/* and saving goes on */
	progress_visit(q, "c", "after", 1, T0 + 500);
	save_ok(s, q);
	progress_free(q);
	q = load_quiet(s);
	assert_string_equal(q->place.lesson, "after");
	progress_free(q);
	progress_free(p);
	store_close(s);
	free(rej);
	free(file);
	dir_remove(d);
}

/* A journal past the size cap is read up to it and never written: not cut
 * there as if its last line were torn. */
static void test_past_the_cap_read_only(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	fill(p);
	save_ok(s, p);
	for (size_t i = 0; i < 40; i++) {
		progress_visit(p, "c", "l", i, T0 + 1000 + (time_t)i);
		save_ok(s, p);
	}
	store_close(s);
	size_t len, len2;
	char *before = file_read(file, &len);
	off_t was = store_journal_max;
	store_journal_max = (off_t)len - 10;	/* inside the last line */
	open_ok(d, &s);
	struct progress *q = load_notice(s, "larger than");
	assert_non_null(store_readonly(s));
	assert_string_equal(q->place.lesson, "l");
	progress_visit(q, "c", "after", 1, T0 + 5000);
	char *err = NULL, *notice = NULL;
	assert_int_equal(store_save(s, q, &err, &notice), -1);
	assert_non_null(strstr(err, "not saved"));
	free(err);
	progress_free(q);
	store_close(s);
	store_journal_max = was;
	char *after = file_read(file, &len2);
	assert_int_equal(len2, len);
	assert_memory_equal(after, before, len);
	char *rej = path_in(d, "progress.rejected");
	assert_int_equal(access(rej, F_OK), -1);
	free(rej);
	free(after);
	free(before);
	progress_free(p);
	free(file);
	dir_remove(d);
}

static void test_bad_lines_skipped(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	static const char text[] =
		"- {rollwise-progress: 2}\n"
		"- {ev: page, at: 2026-11-25T03:40:00Z, sess: 00000000000000aa, seq: 1, course: c, lesson: l, page: 2}\n"
		"garbage that is not a line\n"
		"- {ev: answer, at: 2026-11-25T03:41:00Z, sess: 00000000000000aa, seq: 02, course: c, lesson: l, question: q, picked: [1], right: false}\n"
		"- {ev: page, at: 2026-11-25T03:42:00Z, sess: 00000000000000aa, seq: 3, seq: 4, course: c, lesson: l, page: 1}\n"
		"- {ev: from-the-future, at: 2026-11-25T03:43:00Z, whatever: [1, 2]}\n"
		"- {ev: attempt, at: 2026-11-25T03:44:00Z, sess: 00000000000000aa, seq: 5, course: c, lesson: l, score: 101, passed: true, version: 1, hash: " HASH1 "}\n"
		"- {ev: attempt, at: 2026-11-25T03:45:00Z, sess: 00000000000000aa, seq: 6, course: c, lesson: l, score: 75, passed: true, version: 1, hash: " HASH1 ", new-key: 1}\n";
	struct store *s = open_with(d, file, text, strlen(text));
	struct progress *p = load_notice(s, "3 lines of your saved progress could not be read");
	progress_free(p);
	/* the rest is kept: the page, the answer (seq 02 is 2), the attempt */
	p = load_quiet(s);
	assert_int_equal(p->place.page, 2);
	assert_int_equal(p->nquestions, 1);
	assert_int_equal(p->questions[0].nanswers, 1);
	assert_int_equal(p->questions[0].answers[0].st.seq, 2);
	assert_int_equal(p->questions[0].answers[0].picked, 2);
	struct lesson_status st;
	progress_record_status(p, "c", "l", NULL, &st);
	assert_int_equal(st.attempts, 1);
	assert_int_equal(st.best, 75);
	size_t len;
	char *rej = path_in(d, "progress.rejected"), *kept = file_read(rej, &len);
	assert_non_null(strstr(kept, "garbage that is not a line\n"));
	assert_non_null(strstr(kept, "seq: 3, seq: 4"));
	assert_non_null(strstr(kept, "score: 101"));
	free(kept);
	progress_free(p);
	store_close(s);
	free(rej);
	free(file);
	dir_remove(d);
}

static void test_line_number_named(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	static const char text[] = "- {rollwise-progress: 2}\n\n- {ev: page, at: nope}\n";
	struct store *s = open_with(d, file, text, strlen(text));
	struct progress *p = load_notice(s, "(line 3: at: is not a time");
	progress_free(p);
	store_close(s);
	free(file);
	dir_remove(d);
}

static void test_binary_set_aside(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	/* blank and comment lines in it (random bytes have them) prove nothing */
	static const char binary[] = "\x7f" "ELF\x02\x01\x01\x00\x00\n\n# x\n\x00\xff\xfe\x00\x01\n";
	struct store *s = open_with(d, file, binary, sizeof binary - 1);
	struct progress *p = load_notice(s, "progress.log.corrupt-");
	assert_int_equal(p->nlessons, 0);
	char *aside = find_name(d, "progress.log.corrupt-");
	assert_non_null(aside);
	size_t len;
	char *kept = file_read(aside, &len);
	assert_int_equal(len, sizeof binary - 1);
	assert_memory_equal(kept, binary, len);
	free(kept);
	progress_visit(p, "c", "l", 0, T0);
	save_ok(s, p);
	progress_free(p);
	p = load_quiet(s);
	assert_int_equal(p->nlessons, 1);
	progress_free(p);
	store_close(s);
	free(aside);
	free(file);
	dir_remove(d);
}

static void test_newer_version_untouched(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	static const char text[] =
		"- {rollwise-progress: 3}\n"
		"- {ev: page, at: 2026-11-25T03:40:00Z, sess: 00000000000000aa, seq: 1, course: c, lesson: l, page: 2}\n"
		"- {ev: hologram, at: 2026-11-25T03:41:00Z}\n";
	struct store *s = open_with(d, file, text, strlen(text));
	assert_null(store_readonly(s));
	struct progress *p = load_notice(s, "newer rollwise");
	assert_non_null(store_readonly(s));
	assert_int_equal(p->place.page, 2);	/* shown as far as it is understood */
	progress_visit(p, "c", "l", 0, T0 + 100);
	char *err = NULL, *notice = NULL;
	assert_int_equal(store_save(s, p, &err, &notice), -1);
	assert_non_null(strstr(err, "not saved"));
	free(err);
	store_flush(s);
	store_close(s);
	size_t len;
	char *after = file_read(file, &len);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(after, text, len);
	free(after);
	assert_int_equal(count_names(d, "progress.log.corrupt"), 0);
	assert_int_equal(count_names(d, "progress.rejected"), 0);
	progress_free(p);
	free(file);
	dir_remove(d);
}

static void test_two_sessions_merge(void **state)
{
	(void)state;
	char *d = dir_new();
	struct store *s1, *s2;
	open_ok(d, &s1);
	open_ok(d, &s2);
	struct progress *p1 = load_quiet(s1), *p2 = load_quiet(s2);
	answer_at(p1, "c", "l", "one", false, T0);
	attempt_at(p1, "c", "l", 50, false, 1, HASH1, T0);
	save_ok(s1, p1);
	answer_at(p2, "c", "l", "two", false, T0 + 1);
	attempt_at(p2, "c", "l", 90, true, 1, HASH1, T0 + 1);
	save_ok(s2, p2);	/* reads p1's lines and keeps both */
	assert_int_equal(p2->nquestions, 2);
	save_ok(s1, p1);	/* and p1 learns of p2's */
	assert_int_equal(p1->nquestions, 2);
	struct lesson_status st;
	progress_record_status(p1, "c", "l", NULL, &st);
	assert_int_equal(st.attempts, 2);
	assert_int_equal(st.best, 90);
	assert_same(p1, p2);
	struct store *s3;
	open_ok(d, &s3);
	struct progress *q = load_quiet(s3);
	assert_same(p1, q);
	progress_free(q);
	progress_free(p1);
	progress_free(p2);
	store_close(s1);
	store_close(s2);
	store_close(s3);
	dir_remove(d);
}

/* The journal grows by COMPACT_SLACK at most past its snapshot; compaction
 * by one session is followed by the other, and nothing is lost. */
static void test_compaction(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	struct store *s1, *s2;
	open_ok(d, &s1);
	open_ok(d, &s2);
	struct progress *p1 = load_quiet(s1), *p2 = load_quiet(s2);
	struct store_stats st;
	for (int i = 0; i < 1500; i++) {
		char q[32];
		snprintf(q, sizeof q, "q%d", i % 40);
		struct progress *p = i % 2 ? p2 : p1;
		struct store *s = i % 2 ? s2 : s1;
		answer_at(p, "c", i % 3 ? "l1" : "l2", q, i % 5 != 0, T0 + i * 3600);
		if (i % 7 == 0)
			attempt_at(p, "c", "l1", i % 101, i % 101 >= 80, 1, HASH1, T0 + i * 3600);
		save_ok(s, p);
		if (i % 25 != 0)
			continue;	/* the size, now and then */
		struct stat fst;
		size_t snap_len;
		free(journal_snapshot(p, &snap_len));
		assert_int_equal(stat(file, &fst), 0);
		if ((size_t)fst.st_size > snap_len + COMPACT_SLACK + JOURNAL_LINE_MAX)
			fail_msg("save %d: the journal is %lld bytes, its snapshot %zu", i,
				 (long long)fst.st_size, snap_len);
	}
	store_stats(s1, &st);
	struct store_stats st2;
	store_stats(s2, &st2);
	assert_true(st.compactions + st2.compactions > 0);
	save_ok(s1, p1);
	save_ok(s2, p2);
	assert_same(p1, p2);
	struct store *s3;
	open_ok(d, &s3);
	struct progress *q = load_quiet(s3);
	assert_same(p1, q);
	struct lesson_status ls;
	progress_record_status(q, "c", "l1", NULL, &ls);
	assert_int_equal(ls.attempts, (1500 + 6) / 7);
	assert_int_equal(count_names(d, "progress.log.tmp-"), 0);
	progress_free(q);
	progress_free(p1);
	progress_free(p2);
	store_close(s1);
	store_close(s2);
	store_close(s3);
	free(file);
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
	char *file = path_in(d, "progress.log");
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	fill(p);
	save_ok(s, p);
	size_t l1, l2;
	char *before = file_read(file, &l1);
	attempt_at(p, "c", "new", 10, false, 1, HASH1, T0 + 50);
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
	size_t n;
	progress_unsaved(p, &n);
	assert_int_equal(n, 1);	/* kept for the next save */
	/* space again: the next save has everything */
	save_ok(s, p);
	struct progress *q = load_quiet(s);
	struct lesson_status st;
	progress_record_status(q, "c", "new", NULL, &st);
	assert_int_equal(st.attempts, 1);
	progress_free(q);
	/* short writes are not errors */
	progress_visit(p, "c", "new", 3, T0 + 60);
	store_write_fn = write_dribble;
	save_ok(s, p);
	store_write_fn = write;
	q = load_quiet(s);
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
	char *dead = xasprintf("%s/progress.log.tmp-999999999-0", d);
	char *mine = xasprintf("%s/progress.log.tmp-%ld-77", d, (long)getpid());
	char *live = xasprintf("%s/progress.log.tmp-1-0", d);
	char *old = xasprintf("%s/progress.log.tmp-1-1", d);
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
	struct progress *p = load_quiet(s);
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

/* ---- release 1's progress.yaml ---- */

static void test_v1_converted(void **state)
{
	(void)state;
	char *d = dir_new(), *v1 = path_in(d, "progress.yaml");
	struct progress *p = sample();
	size_t len;
	char *text = dump(p, &len);
	file_write(v1, text, len);
	struct store *s;
	open_ok(d, &s);
	struct progress *q = load_quiet(s), *old = NULL;
	char *err = NULL;
	/* everything release 1 kept (it kept no choices, no notice time) */
	assert_int_equal(store_parse(text, len, &old, &err), 0);
	assert_same(old, q);
	assert_int_equal(q->questions[0].nanswers, p->questions[0].nanswers);
	assert_int_equal(access(v1, F_OK), -1);
	char *kept = path_in(d, "progress.yaml.converted"), *back = file_read(kept, &len);
	assert_string_equal(back, text);	/* the old file is kept as it was */
	free(back);
	store_close(s);
	/* once: the journal has it all now */
	open_ok(d, &s);
	struct progress *r = load_quiet(s);
	assert_same(old, r);
	struct lesson_status st;
	progress_record_status(r, "sun-care", "why-sun-matters", NULL, &st);
	assert_int_equal(st.attempts, 2);
	assert_int_equal(st.best, 100);
	progress_free(r);
	progress_free(q);
	progress_free(old);
	progress_free(p);
	store_close(s);
	free(text);
	free(kept);
	free(v1);
	dir_remove(d);
}

static void test_v1_unreadable_left_alone(void **state)
{
	(void)state;
	char *d = dir_new(), *v1 = path_in(d, "progress.yaml");
	static const char text[] = "rollwise-progress: 1\nlessons: [\n";
	struct store *s = open_with(d, v1, text, strlen(text));
	struct progress *p = load_notice(s, "could not be converted");
	size_t len;
	char *back = file_read(v1, &len);
	assert_string_equal(back, text);
	free(back);
	progress_visit(p, "c", "l", 0, T0);
	save_ok(s, p);
	back = file_read(v1, &len);
	assert_string_equal(back, text);
	free(back);
	progress_free(p);
	store_close(s);
	free(v1);
	dir_remove(d);
}

/* ---- stamps and sizes ---- */

static void test_extreme_stamps(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	progress_visit(p, "c", "y9999", 1, (time_t)253402300799);	/* 9999-12-31T23:59:59Z */
	progress_visit(p, "c", "beyond", 2, (time_t)400000000000);
	answer_at(p, "c", "l", "q", false, (time_t)253402300000);
	save_ok(s, p);
	store_close(s);
	size_t len;
	char *text = file_read(file, &len);
	assert_null(strstr(text, "''"));
	assert_non_null(strstr(text, "at: 9999-12-31T23:59:59Z"));
	free(text);
	open_ok(d, &s);
	struct progress *q = load_quiet(s);
	assert_int_equal(q->nlessons, 2);
	assert_int_equal(q->nquestions, 1);
	progress_free(q);
	progress_free(p);
	store_close(s);
	/* written by hand: out of range is clamped, not refused */
	static const char odd[] =
		"- {rollwise-progress: 2}\n"
		"- {ev: page, at: 1900-01-01T00:00:00Z, sess: 1, seq: 1, course: c, lesson: old, page: 0}\n"
		"- {ev: page, at: 123456-01-01T00:00:00Z, sess: 1, seq: 2, course: c, lesson: far, page: 0}\n";
	file_write(file, odd, strlen(odd));
	open_ok(d, &s);
	q = load_quiet(s);
	assert_int_equal(q->nlessons, 2);
	assert_int_equal(q->lessons[0].page_st.at, STAMP_MAX);	/* "far" sorts first */
	assert_int_equal(q->lessons[1].page_st.at, STAMP_MIN);
	progress_free(q);
	store_close(s);
	free(file);
	dir_remove(d);
}

/* A history past 8 MiB written by hand (or by a rollwise that never
 * compacted) loads whole. */
/* The class report needs each lesson's first attempt: its answers survive
 * the cap of ANSWERS_KEEP answers a question through compaction, even after
 * 30 retakes. */
static void test_first_attempt_kept(void **state)
{
	(void)state;
	static const char *const qs[] = { "q1", "q2", "q3" };
	char *d = dir_new();
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	uint64_t first = 0;
	for (int take = 0; take < 30; take++) {
		time_t now = T0 + 60 * take;
		struct given g = { "c", "l", NULL, 1, HASH1, RUN_NEW };
		for (int i = 0; i < 3; i++) {
			g.question = qs[i];
			uint64_t seq = progress_answer(p, &g, 1u << i, take == 0, now + i);
			if (i == 0)
				g.run = seq;
		}
		if (take == 0)
			first = g.run;
		g.question = NULL;
		assert_int_equal(progress_attempt(p, &g, take == 0 ? 100 : 0, take == 0, now + 3), 0);
		save_ok(s, p);
	}
	char *err = NULL;
	assert_int_equal(store_compact(s, p, &err), 0);
	progress_free(p);
	store_close(s);
	open_ok(d, &s);
	p = load_quiet(s);
	assert_int_equal(p->nquestions, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct question_progress *qp = &p->questions[i];
		size_t firsts = 0;
		assert_int_equal(qp->nanswers, ANSWERS_KEEP + 1);
		for (size_t k = 0; k < qp->nanswers; k++)
			if (qp->answers[k].run == first && qp->answers[k].correct)
				firsts++;
		assert_int_equal(firsts, 1);
	}
	progress_free(p);
	store_close(s);
	dir_remove(d);
}

static void test_big_history(void **state)
{
	(void)state;
	char *d = dir_new(), *file = path_in(d, "progress.log");
	FILE *fp = fopen(file, "wb");
	assert_non_null(fp);
	fputs("- {rollwise-progress: 2}\n", fp);
	long n = 0;
	while (ftell(fp) < 9L * 1024 * 1024) {
		fprintf(fp, "- {ev: answer, at: 2026-01-01T00:00:00Z, sess: 00000000000000aa, "
			"seq: %ld, course: c, lesson: l, question: q%ld, picked: [1], right: true, "
			"version: 1, hash: " HASH1 "}\n", n + 1, n % 500);
		n++;
	}
	fclose(fp);
	struct store *s;
	open_ok(d, &s);
	struct progress *p = load_quiet(s);
	assert_int_equal(p->nquestions, 500);
	assert_int_equal(p->questions[0].nanswers, ANSWERS_KEEP);
	progress_free(p);
	store_close(s);
	free(file);
	dir_remove(d);
}

/* ---- the property: whatever the writer writes, the reader reads back ---- */

static unsigned rnd(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffffff;
}

static const char *const odd_ids[] = {
	"c", "basics", "true", "null", "123", "- dash", "it's", "a: b", "{x}", "[y]", "#z",
	"ünïcødé-✓-🎉", "sp ace", "''", "end'", "a,b", "tab-less",
};
#define NODD (sizeof odd_ids / sizeof *odd_ids)

static time_t odd_time(unsigned *seed)
{
	switch (rnd(seed) % 6) {
	case 0: return 0;
	case 1: return STAMP_MAX;
	case 2: return -(time_t)rnd(seed) * 1000;
	case 3: return STAMP_MAX + (time_t)rnd(seed);
	default: return T0 + (time_t)(rnd(seed) % 100000000);
	}
}

static struct progress *random_state(unsigned *seed)
{
	struct progress *p = progress_new();
	int n = (int)(rnd(seed) % 200);
	for (int i = 0; i < n; i++) {
		struct event ev = { .box = -1 };
		ev.st = (struct stamp){ odd_time(seed), rnd(seed) % 4 ? 0xab : ((uint64_t)rnd(seed) << 40 | rnd(seed)),
					1 + rnd(seed) % 1000 };
		ev.course = odd_ids[rnd(seed) % NODD];
		ev.lesson = odd_ids[rnd(seed) % NODD];
		ev.question = odd_ids[rnd(seed) % NODD];
		switch (rnd(seed) % 7) {
		case 0: ev.kind = EV_NOTICE; break;
		case 1:
			ev.kind = EV_PAGE;
			ev.page = rnd(seed) % 50;
			ev.furthest = rnd(seed) % 60;
			break;
		case 2: case 3:
			ev.kind = EV_ANSWER;
			ev.answer = (struct answer){ ev.st, rnd(seed) % 2, rnd(seed) % 512,
						     (int)(rnd(seed) % 5) - 1, "", rnd(seed) % 3 };
			if (rnd(seed) % 2)
				memcpy(ev.answer.hash, HASH1, 17);
			if (rnd(seed) % 2) {
				ev.box = 1 + (int)(rnd(seed) % REVIEW_DONE);
				ev.due = odd_time(seed);
			}
			break;
		case 4:
			ev.kind = EV_ATTEMPT;
			ev.attempt = (struct attempt){ ev.st, (int)(rnd(seed) % 101), rnd(seed) % 2,
						       (int)(rnd(seed) % 4), HASH1, rnd(seed) % 3 };
			ev.tally = rnd(seed) % 4;
			break;
		case 5:
			ev.kind = EV_BOX;
			ev.box = 1 + (int)(rnd(seed) % REVIEW_DONE);
			ev.due = odd_time(seed);
			break;
		default:
			ev.kind = EV_GONE;
			if (rnd(seed) % 2)
				ev.question = NULL;
			if (rnd(seed) % 2)
				ev.lesson = NULL;
		}
		assert_int_equal(progress_apply(p, &ev, rnd(seed) % 2), 0);
	}
	progress_tidy(p);
	return p;
}

static void test_writer_reader_property(void **state)
{
	(void)state;
	unsigned seed = 2026;
	for (int round = 0; round < 200; round++) {
		struct progress *p = random_state(&seed), *q = progress_new();
		size_t len;
		char *text = journal_snapshot(p, &len);
		struct journal_read r = { 0 };
		journal_fold(text, len, 0, q, false, &r);
		progress_tidy(q);
		if (r.bad)
			fail_msg("round %d: line %zu refused (%s)", round, r.first_bad, r.why);
		assert_false(r.torn);
		assert_int_equal(r.version, 2);
		assert_same(p, q);
		free(r.rejects);
		free(text);
		progress_free(p);
		progress_free(q);
	}
}

/* Damaged journals: each folds without crashing; what it folds to writes
 * and reads back the same; a damaged line costs at most that line. */
static void test_journal_mutations(void **state)
{
	(void)state;
	unsigned seed = 77;
	struct progress *p = random_state(&seed);
	size_t len;
	char *text = journal_snapshot(p, &len);
	char *m = xmalloc(len + 1);
	for (int round = 0; round < 1000; round++) {
		memcpy(m, text, len);
		seed = seed * 1103515245u + 12345u;
		size_t at = (seed >> 8) % len;
		unsigned r8 = rnd(&seed) & 0xff;
		m[at] = round % 3 ? (char)r8 : " :-{}[],\n'#\0"[r8 % 12];
		struct progress *q = progress_new(), *q2 = progress_new();
		struct journal_read r = { 0 };
		journal_fold(m, len, 0, q, round % 2, &r);
		progress_tidy(q);
		assert_true(r.bad <= 2);	/* a newline may split one line in two */
		size_t l1;
		char *a = journal_snapshot(q, &l1);
		struct journal_read r2 = { 0 };
		journal_fold(a, l1, 0, q2, false, &r2);
		progress_tidy(q2);
		assert_int_equal(r2.bad, 0);
		assert_same(q, q2);
		free(a);
		free(r.rejects);
		free(r2.rejects);
		progress_free(q);
		progress_free(q2);
	}
	free(m);
	free(text);
	progress_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_shape),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_lenient),
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
		cmocka_unit_test(test_one_line_per_save),
		cmocka_unit_test(test_torn_last_line),
		cmocka_unit_test(test_past_the_cap_read_only),
		cmocka_unit_test(test_first_attempt_kept),
		cmocka_unit_test(test_bad_lines_skipped),
		cmocka_unit_test(test_line_number_named),
		cmocka_unit_test(test_binary_set_aside),
		cmocka_unit_test(test_newer_version_untouched),
		cmocka_unit_test(test_two_sessions_merge),
		cmocka_unit_test(test_compaction),
		cmocka_unit_test(test_full_disk_keeps_old_file),
		cmocka_unit_test(test_stale_temps_removed),
		cmocka_unit_test(test_v1_converted),
		cmocka_unit_test(test_v1_unreadable_left_alone),
		cmocka_unit_test(test_extreme_stamps),
		cmocka_unit_test(test_big_history),
		cmocka_unit_test(test_writer_reader_property),
		cmocka_unit_test(test_journal_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
