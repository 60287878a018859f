/*
 * store_practice_search.c - full-text search over the published practice
 * records, within the browsing filters.
 *
 * The boards' query words (store_search.c: folded, each word or its
 * plural forms, a prefix only when typed with « * », ANDed, never FTS
 * syntax) on the catalogue's own index. Newest first: FTS5 gives the
 * matches in rowid order, the filters are checked as they come, and the
 * query stops when the page is full, so a filter never hides a match
 * (every record of the 93 with « logement » is found) and a common word
 * costs no more than the page. The snippet is the first line of the
 * record's text (any field) holding a matching word, the words found
 * between « [ » and « ] ».
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_practice_private.h"
#include "text/txt.h"
#include "util/util.h"

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
	    "FROM practice_fts m JOIN practice p ON p.id = m.rowid "
	    "JOIN departement d ON d.code = p.departement "
	    "JOIN member a ON a.id = p.author_id "
	    "WHERE practice_fts MATCH ?5 AND p.state = 'publiee' "
	    "AND (?1 = '' OR p.departement = ?1) "
	    "AND (?2 = '' OR p.region = ?2) "
	    "AND (?3 = '' OR p.org_type = ?3) "
	    "AND (?4 = '' OR EXISTS (SELECT 1 FROM practice_theme t "
	    "WHERE t.theme = ?4 AND t.practice_id = p.id)) "
	    "ORDER BY m.rowid DESC LIMIT ?6";
	static const struct store_practice_filter none;
	struct store_practice_item *l = NULL, *it;
	struct store_words w;
	struct store_stmt *st;
	const char *text;
	char *match;
	size_t count = 0, cap = 0;
	int r;

	*list = NULL;
	*n = 0;
	if (f == NULL)
		f = &none;
	store_words_split(query != NULL ? query : "", &w);
	if (w.n == 0)
		return STORE_EMPTY;
	match = store_words_match(&w);
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
		text = store_column_peek(st, 14);
		it->snippet = store_snippet(&w, text != NULL ? text : "");
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
	store_words_clear(&w);
	return r;
}
