/*
 * cmd.c - the commands a member runs without the menus:
 *
 *	ssh -p PORT login@host lire m12
 *
 * One process per command, as the interface (palabre-ui --command, no
 * libssh), with the member's rights: every read and write goes through
 * the same store functions as the screens, with the same viewer. Output
 * is UTF-8 text on stdout (the session process re-encodes it for the
 * client's LANG), errors in French on stderr, and the exit code says
 * how it went (cmd.h). Lists are aligned columns, or JSON with --json.
 *
 * Identifiers tell what they name by their letter: m12 a message of a
 * forum, d45 a document, p7 a practice record, j3 an exchange day, c9 a
 * private conversation.
 *
 * The table cmd_table drives both the dispatch and « aide ».
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "config.h"
#include "files/files.h"
#include "store/store.h"
#include "store/store_board.h"
#include "store/store_doc.h"
#include "store/store_event.h"
#include "store/store_message.h"
#include "store/store_practice.h"
#include "store/store_profile.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/notice.h"
#include "util/util.h"

#define CMD_LIST_MAX	50	/* rows of a search */
#define CMD_STDIN_MAX	(STORE_BODY_MAX + 1)

struct cmd_ctx {
	struct config		*cfg;
	struct store		*st;
	struct store_member	 m;
	struct store_viewer	 vw;
	int			 json;
};

struct cmd_entry {
	const char	*name;
	const char	*alias;		/* NULL: none */
	const char	*usage;		/* arguments, for « aide » */
	const char	*help;
	int		 open;		/* nouveau and invite may run it */
	int		(*exec)(struct cmd_ctx *, int, char **);
};

static int	 cmd_aide(struct cmd_ctx *, int, char **);
static int	 cmd_news(struct cmd_ctx *, int, char **);
static int	 cmd_lire(struct cmd_ctx *, int, char **);
static int	 cmd_fil(struct cmd_ctx *, int, char **);
static int	 cmd_chercher(struct cmd_ctx *, int, char **);
static int	 cmd_poster(struct cmd_ctx *, int, char **);
static int	 cmd_repondre(struct cmd_ctx *, int, char **);
static int	 cmd_messages(struct cmd_ctx *, int, char **);
static int	 cmd_journees(struct cmd_ctx *, int, char **);
static int	 cmd_journee(struct cmd_ctx *, int, char **);
static int	 cmd_export(struct cmd_ctx *, int, char **);

static const struct cmd_entry cmd_table[] = {
	{ "aide", NULL, "", "cette liste", 1, cmd_aide },
	{ "quoi-de-neuf", "nouveautes",
	    "[--depuis AAAA-MM-JJ] [--tout] [--json]",
	    "ce qui est nouveau depuis votre dernière visite, dans « Ma "
	    "veille » (--tout : dans tout le réseau)", 0, cmd_news },
	{ "lire", NULL, "ID [--json]",
	    "un message (m12), un document (d4), une pratique (p7), une "
	    "journée (j3) ou une conversation (c9)", 0, cmd_lire },
	{ "fil", NULL, "ID [--json]", "tout le fil d'un message (m12)", 0,
	    cmd_fil },
	{ "chercher", NULL,
	    "MOTS [--forums|--bibliotheque|--catalogue] [--json]",
	    "chercher dans les forums, la bibliothèque, le catalogue", 0,
	    cmd_chercher },
	{ "poster", NULL, "FORUM \"Titre\"",
	    "ouvrir un fil ; le texte est lu sur l'entrée standard", 0,
	    cmd_poster },
	{ "repondre", NULL, "ID",
	    "répondre au message ID ; le texte est lu sur l'entrée standard",
	    0, cmd_repondre },
	{ "messages", NULL, "[--json]", "vos conversations privées", 0,
	    cmd_messages },
	{ "journees", NULL, "[--json]", "les journées d'échange à venir", 0,
	    cmd_journees },
	{ "journee", NULL, "ID [--ics]",
	    "une journée ; --ics : le fichier d'agenda", 0, cmd_journee },
	{ "export", NULL, "[--json]",
	    "toutes vos données (RGPD), complètes", 0, cmd_export },
};

/* --- Words --------------------------------------------------------------- */

int
cmd_split(const char *p, char **argv, int max)
{
	struct buf w;
	int argc = 0, inword, q;

	buf_init(&w);
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (argc == max)
			goto fail;
		inword = 1;
		q = 0;
		w.len = 0;
		for (; *p != '\0' && inword; p++) {
			if (q != 0 && *p == q)
				q = 0;
			else if (q == 0 && (*p == '\'' || *p == '"'))
				q = *p;
			else if (q != '\'' && *p == '\\' && p[1] != '\0')
				buf_add(&w, ++p, 1);
			else if (q == 0 && (*p == ' ' || *p == '\t'))
				inword = 0;
			else
				buf_add(&w, p, 1);
		}
		if (q != 0)
			goto fail;
		buf_add(&w, "", 1);
		argv[argc++] = xstrdup(w.data);
	}
	buf_free(&w);
	return argc;
fail:
	buf_free(&w);
	cmd_split_free(argv, argc);
	return -1;
}

void
cmd_split_free(char **argv, int argc)
{
	while (argc > 0)
		free(argv[--argc]);
}

/* --- Output -------------------------------------------------------------- */

