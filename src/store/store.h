/*
 * store.h - the store: all SQL lives behind this interface, and only
 * the engine's files (src/store/store_sqlite*.c) include <sqlite3.h>.
 * The rest of the program sees plain C structs.
 *
 * One connection per process, opened after any fork (a connection never
 * crosses a fork). WAL mode, synchronous=FULL, foreign keys on, a busy
 * timeout; every write runs in a short BEGIN IMMEDIATE transaction.
 * Statements are prepared once per connection and values always bound.
 *
 * Return convention (store_rc.h): an enum store_rc as an int. STORE_OK
 * (0) on success, STORE_NOT_FOUND (1) where the function says so,
 * STORE_ERR (-1) on a database error (logged), and a named refusal
 * (STORE_TOO_LONG, STORE_FORBIDDEN...) where the function lists it;
 * store_rc_text() is the sentence to show. Strings in the structs are
 * owned by the struct and freed by the matching _clear() function;
 * _free(NULL) and _clear() on a zeroed struct are no-ops.
 */
#ifndef PALABRE_STORE_H
#define PALABRE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store_rc.h"

struct store;

/* Flags for store_open(). */
#define STORE_CREATE	0x01	/* create the file if missing */
#define STORE_MIGRATE	0x02	/* apply pending migrations */
#define STORE_READONLY	0x04

/*
 * Open the database at path (":memory:" for tests). Without STORE_MIGRATE
 * an out-of-date schema is an error (the message says to run
 * "palabre admin db migrate"). On error returns NULL and sets *cause to a
 * French message (free()).
 */
struct store	*store_open(const char *path, int flags, char **cause);
void		 store_free(struct store *);
/* Give back the pages the connection caches (not the schema nor the
 * prepared statements): for a member who is not typing. They are read
 * again from the file, through the system's cache, when needed. */
void		 store_release_memory(struct store *);
/* Bytes the connection's page cache holds now. */
int		 store_cache_bytes(struct store *);

/* Apply pending migrations, each in one transaction that also sets the
 * schema version (SQLite: PRAGMA user_version; PostgreSQL: the
 * schema_version table). Returns the number applied, or -1 (*cause set). */
int	 store_migrate(struct store *, char **cause);
/* Schema version of the open database, and the newest one built in
 * (the same on both engines: db/ and db/pg/ move together). */
int	 store_schema_version(struct store *);
int	 store_latest_version(void);
/* PRAGMA integrity_check + foreign_key_check: 0 if sound, 1 with *report
 * listing the problems, -1 on error. */
int	 store_check(struct store *, char **report);
/*
 * Backups (store_sqlite_backup.c, SQLite only). store_backup: a
 * consistent copy of the open database, taken while others write (VACUUM
 * INTO), into path, which must not exist. store_copy: the database at
 * from (any schema, its WAL included) copied into to. Either way the
 * copy is one file (no WAL), passes integrity_check and is fsynced;
 * *version is its schema. 0, or -1 with *cause (free()).
 */
int	 store_backup(struct store *, const char *path, int *version,
	    char **cause);
int	 store_copy(const char *from, const char *to, int *version,
	    char **cause);

/* The site's figures (store_stats.c), read in one snapshot. */
#define STORE_STATS_DAYS	30
struct store_stats {
	int64_t	 members[5];		/* by enum store_status */
	int64_t	 came_today;		/* members logged in the last 24 h */
	int64_t	 posts;
	int64_t	 threads;
	int64_t	 per_day[STORE_STATS_DAYS];	/* posts, oldest day first */
	int64_t	 docs;
	int64_t	 practices;		/* published */
	int64_t	 practices_waiting;	/* to approve */
	int64_t	 events;
	int64_t	 events_upcoming;	/* not cancelled */
	int64_t	 bytes;			/* the database file's pages */
};
/* bounds: STORE_STATS_DAYS + 1 times, the start of each day and the end
 * of the last; now for « last 24 h » and « upcoming ». 0 or -1. */
int	 store_stats(struct store *, const int64_t *bounds, int64_t now,
	    struct store_stats *);

/* Explicit transactions for multi-statement writes (BEGIN IMMEDIATE). */
int	 store_begin(struct store *);
int	 store_commit(struct store *);
void	 store_rollback(struct store *);

