/* test_translation.c - reading a course translation, checking it against
 * its course, and the text learners see through it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/catalog.h"
#include "core/translation.h"

#define FIXTURES ROLLWISE_SRCDIR "/tests/fixtures/translations"

static const char course_yaml[] =
	"id: c\n"
	"title: Course\n"
	"summary: About it.\n"
	"version: 2\n"
	"sources: [ { id: s, cite: Cite S } ]\n"
	"lessons:\n"
	"  - id: l\n"
	"    title: Lesson\n"
	"    pages:\n"
	"      - { id: p, title: Page, text: \"- a bullet\\n- another\\n\", sources: [s] }\n"
	"    quiz:\n"
	"      questions:\n"
	"        - id: q\n"
	"          kind: single\n"
	"          prompt: Prompt\n"
	"          explanation: Why\n"
	"          review: p\n"
	"          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n";

static const char full_yaml[] =
	"translation: 1\n"
	"course: c\n"
	"lang: pt_BR\n"
	"version: 2\n"
	"title: Curso\n"
	"summary: Sobre ele.\n"
	"sources: { s: Fonte S }\n"
	"lessons:\n"
	"  l:\n"
	"    title: Lição\n"
	"    pages: { p: { title: Página, text: Texto } }\n"
	"    questions:\n"
	"      q:\n"
	"        prompt: Pergunta\n"
	"        choices: [ { text: A-pt }, { text: B-pt, feedback: F-pt } ]\n"
	"        explanation: Porque\n";

static struct course *course(struct diags *d)
{
	struct course *c = course_load_mem("c.yaml", course_yaml, strlen(course_yaml), d);
	assert_non_null(c);
	return c;
}

/* The translation of src (NUL-terminated) into a fresh course, with the
 * messages as "line:col: level: msg" lines in out. */
static struct translation *read_tr(const char *src, struct course **c, char *out, size_t size)
{
	struct diags d = { 0 };
	*c = course(&d);
	struct translation *t = translation_load_mem("c.pt_BR.yaml", src, strlen(src), *c, &d);
	out[0] = '\0';
	for (size_t i = 0; i < d.n; i++) {
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%d:%d: %s: %s\n", d.v[i].line, d.v[i].col,
			 d.v[i].level == DIAG_ERROR ? "error" : "warning", d.v[i].msg);
	}
	diag_free(&d);
	return t;
}

static void full_translation_applies(void **state)
{
	(void)state;
	struct course *c;
	char msgs[4096], before[17], after[17];
	struct translation *t = read_tr(full_yaml, &c, msgs, sizeof msgs);
	assert_non_null(t);
	assert_string_equal(msgs, "");
	lesson_hash(&c->lessons[0], before);
	translation_apply(t, c);
	translation_free(t);
	lesson_hash(&c->lessons[0], after);
	assert_string_equal(before, after);	/* progress is shared across languages */
	const struct question *q = &c->lessons[0].quiz.questions[0];
	assert_string_equal(c->title, "Curso");
	assert_string_equal(c->summary, "Sobre ele.");
	assert_string_equal(c->sources[0].cite, "Fonte S");
	assert_string_equal(c->lessons[0].title, "Lição");
	assert_string_equal(c->lessons[0].pages[0].title, "Página");
	assert_string_equal(c->lessons[0].pages[0].text, "Texto");
	assert_string_equal(q->prompt, "Pergunta");
	assert_string_equal(q->explanation, "Porque");
	assert_string_equal(q->choices[1].text, "B-pt");
	assert_string_equal(q->choices[1].feedback, "F-pt");
	assert_null(q->choices[0].feedback);
	assert_true(q->choices[0].correct);	/* what is not text stays the course's */
	assert_string_equal(c->id, "c");
	assert_string_equal(c->lessons[0].pages[0].id, "p");
	course_free(c);
}

static void missing_text_is_marked(void **state)
{
	(void)state;
	static const char src[] =
		"translation: 1\ncourse: c\nlang: pt_BR\nversion: 2\n"
		"title: Curso\n"
		"lessons:\n"
		"  l:\n"
		"    pages: { p: { title: Página } }\n"
		"    questions:\n"
		"      q:\n"
		"        prompt: Pergunta\n"
		"        choices: [ { text: A-pt }, { text: B-pt } ]\n";
	struct course *c;
	char msgs[4096];
	struct translation *t = read_tr(src, &c, msgs, sizeof msgs);
	assert_non_null(t);
	assert_string_equal(msgs,
		"1:1: warning: 'summary' is not translated; learners see the original, marked\n"
		"1:1: warning: source 's' is not translated; learners see the original, marked\n"
		"7:3: warning: 'title' is not translated; learners see the original, marked\n"
		"8:14: warning: 'text' is not translated; learners see the original, marked\n"
		"10:7: warning: 'explanation' is not translated; learners see the original, marked\n"
		"12:36: warning: the feedback of choice 2 is not translated; learners see the "
		"original, marked\n");
	translation_apply(t, c);
	translation_free(t);
	const struct question *q = &c->lessons[0].quiz.questions[0];
	assert_string_equal(c->title, "Curso");
	assert_string_equal(c->summary, "[untranslated] About it.");
	assert_string_equal(c->sources[0].cite, "[untranslated] Cite S");
	assert_string_equal(c->lessons[0].title, "[untranslated] Lesson");
	assert_string_equal(c->lessons[0].pages[0].title, "Página");
	/* A paragraph of its own: the first bullet stays a bullet. */
	assert_string_equal(c->lessons[0].pages[0].text, "[untranslated]\n\n- a bullet\n- another\n");
	assert_string_equal(q->explanation, "[untranslated] Why");
	assert_string_equal(q->choices[1].feedback, "[untranslated] F");
	assert_null(q->choices[0].feedback);	/* never a mark on nothing */
	course_free(c);
}

