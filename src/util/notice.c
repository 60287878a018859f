/*
 * notice.c - waking a member's open sessions through a file per member
 * in RUN_DIR/notices (see notice.h).
 *
 * Why a file per member, watched by the listener: the writer needs to
 * know nothing of who is connected where (no registry walk, no signals
 * across sessions that the interfaces' sandbox would have to allow);
 * IN_CLOSE_WRITE fires on the writer's close() even though nothing was
 * written, so the file stays empty. One inotify instance in the
 * listener, not one per session: the kernel allows a user 128 instances
 * (fs.inotify.max_user_instances) but some 190,000 watches here
 * (max_user_watches), and the listener already knows which sessions are
 * whose.
 */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/notice.h"
#include "util/util.h"

#define NOTICE_DIR	"notices"
#define NOTICE_LOGIN_MAX 64

static char	*notice_path(const char *, const char *);

/* RUN_DIR/notices/LOGIN, or NULL if the login could name another file
 * (empty, too long, a dot first, a slash). */
static char *
notice_path(const char *run_dir, const char *login)
{
	char *path;
	size_t n = strlen(login);

	if (n == 0 || n >= NOTICE_LOGIN_MAX || login[0] == '.' ||
	    strchr(login, '/') != NULL) {
		errno = EINVAL;
		return NULL;
	}
	xasprintf(&path, "%s/%s/%s", run_dir, NOTICE_DIR, login);
	return path;
}

int
notice_init(const char *run_dir)
{
	char *path;
	int rc = 0;

	xasprintf(&path, "%s/%s", run_dir, NOTICE_DIR);
	if (mkdir(path, 0750) == -1 && errno != EEXIST)
		rc = -1;
	free(path);
	return rc;
}

int
notice_watch_open(void)
{
	return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

int
notice_watch_add(int fd, const char *run_dir, const char *login)
{
	char *path;
	int f, wd = -1;

	if ((path = notice_path(run_dir, login)) == NULL)
		return -1;
	/* Read-only: closing it must not wake anybody (IN_CLOSE_NOWRITE,
	 * not watched). */
	f = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC, 0640);
	if (f != -1) {
		close(f);
		wd = inotify_add_watch(fd, path, IN_CLOSE_WRITE);
	}
	free(path);
	return wd;
}

void
notice_watch_rm(int fd, int wd)
{
	if (wd >= 0)
		inotify_rm_watch(fd, wd);
}

size_t
notice_woken(int fd, int *wds, size_t max)
{
	char buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	size_t n = 0, i;
	ssize_t len, off;

	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len; off += (ssize_t)sizeof(*ev) +
		    (ssize_t)ev->len) {
			ev = (const struct inotify_event *)(buf + off);
			if (!(ev->mask & IN_CLOSE_WRITE))
				continue;	/* IN_IGNORED, IN_Q_OVERFLOW */
			for (i = 0; i < n && wds[i] != ev->wd; i++)
				;
			if (i == n && n < max)
				wds[n++] = ev->wd;
		}
	}
	return n;
}

int
notice_wake(const char *run_dir, const char *login)
{
	char *path;
	int fd;

	if ((path = notice_path(run_dir, login)) == NULL)
		return -1;
	/* Never created: the member never had a session to wake. */
	fd = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	close(fd);
	return 1;
}

void
notice_wake_hook(const char *run_dir, const char *login)
{
	if (run_dir != NULL && notice_wake(run_dir, login) == -1)
		log_warn("avis pour %s : %s", login, strerror(errno));
}
