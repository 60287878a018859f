/*
 * admin_people.c - the sysop's commands for the people side:
 *
 *   palabre admin user waiting
 *   palabre admin user approve LOGIN | refuse LOGIN
 *   palabre admin user export LOGIN [--json]
 *   palabre admin user erase LOGIN
 *   palabre admin user set LOGIN CHAMP VALEUR   (profile: nom, organisation,
 *                   type, fonction, territoire, expertise, presentation, email)
 *   palabre admin user show|hide LOGIN CHAMP    (who sees the field)
 *   palabre admin message send --from LOGIN --to "LOGIN..." --subject S
 *                              [--date AAAA-MM-JJ[THH:MM]] < texte
 *   palabre admin message reply --to N --author LOGIN
 *                               [--date AAAA-MM-JJ[THH:MM]] < texte
 *
 * "message" writes as the member would (their blocks apply) and prints
 * the new message's number: it makes demo data and imports, like
 * "post". There is no command to read someone's messages: the export of
 * a member holds the messages they wrote, and only on their request.
 * Every change is written to the audit log.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "config.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

#define PEOPLE_BODY_MAX	(1024 * 1024)

static struct store *people_store(struct config *);
static int	 people_member(struct store *, const char *,
		    struct store_member *);
static int	 user_waiting(struct config *);
static int	 user_decide(struct config *, const char *, int);
static int	 user_export(struct config *, int, char **);
static int	 user_erase(struct config *, const char *);
static int	 user_set(struct config *, int, char **);
static int	 people_field(const char *);
static int	 message_send(struct config *, int, char **);
static int	 message_reply(struct config *, int, char **);
static int	 cmd_waiting(struct config *, int, char **);
static int	 cmd_decide(struct config *, int, char **);
static int	 cmd_erase(struct config *, int, char **);

/* admin_store(): a message sent from here wakes its recipients. */
static struct store *
people_store(struct config *cfg)
{
	return admin_store(cfg, 0);
}

/* 0, or 1 with a message: no such member, or the database's error. */
static int
people_member(struct store *st, const char *login, struct store_member *m)
{
	int r;

	if ((r = store_member_by_login(st, login, m)) != STORE_OK)
		return admin_rc_err(st, r, "aucun membre « %s »", login);
	return 0;
}

static int
user_waiting(struct config *cfg)
{
	struct store_profile *l = NULL;
	struct store *st;
	char date[64];
	size_t n = 0, i;

	if ((st = people_store(cfg)) == NULL)
		return 1;
	if (store_member_waiting(st, &l, &n) != 0) {
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, STORE_ERR));
		store_free(st);
		return 1;
	}
	for (i = 0; i < n; i++) {
		txt_date_long(date, sizeof(date), l[i].created_at);
		printf("%s\t%s\t%s\t%s\t%s\t%s\n", l[i].login,
		    l[i].display_name, l[i].field[PROF_ORGANISATION],
		    l[i].field[PROF_EMAIL], l[i].territory, date);
	}
	if (n == 0)
		printf("Aucune inscription n'attend.\n");
	store_profile_list_free(l, n);
	store_free(st);
	return 0;
}

static int
user_decide(struct config *cfg, const char *login, int approve)
{
	struct store_member m;
	struct store *st;
	int r, rc = 1;

	if ((st = people_store(cfg)) == NULL)
		return 1;
	if (people_member(st, login, &m) != 0)
		goto out;
	r = store_member_decide(st, m.id, approve, 0);
	if (r == 0) {
		printf("%s : %s.\n", login, approve ? "inscription acceptée, "
		    "le membre peut se connecter" : "inscription refusée");
		rc = 0;
	} else if (r == STORE_STATE)
		fprintf(stderr, "palabre : « %s » n'attend pas de validation "
		    "(statut : %s)\n", login, store_status_label(m.status));
	else
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, r));
	store_member_clear(&m);
out:
	store_free(st);
	return rc;
}

static int
user_export(struct config *cfg, int argc, char **argv)
{
	struct store_member m;
	struct store *st;
	char *out = NULL;
	int json = 0, r, rc = 1;

	if (argc == 3 && strcmp(argv[2], "--json") == 0)
		json = 1;
	else if (argc != 2) {
		fprintf(stderr, "usage : palabre admin user export IDENTIFIANT "
		    "[--json]\n");
		return 2;
	}
	if ((st = people_store(cfg)) == NULL)
		return 1;
	if (people_member(st, argv[1], &m) != 0)
		goto out;
	if ((r = store_member_export(st, m.id, json, &out)) == STORE_OK) {
		fputs(out, stdout);
		store_audit(st, 0, "member.export", m.login, json ? "json" :
		    "texte");
		rc = 0;
	} else
		admin_rc_err(st, r, "aucun membre « %s »", m.login);
	free(out);
	store_member_clear(&m);
out:
	store_free(st);
	return rc;
}

