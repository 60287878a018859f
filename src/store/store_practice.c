/*
 * store_practice.c - the practice catalogue's records: checking and
 * submitting them, reading one, the lists (browse with filters, mine,
 * the moderators' queue) and moderation.
 *
 * Invariants kept here, in the transaction of every change: practice.
 * region is the région of practice.departement; practice_theme has one
 * row per key of practice.themes, with published/published_at copied
 * from the record; practice_doc has one row per id of the record's
 * documents (PF_DOCS), in their order; practice_fts has a row for each
 * published record and for nothing else (store_practice_reindex). The
 * content a record had before any change is in practice_version.
 *
 * The filtered list uses one of six static statements, chosen by the
 * most selective filter given (département, région, theme, type, none),
 * so that each reads one index range in published order and stops at
 * its LIMIT; the other filters are checked on the rows it reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_practice_private.h"
#include "text/txt.h"
#include "util/util.h"

#define LONG_MAX_BYTES	(16 * 1024)	/* each long text of a record */

const struct store_practice_field_info store_practice_fields[PF_NFIELDS] = {
	[PF_TITLE] = { "title", "Titre", 200, 0, 1 },
	[PF_ORG] = { "org", "Organisation porteuse", 200, 0, 1 },
	[PF_ORG_TYPE] = { "org_type", "Type d'organisation", 40, 0, 1 },
	[PF_PARTNERS] = { "partners", "Partenaires", 1000, 1, 0 },
	[PF_DEPARTEMENT] = { "departement", "Département", 3, 0, 1 },
	[PF_COMMUNE] = { "commune", "Commune", 100, 0, 0 },
	[PF_THEMES] = { "themes", "Thèmes", 400, 0, 1 },
	[PF_PUBLIC] = { "public", "Publics", 1000, 1, 1 },
	[PF_START] = { "start", "Début", 40, 0, 1 },
	[PF_END] = { "end", "Fin", 40, 0, 0 },
	[PF_CONTEXT] = { "context", "Contexte et besoins", LONG_MAX_BYTES,
	    1, 1 },
	[PF_ACTIONS] = { "actions", "Ce qui a été fait", LONG_MAX_BYTES, 1,
	    1 },
	[PF_MEANS] = { "means", "Moyens (équipe, budget, financements)",
	    LONG_MAX_BYTES, 1, 0 },
	[PF_RESULTS] = { "results", "Résultats et évaluation",
	    LONG_MAX_BYTES, 1, 0 },
	[PF_REPRODUCE] = { "reproduce", "Pour reproduire l'action",
	    LONG_MAX_BYTES, 1, 0 },
	[PF_CONTACT_LOGIN] = { "contact_login", "Contact (membre du réseau)",
	    32, 0, 0 },
	[PF_CONTACT] = { "contact", "Contact", 500, 1, 0 },
	[PF_DOCS] = { "docs", "Documents de la bibliothèque",
	    STORE_PRACTICE_DOCS_MAX * 21, 0, 0 },
};


static const char *const store_practice_states[] = {
	[PRACTICE_A_VALIDER] = "a_valider",
	[PRACTICE_RENVOYEE] = "renvoyee",
	[PRACTICE_PUBLIEE] = "publiee",
};

/* The columns of an item, from practice p, departement d, member a. */
#define ITEM_COLUMNS PRACTICE_ITEM_COLUMNS
#define ITEM_FROM " FROM practice p JOIN departement d ON " \
	"d.code = p.departement JOIN member a ON a.id = p.author_id "

/* Filters: ?1 département, ?2 région, ?3 type, ?4 theme ('' : any). */
#define F_DEP "(?1 = '' OR p.departement = ?1)"
#define F_REG "(?2 = '' OR p.region = ?2)"
#define F_TYPE "(?3 = '' OR p.org_type = ?3)"
#define F_THEME "(?4 = '' OR EXISTS (SELECT 1 FROM practice_theme t " \
	"WHERE t.theme = ?4 AND t.practice_id = p.id))"
#define NEWEST " ORDER BY p.published_at DESC, p.id DESC"
#define PAGE " LIMIT ?5 OFFSET ?6"

static const char list_dep[] = "SELECT " ITEM_COLUMNS ITEM_FROM
    "WHERE p.state = 'publiee' AND p.departement = ?1 AND " F_REG " AND "
    F_TYPE " AND " F_THEME NEWEST PAGE;
