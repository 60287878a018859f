/*
 * store.c - the store's connection above its engine (store_sqlite.c):
 * opening, schema migrations, integrity checks, transactions, and the
 * helpers the other store_*.c files share around the engine API.
 *
 * Invariants: one connection per process, opened after any fork, set up
 * by the engine (store_sqlite.c says with what). A store handed out by
 * store_open() is at exactly store_latest_version(): an older schema is
 * migrated (STORE_MIGRATE) or refused, a newer one always refused.
 * Writes that take more than one statement run between store_begin()
 * and store_commit(), which nest: only the outermost level talks to the
 * engine (BEGIN IMMEDIATE / COMMIT), and a rollback at an inner level
 * dooms the whole transaction. Each engine has its own migrations
 * (migrations.h) and keeps the version its own way (store_engine.h);
 * the runner here is the same for both.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/store_engine.h"
#include "store/store_private.h"
#include "util/util.h"

static int	 store_migrations_sane(const struct store_migration *, int,
		    char **);
static int	 store_engine_latest(const struct store *);
static int	 store_migrate_one(struct store *,
		    const struct store_migration *, char **);

/* Set *cause (if wanted) to a new formatted message. */
void
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

/* Why the file could not be opened, in French when the system tells
 * (« dossier en lecture seule »), else the engine's message. */
const char *
store_open_why(const struct store *s, const char *sqlmsg)
{
	const char *why;

	if (strcmp(s->path, ":memory:") == 0 || s->path[0] == '\0')
		return sqlmsg;
	why = path_problem(s->path, ((s->flags & STORE_READONLY) ? 0 :
	    PATH_WRITE) | ((s->flags & STORE_CREATE) ? PATH_CREATE : 0));
	return why != NULL ? why : sqlmsg;
}

/* Open the database and bring it to the schema this binary knows. */
struct store *
store_open(const char *path, int flags, char **cause)
{
	struct store *s;
	char *mcause = NULL;
	int version, latest;

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
	if (store_db_open(s, cause) != 0)
		goto fail;

	if ((version = store_schema_version(s)) < 0) {
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    path, store_open_why(s, store_errmsg(s)));
		goto fail;
	}
	latest = store_engine_latest(s);
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

