/*
 * store_sqlite.c - the store's SQLite engine: the connection with the
 * settings we rely on, the cache of prepared statements, and the engine
 * API of store_private.h (bind, step, columns, changes, errors) that the
 * other store_*.c files use instead of SQLite's own.
 *
 * This file and the SQLite-only ones beside it (store_sqlite_backup.c:
 * the online backup; store_sqlite_guest.c: the authorizer) are the only
 * code that includes <sqlite3.h> (make check-layers holds it). Its
 * functions are reached through store_engine_sqlite (store_engine.h). A
 * statement handed out is one of the cache, allocated once so its
 * address stays put while the cache grows; SQLite's result codes are
 * mapped here to STORE_STEP_* and enum store_fault.
 *
 * Invariants: every connection runs with foreign keys on,
 * synchronous=FULL, a 5 s busy timeout (store_sqlite_wait), DEFENSIVE and
 * trusted_schema off, and (on a file) WAL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "store/migrations.h"
#include "store/store_engine.h"
#include "store/store_private.h"
#include "store/store_sqlite.h"
#include "util/util.h"

#define STORE_MAX_LENGTH	(4 * 1024 * 1024) /* largest string or blob */
#define STORE_JOURNAL_LIMIT	"67108864"	/* -wal kept after checkpoint */

struct store_sqlite_stmt {
	struct store_stmt	 base;		/* first: the engine */
	const char		*sql;		/* static text: the cache key */
	sqlite3_stmt		*h;
};
#define SQ(st)	((struct store_sqlite_stmt *)(st))

struct store_db {
	sqlite3			 *h;
	struct store_sqlite_stmt **stmts;	/* prepared-statement cache */
	size_t			  nstmts;
	size_t			  capstmts;
};

/* A C function called from SQL (store_sqlite_function). */
struct store_sqlfn {
	char	*(*fn)(void *, const char *);
	void	 *arg;
};

static int	 store_pragma_text(struct store *, const char *, char *,
		    size_t);
static int	 store_configure(struct store *, int, char **);
static void	 store_global_config(void);
static void	 store_sqlfn_call(sqlite3_context *, int, sqlite3_value **);
static int	 store_sqlite_open(struct store *, char **);
static void	 store_sqlite_close(struct store *);
static int	 store_sqlite_in_tx(struct store *);
static int	 store_sqlite_exec(struct store *, const char *, char **);
static const char *store_sqlite_errmsg(struct store *);
static int	 store_sqlite_changes(struct store *);
static int64_t	 store_sqlite_last_id(struct store *);
static int	 store_sqlite_function(struct store *, const char *,
		    char *(*)(void *, const char *), void *);
static char	*store_sqlite_text_head(struct store *, const char *,
		    const char *, const char *, int64_t, int, int *);
static int	 store_sqlite_wait(struct store *, int);
static void	 store_sqlite_release_memory(struct store *);
static int	 store_sqlite_cache_bytes(struct store *);
static int	 store_sqlite_schema_version(struct store *);
static int	 store_sqlite_set_schema_version(struct store *, int,
		    char **);
static int	 store_sqlite_foreign_keys(struct store *, int);
static int	 store_sqlite_orphans(struct store *, char **);
static struct store_stmt *store_sqlite_prepare(struct store *,
		    const char *);
static void	 store_sqlite_done(struct store_stmt *);
static int	 store_sqlite_step(struct store *, struct store_stmt *);
static int	 store_sqlite_bind_text(struct store *, struct store_stmt *,
		    int, const char *);
static int	 store_sqlite_bind_int64(struct store *, struct store_stmt *,
		    int, int64_t);
static int	 store_sqlite_bind_count(struct store_stmt *);
static int64_t	 store_sqlite_column_int64(struct store_stmt *, int);
static const char *store_sqlite_column_peek(struct store_stmt *, int);
static int	 store_sqlite_column_bytes(struct store_stmt *, int);
static int	 store_sqlite_column_null(struct store_stmt *, int);
static int	 store_sqlite_column_isint(struct store_stmt *, int);
static int	 store_sqlite_column_count(struct store_stmt *);
static const char *store_sqlite_column_name(struct store_stmt *, int);

