/*
 * store_profile.c - profiles, the directory and its search, keys a
 * member removes, and the approval of new accounts (store_profile.h).
 *
 * Invariants: member_profile.search is txt_fold() of the fields that
 * everybody may see (name, organisation, territory, expertise), rebuilt
 * after every change of one of them or of their visibility, in the same
 * transaction. A member without a profile row (made by « palabre admin
 * user add ») gets one the first time the directory is searched.
 *
 * Why not FTS5 as for the posts: the directory is one row per member
 * (thousands, not millions); a folded column read in one scan answers in
 * well under a millisecond per thousand members, finds words inside
 * compound names (« denis » in « Seine-Saint-Denis ») and keeps the
 * visibility rule in one place.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "text/txt.h"
#include "util/util.h"

#define DIRECTORY_WORDS	6	/* words of a query kept */

#define PROFILE_COLUMNS "m.id, m.login, m.display_name, m.role, " \
	"CASE m.status WHEN 'en_attente' THEN 0 WHEN 'actif' THEN 1 " \
	"WHEN 'suspendu' THEN 2 WHEN 'refuse' THEN 3 ELSE 4 END, " \
	"m.created_at, m.organisation, COALESCE(p.org_type, ''), " \
	"COALESCE(p.job, ''), COALESCE(p.departement, ''), " \
	"COALESCE(p.expertise, ''), COALESCE(p.presentation, ''), " \
	"COALESCE(p.email, ''), COALESCE(p.hidden, 'email'), " \
	"COALESCE(d.code || ' ' || d.name, '')"
#define PROFILE_FROM " FROM member m " \
	"LEFT JOIN member_profile p ON p.member_id = m.id " \
	"LEFT JOIN departement d ON d.code = p.departement "

static const char *const store_pfields[PROF_NFIELDS][2] = {
	{ "organisation", "Organisation" },
	{ "type", "Type de structure" },
	{ "fonction", "Fonction" },
	{ "territoire", "Territoire" },
	{ "expertise", "Domaines d'expertise" },
	{ "presentation", "Présentation" },
	{ "email", "Courriel" },
};


static void	 store_profile_row(struct store_stmt *, void *);
static void	 store_profile_clear_v(void *);
static void	 store_profile_mask(struct store_profile *, int64_t);
static unsigned	 store_hidden_parse(const char *);
static char	*store_hidden_format(unsigned);
static int	 store_profile_ensure(struct store *, int64_t);
static int	 store_profile_reindex(struct store *, int64_t);
static int	 store_profile_backfill(struct store *);
static int	 store_profile_update(struct store *, int64_t, int,
		    const char *);

const char *
store_pfield_key(int f)
{
	return f >= 0 && f < PROF_NFIELDS ? store_pfields[f][0] : "";
}

const char *
store_pfield_label(int f)
{
	return f >= 0 && f < PROF_NFIELDS ? store_pfields[f][1] : "";
}

void
store_profile_clear(struct store_profile *p)
{
	int i;

	if (p == NULL)
		return;
	free(p->login);
	free(p->display_name);
	for (i = 0; i < PROF_NFIELDS; i++)
		free(p->field[i]);
	free(p->territory);
	memset(p, 0, sizeof(*p));
}

static void
store_profile_clear_v(void *p)
{
	store_profile_clear(p);
}

void
store_profile_list_free(struct store_profile *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		store_profile_clear(&l[i]);
	free(l);
}

/* "email fonction" -> bits. */
static unsigned
store_hidden_parse(const char *s)
{
	unsigned bits = 0;
	size_t len;
	int f;

	while (s != NULL && *s != '\0') {
		s += strspn(s, " ");
		len = strcspn(s, " ");
		for (f = 0; f < PROF_NFIELDS; f++)
			if (len > 0 && strlen(store_pfields[f][0]) == len &&
			    strncmp(s, store_pfields[f][0], len) == 0)
				bits |= 1U << f;
		s += len;
	}
	return bits;
}

