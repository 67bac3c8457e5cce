/* plain.c - the line mode: the learner flow of core/flow.h as sequential
 * text for screen readers, braille displays and scripts. Each prompt is a
 * table of what can be typed there (plain/io.c asks and explains it). */
#include "plain/plain.h"
#include "plain/io.h"
#include "core/flow.h"
#include "core/store.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "stop.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct plain {
	struct session *s;
	struct io io;
	/* The last answer, for 's' (its sources) and 'r' (its page). */
	const struct course *last_c;
	const struct question *last_q;
	const struct page *last_page;
};

enum { GO_BACK, GO_QUIT, GO_NEXT };
/* Actions shared by the prompts' tables. */
enum { ENTER = 1, NUMBER, PREV, AGAIN, SOURCES, REREAD, NEXT, RETRY, CONTINUE,
       REVIEW, BACK, ANSWER };

static void show_warning(struct plain *p)
{
	char *w = session_take_warning(p->s);
	if (w)
		io_say(&p->io, 6, _("Note: %s"), w);
	free(w);
}

static void show_page(struct plain *p, const struct course *c,
		      const struct lesson *l, size_t i)
{
	const struct page *pg = &l->pages[i];
	io_blank(&p->io);
	io_say(&p->io, 0, _("Page %zu of %zu: %s"), i + 1, l->npages, pg->title);
	io_blank(&p->io);
	io_markup(&p->io, pg->text);
	char *cites = course_cites(c, &pg->sources);
	if (cites) {
		io_blank(&p->io);
		io_put(&p->io, 0, _("Sources:"));
		io_markup(&p->io, cites);
	}
	free(cites);
	io_blank(&p->io);
}

static const struct cmd page_cmds[] = {
	{ "", ENTER, N_("next page"), N_("the next page (after the last page, the quiz)") },
	{ "p", PREV, N_("previous page"), N_("the previous page") },
	{ "a", AGAIN, NULL, N_("this page again") },
	{ "q", BACK, N_("back"), N_("back to the lessons") },
	{ NULL, 0, NULL, NULL },
};

/* Reads l from page i; GO_NEXT means on to the quiz. */
static int read_lesson(struct plain *p, const struct course *c,
		       const struct lesson *l, size_t i)
{
	size_t num;
	const char *text;
	for (i = i < l->npages ? i : 0;;) {
		session_visit(p->s, c, l, i);
		show_warning(p);
		show_page(p, c, l, i);
		bool last = i + 1 == l->npages;
		struct prompt pr = { NULL, page_cmds, 0, last ? _("the quiz") : NULL };
		int a = io_ask(&p->io, &pr, &num, &text);
		if (a == IO_END || a == BACK)
			return a == BACK ? GO_BACK : GO_QUIT;
		if (a == ENTER && last)
			return GO_NEXT;
		if (a == ENTER)
			i++;
		else if (a == PREV && i > 0)
			i--;
	}
}

static void show_question(struct plain *p, const struct flow *f)
{
	struct flow_lines l = { 0 };
	char *pos = flow_position_text(f);
	io_blank(&p->io);
	io_say(&p->io, 0, "%s (%s):", pos, flow_kind_text(flow_question(f)));
	io_put(&p->io, 0, flow_question(f)->prompt);
	flow_choice_lines(f, 0, false, &l);
	io_lines(&p->io, &l);
	flow_lines_free(&l);
	free(pos);
}

static void show_verdict(struct plain *p, const struct flow *f)
{
	struct flow_lines l = { 0 };
	struct flow_verdict v;
	flow_verdict_lines(f, &l);
	io_lines(&p->io, &l);
	flow_lines_free(&l);
	flow_verdict(f, &v);
	p->last_c = flow_course(f);
	p->last_q = flow_question(f);
	p->last_page = v.right ? NULL : v.page;
	char *s = flow_sources_short(p->last_c, &p->last_q->sources);
	if (s)
		io_say(&p->io, 2, _("%s (s: the full list)"), s);
	free(s);
}

