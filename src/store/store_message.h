/*
 * store_message.h - private messages (messagerie): conversations between
 * two or more members, and blocks. Included by store.h; implemented in
 * store_message.c.
 *
 * Model (db/0006_people.sql):
 * - A conversation has a subject, its participants and its messages in
 *   id order (ids grow with time). Each participant has read every
 *   message with id <= their read_upto; a member's own messages are
 *   read by them when written.
 * - Privacy: every function takes the member who asks and answers only
 *   about conversations they take part in (1, "not found", otherwise).
 *   There is no reader for anybody else, sysops included: the interface
 *   has no way to show someone else's messages.
 * - Blocks: when A blocks B, B cannot start a conversation that
 *   includes A, and B's messages in a conversation they share are not
 *   shown to A nor counted as unread for A. B is not told which
 *   recipient refused, only that the message cannot be sent to them.
 */
#ifndef PALABRE_STORE_MESSAGE_H
#define PALABRE_STORE_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_RECIPIENTS_MAX	20	/* members per new conversation */

struct store_conversation {
	int64_t	 id;
	char	*subject;
	char	*others;	/* the other participants' names, « , » */
	int64_t	 created_at;
	int64_t	 last_message_at;
	int64_t	 nmessages;
	int64_t	 unread;	/* for the member who asked */
};
void	 store_conversation_clear(struct store_conversation *);
void	 store_conversation_list_free(struct store_conversation *, size_t);

struct store_message {
	int64_t	 id;
	int64_t	 conversation_id;
	int64_t	 author_id;
	int64_t	 parent_id;	/* 0: the first message */
	char	*author_login;	/* "" for an anonymised member */
	char	*author_name;	/* « ancien membre » if anonymised */
	char	*author_org;
	char	*body;
	int64_t	 created_at;
	int	 unread;	/* for the member who asked */
};
void	 store_message_clear(struct store_message *);
void	 store_message_list_free(struct store_message *, size_t);

/*
 * Check the recipients of a new conversation from member `from`: logins
 * separated by spaces or commas (a leading « @ » is allowed). 0 with
 * *names set to their display names (« Karim Benali, Élodie Nguyen »,
 * free()), or with *bad set to the login at fault (free()):
 * STORE_NOT_FOUND no active member has that login, STORE_BLOCKED that
 * member does not receive `from`'s messages, STORE_NO_RECIPIENT no
 * recipient but oneself, STORE_TOO_MANY (STORE_RECIPIENTS_MAX). -1 on
 * error.
 */
int	 store_recipients_check(struct store *, int64_t from, const char *to,
	    char **names, char **bad);
/*
 * Start a conversation from member `from` to the logins in `to`, with
 * its first message. Returns as store_recipients_check (*bad set for its
 * refusals), and as store_thread_new for the texts: STORE_TOO_LONG
 * (STORE_TITLE_MAX, STORE_BODY_MAX), STORE_EMPTY subject or body empty. Sets
 * *conversation_id and *message_id.
 */
int	 store_conversation_new(struct store *, int64_t from, const char *to,
	    const char *subject, const char *body, int64_t *conversation_id,
	    int64_t *message_id, char **bad);
/* Answer message parent_id in its conversation: STORE_NOT_FOUND if there is
 * no such message or member is not in its conversation; STORE_TOO_LONG,
 * STORE_EMPTY as above. */
int	 store_message_reply(struct store *, int64_t member, int64_t parent_id,
	    const char *body, int64_t *message_id);

/* The member's conversations, newest activity first. */
int	 store_conversation_list(struct store *, int64_t member,
	    struct store_conversation **list, size_t *n);
/* One of the member's conversations; STORE_NOT_FOUND if none or not
 * theirs. */
int	 store_conversation_get(struct store *, int64_t member, int64_t id,
	    struct store_conversation *);
/* The messages of one of the member's conversations that they may see,
 * oldest first, with unread set; STORE_NOT_FOUND if it is not theirs. */
int	 store_message_list(struct store *, int64_t member,
	    int64_t conversation_id, struct store_message **list, size_t *n);
/* One message of a conversation of the member's; STORE_NOT_FOUND if none
 * or not theirs. */
int	 store_message_get(struct store *, int64_t member, int64_t id,
	    struct store_message *);
/* Everything in the conversation is read by member (idempotent). */
int	 store_conversation_read(struct store *, int64_t member,
	    int64_t conversation_id);
/* Unread messages over all the member's conversations (home screen). */
int	 store_message_unread(struct store *, int64_t member, int64_t *n);

/* Give a message another date (demo data, imports): the message, and its
 * conversation's creation (first message) and last activity. Backdate in
 * chronological order. STORE_NOT_FOUND if there is no such message. */
int	 store_message_backdate(struct store *, int64_t message_id, int64_t t);

/* Block (on) or unblock another member: STORE_NOT_FOUND if `blocked` is the
 * member themself or no such member. Audit-logged nowhere: a block is
 * private too. */
int	 store_block_set(struct store *, int64_t member, int64_t blocked,
	    int on);
/* 1 if member blocks other, 0 if not, -1 on error. */
int	 store_block_is(struct store *, int64_t member, int64_t other);
/* The members that member blocks, by name (login, display_name set). */
int	 store_block_list(struct store *, int64_t member,
	    struct store_member **list, size_t *n);

#endif /* PALABRE_STORE_MESSAGE_H */
