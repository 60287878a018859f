/*
 * bench_boards.c - the boards' queries on a large database, for make
 * bench (tests/bench/run.sh makes the database with gen_boards).
 *
 *   build/bench/bench_boards [-u LOGIN] [-t SECONDS] [-o FILE.json] DB
 *   build/bench/bench_boards -m DB
 *
 * -m applies the migrations DB lacks and exits, printing how long they
 * took (tests/bench/boards.sh: the cached database follows a new
 * migration without being generated again).
 *
 * Times, as the member LOGIN (« demo » by default, whose read state
 * gen_boards made realistic), what a session does with the boards:
 *
 * - session start: store_open, store_member_by_login, store_board_list
 *   and store_unread_total, what a session runs before its first screen;
 *   "cold": after posix_fadvise(POSIX_FADV_DONTNEED) evicted the
 *   database from the OS cache (it is read from the disk again; no root
 *   needed, nothing else is evicted); "fresh": a new connection, OS cache
 *   warm (SQLite's own cache empty, as in every new session);
 * - then on one connection: the board list with unread counts, the
 *   unread total, the thread list of the largest board (first 100, 100
 *   from the middle by OFFSET and by keyset as the screen pages, the
 *   last 100 as « Fin » reads them, and all), the post tree of its
 *   longest thread, the next unread post, five searches,
 *   store_read_post and store_read_board (writes: each run marks other
 *   posts or another board, so DB is changed: run it on a copy);
 * - « Quoi de neuf » (store_news_list, issue 16) once a member follows
 *   20 things (the 8 busiest boards, 8 threads, 2 themes, a région, a
 *   member), since the 30 days a list covers, « Ma veille » and « tout
 *   le réseau »: for m05000, a member as most (about 80 threads
 *   followed because they wrote in them), and for LOGIN (demo wrote in
 *   8,548 threads, all followed).
 *
 * Each operation: its first call on the connection ("first", statements
 * not yet prepared), then repeated calls until 500 runs or SECONDS (2 by
 * default) have passed, at least 5: median, p95 (nearest rank) and max
 * in milliseconds. Also the database's size and the RSS after opening.
 * Figures only: not a test.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/util.h"

#define RUNS_MAX	500
#define RUNS_MIN	5

/* One operation's samples, in milliseconds. */
struct op {
	const char	*name;
	const char	*detail;	/* rows returned, or what it did */
	double		 first;
	double		*ms;
	size_t		 n;
};

struct bench {
	const char		*path;
	struct store		*s;
	struct store_viewer	 v;
	struct store_member	 me;
	const char		*login;
	double			 seconds;
	FILE			*json;
	int			 njson;
	int64_t			 big_board;	/* the most posts */
	int64_t			 big_thread;	/* its longest thread */
	size_t			 big_threads;
	struct store_thread	 mid;		/* its keys, before the middle */
	int64_t			 big_thread_posts;
	int64_t			*unread_posts;	/* for store_read_post */
	size_t			 nunread_posts;
	size_t			 next_unread_post;
};

static double	 now_ms(void);
static long	 rss_kb(void);
static long long file_size(const char *);
static void	 evict(const char *);
static int	 cmp_double(const void *, const void *);
static double	 pct(const double *, size_t, int);
static void	 report(struct bench *, struct op *);
static void	 op_add(struct op *, double);
static void	 session_start(struct bench *, int, double *);
static void	 bench_start(struct bench *);
static void	 find_targets(struct bench *);
static void	 bench_queries(struct bench *);
static void	 bench_search(struct bench *);
static void	 bench_writes(struct bench *);
static void	 bench_news(struct bench *);

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* VmRSS of this process, in KB. */
static long
rss_kb(void)
{
	FILE *f;
	char line[256];
	long kb = -1;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static long long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* Drop the file's pages from the OS cache (only this file's). */
