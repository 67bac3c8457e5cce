/* fdio.c - writing a whole buffer to a descriptor. */
#include "core/fdio.h"

#include <errno.h>

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
