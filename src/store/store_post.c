/*
 * store_post.c - threads and posts: lists, the reply tree, writing,
 * editing with previous versions, and moderation (hide, pin, lock, move,
 * approve, reports).
 *
 * Invariants: every change to posts or threads updates thread.nposts,
 * board.nposts, board.nthreads and the last posts, the read state's
 * nread and the full-text index in the same transaction (see
 * store_board.h). Only approved threads ('publie') count in their
 * board and have read state; a waiting thread's posts count in its own
 * nposts only, and on approval its author has read all of it. A hidden
 * post is out of every counter and of the index; unhiding puts it back
 * exactly as it was.
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_news_private.h"
#include "text/txt.h"
#include "util/util.h"

#define THREAD_COLUMNS "t.id, t.board_id, t.title, t.author_id, " \
	STORE_AUTHOR_NAME("a") ", t.created_at, t.last_post_at, " \
	"COALESCE(t.last_post_id, 0), COALESCE(" STORE_AUTHOR_NAME("la") \
	", ''), t.nposts, t.pinned, t.locked, t.state, " \
	"CASE WHEN t.state <> 'publie' THEN 0 WHEN " \
	STORE_READ_CURRENT("r", "rb") " THEN CASE WHEN t.nposts > r.nread " \
	"THEN t.nposts - r.nread ELSE 0 END " \
	"WHEN rb.upto IS NULL THEN t.nposts " \
	"WHEN COALESCE(t.last_post_id, 0) <= rb.upto THEN 0 " \
	/* Under the board mark: the posts written after it. */ \
	"ELSE (SELECT COUNT(*) FROM post p WHERE p.thread_id = t.id AND " \
	"p.id > rb.upto AND p.hidden_at IS NULL) END, " \
	STORE_OPENING_HIDDEN("t")
#define THREAD_NCOLUMNS 15
/* ?1 is the viewer's member id. */
#define THREAD_FROM " FROM thread t JOIN member a ON a.id = t.author_id " \
	"LEFT JOIN post lp ON lp.id = t.last_post_id " \
	"LEFT JOIN member la ON la.id = lp.author_id " \
	"LEFT JOIN read_thread r ON r.member_id = ?1 AND r.thread_id = t.id " \
	"LEFT JOIN read_board rb ON rb.member_id = ?1 AND " \
	"rb.board_id = t.board_id "

#define POST_COLUMNS "p.id, p.thread_id, p.board_id, " \
	"COALESCE(p.parent_id, 0), p.author_id, " \
	"CASE WHEN a.status = 'anonymise' THEN '' ELSE a.login END, " \
	STORE_AUTHOR_NAME("a") ", " \
	"CASE WHEN a.status = 'anonymise' THEN '' ELSE a.organisation END, " \
	"p.body, p.created_at, COALESCE(p.edited_at, 0), p.nversions, " \
	"COALESCE(p.hidden_at, 0), COALESCE(" STORE_AUTHOR_NAME("h") \
	", ''), COALESCE(p.hidden_reason, '')"
#define POST_FROM " FROM post p JOIN member a ON a.id = p.author_id " \
	"LEFT JOIN member h ON h.id = p.hidden_by "

/* A thread the viewer may see, with its board. */
struct store_access {
	struct store_thread	 t;
	struct store_board	 b;
	int			 mod;	/* viewer moderates the board */
};

static int	store_thread_state_parse(const char *);
static void	store_thread_row(struct store_stmt *, void *);
static void	store_thread_mask(struct store_thread *, int);
static void	store_thread_clear_v(void *);
static void	store_post_row(struct store_stmt *, void *);
static void	store_post_clear_v(void *);
static void	store_version_row(struct store_stmt *, void *);
static void	store_version_clear_v(void *);
static int	store_access_get(struct store *, const struct store_viewer *,
		    int64_t, struct store_access *);
static void	store_access_clear(struct store_access *);
static int	store_post_raw(struct store *, int64_t, struct store_post *);
static int	store_post_insert(struct store *, int64_t, int64_t, int64_t,
		    int64_t, const char *, int64_t, int64_t *);
static int	store_post_count_new(struct store *, int64_t, int64_t,
		    int64_t, int64_t, int);
static int	store_post_set_hidden(struct store *,
		    const struct store_viewer *, int64_t, int, const char *);
static int	store_nread_adjust(struct store *, int64_t, int64_t, int);
static int	store_thread_set_flag(struct store *,
		    const struct store_viewer *, int64_t, int, int);
static int	store_thread_opening_title(struct store *,
		    const struct store_post *, char **);
static char	*store_first_line(const char *, size_t);
static int	store_moderated_rows(struct store *,
		    const struct store_viewer *, struct store_stmt *, size_t,
		    void (*)(struct store_stmt *, void *), void (*)(void *),
		    int, void **, size_t *);
static void	store_report_row(struct store_stmt *, void *);
static void	store_report_clear_v(void *);

/* Free a thread's strings and zero it. */
void
store_thread_clear(struct store_thread *t)
{
	if (t == NULL)
		return;
	free(t->title);
	free(t->author_name);
	free(t->last_author_name);
	memset(t, 0, sizeof(*t));
}

static void
store_thread_clear_v(void *t)
{
	store_thread_clear(t);
}

void
store_thread_list_free(struct store_thread *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_thread_clear_v);
}

/* Free a post's strings and zero it. */
void
store_post_clear(struct store_post *p)
{
	if (p == NULL)
		return;
	free(p->author_login);
	free(p->author_name);
	free(p->author_org);
	free(p->body);
	free(p->hidden_by_name);
	free(p->hidden_reason);
	memset(p, 0, sizeof(*p));
}

static void
store_post_clear_v(void *p)
{
	store_post_clear(p);
}

void
store_post_list_free(struct store_post *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_post_clear_v);
}

static void
store_version_clear_v(void *p)
{
	struct store_post_version *v = p;

	free(v->body);
}

void
store_post_version_list_free(struct store_post_version *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_version_clear_v);
}

static void
store_report_clear_v(void *p)
{
	struct store_report *r = p;

	free(r->thread_title);
	free(r->board_title);
	free(r->reporter_name);
	free(r->reason);
	free(r->excerpt);
}

void
store_report_list_free(struct store_report *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_report_clear_v);
}

/* 'publie', 'a_valider', 'refuse' -> enum store_thread_state. */
static int
store_thread_state_parse(const char *s)
{
	if (s != NULL && strcmp(s, "a_valider") == 0)
		return THREAD_A_VALIDER;
	if (s != NULL && strcmp(s, "refuse") == 0)
		return THREAD_REFUSE;
	return THREAD_PUBLIE;
}

