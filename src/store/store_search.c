/*
 * store_search.c - full-text search over the visible posts.
 *
 * Invariants: post_fts holds, for each visible post, txt_fold() of its
 * thread's title (opening post only, else "") and of its body, and
 * nothing else; it is contentless, so removing a row needs those very
 * folded values again (store_fts_del folds the same inputs the same
 * way). What a member types never reaches FTS5 as syntax: it is cut
 * into words (letters and digits), each folded and quoted as a phrase
 * with its plural forms (or as a prefix if the member typed « * »),
 * ANDed. Results come newest first, as a forum reads: FTS5 walks its
 * postings in rowid (= time) order and the query stops after max rows
 * that pass the access checks, so a common word costs no more than a
 * rare one. No bm25: ranking needs every match's statistics, 10 to 20 ms
 * for a word found in a third of a million posts. The snippet is cut in
 * C from the original body, on character boundaries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "store/store_board_private.h"
#include "text/txt.h"
#include "util/util.h"

#define SEARCH_FORM_MAX		128	/* bytes of a word's plural form */
#define SNIPPET_MAX		160	/* bytes of body in a snippet */
#define SNIPPET_BEFORE		50	/* of which before the first match */

static int	 store_word_next(const char *, size_t, size_t *, size_t *,
		    size_t *);
static size_t	 store_word_forms(const char *, char [3][SEARCH_FORM_MAX]);
static void	 store_fts_quote(struct buf *, const char *);
static int	 store_word_matches(const struct store_words *, const char *,
		    size_t);
static int	 store_line_may_match(const struct store_words *,
		    const char *, size_t);
static size_t	 store_char_start(const char *, size_t);
static int	 store_fts_write(struct store *, int, int64_t, const char *,
		    const char *);

/* Index a visible post. */
int
store_fts_add(struct store *s, int64_t post_id, const char *title,
    const char *body)
{
	return store_fts_write(s, 0, post_id, title, body);
}

/* Remove a post from the index (the values it was indexed with). */
int
store_fts_del(struct store *s, int64_t post_id, const char *title,
    const char *body)
{
	return store_fts_write(s, 1, post_id, title, body);
}

/* Insert or delete (del) one row of post_fts from the unfolded texts. */
static int
store_fts_write(struct store *s, int del, int64_t post_id,
    const char *title, const char *body)
{
	static const char add[] = "INSERT INTO post_fts (rowid, title, body) "
	    "VALUES (?1, ?2, ?3)";
	static const char rm[] = "INSERT INTO post_fts (post_fts, rowid, "
	    "title, body) VALUES ('delete', ?1, ?2, ?3)";
	struct store_stmt *st;
	char *ft, *fb;
	int rc = -1;

	ft = txt_fold(title != NULL ? title : "");
	fb = txt_fold(body != NULL ? body : "");
	if ((st = store_prepare(s, del ? rm : add)) == NULL)
		goto out;
	if (store_bind_int64(s, st, 1, post_id) != 0 ||
	    store_bind_text(s, st, 2, ft) != 0 ||
	    store_bind_text(s, st, 3, fb) != 0) {
		store_done(st);
		goto out;
	}
	rc = store_run(s, st) == 0 ? 0 : -1;
out:
	free(ft);
	free(fb);
	return rc;
}

/*
 * The next word (a run of letters, digits and marks) of s[0..n) from
 * *off: 1 with [*start, *start + *len) set and *off after it, 0 at the
 * end. Invalid bytes separate words.
 */
static int
store_word_next(const char *s, size_t n, size_t *off, size_t *start,
    size_t *len)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	size_t i = *off, b = 0;
	int k, in = 0;

	while (i < n) {
		k = u8_mbtouc(&uc, p + i, n - i);
		if (k <= 0)
			k = 1;
		if (uc != 0xfffd && (uc_is_alnum(uc) ||
		    uc_is_general_category(uc, UC_CATEGORY_M))) {
			if (!in)
				b = i;
			in = 1;
		} else if (in)
			break;
		i += (size_t)k;
	}
	*off = i;
	if (!in)
		return 0;
	*start = b;
	*len = i - b;
	return 1;
}

/* Cut a query into folded words, dropping empty ones. */
void
store_words_split(const char *q, struct store_words *w)
{
	size_t off = 0, n = strlen(q), b, len;
	char *word, *f;

	memset(w, 0, sizeof(*w));
	while (w->n < SEARCH_WORDS_MAX && store_word_next(q, n, &off, &b,
	    &len)) {
		word = xstrndup(q + b, len);
		f = txt_fold(word);
		free(word);
		if (*f == '\0') {
			free(f);
			continue;
		}
		w->prefix[w->n] = b + len < n && q[b + len] == '*';
		w->w[w->n++] = f;
	}
}

void
store_words_clear(struct store_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
	memset(w, 0, sizeof(*w));
}

