/*
 * store_mail.h - e-mail: what a member wants by mail, the confirmation
 * of their address, and the sender's side (what a run of « palabre
 * admin digest send » owes, the outbox, the ledger of what digests
 * told). Implemented in store_mail.c; db/0013_mail.sql has the tables.
 *
 * Nothing is mailed to an address its member has not confirmed by
 * typing back the code sent to it, nor to an address the mail transfer
 * agent refused. A session never sends mail (its sandbox has no
 * execve): it writes rows, and the sysop's timer hands them to sendmail.
 *
 * Results are enum store_rc (store_rc.h), as each function lists.
 */
#ifndef PALABRE_STORE_MAIL_H
#define PALABRE_STORE_MAIL_H

#include <stddef.h>
#include <stdint.h>

#define STORE_MAIL_ADDRESS_MAX	254	/* bytes of an address (RFC 5321) */
#define STORE_MAIL_CODE_LEN	8	/* digits of a confirmation code */
#define STORE_MAIL_CODE_TTL	(24 * 3600)	/* a code lives a day */
#define STORE_MAIL_CODE_TRIES	5	/* wrong codes before it is void */
#define STORE_MAIL_CODES_DAY	5	/* codes mailed per member a day */
/* How far a digest looks back before the previous one, for what was
 * written just before it but committed just after (the ledger keeps it
 * from being told twice); the ledger is kept twice as long. */
#define STORE_MAIL_OVERLAP	3600

enum store_digest {
	DIGEST_NEVER,		/* 'jamais' */
	DIGEST_DAILY,		/* 'quotidien' */
	DIGEST_WEEKLY		/* 'hebdomadaire' */
};
const char	*store_digest_label(int);	/* « chaque jour » */
/* "jamais", "quotidien", "hebdomadaire" -> enum store_digest; -1. */
int		 store_digest_parse(const char *);
/* 1 if a is an address as members type it (local@domain.tld, no space,
 * nothing that means something else in a header), else 0; local: the
 * domain may be one word (« palabre@localhost », [mail] from). */
int		 store_mail_address_valid(const char *a, int local);

/* A member's mail settings, as « Mon profil » shows them. */
struct store_mail_pref {
	char	*address;	/* confirmed; "" none */
	int	 digest;	/* enum store_digest */
	int	 per_message;	/* an e-mail per private message */
	int64_t	 refused_at;	/* the MTA refused address; 0 not */
	char	*refused_why;	/* what it said, "" */
	char	*pending;	/* address being confirmed; "" none */
	int64_t	 pending_until;	/* its code expires then */
};
void	 store_mail_pref_clear(struct store_mail_pref *);

/* The member's settings (all empty if they never asked). 0 or -1. */
int	 store_mail_pref_get(struct store *, int64_t member_id,
	    struct store_mail_pref *);
/*
 * Mail a code to address, to confirm it: a new code (randombytes) that
 * replaces any previous one, valid STORE_MAIL_CODE_TTL from now.
 * STORE_OK; STORE_INVALID not an address (one line, one « @ », a dot in
 * the domain, no space, no « < > ( ) , ; : " [ ] \ »); STORE_TOO_LONG;
 * STORE_EXISTS it is already the confirmed address; STORE_TOO_MANY
 * STORE_MAIL_CODES_DAY codes mailed in the last 24 hours; STORE_ERR.
 */
int	 store_mail_confirm_request(struct store *, int64_t member_id,
	    const char *address, int64_t now);
/*
 * The code the member typed back: STORE_OK the address is confirmed
 * (and accepted again if one was refused); STORE_NOT_FOUND no code
 * waits; STORE_TOO_LATE it expired; STORE_INVALID wrong (counted);
 * STORE_TOO_MANY too many wrong ones (the code is void: ask another).
 */
int	 store_mail_confirm_check(struct store *, int64_t member_id,
	    const char *code, int64_t now);
/* No more address: nothing is mailed (digest and per-message stay as
 * they were, for the next address). */
int	 store_mail_forget(struct store *, int64_t member_id);
/* The digest (enum store_digest) and the per-message e-mail: STORE_OK;
 * STORE_STATE no confirmed address (for anything but « never »/off);
 * STORE_INVALID not a digest. Starting either counts from now (nothing
 * older is mailed). */
int	 store_mail_set_digest(struct store *, int64_t member_id, int digest,
	    int64_t now);
int	 store_mail_set_per_message(struct store *, int64_t member_id,
	    int on);

/* --- The sender's side (palabre admin digest send) ----------------------- */

