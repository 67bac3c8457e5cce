/* fuzz_progress.c - libFuzzer target: the progress readers.
 *
 * A journal (input starting "- {"): whatever it folds to is written as a
 * snapshot that folds back to the same state with no line refused, and a
 * state merged into itself does not change. Release 1's progress.yaml
 * (anything else): a file that parses must write back out, and what is
 * written must parse again to the same bytes. */
#include "core/journal.h"
#include "core/progress.h"
#include "core/store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses buf, which must succeed; aborts otherwise. */
static struct progress *must_parse(const char *buf, size_t len)
{
	struct progress *p;
	char *err;
	if (store_parse(buf, len, &p, &err) != 0)
		abort();
	return p;
}

static char *must_format(const struct progress *p, size_t *len)
{
	char *err = NULL;
	char *out = store_format(p, len, &err);
	if (!out)
		abort();
	return out;
}

static void journal_case(const char *buf, size_t len)
{
	struct progress *p = progress_new(), *q = progress_new();
	struct journal_read r = { 0 }, r2 = { 0 };
	journal_fold(buf, len, 0, p, len % 2, &r);
	progress_tidy(p);
	if (r.bad && !r.why[0])
		abort();	/* a skipped line always says why */
	size_t n1, n2, n3;
	char *out1 = journal_snapshot(p, &n1);
	journal_fold(out1, n1, 0, q, false, &r2);
	progress_tidy(q);
	if (r2.bad || r2.torn)
		abort();	/* the writer made a line the reader refuses */
	char *out2 = journal_snapshot(q, &n2);
	if (n1 != n2 || memcmp(out1, out2, n1) != 0)
		abort();
	progress_merge(q, p);
	char *out3 = journal_snapshot(q, &n3);
	if (n1 != n3 || memcmp(out1, out3, n1) != 0)
		abort();
	free(out1);
	free(out2);
	free(out3);
	free(r.rejects);
	free(r2.rejects);
	progress_free(p);
	progress_free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct progress *p;
	char *err;
	if (size >= 3 && !memcmp(data, "- {", 3)) {
		journal_case((const char *)data, size);
		return 0;
	}
	if (store_parse((const char *)data, size, &p, &err) != 0) {
		if (!err || !*err)
			abort();	/* a refusal always says why */
		free(err);
		return 0;
	}
	size_t n1, n2, n3;
	char *out1 = must_format(p, &n1);
	struct progress *q = must_parse(out1, n1);
	char *out2 = must_format(q, &n2);
	if (n1 != n2 || memcmp(out1, out2, n1) != 0)
		abort();
	progress_merge(q, p);
	char *out3 = must_format(q, &n3);
	if (n1 != n3 || memcmp(out1, out3, n1) != 0)
		abort();
	free(out1);
	free(out2);
	free(out3);
	progress_free(q);
	progress_free(p);
	return 0;
}
