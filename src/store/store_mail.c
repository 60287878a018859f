/*
 * store_mail.c - e-mail settings, address confirmation, and the sender's
 * outbox and ledger (store_mail.h; tables in db/0013_mail.sql).
 *
 * Confirmation: the code is STORE_MAIL_CODE_LEN digits drawn with
 * libsodium's randombytes_uniform (no home-made randomness), compared
 * with sodium_memcmp. It is kept in clear: the sender must put it in a
 * mail, and a hash of 10^8 values would hide nothing from whoever reads
 * the database; what protects it is that it expires within a day and
 * dies after STORE_MAIL_CODE_TRIES wrong guesses.
 *
 * The sender's invariant (kill -9 at any point, then run again: nothing
 * twice, nothing lost): a message enters mail_outbox in the transaction
 * that moves the member's marks (message_upto, digest_at, the ledger,
 * the code's queued flag), so what is owed is either still owed or in
 * the outbox, never both; and an outbox row leaves the waiting set only
 * once sendmail has said yes or no for good.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/store_private.h"
#include "store/store_mail.h"
#include "util/util.h"

static const char *const mail_digest_keys[] = {
	"jamais", "quotidien", "hebdomadaire"
};

static int	 mail_digest_parse(const char *);
static void	 mail_to_clear(void *);
static void	 mail_out_clear(void *);
static void	 mail_out_row(struct store_stmt *, void *);
static int	 mail_pref_ensure(struct store *, int64_t, int64_t);
static int	 mail_exec(struct store *, const char *, int64_t, int64_t);

const char *
store_digest_label(int d)
{
	switch (d) {
	case DIGEST_DAILY:
		return "chaque jour";
	case DIGEST_WEEKLY:
		return "chaque semaine";
	}
	return "jamais";
}

int
store_digest_parse(const char *key)
{
	size_t i;

	for (i = 0; i < nitems(mail_digest_keys); i++)
		if (key != NULL && strcmp(key, mail_digest_keys[i]) == 0)
			return (int)i;
	return -1;
}

/* A stored key (checked by the schema), never -1. */
static int
mail_digest_parse(const char *key)
{
	int d = store_digest_parse(key);

	return d >= 0 ? d : DIGEST_NEVER;
}

/*
 * An address as members type it: local@domain.tld (local: the domain may
 * be one word, « palabre@localhost », for the sysop's own), printable
 * ASCII or UTF-8 (RFC 6531), no space and none of the characters that
 * would make it something else in a header. The MTA judges the rest.
 */
int
store_mail_address_valid(const char *a, int local)
{
	const char *at = strchr(a, '@'), *p;

	if (at == NULL || at == a || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || at[1] == '.' ||
	    a[strlen(a) - 1] == '.' || (!local && strchr(at + 1, '.') == NULL))
		return 0;
	for (p = a; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p == 0x7f ||
		    strchr("<>(),;:\"[]\\", *p) != NULL)
			return 0;
	return 1;
}

void
store_mail_pref_clear(struct store_mail_pref *p)
{
	free(p->address);
	free(p->refused_why);
	free(p->pending);
	memset(p, 0, sizeof(*p));
}

int
store_mail_pref_get(struct store *s, int64_t member_id,
    struct store_mail_pref *p)
{
	static const char sql[] = "SELECT p.address, p.digest, "
	    "p.per_message, p.refused_at, p.refused_why, c.address, "
	    "c.expires_at FROM member m "
	    "LEFT JOIN mail_pref p ON p.member_id = m.id "
	    "LEFT JOIN mail_confirm c ON c.member_id = m.id "
	    "AND c.attempts < ?2 WHERE m.id = ?1";
	struct store_stmt *st;
	int r, rc = STORE_ERR;

