/*
 * store_read.c - what each member has read: per thread a high-water mark
 * (upto) and exceptions (read_mark), and the count nread that makes
 * unread counts cheap (see store_board.h and db/0002_boards.sql).
 *
 * Invariants: a read_mark with is_read = 1 is always above upto, one
 * with is_read = 0 at or below it. When the posts just above upto are
 * all read, upto moves up over them and their marks go (compaction); a
 * hidden post it moves over gets an explicit "unread" mark, so unhiding
 * it later does not count it as read. nread changes by exactly one for
 * each visible post whose state changes, in the same transaction. Only
 * approved threads have read state.
 *
 * Above the rows, one mark per member and board (read_board, see
 * db/0015_read_board.sql): marking a board read writes that one row and
 * makes every row of the board stale (its seq below the mark's). A
 * thread with no current row reads as the mark says; the first write
 * to it folds the mark into its row (store_read_fold), so everything
 * below works on current rows only. The mark's nread counts the visible
 * posts of the threads it alone covers: folding a thread takes them off.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "util/util.h"

/* Where the next unread search looks within a board. */
enum store_span { SPAN_ALL, SPAN_AFTER, SPAN_BEFORE };

/* A thread's place in the list order. */
struct store_tkey {
	int64_t	 id;
	int	 pinned;
	int64_t	 last_post_at;
	int64_t	 last_post_id;	/* breaks ties within one second */
};

static int	store_read_run(struct store *, const char *const *, size_t,
		    int64_t, int64_t);
static int	store_read_upto(struct store *, int64_t, int64_t, int64_t *);
static int	store_read_nread(struct store *, int64_t, int64_t, int);
static int	store_read_compact(struct store *, int64_t, int64_t, int64_t);
static int	store_read_access(struct store *, const struct store_viewer *,
		    int64_t, int64_t *, int64_t *);
static int	store_ids_cmp(const void *, const void *);
static int	store_thread_first_unread(struct store *, int64_t, int64_t,
		    int64_t *);
static int	store_board_next_unread(struct store *, int64_t, int64_t,
		    enum store_span, const struct store_tkey *, int64_t *);

static int
store_ids_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The member's read state in a thread (empty if none). */
int
store_readstate_get(struct store *s, int64_t member_id, int64_t thread_id,
    struct store_readstate *rs)
{
	/* The row if current, else the board mark (no exceptions). */
	static const char state[] = "SELECT CASE WHEN "
	    STORE_READ_CURRENT("r", "rb") " THEN r.upto ELSE "
	    "COALESCE(rb.upto, 0) END, CASE WHEN " STORE_READ_CURRENT("r",
	    "rb") " THEN 1 ELSE 0 END FROM thread t LEFT JOIN read_thread r ON "
	    "r.member_id = ?1 AND r.thread_id = t.id LEFT JOIN read_board rb "
	    "ON rb.member_id = ?1 AND rb.board_id = t.board_id WHERE t.id = ?2";
	static const char marks[] = "SELECT post_id, is_read FROM read_mark "
	    "WHERE member_id = ?1 AND thread_id = ?2 ORDER BY post_id";
	struct store_stmt *st;
	size_t cr = 0, cu = 0;
	int r, current = 0;

