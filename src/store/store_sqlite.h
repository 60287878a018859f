/*
 * store_sqlite.h - what the SQLite-only files (store_sqlite_*.c: the
 * guest's authorizer) need of the SQLite engine (store_sqlite.c) beyond
 * the engine API of store_private.h.
 */
#ifndef PALABRE_STORE_SQLITE_H
#define PALABRE_STORE_SQLITE_H

#include <sqlite3.h>

struct store;

/* The connection's SQLite handle. */
sqlite3		*store_sqlite_handle(struct store *);
/* Finalize every cached statement: each is prepared again at its next
 * store_prepare() (after an authorizer is set, say). */
void		 store_sqlite_forget(struct store *);
/* fn(s) runs again each time a suspended connection is opened again
 * (store_suspend); if it fails, the connection is closed and the
 * statement that needed it fails. */
void		 store_sqlite_on_reopen(struct store *,
		    int (*)(struct store *));

#endif /* PALABRE_STORE_SQLITE_H */
