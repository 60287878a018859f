/*
 * servelock.c - the lock that says a database is being served (see
 * servelock.h). fcntl() record locks, not flock(): they are not passed
 * to forked children and F_GETLK names the holder's pid.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/servelock.h"
#include "util/util.h"

static char	*serve_lock_path(const char *);

static char *
serve_lock_path(const char *database)
{
	char *path;

	xasprintf(&path, "%s.lock", database);
	return path;
}

int
serve_lock_take(const char *database, int exclusive, pid_t *holder)
{
	struct flock fl;
	char *path = serve_lock_path(database), pid[32];
	int fd, n, saved;

	*holder = 0;
	if (exclusive ||
	    ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 && errno == ENOENT))
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(path);
	if (fd == -1)
		return -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = exclusive ? F_WRLCK : F_RDLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == -1) {
		saved = errno;
		if ((saved == EAGAIN || saved == EACCES) &&
		    fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK) {
			*holder = fl.l_pid;
			close(fd);
			return -2;
		}
		close(fd);
		errno = saved;
		return -1;
	}
	if (!exclusive)
		return fd;
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, pid, (size_t)n, 0) != n) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

pid_t
serve_lock_holder(const char *database)
{
	struct flock fl;
	char *path = serve_lock_path(database);
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_GETLK, &fl) == -1) {
		close(fd);
		return -1;
	}
	close(fd);
	return fl.l_type == F_UNLCK ? 0 : fl.l_pid;
}
