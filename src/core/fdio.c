/* fdio.c - writing a whole buffer to a descriptor, and reading one. */
#include "core/fdio.h"

#include <errno.h>
#include <unistd.h>

int fd_write_all(int fd, const char *buf, size_t len,
		 ssize_t (*wr)(int fd, const void *buf, size_t n))
{
	while (len > 0) {
		ssize_t k = wr(fd, buf, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? errno : EIO;
		buf += k;
		len -= (size_t)k;
	}
	return 0;
}

ssize_t fd_read_full(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	while (n < cap) {
		ssize_t k = read(fd, buf + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		n += (size_t)k;
	}
	return (ssize_t)n;
}
