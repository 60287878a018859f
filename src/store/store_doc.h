/*
 * store_doc.h - the document shelf (bibliothèque): laws, decrees,
 * circulars, notes, studies, reports and guides; their themes (the
 * theme table of db/0003); each member's « ma sélection »; full-text
 * search. Included by store.h; implemented in store_doc.c (documents,
 * lists, selection, discussion) and store_doc_search.c (the index and
 * search).
 *
 * Model (db/0004_shelf.sql):
 * - A document has metadata (title, kind, issuer, publication date as
 *   text 'AAAA-MM-JJ', official reference, status, intended readers,
 *   summary, themes) and a body in Markdown (imports of .txt and .pdf
 *   are turned into Markdown first: src/text/txt_import.c).
 * - Identity for re-imports: the file it came from (source, an absolute
 *   path) or its official reference reduced to capital letters and
 *   digits (ref_key: « NOR : INTV2301234C » and « intv2301234c » are
 *   one key). Saving a document whose source or reference is already
 *   on the shelf updates that row; nothing is ever duplicated.
 * - Status « remplacé par » points to another document of the shelf.
 * - The discussion of a document is a thread on a board (the caller
 *   names the board's key), created with the first comment; the
 *   document keeps its id.
 * - Search indexes txt_fold() of the title, of the metadata (kind,
 *   issuer, reference, theme labels, readers, summary) and of the body
 *   in FTS5: case- and accent-insensitive, words ANDed (plural forms,
 *   or prefixes when typed with « * »); every word in the title first,
 *   then in the title and metadata, then the others, newest added first
 *   within each (store_doc_search.c).
 *
 * Who may change the shelf is the caller's business (documentalistes
 * and sysops: store_doc_can_curate()); every change goes to the audit
 * log.
 */
#ifndef PALABRE_STORE_DOC_H
#define PALABRE_STORE_DOC_H

#include <stddef.h>
#include <stdint.h>

#define STORE_DOC_TITLE_MAX	300	/* bytes */
#define STORE_DOC_META_MAX	300	/* issuer, reference, readers */
#define STORE_DOC_SUMMARY_MAX	4000
#define STORE_DOC_BODY_MAX	(4 * 1024 * 1024 - 1024)

enum store_doc_kind {
	DOC_LOI, DOC_ORDONNANCE, DOC_DECRET, DOC_ARRETE, DOC_CIRCULAIRE,
	DOC_INSTRUCTION, DOC_NOTE, DOC_ETUDE, DOC_RAPPORT, DOC_GUIDE,
	DOC_FICHE, DOC_AUTRE,
	DOC_NKINDS
};
enum store_doc_status { DOC_EN_VIGUEUR, DOC_ABROGE, DOC_REMPLACE,
	DOC_NSTATUS };

/* "circulaire" <-> « Circulaire »; parse accepts either, any case and
 * accents (« Décret », « decret », « fiche pratique »): -1 if unknown. */
const char	*store_doc_kind_key(int);
const char	*store_doc_kind_label(int);
int		 store_doc_kind_parse(const char *);
const char	*store_doc_status_key(int);	/* "en_vigueur" */
const char	*store_doc_status_label(int);	/* « en vigueur » */
int		 store_doc_status_parse(const char *);
/* 1 if a member of this role may add and edit documents. */
int		 store_doc_can_curate(int role);
/* The dedupe key of a reference: its letters and digits, capitals, no
 * accents ("" if none). New string. */
char		*store_doc_ref_key(const char *reference);

struct store_doc {
	int64_t	 id;
	char	*title;
	int	 kind;		/* enum store_doc_kind */
	char	*issuer;
	char	*published;	/* 'AAAA-MM-JJ', 'AAAA-MM', 'AAAA' or "" */
	char	*reference;
	int	 status;	/* enum store_doc_status */
	int64_t	 replaced_by;	/* 0: none */
	char	*replaced_title;	/* store_doc_get: its title */
	char	*audience;
	char	*summary;
	char	*body;		/* Markdown; NULL in lists */
	char	*source;	/* imported file, NULL if none */
	char	*file_sha256;	/* its original kept (64 hex digits), NULL
				 * if none: store_doc_get and save only */
	char	*file_type;	/* "pdf", "md" or "txt" with file_sha256 */
	int64_t	 file_size;	/* bytes of the original */
	int64_t	 thread_id;	/* 0: no discussion yet */
	int64_t	 added_at;
	int64_t	 updated_at;
	char	**themes;	/* keys, in the themes' order */
	char	**theme_labels;
	size_t	 nthemes;
	int	 picked;	/* in the viewer's selection */
	char	*snippet;	/* « [mots] » trouvés (store_doc_snippets),
				 * else NULL */
};
void	 store_doc_clear(struct store_doc *);
void	 store_doc_list_free(struct store_doc *, size_t);
/* Set the themes of d (copies). */
void	 store_doc_set_themes(struct store_doc *, char *const *keys,
	    size_t n);