/* A word's plural forms: « s » or « x » added, « al » → « aux ». */
static size_t
store_word_forms(const char *w, char forms[3][SEARCH_FORM_MAX])
{
	size_t len = strlen(w), n = 0;

	if (len + 4 > SEARCH_FORM_MAX)
		return 0;
	if (len > 0 && strchr("sxz", w[len - 1]) == NULL) {
		snprintf(forms[n++], SEARCH_FORM_MAX, "%ss", w);
		snprintf(forms[n++], SEARCH_FORM_MAX, "%sx", w);
	}
	if (len > 2 && strcmp(w + len - 2, "al") == 0)
		snprintf(forms[n++], SEARCH_FORM_MAX, "%.*saux", (int)len - 2,
		    w);
	return n;
}

/* One quoted FTS5 string, quotes doubled. */
static void
store_fts_quote(struct buf *b, const char *w)
{
	const char *p;

	buf_adds(b, "\"");
	for (p = w; *p != '\0'; p++) {
		if (*p == '"')
			buf_adds(b, "\"");
		buf_add(b, p, 1);
	}
	buf_adds(b, "\"");
}

/*
 * The FTS5 expression, words ANDed: a word as typed or in its plural
 * forms (« logement » finds « logements », « journal » « journaux »), or
 * as a prefix when the member ended it with « * » (« domicil* »). Exact
 * tokens are read in rowid order and stopped early; a prefix has to merge
 * the postings of every token it starts, so it is only done on request.
 */
char *
store_words_match(const struct store_words *w)
{
	char forms[3][SEARCH_FORM_MAX];
	struct buf b;
	size_t i, j, nf;

	buf_init(&b);
	for (i = 0; i < w->n; i++) {
		if (i > 0)
			buf_adds(&b, " AND ");
		if (w->prefix[i]) {
			store_fts_quote(&b, w->w[i]);
			buf_adds(&b, "*");
			continue;
		}
		nf = store_word_forms(w->w[i], forms);
		buf_adds(&b, "(");
		store_fts_quote(&b, w->w[i]);
		for (j = 0; j < nf; j++) {
			buf_adds(&b, " OR ");
			store_fts_quote(&b, forms[j]);
		}
		buf_adds(&b, ")");
	}
	return buf_detach(&b);
}

/* 1 if the fold of word (len bytes) is one of the words (or a plural
 * form of it, or starts with it for a prefix): the words to mark. */
static int
store_word_matches(const struct store_words *w, const char *word,
    size_t len)
{
	char forms[3][SEARCH_FORM_MAX];
	char *copy, *f;
	size_t i, j, nf;
	int hit = 0;

	copy = xstrndup(word, len);
	f = txt_fold(copy);
	for (i = 0; i < w->n && !hit; i++) {
		if (w->prefix[i]) {
			hit = strncmp(f, w->w[i], strlen(w->w[i])) == 0;
			continue;
		}
		hit = strcmp(f, w->w[i]) == 0;
		nf = store_word_forms(w->w[i], forms);
		for (j = 0; j < nf && !hit; j++)
			hit = strcmp(f, forms[j]) == 0;
	}
	free(f);
	free(copy);
	return hit;
}

/* Cheap test before looking at words: does the folded line contain one
 * of the words at all? */
static int
store_line_may_match(const struct store_words *w, const char *line,
    size_t len)
{
	char *copy, *f;
	size_t i;
	int hit = 0;

	copy = xstrndup(line, len);
	f = txt_fold(copy);
	for (i = 0; i < w->n && !hit; i++)
		hit = strstr(f, w->w[i]) != NULL;
	free(f);
	free(copy);
	return hit;
}

/* Back from off to the start of its UTF-8 character. */
static size_t
store_char_start(const char *s, size_t off)
{
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80)
		off--;
	return off;
}

/*
 * The line of body holding the first matching word (else the first
 * line), cut to a window of about SNIPPET_MAX bytes around that word,
 * matched words between "[" and "]".
 */
