/* flow.c - the learner's path through notice, menus, quizzes and reviews,
 * and the sentences that describe it. */
#include "core/flow.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct flow_item {
	const struct course *course;
	const struct lesson *lesson;
	size_t q;			/* index in the lesson's quiz */
	size_t order[FLOW_SLOTS];	/* slot -> choice index */
	choice_set picked;		/* by choice index */
	bool answered, correct;
};

struct flow {
	struct session *s;
	enum flow_mode mode;
	struct flow_item *items;
	size_t n, cur;
	bool done;
	uint64_t run;		/* the quiz run's id in the journal, 0 before its first answer */
};

static const char notice_text[] = N_(
	"rollwise teaches general facts about at-home microneedling with derma "
	"rollers: how to do it more safely, who should not do it, and how to look "
	"after your skin afterwards.\n\n"
	"*This is education, not medical advice.* It cannot tell whether rolling "
	"is safe for you. For advice about your own skin, see a doctor or a "
	"dermatologist.\n\n"
	"Every lesson names its sources, so you can look them up.\n\n"
	"This notice is shown once.");

const char *flow_notice_text(void)
{
	/* The text is page markup: *emphasis*, blank lines between paragraphs. */
	return _(notice_text);
}

bool flow_notice_due(const struct session *s)
{
	return !session_notice_seen(s);
}

void flow_notice_read(struct session *s)
{
	if (!session_notice_seen(s))
		session_notice_done(s);
}

bool flow_continue(const struct session *s, struct flow_place *out)
{
	const struct place *pl = progress_last_place(s->prog);
	if (!pl)
		return false;
	const struct course *c = catalog_find(&s->cat, pl->course);
	const struct lesson *l = c ? course_lesson(c, pl->lesson) : NULL;
	if (!l || l->npages == 0)
		return false;
	out->course = c;
	out->lesson = l;
	out->page = pl->page < l->npages ? pl->page : l->npages - 1;
	return true;
}

char *flow_continue_text(const struct flow_place *p)
{
	return xasprintf(_("Continue: %s / %s, page %zu of %zu"), p->course->title,
			 p->lesson->title, p->page + 1, p->lesson->npages);
}

char *flow_bad_files_text(const struct session *s)
{
	if (s->bad_files == 0)
		return NULL;
	return xasprintf(ngettext("%zu course file could not be read: run 'rollwise check'.",
				  "%zu course files could not be read: run 'rollwise check'.",
				  s->bad_files), s->bad_files);
}

const char *flow_no_page_text(void)
{
	return _("This question names no page to re-read.");
}

const char *flow_no_courses_text(void)
{
	return _("No courses were found. Put course files in "
		 "~/.local/share/rollwise/lessons, or start rollwise with --lessons DIR.");
}

size_t flow_due_count(const struct session *s)
{
	struct due_item *due = NULL;
	size_t n = session_due(s, &due);
	free(due);
	return n;
}

char *flow_waiting_text(long pid)
{
	/* within 80 columns, with a pid of 7 digits */
	return pid > 0 ? xasprintf(_("Waiting for another rollwise of yours (pid %ld) to "
				     "save... (Ctrl-C stops)"), pid)
		       : xstrdup(_("Waiting for another rollwise of yours to save... "
				   "(Ctrl-C stops waiting)"));
}

const char *flow_stopped_text(bool all_saved)
{
	return all_saved ? _("Stopped. Your progress is saved.")
			 : _("Stopped. Your last change was not saved.");
}

const char *flow_nothing_due_text(void)
{
	return _("Nothing is due for review now. Missed questions come back the next day.");
}

char *flow_menu_summary(const struct session *s)
{
	size_t lessons = 0, passed = 0;
	for (size_t i = 0; i < s->cat.n; i++) {
		lessons += s->cat.courses[i]->nlessons;
		passed += progress_course_passed(s->prog, s->cat.courses[i]);
	}
	size_t due = flow_due_count(s);
	/* TRANSLATORS: "3 of 12 lessons passed."; the number of lessons decides the form. */
	char *out = xasprintf(ngettext("%zu of %zu lesson passed.", "%zu of %zu lessons passed.",
				       lessons), passed, lessons);
	if (!due)
		return out;
	/* TRANSLATORS: follows "3 of 12 lessons passed." */
	char *more = xasprintf(ngettext("%s Review: %zu question due.",
					"%s Review: %zu questions due.", due), out, due);
	free(out);
	return more;
}