const struct store_engine store_engine_sqlite = {
	.name = "sqlite",
	.open = store_sqlite_open,
	.close = store_sqlite_close,
	.in_tx = store_sqlite_in_tx,
	.exec = store_sqlite_exec,
	.errmsg = store_sqlite_errmsg,
	.changes = store_sqlite_changes,
	.last_id = store_sqlite_last_id,
	.function = store_sqlite_function,
	.text_head = store_sqlite_text_head,
	.wait = store_sqlite_wait,
	.release_memory = store_sqlite_release_memory,
	.cache_bytes = store_sqlite_cache_bytes,
	.migrations = store_migrations,
	.nmigrations = &store_nmigrations,
	.schema_version = store_sqlite_schema_version,
	.set_schema_version = store_sqlite_set_schema_version,
	.foreign_keys = store_sqlite_foreign_keys,
	.orphans = store_sqlite_orphans,
	.prepare = store_sqlite_prepare,
	.done = store_sqlite_done,
	.step = store_sqlite_step,
	.bind_text = store_sqlite_bind_text,
	.bind_int64 = store_sqlite_bind_int64,
	.bind_count = store_sqlite_bind_count,
	.column_int64 = store_sqlite_column_int64,
	.column_peek = store_sqlite_column_peek,
	.column_bytes = store_sqlite_column_bytes,
	.column_null = store_sqlite_column_null,
	.column_isint = store_sqlite_column_isint,
	.column_count = store_sqlite_column_count,
	.column_name = store_sqlite_column_name,
};

/* Run static SQL with sqlite3_exec; on error log it and copy the message. */
static int
store_sqlite_exec(struct store *s, const char *sql, char **errmsg)
{
	char *err = NULL;

	if (sqlite3_exec(s->db->h, sql, NULL, NULL, &err) == SQLITE_OK)
		return 0;
	log_error("%.60s: %s", sql, err != NULL ? err :
	    sqlite3_errmsg(s->db->h));
	if (errmsg != NULL)
		*errmsg = xstrdup(err != NULL ? err :
		    sqlite3_errmsg(s->db->h));
	sqlite3_free(err);
	return -1;
}