static int
user_erase(struct config *cfg, const char *login)
{
	struct store_member m;
	struct store *st;
	int r, rc = 1;

	if ((st = people_store(cfg)) == NULL)
		return 1;
	if (people_member(st, login, &m) != 0)
		goto out;
	r = store_member_erase(st, m.id, 0);
	if (r == 0) {
		printf("%s : compte anonymisé (« anonyme-%lld ») ; ses messages "
		    "restent, signés « ancien membre ».\n", login,
		    (long long)m.id);
		rc = 0;
	} else if (r == STORE_NOT_FOUND)
		fprintf(stderr, "palabre : « %s » est déjà anonymisé\n", login);
	else
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, r));
	store_member_clear(&m);
out:
	store_free(st);
	return rc;
}

/* A profile field by its key ("fonction"), -1 for « nom », -2 if
 * unknown. */
static int
people_field(const char *key)
{
	int f;

	if (strcmp(key, "nom") == 0)
		return -1;
	for (f = 0; f < PROF_NFIELDS; f++)
		if (strcmp(key, store_pfield_key(f)) == 0)
			return f;
	return -2;
}

/* user set LOGIN FIELD VALUE, user show|hide LOGIN FIELD */
static int
user_set(struct config *cfg, int argc, char **argv)
{
	struct store_member m;
	struct store *st;
	const char *value;
	int f, r, t, rc = 1, set = strcmp(argv[0], "set") == 0;

	if (argc != (set ? 4 : 3)) {
		admin_help(stderr, "user");
		return 2;
	}
	if ((f = people_field(argv[2])) == -2 || (!set && f < 0)) {
		/* Name the field and say which ones exist. */
		fprintf(stderr, "palabre : champ inconnu « %s » ; champs : %s",
		    argv[2], set ? "nom, " : "");
		for (t = 0; t < PROF_NFIELDS; t++)
			fprintf(stderr, "%s%s", store_pfield_key(t),
			    t + 1 < PROF_NFIELDS ? ", " : "\n");
		return 2;
	}
	value = set ? argv[3] : NULL;
	if (f == PROF_ORG_TYPE && value[0] != '\0') {
		if ((t = store_org_type_parse(value)) < 0) {
			fprintf(stderr, "palabre : type inconnu « %s »\n",
			    value);
			return 2;
		}
		value = store_org_types[t].key;
	}
	if ((st = people_store(cfg)) == NULL)
		return 1;
	if (people_member(st, argv[1], &m) != 0)
		goto out;
	if (!set)
		r = store_profile_set_hidden(st, m.id, f,
		    strcmp(argv[0], "hide") == 0);
	else if (f == -1)
		r = store_profile_set_name(st, m.id, value);
	else
		r = store_profile_set(st, m.id, f, value);
	if (r == 0) {
		store_audit(st, 0, "member.profile", m.login, argv[2]);
		rc = 0;
	} else
		fprintf(stderr, "palabre : %s\n", r == STORE_INVALID ?
		    (f == PROF_TERRITORY ? "département inconnu (son numéro : "
		    "69, 2A, 971)" : "type inconnu") : store_rc_text(r));
	store_member_clear(&m);
out:
	store_free(st);
	return rc;
}

/* Why a message was refused; reply: store_message_reply's, where
 * STORE_NOT_FOUND is the message answered, not a recipient. */
static const char *
people_refusal(int r, int reply)
{
	switch (r) {
	case STORE_NOT_FOUND:
		return reply ? "message introuvable ou conversation dont "
		    "l'auteur ne fait pas partie" : "destinataire inconnu";
	case STORE_BLOCKED:
		return "un destinataire a bloqué l'auteur";
	default:
		return store_rc_text(r);
	}
}

