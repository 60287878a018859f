/*
 * store_follow.c - « Ma veille »: what a member follows (see
 * store_news.h for the model).
 *
 * Invariants: one row per member and thing (the primary key), kept with
 * active = 0 once unfollowed so that the automatic follow of a thread
 * one writes in (store_follow_auto_thread, called in the transaction of
 * the post) never overrides a member's choice. Issuers are matched by
 * txt_fold() of what was typed; their label keeps the typed text.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_news_private.h"
#include "text/txt.h"
#include "util/util.h"

/* The member_pref that turns the automatic follow of threads off. */
#define FOLLOW_AUTO_PREF	"veille.auto"

/* A row of store_follow_list() and its folded label, to sort. */
struct follow_sort {
	struct store_follow	 f;
	char			*fold;
};

static const struct {
	const char	*key;
	const char	*label;
} follow_kinds[FOLLOW_NKINDS] = {
	[FOLLOW_BOARD] = { "forum", "Forum" },
	[FOLLOW_THREAD] = { "fil", "Fil" },
	[FOLLOW_THEME] = { "theme", "Thème" },
	[FOLLOW_DOC_KIND] = { "type", "Type de document" },
	[FOLLOW_ISSUER] = { "emetteur", "Émetteur" },
	[FOLLOW_REGION] = { "region", "Région" },
	[FOLLOW_DEPARTEMENT] = { "departement", "Département" },
	[FOLLOW_MEMBER] = { "membre", "Membre" },
};

static void	 store_follow_row(struct store_stmt *, void *);
static void	 store_follow_clear_v(void *);
static int	 store_follow_cmp(const void *, const void *);
static int	 store_follow_exists(struct store *, int, int64_t,
		    const char *);

const char *
store_follow_kind_key(int k)
{
	return k >= 0 && k < FOLLOW_NKINDS ? follow_kinds[k].key : "";
}

const char *
store_follow_kind_label(int k)
{
	return k >= 0 && k < FOLLOW_NKINDS ? follow_kinds[k].label : "";
}

int
store_follow_kind_parse(const char *s)
{
	int k;

	for (k = 0; s != NULL && k < FOLLOW_NKINDS; k++)
		if (strcmp(s, follow_kinds[k].key) == 0)
			return k;
	return -1;
}

void
store_follow_clear(struct store_follow *f)
{
	free(f->key);
	free(f->label);
	memset(f, 0, sizeof(*f));
}

static void
store_follow_clear_v(void *f)
{
	store_follow_clear(f);
}

void
store_follow_list_free(struct store_follow *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_follow_clear_v);
}

