/*
 * util.h - small helpers shared by every module: checked allocation,
 * logging, time and string utilities.
 *
 * Allocation failures are fatal (x* functions never return NULL): with one
 * process per session, an out-of-memory ends one session, never the board.
 * Log lines carry the calling function's name and go to stderr (the server
 * redirects stderr to its log file); untrusted strings must be passed
 * through log_escape() first.
 */
#ifndef PALABRE_UTIL_H
#define PALABRE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* Log levels, lowest first. */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void	 log_init(const char *progname, enum log_level);
void	 log_set_prefix(const char *);
/* Write log lines to fd instead of stderr (-1: drop them). */
void	 log_set_fd(int);
/* Where log lines go now (-1: nowhere), and the program's name in them
 * (for sandbox.c's signal handler, which cannot call log_msg). */
int	 log_get_fd(void);
const char *log_get_progname(void);
void	 log_msg(enum log_level, const char *func, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 fatal_msg(const char *func, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));

#define log_debug(...) log_msg(LOG_DEBUG, __func__, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __func__, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __func__, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __func__, __VA_ARGS__)
#define fatal(...) fatal_msg(__func__, __VA_ARGS__)

/*
 * Copy an untrusted string into buf for a log line: printable ASCII is
 * kept, everything else becomes \xNN; never longer than size - 1 bytes.
 * Returns buf.
 */
char	*log_escape(char *buf, size_t size, const char *s);

/* Wall clock in seconds and monotonic clock in milliseconds. */
int64_t	 now_sec(void);
int64_t	 mono_ms(void);

/* n with its thousands set apart by a narrow no-break space, as French
 * writes them: « 981 619 ». */
void	 fmt_count(char *buf, size_t size, int64_t n);

/* Set or clear O_NONBLOCK / FD_CLOEXEC. Return 0 or -1 (errno set). */
int	 fd_set_nonblock(int, int);
int	 fd_set_cloexec(int);
/* One message of len bytes with up to FD_PASS_MAX descriptors
 * (SCM_RIGHTS) on a SOCK_SEQPACKET socket; flags for sendmsg, beside
 * MSG_NOSIGNAL. 0, or -1 (errno set). */
#define FD_PASS_MAX	4
int	 fd_send(int sock, const void *data, size_t len, const int *fds,
	    int nfds, int flags);
/* One whole message of exactly len bytes, and up to maxfds descriptors
 * (close-on-exec; the rest closed; *nfds how many). 0, 1 at the peer's
 * end, or -1 (errno set; EBADMSG for a message of another size). */
int	 fd_recv(int sock, void *data, size_t len, int *fds, int maxfds,
	    int *nfds);
/* fsync() the file or directory at path: 0, or -1 (errno set). After a
 * rename, sync the directory that holds the new name. */
int	 fs_sync(const char *path);
/*
 * Why a file cannot be opened, in French, from what the system says of
 * it and of its folder (« dossier en lecture seule », « fichier absent
 * »...); NULL if nothing is seen wrong. PATH_WRITE: it is written, and so
 * are files beside it (SQLite's -wal, -shm); PATH_CREATE: it may be
 * missing. The answer is a static string.
 */
#define PATH_WRITE	0x01
#define PATH_CREATE	0x02
const char *path_problem(const char *path, int flags);

/* Growable byte buffer. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_consume(struct buf *, size_t);
/* s as a JSON string: quotes, backslashes and control characters
 * escaped (the GDPR export, the commands' --json). */
void	 buf_json_str(struct buf *, const char *s);
/* NUL-terminate and hand over the data; the buffer is left empty. */
char	*buf_detach(struct buf *);

/* Read a whole file of at most max bytes into *text (NUL-terminated,
 * *len bytes before the NUL). 0, or -1 with errno set (EFBIG if larger). */
int	 file_read(const char *path, size_t max, char **text, size_t *len);
/* Replace path with data atomically (a temporary file beside it, then
 * rename), mode applied to a new file. 0, or -1 with errno set. */
int	 file_replace(const char *path, const void *data, size_t len,
	    unsigned mode);

#endif /* PALABRE_UTIL_H */
