/*
 * util.c - checked allocation, logging, clocks and a byte buffer.
 *
 * Logging writes one line per call to stderr with a timestamp, the program
 * name, the pid and the calling function: "2026-11-26T15:04:05 palabre[123]
 * conn_auth: ...". The listener points stderr at its log file; sessions
 * inherit it.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

static const char *log_progname = "palabre";
static enum log_level log_min = LOG_INFO;
static char log_prefix[64];
static int log_fd = STDERR_FILENO;

static int	 log_journal(void);

static void *
oom(void)
{
	static const char msg[] = "palabre: out of memory\n";

	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(71);
	_exit(70);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	return p != NULL ? p : oom();
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	return p != NULL ? p : oom();
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		return oom();
	p = realloc(old, n * size == 0 ? 1 : n * size);
	return p != NULL ? p : oom();
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	return p != NULL ? p : oom();
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	return p != NULL ? p : oom();
}

int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int n = vasprintf(ret, fmt, ap);

	if (n < 0)
		oom();
	return n;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return n;
}

void
log_init(const char *progname, enum log_level min)
{
	log_progname = progname;
	log_min = min;
}

void
log_set_fd(int fd)
{
	log_fd = fd;
}

int
log_get_fd(void)
{
	return log_fd;
}

const char *
log_get_progname(void)
{
	return log_progname;
}

void
log_set_prefix(const char *prefix)
{
	snprintf(log_prefix, sizeof(log_prefix), "%s", prefix);
}

/*
 * Under systemd, stderr may be the journal (JOURNAL_STREAM names it by
 * device and inode; a log_file put in its place is not): the journal
 * stamps the lines itself and reads their priority from a "<N>" prefix
 * (sd-daemon(3)).
 */
static int
log_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat sb;

	return js != NULL && log_fd == STDERR_FILENO &&
	    sscanf(js, "%llu:%llu", &dev, &ino) == 2 &&
	    fstat(STDERR_FILENO, &sb) == 0 &&
	    (unsigned long long)sb.st_dev == dev &&
	    (unsigned long long)sb.st_ino == ino;
}

static void
log_vwrite(const char *level, const char *func, const char *fmt, va_list ap)
{
	char line[1024], stamp[32];
	struct tm tm;
	time_t t = time(NULL);
	int n, prio, journal = log_journal();

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	if (journal) {
		/* debug 7, info 6, warning 4, error 3, fatal 2 */
		prio = level[0] == 'd' ? 7 : level[0] == 'w' ? 4 :
		    level[0] == 'e' ? 3 : level[0] == 'f' ? 2 : 6;
		snprintf(stamp, sizeof(stamp), "<%d>", prio);
	}
	n = snprintf(line, sizeof(line), "%s%s[%ld] %s%s%s%s: ", stamp,
	    log_progname, (long)getpid(), level,
	    log_prefix, log_prefix[0] != '\0' ? " " : "", func);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	n = (int)strlen(line);
	if ((size_t)n >= sizeof(line) - 1)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* A log that cannot be written must not stop the session. */
	if (log_fd != -1 && write(log_fd, line, n) < 0)
		log_fd = -1;
}

void
log_msg(enum log_level level, const char *func, const char *fmt, ...)
{
	static const char *names[] = { "debug: ", "", "warning: ", "error: " };
	va_list ap;

	if (level < log_min)
		return;
	va_start(ap, fmt);
	log_vwrite(names[level], func, fmt, ap);
	va_end(ap);
}

void
fatal_msg(const char *func, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite("fatal: ", func, fmt, ap);
	va_end(ap);
	_exit(1);
}

char *
log_escape(char *buf, size_t size, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (size == 0)
		return buf;
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7f && c != '\\') {
			if (o + 1 >= size)
				break;
			buf[o++] = (char)c;
		} else {
			if (o + 4 >= size)
				break;
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	buf[o] = '\0';
	return buf;
}

int64_t
now_sec(void)
{
	return (int64_t)time(NULL);
}

int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
fmt_count(char *buf, size_t size, int64_t n)
{
	char digits[32], out[64];
	size_t len, i, o = 0;
	int neg = n < 0;

	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)(neg ?
	    -(uint64_t)n : (uint64_t)n));
	len = strlen(digits);
	if (neg)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0) {
			memcpy(out + o, "\u202f", 3);	/* U+202F */
			o += 3;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
}

int
fd_set_nonblock(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl == -1)
		return -1;
	fl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
	return fcntl(fd, F_SETFL, fl);
}

/* errno after access() or stat(), as path_problem() words it. */
static const char *
path_errno(int e, const char *what)
{
	static char buf[128];

	switch (e) {
	case ENOENT:
	case ENOTDIR:
		snprintf(buf, sizeof(buf), "%s absent", what);
		break;
	case EACCES:
	case EPERM:
		snprintf(buf, sizeof(buf), "%s interdit d'accès", what);
		break;
	case EROFS:
		snprintf(buf, sizeof(buf), "%s sur un système de fichiers en "
		    "lecture seule", what);
		break;
	default:
		snprintf(buf, sizeof(buf), "%s : erreur %d", what, e);
		break;
	}
	return buf;
}