static char *
store_hidden_format(unsigned bits)
{
	struct buf b;
	int f;

	buf_init(&b);
	for (f = 0; f < PROF_NFIELDS; f++)
		if (bits & (1U << f))
			buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
			    store_pfields[f][0]);
	return buf_detach(&b);
}

static void
store_profile_row(struct store_stmt *st, void *v)
{
	struct store_profile *p = v;
	int r, f;

	p->member_id = store_column_int64(st, 0);
	p->login = store_column_str(st, 1);
	p->display_name = store_column_str(st, 2);
	r = store_role_parse(store_column_peek(st, 3));
	p->role = r < 0 ? ROLE_INVITE : r;
	p->status = store_column_int(st, 4);
	p->created_at = store_column_int64(st, 5);
	for (f = 0; f < PROF_NFIELDS; f++)
		p->field[f] = store_column_str(st, 6 + f);
	p->hidden = store_hidden_parse(store_column_peek(st,
	    13));
	p->territory = store_column_str(st, 14);
}

/* What nobody else may see is blanked for anybody else. */
static void
store_profile_mask(struct store_profile *p, int64_t viewer)
{
	int f;

	if (viewer == p->member_id)
		return;
	for (f = 0; f < PROF_NFIELDS; f++) {
		if (!(p->hidden & (1U << f)))
			continue;
		free(p->field[f]);
		p->field[f] = xstrdup("");
		if (f == PROF_TERRITORY) {
			free(p->territory);
			p->territory = xstrdup("");
		}
	}
}

int
store_profile_get(struct store *s, int64_t viewer, int64_t member_id,
    struct store_profile *p)
{
	static const char sql[] = "SELECT " PROFILE_COLUMNS PROFILE_FROM
	    "WHERE m.id = ?1";
	struct store_stmt *st;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0)
		goto out;
	switch (store_step(s, st)) {
	case STORE_STEP_ROW:
		store_profile_row(st, p);
		rc = 0;
		break;
	case STORE_STEP_DONE:
		rc = 1;
		break;
	}
out:
	store_done(st);
	if (rc == 0 && viewer != member_id && p->status != STATUS_ACTIF) {
		store_profile_clear(p);
		return 1;
	}
	if (rc == 0)
		store_profile_mask(p, viewer);
	return rc;
}

