/*
 * unit_store.h - the one in-memory store set-up of the unit tests: a
 * fresh, migrated store on ":memory:", or the test stops there (nothing
 * after it could run without one); the viewer the store's reads take.
 */
#ifndef PALABRE_UNIT_STORE_H
#define PALABRE_UNIT_STORE_H

#include <stdio.h>
#include <stdlib.h>

#include <stdint.h>
#include <string.h>

#include "store/store.h"
#include "store/store_board.h"

static inline struct store *
unit_mem_store(void)
{
	struct store *s;
	char *cause = NULL;

	s = store_open(":memory:", STORE_CREATE | STORE_MIGRATE, &cause);
	if (s == NULL) {
		fprintf(stderr, "store_open: %s\n", cause);
		free(cause);
		exit(1);
	}
	return s;
}

/* Who asks, for the store's functions that take a viewer. */
static inline struct store_viewer
unit_viewer(int64_t id, const char *login, int role)
{
	struct store_viewer v;

	memset(&v, 0, sizeof(v));
	v.member_id = id;
	v.login = login;
	v.role = role;
	return v;
}

/* A store result against the code wanted, both named when they differ
 * (tests name codes, never their numbers). */
#define CHECK_RC(got, want) do {					\
	int g_ = (got), w_ = (want);					\
	if (g_ == w_) {							\
		unit_passed++;						\
	} else {							\
		unit_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s: %s == %s, want %s\n",	\
		    __FILE__, __LINE__, unit_current, #got,		\
		    store_rc_name(g_), store_rc_name(w_));		\
	}								\
} while (0)

#endif
