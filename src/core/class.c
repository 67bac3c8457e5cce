/* class.c - the class folder, hand-ins and the class report (class.h).
 * Every file in the folder was written by someone else: each is opened
 * without following links, checked to be a regular file of the right
 * owner and size, and read by the journal's line reader, which refuses
 * what it cannot read line by line. */
#include "core/class.h"
#include "core/i18n.h"
#include "core/fdio.h"
#include "core/journal.h"
#include "core/quiz.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <math.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SUFFIX ".rollwise"
#define HEADER "- {rollwise-handin: "

/* ==== the folder ==== */

static char *group_name(gid_t gid)
{
	struct group *gr = getgrgid(gid);
	return gr ? xstrdup(gr->gr_name) : xasprintf("%lu", (unsigned long)gid);
}

/* May the caller give a file group gid (chown allows only the groups one is in)? */
static bool in_group(gid_t gid)
{
	if (geteuid() == 0 || getegid() == gid)
		return true;
	int n = getgroups(0, NULL);
	gid_t *v = xcalloc(n > 0 ? (size_t)n : 1, sizeof *v);
	n = getgroups(n, v);
	bool in = false;
	for (int i = 0; i < n && !in; i++)
		in = v[i] == gid;
	free(v);
	return in;
}

/* Fails class_init with msg (taken) as *err; removes the folder it made. */
static int init_fail(const char *dir, bool made, int fd, char **err, char *msg)
{
	*err = msg;
	if (fd >= 0)
		close(fd);
	if (made)
		rmdir(dir);
	return -1;
}

int class_init(const char *dir, const char *group, bool force, char **msg, char **err)
{
	*msg = *err = NULL;
	gid_t gid;
	if (group) {
		struct group *gr = getgrnam(group);
		if (!gr) {
			*err = xasprintf(_("there is no group '%s'"), group);
			return -1;
		}
		gid = gr->gr_gid;
		if (!in_group(gid)) {
			*err = xasprintf(_("you are not in group %s: a class folder's group must be "
					 "one of yours"), group);
			return -1;
		}
	} else {
		struct passwd *pw = getpwuid(geteuid());
		gid = pw ? pw->pw_gid : getegid();
	}
	struct stat st;
	bool made = false;
	if (lstat(dir, &st) < 0) {
		if (errno != ENOENT || mkdir(dir, 0700) < 0) {
			*err = xasprintf(_("cannot create %s: %s"), dir, strerror(errno));
			return -1;
		}
		made = true;
	} else if (S_ISLNK(st.st_mode)) {
		*err = xasprintf(_("%s is a symbolic link; give the folder itself"), dir);
		return -1;
	} else if (!S_ISDIR(st.st_mode)) {
		*err = xasprintf(_("%s exists and is not a folder"), dir);
		return -1;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		return init_fail(dir, made, fd, err,
				 xasprintf(_("cannot open %s: %s"), dir, strerror(errno)));
	bool mine = st.st_uid == geteuid() && (st.st_mode & 07777) == CLASS_MODE;
	if (!group && !made && mine)
		gid = st.st_gid;	/* run again without --group: the class keeps its group */
	bool right = mine && st.st_gid == gid;
	if (!right && !made && !force) {
		char *g = group_name(st.st_gid);
		*err = xasprintf(_("%s already exists with mode %04o and group %s; a class folder "
				 "is yours, mode 3733, group of the class (--force makes it so)"),
				 dir, (unsigned)(st.st_mode & 07777), g);
		free(g);
		close(fd);
		return -1;
	}
	if (!right && st.st_uid != geteuid())
		return init_fail(dir, made, fd, err,
				 xasprintf(_("%s belongs to another user; only its owner can make it "
					     "a class folder"), dir));
	if (!right && (fchown(fd, (uid_t)-1, gid) < 0 || fchmod(fd, CLASS_MODE) < 0))
		return init_fail(dir, made, fd, err,
				 xasprintf(_("cannot set up %s: %s"), dir, strerror(errno)));
	close(fd);
	char *abs = realpath(dir, NULL), *g = group_name(gid);
	*msg = xasprintf(_("%s is a class folder (mode 3733, group %s): trainees can hand in "
			 "but not see each other's work.\nTell trainees to run:  rollwise submit %s"),
			 abs ? abs : dir, g, abs ? abs : dir);
	free(g);
	free(abs);
	return 0;
}

/* ==== handing in ==== */

/* Creates a new file for name's hand-in under a name nobody can guess (others
 * may create files in the folder and could hold a predictable one), mode
 * 0640; sets *tmp (caller frees). Returns the descriptor, or -1 with errno. */
static int open_tmp(int dfd, const char *name, char **tmp)
{
	for (int tries = 0; tries < 100; tries++) {
		uint64_t r = 0;
		if (getentropy(&r, sizeof r) != 0) {	/* no entropy source: differ anyway */
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			r = ((uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL) ^
			    ((uint64_t)getpid() << 32) ^ (uint64_t)tries;
		}
		*tmp = xasprintf(".%s.tmp-%016" PRIx64, name, r);
		int fd = openat(dfd, *tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
				0640);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		free(*tmp);
		*tmp = NULL;
	}
	errno = EEXIST;
	return -1;
}

int class_submit(const char *dir, const struct progress *p, char **msg, char **err)
{
	*msg = *err = NULL;
	struct passwd *pw = getpwuid(geteuid());
	if (!pw || !pw->pw_name || !*pw->pw_name || strchr(pw->pw_name, '/')) {
		*err = xstrdup(_("cannot hand in: your user has no login name"));
		return -1;
	}
	/* O_PATH: a class folder may be written to but not read */
	int dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		*err = xasprintf(_("cannot hand in to %s: %s"), dir, strerror(errno));
		return -1;
	}
	char *name = xasprintf("%s" SUFFIX, pw->pw_name), *tmp = NULL;
	struct stat st;
	int e = 0, fd = -1;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    (S_ISLNK(st.st_mode) || !S_ISREG(st.st_mode) || st.st_uid != geteuid())) {
		*err = xasprintf(_("will not hand in to %s/%s: %s is there already"), dir, name,
				 S_ISLNK(st.st_mode) ? _("a symbolic link")
				 : !S_ISREG(st.st_mode) ? _("something that is not a file")
				 : _("another user's file"));
		goto out;
	}
	size_t len, answers = 0, attempts = 0;
	char *snap = journal_snapshot(p, &len);
	char head[160], at[21];
	progress_format_time(time(NULL), at);
	int k = snprintf(head, sizeof head, HEADER "1, rollwise: %s, at: %s}\n",
			 ROLLWISE_VERSION, at);
	fd = open_tmp(dfd, name, &tmp);
	if (fd < 0 || fchmod(fd, 0640) < 0)
		e = errno;
	if (!e)
		e = fd_write_all(fd, head, (size_t)k, write);
	if (!e)
		e = fd_write_all(fd, snap, len, write);
	if (!e && fsync(fd) < 0)
		e = errno;
	if (fd >= 0 && close(fd) < 0 && !e)
		e = errno;
	if (!e && renameat(dfd, tmp, dfd, name) < 0)
		e = errno;
	free(snap);
	if (e) {
		if (fd >= 0)
			unlinkat(dfd, tmp, 0);
		*err = xasprintf(_("cannot hand in to %s: %s"), dir, strerror(e));
		goto out;
	}
	for (size_t i = 0; i < p->nquestions; i++)
		answers += p->questions[i].nanswers;
	for (size_t i = 0; i < p->nlessons; i++)
		attempts += p->lessons[i].nattempts;
	char *a = xasprintf(ngettext("%zu quiz attempt", "%zu quiz attempts", attempts), attempts);
	char *b = xasprintf(ngettext("%zu answer", "%zu answers", answers), answers);
	/* TRANSLATORS: "Handed in 2 quiz attempts and 14 answers to DIR/NAME. ..."
	   The counts come first: a status line too narrow for the path keeps them. */
	*msg = xasprintf(_("Handed in %s and %s to %s/%s. Handing in again replaces it."),
			 a, b, dir, name);
	free(a);
	free(b);
out:
	close(dfd);
	free(name);
	free(tmp);
	return *err ? -1 : 0;
}

