/* store_yaml.c - the progress file format (see progress.h): a reader for
 * untrusted bytes with libyaml's event API, and a writer with its emitter.
 * store.c decides where the file lives and how it is replaced. */
#include "core/store.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define FORMAT_VERSION "1"
/* Largest page index and course version a file may hold. */
#define PAGE_MAX PROGRESS_PAGE_MAX
#define TIME_MAX_YEAR 9999

/* Room for one more element after n (doubling at powers of two). */
static void *grow(void *v, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		return xreallocarray(v, n ? 2 * n : 1, size);
	return v;
}

/* ==== the reader ==== */

struct reader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have;		/* ev holds an event to delete */
	char *err;
	int depth;		/* mappings and lists open */
	bool lenient;		/* skip a bad record instead of failing */
	size_t skipped;		/* records skipped */
	char *first_skipped;	/* why the first was */
};

enum kind { K_ID, K_TIME, K_SESSION, K_COUNT, K_INT, K_SIZE, K_BOOL, K_HASH, K_BOX, K_SUB };

struct emitter;

/* One key of a mapping: how to read and write its value at obj + off. */
struct field {
	const char *key;
	enum kind kind;
	size_t off;
	bool required;
	bool optional;		/* written only when not zero */
	long max;		/* K_INT, K_SIZE */
	bool (*read)(struct reader *r, void *obj);		/* K_SUB */
	void (*write)(struct emitter *e, const char *key, const void *obj);
};

static bool fail_at(struct reader *r, yaml_mark_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail_at(struct reader *r, yaml_mark_t at, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!r->err)
		r->err = xasprintf(_("line %zu, column %zu: %s"), at.line + 1, at.column + 1, msg);
	return false;
}

#define fail(r, ...) fail_at((r), (r)->ev.start_mark, __VA_ARGS__)

static bool has_anchor_or_tag(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor || ev->data.scalar.tag;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor || ev->data.sequence_start.tag;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor || ev->data.mapping_start.tag;
	default:
		return false;
	}
}

/* The next event, deleting the one before: the only place events are read. */
static bool next(struct reader *r)
{
	if (r->have)
		yaml_event_delete(&r->ev);
	r->have = false;
	if (!yaml_parser_parse(&r->parser, &r->ev)) {
		const char *why = r->parser.problem ? r->parser.problem : _("not valid YAML");
		if (r->parser.error == YAML_READER_ERROR)
			r->err = xasprintf(_("byte %zu: %s"), r->parser.problem_offset, why);
		else
			fail_at(r, r->parser.problem_mark, "%s", why);
		return false;
	}
	r->have = true;
	if (r->ev.type == YAML_MAPPING_START_EVENT || r->ev.type == YAML_SEQUENCE_START_EVENT)
		r->depth++;
	else if (r->ev.type == YAML_MAPPING_END_EVENT || r->ev.type == YAML_SEQUENCE_END_EVENT)
		r->depth--;
	if (r->ev.type == YAML_ALIAS_EVENT || has_anchor_or_tag(&r->ev))
		return fail(r, _("anchors, aliases and tags are not allowed"));
	return true;
}

static bool scalar(struct reader *r, const char **s, size_t *n)
{
	*s = "";
	*n = 0;
	if (r->ev.type != YAML_SCALAR_EVENT)
		return fail(r, _("expected a single value"));
	*s = (const char *)r->ev.data.scalar.value;
	*n = r->ev.data.scalar.length;
	if (memchr(*s, '\0', *n))
		return fail(r, _("a value holds a NUL byte"));
	return true;
}