/*
 * Save d as an import does: the row with the same source, else the row
 * with the same reference key, is updated (metadata, body, themes); else
 * a new row is inserted. Texts are cleaned and bounded here (title and
 * body must not be empty: 3). *outcome: 0 added, 1 updated. Returns 0,
 * STORE_TAKEN if the reference is another document's (*other set),
 * STORE_INVALID if a theme is unknown, STORE_BAD_LINK if replaced_by
 * names no document (or itself), -1 on error. Sets
 * d->id. actor_id 0: the command line.
 */
int	 store_doc_save(struct store *, int64_t actor_id, struct store_doc *d,
	    int *outcome, int64_t *other);
/*
 * (store_doc_save keeps d->file_sha256, file_type and file_size when
 * file_sha256 is set; a save without it leaves the row's original as it
 * was.)
 */
/* Update the metadata of d->id from d (not its body nor source): the
 * curators' form. Same returns as store_doc_save; STORE_NOT_FOUND if no
 * such row. */
int	 store_doc_update_meta(struct store *, int64_t actor_id,
	    struct store_doc *d);
/* A document with its body, themes, and picked for member_id.
 * STORE_NOT_FOUND if there is none. */
int	 store_doc_get(struct store *, int64_t member_id, int64_t id,
	    struct store_doc *);
/* The document whose reference has the same key: STORE_OK (*id set),
 * STORE_NOT_FOUND none. */
int	 store_doc_by_ref(struct store *, const char *reference, int64_t *id);
int	 store_doc_count(struct store *, int64_t *n);
/* What a reader checks when it comes back to a document: when it was
 * last changed, its thread and that thread's opening message (0: none).
 * STORE_NOT_FOUND if there is no such document. */
int	 store_doc_stamp(struct store *, int64_t id, int64_t *updated_at,
	    int64_t *thread_id, int64_t *first_post);

/* One document whose original file is kept: what the SFTP tree needs. */
struct store_doc_file {
	int64_t	 id;
	int	 kind;		/* enum store_doc_kind */
	char	*published;	/* as in struct store_doc */
	char	*title;
	char	 sha256[65];
	char	 type[4];	/* "pdf", "md", "txt" */
	int64_t	 size;
	int64_t	 updated_at;
};
/* Every document with an original file, by kind then id; of one kind
 * (enum store_doc_kind) or all (-1). Freed by store_doc_files_free(). */
int	 store_doc_files(struct store *, int kind, struct store_doc_file **,
	    size_t *n);
/* The one document id, if it has an original: 0, 1 none. Freed by
 * store_doc_file_clear(). */
int	 store_doc_file_get(struct store *, int64_t id,
	    struct store_doc_file *);
void	 store_doc_file_clear(struct store_doc_file *);
void	 store_doc_files_free(struct store_doc_file *, size_t);
/* Every distinct file_sha256 in use (backups): free() each string, then
 * the array. */
int	 store_doc_file_hashes(struct store *, char ***, size_t *n);

/*
 * « À classer »: files dropped into /depot/ over SFTP (db/0014), kept
 * in the files directory with their extracted text, waiting for a
 * record.
 */
struct store_doc_inbox {
	int64_t	 id;
	char	*name;		/* as dropped, cleaned */
	char	 sha256[65];
	char	 type[4];	/* "pdf", "md", "txt" */
	int64_t	 size;
	int64_t	 added_at;
};
/* Add a waiting file (body: its text in Markdown). STORE_OK (*id set),
 * STORE_EXISTS if a waiting file has that name already, STORE_ERR.
 * actor: who dropped it (the audit log's 'doc.deposit'). */
