/*
 * store_board.c - boards: the sync from the config files, lists with the
 * viewer's counts, permissions, and the helpers the other boards' files
 * share (cleaning members' text, recounting counters).
 *
 * Invariants: a board's key never changes and a board is never deleted;
 * a board whose config disappeared is archived (archived_at set) and is
 * restored, counters and read state intact, when its config comes back.
 * Roles are stored as member.role keys; unknown ones read as sysop, so a
 * damaged row shuts a board rather than opening it.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "text/txt.h"
#include "util/util.h"

static int	store_board_key_valid(const char *);
static int	store_board_sync_one(struct store *,
		    const struct store_board_conf *, int *);
static int	store_board_archive_missing(struct store *,
		    const struct store_board_conf *, size_t, int *);
static int	store_board_viewer_counts(struct store *,
		    const struct store_viewer *, struct store_board *);
static void	store_board_row(struct store_stmt *, void *);
static void	store_board_clear_v(void *);
static int	store_role_column(struct store_stmt *, int);
static int	store_login_listed(const char *, const char *);

/* Free a board conf's strings and zero it. */
void
store_board_conf_clear(struct store_board_conf *c)
{
	if (c == NULL)
		return;
	free(c->key);
	free(c->title);
	free(c->description);
	free(c->section);
	free(c->moderators);
	free(c->path);
	memset(c, 0, sizeof(*c));
}

/* Free a board's strings and zero it. */
void
store_board_clear(struct store_board *b)
{
	if (b == NULL)
		return;
	free(b->key);
	free(b->title);
	free(b->description);
	free(b->section);
	free(b->moderators);
	memset(b, 0, sizeof(*b));
}

/* store_board_clear() for store_rows(). */
static void
store_board_clear_v(void *b)
{
	store_board_clear(b);
}

/* Free a list from store_board_list(). */
void
store_board_list_free(struct store_board *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_board_clear_v);
}

/* Rank of a role for the boards' permissions. */
int
store_role_rank(int role)
{
	switch (role) {
	case ROLE_INVITE:
		return 0;
	case ROLE_MEMBRE:
	case ROLE_DOCUMENTALISTE:
	case ROLE_ORGANISATEUR:
		return 1;
	case ROLE_MODERATEUR:
		return 2;
	case ROLE_SYSOP:
		return 3;
	}
	return -1;	/* unknown: below everything */
}

/* A role key column; unknown reads as sysop (closes rather than opens). */
static int
store_role_column(struct store_stmt *st, int i)
{
	int r = store_role_parse(store_column_peek(st, i));

	return r < 0 ? ROLE_SYSOP : r;
}

/* Fill b from STORE_BOARD_COLUMNS at the start of a row. */
void
store_board_fill(struct store_stmt *st, struct store_board *b)
{
	memset(b, 0, sizeof(*b));
	b->id = store_column_int64(st, 0);
	b->key = store_column_str(st, 1);
	b->title = store_column_str(st, 2);
	b->description = store_column_str(st, 3);
	b->section = store_column_str(st, 4);
	b->position = store_column_int(st, 5);
	b->read_role = store_role_column(st, 6);
	b->post_role = store_role_column(st, 7);
	b->moderators = store_column_str(st, 8);
	b->approval = store_column_int(st, 9);
	b->archived_at = store_column_int64(st, 10);
	b->nthreads = store_column_int64(st, 11);
	b->nposts = store_column_int64(st, 12);
	b->last_post_at = store_column_int64(st, 13);
}

/* A board row and the viewer's sum of nread and new threads after it. */
static void
store_board_row(struct store_stmt *st, void *p)
{
	struct store_board *b = p;

	store_board_fill(st, b);
	b->unread = b->nposts - store_column_int64(st,
	    STORE_BOARD_NCOLUMNS);
	if (b->unread < 0)
		b->unread = 0;
	b->new_threads = store_column_int64(st, STORE_BOARD_NCOLUMNS + 1);
}

