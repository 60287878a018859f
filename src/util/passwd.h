/*
 * passwd.h - password hashing with libsodium's argon2id (crypto_pwhash),
 * at its "interactive" cost (64 MiB, 2 passes): about 0.1 s per check.
 * Hashes are self-describing strings ($argon2id$v=19$m=...), so the cost
 * can be raised later and old hashes still verify.
 */
#ifndef PALABRE_PASSWD_H
#define PALABRE_PASSWD_H

#include <stddef.h>
#include <stdint.h>

#define PW_MAX_LEN 1024		/* longer passwords are refused */
#define PW_MIN_LEN 8		/* for new passwords */
#define PW_WAIT_MS 20000	/* for a slot, when the caller took none */

/* Initialise libsodium; 0 or -1. Call once before anything else here. */
int	 pw_init(void);
/*
 * Cap argon2id runs at max at once across every process that calls this
 * with the same database (slots in DATABASE-argon2.lock, see passwd.c).
 * Without it (unit tests), nothing is capped. Every function below that
 * runs argon2id takes a slot first, waiting PW_WAIT_MS at most, unless
 * the caller already holds one (pw_slot_take, for its own deadline).
 */
void	 pw_cap_init(const char *database, int max);
/* The lock file, or NULL without a cap. */
const char *pw_cap_path(void);
/* Take a slot, waiting until deadline_ms (mono_ms()): 0, or -1 if none
 * came in time or the lock file cannot be opened. Takes nest. */
int	 pw_slot_take(int64_t deadline_ms);
/* Give back the slot of the matching pw_slot_take(). */
void	 pw_slot_give(void);

/* A new hash string for password, or NULL on failure (out of memory, no
 * slot in time). */
char	*pw_hash(const char *password, size_t len);
/* 1 if password matches hash, 0 if not (or hash is malformed), -1 if no
 * slot came in time: compare with 1, never test for truth. */
int	 pw_verify(const char *hash, const char *password, size_t len);
/* Spend the same time as a real check, for logins that do not exist: 0,
 * or -1 if no slot came in time. A NULL password only makes the dummy
 * hash (the listener does it once, so that sessions inherit it). */
int	 pw_verify_dummy(const char *password, size_t len);
/* 1 if the hash should be recomputed with today's parameters. */
int	 pw_needs_rehash(const char *hash);
/* Wipe a secret from memory. */
void	 pw_wipe(void *, size_t);

#endif
