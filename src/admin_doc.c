/*
 * admin_doc.c - feeding the shelf from files:
 *
 *   palabre admin doc import FICHIER... [--kind NATURE] [--issuer É]
 *       [--date D] [--reference R] [--status S] [--replaced-by R]
 *       [--themes T,T] [--audience P] [--summary RÉSUMÉ] [--title T]
 *   palabre admin doc list
 *
 * A file is .txt, .md or .pdf (text by pdftotext -layout). Its metadata
 * come from a front matter block at its top (« --- », « clé : valeur »
 * lines, « --- »), or for any file from FICHIER.meta beside it (the same
 * lines), and the options fill in what neither says. Each file gets one
 * report line: importé, mis à jour (same file, or same reference/NOR),
 * or refusé with the reason; the exit status is 1 if one was refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "admin.h"
#include "admin_doc.h"
#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_import.h"
#include "util/docfile.h"
#include "util/util.h"

#define DOC_FILE_MAX	(4 * 1024 * 1024)	/* bytes of text read */
#define DOC_PDF_MAX	(64 * 1024 * 1024)	/* bytes of PDF accepted */

/* The front matter keys, folded, and where each goes. */
enum doc_field { F_TITLE, F_KIND, F_ISSUER, F_DATE, F_REF, F_STATUS,
	F_REPLACED, F_THEMES, F_AUDIENCE, F_SUMMARY, F_NFIELDS };
static const struct {
	const char	*key;
	int		 field;
} doc_keys[] = {
	{ "titre", F_TITLE }, { "title", F_TITLE },
	{ "nature", F_KIND }, { "type", F_KIND }, { "kind", F_KIND },
	{ "emetteur", F_ISSUER }, { "auteur", F_ISSUER },
	{ "issuer", F_ISSUER },
	{ "date", F_DATE }, { "date de publication", F_DATE },
	{ "publication", F_DATE },
	{ "reference", F_REF }, { "nor", F_REF }, { "eli", F_REF },
	{ "url", F_REF },
	{ "statut", F_STATUS }, { "status", F_STATUS },
	{ "remplace par", F_REPLACED }, { "remplace_par", F_REPLACED },
	{ "replaced_by", F_REPLACED },
	{ "themes", F_THEMES }, { "theme", F_THEMES },
	{ "public", F_AUDIENCE }, { "destinataires", F_AUDIENCE },
	{ "audience", F_AUDIENCE },
	{ "resume", F_SUMMARY }, { "summary", F_SUMMARY },
};

static const char *doc_errno(int);
static char	*doc_read(const char *, size_t, size_t *, char **);
static const char *doc_ext(const char *);
static int	 doc_fields(const char *, size_t, const char *[F_NFIELDS],
		    struct txt_field **, size_t *, size_t *, char **);
static int	 doc_themes(struct store *, const char *, struct store_doc *,
		    char **);
static int	 doc_replaced(struct store *, const char *, int64_t *);
static char	*doc_title_from(char **);
static int	 doc_pdf_run(const char *, int, char **, size_t *, char **);
static int	 doc_keep(const char *, const char *, const char *,
		    struct store_doc *, char **);
static int	 doc_import(struct config *, int, char **);
static int	 doc_list(struct config *, int, char **);

/* A file error in French (strerror speaks the C locale's English). */
static const char *
doc_errno(int e)
{
	switch (e) {
	case ENOENT:
		return "fichier introuvable";
	case EACCES:
	case EPERM:
		return "lecture refusée (droits du fichier)";
	case EISDIR:
		return "c'est un dossier, pas un fichier";
	case ENAMETOOLONG:
		return "chemin trop long";
	default:
		return "fichier illisible";
	}
}

/* Read at most max bytes of path (more is an error), by the input rule
 * (admin_read(): a NUL or an invalid byte is U+FFFD). */
static char *
doc_read(const char *path, size_t max, size_t *len, char **why)
{
	FILE *f;
	char *s;

	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(why, "%s", doc_errno(errno));
		return NULL;
	}
	s = admin_read(f, path, max, len, why);
	fclose(f);
	return s;
}

/*
 * pdftotext on path, or on descriptor in (path "-") as its stdin. Too
 * much text closes the pipe (pdftotext then ends on SIGPIPE): no kill(),
 * which a session, whose filter lets it signal its helper only, may not
 * make.
 */
