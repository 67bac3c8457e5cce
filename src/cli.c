/* cli.c - option parsing, --help from the command table, and running it. */
#include "cli.h"
#include "commands.h"
#include "core/diag.h"
#include "core/i18n.h"
#include "core/export.h"
#include "core/xalloc.h"
#include "lang.h"
#include "tui/tui.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Where the help of each command starts in --help. */
#define HELP_COL 20

static const char about[] =
	N_("A terminal tutor on safe at-home microneedling (derma rollers).\n");

/* TRANSLATORS: keep the option names and the words in capitals as they are,
 * the descriptions starting at column 21 and each line under 80 columns. */
static const char options_help[] = N_(
	"Options:\n"
	"  --plain           plain line mode for screen readers and scripts\n"
	"  --lessons DIR     look for courses in DIR first (may be repeated)\n"
	"  --lang LL_CC      show messages and courses in that language (pt_BR),\n"
	"                    whatever the locale says\n"
	"  --width N         plain mode: wrap text at N columns (0: do not wrap)\n"
	"  --format FMT      with progress: text (default), csv or json\n"
	"  --answers         with progress: one row per answer, not per lesson\n"
	"  --course ID       with report: only that course\n"
	"  --group GROUP     with class init: the class's group (default: yours)\n"
	"  --force           with class init: fix an existing folder's modes\n"
	"  -h, --help        show this help and exit\n"
	"  -V, --version     show the version and exit\n"
	"\n"
	"Environment: ROLLWISE_LESSONS, ROLLWISE_CLASS, XDG_DATA_HOME, XDG_DATA_DIRS,\n"
	"XDG_STATE_HOME, "
	"NO_COLOR, TERM, LANGUAGE, LANG. See rollwise(1).\n");

/* Writes help, its later lines indented to HELP_COL. */
static void put_help(FILE *fp, const char *help)
{
	const char *nl;
	while ((nl = strchr(help, '\n')) != NULL) {
		fprintf(fp, "%.*s\n%*s", (int)(nl - help), help, HELP_COL, "");
		help = nl + 1;
	}
	fprintf(fp, "%s\n", help);
}

static void usage(FILE *fp)
{
	for (size_t i = 0; i < cmd_count; i++) {
		const struct cmd_entry *e = &cmd_table[i];
		/* TRANSLATORS: "Usage:" and the indent under it must be as wide;
		 * OPTION is the word [OPTION]... uses. */
		fprintf(fp, _("%s rollwise%s%s [OPTION]...%s%s\n"), i ? _("      ") : _("Usage:"),
			e->name ? " " : "", e->name ? e->name : "",
			*e->args ? " " : "", e->args);
	}
	fprintf(fp, "\n%s", _(about));
	put_help(fp, _(cmd_find(NULL)->help));
	fprintf(fp, "\n%s\n", _("Commands:"));
	for (size_t i = 0; i < cmd_count; i++) {
		const struct cmd_entry *e = &cmd_table[i];
		if (!e->name)
			continue;
		int n = fprintf(fp, "  %s%s%s", e->name, *e->args ? " " : "", e->args);
		fprintf(fp, "%*s", n < HELP_COL ? HELP_COL - n : 1, "");
		put_help(fp, _(e->help));
	}
	fprintf(fp, "\n%s", _(options_help));
}

static void push(char ***arr, size_t *n, char *s)
{
	*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = s;
}

/* A usage error: msg, then arg (from the command line, so made safe). */
static int bad(const char *msg, const char *arg)
{
	fprintf(stderr, "rollwise: %s", msg);
	diag_put_safe(stderr, arg);
	fprintf(stderr, "\n%s\n", _("Try 'rollwise --help'."));
	return 2;
}

/* The name of the first command with flag, for messages. */
static const char *cmd_with(unsigned flag)
{
	for (size_t i = 0; i < cmd_count; i++)
		if (cmd_table[i].flags & flag)
			return cmd_table[i].name;
	return "";
}

/* Checks what the command allows once all arguments are read. */
static int check_usage(const struct options *o)
{
	enum export_format fmt;
	if (o->format && !(o->cmd->flags & CMD_FORMAT)) {
		char *msg = xasprintf(_("%s goes with the %s command"), "--format",
				      cmd_with(CMD_FORMAT));
		int st = bad(msg, "");
		free(msg);
		return st;
	}
	static const struct { unsigned flag; const char *name; } needs[] = {
		{ CMD_FORMAT, "--answers" }, { CMD_CLASS, "--group" }, { CMD_CLASS, "--force" },
		{ CMD_COURSE, "--course" },
	};
	const bool given[] = { o->answers, o->group != NULL, o->force, o->course != NULL };
	for (size_t i = 0; i < sizeof needs / sizeof *needs; i++)
		if (given[i] && !(o->cmd->flags & needs[i].flag)) {
			char *msg = xasprintf(_("%s goes with the %s command"), needs[i].name,
					      cmd_with(needs[i].flag));
			int st = bad(msg, "");
			free(msg);
			return st;
		}
	if (o->answers && strcmp(o->cmd->name, "progress") != 0)
		return bad(_("--answers goes with the progress command"), "");
	if (o->format && export_format_parse(o->format, &fmt) != 0)
		return bad(_("--format must be text, csv or json, not "), o->format);
	if (o->nargs > o->cmd->max_args)
		return bad(_("unexpected argument: "), o->args[o->cmd->max_args]);
	return -1;
}

