/* question.c - asking a quiz question (or a review question) and showing
 * the verdict, the feedback and the explanation. */
#include "tui/tui.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KEY_ESC 27

/* The question screen as rows: each laid-out line with its attribute and
 * the display slot of the choice it belongs to (-1 for none). */
struct view {
	struct text lines;
	int *attr;
	int *slot;
	size_t cap;
	int cursor_row;
};

static void add(struct view *v, const char *s, int attr, int slot, int w,
		int first, int rest)
{
	size_t before = v->lines.n;
	text_wrap(&v->lines, s, w, first, rest);
	if (v->lines.n > v->cap) {
		v->cap = v->lines.n * 2;
		v->attr = xreallocarray(v->attr, v->cap, sizeof *v->attr);
		v->slot = xreallocarray(v->slot, v->cap, sizeof *v->slot);
	}
	for (size_t i = before; i < v->lines.n; i++) {
		v->attr[i] = attr;
		v->slot[i] = slot;
	}
}

static void view_free(struct view *v)
{
	text_free(&v->lines);
	free(v->attr);
	free(v->slot);
}

static const struct question *cur_q(const struct tui_state *t)
{
	return &t->run.lesson->quiz.questions[t->run.cur];
}

static const struct course *cur_course(const struct tui_state *t)
{
	return t->due ? t->due[t->due_cur].course : t->course;
}

static void reset(struct tui_state *t)
{
	t->cursor = 0;
	t->marks = 0;
	t->answered = false;
	t->qscroll = 0;
	t->leaving = false;
}

void question_start(struct tui_state *t)
{
	if (t->in_quiz || t->due)
		quiz_run_free(&t->run);
	free(t->due);
	t->due = NULL;
	quiz_run_init(&t->run, t->lesson, t->s->seed++);
	t->in_quiz = true;
	reset(t);
	tui_go(t, SCR_QUESTION);
}

/* Sets up the run for review item i: its lesson, with cur at its question. */
static void review_item(struct tui_state *t)
{
	const struct due_item *d = &t->due[t->due_cur];
	quiz_run_init(&t->run, d->lesson, t->s->seed++);
	t->run.cur = (size_t)(d->question - d->lesson->quiz.questions);
	reset(t);
}

void question_review(struct tui_state *t)
{
	struct due_item *due = NULL;
	size_t n = session_due(t->s, &due);
	if (n == 0) {
		free(due);
		tui_say(t, "Nothing is due for review now. Missed questions come back "
			   "the next day.");
		return;
	}
	if (t->in_quiz)
		quiz_run_free(&t->run);
	t->in_quiz = false;
	t->due = due;
	t->ndue = n;
	t->due_cur = 0;
	t->due_right = 0;
	review_item(t);
	tui_go(t, SCR_QUESTION);
}

static void add_choices(struct tui_state *t, struct view *v, int w)
{
	const struct question *q = cur_q(t);
	for (size_t k = 0; k < q->nchoices; k++) {
		size_t ci = quiz_choice_at(&t->run, t->run.cur, k);
		const struct choice *c = &q->choices[ci];
		bool marked = t->answered ? (t->run.picked[t->run.cur] >> ci) & 1
					  : (t->marks >> k) & 1;
		const char *box = q->kind == KIND_MULTIPLE ? (marked ? "[x]" : "[ ]")
							   : (marked ? "(*)" : "( )");
		const char *tag = "";
		if (t->answered)
			tag = c->correct ? (marked ? " (your answer, right)" : " (the right answer)")
					 : (marked ? " (your answer)" : "");
		char *s = xasprintf("%zu. %s %s%s", k + 1, box, c->text, tag);
		int attr = (t->answered && c->correct) ? A_BOLD : 0;
		if (!t->answered && k == t->cursor)
			v->cursor_row = (int)v->lines.n;
		add(v, s, attr, (int)k, w - 2, 2, 9);
		free(s);
	}
}

