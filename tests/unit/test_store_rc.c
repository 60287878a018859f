/*
 * test_store_rc.c - the store's result vocabulary (store_rc.h): every
 * code has its name and a French sentence, written as French typography
 * wants it (no plain space before « : ; ! ? », none inside « »); no two
 * codes share a sentence; a number that is no code reads as a database
 * error, never as a refusal.
 */
#include <string.h>

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

int
main(void)
{
	RUN(test_every_code);
	TEST_DONE();
}
