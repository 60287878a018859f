/*
 * store_profile.h - the member directory (annuaire) and what a member
 * controls about themself: profile fields and who sees them, public
 * keys, the export of everything held about them and erasure
 * (GDPR), and the approval of new accounts. Included by store.h;
 * implemented in store_profile.c and store_gdpr.c.
 *
 * Visibility: each field but the display name is seen by everyone in
 * the network or by nobody (but the member). What nobody sees is never
 * returned to anybody else, and never searched: the search column holds
 * the folded visible fields only.
 */
#ifndef PALABRE_STORE_PROFILE_H
#define PALABRE_STORE_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_FIELD_MAX		300	/* bytes of a one-line field */
#define STORE_PRESENTATION_MAX	2000	/* bytes of the presentation */

enum store_pfield {
	PROF_ORGANISATION,	/* member.organisation */
	PROF_ORG_TYPE,		/* a key of store_org_types, or "" */
	PROF_JOB,
	PROF_TERRITORY,		/* a département code, or "" */
	PROF_EXPERTISE,
	PROF_PRESENTATION,
	PROF_EMAIL,
	PROF_NFIELDS
};
const char	*store_pfield_key(int);		/* "organisation" */
const char	*store_pfield_label(int);	/* « Organisation » */

/* Organisation types: store_org_types[] (store_reference.h). */

struct store_profile {
	int64_t	 member_id;
	char	*login;
	char	*display_name;
	int	 role;		/* enum store_role */
	int	 status;	/* enum store_status */
	int64_t	 created_at;
	char	*field[PROF_NFIELDS];	/* "" when empty or hidden from the viewer */
	char	*territory;	/* « 93 Seine-Saint-Denis », or "" */
	unsigned hidden;	/* bit 1 << field: seen by nobody but the member */
};
void	 store_profile_clear(struct store_profile *);
void	 store_profile_list_free(struct store_profile *, size_t);

/* member_id's profile as viewer sees it. STORE_NOT_FOUND if there is no
 * such member, or (viewer being someone else) it is not an active
 * member. */
int	 store_profile_get(struct store *, int64_t viewer, int64_t member_id,
	    struct store_profile *);
/*
 * Set one field of the member's profile (cleaned; one line but the
 * presentation). STORE_TOO_LONG, STORE_INVALID (an unknown département
 * code or organisation type); "" empties the field.
 */
int	 store_profile_set(struct store *, int64_t member_id, int field,
	    const char *value);
/* The display name: STORE_TOO_LONG, STORE_EMPTY. */
int	 store_profile_set_name(struct store *, int64_t member_id,
	    const char *name);
int	 store_profile_set_hidden(struct store *, int64_t member_id,
	    int field, int hidden);
/*
 * The directory for viewer: active members (guests excepted) whose
 * visible name, organisation, territory or expertise contain every word
 * of query (folded: « seine saint denis », « integration » finds
 * « intégration »); query "" or NULL lists everybody. By name, at most
 * max (0: all).
 */
int	 store_directory_search(struct store *, int64_t viewer,
	    const char *query, size_t max, struct store_profile **list,
	    size_t *n);

/* Remove one of the member's public keys: STORE_NOT_FOUND if it is not
 * theirs. */
int	 store_key_delete(struct store *, int64_t member_id, int64_t key_id);

/*
 * Everything Palabre holds about a member, as text for them to read
 * (json 0) or JSON (json 1): one section for every table that refers to
 * members (account, profile with its hidden fields, keys, preferences,
 * threads, posts, reading marks, reports, conversations and messages,
 * drafts, blocks, selection, documents, records and their follows,
 * exchange days, editorials, moderation decisions, the audit entries
 * they made or that name them). *out is a new string.
 */
int	 store_member_export(struct store *, int64_t member_id, int json,
	    char **out);
/* What the export does with a column that names a member: a
 * classification for test_gdpr, not a store result (enum store_rc). */
enum store_export_cover {
	STORE_EXPORT_FORGOTTEN,		/* neither below: a gap */
	STORE_EXPORT_COVERED,		/* a section of the export holds it */
	STORE_EXPORT_LEFT_OUT,		/* left out on purpose (why: in
					 * store_gdpr.c) */
};
enum store_export_cover store_member_export_covers(const char *table,
	    const char *column);
/* The JSON names of the export's sections: up to max in keys; returns
 * how many there are. */
size_t	 store_member_export_sections(const char **keys, size_t max);
/*
 * Erasure: the account is anonymised (status 'anonymise', login
 * « anonyme-ID », name « ancien membre »; password, keys, profile,
 * preferences, drafts, blocks, reading marks, selection, follows and
 * registrations removed), and the login, name, e-mail address and keys
 * are replaced by « anonyme-ID » in every text that kept them (audit
 * log, practice contacts and versions, others' drafts, bylines, board
 * moderators) and in the catalogue's search index: a dump of the
 * database finds none of them. Posts, messages, records and reports
 * stay, attributed to « ancien membre ». by: who asked (the member, or
 * 0 for a sysop command); audit-logged. STORE_NOT_FOUND if no such
 * member or already anonymised.
 */
int	 store_member_erase(struct store *, int64_t member_id, int64_t by);

/*
 * Accounts waiting for approval (sign-up), oldest first, and the
 * decision (store_member_decide, below): approve makes the account
 * 'actif', refuse 'refuse'.
 */
int	 store_member_waiting(struct store *, struct store_profile **list,
	    size_t *n);
int	 store_member_waiting_count(struct store *, int64_t *n);

/* What the sign-up form gathered (texts as typed; cleaned here). */
struct store_signup {
	const char	*login;
	const char	*display_name;
	const char	*organisation;
	const char	*org_type;	/* a key of store_org_types */
	const char	*job;
	const char	*departement;	/* a code */
	const char	*email;
	const char	*password_hash;
	const char	*key_algo;	/* NULL: no key */
	const char	*key_blob;
	const char	*key_fingerprint;
	const char	*key_comment;
};
/*
 * Create the account of an applicant, waiting for approval, with its
 * profile and key, in one transaction ("member.signup" in the audit
 * log). 0 with *member_id; STORE_TAKEN the login is taken (or reserved,
 * or not a valid login); STORE_KEY_TAKEN the key belongs to someone
 * already; STORE_FULL max_pending accounts wait already; STORE_TOO_LONG,
 * STORE_EMPTY, STORE_INVALID as store_profile_set for a field.
 */
int	 store_member_signup(struct store *, const struct store_signup *,
	    int max_pending, int64_t *member_id);
/* A moderator's decision on a waiting account (by: who; audit-logged):
 * STORE_NOT_FOUND no such member, STORE_STATE it no longer waits. */
int	 store_member_decide(struct store *, int64_t member_id, int approve,
	    int64_t by);

#endif /* PALABRE_STORE_PROFILE_H */