char *flow_course_status(const struct session *s, const struct course *c)
{
	return xasprintf(ngettext("%zu lesson, %zu passed%s%s", "%zu lessons, %zu passed%s%s",
				  c->nlessons), c->nlessons, progress_course_passed(s->prog, c),
			 c->replaces ? "; " : "", c->replaces ? flow_replaces_text() : "");
}

const char *flow_replaces_text(void)
{
	return _("replaces the bundled course");
}

char *flow_trust_why(const struct untrusted *u)
{
	const char *w = (u->why & TRUST_OTHERS) ? _("writable by everyone")
		      : (u->why & TRUST_GROUP) ? _("writable by its group") : NULL;
	if (!(u->why & TRUST_OWNER))
		return xstrdup(w ? w : "");
	return xasprintf(_("%s%sowned by another user, uid %lu"), w ? w : "", w ? ", " : "",
			 u->owner);
}

const struct lesson *flow_next_lesson(const struct course *c, const struct lesson *l)
{
	size_t i = (size_t)(l - c->lessons);
	return i + 1 < c->nlessons ? &c->lessons[i + 1] : NULL;
}

const char *flow_last_lesson_text(void)
{
	return _("That was the last lesson of this course.");
}

bool flow_quiz_interrupted(const struct session *s, const struct course *c,
			   const struct lesson *l)
{
	struct lesson_status st;
	session_status(s, c, l, &st);
	const struct progress *p = s->prog;
	for (size_t i = 0; i < p->nquestions; i++) {
		const struct question_progress *qp = &p->questions[i];
		if (qp->nanswers == 0 || strcmp(qp->course, c->id) || strcmp(qp->lesson, l->id))
			continue;
		if (qp->answers[qp->nanswers - 1].st.at > st.last_attempt)
			return true;
	}
	return false;
}

const char *flow_restart_text(void)
{
	return _("The quiz starts again from the first question. Answers you gave "
		 "before are kept for review.");
}

/* The slot order of question q of l, as a quiz seeded with seed shows it. */
static void item_order(struct flow_item *it, unsigned seed)
{
	struct quiz_run r;
	quiz_run_init(&r, it->lesson, seed);
	for (size_t k = 0; k < FLOW_SLOTS; k++)
		it->order[k] = r.order[it->q][k];
	quiz_run_free(&r);
}

static struct flow *flow_new(struct session *s, enum flow_mode mode, size_t n)
{
	struct flow *f = xcalloc(1, sizeof *f);
	f->s = s;
	f->mode = mode;
	f->n = n;
	f->items = xcalloc(n ? n : 1, sizeof *f->items);
	return f;
}

struct flow *flow_quiz(struct session *s, const struct course *c, const struct lesson *l)
{
	struct flow *f = flow_new(s, FLOW_QUIZ, l->quiz.nquestions);
	struct quiz_run r;
	quiz_run_init(&r, l, s->seed++);
	for (size_t i = 0; i < f->n; i++) {
		struct flow_item *it = &f->items[i];
		*it = (struct flow_item){ .course = c, .lesson = l, .q = i };
		for (size_t k = 0; k < FLOW_SLOTS; k++)
			it->order[k] = r.order[i][k];
	}
	quiz_run_free(&r);
	f->done = f->n == 0;
	return f;
}

struct flow *flow_review(struct session *s)
{
	struct due_item *due = NULL;
	size_t n = session_due(s, &due);
	if (n == 0) {
		free(due);
		return NULL;
	}
	struct flow *f = flow_new(s, FLOW_REVIEW, n);
	for (size_t i = 0; i < n; i++) {
		struct flow_item *it = &f->items[i];
		*it = (struct flow_item){
			.course = due[i].course, .lesson = due[i].lesson,
			.q = (size_t)(due[i].question - due[i].lesson->quiz.questions),
		};
		item_order(it, s->seed++);
	}
	free(due);
	return f;
}

