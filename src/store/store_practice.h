/*
 * store_practice.h - the practice catalogue (catalogue des pratiques):
 * records of actions carried out by members' organisations, their
 * moderation, history, followers, drafts and full-text search. Included
 * by store.h; implemented in store_practice.c (records, workflow,
 * lists), store_practice_misc.c (drafts, follows, history, discussion)
 * and store_practice_text.c (dates, labels, the plain-text export).
 *
 * Model (db/0005_catalogue.sql):
 * - A record's content is PF_NFIELDS strings (enum store_practice_field),
 *   clean and bounded (store_practice_fields[]). Choices are kept as
 *   keys: the organisation type (store_org_types[]), the département's
 *   INSEE code (its région follows), the theme keys separated by spaces,
 *   the contact member's login, the linked documents of the shelf as
 *   their ids separated by spaces, in the author's order (PF_DOCS;
 *   db/0007_practice_docs.sql keeps them as rows of practice_doc too).
 * - Life: submitted « à valider » (PRACTICE_A_VALIDER); a moderator
 *   (role modérateur or sysop) publishes it or returns it with a comment
 *   (PRACTICE_RENVOYEE); the author amends it, which submits it again.
 *   A published record stays published when its author updates it.
 *   Every change of content keeps the former content in
 *   practice_version (versions 1..version-1), and moderation decisions
 *   go to the audit log.
 * - Only published records are listed to everyone, followed, searched
 *   and discussed; the author and the moderators see the others.
 * - « Je m'en inspire »: one follow per member and record, counted in
 *   practice.nfollowers; the author is told of the follows they have
 *   not seen (store_practice_news).
 * - Search indexes txt_fold() of the published records' fields (the
 *   labels of their territory and themes too): « integration » finds
 *   « intégration ». Words are ANDed and match as prefixes.
 */
#ifndef PALABRE_STORE_PRACTICE_H
#define PALABRE_STORE_PRACTICE_H

#include <stddef.h>
#include <stdint.h>

enum store_practice_field {
	PF_TITLE,
	PF_ORG,			/* lead organisation */
	PF_ORG_TYPE,		/* key of store_org_types[] */
	PF_PARTNERS,
	PF_DEPARTEMENT,		/* INSEE code: "93", "2A", "971" */
	PF_COMMUNE,
	PF_THEMES,		/* theme keys separated by spaces */
	PF_PUBLIC,		/* the people it serves */
	PF_START,		/* "AAAA", "AAAA-MM" or "AAAA-MM-JJ" */
	PF_END,			/* the same, "" while it goes on */
	PF_CONTEXT,		/* context and needs */
	PF_ACTIONS,		/* what was done */
	PF_MEANS,		/* staff, budget, funding */
	PF_RESULTS,		/* results and evaluation */
	PF_REPRODUCE,		/* what it takes to reproduce it */
	PF_CONTACT_LOGIN,	/* a member of the network, or "" */
	PF_CONTACT,		/* anyone else: name, phone, e-mail */
	PF_DOCS,		/* documents of the shelf: "12 4 31" */
	PF_NFIELDS
};

struct store_practice_field_info {
	const char	*key;		/* JSON key and column: "title" */
	const char	*label;		/* « Titre » */
	size_t		 max;		/* bytes after cleaning */
	int		 multiline;
	int		 required;
};
extern const struct store_practice_field_info
    store_practice_fields[PF_NFIELDS];

#define STORE_PRACTICE_DOCS_MAX	20	/* documents linked to one record */

/* Organisation types: store_org_types[] (store_reference.h). */

enum store_practice_state {
	PRACTICE_A_VALIDER, PRACTICE_RENVOYEE, PRACTICE_PUBLIEE
};
/* « à valider », « renvoyée à l'auteur », « publiée » */
const char	*store_practice_state_label(int);

struct store_practice {
	int64_t	 id;
	int64_t	 author_id;
	char	*author_login;
	char	*author_name;
	char	*author_org;
	int	 state;			/* enum store_practice_state */
	char	*f[PF_NFIELDS];
	char	*departement_label;	/* « 93 Seine-Saint-Denis » */
	char	*region_name;		/* « Île-de-France » */
	char	*themes_label;		/* « Emploi ; Santé » */
	char	*contact_name;		/* the contact member's, or "" */
	char	*contact_org;
	int64_t	 created_at;
	int64_t	 submitted_at;
	int64_t	 published_at;		/* 0: never */
	int64_t	 updated_at;
	int	 version;
	char	*moderator_name;	/* last decision, or "" */
	int64_t	 moderated_at;
	char	*comment;		/* why it was returned */
	int64_t	 nfollowers;
	int64_t	 new_followers;		/* not yet seen by the author */
	int	 following;		/* the viewer follows it */
	int64_t	 thread_id;		/* 0: no discussion yet */
};
void	 store_practice_clear(struct store_practice *);

