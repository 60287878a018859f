/*
 * store_board.h - the boards (forums d'échange): boards, threads, posts,
 * read state, drafts, reports, search. Included by store.h; implemented
 * in store_board.c (boards, sync, permissions), store_post.c (threads,
 * posts, moderation), store_read.c (read state, next unread),
 * store_draft.c (drafts), store_search.c (full text).
 *
 * Model (db/0002_boards.sql):
 * - A board has a stable key from its config file; its title, section,
 *   order, roles and moderators are overwritten by every sync. A board
 *   missing from the config is archived (archived_at set): hidden from
 *   lists and read-only, never deleted; it comes back if its file does.
 * - A thread belongs to one board; its first post is its opening message
 *   (parent 0). Replies have a parent in the same thread. Post ids grow
 *   with time, so "id order" is "chronological order".
 * - Counters kept up to date in the same transaction as every change:
 *   thread.nposts and board.nposts count the visible posts (not hidden)
 *   of approved threads; board.nthreads the approved threads with at
 *   least one visible post; last_post_at/last_post_id are those of the
 *   newest visible post.
 * - Read state, per member and per thread: read_thread(member, thread,
 *   board, upto, nread) says every visible post of the thread with
 *   id <= upto is read, except posts marked unread again; posts above
 *   upto read out of order are listed in read_mark. nread is the number
 *   of visible posts the member has read in the thread, so
 *   unread(board) = board.nposts - SUM(nread) over the member's rows for
 *   that board, and unread(thread) = thread.nposts - nread: neither
 *   depends on the number of posts. Moving a thread moves its read state
 *   with it; renaming or reordering boards changes nothing.
 * - Above the rows, read_board(member, board, upto, seq, nread): the
 *   board marked read up to a post, in one row (db/0015_read_board.sql).
 *   A read_thread row whose seq is below the mark's is stale: the thread
 *   then reads as the mark says (visible posts <= upto read), and its
 *   next write folds the mark into the row. With a mark,
 *   unread(board) = board.nposts - read_board.nread - SUM(nread) over
 *   the current rows (see store_read.c).
 * - Hiding a post (soft delete) records who, when and why, writes the
 *   audit log, removes it from search and from the counters (and from
 *   nread of the members who had read it). Editing keeps every previous
 *   version in post_version.
 * - Threads of a board with approval=1 start "à valider": only their
 *   author and the board's moderators see them until a moderator
 *   approves them.
 * - Search indexes txt_fold() of the thread title (opening post only)
 *   and of the body in an FTS5 table, so « integration » finds
 *   « intégration » and « oeuvre » finds « œuvre ». Query words are
 *   ANDed and match as prefixes (« logement » finds « logements »).
 *
 * Permissions: a member may read a board if their role rank is at least
 * read_role's, post if at least post_role's (ranks: invité 0; membre,
 * documentaliste, organisateur 1; modérateur 2; sysop 3). Moderators of
 * a board: the logins listed in its config, every modérateur and every
 * sysop. Archived boards: read-only for everyone, listed to nobody.
 */
#ifndef PALABRE_STORE_BOARD_H
#define PALABRE_STORE_BOARD_H

#include <stddef.h>
#include <stdint.h>

/* Bounds on what members write (bytes, after cleaning). */
#define STORE_TITLE_MAX		200
#define STORE_BODY_MAX		(64 * 1024)
#define STORE_REASON_MAX	500

/* --- Boards ---------------------------------------------------------------- */

/* A board as the config describes it (input of store_board_sync). */
struct store_board_conf {
	char	*key;		/* [a-z0-9-], 1..40 */
	char	*title;
	char	*description;
	char	*section;	/* "Emploi"; "" groups under « Divers » */
	int	 position;	/* order within the whole list */
	int	 read_role;	/* enum store_role */
	int	 post_role;
	char	*moderators;	/* logins separated by spaces; may be "" */
	int	 approval;	/* new threads wait for a moderator */
	char	*path;		/* the file it was read from, or NULL */
	int	 moderators_line; /* of « moderators » in path; 0: none */
};
void	 store_board_conf_clear(struct store_board_conf *);