int	 store_doc_inbox_add(struct store *, int64_t actor, const char *name,
	    const char *sha256, const char *type, int64_t size,
	    const char *body, int64_t *id);
/* The waiting files, oldest first. Freed by store_doc_inbox_free(). */
int	 store_doc_inbox_list(struct store *, struct store_doc_inbox **,
	    size_t *n);
void	 store_doc_inbox_free(struct store_doc_inbox *, size_t);
/*
 * Publish waiting file id with the record in d (title, kind...): its
 * body, original file and source ("sftp:/depot/NAME#ID", so that a
 * publish retried after a failure updates, never duplicates) come from
 * the waiting row; then store_doc_save() as an import, and the row is
 * marked done. Returns as store_doc_save, or STORE_STATE if that file
 * waits no more (published meanwhile, or never was).
 */
int	 store_doc_inbox_publish(struct store *, int64_t actor, int64_t id,
	    struct store_doc *d, int *outcome, int64_t *other);

/* What a list or a search keeps; zero it for « everything ». */
struct store_doc_filter {
	int		 kind;		/* enum store_doc_kind + 1; 0: any */
	int		 status;	/* enum store_doc_status + 1; 0: any */
	const char	*theme;		/* theme key, NULL: any */
	const char	*issuer;	/* exact issuer (folded compare) */
	int64_t		 since;		/* added after; 0: any time */
	int64_t		 picked_by;	/* this member's selection; 0: no */
};

/*
 * Documents matching f, without their bodies, newest publication first
 * (then newest added), or by addition when f->since is set; picked set
 * for member_id. At most max (0: all) from offset.
 */
int	 store_doc_list(struct store *, int64_t member_id,
	    const struct store_doc_filter *f, size_t offset, size_t max,
	    struct store_doc **list, size_t *n);
int	 store_doc_list_count(struct store *, int64_t member_id,
	    const struct store_doc_filter *f, int64_t *n);

/* One entry of « par thème », « par nature », « par émetteur ». */
struct store_doc_facet {
	char	*key;		/* theme key, kind key, or the issuer */
	char	*label;
	int64_t	 n;		/* documents */
};
enum store_doc_facet_kind { DOC_FACET_THEME, DOC_FACET_KIND,
	DOC_FACET_ISSUER };
/* Themes in their order, kinds in theirs, issuers by name; only those
 * with at least one document. */
int	 store_doc_facets(struct store *, int which,
	    struct store_doc_facet **list, size_t *n);
void	 store_doc_facet_list_free(struct store_doc_facet *, size_t);

/* Add (on) or remove a document from the member's selection (idempotent;
 * STORE_NOT_FOUND if there is no such document). */
int	 store_doc_pick(struct store *, int64_t member_id, int64_t doc_id,
	    int on);

/*
 * Comment on a document as viewer: the first comment opens its thread on the
 * board board_key (title: the document's title), later ones reply to the
 * opening message. Returns as store_thread_new/store_post_reply, and
 * STORE_NOT_FOUND if there is no such document or board. Sets *thread_id and
 * *post_id.
 */
struct store_viewer;
int	 store_doc_comment(struct store *, const struct store_viewer *,
	    int64_t doc_id, const char *board_key, const char *body,
	    int64_t *thread_id, int64_t *post_id);

/*
 * Search: query is what the member typed (words folded, quoted, ANDed,
 * prefix-matched; FTS syntax never passes through), f narrows it. Best
 * first (the words in the title, then in the title and metadata, then
 * anywhere; newest added first in each), at most max, without snippets
 * (NULL): store_doc_snippets() cuts those of the rows shown. STORE_EMPTY
 * if the query has no word.
 */
int	 store_doc_search(struct store *, int64_t member_id,
	    const struct store_doc_filter *f, const char *query, size_t max,
	    struct store_doc **list, size_t *n);
/* The snippet of each of the n documents of list that has none, for the
 * words of query (those it was found with); "" when they are not in the
 * first pages. */
void	 store_doc_snippets(struct store *, const char *query,
	    struct store_doc *list, size_t n);

#endif /* PALABRE_STORE_DOC_H */
