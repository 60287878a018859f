/*
 * store_message.c - private messages: conversations, their messages,
 * read state and blocks (see store_message.h for the model).
 *
 * Invariants: conversation.nmessages and last_message_at follow every
 * message written, in the same transaction; the author of a message has
 * read up to it (read_upto only grows). Every query names the member
 * who asks and joins conversation_member on them: a conversation that
 * is not theirs is "not found", never shown.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_news_private.h"
#include "text/txt.h"
#include "util/util.h"

/* ?1 is the member who asks. */
#define CONV_COLUMNS "c.id, c.subject, c.created_at, c.last_message_at, " \
	"c.nmessages, " \
	"(SELECT COUNT(*) FROM message g WHERE g.conversation_id = c.id " \
	"AND g.id > cm.read_upto AND g.author_id <> ?1 AND NOT EXISTS " \
	"(SELECT 1 FROM member_block k WHERE k.member_id = ?1 " \
	"AND k.blocked_id = g.author_id)), " \
	"COALESCE((SELECT GROUP_CONCAT(n, ', ') FROM (SELECT " \
	STORE_AUTHOR_NAME("o") " AS n FROM conversation_member co " \
	"JOIN member o ON o.id = co.member_id WHERE co.conversation_id = " \
	"c.id AND co.member_id <> ?1 ORDER BY o.name_fold) AS names), '')"
#define CONV_FROM " FROM conversation c JOIN conversation_member cm " \
	"ON cm.conversation_id = c.id AND cm.member_id = ?1 "

/* ?1 is the member who asks. */
#define MSG_COLUMNS "g.id, g.conversation_id, g.author_id, " \
	"COALESCE(g.parent_id, 0), " \
	"CASE WHEN a.status = 'anonymise' THEN '' ELSE a.login END, " \
	STORE_AUTHOR_NAME("a") ", " \
	"CASE WHEN a.status = 'anonymise' THEN '' ELSE a.organisation END, " \
	"g.body, g.created_at, g.id > cm.read_upto AND g.author_id <> ?1"
#define MSG_FROM " FROM message g JOIN member a ON a.id = g.author_id " \
	"JOIN conversation_member cm ON cm.conversation_id = " \
	"g.conversation_id AND cm.member_id = ?1 "
/* The messages a member sees: not those of members they block. */
#define MSG_VISIBLE "NOT EXISTS (SELECT 1 FROM member_block k WHERE " \
	"k.member_id = ?1 AND k.blocked_id = g.author_id) "

static void	 store_conversation_row(struct store_stmt *, void *);
static void	 store_conversation_clear_v(void *);
static void	 store_message_row(struct store_stmt *, void *);
static void	 store_message_clear_v(void *);
static void	 store_block_row(struct store_stmt *, void *);
static void	 store_block_clear_v(void *);
static int	 store_message_notify(struct store *, int64_t, int64_t,
		    int64_t);
static int	 store_recipients(struct store *, int64_t, const char *,
		    int64_t **, size_t *, char **, char **);
static int	 store_message_insert(struct store *, int64_t, int64_t,
		    int64_t, const char *, int64_t, int64_t *);
static int	 store_member_join(struct store *, int64_t, int64_t, int64_t,
		    int64_t);

void
store_conversation_clear(struct store_conversation *c)
{
	if (c == NULL)
		return;
	free(c->subject);
	free(c->others);
	memset(c, 0, sizeof(*c));
}

static void
store_conversation_clear_v(void *c)
{
	store_conversation_clear(c);
}

void
store_conversation_list_free(struct store_conversation *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		store_conversation_clear(&l[i]);
	free(l);
}

void
store_message_clear(struct store_message *m)
{
	if (m == NULL)
		return;
	free(m->author_login);
	free(m->author_name);
	free(m->author_org);
	free(m->body);
	memset(m, 0, sizeof(*m));
}

static void
store_message_clear_v(void *m)
{
	store_message_clear(m);
}

