/*
 * store_doc_search.c - the shelf's full-text index and search.
 *
 * Invariants: doc_fts holds, for each document, txt_fold() of its title,
 * of its metadata (kind label, issuer, reference, theme labels, readers,
 * summary: doc.fts_meta keeps that folded column as indexed) and of its
 * body, and nothing else. Contentless, so a row is removed with those
 * very values: the title and body fold again from the row, the metadata
 * comes from doc.fts_meta (a theme label edited in between would not
 * fold to the same text). doc_fts_head holds the same title and meta
 * columns, without the body, written and removed with doc_fts from the
 * same values. What a member types never reaches FTS5 as syntax
 * (store_words_split, shared with the boards' search).
 *
 * A search returns three tiers, best first: the documents with every
 * word in the title, then with every word in the title and the metadata
 * together, then the others (a word in the text); in each tier the
 * newest added first (doc.id: documents are never deleted, so the id
 * is the order of addition). Each tier is one FTS5 query with a column
 * filter, disjoint from the others by NOT, read in rowid order and
 * stopped once the limit is reached with the filters passed: a common
 * word costs about what a rare one does. The first two tiers ask
 * doc_fts_head: asked of doc_fts, a column filter reads the positions
 * in the bodies too (1.7 ms of CPU a tier for « article » on 20,000
 * documents, 0.1 ms from doc_fts_head). No
 * bm25: it reads every
 * match's positions and sizes before it can sort (27 ms of CPU for a
 * word found in 19,940 documents, then every match's row read), and it
 * ranked a short text mentioning a word once above a document with the
 * word in its title (its idf is about nil for a word in most documents,
 * and a short text weighs more). The bodies are read for snippets only
 * for the rows a member sees (store_doc_snippets), and only their first
 * 16 KiB: 200 snippets cost more than the search itself
 * (docs/PERFORMANCE.md), and a screen shows ten.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_doc_private.h"
#include "text/txt.h"
#include "util/util.h"

#define DOC_SNIPPET_SCAN	(16 * 1024)	/* bytes of body looked at */
#define DOC_TIERS		3		/* title, metadata, text */

static char	*doc_meta(struct store *, int64_t, struct store_stmt *);
static int	 doc_fts_write(struct store *, int, int64_t, const char *,
		    const char *, const char *);
static char	*doc_snippet(const struct store_words *, const char *,
		    const char *);
static void	 doc_snippet_tidy(char *);
static char	*doc_body_prefix(struct store *, int64_t);
static char	*doc_tier_match(const char *, int);

/* Write (or delete: del) one row of doc_fts and of doc_fts_head: folded
 * title and body, meta already folded. */
