/* commands.c - the command table and the commands that only print. */
#include "commands.h"
#include "cli.h"
#include "lang.h"
#include "core/catalog.h"
#include "core/class.h"
#include "core/export.h"
#include "core/flow.h"
#include "core/i18n.h"
#include "core/session.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_check(const struct options *o)
{
	struct diags d = { 0 };
	struct catalog cat;
	size_t nfiles;
	if (o->nargs > 0) {
		catalog_load_paths(&cat, o->args, o->nargs, &d);
	} else {
		struct search_path sp;
		search_path_init(&sp, o->lessons, o->nlessons);
		sp.all_translations = true;
		catalog_load(&cat, &sp, &d);
		search_path_free(&sp);
	}
	nfiles = cat.n;
	for (size_t i = 0; i < cat.nuntrusted; i++) {
		const struct untrusted *u = &cat.untrusted[i];
		char *why = flow_trust_why(u);
		diag_add(&d, DIAG_WARNING, u->path, 0, 0, u->loaded
			 ? N_("other users can change it (%s); loaded only because it was named")
			 : N_("not loaded: other users can change it (%s); make it yours and "
			     "writable only by you"), why);
		free(why);
	}
	if (cat.capped)
		diag_add(&d, DIAG_ERROR, cat.capped, 0, 0,
			 N_("left out, with the files after it: rollwise loads at most "
			   "%d MiB of course files in all"), CATALOG_MAX_BYTES / (1024 * 1024));
	diag_print(&d, stderr);
	size_t nq = 0;
	for (size_t i = 0; i < cat.n; i++)
		nq += course_questions(cat.courses[i]);
	char *courses = xasprintf(ngettext("%zu course", "%zu courses", nfiles), nfiles);
	char *questions = xasprintf(ngettext("%zu question", "%zu questions", nq), nq);
	char *errors = xasprintf(ngettext("%zu error", "%zu errors", d.errors), d.errors);
	char *warnings = xasprintf(ngettext("%zu warning", "%zu warnings", d.warnings), d.warnings);
	/* TRANSLATORS: check's last line: "2 courses, 30 questions: 0 errors, 1 warning". */
	fprintf(stderr, _("%s, %s: %s, %s\n"), courses, questions, errors, warnings);
	free(courses);
	free(questions);
	free(errors);
	free(warnings);
	int status = d.errors ? 1 : 0;
	if (nfiles == 0 && d.errors == 0) {
		fprintf(stderr, "rollwise: %s\n", _("no course files found"));
		status = 1;
	}
	diag_free(&d);
	catalog_free(&cat);
	return status;
}

/* The columns of the wider of a word's forms for one and for many, so
 * that counts line up whatever the language. */
static int widest(const char *one, const char *many)
{
	int a = utf8_strwidth(one, strlen(one)), b = utf8_strwidth(many, strlen(many));
	return a > b ? a : b;
}

/* Writes " n word", the word padded to width columns. */
static void put_count(int digits, size_t n, const char *word, int width)
{
	printf(" %*zu %s%*s", digits, n, word, width - utf8_strwidth(word, strlen(word)), "");
}

/* Writes id padded to width columns (ids are ASCII, one column a byte). */
static void put_id(const char *id, int width)
{
	diag_put_safe(stdout, id);
	printf("%*s", width - (int)strlen(id), "");
}

static void list_courses(const struct catalog *cat)
{
	int lw = widest(ngettext("lesson,", "lessons,", 1), ngettext("lesson,", "lessons,", 2));
	int qw = widest(ngettext("question", "questions", 1), ngettext("question", "questions", 2));
	int w = 0;
	for (size_t i = 0; i < cat->n; i++)
		if ((int)strlen(cat->courses[i]->id) > w)
			w = (int)strlen(cat->courses[i]->id);
	for (size_t i = 0; i < cat->n; i++) {
		const struct course *c = cat->courses[i];
		size_t nq = course_questions(c);
		put_id(c->id, w);
		put_count(2, c->nlessons, ngettext("lesson,", "lessons,", c->nlessons), lw);
		put_count(3, nq, ngettext("question", "questions", nq), qw);
		fputs("  ", stdout);
		diag_put_safe(stdout, c->title);
		if (c->replaces)
			printf("  (%s)", flow_replaces_text());
		putchar('\n');
	}
}

