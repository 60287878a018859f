/*
 * conn_session.c - one connection, in its own process: key exchange,
 * authentication, the session channel, the pty and the byte pump.
 *
 * Life of a session process:
 *  1. Key exchange, within kex_grace seconds (then reported to the
 *     listener, which may evict connections still in theirs), and one
 *     overall deadline, login_grace seconds, for kex + auth + pty +
 *     shell, backed by alarm().
 *  2. Authentication (conn_auth.c): password, public key,
 *     keyboard-interactive; every failure counts, max_auth_tries per
 *     connection, each reported to the listener.
 *  3. One session channel (a second one is refused), pty-req (sizes
 *     clamped to 300x100, TERM checked), env (TERM, LANG, LC_* only),
 *     shell, or exec (one command, see 4b), or the « sftp » subsystem
 *     (see 4c; any other subsystem is refused). x11, agent and port
 *     forwarding get the default refusal from libssh (we install no
 *     callback for them).
 *  4. The UI: our entry in the registry of open sessions (util/registry.h),
 *     then openpty, fork, login_tty on the slave, exec of "palabre-ui
 *     --session --user LOGIN --run RUN_DIR" (its own SQLite connection,
 *     opened after the exec; the configuration the listener validated,
 *     from RUN_DIR).
 *     window-change becomes TIOCSWINSZ on the master, so the UI gets
 *     SIGWINCH.
 * 4b. exec ("ssh host lire m12"): no pty (if the client asked for one,
 *     its terminal is raw: newlines go out as CR LF); the same registry
 *     entry and limits, then fork and exec of "palabre-ui
 *     ... --command STRING" (src/cmd/cmd.c) with three pipes: stdin from
 *     the channel, stdout to it, stderr to it as extended data. The
 *     client's LANG sets the charset both ways (the command string
 *     too); the command's exit code is the exit-status.
 * 4c. subsystem sftp (« sftp -P PORT login@host », « scp », which uses
 *     SFTP since OpenSSH 9): fork and exec of "palabre-ui ... --sftp"
 *     with one end of a socket pair as its stdin: that helper, with the
 *     member's rights only, resolves the library's read-only tree
 *     against the store and hands back descriptors of the files
 *     (files/files.h); this process speaks SFTP with libssh
 *     (conn_sftp.c) and reads those descriptors. No pty, no pump.
 *  5. The pump: one ssh_event with the session, the pty master, a pidfd
 *     for the UI and a signalfd. Bytes are re-encoded for the member's
 *     charset (Latin-9, CP850, ASCII...) on the way out and decoded to
 *     UTF-8 on the way in; the UI chooses the charset and says so with an
 *     in-band marker that the encoder removes. Output from the pty is queued and written
 *     to the channel only from the main loop, never from inside a libssh
 *     callback (a blocking write there cannot read the client's window
 *     adjust); the queue is capped, and reading the pty pauses while it is
 *     full. Input that the pty cannot take at once stays in libssh's
 *     buffer (the data callback consumes only what was written), which
 *     holds the client's window closed: free back-pressure.
 *  6. The end: if the UI exits, its last output is flushed, then
 *     exit-status, EOF and close, and we wait for the client's close. If
 *     the client vanishes or closes the channel, the UI gets SIGHUP (and
 *     SIGKILL 5 s later if it lingers). SIGTERM from the listener (the
 *     server stops) goes on to the UI, which restores the terminal and
 *     says goodbye; the session then ends as when the member quits. So
 *     do SIGUSR1 (reload) and SIGUSR2 (the sysop's kick or announcement,
 *     or from the listener a notice for the member: util/notice.h).
 *     Our registry entry goes last.
 */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "config.h"
#include "ssh/conn_auth.h"
#include "ssh/conn_private.h"
#include "ssh/conn_proxy.h"
#include "ui/ui_image.h"
#include "text/txt.h"
#include "util/registry.h"
#include "util/sandbox.h"
#include "util/util.h"

#define PUMP_OUT_MAX	(256 * 1024)	/* queued output before pausing */
#define PUMP_READ	16384
#define SESS_IN_MAX	(1024 * 1024)	/* keys waiting for the pty */
#define PUMP_GATHER_MS	1		/* wait for the rest of an update */
#define PUMP_GATHERS	4		/* ... at most this many times */
/*
 * The largest window the UI gets: ncurses keeps three screens of about
 * 27 bytes a cell, so a 1000x1000 pty cost 84 MB of PSS. At 300x100 the
 * UI takes 4 to 5 MB of PSS (about 2 MB at 80x24; tests/bench/winsize.sh).
 * A larger terminal is clamped, not refused: the UI uses its top-left
 * part.
 */
#define PTY_MAX_COLS	300
#define PTY_MAX_ROWS	100
#define UI_GRACE_MS	5000		/* after SIGHUP, before SIGKILL */

struct conn_session {
	struct conn_child_args	*args;
	ssh_session		 session;
	ssh_event		 event;
	struct conn_auth	 auth;
	struct ssh_server_callbacks_struct server_cb;
	struct ssh_channel_callbacks_struct channel_cb;
	ssh_channel		 channel;

	int			 has_pty;
	int			 want_shell;
	char			*command;	/* exec: NULL for a shell */
	int			 sftp;		/* the sftp subsystem */
	int			 wfd;		/* keys go here: master/stdin */
	int			 infd;		/* exec: the command's stdin */
	short			 in_events;
	int			 in_eof;	/* the client sent EOF */
	int			 errfd;		/* exec: the command's stderr */
	int			 err_eof;
	int			 err_polled;
	struct buf		 err;		/* stderr -> channel */
	struct txt_encoder	 eenc;		/* for stderr */
	char			 term[65];
	char			 lang[65];	/* LANG, LC_ALL or LC_CTYPE */
	struct winsize		 ws;

	int			 master;	/* -1 until the UI starts */
	short			 master_events;	/* what we poll it for */
	int			 master_eof;	/* the UI closed the pty */
	int			 statfd;	/* the image's child: its wait
						 * status comes here; -1 */
	pid_t			 ui_pid;
	int			 pidfd;
	int			 sigfd;
	int			 ui_exited;
	int			 ui_status;
	int			 closing;	/* hang up the UI and leave */
	int			 registered;	/* our entry is in the registry */
	int64_t			 term_at;	/* mono ms SIGTERM went to the UI */
	int64_t			 hup_at;	/* mono ms SIGHUP was sent */
	struct buf		 out;		/* pty -> channel */
	struct buf		 in;		/* decoded keys not yet typed */
	char			 peer[CONN_PEER_MAX]; /* the client's, from a
						 * relay's PROXY header */
	struct txt_encoder	 enc;		/* UTF-8 -> terminal charset */
};

static int	 sess_channel_data(ssh_session, ssh_channel, void *, uint32_t,
		    int, void *);
