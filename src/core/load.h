/* load.h - the loader's pieces shared by load.c (YAML events), schema.c (the
 * keys of the format) and validate.c (rules across the whole file). */
#ifndef ROLLWISE_LOAD_H
#define ROLLWISE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/course.h"

struct loader;

/* One key of a mapping: its parse function consumes the value node. */
struct field {
	const char *key;
	bool required;
	void (*parse)(struct loader *L, void *obj);
};

/* Reports an error at m in the file being read. */
void load_error(struct loader *L, struct mark m, const char *msg);
/* Where the current event starts. */
struct mark load_here(const struct loader *L);
/* The current value as non-empty text, or NULL (reported); caller frees. */
char *load_string(struct loader *L, const char *key);
/* The current value as an id, or NULL (reported); caller frees. */
char *load_id(struct loader *L, const char *key);
/* The current value as an integer in [min, max] into *out; false if reported. */
bool load_int(struct loader *L, const char *key, int min, int max, int *out);
/* The current value as true/false into *out; false if reported. */
bool load_bool(struct loader *L, const char *key, bool *out);
/* Reads a mapping with the keys in f (at most 16) into obj; reports unknown,
 * repeated and missing keys. False when the value was not a mapping. */
bool load_map(struct loader *L, const struct field *f, size_t nf, void *obj,
	      const char *what);
/* Calls item for each element of a list (the current event starts it, item
 * consumes one node); returns the count, or -1 for a non-list (reported) or a syntax error. */
long load_seq(struct loader *L, const char *key,
		void (*item)(struct loader *L, void *obj, size_t i), void *obj);
/* Reads a mapping whose keys are ids (each reported unless valid): item
 * reads the value of each, given its key and where the key stands. False
 * when the value was not a mapping, or on a syntax error. */
bool load_keyed(struct loader *L, const char *what,
		void (*item)(struct loader *L, void *obj, const char *key, struct mark at),
		void *obj);
/* Skips the node at the current event, however deep. */
void load_skip(struct loader *L);
/* The ctx given to load_yaml. */
void *load_ctx(const struct loader *L);
/* Reads the one YAML document of buf (checked for unsafe characters and
 * its size first) with root, which reads the top node; returns what root
 * returned (NULL when the file could not be read; errors go to d). empty
 * (marked N_()) is the message for an empty file; *dead is set when reading
 * stopped early (a syntax error, a limit). */
void *load_yaml(const char *name, const char *buf, size_t len, struct diags *d,
		void *(*root)(struct loader *L), void *ctx, const char *empty, bool *dead);
/* Reads the regular file open on fd, at most COURSE_MAX_BYTES + 1 bytes,
 * into *buf (caller frees); false when reported in d. */
bool load_slurp(int fd, const char *path, char **buf, size_t *len, struct diags *d);
/* Reads the whole course mapping at the current event (schema.c); caller frees. */
struct course *load_course(struct loader *L);
/* Checks rules that span the file: ids, references, quiz rules, warnings. */
void course_validate(struct course *c, struct diags *d);

#endif