/* Whether the thing a follow names exists: 1 yes, 0 no, -1 error. */
static int
store_follow_exists(struct store *s, int kind, int64_t id, const char *key)
{
	static const char *const sql[FOLLOW_NKINDS] = {
		[FOLLOW_BOARD] = "SELECT 1 FROM board WHERE id = ?1 AND "
		    "archived_at IS NULL AND ?2 = ?2",
		[FOLLOW_THREAD] = "SELECT 1 FROM thread WHERE id = ?1 AND "
		    "?2 = ?2",
		[FOLLOW_THEME] = "SELECT 1 FROM theme WHERE key = ?2 AND "
		    "?1 = ?1",
		[FOLLOW_REGION] = "SELECT 1 FROM region WHERE code = ?2 AND "
		    "?1 = ?1",
		[FOLLOW_DEPARTEMENT] = "SELECT 1 FROM departement WHERE "
		    "code = ?2 AND ?1 = ?1",
		[FOLLOW_MEMBER] = "SELECT 1 FROM member WHERE id = ?1 AND "
		    "status = 'actif' AND ?2 = ?2",
	};
	struct store_stmt *st;
	int r;

	if (kind == FOLLOW_DOC_KIND)
		return store_doc_kind_parse(key) >= 0 &&
		    strcmp(store_doc_kind_key(store_doc_kind_parse(key)),
		    key) == 0;
	if (kind == FOLLOW_ISSUER)
		return key != NULL && *key != '\0';
	if ((st = store_prepare(s, sql[kind])) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_text(s, st, 2, key != NULL ? key : "") != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	return r == STORE_STEP_ROW ? 1 : r == STORE_STEP_DONE ? 0 : -1;
}

/* The key a follow is stored under: the issuer folded, the others as
 * given ("" for those named by id). New string, NULL on a bad kind. */
static char *
store_follow_key(int kind, int64_t *id, const char *key)
{
	switch (kind) {
	case FOLLOW_BOARD:
	case FOLLOW_THREAD:
	case FOLLOW_MEMBER:
		return xstrdup("");
	case FOLLOW_ISSUER:
		*id = 0;
		return txt_fold(key != NULL ? key : "");
	case FOLLOW_THEME:
	case FOLLOW_DOC_KIND:
	case FOLLOW_REGION:
	case FOLLOW_DEPARTEMENT:
		*id = 0;
		return xstrdup(key != NULL ? key : "");
	}
	return NULL;
}

int
store_follow_set(struct store *s, int64_t member_id, int kind,
    int64_t target_id, const char *key, int on)
{
	static const char upsert[] = "INSERT INTO follow (member_id, kind, "
	    "target_id, target_key, label, active, automatic, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7) ON CONFLICT (member_id, "
	    "kind, target_id, target_key) DO UPDATE "
	    "SET active = excluded.active, automatic = 0, "
	    "label = excluded.label, created_at = CASE WHEN follow.active = "
	    "excluded.active THEN follow.created_at "
	    "ELSE excluded.created_at END";
	struct store_stmt *st;
	char *k = NULL, *label = NULL;
	int rc = STORE_ERR, r;

	if ((k = store_follow_key(kind, &target_id, key)) == NULL)
		return STORE_NOT_FOUND;
	if ((r = store_follow_exists(s, kind, target_id, kind ==
	    FOLLOW_ISSUER ? k : key)) != 1) {
		rc = r == 0 ? STORE_NOT_FOUND : STORE_ERR;
		goto out;
	}
	if (kind == FOLLOW_ISSUER)
		label = store_clean(key, 0);
	else if (kind == FOLLOW_DOC_KIND)
		label = xstrdup(store_doc_kind_label(
		    store_doc_kind_parse(key)));
	else
		label = xstrdup("");
	if ((st = store_prepare(s, upsert)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_text(s, st, 2, store_follow_kind_key(kind)) != 0 ||
	    store_bind_int64(s, st, 3, target_id) != 0 ||
	    store_bind_text(s, st, 4, k) != 0 ||
	    store_bind_text(s, st, 5, label) != 0 ||
	    store_bind_int64(s, st, 6, on != 0) != 0 ||
	    store_bind_int64(s, st, 7, now_sec()) != 0) {
		store_done(st);
		goto out;
	}
	rc = store_run(s, st) == 0 ? STORE_OK : STORE_ERR;
out:
	free(k);
	free(label);
	return rc;
}

int
store_follow_is(struct store *s, int64_t member_id, int kind,
    int64_t target_id, const char *key)
{
	static const char sql[] = "SELECT active FROM follow WHERE "
	    "member_id = ?1 AND kind = ?2 AND target_id = ?3 AND "
	    "target_key = ?4";
	struct store_stmt *st;
	char *k;
	int rc = -1;

	if ((k = store_follow_key(kind, &target_id, key)) == NULL)
		return 0;
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, member_id) == 0 &&
	    store_bind_text(s, st, 2, store_follow_kind_key(kind)) == 0 &&
	    store_bind_int64(s, st, 3, target_id) == 0 &&
	    store_bind_text(s, st, 4, k) == 0) {
		switch (store_step(s, st)) {
		case STORE_STEP_ROW:
			rc = store_column_int(st, 0) != 0;
			break;
		case STORE_STEP_DONE:
			rc = 0;
			break;
		}
	}
	store_done(st);
out:
	free(k);
	return rc;
}

static void
store_follow_row(struct store_stmt *st, void *p)
{
	struct store_follow *f = p;

	f->kind = store_follow_kind_parse(
	    store_column_peek(st, 0));
	f->target_id = store_column_int64(st, 1);
	f->key = store_column_str(st, 2);
	f->label = store_column_str(st, 3);
	f->automatic = store_column_int(st, 4);
	f->created_at = store_column_int64(st, 5);
}

