/* store.c - the progress file on disk: where it lives, locking, atomic
 * replacement and damaged files. The format is in store_yaml.c. */
#include "core/store.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STATE_FILE "progress.yaml"
#define LOCK_FILE "progress.lock"
#define TMP_PREFIX STATE_FILE ".tmp-"
/* A temp file this old is a leftover even if its pid is alive (pid reuse). */
#define TMP_STALE_SECONDS (10 * 60)

ssize_t (*store_write_fn)(int fd, const void *buf, size_t n) = write;

struct store {
	int dfd;		/* the state directory, opened without following links */
	int lockfd;
	char *dir;
	unsigned tmpcount;
};

/* ==== the directory ==== */

static char *default_dir(char **err)
{
	const char *x = getenv("XDG_STATE_HOME");
	if (x && x[0] == '/')	/* the XDG spec ignores a relative path */
		return xasprintf("%s/rollwise", x);
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || home[0] != '/') {
		*err = xstrdup("cannot find your home directory to keep progress in (set HOME)");
		return NULL;
	}
	return xasprintf("%s/.local/state/rollwise", home);
}

/* mkdir -p for the directories above path, each new one 0700 (XDG). */
static int make_parents(const char *path, char **err)
{
	char *p = xstrdup(path);
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) == 0)
			chmod(p, 0700);	/* the umask may have taken bits away */
		else if (errno != EEXIST) {
			*err = xasprintf("cannot create %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

/* Our own, not a link, and private: a file we just made gets exactly mode,
 * an existing one loses any group and other bits. */
static int check_owned(int fd, const char *path, bool made, mode_t mode, char **err)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		*err = xasprintf("cannot use %s: %s", path, strerror(errno));
		return -1;
	}
	if ((mode == 0700 && !S_ISDIR(st.st_mode)) || (mode != 0700 && !S_ISREG(st.st_mode))) {
		*err = xasprintf("cannot use %s: it is not a %s", path,
				 mode == 0700 ? "directory" : "regular file");
		return -1;
	}
	if (st.st_uid != geteuid()) {
		*err = xasprintf("will not use %s: it belongs to another user (uid %lu)",
				 path, (unsigned long)st.st_uid);
		return -1;
	}
	if (made ? (st.st_mode & 07777) != mode : (st.st_mode & 077) != 0) {
		if (fchmod(fd, made ? mode : st.st_mode & 0700) < 0) {
			*err = xasprintf("cannot make %s private: %s", path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static char *link_error(const char *path, int e)
{
	if (e == ELOOP || e == EMLINK)
		return xasprintf("will not use %s: it is a symbolic link "
				 "(remove it, or set XDG_STATE_HOME to another directory)", path);
	return xasprintf("cannot open %s: %s", path, strerror(e));
}

static int open_dir(struct store *s, char **err)
{
	if (make_parents(s->dir, err) < 0)
		return -1;
	bool made = mkdir(s->dir, 0700) == 0;
	if (!made && errno != EEXIST) {
		*err = xasprintf("cannot create %s: %s", s->dir, strerror(errno));
		return -1;
	}
	s->dfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (s->dfd < 0) {
		struct stat st;
		int e = errno;
		if (lstat(s->dir, &st) == 0 && S_ISLNK(st.st_mode))
			e = ELOOP;
		*err = link_error(s->dir, e);
		return -1;
	}
	return check_owned(s->dfd, s->dir, made, 0700, err);
}

/* Opens (creating when create) a file in the directory, refusing links. */
static int open_file(struct store *s, const char *name, bool create, char **err)
{
	int flags = O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (create ? O_RDWR : O_RDONLY);
	bool made = false;
	int fd = create ? openat(s->dfd, name, flags | O_CREAT | O_EXCL, 0600) : -1;
	if (fd >= 0)
		made = true;
	else if (!create || errno == EEXIST)
		fd = openat(s->dfd, name, flags);
	int e = errno;
	char *path = xasprintf("%s/%s", s->dir, name);
	if (fd < 0) {
		if (e != ENOENT || create)
			*err = link_error(path, e);
	} else if (check_owned(fd, path, made, 0600, err) < 0) {
		close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

int store_open(const char *dir, struct store **out, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->dfd = s->lockfd = -1;
	*out = NULL;
	*err = NULL;
	s->dir = dir ? xstrdup(dir) : default_dir(err);
	if (s->dir && open_dir(s, err) == 0 &&
	    (s->lockfd = open_file(s, LOCK_FILE, true, err)) >= 0) {
		int fd = open_file(s, STATE_FILE, false, err); /* only to check it */
		if (fd >= 0)
			close(fd);
		if (!*err) {
			*out = s;
			return 0;
		}
	}
	store_close(s);
	return -1;
}

const char *store_dir(const struct store *s)
{
	return s->dir;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd);
	if (s->dfd >= 0)
		close(s->dfd);
	free(s->dir);
	free(s);
}

static int lock(struct store *s, char **err)
{
	while (flock(s->lockfd, LOCK_EX) < 0)
		if (errno != EINTR) {
			*err = xasprintf("cannot lock %s/%s: %s", s->dir, LOCK_FILE, strerror(errno));
			return -1;
		}
	return 0;
}

static void unlock(struct store *s)
{
	flock(s->lockfd, LOCK_UN);
}

/* ==== reading, moving aside, writing ==== */

enum disk { DISK_NONE, DISK_OK, DISK_BAD, DISK_ERROR };

static enum disk read_all(int fd, char **buf, size_t *len, char **why)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		*why = xstrdup(strerror(errno));
		return DISK_ERROR;
	}
	if (st.st_size > PROGRESS_MAX_BYTES) {
		*why = xasprintf("it is larger than %d bytes", PROGRESS_MAX_BYTES);
		return DISK_BAD;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *b = xmalloc(cap + 1);
	for (;;) {
		ssize_t k = read(fd, b + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			*why = xstrdup(strerror(errno));
			free(b);
			return DISK_ERROR;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n == cap) {	/* grew while we read */
			if (cap > PROGRESS_MAX_BYTES) {
				free(b);
				*why = xasprintf("it is larger than %d bytes", PROGRESS_MAX_BYTES);
				return DISK_BAD;
			}
			cap *= 2;
			b = xreallocarray(b, cap + 1, 1);
		}
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return DISK_OK;
}

/* Reads and parses the file. DISK_BAD: damaged (move it aside); DISK_ERROR:
 * it could not be read at all (leave it alone). *why says what (caller frees). */
static enum disk disk_read(struct store *s, struct progress **out, char **why)
{
	char *err = NULL, *buf = NULL;
	size_t len = 0;
	*out = NULL;
	int fd = open_file(s, STATE_FILE, false, &err);
	if (fd < 0) {
		*why = err;
		return err ? DISK_ERROR : DISK_NONE;
	}
	enum disk d = read_all(fd, &buf, &len, why);
	close(fd);
	if (d != DISK_OK)
		return d;
	if (store_parse(buf, len, out, &err) < 0) {
		*why = err;
		d = DISK_BAD;
	}
	free(buf);
	return d;
}

/* Renames the damaged file to progress.yaml.corrupt-<UTC time>; returns the
 * notice for the learner, or NULL with *err when it could not. */
static char *move_aside(struct store *s, const char *why, char **err)
{
	char stamp[32], *name = NULL;
	time_t now = time(NULL);
	struct tm tm;
	struct stat st;
	if (!gmtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	for (int i = 0; i < 100 && !name; i++) {
		name = i ? xasprintf(STATE_FILE ".corrupt-%s-%d", stamp, i)
			 : xasprintf(STATE_FILE ".corrupt-%s", stamp);
		if (fstatat(s->dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT) {
			free(name);
			name = NULL;
		}
	}
	if (!name || renameat(s->dfd, STATE_FILE, s->dfd, name) < 0) {
		*err = xasprintf("saved progress in %s/%s cannot be read (%s) and cannot be "
				 "moved aside (%s); it was left as it is", s->dir, STATE_FILE,
				 why, name ? strerror(errno) : "too many old copies");
		free(name);
		return NULL;
	}
	fsync(s->dfd);
	char *notice = xasprintf("Your saved progress could not be read (%s). It was kept as "
				 "%s/%s and progress starts afresh.", why, s->dir, name);
	free(name);
	return notice;
}

/* A temp file left by a save that died: its process is gone, it is ours
 * (we hold the lock, so none of ours is in flight), or it is old. */
static bool temp_stale(struct store *s, const char *name)
{
	char *end;
	struct stat st;
	long pid = strtol(name + strlen(TMP_PREFIX), &end, 10);
	if (*end == '-' && pid > 0 && pid <= INT_MAX &&
	    (pid == (long)getpid() || (kill((pid_t)pid, 0) < 0 && errno == ESRCH)))
		return true;
	return fstatat(s->dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       st.st_mtime + TMP_STALE_SECONDS < time(NULL);
}

static void clean_temps(struct store *s)
{
	int fd = openat(s->dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) &&
		    temp_stale(s, de->d_name))
			unlinkat(s->dfd, de->d_name, 0);
	closedir(d);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t k = store_write_fn(fd, buf, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? errno : EIO;
		buf += k;
		len -= (size_t)k;
	}
	return 0;
}

static int temp_create(struct store *s, char name[64])
{
	for (int i = 0; i < 100; i++) {
		snprintf(name, 64, TMP_PREFIX "%ld-%u", (long)getpid(), s->tmpcount++);
		int fd = openat(s->dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
				0600);
		if (fd >= 0 && fchmod(fd, 0600) == 0)
			return fd;
		if (fd >= 0) {
			int e = errno;
			close(fd);
			unlinkat(s->dfd, name, 0);
			errno = e;
			return -1;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

/* Temp file in the same directory, written, synced, renamed over the file,
 * directory synced. On any failure the temp file goes and the old file stays. */
static int write_atomic(struct store *s, const char *buf, size_t len, char **err)
{
	char name[64];
	int e = 0, fd = temp_create(s, name);
	if (fd < 0) {
		*err = xasprintf("cannot save progress in %s: %s", s->dir, strerror(errno));
		return -1;
	}
	e = write_all(fd, buf, len);
	if (!e && fsync(fd) < 0)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && renameat(s->dfd, name, s->dfd, STATE_FILE) < 0)
		e = errno;
	if (e) {
		unlinkat(s->dfd, name, 0);
		*err = xasprintf("cannot save progress in %s: %s", s->dir, strerror(e));
		return -1;
	}
	if (fsync(s->dfd) < 0 && errno != EINVAL) {
		*err = xasprintf("progress saved in %s, but it may not be on disk yet: %s",
				 s->dir, strerror(errno));
		return -1;
	}
	return 0;
}

struct progress *store_load(struct store *s, char **notice)
{
	struct progress *p = NULL;
	char *why = NULL, *err = NULL;
	*notice = NULL;
	if (lock(s, &err) < 0) {
		*notice = xasprintf("Your progress cannot be read: %s.", err);
		free(err);
		return progress_new();
	}
	switch (disk_read(s, &p, &why)) {
	case DISK_OK:
	case DISK_NONE:
		break;
	case DISK_BAD:
		*notice = move_aside(s, why, &err);
		break;
	case DISK_ERROR:
		err = xasprintf("your saved progress cannot be read (%s); it is left as it "
				"is, and new progress is not saved until that is fixed", why);
		break;
	}
	if (err)
		*notice = err;
	free(why);
	clean_temps(s);
	unlock(s);
	return p ? p : progress_new();
}

static int save_locked(struct store *s, struct progress *p, char **err, char **notice)
{
	struct progress *disk = NULL;
	char *why = NULL, *buf, *moved = NULL;
	size_t len;
	switch (disk_read(s, &disk, &why)) {
	case DISK_OK:
		progress_merge(p, disk);
		progress_free(disk);
		break;
	case DISK_NONE:
		break;
	case DISK_BAD:
		moved = move_aside(s, why, err);
		break;
	case DISK_ERROR:
		*err = xasprintf("cannot save progress: %s", why);
		break;
	}
	free(why);
	if (*err)
		return -1;
	if (notice)
		*notice = moved;
	else
		free(moved);
	clean_temps(s);
	if (!(buf = store_format(p, &len, err)))
		return -1;
	int rc = write_atomic(s, buf, len, err);
	free(buf);
	return rc;
}

int store_save(struct store *s, struct progress *p, char **err, char **notice)
{
	*err = NULL;
	if (notice)
		*notice = NULL;
	if (lock(s, err) < 0)
		return -1;
	int rc = save_locked(s, p, err, notice);
	unlock(s);
	return rc;
}