/*
 * How long a write waits for another process's write lock before giving
 * up (SQLITE_BUSY): STORE_WAIT_DEFAULT unless set. An autosave gives up
 * at once and is tried again at the next tick, so that typing never
 * waits on the database; a send waits a short, bounded time. Returns
 * the wait it replaces, to be put back.
 */
#define STORE_WAIT_DEFAULT	5000	/* ms */
#define STORE_WAIT_AUTOSAVE	50
#define STORE_WAIT_SEND		2000
int	 store_wait(struct store *, int ms);

/* Why the last statement that failed did, for the member; the functions
 * that report it (store_draft_save, store_draft_send) clear it first. */
enum store_fault {
	STORE_FAULT_NONE,
	STORE_FAULT_FULL,	/* SQLITE_FULL: the disk is full */
	STORE_FAULT_BUSY,	/* another process holds the write lock */
	STORE_FAULT_READONLY,	/* the file or its folder is read-only */
	STORE_FAULT_IO,		/* any other failure */
};
enum store_fault store_fault(const struct store *);
/* « disque plein », « base occupée »... (to follow « ... : »). */
const char	*store_fault_label(enum store_fault);

/* The database's work done by this process's statements so far (SQLite's
 * virtual-machine steps, summed as each statement is done): for the tests
 * that check an operation's cost does not grow with a table's size. */
uint64_t	 store_vm_steps(void);

/* --- Members ----------------------------------------------------------- */

enum store_role {
	ROLE_INVITE, ROLE_MEMBRE, ROLE_MODERATEUR, ROLE_DOCUMENTALISTE,
	ROLE_ORGANISATEUR, ROLE_SYSOP
};
enum store_status {
	STATUS_EN_ATTENTE, STATUS_ACTIF, STATUS_SUSPENDU, STATUS_REFUSE,
	STATUS_ANONYMISE
};

/* "sysop" -> ROLE_SYSOP; accepts "modérateur", "modératrice" too. -1 if
 * unknown. */
int		 store_role_parse(const char *);
const char	*store_role_key(enum store_role);	/* "moderateur" */
const char	*store_role_label(enum store_role);	/* "modération" */
const char	*store_status_label(enum store_status);	/* "en attente" */

struct store_member {
	int64_t		 id;
	char		*login;
	char		*display_name;
	char		*organisation;
	enum store_role	 role;
	enum store_status status;
	char		*password_hash;		/* NULL: no password */
	int64_t		 created_at;
	int64_t		 last_login_at;		/* 0: never */
};
void	 store_member_clear(struct store_member *);

/* STORE_OK found, STORE_NOT_FOUND, STORE_ERR. */
int	 store_member_by_login(struct store *, const char *login,
	    struct store_member *);
int	 store_member_by_id(struct store *, int64_t id, struct store_member *);
/* Insert m (id ignored; texts cleaned here). Sets m->id. STORE_TAKEN if
 * the login exists, STORE_ERR. */
int	 store_member_insert(struct store *, struct store_member *m);
/* hash NULL removes the password. STORE_NOT_FOUND if there is no such
 * member. */
int	 store_member_set_password(struct store *, int64_t id,
	    const char *hash);
/* Record a successful login at t; *previous gets the former last login
 * (0 if none). STORE_NOT_FOUND if there is no such member. */
int	 store_member_login(struct store *, int64_t id, int64_t t,
	    int64_t *previous);
/* From now on this connection writes nothing but reading marks and
 * temporary tables: the shared guest account (store_sqlite_guest.c). */
int	 store_guest_only(struct store *);
/* How many writes were refused to the guest since the last call. */
int	 store_guest_refused(struct store *);
/* All members ordered by display name (folded); *n set. */
int	 store_member_list(struct store *, struct store_member **list,
	    size_t *n);
void	 store_member_list_free(struct store_member *, size_t);
/*
 * Who a member means by what they typed for a recipient: the active
 * members (guests excepted) whose login it is (first) or whose display
 * name holds every word of it, accents and case aside (« elodie » finds
 * « Élodie Marchand » and « Élodie Bernard »), by name, at most max. 0
 * with *list and *n set (*n 0: nobody), -1 on error.
 */