/* Fill a thread from THREAD_COLUMNS. */
static void
store_thread_row(struct store_stmt *st, void *p)
{
	struct store_thread *t = p;

	t->id = store_column_int64(st, 0);
	t->board_id = store_column_int64(st, 1);
	t->title = store_column_str(st, 2);
	t->author_id = store_column_int64(st, 3);
	t->author_name = store_column_str(st, 4);
	t->created_at = store_column_int64(st, 5);
	t->last_post_at = store_column_int64(st, 6);
	t->last_post_id = store_column_int64(st, 7);
	t->last_author_name = store_column_str(st, 8);
	t->nposts = store_column_int64(st, 9);
	t->pinned = store_column_int(st, 10);
	t->locked = store_column_int(st, 11);
	t->state = store_thread_state_parse(
	    store_column_peek(st, 12));
	t->unread = store_column_int64(st, 13);
	t->title_hidden = store_column_int(st, 14);
}

/* A thread whose opening post is hidden keeps its title from all but
 * the moderators (mod): the title is that post's words. */
static void
store_thread_mask(struct store_thread *t, int mod)
{
	if (!t->title_hidden || mod)
		return;
	free(t->title);
	t->title = xstrdup(STORE_HIDDEN_TITLE);
}

/* Fill a post from POST_COLUMNS. */
static void
store_post_row(struct store_stmt *st, void *p)
{
	struct store_post *o = p;

	o->id = store_column_int64(st, 0);
	o->thread_id = store_column_int64(st, 1);
	o->board_id = store_column_int64(st, 2);
	o->parent_id = store_column_int64(st, 3);
	o->author_id = store_column_int64(st, 4);
	o->author_login = store_column_str(st, 5);
	o->author_name = store_column_str(st, 6);
	o->author_org = store_column_str(st, 7);
	o->body = store_column_str(st, 8);
	o->created_at = store_column_int64(st, 9);
	o->edited_at = store_column_int64(st, 10);
	o->nversions = store_column_int(st, 11);
	o->hidden_at = store_column_int64(st, 12);
	o->hidden_by_name = store_column_str(st, 13);
	o->hidden_reason = store_column_str(st, 14);
}

static void
store_version_row(struct store_stmt *st, void *p)
{
	struct store_post_version *v = p;

	v->version = store_column_int(st, 0);
	v->body = store_column_str(st, 1);
	v->written_at = store_column_int64(st, 2);
}

static void
store_access_clear(struct store_access *a)
{
	store_thread_clear(&a->t);
	store_board_clear(&a->b);
}

/*
 * A thread with its board, if viewer may see it: the board readable and
 * the thread approved, or viewer its author or a moderator. 1 if not.
 */
static int
store_access_get(struct store *s, const struct store_viewer *v,
    int64_t id, struct store_access *a)
{
	static const char sql[] = "SELECT " THREAD_COLUMNS THREAD_FROM
	    "WHERE t.id = ?2";
	struct store_stmt *st;
	int r;

	memset(a, 0, sizeof(*a));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, v->member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		store_thread_row(st, &a->t);
	store_done(st);
	if (r == STORE_STEP_DONE)
		return 1;
	if (r != STORE_STEP_ROW)
		return -1;
	if ((r = store_board_raw(s, a->t.board_id, &a->b)) != 0) {
		store_access_clear(a);
		return r;
	}
	a->mod = store_board_can_moderate(&a->b, v);
	if (!store_board_can_read(&a->b, v) || (a->t.state != THREAD_PUBLIE &&
	    a->t.author_id != v->member_id && !a->mod)) {
		store_access_clear(a);
		return 1;
	}
	store_thread_mask(&a->t, a->mod);
	return 0;
}

/* Where store_thread_page reads from. */
enum store_page_from { PAGE_OFFSET, PAGE_AFTER, PAGE_BEFORE };

/*
 * Threads of a board for viewer, pinned first then newest activity: from
 * offset, or keyset-paged after or before the thread key, read from the
 * thread_order index where the cursor sits, so a page 5,000 threads deep
 * (or the last page, for « Fin ») costs what the first does. The key
 * (pinned, last_post_at, last_post_id, id) is unique thanks to id; a NULL
 * last_post_id sorts last in DESC order as it reads 0 in the cursor, and
 * ids are positive. Before a key the index is walked upwards (the same
 * bounds reversed) and the page turned back into list order.
 */
