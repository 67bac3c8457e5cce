/* store.h - progress on disk: one YAML file per user in a private directory,
 * written atomically under a lock and merged with what other sessions saved. */
#ifndef ROLLWISE_STORE_H
#define ROLLWISE_STORE_H

#include <stddef.h>
#include <sys/types.h>

#include "core/progress.h"

/* Largest progress file read, in bytes; a larger one counts as damaged. */
#define PROGRESS_MAX_BYTES (8 * 1024 * 1024)

struct store;

/* Opens the state directory dir, or when dir is NULL $XDG_STATE_HOME/rollwise
 * (if absolute) or ~/.local/state/rollwise, creating it with mode 0700.
 * Refuses a symbolic link there or at its files, and another user's
 * directory. Returns 0 with *out (close it with store_close), or -1 with
 * *err (caller frees). */
int store_open(const char *dir, struct store **out, char **err);
/* The directory in use; s owns the string. */
const char *store_dir(const struct store *s);
/* Reads the saved progress into a new state (caller frees with
 * progress_free). Never fails: no file gives an empty state; a damaged one
 * is renamed progress.yaml.corrupt-<UTC time> and gives an empty state and a
 * one-time *notice for the learner (caller frees; NULL when all is well). */
struct progress *store_load(struct store *s, char **notice);
/* Saves p: under the lock it re-reads the file, merges it into p (so p ends
 * up holding both) and replaces the file atomically and durably. Returns 0,
 * or -1 with *err (caller frees) and the file as it was. *notice is set as
 * for store_load if the file had been damaged since (caller frees). */
int store_save(struct store *s, struct progress *p, char **err, char **notice);
/* Closes s; NULL is fine. */
void store_close(struct store *s);

/* Parses progress file bytes (untrusted input). Returns 0 with *out
 * (caller frees with progress_free), or -1 with *err (caller frees). */
int store_parse(const char *buf, size_t len, struct progress **out, char **err);
/* p in the file format, as a new NUL-terminated buffer of *len bytes (caller
 * frees); NULL with *err (caller frees) if it cannot be written. */
char *store_format(const struct progress *p, size_t *len, char **err);

/* The write(2) used for progress files; tests swap in one that fails with
 * ENOSPC. The program never changes it. */
extern ssize_t (*store_write_fn)(int fd, const void *buf, size_t n);

#endif