static void
evict(const char *path)
{
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return;
	fdatasync(fd);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted v. */
static double
pct(const double *v, size_t n, int p)
{
	size_t k;

	if (n == 0)
		return 0;
	k = (n * (size_t)p + 99) / 100;
	return v[k == 0 ? 0 : k - 1];
}

static void
op_add(struct op *o, double ms)
{
	if (o->n % 64 == 0)
		o->ms = xreallocarray(o->ms, o->n + 64, sizeof(*o->ms));
	o->ms[o->n++] = ms;
}

/* Print one line (and one JSON member); frees the samples. */
static void
report(struct bench *b, struct op *o)
{
	double med = 0, p95 = 0, max = 0;

	if (o->n > 0) {
		qsort(o->ms, o->n, sizeof(*o->ms), cmp_double);
		med = pct(o->ms, o->n, 50);
		p95 = pct(o->ms, o->n, 95);
		max = o->ms[o->n - 1];
	}
	printf("%-28s %9.3f %9.3f %9.3f %9.3f %5zu  %s\n", o->name, o->first,
	    med, p95, max, o->n, o->detail != NULL ? o->detail : "");
	fflush(stdout);
	if (b->json != NULL)
		fprintf(b->json, "%s\n  \"%s\": {\"first\": %.4f, \"median\": "
		    "%.4f, \"p95\": %.4f, \"max\": %.4f, \"n\": %zu}",
		    b->njson++ ? "," : "", o->name, o->first, med, p95, max,
		    o->n);
	free(o->ms);
	o->ms = NULL;
	o->n = 0;
}

/*
 * What a session does before its first screen, on a new connection;
 * t[0..4] get open, member, board list, unread total and the whole, in
 * ms. Leaves b->s open when keep is set.
 */
static void
session_start(struct bench *b, int keep, double *t)
{
	struct store_board *list = NULL;
	struct store_member m;
	struct store_viewer v;
	char *cause = NULL;
	size_t n;
	int64_t total;
	double t0, t1;

	t0 = now_ms();
	if ((b->s = store_open(b->path, 0, &cause)) == NULL)
		fatal("store_open: %s", cause);
	t1 = now_ms();
	t[0] = t1 - t0;
	memset(&m, 0, sizeof(m));
	if (store_member_by_login(b->s, b->login, &m) != 0)
		fatal("no member %s", b->login);
	t[1] = now_ms() - t1;
	t1 = now_ms();
	memset(&v, 0, sizeof(v));
	v.member_id = m.id;
	v.login = b->login;
	v.role = (int)m.role;
	v.since = b->v.since;
	if (store_board_list(b->s, &v, &list, &n) != 0)
		fatal("store_board_list failed");
	t[2] = now_ms() - t1;
	t1 = now_ms();
	if (store_unread_total(b->s, &v, &total) != 0)
		fatal("store_unread_total failed");
	t[3] = now_ms() - t1;
	t[4] = now_ms() - t0;
	store_board_list_free(list, n);
	store_member_clear(&m);
	if (!keep) {
		store_free(b->s);
		b->s = NULL;
	}
}

static void
bench_start(struct bench *b)
{
	static const char *names[] = { "open", "member_by_login",
	    "board_list", "unread_total", "total" };
	struct op cold[5], fresh[5];
	char path[4096];
	double t[5], start;
	long before, after;
	size_t i, k;

	memset(cold, 0, sizeof(cold));
	memset(fresh, 0, sizeof(fresh));
	for (k = 0; k < 5; k++) {
		if (asprintf((char **)&cold[k].name, "start_cold.%s",
		    names[k]) == -1 || asprintf((char **)&fresh[k].name,
		    "start_fresh.%s", names[k]) == -1)
			fatal("asprintf");
	}
	/* Cold: the file read from the disk again, 5 times. */
	for (i = 0; i < 5; i++) {
		evict(b->path);
		snprintf(path, sizeof(path), "%s-wal", b->path);
		evict(path);
		session_start(b, 0, t);
		for (k = 0; k < 5; k++) {
			if (i == 0)
				cold[k].first = t[k];
			else
				op_add(&cold[k], t[k]);
		}
	}
	for (k = 0; k < 5; k++) {
		cold[k].detail = "page cache evicted first";
		report(b, &cold[k]);
	}
	/* Fresh connections, OS cache warm. */
	start = now_ms();
	for (i = 0; i < RUNS_MAX && (i < RUNS_MIN || now_ms() - start <
	    b->seconds * 1e3); i++) {
		session_start(b, 0, t);
		for (k = 0; k < 5; k++) {
			if (i == 0)
				fresh[k].first = t[k];
			else
				op_add(&fresh[k], t[k]);
		}
	}
	for (k = 0; k < 5; k++) {
		fresh[k].detail = "new connection, OS cache warm";
		report(b, &fresh[k]);
	}
	for (k = 0; k < 5; k++) {
		free((char *)cold[k].name);
		free((char *)fresh[k].name);
	}

	/* The connection the rest runs on, and what it costs in memory. */
	before = rss_kb();
	session_start(b, 1, t);
	after = rss_kb();
	printf("rss: %ld KB before store_open, %ld KB after it and the "
	    "first queries (+%ld KB)\n", before, after, after - before);
	if (b->json != NULL)
		fprintf(b->json, "%s\n  \"rss_kb\": {\"before\": %ld, "
		    "\"after\": %ld}", b->njson++ ? "," : "", before, after);
}

/* The largest board, its longest thread, unread posts to mark read. */
static void
find_targets(struct bench *b)
{
	struct store_board *boards = NULL;
	struct store_thread *threads = NULL;
	struct store_post *posts = NULL;
	size_t nb, nt, np, i, j;
	int64_t most = -1, board_posts = 0;

	if (store_board_list(b->s, &b->v, &boards, &nb) != 0)
		fatal("store_board_list failed");
	for (i = 0; i < nb; i++)
		if (boards[i].nposts > most) {
			most = boards[i].nposts;
			b->big_board = boards[i].id;
			board_posts = most;
		}
	if (store_thread_list(b->s, &b->v, b->big_board, 0, 0, &threads,
	    &nt) != 0)
		fatal("store_thread_list failed");
	b->big_threads = nt;
	if (nt >= 2) {
		b->mid.id = threads[nt / 2 - 1].id;
		b->mid.pinned = threads[nt / 2 - 1].pinned;
		b->mid.last_post_at = threads[nt / 2 - 1].last_post_at;
		b->mid.last_post_id = threads[nt / 2 - 1].last_post_id;
	}
	most = -1;
	for (i = 0; i < nt; i++)
		if (threads[i].nposts > most) {
			most = threads[i].nposts;
			b->big_thread = threads[i].id;
		}
	b->big_thread_posts = most;
	/* Unread posts of the board's most recent threads. */
	b->unread_posts = xcalloc(RUNS_MAX, sizeof(*b->unread_posts));
	for (i = 0; i < nt && b->nunread_posts < RUNS_MAX; i++) {
		if (threads[i].unread == 0)
			continue;
		if (store_post_tree(b->s, &b->v, threads[i].id, &posts,
		    &np) != 0)
			fatal("store_post_tree failed");
		for (j = 0; j < np && b->nunread_posts < RUNS_MAX; j++)
			if (posts[j].unread)
				b->unread_posts[b->nunread_posts++] =
				    posts[j].id;
		store_post_list_free(posts, np);
	}
	printf("targets: board %lld (%lld posts, %zu threads), thread %lld "
	    "(%lld posts), %zu unread posts found for store_read_post\n",
	    (long long)b->big_board, (long long)board_posts, nt,
	    (long long)b->big_thread, (long long)b->big_thread_posts,
	    b->nunread_posts);
	store_thread_list_free(threads, nt);
	store_board_list_free(boards, nb);
}

/* Run fn until RUNS_MAX runs or the time is up; first call apart. */
#define REPEAT(b, o, call) do {						\
	double _t0, _start;						\
	size_t _i;							\
									\
	_start = now_ms();						\
	for (_i = 0; _i < RUNS_MAX && (_i < RUNS_MIN ||			\
	    now_ms() - _start < (b)->seconds * 1e3); _i++) {		\
		_t0 = now_ms();						\
		call;							\
		if (_i == 0)						\
			(o)->first = now_ms() - _t0;			\
		else							\
			op_add((o), now_ms() - _t0);			\
	}								\
} while (0)

