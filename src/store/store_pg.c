/*
 * store_pg.c - the store's PostgreSQL engine (libpq), behind the engine
 * API of store_private.h: a connection given as a postgresql:// URI
 * (built with PG=1 only; issue 19, not yet the whole store).
 *
 * The store's SQL is written for SQLite; what this engine changes on the
 * way, and nothing else:
 * - ?N becomes $N outside literals, quoted names and comments;
 * - a parameter's type is what was bound (int8, text; NULL unknown), so
 *   a statement is prepared lazily on the server once per signature of
 *   bound types ("p12" for ints then text...), each cached;
 * - a statement runs at its first step and all its rows come back then;
 * - inside a transaction each statement runs under a savepoint, so that
 *   a failed one (a duplicate the caller expects) leaves the transaction
 *   usable, as SQLite's statement rollback does;
 * - « BEGIN IMMEDIATE » (one writer at a time) becomes BEGIN and a
 *   transaction-level advisory lock every writer takes, waited for at
 *   most lock_timeout (store_wait), readers never blocked;
 * - errors map to the store's faults by SQLSTATE: unique violation to
 *   STORE_STEP_DUP, serialization failure, deadlock and lock timeout to
 *   STORE_FAULT_BUSY, disk full, read-only transaction.
 * No C function is callable from SQL here (store_function fails): what
 * palabre_scrub does must move to C first (docs/POSTGRESQL.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "store/migrations.h"
#include "store/store_engine.h"
#include "store/store_private.h"
#include "util/util.h"

#define PG_INT8OID	20
#define PG_INT2OID	21
#define PG_INT4OID	23
#define PG_TEXTOID	25
#define PG_WRITE_LOCK	19	/* the advisory lock of BEGIN IMMEDIATE */
#define PG_PARAMS_MAX	99	/* ?1 to ?99 */

/* A server-side statement: one per signature of bound types. */
struct store_pg_plan {
	char	*sig;		/* 'i' int8, 't' text, 'n' NULL per param */
	char	 name[16];
};

struct store_pg_stmt {
	struct store_stmt	 base;		/* first: the engine */
	const char		*sql;		/* static text: the cache key */
	char			*text;		/* translated: $N, no IMMEDIATE */
	int			 control;	/* BEGIN/COMMIT/ROLLBACK */
	int			 nparams;
	char			**values;	/* bound, NULL for SQL NULL */
	char			*sig;		/* nparams types + NUL */
	struct store_pg_plan	*plans;
	size_t			 nplans;
	PGresult		*res;		/* rows of the first step */
	int			 row;		/* the current row, -1 before */
};
#define PGST(st)	((struct store_pg_stmt *)(st))

struct store_db {
	PGconn			 *conn;
	struct store_pg_stmt	**stmts;	/* prepared-statement cache */
	size_t			  nstmts;
	size_t			  capstmts;
	int			  nplans;	/* names handed out */
	int			  changes;	/* of the last command */
	char			  err[256];	/* of the last failure */
};

static void	 store_pg_notice(void *, const char *);
static void	 store_pg_fail(struct store *, const PGresult *);
static int	 store_pg_simple(struct store *, const char *);
static int	 store_pg_sp_end(struct store *, int);
static size_t	 store_pg_word(const char *);
static char	*store_pg_translate(const char *, int *);
static const char *store_pg_plan(struct store *, struct store_pg_stmt *);
static int	 store_pg_open(struct store *, char **);
static void	 store_pg_close(struct store *);
static int	 store_pg_in_tx(struct store *);
static int	 store_pg_exec(struct store *, const char *, char **);
static const char *store_pg_errmsg(struct store *);
static int	 store_pg_changes(struct store *);
static int64_t	 store_pg_last_id(struct store *);
static int	 store_pg_function(struct store *, const char *,
		    char *(*)(void *, const char *), void *);
static char	*store_pg_text_head(struct store *, const char *,
		    const char *, const char *, int64_t, int, int *);