void flow_free(struct flow *f)
{
	if (!f)
		return;
	free(f->items);
	free(f);
}

static const struct flow_item *cur(const struct flow *f)
{
	return &f->items[f->cur < f->n ? f->cur : f->n - 1];
}

enum flow_mode flow_mode(const struct flow *f) { return f->mode; }
const struct course *flow_course(const struct flow *f) { return cur(f)->course; }
const struct lesson *flow_lesson(const struct flow *f) { return cur(f)->lesson; }
size_t flow_pos(const struct flow *f) { return f->cur < f->n ? f->cur : f->n - 1; }
size_t flow_count(const struct flow *f) { return f->n; }
bool flow_answered(const struct flow *f) { return cur(f)->answered; }
bool flow_done(const struct flow *f) { return f->done; }

const struct question *flow_question(const struct flow *f)
{
	const struct flow_item *it = cur(f);
	return &it->lesson->quiz.questions[it->q];
}

const char *flow_choice(const struct flow *f, size_t k)
{
	return flow_question(f)->choices[cur(f)->order[k]].text;
}

char *flow_position_text(const struct flow *f)
{
	return xasprintf(f->mode == FLOW_REVIEW ? _("Review question %zu of %zu")
						: _("Question %zu of %zu"),
			 flow_pos(f) + 1, f->n);
}

const char *flow_kind_text(const struct question *q)
{
	switch (q->kind) {
	case KIND_MULTIPLE: return _("choose all that apply");
	case KIND_TRUE_FALSE: return _("true or false");
	default: return _("choose one");
	}
}

int flow_answer(struct flow *f, unsigned slots)
{
	if (f->done)
		return -1;
	struct flow_item *it = &f->items[f->cur];
	const struct question *q = flow_question(f);
	if (it->answered || slots == 0 || slots >> q->nchoices)
		return -1;
	if (q->kind != KIND_MULTIPLE && (slots & (slots - 1)))
		return -1;
	choice_set picked = 0;
	for (size_t k = 0; k < q->nchoices; k++)
		if ((slots >> k) & 1)
			picked |= 1u << it->order[k];
	it->picked = picked;
	it->answered = true;
	it->correct = quiz_is_correct(q, picked);
	session_answer(f->s, it->course, it->lesson, q, picked, it->correct,
		       f->mode == FLOW_REVIEW ? NULL : &f->run);
	return 0;
}

/* The page a question sends the learner back to: its review page, the
 * only page of a one-page lesson, or NULL. */
static const struct page *review_page(const struct lesson *l, const struct question *q)
{
	if (!q->review)
		return l->npages == 1 ? &l->pages[0] : NULL;
	return q->review_page < l->npages ? &l->pages[q->review_page] : NULL;
}

void flow_verdict(const struct flow *f, struct flow_verdict *v)
{
	const struct flow_item *it = cur(f);
	const struct question *q = flow_question(f);
	*v = (struct flow_verdict){ .right = it->correct, .explanation = q->explanation,
				    .critical = q->critical };
	v->page = review_page(it->lesson, q);
	v->page_index = v->page ? (size_t)(v->page - it->lesson->pages) : 0;
	for (size_t k = 0; k < q->nchoices && k < FLOW_SLOTS; k++) {
		const struct choice *c = &q->choices[it->order[k]];
		bool picked = (it->picked >> it->order[k]) & 1;
		v->tag[k] = picked ? (c->correct ? TAG_PICKED_RIGHT : TAG_PICKED_WRONG)
				   : (c->correct ? TAG_MISSED_RIGHT : TAG_NONE);
		v->feedback[k] = picked ? c->feedback : NULL;
	}
}

/* The short name of a citation: its first part, with its year when the
 * first part does not hold one. */
