/* clean FILE... - exit 0 when every FILE holds nothing a terminal acts on:
 * valid UTF-8 (no overlong form, no surrogate, nothing past U+10FFFF), no C0
 * control but newline and tab, no DEL, no C1 control (U+0080-U+009F), no
 * bidirectional mark, embedding, override or isolate. Otherwise names the
 * first offence ("# U+001B at byte 12 of FILE") and exits 1.
 *
 * Written on its own, not with rollwise's sanitizer: a test must not check
 * the code under test with that same code. */
#include <stdio.h>
#include <stdlib.h>

static int bad(unsigned long c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
	       c == 0x61c || c == 0x200e || c == 0x200f ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static int check(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	unsigned long off = 0;
	int b;
	while ((b = getc(f)) != EOF) {
		unsigned long at = off++, c = (unsigned long)b, min = 0;
		int more = 0;
		if (b >= 0xf0 && b <= 0xf4)
			more = 3, c = b & 0x07, min = 0x10000;
		else if (b >= 0xe0 && b <= 0xef)
			more = 2, c = b & 0x0f, min = 0x800;
		else if (b >= 0xc2 && b <= 0xdf)
			more = 1, c = b & 0x1f, min = 0x80;
		else if (b >= 0x80) {
			printf("# not UTF-8: byte 0x%02X at byte %lu of %s\n", b, at, path);
			fclose(f);
			return 1;
		}
		while (more-- > 0) {
			int n = getc(f);
			off++;
			if (n == EOF || (n & 0xc0) != 0x80) {
				printf("# not UTF-8: a cut sequence at byte %lu of %s\n", at, path);
				fclose(f);
				return 1;
			}
			c = c << 6 | (unsigned long)(n & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
			printf("# not UTF-8: U+%04lX encoded at byte %lu of %s\n", c, at, path);
			fclose(f);
			return 1;
		}
		if (bad(c)) {
			printf("# U+%04lX at byte %lu of %s\n", c, at, path);
			fclose(f);
			return 1;
		}
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	int st = 0;
	if (argc < 2) {
		fputs("usage: clean FILE...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		st |= check(argv[i]);
	return st;
}
