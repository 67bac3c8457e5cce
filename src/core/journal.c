/* journal.c - writing and reading journal lines (the format is in journal.h).
 * The reader is hand-written: a line is small, its grammar is fixed, and a
 * year of progress must load in a few milliseconds. */
#include "core/journal.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== writing ==== */

struct out {
	char *buf;
	size_t cap, n;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->n + n < o->cap) {
		memcpy(o->buf + o->n, s, n);
		o->n += n;
	} else {
		o->n = o->cap;	/* too long: journal_format reports 0 */
	}
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put(o, tmp, k > 0 ? (size_t)k : 0);
}

/* YAML reads these plain words as something other than a string. */
static bool plain_ok(const char *s)
{
	static const char *const words[] = { "true", "false", "null", "yes", "no", "on",
					     "off", "y", "n" };
	size_t n = strlen(s), digits = strspn(s, "0123456789");
	if (n == 0 || n == digits || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != n ||
	    s[0] == '-')
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(s, words[i]))
			return false;
	return true;
}

static void put_str(struct out *o, const char *key, const char *s)
{
	putf(o, ", %s: ", key);
	if (plain_ok(s)) {
		puts_(o, s);
		return;
	}
	put(o, "'", 1);
	for (const char *p = s; *p; p++)
		if (*p == '\'')
			put(o, "''", 2);
		else
			put(o, p, 1);
	put(o, "'", 1);
}

static void put_time(struct out *o, const char *key, time_t t)
{
	char buf[21];
	progress_format_time(t, buf);
	putf(o, ", %s: %s", key, buf);
}

static void put_stamp(struct out *o, const struct stamp *st)
{
	put_time(o, "at", st->at);
	putf(o, ", sess: %016" PRIx64 ", seq: %" PRIu64, st->session, st->seq);
}

static const char *const kind_name[] = {
	[EV_NOTICE] = "notice", [EV_PAGE] = "page", [EV_ANSWER] = "answer",
	[EV_ATTEMPT] = "attempt", [EV_BOX] = "box", [EV_TALLY] = "tally", [EV_GONE] = "gone",
};
#define NKINDS (sizeof kind_name / sizeof *kind_name)

size_t journal_header(char *buf, size_t cap, size_t snapshot)
{
	int k = snapshot ? snprintf(buf, cap, "- {rollwise-progress: %d, snapshot: %zu}\n",
				    JOURNAL_VERSION, snapshot)
			 : snprintf(buf, cap, "- {rollwise-progress: %d}\n", JOURNAL_VERSION);
	return k > 0 && (size_t)k < cap ? (size_t)k : 0;
}

size_t journal_format(const struct event *ev, char *buf, size_t cap)
{
	struct out o = { buf, cap, 0 };
	putf(&o, "- {ev: %s", kind_name[ev->kind]);
	switch (ev->kind) {
	case EV_TALLY:
		putf(&o, ", sess: %016" PRIx64, ev->st.session);
		break;
	case EV_GONE:
		put_time(&o, "at", ev->st.at);
		break;
	default:
		put_stamp(&o, &ev->st);
	}
	if (ev->kind != EV_NOTICE) {
		put_str(&o, "course", ev->course);
		if (ev->lesson)
			put_str(&o, "lesson", ev->lesson);
		if (ev->question && (ev->kind == EV_ANSWER || ev->kind == EV_BOX ||
				     (ev->kind == EV_GONE && ev->lesson)))
			put_str(&o, "question", ev->question);
	}
	switch (ev->kind) {
	case EV_PAGE:
		putf(&o, ", page: %zu", ev->page);
		if (ev->furthest > ev->page)
			putf(&o, ", furthest: %zu", ev->furthest);
		break;
	case EV_ANSWER: {
		const struct answer *a = &ev->answer;
		puts_(&o, ", picked: [");
		for (unsigned i = 0, first = 1; i < 32; i++)
			if ((a->picked >> i) & 1) {
				putf(&o, first ? "%u" : ", %u", i);
				first = 0;
			}
		putf(&o, "], right: %s", a->correct ? "true" : "false");
		if (a->version >= 0)
			putf(&o, ", version: %d", a->version);
		if (a->hash[0])
			putf(&o, ", hash: %s", a->hash);
		if (a->run)
			putf(&o, ", run: %" PRIu64, a->run);
		if (ev->box >= 1) {
			putf(&o, ", box: %d", ev->box);
			if (ev->box <= REVIEW_BOXES)
				put_time(&o, "due", ev->due);
		}
		break;
	}
	case EV_ATTEMPT: {
		const struct attempt *a = &ev->attempt;
		putf(&o, ", score: %d, passed: %s, version: %d, hash: %s", a->score,
		     a->passed ? "true" : "false", a->version, a->hash);
		if (a->run)
			putf(&o, ", run: %" PRIu64, a->run);
		if (ev->tally)
			putf(&o, ", tally: %" PRIu64, ev->tally);
		break;
	}
	case EV_BOX:
		putf(&o, ", box: %d", ev->box);
		if (ev->box <= REVIEW_BOXES)
			put_time(&o, "due", ev->due);
		break;
	case EV_TALLY:
		putf(&o, ", tally: %" PRIu64, ev->tally);
		break;
	default:
		break;
	}
	puts_(&o, "}\n");
	return o.n < cap ? o.n : 0;
}