/* ==== reading the folder ==== */

struct handin {
	char *login;
	struct progress *p;
};

struct skip {
	char *file, *why;
};

struct folder {
	struct handin *v;
	size_t n;
	struct skip *skips;
	size_t nskips;
};

static void skip_add(struct folder *f, const char *file, char *why)
{
	f->skips = xreallocarray(f->skips, f->nskips + 1, sizeof *f->skips);
	f->skips[f->nskips++] = (struct skip){ xstrdup(file), why };
}

static void folder_free(struct folder *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].login);
		progress_free(f->v[i].p);
	}
	for (size_t i = 0; i < f->nskips; i++) {
		free(f->skips[i].file);
		free(f->skips[i].why);
	}
	free(f->v);
	free(f->skips);
}

/* Owner names, looked up once per uid. */
struct owners {
	uid_t *uid;
	char **name;
	size_t n;
};

static const char *owner_name(struct owners *o, uid_t uid)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->uid[i] == uid)
			return o->name[i];
	struct passwd *pw = getpwuid(uid);
	o->uid = xreallocarray(o->uid, o->n + 1, sizeof *o->uid);
	o->name = xreallocarray(o->name, o->n + 1, sizeof *o->name);
	o->uid[o->n] = uid;
	o->name[o->n] = pw && pw->pw_name ? xstrdup(pw->pw_name) : NULL;
	return o->name[o->n++];
}

