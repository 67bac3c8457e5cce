/* export.h - the learner's results as a table: text for people, CSV or JSON
 * for other programs. */
#ifndef ROLLWISE_EXPORT_H
#define ROLLWISE_EXPORT_H

#include <stdio.h>

#include "core/catalog.h"
#include "core/progress.h"

enum export_format { EXPORT_TEXT, EXPORT_CSV, EXPORT_JSON };

/* Sets *out to the format named "text", "csv" or "json"; -1 for any other. */
int export_format_parse(const char *name, enum export_format *out);
/* Writes one row per lesson: each lesson of each course in cat, then each
 * lesson p has records for that cat no longer has. Columns: course, lesson,
 * status, best score, attempts, first passed, last attempt, and the course
 * version and content hash of the last attempt. Times are ISO 8601 UTC;
 * missing values are empty (null in JSON). CSV is RFC 4180 with CRLF.
 * Returns 0, or -1 with *err (caller frees) when fp fails. */
int export_write(FILE *fp, enum export_format fmt, const struct progress *p,
		 const struct catalog *cat, char **err);

/* Writes one row per answer kept in p, oldest first: time, course, lesson,
 * question, the choices picked (numbered from 1 in the order the course file
 * lists them; a JSON array), whether it was right, quiz or review, and the
 * course version and content hash it was given on. Formats as above. */
int export_answers(FILE *fp, enum export_format fmt, const struct progress *p, char **err);

/* The pieces, for other tables (the class report): s as one CSV field
 * (quoted when it must be); s as a JSON string. */
void export_csv_field(FILE *fp, const char *s);
void export_json_string(FILE *fp, const char *s);

#endif