const char *
path_problem(const char *path, int flags)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (access(dir, X_OK) == -1)
		return path_errno(errno, "dossier");
	if (access(path, F_OK) == -1) {
		if (errno != ENOENT || (flags & PATH_CREATE) == 0)
			return path_errno(errno, "fichier");
		/* To be made: the folder must take it. */
		if (access(dir, W_OK) == -1)
			return errno == EROFS ? path_errno(errno, "dossier") :
			    "dossier en lecture seule";
		return NULL;
	}
	if (access(path, R_OK) == -1)
		return errno == EACCES ? "fichier illisible (droits)" :
		    path_errno(errno, "fichier");
	if ((flags & PATH_WRITE) == 0)
		return NULL;
	if (access(path, W_OK) == -1)
		return errno == EROFS ? path_errno(errno, "fichier") :
		    "fichier en lecture seule";
	if (access(dir, W_OK) == -1)
		return errno == EROFS ? path_errno(errno, "dossier") :
		    "dossier en lecture seule";
	return NULL;
}

int
fd_set_cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFD);

	if (fl == -1)
		return -1;
	return fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

/* The control buffer for FD_PASS_MAX descriptors, aligned for cmsghdr. */
union fd_cmsg {
	struct cmsghdr	 h;
	char		 b[CMSG_SPACE(FD_PASS_MAX * sizeof(int))];
};

int
fd_send(int sock, const void *data, size_t len, const int *fds, int nfds,
    int flags)
{
	union fd_cmsg c;
	struct iovec iov;
	struct msghdr mh;

	if (nfds < 0 || nfds > FD_PASS_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = (void *)data;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (nfds > 0) {
		memset(&c, 0, sizeof(c));
		mh.msg_control = c.b;
		mh.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
		c.h.cmsg_level = SOL_SOCKET;
		c.h.cmsg_type = SCM_RIGHTS;
		c.h.cmsg_len = CMSG_LEN(nfds * sizeof(int));
		memcpy(CMSG_DATA(&c.h), fds, nfds * sizeof(int));
	}
	while (sendmsg(sock, &mh, MSG_NOSIGNAL | flags) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

int
fd_recv(int sock, void *data, size_t len, int *fds, int maxfds, int *nfds)
{
	union fd_cmsg c;
	struct cmsghdr *h;
	struct iovec iov;
	struct msghdr mh;
	ssize_t n;
	size_t k, got;
	int fd;

	*nfds = 0;
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = data;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = c.b;
	mh.msg_controllen = sizeof(c.b);
	while ((n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC)) == -1)
		if (errno != EINTR)
			return -1;
	for (h = CMSG_FIRSTHDR(&mh); h != NULL; h = CMSG_NXTHDR(&mh, h)) {
		if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
			continue;
		got = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (k = 0; k < got; k++) {
			memcpy(&fd, CMSG_DATA(h) + k * sizeof(int), sizeof(int));
			if (*nfds < maxfds)
				fds[(*nfds)++] = fd;
			else
				close(fd);
		}
	}
	if (n == 0 && *nfds == 0)
		return 1;
	if ((size_t)n != len || (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) {
		while (*nfds > 0)
			close(fds[--(*nfds)]);
		errno = EBADMSG;
		return -1;
	}
	return 0;
}

int
fs_sync(const char *path)
{
	int fd, rc, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap == 0 ? 64 : b->cap;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	buf_add(b, s, (size_t)n);
	free(s);
}

void
buf_json_str(struct buf *b, const char *s)
{
	buf_adds(b, "\"");
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		default:
			if ((unsigned char)*s < 0x20)
				buf_printf(b, "\\u%04x", (unsigned char)*s);
			else
				buf_add(b, s, 1);
		}
	}
	buf_adds(b, "\"");
}

void
buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
	} else {
		memmove(b->data, b->data + n, b->len - n);
		b->len -= n;
	}
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

int
file_read(const char *path, size_t max, char **text, size_t *len)
{
	struct buf b;
	char chunk[8192];
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || b.len + (size_t)n > max) {
			saved = n == -1 ? errno : EFBIG;
			close(fd);
			buf_free(&b);
			errno = saved;
			return -1;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*text = buf_detach(&b);
	return 0;
}

int
file_replace(const char *path, const void *data, size_t len, unsigned mode)
{
	const char *slash = strrchr(path, '/');
	const char *p = data;
	char *tmp;
	ssize_t n;
	int fd, saved;

	/* ".NAME.tmp" in the same directory: rename() stays atomic. */
	if (slash == NULL)
		xasprintf(&tmp, ".%s.tmp", path);
	else
		xasprintf(&tmp, "%.*s/.%s.tmp", (int)(slash - path), path,
		    slash + 1);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd == -1)
		goto fail;
	/* Written by root (a sysop's command) where the unprivileged
	 * server reads: the directory's owner gets it, as SQLite does with
	 * its -wal and -shm files. */
	if (geteuid() == 0) {
		char *dir = slash == NULL ? xstrdup(".") : slash == path ?
		    xstrdup("/") : xstrndup(path, (size_t)(slash - path));
		struct stat st;

		if (stat(dir, &st) == 0 && st.st_uid != 0 &&
		    fchown(fd, st.st_uid, st.st_gid) == -1)
			log_warn("%s : %s", tmp, strerror(errno));
		free(dir);
	}
	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	free(tmp);
	return 0;

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}
