/*
 * sandbox.h - least privilege for each process kind (docs/SECURITY.md,
 * « Process privileges »): the listener drops root after binding and
 * loading the host keys; session and interface processes add
 * no_new_privs, a seccomp allow-list and (the interface) Landlock. Every
 * process that holds secrets is non-dumpable.
 */
#ifndef PALABRE_SANDBOX_H
#define PALABRE_SANDBOX_H

#include <sys/types.h>

/* The seccomp allow-lists (sandbox.c says what each holds and why). */
enum sandbox_kind {
	SANDBOX_SESSION,	/* the session process, and its UI until the
				 * UI installs its own */
	SANDBOX_UI,		/* palabre-ui behind SSH */
	SANDBOX_FILES		/* palabre-ui --sftp: the interface's list,
				 * sendmsg and recvmsg */
};

/* Exit status of a process that made a forbidden system call: 128 +
 * SIGSYS, what a shell shows for a death by SIGSYS. */
#define SANDBOX_EXIT_SYSCALL 159

/* No core dump, no ptrace by the same user, /proc/PID owned by root. */
void	 sandbox_nodump(void);

/*
 * Started as root with user set: hand the database's directory and
 * files, and the run directory, to user (never recursively: the host
 * keys stay root's), then
 * become user for good (setgroups, setgid, setuid; checked). Not root:
 * nothing to do. Started as root without user: a warning, and the
 * process stays root. 0, or -1 with the reason logged.
 */
int	 sandbox_drop(const char *user, const char *database,
	    const char *run_dir);

/* The listener, before its first fork: build the session's filter once
 * (names resolved, BPF made), so that each session only loads it. 0 or
 * -1. */
int	 sandbox_session_prepare(void);

/* The session process, before it reads anything from the network:
 * no_new_privs, non-dumpable, the session's allow-list (prepared, or
 * built here). 0 or -1. */
int	 sandbox_session(void);

/* The session, once its interface runs: kill() only towards that pid
 * (not other sessions of the same user). 0 or -1. */
int	 sandbox_session_kill_only(pid_t ui_pid);

/*
 * The interface behind SSH, after its configuration is read:
 * no_new_privs, non-dumpable, Landlock (read-only: the configuration,
 * the boards, the charter, terminfo, locales, time zones; read-write:
 * the database's directory and the run directory: its configuration's
 * copy, its registry entry), then the interface's allow-list. Landlock
 * is skipped with a log line where the kernel lacks it. 0 or -1.
 */
int	 sandbox_ui(const char *config_path, const char *database,
	    const char *run_dir, const char *boards_dir, const char *charter);

/*
 * The SFTP helper (palabre-ui --sftp): as sandbox_ui(), without boards
 * and charter, with files_dir read-write (drops into /depot/; by
 * default it lies in the database's directory, read-write already), and
 * the SANDBOX_FILES list.
 */
int	 sandbox_files(const char *config_path, const char *database,
	    const char *run_dir, const char *files_dir);

/* Load one allow-list into this process (no_new_privs first): a call
 * outside it ends the process with a log line naming the call and
 * SANDBOX_EXIT_SYSCALL. 0 or -1. For the tests; the above use it. */
int	 sandbox_seccomp(enum sandbox_kind);

#endif
