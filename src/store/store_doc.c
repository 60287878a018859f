/*
 * store_doc.c - the document shelf: saving (import and the curators'
 * form), reading, lists and their facets, « ma sélection », and the
 * discussion thread of a document. The index and search are in
 * store_doc_search.c.
 *
 * Invariants: every row of doc has one row of doc_text and one row of
 * doc_fts (indexed with txt_fold of its title, of doc.fts_meta's source
 * and of its body; doc.fts_meta is the meta column exactly as indexed)
 * and of doc_fts_head (the same title and meta); all change in the
 * transaction that changes the row. ref_key is
 * store_doc_ref_key(reference), unique when not empty; source is unique
 * when set. A document is never deleted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "store/store_doc_private.h"
#include "text/txt.h"
#include "util/util.h"

static const struct {
	const char	*key;
	const char	*label;
} doc_kinds[DOC_NKINDS] = {
	[DOC_LOI] = { "loi", "Loi" },
	[DOC_ORDONNANCE] = { "ordonnance", "Ordonnance" },
	[DOC_DECRET] = { "decret", "Décret" },
	[DOC_ARRETE] = { "arrete", "Arrêté" },
	[DOC_CIRCULAIRE] = { "circulaire", "Circulaire" },
	[DOC_INSTRUCTION] = { "instruction", "Instruction" },
	[DOC_NOTE] = { "note", "Note" },
	[DOC_ETUDE] = { "etude", "Étude" },
	[DOC_RAPPORT] = { "rapport", "Rapport" },
	[DOC_GUIDE] = { "guide", "Guide" },
	[DOC_FICHE] = { "fiche", "Fiche pratique" },
	[DOC_AUTRE] = { "autre", "Autre document" },
};

static const struct {
	const char	*key;
	const char	*label;
} doc_statuses[DOC_NSTATUS] = {
	[DOC_EN_VIGUEUR] = { "en_vigueur", "en vigueur" },
	[DOC_ABROGE] = { "abroge", "abrogé" },
	[DOC_REMPLACE] = { "remplace", "remplacé" },
};

/* The columns doc_fill() reads, from doc d. */
/* Cleaned metadata of a document being saved. */
struct doc_clean {
	char	*title;
	char	*issuer;
	char	*published;
	char	*reference;
	char	*ref_key;
	char	*audience;
	char	*summary;
	char	*body;		/* NULL: keep the row's (the form) */
};

static void	 doc_fill(struct store_stmt *, struct store_doc *);
static int	 doc_write_file(struct store *, const struct store_doc *,
		    int64_t);
static void	 doc_file_row(struct store_stmt *, void *);
static void	 doc_file_row_clear(void *);
static void	 doc_hash_row(struct store_stmt *, void *);
static void	 doc_hash_clear(void *);
static void	 doc_inbox_row(struct store_stmt *, void *);
static void	 doc_inbox_clear(void *);
static void	 facet_row(struct store_stmt *, void *);
static void	 facet_clear(void *);
static int	 doc_find(struct store *, const char *, const char *,
		    int64_t *);
static int	 doc_key_owner(struct store *, const char *, int64_t *);
static int	 doc_clean(const struct store_doc *, int, struct doc_clean *);
static void	 doc_clean_free(struct doc_clean *);
static int	 doc_check_refs(struct store *, const struct store_doc *,
		    int64_t);
static int	 doc_write(struct store *, int64_t, struct store_doc *,
		    const struct doc_clean *, int64_t, int64_t *);
static int	 doc_set_themes(struct store *, int64_t,
		    const struct store_doc *);
static int	 doc_load_themes(struct store *, struct store_doc *);

const char *
store_doc_kind_key(int k)
{
	return k >= 0 && k < DOC_NKINDS ? doc_kinds[k].key : "autre";
}

const char *
store_doc_kind_label(int k)
{
	return k >= 0 && k < DOC_NKINDS ? doc_kinds[k].label :
	    "Autre document";
}

/* A key, a label, or the first word of a label (« fiche »). */
int
store_doc_kind_parse(const char *s)
{
	char *f, *lf;
	int k, found = -1;

	if (s == NULL)
		return -1;
	for (k = 0; k < DOC_NKINDS; k++)	/* the stored keys, quickly */
		if (strcmp(s, doc_kinds[k].key) == 0)
			return k;
	f = txt_fold(s);
	for (k = 0; k < DOC_NKINDS && found == -1; k++) {
		lf = txt_fold(doc_kinds[k].label);
		if (strcmp(f, doc_kinds[k].key) == 0 || strcmp(f, lf) == 0)
			found = k;
		free(lf);
	}
	free(f);
	return found;
}

const char *
store_doc_status_key(int st)
{
	return st >= 0 && st < DOC_NSTATUS ? doc_statuses[st].key :
	    "en_vigueur";
}

const char *
store_doc_status_label(int st)
{
	return st >= 0 && st < DOC_NSTATUS ? doc_statuses[st].label :
	    "en vigueur";
}

