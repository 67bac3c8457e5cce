/* io.c - plain mode's lines in and out. */
#include "plain/io.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "stop.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int wrap_width(const struct io *o)
{
	return o->width > 0 ? o->width : 1 << 20;
}

static void put_text(struct io *o, const struct text *t, const char *last_end)
{
	for (size_t i = 0; i < t->n; i++)
		fprintf(o->out, "%s%s", t->lines[i].text, i + 1 < t->n ? "\n" : last_end);
}

void io_put(struct io *o, int indent, const char *s)
{
	io_put2(o, 0, indent, s);
}

void io_put2(struct io *o, int first, int indent, const char *s)
{
	/* Notes can carry paths from the environment: the one sanitizer. */
	char *safe = text_sanitize(s);
	struct text t = { 0 };
	text_wrap(&t, safe, wrap_width(o), first, indent);
	put_text(o, &t, "\n");
	text_free(&t);
	free(safe);
}

void io_say(struct io *o, int indent, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	io_put(o, indent, s);
	free(s);
}

void io_markup(struct io *o, const char *markup)
{
	struct text t = { 0 };
	text_layout(&t, markup, wrap_width(o));
	put_text(o, &t, "\n");
	text_free(&t);
}

void io_lines(struct io *o, const struct flow_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		io_put2(o, l->v[i].first, l->v[i].indent, l->v[i].text);
}

void io_blank(struct io *o)
{
	fputc('\n', o->out);
}

/* Reads one line, trimmed; NULL at the end of input or on a stop signal.
 * Input that does not come from a terminal is echoed, so a transcript
 * shows what was typed where. */
static const char *read_line(struct io *o)
{
	fflush(o->out);
	if (o->idle)
		o->idle(o->ctx);
	if (o->eof || stop_signal() || getline(&o->line, &o->cap, o->in) < 0) {
		o->eof = true;
		io_blank(o);
		return NULL;
	}
	char *s = o->line;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)*s))
		s++;
	if (o->echo) {
		char *e = text_sanitize(s);
		fprintf(o->out, "%s\n", e);
		free(e);
	}
	return s;
}

/* The prompt line: the intro, then "key: label" of each labelled command. */
static char *prompt_line(const struct prompt *pr)
{
	char *out = xstrdup(pr->intro ? pr->intro : "");
	for (const struct cmd *c = pr->cmds; c->word; c++) {
		const char *label = !*c->word && pr->enter ? pr->enter
				  : c->label ? _(c->label) : NULL;
		if (!label || (!strcmp(c->word, "#") && pr->max == 0))
			continue;
		/* TRANSLATORS: on the prompt line, "a number: read that lesson". */
		const char *key = !*c->word ? "Enter" : !strcmp(c->word, "#") ? _("a number") : c->word;
		char *more = xasprintf("%s%s%s: %s", out, *out ? ", " : "", key, label);
		free(out);
		out = more;
	}
	/* TRANSLATORS: the end of the prompt line, after the commands. */
	char *line = xasprintf(_("%s%s?: help:"), out, *out ? ", " : "");
	free(out);
	return line;
}

static void help(struct io *o, const struct cmd *c, size_t max)
{
	fprintf(o->out, "%s\n", _("You can type:"));
	for (; c->word; c++) {
		if (!strcmp(c->word, "#"))
			io_say(o, 2, _("- a number from 1 to %zu: %s"), max, _(c->help));
		else if (!strcmp(c->word, "*"))
			io_say(o, 2, "- %s", _(c->help));
		else
			io_say(o, 2, "- %s: %s", *c->word ? c->word : _("Enter (an empty line)"),
			       _(c->help));
	}
	io_put(o, 2, _("- ?: this list"));
}

/* A number from 1 to max, 0-based into *num. */
static bool number(const char *s, size_t max, size_t *num)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return false;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || v < 1 || v > max)
		return false;
	*num = v - 1;
	return true;
}

int io_ask(struct io *o, const struct prompt *pr, size_t *num, const char **text)
{
	char *line = prompt_line(pr);
	int action = IO_END;
	for (;;) {
		struct text t = { 0 };
		text_wrap(&t, line, wrap_width(o), 0, 0);
		put_text(o, &t, " ");
		text_free(&t);
		const char *a = read_line(o);
		if (!a)
			break;
		if (!strcmp(a, "?")) {
			help(o, pr->cmds, pr->max);
			continue;
		}
		const struct cmd *c = pr->cmds;
		while (c->word && !(!strcmp(c->word, "#") ? number(a, pr->max, num)
				    : !strcmp(c->word, "*") ? *a != '\0'
				    : !strcasecmp(c->word, a)))
			c++;
		if (c->word) {
			*text = a;
			action = c->action;
			break;
		}
		io_put(o, 0, _("Not understood. Type ? to see what you can type here."));
	}
	free(line);
	return action;
}

void io_free(struct io *o)
{
	free(o->line);
	o->line = NULL;
}
