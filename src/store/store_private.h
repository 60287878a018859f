/*
 * store_private.h - what the store_*.c files share and nobody else sees:
 * the connection, the prepared-statement cache and small helpers around
 * sqlite3_bind/step/column that log SQLite's message on failure.
 *
 * Statements are looked up by the address of their SQL text, so the SQL
 * must be a static const string (never a heap or stack buffer, whose
 * address could come back holding other text). store_prepare() hands out
 * a reset statement with no bindings; store_done() resets it and clears
 * its bindings again so no read transaction outlives the call and no
 * binding points into freed memory. A statement is never used by two
 * callers at once (no nested use of one SQL text).
 */
#ifndef PALABRE_STORE_PRIVATE_H
#define PALABRE_STORE_PRIVATE_H

#include <sqlite3.h>

#include "store/store.h"

/* What store_step() returns besides -1 (error, logged). */
#define STORE_STEP_DONE	0	/* SQLITE_DONE */
#define STORE_STEP_ROW	1	/* SQLITE_ROW */
#define STORE_STEP_DUP	2	/* UNIQUE or PRIMARY KEY violation (not logged) */

struct store_stmt {
	const char	*sql;		/* static text: the cache key */
	sqlite3_stmt	*stmt;
};

struct store {
	sqlite3			*db;
	char			*path;
	int			 flags;		/* STORE_* given to store_open */
	struct store_stmt	*stmts;		/* prepared-statement cache */
	size_t			 nstmts;
	size_t			 capstmts;
	int			 depth;		/* store_begin() nesting */
	int			 failed;	/* an inner level rolled back */
	int			 wait_ms;	/* busy timeout (store_wait) */
	enum store_fault	 fault;		/* of the last failed step */
	void			(*notice_wake)(const char *, const char *);
	char			*notice_arg;	/* the hook's, copied */
	char			**notice_logins;	/* to wake at commit */
	size_t			 notice_n;
};

/* Notices (store_notice.c): wake the members told once the outermost
 * transaction commits; forget them when it rolls back. */
void		 store_notice_flush(struct store *);
void		 store_notice_drop(struct store *);
/* A notice (kind, actor, ref) for each member id that sql (static, ?1
 * and ?2 bound to a and b) returns. STORE_OK, or STORE_ERR. */
int		 store_notice_query(struct store *, const char *sql, int64_t a,
		    int64_t b, enum store_notice_kind, int64_t actor,
		    int64_t ref);
/* The replies and mentions a post written (or edited) at since made
 * (the rows of table mention, store_news.c), each told by author_id;
 * inside the post's transaction, once others can read it. STORE_OK, or
 * STORE_ERR. */
int		 store_notice_post(struct store *, int64_t post_id,
		    int64_t author_id, int64_t since);
/* A thread a moderator approved: store_notice_post() for each of its
 * posts not hidden, every row since it was written. STORE_OK, or
 * STORE_ERR. */
int		 store_notice_thread(struct store *, int64_t thread_id);

sqlite3_stmt	*store_prepare(struct store *, const char *sql);
/* sql prepared with ?1 bound to id: the statements that read or
 * change one member's or one row's rows. NULL on error (logged). */
sqlite3_stmt	*store_prepare_id(struct store *, const char *sql,
		    int64_t id);
void		 store_done(sqlite3_stmt *);
int		 store_step(struct store *, sqlite3_stmt *);
int		 store_run(struct store *, sqlite3_stmt *);

int		 store_bind_text(struct store *, sqlite3_stmt *, int,
		    const char *);
int		 store_bind_int64(struct store *, sqlite3_stmt *, int, int64_t);
int		 store_bind_id(struct store *, sqlite3_stmt *, int, int64_t);

/*
 * Step st (prepared and bound) to its end into a new array of elements of
 * `size` bytes, each zeroed then filled by row(). 0 with *list (free()
 * after clearing each element) and *n set; -1 on error, after passing the
 * filled elements to clear(). st is reset either way.
 */
int		 store_rows(struct store *, sqlite3_stmt *, size_t size,
		    void (*row)(sqlite3_stmt *, void *),
		    void (*clear)(void *), void **list, size_t *n);

/* Clear each of the n elements of `size` bytes of list, then free it
 * (NULL is a no-op): every store_*_list_free() is this. */
void		 store_list_free(void *list, size_t n, size_t size,
		    void (*clear)(void *));

char		*store_column_text(sqlite3_stmt *, int);

/* Search queries (store_search.c), shared by the boards and the shelf:
 * the folded words of what a member typed, their FTS5 expression (each
 * word or its plural forms, or a prefix typed with « * », ANDed; never
 * FTS syntax), and a snippet of body around the first match with the
 * matched words between "[" and "]". */
#define SEARCH_WORDS_MAX	16	/* words of a query kept */
struct store_words {
	char	*w[SEARCH_WORDS_MAX];
	int	 prefix[SEARCH_WORDS_MAX];	/* typed with a final « * » */
	size_t	 n;
};
void		 store_words_split(const char *, struct store_words *);
void		 store_words_clear(struct store_words *);
char		*store_words_match(const struct store_words *);
char		*store_snippet(const struct store_words *, const char *);
char		*store_column_str(sqlite3_stmt *, int);
/*
 * The store cleans every text it stores (txt_clean: valid UTF-8, NFC, no
 * control): a writer binds store_clean(text) of what its caller gave,
 * NULL taken as "". New string; TXT_MULTILINE keeps the line breaks.
 */
char		*store_clean(const char *, int flags);

#endif /* PALABRE_STORE_PRIVATE_H */