/* « en vigueur », « en_vigueur », « abrogé », « remplacé »... */
int
store_doc_status_parse(const char *s)
{
	char *f;
	size_t i;
	int k, found = -1;

	if (s == NULL)
		return -1;
	for (k = 0; k < DOC_NSTATUS; k++)
		if (strcmp(s, doc_statuses[k].key) == 0)
			return k;
	f = txt_fold(s);
	for (i = 0; f[i] != '\0'; i++)
		if (f[i] == ' ' || f[i] == '-')
			f[i] = '_';
	for (k = 0; k < DOC_NSTATUS && found == -1; k++)
		if (strcmp(f, doc_statuses[k].key) == 0)
			found = k;
	if (found == -1 && strcmp(f, "vigueur") == 0)
		found = DOC_EN_VIGUEUR;
	if (found == -1 && (strcmp(f, "abrogee") == 0 ||
	    strcmp(f, "remplacee") == 0))
		found = f[0] == 'a' ? DOC_ABROGE : DOC_REMPLACE;
	free(f);
	return found;
}

int
store_doc_can_curate(int role)
{
	return role == ROLE_DOCUMENTALISTE || role == ROLE_SYSOP;
}

/* Letters and digits, capitals; a leading « NOR » label is dropped so
 * « NOR : INTV2301234C » and « INTV2301234C » are one key. */
char *
store_doc_ref_key(const char *reference)
{
	char *f, *p, *out, *o;

	f = txt_fold(reference != NULL ? reference : "");
	p = f + strspn(f, " ");
	if (strncmp(p, "nor", 3) == 0 && p[3] != '\0' &&
	    strchr(" :.-", p[3]) != NULL)
		p += 3;
	out = o = xmalloc(strlen(p) + 1);
	for (; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z')
			*o++ = (char)(*p - 'a' + 'A');
		else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z'))
			*o++ = *p;
	}
	*o = '\0';
	free(f);
	return out;
}

void
store_doc_clear(struct store_doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	free(d->title);
	free(d->issuer);
	free(d->published);
	free(d->reference);
	free(d->replaced_title);
	free(d->audience);
	free(d->summary);
	free(d->body);
	free(d->source);
	free(d->file_sha256);
	free(d->file_type);
	free(d->snippet);
	for (i = 0; i < d->nthemes; i++) {
		free(d->themes[i]);
		if (d->theme_labels != NULL)
			free(d->theme_labels[i]);
	}
	free(d->themes);
	free(d->theme_labels);
	memset(d, 0, sizeof(*d));
}

void
store_doc_list_free(struct store_doc *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		store_doc_clear(&l[i]);
	free(l);
}

void
store_doc_set_themes(struct store_doc *d, char *const *keys, size_t n)
{
	size_t i;

	for (i = 0; i < d->nthemes; i++) {
		free(d->themes[i]);
		if (d->theme_labels != NULL)
			free(d->theme_labels[i]);
	}
	free(d->themes);
	free(d->theme_labels);
	d->theme_labels = NULL;
	d->themes = n > 0 ? xcalloc(n, sizeof(*d->themes)) : NULL;
	for (i = 0; i < n; i++)
		d->themes[i] = xstrdup(keys[i]);
	d->nthemes = n;
}

static void
doc_fill(struct store_stmt *st, struct store_doc *d)
{
	d->id = store_column_int64(st, 0);
	d->title = store_column_str(st, 1);
	d->kind = store_doc_kind_parse(store_column_peek(st,
	    2));
	if (d->kind == -1)
		d->kind = DOC_AUTRE;
	d->issuer = store_column_str(st, 3);
	d->published = store_column_str(st, 4);
	d->reference = store_column_str(st, 5);
	d->status = store_doc_status_parse(
	    store_column_peek(st, 6));
	if (d->status == -1)
		d->status = DOC_EN_VIGUEUR;
	d->replaced_by = store_column_int64(st, 7);
	d->audience = store_column_str(st, 8);
	d->summary = store_column_str(st, 9);
	d->source = store_column_text(st, 10);
	d->thread_id = store_column_int64(st, 11);
	d->added_at = store_column_int64(st, 12);
	d->updated_at = store_column_int64(st, 13);
}

/* A list row (see store_doc_private.h). */
void
store_doc_row(struct store_stmt *st, void *p)
{
	struct store_doc *d = p;

	doc_fill(st, d);
	d->picked = store_column_int(st, 14);
}

void
store_doc_row_clear(void *p)
{
	store_doc_clear(p);
}

/* The row with this source, else with this reference key: 0, 1 none. */
static int
doc_find(struct store *s, const char *source, const char *ref_key,
    int64_t *id)
{
	static const char by_source[] = "SELECT id FROM doc WHERE source = ?1";
	int r;

	*id = 0;
	if (source != NULL) {
		struct store_stmt *st;

		if ((st = store_prepare(s, by_source)) == NULL)
			return -1;
		if (store_bind_text(s, st, 1, source) != 0) {
			store_done(st);
			return -1;
		}
		r = store_step(s, st);
		if (r == STORE_STEP_ROW)
			*id = store_column_int64(st, 0);
		store_done(st);
		if (r == -1)
			return -1;
		if (*id != 0)
			return 0;
	}
	if (ref_key[0] == '\0')
		return 1;
	return doc_key_owner(s, ref_key, id);
}

