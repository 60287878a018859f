/*
 * store_sqlite_backup.c - copies of the database that can be restored: the
 * online backup « palabre admin backup » takes while members post, and
 * the copy « palabre admin restore » puts in place.
 *
 * A plain cp of the file while serving is not a backup: the last
 * transactions may still be in the WAL (a copy lacked 19 posts that
 * way). VACUUM INTO reads the database in one read transaction, WAL
 * included, so the copy is the database as of one instant; in WAL mode
 * the writers go on meanwhile. The copy is then made a file that stands
 * alone (rollback journal, no -wal beside it), checked with
 * integrity_check and fsynced before anyone calls it a backup.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store_private.h"
#include "util/util.h"

static int	 backup_seal(const char *, int *, char **);

/*
 * The copy at path: journal mode DELETE (one file), integrity checked,
 * its schema version in *version, fsynced. 0 or -1 with *cause.
 */
static int
backup_seal(const char *path, int *version, char **cause)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	const char *v;
	int rc = -1, r, bad = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		xasprintf(cause, "%s : %s", path, db != NULL ?
		    sqlite3_errmsg(db) : "ouverture impossible");
		goto out;
	}
	if (sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK)
		goto sqlerr;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		v = (const char *)sqlite3_column_text(st, 0);
		if (v == NULL || strcmp(v, "ok") != 0)
			bad++;
	}
	if (r != SQLITE_DONE)
		goto sqlerr;
	sqlite3_finalize(st);
	st = NULL;
	if (bad) {
		xasprintf(cause, "%s : la copie ne passe pas "
		    "integrity_check", path);
		goto out;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		goto sqlerr;
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_close(db) != SQLITE_OK)
		goto sqlerr;
	db = NULL;
	if (fs_sync(path) == -1) {
		xasprintf(cause, "%s : fsync : %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
sqlerr:
	xasprintf(cause, "%s : %s", path, sqlite3_errmsg(db));
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

int
store_backup(struct store *s, const char *path, int *version, char **cause)
{
	struct store_stmt *st;

	*cause = NULL;
	if ((st = store_prepare(s, "VACUUM INTO ?1")) == NULL ||
	    store_bind_text(s, st, 1, path) != 0 ||
	    store_run(s, st) != 0) {
		xasprintf(cause, "copie de %s vers %s : %s", s->path, path,
		    store_errmsg(s));
		return -1;
	}
	return backup_seal(path, version, cause);
}

int
store_copy(const char *from, const char *to, int *version, char **cause)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc = -1;

	*cause = NULL;
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		xasprintf(cause, "%s : %s", from, src != NULL ?
		    sqlite3_errmsg(src) : "ouverture impossible");
		goto out;
	}
	if (sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s : %s", to, dst != NULL ?
		    sqlite3_errmsg(dst) : "création impossible");
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		xasprintf(cause, "%s : %s", to, sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK) {
		/* Not a database, or not one SQLite can read. */
		xasprintf(cause, "%s n'est pas une base lisible (%s)", from,
		    sqlite3_errmsg(dst));
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		xasprintf(cause, "%s : %s", to, sqlite3_errmsg(dst));
		goto out;
	}
	dst = NULL;
	rc = backup_seal(to, version, cause);
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc;
}