/* The last answer's sources or page, for 's' and 'r' at a later prompt. */
static void last_answer(struct plain *p, int a)
{
	if (a == SOURCES && p->last_q) {
		char *c = course_cites(p->last_c, &p->last_q->sources);
		io_markup(&p->io, c ? c : _("That question names no sources."));
		free(c);
	} else if (a == REREAD && p->last_page) {
		io_blank(&p->io);
		io_put(&p->io, 0, p->last_page->title);
		io_blank(&p->io);
		io_markup(&p->io, p->last_page->text);
	} else {
		io_put(&p->io, 0, a == SOURCES ? _("Nothing answered yet.") : _("No page to re-read now."));
	}
}

static const struct cmd answer_cmds[] = {
	{ "a", AGAIN, NULL, N_("this question again") },
	{ "s", SOURCES, NULL, N_("the full sources of your last answer") },
	{ "r", REREAD, NULL, N_("re-read the page named after your last answer") },
	{ "q", BACK, NULL, N_("leave (your answers so far are kept for review)") },
	/* TRANSLATORS: t, f, true and false are what the learner types: keep them. */
	{ "*", ANSWER, NULL, N_("your answer: its number; for \"choose all\" every "
			     "number, like 1 3; t, f, true or false in a true-false question") },
	{ NULL, 0, NULL, NULL },
};

/* Asks the flow's current question and shows the verdict; false on q or
 * at the end of input. */
static bool ask_question(struct plain *p, struct flow *f)
{
	const struct question *q = flow_question(f);
	size_t num;
	const char *text;
	show_question(p, f);
	for (;;) {
		struct prompt pr = { q->kind == KIND_MULTIPLE ? _("Your answers (numbers, like 1 3)")
							      : _("Your answer (a number)"),
				     answer_cmds, 0, NULL };
		int a = io_ask(&p->io, &pr, &num, &text);
		unsigned slots;
		const char *why;
		if (a == IO_END || a == BACK)
			return false;
		if (a == AGAIN)
			show_question(p, f);
		else if (a != ANSWER)
			last_answer(p, a);
		else if ((why = flow_parse_answer(q, text, &slots)))
			io_put(&p->io, 0, why);
		else if (flow_answer(f, slots) == 0)
			break;
	}
	show_verdict(p, f);
	show_warning(p);
	return true;
}

/* Runs f to its end; false when left early. */
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

static const struct cmd result_cmds[] = {
	{ "#", NUMBER, N_("re-read that page"), N_("re-read the page of that missed question") },
	{ "n", NEXT, N_("next lesson"), N_("the next lesson") },
	{ "r", RETRY, N_("retry"), N_("take the quiz again") },
	{ "s", SOURCES, NULL, N_("the full sources of your last answer") },
	{ "q", BACK, N_("back"), N_("back to the lessons") },
	{ NULL, 0, NULL, NULL },
};

/* After a quiz: NEXT, RETRY, BACK or IO_END. */
static int after_quiz(struct plain *p, const struct flow_summary *sum)
{
	size_t i;
	const char *text;
	for (;;) {
		struct prompt pr = { NULL, result_cmds, sum->nmissed, NULL };
		int a = io_ask(&p->io, &pr, &i, &text);
		if (a == SOURCES)
			last_answer(p, a);
		else if (a == NUMBER && sum->missed[i].page)
			show_page(p, sum->missed[i].course, sum->missed[i].lesson,
				  sum->missed[i].page_index);
		else if (a == NUMBER)
			io_put(&p->io, 0, flow_no_page_text());
		else
			return a;
	}
}

/* Runs f and shows its summary; with ask, what comes after a quiz. */
static int finish(struct plain *p, struct flow *f, bool ask)
{
	int a = run_flow(p, f) ? BACK : p->io.eof ? IO_END : 0;
	struct flow_summary sum;
	struct flow_lines l = { 0 };
	flow_summarize(f, &sum);
	if (a == BACK && sum.answered) {
		flow_summary_lines(&sum, &l);
		io_blank(&p->io);
		io_lines(&p->io, &l);
		if (ask)
			a = after_quiz(p, &sum);
	}
	flow_lines_free(&l);
	flow_summary_free(&sum);
	flow_free(f);
	return a;
}

