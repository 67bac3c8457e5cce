/* plain.c - the line mode. Every line it writes comes from the model, which
 * the loader keeps free of control characters, wrapped to 78 columns. */
#include "plain/plain.h"
#include "core/text.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 78

struct plain {
	struct session *s;
	FILE *in, *out;
	char *line;
	size_t cap;
	bool eof;
};

enum { GO_BACK, GO_QUIT, GO_NEXT };

static void say(struct plain *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes a formatted paragraph wrapped to WIDTH. */
static void say(struct plain *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	struct text t = { 0 };
	text_wrap(&t, s, WIDTH, 0, 0);
	for (size_t i = 0; i < t.n; i++)
		fprintf(p->out, "%s\n", t.lines[i].text);
	text_free(&t);
	free(s);
}

static void markup(struct plain *p, const char *s)
{
	struct text t = { 0 };
	text_layout(&t, s, WIDTH);
	for (size_t i = 0; i < t.n; i++)
		fprintf(p->out, "%s\n", t.lines[i].text);
	text_free(&t);
}

/* Prints the prompt and reads one line, trimmed; NULL at the end of input. */
static const char *ask(struct plain *p, const char *prompt)
{
	fprintf(p->out, "%s", prompt);
	fflush(p->out);
	if (p->eof || getline(&p->line, &p->cap, p->in) < 0) {
		p->eof = true;
		fputc('\n', p->out);
		return NULL;
	}
	char *s = p->line;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

static void notice(struct plain *p)
{
	if (session_notice_seen(p->s))
		return;
	say(p, "rollwise teaches general facts about at-home microneedling with "
	       "derma rollers. This is education, not medical advice: for advice "
	       "about your own skin, see a doctor or a dermatologist.");
	fputc('\n', p->out);
	session_notice_done(p->s);
}

static void show_warning(struct plain *p)
{
	char *w = session_take_warning(p->s);
	if (w) {
		say(p, "Note: %s", w);
		free(w);
	}
}

/* Reads choice numbers ("2" or "1 3") into *set; false with a message when
 * they are not numbers from 1 to n, or more than one where one is wanted. */
static bool parse_numbers(struct plain *p, const char *s, size_t n, bool many,
			  choice_set *set)
{
	*set = 0;
	int count = 0;
	while (*s) {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (!*s)
			break;
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 1 || (size_t)v > n) {
			say(p, "Please type %s from 1 to %zu.", many ? "numbers" : "a number", n);
			return false;
		}
		*set |= 1u << (v - 1);
		count++;
		s = end;
	}
	if (count == 0 || (!many && count > 1)) {
		say(p, "Please type %s from 1 to %zu.", many ? "one or more numbers" : "one number", n);
		return false;
	}
	return true;
}

/* Reads a menu number from 1 to n into *i (0-based). */
static bool pick(struct plain *p, const char *a, size_t n, size_t *i)
{
	char *end;
	long v = strtol(a, &end, 10);
	if (end == a || *end || v < 1 || (size_t)v > n) {
		say(p, "Please type a number from 1 to %zu.", n);
		return false;
	}
	*i = (size_t)v - 1;
	return true;
}

static void show_page(struct plain *p, const struct course *c,
		      const struct lesson *l, size_t i)
{
	const struct page *pg = &l->pages[i];
	fprintf(p->out, "\nPage %zu of %zu: %s\n\n", i + 1, l->npages, pg->title);
	markup(p, pg->text);
	char *cites = course_cites(c, &pg->sources);
	if (cites) {
		fprintf(p->out, "\nSources:\n");
		markup(p, cites);
		free(cites);
	}
	fputc('\n', p->out);
}

/* Reads the lesson from page start; GO_NEXT means on to the quiz. */
static int read_lesson(struct plain *p, const struct course *c,
		       const struct lesson *l, size_t start)
{
	size_t i = start < l->npages ? start : 0;
	for (;;) {
		session_visit(p->s, c, l, i);
		show_warning(p);
		show_page(p, c, l, i);
		bool last = i + 1 == l->npages;
		const char *a = ask(p, last ? "Enter: take the quiz, p: previous page, q: back: "
					    : "Enter: next page, p: previous page, q: back: ");
		if (!a)
			return GO_QUIT;
		if (!strcmp(a, "q"))
			return GO_BACK;
		if (!strcmp(a, "p")) {
			if (i > 0)
				i--;
		} else if (last) {
			return GO_NEXT;
		} else {
			i++;
		}
	}
}

static const char *kind_hint(const struct question *q)
{
	switch (q->kind) {
	case KIND_MULTIPLE: return "choose all that apply";
	case KIND_TRUE_FALSE: return "true or false";
	default: return "choose one";
	}
}

static void verdict(struct plain *p, const struct course *c, const struct quiz_run *r,
		    const struct question *q, bool right)
{
	say(p, right ? "Right." : "Not right.");
	if (!right) {
		fprintf(p->out, "The right answer:\n");
		for (size_t k = 0; k < q->nchoices; k++) {
			size_t ci = quiz_choice_at(r, r->cur, k);
			if (q->choices[ci].correct)
				say(p, "%zu. %s", k + 1, q->choices[ci].text);
		}
	}
	for (size_t i = 0; i < q->nchoices; i++)
		if (((r->picked[r->cur] >> i) & 1) && q->choices[i].feedback)
			say(p, "About choice %zu: %s", quiz_slot_of(r, r->cur, i) + 1,
			    q->choices[i].feedback);
	if (q->explanation)
		say(p, "Why: %s", q->explanation);
	char *cites = course_cites(c, &q->sources);
	if (cites) {
		fprintf(p->out, "Sources:\n");
		markup(p, cites);
		free(cites);
	}
}

/* Asks the run's current question; -1 at the end of input or on q. */
static int ask_question(struct plain *p, const struct course *c, struct quiz_run *r,
			const char *header)
{
	const struct question *q = &r->lesson->quiz.questions[r->cur];
	fprintf(p->out, "\n%s (%s):\n", header, kind_hint(q));
	say(p, "%s", q->prompt);
	for (size_t k = 0; k < q->nchoices; k++)
		say(p, "%zu. %s", k + 1, q->choices[quiz_choice_at(r, r->cur, k)].text);
	bool many = q->kind == KIND_MULTIPLE;
	choice_set shown;
	for (;;) {
		const char *a = ask(p, many ? "Your answers (numbers, like 1 3), q to leave: "
					    : "Your answer (a number), q to leave: ");
		if (!a || !strcmp(a, "q"))
			return -1;
		if (parse_numbers(p, a, q->nchoices, many, &shown))
			break;
	}
	choice_set picked = 0;
	for (size_t k = 0; k < q->nchoices; k++)
		if ((shown >> k) & 1)
			picked |= 1u << quiz_choice_at(r, r->cur, k);
	bool right = quiz_answer(r, picked);
	session_answer(p->s, c, r->lesson, q, right);
	verdict(p, c, r, q, right);
	if (!right && q->critical && q->review) {
		const struct page *pg = &r->lesson->pages[q->review_page];
		say(p, "This is a safety point. Re-read the page \"%s\".", pg->title);
		const char *a = ask(p, "r: read that page now, Enter: go on: ");
		if (!a)
			return -1;
		if (!strcmp(a, "r")) {
			fputc('\n', p->out);
			markup(p, pg->text);
		}
	}
	show_warning(p);
	return 0;
}

static void result(struct plain *p, const struct quiz_run *r)
{
	const struct quiz *z = &r->lesson->quiz;
	fputc('\n', p->out);
	say(p, "Result: %zu of %zu right (%d%%). The pass mark is %d%%. %s",
	    z->nquestions - quiz_missed(r), z->nquestions, quiz_score(r), z->pass,
	    quiz_passed(r) ? "Passed." : "Not passed yet.");
	if (quiz_missed(r) == 0)
		return;
	say(p, "Questions to look at again:");
	for (size_t i = 0; i < z->nquestions; i++) {
		if (r->correct[i])
			continue;
		const struct question *q = &z->questions[i];
		say(p, "- %s (re-read: %s)", q->prompt,
		    r->lesson->pages[q->review ? q->review_page : 0].title);
	}
}

/* Takes the quiz; after the result, GO_NEXT means the next lesson. */
static int take_quiz(struct plain *p, const struct course *c, const struct lesson *l)
{
	for (;;) {
		struct quiz_run r;
		quiz_run_init(&r, l, p->s->seed++);
		int st = 0;
		for (r.cur = 0; r.cur < l->quiz.nquestions && st == 0; r.cur++) {
			char *h = xasprintf("Question %zu of %zu", r.cur + 1, l->quiz.nquestions);
			st = ask_question(p, c, &r, h);
			free(h);
		}
		if (st == 0) {
			session_attempt(p->s, c, &r);
			result(p, &r);
		}
		quiz_run_free(&r);
		if (st != 0)
			return p->eof ? GO_QUIT : GO_BACK;
		const char *a = ask(p, "n: next lesson, r: retry the quiz, q: back to the lessons: ");
		if (!a)
			return GO_QUIT;
		if (strcmp(a, "r") != 0)
			return strcmp(a, "n") == 0 ? GO_NEXT : GO_BACK;
	}
}

/* Reads lesson i and takes its quiz, then the next lessons while asked. */
static int run_lessons(struct plain *p, const struct course *c, size_t i)
{
	while (i < c->nlessons) {
		const struct lesson *l = &c->lessons[i];
		fprintf(p->out, "\nLesson %zu of %zu: %s\n", i + 1, c->nlessons, l->title);
		int st = read_lesson(p, c, l, session_resume_page(p->s, c, l));
		if (st == GO_NEXT)
			st = take_quiz(p, c, l);
		if (st != GO_NEXT)
			return st;
		i++;
	}
	say(p, "That was the last lesson of this course.");
	return GO_BACK;
}

static int course_menu(struct plain *p, const struct course *c)
{
	for (;;) {
		fprintf(p->out, "\n%s\n", c->title);
		say(p, "%s", c->summary);
		fprintf(p->out, "\nLessons:\n");
		for (size_t i = 0; i < c->nlessons; i++) {
			char *st = session_status_text(p->s, c, &c->lessons[i]);
			say(p, "%zu. %s (%s)", i + 1, c->lessons[i].title, st);
			free(st);
		}
		size_t next = session_next_lesson(p->s, c);
		char *prompt = xasprintf("Choose a lesson by number (Enter: lesson %zu), q to go back: ",
					 next + 1);
		const char *a = ask(p, prompt);
		free(prompt);
		if (!a)
			return GO_QUIT;
		if (!strcmp(a, "q"))
			return GO_BACK;
		size_t i = next;
		if (*a && !pick(p, a, c->nlessons, &i))
			continue;
		if (run_lessons(p, c, i) == GO_QUIT)
			return GO_QUIT;
	}
}

static int review(struct plain *p)
{
	struct due_item *due = NULL;
	size_t n = session_due(p->s, &due), right = 0, done = 0;
	if (n == 0)
		say(p, "Nothing is due for review now.");
	for (size_t i = 0; i < n; i++) {
		struct quiz_run r;
		quiz_run_init(&r, due[i].lesson, p->s->seed++);
		r.cur = (size_t)(due[i].question - due[i].lesson->quiz.questions);
		char *h = xasprintf("Review question %zu of %zu", i + 1, n);
		int st = ask_question(p, due[i].course, &r, h);
		free(h);
		right += st == 0 && r.correct[r.cur];
		done += st == 0;
		quiz_run_free(&r);
		if (st != 0)
			break;
	}
	if (done)
		say(p, "Review: %zu of %zu right.", right, done);
	free(due);
	return p->eof ? GO_QUIT : GO_BACK;
}

static int main_menu(struct plain *p)
{
	for (;;) {
		const struct catalog *cat = &p->s->cat;
		if (cat->n == 0) {
			say(p, "No courses were found. See 'rollwise --help'.");
			if (p->s->bad_files)
				say(p, "%zu course file%s could not be read: run 'rollwise check'.",
				    p->s->bad_files, p->s->bad_files == 1 ? "" : "s");
			return GO_QUIT;
		}
		fprintf(p->out, "\nCourses:\n");
		for (size_t i = 0; i < cat->n; i++)
			say(p, "%zu. %s (%zu lessons, %zu passed)", i + 1, cat->courses[i]->title,
			    cat->courses[i]->nlessons, progress_course_passed(p->s->prog, cat->courses[i]));
		struct due_item *due = NULL;
		size_t ndue = session_due(p->s, &due);
		free(due);
		if (ndue)
			say(p, "Review: %zu question%s due (type r).", ndue, ndue == 1 ? "" : "s");
		const char *a = ask(p, ndue ? "Choose a course by number, r to review, q to quit: "
					    : "Choose a course by number, q to quit: ");
		size_t i;
		if (!a || !strcmp(a, "q"))
			return GO_QUIT;
		if (!strcmp(a, "r") && review(p) == GO_QUIT)
			return GO_QUIT;
		if (!strcmp(a, "r") || !pick(p, a, cat->n, &i))
			continue;
		if (course_menu(p, cat->courses[i]) == GO_QUIT)
			return GO_QUIT;
	}
}

int plain_run(struct session *s, FILE *in, FILE *out, const char *course_id,
	      const char *lesson_id, int do_review)
{
	struct plain p = { .s = s, .in = in, .out = out };
	int status = 0;
	show_warning(&p);
	notice(&p);
	const struct course *c = course_id ? catalog_find(&s->cat, course_id) : NULL;
	const struct lesson *l = c && lesson_id ? course_lesson(c, lesson_id) : NULL;
	if ((course_id && !c) || (lesson_id && !l)) {
		status = 1;
	} else if (do_review) {
		review(&p);
	} else if (l) {
		if (run_lessons(&p, c, (size_t)(l - c->lessons)) != GO_QUIT)
			main_menu(&p);
	} else if (c) {
		if (course_menu(&p, c) != GO_QUIT)
			main_menu(&p);
	} else {
		main_menu(&p);
	}
	free(p.line);
	fflush(out);
	return status;
}
