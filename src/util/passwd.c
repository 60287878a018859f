/*
 * passwd.c - argon2id password hashes through libsodium. Never hand-made
 * crypto: this file only chooses the parameters and wraps the calls.
 *
 * The dummy hash used for unknown logins is made once per process with
 * the same parameters as real ones, so a failed login for an unknown name
 * costs the same time as for a real member.
 */
#include <string.h>

#include <sodium.h>

#include "util/passwd.h"
#include "util/util.h"

#define PW_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PW_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

static char pw_dummy[crypto_pwhash_STRBYTES];

int
pw_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

char *
pw_hash(const char *password, size_t len)
{
	char out[crypto_pwhash_STRBYTES];

	if (len > PW_MAX_LEN)
		return NULL;
	if (crypto_pwhash_str(out, password, len, PW_OPS, PW_MEM) != 0)
		return NULL;
	return xstrdup(out);
}

int
pw_verify(const char *hash, const char *password, size_t len)
{
	if (hash == NULL || len > PW_MAX_LEN)
		return 0;
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}

void
pw_verify_dummy(const char *password, size_t len)
{
	if (pw_dummy[0] == '\0' && crypto_pwhash_str(pw_dummy,
	    "palabre-dummy", 13, PW_OPS, PW_MEM) != 0)
		return;
	if (len > PW_MAX_LEN)
		len = PW_MAX_LEN;	/* the same cost as the longest allowed */
	if (crypto_pwhash_str_verify(pw_dummy, password, len) == 0)
		log_debug("le mot de passe factice a été trouvé");
}

int
pw_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, PW_OPS, PW_MEM) != 0;
}

void
pw_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}
