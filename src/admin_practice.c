/*
 * admin_practice.c - « palabre admin practice ... »: the practice
 * catalogue from the sysop's command line.
 *
 *   palabre admin practice add --author LOGIN [--publish-by LOGIN]
 *                              [--date AAAA-MM-JJ] < fiche.txt
 *   palabre admin practice follow NUMÉRO --member LOGIN
 *   palabre admin practice export [--id NUMÉRO] [--theme CLÉ]
 *                                 [--region CODE] [--departement CODE]
 *                                 [--type CLÉ]
 *
 * « add » submits a record as its author would (the same checks), then
 * has it published by a moderator if asked: it makes demo data and
 * imports, and prints the record's number. Its input is plain text:
 * « clé : valeur » lines for the short fields (the keys of
 * store_practice_fields[]: title, org, org_type, partners, departement,
 * commune, themes, public, start, end, contact_login, contact, docs: the
 * numbers of documents of the shelf, as « admin doc list » shows them,
 * separated by spaces), then
 * the long ones, each after a line « [context] », « [actions] »,
 * « [means] », « [results] » or « [reproduce] ».
 *
 * « export » prints the records as plain text, the same text members
 * copy from the screen: one record, or every published record matching
 * the filters, newest first.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#define PRACTICE_INPUT_MAX	(256 * 1024)
#define EXPORT_WIDTH		72

static struct store *ap_store(struct config *);
static int	 ap_add(struct config *, int, char **);
static int	 ap_follow(struct config *, int, char **);
static int	 ap_export(struct config *, int, char **);

/* admin_store(): what is written from here wakes who it tells. */
static struct store *
ap_store(struct config *cfg)
{
	return admin_store(cfg, 0);
}

/* The field of a key, or -1. */
static int
ap_field(const char *key, size_t len)
{
	int i;

	for (i = 0; i < PF_NFIELDS; i++)
		if (strlen(store_practice_fields[i].key) == len &&
		    strncmp(store_practice_fields[i].key, key, len) == 0)
			return i;
	return -1;
}

/* The lines of a practice (in, changed in place); see admin.h. */
int
admin_practice_parse(char *in, char **f)
{
	struct buf section;
	char *line, *next, *colon, *v;
	int i, cur = -1, lineno = 0;

	for (i = 0; i < PF_NFIELDS; i++)
		f[i] = xstrdup("");
	buf_init(&section);
	for (line = in; line != NULL; line = next) {
		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (line[0] == '[' && line[strlen(line) - 1] == ']') {
			if (cur >= 0) {
				free(f[cur]);
				f[cur] = buf_detach(&section);
			}
			cur = ap_field(line + 1, strlen(line) - 2);
			if (cur < 0 || !store_practice_fields[cur].multiline) {
				fprintf(stderr, "palabre : ligne %d : section "
				    "inconnue %s\n", lineno, line);
				buf_free(&section);
				return -1;
			}
			continue;
		}
		if (cur >= 0) {
			buf_printf(&section, "%s%s", section.len > 0 ? "\n" :
			    "", line);
			continue;
		}
		if (line[strspn(line, " ")] == '\0' || line[0] == '#')
			continue;
		if ((colon = strchr(line, ':')) == NULL ||
		    (i = ap_field(line, (size_t)(colon - line))) < 0) {
			fprintf(stderr, "palabre : ligne %d : « clé : valeur » "
			    "attendu\n", lineno);
			return -1;
		}
		v = colon + 1 + strspn(colon + 1, " ");
		free(f[i]);
		f[i] = xstrdup(v);
	}
	if (cur >= 0) {
		free(f[cur]);
		f[cur] = buf_detach(&section);
	}
	buf_free(&section);
	return 0;
}

