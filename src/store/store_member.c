/*
 * store_member.c - members, their public keys and their preferences, and
 * the names of roles and statuses.
 *
 * Invariants: a login never changes and names one member; member.name_fold
 * is always txt_fold(display_name), so the directory sorts « Élodie »
 * beside « Elodie »; a public key (algo, blob) is bound to one member at
 * most, which is what lets authentication map a key to an account. Roles
 * and statuses are stored as the ASCII keys the schema's CHECK lists
 * ("moderateur", "en_attente"); the French labels with accents are for
 * display only. Rows are never deleted here: a member changes status.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"
#include "text/txt.h"
#include "util/util.h"

struct store_name {
	const char	*key;		/* as stored */
	const char	*label;		/* as shown */
};

static const struct store_name store_roles[] = {
	[ROLE_INVITE] =		{ "invite", "invité" },
	[ROLE_MEMBRE] =		{ "membre", "membre" },
	[ROLE_MODERATEUR] =	{ "moderateur", "modération" },
	[ROLE_DOCUMENTALISTE] =	{ "documentaliste", "documentaliste" },
	[ROLE_ORGANISATEUR] =	{ "organisateur", "organisation de journées" },
	[ROLE_SYSOP] =		{ "sysop", "sysop" },
};

static const struct store_name store_statuses[] = {
	[STATUS_EN_ATTENTE] =	{ "en_attente", "en attente" },
	[STATUS_ACTIF] =	{ "actif", "actif" },
	[STATUS_SUSPENDU] =	{ "suspendu", "suspendu" },
	[STATUS_REFUSE] =	{ "refuse", "refusé" },
	[STATUS_ANONYMISE] =	{ "anonymise", "anonymisé" },
};

#define MEMBER_COLUMNS "id, login, display_name, organisation, role, " \
	"status, password_hash, created_at, last_login_at"

static const char	*store_status_key(enum store_status);
static int		 store_status_parse(const char *);
static void		 store_member_row(struct store_stmt *, void *);
static int		 store_member_get(struct store *, struct store_stmt *,
			    struct store_member *);
static void		 store_key_row(struct store_stmt *, void *);
static void		 store_member_clear_v(void *);
static void		 store_key_clear_v(void *);

/*
 * Role from its key, its label or the name of the person who holds it
 * (« modération », « moderateur », « modérateur », « modératrice »).
 */
int
store_role_parse(const char *s)
{
	static const struct {
		const char	*name;
		enum store_role	 role;
	} people[] = {
		{ "modérateur", ROLE_MODERATEUR },
		{ "modératrice", ROLE_MODERATEUR },
		{ "organisatrice", ROLE_ORGANISATEUR },
		{ "invitée", ROLE_INVITE },
	};
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < nitems(store_roles); i++) {
		if (strcmp(s, store_roles[i].key) == 0 ||
		    strcmp(s, store_roles[i].label) == 0)
			return (int)i;
	}
	for (i = 0; i < nitems(people); i++)
		if (strcmp(s, people[i].name) == 0)
			return (int)people[i].role;
	return -1;
}

/* The ASCII key of a role, as stored ("moderateur"). */
const char *
store_role_key(enum store_role r)
{
	if ((size_t)r >= nitems(store_roles))
		return "inconnu";
	return store_roles[r].key;
}

/* The French label of a role, said of the function, not of the
 * person (« modération »). */
const char *
store_role_label(enum store_role r)
{
	if ((size_t)r >= nitems(store_roles))
		return "inconnu";
	return store_roles[r].label;
}

/* The ASCII key of a status, as stored ("en_attente"). */
static const char *
store_status_key(enum store_status st)
{
	if ((size_t)st >= nitems(store_statuses))
		return "inconnu";
	return store_statuses[st].key;
}

/* The French label of a status ("en attente"). */
const char *
store_status_label(enum store_status st)
{
	if ((size_t)st >= nitems(store_statuses))
		return "inconnu";
	return store_statuses[st].label;
}

/* Status from its stored key, -1 if unknown. */
static int
store_status_parse(const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < nitems(store_statuses); i++) {
		if (strcmp(s, store_statuses[i].key) == 0)
			return (int)i;
	}
	return -1;
}

/* Free the strings of a member and zero it. */
void
store_member_clear(struct store_member *m)
{
	if (m == NULL)
		return;
	free(m->login);
	free(m->display_name);
	free(m->organisation);
	free(m->password_hash);
	memset(m, 0, sizeof(*m));
}

