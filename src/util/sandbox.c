/*
 * sandbox.c - least privilege: the listener's drop from root, and the
 * seccomp and Landlock sandboxes of the session and interface processes.
 *
 * Process kinds (docs/SECURITY.md has the table):
 *  - the listener binds, loads the host keys, hands the database's
 *    directory to the service user, then becomes that user for good, with
 *    no_new_privs; it is non-dumpable from its first line (host keys);
 *  - a session process (forked by the listener, so already unprivileged
 *    and non-dumpable) loads the session allow-list before it reads
 *    anything from the network. The listener builds that filter once
 *    (libseccomp's BPF, exported): a session only loads it, 0.17 ms
 *    instead of 0.53 (3 ms under ASan), which counts when hundreds of
 *    connections arrive at once;
 *  - the interface, exec'd by the session on the pty, inherits that
 *    filter (filters survive execve, and no_new_privs too), so the
 *    session's list also holds what the interface does while it starts:
 *    the dynamic loader, reading its configuration, Landlock and seccomp
 *    themselves. Once its configuration is read, the interface loads its
 *    own, stricter list on top (both apply: the stricter answer wins):
 *    no execve, no fork, no socket, no kill but of itself, terminal
 *    ioctls only.
 *  - once the interface runs, the session adds a second filter on itself
 *    (filters stack; the interface, already forked, does not get it):
 *    kill() only towards the interface's pid.
 *
 * The lists were fitted with « strace -f -ff » on the whole end-to-end
 * suite (every screen, sign-up and password change included); see
 * docs/SECURITY.md for the method.
 *
 * A call outside a list is not executed: the filter's default action,
 * SCMP_ACT_TRAP, raises SIGSYS, whose handler writes one log line naming
 * the call (names resolved in advance: the handler only looks them up,
 * and uses nothing but write() and _exit()) and ends the process with
 * SANDBOX_EXIT_SYSCALL. Should the handler be blocked or replaced, the
 * kernel still refuses the call: SIGSYS from seccomp cannot be ignored.
 *
 * Sanitizer builds (make test-asan): AddressSanitizer's runtime reads
 * /proc/self/maps, and LeakSanitizer, at exit, clones a thread that
 * ptraces the process; both need more calls, /proc readable, and a
 * dumpable process at exit. The build detects it (__SANITIZE_ADDRESS__)
 * and widens the lists only then.
 */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <asm/ioctls.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

#include "util/sandbox.h"
#include "util/util.h"

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)	/* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER	(1ULL << 13)	/* ABI 2 */
#endif

#define SB_NAMES	512	/* system call numbers with a name kept */

/* Every process that runs code: memory, files already open, time,
 * signals, the end. */
static const char *const sb_common[] = {
	"read", "write", "readv", "writev", "pread64", "pwrite64", "lseek",
	"close", "fstat", "newfstatat", "statx", "stat", "lstat", "access",
	"faccessat", "faccessat2", "readlink", "readlinkat", "openat", "open",
	"getdents64", "fcntl", "ftruncate", "fsync", "fdatasync", "unlink",
	"fchown", "getcwd", "rename", "renameat", "renameat2",
	"mmap", "munmap", "mprotect", "mremap", "madvise", "brk",
	"futex", "poll", "ppoll", "select", "pselect6",
	"clock_gettime", "clock_getres", "gettimeofday", "time",
	"clock_nanosleep", "nanosleep",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
	"restart_syscall",
	"getpid", "getppid", "gettid", "getuid", "geteuid", "getgid",
	"getegid",
	"getrandom", "uname", "sysinfo", "prlimit64", "getrlimit",
	"sched_yield", "exit", "exit_group",
	NULL
};

/* The session process: libssh on the accepted socket, SQLite and argon2
 * for the login, the pty and the interface's fork and exec, its signals
 * and the pidfd that says it ended. Then what the interface does
 * before its own list is loaded: the loader, no_new_privs, Landlock,
 * seccomp. */
static const char *const sb_session[] = {
	"recvfrom", "sendto", "recvmsg", "sendmsg", "setsockopt",
	"getsockopt", "getpeername", "getsockname", "shutdown",
	"dup", "dup2", "dup3", "close_range", "pipe2",
	"clone", "vfork", "fork", "execve", "wait4", "waitid", "kill",
	"pidfd_open", "setsid", "alarm", "signalfd4", "socketpair",
	"arch_prctl", "set_tid_address", "set_robust_list", "rseq",
	"prctl", "seccomp", "landlock_create_ruleset", "landlock_add_rule",
	"landlock_restrict_self",
	NULL
};

