/*
 * migrations.h - the numbered schema migrations db/NNNN_*.sql, built into
 * the binary by tools/embed-sql.sh (build/migrations.c). Internal to the
 * store.
 */
#ifndef PALABRE_STORE_MIGRATIONS_H
#define PALABRE_STORE_MIGRATIONS_H

struct store_migration {
	int		 version;	/* NNNN: PRAGMA user_version after it */
	const char	*name;		/* "0001_foundation" */
	const char	*sql;
};

extern const struct store_migration store_migrations[];
extern const int store_nmigrations;

#endif