static const char list_reg[] = "SELECT " ITEM_COLUMNS ITEM_FROM
    "WHERE p.state = 'publiee' AND p.region = ?2 AND " F_DEP " AND "
    F_TYPE " AND " F_THEME NEWEST PAGE;
static const char list_theme[] = "SELECT " ITEM_COLUMNS
    " FROM practice_theme pt JOIN practice p ON p.id = pt.practice_id "
    "JOIN departement d ON d.code = p.departement "
    "JOIN member a ON a.id = p.author_id "
    "WHERE pt.theme = ?4 AND pt.published = 1 AND " F_DEP " AND " F_REG
    " AND " F_TYPE " ORDER BY pt.published_at DESC, pt.practice_id DESC"
    PAGE;
static const char list_type[] = "SELECT " ITEM_COLUMNS ITEM_FROM
    "WHERE p.state = 'publiee' AND p.org_type = ?3 AND " F_DEP " AND "
    F_REG " AND " F_THEME NEWEST PAGE;
static const char list_all[] = "SELECT " ITEM_COLUMNS ITEM_FROM
    "WHERE p.state = 'publiee' AND " F_DEP " AND " F_REG " AND " F_TYPE
    " AND " F_THEME NEWEST PAGE;

static const char count_dep[] = "SELECT COUNT(*) FROM practice p "
    "WHERE p.state = 'publiee' AND p.departement = ?1 AND " F_REG " AND "
    F_TYPE " AND " F_THEME;
static const char count_reg[] = "SELECT COUNT(*) FROM practice p "
    "WHERE p.state = 'publiee' AND p.region = ?2 AND " F_DEP " AND "
    F_TYPE " AND " F_THEME;
static const char count_theme[] = "SELECT COUNT(*) FROM practice_theme pt "
    "JOIN practice p ON p.id = pt.practice_id "
    "WHERE pt.theme = ?4 AND pt.published = 1 AND " F_DEP " AND " F_REG
    " AND " F_TYPE;
static const char count_type[] = "SELECT COUNT(*) FROM practice p "
    "WHERE p.state = 'publiee' AND p.org_type = ?3 AND " F_DEP " AND "
    F_REG " AND " F_THEME;
static const char count_all[] = "SELECT COUNT(*) FROM practice p "
    "WHERE p.state = 'publiee' AND " F_DEP " AND " F_REG " AND " F_TYPE
    " AND " F_THEME;

static int	 practice_clean(int, const char *, char **);
static int	 practice_check(struct store *, const char *const *, char **,
		    int64_t *, char *, int *);
static int	 practice_themes_valid(struct store *, const char *);
static int	 practice_exists(struct store *, const char *, const char *);
static int	 practice_themes_set(struct store *, int64_t, const char *);
static int	 practice_version_keep(struct store *, int64_t);
static int	 practice_bind_filter(struct store *, struct store_stmt *,
		    const struct store_practice_filter *);
static const char *practice_pick(const struct store_practice_filter *,
		    int);
static const char *nz(const char *);

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

const char *
store_practice_state_label(int state)
{
	switch (state) {
	case PRACTICE_A_VALIDER:
		return "à valider";
	case PRACTICE_RENVOYEE:
		return "renvoyée pour correction";
	case PRACTICE_PUBLIEE:
		return "publiée";
	}
	return "?";
}

int
store_practice_state_parse(const char *s)
{
	size_t i;

	for (i = 0; i < nitems(store_practice_states); i++)
		if (s != NULL && strcmp(s, store_practice_states[i]) == 0)
			return (int)i;
	return PRACTICE_A_VALIDER;
}

int
store_practice_can_moderate(const struct store_viewer *v)
{
	return store_role_rank(v->role) >= store_role_rank(ROLE_MODERATEUR);
}

void
store_practice_clear(struct store_practice *p)
{
	int i;

	if (p == NULL)
		return;
	free(p->author_login);
	free(p->author_name);
	free(p->author_org);
	for (i = 0; i < PF_NFIELDS; i++)
		free(p->f[i]);
	free(p->departement_label);
	free(p->region_name);
	free(p->themes_label);
	free(p->contact_name);
	free(p->contact_org);
	free(p->moderator_name);
	free(p->comment);
	memset(p, 0, sizeof(*p));
}

