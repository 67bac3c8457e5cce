/* result.c - the quiz result (score, pass or not, what to re-read) and the
 * end of a review. */
#include "tui/tui.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>

/* The i-th missed question's index in the quiz, or -1. */
static int missed_at(const struct tui_state *t, size_t i)
{
	size_t k = 0;
	for (size_t q = 0; q < t->lesson->quiz.nquestions; q++)
		if (!t->run.correct[q] && k++ == i)
			return (int)q;
	return -1;
}

static void draw_review_end(struct tui_state *t)
{
	int w = tui_width(t);
	tui_title(t, "Review finished", NULL);
	char *s = xasprintf("You answered %zu of %zu review questions right.",
			    t->due_right, t->ndue);
	tui_put(2, 1, s, w, A_BOLD);
	free(s);
	struct text x = { 0 };
	text_wrap(&x, "Questions you got right move to a later review (3, 7, 14, "
		      "then 30 days); missed ones come back tomorrow.", w, 0, 0);
	for (size_t i = 0; i < x.n && 4 + (int)i < t->rows - 2; i++)
		tui_put(4 + (int)i, 1, x.lines[i].text, w, 0);
	text_free(&x);
}

static void result_draw(struct tui_state *t)
{
	if (t->due) {
		draw_review_end(t);
		return;
	}
	int w = tui_width(t);
	const struct quiz *z = &t->lesson->quiz;
	char *left = xasprintf("Result: %s", t->lesson->title);
	tui_title(t, left, NULL);
	free(left);
	size_t right = z->nquestions - quiz_missed(&t->run);
	char *s = xasprintf("You scored %zu of %zu (%d%%). The pass mark is %d%%.",
			    right, z->nquestions, quiz_score(&t->run), z->pass);
	tui_put(2, 1, s, w, 0);
	free(s);
	bool passed = quiz_passed(&t->run);
	tui_put(3, 1, passed ? "Passed." : "Not passed yet: read the pages below again and retry.",
		w, A_BOLD | A_REVERSE);
	if (quiz_missed(&t->run) == 0) {
		tui_put(5, 1, "You answered every question right.", w, 0);
		return;
	}
	tui_put(5, 1, "Questions to look at again (Enter opens the page to re-read):", w, A_BOLD);
	int y = 7;
	for (size_t i = 0; missed_at(t, i) >= 0 && y + 1 < t->rows - 2; i++, y += 2) {
		const struct question *q = &z->questions[missed_at(t, i)];
		bool sel = i == t->result_sel;
		tui_put(y, 1, sel ? ">" : " ", 1, A_BOLD);
		tui_put(y, 3, q->prompt, w - 3, sel ? A_REVERSE : 0);
		char *p = xasprintf("%sre-read: %s", q->critical ? "safety point, " : "",
				    q->review ? t->lesson->pages[q->review_page].title
					      : t->lesson->pages[0].title);
		tui_put(y + 1, 5, p, w - 5, A_DIM);
		free(p);
	}
}

static void next_lesson(struct tui_state *t)
{
	size_t i = (size_t)(t->lesson - t->course->lessons);
	quiz_run_free(&t->run);
	t->in_quiz = false;
	if (i + 1 < t->course->nlessons) {
		t->lesson_sel = i + 1;
		reader_open(t, &t->course->lessons[i + 1],
			    session_resume_page(t->s, t->course, &t->course->lessons[i + 1]));
	} else {
		tui_say(t, "That was the last lesson of this course.");
		tui_go(t, SCR_LESSONS);
	}
}

static void result_key(struct tui_state *t, int ch)
{
	if (t->due) {
		free(t->due);
		t->due = NULL;
		tui_go(t, SCR_MENU);
		return;
	}
	int sel = missed_at(t, t->result_sel);
	if ((ch == KEY_DOWN || ch == 'j') && missed_at(t, t->result_sel + 1) >= 0) {
		t->result_sel++;
	} else if ((ch == KEY_UP || ch == 'k') && t->result_sel > 0) {
		t->result_sel--;
	} else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && sel >= 0) {
		const struct question *q = &t->lesson->quiz.questions[sel];
		quiz_run_free(&t->run);
		t->in_quiz = false;
		reader_open(t, t->lesson, q->review ? q->review_page : 0);
	} else if (ch == 'n' || ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && sel < 0)) {
		next_lesson(t);
	} else if (ch == 'r') {
		question_start(t);
	} else if (ch == 'q' || ch == 27) {
		quiz_run_free(&t->run);
		t->in_quiz = false;
		tui_go(t, SCR_LESSONS);
	}
}

static const struct keyhelp result_help[] = {
	{ "Up/Down", "choose a missed question" },
	{ "Enter", "re-read the page of the chosen question (next lesson when none was missed)" },
	{ "n", "next lesson" },
	{ "r", "retry the quiz" },
	{ "q, Esc", "back to the lessons" },
	{ NULL, NULL },
};

const struct screen result_screen = {
	result_draw, result_key,
	"Enter: re-read  n: next lesson  r: retry quiz  q: back  ?: help", result_help,
};
