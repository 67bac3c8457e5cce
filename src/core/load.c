/* load.c - reads a course file with libyaml's event API into the model.
 *
 * The parser pulls events one at a time; each part of the format has a table
 * of keys and a function per key, so an unknown key, a missing key or a value
 * of the wrong type is reported where it stands. Cross-references (source
 * ids, review pages) and the quiz rules are checked once the file is read, by
 * validate.c. Parsing goes on after an error so that one run reports them all. */
#include "core/load.h"
#include "core/fdio.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* Deeper than any course needs; past it the file is not read further. */
#define MAX_DEPTH 64
/* Most nodes (scalars, lists, mappings) in one file. */
#define MAX_NODES 200000

struct loader {
	yaml_parser_t yp;
	yaml_event_t ev;
	bool live;		/* ev holds an event to delete */
	bool dead;		/* a syntax error or a limit: stop reading */
	long nodes;
	const char *path;
	struct diags *d;
	void *ctx;		/* given to load_yaml, for the root's reader */
};

static struct mark here(const struct loader *L)
{
	return (struct mark){ (int)L->ev.start_mark.line + 1,
			      (int)L->ev.start_mark.column + 1 };
}

void load_error(struct loader *L, struct mark m, const char *msg)
{
	diag_add(L->d, DIAG_ERROR, L->path, m.line, m.col, "%s", msg);
}

static void error_at(struct loader *L, struct mark m, char *msg)
{
	load_error(L, m, msg);
	free(msg);
}

static void check_props(struct loader *L)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	switch (L->ev.type) {
	case YAML_SCALAR_EVENT:
		anchor = L->ev.data.scalar.anchor;
		tag = L->ev.data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = L->ev.data.sequence_start.anchor;
		tag = L->ev.data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = L->ev.data.mapping_start.anchor;
		tag = L->ev.data.mapping_start.tag;
		break;
	case YAML_ALIAS_EVENT:
		load_error(L, here(L), _("aliases (*name) are not allowed in courses"));
		return;
	default:
		return;
	}
	if (anchor)
		load_error(L, here(L), _("anchors (&name) are not allowed in courses"));
	if (tag)
		load_error(L, here(L), _("tags (!name) are not allowed in courses"));
}

/* Moves to the next event; false (and the loader dead) on a syntax error. */
static bool next(struct loader *L)
{
	if (L->live)
		yaml_event_delete(&L->ev);
	L->live = false;
	if (L->dead)
		return false;
	if (!yaml_parser_parse(&L->yp, &L->ev)) {
		const yaml_mark_t *m = &L->yp.problem_mark;
		const char *what = L->yp.problem ? L->yp.problem : _("syntax error");
		if (L->yp.context)
			error_at(L, (struct mark){ (int)m->line + 1, (int)m->column + 1 },
				 xasprintf(_("YAML syntax error: %s %s"), what, L->yp.context));
		else
			error_at(L, (struct mark){ (int)m->line + 1, (int)m->column + 1 },
				 xasprintf(_("YAML syntax error: %s"), what));
		L->dead = true;
		return false;
	}
	L->live = true;
	if (++L->nodes > MAX_NODES) {
		load_error(L, here(L), _("too many items in one file; split the course"));
		L->dead = true;
		return false;
	}
	check_props(L);
	return true;
}

static bool is(const struct loader *L, yaml_event_type_t t)
{
	return L->live && L->ev.type == t;
}

/* Skips the node that starts at the current event, however deep. */
static void skip(struct loader *L)
{
	int depth = 0;
	do {
		if (is(L, YAML_SEQUENCE_START_EVENT) || is(L, YAML_MAPPING_START_EVENT)) {
			if (++depth > MAX_DEPTH) {
				load_error(L, here(L), _("nesting is deeper than any course needs"));
				L->dead = true;
				return;
			}
		} else if (is(L, YAML_SEQUENCE_END_EVENT) || is(L, YAML_MAPPING_END_EVENT)) {
			depth--;
		}
		if (depth > 0 && !next(L))
			return;
	} while (depth > 0);
}

static const char *node_name(const struct loader *L)
{
	switch (L->ev.type) {
	case YAML_SEQUENCE_START_EVENT: return _("a list");
	case YAML_MAPPING_START_EVENT: return _("a mapping");
	case YAML_ALIAS_EVENT: return _("an alias");
	default: return _("text");
	}
}

/* Reports a value of the wrong kind and skips it. */
static void wrong_type(struct loader *L, const char *want, const char *key)
{
	if (!is(L, YAML_ALIAS_EVENT))
		error_at(L, here(L), xasprintf(_("'%.60s' must be %s, not %s"), key, _(want),
					       node_name(L)));
	skip(L);
}

/* Printable ASCII, newline or tab: most bytes of any course, checked
 * without decoding. */