/*
 * Make the board table match confs: insert new keys, update the others,
 * archive boards whose key is absent, unarchive those that are back. One
 * transaction; each change goes to the audit log ("board.add",
 * "board.update", "board.archive", "board.restore"). *changed (may be
 * NULL) gets the number of boards added, changed or (un)archived.
 */
int	 store_board_sync(struct store *, const struct store_board_conf *,
	    size_t n, int *changed);

struct store_board {
	int64_t	 id;
	char	*key;
	char	*title;
	char	*description;
	char	*section;
	int	 position;
	int	 read_role;
	int	 post_role;
	char	*moderators;
	int	 approval;
	int64_t	 archived_at;	/* 0: active */
	int64_t	 nthreads;
	int64_t	 nposts;
	int64_t	 last_post_at;	/* 0: empty */
	/* For the member who asked (store_board_list/_get): */
	int64_t	 unread;	/* visible posts not read */
	int64_t	 new_threads;	/* threads created after `since` */
	int	 can_post;
	int	 can_moderate;
};
void	 store_board_clear(struct store_board *);
void	 store_board_list_free(struct store_board *, size_t);

/* Who is asking: the permissions and read state are theirs. */
struct store_viewer {
	int64_t		 member_id;
	const char	*login;
	int		 role;		/* enum store_role */
	int64_t		 since;		/* last visit (new threads after it) */
};

/* The active boards viewer may read, ordered by position then title,
 * with their counts for viewer. */
int	 store_board_list(struct store *, const struct store_viewer *,
	    struct store_board **list, size_t *n);
/* One board by id (archived ones too, for a thread moved or found by
 * search). STORE_NOT_FOUND if there is none or viewer may not read
 * it. */
int	 store_board_get(struct store *, const struct store_viewer *,
	    int64_t id, struct store_board *);
int	 store_board_by_key(struct store *, const struct store_viewer *,
	    const char *key, struct store_board *);
/* Every board, archived ones too, by position then title, with their
 * counts; no viewer (the sysop's "palabre admin board list" and the
 * summary of a sync). In store_board_admin.c. */
int	 store_board_list_all(struct store *, struct store_board **list,
	    size_t *n);
/* Permission checks from a board row (no query). */
int	 store_board_can_read(const struct store_board *,
	    const struct store_viewer *);
int	 store_board_can_post(const struct store_board *,
	    const struct store_viewer *);
int	 store_board_can_moderate(const struct store_board *,
	    const struct store_viewer *);

/* --- Threads ----------------------------------------------------------------- */

enum store_thread_state { THREAD_PUBLIE, THREAD_A_VALIDER, THREAD_REFUSE };

struct store_thread {
	int64_t	 id;
	int64_t	 board_id;
	char	*title;
	int64_t	 author_id;
	char	*author_name;	/* display name; « ancien membre » if gone */
	int64_t	 created_at;
	int64_t	 last_post_at;
	int64_t	 last_post_id;
	char	*last_author_name;
	int64_t	 nposts;
	int	 pinned;
	int	 locked;
	int	 state;		/* enum store_thread_state */
	int64_t	 unread;	/* for the viewer */
	int	 title_hidden;	/* opening post hidden: others read
				 * « Sujet masqué par la modération » */
};
void	 store_thread_clear(struct store_thread *);
void	 store_thread_list_free(struct store_thread *, size_t);

/* Threads of a board for viewer: pinned first, then newest activity
 * first; unapproved ones only for their author and moderators. At most
 * max (0: all) from offset. */
int	 store_thread_list(struct store *, const struct store_viewer *,
	    int64_t board_id, size_t offset, size_t max,
	    struct store_thread **list, size_t *n);
/* The same list keyset-paged: at most max (0: all) threads following
 * after (a thread of the previous page, as listed; NULL: from the first).
 * A deep page costs what the first does, where an offset reads every row
 * before it. A thread whose activity changed between two pages is where
 * its new key puts it: a new post moves it above the cursor (seen at the
 * next reload), hiding its newest post may move it below (listed again). */