/* ==== reading ==== */

enum key {
	K_EV, K_AT, K_SESS, K_SEQ, K_COURSE, K_LESSON, K_QUESTION, K_PAGE, K_FURTHEST,
	K_PICKED, K_RIGHT, K_VERSION, K_HASH, K_RUN, K_BOX, K_DUE, K_SCORE, K_PASSED,
	K_TALLY, K_HEADER, K_SNAPSHOT, K_LIST, NKEYS
};
static const char *const key_name[NKEYS] = {
	"ev", "at", "sess", "seq", "course", "lesson", "question", "page", "furthest",
	"picked", "right", "version", "hash", "run", "box", "due", "score", "passed",
	"tally", "rollwise-progress", "snapshot", "list",
};
static const unsigned char key_len[NKEYS] = {
	2, 2, 4, 3, 6, 6, 8, 4, 8, 6, 5, 7, 4, 3, 3, 3, 5, 6, 5, 17, 8, 4,
};

struct line {
	const char *p, *end;
	char *scratch;		/* unquoted strings go here */
	const char *why;
};

static bool fail(struct line *l, const char *why)
{
	if (!l->why)
		l->why = why;
	return false;
}

static void spaces(struct line *l)
{
	while (l->p < l->end && *l->p == ' ')
		l->p++;
}

static bool expect(struct line *l, char c)
{
	spaces(l);
	if (l->p >= l->end || *l->p != c)
		return fail(l, N_("the line is not a {key: value, ...} mapping"));
	l->p++;
	return true;
}

/* A scalar: 'quoted' (with '' for ') or plain up to ',' '}' or ']'. */
static bool scalar(struct line *l, const char **s, size_t *n)
{
	spaces(l);
	if (l->p < l->end && *l->p == '\'') {
		char *d = l->scratch, *start = d;
		for (l->p++;;) {
			const char *q = memchr(l->p, '\'', (size_t)(l->end - l->p));
			if (!q)
				return fail(l, N_("a quoted value has no closing quote"));
			memcpy(d, l->p, (size_t)(q - l->p));
			d += q - l->p;
			l->p = q + 1;
			if (l->p < l->end && *l->p == '\'') {	/* '' is a quote */
				*d++ = '\'';
				l->p++;
				continue;
			}
			break;
		}
		*d++ = '\0';
		l->scratch = d;
		*s = start;
		*n = (size_t)(d - start - 1);
		return true;
	}
	const char *start = l->p;
	while (l->p < l->end && *l->p != ',' && *l->p != '}' && *l->p != ']' &&
	       *l->p != '{' && *l->p != '[')
		l->p++;
	const char *e = l->p;
	while (e > start && e[-1] == ' ')
		e--;
	if (e == start)
		return fail(l, N_("a value is missing"));
	memcpy(l->scratch, start, (size_t)(e - start));
	l->scratch[e - start] = '\0';
	*s = l->scratch;
	*n = (size_t)(e - start);
	l->scratch += *n + 1;
	return true;
}