void
store_practice_fields_read(struct store_stmt *st, int col, char *f[PF_NFIELDS])
{
	int i;

	for (i = 0; i < PF_NFIELDS; i++)
		f[i] = store_column_str(st, col + i);
}

/*
 * Clean field i as typed into *out (always set): single-line fields lose
 * their newlines, long texts their trailing blank lines. 0, or 2 if it
 * is too long.
 */
static int
practice_clean(int i, const char *in, char **out)
{
	const struct store_practice_field_info *fi = &store_practice_fields[i];
	char *t;
	size_t n;

	in = nz(in);
	t = txt_clean(in, strlen(in), fi->multiline ? TXT_MULTILINE : 0, 0,
	    NULL);
	n = strlen(t);
	while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
		t[--n] = '\0';
	*out = t;
	return n > fi->max ? STORE_TOO_LONG : 0;
}

/* 1 if a row of table has this key (département, member login). */
static int
practice_exists(struct store *s, const char *what, const char *key)
{
	static const char dep[] = "SELECT 1 FROM departement WHERE code = ?1";
	static const char login[] = "SELECT 1 FROM member WHERE login = ?1 "
	    "AND status = 'actif'";
	struct store_stmt *st;
	int r;

	if ((st = store_prepare(s, strcmp(what, "dep") == 0 ? dep : login)) ==
	    NULL)
		return -1;
	if (store_bind_text(s, st, 1, key) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	return r == STORE_STEP_ROW ? 1 : r == STORE_STEP_DONE ? 0 : -1;
}

/* 1 if every word of keys is a theme key (and there is one at least). */
static int
practice_themes_valid(struct store *s, const char *keys)
{
	static const char sql[] = "SELECT 1 FROM theme WHERE key = ?1";
	struct store_stmt *st;
	char *copy, *k, *save = NULL;
	int r, ok = 1, n = 0;

	copy = xstrdup(keys);
	for (k = strtok_r(copy, " ", &save); k != NULL && ok;
	    k = strtok_r(NULL, " ", &save)) {
		n++;
		if ((st = store_prepare(s, sql)) == NULL ||
		    store_bind_text(s, st, 1, k) != 0) {
			store_done(st);
			ok = -1;
			break;
		}
		r = store_step(s, st);
		store_done(st);
		ok = r == STORE_STEP_ROW ? 1 : r == STORE_STEP_DONE ? 0 : -1;
	}
	free(copy);
	return ok == 1 && n == 0 ? 0 : ok;
}

/*
 * Clean and check every field into out[] (always filled: free each);
 * *contact_id gets the contact member (0: none), region the
 * département's région. 0, STORE_TOO_LONG, STORE_EMPTY, STORE_TOO_MANY
 * (documents) or STORE_INVALID with *field, or -1.
 */
static int
practice_check(struct store *s, const char *const *in, char **out,
    int64_t *contact_id, char *region, int *field)
{
	static const char reg[] = "SELECT region_code FROM departement "
	    "WHERE code = ?1";
	static const char who[] = "SELECT id FROM member WHERE login = ?1";
	struct store_stmt *st;
	char date[11], *docs = NULL;
	int i, r, rc = 0;

	*field = -1;
	*contact_id = 0;
	region[0] = '\0';
	for (i = 0; i < PF_NFIELDS; i++) {
		if (practice_clean(i, in[i], &out[i]) != 0 && rc == 0) {
			rc = STORE_TOO_LONG;
			*field = i;
		}
	}
	if (rc != 0)
		return rc;
	for (i = 0; i < PF_NFIELDS; i++) {
		if (store_practice_fields[i].required && out[i][0] == '\0') {
			*field = i;
			return STORE_EMPTY;
		}
	}
	if (out[PF_CONTACT_LOGIN][0] == '\0' && out[PF_CONTACT][0] == '\0') {
		*field = PF_CONTACT_LOGIN;
		return STORE_EMPTY;
	}
	*field = PF_ORG_TYPE;
	if (out[PF_ORG_TYPE][0] == '\0' ||
	    store_org_type_label(out[PF_ORG_TYPE]) == NULL)
		return STORE_INVALID;
	*field = PF_DEPARTEMENT;
	if ((r = practice_exists(s, "dep", out[PF_DEPARTEMENT])) != 1)
		return r == 0 ? STORE_INVALID : -1;
	*field = PF_THEMES;
	if ((r = practice_themes_valid(s, out[PF_THEMES])) != 1)
		return r == 0 ? STORE_INVALID : -1;
	for (i = PF_START; i <= PF_END; i++) {
		*field = i;
		if (store_practice_date_parse(out[i], date) != 0)
			return STORE_INVALID;
		free(out[i]);
		out[i] = xstrdup(date);
	}
	*field = PF_END;
	if (out[PF_END][0] != '\0' && strcmp(out[PF_END], out[PF_START]) < 0)
		return STORE_INVALID;
	*field = PF_DOCS;
	if ((r = store_practice_docs_norm(s, out[PF_DOCS], &docs)) != 0) {
		free(docs);
		return r;
	}
	free(out[PF_DOCS]);
	out[PF_DOCS] = docs;
	*field = PF_CONTACT_LOGIN;
	if (out[PF_CONTACT_LOGIN][0] != '\0') {
		if ((r = practice_exists(s, "login",
		    out[PF_CONTACT_LOGIN])) != 1)
			return r == 0 ? STORE_INVALID : -1;
		if ((st = store_prepare(s, who)) == NULL ||
		    store_bind_text(s, st, 1, out[PF_CONTACT_LOGIN]) != 0) {
			store_done(st);
			return -1;
		}
		if (store_step(s, st) == STORE_STEP_ROW)
			*contact_id = store_column_int64(st, 0);
		store_done(st);
	}
	if ((st = store_prepare(s, reg)) == NULL ||
	    store_bind_text(s, st, 1, out[PF_DEPARTEMENT]) != 0) {
		store_done(st);
		return -1;
	}
	if (store_step(s, st) == STORE_STEP_ROW)
		snprintf(region, 4, "%s", store_column_peek(st,
		    0));
	store_done(st);
	*field = -1;
	return 0;
}

int
store_practice_check(struct store *s, const char *const f[PF_NFIELDS],
    int *field)
{
	char *out[PF_NFIELDS], region[4];
	int64_t contact;
	int i, rc;

	rc = practice_check(s, f, out, &contact, region, field);
	for (i = 0; i < PF_NFIELDS; i++)
		free(out[i]);
	return rc;
}

/* Replace the theme rows of a record by the keys of themes. */
static int
practice_themes_set(struct store *s, int64_t id, const char *themes)
{
	static const char del[] = "DELETE FROM practice_theme "
	    "WHERE practice_id = ?1";
	static const char add[] = "INSERT INTO practice_theme "
	    "(theme, practice_id, published, published_at) SELECT ?2, id, "
	    "CASE WHEN state = 'publiee' THEN 1 ELSE 0 END, "
	    "COALESCE(published_at, 0) FROM practice "
	    "WHERE id = ?1 ON CONFLICT DO NOTHING";
	struct store_stmt *st;
	char *copy, *k, *save = NULL;
	int rc = 0;

	if ((st = store_prepare(s, del)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 || store_run(s, st) != 0)
		return -1;
	copy = xstrdup(themes);
	for (k = strtok_r(copy, " ", &save); k != NULL && rc == 0;
	    k = strtok_r(NULL, " ", &save)) {
		if ((st = store_prepare(s, add)) == NULL ||
		    store_bind_int64(s, st, 1, id) != 0 ||
		    store_bind_text(s, st, 2, k) != 0 || store_run(s, st) != 0)
			rc = -1;
	}
	free(copy);
	return rc;
}

/* Keep the record's content as it is now as version `version`. */
static int
practice_version_keep(struct store *s, int64_t id)
{
	static const char sql[] = "INSERT INTO practice_version (practice_id, "
	    "version, data, written_at, state) SELECT p.id, p.version, "
	    PRACTICE_FIELD_JSON ", p.updated_at, p.state FROM practice p "
	    "LEFT JOIN member c ON c.id = p.contact_id WHERE p.id = ?1";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0)
		return -1;
	return store_run(s, st) == 0 ? 0 : -1;
}

/* State and author of a record: 0, 1 if there is none, -1. */
int
store_practice_state_of(struct store *s, int64_t id, int *state, int64_t *author)
{
	static const char sql[] = "SELECT state, author_id FROM practice "
	    "WHERE id = ?1";
	struct store_stmt *st;
	int r;

	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW) {
		*state = store_practice_state_parse(
		    store_column_peek(st, 0));
		*author = store_column_int64(st, 1);
	}
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : r == STORE_STEP_DONE ? 1 : -1;
}

