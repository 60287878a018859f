/*
 * store_news.c - « Quoi de neuf »: the mentions and replies recorded
 * when a text is stored, the one list of what is new for a member, and
 * what they have seen of it (see store_news.h for the model).
 *
 * The list is gathered section by section, each from the time index of
 * its rows after `since` (mention_new, doc_added, practice_new...), the
 * threads last in one walk of thread_recent stopped when the list is
 * full; what is followed is looked up by kind in the member's rows of
 * follow. So its cost follows what is new, never the size of a
 * section's history nor the thousands of threads a member follows
 * because they wrote in them (bench_boards at 1,000,000 posts). Read
 * permission on boards is decided in C by store_board_can_read() over
 * the board rows, the one rule every screen uses; the SQL only narrows.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_news_private.h"
#include "text/txt.h"
#include "util/util.h"

/* The member_pref of « tout marquer comme vu »: a time in seconds. */
#define NEWS_SEEN_PREF	"veille.vu"
/* STORE_NEWS_MAX, as SQL text. */
#define NEWS_LIMIT	"200"
_Static_assert(STORE_NEWS_MAX == 200, "NEWS_LIMIT is STORE_NEWS_MAX");

static const struct {
	const char	*key;
	const char	*label;
} news_kinds[NEWS_NKINDS] = {
	[NEWS_MENTION] = { "mention", "Mention" },
	[NEWS_REPLY] = { "reponse", "Réponse" },
	[NEWS_MESSAGE] = { "message", "Message" },
	[NEWS_PLACE] = { "place", "Place libérée" },
	[NEWS_THREAD] = { "fil", "Nouveau fil" },
	[NEWS_FOLLOWUP] = { "suite", "Suite" },
	[NEWS_DOC] = { "document", "Document" },
	[NEWS_PRACTICE] = { "pratique", "Pratique" },
	[NEWS_EVENT] = { "journee", "Journée" },
};

/* The boards one may read, and what one follows, loaded once a list. */
struct news_ctx {
	struct store		*s;
	struct store_viewer	 v;
	int64_t			 since;
	int			 scope;
	struct store_board	*boards;	/* readable, active; the most
						 * recent activity first */
	size_t			 nboards;
	struct store_follow	*follows;
	size_t			 nfollows;
	char			**seen;		/* items seen after since */
	int64_t			*seen_at;
	size_t			 nseen;
	struct store_news_item	*items;
	size_t			 n;
};

const char *
store_news_kind_key(int k)
{
	return k >= 0 && k < NEWS_NKINDS ? news_kinds[k].key : "";
}

const char *
store_news_kind_label(int k)
{
	return k >= 0 && k < NEWS_NKINDS ? news_kinds[k].label : "";
}

void
store_news_clear(struct store_news_item *it)
{
	free(it->title);
	free(it->where);
	free(it->who);
	memset(it, 0, sizeof(*it));
}

void
store_news_list_free(struct store_news_item *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_news_clear(&l[i]);
	free(l);
}

/* --- Recording mentions and replies --------------------------------------- */

/* Record that member_id was named (or answered) by a text; the first
 * record of a text for a member stays. */
static int
store_mention_add(struct store *s, int64_t member_id, const char *source,
    int64_t source_id, const char *kind, int64_t author_id, int64_t now)
{
	static const char sql[] = "INSERT INTO mention (member_id, source, "
	    "source_id, kind, author_id, created_at) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6) ON CONFLICT DO NOTHING";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, source) != 0 ||
	    store_bind_int64(s, st, 3, source_id) != 0 ||
	    store_bind_text(s, st, 4, kind) != 0 ||
	    store_bind_int64(s, st, 5, author_id) != 0 ||
	    store_bind_int64(s, st, 6, now) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

/*
 * The next '@login' of text from *p on: a login ([a-z0-9._-], any case)
 * right after an '@' that does not follow a login character (so that
 * « karim@exemple.fr » names nobody), without the full stop that ends a
 * sentence. 1 with login (lower case) filled, 0 at the end.
 */
static int
store_mention_next(const char **p, char *login, size_t size)
{
	const char *s = *p, *at, *e;
	size_t n, i;

	while ((at = strchr(s, '@')) != NULL) {
		s = at + 1;
		if (at > *p && (isalnum((unsigned char)at[-1]) ||
		    strchr("._-", at[-1]) != NULL))
			continue;
		for (e = s; isalnum((unsigned char)*e) ||
		    (*e != '\0' && strchr("._-", *e) != NULL); e++)
			;
		n = (size_t)(e - s);
		while (n > 0 && s[n - 1] == '.')
			n--;
		if (n == 0 || n >= size)
			continue;
		for (i = 0; i < n; i++)
			login[i] = (char)tolower((unsigned char)s[i]);
		login[n] = '\0';
		*p = e;
		return 1;
	}
	*p = s + strlen(s);
	return 0;
}

