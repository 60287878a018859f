/*
 * files.h - the library's files as members see them over SFTP: a
 * read-only tree computed from the store, and the helper process that
 * answers for it (palabre-ui --sftp) with the member's rights only.
 *
 *	/bibliotheque/<nature>/<date>-<titre> (d<id>).<pdf|md|txt>
 *	/depot/<nom>		documentalistes and sysops only: the files
 *				waiting in « À classer », and where they
 *				drop new ones
 *
 * <nature> is the kind's label (« Circulaire », « Décret »), <date> the
 * publication date when known, d<id> the document's id as the commands
 * write it (« ssh host lire d12 »): names are unique by construction,
 * stay the same while the title does, and never a Windows reserved name.
 * Every name is cleaned for Windows clients and command lines (no / \ :
 * * ? " < > | [ ], no control character, ’ for ', no leading or trailing
 * space or dot) and bounded (FILES_TITLE_MAX bytes of title).
 *
 * The tree is virtual: a path is resolved against the store, never
 * against the file system, so « .. », symbolic links and absolute paths
 * cannot lead anywhere else; the only files opened are those of the
 * files directory named by a document's SHA-256.
 *
 * The session process (src/ssh/conn_sftp.c) speaks SFTP with libssh and
 * asks the helper over a SOCK_SEQPACKET socket pair, one message per
 * request: a struct files_msg, then a path. The helper answers with
 * messages of the same shape; an open file comes back as a descriptor
 * (SCM_RIGHTS) that the session only reads.
 *
 * A drop into /depot/: FILES_CREATE gives the session a descriptor on a
 * new temporary file of the files directory (".depot-" and 16 hex
 * digits, its token); the session writes what the client sends, within
 * [limits] depot_max. FILES_COMMIT (token, newline, path) has the helper
 * check the type by content (a PDF's magic, else valid UTF-8 text without
 * NUL: Markdown if the name ends in .md, else text), ask the session for
 * a PDF's text (FILES_TEXT_PLEASE: the session runs pdftotext, which the
 * helper's sandbox cannot exec, and sends FILES_TEXT pieces, then
 * FILES_END), rename the file to its SHA-256 and add it to « À classer »
 * (store_doc_inbox_add). FILES_ABORT (token) removes an unfinished one.
 */
#ifndef PALABRE_FILES_H
#define PALABRE_FILES_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct config;

#define FILES_TITLE_MAX	120	/* bytes of the title in a name */
#define FILES_PATH_MAX	1024	/* bytes of a path we look at */
#define FILES_MSG_MAX	(sizeof(struct files_msg) + FILES_PATH_MAX + 256)
#define FILES_LIBRARY	"bibliotheque"
#define FILES_DEPOT	"depot"
#define FILES_TEXT_MAX	(4 * 1024 * 1024)	/* bytes of a PDF's text */
#define FILES_TOKEN	".depot-"		/* + 16 hex digits */

/* Requests (session -> helper) and answers (helper -> session). */
enum files_op {
	FILES_HELLO = 'H',	/* may this member use the files? */
	FILES_STAT = 'S',	/* path: 'D' or 'F', or 'E' */
	FILES_LIST = 'L',	/* path: 'N'... then 'Z', or 'E' */
	FILES_OPEN = 'O',	/* path: 'F' with its descriptor, or 'E' */
	FILES_CREATE = 'C',	/* path in /depot/: 'F' + descriptor, token */
	FILES_COMMIT = 'M',	/* token \n path: 'K', 'T' then 'K', or 'E' */
	FILES_ABORT = 'A',	/* token: no answer */
	FILES_TEXT = 'X',	/* a piece of a PDF's text (session) */

	FILES_OK = 'K',		/* hello: yes (type 'W': may drop files) */
	FILES_TEXT_PLEASE = 'T',	/* commit: send the PDF's text */
	FILES_DIR = 'D',
	FILES_FILE = 'F',
	FILES_ENTRY = 'N',	/* one entry of a list: type, size, name */
	FILES_END = 'Z',
	FILES_ERROR = 'E'	/* status: SSH_FX_*; text: French */
};

struct files_msg {
	char	 op;		/* enum files_op */
	char	 type;		/* FILES_ENTRY: FILES_DIR or FILES_FILE */
	uint16_t status;	/* FILES_ERROR: an SFTP status code */
	int64_t	 size;
	int64_t	 mtime;
	/* then the path, name or message, without NUL */
};

/* SFTP status codes (draft-ietf-secsh-filexfer-02), for the helper,
 * which does not include libssh. */
#define FILES_FX_NO_SUCH_FILE		2
#define FILES_FX_PERMISSION_DENIED	3
#define FILES_FX_FAILURE		4

/*
 * path made absolute ("/" for "" or "."), « . » and « .. » taken away
 * within the tree (never above "/"), slashes single: into out (NUL-
 * terminated), "/" then components. 0, or -1 if too long or not UTF-8
 * or with a control character (then refused, never cleaned).
 */
int	 files_path_norm(const char *path, struct buf *out);
/* 1 if name (the part before its first dot) is one Windows reserves:
 * CON, PRN, AUX, NUL, COM1-9, LPT1-9, any case. */
int	 files_name_reserved(const char *name);
/* A name cleaned as above, at most max bytes (cut on a character). */
void	 files_name_clean(const char *in, size_t max, struct buf *out);
/* The name of a document's file in its folder. New string. */
char	*files_doc_name(int64_t id, const char *published, const char *title,
	    const char *type);
/* The folder of a kind (enum store_doc_kind). New string. */
char	*files_kind_name(int kind);

/* The whole path of a document's file: "/bibliotheque/<nature>/<name>".
 * New string. */
char	*files_doc_path(int64_t id, int kind, const char *published,
	    const char *title, const char *type);
/*
 * The command a member types to fetch path, as the reader shows it:
 * « scp -P PORT LOGIN@HOST:'PATH' . », with [server] public_host (else
 * the listening address, else this machine's name) and port. PATH never
 * holds a ' (files_name_clean). New string.
 */
char	*files_fetch_command(const struct config *, const char *login,
	    const char *path);

/* One message, with an optional descriptor. 0 or -1. */
int	 files_send(int sock, const struct files_msg *, const char *text,
	    size_t len, int fd);
/* Receive one message into m, its text into text (NUL-terminated,
 * text_size bytes at most), a descriptor into *fd (-1 if none; fd may
 * be NULL, then one received is closed). Returns the text's length, or
 * -1 (closed or broken). */
int	 files_recv(int sock, struct files_msg *m, char *text,
	    size_t text_size, int *fd);

/* palabre-ui --sftp: answer the session on descriptor 0 for login
 * until it closes. The process exit status. */
int	 files_main(struct config *, const char *login);

#endif