static bool number(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0 || n > 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

static bool hex(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0 || n > 16)
		return false;
	for (size_t i = 0; i < n; i++) {
		int d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
		      : s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10
		      : s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return true;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* YYYY-MM-DDTHH:MM:SSZ, the year any length and sign; a time outside
 * 1970-9999 is clamped into it. */
static bool parse_time(const char *s, size_t n, time_t *out)
{
	size_t i = 0;
	bool neg = n > 0 && s[0] == '-';
	int64_t y = 0;
	for (i = neg; i < n && s[i] >= '0' && s[i] <= '9' && i < 12; i++)
		y = y * 10 + (s[i] - '0');
	if (i == neg || n - i != 16)
		return false;
	const char *t = s + i;
	static const char shape[] = "-nn-nnTnn:nn:nnZ";
	for (size_t k = 0; k < 16; k++)
		if (shape[k] == 'n' ? t[k] < '0' || t[k] > '9' : t[k] != shape[k])
			return false;
	int mo = (t[1] - '0') * 10 + t[2] - '0', d = (t[4] - '0') * 10 + t[5] - '0';
	int h = (t[7] - '0') * 10 + t[8] - '0', mi = (t[10] - '0') * 10 + t[11] - '0';
	int sec = (t[13] - '0') * 10 + t[14] - '0';
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return false;
	if (neg)
		y = -y;
	if (y < 1970) {
		*out = STAMP_MIN;
		return true;
	}
	if (y > 9999) {
		*out = STAMP_MAX;
		return true;
	}
	int64_t v = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	*out = progress_clamp_time((time_t)v);
	return true;
}

static bool boolean(const char *s, size_t n, bool *out)
{
	if (n == 4 && !memcmp(s, "true", 4))
		*out = true;
	else if (n == 5 && !memcmp(s, "false", 5))
		*out = false;
	else
		return false;
	return true;
}

/* Skips a flow list or mapping (a value rollwise does not know). */
static bool skip_nested(struct line *l)
{
	int depth = 0;
	bool quoted = false;
	for (; l->p < l->end; l->p++) {
		char c = *l->p;
		if (quoted)
			quoted = c != '\'';
		else if (c == '\'')
			quoted = true;
		else if (c == '[' || c == '{')
			depth++;
		else if ((c == ']' || c == '}') && --depth == 0) {
			l->p++;
			return true;
		}
	}
	return fail(l, N_("a list or a mapping is not closed"));
}

/* [0, 2]: choice indices, as a set. */
static bool picked_list(struct line *l, unsigned *out)
{
	*out = 0;
	if (!expect(l, '['))
		return false;
	spaces(l);
	if (l->p < l->end && *l->p == ']') {
		l->p++;
		return true;
	}
	for (;;) {
		const char *s;
		size_t n;
		uint64_t v;
		if (!scalar(l, &s, &n) || !number(s, n, 31, &v))
			return fail(l, N_("picked holds a number that is not a choice (0 to 31)"));
		*out |= 1u << v;
		spaces(l);
		if (l->p < l->end && *l->p == ',') {
			l->p++;
			continue;
		}
		return expect(l, ']');
	}
}

/* What one line is: JL_SKIP a newer rollwise's event (a line this one
 * understands, and skips), JL_BLANK an empty or comment line. */
enum jline { JL_EVENT, JL_ANSWERS, JL_HEADER, JL_SKIP, JL_BLANK, JL_BAD };

static enum jline parse_line(const char *s, size_t n, char *scratch, struct event *ev,
			     int *version, size_t *snapshot, const char **list, size_t *nlist,
			     const char **why)
{
	struct line l = { s, s + n, scratch, NULL };
	bool seen[NKEYS] = { 0 };
	const char *val[NKEYS] = { 0 };
	size_t len[NKEYS] = { 0 };
	unsigned picked = 0;
	*ev = (struct event){ .box = -1, .answer = { .version = -1 } };
	spaces(&l);
	if (l.p == l.end || *l.p == '#')
		return JL_BLANK;
	if (!expect(&l, '-') || !expect(&l, '{')) {
		*why = l.why;
		return JL_BAD;
	}
	for (bool more = true; more;) {
		spaces(&l);
		const char *k = l.p;
		while (l.p < l.end && *l.p != ':' && *l.p != ',' && *l.p != '}')
			l.p++;
		size_t kn = (size_t)(l.p - k);
		if (!expect(&l, ':'))
			break;
		int key = NKEYS;
		for (int i = 0; i < NKEYS && key == NKEYS; i++)
			if (key_len[i] == kn && k[0] == key_name[i][0] && !memcmp(key_name[i], k, kn))
				key = i;
		if (key < NKEYS && seen[key]) {
			fail(&l, N_("a key appears twice"));
			break;
		}
		spaces(&l);
		if (key == K_PICKED) {
			if (!picked_list(&l, &picked))
				break;
		} else if (key == K_LIST && l.p < l.end && *l.p == '[') {
			val[K_LIST] = l.p;
			if (!skip_nested(&l))
				break;
			len[K_LIST] = (size_t)(l.p - val[K_LIST]);
		} else if (l.p < l.end && (*l.p == '[' || *l.p == '{')) {
			if (key < NKEYS) {
				fail(&l, N_("a value is a list or a mapping where a single value belongs"));
				break;
			}
			if (!skip_nested(&l))	/* a newer rollwise's key */
				break;
		} else {
			const char *v;
			size_t vn;
			if (!scalar(&l, &v, &vn))
				break;
			if (key < NKEYS) {
				val[key] = v;
				len[key] = vn;
			}
		}
		if (key < NKEYS)
			seen[key] = true;
		spaces(&l);
		if (l.p < l.end && *l.p == ',') {
			l.p++;
		} else if (expect(&l, '}')) {
			more = false;
			spaces(&l);
			if (l.p != l.end)
				fail(&l, N_("there is more after the closing brace"));
		} else {
			break;
		}
	}
	if (l.why) {
		*why = l.why;
		return JL_BAD;
	}
	uint64_t u;
	if (seen[K_HEADER]) {
		if (!number(val[K_HEADER], len[K_HEADER], 1000000, &u)) {
			*why = N_("the format version is not a number");
			return JL_BAD;
		}
		*version = (int)u;
		if (seen[K_SNAPSHOT] &&
		    number(val[K_SNAPSHOT], len[K_SNAPSHOT], (uint64_t)1 << 40, &u))
			*snapshot = (size_t)u;
		return JL_HEADER;
	}
	if (!seen[K_EV]) {
		*why = N_("the line has no ev: key");
		return JL_BAD;
	}
	size_t kind = NKINDS;
	for (size_t i = 0; i < NKINDS; i++)
		if (strlen(kind_name[i]) == len[K_EV] && !memcmp(kind_name[i], val[K_EV], len[K_EV]))
			kind = i;
	if (len[K_EV] == 7 && !memcmp(val[K_EV], "answers", 7)) {
		if (!seen[K_LIST] || !val[K_COURSE] || !val[K_LESSON] || !val[K_QUESTION]) {
			*why = N_("an answers line lacks its course, lesson, question or list");
			return JL_BAD;
		}
		ev->course = val[K_COURSE];
		ev->lesson = val[K_LESSON];
		ev->question = val[K_QUESTION];
		*list = val[K_LIST];
		*nlist = len[K_LIST];
		return JL_ANSWERS;
	}
	if (kind == NKINDS)
		return JL_SKIP;	/* a newer rollwise's event */
	ev->kind = (enum event_kind)kind;
	ev->course = val[K_COURSE];
	ev->lesson = val[K_LESSON];
	ev->question = val[K_QUESTION];
#define NEED(k, ok, msg) \
	do { if (!seen[k] || !(ok)) { *why = msg; return JL_BAD; } } while (0)
#define MAYBE(k, ok, msg) \
	do { if (seen[k] && !(ok)) { *why = msg; return JL_BAD; } } while (0)
	bool stamped = ev->kind != EV_TALLY && ev->kind != EV_GONE;
	if (stamped || ev->kind == EV_GONE)
		NEED(K_AT, parse_time(val[K_AT], len[K_AT], &ev->st.at),
		     N_("at: is not a time like 2026-11-25T03:40:00Z"));
	if (stamped || ev->kind == EV_TALLY)
		NEED(K_SESS, hex(val[K_SESS], len[K_SESS], &ev->st.session),
		     N_("sess: is not a hexadecimal session id"));
	if (stamped)
		NEED(K_SEQ, number(val[K_SEQ], len[K_SEQ], UINT64_MAX - 1, &ev->st.seq),
		     N_("seq: is not a number"));
	if (ev->kind != EV_NOTICE && !ev->course) {
		*why = N_("course: is missing");
		return JL_BAD;
	}
	switch (ev->kind) {
	case EV_PAGE:
		NEED(K_PAGE, number(val[K_PAGE], len[K_PAGE], PROGRESS_PAGE_MAX, &u),
		     N_("page: is not a page number"));
		ev->page = (size_t)u;
		MAYBE(K_FURTHEST, number(val[K_FURTHEST], len[K_FURTHEST], PROGRESS_PAGE_MAX, &u),
		      N_("furthest: is not a page number"));
		ev->furthest = seen[K_FURTHEST] ? (size_t)u : 0;
		break;
	case EV_ANSWER: {
		struct answer *a = &ev->answer;
		a->picked = picked;
		NEED(K_RIGHT, boolean(val[K_RIGHT], len[K_RIGHT], &a->correct),
		     N_("right: is not true or false"));
		MAYBE(K_VERSION, number(val[K_VERSION], len[K_VERSION], 1000000000, &u),
		      N_("version: is not a number"));
		a->version = seen[K_VERSION] ? (int)u : -1;
		MAYBE(K_HASH, len[K_HASH] == 16, N_("hash: is not 16 hexadecimal digits"));
		if (seen[K_HASH])
			memcpy(a->hash, val[K_HASH], 17);
		MAYBE(K_RUN, number(val[K_RUN], len[K_RUN], UINT64_MAX - 1, &a->run),
		      N_("run: is not a number"));
		goto box;
	}
	case EV_BOX:
		NEED(K_BOX, 1, N_("box: is missing"));
	box:
		MAYBE(K_BOX, number(val[K_BOX], len[K_BOX], REVIEW_DONE, &u) && u >= 1,
		      N_("box: is not a review box (1 to 6)"));
		ev->box = seen[K_BOX] ? (int)u : -1;
		MAYBE(K_DUE, parse_time(val[K_DUE], len[K_DUE], &ev->due),
		      N_("due: is not a time like 2026-11-25T03:40:00Z"));
		break;
	case EV_ATTEMPT: {
		struct attempt *a = &ev->attempt;
		NEED(K_SCORE, number(val[K_SCORE], len[K_SCORE], 100, &u),
		     N_("score: is not a percentage"));
		a->score = (int)u;
		NEED(K_PASSED, boolean(val[K_PASSED], len[K_PASSED], &a->passed),
		     N_("passed: is not true or false"));
		NEED(K_VERSION, number(val[K_VERSION], len[K_VERSION], 1000000000, &u),
		     N_("version: is not a number"));
		a->version = (int)u;
		NEED(K_HASH, len[K_HASH] == 16, N_("hash: is not 16 hexadecimal digits"));
		memcpy(a->hash, val[K_HASH], 17);
		MAYBE(K_RUN, number(val[K_RUN], len[K_RUN], UINT64_MAX - 1, &a->run),
		      N_("run: is not a number"));
		MAYBE(K_TALLY, number(val[K_TALLY], len[K_TALLY], UINT64_MAX - 1, &ev->tally),
		      N_("tally: is not a number"));
		break;
	}
	case EV_TALLY:
		NEED(K_TALLY, number(val[K_TALLY], len[K_TALLY], UINT64_MAX - 1, &ev->tally),
		     N_("tally: is not a number"));
		break;
	default:
		break;
	}
#undef NEED
#undef MAYBE
	ev->answer.st = ev->attempt.st = ev->st;
	return JL_EVENT;
}

/* One answer of an answers line: [at, sess, seq, [picked], right, version,
 * hash, run], with ~ for an unknown version or hash. */
static bool answer_entry(struct line *l, struct event *ev)
{
	const char *v[8] = { 0 };
	size_t n[8] = { 0 };
	uint64_t u = 0;
	ev->kind = EV_ANSWER;
	ev->box = -1;
	ev->answer = (struct answer){ .version = -1 };
	if (!expect(l, '['))
		return false;
	for (int i = 0; i < 8; i++) {
		if (i && !expect(l, ','))
			return false;
		if (i == 3) {
			if (!picked_list(l, &ev->answer.picked))
				return false;
			continue;
		}
		if (!scalar(l, &v[i], &n[i]))
			return false;
	}
	if (!expect(l, ']'))
		return false;
	bool unknown_v = n[5] == 1 && v[5][0] == '~', unknown_h = n[6] == 1 && v[6][0] == '~';
	if (!parse_time(v[0], n[0], &ev->st.at) || !hex(v[1], n[1], &ev->st.session) ||
	    !number(v[2], n[2], UINT64_MAX - 1, &ev->st.seq) ||
	    !boolean(v[4], n[4], &ev->answer.correct) ||
	    (!unknown_v && !number(v[5], n[5], 1000000000, &u)) ||
	    (!unknown_h && n[6] != 16) || !number(v[7], n[7], UINT64_MAX - 1, &ev->answer.run))
		return fail(l, N_("an answer in the list is not [time, session, seq, [choices], "
				  "right, version, hash, run]"));
	ev->answer.version = unknown_v ? -1 : (int)u;
	if (!unknown_h)
		memcpy(ev->answer.hash, v[6], 17);
	ev->answer.st = ev->st;
	return true;
}

/* Folds each answer of an answers line; a bad one spoils the line. */
static bool fold_answers(const char *list, size_t n, char *scratch, const struct event *head,
			 struct progress *p, bool tidy, const char **why)
{
	struct line l = { list, list + n, scratch, NULL };
	if (!expect(&l, '['))
		return false;
	char *base = l.scratch;
	spaces(&l);
	if (l.p < l.end && *l.p == ']')
		return true;
	for (;;) {
		struct event ev;
		if (!answer_entry(&l, &ev))
			break;
		ev.course = head->course;
		ev.lesson = head->lesson;
		ev.question = head->question;
		if (progress_apply(p, &ev, tidy) != 0) {
			fail(&l, N_("an id, a score or a hash is not valid"));
			break;
		}
		l.scratch = base;	/* the values of one entry at a time */
		spaces(&l);
		if (l.p < l.end && *l.p == ',') {
			l.p++;
			continue;
		}
		if (expect(&l, ']'))
			return true;
		break;
	}
	*why = l.why ? l.why : N_("the list of answers is not valid");
	return false;
}

static void reject(struct journal_read *r, const char *s, size_t n, size_t lineno,
		   const char *why)
{
	if (r->bad++ == 0) {
		r->first_bad = lineno;
		snprintf(r->why, sizeof r->why, "%s", _(why));
	}
	r->rejects = xreallocarray(r->rejects, r->nrejects + n + 2, 1);
	memcpy(r->rejects + r->nrejects, s, n);
	r->nrejects += n;
	r->rejects[r->nrejects++] = '\n';
	r->rejects[r->nrejects] = '\0';
}

void journal_fold(const char *buf, size_t len, size_t line0, struct progress *p,
		  bool tidy, struct journal_read *r)
{
	/* every value is copied with its NUL; values are at least 3 bytes apart */
	char *scratch = xmalloc(2 * JOURNAL_LINE_MAX + 2);
	size_t lineno = line0, good = 0;
	const char *s = buf, *end = buf + len;
	r->end = 0;
	r->torn = false;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl) {
			r->torn = true;
			break;
		}
		size_t n = (size_t)(nl - s);
		lineno++;
		struct event ev;
		int version = 0;
		size_t snapshot = 0, nlist = 0;
		const char *why = NULL, *list = NULL;
		enum jline kind = JL_BAD;
		if (memchr(s, '\0', n))
			why = N_("the line holds a NUL byte");
		else if (n > JOURNAL_LINE_MAX)
			why = N_("the line is too long");
		else
			kind = parse_line(s, n, scratch, &ev, &version, &snapshot, &list, &nlist,
					  &why);
		switch (kind) {
		case JL_HEADER:
			if (r->version == 0) {
				r->version = version;
				r->snapshot = snapshot;
			}
			good++;
			break;
		case JL_EVENT:
			if (progress_apply(p, &ev, tidy) == 0) {
				r->events++;
				good++;
			} else {
				reject(r, s, n, lineno, "an id, a score or a hash is not valid");
			}
			break;
		case JL_ANSWERS:
			/* the ids are in scratch: the list's values go after them */
			if (fold_answers(list, nlist, scratch + n + 1, &ev, p, tidy, &why)) {
				r->events++;
				good++;
			} else {
				reject(r, s, n, lineno, why);
			}
			break;
		case JL_SKIP:
			good++;
			break;
		case JL_BLANK:	/* says nothing about the file: binary junk has them too */
			break;
		case JL_BAD:
			reject(r, s, n, lineno, why);
			break;
		}
		s = nl + 1;
		r->end = (size_t)(s - buf);
		r->lines = lineno - line0;
	}
	r->text = good > 0 || (r->bad == 0 && !memchr(buf, '\0', len));
	free(scratch);
}

