/*
 * store_draft.c - what members have started writing and not sent: one
 * draft per member and context (a new thread in a board, a reply to a
 * post, the edit of a post).
 *
 * Invariants: (member, kind, board_id, target_id) is unique, with 0 for
 * the column the kind does not use, so saving twice replaces. Texts are
 * kept as written (cleaned, cut at the bounds, never refused): a draft
 * is there so that nothing typed is lost.
 *
 * Sending consumes a draft in the transaction that stores what it
 * became (store_draft_send(), for the forms' drafts too): the row stays,
 * emptied, with sent_as set, and is invisible to find and list. A save
 * naming that row is refused (the editor holding it is stale); a save
 * from scratch in the same context replaces it. Rows sent more than a
 * day ago are dropped at the member's next send.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "text/txt.h"
#include "util/util.h"

#define DRAFT_COLUMNS "d.id, CASE d.kind WHEN 'thread' THEN 0 " \
	"WHEN 'reply' THEN 1 WHEN 'edit' THEN 2 WHEN 'message' THEN 3 " \
	"ELSE 4 END, d.board_id, d.target_id, d.title, d.body, " \
	"d.updated_at, d.recipients"

static const char *const store_draft_kinds[] = {
	[DRAFT_THREAD] = "thread",
	[DRAFT_REPLY] = "reply",
	[DRAFT_EDIT] = "edit",
	[DRAFT_MESSAGE] = "message",
	[DRAFT_MSG_REPLY] = "msgreply",
};

static void	store_draft_row(struct store_stmt *, void *);
static void	store_draft_list_row(struct store_stmt *, void *);
static void	store_draft_clear_v(void *);
static int	store_draft_context(int, int64_t, int64_t *, int64_t *);

void
store_draft_clear(struct store_draft *d)
{
	if (d == NULL)
		return;
	free(d->title);
	free(d->body);
	free(d->context);
	free(d->recipients);
	memset(d, 0, sizeof(*d));
}

static void
store_draft_clear_v(void *d)
{
	store_draft_clear(d);
}

void
store_draft_list_free(struct store_draft *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_draft_clear_v);
}

/* Fill a draft from DRAFT_COLUMNS. */
static void
store_draft_row(struct store_stmt *st, void *p)
{
	struct store_draft *d = p;

	d->id = store_column_int64(st, 0);
	d->kind = store_column_int(st, 1);
	d->board_id = store_column_int64(st, 2);
	d->target_id = store_column_int64(st, 3);
	d->title = store_column_str(st, 4);
	d->body = store_column_str(st, 5);
	d->updated_at = store_column_int64(st, 6);
	d->recipients = store_column_str(st, 7);
}

/* A draft and its context: board title (8), thread title (9; the
 * record's, for the first comment on it), the parent's author (10), the
 * private conversation's subject (11). */
static void
store_draft_list_row(struct store_stmt *st, void *p)
{
	struct store_draft *d = p;
	const char *board = store_column_peek(st, 8);
	const char *thread = store_column_peek(st, 9);
	const char *author = store_column_peek(st, 10);
	const char *subject = store_column_peek(st, 11);

	store_draft_row(st, d);
	switch (d->kind) {
	case DRAFT_THREAD:
		if (d->board_id < 0)	/* the first comment on a document */
			xasprintf(&d->context, "Commentaire sur « %s »",
			    board != NULL ? board : "document disparu");
		else
			xasprintf(&d->context, "Nouveau sujet dans « %s »",
			    board != NULL ? board : "forum disparu");
		break;
	case DRAFT_REPLY:
		if (d->target_id < 0) {	/* the first comment on a record */
			xasprintf(&d->context, "Commentaire sur la fiche « %s »",
			    thread != NULL ? thread : "fiche disparue");
			break;
		}
		xasprintf(&d->context, "Réponse à %s dans « %s »",
		    author != NULL ? author : "un message disparu",
		    thread != NULL ? thread : "fil disparu");
		break;
	case DRAFT_MESSAGE:
		xasprintf(&d->context, "Message privé à %s", d->recipients);
		break;
	case DRAFT_MSG_REPLY:
		xasprintf(&d->context, "Réponse privée dans « %s »",
		    subject != NULL ? subject : "conversation disparue");
		break;
	default:
		xasprintf(&d->context, "Modification d'un message dans « %s »",
		    thread != NULL ? thread : "fil disparu");
		break;
	}
}

/* The (board_id, target_id) columns of a context; -1 for a bad kind. */
static int
store_draft_context(int kind, int64_t id, int64_t *board_id,
    int64_t *target_id)
{
	if (kind < 0 || (size_t)kind >= nitems(store_draft_kinds))
		return -1;
	*board_id = kind == DRAFT_THREAD ? id : 0;
	*target_id = kind == DRAFT_THREAD || kind == DRAFT_MESSAGE ? 0 : id;
	return 0;
}