static int
store_profile_ensure(struct store *s, int64_t member_id)
{
	static const char sql[] = "INSERT INTO member_profile (member_id, "
	    "updated_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, now_sec()) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

/* Rebuild the search column from the visible fields. */
static int
store_profile_reindex(struct store *s, int64_t member_id)
{
	static const char sql[] = "UPDATE member_profile SET search = ?2 "
	    "WHERE member_id = ?1";
	struct store_profile p;
	struct store_stmt *st;
	struct buf b;
	char *text, *fold;
	int rc;

	/* As a stranger sees it (viewer 0), whatever the status. */
	if ((rc = store_profile_get(s, member_id, member_id, &p)) != 0)
		return rc;
	store_profile_mask(&p, 0);
	buf_init(&b);
	buf_printf(&b, "%s %s %s %s %s", p.display_name,
	    p.field[PROF_ORGANISATION], p.territory, p.field[PROF_EXPERTISE],
	    p.field[PROF_ORG_TYPE][0] != '\0' ?
	    store_org_type_label(p.field[PROF_ORG_TYPE]) : "");
	text = buf_detach(&b);
	fold = txt_fold(text);
	free(text);
	store_profile_clear(&p);
	rc = -1;
	if ((st = store_prepare(s, sql)) != NULL) {
		if (store_bind_int64(s, st, 1, member_id) != 0 ||
		    store_bind_text(s, st, 2, fold) != 0)
			store_done(st);
		else
			rc = store_run(s, st);
	}
	free(fold);
	return rc;
}

/* Members made without a profile get one (and their search text). */
static int
store_profile_backfill(struct store *s)
{
	static const char sql[] = "SELECT id FROM member WHERE NOT EXISTS "
	    "(SELECT 1 FROM member_profile p WHERE p.member_id = member.id)";
	struct store_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int r, rc = 0;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = store_column_int64(st, 0);
	}
	store_done(st);
	if (r == -1 || n == 0) {
		free(ids);
		return r == -1 ? -1 : 0;
	}
	if (store_begin(s) != 0) {
		free(ids);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++)
		if (store_profile_ensure(s, ids[i]) != 0 ||
		    store_profile_reindex(s, ids[i]) != 0)
			rc = -1;
	free(ids);
	if (rc != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

/* One column of member_profile (the field's), or member.organisation. */
static int
store_profile_update(struct store *s, int64_t member_id, int field,
    const char *value)
{
	static const char org[] = "UPDATE member SET organisation = ?2, "
	    "updated_at = ?3 WHERE id = ?1";
	static const char type[] = "UPDATE member_profile SET org_type = ?2, "
	    "updated_at = ?3 WHERE member_id = ?1";
	static const char job[] = "UPDATE member_profile SET job = ?2, "
	    "updated_at = ?3 WHERE member_id = ?1";
	static const char dep[] = "UPDATE member_profile SET departement = "
	    "NULLIF(?2, ''), updated_at = ?3 WHERE member_id = ?1";
	static const char exp[] = "UPDATE member_profile SET expertise = ?2, "
	    "updated_at = ?3 WHERE member_id = ?1";
	static const char pres[] = "UPDATE member_profile SET presentation = "
	    "?2, updated_at = ?3 WHERE member_id = ?1";
	static const char mail[] = "UPDATE member_profile SET email = ?2, "
	    "updated_at = ?3 WHERE member_id = ?1";
	static const char *const sqls[PROF_NFIELDS] = {
		org, type, job, dep, exp, pres, mail
	};
	struct store_stmt *st;

	if ((st = store_prepare(s, sqls[field])) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, value) != 0 ||
	    store_bind_int64(s, st, 3, now_sec()) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

int
store_profile_set(struct store *s, int64_t member_id, int field,
    const char *value)
{
	struct store_member m;
	char *v, *label;
	size_t max;
	int r, rc = -1;

	if (field < 0 || field >= PROF_NFIELDS)
		return -1;
	if ((r = store_member_by_id(s, member_id, &m)) != 0)
		return r;
	store_member_clear(&m);
	max = field == PROF_PRESENTATION ? STORE_PRESENTATION_MAX :
	    STORE_FIELD_MAX;
	v = txt_clean(value != NULL ? value : "", value != NULL ?
	    strlen(value) : 0, field == PROF_PRESENTATION ? TXT_MULTILINE : 0,
	    0, NULL);
	if (strlen(v) > max) {
		free(v);
		return STORE_TOO_LONG;
	}
	if (field == PROF_ORG_TYPE && store_org_type_label(v) == NULL) {
		free(v);
		return STORE_INVALID;
	}
	if (field == PROF_TERRITORY && v[0] != '\0') {
		if ((label = store_departement_label(s, v)) == NULL) {
			free(v);
			return STORE_INVALID;
		}
		free(label);
	}
	if (store_begin(s) != 0)
		goto out;
	if (store_profile_ensure(s, member_id) != 0 ||
	    store_profile_update(s, member_id, field, v) != 0 ||
	    store_profile_reindex(s, member_id) != 0) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s);
out:
	free(v);
	return rc;
}

int
store_profile_set_name(struct store *s, int64_t member_id, const char *name)
{
	static const char sql[] = "UPDATE member SET display_name = ?2, "
	    "name_fold = ?3, updated_at = ?4 WHERE id = ?1";
	struct store_stmt *st;
	char *v, *fold;
	int rc;

	if ((rc = store_text_clean(name, 0, STORE_FIELD_MAX, &v)) != 0)
		return rc;
	fold = txt_fold(v);
	rc = -1;
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, v) != 0 ||
	    store_bind_text(s, st, 3, fold) != 0 ||
	    store_bind_int64(s, st, 4, now_sec()) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) == 0) {
		store_rollback(s);
		rc = 1;
		goto out;
	}
	if (store_profile_ensure(s, member_id) != 0 ||
	    store_profile_reindex(s, member_id) != 0)
		goto fail;
	rc = store_commit(s);
	goto out;