static int	 store_pg_wait(struct store *, int);
static void	 store_pg_release_memory(struct store *);
static int	 store_pg_cache_bytes(struct store *);
static int64_t	 store_pg_int(struct store *, const char *);
static int	 store_pg_schema_version(struct store *);
static int	 store_pg_set_schema_version(struct store *, int, char **);
static int	 store_pg_foreign_keys(struct store *, int);
static int	 store_pg_orphans(struct store *, char **);
static struct store_stmt *store_pg_prepare(struct store *, const char *);
static void	 store_pg_done(struct store_stmt *);
static int	 store_pg_step(struct store *, struct store_stmt *);
static int	 store_pg_bind_text(struct store *, struct store_stmt *, int,
		    const char *);
static int	 store_pg_bind_int64(struct store *, struct store_stmt *, int,
		    int64_t);
static int	 store_pg_bind_count(struct store_stmt *);
static int64_t	 store_pg_column_int64(struct store_stmt *, int);
static const char *store_pg_column_peek(struct store_stmt *, int);
static int	 store_pg_column_bytes(struct store_stmt *, int);
static int	 store_pg_column_null(struct store_stmt *, int);
static int	 store_pg_column_isint(struct store_stmt *, int);
static int	 store_pg_column_count(struct store_stmt *);
static const char *store_pg_column_name(struct store_stmt *, int);

const struct store_engine store_engine_pg = {
	.name = "postgresql",
	.open = store_pg_open,
	.close = store_pg_close,
	.in_tx = store_pg_in_tx,
	.exec = store_pg_exec,
	.errmsg = store_pg_errmsg,
	.changes = store_pg_changes,
	.last_id = store_pg_last_id,
	.function = store_pg_function,
	.text_head = store_pg_text_head,
	.wait = store_pg_wait,
	.release_memory = store_pg_release_memory,
	.cache_bytes = store_pg_cache_bytes,
	.migrations = store_pg_migrations,
	.nmigrations = &store_pg_nmigrations,
	.schema_version = store_pg_schema_version,
	.set_schema_version = store_pg_set_schema_version,
	.foreign_keys = store_pg_foreign_keys,
	.orphans = store_pg_orphans,
	.prepare = store_pg_prepare,
	.done = store_pg_done,
	.step = store_pg_step,
	.bind_text = store_pg_bind_text,
	.bind_int64 = store_pg_bind_int64,
	.bind_count = store_pg_bind_count,
	.column_int64 = store_pg_column_int64,
	.column_peek = store_pg_column_peek,
	.column_bytes = store_pg_column_bytes,
	.column_null = store_pg_column_null,
	.column_isint = store_pg_column_isint,
	.column_count = store_pg_column_count,
	.column_name = store_pg_column_name,
};

/* The server's notices (« table does not exist, skipping »): not for
 * the log of a session. */
static void
store_pg_notice(void *arg, const char *msg)
{
}

/* Keep the failure's message (one line) and its fault; res may be NULL
 * (the connection's own message then). */
static void
store_pg_fail(struct store *s, const PGresult *res)
{
	const char *state = NULL, *msg = NULL;
	size_t n;

	if (res != NULL)
		msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	if (msg == NULL || *msg == '\0')
		msg = PQerrorMessage(s->db->conn);
	snprintf(s->db->err, sizeof(s->db->err), "%s", msg);
	s->db->err[strcspn(s->db->err, "\n")] = '\0';
	n = strlen(s->db->err);
	while (n > 0 && (s->db->err[n - 1] == '\n' ||
	    s->db->err[n - 1] == ' '))
		s->db->err[--n] = '\0';
	if (res != NULL)
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (state == NULL)
		s->fault = STORE_FAULT_IO;
	else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		s->fault = STORE_FAULT_BUSY;
	else if (strcmp(state, "53100") == 0)
		s->fault = STORE_FAULT_FULL;
	else if (strcmp(state, "25006") == 0)
		s->fault = STORE_FAULT_READONLY;
	else
		s->fault = STORE_FAULT_IO;
}

/* Static SQL through the simple protocol; 0, or -1 (kept, not logged). */
static int
store_pg_simple(struct store *s, const char *sql)
{
	PGresult *res;
	int rc = -1;

	res = PQexec(s->db->conn, sql);
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
		rc = 0;
		break;
	default:
		store_pg_fail(s, res);
		break;
	}
	PQclear(res);
	return rc;
}

/*
 * SQLite's functions that PostgreSQL has under another name, with the
 * same arguments and the same results (NULL in, NULL out; positions in
 * characters from 1, 0 when absent): renamed on the way, as ?N is.
 * Those without a twin are defined in db/pg/'s baseline instead.
 */