	memset(p, 0, sizeof(*p));
	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_id(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, STORE_MAIL_CODE_TRIES) != 0)
		goto out;
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		p->address = store_column_str(st, 0);
		p->digest = mail_digest_parse(
		    store_column_peek(st, 1));
		p->per_message = store_column_int(st, 2);
		p->refused_at = store_column_int64(st, 3);
		p->refused_why = store_column_str(st, 4);
		p->pending = store_column_str(st, 5);
		p->pending_until = store_column_int64(st, 6);
		rc = STORE_OK;
	} else if (r == STORE_STEP_DONE)
		rc = STORE_NOT_FOUND;
out:
	store_done(st);
	return rc;
}

/* The member's mail_pref row, made at now if missing (inside a
 * transaction). */
static int
mail_pref_ensure(struct store *s, int64_t member_id, int64_t now)
{
	static const char sql[] = "INSERT INTO mail_pref (member_id, "
	    "message_upto, updated_at) VALUES (?1, (SELECT COALESCE(MAX(id), "
	    "0) FROM message), ?2) ON CONFLICT (member_id) DO NOTHING";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_id(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, now) != 0) {
		store_done(st);
		return STORE_ERR;
	}
	return store_run(s, st) == 0 ? STORE_OK : STORE_ERR;
}

/* Run sql with ?1 and ?2 bound; STORE_OK or STORE_ERR. */
static int
mail_exec(struct store *s, const char *sql, int64_t a, int64_t b)
{
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_int64(s, st, 1, a) != 0 ||
	    store_bind_int64(s, st, 2, b) != 0) {
		store_done(st);
		return STORE_ERR;
	}
	return store_run(s, st) == 0 ? STORE_OK : STORE_ERR;
}

int
store_mail_confirm_request(struct store *s, int64_t member_id,
    const char *address, int64_t now)
{
	static const char get[] = "SELECT requests, window_start FROM "
	    "mail_confirm WHERE member_id = ?1";
	static const char same[] = "SELECT 1 FROM mail_pref WHERE "
	    "member_id = ?1 AND address = ?2 AND refused_at IS NULL";
	static const char put[] = "INSERT INTO mail_confirm (member_id, "
	    "address, code, expires_at, attempts, queued, requests, "
	    "window_start) VALUES (?1, ?2, ?3, ?4, 0, 0, ?5, ?6) "
	    "ON CONFLICT (member_id) DO UPDATE SET address = excluded.address, "
	    "code = excluded.code, expires_at = excluded.expires_at, "
	    "attempts = 0, queued = 0, requests = excluded.requests, "
	    "window_start = excluded.window_start";
	char code[STORE_MAIL_CODE_LEN + 1], *clean = NULL;
	struct store_stmt *st = NULL;
	int64_t requests = 0, start = now;
	int rc = STORE_ERR, r, i;

	clean = store_clean(address, 0);
	if (strlen(clean) > STORE_MAIL_ADDRESS_MAX) {
		free(clean);
		return STORE_TOO_LONG;
	}
	if (!store_mail_address_valid(clean, 0)) {
		free(clean);
		return STORE_INVALID;
	}
	if (store_begin(s) != 0) {
		free(clean);
		return STORE_ERR;
	}
	if ((st = store_prepare(s, same)) == NULL ||
	    store_bind_id(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, clean) != 0)
		goto fail;
	if ((r = store_step(s, st)) == -1)
		goto fail;
	store_done(st);
	st = NULL;
	if (r == STORE_STEP_ROW) {
		rc = STORE_EXISTS;
		goto fail;
	}
	if ((st = store_prepare(s, get)) == NULL ||
	    store_bind_id(s, st, 1, member_id) != 0)
		goto fail;
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		requests = store_column_int64(st, 0);
		start = store_column_int64(st, 1);
	} else if (r != STORE_STEP_DONE)
		goto fail;
	store_done(st);
	st = NULL;
	if (start + 86400 <= now) {
		requests = 0;
		start = now;
	}
	if (requests >= STORE_MAIL_CODES_DAY) {
		rc = STORE_TOO_MANY;
		goto fail;
	}
	for (i = 0; i < STORE_MAIL_CODE_LEN; i++)
		code[i] = (char)('0' + randombytes_uniform(10));
	code[i] = '\0';
	if ((st = store_prepare(s, put)) == NULL ||
	    store_bind_id(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, clean) != 0 ||
	    store_bind_text(s, st, 3, code) != 0 ||
	    store_bind_int64(s, st, 4, now + STORE_MAIL_CODE_TTL) != 0 ||
	    store_bind_int64(s, st, 5, requests + 1) != 0 ||
	    store_bind_int64(s, st, 6, start) != 0)
		goto fail;
	r = store_run(s, st);
	st = NULL;
	if (r != 0)
		goto fail;
	free(clean);
	sodium_memzero(code, sizeof(code));
	return store_commit(s) == 0 ? STORE_OK : STORE_ERR;
