/*
 * admin_veille.c - « palabre admin veille ... »: a member's « Ma veille »
 * from the sysop's command line (the demo database, a member who asks
 * for help).
 *
 *   palabre admin veille add IDENTIFIANT SORTE VALEUR
 *   palabre admin veille remove IDENTIFIANT SORTE VALEUR
 *   palabre admin veille list IDENTIFIANT
 *
 * SORTE and VALEUR: forum CLÉ, fil NUMÉRO (a message of the thread),
 * theme CLÉ, type CLÉ (« circulaire »), emetteur TEXTE, region CODE,
 * departement CODE, membre IDENTIFIANT. The same store functions as the
 * key S of the interface.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "config.h"
#include "store/store.h"
#include "util/util.h"

/* SORTE VALEUR -> what store_follow_set() takes; 0, or 1 said. */
static int
av_target(struct store *st, const char *kind_s, const char *value, int *kind,
    int64_t *id, const char **key)
{
	struct store_viewer v;
	struct store_board b;
	struct store_member m;
	struct store_post p;
	char *end;

	*id = 0;
	*key = value;
	if ((*kind = store_follow_kind_parse(kind_s)) < 0) {
		fprintf(stderr, "palabre : sorte inconnue « %s » (forum, fil, "
		    "theme, type, emetteur, region, departement, membre)\n",
		    kind_s);
		return 1;
	}
	memset(&v, 0, sizeof(v));
	v.role = ROLE_SYSOP;
	switch (*kind) {
	case FOLLOW_BOARD:
		memset(&b, 0, sizeof(b));
		if (store_board_by_key(st, &v, value, &b) != 0)
			break;
		*id = b.id;
		store_board_clear(&b);
		return 0;
	case FOLLOW_THREAD:
		memset(&p, 0, sizeof(p));
		if (store_post_get(st, &v, strtoll(value, &end, 10), &p) != 0 ||
		    *end != '\0')
			break;
		*id = p.thread_id;
		store_post_clear(&p);
		return 0;
	case FOLLOW_MEMBER:
		memset(&m, 0, sizeof(m));
		if (store_member_by_login(st, value, &m) != 0)
			break;
		*id = m.id;
		store_member_clear(&m);
		return 0;
	default:
		return 0;
	}
	fprintf(stderr, "palabre : %s « %s » : %s\n", kind_s, value,
	    store_rc_text(STORE_NOT_FOUND));
	return 1;
}

/* veille add, veille remove. */
static int
av_set(struct config *cfg, int argc, char **argv)
{
	struct store_member m;
	struct store *st;
	const char *key;
	int64_t id;
	int kind, on = strcmp(argv[0], "add") == 0, rc = 1, r;

	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	memset(&m, 0, sizeof(m));
	if (store_member_by_login(st, argv[1], &m) != 0) {
		fprintf(stderr, "palabre : aucun membre « %s »\n", argv[1]);
		goto out;
	}
	if (av_target(st, argv[2], argv[3], &kind, &id, &key) != 0)
		goto out;
	if ((r = store_follow_set(st, m.id, kind, id, key, on)) != STORE_OK)
		fprintf(stderr, "palabre : %s « %s » : %s\n", argv[2],
		    argv[3], store_rc_text(r));
	else {
		store_audit(st, 0, on ? "veille.add" : "veille.remove",
		    m.login, argv[2]);
		rc = 0;
	}
out:
	store_member_clear(&m);
	store_free(st);
	return rc;
}

static int
av_list(struct config *cfg, int argc, char **argv)
{
	struct store_follow *l = NULL;
	struct store_member m;
	struct store *st;
	size_t n = 0, i;
	int rc = 1;

	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	memset(&m, 0, sizeof(m));
	if (store_member_by_login(st, argv[1], &m) != 0) {
		fprintf(stderr, "palabre : aucun membre « %s »\n", argv[1]);
		goto out;
	}
	if (store_follow_list(st, m.id, &l, &n) != 0)
		goto out;
	printf("Suivre les fils où %s écrit : %s\n", m.login,
	    store_follow_auto(st, m.id) ? "oui" : "non");
	for (i = 0; i < n; i++)
		printf("%s : %s%s\n", store_follow_kind_label(l[i].kind),
		    l[i].label, l[i].automatic ? " (automatique)" : "");
	store_follow_list_free(l, n);
	rc = 0;
out:
	store_member_clear(&m);
	store_free(st);
	return rc;
}

const struct admin_cmd admin_veille_cmds[] = {
	{ "veille", "add", "IDENTIFIANT SORTE VALEUR", "", 3, 3,
	    "ajoute à « Ma veille » d'un membre (sorte : forum CLÉ, fil "
	    "NUMÉRO, theme CLÉ, type CLÉ, emetteur TEXTE, region CODE, "
	    "departement CODE, membre IDENTIFIANT)", av_set },
	{ "veille", "remove", "IDENTIFIANT SORTE VALEUR", "", 3, 3,
	    "retire de « Ma veille » d'un membre", av_set },
	{ "veille", "list", "IDENTIFIANT", "", 1, 1,
	    "ce que suit un membre", av_list },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