static const struct {
	const char	*sqlite;
	const char	*pg;
} store_pg_renames[] = {
	{ "instr", "strpos" },	/* instr(text, part) */
	{ "char", "chr" },	/* char(code): one code point only */
};

/* The length of the identifier at p (letters, digits, _). */
static size_t
store_pg_word(const char *p)
{
	size_t n = 0;

	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' &&
	    p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '_')
		n++;
	return n;
}

/*
 * sql with each ?N (or a bare ?, numbered after the highest so far) as
 * $N, the functions of store_pg_renames called by their PostgreSQL
 * name, and « LIMIT ?N » taking a negative N as no limit, as SQLite
 * does, except inside '...' and "..." and comments; *nparams the
 * highest N. A new string, or NULL for a number past PG_PARAMS_MAX.
 */
static char *
store_pg_translate(const char *sql, int *nparams)
{
	struct buf b;
	const char *p = sql, *end;
	char quote;
	long n;
	size_t len, i;
	int max = 0;

	buf_init(&b);
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			quote = *p;
			end = p + 1;
			while (*end != '\0' && *end != quote)
				end++;
			if (*end == quote)
				end++;		/* '' is two literals in a row */
			buf_add(&b, p, (size_t)(end - p));
			p = end;
		} else if (p[0] == '-' && p[1] == '-') {
			end = p + strcspn(p, "\n");
			buf_add(&b, p, (size_t)(end - p));
			p = end;
		} else if (p[0] == '/' && p[1] == '*') {
			end = strstr(p + 2, "*/");
			end = end != NULL ? end + 2 : p + strlen(p);
			buf_add(&b, p, (size_t)(end - p));
			p = end;
		} else if (*p == '?') {
			p++;
			if (*p >= '0' && *p <= '9') {
				n = strtol(p, (char **)&end, 10);
				p = end;
			} else
				n = max + 1;
			if (n < 1 || n > PG_PARAMS_MAX) {
				buf_free(&b);
				return NULL;
			}
			if (n > max)
				max = (int)n;
			buf_printf(&b, "$%ld", n);
		} else if ((len = store_pg_word(p)) > 0) {
			for (i = 0; i < nitems(store_pg_renames); i++)
				if (strlen(store_pg_renames[i].sqlite) == len &&
				    strncasecmp(p, store_pg_renames[i].sqlite,
				    len) == 0 && p[len] == '(')
					break;
			if (i < nitems(store_pg_renames))
				buf_adds(&b, store_pg_renames[i].pg);
			else
				buf_add(&b, p, len);
			p += len;
			/* SQLite's LIMIT -1 (or any negative) is none at
			 * all; PostgreSQL's none is LIMIT NULL. */
			if (len == 5 && strncasecmp(p - 5, "LIMIT", 5) == 0 &&
			    p[0] == ' ' && p[1] == '?' && p[2] >= '1' &&
			    p[2] <= '9') {
				n = strtol(p + 2, (char **)&end, 10);
				if (n > PG_PARAMS_MAX) {
					buf_free(&b);
					return NULL;
				}
				if (n > max)
					max = (int)n;
				buf_printf(&b, " CASE WHEN $%ld < 0 THEN NULL "
				    "ELSE $%ld END", n, n);
				p = end;
			}
		} else
			buf_add(&b, p++, 1);
	}
	buf_add(&b, "", 1);
	*nparams = max;
	return buf_detach(&b);
}

static int
store_pg_open(struct store *s, char **cause)
{
	char set[64];

	s->db = xcalloc(1, sizeof(*s->db));
	s->db->conn = PQconnectdb(s->path);
	if (s->db->conn == NULL || PQstatus(s->db->conn) != CONNECTION_OK) {
		store_pg_fail(s, NULL);
		log_error("%s", s->db->err);
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    s->path, s->db->err);
		return -1;
	}
	PQsetNoticeProcessor(s->db->conn, store_pg_notice, NULL);
	s->wait_ms = STORE_WAIT_DEFAULT;
	snprintf(set, sizeof(set), "SET lock_timeout = %d", s->wait_ms);
	if (PQsetClientEncoding(s->db->conn, "UTF8") != 0 ||
	    store_pg_simple(s, set) != 0 ||
	    store_pg_simple(s, "SET synchronous_commit = on") != 0 ||
	    ((s->flags & STORE_READONLY) && store_pg_simple(s,
	    "SET default_transaction_read_only = on") != 0)) {
		store_cause(cause, "impossible d'ouvrir la base « %s » : %s",
		    s->path, s->db->err);
		return -1;
	}
	return 0;
}