static void	 sess_channel_eof(ssh_session, ssh_channel, void *);
static void	 sess_channel_close(ssh_session, ssh_channel, void *);
static int	 sess_pty_request(ssh_session, ssh_channel, const char *, int,
		    int, int, int, void *);
static int	 sess_pty_resize(ssh_session, ssh_channel, int, int, int, int,
		    void *);
static int	 sess_shell_request(ssh_session, ssh_channel, void *);
static int	 sess_exec_request(ssh_session, ssh_channel, const char *,
		    void *);
static int	 sess_env_request(ssh_session, ssh_channel, const char *,
		    const char *, void *);
static int	 sess_subsystem_request(ssh_session, ssh_channel,
		    const char *, void *);
static int	 sess_start_sftp(struct conn_session *);
static void	 sess_sftp_cap(void);
static ssh_channel sess_channel_open(ssh_session, void *);
static int	 sess_message(ssh_session, ssh_message, void *);
static int	 sess_master_readable(socket_t, int, void *);
static int	 sess_pidfd_readable(socket_t, int, void *);
static int	 sess_signal(socket_t, int, void *);
static int	 sess_start_ui(struct conn_session *);
static int	 sess_start_command(struct conn_session *);
static int	 sess_type(struct conn_session *);
static void	 sess_goodbye(struct conn_session *, int);
static void	 sess_quickack(struct conn_session *);
static int	 sess_key_exchange(struct conn_session *, int64_t);
static int	 sess_proxy(struct conn_session *, int64_t);
static void	 sess_flush(struct conn_session *);
static void	 sess_pump(struct conn_session *);
static void	 sess_master_poll(struct conn_session *);
static int	 sess_master_ready(socket_t, int, void *);
static int	 sess_clamp(int, int);
static int	 sess_term_valid(const char *);

/* Keep a terminal dimension within 1..max. */
static int
sess_clamp(int v, int max)
{
	if (v < 1)
		return 1;
	if (v > max)
		return max;
	return v;
}

/* TERM values we pass on: [A-Za-z0-9._+-]{1,64}. */
static int
sess_term_valid(const char *t)
{
	size_t n = 0;

	for (; *t != '\0'; t++, n++) {
		if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') ||
		    (*t >= '0' && *t <= '9') || *t == '.' || *t == '_' ||
		    *t == '+' || *t == '-'))
			return 0;
	}
	return n >= 1 && n <= 64;
}

/* The only session channel; a second one is refused. */
static ssh_channel
sess_channel_open(ssh_session session, void *arg)
{
	struct conn_auth *auth = arg;
	struct conn_session *s = auth->owner;

	if (s->channel != NULL || !s->auth.authenticated)
		return NULL;
	if ((s->channel = ssh_channel_new(session)) == NULL)
		return NULL;
	ssh_callbacks_init(&s->channel_cb);
	s->channel_cb.userdata = s;
	s->channel_cb.channel_data_function = sess_channel_data;
	s->channel_cb.channel_eof_function = sess_channel_eof;
	s->channel_cb.channel_close_function = sess_channel_close;
	s->channel_cb.channel_pty_request_function = sess_pty_request;
	s->channel_cb.channel_pty_window_change_function = sess_pty_resize;
	s->channel_cb.channel_shell_request_function = sess_shell_request;
	s->channel_cb.channel_exec_request_function = sess_exec_request;
	s->channel_cb.channel_env_request_function = sess_env_request;
	s->channel_cb.channel_subsystem_request_function =
	    sess_subsystem_request;
	ssh_set_channel_callbacks(s->channel, &s->channel_cb);
	return s->channel;
}

/*
 * What the server callbacks did not take. libssh runs our window-change
 * callback but then passes the request on here: answer it (if the client
 * wants a reply) instead of letting the default reply refuse it. The rest
 * is authentication's (keyboard-interactive) or refused.
 */
static int
sess_message(ssh_session session, ssh_message msg, void *arg)
{
	if (ssh_message_type(msg) == SSH_REQUEST_CHANNEL &&
	    ssh_message_subtype(msg) == SSH_CHANNEL_REQUEST_WINDOW_CHANGE) {
		ssh_message_channel_request_reply_success(msg);
		return 0;
	}
	return conn_auth_message(session, msg, arg);
}

/* pty-req: 0 accepts, -1 refuses (libssh's convention for this one). */
static int
sess_pty_request(ssh_session session, ssh_channel channel, const char *term,
    int cols, int rows, int px, int py, void *arg)
{
	struct conn_session *s = arg;

	if (s->has_pty || s->want_shell)
		return -1;
	snprintf(s->term, sizeof(s->term), "%s",
	    term != NULL && sess_term_valid(term) ? term : "vt100");
	s->ws.ws_col = (unsigned short)sess_clamp(cols, PTY_MAX_COLS);
	s->ws.ws_row = (unsigned short)sess_clamp(rows, PTY_MAX_ROWS);
	s->has_pty = 1;
	return 0;
}

/* window-change: the UI learns it through SIGWINCH from the pty. */
static int
sess_pty_resize(ssh_session session, ssh_channel channel, int cols,
    int rows, int px, int py, void *arg)
{
	struct conn_session *s = arg;

	s->ws.ws_col = (unsigned short)sess_clamp(cols, PTY_MAX_COLS);
	s->ws.ws_row = (unsigned short)sess_clamp(rows, PTY_MAX_ROWS);
	if (s->master != -1)
		ioctl(s->master, TIOCSWINSZ, &s->ws);
	return 0;
}

/* env: only TERM, LANG and LC_*, with tame values. 0 accepts, 1 refuses. */
static int
sess_env_request(ssh_session session, ssh_channel channel, const char *name,
    const char *value, void *arg)
{
	struct conn_session *s = arg;

	if (name == NULL || value == NULL || !sess_term_valid(value))
		return 1;
	if (strcmp(name, "TERM") == 0) {
		snprintf(s->term, sizeof(s->term), "%s", value);
		return 0;
	}
	if (strcmp(name, "LC_ALL") == 0 ||
	    (strcmp(name, "LC_CTYPE") == 0 && strcmp(s->lang, "") == 0) ||
	    (strcmp(name, "LANG") == 0 && strcmp(s->lang, "") == 0)) {
		snprintf(s->lang, sizeof(s->lang), "%s", value);
		return 0;
	}
	if (strncmp(name, "LC_", 3) == 0 || strcmp(name, "LANG") == 0)
		return 0;
	return 1;
}

/* shell: the UI starts from the main loop, not from this callback. */
static int
sess_shell_request(ssh_session session, ssh_channel channel, void *arg)
{
	struct conn_session *s = arg;

	if (s->want_shell)
		return 1;
	s->want_shell = 1;
	return 0;
}

/*
 * exec: one command instead of the interface. Its string, decoded from
 * the client's charset, goes to the command process as one argument (it
 * splits it itself). Started from the main loop, as the shell.
 */
#define SESS_COMMAND_MAX	4096