static bool ascii_safe(char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t';
}

/* The current scalar as a new string, or NULL (reported) when it is not a
 * scalar or holds characters that must not reach a terminal. */
static char *scalar(struct loader *L, const char *want, const char *key)
{
	if (!is(L, YAML_SCALAR_EVENT)) {
		wrong_type(L, want, key);
		return NULL;
	}
	const char *v = (const char *)L->ev.data.scalar.value;
	size_t n = L->ev.data.scalar.length, i = 0;
	/* prescan has passed every byte of the file: only the escapes of a
	 * double-quoted scalar (\x07, \u202e) make characters not in it. */
	if (L->ev.data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		i = n;
	while (i < n) {
		if (ascii_safe(v[i])) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(v + i, n - i, &cp);
		if (k == 0 || utf8_unsafe(cp)) {
			error_at(L, here(L), k == 0
				 ? xasprintf(_("'%.60s' holds invalid UTF-8"), key)
				 : xasprintf(_("'%.60s' holds the control character U+%04X; "
					     "lesson text may not hold control characters"),
					     key, (unsigned)cp));
			return NULL;
		}
		i += k;
	}
	return xstrndup(v, n);
}

static bool plain(const struct loader *L)
{
	return L->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

char *load_string(struct loader *L, const char *key)
{
	char *s = scalar(L, N_("text"), key);
	if (s && (s[0] == '\0' || (plain(L) && (!strcmp(s, "~") || !strcmp(s, "null"))))) {
		error_at(L, here(L), xasprintf(_("'%.60s' must not be empty"), key));
		free(s);
		return NULL;
	}
	return s;
}

static bool id_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-'))
			return false;
	return true;
}

char *load_id(struct loader *L, const char *key)
{
	char *s = scalar(L, N_("an id"), key);
	if (s && !id_ok(s)) {
		error_at(L, here(L), xasprintf(_("'%.60s' is not a valid id: use 1 to 64 "
					       "lower-case letters, digits and '-', "
					       "starting with a letter or digit"), s));
		free(s);
		return NULL;
	}
	return s;
}

bool load_int(struct loader *L, const char *key, int min, int max, int *out)
{
	char *s = scalar(L, N_("a whole number"), key);
	if (!s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	bool ok = plain(L) && s[0] != '\0' && *end == '\0' &&
		  (s[0] == '-' || (s[0] >= '0' && s[0] <= '9'));
	bool in_range = errno == 0 && v >= min && v <= max;
	if (!ok)
		error_at(L, here(L), xasprintf(_("'%.60s' must be a whole number, not '%.60s'"),
					       key, s));
	else if (!in_range) /* the digits as written: past LONG_MAX too */
		error_at(L, here(L), xasprintf(_("'%.60s' must be from %d to %d, not %.60s"),
					       key, min, max, s));
	else
		*out = (int)v;
	free(s);
	return ok && in_range;
}

bool load_bool(struct loader *L, const char *key, bool *out)
{
	char *s = scalar(L, N_("true or false"), key);
	if (!s)
		return false;
	bool ok = plain(L) && (!strcmp(s, "true") || !strcmp(s, "false"));
	if (ok)
		*out = s[0] == 't';
	else
		error_at(L, here(L), xasprintf(_("'%.60s' must be true or false, not '%.60s'"),
					       key, s));
	free(s);
	return ok;
}

/* Edit distance, for "did you mean" on unknown keys. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return SIZE_MAX;
	size_t row[33];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static void unknown_key(struct loader *L, struct mark m, const char *key,
			const struct field *f, size_t nf, const char *what)
{
	const char *best = NULL;
	size_t bd = 3; /* suggest only keys within two edits */
	for (size_t i = 0; i < nf; i++) {
		size_t dd = distance(key, f[i].key);
		if (dd < bd)
			bd = dd, best = f[i].key;
	}
	if (best)
		error_at(L, m, xasprintf(_("unknown key '%.60s' in %s; did you mean '%.60s'?"),
					 key, _(what), best));
	else
		error_at(L, m, xasprintf(_("unknown key '%.60s' in %s"), key, _(what)));
}

/* The field the key at the current event names, or nf (reported) when it
 * is unknown or given twice. Looked up before the value is read, so the
 * key is not copied. */
static size_t field_of(struct loader *L, const struct field *f, size_t nf,
		       const char *what, const struct mark *seen, struct mark km)
{
	const char *key = (const char *)L->ev.data.scalar.value;
	size_t i = 0;
	while (i < nf && strcmp(f[i].key, key) != 0)
		i++;
	if (i == nf) {
		unknown_key(L, km, key, f, nf, what);
	} else if (seen[i].line) {
		error_at(L, km, xasprintf(_("'%.60s' is given twice in %s (first at line %d)"),
					  key, _(what), seen[i].line));
		i = nf;
	}
	return i;
}

/* Reads one key of a mapping and its value; false at the end of the mapping. */
static bool map_entry(struct loader *L, const struct field *f, size_t nf,
		      void *obj, const char *what, struct mark *seen)
{
	if (!next(L) || is(L, YAML_MAPPING_END_EVENT))
		return false;
	struct mark km = here(L);
	size_t i = nf;
	if (is(L, YAML_SCALAR_EVENT)) {
		i = field_of(L, f, nf, what, seen, km);
	} else {
		load_error(L, km, _("a key must be plain text"));
		skip(L);
	}
	if (!next(L))
		return false;
	if (i == nf) {
		skip(L);
	} else {
		seen[i] = km;
		f[i].parse(L, obj);
	}
	return !L->dead;
}

/* True at the start of a mapping; else reports what (its name) and skips it. */
static bool mapping(struct loader *L, const char *what)
{
	if (is(L, YAML_MAPPING_START_EVENT))
		return true;
	if (!is(L, YAML_ALIAS_EVENT))
		error_at(L, here(L), xasprintf(_("%s must be a mapping of keys and values, "
					       "not %s"), _(what), node_name(L)));
	skip(L);
	return false;
}

bool load_map(struct loader *L, const struct field *f, size_t nf, void *obj,
	      const char *what)
{
	if (!mapping(L, what))
		return false;
	struct mark start = here(L);
	struct mark seen[16] = { { 0, 0 } };
	while (map_entry(L, f, nf, obj, what, seen))
		;
	if (L->dead)
		return false;
	for (size_t i = 0; i < nf; i++)
		if (f[i].required && !seen[i].line)
			error_at(L, start, xasprintf(_("%s is missing '%.60s'"), _(what), f[i].key));
	return true;
}

long load_seq(struct loader *L, const char *key,
	      void (*item)(struct loader *L, void *obj, size_t i), void *obj)
{
	if (!is(L, YAML_SEQUENCE_START_EVENT)) {
		wrong_type(L, N_("a list"), key);
		return -1;
	}
	size_t i = 0;
	while (next(L) && !is(L, YAML_SEQUENCE_END_EVENT))
		item(L, obj, i++);
	return L->dead ? -1 : (long)i;
}

struct mark load_here(const struct loader *L)
{
	return here(L);
}

void *load_ctx(const struct loader *L)
{
	return L->ctx;
}

bool load_keyed(struct loader *L, const char *what,
		void (*item)(struct loader *L, void *obj, const char *key, struct mark at),
		void *obj)
{
	if (!mapping(L, what))
		return false;
	while (next(L) && !is(L, YAML_MAPPING_END_EVENT)) {
		struct mark km = here(L);
		char *key = load_id(L, what);
		if (!key)
			skip(L);
		if (!next(L)) {
			free(key);
			break;
		}
		if (key)
			item(L, obj, key, km);
		else
			skip(L);
		free(key);
	}
	return !L->dead;
}

void load_skip(struct loader *L)
{
	skip(L);
}

/* True when the 8 bytes at s are all printable ASCII (0x20 to 0x7e): a
 * byte below 0x20 borrows, 0x7f carries and any from 0x80 has its top bit. */
static bool printable8(const char *s)
{
	const uint64_t ones = 0x0101010101010101u, tops = ones * 0x80;
	uint64_t x;
	memcpy(&x, s, 8);
	return !(((x - ones * 0x20) | (x + ones) | x) & tops);
}

/* Reports each byte that is not UTF-8 and each unsafe character with its
 * place, before libyaml sees the text: its own errors for these have no
 * position (U+FFFE), or a wrong one (U+2028 moves every later line). */
static void prescan(const char *path, const char *buf, size_t len, struct diags *d)
{
	size_t i = 0;
	int line = 1, col = 1;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len) {
		if (len - i >= 8 && printable8(buf + i)) {
			i += 8;
			col += 8;
			continue;
		}
		if (ascii_safe(buf[i]) && buf[i] != '\n') {
			i++;
			col++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(buf + i, len - i, &cp);
		if (k == 0) {
			diag_add(d, DIAG_ERROR, path, line, col,
				 N_("invalid UTF-8 (byte 0x%02x); save the file as UTF-8"),
				 (unsigned char)buf[i]);
			k = 1;
		} else if (cp == '\r' && i + 1 < len && buf[i + 1] == '\n') {
			col--; /* CRLF: the CR takes no column */
		} else if (cp == 0xfeff) {
			diag_add(d, DIAG_ERROR, path, line, col,
				 N_("byte order mark in the middle of the file"));
		} else if (cp == 0x2028 || cp == 0x2029) {
			/* libyaml counts it as a line break: every later
			 * position would be a line off. */
			diag_add(d, DIAG_ERROR, path, line, col,
				 cp == 0x2028 ? N_("line separator U+%04X; YAML reads it as a "
						  "line break: use a newline")
					      : N_("paragraph separator U+%04X; YAML reads it as a "
						  "line break: use a newline"),
				 (unsigned)cp);
		} else if (cp == 0xfffe || cp == 0xffff) {
			/* libyaml refuses it, with no position. */
			diag_add(d, DIAG_ERROR, path, line, col,
				 N_("U+%04X is not a character; YAML does not allow it"),
				 (unsigned)cp);
		} else if (utf8_unsafe(cp)) {
			diag_add(d, DIAG_ERROR, path, line, col,
				 N_("control character U+%04X; lesson files may hold "
				 "no control characters except newline and tab"),
				 (unsigned)cp);
		}
		i += k;
		if (cp == '\n' && k == 1) {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
}

/* Reads the one document of the stream with root. */
static void *parse(struct loader *L, void *(*root)(struct loader *L), const char *empty)
{
	void *obj = NULL;
	if (!next(L) || !is(L, YAML_STREAM_START_EVENT) || !next(L))
		return NULL;
	if (is(L, YAML_STREAM_END_EVENT)) {
		load_error(L, (struct mark){ 1, 1 }, _(empty));
		return NULL;
	}
	if (!next(L))
		return NULL;
	obj = root(L);
	if (L->dead || !next(L) || !next(L))
		return obj;
	if (is(L, YAML_DOCUMENT_START_EVENT))
		load_error(L, here(L), _("a course file holds one YAML document; "
			   "put each course in a file of its own"));
	return obj;
}

void *load_yaml(const char *name, const char *buf, size_t len, struct diags *d,
		void *(*root)(struct loader *L), void *ctx, const char *empty, bool *dead)
{
	size_t before = d->errors;
	*dead = true;
	if (len > COURSE_MAX_BYTES) {
		diag_add(d, DIAG_ERROR, name, 0, 0,
			 N_("the file is larger than %d KiB; split the course"),
			 COURSE_MAX_BYTES / 1024);
		return NULL;
	}
	prescan(name, buf, len, d);
	if (d->errors > before)
		return NULL;
	struct loader L = { .path = name, .d = d, .ctx = ctx };
	if (!yaml_parser_initialize(&L.yp)) {
		diag_add(d, DIAG_ERROR, name, 0, 0, N_("cannot start the YAML parser"));
		return NULL;
	}
	yaml_parser_set_input_string(&L.yp, (const unsigned char *)buf, len);
	void *obj = parse(&L, root, empty);
	if (L.live)
		yaml_event_delete(&L.ev);
	yaml_parser_delete(&L.yp);
	*dead = L.dead;
	return obj;
}

static void *course_root(struct loader *L)
{
	return load_course(L);
}

static struct course *load_mem(const char *name, const char *buf, size_t len,
			       struct diags *d)
{
	size_t before = d->errors;
	bool dead;
	struct course *c = load_yaml(name, buf, len, d, course_root, NULL,
				     N_("the file is empty; a course starts with 'id:', "
					"'title:', ..."), &dead);
	if (c) {
		c->path = xstrdup(name);
		if (!dead)
			course_validate(c, d);
	}
	if (d->errors > before) {
		course_free(c);
		return NULL;
	}
	return c;
}

struct course *course_load_mem(const char *name, const char *buf, size_t len,
			       struct diags *d)
{
	size_t first = d->n;
	struct course *c = load_mem(name, buf, len, d);
	diag_sort(d, first);
	return c;
}

/* Reads at most COURSE_MAX_BYTES + 1 bytes of the regular file open on fd
 * into *out. */
bool load_slurp(int fd, const char *path, char **out, size_t *len, struct diags *d)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, N_("cannot open: %s"), strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "%s",
			 S_ISDIR(st.st_mode) ? "is a directory, not a course file"
					     : "is not a regular file");
		return false;
	}
	char *buf = xmalloc(COURSE_MAX_BYTES + 1);
	ssize_t n = fd_read_full(fd, buf, COURSE_MAX_BYTES + 1);
	if (n < 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, N_("cannot read: %s"), strerror(errno));
		free(buf);
		return false;
	}
	*out = buf;
	*len = (size_t)n;
	return true;
}

struct course *course_load_fd(int fd, const char *path, struct diags *d)
{
	char *buf;
	size_t len;
	if (!load_slurp(fd, path, &buf, &len, d))
		return NULL;
	struct course *c = course_load_mem(path, buf, len, d);
	free(buf);
	return c;
}

struct course *course_load(const char *path, struct diags *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, N_("cannot open: %s"), strerror(errno));
		return NULL;
	}
	struct course *c = course_load_fd(fd, path, d);
	close(fd);
	return c;
}
