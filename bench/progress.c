/* progress.c - figures for the progress journal (make bench): what one save
 * costs, whether a page turn slows down as the history grows, a simulated
 * year of daily use, and the CPU time to load a year's progress.
 *
 *   progress DIR    work in DIR (emptied first); prints key=value lines
 *
 * The year: each day a new session (as a new process would be) opens the
 * store, reads the next lesson of the bundled courses page by page, takes
 * its quiz (about four answers in five right), then answers every review
 * question due (nine in ten right), and closes. */
#include "core/catalog.h"
#include "core/diag.h"
#include "core/journal.h"
#include "core/progress.h"
#include "core/session.h"
#include "core/store.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DAY 86400
#define T0 ((time_t)1795578000)	/* 2026-11-25T03:40:00Z */

static double now_s(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static unsigned rnd(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffff;
}

static struct store *open_store(const char *dir)
{
	struct store *s;
	char *err;
	if (store_open(dir, &s, &err) != 0) {
		fprintf(stderr, "progress: %s\n", err);
		exit(1);
	}
	return s;
}

static struct progress *load(struct store *s)
{
	char *notice = NULL;
	struct progress *p = store_load(s, &notice);
	if (notice)
		fprintf(stderr, "progress: %s\n", notice);
	free(notice);
	return p;
}

static void save(struct store *s, struct progress *p)
{
	char *err = NULL, *notice = NULL;
	if (store_save(s, p, &err, &notice) != 0) {
		fprintf(stderr, "progress: %s\n", err);
		exit(1);
	}
	free(notice);
}

static void empty(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s' && mkdir -p '%s' && chmod 700 '%s'", dir, dir, dir);
	if (system(cmd) != 0)
		exit(1);
	free(cmd);
}

static off_t size_of(const char *dir)
{
	struct stat st;
	char *path = xasprintf("%s/progress.log", dir);
	off_t n = stat(path, &st) == 0 ? st.st_size : 0;
	free(path);
	return n;
}

/* ---- one answer, one page turn ---- */

static void one_save(const char *dir)
{
	empty(dir);
	struct store *s = open_store(dir);
	struct progress *p = load(s);
	progress_visit(p, "home-roller-safety", "needle-length", 0, T0);
	save(s, p);
	struct store_stats a, b;
	off_t before = size_of(dir);
	store_stats(s, &a);
	struct given g = { "home-roller-safety", "needle-length", "longest-home-needle", 2,
			   "0123456789abcdef", RUN_NEW };
	progress_answer(p, &g, 0x1, true, T0 + 60);
	save(s, p);
	store_stats(s, &b);
	printf("answer_bytes=%" PRIu64 " answer_file_growth=%lld answer_writes=%" PRIu64
	       " answer_fsyncs=%" PRIu64 "\n", b.bytes - a.bytes,
	       (long long)(size_of(dir) - before), b.writes - a.writes, b.fsyncs - a.fsyncs);
	progress_free(p);
	store_close(s);
}

/* A history of n answers (as compaction leaves it) in dir, loaded. Ten
 * answers a question, 20 questions a lesson and 10 lessons a course, so the
 * cap of ANSWERS_KEEP a question keeps all n (80k: 8,000 questions in 40
 * courses); *held is how many the load found. */
static struct progress *history(const char *dir, long n, struct store **sp, size_t *held)
{
	empty(dir);
	struct progress *h = progress_new();
	char c[32], l[32], q[32];
	for (long i = 0; i < n; i++) {
		long k = i / 10;
		snprintf(c, sizeof c, "course-%ld", k / 200);
		snprintf(l, sizeof l, "lesson-%ld", k / 20 % 10);
		snprintf(q, sizeof q, "q%ld", k % 20);
		struct given g = { c, l, q, 1, "0123456789abcdef", 0 };
		progress_answer(h, &g, 0x1, i % 5 != 0, T0 + i * 600);
	}
	size_t len;
	char *snap = journal_snapshot(h, &len);
	char *path = xasprintf("%s/progress.log", dir);
	FILE *fp = fopen(path, "w");
	fwrite(snap, 1, len, fp);
	fclose(fp);
	free(path);
	free(snap);
	progress_free(h);
	*sp = open_store(dir);
	struct progress *p = load(*sp);
	*held = 0;
	for (size_t i = 0; i < p->nquestions; i++)
		*held += p->questions[i].nanswers;
	return p;
}

/* The median page turn with each history: the three are taken in turns,
 * 201 rounds, so that a busy moment of the machine falls on all of them
 * alike instead of on whichever was being measured then. */
#define TURNS 201
static void page_turns(const char *dir, const long *sizes, int nsizes, double *ms, size_t *held)
{
	struct store *s[8];
	struct progress *p[8];
	static double v[8][TURNS];
	for (int k = 0; k < nsizes; k++) {
		char *d = xasprintf("%s/history-%ld", dir, sizes[k]);
		p[k] = history(d, sizes[k], &s[k], &held[k]);
		free(d);
	}
	for (int i = 0; i < TURNS; i++)
		for (int k = 0; k < nsizes; k++) {
			double t0 = now_s(CLOCK_MONOTONIC);
			progress_visit(p[k], "course-0", "lesson-0", (size_t)(i % 7),
				       T0 + sizes[k] * 600 + i);
			save(s[k], p[k]);
			v[k][i] = (now_s(CLOCK_MONOTONIC) - t0) * 1000;
		}
	for (int k = 0; k < nsizes; k++) {
		ms[k] = median(v[k], TURNS);
		progress_free(p[k]);
		store_close(s[k]);
	}
}

/* ---- a year ---- */

struct year {
	uint64_t bytes, writes, fsyncs, compactions, answers, pages;
	off_t max_size;
};

static void add_stats(struct year *y, struct store *s)
{
	struct store_stats st;
	store_stats(s, &st);
	y->bytes += st.bytes;
	y->writes += st.writes;
	y->fsyncs += st.fsyncs;
	y->compactions += st.compactions;
}

static void one_day(const char *dir, const struct catalog *cat, int day, unsigned *seed,
		    struct year *y)
{
	size_t nlessons = 0;
	for (size_t i = 0; i < cat->n; i++)
		nlessons += cat->courses[i]->nlessons;
	size_t k = (size_t)day % nlessons;
	const struct course *c = NULL;
	const struct lesson *l = NULL;
	for (size_t i = 0; i < cat->n && !l; i++) {
		if (k < cat->courses[i]->nlessons) {
			c = cat->courses[i];
			l = &c->lessons[k];
		} else {
			k -= cat->courses[i]->nlessons;
		}
	}
	time_t now = T0 + (time_t)day * DAY;
	struct store *s = open_store(dir);
	struct progress *p = load(s);
	char hash[17];
	lesson_hash(l, hash);
	for (size_t i = 0; i < l->npages; i++) {
		progress_visit(p, c->id, l->id, i, now + (time_t)i * 30);
		save(s, p);
		y->pages++;
	}
	now += 600;
	struct given g = { c->id, l->id, NULL, c->version, hash, RUN_NEW };
	size_t right = 0;
	for (size_t i = 0; i < l->quiz.nquestions; i++) {
		bool ok = rnd(seed) % 5 != 0;
		g.question = l->quiz.questions[i].id;
		uint64_t seq = progress_answer(p, &g, ok ? 0x1 : 0x2, ok, now++);
		if (g.run == RUN_NEW)
			g.run = seq;
		right += ok;
		save(s, p);
		y->answers++;
	}
	g.question = NULL;
	int score = l->quiz.nquestions ? (int)(right * 100 / l->quiz.nquestions) : 0;
	progress_attempt(p, &g, score, score >= l->quiz.pass, now++);
	save(s, p);
	struct due_item *due = NULL;
	size_t n = progress_due(p, cat, now, &due);
	for (size_t i = 0; i < n; i++) {
		bool ok = rnd(seed) % 10 != 0;
		char h[17];
		lesson_hash(due[i].lesson, h);
		struct given r = { due[i].course->id, due[i].lesson->id, due[i].question->id,
				   due[i].course->version, h, 0 };
		progress_answer(p, &r, ok ? 0x1 : 0x2, ok, now++);
		save(s, p);
		y->answers++;
	}
	free(due);
	progress_free(p);
	store_flush(s);	/* as closing does */
	add_stats(y, s);
	store_close(s);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: progress DIR\n", stderr);
		return 2;
	}
	const char *dir = argv[1];
	one_save(dir);

	static const long sizes[] = { 0, 10000, 80000 };
	double ms[3];
	size_t held[3];
	page_turns(dir, sizes, 3, ms, held);
	for (int i = 0; i < 3; i++)
		printf("page_turn_ms_%ld=%.4f page_turn_held_%ld=%zu\n", sizes[i], ms[i],
		       sizes[i], held[i]);

	struct catalog cat = { 0 };
	struct search_path sp;
	struct diags d = { 0 };
	search_path_init(&sp, NULL, 0);
	catalog_load(&cat, &sp, &d);
	search_path_free(&sp);
	diag_free(&d);
	if (cat.n == 0) {
		fputs("progress: no courses found for the year\n", stderr);
		return 1;
	}
	empty(dir);
	struct year y = { 0 };
	unsigned seed = 7;
	for (int day = 0; day < 365; day++) {
		one_day(dir, &cat, day, &seed, &y);
		if (size_of(dir) > y.max_size)
			y.max_size = size_of(dir);
	}
	printf("year_days=365 year_answers=%" PRIu64 " year_pages=%" PRIu64
	       " year_bytes=%" PRIu64 " year_writes=%" PRIu64 " year_fsyncs=%" PRIu64
	       " year_compactions=%" PRIu64 " year_size=%lld year_max_size=%lld\n",
	       y.answers, y.pages, y.bytes, y.writes, y.fsyncs, y.compactions,
	       (long long)size_of(dir), (long long)y.max_size);

	double cpu[21];
	for (int i = 0; i < 21; i++) {
		struct store *s = open_store(dir);
		double t0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		struct progress *p = load(s);
		cpu[i] = (now_s(CLOCK_PROCESS_CPUTIME_ID) - t0) * 1000;
		progress_free(p);
		store_close(s);
	}
	printf("year_load_cpu_ms=%.3f\n", median(cpu, 21));
	catalog_free(&cat);
	return 0;
}
