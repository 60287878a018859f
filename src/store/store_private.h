/*
 * store_private.h - what the store_*.c files share and nobody else sees:
 * the connection, and the engine API (bind, step, columns, changes,
 * errors) that the engine (store_sqlite.c) implements and every other
 * store file uses instead of the engine's own calls, logging the engine's
 * message on failure.
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

#include <stdint.h>

#include "store/store.h"

/* What store_step() returns besides -1 (error, logged). */
#define STORE_STEP_DONE	0	/* SQLITE_DONE */
#define STORE_STEP_ROW	1	/* SQLITE_ROW */
#define STORE_STEP_DUP	2	/* UNIQUE or PRIMARY KEY violation (not logged) */

struct store_db;	/* the engine's connection and statement cache */
struct store_engine;	/* its functions (store_engine.h) */
struct store_stmt;	/* a prepared statement of the engine */

struct store {
	const struct store_engine *eng;	/* store_engine.h */
	struct store_db		*db;	/* the engine's */
	char			*path;
	int			 flags;		/* STORE_* given to store_open */
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

/* Set *cause (if cause is not NULL) to a new formatted message. */
void		 store_cause(char **cause, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Why the database could not be opened: the system's reason in French
 * when it has one, else msg (the engine's). */
const char	*store_open_why(const struct store *, const char *msg);

/*
 * The engine (store_engine.c dispatches to store_sqlite.c).
 * store_db_open: s->path opened as s->flags say and set up; 0, or -1
 * with *cause (s->db may then be set: pass s to store_db_close).
 * store_db_close: the connection closed, its statements freed (none
 * opened is a no-op). store_in_tx: whether a transaction is open.
 * store_exec: static SQL of one or more statements, no row read; 0, or
 * -1 logged with the message copied into *errmsg (if not NULL).
 * store_errmsg: the engine's message of the last failure.
 * store_changes: rows changed by the last INSERT, UPDATE or DELETE.
 * store_last_id: the row id of the last INSERT.
 */
int		 store_db_open(struct store *, char **cause);
void		 store_db_close(struct store *);
int		 store_in_tx(struct store *);
int		 store_exec(struct store *, const char *sql, char **errmsg);
const char	*store_errmsg(struct store *);
int		 store_changes(struct store *);
int64_t		 store_last_id(struct store *);
/* Make SQL name(text) call fn(arg, text): a new string (free()), or NULL
 * to give text back unchanged; NULL text is passed through. fn NULL
 * removes it. 0 or -1 (logged). */
int		 store_function(struct store *, const char *name,
		    char *(*fn)(void *, const char *), void *arg);
/* At most the first max bytes of column of the row of table whose
 * integer primary key (SQLite's rowid) key is id, possibly cut inside a
 * character, read without loading the rest: a new NUL-terminated
 * buffer of *len bytes, "" when there is no such row. */
char		*store_text_head(struct store *, const char *table,
		    const char *key, const char *column, int64_t id, int max,
		    int *len);

struct store_stmt *store_prepare(struct store *, const char *sql);
/* sql prepared with ?1 bound to id: the statements that read or
 * change one member's or one row's rows. NULL on error (logged). */
struct store_stmt *store_prepare_id(struct store *, const char *sql,
		    int64_t id);
void		 store_done(struct store_stmt *);
int		 store_step(struct store *, struct store_stmt *);
int		 store_run(struct store *, struct store_stmt *);
/* store_run() of an INSERT ... RETURNING id, the new row's id into *id
 * (0 if no row was inserted): 0, 1 on a duplicate key, -1 (logged). */
int		 store_insert(struct store *, struct store_stmt *, int64_t *id);

int		 store_bind_text(struct store *, struct store_stmt *, int,
		    const char *);
int		 store_bind_int64(struct store *, struct store_stmt *, int,
		    int64_t);
int		 store_bind_id(struct store *, struct store_stmt *, int,
		    int64_t);
/* How many parameters (?N, the highest N) the statement takes. */
int		 store_bind_count(struct store_stmt *);

/*
 * Step st (prepared and bound) to its end into a new array of elements of
 * `size` bytes, each zeroed then filled by row(). 0 with *list (free()
 * after clearing each element) and *n set; -1 on error, after passing the
 * filled elements to clear(). st is reset either way.
 */
int		 store_rows(struct store *, struct store_stmt *, size_t size,
		    void (*row)(struct store_stmt *, void *),
		    void (*clear)(void *), void **list, size_t *n);

/* Clear each of the n elements of `size` bytes of list, then free it
 * (NULL is a no-op): every store_*_list_free() is this. */
void		 store_list_free(void *list, size_t n, size_t size,
		    void (*clear)(void *));

/*
 * Columns of the row a step returned, from 0. SQL NULL reads as 0 or
 * NULL; _peek's text is the engine's, valid until the next step or
 * store_done(); _text copies it (NULL for SQL NULL), _str too ("" for
 * SQL NULL). _isint: the value is an integer (not text, not NULL).
 */
int64_t		 store_column_int64(struct store_stmt *, int);
int		 store_column_int(struct store_stmt *, int);
const char	*store_column_peek(struct store_stmt *, int);
int		 store_column_null(struct store_stmt *, int);
int		 store_column_isint(struct store_stmt *, int);
int		 store_column_count(struct store_stmt *);
const char	*store_column_name(struct store_stmt *, int);
char		*store_column_text(struct store_stmt *, int);

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
char		*store_column_str(struct store_stmt *, int);
/*
 * The store cleans every text it stores (txt_clean: valid UTF-8, NFC, no
 * control): a writer binds store_clean(text) of what its caller gave,
 * NULL taken as "". New string; TXT_MULTILINE keeps the line breaks.
 */
char		*store_clean(const char *, int flags);

#endif /* PALABRE_STORE_PRIVATE_H */
