/*
 * test_practice.c - the practice catalogue's store on ":memory:": the
 * checks of a record, the workflow (submit, return with a comment,
 * amend, publish, update), the history, the filters alone and combined,
 * search (folded, within filters, snippets), follows and the author's
 * news, drafts, the discussion thread, dates and the plain-text export;
 * the documents of the shelf a record links to (kept in order, checked,
 * in drafts and versions, both ways, in the export and the search), and
 * the first comment that makes the thread only when it is sent; what a
 * moderator's screen says when a decision does not happen (the role, a
 * database error, a record that no longer waits: three sentences).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static struct store	*st;
static int64_t		 camille, karim, elodie;

static int64_t
add_member(const char *login, const char *name, int role)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.organisation = (char *)"CCAS";
	m.role = role;
	m.status = STATUS_ACTIF;
	if (store_member_insert(st, &m) != 0)
		return -1;
	return m.id;
}

/* A complete record with accents in every field. */
static void
fields(const char *f[PF_NFIELDS], const char *title, const char *dep,
    const char *type, const char *themes)
{
	f[PF_TITLE] = title;
	f[PF_ORG] = "Mairie de Saint-Étienne";
	f[PF_ORG_TYPE] = type;
	f[PF_PARTNERS] = "Pôle emploi, CAF de la Loire";
	f[PF_DEPARTEMENT] = dep;
	f[PF_COMMUNE] = "Saint-Étienne";
	f[PF_THEMES] = themes;
	f[PF_PUBLIC] = "Femmes primo-arrivantes éloignées de l'emploi";
	f[PF_START] = "03/2021";
	f[PF_END] = "";
	f[PF_CONTEXT] = "Des mères isolées, peu de français.";
	f[PF_ACTIONS] = "Ateliers sociolinguistiques au cœur du quartier,\n"
	    "garde d'enfants assurée pendant les séances.";
	f[PF_MEANS] = "Deux formatrices à mi-temps ; 40 000 €.";
	f[PF_RESULTS] = "Trente-deux participantes, dix-huit en formation.";
	f[PF_REPRODUCE] = "Un local proche et une crèche partenaire.";
	f[PF_CONTACT_LOGIN] = "karim";
	f[PF_CONTACT] = "";
	f[PF_DOCS] = "";
}

static void
setup(void)
{
	st = unit_mem_store();
	camille = add_member("camille", "Camille Durand", ROLE_MEMBRE);
	karim = add_member("karim", "Karim Benali", ROLE_MEMBRE);
	elodie = add_member("elodie", "Élodie Nguyen", ROLE_MODERATEUR);
}

static void
test_check(void)
{
	const char *f[PF_NFIELDS];
	int field = -1;

	fields(f, "Ateliers", "42", "collectivite", "francais emploi");
	CHECK_RC(store_practice_check(st, f, &field), STORE_OK);
	f[PF_TITLE] = "  \n ";
	CHECK_RC(store_practice_check(st, f, &field), STORE_EMPTY);
	CHECK_INT(field, PF_TITLE);
	f[PF_TITLE] = "Ateliers";
	f[PF_DEPARTEMENT] = "100";
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, PF_DEPARTEMENT);
	f[PF_DEPARTEMENT] = "2A";
	f[PF_THEMES] = "francais cuisine";
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, PF_THEMES);
	f[PF_THEMES] = "francais";
	f[PF_ORG_TYPE] = "banque";
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, PF_ORG_TYPE);
	f[PF_ORG_TYPE] = "association";
	f[PF_START] = "13/2021";
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, PF_START);
	f[PF_START] = "2022";
	f[PF_END] = "06/2021";
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, PF_END);
	f[PF_END] = "";
	f[PF_CONTACT_LOGIN] = "";
	CHECK_RC(store_practice_check(st, f, &field), STORE_EMPTY);
	CHECK_INT(field, PF_CONTACT_LOGIN);
	f[PF_CONTACT] = "Mme Leroy, 04 77 00 00 00";
	CHECK_RC(store_practice_check(st, f, &field), STORE_OK);
	f[PF_CONTACT_LOGIN] = "personne";
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, PF_CONTACT_LOGIN);
}