static int
store_thread_page(struct store *s, const struct store_viewer *v,
    int64_t board_id, enum store_page_from from, size_t offset,
    const struct store_thread *key, size_t max, struct store_thread **list,
    size_t *n)
{
#define THREAD_LIST_WHERE "WHERE t.board_id = ?2 AND (t.state = 'publie' OR " \
	"t.author_id = ?1 OR ?3 <> 0) "
#define THREAD_LIST_ORDER "ORDER BY t.pinned DESC, t.last_post_at DESC, " \
	"t.last_post_id DESC, t.id DESC "
	static const char sql_offset[] = "SELECT " THREAD_COLUMNS THREAD_FROM
	    THREAD_LIST_WHERE THREAD_LIST_ORDER "LIMIT ?4 OFFSET ?5";
	/* The row-value bound is the index range; the OR breaks the ties
	 * on (pinned, last_post_at) within it. */
	static const char sql_after[] = "SELECT " THREAD_COLUMNS THREAD_FROM
	    THREAD_LIST_WHERE "AND (t.pinned, t.last_post_at) <= (?5, ?6) "
	    "AND ((t.pinned, t.last_post_at) < (?5, ?6) OR "
	    "COALESCE(t.last_post_id, 0) < ?7 OR "
	    "(COALESCE(t.last_post_id, 0) = ?7 AND t.id < ?8)) "
	    THREAD_LIST_ORDER "LIMIT ?4";
#define THREAD_LIST_BACK "ORDER BY t.pinned, t.last_post_at, " \
	"t.last_post_id, t.id LIMIT ?4"
	static const char sql_before[] = "SELECT " THREAD_COLUMNS THREAD_FROM
	    THREAD_LIST_WHERE "AND (t.pinned, t.last_post_at) >= (?5, ?6) "
	    "AND ((t.pinned, t.last_post_at) > (?5, ?6) OR "
	    "COALESCE(t.last_post_id, 0) > ?7 OR "
	    "(COALESCE(t.last_post_id, 0) = ?7 AND t.id > ?8)) "
	    THREAD_LIST_BACK;
	/* No key: the last threads of the list (a text of its own: NULL
	 * keys have no type on PostgreSQL). */
	static const char sql_last[] = "SELECT " THREAD_COLUMNS THREAD_FROM
	    THREAD_LIST_WHERE THREAD_LIST_BACK;
#undef THREAD_LIST_WHERE
#undef THREAD_LIST_ORDER
#undef THREAD_LIST_BACK
	static const char *const sqls[] = { sql_offset, sql_after,
	    sql_before };
	struct store_board b;
	struct store_thread tmp;
	struct store_stmt *st;
	void *l;
	size_t i;
	int r, mod;

	*list = NULL;
	*n = 0;
	if ((r = store_board_raw(s, board_id, &b)) != 0)
		return r;
	mod = store_board_can_moderate(&b, v);
	r = store_board_can_read(&b, v);
	store_board_clear(&b);
	if (!r)
		return 1;
	if ((st = store_prepare(s, from == PAGE_BEFORE && key == NULL ?
	    sql_last : sqls[from])) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, v->member_id) != 0 ||
	    store_bind_int64(s, st, 2, board_id) != 0 ||
	    store_bind_int64(s, st, 3, mod) != 0 ||
	    store_bind_int64(s, st, 4, max == 0 || max > INT64_MAX ? -1 :
	    (int64_t)max) != 0)
		goto fail;
	if (from == PAGE_OFFSET) {
		if (store_bind_int64(s, st, 5, offset > INT64_MAX ?
		    INT64_MAX : (int64_t)offset) != 0)
			goto fail;
	} else if (key != NULL && (store_bind_int64(s, st, 5,
	    key->pinned) != 0 ||
	    store_bind_int64(s, st, 6, key->last_post_at) != 0 ||
	    store_bind_int64(s, st, 7, key->last_post_id) != 0 ||
	    store_bind_int64(s, st, 8, key->id) != 0))
		goto fail;
	r = store_rows(s, st, sizeof(**list), store_thread_row,
	    store_thread_clear_v, &l, n);
	*list = l;
	for (i = 0; r == 0 && i < *n; i++)
		store_thread_mask(&(*list)[i], mod);
	for (i = 0; r == 0 && from == PAGE_BEFORE && i < *n / 2; i++) {
		tmp = (*list)[i];
		(*list)[i] = (*list)[*n - 1 - i];
		(*list)[*n - 1 - i] = tmp;
	}
	return r;
fail:
	store_done(st);
	return -1;
}

/* Threads of a board for viewer from offset (see store_board.h). */
int
store_thread_list(struct store *s, const struct store_viewer *v,
    int64_t board_id, size_t offset, size_t max, struct store_thread **list,
    size_t *n)
{
	return store_thread_page(s, v, board_id, PAGE_OFFSET, offset, NULL,
	    max, list, n);
}

/* Threads of a board for viewer after a thread (see store_board.h). */
int
store_thread_list_after(struct store *s, const struct store_viewer *v,
    int64_t board_id, const struct store_thread *after, size_t max,
    struct store_thread **list, size_t *n)
{
	return store_thread_page(s, v, board_id, after != NULL ? PAGE_AFTER :
	    PAGE_OFFSET, 0, after, max, list, n);
}

/* Threads of a board for viewer before a thread (see store_board.h). */
int
store_thread_list_before(struct store *s, const struct store_viewer *v,
    int64_t board_id, const struct store_thread *before, size_t max,
    struct store_thread **list, size_t *n)
{
	return store_thread_page(s, v, board_id, PAGE_BEFORE, 0, before, max,
	    list, n);
}

/* One thread for viewer; 1 if none or hidden from viewer. */
int
store_thread_get(struct store *s, const struct store_viewer *v, int64_t id,
    struct store_thread *t)
{
	struct store_access a;
	int r;

	memset(t, 0, sizeof(*t));
	if ((r = store_access_get(s, v, id, &a)) != 0)
		return r;
	*t = a.t;
	store_board_clear(&a.b);
	return 0;
}

