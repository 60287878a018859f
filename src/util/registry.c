/*
 * registry.c - the registry of open sessions (see registry.h).
 *
 * An entry is a few "key value" lines; the reader takes what it knows
 * and ignores the rest, so a newer writer does not break an older
 * reader. Files are small (under REGISTRY_MAX bytes) and replaced whole
 * with rename(), so a reader never sees half an entry.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/registry.h"
#include "util/util.h"

#define REGISTRY_MAX		4096
#define REGISTRY_SESSIONS	"sessions"
#define REGISTRY_ANNOUNCE	"annonce.txt"
#define REGISTRY_PEAK		"pointe.txt"

static int	 registry_parse(const char *, struct registry_entry *);
static void	 registry_copy(char *, size_t, const char *);
static int	 registry_cmp(const void *, const void *);

/* Copy a value, cut at size - 1 bytes and at the first control byte. */
static void
registry_copy(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	while (src[n] != '\0' && (unsigned char)src[n] >= 0x20 &&
	    n + 1 < size)
		n++;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int
registry_init(const char *run_dir)
{
	char *path;
	int rc = 0;

	if (mkdir(run_dir, 0750) == -1 && errno != EEXIST)
		return -1;
	xasprintf(&path, "%s/%s", run_dir, REGISTRY_SESSIONS);
	if (mkdir(path, 0750) == -1 && errno != EEXIST)
		rc = -1;
	free(path);
	return rc;
}

int
registry_write(const char *run_dir, const struct registry_entry *e)
{
	struct buf b;
	char *path;
	int rc;

	buf_init(&b);
	buf_printf(&b, "pid %ld\nstart %llu\nlogin %s\nsince %lld\npeer %s\n"
	    "charset %s\nsize %dx%d\nsection %s\nkey %lld\n", (long)e->pid,
	    (unsigned long long)e->start, e->login, (long long)e->since,
	    e->peer, e->charset, e->cols, e->rows, e->section,
	    (long long)e->last_key);
	xasprintf(&path, "%s/%s/%ld", run_dir, REGISTRY_SESSIONS,
	    (long)e->pid);
	rc = file_replace(path, b.data, b.len, 0640);
	free(path);
	buf_free(&b);
	return rc;
}

/* Fill e from an entry's text; 0, or -1 without a pid and start. */
static int
registry_parse(const char *text, struct registry_entry *e)
{
	const char *line, *sp, *nl;
	char key[16], value[256];
	size_t klen, vlen;

	memset(e, 0, sizeof(*e));
	for (line = text; *line != '\0'; line = nl + (*nl != '\0')) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			nl = line + strlen(line);
		sp = memchr(line, ' ', (size_t)(nl - line));
		if (sp == NULL)
			continue;
		klen = (size_t)(sp - line);
		vlen = (size_t)(nl - sp - 1);
		if (klen >= sizeof(key) || vlen >= sizeof(value))
			continue;
		memcpy(key, line, klen);
		key[klen] = '\0';
		memcpy(value, sp + 1, vlen);
		value[vlen] = '\0';
		if (strcmp(key, "pid") == 0)
			e->pid = (pid_t)strtol(value, NULL, 10);
		else if (strcmp(key, "start") == 0)
			e->start = strtoull(value, NULL, 10);
		else if (strcmp(key, "login") == 0)
			registry_copy(e->login, sizeof(e->login), value);
		else if (strcmp(key, "since") == 0)
			e->since = strtoll(value, NULL, 10);
		else if (strcmp(key, "peer") == 0)
			registry_copy(e->peer, sizeof(e->peer), value);
		else if (strcmp(key, "charset") == 0)
			registry_copy(e->charset, sizeof(e->charset), value);
		else if (strcmp(key, "size") == 0) {
			if (sscanf(value, "%dx%d", &e->cols, &e->rows) != 2)
				e->cols = e->rows = 0;
		} else if (strcmp(key, "section") == 0)
			registry_copy(e->section, sizeof(e->section), value);
		else if (strcmp(key, "key") == 0)
			e->last_key = strtoll(value, NULL, 10);
	}
	return e->pid > 0 && e->start != 0 ? 0 : -1;
}

int
registry_read(const char *run_dir, pid_t pid, struct registry_entry *e)
{
	struct stat st;
	char *path, *text = NULL;
	size_t len;
	int rc;

	xasprintf(&path, "%s/%s/%ld", run_dir, REGISTRY_SESSIONS, (long)pid);
	rc = file_read(path, REGISTRY_MAX, &text, &len);
	if (rc == 0 && (rc = registry_parse(text, e)) == 0 &&
	    (rc = stat(path, &st)) == 0)
		e->uid = st.st_uid;
	free(text);
	free(path);
	return rc == 0 && e->pid == pid ? 0 : -1;
}

void
registry_remove(const char *run_dir, pid_t pid)
{
	char *path;

	xasprintf(&path, "%s/%s/%ld", run_dir, REGISTRY_SESSIONS, (long)pid);
	unlink(path);
	free(path);
	xasprintf(&path, "%s/%s/%ld.kick", run_dir, REGISTRY_SESSIONS,
	    (long)pid);
	unlink(path);
	free(path);
}