/* 1 if login is one of the space-separated logins of list. */
static int
store_login_listed(const char *list, const char *login)
{
	size_t len, n;
	const char *p;

	if (list == NULL || login == NULL || *login == '\0')
		return 0;
	len = strlen(login);
	for (p = list; *p != '\0'; p += n) {
		p += strspn(p, " \t,");
		n = strcspn(p, " \t,");
		if (n == len && strncmp(p, login, n) == 0)
			return 1;
	}
	return 0;
}

int
store_board_can_read(const struct store_board *b,
    const struct store_viewer *v)
{
	return store_role_rank(v->role) >= store_role_rank(b->read_role) ||
	    store_board_can_moderate(b, v);
}

/* Archived boards are read-only for everyone. */
int
store_board_can_post(const struct store_board *b,
    const struct store_viewer *v)
{
	if (b->archived_at != 0)
		return 0;
	return store_role_rank(v->role) >= store_role_rank(b->post_role) ||
	    store_board_can_moderate(b, v);
}

/* The board's listed logins, every modérateur and every sysop. Invités
 * never moderate, even when listed. */
int
store_board_can_moderate(const struct store_board *b,
    const struct store_viewer *v)
{
	int rank = store_role_rank(v->role);

	if (rank >= store_role_rank(ROLE_MODERATEUR))
		return 1;
	return rank > 0 && store_login_listed(b->moderators, v->login);
}

/* 1 if key is [a-z0-9-], 1..40 bytes. */
static int
store_board_key_valid(const char *key)
{
	size_t n;

	if (key == NULL)
		return 0;
	n = strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789-");
	return n > 0 && n <= 40 && key[n] == '\0';
}

/* Insert or update one board from its conf; counts changes in *changed. */
static int
store_board_sync_one(struct store *s, const struct store_board_conf *c,
    int *changed)
{
	static const char get[] = "SELECT id, title, description, section, "
	    "position, read_role, post_role, moderators, approval, "
	    "archived_at IS NOT NULL FROM board WHERE key = ?1";
	static const char add[] = "INSERT INTO board (key, title, "
	    "description, section, position, read_role, post_role, "
	    "moderators, approval, created_at, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)";
	static const char upd[] = "UPDATE board SET title = ?2, "
	    "description = ?3, section = ?4, position = ?5, read_role = ?6, "
	    "post_role = ?7, moderators = ?8, approval = ?9, "
	    "archived_at = NULL, updated_at = ?10 WHERE key = ?1";
	struct store_stmt *st;
	const char *sql, *action;
	int found = 0, same = 0, archived = 0;

	if ((st = store_prepare(s, get)) == NULL ||
	    store_bind_text(s, st, 1, c->key) != 0) {
		store_done(st);
		return -1;
	}
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		found = 1;
		same = strcmp(store_column_peek(st, 1),
		    c->title) == 0 &&
		    strcmp(store_column_peek(st, 2),
		    c->description) == 0 &&
		    strcmp(store_column_peek(st, 3),
		    c->section) == 0 &&
		    store_column_int(st, 4) == c->position &&
		    store_role_column(st, 5) == c->read_role &&
		    store_role_column(st, 6) == c->post_role &&
		    strcmp(store_column_peek(st, 7),
		    c->moderators) == 0 &&
		    store_column_int(st, 8) == (c->approval != 0);
		archived = store_column_int(st, 9);
		break;
	case STORE_STEP_DONE:
		break;
	default:
		store_done(st);
		return -1;
	}
	store_done(st);
	if (found && same && !archived)
		return 0;

	sql = found ? upd : add;
	action = !found ? "board.add" : archived ? "board.restore" :
	    "board.update";
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, c->key) != 0 ||
	    store_bind_text(s, st, 2, c->title) != 0 ||
	    store_bind_text(s, st, 3, c->description) != 0 ||
	    store_bind_text(s, st, 4, c->section) != 0 ||
	    store_bind_int64(s, st, 5, c->position) != 0 ||
	    store_bind_text(s, st, 6, store_role_key(c->read_role)) != 0 ||
	    store_bind_text(s, st, 7, store_role_key(c->post_role)) != 0 ||
	    store_bind_text(s, st, 8, c->moderators) != 0 ||
	    store_bind_int64(s, st, 9, c->approval != 0) != 0 ||
	    store_bind_int64(s, st, 10, now_sec()) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	if (store_audit(s, 0, action, c->key, c->title) != 0)
		return -1;
	(*changed)++;
	return 0;
}