static void
cmd_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int
cmd_found(int, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
cmd_err(const char *fmt, ...)
{
	va_list ap;

	fputs("palabre : ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * A store read's result as a command's: CMD_OK when found, -1 on a
 * database error (the caller's to report), else CMD_REFUSED with the
 * message fmt for STORE_NOT_FOUND (what the member may not read is not
 * told apart from what does not exist) or the store's sentence.
 */
static int
cmd_found(int rc, const char *fmt, ...)
{
	va_list ap;

	if (rc == STORE_OK || rc == STORE_ERR)
		return rc;
	if (rc != STORE_NOT_FOUND) {
		cmd_err("%s", store_rc_text(rc));
		return CMD_REFUSED;
	}
	fputs("palabre : ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CMD_REFUSED;
}

/* s, then spaces up to cols columns and two more (a column of a list). */
static void
cmd_col(const char *s, size_t cols)
{
	size_t w = txt_width(s);

	fputs(s, stdout);
	for (; w < cols + 2; w++)
		fputc(' ', stdout);
}

/* A list's rows: every cell's width known before the first is printed. */
struct cmd_table {
	size_t	  ncols;
	size_t	  width[6];
	char	**cells;
	size_t	  n;
};

static void
cmd_row(struct cmd_table *t, ...)
{
	va_list ap;
	size_t i, w;
	const char *s;

	t->cells = xreallocarray(t->cells, (t->n + 1) * t->ncols,
	    sizeof(char *));
	va_start(ap, t);
	for (i = 0; i < t->ncols; i++) {
		s = va_arg(ap, const char *);
		t->cells[t->n * t->ncols + i] = xstrdup(s != NULL ? s : "");
		if ((w = txt_width(t->cells[t->n * t->ncols + i])) >
		    t->width[i])
			t->width[i] = w;
	}
	va_end(ap);
	t->n++;
}

/* Print the rows (unless print is 0: --json), then forget them. */
static void
cmd_table_print(struct cmd_table *t, int print)
{
	size_t r, i;

	for (r = 0; r < t->n && print; r++) {
		for (i = 0; i + 1 < t->ncols; i++)
			cmd_col(t->cells[r * t->ncols + i], t->width[i]);
		printf("%s\n", t->cells[r * t->ncols + i]);
	}
	for (r = 0; r < t->n * t->ncols; r++)
		free(t->cells[r]);
	free(t->cells);
	t->cells = NULL;
	t->n = 0;
}

/* JSON: {"k": "v", ...} pieces. */
static void
cmd_json_str(struct buf *b, const char *key, const char *v, int first)
{
	if (!first)
		buf_adds(b, ", ");
	buf_json_str(b, key);
	buf_adds(b, ": ");
	buf_json_str(b, v != NULL ? v : "");
}

static void
cmd_json_int(struct buf *b, const char *key, int64_t v, int first)
{
	if (!first)
		buf_adds(b, ", ");
	buf_json_str(b, key);
	buf_printf(b, ": %lld", (long long)v);
}

/* A JSON object begun in j: {"type": type, and "id": "<prefix><id>"
 * unless prefix is 0. */
static void
cmd_json_begin(struct buf *j, const char *type, char prefix, int64_t id)
{
	char sid[32];

	buf_init(j);
	buf_adds(j, "{");
	cmd_json_str(j, "type", type, 1);
	if (prefix != '\0') {
		snprintf(sid, sizeof(sid), "%c%lld", prefix, (long long)id);
		cmd_json_str(j, "id", sid, 0);
	}
}

static void
cmd_json_out(struct buf *b)
{
	fwrite(b->data, 1, b->len, stdout);
	buf_free(b);
}

/* A list's date in the house style (« 9 h 05 » today, « hier »,
 * « 1er avr. »), or "" for 0. Scripts take --json's Unix times. */
static const char *
cmd_date(char *buf, size_t size, int64_t t)
{
	if (t == 0)
		buf[0] = '\0';
	else
		txt_date_list(buf, size, t, now_sec());
	return buf;
}

/* --- Arguments ----------------------------------------------------------- */

/* "m12" -> 'm', 12. 0 if it is no identifier. */
static int
cmd_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (strchr("mdpjc", s[0]) == NULL || s[0] == '\0' ||
	    s[1] < '0' || s[1] > '9')
		return 0;
	v = strtoll(s + 1, &end, 10);
	if (*end != '\0' || v <= 0)
		return 0;
	*id = v;
	return s[0];
}

/* Remove the flag from argv; 1 if it was there. */
static int
cmd_flag(int *argc, char **argv, const char *flag)
{
	int i, found = 0;

	for (i = 0; i < *argc; i++) {
		if (strcmp(argv[i], flag) != 0)
			continue;
		found = 1;
		memmove(&argv[i], &argv[i + 1],
		    (size_t)(*argc - i - 1) * sizeof(char *));
		(*argc)--;
		i--;
	}
	return found;
}

static int
cmd_usage(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(cmd_table); i++)
		if (strcmp(cmd_table[i].name, name) == 0)
			cmd_err("usage : %s %s", name, cmd_table[i].usage);
	return CMD_USAGE;
}

/*
 * What a member writes, on stdin: bounded here, made UTF-8 at once (a
 * NUL or an invalid byte becomes U+FFFD, as everywhere text comes in:
 * a C string would have stopped at the NUL and lost the rest), cleaned
 * by the store. *len is the length read, to tell « too long ».
 */
static char *
cmd_stdin(size_t *len)
{
	struct buf b;
	char chunk[8192], *s;
	size_t n;

	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > CMD_STDIN_MAX)
			break;
	}
	*len = b.len;
	s = txt_utf8(b.data != NULL ? b.data : "", b.len, NULL);
	buf_free(&b);
	return s;
}

/* --- aide ---------------------------------------------------------------- */

static int
cmd_aide(struct cmd_ctx *c, int argc, char **argv)
{
	struct cmd_table t = { 2, { 0 }, NULL, 0 };
	char *name;
	size_t i;

	printf("Commandes de %s (ssh %s@serveur COMMANDE) :\n\n",
	    c->cfg->site_name, c->m.login != NULL ? c->m.login : "identifiant");
	for (i = 0; i < nitems(cmd_table); i++) {
		if (c->m.role == ROLE_INVITE && !cmd_table[i].open)
			continue;
		xasprintf(&name, "%s%s%s", cmd_table[i].name,
		    cmd_table[i].usage[0] != '\0' ? " " : "",
		    cmd_table[i].usage);
		cmd_row(&t, name, cmd_table[i].help);
		free(name);
		if (cmd_table[i].alias != NULL) {
			xasprintf(&name, "  (ou %s)", cmd_table[i].alias);
			cmd_row(&t, name, "");
			free(name);
		}
	}
	cmd_table_print(&t, 1);
	if (c->m.role == ROLE_INVITE)
		printf("\nLes autres commandes demandent un compte de "
		    "membre.\n");
	else
		printf("\nCodes de sortie : 0 réussi, 1 introuvable ou "
		    "refusé, 2 commande mal formée.\n");
	return CMD_OK;
}

/* --- lire, fil ----------------------------------------------------------- */

static void
cmd_post_print(const struct store_post *p, const char *title)
{
	char d[64];

	if (title != NULL)
		printf("%s\n", title);
	txt_date_long(d, sizeof(d), p->created_at);
	printf("m%lld · %s (%s) · le %s\n", (long long)p->id, p->author_name,
	    p->author_org, d);
	if (p->parent_id != 0)
		printf("En réponse à m%lld\n", (long long)p->parent_id);
	printf("\n%s\n", p->body);
}

/* One post as a JSON object (lire m12, each post of fil). */
static void
cmd_post_json(struct buf *j, const struct store_post *p)
{
	char id[32];

	snprintf(id, sizeof(id), "m%lld", (long long)p->id);
	buf_adds(j, "{");
	cmd_json_str(j, "id", id, 1);
	snprintf(id, sizeof(id), "m%lld", (long long)p->parent_id);
	cmd_json_str(j, "en_reponse_a", p->parent_id != 0 ? id : "", 0);
	cmd_json_str(j, "auteur", p->author_name, 0);
	cmd_json_str(j, "identifiant", p->author_login, 0);
	cmd_json_str(j, "structure", p->author_org, 0);
	cmd_json_int(j, "date", p->created_at, 0);
	cmd_json_int(j, "modifie", p->edited_at, 0);
	cmd_json_str(j, "texte", p->body, 0);
	buf_adds(j, "}");
}

static int
cmd_lire_post(struct cmd_ctx *c, int64_t id)
{
	struct store_post p;
	struct store_thread th;
	int rc;

	memset(&p, 0, sizeof(p));
	memset(&th, 0, sizeof(th));
	if ((rc = store_post_get(c->st, &c->vw, id, &p)) != 0 ||
	    (rc = store_thread_get(c->st, &c->vw, p.thread_id, &th)) != 0) {
		store_post_clear(&p);
		return cmd_found(rc, "aucun message m%lld que vous puissiez "
		    "lire", (long long)id);
	}
	if (c->json) {
		struct buf j;

		cmd_json_begin(&j, "message", 0, 0);
		cmd_json_str(&j, "fil", th.title, 0);
		buf_adds(&j, ", \"message\": ");
		cmd_post_json(&j, &p);
		buf_adds(&j, "}\n");
		cmd_json_out(&j);
	} else
		cmd_post_print(&p, th.title);
	store_read_post(c->st, &c->vw, id);
	store_post_clear(&p);
	store_thread_clear(&th);
	return CMD_OK;
}

static int
cmd_lire_doc(struct cmd_ctx *c, int64_t id)
{
	struct store_doc d;
	char dd[64], *path = NULL, *fetch = NULL;
	int rc;

	memset(&d, 0, sizeof(d));
	if ((rc = cmd_found(store_doc_get(c->st, c->m.id, id, &d),
	    "aucun document d%lld", (long long)id)) != CMD_OK)
		return rc;
	if (d.file_sha256 != NULL) {
		path = files_doc_path(d.id, d.kind, d.published, d.title,
		    d.file_type);
		fetch = files_fetch_command(c->cfg, c->m.login, path);
	}
	if (c->json) {
		struct buf j;

		cmd_json_begin(&j, "document", 'd', d.id);
		cmd_json_str(&j, "titre", d.title, 0);
		cmd_json_str(&j, "nature", store_doc_kind_label(d.kind), 0);
		cmd_json_str(&j, "emetteur", d.issuer, 0);
		cmd_json_str(&j, "publie", d.published, 0);
		cmd_json_str(&j, "reference", d.reference, 0);
		cmd_json_str(&j, "statut", store_doc_status_label(d.status),
		    0);
		cmd_json_int(&j, "ajoute", d.added_at, 0);
		cmd_json_str(&j, "resume", d.summary, 0);
		cmd_json_str(&j, "fichier", path, 0);
		cmd_json_str(&j, "commande", fetch, 0);
		cmd_json_str(&j, "texte", d.body, 0);
		buf_adds(&j, "}\n");
		cmd_json_out(&j);
	} else {
		txt_date_day(dd, sizeof(dd), d.added_at);
		printf("%s\nd%lld · %s%s%s%s%s · ajouté le %s\n", d.title,
		    (long long)d.id, d.issuer, d.published[0] != '\0' ?
		    " · " : "", d.published, d.reference[0] != '\0' ?
		    " · " : "", d.reference, dd);
		if (fetch != NULL)
			printf("Fichier original : %s\n", fetch);
		printf("\n%s\n", d.body);
	}
	free(path);
	free(fetch);
	store_doc_clear(&d);
	return CMD_OK;
}

static int
cmd_lire_practice(struct cmd_ctx *c, int64_t id)
{
	struct store_practice p;
	size_t i;
	int rc;

	memset(&p, 0, sizeof(p));
	if ((rc = cmd_found(store_practice_get(c->st, &c->vw, id, &p),
	    "aucune pratique p%lld que vous puissiez lire",
	    (long long)id)) != CMD_OK)
		return rc;
	if (c->json) {
		struct buf j;

		cmd_json_begin(&j, "pratique", 'p', p.id);
		cmd_json_str(&j, "etat", store_practice_state_label(p.state),
		    0);
		for (i = 0; i < PF_NFIELDS; i++)
			cmd_json_str(&j, store_practice_fields[i].key, p.f[i],
			    0);
		cmd_json_str(&j, "departement_libelle", p.departement_label,
		    0);
		cmd_json_str(&j, "themes_libelle", p.themes_label, 0);
		buf_adds(&j, "}\n");
		cmd_json_out(&j);
		store_practice_clear(&p);
		return CMD_OK;
	}
	printf("%s\np%lld · %s\n", p.f[PF_TITLE], (long long)p.id,
	    store_practice_state_label(p.state));
	for (i = 1; i < PF_NFIELDS; i++) {
		if (p.f[i] == NULL || p.f[i][0] == '\0' || i == PF_THEMES ||
		    i == PF_DEPARTEMENT || i == PF_ORG_TYPE || i == PF_DOCS ||
		    i == PF_CONTACT_LOGIN)
			continue;
		printf("\n%s : %s\n", store_practice_fields[i].label,
		    p.f[i]);
	}
	if (p.departement_label != NULL && p.departement_label[0] != '\0')
		printf("\nDépartement : %s\n", p.departement_label);
	if (p.themes_label != NULL && p.themes_label[0] != '\0')
		printf("\nThèmes : %s\n", p.themes_label);
	store_practice_clear(&p);
	return CMD_OK;
}

static int
cmd_lire_event(struct cmd_ctx *c, int64_t id)
{
	struct store_event e;
	char when[160];
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = cmd_found(store_event_get(c->st, c->m.id, id, &e),
	    "aucune journée j%lld", (long long)id)) != CMD_OK)
		return rc;
	if (c->json) {
		struct buf j;

		cmd_json_begin(&j, "journee", 'j', e.id);
		cmd_json_str(&j, "titre", e.title, 0);
		cmd_json_int(&j, "debut", e.starts_at, 0);
		cmd_json_int(&j, "fin", e.ends_at, 0);
		cmd_json_str(&j, "lieu", store_event_where(&e), 0);
		cmd_json_str(&j, "organisateur", e.organiser_name, 0);
		cmd_json_str(&j, "structure", e.organiser_org, 0);
		cmd_json_int(&j, "annulee", e.cancelled_at, 0);
		cmd_json_str(&j, "description", e.description, 0);
		buf_adds(&j, "}\n");
		cmd_json_out(&j);
		store_event_clear(&e);
		return CMD_OK;
	}
	store_event_when(&e, when, sizeof(when));
	printf("%s\nj%lld · %s\n%s\nOrganisée par %s (%s)\n", e.title,
	    (long long)e.id, when, store_event_where(&e), e.organiser_name,
	    e.organiser_org);
	if (e.cancelled_at != 0)
		printf("Annulée.\n");
	if (e.description != NULL)
		printf("\n%s\n", e.description);
	store_event_clear(&e);
	return CMD_OK;
}

