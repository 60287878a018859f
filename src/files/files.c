/*
 * files.c - the SFTP tree of the library (files.h): names, paths, and
 * the helper process that resolves them against the store.
 *
 * The helper is palabre-ui started by the session with --sftp: no
 * libssh, its own read-only SQLite connection opened after the exec, a
 * Landlock ruleset that lets it read the files directory and nothing of
 * the system beyond its libraries, and the interface's seccomp list
 * with sendmsg and recvmsg (util/sandbox.c). It checks once that the
 * login is an active member (not « nouveau » nor « invite »), then
 * answers one request at a time. It never writes.
 */
#include <sys/socket.h>
#include <sys/uio.h>

#include <sys/random.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <unistr.h>

#include "config.h"
#include "files/files.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_import.h"
#include "util/docfile.h"
#include "util/util.h"

struct files_ctx {
	struct config	*cfg;
	struct store	*st;
	int		 sock;
	int64_t		 member_id;
	int		 curator;	/* may drop files into /depot/ */
	/* Drops made and not yet committed or aborted: removed when the
	 * session goes, however it goes (a kick or a stop kills it before
	 * it can abort them). At most one per SFTP handle. */
	char		 open_drops[FILES_DROPS_MAX][sizeof(FILES_TOKEN) + 16];
	size_t		 nopen_drops;
};

/* What a path names. */
struct files_node {
	char			 type;	/* FILES_DIR or FILES_FILE */
	int			 depth;	/* 0 "/", 1 library, 2 kind, 3 file */
	int			 depot;	/* under /depot/ (depth 1, 2) */
	int			 kind;
	struct store_doc_file	 f;	/* depth 3, or a waiting file */
};

static int	 files_error(struct files_ctx *, int, const char *);
static int	 files_resolve(struct files_ctx *, const char *,
		    struct files_node *);
static int	 files_entry(struct files_ctx *, char, int64_t, int64_t,
		    const char *);
static int	 files_list(struct files_ctx *, const struct files_node *);
static int	 files_answer(struct files_ctx *, const struct files_msg *,
		    const char *);
static int	 files_member(struct files_ctx *, const char *);
static int	 files_depot_name(struct files_ctx *, const char *,
		    const char **, char *, size_t);
static int	 files_create(struct files_ctx *, const char *);
static void	 files_drop_done(struct files_ctx *, const char *, int);
static int	 files_commit(struct files_ctx *, const char *);
static const char *files_token(const char *);

static const char files_not_found[] = "Introuvable : ce chemin n'existe "
    "pas dans la bibliothèque.";
static const char files_readonly[] = "La bibliothèque est en lecture "
    "seule : rien ne peut y être écrit, renommé ni supprimé.";
static const char files_db_error[] = "Erreur de la base de données : "
    "réessayez dans un instant.";

int
files_path_norm(const char *path, struct buf *out)
{
	const char *p, *e;
	size_t len = strlen(path), k, keep;

	out->len = 0;
	if (len > FILES_PATH_MAX ||
	    u8_check((const uint8_t *)path, len) != NULL)
		return -1;
	for (p = path; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return -1;
	for (p = path; *p != '\0'; p = e) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		k = (size_t)(e - p);
		if (k == 1 && p[0] == '.')
			continue;
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			/* Up, never above the root. */
			keep = out->len;
			while (keep > 0 && out->data[keep - 1] != '/')
				keep--;
			out->len = keep > 0 ? keep - 1 : 0;
			continue;
		}
		buf_add(out, "/", 1);
		buf_add(out, p, k);
	}
	if (out->len == 0)
		buf_add(out, "/", 1);
	buf_add(out, "", 1);
	out->len--;
	return 0;
}