/* A post row, no permission check; 1 if none. */
static int
store_post_raw(struct store *s, int64_t id, struct store_post *p)
{
	static const char sql[] = "SELECT " POST_COLUMNS POST_FROM
	    "WHERE p.id = ?1";
	struct store_stmt *st;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_post_row(st, p);
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

/* Tree order of posts given in id order (see store_board_private.h). */
void
store_tree_order(const int64_t *ids, const int64_t *parents, size_t n,
    size_t *order, int *depth)
{
	ssize_t *pidx, *first, *last, *next, x, r;
	size_t i, k, lo, hi, mid;

	if (n == 0)
		return;
	pidx = xcalloc(n, sizeof(*pidx));
	first = xcalloc(n, sizeof(*first));
	last = xcalloc(n, sizeof(*last));
	next = xcalloc(n, sizeof(*next));
	for (i = 0; i < n; i++) {
		first[i] = last[i] = next[i] = pidx[i] = -1;
		/* A parent is older than its replies: search before i. */
		lo = 0;
		hi = i;
		while (parents[i] != 0 && lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (ids[mid] < parents[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (parents[i] != 0 && lo < i && ids[lo] == parents[i])
			pidx[i] = (ssize_t)lo;
		depth[i] = pidx[i] < 0 ? 0 : depth[pidx[i]] + 1;
		if (pidx[i] >= 0) {
			if (last[pidx[i]] < 0)
				first[pidx[i]] = (ssize_t)i;
			else
				next[last[pidx[i]]] = (ssize_t)i;
			last[pidx[i]] = (ssize_t)i;
		}
	}
	k = 0;
	for (i = 0; i < n; i++) {
		if (pidx[i] >= 0)
			continue;
		r = x = (ssize_t)i;
		for (;;) {
			order[k++] = (size_t)x;
			if (first[x] >= 0) {
				x = first[x];
				continue;
			}
			while (x != r && next[x] < 0)
				x = pidx[x];
			if (x == r)
				break;
			x = next[x];
		}
	}
	free(pidx);
	free(first);
	free(last);
	free(next);
}

/* The posts of a thread in tree order for viewer. */
int
store_post_tree(struct store *s, const struct store_viewer *v,
    int64_t thread_id, struct store_post **list, size_t *n)
{
	static const char sql[] = "SELECT " POST_COLUMNS POST_FROM
	    "WHERE p.thread_id = ?1 ORDER BY p.id";
	struct store_access a;
	struct store_readstate rs;
	struct store_post *all, *out;
	struct store_stmt *st;
	int64_t *ids, *parents;
	size_t *order, count, i, j;
	int *depth, r;
	void *l;

	*list = NULL;
	*n = 0;
	memset(&rs, 0, sizeof(rs));
	if ((r = store_access_get(s, v, thread_id, &a)) != 0)
		return r;
	if (a.t.state == THREAD_PUBLIE && store_readstate_get(s, v->member_id,
	    thread_id, &rs) != 0) {
		store_access_clear(&a);
		return -1;
	}
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, thread_id) != 0) {
		store_done(st);
		store_access_clear(&a);
		store_readstate_clear(&rs);
		return -1;
	}
	if (store_rows(s, st, sizeof(*all), store_post_row,
	    store_post_clear_v, &l, &count) != 0) {
		store_access_clear(&a);
		store_readstate_clear(&rs);
		return -1;
	}
	all = l;
	ids = xcalloc(count + 1, sizeof(*ids));
	parents = xcalloc(count + 1, sizeof(*parents));
	order = xcalloc(count + 1, sizeof(*order));
	depth = xcalloc(count + 1, sizeof(*depth));
	for (i = 0; i < count; i++) {
		ids[i] = all[i].id;
		parents[i] = all[i].parent_id;
	}
	store_tree_order(ids, parents, count, order, depth);
	out = xcalloc(count + 1, sizeof(*out));
	for (i = j = 0; i < count; i++) {
		struct store_post *p = &all[order[i]];

		p->depth = depth[order[i]];
		if (p->hidden_at != 0 && !a.mod) {
			store_post_clear(p);
			continue;
		}
		p->unread = a.t.state == THREAD_PUBLIE && p->hidden_at == 0 &&
		    !store_readstate_is_read(&rs, p->id);
		out[j++] = *p;
	}
	free(all);
	free(ids);
	free(parents);
	free(order);
	free(depth);
	store_access_clear(&a);
	store_readstate_clear(&rs);
	if (j == 0) {
		free(out);
		out = NULL;
	}
	*list = out;
	*n = j;
	return 0;
}

/* One post for viewer; 1 if none, hidden from viewer or not readable. */
int
store_post_get(struct store *s, const struct store_viewer *v, int64_t id,
    struct store_post *p)
{
	struct store_access a;
	struct store_readstate rs;
	int r;

	if ((r = store_post_raw(s, id, p)) != 0)
		return r;
	if ((r = store_access_get(s, v, p->thread_id, &a)) != 0) {
		store_post_clear(p);
		return r;
	}
	if (p->hidden_at != 0 && !a.mod) {
		store_access_clear(&a);
		store_post_clear(p);
		return 1;
	}
	if (a.t.state == THREAD_PUBLIE && p->hidden_at == 0) {
		if (store_readstate_get(s, v->member_id, p->thread_id,
		    &rs) != 0) {
			store_access_clear(&a);
			store_post_clear(p);
			return -1;
		}
		p->unread = !store_readstate_is_read(&rs, p->id);
		store_readstate_clear(&rs);
	}
	store_access_clear(&a);
	return 0;
}

/* Insert a post row, with the follow and mentions it makes; sets *id. */
static int
store_post_insert(struct store *s, int64_t thread_id, int64_t board_id,
    int64_t parent_id, int64_t author_id, const char *body, int64_t now,
    int64_t *id)
{
	static const char sql[] = "INSERT INTO post (thread_id, board_id, "
	    "parent_id, author_id, body, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, thread_id) != 0 ||
	    store_bind_int64(s, st, 2, board_id) != 0 ||
	    store_bind_id(s, st, 3, parent_id) != 0 ||
	    store_bind_int64(s, st, 4, author_id) != 0 ||
	    store_bind_text(s, st, 5, body) != 0 ||
	    store_bind_int64(s, st, 6, now) != 0) {
		store_done(st);
		return -1;
	}
	if (store_insert(s, st, id) != 0)
		return -1;
	return store_news_post_written(s, author_id, board_id, thread_id, *id,
	    parent_id, body, now);
}

/* Count a new visible post in its thread and (approved) its board. */
static int
store_post_count_new(struct store *s, int64_t thread_id, int64_t board_id,
    int64_t post_id, int64_t now, int approved)
{
	static const char thr[] = "UPDATE thread SET nposts = nposts + 1, "
	    "last_post_id = ?2, last_post_at = ?3 WHERE id = ?1 "
	    "RETURNING nposts";
	static const char brd[] = "UPDATE board SET nposts = nposts + 1, "
	    "nthreads = nthreads + ?4, last_post_id = ?2, "
	    "last_post_at = ?3 WHERE id = ?1";
	struct store_stmt *st;
	int64_t nposts = 0;
	int r;

	if ((st = store_prepare(s, thr)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, thread_id) != 0 ||
	    store_bind_int64(s, st, 2, post_id) != 0 ||
	    store_bind_int64(s, st, 3, now) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		nposts = store_column_int64(st, 0);
		r = store_step(s, st);
	}
	store_done(st);
	if (r != STORE_STEP_DONE)
		return -1;
	if (!approved)
		return 0;
	if ((st = store_prepare(s, brd)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, board_id) != 0 ||
	    store_bind_int64(s, st, 2, post_id) != 0 ||
	    store_bind_int64(s, st, 3, now) != 0 ||
	    store_bind_int64(s, st, 4, nposts == 1) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

/* Open a thread (see store_board.h for the returns). */
int
store_thread_new(struct store *s, const struct store_viewer *v,
    int64_t board_id, const char *title, const char *body,
    int64_t *thread_id, int64_t *post_id)
{
	static const char sql[] = "INSERT INTO thread (board_id, title, "
	    "author_id, created_at, last_post_at, state) "
	    "VALUES (?1, ?2, ?3, ?4, ?4, ?5) RETURNING id";
	struct store_board b;
	struct store_stmt *st;
	char *t = NULL, *text = NULL;
	int64_t now = now_sec(), tid, pid;
	int r, rc = -1, approved;

	*thread_id = *post_id = 0;
	if ((r = store_board_raw(s, board_id, &b)) != 0)
		return r;
	r = store_board_can_read(&b, v) && store_board_can_post(&b, v);
	approved = !b.approval || store_board_can_moderate(&b, v);
	store_board_clear(&b);
	if (!r)
		return STORE_FORBIDDEN;
	if ((r = store_text_clean(title, 0, STORE_TITLE_MAX, &t)) != 0)
		return r;
	if ((r = store_text_clean(body, 1, STORE_BODY_MAX, &text)) != 0) {
		free(t);
		return r;
	}
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, board_id) != 0 ||
	    store_bind_text(s, st, 2, t) != 0 ||
	    store_bind_int64(s, st, 3, v->member_id) != 0 ||
	    store_bind_int64(s, st, 4, now) != 0 ||
	    store_bind_text(s, st, 5, approved ? "publie" : "a_valider") != 0) {
		store_done(st);
		goto fail;
	}
	if (store_insert(s, st, &tid) != 0)
		goto fail;
	if (store_post_insert(s, tid, board_id, 0, v->member_id, text, now,
	    &pid) != 0 ||
	    store_post_count_new(s, tid, board_id, pid, now, approved) != 0 ||
	    store_fts_add(s, pid, t, text) != 0)
		goto fail;
	if (approved && (store_read_mark(s, v->member_id, tid, board_id,
	    pid) != 0 || store_notice_post(s, pid, v->member_id, now) != 0))
		goto fail;
	if (store_commit(s) != 0)
		goto out;
	*thread_id = tid;
	*post_id = pid;
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	free(t);
	free(text);
	return rc;
}

/* Reply to a post (see store_board.h for the returns). */
int
store_post_reply(struct store *s, const struct store_viewer *v,
    int64_t parent_id, const char *body, int64_t *post_id)
{
	struct store_post parent;
	struct store_access a;
	char *text = NULL;
	int64_t now = now_sec(), pid;
	int r, rc = -1;

	*post_id = 0;
	if ((r = store_post_raw(s, parent_id, &parent)) != 0)
		return r;
	r = store_access_get(s, v, parent.thread_id, &a);
	if (r == 0 && parent.hidden_at != 0 && !a.mod) {
		store_access_clear(&a);
		r = 1;
	}
	store_post_clear(&parent);
	if (r != 0)
		return r;
	if (!store_board_can_post(&a.b, v))
		rc = STORE_FORBIDDEN;
	else if (a.t.locked && !a.mod)
		rc = STORE_LOCKED;
	else if ((rc = store_text_clean(body, 1, STORE_BODY_MAX,
	    &text)) == 0)
		rc = -1;
	if (rc != -1)
		goto out;
	if (store_begin(s) != 0)
		goto out;
	if (store_post_insert(s, a.t.id, a.b.id, parent_id, v->member_id,
	    text, now, &pid) != 0 ||
	    store_post_count_new(s, a.t.id, a.b.id, pid, now,
	    a.t.state == THREAD_PUBLIE) != 0 ||
	    store_fts_add(s, pid, NULL, text) != 0 ||
	    (a.t.state == THREAD_PUBLIE && store_read_mark(s, v->member_id,
	    a.t.id, a.b.id, pid) != 0) ||
	    /* Who it answers and names, once others can read it. */
	    (a.t.state == THREAD_PUBLIE && store_notice_post(s, pid,
	    v->member_id, now) != 0)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s) != 0)
		goto out;
	*post_id = pid;
	rc = 0;
out:
	store_access_clear(&a);
	free(text);
	return rc;
}

