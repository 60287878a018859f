/*
 * servelock.h - « is this database served? »: palabre serve holds a
 * POSIX write lock on DATABASE.lock (which also holds its pid, for
 * people) for as long as it runs; the lock goes with the process, even
 * if it is killed. « palabre admin restore » asks who holds it, and
 * holds it itself while it swaps the files, so that no server starts
 * on a half-restored database. Forked sessions do not inherit a POSIX
 * lock: the listener alone holds it.
 */
#ifndef PALABRE_SERVELOCK_H
#define PALABRE_SERVELOCK_H

#include <sys/types.h>

/*
 * Take the lock of database: its descriptor (keep it open: closing it
 * lets go), -2 if a process holds it (*holder set), -1 on error (errno
 * set).
 */
int	 serve_lock_take(const char *database, pid_t *holder);
/* The pid holding the lock of database, 0 if none, -1 on error. */
pid_t	 serve_lock_holder(const char *database);

#endif
