/*
 * conn_warm.c - fill OpenSSL's caches in the listener, once, so that the
 * session processes it forks share them instead of each building its own.
 *
 * libssh (Debian's is built on OpenSSL 3) finds every algorithm through
 * OpenSSL's method store: the first time a process asks for a digest, a
 * cipher or a key exchange, OpenSSL asks the provider for all the
 * algorithms of that kind and builds them all, with their names and
 * properties, in thousands of small allocations, then caches each lookup
 * by name. Done in each session process, that was about 150 KB of private
 * heap per session, kept for the whole session, and CPU at every login
 * (measured in docs/PERFORMANCE.md). Done here before the first fork, the
 * pages stay shared: a session dirties only the few it writes to.
 *
 * Nothing secret is made or kept here: these are lookups of algorithm
 * implementations, freed again (the store keeps them). The random
 * generator is not touched (OpenSSL reseeds it in each child anyway).
 */
#include <openssl/evp.h>

#include "ssh/conn_private.h"

/* What libssh 0.10 may negotiate or verify, by OpenSSL's names. */
static const char *const WARM_DIGESTS[] = {
	"SHA1", "SHA256", "SHA384", "SHA512", "MD5", NULL
};
static const char *const WARM_CIPHERS[] = {
	"ChaCha20", "AES-128-CTR", "AES-192-CTR", "AES-256-CTR",
	"AES-128-GCM", "AES-256-GCM", NULL
};
static const char *const WARM_KEYMGMT[] = {
	"X25519", "ED25519", "EC", "RSA", "DH", "POLY1305", "HMAC", NULL
};
static const char *const WARM_KEYEXCH[] = { "X25519", "ECDH", "DH", NULL };
static const char *const WARM_SIGNATURES[] = {
	"ED25519", "ECDSA", "RSA", "POLY1305", "HMAC", NULL
};
static const char *const WARM_MACS[] = { "HMAC", "POLY1305", NULL };

/* Fetch and free each name, with no property query and with an empty
 * one (OpenSSL caches the two apart; libssh's calls use either). A macro:
 * each kind of method has its own types. */
#define WARM(type, names) do {						\
	const char *const *n_;						\
	type *m_;							\
									\
	for (n_ = (names); *n_ != NULL; n_++) {				\
		if ((m_ = type##_fetch(NULL, *n_, NULL)) != NULL)	\
			type##_free(m_);				\
		if ((m_ = type##_fetch(NULL, *n_, "")) != NULL)		\
			type##_free(m_);				\
	}								\
} while (0)

void
conn_warm_crypto(void)
{
	WARM(EVP_MD, WARM_DIGESTS);
	WARM(EVP_CIPHER, WARM_CIPHERS);
	WARM(EVP_KEYMGMT, WARM_KEYMGMT);
	WARM(EVP_KEYEXCH, WARM_KEYEXCH);
	WARM(EVP_SIGNATURE, WARM_SIGNATURES);
	WARM(EVP_MAC, WARM_MACS);
}