int
store_practice_submit(struct store *s, const struct store_viewer *v,
    int64_t *id, const char *const f[PF_NFIELDS], int *field)
{
	static const char add[] = "INSERT INTO practice (author_id, title, "
	    "org, org_type, partners, departement, commune, themes, public, "
	    "start_date, end_date, context, actions, means, results, "
	    "reproduce, contact_id, contact, region, created_at, "
	    "submitted_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
	    "?20, ?20) RETURNING id";
	static const char upd[] = "UPDATE practice SET author_id = ?1, "
	    "title = ?2, org = ?3, org_type = ?4, partners = ?5, "
	    "departement = ?6, commune = ?7, themes = ?8, public = ?9, "
	    "start_date = ?10, end_date = ?11, context = ?12, actions = ?13, "
	    "means = ?14, results = ?15, reproduce = ?16, contact_id = ?17, "
	    "contact = ?18, region = ?19, updated_at = ?20, "
	    "version = version + 1, submitted_at = CASE state WHEN 'publiee' "
	    "THEN submitted_at ELSE ?20 END, state = CASE state "
	    "WHEN 'publiee' THEN 'publiee' ELSE 'a_valider' END "
	    "WHERE id = ?21";
	struct store_stmt *st;
	char *out[PF_NFIELDS], region[4];
	int64_t contact, author = 0, now = now_sec();
	int i, rc, state = 0, bad;

	if (field == NULL)
		field = &bad;
	if (*id != 0) {
		if ((rc = store_practice_state_of(s, *id, &state, &author)) != 0)
			return rc;
		if (author != v->member_id)
			return STORE_FORBIDDEN;
	}
	if ((rc = practice_check(s, f, out, &contact, region, field)) != 0)
		goto out;
	rc = -1;
	if (store_begin(s) != 0)
		goto out;
	if (*id != 0 && practice_version_keep(s, *id) != 0)
		goto fail;
	if ((st = store_prepare(s, *id != 0 ? upd : add)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, v->member_id) != 0)
		goto bindfail;
	for (i = 0; i < PF_CONTACT_LOGIN; i++)
		if (store_bind_text(s, st, 2 + i, out[i]) != 0)
			goto bindfail;
	if (store_bind_id(s, st, 17, contact) != 0 ||
	    store_bind_text(s, st, 18, out[PF_CONTACT]) != 0 ||
	    store_bind_text(s, st, 19, region) != 0 ||
	    store_bind_int64(s, st, 20, now) != 0 ||
	    (*id != 0 && store_bind_int64(s, st, 21, *id) != 0))
		goto bindfail;
	if ((*id == 0 ? store_insert(s, st, id) : store_run(s, st)) != 0)
		goto fail;
	if (practice_themes_set(s, *id, out[PF_THEMES]) != 0 ||
	    store_practice_docs_set(s, *id, out[PF_DOCS]) != 0 ||
	    store_practice_reindex(s, *id) != 0)
		goto fail;
	if (store_commit(s) != 0)
		goto out;
	rc = 0;
	goto out;
bindfail:
	store_done(st);
fail:
	store_rollback(s);
out:
	for (i = 0; i < PF_NFIELDS; i++)
		free(out[i]);
	return rc;
}

