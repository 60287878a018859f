/*
 * conn_proxy.h - the PROXY protocol v2 header a relay (HAProxy in TCP
 * mode, "send-proxy-v2") sends before the client's first byte, and the
 * address names the listener and the sessions share (src/ssh/ only).
 *
 * The header is what a stranger may write: it is read only from a relay
 * named in proxy_from, in the session process (never the listener),
 * under the key exchange's deadline, byte-exact (the SSH bytes after it
 * stay for libssh), and parsed strictly (conn_proxy_parse). Version 1
 * (text) is not read: see docs/SECURITY.md.
 */
#ifndef PALABRE_CONN_PROXY_H
#define PALABRE_CONN_PROXY_H

#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>

struct config;

/* The longest header taken: 16 fixed bytes, then addresses and TLVs
 * (the format allows 65,535; relays send 12 to a few hundred). */
#define CONN_PROXY_MAX		(16 + 1024)

/* A name for an address: "[2001:db8::1]:5555" or "192.0.2.1:5555". */
#define CONN_PEER_MAX		64
/* Its key for per-source limits: the IPv4 address, or the IPv6 /64. */
#define CONN_SOURCE_MAX		46

enum conn_proxy_rc {
	CONN_PROXY_ADDR,	/* PROXY over TCP4/TCP6: src is the client */
	CONN_PROXY_LOCAL,	/* LOCAL (the relay's own check) or no
				 * usable address: the connection's own */
	CONN_PROXY_NONE,	/* not a header: the signature differs */
	CONN_PROXY_SHORT,	/* a valid start: need bytes in all */
	CONN_PROXY_BAD,		/* malformed: version, command, family,
				 * length, addresses or TLVs */
	CONN_PROXY_TIMEOUT,	/* read: the deadline passed first */
	CONN_PROXY_CLOSED	/* read: closed (or an error) first */
};

struct conn_proxy_hdr {
	struct sockaddr_storage	src;	/* CONN_PROXY_ADDR: the client */
	size_t			need;	/* SHORT: bytes the header takes */
};

/*
 * Parse exactly n bytes as one header. ADDR or LOCAL when the n bytes
 * are one whole header (no byte left over), NONE when they cannot start
 * one, SHORT when they are a valid start (h->need, at most
 * CONN_PROXY_MAX, is then the whole length once the first 16 are in),
 * BAD otherwise.
 */
enum conn_proxy_rc conn_proxy_parse(const unsigned char *buf, size_t n,
	    struct conn_proxy_hdr *h);

/*
 * Read the header from the blocking socket fd until deadline (mono
 * ms): NONE, with nothing consumed, when the first byte cannot start
 * one; else it consumes the header's bytes and no more and returns what
 * conn_proxy_parse says of them (never SHORT), or TIMEOUT, or CLOSED.
 */
enum conn_proxy_rc conn_proxy_read(int fd, int64_t deadline,
	    struct conn_proxy_hdr *h);

/* May the relay at sa send a header (is it in proxy_from)? 1 or 0. */
int	 conn_proxy_from(const struct config *cfg,
	    const struct sockaddr *sa);

/*
 * Name an address: peer as "host:port" ("[v6]:port"), key as its
 * per-source key (an IPv4-mapped IPv6 address is the IPv4 one).
 * Either may be NULL.
 */
void	 conn_addr_names(const struct sockaddr *sa, char *peer,
	    size_t peerlen, char *key, size_t keylen);

#endif
