/*
 * store_notice.h - notices while connected: what must reach a member's
 * open sessions at once. Included by store.h; implemented in
 * store_notice.c (table: db/0012_notice.sql).
 *
 * The store writes a notice in the transaction of the change that
 * causes it (a private message, a reply to one of the member's posts, a
 * mention, a place obtained from an exchange day's waiting list), and
 * after the outermost commit calls the wake hook once per member told
 * (never after a rollback). The hook is the caller's: behind SSH it
 * opens RUN_DIR/notices/LOGIN (util/notice.h), which wakes that member's
 * sessions and nobody else's; each then reads its rows newer than the
 * last it showed, once.
 */
#ifndef PALABRE_STORE_NOTICE_H
#define PALABRE_STORE_NOTICE_H

#include <stddef.h>
#include <stdint.h>

enum store_notice_kind {
	NOTICE_MESSAGE = 1,	/* a private message for the member */
	NOTICE_REPLY,		/* a reply to one of their posts */
	NOTICE_MENTION,		/* « @login » in something they may read */
	NOTICE_PLACE		/* moved up from an event's waiting list */
};

struct store_notice {
	int64_t			 id;
	enum store_notice_kind	 kind;
	char			*who;		/* actor's name as shown */
	char			*what;		/* thread, subject or event */
	int64_t			 created_at;
};
void	 store_notice_clear(struct store_notice *);
void	 store_notice_list_free(struct store_notice *, size_t);

/*
 * After each outermost commit that wrote notices: wake(arg, login) once
 * per member told. arg is copied; wake NULL turns the hook off.
 */
void	 store_notice_hook(struct store *,
	    void (*wake)(const char *arg, const char *login), const char *arg);

/* The member's newest notice id into *id (0: none). STORE_OK, or
 * STORE_ERR. */
int	 store_notice_last(struct store *, int64_t member_id, int64_t *id);
/* The member's notices with id > after, oldest first, at most 20, into
 * *list (store_notice_list_free). STORE_OK, or STORE_ERR. */
int	 store_notice_since(struct store *, int64_t member_id, int64_t after,
	    struct store_notice **list, size_t *n);
/* One line of French for the status line, at most cols columns (cut
 * with « … »): « Élodie Nguyen vous a écrit ». New string. */
char	*store_notice_text(const struct store_notice *, size_t cols);

/*
 * Record a notice for member_id, inside the caller's transaction (or on
 * its own): kind, who caused it (0: nobody) and what (a post id for a
 * reply or a mention in a post, an event id for a place, 0 otherwise).
 * Nothing is recorded for an actor telling themselves. STORE_OK, or
 * STORE_ERR.
 */
int	 store_notice_add(struct store *, int64_t member_id,
	    enum store_notice_kind, int64_t actor_id, int64_t ref_id);

#endif /* PALABRE_STORE_NOTICE_H */
