/*
 * store_stats.c - the site's figures for « palabre admin stats »: one
 * read transaction, so the counts agree with each other. Posts per day
 * are bucketed here by the day boundaries the caller gives (local
 * midnights: days are 23 or 25 hours long twice a year), reading only
 * the posts of the period.
 */
#include <string.h>

#include "store/store_private.h"
#include "util/util.h"

static int	 stats_count(struct store *, const char *, int64_t,
		    int64_t *);

/* One count(*) query, ?1 bound to arg when it has one. */
static int
stats_count(struct store *s, const char *sql, int64_t arg, int64_t *n)
{
	struct store_stmt *st;
	int rc = -1;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_count(st) > 0 &&
	    store_bind_int64(s, st, 1, arg) != 0)
		goto out;
	if (store_step(s, st) == STORE_STEP_ROW) {
		*n = store_column_int64(st, 0);
		rc = 0;
	}
out:
	store_done(st);
	return rc;
}

int
store_stats(struct store *s, const int64_t *bounds, int64_t now,
    struct store_stats *out)
{
	static const char *const status_sql[] = {
		[STATUS_EN_ATTENTE] = "SELECT count(*) FROM member "
		    "WHERE status = 'en_attente'",
		[STATUS_ACTIF] = "SELECT count(*) FROM member "
		    "WHERE status = 'actif'",
		[STATUS_SUSPENDU] = "SELECT count(*) FROM member "
		    "WHERE status = 'suspendu'",
		[STATUS_REFUSE] = "SELECT count(*) FROM member "
		    "WHERE status = 'refuse'",
		[STATUS_ANONYMISE] = "SELECT count(*) FROM member "
		    "WHERE status = 'anonymise'",
	};
	struct store_stmt *st = NULL;
	int64_t t, pages = 0, size = 0;
	int i, lo, hi, mid, r, rc = -1;

	memset(out, 0, sizeof(*out));
	/* One snapshot for every count. */
	if ((st = store_prepare(s, "BEGIN")) == NULL || store_run(s, st) != 0)
		return -1;
	st = NULL;
	for (i = 0; i < (int)nitems(status_sql); i++)
		if (stats_count(s, status_sql[i], 0, &out->members[i]) != 0)
			goto out;
	if (stats_count(s, "SELECT count(*) FROM member "
	    "WHERE last_login_at >= ?1", now - 86400, &out->came_today) != 0 ||
	    stats_count(s, "SELECT count(*) FROM post", 0, &out->posts) != 0 ||
	    stats_count(s, "SELECT count(*) FROM thread", 0,
	    &out->threads) != 0 ||
	    stats_count(s, "SELECT count(*) FROM doc", 0, &out->docs) != 0 ||
	    stats_count(s, "SELECT count(*) FROM practice "
	    "WHERE state = 'publiee'", 0, &out->practices) != 0 ||
	    stats_count(s, "SELECT count(*) FROM practice "
	    "WHERE state = 'a_valider'", 0, &out->practices_waiting) != 0 ||
	    stats_count(s, "SELECT count(*) FROM event", 0,
	    &out->events) != 0 ||
	    stats_count(s, "SELECT count(*) FROM event WHERE starts_at >= ?1 "
	    "AND cancelled_at = 0", now, &out->events_upcoming) != 0 ||
	    stats_count(s, "PRAGMA page_count", 0, &pages) != 0 ||
	    stats_count(s, "PRAGMA page_size", 0, &size) != 0)
		goto out;
	out->bytes = pages * size;
	if ((st = store_prepare(s, "SELECT created_at FROM post "
	    "WHERE created_at >= ?1 AND created_at < ?2")) == NULL ||
	    store_bind_int64(s, st, 1, bounds[0]) != 0 ||
	    store_bind_int64(s, st, 2, bounds[STORE_STATS_DAYS]) != 0)
		goto out;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		t = store_column_int64(st, 0);
		/* The last bound at or before t. */
		for (lo = 0, hi = STORE_STATS_DAYS; hi - lo > 1;) {
			mid = (lo + hi) / 2;
			if (bounds[mid] <= t)
				lo = mid;
			else
				hi = mid;
		}
		out->per_day[lo]++;
	}
	if (r != STORE_STEP_DONE)
		goto out;
	rc = 0;
out:
	store_done(st);
	if ((st = store_prepare(s, "COMMIT")) != NULL)
		store_run(s, st);
	return rc;
}