fail:
	store_rollback(s);
out:
	free(v);
	free(fold);
	return rc;
}

int
store_profile_set_hidden(struct store *s, int64_t member_id, int field,
    int hidden)
{
	static const char sql[] = "UPDATE member_profile SET hidden = ?2, "
	    "updated_at = ?3 WHERE member_id = ?1";
	struct store_profile p;
	struct store_stmt *st;
	unsigned bits;
	char *text;
	int r;

	if (field < 0 || field >= PROF_NFIELDS)
		return -1;
	if ((r = store_profile_get(s, member_id, member_id, &p)) != 0)
		return r;
	bits = hidden ? p.hidden | 1U << field : p.hidden & ~(1U << field);
	store_profile_clear(&p);
	text = store_hidden_format(bits);
	r = -1;
	if (store_begin(s) != 0)
		goto out;
	if (store_profile_ensure(s, member_id) != 0 ||
	    (st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, text) != 0 ||
	    store_bind_int64(s, st, 3, now_sec()) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0 || store_profile_reindex(s, member_id) != 0)
		goto fail;
	r = store_commit(s);
	goto out;
fail:
	store_rollback(s);
out:
	free(text);
	return r;
}

int
store_directory_search(struct store *s, int64_t viewer, const char *query,
    size_t max, struct store_profile **list, size_t *n)
{
	static const char sql[] = "SELECT " PROFILE_COLUMNS PROFILE_FROM
	    "WHERE m.status = 'actif' AND m.role <> 'invite' "
	    "AND instr(p.search, ?1) > 0 AND instr(p.search, ?2) > 0 "
	    "AND instr(p.search, ?3) > 0 AND instr(p.search, ?4) > 0 "
	    "AND instr(p.search, ?5) > 0 AND instr(p.search, ?6) > 0 "
	    "ORDER BY m.name_fold, m.id LIMIT ?7";
	const char *sep = " \t,;.-'/()\"«»’";
	struct store_stmt *st;
	char *fold, *p, *w[DIRECTORY_WORDS];
	size_t nw = 0, i, len;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if (store_profile_backfill(s) != 0)
		return -1;
	fold = txt_fold(query != NULL ? query : "");
	for (p = fold; nw < DIRECTORY_WORDS; p += len) {
		p += strspn(p, sep);
		if ((len = strcspn(p, sep)) == 0)
			break;
		w[nw++] = xstrndup(p, len);
	}
	free(fold);
	r = -1;
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	for (i = 0; i < DIRECTORY_WORDS; i++)
		if (store_bind_text(s, st, (int)i + 1, i < nw ? w[i] : "") != 0) {
			store_done(st);
			goto out;
		}
	if (store_bind_int64(s, st, 7, max == 0 ? -1 : (int64_t)max) != 0) {
		store_done(st);
		goto out;
	}
	r = store_rows(s, st, sizeof(**list), store_profile_row,
	    store_profile_clear_v, &l, n);
	*list = l;
	for (i = 0; r == 0 && i < *n; i++)
		store_profile_mask(&(*list)[i], viewer);
out:
	for (i = 0; i < nw; i++)
		free(w[i]);
	return r;
}

int
store_key_delete(struct store *s, int64_t member_id, int64_t key_id)
{
	static const char sql[] = "DELETE FROM member_key WHERE id = ?1 "
	    "AND member_id = ?2";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, key_id) != 0 ||
	    store_bind_int64(s, st, 2, member_id) != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_changes(s) == 0 ? 1 : 0;
}