static void add_verdict(struct tui_state *t, struct view *v, int w)
{
	const struct question *q = cur_q(t);
	add(v, "", 0, -1, w, 0, 0);
	add(v, t->was_right ? "Right." : "Not right.", A_BOLD | A_REVERSE, -1, w, 0, 0);
	for (size_t i = 0; i < q->nchoices; i++) {
		if (!((t->run.picked[t->run.cur] >> i) & 1) || !q->choices[i].feedback)
			continue;
		char *s = xasprintf("About choice %zu: %s",
				    quiz_slot_of(&t->run, t->run.cur, i) + 1, q->choices[i].feedback);
		add(v, s, 0, -1, w, 0, 2);
		free(s);
	}
	if (q->explanation) {
		char *s = xasprintf("Why: %s", q->explanation);
		add(v, s, 0, -1, w, 0, 0);
		free(s);
	}
	if (!t->was_right && q->critical && q->review) {
		const struct page *p = &t->run.lesson->pages[q->review_page];
		char *s = xasprintf("This is a safety point. Re-read \"%s\": press r.", p->title);
		add(v, s, A_BOLD, -1, w, 0, 0);
		free(s);
	}
}

static void build(struct tui_state *t, struct view *v)
{
	int w = tui_width(t);
	const struct question *q = cur_q(t);
	v->cursor_row = -1;
	add(v, q->prompt, A_BOLD, -1, w, 0, 0);
	if (q->kind == KIND_MULTIPLE && !t->answered)
		add(v, "Choose every right answer: Space marks, Enter submits.", A_DIM, -1, w, 0, 0);
	add(v, "", 0, -1, w, 0, 0);
	add_choices(t, v, w);
	if (t->answered)
		add_verdict(t, v, w);
}

static int rows_shown(const struct tui_state *t)
{
	return t->rows - 4;
}

static void question_draw(struct tui_state *t)
{
	struct view v = { 0 };
	build(t, &v);
	char *left, *right;
	if (t->due) {
		left = xasprintf("Review: %s", t->run.lesson->title);
		right = xasprintf("question %zu of %zu", t->due_cur + 1, t->ndue);
	} else {
		left = xasprintf("Quiz: %s", t->lesson->title);
		right = xasprintf("question %zu of %zu", t->run.cur + 1,
				  t->lesson->quiz.nquestions);
	}
	tui_title(t, left, right);
	free(left);
	free(right);
	int n = rows_shown(t);
	if (v.cursor_row >= 0 && v.cursor_row < t->qscroll)
		t->qscroll = v.cursor_row;
	if (v.cursor_row >= t->qscroll + n)
		t->qscroll = v.cursor_row - n + 1;
	if (t->qscroll > (int)v.lines.n - n)
		t->qscroll = (int)v.lines.n - n > 0 ? (int)v.lines.n - n : 0;
	for (int i = 0; i < n && t->qscroll + i < (int)v.lines.n; i++) {
		int r = t->qscroll + i;
		int a = v.attr[r];
		if (!t->answered && v.slot[r] == (int)t->cursor)
			a |= A_REVERSE;
		tui_put_line(2 + i, 1, &v.lines.lines[r], a);
		if (r == v.cursor_row)
			tui_put(2 + i, 1, ">", 1, A_BOLD);
	}
	if (t->qscroll + n < (int)v.lines.n)
		tui_put(t->rows - 2, t->cols - 12, "(more: Down)", 12, A_DIM);
	if (t->leaving)
		tui_put(t->rows - 2, 1, "Leave the quiz? Answers so far are kept for review. (y/n)",
			t->cols - 2, A_BOLD);
	view_free(&v);
}

static void submit(struct tui_state *t, choice_set display_marks)
{
	const struct question *q = cur_q(t);
	choice_set picked = 0;
	for (size_t k = 0; k < q->nchoices; k++)
		if ((display_marks >> k) & 1)
			picked |= 1u << quiz_choice_at(&t->run, t->run.cur, k);
	t->was_right = quiz_answer(&t->run, picked);
	t->answered = true;
	t->qscroll = 0;
	if (t->due)
		t->due_right += t->was_right;
	session_answer(t->s, cur_course(t), t->run.lesson, q, t->was_right);
}

static void advance(struct tui_state *t)
{
	if (t->due) {
		quiz_run_free(&t->run);
		if (++t->due_cur < t->ndue) {
			review_item(t);
			return;
		}
		tui_go(t, SCR_RESULT);
		t->in_quiz = false;
		return;
	}
	if (t->run.cur + 1 < t->lesson->quiz.nquestions) {
		t->run.cur++;
		reset(t);
		return;
	}
	session_attempt(t->s, t->course, &t->run);
	t->result_sel = 0;
	tui_go(t, SCR_RESULT);
}

