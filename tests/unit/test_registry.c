/*
 * test_registry.c - the registry of open sessions (src/util/registry.c):
 * entries written and read back whole, only live entries listed (a pid
 * whose start time differs is a stranger: never listed, never signalled,
 * pruned on request), kick marks, and announcements seen once each.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/registry.h"
#include "util/util.h"
#include "unit.h"

static char dir[] = "/tmp/palabre-test-registry-XXXXXX";

static volatile sig_atomic_t got_usr2;

static void
on_usr2(int sig)
{
	got_usr2 = 1;
}

/* An entry for this very process, as a session would write it. */
static void
self_entry(struct registry_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->pid = getpid();
	CHECK_INT(registry_start_time(e->pid, &e->start), 0);
	snprintf(e->login, sizeof(e->login), "elodie");
	e->since = 1765000000;
	snprintf(e->peer, sizeof(e->peer), "192.0.2.7:51234");
	snprintf(e->charset, sizeof(e->charset), "ISO-8859-15");
	e->cols = 80;
	e->rows = 24;
	snprintf(e->section, sizeof(e->section), "Forums › Emploi et "
	    "insertion");
	e->last_key = 1765000100;
	e->uid = getuid();
}

static void
test_write_read_list(void)
{
	struct registry_entry e, got, *list;
	size_t n;

	CHECK_INT(registry_init(dir), 0);
	CHECK_INT(registry_init(dir), 0);	/* again: no error */
	self_entry(&e);
	CHECK_INT(registry_write(dir, &e), 0);
	CHECK_INT(registry_read(dir, e.pid, &got), 0);
	CHECK_INT(got.start, e.start);
	CHECK_STR(got.login, "elodie");
	CHECK_INT(got.since, 1765000000);
	CHECK_STR(got.peer, "192.0.2.7:51234");
	CHECK_STR(got.charset, "ISO-8859-15");
	CHECK_INT(got.cols, 80);
	CHECK_INT(got.rows, 24);
	CHECK_STR(got.section, "Forums › Emploi et insertion");
	CHECK_INT(got.last_key, 1765000100);
	CHECK_INT(got.uid, getuid());
	CHECK(registry_signal(&got, 0) == 0);
	/* The right pid and start time, but another user's file: no. */
	got.uid = getuid() + 1;
	CHECK(registry_signal(&got, 0) == -1 && errno == ESRCH);

	/* Our parent with a wrong start time: its pid was reused. */
	e.pid = getppid();
	CHECK_INT(registry_start_time(e.pid, &e.start), 0);
	e.start += 1;
	CHECK_INT(registry_write(dir, &e), 0);
	CHECK(registry_signal(&e, 0) == -1 && errno == ESRCH);
	CHECK(registry_pidfd(&e) == -1);
	CHECK_INT(registry_list(dir, 0, &list, &n), 0);
	CHECK_INT(n, 1);
	CHECK(n == 1 && list[0].pid == getpid());
	free(list);
	CHECK_INT(registry_read(dir, e.pid, &got), 0);	/* still there */
	CHECK_INT(registry_list(dir, 1, &list, &n), 0);	/* prune */
	free(list);
	CHECK(registry_read(dir, e.pid, &got) == -1);	/* gone */

	registry_remove(dir, getpid());
	CHECK_INT(registry_list(dir, 1, &list, &n), 0);
	CHECK_INT(n, 0);
	free(list);
}

static void
test_dead_process(void)
{
	struct registry_entry e, *list;
	size_t n;
	pid_t pid;
	char c;
	int fds[2];

	/* A child that has exited and been reaped: no longer listed. It
	 * waits for the pipe to close, so that it is alive when read. */
	CHECK(pipe(fds) == 0);
	if ((pid = fork()) == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
	}
	close(fds[0]);
	self_entry(&e);
	e.pid = pid;
	CHECK_INT(registry_start_time(pid, &e.start), 0);
	CHECK_INT(registry_write(dir, &e), 0);
	CHECK_INT(registry_list(dir, 0, &list, &n), 0);
	CHECK_INT(n, 1);
	free(list);
	close(fds[1]);
	waitpid(pid, NULL, 0);
	CHECK(registry_start_time(pid, &e.start) == -1);
	CHECK_INT(registry_list(dir, 1, &list, &n), 0);
	CHECK_INT(n, 0);
	free(list);
}

static void
test_kick_and_announce(void)
{
	struct registry_entry e;
	struct sigaction sa;
	char text[64];
	int64_t stamp = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	self_entry(&e);
	CHECK_INT(registry_write(dir, &e), 0);
	CHECK_INT(registry_kicked(dir, e.pid), 0);
	CHECK_INT(registry_kick(dir, &e), 0);
	CHECK_INT(got_usr2, 1);
	CHECK_INT(registry_kicked(dir, e.pid), 1);
	registry_remove(dir, e.pid);
	CHECK_INT(registry_kicked(dir, e.pid), 0);

	CHECK_INT(registry_announcement(dir, &stamp, text, sizeof(text)), 0);
	CHECK_INT(registry_announce(dir, "Coupure à 18 h"), 0);
	CHECK_INT(registry_announcement(dir, &stamp, text, sizeof(text)), 1);
	CHECK_STR(text, "Coupure à 18 h");
	/* Seen: not again; a second one right after is new. */
	CHECK_INT(registry_announcement(dir, &stamp, text, sizeof(text)), 0);
	CHECK_INT(registry_announce(dir, "Coupure annulée"), 0);
	CHECK_INT(registry_announcement(dir, &stamp, text, sizeof(text)), 1);
	CHECK_STR(text, "Coupure annulée");
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_write_read_list);
	RUN(test_dead_process);
	RUN(test_kick_and_announce);
	unit_rmtree(dir);
	TEST_DONE();
}
