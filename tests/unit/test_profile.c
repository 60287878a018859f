/*
 * test_profile.c - the directory on ":memory:": profile fields and their
 * visibility, the folded search (hidden fields never found), organisation
 * types, pasted public keys and their fingerprints (as ssh-keygen -l
 * prints them), the GDPR export and erasure, the approval of accounts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/pubkey.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static struct store	*st;
static int64_t		 camille, karim, waiting;

static int64_t
add_member(const char *login, const char *name, const char *org, int status)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.organisation = (char *)org;
	m.role = ROLE_MEMBRE;
	m.status = status;
	if (store_member_insert(st, &m) != 0)
		exit(1);
	return m.id;
}

static size_t
found(const char *query)
{
	struct store_profile *l = NULL;
	size_t n = 0;

	if (store_directory_search(st, karim, query, 0, &l, &n) != 0)
		return (size_t)-1;
	store_profile_list_free(l, n);
	return n;
}

static void
test_fields(void)
{
	struct store_profile p;

	CHECK_RC(store_profile_set(st, camille, PROF_JOB,
	    "Chargée de mission « accès aux droits »"), STORE_OK);
	CHECK_RC(store_profile_set(st, camille, PROF_TERRITORY, "69"),
	    STORE_OK);
	CHECK_RC(store_profile_set(st, camille, PROF_TERRITORY, "100"),
	    STORE_INVALID);
	CHECK_RC(store_profile_set(st, camille, PROF_ORG_TYPE, "collectivite"),
	    STORE_OK);
	CHECK_RC(store_profile_set(st, camille, PROF_ORG_TYPE, "banque"),
	    STORE_INVALID);
	CHECK_RC(store_profile_set(st, camille, PROF_EXPERTISE,
	    "domiciliation, intégration des familles"), STORE_OK);
	CHECK_RC(store_profile_set(st, camille, PROF_EMAIL,
	    "camille.durand@ccas-villeurbanne.fr"), STORE_OK);
	CHECK_RC(store_profile_set_name(st, camille, "  "), STORE_EMPTY);
	CHECK_RC(store_profile_set_name(st, camille, "Camille Durand-Éluard"),
	    STORE_OK);

	CHECK_RC(store_profile_get(st, karim, camille, &p), STORE_OK);
	CHECK_STR(p.display_name, "Camille Durand-Éluard");
	CHECK_STR(p.territory, "69 Rhône");
	CHECK_STR(p.field[PROF_EMAIL], "");	/* hidden by default */
	CHECK(p.hidden & (1U << PROF_EMAIL));
	store_profile_clear(&p);
	CHECK_RC(store_profile_get(st, camille, camille, &p), STORE_OK);
	CHECK_STR(p.field[PROF_EMAIL], "camille.durand@ccas-villeurbanne.fr");
	store_profile_clear(&p);

	CHECK_RC(store_profile_set_hidden(st, camille, PROF_EMAIL, 0),
	    STORE_OK);
	CHECK_RC(store_profile_set_hidden(st, camille, PROF_TERRITORY, 1),
	    STORE_OK);
	CHECK_RC(store_profile_get(st, karim, camille, &p), STORE_OK);
	CHECK_STR(p.field[PROF_EMAIL], "camille.durand@ccas-villeurbanne.fr");
	CHECK_STR(p.territory, "");
	CHECK_STR(p.field[PROF_TERRITORY], "");
	store_profile_clear(&p);

	/* Somebody waiting is nobody's business but their own. */
	CHECK_RC(store_profile_get(st, karim, waiting, &p), STORE_NOT_FOUND);
	CHECK_RC(store_profile_get(st, waiting, waiting, &p), STORE_OK);
	store_profile_clear(&p);

	CHECK_INT(store_org_type_parse("Sécurité"), 3);
	CHECK_INT(store_org_type_parse("asso"), 4);
	CHECK_INT(store_org_type_parse("etat"), 1);
	CHECK_INT(store_org_type_parse("zzz"), -1);
}

static void
test_search(void)
{
	CHECK_INT(found(""), 2);		/* not the one waiting */
	CHECK_INT(found("integration"), 1);	/* « intégration » */
	CHECK_INT(found("DURAND eluard"), 1);
	CHECK_INT(found("lille"), 1);		/* Karim's organisation */
	CHECK_INT(found("rhone"), 0);		/* territory hidden */
	CHECK_RC(store_profile_set_hidden(st, camille, PROF_TERRITORY, 0),
	    STORE_OK);
	CHECK_INT(found("rhone"), 1);
	CHECK_INT(found("69"), 1);
	CHECK_INT(found("collectivite territoriale"), 1);
	CHECK_INT(found("integration paris"), 0);
	CHECK_RC(store_profile_set_hidden(st, camille, PROF_EXPERTISE, 1),
	    STORE_OK);
	CHECK_INT(found("domiciliation"), 0);
}