/* Archive the active boards whose key is not among confs. */
static int
store_board_archive_missing(struct store *s,
    const struct store_board_conf *confs, size_t n, int *changed)
{
	static const char list[] = "SELECT id, key FROM board "
	    "WHERE archived_at IS NULL";
	static const char arch[] = "UPDATE board SET archived_at = ?2, "
	    "updated_at = ?2 WHERE id = ?1";
	struct store_stmt *st;
	int64_t *ids = NULL;
	char **keys = NULL;
	size_t count = 0, cap = 0, i, j;
	int r, rc = -1;

	if ((st = store_prepare(s, list)) == NULL)
		return -1;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		const char *key = store_column_peek(st, 1);

		for (j = 0; j < n; j++)
			if (strcmp(confs[j].key, key) == 0)
				break;
		if (j < n)
			continue;
		if (count == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			ids = xreallocarray(ids, cap, sizeof(*ids));
			keys = xreallocarray(keys, cap, sizeof(*keys));
		}
		ids[count] = store_column_int64(st, 0);
		keys[count++] = xstrdup(key);
	}
	store_done(st);
	if (r != STORE_STEP_DONE)
		goto out;
	for (i = 0; i < count; i++) {
		if ((st = store_prepare(s, arch)) == NULL)
			goto out;
		if (store_bind_int64(s, st, 1, ids[i]) != 0 ||
		    store_bind_int64(s, st, 2, now_sec()) != 0) {
			store_done(st);
			goto out;
		}
		if (store_run(s, st) != 0 ||
		    store_audit(s, 0, "board.archive", keys[i], "") != 0)
			goto out;
		(*changed)++;
	}
	rc = 0;
out:
	for (i = 0; i < count; i++)
		free(keys[i]);
	free(keys);
	free(ids);
	return rc;
}

