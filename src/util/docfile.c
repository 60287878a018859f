/*
 * docfile.c - the original files of the library, content-addressed
 * (docfile.h). A name is the SHA-256 of the bytes, so a file, once
 * renamed into place, is never written again: readers (the SFTP helper,
 * backups) never see a half-written one, and a re-import of the same
 * PDF costs nothing. Hashing is libsodium's.
 *
 * The folder is 0755 and the files 0644, whoever made them (root, by
 * « palabre admin doc import », before the service user ever ran): the
 * library is for every member, and what guards the folder is the one
 * above it (the database's, the service user's alone).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "util/docfile.h"
#include "util/util.h"

static void	 docfile_own(const char *);

/* Made by root (a sysop's command): the owner of the folder above (the
 * database's, the service user) gets it, as file_replace() does for a
 * file. */
static void
docfile_own(const char *dir)
{
	struct stat st;
	char *up;

	if (geteuid() != 0)
		return;
	xasprintf(&up, "%s/..", dir);
	if (stat(up, &st) == 0 && st.st_uid != 0 &&
	    chown(dir, st.st_uid, st.st_gid) == -1)
		log_warn("%s : %s", dir, strerror(errno));
	free(up);
}

int
docfile_sha_valid(const char *s)
{
	return strspn(s, "0123456789abcdef") == DOCFILE_SHA_LEN &&
	    s[DOCFILE_SHA_LEN] == '\0';
}

void
docfile_sha(const void *data, size_t len, char *sha)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(sha, DOCFILE_SHA_LEN + 1, h, sizeof(h));
}

int
docfile_put(const char *dir, const void *data, size_t len, char *sha)
{
	struct stat st;
	char *path = NULL;
	int rc = -1;

	docfile_sha(data, len, sha);
	if (mkdir(dir, 0755) == 0)
		docfile_own(dir);
	else if (errno != EEXIST)
		return -1;
	xasprintf(&path, "%s/%s", dir, sha);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == len) {
		rc = 0;		/* the same bytes are there */
		goto out;
	}
	/* A crash before the file's own fsync leaves a short file: the
	 * size check above writes it again. */
	if (file_replace(path, data, len, 0644) == -1 ||
	    fs_sync(path) == -1 || fs_sync(dir) == -1)
		goto out;
	rc = 0;
out:
	free(path);
	return rc;
}

void
docfile_dir_prepare(const char *dir, const char *user)
{
	struct passwd *pw;

	if (dir == NULL)
		return;
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		log_warn("%s : %s", dir, strerror(errno));
		return;
	}
	if (geteuid() != 0 || user == NULL || (pw = getpwnam(user)) == NULL ||
	    pw->pw_uid == 0)
		return;
	if (lchown(dir, pw->pw_uid, pw->pw_gid) == -1)
		log_warn("chown %s : %s", dir, strerror(errno));
}

int
docfile_open(const char *dir, const char *sha)
{
	char *path;
	int fd, saved;

	if (!docfile_sha_valid(sha)) {
		errno = EINVAL;
		return -1;
	}
	xasprintf(&path, "%s/%s", dir, sha);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	saved = errno;
	free(path);
	errno = saved;
	return fd;
}
