/*
 * store_notice.c - notices while connected (see store_notice.h): the
 * rows, the wake hook run after the outermost commit, and the French
 * line the status line shows.
 *
 * Invariants: a notice is written in the transaction of its cause, so
 * a rolled-back change tells nobody; the logins to wake are kept on the
 * connection until that transaction ends and handed to the hook only
 * once it has committed, so a woken session always finds its row. Each
 * insert drops up to 8 of the oldest rows if they are older than
 * STORE_NOTICE_KEEP: more are dropped than written, so the table holds
 * about a day of notices, whatever the size of the network.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "text/txt.h"
#include "util/util.h"

#define STORE_NOTICE_KEEP	86400	/* seconds a notice is kept */
#define STORE_NOTICE_BATCH	20	/* rows read per wake at most */
#define STORE_NOTICE_WHO_MIN	12	/* columns always left to a name */

static void	 store_notice_row(struct store_stmt *, void *);
static void	 store_notice_clear_v(void *);
static void	 store_notice_pending(struct store *, const char *);

void
store_notice_clear(struct store_notice *n)
{
	if (n == NULL)
		return;
	free(n->who);
	free(n->what);
	memset(n, 0, sizeof(*n));
}

static void
store_notice_clear_v(void *n)
{
	store_notice_clear(n);
}

void
store_notice_list_free(struct store_notice *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_notice_clear_v);
}

void
store_notice_hook(struct store *s,
    void (*wake)(const char *, const char *), const char *arg)
{
	free(s->notice_arg);
	s->notice_arg = arg != NULL ? xstrdup(arg) : NULL;
	s->notice_wake = wake;
}

/* Remember a login to wake at commit, once. */
static void
store_notice_pending(struct store *s, const char *login)
{
	size_t i;

	for (i = 0; i < s->notice_n; i++)
		if (strcmp(s->notice_logins[i], login) == 0)
			return;
	s->notice_logins = xreallocarray(s->notice_logins, s->notice_n + 1,
	    sizeof(*s->notice_logins));
	s->notice_logins[s->notice_n++] = xstrdup(login);
}

void
store_notice_drop(struct store *s)
{
	size_t i;

	for (i = 0; i < s->notice_n; i++)
		free(s->notice_logins[i]);
	free(s->notice_logins);
	s->notice_logins = NULL;
	s->notice_n = 0;
}

void
store_notice_flush(struct store *s)
{
	char **logins = s->notice_logins;
	size_t i, n = s->notice_n;

	/* Taken first: a hook that writes (it does not today) starts a
	 * list of its own. */
	s->notice_logins = NULL;
	s->notice_n = 0;
	for (i = 0; i < n; i++) {
		if (s->notice_wake != NULL)
			s->notice_wake(s->notice_arg, logins[i]);
		free(logins[i]);
	}
	free(logins);
}

int
store_notice_add(struct store *s, int64_t member_id,
    enum store_notice_kind kind, int64_t actor_id, int64_t ref_id)
{
	/* The oldest few rows, if expired: ids grow with time, so this
	 * reads 8 rows, never the whole table. */
	static const char prune[] = "DELETE FROM notice WHERE id IN (SELECT "
	    "id FROM notice ORDER BY id LIMIT 8) AND created_at < ?1";
	static const char ins[] = "INSERT INTO notice (member_id, kind, "
	    "actor_id, ref_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char who[] = "SELECT login FROM member WHERE id = ?1";
	struct store_stmt *st;
	int64_t now = now_sec();
	char *login = NULL;
	int rc = -1;

	if (member_id == 0 || member_id == actor_id)
		return 0;
	if (store_begin(s) != 0)
		return -1;
	if ((st = store_prepare(s, prune)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, now - STORE_NOTICE_KEEP) != 0) {
		store_done(st);
		goto out;
	}
	if (store_run(s, st) != 0 || (st = store_prepare(s, ins)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, kind) != 0 ||
	    store_bind_id(s, st, 3, actor_id) != 0 ||
	    store_bind_int64(s, st, 4, ref_id) != 0 ||
	    store_bind_int64(s, st, 5, now) != 0) {
		store_done(st);
		goto out;
	}
	if (store_run(s, st) != 0 || (st = store_prepare(s, who)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, member_id) == 0 &&
	    store_step(s, st) == STORE_STEP_ROW)
		login = store_column_str(st, 0);
	store_done(st);
	if (login == NULL)
		goto out;
	store_notice_pending(s, login);
	rc = 0;
out:
	free(login);
	if (rc != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

int
store_notice_query(struct store *s, const char *sql, int64_t a, int64_t b,
    enum store_notice_kind kind, int64_t actor, int64_t ref)
{
	struct store_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int r, rc = -1;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, a) != 0 ||
	    store_bind_int64(s, st, 2, b) != 0) {
		store_done(st);
		return -1;
	}
	/* Read them all first: store_notice_add() runs statements. */
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = store_column_int64(st, 0);
	}
	store_done(st);
	if (r == STORE_STEP_DONE) {
		for (i = 0; i < n; i++)
			if (store_notice_add(s, ids[i], kind, actor, ref) != 0)
				break;
		rc = i == n ? 0 : -1;
	}
	free(ids);
	return rc;
}