static void
test_pubkey(void)
{
	struct pubkey k;
	const char *why = NULL;

	CHECK_INT(pubkey_parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIIqgtI/"
	    "bcNAtfFN0lLJcgbaT8p8YrI2bCxqS9VV8ht6 camille@ccas\n", &k, &why),
	    0);
	CHECK_STR(k.algo, "ssh-ed25519");
	CHECK_STR(k.fingerprint,
	    "SHA256:IUeFtX4XlHbpJq+A5QVCd4gw5lK4hPIfzUk9rZk+JcE");
	CHECK_STR(k.comment, "camille@ccas");
	CHECK_STR(k.blob, "AAAAC3NzaC1lZDI1NTE5AAAAIIIqgtI/bcNAtfFN0lLJcgbaT8p8"
	    "YrI2bCxqS9VV8ht6");
	pubkey_clear(&k);
	/* Truncated, of another type, not a key, a private key. */
	CHECK_INT(pubkey_parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIIqgtI/",
	    &k, &why), -1);
	CHECK_INT(pubkey_parse("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIIIqgtI/"
	    "bcNAtfFN0lLJcgbaT8p8YrI2bCxqS9VV8ht6", &k, &why), -1);
	CHECK_INT(pubkey_parse("SHA256:IUeFtX4XlHbpJq+A5QVCd4gw5lK4hPIfzUk9rZk",
	    &k, &why), -1);
	CHECK_INT(pubkey_parse("-----BEGIN OPENSSH PRIVATE KEY-----", &k,
	    &why), -1);
	CHECK(strstr(why, "clé privée") != NULL);
}

static void
test_gdpr(void)
{
	struct store_board_conf c;
	struct store_viewer vw;
	struct store_member m;
	struct store_post p;
	int64_t board, thread, post, conv, msg;
	char *out = NULL, *bad = NULL;

	memset(&c, 0, sizeof(c));
	c.key = (char *)"essai";
	c.title = (char *)"Essai";
	c.description = c.section = c.moderators = (char *)"";
	c.read_role = ROLE_INVITE;
	c.post_role = ROLE_MEMBRE;
	CHECK_RC(store_board_sync(st, &c, 1, NULL), STORE_OK);
	memset(&vw, 0, sizeof(vw));
	vw.member_id = camille;
	vw.login = "demo";
	vw.role = ROLE_MEMBRE;
	board = 1;
	CHECK_RC(store_thread_new(st, &vw, board, "Premier sujet",
	    "Un texte signé Camille", &thread, &post), STORE_OK);
	CHECK_RC(store_conversation_new(st, camille, "karim", "Objet privé",
	    "Bonjour Karim", &conv, &msg, &bad), STORE_OK);

	CHECK_RC(store_member_export(st, camille, 0, &out), STORE_OK);
	CHECK(out != NULL && strstr(out, "Camille Durand-Éluard") != NULL);
	CHECK(out != NULL && strstr(out, "Un texte signé Camille") != NULL);
	CHECK(out != NULL && strstr(out, "Bonjour Karim") != NULL);
	CHECK(out != NULL && strstr(out, "$argon2") == NULL);
	free(out);
	CHECK_RC(store_member_export(st, camille, 1, &out), STORE_OK);
	CHECK(out != NULL && out[0] == '{');
	CHECK(out != NULL && strstr(out, "\"identifiant\": \"demo\"") != NULL);
	CHECK(out != NULL && strstr(out, "\"messages_prives\": [") != NULL);
	free(out);

	CHECK_RC(store_member_erase(st, camille, camille), STORE_OK);
	CHECK_RC(store_member_erase(st, camille, camille), STORE_NOT_FOUND);
	CHECK_RC(store_member_by_id(st, camille, &m), STORE_OK);
	CHECK_INT(m.status, STATUS_ANONYMISE);
	CHECK(strncmp(m.login, "anonyme-", 8) == 0);
	CHECK(m.password_hash == NULL);
	store_member_clear(&m);
	vw.member_id = karim;
	vw.login = "karim";
	CHECK_RC(store_post_get(st, &vw, post, &p), STORE_OK);
	CHECK_STR(p.author_name, "ancien membre");
	CHECK_STR(p.body, "Un texte signé Camille");
	store_post_clear(&p);
	CHECK_INT(found("durand"), 0);
}

static void
test_approval(void)
{
	struct store_profile *l = NULL;
	struct store_member m;
	size_t n = 0;

	CHECK_RC(store_member_waiting(st, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(l[0].login, "nadia");
	store_profile_list_free(l, n);
	CHECK_RC(store_member_decide(st, waiting, 1, karim), STORE_OK);
	CHECK_RC(store_member_decide(st, waiting, 0, karim), STORE_STATE);
	CHECK_RC(store_member_decide(st, waiting + 1000, 0, karim),
	    STORE_NOT_FOUND);
	CHECK_RC(store_member_by_id(st, waiting, &m), STORE_OK);
	CHECK_INT(m.status, STATUS_ACTIF);
	store_member_clear(&m);
	CHECK_RC(store_member_waiting(st, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
}

int
main(void)
{
	st = unit_mem_store();
	camille = add_member("demo", "Camille Durand", "CCAS de Villeurbanne",
	    STATUS_ACTIF);
	karim = add_member("karim", "Karim Benali",
	    "Association Accueil et Promotion, Lille", STATUS_ACTIF);
	waiting = add_member("nadia", "Nadia Haddad", "Mairie de Roubaix",
	    STATUS_EN_ATTENTE);
	RUN(test_fields);
	RUN(test_search);
	RUN(test_pubkey);
	RUN(test_gdpr);
	RUN(test_approval);
	store_free(st);
	TEST_DONE();
}
