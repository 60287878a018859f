/*
 * conn_sftp.c - the « sftp » subsystem in the session process: libssh's
 * server-side SFTP (version 3) on the session channel, for the
 * library's files (files/files.h).
 *
 * The session does not look at the store nor at the files directory: it
 * asks the helper (palabre-ui --sftp, started with the member's login
 * on a socket pair) what a path names, what a folder holds, and for an
 * open file's descriptor, which it then only reads (pread). So the
 * process that holds the host key and the network touches no member
 * data but the bytes it sends, and the helper, which reads the store,
 * has no network.
 *
 * Everything is read-only but /depot/ for documentalistes and sysops:
 * OPEN for writing asks the helper for a drop (it refuses anywhere else,
 * and for other members, with the read-only sentence), WRITE goes to
 * that drop within [limits] depot_max, CLOSE has the helper check and
 * keep it (files/files.h). MKDIR, RMDIR, REMOVE, RENAME, SETSTAT,
 * SYMLINK and the extensions get SSH_FX_PERMISSION_DENIED with a French
 * sentence; every other refusal too is an SFTP status with its
 * sentence, never a dropped connection.
 *
 * Handles are ours (CONN_SFTP_HANDLES of them, 4-byte indexes checked
 * here): libssh 0.10's sftp_handle() reads one slot past its table for
 * the index 256 a client may send.
 *
 * One request at a time, in blocking mode: the session has nothing
 * else to do, and a client that stops reading holds only its own
 * session. The idle limit applies to each request (alarm); SIGTERM
 * from the listener, and the sysop's kick, end the process.
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>
#define WITH_SERVER	/* libssh's server-side SFTP calls */
#include <libssh/sftp.h>

#include "admin_doc.h"
#include "files/files.h"
#include "ssh/conn_private.h"
#include "util/util.h"

#define CONN_SFTP_HANDLES	64
#define CONN_SFTP_READ_MAX	(64 * 1024)	/* bytes per READ answer */
#define CONN_SFTP_NAMES	64			/* entries per READDIR */

struct conn_sftp_entry {
	char	 type;		/* FILES_DIR or FILES_FILE */
	int64_t	 size;
	int64_t	 mtime;
	char	*name;
};

struct conn_sftp_handle {
	int			 used;
	int			 fd;		/* a file: -1 for a folder */
	int			 drop;		/* a file being dropped */
	int			 failed;	/* ... refused: not kept */
	char			*token;		/* ... its temporary name */
	char			*path;		/* ... as the client named it */
	int64_t			 size;
	int64_t			 mtime;
	struct conn_sftp_entry	*entries;	/* a folder, read at OPENDIR */
	size_t			 nentries;
	size_t			 next;		/* entries sent */
};

struct conn_sftp {
	sftp_session		 sftp;
	int			 sock;		/* to the helper */
	int			 idle;		/* seconds; 0: none */
	int64_t			 depot_max;	/* bytes of a drop */
	struct conn_sftp_handle	 h[CONN_SFTP_HANDLES];
	char			 text[FILES_PATH_MAX + 256];
};

static const char conn_sftp_readonly[] = "La bibliothèque est en lecture "
    "seule : rien ne peut y être écrit, renommé ni supprimé.";
static const char conn_sftp_gone[] = "La bibliothèque est indisponible "
    "pour l'instant.";

static int	 conn_sftp_ask(struct conn_sftp *, char, const char *,
		    struct files_msg *, int *);
static void	 conn_sftp_attr(struct sftp_attributes_struct *, char, int64_t,
		    int64_t);
static void	 conn_sftp_longname(char *, size_t, char, int64_t, int64_t,
		    const char *);
static int	 conn_sftp_handle_new(struct conn_sftp *, sftp_client_message);
static int	 conn_sftp_handle_reply(sftp_client_message, int);
static int	 conn_sftp_refused(struct conn_sftp *, sftp_client_message,
		    const struct files_msg *);
static int	 conn_sftp_realpath(struct conn_sftp *, sftp_client_message);
static struct conn_sftp_handle *conn_sftp_handle_get(struct conn_sftp *,
		    sftp_client_message);
static void	 conn_sftp_handle_free(struct conn_sftp *,
		    struct conn_sftp_handle *);
static int	 conn_sftp_drop(struct conn_sftp *, sftp_client_message);
static int	 conn_sftp_open_fd(struct conn_sftp *, sftp_client_message,
		    char, struct files_msg *, int *);
