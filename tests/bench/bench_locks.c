/*
 * bench_locks.c - what N idle SQLite connections cost the active ones
 * (issue 18: walkers among 10,000 idle sessions), SQLite only, no SSH.
 *
 *   cc -O2 tests/bench/bench_locks.c -lsqlite3 -o build/bench/bench_locks
 *   build/bench/bench_locks DIR N MODE [ACTIVE [SECONDS]]
 *   build/bench/bench_locks reopen DB
 *
 * In DIR (made empty by the caller) a WAL database with the store's
 * settings (synchronous=FULL, a 5 s busy timeout). N idle processes are
 * forked; with MODE « conn » each opens the database, reads one row
 * (as a UI does for its first screen) and keeps its connection open
 * while it waits; with MODE « none » each only waits (the same number
 * of processes, no connection: the control); MODE « closed » opens,
 * reads, then closes (an idle UI that gave its connection back). Then
 * ACTIVE (1) processes each loop for SECONDS (5): five read
 * transactions (one SELECT each) and one write transaction (BEGIN
 * IMMEDIATE, INSERT, COMMIT), timing each; then every process exits.
 * Prints the median and p99 of reads and writes in ms (wall clock),
 * how many writes met SQLITE_BUSY, and the -wal's size.
 *
 * « reopen » times what an idle UI pays at its next key once it has
 * closed its connection (store_suspend): 200 times, open DB (Palabre's
 * schema, made by « palabre admin db migrate »), the store's settings,
 * one query of a row (the schema parsed), close.
 *
 * Bounded: every child has alarm(SECONDS + 600) and exits when its pipe
 * to the parent closes; the parent reaps all of them. Not a test:
 * nothing passes or fails on speed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define READS	5	/* read transactions per write, as a walk */

struct lat {
	double	*v;
	size_t	 n, cap;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static sqlite3 *
db_open(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open(path, &db) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", path, sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_busy_timeout(db, 5000);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
	    NULL, NULL, NULL);
	return db;
}

static int
db_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static void
lat_add(struct lat *l, double v)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		if ((l->v = realloc(l->v, l->cap * sizeof(*l->v))) == NULL)
			exit(1);
	}
	l->v[l->n++] = v;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
lat_q(struct lat *l, double q)
{
	if (l->n == 0)
		return 0;
	qsort(l->v, l->n, sizeof(*l->v), cmp);
	return l->v[(size_t)(q * (l->n - 1))];
}

/* An idle process: maybe a connection, then wait for the parent. */
static void
idle(const char *path, const char *mode, int fd, int secs)
{
	sqlite3 *db = NULL;
	char c = 0;

	alarm(secs + 600);
	if (strcmp(mode, "none") != 0) {
		db = db_open(path);
		db_exec(db, "SELECT count(*) FROM t");
		if (strcmp(mode, "closed") == 0) {
			sqlite3_close(db);
			db = NULL;
		}
	}
	if (write(fd, &c, 1) != 1)
		_exit(1);
	while (read(fd, &c, 1) > 0)
		continue;
	_exit(0);
}

/* An active process: reads and writes for secs, latencies to out. */
static void
active(const char *path, int secs, const char *out)
{
	struct lat r = { 0 }, w = { 0 };
	sqlite3 *db = db_open(path);
	double end = now_ms() + secs * 1e3, t;
	int i, busy = 0;
	FILE *f;

	alarm(secs + 600);
	while (now_ms() < end) {
		for (i = 0; i < READS; i++) {
			t = now_ms();
			db_exec(db, "SELECT count(*) FROM t");
			lat_add(&r, now_ms() - t);
		}
		t = now_ms();
		if (db_exec(db, "BEGIN IMMEDIATE") != SQLITE_OK) {
			busy++;
			continue;
		}
		db_exec(db, "INSERT INTO t(x) VALUES (randomblob(200))");
		if (db_exec(db, "COMMIT") != SQLITE_OK) {
			busy++;
			db_exec(db, "ROLLBACK");
		}
		lat_add(&w, now_ms() - t);
	}
	sqlite3_close(db);
	if ((f = fopen(out, "w")) == NULL)
		_exit(1);
	fprintf(f, "%d %zu %zu\n", busy, r.n, w.n);
	fwrite(r.v, sizeof(double), r.n, f);
	fwrite(w.v, sizeof(double), w.n, f);
	fclose(f);
	_exit(0);
}

