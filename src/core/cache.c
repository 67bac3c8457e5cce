/* cache.c - the courses as loaded last time (see cache.h).
 *
 * The file: a magic line, the binary's identity (8 bytes), the number of
 * entries (4), then each entry: its key's length (4) and key, its course's
 * length (4) and course, and a checksum (8) of key and course. Numbers are
 * in this machine's byte order: the identity ties the file to one binary.
 * A key is the path and stat of the course file and of its translation;
 * a course is packed field by field (course_pack). */
#include "core/cache.h"
#include "core/fdio.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char magic[] = "rollwise course cache 1\n";
#define MAGIC_LEN (sizeof magic - 1)
#define NO_STR UINT32_MAX
/* The names of files being written, before they are renamed. */
#define TMP_PREFIX "." CACHE_FILE ".tmp-"

/* --- growing buffers and bounded reads --- */

struct buf {
	char *p;
	size_t n, cap;
};

static void put_raw(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->n < n) {
		while (b->cap - b->n < n)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void put_u32(struct buf *b, uint32_t v)
{
	put_raw(b, &v, sizeof v);
}

static void put_u64(struct buf *b, uint64_t v)
{
	put_raw(b, &v, sizeof v);
}

static void put_int(struct buf *b, int v)
{
	put_raw(b, &v, sizeof v);
}

static void put_str(struct buf *b, const char *s)
{
	if (!s) {
		put_u32(b, NO_STR);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	put_raw(b, s, n);
}

static void put_mark(struct buf *b, struct mark m)
{
	put_int(b, m.line);
	put_int(b, m.col);
}

struct rd {
	const char *p, *end;
	bool bad;
};

static bool get_raw(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return false;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return true;
}

static uint32_t get_u32(struct rd *r)
{
	uint32_t v;
	get_raw(r, &v, sizeof v);
	return v;
}

static uint64_t get_u64(struct rd *r)
{
	uint64_t v;
	get_raw(r, &v, sizeof v);
	return v;
}

static int get_int(struct rd *r)
{
	int v;
	get_raw(r, &v, sizeof v);
	return v;
}

static bool get_bool(struct rd *r)
{
	unsigned char v;
	get_raw(r, &v, 1);
	if (v > 1)
		r->bad = true;
	return v == 1;
}

/* A string, or NULL (bad when required). */
static char *get_str(struct rd *r, bool required)
{
	uint32_t n = get_u32(r);
	if (r->bad || (n == NO_STR && required)) {
		r->bad = true;
		return NULL;
	}
	if (n == NO_STR)
		return NULL;
	if ((size_t)(r->end - r->p) < n || memchr(r->p, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	char *s = xstrndup(r->p, n);
	r->p += n;
	return s;
}

static struct mark get_mark(struct rd *r)
{
	struct mark m;
	m.line = get_int(r);
	m.col = get_int(r);
	return m;
}

/* A count of items that take at least min bytes each: never more than
 * the bytes left could hold, so a bad count cannot ask for a huge array. */
static size_t get_count(struct rd *r, size_t min)
{
	uint32_t n = get_u32(r);
	if (r->bad || (size_t)(r->end - r->p) / min < n) {
		r->bad = true;
		return 0;
	}
	return n;
}

/* --- a course, field by field --- */

static void put_refs(struct buf *b, const struct source_refs *refs)
{
	put_u32(b, (uint32_t)refs->n);
	for (size_t i = 0; i < refs->n; i++) {
		put_str(b, refs->ids[i]);
		put_mark(b, refs->at[i]);
	}
}

static void get_refs(struct rd *r, struct source_refs *refs)
{
	refs->n = get_count(r, 12);
	refs->ids = xcalloc(refs->n ? refs->n : 1, sizeof *refs->ids);
	refs->at = xcalloc(refs->n ? refs->n : 1, sizeof *refs->at);
	for (size_t i = 0; i < refs->n; i++) {
		refs->ids[i] = get_str(r, true);
		refs->at[i] = get_mark(r);
	}
}

static void put_question(struct buf *b, const struct question *q)
{
	put_str(b, q->id);
	put_int(b, (int)q->kind);
	put_str(b, q->prompt);
	put_u32(b, (uint32_t)q->nchoices);
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *ch = &q->choices[i];
		put_str(b, ch->text);
		put_raw(b, &(unsigned char){ ch->correct }, 1);
		put_str(b, ch->feedback);
		put_mark(b, ch->at);
	}
	put_str(b, q->explanation);
	put_raw(b, &(unsigned char){ q->critical }, 1);
	put_raw(b, &(unsigned char){ q->shuffle }, 1);
	put_str(b, q->review);
	put_u64(b, q->review_page);
	put_refs(b, &q->sources);
	put_mark(b, q->at);
	put_mark(b, q->review_at);
}

static void get_question(struct rd *r, struct question *q, size_t npages)
{
	q->id = get_str(r, false);
	int kind = get_int(r);
	if (kind < KIND_SINGLE || kind > KIND_TRUE_FALSE)
		r->bad = true;
	q->kind = (enum question_kind)kind;
	q->prompt = get_str(r, true);
	q->nchoices = get_count(r, 17);
	q->choices = xcalloc(q->nchoices ? q->nchoices : 1, sizeof *q->choices);
	for (size_t i = 0; i < q->nchoices; i++) {
		struct choice *ch = &q->choices[i];
		ch->text = get_str(r, true);
		ch->correct = get_bool(r);
		ch->feedback = get_str(r, false);
		ch->at = get_mark(r);
	}
	if (q->nchoices == 0)
		r->bad = true;
	q->explanation = get_str(r, false);
	q->critical = get_bool(r);
	q->shuffle = get_bool(r);
	q->review = get_str(r, false);
	uint64_t page = get_u64(r);
	if (q->review && page >= npages)
		r->bad = true;
	q->review_page = (size_t)page;
	get_refs(r, &q->sources);
	q->at = get_mark(r);
	q->review_at = get_mark(r);
}

static void put_lesson(struct buf *b, const struct lesson *l)
{
	char hash[17];
	lesson_hash(l, hash);
	put_str(b, l->id);
	put_str(b, l->title);
	put_mark(b, l->at);
	put_raw(b, hash, 16);
	put_u32(b, (uint32_t)l->npages);
	for (size_t i = 0; i < l->npages; i++) {
		const struct page *pg = &l->pages[i];
		put_str(b, pg->id);
		put_str(b, pg->title);
		put_str(b, pg->text);
		put_refs(b, &pg->sources);
		put_mark(b, pg->at);
	}
	put_int(b, l->quiz.pass);
	put_u32(b, (uint32_t)l->quiz.nquestions);
	for (size_t i = 0; i < l->quiz.nquestions; i++)
		put_question(b, &l->quiz.questions[i]);
}

static void get_lesson(struct rd *r, struct lesson *l)
{
	l->id = get_str(r, true);
	l->title = get_str(r, true);
	l->at = get_mark(r);
	get_raw(r, l->hash, 16);
	l->hash[16] = '\0';
	for (int i = 0; i < 16; i++)
		if (!strchr("0123456789abcdef", l->hash[i]) || !l->hash[i])
			r->bad = true;
	l->npages = get_count(r, 24);
	l->pages = xcalloc(l->npages ? l->npages : 1, sizeof *l->pages);
	for (size_t i = 0; i < l->npages; i++) {
		struct page *pg = &l->pages[i];
		pg->id = get_str(r, false);
		pg->title = get_str(r, false);
		pg->text = get_str(r, true);
		get_refs(r, &pg->sources);
		pg->at = get_mark(r);
	}
	l->quiz.pass = get_int(r);
	if (l->quiz.pass < 0 || l->quiz.pass > 100)
		r->bad = true;
	l->quiz.nquestions = get_count(r, 40);
	l->quiz.questions = xcalloc(l->quiz.nquestions ? l->quiz.nquestions : 1,
				    sizeof *l->quiz.questions);
	for (size_t i = 0; i < l->quiz.nquestions; i++)
		get_question(r, &l->quiz.questions[i], l->npages);
}

char *course_pack(const struct course *c, size_t *len)
{
	struct buf b = { 0 };
	put_str(&b, c->id);
	put_str(&b, c->title);
	put_str(&b, c->summary);
	put_int(&b, c->order);
	put_int(&b, c->version);
	put_mark(&b, c->at);
	put_u32(&b, (uint32_t)c->nsources);
	for (size_t i = 0; i < c->nsources; i++) {
		put_str(&b, c->sources[i].id);
		put_str(&b, c->sources[i].cite);
		put_int(&b, (int)c->sources[i].kind);
		put_mark(&b, c->sources[i].at);
	}
	put_u32(&b, (uint32_t)c->nlessons);
	for (size_t i = 0; i < c->nlessons; i++)
		put_lesson(&b, &c->lessons[i]);
	*len = b.n;
	return b.p;
}

struct course *course_unpack(const char *buf, size_t len, const char *path)
{
	struct rd r = { buf, buf + len, false };
	struct course *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->id = get_str(&r, true);
	c->title = get_str(&r, true);
	c->summary = get_str(&r, true);
	c->order = get_int(&r);
	if (c->order != COURSE_NO_ORDER && (c->order < 0 || c->order > COURSE_MAX_ORDER))
		r.bad = true;
	c->version = get_int(&r);
	c->at = get_mark(&r);
	c->nsources = get_count(&r, 20);
	c->sources = xcalloc(c->nsources ? c->nsources : 1, sizeof *c->sources);
	for (size_t i = 0; i < c->nsources; i++) {
		struct source *s = &c->sources[i];
		s->id = get_str(&r, true);
		s->cite = get_str(&r, true);
		int kind = get_int(&r);
		if (kind < SOURCE_UNSAID || kind > SOURCE_POPULAR)
			r.bad = true;
		s->kind = (enum source_kind)kind;
		s->at = get_mark(&r);
	}
	c->nlessons = get_count(&r, 44);
	c->lessons = xcalloc(c->nlessons ? c->nlessons : 1, sizeof *c->lessons);
	for (size_t i = 0; i < c->nlessons && !r.bad; i++)
		get_lesson(&r, &c->lessons[i]);
	if (r.bad || r.p != r.end || c->nlessons == 0) {
		course_free(c);
		return NULL;
	}
	return c;
}

/* --- the file --- */

struct entry {
	char *key, *body;	/* into the file's bytes, or owned (added) */
	size_t nkey, nbody;
	uint64_t sum;
	bool used;		/* asked for this time: kept when writing */
	bool owned;
};

struct cache {
	int dfd;
	bool write;		/* it can be written (a folder, this binary known) */
	uint64_t exe;		/* this binary's identity */
	char *file;		/* the bytes read */
	struct entry *v;
	size_t n;
	size_t *index;		/* open addressing: entry number + 1, 0 empty */
	size_t nindex;
	bool changed;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3u;
	return h;
}

#define FNV_START 0xcbf29ce484222325u

static void put_stat(struct buf *b, const struct stat *st)
{
	put_u64(b, (uint64_t)st->st_dev);
	put_u64(b, (uint64_t)st->st_ino);
	put_u64(b, (uint64_t)st->st_size);
	put_u64(b, (uint64_t)st->st_mtim.tv_sec);
	put_u64(b, (uint64_t)st->st_mtim.tv_nsec);
	put_u64(b, (uint64_t)st->st_ctim.tv_sec);
	put_u64(b, (uint64_t)st->st_ctim.tv_nsec);
}

static char *make_key(const char *path, const struct stat *st, const char *tpath,
		      const struct stat *tst, size_t *len)
{
	struct buf b = { 0 };
	put_str(&b, path);
	put_stat(&b, st);
	put_str(&b, tpath);
	if (tpath)
		put_stat(&b, tst);
	*len = b.n;
	return b.p;
}

/* The identity of the running binary; 0 when it cannot be known. The link
 * is read first: valgrind answers it with its client, as a stat of the link
 * would not, so that a run under valgrind shares the cache. */
static uint64_t exe_identity(void)
{
	char path[4096];
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0 || (size_t)n >= sizeof path - 1)
		return 0;
	path[n] = '\0';
	if (stat(path, &st) != 0)
		return 0;
	struct buf b = { 0 };
	put_stat(&b, &st);
	uint64_t h = fnv(FNV_START, b.p, b.n);
	free(b.p);
	return h ? h : 1;
}

static size_t key_hash(const char *key, size_t n)
{
	return (size_t)fnv(FNV_START, key, n);
}

/* The index slot of key: its entry's, or the empty one where it goes. */
static size_t *slot(struct cache *k, const char *key, size_t n)
{
	size_t mask = k->nindex - 1, i = key_hash(key, n) & mask;
	for (;; i = (i + 1) & mask) {
		size_t e = k->index[i];
		if (!e || (k->v[e - 1].nkey == n && !memcmp(k->v[e - 1].key, key, n)))
			return &k->index[i];
	}
}

static void reindex(struct cache *k)
{
	if (k->nindex > 2 * (k->n + 1))
		return;
	free(k->index);
	k->nindex = k->nindex ? 2 * k->nindex : 64;
	while (k->nindex <= 2 * (k->n + 1))
		k->nindex *= 2;
	k->index = xcalloc(k->nindex, sizeof *k->index);
	for (size_t i = 0; i < k->n; i++) {
		size_t *s = slot(k, k->v[i].key, k->v[i].nkey);
		if (!*s)
			*s = i + 1;
	}
}

static void add(struct cache *k, struct entry e)
{
	k->v = xreallocarray(k->v, k->n + 1, sizeof *k->v);
	k->v[k->n++] = e;
	reindex(k);
	size_t *s = slot(k, e.key, e.nkey);
	if (!*s)
		*s = k->n;
}

/* Reads the whole file open on fd (a regular file of ours, not too big). */
static char *read_file(int fd, size_t *len)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_size < (off_t)MAGIC_LEN || st.st_size > CACHE_MAX_BYTES)
		return NULL;
	size_t n = (size_t)st.st_size;
	char *p = xmalloc(n);
	if (fd_read_full(fd, p, n) != (ssize_t)n) {
		free(p);
		return NULL;
	}
	*len = n;
	return p;
}