/*
 * Whether member m may be told of a text by author_id: active, not the
 * author, not blocking them, and able to read where it was written (the
 * board b, or conversation conv). 1 yes, 0 no, -1 error.
 */
static int
store_mention_allowed(struct store *s, const struct store_member *m,
    int64_t author_id, const struct store_board *b, int64_t conv)
{
	static const char in[] = "SELECT 1 FROM conversation_member WHERE "
	    "conversation_id = ?1 AND member_id = ?2";
	struct store_viewer v;
	struct store_stmt *st;
	int r;

	if (m->status != STATUS_ACTIF || m->id == author_id)
		return 0;
	if ((r = store_block_is(s, m->id, author_id)) != 0)
		return r < 0 ? -1 : 0;
	if (b != NULL) {
		memset(&v, 0, sizeof(v));
		v.member_id = m->id;
		v.login = m->login;
		v.role = m->role;
		return store_board_can_read(b, &v);
	}
	if ((st = store_prepare(s, in)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, conv) != 0 ||
	    store_bind_int64(s, st, 2, m->id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	return r == STORE_STEP_ROW ? 1 : r == STORE_STEP_DONE ? 0 : -1;
}

/* Record the mentions of body (board b or conversation conv). */
static int
store_mentions_record(struct store *s, int64_t author_id,
    const struct store_board *b, int64_t conv, const char *source,
    int64_t source_id, const char *body, int64_t now)
{
	struct store_member m;
	const char *p = body;
	char login[64];
	int n = 0, r;

	while (n < STORE_MENTIONS_MAX && store_mention_next(&p, login,
	    sizeof(login))) {
		if ((r = store_member_by_login(s, login, &m)) < 0)
			return -1;
		if (r != 0)
			continue;
		n++;
		r = store_mention_allowed(s, &m, author_id, b, conv);
		if (r > 0)
			r = store_mention_add(s, m.id, source, source_id,
			    "mention", author_id, now);
		store_member_clear(&m);
		if (r < 0)
			return -1;
	}
	return 0;
}

int
store_news_post_written(struct store *s, int64_t author_id, int64_t board_id,
    int64_t thread_id, int64_t post_id, int64_t parent_id, const char *body,
    int64_t now)
{
	static const char parent[] = "SELECT author_id FROM post WHERE id = ?1";
	struct store_board b;
	struct store_member m;
	struct store_stmt *st;
	int64_t to = 0;
	int rc = -1, r;

	memset(&m, 0, sizeof(m));
	memset(&b, 0, sizeof(b));
	if (store_follow_auto_thread(s, author_id, thread_id, now) < 0)
		return -1;
	if (parent_id != 0) {
		if ((st = store_prepare(s, parent)) == NULL)
			return -1;
		if (store_bind_int64(s, st, 1, parent_id) != 0) {
			store_done(st);
			return -1;
		}
		if ((r = store_step(s, st)) == STORE_STEP_ROW)
			to = store_column_int64(st, 0);
		store_done(st);
		if (r < 0)
			return -1;
	}
	/* Most posts name nobody and answer oneself or no one: no board
	 * to read for them. */
	if (strchr(body, '@') == NULL && (to == 0 || to == author_id))
		return 0;
	if (store_board_raw(s, board_id, &b) != 0)
		return -1;
	if (store_mentions_record(s, author_id, &b, 0, "post", post_id, body,
	    now) != 0)
		goto out;
	if (to != 0 && to != author_id) {
		if ((r = store_member_by_id(s, to, &m)) < 0)
			goto out;
		if (r == 0 && (r = store_mention_allowed(s, &m, author_id, &b,
		    0)) < 0)
			goto out;
		if (r > 0 && store_mention_add(s, to, "post", post_id,
		    "reponse", author_id, now) != 0)
			goto out;
	}
	rc = 0;
out:
	store_member_clear(&m);
	store_board_clear(&b);
	return rc;
}

int
store_news_post_edited(struct store *s, int64_t author_id, int64_t board_id,
    int64_t post_id, const char *body, int64_t now)
{
	struct store_board b;
	int rc;

	if (store_board_raw(s, board_id, &b) != 0)
		return -1;
	rc = store_mentions_record(s, author_id, &b, 0, "post", post_id, body,
	    now);
	store_board_clear(&b);
	return rc;
}

int
store_news_message_written(struct store *s, int64_t author_id,
    int64_t conversation_id, int64_t message_id, const char *body,
    int64_t now)
{
	return store_mentions_record(s, author_id, NULL, conversation_id,
	    "message", message_id, body, now);
}

/* --- Seen ----------------------------------------------------------------- */

int
store_news_seen(struct store *s, int64_t member_id, const char *item,
    int64_t t)
{
	static const char sql[] = "INSERT INTO news_seen (member_id, item, "
	    "seen_at) VALUES (?1, ?2, ?3) ON CONFLICT (member_id, item) "
	    "DO UPDATE SET seen_at = excluded.seen_at "
	    "WHERE excluded.seen_at > news_seen.seen_at";
	struct store_stmt *st;

	if (item == NULL || *item == '\0')
		return STORE_INVALID;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, item) != 0 ||
	    store_bind_int64(s, st, 3, t) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

/*
 * The mark goes one second below the newest item listed, and the items
 * of that second are marked one by one: what came in that same second
 * without being listed (after the list was read) stays new.
 */
int
store_news_seen_all(struct store *s, int64_t member_id,
    const struct store_news_item *list, size_t n)
{
	static const char del[] = "DELETE FROM news_seen WHERE "
	    "member_id = ?1 AND seen_at <= ?2";
	struct store_stmt *st;
	int64_t mark;
	char v[32];
	size_t i;

	if (n == 0)
		return STORE_OK;
	mark = list[0].at - 1;
	for (i = 1; i < n; i++)
		if (list[i].at - 1 > mark)
			mark = list[i].at - 1;
	snprintf(v, sizeof(v), "%lld", (long long)mark);
	if (store_begin(s) != 0)
		return STORE_ERR;
	if (store_pref_set(s, member_id, NEWS_SEEN_PREF, v) != 0)
		goto fail;
	if ((st = store_prepare(s, del)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, mark) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (list[i].at > mark && store_news_seen(s, member_id,
		    list[i].id, list[i].at) != STORE_OK)
			goto fail;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERR;
fail:
	store_rollback(s);
	return STORE_ERR;
}

/* --- The list ------------------------------------------------------------ */

/* A follow as news_follows() needs it: no label. */
static void
news_follow_row(struct store_stmt *st, void *p)
{
	struct store_follow *f = p;

	f->kind = store_follow_kind_parse(
	    store_column_peek(st, 0));
	f->target_id = store_column_int64(st, 1);
	f->key = store_column_str(st, 2);
}

static void
news_follow_clear_v(void *p)
{
	store_follow_clear(p);
}

/* Load what the list needs once: the member, the boards they may read,
 * what they follow (but threads, read by SQL: a member may follow
 * thousands), what they saw after since. */
static int
news_load(struct news_ctx *c, int64_t member_id)
{
	static const char boards[] = "SELECT " STORE_BOARD_COLUMNS
	    " FROM board b WHERE b.archived_at IS NULL "
	    "ORDER BY b.last_post_at DESC";
	static const char seen[] = "SELECT item, seen_at FROM news_seen "
	    "WHERE member_id = ?1 AND seen_at > ?2";
	/* The kinds named, not « kind <> 'fil' »: the primary key is then
	 * read for those kinds only, never over the member's threads. */
	static const char follows[] = "SELECT kind, target_id, target_key "
	    "FROM follow WHERE member_id = ?1 AND kind IN ('forum', 'theme', "
	    "'type', 'emetteur', 'region', 'departement', 'membre') AND "
	    "active = 1";
	struct store_member m;
	struct store_board b;
	struct store_stmt *st;
	char *vu = NULL;
	int r;

	if ((r = store_member_by_id(c->s, member_id, &m)) != 0)
		return r;
	c->v.member_id = m.id;
	c->v.login = xstrdup(m.login);
	c->v.role = m.role;
	store_member_clear(&m);
	if ((r = store_pref_get(c->s, member_id, NEWS_SEEN_PREF, &vu)) < 0)
		return -1;
	if (r == 0 && strtoll(vu, NULL, 10) > c->since)
		c->since = strtoll(vu, NULL, 10);
	free(vu);
	if ((st = store_prepare(c->s, boards)) == NULL)
		return -1;
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW) {
		memset(&b, 0, sizeof(b));
		store_board_fill(st, &b);
		if (!store_board_can_read(&b, &c->v)) {
			store_board_clear(&b);
			continue;
		}
		c->boards = xreallocarray(c->boards, c->nboards + 1,
		    sizeof(*c->boards));
		c->boards[c->nboards++] = b;
	}
	store_done(st);
	if (r != STORE_STEP_DONE)
		return -1;
	if ((st = store_prepare(c->s, follows)) == NULL)
		return -1;
	if (store_bind_int64(c->s, st, 1, member_id) != 0) {
		store_done(st);
		return -1;
	}
	if (store_rows(c->s, st, sizeof(*c->follows), news_follow_row,
	    news_follow_clear_v, (void **)&c->follows, &c->nfollows) != 0)
		return -1;
	if ((st = store_prepare(c->s, seen)) == NULL)
		return -1;
	if (store_bind_int64(c->s, st, 1, member_id) != 0 ||
	    store_bind_int64(c->s, st, 2, c->since) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW) {
		c->seen = xreallocarray(c->seen, c->nseen + 1,
		    sizeof(*c->seen));
		c->seen_at = xreallocarray(c->seen_at, c->nseen + 1,
		    sizeof(*c->seen_at));
		c->seen[c->nseen] = store_column_str(st, 0);
		c->seen_at[c->nseen++] = store_column_int64(st, 1);
	}
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

static void
news_ctx_clear(struct news_ctx *c)
{
	size_t i;

	free((char *)c->v.login);
	store_board_list_free(c->boards, c->nboards);
	store_follow_list_free(c->follows, c->nfollows);
	for (i = 0; i < c->nseen; i++)
		free(c->seen[i]);
	free(c->seen);
	free(c->seen_at);
	store_news_list_free(c->items, c->n);
}

/* The readable board of that id, or NULL. */
static const struct store_board *
news_board(const struct news_ctx *c, int64_t id)
{
	size_t i;

	for (i = 0; i < c->nboards; i++)
		if (c->boards[i].id == id)
			return &c->boards[i];
	return NULL;
}

/* 1 if the member follows (kind, id, key). */
static int
news_follows(const struct news_ctx *c, int kind, int64_t id, const char *key)
{
	size_t i;

	for (i = 0; i < c->nfollows; i++)
		if (c->follows[i].kind == kind &&
		    c->follows[i].target_id == id &&
		    strcmp(c->follows[i].key, key != NULL ? key : "") == 0)
			return 1;
	return 0;
}

/* Add an item unless the member saw it since it happened. */
static void
news_add(struct news_ctx *c, int kind, int letter, int64_t id, int64_t at,
    const char *title, const char *where, const char *who)
{
	struct store_news_item *it;
	char item[24];
	size_t i;

	snprintf(item, sizeof(item), "%c%lld", letter, (long long)id);
	for (i = 0; i < c->nseen; i++)
		if (c->seen_at[i] >= at && strcmp(c->seen[i], item) == 0)
			return;
	c->items = xreallocarray(c->items, c->n + 1, sizeof(*c->items));
	it = &c->items[c->n++];
	it->kind = kind;
	memcpy(it->id, item, sizeof(it->id));
	it->at = at;
	it->title = xstrdup(title != NULL ? title : "");
	it->where = xstrdup(where != NULL ? where : "");
	it->who = xstrdup(who != NULL ? who : "");
}

/* Bind ?1 member, ?2 since, ?3 scope (and ?4 when given >= 0). */
static struct store_stmt *
news_prepare(struct news_ctx *c, const char *sql, int64_t arg)
{
	struct store_stmt *st;

	if ((st = store_prepare(c->s, sql)) == NULL)
		return NULL;
	if (store_bind_int64(c->s, st, 1, c->v.member_id) != 0 ||
	    store_bind_int64(c->s, st, 2, c->since) != 0 ||
	    store_bind_int64(c->s, st, 3, c->scope) != 0 ||
	    (arg >= 0 && store_bind_int64(c->s, st, 4, arg) != 0)) {
		store_done(st);
		return NULL;
	}
	return st;
}

/* Mentions and replies of posts and messages still visible to me. */
static int
news_mentions(struct news_ctx *c)
{
	static const char sql[] = "SELECT mn.kind, mn.source, mn.source_id, "
	    "mn.created_at, " STORE_AUTHOR_NAME("a") ", p.board_id, "
	    "p.hidden_at IS NULL AND t.state = 'publie', CASE WHEN "
	    STORE_OPENING_HIDDEN("t") " = 1 THEN '" STORE_HIDDEN_TITLE "' ELSE "
	    "t.title END, g.conversation_id, cv.subject "
	    "FROM mention mn JOIN member a ON a.id = mn.author_id "
	    "LEFT JOIN post p ON mn.source = 'post' AND p.id = mn.source_id "
	    "LEFT JOIN thread t ON t.id = p.thread_id "
	    "LEFT JOIN message g ON mn.source = 'message' AND "
	    "g.id = mn.source_id "
	    "LEFT JOIN conversation cv ON cv.id = g.conversation_id "
	    "WHERE mn.member_id = ?1 AND mn.created_at > ?2 AND ?3 = ?3 "
	    "AND NOT EXISTS (SELECT 1 FROM member_block k WHERE "
	    "k.member_id = ?1 AND k.blocked_id = mn.author_id) "
	    "AND (mn.source = 'post' OR EXISTS (SELECT 1 FROM "
	    "conversation_member cm WHERE cm.conversation_id = "
	    "g.conversation_id AND cm.member_id = ?1)) "
	    "ORDER BY mn.created_at DESC LIMIT " NEWS_LIMIT;
	const struct store_board *b;
	struct store_stmt *st;
	int kind, r;

	if ((st = news_prepare(c, sql, -1)) == NULL)
		return -1;
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW) {
		kind = strcmp(store_column_peek(st, 0),
		    "reponse") == 0 ? NEWS_REPLY : NEWS_MENTION;
		if (strcmp(store_column_peek(st, 1),
		    "message") == 0) {
			news_add(c, kind, 'c', store_column_int64(st, 8),
			    store_column_int64(st, 3),
			    store_column_peek(st, 9), "Messagerie",
			    store_column_peek(st, 4));
			continue;
		}
		b = news_board(c, store_column_int64(st, 5));
		if (b == NULL || store_column_int(st, 6) == 0)
			continue;
		news_add(c, kind, 'm', store_column_int64(st, 2),
		    store_column_int64(st, 3),
		    store_column_peek(st, 7), b->title,
		    store_column_peek(st, 4));
	}
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

/* Conversations with a message to me not read yet; never its text. */
static int
news_messages(struct news_ctx *c)
{
	static const char sql[] = "SELECT c.id, c.subject, g.created_at, "
	    STORE_AUTHOR_NAME("a") " FROM conversation_member cm "
	    "JOIN conversation c ON c.id = cm.conversation_id "
	    "JOIN message g ON g.id = (SELECT MAX(h.id) FROM message h WHERE "
	    "h.conversation_id = c.id AND h.id > cm.read_upto AND "
	    "h.author_id <> ?1 AND NOT EXISTS (SELECT 1 FROM member_block k "
	    "WHERE k.member_id = ?1 AND k.blocked_id = h.author_id)) "
	    "JOIN member a ON a.id = g.author_id "
	    "WHERE cm.member_id = ?1 AND c.last_message_at > ?2 AND ?3 = ?3 "
	    "AND g.created_at > ?2 "
	    "ORDER BY c.last_message_at DESC LIMIT " NEWS_LIMIT;
	struct store_stmt *st;
	int r;

	if ((st = news_prepare(c, sql, -1)) == NULL)
		return -1;
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW)
		news_add(c, NEWS_MESSAGE, 'c', store_column_int64(st, 0),
		    store_column_int64(st, 2),
		    store_column_peek(st, 1), "Messagerie",
		    store_column_peek(st, 3));
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

/* Places I got in an exchange day (moved up from the waiting list). */
static int
news_places(struct news_ctx *c)
{
	static const char sql[] = "SELECT e.id, e.title, r.promoted_at, "
	    STORE_AUTHOR_NAME("o") " FROM event_registration r "
	    "JOIN event e ON e.id = r.event_id "
	    "JOIN member o ON o.id = e.organiser_id "
	    "WHERE r.member_id = ?1 AND r.promoted_at > ?2 AND ?3 = ?3 "
	    "AND r.waiting = 0 AND e.cancelled_at = 0";
	struct store_stmt *st;
	int r;

	if ((st = news_prepare(c, sql, -1)) == NULL)
		return -1;
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW)
		news_add(c, NEWS_PLACE, 'j', store_column_int64(st, 0),
		    store_column_int64(st, 2),
		    store_column_peek(st, 1), "Journées d'échanges",
		    store_column_peek(st, 3));
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

/* Columns of a thread line: the newest post not mine, not read by me. */
#define NEWS_THREAD_COLUMNS "t.id, t.board_id, CASE WHEN " \
	STORE_OPENING_HIDDEN("t") " = 1 THEN '" STORE_HIDDEN_TITLE "' ELSE " \
	"t.title END, t.created_at, t.last_post_at, t.last_post_id, " \
	STORE_AUTHOR_NAME("a")
/* The read marks before the last post (CROSS JOIN keeps that order): a
 * thread already read is left without reading its post's row. */
#define NEWS_THREAD_JOIN " LEFT JOIN read_thread rt ON rt.member_id = ?1 " \
	"AND rt.thread_id = t.id LEFT JOIN read_board rb ON " \
	"rb.member_id = ?1 AND rb.board_id = t.board_id " \
	"CROSS JOIN post lp ON lp.id = t.last_post_id " \
	"JOIN member a ON a.id = lp.author_id "
/* Read up to: the row's if current, else the board mark's. */
#define NEWS_THREAD_WHERE " t.state = 'publie' AND lp.author_id <> ?1 " \
	"AND COALESCE(CASE WHEN " STORE_READ_CURRENT("rt", "rb") " THEN " \
	"rt.upto ELSE rb.upto END, 0) < t.last_post_id AND ?3 = ?3 " \
	"AND NOT EXISTS (SELECT 1 FROM member_block k WHERE " \
	"k.member_id = ?1 AND k.blocked_id = lp.author_id) "

/* Step a statement of NEWS_THREAD_COLUMNS into thread lines. */
static int
news_thread_rows(struct news_ctx *c, struct store_stmt *st)
{
	const struct store_board *b;
	int64_t created;
	int r;

	while ((r = store_step(c->s, st)) == STORE_STEP_ROW) {
		if ((b = news_board(c, store_column_int64(st, 1))) == NULL)
			continue;
		created = store_column_int64(st, 3);
		news_add(c, created > c->since ? NEWS_THREAD : NEWS_FOLLOWUP,
		    'm', store_column_int64(st, 5),
		    store_column_int64(st, 4),
		    store_column_peek(st, 2), b->title,
		    store_column_peek(st, 6));
	}
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

static int
news_cmp_at(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* By id, then newest first. */
static int
news_cmp_id(const void *a, const void *b)
{
	const struct store_news_item *const *x = a, *const *y = b;
	int d;

	if ((d = strcmp((*x)->id, (*y)->id)) != 0)
		return d;
	return (*x)->at < (*y)->at ? 1 : (*x)->at > (*y)->at ? -1 : 0;
}

/*
 * The time below which nothing can enter the list any more: that of the
 * STORE_NEWS_MAX-th newest item so far (since while there are fewer).
 * Items, not lines: a post both naming me and new in a thread I follow
 * (or in a followed thread of a board walked for « tout le réseau ») is
 * one line of the list, counted once at its newest time.
 */
static int64_t
news_floor(const struct news_ctx *c)
{
	const struct store_news_item **by;
	int64_t *at, floor = c->since;
	size_t i, n;

	if (c->n < STORE_NEWS_MAX)
		return c->since;
	by = xreallocarray(NULL, c->n, sizeof(*by));
	at = xreallocarray(NULL, c->n, sizeof(*at));
	for (i = 0; i < c->n; i++)
		by[i] = &c->items[i];
	qsort(by, c->n, sizeof(*by), news_cmp_id);
	for (i = n = 0; i < c->n; i++)
		if (i == 0 || strcmp(by[i]->id, by[i - 1]->id) != 0)
			at[n++] = by[i]->at;
	if (n >= STORE_NEWS_MAX) {
		qsort(at, n, sizeof(*at), news_cmp_at);
		floor = at[STORE_NEWS_MAX - 1] - 1;	/* ties stay in */
	}
	free(at);
	free(by);
	return floor > c->since ? floor : c->since;
}

/* Step thread lines newest first (ORDER BY t.last_post_at DESC) and stop
 * at the floor of what was found (news_floor): a line at or below it can
 * no longer enter the list. The floor is read again every
 * NEWS_FLOOR_EVERY lines added; a lower, older floor only reads more. */
#define NEWS_FLOOR_EVERY	32
static int
news_thread_rows_above(struct news_ctx *c, struct store_stmt *st)
{
	const struct store_board *b;
	int64_t floor = news_floor(c), at;
	size_t mark = c->n;
	int r;

	while ((r = store_step(c->s, st)) == STORE_STEP_ROW) {
		if ((at = store_column_int64(st, 4)) <= floor)
			break;
		if ((b = news_board(c, store_column_int64(st, 1))) == NULL)
			continue;
		news_add(c, store_column_int64(st, 3) > c->since ?
		    NEWS_THREAD : NEWS_FOLLOWUP, 'm',
		    store_column_int64(st, 5), at,
		    store_column_peek(st, 2), b->title,
		    store_column_peek(st, 6));
		if (c->n >= mark + NEWS_FLOOR_EVERY) {
			floor = news_floor(c);
			mark = c->n;
		}
	}
	store_done(st);
	return r == STORE_STEP_DONE || r == STORE_STEP_ROW ? 0 : -1;
}

/*
 * The threads of followed boards and followed threads (of every board
 * for NEWS_ALL), last: one walk of thread_recent, newest first, stopped
 * at the floor of what was found before and since
 * (news_thread_rows_above), so that a list reads about STORE_NEWS_MAX
 * threads: neither those of 30 days, nor a statement per board, nor the
 * thousands of threads a member follows because they wrote in them. The
 * board (« +t.board_id »: not by thread_order, which would read each
 * followed board apart and sort) and the follow are tested on the
 * thread row, before any join; readability is decided in C.
 */
static int
news_boards(struct news_ctx *c)
{
	static const char sql[] = "SELECT " NEWS_THREAD_COLUMNS
	    " FROM thread t" NEWS_THREAD_JOIN "WHERE t.last_post_at > ?4 AND "
	    "(?3 = 1 OR +t.board_id IN (SELECT f.target_id FROM follow f "
	    "WHERE f.member_id = ?1 AND f.kind = 'forum' AND "
	    "f.active = 1) OR EXISTS (SELECT 1 FROM follow f WHERE "
	    "f.member_id = ?1 AND f.kind = 'fil' AND f.target_id = t.id AND "
	    "f.active = 1)) AND" NEWS_THREAD_WHERE
	    "ORDER BY t.last_post_at DESC";
	struct store_stmt *st;

	if ((st = news_prepare(c, sql, news_floor(c))) == NULL)
		return -1;
	return news_thread_rows_above(c, st);
}

/* New threads of followed members. */
static int
news_threads(struct news_ctx *c)
{
	static const char members[] = "SELECT " NEWS_THREAD_COLUMNS
	    " FROM follow f JOIN thread t ON t.author_id = f.target_id"
	    NEWS_THREAD_JOIN "WHERE f.member_id = ?1 AND f.kind = 'membre' "
	    "AND f.active = 1 AND t.created_at > ?2 AND" NEWS_THREAD_WHERE;
	struct store_stmt *st;

	if ((st = news_prepare(c, members, -1)) == NULL ||
	    news_thread_rows(c, st) != 0)
		return -1;
	return 0;
}

/* Documents added: of followed themes, kinds and issuers (an issuer
 * followed as « DGCS » matches « Direction générale de la cohésion
 * sociale (DGCS) »), or all. One EXISTS per kind of follow, each on the
 * primary key (member, kind): one EXISTS over all the member's follows
 * read their thousands of followed threads for every document. */
static int
news_docs(struct news_ctx *c)
{
	static const char sql[] = "SELECT d.id, d.title, d.issuer, d.added_at "
	    "FROM doc d WHERE d.added_at > ?2 AND "
	    "d.added_by IS DISTINCT FROM ?1 AND (?3 = 1 OR EXISTS (SELECT 1 FROM follow f WHERE "
	    "f.member_id = ?1 AND f.kind = 'type' AND "
	    "f.target_key = d.kind AND f.active = 1) OR EXISTS (SELECT 1 "
	    "FROM follow f WHERE f.member_id = ?1 AND f.kind = 'emetteur' "
	    "AND f.active = 1 AND instr(d.issuer_fold, f.target_key) > 0) OR "
	    "EXISTS (SELECT 1 FROM doc_theme dt JOIN follow f ON "
	    "f.member_id = ?1 AND f.kind = 'theme' AND "
	    "f.target_key = dt.theme AND f.active = 1 WHERE "
	    "dt.doc_id = d.id)) "
	    "ORDER BY d.added_at DESC LIMIT " NEWS_LIMIT;
	struct store_stmt *st;
	int r;

	if ((st = news_prepare(c, sql, -1)) == NULL)
		return -1;
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW)
		news_add(c, NEWS_DOC, 'd', store_column_int64(st, 0),
		    store_column_int64(st, 3),
		    store_column_peek(st, 1), "Bibliothèque",
		    store_column_peek(st, 2));
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

/* Practices published: of followed themes, régions, départements and
 * members, or all (one EXISTS per kind of follow, as news_docs). */
static int
news_practices(struct news_ctx *c)
{
	static const char sql[] = "SELECT p.id, p.title, p.org, "
	    "p.published_at FROM practice p WHERE p.state = 'publiee' AND "
	    "p.published_at > ?2 AND p.author_id <> ?1 AND "
	    "(?3 = 1 OR EXISTS (SELECT 1 FROM follow f WHERE "
	    "f.member_id = ?1 AND f.kind = 'region' AND "
	    "f.target_key = p.region AND f.active = 1) OR EXISTS (SELECT 1 "
	    "FROM follow f WHERE f.member_id = ?1 AND "
	    "f.kind = 'departement' AND f.target_key = p.departement AND "
	    "f.active = 1) OR EXISTS (SELECT 1 FROM follow f WHERE "
	    "f.member_id = ?1 AND f.kind = 'membre' AND "
	    "f.target_id = p.author_id AND f.active = 1) OR EXISTS (SELECT 1 "
	    "FROM practice_theme pt JOIN follow f ON f.member_id = ?1 AND "
	    "f.kind = 'theme' AND f.target_key = pt.theme AND f.active = 1 "
	    "WHERE pt.practice_id = p.id)) "
	    "ORDER BY p.published_at DESC LIMIT " NEWS_LIMIT;
	struct store_stmt *st;
	int r;

	if ((st = news_prepare(c, sql, -1)) == NULL)
		return -1;
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW)
		news_add(c, NEWS_PRACTICE, 'p', store_column_int64(st, 0),
		    store_column_int64(st, 3),
		    store_column_peek(st, 1), "Catalogue",
		    store_column_peek(st, 2));
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

/* The département of a place, by its postal code (store_news.h). */
int
store_event_departement(const char *place, char *dep, size_t size)
{
	const char *p;
	size_t n;

	for (p = place; *p != '\0'; p += n > 0 ? n : 1) {
		n = strspn(p, "0123456789");
		if (n != 5 || (p > place && isalnum((unsigned char)p[-1])))
			continue;
		if (p[0] == '9' && p[1] == '7')
			snprintf(dep, size, "%.3s", p);
		else if (p[0] == '2' && p[1] == '0')
			snprintf(dep, size, "%s", strncmp(p, "202", 3) < 0 ?
			    "2A" : "2B");
		else
			snprintf(dep, size, "%.2s", p);
		return 0;
	}
	return 1;
}

/* Exchange days announced, not over yet: of followed themes and
 * territories (from the postal code of their place), or all. */
static int
news_events(struct news_ctx *c)
{
	static const char sql[] = "SELECT e.id, e.title, e.created_at, "
	    "e.themes, e.place, " STORE_AUTHOR_NAME("o") " "
	    "FROM event e JOIN member o ON o.id = e.organiser_id "
	    "WHERE e.created_at > ?2 AND e.cancelled_at = 0 AND "
	    "e.ends_at > ?4 AND "
	    "e.organiser_id <> ?1 AND ?3 = ?3 "
	    "ORDER BY e.created_at DESC LIMIT " NEWS_LIMIT;
	static const char region[] = "SELECT region_code FROM departement "
	    "WHERE code = ?1";
	struct store_stmt *st, *rg;
	const char *themes, *p;
	char dep[8], theme[64], *reg;
	size_t n;
	int r, keep;

	/* ?4: now, the store's clock. */
	if ((st = news_prepare(c, sql, now_sec())) == NULL)
		return -1;
	while ((r = store_step(c->s, st)) == STORE_STEP_ROW) {
		keep = c->scope == NEWS_ALL;
		themes = store_column_peek(st, 3);
		for (p = themes; !keep && *p != '\0'; p += n) {
			p += strspn(p, " ");
			n = strcspn(p, " ");
			if (n == 0 || n >= sizeof(theme))
				continue;
			snprintf(theme, sizeof(theme), "%.*s", (int)n, p);
			keep = news_follows(c, FOLLOW_THEME, 0, theme);
		}
		if (!keep && store_event_departement(
		    store_column_peek(st, 4), dep, sizeof(dep)) == 0) {
			keep = news_follows(c, FOLLOW_DEPARTEMENT, 0, dep);
			reg = NULL;
			if (!keep && (rg = store_prepare(c->s, region)) !=
			    NULL) {
				if (store_bind_text(c->s, rg, 1, dep) == 0 &&
				    store_step(c->s, rg) == STORE_STEP_ROW)
					reg = store_column_str(rg, 0);
				store_done(rg);
			}
			if (reg != NULL)
				keep = news_follows(c, FOLLOW_REGION, 0, reg);
			free(reg);
		}
		if (keep)
			news_add(c, NEWS_EVENT, 'j',
			    store_column_int64(st, 0),
			    store_column_int64(st, 2),
			    store_column_peek(st, 1), "Journées d'échanges",
			    store_column_peek(st, 5));
	}
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

/* Newest first; at one time, what is addressed to me first. */
static int
news_cmp(const void *a, const void *b)
{
	const struct store_news_item *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? 1 : -1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->id, y->id);
}

int64_t
store_news_since(int64_t last_visit, int64_t now)
{
	return last_visit < now - STORE_NEWS_KEEP ? last_visit :
	    now - STORE_NEWS_KEEP;
}

int
store_news_list(struct store *s, int64_t member_id, int64_t since, int scope,
    struct store_news_item **list, size_t *n)
{
	struct news_ctx c;
	size_t i, k, j;
	int rc = STORE_ERR, r;

	*list = NULL;
	*n = 0;
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.since = since;
	c.scope = scope == NEWS_ALL ? NEWS_ALL : NEWS_FOLLOWED;
	if ((r = news_load(&c, member_id)) != 0) {
		rc = r;
		goto out;
	}
	if (news_mentions(&c) != 0 || news_messages(&c) != 0 ||
	    news_places(&c) != 0 || news_threads(&c) != 0 ||
	    news_docs(&c) != 0 || news_practices(&c) != 0 ||
	    news_events(&c) != 0 || news_boards(&c) != 0)
		goto out;
	if (c.n > 1)
		qsort(c.items, c.n, sizeof(*c.items), news_cmp);
	/* One line per item: a post both new in a followed thread and
	 * naming me reads as the mention (sorted first at its time). */
	for (i = k = 0; i < c.n; i++) {
		for (j = 0; j < k; j++)
			if (strcmp(c.items[j].id, c.items[i].id) == 0)
				break;
		if (j < k || k == STORE_NEWS_MAX) {
			store_news_clear(&c.items[i]);
			continue;
		}
		if (k != i) {
			c.items[k] = c.items[i];
			memset(&c.items[i], 0, sizeof(c.items[i]));
		}
		k++;
	}
	*list = c.items;
	*n = k;
	c.items = NULL;
	c.n = 0;
	rc = STORE_OK;
out:
	news_ctx_clear(&c);
	return rc;
}
