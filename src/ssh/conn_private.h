/*
 * conn_private.h - internals shared by the listener and the session
 * process (src/ssh/ only).
 *
 * A session reports to the listener through a socket pair
 * (SOCK_SEQPACKET: each message is read whole), one message per event:
 * CONN_REPORT_FAIL for each failed authentication, CONN_REPORT_KEX once
 * its key exchange is done, and CONN_REPORT_AUTH followed by the login
 * once authenticated. The listener uses them for MaxStartups (sessions
 * not yet authenticated), for evicting connections stuck in their key
 * exchange, for per-source penalties and for the caps on sessions
 * (password-free logins per address and in all, sessions per member).
 * It answers CONN_REPORT_AUTH with one byte, a CONN_VERDICT_*: the
 * session starts the interface only on CONN_VERDICT_OK. Both ends close
 * the socket after the verdict.
 *
 * A session from a relay (proxy_protocol, conn_proxy.h) first sends
 * CONN_REPORT_PROXY with its client's source key and name, "KEY PEER",
 * before any SSH byte: the listener answers CONN_VERDICT_OK, or
 * CONN_VERDICT_SOURCE when that address may not connect now (penalty,
 * max_startups_per_source), and the session then ends.
 */
#ifndef PALABRE_CONN_PRIVATE_H
#define PALABRE_CONN_PRIVATE_H

#include <sys/types.h>
#include <stdint.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

struct config;

#define CONN_REPORT_FAIL 'F'
#define CONN_REPORT_KEX	'K'
#define CONN_REPORT_AUTH 'A'		/* then the login, no NUL */
#define CONN_REPORT_PROXY 'P'		/* then "KEY PEER", no NUL */

#define CONN_VERDICT_OK		'Y'
#define CONN_VERDICT_CLOSED	'C'	/* sign-up or visits turned off */
#define CONN_VERDICT_SOURCE	'S'	/* password-free, this address;
					 * or a relayed address refused */
#define CONN_VERDICT_FULL	'T'	/* password-free, in all */
#define CONN_VERDICT_MEMBER	'M'	/* this member's sessions */

/* What the listener hands to a new session process. */
struct conn_child_args {
	struct config		*cfg;
	const char		*config_path;	/* for the UI's exec */
	const char		*self;		/* our executable */
	ssh_bind		 bind;		/* host keys loaded */
	int			 fd;		/* the accepted socket */
	int			 report_fd;	/* socket to the listener */
	const char		*peer;		/* "127.0.0.1:51234" */
	int			 proxied;	/* from a relay in proxy_from:
						 * read its PROXY header */
	int			 image_fd;	/* the UI's image, or -1 */
};

/* Run one connection to its end; never returns. */
void	 conn_session_main(struct conn_child_args *) __attribute__((noreturn));

/*
 * The « sftp » subsystem on channel (conn_sftp.c), until the client
 * closes it: each path asked of the helper on sock (files/files.h);
 * idle: seconds a request may wait (0: no limit). The session is in
 * blocking mode; depot_max: MB a drop into /depot/ may weigh. 0, or 1
 * if refused (the reason written to the client's stderr) or broken.
 */
int	 conn_sftp_serve(ssh_session, ssh_channel channel, int sock,
	    int idle, int depot_max);

/* Build OpenSSL's method caches in the listener, before the first fork,
 * so that sessions share them (conn_warm.c). */
void	 conn_warm_crypto(void);

/* The listener's interface images (conn_image.c, ui/ui_image.h): a
 * small pool, so that a burst of logins does not wait on one process's
 * share of the CPU (docs/PERFORMANCE.md, « The interfaces' image »). */
#define CONN_IMAGES	4
struct conn_image {
	int			 fd;		/* its socket, or -1 */
	pid_t			 pid;
	int64_t			 tried;		/* mono_ms() of the last exec */
};
struct conn_images {
	struct conn_image	 im[CONN_IMAGES];
	unsigned		 next;		/* the next session's */
};

void	 conn_image_init(struct conn_images *);
/* The image's socket for a new session: the images in turn, each one
 * exec'd again when it retired or died (at most once a second each),
 * the next running one, or -1 (none running: no palabre-ui beside us).
 * The socket is the pool's: the caller does not close it. */
int	 conn_image_ready(struct conn_images *, const char *self,
	    const char *config_path, const char *run_dir);
/* SIGTERM to every running image (the listener's shutdown). */
void	 conn_image_stop(struct conn_images *);

struct ui_image_req;
/* Ask the image on fd for the interface on slave (logfd: its log, or
 * -1): 0 with its pid, its pidfd and the socket that will carry its wait
 * status; -1 when the image did not answer (the caller starts the
 * interface itself; no child of the image will run). */
int	 conn_image_start(int fd, const struct ui_image_req *, int slave,
	    int logfd, pid_t *pid, int *pidfd, int *statfd);
/* Its wait status once its pidfd said it ended, or -1 if the image is
 * gone (its children are then init's). */
int	 conn_image_status(int statfd);

/* Tell systemd the listener's state (conn_service.c): "READY=1",
 * "RELOADING=1", "STOPPING=1"; nothing when not started by systemd. */
void	 conn_notify(const char *state);
/* The first start: when none of the n host key files exists, each is
 * made (Ed25519, or RSA 3072 when its name says rsa), failures logged. */
void	 conn_hostkeys_first(char *const *paths, int n);

#endif
