/*
 * store_practice_private.h - what the practice catalogue's store files
 * (store_practice.c, store_practice_misc.c, store_practice_search.c)
 * share and nobody else sees.
 */
#ifndef PALABRE_STORE_PRACTICE_PRIVATE_H
#define PALABRE_STORE_PRACTICE_PRIVATE_H

#include "store/store_board_private.h"

/* The fields of a record in enum store_practice_field order, from
 * practice p and its contact member c (LEFT JOIN). */
#define PRACTICE_FIELD_COLUMNS "p.title, p.org, p.org_type, p.partners, " \
	"p.departement, p.commune, p.themes, p.public, p.start_date, " \
	"p.end_date, p.context, p.actions, p.means, p.results, " \
	"p.reproduce, COALESCE(c.login, ''), p.contact, " PRACTICE_DOC_IDS

/* A record's documents, ids separated by spaces, in their order. */
#define PRACTICE_DOC_IDS "COALESCE((SELECT group_concat(doc_id, ' ') " \
	"FROM (SELECT pd.doc_id FROM practice_doc pd WHERE " \
	"pd.practice_id = p.id ORDER BY pd.position) AS docs), '')"

/* The same as a JSON object (versions). */
#define PRACTICE_FIELD_JSON "json_object('title', p.title, 'org', p.org, " \
	"'org_type', p.org_type, 'partners', p.partners, 'departement', " \
	"p.departement, 'commune', p.commune, 'themes', p.themes, " \
	"'public', p.public, 'start', p.start_date, 'end', p.end_date, " \
	"'context', p.context, 'actions', p.actions, 'means', p.means, " \
	"'results', p.results, 'reproduce', p.reproduce, 'contact_login', " \
	"COALESCE(c.login, ''), 'contact', p.contact, 'docs', " \
	PRACTICE_DOC_IDS ")"

/* And back, from a JSON column d. */
#define PRACTICE_FIELD_EXTRACT(d) "json_extract(" d ", '$.title'), " \
	"json_extract(" d ", '$.org'), json_extract(" d ", '$.org_type'), " \
	"json_extract(" d ", '$.partners'), " \
	"json_extract(" d ", '$.departement'), " \
	"json_extract(" d ", '$.commune'), json_extract(" d ", '$.themes'), " \
	"json_extract(" d ", '$.public'), json_extract(" d ", '$.start'), " \
	"json_extract(" d ", '$.end'), json_extract(" d ", '$.context'), " \
	"json_extract(" d ", '$.actions'), json_extract(" d ", '$.means'), " \
	"json_extract(" d ", '$.results'), " \
	"json_extract(" d ", '$.reproduce'), " \
	"json_extract(" d ", '$.contact_login'), " \
	"json_extract(" d ", '$.contact'), json_extract(" d ", '$.docs')"

/* "a_valider" -> PRACTICE_A_VALIDER... */
int	 store_practice_state_parse(const char *);
/* State and author of a record: STORE_OK, STORE_NOT_FOUND if none,
 * STORE_ERR. */
int	 store_practice_state_of(struct store *, int64_t id, int *state,
	    int64_t *author);
/* Re-index one record: its row in practice_fts (if published) and the
 * published flags of its themes. Inside a transaction. */
int	 store_practice_reindex(struct store *, int64_t id);
/* Clean a record's document ids as typed into *out (always set):
 * "12 4 31", no repeat. 0, STORE_TOO_MANY if more than
 * STORE_PRACTICE_DOCS_MAX, STORE_INVALID if a word is no document of
 * the shelf, -1. */
int	 store_practice_docs_norm(struct store *, const char *in, char **out);
/* Replace the practice_doc rows of a record by the ids of docs (as
 * normalised). Inside a transaction. */
int	 store_practice_docs_set(struct store *, int64_t id, const char *docs);
/* The columns and row reader of store_practice_item. */
#define PRACTICE_ITEM_COLUMNS "p.id, p.state, p.title, p.org, " \
	"p.org_type, p.departement, d.name, " STORE_AUTHOR_NAME("a") \
	", p.comment, COALESCE(p.published_at, 0), p.updated_at, " \
	"p.submitted_at, p.nfollowers"
void	 store_practice_item_row(struct store_stmt *, void *);
void	 store_practice_item_clear(void *);
/* Fill f[] from n columns starting at col (NULL columns give ""). */
void	 store_practice_fields_read(struct store_stmt *, int col,
	    char *f[PF_NFIELDS]);

#endif /* PALABRE_STORE_PRACTICE_PRIVATE_H */