/* The SFTP helper (palabre-ui --sftp, src/files/files.c) answers the
 * session on a socket pair it inherited: descriptors of the library's
 * files go back with SCM_RIGHTS. No socket of its own, no terminal. */
static const char *const sb_files[] = {
	"sendmsg", "recvmsg",
	NULL
};

/* The interface has nothing beyond the common list but these terminal
 * requests on its pty (ncurses, termios), and kill() of itself. */
static const unsigned long sb_ui_ioctls[] = {
	TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, FIONREAD
};

/* The session's on top: openpty, the window size it passes on, and the
 * controlling terminal its child takes (login_tty). */
static const unsigned long sb_session_ioctls[] = {
	TIOCGPTN, TIOCGPTPEER, TIOCSPTLCK, TIOCSWINSZ, TIOCSCTTY
};

#if defined(__SANITIZE_ADDRESS__)
/* ASan's reports and LSan's leak check at exit (a clone that ptraces). */
static const char *const sb_asan[] = {
	"ioctl", "clone", "ptrace", "wait4", "prctl", "sched_getaffinity",
	"tgkill", "kill", "pipe2", "dup2", "mkdir",
	"personality", "process_vm_readv", "getrusage", "setrlimit", "getdents",
	NULL
};
#endif

/* The session's filter, built once by the listener (sessions inherit
 * it through fork and only load it). */
static struct sock_fprog sb_session_prog;

/* Names of the system calls, by number, for the SIGSYS handler. */
static char *sb_names[SB_NAMES];
static int sb_log_fd = STDERR_FILENO;
static const char *sb_progname = "palabre";

static void	 sb_sigsys(int, siginfo_t *, void *);
static void	 sb_put(char *, size_t *, size_t, const char *);
static void	 sb_put_num(char *, size_t *, size_t, unsigned);
static int	 sb_allow(scmp_filter_ctx, const char *const *);
static int	 sb_handler_ready(void);
static scmp_filter_ctx sb_build(enum sandbox_kind);
static int	 sb_allow_ioctls(scmp_filter_ctx, const unsigned long *,
		    size_t);
static int	 sb_landlock(const char *, const char *, const char *,
		    const char *, const char *, const char *);
static int	 sb_landlock_path(int, const char *, uint64_t, uint64_t);
static int	 sb_chown_db(const char *, uid_t, gid_t);
static int	 sb_chown_run(const char *, uid_t, gid_t);
static int	 sb_no_new_privs(void);
#if defined(__SANITIZE_ADDRESS__)
static void	 sb_dumpable_at_exit(void);
static int	 sb_landlock_sanitizer(int, uint64_t, uint64_t, uint64_t);
#endif

void
sandbox_nodump(void)
{
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		log_warn("PR_SET_DUMPABLE : %s", strerror(errno));
}

/*
 * Hand the database to the service user: its directory (SQLite makes its
 * -wal and -shm files there), the file itself, its -wal, -shm and the
 * password-hash lock file. Only a directory root owns and nobody else may
 * write to: never /tmp, never a member's home.
 */
static int
sb_chown_db(const char *database, uid_t uid, gid_t gid)
{
	static const char *const suffix[] = { "", "-wal", "-shm",
	    "-argon2.lock" };
	struct stat sb;
	char *copy, *dir, *path;
	size_t i;
	int rc = 0;

	copy = xstrdup(database);
	dir = dirname(copy);
	if (stat(dir, &sb) == -1) {
		log_error("%s : %s", dir, strerror(errno));
		free(copy);
		return -1;
	}
	if (sb.st_uid != 0 && sb.st_uid != uid) {
		log_error("%s appartient à un autre utilisateur : donnez-le à "
		    "l'utilisateur du service (chown)", dir);
		rc = -1;
	} else if (sb.st_mode & (S_IWOTH | S_ISVTX)) {
		log_error("%s est ouvert à tous en écriture : mettez la base "
		    "dans un dossier à elle", dir);
		rc = -1;
	} else if (sb.st_uid != uid && chown(dir, uid, gid) == -1) {
		log_error("chown %s : %s", dir, strerror(errno));
		rc = -1;
	}
	for (i = 0; rc == 0 && i < nitems(suffix); i++) {
		xasprintf(&path, "%s%s", database, suffix[i]);
		if (lchown(path, uid, gid) == -1 && errno != ENOENT) {
			log_error("chown %s : %s", path, strerror(errno));
			rc = -1;
		}
		free(path);
	}
	free(copy);
	return rc;
}