/* Open, configure as store_configure() does, read, close: 200 times. */
static int
reopen(const char *path)
{
	struct lat l = { 0 };
	sqlite3 *db;
	double t;
	int i;

	for (i = 0; i < 200; i++) {
		t = now_ms();
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
		    NULL) != SQLITE_OK)
			return 1;
		sqlite3_busy_timeout(db, 5000);
		db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema "
		    "= OFF; PRAGMA synchronous = FULL; PRAGMA foreign_keys; "
		    "PRAGMA journal_mode = WAL; PRAGMA journal_size_limit = "
		    "67108864; SELECT count(*) FROM member");
		lat_add(&l, now_ms() - t);
		sqlite3_close(db);
	}
	printf("reopen n=%zu median=%.3f p99=%.3f ms\n", l.n, lat_q(&l, 0.5),
	    lat_q(&l, 0.99));
	return 0;
}

int
main(int argc, char **argv)
{
	struct lat r = { 0 }, w = { 0 };
	char path[4000], out[4096];
	int n, nact, secs, i, sv[2], *fds, busy = 0, b;
	size_t nr, nw, k;
	const char *mode;
	struct stat sb;
	double v, t0;
	sqlite3 *db;
	pid_t *pids;
	FILE *f;
	char c;

	if (argc == 3 && strcmp(argv[1], "reopen") == 0)
		return reopen(argv[2]);
	if (argc < 4) {
		fprintf(stderr, "usage: bench_locks DIR N conn|none|closed "
		    "[ACTIVE [SECONDS]]\n       bench_locks reopen DB\n");
		return 2;
	}
	n = atoi(argv[2]);
	mode = argv[3];
	nact = argc > 4 ? atoi(argv[4]) : 1;
	secs = argc > 5 ? atoi(argv[5]) : 5;
	snprintf(path, sizeof(path), "%s/locks.db", argv[1]);
	db = db_open(path);
	db_exec(db, "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, "
	    "x BLOB)");
	sqlite3_close(db);

	if ((fds = calloc(n + 1, sizeof(*fds))) == NULL ||
	    (pids = calloc(n + nact + 1, sizeof(*pids))) == NULL)
		return 1;
	t0 = now_ms();
	for (i = 0; i < n; i++) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1) {
			perror("socketpair");
			n = i;
			break;
		}
		if ((pids[i] = fork()) == -1) {
			perror("fork");
			n = i;
			break;
		}
		if (pids[i] == 0) {
			close(sv[0]);
			idle(path, mode, sv[1], secs);
		}
		close(sv[1]);
		fds[i] = sv[0];
		/* One at a time: n idle processes racing would time out. */
		if (read(fds[i], &c, 1) != 1) {
			fprintf(stderr, "idle %d died\n", i);
			n = i + 1;
			break;
		}
	}
	fprintf(stderr, "%d idle (%s) in %.1f s\n", n, mode,
	    (now_ms() - t0) / 1e3);
	for (i = 0; i < nact; i++) {
		snprintf(out, sizeof(out), "%s/lat.%d", argv[1], i);
		if ((pids[n + i] = fork()) == 0)
			active(path, secs, out);
	}
	for (i = 0; i < nact; i++)
		waitpid(pids[n + i], NULL, 0);
	for (i = 0; i < nact; i++) {
		snprintf(out, sizeof(out), "%s/lat.%d", argv[1], i);
		if ((f = fopen(out, "r")) == NULL ||
		    fscanf(f, "%d %zu %zu\n", &b, &nr, &nw) != 3)
			continue;
		busy += b;
		for (k = 0; k < nr && fread(&v, sizeof(v), 1, f) == 1; k++)
			lat_add(&r, v);
		for (k = 0; k < nw && fread(&v, sizeof(v), 1, f) == 1; k++)
			lat_add(&w, v);
		fclose(f);
	}
	snprintf(out, sizeof(out), "%s-wal", path);
	if (stat(out, &sb) == -1)
		sb.st_size = 0;
	printf("idle=%d mode=%s active=%d read n=%zu median=%.3f p99=%.3f "
	    "write n=%zu median=%.3f p99=%.3f busy=%d wal=%lld\n", n, mode,
	    nact, r.n, lat_q(&r, 0.5), lat_q(&r, 0.99), w.n, lat_q(&w, 0.5),
	    lat_q(&w, 0.99), busy, (long long)sb.st_size);
	for (i = 0; i < n; i++)
		close(fds[i]);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	return 0;
}