fail:
	if (st != NULL)
		store_done(st);
	store_rollback(s);
	free(clean);
	sodium_memzero(code, sizeof(code));
	return rc;
}

int
store_mail_confirm_check(struct store *s, int64_t member_id,
    const char *typed, int64_t now)
{
	static const char get[] = "SELECT address, code, expires_at, "
	    "attempts FROM mail_confirm WHERE member_id = ?1";
	static const char wrong[] = "UPDATE mail_confirm SET attempts = "
	    "attempts + 1 WHERE member_id = ?1 AND ?2 = ?2";
	static const char done[] = "UPDATE mail_confirm SET attempts = ?2, "
	    "expires_at = 0 WHERE member_id = ?1";
	static const char set[] = "UPDATE mail_pref SET address = ?2, "
	    "refused_at = NULL, refused_why = '', message_upto = "
	    "(SELECT COALESCE(MAX(id), 0) FROM message), updated_at = ?3 "
	    "WHERE member_id = ?1";
	struct store_stmt *st = NULL;
	char *address = NULL, *code = NULL, digits[STORE_MAIL_CODE_LEN + 1];
	int64_t expires, attempts;
	size_t n = 0;
	const char *p;
	int rc = STORE_ERR, r;

	/* « 1234 5678 » as typed from a mail: the digits only. */
	for (p = typed; *p != '\0' && n < sizeof(digits) - 1; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	if (store_begin(s) != 0)
		return STORE_ERR;
	if ((st = store_prepare(s, get)) == NULL ||
	    store_bind_id(s, st, 1, member_id) != 0)
		goto fail;
	if ((r = store_step(s, st)) == STORE_STEP_DONE) {
		rc = STORE_NOT_FOUND;
		goto fail;
	} else if (r != STORE_STEP_ROW)
		goto fail;
	address = store_column_str(st, 0);
	code = store_column_str(st, 1);
	expires = store_column_int64(st, 2);
	attempts = store_column_int64(st, 3);
	store_done(st);
	st = NULL;
	if (expires == 0) {
		rc = STORE_NOT_FOUND;	/* used already */
		goto fail;
	}
	if (attempts >= STORE_MAIL_CODE_TRIES) {
		rc = STORE_TOO_MANY;
		goto fail;
	}
	if (expires <= now) {
		rc = STORE_TOO_LATE;
		goto fail;
	}
	if (n != STORE_MAIL_CODE_LEN || strlen(code) != n ||
	    sodium_memcmp(digits, code, n) != 0) {
		if (mail_exec(s, wrong, member_id, 0) != STORE_OK)
			goto fail;
		rc = attempts + 1 >= STORE_MAIL_CODE_TRIES ? STORE_TOO_MANY :
		    STORE_INVALID;
		goto keep;
	}
	/* Used: void from now on, its request count kept for the day. */
	if (mail_exec(s, done, member_id, STORE_MAIL_CODE_TRIES) !=
	    STORE_OK || mail_pref_ensure(s, member_id, now) != STORE_OK)
		goto fail;
	if ((st = store_prepare(s, set)) == NULL ||
	    store_bind_id(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, address) != 0 ||
	    store_bind_int64(s, st, 3, now) != 0)
		goto fail;
	r = store_run(s, st);
	st = NULL;
	if (r != 0 || store_audit(s, member_id, "mail.confirm", "",
	    "adresse confirmée") != 0)
		goto fail;
	rc = STORE_OK;
keep:
	free(address);
	if (code != NULL)
		sodium_memzero(code, strlen(code));
	free(code);
	return store_commit(s) == 0 ? rc : STORE_ERR;
fail:
	if (st != NULL)
		store_done(st);
	store_rollback(s);
	free(address);
	if (code != NULL)
		sodium_memzero(code, strlen(code));
	free(code);
	return rc;
}

int
store_mail_forget(struct store *s, int64_t member_id)
{
	static const char sql[] = "UPDATE mail_pref SET address = '', "
	    "refused_at = NULL, refused_why = '', updated_at = ?2 "
	    "WHERE member_id = ?1";

	return mail_exec(s, sql, member_id, now_sec());
}

int
store_mail_set_digest(struct store *s, int64_t member_id, int digest,
    int64_t now)
{
	static const char sql[] = "UPDATE mail_pref SET digest = ?2, "
	    "digest_at = CASE WHEN digest = ?2 THEN digest_at ELSE ?3 END, "
	    "updated_at = ?3 WHERE member_id = ?1 AND (?2 = 'jamais' OR "
	    "(address <> '' AND refused_at IS NULL))";
	struct store_stmt *st;
	int rc = STORE_ERR;

	if (digest < DIGEST_NEVER || digest > DIGEST_WEEKLY)
		return STORE_INVALID;
	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_id(s, st, 1, member_id) == 0 &&
	    store_bind_text(s, st, 2, mail_digest_keys[digest]) == 0 &&
	    store_bind_int64(s, st, 3, now) == 0 && store_run(s, st) == 0)
		return store_changes(s) > 0 || digest == DIGEST_NEVER ?
		    STORE_OK : STORE_STATE;
	return rc;
}