/* Indexes the entries of the file's bytes; false when they are not a
 * cache of this binary's (then nothing of it is used). */
static bool parse(struct cache *k, size_t len)
{
	struct rd r = { k->file, k->file + len, false };
	char m[MAGIC_LEN];
	if (!get_raw(&r, m, MAGIC_LEN) || memcmp(m, magic, MAGIC_LEN) != 0 ||
	    get_u64(&r) != k->exe)
		return false;
	size_t n = get_count(&r, 16);
	for (size_t i = 0; i < n && !r.bad; i++) {
		struct entry e = { 0 };
		e.nkey = get_count(&r, 1);
		e.key = k->file + (r.p - k->file);
		r.p += r.bad ? 0 : e.nkey;
		e.nbody = get_count(&r, 1);
		e.body = k->file + (r.p - k->file);
		r.p += r.bad ? 0 : e.nbody;
		e.sum = get_u64(&r);
		if (!r.bad)
			add(k, e);
	}
	return !r.bad && r.p == r.end;
}

struct cache *cache_open(int dfd)
{
	struct cache *k = xcalloc(1, sizeof *k);
	k->dfd = dfd;
	k->exe = exe_identity();
	k->write = dfd >= 0 && k->exe;
	if (dfd < 0 || !k->exe)
		return k;
	int fd = openat(dfd, CACHE_FILE, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	size_t len = 0;
	if (fd >= 0) {
		k->file = read_file(fd, &len);
		close(fd);
	}
	if (k->file && !parse(k, len)) {
		/* Not ours to use: written afresh at close. */
		for (size_t i = 0; i < k->n; i++)
			k->v[i] = (struct entry){ 0 };
		k->n = 0;
		free(k->index);
		k->index = NULL;
		k->nindex = 0;
		k->changed = true;
	} else if (!k->file && fd >= 0) {
		k->changed = true;
	}
	return k;
}

static uint64_t entry_sum(const char *key, size_t nkey, const char *body, size_t nbody)
{
	return fnv(fnv(FNV_START, key, nkey), body, nbody);
}

struct course *cache_get(struct cache *k, const char *path, const struct stat *st,
			 const char *tpath, const struct stat *tst)
{
	if (!k || !k->n)
		return NULL;
	size_t nkey;
	char *key = make_key(path, st, tpath, tst, &nkey);
	size_t e = *slot(k, key, nkey);
	free(key);
	if (!e)
		return NULL;
	struct entry *en = &k->v[e - 1];
	struct course *c = NULL;
	if (entry_sum(en->key, en->nkey, en->body, en->nbody) == en->sum)
		c = course_unpack(en->body, en->nbody, path);
	if (c)
		en->used = true;
	else
		k->changed = true;	/* damaged: left out when writing */
	return c;
}

void cache_put(struct cache *k, const char *path, const struct stat *st,
	       const char *tpath, const struct stat *tst, const struct course *c)
{
	if (!k || !k->write)
		return;
	struct entry e = { .used = true, .owned = true };
	e.key = make_key(path, st, tpath, tst, &e.nkey);
	e.body = course_pack(c, &e.nbody);
	e.sum = entry_sum(e.key, e.nkey, e.body, e.nbody);
	size_t *s = k->nindex ? slot(k, e.key, e.nkey) : NULL;
	if (s && *s) {
		/* Made again from the same files (the old one was damaged). */
		struct entry *old = &k->v[*s - 1];
		if (old->owned) {
			free(old->key);
			free(old->body);
		}
		*old = e;
	} else {
		add(k, e);
	}
	k->changed = true;
}

/* Removes the temporary files of writes that were killed midway (those a
 * minute old: a write beside us takes milliseconds). */
static void sweep(int dfd)
{
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dp = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dp) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct dirent *de;
	time_t now = time(NULL);
	while ((de = readdir(dp)) != NULL) {
		struct stat st;
		if (!strncmp(de->d_name, TMP_PREFIX, sizeof TMP_PREFIX - 1) &&
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && now - st.st_mtime > 60)
			unlinkat(dfd, de->d_name, 0);
	}
	closedir(dp);
}