static void stale_translation_shows_the_original(void **state)
{
	(void)state;
	char src[sizeof full_yaml], msgs[4096], before[17], after[17];
	memcpy(src, full_yaml, sizeof src);
	char *v = strstr(src, "version: 2");
	v[9] = '1';
	struct course *c;
	struct translation *t = read_tr(src, &c, msgs, sizeof msgs);
	assert_non_null(t);
	assert_string_equal(msgs, "4:10: warning: translates version 1; the course is "
			    "version 2: learners see the original, marked\n");
	lesson_hash(&c->lessons[0], before);
	translation_apply(t, c);
	translation_free(t);
	lesson_hash(&c->lessons[0], after);
	assert_string_equal(before, after);
	assert_string_equal(c->title, "[untranslated] Course");
	assert_string_equal(c->lessons[0].quiz.questions[0].choices[0].text, "[untranslated] A");
	assert_string_equal(c->lessons[0].pages[0].title, "[untranslated] Page");
	course_free(c);
}

static void unknown_ids_are_errors(void **state)
{
	(void)state;
	static const char src[] =
		"translation: 1\ncourse: other\nlang: pt-br\nversion: 3\n"
		"sources: { x: X }\n"
		"lessons:\n"
		"  nope: { title: N }\n"
		"  l:\n"
		"    pages: { p: { title: P, text: T, correct: true }, zz: { title: Z } }\n"
		"    questions:\n"
		"      q:\n"
		"        prompt: P\n"
		"        choices: [ { text: A, feedback: no }, { text: B } , { text: C } ]\n"
		"      qq: { prompt: Q }\n";
	struct course *c;
	char msgs[4096];
	assert_null(read_tr(src, &c, msgs, sizeof msgs));
	assert_non_null(strstr(msgs, "2:9: error: translates course 'other', but c.yaml is course 'c'\n"));
	assert_non_null(strstr(msgs, "3:7: error: 'lang' must name a language as ll or ll_CC"));
	assert_non_null(strstr(msgs, "4:10: error: translates version 3; the course is only at version 2\n"));
	assert_non_null(strstr(msgs, "5:12: error: the course has no source 'x'\n"));
	assert_non_null(strstr(msgs, "7:3: error: the course has no lesson 'nope'\n"));
	assert_non_null(strstr(msgs, "9:38: error: unknown key 'correct' in a page\n"));
	assert_non_null(strstr(msgs, "9:55: error: the course has no page 'zz' in this lesson\n"));
	assert_non_null(strstr(msgs, "13:18: error: 'choices' lists 3 choices; the course's "
			       "question has 2, in the same order\n"));
	assert_non_null(strstr(msgs, "13:41: error: the course has no 'feedback' here"));
	assert_non_null(strstr(msgs, "14:7: error: the course has no question 'qq' in this lesson\n"));
	course_free(c);
}

/* Each hostile input is refused with its place, as in a course file. */
static void hostile_input_refused(void **state)
{
	(void)state;
	static const struct { const char *src, *want; } cases[] = {
		{ "translation: 1\ncourse: c\nlang: pt_BR\nversion: 2\ntitle: &a T\nsummary: *a\n",
		  "5:8: error: anchors (&name) are not allowed in courses\n" },
		{ "translation: 1\ncourse: c\nlang: pt_BR\nversion: 2\ntitle: a\xff\n",
		  "5:9: error: invalid UTF-8 (byte 0xff); save the file as UTF-8\n" },
		{ "translation: 1\ncourse: c\nlang: pt_BR\nversion: 2\ntitle: a\xe2\x80\xae" "b\n",
		  "5:9: error: control character U+202E; lesson files may hold no control "
		  "characters except newline and tab\n" },
		{ "translation: 1\ncourse: c\nlang: pt_BR\nversion: 2\ntitle: [[[[[[[[[[[[[[[[[["
		  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]\n",
		  "5:8: error: 'title' must be text, not a list\n" },
		{ "", "1:1: error: the file is empty; a translation starts with 'translation: 1', "
		  "'course:', ...\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct course *c;
		char msgs[4096];
		assert_null(read_tr(cases[i].src, &c, msgs, sizeof msgs));
		if (strncmp(msgs, cases[i].want, strlen(cases[i].want)))
			fail_msg("case %zu: got\n%s", i, msgs);
		course_free(c);
	}
	struct diags d = { 0 };
	struct course *c = course(&d);
	size_t big = COURSE_MAX_BYTES + 1;
	char *buf = malloc(big);
	assert_non_null(buf);
	memset(buf, '#', big);
	assert_null(translation_load_mem("big.pt.yaml", buf, big, c, &d));
	assert_int_equal(d.errors, 1);
	free(buf);
	diag_free(&d);
	course_free(c);
}