/* The thread title a post was indexed with: its thread's for the opening
 * post, NULL for a reply. */
static int
store_thread_opening_title(struct store *s, const struct store_post *p,
    char **title)
{
	static const char sql[] = "SELECT title FROM thread WHERE id = ?1";
	struct store_stmt *st;
	int rc = -1;

	*title = NULL;
	if (p->parent_id != 0)
		return 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, p->thread_id) == 0 &&
	    store_step(s, st) == STORE_STEP_ROW) {
		*title = store_column_str(st, 0);
		rc = 0;
	}
	store_done(st);
	return rc;
}

/* Edit a post, keeping the former body (see store_board.h). */
int
store_post_edit(struct store *s, const struct store_viewer *v,
    int64_t post_id, const char *body)
{
	static const char ver[] = "INSERT INTO post_version (post_id, "
	    "version, body, written_at) VALUES (?1, ?2, ?3, ?4)";
	static const char upd[] = "UPDATE post SET body = ?2, edited_at = ?3, "
	    "nversions = nversions + 1 WHERE id = ?1";
	struct store_post p;
	struct store_access a;
	struct store_stmt *st;
	char *text = NULL, *title = NULL, target[32];
	int64_t edited = now_sec();
	int r, rc = -1;

	if ((r = store_post_raw(s, post_id, &p)) != 0)
		return r;
	if ((r = store_access_get(s, v, p.thread_id, &a)) != 0) {
		store_post_clear(&p);
		return r;
	}
	if (p.hidden_at != 0 && !a.mod)
		rc = 1;
	else if (a.b.archived_at != 0 || (!a.mod &&
	    (p.author_id != v->member_id || !store_board_can_post(&a.b, v))))
		rc = STORE_FORBIDDEN;
	else if ((rc = store_text_clean(body, 1, STORE_BODY_MAX,
	    &text)) == 0)
		rc = strcmp(text, p.body) == 0 ? 0 : -1;
	if (rc != -1)
		goto out;
	if (store_thread_opening_title(s, &p, &title) != 0)
		goto out;
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, ver)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, p.id) != 0 ||
	    store_bind_int64(s, st, 2, p.nversions + 1) != 0 ||
	    store_bind_text(s, st, 3, p.body) != 0 ||
	    store_bind_int64(s, st, 4, p.edited_at != 0 ? p.edited_at :
	    p.created_at) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if ((st = store_prepare(s, upd)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, p.id) != 0 ||
	    store_bind_text(s, st, 2, text) != 0 ||
	    store_bind_int64(s, st, 3, now_sec()) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (store_news_post_edited(s, p.author_id, a.b.id, p.id, text,
	    edited) != 0 || (a.t.state == THREAD_PUBLIE && p.hidden_at == 0 &&
	    store_notice_post(s, p.id, p.author_id, edited) != 0))
		goto fail;
	if (p.hidden_at == 0 && (store_fts_del(s, p.id, title, p.body) != 0 ||
	    store_fts_add(s, p.id, title, text) != 0))
		goto fail;
	snprintf(target, sizeof(target), "post:%lld", (long long)p.id);
	if (p.author_id != v->member_id && store_audit(s, v->member_id,
	    "post.edit", target, "") != 0)
		goto fail;
	if (store_commit(s) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	store_access_clear(&a);
	store_post_clear(&p);
	free(text);
	free(title);
	return rc;
}

/* Former versions of a post, oldest first; moderators only. */
int
store_post_versions(struct store *s, const struct store_viewer *v,
    int64_t post_id, struct store_post_version **list, size_t *n)
{
	static const char sql[] = "SELECT version, body, written_at "
	    "FROM post_version WHERE post_id = ?1 ORDER BY version";
	struct store_post p;
	struct store_access a;
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((r = store_post_raw(s, post_id, &p)) != 0)
		return r;
	r = store_access_get(s, v, p.thread_id, &a);
	store_post_clear(&p);
	if (r != 0)
		return r;
	r = a.mod;
	store_access_clear(&a);
	if (!r)
		return STORE_FORBIDDEN;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, post_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_rows(s, st, sizeof(**list), store_version_row,
	    store_version_clear_v, &l, n);
	*list = l;
	return r;
}

/*
 * Add delta (-1, +1) to nread of the members who have read post_id, by
 * the rule of read_thread: at or below upto without an "unread" mark,
 * or above it with a "read" mark.
 */
static int
store_nread_adjust(struct store *s, int64_t thread_id, int64_t post_id,
    int delta)
{
	static const char sql[] = "UPDATE read_thread SET nread = nread + ?3 "
	    "WHERE thread_id = ?1 AND CASE WHEN upto >= ?2 THEN NOT EXISTS "
	    "(SELECT 1 FROM read_mark m WHERE m.member_id = "
	    "read_thread.member_id AND m.post_id = ?2 AND m.is_read = 0) "
	    "ELSE EXISTS (SELECT 1 FROM read_mark m WHERE m.member_id = "
	    "read_thread.member_id AND m.post_id = ?2 AND m.is_read = 1) END";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, thread_id) != 0 ||
	    store_bind_int64(s, st, 2, post_id) != 0 ||
	    store_bind_int64(s, st, 3, delta) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

/* Hide (on) or show again (off) a post, with every counter. */
static int
store_post_set_hidden(struct store *s, const struct store_viewer *v,
    int64_t post_id, int on, const char *reason)
{
	static const char hide[] = "UPDATE post SET hidden_at = ?2, "
	    "hidden_by = ?3, hidden_reason = ?4 WHERE id = ?1";
	static const char show[] = "UPDATE post SET hidden_at = NULL, "
	    "hidden_by = NULL, hidden_reason = NULL WHERE id = ?1";
	struct store_post p;
	struct store_access a;
	struct store_stmt *st;
	char *why = NULL, *title = NULL, target[32];
	int r, rc = -1, approved;

	if ((r = store_post_raw(s, post_id, &p)) != 0)
		return r;
	if ((r = store_access_get(s, v, p.thread_id, &a)) != 0) {
		store_post_clear(&p);
		return r;
	}
	approved = a.t.state == THREAD_PUBLIE;
	if (!a.mod) {
		rc = STORE_FORBIDDEN;
		goto out;
	}
	if ((p.hidden_at != 0) == (on != 0)) {
		rc = 1;
		goto out;
	}
	why = txt_clean(reason != NULL ? reason : "", reason != NULL ?
	    strlen(reason) : 0, 0, STORE_REASON_MAX, NULL);
	if (store_thread_opening_title(s, &p, &title) != 0)
		goto out;
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, on ? hide : show)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, p.id) != 0 || (on &&
	    (store_bind_int64(s, st, 2, now_sec()) != 0 ||
	    store_bind_id(s, st, 3, v->member_id) != 0 ||
	    store_bind_text(s, st, 4, why) != 0))) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if ((approved && (store_nread_adjust(s, p.thread_id, p.id,
	    on ? -1 : 1) != 0 || store_read_hidden(s, a.b.id, p.thread_id,
	    p.id, on ? -1 : 1) != 0)) ||
	    store_thread_recount(s, p.thread_id) != 0 ||
	    (approved && store_board_recount(s, a.b.id) != 0))
		goto fail;
	if ((on ? store_fts_del : store_fts_add)(s, p.id, title, p.body) != 0)
		goto fail;
	snprintf(target, sizeof(target), "post:%lld", (long long)p.id);
	if (store_audit(s, v->member_id, on ? "post.hide" : "post.unhide",
	    target, on ? why : "") != 0)
		goto fail;
	if (store_commit(s) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	store_access_clear(&a);
	store_post_clear(&p);
	free(why);
	free(title);
	return rc;
}