/* Save the member's draft for its context (replaces); sets d->id. */
int
store_draft_save(struct store *s, int64_t member_id, struct store_draft *d)
{
	static const char sql[] = "INSERT INTO draft (member_id, kind, "
	    "board_id, target_id, title, body, updated_at, recipients) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	    "ON CONFLICT (member_id, kind, board_id, target_id) DO UPDATE "
	    "SET title = excluded.title, body = excluded.body, "
	    "updated_at = excluded.updated_at, "
	    "recipients = excluded.recipients, sent_as = NULL "
	    "WHERE draft.sent_as IS NULL OR draft.id <> ?9 RETURNING id";
	struct store_stmt *st;
	char *title, *body, *to;
	int64_t board_id, target_id, now = now_sec();
	int r, rc = -1;

	s->fault = STORE_FAULT_NONE;
	if (store_draft_context(d->kind, d->kind == DRAFT_THREAD ?
	    d->board_id : d->target_id, &board_id, &target_id) != 0)
		return -1;
	title = txt_clean(d->title != NULL ? d->title : "", d->title != NULL ?
	    strlen(d->title) : 0, 0, STORE_TITLE_MAX, NULL);
	body = txt_clean(d->body != NULL ? d->body : "", d->body != NULL ?
	    strlen(d->body) : 0, TXT_MULTILINE, STORE_BODY_MAX, NULL);
	to = txt_clean(d->recipients != NULL ? d->recipients : "",
	    d->recipients != NULL ? strlen(d->recipients) : 0, 0,
	    STORE_TITLE_MAX, NULL);
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, store_draft_kinds[d->kind]) != 0 ||
	    store_bind_int64(s, st, 3, board_id) != 0 ||
	    store_bind_int64(s, st, 4, target_id) != 0 ||
	    store_bind_text(s, st, 5, title) != 0 ||
	    store_bind_text(s, st, 6, body) != 0 ||
	    store_bind_int64(s, st, 7, now) != 0 ||
	    store_bind_text(s, st, 8, to) != 0 ||
	    store_bind_int64(s, st, 9, d->id) != 0) {
		store_done(st);
		goto out;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		d->id = store_column_int64(st, 0);
		if ((r = store_step(s, st)) == STORE_STEP_DONE)
			rc = 0;
	} else if (r == STORE_STEP_DONE)
		rc = STORE_DRAFT_SENT;	/* the row is d->id's, sent */
	store_done(st);
	if (rc == 0)
		d->updated_at = now;
out:
	free(title);
	free(body);
	free(to);
	return rc;
}

/* The member's draft for (kind, board or target); 1 if none. */
int
store_draft_find(struct store *s, int64_t member_id, int kind,
    int64_t board_or_target, struct store_draft *d)
{
	static const char sql[] = "SELECT " DRAFT_COLUMNS " FROM draft d "
	    "WHERE d.member_id = ?1 AND d.kind = ?2 AND d.board_id = ?3 "
	    "AND d.target_id = ?4 AND d.sent_as IS NULL";
	struct store_stmt *st;
	int64_t board_id, target_id;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	if (store_draft_context(kind, board_or_target, &board_id,
	    &target_id) != 0)
		return -1;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, store_draft_kinds[kind]) != 0 ||
	    store_bind_int64(s, st, 3, board_id) != 0 ||
	    store_bind_int64(s, st, 4, target_id) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_draft_row(st, d);
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

/* Delete one of the member's drafts; 1 if there is no such draft. */
int
store_draft_delete(struct store *s, int64_t member_id, int64_t id)
{
	static const char sql[] = "DELETE FROM draft WHERE id = ?1 "
	    "AND member_id = ?2";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, member_id) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_changes(s) == 0 ? 1 : 0;
}

/* The member's drafts, newest first, with their context. */
int
store_draft_list(struct store *s, int64_t member_id,
    struct store_draft **list, size_t *n)
{
	static const char sql[] = "SELECT " DRAFT_COLUMNS ", "
	    "COALESCE(b.title, dc.title, tb.title), COALESCE(t.title, "
	    "pr.title), " STORE_AUTHOR_NAME("m") ", c.subject FROM draft d "
	    "LEFT JOIN board b ON d.kind = 'thread' AND b.id = d.board_id "
	    "LEFT JOIN doc dc ON d.kind = 'thread' AND d.board_id < 0 "
	    "AND dc.id = -d.board_id "
	    "LEFT JOIN post p ON d.kind IN ('reply', 'edit') "
	    "AND p.id = d.target_id "
	    "LEFT JOIN message g ON d.kind = 'msgreply' AND g.id = d.target_id "
	    "LEFT JOIN conversation c ON c.id = g.conversation_id "
	    "LEFT JOIN thread t ON t.id = p.thread_id "
	    "LEFT JOIN board tb ON tb.id = t.board_id "
	    "LEFT JOIN member m ON m.id = p.author_id "
	    "LEFT JOIN practice pr ON d.kind = 'reply' AND d.target_id < 0 "
	    "AND pr.id = -d.target_id "
	    "WHERE d.member_id = ?1 AND d.sent_as IS NULL "
	    "ORDER BY d.updated_at DESC, d.id DESC";
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_rows(s, st, sizeof(**list), store_draft_list_row,
	    store_draft_clear_v, &l, n);
	*list = l;
	return r;
}