/* A member who may be mailed, with what the mail needs. */
struct store_mail_to {
	int64_t	 member_id;
	char	*login;
	char	*display_name;
	char	*address;
	int	 digest;	/* enum store_digest */
	int64_t	 since;		/* digests: what is new after this */
	char	*code;	/* codes: the code */
	int64_t	 until;	/* codes: when it expires; digests: the last
			 * digest's time, as read */
	int64_t	 message_id;
	int64_t	 conversation_id;
	char	*author;	/* the message's author's display name */
	int64_t	 at;
};
void	 store_mail_to_list_free(struct store_mail_to *, size_t);

/* Codes to mail: requested, not yet in the outbox, not expired. */
int	 store_mail_codes(struct store *, int64_t now,
	    struct store_mail_to **, size_t *);
/* Private messages to tell one by one (per_message members, messages
 * after their mark, not their own, not from members they block), in
 * message order. */
int	 store_mail_notes(struct store *, struct store_mail_to **, size_t *);
/*
 * Members due a digest: daily ones whose last digest is before day (the
 * last digest time of day, Paris), weekly ones before week (the last
 * one of the week). since is the previous digest less
 * STORE_MAIL_OVERLAP.
 */
int	 store_mail_due(struct store *, int64_t day, int64_t week,
	    struct store_mail_to **, size_t *);
/* What the last digest to member_id told (« m12 »...): new strings in
 * *items (free each, then the array). 0 or -1. */
int	 store_mail_told(struct store *, int64_t member_id, char ***items,
	    size_t *n);

/*
 * Put a built message in the outbox and move the member's marks, in one
 * transaction: a code (its row marked queued), a note (message_upto to
 * message_id), a digest (items written to the ledger, digest_at to now;
 * data NULL and nitems 0: nothing new, only digest_at moves). STORE_OK,
 * STORE_STATE (the member's settings changed meanwhile: nothing
 * queued), STORE_ERR. Inside a caller's store_begin() they join its
 * transaction (a batch); STORE_STATE does not doom it.
 */
int	 store_mail_queue_code(struct store *, const struct store_mail_to *,
	    const char *data, int64_t now);
int	 store_mail_queue_note(struct store *, const struct store_mail_to *,
	    const char *data, int64_t now);
int	 store_mail_queue_digest(struct store *, const struct store_mail_to *,
	    const char *const *items, size_t nitems, const char *data,
	    int64_t now);

/*
 * For the sender's run only: commits without fsync (PRAGMA synchronous
 * = NORMAL; the connection is WAL). A commit is still in the WAL file
 * when it returns, so a killed run (kill -9) loses nothing; an OS crash
 * or a power cut may lose the last marks, and a message may then go
 * twice. Worth it: a run commits once per message handed to sendmail,
 * 2.7 ms per fsync here, 27 s for 10,000 digests. 0 or -1.
 */
int	 store_mail_sync_normal(struct store *);

/* A message waiting in the outbox. */
struct store_mail_out {
	int64_t	 id;
	int64_t	 member_id;
	char	*login;
	char	*kind;		/* "code", "message", "digest" */
	char	*address;
	char	*data;		/* the whole message, for sendmail */
	int	 tries;
};
void	 store_mail_out_list_free(struct store_mail_out *, size_t);
/* Everything waiting, oldest first. */
int	 store_mail_waiting(struct store *, struct store_mail_out **,
	    size_t *);
/* sendmail took it: sent (data emptied). */
int	 store_mail_sent(struct store *, int64_t id, int64_t now);
/* A temporary failure: one more try, failed for good past max tries. 1
 * if it is now failed, 0 if it waits for the next run, -1. */
int	 store_mail_retry(struct store *, int64_t id, int max,
	    const char *why, int64_t now);
/* sendmail refused the address: the message failed, and the member's
 * address is marked refused (nothing more is mailed to it). */
int	 store_mail_refused(struct store *, int64_t id, const char *why,
	    int64_t now);
/* Forget the ledger rows no digest can need again, and the outbox rows
 * sent or failed before `before`. */
int	 store_mail_prune(struct store *, int64_t before);
/*
 * « palabre admin digest set »: the team vouches for address (given in
 * person, or from the network's own list), with the digest and the
 * per-message e-mail; no code is mailed. The first digest is due at the
 * next run and tells the newest of what is new. Audit-logged. STORE_OK,
 * STORE_NOT_FOUND, STORE_INVALID (address or digest), STORE_TOO_LONG,
 * STORE_ERR.
 */
int	 store_mail_set(struct store *, int64_t member_id, const char *address,
	    int digest, int per_message, int64_t now);
/* « palabre admin digest stop »: digest never, no per-message e-mail. */
int	 store_mail_stop(struct store *, int64_t member_id);

#endif /* PALABRE_STORE_MAIL_H */