static int
sess_exec_request(ssh_session session, ssh_channel channel,
    const char *command, void *arg)
{
	struct conn_session *s = arg;

	if (s->want_shell || command == NULL ||
	    strlen(command) > SESS_COMMAND_MAX)
		return 1;
	s->command = xstrdup(command);
	s->want_shell = 1;
	return 0;
}

/* subsystem: « sftp » only, instead of a shell; 0 accepts, 1 refuses. */
static int
sess_subsystem_request(ssh_session session, ssh_channel channel,
    const char *name, void *arg)
{
	struct conn_session *s = arg;

	if (s->want_shell || s->has_pty || name == NULL ||
	    strcmp(name, "sftp") != 0)
		return 1;
	s->sftp = 1;
	s->want_shell = 1;
	return 0;
}

/* Type decoded keystrokes into the pty (or the command's stdin); 0 when
 * all are typed. */
static int
sess_type(struct conn_session *s)
{
	ssize_t n;

	if (s->wfd == -1) {
		s->in.len = 0;		/* the command closed its stdin */
		return 0;
	}
	while (s->in.len > 0) {
		n = write(s->wfd, s->in.data, s->in.len);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return -1;
			s->in.len = 0;	/* the UI is gone */
			break;
		}
		buf_consume(&s->in, (size_t)n);
	}
	return 0;
}

/*
 * Keystrokes, decoded to UTF-8, wait in s->in until the pty takes them:
 * typed ahead before the UI runs, or pasted faster than it reads. Past
 * SESS_IN_MAX bytes we stop taking them; libssh then keeps the rest and
 * the client's window closed (it offers them again with the next packet).
 */
static int
sess_channel_data(ssh_session session, ssh_channel channel, void *data,
    uint32_t len, int is_stderr, void *arg)
{
	struct conn_session *s = arg;

	if (s->closing)
		return (int)len;
	/* SFTP's packets stay in libssh's buffer for sftp_server_init()
	 * and the requests after it (conn_sftp.c). */
	if (s->sftp || s->in.len >= SESS_IN_MAX)
		return 0;
	txt_decode_input(s->enc.cs, data, len, &s->in);
	if (s->wfd != -1)
		sess_type(s);
	return (int)len;
}

static void
sess_channel_eof(ssh_session session, ssh_channel channel, void *arg)
{
	struct conn_session *s = arg;

	/* The client closed its input (ssh -T < file): nothing to do for
	 * the interface, the member can still read the screen until the
	 * channel closes; a command sees the end of its stdin (the main
	 * loop closes the pipe once the keys waiting are written). */
	s->in_eof = 1;
}

static void
sess_channel_close(ssh_session session, ssh_channel channel, void *arg)
{
	struct conn_session *s = arg;

	s->closing = 1;
}

/*
 * Watch the pty master for what we need now: its output while our queue
 * to the client has room, and room for the keys waiting in s->in. Called
 * from the main loop only (never from inside a libssh callback).
 */
static void
sess_master_poll(struct conn_session *s)
{
	short want = 0;

	if (s->master == -1)
		return;
	/* A command's output is read to its end, after its exit too: the
	 * pipe holds what it wrote last (an export is megabytes). */
	if (!s->master_eof && (!s->ui_exited || s->command != NULL) &&
	    s->out.len < PUMP_OUT_MAX / 2)
		want |= POLLIN;
	if (s->in.len > 0 && s->wfd == s->master && !s->master_eof &&
	    !s->ui_exited)
		want |= POLLOUT;
	if (want == s->master_events)
		return;
	if (s->master_events != 0)
		ssh_event_remove_fd(s->event, s->master);
	if (want != 0)
		ssh_event_add_fd(s->event, s->master, want, sess_master_ready,
		    s);
	s->master_events = want;
}

/* exec: the command's stdin is ready for the keys waiting. */
static int
sess_in_ready(socket_t fd, int revents, void *arg)
{
	sess_type(arg);
	return 0;
}

/*
 * exec: watch the command's stdin while keys wait, close it once the
 * client's EOF came and all are written (or the command has exited).
 * From the main loop only.
 */
static void
sess_in_poll(struct conn_session *s)
{
	short want = 0;

	if (s->infd == -1)
		return;
	if (s->in.len > 0 && !s->ui_exited)
		want = POLLOUT;
	if (want != s->in_events) {
		if (s->in_events != 0)
			ssh_event_remove_fd(s->event, s->infd);
		if (want != 0)
			ssh_event_add_fd(s->event, s->infd, want,
			    sess_in_ready, s);
		s->in_events = want;
	}
	if ((s->in_eof && s->in.len == 0) || s->ui_exited) {
		if (s->in_events != 0)
			ssh_event_remove_fd(s->event, s->infd);
		s->in_events = 0;
		close(s->infd);
		s->infd = s->wfd = -1;
	}
}

/*
 * A command's output for the channel. With a pty asked for (ssh -t host
 * aide) the client's terminal is raw: each newline gets its carriage
 * return, as a pty's output processing would add it.
 */
static void
sess_encode(struct conn_session *s, struct txt_encoder *enc, const char *p,
    size_t n, struct buf *out)
{
	const char *nl;
	size_t k;

	if (s->command == NULL || !s->has_pty) {
		txt_encode(enc, p, n, out);
		return;
	}
	while (n > 0) {
		nl = memchr(p, '\n', n);
		k = nl != NULL ? (size_t)(nl - p) : n;
		txt_encode(enc, p, k, out);
		if (nl == NULL)
			break;
		buf_add(out, "\r\n", 2);
		p += k + 1;
		n -= k + 1;
	}
}

/* exec: the command's stderr, queued for the channel's extended data. */
static int
sess_err_readable(socket_t fd, int revents, void *arg)
{
	struct conn_session *s = arg;
	char buf[4096];
	ssize_t n;

	while (s->err.len < PUMP_OUT_MAX) {
		n = read(fd, buf, sizeof(buf));
		if (n > 0) {
			sess_encode(s, &s->eenc, buf, (size_t)n, &s->err);
			continue;
		}
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			break;
		s->err_eof = 1;		/* removed from the main loop */
		break;
	}
	return 0;
}

/* The pty master is ready: type waiting keys, read the UI's output. */
static int
sess_master_ready(socket_t fd, int revents, void *arg)
{
	struct conn_session *s = arg;

	if (revents & POLLOUT)
		sess_type(s);
	if (revents & (POLLIN | POLLHUP | POLLERR))
		sess_master_readable(fd, revents, s);
	return 0;
}

/*
 * Output from the UI: queue it for the main loop to send. ncurses writes
 * one screen update in several write() calls, microseconds apart; waiting
 * PUMP_GATHER_MS for the rest sends the update in one SSH packet instead
 * of one per line (35 to 40 bytes of overhead each).
 */