static bool parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	while (n > 1 && s[0] == '0') {	/* "01" is 1 */
		s++;
		n--;
	}
	if (n == 0 || n > 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		uint64_t d = (uint64_t)(s[i] - '0');
		if (d > max || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool parse_session(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n != 16)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *d = strchr("0123456789abcdef", s[i]);
		if (!d || !*d)
			return false;
		v = v << 4 | (uint64_t)(d - "0123456789abcdef");
	}
	*out = v;
	return true;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's method). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = y / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool num_at(const char *s, int len, int lo, int hi, int *out)
{
	int v = 0;
	for (int i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return v >= lo && v <= hi;
}

/* "2026-11-25T03:40:00Z", exactly; or '', which release 1 wrote for a time
 * past the year 9999 (read as the last second of it). */
static bool parse_time(const char *s, size_t n, time_t *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, se;
	if (n == 0) {
		*out = STAMP_MAX;
		return true;
	}
	if (n != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z')
		return false;
	if (!num_at(s, 4, 1970, TIME_MAX_YEAR, &y) || !num_at(s + 5, 2, 1, 12, &mo) ||
	    !num_at(s + 8, 2, 1, mdays[mo - 1], &d) || !num_at(s + 11, 2, 0, 23, &h) ||
	    !num_at(s + 14, 2, 0, 59, &mi) || !num_at(s + 17, 2, 0, 59, &se))
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo == 2 && d == 29 && !leap)
		return false;
	*out = (time_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se);
	return true;
}

static bool parse_box(const char *s, size_t n, int *out)
{
	uint64_t v;
	if (n == 4 && !memcmp(s, "done", 4)) {
		*out = REVIEW_DONE;
		return true;
	}
	if (!parse_u64(s, n, REVIEW_BOXES, &v) || v < 1)
		return false;
	*out = (int)v;
	return true;
}

/* K_COUNT, K_INT and K_SIZE: a whole number up to the field's maximum. */
static bool read_number(struct reader *r, const struct field *f, const char *s,
			size_t n, char *dst)
{
	uint64_t u;
	if (f->kind == K_COUNT) {
		if (!parse_u64(s, n, UINT64_MAX, &u))
			return fail(r, _("\"%s\" is not a whole number"), f->key);
		memcpy(dst, &u, sizeof u);
		return true;
	}
	if (!parse_u64(s, n, (uint64_t)f->max, &u))
		return fail(r, _("\"%s\" is not a number from 0 to %ld"), f->key, f->max);
	if (f->kind == K_INT) {
		int v = (int)u;
		memcpy(dst, &v, sizeof v);
	} else {
		size_t v = (size_t)u;
		memcpy(dst, &v, sizeof v);
	}
	return true;
}

/* Reads a scalar into the field's slot; what each kind accepts is strict. */
static bool read_scalar(struct reader *r, const struct field *f, char *dst)
{
	const char *s;
	size_t n;
	uint64_t u;
	time_t t;
	int box;
	bool b;
	if (!scalar(r, &s, &n))
		return false;
	switch (f->kind) {
	case K_ID:
		if (!progress_id_ok(s, n))
			return fail(r, _("\"%s\" is not a valid id"), f->key);
		char *id = xstrndup(s, n);
		memcpy(dst, &id, sizeof id);
		return true;
	case K_TIME:
		if (!parse_time(s, n, &t))
			return fail(r, _("\"%s\" is not a time like 2026-11-25T03:40:00Z"), f->key);
		memcpy(dst, &t, sizeof t);
		return true;
	case K_SESSION:
	case K_HASH:
		if (!parse_session(s, n, &u))
			return fail(r, _("\"%s\" is not 16 hex digits"), f->key);
		if (f->kind == K_HASH) {
			memcpy(dst, s, 16);
			dst[16] = '\0';
		} else {
			memcpy(dst, &u, sizeof u);
		}
		return true;
	case K_BOOL:
		if (!(n == 4 && !memcmp(s, "true", 4)) && !(n == 5 && !memcmp(s, "false", 5)))
			return fail(r, _("\"%s\" is not true or false"), f->key);
		b = n == 4;
		memcpy(dst, &b, sizeof b);
		return true;
	case K_BOX:
		if (!parse_box(s, n, &box))
			return fail(r, _("\"box\" is not 1 to %d or done"), REVIEW_BOXES);
		memcpy(dst, &box, sizeof box);
		return true;
	default:
		return read_number(r, f, s, n, dst);
	}
}

static size_t field_find(const struct field *f, size_t nf, const char *s, size_t n)
{
	for (size_t i = 0; i < nf; i++)
		if (strlen(f[i].key) == n && !memcmp(f[i].key, s, n))
			return i;
	return nf;
}

static bool record(struct reader *r, void *obj, bool (*read)(struct reader *, void *));

/* The keys of a mapping whose start has been read, up to its end. */
static bool map_body(struct reader *r, const struct field *f, size_t nf, void *obj,
		     yaml_mark_t at)
{
	uint32_t seen = 0;
	for (;;) {
		const char *s;
		size_t n, i;
		if (!next(r))
			return false;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (!scalar(r, &s, &n))
			return false;
		if ((i = field_find(f, nf, s, n)) == nf)
			return fail(r, _("unknown key"));
		/* a key given twice: records add up, a single value is the last one */
		if ((seen & UINT32_C(1) << i) && f[i].kind == K_ID) {
			char *old, *none = NULL;
			memcpy(&old, (char *)obj + f[i].off, sizeof old);
			free(old);
			/* gone now, even if the second value cannot be read */
			memcpy((char *)obj + f[i].off, &none, sizeof none);
		}
		seen |= UINT32_C(1) << i;
		if (!next(r))
			return false;
		if (f[i].kind == K_SUB ? !record(r, obj, f[i].read) :
		    !read_scalar(r, &f[i], (char *)obj + f[i].off))
			return false;
	}
	for (size_t i = 0; i < nf; i++)
		if (f[i].required && !(seen & UINT32_C(1) << i))
			return fail_at(r, at, "\"%s\" is missing", f[i].key);
	return true;
}

/* Reads a record (a list entry or a mapping's value) whose first event is
 * the current one. Lenient, a record that is not valid is skipped to its
 * end and counted, so one bad record costs only itself; a file that is not
 * valid YAML still fails whole (the parser cannot go on). */
static bool record(struct reader *r, void *obj, bool (*read)(struct reader *, void *))
{
	bool opens = r->ev.type == YAML_MAPPING_START_EVENT ||
		     r->ev.type == YAML_SEQUENCE_START_EVENT;
	int outer = r->depth - opens;
	if (read(r, obj))
		return true;
	if (!r->lenient || r->parser.error != YAML_NO_ERROR || !r->have)
		return false;
	if (r->skipped++ == 0)
		r->first_skipped = r->err;
	else
		free(r->err);
	r->err = NULL;
	while (r->depth > outer)
		if (!next(r))
			return false;
	return true;
}

static bool read_map(struct reader *r, const struct field *f, size_t nf, void *obj)
{
	if (r->ev.type != YAML_MAPPING_START_EVENT)
		return fail(r, _("expected a mapping"));
	return map_body(r, f, nf, obj, r->ev.start_mark);
}

/* Calls item for each entry of a sequence; the event is the entry's first. */
static bool read_seq(struct reader *r, void *obj, bool (*item)(struct reader *, void *))
{
	if (r->ev.type != YAML_SEQUENCE_START_EVENT)
		return fail(r, _("expected a list"));
	for (;;) {
		if (!next(r))
			return false;
		if (r->ev.type == YAML_SEQUENCE_END_EVENT)
			return true;
		if (!record(r, obj, item))
			return false;
	}
}

/* ==== the writer ==== */

struct emitter {
	yaml_emitter_t em;
	char *buf;
	size_t len, cap;
	bool ok;
};

static int emit_out(void *data, unsigned char *bytes, size_t n)
{
	struct emitter *e = data;
	if (e->len + n + 1 > e->cap) {
		while (e->len + n + 1 > e->cap)
			e->cap = e->cap ? e->cap * 2 : 4096;
		e->buf = xreallocarray(e->buf, e->cap, 1);
	}
	memcpy(e->buf + e->len, bytes, n);
	e->len += n;
	e->buf[e->len] = '\0';
	return 1;
}

/* Emits an event made by an initializer that returned made. */
static void emit(struct emitter *e, yaml_event_t *ev, int made)
{
	if (!made) {
		e->ok = false;
		return;
	}
	if (!e->ok)
		yaml_event_delete(ev);
	else if (!yaml_emitter_emit(&e->em, ev))
		e->ok = false;
}

static void emit_str(struct emitter *e, const char *s)
{
	yaml_event_t ev;
	emit(e, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
		(yaml_char_t *)(uintptr_t)s, (int)strlen(s), 1, 1, YAML_ANY_SCALAR_STYLE));
}

static void emit_map(struct emitter *e, bool flow)
{
	yaml_event_t ev;
	emit(e, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE));
}

