/*
 * screens.h - every screen of the interface, one file each in screens/.
 * screens_all lists them for the tests (no key bound twice in a screen).
 */
#ifndef PALABRE_SCREENS_H
#define PALABRE_SCREENS_H

#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"
#include "ui/ui_form.h"

extern const struct ui_screen screen_welcome;	/* welcome.c */
extern const struct ui_screen screen_home;	/* home.c: Accueil */
extern const struct ui_screen screen_edito;	/* edito.c */
extern const struct ui_screen screen_help;	/* help.c */
extern const struct ui_screen screen_quit;	/* quit.c */
extern const struct ui_screen screen_display;	/* display.c: Affichage */
extern const struct ui_screen screen_boards;	/* boards.c: Forums */
extern const struct ui_screen screen_threads;	/* threads.c: a board */
extern const struct ui_screen screen_thread;	/* thread.c: a thread's tree */
extern const struct ui_screen screen_reader;	/* reader.c: one message */
extern const struct ui_screen screen_search;	/* search.c: results */
extern const struct ui_screen screen_moderation; /* moderation.c */
/* moderation.c: how many things wait for the viewer's decision. */
int	 moderation_count(struct ui *, int64_t *);
extern const struct ui_screen screen_versions;	/* versions.c */

/* screen_boards' argument when a moderator picks where to move a thread
 * (NULL: the member browses). */
struct boards_pick {
	int64_t	 thread_id;
	int64_t	 from_board;
};

extern const struct ui_screen screen_compose;	/* compose.c: writing */
extern const struct ui_screen screen_drafts;	/* drafts.c: Brouillons */

/* The argument of screen_compose's enter(). */
struct compose_arg {
	int	 kind;		/* enum store_draft_kind */
	int64_t	 board_id;	/* DRAFT_THREAD */
	int64_t	 target_id;	/* DRAFT_REPLY: the parent post; DRAFT_EDIT: the post;
				 * DRAFT_MSG_REPLY: the private message answered */
	int	 quote;		/* replies: start with the parent quoted */
	int64_t	 doc_id;	/* DRAFT_THREAD: the first comment on this
				 * document of the shelf (its title is the
				 * thread's; board_id is -doc_id, the key of
				 * its draft) */
	int64_t	 practice_id;	/* DRAFT_REPLY: the first comment on this
				 * record of the catalogue, which opens its
				 * thread (target_id is -practice_id, the key
				 * of its draft) */
	const char *recipients;	/* DRAFT_MESSAGE: logins; NULL: the draft's */
};
extern const struct ui_screen screen_messages;	/* messages.c: Messagerie */
extern const struct ui_screen screen_conversation; /* conversation.c */
/* messages.c: ask to whom to write (initial: a login, or NULL), or
 * which member to block (ctx: the messages view to reload, or NULL). */
void	 messages_write_to(struct ui *, const char *initial);
void	 messages_block_ask(struct ui *, void *ctx);

extern const struct ui_screen screen_signup;	/* signup.c: « nouveau » */
/* applicants.c: a sign-up in full; arg: const struct store_profile *. */
extern const struct ui_screen screen_applicant;
/* applicants.c: 1 if the member moderates sign-ups. */
int	 applicants_may_decide(struct ui *);
extern const struct ui_screen screen_directory;	/* directory.c: Annuaire */
extern const struct ui_screen screen_member;	/* directory.c: a profile */
extern const struct ui_screen screen_profile;	/* profile.c: Mon profil */
extern const struct ui_screen screen_pubkeys;	/* profile.c: keys */
extern const struct ui_screen screen_export;	/* profile.c: my data */
struct store_profile;
struct ui_pager;
/* directory.c: a profile as the member sees it, into a pager. */
void	 directory_profile_pager(struct ui *, const struct store_profile *,
	    struct ui_pager *);

/* forum.c: what the boards' screens share. */
int	 forum_open_post(struct ui *, int64_t post_id);
int	 forum_next_unread(struct ui *, int64_t board_id, int64_t thread_id,
	    int replace);
void	 forum_search_prompt(struct ui *);
int	 forum_put_marked(int y, int x, int w, const char *);

/* The practice catalogue (catalogue des pratiques). */
extern const struct ui_screen screen_catalogue;	/* catalogue.c: browse */
extern const struct ui_screen screen_catalogue_search; /* catalogue.c */
extern const struct ui_screen screen_catalogue_mine;	/* catalogue.c */
extern const struct ui_screen screen_catalogue_queue;	/* catalogue.c */
extern const struct ui_screen screen_practice;	/* practice.c: a record */
extern const struct ui_screen screen_practice_text; /* practice.c: to copy */
extern const struct ui_screen screen_practice_form; /* practice_form.c */

/* The board where records are discussed (conf/boards.d/catalogue.conf). */
#define PRACTICE_BOARD	"catalogue"

struct store_practice_filter;
/* screen_practice_text's argument: a title and the text (copied). */
struct practice_text_arg {
	const char	*title;
	const char	*text;
};
/* screen_catalogue_search's argument. */
struct catalogue_search_arg {
	const char				*query;
	const struct store_practice_filter	*filter;
};
/* practice.c: the option lists of the catalogue's choices. deps holds
 * the départements grouped by région, with « Toute la région » (key
 * "R:code") first in each group when loaded with regions. */