static void
test_dates(void)
{
	char d[11], buf[64], *p;

	/* The forms of a date are test_date's; here what the record adds:
	 * empty is no date, years of our time only, the label read back. */
	CHECK_INT(store_practice_date_parse("", d), 0);
	CHECK_STR(d, "");
	CHECK_INT(store_practice_date_parse("1850", d), -1);
	CHECK_INT(store_practice_date_parse("mars", d), -1);
	txt_date_label("2019-08-01", buf, sizeof(buf));
	CHECK_INT(store_practice_date_parse(buf, d), 0);
	CHECK_STR(d, "2019-08-01");
	p = store_practice_period("2021-03", "");
	CHECK_STR(p, "depuis mars 2021 (en cours)");
	free(p);
	p = store_practice_period("2019", "2021-12");
	CHECK_STR(p, "de 2019 à décembre 2021");
	free(p);
}

static size_t
list_count(const struct store_practice_filter *f)
{
	struct store_practice_item *l;
	size_t n = 0;
	int64_t c = -1;

	if (store_practice_list(st, f, 0, 0, &l, &n) != 0)
		return (size_t)-1;
	store_practice_item_list_free(l, n);
	if (store_practice_count(st, f, &c) != 0 || (size_t)c != n)
		return (size_t)-2;
	return n;
}

static size_t
search_count(const char *q, const struct store_practice_filter *f)
{
	struct store_practice_item *l;
	size_t n = 0;

	if (store_practice_search(st, q, f, 50, &l, &n) != 0)
		return 0;
	store_practice_item_list_free(l, n);
	return n;
}

/* Every organisation type the form offers can be saved (the list is
 * shared with the directory; the table's CHECK must follow it). */
static void
test_org_types(void)
{
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	const char *f[PF_NFIELDS];
	int64_t id;
	size_t i;
	int field;

	for (i = 0; i < store_norg_types; i++) {
		id = 0;
		fields(f, "Permanence d'accès aux droits", "69",
		    store_org_types[i].key, "acces-droits");
		CHECK_RC(store_practice_submit(st, &vc, &id, f, &field),
		    STORE_OK);
		CHECK(id > 0);
	}
}