int
store_practice_get(struct store *s, const struct store_viewer *v,
    int64_t id, struct store_practice *p)
{
	static const char sql[] = "SELECT p.id, p.author_id, a.login, "
	    STORE_AUTHOR_NAME("a") ", a.organisation, p.state, "
	    PRACTICE_FIELD_COLUMNS ", d.code || ' ' || d.name, r.name, "
	    "COALESCE((SELECT group_concat(label, ' ; ') FROM (SELECT "
	    "th.label FROM practice_theme pt JOIN theme th ON "
	    "th.key = pt.theme WHERE pt.practice_id = p.id ORDER BY "
	    "th.position) AS labels), ''), COALESCE(" STORE_AUTHOR_NAME("c") ", ''), "
	    "COALESCE(c.organisation, ''), p.created_at, p.submitted_at, "
	    "COALESCE(p.published_at, 0), p.updated_at, p.version, "
	    "COALESCE(" STORE_AUTHOR_NAME("mo") ", ''), "
	    "COALESCE(p.moderated_at, 0), p.comment, p.nfollowers, "
	    "(SELECT COUNT(*) FROM practice_follow f WHERE "
	    "f.practice_id = p.id AND f.seen = 0), EXISTS (SELECT 1 FROM "
	    "practice_follow f WHERE f.practice_id = p.id AND "
	    "f.member_id = ?2), COALESCE(p.thread_id, 0) "
	    "FROM practice p JOIN member a ON a.id = p.author_id "
	    "JOIN departement d ON d.code = p.departement "
	    "JOIN region r ON r.code = p.region "
	    "LEFT JOIN member c ON c.id = p.contact_id "
	    "LEFT JOIN member mo ON mo.id = p.moderator_id WHERE p.id = ?1";
	struct store_stmt *st;
	int r, c;

	memset(p, 0, sizeof(*p));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, v->member_id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) != STORE_STEP_ROW) {
		store_done(st);
		return r == STORE_STEP_DONE ? 1 : -1;
	}
	p->id = store_column_int64(st, 0);
	p->author_id = store_column_int64(st, 1);
	p->author_login = store_column_str(st, 2);
	p->author_name = store_column_str(st, 3);
	p->author_org = store_column_str(st, 4);
	p->state = store_practice_state_parse(
	    store_column_peek(st, 5));
	store_practice_fields_read(st, 6, p->f);
	c = 6 + PF_NFIELDS;
	p->departement_label = store_column_str(st, c++);
	p->region_name = store_column_str(st, c++);
	p->themes_label = store_column_str(st, c++);
	p->contact_name = store_column_str(st, c++);
	p->contact_org = store_column_str(st, c++);
	p->created_at = store_column_int64(st, c++);
	p->submitted_at = store_column_int64(st, c++);
	p->published_at = store_column_int64(st, c++);
	p->updated_at = store_column_int64(st, c++);
	p->version = store_column_int(st, c++);
	p->moderator_name = store_column_str(st, c++);
	p->moderated_at = store_column_int64(st, c++);
	p->comment = store_column_str(st, c++);
	p->nfollowers = store_column_int64(st, c++);
	p->new_followers = store_column_int64(st, c++);
	p->following = store_column_int(st, c++);
	p->thread_id = store_column_int64(st, c++);
	store_done(st);
	if (p->state != PRACTICE_PUBLIEE && p->author_id != v->member_id &&
	    !store_practice_can_moderate(v)) {
		store_practice_clear(p);
		return 1;
	}
	return 0;
}