static int
sess_master_readable(socket_t fd, int revents, void *arg)
{
	struct conn_session *s = arg;
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[PUMP_READ];
	ssize_t n;
	int gathers = 0;

	while (s->out.len < PUMP_OUT_MAX) {
		n = read(fd, buf, sizeof(buf));
		if (n > 0) {
			/* In the member's charset; the UI switches it with
			 * an in-band marker (txt_charset_marker). */
			sess_encode(s, &s->enc, buf, (size_t)n, &s->out);
			continue;
		}
		if (n == -1 && (errno == EAGAIN || errno == EINTR)) {
			if (gathers++ < PUMP_GATHERS &&
			    poll(&p, 1, PUMP_GATHER_MS) > 0)
				continue;
			break;
		}
		/* EIO: the UI closed its side; the pidfd tells the rest.
		 * Stop polling it (from the main loop, not from here). */
		s->master_eof = 1;
		break;
	}
	return 0;
}

/* The UI exited. */
static int
sess_pidfd_readable(socket_t fd, int revents, void *arg)
{
	struct conn_session *s = arg;
	int status;

	/* The image's child is not ours: the image reaped it. Its status
	 * unknown (the image was killed), it ended as it usually does. */
	if (s->statfd != -1) {
		if ((status = conn_image_status(s->statfd)) == -1)
			status = 0;
		close(s->statfd);
		s->statfd = -1;
	} else if (waitpid(s->ui_pid, &status, WNOHANG) != s->ui_pid)
		return 0;
	s->ui_exited = 1;
	s->ui_status = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	/* Before its SIGSYS handler exists (it names the call), a
	 * forbidden call kills the interface outright. */
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
		log_error("interface tuée par SIGSYS : appel système "
		    "interdit par le bac à sable pendant son démarrage");
	return 0;
}

/* SIGTERM from the listener: end cleanly. SIGUSR1 (reload) and SIGUSR2
 * (the sysop's kick or announcement, see registry.h): tell the UI. */
static int
sess_signal(socket_t fd, int revents, void *arg)
{
	struct conn_session *s = arg;
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGTERM) {
			/* The server stops: let the UI say so and restore
			 * the member's terminal, then end as usual. */
			if (s->ui_pid > 0 && !s->ui_exited && s->term_at == 0) {
				kill(s->ui_pid, SIGTERM);
				s->term_at = mono_ms();
			} else
				s->closing = 1;
		} else if ((si.ssi_signo == SIGUSR1 ||
		    si.ssi_signo == SIGUSR2) && s->ui_pid > 0 && !s->ui_exited)
			kill(s->ui_pid, (int)si.ssi_signo);
	}
	return 0;
}

/*
 * Our entry in the registry of open sessions, before the UI starts: from
 * then on the UI keeps it up to date, and we remove it at the end.
 */
static void
sess_register(struct conn_session *s)
{
	struct registry_entry e;

	memset(&e, 0, sizeof(e));
	e.pid = getpid();
	if (registry_start_time(e.pid, &e.start) == -1)
		return;
	snprintf(e.login, sizeof(e.login), "%s", s->auth.member_login);
	e.since = e.last_key = now_sec();
	snprintf(e.peer, sizeof(e.peer), "%s", s->args->peer);
	e.cols = s->ws.ws_col;
	e.rows = s->ws.ws_row;
	if (registry_write(s->args->cfg->run_dir, &e) == -1) {
		log_warn("registre des sessions : %s : %s",
		    s->args->cfg->run_dir, strerror(errno));
		return;
	}
	s->registered = 1;
}

/*
 * In the child: the UI's environment and argv, then exec of palabre-ui
 * beside us (no libssh, no OpenSSL: lighter), else ourselves with
 * "local". command: exec's string, run by "--command" (src/cmd/cmd.c).
 * Descriptors 0-2 are set; logfd becomes 3.
 */
static void
sess_exec_ui(struct conn_session *s, int logfd, const char *command)
{
	struct conn_child_args *a = s->args;
	char env_term[80], env_lang[96], env_peer[96], uipath[PATH_MAX];
	char *ui_argv[12] = { "palabre-ui", "-c",
	    (char *)a->config_path, "--session", "--user",
	    (char *)s->auth.member_login, "--run", a->cfg->run_dir,
	    NULL };
	char *self_argv[14] = { "palabre", "-c", (char *)a->config_path,
	    "local", "--session", "--user",
	    (char *)s->auth.member_login, "--run", a->cfg->run_dir,
	    NULL };
	char *envp[8] = { env_term, env_lang, env_peer,
	    "PATH=/usr/bin:/bin", NULL };
	/* Sanitizer settings, for the test-asan flavour only. */
	static const char *pass[] = { "ASAN_OPTIONS", "LSAN_OPTIONS",
	    "UBSAN_OPTIONS" };
	sigset_t set;
	size_t ne = 4, k;

	if (s->sftp) {
		ui_argv[8] = self_argv[9] = "--sftp";
		ui_argv[9] = self_argv[10] = NULL;
	} else if (command != NULL) {
		ui_argv[8] = self_argv[9] = "--command";
		ui_argv[9] = self_argv[10] = (char *)command;
		ui_argv[10] = self_argv[11] = NULL;
	}
	snprintf(uipath, sizeof(uipath), "%s-ui", a->self);
	if (logfd != -1) {
		dup2(logfd, 3);
		close_range(4, ~0U, 0);
	} else
		close_range(3, ~0U, 0);
	snprintf(env_term, sizeof(env_term), "TERM=%s", s->term);
	snprintf(env_lang, sizeof(env_lang), "PALABRE_CLIENT_LANG=%s",
	    s->lang);
	snprintf(env_peer, sizeof(env_peer), "PALABRE_PEER=%s", a->peer);
	for (k = 0; k < nitems(pass); k++) {
		const char *v = getenv(pass[k]);

		if (v != NULL && ne + 1 < nitems(envp))
			xasprintf(&envp[ne++], "%s=%s", pass[k], v);
	}
	envp[ne] = NULL;
	/* Ignored until the UI installs its handler: a reload then
	 * cannot kill a UI that is still starting. */
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	if (access(uipath, X_OK) == 0)
		execve(uipath, ui_argv, envp);
	execve(a->self, self_argv, envp);
	_exit(127);
}

/* The child is running: watch its exit, keep it alone to signal.
 * pidfd: the image's for its child, or -1 (ours: opened here). */
static int
sess_child_started(struct conn_session *s, pid_t pid, int pidfd)
{
	s->ui_pid = pid;
	s->pidfd = pidfd;
	/* Other sessions run as the same user: signal none of them. */
	if (sandbox_session_kill_only(pid) == -1)
		return -1;
	if (s->pidfd == -1)
		s->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (s->pidfd == -1) {
		log_error("pidfd_open : %s", strerror(errno));
		return -1;
	}
	ssh_event_add_fd(s->event, s->pidfd, POLLIN, sess_pidfd_readable, s);
	return 0;
}