/* Who has this reference key: 0 (*id), 1 nobody. */
static int
doc_key_owner(struct store *s, const char *ref_key, int64_t *id)
{
	static const char sql[] = "SELECT id FROM doc WHERE ref_key = ?1";
	struct store_stmt *st;
	int r;

	*id = 0;
	if (ref_key[0] == '\0')
		return 1;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, ref_key) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		*id = store_column_int64(st, 0);
	store_done(st);
	return r == -1 ? -1 : *id != 0 ? 0 : 1;
}

int
store_doc_by_ref(struct store *s, const char *reference, int64_t *id)
{
	char *key = store_doc_ref_key(reference);
	int r = doc_key_owner(s, key, id);

	free(key);
	return r;
}

/* Clean and bound what will be stored: 0, or 3 (empty title or body). */
static int
doc_clean(const struct store_doc *d, int with_body, struct doc_clean *c)
{
	memset(c, 0, sizeof(*c));
#define ONE_LINE(f, max) txt_clean(d->f != NULL ? d->f : "", \
	d->f != NULL ? strlen(d->f) : 0, 0, max, NULL)
	c->title = ONE_LINE(title, STORE_DOC_TITLE_MAX);
	c->issuer = ONE_LINE(issuer, STORE_DOC_META_MAX);
	c->published = ONE_LINE(published, 10);
	c->reference = ONE_LINE(reference, STORE_DOC_META_MAX);
	c->audience = ONE_LINE(audience, STORE_DOC_META_MAX);
#undef ONE_LINE
	c->summary = txt_clean(d->summary != NULL ? d->summary : "",
	    d->summary != NULL ? strlen(d->summary) : 0, TXT_MULTILINE,
	    STORE_DOC_SUMMARY_MAX, NULL);
	c->ref_key = store_doc_ref_key(c->reference);
	if (with_body) {
		c->body = txt_clean(d->body != NULL ? d->body : "",
		    d->body != NULL ? strlen(d->body) : 0, TXT_MULTILINE,
		    STORE_DOC_BODY_MAX, NULL);
		if (c->body[strspn(c->body, " \n")] == '\0')
			return STORE_EMPTY;
	}
	return c->title[0] == '\0' ? STORE_EMPTY : STORE_OK;
}

static void
doc_clean_free(struct doc_clean *c)
{
	free(c->title);
	free(c->issuer);
	free(c->published);
	free(c->reference);
	free(c->ref_key);
	free(c->audience);
	free(c->summary);
	free(c->body);
	memset(c, 0, sizeof(*c));
}

/* Themes and « remplacé par » name what exists: STORE_OK, STORE_INVALID
 * (a theme), STORE_BAD_LINK, STORE_ERR. */
