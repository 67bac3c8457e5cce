/* cache.h - the courses as loaded last time, so that a start does not parse
 * YAML it has parsed before.
 *
 * Parsing and validating the course files is most of a start's work (the
 * bundled courses: about 24 M of the 27 M instructions to the first frame).
 * The cache keeps each course that loaded without an error, translation
 * applied, in a binary form in the learner's private state folder
 * (courses.cache beside progress.log). A course is taken from it only when
 * its file and its translation file are the very ones it was made from:
 * same path, device, inode, size, modification and change times (the change
 * time cannot be set back by anyone, so an edit always shows), and the
 * same rollwise binary (device, inode, size and time of /proc/self/exe).
 * Anything else, a damaged cache included, is read from the YAML as before.
 * Deleting the file is always safe. */
#ifndef ROLLWISE_CACHE_H
#define ROLLWISE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "core/course.h"

/* The file's name in the state folder. */
#define CACHE_FILE "courses.cache"
/* Largest cache file read, in bytes (well above what CATALOG_MAX_BYTES of
 * courses makes). */
#define CACHE_MAX_BYTES (64 * 1024 * 1024)

struct cache;

/* Reads CACHE_FILE in the folder open on dfd (not taken), if it is there,
 * a regular file of ours, and made by this binary; else starts empty.
 * Never fails. */
struct cache *cache_open(int dfd);
/* The course made from the file path (st: its fstat) with the translation
 * tpath (tst), or NULL when there is no translation; NULL when the cache has
 * none made from these very files. The caller owns the course. */
struct course *cache_get(struct cache *k, const char *path, const struct stat *st,
			 const char *tpath, const struct stat *tst);
/* Keeps c (copied) as made from path and tpath as cache_get takes them. */
void cache_put(struct cache *k, const char *path, const struct stat *st,
	       const char *tpath, const struct stat *tst, const struct course *c);
/* When write, writes the cache back if it changed (an entry added, or one
 * not asked for this time, whose file is gone or changed), replacing the
 * file at once (a new file renamed over it). Frees k; NULL is fine. */
void cache_close(struct cache *k, bool write);

/* For tests and the fuzzer: the bytes of one entry's course, and back.
 * course_unpack returns NULL for bytes that are not a whole, sound course
 * (indices in range, every required text there). */
char *course_pack(const struct course *c, size_t *len);
struct course *course_unpack(const char *buf, size_t len, const char *path);

#endif
