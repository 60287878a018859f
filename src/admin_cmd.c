/*
 * admin_cmd.c - the sysop's command line as a table (admin.h), as tmux's
 * cmd_entry: the families' tables listed in help order, the words of a
 * command checked against its entry (options, values, arguments), the
 * help made from the entries (--help, palabre(8) through make man), and
 * the dispatch to the handler, as the database's owner.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "util/passwd.h"
#include "util/util.h"

/*
 * The dispatcher. The tables in the order of the help; a family's
 * commands may come from two files (user: accounts here, the people
 * side in admin_people.c).
 */
static const struct admin_cmd *const admin_tables[] = {
	admin_core_cmds,
	admin_people_cmds,
	admin_doc_cmds,
	admin_practice_cmds,
	admin_event_cmds,
	admin_backup_cmds,
	admin_stats_cmds,
	admin_session_cmds,
	admin_digest_cmds,
	admin_veille_cmds,
};
#define ADMIN_NTABLES	(sizeof(admin_tables) / sizeof(admin_tables[0]))

/* The families, in the order of the help, with what they hold. */
static const struct {
	const char	*name;
	const char	*about;
} admin_families[] = {
	{ "user", "les comptes des membres" },
	{ "message", "la messagerie privée, au nom d'un membre" },
	{ "post", "les forums, au nom d'un membre" },
	{ "board", "les tableaux (forums)" },
	{ "edito", "les éditos de l'accueil" },
	{ "doc", "la bibliothèque" },
	{ "practice", "le catalogue des pratiques" },
	{ "event", "les journées d'échange" },
	{ "veille", "« Ma veille » d'un membre : ce qu'il suit" },
	{ "db", "la base de données" },
	{ "backup", "sauvegarder la base" },
	{ "restore", "remettre une sauvegarde en place" },
	{ "stats", "les chiffres du site" },
	{ "who", "les sessions ouvertes" },
	{ "kick", "fermer les sessions d'un membre" },
	{ "broadcast", "une annonce à toutes les sessions" },
	{ "digest", "les courriels : résumés, messages, codes" },
};
#define ADMIN_NFAMILIES	(sizeof(admin_families) / \
	sizeof(admin_families[0]))

static const struct admin_cmd *admin_find(const char *, const char *);
static int	 admin_family_known(const char *);
static void	 admin_cmd_usage(FILE *, const struct admin_cmd *);
static void	 admin_cmd_help(FILE *, const struct admin_cmd *);
static int	 admin_is_option(const char *);
static int	 admin_option(const char *, const char *, size_t, int *);
static int	 admin_check(const struct admin_cmd *, int, char **,
		    char ***);
static void	 admin_roff_text(FILE *, const char *);
static int	 admin_owner(const struct config *);

const struct admin_cmd *
admin_cmd_get(size_t i)
{
	const struct admin_cmd *c;
	size_t t, f;

	/* Family by family, so the help groups them. */
	for (f = 0; f < ADMIN_NFAMILIES; f++)
		for (t = 0; t < ADMIN_NTABLES; t++)
			for (c = admin_tables[t]; c->family != NULL; c++) {
				if (strcmp(c->family,
				    admin_families[f].name) != 0)
					continue;
				if (i-- == 0)
					return c;
			}
	return NULL;
}

/* The command family verb (verb NULL: a family alone); NULL if none. */
static const struct admin_cmd *
admin_find(const char *family, const char *verb)
{
	const struct admin_cmd *c;
	size_t i;

	for (i = 0; (c = admin_cmd_get(i)) != NULL; i++) {
		if (strcmp(c->family, family) != 0)
			continue;
		if (c->verb == NULL || (verb != NULL &&
		    strcmp(c->verb, verb) == 0))
			return c;
	}
	return NULL;
}

static int
admin_family_known(const char *family)
{
	size_t f;

	for (f = 0; f < ADMIN_NFAMILIES; f++)
		if (strcmp(admin_families[f].name, family) == 0)
			return 1;
	return 0;
}

/* "palabre admin user add IDENTIFIANT [--role RÔLE]..." on one line:
 * the needed options, the arguments, the others, then stdin. */