char *
store_snippet(const struct store_words *w, const char *body)
{
	struct buf b;
	const char *line = NULL, *p, *nl;
	size_t len = 0, n, off, ws, wl, match = 0, from, to, i;
	int found = 0;

	for (p = body; *p != '\0' && !found; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		n = (size_t)(nl - p);
		if (line == NULL && p[strspn(p, " ")] != '\n' &&
		    p[strspn(p, " ")] != '\0') {
			line = p;
			len = n;
		}
		if (!store_line_may_match(w, p, n))
			continue;
		off = 0;
		while (store_word_next(p, n, &off, &ws, &wl)) {
			if (store_word_matches(w, p + ws, wl)) {
				line = p;
				len = n;
				match = ws;
				found = 1;
				break;
			}
		}
	}
	if (line == NULL)
		return xstrdup("");

	from = 0;
	to = len;
	if (len > SNIPPET_MAX) {
		if (match > SNIPPET_BEFORE) {
			from = store_char_start(line, match - SNIPPET_BEFORE);
			/* Start on a word if one begins soon. */
			for (i = from; i < match && i < from + 20; i++) {
				if (line[i] == ' ') {
					from = i + 1;
					break;
				}
			}
		}
		if (len - from > SNIPPET_MAX) {
			to = store_char_start(line, from + SNIPPET_MAX);
			for (i = to; i > from + SNIPPET_MAX - 20; i--) {
				if (line[i] == ' ') {
					to = i;
					break;
				}
			}
		}
	}

	buf_init(&b);
	if (from > 0)
		buf_adds(&b, "…");
	off = from;
	i = from;
	while (store_word_next(line, to, &off, &ws, &wl)) {
		if (!store_word_matches(w, line + ws, wl))
			continue;
		buf_add(&b, line + i, ws - i);
		buf_adds(&b, "[");
		buf_add(&b, line + ws, wl);
		buf_adds(&b, "]");
		i = ws + wl;
	}
	buf_add(&b, line + i, to - i);
	if (to < len)
		buf_adds(&b, "…");
	return buf_detach(&b);
}

static void
store_hit_clear_v(void *p)
{
	struct store_hit *h = p;

	free(h->board_title);
	free(h->thread_title);
	free(h->author_name);
	free(h->snippet);
}

void
store_hit_list_free(struct store_hit *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), store_hit_clear_v);
}

/* Search the visible posts of the boards viewer may read. */
int
store_search(struct store *s, const struct store_viewer *v,
    const char *query, size_t max, struct store_hit **list, size_t *n)
{
	/* Driven by FTS5 in rowid (= time) order, newest first, and
	 * stopped after max rows that pass the checks: no sort. */
	static const char sql[] = "SELECT p.id, p.thread_id, p.board_id, "
	    "b.title, CASE WHEN " STORE_OPENING_HIDDEN("t") " = 1 THEN '"
	    STORE_HIDDEN_TITLE "' ELSE t.title END, " STORE_AUTHOR_NAME("a")
	    ", p.created_at, "
	    "p.body FROM post_fts f JOIN post p ON p.id = f.rowid "
	    "JOIN thread t ON t.id = p.thread_id "
	    "JOIN board b ON b.id = p.board_id "
	    "JOIN member a ON a.id = p.author_id "
	    "WHERE post_fts MATCH ?1 AND p.hidden_at IS NULL "
	    "AND t.state = 'publie' AND b.archived_at IS NULL AND "
	    "((CASE b.read_role "
	    "WHEN 'invite' THEN 0 WHEN 'moderateur' THEN 2 "
	    "WHEN 'sysop' THEN 3 WHEN 'membre' THEN 1 "
	    "WHEN 'documentaliste' THEN 1 WHEN 'organisateur' THEN 1 "
	    "ELSE 3 END) <= ?2 OR (?2 > 0 AND instr(' ' || b.moderators || "
	    "' ', ' ' || ?4 || ' ') > 0)) "
	    "ORDER BY f.rowid DESC LIMIT ?3";
	struct store_words w;
	struct store_hit *l = NULL, *h;
	struct store_stmt *st;
	const char *body;
	char *match;
	size_t count = 0, cap = 0;
	int r;

	*list = NULL;
	*n = 0;
	store_words_split(query != NULL ? query : "", &w);
	if (w.n == 0)
		return STORE_EMPTY;
	match = store_words_match(&w);
	if ((st = store_prepare(s, sql)) == NULL) {
		r = -1;
		goto out;
	}
	if (store_bind_text(s, st, 1, match) != 0 ||
	    store_bind_int64(s, st, 2, store_role_rank(v->role)) != 0 ||
	    store_bind_int64(s, st, 3, max == 0 || max > INT64_MAX ? -1 :
	    (int64_t)max) != 0 ||
	    store_bind_text(s, st, 4, v->login != NULL ? v->login : "") != 0) {
		store_done(st);
		r = -1;
		goto out;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		if (count == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			l = xreallocarray(l, cap, sizeof(*l));
		}
		h = &l[count++];
		memset(h, 0, sizeof(*h));
		h->post_id = store_column_int64(st, 0);
		h->thread_id = store_column_int64(st, 1);
		h->board_id = store_column_int64(st, 2);
		h->board_title = store_column_str(st, 3);
		h->thread_title = store_column_str(st, 4);
		h->author_name = store_column_str(st, 5);
		h->created_at = store_column_int64(st, 6);
		body = store_column_peek(st, 7);
		h->snippet = store_snippet(&w, body != NULL ? body : "");
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		store_hit_list_free(l, count);
		r = -1;
		goto out;
	}
	*list = l;
	*n = count;
	r = 0;
out:
	free(match);
	store_words_clear(&w);
	return r;
}
