/*
 * passwd.h - password hashing with libsodium's argon2id (crypto_pwhash),
 * at its "interactive" cost (64 MiB, 2 passes): about 0.1 s per check.
 * Hashes are self-describing strings ($argon2id$v=19$m=...), so the cost
 * can be raised later and old hashes still verify.
 */
#ifndef PALABRE_PASSWD_H
#define PALABRE_PASSWD_H

#include <stddef.h>

#define PW_MAX_LEN 1024		/* longer passwords are refused */
#define PW_MIN_LEN 8		/* for new passwords */

/* Initialise libsodium; 0 or -1. Call once before anything else here. */
int	 pw_init(void);
/* A new hash string for password, or NULL on failure (out of memory). */
char	*pw_hash(const char *password, size_t len);
/* 1 if password matches hash, 0 if not (or hash is malformed). */
int	 pw_verify(const char *hash, const char *password, size_t len);
/* Spend the same time as a real check, for logins that do not exist. */
void	 pw_verify_dummy(const char *password, size_t len);
/* 1 if the hash should be recomputed with today's parameters. */
int	 pw_needs_rehash(const char *hash);
/* Wipe a secret from memory. */
void	 pw_wipe(void *, size_t);

#endif