static int
doc_fts_write(struct store *s, int del, int64_t id, const char *title,
    const char *meta, const char *body)
{
	static const char add[] = "INSERT INTO doc_fts (rowid, title, meta, "
	    "body) VALUES (?1, ?2, ?3, ?4)";
	static const char rm[] = "INSERT INTO doc_fts (doc_fts, rowid, title, "
	    "meta, body) VALUES ('delete', ?1, ?2, ?3, ?4)";
	static const char head_add[] = "INSERT INTO doc_fts_head (rowid, "
	    "title, meta) VALUES (?1, ?2, ?3)";
	static const char head_rm[] = "INSERT INTO doc_fts_head (doc_fts_head, "
	    "rowid, title, meta) VALUES ('delete', ?1, ?2, ?3)";
	struct store_stmt *st;
	char *ft, *fb;
	int r = -1;

	ft = txt_fold(title);
	fb = txt_fold(body);
	if ((st = store_prepare(s, del ? rm : add)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_text(s, st, 2, ft) != 0 ||
	    store_bind_text(s, st, 3, meta) != 0 ||
	    store_bind_text(s, st, 4, fb) != 0) {
		store_done(st);
		goto out;
	}
	if (store_run(s, st) != 0)
		goto out;
	if ((st = store_prepare(s, del ? head_rm : head_add)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_text(s, st, 2, ft) != 0 ||
	    store_bind_text(s, st, 3, meta) != 0) {
		store_done(st);
		goto out;
	}
	r = store_run(s, st) == 0 ? 0 : -1;
out:
	free(ft);
	free(fb);
	return r;
}

/* The folded meta column of a document from its row (st: columns 1..6
 * of the index query) and its themes. */
static char *
doc_meta(struct store *s, int64_t id, struct store_stmt *row)
{
	static const char themes[] = "SELECT t.label FROM doc_theme dt "
	    "JOIN theme t ON t.key = dt.theme WHERE dt.doc_id = ?1";
	struct store_stmt *st;
	struct buf b;
	const char *v;
	char *meta, *f;
	int i;

	buf_init(&b);
	buf_adds(&b, store_doc_kind_label(store_doc_kind_parse(
	    store_column_peek(row, 1))));
	for (i = 2; i <= 5; i++) {
		buf_adds(&b, "\n");
		if ((v = store_column_peek(row, i)) != NULL)
			buf_adds(&b, v);
	}
	if ((st = store_prepare(s, themes)) != NULL) {
		if (store_bind_int64(s, st, 1, id) == 0) {
			while (store_step(s, st) == STORE_STEP_ROW) {
				buf_adds(&b, "\n");
				buf_adds(&b,
				    store_column_peek(st, 0));
			}
		}
		store_done(st);
	}
	meta = buf_detach(&b);
	f = txt_fold(meta);
	free(meta);
	return f;
}

int
store_doc_index(struct store *s, int64_t id)
{
	static const char sql[] = "SELECT d.title, d.kind, d.issuer, "
	    "d.reference, d.audience, d.summary, x.body FROM doc d "
	    "JOIN doc_text x ON x.doc_id = d.id WHERE d.id = ?1";
	static const char keep[] = "UPDATE doc SET fts_meta = ?2 "
	    "WHERE id = ?1";
	struct store_stmt *st;
	char *title = NULL, *body = NULL, *meta = NULL;
	int r = -1;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_step(s, st) != STORE_STEP_ROW) {
		store_done(st);
		return -1;
	}
	title = store_column_str(st, 0);
	body = store_column_str(st, 6);
	/* doc_meta prepares another statement: st stays open meanwhile. */
	meta = doc_meta(s, id, st);
	store_done(st);
	if (doc_fts_write(s, 0, id, title, meta, body) != 0)
		goto out;
	if ((st = store_prepare(s, keep)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_text(s, st, 2, meta) != 0 ||
	    store_run(s, st) != 0)
		goto out;
	r = 0;
out:
	free(title);
	free(body);
	free(meta);
	return r;
}

int
store_doc_unindex(struct store *s, int64_t id)
{
	static const char sql[] = "SELECT d.title, d.fts_meta, x.body "
	    "FROM doc d JOIN doc_text x ON x.doc_id = d.id WHERE d.id = ?1";
	struct store_stmt *st;
	char *title, *meta, *body;
	int r;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_step(s, st) != STORE_STEP_ROW) {
		store_done(st);
		return -1;
	}
	title = store_column_str(st, 0);
	meta = store_column_str(st, 1);
	body = store_column_str(st, 2);
	store_done(st);
	r = doc_fts_write(s, 1, id, title, meta, body);
	free(title);
	free(meta);
	free(body);
	return r;
}

/*
 * The first DOC_SNIPPET_SCAN bytes of a body, cut on a character: one
 * byte more is read to tell whether the last one kept ends a character.
 */
static char *
doc_body_prefix(struct store *s, int64_t id)
{
	char *body;
	int n;

	body = store_text_head(s, "doc_text", "doc_id", "body", id,
	    DOC_SNIPPET_SCAN + 1, &n);
	if (n > DOC_SNIPPET_SCAN) {
		n = DOC_SNIPPET_SCAN;
		while (n > 0 && ((unsigned char)body[n] & 0xc0) == 0x80)
			n--;
		body[n] = '\0';
	}
	return body;
}

/* Markdown marks out of a snippet: heading hashes, list bullets, the
 * backslashes of escaped punctuation. */
static void
doc_snippet_tidy(char *s)
{
	char *r = s, *w = s;

	if (*r == '#') {
		r += strspn(r, "#");
		r += strspn(r, " ");
	} else if ((r[0] == '-' || r[0] == '*') && r[1] == ' ')
		r += 2;
	for (; *r != '\0'; r++) {
		if (r[0] == '\\' && r[1] != '\0' && strchr("\\`*_{}[]()#+-.!<>|~&",
		    r[1]) != NULL)
			r++;
		else if (r[0] == '*' && r[1] == '*') {
			r++;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
}

/* A snippet from the body, else from the summary when only the
 * metadata matched. */
static char *
doc_snippet(const struct store_words *w, const char *body,
    const char *summary)
{
	char *sn, *alt;

	sn = store_snippet(w, body);
	if (strchr(sn, '[') == NULL && summary[0] != '\0') {
		alt = store_snippet(w, summary);
		if (strchr(alt, '[') != NULL || sn[0] == '\0') {
			free(sn);
			sn = alt;
		} else
			free(alt);
	}
	doc_snippet_tidy(sn);
	return sn;
}

/*
 * The FTS5 expression of a tier of the results, best first, from the
 * words' expression x: 0, every word in the title; 1, every word in the
 * title and the metadata, not all in the title (both asked of
 * doc_fts_head); 2, the others, a word in the text (asked of doc_fts).
 * Disjoint, so that each document comes once.
 */
static char *
doc_tier_match(const char *x, int tier)
{
	struct buf b;

	buf_init(&b);
	if (tier == 0)
		buf_printf(&b, "{title} : (%s)", x);
	else if (tier == 1)
		buf_printf(&b, "(%s) NOT ({title} : (%s))", x, x);
	else
		buf_printf(&b, "(%s) NOT ({title meta} : (%s))", x, x);
	return buf_detach(&b);
}

int
store_doc_search(struct store *s, int64_t member_id,
    const struct store_doc_filter *f, const char *query, size_t max,
    struct store_doc **list, size_t *n)
{
	static const char head[] = "SELECT " STORE_DOC_COLUMNS ", "
	    STORE_DOC_PICKED " FROM doc_fts_head JOIN doc d ON d.id = "
	    "doc_fts_head.rowid WHERE doc_fts_head MATCH ?7 AND "
	    STORE_DOC_WHERE_ID("doc_fts_head.rowid")
	    " ORDER BY doc_fts_head.rowid DESC LIMIT ?9";
	static const char text[] = "SELECT " STORE_DOC_COLUMNS ", "
	    STORE_DOC_PICKED " FROM doc_fts JOIN doc d ON d.id = "
	    "doc_fts.rowid WHERE doc_fts MATCH ?7 AND "
	    STORE_DOC_WHERE_ID("doc_fts.rowid")
	    " ORDER BY doc_fts.rowid DESC LIMIT ?9";
	struct store_words w;
	struct store_doc *l = NULL, *t;
	struct store_stmt *st;
	size_t count = 0, k;
	char *x, *match;
	int tier, r = 0;

	*list = NULL;
	*n = 0;
	store_words_split(query != NULL ? query : "", &w);
	if (w.n == 0)
		return STORE_EMPTY;
	x = store_words_match(&w);
	for (tier = 0; tier < DOC_TIERS && r == 0 &&
	    (max == 0 || count < max); tier++) {
		match = doc_tier_match(x, tier);
		r = -1;
		if ((st = store_prepare(s, tier < 2 ? head : text)) == NULL) {
			free(match);
			break;
		}
		if (store_doc_bind_filter(s, st, f, member_id) != 0 ||
		    store_bind_text(s, st, 7, match) != 0 ||
		    store_bind_int64(s, st, 9, max == 0 || max > INT64_MAX ?
		    -1 : (int64_t)(max - count)) != 0)
			store_done(st);
		else if (store_rows(s, st, sizeof(*t), store_doc_row,
		    store_doc_row_clear, (void **)&t, &k) == 0) {
			if (k > 0) {
				l = xreallocarray(l, count + k, sizeof(*l));
				memcpy(l + count, t, k * sizeof(*t));
				count += k;
			}
			free(t);
			r = 0;
		}
		free(match);
	}
	free(x);
	store_words_clear(&w);
	if (r != 0) {
		store_doc_list_free(l, count);
		return -1;
	}
	*list = l;
	*n = count;
	return 0;
}

/* Snippets of the rows shown (see store_doc.h). */
void
store_doc_snippets(struct store *s, const char *query, struct store_doc *l,
    size_t n)
{
	struct store_words w;
	size_t i;
	char *body;

	store_words_split(query != NULL ? query : "", &w);
	for (i = 0; i < n; i++) {
		if (l[i].snippet != NULL)
			continue;
		body = doc_body_prefix(s, l[i].id);
		l[i].snippet = doc_snippet(&w, body, l[i].summary != NULL ?
		    l[i].summary : "");
		free(body);
	}
	store_words_clear(&w);
}