void
files_name_clean(const char *in, size_t max, struct buf *out)
{
	const unsigned char *p;
	size_t start = out->len, cut;
	int space = 1;			/* no leading space */

	for (p = (const unsigned char *)in; *p != '\0'; p++) {
		unsigned char c = *p;

		if (c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>|", c) != NULL)
			c = ' ';
		if (c == ' ') {
			if (!space)
				buf_add(out, " ", 1);
			space = 1;
			continue;
		}
		space = 0;
		if (c == '\'')
			buf_adds(out, "’");	/* no quote to escape */
		else if (c == '[' || c == ']')
			buf_add(out, c == '[' ? "(" : ")", 1);	/* no glob */
		else
			buf_add(out, &c, 1);
	}
	if (out->len - start > max) {
		/* Cut on a character: back over continuation bytes. */
		cut = start + max;
		while (cut > start &&
		    ((unsigned char)out->data[cut] & 0xc0) == 0x80)
			cut--;
		out->len = cut;
	}
	/* Windows drops trailing spaces and dots: none, nor leading dots
	 * (hidden files elsewhere) or spaces. */
	while (out->len > start && (out->data[out->len - 1] == ' ' ||
	    out->data[out->len - 1] == '.'))
		out->len--;
	while (out->len > start && (out->data[start] == '.' ||
	    out->data[start] == ' ')) {
		memmove(out->data + start, out->data + start + 1,
		    out->len - start - 1);
		out->len--;
	}
	buf_add(out, "", 1);
	out->len--;
}

int
files_name_reserved(const char *name)
{
	static const char *const reserved[] = { "CON", "PRN", "AUX", "NUL" };
	size_t n = strcspn(name, "."), i;

	for (i = 0; i < nitems(reserved); i++)
		if (n == 3 && strncasecmp(name, reserved[i], 3) == 0)
			return 1;
	return n == 4 && (strncasecmp(name, "COM", 3) == 0 ||
	    strncasecmp(name, "LPT", 3) == 0) && name[3] >= '1' &&
	    name[3] <= '9';
}

char *
files_doc_name(int64_t id, const char *published, const char *title,
    const char *type)
{
	struct buf b;

	buf_init(&b);
	if (published != NULL && published[0] != '\0') {
		files_name_clean(published, 10, &b);
		buf_add(&b, "-", 1);
	}
	files_name_clean(title, FILES_TITLE_MAX, &b);
	buf_printf(&b, " (d%lld).%s", (long long)id, type);
	return buf_detach(&b);
}

char *
files_kind_name(int kind)
{
	struct buf b;

	buf_init(&b);
	files_name_clean(store_doc_kind_label(kind), FILES_TITLE_MAX, &b);
	return buf_detach(&b);
}

char *
files_doc_path(int64_t id, int kind, const char *published,
    const char *title, const char *type)
{
	char *k = files_kind_name(kind), *n, *path;

	n = files_doc_name(id, published, title, type);
	xasprintf(&path, "/" FILES_LIBRARY "/%s/%s", k, n);
	free(k);
	free(n);
	return path;
}

char *
files_fetch_command(const struct config *cfg, const char *login,
    const char *path)
{
	char host[256], *s;
	const char *h = cfg->public_host;

	if (h == NULL && cfg->listen != NULL &&
	    strcmp(cfg->listen, "0.0.0.0") != 0 &&
	    strcmp(cfg->listen, "::") != 0 && cfg->listen[0] != '\0')
		h = cfg->listen;
	if (h == NULL) {
		if (gethostname(host, sizeof(host)) == -1)
			snprintf(host, sizeof(host), "localhost");
		host[sizeof(host) - 1] = '\0';
		h = host;
	}
	/* An IPv6 address takes brackets after the « @ ». */
	xasprintf(&s, "scp -P %d %s@%s%s%s:'%s' .", cfg->port, login,
	    strchr(h, ':') != NULL ? "[" : "", h,
	    strchr(h, ':') != NULL ? "]" : "", path);
	return s;
}

int
files_send(int sock, const struct files_msg *m, const char *text,
    size_t len, int fd)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(sizeof(int))];
	} c;
	struct iovec iov[2];
	struct msghdr mh;

	memset(&mh, 0, sizeof(mh));
	iov[0].iov_base = (void *)m;
	iov[0].iov_len = sizeof(*m);
	iov[1].iov_base = (void *)text;
	iov[1].iov_len = text != NULL ? len : 0;
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	if (fd != -1) {
		memset(&c, 0, sizeof(c));
		mh.msg_control = c.b;
		mh.msg_controllen = sizeof(c.b);
		c.h.cmsg_level = SOL_SOCKET;
		c.h.cmsg_type = SCM_RIGHTS;
		c.h.cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(&c.h), &fd, sizeof(int));
	}
	while (sendmsg(sock, &mh, MSG_NOSIGNAL) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

int
files_recv(int sock, struct files_msg *m, char *text, size_t text_size,
    int *fd)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(sizeof(int))];
	} c;
	struct cmsghdr *h;
	struct iovec iov[2];
	struct msghdr mh;
	ssize_t n;
	int got = -1;

	if (fd != NULL)
		*fd = -1;
	memset(&mh, 0, sizeof(mh));
	iov[0].iov_base = m;
	iov[0].iov_len = sizeof(*m);
	iov[1].iov_base = text;
	iov[1].iov_len = text_size - 1;
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	mh.msg_control = c.b;
	mh.msg_controllen = sizeof(c.b);
	while ((n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC)) == -1)
		if (errno != EINTR)
			return -1;
	for (h = CMSG_FIRSTHDR(&mh); h != NULL; h = CMSG_NXTHDR(&mh, h))
		if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS &&
		    h->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(&got, CMSG_DATA(h), sizeof(int));
	if (fd != NULL)
		*fd = got;
	else if (got != -1)
		close(got);
	if (n < (ssize_t)sizeof(*m) || (mh.msg_flags & MSG_TRUNC)) {
		if (fd != NULL && *fd != -1) {
			close(*fd);
			*fd = -1;
		}
		return -1;
	}
	n -= (ssize_t)sizeof(*m);
	text[n] = '\0';
	return (int)n;
}

