/*
 * unit_store.h - the one in-memory store set-up of the unit tests: a
 * fresh, migrated store on ":memory:", or the test stops there (nothing
 * after it could run without one).
 */
#ifndef PALABRE_UNIT_STORE_H
#define PALABRE_UNIT_STORE_H

#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"

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

#endif