static int
cmd_lire_conversation(struct cmd_ctx *c, int64_t id)
{
	struct store_conversation cv;
	struct store_message *list = NULL;
	char d[64];
	size_t n = 0, i;
	int rc;

	memset(&cv, 0, sizeof(cv));
	if ((rc = store_conversation_get(c->st, c->m.id, id, &cv)) != 0 ||
	    (rc = store_message_list(c->st, c->m.id, id, &list, &n)) != 0) {
		store_conversation_clear(&cv);
		return cmd_found(rc, "aucune conversation c%lld",
		    (long long)id);
	}
	if (c->json) {
		struct buf j;

		cmd_json_begin(&j, "conversation", 'c', cv.id);
		cmd_json_str(&j, "sujet", cv.subject, 0);
		cmd_json_str(&j, "avec", cv.others, 0);
		buf_adds(&j, ", \"messages\": [");
		for (i = 0; i < n; i++) {
			buf_adds(&j, i > 0 ? ", {" : "{");
			cmd_json_str(&j, "auteur", list[i].author_name, 1);
			cmd_json_str(&j, "structure", list[i].author_org, 0);
			cmd_json_int(&j, "date", list[i].created_at, 0);
			cmd_json_str(&j, "texte", list[i].body, 0);
			buf_adds(&j, "}");
		}
		buf_adds(&j, "]}\n");
		cmd_json_out(&j);
	} else
		printf("%s\nc%lld · avec %s\n", cv.subject,
		    (long long)cv.id, cv.others);
	for (i = 0; i < n && !c->json; i++) {
		txt_date_long(d, sizeof(d), list[i].created_at);
		printf("\n— %s (%s) · le %s\n\n%s\n", list[i].author_name,
		    list[i].author_org, d, list[i].body);
	}
	store_conversation_read(c->st, c->m.id, id);
	store_message_list_free(list, n);
	store_conversation_clear(&cv);
	return CMD_OK;
}

