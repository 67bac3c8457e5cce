/* store.c - the progress journal on disk: where it lives, locking,
 * appending, reading back, compaction, and files that cannot be trusted.
 * The line format is in journal.c; release 1's format in store_yaml.c. */
#include "core/store.h"
#include "core/i18n.h"
#include "core/fdio.h"
#include "core/journal.h"
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
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#define JOURNAL_FILE "progress.log"
#define V1_FILE "progress.yaml"
#define V1_KEPT "progress.yaml.converted"
#define LOCK_FILE "progress.lock"
#define REJECT_FILE "progress.rejected"
#define TMP_PREFIX JOURNAL_FILE ".tmp-"
/* A temp file this old is a leftover even if its pid is alive (pid reuse). */
#define TMP_STALE_SECONDS (10 * 60)
ssize_t (*store_write_fn)(int fd, const void *buf, size_t n) = write;
off_t store_journal_max = (off_t)1 << 30;
void (*store_waiting)(long pid);
bool (*store_interrupted)(void);

struct store {
	int dfd;		/* the state directory, opened without following links */
	int lockfd;		/* -1 when the directory is read-only */
	int jfd;		/* the journal, -1 before store_load or when missing */
	char *dir;
	char *readonly;		/* why nothing is saved, or NULL */
	unsigned tmpcount;
	dev_t dev;		/* the journal jfd is */
	ino_t ino;
	off_t off;		/* bytes of it folded so far */
	size_t lines;		/* lines of it read so far */
	off_t compact_at;	/* compact when it is this long */
	size_t snapshot;	/* bytes of its last snapshot (its header says) */
	bool dirty;		/* appended since the last fsync */
	bool torn;		/* a torn last line that could not be cut off */
	struct timespec synced;	/* the last fsync */
	char *rejects;		/* lines read that were not valid: kept at compaction */
	size_t nrejects;
	bool (*known)(void *, const char *, const char *, const char *);
	void *known_ctx;
	struct store_stats stats;
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
		*err = xstrdup(_("cannot find your home directory to keep progress in (set HOME)"));
		return NULL;
	}
	return xasprintf("%s/.local/state/rollwise", home);
}

/* Our own, not a link, and private: a file we just made gets exactly mode,
 * an existing one loses any group and other bits (unless as_is). */
