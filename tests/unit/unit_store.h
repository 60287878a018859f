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

#endif
