/*
 * test_reference.c - the reference lists (db/0003_reference.sql): the
 * 101 départements in their régions and official order, the themes.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "unit.h"
#include "unit_store.h"

static void
test_lists(void)
{
	struct store *s;
	struct store_theme *themes;
	struct store_region *regions;
	struct store_departement *deps;
	size_t n, i;
	char *label;
	int corse = -1, ain = -1, d971 = -1;

	s = unit_mem_store();

	CHECK_RC(store_departement_list(s, NULL, &deps, &n), STORE_OK);
	CHECK(n == 101);
	for (i = 0; i < n; i++) {
		if (strcmp(deps[i].code, "2A") == 0)
			corse = (int)i;
		if (strcmp(deps[i].code, "01") == 0)
			ain = (int)i;
		if (strcmp(deps[i].code, "971") == 0)
			d971 = (int)i;
	}
	CHECK(ain == 0);
	/* Corse-du-Sud after the 19 (Corrèze), before the 21. */
	CHECK(corse == 19);
	CHECK(corse > 0 && strcmp(deps[corse - 1].code, "19") == 0);
	CHECK(strcmp(deps[corse + 2].code, "21") == 0);
	CHECK(d971 == 96);
	store_departement_list_free(deps, n);

	CHECK_RC(store_departement_list(s, "11", &deps, &n), STORE_OK);
	CHECK(n == 8);
	CHECK(n > 0 && strcmp(deps[0].code, "75") == 0);
	CHECK(n > 7 && strcmp(deps[7].code, "95") == 0);
	store_departement_list_free(deps, n);

	label = store_departement_label(s, "93");
	CHECK_STR(label, "93 Seine-Saint-Denis");
	free(label);
	CHECK(store_departement_label(s, "99") == NULL);

	CHECK_RC(store_region_list(s, &regions, &n), STORE_OK);
	CHECK(n == 18);
	/* Sorted the French way: « Île-de-France » between Hauts-de-France
	 * and La Réunion, not after Provence. */
	for (i = 0; i < n && strcmp(regions[i].code, "11") != 0; i++)
		;
	CHECK(i > 0 && i + 1 < n &&
	    strcmp(regions[i - 1].name, "Hauts-de-France") == 0 &&
	    strcmp(regions[i + 1].name, "La Réunion") == 0);
	store_region_list_free(regions, n);

	CHECK_RC(store_theme_list(s, &themes, &n), STORE_OK);
	CHECK(n >= 10);
	CHECK(n > 0 && strcmp(themes[0].key, "primo-arrivants") == 0);
	store_theme_list_free(themes, n);
	label = store_theme_label(s, "discriminations");
	CHECK_STR(label, "Lutte contre les discriminations");
	free(label);
	CHECK(store_theme_label(s, "inconnu") == NULL);

	store_free(s);
}

int
main(void)
{
	RUN(test_lists);
	TEST_DONE();
}