/* Writes the entries asked for this time to a new file, renamed over the
 * old one; a failure leaves the old one (or none), which is only slower. */
static void save(struct cache *k)
{
	sweep(k->dfd);
	struct buf b = { 0 };
	put_raw(&b, magic, MAGIC_LEN);
	put_u64(&b, k->exe);
	uint32_t n = 0;
	for (size_t i = 0; i < k->n; i++)
		n += k->v[i].used;
	put_u32(&b, n);
	for (size_t i = 0; i < k->n; i++) {
		const struct entry *e = &k->v[i];
		if (!e->used)
			continue;
		put_u32(&b, (uint32_t)e->nkey);
		put_raw(&b, e->key, e->nkey);
		put_u32(&b, (uint32_t)e->nbody);
		put_raw(&b, e->body, e->nbody);
		put_u64(&b, e->sum);
	}
	char tmp[64];
	int fd = -1;
	for (int tries = 0; fd < 0 && tries < 8; tries++) {
		snprintf(tmp, sizeof tmp, TMP_PREFIX "%ld.%08lx", (long)getpid(),
			 (unsigned long)random());
		fd = openat(k->dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd >= 0) {
		int err = b.n <= CACHE_MAX_BYTES ? fd_write_all(fd, b.p, b.n, write) : EFBIG;
		if (close(fd) != 0 && !err)
			err = errno;
		if (err || renameat(k->dfd, tmp, k->dfd, CACHE_FILE) != 0)
			unlinkat(k->dfd, tmp, 0);
	}
	free(b.p);
}

void cache_close(struct cache *k, bool write)
{
	if (!k)
		return;
	bool stale = false;
	for (size_t i = 0; i < k->n; i++)
		stale |= !k->v[i].used;
	if (write && k->write && (k->changed || stale))
		save(k);
	for (size_t i = 0; i < k->n; i++)
		if (k->v[i].owned) {
			free(k->v[i].key);
			free(k->v[i].body);
		}
	free(k->v);
	free(k->index);
	free(k->file);
	free(k);
}
