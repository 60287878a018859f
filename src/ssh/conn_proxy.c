/*
 * conn_proxy.c - the PROXY protocol v2 header, and the names of an
 * address that the listener and the sessions share.
 *
 * The header (HAProxy's proxy-protocol.txt, section 2.2) is 16 fixed
 * bytes: a 12-byte signature, version and command (0x20 LOCAL, 0x21
 * PROXY), family and transport, then the length of what follows, in
 * network order: for TCP over IPv4 the source and destination addresses
 * and ports in 12 bytes, over IPv6 in 36, then TLVs (type, 16-bit
 * length, value) to the end. Debian packages no C parser for it (only
 * Go and Haskell ones), so this one is small and strict: every length
 * is checked against what is there before it is used, the TLVs must
 * fill the rest exactly, and a header longer than CONN_PROXY_MAX is
 * refused rather than read. It is fuzzed (tests/fuzz/fuzz_proxy.c).
 *
 * LOCAL (the relay's own health check) and the transports we do not
 * use (UNSPEC, UDP, Unix sockets) carry no client address: as the
 * specification asks, the connection's own address stands.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ssh/conn_proxy.h"
#include "util/util.h"

#define PROXY_FIXED	16
#define PROXY_V2	0x20		/* version nibble, high */
#define PROXY_LOCAL	0x0
#define PROXY_PROXY	0x1
#define PROXY_TCP4	0x11		/* AF_INET, STREAM */
#define PROXY_TCP6	0x21		/* AF_INET6, STREAM */

static const unsigned char proxy_sig[12] = {
	0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54,
	0x0a
};

/* The TLVs from p to end fill it exactly: 0, else -1. */
static int
proxy_tlvs(const unsigned char *p, const unsigned char *end)
{
	size_t len;

	while (p < end) {
		if (end - p < 3)
			return -1;
		len = (size_t)p[1] << 8 | p[2];
		if ((size_t)(end - p - 3) < len)
			return -1;
		p += 3 + len;
	}
	return 0;
}

enum conn_proxy_rc
conn_proxy_parse(const unsigned char *buf, size_t n,
    struct conn_proxy_hdr *h)
{
	struct sockaddr_in *s4;
	struct sockaddr_in6 *s6;
	const unsigned char *body, *end;
	size_t len;
	int cmd, fam, proto;

	memset(h, 0, sizeof(*h));
	if (memcmp(buf, proxy_sig, n < sizeof(proxy_sig) ? n :
	    sizeof(proxy_sig)) != 0)
		return CONN_PROXY_NONE;
	if (n < PROXY_FIXED) {
		h->need = PROXY_FIXED;
		return CONN_PROXY_SHORT;
	}
	if ((buf[12] & 0xf0) != PROXY_V2)
		return CONN_PROXY_BAD;
	cmd = buf[12] & 0x0f;
	fam = buf[13] >> 4;
	proto = buf[13] & 0x0f;
	if ((cmd != PROXY_LOCAL && cmd != PROXY_PROXY) || fam > 3 ||
	    proto > 2)
		return CONN_PROXY_BAD;
	len = (size_t)buf[14] << 8 | buf[15];
	if (len > CONN_PROXY_MAX - PROXY_FIXED)
		return CONN_PROXY_BAD;
	h->need = PROXY_FIXED + len;
	if (n < h->need)
		return CONN_PROXY_SHORT;
	if (n > h->need)
		return CONN_PROXY_BAD;	/* one header, nothing after */
	body = buf + PROXY_FIXED;
	end = body + len;
	if (cmd == PROXY_LOCAL)
		return CONN_PROXY_LOCAL;
	switch (buf[13]) {
	case PROXY_TCP4:
		if (len < 12 || proxy_tlvs(body + 12, end) == -1)
			return CONN_PROXY_BAD;
		s4 = (struct sockaddr_in *)&h->src;
		s4->sin_family = AF_INET;
		memcpy(&s4->sin_addr, body, 4);
		memcpy(&s4->sin_port, body + 8, 2);
		return CONN_PROXY_ADDR;
	case PROXY_TCP6:
		if (len < 36 || proxy_tlvs(body + 36, end) == -1)
			return CONN_PROXY_BAD;
		s6 = (struct sockaddr_in6 *)&h->src;
		s6->sin6_family = AF_INET6;
		memcpy(&s6->sin6_addr, body, 16);
		memcpy(&s6->sin6_port, body + 32, 2);
		return CONN_PROXY_ADDR;
	}
	/* UNSPEC, UDP, Unix: no client address of ours to take. */
	return CONN_PROXY_LOCAL;
}

