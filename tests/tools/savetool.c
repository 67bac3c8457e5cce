/* savetool - drives the progress store for the shell fault tests.
 *
 *   savetool save [-n COUNT] [-q PREFIX] [-m MOD] [--enospc] [--compact]
 *                 [--die-compacting half|whole]
 *       COUNT times (0: until killed): turn a page, answer question
 *       PREFIX-i (PREFIX-(i % MOD) with -m), record a quiz attempt, save.
 *       --enospc makes every write fail as on a full disk; --compact
 *       compacts the journal after every save. --die-compacting compacts
 *       after the last save and is killed (SIGKILL) in the middle of it:
 *       with half of the new journal written to the temp file, or all of
 *       it but before the sync and the rename.
 *   savetool load          load; print "notice: ..." if any, then a summary
 *   savetool parse [--torn-ok] FILE
 *                          read FILE (a journal, or release 1's
 *                          progress.yaml) without touching it; print a
 *                          summary; fail on a bad or torn line (with
 *                          --torn-ok a torn last line, the save a kill cut
 *                          short, is "torn=1" in the summary instead)
 *   savetool count PREFIX  questions whose id starts with PREFIX, from a load
 *
 * The state directory is the default one ($XDG_STATE_HOME/rollwise). Exit
 * status: 0 fine, 1 a save or parse failed, 2 usage or the store would not open. */
#include "core/journal.h"
#include "core/store.h"
#include "record.h"
#include "core/xalloc.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static ssize_t write_enospc(int fd, const void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	(void)n;
	errno = ENOSPC;
	return -1;
}

/* --die-compacting: set while the last save's compaction runs. */
static enum { DIE_NO, DIE_HALF, DIE_WHOLE } die_mode;
static bool compacting;

/* True when fd is the file a compaction writes the new journal to (the
 * temp file, but the journal itself would do too), not progress.rejected. */
static bool is_journal(int fd)
{
	char link[64], path[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof path - 1);
	if (n < 0)
		return false;
	path[n] = '\0';
	const char *base = strrchr(path, '/');
	return base && !strncmp(base + 1, "progress.log", 12);
}

static ssize_t write_then_die(int fd, const void *buf, size_t n)
{
	if (!compacting || !is_journal(fd))
		return write(fd, buf, n);
	size_t part = die_mode == DIE_HALF ? n / 2 : n;
	ssize_t w = part ? write(fd, buf, part) : 0;
	(void)w;
	raise(SIGKILL);
	return -1;	/* not reached */
}

static void summary(const struct progress *p)
{
	unsigned long long attempts = 0, answers = 0;
	for (size_t i = 0; i < p->nlessons; i++)
		for (size_t j = 0; j < p->lessons[i].ntallies; j++)
			attempts += p->lessons[i].tallies[j].n;
	for (size_t i = 0; i < p->nquestions; i++)
		answers += p->questions[i].nanswers;
	printf("lessons=%zu questions=%zu answers=%llu attempts=%llu\n",
	       p->nlessons, p->nquestions, answers, attempts);
}

static struct store *open_or_die(void)
{
	struct store *s;
	char *err;
	if (store_open(NULL, &s, &err) != 0) {
		fprintf(stderr, "savetool: %s\n", err);
		free(err);
		exit(2);
	}
	return s;
}

static struct progress *load(struct store *s)
{
	char *notice;
	struct progress *p = store_load(s, &notice);
	if (notice)
		printf("notice: %s\n", notice);
	free(notice);
	return p;
}

static int one_save(struct store *s, struct progress *p, const char *prefix,
		    unsigned long i, unsigned long mod, bool compact, bool last)
{
	char q[64], *err, *notice;
	time_t now = time(NULL);
	snprintf(q, sizeof q, "%s-%lu", prefix, mod ? i % mod : i);
	progress_visit(p, "course", "lesson", i % 5, now);
	answer_at(p, "course", "lesson", q, i % 3 == 0, now);
	attempt_at(p, "course", "lesson", (int)(i % 101), i % 101 >= 80, 1,
			 "0123456789abcdef", now);
	if (store_save(s, p, &err, &notice) != 0) {
		fprintf(stderr, "savetool: save failed: %s\n", err);
		free(err);
		return 1;
	}
	if (notice)
		printf("notice: %s\n", notice);
	free(notice);
	compacting = last && die_mode != DIE_NO;
	if ((compact || compacting) && store_compact(s, p, &err) != 0) {
		fprintf(stderr, "savetool: compaction failed: %s\n", err);
		free(err);
		return 1;
	}
	return 0;
}

