/*
 * test_store_clean.c - the store cleans every text it stores: a text with
 * an escape sequence, a C1 control and a decomposed accent goes in through
 * each public writer and comes back clean and NFC, whatever the caller
 * did before (issue 14, item 16).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_board.h"
#include "store/store_profile.h"
#include "text/txt.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

/* "Café" with e + U+0301, ESC [31m, U+0085 (NEL, a C1 control). */
#define DIRTY	"Cafe\xcc\x81 \x1b[31mrouge\xc2\x85 fin"

static struct store	*st;
static int64_t		 sysop;

/* Clean, NFC, with the accent composed: what the store must give back. */
static void
check_clean(const char *what, const char *got)
{
	unit_current = what;
	CHECK(got != NULL);
	if (got == NULL)
		return;
	CHECK(strchr(got, '\x1b') == NULL);
	CHECK(strstr(got, "\xc2\x85") == NULL);
	CHECK(strstr(got, "Caf\xc3\xa9") != NULL);
	CHECK(strstr(got, "\xcc\x81") == NULL);
	CHECK(txt_is_clean(got, strlen(got), TXT_MULTILINE));
}

static void
test_member(void)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)"martine";
	m.display_name = (char *)DIRTY;
	m.organisation = (char *)DIRTY;
	m.role = ROLE_SYSOP;
	m.status = STATUS_ACTIF;
	CHECK_RC(store_member_insert(st, &m), STORE_OK);
	sysop = m.id;
	memset(&m, 0, sizeof(m));
	CHECK_RC(store_member_by_login(st, "martine", &m), STORE_OK);
	check_clean("member name", m.display_name);
	check_clean("member organisation", m.organisation);
	store_member_clear(&m);
	CHECK_RC(store_profile_set_name(st, sysop, DIRTY), STORE_OK);
	memset(&m, 0, sizeof(m));
	CHECK_RC(store_member_by_login(st, "martine", &m), STORE_OK);
	check_clean("profile name", m.display_name);
	store_member_clear(&m);
}

static void
test_key_pref(void)
{
	struct store_key k, *keys = NULL;
	size_t n = 0;
	char *v = NULL;

	memset(&k, 0, sizeof(k));
	k.member_id = sysop;
	k.algo = (char *)"ssh-ed25519";
	k.blob = (char *)"AAAAC3NzaC1lZDI1NTE5AAAAIClean";
	k.fingerprint = (char *)"SHA256:clean";
	k.comment = (char *)DIRTY;
	CHECK_RC(store_key_add(st, &k), STORE_OK);
	CHECK_RC(store_key_list(st, sysop, &keys, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		check_clean("key comment", keys[0].comment);
	store_key_list_free(keys, n);

	CHECK_RC(store_pref_set(st, sysop, "note", DIRTY), STORE_OK);
	CHECK_RC(store_pref_get(st, sysop, "note", &v), STORE_OK);
	check_clean("preference", v);
	free(v);
}

static void
test_edito_audit(void)
{
	struct store_edito e, *l = NULL;
	struct store_audit_entry *a = NULL;
	size_t n = 0;

	memset(&e, 0, sizeof(e));
	e.title = (char *)DIRTY;
	e.body = (char *)DIRTY "\n\n" DIRTY;
	e.byline = (char *)DIRTY;
	e.published_at = 1;
	CHECK_RC(store_edito_insert(st, &e), STORE_OK);
	CHECK_RC(store_edito_list(st, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		check_clean("edito title", l[0].title);
		check_clean("edito body", l[0].body);
		check_clean("edito byline", l[0].byline);
		CHECK(strchr(l[0].body, '\n') != NULL);
	}
	store_edito_list_free(l, n);

	CHECK_RC(store_audit(st, sysop, "test.clean", DIRTY, DIRTY), STORE_OK);
	CHECK_RC(store_audit_recent(st, 1, &a, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		check_clean("audit target", a[0].target);
		check_clean("audit detail", a[0].detail);
	}
	store_audit_list_free(a, n);
}

static void
test_board_thread(void)
{
	struct store_board_conf c;
	struct store_board *b = NULL;
	struct store_viewer v;
	struct store_thread t;
	struct store_post p;
	int64_t tid = 0, pid = 0;
	size_t n = 0;

	memset(&c, 0, sizeof(c));
	c.key = (char *)"propre";
	c.title = (char *)DIRTY;
	c.description = (char *)DIRTY;
	c.section = (char *)DIRTY;
	c.read_role = ROLE_MEMBRE;
	c.post_role = ROLE_MEMBRE;
	CHECK_RC(store_board_sync(st, &c, 1, NULL), STORE_OK);
	CHECK_RC(store_board_list_all(st, &b, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n != 1) {
		store_board_list_free(b, n);
		return;
	}
	check_clean("board title", b[0].title);
	check_clean("board description", b[0].description);
	check_clean("board section", b[0].section);

	memset(&v, 0, sizeof(v));
	v.member_id = sysop;
	v.login = "martine";
	v.role = ROLE_SYSOP;
	CHECK_RC(store_thread_new(st, &v, b[0].id, DIRTY, DIRTY, &tid,
	    &pid), STORE_OK);
	store_board_list_free(b, n);
	memset(&t, 0, sizeof(t));
	CHECK_RC(store_thread_get(st, &v, tid, &t), STORE_OK);
	check_clean("thread title", t.title);
	store_thread_clear(&t);
	memset(&p, 0, sizeof(p));
	CHECK_RC(store_post_get(st, &v, pid, &p), STORE_OK);
	check_clean("post body", p.body);
	store_post_clear(&p);
}

int
main(void)
{
	st = unit_mem_store();
	RUN(test_member);
	RUN(test_key_pref);
	RUN(test_edito_audit);
	RUN(test_board_thread);
	store_free(st);
	TEST_DONE();
}