/*
 * Re-index a record: practice_fts gets the folded text of a published
 * record (title; everything else with the labels of its choices), and
 * nothing for the others; its theme rows get its state and date.
 */
int
store_practice_reindex(struct store *s, int64_t id)
{
	static const char del[] = "DELETE FROM practice_fts WHERE rowid = ?1";
	static const char flags[] = "UPDATE practice_theme SET published = "
	    "(SELECT CASE WHEN state = 'publiee' THEN 1 ELSE 0 END "
	    "FROM practice WHERE id = ?1), "
	    "published_at = (SELECT COALESCE(published_at, 0) FROM practice "
	    "WHERE id = ?1) WHERE practice_id = ?1";
	static const char get[] = "SELECT p.title, p.org || char(10) || "
	    "p.partners || char(10) || d.code || ' ' || d.name || char(10) || "
	    "r.name || char(10) || p.commune || char(10) || "
	    "COALESCE((SELECT group_concat(th.label, char(10)) FROM "
	    "practice_theme pt JOIN theme th ON th.key = pt.theme WHERE "
	    "pt.practice_id = p.id), '') || char(10) || p.public || char(10) "
	    "|| p.context || char(10) || p.actions || char(10) || p.means || "
	    "char(10) || p.results || char(10) || p.reproduce || char(10) || "
	    "COALESCE(c.display_name, '') || char(10) || p.contact || "
	    "char(10) || COALESCE((SELECT group_concat(dc.title, char(10)) "
	    "FROM practice_doc pd JOIN doc dc ON dc.id = pd.doc_id WHERE "
	    "pd.practice_id = p.id), '') "
	    "FROM practice p JOIN departement d ON d.code = p.departement "
	    "JOIN region r ON r.code = p.region LEFT JOIN member c ON "
	    "c.id = p.contact_id WHERE p.id = ?1 AND p.state = 'publiee'";
	static const char add[] = "INSERT INTO practice_fts (rowid, title, "
	    "body) VALUES (?1, ?2, ?3)";
	struct store_stmt *st;
	char *title = NULL, *body = NULL, *ft, *fb;
	int r;

	if ((st = store_prepare(s, del)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 || store_run(s, st) != 0)
		return -1;
	if ((st = store_prepare(s, flags)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 || store_run(s, st) != 0)
		return -1;
	if ((st = store_prepare(s, get)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		title = store_column_str(st, 0);
		body = store_column_str(st, 1);
	}
	store_done(st);
	if (r == STORE_STEP_DONE)
		return 0;
	if (r != STORE_STEP_ROW)
		return -1;
	ft = txt_fold(title);
	fb = txt_fold(body);
	free(title);
	free(body);
	r = -1;
	if ((st = store_prepare(s, add)) != NULL &&
	    store_bind_int64(s, st, 1, id) == 0 &&
	    store_bind_text(s, st, 2, ft) == 0 &&
	    store_bind_text(s, st, 3, fb) == 0)
		r = store_run(s, st) == 0 ? 0 : -1;
	else
		store_done(st);
	free(ft);
	free(fb);
	return r;
}

/* --- Lists ------------------------------------------------------------------ */

void
store_practice_item_row(struct store_stmt *st, void *v)
{
	struct store_practice_item *it = v;

	it->id = store_column_int64(st, 0);
	it->state = store_practice_state_parse(
	    store_column_peek(st, 1));
	it->title = store_column_str(st, 2);
	it->org = store_column_str(st, 3);
	it->org_type = store_column_str(st, 4);
	it->departement = store_column_str(st, 5);
	it->departement_name = store_column_str(st, 6);
	it->author_name = store_column_str(st, 7);
	it->comment = store_column_str(st, 8);
	it->published_at = store_column_int64(st, 9);
	it->updated_at = store_column_int64(st, 10);
	it->submitted_at = store_column_int64(st, 11);
	it->nfollowers = store_column_int64(st, 12);
	/* The lists that have more give them after these. */
	if (store_column_count(st) > 13)
		it->new_followers = store_column_int64(st, 13);
	it->snippet = NULL;
}

void
store_practice_item_clear(void *v)
{
	struct store_practice_item *it = v;

	free(it->title);
	free(it->org);
	free(it->org_type);
	free(it->departement);
	free(it->departement_name);
	free(it->author_name);
	free(it->comment);
	free(it->snippet);
}

void
store_practice_item_list_free(struct store_practice_item *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		store_practice_item_clear(&l[i]);
	free(l);
}

/* The statement for the most selective filter given. */
static const char *
practice_pick(const struct store_practice_filter *f, int count)
{
	if (f != NULL && nz(f->departement)[0] != '\0')
		return count ? count_dep : list_dep;
	if (f != NULL && nz(f->region)[0] != '\0')
		return count ? count_reg : list_reg;
	if (f != NULL && nz(f->theme)[0] != '\0')
		return count ? count_theme : list_theme;
	if (f != NULL && nz(f->org_type)[0] != '\0')
		return count ? count_type : list_type;
	return count ? count_all : list_all;
}

static int
practice_bind_filter(struct store *s, struct store_stmt *st,
    const struct store_practice_filter *f)
{
	static const struct store_practice_filter none;

	if (f == NULL)
		f = &none;
	return store_bind_text(s, st, 1, nz(f->departement)) != 0 ||
	    store_bind_text(s, st, 2, nz(f->region)) != 0 ||
	    store_bind_text(s, st, 3, nz(f->org_type)) != 0 ||
	    store_bind_text(s, st, 4, nz(f->theme)) != 0 ? -1 : 0;
}

int
store_practice_list(struct store *s, const struct store_practice_filter *f,
    size_t offset, size_t max, struct store_practice_item **list, size_t *n)
{
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, practice_pick(f, 0))) == NULL)
		return -1;
	if (practice_bind_filter(s, st, f) != 0 ||
	    store_bind_int64(s, st, 5, max == 0 ? -1 : (int64_t)max) != 0 ||
	    store_bind_int64(s, st, 6, (int64_t)offset) != 0) {
		store_done(st);
		return -1;
	}
	return store_rows(s, st, sizeof(**list), store_practice_item_row,
	    store_practice_item_clear, (void **)list, n);
}