int
store_notice_post(struct store *s, int64_t post_id, int64_t author_id,
    int64_t since)
{
	/* The rows store_news.c recorded for this post (who may read it,
	 * not blocking its author), those of this write only: an edit
	 * tells the names it added, not those told already (by their
	 * second: an edit in the very second of the post would tell them
	 * again). */
	static const char replies[] = "SELECT member_id FROM mention WHERE "
	    "source = 'post' AND source_id = ?1 AND kind = 'reponse' AND "
	    "created_at >= ?2 ORDER BY member_id";
	static const char named[] = "SELECT member_id FROM mention WHERE "
	    "source = 'post' AND source_id = ?1 AND kind = 'mention' AND "
	    "created_at >= ?2 ORDER BY member_id";

	if (store_notice_query(s, replies, post_id, since, NOTICE_REPLY,
	    author_id, post_id) != 0 ||
	    store_notice_query(s, named, post_id, since, NOTICE_MENTION,
	    author_id, post_id) != 0)
		return -1;
	return 0;
}

int
store_notice_thread(struct store *s, int64_t thread_id)
{
	static const char sql[] = "SELECT id, author_id FROM post WHERE "
	    "thread_id = ?1 AND hidden_at IS NULL ORDER BY id";
	struct store_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int r, rc = STORE_ERR;

	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_int64(s, st, 1, thread_id) != 0) {
		store_done(st);
		return STORE_ERR;
	}
	/* Pairs (post, author), read first as in store_notice_query. */
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		ids = xreallocarray(ids, n + 2, sizeof(*ids));
		ids[n++] = store_column_int64(st, 0);
		ids[n++] = store_column_int64(st, 1);
	}
	store_done(st);
	if (r == STORE_STEP_DONE) {
		for (i = 0; i < n; i += 2)
			if (store_notice_post(s, ids[i], ids[i + 1], 0) != 0)
				break;
		rc = i >= n ? STORE_OK : STORE_ERR;
	}
	free(ids);
	return rc;
}

int
store_notice_last(struct store *s, int64_t member_id, int64_t *id)
{
	static const char sql[] = "SELECT MAX(id) FROM notice WHERE "
	    "member_id = ?1";
	struct store_stmt *st;
	int rc = -1;

	*id = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) == 0 &&
	    store_step(s, st) == STORE_STEP_ROW) {
		*id = store_column_int64(st, 0);
		rc = 0;
	}
	store_done(st);
	return rc;
}

static void
store_notice_row(struct store_stmt *st, void *p)
{
	struct store_notice *n = p;

	n->id = store_column_int64(st, 0);
	n->kind = (enum store_notice_kind)store_column_int(st, 1);
	n->who = store_column_str(st, 2);
	n->what = store_column_str(st, 3);
	n->created_at = store_column_int64(st, 4);
}

int
store_notice_since(struct store *s, int64_t member_id, int64_t after,
    struct store_notice **list, size_t *n)
{
	/* What a reply or a mention is about: its thread's title, as
	 * the member reads it (a hidden opening post hides it). */
	static const char sql[] = "SELECT n.id, n.kind, COALESCE("
	    STORE_AUTHOR_NAME("m") ", ''), CASE WHEN n.kind IN (2, 3) THEN "
	    "(SELECT CASE WHEN " STORE_OPENING_HIDDEN("t") " = 1 THEN '"
	    STORE_HIDDEN_TITLE "' ELSE t.title END FROM post p JOIN thread "
	    "t ON t.id = p.thread_id WHERE p.id = n.ref_id) WHEN n.kind = 4 "
	    "THEN (SELECT title FROM event WHERE id = n.ref_id) END, "
	    "n.created_at FROM notice n LEFT JOIN member m ON m.id = "
	    "n.actor_id WHERE n.member_id = ?1 AND n.id > ?2 ORDER BY n.id "
	    "LIMIT ?3";
	struct store_stmt *st;
	void *l = NULL;
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, after) != 0 ||
	    store_bind_int64(s, st, 3, STORE_NOTICE_BATCH) != 0) {
		store_done(st);
		return -1;
	}
	rc = store_rows(s, st, sizeof(**list), store_notice_row,
	    store_notice_clear_v, &l, n);
	*list = l;
	return rc;
}

char *
store_notice_text(const struct store_notice *n, size_t cols)
{
	const char *what = n->what != NULL ? n->what : "";
	char *who, *line, *out;
	size_t wmax;

	/* The name first: what follows it may be cut, the name and the
	 * verb after it only when the line is very narrow. */
	wmax = cols / 2 > STORE_NOTICE_WHO_MIN ? cols / 2 :
	    STORE_NOTICE_WHO_MIN;
	who = txt_trunc(n->who != NULL && n->who[0] != '\0' ? n->who :
	    "Quelqu'un", wmax);
	switch (n->kind) {
	case NOTICE_MESSAGE:
		xasprintf(&line, "%s vous a écrit", who);
		break;
	case NOTICE_REPLY:
		xasprintf(&line, "%s vous a répondu%s%s", who,
		    what[0] != '\0' ? " : " : "", what);
		break;
	case NOTICE_MENTION:
		xasprintf(&line, "Mention par %s%s%s", who,
		    what[0] != '\0' ? " : " : "", what);
		break;
	case NOTICE_PLACE:
		xasprintf(&line, "Place obtenue%s%s",
		    what[0] != '\0' ? " : " : "", what);
		break;
	default:
		line = xstrdup("Du nouveau pour vous");
		break;
	}
	out = txt_trunc(line, cols);
	free(line);
	free(who);
	return out;
}