/* Run a one-row pragma and copy its first column into buf. */
static int
store_pragma_text(struct store *s, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *v;
	int rc = -1;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(s->db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		log_error("%s: %s", sql, sqlite3_errmsg(s->db->h));
		goto out;
	}
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		if ((v = sqlite3_column_text(st, 0)) != NULL)
			snprintf(buf, size, "%s", (const char *)v);
		break;
	case SQLITE_DONE:
		break;
	default:
		log_error("%s: %s", sql, sqlite3_errmsg(s->db->h));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/*
 * Settings of the SQLite library itself, before its first connection.
 * No bulk page cache: by default each connection's cache starts with one
 * allocation of 20 pages (87 KB), every one touched, whatever the
 * connection reads; with one UI process per member that was 45 to 60 KB
 * of memory per session for nothing (docs/PERFORMANCE.md). Pages are then
 * allocated one by one as they are read, which costs nothing measurable.
 * Too late (SQLITE_MISUSE) once the library is initialised: harmless.
 */
static void
store_global_config(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	(void)sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

static void
store_sqlite_release_memory(struct store *s)
{
	if (s != NULL && s->db != NULL)
		(void)sqlite3_db_release_memory(s->db->h);
}

static int
store_sqlite_cache_bytes(struct store *s)
{
	int cur = 0, high = 0;

	if (s == NULL || s->db == NULL || sqlite3_db_status(s->db->h,
	    SQLITE_DBSTATUS_CACHE_USED, &cur, &high, 0) != SQLITE_OK)
		return 0;
	return cur;
}

/* PRAGMA user_version, or -1 on error. */
static int
store_sqlite_schema_version(struct store *s)
{
	struct store_stmt *st;
	int v = -1;

	if ((st = store_prepare(s, "PRAGMA user_version")) == NULL)
		return -1;
	if (store_step(s, st) == STORE_STEP_ROW)
		v = store_column_int(st, 0);
	store_done(st);
	return v;
}

/* The only SQL text built at run time: a pragma takes no bound
 * parameter, and v comes from the compiled-in migration table. */
static int
store_sqlite_set_schema_version(struct store *s, int v, char **err)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
	return store_sqlite_exec(s, sql, err);
}

/* A no-op inside a transaction: the runner calls it around them, so
 * that a migration may rebuild a table. */
static int
store_sqlite_foreign_keys(struct store *s, int on)
{
	return store_sqlite_exec(s, on ? "PRAGMA foreign_keys = ON" :
	    "PRAGMA foreign_keys = OFF", NULL);
}

static int
store_sqlite_orphans(struct store *s, char **table)
{
	struct store_stmt *st;
	int rc = -1;

	*table = NULL;
	if ((st = store_prepare(s, "PRAGMA foreign_key_check")) == NULL)
		return -1;
	switch (store_step(s, st)) {
	case STORE_STEP_DONE:
		rc = 0;
		break;
	case STORE_STEP_ROW:
		*table = xstrdup(store_column_peek(st, 0));
		rc = 1;
		break;
	default:
		break;
	}
	store_done(st);
	return rc;
}

/* Apply the connection settings every store relies on. */
static int
store_configure(struct store *s, int memory, char **cause)
{
	char value[32], *err = NULL;
	sqlite3 *db = s->db->h;
	int rc = -1;

	sqlite3_extended_result_codes(db, 1);
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1,
	    NULL) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0,
	    NULL) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0,
	    NULL) != SQLITE_OK ||
	    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0,
	    NULL) != SQLITE_OK) {
		log_error("sqlite3_db_config: %s", sqlite3_errmsg(db));
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    s->path, sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, STORE_MAX_LENGTH);
	s->wait_ms = STORE_WAIT_DEFAULT;
	sqlite3_busy_timeout(db, s->wait_ms);

	if (store_sqlite_exec(s, "PRAGMA foreign_keys = ON;"
	    "PRAGMA trusted_schema = OFF;"
	    "PRAGMA synchronous = FULL;", &err) != 0)
		goto fail;
	/* A build without foreign keys would ignore the pragma silently. */
	if (store_pragma_text(s, "PRAGMA foreign_keys", value,
	    sizeof(value)) != 0)
		goto fail;
	if (strcmp(value, "1") != 0) {
		store_cause(cause, "impossible d'ouvrir la base « %s » : "
		    "cette version de SQLite ne gère pas les clés étrangères",
		    s->path);
		goto out;
	}
	if (!memory && (s->flags & STORE_READONLY) == 0) {
		if (store_pragma_text(s, "PRAGMA journal_mode = WAL", value,
		    sizeof(value)) != 0)
			goto fail;
		if (strcasecmp(value, "wal") != 0) {
			store_cause(cause, "impossible d'ouvrir la base « %s » "
			    ": le mode WAL est refusé (journal « %s »)",
			    s->path, value);
			goto out;
		}
		if (store_sqlite_exec(s, "PRAGMA journal_size_limit = "
		    STORE_JOURNAL_LIMIT, &err) != 0)
			goto fail;
	}
	rc = 0;
	goto out;
fail:
	store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
	    s->path, store_open_why(s, err != NULL ? err :
	    sqlite3_errmsg(db)));
out:
	free(err);
	return rc;
}

/* Open s->path as s->flags say, configured; 0, or -1 with *cause. */
static int
store_sqlite_open(struct store *s, char **cause)
{
	int oflags, rc, memory;

	memory = strcmp(s->path, ":memory:") == 0 || *s->path == '\0';
	if (s->flags & STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else if (s->flags & STORE_CREATE)
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	else
		oflags = SQLITE_OPEN_READWRITE;
	store_global_config();
	s->db = xcalloc(1, sizeof(*s->db));
	rc = sqlite3_open_v2(s->path, &s->db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		const char *msg = s->db->h != NULL ?
		    sqlite3_errmsg(s->db->h) : sqlite3_errstr(rc);

		log_error("%s: %s", s->path, msg);
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    s->path, store_open_why(s, msg));
		return -1;
	}
	return store_configure(s, memory, cause);
}

/* Finalize every cached statement: the next store_sqlite_prepare() of each SQL
 * text prepares it again. */
void
store_sqlite_forget(struct store *s)
{
	size_t i;

	for (i = 0; i < s->db->nstmts; i++) {
		sqlite3_finalize(s->db->stmts[i]->h);
		free(s->db->stmts[i]);
	}
	s->db->nstmts = 0;
}

