/* journal.h - the progress journal's text: one event per line.
 *
 * Each line is a YAML flow mapping in a block sequence, so the whole file is
 * one YAML document that any YAML tool reads; rollwise itself reads it line
 * by line, so a bad or torn line costs only that line. The first line says
 * the format version:
 *
 *   - {rollwise-progress: 2}
 *   - {ev: notice, at: 2026-11-25T03:30:00Z, sess: 9f86d081884c7d65, seq: 1}
 *   - {ev: page, at: 2026-11-25T03:31:00Z, sess: 9f86d081884c7d65, seq: 2,
 *      course: basics, lesson: what-it-is, page: 2}
 *   - {ev: answer, at: ..., sess: ..., seq: 3, course: basics,
 *      lesson: what-it-is, question: meaning-of-induction, picked: [0],
 *      right: true, version: 2, hash: 0123456789abcdef, run: 3}
 *   - {ev: attempt, at: ..., sess: ..., seq: 7, course: basics,
 *      lesson: what-it-is, score: 75, passed: true, version: 2,
 *      hash: 0123456789abcdef, run: 3, tally: 1}
 *
 * (a line is never folded; the examples are). A snapshot (compaction)
 * writes a question's kept answers as one line, each answer a list of its
 * time, session, seq, choices picked, right, version, hash and run (~ for
 * what is not known):
 *
 *   - {ev: answers, course: basics, lesson: what-it-is,
 *      question: meaning-of-induction, list: [[2026-11-25T03:32:00Z,
 *      9f86d081884c7d65, 3, [0], true, 2, 0123456789abcdef, 3], ...]}
 *
 * Every field is described in rollwise(1), FILES. Unknown keys are ignored and unknown events skipped,
 * so a newer rollwise's additions do not stop an older one from reading
 * what it knows. */
#ifndef ROLLWISE_JOURNAL_H
#define ROLLWISE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/progress.h"

#define JOURNAL_VERSION 2
/* Longest line written or read (three quoted ids of PROGRESS_ID_MAX bytes
 * fit, with every quote doubled). */
#define JOURNAL_LINE_MAX 8192
/* Answers per snapshot line. */
#define JOURNAL_GROUP 16

/* The first line, "- {rollwise-progress: 2}\n", or with the size of the
 * snapshot that follows, "- {rollwise-progress: 2, snapshot: 1234}\n";
 * returns its length. */
size_t journal_header(char *buf, size_t cap, size_t snapshot);
/* ev as one line ending in "\n" into buf (cap at least JOURNAL_LINE_MAX);
 * returns its length. Stamps are clamped, so the reader takes every line
 * the writer makes. */
size_t journal_format(const struct event *ev, char *buf, size_t cap);

/* What reading a journal found. */
struct journal_read {
	int version;		/* the header's, 0 when there is none */
	size_t snapshot;	/* the header's size of the snapshot, 0 none */
	size_t events;		/* lines folded */
	size_t bad;		/* lines skipped as not valid */
	size_t first_bad;	/* line number of the first of them, from 1 */
	char why[96];		/* what was wrong with it */
	size_t end;		/* bytes up to the end of the last whole line */
	size_t lines;		/* whole lines read */
	bool torn;		/* the bytes after end are a line cut short */
	bool text;		/* false: no line at all could be read */
	char *rejects;		/* the skipped lines, each ending in "\n" */
	size_t nrejects;
};

/* Folds the whole lines of buf (len bytes) into p; line numbers start at
 * line0 + 1. With tidy false, call progress_tidy afterwards. Free
 * r->rejects. */
void journal_fold(const char *buf, size_t len, size_t line0, struct progress *p,
		  bool tidy, struct journal_read *r);
/* The journal that rebuilds p: the header (with the size) and p's events;
 * caller frees; *len is its length. */
char *journal_snapshot(const struct progress *p, size_t *len);

#endif