/* Reads one hand-in; NULL with *why when it cannot be used. */
static struct progress *read_handin(int dfd, const char *name, const struct stat *st0,
				    char **why)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		*why = xasprintf(_("cannot be read: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (st.st_ino != st0->st_ino || st.st_dev != st0->st_dev || !S_ISREG(st.st_mode)) {
		*why = xstrdup(_("was replaced while it was being read"));
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1;
	char *buf = xmalloc(cap + 1);
	ssize_t k = fd_read_full(fd, buf, cap);
	size_t n = k > 0 ? (size_t)k : 0;
	close(fd);
	buf[n] = '\0';
	struct progress *p = NULL;
	const char *nl = memchr(buf, '\n', n);
	if (n > HANDIN_MAX_BYTES) {
		*why = xasprintf(_("is larger than %d bytes"), HANDIN_MAX_BYTES);
	} else if (strncmp(buf, HEADER, strlen(HEADER)) != 0 || !nl) {
		*why = xstrdup(_("is not a rollwise hand-in"));
	} else {
		struct journal_read r = { 0 };
		p = progress_new();
		size_t off = (size_t)(nl + 1 - buf);
		journal_fold(buf + off, n - off, 1, p, false, &r);
		progress_tidy(p);
		if (r.torn)
			*why = xstrdup(_("is cut short (its last line is not whole)"));
		else if (r.bad)
			*why = xasprintf(ngettext("has %zu line that cannot be read (line %zu: %s)",
						  "has %zu lines that cannot be read (line %zu: %s)",
						  r.bad), r.bad, r.first_bad, r.why);
		else if (r.version > JOURNAL_VERSION)
			*why = xasprintf(_("was written by a newer rollwise (format %d)"), r.version);
		else if (r.version == 0)
			*why = xstrdup(_("holds no progress"));
		free(r.rejects);
		if (*why) {
			progress_free(p);
			p = NULL;
		}
	}
	free(buf);
	return p;
}

static int handin_cmp(const void *a, const void *b)
{
	return strcmp(((const struct handin *)a)->login, ((const struct handin *)b)->login);
}

static int read_folder(const char *dir, struct folder *f, char **err)
{
	*f = (struct folder){ 0 };
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dfd >= 0 ? fdopendir(dup(dfd)) : NULL;
	if (!d) {
		*err = xasprintf(_("cannot read the class folder %s: %s"), dir, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	struct owners own = { 0 };
	struct dirent *de;
	size_t sl = strlen(SUFFIX);
	while ((de = readdir(d))) {
		const char *name = de->d_name;
		size_t n = strlen(name);
		if (name[0] == '.' || n <= sl || strcmp(name + n - sl, SUFFIX) != 0)
			continue;
		struct stat st;
		char *why = NULL;
		const char *login = NULL;
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			why = xasprintf(_("cannot be read: %s"), strerror(errno));
		else if (S_ISLNK(st.st_mode))
			why = xstrdup(_("is a symbolic link"));
		else if (!S_ISREG(st.st_mode))
			why = xstrdup(_("is not a regular file"));
		else if (st.st_size > HANDIN_MAX_BYTES)
			why = xasprintf(_("is larger than %d bytes"), HANDIN_MAX_BYTES);
		else if (!(login = owner_name(&own, st.st_uid)))
			why = xasprintf(_("belongs to uid %lu, who has no login"),
					(unsigned long)st.st_uid);
		else if (strlen(login) != n - sl || strncmp(name, login, n - sl) != 0)
			why = xasprintf(_("is named after %.*s but was handed in by %s"),
					(int)(n - sl), name, login);
		struct progress *p = why ? NULL : read_handin(dfd, name, &st, &why);
		if (!p) {
			skip_add(f, name, why);
			continue;
		}
		f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
		f->v[f->n++] = (struct handin){ xstrdup(login), p };
	}
	closedir(d);
	close(dfd);
	for (size_t i = 0; i < own.n; i++)
		free(own.name[i]);
	free(own.name);
	free(own.uid);
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, handin_cmp);
	return 0;
}

/* ==== one trainee in one course ==== */

static const struct answer *run_answer(const struct progress *p, const char *course,
				       const char *lesson, const char *question,
				       uint64_t session, uint64_t run)
{
	const struct question_progress *qp = progress_question(p, course, lesson, question);
	for (size_t i = 0; qp && i < qp->nanswers; i++)
		if (qp->answers[i].st.session == session && qp->answers[i].run == run)
			return &qp->answers[i];
	return NULL;
}

/* Right or not: recomputed from the choices picked when the answer was given
 * on the lesson as it is now; *mismatch when the stored verdict differs. */
static bool answer_right(const struct answer *a, const struct question *q, const char *hash,
			 bool *mismatch)
{
	if (strcmp(a->hash, hash) != 0)
		return a->correct;
	bool right = quiz_is_correct(q, a->picked);
	if (right != a->correct)
		*mismatch = true;
	return right;
}

/* An attempt's score, recomputed from its answers where they can be. When
 * some are gone (old attempts lose theirs, or a file was edited), the saved
 * score must lie between what the answers left prove and what they allow:
 * outside, *mismatch and the nearest bound; above the proven, *unchecked. */
static int attempt_score(const struct progress *p, const struct course *c,
			 const struct lesson *l, const struct attempt *at, const char *hash,
			 bool *mismatch, bool *unchecked)
{
	size_t k = l->quiz.nquestions, right = 0, missing = 0;
	if (k == 0 || !at->run || strcmp(at->hash, hash) != 0)
		return at->score;
	for (size_t j = 0; j < k; j++) {
		const struct question *q = &l->quiz.questions[j];
		const struct answer *a = run_answer(p, c->id, l->id, q->id, at->st.session, at->run);
		if (a && !strcmp(a->hash, hash))
			right += answer_right(a, q, hash, mismatch);
		else
			missing++;	/* gone, or on other content: not checkable */
	}
	int lo = (int)(right * 100 / k), hi = (int)((right + missing) * 100 / k);
	int score = at->score < lo ? lo : at->score > hi ? hi : at->score;
	if (score != at->score)
		*mismatch = true;
	else if (score > lo)
		*unchecked = true;
	return score;
}

struct quiz_cell {
	int first, best;	/* -1 when no attempt */
};

struct trainee {
	const char *login;
	size_t passed, lessons;
	struct quiz_cell *quiz;	/* per lesson of the course */
	char **critical;	/* "lesson/question", missed in the last attempt */
	size_t ncritical;
	time_t last;
	bool outdated, mismatch, unchecked;
};

static time_t last_activity(const struct progress *p)
{
	time_t t = p->notice_seen ? p->notice_st.at : 0;
	for (size_t i = 0; i < p->nlessons; i++) {
		const struct lesson_progress *lp = &p->lessons[i];
		if (lp->visited && lp->page_st.at > t)
			t = lp->page_st.at;
		for (size_t j = 0; j < lp->nattempts; j++)
			if (lp->attempts[j].st.at > t)
				t = lp->attempts[j].st.at;
	}
	for (size_t i = 0; i < p->nquestions; i++)
		for (size_t j = 0; j < p->questions[i].nanswers; j++)
			if (p->questions[i].answers[j].st.at > t)
				t = p->questions[i].answers[j].st.at;
	return t;
}

static void trainee_fill(struct trainee *t, const struct handin *h, const struct course *c)
{
	*t = (struct trainee){ .login = h->login, .lessons = c->nlessons,
			       .quiz = xcalloc(c->nlessons ? c->nlessons : 1, sizeof *t->quiz),
			       .last = last_activity(h->p) };
	for (size_t i = 0; i < c->nlessons; i++) {
		const struct lesson *l = &c->lessons[i];
		const struct lesson_progress *lp = progress_lesson(h->p, c->id, l->id);
		struct quiz_cell *q = &t->quiz[i];
		char hash[17];
		bool passed = false;
		q->first = q->best = -1;
		if (!lp || lp->nattempts == 0)
			continue;
		lesson_hash(l, hash);
		for (size_t j = 0; j < lp->nattempts; j++) {
			int s = attempt_score(h->p, c, l, &lp->attempts[j], hash, &t->mismatch,
					      &t->unchecked);
			if (j == 0)
				q->first = s;
			if (s > q->best)
				q->best = s;
			passed |= s >= l->quiz.pass;
		}
		t->passed += passed;
		/* every answer given on the lesson as it is: its verdict must hold */
		for (size_t j = 0; j < l->quiz.nquestions; j++) {
			const struct question *qu = &l->quiz.questions[j];
			const struct question_progress *qp =
				progress_question(h->p, c->id, l->id, qu->id);
			for (size_t m = 0; qp && m < qp->nanswers; m++)
				answer_right(&qp->answers[m], qu, hash, &t->mismatch);
		}
		const struct attempt *last = &lp->attempts[lp->nattempts - 1];
		if (last->version < c->version)
			t->outdated = true;
		for (size_t j = 0; last->run && j < l->quiz.nquestions; j++) {
			const struct question *qu = &l->quiz.questions[j];
			const struct answer *a = qu->critical
				? run_answer(h->p, c->id, l->id, qu->id, last->st.session, last->run)
				: NULL;
			if (a && !strcmp(a->hash, hash) && !quiz_is_correct(qu, a->picked)) {
				t->critical = xreallocarray(t->critical, t->ncritical + 1,
							    sizeof *t->critical);
				t->critical[t->ncritical++] = xasprintf("%s/%s", l->id, qu->id);
			}
		}
	}
}

static void trainee_free(struct trainee *t)
{
	for (size_t i = 0; i < t->ncritical; i++)
		free(t->critical[i]);
	free(t->critical);
	free(t->quiz);
}

/* ==== item analysis: one quiz, first attempts ==== */

struct item {
	const struct question *q;
	size_t answers;
	double facility, discrimination;	/* discrimination NAN when undefined */
	size_t *picked;				/* per choice */
};

struct quiz_stats {
	const struct lesson *l;
	size_t n, k;
	double mean, sd, kr20;			/* kr20 NAN when undefined */
	struct item *items;
};

static double pearson(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (sxx <= 0 || syy <= 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

static void quiz_analyse(struct quiz_stats *qs, const struct course *c, const struct lesson *l,
			 const struct folder *f)
{
	size_t k = l->quiz.nquestions, n = 0;
	*qs = (struct quiz_stats){ .l = l, .k = k, .kr20 = NAN };
	qs->items = xcalloc(k ? k : 1, sizeof *qs->items);
	/* x[i * k + j]: trainee i right at question j in their first attempt */
	double *x = xcalloc(f->n * (k ? k : 1) + 1, sizeof *x);
	for (size_t j = 0; j < k; j++) {
		qs->items[j].q = &l->quiz.questions[j];
		qs->items[j].picked = xcalloc(l->quiz.questions[j].nchoices + 1, sizeof(size_t));
	}
	char hash[17];
	lesson_hash(l, hash);
	const struct answer **a = xcalloc(k ? k : 1, sizeof *a);
	for (size_t t = 0; t < f->n && k > 0; t++) {
		const struct progress *p = f->v[t].p;
		const struct lesson_progress *lp = progress_lesson(p, c->id, l->id);
		if (!lp || lp->nattempts == 0 || !lp->attempts[0].run ||
		    strcmp(lp->attempts[0].hash, hash) != 0)
			continue;	/* none, or on the lesson as it was */
		const struct attempt *first = &lp->attempts[0];
		size_t j;
		for (j = 0; j < k; j++) {
			a[j] = run_answer(p, c->id, l->id, l->quiz.questions[j].id, first->st.session,
					  first->run);
			if (!a[j] || strcmp(a[j]->hash, hash) != 0)
				break;
		}
		if (j < k)
			continue;	/* not every question answered here: left out */
		bool ignored = false;
		for (j = 0; j < k; j++) {
			const struct question *q = &l->quiz.questions[j];
			x[n * k + j] = answer_right(a[j], q, hash, &ignored);
			for (size_t ci = 0; ci < q->nchoices; ci++)
				if ((a[j]->picked >> ci) & 1)
					qs->items[j].picked[ci]++;
		}
		n++;
	}
	free(a);
	qs->n = n;
	if (n == 0 || k == 0) {
		free(x);
		for (size_t j = 0; j < k; j++)
			qs->items[j].discrimination = NAN;
		return;
	}
	double *total = xcalloc(n, sizeof *total), *item = xcalloc(n, sizeof *item),
	       *rest = xcalloc(n, sizeof *rest);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < k; j++)
			total[i] += x[i * k + j];
	double mean_t = 0, var_t = 0, sum_pq = 0, mean_s = 0, var_s = 0;
	for (size_t i = 0; i < n; i++) {
		mean_t += total[i];
		mean_s += 100.0 * total[i] / (double)k;
	}
	mean_t /= (double)n;
	mean_s /= (double)n;
	for (size_t i = 0; i < n; i++) {
		double s = 100.0 * total[i] / (double)k;
		var_t += (total[i] - mean_t) * (total[i] - mean_t);
		var_s += (s - mean_s) * (s - mean_s);
	}
	for (size_t j = 0; j < k; j++) {
		struct item *it = &qs->items[j];
		double right = 0;
		for (size_t i = 0; i < n; i++) {
			item[i] = x[i * k + j];
			rest[i] = total[i] - item[i];
			right += item[i];
		}
		double pj = right / (double)n;
		it->answers = n;
		it->facility = 100.0 * pj;
		it->discrimination = 100.0 * pearson(item, rest, n);
		sum_pq += pj * (1 - pj);
	}
	qs->mean = mean_s;
	qs->sd = n > 1 ? sqrt(var_s / (double)(n - 1)) : 0;
	var_t /= (double)n;
	if (k > 1 && n > 1 && var_t > 0)
		qs->kr20 = (double)k / (double)(k - 1) * (1 - sum_pq / var_t);
	free(total);
	free(item);
	free(rest);
	free(x);
}

static void quiz_stats_free(struct quiz_stats *qs)
{
	for (size_t j = 0; j < qs->k; j++)
		free(qs->items[j].picked);
	free(qs->items);
}

/* The flags of an item, as one string ("" when none). */
static void item_flags(const struct item *it, char out[96])
{
	out[0] = '\0';
	if (it->answers < ITEM_MIN_ANSWERS) {
		strcpy(out, "too few answers to judge");
		return;
	}
	if (it->facility >= 95)
		strcat(out, "very easy");
	if (it->facility <= 20)
		strcat(out, "very hard");
	if (!isnan(it->discrimination) && it->discrimination < 20)
		strcat(strcat(out, out[0] ? "; " : ""), "discriminates badly");
}

/* "2:3 4:0": how many picked each wrong choice (numbered from 1). */
static void wrong_picks(const struct item *it, char out[128])
{
	size_t pl = 0;
	out[0] = '\0';
	for (size_t ci = 0; ci < it->q->nchoices && pl < 128 - 16; ci++)
		if (!it->q->choices[ci].correct)
			pl += (size_t)snprintf(out + pl, 128 - pl, "%s%zu:%zu", pl ? " " : "", ci + 1,
					       it->picked[ci]);
}

/* ==== writing it ==== */

struct report {
	FILE *fp;
	enum export_format fmt;
	bool first_course;
	const char *only;	/* the course asked for, or NULL */
};

/* v to decimals places; "-0.0" is "0.0". */
static char *fmt_num(double v, int decimals)
{
	if (isnan(v))
		return xstrdup("");
	char *s = xasprintf("%.*f", decimals, v);
	if (s[0] == '-' && strspn(s + 1, "0.") == strlen(s + 1))
		memmove(s, s + 1, strlen(s));
	return s;
}

static void num(FILE *fp, double v, int decimals)
{
	char *s = fmt_num(v, decimals);
	fputs(*s ? s : "null", fp);
	free(s);
}

static void safe(FILE *fp, const char *s)
{
	char *t = text_sanitize_cell(s);
	fputs(t, fp);
	free(t);
}

/* s as a JSON string, with what safe() replaces replaced: the report is
 * read in terminals too, and file names are anyone's. */
static void json_safe(FILE *fp, const char *s)
{
	char *t = text_sanitize_cell(s);
	export_json_string(fp, t);
	free(t);
}

static void time_text(time_t t, char out[21])
{
	if (t)
		progress_format_time(t, out);
	else
		strcpy(out, "-");
}

static void json_course(struct report *r, const struct course *c, struct trainee *tr,
			size_t ntr, struct quiz_stats *qs, size_t nqs)
{
	FILE *fp = r->fp;
	fputs(r->first_course ? "\n  {\"course\": " : ",\n  {\"course\": ", fp);
	r->first_course = false;
	json_safe(fp, c->id);
	fprintf(fp, ", \"version\": %d,\n   \"trainees\": [", c->version);
	for (size_t i = 0; i < ntr; i++) {
		const struct trainee *t = &tr[i];
		char last[21];
		fputs(i ? ",\n    {\"login\": " : "\n    {\"login\": ", fp);
		json_safe(fp, t->login);
		fprintf(fp, ", \"passed\": %zu, \"lessons\": %zu, \"quizzes\": [", t->passed,
			t->lessons);
		for (size_t j = 0, first = 1; j < c->nlessons; j++) {
			if (c->lessons[j].quiz.nquestions == 0)
				continue;
			fputs(first ? "{\"lesson\": " : ", {\"lesson\": ", fp);
			first = 0;
			json_safe(fp, c->lessons[j].id);
			fputs(", \"first\": ", fp);
			t->quiz[j].first < 0 ? fputs("null", fp) : fprintf(fp, "%d", t->quiz[j].first);
			fputs(", \"best\": ", fp);
			t->quiz[j].best < 0 ? fputs("null", fp) : fprintf(fp, "%d", t->quiz[j].best);
			fputc('}', fp);
		}
		fputs("], \"critical_missed\": [", fp);
		for (size_t j = 0; j < t->ncritical; j++) {
			if (j)
				fputs(", ", fp);
			json_safe(fp, t->critical[j]);
		}
		fputs("], \"last_activity\": ", fp);
		if (t->last) {
			progress_format_time(t->last, last);
			json_safe(fp, last);
		} else {
			fputs("null", fp);
		}
		fprintf(fp, ", \"outdated\": %s, \"mismatch\": %s, \"unchecked\": %s}",
			t->outdated ? "true" : "false", t->mismatch ? "true" : "false",
			t->unchecked ? "true" : "false");
	}
	fputs(ntr ? "\n   ],\n   \"quizzes\": [" : "],\n   \"quizzes\": [", fp);
	for (size_t i = 0; i < nqs; i++) {
		const struct quiz_stats *q = &qs[i];
		fputs(i ? ",\n    {\"lesson\": " : "\n    {\"lesson\": ", fp);
		json_safe(fp, q->l->id);
		fprintf(fp, ", \"trainees\": %zu, \"mean\": ", q->n);
		num(fp, q->n ? q->mean : NAN, 1);
		fputs(", \"sd\": ", fp);
		num(fp, q->sd, 1);
		fputs(", \"kr20\": ", fp);
		num(fp, q->kr20, 2);
		fputs(",\n     \"questions\": [", fp);
		for (size_t j = 0; j < q->k; j++) {
			const struct item *it = &q->items[j];
			char flags[96];
			fputs(j ? ",\n      {\"question\": " : "\n      {\"question\": ", fp);
			json_safe(fp, it->q->id);
			fprintf(fp, ", \"answers\": %zu, \"facility\": ", it->answers);
			num(fp, it->answers ? it->facility : NAN, 1);
			fputs(", \"discrimination\": ", fp);
			num(fp, it->answers ? it->discrimination : NAN, 1);
			fputs(", \"choices\": [", fp);
			for (size_t ci = 0, first = 1; ci < it->q->nchoices; ci++) {
				if (it->q->choices[ci].correct)
					continue;
				fprintf(fp, "%s{\"choice\": %zu, \"picked\": %zu}", first ? "" : ", ",
					ci + 1, it->picked[ci]);
				first = 0;
			}
			item_flags(it, flags);
			fputs("], \"flags\": [", fp);
			for (char *s = flags, *e; *s; s = *e ? e + 2 : e) {
				e = strstr(s, "; ");
				if (!e)
					e = s + strlen(s);
				fprintf(fp, "%s\"%.*s\"", s == flags ? "" : ", ", (int)(e - s), s);
			}
			fputs("]}", fp);
		}
		fputs(q->k ? "\n     ]}" : "]}", fp);
	}
	fputs(nqs ? "\n   ]}" : "]}", fp);
}

/* s padded with spaces to w columns (left-aligned, or right when right). */
static void cell(FILE *fp, const char *s, int w, bool right)
{
	int pad = w - utf8_strwidth(s, strlen(s));
	if (right)
		fprintf(fp, "%*s%s", pad > 0 ? pad : 0, "", s);
	else
		fprintf(fp, "%s%*s", s, pad > 0 ? pad : 0, "");
}

static int max_width(int w, const char *s)
{
	int sw = utf8_strwidth(s, strlen(s));
	return sw > w ? sw : w;
}

static void text_trainees(FILE *fp, const struct course *c, struct trainee *tr, size_t ntr)
{
	const char *h_login = _("TRAINEE"), *h_pass = _("PASSED"), *h_last = _("LAST ACTIVITY");
	int w = max_width(0, h_login), wp = max_width(5, h_pass), wl = max_width(20, h_last);
	for (size_t i = 0; i < ntr; i++)
		w = max_width(w, tr[i].login);
	cell(fp, h_login, w + 2, false);
	cell(fp, h_pass, wp + 2, false);
	cell(fp, h_last, wl + 2, false);
	fprintf(fp, "%s\n", _("FIRST/BEST PER QUIZ"));
	for (size_t i = 0; i < ntr; i++) {
		const struct trainee *t = &tr[i];
		char last[21], pass[48];
		time_text(t->last, last);
		snprintf(pass, sizeof pass, "%zu/%zu", t->passed, t->lessons);
		char *login = text_sanitize_cell(t->login);
		cell(fp, login, w + 2, false);
		free(login);
		cell(fp, pass, wp + 2, false);
		cell(fp, last, wl + 1, false);
		for (size_t j = 0; j < c->nlessons; j++) {
			if (c->lessons[j].quiz.nquestions == 0)
				continue;
			if (t->quiz[j].first < 0)
				fputs(" -", fp);
			else
				fprintf(fp, " %d/%d", t->quiz[j].first, t->quiz[j].best);
		}
		fputc('\n', fp);
		if (t->mismatch)
			fprintf(fp, "    %s\n", _("scores do not match the answers: recomputed ones shown"));
		if (t->unchecked)
			fprintf(fp, "    %s\n", _("answers missing: saved scores shown unchecked"));
		if (t->outdated)
			fprintf(fp, "    %s\n", _("handed in for an older version of the course"));
		for (size_t j = 0; j < t->ncritical; j++) {
			fprintf(fp, "    %s ", _("missed safety question in the last attempt:"));
			safe(fp, t->critical[j]);
			fputc('\n', fp);
		}
	}
}

/* The flags of an item as the text report says them, in the reader's language. */
static void text_flags(const struct item *it, char *out, size_t n)
{
	out[0] = '\0';
	if (it->answers < ITEM_MIN_ANSWERS) {
		snprintf(out, n, "%s", _("too few answers to judge"));
		return;
	}
	const char *f[3];
	size_t k = 0;
	if (it->facility >= 95)
		f[k++] = _("very easy");
	if (it->facility <= 20)
		f[k++] = _("very hard");
	if (!isnan(it->discrimination) && it->discrimination < 20)
		f[k++] = _("discriminates badly");
	for (size_t i = 0, l = 0; i < k && l < n; i++)
		l += (size_t)snprintf(out + l, n - l, "%s%s", i ? "; " : "", f[i]);
}

static void text_quiz(FILE *fp, const struct quiz_stats *q)
{
	fprintf(fp, "\n%s ", _("Quiz"));
	safe(fp, q->l->id);
	if (q->n == 0) {
		fprintf(fp, ": %s\n", _("no first attempts handed in yet"));
		return;
	}
	fputs(": ", fp);
	fprintf(fp, ngettext("%zu first attempt", "%zu first attempts", q->n), q->n);
	fprintf(fp, _(", mean %.1f%%, spread (sd) %.1f, KR-20 "), q->mean, q->sd);
	if (isnan(q->kr20))
		fputs("-", fp);
	else
		fprintf(fp, "%.2f", q->kr20);
	const char *h_q = _("QUESTION"), *h_n = _("ANSWERS"), *h_f = _("FACILITY"),
		   *h_d = _("DISCRIM."), *h_w = _("WRONG CHOICES PICKED");
	int wn = max_width(7, h_n), wf = max_width(8, h_f), wd = max_width(8, h_d),
	    ww = max_width(20, h_w);
	fputs("\n  ", fp);
	cell(fp, h_q, 36, false);
	cell(fp, h_n, wn + 2, false);
	cell(fp, h_f, wf + 2, false);
	cell(fp, h_d, wd + 2, false);
	cell(fp, h_w, ww + 2, false);
	fprintf(fp, "%s\n", _("FLAGS"));
	for (size_t j = 0; j < q->k; j++) {
		const struct item *it = &q->items[j];
		char flags[256], picks[128], v[32];
		text_flags(it, flags, sizeof flags);
		wrong_picks(it, picks);
		fputs("  ", fp);
		char *id = text_sanitize_cell(it->q->id);
		char *cut = text_ellipsize(id, 35);
		cell(fp, cut, 36, false);
		free(cut);
		free(id);
		snprintf(v, sizeof v, "%zu", it->answers);
		cell(fp, v, wn, true);
		fputs("  ", fp);
		if (it->answers)
			snprintf(v, sizeof v, "%.1f%%", it->facility);
		else
			strcpy(v, "-");
		cell(fp, v, wf, true);
		fputs("  ", fp);
		if (it->answers && !isnan(it->discrimination))
			snprintf(v, sizeof v, "%.1f", it->discrimination);
		else
			strcpy(v, "-");
		cell(fp, v, wd, true);
		fputs("  ", fp);
		cell(fp, picks, ww, false);
		fprintf(fp, "  %s\n", flags);
	}
}

static void text_course(struct report *r, const struct course *c, struct trainee *tr,
			size_t ntr, struct quiz_stats *qs, size_t nqs)
{
	FILE *fp = r->fp;
	if (!r->first_course)
		fputc('\n', fp);
	r->first_course = false;
	char *id = text_sanitize_cell(c->id);
	fprintf(fp, ngettext("Course %s (version %d): %zu trainee", "Course %s (version %d): %zu trainees",
			     ntr), id, c->version, ntr);
	fputs("\n\n", fp);
	free(id);
	text_trainees(fp, c, tr, ntr);
	for (size_t i = 0; i < nqs; i++)
		text_quiz(fp, &qs[i]);
}

static void csv_row(FILE *fp, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *t = text_sanitize_cell(cells[i] ? cells[i] : "");
		if (i)
			fputc(',', fp);
		export_csv_field(fp, t);
		free(t);
	}
	fputs("\r\n", fp);
}

enum { C_KIND, C_COURSE, C_LESSON, C_QUESTION, C_LOGIN, C_PASSED, C_FIRST, C_BEST,
       C_CRITICAL, C_LAST, C_OUTDATED, C_MISMATCH, C_UNCHECKED, C_N, C_MEAN, C_SD, C_KR20, C_FACILITY,
       C_DISCRIM, C_WRONG, C_FLAGS, NCSV };

static const char *const csv_head[NCSV] = {
	"kind", "course", "lesson", "question", "login", "passed", "first", "best",
	"critical_missed", "last_activity", "outdated", "mismatch", "unchecked", "answers", "mean",
	"sd", "kr20", "facility", "discrimination", "wrong_choices_picked", "flags",
};

static void csv_course(struct report *r, const struct course *c, struct trainee *tr,
		       size_t ntr, struct quiz_stats *qs, size_t nqs)
{
	FILE *fp = r->fp;
	if (r->first_course)
		csv_row(fp, csv_head, NCSV);
	r->first_course = false;
	for (size_t i = 0; i < ntr; i++) {
		const struct trainee *t = &tr[i];
		for (size_t j = 0; j < c->nlessons; j++) {
			if (c->lessons[j].quiz.nquestions == 0)
				continue;
			char *cell[NCSV] = { 0 }, last[21] = "";
			size_t cl = 0;
			char crit[1024] = "";
			for (size_t m = 0; m < t->ncritical && cl < sizeof crit - 1; m++)
				cl += (size_t)snprintf(crit + cl, sizeof crit - cl, "%s%s", cl ? " " : "",
						       t->critical[m]);
			if (t->last)
				progress_format_time(t->last, last);
			cell[C_KIND] = xstrdup("trainee");
			cell[C_COURSE] = xstrdup(c->id);
			cell[C_LESSON] = xstrdup(c->lessons[j].id);
			cell[C_LOGIN] = xstrdup(t->login);
			cell[C_PASSED] = xasprintf("%zu/%zu", t->passed, t->lessons);
			cell[C_FIRST] = t->quiz[j].first < 0 ? NULL : xasprintf("%d", t->quiz[j].first);
			cell[C_BEST] = t->quiz[j].best < 0 ? NULL : xasprintf("%d", t->quiz[j].best);
			cell[C_CRITICAL] = xstrdup(crit);
			cell[C_LAST] = xstrdup(last);
			cell[C_OUTDATED] = xstrdup(t->outdated ? "true" : "false");
			cell[C_MISMATCH] = xstrdup(t->mismatch ? "true" : "false");
			cell[C_UNCHECKED] = xstrdup(t->unchecked ? "true" : "false");
			csv_row(fp, (const char *const *)cell, NCSV);
			for (size_t m = 0; m < NCSV; m++)
				free(cell[m]);
		}
	}
	for (size_t i = 0; i < nqs; i++) {
		const struct quiz_stats *q = &qs[i];
		char *cell[NCSV] = { 0 };
		cell[C_KIND] = xstrdup("quiz");
		cell[C_COURSE] = xstrdup(c->id);
		cell[C_LESSON] = xstrdup(q->l->id);
		cell[C_N] = xasprintf("%zu", q->n);
		cell[C_MEAN] = fmt_num(q->n ? q->mean : NAN, 1);
		cell[C_SD] = fmt_num(q->sd, 1);
		cell[C_KR20] = fmt_num(q->kr20, 2);
		csv_row(fp, (const char *const *)cell, NCSV);
		for (size_t m = 0; m < NCSV; m++)
			free(cell[m]);
		for (size_t j = 0; j < q->k; j++) {
			const struct item *it = &q->items[j];
			char flags[96], picks[128];
			item_flags(it, flags);
			wrong_picks(it, picks);
			char *row[NCSV] = { 0 };
			row[C_KIND] = xstrdup("question");
			row[C_COURSE] = xstrdup(c->id);
			row[C_LESSON] = xstrdup(q->l->id);
			row[C_QUESTION] = xstrdup(it->q->id);
			row[C_N] = xasprintf("%zu", it->answers);
			row[C_FACILITY] = fmt_num(it->answers ? it->facility : NAN, 1);
			row[C_DISCRIM] = fmt_num(it->answers ? it->discrimination : NAN, 1);
			row[C_WRONG] = xstrdup(picks);
			row[C_FLAGS] = xstrdup(flags);
			csv_row(fp, (const char *const *)row, NCSV);
			for (size_t m = 0; m < NCSV; m++)
				free(row[m]);
		}
	}
}

static void report_course(struct report *r, const struct course *c, const struct folder *f)
{
	struct trainee *tr = xcalloc(f->n ? f->n : 1, sizeof *tr);
	struct quiz_stats *qs = xcalloc(c->nlessons ? c->nlessons : 1, sizeof *qs);
	size_t ntr = 0, nqs = 0;
	bool started = false;	/* someone did something in this course */
	for (size_t i = 0; i < f->n; i++) {
		for (size_t j = 0; j < c->nlessons && !started; j++)
			started = progress_lesson(f->v[i].p, c->id, c->lessons[j].id) != NULL;
		trainee_fill(&tr[ntr++], &f->v[i], c);
	}
	for (size_t j = 0; j < c->nlessons; j++)
		if (c->lessons[j].quiz.nquestions > 0)
			quiz_analyse(&qs[nqs++], c, &c->lessons[j], f);
	if (r->fmt == EXPORT_TEXT && !started && r->only == NULL)
		;	/* nobody has started it: nothing to read */
	else if (r->fmt == EXPORT_JSON)
		json_course(r, c, tr, ntr, qs, nqs);
	else if (r->fmt == EXPORT_CSV)
		csv_course(r, c, tr, ntr, qs, nqs);
	else
		text_course(r, c, tr, ntr, qs, nqs);
	for (size_t i = 0; i < ntr; i++)
		trainee_free(&tr[i]);
	for (size_t i = 0; i < nqs; i++)
		quiz_stats_free(&qs[i]);
	free(tr);
	free(qs);
}

static void report_skips(struct report *r, const struct folder *f)
{
	FILE *fp = r->fp;
	if (r->fmt == EXPORT_JSON) {
		fputs("],\n \"skipped\": [", fp);
		for (size_t i = 0; i < f->nskips; i++) {
			fputs(i ? ",\n  {\"file\": " : "\n  {\"file\": ", fp);
			json_safe(fp, f->skips[i].file);
			fputs(", \"why\": ", fp);
			json_safe(fp, f->skips[i].why);
			fputc('}', fp);
		}
		fputs(f->nskips ? "\n ]}\n" : "]}\n", fp);
		return;
	}
	for (size_t i = 0; i < f->nskips; i++) {
		if (r->fmt == EXPORT_CSV) {
			char *line = xasprintf("%s %s", f->skips[i].file, f->skips[i].why);
			const char *cell[NCSV] = { "skipped", NULL, NULL, NULL, NULL };
			cell[C_FLAGS] = line;
			csv_row(fp, cell, NCSV);
			free(line);
			continue;
		}
		if (i == 0)
			fputc('\n', fp);
		char *file = text_sanitize_cell(f->skips[i].file), *why = text_sanitize_cell(f->skips[i].why);
		/* TRANSLATORS: the second %s is a reason such as "is a symbolic link". */
		fprintf(fp, _("Skipped %s: it %s."), file, why);
		fputc('\n', fp);
		free(file);
		free(why);
	}
}

int class_report(FILE *fp, const char *dir, const struct catalog *cat, const char *course_id,
		 enum export_format fmt, char **err)
{
	struct folder f;
	*err = NULL;
	if (read_folder(dir, &f, err) < 0)
		return -1;
	struct report r = { fp, fmt, true, course_id };
	if (fmt == EXPORT_JSON)
		fputs("{\"courses\": [", fp);
	else if (fmt == EXPORT_TEXT) {
		char *d = text_sanitize_cell(dir);
		fprintf(fp, ngettext("%zu hand-in in %s", "%zu hand-ins in %s", f.n), f.n, d);
		free(d);
		fputc('\n', fp);
		if (!f.n)
			fprintf(fp, "%s\n", _("(none yet: trainees hand in with rollwise submit)"));
	}
	for (size_t i = 0; i < cat->n; i++)
		if (!course_id || !strcmp(cat->courses[i]->id, course_id))
			report_course(&r, cat->courses[i], &f);
	if (fmt == EXPORT_JSON && !r.first_course)
		fputc('\n', fp);
	report_skips(&r, &f);
	folder_free(&f);
	errno = 0;
	if (fflush(fp) == EOF || ferror(fp)) {
		int e = errno;
		*err = xasprintf(_("cannot write the report: %s"), e ? strerror(e) : _("write error"));
		errno = e;
		return -1;
	}
	return 0;
}

/* ==== the class screen ==== */

long class_rows(const char *dir, const struct catalog *cat, struct class_row **out,
		size_t *skipped, char **err)
{
	struct folder f;
	*out = NULL;
	*err = NULL;
	if (read_folder(dir, &f, err) < 0)
		return -1;
	struct class_row *rows = xcalloc(f.n ? f.n : 1, sizeof *rows);
	for (size_t i = 0; i < f.n; i++) {
		struct class_row *row = &rows[i];
		long sum = 0, nfirst = 0;
		row->login = xstrdup(f.v[i].login);
		row->last = last_activity(f.v[i].p);
		for (size_t c = 0; c < cat->n; c++) {
			struct trainee t;
			trainee_fill(&t, &f.v[i], cat->courses[c]);
			row->passed += t.passed;
			row->lessons += t.lessons;
			row->mismatch |= t.mismatch;
			row->unchecked |= t.unchecked;
			row->outdated |= t.outdated;
			for (size_t j = 0; j < cat->courses[c]->nlessons; j++)
				if (t.quiz[j].first >= 0) {
					sum += t.quiz[j].first;
					nfirst++;
				}
			trainee_free(&t);
		}
		row->mean_first = nfirst ? (int)(sum / nfirst) : -1;
	}
	*skipped = f.nskips;
	long n = (long)f.n;
	folder_free(&f);
	*out = rows;
	return n;
}

void class_rows_free(struct class_row *rows, long n)
{
	for (long i = 0; i < n; i++)
		free(rows[i].login);
	free(rows);
}