static int cmd_save(int argc, char **argv)
{
	unsigned long count = 1, mod = 0;
	const char *prefix = "q";
	bool compact = false;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			count = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-q") && i + 1 < argc)
			prefix = argv[++i];
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			mod = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--enospc"))
			store_write_fn = write_enospc;
		else if (!strcmp(argv[i], "--compact"))
			compact = true;
		else if (!strcmp(argv[i], "--die-compacting") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "half"))
				die_mode = DIE_HALF;
			else if (!strcmp(argv[i], "whole"))
				die_mode = DIE_WHOLE;
			else
				return 2;
			store_write_fn = write_then_die;
		} else
			return 2;
	}
	if (die_mode != DIE_NO && count == 0)
		return 2;
	struct store *s = open_or_die();
	struct progress *p = load(s);
	int rc = 0;
	for (unsigned long i = 0; rc == 0 && (count == 0 || i < count); i++)
		rc = one_save(s, p, prefix, i, mod, compact, i + 1 == count);
	progress_free(p);
	store_close(s);
	return rc;
}

static int cmd_parse(const char *path, bool torn_ok)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		return 1;
	}
	char *buf = xmalloc(PROGRESS_MAX_BYTES + 1), *err;
	size_t len = fread(buf, 1, PROGRESS_MAX_BYTES + 1, fp);
	buf[len > PROGRESS_MAX_BYTES ? PROGRESS_MAX_BYTES : len] = '\0';
	fclose(fp);
	struct progress *p = NULL;
	int rc = 0, torn = 0;
	if (!strncmp(buf, "- {rollwise-progress:", 21)) {
		struct journal_read r = { 0 };
		p = progress_new();
		journal_fold(buf, len, 0, p, false, &r);
		progress_tidy(p);
		if (r.bad || (r.torn && !torn_ok)) {
			fprintf(stderr, "savetool: %s: %zu bad lines (line %zu: %s)%s\n", path,
				r.bad, r.first_bad, r.why, r.torn ? ", a torn last line" : "");
			rc = -1;
		}
		torn = r.torn;
		free(r.rejects);
	} else if ((rc = store_parse(buf, len, &p, &err)) != 0) {
		fprintf(stderr, "savetool: %s: %s\n", path, err);
		free(err);
	}
	free(buf);
	if (rc != 0) {
		progress_free(p);
		return 1;
	}
	if (torn_ok)
		printf("torn=%d ", torn);
	summary(p);
	progress_free(p);
	return 0;
}

static int cmd_count(const char *prefix)
{
	struct store *s = open_or_die();
	struct progress *p = load(s);
	size_t n = 0;
	for (size_t i = 0; i < p->nquestions; i++)
		n += !strncmp(p->questions[i].question, prefix, strlen(prefix)) &&
		     p->questions[i].nanswers > 0;
	printf("%zu\n", n);
	progress_free(p);
	store_close(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "save"))
		return cmd_save(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "parse"))
		return cmd_parse(argv[2], false);
	if (argc == 4 && !strcmp(argv[1], "parse") && !strcmp(argv[2], "--torn-ok"))
		return cmd_parse(argv[3], true);
	if (argc == 3 && !strcmp(argv[1], "count"))
		return cmd_count(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "load")) {
		struct store *s = open_or_die();
		struct progress *p = load(s);
		summary(p);
		progress_free(p);
		store_close(s);
		return 0;
	}
	fputs("usage: savetool save [-n N] [-q PREFIX] [-m MOD] [--enospc] [--compact]"
	      " [--die-compacting half|whole] | load |"
	      " parse FILE | count PREFIX\n", stderr);
	return 2;
}
