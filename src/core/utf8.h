/* utf8.h - UTF-8 decoding, display widths and the characters we never print. */
#ifndef ROLLWISE_UTF8_H
#define ROLLWISE_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Decodes one character at s (at most n bytes) into *cp; returns its length
 * in bytes, or 0 when the bytes are not valid UTF-8 (overlong, surrogate,
 * out of range, truncated). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* True for characters that must never reach a terminal from lesson text:
 * C0 and C1 controls other than tab and newline, DEL, and the bidirectional
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069), U+200E/U+200F,
 * and the line and paragraph separators U+2028/U+2029 (a line break to YAML
 * and to some terminals, not to our layout). */
bool utf8_unsafe(uint32_t cp);
/* Columns cp takes on this terminal (charset_width): 0 for combining marks,
 * 2 for wide (CJK, emoji), and in a locale that is not UTF-8 the width of
 * what it is transliterated to ("..." for U+2026). */
int utf8_width(uint32_t cp);
/* Columns the first n bytes of s take; invalid bytes count as 1 each. */
int utf8_strwidth(const char *s, size_t n);
/* True when the n bytes at s are the start, and only the start, of a
 * valid UTF-8 character (n is 1 to 3). */
bool utf8_prefix(const char *s, size_t n);
/* True when all n bytes of s are valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

#endif
