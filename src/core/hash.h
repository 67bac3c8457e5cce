/* hash.h - the string hash of the core's tables (course ids, file paths). */
#ifndef ROLLWISE_HASH_H
#define ROLLWISE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a of s. Keys made to collide make a table slow, never wrong. */
static inline size_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (size_t)h;
}

#endif