/* Takes l's quiz (again while asked); GO_NEXT means the next lesson. */
static int take_quiz(struct plain *p, const struct course *c, const struct lesson *l)
{
	int a = RETRY;
	while (a == RETRY) {
		if (flow_quiz_interrupted(p->s, c, l))
			io_put(&p->io, 0, flow_restart_text());
		a = finish(p, flow_quiz(p->s, c, l), true);
	}
	return a == NEXT ? GO_NEXT : a == IO_END ? GO_QUIT : GO_BACK;
}

/* Reads lesson l from page and takes its quiz, then the next lessons (each
 * from where the learner left it) while asked. */
static int run_lessons(struct plain *p, const struct course *c, const struct lesson *l,
		       size_t page)
{
	for (bool first = true; l; l = flow_next_lesson(c, l), first = false) {
		io_blank(&p->io);
		io_say(&p->io, 0, _("Lesson %zu of %zu: %s"), (size_t)(l - c->lessons) + 1,
		       c->nlessons, l->title);
		int st = read_lesson(p, c, l, first ? page : session_resume_page(p->s, c, l));
		if (st == GO_NEXT && l->quiz.nquestions > 0)
			st = take_quiz(p, c, l);
		if (st != GO_NEXT)
			return st;
	}
	io_put(&p->io, 0, flow_last_lesson_text());
	return GO_BACK;
}

static const struct cmd lessons_cmds[] = {
	{ "#", NUMBER, NULL, N_("read that lesson") },
	{ "", ENTER, N_("the next lesson"), N_("the next lesson to take") },
	{ "a", AGAIN, NULL, N_("this list again") },
	{ "q", BACK, N_("back"), N_("back to the courses") },
	{ NULL, 0, NULL, NULL },
};

static int course_menu(struct plain *p, const struct course *c)
{
	for (;;) {
		size_t i = session_next_lesson(p->s, c);
		const char *text;
		io_blank(&p->io);
		io_put(&p->io, 0, c->title);
		if (*c->summary)
			io_put(&p->io, 0, c->summary);
		io_put(&p->io, 0, _("Lessons:"));
		for (size_t k = 0; k < c->nlessons; k++) {
			char *st = session_status_text(p->s, c, &c->lessons[k]);
			io_say(&p->io, 3, "%zu. %s (%s)", k + 1, c->lessons[k].title, st);
			free(st);
		}
		char *next = xasprintf(_("lesson %zu"), i + 1);
		struct prompt pr = { _("Lesson number"), lessons_cmds, c->nlessons, next };
		int a = io_ask(&p->io, &pr, &i, &text);
		free(next);
		if (a == IO_END || a == BACK)
			return a == BACK ? GO_BACK : GO_QUIT;
		if (a != AGAIN && run_lessons(p, c, &c->lessons[i],
					      session_resume_page(p->s, c, &c->lessons[i])) == GO_QUIT)
			return GO_QUIT;
	}
}

static int review(struct plain *p)
{
	struct flow *f = flow_review(p->s);
	if (!f)
		io_put(&p->io, 0, flow_nothing_due_text());
	return f && finish(p, f, false) == IO_END ? GO_QUIT : GO_BACK;
}

static const struct cmd menu_cmds[] = {
	{ "#", NUMBER, NULL, N_("open that course") },
	{ "c", CONTINUE, N_("continue"), N_("continue where you left off") },
	{ "r", REVIEW, N_("review"), N_("review the questions that are due") },
	{ "a", AGAIN, NULL, N_("this list again") },
	{ "q", BACK, N_("quit"), N_("quit (your progress is saved)") },
	{ NULL, 0, NULL, NULL },
};

