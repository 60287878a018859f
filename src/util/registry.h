/*
 * registry.h - the registry of open sessions: one small file per session
 * in RUN_DIR/sessions/, named by the session process's pid.
 *
 * The session process writes its entry when it starts the member's
 * interface and removes it when it ends; in between only the interface
 * rewrites it (section, charset, window size, last key), each time
 * whole and atomically. A session killed outright leaves its file: an
 * entry is live only while a process with its pid *and* its start time
 * (field 22 of /proc/PID/stat) exists, which defeats pid reuse.
 *
 * The listener adopts the live entries when it starts (sessions left by
 * a listener that crashed), and `palabre admin who|kick|broadcast` read
 * them. Signals go through a pidfd opened then checked against the
 * start time and against the owner of the entry's file (a process may
 * only name processes of its own user: an entry written by a subverted
 * interface cannot turn the sysop's root shell against anyone else), so
 * they never reach a stranger.
 */
#ifndef PALABRE_REGISTRY_H
#define PALABRE_REGISTRY_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

struct registry_entry {
	pid_t		 pid;		/* the session process */
	uint64_t	 start;		/* its start time, ticks since boot */
	char		 login[64];
	int64_t		 since;		/* Unix time of the login */
	char		 peer[64];	/* "127.0.0.1:51234" */
	char		 charset[16];	/* "utf-8", "latin-9"... ; "" unknown */
	int		 cols, rows;
	char		 section[160];	/* the screen's title, clean UTF-8 */
	int64_t		 last_key;	/* Unix time; a minute old at most */
	uid_t		 uid;		/* owner of its file (not written) */
};

/* Create RUN_DIR and RUN_DIR/sessions if missing. 0, or -1 (errno). */
int	 registry_init(const char *run_dir);
/* Write (replace) the entry of e->pid. 0, or -1 (errno). */
int	 registry_write(const char *run_dir, const struct registry_entry *);
/* Read the entry of pid. 0, or -1 (missing or malformed). */
int	 registry_read(const char *run_dir, pid_t, struct registry_entry *);
/* Remove the entry of pid and its kick mark. */
void	 registry_remove(const char *run_dir, pid_t);
/*
 * The live entries, in pid order, into *list (free() it). With prune,
 * the files of dead sessions are removed. 0, or -1 if the directory
 * cannot be read (errno).
 */
int	 registry_list(const char *run_dir, int prune,
	    struct registry_entry **list, size_t *n);
/* The start time of pid from /proc. 0, or -1 if there is no such pid. */
int	 registry_start_time(pid_t, uint64_t *);
/* A pidfd for the entry's process if it is still that process and runs
 * as e->uid, else -1. */
int	 registry_pidfd(const struct registry_entry *);
/* Send sig to the entry's process through a checked pidfd. 0, or -1. */
int	 registry_signal(const struct registry_entry *, int sig);

/*
 * What the sysop tells open sessions. They learn of it through SIGUSR2
 * (the session process passes it on to its interface), then look here:
 * a kick mark RUN_DIR/sessions/PID.kick, and the last announcement,
 * RUN_DIR/annonce.txt (one line of clean text).
 */
int	 registry_kick(const char *run_dir, const struct registry_entry *);
int	 registry_kicked(const char *run_dir, pid_t);
int	 registry_announce(const char *run_dir, const char *text);
/* The announcement into buf if it changed since *stamp (updated): 1;
 * 0 if none or unchanged. */
int	 registry_announcement(const char *run_dir, int64_t *stamp, char *buf,
	    size_t size);

/*
 * The most sessions open at once, RUN_DIR/pointe.txt (« N EPOCH »),
 * written by the listener when a session raises it, read by
 * « admin stats ». registry_peak: 0 and *n, *when; -1 if none yet.
 */
int	 registry_peak_note(const char *run_dir, size_t n);
int	 registry_peak(const char *run_dir, size_t *n, int64_t *when);

#endif /* PALABRE_REGISTRY_H */
