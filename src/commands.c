/* commands.c - the command table and the commands that only print. */
#include "commands.h"
#include "cli.h"
#include "core/catalog.h"
#include "core/export.h"
#include "core/session.h"

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
		catalog_load(&cat, &sp, &d);
		search_path_free(&sp);
	}
	nfiles = cat.n;
	diag_print(&d, stderr);
	size_t nq = 0;
	for (size_t i = 0; i < cat.n; i++)
		nq += course_questions(cat.courses[i]);
	fprintf(stderr, "%zu course%s, %zu question%s: %zu error%s, %zu warning%s\n",
		nfiles, nfiles == 1 ? "" : "s", nq, nq == 1 ? "" : "s",
		d.errors, d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
	int status = d.errors ? 1 : 0;
	if (nfiles == 0 && d.errors == 0) {
		fputs("rollwise: no course files found\n", stderr);
		status = 1;
	}
	diag_free(&d);
	catalog_free(&cat);
	return status;
}

static int cmd_list(const struct options *o)
{
	struct diags d = { 0 };
	struct catalog cat;
	struct search_path sp;
	search_path_init(&sp, o->lessons, o->nlessons);
	catalog_load(&cat, &sp, &d);
	search_path_free(&sp);
	for (size_t i = 0; i < cat.n; i++) {
		const struct course *c = cat.courses[i];
		printf("%-24s %2zu lesson%s %3zu questions  ", c->id, c->nlessons,
		       c->nlessons == 1 ? ", " : "s,", course_questions(c));
		diag_put_safe(stdout, c->title);
		putchar('\n');
	}
	if (d.errors)
		fprintf(stderr, "rollwise: %zu error%s in course files; run 'rollwise check'\n",
			d.errors, d.errors == 1 ? "" : "s");
	int status = cat.n == 0 ? 1 : 0;
	if (cat.n == 0)
		fputs("rollwise: no courses found; see 'rollwise --help'\n", stderr);
	diag_free(&d);
	catalog_free(&cat);
	return status;
}

static int cmd_progress(const struct options *o)
{
	enum export_format fmt = EXPORT_TEXT;
	if (o->format)
		(void)export_format_parse(o->format, &fmt); /* cli_parse checked it */
	struct session s;
	session_open(&s, o->lessons, o->nlessons);
	char *w = session_take_warning(&s);
	if (w) {
		fprintf(stderr, "rollwise: ");
		diag_put_safe(stderr, w);
		fputc('\n', stderr);
		free(w);
	}
	char *err = NULL;
	int status = 0;
	if (export_write(stdout, fmt, s.prog, &s.cat, &err) != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "rollwise: cannot write the results: %s\n",
			err ? err : "write error");
		status = 1;
	}
	free(err);
	session_close(&s);
	return status;
}

const struct cmd_entry cmd_table[] = {
	{ NULL, "[COURSE [LESSON]]",
	  "With no command, opens the course menu, or COURSE (and LESSON) directly.",
	  2, 0, tutor },
	{ "check", "[PATH]...",
	  "check course files or folders (default: the lesson\n"
	  "search path); print file:line:col: error: ...",
	  SIZE_MAX, 0, cmd_check },
	{ "list", "",
	  "list the courses with their lesson and question counts",
	  0, 0, cmd_list },
	{ "progress", "",
	  "print your results, one row per lesson",
	  0, CMD_FORMAT, cmd_progress },
	{ "review", "",
	  "ask the questions due for review",
	  0, CMD_REVIEW, tutor },
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
