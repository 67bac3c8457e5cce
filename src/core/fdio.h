/* fdio.h - writing a whole buffer to a descriptor, and reading one. */
#ifndef ROLLWISE_FDIO_H
#define ROLLWISE_FDIO_H

#include <stddef.h>
#include <sys/types.h>

/* Writes all len bytes of buf to fd with wr (write(2), or a test's stand-in),
 * going on after short writes and EINTR. Returns 0, or the errno. */
int fd_write_all(int fd, const char *buf, size_t len,
		 ssize_t (*wr)(int fd, const void *buf, size_t n));

/* Reads from fd into buf until cap bytes or the end of the file, going on
 * after short reads and EINTR. Returns the bytes read, or -1 with errno. */
ssize_t fd_read_full(int fd, char *buf, size_t cap);

#endif
