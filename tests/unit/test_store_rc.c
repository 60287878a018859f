/*
 * test_store_rc.c - the store's result vocabulary (store_rc.h): every
 * code has its name and a French sentence, written as French typography
 * wants it (no plain space before « : ; ! ? », none inside « »); no two
 * codes share a sentence; a number that is no code reads as a database
 * error, never as a refusal. store_rc_say() refines a database error
 * with its cause (another connection holds the write lock: « base
 * occupée »).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "unit.h"
#include "unit_store.h"

/* 1 if t has a plain space where French typography wants a no-break
 * one: before « : ; ! ? », after « and before ». */
static int
plain_space_misplaced(const char *t)
{
	const char *p;

	for (p = t; *p != '\0'; p++) {
		if (p[0] == ' ' && strchr(":;!?", p[1]) != NULL)
			return 1;
		if (strncmp(p, "« ", 3) == 0 || strncmp(p, " »", 3) == 0)
			return 1;
	}
	return 0;
}

static void
test_every_code(void)
{
	const char *t, *u, *name;
	size_t len;
	int rc, other;

	for (rc = STORE_RC_FIRST; rc <= STORE_RC_LAST; rc++) {
		t = store_rc_text(rc);
		name = store_rc_name(rc);
		CHECK(t != NULL && name != NULL);
		if (t == NULL || name == NULL)
			continue;
		len = strlen(t);
		/* A sentence: a capital (or « É »), a full stop. */
		CHECK(len > 10);
		CHECK((t[0] >= 'A' && t[0] <= 'Z') || strncmp(t, "É", 2) == 0);
		CHECK(len > 0 && t[len - 1] == '.');
		CHECK(!plain_space_misplaced(t));
		CHECK(strncmp(name, "STORE_", 6) == 0);
		for (other = rc + 1; other <= STORE_RC_LAST; other++) {
			u = store_rc_text(other);
			CHECK(strcmp(t, u) != 0);
			CHECK(strcmp(name, store_rc_name(other)) != 0);
		}
	}
	CHECK_STR(store_rc_name(STORE_TOO_LONG), "STORE_TOO_LONG");
	CHECK_STR(store_rc_name(STORE_ERR), "STORE_ERR");
	/* The conventions store.h states, by name. */
	CHECK_INT(STORE_OK, 0);
	CHECK_INT(STORE_ERR, -1);
	CHECK_INT(STORE_NOT_FOUND, 1);
	/* A database error reads as one. */
	CHECK(strstr(store_rc_text(STORE_ERR), "base de données") != NULL);
	CHECK_STR(store_rc_text(STORE_RC_LAST + 1), store_rc_text(STORE_ERR));
	CHECK_STR(store_rc_text(-42), store_rc_text(STORE_ERR));
	CHECK_STR(store_rc_name(-42), "STORE_?");
}

/* Two connections to one file: the second meets the first's write lock. */
static void
test_say(void)
{
	char dir[] = "/tmp/palabre-test-rc-XXXXXX", db[64], *cause = NULL;
	struct store *a = NULL, *b = NULL;
	const char *t;

	CHECK_STR(store_rc_say(NULL, STORE_ERR), store_rc_text(STORE_ERR));
	CHECK_STR(store_rc_say(NULL, STORE_TAKEN), store_rc_text(STORE_TAKEN));
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(db, sizeof(db), "%s/p.db", dir);
	a = store_open(db, STORE_CREATE | STORE_MIGRATE, &cause);
	b = a != NULL ? store_open(db, 0, &cause) : NULL;
	CHECK(a != NULL && b != NULL);
	if (a == NULL || b == NULL)
		goto out;
	/* No failure yet: the plain sentence. */
	CHECK_STR(store_rc_say(b, STORE_ERR), store_rc_text(STORE_ERR));
	CHECK_RC(store_begin(a), STORE_OK);
	store_wait(b, 0);
	CHECK_RC(store_audit(b, 0, "essai", "", ""), STORE_ERR);
	t = store_rc_say(b, STORE_ERR);
	CHECK(strstr(t, "La base de données n'a pas répondu") == t);
	CHECK(strstr(t, "base occupée") != NULL);
	/* A refusal is never refined. */
	CHECK_STR(store_rc_say(b, STORE_NOT_FOUND),
	    store_rc_text(STORE_NOT_FOUND));
	store_rollback(a);
out:
	store_free(a);
	store_free(b);
	free(cause);
	unlink(db);
	snprintf(db, sizeof(db), "%s/p.db-wal", dir);
	unlink(db);
	snprintf(db, sizeof(db), "%s/p.db-shm", dir);
	unlink(db);
	rmdir(dir);
}

int
main(void)
{
	RUN(test_every_code);
	RUN(test_say);
	TEST_DONE();
}