/* Nothing we exec may gain privileges (setuid binaries, capabilities). */
static int
sb_no_new_privs(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		log_error("PR_SET_NO_NEW_PRIVS : %s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The run directory (registry of sessions, the configuration's copy),
 * when a root run left it: to the service user, with its sessions/
 * folder. A missing one is made later, by that user.
 */
static int
sb_chown_run(const char *run_dir, uid_t uid, gid_t gid)
{
	char *path;
	int rc = 0;

	if (run_dir == NULL)
		return 0;
	xasprintf(&path, "%s/sessions", run_dir);
	if ((lchown(run_dir, uid, gid) == -1 && errno != ENOENT) ||
	    (lchown(path, uid, gid) == -1 && errno != ENOENT)) {
		log_error("chown %s : %s", run_dir, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

int
sandbox_drop(const char *user, const char *database, const char *run_dir)
{
	struct passwd *pw;

	sandbox_nodump();
	if (geteuid() != 0)
		return sb_no_new_privs();
	if (user == NULL) {
		log_warn("lancé en root avec « user = » vide dans [server] : "
		    "le serveur et les sessions restent root");
		return sb_no_new_privs();
	}
	if ((pw = getpwnam(user)) == NULL) {
		log_error("utilisateur « %s » inconnu : créez-le (useradd "
		    "--system --no-create-home --shell /usr/sbin/nologin %s) "
		    "ou changez « user » dans [server]", user, user);
		return -1;
	}
	if (pw->pw_uid == 0) {
		log_error("« user = %s » est root : choisissez un utilisateur "
		    "sans privilèges", user);
		return -1;
	}
	if (sb_chown_db(database, pw->pw_uid, pw->pw_gid) == -1 ||
	    sb_chown_run(run_dir, pw->pw_uid, pw->pw_gid) == -1)
		return -1;
	if (setgroups(0, NULL) == -1 || setgid(pw->pw_gid) == -1 ||
	    setuid(pw->pw_uid) == -1) {
		log_error("impossible de devenir « %s » : %s", user,
		    strerror(errno));
		return -1;
	}
	if (setuid(0) != -1 || setgid(0) != -1) {
		log_error("les privilèges root n'ont pas pu être abandonnés");
		return -1;
	}
	/* Changing uid set the dumpable flag back from suid_dumpable. */
	sandbox_nodump();
	if (sb_no_new_privs() == -1)
		return -1;
	log_info("privilèges abandonnés : utilisateur %s (uid %ld)", user,
	    (long)pw->pw_uid);
	return 0;
}

/* Append s to buf (async-signal-safe). */
static void
sb_put(char *buf, size_t *len, size_t size, const char *s)
{
	while (*s != '\0' && *len + 1 < size)
		buf[(*len)++] = *s++;
}

/* Append v in decimal to buf (async-signal-safe). */
static void
sb_put_num(char *buf, size_t *len, size_t size, unsigned v)
{
	char num[16];
	size_t n = 0;

	do
		num[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0 && n < sizeof(num));
	while (n > 0 && *len + 1 < size)
		buf[(*len)++] = num[--n];
}

/* SIGSYS from the filter: name the call in the log, and end. */
static void
sb_sigsys(int sig, siginfo_t *si, void *uc)
{
	char line[256];
	size_t len = 0;
	int nr = si->si_syscall;

	sb_put(line, &len, sizeof(line), sb_progname);
	sb_put(line, &len, sizeof(line), "[");
	sb_put_num(line, &len, sizeof(line), (unsigned)getpid());
	sb_put(line, &len, sizeof(line), "] erreur : appel système interdit "
	    "par le bac à sable : ");
	sb_put(line, &len, sizeof(line), nr >= 0 && nr < SB_NAMES &&
	    sb_names[nr] != NULL ? sb_names[nr] : "?");
	sb_put(line, &len, sizeof(line), " (n° ");
	sb_put_num(line, &len, sizeof(line), (unsigned)nr);
	sb_put(line, &len, sizeof(line), ")\n");
	if (sb_log_fd != -1 && write(sb_log_fd, line, len) < 0)
		sb_log_fd = -1;
	_exit(SANDBOX_EXIT_SYSCALL);
}

/* Allow every call of list that this architecture has. */
static int
sb_allow(scmp_filter_ctx ctx, const char *const *list)
{
	int nr;

	for (; *list != NULL; list++) {
		if ((nr = seccomp_syscall_resolve_name(*list)) < 0)
			continue;	/* not on this architecture */
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0) != 0) {
			log_error("seccomp : règle %s refusée", *list);
			return -1;
		}
	}
	return 0;
}

/* Allow ioctl() with these requests only. */
static int
sb_allow_ioctls(scmp_filter_ctx ctx, const unsigned long *req, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)req[i])) != 0)
			return -1;
	return 0;
}

