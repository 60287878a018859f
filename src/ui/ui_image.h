/*
 * ui_image.h - the interface's pre-initialised image (ui_image.c): one
 * "palabre-ui --image" process, exec'd by the listener, that forks one
 * interface per session on request instead of an exec per session.
 *
 * The protocol, on SOCK_SEQPACKET sockets (each message read whole):
 *
 *  1. The session sends one struct ui_image_req on the image's socket
 *     (the listener holds it, each session inherits it), with
 *     SCM_RIGHTS: the pty's slave, the session's end of a new socket
 *     pair (its reply channel) and, optionally, its log.
 *  2. The image forks, and answers on the reply channel with one struct
 *     ui_image_reply and, on success, the child's pidfd (SCM_RIGHTS).
 *  3. The child waits for one byte from the session on the reply
 *     channel before it starts: a session that gave up (it then starts
 *     the interface itself) closes the channel, and the child ends
 *     without touching the pty.
 *  4. When the child ends, the image reaps it and sends its wait status
 *     (an int) on the reply channel, then closes it.
 */
#ifndef PALABRE_UI_IMAGE_H
#define PALABRE_UI_IMAGE_H

#include <sys/types.h>

/* The image's request socket, in the image process. */
#define UI_IMAGE_FD	3

/* The image stops taking requests after this many forks or seconds
 * (each fork shares its layout: ASLR and the stack canary), and ends
 * once its last interface has ended; the listener starts a fresh one. */
#define UI_IMAGE_FORKS	512
#define UI_IMAGE_AGE	600

#define UI_IMAGE_GO	'G'	/* step 3's byte */

struct ui_image_req {
	char	 login[33];
	char	 term[65];
	char	 lang[65];
	char	 peer[96];
};

struct ui_image_reply {
	pid_t	 pid;		/* -1: not started */
	int	 err;		/* errno when not started */
};

/* The image's life: requests on UI_IMAGE_FD until it retires, then its
 * last interfaces' ends. config_path and run_dir: what each interface
 * gets, as "--session --run run_dir"; argc, argv: main's, whose bytes
 * each interface overwrites with its own command line. Returns the exit
 * status. In an interface it forked, never returns. */
int	 ui_image_main(const char *config_path, const char *run_dir, int argc,
	    char **argv);

/* The image's last argument: room for an interface's command line
 * ("--session --user LOGIN" where the image's has "--image"). */
#define UI_IMAGE_PAD	"                                                "

#endif