/*
 * pdftotext reads what a stranger wrote (a documentaliste's drop comes
 * from anywhere): a PDF made to loop or to swell stops at a minute of
 * CPU or 1 GB of address space, and it writes no file.
 */
#define DOC_PDF_CPU	60			/* s */
#define DOC_PDF_AS	(1024UL * 1024 * 1024)	/* bytes */
static void
doc_pdf_limits(void)
{
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = DOC_PDF_CPU;
	setrlimit(RLIMIT_CPU, &rl);
#if !defined(__SANITIZE_ADDRESS__)
	rl.rlim_cur = rl.rlim_max = DOC_PDF_AS;
	setrlimit(RLIMIT_AS, &rl);
#endif
	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_FSIZE, &rl);
}

static int
doc_pdf_run(const char *path, int in, char **text, size_t *len,
    char **cause)
{
	struct buf b;
	char chunk[65536];
	ssize_t n;
	pid_t pid;
	int fd[2], status, devnull, big = 0;

	*text = NULL;
	*len = 0;
	*cause = NULL;
	if (pipe2(fd, O_CLOEXEC) == -1) {
		xasprintf(cause, "pipe : %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		xasprintf(cause, "fork : %s", strerror(errno));
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		if (in != -1 && (lseek(in, 0, SEEK_SET) == -1 ||
		    dup2(in, STDIN_FILENO) == -1))
			_exit(1);
		dup2(fd[1], STDOUT_FILENO);
		if ((devnull = open("/dev/null", O_WRONLY)) != -1)
			dup2(devnull, STDERR_FILENO);
		close(fd[0]);
		close(fd[1]);
		/* Nothing else of ours: in a session, the network socket
		 * and the helper's are not pdftotext's business. */
		close_range(3, ~0U, 0);
		doc_pdf_limits();
		execlp("pdftotext", "pdftotext", "-layout", "-enc", "UTF-8",
		    "-q", path, "-", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	buf_init(&b);
	while ((n = read(fd[0], chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (b.len + (size_t)n > DOC_FILE_MAX) {
			big = 1;
			break;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (big) {
		xasprintf(cause, "texte extrait trop long (4 Mo au plus)");
		buf_free(&b);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		xasprintf(cause, "pdftotext est introuvable : installez "
		    "poppler-utils (apt-get install poppler-utils, ou sh "
		    "tools/deps.sh)");
		buf_free(&b);
		return -1;
	}
	if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU ||
	    WTERMSIG(status) == SIGKILL)) {
		xasprintf(cause, "pdftotext a mis trop longtemps à lire ce "
		    "PDF (une minute de calcul au plus) : fichier piégé ?");
		buf_free(&b);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		xasprintf(cause, "pdftotext n'a pas pu lire ce PDF (fichier "
		    "abîmé ou protégé ?)");
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*text = buf_detach(&b);
	return 0;
}

int
doc_pdf_text(const char *path, char **text, size_t *len, char **cause)
{
	return doc_pdf_run(path, -1, text, len, cause);
}

int
doc_pdf_text_fd(int fd, char **text, size_t *len, char **cause)
{
	return doc_pdf_run("-", fd, text, len, cause);
}

/* "md", "txt", "pdf" from the file name, or NULL. */
static const char *
doc_ext(const char *path)
{
	const char *dot = strrchr(path, '.');
	char *f;
	const char *r = NULL;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return NULL;
	f = txt_fold(dot + 1);
	if (strcmp(f, "md") == 0 || strcmp(f, "markdown") == 0)
		r = "md";
	else if (strcmp(f, "txt") == 0 || strcmp(f, "text") == 0)
		r = "txt";
	else if (strcmp(f, "pdf") == 0)
		r = "pdf";
	free(f);
	return r;
}

/*
 * Read the front matter of s into values[] (pointers into *fields,
 * which the caller frees); *body_off after it. 0, or -1 with *why.
 */
static int
doc_fields(const char *s, size_t len, const char *values[F_NFIELDS],
    struct txt_field **fields, size_t *n, size_t *body_off, char **why)
{
	size_t i, k;
	int r;

	r = txt_front_matter(s, len, fields, n, body_off, why);
	if (r == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		for (k = 0; k < sizeof(doc_keys) / sizeof(doc_keys[0]); k++)
			if (strcmp((*fields)[i].key, doc_keys[k].key) == 0)
				break;
		if (k == sizeof(doc_keys) / sizeof(doc_keys[0])) {
			xasprintf(why, "ligne %d de l'en-tête : clé inconnue "
			    "« %s » (titre, nature, émetteur, date, référence, "
			    "statut, remplacé par, thèmes, public, résumé)",
			    (*fields)[i].line, (*fields)[i].key);
			return -1;
		}
		if ((*fields)[i].value[0] != '\0')
			values[doc_keys[k].field] = (*fields)[i].value;
	}
	return 0;
}

/* Theme keys or labels, separated by commas or semicolons, into d. */
static int
doc_themes(struct store *st, const char *list, struct store_doc *d,
    char **why)
{
	struct store_theme *themes = NULL;
	size_t nthemes = 0, i, n = 0;
	char *copy, *tok, *save = NULL, *name, *f, *lf, *keys[32];
	struct buf known;
	int rc = 0;

	if (store_theme_list(st, &themes, &nthemes) != 0) {
		xasprintf(why, "les thèmes sont illisibles dans la base");
		return -1;
	}
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",;", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",;", &save)) {
		name = txt_clean(tok, strlen(tok), 0, 0, NULL);
		f = txt_fold(name);
		for (i = 0; i < nthemes; i++) {
			lf = txt_fold(themes[i].label);
			if (strcmp(f, themes[i].key) == 0 ||
			    strcmp(f, lf) == 0) {
				free(lf);
				break;
			}
			free(lf);
		}
		if (name[0] != '\0' && i == nthemes) {
			buf_init(&known);
			for (i = 0; i < nthemes; i++)
				buf_printf(&known, "%s%s", i > 0 ? ", " : "",
				    themes[i].key);
			buf_add(&known, "", 1);
			xasprintf(why, "thème inconnu « %s » (thèmes : %s)",
			    name, known.data);
			buf_free(&known);
			rc = -1;
		} else if (name[0] != '\0' && n < 32)
			keys[n++] = themes[i].key;
		free(f);
		free(name);
	}
	if (rc == 0)
		store_doc_set_themes(d, keys, n);
	free(copy);
	store_theme_list_free(themes, nthemes);
	return rc;
}

/* « n° 12 », « 12 » or a reference of the shelf: STORE_OK (*id),
 * STORE_NOT_FOUND, STORE_ERR. */
static int
doc_replaced(struct store *st, const char *ref, int64_t *id)
{
	const char *p = ref;
	char *end;
	long long v;

	if (strncmp(p, "n° ", 4) == 0 || strncmp(p, "n°", 3) == 0)
		p += strncmp(p, "n° ", 4) == 0 ? 4 : 3;
	else if (*p == '#')
		p++;
	v = strtoll(p, &end, 10);
	if (end != p && *end == '\0' && v > 0) {
		*id = v;
		return 0;
	}
	return store_doc_by_ref(st, ref, id);
}

/*
 * The title from the start of a Markdown body: its first heading, or its
 * first line, taken out of the body when it is a heading (the reader
 * shows the title above the text). New string, or NULL.
 */
static char *
doc_title_from(char **body)
{
	char *p = *body + strspn(*body, " \n"), *nl, *t, *rest;
	int heading = *p == '#';
	struct buf b;
	const char *q;

	if (*p == '\0')
		return NULL;
	nl = strchr(p, '\n');
	t = xstrndup(p, nl != NULL ? (size_t)(nl - p) : strlen(p));
	/* Markdown marks out: hashes, escapes. */
	buf_init(&b);
	q = t + (heading ? strspn(t, "#") : 0);
	q += strspn(q, " ");
	for (; *q != '\0'; q++) {
		if (*q == '\\' && q[1] != '\0')
			q++;
		buf_add(&b, q, 1);
	}
	free(t);
	t = buf_detach(&b);
	if (heading) {
		rest = xstrdup(nl != NULL ? nl + 1 + strspn(nl + 1, "\n") :
		    "");
		free(*body);
		*body = rest;
	}
	return t;
}

int
doc_import_file(struct store *st, const char *path,
    const struct doc_import_opts *o, int64_t *id, char **why)
{
	const char *values[F_NFIELDS], *ext, *v;
	struct txt_field *fields = NULL, *side = NULL;
	size_t nfields = 0, nside = 0, len = 0, off = 0, slen;
	struct store_doc d;
	struct stat sb;
	char real[PATH_MAX], date[11], *raw = NULL, *meta_path = NULL;
	char *sraw = NULL, *body = NULL, *cause = NULL, *f;
	int64_t other = 0;
	int result = DOC_REFUSED, outcome, r;

	*id = 0;
	*why = NULL;
	memset(&d, 0, sizeof(d));
	memset(values, 0, sizeof(values));
	values[F_TITLE] = o->title;
	values[F_KIND] = o->kind;
	values[F_ISSUER] = o->issuer;
	values[F_DATE] = o->date;
	values[F_REF] = o->reference;
	values[F_STATUS] = o->status;
	values[F_REPLACED] = o->replaced_by;
	values[F_THEMES] = o->themes;
	values[F_AUDIENCE] = o->audience;
	values[F_SUMMARY] = o->summary;

	if ((ext = doc_ext(path)) == NULL) {
		xasprintf(why, "format non pris en charge (.txt, .md ou .pdf)");
		goto out;
	}
	if (realpath(path, real) == NULL) {
		xasprintf(why, "%s", doc_errno(errno));
		goto out;
	}
	/* FILE.meta beside the file: the same lines as a front matter. */
	xasprintf(&meta_path, "%s.meta", real);
	if (access(meta_path, F_OK) == 0) {
		if ((sraw = doc_read(meta_path, 64 * 1024, &slen, why)) ==
		    NULL)
			goto out;
		if (strncmp(sraw, "---", 3) != 0) {
			char *wrapped;

			xasprintf(&wrapped, "---\n%s\n---\n", sraw);
			free(sraw);
			sraw = wrapped;
			slen = strlen(sraw);
		}
		if (doc_fields(sraw, slen, values, &side, &nside, &off,
		    &cause) == -1) {
			xasprintf(why, "%s.meta : %s", path, cause);
			goto out;
		}
		off = 0;
	}
	if (strcmp(ext, "pdf") == 0) {
		if (stat(real, &sb) == -1) {
			xasprintf(why, "%s", doc_errno(errno));
			goto out;
		}
		if (sb.st_size > DOC_PDF_MAX) {
			xasprintf(why, "fichier trop gros (%d Mo au plus)",
			    DOC_PDF_MAX / (1024 * 1024));
			goto out;
		}
		if (doc_pdf_text(real, &raw, &len, &cause) == -1) {
			*why = cause;
			cause = NULL;
			goto out;
		}
	} else if ((raw = doc_read(real, DOC_FILE_MAX, &len, why)) == NULL)
		goto out;
	if (strcmp(ext, "pdf") != 0 && doc_fields(raw, len, values, &fields,
	    &nfields, &off, why) == -1)
		goto out;
	if (strcmp(ext, "md") == 0)
		body = txt_clean(raw + off, len - off, TXT_MULTILINE, 0, NULL);
	else
		body = txt_plain_to_markdown(raw + off, len - off);
	if (body[strspn(body, " \n")] == '\0') {
		xasprintf(why, strcmp(ext, "pdf") == 0 ? "aucun texte dans ce "
		    "PDF (une image scannée ? il faut un PDF avec son texte)" :
		    "le texte est vide");
		goto out;
	}

	if (values[F_TITLE] != NULL) {
		d.title = xstrdup(values[F_TITLE]);
		/* The same title as the first heading: shown once. */
		f = body + strspn(body, " \n");
		if (*f == '#') {
			char *t = doc_title_from(&body), *a = txt_fold(t),
			    *b2 = txt_fold(d.title);

			if (strcmp(a, b2) != 0) {
				char *again;

				xasprintf(&again, "# %s\n%s", t, body);
				free(body);
				body = again;
			}
			free(a);
			free(b2);
			free(t);
		}
	} else if ((d.title = doc_title_from(&body)) == NULL) {
		xasprintf(why, "pas de titre (« titre : » dans l'en-tête, ou "
		    "--title)");
		goto out;
	}
	if (values[F_KIND] == NULL) {
		xasprintf(why, "nature du document manquante (« nature : "
		    "circulaire » dans l'en-tête, ou --kind)");
		goto out;
	}
	if ((d.kind = store_doc_kind_parse(values[F_KIND])) == -1) {
		xasprintf(why, "nature inconnue « %s » (loi, ordonnance, "
		    "décret, arrêté, circulaire, instruction, note, étude, "
		    "rapport, guide, fiche pratique, autre)", values[F_KIND]);
		goto out;
	}
	if ((v = values[F_DATE]) != NULL) {
		if (txt_date_parse(v, date) == -1) {
			xasprintf(why, "date illisible « %s » (AAAA-MM-JJ, "
			    "JJ/MM/AAAA ou « 12 mars 2024 »)", v);
			goto out;
		}
		d.published = xstrdup(date);
	}
	d.status = DOC_EN_VIGUEUR;
	if ((v = values[F_STATUS]) != NULL) {
		f = txt_fold(v);
		if (strncmp(f, "remplace par ", 13) == 0) {
			d.status = DOC_REMPLACE;
			if (values[F_REPLACED] == NULL)
				values[F_REPLACED] = v + strlen("remplacé par ");
		} else if ((d.status = store_doc_status_parse(v)) == -1) {
			xasprintf(why, "statut inconnu « %s » (en vigueur, "
			    "abrogé, remplacé par RÉFÉRENCE)", v);
			free(f);
			goto out;
		}
		free(f);
	}
	if ((v = values[F_REPLACED]) != NULL) {
		d.status = DOC_REMPLACE;
		if ((r = doc_replaced(st, v, &d.replaced_by)) ==
		    STORE_NOT_FOUND) {
			xasprintf(why, "« remplacé par » : aucun document « %s "
			    "» dans la bibliothèque (importez-le d'abord)", v);
			goto out;
		} else if (r != STORE_OK) {
			xasprintf(why, "%s", store_rc_say(st, r));
			goto out;
		}
	}
	if (values[F_THEMES] != NULL &&
	    doc_themes(st, values[F_THEMES], &d, why) == -1)
		goto out;
	d.issuer = xstrdup(values[F_ISSUER] != NULL ? values[F_ISSUER] : "");
	d.reference = xstrdup(values[F_REF] != NULL ? values[F_REF] : "");
	d.audience = xstrdup(values[F_AUDIENCE] != NULL ?
	    values[F_AUDIENCE] : "");
	d.summary = xstrdup(values[F_SUMMARY] != NULL ? values[F_SUMMARY] :
	    "");
	d.body = body;
	body = NULL;
	d.source = xstrdup(real);
	if (o->files_dir != NULL && doc_keep(o->files_dir, real, ext, &d,
	    why) == -1)
		goto out;

	r = store_doc_save(st, o->actor, &d, &outcome, &other);
	switch (r) {
	case STORE_OK:
		*id = d.id;
		result = outcome ? DOC_UPDATED : DOC_IMPORTED;
		break;
	case STORE_TAKEN:
		xasprintf(why, "la référence « %s » est déjà celle du document "
		    "n° %lld", d.reference, (long long)other);
		break;
	case STORE_EMPTY:
		xasprintf(why, "titre ou texte vide");
		break;
	case STORE_INVALID:
		xasprintf(why, "thème inconnu");
		break;
	case STORE_BAD_LINK:
		xasprintf(why, "« remplacé par » : document inconnu ou le "
		    "document lui-même");
		break;
	default:
		xasprintf(why, "%s", store_rc_text(r));
		break;
	}
out:
	store_doc_clear(&d);
	txt_fields_free(fields, nfields);
	txt_fields_free(side, nside);
	free(cause);
	free(raw);
	free(sraw);
	free(body);
	free(meta_path);
	return result;
}

/*
 * The original file, byte for byte, into the files directory under its
 * SHA-256 (util/docfile.h), named in d. Before the row is saved: a row
 * never names a file that is not there.
 */
static int
doc_keep(const char *dir, const char *path, const char *ext,
    struct store_doc *d, char **why)
{
	char sha[DOCFILE_SHA_LEN + 1], *data = NULL;
	size_t len;

	if (file_read(path, DOC_PDF_MAX, &data, &len) == -1) {
		xasprintf(why, "%s", doc_errno(errno));
		return -1;
	}
	if (docfile_put(dir, data, len, sha) == -1) {
		xasprintf(why, "original non conservé dans %s : %s", dir,
		    doc_errno(errno));
		free(data);
		return -1;
	}
	free(data);
	d->file_sha256 = xstrdup(sha);
	d->file_type = xstrdup(ext);
	d->file_size = (int64_t)len;
	return 0;
}

static int
doc_import(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "kind", required_argument, NULL, 'k' },
		{ "issuer", required_argument, NULL, 'i' },
		{ "date", required_argument, NULL, 'd' },
		{ "reference", required_argument, NULL, 'r' },
		{ "status", required_argument, NULL, 's' },
		{ "replaced-by", required_argument, NULL, 'R' },
		{ "themes", required_argument, NULL, 'T' },
		{ "audience", required_argument, NULL, 'a' },
		{ "summary", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct doc_import_opts o;
	struct store *st;
	char *why = NULL, *cause = NULL, *shown;
	int64_t id;
	int ch, i, counts[3] = { 0, 0, 0 }, r;

	memset(&o, 0, sizeof(o));
	o.files_dir = cfg->files_dir;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 't': o.title = optarg; break;
		case 'k': o.kind = optarg; break;
		case 'i': o.issuer = optarg; break;
		case 'd': o.date = optarg; break;
		case 'r': o.reference = optarg; break;
		case 's': o.status = optarg; break;
		case 'R': o.replaced_by = optarg; break;
		case 'T': o.themes = optarg; break;
		case 'a': o.audience = optarg; break;
		case 'S': o.summary = optarg; break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage : palabre admin doc import FICHIER... "
		    "[--kind NATURE] [--issuer ÉMETTEUR] [--date DATE] "
		    "[--reference RÉF] [--status STATUT] [--replaced-by RÉF] "
		    "[--themes T,T] [--audience PUBLIC] [--summary RÉSUMÉ] "
		    "[--title TITRE]\n");
		return 2;
	}
	if (o.title != NULL && argc - optind > 1) {
		fprintf(stderr, "palabre : --title ne vaut que pour un seul "
		    "fichier\n");
		return 2;
	}
	if ((st = store_open(config_store(cfg), 0, &cause)) == NULL) {
		fprintf(stderr, "palabre : %s\n", cause);
		free(cause);
		return 1;
	}
	for (i = optind; i < argc; i++) {
		r = doc_import_file(st, argv[i], &o, &id, &why);
		counts[r]++;
		shown = txt_escape_term(argv[i], 0);
		if (r == DOC_REFUSED)
			printf("refusé : %s : %s\n", shown, why);
		else
			printf("%s : %s (n° %lld)\n", r == DOC_IMPORTED ?
			    "importé" : "mis à jour", shown, (long long)id);
		fflush(stdout);
		free(shown);
		free(why);
		why = NULL;
	}
	printf("%d importé%s, %d mis à jour, %d refusé%s.\n",
	    counts[DOC_IMPORTED], counts[DOC_IMPORTED] > 1 ? "s" : "",
	    counts[DOC_UPDATED], counts[DOC_REFUSED],
	    counts[DOC_REFUSED] > 1 ? "s" : "");
	store_free(st);
	return counts[DOC_REFUSED] > 0 ? 1 : 0;
}

static int
doc_list(struct config *cfg, int argc, char **argv)
{
	struct store_doc_filter f;
	struct store_doc *list = NULL;
	struct store *st;
	char *cause = NULL, *title;
	const char *kind;
	size_t n = 0, i;

	if ((st = store_open(config_store(cfg), 0, &cause)) == NULL) {
		fprintf(stderr, "palabre : %s\n", cause);
		free(cause);
		return 1;
	}
	memset(&f, 0, sizeof(f));
	if (store_doc_list(st, 0, &f, 0, 0, &list, &n) != 0) {
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, STORE_ERR));
		store_free(st);
		return 1;
	}
	for (i = 0; i < n; i++) {
		title = txt_trunc(list[i].title, 50);
		kind = store_doc_kind_label(list[i].kind);
		/* Pad by columns, not bytes (« Étude »). */
		printf("%5lld  %-10s  %s%*s  %s%s%s\n", (long long)list[i].id,
		    list[i].published[0] != '\0' ? list[i].published : "?",
		    kind, (int)(14 - txt_width(kind)), "", title,
		    list[i].status != DOC_EN_VIGUEUR ? " — " : "",
		    list[i].status != DOC_EN_VIGUEUR ?
		    store_doc_status_label(list[i].status) : "");
		free(title);
	}
	printf("%zu document%s\n", n, n > 1 ? "s" : "");
	store_doc_list_free(list, n);
	store_free(st);
	return 0;
}

const struct admin_cmd admin_doc_cmds[] = {
	{ "doc", "import", "FICHIER.md|.txt|.pdf...", "kind=NATURE "
	    "issuer=ÉMETTEUR date=DATE reference=RÉF status=STATUT "
	    "replaced-by=RÉF themes=T,T audience=PUBLIC summary=RÉSUMÉ "
	    "title=TITRE", 1, -1,
	    "ajoute ou met à jour des documents de la bibliothèque", doc_import },
	{ "doc", "list", "", "", 0, 0, "la bibliothèque", doc_list },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