static int
cmd_lire(struct cmd_ctx *c, int argc, char **argv)
{
	int64_t id;

	if (argc != 2)
		return cmd_usage(argv[0]);
	switch (cmd_id(argv[1], &id)) {
	case 'm':
		return cmd_lire_post(c, id);
	case 'd':
		return cmd_lire_doc(c, id);
	case 'p':
		return cmd_lire_practice(c, id);
	case 'j':
		return cmd_lire_event(c, id);
	case 'c':
		return cmd_lire_conversation(c, id);
	}
	cmd_err("« %s » n'est pas un identifiant (m12, d4, p7, j3, c9)",
	    argv[1]);
	return CMD_USAGE;
}

static int
cmd_fil(struct cmd_ctx *c, int argc, char **argv)
{
	struct store_post p, *list = NULL;
	struct store_thread th;
	size_t n = 0, i;
	int64_t id;
	int rc;

	if (argc != 2)
		return cmd_usage(argv[0]);
	if (cmd_id(argv[1], &id) != 'm') {
		cmd_err("« %s » n'est pas un message (m12)", argv[1]);
		return CMD_USAGE;
	}
	memset(&p, 0, sizeof(p));
	memset(&th, 0, sizeof(th));
	if ((rc = store_post_get(c->st, &c->vw, id, &p)) != 0 ||
	    (rc = store_thread_get(c->st, &c->vw, p.thread_id, &th)) != 0 ||
	    (rc = store_post_tree(c->st, &c->vw, p.thread_id, &list,
	    &n)) != 0) {
		store_post_clear(&p);
		store_thread_clear(&th);
		return cmd_found(rc, "aucun message m%lld que vous puissiez "
		    "lire", (long long)id);
	}
	if (c->json) {
		struct buf j;

		cmd_json_begin(&j, "fil", 0, 0);
		cmd_json_str(&j, "titre", th.title, 0);
		cmd_json_int(&j, "verrouille", th.locked, 0);
		buf_adds(&j, ", \"messages\": [");
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_adds(&j, ", ");
			cmd_post_json(&j, &list[i]);
		}
		buf_adds(&j, "]}\n");
		cmd_json_out(&j);
	} else {
		printf("%s (%zu message%s%s)\n", th.title, n,
		    n > 1 ? "s" : "", th.locked ? ", fil verrouillé" : "");
		for (i = 0; i < n; i++) {
			printf("\n");
			cmd_post_print(&list[i], NULL);
		}
	}
	store_read_thread(c->st, &c->vw, th.id);
	store_post_list_free(list, n);
	store_post_clear(&p);
	store_thread_clear(&th);
	return CMD_OK;
}

