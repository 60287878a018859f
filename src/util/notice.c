/*
 * notice.c - waking a member's open sessions through a file per member
 * in RUN_DIR/notices (see notice.h).
 *
 * Why inotify on a file per member: the writer needs to know nothing of
 * who is connected where (no registry walk, no signals across sessions
 * that the interfaces' sandbox would have to allow), the kernel wakes
 * exactly the watchers of that inode, and a member with three sessions
 * has three watches on one file. IN_CLOSE_WRITE fires on the writer's
 * close() even though nothing was written, so the file stays empty.
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
notice_watch(const char *run_dir, const char *login)
{
	char *path;
	int fd, in = -1, save;

	if ((path = notice_path(run_dir, login)) == NULL)
		return -1;
	/* Read-only: closing it must not wake the member's other
	 * sessions (IN_CLOSE_NOWRITE, not watched). */
	fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC, 0640);
	if (fd == -1)
		goto out;
	close(fd);
	if ((in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		goto out;
	if (inotify_add_watch(in, path, IN_CLOSE_WRITE) == -1) {
		save = errno;
		close(in);
		in = -1;
		errno = save;
	}
out:
	free(path);
	return in;
}

int
notice_drain(int fd)
{
	char buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	int woken = 0;

	while (read(fd, buf, sizeof(buf)) > 0)
		woken = 1;
	return woken;
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