/* The SIGSYS handler, with the names it gives and its log, ready before
 * any filter is. */
static int
sb_handler_ready(void)
{
	struct sigaction sa;
	int nr;

	for (nr = 0; nr < SB_NAMES; nr++)
		if (sb_names[nr] == NULL)
			sb_names[nr] = seccomp_syscall_resolve_num_arch(
			    seccomp_arch_native(), nr);
	sb_log_fd = log_get_fd();
	sb_progname = log_get_progname();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sb_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSYS, &sa, NULL);
}

/* The filter of one list, not loaded yet; NULL on error (logged). */
static scmp_filter_ctx
sb_build(enum sandbox_kind kind)
{
	scmp_filter_ctx ctx;

	if ((ctx = seccomp_init(SCMP_ACT_TRAP)) == NULL) {
		log_error("seccomp_init a échoué");
		return NULL;
	}
	/* A foreign architecture's calls (int 0x80 on x86-64): no name to
	 * give, no reason to survive. */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS) != 0 || sb_allow(ctx, sb_common) == -1)
		goto fail;
	/* The kernel's audit log (dmesg) records refusals too, even those
	 * our handler cannot report. Best effort: older kernels lack it. */
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, 1);
	if (sb_allow_ioctls(ctx, sb_ui_ioctls, nitems(sb_ui_ioctls)) == -1)
		goto fail;
	if (kind == SANDBOX_SESSION) {
		if (sb_allow(ctx, sb_session) == -1 ||
		    sb_allow_ioctls(ctx, sb_session_ioctls,
		    nitems(sb_session_ioctls)) == -1)
			goto fail;
	} else {
		if (kind == SANDBOX_FILES && sb_allow(ctx, sb_files) == -1)
			goto fail;
		/* abort() and raise() signal their own process only. */
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
		    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid())) != 0 ||
		    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 1,
		    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid())) != 0)
			goto fail;
	}
#if defined(__SANITIZE_ADDRESS__)
	if (sb_allow(ctx, sb_asan) == -1)
		goto fail;
#endif
	return ctx;
fail:
	log_error("seccomp : une règle a été refusée");
	seccomp_release(ctx);
	return NULL;
}

int
sandbox_seccomp(enum sandbox_kind kind)
{
	scmp_filter_ctx ctx;
	int rc = -1;

	if (sb_no_new_privs() == -1 || sb_handler_ready() == -1)
		return -1;
	if ((ctx = sb_build(kind)) == NULL)
		return -1;
	if (seccomp_load(ctx) != 0)
		log_error("seccomp : le filtre n'a pas pu être chargé");
	else
		rc = 0;
	seccomp_release(ctx);
	return rc;
}

int
sandbox_session_prepare(void)
{
	scmp_filter_ctx ctx;
	struct stat sb;
	void *prog = NULL;
	int fd = -1, rc = -1;

	if (sb_handler_ready() == -1 || (ctx = sb_build(SANDBOX_SESSION)) ==
	    NULL)
		return -1;
	if ((fd = memfd_create("palabre-seccomp", MFD_CLOEXEC)) == -1 ||
	    seccomp_export_bpf(ctx, fd) != 0 || fstat(fd, &sb) == -1 ||
	    sb.st_size == 0 ||
	    sb.st_size % (off_t)sizeof(struct sock_filter) != 0) {
		log_error("seccomp : le filtre des sessions n'a pas pu être "
		    "préparé");
		goto out;
	}
	prog = xmalloc((size_t)sb.st_size);
	if (pread(fd, prog, (size_t)sb.st_size, 0) != sb.st_size) {
		free(prog);
		goto out;
	}
	free(sb_session_prog.filter);
	sb_session_prog.filter = prog;
	sb_session_prog.len = (unsigned short)(sb.st_size /
	    (off_t)sizeof(struct sock_filter));
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	seccomp_release(ctx);
	return rc;
}

