/* cli.c - option parsing and the commands that only print. */
#include "cli.h"
#include "core/catalog.h"
#include "core/export.h"
#include "core/session.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: rollwise [OPTION]... [COURSE [LESSON]]\n"
	"       rollwise check [OPTION]... [PATH]...\n"
	"       rollwise list | progress [--format text|csv|json] | review\n"
	"\n"
	"A terminal tutor on safe at-home microneedling (derma rollers).\n"
	"With no command, opens the course menu, or COURSE (and LESSON) directly.\n"
	"\n"
	"Commands:\n"
	"  check [PATH]...   check course files or folders (default: the lesson\n"
	"                    search path); print file:line:col: error: ...\n"
	"  list              list the courses with their lesson and question counts\n"
	"  progress          print your results, one row per lesson\n"
	"  review            ask the questions due for review\n"
	"\n"
	"Options:\n"
	"  --plain           plain line mode for screen readers and scripts\n"
	"  --lessons DIR     look for courses in DIR first (may be repeated)\n"
	"  --width N         plain mode: wrap text at N columns (0: do not wrap)\n"
	"  --format FMT      with progress: text (default), csv or json\n"
	"  -h, --help        show this help and exit\n"
	"  -V, --version     show the version and exit\n"
	"\n"
	"Environment: ROLLWISE_LESSONS, XDG_DATA_HOME, XDG_DATA_DIRS, XDG_STATE_HOME,\n"
	"NO_COLOR, TERM. See rollwise(1).\n";

static void push(char ***arr, size_t *n, char *s)
{
	*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = s;
}

static int bad(const char *msg, const char *arg)
{
	fprintf(stderr, "rollwise: %s%s\nTry 'rollwise --help'.\n", msg, arg);
	return 2;
}

static bool set_command(struct options *o, const char *a)
{
	static const struct { const char *name; enum command cmd; } cmds[] = {
		{ "check", CMD_CHECK }, { "list", CMD_LIST },
		{ "progress", CMD_PROGRESS }, { "review", CMD_REVIEW },
	};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		if (!strcmp(a, cmds[i].name)) {
			o->cmd = cmds[i].cmd;
			return true;
		}
	}
	return false;
}

/* Checks what the command allows once all arguments are read. */
static int check_usage(const struct options *o)
{
	if (o->format && o->cmd != CMD_PROGRESS)
		return bad("--format goes with the progress command", "");
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "csv") &&
	    strcmp(o->format, "json"))
		return bad("--format must be text, csv or json, not ", o->format);
	if ((o->cmd == CMD_LIST || o->cmd == CMD_PROGRESS || o->cmd == CMD_REVIEW) &&
	    o->nargs > 0)
		return bad("unexpected argument: ", o->args[0]);
	if (o->cmd == CMD_TUTOR && o->nargs > 2)
		return bad("unexpected argument: ", o->args[2]);
	return -1;
}

int cli_parse(int argc, char **argv, struct options *o)
{
	*o = (struct options){ .cmd = CMD_TUTOR, .width = -1 };
	bool had_cmd = false, only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || a[1] == '\0') {
			if (!had_cmd && o->nargs == 0 && set_command(o, a))
				had_cmd = true;
			else
				push(&o->args, &o->nargs, argv[i]);
		} else if (!strcmp(a, "--")) {
			only_args = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("rollwise %s\n", ROLLWISE_VERSION);
			return 0;
		} else if (!strcmp(a, "--plain")) {
			o->plain = true;
		} else if (!strcmp(a, "--lessons") || !strcmp(a, "--format")) {
			if (i + 1 >= argc)
				return bad(a, " needs a value");
			if (a[2] == 'l')
				push(&o->lessons, &o->nlessons, argv[++i]);
			else
				o->format = argv[++i];
		} else if (!strcmp(a, "--width") || !strncmp(a, "--width=", 8)) {
			const char *v = a[7] == '=' ? a + 8 : i + 1 < argc ? argv[++i] : NULL;
			char *end;
			long w = v ? strtol(v, &end, 10) : -1;
			if (!v || !*v || *end || w < 0 || w > 1000)
				return bad("--width takes a number of columns from 0 to 1000", "");
			o->width = (int)w;
		} else if (!strncmp(a, "--lessons=", 10)) {
			push(&o->lessons, &o->nlessons, argv[i] + 10);
		} else if (!strncmp(a, "--format=", 9)) {
			o->format = a + 9;
		} else {
			return bad("unknown option: ", a);
		}
	}
	return check_usage(o);
}

void cli_free(struct options *o)
{
	free(o->lessons);
	free(o->args);
	*o = (struct options){ 0 };
}

int cli_check(const struct options *o)
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

int cli_list(const struct options *o)
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

int cli_progress(const struct options *o)
{
	enum export_format fmt = EXPORT_TEXT;
	if (o->format && export_format_parse(o->format, &fmt) != 0)
		return bad("--format must be text, csv or json, not ", o->format);
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
