/* store.h - progress on disk: an append-only journal per user in a private
 * directory ($XDG_STATE_HOME/rollwise/progress.log, see journal.h), appended
 * under a lock, folded back on load, and compacted now and then.
 *
 * Durability: a save appends the changes not yet saved in one write(); an
 * answer, a finished quiz or the notice is fsynced before store_save
 * returns, page turns at most once a second and by store_flush (on exit,
 * suspend, hang-up and SIGTERM). Nothing the learner did is thrown away:
 * a bad line is skipped and kept in progress.rejected, a file that is not
 * text at all is renamed aside, a newer format is left untouched and only
 * read, and release 1's progress.yaml is converted once and kept. */
#ifndef ROLLWISE_STORE_H
#define ROLLWISE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/progress.h"

/* Largest release 1 progress.yaml read, in bytes. */
#define PROGRESS_MAX_BYTES (64 * 1024 * 1024)
/* The journal is compacted when it has grown this much past its last
 * snapshot. */
#define COMPACT_SLACK (64 * 1024)

struct store;

/* Opens the state directory dir, or when dir is NULL $XDG_STATE_HOME/rollwise
 * (if absolute) or ~/.local/state/rollwise, creating it with mode 0700.
 * Refuses a symbolic link there or at its files, another user's directory,
 * and, run as root, creating anything inside another user's folder. A
 * directory that cannot be written is opened read-only (store_readonly).
 * Returns 0 with *out (close it with store_close), or -1 with *err (caller
 * frees). */
int store_open(const char *dir, struct store **out, char **err);
/* The directory in use; s owns the string. */
const char *store_dir(const struct store *s);
/* The directory's descriptor (s owns it), for other private files kept
 * beside the journal (cache.h). */
int store_dirfd(const struct store *s);
/* Why saving is off (read-only folder, newer format), or NULL. */
const char *store_readonly(const struct store *s);
/* Reads the saved progress into a new state (caller frees with
 * progress_free). Never fails: what cannot be read becomes a one-time
 * *notice for the learner (caller frees; NULL when all is well). */
struct progress *store_load(struct store *s, char **notice);
/* Appends p's unsaved changes (progress_unsaved) and folds into p what other
 * sessions appended since. Returns 0, or -1 with *err (caller frees) when
 * they could not be written (they stay unsaved, for the next save). *notice
 * as for store_load (caller frees). */
int store_save(struct store *s, struct progress *p, char **err, char **notice);
/* Makes appended changes durable (fsync), if any are not yet. */
void store_flush(struct store *s);
/* True when appended changes wait for store_flush. */
bool store_unsynced(const struct store *s);
/* The journal's descriptor, for an fsync from a signal handler; -1 none. */
int store_fd(const struct store *s);
/* Under the lock, folds into p what other sessions added, then rewrites the
 * journal as a snapshot of p (store_save does it when the journal has grown
 * by COMPACT_SLACK). Returns 0, or -1 with *err. */
int store_compact(struct store *s, struct progress *p, char **err);
/* Compaction prunes records known() says no lesson folder has (see
 * progress_prune); without it nothing is pruned. */
void store_set_known(struct store *s,
		     bool (*known)(void *ctx, const char *course, const char *lesson,
				   const char *question), void *ctx);
/* Flushes and closes s; NULL is fine. */
void store_close(struct store *s);

/* What a store did, for the benchmarks. */
struct store_stats {
	uint64_t writes, bytes, fsyncs, compactions;
};
void store_stats(const struct store *s, struct store_stats *out);

/* Called once a save has waited a second for the lock another process
 * holds (pid, or 0 when unknown), and with -1 when the wait is over. */
extern void (*store_waiting)(long pid);
/* Polled while waiting for the lock: true ends the wait, and the save is
 * not made. */
extern bool (*store_interrupted)(void);

/* Release 1's progress.yaml (format version 1), kept for converting it.
 * Parses the bytes (untrusted input). Returns 0 with *out (caller frees with
 * progress_free), or -1 with *err (caller frees). */
int store_parse(const char *buf, size_t len, struct progress **out, char **err);
/* Like store_parse, but a record that is not valid (an attempt, an answer,
 * a lesson...) is skipped rather than failing the whole file: *skipped
 * records were, and *first (caller frees; NULL when none) says where the
 * first was and why. Bytes that are not YAML at all still fail. */
int store_parse_records(const char *buf, size_t len, struct progress **out, size_t *skipped,
			char **first, char **err);
/* p in format version 1, as release 1 wrote it (for tests of the
 * conversion); NULL with *err if it cannot be written. */
char *store_format(const struct progress *p, size_t *len, char **err);

/* The write(2) used for progress files; tests swap in one that fails with
 * ENOSPC. The program never changes it. */
extern ssize_t (*store_write_fn)(int fd, const void *buf, size_t n);
/* Largest journal read (1 GiB): one larger is read that far and never
 * written. Tests lower it; the program never changes it. */
extern off_t store_journal_max;

#endif
