/*
 * store_edito.c - editorials: the texts the welcome screen shows.
 *
 * Invariants: an editorial is never deleted, only hidden, and hiding
 * records who, when and why (hidden_at, hidden_by, hidden_reason); once
 * hidden it stays hidden. An editorial is visible when it is not hidden
 * and its publication time has come (published_at <= now), so one can be
 * written ahead and appear by itself. Newest first means by published_at,
 * then by id for editorials published in the same second.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"
#include "text/txt.h"
#include "util/util.h"

#define EDITO_COLUMNS "id, title, body, byline, author_id, published_at"

static void	store_edito_row(struct store_stmt *, void *);
static void	store_edito_clear_v(void *);

/* Free the strings of an editorial and zero it. */
void
store_edito_clear(struct store_edito *e)
{
	if (e == NULL)
		return;
	free(e->title);
	free(e->body);
	free(e->byline);
	memset(e, 0, sizeof(*e));
}

/* Fill e from a row of EDITO_COLUMNS. */
static void
store_edito_row(struct store_stmt *st, void *p)
{
	struct store_edito *e = p;

	memset(e, 0, sizeof(*e));
	e->id = store_column_int64(st, 0);
	e->title = store_column_str(st, 1);
	e->body = store_column_str(st, 2);
	e->byline = store_column_str(st, 3);
	e->author_id = store_column_int64(st, 4);	/* NULL gives 0 */
	e->published_at = store_column_int64(st, 5);
}

/* The newest visible editorial at now; 1 if there is none. */
int
store_edito_current(struct store *s, int64_t now, struct store_edito *e)
{
	static const char sql[] = "SELECT " EDITO_COLUMNS " FROM edito "
	    "WHERE hidden_at IS NULL AND published_at <= ?1 "
	    "ORDER BY published_at DESC, id DESC LIMIT 1";
	struct store_stmt *st;
	int rc = -1;

	memset(e, 0, sizeof(*e));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, now) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_edito_row(st, e);
		rc = 0;
		break;
	case STORE_STEP_DONE:
		rc = 1;
		break;
	}
out:
	store_done(st);
	return rc;
}

/* Every editorial visible now, newest first. */
int
store_edito_list(struct store *s, struct store_edito **list, size_t *n)
{
	static const char sql[] = "SELECT " EDITO_COLUMNS " FROM edito "
	    "WHERE hidden_at IS NULL AND published_at <= ?1 "
	    "ORDER BY published_at DESC, id DESC";
	struct store_stmt *st;
	void *l;
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, now_sec()) != 0) {
		store_done(st);
		return -1;
	}
	rc = store_rows(s, st, sizeof(**list), store_edito_row,
	    store_edito_clear_v, &l, n);
	*list = l;
	return rc;
}

/* store_edito_clear() for store_rows(). */
static void
store_edito_clear_v(void *e)
{
	store_edito_clear(e);
}

/* Free a list from store_edito_list(). */
void
store_edito_list_free(struct store_edito *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_edito_clear_v);
}

/* Insert an editorial (published_at 0: now); sets e->id. */
int
store_edito_insert(struct store *s, struct store_edito *e)
{
	static const char sql[] = "INSERT INTO edito (title, body, "
	    "author_id, byline, published_at, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
	struct store_stmt *st;
	char *title = NULL, *body = NULL, *byline = NULL;
	int64_t now = now_sec();
	int rc = -1;

	if (e->title == NULL || e->body == NULL) {
		log_error("editorial without title or body");
		return -1;
	}
	title = store_clean(e->title, 0);
	body = store_clean(e->body, TXT_MULTILINE);
	byline = store_clean(e->byline, 0);
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	if (store_bind_text(s, st, 1, title) != 0 ||
	    store_bind_text(s, st, 2, body) != 0 ||
	    store_bind_id(s, st, 3, e->author_id) != 0 ||
	    store_bind_text(s, st, 4, byline) != 0 ||
	    store_bind_int64(s, st, 5, e->published_at != 0 ?
	    e->published_at : now) != 0 ||
	    store_bind_int64(s, st, 6, now) != 0) {
		store_done(st);
		goto out;
	}
	if (store_insert(s, st, &e->id) != 0)
		goto out;
	if (e->published_at == 0)
		e->published_at = now;
	rc = 0;
out:
	free(title);
	free(body);
	free(byline);
	return rc;
}

/* Hide an editorial, saying who (0: the system) and why; 1 if no such
 * visible editorial. */
int
store_edito_hide(struct store *s, int64_t id, int64_t by, const char *reason)
{
	static const char sql[] = "UPDATE edito SET hidden_at = ?1, "
	    "hidden_by = ?2, hidden_reason = ?3 "
	    "WHERE id = ?4 AND hidden_at IS NULL";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, now_sec()) != 0 ||
	    store_bind_id(s, st, 2, by) != 0 ||
	    store_bind_text(s, st, 3, reason != NULL ? reason : "") != 0 ||
	    store_bind_int64(s, st, 4, id) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_changes(s) == 0 ? 1 : 0;
}
