/*
 * store_practice_doc.c - the documents of the shelf that records of the
 * practice catalogue link to, both ways: a record's list (its field
 * PF_DOCS, kept as rows of practice_doc) and, for a document's reader,
 * the published records that link to it.
 *
 * Invariant: practice_doc holds, for each record, exactly the ids of
 * its PF_DOCS in their order (position 0..); store_practice_submit
 * rewrites them in the transaction that changes the record. A record's
 * former versions, and the drafts, keep their list as text only: it is
 * read back through store_practice_docs(), which leaves out what is no
 * longer on the shelf.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_practice_private.h"
#include "util/util.h"

static int	 practice_doc_exists(struct store *, int64_t);
static void	 practice_doc_row(struct store_stmt *, void *);
static void	 practice_doc_clear(void *);
static int64_t	 practice_doc_id(const char *);

/* A document id as written: digits only, > 0; else 0. */
static int64_t
practice_doc_id(const char *w)
{
	char *end;
	long long v;

	if (w[0] < '0' || w[0] > '9')
		return 0;
	errno = 0;
	v = strtoll(w, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return 0;
	return (int64_t)v;
}

/* 1 if the shelf has document id, 0 if not, -1. */
static int
practice_doc_exists(struct store *s, int64_t id)
{
	static const char sql[] = "SELECT 1 FROM doc WHERE id = ?1";
	struct store_stmt *st;
	int r;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	return r == STORE_STEP_ROW ? 1 : r == STORE_STEP_DONE ? 0 : -1;
}

int
store_practice_docs_norm(struct store *s, const char *in, char **out)
{
	struct buf b;
	char *copy, *w, *save = NULL;
	int64_t ids[STORE_PRACTICE_DOCS_MAX], id;
	size_t n = 0, i;
	int rc = 0, r;

	buf_init(&b);
	copy = xstrdup(in != NULL ? in : "");
	for (w = strtok_r(copy, " ,;", &save); w != NULL && rc == 0;
	    w = strtok_r(NULL, " ,;", &save)) {
		if ((id = practice_doc_id(w)) == 0) {
			rc = STORE_INVALID;
			break;
		}
		for (i = 0; i < n && ids[i] != id; i++)
			;
		if (i < n)
			continue;	/* twice: once is enough */
		if (n == STORE_PRACTICE_DOCS_MAX) {
			rc = STORE_TOO_MANY;
			break;
		}
		if ((r = practice_doc_exists(s, id)) != 1) {
			rc = r == 0 ? STORE_INVALID : -1;
			break;
		}
		ids[n++] = id;
		buf_printf(&b, "%s%lld", n > 1 ? " " : "", (long long)id);
	}
	free(copy);
	*out = buf_detach(&b);
	return rc;
}

int
store_practice_docs_set(struct store *s, int64_t id, const char *docs)
{
	static const char del[] = "DELETE FROM practice_doc "
	    "WHERE practice_id = ?1";
	static const char add[] = "INSERT INTO practice_doc "
	    "(practice_id, doc_id, position) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT DO NOTHING";
	struct store_stmt *st;
	char *copy, *w, *save = NULL;
	int64_t pos = 0;
	int rc = 0;

	if ((st = store_prepare(s, del)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 || store_run(s, st) != 0)
		return -1;
	copy = xstrdup(docs);
	for (w = strtok_r(copy, " ", &save); w != NULL && rc == 0;
	    w = strtok_r(NULL, " ", &save)) {
		if ((st = store_prepare(s, add)) == NULL ||
		    store_bind_int64(s, st, 1, id) != 0 ||
		    store_bind_int64(s, st, 2, practice_doc_id(w)) != 0 ||
		    store_bind_int64(s, st, 3, pos++) != 0 ||
		    store_run(s, st) != 0)
			rc = -1;
	}
	free(copy);
	return rc;
}

static void
practice_doc_row(struct store_stmt *st, void *v)
{
	struct store_practice_doc *d = v;

	d->id = store_column_int64(st, 0);
	d->title = store_column_str(st, 1);
	d->kind = store_doc_kind_parse(store_column_peek(st,
	    2));
	if (d->kind < 0)
		d->kind = DOC_AUTRE;
	d->published = store_column_str(st, 3);
}

static void
practice_doc_clear(void *v)
{
	struct store_practice_doc *d = v;

	free(d->title);
	free(d->published);
}

void
store_practice_doc_list_free(struct store_practice_doc *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		practice_doc_clear(&l[i]);
	free(l);
}

int
store_practice_docs(struct store *s, const char *ids,
    struct store_practice_doc **list, size_t *n)
{
	static const char sql[] = "SELECT id, title, kind, published "
	    "FROM doc WHERE id = ?1";
	struct store_practice_doc *l;
	struct store_stmt *st;
	char *copy, *w, *save = NULL;
	size_t cap = 4;
	int r, rc = 0;

	*list = NULL;
	*n = 0;
	l = xcalloc(cap, sizeof(*l));
	copy = xstrdup(ids != NULL ? ids : "");
	for (w = strtok_r(copy, " ", &save); w != NULL && rc == 0;
	    w = strtok_r(NULL, " ", &save)) {
		if (practice_doc_id(w) == 0)
			continue;
		if ((st = store_prepare(s, sql)) == NULL ||
		    store_bind_int64(s, st, 1, practice_doc_id(w)) != 0) {
			store_done(st);
			rc = -1;
			break;
		}
		r = store_step(s, st);
		if (r == STORE_STEP_ROW) {
			if (*n == cap) {
				cap *= 2;
				l = xreallocarray(l, cap, sizeof(*l));
			}
			practice_doc_row(st, &l[(*n)++]);
		} else if (r != STORE_STEP_DONE)
			rc = -1;
		store_done(st);
	}
	free(copy);
	if (rc != 0) {
		store_practice_doc_list_free(l, *n);
		*n = 0;
		return -1;
	}
	*list = l;
	return 0;
}

int
store_practice_by_doc(struct store *s, int64_t doc_id,
    struct store_practice_item **list, size_t *n)
{
	static const char sql[] = "SELECT " PRACTICE_ITEM_COLUMNS
	    " FROM practice_doc pd JOIN practice p ON p.id = pd.practice_id "
	    "JOIN departement d ON d.code = p.departement "
	    "JOIN member a ON a.id = p.author_id "
	    "WHERE pd.doc_id = ?1 AND p.state = 'publiee' "
	    "ORDER BY p.published_at DESC, p.id DESC";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, doc_id) != 0) {
		store_done(st);
		return -1;
	}
	return store_rows(s, st, sizeof(**list), store_practice_item_row,
	    store_practice_item_clear, (void **)list, n);
}