static void
test_workflow(void)
{
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_viewer ve = unit_viewer(elodie, "elodie", ROLE_MODERATEUR);
	struct store_practice p;
	struct store_practice_item *l;
	struct store_practice_version *vl;
	const char *f[PF_NFIELDS];
	int64_t id = 0, other = 0, n;
	size_t nl;
	int field;

	fields(f, "Ateliers de français pour les mères", "42",
	    "collectivite", "francais emploi");
	CHECK_RC(store_practice_submit(st, &vc, &id, f, &field), STORE_OK);
	CHECK(id > 0);
	/* Waiting: its author and moderators see it, others do not. */
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_NOT_FOUND);
	CHECK_RC(store_practice_get(st, &vc, id, &p), STORE_OK);
	CHECK_INT(p.state, PRACTICE_A_VALIDER);
	CHECK_STR(p.f[PF_START], "2021-03");
	CHECK_STR(p.departement_label, "42 Loire");
	CHECK_STR(p.region_name, "Auvergne-Rhône-Alpes");
	CHECK_STR(p.themes_label, "Apprentissage du français ; Emploi et "
	    "insertion professionnelle");
	CHECK_STR(p.contact_name, "Karim Benali");
	store_practice_clear(&p);
	CHECK_INT(list_count(NULL), 0);
	CHECK_RC(store_practice_waiting_count(st, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_RC(store_practice_waiting(st, &vc, &l, &nl), STORE_FORBIDDEN);
	CHECK_RC(store_practice_publish(st, &vk, id), STORE_FORBIDDEN);

	/* Returned with a comment, amended, resubmitted. */
	CHECK_RC(store_practice_return(st, &ve, id, ""), STORE_EMPTY);
	CHECK_RC(store_practice_return(st, &ve, id, "Précisez le budget, "
	    "s'il vous plaît."), STORE_OK);
	CHECK_RC(store_practice_return(st, &ve, id, "encore"), STORE_STATE);
	CHECK_RC(store_practice_get(st, &vc, id, &p), STORE_OK);
	CHECK_INT(p.state, PRACTICE_RENVOYEE);
	CHECK_STR(p.comment, "Précisez le budget, s'il vous plaît.");
	CHECK_STR(p.moderator_name, "Élodie Nguyen");
	store_practice_clear(&p);
	CHECK_RC(store_practice_submit(st, &vk, &id, f, &field),
	    STORE_FORBIDDEN);
	f[PF_MEANS] = "Deux formatrices à mi-temps ; 40 000 € (FAMI, ville).";
	CHECK_RC(store_practice_submit(st, &vc, &id, f, &field), STORE_OK);
	CHECK_RC(store_practice_get(st, &vc, id, &p), STORE_OK);
	CHECK_INT(p.state, PRACTICE_A_VALIDER);
	CHECK_INT(p.version, 2);
	store_practice_clear(&p);

	CHECK_RC(store_practice_publish(st, &ve, id), STORE_OK);
	CHECK_RC(store_practice_publish(st, &ve, id), STORE_STATE);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.state, PRACTICE_PUBLIEE);
	CHECK(p.published_at > 0);
	CHECK_STR(p.comment, "");
	store_practice_clear(&p);
	/* Backdated (an import): every date moves, published stays set. */
	CHECK_INT(store_practice_backdate(st, id, 1500000000), 0);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.created_at, 1500000000);
	CHECK_INT(p.published_at, 1500000000);
	CHECK_INT(p.moderated_at, 1500000000);
	store_practice_clear(&p);

	/* A published record updated by its author stays published; each
	 * former content is kept. */
	f[PF_RESULTS] = "Trente-deux participantes, vingt en formation.";
	CHECK_RC(store_practice_submit(st, &vc, &id, f, &field), STORE_OK);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.state, PRACTICE_PUBLIEE);
	CHECK_INT(p.version, 3);
	store_practice_clear(&p);
	CHECK_RC(store_practice_versions(st, &vk, id, &vl, &nl),
	    STORE_FORBIDDEN);
	CHECK_RC(store_practice_versions(st, &vc, id, &vl, &nl), STORE_OK);
	CHECK_INT(nl, 2);
	if (nl == 2) {
		CHECK_INT(vl[0].version, 2);
		CHECK_INT(vl[0].state, PRACTICE_PUBLIEE);
		CHECK_STR(vl[0].f[PF_RESULTS], "Trente-deux participantes, "
		    "dix-huit en formation.");
		CHECK_INT(vl[1].version, 1);
		CHECK_STR(vl[1].f[PF_MEANS], "Deux formatrices à mi-temps ; "
		    "40 000 €.");
		CHECK_STR(vl[1].f[PF_CONTACT_LOGIN], "karim");
	}
	store_practice_version_list_free(vl, nl);
	/* The index follows the update. */
	CHECK_INT(search_count("vingt", NULL), 1);
	CHECK_INT(search_count("dix-huit", NULL), 0);

	/* A second record, returned: never listed nor found. */
	fields(f, "Permanence d'accès aux droits", "93", "association",
	    "acces-droits");
	CHECK_RC(store_practice_submit(st, &vk, &other, f, &field), STORE_OK);
	CHECK_INT(search_count("permanence", NULL), 0);
	CHECK_RC(store_practice_mine(st, &vk, &l, &nl), STORE_OK);
	CHECK_INT(nl, 1);
	store_practice_item_list_free(l, nl);
	CHECK_RC(store_practice_waiting(st, &ve, &l, &nl), STORE_OK);
	CHECK_INT(nl, 1);
	if (nl == 1)
		CHECK_INT(l[0].id, other);
	store_practice_item_list_free(l, nl);
}

