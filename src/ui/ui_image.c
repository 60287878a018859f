/*
 * ui_image.c - the interface's pre-initialised image ("palabre-ui
 * --image", protocol in ui_image.h).
 *
 * An exec of palabre-ui per session costs the kernel's exec, the
 * mapping of ten libraries and the dynamic linker's 2,951 relocations
 * (about a third of a login's server CPU), and each UI then holds its
 * own copy of the libraries' relocated data. Here the listener execs
 * a small pool of images (CONN_IMAGES, conn_image.c), each linked and
 * relocated once; each interface is a fork of one of them and shares
 * those pages copy-on-write.
 *
 * What the interfaces share, and why it is safe (docs/SECURITY.md,
 * « The interfaces' image »): the image is a fresh exec made by the
 * listener after it dropped root, with no descriptor but its socket and
 * its log; it never holds a host key, never opens the database, never
 * reads a member's data: a request names a login, a terminal, a
 * language and an address, kept on the stack and wiped once the child
 * is forked. So a child inherits nothing of another member. What it
 * shares with its siblings is the layout (ASLR) and the stack canary,
 * as Android's zygote does; the image retires after UI_IMAGE_FORKS
 * forks or UI_IMAGE_AGE seconds to bound that, and the listener then
 * execs a fresh one. Each interface applies its own sandbox (Landlock,
 * seccomp) after the fork exactly as after an exec; the image itself
 * runs under the session's seccomp list, as a session's child did.
 */
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utmp.h>

#include "ui/ui.h"
#include "ui/ui_image.h"
#include "util/sandbox.h"
#include "util/util.h"

/* A child still running, and where its wait status goes. */
struct image_child {
	pid_t	 pid;
	int	 reply;
};

struct image {
	const char		*config_path;
	const char		*run_dir;
	char			*title;		/* our argv's bytes */
	size_t			 title_len;
	int			 sock;		/* -1 once retired */
	int			 sigfd;
	struct image_child	*children;
	size_t			 nchildren;
	size_t			 cap;
	unsigned		 forks;
};

static void	 image_request(struct image *);
static void	 image_child(struct image *, const struct ui_image_req *,
		    int, int, int) __attribute__((noreturn));
static void	 image_reap(struct image *);

/* The string s, cut at its size and with no control character: what
 * the session sent is the session's, but the child passes it on. */
static void
image_field(char *s, size_t size)
{
	size_t i;

	s[size - 1] = '\0';
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = '?';
}

/*
 * The child's command line, as an exec'd interface's (ps, the sysop's
 * tools and the tests read "--session --user LOGIN" there): written over
 * our argv's bytes, which the listener padded for it, the rest zeroed.
 */
static void
image_title(struct image *im, const char *const *argv)
{
	size_t at = 0, n;

	for (; *argv != NULL && at < im->title_len; argv++) {
		n = strlen(*argv) + 1;
		if (n > im->title_len - at)
			n = im->title_len - at;
		memcpy(im->title + at, *argv, n);
		at += n;
	}
	memset(im->title + at, 0, im->title_len - at);
	if (im->title_len > 0)
		im->title[im->title_len - 1] = '\0';
}

/*
 * In the child: wait for the session's go, take the pty as controlling
 * terminal and the log as fd 3, then the interface as after an exec.
 */
static void
image_child(struct image *im, const struct ui_image_req *rq, int slave,
    int reply, int logfd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	char pid[24];
	char *argv[] = { "palabre-ui", "--session", "--user",
	    (char *)rq->login, "--run", (char *)im->run_dir, NULL };
	const char *title[] = { "palabre-ui", "-c", im->config_path,
	    "--session", "--user", rq->login, "--run", im->run_dir, NULL };
	sigset_t set;
	size_t i;
	char go;

	/* Nothing of the image's other children: their reply channels. */
	close(im->sock);
	close(im->sigfd);
	for (i = 0; i < im->nchildren; i++)
		close(im->children[i].reply);
	if (read(reply, &go, 1) != 1 || go != UI_IMAGE_GO)
		_exit(0);	/* the session started the UI itself */
	/* The session made the reply channel: the kernel names it, for
	 * the interface's registry entry (its parent is not the session). */
	if (getsockopt(reply, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1)
		_exit(1);
	snprintf(pid, sizeof(pid), "%ld", (long)cred.pid);
	close(reply);
	image_title(im, title);
	if (login_tty(slave) == -1)
		_exit(1);
	if (logfd != -1) {
		if (dup2(logfd, 3) == -1)
			_exit(1);
		close_range(4, ~0U, 0);
	} else
		close_range(3, ~0U, 0);
	if (setenv("TERM", rq->term, 1) == -1 ||
	    setenv("PALABRE_CLIENT_LANG", rq->lang, 1) == -1 ||
	    setenv("PALABRE_PEER", rq->peer, 1) == -1 ||
	    setenv("PALABRE_SESSION_PID", pid, 1) == -1)
		_exit(1);
	/* The signals as sess_exec_ui() leaves them for an exec. */
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	exit(ui_local_main(im->config_path, (int)nitems(argv) - 1, argv));
}

/* One request: fork the child, answer with its pid and pidfd. */
static void
image_request(struct image *im)
{
	struct ui_image_req rq;
	struct ui_image_reply rp;
	struct pollfd pfd;
	int fds[3], nfds, rc, pidfd = -1, logfd;
	pid_t pid;

	rc = fd_recv(im->sock, &rq, sizeof(rq), fds, (int)nitems(fds), &nfds);
	if (rc == 1) {
		/* Neither the listener nor any session holds the socket. */
		close(im->sock);
		im->sock = -1;
		return;
	}
	if (rc == -1 && errno != EBADMSG && errno != EAGAIN) {
		/* Not a socket we can read: no more requests. */
		log_warn("image : %s", strerror(errno));
		close(im->sock);
		im->sock = -1;
		return;
	}
	if (rc == -1 || nfds < 2) {
		if (rc == 0)
			log_warn("image : requête sans pty ni réponse");
		while (rc == 0 && nfds > 0)
			close(fds[--nfds]);
		return;
	}
	/* A session that gave up waiting has closed its end: no fork for
	 * it (in a burst, the queue holds many). */
	pfd.fd = fds[1];
	pfd.events = 0;
	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP)) {
		while (nfds > 0)
			close(fds[--nfds]);
		return;
	}
	image_field(rq.login, sizeof(rq.login));
	image_field(rq.term, sizeof(rq.term));
	image_field(rq.lang, sizeof(rq.lang));
	image_field(rq.peer, sizeof(rq.peer));
	logfd = nfds > 2 ? fds[2] : -1;
	if (im->nchildren == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->children = xreallocarray(im->children, im->cap,
		    sizeof(*im->children));
	}
	memset(&rp, 0, sizeof(rp));
	if ((pid = fork()) == 0)
		image_child(im, &rq, fds[0], fds[1], logfd);
	/* Not reaped before this: the pid is still the child's. */
	if (pid != -1)
		pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	rp.pid = pid != -1 && pidfd != -1 ? pid : -1;
	rp.err = rp.pid == -1 ? errno : 0;
	if (rp.pid == -1)
		log_warn("image : %s : %s", pid == -1 ? "fork" :
		    "pidfd_open", strerror(rp.err));
	fd_send(fds[1], &rp, sizeof(rp), &pidfd, pidfd != -1, 0);
	if (pid != -1 && pidfd == -1) {
		kill(pid, SIGKILL);	/* it waits for a go that never comes */
		close(fds[1]);
	} else if (pid != -1) {
		im->children[im->nchildren].pid = pid;
		im->children[im->nchildren].reply = fds[1];
		im->nchildren++;
		im->forks++;
	} else
		close(fds[1]);
	if (pidfd != -1)
		close(pidfd);
	close(fds[0]);
	if (logfd != -1)
		close(logfd);
	explicit_bzero(&rq, sizeof(rq));
}