int
store_mail_set_per_message(struct store *s, int64_t member_id, int on)
{
	static const char sql[] = "UPDATE mail_pref SET per_message = ?2, "
	    "message_upto = CASE WHEN per_message = ?2 THEN message_upto "
	    "ELSE (SELECT COALESCE(MAX(id), 0) FROM message) END, "
	    "updated_at = ?3 WHERE member_id = ?1 AND (?2 = 0 OR "
	    "(address <> '' AND refused_at IS NULL))";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_id(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, on != 0) != 0 ||
	    store_bind_int64(s, st, 3, now_sec()) != 0) {
		store_done(st);
		return STORE_ERR;
	}
	if (store_run(s, st) != 0)
		return STORE_ERR;
	return store_changes(s) > 0 || !on ? STORE_OK : STORE_STATE;
}

int
store_mail_set(struct store *s, int64_t member_id, const char *address,
    int digest, int per_message, int64_t now)
{
	struct store_member m;
	static const char sql[] = "UPDATE mail_pref SET address = ?2, "
	    "digest = ?3, per_message = ?4, digest_at = 0, refused_at = NULL, "
	    "refused_why = '', message_upto = (SELECT COALESCE(MAX(id), 0) "
	    "FROM message), updated_at = ?5 WHERE member_id = ?1";
	struct store_stmt *st;
	char *clean;
	int r;

	if (digest < DIGEST_NEVER || digest > DIGEST_WEEKLY)
		return STORE_INVALID;
	clean = store_clean(address, 0);
	if (strlen(clean) > STORE_MAIL_ADDRESS_MAX ||
	    !store_mail_address_valid(clean, 0)) {
		r = strlen(clean) > STORE_MAIL_ADDRESS_MAX ? STORE_TOO_LONG :
		    STORE_INVALID;
		free(clean);
		return r;
	}
	if ((r = store_member_by_id(s, member_id, &m)) != 0) {
		free(clean);
		return r == 1 ? STORE_NOT_FOUND : STORE_ERR;
	}
	if (store_begin(s) != 0) {
		free(clean);
		store_member_clear(&m);
		return STORE_ERR;
	}
	if (mail_pref_ensure(s, member_id, now) != STORE_OK ||
	    (st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_id(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, clean) != 0 ||
	    store_bind_text(s, st, 3, mail_digest_keys[digest]) != 0 ||
	    store_bind_int64(s, st, 4, per_message != 0) != 0 ||
	    store_bind_int64(s, st, 5, now) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0 || store_audit(s, 0, "mail.set", m.login,
	    "adresse de courriel donnée par l'équipe") != 0)
		goto fail;
	free(clean);
	store_member_clear(&m);
	return store_commit(s) == 0 ? STORE_OK : STORE_ERR;
fail:
	store_rollback(s);
	free(clean);
	store_member_clear(&m);
	return STORE_ERR;
}

int
store_mail_stop(struct store *s, int64_t member_id)
{
	static const char sql[] = "UPDATE mail_pref SET digest = 'jamais', "
	    "per_message = 0, updated_at = ?2 WHERE member_id = ?1";

	return mail_exec(s, sql, member_id, now_sec());
}

/* --- The sender's side ------------------------------------------------- */

static void
mail_to_clear(void *v)
{
	struct store_mail_to *t = v;

	free(t->login);
	free(t->display_name);
	free(t->address);
	if (t->code != NULL)
		sodium_memzero(t->code, strlen(t->code));
	free(t->code);
	free(t->author);
	memset(t, 0, sizeof(*t));
}

void
store_mail_to_list_free(struct store_mail_to *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), mail_to_clear);
}