void
store_message_list_free(struct store_message *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		store_message_clear(&l[i]);
	free(l);
}

static void
store_conversation_row(struct store_stmt *st, void *p)
{
	struct store_conversation *c = p;

	c->id = store_column_int64(st, 0);
	c->subject = store_column_str(st, 1);
	c->created_at = store_column_int64(st, 2);
	c->last_message_at = store_column_int64(st, 3);
	c->nmessages = store_column_int64(st, 4);
	c->unread = store_column_int64(st, 5);
	c->others = store_column_str(st, 6);
}

static void
store_message_row(struct store_stmt *st, void *p)
{
	struct store_message *m = p;

	m->id = store_column_int64(st, 0);
	m->conversation_id = store_column_int64(st, 1);
	m->author_id = store_column_int64(st, 2);
	m->parent_id = store_column_int64(st, 3);
	m->author_login = store_column_str(st, 4);
	m->author_name = store_column_str(st, 5);
	m->author_org = store_column_str(st, 6);
	m->body = store_column_str(st, 7);
	m->created_at = store_column_int64(st, 8);
	m->unread = store_column_int(st, 9);
}

static void
store_block_row(struct store_stmt *st, void *p)
{
	struct store_member *m = p;

	m->id = store_column_int64(st, 0);
	m->login = store_column_str(st, 1);
	m->display_name = store_column_str(st, 2);
	m->organisation = store_column_str(st, 3);
	m->role = ROLE_MEMBRE;
	m->status = STATUS_ACTIF;
}

static void
store_block_clear_v(void *m)
{
	store_member_clear(m);
}

/*
 * Resolve the recipients: *ids (free()) the distinct active members
 * other than `from`, in the order given; *names their display names.
 * Returns as store_recipients_check.
 */
static int
store_recipients(struct store *s, int64_t from, const char *to,
    int64_t **ids, size_t *n, char **names, char **bad)
{
	struct store_member m;
	struct buf b;
	const char *p = to, *end;
	char *login;
	size_t i, len;
	int r, rc = 0, self = 0;

	*ids = NULL;
	*n = 0;
	*names = NULL;
	*bad = NULL;
	buf_init(&b);
	while (rc == 0) {
		p += strspn(p, " ,;\t\n");
		if (*p == '\0')
			break;
		len = strcspn(p, " ,;\t\n");
		end = p + len;
		if (*p == '@') {
			p++;
			len--;
		}
		login = xstrndup(p, len);
		p = end;
		memset(&m, 0, sizeof(m));
		if ((r = store_member_by_login(s, login, &m)) == -1) {
			free(login);
			rc = -1;
			break;
		}
		if (r != 0 || m.status != STATUS_ACTIF || m.role == ROLE_INVITE) {
			*bad = login;
			rc = STORE_NOT_FOUND;
		} else if (m.id == from) {
			self = 1;
			free(login);
		} else if ((r = store_block_is(s, m.id, from)) != 0) {
			*bad = login;
			rc = r == 1 ? STORE_BLOCKED : -1;
		} else {
			for (i = 0; i < *n && (*ids)[i] != m.id; i++)
				;
			if (i == *n && *n == STORE_RECIPIENTS_MAX) {
				*bad = login;
				login = NULL;
				rc = STORE_TOO_MANY;
			} else if (i == *n) {
				*ids = xreallocarray(*ids, *n + 1,
				    sizeof(**ids));
				(*ids)[(*n)++] = m.id;
				buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
				    m.display_name);
			}
			free(login);
		}
		store_member_clear(&m);
	}
	if (rc == 0 && *n == 0) {
		*bad = xstrdup(self ? "vous-même" : "");
		rc = STORE_NO_RECIPIENT;
	}
	if (rc != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		buf_free(&b);
		return rc;
	}
	*names = buf_detach(&b);
	return 0;
}

