/*
 * store_misc.c - login penalties per account name, and the audit log.
 *
 * Penalties: one auth_penalty row per login name, known or not, so a
 * password guesser is slowed per account even from many addresses.
 * `failures` counts the failures of the current window, which starts at
 * window_start and is over once window_start + window < now. The failure
 * that takes the count past policy->limit locks the name until now + lock;
 * every later failure of the same window doubles that (lock * 2^(failures
 * - limit - 1)), capped at PENALTY_MAX seconds. A lock moves window_start
 * to its end, so a guesser who resumes as soon as it lifts is still in
 * the same window and meets the doubled lock; one who stays away for a
 * whole window starts afresh. Failures reported while the name is locked
 * change nothing (no password was tried). A success deletes the row.
 * Every read-then-write runs inside BEGIN IMMEDIATE.
 *
 * Audit: append-only rows of who (NULL: the system or a sysop command
 * line), what and on what. Nothing here updates or deletes them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"
#include "util/util.h"

#define PENALTY_MAX	3600	/* longest lock, seconds */

static void	store_audit_row(struct store_stmt *, void *);
static void	store_audit_clear_v(void *);
static int64_t	store_penalty_lock(const struct store_penalty_policy *,
		    int64_t);

/* Whether login is locked at now: 0 free, 1 locked (*until set), -1. */
int
store_penalty_check(struct store *s, const char *login, int64_t now,
    int64_t *until)
{
	static const char sql[] = "SELECT locked_until FROM auth_penalty "
	    "WHERE login = ?1";
	struct store_stmt *st;
	int64_t t;
	int rc = -1;

	*until = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, login) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		t = store_column_int64(st, 0);
		rc = 0;
		if (t > now) {
			*until = t;
			rc = 1;
		}
		break;
	case STORE_STEP_DONE:
		rc = 0;
		break;
	}
out:
	store_done(st);
	return rc;
}

/* Lock length after `beyond` failures past the limit (1 for the first). */
static int64_t
store_penalty_lock(const struct store_penalty_policy *p, int64_t beyond)
{
	int64_t d = p->lock;

	if (d <= 0)
		return 0;
	while (--beyond > 0 && d < PENALTY_MAX)
		d *= 2;
	return d < PENALTY_MAX ? d : PENALTY_MAX;
}

/* Count a failed login for this name at now, locking it past the limit. */
int
store_penalty_fail(struct store *s, const char *login, int64_t now,
    const struct store_penalty_policy *p)
{
	static const char get[] = "SELECT failures, window_start, "
	    "locked_until FROM auth_penalty WHERE login = ?1";
	static const char put[] = "INSERT INTO auth_penalty (login, failures, "
	    "window_start, locked_until) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT (login) DO UPDATE SET failures = excluded.failures, "
	    "window_start = excluded.window_start, "
	    "locked_until = excluded.locked_until";
	struct store_stmt *st = NULL;
	int64_t failures = 0, start = now, until = 0, limit, d;
	int rc = -1, tx = 0;

	if (login == NULL)
		return -1;
	limit = p->limit > 0 ? p->limit : 0;
	if (store_begin(s) != 0)
		goto out;
	tx = 1;

	if ((st = store_prepare(s, get)) == NULL ||
	    store_bind_text(s, st, 1, login) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		failures = store_column_int64(st, 0);
		start = store_column_int64(st, 1);
		until = store_column_int64(st, 2);
		break;
	case STORE_STEP_DONE:
		break;
	default:
		goto out;
	}
	store_done(st);
	st = NULL;

	if (until > now) {
		/* Locked: nothing was tried, nothing to count. */
		tx = 0;
		rc = store_commit(s);
		goto out;
	}
	if (start + p->window < now) {
		failures = 0;
		start = now;
	}
	failures++;
	if (failures > limit && (d = store_penalty_lock(p,
	    failures - limit)) > 0) {
		until = now + d;
		start = until;
	}

	if ((st = store_prepare(s, put)) == NULL ||
	    store_bind_text(s, st, 1, login) != 0 ||
	    store_bind_int64(s, st, 2, failures) != 0 ||
	    store_bind_int64(s, st, 3, start) != 0 ||
	    store_bind_int64(s, st, 4, until) != 0)
		goto out;
	if (store_run(s, st) != 0)
		goto out;
	tx = 0;
	if (store_commit(s) != 0)
		goto out;
	rc = 0;
out:
	store_done(st);
	if (tx)
		store_rollback(s);
	return rc;
}

/* Forget the failures of a name (after a successful login). */
int
store_penalty_clear(struct store *s, const char *login)
{
	static const char sql[] = "DELETE FROM auth_penalty WHERE login = ?1";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, login) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

/* Append one line to the audit log (actor_id 0: system or sysop CLI). */
int
store_audit(struct store *s, int64_t actor_id, const char *action,
    const char *target, const char *detail)
{
	static const char sql[] = "INSERT INTO audit_log (at, actor_id, "
	    "action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)";
	struct store_stmt *st;
	char *t = NULL, *d = NULL;
	int rc = -1;

	if (action == NULL) {
		log_error("audit without action");
		return -1;
	}
	t = store_clean(target, 0);
	d = store_clean(detail, 0);
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, now_sec()) != 0 ||
	    store_bind_id(s, st, 2, actor_id) != 0 ||
	    store_bind_text(s, st, 3, action) != 0 ||
	    store_bind_text(s, st, 4, t) != 0 ||
	    store_bind_text(s, st, 5, d) != 0) {
		store_done(st);
		goto out;
	}
	rc = store_run(s, st) == 0 ? 0 : -1;
out:
	free(t);
	free(d);
	return rc;
}

/* One audit_log row into an entry, for store_rows(). */
static void
store_audit_row(struct store_stmt *st, void *p)
{
	struct store_audit_entry *a = p;

	a->id = store_column_int64(st, 0);
	a->at = store_column_int64(st, 1);
	a->actor_id = store_column_int64(st, 2);
	a->action = store_column_str(st, 3);
	a->target = store_column_str(st, 4);
	a->detail = store_column_str(st, 5);
}

/* Free one entry's strings, for store_rows(). */
static void
store_audit_clear_v(void *p)
{
	struct store_audit_entry *a = p;

	free(a->action);
	free(a->target);
	free(a->detail);
}

/* The newest max audit entries, newest first. */
int
store_audit_recent(struct store *s, size_t max,
    struct store_audit_entry **list, size_t *n)
{
	static const char sql[] = "SELECT id, at, actor_id, action, target, "
	    "detail FROM audit_log ORDER BY id DESC LIMIT ?1";
	struct store_stmt *st;
	void *l;
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, max > INT64_MAX ? INT64_MAX :
	    (int64_t)max) != 0) {
		store_done(st);
		return -1;
	}
	rc = store_rows(s, st, sizeof(**list), store_audit_row,
	    store_audit_clear_v, &l, n);
	*list = l;
	return rc;
}

/* Free a list from store_audit_recent(). */
void
store_audit_list_free(struct store_audit_entry *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_audit_clear_v);
}