/* Close the connection (no transaction open) and free the cache. */
static void
store_sqlite_close(struct store *s)
{
	if (s->db == NULL)
		return;
	if (s->db->h != NULL) {
		store_sqlite_forget(s);
		if (sqlite3_close(s->db->h) != SQLITE_OK) {
			log_error("sqlite3_close: %s",
			    sqlite3_errmsg(s->db->h));
			sqlite3_close_v2(s->db->h);
		}
	}
	free(s->db->stmts);
	free(s->db);
	s->db = NULL;
}

sqlite3 *
store_sqlite_handle(struct store *s)
{
	return s->db->h;
}

static int
store_sqlite_in_tx(struct store *s)
{
	return s->db != NULL && s->db->h != NULL &&
	    !sqlite3_get_autocommit(s->db->h);
}

/* The cached statement for this static SQL text, prepared on first use. */
static struct store_stmt *
store_sqlite_prepare(struct store *s, const char *sql)
{
	struct store_db *db = s->db;
	struct store_sqlite_stmt *st;
	sqlite3_stmt *h;
	size_t i;

	for (i = 0; i < db->nstmts; i++) {
		if (db->stmts[i]->sql != sql)
			continue;
		st = db->stmts[i];
		if (sqlite3_stmt_busy(st->h)) {
			log_error("statement still in use: %.60s", sql);
			sqlite3_reset(st->h);
		}
		sqlite3_clear_bindings(st->h);
		return &st->base;
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &h, NULL) != SQLITE_OK) {
		log_error("%.60s: %s", sql, sqlite3_errmsg(db->h));
		s->fault = STORE_FAULT_IO;	/* not an older cause */
		return NULL;
	}
	if (db->nstmts == db->capstmts) {
		db->capstmts = db->capstmts == 0 ? 32 : db->capstmts * 2;
		db->stmts = xreallocarray(db->stmts, db->capstmts,
		    sizeof(*db->stmts));
	}
	st = xmalloc(sizeof(*st));
	st->base.eng = &store_engine_sqlite;
	st->sql = sql;
	st->h = h;
	db->stmts[db->nstmts++] = st;
	return &st->base;
}

/* Virtual-machine steps of the statements done, for store_vm_steps(). */
static uint64_t store_steps;

uint64_t
store_vm_steps(void)
{
	return store_steps;
}

/* Reset a cached statement and drop its bindings (NULL is a no-op). */
static void
store_sqlite_done(struct store_stmt *st)
{
	if (st == NULL)
		return;
	store_steps += (uint64_t)sqlite3_stmt_status(SQ(st)->h,
	    SQLITE_STMTSTATUS_VM_STEP, 1);
	sqlite3_reset(SQ(st)->h);
	sqlite3_clear_bindings(SQ(st)->h);
}

/* Step: STORE_STEP_ROW, _DONE, _DUP (unique violation), or -1 (logged,
 * its cause kept for store_fault()). */
static int
store_sqlite_step(struct store *s, struct store_stmt *st)
{
	int r = sqlite3_step(SQ(st)->h);

	switch (r) {
	case SQLITE_ROW:
		return STORE_STEP_ROW;
	case SQLITE_DONE:
		return STORE_STEP_DONE;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return STORE_STEP_DUP;
	}
	switch (r & 0xff) {
	case SQLITE_FULL:
		s->fault = STORE_FAULT_FULL;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		s->fault = STORE_FAULT_BUSY;
		break;
	case SQLITE_READONLY:
		s->fault = STORE_FAULT_READONLY;
		break;
	default:
		s->fault = STORE_FAULT_IO;
		break;
	}
	log_error("%.60s: %s", SQ(st)->sql, sqlite3_errmsg(s->db->h));
	return -1;
}

static int
store_sqlite_wait(struct store *s, int ms)
{
	int was = s->wait_ms;

	s->wait_ms = ms;
	sqlite3_busy_timeout(s->db->h, ms);
	return was;
}

/* Bind a string (NULL binds SQL NULL); 0 or -1 (logged). */
static int
store_sqlite_bind_text(struct store *s, struct store_stmt *st, int i,
    const char *v)
{
	int r;

	if (v == NULL)
		r = sqlite3_bind_null(SQ(st)->h, i);
	else
		r = sqlite3_bind_text(SQ(st)->h, i, v, -1, SQLITE_TRANSIENT);
	if (r == SQLITE_OK)
		return 0;
	log_error("bind %d of %.60s: %s", i, SQ(st)->sql,
	    sqlite3_errmsg(s->db->h));
	return -1;
}

