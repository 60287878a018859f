/*
 * test_sandbox.c - the seccomp allow-lists refuse what they must (the
 * process ends, and the log line names the call), Landlock keeps the
 * interface to its files, and the password-hash cap holds across
 * processes (util/sandbox.c, util/passwd.c). Each case runs in a forked
 * child: a filter cannot be taken off.
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "util/passwd.h"
#include "util/sandbox.h"
#include "util/util.h"

static char tmpdir[] = "/tmp/palabre-sandbox.XXXXXX";

/* What a child did: its status and the log it wrote. */
struct outcome {
	int	 status;
	char	 log[1024];
};

enum forbidden { F_SOCKET, F_EXECVE, F_PTRACE, F_KILL_PARENT, F_TIOCSTI };

/* The session's list, then the kill() filter for an interface that is
 * not the parent (pid 1 stands for it). */
#define SANDBOX_SESSION_KILL_ONLY ((enum sandbox_kind)-1)
/* The session's list as the listener prepares it, loaded by
 * sandbox_session(). */
#define SANDBOX_SESSION_PREPARED ((enum sandbox_kind)-2)

/* In a child: load the list kind, then make the call what. */
static void
run_forbidden(enum sandbox_kind kind, enum forbidden what, struct outcome *o)
{
	char *argv[] = { "true", NULL }, *envp[] = { NULL };
	pid_t parent = getpid();
	int pfd[2];
	ssize_t n;
	size_t len = 0;
	pid_t pid;

	memset(o, 0, sizeof(*o));
	if (pipe(pfd) == -1 || (pid = fork()) == -1) {
		o->status = -1;
		return;
	}
	if (pid == 0) {
		close(pfd[0]);
		log_set_fd(pfd[1]);
		if (kind == SANDBOX_SESSION_PREPARED) {
			if (sandbox_session() == -1)
				_exit(2);
		} else if (kind == SANDBOX_SESSION_KILL_ONLY) {
			if (sandbox_seccomp(SANDBOX_SESSION) == -1 ||
			    sandbox_session_kill_only(1) == -1)
				_exit(2);
		} else if (sandbox_seccomp(kind) == -1)
			_exit(2);
		switch (what) {
		case F_SOCKET:
			socket(AF_INET, SOCK_STREAM, 0);
			break;
		case F_EXECVE:
			execve("/bin/true", argv, envp);
			break;
		case F_PTRACE:
			ptrace(PTRACE_TRACEME, 0, NULL, NULL);
			break;
		case F_KILL_PARENT:
			kill(parent, 0);
			break;
		case F_TIOCSTI:
			/* Typing into a terminal: no list has it. */
			ioctl(STDIN_FILENO, TIOCSTI, "x");
			break;
		}
		_exit(0);	/* the call went through */
	}
	close(pfd[1]);
	while (len + 1 < sizeof(o->log) &&
	    (n = read(pfd[0], o->log + len, sizeof(o->log) - 1 - len)) > 0)
		len += (size_t)n;
	close(pfd[0]);
	waitpid(pid, &o->status, 0);
}

/* Wait for a child that says 0 when all went as it should. */
static void
check_child_ok(pid_t pid)
{
	int status = -1;

	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
}

static int
ended_by_filter(const struct outcome *o)
{
	return WIFEXITED(o->status) &&
	    WEXITSTATUS(o->status) == SANDBOX_EXIT_SYSCALL;
}

static void
test_ui_refuses(void)
{
	struct outcome o;

	run_forbidden(SANDBOX_UI, F_SOCKET, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, "appel système interdit") != NULL);
	CHECK(strstr(o.log, ": socket (n° ") != NULL);

	run_forbidden(SANDBOX_UI, F_EXECVE, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": execve (n° ") != NULL);

#if !defined(__SANITIZE_ADDRESS__)
	/* (LeakSanitizer needs ptrace and kill: sanitizer builds allow
	 * them, sandbox.c says why.) */
	run_forbidden(SANDBOX_UI, F_PTRACE, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": ptrace (n° ") != NULL);

	run_forbidden(SANDBOX_UI, F_KILL_PARENT, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": kill (n° ") != NULL);

	run_forbidden(SANDBOX_UI, F_TIOCSTI, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": ioctl (n° ") != NULL);
