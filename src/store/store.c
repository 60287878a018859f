/*
 * store.c - the SQLite connection: opening with the pragmas we rely on,
 * schema migrations, integrity checks, transactions and the cache of
 * prepared statements the other store_*.c files draw from.
 *
 * Invariants: one connection per process, opened after any fork; every
 * connection runs with foreign keys on, synchronous=FULL, a 5 s busy
 * timeout (store_wait), DEFENSIVE and trusted_schema off, and (on a file) WAL. A store
 * handed out by store_open() is at exactly store_latest_version(): an
 * older schema is migrated (STORE_MIGRATE) or refused, a newer one always
 * refused. Writes that take more than one statement run between
 * store_begin() and store_commit(), which nest: only the outermost level
 * talks to SQLite (BEGIN IMMEDIATE / COMMIT), and a rollback at an inner
 * level dooms the whole transaction. The only SQL text built at run time
 * is "PRAGMA user_version = N", N coming from the compiled-in migration
 * table (a pragma takes no bound parameter).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/migrations.h"
#include "store/store_private.h"
#include "util/util.h"

#define STORE_MAX_LENGTH	(4 * 1024 * 1024) /* largest string or blob */
#define STORE_JOURNAL_LIMIT	"67108864"	/* -wal kept after checkpoint */

static void	 store_cause(char **, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 store_exec(struct store *, const char *, char **);
static int	 store_pragma_text(struct store *, const char *, char *,
		    size_t);
static int	 store_configure(struct store *, int, char **);
static const char *store_open_why(const struct store *, const char *);
static void	 store_global_config(void);
static int	 store_migrations_sane(char **);
static int	 store_migrate_one(struct store *,
		    const struct store_migration *, char **);

/* Set *cause (if wanted) to a new formatted message. */
static void
store_cause(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause == NULL)
		return;
	free(*cause);
	va_start(ap, fmt);
	xvasprintf(cause, fmt, ap);
	va_end(ap);
}

/* Run static SQL with sqlite3_exec; on error log it and copy the message. */
static int
store_exec(struct store *s, const char *sql, char **errmsg)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) == SQLITE_OK)
		return 0;
	log_error("%.60s: %s", sql, err != NULL ? err :
	    sqlite3_errmsg(s->db));
	if (errmsg != NULL)
		*errmsg = xstrdup(err != NULL ? err : sqlite3_errmsg(s->db));
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
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_error("%s: %s", sql, sqlite3_errmsg(s->db));
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
		log_error("%s: %s", sql, sqlite3_errmsg(s->db));
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

void
store_release_memory(struct store *s)
{
	if (s != NULL && s->db != NULL)
		(void)sqlite3_db_release_memory(s->db);
}

int
store_cache_bytes(struct store *s)
{
	int cur = 0, high = 0;

	if (s == NULL || s->db == NULL || sqlite3_db_status(s->db,
	    SQLITE_DBSTATUS_CACHE_USED, &cur, &high, 0) != SQLITE_OK)
		return 0;
	return cur;
}

/* Why the file could not be opened, in French when the system tells
 * (« dossier en lecture seule »), else SQLite's message. */
static const char *
store_open_why(const struct store *s, const char *sqlmsg)
{
	const char *why;

	if (strcmp(s->path, ":memory:") == 0 || s->path[0] == '\0')
		return sqlmsg;
	why = path_problem(s->path, ((s->flags & STORE_READONLY) ? 0 :
	    PATH_WRITE) | ((s->flags & STORE_CREATE) ? PATH_CREATE : 0));
	return why != NULL ? why : sqlmsg;
}

/* Apply the connection settings every store relies on. */
static int
store_configure(struct store *s, int memory, char **cause)
{
	char value[32], *err = NULL;
	int rc = -1;

	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1,
	    NULL) != SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0,
	    NULL) != SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DML, 0,
	    NULL) != SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DDL, 0,
	    NULL) != SQLITE_OK) {
		log_error("sqlite3_db_config: %s", sqlite3_errmsg(s->db));
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    s->path, sqlite3_errmsg(s->db));
		goto out;
	}
	sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, STORE_MAX_LENGTH);
	s->wait_ms = STORE_WAIT_DEFAULT;
	sqlite3_busy_timeout(s->db, s->wait_ms);

	if (store_exec(s, "PRAGMA foreign_keys = ON;"
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
		if (store_exec(s, "PRAGMA journal_size_limit = "
		    STORE_JOURNAL_LIMIT, &err) != 0)
			goto fail;
	}
	rc = 0;
	goto out;
fail:
	store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
	    s->path, store_open_why(s, err != NULL ? err :
	    sqlite3_errmsg(s->db)));