static void emit_map_end(struct emitter *e)
{
	yaml_event_t ev;
	emit(e, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void emit_seq(struct emitter *e)
{
	yaml_event_t ev;
	emit(e, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
							  YAML_BLOCK_SEQUENCE_STYLE));
}

static void emit_seq_end(struct emitter *e)
{
	yaml_event_t ev;
	emit(e, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* The field's value as text into buf[32], or NULL when optional and zero. */
static const char *scalar_text(const struct field *f, const char *src, char buf[32])
{
	const char *s;
	time_t t;
	uint64_t u;
	size_t z;
	int i;
	bool b;
	switch (f->kind) {
	case K_ID:
		memcpy(&s, src, sizeof s);
		return s;
	case K_HASH:
		return src;
	case K_BOOL:
		memcpy(&b, src, sizeof b);
		return b ? "true" : "false";
	case K_TIME:
		memcpy(&t, src, sizeof t);
		if (f->optional && t == 0)
			return NULL;
		progress_format_time(t, buf);
		return buf;
	case K_SESSION:
		memcpy(&u, src, sizeof u);
		snprintf(buf, 32, "%016" PRIx64, u);
		return buf;
	case K_COUNT:
		memcpy(&u, src, sizeof u);
		snprintf(buf, 32, "%" PRIu64, u);
		return buf;
	case K_SIZE:
		memcpy(&z, src, sizeof z);
		if (f->optional && z == 0)
			return NULL;
		snprintf(buf, 32, "%zu", z);
		return buf;
	case K_INT:
	case K_BOX:
		memcpy(&i, src, sizeof i);
		if (f->kind == K_BOX && i == REVIEW_DONE)
			return "done";
		snprintf(buf, 32, "%d", i);
		return buf;
	case K_SUB:
		break;
	}
	return NULL;
}

static void write_map(struct emitter *e, const struct field *f, size_t nf,
		      const void *obj, bool flow)
{
	emit_map(e, flow);
	for (size_t i = 0; i < nf; i++) {
		char buf[32];
		const char *v;
		if (f[i].kind == K_SUB) {
			f[i].write(e, f[i].key, obj);
		} else if ((v = scalar_text(&f[i], (const char *)obj + f[i].off, buf))) {
			emit_str(e, f[i].key);
			emit_str(e, v);
		}
	}
	emit_map_end(e);
}

/* ==== the schema: one table per mapping, used both ways ==== */

#define STAMP_FIELDS(type, member) \
	{ .key = "at", .kind = K_TIME, .off = offsetof(type, member.at), .required = true }, \
	{ .key = "session", .kind = K_SESSION, .off = offsetof(type, member.session), .required = true }, \
	{ .key = "seq", .kind = K_COUNT, .off = offsetof(type, member.seq), .required = true }
#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const struct field place_fields[] = {
	{ .key = "course", .kind = K_ID, .off = offsetof(struct place, course), .required = true },
	{ .key = "lesson", .kind = K_ID, .off = offsetof(struct place, lesson), .required = true },
	{ .key = "page", .kind = K_SIZE, .off = offsetof(struct place, page), .required = true,
	  .max = PAGE_MAX },
	STAMP_FIELDS(struct place, st),
};

static const struct field page_fields[] = {
	{ .key = "page", .kind = K_SIZE, .off = offsetof(struct lesson_progress, page),
	  .required = true, .max = PAGE_MAX },
	STAMP_FIELDS(struct lesson_progress, page_st),
};

static const struct field attempt_fields[] = {
	STAMP_FIELDS(struct attempt, st),
	{ .key = "score", .kind = K_INT, .off = offsetof(struct attempt, score), .required = true,
	  .max = 100 },
	{ .key = "passed", .kind = K_BOOL, .off = offsetof(struct attempt, passed), .required = true },
	{ .key = "version", .kind = K_INT, .off = offsetof(struct attempt, version),
	  .required = true, .max = INT_MAX },
	{ .key = "hash", .kind = K_HASH, .off = offsetof(struct attempt, hash), .required = true },
};

static const struct field review_fields[] = {
	{ .key = "box", .kind = K_BOX, .off = offsetof(struct question_progress, box),
	  .required = true },
	{ .key = "due", .kind = K_TIME, .off = offsetof(struct question_progress, due),
	  .optional = true },
	STAMP_FIELDS(struct question_progress, box_st),
};

static const struct field answer_fields[] = {
	STAMP_FIELDS(struct answer, st),
	{ .key = "correct", .kind = K_BOOL, .off = offsetof(struct answer, correct), .required = true },
};

/* -- a lesson's last page -- */

/* Sub-records are read into a copy, so a skipped one leaves nothing behind. */
static bool page_read(struct reader *r, void *obj)
{
	struct lesson_progress *lp = obj, tmp = *lp;
	if (!read_map(r, page_fields, NFIELDS(page_fields), &tmp))
		return false;
	lp->page = tmp.page;
	lp->page_st = tmp.page_st;
	lp->visited = true;
	return true;
}

static void page_write(struct emitter *e, const char *key, const void *obj)
{
	const struct lesson_progress *lp = obj;
	if (!lp->visited)
		return;
	emit_str(e, key);
	write_map(e, page_fields, NFIELDS(page_fields), lp, true);
}

/* -- attempts per session: {session: n, ...} -- */

static bool tally_read(struct reader *r, void *obj)
{
	struct lesson_progress *lp = obj;
	if (r->ev.type != YAML_MAPPING_START_EVENT)
		return fail(r, _("expected a mapping"));
	for (;;) {
		const char *s;
		size_t n;
		struct tally t;
		if (!next(r))
			return false;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			return true;
		if (!scalar(r, &s, &n) || !parse_session(s, n, &t.session))
			return fail(r, _("a tally key is not a session id"));
		if (!next(r) || !scalar(r, &s, &n) || !parse_u64(s, n, UINT64_MAX, &t.n))
			return fail(r, _("a tally is not a whole number"));
		lp->tallies = grow(lp->tallies, lp->ntallies, sizeof *lp->tallies);
		lp->tallies[lp->ntallies++] = t;
	}
}

static void tally_write(struct emitter *e, const char *key, const void *obj)
{
	const struct lesson_progress *lp = obj;
	if (lp->ntallies == 0)
		return;
	emit_str(e, key);
	emit_map(e, true);
	for (size_t i = 0; i < lp->ntallies; i++) {
		char s[32], n[32];
		snprintf(s, sizeof s, "%016" PRIx64, lp->tallies[i].session);
		snprintf(n, sizeof n, "%" PRIu64, lp->tallies[i].n);
		emit_str(e, s);
		emit_str(e, n);
	}
	emit_map_end(e);
}

/* -- attempts -- */

static bool attempt_read(struct reader *r, void *obj)
{
	struct lesson_progress *lp = obj;
	struct attempt a = { 0 };
	if (!read_map(r, attempt_fields, NFIELDS(attempt_fields), &a))
		return false;
	lp->attempts = grow(lp->attempts, lp->nattempts, sizeof *lp->attempts);
	lp->attempts[lp->nattempts++] = a;
	return true;
}

static bool attempts_read(struct reader *r, void *obj)
{
	return read_seq(r, obj, attempt_read);
}

static void attempts_write(struct emitter *e, const char *key, const void *obj)
{
	const struct lesson_progress *lp = obj;
	if (lp->nattempts == 0)
		return;
	emit_str(e, key);
	emit_seq(e);
	for (size_t i = 0; i < lp->nattempts; i++)
		write_map(e, attempt_fields, NFIELDS(attempt_fields), &lp->attempts[i], true);
	emit_seq_end(e);
}

/* -- a question's review box -- */

static bool review_read(struct reader *r, void *obj)
{
	struct question_progress *qp = obj, tmp = *qp;
	tmp.due = 0;
	if (!read_map(r, review_fields, NFIELDS(review_fields), &tmp))
		return false;
	if (tmp.box <= REVIEW_BOXES && tmp.due == 0)
		return fail(r, _("\"due\" is missing"));
	qp->box = tmp.box;
	qp->due = tmp.box == REVIEW_DONE ? 0 : tmp.due;
	qp->box_st = tmp.box_st;
	return true;
}

static void review_write(struct emitter *e, const char *key, const void *obj)
{
	const struct question_progress *qp = obj;
	if (qp->box == 0)
		return;
	emit_str(e, key);
	write_map(e, review_fields, NFIELDS(review_fields), qp, true);
}

/* -- answers -- */

static bool answer_read(struct reader *r, void *obj)
{
	struct question_progress *qp = obj;
	struct answer a = { .version = -1 };	/* release 1 kept no version, hash or choices */
	if (!read_map(r, answer_fields, NFIELDS(answer_fields), &a))
		return false;
	qp->answers = grow(qp->answers, qp->nanswers, sizeof *qp->answers);
	qp->answers[qp->nanswers++] = a;
	return true;
}

static bool answers_read(struct reader *r, void *obj)
{
	return read_seq(r, obj, answer_read);
}

static void answers_write(struct emitter *e, const char *key, const void *obj)
{
	const struct question_progress *qp = obj;
	if (qp->nanswers == 0)
		return;
	emit_str(e, key);
	emit_seq(e);
	for (size_t i = 0; i < qp->nanswers; i++)
		write_map(e, answer_fields, NFIELDS(answer_fields), &qp->answers[i], true);
	emit_seq_end(e);
}

static const struct field lesson_fields[] = {
	{ .key = "course", .kind = K_ID, .off = offsetof(struct lesson_progress, course),
	  .required = true },
	{ .key = "lesson", .kind = K_ID, .off = offsetof(struct lesson_progress, lesson),
	  .required = true },
	{ .key = "page", .kind = K_SUB, .read = page_read, .write = page_write },
	{ .key = "furthest", .kind = K_SIZE, .off = offsetof(struct lesson_progress, furthest),
	  .optional = true, .max = PAGE_MAX },
	{ .key = "tally", .kind = K_SUB, .read = tally_read, .write = tally_write },
	{ .key = "attempts", .kind = K_SUB, .read = attempts_read, .write = attempts_write },
};

static const struct field question_fields[] = {
	{ .key = "course", .kind = K_ID, .off = offsetof(struct question_progress, course),
	  .required = true },
	{ .key = "lesson", .kind = K_ID, .off = offsetof(struct question_progress, lesson),
	  .required = true },
	{ .key = "question", .kind = K_ID, .off = offsetof(struct question_progress, question),
	  .required = true },
	{ .key = "review", .kind = K_SUB, .read = review_read, .write = review_write },
	{ .key = "answers", .kind = K_SUB, .read = answers_read, .write = answers_write },
};

/* -- the top: place, lessons, questions -- */

static bool place_read(struct reader *r, void *obj)
{
	struct place pl = { 0 };
	bool ok = read_map(r, place_fields, NFIELDS(place_fields), &pl);
	if (ok)
		progress_set_place(obj, pl.course, pl.lesson, pl.page, &pl.st);
	free(pl.course);
	free(pl.lesson);
	return ok;
}

static void place_write(struct emitter *e, const char *key, const void *obj)
{
	const struct progress *p = obj;
	if (!p->place.course)
		return;
	emit_str(e, key);
	write_map(e, place_fields, NFIELDS(place_fields), &p->place, true);
}

/* Entries are gathered first and added in sorted order, so that a long
 * unsorted file costs n log n, not n squared. */
struct gathered {
	void *v;
	size_t n;
};

static bool lesson_read(struct reader *r, void *obj)
{
	struct gathered *g = obj;
	struct lesson_progress *v = g->v = grow(g->v, g->n, sizeof *v);
	v[g->n] = (struct lesson_progress){ 0 };
	if (read_map(r, lesson_fields, NFIELDS(lesson_fields), &v[g->n]))
		return ++g->n, true;
	progress_lesson_clear(&v[g->n]);
	return false;
}

static int lesson_order(const void *va, const void *vb)
{
	const struct lesson_progress *a = va, *b = vb;
	int c = strcmp(a->course, b->course);
	return c ? c : strcmp(a->lesson, b->lesson);
}

static bool lessons_read(struct reader *r, void *obj)
{
	struct gathered g = { 0 };
	struct lesson_progress *v;
	bool ok = read_seq(r, &g, lesson_read);
	v = g.v;
	if (ok && g.n > 1)
		qsort(v, g.n, sizeof *v, lesson_order);
	for (size_t i = 0; i < g.n; i++) {
		if (ok) {
			progress_add_lesson(obj, &v[i]);
			continue;
		}
		progress_lesson_clear(&v[i]);
	}
	free(v);
	return ok;
}

static void lessons_write(struct emitter *e, const char *key, const void *obj)
{
	const struct progress *p = obj;
	if (p->nlessons == 0)
		return;
	emit_str(e, key);
	emit_seq(e);
	for (size_t i = 0; i < p->nlessons; i++)
		write_map(e, lesson_fields, NFIELDS(lesson_fields), &p->lessons[i], false);
	emit_seq_end(e);
}

static bool question_read(struct reader *r, void *obj)
{
	struct gathered *g = obj;
	struct question_progress *v = g->v = grow(g->v, g->n, sizeof *v);
	v[g->n] = (struct question_progress){ 0 };
	if (read_map(r, question_fields, NFIELDS(question_fields), &v[g->n]))
		return ++g->n, true;
	progress_question_clear(&v[g->n]);
	return false;
}

static int question_order(const void *va, const void *vb)
{
	const struct question_progress *a = va, *b = vb;
	int c = strcmp(a->course, b->course);
	if (c == 0)
		c = strcmp(a->lesson, b->lesson);
	return c ? c : strcmp(a->question, b->question);
}

static bool questions_read(struct reader *r, void *obj)
{
	struct gathered g = { 0 };
	struct question_progress *v;
	bool ok = read_seq(r, &g, question_read);
	v = g.v;
	if (ok && g.n > 1)
		qsort(v, g.n, sizeof *v, question_order);
	for (size_t i = 0; i < g.n; i++) {
		if (ok) {
			progress_add_question(obj, &v[i]);
			continue;
		}
		progress_question_clear(&v[i]);
	}
	free(v);
	return ok;
}

static void questions_write(struct emitter *e, const char *key, const void *obj)
{
	const struct progress *p = obj;
	if (p->nquestions == 0)
		return;
	emit_str(e, key);
	emit_seq(e);
	for (size_t i = 0; i < p->nquestions; i++)
		write_map(e, question_fields, NFIELDS(question_fields), &p->questions[i], false);
	emit_seq_end(e);
}

static bool seen_read(struct reader *r, void *obj)
{
	struct progress *p = obj;
	const char *s = NULL;
	size_t n = 0;
	if (!scalar(r, &s, &n) || !(n == 4 && !memcmp(s, "true", 4)))
		return r->err ? false : fail(r, _("\"notice-seen\" is not true"));
	p->notice_seen = true;
	return true;
}

static void seen_write(struct emitter *e, const char *key, const void *obj)
{
	const struct progress *p = obj;
	if (!p->notice_seen)
		return;
	emit_str(e, key);
	emit_str(e, "true");
}

static const struct field root_fields[] = {
	{ .key = "notice-seen", .kind = K_SUB, .read = seen_read, .write = seen_write },
	{ .key = "place", .kind = K_SUB, .read = place_read, .write = place_write },
	{ .key = "lessons", .kind = K_SUB, .read = lessons_read, .write = lessons_write },
	{ .key = "questions", .kind = K_SUB, .read = questions_read, .write = questions_write },
};

/* "rollwise-progress: 1" must come first, so another version is named as such. */
static bool read_version(struct reader *r)
{
	const char *s;
	size_t n;
	if (!next(r) || r->ev.type != YAML_SCALAR_EVENT ||
	    r->ev.data.scalar.length != strlen("rollwise-progress") ||
	    memcmp(r->ev.data.scalar.value, "rollwise-progress", 17) != 0)
		return r->err ? false : fail(r, _("not a rollwise progress file"));
	if (!next(r) || !scalar(r, &s, &n))
		return false;
	if (n != 1 || s[0] != FORMAT_VERSION[0]) {
		uint64_t v;
		if (parse_u64(s, n, 1000000, &v))
			return fail(r, "format version %" PRIu64 " is not one this rollwise knows (it knows %s)",
				    v, FORMAT_VERSION);
		return fail(r, _("the format version is not a number"));
	}
	return true;
}

/* One document, from its start to its end. */
static bool read_document(struct reader *r, struct progress *p)
{
	if (!next(r))
		return false;
	if (r->ev.type != YAML_MAPPING_START_EVENT)
		return fail(r, _("not a rollwise progress file"));
	yaml_mark_t at = r->ev.start_mark;
	if (!read_version(r) || !map_body(r, root_fields, NFIELDS(root_fields), p, at) ||
	    !next(r))
		return false;
	if (r->ev.type != YAML_DOCUMENT_END_EVENT || r->ev.data.document_end.implicit)
		return fail(r, _("the file is cut short (the closing \"...\" is missing)"));
	return true;
}

static bool read_root(struct reader *r, struct progress *p)
{
	if (!next(r) || !next(r))	/* the stream start, then the document */
		return false;
	if (r->ev.type != YAML_DOCUMENT_START_EVENT)
		return fail(r, _("the file is empty"));
	/* more documents (files joined by hand): their records add up */
	while (r->ev.type == YAML_DOCUMENT_START_EVENT)
		if (!read_document(r, p) || !next(r))
			return false;
	if (r->ev.type != YAML_STREAM_END_EVENT)
		return fail(r, _("not a rollwise progress file"));
	return true;
}

static int parse(const char *buf, size_t len, bool lenient, struct progress **out,
		 size_t *skipped, char **warn, char **err)
{
	*out = NULL;
	*err = NULL;
	if (len == 0) {
		*err = xstrdup(_("the file is empty"));
		return -1;
	}
	if (len > PROGRESS_MAX_BYTES) {
		*err = xasprintf(_("the file is larger than %d bytes"), PROGRESS_MAX_BYTES);
		return -1;
	}
	struct reader r = { .lenient = lenient };
	if (!yaml_parser_initialize(&r.parser))
		xalloc_fail();
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	struct progress *p = progress_new();
	bool ok = read_root(&r, p);
	if (r.have)
		yaml_event_delete(&r.ev);
	yaml_parser_delete(&r.parser);
	if (!ok) {
		progress_free(p);
		free(r.first_skipped);
		*err = r.err ? r.err : xstrdup(_("not a rollwise progress file"));
		return -1;
	}
	free(r.err);
	if (skipped) {
		*skipped = r.skipped;
		*warn = r.first_skipped;
	}
	*out = p;
	return 0;
}

int store_parse(const char *buf, size_t len, struct progress **out, char **err)
{
	return parse(buf, len, false, out, NULL, NULL, err);
}

int store_parse_records(const char *buf, size_t len, struct progress **out, size_t *skipped,
			char **first, char **err)
{
	return parse(buf, len, true, out, skipped, first, err);
}

char *store_format(const struct progress *p, size_t *len, char **err)
{
	struct emitter e = { .ok = true };
	yaml_event_t ev;
	if (!yaml_emitter_initialize(&e.em))
		xalloc_fail();
	yaml_emitter_set_output(&e.em, emit_out, &e);
	yaml_emitter_set_unicode(&e.em, 1);
	yaml_emitter_set_width(&e.em, -1);	/* a record per line */
	emit(&e, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	emit(&e, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	emit_map(&e, false);
	emit_str(&e, "rollwise-progress");
	emit_str(&e, FORMAT_VERSION);
	for (size_t i = 0; i < NFIELDS(root_fields); i++)
		root_fields[i].write(&e, root_fields[i].key, p);
	emit_map_end(&e);
	emit(&e, &ev, yaml_document_end_event_initialize(&ev, 0)); /* the "..." */
	emit(&e, &ev, yaml_stream_end_event_initialize(&ev));
	if (e.ok && !yaml_emitter_flush(&e.em))
		e.ok = false;
	if (!e.ok) {
		*err = xasprintf(_("cannot write progress: %s"),
				 e.em.problem ? e.em.problem : "a value is not valid UTF-8");
		free(e.buf);
		e.buf = NULL;
	}
	yaml_emitter_delete(&e.em);
	*len = e.len;
	return e.buf;
}