/* --- chercher ------------------------------------------------------------ */

static int
cmd_chercher(struct cmd_ctx *c, int argc, char **argv)
{
	struct cmd_table t = { 4, { 0 }, NULL, 0 };
	struct store_hit *hits = NULL;
	struct store_doc *docs = NULL;
	struct store_doc_filter df;
	struct store_practice_filter pf;
	struct store_practice_item *items = NULL;
	struct buf q, j;
	char id[32], d[64];
	size_t n, i;
	int forums, lib, cat, rc = CMD_OK, first = 1, r, failed = 0;

	forums = cmd_flag(&argc, argv, "--forums");
	lib = cmd_flag(&argc, argv, "--bibliotheque");
	cat = cmd_flag(&argc, argv, "--catalogue");
	if (!forums && !lib && !cat)
		forums = lib = cat = 1;
	if (argc < 2)
		return cmd_usage(argv[0]);
	buf_init(&q);
	buf_init(&j);
	for (i = 1; i < (size_t)argc; i++) {
		if (i > 1)
			buf_adds(&q, " ");
		buf_adds(&q, argv[i]);
	}
	buf_add(&q, "", 1);
	buf_adds(&j, "[");
	if (forums && (n = 0, r = store_search(c->st, &c->vw, q.data,
	    CMD_LIST_MAX, &hits, &n)) == STORE_ERR)
		failed = 1;
	else if (forums && r == STORE_OK) {
		for (i = 0; i < n; i++) {
			snprintf(id, sizeof(id), "m%lld",
			    (long long)hits[i].post_id);
			cmd_date(d, sizeof(d), hits[i].created_at);
			cmd_row(&t, id, d, hits[i].board_title,
			    hits[i].thread_title);
			buf_adds(&j, first ? "\n  {" : ",\n  {");
			cmd_json_str(&j, "id", id, 1);
			cmd_json_str(&j, "forum", hits[i].board_title, 0);
			cmd_json_str(&j, "titre", hits[i].thread_title, 0);
			cmd_json_str(&j, "auteur", hits[i].author_name, 0);
			cmd_json_int(&j, "date", hits[i].created_at, 0);
			cmd_json_str(&j, "extrait", hits[i].snippet, 0);
			buf_adds(&j, "}");
			first = 0;
		}
		store_hit_list_free(hits, n);
	}
	memset(&df, 0, sizeof(df));
	if (lib && (n = 0, r = store_doc_search(c->st, c->m.id, &df, q.data,
	    CMD_LIST_MAX, &docs, &n)) == STORE_ERR)
		failed = 1;
	else if (lib && r == STORE_OK) {
		store_doc_snippets(c->st, q.data, docs, n);
		for (i = 0; i < n; i++) {
			snprintf(id, sizeof(id), "d%lld",
			    (long long)docs[i].id);
			cmd_row(&t, id, docs[i].published, "Bibliothèque",
			    docs[i].title);
			buf_adds(&j, first ? "\n  {" : ",\n  {");
			cmd_json_str(&j, "id", id, 1);
			cmd_json_str(&j, "titre", docs[i].title, 0);
			cmd_json_str(&j, "publie", docs[i].published, 0);
			cmd_json_str(&j, "extrait", docs[i].snippet, 0);
			buf_adds(&j, "}");
			first = 0;
		}
		store_doc_list_free(docs, n);
	}
	memset(&pf, 0, sizeof(pf));
	if (cat && (n = 0, r = store_practice_search(c->st, q.data, &pf,
	    CMD_LIST_MAX, &items, &n)) == STORE_ERR)
		failed = 1;
	else if (cat && r == STORE_OK) {
		for (i = 0; i < n; i++) {
			snprintf(id, sizeof(id), "p%lld",
			    (long long)items[i].id);
			cmd_date(d, sizeof(d), items[i].published_at);
			cmd_row(&t, id, d, "Catalogue", items[i].title);
			buf_adds(&j, first ? "\n  {" : ",\n  {");
			cmd_json_str(&j, "id", id, 1);
			cmd_json_str(&j, "titre", items[i].title, 0);
			cmd_json_str(&j, "structure", items[i].org, 0);
			cmd_json_str(&j, "extrait", items[i].snippet, 0);
			buf_adds(&j, "}");
			first = 0;
		}
		store_practice_item_list_free(items, n);
	}
	buf_adds(&j, first ? "]\n" : "\n]\n");
	if (failed)		/* a part not searched: never « rien » */
		rc = -1;
	else if (c->json)
		cmd_json_out(&j);
	else if (t.n == 0) {
		cmd_err("rien trouvé pour « %s »", q.data);
		rc = CMD_REFUSED;
	}
	cmd_table_print(&t, !c->json);
	buf_free(&j);
	buf_free(&q);
	return rc;
}

