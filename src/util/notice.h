/*
 * notice.h - waking a member's open sessions: RUN_DIR/notices/LOGIN, one
 * empty file per member who has opened a session.
 *
 * Each full-screen session process watches its member's file with
 * inotify (IN_CLOSE_WRITE only), so it is woken when, and only when,
 * something was written for that member; it then signals its interface,
 * which reads what is new from the database once (store_notice.h). A
 * writer (any process that committed a notice: interface, SSH command,
 * sysop's command) opens the file for writing and closes it: no data,
 * no lock, no list of sessions to walk, and nothing at all if the member
 * never connected (no file). An idle session costs nothing: a blocked
 * poll with one more descriptor.
 *
 * The files stay when sessions end: a member's other sessions may still
 * watch the same inode. They are empty and one per member.
 */
#ifndef PALABRE_NOTICE_H
#define PALABRE_NOTICE_H

/* Create RUN_DIR/notices if missing. 0, or -1 (errno). */
int	 notice_init(const char *run_dir);
/*
 * Create the member's file if missing and watch it: a non-blocking,
 * close-on-exec inotify descriptor, readable after each wake. -1
 * (errno) if the login is not a plain file name or on error.
 */
int	 notice_watch(const char *run_dir, const char *login);
/* Read every pending event of a notice_watch() descriptor: 1 if there
 * was one (a wake), 0 if none. */
int	 notice_drain(int fd);
/*
 * Wake the sessions of login: 1 if its file was there (someone may
 * watch), 0 if the member never connected, -1 on error (errno). The
 * signature fits store_notice_hook().
 */
int	 notice_wake(const char *run_dir, const char *login);
/* notice_wake() for store_notice_hook(): errors logged, not returned. */
void	 notice_wake_hook(const char *run_dir, const char *login);

#endif /* PALABRE_NOTICE_H */