/* Fill m from a row of MEMBER_COLUMNS. */
static void
store_member_row(struct store_stmt *st, void *p)
{
	struct store_member *m = p;

	char *v;
	int r;

	memset(m, 0, sizeof(*m));
	m->id = store_column_int64(st, 0);
	m->login = store_column_str(st, 1);
	m->display_name = store_column_str(st, 2);
	m->organisation = store_column_str(st, 3);

	/* The CHECK constraints make these unreachable: fail closed. */
	v = (char *)store_column_peek(st, 4);
	if ((r = store_role_parse(v)) < 0) {
		log_error("member %lld: unknown role", (long long)m->id);
		r = ROLE_INVITE;
	}
	m->role = (enum store_role)r;
	v = (char *)store_column_peek(st, 5);
	if ((r = store_status_parse(v)) < 0) {
		log_error("member %lld: unknown status", (long long)m->id);
		r = STATUS_SUSPENDU;
	}
	m->status = (enum store_status)r;

	m->password_hash = store_column_text(st, 6);
	m->created_at = store_column_int64(st, 7);
	m->last_login_at = store_column_int64(st, 8);
}

/* Step a bound member query: 0 found, 1 not found, -1 error. */
static int
store_member_get(struct store *s, struct store_stmt *st, struct store_member *m)
{
	int rc;

	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_member_row(st, m);
		rc = 0;
		break;
	case STORE_STEP_DONE:
		rc = 1;
		break;
	default:
		rc = -1;
		break;
	}
	store_done(st);
	return rc;
}

/* Look a member up by login. */
int
store_member_by_login(struct store *s, const char *login,
    struct store_member *m)
{
	static const char sql[] = "SELECT " MEMBER_COLUMNS
	    " FROM member WHERE login = ?1";
	struct store_stmt *st;

	memset(m, 0, sizeof(*m));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, login) != 0) {
		store_done(st);
		return -1;
	}
	return store_member_get(s, st, m);
}

/* Look a member up by id. */
int
store_member_by_id(struct store *s, int64_t id, struct store_member *m)
{
	static const char sql[] = "SELECT " MEMBER_COLUMNS
	    " FROM member WHERE id = ?1";
	struct store_stmt *st;

	memset(m, 0, sizeof(*m));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	return store_member_get(s, st, m);
}

/* Insert a member; STORE_TAKEN if the login is taken. */
int
store_member_insert(struct store *s, struct store_member *m)
{
	static const char sql[] = "INSERT INTO member (login, display_name, "
	    "name_fold, organisation, role, status, password_hash, "
	    "created_at, updated_at, last_login_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9) RETURNING id";
	struct store_stmt *st;
	char *fold = NULL, *name = NULL, *org = NULL;
	int64_t t;
	int rc = -1;

	if (m->login == NULL || m->display_name == NULL) {
		log_error("member without login or name");
		return -1;
	}
	t = m->created_at != 0 ? m->created_at : now_sec();
	name = store_clean(m->display_name, 0);
	org = store_clean(m->organisation, 0);
	fold = txt_fold(name);
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	if (store_bind_text(s, st, 1, m->login) != 0 ||
	    store_bind_text(s, st, 2, name) != 0 ||
	    store_bind_text(s, st, 3, fold) != 0 ||
	    store_bind_text(s, st, 4, org) != 0 ||
	    store_bind_text(s, st, 5, store_role_key(m->role)) != 0 ||
	    store_bind_text(s, st, 6, store_status_key(m->status)) != 0 ||
	    store_bind_text(s, st, 7, m->password_hash) != 0 ||
	    store_bind_int64(s, st, 8, t) != 0 ||
	    store_bind_id(s, st, 9, m->last_login_at) != 0) {
		store_done(st);
		goto out;
	}
	if ((rc = store_insert(s, st, &m->id)) != 0) {
		if (rc == 1)
			rc = STORE_TAKEN;
		goto out;
	}
	m->created_at = t;
out:
	free(fold);
	free(name);
	free(org);
	return rc;
}

/* Set (or with NULL remove) a member's password hash; 1 if no such id. */
int
store_member_set_password(struct store *s, int64_t id, const char *hash)
{
	static const char sql[] = "UPDATE member SET password_hash = ?1, "
	    "updated_at = ?2 WHERE id = ?3";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, hash) != 0 ||
	    store_bind_int64(s, st, 2, now_sec()) != 0 ||
	    store_bind_int64(s, st, 3, id) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_changes(s) == 0 ? 1 : 0;
}