int
store_practice_count(struct store *s, const struct store_practice_filter *f,
    int64_t *n)
{
	struct store_stmt *st;
	int r;

	*n = 0;
	if ((st = store_prepare(s, practice_pick(f, 1))) == NULL)
		return -1;
	if (practice_bind_filter(s, st, f) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW)
		*n = store_column_int64(st, 0);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : -1;
}

int
store_practice_mine(struct store *s, const struct store_viewer *v,
    struct store_practice_item **list, size_t *n)
{
	static const char sql[] = "SELECT " ITEM_COLUMNS ", (SELECT COUNT(*) "
	    "FROM practice_follow f WHERE f.practice_id = p.id AND "
	    "f.seen = 0)" ITEM_FROM "WHERE p.author_id = ?1 "
	    "ORDER BY p.updated_at DESC, p.id DESC";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, v->member_id) != 0) {
		store_done(st);
		return -1;
	}
	return store_rows(s, st, sizeof(**list), store_practice_item_row,
	    store_practice_item_clear, (void **)list, n);
}

int
store_practice_waiting(struct store *s, const struct store_viewer *v,
    struct store_practice_item **list, size_t *n)
{
	static const char sql[] = "SELECT " ITEM_COLUMNS ITEM_FROM
	    "WHERE p.state = 'a_valider' ORDER BY p.submitted_at, p.id";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if (!store_practice_can_moderate(v))
		return STORE_FORBIDDEN;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	return store_rows(s, st, sizeof(**list), store_practice_item_row,
	    store_practice_item_clear, (void **)list, n);
}