/* Columns: id, login, display_name, address, digest, since, code,
 * until, message_id, conversation_id, author, at. */
static void
mail_to_row(struct store_stmt *st, void *v)
{
	struct store_mail_to *t = v;

	t->member_id = store_column_int64(st, 0);
	t->login = store_column_str(st, 1);
	t->display_name = store_column_str(st, 2);
	t->address = store_column_str(st, 3);
	t->digest = mail_digest_parse(store_column_peek(st, 4));
	t->since = store_column_int64(st, 5);
	t->code = store_column_str(st, 6);
	t->until = store_column_int64(st, 7);
	t->message_id = store_column_int64(st, 8);
	t->conversation_id = store_column_int64(st, 9);
	t->author = store_column_str(st, 10);
	t->at = store_column_int64(st, 11);
}

static int
mail_to_list(struct store *s, const char *sql, int64_t a, int64_t b,
    struct store_mail_to **l, size_t *n)
{
	struct store_stmt *st;

	*l = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	/* ?3, where there is one: the digests' overlap. */
	if (store_bind_int64(s, st, 1, a) != 0 ||
	    store_bind_int64(s, st, 2, b) != 0 ||
	    (store_bind_count(st) > 2 &&
	    store_bind_int64(s, st, 3, STORE_MAIL_OVERLAP) != 0)) {
		store_done(st);
		return STORE_ERR;
	}
	return store_rows(s, st, sizeof(**l), mail_to_row, mail_to_clear,
	    (void **)l, n) == 0 ? STORE_OK : STORE_ERR;
}

int
store_mail_codes(struct store *s, int64_t now, struct store_mail_to **l,
    size_t *n)
{
	static const char sql[] = "SELECT m.id, m.login, m.display_name, "
	    "c.address, '', 0, c.code, c.expires_at, 0, 0, '', 0 "
	    "FROM mail_confirm c JOIN member m ON m.id = c.member_id "
	    "WHERE c.queued = 0 AND c.expires_at > ?1 AND c.attempts < ?2 "
	    "AND m.status = 'actif' ORDER BY c.member_id";

	return mail_to_list(s, sql, now, STORE_MAIL_CODE_TRIES, l, n);
}

