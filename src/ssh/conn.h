/*
 * conn.h - the SSH transport: the listener (palabre serve) and the
 * per-connection session process. Public interface of src/ssh/.
 */
#ifndef PALABRE_CONN_H
#define PALABRE_CONN_H

struct config;

/*
 * Run the listener until SIGTERM/SIGINT: bind, fork one session process
 * per connection, reap them, enforce the connection limits and penalties.
 * Returns the process exit status (0, or 1 if it could not start).
 */
int	 conn_serve(struct config *cfg, const char *config_path,
	    const char *self);

#endif