static void leave(struct tui_state *t)
{
	if (t->due) {
		if (t->due_cur < t->ndue)
			quiz_run_free(&t->run);
		free(t->due);
		t->due = NULL;
		tui_go(t, SCR_MENU);
		return;
	}
	quiz_run_free(&t->run);
	t->in_quiz = false;
	tui_go(t, SCR_LESSONS);
}

static void review_page(struct tui_state *t)
{
	const struct question *q = cur_q(t);
	if (!q->review) {
		tui_say(t, "This question names no page to re-read.");
		return;
	}
	const struct page *p = &t->run.lesson->pages[q->review_page];
	tui_overlay(t, p->title, p->text);
}

static void question_sources(struct tui_state *t)
{
	char *body = course_cites(cur_course(t), &cur_q(t)->sources);
	tui_overlay(t, "Sources for this question",
		    body ? body : "This question names no sources.");
	free(body);
}

static bool is_enter(int ch)
{
	return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
}

/* t and f answer a true-false question; digits pick a choice. */
static int slot_for_key(struct tui_state *t, int ch)
{
	const struct question *q = cur_q(t);
	if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < q->nchoices)
		return ch - '1';
	if (q->kind == KIND_TRUE_FALSE && (ch == 't' || ch == 'f'))
		return ch == 't' ? 0 : 1;
	return -1;
}

static void asking_key(struct tui_state *t, int ch)
{
	const struct question *q = cur_q(t);
	int slot = slot_for_key(t, ch);
	if ((ch == KEY_DOWN || ch == 'j') && t->cursor + 1 < q->nchoices) {
		t->cursor++;
	} else if ((ch == KEY_UP || ch == 'k') && t->cursor > 0) {
		t->cursor--;
	} else if (slot >= 0 && q->kind == KIND_MULTIPLE) {
		t->cursor = (size_t)slot;
		t->marks ^= 1u << slot;
	} else if (slot >= 0) {
		t->cursor = (size_t)slot;
		submit(t, 1u << slot);
	} else if (ch == ' ' && q->kind == KIND_MULTIPLE) {
		t->marks ^= 1u << t->cursor;
	} else if ((is_enter(ch) || ch == ' ') && q->kind != KIND_MULTIPLE) {
		submit(t, 1u << t->cursor);
	} else if (is_enter(ch) && t->marks == 0) {
		tui_say(t, "Mark at least one answer with Space, then press Enter.");
	} else if (is_enter(ch)) {
		submit(t, t->marks);
	} else if (ch == 's') {
		question_sources(t);
	}
}

static void question_key(struct tui_state *t, int ch)
{
	if (t->leaving) {
		t->leaving = false;
		if (ch == 'y' || ch == 'Y')
			leave(t);
		return;
	}
	if (ch == 'q' || ch == KEY_ESC) {
		t->leaving = true;
	} else if (!t->answered) {
		asking_key(t, ch);
	} else if (is_enter(ch) || ch == ' ' || ch == 'n' || ch == KEY_RIGHT) {
		advance(t);
	} else if (ch == KEY_DOWN || ch == 'j') {
		t->qscroll++;
	} else if ((ch == KEY_UP || ch == 'k') && t->qscroll > 0) {
		t->qscroll--;
	} else if (ch == 'r') {
		review_page(t);
	} else if (ch == 's') {
		question_sources(t);
	}
}

static const struct keyhelp question_help[] = {
	{ "Up/Down, j/k", "move between the choices" },
	{ "1-9", "pick that choice (multiple: mark or unmark it)" },
	{ "t, f", "True or False, in a true-false question" },
	{ "Enter", "answer with the highlighted choice (multiple: submit your marks)" },
	{ "Space", "mark or unmark a choice (multiple)" },
	{ "Enter, n (after answering)", "next question" },
	{ "r (after answering)", "re-read the page this question is about" },
	{ "s", "the sources for this question" },
	{ "q, Esc", "leave the quiz (asks first)" },
	{ NULL, NULL },
};

const struct screen question_screen = {
	question_draw, question_key,
	"Up/Down: move  1-9: pick  Enter: answer/next  r: re-read  q: leave  ?: help",
	question_help,
};
