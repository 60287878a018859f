/*
 * store_rc.h - what a store function's result says, as OpenSSH's
 * ssherr.h: one name per outcome, whatever function returns it, and one
 * French sentence per name (store_rc_text) that the screens, "palabre
 * admin" and the SSH commands print.
 *
 * The rule: a store function returns an int that is one of these codes.
 * STORE_OK (0) is success; STORE_ERR (-1) is a database error (logged;
 * store_fault() says which) and never a refusal; STORE_NOT_FOUND (1) is
 * « there is no such thing » (for the viewer). The other codes are
 * refusals, the reason named for what happened, not for the function
 * that found it: STORE_TOO_LONG means too long wherever it comes from.
 * Each function's comment lists the codes it may return.
 *
 * The values are stable (tests and logs name them, never the number)
 * and distinct: no two outcomes share one. SQLITE_BUSY is not told
 * apart from other failures here (both are STORE_ERR); store_fault()
 * does, for the few screens that say « base occupée ».
 */
#ifndef PALABRE_STORE_RC_H
#define PALABRE_STORE_RC_H

enum store_rc {
	STORE_ERR = -1,		/* the database failed (logged) */
	STORE_OK = 0,
	STORE_NOT_FOUND = 1,	/* no such row, or not for this viewer */
	STORE_TOO_LONG,		/* a text or a list past its bound */
	STORE_EMPTY,		/* a required text empty after cleaning */
	STORE_INVALID,		/* not a valid value: date, hour, unknown
				 * theme, département, organisation type */
	STORE_BAD_LINK,		/* names no document it may name (itself,
				 * or none) */
	STORE_FORBIDDEN,	/* the viewer's role does not allow it */
	STORE_STATE,		/* no longer in the state it must be in
				 * (a record that no longer waits) */
	STORE_LOCKED,		/* the thread is locked */
	STORE_TAKEN,		/* the login or reference is someone
				 * else's */
	STORE_KEY_TAKEN,	/* the key is someone else's account's */
	STORE_EXISTS,		/* done already (registered already) */
	STORE_TOO_LATE,		/* past the deadline, or started */
	STORE_CANCELLED,	/* the event is cancelled */
	STORE_BLOCKED,		/* the recipient does not take the
				 * sender's messages */
	STORE_NO_RECIPIENT,	/* no recipient but oneself */
	STORE_TOO_MANY,		/* more than a list may hold */
	STORE_FULL,		/* too many requests wait already */
	STORE_DRAFT_SENT,	/* that draft was sent already (from
				 * another session) */
};
/* For tests and the table: every code, in order. */
#define STORE_RC_FIRST	STORE_ERR
#define STORE_RC_LAST	STORE_DRAFT_SENT

/* One French sentence for a code (never NULL; a static string). Screens may
 * say more for one code, never less: a STORE_ERR is never described as
 * a refusal. */
const char	*store_rc_text(enum store_rc);
/* Its name, « STORE_TOO_LONG » (logs and tests). */
const char	*store_rc_name(enum store_rc);

struct store;
/* store_rc_text(rc), with STORE_ERR refined by s's last failure
 * (store_fault): « La base de données n'a pas répondu (base occupée)... ».
 * The string is static, valid until the next call. */
const char	*store_rc_say(const struct store *, int rc);

#endif /* PALABRE_STORE_RC_H */