/* Record a login at t and hand back the previous one; 1 if no such id. */
int
store_member_login(struct store *s, int64_t id, int64_t t,
    int64_t *previous)
{
	static const char get[] = "SELECT last_login_at FROM member "
	    "WHERE id = ?1";
	static const char set[] = "UPDATE member SET last_login_at = ?1 "
	    "WHERE id = ?2";
	struct store_stmt *st = NULL;
	int rc = -1, tx = 0;

	*previous = 0;
	if (store_begin(s) != 0)
		goto out;
	tx = 1;

	if ((st = store_prepare(s, get)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		*previous = store_column_int64(st, 0);
		break;
	case STORE_STEP_DONE:
		rc = 1;
		goto out;
	default:
		goto out;
	}
	store_done(st);

	if ((st = store_prepare(s, set)) == NULL ||
	    store_bind_int64(s, st, 1, t) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0)
		goto out;
	if (store_run(s, st) != 0)
		goto out;
	tx = 0;
	if (store_commit(s) != 0)
		goto out;
	rc = 0;
out:
	store_done(st);
	if (tx)
		store_rollback(s);
	return rc;
}

/* store_member_clear() for store_rows(). */
static void
store_member_clear_v(void *m)
{
	store_member_clear(m);
}

/* Every member, by folded display name. */
int
store_member_list(struct store *s, struct store_member **list, size_t *n)
{
	static const char sql[] = "SELECT " MEMBER_COLUMNS
	    " FROM member ORDER BY name_fold, display_name, id";
	struct store_stmt *st;
	void *l;
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	rc = store_rows(s, st, sizeof(**list), store_member_row,
	    store_member_clear_v, &l, n);
	*list = l;
	return rc;
}

int
store_member_find(struct store *s, const char *typed, size_t max,
    struct store_member **list, size_t *n)
{
	static const char sql[] = "SELECT " MEMBER_COLUMNS
	    " FROM member WHERE status = 'actif' AND role <> 'invite' AND "
	    "(login = ?6 OR (?1 <> '' AND instr(name_fold, ?1) > 0 AND "
	    "instr(name_fold, ?2) > 0 AND instr(name_fold, ?3) > 0 AND "
	    "instr(name_fold, ?4) > 0)) "
	    "ORDER BY login = ?6 DESC, name_fold, id LIMIT ?5";
	const char *sep = " \t,;.-'’@";
	struct store_stmt *st;
	char *fold, *login, *p, *w[4];
	size_t nw = 0, i, len;
	void *l;
	int rc = -1;

	*list = NULL;
	*n = 0;
	/* A login as typed (« @elodie » too), and the words of a name. */
	p = (char *)(typed != NULL ? typed : "");
	p += strspn(p, " @");
	login = xstrndup(p, strcspn(p, " ,;"));
	fold = txt_fold(typed != NULL ? typed : "");
	for (p = fold; nw < nitems(w); p += len) {
		p += strspn(p, sep);
		if ((len = strcspn(p, sep)) == 0)
			break;
		w[nw++] = xstrndup(p, len);
	}
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	for (i = 0; i < nitems(w); i++)
		if (store_bind_text(s, st, (int)i + 1, i < nw ? w[i] : "") !=
		    0) {
			store_done(st);
			goto out;
		}
	if (store_bind_int64(s, st, 5, max == 0 ? -1 : (int64_t)max) != 0 ||
	    store_bind_text(s, st, 6, login) != 0) {
		store_done(st);
		goto out;
	}
	rc = store_rows(s, st, sizeof(**list), store_member_row,
	    store_member_clear_v, &l, n);
	*list = l;
out:
	for (i = 0; i < nw; i++)
		free(w[i]);
	free(fold);
	free(login);
	return rc;
}

/* Free a list from store_member_list(). */
void
store_member_list_free(struct store_member *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_member_clear_v);
}

/* How many members there are, whatever their status. */
int
store_member_count(struct store *s, int64_t *n)
{
	static const char sql[] = "SELECT count(*) FROM member";
	struct store_stmt *st;
	int rc = -1;

	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_step(s, st) == STORE_STEP_ROW) {
		*n = store_column_int64(st, 0);
		rc = 0;
	}
	store_done(st);
	return rc;
}

/* --- Public keys --------------------------------------------------------- */

/* Free the strings of a key and zero it. */
void
store_key_clear(struct store_key *k)
{
	if (k == NULL)
		return;
	free(k->algo);
	free(k->blob);
	free(k->fingerprint);
	free(k->comment);
	memset(k, 0, sizeof(*k));
}

/* Fill k from a row of the key list query. */
static void
store_key_row(struct store_stmt *st, void *p)
{
	struct store_key *k = p;

	memset(k, 0, sizeof(*k));
	k->id = store_column_int64(st, 0);
	k->member_id = store_column_int64(st, 1);
	k->algo = store_column_str(st, 2);
	k->blob = store_column_str(st, 3);
	k->fingerprint = store_column_str(st, 4);
	k->comment = store_column_str(st, 5);
	k->created_at = store_column_int64(st, 6);
	k->last_used_at = store_column_int64(st, 7);
}

