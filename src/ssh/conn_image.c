/*
 * conn_image.c - the two ends of the interface's image (src/ui/ui_image.h
 * for the protocol, ui_image.c for why): the listener execs CONN_IMAGES
 * images and a fresh one when one retires or dies, and gives each new
 * session one of them in turn; a session asks it for its interface, and
 * starts it itself (fork and exec) when the image does not answer.
 *
 * Why several: an image is one process, and in a burst of a thousand
 * key exchanges the scheduler gives it one share of the two cores among
 * a thousand; its queue grew, sessions gave up waiting and exec'd their
 * interface, and the burst got slower than with an exec per session.
 * Four images in sessions of their own (four scheduling groups) serve
 * the same burst (docs/PERFORMANCE.md); each is as safe as one
 * (docs/SECURITY.md) and costs its own pages (a few hundred KB).
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ssh/conn_private.h"
#include "ui/ui_image.h"
#include "util/util.h"

extern char **environ;

/* How long a session waits for the image's answer before it starts its
 * interface itself. The image only forks (well under a millisecond),
 * but it is one process: in a burst of a thousand logins it gets its
 * share of the two cores like any session, and its queue grows; a
 * session that waited longer would only wait (docs/PERFORMANCE.md). */
#define IMAGE_WAIT_MS	500
/* Its status, once the pidfd said the child ended: the image reaps it
 * at once, unless it is busy forking others. */
#define IMAGE_STATUS_MS	2000

/* What the image's environment keeps of ours: the sanitizers' settings
 * (test-asan only). */
static const char *const IMAGE_PASS[] = { "ASAN_OPTIONS", "LSAN_OPTIONS",
    "UBSAN_OPTIONS" };

/* posix_spawn: no copy of the listener's memory, not even for a moment
 * (it holds the host keys and thousands of sessions' slots). 0, -1 on
 * error, 1 with no palabre-ui beside us. */
static int
image_spawn(struct conn_image *im, const char *self, const char *config_path,
    const char *run_dir)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;
	char uipath[PATH_MAX], *envp[nitems(IMAGE_PASS) + 3];
	char *argv[] = { "palabre-ui", "-c", (char *)config_path, "--image",
	    "--run", (char *)run_dir, UI_IMAGE_PAD, NULL };
	size_t ne = 0, k;
	int sv[2], rc;

	snprintf(uipath, sizeof(uipath), "%s-ui", self);
	if (access(uipath, X_OK) == -1)
		return 1;	/* palabre alone: sessions exec it */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	envp[ne++] = "PATH=/usr/bin:/bin";
	/* Every library's symbols bound once, here, rather than by each
	 * interface at its first call of each function. */
	envp[ne++] = "LD_BIND_NOW=1";
	for (k = 0; k < nitems(IMAGE_PASS); k++) {
		const char *v = getenv(IMAGE_PASS[k]);

		if (v != NULL)
			xasprintf(&envp[ne++], "%s=%s", IMAGE_PASS[k], v);
	}
	envp[ne] = NULL;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sv[1], UI_IMAGE_FD);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	/* Its own session, so its own scheduling group (autogroup): in a
	 * burst it does not share one group's CPU with the listener. */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSID);
	rc = posix_spawn(&im->pid, uipath, &fa, &attr, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	for (k = 2; k < ne; k++)
		free(envp[k]);
	close(sv[1]);
	if (rc != 0) {
		log_warn("image de l'interface : %s", strerror(rc));
		close(sv[0]);
		return -1;
	}
	im->fd = sv[0];
	log_debug("image de l'interface : %ld", (long)im->pid);
	return 0;
}

void
conn_image_init(struct conn_images *ims)
{
	size_t i;

	memset(ims, 0, sizeof(*ims));
	for (i = 0; i < nitems(ims->im); i++) {
		ims->im[i].fd = -1;
		ims->im[i].pid = -1;
		ims->im[i].tried = INT64_MIN / 2;
	}
}

int
conn_image_ready(struct conn_images *ims, const char *self,
    const char *config_path, const char *run_dir)
{
	struct conn_image *im;
	size_t i;
	char b;

	for (i = 0; i < nitems(ims->im); i++) {
		im = &ims->im[i];
		/* An image closes its end when it retires or dies. */
		if (im->fd != -1 && (recv(im->fd, &b, 1, MSG_PEEK |
		    MSG_DONTWAIT) != -1 || (errno != EAGAIN &&
		    errno != EINTR))) {
			close(im->fd);
			im->fd = -1;
		}
		/* At most one exec a second each, should it die at once
		 * each time. */
		if (im->fd == -1 && mono_ms() - im->tried >= 1000) {
			im->tried = mono_ms();
			if (image_spawn(im, self, config_path, run_dir) == 1)
				return -1;	/* palabre alone */
		}
	}
	/* In turn; a dead one's sessions go to the next. */
	for (i = 0; i < nitems(ims->im); i++) {
		im = &ims->im[ims->next++ % nitems(ims->im)];
		if (im->fd != -1)
			return im->fd;
	}
	return -1;
}

void
conn_image_stop(struct conn_images *ims)
{
	size_t i;

	for (i = 0; i < nitems(ims->im); i++)
		if (ims->im[i].fd != -1)
			kill(ims->im[i].pid, SIGTERM);
}

int
conn_image_start(int fd, const struct ui_image_req *rq, int slave,
    int logfd, pid_t *pid, int *pidfd, int *statfd)
{
	struct ui_image_reply rp;
	struct pollfd pfd;
	int sv[2], fds[3], nfds = 0, rc = -1;
	char go = UI_IMAGE_GO;

	*pid = -1;
	*pidfd = *statfd = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	fds[0] = slave;
	fds[1] = sv[1];
	fds[2] = logfd;
	/* Never wait on a full socket: the interface is started here
	 * instead. */
	if (fd_send(fd, rq, sizeof(*rq), fds, logfd != -1 ? 3 : 2,
	    MSG_DONTWAIT) == -1)
		goto out;
	close(sv[1]);
	sv[1] = -1;
	pfd.fd = sv[0];
	pfd.events = POLLIN;
	if (poll(&pfd, 1, IMAGE_WAIT_MS) != 1)
		goto out;
	if (fd_recv(sv[0], &rp, sizeof(rp), pidfd, 1, &nfds) != 0 ||
	    rp.pid <= 0 || nfds != 1) {
		if (nfds == 1)
			close(*pidfd);
		*pidfd = -1;
		goto out;
	}
	if (write(sv[0], &go, 1) != 1) {
		close(*pidfd);
		*pidfd = -1;
		goto out;
	}
	*pid = rp.pid;
	*statfd = sv[0];
	sv[0] = -1;
	rc = 0;
out:
	if (sv[0] != -1)
		close(sv[0]);	/* a child waiting for its go ends */
	if (sv[1] != -1)
		close(sv[1]);
	return rc;
}

int
conn_image_status(int statfd)
{
	struct pollfd pfd;
	int status, nfds;

	/* The image reaps it just after the pidfd said it ended. */
	pfd.fd = statfd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, IMAGE_STATUS_MS) == 1 &&
	    fd_recv(statfd, &status, sizeof(status), NULL, 0, &nfds) == 0)
		return status;
	return -1;
}