int
store_member_waiting(struct store *s, struct store_profile **list, size_t *n)
{
	static const char sql[] = "SELECT " PROFILE_COLUMNS PROFILE_FROM
	    "WHERE m.status = 'en_attente' ORDER BY m.created_at, m.id";
	struct store_stmt *st;
	void *l;
	int r;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	r = store_rows(s, st, sizeof(**list), store_profile_row,
	    store_profile_clear_v, &l, n);
	*list = l;
	return r;
}

int
store_member_decide(struct store *s, int64_t member_id, int approve,
    int64_t by)
{
	static const char sql[] = "UPDATE member SET status = ?2, "
	    "updated_at = ?3 WHERE id = ?1 AND status = 'en_attente'";
	struct store_member m;
	struct store_stmt *st;
	int r;

	if ((r = store_member_by_id(s, member_id, &m)) != 0)
		return r;
	r = -1;
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, sql)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, approve ? "actif" : "refuse") != 0 ||
	    store_bind_int64(s, st, 3, now_sec()) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) == 0) {
		store_rollback(s);
		r = STORE_STATE;	/* decided already */
		goto out;
	}
	if (store_audit(s, by, approve ? "member.approve" : "member.refuse",
	    m.login, "") != 0)
		goto fail;
	r = store_commit(s);
	goto out;
fail:
	store_rollback(s);
out:
	store_member_clear(&m);
	return r;
}

int
store_member_waiting_count(struct store *s, int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM member "
	    "WHERE status = 'en_attente'";
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

int
store_member_signup(struct store *s, const struct store_signup *u,
    int max_pending, int64_t *member_id)
{
	const char *fields[PROF_NFIELDS];
	struct store_member m;
	struct store_key k;
	char *name = NULL;
	int64_t waiting;
	int f, r;

	*member_id = 0;
	if (!txt_login_valid(u->login) ||
	    strcmp(u->login, "nouveau") == 0 || strcmp(u->login, "invite") == 0)
		return STORE_TAKEN;
	if ((r = store_text_clean(u->display_name, 0, STORE_FIELD_MAX,
	    &name)) != 0)
		return r;
	memset(fields, 0, sizeof(fields));
	fields[PROF_ORG_TYPE] = u->org_type;
	fields[PROF_JOB] = u->job;
	fields[PROF_TERRITORY] = u->departement;
	fields[PROF_EMAIL] = u->email;
	r = -1;
	if (store_begin(s) != 0)
		goto out;
	if (store_member_waiting_count(s, &waiting) != 0)
		goto fail;
	if (waiting >= max_pending) {
		r = STORE_FULL;
		goto fail;
	}
	memset(&m, 0, sizeof(m));
	m.login = (char *)u->login;
	m.display_name = name;
	m.organisation = (char *)"";
	m.role = ROLE_MEMBRE;
	m.status = STATUS_EN_ATTENTE;
	m.password_hash = (char *)u->password_hash;
	if ((r = store_member_insert(s, &m)) != STORE_OK)
		goto fail;
	r = store_profile_set(s, m.id, PROF_ORGANISATION, u->organisation);
	for (f = 0; f < PROF_NFIELDS && r == 0; f++)
		if (fields[f] != NULL)
			r = store_profile_set(s, m.id, f, fields[f]);
	if (r != 0)
		goto fail;
	if (u->key_algo != NULL) {
		memset(&k, 0, sizeof(k));
		k.member_id = m.id;
		k.algo = (char *)u->key_algo;
		k.blob = (char *)u->key_blob;
		k.fingerprint = (char *)u->key_fingerprint;
		k.comment = (char *)(u->key_comment != NULL ? u->key_comment :
		    "");
		if ((r = store_key_add(s, &k)) != STORE_OK)
			goto fail;
	}
	if ((r = store_audit(s, m.id, "member.signup", u->login, "")) != 0)
		goto fail;
	if ((r = store_commit(s)) == 0)
		*member_id = m.id;
	goto out;
fail:
	store_rollback(s);
out:
	free(name);
	return r;
}
