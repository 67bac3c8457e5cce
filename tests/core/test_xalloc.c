/* test_xalloc.c - the allocation helpers' formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Short results are formatted once on the stack, long ones again into the
 * heap: both ways give the whole string, at and around the 256-byte edge. */
static void asprintf_lengths(void **state)
{
	(void)state;
	static const int lens[] = { 0, 1, 254, 255, 256, 257, 1000 };
	for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
		char *s = xasprintf("%*s|%d", lens[i], "x", lens[i]);
		char want[1100];
		int n = snprintf(want, sizeof want, "%*s|%d", lens[i], "x", lens[i]);
		assert_int_equal(strlen(s), n);
		assert_string_equal(s, want);
		free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(asprintf_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