static void
store_pg_close(struct store *s)
{
	struct store_pg_stmt *st;
	size_t i, j;

	if (s->db == NULL)
		return;
	for (i = 0; i < s->db->nstmts; i++) {
		st = s->db->stmts[i];
		store_pg_done(&st->base);
		for (j = 0; j < st->nplans; j++)
			free(st->plans[j].sig);
		free(st->plans);
		free(st->values);
		free(st->sig);
		free(st->text);
		free(st);
	}
	free(s->db->stmts);
	PQfinish(s->db->conn);
	free(s->db);
	s->db = NULL;
}

static int
store_pg_in_tx(struct store *s)
{
	return s->db != NULL && s->db->conn != NULL &&
	    PQtransactionStatus(s->db->conn) != PQTRANS_IDLE;
}

/*
 * End the savepoint a statement inside a transaction ran under: kept if
 * ok, else undone, so that the transaction stays usable. 0, or -1 (the
 * transaction is then failed: a COMMIT refuses it).
 */
static int
store_pg_sp_end(struct store *s, int ok)
{
	return store_pg_simple(s, ok ? "RELEASE SAVEPOINT store_stmt" :
	    "ROLLBACK TO SAVEPOINT store_stmt; RELEASE SAVEPOINT store_stmt");
}

/* Inside a transaction under a savepoint, as a step (store_pg_step). */
static int
store_pg_exec(struct store *s, const char *sql, char **errmsg)
{
	int sp, rc;

	sp = store_pg_in_tx(s);
	if (sp && store_pg_simple(s, "SAVEPOINT store_stmt") != 0)
		goto fail;
	rc = store_pg_simple(s, sql);
	if (sp && store_pg_sp_end(s, rc == 0) != 0)
		rc = -1;
	if (rc == 0)
		return 0;
fail:
	log_error("%.60s: %s", sql, s->db->err);
	if (errmsg != NULL)
		*errmsg = xstrdup(s->db->err);
	return -1;
}

static const char *
store_pg_errmsg(struct store *s)
{
	return s->db->err[0] != '\0' ? s->db->err :
	    PQerrorMessage(s->db->conn);
}

static int
store_pg_changes(struct store *s)
{
	return s->db->changes;
}

/* The value the session's last INSERT drew from a sequence (an identity
 * column's): lastval(), 0 when none was drawn. */
static int64_t
store_pg_last_id(struct store *s)
{
	PGresult *res;
	int64_t id = 0;

	res = PQexec(s->db->conn, "SELECT lastval()");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return id;
}

static int
store_pg_function(struct store *s, const char *name,
    char *(*fn)(void *, const char *), void *arg)
{
	if (fn == NULL)
		return 0;
	snprintf(s->db->err, sizeof(s->db->err), "%s : fonction SQL "
	    "indisponible sur PostgreSQL", name);
	log_error("%s", s->db->err);
	return -1;
}

/* left() counts characters: at most max of them, then max bytes kept. */
static char *
store_pg_text_head(struct store *s, const char *table, const char *key,
    const char *column, int64_t id, int max, int *len)
{
	PGresult *res;
	char *sql, *body, idt[24], maxt[16];
	const char *values[2] = { idt, maxt };
	size_t n;

	*len = 0;
	snprintf(idt, sizeof(idt), "%lld", (long long)id);
	snprintf(maxt, sizeof(maxt), "%d", max);
	/* Names from the store's own code, never from a member. */
	xasprintf(&sql, "SELECT left(\"%s\", $2::int) FROM \"%s\" "
	    "WHERE \"%s\" = $1::int8", column, table, key);
	res = PQexecParams(s->db->conn, sql, 2, NULL, values, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 ||
	    PQgetisnull(res, 0, 0)) {
		PQclear(res);
		return xstrdup("");
	}
	n = (size_t)PQgetlength(res, 0, 0);
	if (n > (size_t)max)
		n = (size_t)max;
	body = xstrndup(PQgetvalue(res, 0, 0), n);
	PQclear(res);
	*len = (int)n;
	return body;
}