int
store_mail_notes(struct store *s, struct store_mail_to **l, size_t *n)
{
	static const char sql[] = "SELECT m.id, m.login, m.display_name, "
	    "p.address, p.digest, 0, '', 0, g.id, g.conversation_id, "
	    "a.display_name, g.created_at FROM mail_pref p "
	    "JOIN member m ON m.id = p.member_id AND m.status = 'actif' "
	    "JOIN conversation_member cm ON cm.member_id = p.member_id "
	    "JOIN message g ON g.conversation_id = cm.conversation_id "
	    "AND g.id > p.message_upto AND g.author_id <> p.member_id "
	    "JOIN member a ON a.id = g.author_id "
	    "WHERE p.per_message = 1 AND p.address <> '' "
	    "AND p.refused_at IS NULL AND ?1 = ?1 AND ?2 = ?2 "
	    "AND NOT EXISTS (SELECT 1 FROM member_block b WHERE "
	    "b.member_id = p.member_id AND b.blocked_id = g.author_id) "
	    "ORDER BY g.id, m.id";

	return mail_to_list(s, sql, 0, 0, l, n);
}

int
store_mail_due(struct store *s, int64_t day, int64_t week,
    struct store_mail_to **l, size_t *n)
{
	static const char sql[] = "SELECT m.id, m.login, m.display_name, "
	    "p.address, p.digest, CASE WHEN p.digest_at > ?3 THEN "
	    "p.digest_at - ?3 ELSE 0 END, '', p.digest_at, 0, 0, "
	    "'', 0 FROM mail_pref p JOIN member m ON m.id = p.member_id "
	    "AND m.status = 'actif' WHERE p.address <> '' "
	    "AND p.refused_at IS NULL AND ((p.digest = 'quotidien' AND "
	    "p.digest_at < ?1) OR (p.digest = 'hebdomadaire' AND "
	    "p.digest_at < ?2)) ORDER BY m.id";

	return mail_to_list(s, sql, day, week, l, n);
}

int
store_mail_told(struct store *s, int64_t member_id, char ***items, size_t *n)
{
	static const char sql[] = "SELECT item FROM mail_sent WHERE "
	    "member_id = ?1";
	struct store_stmt *st;
	size_t cap = 0;
	int r;

	*items = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_id(s, st, 1, member_id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*items = xreallocarray(*items, cap, sizeof(**items));
		}
		(*items)[(*n)++] = store_column_str(st, 0);
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		while (*n > 0)
			free((*items)[--*n]);
		free(*items);
		*items = NULL;
		return -1;
	}
	return 0;
}

/* Insert the outbox row (inside a transaction). */
static int
mail_outbox_add(struct store *s, const struct store_mail_to *t,
    const char *kind, size_t nitems, const char *data, int64_t now)
{
	static const char sql[] = "INSERT INTO mail_outbox (member_id, kind, "
	    "address, items, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6)";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_id(s, st, 1, t->member_id) != 0 ||
	    store_bind_text(s, st, 2, kind) != 0 ||
	    store_bind_text(s, st, 3, t->address) != 0 ||
	    store_bind_int64(s, st, 4, (int64_t)nitems) != 0 ||
	    store_bind_text(s, st, 5, data) != 0 ||
	    store_bind_int64(s, st, 6, now) != 0) {
		store_done(st);
		return STORE_ERR;
	}
	return store_run(s, st) == 0 ? STORE_OK : STORE_ERR;
}

