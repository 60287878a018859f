/*
 * store_practice_search.c - full-text search over the published practice
 * records, within the browsing filters.
 *
 * The approach of store_search.c (the boards' search), on its own index:
 * what a member types never reaches FTS5 as syntax; it is cut into words
 * (letters, digits, marks), each folded (txt_fold) and quoted as a phrase
 * with a prefix star, ANDed. Only the newest SEARCH_CANDIDATES matches
 * are ranked (bm25), so a word found in every record costs no more than
 * a rare one. The snippet is the first line of the record's text (any
 * field) holding a matching word, cut around it on character boundaries,
 * the words found between « [ » and « ] ».
 */
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "store/store_practice_private.h"
#include "text/txt.h"
#include "util/util.h"

#define SEARCH_WORDS_MAX	16	/* words of a query kept */
#define SEARCH_CANDIDATES	"500"
#define SNIPPET_MAX		160	/* bytes of text in a snippet */
#define SNIPPET_BEFORE		50	/* of which before the first match */

struct words {
	char	*w[SEARCH_WORDS_MAX];
	size_t	 n;
};

static int	 word_next(const char *, size_t, size_t *, size_t *, size_t *);
static void	 words_split(const char *, struct words *);
static void	 words_clear(struct words *);
static char	*words_match(const struct words *);
static int	 word_matches(const struct words *, const char *, size_t);
static char	*snippet(const struct words *, const char *);
static size_t	 char_start(const char *, size_t);

/* The next word of s[0..n) from *off: 1 with [*start, +*len), else 0. */
static int
word_next(const char *s, size_t n, size_t *off, size_t *start, size_t *len)
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

static void
words_split(const char *q, struct words *w)
{
	size_t off = 0, n = strlen(q), b, len;
	char *word, *f;

	memset(w, 0, sizeof(*w));
	while (w->n < SEARCH_WORDS_MAX && word_next(q, n, &off, &b, &len)) {
		word = xstrndup(q + b, len);
		f = txt_fold(word);
		free(word);
		if (*f == '\0') {
			free(f);
			continue;
		}
		w->w[w->n++] = f;
	}
}

static void
words_clear(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
	memset(w, 0, sizeof(*w));
}

/* "w1"* AND "w2"* ..., quotes doubled. */
static char *
words_match(const struct words *w)
{
	struct buf b;
	const char *p;
	size_t i;

	buf_init(&b);
	for (i = 0; i < w->n; i++) {
		buf_adds(&b, i > 0 ? " AND \"" : "\"");
		for (p = w->w[i]; *p != '\0'; p++) {
			if (*p == '"')
				buf_adds(&b, "\"");
			buf_add(&b, p, 1);
		}
		buf_adds(&b, "\"*");
	}
	return buf_detach(&b);
}

/* 1 if the fold of word starts with one of the words. */
static int
word_matches(const struct words *w, const char *word, size_t len)
{
	char *copy, *f;
	size_t i;
	int hit = 0;

	copy = xstrndup(word, len);
	f = txt_fold(copy);
	for (i = 0; i < w->n && !hit; i++)
		hit = strncmp(f, w->w[i], strlen(w->w[i])) == 0;
	free(f);
	free(copy);
	return hit;
}

static size_t
char_start(const char *s, size_t off)
{
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80)
		off--;
	return off;
}

