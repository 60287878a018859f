/*
 * test_message.c - private messages on ":memory:": recipients,
 * conversations between two and three members, replies, unread counts,
 * privacy (a non-participant sees nothing), blocks, and the drafts of
 * the two new kinds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static struct store	*st;
static int64_t		 camille, karim, elodie, absent;

static int64_t
add_member(const char *login, const char *name, int status)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.organisation = (char *)"CCAS";
	m.role = ROLE_MEMBRE;
	m.status = status;
	if (store_member_insert(st, &m) != 0)
		exit(1);
	return m.id;
}

static int64_t
unread(int64_t member)
{
	int64_t n = -1;

	if (store_message_unread(st, member, &n) != 0)
		return -1;
	return n;
}

static void
test_recipients(void)
{
	char *names = NULL, *bad = NULL;

	CHECK_RC(store_recipients_check(st, camille, "karim, @elodie karim",
	    &names, &bad), STORE_OK);
	CHECK_STR(names, "Karim Benali, Élodie Nguyen");
	free(names);
	CHECK_RC(store_recipients_check(st, camille, "karim personne", &names,
	    &bad), STORE_NOT_FOUND);
	CHECK_STR(bad, "personne");
	free(bad);
	CHECK_RC(store_recipients_check(st, camille, "absent", &names, &bad),
	    STORE_NOT_FOUND);	/* not active */
	free(bad);
	CHECK_RC(store_recipients_check(st, camille, "demo", &names, &bad),
	    STORE_NO_RECIPIENT);
	free(bad);
	CHECK_RC(store_recipients_check(st, camille, "  ", &names, &bad),
	    STORE_NO_RECIPIENT);
	free(bad);
}