static void list_lessons(const struct course *c)
{
	int pw = widest(ngettext("page,", "pages,", 1), ngettext("page,", "pages,", 2));
	int qw = widest(ngettext("question", "questions", 1), ngettext("question", "questions", 2));
	int w = 0;
	for (size_t i = 0; i < c->nlessons; i++)
		if ((int)strlen(c->lessons[i].id) > w)
			w = (int)strlen(c->lessons[i].id);
	for (size_t i = 0; i < c->nlessons; i++) {
		const struct lesson *l = &c->lessons[i];
		size_t nq = l->quiz.nquestions;
		put_id(l->id, w);
		put_count(2, l->npages, ngettext("page,", "pages,", l->npages), pw);
		put_count(3, nq, ngettext("question", "questions", nq), qw);
		fputs("  ", stdout);
		diag_put_safe(stdout, l->title);
		putchar('\n');
	}
}

/* rollwise list [COURSE]: the courses, or the lessons of one. */
static int cmd_list(const struct options *o)
{
	struct diags d = { 0 };
	struct catalog cat;
	struct search_path sp;
	search_path_init(&sp, o->lessons, o->nlessons);
	sp.langs = lang_courses(&sp.nlangs);
	catalog_load(&cat, &sp, &d);
	search_path_free(&sp);
	int status = 0;
	const struct course *c = o->nargs > 0 ? catalog_find(&cat, o->args[0]) : NULL;
	if (o->nargs == 0)
		list_courses(&cat);
	else if (c)
		list_lessons(c);
	else
		status = cmd_not_found(&cat, o->args[0], NULL);
	if (d.errors)
		cli_error(ngettext("%zu error in course files; run 'rollwise check'",
				   "%zu errors in course files; run 'rollwise check'", d.errors),
			  d.errors);
	struct flow_lines notes = { 0 };
	flow_catalog_notes(&cat, &notes);
	for (size_t i = 0; i < notes.n; i++)
		cli_error("%s", notes.v[i].text);
	flow_lines_free(&notes);
	if (cat.n == 0 && o->nargs == 0) {
		cli_error("%s", _("no courses found; see 'rollwise --help'"));
		status = 1;
	}
	diag_free(&d);
	catalog_free(&cat);
	return status;
}

/* Up to ID_NAMES ids are named in a message; past that, a command lists them. */
#define ID_NAMES 10

/* " (lessons: a, b)" for the n ids (ids holds the first ID_NAMES), or ""
 * when there are too many to name; caller frees. */
static char *id_names(const char *const *ids, size_t n, const char *label)
{
	if (n == 0 || n > ID_NAMES)
		return xstrdup("");
	char *s = xasprintf(" (%s: %s", label, ids[0]);
	for (size_t i = 1; i < n; i++) {
		char *t = xasprintf("%s, %s", s, ids[i]);
		free(s);
		s = t;
	}
	char *t = xasprintf("%s)", s);
	free(s);
	return t;
}

int cmd_not_found(const struct catalog *cat, const char *course, const char *lesson)
{
	const struct course *c = catalog_find(cat, course);
	const char *ids[ID_NAMES];
	char *names = NULL;
	if (!c && cat->n == 0) {
		cli_error(_("no course '%s': no courses were found; see 'rollwise --help'"), course);
	} else if (!c) {
		for (size_t i = 0; i < cat->n && i < ID_NAMES; i++)
			ids[i] = cat->courses[i]->id;
		names = id_names(ids, cat->n, ngettext("course", "courses", cat->n));
		cli_error(_("no course '%s'; see 'rollwise list'%s"), course, names);
	} else if (lesson && !course_lesson(c, lesson)) {
		for (size_t i = 0; i < c->nlessons && i < ID_NAMES; i++)
			ids[i] = c->lessons[i].id;
		names = id_names(ids, c->nlessons, ngettext("lesson", "lessons", c->nlessons));
		cli_error(_("course '%s' has no lesson '%s'; see 'rollwise list %s'%s"),
			  course, lesson, course, names);
	}
	free(names);
	return 1;
}

static int cmd_progress(const struct options *o)
{
	enum export_format fmt = EXPORT_TEXT;
	if (o->format)
		(void)export_format_parse(o->format, &fmt); /* cli_parse checked it */
	struct session s;
	size_t nlangs;
	char *const *langs = lang_courses(&nlangs);
	session_open(&s, o->lessons, o->nlessons, langs, nlangs);
	char *w = session_take_warning(&s);
	if (w) {
		cli_error("%s", w);
		free(w);
	}
	char *err = NULL;
	int status = 0;
	int rc = o->answers ? export_answers(stdout, fmt, s.prog, &err)
			    : export_write(stdout, fmt, s.prog, &s.cat, &err);
	if (rc != 0 || fflush(stdout) != 0) {
		cli_error(_("cannot write the results: %s"), err ? err : _("write error"));
		status = 1;
	}
	free(err);
	session_close(&s);
	return status;
}