/* An SFTP refusal, in French. */
static int
files_error(struct files_ctx *c, int status, const char *why)
{
	struct files_msg m;

	memset(&m, 0, sizeof(m));
	m.op = FILES_ERROR;
	m.status = (uint16_t)status;
	return files_send(c->sock, &m, why, strlen(why), -1);
}

/*
 * What a normalised path names: 0 (n filled), 1 nothing (the tree has
 * no such path), -1 on a store error.
 */
static int
files_resolve(struct files_ctx *c, const char *path, struct files_node *n)
{
	char comp[3][FILES_PATH_MAX + 1], *name = NULL;
	const char *p = path, *e, *d;
	long long id;
	int depth = 0, k, r;
	size_t len;

	memset(n, 0, sizeof(*n));
	n->kind = -1;
	while (*p == '/' && p[1] != '\0') {
		p++;
		if (depth == 3)
			return 1;
		e = strchr(p, '/');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		memcpy(comp[depth], p, len);
		comp[depth][len] = '\0';
		depth++;
		p += len;
	}
	n->depth = depth;
	n->type = depth == 3 ? FILES_FILE : FILES_DIR;
	if (depth == 0)
		return 0;
	if (c->curator && strcmp(comp[0], FILES_DEPOT) == 0 && depth <= 2) {
		struct store_doc_inbox *l = NULL;
		size_t nl = 0, i;

		n->depot = 1;
		if (depth == 1)
			return 0;
		n->type = FILES_FILE;
		if (store_doc_inbox_list(c->st, &l, &nl) != 0)
			return -1;
		for (i = 0; i < nl; i++)
			if (strcmp(l[i].name, comp[1]) == 0)
				break;
		if (i < nl) {
			snprintf(n->f.sha256, sizeof(n->f.sha256), "%s",
			    l[i].sha256);
			n->f.size = l[i].size;
			n->f.updated_at = l[i].added_at;
		}
		store_doc_inbox_free(l, nl);
		return i < nl ? 0 : 1;
	}
	if (strcmp(comp[0], FILES_LIBRARY) != 0)
		return 1;
	if (depth == 1)
		return 0;
	for (k = 0; k < DOC_NKINDS && n->kind == -1; k++) {
		name = files_kind_name(k);
		if (strcmp(name, comp[1]) == 0)
			n->kind = k;
		free(name);
	}
	if (n->kind == -1)
		return 1;
	if (depth == 2)
		return 0;
	/* « ... (d12).pdf »: the id, then the one name it may have. */
	if ((d = strrchr(comp[2], '(')) == NULL ||
	    sscanf(d, "(d%lld)", &id) != 1 || id <= 0)
		return 1;
	if ((r = store_doc_file_get(c->st, id, &n->f)) != 0)
		return r;
	name = files_doc_name(n->f.id, n->f.published, n->f.title,
	    n->f.type);
	r = n->f.kind == n->kind && strcmp(name, comp[2]) == 0 ? 0 : 1;
	free(name);
	if (r != 0)
		store_doc_file_clear(&n->f);
	return r;
}