static void
admin_cmd_usage(FILE *f, const struct admin_cmd *c)
{
	const char *input, *o, *eq;
	size_t n, alen;
	int pass;

	fprintf(f, "palabre admin %s", c->family);
	if (c->verb != NULL)
		fprintf(f, " %s", c->verb);
	input = strchr(c->args, '<');
	alen = input != NULL ? (size_t)(input - c->args) : strlen(c->args);
	while (alen > 0 && c->args[alen - 1] == ' ')
		alen--;
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && alen > 0)
			fprintf(f, " %.*s", (int)alen, c->args);
		for (o = c->options; *o != '\0'; o += n) {
			o += strspn(o, " ");
			if ((n = strcspn(o, " ")) == 0)
				break;
			if ((*o == '!') != (pass == 0))
				continue;
			if (*o == '!')
				o++, n--;
			eq = memchr(o, '=', n);
			fprintf(f, " %s--%.*s%s%.*s%s", pass == 1 ? "[" : "",
			    (int)(eq != NULL ? (size_t)(eq - o) : n), o,
			    eq != NULL ? " " : "",
			    (int)(eq != NULL ? n - (size_t)(eq - o) - 1 : 0),
			    eq != NULL ? eq + 1 : "", pass == 1 ? "]" : "");
		}
	}
	if (input != NULL)
		fprintf(f, " %s", input);
	fputc('\n', f);
}

/* One command's help: its usage and what it does. */
static void
admin_cmd_help(FILE *f, const struct admin_cmd *c)
{
	fputs("usage : ", f);
	admin_cmd_usage(f, c);
	fprintf(f, "  %s\n", c->about);
}

void
admin_help(FILE *f, const char *family)
{
	const struct admin_cmd *c;
	const char *last = NULL;
	size_t i, k;

	if (family == NULL)
		fputs("usage : palabre [-c FICHIER] admin FAMILLE VERBE "
		    "[ARGUMENTS] [--OPTION [VALEUR]]...\n"
		    "« palabre admin FAMILLE --help », « palabre admin "
		    "FAMILLE VERBE --help » : l'aide d'une commande.\n", f);
	for (i = 0; (c = admin_cmd_get(i)) != NULL; i++) {
		if (family != NULL && strcmp(c->family, family) != 0)
			continue;
		if (last == NULL || strcmp(last, c->family) != 0) {
			for (k = 0; k < ADMIN_NFAMILIES; k++)
				if (strcmp(admin_families[k].name,
				    c->family) == 0)
					fprintf(f, "\n%s : %s\n", c->family,
					    admin_families[k].about);
			last = c->family;
		}
		fputs("  ", f);
		admin_cmd_usage(f, c);
		fprintf(f, "      %s\n", c->about);
	}
}

void
admin_usage(FILE *f)
{
	fputs("\nCommandes d'administration (palabre admin --help) :\n", f);
	admin_help(f, NULL);
}

/* s as roff text: « - » is a hyphen-minus, « \\ » an escape. */
static void
admin_roff_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '-')
			fputs("\\-", f);
		else if (*s == '\\')
			fputs("\\e", f);
		else
			fputc(*s, f);
	}
}

void
admin_roff(FILE *f)
{
	const struct admin_cmd *c;
	const char *last = NULL;
	char *usage = NULL;
	size_t i, k, len = 0;
	FILE *m;

	for (i = 0; (c = admin_cmd_get(i)) != NULL; i++) {
		if (last == NULL || strcmp(last, c->family) != 0) {
			for (k = 0; k < ADMIN_NFAMILIES; k++)
				if (strcmp(admin_families[k].name,
				    c->family) == 0) {
					fprintf(f, ".SS \"%s : ", c->family);
					admin_roff_text(f,
					    admin_families[k].about);
					fputs("\"\n", f);
				}
			last = c->family;
		}
		if ((m = open_memstream(&usage, &len)) == NULL)
			return;
		admin_cmd_usage(m, c);
		fclose(m);
		usage[strcspn(usage, "\n")] = '\0';
		fputs(".TP\n.B ", f);
		admin_roff_text(f, usage);
		fputc('\n', f);
		admin_roff_text(f, c->about);
		fputs(".\n", f);
		free(usage);
		usage = NULL;
	}
}

