/*
 * notice.h - waking a member's open sessions: RUN_DIR/notices/LOGIN, one
 * empty file per member who has opened a session.
 *
 * The listener watches, with one inotify instance, the file of every
 * member who has a session open (IN_CLOSE_WRITE only): woken when, and
 * only when, something was written for that member, it sends SIGUSR2 to
 * that member's session processes, which pass it on to their interface,
 * which reads what is new from the database once (store_notice.h). A
 * writer (any process that committed a notice: interface, SSH command,
 * sysop's command) opens the file for writing and closes it: no data,
 * no lock, no list of sessions to walk, and nothing at all if the member
 * never connected (no file). Idle sessions cost nothing: no process
 * wakes while nothing is written.
 *
 * The files stay when sessions end. They are empty and one per member.
 */
#ifndef PALABRE_NOTICE_H
#define PALABRE_NOTICE_H

/* Create RUN_DIR/notices if missing. 0, or -1 (errno). */
int	 notice_init(const char *run_dir);
/* The listener's inotify descriptor (non-blocking, close-on-exec), or
 * -1 (errno). */
int	 notice_watch_open(void);
/* Create the member's file if missing (opening it wakes nobody) and
 * watch it on fd: the watch descriptor, or -1 (errno; a login that is
 * not a plain file name is refused). */
int	 notice_watch_add(int fd, const char *run_dir, const char *login);
/* Stop watching (wd -1: nothing). */
void	 notice_watch_rm(int fd, int wd);
/* Read every pending event of fd: the distinct watches woken, at most
 * max, into wds; how many. */
size_t	 notice_woken(int fd, int *wds, size_t max);
/*
 * Wake the sessions of login: 1 if its file was there (someone may
 * watch), 0 if the member never connected, -1 on error (errno). The
 * signature fits store_notice_hook().
 */
int	 notice_wake(const char *run_dir, const char *login);
/* notice_wake() for store_notice_hook(): errors logged, not returned. */
void	 notice_wake_hook(const char *run_dir, const char *login);

#endif /* PALABRE_NOTICE_H */
