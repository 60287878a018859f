/*
 * test_guest.c - the guest's connection (store_guest_only) on ":memory:":
 * it reads, marks posts read and unread, and every other write is
 * refused before it runs (a report, a preference, a thread, a reply even
 * on a board open to guests, a message, an audit entry), whatever the
 * caller asks. tests/e2e/test_guest.sh presses every key as « invite ».
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_board.h"
#include "store/store_doc.h"
#include "store/store_message.h"
#include "store/store_practice.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static struct store	*st;
static int64_t		 guest, camille;

static int64_t
add_member(const char *login, int role)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)login;
	m.organisation = (char *)"";
	m.role = role;
	m.status = STATUS_ACTIF;
	if (store_member_insert(st, &m) != 0)
		exit(1);
	return m.id;
}

static void
test_guest(void)
{
	struct store_board_conf c;
	struct store_viewer gv, cv;
	struct store_thread t;
	int64_t thread, post, reply, conv, msg, unread = -1;
	struct store_doc_filter df;
	struct store_doc *docs = NULL;
	struct store_practice_item *recs = NULL;
	size_t n = 0;
	char *bad = NULL, *v = NULL;

	camille = add_member("camille", ROLE_MEMBRE);
	guest = add_member("invite", ROLE_INVITE);
	memset(&c, 0, sizeof(c));
	c.key = (char *)"essai";
	c.title = (char *)"Essai";
	c.description = c.section = c.moderators = (char *)"";
	c.read_role = ROLE_INVITE;
	c.post_role = ROLE_INVITE;	/* even where guests may post */
	CHECK_RC(store_board_sync(st, &c, 1, NULL), STORE_OK);
	memset(&cv, 0, sizeof(cv));
	cv.member_id = camille;
	cv.login = "camille";
	cv.role = ROLE_MEMBRE;
	gv = cv;
	gv.member_id = guest;
	gv.login = "invite";
	gv.role = ROLE_INVITE;
	CHECK_RC(store_thread_new(st, &cv, 1, "Sujet", "Texte", &thread,
	    &post), STORE_OK);
	CHECK_RC(store_pref_set(st, guest, "charset", "ascii"), STORE_OK);

	CHECK_RC(store_guest_only(st), STORE_OK);
	/* Searches open their FTS5 tables (which declares their columns,
	 * seen as a write of the schema table): they work. */
	memset(&df, 0, sizeof(df));
	CHECK_RC(store_doc_search(st, guest, &df, "circulaire", 10, &docs,
	    &n), STORE_OK);
	store_doc_list_free(docs, n);
	CHECK_RC(store_practice_search(st, "atelier", NULL, 10, &recs, &n),
	    STORE_OK);
	store_practice_item_list_free(recs, n);
	/* Reading works, reading marks too. */
	CHECK_RC(store_thread_get(st, &gv, thread, &t), STORE_OK);
	store_thread_clear(&t);
	CHECK_RC(store_read_post(st, &gv, post), STORE_OK);
	CHECK_RC(store_unread_post(st, &gv, post), STORE_OK);
	CHECK_RC(store_read_thread(st, &gv, thread), STORE_OK);
	CHECK_RC(store_unread_total(st, &gv, &unread), STORE_OK);
	CHECK_INT(unread, 0);
	CHECK_RC(store_pref_get(st, guest, "charset", &v), STORE_OK);
	CHECK_STR(v, "ascii");
	free(v);
	/* Nothing else. */
	CHECK_RC(store_report_add(st, &gv, post, "texte libre"), STORE_ERR);
	CHECK_RC(store_pref_set(st, guest, "charset", "utf-8"), STORE_ERR);
	CHECK_RC(store_post_reply(st, &gv, post, "Réponse", &reply), STORE_ERR);
	CHECK_RC(store_thread_new(st, &gv, 1, "Autre", "Texte", &thread,
	    &post), STORE_ERR);
	CHECK_RC(store_conversation_new(st, guest, "camille", "Objet", "Texte",
	    &conv, &msg, &bad), STORE_ERR);
	free(bad);
	CHECK_RC(store_audit(st, guest, "essai", "", ""), STORE_ERR);
	CHECK_RC(store_pref_get(st, guest, "charset", &v), STORE_OK);
	CHECK_STR(v, "ascii");
	free(v);
}

int
main(void)
{
	st = unit_mem_store();
	RUN(test_guest);
	store_free(st);
	TEST_DONE();
}