static int
doc_check_refs(struct store *s, const struct store_doc *d, int64_t self)
{
	static const char theme[] = "SELECT 1 FROM theme WHERE key = ?1";
	static const char doc[] = "SELECT 1 FROM doc WHERE id = ?1";
	struct store_stmt *st;
	size_t i;
	int r;

	for (i = 0; i < d->nthemes; i++) {
		if ((st = store_prepare(s, theme)) == NULL)
			return -1;
		if (store_bind_text(s, st, 1, d->themes[i]) != 0) {
			store_done(st);
			return -1;
		}
		r = store_step(s, st);
		store_done(st);
		if (r == -1)
			return -1;
		if (r != STORE_STEP_ROW)
			return STORE_INVALID;
	}
	if (d->replaced_by == 0)
		return 0;
	if (d->replaced_by == self)
		return STORE_BAD_LINK;
	if ((st = store_prepare(s, doc)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, d->replaced_by) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	return r == -1 ? -1 : r == STORE_STEP_ROW ? 0 : STORE_BAD_LINK;
}

/* Replace the themes of a document. */
static int
doc_set_themes(struct store *s, int64_t id, const struct store_doc *d)
{
	static const char del[] = "DELETE FROM doc_theme WHERE doc_id = ?1";
	static const char add[] = "INSERT INTO doc_theme "
	    "(doc_id, theme) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
	struct store_stmt *st;
	size_t i;

	if ((st = store_prepare(s, del)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0 || store_run(s, st) != 0)
		return -1;
	for (i = 0; i < d->nthemes; i++) {
		if ((st = store_prepare(s, add)) == NULL)
			return -1;
		if (store_bind_int64(s, st, 1, id) != 0 ||
		    store_bind_text(s, st, 2, d->themes[i]) != 0 ||
		    store_run(s, st) != 0)
			return -1;
	}
	return 0;
}

/* The original file of row id, from d (named by the caller, who wrote
 * it to the files directory first). */
static int
doc_write_file(struct store *s, const struct store_doc *d, int64_t id)
{
	static const char sql[] = "UPDATE doc SET file_sha256 = ?1, "
	    "file_type = ?2, file_size = ?3 WHERE id = ?4";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, d->file_sha256) != 0 ||
	    store_bind_text(s, st, 2, d->file_type) != 0 ||
	    store_bind_int64(s, st, 3, d->file_size) != 0 ||
	    store_bind_int64(s, st, 4, id) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

/*
 * Insert (id 0) or update row id from c, reindex it, in the caller's
 * transaction. *out gets the id.
 */
static int
doc_write(struct store *s, int64_t actor, struct store_doc *d,
    const struct doc_clean *c, int64_t id, int64_t *out)
{
	static const char ins[] = "INSERT INTO doc (title, title_fold, kind, "
	    "issuer, issuer_fold, published, reference, ref_key, status, "
	    "replaced_by, audience, summary, source, added_at, added_by, "
	    "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?14, ?15) RETURNING id";
	static const char upd[] = "UPDATE doc SET title = ?1, title_fold = ?2, "
	    "kind = ?3, issuer = ?4, issuer_fold = ?5, published = ?6, "
	    "reference = ?7, ref_key = ?8, status = ?9, replaced_by = ?10, "
	    "audience = ?11, summary = ?12, source = coalesce(?13, source), "
	    "updated_at = ?14, updated_by = ?15 WHERE id = ?16";
	static const char text_ins[] = "INSERT INTO doc_text (doc_id, body) "
	    "VALUES (?1, ?2)";
	static const char text_upd[] = "UPDATE doc_text SET body = ?2 "
	    "WHERE doc_id = ?1";
	struct store_stmt *st;
	char *tf, *isf;
	int r = -1, fresh = id == 0;

	if (!fresh && store_doc_unindex(s, id) != 0)
		return -1;
	tf = txt_fold(c->title);
	isf = txt_fold(c->issuer);
	if ((st = store_prepare(s, id != 0 ? upd : ins)) == NULL)
		goto out;
	if (store_bind_text(s, st, 1, c->title) != 0 ||
	    store_bind_text(s, st, 2, tf) != 0 ||
	    store_bind_text(s, st, 3, store_doc_kind_key(d->kind)) != 0 ||
	    store_bind_text(s, st, 4, c->issuer) != 0 ||
	    store_bind_text(s, st, 5, isf) != 0 ||
	    store_bind_text(s, st, 6, c->published) != 0 ||
	    store_bind_text(s, st, 7, c->reference) != 0 ||
	    store_bind_text(s, st, 8, c->ref_key) != 0 ||
	    store_bind_text(s, st, 9, store_doc_status_key(d->status)) != 0 ||
	    store_bind_id(s, st, 10, d->status == DOC_REMPLACE ?
	    d->replaced_by : 0) != 0 ||
	    store_bind_text(s, st, 11, c->audience) != 0 ||
	    store_bind_text(s, st, 12, c->summary) != 0 ||
	    store_bind_text(s, st, 13, d->source) != 0 ||
	    store_bind_int64(s, st, 14, now_sec()) != 0 ||
	    store_bind_id(s, st, 15, actor) != 0 ||
	    (id != 0 && store_bind_int64(s, st, 16, id) != 0)) {
		store_done(st);
		goto out;
	}
	if ((fresh ? store_insert(s, st, &id) : store_run(s, st)) != 0)
		goto out;
	if (d->file_sha256 != NULL && doc_write_file(s, d, id) != 0)
		goto out;
	if (c->body != NULL) {
		if ((st = store_prepare(s, fresh ? text_ins : text_upd)) ==
		    NULL)
			goto out;
		if (store_bind_int64(s, st, 1, id) != 0 ||
		    store_bind_text(s, st, 2, c->body) != 0 ||
		    store_run(s, st) != 0)
			goto out;
	}
	if (doc_set_themes(s, id, d) != 0 || store_doc_index(s, id) != 0)
		goto out;
	*out = id;
	r = 0;
out:
	free(tf);
	free(isf);
	return r;
}

int
store_doc_save(struct store *s, int64_t actor, struct store_doc *d,
    int *outcome, int64_t *other)
{
	struct doc_clean c;
	int64_t id = 0, owner = 0, out = 0;
	int r;

	*outcome = 0;
	if (other != NULL)
		*other = 0;
	if ((r = doc_clean(d, 1, &c)) != 0)
		goto done;
	if (store_begin(s) != 0) {
		r = -1;
		goto done;
	}
	if ((r = doc_find(s, d->source, c.ref_key, &id)) == -1 ||
	    (r = doc_key_owner(s, c.ref_key, &owner)) == -1)
		goto fail;
	if (owner != 0 && owner != id) {
		if (other != NULL)
			*other = owner;
		r = STORE_TAKEN;
		goto fail;
	}
	if ((r = doc_check_refs(s, d, id)) != 0)
		goto fail;
	if (doc_write(s, actor, d, &c, id, &out) != 0) {
		r = -1;
		goto fail;
	}
	store_audit(s, actor, id != 0 ? "doc.update" : "doc.add", c.title,
	    d->source != NULL ? d->source : "");
	if (store_commit(s) != 0) {
		r = -1;
		goto done;
	}
	d->id = out;
	*outcome = id != 0;
	r = 0;
	goto done;
fail:
	store_rollback(s);
done:
	doc_clean_free(&c);
	return r;
}

int
store_doc_update_meta(struct store *s, int64_t actor, struct store_doc *d)
{
	static const char exists[] = "SELECT 1 FROM doc WHERE id = ?1";
	struct doc_clean c;
	struct store_stmt *st;
	int64_t owner = 0, out = 0;
	int r;

	if ((r = doc_clean(d, 0, &c)) != 0)
		goto done;
	if (store_begin(s) != 0) {
		r = -1;
		goto done;
	}
	if ((st = store_prepare(s, exists)) == NULL) {
		r = -1;
		goto fail;
	}
	if (store_bind_int64(s, st, 1, d->id) != 0) {
		store_done(st);
		r = -1;
		goto fail;
	}
	r = store_step(s, st);
	store_done(st);
	if (r != STORE_STEP_ROW) {
		r = r == -1 ? -1 : 1;
		goto fail;
	}
	if ((r = doc_key_owner(s, c.ref_key, &owner)) == -1)
		goto fail;
	if (owner != 0 && owner != d->id) {
		r = STORE_TAKEN;
		goto fail;
	}
	if ((r = doc_check_refs(s, d, d->id)) != 0)
		goto fail;
	if (doc_write(s, actor, d, &c, d->id, &out) != 0) {
		r = -1;
		goto fail;
	}
	store_audit(s, actor, "doc.edit", c.title, "");
	r = store_commit(s) == 0 ? 0 : -1;
	goto done;
fail:
	store_rollback(s);
done:
	doc_clean_free(&c);
	return r;
}

/* Theme keys and labels of d->id, in the themes' order. */
static int
doc_load_themes(struct store *s, struct store_doc *d)
{
	static const char sql[] = "SELECT t.key, t.label FROM doc_theme dt "
	    "JOIN theme t ON t.key = dt.theme WHERE dt.doc_id = ?1 "
	    "ORDER BY t.position";
	struct store_stmt *st;
	size_t cap = 0;
	int r;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, d->id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		if (d->nthemes == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			d->themes = xreallocarray(d->themes, cap,
			    sizeof(*d->themes));
			d->theme_labels = xreallocarray(d->theme_labels, cap,
			    sizeof(*d->theme_labels));
		}
		d->themes[d->nthemes] = store_column_str(st, 0);
		d->theme_labels[d->nthemes++] = store_column_str(st, 1);
	}
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

int
store_doc_get(struct store *s, int64_t member_id, int64_t id,
    struct store_doc *d)
{
	static const char sql[] = "SELECT " STORE_DOC_COLUMNS ", "
	    "EXISTS (SELECT 1 FROM doc_pick p WHERE p.member_id = ?2 "
	    "AND p.doc_id = d.id), x.body, r.title FROM doc d "
	    "JOIN doc_text x ON x.doc_id = d.id "
	    "LEFT JOIN doc r ON r.id = d.replaced_by WHERE d.id = ?1";
	static const char file[] = "SELECT file_sha256, file_type, file_size "
	    "FROM doc WHERE id = ?1 AND file_sha256 IS NOT NULL";
	struct store_stmt *st;
	int r;

	memset(d, 0, sizeof(*d));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, member_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW) {
		store_doc_row(st, d);
		d->body = store_column_str(st, 15);
		d->replaced_title = store_column_text(st, 16);
	}
	store_done(st);
	if (r != STORE_STEP_ROW)
		return r == -1 ? -1 : 1;
	/* Apart: the lists' columns (STORE_DOC_COLUMNS) stay as they were. */
	if ((st = store_prepare(s, file)) == NULL) {
		store_doc_clear(d);
		return -1;
	}
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		store_doc_clear(d);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		d->file_sha256 = store_column_text(st, 0);
		d->file_type = store_column_text(st, 1);
		d->file_size = store_column_int64(st, 2);
	}
	store_done(st);
	if (r == -1) {
		store_doc_clear(d);
		return -1;
	}
	if (doc_load_themes(s, d) != 0) {
		store_doc_clear(d);
		return -1;
	}
	return 0;
}