struct practice_options {
	struct ui_form_option	*themes;
	size_t			 nthemes;
	struct ui_form_option	*types;
	size_t			 ntypes;
	struct ui_form_option	*deps;
	size_t			 ndeps;
	char			**owned;
	size_t			 nowned;
};
void	 practice_options_load(struct ui *, struct practice_options *,
	    int regions);
void	 practice_options_free(struct practice_options *);
/* practice.c: why a decision on a record waiting for approval (publish,
 * return) did not happen, from the store's result: the role, a database
 * error, or (STORE_STATE) « La fiche n'attend plus de validation. » */
const char	*practice_decision_text(int rc);
/* screens.c: what a member reads when a store call did not return
 * STORE_OK: not_found for STORE_NOT_FOUND (NULL: the store's sentence),
 * else the store's sentence (store_rc_say), so that a database error is
 * never told as « n'existe pas » or « aucun ». Static, until the next
 * call. */
const char	*screen_rc_text(struct ui *, int rc, const char *not_found);
/* The exchange days (journées d'échanges): events.c, event_form.c. */
extern const struct ui_screen screen_events;	/* the lists; arg: int *
						 * enum store_event_which */
extern const struct ui_screen screen_event;	/* one day; arg: int64_t * */
extern const struct ui_screen screen_event_form; /* arg: int64_t *, 0: new */
/* The document shelf (bibliothèque). */
extern const struct ui_screen screen_shelf;	/* shelf.c: its menu */
extern const struct ui_screen screen_shelf_facets; /* shelf_facets.c: par thème... */
extern const struct ui_screen screen_docs;	/* docs.c: a list, or search results */
extern const struct ui_screen screen_doc;	/* doc.c: one document */
/* doc.c: open document id; find (or NULL): what a search looked for,
 * highlighted and shown from its first match. */
int	 doc_open(struct ui *, int64_t id, const char *find);

/* The board where documents are discussed (conf/boards.d/bibliotheque.conf). */
#define SHELF_BOARD	"bibliotheque"

struct store_doc_filter;
/* screen_docs' argument: a list (query NULL) or a search, narrowed by
 * filter (copied). */
struct docs_arg {
	const struct store_doc_filter	*filter;
	const char			*title;
	const char			*query;
};
/* shelf.c: what the shelf's screens share. */
void	 shelf_search_prompt(struct ui *, const struct store_doc_filter *);
void	 shelf_filter_copy(struct store_doc_filter *,
	    const struct store_doc_filter *);
void	 shelf_filter_clear(struct store_doc_filter *);
/* « Circulaire · 12 mars 2024 · Ministère de l'Intérieur » (new). */
char	*shelf_doc_line(const void *doc);
/* shelf_form.c: the curators' form (a sequence of questions). */
void	 shelf_form_start(struct ui *, int64_t doc_id);
/* ... to publish the file waiting in « À classer » under inbox_id. */
void	 shelf_form_publish(struct ui *, int64_t inbox_id, const char *name);

/* « Quoi de neuf » and « Ma veille » (issue 16): news.c, veille.c. */
extern const struct ui_screen screen_news;	/* news.c: Quoi de neuf */
extern const struct ui_screen screen_veille;	/* veille.c: Ma veille */
/* A thing one may follow, as store_follow_set() names it, and its name
 * for the member (« Emploi », « Circulaire »...). */
struct veille_thing {
	int		 kind;		/* enum store_follow_kind */
	int64_t		 id;
	const char	*key;
	const char	*label;
};
/* The key S of every screen: follow or unfollow the one thing it shows
 * (veille_toggle: 1 followed now, 0 not, -1 error, said to the member),
 * or tick among its things (veille_choose: « Suivre », ui_pick; the
 * things are copied). */
#define OP_VEILLE	(OP_SCREEN + 99)	/* above every screen's own */
#define VEILLE_KEY \
	{ 'S', OP_VEILLE, "S", "Suivre ou ne plus suivre (« Ma veille »)", 0 }
int	 veille_toggle(struct ui *, const struct veille_thing *);
int	 veille_choose(struct ui *, const struct veille_thing *, size_t n);
/* The things of one screen, gathered for veille_set_choose(), which
 * frees what the set holds. */
#define VEILLE_SET_MAX	24
struct veille_set {
	struct veille_thing	 t[VEILLE_SET_MAX];
	char			*owned[2 * VEILLE_SET_MAX];
	size_t			 n;
	size_t			 nowned;
};
void	 veille_set_add(struct veille_set *, int kind, int64_t id,
	    const char *key, const char *label);
/* A département (code) and its région. */
void	 veille_set_territory(struct ui *, struct veille_set *,
	    const char *departement);
/* Theme keys separated by spaces. */
void	 veille_set_themes(struct ui *, struct veille_set *,
	    const char *keys);
void	 veille_set_choose(struct ui *, struct veille_set *);

extern const struct ui_screen *const screens_all[];

/*
 * The key glossary (help.c): one meaning per letter on every screen. A
 * letter bound to a basic operation (op: OP_DOWN...) is bound to it
 * everywhere; any other binding of a letter has a label starting with
 * one of its words. Answers to a question (OP_YES, OP_NO: « o », « n »)
 * are not commands. tests/unit/test_keys.c holds every table to it.
 */
struct screens_gloss {
	int		 key;
	int		 op;		/* a basic operation, or OP_NONE */
	const char	*meaning;	/* as the help says it */
	const char	*words[4];	/* a label starts with one of them */
};
extern const struct screens_gloss screens_glossary[];

#endif