int
store_recipients_check(struct store *s, int64_t from, const char *to,
    char **names, char **bad)
{
	int64_t *ids;
	size_t n;
	int rc;

	rc = store_recipients(s, from, to != NULL ? to : "", &ids, &n, names,
	    bad);
	free(ids);
	return rc;
}

/* Insert a message and count it in its conversation; the author has
 * read up to it; the participants it names are mentioned. */
static int
store_message_insert(struct store *s, int64_t conv, int64_t author,
    int64_t parent, const char *body, int64_t now, int64_t *id)
{
	static const char ins[] = "INSERT INTO message (conversation_id, "
	    "author_id, parent_id, body, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
	static const char count[] = "UPDATE conversation SET nmessages = "
	    "nmessages + 1, last_message_at = ?2 WHERE id = ?1";
	static const char read[] = "UPDATE conversation_member SET "
	    "read_upto = ?3 WHERE conversation_id = ?1 AND member_id = ?2 "
	    "AND read_upto < ?3";
	struct store_stmt *st;

	if ((st = store_prepare(s, ins)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, conv) != 0 ||
	    store_bind_int64(s, st, 2, author) != 0 ||
	    store_bind_id(s, st, 3, parent) != 0 ||
	    store_bind_text(s, st, 4, body) != 0 ||
	    store_bind_int64(s, st, 5, now) != 0) {
		store_done(st);
		return -1;
	}
	if (store_insert(s, st, id) != 0)
		return -1;
	if ((st = store_prepare(s, count)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, conv) != 0 ||
	    store_bind_int64(s, st, 2, now) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	if ((st = store_prepare(s, read)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, conv) != 0 ||
	    store_bind_int64(s, st, 2, author) != 0 ||
	    store_bind_int64(s, st, 3, *id) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_news_message_written(s, author, conv, *id, body, now);
}

static int
store_member_join(struct store *s, int64_t conv, int64_t member,
    int64_t now, int64_t upto)
{
	static const char sql[] = "INSERT INTO conversation_member "
	    "(conversation_id, member_id, joined_at, read_upto) "
	    "VALUES (?1, ?2, ?3, ?4)";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, conv) != 0 ||
	    store_bind_int64(s, st, 2, member) != 0 ||
	    store_bind_int64(s, st, 3, now) != 0 ||
	    store_bind_int64(s, st, 4, upto) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

int
store_conversation_new(struct store *s, int64_t from, const char *to,
    const char *subject, const char *body, int64_t *conversation_id,
    int64_t *message_id, char **bad)
{
	static const char sql[] = "INSERT INTO conversation (subject, "
	    "created_by, created_at, last_message_at) VALUES (?1, ?2, ?3, ?3) "
	    "RETURNING id";
	struct store_stmt *st;
	int64_t *ids = NULL, now = now_sec(), conv;
	char *names = NULL, *subj = NULL, *text = NULL;
	size_t n = 0, i;
	int rc;

	*conversation_id = *message_id = 0;
	*bad = NULL;
	if ((rc = store_recipients(s, from, to != NULL ? to : "", &ids, &n,
	    &names, bad)) != 0)
		return rc;
	free(names);
	if ((rc = store_text_clean(subject, 0, STORE_TITLE_MAX, &subj)) != 0 ||
	    (rc = store_text_clean(body, 1, STORE_BODY_MAX, &text)) != 0)
		goto out;
	rc = -1;
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_text(s, st, 1, subj) != 0 ||
	    store_bind_int64(s, st, 2, from) != 0 ||
	    store_bind_int64(s, st, 3, now) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_insert(s, st, &conv) != 0)
		goto fail;
	if (store_member_join(s, conv, from, now, 0) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (store_member_join(s, conv, ids[i], now, 0) != 0)
			goto fail;
	if (store_message_insert(s, conv, from, 0, text, now,
	    message_id) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (store_notice_add(s, ids[i], NOTICE_MESSAGE, from,
		    *message_id) != 0)
			goto fail;
	if (store_commit(s) != 0)
		goto out;
	*conversation_id = conv;
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	free(ids);
	free(subj);
	free(text);
	return rc;
}

/* Tell the other participants of conv, but those who blocked author
 * (they do not see the message), of message id. */
static int
store_message_notify(struct store *s, int64_t conv, int64_t author,
    int64_t id)
{
	static const char sql[] = "SELECT c.member_id FROM conversation_member "
	    "c WHERE c.conversation_id = ?1 AND c.member_id <> ?2 AND NOT "
	    "EXISTS (SELECT 1 FROM member_block b WHERE b.member_id = "
	    "c.member_id AND b.blocked_id = ?2) ORDER BY c.member_id";

	return store_notice_query(s, sql, conv, author, NOTICE_MESSAGE,
	    author, id);
}

int
store_message_reply(struct store *s, int64_t member, int64_t parent_id,
    const char *body, int64_t *message_id)
{
	struct store_message p;
	char *text = NULL;
	int rc;

	*message_id = 0;
	memset(&p, 0, sizeof(p));
	if ((rc = store_message_get(s, member, parent_id, &p)) != 0)
		return rc;
	if ((rc = store_text_clean(body, 1, STORE_BODY_MAX, &text)) != 0)
		goto out;
	rc = -1;
	if (store_begin(s) != 0)
		goto out;
	if (store_message_insert(s, p.conversation_id, member, parent_id,
	    text, now_sec(), message_id) != 0 ||
	    store_message_notify(s, p.conversation_id, member,
	    *message_id) != 0) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s) == 0)
		rc = 0;
out:
	store_message_clear(&p);
	free(text);
	return rc;
}

int
store_conversation_list(struct store *s, int64_t member,
    struct store_conversation **list, size_t *n)
{
	static const char sql[] = "SELECT " CONV_COLUMNS CONV_FROM
	    "ORDER BY c.last_message_at DESC, c.id DESC";
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) != 0) {
		store_done(st);
		return -1;
	}
	r = store_rows(s, st, sizeof(**list), store_conversation_row,
	    store_conversation_clear_v, &l, n);
	*list = l;
	return r;
}