/* The class folder: the argument, else ROLLWISE_CLASS; NULL says why not. */
static const char *class_dir(const struct options *o, size_t arg)
{
	const char *env = getenv("ROLLWISE_CLASS");
	if (o->nargs > arg)
		return o->args[arg];
	if (env && *env)
		return env;
	cli_error("%s", _("which class folder? Give it, or set ROLLWISE_CLASS"));
	return NULL;
}

/* Says msg (rc 0) or err, frees both; the exit status. */
static int said(int rc, char *msg, char *err)
{
	if (rc == 0)
		cli_say(msg);
	else
		cli_error("%s", err);
	free(msg);
	free(err);
	return rc == 0 ? 0 : 1;
}

static int cmd_class(const struct options *o)
{
	if (o->nargs != 2 || strcmp(o->args[0], "init") != 0) {
		cli_error("%s", _("usage: rollwise class init DIR [--group GROUP] [--force]"));
		return 2;
	}
	char *msg = NULL, *err = NULL;
	int rc = class_init(o->args[1], o->group, o->force, &msg, &err);
	return said(rc, msg, err);
}

static int cmd_submit(const struct options *o)
{
	const char *dir = class_dir(o, 0);
	if (!dir)
		return 2;
	struct session s;
	size_t nlangs;
	char *const *langs = lang_courses(&nlangs);
	session_open(&s, o->lessons, o->nlessons, langs, nlangs);
	char *w = session_take_warning(&s), *msg = NULL, *err = NULL;
	if (w)
		cli_error("%s", w);
	free(w);
	int rc = class_submit(dir, s.prog, &msg, &err);
	rc = said(rc, msg, err);
	session_close(&s);
	return rc;
}

static int cmd_report(const struct options *o)
{
	const char *dir = class_dir(o, 0);
	if (!dir)
		return 2;
	enum export_format fmt = EXPORT_TEXT;
	if (o->format)
		(void)export_format_parse(o->format, &fmt); /* cli_parse checked it */
	struct catalog cat;
	struct search_path sp;
	struct diags d = { 0 };
	search_path_init(&sp, o->lessons, o->nlessons);
	sp.langs = lang_courses(&sp.nlangs);
	catalog_load(&cat, &sp, &d);
	search_path_free(&sp);
	diag_free(&d);
	int status = 0;
	char *err = NULL;
	if (o->course && !catalog_find(&cat, o->course))
		status = cmd_not_found(&cat, o->course, NULL);
	else if (class_report(stdout, dir, &cat, o->course, fmt, &err) != 0) {
		if (errno == EPIPE) {	/* the reader went away (head): not an error */
			clearerr(stdout);
		} else {
			cli_error("%s", err);
			status = 1;
		}
	}
	free(err);
	catalog_free(&cat);
	return status;
}

/* TRANSLATORS: the help of each command in --help; keep the words in capitals
 * (COURSE, LESSON, DIR, PATH, ID) and the option names as they are, and each
 * line under 58 columns. */
const struct cmd_entry cmd_table[] = {
	{ NULL, "[COURSE [LESSON]]",
	  N_("With no command, opens the course menu, or COURSE (and LESSON) directly."),
	  2, 0, tutor },
	{ "check", "[PATH]...",
	  N_("check course files or folders (default: the lesson\n"
	  "search path); print file:line:col: error: ..."),
	  SIZE_MAX, 0, cmd_check },
	{ "list", "[COURSE]",
	  N_("list the courses with their lesson and question counts,\n"
	  "or COURSE's lessons with their ids and counts"),
	  1, 0, cmd_list },
	{ "progress", "",
	  N_("print your results, one row per lesson (or, with\n"
	  "--answers, per answer)"),
	  0, CMD_FORMAT, cmd_progress },
	{ "review", "",
	  N_("ask the questions due for review"),
	  0, CMD_REVIEW, tutor },
	{ "submit", "[DIR]",
	  N_("hand your results in to a class folder (DIR, or\n"
	  "ROLLWISE_CLASS); handing in again replaces them"),
	  1, 0, cmd_submit },
	{ "class", "init DIR",
	  N_("make DIR a class folder trainees hand in to"),
	  2, CMD_CLASS, cmd_class },
	{ "report", "[DIR]",
	  N_("the class report of a class folder's hand-ins (with\n"
	  "--course ID, --format text|csv|json)"),
	  1, CMD_FORMAT | CMD_COURSE, cmd_report },
};

const size_t cmd_count = sizeof cmd_table / sizeof *cmd_table;

const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; i < cmd_count; i++) {
		const char *n = cmd_table[i].name;
		if (n == name || (n && name && !strcmp(n, name)))
			return &cmd_table[i];
	}
	return NULL;
}