/* A record in a list (browse, search, mine, queue). */
struct store_practice_item {
	int64_t	 id;
	int	 state;
	char	*title;
	char	*org;
	char	*org_type;
	char	*departement;		/* code */
	char	*departement_name;
	char	*author_name;
	char	*comment;
	int64_t	 published_at;
	int64_t	 updated_at;
	int64_t	 submitted_at;
	int64_t	 nfollowers;
	int64_t	 new_followers;		/* store_practice_mine only */
	char	*snippet;		/* search only: « [mots] » marked */
};
void	 store_practice_item_list_free(struct store_practice_item *, size_t);

/* Filters that combine; NULL or "" means any. */
struct store_practice_filter {
	const char	*theme;		/* theme key */
	const char	*region;	/* région code */
	const char	*departement;	/* département code */
	const char	*org_type;	/* organisation type key */
};

/*
 * Check a record's fields (as typed: cleaned here first). 0 if it may be
 * submitted; else *field is the first field at fault and the return
 * says why: STORE_EMPTY (a required field, or neither contact),
 * STORE_TOO_LONG, STORE_TOO_MANY (more than STORE_PRACTICE_DOCS_MAX
 * documents), STORE_INVALID (unknown type, département, theme, login,
 * document, or a date that is not one, or an end before the start).
 */
int	 store_practice_check(struct store *, const char *const f[PF_NFIELDS],
	    int *field);
/*
 * Submit: id 0 makes a new record « à valider » (*id set); otherwise the
 * viewer's own record gets this content, its former one kept as a
 * version, and goes back « à valider » unless it is published (then it
 * stays published and is re-indexed). Returns as store_practice_check,
 * STORE_NOT_FOUND if there is no such record, STORE_FORBIDDEN if it is
 * not the viewer's.
 */
int	 store_practice_submit(struct store *, const struct store_viewer *,
	    int64_t *id, const char *const f[PF_NFIELDS], int *field);
/* STORE_NOT_FOUND if there is none, or it is not published and the viewer
 * is neither its author nor a moderator. */
int	 store_practice_get(struct store *, const struct store_viewer *,
	    int64_t id, struct store_practice *);
/* May the viewer publish and return records? */
int	 store_practice_can_moderate(const struct store_viewer *);

/* Published records matching filter, newest published first; at most
 * max (0: all) from offset. */
int	 store_practice_list(struct store *, const struct store_practice_filter *,
	    size_t offset, size_t max, struct store_practice_item **, size_t *);
int	 store_practice_count(struct store *, const struct store_practice_filter *,
	    int64_t *n);
/* Search the published records (within filter): best first, at most
 * max, snippet set. STORE_EMPTY if the query has no word. */
int	 store_practice_search(struct store *, const char *query,
	    const struct store_practice_filter *, size_t max,
	    struct store_practice_item **, size_t *);
/* The viewer's own records, latest change first, with new_followers. */
int	 store_practice_mine(struct store *, const struct store_viewer *,
	    struct store_practice_item **, size_t *);
/* Records waiting for a moderator, oldest first (STORE_FORBIDDEN: not a
 * moderator). */
int	 store_practice_waiting(struct store *, const struct store_viewer *,
	    struct store_practice_item **, size_t *);
int	 store_practice_waiting_count(struct store *, int64_t *n);

/* Moderation of a record « à valider »: STORE_FORBIDDEN if the viewer
 * does not moderate, STORE_STATE if the record does not wait (any more,
 * or at all); returning needs a comment (STORE_EMPTY, STORE_TOO_LONG
 * past STORE_REASON_MAX). */
int	 store_practice_publish(struct store *, const struct store_viewer *,
	    int64_t id);
int	 store_practice_return(struct store *, const struct store_viewer *,
	    int64_t id, const char *comment);

/* « Je m'en inspire » (on) or not any more (off): 0 done, STORE_EXISTS
 * nothing to change, STORE_FORBIDDEN if the record is the viewer's own
 * or not published. */
int	 store_practice_follow(struct store *, const struct store_viewer *,
	    int64_t id, int on);
/* Follows of the viewer's records they have not been told of; then
 * mark them told. */
int	 store_practice_news(struct store *, const struct store_viewer *,
	    int64_t *n);
int	 store_practice_news_seen(struct store *, const struct store_viewer *);
/*
 * Decisions on the viewer's records they have not been told of: how many
 * were published and returned for correction, and the title of the
 * latest (new string, or NULL). told() marks them all told.
 */