/* --- poster, repondre ---------------------------------------------------- */

/* The store's answer to a new post, in the editor's words. */
static int
cmd_post_result(int rc, int64_t post_id)
{
	switch (rc) {
	case STORE_OK:
		printf("m%lld\n", (long long)post_id);
		return CMD_OK;
	case STORE_TOO_LONG:
		cmd_err("texte trop long (%d Kio au plus) : rien n'a été "
		    "envoyé", STORE_BODY_MAX / 1024);
		return CMD_REFUSED;
	case STORE_EMPTY:
		cmd_err("texte vide : rien n'a été envoyé");
		return CMD_REFUSED;
	case STORE_FORBIDDEN:
		cmd_err("vous ne pouvez pas écrire dans ce forum");
		return CMD_REFUSED;
	case STORE_LOCKED:
		cmd_err("ce fil est verrouillé : on ne peut plus y répondre");
		return CMD_REFUSED;
	case STORE_NOT_FOUND:
		cmd_err("aucun message de ce numéro que vous puissiez lire");
		return CMD_REFUSED;
	case STORE_ERR:
		return -1;
	}
	cmd_err("%s", store_rc_text(rc));
	return CMD_REFUSED;
}

static int
cmd_poster(struct cmd_ctx *c, int argc, char **argv)
{
	struct store_board b;
	char *body;
	size_t len;
	int64_t thread_id = 0, post_id = 0;
	int rc;

	if (argc != 3)
		return cmd_usage(argv[0]);
	memset(&b, 0, sizeof(b));
	if ((rc = cmd_found(store_board_by_key(c->st, &c->vw, argv[1], &b),
	    "aucun forum « %s »", argv[1])) != CMD_OK)
		return rc;
	body = cmd_stdin(&len);
	if (len > CMD_STDIN_MAX - 1)
		rc = STORE_TOO_LONG;
	else if (strlen(argv[2]) > STORE_TITLE_MAX) {
		cmd_err("titre trop long (%d octets au plus)",
		    STORE_TITLE_MAX);
		rc = -2;
	} else
		rc = store_thread_new(c->st, &c->vw, b.id, argv[2], body,
		    &thread_id, &post_id);
	free(body);
	store_board_clear(&b);
	return rc == -2 ? CMD_REFUSED : cmd_post_result(rc, post_id);
}

static int
cmd_repondre(struct cmd_ctx *c, int argc, char **argv)
{
	char *body;
	size_t len;
	int64_t id, post_id = 0;
	int rc;

	if (argc != 2)
		return cmd_usage(argv[0]);
	if (cmd_id(argv[1], &id) != 'm') {
		cmd_err("« %s » n'est pas un message (m12)", argv[1]);
		return CMD_USAGE;
	}
	body = cmd_stdin(&len);
	if (len > CMD_STDIN_MAX - 1)
		rc = STORE_TOO_LONG;
	else
		rc = store_post_reply(c->st, &c->vw, id, body, &post_id);
	free(body);
	return cmd_post_result(rc, post_id);
}

/* --- messages, journees, journee ----------------------------------------- */