static void
test_filters_search(void)
{
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_viewer ve = unit_viewer(elodie, "elodie", ROLE_MODERATEUR);
	struct store_practice_filter flt;
	struct store_practice_item *l;
	const char *f[PF_NFIELDS];
	int64_t id;
	size_t n;
	int field;

	/* Three more published records across territories and types. */
	fields(f, "Médiation santé", "93", "association", "sante");
	id = 0;
	CHECK_RC(store_practice_submit(st, &vk, &id, f, &field), STORE_OK);
	CHECK_RC(store_practice_publish(st, &ve, id), STORE_OK);
	fields(f, "Parrainage vers l'emploi", "75", "etat", "emploi jeunes");
	f[PF_ACTIONS] = "Un réseau d'employeurs engagés contre les "
	    "discriminations à l'embauche.";
	id = 0;
	CHECK_RC(store_practice_submit(st, &vk, &id, f, &field), STORE_OK);
	CHECK_RC(store_practice_publish(st, &ve, id), STORE_OK);
	fields(f, "Café des langues", "69", "association", "francais");
	id = 0;
	CHECK_RC(store_practice_submit(st, &vk, &id, f, &field), STORE_OK);
	CHECK_RC(store_practice_publish(st, &ve, id), STORE_OK);

	memset(&flt, 0, sizeof(flt));
	CHECK_INT(list_count(&flt), 4);
	flt.departement = "93";
	CHECK_INT(list_count(&flt), 1);
	memset(&flt, 0, sizeof(flt));
	flt.region = "11";
	CHECK_INT(list_count(&flt), 2);
	flt.org_type = "etat";
	CHECK_INT(list_count(&flt), 1);
	flt.theme = "sante";
	CHECK_INT(list_count(&flt), 0);
	memset(&flt, 0, sizeof(flt));
	flt.theme = "francais";
	CHECK_INT(list_count(&flt), 2);
	flt.region = "84";
	CHECK_INT(list_count(&flt), 2);
	flt.departement = "69";
	CHECK_INT(list_count(&flt), 1);
	memset(&flt, 0, sizeof(flt));
	flt.org_type = "association";
	CHECK_INT(list_count(&flt), 2);

	/* Newest published first. */
	memset(&flt, 0, sizeof(flt));
	CHECK_RC(store_practice_list(st, &flt, 0, 2, &l, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(l[0].title, "Café des langues");
		CHECK_STR(l[1].departement_name, "Paris");
	}
	store_practice_item_list_free(l, n);

	/* Search: accents and case folded, words ANDed, in any field. */
	CHECK_INT(search_count("cafe", NULL), 1);
	CHECK_INT(search_count("MEDIATION", NULL), 1);
	CHECK_INT(search_count("discrimination embauche", NULL), 1);
	/* The employment one has other actions: no « cœur » there. */
	CHECK_INT(search_count("coeur", NULL), 3);
	CHECK_INT(search_count("seine-saint-denis", NULL), 1);
	CHECK_INT(search_count("apprentissage", NULL), 2);
	CHECK_INT(search_count("introuvable", NULL), 0);
	memset(&flt, 0, sizeof(flt));
	flt.region = "84";
	CHECK_INT(search_count("coeur", &flt), 2);
	CHECK_RC(store_practice_search(st, "  ; ", NULL, 10, &l, &n),
	    STORE_EMPTY);
	CHECK_RC(store_practice_search(st, "embauche", NULL, 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(strstr(l[0].snippet, "[embauche]") != NULL);
	store_practice_item_list_free(l, n);
	/* FTS syntax typed by a member is just words. */
	CHECK_INT(search_count("\"cafe\" OR NEAR(", NULL), 0);
}

static void
test_follow_draft_thread(void)
{
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_practice_filter flt;
	struct store_practice_item *l;
	struct store_practice p;
	struct store_board_conf bc;
	const char *f[PF_NFIELDS];
	char *g[PF_NFIELDS], *text;
	int64_t id, n, tid, pid, tid2, pid2;
	size_t nl;
	int i, changed;

	memset(&flt, 0, sizeof(flt));
	flt.departement = "42";
	CHECK_RC(store_practice_list(st, &flt, 0, 1, &l, &nl), STORE_OK);
	CHECK_INT(nl, 1);
	id = nl == 1 ? l[0].id : 0;
	store_practice_item_list_free(l, nl);

	/* Camille wrote it: she cannot follow it; Karim can, once. */
	CHECK_RC(store_practice_follow(st, &vc, id, 1), STORE_FORBIDDEN);
	CHECK_RC(store_practice_follow(st, &vk, id, 1), STORE_OK);
	CHECK_RC(store_practice_follow(st, &vk, id, 1), STORE_EXISTS);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.nfollowers, 1);
	CHECK_INT(p.following, 1);
	store_practice_clear(&p);
	CHECK_RC(store_practice_news(st, &vc, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_RC(store_practice_mine(st, &vc, &l, &nl), STORE_OK);
	CHECK(nl == 1 && l[0].new_followers == 1 && l[0].nfollowers == 1);
	store_practice_item_list_free(l, nl);
	CHECK_RC(store_practice_news_seen(st, &vc), STORE_OK);
	CHECK_RC(store_practice_news(st, &vc, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_RC(store_practice_follow(st, &vk, id, 0), STORE_OK);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.nfollowers, 0);
	CHECK_INT(p.following, 0);
	store_practice_clear(&p);

	/* Drafts: kept as typed, even invalid. */
	fields(f, "Brouillon « à finir »", "999", "", "");
	CHECK_RC(store_practice_draft_find(st, camille, 0, g), STORE_NOT_FOUND);
	CHECK_RC(store_practice_draft_save(st, camille, 0, 0, f), STORE_OK);
	f[PF_TITLE] = "Brouillon « à finir », suite";
	CHECK_RC(store_practice_draft_save(st, camille, 0, 0, f), STORE_OK);
	CHECK_RC(store_practice_draft_find(st, camille, 0, g), STORE_OK);
	CHECK_STR(g[PF_TITLE], "Brouillon « à finir », suite");
	CHECK_STR(g[PF_DEPARTEMENT], "999");
	CHECK_STR(g[PF_ACTIONS], f[PF_ACTIONS]);
	for (i = 0; i < PF_NFIELDS; i++)
		free(g[i]);
	CHECK_RC(store_practice_draft_find(st, karim, 0, g), STORE_NOT_FOUND);
	CHECK_RC(store_practice_draft_delete(st, camille, 0), STORE_OK);
	CHECK_RC(store_practice_draft_find(st, camille, 0, g), STORE_NOT_FOUND);

	/* The discussion: no board yet, then created once. */
	CHECK_RC(store_practice_thread(st, &vk, id, "catalogue", &tid,
	    &pid), STORE_FORBIDDEN);
	memset(&bc, 0, sizeof(bc));
	bc.key = (char *)"catalogue";
	bc.title = (char *)"Catalogue des pratiques";
	bc.description = bc.section = bc.moderators = (char *)"";
	bc.read_role = ROLE_MEMBRE;
	bc.post_role = ROLE_MEMBRE;
	CHECK_RC(store_board_sync(st, &bc, 1, &changed), STORE_OK);
	CHECK_RC(store_practice_thread(st, &vk, id, "catalogue", &tid,
	    &pid), STORE_OK);
	CHECK(tid > 0 && pid > 0);
	CHECK_RC(store_practice_thread(st, &vc, id, "catalogue", &tid2,
	    &pid2), STORE_OK);
	CHECK(tid2 == tid && pid2 == pid);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.thread_id, tid);

	/* The export: plain text, every part, wrapped. */
	text = store_practice_export(st, &p, 60);
	CHECK(strstr(text, "Fiche n° ") == text);
	CHECK(strstr(text, " h ") == NULL);
	CHECK(strstr(text, "Territoire : 42 Loire, Saint-Étienne") != NULL);
	CHECK(strstr(text, "Période : depuis mars 2021 (en cours)") != NULL);
	CHECK(strstr(text, "Contact : Karim Benali") != NULL);
	CHECK(strstr(text, "\nCe qui a été fait\nAteliers") != NULL);
	CHECK(strstr(text, "Organisation porteuse : Mairie de Saint-Étienne\n"
	    "(Collectivité territoriale)") != NULL);
	for (char *line = text; *line != '\0'; ) {
		char *end = strchr(line, '\n');
		size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
		char *one = xstrndup(line, len);

		CHECK(txt_width(one) <= 60);
		free(one);
		line += len + (end != NULL);
	}
	free(text);
	store_practice_clear(&p);
}

/* A document of the shelf, as an import would save it. */
static int64_t
add_doc(const char *title, int kind, const char *published)
{
	struct store_doc d;
	int outcome;

	memset(&d, 0, sizeof(d));
	d.title = (char *)title;
	d.kind = kind;
	d.published = (char *)published;
	d.body = (char *)"Article 1. Le texte.";
	if (store_doc_save(st, 0, &d, &outcome, NULL) != 0)
		return -1;
	return d.id;
}

/* Threads and posts of the catalogue's board: 0, or -1. */
static int
board_counts(int64_t *threads, int64_t *posts)
{
	struct store_viewer v = unit_viewer(elodie, "elodie", ROLE_MODERATEUR);
	struct store_board b;

	memset(&b, 0, sizeof(b));
	if (store_board_by_key(st, &v, "catalogue", &b) != 0)
		return -1;
	*threads = b.nthreads;
	*posts = b.nposts;
	store_board_clear(&b);
	return 0;
}

static void
test_docs(void)
{
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_viewer ve = unit_viewer(elodie, "elodie", ROLE_MODERATEUR);
	struct store_practice p;
	struct store_practice_doc *dl;
	struct store_practice_item *l;
	struct store_practice_version *vl;
	const char *f[PF_NFIELDS];
	char *g[PF_NFIELDS], ids[256], many[512], *text;
	int64_t circ, guide, id = 0, tid, pid, tid2, pid2, n0, n1, p0, p1;
	size_t n, nl;
	int field, i;

	circ = add_doc("Circulaire relative à la domiciliation", DOC_CIRCULAIRE,
	    "2023-02-15");
	guide = add_doc("Guide des permanences itinérantes", DOC_GUIDE,
	    "2022-11");
	CHECK(circ > 0 && guide > 0);

	/* Checked: ids of the shelf only, once each, in the given order. */
	fields(f, "Permanence de domiciliation à la mairie annexe", "69",
	    "collectivite", "acces-droits");
	f[PF_DOCS] = "999";
	field = -1;
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, PF_DOCS);
	f[PF_DOCS] = "guide";
	CHECK_RC(store_practice_check(st, f, &field), STORE_INVALID);
	snprintf(ids, sizeof(ids), "%lld %lld %lld", (long long)guide,
	    (long long)circ, (long long)guide);
	f[PF_DOCS] = ids;
	CHECK_RC(store_practice_submit(st, &vc, &id, f, &field), STORE_OK);
	CHECK_RC(store_practice_get(st, &vc, id, &p), STORE_OK);
	snprintf(ids, sizeof(ids), "%lld %lld", (long long)guide,
	    (long long)circ);
	CHECK_STR(p.f[PF_DOCS], ids);
	CHECK_RC(store_practice_docs(st, p.f[PF_DOCS], &dl, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(dl[0].title, "Guide des permanences itinérantes");
		CHECK_INT(dl[0].kind, DOC_GUIDE);
		CHECK_STR(dl[1].published, "2023-02-15");
		text = store_practice_doc_line(&dl[1]);
		CHECK_STR(text, "Circulaire, 15\u00a0février 2023");
		free(text);
	}
	store_practice_doc_list_free(dl, n);
	store_practice_clear(&p);
	/* What is no longer a document is left out when read back. */
	CHECK_RC(store_practice_docs(st, "12345 x", &dl, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_practice_doc_list_free(dl, n);

	/* More than STORE_PRACTICE_DOCS_MAX: too long. */
	many[0] = '\0';
	for (i = 0; i <= STORE_PRACTICE_DOCS_MAX; i++) {
		char t[64];
		int64_t d;

		snprintf(t, sizeof(t), "Note d'information n° %d", i + 1);
		d = add_doc(t, DOC_NOTE, "2020");
		snprintf(many + strlen(many), sizeof(many) - strlen(many),
		    "%s%lld", i > 0 ? " " : "", (long long)d);
	}
	f[PF_DOCS] = many;
	CHECK_RC(store_practice_check(st, f, &field), STORE_TOO_MANY);
	CHECK_INT(field, PF_DOCS);

	/* Both ways: a document lists the published records only. */
	CHECK_RC(store_practice_by_doc(st, circ, &l, &nl), STORE_OK);
	CHECK_INT(nl, 0);
	store_practice_item_list_free(l, nl);
	CHECK_RC(store_practice_publish(st, &ve, id), STORE_OK);
	CHECK_RC(store_practice_by_doc(st, circ, &l, &nl), STORE_OK);
	CHECK(nl == 1 && l[0].id == id);
	store_practice_item_list_free(l, nl);

	/* The search finds a record by the title of its documents. */
	CHECK_RC(store_practice_search(st, "itinerantes", NULL, 10,
	    &l, &nl), STORE_OK);
	CHECK(nl == 1 && l[0].id == id);
	store_practice_item_list_free(l, nl);

	/* An update drops the guide: the version keeps it, the guide no
	 * longer points to the record. */
	snprintf(ids, sizeof(ids), "%lld", (long long)circ);
	f[PF_DOCS] = ids;
	CHECK_RC(store_practice_submit(st, &vc, &id, f, &field), STORE_OK);
	CHECK_RC(store_practice_by_doc(st, guide, &l, &nl), STORE_OK);
	CHECK_INT(nl, 0);
	store_practice_item_list_free(l, nl);
	CHECK_RC(store_practice_versions(st, &vc, id, &vl, &nl), STORE_OK);
	snprintf(ids, sizeof(ids), "%lld %lld", (long long)guide,
	    (long long)circ);
	CHECK(nl == 1 && strcmp(vl[0].f[PF_DOCS], ids) == 0);
	store_practice_version_list_free(vl, nl);

	/* Drafts keep the list as typed. */
	f[PF_DOCS] = "3 1";
	CHECK_RC(store_practice_draft_save(st, camille, id, 0, f), STORE_OK);
	CHECK_RC(store_practice_draft_find(st, camille, id, g), STORE_OK);
	CHECK_STR(g[PF_DOCS], "3 1");
	for (i = 0; i < PF_NFIELDS; i++)
		free(g[i]);
	CHECK_RC(store_practice_draft_delete(st, camille, id), STORE_OK);

	/* The export names its documents. */
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	text = store_practice_export(st, &p, 72);
	CHECK(strstr(text, "\nDocuments de la bibliothèque\n- Circulaire "
	    "relative à la domiciliation (Circulaire, 15\u00a0février "
	    "2023)\n") != NULL);
	free(text);

	/* The first comment: nothing made while nothing is sent. */
	CHECK_INT(p.thread_id, 0);
	store_practice_clear(&p);
	CHECK_INT(board_counts(&n0, &p0), 0);
	CHECK_RC(store_practice_comment(st, &vk, id, "catalogue", "  ",
	    &tid, &pid), STORE_EMPTY);
	CHECK_INT(board_counts(&n1, &p1), 0);
	CHECK_INT(n1, n0);
	CHECK_INT(p1, p0);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.thread_id, 0);
	store_practice_clear(&p);
	CHECK_RC(store_practice_comment(st, &vk, id, "nulle-part", "Bonjour",
	    &tid, &pid), STORE_FORBIDDEN);
	CHECK_RC(store_practice_comment(st, &vk, id, "catalogue",
	    "Pouvons-nous échanger sur la domiciliation ?", &tid, &pid),
	    STORE_OK);
	CHECK(tid > 0 && pid > 0);
	CHECK_INT(board_counts(&n1, &p1), 0);
	CHECK_INT(n1, n0 + 1);
	/* The record's opening post by its author, then the comment. */
	CHECK_INT(p1, p0 + 2);
	CHECK_RC(store_practice_comment(st, &ve, id, "catalogue",
	    "Volontiers.", &tid2, &pid2), STORE_OK);
	CHECK(tid2 == tid && pid2 > pid);
	CHECK_RC(store_practice_get(st, &vk, id, &p), STORE_OK);
	CHECK_INT(p.thread_id, tid);
	store_practice_clear(&p);
	CHECK_INT(board_counts(&n1, &p1), 0);
	CHECK_INT(n1, n0 + 1);
	CHECK_INT(p1, p0 + 3);
}

/* store_draft_send()'s send() for a new record. */
struct submit_arg {
	struct store_viewer	*v;
	const char		**f;
};

static int
submit(struct store *s, void *arg, int64_t *made)
{
	struct submit_arg *a = arg;
	int field;

	*made = 0;
	return store_practice_submit(s, a->v, made, a->f, &field);
}

/* Counts camille's records, to see a record sent twice. */
static int64_t
nrecords(void)
{
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	struct store_practice_item *l;
	size_t n;

	if (store_practice_mine(st, &vc, &l, &n) != 0)
		return -1;
	store_practice_item_list_free(l, n);
	return (int64_t)n;
}

/* A new record and its draft's consumption are one: sent once only,
 * even by a form opened before the send (since), and a form opened
 * after it starts a fresh draft. */
static void
test_draft_send(void)
{
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	struct store_draft_ref ref;
	struct submit_arg a;
	const char *f[PF_NFIELDS];
	char *g[PF_NFIELDS];
	int64_t before, opened = now_sec() - 10;
	int i;

	fields(f, "Jardins partagés au pied des tours", "93", "association",
	    "logement");
	CHECK_RC(store_practice_draft_save(st, camille, 0, opened, f),
	    STORE_OK);
	before = nrecords();
	memset(&ref, 0, sizeof(ref));
	ref.table = DRAFT_OF_PRACTICE;
	ref.since = opened;
	a.v = &vc;
	a.f = f;
	CHECK_RC(store_draft_send(st, camille, &ref, submit, &a), STORE_OK);
	CHECK_INT(nrecords(), before + 1);
	CHECK_RC(store_practice_draft_find(st, camille, 0, g), STORE_NOT_FOUND);
	/* The form opened before the send is stale: refused both ways. */
	CHECK_RC(store_draft_send(st, camille, &ref, submit, &a),
	    STORE_DRAFT_SENT);
	CHECK_INT(nrecords(), before + 1);
	CHECK_RC(store_practice_draft_save(st, camille, 0, opened, f),
	    STORE_DRAFT_SENT);
	CHECK_RC(store_practice_draft_find(st, camille, 0, g), STORE_NOT_FOUND);
	/* A form opened now is a new record's. */
	CHECK_RC(store_practice_draft_save(st, camille, 0, now_sec(), f),
	    STORE_OK);
	CHECK_RC(store_practice_draft_find(st, camille, 0, g), STORE_OK);
	for (i = 0; i < PF_NFIELDS; i++)
		free(g[i]);
	CHECK_RC(store_practice_draft_delete(st, camille, 0), STORE_OK);
}

/*
 * A decision on a waiting record that does not happen says why: the
 * role, a database error, or that the record no longer waits. (The
 * screens said « La fiche n'attend plus de validation » for all three.)
 * On a file, where another connection can hold the write lock.
 */
static void
test_decision_sentences(void)
{
	struct store_viewer vk, ve;
	struct store *mem = st, *holder = NULL;
	const char *f[PF_NFIELDS];
	const char *waits = "La fiche n'attend plus de validation.";
	char dir[] = "/tmp/palabre-test-practice-XXXXXX", *db = NULL;
	char *cause = NULL;
	int64_t id = 0;
	int field, rc;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	xasprintf(&db, "%s/palabre.db", dir);
	st = store_open(db, STORE_CREATE | STORE_MIGRATE, &cause);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	vk = unit_viewer(add_member("karim", "Karim Benali", ROLE_MEMBRE),
	    "karim", ROLE_MEMBRE);
	ve = unit_viewer(add_member("elodie", "Élodie Nguyen",
	    ROLE_MODERATEUR), "elodie", ROLE_MODERATEUR);
	fields(f, "Permanence numérique au CCAS", "42", "collectivite",
	    "emploi");
	CHECK_RC(store_practice_submit(st, &vk, &id, f, &field), STORE_OK);

	/* Not a moderator. */
	rc = store_practice_publish(st, &vk, id);
	CHECK_RC(rc, STORE_FORBIDDEN);
	CHECK_STR(practice_decision_text(rc), store_rc_text(STORE_FORBIDDEN));
	rc = store_practice_return(st, &vk, id, "À revoir");
	CHECK_RC(rc, STORE_FORBIDDEN);
	CHECK(strcmp(practice_decision_text(rc), waits) != 0);

	/* The database does not answer: another process holds the write
	 * lock past our wait. The record still waits. */
	holder = store_open(db, 0, &cause);
	CHECK(holder != NULL);
	if (holder == NULL)
		goto out;
	CHECK_RC(store_begin(holder), STORE_OK);
	store_wait(st, 0);
	rc = store_practice_publish(st, &ve, id);
	CHECK_RC(rc, STORE_ERR);
	CHECK_STR(practice_decision_text(rc), store_rc_text(STORE_ERR));
	CHECK(strstr(practice_decision_text(rc), "base de données") != NULL);
	rc = store_practice_return(st, &ve, id, "À revoir");
	CHECK_RC(rc, STORE_ERR);
	CHECK(strcmp(practice_decision_text(rc), waits) != 0);
	store_rollback(holder);
	store_wait(st, STORE_WAIT_DEFAULT);

	/* Published: a second decision finds it no longer waiting. */
	CHECK_RC(store_practice_publish(st, &ve, id), STORE_OK);
	rc = store_practice_return(st, &ve, id, "À revoir");
	CHECK_RC(rc, STORE_STATE);
	CHECK_STR(practice_decision_text(rc), waits);
	CHECK_RC(store_practice_publish(st, &ve, id), STORE_STATE);
out:
	store_free(holder);
	store_free(st);
	st = mem;
	free(cause);
	free(db);
	unit_rmtree(dir);
}

int
main(void)
{
	setup();
	RUN(test_check);
	RUN(test_dates);
	RUN(test_workflow);
	RUN(test_filters_search);
	RUN(test_follow_draft_thread);
	RUN(test_docs);
	RUN(test_org_types);	/* adds records: last */
	RUN(test_draft_send);
	RUN(test_decision_sentences);	/* a store of its own */
	store_free(st);
	TEST_DONE();
}
