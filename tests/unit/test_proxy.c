/*
 * test_proxy.c - the PROXY protocol v2 header (src/ssh/conn_proxy.c):
 * valid TCP4, TCP6 and LOCAL headers, TLVs, truncated, wrong signature,
 * bad version, command or family, oversized or inconsistent lengths;
 * reading from a socket takes the header's bytes and no more; the
 * relays allowed by proxy_from; and the configuration's checks.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "ssh/conn_proxy.h"
#include "util/util.h"
#include "unit.h"

static const unsigned char sig[12] = {
	0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54,
	0x0a
};

/* A header into buf: ver_cmd, fam, then body of len bytes; its size. */
static size_t
make(unsigned char *buf, int ver_cmd, int fam, const void *body,
    size_t len)
{
	memcpy(buf, sig, 12);
	buf[12] = (unsigned char)ver_cmd;
	buf[13] = (unsigned char)fam;
	buf[14] = (unsigned char)(len >> 8);
	buf[15] = (unsigned char)len;
	if (len > 0)
		memcpy(buf + 16, body, len);
	return 16 + len;
}

/* 127.3.4.5:40000 -> 127.0.0.1:2222, then extra bytes (TLVs). */
static size_t
make_tcp4(unsigned char *buf, const void *extra, size_t nextra)
{
	unsigned char body[12 + 64] = {
		127, 3, 4, 5, 127, 0, 0, 1, 0x9c, 0x40, 0x08, 0xae
	};

	if (nextra > 0)
		memcpy(body + 12, extra, nextra);
	return make(buf, 0x21, 0x11, body, 12 + nextra);
}

static void
test_tcp4(void)
{
	unsigned char buf[CONN_PROXY_MAX];
	struct conn_proxy_hdr h;
	char peer[CONN_PEER_MAX], key[CONN_SOURCE_MAX];
	/* A NOOP TLV of 3 bytes and an empty unique-id TLV. */
	static const unsigned char tlvs[] = { 0x04, 0, 3, 1, 2, 3, 0x05, 0,
		0 };
	size_t n;

	n = make_tcp4(buf, NULL, 0);
	CHECK_INT(n, 28);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_ADDR);
	conn_addr_names((struct sockaddr *)&h.src, peer, sizeof(peer), key,
	    sizeof(key));
	CHECK_STR(peer, "127.3.4.5:40000");
	CHECK_STR(key, "127.3.4.5");

	n = make_tcp4(buf, tlvs, sizeof(tlvs));
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_ADDR);
	/* A TLV whose length runs past the end, or a torn one. */
	n = make_tcp4(buf, tlvs, 5);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
	n = make_tcp4(buf, tlvs, 2);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
	/* An address block shorter than TCP4's. */
	n = make(buf, 0x21, 0x11, "\x7f\0\0\x01\x7f\0\0\x01\0\x01\0", 11);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
}

static void
test_tcp6(void)
{
	unsigned char buf[CONN_PROXY_MAX], body[36];
	struct conn_proxy_hdr h;
	char peer[CONN_PEER_MAX], key[CONN_SOURCE_MAX];
	size_t n;

	memset(body, 0, sizeof(body));
	inet_pton(AF_INET6, "2001:db8:1:2:3:4:5:6", body);
	inet_pton(AF_INET6, "2001:db8::1", body + 16);
	body[32] = 0x01;	/* port 443 */
	body[33] = 0xbb;
	body[35] = 22;
	n = make(buf, 0x21, 0x21, body, sizeof(body));
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_ADDR);
	conn_addr_names((struct sockaddr *)&h.src, peer, sizeof(peer), key,
	    sizeof(key));
	CHECK_STR(peer, "[2001:db8:1:2:3:4:5:6]:443");
	/* Per-source limits count an IPv6 /64. */
	CHECK_STR(key, "2001:db8:1:2::");

	/* An IPv4 client through an IPv6 relay: its IPv4 key. */
	memset(body, 0, 16);
	body[10] = body[11] = 0xff;
	body[12] = 192; body[13] = 0; body[14] = 2; body[15] = 7;
	n = make(buf, 0x21, 0x21, body, sizeof(body));
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_ADDR);
	conn_addr_names((struct sockaddr *)&h.src, NULL, 0, key,
	    sizeof(key));
	CHECK_STR(key, "192.0.2.7");

	n = make(buf, 0x21, 0x21, body, 35);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
}

static void
test_local_and_unspec(void)
{
	unsigned char buf[CONN_PROXY_MAX], body[216];
	struct conn_proxy_hdr h;
	size_t n;

	/* HAProxy's health check: LOCAL, no address. */
	n = make(buf, 0x20, 0x00, NULL, 0);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_LOCAL);
	/* LOCAL with an address block: ignored, as the spec says. */
	n = make_tcp4(buf, NULL, 0);
	buf[12] = 0x20;
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_LOCAL);
	/* PROXY over UNSPEC, UDP or a Unix socket: no address of ours. */
	n = make(buf, 0x21, 0x00, NULL, 0);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_LOCAL);
	memset(body, 0, sizeof(body));
	n = make(buf, 0x21, 0x31, body, sizeof(body));
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_LOCAL);
	n = make(buf, 0x21, 0x12, body, 12);
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_LOCAL);
}