int
store_doc_stamp(struct store *s, int64_t id, int64_t *updated_at,
    int64_t *thread_id, int64_t *first_post)
{
	static const char sql[] = "SELECT d.updated_at, d.thread_id, "
	    "(SELECT min(p.id) FROM post p WHERE p.thread_id = d.thread_id) "
	    "FROM doc d WHERE d.id = ?1";
	struct store_stmt *st;
	int r;

	*updated_at = *thread_id = *first_post = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW) {
		*updated_at = store_column_int64(st, 0);
		*thread_id = store_column_int64(st, 1);
		*first_post = store_column_int64(st, 2);
	}
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : r == -1 ? -1 : 1;
}

int
store_doc_count(struct store *s, int64_t *n)
{
	static const char sql[] = "SELECT count(*) FROM doc";
	struct store_stmt *st;
	int r;

	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		*n = store_column_int64(st, 0);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : -1;
}

/* The filter's parameters (see store_doc_private.h). */
int
store_doc_bind_filter(struct store *s, struct store_stmt *st,
    const struct store_doc_filter *f, int64_t member_id)
{
	char *issuer = NULL;
	int r;

	if (f->issuer != NULL)
		issuer = txt_fold(f->issuer);
	r = store_bind_text(s, st, 1, f->kind > 0 ?
	    store_doc_kind_key(f->kind - 1) : NULL) != 0 ||
	    store_bind_text(s, st, 2, f->status > 0 ?
	    store_doc_status_key(f->status - 1) : NULL) != 0 ||
	    store_bind_text(s, st, 3, f->theme) != 0 ||
	    store_bind_text(s, st, 4, issuer) != 0 ||
	    store_bind_int64(s, st, 5, f->since) != 0 ||
	    store_bind_int64(s, st, 6, f->picked_by) != 0 ||
	    store_bind_int64(s, st, 8, member_id) != 0 ? -1 : 0;
	free(issuer);
	return r;
}