int
store_conversation_get(struct store *s, int64_t member, int64_t id,
    struct store_conversation *c)
{
	static const char sql[] = "SELECT " CONV_COLUMNS CONV_FROM
	    "WHERE c.id = ?2";
	struct store_stmt *st;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_conversation_row(st, c);
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

int
store_message_list(struct store *s, int64_t member, int64_t conversation_id,
    struct store_message **list, size_t *n)
{
	static const char sql[] = "SELECT " MSG_COLUMNS MSG_FROM
	    "WHERE g.conversation_id = ?2 AND " MSG_VISIBLE "ORDER BY g.id";
	struct store_conversation c;
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((r = store_conversation_get(s, member, conversation_id, &c)) != 0)
		return r;
	store_conversation_clear(&c);
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) != 0 ||
	    store_bind_int64(s, st, 2, conversation_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_rows(s, st, sizeof(**list), store_message_row,
	    store_message_clear_v, &l, n);
	*list = l;
	return r;
}

int
store_message_get(struct store *s, int64_t member, int64_t id,
    struct store_message *m)
{
	static const char sql[] = "SELECT " MSG_COLUMNS MSG_FROM
	    "WHERE g.id = ?2 AND " MSG_VISIBLE;
	struct store_stmt *st;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_message_row(st, m);
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

int
store_conversation_read(struct store *s, int64_t member,
    int64_t conversation_id)
{
	static const char sql[] = "UPDATE conversation_member SET read_upto = "
	    "(SELECT MAX(id) FROM message WHERE conversation_id = ?1) "
	    "WHERE conversation_id = ?1 AND member_id = ?2 AND read_upto < "
	    "(SELECT MAX(id) FROM message WHERE conversation_id = ?1)";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, conversation_id) != 0 ||
	    store_bind_int64(s, st, 2, member) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

int
store_message_unread(struct store *s, int64_t member, int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM conversation_member cm "
	    "JOIN message g ON g.conversation_id = cm.conversation_id "
	    "AND g.id > cm.read_upto AND g.author_id <> ?1 "
	    "WHERE cm.member_id = ?1 AND " MSG_VISIBLE;
	struct store_stmt *st;
	int rc = -1;

	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) == 0 &&
	    store_step(s, st) == STORE_STEP_ROW) {
		*n = store_column_int64(st, 0);
		rc = 0;
	}
	store_done(st);
	return rc;
}

