/* course.h - the content model: a course, its lessons, pages and quizzes. */
#ifndef ROLLWISE_COURSE_H
#define ROLLWISE_COURSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

/* Where an item stands in its file (1-based), for messages found after parsing. */
struct mark {
	int line, col;
};

/* What kind of work a source is: it tells the learner how much weight the
 * source carries. SOURCE_UNSAID when the course does not say. */
enum source_kind {
	SOURCE_UNSAID, SOURCE_REVIEW, SOURCE_JOURNAL, SOURCE_GUIDELINE,
	SOURCE_REGULATOR, SOURCE_MEDICAL_BODY, SOURCE_PRESS, SOURCE_CLINIC,
	SOURCE_POPULAR
};

struct source {
	char *id;
	char *cite;
	enum source_kind kind;
	struct mark at;
};

/* A list of source ids named by a page or question. */
struct source_refs {
	char **ids;
	struct mark *at;
	size_t n;
};

struct page {
	char *id;	/* given, or derived from the title */
	char *title;
	char *text;	/* light markup: paragraphs, "- " bullets, *emphasis* */
	struct source_refs sources;
	struct mark at;
};

struct choice {
	char *text;
	bool correct;
	char *feedback;	/* NULL when none */
	struct mark at;
};

enum question_kind { KIND_SINGLE, KIND_MULTIPLE, KIND_TRUE_FALSE };

struct question {
	char *id;
	enum question_kind kind;
	char *prompt;
	struct choice *choices;
	size_t nchoices;
	char *explanation;	/* NULL when none (the loader warns) */
	bool critical;
	bool shuffle;		/* false keeps the written order */
	char *review;		/* page id to re-read when missed, or NULL */
	size_t review_page;	/* index of that page in the lesson */
	struct source_refs sources;
	struct mark at, review_at;
};

struct quiz {
	int pass;		/* pass mark in percent, 1-100 */
	struct question *questions;
	size_t nquestions;
};

struct lesson {
	char *id;
	char *title;
	struct page *pages;
	size_t npages;
	struct quiz quiz;
	struct mark at;
	char hash[17];		/* lesson_hash of the original text, kept when a
				 * translation replaces it; "" until then */
};

struct course {
	char *path;		/* file it was loaded from */
	char *id;
	char *title;
	char *summary;		/* "" when none */
	int order;		/* place in menus, 0-9999; COURSE_NO_ORDER when not given */
	int version;
	struct source *sources;
	size_t nsources;
	struct lesson *lessons;
	size_t nlessons;
	struct mark at;
	char *replaces;		/* set by the catalog: the bundled course file of
				 * the same id this course hides, or NULL */
};

/* The order of a course that does not give one (it comes after those that do). */
#define COURSE_NO_ORDER (-1)
/* Largest 'order' a course may give. */
#define COURSE_MAX_ORDER 9999

/* Largest course file the loader reads, in bytes. */
#define COURSE_MAX_BYTES (1024 * 1024)

/* Reads and validates the course at path. Every problem goes to d; returns
 * NULL when there was any error. The caller frees the course. */
struct course *course_load(const char *path, struct diags *d);
/* Same as course_load for the file open on fd (O_NONBLOCK, so that a FIFO
 * is refused, not waited on); the caller still owns fd. */
struct course *course_load_fd(int fd, const char *path, struct diags *d);
/* Same as course_load for bytes already in memory; name is used in messages. */
struct course *course_load_mem(const char *name, const char *buf, size_t len,
			       struct diags *d);
/* Frees a course and everything it owns; NULL is fine. */
void course_free(struct course *c);
/* Finds a lesson by id, or NULL. */
const struct lesson *course_lesson(const struct course *c, const char *id);
/* Finds a source by id, or NULL. */
const struct source *course_source(const struct course *c, const char *id);
/* The kind in words for the learner ("review of studies"), or NULL for
 * SOURCE_UNSAID; a static string. */
const char *source_kind_words(enum source_kind k);
/* The citations of refs as bullet lines ("- cite (kind in words)\n" each, in
 * page markup), or NULL when refs is empty; caller frees. */
char *course_cites(const struct course *c, const struct source_refs *refs);
/* Number of questions in all the course's quizzes. */
size_t course_questions(const struct course *c);
/* A hash of everything a learner sees in the lesson, as 16 hex digits into
 * out[17]: it changes whenever the lesson's text or quiz changes. It is
 * that of the course's own text, whatever translation is shown, so that
 * progress is shared across languages. */
void lesson_hash(const struct lesson *l, char out[17]);

#endif
