/* fdio.h - writing a whole buffer to a descriptor. */
#ifndef ROLLWISE_FDIO_H
#define ROLLWISE_FDIO_H

#include <stddef.h>
#include <sys/types.h>

/* Writes all len bytes of buf to fd with wr (write(2), or a test's stand-in),
 * going on after short writes and EINTR. Returns 0, or the errno. */
int fd_write_all(int fd, const char *buf, size_t len,
		 ssize_t (*wr)(int fd, const void *buf, size_t n));

#endif
