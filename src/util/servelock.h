/*
 * servelock.h - « is this database served? »: palabre serve holds a
 * POSIX write lock on DATABASE.lock (which also holds its pid, for
 * people) for as long as it runs; the lock goes with the process, even
 * if it is killed. « palabre admin restore » asks who holds it, and
 * holds a read lock itself while it swaps the files, so that no server
 * starts on a half-restored database: a read lock needs only a read-only
 * descriptor, and the file may belong to root (the listener made it
 * before leaving root) while the restore runs as the service user.
 * Forked sessions do not inherit a POSIX lock: the listener alone holds
 * it.
 */
#ifndef PALABRE_SERVELOCK_H
#define PALABRE_SERVELOCK_H

#include <sys/types.h>

/*
 * Take the lock of database, the server's (exclusive: a write lock, the
 * pid written in the file) or a reader's (a read lock: no server can
 * start meanwhile): its descriptor (keep it open: closing it lets go),
 * -2 if a process holds a lock in the way (*holder set), -1 on error
 * (errno set).
 */
int	 serve_lock_take(const char *database, int exclusive, pid_t *holder);
/* The pid holding the lock of database, 0 if none, -1 on error. */
pid_t	 serve_lock_holder(const char *database);

#endif