/* The first line of text with a matching word, cut around it. */
static char *
snippet(const struct words *w, const char *text)
{
	struct buf b;
	const char *line = NULL, *p, *nl;
	size_t len = 0, n, off, ws, wl, match = 0, from, to, i;
	int found = 0;

	for (p = text; *p != '\0' && !found; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		n = (size_t)(nl - p);
		off = 0;
		while (word_next(p, n, &off, &ws, &wl)) {
			if (word_matches(w, p + ws, wl)) {
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
			from = char_start(line, match - SNIPPET_BEFORE);
			for (i = from; i < match && i < from + 20; i++) {
				if (line[i] == ' ') {
					from = i + 1;
					break;
				}
			}
		}
		if (len - from > SNIPPET_MAX) {
			to = char_start(line, from + SNIPPET_MAX);
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
	off = i = from;
	while (word_next(line, to, &off, &ws, &wl)) {
		if (!word_matches(w, line + ws, wl))
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

int
store_practice_search(struct store *s, const char *query,
    const struct store_practice_filter *f, size_t max,
    struct store_practice_item **list, size_t *n)
{
	static const char sql[] = "SELECT p.id, p.state, p.title, p.org, "
	    "p.org_type, p.departement, d.name, "
	    STORE_AUTHOR_NAME("a") ", p.comment, "
	    "COALESCE(p.published_at, 0), p.updated_at, p.submitted_at, "
	    "p.nfollowers, 0, p.title || char(10) || p.org || char(10) || "
	    "p.partners || char(10) || p.commune || char(10) || d.name || "
	    "char(10) || p.public || char(10) || p.context || char(10) || "
	    "p.actions || char(10) || p.means || char(10) || p.results || "
	    "char(10) || p.reproduce || char(10) || p.contact "
	    "FROM (SELECT rowid, rank FROM practice_fts "
	    "WHERE practice_fts MATCH ?5 ORDER BY rowid DESC "
	    "LIMIT " SEARCH_CANDIDATES ") m JOIN practice p ON p.id = m.rowid "
	    "JOIN departement d ON d.code = p.departement "
	    "JOIN member a ON a.id = p.author_id "
	    "WHERE p.state = 'publiee' "
	    "AND (?1 = '' OR p.departement = ?1) "
	    "AND (?2 = '' OR p.region = ?2) "
	    "AND (?3 = '' OR p.org_type = ?3) "
	    "AND (?4 = '' OR EXISTS (SELECT 1 FROM practice_theme t "
	    "WHERE t.theme = ?4 AND t.practice_id = p.id)) "
	    "ORDER BY m.rank, p.id DESC LIMIT ?6";
	static const struct store_practice_filter none;
	struct store_practice_item *l = NULL, *it;
	struct words w;
	sqlite3_stmt *st;
	const char *text;
	char *match;
	size_t count = 0, cap = 0;
	int r;

	*list = NULL;
	*n = 0;
	if (f == NULL)
		f = &none;
	words_split(query != NULL ? query : "", &w);
	if (w.n == 0)
		return 1;
	match = words_match(&w);
	r = -1;
	if ((st = store_prepare(s, sql)) == NULL)
		goto out;
	if (store_bind_text(s, st, 1, f->departement != NULL ?
	    f->departement : "") != 0 ||
	    store_bind_text(s, st, 2, f->region != NULL ? f->region : "") != 0 ||
	    store_bind_text(s, st, 3, f->org_type != NULL ? f->org_type :
	    "") != 0 ||
	    store_bind_text(s, st, 4, f->theme != NULL ? f->theme : "") != 0 ||
	    store_bind_text(s, st, 5, match) != 0 ||
	    store_bind_int64(s, st, 6, max == 0 ? -1 : (int64_t)max) != 0) {
		store_done(st);
		goto out;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		if (count == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			l = xreallocarray(l, cap, sizeof(*l));
		}
		it = &l[count++];
		memset(it, 0, sizeof(*it));
		it->id = sqlite3_column_int64(st, 0);
		it->state = store_practice_state_parse((const char *)
		    sqlite3_column_text(st, 1));
		it->title = store_column_str(st, 2);
		it->org = store_column_str(st, 3);
		it->org_type = store_column_str(st, 4);
		it->departement = store_column_str(st, 5);
		it->departement_name = store_column_str(st, 6);
		it->author_name = store_column_str(st, 7);
		it->comment = store_column_str(st, 8);
		it->published_at = sqlite3_column_int64(st, 9);
		it->updated_at = sqlite3_column_int64(st, 10);
		it->submitted_at = sqlite3_column_int64(st, 11);
		it->nfollowers = sqlite3_column_int64(st, 12);
		text = (const char *)sqlite3_column_text(st, 14);
		it->snippet = snippet(&w, text != NULL ? text : "");
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		store_practice_item_list_free(l, count);
		r = -1;
		goto out;
	}
	*list = l;
	*n = count;
	r = 0;
out:
	free(match);
	words_clear(&w);
	return r;
}