static void
bench_queries(struct bench *b)
{
	struct store_board *boards = NULL;
	struct store_thread *threads = NULL;
	struct store_post *posts = NULL;
	struct op o;
	char detail[200];
	size_t n = 0;
	int64_t total = 0, post_id = 0;
	int rc = 0;

	memset(&o, 0, sizeof(o));
	o.name = "board_list";
	REPEAT(b, &o, {
		if (store_board_list(b->s, &b->v, &boards, &n) != 0)
			fatal("store_board_list failed");
		store_board_list_free(boards, n);
	});
	snprintf(detail, sizeof(detail), "%zu boards with unread counts", n);
	o.detail = detail;
	report(b, &o);

	o.name = "unread_total";
	REPEAT(b, &o, {
		if (store_unread_total(b->s, &b->v, &total) != 0)
			fatal("store_unread_total failed");
	});
	snprintf(detail, sizeof(detail), "%lld unread", (long long)total);
	report(b, &o);

	o.name = "thread_list.first100";
	REPEAT(b, &o, {
		if (store_thread_list(b->s, &b->v, b->big_board, 0, 100,
		    &threads, &n) != 0)
			fatal("store_thread_list failed");
		store_thread_list_free(threads, n);
	});
	snprintf(detail, sizeof(detail), "%zu threads of the largest board",
	    n);
	report(b, &o);

	o.name = "thread_list.page50";
	REPEAT(b, &o, {
		if (store_thread_list(b->s, &b->v, b->big_board,
		    b->big_threads / 2, 100, &threads, &n) != 0)
			fatal("store_thread_list failed");
		store_thread_list_free(threads, n);
	});
	snprintf(detail, sizeof(detail), "%zu threads from offset %zu", n,
	    b->big_threads / 2);
	report(b, &o);

	/* The same page as the threads screen reads it (keyset). */
	o.name = "thread_list.page50.keyset";
	REPEAT(b, &o, {
		if (store_thread_list_after(b->s, &b->v, b->big_board,
		    b->big_threads >= 2 ? &b->mid : NULL, 100, &threads,
		    &n) != 0)
			fatal("store_thread_list_after failed");
		store_thread_list_free(threads, n);
	});
	snprintf(detail, sizeof(detail), "%zu threads after thread %zu", n,
	    b->big_threads / 2);
	report(b, &o);

	/* « Fin » as the threads screen reads it: the last page alone. */
	o.name = "thread_list.end";
	REPEAT(b, &o, {
		if (store_thread_list_before(b->s, &b->v, b->big_board, NULL,
		    100, &threads, &n) != 0)
			fatal("store_thread_list_before failed");
		store_thread_list_free(threads, n);
	});
	snprintf(detail, sizeof(detail), "the last %zu threads (« Fin »)",
	    n);
	report(b, &o);

	o.name = "thread_list.all";
	REPEAT(b, &o, {
		if (store_thread_list(b->s, &b->v, b->big_board, 0, 0,
		    &threads, &n) != 0)
			fatal("store_thread_list failed");
		store_thread_list_free(threads, n);
	});
	snprintf(detail, sizeof(detail), "%zu threads", n);
	report(b, &o);

	o.name = "post_tree";
	REPEAT(b, &o, {
		if (store_post_tree(b->s, &b->v, b->big_thread, &posts,
		    &n) != 0)
			fatal("store_post_tree failed");
		store_post_list_free(posts, n);
	});
	snprintf(detail, sizeof(detail), "%zu posts (the longest thread)",
	    n);
	report(b, &o);

	o.name = "next_unread.start";
	REPEAT(b, &o, {
		if ((rc = store_next_unread(b->s, &b->v, 0, 0,
		    &post_id)) == -1)
			fatal("store_next_unread failed");
	});
	snprintf(detail, sizeof(detail), "from the first board: %s %lld",
	    rc == 0 ? "post" : "nothing", (long long)post_id);
	report(b, &o);

	o.name = "next_unread.big_thread";
	REPEAT(b, &o, {
		if ((rc = store_next_unread(b->s, &b->v, b->big_board,
		    b->big_thread, &post_id)) == -1)
			fatal("store_next_unread failed");
	});
	snprintf(detail, sizeof(detail), "from the longest thread: %s %lld",
	    rc == 0 ? "post" : "nothing", (long long)post_id);
	report(b, &o);
}