int	 store_thread_list_after(struct store *, const struct store_viewer *,
	    int64_t board_id, const struct store_thread *after, size_t max,
	    struct store_thread **list, size_t *n);
/* The other way: at most max (0: all) threads preceding before, in list
 * order (NULL: the last max of the list, for « Fin » without reading the
 * threads above them). */
int	 store_thread_list_before(struct store *, const struct store_viewer *,
	    int64_t board_id, const struct store_thread *before, size_t max,
	    struct store_thread **list, size_t *n);
/* STORE_NOT_FOUND if there is none or viewer may not see it. */
int	 store_thread_get(struct store *, const struct store_viewer *,
	    int64_t id, struct store_thread *);

/* --- Posts ------------------------------------------------------------------- */

struct store_post {
	int64_t	 id;
	int64_t	 thread_id;
	int64_t	 board_id;
	int64_t	 parent_id;	/* 0: opening post */
	int64_t	 author_id;
	char	*author_login;
	char	*author_name;
	char	*author_org;
	char	*body;
	int64_t	 created_at;
	int64_t	 edited_at;	/* 0: never */
	int	 nversions;	/* previous versions kept */
	int64_t	 hidden_at;	/* 0: visible */
	char	*hidden_by_name;
	char	*hidden_reason;
	int	 depth;		/* in the thread's tree (store_post_tree) */
	int	 unread;	/* for the viewer */
};
void	 store_post_clear(struct store_post *);
void	 store_post_list_free(struct store_post *, size_t);

/*
 * The posts of a thread in tree order (a reply after its parent, siblings
 * in id order), with depth set. Hidden posts are included only for
 * moderators (hidden_at set; the others never see them).
 */
int	 store_post_tree(struct store *, const struct store_viewer *,
	    int64_t thread_id, struct store_post **list, size_t *n);
/* STORE_NOT_FOUND if there is none, or it is hidden and viewer is no
 * moderator, or viewer may not read its board. */
int	 store_post_get(struct store *, const struct store_viewer *,
	    int64_t id, struct store_post *);

/*
 * New thread: title and body are cleaned here (txt_clean, NFC) and
 * bounded (STORE_TITLE_MAX, STORE_BODY_MAX: STORE_TOO_LONG, nothing
 * written; STORE_EMPTY if empty after cleaning); STORE_FORBIDDEN if
 * viewer may not post there or the board is archived. Sets *thread_id
 * and *post_id. The author has read their own post. In a board with approval the thread waits
 * (THREAD_A_VALIDER) unless the author moderates the board.
 */
int	 store_thread_new(struct store *, const struct store_viewer *,
	    int64_t board_id, const char *title, const char *body,
	    int64_t *thread_id, int64_t *post_id);
/* Reply to parent_id (in its thread). Same returns, and STORE_LOCKED if
 * the thread is locked (moderators may still reply). */
int	 store_post_reply(struct store *, const struct store_viewer *,
	    int64_t parent_id, const char *body, int64_t *post_id);
/*
 * Give a post another date (demo data, imports: "palabre admin post --date"):
 * post.created_at, the thread's created_at if it opens it, and last_post_at of
 * its thread and board if it is their newest post. Post ids stay in creation
 * order: backdate in chronological order. STORE_NOT_FOUND if there is no such
 * post. In store_board_admin.c.
 */
int	 store_post_backdate(struct store *, int64_t post_id, int64_t t);
/* Edit one's own post (moderators: any post): the former body goes to
 * post_version. Same returns as store_thread_new; STORE_FORBIDDEN if not
 * allowed. */
int	 store_post_edit(struct store *, const struct store_viewer *,
	    int64_t post_id, const char *body);

struct store_post_version {
	int	 version;	/* 1 = the original */
	char	*body;
	int64_t	 written_at;
};
/* Previous versions of a post, oldest first (moderators only, else
 * STORE_FORBIDDEN). */