int	 store_practice_decisions(struct store *, const struct store_viewer *,
	    int64_t *published, int64_t *returned, char **latest);
int	 store_practice_decisions_told(struct store *,
	    const struct store_viewer *);

struct store_practice_version {
	int	 version;
	int64_t	 written_at;
	int	 state;		/* its state then */
	char	*f[PF_NFIELDS];
};
/* Former contents, newest first (the author and moderators, else
 * STORE_FORBIDDEN). */
int	 store_practice_versions(struct store *, const struct store_viewer *,
	    int64_t id, struct store_practice_version **, size_t *);
void	 store_practice_version_list_free(struct store_practice_version *,
	    size_t);

/* The form being filled (id 0: a new record): saved as typed, not checked.
 * find: 0 with f[] set (free each), STORE_NOT_FOUND if there is none. save:
 * STORE_DRAFT_SENT if the draft was sent after `since` (the form that saves
 * is stale: nothing saved); on -1 store_fault() says why. */
int	 store_practice_draft_save(struct store *, int64_t member_id,
	    int64_t id, int64_t since, const char *const f[PF_NFIELDS]);
int	 store_practice_draft_find(struct store *, int64_t member_id,
	    int64_t id, char *f[PF_NFIELDS]);
int	 store_practice_draft_delete(struct store *, int64_t member_id,
	    int64_t id);

/*
 * The record's discussion on the board board_key: created on first use
 * (its opening post, by the record's author, says which record it is),
 * then always the same thread. Sets *thread_id and *post_id (the
 * opening post). STORE_FORBIDDEN if the record is not published or the
 * board is missing or closed.
 */
int	 store_practice_thread(struct store *, const struct store_viewer *,
	    int64_t id, const char *board_key, int64_t *thread_id,
	    int64_t *post_id);

/*
 * Comment on a published record: the first comment opens its thread
 * (as store_practice_thread) and answers its opening post, in one
 * transaction, so that a member who only looked leaves no empty
 * thread behind; later ones answer the opening post. Returns as
 * store_post_reply (STORE_TOO_LONG, STORE_EMPTY, STORE_FORBIDDEN,
 * STORE_LOCKED), STORE_FORBIDDEN also when store_practice_thread
 * would. Sets *thread_id and *post_id (the comment).
 */
int	 store_practice_comment(struct store *, const struct store_viewer *,
	    int64_t id, const char *board_key, const char *body,
	    int64_t *thread_id, int64_t *post_id);

/* --- Documents of the shelf (store_practice_doc.c) ---------------------- */

/* A document a record links to, as the record shows it. */
struct store_practice_doc {
	int64_t	 id;
	char	*title;
	int	 kind;		/* enum store_doc_kind */
	char	*published;	/* 'AAAA-MM-JJ', 'AAAA-MM', 'AAAA' or "" */
};
void	 store_practice_doc_list_free(struct store_practice_doc *, size_t);
/*
 * The documents of ids (a record's PF_DOCS, a version's or a draft's:
 * ids separated by spaces), in that order; words that are no document
 * of the shelf are left out.
 */
int	 store_practice_docs(struct store *, const char *ids,
	    struct store_practice_doc **, size_t *);
/* The published records that link to document doc_id, newest first. */
int	 store_practice_by_doc(struct store *, int64_t doc_id,
	    struct store_practice_item **, size_t *);

/*
 * Give a record other dates (demo data, imports: « palabre admin
 * practice add --date »): created, submitted, updated and, if it is
 * published, published at t. STORE_NOT_FOUND if there is no such record.
 */
int	 store_practice_backdate(struct store *, int64_t id, int64_t t);

/* --- Text (store_practice_text.c) --------------------------------------- */

/* A date as typed (« mars 2021 », « 03/2021 », « 12/03/2021 », « 2021 »;
 * txt_date_parse()) into "AAAA", "AAAA-MM" or "AAAA-MM-JJ" (out of 11
 * bytes), years 1900-2100: 0, or -1 if it is not a date. "" gives "".
 * txt_date_label() writes it back as members read and type it. */
int	 store_practice_date_parse(const char *typed, char out[11]);
/* « depuis mars 2021 (en cours) », « de mars 2021 à juin 2023 ». */
char	*store_practice_period(const char *start, const char *end);
/* « Circulaire, 15 février 2023 » (a new string). */
char	*store_practice_doc_line(const struct store_practice_doc *);
/*
 * The record as plain text, to copy: no frame, no markup, wrapped at
 * width columns (0: not wrapped), the labels of its choices looked up,
 * its documents of the shelf last. A new string.
 */
char	*store_practice_export(struct store *, const struct store_practice *,
	    size_t width);

#endif /* PALABRE_STORE_PRACTICE_H */
