/*
 * store_board_private.h - what the boards' store files (store_board.c,
 * store_post.c, store_read.c, store_draft.c, store_search.c) share and
 * nobody else sees.
 */
#ifndef PALABRE_STORE_BOARD_PRIVATE_H
#define PALABRE_STORE_BOARD_PRIVATE_H

#include "store/store_private.h"

/* An author's name as shown: anonymised members are « ancien membre ». */
#define STORE_AUTHOR_NAME(m) "CASE WHEN " m ".status = 'anonymise' " \
	"THEN 'ancien membre' ELSE " m ".display_name END"

/* 1 if the opening post of thread t is hidden, else 0: its title, which
 * is that post's, is then shown to moderators only, others read this
 * instead. An integer, not a comparison (a boolean on PostgreSQL, which
 * COALESCE will not mix with 0): a condition writes it « = 1 ». */
#define STORE_OPENING_HIDDEN(t) "COALESCE((SELECT CASE WHEN o.hidden_at " \
	"IS NULL THEN 0 ELSE 1 END FROM post o WHERE o.thread_id = " t ".id " \
	"ORDER BY o.id LIMIT 1), 0)"
#define STORE_HIDDEN_TITLE "Sujet masqué par la modération"

/* The columns store_board_fill() reads, from board b. */
#define STORE_BOARD_COLUMNS "b.id, b.key, b.title, b.description, " \
	"b.section, b.position, b.read_role, b.post_role, b.moderators, " \
	"b.approval, b.archived_at, b.nthreads, b.nposts, b.last_post_at"
#define STORE_BOARD_NCOLUMNS 14

int	 store_role_rank(int role);
void	 store_board_fill(struct store_stmt *, struct store_board *);
/* The board row, no permission check, no viewer counts; STORE_NOT_FOUND if
 * none. */
int	 store_board_raw(struct store *, int64_t id, struct store_board *);

/* Clean member text: STORE_OK with *out set, STORE_TOO_LONG,
 * STORE_EMPTY. */
int	 store_text_clean(const char *in, int multiline, size_t max,
	    char **out);

/* Recompute a thread's / a board's counters from their rows. */
int	 store_thread_recount(struct store *, int64_t thread_id);
int	 store_board_recount(struct store *, int64_t board_id);

/* Index / unindex a visible post (title: the thread's, opening post
 * only, else NULL). */
int	 store_fts_add(struct store *, int64_t post_id, const char *title,
	    const char *body);
int	 store_fts_del(struct store *, int64_t post_id, const char *title,
	    const char *body);

/*
 * The board mark (db/0015_read_board.sql): a read_thread row r is
 * current unless the member's read_board row rb for its board is newer;
 * a thread without a current row reads as rb says (every visible post
 * up to rb.upto read). rb joined as NULL (no mark) leaves every row
 * current.
 */
#define STORE_READ_CURRENT(r, rb) "(" r ".seq >= COALESCE(" rb ".seq, 0))"
/* The visible posts of board b (SQL) member m (SQL) has read, with rb
 * the member's read_board row for b joined (NULL if none): those the
 * mark alone makes read plus those of the current rows (one index
 * range, whatever the number of posts). */
#define STORE_BOARD_NREAD(m, b, rb) "(COALESCE(" rb ".nread, 0) + " \
	"(SELECT COALESCE(SUM(r.nread), 0) FROM read_thread r " \
	"WHERE r.member_id = " m " AND r.board_id = " b " AND " \
	STORE_READ_CURRENT("r", rb) "))"

/* Fold member's board mark into their row for an approved thread of
 * board_id (member 0: every member with a mark on the board), so that
 * the row is current and alone says what is read (in a transaction). */
int	 store_read_fold(struct store *, int64_t member_id, int64_t thread_id,
	    int64_t board_id);
/* A thread that joins board_id's approved threads (approved, or moved
 * there): an empty current row for each member whose mark on the board
 * would otherwise cover its posts (in a transaction). */
int	 store_read_place(struct store *, int64_t thread_id, int64_t board_id);
/* A post of board_id's thread_id hidden (delta -1) or shown again (+1):
 * the marks that make it read count it (in a transaction). */
int	 store_read_hidden(struct store *, int64_t board_id, int64_t thread_id,
	    int64_t post_id, int delta);
/* Move the read state of an approved thread from board `from' to `to'
 * (in a transaction). */
int	 store_read_move(struct store *, int64_t thread_id, int64_t from,
	    int64_t to);

/* Mark a post of an approved thread read for member (in a transaction):
 * 0 done or already read. */
int	 store_read_mark(struct store *, int64_t member_id, int64_t thread_id,
	    int64_t board_id, int64_t post_id);

/* The read state of member in a thread: upto and the marks. */
struct store_readstate {
	int64_t	 upto;
	int64_t	*read;		/* is_read = 1, sorted */
	size_t	 nread;
	int64_t	*unread;	/* is_read = 0, sorted */
	size_t	 nunread;
};
int	 store_readstate_get(struct store *, int64_t member_id,
	    int64_t thread_id, struct store_readstate *);
int	 store_readstate_is_read(const struct store_readstate *, int64_t);
void	 store_readstate_clear(struct store_readstate *);

/*
 * Tree order of n posts given in id order: order[] gets the indexes in
 * tree order (a reply after its parent, siblings in id order), depth[i]
 * the depth of post i. A parent not among the posts makes a root.
 */
void	 store_tree_order(const int64_t *ids, const int64_t *parents,
	    size_t n, size_t *order, int *depth);

#endif /* PALABRE_STORE_BOARD_PRIVATE_H */
