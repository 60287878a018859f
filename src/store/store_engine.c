/*
 * store_engine.c - the engine API of store_private.h, dispatched to the
 * connection's engine (store_sqlite.c, or store_pg.c in a build with
 * PG=1): a connection's engine is chosen once, at store_db_open(), from
 * its path (a postgresql:// or postgres:// URI is PostgreSQL's, anything
 * else an SQLite file); a statement carries its engine so that column
 * reads need no connection.
 */
#include <string.h>

#include "store/store_engine.h"
#include "store/store_private.h"
#include "util/util.h"

int
store_db_open(struct store *s, char **cause)
{
	s->eng = &store_engine_sqlite;
	if (strncmp(s->path, "postgresql://", 13) == 0 ||
	    strncmp(s->path, "postgres://", 11) == 0) {
#ifdef STORE_PG
		s->eng = &store_engine_pg;
#else
		store_cause(cause, "impossible d'ouvrir la base « %s » : ce "
		    "programme est construit sans PostgreSQL (make PG=1)",
		    s->path);
		s->eng = NULL;
		return -1;
#endif
	}
	return s->eng->open(s, cause);
}

void
store_db_close(struct store *s)
{
	if (s->eng != NULL)
		s->eng->close(s);
}

int
store_in_tx(struct store *s)
{
	return s->eng != NULL && s->eng->in_tx(s);
}

int
store_exec(struct store *s, const char *sql, char **errmsg)
{
	return s->eng->exec(s, sql, errmsg);
}

const char *
store_errmsg(struct store *s)
{
	return s->eng->errmsg(s);
}

int
store_changes(struct store *s)
{
	return s->eng->changes(s);
}

int64_t
store_last_id(struct store *s)
{
	return s->eng->last_id(s);
}

int
store_function(struct store *s, const char *name,
    char *(*fn)(void *, const char *), void *arg)
{
	return s->eng->function(s, name, fn, arg);
}

char *
store_text_head(struct store *s, const char *table, const char *key,
    const char *column, int64_t id, int max, int *len)
{
	return s->eng->text_head(s, table, key, column, id, max, len);
}

int
store_wait(struct store *s, int ms)
{
	return s->eng->wait(s, ms);
}

void
store_release_memory(struct store *s)
{
	if (s != NULL && s->eng != NULL)
		s->eng->release_memory(s);
}

int
store_cache_bytes(struct store *s)
{
	if (s == NULL || s->eng == NULL)
		return 0;
	return s->eng->cache_bytes(s);
}

/* The cached statement for this static SQL text, prepared on first use. */
struct store_stmt *
store_prepare(struct store *s, const char *sql)
{
	return s->eng->prepare(s, sql);
}

/* Reset a cached statement and drop its bindings (NULL is a no-op). */
void
store_done(struct store_stmt *st)
{
	if (st != NULL)
		st->eng->done(st);
}

/* Step: STORE_STEP_ROW, _DONE, _DUP (unique violation), or -1 (logged,
 * its cause kept for store_fault()). */
int
store_step(struct store *s, struct store_stmt *st)
{
	return st->eng->step(s, st);
}

/* Bind a string (NULL binds SQL NULL); 0 or -1 (logged). */
int
store_bind_text(struct store *s, struct store_stmt *st, int i,
    const char *v)
{
	return st->eng->bind_text(s, st, i, v);
}

/* Bind an integer; 0 or -1 (logged). */
int
store_bind_int64(struct store *s, struct store_stmt *st, int i, int64_t v)
{
	return st->eng->bind_int64(s, st, i, v);
}

int
store_bind_count(struct store_stmt *st)
{
	return st->eng->bind_count(st);
}

int64_t
store_column_int64(struct store_stmt *st, int i)
{
	return st->eng->column_int64(st, i);
}

int
store_column_int(struct store_stmt *st, int i)
{
	return (int)st->eng->column_int64(st, i);
}

const char *
store_column_peek(struct store_stmt *st, int i)
{
	return st->eng->column_peek(st, i);
}

int
store_column_null(struct store_stmt *st, int i)
{
	return st->eng->column_null(st, i);
}

int
store_column_isint(struct store_stmt *st, int i)
{
	return st->eng->column_isint(st, i);
}

int
store_column_count(struct store_stmt *st)
{
	return st->eng->column_count(st);
}

const char *
store_column_name(struct store_stmt *st, int i)
{
	return st->eng->column_name(st, i);
}

/* A new copy of a text column, NULL for SQL NULL. */
char *
store_column_text(struct store_stmt *st, int i)
{
	const char *v = st->eng->column_peek(st, i);

	if (v == NULL)
		return NULL;
	return xstrndup(v, (size_t)st->eng->column_bytes(st, i));
}