static char *short_cite(const char *cite)
{
	size_t n = strcspn(cite, ",");
	const char *year = NULL;
	for (const char *p = cite; *p; p++)
		if (p[0] >= '1' && p[0] <= '2' && strspn(p, "0123456789") == 4 &&
		    (p == cite || p[-1] < '0' || p[-1] > '9'))
			year = p;
	if (year && (size_t)(year - cite) >= n)
		return xasprintf("%.*s %.4s", (int)n, cite, year);
	return xstrndup(cite, n);
}

char *flow_sources_short(const struct course *c, const struct source_refs *refs)
{
	if (refs->n == 0)
		return NULL;
	char *out = xstrdup(_("Sources:"));
	for (size_t i = 0; i < refs->n; i++) {
		const struct source *src = course_source(c, refs->ids[i]);
		char *name = short_cite(src ? src->cite : refs->ids[i]);
		char *more = xasprintf("%s %s%s", out, name, i + 1 < refs->n ? ";" : ".");
		free(out);
		free(name);
		out = more;
	}
	return out;
}

const char *flow_verdict_text(const struct flow_verdict *v)
{
	return v->right ? _("Right.") : _("Not right.");
}

const char *flow_tag_text(enum flow_tag tag)
{
	switch (tag) {
	case TAG_PICKED_RIGHT: return _(" (your answer, right)");
	case TAG_PICKED_WRONG: return _(" (your answer)");
	case TAG_MISSED_RIGHT: return _(" (the right answer)");
	default: return "";
	}
}

char *flow_feedback_text(const struct flow_verdict *v, size_t k)
{
	return v->feedback[k] ? xasprintf(_("About choice %zu: %s"), k + 1, v->feedback[k]) : NULL;
}

char *flow_explanation_text(const struct flow_verdict *v)
{
	return v->explanation ? xasprintf(_("Why: %s"), v->explanation) : NULL;
}

char *flow_reread_text(const struct flow_verdict *v)
{
	if (v->right)
		return NULL;
	if (!v->page)
		return xstrdup(flow_no_page_text());
	return xasprintf(v->critical ? _("This is a safety point. Re-read the page \"%s\" (page %zu).")
				     : _("Re-read the page \"%s\" (page %zu)."),
			 v->page->title, v->page_index + 1);
}

static int score_of(size_t right, size_t total)
{
	return total ? (int)(right * 100 / total) : 0;
}

static void record_attempt(struct flow *f)
{
	size_t right = 0;
	for (size_t i = 0; i < f->n; i++)
		right += f->items[i].correct;
	const struct flow_item *it = &f->items[0];
	int score = score_of(right, f->n);
	session_attempt(f->s, it->course, it->lesson, score, score >= it->lesson->quiz.pass,
			f->run);
}

bool flow_next(struct flow *f)
{
	if (f->done)
		return false;
	if (f->cur + 1 < f->n) {
		f->cur++;
		return true;
	}
	f->done = true;
	if (f->mode == FLOW_QUIZ && f->n > 0)
		record_attempt(f);
	return false;
}

void flow_summarize(const struct flow *f, struct flow_summary *out)
{
	*out = (struct flow_summary){ .mode = f->mode, .total = f->n };
	out->missed = xcalloc(f->n ? f->n : 1, sizeof *out->missed);
	for (size_t i = 0; i < f->n; i++) {
		const struct flow_item *it = &f->items[i];
		out->answered += it->answered;
		out->right += it->correct;
		if (!it->answered || it->correct)
			continue;
		const struct question *q = &it->lesson->quiz.questions[it->q];
		struct flow_missed *m = &out->missed[out->nmissed++];
		*m = (struct flow_missed){ .course = it->course, .lesson = it->lesson,
					   .question = q, .page = review_page(it->lesson, q) };
		m->page_index = m->page ? (size_t)(m->page - it->lesson->pages) : 0;
	}
	out->score = score_of(out->right, f->n);
	if (f->n > 0 && f->mode == FLOW_QUIZ) {
		out->pass = f->items[0].lesson->quiz.pass;
		out->passed = out->score >= out->pass;
	}
}

void flow_summary_free(struct flow_summary *sum)
{
	free(sum->missed);
	sum->missed = NULL;
	sum->nmissed = 0;
}