int
store_doc_list(struct store *s, int64_t member_id,
    const struct store_doc_filter *f, size_t offset, size_t max,
    struct store_doc **list, size_t *n)
{
	static const char by_date[] = "SELECT " STORE_DOC_COLUMNS ", "
	    STORE_DOC_PICKED " FROM doc d WHERE " STORE_DOC_WHERE
	    " ORDER BY d.published DESC, d.added_at DESC, d.id DESC "
	    "LIMIT ?9 OFFSET ?10";
	static const char by_added[] = "SELECT " STORE_DOC_COLUMNS ", "
	    STORE_DOC_PICKED " FROM doc d WHERE " STORE_DOC_WHERE
	    " ORDER BY d.added_at DESC, d.id DESC LIMIT ?9 OFFSET ?10";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, f->since != 0 ? by_added : by_date)) ==
	    NULL)
		return -1;
	if (store_doc_bind_filter(s, st, f, member_id) != 0 ||
	    store_bind_int64(s, st, 9, max == 0 || max > INT64_MAX ? -1 :
	    (int64_t)max) != 0 ||
	    store_bind_int64(s, st, 10, (int64_t)offset) != 0) {
		store_done(st);
		return -1;
	}
	return store_rows(s, st, sizeof(**list), store_doc_row,
	    store_doc_row_clear, (void **)list, n);
}

int
store_doc_list_count(struct store *s, int64_t member_id,
    const struct store_doc_filter *f, int64_t *n)
{
	static const char sql[] = "SELECT count(*) FROM doc d WHERE "
	    STORE_DOC_WHERE " AND ?8 = ?8";
	struct store_stmt *st;
	int r;

	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_doc_bind_filter(s, st, f, member_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		*n = store_column_int64(st, 0);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : -1;
}

static void
facet_row(struct store_stmt *st, void *p)
{
	struct store_doc_facet *f = p;

	f->key = store_column_str(st, 0);
	f->label = store_column_str(st, 1);
	f->n = store_column_int64(st, 2);
}

static void
facet_clear(void *p)
{
	struct store_doc_facet *f = p;

	free(f->key);
	free(f->label);
}

int
store_doc_facets(struct store *s, int which, struct store_doc_facet **list,
    size_t *n)
{
	static const char themes[] = "SELECT t.key, t.label, count(*) "
	    "FROM doc_theme dt JOIN theme t ON t.key = dt.theme "
	    "GROUP BY t.key, t.label, t.position ORDER BY t.position, t.label";
	static const char kinds[] = "SELECT kind, kind, count(*) FROM doc "
	    "GROUP BY kind";
	static const char issuers[] = "SELECT min(issuer), min(issuer), "
	    "count(*) FROM doc WHERE issuer_fold <> '' GROUP BY issuer_fold "
	    "ORDER BY issuer_fold";
	struct store_doc_facet *l, tmp;
	struct store_stmt *st;
	size_t i, j;
	int r;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, which == DOC_FACET_THEME ? themes :
	    which == DOC_FACET_KIND ? kinds : issuers)) == NULL)
		return -1;
	r = store_rows(s, st, sizeof(**list), facet_row, facet_clear,
	    (void **)list, n);
	if (r != 0 || which != DOC_FACET_KIND)
		return r;
	/* Kinds in the order of the enum, with their labels. */
	l = *list;
	for (i = 0; i < *n; i++) {
		free(l[i].label);
		l[i].label = xstrdup(store_doc_kind_label(
		    store_doc_kind_parse(l[i].key)));
	}
	for (i = 1; i < *n; i++) {
		tmp = l[i];
		for (j = i; j > 0 && store_doc_kind_parse(l[j - 1].key) >
		    store_doc_kind_parse(tmp.key); j--)
			l[j] = l[j - 1];
		l[j] = tmp;
	}
	return 0;
}

void
store_doc_facet_list_free(struct store_doc_facet *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		facet_clear(&l[i]);
	free(l);
}