/* Make the board table match confs, in one transaction. */
int
store_board_sync(struct store *s, const struct store_board_conf *confs,
    size_t n, int *changed)
{
	struct store_board_conf c;
	char key[64];
	int count = 0, rc;
	size_t i;

	if (changed != NULL)
		*changed = 0;
	for (i = 0; i < n; i++) {
		if (!store_board_key_valid(confs[i].key) ||
		    confs[i].title == NULL) {
			log_error("board with an invalid key: %s",
			    log_escape(key, sizeof(key), confs[i].key != NULL ?
			    confs[i].key : "(null)"));
			return -1;
		}
	}
	if (store_begin(s) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		c = confs[i];
		c.title = store_clean(confs[i].title, 0);
		c.description = store_clean(confs[i].description, 0);
		c.section = store_clean(confs[i].section, 0);
		c.moderators = store_clean(confs[i].moderators, 0);
		rc = store_board_sync_one(s, &c, &count);
		free(c.title);
		free(c.description);
		free(c.section);
		free(c.moderators);
		if (rc != 0)
			goto fail;
	}
	if (store_board_archive_missing(s, confs, n, &count) != 0)
		goto fail;
	if (store_commit(s) != 0)
		return -1;
	if (changed != NULL)
		*changed = count;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* The active boards viewer may read, in order, with the viewer's counts. */
int
store_board_list(struct store *s, const struct store_viewer *v,
    struct store_board **list, size_t *n)
{
#define LIST_SQL(nread, join) "SELECT " STORE_BOARD_COLUMNS ", " \
	    nread ", " \
	    /* New threads: all of them on a first visit (the counter); \
	     * else an index-only range of thread_created. */ \
	    "CASE WHEN ?2 <= 0 THEN b.nthreads ELSE " \
	    "(SELECT COUNT(*) FROM thread t WHERE t.board_id = b.id " \
	    "AND t.created_at > ?2 AND t.state = 'publie') END " \
	    "FROM board b " join "WHERE b.archived_at IS NULL " \
	    "ORDER BY b.position, b.title, b.id"
	static const char marked[] = LIST_SQL(STORE_BOARD_NREAD("?1",
	    "b.id", "rb"), "LEFT JOIN read_board rb ON rb.member_id = ?1 "
	    "AND rb.board_id = b.id ");
	/* A member with no board mark (every row current) skips a probe of
	 * read_board per board: 10 % of the list's time. */
	static const char plain[] = LIST_SQL("(SELECT COALESCE(SUM(r.nread), "
	    "0) FROM read_thread r WHERE r.member_id = ?1 AND "
	    "r.board_id = b.id)", "");
	static const char any[] = "SELECT EXISTS (SELECT 1 FROM read_board "
	    "WHERE member_id = ?1)";
#undef LIST_SQL
	struct store_board *l;
	struct store_stmt *st;
	void *p;
	size_t count, i, j;
	int r, has_mark = 0;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, any)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, v->member_id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW)
		has_mark = store_column_int(st, 0);
	store_done(st);
	if (r != STORE_STEP_ROW)
		return -1;
	if ((st = store_prepare(s, has_mark ? marked : plain)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, v->member_id) != 0 ||
	    store_bind_int64(s, st, 2, v->since) != 0) {
		store_done(st);
		return -1;
	}
	if (store_rows(s, st, sizeof(*l), store_board_row,
	    store_board_clear_v, &p, &count) != 0)
		return -1;
	l = p;
	for (i = j = 0; i < count; i++) {
		if (!store_board_can_read(&l[i], v)) {
			store_board_clear(&l[i]);
			continue;
		}
		l[i].can_post = store_board_can_post(&l[i], v);
		l[i].can_moderate = store_board_can_moderate(&l[i], v);
		l[j++] = l[i];
	}
	if (j == 0) {
		free(l);
		l = NULL;
	}
	*list = l;
	*n = j;
	return 0;
}

/* The board row by id, nothing about any viewer; 1 if none. */
int
store_board_raw(struct store *s, int64_t id, struct store_board *b)
{
	static const char sql[] = "SELECT " STORE_BOARD_COLUMNS
	    " FROM board b WHERE b.id = ?1";
	struct store_stmt *st;
	int rc = -1;

	memset(b, 0, sizeof(*b));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_board_fill(st, b);
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

/* Fill the viewer's unread count, new threads and permissions. */
static int
store_board_viewer_counts(struct store *s, const struct store_viewer *v,
    struct store_board *b)
{
	static const char sql[] = "SELECT "
	    STORE_BOARD_NREAD("?1", "?3", "rb") ", "
	    "(SELECT COUNT(*) FROM thread t WHERE t.board_id = ?3 "
	    "AND t.created_at > ?2 AND t.state = 'publie') FROM (SELECT 1) AS one "
	    "LEFT JOIN read_board rb ON rb.member_id = ?1 AND rb.board_id = ?3";
	struct store_stmt *st;
	int rc = -1;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, v->member_id) != 0 ||
	    store_bind_int64(s, st, 2, v->since) != 0 ||
	    store_bind_int64(s, st, 3, b->id) != 0)
		goto out;
	if (store_step(s, st) == STORE_STEP_ROW) {
		b->unread = b->nposts - store_column_int64(st, 0);
		if (b->unread < 0)
			b->unread = 0;
		b->new_threads = store_column_int64(st, 1);
		b->can_post = store_board_can_post(b, v);
		b->can_moderate = store_board_can_moderate(b, v);
		rc = 0;
	}
