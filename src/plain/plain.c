/* plain.c - the line mode: the learner flow of core/flow.h as sequential
 * text for screen readers, braille displays and scripts. Every prompt is a
 * table of what can be typed there; '?' lists it, anything else gets a
 * one-line hint and is asked again. Text from the courses is kept free of
 * control characters by the loader. */
#include "plain/plain.h"
#include "core/flow.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "stop.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct plain {
	struct session *s;
	FILE *in, *out;
	int width;		/* 0: no hard wrapping */
	char *line;
	size_t cap;
	bool eof;
	bool echo;		/* input is not a terminal: echo it */
	/* The last answer, for 's' (its sources) and 'r' (its page). */
	const struct course *last_c;
	const struct question *last_q;
	const struct lesson *last_l;
	const struct page *last_page;
};

/* What a prompt accepts; the actions are each prompt's own. */
struct cmd {
	const char *word;	/* "" is Enter; "#" a number or numbers */
	int action;
	const char *help;
};

enum { GO_BACK, GO_QUIT, GO_NEXT };
enum { IN_END = -1, IN_NUMBER = -2 };

static void sayf(struct plain *p, int rest, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes text wrapped to the width, continuation lines indented by rest. */
static void put(struct plain *p, int rest, const char *s)
{
	struct text t = { 0 };
	text_wrap(&t, s, p->width > 0 ? p->width : 1 << 20, 0, rest);
	for (size_t i = 0; i < t.n; i++)
		fprintf(p->out, "%s\n", t.lines[i].text);
	text_free(&t);
}

static void sayf(struct plain *p, int rest, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	put(p, rest, s);
	free(s);
}

static void markup(struct plain *p, const char *s)
{
	struct text t = { 0 };
	text_layout(&t, s, p->width > 0 ? p->width : 1 << 20);
	for (size_t i = 0; i < t.n; i++)
		fprintf(p->out, "%s\n", t.lines[i].text);
	text_free(&t);
}

static void blank(struct plain *p)
{
	fputc('\n', p->out);
}

/* Writes a prompt wrapped like the rest, leaving its last line open. */
static void prompt_put(struct plain *p, const char *prompt)
{
	struct text t = { 0 };
	text_wrap(&t, prompt, p->width > 0 ? p->width : 1 << 20, 0, 0);
	for (size_t i = 0; i < t.n; i++)
		fprintf(p->out, "%s%s", t.lines[i].text, i + 1 < t.n ? "\n" : " ");
	text_free(&t);
}

/* Reads one line, trimmed; NULL at the end of input or on a stop signal.
 * Input that does not come from a terminal is echoed, so a transcript
 * shows what was typed where. */
static const char *read_line(struct plain *p)
{
	fflush(p->out);
	errno = 0;
	if (p->eof || stop_signal() || getline(&p->line, &p->cap, p->in) < 0) {
		p->eof = true;
		blank(p);
		return NULL;
	}
	char *s = p->line;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)*s))
		s++;
	if (p->echo) {
		char *e = text_sanitize(s);
		fprintf(p->out, "%s\n", e);
		free(e);
	}
	return s;
}

/* Numbers typed at a prompt: the first, how many, and the set of those up
 * to 32 (choices). */
struct nums {
	size_t first, count;
	unsigned set;
};

