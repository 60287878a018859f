/*
 * store_sqlite_guest.c - the guest account changes nothing but its
 * reading marks (SQLite only: its authorizer).
 *
 * « invite » is one account that every visitor shares without a
 * password: what one guest wrote, the next would read, and anyone could
 * fill the database through it. So whatever a screen offers, the guest's
 * connection refuses every INSERT, UPDATE and DELETE but on the reading
 * marks (read_thread, read_mark, read_board) and temporary tables, every
 * change of the schema and every ATTACH. SQLite's authorizer checks this
 * when a statement is prepared: the refused statement never runs, its caller
 * gets an error (logged), and store_guest_refused() lets the interface
 * tell the guest why instead of « could not be saved ».
 */
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "store/store_private.h"
#include "store/store_sqlite.h"
#include "util/util.h"

static int	 store_guest_auth(void *, int, const char *, const char *,
		    const char *, const char *);

static int	 store_guest_nrefused;	/* since store_guest_refused() */

/* The tables a guest may write: its own reading marks. */
static const char *const store_guest_tables[] = {
	"read_thread",
	"read_mark",
	"read_board",
};

static int
store_guest_auth(void *arg, int action, const char *a1, const char *a2,
    const char *dbname, const char *trigger)
{
	size_t i;

	(void)arg;
	(void)a2;
	(void)trigger;
	switch (action) {
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		if (dbname != NULL && strcmp(dbname, "temp") == 0)
			return SQLITE_OK;
		/* An FTS5 table declares its columns when it is first
		 * opened (sqlite3_declare_vtab), which reads as a write of
		 * the schema table; a real change of the schema is refused
		 * by its own action code below. */
		if (a1 != NULL && (strcmp(a1, "sqlite_master") == 0 ||
		    strcmp(a1, "sqlite_schema") == 0))
			return SQLITE_OK;
		for (i = 0; i < nitems(store_guest_tables); i++)
			if (a1 != NULL && strcmp(a1, store_guest_tables[i]) ==
			    0)
				return SQLITE_OK;
		log_info("invité : écriture refusée dans %s",
		    a1 != NULL ? a1 : "?");
		store_guest_nrefused++;
		return SQLITE_DENY;
	case SQLITE_CREATE_TEMP_INDEX:
	case SQLITE_CREATE_TEMP_TABLE:
	case SQLITE_CREATE_TEMP_TRIGGER:
	case SQLITE_CREATE_TEMP_VIEW:
	case SQLITE_DROP_TEMP_INDEX:
	case SQLITE_DROP_TEMP_TABLE:
	case SQLITE_DROP_TEMP_TRIGGER:
	case SQLITE_DROP_TEMP_VIEW:
		return SQLITE_OK;
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_TRIGGER:
	case SQLITE_CREATE_VIEW:
	case SQLITE_CREATE_VTABLE:
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TRIGGER:
	case SQLITE_DROP_VIEW:
	case SQLITE_DROP_VTABLE:
	case SQLITE_ALTER_TABLE:
	case SQLITE_ATTACH:
	case SQLITE_DETACH:
	case SQLITE_REINDEX:
	case SQLITE_ANALYZE:
		return SQLITE_DENY;
	case SQLITE_PRAGMA:
		/* The one pragma that would let a write reach the schema. */
		return a1 != NULL && strcasecmp(a1, "writable_schema") == 0 ?
		    SQLITE_DENY : SQLITE_OK;
	default:
		return SQLITE_OK;
	}
}

int
store_guest_only(struct store *s)
{
	/* Statements prepared before keep their rights: forget them. */
	store_sqlite_forget(s);
	if (sqlite3_set_authorizer(store_sqlite_handle(s), store_guest_auth,
	    NULL) != SQLITE_OK) {
		log_error("sqlite3_set_authorizer: %s", store_errmsg(s));
		return -1;
	}
	return 0;
}

int
store_guest_refused(struct store *s)
{
	int n = store_guest_nrefused;

	(void)s;
	store_guest_nrefused = 0;
	return n;
}