static int
store_pg_wait(struct store *s, int ms)
{
	char set[64];
	int was = s->wait_ms;

	s->wait_ms = ms;
	snprintf(set, sizeof(set), "SET lock_timeout = %d", ms);
	if (store_pg_simple(s, set) != 0)
		log_error("%s: %s", set, s->db->err);
	return was;
}

static void
store_pg_release_memory(struct store *s)
{
}

static int
store_pg_cache_bytes(struct store *s)
{
	return 0;
}

/* One integer of static SQL, or -1 (kept). */
static int64_t
store_pg_int(struct store *s, const char *sql)
{
	PGresult *res;
	int64_t v = -1;

	res = PQexec(s->db->conn, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	else
		store_pg_fail(s, res);
	PQclear(res);
	return v;
}

/* The schema_version table's, 0 while it does not exist (an empty
 * database: the baseline creates it). */
static int
store_pg_schema_version(struct store *s)
{
	int64_t has;

	if ((has = store_pg_int(s, "SELECT count(*) FROM pg_catalog.pg_class "
	    "WHERE oid = to_regclass('schema_version')")) <= 0)
		return (int)has;
	return (int)store_pg_int(s, "SELECT coalesce(max(version), 0) FROM "
	    "schema_version");
}

/* -1, with the server's last message in *err (if err). */
static int
store_pg_err(struct store *s, char **err)
{
	if (err != NULL)
		*err = xstrdup(store_errmsg(s));
	return -1;
}

/* Inside the migration's transaction: v is the compiled-in table's. */
static int
store_pg_set_schema_version(struct store *s, int v, char **err)
{
	static const char ins[] = "INSERT INTO schema_version (version) "
	    "VALUES (?1)";
	struct store_stmt *st;

	if (store_pg_exec(s, "DELETE FROM schema_version", err) != 0)
		return -1;
	if ((st = store_prepare(s, ins)) != NULL) {
		if (store_bind_int64(s, st, 1, v) == 0)
			return store_run(s, st) == 0 ? 0 : store_pg_err(s, err);
		store_done(st);
	}
	return store_pg_err(s, err);
}

/* PostgreSQL checks every reference at each statement, migrations'
 * too: nothing to turn off, nothing left to look for afterwards. */
static int
store_pg_foreign_keys(struct store *s, int on)
{
	return 0;
}

static int
store_pg_orphans(struct store *s, char **table)
{
	*table = NULL;
	return 0;
}

/* The cached statement for this static SQL text; translated on first
 * use, prepared on the server at its first step. */
static struct store_stmt *
store_pg_prepare(struct store *s, const char *sql)
{
	struct store_db *db = s->db;
	struct store_pg_stmt *st;
	size_t i;

	for (i = 0; i < db->nstmts; i++) {
		if (db->stmts[i]->sql != sql)
			continue;
		st = db->stmts[i];
		if (st->res != NULL) {
			log_error("statement still in use: %.60s", sql);
			store_pg_done(&st->base);
		}
		return &st->base;
	}
	st = xcalloc(1, sizeof(*st));
	st->base.eng = &store_engine_pg;
	st->sql = sql;
	st->row = -1;
	if (strcmp(sql, "BEGIN IMMEDIATE") == 0) {
		xasprintf(&st->text, "BEGIN; SELECT pg_advisory_xact_lock(%d)",
		    PG_WRITE_LOCK);
		st->control = 1;
	} else if (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") ==
	    0 || strcmp(sql, "BEGIN") == 0) {
		st->text = xstrdup(sql);
		st->control = 1;
	} else if ((st->text = store_pg_translate(sql, &st->nparams)) ==
	    NULL) {
		log_error("%.60s: more than %d parameters", sql,
		    PG_PARAMS_MAX);
		s->fault = STORE_FAULT_IO;
		free(st);
		return NULL;
	}
	st->values = xcalloc((size_t)st->nparams + 1, sizeof(*st->values));
	st->sig = xcalloc((size_t)st->nparams + 1, 1);
	memset(st->sig, 'n', (size_t)st->nparams);
	if (db->nstmts == db->capstmts) {
		db->capstmts = db->capstmts == 0 ? 32 : db->capstmts * 2;
		db->stmts = xreallocarray(db->stmts, db->capstmts,
		    sizeof(*db->stmts));
	}
	db->stmts[db->nstmts++] = st;
	return &st->base;
}

/* Forget the rows and the bindings (NULL is a no-op). */
static void
store_pg_done(struct store_stmt *base)
{
	struct store_pg_stmt *st = PGST(base);
	int i;

	if (st == NULL)
		return;
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	for (i = 0; i < st->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->sig[i] = 'n';
	}
}

/* The server-side statement for the bound types, prepared if new; its
 * name, or NULL (kept). */
static const char *
store_pg_plan(struct store *s, struct store_pg_stmt *st)
{
	struct store_pg_plan *p;
	PGresult *res;
	const char *state;
	unsigned int types[PG_PARAMS_MAX];
	size_t i;
	int j;

	for (i = 0; i < st->nplans; i++)
		if (strcmp(st->plans[i].sig, st->sig) == 0)
			return st->plans[i].name;
	for (j = 0; j < st->nparams; j++)
		types[j] = st->sig[j] == 'i' ? PG_INT8OID :
		    st->sig[j] == 't' ? PG_TEXTOID : 0;
	st->plans = xreallocarray(st->plans, st->nplans + 1,
	    sizeof(*st->plans));
	p = &st->plans[st->nplans];
	snprintf(p->name, sizeof(p->name), "p%d", ++s->db->nplans);
	res = PQprepare(s->db->conn, p->name, st->text, st->nparams, types);
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && state != NULL &&
	    (strcmp(state, "42P18") == 0 || strcmp(state, "42P08") == 0)) {
		/*
		 * A NULL whose place gives it no type (« ?1 IS NULL »; 42P08
		 * when a later place would, « ?1 IS NULL OR code = ?1 »):
		 * text, as good as any for a value that is none. Where the
		 * place does give one, the NULL keeps it (unknown above).
		 */
		PQclear(res);
		if (PQtransactionStatus(s->db->conn) == PQTRANS_INERROR &&
		    store_pg_simple(s, "ROLLBACK TO SAVEPOINT store_stmt") !=
		    0)
			return NULL;
		for (j = 0; j < st->nparams; j++)
			if (types[j] == 0)
				types[j] = PG_TEXTOID;
		res = PQprepare(s->db->conn, p->name, st->text, st->nparams,
		    types);
	}
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		store_pg_fail(s, res);
		PQclear(res);
		return NULL;
	}
	PQclear(res);
	p->sig = xstrdup(st->sig);
	st->nplans++;
	return p->name;
}

