/*
 * passwd.c - argon2id password hashes through libsodium. Never hand-made
 * crypto: this file only chooses the parameters and wraps the calls.
 *
 * The dummy hash used for unknown logins is made once per process with
 * the same parameters as real ones, so a failed login for an unknown name
 * costs the same time as for a real member.
 *
 * The cap on argon2id runs (64 MiB each) holds across processes: the
 * session processes check logins, the interfaces (separate programs,
 * exec'd) hash at sign-up and on a password change, the sysop's commands
 * hash too. A slot is one byte of a lock file beside the database
 * (DATABASE-argon2.lock) taken with an open-file-description lock
 * (F_OFD_SETLK): the kernel gives it back when the process dies, however
 * it dies, so a crashed process never keeps a slot. Each process opens
 * its own description (locks on a description inherited through fork
 * would be shared with the parent).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "util/passwd.h"
#include "util/util.h"

#define PW_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PW_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE
#define PW_NAP_MS 10		/* between two looks at the slots */

/*
 * What a login for no member is checked against, so that it costs what
 * a real check costs. Not a secret: crypto_pwhash_str("palabre-dummy")
 * made once with PW_OPS and PW_MEM, so that a restarted listener has no
 * hash to make before its first login (it cost one argon2id run there,
 * under load the larger part of that login). Should PW_OPS or PW_MEM
 * change, pw_verify_dummy() sees it (needs_rehash) and makes a new one.
 */
static char pw_dummy[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$phqnVCSNfYW7bcm6wGA5mQ$"
    "hQnIy+mqR48Kn7m7nNDyLQCV07G9GpPVagmSum07aQA";

static struct {
	char	*path;		/* the lock file; NULL: no cap */
	char	*database;	/* whose owner the lock file gets */
	int	 max;		/* slots */
	int	 fd;		/* our own description, or -1 */
	pid_t	 pid;		/* who opened fd */
	int	 slot;		/* held, or -1 */
	int	 depth;		/* nested takes */
} pw_cap = { NULL, NULL, 0, -1, 0, -1, 0 };

static int	 pw_cap_fd(void);
static int	 pw_slot_try(int, int);

int
pw_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
pw_cap_init(const char *database, int max)
{
	free(pw_cap.path);
	free(pw_cap.database);
	pw_cap.path = NULL;
	pw_cap.database = NULL;
	if (database == NULL)
		return;
	xasprintf(&pw_cap.path, "%s-argon2.lock", database);
	pw_cap.database = xstrdup(database);
	pw_cap.max = max < 1 ? 1 : max;
}

const char *
pw_cap_path(void)
{
	return pw_cap.path;
}

/* This process's own description of the lock file, opened on first use. */
static int
pw_cap_fd(void)
{
	struct stat sb;
	int created = 0;

	if (pw_cap.fd != -1 && pw_cap.pid == getpid())
		return pw_cap.fd;
	/* Inherited through fork: not ours to lock with, nor to close (the
	 * session closes what it inherits: the number may be another
	 * file's now). */
	pw_cap.fd = -1;
	pw_cap.slot = -1;
	pw_cap.depth = 0;
	pw_cap.fd = open(pw_cap.path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (pw_cap.fd == -1 && errno == ENOENT) {
		pw_cap.fd = open(pw_cap.path, O_RDWR | O_CREAT | O_EXCL |
		    O_CLOEXEC | O_NOFOLLOW, 0600);
		created = pw_cap.fd != -1;
		if (pw_cap.fd == -1 && errno == EEXIST)
			pw_cap.fd = open(pw_cap.path, O_RDWR | O_CLOEXEC |
			    O_NOFOLLOW);
	}
	if (pw_cap.fd == -1) {
		log_error("%s : %s", pw_cap.path, strerror(errno));
		return -1;
	}
	/* Made by root (a sysop's command): give it to the database's
	 * owner, as SQLite does with its -wal and -shm files. */
	if (created && geteuid() == 0 && stat(pw_cap.database, &sb) == 0 &&
	    fchown(pw_cap.fd, sb.st_uid, sb.st_gid) == -1)
		log_warn("%s : %s", pw_cap.path, strerror(errno));
	pw_cap.pid = getpid();
	return pw_cap.fd;
}

/* Lock (or unlock) byte slot of the lock file, without waiting. */
static int
pw_slot_try(int fd, int slot)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = slot;
	fl.l_len = 1;
	return fcntl(fd, F_OFD_SETLK, &fl);
}

int
pw_slot_take(int64_t deadline_ms)
{
	int fd, i;

	if (pw_cap.path == NULL)
		return 0;
	if ((fd = pw_cap_fd()) == -1)
		return -1;
	if (pw_cap.slot != -1) {
		pw_cap.depth++;
		return 0;
	}
	for (;;) {
		for (i = 0; i < pw_cap.max; i++) {
			if (pw_slot_try(fd, i) == 0) {
				pw_cap.slot = i;
				pw_cap.depth = 1;
				return 0;
			}
			if (errno != EAGAIN && errno != EACCES &&
			    errno != EINTR) {
				log_error("%s : %s", pw_cap.path,
				    strerror(errno));
				return -1;
			}
		}
		if (mono_ms() >= deadline_ms)
			return -1;
		usleep(PW_NAP_MS * 1000);
	}
}

void
pw_slot_give(void)
{
	struct flock fl;

	if (pw_cap.path == NULL || pw_cap.slot == -1 ||
	    pw_cap.pid != getpid() || --pw_cap.depth > 0)
		return;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = pw_cap.slot;
	fl.l_len = 1;
	fcntl(pw_cap.fd, F_OFD_SETLK, &fl);
	pw_cap.slot = -1;
	pw_cap.depth = 0;
}

char *
pw_hash(const char *password, size_t len)
{
	char out[crypto_pwhash_STRBYTES];
	int rc;

	if (len > PW_MAX_LEN)
		return NULL;
	if (pw_slot_take(mono_ms() + PW_WAIT_MS) == -1)
		return NULL;
	rc = crypto_pwhash_str(out, password, len, PW_OPS, PW_MEM);
	pw_slot_give();
	return rc != 0 ? NULL : xstrdup(out);
}

int
pw_verify(const char *hash, const char *password, size_t len)
{
	int rc;

	if (hash == NULL || len > PW_MAX_LEN)
		return 0;
	if (pw_slot_take(mono_ms() + PW_WAIT_MS) == -1)
		return -1;
	rc = crypto_pwhash_str_verify(hash, password, len);
	pw_slot_give();
	return rc == 0;
}

int
pw_verify_dummy(const char *password, size_t len)
{
	int stale;

	stale = crypto_pwhash_str_needs_rehash(pw_dummy, PW_OPS, PW_MEM) != 0;
	if (password == NULL && !stale)
		return 0;		/* ready: nothing to make */
	if (pw_slot_take(mono_ms() + PW_WAIT_MS) == -1)
		return -1;
	if (stale && crypto_pwhash_str(pw_dummy, "palabre-dummy", 13, PW_OPS,
	    PW_MEM) != 0) {
		pw_slot_give();
		return 0;
	}
	if (password == NULL) {		/* made, not verified: one hash */
		pw_slot_give();
		return 0;
	}
	if (len > PW_MAX_LEN)
		len = PW_MAX_LEN;	/* the same cost as the longest allowed */
	if (crypto_pwhash_str_verify(pw_dummy, password, len) == 0)
		log_debug("le mot de passe factice a été trouvé");
	pw_slot_give();
	return 0;
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