int
sandbox_session(void)
{
	sandbox_nodump();
	if (sb_session_prog.filter == NULL)
		return sandbox_seccomp(SANDBOX_SESSION);
	/* Built once by the listener: only loaded here. */
	if (sb_no_new_privs() == -1 || sb_handler_ready() == -1)
		return -1;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_LOG, &sb_session_prog) == -1 &&
	    (errno != EINVAL || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    0, &sb_session_prog) == -1)) {
		log_error("seccomp : %s", strerror(errno));
		return -1;
	}
	return 0;
}

int
sandbox_session_kill_only(pid_t ui_pid)
{
	scmp_filter_ctx ctx;
	int rc = -1;

	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL)
		return -1;
	if (seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(kill), 1,
	    SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)ui_pid)) == 0 &&
	    seccomp_load(ctx) == 0)
		rc = 0;
	else
		log_error("seccomp : le filtre de kill() n'a pas pu être "
		    "chargé");
	seccomp_release(ctx);
	return rc;
}

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer's check at exit ptraces us from a clone: only possible
 * for a dumpable process. Registered after its own handler, so run
 * before it. */
static void
sb_dumpable_at_exit(void)
{
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}
#endif

#if defined(__SANITIZE_ADDRESS__)
/*
 * The sanitizers' own files, named in their options: the suppressions
 * LeakSanitizer reads at exit (read-only), and the directory of
 * log_path where reports are written (read-write).
 */
static int
sb_landlock_sanitizer(int ruleset, uint64_t ro, uint64_t rw,
    uint64_t handled)
{
	static const char *const vars[] = { "ASAN_OPTIONS", "LSAN_OPTIONS",
	    "UBSAN_OPTIONS" };
	char *opts, *field, *rest, *value;
	size_t i;
	int rc = 0;

	for (i = 0; i < nitems(vars) && rc == 0; i++) {
		if (getenv(vars[i]) == NULL)
			continue;
		opts = xstrdup(getenv(vars[i]));
		rest = opts;
		while (rc == 0 && (field = strsep(&rest, ":")) != NULL) {
			if (strncmp(field, "suppressions=", 13) == 0)
				rc = sb_landlock_path(ruleset, field + 13, ro,
				    handled);
			else if (strncmp(field, "log_path=", 9) == 0) {
				value = field + 9;
				rc = sb_landlock_path(ruleset,
				    dirname(value), rw, handled);
			}
		}
		free(opts);
	}
	return rc;
}
#endif

/* One Landlock rule: access (within handled) beneath path. A path that
 * does not exist, or that this process may not open (EACCES: a folder
 * closed to its user, such as /root), is skipped: without a rule it stays
 * out of reach, which it already was. */