/* A word that is an option: « --name[=...] » or « -x ». Anything else
 * starting with « - » is an argument: « - » (stdin), « -5 », an
 * announcement « - fermeture à 22 h ». */
static int
admin_is_option(const char *w)
{
	if (w[0] != '-')
		return 0;
	if (w[1] == '-')
		return isalnum((unsigned char)w[2]);
	return isalpha((unsigned char)w[1]) && w[2] == '\0';
}

/* In spec, the option name (n bytes): 1 if found, *value set when it
 * takes a value; 0 if unknown. */
static int
admin_option(const char *spec, const char *name, size_t n, int *value)
{
	const char *o;
	size_t len, nlen;

	for (o = spec; *o != '\0'; o += len) {
		o += strspn(o, " ");
		if ((len = strcspn(o, " ")) == 0)
			break;
		nlen = strcspn(o, " =");
		if (*o == '!' && nlen-- > 0 && nlen == n &&
		    memcmp(o + 1, name, n) == 0) {
			*value = o[1 + n] == '=';
			return 1;
		}
		if (*o != '!' && nlen == n && memcmp(o, name, n) == 0) {
			*value = o[n] == '=';
			return 1;
		}
	}
	return 0;
}

/*
 * The words after the verb against the entry: -1 help asked, 0 good,
 * 2 with the reason on stderr. When good, *words (free()) holds the
 * same words, the arguments first then the options with their values:
 * a handler that reads its arguments by position finds them whatever
 * order the sysop typed.
 */
static int
admin_check(const struct admin_cmd *c, int argc, char **argv,
    char ***words)
{
	char **nv;
	int k, dashdash;
	const char *o, *w, *eq;
	size_t n, len;
	int i, value, npos = 0, found;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return -1;
	}
	for (i = 1; i < argc; i++) {
		w = argv[i];
		if (strcmp(w, "--") == 0) {
			npos += argc - i - 1;
			break;
		}
		if (!admin_is_option(w)) {
			npos++;
			continue;
		}
		if (w[1] != '-') {
			fprintf(stderr, "palabre : option inconnue : %s "
			    "(les options s'écrivent --nom)\n", w);
			return 2;
		}
		eq = strchr(w, '=');
		n = eq != NULL ? (size_t)(eq - w - 2) : strlen(w + 2);
		if (!admin_option(c->options, w + 2, n, &value)) {
			fprintf(stderr, "palabre : option inconnue : %.*s\n",
			    (int)(n + 2), w);
			return 2;
		}
		if (!value && eq != NULL) {
			fprintf(stderr, "palabre : l'option %.*s ne prend pas "
			    "de valeur\n", (int)(n + 2), w);
			return 2;
		}
		if (value && eq == NULL && ++i == argc) {
			fprintf(stderr, "palabre : l'option %s attend une "
			    "valeur\n", w);
			return 2;
		}
	}
	/* The options the command needs. */
	for (o = c->options; *o != '\0'; o += len) {
		o += strspn(o, " ");
		if ((len = strcspn(o, " ")) == 0)
			break;
		if (*o != '!')
			continue;
		n = strcspn(o + 1, " =");
		found = 0;
		for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
			if (strncmp(argv[i], "--", 2) == 0 &&
			    strncmp(argv[i] + 2, o + 1, n) == 0 &&
			    (argv[i][2 + n] == '\0' || argv[i][2 + n] == '='))
				found = 1;
		if (!found) {
			fprintf(stderr, "palabre : option manquante : "
			    "--%.*s\n", (int)n, o + 1);
			return 2;
		}
	}
	if (npos < c->argmin || (c->argmax >= 0 && npos > c->argmax)) {
		fprintf(stderr, "palabre : %s\n", npos < c->argmin ?
		    "argument manquant" : "trop d'arguments");
		fputs("usage : ", stderr);
		admin_cmd_usage(stderr, c);
		return 2;
	}
	nv = xcalloc((size_t)argc + 1, sizeof(*nv));
	nv[0] = argv[0];
	k = 1;
	for (dashdash = argc, i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			dashdash = i;
			break;
		}
		if (!admin_is_option(argv[i]))
			nv[k++] = argv[i];
		else if (strchr(argv[i], '=') == NULL && admin_option(c->options,
		    argv[i] + 2, strlen(argv[i] + 2), &value) && value)
			i++;	/* its value */
	}
	for (i = 1; i < dashdash; i++) {
		if (!admin_is_option(argv[i]))
			continue;
		nv[k++] = argv[i];
		if (strchr(argv[i], '=') == NULL && admin_option(c->options,
		    argv[i] + 2, strlen(argv[i] + 2), &value) && value)
			nv[k++] = argv[++i];
	}
	for (i = dashdash; i < argc; i++)
		nv[k++] = argv[i];
	*words = nv;
	return 0;
}