out:
	free(err);
	return rc;
}

/* Open the database and bring it to the schema this binary knows. */
struct store *
store_open(const char *path, int flags, char **cause)
{
	struct store *s;
	char *mcause = NULL;
	int oflags, rc, memory, version, latest;

	if (cause != NULL)
		*cause = NULL;
	if (path == NULL) {
		store_cause(cause, "impossible d'ouvrir la base : aucun "
		    "chemin donné");
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->flags = flags;
	memory = strcmp(path, ":memory:") == 0 || *path == '\0';

	if (flags & STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else if (flags & STORE_CREATE)
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	else
		oflags = SQLITE_OPEN_READWRITE;
	store_global_config();
	rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		const char *msg = s->db != NULL ? sqlite3_errmsg(s->db) :
		    sqlite3_errstr(rc);

		log_error("%s: %s", path, msg);
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    path, store_open_why(s, msg));
		goto fail;
	}
	if (store_configure(s, memory, cause) != 0)
		goto fail;

	if ((version = store_schema_version(s)) < 0) {
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    path, store_open_why(s, sqlite3_errmsg(s->db)));
		goto fail;
	}
	latest = store_latest_version();
	if (version > latest) {
		store_cause(cause, "la base « %s » est au schéma %d, plus "
		    "récent que celui que connaît ce programme (%d) : "
		    "installez une version plus récente de palabre", path,
		    version, latest);
		goto fail;
	}
	if (version < latest) {
		if ((flags & STORE_MIGRATE) == 0) {
			store_cause(cause, "la base « %s » est au schéma %d, "
			    "ce programme attend le schéma %d : lancez "
			    "« palabre admin db migrate »", path, version,
			    latest);
			goto fail;
		}
		if (store_migrate(s, &mcause) < 0) {
			store_cause(cause, "impossible de mettre à jour la "
			    "base « %s » : %s", path, mcause != NULL ?
			    mcause : "erreur inconnue");
			free(mcause);
			goto fail;
		}
	}
	return s;
fail:
	store_free(s);
	return NULL;
}

/* Close the connection: roll back what is open, finalize the cache. */
void
store_free(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->db != NULL) {
		if (!sqlite3_get_autocommit(s->db)) {
			log_warn("closing with a transaction open: rolled "
			    "back");
			s->depth = 1;
			s->failed = 0;
			store_rollback(s);
		}
		for (i = 0; i < s->nstmts; i++)
			sqlite3_finalize(s->stmts[i].stmt);
		if (sqlite3_close(s->db) != SQLITE_OK) {
			log_error("sqlite3_close: %s", sqlite3_errmsg(s->db));
			sqlite3_close_v2(s->db);
		}
	}
	store_notice_drop(s);
	free(s->notice_arg);
	free(s->stmts);
	free(s->path);
	free(s);
}

/*
 * Check the compiled-in migration table: versions strictly increasing
 * from 1. Numbers are handed out per feature before the branches meet,
 * so a build may lack one (0006 without 0004): a gap is allowed, a
 * repeat or a step back is not.
 */
static int
store_migrations_sane(char **cause)
{
	int i, prev = 0;

	for (i = 0; i < store_nmigrations; i++) {
		if (store_migrations[i].version <= prev) {
			store_cause(cause, "migrations incohérentes : « %s » "
			    "porte le numéro %d après le %d",
			    store_migrations[i].name,
			    store_migrations[i].version, prev);
			log_error("migration %s: version %d after %d",
			    store_migrations[i].name,
			    store_migrations[i].version, prev);
			return -1;
		}
		prev = store_migrations[i].version;
	}
	return 0;
}

/*
 * Apply one migration in its own BEGIN IMMEDIATE transaction. 0 applied,
 * 1 skipped (another process got there first), -1 error.
 */
