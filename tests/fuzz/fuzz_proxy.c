/*
 * fuzz_proxy.c - libFuzzer target for the PROXY protocol v2 parser
 * (src/ssh/conn_proxy.c), which reads what a stranger wrote (through a
 * relay, or pretending to be one): any bytes give one of its answers,
 * never a crash or a read past them; a SHORT asks for more than it was
 * given and no more than CONN_PROXY_MAX; every prefix of a complete
 * header is SHORT; an address comes only from TCP4 or TCP6.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ssh/conn_proxy.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conn_proxy_hdr h;
	unsigned char *copy;
	enum conn_proxy_rc rc;
	size_t i;

	/* An exact-size copy: ASan sees a read one byte too far. */
	if ((copy = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	rc = conn_proxy_parse(copy, size, &h);
	switch (rc) {
	case CONN_PROXY_SHORT:
		if (h.need <= size || h.need > CONN_PROXY_MAX)
			abort();
		break;
	case CONN_PROXY_ADDR:
		if (h.src.ss_family != AF_INET && h.src.ss_family != AF_INET6)
			abort();
		/* FALLTHROUGH */
	case CONN_PROXY_LOCAL:
		if (size < 16 || size > CONN_PROXY_MAX)
			abort();
		for (i = 0; i < size; i++)
			if (conn_proxy_parse(copy, i, &h) != CONN_PROXY_SHORT)
				abort();
		break;
	case CONN_PROXY_NONE:
	case CONN_PROXY_BAD:
		break;
	default:
		abort();	/* TIMEOUT, CLOSED: read's, never parse's */
	}
	free(copy);
	return 0;
}