int
store_post_hide(struct store *s, const struct store_viewer *v,
    int64_t post_id, const char *reason)
{
	return store_post_set_hidden(s, v, post_id, 1, reason);
}

int
store_post_unhide(struct store *s, const struct store_viewer *v,
    int64_t post_id)
{
	return store_post_set_hidden(s, v, post_id, 0, NULL);
}

/* Set pinned (which 0) or locked (which 1) on a thread. */
static int
store_thread_set_flag(struct store *s, const struct store_viewer *v,
    int64_t thread_id, int which, int on)
{
	static const char pin[] = "UPDATE thread SET pinned = ?2 "
	    "WHERE id = ?1";
	static const char lock[] = "UPDATE thread SET locked = ?2 "
	    "WHERE id = ?1";
	static const char *const actions[][2] = {
		{ "thread.unpin", "thread.pin" },
		{ "thread.unlock", "thread.lock" },
	};
	struct store_access a;
	struct store_stmt *st;
	char target[32];
	int r, rc = -1;

	if ((r = store_access_get(s, v, thread_id, &a)) != 0)
		return r;
	r = a.mod;
	store_access_clear(&a);
	if (!r)
		return STORE_FORBIDDEN;
	if (store_begin(s) != 0)
		return -1;
	if ((st = store_prepare(s, which == 0 ? pin : lock)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, thread_id) != 0 ||
	    store_bind_int64(s, st, 2, on != 0) != 0) {
		store_done(st);
		goto fail;
	}
	snprintf(target, sizeof(target), "thread:%lld", (long long)thread_id);
	if (store_run(s, st) != 0 || store_audit(s, v->member_id,
	    actions[which][on != 0], target, "") != 0)
		goto fail;
	if (store_commit(s) == 0)
		rc = 0;
	return rc;
fail:
	store_rollback(s);
	return -1;
}

int
store_thread_set_pinned(struct store *s, const struct store_viewer *v,
    int64_t thread_id, int on)
{
	return store_thread_set_flag(s, v, thread_id, 0, on);
}

int
store_thread_set_locked(struct store *s, const struct store_viewer *v,
    int64_t thread_id, int on)
{
	return store_thread_set_flag(s, v, thread_id, 1, on);
}