static int
store_migrate_one(struct store *s, const struct store_migration *m,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	char sql[64], *err = NULL;
	int rc = -1, tx = 0, version;

	if (store_begin(s) != 0) {
		store_cause(cause, "migration %s : %s", m->name,
		    sqlite3_errmsg(s->db));
		goto out;
	}
	tx = 1;
	/* Read again under the write lock. */
	if ((version = store_schema_version(s)) < 0) {
		store_cause(cause, "migration %s : %s", m->name,
		    sqlite3_errmsg(s->db));
		goto out;
	}
	if (version >= m->version) {
		rc = 1;
		goto out;
	}
	if (store_exec(s, m->sql, &err) != 0) {
		store_cause(cause, "la migration %s a échoué : %s", m->name,
		    err);
		goto out;
	}
	if (sqlite3_get_autocommit(s->db)) {
		log_error("migration %s ended its own transaction", m->name);
		store_cause(cause, "la migration %s ne doit contenir ni BEGIN "
		    "ni COMMIT", m->name);
		tx = 0;
		s->depth = 0;
		goto out;
	}
	/* Foreign keys are off during migrations: check what we left. */
	if ((st = store_prepare(s, "PRAGMA foreign_key_check")) == NULL) {
		store_cause(cause, "migration %s : %s", m->name,
		    sqlite3_errmsg(s->db));
		goto out;
	}
	switch (store_step(s, st)) {
	case STORE_STEP_DONE:
		break;
	case STORE_STEP_ROW:
		store_cause(cause, "la migration %s laisse des références "
		    "orphelines dans la table « %s »", m->name,
		    (const char *)sqlite3_column_text(st, 0));
		goto out;
	default:
		store_cause(cause, "migration %s : %s", m->name,
		    sqlite3_errmsg(s->db));
		goto out;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", m->version);
	if (store_exec(s, sql, &err) != 0) {
		store_cause(cause, "migration %s : %s", m->name, err);
		goto out;
	}
	tx = 0;
	if (store_commit(s) != 0) {
		store_cause(cause, "migration %s : %s", m->name,
		    sqlite3_errmsg(s->db));
		goto out;
	}
	log_info("migration %s applied", m->name);
	rc = 0;
out:
	store_done(st);
	if (tx)
		store_rollback(s);
	free(err);
	return rc;
}

/* Apply pending migrations; returns how many were applied, or -1. */
int
store_migrate(struct store *s, char **cause)
{
	int applied = 0, version, i, r, fkoff = 0;

	if (cause != NULL)
		*cause = NULL;
	if (store_migrations_sane(cause) != 0)
		return -1;
	if (s->depth > 0 || !sqlite3_get_autocommit(s->db)) {
		store_cause(cause, "migration impossible au milieu d'une "
		    "transaction");
		return -1;
	}
	if ((version = store_schema_version(s)) < 0) {
		store_cause(cause, "%s", sqlite3_errmsg(s->db));
		return -1;
	}
	if (version > store_latest_version()) {
		store_cause(cause, "la base est au schéma %d, plus récent que "
		    "celui que connaît ce programme (%d)", version,
		    store_latest_version());
		return -1;
	}
	if (version == store_latest_version())
		return 0;

	/*
	 * Foreign keys off (a no-op inside a transaction, hence here) so a
	 * migration may rebuild a table; each one is checked before commit.
	 */
	if (store_exec(s, "PRAGMA foreign_keys = OFF", NULL) != 0) {
		store_cause(cause, "%s", sqlite3_errmsg(s->db));
		return -1;
	}
	fkoff = 1;
	for (i = 0; i < store_nmigrations; i++) {
		if (store_migrations[i].version <= version)
			continue;
		if ((r = store_migrate_one(s, &store_migrations[i],
		    cause)) < 0) {
			applied = -1;
			goto out;
		}
		if (r == 0)
			applied++;
	}
out:
	if (fkoff && store_exec(s, "PRAGMA foreign_keys = ON", NULL) != 0) {
		store_cause(cause, "impossible de réactiver les clés "
		    "étrangères : %s", sqlite3_errmsg(s->db));
		applied = -1;
	}
	return applied;
}

/* PRAGMA user_version, or -1 on error. */
int
store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;

	if ((st = store_prepare(s, "PRAGMA user_version")) == NULL)
		return -1;
	if (store_step(s, st) == STORE_STEP_ROW)
		v = sqlite3_column_int(st, 0);
	store_done(st);
	return v;
}

/* The newest schema built into this binary (0 if none). */
int
store_latest_version(void)
{
	if (store_nmigrations <= 0)
		return 0;
	return store_migrations[store_nmigrations - 1].version;
}

