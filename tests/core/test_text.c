/* test_text.c - markup, word wrap and UTF-8 widths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/utf8.h"

static void wrap_words(void **state)
{
	(void)state;
	struct text t = { 0 };
	text_layout(&t, "the quick brown fox jumps over", 9);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.lines[0].text, "the quick");
	assert_string_equal(t.lines[1].text, "brown fox");
	assert_string_equal(t.lines[2].text, "jumps");
	assert_string_equal(t.lines[3].text, "over");
	text_free(&t);
}

static void paragraphs_and_bullets(void **state)
{
	(void)state;
	struct text t = { 0 };
	text_layout(&t, "One\ntwo.\n\nThree.\n- a b c d e f\n  g\n- h\n\nEnd.", 8);
	const char *want[] = { "One two.", "", "Three.", "", "- a b c", "  d e f", "  g",
			       "- h", "", "End." };
	assert_int_equal(t.n, sizeof want / sizeof *want);
	for (size_t i = 0; i < t.n; i++)
		assert_string_equal(t.lines[i].text, want[i]);
	text_free(&t);
}

static void emphasis(void **state)
{
	(void)state;
	struct text t = { 0 };
	text_layout(&t, "a *bold words* and 2 * 3 *x", 40);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.lines[0].text, "a bold words and 2 * 3 *x");
	const struct text_line *l = &t.lines[0];
	assert_int_equal(l->attr[0], 0);
	assert_int_equal(l->attr[2], TEXT_EM);
	assert_int_equal(l->attr[11], TEXT_EM);
	assert_int_equal(l->attr[12], 0);
	assert_int_equal(l->attr[21], 0);
	text_free(&t);
}

static void emphasis_rules(void **state)
{
	(void)state;
	struct text t = { 0 };
	/* spans two source lines of one paragraph */
	text_layout(&t, "a *b\nc* d", 40);
	assert_string_equal(t.lines[0].text, "a b c d");
	assert_int_equal(t.lines[0].attr[2], TEXT_EM);
	assert_int_equal(t.lines[0].attr[4], TEXT_EM);
	text_free(&t);
	/* a '*' right after a word does not open emphasis */
	text_layout(&t, "session*. Then *one* word.", 40);
	assert_string_equal(t.lines[0].text, "session*. Then one word.");
	assert_int_equal(t.lines[0].attr[10], 0);
	assert_int_equal(t.lines[0].attr[15], TEXT_EM);
	text_free(&t);
	/* in a bullet */
	text_layout(&t, "- *all* of it", 40);
	assert_string_equal(t.lines[0].text, "- all of it");
	assert_int_equal(t.lines[0].attr[2], TEXT_EM);
	text_free(&t);
}

static void utf8_widths(void **state)
{
	(void)state;
	assert_int_equal(utf8_strwidth("caf\xc3\xa9", 5), 4);		/* é precomposed */
	assert_int_equal(utf8_strwidth("cafe\xcc\x81", 6), 4);		/* e + combining acute */
	assert_int_equal(utf8_strwidth("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);	/* 日本 */
	struct text t = { 0 };
	/* Wide characters: 3 of them take 6 columns and do not fit in 5. */
	text_layout(&t, "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5", 5);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.lines[0].width, 4);
	text_free(&t);
	/* é words wrap by columns, not bytes. */
	text_layout(&t, "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9", 6);
	assert_int_equal(t.n, 1);
	text_free(&t);
}

static void long_word_cut(void **state)
{
	(void)state;
	struct text t = { 0 };
	text_layout(&t, "abcdefghijkl", 5);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.lines[0].text, "abcde");
	assert_string_equal(t.lines[2].text, "kl");
	text_free(&t);
}

/* text_layout_lines counts what text_layout makes, at every width. */
static void count_lines(void **state)
{
	(void)state;
	static const char *const markups[] = {
		"the quick brown fox jumps over",
		"One\ntwo.\n\nThree.\n- a b c d e f\n  g\n- h\n\nEnd.",
		"a *bold words* and 2 * 3 *x", "a *b\nc* d", "- *all* of it",
		"abcdefghijkl abc", "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5 a \xe6\x97\xa5",
		"- aaaa \xcc\x81 \xcc\x81 \xcc\x81 b c d", "", "\n\n", "- ", "a\tb\r\n\r\nc",
		("*x* y *longer emphasised words that wrap* and\n- a bullet that goes on "
		 "and on\n  past the edge\n- and one more\n\nA last paragraph."),
	};
	for (size_t i = 0; i < sizeof markups / sizeof *markups; i++) {
		for (int w = 1; w <= 40; w++) {
			struct text t = { 0 };
			text_layout(&t, markups[i], w);
			assert_int_equal(text_layout_lines(markups[i], w), t.n);
			text_free(&t);
		}
	}
}

static void wrap_indent(void **state)
{
	(void)state;
	struct text t = { 0 };
	text_wrap(&t, "one two three", 9, 4, 2);
	assert_string_equal(t.lines[0].text, "    one");
	assert_string_equal(t.lines[1].text, "  two");
	assert_string_equal(t.lines[2].text, "  three");
	text_free(&t);
}

static void sanitize(void **state)
{
	(void)state;
	char *s = text_sanitize("a\x1b[2Jb\xff\xe2\x80\xae" "c\xc2\x9b");
	assert_string_equal(s, "a\xef\xbf\xbd[2Jb\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd");
	free(s);
}

static void fit(void **state)
{
	(void)state;
	char *s = text_fit("ab\xe6\x97\xa5" "c", 3);
	assert_string_equal(s, "ab");
	free(s);
	s = text_fit("abe\xcc\x81" "d", 3);
	assert_string_equal(s, "abe\xcc\x81");
	free(s);
}

static void ellipsize(void **state)
{
	(void)state;
	char *s = text_ellipsize("short", 10);
	assert_string_equal(s, "short");
	free(s);
	s = text_ellipsize("the first day and the first week", 20);
	assert_string_equal(s, "the first day and...");
	free(s);
	s = text_ellipsize("abcdefghijklmnop", 10);
	assert_string_equal(s, "abcdefg...");
	free(s);
}

static void decode(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0);	/* surrogate */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);	/* > U+10FFFF */
	assert_int_equal(utf8_decode("\xe2\x82", 2, &cp), 0);		/* truncated */
	assert_int_equal(utf8_decode("\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_true(utf8_unsafe(0x9b));
	assert_true(utf8_unsafe(0x2066));
	assert_true(utf8_unsafe(0x2028));
	assert_true(utf8_unsafe(0x2029));
	assert_false(utf8_unsafe('\t'));
	assert_false(utf8_unsafe(0xe9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wrap_words),
		cmocka_unit_test(paragraphs_and_bullets),
		cmocka_unit_test(emphasis),
		cmocka_unit_test(emphasis_rules),
		cmocka_unit_test(utf8_widths),
		cmocka_unit_test(long_word_cut),
		cmocka_unit_test(count_lines),
		cmocka_unit_test(wrap_indent),
		cmocka_unit_test(sanitize),
		cmocka_unit_test(fit),
		cmocka_unit_test(ellipsize),
		cmocka_unit_test(decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
