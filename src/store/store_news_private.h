/*
 * store_news_private.h - what the store's writers call so that follows
 * and mentions are recorded where the text is stored (store_post.c,
 * store_message.c), whatever screen or command wrote it. Each runs
 * inside the caller's transaction.
 */
#ifndef PALABRE_STORE_NEWS_PRIVATE_H
#define PALABRE_STORE_NEWS_PRIVATE_H

#include "store/store_board_private.h"

/* Mentions recorded from one text at most (the first ones). */
#define STORE_MENTIONS_MAX	20

/* Follow thread_id for member_id, who just wrote in it (store_follow.c). */
int	 store_follow_auto_thread(struct store *, int64_t member_id,
	    int64_t thread_id, int64_t now);
/* A post was stored: the author follows its thread, the author of the
 * parent (0: none) gets a reply, the '@login' it names a mention. */
int	 store_news_post_written(struct store *, int64_t author_id,
	    int64_t board_id, int64_t thread_id, int64_t post_id,
	    int64_t parent_id, const char *body, int64_t now);
/* A post was edited (by its author or a moderator): the '@login' it
 * names now and did not before get a mention from its author. */
int	 store_news_post_edited(struct store *, int64_t author_id,
	    int64_t board_id, int64_t post_id, const char *body, int64_t now);
/* A private message was stored: the participants it names get a
 * mention. */
int	 store_news_message_written(struct store *, int64_t author_id,
	    int64_t conversation_id, int64_t message_id, const char *body,
	    int64_t now);

#endif /* PALABRE_STORE_NEWS_PRIVATE_H */