/* Wait until fd is readable or deadline (mono ms): 0, or -1. */
static int
proxy_wait(int fd, int64_t deadline)
{
	struct pollfd p = { fd, POLLIN, 0 };
	int64_t left;
	int rc;

	for (;;) {
		left = deadline - mono_ms();
		if (left <= 0)
			return -1;
		rc = poll(&p, 1, (int)left);
		if (rc > 0)
			return 0;
		if (rc == -1 && errno != EINTR)
			return -1;
	}
}

enum conn_proxy_rc
conn_proxy_read(int fd, int64_t deadline, struct conn_proxy_hdr *h)
{
	unsigned char buf[CONN_PROXY_MAX];
	enum conn_proxy_rc rc;
	size_t n = 0, want = PROXY_FIXED;
	ssize_t r;

	memset(h, 0, sizeof(*h));
	/* A look at the first byte only: an SSH client's "SSH-2.0-..."
	 * must reach libssh whole. */
	do {
		if (proxy_wait(fd, deadline) == -1)
			return CONN_PROXY_TIMEOUT;
		r = recv(fd, buf, 1, MSG_PEEK);
	} while (r == -1 && errno == EINTR);
	if (r != 1)
		return CONN_PROXY_CLOSED;
	if (buf[0] != proxy_sig[0])
		return CONN_PROXY_NONE;
	/* Then exactly the header: 16 bytes, and the length they give. */
	for (;;) {
		while (n < want) {
			if (proxy_wait(fd, deadline) == -1)
				return CONN_PROXY_TIMEOUT;
			r = read(fd, buf + n, want - n);
			if (r == -1 && errno == EINTR)
				continue;
			if (r <= 0)
				return CONN_PROXY_CLOSED;
			n += (size_t)r;
		}
		rc = conn_proxy_parse(buf, n, h);
		if (rc != CONN_PROXY_SHORT)
			break;
		want = h->need;
	}
	/* Bytes are gone: what is not a header cannot go on to libssh. */
	return rc == CONN_PROXY_NONE ? CONN_PROXY_BAD : rc;
}

int
conn_proxy_from(const struct config *cfg, const struct sockaddr *sa)
{
	const struct config_net *net;
	const unsigned char *a;
	unsigned char v4[4];
	int family = sa->sa_family, i, full, rest;

	if (family == AF_INET) {
		a = (const unsigned char *)
		    &((const struct sockaddr_in *)sa)->sin_addr;
	} else if (family == AF_INET6) {
		const struct in6_addr *in6 =
		    &((const struct sockaddr_in6 *)sa)->sin6_addr;

		a = in6->s6_addr;
		if (IN6_IS_ADDR_V4MAPPED(in6)) {
			/* A relay on IPv4 to a dual-stack socket. */
			memcpy(v4, in6->s6_addr + 12, 4);
			a = v4;
			family = AF_INET;
		}
	} else
		return 0;
	for (i = 0; i < cfg->nproxy_from; i++) {
		net = &cfg->proxy_from[i];
		if (net->family != family)
			continue;
		full = net->bits / 8;
		rest = net->bits % 8;
		if (memcmp(a, net->addr, (size_t)full) != 0)
			continue;
		if (rest != 0 && ((a[full] ^ net->addr[full]) &
		    (0xff00 >> rest)) != 0)
			continue;
		return 1;
	}
	return 0;
}

void
conn_addr_names(const struct sockaddr *sa, char *peer, size_t peerlen,
    char *key, size_t keylen)
{
	char host[INET6_ADDRSTRLEN], k[INET6_ADDRSTRLEN];

	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 =
		    (const struct sockaddr_in6 *)sa;
		struct in6_addr a = s6->sin6_addr;

		inet_ntop(AF_INET6, &a, host, sizeof(host));
		if (peer != NULL)
			snprintf(peer, peerlen, "[%s]:%u", host,
			    ntohs(s6->sin6_port));
		if (IN6_IS_ADDR_V4MAPPED(&a)) {
			/* An IPv4 client on a dual-stack socket. */
			inet_ntop(AF_INET, a.s6_addr + 12, k, sizeof(k));
		} else {
			memset(a.s6_addr + 8, 0, 8);	/* a /64 */
			inet_ntop(AF_INET6, &a, k, sizeof(k));
		}
	} else if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;

		inet_ntop(AF_INET, &s4->sin_addr, host, sizeof(host));
		if (peer != NULL)
			snprintf(peer, peerlen, "%s:%u", host,
			    ntohs(s4->sin_port));
		snprintf(k, sizeof(k), "%s", host);
	} else {
		if (peer != NULL)
			snprintf(peer, peerlen, "?");
		snprintf(k, sizeof(k), "?");
	}
	if (key != NULL)
		snprintf(key, keylen, "%s", k);
}