/* Children that ended: each one's status to its session. */
static void
image_reap(struct image *im)
{
	struct signalfd_siginfo si;
	size_t i;
	pid_t pid;
	int status;

	while (read(im->sigfd, &si, sizeof(si)) > 0)
		;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < im->nchildren; i++) {
			if (im->children[i].pid != pid)
				continue;
			fd_send(im->children[i].reply, &status,
			    sizeof(status), NULL, 0, MSG_DONTWAIT);
			close(im->children[i].reply);
			im->children[i] = im->children[--im->nchildren];
			break;
		}
	}
}

int
ui_image_main(const char *config_path, const char *run_dir, int argc,
    char **argv)
{
	struct image im;
	struct pollfd pfd[2];
	sigset_t set;
	int64_t retire;
	int n, timeout;

	memset(&im, 0, sizeof(im));
	/* Copies: the strings lie in argv's bytes, which each child
	 * overwrites with its command line. */
	im.config_path = xstrdup(config_path);
	im.run_dir = xstrdup(run_dir);
	im.sock = UI_IMAGE_FD;
	if (fcntl(im.sock, F_GETFD) == -1) {
		fprintf(stderr, "palabre-ui --image : lancé par palabre serve "
		    "seulement\n");
		return 2;
	}
	/* argv's strings lie end to end, as the kernel laid them out. */
	im.title = argv[0];
	im.title_len = (size_t)(argv[argc - 1] + strlen(argv[argc - 1]) + 1 -
	    argv[0]);
	/* The listener's end is ours: nothing else of it. */
	close_range(UI_IMAGE_FD + 1, ~0U, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() == 1)
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((im.sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) == -1)
		return 1;
	fd_set_cloexec(im.sock);
	/* Done once here, for every child: the locale's files and the
	 * time zone (the child's own setlocale() then finds them loaded).
	 * Nothing of a member, nothing secret; not the database (no
	 * connection may cross a fork). */
	setlocale(LC_ALL, "C.UTF-8");
	tzset();
	/* No new privileges, not dumpable, the session's list: what a
	 * session's child ran under until its own list. */
	if (sandbox_session() == -1)
		return 1;
	/* What starting used and freed (about 230 KB): not kept by each
	 * of the pool's images for its whole life. */
	malloc_trim(0);
	retire = mono_ms() + UI_IMAGE_AGE * 1000LL;
	while (im.sock != -1 || im.nchildren > 0) {
		if (im.sock != -1 && (im.forks >= UI_IMAGE_FORKS ||
		    mono_ms() >= retire)) {
			/* The listener sees the end of the socket and execs
			 * a fresh image; this one waits for its children. */
			close(im.sock);
			im.sock = -1;
			continue;
		}
		pfd[0].fd = im.sigfd;
		pfd[0].events = POLLIN;
		pfd[1].fd = im.sock;
		pfd[1].events = POLLIN;
		timeout = -1;
		if (im.sock != -1)
			timeout = (int)(retire - mono_ms()) + 1;
		n = poll(pfd, im.sock != -1 ? 2 : 1, timeout);
		if (n == -1 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (pfd[0].revents)
			image_reap(&im);
		if (im.sock != -1 && pfd[1].revents)
			image_request(&im);
	}
	free(im.children);
	free((char *)im.config_path);
	free((char *)im.run_dir);
	return 0;
}
