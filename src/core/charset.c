/* charset.c - what a character becomes on this terminal, and its width.
 *
 * Widths come from wcwidth(), which is what curses draws with. glibc's
 * widths belong to the UTF-8 charmap, the same in every UTF-8 locale, so
 * in UTF-8 they are taken under C.UTF-8: layout does not change with the
 * language, and tests need no setlocale of their own. */
#include "core/charset.h"
#include "core/fdio.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static bool utf8 = true;
static iconv_t to_term = (iconv_t)-1;
/* C.UTF-8: its transliteration tables know that "ã" is "a", which the C
 * locale's do not; and its widths are the UTF-8 widths. */
static locale_t c_utf8;
static bool c_utf8_tried;

/* Conversions of characters outside ASCII in a non-UTF-8 locale. */
struct slot {
	uint32_t cp;
	unsigned char len, width;
	char bytes[CHARSET_MAX];
};
static struct slot cache[256];

static locale_t utf8_locale(void)
{
	if (!c_utf8_tried) {
		c_utf8_tried = true;
		c_utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return c_utf8;
}

/* At exit: what charset_init and utf8_locale made, so that valgrind's
 * "all leak kinds" finds nothing of ours still reachable. */
__attribute__((destructor)) static void charset_end(void)
{
	if (to_term != (iconv_t)-1)
		iconv_close(to_term);
	to_term = (iconv_t)-1;
	if (c_utf8)
		freelocale(c_utf8);
	c_utf8 = (locale_t)0;
}

void charset_init(void)
{
	const char *cs = nl_langinfo(CODESET);
	utf8 = !strcmp(cs, "UTF-8");
	if (to_term != (iconv_t)-1)
		iconv_close(to_term);
	to_term = (iconv_t)-1;
	memset(cache, 0, sizeof cache);
	if (utf8)
		return;
	char *to = xasprintf("%s//TRANSLIT", cs);
	to_term = iconv_open(to, "UTF-8");
	free(to);
}

bool charset_utf8(void)
{
	return utf8;
}

/* wcwidth of cp in a UTF-8 locale. */
static int utf8_wcwidth(uint32_t cp)
{
	locale_t loc = utf8_locale(), old = loc ? uselocale(loc) : (locale_t)0;
	int w = wcwidth((wchar_t)cp);
	if (loc)
		uselocale(old);
	return w;
}

static size_t put_utf8(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* cp through iconv to the locale's charset, with the transliteration tables
 * of loc (0: the current locale's); 0 when it could not be converted. */
static size_t iconv_one(uint32_t cp, char *out, locale_t loc)
{
	char u[4];
	char *in = u, *o = out;
	size_t inleft = put_utf8(cp, u), oleft = CHARSET_MAX;
	locale_t old = loc ? uselocale(loc) : (locale_t)0;
	iconv(to_term, NULL, NULL, NULL, NULL);
	size_t r = iconv(to_term, &in, &inleft, &o, &oleft);
	if (r != (size_t)-1)
		r = iconv(to_term, NULL, NULL, &o, &oleft);
	if (loc)
		uselocale(old);
	size_t n = (size_t)(o - out);
	/* "?" is what transliteration writes when it knows no better. */
	if (r == (size_t)-1 || inleft || n == 0 || (n == 1 && out[0] == '?'))
		return 0;
	return n;
}

/* Columns the n bytes of the locale's charset at s take; -1 when one of
 * them is not printable there, or is a C1 control byte. */
static int local_width(const char *s, size_t n)
{
	mbstate_t st = { 0 };
	int w = 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 && (unsigned char)s[i] <= 0x9f)
			return -1;
	while (n > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			return -1;
		int cw = wcwidth(wc);
		if (cw < 0)
			return -1;
		w += cw;
		s += k;
		n -= k;
	}
	return w;
}

static const struct slot *local_char(uint32_t cp)
{
	struct slot *sl = &cache[cp % (sizeof cache / sizeof *cache)];
	if (sl->len && sl->cp == cp)
		return sl;
	sl->cp = cp;
	int w = -1;
	size_t n = 0;
	if (to_term != (iconv_t)-1) {
		n = iconv_one(cp, sl->bytes, (locale_t)0);
		if (n == 0 && utf8_locale())
			n = iconv_one(cp, sl->bytes, utf8_locale());
		if (n > 0)
			w = local_width(sl->bytes, n);
	}
	if (w < 0) {
		sl->bytes[0] = '?';
		n = 1;
		w = 1;
	}
	sl->len = (unsigned char)n;
	sl->width = (unsigned char)w;
	return sl;
}

size_t charset_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (utf8) {
		if (utf8_wcwidth(cp) < 0)
			cp = 0xfffd;
		return put_utf8(cp, out);
	}
	const struct slot *sl = local_char(cp);
	memcpy(out, sl->bytes, sl->len);
	return sl->len;
}

int charset_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (utf8) {
		int w = utf8_wcwidth(cp);
		return w < 0 ? 1 : w;
	}
	if (cp < 0x80)
		return 1;
	return local_char(cp)->width;
}

