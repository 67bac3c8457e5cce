/* loadtime - the load benchmark: loads and validates each course file with
 * course_load, as "rollwise check" and the tutor's start do.
 *
 *   loadtime FILE...
 *
 * Prints the milliseconds one pass over all the files took: CPU time of
 * the process, then wall time. Exit status 1, with the diagnostics,
 * if a file has an error (the benchmark corpus must be clean); warnings
 * are made (their cost is part of a load) but not printed. */
#include "core/course.h"

#include <stdio.h>
#include <time.h>

static double now_ms(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct diags d = { 0 };
	size_t bad = 0;
	double cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID), wall = now_ms(CLOCK_MONOTONIC);
	for (int i = 1; i < argc; i++) {
		struct course *c = course_load(argv[i], &d);
		bad += c == NULL;
		course_free(c);
	}
	cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	wall = now_ms(CLOCK_MONOTONIC) - wall;
	if (bad)
		diag_print(&d, stderr);
	diag_free(&d);
	if (bad)
		return 1;
	printf("%.2f %.2f\n", cpu, wall);
	return 0;
}