out:
	store_done(st);
	return rc;
}

/* One board by id for viewer (archived too); 1 if none or not readable. */
int
store_board_get(struct store *s, const struct store_viewer *v, int64_t id,
    struct store_board *b)
{
	int r;

	if ((r = store_board_raw(s, id, b)) != 0)
		return r;
	if (!store_board_can_read(b, v)) {
		store_board_clear(b);
		return 1;
	}
	if (store_board_viewer_counts(s, v, b) != 0) {
		store_board_clear(b);
		return -1;
	}
	return 0;
}

/* One board by key for viewer; 1 if none or not readable. */
int
store_board_by_key(struct store *s, const struct store_viewer *v,
    const char *key, struct store_board *b)
{
	static const char sql[] = "SELECT id FROM board WHERE key = ?1";
	struct store_stmt *st;
	int64_t id = 0;
	int r;

	memset(b, 0, sizeof(*b));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, key) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		id = store_column_int64(st, 0);
	store_done(st);
	if (r == STORE_STEP_DONE)
		return 1;
	if (r != STORE_STEP_ROW)
		return -1;
	return store_board_get(s, v, id, b);
}

/*
 * Clean what a member wrote and bound it: the whole text is cleaned
 * first (never cut silently), then measured. Only spaces and newlines
 * counts as empty.
 */
int
store_text_clean(const char *in, int multiline, size_t max, char **out)
{
	char *t;

	*out = NULL;
	if (in == NULL)
		return STORE_EMPTY;
	t = txt_clean(in, strlen(in), multiline ? TXT_MULTILINE : 0, 0,
	    NULL);
	if (strlen(t) > max) {
		free(t);
		return STORE_TOO_LONG;
	}
	if (t[strspn(t, " \n")] == '\0') {
		free(t);
		return STORE_EMPTY;
	}
	*out = t;
	return 0;
}

/* See store_private.h: what every writer binds. */
char *
store_clean(const char *in, int flags)
{
	if (in == NULL)
		in = "";
	return txt_clean(in, strlen(in), flags, 0, NULL);
}

/* Recompute nposts and the last post of a thread from its posts. */
int
store_thread_recount(struct store *s, int64_t thread_id)
{
	static const char sql[] = "UPDATE thread SET "
	    "nposts = (SELECT COUNT(*) FROM post "
	    "WHERE thread_id = ?1 AND hidden_at IS NULL), "
	    "last_post_id = (SELECT MAX(id) FROM post "
	    "WHERE thread_id = ?1 AND hidden_at IS NULL), "
	    "last_post_at = COALESCE((SELECT created_at FROM post "
	    "WHERE thread_id = ?1 AND hidden_at IS NULL "
	    "ORDER BY id DESC LIMIT 1), created_at) WHERE id = ?1";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, thread_id) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

/* Recompute a board's counters from its approved threads' counters. */
int
store_board_recount(struct store *s, int64_t board_id)
{
	static const char sql[] = "UPDATE board SET "
	    "nthreads = (SELECT COUNT(*) FROM thread WHERE board_id = ?1 "
	    "AND state = 'publie' AND nposts > 0), "
	    "nposts = (SELECT COALESCE(SUM(nposts), 0) FROM thread "
	    "WHERE board_id = ?1 AND state = 'publie'), "
	    "last_post_id = (SELECT MAX(last_post_id) FROM thread "
	    "WHERE board_id = ?1 AND state = 'publie' AND nposts > 0), "
	    "last_post_at = COALESCE((SELECT MAX(last_post_at) FROM thread "
	    "WHERE board_id = ?1 AND state = 'publie' AND nposts > 0), 0) "
	    "WHERE id = ?1";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, board_id) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}