int
store_doc_pick(struct store *s, int64_t member_id, int64_t doc_id, int on)
{
	static const char add[] = "INSERT INTO doc_pick (member_id, "
	    "doc_id, added_at) SELECT ?1, id, ?3 FROM doc WHERE id = ?2 "
	    "ON CONFLICT DO NOTHING";
	static const char rm[] = "DELETE FROM doc_pick WHERE member_id = ?1 "
	    "AND doc_id = ?2";
	static const char exists[] = "SELECT 1 FROM doc WHERE id = ?1";
	struct store_stmt *st;
	int r;

	if ((st = store_prepare(s, exists)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, doc_id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	if (r != STORE_STEP_ROW)
		return r == -1 ? -1 : 1;
	if ((st = store_prepare(s, on ? add : rm)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, doc_id) != 0 ||
	    (on && store_bind_int64(s, st, 3, now_sec()) != 0)) {
		store_done(st);
		return -1;
	}
	return store_run(s, st) == 0 ? 0 : -1;
}

int
store_doc_comment(struct store *s, const struct store_viewer *v,
    int64_t doc_id, const char *board_key, const char *body,
    int64_t *thread_id, int64_t *post_id)
{
	static const char get[] = "SELECT d.title, d.thread_id, t.id, "
	    "(SELECT min(p.id) FROM post p WHERE p.thread_id = t.id) "
	    "FROM doc d LEFT JOIN thread t ON t.id = d.thread_id "
	    "WHERE d.id = ?1";
	static const char board[] = "SELECT id FROM board WHERE key = ?1 "
	    "AND archived_at IS NULL";
	static const char link[] = "UPDATE doc SET thread_id = ?2 "
	    "WHERE id = ?1";
	struct store_stmt *st;
	char *title = NULL, *ttitle;
	int64_t tid = 0, first = 0, board_id = 0;
	int r;

	*thread_id = *post_id = 0;
	if (store_begin(s) != 0)
		return -1;
	if ((st = store_prepare(s, get)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, doc_id) != 0) {
		store_done(st);
		goto fail;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW) {
		title = store_column_str(st, 0);
		tid = store_column_int64(st, 2);
		first = store_column_int64(st, 3);
	}
	store_done(st);
	if (r != STORE_STEP_ROW) {
		store_rollback(s);
		return r == -1 ? -1 : 1;
	}
	if (tid != 0 && first != 0) {
		/* Someone opened the discussion: answer its first message. */
		r = store_post_reply(s, v, first, body, post_id);
		if (r == 0)
			*thread_id = tid;
		goto end;
	}
	if ((st = store_prepare(s, board)) == NULL)
		goto fail;
	if (store_bind_text(s, st, 1, board_key) != 0) {
		store_done(st);
		goto fail;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		board_id = store_column_int64(st, 0);
	store_done(st);
	if (board_id == 0) {
		r = r == -1 ? -1 : 1;
		goto end;
	}
	/* Thread titles are shorter than document titles. */
	ttitle = txt_clean(title, strlen(title), 0, STORE_TITLE_MAX, NULL);
	r = store_thread_new(s, v, board_id, ttitle, body, thread_id, post_id);
	free(ttitle);
	if (r != 0)
		goto end;
	if ((st = store_prepare(s, link)) == NULL)
		goto fail;
	if (store_bind_int64(s, st, 1, doc_id) != 0 ||
	    store_bind_int64(s, st, 2, *thread_id) != 0 ||
	    store_run(s, st) != 0)
		goto fail;
end:
	free(title);
	if (r != 0) {
		store_rollback(s);
		return r;
	}
	return store_commit(s) == 0 ? 0 : -1;
fail:
	free(title);
	store_rollback(s);
	return -1;
}

/* A store_doc_file row: id, kind, published, title, sha, type, size,
 * updated_at. */
static void
doc_file_row(struct store_stmt *st, void *p)
{
	struct store_doc_file *f = p;
	const char *t;

	f->id = store_column_int64(st, 0);
	if ((f->kind = store_doc_kind_parse(
	    store_column_peek(st, 1))) == -1)
		f->kind = DOC_AUTRE;
	f->published = store_column_str(st, 2);
	f->title = store_column_str(st, 3);
	if ((t = store_column_peek(st, 4)) != NULL)
		snprintf(f->sha256, sizeof(f->sha256), "%s", t);
	if ((t = store_column_peek(st, 5)) != NULL)
		snprintf(f->type, sizeof(f->type), "%s", t);
	f->size = store_column_int64(st, 6);
	f->updated_at = store_column_int64(st, 7);
}

void
store_doc_file_clear(struct store_doc_file *f)
{
	if (f == NULL)
		return;
	free(f->published);
	free(f->title);
	memset(f, 0, sizeof(*f));
}

static void
doc_file_row_clear(void *p)
{
	store_doc_file_clear(p);
}

void
store_doc_files_free(struct store_doc_file *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), doc_file_row_clear);
}

#define DOC_FILE_COLUMNS "id, kind, published, title, file_sha256, " \
	"file_type, file_size, updated_at"

int
store_doc_files(struct store *s, int kind, struct store_doc_file **list,
    size_t *n)
{
	static const char all[] = "SELECT " DOC_FILE_COLUMNS " FROM doc "
	    "WHERE file_sha256 IS NOT NULL ORDER BY kind, id";
	static const char one[] = "SELECT " DOC_FILE_COLUMNS " FROM doc "
	    "WHERE file_sha256 IS NOT NULL AND kind = ?1 ORDER BY id";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, kind < 0 ? all : one)) == NULL)
		return -1;
	if (kind >= 0 && store_bind_text(s, st, 1,
	    store_doc_kind_key(kind)) != 0) {
		store_done(st);
		return -1;
	}
	return store_rows(s, st, sizeof(**list), doc_file_row,
	    doc_file_row_clear, (void **)list, n);
}

int
store_doc_file_get(struct store *s, int64_t id, struct store_doc_file *f)
{
	static const char sql[] = "SELECT " DOC_FILE_COLUMNS " FROM doc "
	    "WHERE file_sha256 IS NOT NULL AND id = ?1";
	struct store_stmt *st;
	int r;

	memset(f, 0, sizeof(*f));
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW)
		doc_file_row(st, f);
	store_done(st);
	if (r == -1)
		return -1;
	return r == STORE_STEP_ROW ? 0 : 1;
}

static void
doc_hash_row(struct store_stmt *st, void *p)
{
	*(char **)p = store_column_str(st, 0);
}

static void
doc_hash_clear(void *p)
{
	free(*(char **)p);
}

