/*
 * store_reference.c - themes, régions and départements (read-only lists
 * made by db/0003_reference.sql), and the types of organisation.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"
#include "text/txt.h"
#include "util/util.h"

static void	theme_row(struct store_stmt *, void *);
static void	theme_clear(void *);
static void	region_row(struct store_stmt *, void *);
static void	region_clear(void *);
static void	dep_row(struct store_stmt *, void *);
static void	dep_clear(void *);

static void
theme_row(struct store_stmt *st, void *p)
{
	struct store_theme *t = p;

	t->key = store_column_str(st, 0);
	t->label = store_column_str(st, 1);
}

static void
theme_clear(void *p)
{
	struct store_theme *t = p;

	free(t->key);
	free(t->label);
}

int
store_theme_list(struct store *s, struct store_theme **list, size_t *n)
{
	static const char sql[] = "SELECT key, label FROM theme "
	    "ORDER BY position, label";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	return store_rows(s, st, sizeof(**list), theme_row, theme_clear,
	    (void **)list, n);
}

void
store_theme_list_free(struct store_theme *list, size_t n)
{
	store_list_free(list, n, sizeof(*list), theme_clear);
}

static void
region_row(struct store_stmt *st, void *p)
{
	struct store_region *r = p;

	r->code = store_column_str(st, 0);
	r->name = store_column_str(st, 1);
}

static void
region_clear(void *p)
{
	struct store_region *r = p;

	free(r->code);
	free(r->name);
}

int
store_region_list(struct store *s, struct store_region **list, size_t *n)
{
	static const char sql[] = "SELECT code, name FROM region";
	struct store_region *l;
	struct store_stmt *st;
	size_t i, j;
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	rc = store_rows(s, st, sizeof(**list), region_row, region_clear,
	    (void **)list, n);
	if (rc != 0)
		return rc;
	/* By name as French sorts it (« Île-de-France » among the I). */
	l = *list;
	for (i = 1; i < *n; i++) {
		struct store_region r = l[i];

		for (j = i; j > 0 && txt_collate(l[j - 1].name, r.name) > 0; j--)
			l[j] = l[j - 1];
		l[j] = r;
	}
	return 0;
}

void
store_region_list_free(struct store_region *list, size_t n)
{
	store_list_free(list, n, sizeof(*list), region_clear);
}

static void
dep_row(struct store_stmt *st, void *p)
{
	struct store_departement *d = p;

	d->code = store_column_str(st, 0);
	d->name = store_column_str(st, 1);
	d->region_code = store_column_str(st, 2);
}

static void
dep_clear(void *p)
{
	struct store_departement *d = p;

	free(d->code);
	free(d->name);
	free(d->region_code);
}

int
store_departement_list(struct store *s, const char *region_code,
    struct store_departement **list, size_t *n)
{
	/* Codes sort as text: "01" < "2A" < "2B" < "21" is not the official
	 * order, so Corsica is placed where "20" would be. */
	static const char sql[] = "SELECT code, name, region_code "
	    "FROM departement WHERE CAST(?1 AS TEXT) IS NULL OR "
	    "region_code = ?1 "
	    "ORDER BY length(code), "
	    "CASE code WHEN '2A' THEN '20A' WHEN '2B' THEN '20B' "
	    "ELSE code END";
	struct store_stmt *st;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (region_code != NULL &&
	    store_bind_text(s, st, 1, region_code) == -1) {
		store_done(st);
		return -1;
	}
	return store_rows(s, st, sizeof(**list), dep_row, dep_clear,
	    (void **)list, n);
}

void
store_departement_list_free(struct store_departement *list, size_t n)
{
	store_list_free(list, n, sizeof(*list), dep_clear);
}

char *
store_departement_label(struct store *s, const char *code)
{
	static const char sql[] = "SELECT code || ' ' || name "
	    "FROM departement WHERE code = ?1";
	struct store_stmt *st;
	char *label = NULL;

	if ((st = store_prepare(s, sql)) == NULL)
		return NULL;
	if (store_bind_text(s, st, 1, code) == 0 &&
	    store_step(s, st) == STORE_STEP_ROW)
		label = store_column_str(st, 0);
	store_done(st);
	return label;
}

char *
store_theme_label(struct store *s, const char *key)
{
	static const char sql[] = "SELECT label FROM theme WHERE key = ?1";
	struct store_stmt *st;
	char *label = NULL;

	if ((st = store_prepare(s, sql)) == NULL)
		return NULL;
	if (store_bind_text(s, st, 1, key) == 0 &&
	    store_step(s, st) == STORE_STEP_ROW)
		label = store_column_str(st, 0);
	store_done(st);
	return label;
}

const struct store_choice store_org_types[] = {
	{ "collectivite", "Collectivité territoriale" },
	{ "etat", "Service de l'État" },
	{ "operateur", "Opérateur national" },
	{ "securite-sociale", "Organisme de sécurité sociale" },
	{ "association", "Association" },
	{ "entreprise", "Entreprise" },
	{ "autre", "Autre" },
};
const size_t store_norg_types = nitems(store_org_types);

const char *
store_org_type_label(const char *key)
{
	size_t i;

	if (key == NULL || *key == '\0')
		return "";
	for (i = 0; i < store_norg_types; i++)
		if (strcmp(key, store_org_types[i].key) == 0)
			return store_org_types[i].label;
	return NULL;
}

int
store_org_type_parse(const char *typed)
{
	char *t, *k, *l;
	size_t i, n;
	int found = -1;

	t = txt_fold(typed != NULL ? typed : "");
	n = strlen(t);
	for (i = 0; n > 0 && i < store_norg_types && found == -1; i++) {
		k = txt_fold(store_org_types[i].key);
		l = txt_fold(store_org_types[i].label);
		if (strncmp(k, t, n) == 0 || strncmp(l, t, n) == 0 ||
		    strstr(l, t) != NULL)
			found = (int)i;
		free(k);
		free(l);
	}
	free(t);
	return found;
}