static void
bench_search(struct bench *b)
{
	static const struct {
		const char	*name;
		const char	*query;
	} q[] = {
		{ "search.common", "logement" },
		{ "search.rare", "apatridie" },
		{ "search.two_words", "titre séjour" },
		{ "search.no_accent", "integration" },
		{ "search.prefix", "domicil*" },
	};
	struct store_hit *hits = NULL;
	struct op o;
	char detail[200];
	size_t i, n = 0;

	memset(&o, 0, sizeof(o));
	for (i = 0; i < nitems(q); i++) {
		o.name = q[i].name;
		REPEAT(b, &o, {
			if (store_search(b->s, &b->v, q[i].query, 50, &hits,
			    &n) == -1)
				fatal("store_search failed");
			store_hit_list_free(hits, n);
		});
		snprintf(detail, sizeof(detail), "« %s »: %zu hits (at most "
		    "50)", q[i].query, n);
		o.detail = detail;
		report(b, &o);
	}
}

static void
bench_writes(struct bench *b)
{
	struct store_board *boards = NULL;
	struct op o;
	char detail[200];
	size_t nb, i, k;
	int64_t unread = 0;
	double t0;
	int rc;

	memset(&o, 0, sizeof(o));
	o.name = "read_post";
	REPEAT(b, &o, {
		if (b->next_unread_post >= b->nunread_posts)
			break;
		rc = store_read_post(b->s, &b->v,
		    b->unread_posts[b->next_unread_post++]);
		if (rc == -1)
			fatal("store_read_post failed");
	});
	snprintf(detail, sizeof(detail), "a different unread post each "
	    "time (one transaction each)");
	o.detail = detail;
	report(b, &o);

	/* Each board once, from the most unread down: it is read after. */
	if (store_board_list(b->s, &b->v, &boards, &nb) != 0)
		fatal("store_board_list failed");
	o.name = "read_board";
	for (k = 0; k < 20; k++) {
		size_t best = nb;

		for (i = 0; i < nb; i++)
			if (boards[i].unread > 0 && (best == nb ||
			    boards[i].unread > boards[best].unread))
				best = i;
		if (best == nb)
			break;
		t0 = now_ms();
		if (store_read_board(b->s, &b->v, boards[best].id) != 0)
			fatal("store_read_board failed");
		if (k == 0) {
			o.first = now_ms() - t0;
			unread = boards[best].unread;
			snprintf(detail, sizeof(detail), "first: %lld unread "
			    "in %lld threads; then the next 19 boards by "
			    "unread", (long long)unread,
			    (long long)boards[best].nthreads);
		} else
			op_add(&o, now_ms() - t0);
		boards[best].unread = 0;
	}
	report(b, &o);
	store_board_list_free(boards, nb);
}

