/* charset.h - the terminal's character set: the bytes each character
 * becomes on output and the columns it takes there.
 *
 * rollwise keeps all text in UTF-8. In a UTF-8 locale a character is written
 * as it is, and takes the columns wcwidth() gives it (the widths curses draws
 * with); one the locale cannot print is written as U+FFFD. In any other
 * locale (C, POSIX, ISO-8859-n ...) each character is converted to the
 * locale's charset with transliteration ("ã" to "a", "—" to "--"), or
 * becomes "?"; no byte 0x80-0x9F is ever written there. */
#ifndef ROLLWISE_CHARSET_H
#define ROLLWISE_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Longest byte sequence one character becomes ("EUR", "(C)", "<<"). */
#define CHARSET_MAX 16

/* Reads the charset of the current LC_CTYPE locale; call after setlocale
 * (again after each change). Before the first call text is taken as UTF-8. */
void charset_init(void);
/* True when the terminal's charset is UTF-8. */
bool charset_utf8(void);
/* The bytes that show cp on this terminal, in out (CHARSET_MAX bytes);
 * returns how many. */
size_t charset_encode(uint32_t cp, char *out);
/* Columns cp takes on this terminal once encoded: 0 for combining marks,
 * 2 for wide characters, 1 for a character written as U+FFFD or "?". */
int charset_width(uint32_t cp);
/* The first n bytes of UTF-8 s as the terminal's bytes; invalid bytes
 * become "?" (U+FFFD in UTF-8). A new string, caller frees. */
char *charset_convert(const char *s, size_t n);
/* In a locale that is not UTF-8, replaces stdout and stderr with streams
 * that convert what is written to them; the streams the terminal was opened
 * with stay reachable through charset_tty(). Call once, from main. */
void charset_wrap_stdio(void);
/* The stdout the program started with (for curses' newterm). */
FILE *charset_tty(void);

#endif