static int	 conn_sftp_write(struct conn_sftp *, sftp_client_message);
static int	 conn_sftp_commit(struct conn_sftp *, sftp_client_message,
		    struct conn_sftp_handle *);
static int	 conn_sftp_opendir(struct conn_sftp *, sftp_client_message);
static int	 conn_sftp_readdir(struct conn_sftp *, sftp_client_message);
static int	 conn_sftp_open(struct conn_sftp *, sftp_client_message);
static int	 conn_sftp_read(struct conn_sftp *, sftp_client_message);
static int	 conn_sftp_stat(struct conn_sftp *, sftp_client_message, int);
static int	 conn_sftp_dispatch(struct conn_sftp *, sftp_client_message);

/*
 * One question to the helper about path: the answer in *m (its text in
 * c->text), a descriptor in *fd if asked for. 0, or -1 if the helper is
 * gone.
 */
static int
conn_sftp_ask(struct conn_sftp *c, char op, const char *path,
    struct files_msg *m, int *fd)
{
	struct files_msg q;

	memset(&q, 0, sizeof(q));
	q.op = op;
	if (path == NULL || strlen(path) > FILES_PATH_MAX)
		path = "/\x01";		/* refused by the helper */
	if (files_send(c->sock, &q, path, strlen(path), -1) == -1)
		return -1;
	return files_recv(c->sock, m, c->text, sizeof(c->text), fd) == -1 ?
	    -1 : 0;
}

static void
conn_sftp_attr(struct sftp_attributes_struct *a, char type, int64_t size,
    int64_t mtime)
{
	memset(a, 0, sizeof(*a));
	a->flags = SSH_FILEXFER_ATTR_SIZE | SSH_FILEXFER_ATTR_PERMISSIONS |
	    SSH_FILEXFER_ATTR_ACMODTIME;
	a->size = (uint64_t)(size > 0 ? size : 0);
	a->permissions = type == FILES_DIR ? S_IFDIR | 0555 : S_IFREG | 0444;
	a->atime = a->mtime = (uint32_t)(mtime > 0 ? mtime : 0);
}