#endif
}

static void
test_session_refuses(void)
{
	struct outcome o;

	run_forbidden(SANDBOX_SESSION, F_SOCKET, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": socket (n° ") != NULL);
#if !defined(__SANITIZE_ADDRESS__)
	run_forbidden(SANDBOX_SESSION, F_TIOCSTI, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": ioctl (n° ") != NULL);
#endif
	/* Prepared once (the listener), loaded by each session. */
	CHECK_INT(sandbox_session_prepare(), 0);
	run_forbidden(SANDBOX_SESSION_PREPARED, F_SOCKET, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": socket (n° ") != NULL);
	run_forbidden(SANDBOX_SESSION_PREPARED, F_KILL_PARENT, &o);
	CHECK(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0);
	/* A session may signal... */
	run_forbidden(SANDBOX_SESSION, F_KILL_PARENT, &o);
	CHECK(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0);
	/* ...but, its interface started, only that one. */
	run_forbidden(SANDBOX_SESSION_KILL_ONLY, F_KILL_PARENT, &o);
	CHECK(ended_by_filter(&o));
	CHECK(strstr(o.log, ": kill (n° ") != NULL);
}

/* What the UI needs still works under its list: files, time, memory. */
static void
test_ui_allows(void)
{
	char path[256];
	pid_t pid;
	int fd;

	snprintf(path, sizeof(path), "%s/allowed", tmpdir);
	if ((pid = fork()) == 0) {
		void *p;

		if (sandbox_seccomp(SANDBOX_UI) == -1)
			_exit(2);
		if ((fd = open(path, O_RDWR | O_CREAT, 0600)) == -1 ||
		    write(fd, "x", 1) != 1 || fsync(fd) == -1)
			_exit(3);
		close(fd);
		if ((p = malloc(1 << 20)) == NULL)
			_exit(4);
		free(p);
		if (mono_ms() <= 0 || getpid() <= 0)
			_exit(5);
		usleep(1000);
		_exit(0);
	}
	check_child_ok(pid);
}

/* Landlock: the configuration read-only, the database's directory
 * read-write, nothing else (where the kernel has Landlock). */
static void
test_ui_landlock(void)
{
	char conf[256], db[256], other[256], made[256];
	pid_t pid;
	int fd;

	if (syscall(SYS_landlock_create_ruleset, NULL, 0,
	    1U /* LANDLOCK_CREATE_RULESET_VERSION */) < 1) {
		printf("# Landlock absent de ce noyau : cas sauté\n");
		return;
	}
	snprintf(made, sizeof(made), "%s/conf", tmpdir);
	mkdir(made, 0700);
	snprintf(made, sizeof(made), "%s/var", tmpdir);
	mkdir(made, 0700);
	snprintf(conf, sizeof(conf), "%s/conf/palabre.conf", tmpdir);
	snprintf(other, sizeof(other), "%s/conf/secret", tmpdir);
	snprintf(db, sizeof(db), "%s/var/palabre.db", tmpdir);
	snprintf(made, sizeof(made), "%s/var/palabre.db-wal", tmpdir);
	if ((fd = open(conf, O_WRONLY | O_CREAT, 0600)) != -1)
		close(fd);
	if ((fd = open(other, O_WRONLY | O_CREAT, 0600)) != -1)
		close(fd);
	if ((pid = fork()) == 0) {
		log_set_fd(-1);
		if (sandbox_ui(conf, db, NULL, NULL, NULL) == -1)
			_exit(2);
		if ((fd = open(conf, O_RDONLY)) == -1)
			_exit(3);
		close(fd);
		/* Read-only: no writing to the configuration. */
		if (open(conf, O_WRONLY) != -1 || errno != EACCES)
			_exit(4);
		/* Beside it, not listed: not even readable. */
		if (open(other, O_RDONLY) != -1 || errno != EACCES)
			_exit(5);
		if (open("/etc/passwd", O_RDONLY) != -1 || errno != EACCES)
			_exit(6);
		/* The database's directory: files made and removed. */
		if ((fd = open(made, O_RDWR | O_CREAT, 0600)) == -1)
			_exit(7);
		close(fd);
		if (unlink(made) == -1)
			_exit(8);
		/* Terminfo stays readable for ncurses. */
		if ((fd = open("/lib/terminfo/x/xterm", O_RDONLY)) == -1 &&
		    (fd = open("/usr/share/terminfo/x/xterm",
		    O_RDONLY)) == -1)
			_exit(9);
		close(fd);
		/* SQLite's temporary files go beside the database. */
		snprintf(made, sizeof(made), "%s/var", tmpdir);
		if (getenv("SQLITE_TMPDIR") == NULL ||
		    strcmp(getenv("SQLITE_TMPDIR"), made) != 0)
			_exit(10);
		_exit(0);
	}
	check_child_ok(pid);
}