/* What the learner must know about the courses found: files that could not
 * be read, and the catalog's notes. */
static void show_notes(struct plain *p)
{
	struct flow_lines l = { 0 };
	char *bad = flow_bad_files_text(p->s);
	if (bad)
		io_put(&p->io, 0, bad);
	free(bad);
	flow_catalog_notes(&p->s->cat, &l);
	io_lines(&p->io, &l);
	flow_lines_free(&l);
}

static bool list_courses(struct plain *p)
{
	const struct catalog *cat = &p->s->cat;
	struct flow_place pl;
	if (cat->n == 0) {
		io_put(&p->io, 0, flow_no_courses_text());
		show_notes(p);
		return false;
	}
	io_blank(&p->io);
	char *s = flow_continue(p->s, &pl) ? flow_continue_text(&pl) : NULL;
	if (s)
		io_say(&p->io, 3, "c. %s", s);
	free(s);
	io_put(&p->io, 0, _("Courses:"));
	for (size_t i = 0; i < cat->n; i++) {
		char *st = flow_course_status(p->s, cat->courses[i]);
		io_say(&p->io, 3, "%zu. %s (%s)", i + 1, cat->courses[i]->title, st);
		free(st);
	}
	s = flow_menu_summary(p->s);
	io_put(&p->io, 0, s);
	free(s);
	show_notes(p);
	return true;
}

static void main_menu(struct plain *p)
{
	struct flow_place pl;
	size_t i;
	const char *text;
	int st = GO_BACK;
	while (st != GO_QUIT && list_courses(p)) {
		struct prompt pr = { _("Course number"), menu_cmds, p->s->cat.n, NULL };
		int a = io_ask(&p->io, &pr, &i, &text);
		if (a == IO_END || a == BACK)
			return;
		if (a == REVIEW)
			st = review(p);
		else if (a == CONTINUE && flow_continue(p->s, &pl))
			st = run_lessons(p, pl.course, pl.lesson, pl.page);
		else if (a == CONTINUE)
			io_put(&p->io, 0, _("Nothing to continue yet: choose a course."));
		else if (a == NUMBER)
			st = course_menu(p, p->s->cat.courses[i]);
	}
}

/* Before waiting for the learner: what was saved is made durable, and a
 * Ctrl-Z while waiting keeps it so. */
static void idle(void *ctx)
{
	struct session *s = ctx;
	session_flush(s);
	stop_sync_fd(session_sync_fd(s));
}

static FILE *waiting_out;

/* A save waits for another rollwise's lock (store_waiting). */
static void waiting(long pid)
{
	if (pid < 0 || !waiting_out)
		return;
	char *w = flow_waiting_text(pid);
	fprintf(waiting_out, "%s\n", w);
	fflush(waiting_out);
	free(w);
}

int plain_run(struct session *s, FILE *in, FILE *out, int width, const char *course_id,
	      const char *lesson_id, int do_review)
{
	struct plain p = { .s = s, .io = { .in = in, .out = out, .width = width,
					   .echo = !isatty(fileno(in)), .idle = idle, .ctx = s } };
	waiting_out = out;
	store_waiting = waiting;
	stop_chain_suspend();
	const struct course *c = course_id ? catalog_find(&s->cat, course_id) : NULL;
	const struct lesson *l = c && lesson_id ? course_lesson(c, lesson_id) : NULL;
	if ((course_id && !c) || (lesson_id && !l))
		return 1;
	show_warning(&p);
	if (flow_notice_due(s)) {
		io_markup(&p.io, flow_notice_text());
		io_blank(&p.io);
		flow_notice_read(s);
	}
	int st = GO_BACK;
	if (do_review)
		st = review(&p);
	else if (l)
		st = run_lessons(&p, c, l, session_resume_page(s, c, l));
	else if (c)
		st = course_menu(&p, c);
	if (st != GO_QUIT && !do_review)
		main_menu(&p);
	io_free(&p.io);
	fflush(out);
	return 0;
}