static int
cmd_messages(struct cmd_ctx *c, int argc, char **argv)
{
	struct cmd_table t = { 4, { 0 }, NULL, 0 };
	struct store_conversation *list = NULL;
	struct buf j;
	char id[32], d[64], unread[32];
	size_t n = 0, i;

	if (argc != 1)
		return cmd_usage(argv[0]);
	if (store_conversation_list(c->st, c->m.id, &list, &n) != 0)
		return -1;
	buf_init(&j);
	buf_adds(&j, "[");
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "c%lld", (long long)list[i].id);
		snprintf(unread, sizeof(unread), list[i].unread > 0 ?
		    "%lld non lu%s" : "", (long long)list[i].unread,
		    list[i].unread > 1 ? "s" : "");
		cmd_row(&t, id, cmd_date(d, sizeof(d),
		    list[i].last_message_at), list[i].others,
		    list[i].subject);
		buf_adds(&j, i == 0 ? "\n  {" : ",\n  {");
		cmd_json_str(&j, "id", id, 1);
		cmd_json_str(&j, "sujet", list[i].subject, 0);
		cmd_json_str(&j, "avec", list[i].others, 0);
		cmd_json_int(&j, "dernier", list[i].last_message_at, 0);
		cmd_json_int(&j, "messages", list[i].nmessages, 0);
		cmd_json_int(&j, "non_lus", list[i].unread, 0);
		buf_adds(&j, "}");
	}
	buf_adds(&j, n > 0 ? "\n]\n" : "]\n");
	if (c->json)
		cmd_json_out(&j);
	else if (n == 0)
		printf("Aucune conversation.\n");
	cmd_table_print(&t, !c->json);
	buf_free(&j);
	store_conversation_list_free(list, n);
	return CMD_OK;
}

static int
cmd_journees(struct cmd_ctx *c, int argc, char **argv)
{
	struct cmd_table t = { 4, { 0 }, NULL, 0 };
	struct store_event *list = NULL;
	struct buf j;
	char id[32], d[64], *town;
	size_t n = 0, i;

	if (argc != 1)
		return cmd_usage(argv[0]);
	if (store_event_list(c->st, c->m.id, EVENTS_UPCOMING, now_sec(), 0,
	    &list, &n) != 0)
		return -1;
	buf_init(&j);
	buf_adds(&j, "[");
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "j%lld", (long long)list[i].id);
		txt_date_short(d, sizeof(d), list[i].starts_at);
		town = store_event_town(&list[i]);
		cmd_row(&t, id, d, town, list[i].title);
		buf_adds(&j, i == 0 ? "\n  {" : ",\n  {");
		cmd_json_str(&j, "id", id, 1);
		cmd_json_str(&j, "titre", list[i].title, 0);
		cmd_json_int(&j, "debut", list[i].starts_at, 0);
		cmd_json_int(&j, "fin", list[i].ends_at, 0);
		cmd_json_str(&j, "lieu", town, 0);
		cmd_json_int(&j, "inscrit", list[i].mine, 0);
		buf_adds(&j, "}");
		free(town);
	}
	buf_adds(&j, n > 0 ? "\n]\n" : "]\n");
	if (c->json)
		cmd_json_out(&j);
	else if (n == 0)
		printf("Aucune journée à venir.\n");
	cmd_table_print(&t, !c->json);
	buf_free(&j);
	store_event_list_free(list, n);
	return CMD_OK;
}

static int
cmd_journee(struct cmd_ctx *c, int argc, char **argv)
{
	struct store_event e;
	char *ics;
	int64_t id;
	int rc, want_ics;

	want_ics = cmd_flag(&argc, argv, "--ics");
	if (argc != 2)
		return cmd_usage(argv[0]);
	if (cmd_id(argv[1], &id) != 'j') {
		cmd_err("« %s » n'est pas une journée (j3)", argv[1]);
		return CMD_USAGE;
	}
	if (!want_ics)
		return cmd_lire_event(c, id);
	memset(&e, 0, sizeof(e));
	if ((rc = cmd_found(store_event_get(c->st, c->m.id, id, &e),
	    "aucune journée j%lld", (long long)id)) != CMD_OK)
		return rc;
	ics = store_event_ics(&e, now_sec());
	fputs(ics, stdout);
	free(ics);
	store_event_clear(&e);
	return CMD_OK;
}

/* --- export -------------------------------------------------------------- */

static int
cmd_export(struct cmd_ctx *c, int argc, char **argv)
{
	char *out = NULL;

	if (argc != 1)
		return cmd_usage(argv[0]);
	if (store_member_export(c->st, c->m.id, c->json, &out) != 0)
		return -1;
	fputs(out, stdout);
	free(out);
	return CMD_OK;
}

/* --- quoi-de-neuf -------------------------------------------------------- */

/* A day as members type it (txt_date.h) -> its midnight, Paris time;
 * -1 if it is none. */
static int64_t
cmd_day(const char *s)
{
	int y, m, d;

	if (txt_date_parse_day(s, &y, &m, &d) == 0)
		return txt_date_paris(y, m, d, 0, 0);
	return -1;
}

/* « quoi-de-neuf »: store_news_list(), the list of the screen « Quoi
 * de neuf » and of the digests, for « Ma veille » or (--tout) the whole
 * network. A command records no visit and marks nothing seen. */