static int
files_entry(struct files_ctx *c, char type, int64_t size, int64_t mtime,
    const char *name)
{
	struct files_msg m;

	memset(&m, 0, sizeof(m));
	m.op = FILES_ENTRY;
	m.type = type;
	m.size = size;
	m.mtime = mtime;
	return files_send(c->sock, &m, name, strlen(name), -1);
}

/* The entries of folder n, then FILES_END. */
static int
files_list(struct files_ctx *c, const struct files_node *n)
{
	struct store_doc_file *l = NULL;
	struct files_msg m;
	size_t nl = 0, i;
	int64_t newest[DOC_NKINDS];
	char *name;
	int k, rc = 0;

	if (n->depth == 0) {
		rc = files_entry(c, FILES_DIR, 0, now_sec(), FILES_LIBRARY);
		if (rc == 0 && c->curator)
			rc = files_entry(c, FILES_DIR, 0, now_sec(),
			    FILES_DEPOT);
		goto end;
	}
	if (n->depot) {
		struct store_doc_inbox *w = NULL;
		size_t nw = 0;

		if (store_doc_inbox_list(c->st, &w, &nw) != 0)
			return files_error(c, FILES_FX_FAILURE,
			    files_db_error);
		for (i = 0; i < nw && rc == 0; i++)
			rc = files_entry(c, FILES_FILE, w[i].size,
			    w[i].added_at, w[i].name);
		store_doc_inbox_free(w, nw);
		goto end;
	}
	if (store_doc_files(c->st, n->depth == 1 ? -1 : n->kind, &l,
	    &nl) != 0)
		return files_error(c, FILES_FX_FAILURE, files_db_error);
	if (n->depth == 1) {
		/* The kinds that have a file, each dated by its newest. */
		for (k = 0; k < DOC_NKINDS; k++)
			newest[k] = -1;
		for (i = 0; i < nl; i++)
			if (l[i].updated_at > newest[l[i].kind])
				newest[l[i].kind] = l[i].updated_at;
		for (k = 0; k < DOC_NKINDS && rc == 0; k++) {
			if (newest[k] == -1)
				continue;
			name = files_kind_name(k);
			rc = files_entry(c, FILES_DIR, 0, newest[k], name);
			free(name);
		}
	} else {
		for (i = 0; i < nl && rc == 0; i++) {
			name = files_doc_name(l[i].id, l[i].published,
			    l[i].title, l[i].type);
			rc = files_entry(c, FILES_FILE, l[i].size,
			    l[i].updated_at, name);
			free(name);
		}
	}
	store_doc_files_free(l, nl);
end:
	if (rc != 0)
		return rc;
	memset(&m, 0, sizeof(m));
	m.op = FILES_END;
	return files_send(c->sock, &m, NULL, 0, -1);
}