char *flow_score_text(const struct flow_summary *sum)
{
	if (sum->mode == FLOW_REVIEW)
		return xasprintf(ngettext("You answered %zu of %zu review question right.",
					  "You answered %zu of %zu review questions right.",
					  sum->answered), sum->right, sum->answered);
	return xasprintf(_("You scored %zu of %zu (%d%%). The pass mark is %d%%."),
			 sum->right, sum->total, sum->score, sum->pass);
}

const char *flow_verdict_line(const struct flow_summary *sum)
{
	if (sum->mode == FLOW_REVIEW)
		return _("Questions you got right come back later (3, 7, 14, then 30 days); "
			 "missed ones come back the next day.");
	if (sum->passed)
		return sum->nmissed ? _("Passed.") : _("Passed. You answered every question right.");
	return _("Not passed yet: re-read the pages below, then retry.");
}

char *flow_missed_text(const struct flow_missed *m)
{
	const char *safety = m->question->critical ? _("safety point, ") : "";
	if (!m->page)
		return xasprintf(_("%sno page named to re-read"), safety);
	return xasprintf(_("%sre-read page %zu: %s"), safety, m->page_index + 1, m->page->title);
}

void flow_lines_free(struct flow_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	*l = (struct flow_lines){ 0 };
}

/* Appends a line, taking s. */
static void line_add(struct flow_lines *l, char *s, enum flow_style style,
		     int indent, int item)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct flow_line){ s, style, 0, indent, item };
}

/* The note on the paths other users can change that were loaded (or not):
 * the first named, the others counted. */
static void untrusted_note(const struct catalog *cat, bool loaded, struct flow_lines *out)
{
	const struct untrusted *u = NULL;
	size_t n = 0;
	for (size_t i = 0; i < cat->nuntrusted; i++)
		if (cat->untrusted[i].loaded == loaded && n++ == 0)
			u = &cat->untrusted[i];
	if (!u)
		return;
	char *why = flow_trust_why(u);
	char *more = n > 1 ? xasprintf(ngettext(" %zu more like it: see 'rollwise check'.",
						" %zu more like it: see 'rollwise check'.",
						n - 1), n - 1)
			   : xstrdup("");
	line_add(out, loaded ? xasprintf(_("Loaded only because --lessons names it, though "
					   "other users can change it (%s): %s.%s"),
					 why, u->path, more)
			     : xasprintf(_("Not loaded, as other users can change it (%s): "
					   "%s. Make it yours and writable only by you.%s"),
					 why, u->path, more),
		 STYLE_STRONG, 0, -1);
	free(more);
	free(why);
}

void flow_catalog_notes(const struct catalog *cat, struct flow_lines *out)
{
	untrusted_note(cat, false, out);
	untrusted_note(cat, true, out);
	if (cat->capped)
		line_add(out, xasprintf(_("Not loaded: %s and the course files after it. "
					  "rollwise loads at most %d MiB of courses."),
					cat->capped, CATALOG_MAX_BYTES / (1024 * 1024)),
			 STYLE_STRONG, 0, -1);
}

void flow_choice_lines(const struct flow *f, unsigned marks, bool boxes,
		       struct flow_lines *out)
{
	const struct question *q = flow_question(f);
	struct flow_verdict v;
	bool done = flow_answered(f), many = q->kind == KIND_MULTIPLE;
	if (done)
		flow_verdict(f, &v);
	for (size_t k = 0; k < q->nchoices && k < FLOW_SLOTS; k++) {
		enum flow_tag tag = done ? v.tag[k] : TAG_NONE;
		bool marked = done ? tag == TAG_PICKED_RIGHT || tag == TAG_PICKED_WRONG
				   : (marks >> k) & 1;
		const char *box = !boxes ? "" : many ? (marked ? "[x] " : "[ ] ")
						     : (marked ? "(*) " : "( ) ");
		bool right = tag == TAG_PICKED_RIGHT || tag == TAG_MISSED_RIGHT;
		line_add(out, xasprintf("%zu. %s%s%s", k + 1, box, flow_choice(f, k),
					flow_tag_text(tag)),
			 right ? STYLE_RIGHT : STYLE_TEXT, boxes ? 7 : 3, done ? -1 : (int)k);
	}
}