/* Move a thread, its posts and its read state to another active board. */
int
store_thread_move(struct store *s, const struct store_viewer *v,
    int64_t thread_id, int64_t board_id)
{
	static const char thr[] = "UPDATE thread SET board_id = ?2 "
	    "WHERE id = ?1";
	static const char pst[] = "UPDATE post SET board_id = ?2 "
	    "WHERE thread_id = ?1";
	/* A waiting thread has no read state; an approved one's moves
	 * with it (store_read_move). */
	static const char rd[] = "UPDATE read_thread SET board_id = ?2 "
	    "WHERE thread_id = ?1";
	static const char *const sqls[] = { thr, pst, rd };
	struct store_access a;
	struct store_board to;
	struct store_stmt *st;
	char target[32], detail[64];
	int64_t from;
	size_t i;
	int r, ok, approved;

	if ((r = store_access_get(s, v, thread_id, &a)) != 0)
		return r;
	from = a.b.id;
	ok = a.mod;
	approved = a.t.state == THREAD_PUBLIE;
	store_access_clear(&a);
	if ((r = store_board_raw(s, board_id, &to)) != 0)
		return r;
	ok = ok && to.archived_at == 0 && store_board_can_moderate(&to, v);
	store_board_clear(&to);
	if (!ok)
		return STORE_FORBIDDEN;
	if (from == board_id)
		return 0;
	if (store_begin(s) != 0)
		return -1;
	for (i = 0; i < nitems(sqls) - (approved ? 1 : 0); i++) {
		if ((st = store_prepare(s, sqls[i])) == NULL)
			goto fail;
		if (store_bind_int64(s, st, 1, thread_id) != 0 ||
		    store_bind_int64(s, st, 2, board_id) != 0) {
			store_done(st);
			goto fail;
		}
		if (store_run(s, st) != 0)
			goto fail;
	}
	if (approved && store_read_move(s, thread_id, from, board_id) != 0)
		goto fail;
	snprintf(target, sizeof(target), "thread:%lld", (long long)thread_id);
	snprintf(detail, sizeof(detail), "board:%lld -> board:%lld",
	    (long long)from, (long long)board_id);
	if (store_board_recount(s, from) != 0 ||
	    store_board_recount(s, board_id) != 0 ||
	    store_audit(s, v->member_id, "thread.move", target, detail) != 0)
		goto fail;
	return store_commit(s) == 0 ? 0 : -1;
fail:
	store_rollback(s);
	return -1;
}

/* Approve or refuse a waiting thread; STORE_STATE if it is not waiting. */
int
store_thread_approve(struct store *s, const struct store_viewer *v,
    int64_t thread_id, int on, const char *reason)
{
	static const char ok[] = "UPDATE thread SET state = 'publie' "
	    "WHERE id = ?1";
	static const char no[] = "UPDATE thread SET state = 'refuse', "
	    "refuse_reason = ?2 WHERE id = ?1";
	/* The author wrote the thread: all of it is read for them (a row
	 * current under their board mark, if any). */
	static const char rd[] = "INSERT INTO read_thread (member_id, "
	    "thread_id, board_id, upto, nread, seq) SELECT author_id, id, "
	    "board_id, COALESCE((SELECT MAX(id) FROM post "
	    "WHERE thread_id = ?1), 0), nposts, COALESCE((SELECT seq FROM "
	    "read_board rb WHERE rb.member_id = thread.author_id AND "
	    "rb.board_id = thread.board_id), 0) FROM thread WHERE id = ?1 "
	    "ON CONFLICT (member_id, thread_id) DO UPDATE SET "
	    "upto = excluded.upto, "
	    "nread = excluded.nread, seq = excluded.seq";
	struct store_access a;
	struct store_stmt *st;
	char *why = NULL, target[32];
	int64_t board_id;
	int r, rc = -1;

	if ((r = store_access_get(s, v, thread_id, &a)) != 0)
		return r;
	r = !a.mod ? STORE_FORBIDDEN : a.t.state != THREAD_A_VALIDER ?
	    STORE_STATE : 0;
	board_id = a.b.id;
	store_access_clear(&a);
	if (r != 0)
		return r;
	why = txt_clean(reason != NULL ? reason : "", reason != NULL ?
	    strlen(reason) : 0, 0, STORE_REASON_MAX, NULL);
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, on ? ok : no)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, thread_id) != 0 ||
	    (!on && store_bind_text(s, st, 2, why) != 0)) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (on) {
		if ((st = store_prepare(s, rd)) == NULL)
			goto fail;
		if (store_bind_int64(s, st, 1, thread_id) != 0) {
			store_done(st);
			goto fail;
		}
		/* Who it answers and names learn of it now. */
		if (store_run(s, st) != 0 ||
		    store_read_place(s, thread_id, board_id) != 0 ||
		    store_board_recount(s, board_id) != 0 ||
		    store_notice_thread(s, thread_id) != 0)
			goto fail;
	}
	snprintf(target, sizeof(target), "thread:%lld", (long long)thread_id);
	if (store_audit(s, v->member_id, on ? "thread.approve" :
	    "thread.refuse", target, why) != 0)
		goto fail;
	if (store_commit(s) == 0)
		rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	free(why);
	return rc;
}

/* Report a post; 1 if viewer cannot see it or reported it already. */
int
store_report_add(struct store *s, const struct store_viewer *v,
    int64_t post_id, const char *reason)
{
	static const char sql[] = "INSERT INTO report (post_id, reporter_id, "
	    "reason, created_at) VALUES (?1, ?2, ?3, ?4)";
	struct store_post p;
	struct store_stmt *st;
	char *why;
	int r;

	if ((r = store_post_get(s, v, post_id, &p)) != 0)
		return r;
	store_post_clear(&p);
	why = txt_clean(reason != NULL ? reason : "", reason != NULL ?
	    strlen(reason) : 0, TXT_MULTILINE, STORE_REASON_MAX, NULL);
	if ((st = store_prepare(s, sql)) == NULL) {
		free(why);
		return -1;
	}
	if (store_bind_int64(s, st, 1, post_id) != 0 ||
	    store_bind_int64(s, st, 2, v->member_id) != 0 ||
	    store_bind_text(s, st, 3, why) != 0 ||
	    store_bind_int64(s, st, 4, now_sec()) != 0) {
		store_done(st);
		free(why);
		return -1;
	}
	free(why);
	/* The open report's unique index: reported already. */
	if ((r = store_run(s, st)) == 1)
		r = STORE_EXISTS;
	return r;
}

