/* test_widths.c - the widths layout uses are the widths curses draws with.
 *
 * For every code point from U+0000 to U+2FFFF that can reach the screen
 * (not a surrogate, not a character the sanitizer takes out), the bytes
 * charset_encode gives are drawn by curses into a pad after a base letter,
 * and the columns the cursor moved must be utf8_width's. Run in C.UTF-8, in
 * C (where "…" is drawn as "..." and takes 3), and in an ISO-8859-1 locale
 * when the machine has one. In a locale that is not UTF-8 no encoded byte
 * may be a C1 control (0x80-0x9F), nor outside ASCII in C. */
#include "core/charset.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SCREEN *scr;
static WINDOW *pad;
static FILE *null_out, *null_in;

static void curses_up(void)
{
	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	assert_non_null(null_out);
	assert_non_null(null_in);
	scr = newterm("vt100", null_out, null_in);
	assert_non_null(scr);
	pad = newpad(1, 80);
	assert_non_null(pad);
}

static void curses_down(void)
{
	delwin(pad);
	endwin();
	delscreen(scr);
	fclose(null_out);
	fclose(null_in);
}

/* Columns curses advances drawing the terminal's bytes for cp after "a". */
static int drawn_width(uint32_t cp, char *bytes, size_t *n)
{
	*n = charset_encode(cp, bytes);
	bytes[*n] = '\0';
	werase(pad);
	mvwaddstr(pad, 0, 0, "a");
	waddnstr(pad, bytes, (int)*n);
	return getcurx(pad) - 1;
}

/* Compares over the whole range in the current locale; returns mismatches. */
static unsigned compare_all(const char *name, bool ascii_only)
{
	unsigned bad = 0, tested = 0, c1 = 0;
	for (uint32_t cp = 0; cp <= 0x2ffff; cp++) {
		if ((cp >= 0xd800 && cp <= 0xdfff) || utf8_unsafe(cp) || cp == '\t' || cp == '\n')
			continue;
		char bytes[CHARSET_MAX + 1];
		size_t n;
		int drawn = drawn_width(cp, bytes, &n), ours = utf8_width(cp);
		tested++;
		if (drawn != ours && bad++ < 10)
			print_message("# %s: U+%04X drawn %d columns, laid out as %d\n",
				      name, (unsigned)cp, drawn, ours);
		for (size_t i = 0; !charset_utf8() && i < n; i++) {
			unsigned char b = (unsigned char)bytes[i];
			if ((b >= 0x80 && b <= 0x9f) || (ascii_only && b >= 0x80)) {
				if (c1++ < 10)
					print_message("# %s: U+%04X written as byte 0x%02X\n",
						      name, (unsigned)cp, b);
			}
		}
	}
	print_message("# %s: %u code points, %u width mismatches, %u bad bytes\n",
		      name, tested, bad, c1);
	return bad + c1;
}

static bool use_locale(const char *name)
{
	if (!setlocale(LC_ALL, name))
		return false;
	charset_init();
	return true;
}

static void utf8_widths_are_curses_widths(void **state)
{
	(void)state;
	assert_true(use_locale("C.UTF-8"));
	assert_true(charset_utf8());
	curses_up();
	assert_int_equal(compare_all("C.UTF-8", false), 0);
	/* the cases the old table had wrong, and a few known ones */
	assert_int_equal(utf8_width(0x1f680), 2);	/* rocket */
	assert_int_equal(utf8_width(0x2b50), 2);	/* star */
	assert_int_equal(utf8_width(0x65e5), 2);	/* 日 */
	assert_int_equal(utf8_width(0x0301), 0);	/* combining acute */
	assert_int_equal(utf8_width(0x00e3), 1);	/* ã */
	curses_down();
}

static void c_locale_transliterates(void **state)
{
	(void)state;
	assert_true(use_locale("C"));
	assert_false(charset_utf8());
	curses_up();
	assert_int_equal(compare_all("C", true), 0);
	char b[CHARSET_MAX + 1];
	size_t n = charset_encode(0xe3, b);	/* ã */
	assert_memory_equal(b, "a", n);
	n = charset_encode(0x2014, b);		/* em dash */
	b[n] = '\0';
	assert_true(!strcmp(b, "-") || !strcmp(b, "--"));
	assert_int_equal(utf8_width(0x2026), 3);	/* "..." */
	assert_int_equal(utf8_width(0x65e5), 1);	/* "?" */
	const char *in = "Op\xc3\xa7\xc3\xb5" "es \xe6\x97\xa5 \xff";
	char *s = charset_convert(in, strlen(in));
	assert_string_equal(s, "Opcoes ? ?");
	free(s);
	curses_down();
}

static void latin1_locale_keeps_latin1(void **state)
{
	(void)state;
	const char *names[] = { "pt_BR.ISO-8859-1", "pt_BR.iso88591", "en_US.ISO-8859-1",
				"en_US.iso88591", "C.ISO-8859-1" };
	size_t i = 0;
	while (i < sizeof names / sizeof *names && !use_locale(names[i]))
		i++;
	if (i == sizeof names / sizeof *names)
		skip();	/* no ISO-8859-1 locale here; tests/e2e/locales.sh makes one */
	assert_false(charset_utf8());
	curses_up();
	assert_int_equal(compare_all(names[i], false), 0);
	char b[CHARSET_MAX + 1];
	size_t n = charset_encode(0xe3, b);
	assert_int_equal(n, 1);
	assert_int_equal((unsigned char)b[0], 0xe3);
	curses_down();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_widths_are_curses_widths),
		cmocka_unit_test(c_locale_transliterates),
		cmocka_unit_test(latin1_locale_keeps_latin1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