/* The SQL of one kind of draft for store_draft_send(): whether it was
 * sent (a row if so), and marking it sent. */
struct store_draft_sql {
	const char	*was_sent;	/* ?1 id, ?2 member, ?3 since */
	const char	*mark;		/* ?1 id, ?2 member, ?3 made, ?4 now */
};

static const struct store_draft_sql store_draft_sqls[] = {
	[DRAFT_OF_TEXT] = {
		"SELECT 1 FROM draft WHERE id = ?1 AND member_id = ?2 "
		"AND sent_as IS NOT NULL AND ?3 = ?3",
		"UPDATE draft SET title = '', body = '', recipients = '', "
		"sent_as = ?3, updated_at = ?4 WHERE id = ?1 "
		"AND member_id = ?2"
	},
	[DRAFT_OF_PRACTICE] = {
		"SELECT 1 FROM practice_draft WHERE practice_id = ?1 "
		"AND member_id = ?2 AND sent_as IS NOT NULL "
		"AND updated_at > ?3",
		"INSERT INTO practice_draft (member_id, practice_id, data, "
		"updated_at, sent_as) VALUES (?2, ?1, '{}', ?4, ?3) "
		"ON CONFLICT (member_id, practice_id) DO UPDATE SET "
		"data = '{}', updated_at = ?4, sent_as = ?3"
	},
	[DRAFT_OF_EVENT] = {
		"SELECT 1 FROM event_draft WHERE event_id = ?1 "
		"AND member_id = ?2 AND sent_as IS NOT NULL "
		"AND updated_at > ?3",
		"INSERT INTO event_draft (member_id, event_id, fields, "
		"updated_at, sent_as) VALUES (?2, ?1, '[]', ?4, ?3) "
		"ON CONFLICT (member_id, event_id) DO UPDATE SET "
		"fields = '[]', updated_at = ?4, sent_as = ?3"
	},
};

#define DRAFT_SENT_KEPT	(24 * 3600)	/* s: sent drafts kept that long */

int
store_draft_send(struct store *s, int64_t member_id,
    const struct store_draft_ref *ref,
    int (*send)(struct store *, void *, int64_t *), void *arg)
{
	static const char prune[] = "DELETE FROM draft WHERE member_id = ?1 "
	    "AND sent_as IS NOT NULL AND updated_at < ?2";
	const struct store_draft_sql *q;
	struct store_stmt *st;
	int64_t made = 0, now = now_sec();
	int r, rc, was;

	s->fault = STORE_FAULT_NONE;
	if (ref->table < 0 || (size_t)ref->table >= nitems(store_draft_sqls))
		return -1;
	q = &store_draft_sqls[ref->table];
	/* A member waits for this, a bounded time, then is told why. */
	was = store_wait(s, STORE_WAIT_SEND);
	if (store_begin(s) != 0) {
		store_wait(s, was);
		return -1;
	}
	if ((st = store_prepare(s, q->was_sent)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, ref->id) != 0 ||
	    store_bind_int64(s, st, 2, member_id) != 0 ||
	    store_bind_int64(s, st, 3, ref->since) != 0) {
		store_done(st);
		goto fail;
	}
	r = store_step(s, st);
	store_done(st);
	if (r == STORE_STEP_ROW) {
		rc = STORE_DRAFT_SENT;
		goto refused;
	}
	if (r != STORE_STEP_DONE)
		goto fail;
	if ((rc = send(s, arg, &made)) != 0)
		goto refused;
	/* No draft saved yet: nothing to mark (a form's is made). */
	if (ref->table != DRAFT_OF_TEXT || ref->id != 0) {
		if ((st = store_prepare(s, q->mark)) == NULL)
			goto fail;
		if (store_bind_int64(s, st, 1, ref->id) != 0 ||
		    store_bind_int64(s, st, 2, member_id) != 0 ||
		    store_bind_int64(s, st, 3, made) != 0 ||
		    store_bind_int64(s, st, 4, now) != 0) {
			store_done(st);
			goto fail;
		}
		if (store_run(s, st) != 0)
			goto fail;
	}
	if ((st = store_prepare(s, prune)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, now - DRAFT_SENT_KEPT) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	rc = store_commit(s) == 0 ? 0 : -1;
	store_wait(s, was);
	return rc;
fail:
	rc = -1;
refused:
	store_rollback(s);
	store_wait(s, was);
	return rc;
}
