/*
 * docfile.h - the library's original files (PDF, Markdown, text), kept
 * in the files directory ([server] files_dir) under their SHA-256 in
 * lowercase hex: written once by an import, never changed, shared by
 * the documents with the same bytes. The database names them
 * (doc.file_sha256, db/0014_doc_file.sql).
 */
#ifndef PALABRE_DOCFILE_H
#define PALABRE_DOCFILE_H

#include <stddef.h>
#include <stdint.h>

#define DOCFILE_SHA_LEN	64	/* hex digits */

/* 1 if s is 64 lowercase hex digits (a name we may open), else 0. */
int	 docfile_sha_valid(const char *s);
/* The SHA-256 of data, in hex (sha: 65 bytes). */
void	 docfile_sha(const void *data, size_t len, char *sha);
/*
 * Keep data in dir (created if missing, 0755; files 0644) under its SHA-256: written
 * to a temporary name, fsynced, renamed, the directory fsynced; nothing
 * written if the file is there already. sha gets the name (65 bytes).
 * 0, or -1 with errno set.
 */
int	 docfile_put(const char *dir, const void *data, size_t len,
	    char *sha);
/* The listener, before it drops root: dir made if missing (0755) and,
 * when root with a service user, given to that user (not the files in
 * it). Failures are logged; nothing else depends on it. */
void	 docfile_dir_prepare(const char *dir, const char *user);
/* Open the file sha of dir read-only (no symlink followed): a
 * descriptor, or -1 with errno set (EINVAL: not a valid name). */
int	 docfile_open(const char *dir, const char *sha);

#endif