/* Ask the listener's image for the UI on slave (conn_image.c): 0 with
 * its pid and pidfd, or -1 (then we start it ourselves). */
static int
sess_image_ui(struct conn_session *s, int slave, int logfd, pid_t *pid,
    int *pidfd)
{
	struct ui_image_req rq;
	int rc;

	if (s->args->image_fd == -1)
		return -1;
	memset(&rq, 0, sizeof(rq));
	snprintf(rq.login, sizeof(rq.login), "%s", s->auth.member_login);
	snprintf(rq.term, sizeof(rq.term), "%s", s->term);
	snprintf(rq.lang, sizeof(rq.lang), "%s", s->lang);
	snprintf(rq.peer, sizeof(rq.peer), "%s", s->args->peer);
	rc = conn_image_start(s->args->image_fd, &rq, slave, logfd, pid,
	    pidfd, &s->statfd);
	/* One request: the image's socket is not needed any more. */
	close(s->args->image_fd);
	s->args->image_fd = -1;
	if (rc == -1)
		log_info("image de l'interface absente : démarrage direct");
	return rc;
}

/* openpty, then the UI on the slave: from the image, else fork and
 * exec. */
static int
sess_start_ui(struct conn_session *s)
{
	int master, slave, logfd, pidfd = -1;
	pid_t pid;

	sess_register(s);
	if (openpty(&master, &slave, NULL, NULL, &s->ws) == -1) {
		log_error("openpty : %s", strerror(errno));
		return -1;
	}
	if ((logfd = dup(STDERR_FILENO)) == -1)
		logfd = -1;
	if (sess_image_ui(s, slave, logfd, &pid, &pidfd) == 0)
		goto started;
	pid = fork();
	if (pid == -1) {
		log_error("fork : %s", strerror(errno));
		close(master);
		close(slave);
		return -1;
	}
	if (pid == 0) {
		/* The UI loads the configuration the listener validated,
		 * from the run directory (config_snapshot.c). */
		close(master);
		if (login_tty(slave) == -1)
			_exit(1);
		sess_exec_ui(s, logfd, NULL);
	}
started:
	if (logfd != -1)
		close(logfd);
	close(slave);
	fd_set_nonblock(master, 1);
	fd_set_cloexec(master);
	s->master = s->wfd = master;
	if (sess_child_started(s, pid, pidfd) == -1)
		return -1;
	sess_type(s);	/* what was typed ahead during the login */
	sess_master_poll(s);
	return 0;
}

/*
 * subsystem sftp: the helper on a socket pair (its stdin), then SFTP on
 * the channel until the client closes it (conn_sftp.c). The exit status.
 */
/*
 * libssh reads a whole SFTP packet into memory before we see it, and
 * takes up to 256 MB: any member could make each of their sessions hold
 * that much. Our packets are at most 64 KB of data and a client's WRITE
 * rarely more than 256 KB, so the session's data gets SESS_SFTP_DATA in
 * all; a bigger packet fails libssh's allocation and ends the session.
 * Not under ASan, whose shadow memory counts as data.
 */
#define SESS_SFTP_DATA	(64UL * 1024 * 1024)
static void
sess_sftp_cap(void)
{
#if !defined(__SANITIZE_ADDRESS__)
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = SESS_SFTP_DATA;
	if (setrlimit(RLIMIT_DATA, &rl) == -1)
		log_warn("SFTP : limite de mémoire : %s", strerror(errno));
#endif
}