/* One request. 0, or -1 when the session is gone. */
static int
files_answer(struct files_ctx *c, const struct files_msg *q,
    const char *path)
{
	struct files_node n;
	struct files_msg m;
	struct buf norm;
	int r, fd, rc;

	switch (q->op) {
	case FILES_CREATE:
		return files_create(c, path);
	case FILES_COMMIT:
		return files_commit(c, path);
	case FILES_ABORT:
		if ((path = files_token(path)) != NULL)
			files_drop_done(c, path, 1);
		return 0;
	}
	buf_init(&norm);
	if (files_path_norm(path, &norm) == -1) {
		rc = files_error(c, FILES_FX_NO_SUCH_FILE, "Nom refusé : "
		    "trop long, ou avec un caractère de contrôle ou qui "
		    "n'est pas de l'UTF-8.");
		goto out;
	}
	if ((r = files_resolve(c, norm.data, &n)) != 0) {
		rc = files_error(c, r == 1 ? FILES_FX_NO_SUCH_FILE :
		    FILES_FX_FAILURE, r == 1 ? files_not_found :
		    files_db_error);
		goto out;
	}
	memset(&m, 0, sizeof(m));
	m.op = n.type;
	m.size = n.f.size;
	m.mtime = n.type == FILES_FILE ? n.f.updated_at : now_sec();
	switch (q->op) {
	case FILES_STAT:
		rc = files_send(c->sock, &m, norm.data, norm.len, -1);
		break;
	case FILES_LIST:
		if (n.type != FILES_DIR) {
			rc = files_error(c, FILES_FX_FAILURE, "Ce n'est pas "
			    "un dossier.");
			break;
		}
		rc = files_list(c, &n);
		break;
	case FILES_OPEN:
		if (n.type != FILES_FILE) {
			rc = files_error(c, FILES_FX_FAILURE, "C'est un "
			    "dossier : ouvrez un des fichiers qu'il contient.");
			break;
		}
		if ((fd = docfile_open(c->cfg->files_dir, n.f.sha256)) ==
		    -1) {
			log_warn("fichier d%lld (%s/%s) : %s",
			    (long long)n.f.id, c->cfg->files_dir, n.f.sha256,
			    strerror(errno));
			rc = files_error(c, FILES_FX_FAILURE, "Fichier "
			    "indisponible sur le serveur : prévenez l'équipe "
			    "du site.");
			break;
		}
		rc = files_send(c->sock, &m, norm.data, norm.len, fd);
		close(fd);
		break;
	default:
		rc = files_error(c, FILES_FX_FAILURE, "Requête inconnue.");
		break;
	}
	store_doc_file_clear(&n.f);
out:
	buf_free(&norm);
	return rc;
}

/* The token of a temporary drop at the start of s (".depot-" and 16
 * hex digits, then the end or a newline), NUL-terminated in place, or
 * NULL. */
static const char *
files_token(const char *s)
{
	static char t[sizeof(FILES_TOKEN) + 16];
	size_t k = sizeof(FILES_TOKEN) - 1;

	if (strncmp(s, FILES_TOKEN, k) != 0 ||
	    strspn(s + k, "0123456789abcdef") != 16 ||
	    (s[k + 16] != '\0' && s[k + 16] != '\n'))
		return NULL;
	memcpy(t, s, k + 16);
	t[k + 16] = '\0';
	return t;
}

/*
 * The name a drop to path would have: 0 (*why NULL, name filled), or 1
 * with *why the French refusal (name filled with a suggestion, or "").
 */