/* « Quoi de neuf » for member `who` once they follow 20 things more. */
static void
bench_news_for(struct bench *b, const char *who)
{
	struct store_board *boards = NULL;
	struct store_thread *threads = NULL;
	struct store_news_item *l = NULL;
	struct store_follow *fl = NULL;
	struct store_member m, me;
	struct store_viewer v;
	struct op o;
	char detail[200], name[64];
	size_t nb = 0, nt = 0, n = 0, nf = 0, i, k, best;
	int64_t since, nfollow = 0, nauto = 0;

	memset(&me, 0, sizeof(me));
	if (store_member_by_login(b->s, who, &me) != 0)
		fatal("no member %s", who);
	memset(&v, 0, sizeof(v));
	v.member_id = me.id;
	v.login = me.login;
	v.role = (int)me.role;
	if (store_follow_list(b->s, me.id, &fl, &nf) != 0)
		fatal("store_follow_list failed");
	for (i = 0; i < nf; i++)
		nauto += fl[i].automatic;
	store_follow_list_free(fl, nf);
	if (store_board_list(b->s, &v, &boards, &nb) != 0)
		fatal("store_board_list failed");
	for (k = 0; k < 8 && k < nb; k++) {
		for (best = nb, i = 0; i < nb; i++)
			if (boards[i].nposts >= 0 && (best == nb ||
			    boards[i].nposts > boards[best].nposts))
				best = i;
		if (store_follow_set(b->s, me.id, FOLLOW_BOARD,
		    boards[best].id, NULL, 1) != 0)
			fatal("store_follow_set failed");
		nfollow++;
		boards[best].nposts = -1;
		/* A thread of a board not followed, the newest. */
		if (store_thread_list(b->s, &v, boards[nb - 1 - k].id, 0, 1,
		    &threads, &nt) != 0)
			fatal("store_thread_list failed");
		if (nt > 0 && store_follow_set(b->s, me.id, FOLLOW_THREAD,
		    threads[0].id, NULL, 1) == 0)
			nfollow++;
		store_thread_list_free(threads, nt);
	}
	store_board_list_free(boards, nb);
	nfollow += store_follow_set(b->s, me.id, FOLLOW_THEME, 0,
	    "logement", 1) == 0;
	nfollow += store_follow_set(b->s, me.id, FOLLOW_THEME, 0, "emploi",
	    1) == 0;
	nfollow += store_follow_set(b->s, me.id, FOLLOW_REGION, 0, "84",
	    1) == 0;
	memset(&m, 0, sizeof(m));
	if (store_member_by_login(b->s, me.id == 1 ? "m00010" : "demo",
	    &m) == 0 && store_follow_set(b->s, me.id, FOLLOW_MEMBER, m.id,
	    NULL, 1) == 0)
		nfollow++;
	store_member_clear(&m);

	since = store_news_since(b->v.since, (int64_t)time(NULL));
	memset(&o, 0, sizeof(o));
	snprintf(name, sizeof(name), "news.followed.%s", who);
	o.name = name;
	REPEAT(b, &o, {
		if (store_news_list(b->s, me.id, since, NEWS_FOLLOWED, &l,
		    &n) != 0)
			fatal("store_news_list failed");
		store_news_list_free(l, n);
	});
	snprintf(detail, sizeof(detail), "« Ma veille »: %lld things "
	    "followed and %lld threads written in, 30 days: %zu items",
	    (long long)nfollow, (long long)nauto, n);
	o.detail = detail;
	report(b, &o);

	snprintf(name, sizeof(name), "news.all.%s", who);
	o.name = name;
	REPEAT(b, &o, {
		if (store_news_list(b->s, me.id, since, NEWS_ALL, &l,
		    &n) != 0)
			fatal("store_news_list failed");
		store_news_list_free(l, n);
	});
	snprintf(detail, sizeof(detail), "« tout le réseau », 30 days: %zu "
	    "items (at most %d)", n, STORE_NEWS_MAX);
	report(b, &o);
	store_member_clear(&me);
}

