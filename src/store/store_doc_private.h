/*
 * store_doc_private.h - what the shelf's store files (store_doc.c,
 * store_doc_search.c) share and nobody else sees.
 */
#ifndef PALABRE_STORE_DOC_PRIVATE_H
#define PALABRE_STORE_DOC_PRIVATE_H

#include "store/store_private.h"

/* The columns of a list row: store_doc_row() reads them, then picked. */
#define STORE_DOC_COLUMNS "d.id, d.title, d.kind, d.issuer, d.published, " \
	"d.reference, d.status, d.replaced_by, d.audience, d.summary, " \
	"d.source, d.thread_id, d.added_at, d.updated_at"

/*
 * A struct store_doc_filter as SQL on the document whose id is the SQL
 * expression id: ?1 kind key, ?2 status key, ?3 theme key, ?4 folded
 * issuer (NULL: any), ?5 added after (0: any time), ?6 the member whose
 * selection (0: no); ?8 is the viewer (STORE_DOC_PICKED). Each test
 * asks an index for the set of ids once (built on first use, only when
 * its filter is set) rather than the document's row: a search tests
 * the ids FTS5 gives before it reads any row, so a filter that lets one
 * match in ten through reads 200 rows, not 2,000 (docs/PERFORMANCE.md).
 * The « + » keeps SQLite from driving the query by those sets.
 */
#define STORE_DOC_WHERE_ID(id) "(?1 IS NULL OR +" id " IN (SELECT id " \
	"FROM doc WHERE kind = ?1)) " \
	"AND (?2 IS NULL OR +" id " IN (SELECT id FROM doc " \
	"WHERE status = ?2)) " \
	"AND (?3 IS NULL OR +" id " IN (SELECT doc_id FROM doc_theme " \
	"WHERE theme = ?3)) " \
	"AND (?4 IS NULL OR +" id " IN (SELECT id FROM doc " \
	"WHERE issuer_fold = ?4)) " \
	"AND (?5 = 0 OR +" id " IN (SELECT id FROM doc " \
	"WHERE added_at > ?5)) " \
	"AND (?6 = 0 OR EXISTS (SELECT 1 FROM doc_pick pk " \
	"WHERE pk.member_id = ?6 AND pk.doc_id = " id "))"
#define STORE_DOC_WHERE STORE_DOC_WHERE_ID("d.id")
#define STORE_DOC_PICKED "EXISTS (SELECT 1 FROM doc_pick p " \
	"WHERE p.member_id = ?8 AND p.doc_id = d.id)"

/* Bind f as STORE_DOC_WHERE's ?1 to ?6 and member_id as ?8: 0, -1. */
int	 store_doc_bind_filter(struct store *, struct store_stmt *,
	    const struct store_doc_filter *f, int64_t member_id);
/* Fill the struct store_doc p from a row of STORE_DOC_COLUMNS then
 * STORE_DOC_PICKED; clear it (store_rows' callbacks). */
void	 store_doc_row(struct store_stmt *, void *p);
void	 store_doc_row_clear(void *p);

/* Index the document id from its row (title, metadata, themes, body) and
 * record the meta column in doc.fts_meta; remove it with the values it
 * was indexed with. In the caller's transaction. */
int	 store_doc_index(struct store *, int64_t id);
int	 store_doc_unindex(struct store *, int64_t id);

#endif /* PALABRE_STORE_DOC_PRIVATE_H */