int
store_practice_waiting_count(struct store *s, int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM practice "
	    "WHERE state = 'a_valider'";
	struct store_stmt *st;
	int r;

	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if ((r = store_step(s, st)) == STORE_STEP_ROW)
		*n = store_column_int64(st, 0);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : -1;
}

/* --- Moderation -------------------------------------------------------------- */

int
store_practice_publish(struct store *s, const struct store_viewer *v,
    int64_t id)
{
	static const char sql[] = "UPDATE practice SET state = 'publiee', "
	    "published_at = COALESCE(published_at, ?2), moderator_id = ?3, "
	    "moderated_at = ?2, comment = '', told = 0 WHERE id = ?1 AND "
	    "state = 'a_valider'";
	struct store_stmt *st;
	char target[32];

	if (!store_practice_can_moderate(v))
		return STORE_FORBIDDEN;
	if (store_begin(s) != 0)
		return -1;
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, now_sec()) != 0 ||
	    store_bind_id(s, st, 3, v->member_id) != 0 ||
	    store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) == 0) {
		/* Gone, or published or returned meanwhile. */
		store_rollback(s);
		return STORE_STATE;
	}
	snprintf(target, sizeof(target), "fiche %lld", (long long)id);
	if (store_practice_reindex(s, id) != 0 ||
	    store_audit(s, v->member_id, "practice.publish", target, "") != 0)
		goto fail;
	return store_commit(s) == 0 ? 0 : -1;
fail:
	store_rollback(s);
	return -1;
}

int
store_practice_return(struct store *s, const struct store_viewer *v,
    int64_t id, const char *comment)
{
	static const char sql[] = "UPDATE practice SET state = 'renvoyee', "
	    "moderator_id = ?3, moderated_at = ?2, comment = ?4, told = 0 "
	    "WHERE id = ?1 AND state = 'a_valider'";
	struct store_stmt *st;
	char target[32], *c;
	int rc;

	if (!store_practice_can_moderate(v))
		return STORE_FORBIDDEN;
	if ((rc = store_text_clean(comment, 1, STORE_REASON_MAX, &c)) != 0)
		return rc;
	rc = -1;
	if (store_begin(s) != 0)
		goto out;
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, now_sec()) != 0 ||
	    store_bind_id(s, st, 3, v->member_id) != 0 ||
	    store_bind_text(s, st, 4, c) != 0 || store_run(s, st) != 0) {
		store_rollback(s);
		goto out;
	}
	if (store_changes(s) == 0) {
		store_rollback(s);
		rc = STORE_STATE;
		goto out;
	}
	snprintf(target, sizeof(target), "fiche %lld", (long long)id);
	if (store_audit(s, v->member_id, "practice.return", target, c) != 0) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s) == 0 ? 0 : -1;
out:
	free(c);
	return rc;
}
