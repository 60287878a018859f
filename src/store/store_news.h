/*
 * store_news.h - « Ma veille » and « Quoi de neuf » (issue 16): what a
 * member follows, the mentions and replies addressed to them, and the
 * one list of what is new for them across every section. Included by
 * store.h; implemented in store_follow.c (follows) and store_news.c
 * (mentions, the list, what was seen).
 *
 * Model (db/0011_veille.sql):
 * - A follow names a board, a thread, a theme, a kind of document, an
 *   issuer, a région, a département or a member. Writing in a thread
 *   (opening it or replying) follows it automatically unless the member
 *   turned that off (store_follow_auto_set); unfollowing keeps a row
 *   with active = 0 so that writing there again does not follow it
 *   again.
 * - Mentions: '@login' in a post, reply, comment (comments are posts)
 *   or private message records a mention for that member, in the
 *   transaction that stores the text, only if they may read where it
 *   was written (the board's read permission, or being in the
 *   conversation), are active, are not the author and have not blocked
 *   the author. A reply records a 'reponse' for the author of the post
 *   it answers, under the same conditions. A name added by an edit is
 *   a mention then (one row per member and text, whatever the edits).
 *   Done by store_post.c and store_message.c through
 *   store_news_private.h: one place, whatever the screen or command.
 * - Seen: an item is seen once opened (store_news_seen), until something
 *   newer happens to it; « tout marquer comme vu » (store_news_seen_all)
 *   sets a mark in time below which nothing is new.
 *
 * Results: enum store_rc (store_rc.h), each function's codes below.
 */
#ifndef PALABRE_STORE_NEWS_H
#define PALABRE_STORE_NEWS_H

#include <stddef.h>
#include <stdint.h>

/* --- Follows ----------------------------------------------------------- */

enum store_follow_kind {
	FOLLOW_BOARD,		/* target_id: board.id */
	FOLLOW_THREAD,		/* target_id: thread.id */
	FOLLOW_THEME,		/* key: theme.key */
	FOLLOW_DOC_KIND,	/* key: store_doc_kind_key() (« circulaire ») */
	FOLLOW_ISSUER,		/* key: the issuer as typed (« DGCS ») */
	FOLLOW_REGION,		/* key: INSEE code of a région */
	FOLLOW_DEPARTEMENT,	/* key: INSEE code of a département */
	FOLLOW_MEMBER,		/* target_id: member.id */
	FOLLOW_NKINDS
};
/* "forum", "fil"... as stored; -1 if unknown. */
const char	*store_follow_kind_key(int);
int		 store_follow_kind_parse(const char *);
/* « Forum », « Fil », « Thème »... as « Ma veille » lists them. */
const char	*store_follow_kind_label(int);

struct store_follow {
	int	 kind;		/* enum store_follow_kind */
	int64_t	 target_id;	/* board, thread, member; 0 otherwise */
	char	*key;		/* theme, doc kind, folded issuer, code; "" */
	char	*label;		/* what it is, as members read it */
	int	 automatic;	/* a thread followed because one wrote in it */
	int64_t	 created_at;
};
void	 store_follow_clear(struct store_follow *);
void	 store_follow_list_free(struct store_follow *, size_t);

/*
 * Follow (on) or unfollow a thing: target_id for a board, thread or
 * member, key for the others (an issuer is matched folded: « la DGCS »
 * and « DGCS » differ, « dgcs » and « DGCS » do not). Idempotent.
 * STORE_OK, STORE_NOT_FOUND if the thing does not exist (no such board,
 * thread, member, theme, kind, région or département; an issuer only
 * needs to be non-empty), STORE_ERR.
 */
int	 store_follow_set(struct store *, int64_t member_id, int kind,
	    int64_t target_id, const char *key, int on);
/* 1 if member follows it, 0 if not, -1 on error. */
int	 store_follow_is(struct store *, int64_t member_id, int kind,
	    int64_t target_id, const char *key);
/* Everything member follows, by kind then label: STORE_OK, STORE_ERR. */
int	 store_follow_list(struct store *, int64_t member_id,
	    struct store_follow **list, size_t *n);
/* Whether writing in a thread follows it (default on): 1, 0, or -1 on
 * error; setting it: STORE_OK, STORE_ERR. */