/*
 * N + 3 processes take a slot, one at a time each, and note in shared
 * memory how many hold one at once: never more than N, and N reached.
 */
static void
test_cap_slots(void)
{
	struct { int now, most; } *shared;
	char db[256];
	pid_t pids[5];
	size_t i;
	int status, ok = 1;

	snprintf(db, sizeof(db), "%s/cap.db", tmpdir);
	pw_cap_init(db, 2);
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(shared != MAP_FAILED);
	if (shared == MAP_FAILED)
		return;
	memset(shared, 0, sizeof(*shared));
	for (i = 0; i < nitems(pids); i++) {
		if ((pids[i] = fork()) != 0)
			continue;
		if (pw_slot_take(mono_ms() + 20000) == -1)
			_exit(1);
		int n = __atomic_add_fetch(&shared->now, 1, __ATOMIC_SEQ_CST);
		int m = __atomic_load_n(&shared->most, __ATOMIC_SEQ_CST);

		while (n > m && !__atomic_compare_exchange_n(&shared->most,
		    &m, n, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			;
		usleep(150 * 1000);
		__atomic_sub_fetch(&shared->now, 1, __ATOMIC_SEQ_CST);
		pw_slot_give();
		_exit(0);
	}
	for (i = 0; i < nitems(pids); i++) {
		if (waitpid(pids[i], &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			ok = 0;
	}
	CHECK(ok);
	CHECK_INT(shared->most, 2);
	munmap(shared, sizeof(*shared));
	pw_cap_init(NULL, 0);
}

/*
 * pw_hash() itself waits for a slot: with the only slot held here, a
 * child's hash does not finish; it does once the slot is given back.
 * The same for pw_verify(), which an interface runs on a password
 * change.
 */
static void
test_cap_hash_waits(void)
{
	char db[256];
	pid_t pid;
	int status = -1, which;

	snprintf(db, sizeof(db), "%s/cap.db", tmpdir);
	pw_cap_init(db, 1);
	for (which = 0; which < 2; which++) {
		CHECK_INT(pw_slot_take(mono_ms() + 1000), 0);
		if ((pid = fork()) == 0) {
			char *h;

			if (which == 0) {
				h = pw_hash("un mot de passe", 15);
				_exit(h != NULL ? 0 : 1);
			}
			_exit(pw_verify("$argon2id$v=19$m=65536,t=2,p=1$"
			    "c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
			    "x", 1) == 0 ? 0 : 1);
		}
		usleep(400 * 1000);
		CHECK_INT(waitpid(pid, &status, WNOHANG), 0);
		pw_slot_give();
		CHECK_INT(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	/* Two takes nest: the slot goes back with the last give. */
	CHECK_INT(pw_slot_take(mono_ms() + 1000), 0);
	CHECK_INT(pw_slot_take(mono_ms() + 1000), 0);
	pw_slot_give();
	if ((pid = fork()) == 0)
		_exit(pw_slot_take(mono_ms() + 100) == -1 ? 0 : 1);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	pw_slot_give();
	pw_cap_init(NULL, 0);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	if (pw_init() == -1)
		return 1;
	RUN(test_ui_refuses);
	RUN(test_session_refuses);
	RUN(test_ui_allows);
	RUN(test_ui_landlock);
	RUN(test_cap_slots);
	RUN(test_cap_hash_waits);
	unit_rmtree(tmpdir);
	TEST_DONE();
}
