/*
 * conn_service.c - what a system service needs from the listener:
 * readiness and reloads told to systemd (sd_notify, so Type=notify
 * units start their dependants only once the port is open), and host
 * keys made on first start, so that a fresh package serves without a
 * manual ssh-keygen.
 *
 * Host keys are made on the first start only, when none of the
 * configured files exists: later, a missing, unreadable or damaged key
 * stays an error, named in the log (making it again would change the
 * server's identity behind the sysop's back). The new keys' fingerprints
 * are logged, to be published to members (docs/EXPLOITATION.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <systemd/sd-daemon.h>

#include "ssh/conn_private.h"
#include "util/util.h"

static int	 conn_hostkey_make(const char *);

void
conn_notify(const char *state)
{
	struct timespec ts;

	/* systemd 253 and later want the reload's start time with it. */
	if (strcmp(state, "RELOADING=1") == 0 &&
	    clock_gettime(CLOCK_MONOTONIC, &ts) == 0) {
		sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu",
		    (unsigned long long)ts.tv_sec * 1000000ULL +
		    (unsigned long long)ts.tv_nsec / 1000ULL);
		return;
	}
	sd_notify(0, state);
}

void
conn_hostkeys_first(char *const *paths, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (access(paths[i], F_OK) == 0 || errno != ENOENT)
			return;
	for (i = 0; i < n; i++)
		conn_hostkey_make(paths[i]);
}

static int
conn_hostkey_make(const char *path)
{
	const char *base = strrchr(path, '/');
	enum ssh_keytypes_e type = SSH_KEYTYPE_ED25519;
	unsigned char *hash = NULL;
	ssh_key key = NULL;
	char *fp = NULL;
	size_t hlen = 0;
	mode_t old;
	int bits = 0, rc = -1;

	if (access(path, F_OK) == 0 || errno != ENOENT)
		return 0;
	base = base != NULL ? base + 1 : path;
	if (strstr(base, "rsa") != NULL) {
		type = SSH_KEYTYPE_RSA;
		bits = 3072;
	}
	if (ssh_pki_generate(type, bits, &key) != SSH_OK) {
		log_error("clé d'hôte %s : création impossible", path);
		goto out;
	}
	old = umask(077);
	rc = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path);
	umask(old);
	if (rc != SSH_OK) {
		log_error("clé d'hôte %s : écriture impossible", path);
		rc = -1;
		goto out;
	}
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) == 0)
		fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash,
		    hlen);
	log_info("clé d'hôte créée : %s (%s %s)", path,
	    ssh_key_type_to_char(type), fp != NULL ? fp : "?");
	rc = 0;
out:
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	return rc;
}