static int
sess_start_sftp(struct conn_session *s)
{
	int sv[2], logfd, rc;
	pid_t pid;

	sess_register(s);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) {
		log_error("socketpair : %s", strerror(errno));
		return 1;
	}
	if ((logfd = dup(STDERR_FILENO)) == -1)
		logfd = -1;
	if ((pid = fork()) == -1) {
		log_error("fork : %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		if (logfd != -1)
			close(logfd);
		return 1;
	}
	if (pid == 0) {
		setsid();
		if (dup2(sv[1], 0) == -1)
			_exit(1);
		close(1);	/* the helper writes nothing there */
		sess_exec_ui(s, logfd, NULL);
	}
	if (logfd != -1)
		close(logfd);
	close(sv[1]);
	s->ui_pid = pid;
	if (sandbox_session_kill_only(pid) == -1) {
		close(sv[0]);
		return 1;
	}
	/* One request at a time: blocking is simpler, and ends with the
	 * client. The listener's SIGTERM and the sysop's kick (SIGUSR2)
	 * end us as they come; a reload (SIGUSR1) changes nothing here. */
	signal(SIGUSR1, SIG_IGN);
	signal(SIGTERM, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	{
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
	}
	sess_sftp_cap();
	ssh_remove_channel_callbacks(s->channel, &s->channel_cb);
	ssh_set_blocking(s->session, 1);
	rc = conn_sftp_serve(s->session, s->channel, sv[0],
	    s->args->cfg->idle_timeout * 60, s->args->cfg->depot_max);
	close(sv[0]);
	waitpid(pid, NULL, 0);
	s->ui_exited = 1;
	return rc;
}

/*
 * exec: the command process on three pipes. Its output is pumped as the
 * UI's is (s->master is its stdout), in the charset of the client's LANG
 * (UTF-8 without one); its arguments are decoded from that charset.
 */
static int
sess_start_command(struct conn_session *s)
{
	struct buf cmd;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int logfd, cs;
	pid_t pid;

	if ((cs = txt_charset_from_locale(s->lang)) >= 0)
		s->enc.cs = s->eenc.cs = (enum txt_charset)cs;
	buf_init(&cmd);
	txt_decode_input(s->enc.cs, s->command, strlen(s->command), &cmd);
	buf_add(&cmd, "", 1);
	sess_register(s);
	if (pipe2(in, O_CLOEXEC) == -1 || pipe2(out, O_CLOEXEC) == -1 ||
	    pipe2(err, O_CLOEXEC) == -1) {
		log_error("pipe : %s", strerror(errno));
		goto fail;
	}
	if ((logfd = dup(STDERR_FILENO)) == -1)
		logfd = -1;
	if ((pid = fork()) == -1) {
		log_error("fork : %s", strerror(errno));
		if (logfd != -1)
			close(logfd);
		goto fail;
	}
	if (pid == 0) {
		setsid();
		/* The interactive session's idle limit, as a whole: a
		 * command waiting for ever on its stdin ends (the alarm
		 * survives the exec; SIGALRM's default kills). */
		if (s->args->cfg->idle_timeout > 0)
			alarm((unsigned)s->args->cfg->idle_timeout * 60);
		if (dup2(in[0], 0) == -1 || dup2(out[1], 1) == -1 ||
		    dup2(err[1], 2) == -1)
			_exit(1);
		sess_exec_ui(s, logfd, cmd.data);
	}
	if (logfd != -1)
		close(logfd);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	buf_free(&cmd);
	fd_set_nonblock(in[1], 1);
	fd_set_nonblock(out[0], 1);
	fd_set_nonblock(err[0], 1);
	s->infd = s->wfd = in[1];
	s->master = out[0];
	s->errfd = err[0];
	ssh_event_add_fd(s->event, s->errfd, POLLIN, sess_err_readable, s);
	s->err_polled = 1;
	if (sess_child_started(s, pid, -1) == -1)
		return -1;
	sess_type(s);
	sess_master_poll(s);
	sess_in_poll(s);
	return 0;
fail:
	for (cs = 0; cs < 2; cs++) {
		if (in[cs] != -1)
			close(in[cs]);
		if (out[cs] != -1)
			close(out[cs]);
		if (err[cs] != -1)
			close(err[cs]);
	}
	buf_free(&cmd);
	return -1;
}

/* Send queued output as far as the client's window allows. */
static void
sess_flush(struct conn_session *s)
{
	uint32_t win;
	size_t n;
	int rc;

	/* The command's errors first: they are short, and the window is
	 * shared by both streams. */
	while (s->err.len > 0 && s->channel != NULL &&
	    ssh_channel_is_open(s->channel)) {
		win = ssh_channel_window_size(s->channel);
		if (win == 0)
			break;
		n = s->err.len < win ? s->err.len : win;
		if (n > 32768)
			n = 32768;
		rc = ssh_channel_write_stderr(s->channel, s->err.data,
		    (uint32_t)n);
		if (rc == SSH_AGAIN || rc == 0)
			break;
		if (rc < 0) {
			s->closing = 1;
			break;
		}
		buf_consume(&s->err, (size_t)rc);
	}
	while (s->out.len > 0 && s->channel != NULL &&
	    ssh_channel_is_open(s->channel)) {
		win = ssh_channel_window_size(s->channel);
		if (win == 0)
			break;
		n = s->out.len < win ? s->out.len : win;
		if (n > 32768)
			n = 32768;
		rc = ssh_channel_write(s->channel, s->out.data, (uint32_t)n);
		if (rc == SSH_AGAIN || rc == 0)
			break;		/* libssh is busy: next time round */
		if (rc < 0) {
			s->closing = 1;
			break;
		}
		buf_consume(&s->out, (size_t)rc);
	}
}

/*
 * The end of a session we close: send what is queued, the exit status,
 * EOF and close, then wait (2 s at most) until the client has closed its
 * side, so that its last packets do not meet a closed socket.
 */
static void
sess_goodbye(struct conn_session *s, int status)
{
	int64_t deadline = mono_ms() + 2000;

	while ((s->out.len > 0 || s->err.len > 0) && !s->closing &&
	    mono_ms() < deadline && ssh_is_connected(s->session)) {
		sess_flush(s);
		if ((s->out.len > 0 || s->err.len > 0) &&
		    ssh_event_dopoll(s->event, 100) == SSH_ERROR)
			break;
	}
	if (s->channel == NULL || !ssh_is_connected(s->session) ||
	    ssh_channel_is_closed(s->channel))
		return;
	ssh_channel_request_send_exit_status(s->channel, status);
	ssh_channel_send_eof(s->channel);
	ssh_channel_close(s->channel);
	while (ssh_is_connected(s->session) && mono_ms() < deadline)
		if (ssh_event_dopoll(s->event, 100) == SSH_ERROR)
			break;
}

/*
 * Acknowledge what the client sent now rather than 40 ms later. During
 * the handshake the kernel takes the exchange for an interactive one and
 * delays its ACKs, hoping to carry them on our next packet; the OpenSSH
 * client, whose Nagle algorithm is still on, then holds its next message
 * until that ACK comes: a 40 ms stall per login. TCP_QUICKACK sends a
 * pending ACK at once, but does not stay set, so it is set again each
 * time the socket wakes us.
 */
static void
sess_quickack(struct conn_session *s)
{
	int on = 1;

	setsockopt(s->args->fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof(on));
}

/*
 * Key exchange without blocking, so that we can acknowledge each of the
 * client's packets at once (sess_quickack) and keep our own deadline.
 * Returns SSH_OK, SSH_ERROR, or SSH_AGAIN when the deadline passed.
 */
static int
sess_key_exchange(struct conn_session *s, int64_t deadline)
{
	struct pollfd p = { s->args->fd, POLLIN, 0 };
	int64_t left;
	int rc;

	ssh_set_blocking(s->session, 0);
	for (;;) {
		sess_quickack(s);
		rc = ssh_handle_key_exchange(s->session);
		if (rc != SSH_AGAIN)
			break;
		if ((left = deadline - mono_ms()) <= 0)
			break;
		/* Short naps: libssh may also wait to write. */
		if (poll(&p, 1, left < 50 ? (int)left : 50) == -1 &&
		    errno != EINTR) {
			rc = SSH_ERROR;
			break;
		}
	}
	ssh_set_blocking(s->session, 1);
	return rc;
}

/*
 * How long the pump may sleep: until the next of its own deadlines (the
 * UI's grace after SIGTERM or SIGHUP), or for ever when there is none.
 * Bytes, the UI's exit (pidfd) and signals (signalfd) all wake the poll,
 * so an idle session costs no CPU at all (it used to wake every second).
 */
static int
sess_poll_timeout(const struct conn_session *s)
{
	int64_t at = 0, left;

	if (s->term_at != 0)
		at = s->term_at + UI_GRACE_MS;
	if (s->closing) {
		if (s->hup_at == 0)
			return 0;
		if (at == 0 || s->hup_at + UI_GRACE_MS < at)
			at = s->hup_at + UI_GRACE_MS;
	}
	if (at == 0)
		return -1;
	left = at - mono_ms() + 1;
	if (left <= 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

/* The session's main loop, from the shell request to the end. */
static void
sess_pump(struct conn_session *s)
{
	int rc;

	for (;;) {
		rc = ssh_event_dopoll(s->event, sess_poll_timeout(s));
		if (rc == SSH_ERROR || !ssh_is_connected(s->session) ||
		    (s->channel != NULL && ssh_channel_is_closed(s->channel)))
			s->closing = 1;

		if (!s->closing)
			sess_flush(s);
		if (s->in.len > 0 && s->wfd != -1)
			sess_type(s);
		/* Reading pauses while the queue to the client is full. */
		sess_master_poll(s);
		sess_in_poll(s);
		if (s->err_eof && s->err_polled) {
			ssh_event_remove_fd(s->event, s->errfd);
			s->err_polled = 0;
		}

		if (s->ui_exited && s->command != NULL && !s->closing &&
		    (!s->master_eof || !s->err_eof || s->out.len > 0 ||
		    s->err.len > 0)) {
			/* The rest of its output first; its pidfd stays
			 * readable: stop polling it. */
			if (s->pidfd != -1) {
				ssh_event_remove_fd(s->event, s->pidfd);
				close(s->pidfd);
				s->pidfd = -1;
			}
			continue;
		}
		if (s->ui_exited) {
			/* Drain what the UI wrote last, then say goodbye. */
			if (s->master != -1) {
				sess_master_poll(s);	/* ui_exited: none */
				sess_master_readable(s->master, POLLIN, s);
			}
			if (s->errfd != -1) {
				if (s->err_polled)
					ssh_event_remove_fd(s->event,
					    s->errfd);
				s->err_polled = 0;
				sess_err_readable(s->errfd, POLLIN, s);
			}
			if (s->pidfd != -1)
				ssh_event_remove_fd(s->event, s->pidfd);
			if (!s->closing)
				sess_goodbye(s, s->ui_status);
			return;
		}
		if (s->term_at != 0 && mono_ms() - s->term_at > UI_GRACE_MS)
			s->closing = 1;
		if (s->closing) {
			if (s->ui_pid <= 0)
				return;
			if (s->hup_at == 0) {
				kill(s->ui_pid, SIGHUP);
				s->hup_at = mono_ms();
			} else if (mono_ms() - s->hup_at > UI_GRACE_MS) {
				kill(s->ui_pid, SIGKILL);
			}
			/* Keep polling: the pidfd reports the exit. Without a
			 * connection, dopoll may fail at once: wait here. */
			if (rc == SSH_ERROR || !ssh_is_connected(s->session)) {
				struct pollfd p = { s->pidfd, POLLIN, 0 };

				if (poll(&p, 1, 200) > 0)
					sess_pidfd_readable(s->pidfd, POLLIN,
					    s);
			}
		}
	}
}

/*
 * A connection from a relay in proxy_from: read its PROXY v2 header
 * before libssh sees a byte, within the key exchange's deadline, and
 * take the client's address for everything after (the log's prefix,
 * the registry, the interface's PALABRE_PEER), once the listener has
 * said that address may connect (its per-source limits). Without a
 * header (allowed when optional) or with LOCAL, the relay's own
 * address is counted. 0 go on, -1 refused (logged).
 */
static int
sess_proxy(struct conn_session *s, int64_t deadline)
{
	struct conn_child_args *a = s->args;
	struct conn_proxy_hdr h;
	struct sockaddr_storage own;
	socklen_t ownlen = sizeof(own);
	struct pollfd p = { a->report_fd, POLLIN, 0 };
	char key[CONN_SOURCE_MAX], msg[2 + CONN_SOURCE_MAX + CONN_PEER_MAX];
	char verdict;
	int64_t left;
	int len, rc;

	switch (conn_proxy_read(a->fd, deadline, &h)) {
	case CONN_PROXY_ADDR:
		conn_addr_names((struct sockaddr *)&h.src, s->peer,
		    sizeof(s->peer), key, sizeof(key));
		log_info("connexion relayée pour %s (en-tête PROXY)",
		    s->peer);
		break;
	case CONN_PROXY_NONE:
		if (a->cfg->proxy_protocol == CONFIG_PROXY_REQUIRED) {
			log_info("connexion refusée : pas d'en-tête PROXY "
			    "(proxy_protocol = required)");
			return -1;
		}
		/* FALLTHROUGH */
	case CONN_PROXY_LOCAL:
		if (getpeername(a->fd, (struct sockaddr *)&own,
		    &ownlen) == -1)
			return -1;
		conn_addr_names((struct sockaddr *)&own, s->peer,
		    sizeof(s->peer), key, sizeof(key));
		break;
	case CONN_PROXY_TIMEOUT:
		log_info("connexion refusée : en-tête PROXY incomplet après "
		    "%d s", a->cfg->kex_grace);
		return -1;
	case CONN_PROXY_CLOSED:
		log_info("connexion fermée avant la fin de l'en-tête PROXY");
		return -1;
	default:
		log_info("connexion refusée : en-tête PROXY invalide");
		return -1;
	}
	a->peer = s->peer;
	log_set_prefix(s->peer);
	/* The listener counts this address from now on, or refuses it. */
	len = snprintf(msg, sizeof(msg), "%c%s %s", CONN_REPORT_PROXY, key,
	    s->peer);
	if (write(a->report_fd, msg, (size_t)len) != len)
		return -1;
	for (;;) {
		left = deadline - mono_ms();
		rc = poll(&p, 1, left > 0 ? (int)left : 0);
		if (rc > 0)
			break;
		if (rc == -1 && errno == EINTR)
			continue;
		return -1;
	}
	if (read(a->report_fd, &verdict, 1) != 1 ||
	    verdict != CONN_VERDICT_OK)
		return -1;	/* the listener logged why */
	return 0;
}

void
conn_session_main(struct conn_child_args *a)
{
	struct conn_session s;
	sigset_t set;
	char esc[256];
	int64_t deadline, kex_deadline;
	const char *refused;
	long timeout;
	int on = 1, rc, status = 0;

	memset(&s, 0, sizeof(s));
	s.args = a;
	s.master = s.pidfd = s.sigfd = -1;
	s.wfd = s.infd = s.errfd = s.statfd = -1;
	buf_init(&s.out);
	buf_init(&s.in);
	buf_init(&s.err);
	txt_encoder_init(&s.enc);
	txt_encoder_init(&s.eenc);
	log_set_prefix(a->peer);
	signal(SIGPIPE, SIG_IGN);

	/* The backstop: whatever happens, no unauthenticated process
	 * outlives the grace time by much. SIGALRM's default kills. */
	signal(SIGALRM, SIG_DFL);
	alarm((unsigned)a->cfg->login_grace + 2);
	deadline = mono_ms() + (int64_t)a->cfg->login_grace * 1000;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	s.sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);

	/* No Nagle on our side: it costs a 40 ms stall per login. */
	setsockopt(a->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	/* A client whose link died without a word is found within about
	 * two minutes, not at the idle timeout. */
	setsockopt(a->fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
	setsockopt(a->fd, IPPROTO_TCP, TCP_KEEPIDLE, &(int){ 60 }, sizeof(int));
	setsockopt(a->fd, IPPROTO_TCP, TCP_KEEPINTVL, &(int){ 20 },
	    sizeof(int));
	setsockopt(a->fd, IPPROTO_TCP, TCP_KEEPCNT, &(int){ 3 }, sizeof(int));
	/* Before the first byte from the network: no_new_privs, not
	 * dumpable (it holds the host key), the session's allow-list. */
	if (sandbox_session() == -1)
		_exit(1);
	/* The relay's header comes first, within the key exchange's
	 * time: it is part of getting there. */
	kex_deadline = mono_ms() + (int64_t)a->cfg->kex_grace * 1000;
	if (kex_deadline > deadline)
		kex_deadline = deadline;
	if (a->proxied && sess_proxy(&s, kex_deadline) == -1)
		_exit(1);
	if ((s.session = ssh_new()) == NULL)
		_exit(1);
	/* Not libssh's « Bye Bye »; ASCII, as OpenSSH escapes the rest. */
	ssh_session_set_disconnect_message(s.session, "Au revoir.");
	timeout = a->cfg->login_grace < 10 ? a->cfg->login_grace : 10;
	ssh_options_set(s.session, SSH_OPTIONS_TIMEOUT, &timeout);
	if (ssh_bind_accept_fd(a->bind, s.session, a->fd) != SSH_OK) {
		log_info("connexion refusée : %s", log_escape(esc, sizeof(esc),
		    ssh_get_error(a->bind)));
		_exit(1);
	}
	/* Offer zlib@openssh.com for slow links (ssh -C): compression that
	 * starts only after authentication (not plain "zlib"); "none" stays
	 * the choice of clients that do not ask for it. */
	ssh_options_set(s.session, SSH_OPTIONS_COMPRESSION_C_S,
	    "none,zlib@openssh.com");
	ssh_options_set(s.session, SSH_OPTIONS_COMPRESSION_S_C,
	    "none,zlib@openssh.com");
	/* The listener's copy of the keys is not needed past this point. */
	ssh_bind_free(a->bind);
	a->bind = NULL;

	conn_auth_init(&s.auth, a->cfg, a->report_fd, deadline);
	s.auth.owner = &s;
	/* Every server callback gets the auth state; auth.owner leads back
	 * to the session. */
	ssh_callbacks_init(&s.server_cb);
	s.server_cb.userdata = &s.auth;
	s.server_cb.auth_password_function = conn_auth_password;
	s.server_cb.auth_pubkey_function = conn_auth_pubkey;
	s.server_cb.auth_none_function = conn_auth_none;
	s.server_cb.channel_open_request_session_function = sess_channel_open;
	ssh_set_server_callbacks(s.session, &s.server_cb);
	ssh_set_message_callback(s.session, sess_message, &s.auth);
	ssh_set_auth_methods(s.session, SSH_AUTH_METHOD_PASSWORD |
	    SSH_AUTH_METHOD_PUBLICKEY | SSH_AUTH_METHOD_INTERACTIVE);

	/* A client that has not finished its key exchange after
	 * kex_grace_time is not a member on a slow link: let it go early
	 * (the listener may also evict it sooner, see conn_listen.c). */
	if ((rc = sess_key_exchange(&s, kex_deadline)) != SSH_OK) {
		/* libssh's message quotes what the client sent: escape it. */
		log_info("échange de clés interrompu : %s",
		    rc == SSH_AGAIN ? "délai dépassé" : log_escape(esc,
		    sizeof(esc), ssh_get_error(s.session)));
		if (rc == SSH_AGAIN)
			conn_auth_timeout(&s.auth);
		goto out;
	}
	conn_auth_kex_done(&s.auth);

	if ((s.event = ssh_event_new()) == NULL ||
	    ssh_event_add_session(s.event, s.session) != SSH_OK)
		goto out;
	if (s.sigfd != -1)
		ssh_event_add_fd(s.event, s.sigfd, POLLIN, sess_signal, &s);

	/* Authentication, channel, pty and shell, within the grace time. */
	while (!(s.auth.authenticated && s.want_shell)) {
		if (mono_ms() > deadline) {
			log_info("délai de connexion dépassé (%d s)",
			    a->cfg->login_grace);
			/* Waiting after the database failed is no guess. */
			if (!s.auth.authenticated && !s.auth.unavailable)
				conn_auth_timeout(&s.auth);
			goto out;
		}
		sess_quickack(&s);
		rc = ssh_event_dopoll(s.event, 200);
		if (rc == SSH_ERROR || !ssh_is_connected(s.session) ||
		    s.auth.disconnect || s.closing)
			goto out;
	}
	/* The listener counts sessions: it may refuse this one (too many
	 * password-free sessions, or too many for this member). */
	if ((refused = conn_auth_admitted(&s.auth)) != NULL) {
		log_info("session refusée pour %s : %s", s.auth.member_login,
		    refused);
		ssh_set_blocking(s.session, 0);
		ssh_channel_write_stderr(s.channel, refused, strlen(refused));
		ssh_channel_write_stderr(s.channel, "\r\n", 2);
		status = 1;
		sess_goodbye(&s, status);
		goto out;
	}
	alarm(0);
	/* The UI opens its own connection: ours is not needed any more, and
	 * what SQLite and the password check used goes back to the system
	 * (the session process then idles for hours). */
	conn_auth_clear(&s.auth);
	malloc_trim(0);
	/*
	 * From here on nothing blocks: libssh queues what we write (never
	 * more than the client's window, see sess_flush) and sends it as the
	 * socket allows, so a client that stops reading cannot hold up the
	 * loop, nor the end of the session.
	 */
	ssh_set_blocking(s.session, 0);

	if (s.sftp) {
		log_info("SFTP pour %s", s.auth.member_login);
		status = sess_start_sftp(&s);
		if (ssh_is_connected(s.session) && s.channel != NULL &&
		    !ssh_channel_is_closed(s.channel)) {
			ssh_set_blocking(s.session, 0);
			sess_goodbye(&s, status);
		}
		log_info("SFTP fermé pour %s", s.auth.member_login);
		goto out;
	}
	if (s.command != NULL) {
		if (sess_start_command(&s) == -1) {
			status = 1;
			goto out;
		}
		log_info("commande pour %s", s.auth.member_login);
		sess_pump(&s);
		goto out;
	}
	if (!s.has_pty) {
		static const char msg[] = "Palabre a besoin d'un terminal : "
		    "connectez-vous avec « ssh -t ».\r\n";

		ssh_channel_write_stderr(s.channel, msg, sizeof(msg) - 1);
		status = 1;
		sess_goodbye(&s, status);
		goto out;
	}
	if (sess_start_ui(&s) == -1) {
		status = 1;
		goto out;
	}
	log_info("session ouverte pour %s (%s, %dx%d)", s.auth.member_login,
	    s.term, s.ws.ws_col, s.ws.ws_row);
	sess_pump(&s);
	log_info("session fermée pour %s", s.auth.member_login);
out:
	if (s.auth.disconnect && s.session != NULL)
		ssh_session_set_disconnect_message(s.session,
		    conn_auth_goodbye(&s.auth));
	if (s.ui_pid > 0 && !s.ui_exited) {
		kill(s.ui_pid, SIGHUP);
		waitpid(s.ui_pid, NULL, 0);
	}
	if (s.registered)
		registry_remove(a->cfg->run_dir, getpid());
	if (s.event != NULL)
		ssh_event_free(s.event);
	if (s.session != NULL) {
		ssh_disconnect(s.session);
		ssh_free(s.session);
	}
	conn_auth_clear(&s.auth);
	buf_free(&s.out);
	buf_free(&s.in);
	buf_free(&s.err);
	free(s.command);
	_exit(status);
}
