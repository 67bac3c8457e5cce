/* session.c - the courses and the learner's progress for one run, saved
 * after every action. */
#include "core/session.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/xalloc.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Keeps the first problem for the learner; later ones until it is shown
 * add nothing new (one line at a time is all a screen shows). */
static void warn(struct session *s, char *msg)
{
	if (!msg)
		return;
	if (s->warning)
		free(msg);
	else
		s->warning = msg;
}

static void seed_init(struct session *s)
{
	const char *env = getenv("ROLLWISE_SEED");
	if (env && *env)
		s->seed = (unsigned)strtoul(env, NULL, 10);
	else
		s->seed = (unsigned)time(NULL) ^ (unsigned)getpid();
}

/* For pruning: whether a course, lesson or question is in the catalog. */
static bool known(void *ctx, const char *course, const char *lesson, const char *question)
{
	const struct session *s = ctx;
	const struct course *c = catalog_find(&s->cat, course);
	const struct lesson *l = c && lesson ? course_lesson(c, lesson) : NULL;
	if (!c || !lesson)
		return c != NULL;
	if (!l || !question)
		return l != NULL;
	for (size_t i = 0; i < l->quiz.nquestions; i++)
		if (l->quiz.questions[i].id && !strcmp(l->quiz.questions[i].id, question))
			return true;
	return false;
}

void session_open(struct session *s, char *const *extra, size_t nextra,
		  char *const *langs, size_t nlangs)
{
	*s = (struct session){ 0 };
	seed_init(s);
	char *err = NULL, *notice = NULL;
	if (store_open(NULL, &s->store, &err) != 0) {
		warn(s, xasprintf(_("Progress will not be saved: %s"), err));
		free(err);
		s->store = NULL;
	}
	struct search_path sp;
	struct diags d = { 0 };
	search_path_init(&sp, extra, nextra);
	sp.langs = langs;
	sp.nlangs = nlangs;
	/* The courses parsed last time, kept beside the progress. */
	struct cache *cache = s->store ? cache_open(store_dirfd(s->store)) : NULL;
	sp.cache = cache;
	catalog_load(&s->cat, &sp, &d);
	search_path_free(&sp);
	/* Count files, not messages: one broken file can report many. */
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].level == DIAG_ERROR &&
		    (i == 0 || strcmp(d.v[i].path, d.v[i - 1].path) != 0))
			s->bad_files++;
	diag_free(&d);
	if (!s->store) {
		s->prog = progress_new();
		return;
	}
	s->prog = store_load(s->store, &notice);
	warn(s, notice);
	const char *ro = store_readonly(s->store);
	/* A folder that is read-only, or a newer rollwise's, is not written. */
	cache_close(cache, !ro);
	if (ro)
		warn(s, xasprintf(_("Your progress is shown, but nothing new will be saved: %s."),
				  ro));
	/* a course with an error, in a folder left out as untrusted or past the
	 * size cap looks gone: prune only when every course file loaded */
	if (s->bad_files == 0 && s->cat.n > 0 && s->cat.nuntrusted == 0 && !s->cat.capped)
		store_set_known(s->store, known, s);
}

void session_close(struct session *s)
{
	store_close(s->store);
	progress_free(s->prog);
	catalog_free(&s->cat);
	free(s->warning);
	*s = (struct session){ 0 };
}

char *session_take_warning(struct session *s)
{
	char *w = s->warning;
	s->warning = NULL;
	return w;
}

static void save(struct session *s)
{
	if (!s->store)
		return;
	char *err = NULL, *notice = NULL;
	/* A Ctrl-Z while the lock is held would stall the learner's other
	 * sessions until fg: hold job-control stops until the save is done. */
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTSTP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	int rc = store_save(s->store, s->prog, &err, &notice);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		warn(s, xasprintf(_("Could not save progress: %s"), err));
		free(err);
	}
	warn(s, notice);
}

bool session_notice_seen(const struct session *s)
{
	return s->prog->notice_seen;
}

void session_notice_done(struct session *s)
{
	progress_notice_seen(s->prog);
	save(s);
}

void session_flush(struct session *s)
{
	store_flush(s->store);
}

bool session_unsynced(const struct session *s)
{
	return store_unsynced(s->store);
}

int session_sync_fd(const struct session *s)
{
	return store_fd(s->store);
}

bool session_all_saved(const struct session *s)
{
	size_t n;
	progress_unsaved(s->prog, &n);
	return s->store && n == 0;
}

void session_visit(struct session *s, const struct course *c,
		   const struct lesson *l, size_t page)
{
	if (progress_visit(s->prog, c->id, l->id, page, time(NULL)) == 0)
		save(s);
}

void session_answer(struct session *s, const struct course *c, const struct lesson *l,
		    const struct question *q, unsigned picked, bool correct, uint64_t *run)
{
	char hash[17];
	lesson_hash(l, hash);
	struct given g = { c->id, l->id, q->id, c->version, hash,
			   !run ? 0 : *run ? *run : RUN_NEW };
	uint64_t seq = progress_answer(s->prog, &g, picked, correct, time(NULL));
	if (seq == 0)
		return;
	if (run && !*run)
		*run = seq;
	save(s);
}

void session_attempt(struct session *s, const struct course *c, const struct lesson *l,
		     int score, bool passed, uint64_t run)
{
	char hash[17];
	lesson_hash(l, hash);
	struct given g = { c->id, l->id, NULL, c->version, hash, run };
	if (progress_attempt(s->prog, &g, score, passed, time(NULL)) == 0)
		save(s);
}

void session_status(const struct session *s, const struct course *c,
		    const struct lesson *l, struct lesson_status *out)
{
	progress_lesson_status(s->prog, c, l, out);
}

char *session_status_text(const struct session *s, const struct course *c,
			  const struct lesson *l)
{
	struct lesson_status st;
	progress_lesson_status(s->prog, c, l, &st);
	switch (st.state) {
	case LESSON_IN_PROGRESS:
		return xasprintf(_("in progress, page %zu of %zu"), st.page + 1, l->npages);
	case LESSON_PASSED:
		return st.updated ? xasprintf(_("updated since you passed with %d%%"), st.best)
				  : xasprintf(_("passed, best %d%%"), st.best);
	case LESSON_NOT_PASSED:
		return xasprintf(_("not passed, best %d%%"), st.best);
	default:
		return xstrdup(_("not started"));
	}
}

size_t session_next_lesson(const struct session *s, const struct course *c)
{
	for (size_t i = 0; i < c->nlessons; i++) {
		struct lesson_status st;
		progress_lesson_status(s->prog, c, &c->lessons[i], &st);
		if (st.state != LESSON_PASSED)
			return i;
	}
	return 0;
}

size_t session_resume_page(const struct session *s, const struct course *c,
			   const struct lesson *l)
{
	struct lesson_status st;
	progress_lesson_status(s->prog, c, l, &st);
	if (st.state == LESSON_IN_PROGRESS && st.page < l->npages)
		return st.page;
	return 0;
}

size_t session_due(const struct session *s, struct due_item **out)
{
	return progress_due(s->prog, &s->cat, time(NULL), out);
}