/* Close the connection: roll back what is open, then the engine's. */
void
store_free(struct store *s)
{
	if (s == NULL)
		return;
	if (store_in_tx(s)) {
		log_warn("closing with a transaction open: rolled back");
		s->depth = 1;
		s->failed = 0;
		store_rollback(s);
	}
	store_db_close(s);
	store_notice_drop(s);
	free(s->notice_arg);
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
store_migrations_sane(const struct store_migration *m, int n, char **cause)
{
	int i, prev = 0;

	for (i = 0; i < n; i++) {
		if (m[i].version <= prev) {
			store_cause(cause, "migrations incohérentes : « %s » "
			    "porte le numéro %d après le %d", m[i].name,
			    m[i].version, prev);
			log_error("migration %s: version %d after %d",
			    m[i].name, m[i].version, prev);
			return -1;
		}
		prev = m[i].version;
	}
	return 0;
}

/* The newest schema of the connection's engine (0 if none). */
static int
store_engine_latest(const struct store *s)
{
	int n = *s->eng->nmigrations;

	return n > 0 ? s->eng->migrations[n - 1].version : 0;
}

/*
 * Apply one migration in its own BEGIN IMMEDIATE transaction. 0 applied,
 * 1 skipped (another process got there first), -1 error.
 */
static int
store_migrate_one(struct store *s, const struct store_migration *m,
    char **cause)
{
	char *err = NULL, *table = NULL;
	int rc = -1, tx = 0, version;

	if (store_begin(s) != 0) {
		store_cause(cause, "migration %s : %s", m->name,
		    store_errmsg(s));
		goto out;
	}
	tx = 1;
	/* Read again under the write lock. */
	if ((version = store_schema_version(s)) < 0) {
		store_cause(cause, "migration %s : %s", m->name,
		    store_errmsg(s));
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
	if (!store_in_tx(s)) {
		log_error("migration %s ended its own transaction", m->name);
		store_cause(cause, "la migration %s ne doit contenir ni BEGIN "
		    "ni COMMIT", m->name);
		tx = 0;
		s->depth = 0;
		goto out;
	}
	/* Foreign keys are off during migrations: check what we left. */
	switch (s->eng->orphans(s, &table)) {
	case 0:
		break;
	case 1:
		store_cause(cause, "la migration %s laisse des références "
		    "orphelines dans la table « %s »", m->name, table);
		goto out;
	default:
		store_cause(cause, "migration %s : %s", m->name,
		    store_errmsg(s));
		goto out;
	}
	if (s->eng->set_schema_version(s, m->version, &err) != 0) {
		store_cause(cause, "migration %s : %s", m->name, err);
		goto out;
	}
	tx = 0;
	if (store_commit(s) != 0) {
		store_cause(cause, "migration %s : %s", m->name,
		    store_errmsg(s));
		goto out;
	}
	log_info("migration %s applied", m->name);
	rc = 0;
out:
	if (tx)
		store_rollback(s);
	free(table);
	free(err);
	return rc;
}

/* Apply pending migrations; returns how many were applied, or -1. */
int
store_migrate(struct store *s, char **cause)
{
	const struct store_migration *m = s->eng->migrations;
	int applied = 0, version, i, r, fkoff = 0, n, latest;

	if (cause != NULL)
		*cause = NULL;
	n = *s->eng->nmigrations;
	if (store_migrations_sane(m, n, cause) != 0)
		return -1;
	if (s->depth > 0 || store_in_tx(s)) {
		store_cause(cause, "migration impossible au milieu d'une "
		    "transaction");
		return -1;
	}
	if ((version = store_schema_version(s)) < 0) {
		store_cause(cause, "%s", store_errmsg(s));
		return -1;
	}
	latest = store_engine_latest(s);
	if (version > latest) {
		store_cause(cause, "la base est au schéma %d, plus récent que "
		    "celui que connaît ce programme (%d)", version, latest);
		return -1;
	}
	if (version == latest)
		return 0;

	/*
	 * Foreign keys off (a no-op inside a transaction, hence here) so a
	 * migration may rebuild a table; each one is checked before commit.
	 */
	if (s->eng->foreign_keys(s, 0) != 0) {
		store_cause(cause, "%s", store_errmsg(s));
		return -1;
	}
	fkoff = 1;
	for (i = 0; i < n; i++) {
		if (m[i].version <= version)
			continue;
		if ((r = store_migrate_one(s, &m[i], cause)) < 0) {
			applied = -1;
			goto out;
		}
		if (r == 0)
			applied++;
	}
out:
	if (fkoff && s->eng->foreign_keys(s, 1) != 0) {
		store_cause(cause, "impossible de réactiver les clés "
		    "étrangères : %s", store_errmsg(s));
		applied = -1;
	}
	return applied;
}

/* The schema a database is at (0: empty), or -1 on error. */
int
store_schema_version(struct store *s)
{
	return s->eng->schema_version(s);
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
	struct store_stmt *st = NULL;
	struct buf b;
	const char *v, *table, *parent;
	int r, rc = -1, rows = 0;

	*report = NULL;
	buf_init(&b);

	if ((st = store_prepare(s, "PRAGMA integrity_check")) == NULL)
		goto out;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		v = store_column_peek(st, 0);
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
		table = store_column_peek(st, 0);
		parent = store_column_peek(st, 2);
		if (store_column_null(st, 1))
			buf_printf(&b, "clé étrangère : une ligne de « %s » "
			    "désigne une ligne absente de « %s »\n",
			    table != NULL ? table : "?",
			    parent != NULL ? parent : "?");
		else
			buf_printf(&b, "clé étrangère : la ligne %lld de "
			    "« %s » désigne une ligne absente de « %s »\n",
			    (long long)store_column_int64(st, 1),
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
	struct store_stmt *st;
	int r;

	if (s->depth > 0) {
		s->depth++;
		return 0;
	}
	if (store_in_tx(s)) {
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
	struct store_stmt *st;
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
	if (!store_in_tx(s)) {
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
	struct store_stmt *st;

	if (s->depth > 1) {
		s->depth--;
		s->failed = 1;
		return;
	}
	s->depth = 0;
	s->failed = 0;
	store_notice_drop(s);
	if (!store_in_tx(s))
		return;
	if ((st = store_prepare(s, "ROLLBACK")) == NULL)
		return;
	store_step(s, st);
	store_done(st);
}

struct store_stmt *
store_prepare_id(struct store *s, const char *sql, int64_t id)
{
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return NULL;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return NULL;
	}
	return st;
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
store_rows(struct store *s, struct store_stmt *st, size_t size,
    void (*row)(struct store_stmt *, void *), void (*clear)(void *),
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
store_run(struct store *s, struct store_stmt *st)
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

/* The id is read as a row, the same way on every engine (no engine's
 * « last insert id »); stepped to the end so the statement is done. */
int
store_insert(struct store *s, struct store_stmt *st, int64_t *id)
{
	int r;

	*id = 0;
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		*id = store_column_int64(st, 0);
		r = store_step(s, st);
	}
	store_done(st);
	switch (r) {
	case STORE_STEP_DONE:
		return 0;
	case STORE_STEP_DUP:
		return 1;
	}
	return -1;
}

/* Bind a row id, 0 meaning none (SQL NULL); 0 or -1 (logged). */
int
store_bind_id(struct store *s, struct store_stmt *st, int i, int64_t id)
{
	if (id == 0)
		return store_bind_text(s, st, i, NULL);
	return store_bind_int64(s, st, i, id);
}

/* A new copy of a text column, "" for SQL NULL. */
char *
store_column_str(struct store_stmt *st, int i)
{
	char *v = store_column_text(st, i);

	return v != NULL ? v : xstrdup("");
}