/* Integrity and foreign-key checks, problems listed in *report. */
int
store_check(struct store *s, char **report)
{
	sqlite3_stmt *st = NULL;
	struct buf b;
	const char *v, *table, *parent;
	int r, rc = -1, rows = 0;

	*report = NULL;
	buf_init(&b);

	if ((st = store_prepare(s, "PRAGMA integrity_check")) == NULL)
		goto out;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		v = (const char *)sqlite3_column_text(st, 0);
		rows++;
		if (v == NULL || strcmp(v, "ok") != 0)
			buf_printf(&b, "intégrité : %s\n", v != NULL ? v :
			    "?");
	}
	if (r != STORE_STEP_DONE)
		goto out;
	if (rows == 0)
		buf_adds(&b, "intégrité : aucun résultat\n");
	store_done(st);

	if ((st = store_prepare(s, "PRAGMA foreign_key_check")) == NULL)
		goto out;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		table = (const char *)sqlite3_column_text(st, 0);
		parent = (const char *)sqlite3_column_text(st, 2);
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			buf_printf(&b, "clé étrangère : une ligne de « %s » "
			    "désigne une ligne absente de « %s »\n",
			    table != NULL ? table : "?",
			    parent != NULL ? parent : "?");
		else
			buf_printf(&b, "clé étrangère : la ligne %lld de "
			    "« %s » désigne une ligne absente de « %s »\n",
			    (long long)sqlite3_column_int64(st, 1),
			    table != NULL ? table : "?",
			    parent != NULL ? parent : "?");
	}
	if (r != STORE_STEP_DONE)
		goto out;

	rc = 0;
	if (b.len != 0) {
		*report = buf_detach(&b);
		rc = 1;
	}
out:
	store_done(st);
	buf_free(&b);
	return rc;
}

/* Begin a write transaction (BEGIN IMMEDIATE), or one more nested level. */
int
store_begin(struct store *s)
{
	sqlite3_stmt *st;
	int r;

	if (s->depth > 0) {
		s->depth++;
		return 0;
	}
	if (!sqlite3_get_autocommit(s->db)) {
		log_error("a transaction is already open outside store_begin");
		return -1;
	}
	if ((st = store_prepare(s, "BEGIN IMMEDIATE")) == NULL)
		return -1;
	r = store_step(s, st);
	store_done(st);
	if (r != STORE_STEP_DONE)
		return -1;
	s->depth = 1;
	s->failed = 0;
	return 0;
}

/*
 * Commit one level; the outermost commits for real, then wakes the members
 * it told (store_notice.h). On failure the whole
 * transaction is rolled back (the caller must not roll back again) and -1
 * is returned; an inner level returns -1 if the transaction is doomed.
 */
int
store_commit(struct store *s)
{
	sqlite3_stmt *st;
	int r;

	if (s->depth <= 0) {
		log_error("commit without a transaction");
		return -1;
	}
	if (s->depth > 1) {
		s->depth--;
		return s->failed ? -1 : 0;
	}
	if (s->failed) {
		store_rollback(s);
		return -1;
	}
	if (sqlite3_get_autocommit(s->db)) {
		/* SQLite rolled back by itself (disk full, I/O error...). */
		log_error("transaction already rolled back by SQLite");
		s->depth = 0;
		store_notice_drop(s);
		return -1;
	}
	if ((st = store_prepare(s, "COMMIT")) == NULL) {
		store_rollback(s);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	if (r != STORE_STEP_DONE) {
		store_rollback(s);
		return -1;
	}
	s->depth = 0;
	store_notice_flush(s);
	return 0;
}

/* Roll back one level; the outermost rolls back for real. */
void
store_rollback(struct store *s)
{
	sqlite3_stmt *st;

	if (s->depth > 1) {
		s->depth--;
		s->failed = 1;
		return;
	}
	s->depth = 0;
	s->failed = 0;
	store_notice_drop(s);
	if (sqlite3_get_autocommit(s->db))
		return;
	if ((st = store_prepare(s, "ROLLBACK")) == NULL)
		return;
	store_step(s, st);
	store_done(st);
}

/* The cached statement for this static SQL text, prepared on first use. */
sqlite3_stmt *
store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql != sql)
			continue;
		st = s->stmts[i].stmt;
		if (sqlite3_stmt_busy(st)) {
			log_error("statement still in use: %.60s", sql);
			sqlite3_reset(st);
		}
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL) != SQLITE_OK) {
		log_error("%.60s: %s", sql, sqlite3_errmsg(s->db));
		s->fault = STORE_FAULT_IO;	/* not an older cause */
		return NULL;
	}
	if (s->nstmts == s->capstmts) {
		s->capstmts = s->capstmts == 0 ? 32 : s->capstmts * 2;
		s->stmts = xreallocarray(s->stmts, s->capstmts,
		    sizeof(*s->stmts));
	}
	s->stmts[s->nstmts].sql = sql;
	s->stmts[s->nstmts].stmt = st;
	s->nstmts++;
	return st;
}