static void translation_names(void **state)
{
	(void)state;
	size_t s, l;
	assert_true(translation_name("basics.pt_BR.yaml", &s, &l));
	assert_int_equal(s, 6);
	assert_int_equal(l, 5);
	assert_true(translation_name("a.b.fr.yml", &s, &l));
	assert_int_equal(s, 3);
	assert_false(translation_name("basics.yaml", &s, &l));
	assert_false(translation_name("basics.v2.yaml", &s, &l));
	assert_false(translation_name("basics.pt_br.yaml", &s, &l));
	assert_false(translation_name(".pt.yaml", &s, &l));
	assert_false(translation_name("basics.pt_BR.txt", &s, &l));
}

/* The fixture folder loaded for langs: tiny is its only course. */
static void load_fixtures(struct catalog *cat, struct diags *d, char *const *langs, size_t n)
{
	struct search_path sp = { 0 };
	static char dir[] = FIXTURES;
	char *dirs[] = { dir };
	sp.dirs = dirs;
	sp.n = 1;
	sp.langs = langs;
	sp.nlangs = n;
	catalog_load(cat, &sp, d);
	assert_int_equal(cat->n, 1);
	assert_string_equal(cat->courses[0]->id, "tiny");
}

static void catalog_picks_the_language(void **state)
{
	(void)state;
	struct catalog cat;
	struct diags d = { 0 };
	char l_pt[] = "pt_BR", l_de[] = "de", l_es[] = "es_MX", l_fr[] = "fr";
	char *pt[] = { l_pt }, *es[] = { l_de, l_es, l_pt }, *fr[] = { l_fr };
	load_fixtures(&cat, &d, NULL, 0);
	assert_string_equal(cat.courses[0]->title, "Tiny course");
	assert_int_equal(d.n, 0);
	catalog_free(&cat);
	load_fixtures(&cat, &d, pt, 1);
	assert_string_equal(cat.courses[0]->title, "Curso minúsculo");
	assert_string_equal(cat.courses[0]->lessons[1].title, "[untranslated] Lesson two");
	assert_int_equal(d.errors, 0);
	catalog_free(&cat);
	diag_free(&d);
	/* es_MX falls back to es, which comes before pt_BR; it is stale. */
	load_fixtures(&cat, &d, es, 3);
	assert_string_equal(cat.courses[0]->title, "[untranslated] Tiny course");
	catalog_free(&cat);
	diag_free(&d);
	/* A translation with errors is reported and not used. */
	load_fixtures(&cat, &d, fr, 1);
	assert_string_equal(cat.courses[0]->title, "Tiny course");
	assert_true(d.errors > 0);
	assert_non_null(strstr(d.v[0].path, "tiny.fr.yaml"));
	catalog_free(&cat);
	diag_free(&d);
}

static void untrusted_translation_left_out(void **state)
{
	(void)state;
	const char *base = getenv("TMPDIR");
	char dir[256], cmd[1400];
	snprintf(dir, sizeof dir, "%s/rwtr.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cp '%s/tiny.yaml' '%s/tiny.pt_BR.yaml' '%s/' && "
		 "chmod 755 '%s' && chmod 644 '%s/tiny.yaml' && chmod 666 '%s/tiny.pt_BR.yaml'",
		 FIXTURES, FIXTURES, dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	struct search_path sp = { 0 };
	char l_pt[] = "pt_BR";
	char *dirs[] = { dir }, *pt[] = { l_pt };
	unsigned kinds[] = { 0 };
	sp.dirs = dirs;
	sp.n = 1;
	sp.kinds = kinds;
	sp.langs = pt;
	sp.nlangs = 1;
	struct catalog cat;
	struct diags d = { 0 };
	catalog_load(&cat, &sp, &d);
	assert_int_equal(cat.n, 1);
	assert_string_equal(cat.courses[0]->title, "Tiny course");
	assert_int_equal(cat.nuntrusted, 1);
	assert_non_null(strstr(cat.untrusted[0].path, "tiny.pt_BR.yaml"));
	assert_true(cat.untrusted[0].why & TRUST_OTHERS);
	catalog_free(&cat);
	diag_free(&d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_translation_applies),
		cmocka_unit_test(missing_text_is_marked),
		cmocka_unit_test(stale_translation_shows_the_original),
		cmocka_unit_test(unknown_ids_are_errors),
		cmocka_unit_test(hostile_input_refused),
		cmocka_unit_test(translation_names),
		cmocka_unit_test(catalog_picks_the_language),
		cmocka_unit_test(untrusted_translation_left_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