static int
files_depot_name(struct files_ctx *c, const char *path, const char **why,
    char *name, size_t size)
{
	struct buf norm, clean;
	const char *p;
	int rc = 1;

	*why = NULL;
	name[0] = '\0';
	buf_init(&norm);
	buf_init(&clean);
	if (files_path_norm(path, &norm) == -1) {
		*why = "Nom refusé : trop long, ou avec un caractère de "
		    "contrôle ou qui n'est pas de l'UTF-8.";
		goto out;
	}
	if (!c->curator || strncmp(norm.data, "/" FILES_DEPOT "/",
	    sizeof(FILES_DEPOT) + 1) != 0) {
		*why = c->curator ? "Seul le dossier /depot/ reçoit des "
		    "fichiers." : files_readonly;
		goto out;
	}
	p = norm.data + sizeof(FILES_DEPOT) + 1;
	files_name_clean(p, FILES_TITLE_MAX, &clean);
	snprintf(name, size, "%s", clean.data);
	if (strchr(p, '/') != NULL) {
		*why = "Pas de dossier dans /depot/ : déposez les fichiers "
		    "à sa racine.";
		goto out;
	}
	if (clean.len == 0 || strcmp(clean.data, p) != 0 ||
	    files_name_reserved(p)) {
		*why = "Nom refusé (caractères que Windows interdit, "
		    "guillemets, crochets, nom réservé ou trop long) : "
		    "renommez le fichier.";
		goto out;
	}
	rc = 0;
out:
	buf_free(&norm);
	buf_free(&clean);
	return rc;
}

/* A drop committed or given up: forgotten, and its temporary file
 * removed if remove. */
static void
files_drop_done(struct files_ctx *c, const char *token, int remove)
{
	char *t;
	size_t i;

	/* token may be one of c->open_drops, which moves below. */
	xasprintf(&t, "%s/%s", c->cfg->files_dir, token);
	for (i = 0; i < c->nopen_drops; i++)
		if (strcmp(c->open_drops[i], token) == 0) {
			memmove(c->open_drops[i], c->open_drops[i + 1],
			    (c->nopen_drops - i - 1) *
			    sizeof(c->open_drops[0]));
			c->nopen_drops--;
			break;
		}
	if (remove)
		unlink(t);
	free(t);
}

/* FILES_CREATE: a temporary file for a drop, its descriptor back. */
static int
files_create(struct files_ctx *c, const char *path)
{
	struct store_doc_inbox *l = NULL;
	struct files_msg m;
	unsigned char rnd[8];
	char name[FILES_PATH_MAX + 1], token[sizeof(FILES_TOKEN) + 16];
	char *tmp;
	const char *why;
	size_t nl = 0, i;
	int fd, rc;

	if (files_depot_name(c, path, &why, name, sizeof(name)) != 0)
		return files_error(c, FILES_FX_PERMISSION_DENIED, why);
	if (store_doc_inbox_list(c->st, &l, &nl) != 0)
		return files_error(c, FILES_FX_FAILURE, files_db_error);
	for (i = 0; i < nl; i++)
		if (strcmp(l[i].name, name) == 0)
			break;
	store_doc_inbox_free(l, nl);
	if (i < nl)
		return files_error(c, FILES_FX_FAILURE, "Un fichier de ce nom "
		    "attend déjà d'être classé : renommez celui-ci.");
	if (c->nopen_drops == FILES_DROPS_MAX)
		return files_error(c, FILES_FX_FAILURE, "Trop de dépôts en "
		    "cours : terminez ceux qui sont ouverts.");
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return files_error(c, FILES_FX_FAILURE, "Dépôt impossible "
		    "pour l'instant.");
	snprintf(token, sizeof(token), FILES_TOKEN "%02x%02x%02x%02x%02x"
	    "%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5],
	    rnd[6], rnd[7]);
	xasprintf(&tmp, "%s/%s", c->cfg->files_dir, token);
	fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	free(tmp);
	if (fd == -1) {
		log_warn("dépôt SFTP : %s : %s", c->cfg->files_dir,
		    strerror(errno));
		return files_error(c, FILES_FX_FAILURE, "Dépôt impossible : "
		    "le dossier des fichiers n'accepte rien ; prévenez "
		    "l'équipe du site.");
	}
	memcpy(c->open_drops[c->nopen_drops++], token, sizeof(token));
	memset(&m, 0, sizeof(m));
	m.op = FILES_FILE;
	rc = files_send(c->sock, &m, token, strlen(token), fd);
	close(fd);
	return rc;
}