	memset(rs, 0, sizeof(*rs));
	if ((st = store_prepare(s, state)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		rs->upto = store_column_int64(st, 0);
		current = store_column_int(st, 1);
	}
	store_done(st);
	if (r < 0)
		return -1;
	/* A stale row's marks are those of a state the mark replaced. */
	if (!current)
		return 0;
	if ((st = store_prepare(s, marks)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		int64_t id = store_column_int64(st, 0);

		if (store_column_int(st, 1)) {
			if (rs->nread == cr) {
				cr = cr == 0 ? 8 : cr * 2;
				rs->read = xreallocarray(rs->read, cr,
				    sizeof(*rs->read));
			}
			rs->read[rs->nread++] = id;
		} else {
			if (rs->nunread == cu) {
				cu = cu == 0 ? 8 : cu * 2;
				rs->unread = xreallocarray(rs->unread, cu,
				    sizeof(*rs->unread));
			}
			rs->unread[rs->nunread++] = id;
		}
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		store_readstate_clear(rs);
		return -1;
	}
	return 0;
}

/* 1 if post id is read under rs. */
int
store_readstate_is_read(const struct store_readstate *rs, int64_t id)
{
	if (id <= rs->upto)
		return rs->nunread == 0 || bsearch(&id, rs->unread,
		    rs->nunread, sizeof(id), store_ids_cmp) == NULL;
	return rs->nread != 0 && bsearch(&id, rs->read, rs->nread,
	    sizeof(id), store_ids_cmp) != NULL;
}

void
store_readstate_clear(struct store_readstate *rs)
{
	free(rs->read);
	free(rs->unread);
	memset(rs, 0, sizeof(*rs));
}

/* upto of the member in a thread: 0 found, 1 no row (*upto 0), -1. */
static int
store_read_upto(struct store *s, int64_t member_id, int64_t thread_id,
    int64_t *upto)
{
	static const char sql[] = "SELECT upto FROM read_thread "
	    "WHERE member_id = ?1 AND thread_id = ?2";
	struct store_stmt *st;
	int r;

	*upto = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		*upto = store_column_int64(st, 0);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : r == STORE_STEP_DONE ? 1 : -1;
}

/* nread += delta for the member in a thread. */
static int
store_read_nread(struct store *s, int64_t member_id, int64_t thread_id,
    int delta)
{
	static const char sql[] = "UPDATE read_thread SET nread = nread + ?3 "
	    "WHERE member_id = ?1 AND thread_id = ?2";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0 ||
	    store_bind_int64(s, st, 3, delta) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

/*
 * Move upto over the posts just above it that are read (or hidden): up
 * to the first visible post not read, or the thread's last post.
 */
static int
store_read_compact(struct store *s, int64_t member_id, int64_t thread_id,
    int64_t upto)
{
	static const char gap[] = "SELECT COALESCE((SELECT MIN(p.id) - 1 "
	    "FROM post p WHERE p.thread_id = ?2 AND p.id > ?3 "
	    "AND p.hidden_at IS NULL AND NOT EXISTS (SELECT 1 FROM read_mark m "
	    "WHERE m.member_id = ?1 AND m.post_id = p.id AND m.is_read = 1)), "
	    "(SELECT MAX(id) FROM post WHERE thread_id = ?2), ?3)";
	static const char hid[] = "INSERT INTO read_mark "
	    "(member_id, post_id, thread_id, is_read) SELECT ?1, p.id, ?2, 0 "
	    "FROM post p WHERE p.thread_id = ?2 AND p.id > ?3 AND p.id <= ?4 "
	    "AND p.hidden_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
	    "read_mark m WHERE m.member_id = ?1 AND m.post_id = p.id "
	    "AND m.is_read = 1) ON CONFLICT DO NOTHING";
	static const char del[] = "DELETE FROM read_mark WHERE member_id = ?1 "
	    "AND thread_id = ?2 AND is_read = 1 AND post_id > ?3 "
	    "AND post_id <= ?4";
	static const char set[] = "UPDATE read_thread SET upto = ?4 "
	    "WHERE member_id = ?1 AND thread_id = ?2 AND upto = ?3";
	static const char *const sqls[] = { hid, del, set };
	struct store_stmt *st;
	int64_t to = upto;
	size_t i;
	int r;

	if ((st = store_prepare(s, gap)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0 ||
	    store_bind_int64(s, st, 3, upto) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		to = store_column_int64(st, 0);
	store_done(st);
	if (r != STORE_STEP_ROW)
		return -1;
	if (to <= upto)
		return 0;
	/* Hidden posts first, while their (absent) marks still say unread. */
	for (i = 0; i < nitems(sqls); i++) {
		if ((st = store_prepare(s, sqls[i])) == NULL)
			return -1;
		if (store_bind_int64(s, st, 1, member_id) != 0 ||
		    store_bind_int64(s, st, 2, thread_id) != 0 ||
		    store_bind_int64(s, st, 3, upto) != 0 ||
		    store_bind_int64(s, st, 4, to) != 0) {
			store_done(st);
			return -1;
		}
		if (store_run(s, st) != 0)
			return -1;
	}
	return 0;
}

/*
 * The members (one, or all with ?3 left out) whose mark on board ?2
 * covers thread ?1 that has no current row, and the visible posts of the
 * thread the mark makes read.
 */
#define FOLD_WHO(one) "rb.board_id = ?2 " one "AND NOT EXISTS (SELECT 1 " \
	"FROM read_thread r WHERE r.member_id = rb.member_id AND " \
	"r.thread_id = ?1 AND " STORE_READ_CURRENT("r", "rb") ")"
#define FOLD_COUNT "(SELECT COUNT(*) FROM post p WHERE p.thread_id = ?1 " \
	"AND p.id <= rb.upto AND p.hidden_at IS NULL)"
/* In this order: the mark stops counting the thread, the stale marks
 * go, the row says what the mark said (and is current). */
#define FOLD_SQLS(one) \
	"UPDATE read_board AS rb SET nread = nread - " FOLD_COUNT \
	" WHERE " FOLD_WHO(one), \
	"DELETE FROM read_mark WHERE thread_id = ?1 AND member_id IN " \
	"(SELECT rb.member_id FROM read_board rb WHERE " FOLD_WHO(one) ")", \
	"INSERT INTO read_thread (member_id, thread_id, board_id, upto, " \
	"nread, seq) SELECT rb.member_id, ?1, ?2, rb.upto, " FOLD_COUNT \
	", rb.seq FROM read_board rb WHERE " FOLD_WHO(one) " ON CONFLICT " \
	"(member_id, thread_id) DO UPDATE SET board_id = excluded.board_id, " \
	"upto = excluded.upto, " \
	"nread = excluded.nread, seq = excluded.seq"

/* Fold the board mark into the row of a thread (see store_board_private.h). */
int
store_read_fold(struct store *s, int64_t member_id, int64_t thread_id,
    int64_t board_id)
{
	static const char *const one[] = { FOLD_SQLS("AND rb.member_id = ?3 ") };
	static const char *const all[] = { FOLD_SQLS("") };
	const char *const *sqls = member_id != 0 ? one : all;
	struct store_stmt *st;
	size_t i;

	for (i = 0; i < nitems(one); i++) {
		if ((st = store_prepare(s, sqls[i])) == NULL)
			return -1;
		if (store_bind_int64(s, st, 1, thread_id) != 0 ||
		    store_bind_int64(s, st, 2, board_id) != 0 ||
		    (member_id != 0 &&
		    store_bind_int64(s, st, 3, member_id) != 0)) {
			store_done(st);
			return -1;
		}
		if (store_run(s, st) != 0)
			return -1;
	}
	return 0;
}
#undef FOLD_WHO
#undef FOLD_COUNT
#undef FOLD_SQLS

/*
 * A thread new to board_id's approved threads: its posts were not in
 * the board when the members marked it read, so the marks must not
 * cover them. A mark older than the thread's first post covers nothing
 * of it and needs no row.
 */
int
store_read_place(struct store *s, int64_t thread_id, int64_t board_id)
{
	static const char sql[] = "INSERT INTO read_thread "
	    "(member_id, thread_id, board_id, upto, nread, seq) "
	    "SELECT rb.member_id, ?1, ?2, 0, 0, rb.seq FROM read_board rb "
	    "WHERE rb.board_id = ?2 AND rb.upto >= "
	    "(SELECT MIN(id) FROM post WHERE thread_id = ?1) "
	    "ON CONFLICT DO NOTHING";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, thread_id) != 0 ||
	    store_bind_int64(s, st, 2, board_id) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

/* A post hidden or shown again: the marks that alone make it read. */
int
store_read_hidden(struct store *s, int64_t board_id, int64_t thread_id,
    int64_t post_id, int delta)
{
	static const char sql[] = "UPDATE read_board AS rb SET nread = "
	    "nread + ?4 WHERE rb.board_id = ?1 AND rb.upto >= ?3 AND NOT "
	    "EXISTS (SELECT 1 FROM read_thread r WHERE r.member_id = "
	    "rb.member_id AND r.thread_id = ?2 AND "
	    STORE_READ_CURRENT("r", "rb") ")";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, board_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0 ||
	    store_bind_int64(s, st, 3, post_id) != 0 ||
	    store_bind_int64(s, st, 4, delta) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

/*
 * Move an approved thread's read state: what the marks on the old board
 * made read is folded into rows first (it stays read), every row then
 * becomes current on the new board, and the new board's marks get an
 * empty row (they did not cover the thread).
 */
int
store_read_move(struct store *s, int64_t thread_id, int64_t from, int64_t to)
{
	static const char rows[] = "UPDATE read_thread SET board_id = ?2, "
	    "seq = COALESCE((SELECT seq FROM read_board rb WHERE "
	    "rb.member_id = read_thread.member_id AND rb.board_id = ?2), 0) "
	    "WHERE thread_id = ?1";
	struct store_stmt *st;

	if (store_read_fold(s, 0, thread_id, from) != 0)
		return -1;
	if ((st = store_prepare(s, rows)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, thread_id) != 0 ||
	    store_bind_int64(s, st, 2, to) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_read_place(s, thread_id, to);
}

/* Mark one visible post of an approved thread read (idempotent). */
int
store_read_mark(struct store *s, int64_t member_id, int64_t thread_id,
    int64_t board_id, int64_t post_id)
{
	static const char row[] = "INSERT INTO read_thread "
	    "(member_id, thread_id, board_id, upto, nread) "
	    "VALUES (?1, ?2, ?3, 0, 0) ON CONFLICT DO NOTHING";
	static const char below[] = "DELETE FROM read_mark "
	    "WHERE member_id = ?1 AND post_id = ?2 AND is_read = 0";
	static const char above[] = "INSERT INTO read_mark "
	    "(member_id, post_id, thread_id, is_read) VALUES (?1, ?2, ?3, 1) "
	    "ON CONFLICT DO NOTHING";
	struct store_stmt *st;
	int64_t upto;

	if (store_begin(s) != 0)
		return -1;
	if (store_read_fold(s, member_id, thread_id, board_id) != 0)
		goto fail;
	if ((st = store_prepare(s, row)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0 ||
	    store_bind_int64(s, st, 3, board_id) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0 ||
	    store_read_upto(s, member_id, thread_id, &upto) != 0)
		goto fail;
	if ((st = store_prepare(s, post_id <= upto ? below : above)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, post_id) != 0 ||
	    (post_id > upto && store_bind_int64(s, st, 3, thread_id) != 0)) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) != 0) {
		if (store_read_nread(s, member_id, thread_id, 1) != 0)
			goto fail;
	}
	if (post_id > upto && store_read_compact(s, member_id, thread_id,
	    upto) != 0)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

/*
 * The thread and board of a visible post of an approved thread viewer
 * may read: 0, or 1 if there is none (or it has no read state).
 */
static int
store_read_access(struct store *s, const struct store_viewer *v,
    int64_t post_id, int64_t *thread_id, int64_t *board_id)
{
	struct store_post p;
	struct store_thread t;
	int r;

	if ((r = store_post_get(s, v, post_id, &p)) != 0)
		return r;
	*thread_id = p.thread_id;
	*board_id = p.board_id;
	r = p.hidden_at != 0;
	store_post_clear(&p);
	if (r)
		return 1;
	if ((r = store_thread_get(s, v, *thread_id, &t)) != 0)
		return r;
	r = t.state != THREAD_PUBLIE;
	store_thread_clear(&t);
	return r;
}

/* Mark a post read for viewer. */
int
store_read_post(struct store *s, const struct store_viewer *v,
    int64_t post_id)
{
	int64_t thread_id, board_id;
	int r;

	if ((r = store_read_access(s, v, post_id, &thread_id,
	    &board_id)) != 0)
		return r;
	return store_read_mark(s, v->member_id, thread_id, board_id, post_id);
}

/* Mark a post unread again for viewer. */
int
store_unread_post(struct store *s, const struct store_viewer *v,
    int64_t post_id)
{
	static const char below[] = "INSERT INTO read_mark "
	    "(member_id, post_id, thread_id, is_read) VALUES (?1, ?2, ?3, 0) "
	    "ON CONFLICT DO NOTHING";
	static const char above[] = "DELETE FROM read_mark "
	    "WHERE member_id = ?1 AND post_id = ?2 AND is_read = 1";
	struct store_stmt *st;
	int64_t thread_id, board_id, upto;
	int r;

	if ((r = store_read_access(s, v, post_id, &thread_id,
	    &board_id)) != 0)
		return r;
	if (store_begin(s) != 0)
		return -1;
	if (store_read_fold(s, v->member_id, thread_id, board_id) != 0)
		goto fail;
	if ((r = store_read_upto(s, v->member_id, thread_id, &upto)) != 0) {
		/* No read state: nothing is read. */
		store_rollback(s);
		return r < 0 ? -1 : 0;
	}
	if ((st = store_prepare(s, post_id <= upto ? below : above)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, v->member_id) != 0 ||
	    store_bind_int64(s, st, 2, post_id) != 0 ||
	    (post_id <= upto && store_bind_int64(s, st, 3, thread_id) != 0)) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) != 0 &&
	    store_read_nread(s, v->member_id, thread_id, -1) != 0)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

/*
 * Run the n statements sqls (static texts) with ?1 = member and ?2 = id,
 * in one transaction.
 */
static int
store_read_run(struct store *s, const char *const *sqls, size_t n,
    int64_t member_id, int64_t id)
{
	struct store_stmt *st;
	size_t i;

	if (store_begin(s) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((st = store_prepare(s, sqls[i])) == NULL)
			goto fail;
		if (store_bind_int64(s, st, 1, member_id) != 0 ||
		    store_bind_int64(s, st, 2, id) != 0) {
			store_done(st);
			goto fail;
		}
		if (store_run(s, st) != 0)
			goto fail;
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

/* Everything in a thread read: upto its last post, no marks. */
int
store_read_thread(struct store *s, const struct store_viewer *v,
    int64_t thread_id)
{
	static const char set[] = "INSERT INTO read_thread (member_id, "
	    "thread_id, board_id, upto, nread) SELECT ?1, t.id, t.board_id, "
	    "COALESCE((SELECT MAX(id) FROM post WHERE thread_id = t.id), 0), "
	    "t.nposts FROM thread t WHERE t.id = ?2 AND t.state = 'publie' "
	    "ON CONFLICT (member_id, thread_id) DO UPDATE SET "
	    "upto = excluded.upto, "
	    "nread = excluded.nread, board_id = excluded.board_id";
	static const char del[] = "DELETE FROM read_mark "
	    "WHERE member_id = ?1 AND thread_id = ?2";
	static const char *const sqls[] = { set, del };
	struct store_thread t;
	int64_t board_id;
	int r, approved;

	if ((r = store_thread_get(s, v, thread_id, &t)) != 0)
		return r;
	board_id = t.board_id;
	approved = t.state == THREAD_PUBLIE;
	store_thread_clear(&t);
	/* Only approved threads have read state. */
	if (!approved)
		return 0;
	/* Folded first: the board mark stops counting the thread. */
	if (store_begin(s) != 0)
		return -1;
	if (store_read_fold(s, v->member_id, thread_id, board_id) != 0 ||
	    store_read_run(s, sqls, nitems(sqls), v->member_id,
	    thread_id) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

/*
 * Everything in a board read: its mark moves up to the newest post and
 * its seq up by one, so every row of the board becomes stale; one row
 * written whatever the board's size (the rows and marks left under it
 * are ignored, and replaced when their thread is next written).
 */
int
store_read_board(struct store *s, const struct store_viewer *v,
    int64_t board_id)
{
	static const char set[] = "INSERT INTO read_board (member_id, "
	    "board_id, upto, seq, nread) SELECT ?1, b.id, "
	    "COALESCE((SELECT MAX(id) FROM post), 0), 1, b.nposts "
	    "FROM board b WHERE b.id = ?2 ON CONFLICT (member_id, board_id) "
	    "DO UPDATE SET "
	    "upto = excluded.upto, seq = read_board.seq + 1, "
	    "nread = excluded.nread";
	static const char *const sqls[] = { set };
	struct store_board b;
	int r;

	if ((r = store_board_get(s, v, board_id, &b)) != 0)
		return r;
	store_board_clear(&b);
	return store_read_run(s, sqls, nitems(sqls), v->member_id, board_id);
}

/* The first unread visible post of a thread in tree order; 1 if none. */
static int
store_thread_first_unread(struct store *s, int64_t member_id,
    int64_t thread_id, int64_t *post_id)
{
	static const char sql[] = "SELECT id, COALESCE(parent_id, 0), "
	    "hidden_at IS NOT NULL FROM post WHERE thread_id = ?1 ORDER BY id";
	struct store_readstate rs;
	struct store_stmt *st;
	int64_t *ids = NULL, *parents = NULL;
	size_t *order, n = 0, cap = 0, i;
	int *depth, *hidden = NULL, r, rc = 1;

	if (store_readstate_get(s, member_id, thread_id, &rs) != 0)
		return -1;
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, thread_id) != 0) {
		store_done(st);
		store_readstate_clear(&rs);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			ids = xreallocarray(ids, cap, sizeof(*ids));
			parents = xreallocarray(parents, cap,
			    sizeof(*parents));
			hidden = xreallocarray(hidden, cap, sizeof(*hidden));
		}
		ids[n] = store_column_int64(st, 0);
		parents[n] = store_column_int64(st, 1);
		hidden[n++] = store_column_int(st, 2);
	}
	store_done(st);
	if (r != STORE_STEP_DONE)
		rc = -1;
	order = xcalloc(n + 1, sizeof(*order));
	depth = xcalloc(n + 1, sizeof(*depth));
	if (rc == 1) {
		store_tree_order(ids, parents, n, order, depth);
		for (i = 0; i < n; i++) {
			if (hidden[order[i]] ||
			    store_readstate_is_read(&rs, ids[order[i]]))
				continue;
			*post_id = ids[order[i]];
			rc = 0;
			break;
		}
	}
	free(order);
	free(depth);
	free(ids);
	free(parents);
	free(hidden);
	store_readstate_clear(&rs);
	return rc;
}

/*
 * The first unread post of a board's threads with something unread, in
 * list order: all of them, those after key or those before key. The
 * threads come in the order of the index thread_order, so the first one
 * with an unread post ends the walk: the cost is that of the threads
 * skipped, not of the board. Row values bound the walk to one side of
 * the key.
 */
static int
store_board_next_unread(struct store *s, int64_t member_id,
    int64_t board_id, enum store_span span, const struct store_tkey *key,
    int64_t *post_id)
{
	/* With no current row, the posts after the mark are unread. */
#define NEXT_SELECT "SELECT t.id FROM thread t LEFT JOIN read_thread r " \
	    "ON r.member_id = ?1 AND r.thread_id = t.id LEFT JOIN read_board " \
	    "rb ON rb.member_id = ?1 AND rb.board_id = ?2 WHERE t.board_id = ?2 " \
	    "AND t.state = 'publie' AND CASE WHEN " \
	    STORE_READ_CURRENT("r", "rb") " THEN t.nposts > r.nread ELSE " \
	    "COALESCE(t.last_post_id, 0) > COALESCE(rb.upto, 0) END "
#define NEXT_ORDER " ORDER BY t.pinned DESC, t.last_post_at DESC, " \
	    "t.last_post_id DESC, t.id DESC"
	static const char sql_all[] = NEXT_SELECT NEXT_ORDER;
	static const char sql_after[] = NEXT_SELECT
	    "AND (t.pinned, t.last_post_at, t.last_post_id, t.id) < "
	    "(?3, ?4, ?5, ?6)" NEXT_ORDER;
	static const char sql_before[] = NEXT_SELECT
	    "AND (t.pinned, t.last_post_at, t.last_post_id, t.id) > "
	    "(?3, ?4, ?5, ?6)" NEXT_ORDER;
#undef NEXT_SELECT
#undef NEXT_ORDER
	const char *sql = span == SPAN_AFTER ? sql_after :
	    span == SPAN_BEFORE ? sql_before : sql_all;
	struct store_stmt *st;
	int r, rc = 1;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, board_id) != 0 ||
	    (span != SPAN_ALL && (store_bind_int64(s, st, 3, key->pinned) != 0 ||
	    store_bind_int64(s, st, 4, key->last_post_at) != 0 ||
	    store_bind_int64(s, st, 5, key->last_post_id) != 0 ||
	    store_bind_int64(s, st, 6, key->id) != 0))) {
		store_done(st);
		return -1;
	}
	while (rc == 1 && (r = store_step(s, st)) == STORE_STEP_ROW)
		rc = store_thread_first_unread(s, member_id,
		    store_column_int64(st, 0), post_id);
	if (rc == 1 && r != STORE_STEP_DONE)
		rc = -1;
	store_done(st);
	return rc;
}

/* The next unread post in reading order after (board, thread). */
int
store_next_unread(struct store *s, const struct store_viewer *v,
    int64_t board_id, int64_t thread_id, int64_t *post_id)
{
	static const char sql[] = "SELECT pinned, last_post_at, board_id, "
	    "state = 'publie', COALESCE(last_post_id, 0) FROM thread "
	    "WHERE id = ?1";
	struct store_board *boards;
	struct store_tkey key;
	struct store_stmt *st;
	size_t n, i, k, cur;
	int r, rc = 1, has_key = 0, approved = 0;

	*post_id = 0;
	if (store_board_list(s, v, &boards, &n) != 0)
		return -1;
	for (cur = 0; cur < n; cur++)
		if (boards[cur].id == board_id)
			break;
	memset(&key, 0, sizeof(key));
	if (cur < n && thread_id != 0) {
		if ((st = store_prepare(s, sql)) == NULL ||
		    store_bind_int64(s, st, 1, thread_id) != 0) {
			store_done(st);
			rc = -1;
			goto out;
		}
		if ((r = store_step(s, st)) == STORE_STEP_ROW &&
		    store_column_int64(st, 2) == board_id) {
			key.id = thread_id;
			key.pinned = store_column_int(st, 0);
			key.last_post_at = store_column_int64(st, 1);
			approved = store_column_int(st, 3);
			key.last_post_id = store_column_int64(st, 4);
			has_key = 1;
		}
		store_done(st);
		if (r < 0) {
			rc = -1;
			goto out;
		}
	}
	if (cur == n) {
		/* From the first board. */
		for (i = 0; rc == 1 && i < n; i++)
			if (boards[i].unread > 0)
				rc = store_board_next_unread(s, v->member_id,
				    boards[i].id, SPAN_ALL, NULL, post_id);
		goto out;
	}
	/* The rest of this thread, then the following threads. */
	if (has_key && approved)
		rc = store_thread_first_unread(s, v->member_id, thread_id,
		    post_id);
	if (rc == 1 && boards[cur].unread > 0)
		rc = store_board_next_unread(s, v->member_id, board_id,
		    has_key ? SPAN_AFTER : SPAN_ALL, &key, post_id);
	/* The following boards, round to this one. */
	for (k = 1; rc == 1 && k < n; k++) {
		i = (cur + k) % n;
		if (boards[i].unread > 0)
			rc = store_board_next_unread(s, v->member_id,
			    boards[i].id, SPAN_ALL, NULL, post_id);
	}
	/* This board's threads before the position. */
	if (rc == 1 && has_key && boards[cur].unread > 0)
		rc = store_board_next_unread(s, v->member_id, board_id,
		    SPAN_BEFORE, &key, post_id);
out:
	store_board_list_free(boards, n);
	return rc;
}

/* Unread posts over every board viewer may read. */
int
store_unread_total(struct store *s, const struct store_viewer *v,
    int64_t *total)
{
	struct store_board *boards;
	size_t n, i;

	*total = 0;
	if (store_board_list(s, v, &boards, &n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		*total += boards[i].unread;
	store_board_list_free(boards, n);
	return 0;
}