static void
test_malformed(void)
{
	unsigned char buf[CONN_PROXY_MAX + 64];
	struct conn_proxy_hdr h;
	size_t n, i;

	/* An SSH client without a relay; a v1 text header. */
	CHECK_INT(conn_proxy_parse((const unsigned char *)"SSH-2.0-OpenSSH",
	    15, &h), CONN_PROXY_NONE);
	CHECK_INT(conn_proxy_parse((const unsigned char *)
	    "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n", 32, &h), CONN_PROXY_NONE);
	/* One byte of the signature wrong, wherever it is. */
	for (i = 0; i < 12; i++) {
		n = make_tcp4(buf, NULL, 0);
		buf[i] ^= 0x40;
		CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_NONE);
	}
	/* Truncated: every prefix of a valid header asks for more. */
	n = make_tcp4(buf, NULL, 0);
	for (i = 0; i < n; i++)
		if (conn_proxy_parse(buf, i, &h) != CONN_PROXY_SHORT)
			break;
	CHECK_INT(i, n);
	CHECK_INT(conn_proxy_parse(buf, 16, &h), CONN_PROXY_SHORT);
	CHECK_INT(h.need, 28);
	/* More than the header: its length is what it says. */
	buf[n] = 'S';
	CHECK_INT(conn_proxy_parse(buf, n + 1, &h), CONN_PROXY_BAD);
	/* Version 1 or 3 in the binary form; commands 2 to 15. */
	n = make_tcp4(buf, NULL, 0);
	buf[12] = 0x11;
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
	buf[12] = 0x31;
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
	buf[12] = 0x22;
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
	/* Family 4, transport 3: not in the specification. */
	buf[12] = 0x21;
	buf[13] = 0x41;
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
	buf[13] = 0x13;
	CHECK_INT(conn_proxy_parse(buf, n, &h), CONN_PROXY_BAD);
	/* Oversized: refused from the 16 fixed bytes, before reading. */
	n = make(buf, 0x21, 0x11, NULL, 0);
	buf[14] = 0xff;
	buf[15] = 0xff;
	CHECK_INT(conn_proxy_parse(buf, 16, &h), CONN_PROXY_BAD);
	buf[14] = (CONN_PROXY_MAX - 16 + 1) >> 8;
	buf[15] = (CONN_PROXY_MAX - 16 + 1) & 0xff;
	CHECK_INT(conn_proxy_parse(buf, 16, &h), CONN_PROXY_BAD);
	/* The largest taken: an address and one TLV filling the rest. */
	n = CONN_PROXY_MAX - 16 - 12 - 3;
	memset(buf + 16 + 12 + 3, 0, n);
	{
		unsigned char tlv[3] = { 0x04, (unsigned char)(n >> 8),
			(unsigned char)n };

		memcpy(buf + 16 + 12, tlv, 3);
	}
	memcpy(buf, sig, 12);
	buf[12] = 0x21;
	buf[13] = 0x11;
	buf[14] = (CONN_PROXY_MAX - 16) >> 8;
	buf[15] = (CONN_PROXY_MAX - 16) & 0xff;
	memcpy(buf + 16, "\x7f\0\0\x01\x7f\0\0\x01\0\x01\0\x02", 12);
	CHECK_INT(conn_proxy_parse(buf, CONN_PROXY_MAX, &h), CONN_PROXY_ADDR);
}

/* The header's bytes are consumed, the SSH bytes after it are not. */
static void
test_read(void)
{
	unsigned char buf[CONN_PROXY_MAX];
	struct conn_proxy_hdr h;
	char rest[32];
	int sv[2];
	size_t n;
	ssize_t r;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	n = make_tcp4(buf, NULL, 0);
	memcpy(buf + n, "SSH-2.0-x\r\n", 11);
	CHECK(write(sv[1], buf, n + 11) == (ssize_t)(n + 11));
	CHECK_INT(conn_proxy_read(sv[0], mono_ms() + 2000, &h),
	    CONN_PROXY_ADDR);
	r = read(sv[0], rest, sizeof(rest));
	CHECK_INT(r, 11);
	CHECK(r == 11 && memcmp(rest, "SSH-2.0-x\r\n", 11) == 0);

	/* No header: nothing read, libssh gets the banner whole. */
	CHECK(write(sv[1], "SSH-2.0-y\r\n", 11) == 11);
	CHECK_INT(conn_proxy_read(sv[0], mono_ms() + 2000, &h),
	    CONN_PROXY_NONE);
	CHECK_INT(read(sv[0], rest, sizeof(rest)), 11);

	/* Half a header, then silence: the deadline, not a hang. */
	CHECK(write(sv[1], buf, 20) == 20);
	CHECK_INT(conn_proxy_read(sv[0], mono_ms() + 200, &h),
	    CONN_PROXY_TIMEOUT);
	close(sv[1]);
	/* The rest never comes: closed. */
	CHECK_INT(conn_proxy_read(sv[0], mono_ms() + 2000, &h),
	    CONN_PROXY_CLOSED);
	close(sv[0]);

	/* A signature that starts right and goes wrong: consumed, bad. */
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	n = make_tcp4(buf, NULL, 0);
	buf[5] = 'X';
	CHECK(write(sv[1], buf, n) == (ssize_t)n);
	CHECK_INT(conn_proxy_read(sv[0], mono_ms() + 2000, &h),
	    CONN_PROXY_BAD);
	close(sv[0]);
	close(sv[1]);
}