int
store_block_set(struct store *s, int64_t member, int64_t blocked, int on)
{
	static const char add[] = "INSERT INTO member_block (member_id, "
	    "blocked_id, created_at) SELECT ?1, id, ?3 FROM member "
	    "WHERE id = ?2 AND id <> ?1 ON CONFLICT DO NOTHING";
	static const char del[] = "DELETE FROM member_block WHERE "
	    "member_id = ?1 AND blocked_id = ?2";
	struct store_member m;
	struct store_stmt *st;
	int r;

	if (blocked == member)
		return 1;
	if ((r = store_member_by_id(s, blocked, &m)) != 0)
		return r;
	store_member_clear(&m);
	if ((st = store_prepare(s, on ? add : del)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) != 0 ||
	    store_bind_int64(s, st, 2, blocked) != 0 ||
	    (on && store_bind_int64(s, st, 3, now_sec()) != 0)) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

int
store_block_is(struct store *s, int64_t member, int64_t other)
{
	static const char sql[] = "SELECT 1 FROM member_block WHERE "
	    "member_id = ?1 AND blocked_id = ?2";
	struct store_stmt *st;
	int rc = -1;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) == 0 &&
	    store_bind_int64(s, st, 2, other) == 0) {
		switch (store_step(s, st)) {
		case STORE_STEP_ROW:
			rc = 1;
			break;
		case STORE_STEP_DONE:
			rc = 0;
			break;
		}
	}
	store_done(st);
	return rc;
}

int
store_block_list(struct store *s, int64_t member, struct store_member **list,
    size_t *n)
{
	static const char sql[] = "SELECT m.id, m.login, m.display_name, "
	    "m.organisation FROM member_block k JOIN member m "
	    "ON m.id = k.blocked_id WHERE k.member_id = ?1 "
	    "ORDER BY m.name_fold";
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member) != 0) {
		store_done(st);
		return -1;
	}
	r = store_rows(s, st, sizeof(**list), store_block_row,
	    store_block_clear_v, &l, n);
	*list = l;
	return r;
}

int
store_message_backdate(struct store *s, int64_t message_id, int64_t t)
{
	static const char msg[] = "UPDATE message SET created_at = ?2 "
	    "WHERE id = ?1";
	static const char conv[] = "UPDATE conversation SET "
	    "created_at = CASE WHEN (SELECT MIN(id) FROM message WHERE "
	    "conversation_id = conversation.id) = ?1 THEN ?2 ELSE created_at "
	    "END, last_message_at = (SELECT MAX(created_at) FROM message "
	    "WHERE conversation_id = conversation.id) WHERE id = "
	    "(SELECT conversation_id FROM message WHERE id = ?1)";
	static const char mention[] = "UPDATE mention SET created_at = ?2 "
	    "WHERE source = 'message' AND source_id = ?1";
	static const char *const sqls[] = { msg, conv, mention };
	struct store_stmt *st;
	size_t i;

	if (store_begin(s) != 0)
		return -1;
	for (i = 0; i < nitems(sqls); i++) {
		if ((st = store_prepare(s, sqls[i])) == NULL)
			goto fail;
		if (store_bind_int64(s, st, 1, message_id) != 0 ||
		    store_bind_int64(s, st, 2, t) != 0) {
			store_done(st);
			goto fail;
		}
		if (store_run(s, st) != 0)
			goto fail;
		if (i == 0 && store_changes(s) == 0) {
			store_rollback(s);
			return 1;
		}
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}