int
store_mail_queue_code(struct store *s, const struct store_mail_to *t,
    const char *data, int64_t now)
{
	static const char sql[] = "UPDATE mail_confirm SET queued = 1 "
	    "WHERE member_id = ?1 AND code = ?2 AND queued = 0";
	struct store_stmt *st;

	if (store_begin(s) != 0)
		return STORE_ERR;
	if ((st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_id(s, st, 1, t->member_id) != 0 ||
	    store_bind_text(s, st, 2, t->code) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	/* Another code asked meanwhile: the next run mails it. */
	if (store_changes(s) == 0)	/* nothing written */
		return store_commit(s) == 0 ? STORE_STATE : STORE_ERR;
	if (mail_outbox_add(s, t, "code", 0, data, now) != STORE_OK)
		goto fail;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERR;
fail:
	store_rollback(s);
	return STORE_ERR;
}

int
store_mail_queue_note(struct store *s, const struct store_mail_to *t,
    const char *data, int64_t now)
{
	static const char sql[] = "UPDATE mail_pref SET message_upto = ?2 "
	    "WHERE member_id = ?1 AND message_upto < ?2 AND per_message = 1 "
	    "AND address = ?3 AND refused_at IS NULL";
	struct store_stmt *st;

	if (store_begin(s) != 0)
		return STORE_ERR;
	if ((st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_id(s, st, 1, t->member_id) != 0 ||
	    store_bind_int64(s, st, 2, t->message_id) != 0 ||
	    store_bind_text(s, st, 3, t->address) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) == 0)	/* nothing written */
		return store_commit(s) == 0 ? STORE_STATE : STORE_ERR;
	if (mail_outbox_add(s, t, "message", 0, data, now) != STORE_OK)
		goto fail;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERR;
fail:
	store_rollback(s);
	return STORE_ERR;
}

int
store_mail_queue_digest(struct store *s, const struct store_mail_to *t,
    const char *const *items, size_t nitems, const char *data, int64_t now)
{
	static const char mark[] = "UPDATE mail_pref SET digest_at = ?2 "
	    "WHERE member_id = ?1 AND digest_at = ?3 AND digest = ?4 "
	    "AND address = ?5 AND refused_at IS NULL";
	static const char told[] = "INSERT INTO mail_sent (member_id, item, "
	    "sent_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
	struct store_stmt *st;
	size_t i;

	if (store_begin(s) != 0)
		return STORE_ERR;
	/* digest_at as read by store_mail_due: another run (or the
	 * member) changed nothing since, or this one steps back. */
	if ((st = store_prepare(s, mark)) == NULL)
		goto fail;
	if (store_bind_id(s, st, 1, t->member_id) != 0 ||
	    store_bind_int64(s, st, 2, now) != 0 ||
	    store_bind_int64(s, st, 3, t->until) != 0 ||
	    store_bind_text(s, st, 4, mail_digest_keys[t->digest]) != 0 ||
	    store_bind_text(s, st, 5, t->address) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) == 0)	/* nothing written */
		return store_commit(s) == 0 ? STORE_STATE : STORE_ERR;
	for (i = 0; i < nitems; i++) {
		if ((st = store_prepare(s, told)) == NULL)
			goto fail;
		if (store_bind_id(s, st, 1, t->member_id) != 0 ||
		    store_bind_text(s, st, 2, items[i]) != 0 ||
		    store_bind_int64(s, st, 3, now) != 0) {
			store_done(st);
			goto fail;
		}
		if (store_run(s, st) != 0)
			goto fail;
	}
	if (data != NULL && mail_outbox_add(s, t, "digest", nitems, data,
	    now) != STORE_OK)
		goto fail;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERR;
fail:
	store_rollback(s);
	return STORE_ERR;
}

int
store_mail_sync_normal(struct store *s)
{
	static const char sql[] = "PRAGMA synchronous = NORMAL";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	return store_run(s, st) == 0 ? 0 : -1;
}

static void
mail_out_clear(void *v)
{
	struct store_mail_out *o = v;

	free(o->login);
	free(o->kind);
	free(o->address);
	free(o->data);
	memset(o, 0, sizeof(*o));
}

void
store_mail_out_list_free(struct store_mail_out *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), mail_out_clear);
}

static void
mail_out_row(struct store_stmt *st, void *v)
{
	struct store_mail_out *o = v;

	o->id = store_column_int64(st, 0);
	o->member_id = store_column_int64(st, 1);
	o->login = store_column_str(st, 2);
	o->kind = store_column_str(st, 3);
	o->address = store_column_str(st, 4);
	o->data = store_column_str(st, 5);
	o->tries = store_column_int(st, 6);
}