struct snap {
	struct out o;
	char line[JOURNAL_LINE_MAX];
	struct event group[JOURNAL_GROUP];	/* answers of one question */
	size_t ngroup;
};

static void snap_put(struct snap *sn, size_t n)
{
	if (sn->o.n + n + 1 > sn->o.cap) {
		sn->o.cap = 2 * (sn->o.cap + n + 1);
		sn->o.buf = xreallocarray(sn->o.buf, sn->o.cap, 1);
	}
	put(&sn->o, sn->line, n);
}

/* The grouped answers as one line. */
static void snap_group(struct snap *sn)
{
	if (sn->ngroup == 0)
		return;
	const struct event *g = sn->group;
	struct out o = { sn->line, sizeof sn->line, 0 };
	puts_(&o, "- {ev: answers");
	put_str(&o, "course", g->course);
	put_str(&o, "lesson", g->lesson);
	put_str(&o, "question", g->question);
	puts_(&o, ", list: [");
	for (size_t i = 0; i < sn->ngroup; i++) {
		const struct answer *a = &sn->group[i].answer;
		char t[21];
		progress_format_time(a->st.at, t);
		putf(&o, "%s[%s, %016" PRIx64 ", %" PRIu64 ", [", i ? ", " : "", t, a->st.session,
		     a->st.seq);
		for (unsigned c = 0, first = 1; c < 32; c++)
			if ((a->picked >> c) & 1) {
				putf(&o, first ? "%u" : ", %u", c);
				first = 0;
			}
		putf(&o, "], %s, ", a->correct ? "true" : "false");
		if (a->version >= 0)
			putf(&o, "%d, ", a->version);
		else
			puts_(&o, "~, ");
		puts_(&o, a->hash[0] ? a->hash : "~");
		putf(&o, ", %" PRIu64 "]", a->run);
	}
	puts_(&o, "]}\n");
	size_t count = sn->ngroup;
	sn->ngroup = 0;
	if (o.n < o.cap) {
		snap_put(sn, o.n);
		return;
	}
	/* too long for one line (ids at their longest): one line each */
	for (size_t i = 0; i < count; i++) {
		size_t n = journal_format(&g[i], sn->line, sizeof sn->line);
		snap_put(sn, n);
	}
}

static int snap_event(void *ctx, const struct event *ev)
{
	struct snap *sn = ctx;
	if (sn->ngroup && (ev->kind != EV_ANSWER || sn->ngroup == JOURNAL_GROUP ||
			   ev->question != sn->group[0].question))
		snap_group(sn);
	if (ev->kind == EV_ANSWER && ev->box == -1) {
		sn->group[sn->ngroup++] = *ev;
		return 0;
	}
	snap_put(sn, journal_format(ev, sn->line, sizeof sn->line));
	return 0;
}

char *journal_snapshot(const struct progress *p, size_t *len)
{
	enum { HEAD = 64 };	/* room for the header, written last */
	struct snap sn = { .o = { xmalloc(4096), 4096, HEAD } };
	progress_events(p, snap_event, &sn);
	snap_group(&sn);
	char head[HEAD];
	size_t body = sn.o.n - HEAD, k = journal_header(head, sizeof head, body);
	memcpy(sn.o.buf + HEAD - k, head, k);
	memmove(sn.o.buf, sn.o.buf + HEAD - k, k + body);
	sn.o.buf[k + body] = '\0';
	*len = k + body;
	return sn.o.buf;
}