int cli_parse(int argc, char **argv, struct options *o)
{
	*o = (struct options){ .cmd = cmd_find(NULL), .width = -1 };
	bool had_cmd = false, only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct cmd_entry *e;
		if (only_args || a[0] != '-' || a[1] == '\0') {
			if (!had_cmd && o->nargs == 0 && (e = cmd_find(a)) != NULL) {
				o->cmd = e;
				had_cmd = true;
			} else {
				push(&o->args, &o->nargs, argv[i]);
			}
		} else if (!strcmp(a, "--")) {
			only_args = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("rollwise %s\n", ROLLWISE_VERSION);
			return 0;
		} else if (!strcmp(a, "--plain")) {
			o->plain = true;
		} else if (!strcmp(a, "--answers")) {
			o->answers = true;
		} else if (!strcmp(a, "--force")) {
			o->force = true;
		} else if (!strcmp(a, "--group") || !strcmp(a, "--course")) {
			if (i + 1 >= argc)
				return bad(a, _(" needs a value"));
			if (a[2] == 'g')
				o->group = argv[++i];
			else
				o->course = argv[++i];
		} else if (!strcmp(a, "--lessons") || !strcmp(a, "--format")) {
			if (i + 1 >= argc)
				return bad(a, _(" needs a value"));
			if (a[2] == 'l')
				push(&o->lessons, &o->nlessons, argv[++i]);
			else
				o->format = argv[++i];
		} else if (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7)) {
			const char *v = a[6] == '=' ? a + 7 : i + 1 < argc ? argv[++i] : NULL;
			if (!v || !lang_valid(v))
				return bad(_("--lang takes a language like pt_BR, not "), v ? v : "");
		} else if (!strcmp(a, "--width") || !strncmp(a, "--width=", 8)) {
			const char *v = a[7] == '=' ? a + 8 : i + 1 < argc ? argv[++i] : NULL;
			char *end;
			long w = v ? strtol(v, &end, 10) : -1;
			if (!v || !*v || *end || w < 0 || w > 1000)
				return bad(_("--width takes a number of columns from 0 to 1000"), "");
			o->width = (int)w;
		} else if (!strncmp(a, "--lessons=", 10)) {
			push(&o->lessons, &o->nlessons, argv[i] + 10);
		} else if (!strncmp(a, "--format=", 9)) {
			o->format = a + 9;
		} else {
			return bad(_("unknown option: "), a);
		}
	}
	return check_usage(o);
}

void cli_say(const char *msg)
{
	const char *nl;
	while ((nl = strchr(msg, '\n')) != NULL) {
		char *line = xasprintf("%.*s", (int)(nl - msg), msg);
		diag_put_safe(stdout, line);
		fputc('\n', stdout);
		free(line);
		msg = nl + 1;
	}
	diag_put_safe(stdout, msg);
	fputc('\n', stdout);
}

/* Writes "rollwise: msg" on stderr, control characters escaped. */
static void put_error(const char *msg)
{
	fputs("rollwise: ", stderr);
	diag_put_safe(stderr, msg);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	put_error(msg);
	free(msg);
}

void die(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	tui_end();
	put_error(msg);
	exit(1);
}

/* True when dir is a folder rollwise can read; else says why. */
static bool lessons_dir_ok(const char *dir)
{
	struct stat st;
	DIR *dp = NULL;
	int e = stat(dir, &st) == 0 ? 0 : errno;
	if (e == 0 && S_ISDIR(st.st_mode) && (dp = opendir(dir)) == NULL)
		e = errno;
	if (dp) {
		closedir(dp);
		return true;
	}
	if (e == ENOENT)
		cli_error(_("--lessons %s: no such directory"), dir);
	else if (e == ENOTDIR || e == 0)
		cli_error(_("--lessons %s: not a directory"), dir);
	else
		cli_error(_("--lessons %s: cannot read it: %s"), dir, strerror(e));
	return false;
}

int cli_run(const struct options *o)
{
	/* An explicit folder that is not there is a mistake to point out, not
	 * to skip as the search path's default folders are. */
	for (size_t i = 0; i < o->nlessons; i++)
		if (!lessons_dir_ok(o->lessons[i]))
			return 2;
	return o->cmd->exec(o);
}

void cli_free(struct options *o)
{
	free(o->lessons);
	free(o->args);
	*o = (struct options){ 0 };
}
