/*
 * conn_auth.h - authentication of one connection (session process).
 */
#ifndef PALABRE_CONN_AUTH_H
#define PALABRE_CONN_AUTH_H

#include <stdint.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

struct config;
struct store;

struct conn_auth {
	struct config		*cfg;
	int			 report_fd;	/* to the listener */
	int64_t			 deadline;	/* mono ms */
	struct store		*store;		/* opened on first need */
	int			 failures;	/* this connection */
	int			 nones;		/* "none" requests seen */
	int			 authenticated;
	int			 disconnect;	/* too many failures, or
						 * unavailable */
	int			 unavailable;	/* the database failed */
	char			 member_login[33];
	char			 kbd_login[33];	/* keyboard-interactive user */
	void			*owner;		/* the conn_session */
};

void	 conn_auth_init(struct conn_auth *, struct config *, int report_fd,
	    int64_t deadline);
void	 conn_auth_clear(struct conn_auth *);

/* libssh server callbacks; userdata is the struct conn_auth. */
int	 conn_auth_password(ssh_session, const char *, const char *, void *);
int	 conn_auth_pubkey(ssh_session, const char *, struct ssh_key_struct *,
	    char, void *);
int	 conn_auth_none(ssh_session, const char *, void *);
/* Message callback: keyboard-interactive (no server callback in libssh
 * 0.10); everything else gets libssh's default refusal. */
int	 conn_auth_message(ssh_session, ssh_message, void *);

/* The grace time ran out before authentication: report it like a
 * failure (per-source penalties). */
void	 conn_auth_timeout(struct conn_auth *);
/* The key exchange is done: tell the listener (it evicts only
 * connections still in theirs). */
void	 conn_auth_kex_done(struct conn_auth *);
/* Once authenticated: wait (until the deadline) for the listener's
 * verdict on the session caps. NULL: admitted; else the French sentence
 * that tells the client why not. */
const char *conn_auth_admitted(struct conn_auth *);
/* Authentication ended the connection (a->disconnect): the disconnect
 * message that tells the client why (ASCII: OpenSSH escapes the rest). */
const char *conn_auth_goodbye(const struct conn_auth *);

/* "ssh-ed25519" + base64 blob + "SHA256:..." of a key, new strings. */
int	 conn_key_describe(ssh_key, char **algo, char **blob, char **fp);

#endif