static int
message_send(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "subject", required_argument, NULL, 's' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *from = NULL, *to = NULL, *subject = NULL;
	struct store_member m;
	struct store *st;
	int64_t date = 0, conv, msg;
	char *body, *bad = NULL;
	size_t len;
	int ch, r, rc = 1;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 's':
			subject = optarg;
			break;
		case 'd':
			if ((date = txt_date_parse_when(optarg, 9)) == -1) {
				fprintf(stderr, "palabre : date invalide « %s "
				    "»\n", optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind != argc || from == NULL || to == NULL || subject == NULL) {
		admin_help(stderr, "message");
		return 2;
	}
	if ((body = admin_read(stdin, "entrée standard", PEOPLE_BODY_MAX,
	    &len, NULL)) == NULL)
		return 1;
	if ((st = people_store(cfg)) == NULL) {
		free(body);
		return 1;
	}
	if (people_member(st, from, &m) != 0)
		goto out;
	r = store_conversation_new(st, m.id, to, subject, body, &conv, &msg,
	    &bad);
	if (r == 0 && (date == 0 || store_message_backdate(st, msg,
	    date) == 0)) {
		store_audit(st, 0, "message.import", m.login, "");
		printf("%lld\n", (long long)msg);
		rc = 0;
	} else
		fprintf(stderr, "palabre : message refusé : %s%s%s\n",
		    people_refusal(r, 0), bad != NULL ? " : " : "",
		    bad != NULL ? bad : "");
	free(bad);
	store_member_clear(&m);
out:
	free(body);
	store_free(st);
	return rc;
}

static int
message_reply(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "author", required_argument, NULL, 'a' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *author = NULL;
	struct store_member m;
	struct store *st;
	int64_t date = 0, parent = 0, msg;
	char *body, *end;
	size_t len;
	int ch, r, rc = 1;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			parent = strtoll(optarg, &end, 10);
			if (*end != '\0' || parent <= 0)
				parent = 0;
			break;
		case 'a':
			author = optarg;
			break;
		case 'd':
			if ((date = txt_date_parse_when(optarg, 9)) == -1) {
				fprintf(stderr, "palabre : date invalide « %s "
				    "»\n", optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind != argc || author == NULL || parent == 0) {
		admin_help(stderr, "message");
		return 2;
	}
	if ((body = admin_read(stdin, "entrée standard", PEOPLE_BODY_MAX,
	    &len, NULL)) == NULL)
		return 1;
	if ((st = people_store(cfg)) == NULL) {
		free(body);
		return 1;
	}
	if (people_member(st, author, &m) != 0)
		goto out;
	r = store_message_reply(st, m.id, parent, body, &msg);
	if (r == 0 && (date == 0 || store_message_backdate(st, msg,
	    date) == 0)) {
		store_audit(st, 0, "message.import", m.login, "");
		printf("%lld\n", (long long)msg);
		rc = 0;
	} else
		fprintf(stderr, "palabre : réponse refusée : %s\n",
		    people_refusal(r, 1));
	store_member_clear(&m);
out:
	free(body);
	store_free(st);
	return rc;
}

/* The table's handlers for the commands above that take no argv. */
static int
cmd_waiting(struct config *cfg, int argc, char **argv)
{
	return user_waiting(cfg);
}

static int
cmd_decide(struct config *cfg, int argc, char **argv)
{
	return user_decide(cfg, argv[1], strcmp(argv[0], "approve") == 0);
}

static int
cmd_erase(struct config *cfg, int argc, char **argv)
{
	return user_erase(cfg, argv[1]);
}

const struct admin_cmd admin_people_cmds[] = {
	{ "user", "waiting", "", "", 0, 0, "les inscriptions à valider",
	    cmd_waiting },
	{ "user", "approve", "IDENTIFIANT", "", 1, 1,
	    "accepte une inscription", cmd_decide },
	{ "user", "refuse", "IDENTIFIANT", "", 1, 1,
	    "refuse une inscription", cmd_decide },
	{ "user", "export", "IDENTIFIANT", "json", 1, 1,
	    "tout ce que Palabre garde sur ce membre (RGPD)", user_export },
	{ "user", "erase", "IDENTIFIANT", "", 1, 1,
	    "anonymise le compte (RGPD) ; ses messages restent, signés "
	    "« ancien membre »", cmd_erase },
	{ "user", "set", "IDENTIFIANT CHAMP VALEUR", "", 3, 3,
	    "change un champ du profil : nom, organisation, type, fonction, "
	    "territoire, expertise, presentation, email", user_set },
	{ "user", "show", "IDENTIFIANT CHAMP", "", 2, 2,
	    "rend un champ du profil visible de tous", user_set },
	{ "user", "hide", "IDENTIFIANT CHAMP", "", 2, 2,
	    "cache un champ du profil", user_set },
	{ "message", "send", "< texte", "!from=IDENTIFIANT "
	    "!to=\"IDENTIFIANTS\" !subject=OBJET date=AAAA-MM-JJ[THH:MM]", 0, 0,
	    "écrit un message privé au nom d'un membre (affiche son numéro)",
	    message_send },
	{ "message", "reply", "< texte", "!to=NUMÉRO !author=IDENTIFIANT "
	    "date=AAAA-MM-JJ[THH:MM]", 0, 0,
	    "répond dans une conversation au nom d'un membre", message_reply },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
