/*
 * store_engine.h - what an engine of the store provides: the table of
 * its functions, behind the engine API of store_private.h (store_engine.c
 * dispatches each call through the connection's or the statement's
 * table). Seen only by the engines (store_sqlite.c, store_pg.c) and the
 * dispatcher.
 *
 * Every statement an engine hands out begins with a struct store_stmt,
 * so that a column read, which has no connection at hand, finds its
 * engine. The functions' contracts are those of store_private.h.
 */
#ifndef PALABRE_STORE_ENGINE_H
#define PALABRE_STORE_ENGINE_H

#include <stdint.h>

struct store;
struct store_migration;

struct store_stmt {
	const struct store_engine *eng;
};

struct store_engine {
	const char	*name;
	int		 (*open)(struct store *, char **);
	void		 (*close)(struct store *);
	int		 (*in_tx)(struct store *);
	int		 (*exec)(struct store *, const char *, char **);
	const char	*(*errmsg)(struct store *);
	int		 (*changes)(struct store *);
	int64_t		 (*last_id)(struct store *);
	int		 (*function)(struct store *, const char *,
			    char *(*)(void *, const char *), void *);
	char		*(*text_head)(struct store *, const char *,
			    const char *, const char *, int64_t, int, int *);
	int		 (*wait)(struct store *, int);
	void		 (*release_memory)(struct store *);
	int		 (*cache_bytes)(struct store *);

	/*
	 * The schema: its migrations (migrations.h), the version a database
	 * is at (0 when empty, -1 on error) and its writing inside the
	 * migration's transaction; foreign keys off (0) or on (1) around the
	 * migrations, and the first table a migration left with a dangling
	 * reference (*table set, 1), 0 if none, -1 on error.
	 */
	const struct store_migration *migrations;
	const int	*nmigrations;
	int		 (*schema_version)(struct store *);
	int		 (*set_schema_version)(struct store *, int, char **);
	int		 (*foreign_keys)(struct store *, int);
	int		 (*orphans)(struct store *, char **);

	struct store_stmt *(*prepare)(struct store *, const char *);
	void		 (*done)(struct store_stmt *);
	int		 (*step)(struct store *, struct store_stmt *);
	int		 (*bind_text)(struct store *, struct store_stmt *, int,
			    const char *);
	int		 (*bind_int64)(struct store *, struct store_stmt *, int,
			    int64_t);
	int		 (*bind_count)(struct store_stmt *);
	int64_t		 (*column_int64)(struct store_stmt *, int);
	const char	*(*column_peek)(struct store_stmt *, int);
	int		 (*column_bytes)(struct store_stmt *, int);
	int		 (*column_null)(struct store_stmt *, int);
	int		 (*column_isint)(struct store_stmt *, int);
	int		 (*column_count)(struct store_stmt *);
	const char	*(*column_name)(struct store_stmt *, int);
};

extern const struct store_engine store_engine_sqlite;
#ifdef STORE_PG
extern const struct store_engine store_engine_pg;
#endif

#endif /* PALABRE_STORE_ENGINE_H */