static void
test_conversation(void)
{
	struct store_conversation *cl = NULL, c;
	struct store_message *ml = NULL, m;
	size_t n = 0;
	int64_t conv, msg, reply, reply2;
	char *bad = NULL;

	CHECK_RC(store_conversation_new(st, camille, "karim", "", "Bonjour",
	    &conv, &msg, &bad), STORE_EMPTY);
	CHECK_RC(store_conversation_new(st, camille, "karim",
	    "Réunion de l'été", "Bonjour Karim,\nes-tu là le 12 ?", &conv,
	    &msg, &bad), STORE_OK);
	CHECK(conv > 0 && msg > 0);
	CHECK_INT(unread(karim), 1);
	CHECK_INT(unread(camille), 0);	/* her own message */
	CHECK_INT(unread(elodie), 0);

	/* Élodie is not in it: nothing, not even its existence. */
	CHECK_RC(store_conversation_get(st, elodie, conv, &c), STORE_NOT_FOUND);
	CHECK_RC(store_message_list(st, elodie, conv, &ml, &n),
	    STORE_NOT_FOUND);
	CHECK_RC(store_message_get(st, elodie, msg, &m), STORE_NOT_FOUND);
	CHECK_RC(store_message_reply(st, elodie, msg, "Moi aussi", &reply),
	    STORE_NOT_FOUND);
	CHECK_RC(store_conversation_list(st, elodie, &cl, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_conversation_list_free(cl, n);

	CHECK_RC(store_conversation_list(st, karim, &cl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(cl[0].subject, "Réunion de l'été");
		CHECK_STR(cl[0].others, "Camille Durand");
		CHECK_INT(cl[0].unread, 1);
	}
	store_conversation_list_free(cl, n);

	CHECK_RC(store_message_reply(st, karim, msg, "Oui, à 14 h.",
	    &reply), STORE_OK);
	/* Answering reads what came before. */
	CHECK_INT(unread(karim), 0);
	CHECK_RC(store_conversation_read(st, karim, conv), STORE_OK);
	CHECK_INT(unread(karim), 0);
	CHECK_INT(unread(camille), 1);
	CHECK_RC(store_message_list(st, camille, conv, &ml, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(ml[0].unread, 0);
		CHECK_INT(ml[1].unread, 1);
		CHECK_INT(ml[1].parent_id, msg);
		CHECK_STR(ml[1].author_name, "Karim Benali");
	}
	store_message_list_free(ml, n);

	/* Camille blocks Karim: his messages vanish for her, and he may
	 * not start a new conversation with her. */
	CHECK_RC(store_block_set(st, camille, karim, 1), STORE_OK);
	CHECK_INT(store_block_is(st, camille, karim), 1);
	CHECK_INT(unread(camille), 0);
	CHECK_RC(store_message_reply(st, karim, msg, "Tu es là ?", &reply2),
	    STORE_OK);
	CHECK_INT(unread(camille), 0);
	CHECK_RC(store_message_list(st, camille, conv, &ml, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_message_list_free(ml, n);
	CHECK_RC(store_conversation_new(st, karim, "demo elodie", "Encore",
	    "Bonjour", &conv, &msg, &bad), STORE_BLOCKED);
	CHECK_STR(bad, "demo");
	free(bad);
	CHECK_RC(store_block_set(st, camille, camille, 1), STORE_NOT_FOUND);
	CHECK_RC(store_block_set(st, camille, karim, 0), STORE_OK);
	CHECK_INT(store_block_is(st, camille, karim), 0);
	CHECK_INT(unread(camille), 2);
}

static void
test_group(void)
{
	struct store_conversation *cl = NULL;
	size_t n = 0;
	int64_t conv, msg;
	char *bad = NULL;

	CHECK_RC(store_conversation_new(st, elodie, "demo karim",
	    "Journée de Lyon", "Qui vient ?", &conv, &msg, &bad), STORE_OK);
	CHECK_RC(store_conversation_list(st, karim, &cl, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(cl[0].subject, "Journée de Lyon");
		CHECK_STR(cl[0].others, "Camille Durand, Élodie Nguyen");
	}
	store_conversation_list_free(cl, n);
}

static void
test_drafts(void)
{
	struct store_draft d, got, *list = NULL;
	size_t n = 0;

	memset(&d, 0, sizeof(d));
	d.kind = DRAFT_MESSAGE;
	d.title = (char *)"Sujet à reprendre";
	d.body = (char *)"Début du texte";
	d.recipients = (char *)"karim elodie";
	CHECK_RC(store_draft_save(st, camille, &d), STORE_OK);
	CHECK_RC(store_draft_find(st, camille, DRAFT_MESSAGE, 0, &got),
	    STORE_OK);
	CHECK_STR(got.recipients, "karim elodie");
	CHECK_STR(got.title, "Sujet à reprendre");
	store_draft_clear(&got);
	CHECK_RC(store_draft_list(st, camille, &list, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(list[0].context, "Message privé à karim elodie");
	store_draft_list_free(list, n);
}

/* Recipients by name, accents and case aside (store_member_find). */
static void
test_find(void)
{
	struct store_member *l;
	size_t n;

	add_member("elodie.b", "Élodie Bernard", STATUS_ACTIF);
	/* Her login, and a name: both, the login's owner first. */
	CHECK_RC(store_member_find(st, "elodie", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK_STR(l[0].login, "elodie");
	store_member_list_free(l, n);
	CHECK_RC(store_member_find(st, "elodie.b", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_member_list_free(l, n);
	CHECK_RC(store_member_find(st, "Élodie", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 2);	/* by name: both, by name order */
	if (n == 2) {
		CHECK_STR(l[0].display_name, "Élodie Bernard");
		CHECK_STR(l[1].display_name, "Élodie Nguyen");
	}
	store_member_list_free(l, n);
	CHECK_RC(store_member_find(st, "ELODIE nguy", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_member_list_free(l, n);
	CHECK_RC(store_member_find(st, "@karim", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_member_list_free(l, n);
	CHECK_RC(store_member_find(st, "Personne Inconnue", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 0);
	store_member_list_free(l, n);
	/* Not yet approved: nobody to write to. */
	CHECK_RC(store_member_find(st, "Membre en attente", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 0);
	store_member_list_free(l, n);
	CHECK_RC(store_member_find(st, "  ", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_member_list_free(l, n);
}

int
main(void)
{
	st = unit_mem_store();
	camille = add_member("demo", "Camille Durand", STATUS_ACTIF);
	karim = add_member("karim", "Karim Benali", STATUS_ACTIF);
	elodie = add_member("elodie", "Élodie Nguyen", STATUS_ACTIF);
	absent = add_member("absent", "Membre en attente", STATUS_EN_ATTENTE);
	RUN(test_recipients);
	RUN(test_conversation);
	RUN(test_group);
	RUN(test_drafts);
	RUN(test_find);
	store_free(st);
	TEST_DONE();
}