static int
cmd_news(struct cmd_ctx *c, int argc, char **argv)
{
	struct cmd_table t = { 5, { 0 }, NULL, 0 };
	struct store_news_item *l = NULL;
	struct buf j;
	char d[64], since_s[64];
	int64_t since;
	size_t i, n = 0;
	int rc = CMD_OK, scope = NEWS_FOLLOWED;

	since = store_news_since(c->m.last_login_at, now_sec());
	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--depuis") == 0 && i + 1 < (size_t)argc) {
			if ((since = cmd_day(argv[++i])) < 0) {
				cmd_err("date incomprise : « %s » "
				    "(AAAA-MM-JJ ou JJ/MM/AAAA)", argv[i]);
				return CMD_USAGE;
			}
		} else if (strcmp(argv[i], "--tout") == 0)
			scope = NEWS_ALL;
		else
			return cmd_usage(argv[0]);
	}
	if (store_news_list(c->st, c->m.id, since, scope, &l, &n) != 0)
		rc = -1;
	buf_init(&j);
	buf_adds(&j, "[");
	for (i = 0; i < n && rc == CMD_OK; i++) {
		cmd_row(&t, l[i].id, cmd_date(d, sizeof(d), l[i].at),
		    store_news_kind_label(l[i].kind), l[i].where, l[i].title);
		buf_adds(&j, i == 0 ? "\n  {" : ",\n  {");
		cmd_json_str(&j, "type", store_news_kind_key(l[i].kind), 1);
		cmd_json_str(&j, "id", l[i].id, 0);
		cmd_json_int(&j, "date", l[i].at, 0);
		cmd_json_str(&j, "ou", l[i].where, 0);
		cmd_json_str(&j, "qui", l[i].who, 0);
		cmd_json_str(&j, "titre", l[i].title, 0);
		buf_adds(&j, "}");
	}
	buf_adds(&j, n > 0 ? "\n]\n" : "]\n");
	if (rc == CMD_OK && c->json)
		cmd_json_out(&j);
	else if (rc == CMD_OK) {
		if (since > 0) {
			txt_date_day(since_s, sizeof(since_s), since);
			printf("Depuis le %s%s :\n\n", since_s,
			    scope == NEWS_ALL ? ", dans tout le réseau" :
			    ", dans « Ma veille »");
		}
		if (t.n == 0)
			printf("Rien de nouveau.\n");
	}
	cmd_table_print(&t, rc == CMD_OK && !c->json);
	buf_free(&j);
	store_news_list_free(l, n);
	return rc;
}

/* --- The command line ---------------------------------------------------- */

static const struct cmd_entry *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(cmd_table); i++)
		if (strcmp(cmd_table[i].name, name) == 0 ||
		    (cmd_table[i].alias != NULL &&
		    strcmp(cmd_table[i].alias, name) == 0))
			return &cmd_table[i];
	return NULL;
}

/*
 * Who runs it: a member (active), or nobody for the sign-up and guest
 * logins (nouveau, invite), who may run « aide » only. 0, or the exit
 * code with a message printed.
 */
static int
cmd_who(struct cmd_ctx *c, const char *login)
{
	int rc;

	if (strcmp(login, CONFIG_SIGNUP_LOGIN) == 0 ||
	    strcmp(login, CONFIG_GUEST_LOGIN) == 0) {
		c->m.role = ROLE_INVITE;
		return 0;
	}
	if ((rc = store_member_by_login(c->st, login, &c->m)) == STORE_ERR)
		return -1;
	if (rc != STORE_OK || c->m.status != STATUS_ACTIF) {
		cmd_err("aucun membre actif « %s »", login);
		return CMD_REFUSED;
	}
	c->vw.member_id = c->m.id;
	c->vw.login = c->m.login;
	c->vw.role = (int)c->m.role;
	c->vw.since = c->m.last_login_at;
	return 0;
}

int
cmd_main(struct config *cfg, const char *login, const char *command)
{
	struct cmd_ctx c;
	const struct cmd_entry *e;
	char *argv[CMD_ARGS_MAX], *words[CMD_ARGS_MAX], *line, *cause = NULL;
	int argc, nwords, rc;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	/* The command line came from the network: clean it (one line,
	 * valid UTF-8, no control character) before anything reads it. */
	line = txt_clean(command, strlen(command), 0, 0, NULL);
	argc = cmd_split(line, argv, CMD_ARGS_MAX);
	free(line);
	/* The flags taken out of argv are freed from words. */
	nwords = argc > 0 ? argc : 0;
	memcpy(words, argv, (size_t)nwords * sizeof(char *));
	if (argc == -1) {
		cmd_err("commande mal formée (guillemet non refermé, ou plus "
		    "de %d mots)", CMD_ARGS_MAX);
		return CMD_USAGE;
	}
	if (argc == 0 || (e = cmd_find(argv[0])) == NULL) {
		if (argc > 0)
			cmd_err("commande inconnue : « %s » ; « aide » donne "
			    "la liste", argv[0]);
		cmd_split_free(argv, argc);
		return CMD_USAGE;
	}
	if ((c.st = store_open(config_store(cfg), 0, &cause)) == NULL) {
		cmd_err("%s", cause);
		log_error("%s", cause);
		free(cause);
		cmd_split_free(argv, argc);
		return CMD_REFUSED;
	}
	/* A message or a reply sent from here wakes its readers' sessions. */
	store_notice_hook(c.st, notice_wake_hook, cfg->run_dir);
	if ((rc = cmd_who(&c, login)) != 0) {
		if (rc == -1)
			cmd_err("%s", store_rc_say(c.st, STORE_ERR));
		goto out;
	}
	if (c.m.role == ROLE_INVITE && !e->open) {
		cmd_err("« %s » demande un compte de membre : seule « aide » "
		    "est ouverte ici", e->name);
		rc = CMD_REFUSED;
		goto out;
	}
	c.json = cmd_flag(&argc, argv, "--json");
	rc = e->exec(&c, argc, argv);
	if (rc == -1) {
		cmd_err("%s", store_rc_say(c.st, STORE_ERR));
		rc = CMD_REFUSED;
	}
out:
	if (rc == -1)
		rc = CMD_REFUSED;
	fflush(stdout);
	store_member_clear(&c.m);
	store_free(c.st);
	cmd_split_free(words, nwords);
	return rc;
}
