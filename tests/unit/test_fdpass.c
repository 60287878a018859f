/*
 * test_fdpass.c - descriptors over a SOCK_SEQPACKET socket pair
 * (fd_send, fd_recv in src/util/util.c), as the interfaces' image and its
 * sessions use them: a message and its descriptors arrive together, a
 * message of another size is refused with its descriptors closed, the
 * peer's end reads as 1.
 */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "util/util.h"
#include "unit.h"

struct msg {
	int	 a;
	char	 b[20];
};

static void
test_roundtrip(void)
{
	struct msg m = { 42, "bonjour" }, got;
	int sv[2], p[2], fds[FD_PASS_MAX], nfds = -1;
	char c = 0;

	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
	CHECK(pipe(p) == 0);
	CHECK_INT(fd_send(sv[0], &m, sizeof(m), p, 2, 0), 0);
	close(p[0]);
	close(p[1]);
	memset(&got, 0, sizeof(got));
	CHECK_INT(fd_recv(sv[1], &got, sizeof(got), fds, FD_PASS_MAX, &nfds),
	    0);
	CHECK_INT(nfds, 2);
	CHECK_INT(got.a, 42);
	CHECK_STR(got.b, "bonjour");
	/* The pipe, both ends, came across and still works. */
	CHECK(write(fds[1], "x", 1) == 1 && read(fds[0], &c, 1) == 1 &&
	    c == 'x');
	CHECK(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
	close(fds[0]);
	close(fds[1]);
	/* Too many descriptors to send. */
	CHECK_INT(fd_send(sv[0], &m, sizeof(m), fds, FD_PASS_MAX + 1, 0), -1);
	close(sv[0]);
	close(sv[1]);
}

static void
test_wrong_size_and_end(void)
{
	struct msg m = { 7, "" };
	int sv[2], p[2], fds[1], nfds = -1;

	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
	CHECK(pipe(p) == 0);
	/* Half a message, with a descriptor: refused, nothing kept. */
	CHECK_INT(fd_send(sv[0], &m, sizeof(m) / 2, &p[1], 1, 0), 0);
	close(p[1]);
	errno = 0;
	CHECK_INT(fd_recv(sv[1], &m, sizeof(m), fds, 1, &nfds), -1);
	CHECK_INT(errno, EBADMSG);
	CHECK_INT(nfds, 0);
	/* Its write end closed with the message: the pipe reads its end. */
	CHECK(read(p[0], &m, 1) == 0);
	close(p[0]);
	/* The peer gone: 1. */
	close(sv[0]);
	CHECK_INT(fd_recv(sv[1], &m, sizeof(m), fds, 1, &nfds), 1);
	close(sv[1]);
}

int
main(void)
{
	RUN(test_roundtrip);
	RUN(test_wrong_size_and_end);
	TEST_DONE();
}