int
store_mail_waiting(struct store *s, struct store_mail_out **l, size_t *n)
{
	static const char sql[] = "SELECT o.id, o.member_id, m.login, o.kind, "
	    "o.address, o.data, o.tries FROM mail_outbox o JOIN member m ON "
	    "m.id = o.member_id WHERE o.sent_at IS NULL AND "
	    "o.failed_at IS NULL ORDER BY o.id";
	struct store_stmt *st;

	*l = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	return store_rows(s, st, sizeof(**l), mail_out_row, mail_out_clear,
	    (void **)l, n) == 0 ? STORE_OK : STORE_ERR;
}

int
store_mail_sent(struct store *s, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE mail_outbox SET sent_at = ?2, "
	    "data = '', error = '' WHERE id = ?1";

	return mail_exec(s, sql, id, now);
}

/* Set the outbox row's error; failed too when failed is set. */
static int
mail_outbox_fail(struct store *s, int64_t id, const char *why, int failed,
    int64_t now)
{
	static const char sql[] = "UPDATE mail_outbox SET tries = tries + 1, "
	    "error = ?2, failed_at = CASE WHEN ?3 = 1 THEN CAST(?4 AS BIGINT) "
	    "END, data = CASE WHEN ?3 = 1 THEN '' ELSE data END WHERE id = ?1";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return STORE_ERR;
	if (store_bind_id(s, st, 1, id) != 0 ||
	    store_bind_text(s, st, 2, why) != 0 ||
	    store_bind_int64(s, st, 3, failed != 0) != 0 ||
	    store_bind_int64(s, st, 4, now) != 0) {
		store_done(st);
		return STORE_ERR;
	}
	return store_run(s, st) == 0 ? STORE_OK : STORE_ERR;
}

int
store_mail_retry(struct store *s, int64_t id, int max, const char *why,
    int64_t now)
{
	static const char get[] = "SELECT tries FROM mail_outbox "
	    "WHERE id = ?1";
	struct store_stmt *st;
	int tries = 0, r;

	if ((st = store_prepare(s, get)) == NULL)
		return -1;
	if (store_bind_id(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW)
		tries = store_column_int(st, 0);
	store_done(st);
	if (r == -1)
		return -1;
	r = tries + 1 >= max;
	if (mail_outbox_fail(s, id, why, r, now) != STORE_OK)
		return -1;
	return r;
}

int
store_mail_refused(struct store *s, int64_t id, const char *why,
    int64_t now)
{
	static const char sql[] = "UPDATE mail_pref SET refused_at = ?2, "
	    "refused_why = ?3 FROM mail_outbox o WHERE o.id = ?1 AND "
	    "mail_pref.member_id = o.member_id AND "
	    "mail_pref.address = o.address";
	struct store_stmt *st;

	if (store_begin(s) != 0)
		return STORE_ERR;
	if (mail_outbox_fail(s, id, why, 1, now) != STORE_OK ||
	    (st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_id(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, now) != 0 ||
	    store_bind_text(s, st, 3, why) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERR;
fail:
	store_rollback(s);
	return STORE_ERR;
}

int
store_mail_prune(struct store *s, int64_t before)
{
	/* A digest at T looks back to the previous one less the overlap:
	 * what the digests before the previous one told cannot come back. */
	static const char ledger[] = "DELETE FROM mail_sent WHERE sent_at < "
	    "(SELECT p.digest_at FROM mail_pref p WHERE p.member_id = "
	    "mail_sent.member_id) AND ?1 = ?1 AND ?2 = ?2";
	static const char outbox[] = "DELETE FROM mail_outbox WHERE "
	    "(sent_at < ?1 OR failed_at < ?1) AND ?2 = ?2";

	if (mail_exec(s, ledger, 0, 0) != STORE_OK)
		return STORE_ERR;
	return mail_exec(s, outbox, before, 0);
}
