/* fuzz_progress.c - libFuzzer target: the progress-file reader.
 *
 * A file that parses must write back out, and what is written must parse
 * again to the same bytes: a learner's progress survives a save. Merging a
 * state into a copy of itself must change nothing, as progress.h promises. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct progress *p;
	char *err;
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
