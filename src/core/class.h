/* class.h - a class on a shared machine: the drop folder an instructor makes,
 * the hand-ins trainees put in it, and the report with item analysis.
 *
 * A hand-in is DIR/<login>.rollwise: a header line, then the trainee's
 * journal as a snapshot (journal.h), so every attempt and every answer with
 * the choices picked, the course versions and lesson hashes. Who handed it in
 * is the file's owner, never a name inside it. The formulas of the report
 * are in docs/class-report.md. */
#ifndef ROLLWISE_CLASS_H
#define ROLLWISE_CLASS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/catalog.h"
#include "core/export.h"
#include "core/progress.h"

/* The folder's mode: setgid and sticky; the owner may do anything, the
 * group and others may only create files (and reach them by name). */
#define CLASS_MODE 03733
/* The largest hand-in read. */
#define HANDIN_MAX_BYTES (4 * 1024 * 1024)
/* Items are judged from this many answers up. */
#define ITEM_MIN_ANSWERS 10

/* Creates dir as a class folder (CLASS_MODE, group group, which must be one
 * of the caller's, or the caller's primary group). An existing folder that is
 * already one is fine (without group, whatever its group); one with other
 * modes, owner or group is refused unless force (then fixed). A folder made
 * by a call that fails is removed. Returns 0 with *msg (what to tell
 * trainees; caller frees), or -1 with *err. */
int class_init(const char *dir, const char *group, bool force, char **msg, char **err);

/* Hands p in to dir as <login>.rollwise (0640, written to a temporary name
 * nobody can guess and renamed over the previous hand-in); refuses a link or
 * another user's file at that name. Returns 0 with *msg (what was handed in), or -1 with
 * *err; callers free them. */
int class_submit(const char *dir, const struct progress *p, char **msg, char **err);

/* The report of the hand-ins in dir for the courses of cat (only course_id
 * when not NULL), in fmt, to fp. Hand-ins that cannot be used are listed and
 * skipped. Returns 0, or -1 with *err (dir unreadable, fp failing). */
int class_report(FILE *fp, const char *dir, const struct catalog *cat, const char *course_id,
		 enum export_format fmt, char **err);

/* One row of the class screen: a trainee of the folder. */
struct class_row {
	char *login;
	size_t passed, lessons;	/* over every course of the catalog */
	int mean_first;		/* mean of first-attempt scores, -1 when none */
	time_t last;		/* last activity, 0 when none */
	bool mismatch, outdated, unchecked;
};

/* The trainees of dir, sorted by login, for the class screen; *skipped
 * counts the hand-ins left out. Returns the count, or -1 with *err. */
long class_rows(const char *dir, const struct catalog *cat, struct class_row **out,
		size_t *skipped, char **err);
void class_rows_free(struct class_row *rows, long n);

#endif