int	 store_follow_auto(struct store *, int64_t member_id);
int	 store_follow_auto_set(struct store *, int64_t member_id, int on);

/*
 * The département of an exchange day's place, from its postal code (the
 * first five digits standing alone): « 93200 Saint-Denis » -> "93",
 * « 97400 » -> "974", « 20000 Ajaccio » -> "2A". 0 with dep filled, 1
 * if there is none.
 */
int	 store_event_departement(const char *place, char *dep, size_t size);

/* --- Quoi de neuf ------------------------------------------------------ */

enum store_news_kind {
	NEWS_MENTION,		/* '@login' of me in a post or message */
	NEWS_REPLY,		/* a reply to one of my posts */
	NEWS_MESSAGE,		/* a private message to me */
	NEWS_PLACE,		/* a place freed for me in an exchange day */
	NEWS_THREAD,		/* a new thread */
	NEWS_FOLLOWUP,		/* new posts in a thread already there */
	NEWS_DOC,		/* a document added to the shelf */
	NEWS_PRACTICE,		/* a practice published */
	NEWS_EVENT,		/* an exchange day announced */
	NEWS_NKINDS
};
/* "mention", "reponse", "message", "place", "fil", "suite", "document",
 * "pratique", "journee": the JSON "type" of `quoi-de-neuf --json`. */
const char	*store_news_kind_key(int);
/* « Mention », « Réponse »... as the list shows them. */
const char	*store_news_kind_label(int);

#define NEWS_FOLLOWED	0	/* what « Ma veille » asks for, and what is
				 * addressed to the member */
#define NEWS_ALL	1	/* « tout le réseau » */
#define STORE_NEWS_MAX	200	/* items of one list, the newest */
#define STORE_NEWS_KEEP	(30 * 86400)	/* an item not opened stays new */

/*
 * The `since` of « Quoi de neuf » for a member whose previous visit
 * began at last_visit (0: none): all that happened since, and what they
 * have not opened of the STORE_NEWS_KEEP before now (a member who logs
 * in and out without reading loses nothing).
 */
int64_t	 store_news_since(int64_t last_visit, int64_t now);

struct store_news_item {
	int	 kind;		/* enum store_news_kind */
	char	 id[24];	/* "m12", "d4", "p7", "j3", "c9": opens it */
	char	*title;		/* thread, document, record, day, subject */
	char	*where;		/* board, « Bibliothèque », « Catalogue »... */
	char	*who;		/* author, issuer or organiser; may be "" */
	int64_t	 at;		/* when it happened */
};
void	 store_news_clear(struct store_news_item *);
void	 store_news_list_free(struct store_news_item *, size_t);

/*
 * What is new for member_id after `since` (and after their « tout
 * marquer comme vu »), not yet seen, newest first, at most
 * STORE_NEWS_MAX: with NEWS_FOLLOWED, what is addressed to them
 * (mentions, replies, private messages, places freed) and what « Ma
 * veille » follows (threads of followed boards and threads, documents
 * of followed themes, kinds and issuers, practices of followed themes
 * and territories, exchange days of followed themes and territories,
 * new threads and practices of followed members); with NEWS_ALL,
 * everything of the network besides. Never anything the member may not
 * read (boards by their read permission, threads awaiting approval,
 * hidden posts, others' conversations), never their own writing, never
 * the text of a private message (title is the conversation's subject).
 * The command line, the screen and the digests call this one function.
 */
int	 store_news_list(struct store *, int64_t member_id, int64_t since,
	    int scope, struct store_news_item **list, size_t *n);
/* (store_news_list: STORE_OK, STORE_NOT_FOUND if there is no such
 * member, STORE_ERR.) */
/* Item id ("m12") opened by member at t: seen until it changes.
 * STORE_OK, STORE_INVALID for an empty id, STORE_ERR. */
int	 store_news_seen(struct store *, int64_t member_id, const char *item,
	    int64_t t);
/* « Tout marquer comme vu » of the n items listed: they and everything
 * older are not new any more; what came in the second of the newest
 * without being listed still is. STORE_OK, STORE_ERR. */
int	 store_news_seen_all(struct store *, int64_t member_id,
	    const struct store_news_item *list, size_t n);

#endif /* PALABRE_STORE_NEWS_H */
