/* plain.h - the plain line mode: the tutor as sequential text with numbered
 * choices, for screen readers, braille displays and scripts. */
#ifndef ROLLWISE_PLAIN_H
#define ROLLWISE_PLAIN_H

#include <stdio.h>

#include "core/session.h"

/* Runs the tutor on in/out, wrapping text to width columns (0: no hard
 * wrapping); opens course_id (and lesson_id) when given, and runs the due
 * reviews when review is set. Returns 0 at the end of input, on quit or on
 * a stop signal, 1 when the named course or lesson does not exist. */
int plain_run(struct session *s, FILE *in, FILE *out, int width,
	      const char *course_id, const char *lesson_id, int review);

#endif