/*
 * Run as root on a database that belongs to a service user (palabre
 * under systemd): become that user, so that the files this command
 * makes (the WAL, a backup, a restored base) stay the server's. 0, or -1
 * with a message.
 */
static int
admin_owner(const struct config *cfg)
{
	struct stat sb;
	char *copy;
	int r;

	if (geteuid() != 0)
		return 0;
	if ((r = stat(cfg->database, &sb)) == -1) {
		copy = xstrdup(cfg->database);
		r = stat(dirname(copy), &sb);
		free(copy);
	}
	if (r == -1 || sb.st_uid == 0)
		return 0;
	if (setgroups(0, NULL) == -1 || setgid(sb.st_gid) == -1 ||
	    setuid(sb.st_uid) == -1) {
		fprintf(stderr, "palabre : impossible de prendre l'identité du "
		    "propriétaire de %s (uid %ld) : %s\n", cfg->database,
		    (long)sb.st_uid, strerror(errno));
		return -1;
	}
	return 0;
}

int
admin_main(const char *path, int argc, char **argv)
{
	const struct admin_cmd *c;
	struct config cfg;
	char **words = NULL;
	const char *family = argc > 0 ? argv[0] : NULL;
	const char *verb = argc > 1 ? argv[1] : NULL;
	int rc, skip;

	/* Before any message: they echo what was typed. */
	admin_guard_output();
	if (family == NULL) {
		admin_help(stderr, NULL);
		return 2;
	}
	if (strcmp(family, "--help") == 0 || strcmp(family, "-h") == 0 ||
	    strcmp(family, "help") == 0) {
		admin_help(stdout, NULL);
		return 0;
	}
	if (!admin_family_known(family) ||
	    (c = admin_find(family, verb)) == NULL) {
		if (verb != NULL && (strcmp(verb, "--help") == 0 ||
		    strcmp(verb, "-h") == 0) && admin_family_known(family)) {
			admin_help(stdout, family);
			return 0;
		}
		if (!admin_family_known(family))
			fprintf(stderr, "palabre : commande inconnue : admin "
			    "%s\n", family);
		else if (verb == NULL) {
			fprintf(stderr, "palabre : admin %s : quel verbe ?\n",
			    family);
			admin_help(stderr, family);
			return 2;
		} else
			fprintf(stderr, "palabre : commande inconnue : admin "
			    "%s %s\n", family, verb);
		fprintf(stderr, "« palabre admin%s%s --help » : les commandes."
		    "\n", admin_family_known(family) ? " " : "",
		    admin_family_known(family) ? family : "");
		return 2;
	}
	/* argv[0] becomes the verb, or the family alone. */
	skip = c->verb != NULL ? 1 : 0;
	argc -= skip;
	argv += skip;
	if ((rc = admin_check(c, argc, argv, &words)) == -1) {
		admin_cmd_help(stdout, c);
		return 0;
	}
	if (rc != 0)
		return rc;
	if (config_load_report(&cfg, path) == -1) {
		free(words);
		return 2;
	}
	if (admin_owner(&cfg) == -1) {
		rc = 1;
		goto out;
	}
	if (pw_init() == -1) {
		fprintf(stderr, "palabre : libsodium ne s'initialise pas\n");
		rc = 1;
		goto out;
	}
	/* A password hashed here takes one of the server's slots. */
	pw_cap_init(cfg.database, cfg.password_hashes);
	/* The words are checked: getopt_long will not complain. */
	opterr = 0;
	optind = 1;
	rc = c->run(&cfg, argc, words);
out:
	free(words);
	config_clear(&cfg);
	return rc;
}