/* Bind an integer; 0 or -1 (logged). */
static int
store_sqlite_bind_int64(struct store *s, struct store_stmt *st, int i,
    int64_t v)
{
	if (sqlite3_bind_int64(SQ(st)->h, i, v) == SQLITE_OK)
		return 0;
	log_error("bind %d of %.60s: %s", i, SQ(st)->sql,
	    sqlite3_errmsg(s->db->h));
	return -1;
}

static int
store_sqlite_bind_count(struct store_stmt *st)
{
	return sqlite3_bind_parameter_count(SQ(st)->h);
}

static int64_t
store_sqlite_column_int64(struct store_stmt *st, int i)
{
	return sqlite3_column_int64(SQ(st)->h, i);
}

static const char *
store_sqlite_column_peek(struct store_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(SQ(st)->h, i);
}

static int
store_sqlite_column_null(struct store_stmt *st, int i)
{
	return sqlite3_column_type(SQ(st)->h, i) == SQLITE_NULL;
}

static int
store_sqlite_column_isint(struct store_stmt *st, int i)
{
	return sqlite3_column_type(SQ(st)->h, i) == SQLITE_INTEGER;
}

static int
store_sqlite_column_count(struct store_stmt *st)
{
	return sqlite3_column_count(SQ(st)->h);
}

static const char *
store_sqlite_column_name(struct store_stmt *st, int i)
{
	return sqlite3_column_name(SQ(st)->h, i);
}

static int
store_sqlite_column_bytes(struct store_stmt *st, int i)
{
	return sqlite3_column_bytes(SQ(st)->h, i);
}

static int
store_sqlite_changes(struct store *s)
{
	return sqlite3_changes(s->db->h);
}

static int64_t
store_sqlite_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(s->db->h);
}

static const char *
store_sqlite_errmsg(struct store *s)
{
	return sqlite3_errmsg(s->db->h);
}

/* SQL name(text): fn(arg, text), or text itself when fn gives NULL. */
static void
store_sqlfn_call(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store_sqlfn *f = sqlite3_user_data(ctx);
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	char *r;

	(void)argc;
	if (v == NULL || (r = f->fn(f->arg, v)) == NULL) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	sqlite3_result_text(ctx, r, -1, free);
}

static int
store_sqlite_function(struct store *s, const char *name,
    char *(*fn)(void *, const char *), void *arg)
{
	struct store_sqlfn *f;

	if (fn == NULL)
		return sqlite3_create_function(s->db->h, name, 1,
		    SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL, NULL,
		    NULL) == SQLITE_OK ? 0 : -1;
	f = xmalloc(sizeof(*f));
	f->fn = fn;
	f->arg = arg;
	/* SQLite frees f when the function goes, even on failure. */
	if (sqlite3_create_function_v2(s->db->h, name, 1, SQLITE_UTF8 |
	    SQLITE_DIRECTONLY, f, store_sqlfn_call, NULL, NULL,
	    free) != SQLITE_OK) {
		log_error("%s: %s", name, sqlite3_errmsg(s->db->h));
		return -1;
	}
	return 0;
}

/*
 * The first bytes of column of table's row id (key is its rowid), at
 * most max, read as a blob: only the first pages of a long text's overflow chain are
 * touched, where substr() would load all of it. A new buffer of *len
 * bytes plus a NUL ("" when the row is missing); it may end inside a
 * character.
 */
static char *
store_sqlite_text_head(struct store *s, const char *table,
    const char *key, const char *column, int64_t id, int max, int *len)
{
	sqlite3_blob *blob;
	char *body;
	int n;

	if (sqlite3_blob_open(s->db->h, "main", table, column, id, 0,
	    &blob) != SQLITE_OK) {
		sqlite3_blob_close(blob);
		*len = 0;
		return xstrdup("");
	}
	n = sqlite3_blob_bytes(blob);
	if (n > max)
		n = max;
	body = xmalloc((size_t)n + 1);
	if (sqlite3_blob_read(blob, body, n, 0) != SQLITE_OK)
		n = 0;
	sqlite3_blob_close(blob);
	body[n] = '\0';
	*len = n;
	return body;
}