int
store_doc_file_hashes(struct store *s, char ***list, size_t *n)
{
	static const char sql[] = "SELECT DISTINCT file_sha256 FROM doc "
	    "WHERE file_sha256 IS NOT NULL";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	return store_rows(s, st, sizeof(char *), doc_hash_row,
	    doc_hash_clear, (void **)list, n);
}

int
store_doc_inbox_add(struct store *s, int64_t actor, const char *name,
    const char *sha256, const char *type, int64_t size, const char *body,
    int64_t *id)
{
	static const char waiting[] = "SELECT 1 FROM doc_inbox WHERE "
	    "name = ?1 AND doc_id IS NULL";
	static const char ins[] = "INSERT INTO doc_inbox (name, file_sha256, "
	    "file_type, file_size, body, added_at) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6) RETURNING id";
	struct store_stmt *st;
	char *n = store_clean(name, 0), *b = store_clean(body, TXT_MULTILINE);
	int r = -1;

	*id = 0;
	if (store_begin(s) != 0)
		goto done;
	if ((st = store_prepare(s, waiting)) == NULL)
		goto fail;
	if (store_bind_text(s, st, 1, n) != 0) {
		store_done(st);
		goto fail;
	}
	r = store_step(s, st);
	store_done(st);
	if (r != STORE_STEP_DONE) {
		r = r == STORE_STEP_ROW ? STORE_EXISTS : STORE_ERR;
		goto fail;
	}
	r = STORE_ERR;
	if ((st = store_prepare(s, ins)) == NULL)
		goto fail;
	if (store_bind_text(s, st, 1, n) != 0 ||
	    store_bind_text(s, st, 2, sha256) != 0 ||
	    store_bind_text(s, st, 3, type) != 0 ||
	    store_bind_int64(s, st, 4, size) != 0 ||
	    store_bind_text(s, st, 5, b) != 0 ||
	    store_bind_int64(s, st, 6, now_sec()) != 0) {
		store_done(st);
		goto fail;
	}
	if (store_insert(s, st, id) != 0)
		goto fail;
	store_audit(s, actor, "doc.deposit", n, sha256);
	if (store_commit(s) != 0)
		goto done;
	r = 0;
	goto done;
fail:
	store_rollback(s);
done:
	free(n);
	free(b);
	return r;
}

static void
doc_inbox_row(struct store_stmt *st, void *p)
{
	struct store_doc_inbox *e = p;
	const char *t;

	e->id = store_column_int64(st, 0);
	e->name = store_column_str(st, 1);
	if ((t = store_column_peek(st, 2)) != NULL)
		snprintf(e->sha256, sizeof(e->sha256), "%s", t);
	if ((t = store_column_peek(st, 3)) != NULL)
		snprintf(e->type, sizeof(e->type), "%s", t);
	e->size = store_column_int64(st, 4);
	e->added_at = store_column_int64(st, 5);
}

static void
doc_inbox_clear(void *p)
{
	struct store_doc_inbox *e = p;

	free(e->name);
	memset(e, 0, sizeof(*e));
}

void
store_doc_inbox_free(struct store_doc_inbox *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), doc_inbox_clear);
}

int
store_doc_inbox_list(struct store *s, struct store_doc_inbox **list,
    size_t *n)
{
	static const char sql[] = "SELECT id, name, file_sha256, file_type, "
	    "file_size, added_at FROM doc_inbox WHERE doc_id IS NULL "
	    "ORDER BY added_at, id";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	return store_rows(s, st, sizeof(**list), doc_inbox_row,
	    doc_inbox_clear, (void **)list, n);
}

int
store_doc_inbox_publish(struct store *s, int64_t actor, int64_t id,
    struct store_doc *d, int *outcome, int64_t *other)
{
	static const char get[] = "SELECT name, file_sha256, file_type, "
	    "file_size, body FROM doc_inbox WHERE id = ?1 AND doc_id IS NULL";
	static const char done[] = "UPDATE doc_inbox SET doc_id = ?2, "
	    "done_at = ?3 WHERE id = ?1";
	struct store_stmt *st;
	char *name = NULL;
	int r;

	*outcome = 0;
	if ((st = store_prepare(s, get)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW) {
		name = store_column_str(st, 0);
		free(d->file_sha256);
		free(d->file_type);
		free(d->body);
		free(d->source);
		d->file_sha256 = store_column_str(st, 1);
		d->file_type = store_column_str(st, 2);
		d->file_size = store_column_int64(st, 3);
		d->body = store_column_str(st, 4);
		xasprintf(&d->source, "sftp:/depot/%s#%lld", name,
		    (long long)id);
	}
	store_done(st);
	free(name);
	if (r != STORE_STEP_ROW)
		return r == -1 ? STORE_ERR : STORE_STATE;
	if ((r = store_doc_save(s, actor, d, outcome, other)) != STORE_OK)
		return r;
	if (store_begin(s) != 0)
		return -1;
	if ((st = store_prepare(s, done)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, d->id) != 0 ||
	    store_bind_int64(s, st, 3, now_sec()) != 0) {
		if (st != NULL)
			store_done(st);
		store_rollback(s);
		return -1;
	}
	if (store_run(s, st) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s) == 0 ? 0 : -1;
}