/*
 * FILES_COMMIT "token\npath": check the dropped file, get its text, keep
 * it under its SHA-256 and add it to « À classer ». The temporary file
 * is gone after, whatever the answer.
 */
static int
files_commit(struct files_ctx *c, const char *arg)
{
	struct files_msg m, q;
	struct buf text;
	char name[FILES_PATH_MAX + 1], sha[DOCFILE_SHA_LEN + 1], *tmp = NULL;
	static char piece[65536];
	char *data = NULL, *body = NULL, *final = NULL;
	const char *token, *path, *why = NULL, *type, *dot;
	size_t len = 0, max = (size_t)c->cfg->depot_max * 1024 * 1024;
	int64_t id;
	int n, rc = 0, r;

	buf_init(&text);
	if ((path = strchr(arg, '\n')) == NULL ||
	    (token = files_token(arg)) == NULL)
		return files_error(c, FILES_FX_FAILURE, "Requête inconnue.");
	path++;
	xasprintf(&tmp, "%s/%s", c->cfg->files_dir, token);
	if (files_depot_name(c, path, &why, name, sizeof(name)) != 0)
		goto refused;
	if (file_read(tmp, max, &data, &len) == -1) {
		why = errno == EFBIG ? "Fichier trop gros." : "Le fichier "
		    "déposé est illisible sur le serveur.";
		goto refused;
	}
	/* The type by content, never by name. */
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		type = "pdf";
	else if (len > 0 && memchr(data, '\0', len) == NULL &&
	    u8_check((const uint8_t *)data, len) == NULL) {
		dot = strrchr(name, '.');
		type = dot != NULL && (strcasecmp(dot, ".md") == 0 ||
		    strcasecmp(dot, ".markdown") == 0) ? "md" : "txt";
	} else {
		why = "Type refusé : seuls les PDF et les textes en UTF-8 "
		    "(ou Markdown) entrent dans la bibliothèque.";
		goto refused;
	}
	if (strcmp(type, "pdf") == 0) {
		memset(&m, 0, sizeof(m));
		m.op = FILES_TEXT_PLEASE;
		if (files_send(c->sock, &m, NULL, 0, -1) == -1) {
			rc = -1;
			goto out;
		}
		for (;;) {
			if ((n = files_recv(c->sock, &q, piece, sizeof(piece),
			    NULL)) == -1) {
				rc = -1;
				goto out;
			}
			if (q.op != FILES_TEXT)
				break;
			if (text.len + (size_t)n <= FILES_TEXT_MAX)
				buf_add(&text, piece, (size_t)n);
		}
		if (q.op == FILES_ERROR) {
			files_error(c, FILES_FX_FAILURE, piece);
			goto out;
		}
		buf_add(&text, "", 1);
		body = txt_plain_to_markdown(text.data, text.len - 1);
	} else if (strcmp(type, "md") == 0)
		body = txt_clean(data, len, TXT_MULTILINE, 0, NULL);
	else
		body = txt_plain_to_markdown(data, len);
	if (body[strspn(body, " \n")] == '\0') {
		why = strcmp(type, "pdf") == 0 ? "Aucun texte dans ce PDF (une "
		    "image scannée ? il faut un PDF avec son texte)." :
		    "Le texte est vide.";
		goto refused;
	}
	docfile_sha(data, len, sha);
	xasprintf(&final, "%s/%s", c->cfg->files_dir, sha);
	if (rename(tmp, final) == -1 || fs_sync(final) == -1 ||
	    fs_sync(c->cfg->files_dir) == -1) {
		log_warn("dépôt SFTP : %s : %s", final, strerror(errno));
		why = "Dépôt impossible : le fichier n'a pas pu être gardé.";
		goto refused;
	}
	if ((r = store_doc_inbox_add(c->st, c->member_id, name, sha, type,
	    (int64_t)len, body, &id)) != 0) {
		why = r == STORE_EXISTS ? "Un fichier de ce nom attend déjà "
		    "d'être classé : renommez celui-ci." : files_db_error;
		goto refused;
	}
	log_info("dépôt SFTP : « %s » (%s, %zu octets) à classer", name, type,
	    len);
	memset(&m, 0, sizeof(m));
	m.op = FILES_OK;
	rc = files_send(c->sock, &m, NULL, 0, -1);
	goto out;
refused:
	rc = files_error(c, FILES_FX_FAILURE, why);
out:
	if (tmp != NULL) {
		unlink(tmp);	/* renamed already, if kept */
		files_drop_done(c, token, 0);
	}
	buf_free(&text);
	free(tmp);
	free(final);
	free(data);
	free(body);
	return rc;
}