/* Appends the terminal's bytes for the n bytes of UTF-8 at s to out (room
 * for n * CHARSET_MAX); returns the end. A trailing piece of a character
 * is left unread: *used says how much was read. */
static char *convert_into(const char *s, size_t n, char *out, size_t *used, bool partial)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			if (partial && n - i < 4 && utf8_prefix(s + i, n - i))
				break;
			cp = utf8 ? 0xfffd : '?';
			k = 1;
		}
		out += charset_encode(cp, out);
		i += k;
	}
	*used = i;
	return out;
}

char *charset_convert(const char *s, size_t n)
{
	char *out = xmalloc(n * CHARSET_MAX + 1);
	size_t used;
	*convert_into(s, n, out, &used, false) = '\0';
	return out;
}

/* A converting stream: what is written goes to fd in the terminal's charset. */
struct stream {
	int fd;
	char part[4];		/* the start of a character cut by the buffer's end */
	size_t npart;
};

static ssize_t stream_write(void *cookie, const char *buf, size_t size)
{
	struct stream *st = cookie;
	char in[256], out[sizeof in * CHARSET_MAX];
	size_t done = 0;
	while (done < size) {
		size_t n = st->npart, take = size - done;
		memcpy(in, st->part, n);
		if (take > sizeof in - n)
			take = sizeof in - n;
		memcpy(in + n, buf + done, take);
		n += take;
		size_t used;
		char *end = convert_into(in, n, out, &used, true);
		st->npart = n - used;
		memcpy(st->part, in + used, st->npart);
		int err = fd_write_all(st->fd, out, (size_t)(end - out), write);
		if (err) {
			errno = err;
			return done ? (ssize_t)done : -1;
		}
		done += take;
	}
	return (ssize_t)size;
}

static int stream_close(void *cookie)
{
	struct stream *st = cookie;
	int err = st->npart ? fd_write_all(st->fd, "?", 1, write) : 0;
	st->npart = 0;
	if (err)
		errno = err;
	return err ? -1 : 0;
}

static FILE *tty_out;

/* st is static: stderr is never closed, and its state must not show as a
 * leak at exit. */
static FILE *stream_open(FILE *orig, struct stream *st, char *buf, int mode)
{
	fflush(orig);
	*st = (struct stream){ .fd = fileno(orig) };
	FILE *f = fopencookie(st, "w", (cookie_io_functions_t){
		.write = stream_write, .close = stream_close });
	if (!f)
		return orig;
	setvbuf(f, buf, mode, BUFSIZ);
	return f;
}

void charset_wrap_stdio(void)
{
	/* Buffers of our own, so that saying "out of memory" needs none. */
	static char outbuf[BUFSIZ], errbuf[BUFSIZ];
	static struct stream out, err;
	tty_out = stdout;
	if (utf8)
		return;
	stdout = stream_open(stdout, &out, outbuf, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	stderr = stream_open(stderr, &err, errbuf, _IOLBF);
}

FILE *charset_tty(void)
{
	return tty_out ? tty_out : stdout;
}