static int
ap_add(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "author", required_argument, NULL, 'a' },
		{ "publish-by", required_argument, NULL, 'p' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *author = NULL, *by = NULL;
	struct store_member am, mm;
	struct store_viewer av, mv;
	struct store *st = NULL;
	char *in = NULL, *f[PF_NFIELDS], detail[64];
	size_t len;
	int64_t id = 0, date = 0;
	int ch, i, rc = 1, field = -1, r;

	memset(f, 0, sizeof(f));
	memset(&am, 0, sizeof(am));
	memset(&mm, 0, sizeof(mm));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			author = optarg;
			break;
		case 'p':
			by = optarg;
			break;
		case 'd':
			if ((date = txt_date_parse_when(optarg, 9)) == -1) {
				fprintf(stderr, "palabre : date invalide « %s » "
				    "(AAAA-MM-JJ)\n", optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind != argc || author == NULL) {
		admin_help(stderr, "practice");
		return 2;
	}
	if ((in = admin_read(stdin, "entrée standard", PRACTICE_INPUT_MAX,
	    &len, NULL)) == NULL || admin_practice_parse(in, f) != 0)
		goto out;
	if ((st = ap_store(cfg)) == NULL ||
	    admin_viewer(st, author, &am, &av) != 0 ||
	    (by != NULL && admin_viewer(st, by, &mm, &mv) != 0))
		goto out;
	r = store_practice_submit(st, &av, &id, (const char *const *)f,
	    &field);
	if (r != 0) {
		fprintf(stderr, "palabre : fiche refusée (%s) : %s\n",
		    field >= 0 ? store_practice_fields[field].key : "?",
		    store_rc_text(r));
		goto out;
	}
	if (by != NULL && (r = store_practice_publish(st, &mv, id)) != 0) {
		if (r == STORE_FORBIDDEN)
			fprintf(stderr, "palabre : fiche %lld écrite, mais %s "
			    "ne peut pas la publier\n", (long long)id, by);
		else
			fprintf(stderr, "palabre : fiche %lld écrite, non "
			    "publiée : %s\n", (long long)id, store_rc_text(r));
		goto out;
	}
	if (date != 0 && store_practice_backdate(st, id, date) != 0) {
		fprintf(stderr, "palabre : fiche %lld écrite, mais sa date n'a "
		    "pas pu être changée\n", (long long)id);
		goto out;
	}
	snprintf(detail, sizeof(detail), "fiche %lld%s", (long long)id,
	    by != NULL ? ", publiée" : "");
	store_audit(st, 0, "practice.add", author, detail);
	printf("%lld\n", (long long)id);
	rc = 0;
out:
	for (i = 0; i < PF_NFIELDS; i++)
		free(f[i]);
	free(in);
	store_member_clear(&am);
	store_member_clear(&mm);
	store_free(st);
	return rc;
}

static int
ap_follow(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "member", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *login = NULL;
	struct store_member m;
	struct store_viewer v;
	struct store *st;
	long long id;
	char *end;
	int ch, rc = 1, r;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'm')
			return 2;
		login = optarg;
	}
	if (optind + 1 != argc || login == NULL ||
	    (id = strtoll(argv[optind], &end, 10)) <= 0 || *end != '\0') {
		admin_help(stderr, "practice");
		return 2;
	}
	if ((st = ap_store(cfg)) == NULL)
		return 1;
	memset(&m, 0, sizeof(m));
	if (admin_viewer(st, login, &m, &v) == 0) {
		r = store_practice_follow(st, &v, (int64_t)id, 1);
		if (r == STORE_OK || r == STORE_EXISTS)
			rc = 0;
		else if (r != STORE_FORBIDDEN)
			fprintf(stderr, "palabre : %s\n", store_rc_text(r));
		else
			fprintf(stderr, "palabre : %s ne peut pas suivre la "
			    "fiche %lld (non publiée, ou la sienne)\n", login,
			    id);
	}
	store_member_clear(&m);
	store_free(st);
	return rc;
}

static int
ap_export(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "theme", required_argument, NULL, 't' },
		{ "region", required_argument, NULL, 'r' },
		{ "departement", required_argument, NULL, 'd' },
		{ "type", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_practice_filter flt;
	struct store_practice_item *l = NULL;
	struct store_practice p;
	struct store_viewer v;
	struct store *st;
	long long one = 0;
	size_t n = 0, i;
	char *end, *text;
	int ch, r, rc = 1;

	memset(&flt, 0, sizeof(flt));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'i':
			one = strtoll(optarg, &end, 10);
			if (*end != '\0' || one <= 0) {
				fprintf(stderr, "palabre : numéro de fiche "
				    "invalide « %s »\n", optarg);
				return 2;
			}
			break;
		case 't':
			flt.theme = optarg;
			break;
		case 'r':
			flt.region = optarg;
			break;
		case 'd':
			flt.departement = optarg;
			break;
		case 'o':
			flt.org_type = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind != argc) {
		admin_help(stderr, "practice");
		return 2;
	}
	if ((st = ap_store(cfg)) == NULL)
		return 1;
	/* The sysop reads what every member reads: published records. */
	memset(&v, 0, sizeof(v));
	v.role = ROLE_MEMBRE;
	if (one != 0) {
		if ((r = store_practice_get(st, &v, (int64_t)one, &p)) !=
		    STORE_OK) {
			admin_rc_err(st, r, "aucune fiche publiée n° %lld",
			    one);
			goto out;
		}
		text = store_practice_export(st, &p, EXPORT_WIDTH);
		fputs(text, stdout);
		free(text);
		store_practice_clear(&p);
		rc = 0;
		goto out;
	}
	if (store_practice_list(st, &flt, 0, 0, &l, &n) != 0) {
		fprintf(stderr, "palabre : le catalogue n'a pas pu être lu : "
		    "%s\n", store_rc_say(st, STORE_ERR));
		goto out;
	}
	for (i = 0; i < n; i++) {
		/* Unpublished since the list: left out; a failure stops. */
		if ((r = store_practice_get(st, &v, l[i].id, &p)) ==
		    STORE_NOT_FOUND)
			continue;
		if (r != STORE_OK) {
			fprintf(stderr, "palabre : %s\n", store_rc_say(st, r));
			goto out;
		}
		text = store_practice_export(st, &p, EXPORT_WIDTH);
		printf("%s%s", i > 0 ? "\n\n" : "", text);
		free(text);
		store_practice_clear(&p);
	}
	fprintf(stderr, "%zu fiche%s exportée%s.\n", n, n > 1 ? "s" : "",
	    n > 1 ? "s" : "");
	rc = 0;
out:
	store_practice_item_list_free(l, n);
	store_free(st);
	return rc;
}

const struct admin_cmd admin_practice_cmds[] = {
	{ "practice", "add", "< fiche", "!author=IDENTIFIANT "
	    "publish-by=IDENTIFIANT date=AAAA-MM-JJ", 0, 0,
	    "ajoute une fiche au nom de son auteur, publiée si un modérateur "
	    "est nommé (affiche son numéro ; format : voir palabre(8))",
	    ap_add },
	{ "practice", "follow", "NUMÉRO", "!member=IDENTIFIANT", 1, 1,
	    "fait suivre une fiche à un membre", ap_follow },
	{ "practice", "export", "", "id=NUMÉRO theme=CLÉ region=CODE "
	    "departement=CODE type=CLÉ", 0, 0,
	    "les fiches publiées en texte, filtrées", ap_export },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