sqlite3_stmt *
store_prepare_id(struct store *s, const char *sql, int64_t id)
{
	sqlite3_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return NULL;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return NULL;
	}
	return st;
}

/* Virtual-machine steps of the statements done, for store_vm_steps(). */
static uint64_t store_steps;

uint64_t
store_vm_steps(void)
{
	return store_steps;
}

/* Reset a cached statement and drop its bindings (NULL is a no-op). */
void
store_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	store_steps += (uint64_t)sqlite3_stmt_status(st,
	    SQLITE_STMTSTATUS_VM_STEP, 1);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

void
store_list_free(void *list, size_t n, size_t size, void (*clear)(void *))
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		clear((char *)list + i * size);
	free(list);
}

int
store_rows(struct store *s, sqlite3_stmt *st, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*clear)(void *),
    void **list, size_t *n)
{
	char *l = NULL;
	size_t count = 0, cap = 0, i;
	int r;

	*list = NULL;
	*n = 0;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		if (count == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			l = xreallocarray(l, cap, size);
		}
		memset(l + count * size, 0, size);
		row(st, l + count * size);
		count++;
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		for (i = 0; i < count; i++)
			clear(l + i * size);
		free(l);
		return -1;
	}
	*list = l;
	*n = count;
	return 0;
}

/* Step: STORE_STEP_ROW, _DONE, _DUP (unique violation), or -1 (logged,
 * its cause kept for store_fault()). */
int
store_step(struct store *s, sqlite3_stmt *st)
{
	int r = sqlite3_step(st);

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
	log_error("%.60s: %s", sqlite3_sql(st), sqlite3_errmsg(s->db));
	return -1;
}

int
store_wait(struct store *s, int ms)
{
	int was = s->wait_ms;

	s->wait_ms = ms;
	sqlite3_busy_timeout(s->db, ms);
	return was;
}

enum store_fault
store_fault(const struct store *s)
{
	return s->fault;
}

const char *
store_fault_label(enum store_fault f)
{
	switch (f) {
	case STORE_FAULT_FULL:
		return "disque plein";
	case STORE_FAULT_BUSY:
		return "base occupée";
	case STORE_FAULT_READONLY:
		return "base en lecture seule";
	case STORE_FAULT_NONE:
	case STORE_FAULT_IO:
		break;
	}
	return "erreur de la base";
}

/* Step a statement that returns no row we want, then reset it: 0, 1, -1. */
int
store_run(struct store *s, sqlite3_stmt *st)
{
	int r = store_step(s, st);

	store_done(st);
	switch (r) {
	case STORE_STEP_ROW:
	case STORE_STEP_DONE:
		return 0;
	case STORE_STEP_DUP:
		return 1;
	}
	return -1;
}

/* Bind a string (NULL binds SQL NULL); 0 or -1 (logged). */
int
store_bind_text(struct store *s, sqlite3_stmt *st, int i, const char *v)
{
	int r;

	if (v == NULL)
		r = sqlite3_bind_null(st, i);
	else
		r = sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	if (r == SQLITE_OK)
		return 0;
	log_error("bind %d of %.60s: %s", i, sqlite3_sql(st),
	    sqlite3_errmsg(s->db));
	return -1;
}

/* Bind an integer; 0 or -1 (logged). */
int
store_bind_int64(struct store *s, sqlite3_stmt *st, int i, int64_t v)
{
	if (sqlite3_bind_int64(st, i, v) == SQLITE_OK)
		return 0;
	log_error("bind %d of %.60s: %s", i, sqlite3_sql(st),
	    sqlite3_errmsg(s->db));
	return -1;
}

/* Bind a row id, 0 meaning none (SQL NULL); 0 or -1 (logged). */
int
store_bind_id(struct store *s, sqlite3_stmt *st, int i, int64_t id)
{
	int r;

	if (id == 0)
		r = sqlite3_bind_null(st, i);
	else
		r = sqlite3_bind_int64(st, i, id);
	if (r == SQLITE_OK)
		return 0;
	log_error("bind %d of %.60s: %s", i, sqlite3_sql(st),
	    sqlite3_errmsg(s->db));
	return -1;
}

/* A new copy of a text column, NULL for SQL NULL. */
char *
store_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	if (v == NULL)
		return NULL;
	return xstrndup((const char *)v, (size_t)sqlite3_column_bytes(st, i));
}

/* A new copy of a text column, "" for SQL NULL. */
char *
store_column_str(sqlite3_stmt *st, int i)
{
	char *v = store_column_text(st, i);

	return v != NULL ? v : xstrdup("");
}