static int
from(const struct config *c, const char *addr)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1)
		s4->sin_family = AF_INET;
	else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1)
		s6->sin6_family = AF_INET6;
	return conn_proxy_from(c, (struct sockaddr *)&ss);
}

static int
load_text(struct config *c, const char *text, char *errs, size_t size)
{
	FILE *f = fmemopen(errs, size, "w");
	int rc;

	memset(errs, 0, size);
	rc = config_load_text(c, text, strlen(text), "/tmp/p.conf", f);
	fclose(f);
	return rc;
}

static void
test_config(void)
{
	struct config c;
	char errs[2048];

	CHECK_INT(load_text(&c, "[server]\n", errs, sizeof(errs)), 0);
	CHECK_INT(c.proxy_protocol, CONFIG_PROXY_OFF);
	CHECK_INT(c.nproxy_from, 0);
	config_clear(&c);

	CHECK_INT(load_text(&c, "[server]\nproxy_protocol = required\n"
	    "proxy_from = 127.0.0.1, ::1 ,10.8.0.0/13\n", errs,
	    sizeof(errs)), 0);
	CHECK_STR(errs, "");
	CHECK_INT(c.proxy_protocol, CONFIG_PROXY_REQUIRED);
	CHECK_INT(c.nproxy_from, 3);
	CHECK(from(&c, "127.0.0.1"));
	CHECK(!from(&c, "127.0.0.2"));
	CHECK(from(&c, "::1"));
	CHECK(!from(&c, "::2"));
	CHECK(from(&c, "::ffff:127.0.0.1"));	/* dual-stack socket */
	CHECK(from(&c, "10.8.0.1"));
	CHECK(from(&c, "10.15.255.255"));
	CHECK(!from(&c, "10.16.0.0"));
	CHECK(!from(&c, "10.7.255.255"));
	config_clear(&c);

	/* Host bits are cleared: 192.0.2.77/24 is 192.0.2.0/24. */
	CHECK_INT(load_text(&c, "[server]\nproxy_protocol = optional\n"
	    "proxy_from = 192.0.2.77/24\n", errs, sizeof(errs)), 0);
	CHECK(from(&c, "192.0.2.1"));
	CHECK(!from(&c, "192.0.3.1"));
	config_clear(&c);

	/* Errors, each with its line. */
	CHECK_INT(load_text(&c, "[server]\nproxy_protocol = oui\n", errs,
	    sizeof(errs)), 1);
	CHECK_STR(errs, "/tmp/p.conf:2: proxy_protocol : off, optional ou "
	    "required, pas « oui »\n");
	CHECK_INT(load_text(&c, "[server]\n\nproxy_protocol = required\n",
	    errs, sizeof(errs)), 1);
	CHECK_STR(errs, "/tmp/p.conf:3: proxy_protocol = required : il faut "
	    "proxy_from (les relais autorisés à envoyer l'en-tête)\n");
	CHECK_INT(load_text(&c, "[server]\nproxy_from = 127.0.0.1, "
	    "haproxy.local, ::1/129\n", errs, sizeof(errs)), 2);
	CHECK_STR(errs, "/tmp/p.conf:2: proxy_from : « haproxy.local » "
	    "n'est pas une adresse IPv4 ni IPv6\n/tmp/p.conf:2: proxy_from : "
	    "préfixe « /129 » invalide pour ::1\n");
	CHECK_INT(load_text(&c, "[server]\nproxy_from = ,\n", errs,
	    sizeof(errs)), 1);
	CHECK_STR(errs, "/tmp/p.conf:2: proxy_from : aucune adresse\n");
}

int
main(void)
{
	RUN(test_tcp4);
	RUN(test_tcp6);
	RUN(test_local_and_unspec);
	RUN(test_malformed);
	RUN(test_read);
	RUN(test_config);
	TEST_DONE();
}
