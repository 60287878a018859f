/*
 * conn_private.h - internals shared by the listener and the session
 * process (src/ssh/ only).
 *
 * A session reports to the listener through a pipe, one byte per event:
 * CONN_REPORT_FAIL for each failed authentication and CONN_REPORT_AUTH
 * once authenticated. The listener uses them for MaxStartups (sessions not
 * yet authenticated) and for per-source penalties.
 */
#ifndef PALABRE_CONN_PRIVATE_H
#define PALABRE_CONN_PRIVATE_H

#include <sys/types.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

struct config;

#define CONN_REPORT_FAIL 'F'
#define CONN_REPORT_AUTH 'A'

/* What the listener hands to a new session process. */
struct conn_child_args {
	struct config		*cfg;
	const char		*config_path;	/* for the UI's exec */
	const char		*self;		/* our executable */
	ssh_bind		 bind;		/* host keys loaded */
	int			 fd;		/* the accepted socket */
	int			 report_fd;	/* pipe to the listener */
	const char		*peer;		/* "127.0.0.1:51234" */
};

/* Run one connection to its end; never returns. */
void	 conn_session_main(struct conn_child_args *) __attribute__((noreturn));

/* Build OpenSSL's method caches in the listener, before the first fork,
 * so that sessions share them (conn_warm.c). */
void	 conn_warm_crypto(void);

#endif