/* The first non-empty line of body, at most max bytes (whole chars). */
static char *
store_first_line(const char *body, size_t max)
{
	size_t n;

	body += strspn(body, " \n");
	n = strcspn(body, "\n");
	if (n > max) {
		n = max;
		/* Back to the start of a UTF-8 character. */
		while (n > 0 && ((unsigned char)body[n] & 0xc0) == 0x80)
			n--;
	}
	return xstrndup(body, n);
}

/*
 * Step st into a list like store_rows(), keeping only the rows of boards
 * viewer moderates; the board's STORE_BOARD_COLUMNS start at column bcol.
 */
static int
store_moderated_rows(struct store *s, const struct store_viewer *v,
    struct store_stmt *st, size_t size,
    void (*row)(struct store_stmt *, void *), void (*clear)(void *),
    int bcol, void **list, size_t *n)
{
	struct store_board b;
	char *l = NULL;
	size_t count = 0, cap = 0, i;
	int r;

	*list = NULL;
	*n = 0;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		memset(&b, 0, sizeof(b));
		b.id = store_column_int64(st, bcol);
		b.read_role = store_role_parse(
		    store_column_peek(st, bcol + 1));
		b.moderators = (char *)store_column_peek(st, bcol + 2);
		if (b.read_role < 0)
			b.read_role = ROLE_SYSOP;
		if (!store_board_can_moderate(&b, v) ||
		    !store_board_can_read(&b, v))
			continue;
		if (count == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			l = xreallocarray(l, cap, size);
		}
		memset(l + count * size, 0, size);
		row(st, l + count * size);
		count++;
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		for (i = 0; i < count; i++)
			clear(l + i * size);
		free(l);
		return -1;
	}
	*list = l;
	*n = count;
	return 0;
}

static void
store_report_row(struct store_stmt *st, void *p)
{
	struct store_report *r = p;
	const char *body = store_column_peek(st, 8);

	r->id = store_column_int64(st, 0);
	r->post_id = store_column_int64(st, 1);
	r->thread_id = store_column_int64(st, 2);
	r->thread_title = store_column_str(st, 3);
	r->board_title = store_column_str(st, 4);
	r->reporter_name = store_column_str(st, 5);
	r->reason = store_column_str(st, 6);
	r->created_at = store_column_int64(st, 7);
	r->excerpt = store_first_line(body != NULL ? body : "", 120);
}

/* Open reports on the boards viewer moderates, oldest first. */
int
store_report_list(struct store *s, const struct store_viewer *v,
    struct store_report **list, size_t *n)
{
	static const char sql[] = "SELECT r.id, r.post_id, p.thread_id, "
	    "t.title, b.title, " STORE_AUTHOR_NAME("m") ", r.reason, "
	    "r.created_at, p.body, b.id, b.read_role, b.moderators "
	    "FROM report r JOIN post p ON p.id = r.post_id "
	    "JOIN thread t ON t.id = p.thread_id "
	    "JOIN board b ON b.id = t.board_id "
	    "JOIN member m ON m.id = r.reporter_id "
	    "WHERE r.closed_at IS NULL ORDER BY r.created_at, r.id";
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	r = store_moderated_rows(s, v, st, sizeof(**list), store_report_row,
	    store_report_clear_v, 9, &l, n);
	*list = l;
	return r;
}

/* Close an open report; 1 if none open, STORE_FORBIDDEN if viewer may
 * not. */
int
store_report_close(struct store *s, const struct store_viewer *v,
    int64_t report_id, const char *resolution)
{
	static const char get[] = "SELECT t.board_id FROM report r "
	    "JOIN post p ON p.id = r.post_id "
	    "JOIN thread t ON t.id = p.thread_id "
	    "WHERE r.id = ?1 AND r.closed_at IS NULL";
	static const char upd[] = "UPDATE report SET closed_at = ?2, "
	    "closed_by = ?3, resolution = ?4 WHERE id = ?1";
	struct store_board b;
	struct store_stmt *st;
	char *why = NULL, target[32];
	int64_t board_id = 0;
	int r, rc = -1;

	if ((st = store_prepare(s, get)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, report_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		board_id = store_column_int64(st, 0);
	store_done(st);
	if (r == STORE_STEP_DONE)
		return 1;
	if (r != STORE_STEP_ROW)
		return -1;
	if ((r = store_board_raw(s, board_id, &b)) != 0)
		return r;
	r = store_board_can_moderate(&b, v);
	store_board_clear(&b);
	if (!r)
		return STORE_FORBIDDEN;
	why = txt_clean(resolution != NULL ? resolution : "",
	    resolution != NULL ? strlen(resolution) : 0, TXT_MULTILINE,
	    STORE_REASON_MAX, NULL);
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, upd)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, report_id) != 0 ||
	    store_bind_int64(s, st, 2, now_sec()) != 0 ||
	    store_bind_id(s, st, 3, v->member_id) != 0 ||
	    store_bind_text(s, st, 4, why) != 0) {
		store_done(st);
		goto fail;
	}
	snprintf(target, sizeof(target), "report:%lld", (long long)report_id);
	if (store_run(s, st) != 0 ||
	    store_audit(s, v->member_id, "report.close", target, why) != 0)
		goto fail;
	if (store_commit(s) == 0)
		rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	free(why);
	return rc;
}

/* Threads waiting for approval on the boards viewer moderates. */
int
store_thread_waiting(struct store *s, const struct store_viewer *v,
    struct store_thread **list, size_t *n)
{
	static const char sql[] = "SELECT " THREAD_COLUMNS ", b.id, "
	    "b.read_role, b.moderators" THREAD_FROM
	    "JOIN board b ON b.id = t.board_id "
	    "WHERE t.state = 'a_valider' ORDER BY t.created_at, t.id";
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, v->member_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_moderated_rows(s, v, st, sizeof(**list), store_thread_row,
	    store_thread_clear_v, THREAD_NCOLUMNS, &l, n);
	*list = l;
	return r;
}

/* Open reports plus waiting threads viewer can deal with. */
int
store_moderation_count(struct store *s, const struct store_viewer *v,
    int64_t *n)
{
	struct store_report *reports;
	struct store_thread *threads;
	size_t nr, nt;

	*n = 0;
	if (store_role_rank(v->role) <= 0)
		return 0;
	if (store_report_list(s, v, &reports, &nr) != 0)
		return -1;
	store_report_list_free(reports, nr);
	if (store_thread_waiting(s, v, &threads, &nt) != 0)
		return -1;
	store_thread_list_free(threads, nt);
	*n = (int64_t)(nr + nt);
	return 0;
}