static int check_owned(int fd, const char *path, bool made, mode_t mode, bool as_is,
		       char **err)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		*err = xasprintf(_("cannot use %s: %s"), path, strerror(errno));
		return -1;
	}
	if ((mode == 0700 && !S_ISDIR(st.st_mode)) || (mode != 0700 && !S_ISREG(st.st_mode))) {
		*err = xasprintf(_("cannot use %s: it is not a %s"), path,
				 mode == 0700 ? _("directory") : _("regular file"));
		return -1;
	}
	if (st.st_uid != geteuid()) {
		*err = xasprintf(_("will not use %s: it belongs to another user (uid %lu)"),
				 path, (unsigned long)st.st_uid);
		return -1;
	}
	if (made ? (st.st_mode & 07777) != mode : !as_is && (st.st_mode & 077) != 0) {
		if (fchmod(fd, made ? mode : st.st_mode & 0700) < 0) {
			*err = xasprintf(_("cannot make %s private: %s"), path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static char *link_error(const char *path, int e)
{
	if (e == ELOOP || e == EMLINK)
		return xasprintf(_("will not use %s: it is a symbolic link "
				 "(remove it, or set XDG_STATE_HOME to another directory)"), path);
	return xasprintf(_("cannot open %s: %s"), path, strerror(e));
}


/* Run as root: the user other than root who owns the folder fd, or 0. */
static uid_t foreign_owner(int fd)
{
	struct stat st;
	if (geteuid() != 0 || fstat(fd, &st) < 0)
		return 0;
	return st.st_uid;
}

/* Opens dir, creating what is missing with mode 0700 through directory fds
 * (mkdirat, fchmod), so no path can be swapped in between. Run as root, it
 * neither creates nor uses anything below a folder another user owns: a
 * sudo with that user's HOME would leave root-owned files in it (release 1
 * left a root-owned state folder there, which root must not go on using).
 * *made: dir was created. */
static int open_dir_chain(const char *dir, bool *made, char **err)
{
	char *p = xstrdup(dir), *save = NULL;
	/* The folders on the way are only passed through: O_PATH needs the
	 * right to search them, not to read them (a shared machine's /home is
	 * often 0711). The last is read, and a folder made here is ours. */
	int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	size_t at = 0;	/* dir[0..at) is the folder fd is */
	*made = false;
	for (char *c = strtok_r(p, "/", &save); fd >= 0; c = strtok_r(NULL, "/", &save)) {
		uid_t uid = foreign_owner(fd);
		if (uid) {
			*err = xasprintf(_("will not use %s as root: %.*s belongs to user %lu "
					 "(run rollwise as that user, or set XDG_STATE_HOME)"),
					 dir, (int)(at ? at : 1), dir, (unsigned long)uid);
			close(fd);
			free(p);
			return -1;
		}
		if (!c)
			break;
		at = (size_t)(c - p) + strlen(c);
		bool last = !save || strspn(save, "/") == strlen(save);
		int flags = O_DIRECTORY | O_CLOEXEC | (last ? O_RDONLY | O_NOFOLLOW : O_PATH);
		int next = openat(fd, c, flags);
		if (next < 0 && errno == ENOENT) {
			if (mkdirat(fd, c, 0700) < 0 && errno != EEXIST) {
				*err = xasprintf(_("cannot create %s: %s"), dir, strerror(errno));
				close(fd);
				free(p);
				return -1;
			}
			/* read, not O_PATH: fchmod needs a real descriptor */
			next = openat(fd, c, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
			if (next >= 0) {
				fchmod(next, 0700);	/* the umask may have taken bits away */
				*made = last;
			}
		}
		int e = errno;
		close(fd);
		fd = next;
		errno = e;
	}
	if (fd < 0) {
		int e = errno;
		struct stat st;
		if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
			e = ELOOP;
		*err = link_error(dir, e);
	}
	free(p);
	return fd;
}

static int open_dir(struct store *s, char **err)
{
	bool made;
	s->dfd = open_dir_chain(s->dir, &made, err);
	if (s->dfd < 0)
		return -1;
	return check_owned(s->dfd, s->dir, made, 0700, false, err);
}

enum open_how { OPEN_READ, OPEN_WRITE, OPEN_CREATE };

/* Opens a file in the directory for reading, or for appending (creating it
 * with OPEN_CREATE), refusing links and files that are not ours. A missing
 * file is -1 with errno ENOENT and *err unset unless creating. An existing
 * journal's mode is left as it is: one from a newer rollwise is never
 * changed, so journal_catch_up makes it private once its version is read. */
static int open_file(struct store *s, const char *name, enum open_how how, char **err)
{
	bool create = how == OPEN_CREATE;
	int flags = O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK |
		    (how == OPEN_READ ? O_RDONLY : O_RDWR | O_APPEND);
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
	} else if (check_owned(fd, path, made, 0600, !strcmp(name, JOURNAL_FILE), err) < 0) {
		close(fd);
		fd = -1;
		e = EINVAL;	/* not ours, or not a file: no errno to go by */
	}
	free(path);
	errno = e;
	return fd;
}


static bool read_only_error(int e)
{
	return e == EROFS || e == EACCES || e == EPERM;
}

int store_open(const char *dir, struct store **out, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->dfd = s->lockfd = s->jfd = -1;
	*out = NULL;
	*err = NULL;
	s->dir = dir ? xstrdup(dir) : default_dir(err);
	if (s->dir && open_dir(s, err) == 0) {
		s->lockfd = open_file(s, LOCK_FILE, OPEN_CREATE, err);
		if (s->lockfd < 0 && *err && read_only_error(errno)) {
			/* a read-only folder or file system: show, do not save */
			s->readonly = xasprintf(_("%s cannot be written (%s)"), s->dir,
						strerror(errno));
			free(*err);
			*err = NULL;
		}
		int fd = open_file(s, JOURNAL_FILE, OPEN_READ, err); /* only to check it */
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

int store_dirfd(const struct store *s)
{
	return s->dfd;
}

const char *store_readonly(const struct store *s)
{
	return s->readonly;
}

void store_set_known(struct store *s,
		     bool (*known)(void *ctx, const char *course, const char *lesson,
				   const char *question), void *ctx)
{
	s->known = known;
	s->known_ctx = ctx;
}

void store_stats(const struct store *s, struct store_stats *out)
{
	*out = s->stats;
}

/* ==== the lock ==== */

/* The pid holding an flock on fd, from /proc/locks; 0 when unknown. */
static long lock_holder(int fd)
{
	struct stat st;
	FILE *fp = fstat(fd, &st) == 0 ? fopen("/proc/locks", "re") : NULL;
	char line[256], want[64];
	long pid = 0;
	if (!fp)
		return 0;
	snprintf(want, sizeof want, "%02x:%02x:%lu", major(st.st_dev), minor(st.st_dev),
		 (unsigned long)st.st_ino);
	while (!pid && fgets(line, sizeof line, fp)) {
		char kind[16], dev[64];
		long p;
		if (!strstr(line, "->") &&
		    sscanf(line, "%*s %15s %*s %*s %ld %63s", kind, &p, dev) == 3 &&
		    !strcmp(kind, "FLOCK") && !strcmp(dev, want))
			pid = p;
	}
	fclose(fp);
	return pid;
}

static double since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Waits for the lock, polling, so a stop signal ends the wait and a holder
 * that is stopped or hung never makes this process unkillable. */
static int lock(struct store *s, char **err)
{
	struct timespec t0;
	bool told = false;
	long pid = 0;
	if (s->lockfd < 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (flock(s->lockfd, LOCK_EX | LOCK_NB) == 0)
			break;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			*err = xasprintf(_("cannot lock %s/%s: %s"), s->dir, LOCK_FILE, strerror(errno));
			return -1;
		}
		if (store_interrupted && store_interrupted()) {
			*err = pid ? xasprintf(_("stopped while waiting for another rollwise of "
					       "yours (pid %ld) to finish saving"), pid)
				   : xstrdup(_("stopped while waiting for another rollwise of "
					     "yours to finish saving"));
			if (told && store_waiting)
				store_waiting(-1);
			return -1;
		}
		if (!told && since(&t0) >= 1.0) {
			told = true;
			pid = lock_holder(s->lockfd);
			if (store_waiting)
				store_waiting(pid);
		}
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
	}
	if (told && store_waiting)
		store_waiting(-1);
	return 0;
}

static void unlock(struct store *s)
{
	if (s->lockfd >= 0)
		flock(s->lockfd, LOCK_UN);
}

/* ==== reading ==== */

/* Reads fd from off to its end (at most store_journal_max bytes in all)
 * into a new buffer; *n bytes, *cut when the file goes on past that.
 * Returns 0, or an errno. */
static int read_from(int fd, off_t off, char **buf, size_t *n, bool *cut)
{
	struct stat st;
	*buf = NULL;
	*n = 0;
	*cut = false;
	if (fstat(fd, &st) < 0)
		return errno;
	*cut = st.st_size > store_journal_max;
	off_t end = *cut ? store_journal_max : st.st_size;
	size_t want = end > off ? (size_t)(end - off) : 0, got = 0;
	char *b = xmalloc(want + 1);
	while (got < want) {
		ssize_t k = pread(fd, b + got, want - got, off + (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			free(b);
			return e;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	b[got] = '\0';
	*buf = b;
	*n = got;
	return 0;
}

/* Renames a file that cannot be used to NAME.corrupt-<UTC time>; returns the
 * new name (caller frees), or NULL with errno set. */
static char *move_aside(struct store *s, const char *name)
{
	char stamp[32], *to = NULL;
	time_t now = time(NULL);
	struct tm tm;
	struct stat st;
	if (!gmtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	for (int i = 0; i < 100 && !to; i++) {
		to = i ? xasprintf("%s.corrupt-%s-%d", name, stamp, i)
		       : xasprintf("%s.corrupt-%s", name, stamp);
		if (fstatat(s->dfd, to, &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT) {
			free(to);
			to = NULL;
		}
	}
	if (!to) {
		errno = EEXIST;
		return NULL;
	}
	if (renameat(s->dfd, name, s->dfd, to) < 0) {
		int e = errno;
		free(to);
		errno = e;
		return NULL;
	}
	fsync(s->dfd);
	return to;
}

/* ==== writing ==== */

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
	return fd_write_all(fd, buf, len, store_write_fn);
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


static void synced(struct store *s)
{
	s->stats.fsyncs++;
	s->dirty = false;
	clock_gettime(CLOCK_MONOTONIC, &s->synced);
}

/* Temp file in the same directory, written, synced, renamed over the
 * journal, directory synced. On any failure the temp file goes and the old
 * journal stays. */
static int write_atomic(struct store *s, const char *buf, size_t len, char **err)
{
	char name[64];
	int e = 0, fd = temp_create(s, name);
	if (fd < 0) {
		*err = xasprintf(_("cannot save progress in %s: %s"), s->dir, strerror(errno));
		return -1;
	}
	e = write_all(fd, buf, len);
	if (!e && fsync(fd) < 0)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && renameat(s->dfd, name, s->dfd, JOURNAL_FILE) < 0)
		e = errno;
	if (e) {
		unlinkat(s->dfd, name, 0);
		*err = xasprintf(_("cannot save progress in %s: %s"), s->dir, strerror(e));
		return -1;
	}
	s->stats.writes++;
	s->stats.bytes += len;
	synced(s);
	if (fsync(s->dfd) < 0 && errno != EINVAL) {
		*err = xasprintf(_("progress saved in %s, but it may not be on disk yet: %s"),
				 s->dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Adds what could not be read to progress.rejected, so no byte the learner
 * saved is lost when the journal is rewritten without it. */
static int keep_rejects(struct store *s, const char *buf, size_t len, char **err)
{
	if (len == 0)
		return 0;
	int fd = open_file(s, REJECT_FILE, OPEN_CREATE, err);
	int e = fd < 0 ? EIO : write_all(fd, buf, len);
	if (!e && fsync(fd) < 0)
		e = errno;
	if (fd >= 0)
		close(fd);
	if (e && !*err)
		*err = xasprintf(_("cannot keep unreadable progress lines in %s/%s: %s"),
				 s->dir, REJECT_FILE, strerror(e));
	return e ? -1 : 0;
}

/* ==== the journal ==== */

static void journal_close(struct store *s)
{
	if (s->jfd >= 0)
		close(s->jfd);
	s->jfd = -1;
	s->off = 0;
	s->lines = 0;
}

/* Opens the journal (creating it with its header when create); 0, or -1
 * with errno (ENOENT: there is none). */
static int journal_open(struct store *s, bool create, char **err)
{
	struct stat st;
	journal_close(s);
	bool rw = !s->readonly;
	int fd = open_file(s, JOURNAL_FILE, !rw ? OPEN_READ : create ? OPEN_CREATE : OPEN_WRITE,
			   err);
	if (fd < 0 && rw && read_only_error(errno)) {
		/* shown, not saved: a read-only file, folder or file system */
		s->readonly = xasprintf(_("%s/%s cannot be written (%s)"), s->dir, JOURNAL_FILE,
					strerror(errno));
		free(*err);
		*err = NULL;
		rw = false;
		fd = open_file(s, JOURNAL_FILE, OPEN_READ, err);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	s->jfd = fd;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	if (st.st_size == 0 && rw) {
		char head[64];
		size_t n = journal_header(head, sizeof head, 0);
		if (write_all(fd, head, n) != 0 || fsync(fd) < 0) {
			*err = xasprintf(_("cannot save progress in %s: %s"), s->dir, strerror(errno));
			journal_close(s);
			return -1;
		}
		s->stats.writes++;
		s->stats.bytes += n;
		synced(s);
	}
	return 0;
}

/* Takes group and other bits off a journal this rollwise may write. */
static void make_private(int fd)
{
	struct stat st;
	if (fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
		fchmod(fd, st.st_mode & 0700);
}

static void fold_notice(char **notice, char *more)
{
	if (!more)
		return;
	if (!*notice) {
		*notice = more;
		return;
	}
	char *both = xasprintf("%s %s", *notice, more);
	free(*notice);
	free(more);
	*notice = both;
}

/* A torn last line (a save cut short by a power cut), line lineno: kept
 * in progress.rejected and cut off; where that cannot be done it is left,
 * told all the same, and the next append starts on a line of its own. */
static char *torn_line(struct store *s, const char *rest, size_t n, size_t lineno)
{
	char *err = NULL, *what = NULL;
	if (!s->readonly && keep_rejects(s, rest, n, &err) == 0 &&
	    keep_rejects(s, "\n", 1, &err) == 0 && ftruncate(s->jfd, s->off) == 0) {
		fsync(s->jfd);
		what = xasprintf(_("The last change saved before rollwise stopped (line %zu) was "
				 "cut short and could not be read; it is kept in %s/%s, and "
				 "the rest of your progress is safe."), lineno, s->dir,
				 REJECT_FILE);
	} else if (!s->torn) {
		what = xasprintf(_("The last change saved before rollwise stopped (line %zu of "
				 "%s/%s) was cut short and could not be read; it is left "
				 "there. The rest of your progress is safe."), lineno,
				 s->dir, JOURNAL_FILE);
		s->torn = !s->readonly;
	}
	free(err);
	return what;
}

/* Folds what the journal holds past s->off into p. Bad lines are skipped
 * and kept for compaction; a journal past store_journal_max is read up to
 * there and never written. Returns 0 with *notice (caller frees) for what
 * the learner should know, or -1 with *err. */
static int journal_catch_up(struct store *s, struct progress *p, bool tidy, char **notice,
			    char **err)
{
	char *buf;
	size_t n;
	bool cut;
	int e = read_from(s->jfd, s->off, &buf, &n, &cut);
	if (e) {
		*err = xasprintf(_("cannot read %s/%s: %s"), s->dir, JOURNAL_FILE, strerror(e));
		return -1;
	}
	struct journal_read r = { 0 };
	bool whole = s->off == 0;
	journal_fold(buf, n, s->lines, p, tidy, &r);
	if (whole)
		s->snapshot = r.snapshot;
	s->lines += r.lines;
	s->off += (off_t)r.end;
	if (r.nrejects) {
		s->rejects = xreallocarray(s->rejects, s->nrejects + r.nrejects + 1, 1);
		memcpy(s->rejects + s->nrejects, r.rejects, r.nrejects);
		s->nrejects += r.nrejects;
	}
	char *what = NULL;
	if (whole && r.version <= JOURNAL_VERSION && !s->readonly && !cut)
		make_private(s->jfd);
	if (cut && !s->readonly) {
		/* never cut a file this large: only read as far as the cap */
		s->readonly = xasprintf(_("%s/%s is larger than %lld MiB"), s->dir, JOURNAL_FILE,
					(long long)(store_journal_max >> 20));
		what = xasprintf(_("Your progress file %s/%s is larger than %lld MiB. It is shown "
				 "as far as that, and nothing new is saved until it is made "
				 "smaller."), s->dir, JOURNAL_FILE,
				 (long long)(store_journal_max >> 20));
	} else if (r.version > JOURNAL_VERSION && !s->readonly) {
		s->readonly = xasprintf(_("your progress was saved by a newer rollwise (format %d); "
					"update rollwise to save again"), r.version);
		what = xasprintf(_("Your progress was saved by a newer rollwise (format %d). It is "
				 "shown as far as this one understands it, but nothing new is saved "
				 "until rollwise is updated."), r.version);
	} else if (r.bad) {
		what = xasprintf(ngettext("%zu line of your saved progress could not be read and "
					  "was skipped (line %zu: %s); it is kept in %s/%s.",
					  "%zu lines of your saved progress could not be read and "
					  "were skipped (line %zu: %s); they are kept in %s/%s.",
					  r.bad), r.bad, r.first_bad, r.why, s->dir, REJECT_FILE);
	}
	/* the whole file read, and not one line of it a journal's */
	bool junk = !r.text && r.events == 0 && n > 0 && whole && !s->readonly;
	if (r.torn && n > r.end && !junk && !cut) {
		char *torn = torn_line(s, buf + r.end, n - r.end, s->lines + 1);
		if (what)
			fold_notice(&what, torn);
		else
			what = torn;
	}
	if (junk) {
		/* not a journal at all: keep it aside and start a fresh one */
		char *to = move_aside(s, JOURNAL_FILE);
		free(what);
		what = to ? xasprintf(_("Your saved progress could not be read (it is not a "
				      "rollwise progress file). It was kept as %s/%s and "
				      "progress starts afresh."), s->dir, to)
			  : xasprintf(_("Your saved progress in %s/%s cannot be read and cannot "
				      "be moved aside (%s); it is left as it is."), s->dir,
				      JOURNAL_FILE, strerror(errno));
		if (to) {
			free(s->rejects);
			s->rejects = NULL;
			s->nrejects = 0;
			journal_open(s, true, err);
		} else {
			s->readonly = xasprintf(_("%s/%s cannot be read"), s->dir, JOURNAL_FILE);
		}
		free(to);
	}
	free(r.rejects);
	free(buf);
	*notice = what;
	return 0;
}

/* Under the lock: follows a journal another process replaced (compaction),
 * then folds in what was appended since. */
static int refresh(struct store *s, struct progress *p, char **notice, char **err)
{
	struct stat st;
	*notice = NULL;
	if (s->jfd < 0 || fstatat(s->dfd, JOURNAL_FILE, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    st.st_ino != s->ino || st.st_dev != s->dev) {
		if (journal_open(s, true, err) < 0) {
			if (!*err)
				*err = xasprintf(_("cannot open %s/%s: %s"), s->dir, JOURNAL_FILE,
						 strerror(errno));
			return -1;
		}
	} else if (st.st_size < s->off) {	/* cut by hand: read it again */
		s->off = 0;
		s->lines = 0;
	}
	return journal_catch_up(s, p, true, notice, err);
}

static int compact_locked(struct store *s, struct progress *p, char **err);
static int rewrite_locked(struct store *s, const struct progress *p, char **err);

/* Release 1's progress.yaml, still there: folded into p record by record (a
 * bad record is skipped and named), and (when saving is on) p is written
 * as the journal's snapshot before the old file is renamed
 * progress.yaml.converted. A file that cannot be read at all is left as it
 * is and told at every start until it is moved or mended. */
static void convert_v1(struct store *s, struct progress *p, char **notice)
{
	char *err = NULL, *buf = NULL, *first = NULL;
	size_t n = 0, skipped = 0;
	struct stat st;
	int fd = open_file(s, V1_FILE, OPEN_READ, &err);
	if (fd < 0) {
		if (err)
			fold_notice(notice, xasprintf(_("Your saved progress from an older rollwise "
						      "cannot be read: %s."), err));
		free(err);
		return;
	}
	bool cut;
	int e = fstat(fd, &st) < 0 ? errno : 0;
	if (!e && st.st_size <= PROGRESS_MAX_BYTES)
		e = read_from(fd, 0, &buf, &n, &cut);
	close(fd);
	struct progress *old = NULL;
	if (e || st.st_size > PROGRESS_MAX_BYTES ||
	    store_parse_records(buf, n, &old, &skipped, &first, &err) != 0) {
		fold_notice(notice, xasprintf(_("Your saved progress from an older rollwise "
					      "(%s/%s) could not be converted (%s). It is left as "
					      "it is; new progress is saved beside it."), s->dir,
					      V1_FILE, e ? strerror(e) : err ? err : _("too large")));
		free(err);
		free(buf);
		return;
	}
	free(buf);
	progress_merge(p, old);
	progress_free(old);
	if (skipped)
		fold_notice(notice, xasprintf(ngettext(
			"%zu record of your saved progress from an older rollwise could not be "
			"read and was skipped (%s); the rest is kept, and so is the old file, "
			"as %s/%s.",
			"%zu records of your saved progress from an older rollwise could not be "
			"read and were skipped (%s); the rest is kept, and so is the old file, "
			"as %s/%s.", skipped), skipped, first, s->dir, V1_KEPT));
	free(first);
	if (s->readonly || s->jfd < 0)
		return;
	if (rewrite_locked(s, p, &err) == 0) {
		if (renameat(s->dfd, V1_FILE, s->dfd, V1_KEPT) == 0)
			fsync(s->dfd);
	} else {
		fold_notice(notice, xasprintf(_("Your saved progress could not be converted to "
					      "the new format: %s. It is left as it is."), err));
		free(err);
	}
}

/* Compaction comes when the journal has grown by COMPACT_SLACK since its
 * snapshot (whose size the header gives), whichever session is running. */
static void set_compact_at(struct store *s, size_t snapshot)
{
	s->compact_at = (off_t)snapshot + COMPACT_SLACK;
}

struct progress *store_load(struct store *s, char **notice)
{
	struct progress *p = progress_new();
	char *err = NULL, *more = NULL;
	struct stat st;
	*notice = NULL;
	if (lock(s, &err) < 0) {
		*notice = xasprintf(_("Your progress cannot be read: %s."), err);
		free(err);
		return p;
	}
	bool v1 = fstatat(s->dfd, V1_FILE, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (journal_open(s, !s->readonly, &err) == 0) {
		if (journal_catch_up(s, p, false, &more, &err) == 0)
			fold_notice(notice, more);
		progress_tidy(p);
		set_compact_at(s, s->snapshot);
		if (v1)
			convert_v1(s, p, notice);
		/* bad lines move to progress.rejected now, so they are told once;
		 * a journal grown past its size is compacted before it is used */
		if ((s->nrejects || s->off >= s->compact_at) && !s->readonly &&
		    compact_locked(s, p, &err) != 0)
			fold_notice(notice, xasprintf(_("Could not tidy your progress file: %s."),
						      err));
	}
	else if (v1)	/* shown, though nothing can be saved */
		convert_v1(s, p, notice);
	if (err && errno != ENOENT)
		fold_notice(notice, xasprintf(_("Your progress cannot be read: %s."), err));
	free(err);
	if (!s->readonly && s->lockfd >= 0)
		clean_temps(s);
	unlock(s);
	return p;
}

/* Events that are fsynced at once; page turns wait (at most a second). */
static bool urgent(const struct event *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].kind != EV_PAGE)
			return true;
	return false;
}

static int append(struct store *s, struct progress *p, char **err)
{
	size_t n, len = 0;
	const struct event *v = progress_unsaved(p, &n);
	if (n == 0)
		return 0;
	char *buf = xmalloc(n * JOURNAL_LINE_MAX + 1);
	bool torn = s->torn;	/* end the torn line left there first */
	if (torn)
		buf[len++] = '\n';
	for (size_t i = 0; i < n; i++)
		len += journal_format(&v[i], buf + len, JOURNAL_LINE_MAX);
	int e = write_all(s->jfd, buf, len);
	free(buf);
	if (e) {
		/* a short append would leave a torn line: cut it off again */
		if (ftruncate(s->jfd, s->off) < 0) {
			/* the next read keeps it in progress.rejected */
		}
		*err = xasprintf(_("cannot save progress in %s: %s"), s->dir, strerror(e));
		return -1;
	}
	s->stats.writes++;
	s->stats.bytes += len;
	if (torn) {	/* the next read takes it as a bad line, and these again */
		s->torn = false;
	} else {
		s->off += (off_t)len;
		s->lines += n;
	}
	bool now = urgent(v, n);
	progress_saved(p, n);	/* v is gone */
	s->dirty = true;
	if (now || since(&s->synced) >= 1.0) {
		if (fsync(s->jfd) < 0) {
			*err = xasprintf(_("progress saved in %s, but it may not be on disk yet: %s"),
					 s->dir, strerror(errno));
			return -1;
		}
		synced(s);
	}
	return 0;
}

int store_save(struct store *s, struct progress *p, char **err, char **notice)
{
	char *more = NULL;
	*err = NULL;
	if (notice)
		*notice = NULL;
	if (s->readonly) {
		size_t n;
		progress_unsaved(p, &n);
		if (n == 0)
			return 0;
		*err = xasprintf(_("progress is not saved: %s"), s->readonly);
		return -1;
	}
	if (lock(s, err) < 0)
		return -1;
	int rc = refresh(s, p, &more, err);
	if (rc == 0 && !s->readonly)
		rc = append(s, p, err);
	if (rc == 0 && s->off >= s->compact_at && compact_locked(s, p, err) != 0) {
		/* appending still works (a folder we may not create files in):
		 * try again when the journal has grown as much again */
		free(*err);
		*err = NULL;
		set_compact_at(s, (size_t)s->off);
	}
	unlock(s);
	if (notice)
		*notice = more;
	else
		free(more);
	return rc;
}

bool store_unsynced(const struct store *s)
{
	return s && s->dirty;
}

int store_fd(const struct store *s)
{
	return s && !s->readonly ? s->jfd : -1;
}

void store_flush(struct store *s)
{
	if (s && s->jfd >= 0 && s->dirty && fsync(s->jfd) == 0)
		synced(s);
}

static bool keep_all(void *ctx, const char *course, const char *lesson, const char *question)
{
	(void)ctx;
	(void)course;
	(void)lesson;
	(void)question;
	return true;
}

/* Under the lock, with p up to date with the journal. */
static int compact_locked(struct store *s, struct progress *p, char **err)
{
	*err = NULL;
	if (s->readonly)
		return 0;
	progress_prune(p, time(NULL), s->known ? s->known : keep_all, s->known_ctx);
	return rewrite_locked(s, p, err);
}

/* Under the lock: the journal rewritten as a snapshot of p, after the lines
 * that could not be read are kept in progress.rejected. */
static int rewrite_locked(struct store *s, const struct progress *p, char **err)
{
	size_t len;
	*err = NULL;
	if (keep_rejects(s, s->rejects, s->nrejects, err) < 0)
		return -1;
	free(s->rejects);
	s->rejects = NULL;
	s->nrejects = 0;
	char *snap = journal_snapshot(p, &len);
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += snap[i] == '\n';
	int rc = write_atomic(s, snap, len, err);
	free(snap);
	if (rc == 0) {
		s->stats.compactions++;
		rc = journal_open(s, false, err);
		s->off = (off_t)len;
		s->lines = lines;
		s->snapshot = len;
		set_compact_at(s, len);
	}
	return rc;
}

int store_compact(struct store *s, struct progress *p, char **err)
{
	char *notice = NULL;
	*err = NULL;
	if (s->readonly)
		return 0;
	if (lock(s, err) < 0)
		return -1;
	int rc = refresh(s, p, &notice, err);
	free(notice);
	if (rc == 0)
		rc = compact_locked(s, p, err);
	unlock(s);
	return rc;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	store_flush(s);
	journal_close(s);
	if (s->lockfd >= 0)
		close(s->lockfd);
	if (s->dfd >= 0)
		close(s->dfd);
	free(s->rejects);
	free(s->readonly);
	free(s->dir);
	free(s);
}
