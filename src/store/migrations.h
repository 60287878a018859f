/*
 * migrations.h - the numbered schema migrations db/NNNN_*.sql, built into
 * the binary by tools/embed-sql.sh (build/migrations.c), and PostgreSQL's
 * db/pg/NNNN_*.sql (build/migrations_pg.c): a baseline, then a twin of
 * each later SQLite migration with the same number. Each engine runs its
 * own table (store_engine.h). Internal to the store.
 */
#ifndef PALABRE_STORE_MIGRATIONS_H
#define PALABRE_STORE_MIGRATIONS_H

struct store_migration {
	int		 version;	/* NNNN: the schema version after it */
	const char	*name;		/* "0001_foundation" */
	const char	*sql;
};

extern const struct store_migration store_migrations[];
extern const int store_nmigrations;
extern const struct store_migration store_pg_migrations[];
extern const int store_pg_nmigrations;

#endif