/* An active member, not the sign-up nor the guest login: 1, else 0. */
static int
files_member(struct files_ctx *c, const char *login)
{
	struct store_member m;
	int ok;

	if (strcmp(login, CONFIG_SIGNUP_LOGIN) == 0 ||
	    strcmp(login, CONFIG_GUEST_LOGIN) == 0)
		return 0;
	if (store_member_by_login(c->st, login, &m) != 0)
		return 0;
	ok = m.status == STATUS_ACTIF && m.role != ROLE_INVITE;
	c->member_id = m.id;
	c->curator = ok && store_doc_can_curate((int)m.role);
	store_member_clear(&m);
	return ok;
}

int
files_main(struct config *cfg, const char *login)
{
	struct files_ctx c;
	struct files_msg q, m;
	char text[FILES_PATH_MAX + 256], *cause = NULL;
	int n, rc = 1;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.sock = STDIN_FILENO;
	if ((c.st = store_open(config_store(cfg), STORE_READONLY, &cause)) ==
	    NULL) {
		log_error("SFTP : %s", cause);
		free(cause);
		files_error(&c, FILES_FX_FAILURE, "La bibliothèque est "
		    "indisponible pour l'instant.");
		return 1;
	}
	if (files_recv(c.sock, &q, text, sizeof(text), NULL) == -1 ||
	    q.op != FILES_HELLO)
		goto out;
	if (!files_member(&c, login)) {
		files_error(&c, FILES_FX_PERMISSION_DENIED, "Les fichiers de "
		    "la bibliothèque sont réservés aux membres du réseau.");
		goto out;
	}
	if (c.curator) {
		/* Drops write « À classer »: a read-write connection. */
		store_free(c.st);
		if ((c.st = store_open(config_store(cfg), 0, &cause)) == NULL) {
			log_error("SFTP : %s", cause);
			free(cause);
			files_error(&c, FILES_FX_FAILURE, "La bibliothèque "
			    "est indisponible pour l'instant.");
			return 1;
		}
	}
	memset(&m, 0, sizeof(m));
	m.op = FILES_OK;
	m.type = c.curator ? 'W' : 0;
	if (files_send(c.sock, &m, NULL, 0, -1) == -1)
		goto out;
	while ((n = files_recv(c.sock, &q, text, sizeof(text), NULL)) >= 0)
		if (files_answer(&c, &q, text) == -1)
			break;
	/* The session is gone: what it had not finished goes too. */
	while (c.nopen_drops > 0)
		files_drop_done(&c, c.open_drops[0], 1);
	rc = 0;
out:
	store_free(c.st);
	return rc;
}