/* Bind a key to k->member_id; STORE_KEY_TAKEN if it is bound already
 * (to anyone). */
int
store_key_add(struct store *s, struct store_key *k)
{
	static const char sql[] = "INSERT INTO member_key (member_id, algo, "
	    "blob, fingerprint, comment, created_at, last_used_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
	struct store_stmt *st;
	char *comment = NULL;
	int64_t t;
	int rc = -1;

	if (k->algo == NULL || k->blob == NULL || k->fingerprint == NULL) {
		log_error("key without algo, blob or fingerprint");
		return -1;
	}
	t = k->created_at != 0 ? k->created_at : now_sec();
	comment = store_clean(k->comment, 0);
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, k->member_id) != 0 ||
	    store_bind_text(s, st, 2, k->algo) != 0 ||
	    store_bind_text(s, st, 3, k->blob) != 0 ||
	    store_bind_text(s, st, 4, k->fingerprint) != 0 ||
	    store_bind_text(s, st, 5, comment) != 0 ||
	    store_bind_int64(s, st, 6, t) != 0 ||
	    store_bind_id(s, st, 7, k->last_used_at) != 0) {
		store_done(st);
		goto out;
	}
	if ((rc = store_insert(s, st, &k->id)) != 0) {
		if (rc == 1)
			rc = STORE_KEY_TAKEN;
		goto out;
	}
	k->created_at = t;
out:
	free(comment);
	return rc;
}

/* Which member a key belongs to: 0 (*member_id set) or 1 (nobody). */
int
store_key_owner(struct store *s, const char *algo, const char *blob,
    int64_t *member_id)
{
	static const char sql[] = "SELECT member_id FROM member_key "
	    "WHERE algo = ?1 AND blob = ?2";
	struct store_stmt *st;
	int rc = -1;

	*member_id = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, algo) != 0 ||
	    store_bind_text(s, st, 2, blob) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		*member_id = store_column_int64(st, 0);
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

/* Note that a key was used at t; 1 if no such key. */
int
store_key_touch(struct store *s, const char *algo, const char *blob,
    int64_t t)
{
	static const char sql[] = "UPDATE member_key SET last_used_at = ?3 "
	    "WHERE algo = ?1 AND blob = ?2";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, algo) != 0 ||
	    store_bind_text(s, st, 2, blob) != 0 ||
	    store_bind_int64(s, st, 3, t) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_changes(s) == 0 ? 1 : 0;
}

/* store_key_clear() for store_rows(). */
static void
store_key_clear_v(void *k)
{
	store_key_clear(k);
}

/* A member's keys, oldest first. */
int
store_key_list(struct store *s, int64_t member_id, struct store_key **list,
    size_t *n)
{
	static const char sql[] = "SELECT id, member_id, algo, blob, "
	    "fingerprint, comment, created_at, last_used_at FROM member_key "
	    "WHERE member_id = ?1 ORDER BY created_at, id";
	struct store_stmt *st;
	void *l;
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0) {
		store_done(st);
		return -1;
	}
	rc = store_rows(s, st, sizeof(**list), store_key_row,
	    store_key_clear_v, &l, n);
	*list = l;
	return rc;
}

/* Free a list from store_key_list(). */
void
store_key_list_free(struct store_key *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_key_clear_v);
}

/* --- Preferences --------------------------------------------------------- */

/* A member's preference: 0 (*value new string) or 1 (unset, NULL). */
int
store_pref_get(struct store *s, int64_t member_id, const char *name,
    char **value)
{
	static const char sql[] = "SELECT value FROM member_pref "
	    "WHERE member_id = ?1 AND name = ?2";
	struct store_stmt *st;
	int rc = -1;

	*value = NULL;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, name) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		*value = store_column_str(st, 0);
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

/* Set a member's preference, replacing it; a NULL value removes it. */
int
store_pref_set(struct store *s, int64_t member_id, const char *name,
    const char *value)
{
	static const char upsert[] = "INSERT INTO member_pref "
	    "(member_id, name, value) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (member_id, name) DO UPDATE SET value = excluded.value";
	static const char del[] = "DELETE FROM member_pref "
	    "WHERE member_id = ?1 AND name = ?2";
	struct store_stmt *st;
	char *v = NULL;
	int rc = -1;

	if (name == NULL)
		return -1;
	if (value != NULL)
		v = store_clean(value, 0);
	if ((st = store_prepare(s, v != NULL ? upsert : del)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, name) != 0 ||
	    (v != NULL && store_bind_text(s, st, 3, v) != 0)) {
		store_done(st);
		goto out;
	}
	rc = store_run(s, st) == 0 ? 0 : -1;
out:
	free(v);
	return rc;
}