/* Reads numbers from 1 to max ("2", "1 3", "1,3") into *n. */
static bool numbers(const char *s, size_t max, struct nums *n)
{
	*n = (struct nums){ 0 };
	while (*s) {
		if (*s == ' ' || *s == ',' || *s == '\t') {
			s++;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return false;
		char *end;
		unsigned long v = strtoul(s, &end, 10);
		if (v < 1 || v > max)
			return false;
		if (n->count++ == 0)
			n->first = v - 1;
		if (v <= 32)
			n->set |= 1u << (v - 1);
		s = end;
	}
	return n->count > 0;
}

static void help(struct plain *p, const struct cmd *c, size_t max)
{
	fprintf(p->out, "You can type:\n");
	for (; c->word; c++) {
		if (!strcmp(c->word, "#"))
			sayf(p, 2, "- a number from 1 to %zu: %s", max, c->help);
		else
			sayf(p, 2, "- %s: %s", *c->word ? c->word : "Enter (an empty line)", c->help);
	}
	put(p, 2, "- ?: this list");
}

/* Asks prompt until the learner types something in cmds: returns its
 * action (IN_NUMBER for numbers from 1 to max, into *n), IN_END at the end. */
static int ask(struct plain *p, const char *prompt, const struct cmd *cmds,
	       size_t max, struct nums *n)
{
	for (;;) {
		prompt_put(p, prompt);
		const char *a = read_line(p);
		if (!a)
			return IN_END;
		if (!strcmp(a, "?")) {
			help(p, cmds, max);
			continue;
		}
		for (const struct cmd *c = cmds; c->word; c++) {
			if (!strcmp(c->word, "#") && numbers(a, max, n))
				return c->action == 0 ? IN_NUMBER : c->action;
			if (strcmp(c->word, "#") && !strcasecmp(c->word, a))
				return c->action;
		}
		put(p, 0, "Not understood. Type ? to see what you can type here.");
	}
}

static void show_warning(struct plain *p)
{
	char *w = session_take_warning(p->s);
	if (w) {
		sayf(p, 6, "Note: %s", w);
		free(w);
	}
}

static void notice(struct plain *p)
{
	if (!flow_notice_due(p->s))
		return;
	markup(p, flow_notice_text());
	blank(p);
	flow_notice_read(p->s);
}

/* --- reading --- */

static void show_page(struct plain *p, const struct course *c,
		      const struct lesson *l, size_t i)
{
	const struct page *pg = &l->pages[i];
	blank(p);
	sayf(p, 0, "Page %zu of %zu: %s", i + 1, l->npages, pg->title);
	blank(p);
	markup(p, pg->text);
	char *cites = course_cites(c, &pg->sources);
	if (cites) {
		blank(p);
		fprintf(p->out, "Sources:\n");
		markup(p, cites);
		free(cites);
	}
	blank(p);
}

enum { R_NEXT = 1, R_PREV, R_AGAIN, R_BACK };

static const struct cmd page_cmds[] = {
	{ "", R_NEXT, "the next page (after the last page, the quiz)" },
	{ "p", R_PREV, "the previous page" },
	{ "a", R_AGAIN, "this page again" },
	{ "q", R_BACK, "back to the lessons" },
	{ NULL, 0, NULL },
};

/* Reads l from page start; GO_NEXT means on to the quiz. */
static int read_lesson(struct plain *p, const struct course *c,
		       const struct lesson *l, size_t start)
{
	size_t i = start < l->npages ? start : 0;
	bool show = true;
	for (;;) {
		if (show) {
			session_visit(p->s, c, l, i);
			show_warning(p);
			show_page(p, c, l, i);
		}
		bool last = i + 1 == l->npages;
		struct nums set;
		int a = ask(p, last ? "Enter: the quiz, p: previous page, q: back, ?: help:"
				    : "Enter: next page, p: previous page, q: back, ?: help:",
			    page_cmds, 0, &set);
		show = true;
		if (a == IN_END)
			return GO_QUIT;
		if (a == R_BACK)
			return GO_BACK;
		if (a == R_PREV && i > 0)
			i--;
		else if (a == R_PREV)
			show = false, put(p, 0, "This is the first page.");
		else if (a == R_NEXT && last)
			return GO_NEXT;
		else if (a == R_NEXT)
			i++;
	}
}

/* --- questions --- */

static void show_question(struct plain *p, const struct flow *f)
{
	const struct question *q = flow_question(f);
	char *pos = flow_position_text(f);
	blank(p);
	sayf(p, 0, "%s (%s):", pos, flow_kind_text(q));
	free(pos);
	put(p, 0, q->prompt);
	for (size_t k = 0; k < q->nchoices; k++)
		sayf(p, 3, "%zu. %s", k + 1, flow_choice(f, k));
}

static void show_verdict(struct plain *p, const struct flow *f)
{
	struct flow_verdict v;
	flow_verdict(f, &v);
	const struct question *q = flow_question(f);
	put(p, 0, flow_verdict_text(&v));
	if (!v.right) {
		fprintf(p->out, "The right answer:\n");
		for (size_t k = 0; k < q->nchoices; k++)
			if (v.tag[k] == TAG_PICKED_RIGHT || v.tag[k] == TAG_MISSED_RIGHT)
				sayf(p, 3, "%zu. %s", k + 1, flow_choice(f, k));
	}
	for (size_t k = 0; k < q->nchoices; k++) {
		char *s = flow_feedback_text(&v, k);
		if (s)
			put(p, 2, s);
		free(s);
	}
	char *s = flow_explanation_text(&v);
	if (s)
		put(p, 0, s);
	free(s);
	s = flow_reread_text(&v);
	if (s)
		put(p, 0, s);
	free(s);
	s = flow_sources_short(flow_course(f), &q->sources);
	if (s)
		sayf(p, 2, "%s (s: the full list)", s);
	free(s);
	p->last_c = flow_course(f);
	p->last_l = flow_lesson(f);
	p->last_q = q;
	p->last_page = v.right ? NULL : v.page;
}

enum { Q_TRUE = 1, Q_FALSE, Q_AGAIN, Q_SOURCES, Q_REREAD, Q_LEAVE };

static const struct cmd answer_cmds[] = {
	{ "#", 0, "your answer (for \"choose all\": every number, like 1 3)" },
	{ "t", Q_TRUE, "True (true-false questions)" },
	{ "true", Q_TRUE, "the same" },
	{ "f", Q_FALSE, "False (true-false questions)" },
	{ "false", Q_FALSE, "the same" },
	{ "a", Q_AGAIN, "this question again" },
	{ "s", Q_SOURCES, "the full sources of your last answer" },
	{ "r", Q_REREAD, "re-read the page named after your last answer" },
	{ "q", Q_LEAVE, "leave (your answers so far are kept for review)" },
	{ NULL, 0, NULL },
};

/* The last answer's sources or page, for 's' and 'r' at any later prompt. */
static void last_answer(struct plain *p, int a)
{
	if (a == Q_SOURCES && p->last_q) {
		char *c = course_cites(p->last_c, &p->last_q->sources);
		markup(p, c ? c : "That question names no sources.");
		free(c);
	} else if (a == Q_REREAD && p->last_page) {
		blank(p);
		sayf(p, 0, "%s", p->last_page->title);
		blank(p);
		markup(p, p->last_page->text);
	} else {
		put(p, 0, a == Q_SOURCES ? "Nothing answered yet." : "No page to re-read now.");
	}
}

/* The slots typed: numbers, or t/f in a true-false question; 0 to ask again. */
static unsigned slots_for(struct plain *p, const struct question *q, int a,
			  const struct nums *set)
{
	if (a == Q_TRUE || a == Q_FALSE) {
		if (q->kind == KIND_TRUE_FALSE)
			return a == Q_TRUE ? 1u : 2u;
		put(p, 0, "This is not a true-false question: type a number.");
		return 0;
	}
	if (q->kind != KIND_MULTIPLE && set->count > 1) {
		put(p, 0, "Type one number.");
		return 0;
	}
	return set->set;
}

/* Asks the flow's current question and shows the verdict; false on q or
 * at the end of input. */
static bool ask_question(struct plain *p, struct flow *f)
{
	const struct question *q = flow_question(f);
	show_question(p, f);
	for (;;) {
		struct nums set;
		int a = ask(p, q->kind == KIND_MULTIPLE ? "Your answers (numbers, like 1 3; ? for help):"
							: "Your answer (a number; ? for help):",
			    answer_cmds, q->nchoices, &set);
		if (a == IN_END || a == Q_LEAVE)
			return false;
		if (a == Q_AGAIN) {
			show_question(p, f);
			continue;
		}
		if (a == Q_SOURCES || a == Q_REREAD) {
			last_answer(p, a);
			continue;
		}
		unsigned slots = slots_for(p, q, a, &set);
		if (slots && flow_answer(f, slots) == 0)
			break;
	}
	show_verdict(p, f);
	show_warning(p);
	return true;
}

/* Runs every question of f; false when left early. */
static bool run_flow(struct plain *p, struct flow *f)
{
	if (flow_done(f))
		return true;
	do {
		if (!ask_question(p, f))
			return false;
	} while (flow_next(f));
	return true;
}

static void show_summary(struct plain *p, const struct flow_summary *sum)
{
	blank(p);
	char *s = flow_score_text(sum);
	put(p, 0, s);
	free(s);
	put(p, 0, flow_verdict_line(sum));
	if (sum->nmissed == 0)
		return;
	fprintf(p->out, "Questions to look at again:\n");
	for (size_t i = 0; i < sum->nmissed; i++) {
		char *m = flow_missed_text(&sum->missed[i]);
		sayf(p, 3, "%zu. %s (%s)", i + 1, sum->missed[i].question->prompt, m);
		free(m);
	}
}

enum { E_NEXT = 1, E_RETRY, E_BACK, E_SOURCES, E_PAGE };

static const struct cmd result_cmds[] = {
	{ "#", E_PAGE, "re-read the page of that missed question" },
	{ "n", E_NEXT, "the next lesson" },
	{ "r", E_RETRY, "take the quiz again" },
	{ "s", E_SOURCES, "the full sources of your last answer" },
	{ "q", E_BACK, "back to the lessons" },
	{ NULL, 0, NULL },
};

static void open_missed(struct plain *p, const struct flow_summary *sum, size_t i)
{
	{
		const struct flow_missed *m = &sum->missed[i];
		if (m->page)
			show_page(p, m->course, m->lesson, m->page_index);
		else
			put(p, 0, "This question names no page to re-read.");
	}
}

/* After a quiz: GO_NEXT for the next lesson, GO_BACK, GO_QUIT; *retry is
 * set to take it again. */
static int after_quiz(struct plain *p, const struct flow_summary *sum, bool *retry)
{
	int a;
	for (;;) {
		struct nums set;
		a = ask(p, sum->nmissed ? "n: next lesson, r: retry, a number: re-read that page, q: back:"
					    : "n: next lesson, r: retry, q: back:",
			    result_cmds, sum->nmissed, &set);
		if (a == IN_END)
			return GO_QUIT;
		if (a == E_PAGE)
			open_missed(p, sum, set.first);
		else if (a == E_SOURCES)
			last_answer(p, Q_SOURCES);
		else
			break;
	}
	*retry = a == E_RETRY;
	return a == E_NEXT ? GO_NEXT : GO_BACK;
}

/* Takes l's quiz; after the result, GO_NEXT means the next lesson. */
static int take_quiz(struct plain *p, const struct course *c, const struct lesson *l)
{
	for (;;) {
		if (flow_quiz_interrupted(p->s, c, l))
			put(p, 0, flow_restart_text());
		struct flow *f = flow_quiz(p->s, c, l);
		bool done = run_flow(p, f);
		struct flow_summary sum;
		flow_summarize(f, &sum);
		int st = GO_BACK;
		bool retry = false;
		if (done) {
			show_summary(p, &sum);
			st = after_quiz(p, &sum, &retry);
		} else if (p->eof) {
			st = GO_QUIT;
		}
		flow_summary_free(&sum);
		flow_free(f);
		if (!retry)
			return st;
	}
}

/* --- menus --- */

/* Reads lesson l from page and takes its quiz, then the next lessons (each
 * from where the learner left it) while asked. */
static int run_lessons(struct plain *p, const struct course *c, const struct lesson *l,
		       size_t page)
{
	for (bool first = true; l; l = flow_next_lesson(c, l), first = false) {
		blank(p);
		sayf(p, 0, "Lesson %zu of %zu: %s", (size_t)(l - c->lessons) + 1,
		     c->nlessons, l->title);
		int st = read_lesson(p, c, l, first ? page : session_resume_page(p->s, c, l));
		if (st == GO_NEXT && l->quiz.nquestions > 0)
			st = take_quiz(p, c, l);
		if (st != GO_NEXT)
			return st;
	}
	put(p, 0, flow_last_lesson_text());
	return GO_BACK;
}

enum { L_NEXT = 1, L_PICK, L_AGAIN, L_BACK };

static const struct cmd lessons_cmds[] = {
	{ "#", L_PICK, "read that lesson" },
	{ "", L_NEXT, "the next lesson to take" },
	{ "a", L_AGAIN, "this list again" },
	{ "q", L_BACK, "back to the courses" },
	{ NULL, 0, NULL },
};

static void list_lessons(struct plain *p, const struct course *c)
{
	blank(p);
	put(p, 0, c->title);
	if (*c->summary)
		put(p, 0, c->summary);
	blank(p);
	fprintf(p->out, "Lessons:\n");
	for (size_t i = 0; i < c->nlessons; i++) {
		char *st = session_status_text(p->s, c, &c->lessons[i]);
		sayf(p, 3, "%zu. %s (%s)", i + 1, c->lessons[i].title, st);
		free(st);
	}
}

static int course_menu(struct plain *p, const struct course *c)
{
	for (;;) {
		list_lessons(p, c);
		size_t next = session_next_lesson(p->s, c);
		char *prompt = xasprintf("Lesson number (Enter: lesson %zu), q: back, ?: help:",
					 next + 1);
		struct nums set;
		int a;
		while ((a = ask(p, prompt, lessons_cmds, c->nlessons, &set)) == L_PICK &&
		       set.count > 1)
			put(p, 0, "Type one number.");
		free(prompt);
		if (a == IN_END)
			return GO_QUIT;
		if (a == L_BACK)
			return GO_BACK;
		if (a == L_AGAIN)
			continue;
		const struct lesson *l = &c->lessons[a == L_PICK ? set.first : next];
		if (run_lessons(p, c, l, session_resume_page(p->s, c, l)) == GO_QUIT)
			return GO_QUIT;
	}
}

static int review(struct plain *p)
{
	struct flow *f = flow_review(p->s);
	if (!f) {
		put(p, 0, flow_nothing_due_text());
		return GO_BACK;
	}
	run_flow(p, f);
	struct flow_summary sum;
	flow_summarize(f, &sum);
	if (sum.answered)
		show_summary(p, &sum);
	flow_summary_free(&sum);
	flow_free(f);
	return p->eof ? GO_QUIT : GO_BACK;
}

enum { M_PICK = 1, M_CONTINUE, M_REVIEW, M_AGAIN, M_QUIT };

static const struct cmd menu_cmds[] = {
	{ "#", M_PICK, "open that course" },
	{ "c", M_CONTINUE, "continue where you left off" },
	{ "r", M_REVIEW, "review the questions that are due" },
	{ "a", M_AGAIN, "this list again" },
	{ "q", M_QUIT, "quit (your progress is saved)" },
	{ NULL, 0, NULL },
};

static bool list_courses(struct plain *p)
{
	const struct catalog *cat = &p->s->cat;
	if (cat->n == 0) {
		put(p, 0, "No courses were found. See 'rollwise --help'.");
		if (p->s->bad_files) {
			char *n = text_count(p->s->bad_files, "course file", "course files");
			sayf(p, 0, "%s could not be read: run 'rollwise check'.", n);
			free(n);
		}
		return false;
	}
	blank(p);
	struct flow_place pl;
	if (flow_continue(p->s, &pl)) {
		char *s = flow_continue_text(&pl);
		sayf(p, 3, "c. %s", s);
		free(s);
	}
	fprintf(p->out, "Courses:\n");
	for (size_t i = 0; i < cat->n; i++) {
		char *st = flow_course_status(p->s, cat->courses[i]);
		sayf(p, 3, "%zu. %s (%s)", i + 1, cat->courses[i]->title, st);
		free(st);
	}
	char *sum = flow_menu_summary(p->s);
	put(p, 0, sum);
	free(sum);
	return true;
}

static void main_menu(struct plain *p)
{
	while (list_courses(p)) {
		struct nums set;
		int a;
		while ((a = ask(p, "Course number, c: continue, r: review, q: quit, ?: help:",
				menu_cmds, p->s->cat.n, &set)) == M_PICK && set.count > 1)
			put(p, 0, "Type one number.");
		struct flow_place pl;
		int st = GO_BACK;
		if (a == IN_END || a == M_QUIT)
			return;
		if (a == M_REVIEW)
			st = review(p);
		else if (a == M_CONTINUE && flow_continue(p->s, &pl))
			st = run_lessons(p, pl.course, pl.lesson, pl.page);
		else if (a == M_CONTINUE)
			put(p, 0, "Nothing to continue yet: choose a course.");
		else if (a == M_PICK)
			st = course_menu(p, p->s->cat.courses[set.first]);
		if (st == GO_QUIT)
			return;
	}
}

int plain_run(struct session *s, FILE *in, FILE *out, int width, const char *course_id,
	      const char *lesson_id, int do_review)
{
	struct plain p = { .s = s, .in = in, .out = out, .width = width,
			   .echo = !isatty(fileno(in)) };
	const struct course *c = course_id ? catalog_find(&s->cat, course_id) : NULL;
	const struct lesson *l = c && lesson_id ? course_lesson(c, lesson_id) : NULL;
	if ((course_id && !c) || (lesson_id && !l))
		return 1;
	show_warning(&p);
	notice(&p);
	int st = GO_BACK;
	if (do_review)
		st = review(&p);
	else if (l)
		st = run_lessons(&p, c, l, session_resume_page(s, c, l));
	else if (c)
		st = course_menu(&p, c);
	if (st != GO_QUIT && !do_review)
		main_menu(&p);
	free(p.line);
	fflush(out);
	return 0;
}