int	 store_post_versions(struct store *, const struct store_viewer *,
	    int64_t post_id, struct store_post_version **list, size_t *n);
void	 store_post_version_list_free(struct store_post_version *, size_t);

/* --- Moderation (STORE_FORBIDDEN if viewer does not moderate the board) --- */

int	 store_post_hide(struct store *, const struct store_viewer *,
	    int64_t post_id, const char *reason);
int	 store_post_unhide(struct store *, const struct store_viewer *,
	    int64_t post_id);
int	 store_thread_set_pinned(struct store *, const struct store_viewer *,
	    int64_t thread_id, int on);
int	 store_thread_set_locked(struct store *, const struct store_viewer *,
	    int64_t thread_id, int on);
/* Move to another active board (viewer moderates both). */
int	 store_thread_move(struct store *, const struct store_viewer *,
	    int64_t thread_id, int64_t board_id);
/* Approve (on) or refuse (off, with a reason) a waiting thread;
 * STORE_STATE if it no longer waits. */
int	 store_thread_approve(struct store *, const struct store_viewer *,
	    int64_t thread_id, int on, const char *reason);

/* A member reports a post (one open report per member and post:
 * STORE_EXISTS if already reported); STORE_NOT_FOUND no such post for
 * the viewer. */
int	 store_report_add(struct store *, const struct store_viewer *,
	    int64_t post_id, const char *reason);

struct store_report {
	int64_t	 id;
	int64_t	 post_id;
	int64_t	 thread_id;
	char	*thread_title;
	char	*board_title;
	char	*reporter_name;
	char	*reason;
	int64_t	 created_at;
	char	*excerpt;	/* the post's first line */
};
void	 store_report_list_free(struct store_report *, size_t);
/* Open reports on the boards viewer moderates, oldest first. */
int	 store_report_list(struct store *, const struct store_viewer *,
	    struct store_report **list, size_t *n);
/* Close a report (done: the post was dealt with, or dismissed). */
int	 store_report_close(struct store *, const struct store_viewer *,
	    int64_t report_id, const char *resolution);
/* Threads waiting for approval on the boards viewer moderates. */
int	 store_thread_waiting(struct store *, const struct store_viewer *,
	    struct store_thread **list, size_t *n);
/* Open reports + waiting threads, for the home screen. */
int	 store_moderation_count(struct store *, const struct store_viewer *,
	    int64_t *n);

/* --- Read state ---------------------------------------------------------------- */

int	 store_read_post(struct store *, const struct store_viewer *,
	    int64_t post_id);		/* idempotent */
int	 store_unread_post(struct store *, const struct store_viewer *,
	    int64_t post_id);		/* mark unread again */
int	 store_read_thread(struct store *, const struct store_viewer *,
	    int64_t thread_id);		/* everything in it */
int	 store_read_board(struct store *, const struct store_viewer *,
	    int64_t board_id);
/*
 * The next unread post after the position (board_id, thread_id) in
 * reading order: the rest of this thread (tree order), then the
 * following threads of this board in list order, then the following
 * boards in list order, then from the first board again up to the
 * position. STORE_OK with *post_id set, STORE_NOT_FOUND if nothing is
 * unread anywhere.
 * board_id 0 starts from the first board.
 */
int	 store_next_unread(struct store *, const struct store_viewer *,
	    int64_t board_id, int64_t thread_id, int64_t *post_id);
/* Total unread over the boards viewer may read (home screen). */
int	 store_unread_total(struct store *, const struct store_viewer *,
	    int64_t *n);

/* --- Drafts ------------------------------------------------------------------- */

/* DRAFT_MESSAGE: a new private conversation (title: its subject,
 * recipients: the logins it goes to); DRAFT_MSG_REPLY: an answer to the
 * private message target_id (store_message.h). */
enum store_draft_kind { DRAFT_THREAD, DRAFT_REPLY, DRAFT_EDIT,
	DRAFT_MESSAGE, DRAFT_MSG_REPLY };