/*
 * The first step runs the statement (under a savepoint inside a
 * transaction) and keeps every row; each step then moves to the next.
 */
static int
store_pg_step(struct store *s, struct store_stmt *base)
{
	struct store_pg_stmt *st = PGST(base);
	const char *name, *state;
	PGresult *res;
	int sp, rc;

	if (st->res != NULL) {
		if (++st->row < PQntuples(st->res))
			return STORE_STEP_ROW;
		return STORE_STEP_DONE;
	}
	s->db->err[0] = '\0';
	if (st->control) {
		/*
		 * A transaction's own statements: no savepoint, no plan. A
		 * COMMIT of a failed transaction is a ROLLBACK that the server
		 * reports as done: never let it pass for a commit.
		 */
		if (strcmp(st->sql, "COMMIT") == 0 &&
		    PQtransactionStatus(s->db->conn) == PQTRANS_INERROR) {
			snprintf(s->db->err, sizeof(s->db->err), "COMMIT of a "
			    "failed transaction");
			s->fault = STORE_FAULT_IO;
			log_error("%s", s->db->err);
			(void)store_pg_simple(s, "ROLLBACK");
			return -1;
		}
		if (store_pg_simple(s, st->text) != 0) {
			log_error("%.60s: %s", st->sql, s->db->err);
			if (strcmp(st->sql, "ROLLBACK") != 0 &&
			    store_pg_in_tx(s))
				(void)store_pg_simple(s, "ROLLBACK");
			return -1;
		}
		st->res = PQmakeEmptyPGresult(s->db->conn, PGRES_COMMAND_OK);
		return STORE_STEP_DONE;
	}
	sp = store_pg_in_tx(s);
	if (sp && store_pg_simple(s, "SAVEPOINT store_stmt") != 0) {
		log_error("%.60s: %s", st->sql, s->db->err);
		return -1;
	}
	rc = -1;
	if ((name = store_pg_plan(s, st)) == NULL)
		res = NULL;
	else
		res = PQexecPrepared(s->db->conn, name, st->nparams,
		    (const char *const *)st->values, NULL, NULL, 0);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		s->db->changes = atoi(PQcmdTuples(res));
		st->res = res;
		st->row = 0;
		rc = PQntuples(res) > 0 ? STORE_STEP_ROW : STORE_STEP_DONE;
		break;
	default:
		state = res != NULL ? PQresultErrorField(res,
		    PG_DIAG_SQLSTATE) : NULL;
		if (state != NULL && strcmp(state, "23505") == 0)
			rc = STORE_STEP_DUP;
		else {
			if (res != NULL)
				store_pg_fail(s, res);
			log_error("%.60s: %s", st->sql, s->db->err);
		}
		PQclear(res);
		break;
	}
	if (sp && store_pg_sp_end(s, rc >= 0 && rc != STORE_STEP_DUP) != 0) {
		log_error("%.60s: %s", st->sql, s->db->err);
		return -1;
	}
	return rc;
}