static void
bench_news(struct bench *b)
{
	bench_news_for(b, "m05000");
	bench_news_for(b, b->login);
}

int
main(int argc, char **argv)
{
	struct bench b;
	const char *json = NULL;
	char wal[4096];
	char *cause = NULL;
	double t0;
	int ch, migrate = 0;

	memset(&b, 0, sizeof(b));
	b.login = "demo";
	b.seconds = 2;
	while ((ch = getopt(argc, argv, "mu:t:o:")) != -1) {
		switch (ch) {
		case 'm':
			migrate = 1;
			break;
		case 'u':
			b.login = optarg;
			break;
		case 't':
			b.seconds = strtod(optarg, NULL);
			break;
		case 'o':
			json = optarg;
			break;
		default:
			fprintf(stderr, "usage: bench_boards [-u login] "
			    "[-t seconds] [-o file.json] DB\n"
			    "       bench_boards -m DB\n");
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: bench_boards [-u login] [-t seconds] "
		    "[-o file.json] DB\n");
		return 2;
	}
	b.path = argv[optind];
	log_init("bench_boards", LOG_WARN);
	if (migrate) {
		t0 = now_ms();
		if ((b.s = store_open(b.path, STORE_MIGRATE, &cause)) == NULL)
			fatal("store_open: %s", cause);
		store_free(b.s);
		printf("migrations applied in %.1f s\n",
		    (now_ms() - t0) / 1e3);
		return 0;
	}
	if (json != NULL && (b.json = fopen(json, "w")) == NULL)
		fatal("%s: cannot write", json);
	if (b.json != NULL)
		fprintf(b.json, "{");

	snprintf(wal, sizeof(wal), "%s-wal", b.path);
	printf("database: %s, %.1f MB (WAL %.1f MB)\n", b.path,
	    (double)file_size(b.path) / 1e6, (double)file_size(wal) / 1e6);
	if (b.json != NULL)
		fprintf(b.json, "\n  \"db_bytes\": %lld", file_size(b.path));
	b.njson = 1;
	/* Last visit three days ago, as a regular reader. */
	b.v.since = (int64_t)time(NULL) - 3 * 86400;

	printf("%-28s %9s %9s %9s %9s %5s  %s\n", "op (ms)", "first",
	    "median", "p95", "max", "n", "");
	bench_start(&b);
	if (store_member_by_login(b.s, b.login, &b.me) != 0)
		fatal("no member %s", b.login);
	b.v.member_id = b.me.id;
	b.v.login = b.me.login;
	b.v.role = (int)b.me.role;
	find_targets(&b);
	bench_queries(&b);
	bench_search(&b);
	bench_news(&b);
	bench_writes(&b);
	store_free(b.s);
	store_member_clear(&b.me);
	if (b.json != NULL) {
		fprintf(b.json, "\n}\n");
		fclose(b.json);
	}
	return 0;
}
