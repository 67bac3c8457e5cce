/* progress_seeds.c - writes progress files for the fuzzer's seed corpus.
 *
 *   progress_seeds DIR    writes DIR/progress-N.yaml and DIR/journal-N.log
 *
 * Each is a learner's state, from empty to one with every kind of record and
 * ids that YAML must quote: as release 1's store_format wrote it, and as a
 * journal (its snapshot, then the same changes as appended lines). */
#include "core/progress.h"
#include "record.h"
#include "core/journal.h"
#include "core/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

static const char *const ids[] = {
	"basics", "home-roller-safety", "a b", "null", "true", "- x", "#hash",
	"x: y", "caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac", "'q\"", "0123",
};
#define NIDS (sizeof ids / sizeof *ids)

static int write_file(const char *dir, const char *name, int n, const char *buf, size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s-%d", dir, name, n);
	FILE *fp = fopen(path, "w");
	int ok = fp && fwrite(buf, 1, len, fp) == len;
	if (fp && fclose(fp) != 0)
		ok = 0;
	if (!ok)
		perror(path);
	return ok ? 0 : -1;
}

/* The journal: its snapshot, then each unsaved change as a line. */
static int save_journal(const char *dir, int n, const struct progress *p)
{
	size_t len, nu;
	char *snap = journal_snapshot(p, &len);
	const struct event *v = progress_unsaved(p, &nu);
	char *buf = malloc(len + nu * JOURNAL_LINE_MAX + 1);
	if (!buf)
		abort();
	memcpy(buf, snap, len);
	for (size_t i = 0; i < nu; i++)
		len += journal_format(&v[i], buf + len, JOURNAL_LINE_MAX);
	int rc = write_file(dir, "journal", n, buf, len);
	free(buf);
	free(snap);
	return rc;
}

static int save(const char *dir, int n, const struct progress *p)
{
	size_t len;
	char *err = NULL;
	char *buf = store_format(p, &len, &err);
	if (!buf) {
		fprintf(stderr, "progress_seeds: %s\n", err);
		free(err);
		return -1;
	}
	if (save_journal(dir, n, p) != 0) {
		free(buf);
		return -1;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/progress-%d.yaml", dir, n);
	FILE *fp = fopen(path, "w");
	int ok = fp && fwrite(buf, 1, len, fp) == len;
	if (fp && fclose(fp) != 0)
		ok = 0;
	free(buf);
	if (!ok)
		perror(path);
	return ok ? 0 : -1;
}

/* Step k of a learner's history: a page, an answer, now and then a quiz. */
static void step(struct progress *p, int k, time_t now)
{
	const char *c = ids[k % 3], *l = ids[(k + 3) % NIDS], *q = ids[(k * 7) % NIDS];
	progress_visit(p, c, l, (size_t)(k % 5), now);
	answer_at(p, c, l, q, k % 3 != 0, now);
	if (k % 4 == 3)
		attempt_at(p, c, l, (k * 13) % 101, k % 8 == 7, 1 + k % 3,
				 "0123456789abcdef", now);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: progress_seeds DIR\n", stderr);
		return 2;
	}
	static const int steps[] = { 0, 1, 2, 5, 12, 40, 120 };
	time_t t0 = 1764042000; /* 2025-11-25 */
	int status = 0;
	for (size_t n = 0; n < sizeof steps / sizeof *steps; n++) {
		struct progress *p = progress_new();
		if (n > 0)
			progress_notice_seen(p);
		for (int k = 0; k < steps[n]; k++)
			step(p, k, t0 + (time_t)k * (k % 2 ? DAY : 60));
		if (save(argv[1], (int)n, p) != 0)
			status = 1;
		progress_free(p);
	}
	return status;
}