/* "2. False", or "1. Two; 3. Four": the right choices by their slots. */
static char *right_answer(const struct flow *f, const struct flow_verdict *v)
{
	char *out = NULL;
	size_t n = 0;
	for (size_t k = 0; k < flow_question(f)->nchoices && k < FLOW_SLOTS; k++) {
		if (v->tag[k] != TAG_PICKED_RIGHT && v->tag[k] != TAG_MISSED_RIGHT)
			continue;
		char *more = xasprintf("%s%s%zu. %s", out ? out : "", out ? "; " : "",
				       k + 1, flow_choice(f, k));
		free(out);
		out = more;
		n++;
	}
	char *s = xasprintf("%s %s", ngettext("The right answer:", "The right answers:", n),
			    out ? out : "");
	free(out);
	return s;
}

void flow_verdict_lines(const struct flow *f, struct flow_lines *out)
{
	struct flow_verdict v;
	flow_verdict(f, &v);
	line_add(out, xstrdup(flow_verdict_text(&v)), STYLE_VERDICT, 0, -1);
	char *s = flow_reread_text(&v);
	if (s)
		line_add(out, s, STYLE_STRONG, 0, -1);
	if (!v.right)
		line_add(out, right_answer(f, &v), STYLE_TEXT, 3, -1);
	for (size_t k = 0; k < flow_question(f)->nchoices && k < FLOW_SLOTS; k++)
		if ((s = flow_feedback_text(&v, k)))
			line_add(out, s, STYLE_TEXT, 2, -1);
	if ((s = flow_explanation_text(&v)))
		line_add(out, s, STYLE_TEXT, 0, -1);
}

void flow_summary_lines(const struct flow_summary *sum, struct flow_lines *out)
{
	line_add(out, flow_score_text(sum), STYLE_STRONG, 0, -1);
	line_add(out, xstrdup(flow_verdict_line(sum)),
		 sum->mode == FLOW_QUIZ ? STYLE_VERDICT : STYLE_TEXT, 0, -1);
	if (sum->nmissed == 0)
		return;
	line_add(out, xstrdup(_("Questions to look at again:")), STYLE_STRONG, 0, -1);
	for (size_t i = 0; i < sum->nmissed; i++) {
		const struct flow_missed *m = &sum->missed[i];
		line_add(out, xasprintf("%zu. %s", i + 1, m->question->prompt),
			 STYLE_TEXT, 3, (int)i);
		line_add(out, flow_missed_text(m), STYLE_DIM, 3, (int)i);
		out->v[out->n - 1].first = 3;
	}
}

/* The next word of s (up to a space or comma) into w; returns what follows. */
static const char *word(const char *s, char w[16])
{
	while (*s == ' ' || *s == ',' || *s == '\t')
		s++;
	size_t n = 0;
	while (*s && *s != ' ' && *s != ',' && *s != '\t') {
		if (n < 15)
			w[n++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
		s++;
	}
	w[n] = '\0';
	return s;
}

const char *flow_parse_answer(const struct question *q, const char *text,
			      unsigned *slots)
{
	char w[16];
	size_t count = 0;
	*slots = 0;
	for (const char *s = word(text, w); *w; s = word(s, w), count++) {
		bool t = !strcmp(w, "t") || !strcmp(w, "true");
		bool fl = !strcmp(w, "f") || !strcmp(w, "false");
		char *end;
		unsigned long v = strtoul(w, &end, 10);
		if ((t || fl) && q->kind != KIND_TRUE_FALSE)
			return _("This is not a true-false question: type a number.");
		if (t || fl)
			v = t ? 1 : 2;
		else if (*end || end == w || v < 1 || v > q->nchoices)
			return q->kind == KIND_MULTIPLE ? _("Type the numbers of your answers, like 1 3.")
							: _("Type the number of your answer.");
		*slots |= 1u << (v - 1);
	}
	if (count == 0)
		return _("Type the number of your answer.");
	if (count > 1 && q->kind != KIND_MULTIPLE)
		return _("Type one number.");
	return NULL;
}