static int
store_pg_bind_text(struct store *s, struct store_stmt *base, int i,
    const char *v)
{
	struct store_pg_stmt *st = PGST(base);

	if (i < 1 || i > st->nparams) {
		snprintf(s->db->err, sizeof(s->db->err), "bind %d of %d", i,
		    st->nparams);
		log_error("bind %d of %.60s: out of range", i, st->sql);
		return -1;
	}
	free(st->values[i - 1]);
	st->values[i - 1] = v != NULL ? xstrdup(v) : NULL;
	st->sig[i - 1] = v != NULL ? 't' : 'n';
	return 0;
}

static int
store_pg_bind_int64(struct store *s, struct store_stmt *base, int i,
    int64_t v)
{
	struct store_pg_stmt *st = PGST(base);
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	if (store_pg_bind_text(s, base, i, buf) != 0)
		return -1;
	st->sig[i - 1] = 'i';
	return 0;
}

static int
store_pg_bind_count(struct store_stmt *st)
{
	return PGST(st)->nparams;
}

/* A column of the current row, NULL for SQL NULL or no row. */
static const char *
store_pg_column_peek(struct store_stmt *base, int i)
{
	struct store_pg_stmt *st = PGST(base);

	if (st->res == NULL || st->row < 0 || st->row >= PQntuples(st->res) ||
	    i < 0 || i >= PQnfields(st->res) ||
	    PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

/* As SQLite reads a value as an integer: its leading digits; a boolean
 * (what a comparison gives here) as 1 or 0. */
static int64_t
store_pg_column_int64(struct store_stmt *st, int i)
{
	const char *v = store_pg_column_peek(st, i);

	if (v == NULL)
		return 0;
	if (strcmp(v, "t") == 0)
		return 1;
	return strtoll(v, NULL, 10);
}

static int
store_pg_column_bytes(struct store_stmt *base, int i)
{
	struct store_pg_stmt *st = PGST(base);

	if (store_pg_column_peek(base, i) == NULL)
		return 0;
	return PQgetlength(st->res, st->row, i);
}

static int
store_pg_column_null(struct store_stmt *st, int i)
{
	return store_pg_column_peek(st, i) == NULL;
}

static int
store_pg_column_isint(struct store_stmt *base, int i)
{
	struct store_pg_stmt *st = PGST(base);
	unsigned int t;

	if (store_pg_column_peek(base, i) == NULL)
		return 0;
	t = PQftype(st->res, i);
	return t == PG_INT8OID || t == PG_INT4OID || t == PG_INT2OID;
}

static int
store_pg_column_count(struct store_stmt *base)
{
	struct store_pg_stmt *st = PGST(base);

	return st->res != NULL ? PQnfields(st->res) : 0;
}

static const char *
store_pg_column_name(struct store_stmt *base, int i)
{
	struct store_pg_stmt *st = PGST(base);

	return st->res != NULL ? PQfname(st->res, i) : NULL;
}