static int
sb_landlock_path(int ruleset, const char *path, uint64_t access,
    uint64_t handled)
{
	struct landlock_path_beneath_attr pb;
	struct stat sb;
	int fd, rc;

	if (path == NULL)
		return 0;
	if ((fd = open(path, O_PATH | O_CLOEXEC)) == -1)
		return errno == ENOENT || errno == ENOTDIR ||
		    errno == EACCES ? 0 : -1;
	if (fstat(fd, &sb) == -1) {
		close(fd);
		return -1;
	}
	/* Rights on a file are only file rights. */
	if (!S_ISDIR(sb.st_mode))
		access &= LANDLOCK_ACCESS_FS_READ_FILE |
		    LANDLOCK_ACCESS_FS_WRITE_FILE |
		    LANDLOCK_ACCESS_FS_TRUNCATE;
	memset(&pb, 0, sizeof(pb));
	pb.allowed_access = access & handled;
	pb.parent_fd = fd;
	rc = (int)syscall(SYS_landlock_add_rule, ruleset,
	    LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	if (rc == -1)
		log_error("Landlock : %s : %s", path, strerror(errno));
	close(fd);
	return rc == -1 ? -1 : 0;
}

/*
 * The interface's files: read-only its configuration, boards and
 * charter, terminfo, locales, character set modules and time zones;
 * read-write the database's directory. 0 (also when the kernel has no
 * Landlock: logged), -1 on error.
 */
static int
sb_landlock(const char *config_path, const char *database,
    const char *run_dir, const char *boards_dir, const char *charter,
    const char *files_dir)
{
	static const char *const system_ro[] = {
		"/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo",
		"/usr/lib/terminfo", "/usr/lib/locale", "/usr/share/locale",
		"/usr/lib/x86_64-linux-gnu/gconv",
		"/usr/lib/aarch64-linux-gnu/gconv", "/usr/lib64/gconv",
		"/usr/lib/gconv", "/etc/localtime", "/usr/share/zoneinfo",
		"/etc/ld.so.cache", "/dev/urandom", "/dev/null",
#if defined(__SANITIZE_ADDRESS__)
		/* Reports name functions: the symbolizer reads the
		 * libraries and our binary. */
		"/proc", "/lib", "/usr/lib", "/lib64", "/usr/lib64",
		"/proc/self/exe",
#endif
		NULL
	};
	struct landlock_ruleset_attr attr;
	const uint64_t ro = LANDLOCK_ACCESS_FS_READ_FILE |
	    LANDLOCK_ACCESS_FS_READ_DIR;
	uint64_t rw;
	char *copy;
	const char *dir;
	size_t i;
	int abi, ruleset, rc = -1;

	abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1) {
		log_info("Landlock absent de ce noyau : l'interface n'a que "
		    "seccomp");
		return 0;
	}
	memset(&attr, 0, sizeof(attr));
	attr.handled_access_fs = LANDLOCK_ACCESS_FS_EXECUTE |
	    LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
	    LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR |
	    LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
	    LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
	    LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
	    LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
	if (abi >= 2)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	/* SQLite: the database, its -wal and -shm (made and removed), the
	 * password-hash lock file. */
	rw = ro | LANDLOCK_ACCESS_FS_WRITE_FILE |
	    LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG |
	    LANDLOCK_ACCESS_FS_TRUNCATE;
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr,
	    sizeof(attr), 0);
	if (ruleset == -1) {
		log_error("Landlock : %s", strerror(errno));
		return -1;
	}
	copy = xstrdup(database);
	dir = dirname(copy);
	/* SQLite's temporary files (a sort too large for memory) go where
	 * we may make files: beside the database, not in /var/tmp. Read
	 * when SQLite initialises, which comes later (store_open). */
	setenv("SQLITE_TMPDIR", dir, 1);
	if (sb_landlock_path(ruleset, dir, rw,
	    attr.handled_access_fs) == -1 ||
	    sb_landlock_path(ruleset, run_dir, rw,
	    attr.handled_access_fs) == -1 ||
	    sb_landlock_path(ruleset, config_path, ro,
	    attr.handled_access_fs) == -1 ||
	    sb_landlock_path(ruleset, boards_dir, ro,
	    attr.handled_access_fs) == -1 ||
	    sb_landlock_path(ruleset, charter, ro,
	    attr.handled_access_fs) == -1 ||
	    sb_landlock_path(ruleset, files_dir, rw,
	    attr.handled_access_fs) == -1)
		goto out;
	for (i = 0; system_ro[i] != NULL; i++)
		if (sb_landlock_path(ruleset, system_ro[i], ro,
		    attr.handled_access_fs) == -1)
			goto out;
#if defined(__SANITIZE_ADDRESS__)
	if (sb_landlock_sanitizer(ruleset, ro, rw,
	    attr.handled_access_fs) == -1)
		goto out;
#endif
	if (syscall(SYS_landlock_restrict_self, ruleset, 0) == -1) {
		log_error("Landlock : %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(copy);
	close(ruleset);
	return rc;
}

int
sandbox_ui(const char *config_path, const char *database,
    const char *run_dir, const char *boards_dir, const char *charter)
{
	sandbox_nodump();
#if defined(__SANITIZE_ADDRESS__)
	atexit(sb_dumpable_at_exit);
#endif
	/* Landlock wants no_new_privs first (sandbox_seccomp sets it too). */
	if (sb_no_new_privs() == -1)
		return -1;
	if (sb_landlock(config_path, database, run_dir, boards_dir,
	    charter, NULL) == -1)
		return -1;
	return sandbox_seccomp(SANDBOX_UI);
}

int
sandbox_files(const char *config_path, const char *database,
    const char *run_dir, const char *files_dir)
{
	sandbox_nodump();
#if defined(__SANITIZE_ADDRESS__)
	atexit(sb_dumpable_at_exit);
#endif
	if (sb_no_new_privs() == -1)
		return -1;
	if (sb_landlock(config_path, database, run_dir, NULL, NULL,
	    files_dir) == -1)
		return -1;
	return sandbox_seccomp(SANDBOX_FILES);
}
