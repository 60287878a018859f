/*
 * store_board_admin.c - what only the sysop's command line needs of the
 * boards: every board, archived ones too, and backdating a post (demo
 * data, imports). Members never reach these.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "util/util.h"

static void	store_board_all_row(struct store_stmt *, void *);
static void	store_board_all_clear(void *);

static void
store_board_all_row(struct store_stmt *st, void *p)
{
	store_board_fill(st, p);
}

static void
store_board_all_clear(void *p)
{
	store_board_clear(p);
}

int
store_board_list_all(struct store *s, struct store_board **list, size_t *n)
{
	static const char sql[] = "SELECT " STORE_BOARD_COLUMNS
	    " FROM board b ORDER BY b.position, b.title, b.id";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	return store_rows(s, st, sizeof(**list), store_board_all_row,
	    store_board_all_clear, (void **)list, n);
}

/*
 * The counters keep the newest post by id, and recounting takes its
 * date: so after moving created_at, recounting the thread and its board
 * is all it takes.
 */
int
store_post_backdate(struct store *s, int64_t post_id, int64_t t)
{
	static const char find[] = "SELECT thread_id, board_id, "
	    "parent_id IS NULL FROM post WHERE id = ?1";
	static const char set_post[] = "UPDATE post SET created_at = ?2 "
	    "WHERE id = ?1";
	static const char set_thread[] = "UPDATE thread SET created_at = ?2 "
	    "WHERE id = ?1";
	/* The mentions and replies it made happened then too. */
	static const char set_mention[] = "UPDATE mention SET created_at = "
	    "?2 WHERE source = 'post' AND source_id = ?1";
	struct store_stmt *st;
	int64_t thread_id, board_id;
	int opening, rc;

	if ((st = store_prepare(s, find)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, post_id) != 0) {
		store_done(st);
		return -1;
	}
	rc = store_step(s, st);
	thread_id = store_column_int64(st, 0);
	board_id = store_column_int64(st, 1);
	opening = store_column_int(st, 2);
	store_done(st);
	if (rc != STORE_STEP_ROW)
		return rc == STORE_STEP_DONE ? 1 : -1;

	if (store_begin(s) == -1)
		return -1;
	if ((st = store_prepare(s, set_post)) == NULL ||
	    store_bind_int64(s, st, 1, post_id) != 0 ||
	    store_bind_int64(s, st, 2, t) != 0 || store_run(s, st) != 0)
		goto fail;
	if (opening && ((st = store_prepare(s, set_thread)) == NULL ||
	    store_bind_int64(s, st, 1, thread_id) != 0 ||
	    store_bind_int64(s, st, 2, t) != 0 || store_run(s, st) != 0))
		goto fail;
	if ((st = store_prepare(s, set_mention)) == NULL ||
	    store_bind_int64(s, st, 1, post_id) != 0 ||
	    store_bind_int64(s, st, 2, t) != 0 || store_run(s, st) != 0)
		goto fail;
	if (store_thread_recount(s, thread_id) != 0 ||
	    store_board_recount(s, board_id) != 0)
		goto fail;
	return store_commit(s) == 0 ? 0 : -1;
fail:
	/* After a failed bind st is still bound; resetting twice is
	 * harmless. */
	if (st != NULL)
		store_done(st);
	store_rollback(s);
	return -1;
}