int	 store_member_find(struct store *, const char *typed, size_t max,
	    struct store_member **list, size_t *n);
int	 store_member_count(struct store *, int64_t *n);

/* --- Public keys --------------------------------------------------------- */

struct store_key {
	int64_t	 id;
	int64_t	 member_id;
	char	*algo;
	char	*blob;
	char	*fingerprint;
	char	*comment;
	int64_t	 created_at;
	int64_t	 last_used_at;
};
void	 store_key_clear(struct store_key *);

/* STORE_KEY_TAKEN if this key is already bound to a member (any
 * member), STORE_ERR. */
int	 store_key_add(struct store *, struct store_key *k);
/* Which member owns (algo, blob)? STORE_OK (*member_id set),
 * STORE_NOT_FOUND no one. */
int	 store_key_owner(struct store *, const char *algo, const char *blob,
	    int64_t *member_id);
/* STORE_NOT_FOUND if no such key. */
int	 store_key_touch(struct store *, const char *algo, const char *blob,
	    int64_t t);
int	 store_key_list(struct store *, int64_t member_id,
	    struct store_key **list, size_t *n);
void	 store_key_list_free(struct store_key *, size_t);

/* --- Preferences --------------------------------------------------------- */

/* *value is a new string, or NULL with 1 returned if unset. */
int	 store_pref_get(struct store *, int64_t member_id, const char *name,
	    char **value);
/* Set or replace; a NULL value removes the preference. */
int	 store_pref_set(struct store *, int64_t member_id, const char *name,
	    const char *value);

/* --- Editorials ---------------------------------------------------------- */

struct store_edito {
	int64_t	 id;
	char	*title;
	char	*body;		/* Markdown */
	char	*byline;
	int64_t	 author_id;	/* 0: none */
	int64_t	 published_at;
};
void	 store_edito_clear(struct store_edito *);

/* The newest published (published_at <= now), not hidden editorial.
 * STORE_NOT_FOUND if there is none. */
int	 store_edito_current(struct store *, int64_t now,
	    struct store_edito *);
/* All visible editorials (not hidden, published_at <= now_sec()),
 * newest first. */
int	 store_edito_list(struct store *, struct store_edito **list,
	    size_t *n);
void	 store_edito_list_free(struct store_edito *, size_t);
/* Sets e->id; published_at 0 means now. */
int	 store_edito_insert(struct store *, struct store_edito *e);
/* by 0: the system. STORE_NOT_FOUND if there is no such editorial or it
 * is hidden already. */
int	 store_edito_hide(struct store *, int64_t id, int64_t by,
	    const char *reason);

/* --- Login penalties per account ----------------------------------------- */

/*
 * Policy: more than `limit` failures within `window` seconds locks the
 * account name for `lock` seconds (doubling on each further lock, capped
 * at 1 hour); a success clears it.
 */
struct store_penalty_policy {
	int	limit;
	int	window;
	int	lock;
};
/* 0 if login may try now, 1 if it is locked (*until set), -1 error. */
int	 store_penalty_check(struct store *, const char *login, int64_t now,
	    int64_t *until);
int	 store_penalty_fail(struct store *, const char *login, int64_t now,
	    const struct store_penalty_policy *);
int	 store_penalty_clear(struct store *, const char *login);

/* --- Audit log ----------------------------------------------------------- */

/* actor_id 0 means the system or a sysop command line. */
int	 store_audit(struct store *, int64_t actor_id, const char *action,
	    const char *target, const char *detail);

struct store_audit_entry {
	int64_t	 id;
	int64_t	 at;
	int64_t	 actor_id;	/* 0: the system or a sysop command */
	char	*action;
	char	*target;
	char	*detail;
};
/* The newest max entries of the audit log, newest first; *n set. */
int	 store_audit_recent(struct store *, size_t max,
	    struct store_audit_entry **list, size_t *n);
void	 store_audit_list_free(struct store_audit_entry *, size_t);

#include "store/store_board.h"
#include "store/store_reference.h"
#include "store/store_practice.h"
#include "store/store_message.h"
#include "store/store_profile.h"
#include "store/store_doc.h"
#include "store/store_event.h"
#include "store/store_mail.h"
#include "store/store_news.h"
#include "store/store_notice.h"

#endif /* PALABRE_STORE_H */