/* What « ls -l » shows (OpenSSH prints the server's line as it is). */
static void
conn_sftp_longname(char *buf, size_t size, char type, int64_t bytes,
    int64_t mtime, const char *name)
{
	time_t t = (time_t)mtime;
	struct tm tm;
	char when[32] = "";

	if (gmtime_r(&t, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	snprintf(buf, size, "%s    1 palabre  palabre  %12" PRId64 " %s %s",
	    type == FILES_DIR ? "dr-xr-xr-x" : "-r--r--r--", bytes, when,
	    name);
}

/* A free handle for msg: its index, or -1 (a status was sent). */
static int
conn_sftp_handle_new(struct conn_sftp *c, sftp_client_message msg)
{
	int i;

	for (i = 0; i < CONN_SFTP_HANDLES; i++)
		if (!c->h[i].used) {
			memset(&c->h[i], 0, sizeof(c->h[i]));
			c->h[i].used = 1;
			c->h[i].fd = -1;
			return i;
		}
	sftp_reply_status(msg, SSH_FX_FAILURE, "Trop de fichiers ouverts "
	    "à la fois : fermez-en.");
	return -1;
}

static int
conn_sftp_handle_reply(sftp_client_message msg, int i)
{
	ssh_string s;
	uint32_t v = (uint32_t)i;
	int rc;

	if ((s = ssh_string_new(sizeof(v))) == NULL)
		return -1;
	ssh_string_fill(s, &v, sizeof(v));
	rc = sftp_reply_handle(msg, s);
	ssh_string_free(s);
	return rc;
}

/* The handle msg names, or NULL (a status was sent). */
static struct conn_sftp_handle *
conn_sftp_handle_get(struct conn_sftp *c, sftp_client_message msg)
{
	uint32_t v;

	if (msg->handle == NULL || ssh_string_len(msg->handle) != sizeof(v)) {
		sftp_reply_status(msg, SSH_FX_INVALID_HANDLE, "Descripteur "
		    "inconnu.");
		return NULL;
	}
	memcpy(&v, ssh_string_data(msg->handle), sizeof(v));
	if (v >= CONN_SFTP_HANDLES || !c->h[v].used) {
		sftp_reply_status(msg, SSH_FX_INVALID_HANDLE, "Descripteur "
		    "inconnu.");
		return NULL;
	}
	return &c->h[v];
}

static void
conn_sftp_handle_free(struct conn_sftp *c, struct conn_sftp_handle *h)
{
	struct files_msg q;
	size_t i;

	if (h->drop && h->token != NULL) {
		/* Not committed: the helper removes the temporary file. */
		memset(&q, 0, sizeof(q));
		q.op = FILES_ABORT;
		files_send(c->sock, &q, h->token, strlen(h->token), -1);
	}
	free(h->token);
	free(h->path);
	if (h->fd != -1)
		close(h->fd);
	for (i = 0; i < h->nentries; i++)
		free(h->entries[i].name);
	free(h->entries);
	memset(h, 0, sizeof(*h));
	h->fd = -1;
}

/* A status from the helper's refusal in c->text. */
static int
conn_sftp_refused(struct conn_sftp *c, sftp_client_message msg,
    const struct files_msg *m)
{
	return sftp_reply_status(msg, m->status != 0 ? m->status :
	    SSH_FX_FAILURE, c->text);
}

/* OPENDIR: the folder's entries are read now, sent by READDIR. */
static int
conn_sftp_opendir(struct conn_sftp *c, sftp_client_message msg)
{
	struct files_msg m;
	struct conn_sftp_handle *h;
	int i;

	if (conn_sftp_ask(c, FILES_LIST, msg->filename, &m, NULL) == -1)
		return -1;
	if (m.op == FILES_ERROR)
		return conn_sftp_refused(c, msg, &m);
	if ((i = conn_sftp_handle_new(c, msg)) == -1) {
		/* Read the rest of the answer: the next one is ours. */
		while (m.op == FILES_ENTRY && files_recv(c->sock, &m, c->text,
		    sizeof(c->text), NULL) != -1)
			;
		return 0;
	}
	h = &c->h[i];
	while (m.op == FILES_ENTRY) {
		h->entries = xreallocarray(h->entries, h->nentries + 1,
		    sizeof(*h->entries));
		h->entries[h->nentries].type = m.type;
		h->entries[h->nentries].size = m.size;
		h->entries[h->nentries].mtime = m.mtime;
		h->entries[h->nentries].name = xstrdup(c->text);
		h->nentries++;
		if (files_recv(c->sock, &m, c->text, sizeof(c->text),
		    NULL) == -1) {
			conn_sftp_handle_free(c, h);
			return -1;
		}
	}
	if (m.op != FILES_END) {
		conn_sftp_handle_free(c, h);
		return conn_sftp_refused(c, msg, &m);
	}
	return conn_sftp_handle_reply(msg, i);
}

static int
conn_sftp_readdir(struct conn_sftp *c, sftp_client_message msg)
{
	struct sftp_attributes_struct a;
	struct conn_sftp_handle *h;
	struct conn_sftp_entry *e;
	char longname[FILES_PATH_MAX + 128];
	int n = 0;

	if ((h = conn_sftp_handle_get(c, msg)) == NULL)
		return 0;
	if (h->fd != -1)
		return sftp_reply_status(msg, SSH_FX_FAILURE, "Ce n'est pas "
		    "un dossier.");
	/* « . » and « .. » first, as sftp-server does. */
	if (h->next == 0) {
		conn_sftp_attr(&a, FILES_DIR, 0, now_sec());
		conn_sftp_longname(longname, sizeof(longname), FILES_DIR, 0,
		    now_sec(), ".");
		sftp_reply_names_add(msg, ".", longname, &a);
		conn_sftp_longname(longname, sizeof(longname), FILES_DIR, 0,
		    now_sec(), "..");
		sftp_reply_names_add(msg, "..", longname, &a);
		n = 2;
		h->next = 1;
	}
	for (; h->next <= h->nentries && n < CONN_SFTP_NAMES; h->next++) {
		e = &h->entries[h->next - 1];
		conn_sftp_attr(&a, e->type, e->size, e->mtime);
		conn_sftp_longname(longname, sizeof(longname), e->type, e->size,
		    e->mtime, e->name);
		sftp_reply_names_add(msg, e->name, longname, &a);
		n++;
	}
	if (n == 0)
		return sftp_reply_status(msg, SSH_FX_EOF, NULL);
	return sftp_reply_names(msg);
}

/* OPEN: for reading only; the descriptor comes from the helper. */
static int
conn_sftp_open(struct conn_sftp *c, sftp_client_message msg)
{
	struct files_msg m;
	int i, rc;

	if (msg->flags & (SSH_FXF_WRITE | SSH_FXF_APPEND | SSH_FXF_CREAT |
	    SSH_FXF_TRUNC | SSH_FXF_EXCL))
		return conn_sftp_drop(c, msg);
	if ((i = conn_sftp_open_fd(c, msg, FILES_OPEN, &m, &rc)) == -1)
		return rc;
	c->h[i].size = m.size;
	c->h[i].mtime = m.mtime;
	return conn_sftp_handle_reply(msg, i);
}

/*
 * Ask the helper for the file of msg (op: FILES_OPEN or FILES_CREATE)
 * and give its descriptor a handle: the handle's index, or -1 with *rc
 * what the request's handler returns (0: refused and answered; -1: the
 * helper is gone).
 */
static int
conn_sftp_open_fd(struct conn_sftp *c, sftp_client_message msg, char op,
    struct files_msg *m, int *rc)
{
	int fd, i;

	*rc = 0;
	if (conn_sftp_ask(c, op, msg->filename, m, &fd) == -1) {
		*rc = -1;
		return -1;
	}
	if (m->op != FILES_FILE || fd == -1) {
		if (fd != -1)
			close(fd);
		*rc = conn_sftp_refused(c, msg, m);
		return -1;
	}
	if ((i = conn_sftp_handle_new(c, msg)) == -1) {
		close(fd);
		return -1;
	}
	c->h[i].fd = fd;
	return i;
}

/* OPEN for writing: only a drop into /depot/, which the helper allows
 * (or refuses, read-only elsewhere, in French). */
static int
conn_sftp_drop(struct conn_sftp *c, sftp_client_message msg)
{
	struct files_msg m;
	int i, rc;

	if (msg->flags & SSH_FXF_APPEND)
		return sftp_reply_status(msg, SSH_FX_PERMISSION_DENIED,
		    "Pas d'ajout à un fichier : déposez-le en entier.");
	if ((i = conn_sftp_open_fd(c, msg, FILES_CREATE, &m, &rc)) == -1)
		return rc;
	c->h[i].drop = 1;
	c->h[i].token = xstrdup(c->text);
	c->h[i].path = xstrdup(msg->filename);
	c->h[i].mtime = now_sec();
	return conn_sftp_handle_reply(msg, i);
}

/* WRITE: into a drop, within [limits] depot_max. */
static int
conn_sftp_write(struct conn_sftp *c, sftp_client_message msg)
{
	struct conn_sftp_handle *h;
	const char *p;
	size_t len, done = 0;
	ssize_t n;
	char why[128];

	if ((h = conn_sftp_handle_get(c, msg)) == NULL)
		return 0;
	if (!h->drop)
		return sftp_reply_status(msg, SSH_FX_PERMISSION_DENIED,
		    conn_sftp_readonly);
	len = msg->data != NULL ? ssh_string_len(msg->data) : 0;
	if (h->failed || msg->offset > (uint64_t)c->depot_max ||
	    len > (uint64_t)c->depot_max - msg->offset) {
		h->failed = 1;
		snprintf(why, sizeof(why), "Fichier trop gros : %lld Mo au "
		    "plus.", (long long)(c->depot_max / (1024 * 1024)));
		return sftp_reply_status(msg, SSH_FX_FAILURE, why);
	}
	p = ssh_string_data(msg->data);
	while (done < len) {
		n = pwrite(h->fd, p + done, len - done,
		    (off_t)(msg->offset + done));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			h->failed = 1;
			return sftp_reply_status(msg, SSH_FX_FAILURE,
			    "Écriture impossible sur le serveur (disque "
			    "plein ?).");
		}
		done += (size_t)n;
	}
	if ((int64_t)(msg->offset + len) > h->size)
		h->size = (int64_t)(msg->offset + len);
	return sftp_reply_status(msg, SSH_FX_OK, NULL);
}

/*
 * CLOSE of a drop: the helper checks and keeps it (« À classer »); a
 * PDF's text is extracted here, with pdftotext on the descriptor (the
 * helper may not exec), and sent to it in pieces.
 */
static int
conn_sftp_commit(struct conn_sftp *c, sftp_client_message msg,
    struct conn_sftp_handle *h)
{
	struct files_msg q, m;
	char *arg, *text = NULL, *cause = NULL;
	size_t len = 0, off;
	int rc;

	if (h->failed) {
		conn_sftp_handle_free(c, h);
		return sftp_reply_status(msg, SSH_FX_FAILURE, "Dépôt refusé : "
		    "le fichier n'est pas gardé.");
	}
	xasprintf(&arg, "%s\n%s", h->token, h->path);
	memset(&q, 0, sizeof(q));
	q.op = FILES_COMMIT;
	rc = files_send(c->sock, &q, arg, strlen(arg), -1);
	free(arg);
	free(h->token);
	h->token = NULL;	/* the helper removes it, whatever happens */
	if (rc == -1 || files_recv(c->sock, &m, c->text, sizeof(c->text),
	    NULL) == -1)
		goto gone;
	if (m.op == FILES_TEXT_PLEASE) {
		memset(&q, 0, sizeof(q));
		if (doc_pdf_text_fd(h->fd, &text, &len, &cause) == -1) {
			q.op = FILES_ERROR;
			rc = files_send(c->sock, &q, cause, strlen(cause), -1);
		} else {
			q.op = FILES_TEXT;
			for (off = 0, rc = 0; off < len && rc == 0;
			    off += 60000)
				rc = files_send(c->sock, &q, text + off,
				    len - off < 60000 ? len - off : 60000, -1);
			q.op = FILES_END;
			if (rc == 0)
				rc = files_send(c->sock, &q, NULL, 0, -1);
		}
		free(text);
		free(cause);
		if (rc == -1 || files_recv(c->sock, &m, c->text,
		    sizeof(c->text), NULL) == -1)
			goto gone;
	}
	conn_sftp_handle_free(c, h);
	if (m.op == FILES_OK)
		return sftp_reply_status(msg, SSH_FX_OK, NULL);
	return conn_sftp_refused(c, msg, &m);
gone:
	conn_sftp_handle_free(c, h);
	sftp_reply_status(msg, SSH_FX_FAILURE, conn_sftp_gone);
	return -1;
}

static int
conn_sftp_read(struct conn_sftp *c, sftp_client_message msg)
{
	static char buf[CONN_SFTP_READ_MAX];
	struct conn_sftp_handle *h;
	size_t want;
	ssize_t n;

	if ((h = conn_sftp_handle_get(c, msg)) == NULL)
		return 0;
	if (h->fd == -1)
		return sftp_reply_status(msg, SSH_FX_FAILURE, "C'est un "
		    "dossier.");
	want = msg->len < sizeof(buf) ? msg->len : sizeof(buf);
	if (msg->offset > INT64_MAX)
		return sftp_reply_status(msg, SSH_FX_EOF, NULL);
	while ((n = pread(h->fd, buf, want, (off_t)msg->offset)) == -1 &&
	    errno == EINTR)
		;
	if (n < 0)
		return sftp_reply_status(msg, SSH_FX_FAILURE, "Lecture "
		    "impossible sur le serveur.");
	if (n == 0)
		return sftp_reply_status(msg, SSH_FX_EOF, NULL);
	return sftp_reply_data(msg, buf, (int)n);
}

/* STAT, LSTAT (nothing is a link), FSTAT (fstat: from the handle). */
static int
conn_sftp_stat(struct conn_sftp *c, sftp_client_message msg, int by_handle)
{
	struct sftp_attributes_struct a;
	struct files_msg m;
	struct conn_sftp_handle *h;

	if (by_handle) {
		if ((h = conn_sftp_handle_get(c, msg)) == NULL)
			return 0;
		conn_sftp_attr(&a, h->fd != -1 ? FILES_FILE : FILES_DIR,
		    h->size, h->mtime);
		return sftp_reply_attr(msg, &a);
	}
	if (conn_sftp_ask(c, FILES_STAT, msg->filename, &m, NULL) == -1)
		return -1;
	if (m.op == FILES_ERROR)
		return conn_sftp_refused(c, msg, &m);
	conn_sftp_attr(&a, m.op, m.size, m.mtime);
	return sftp_reply_attr(msg, &a);
}

/* REALPATH: the path made absolute within the tree, if it exists. */
static int
conn_sftp_realpath(struct conn_sftp *c, sftp_client_message msg)
{
	struct sftp_attributes_struct a;
	struct files_msg m;

	if (conn_sftp_ask(c, FILES_STAT, msg->filename, &m, NULL) == -1)
		return -1;
	if (m.op == FILES_ERROR)
		return conn_sftp_refused(c, msg, &m);
	conn_sftp_attr(&a, m.op, m.size, m.mtime);
	return sftp_reply_name(msg, c->text, &a);
}

/* One request; -1 only when the helper is gone. */
static int
conn_sftp_dispatch(struct conn_sftp *c, sftp_client_message msg)
{
	struct conn_sftp_handle *h;

	switch (sftp_client_message_get_type(msg)) {
	case SSH_FXP_REALPATH:
		return conn_sftp_realpath(c, msg);
	case SSH_FXP_STAT:
	case SSH_FXP_LSTAT:
		return conn_sftp_stat(c, msg, 0);
	case SSH_FXP_FSTAT:
		return conn_sftp_stat(c, msg, 1);
	case SSH_FXP_OPENDIR:
		return conn_sftp_opendir(c, msg);
	case SSH_FXP_READDIR:
		return conn_sftp_readdir(c, msg);
	case SSH_FXP_OPEN:
		return conn_sftp_open(c, msg);
	case SSH_FXP_READ:
		return conn_sftp_read(c, msg);
	case SSH_FXP_CLOSE:
		if ((h = conn_sftp_handle_get(c, msg)) == NULL)
			return 0;
		if (h->drop)
			return conn_sftp_commit(c, msg, h);
		conn_sftp_handle_free(c, h);
		return sftp_reply_status(msg, SSH_FX_OK, NULL);
	case SSH_FXP_READLINK:
		return sftp_reply_status(msg, SSH_FX_NO_SUCH_FILE, "Aucun "
		    "lien dans la bibliothèque.");
	case SSH_FXP_WRITE:
		return conn_sftp_write(c, msg);
	case SSH_FXP_MKDIR:
	case SSH_FXP_RMDIR:
	case SSH_FXP_REMOVE:
	case SSH_FXP_RENAME:
	case SSH_FXP_SETSTAT:
	case SSH_FXP_FSETSTAT:
	case SSH_FXP_SYMLINK:
	case SSH_FXP_EXTENDED:
		return sftp_reply_status(msg, SSH_FX_PERMISSION_DENIED,
		    conn_sftp_readonly);
	default:
		return sftp_reply_status(msg, SSH_FX_OP_UNSUPPORTED,
		    "Opération non prise en charge.");
	}
}

int
conn_sftp_serve(ssh_session session, ssh_channel channel, int sock,
    int idle, int depot_max)
{
	struct conn_sftp c;
	struct files_msg q, m;
	sftp_client_message msg;
	int i, rc = 1;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < CONN_SFTP_HANDLES; i++)
		c.h[i].fd = -1;
	c.sock = sock;
	c.idle = idle;
	c.depot_max = (int64_t)depot_max * 1024 * 1024;
	memset(&q, 0, sizeof(q));
	q.op = FILES_HELLO;
	if (files_send(sock, &q, NULL, 0, -1) == -1 ||
	    files_recv(sock, &m, c.text, sizeof(c.text), NULL) == -1) {
		snprintf(c.text, sizeof(c.text), "La bibliothèque est "
		    "indisponible pour l'instant.");
		m.op = FILES_ERROR;
	}
	if (m.op != FILES_OK) {
		ssh_channel_write_stderr(channel, c.text, strlen(c.text));
		ssh_channel_write_stderr(channel, "\r\n", 2);
		return 1;
	}
	if ((c.sftp = sftp_server_new(session, channel)) == NULL)
		return 1;
	if (c.idle > 0)
		alarm((unsigned)c.idle);
	if (sftp_server_init(c.sftp) < 0)
		goto out;
	for (;;) {
		if (c.idle > 0)
			alarm((unsigned)c.idle);
		if ((msg = sftp_get_client_message(c.sftp)) == NULL)
			break;		/* the end, or a malformed request */
		i = conn_sftp_dispatch(&c, msg);
		sftp_client_message_free(msg);
		if (i == -1) {
			log_error("SFTP : l'assistant ne répond plus");
			goto out;
		}
	}
	rc = 0;
out:
	alarm(0);
	for (i = 0; i < CONN_SFTP_HANDLES; i++)
		if (c.h[i].used)
			conn_sftp_handle_free(&c, &c.h[i]);
	sftp_server_free(c.sftp);
	return rc;
}