int
store_follow_list(struct store *s, int64_t member_id,
    struct store_follow **list, size_t *n)
{
	/* The label of each thing from its own table, so that a board or
	 * a thread renamed reads as it is now. */
	static const char sql[] = "SELECT f.kind, f.target_id, f.target_key, "
	    "COALESCE(CASE f.kind "
	    "WHEN 'forum' THEN (SELECT title FROM board WHERE "
	    "id = f.target_id) "
	    "WHEN 'fil' THEN (SELECT title FROM thread WHERE id = f.target_id) "
	    "WHEN 'theme' THEN (SELECT label FROM theme WHERE "
	    "key = f.target_key) "
	    "WHEN 'region' THEN (SELECT name FROM region WHERE "
	    "code = f.target_key) "
	    "WHEN 'departement' THEN (SELECT name || ' (' || code || ')' "
	    "FROM departement WHERE code = f.target_key) "
	    "WHEN 'membre' THEN (SELECT CASE WHEN status = 'anonymise' THEN "
	    "'ancien membre' ELSE display_name END FROM member WHERE "
	    "id = f.target_id) "
	    "ELSE f.label END, f.target_key), f.automatic, f.created_at "
	    "FROM follow f WHERE f.member_id = ?1 AND f.active = 1";
	struct store_stmt *st;
	struct follow_sort *o;
	struct store_follow *l;
	size_t i;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0) {
		store_done(st);
		return -1;
	}
	if (store_rows(s, st, sizeof(**list), store_follow_row,
	    store_follow_clear_v, (void **)list, n) != 0)
		return -1;
	/* Sorted here, by kind then folded label: the labels come from
	 * five tables, and no SQL collation folds the same on both
	 * engines. */
	o = xcalloc(*n + 1, sizeof(*o));
	for (i = 0; i < *n; i++) {
		o[i].f = (*list)[i];
		o[i].fold = txt_fold(o[i].f.label);
	}
	qsort(o, *n, sizeof(*o), store_follow_cmp);
	l = *list;
	for (i = 0; i < *n; i++) {
		l[i] = o[i].f;
		free(o[i].fold);
	}
	free(o);
	return 0;
}

/* By kind (the enum's order is « Ma veille »'s), folded label, id. */
static int
store_follow_cmp(const void *a, const void *b)
{
	const struct follow_sort *x = a, *y = b;
	int c, kx, ky;

	/* An unknown kind (-1) last, as it was in SQL. */
	kx = x->f.kind < 0 ? FOLLOW_NKINDS : x->f.kind;
	ky = y->f.kind < 0 ? FOLLOW_NKINDS : y->f.kind;
	if (kx != ky)
		return kx < ky ? -1 : 1;
	if ((c = strcmp(x->fold, y->fold)) != 0)
		return c;
	if (x->f.target_id != y->f.target_id)
		return x->f.target_id < y->f.target_id ? -1 : 1;
	return 0;
}

int
store_follow_auto(struct store *s, int64_t member_id)
{
	char *v = NULL;
	int r, on;

	if ((r = store_pref_get(s, member_id, FOLLOW_AUTO_PREF, &v)) < 0)
		return -1;
	on = r != 0 || strcmp(v, "non") != 0;
	free(v);
	return on;
}

int
store_follow_auto_set(struct store *s, int64_t member_id, int on)
{
	return store_pref_set(s, member_id, FOLLOW_AUTO_PREF,
	    on ? NULL : "non");
}

/* Follow the thread a member just wrote in, unless they turned that off
 * or unfollowed it before (in the caller's transaction). */
int
store_follow_auto_thread(struct store *s, int64_t member_id,
    int64_t thread_id, int64_t now)
{
	static const char sql[] = "INSERT INTO follow (member_id, "
	    "kind, target_id, target_key, active, automatic, created_at) "
	    "VALUES (?1, 'fil', ?2, '', 1, 1, ?3) ON CONFLICT DO NOTHING";
	struct store_stmt *st;
	int r;

	if ((r = store_follow_auto(s, member_id)) <= 0)
		return r;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, thread_id) != 0 ||
	    store_bind_int64(s, st, 3, now) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}