struct store_draft {
	int64_t	 id;
	int	 kind;		/* enum store_draft_kind */
	int64_t	 board_id;	/* DRAFT_THREAD; minus a document's id: the
				 * first comment on that document */
	int64_t	 target_id;	/* parent (reply) or post (edit); minus a
				 * practice record's id: the first comment
				 * on that record */
	char	*title;		/* DRAFT_THREAD, DRAFT_MESSAGE */
	char	*body;
	char	*recipients;	/* DRAFT_MESSAGE: logins, spaces between */
	int64_t	 updated_at;
	char	*context;	/* for lists: « Réponse à X dans Y » */
};
void	 store_draft_clear(struct store_draft *);
void	 store_draft_list_free(struct store_draft *, size_t);

/* Save (insert or replace) the member's draft for (kind, board or
 * target): one per context (one new conversation at a time). Texts are stored as given, bounded. Sets
 * d->id. STORE_DRAFT_SENT if d->id names a draft that was sent
 * meanwhile (nothing saved); on -1, store_fault() says why. */
int	 store_draft_save(struct store *, int64_t member_id,
	    struct store_draft *d);
/* The draft for that context (STORE_NOT_FOUND if none). */
int	 store_draft_find(struct store *, int64_t member_id, int kind,
	    int64_t board_or_target, struct store_draft *);
int	 store_draft_delete(struct store *, int64_t member_id, int64_t id);
/* The member's drafts, newest first, with context filled in. */
int	 store_draft_list(struct store *, int64_t member_id,
	    struct store_draft **list, size_t *n);

/*
 * Sending a draft: what it becomes (a post, a private message, a
 * comment, a record, an event) is stored and the draft consumed in one
 * transaction, so that a crash leaves either both or neither. The draft
 * is kept, emptied, as what it became (sent_as): it cannot be sent
 * twice, nor saved again by an editor that still holds it.
 */
/* STORE_DRAFT_SENT (store_rc.h): that draft was sent already. */
enum store_draft_table {
	DRAFT_OF_TEXT,		/* draft: posts, messages, comments */
	DRAFT_OF_PRACTICE,	/* practice_draft */
	DRAFT_OF_EVENT		/* event_draft */
};
struct store_draft_ref {
	int	 table;		/* enum store_draft_table */
	int64_t	 id;		/* DRAFT_OF_TEXT: the draft's id (0: none
				 * saved); else the record's or event's id
				 * (0: a new one) */
	int64_t	 since;		/* forms: when the form was filled from the
				 * store (now_sec()); a draft sent later
				 * than that is this one */
};
/*
 * In one transaction (waiting at most STORE_WAIT_SEND for the write
 * lock): check the draft was not sent, call send(s, arg, &made), which
 * stores the text and returns 0 with made set to the id of what it
 * became, or its own refusal code; then mark the draft sent as made.
 * Returns send()'s code (nothing kept unless 0), STORE_DRAFT_SENT, or -1
 * (store_fault() says why).
 */
int	 store_draft_send(struct store *, int64_t member_id,
	    const struct store_draft_ref *,
	    int (*send)(struct store *, void *, int64_t *made), void *arg);

/* --- Search ---------------------------------------------------------------------- */

struct store_hit {
	int64_t	 post_id;
	int64_t	 thread_id;
	int64_t	 board_id;
	char	*board_title;
	char	*thread_title;
	char	*author_name;
	int64_t	 created_at;
	char	*snippet;	/* a line of the body around the first match,
				 * matched words between « [ » and « ] » */
};
void	 store_hit_list_free(struct store_hit *, size_t);

/*
 * Search the visible posts of the boards viewer may read. query is what
 * the member typed (any text: words are folded, quoted, ANDed,
 * prefix-matched; FTS syntax is never passed through). Newest first,
 * among the newest 500 matches, at most max. STORE_EMPTY if the query
 * has no word.
 */
int	 store_search(struct store *, const struct store_viewer *,
	    const char *query, size_t max, struct store_hit **list, size_t *n);

#endif /* PALABRE_STORE_BOARD_H */