static int
registry_cmp(const void *a, const void *b)
{
	const struct registry_entry *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

int
registry_list(const char *run_dir, int prune, struct registry_entry **list,
    size_t *n)
{
	struct registry_entry e, *out = NULL;
	struct dirent *d;
	char *path;
	size_t len = 0, cap = 0;
	uint64_t start;
	DIR *dir;
	long pid;
	char *end;

	xasprintf(&path, "%s/%s", run_dir, REGISTRY_SESSIONS);
	dir = opendir(path);
	free(path);
	if (dir == NULL)
		return -1;
	while ((d = readdir(dir)) != NULL) {
		errno = 0;
		pid = strtol(d->d_name, &end, 10);
		if (d->d_name[0] < '1' || d->d_name[0] > '9' || *end != '\0' ||
		    errno != 0 || pid <= 0 || pid > INT32_MAX)
			continue;
		if (registry_read(run_dir, (pid_t)pid, &e) == -1 ||
		    registry_start_time(e.pid, &start) == -1 ||
		    start != e.start) {
			if (prune)
				registry_remove(run_dir, (pid_t)pid);
			continue;
		}
		if (len == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			out = xreallocarray(out, cap, sizeof(*out));
		}
		out[len++] = e;
	}
	closedir(dir);
	if (len > 1)
		qsort(out, len, sizeof(*out), registry_cmp);
	*list = out;
	*n = len;
	return 0;
}

int
registry_start_time(pid_t pid, uint64_t *start)
{
	char path[64], *text, *p;
	size_t len;
	int field;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if (file_read(path, REGISTRY_MAX, &text, &len) == -1)
		return -1;
	/* The command name (field 2) may hold spaces and parentheses:
	 * fields are counted from the last ')'. A zombie is gone already. */
	if ((p = strrchr(text, ')')) == NULL || p[1] != ' ' || p[2] == 'Z' ||
	    p[2] == 'X') {
		free(text);
		return -1;
	}
	for (field = 2; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	*start = p != NULL ? strtoull(p + 1, NULL, 10) : 0;
	free(text);
	return *start != 0 ? 0 : -1;
}

int
registry_pidfd(const struct registry_entry *e)
{
	struct stat st;
	char path[32];
	uint64_t start;
	int fd;

	if ((fd = (int)syscall(SYS_pidfd_open, e->pid, 0)) == -1)
		return -1;
	/* Opened first, checked after: the pidfd is the process we
	 * checked, even if the pid is reused a moment later. */
	snprintf(path, sizeof(path), "/proc/%ld", (long)e->pid);
	if (registry_start_time(e->pid, &start) == -1 || start != e->start ||
	    stat(path, &st) == -1 || st.st_uid != e->uid) {
		close(fd);
		errno = ESRCH;
		return -1;
	}
	return fd;
}

int
registry_signal(const struct registry_entry *e, int sig)
{
	int fd, rc;

	if ((fd = registry_pidfd(e)) == -1)
		return -1;
	rc = (int)syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
	close(fd);
	return rc == -1 ? -1 : 0;
}

int
registry_kick(const char *run_dir, const struct registry_entry *e)
{
	char *path;
	int rc;

	xasprintf(&path, "%s/%s/%ld.kick", run_dir, REGISTRY_SESSIONS,
	    (long)e->pid);
	rc = file_replace(path, "", 0, 0640);
	free(path);
	if (rc == -1)
		return -1;
	return registry_signal(e, SIGUSR2);
}

int
registry_kicked(const char *run_dir, pid_t pid)
{
	char *path;
	int rc;

	xasprintf(&path, "%s/%s/%ld.kick", run_dir, REGISTRY_SESSIONS,
	    (long)pid);
	rc = access(path, F_OK) == 0;
	free(path);
	return rc;
}

int
registry_announce(const char *run_dir, const char *text)
{
	struct timespec ts;
	char *path, *data;
	int rc;

	/* A stamp of our own: two announcements within one tick of the
	 * file system's clock must still differ. */
	clock_gettime(CLOCK_REALTIME, &ts);
	xasprintf(&data, "%lld%09ld\n%s\n", (long long)ts.tv_sec,
	    ts.tv_nsec, text);
	xasprintf(&path, "%s/%s", run_dir, REGISTRY_ANNOUNCE);
	rc = file_replace(path, data, strlen(data), 0640);
	free(path);
	free(data);
	return rc;
}

int
registry_announcement(const char *run_dir, int64_t *stamp, char *buf,
    size_t size)
{
	char *path, *text, *nl;
	size_t len;
	int64_t s;
	int rc;

	xasprintf(&path, "%s/%s", run_dir, REGISTRY_ANNOUNCE);
	rc = file_read(path, REGISTRY_MAX, &text, &len);
	free(path);
	if (rc == -1)
		return 0;
	s = strtoll(text, NULL, 10);
	if (s == *stamp || (nl = strchr(text, '\n')) == NULL) {
		free(text);
		return 0;
	}
	*stamp = s;
	registry_copy(buf, size, nl + 1);
	free(text);
	return 1;
}

int
registry_peak_note(const char *run_dir, size_t n)
{
	char *path, *data;
	int rc;

	xasprintf(&data, "%zu %lld\n", n, (long long)time(NULL));
	xasprintf(&path, "%s/%s", run_dir, REGISTRY_PEAK);
	rc = file_replace(path, data, strlen(data), 0640);
	free(path);
	free(data);
	return rc;
}

int
registry_peak(const char *run_dir, size_t *n, int64_t *when)
{
	char *path, *text;
	unsigned long long v;
	long long t;
	size_t len;
	int rc;

	xasprintf(&path, "%s/%s", run_dir, REGISTRY_PEAK);
	rc = file_read(path, REGISTRY_MAX, &text, &len);
	free(path);
	if (rc == -1)
		return -1;
	rc = sscanf(text, "%llu %lld", &v, &t) == 2 ? 0 : -1;
	free(text);
	if (rc == 0) {
		*n = (size_t)v;
		*when = t;
	}
	return rc;
}
