/*
 * unit_store.h - the one in-memory store set-up of the unit tests: a
 * fresh, migrated store on ":memory:" or in a file, or the test stops
 * there (nothing after it could run without one); a member; the viewer
 * the store's reads take.
 */
#ifndef PALABRE_UNIT_STORE_H
#define PALABRE_UNIT_STORE_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_board.h"
#include "store/store_private.h"
#include "util/util.h"

/*
 * With PALABRE_TEST_DSN set (make test-pg: a database of the private
 * cluster, tests/pg/cluster.sh), a fresh PostgreSQL schema of that
 * database instead, made the connection's only one through libpq's
 * options: the store's whole schema is built in it by store_open() as
 * on ":memory:". The name, made once per call, or NULL without it.
 */
static inline char *
unit_pg_dsn(void)
{
	static int n;
	const char *dsn = getenv("PALABRE_TEST_DSN");
	struct store *s;
	char *cause = NULL, *sql, *fresh, name[48];

	if (dsn == NULL || *dsn == '\0')
		return NULL;
	snprintf(name, sizeof(name), "t%ld_%d", (long)getpid(), ++n);
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(dsn);
	xasprintf(&sql, "CREATE SCHEMA %s", name);
	if (store_db_open(s, &cause) != 0 || store_exec(s, sql, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", sql, cause);
		exit(1);
	}
	free(sql);
	store_db_close(s);
	free(s->path);
	free(s);
	xasprintf(&fresh, "%s%coptions=-csearch_path%%3D%s", dsn,
	    strchr(dsn, '?') != NULL ? '&' : '?', name);
	return fresh;
}

static inline struct store *
unit_mem_store(void)
{
	struct store *s;
	char *cause = NULL, *pg = unit_pg_dsn();

	s = store_open(pg != NULL ? pg : ":memory:", STORE_CREATE |
	    STORE_MIGRATE, &cause);
	free(pg);
	if (s == NULL) {
		fprintf(stderr, "store_open: %s\n", cause);
		free(cause);
		exit(1);
	}
	return s;
}

/*
 * A fresh, migrated store in a file of a new temporary folder (tag names
 * it), and a second, plain SQLite connection to it for what the store's
 * API does not do (rows of test data, counts): *dir and *db to free, the
 * folder to remove with unit_rmtree(), *raw to close.
 */
static inline struct store *
unit_file_store(const char *tag, char **dir, char **db, sqlite3 **raw)
{
	struct store *s;
	char *cause = NULL;

	xasprintf(dir, "/tmp/palabre-test-%s-XXXXXX", tag);
	if (mkdtemp(*dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	xasprintf(db, "%s/palabre.db", *dir);
	if ((s = store_open(*db, STORE_CREATE | STORE_MIGRATE, &cause)) ==
	    NULL) {
		fprintf(stderr, "store_open: %s\n", cause);
		exit(1);
	}
	if (sqlite3_open(*db, raw) != SQLITE_OK)
		exit(1);
	sqlite3_busy_timeout(*raw, 5000);
	return s;
}

/* An active member of that role, or the test stops there; its id. */
static inline int64_t
unit_member_add(struct store *s, const char *login, const char *name,
    int role)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.organisation = (char *)"CCAS";
	m.role = role;
	m.status = STATUS_ACTIF;
	if (store_member_insert(s, &m) != 0)
		exit(1);
	return m.id;
}

/* Who asks, for the store's functions that take a viewer. */
static inline struct store_viewer
unit_viewer(int64_t id, const char *login, int role)
{
	struct store_viewer v;

	memset(&v, 0, sizeof(v));
	v.member_id = id;
	v.login = login;
	v.role = role;
	return v;
}

/* A board's, a thread's, a post's unread count as the viewer sees it,
 * or -1 when it cannot be read. */
static inline int64_t
unit_board_unread(struct store *s, const struct store_viewer *v, int64_t id)
{
	struct store_board b;
	int64_t n;

	if (store_board_get(s, v, id, &b) != 0)
		return -1;
	n = b.unread;
	store_board_clear(&b);
	return n;
}

static inline int64_t
unit_thread_unread(struct store *s, const struct store_viewer *v, int64_t id)
{
	struct store_thread t;
	int64_t n;

	if (store_thread_get(s, v, id, &t) != 0)
		return -1;
	n = t.unread;
	store_thread_clear(&t);
	return n;
}

static inline int
unit_post_unread(struct store *s, const struct store_viewer *v, int64_t id)
{
	struct store_post p;
	int n;

	if (store_post_get(s, v, id, &p) != 0)
		return -1;
	n = p.unread;
	store_post_clear(&p);
	return n;
}

/* A store result against the code wanted, both named when they differ
 * (tests name codes, never their numbers). */
#define CHECK_RC(got, want) do {					\
	int g_ = (got), w_ = (want);					\
	if (g_ == w_) {							\
		unit_passed++;						\
	} else {							\
		unit_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s: %s == %s, want %s\n",	\
		    __FILE__, __LINE__, unit_current, #got,		\
		    store_rc_name(g_), store_rc_name(w_));		\
	}								\
} while (0)

#endif
