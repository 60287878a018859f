/*
 * test_event.c - exchange days in the store on ":memory:": the checks of
 * an event, who may create and edit, capacity and the waiting list that
 * moves up (and tells), the deadline, cancelling, the follow-up thread,
 * the participants' visibility, drafts, erasure, Paris time and the
 * iCalendar text (escaping, folding at 75 octets with accents, CRLF).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static struct store	*st;
static int64_t		 orga, camille, karim, lea, sysop;

static int64_t
add_member(const char *login, const char *name, int role)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.organisation = (char *)"Association Accueil Réfugiés";
	m.role = role;
	m.status = STATUS_ACTIF;
	if (store_member_insert(st, &m) != 0)
		return -1;
	return m.id;
}

static void
fields(const char *f[EF_NFIELDS], const char *title, const char *cap)
{
	memset(f, 0, sizeof(*f) * EF_NFIELDS);
	f[EF_TITLE] = title;
	f[EF_DATE] = "12/06/2030";
	f[EF_START] = "9:30";
	f[EF_END] = "17h";
	f[EF_PLACE] = "Maison des associations, 28 rue Denfert-Rochereau, "
	    "Lyon 4e";
	f[EF_LINK] = "";
	f[EF_CAPACITY] = cap;
	f[EF_DEADLINE] = "05/06/2030";
	f[EF_AUDIENCE] = "Travailleurs sociaux, bénévoles";
	f[EF_THEMES] = "";
	f[EF_DOCS] = "";
	f[EF_PRACTICES] = "";
	f[EF_DESCRIPTION] = "Une journée pour échanger sur l'accès aux "
	    "droits ; ateliers, retours d'expérience.";
}

static void
setup(void)
{
	struct store_board_conf bc;
	int changed;

	st = unit_mem_store();
	orga = add_member("nadia", "Nadia Benali", ROLE_ORGANISATEUR);
	camille = add_member("camille", "Camille Lefèvre", ROLE_MEMBRE);
	karim = add_member("karim", "Karim Haddad", ROLE_MEMBRE);
	lea = add_member("lea", "Léa Martin", ROLE_MEMBRE);
	sysop = add_member("martine", "Martine Roux", ROLE_SYSOP);
	memset(&bc, 0, sizeof(bc));
	bc.key = (char *)"journees";
	bc.title = (char *)"Journées d'échanges";
	bc.description = bc.section = bc.moderators = (char *)"";
	bc.read_role = ROLE_MEMBRE;
	bc.post_role = ROLE_MEMBRE;
	if (store_board_sync(st, &bc, 1, &changed) != 0)
		exit(1);
}

static void
test_check(void)
{
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	const char *f[EF_NFIELDS];
	int64_t id = 0;
	int field;

	fields(f, "Journée « accès aux droits »", "30");
	CHECK_RC(store_event_check(st, f, &field), STORE_OK);
	f[EF_TITLE] = "  ";
	CHECK_RC(store_event_check(st, f, &field), STORE_EMPTY);
	CHECK_INT(field, EF_TITLE);
	fields(f, "Titre", "30");
	f[EF_PLACE] = "";
	CHECK_RC(store_event_check(st, f, &field), STORE_EMPTY);
	CHECK_INT(field, EF_PLACE);
	f[EF_LINK] = "https://visio.example.org/salle";
	CHECK_RC(store_event_check(st, f, &field), STORE_OK);
	f[EF_DATE] = "31/02/2030";
	CHECK_RC(store_event_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, EF_DATE);
	fields(f, "Titre", "30");
	f[EF_END] = "9:00";
	CHECK_RC(store_event_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, EF_END);
	fields(f, "Titre", "1e3");
	CHECK_RC(store_event_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, EF_CAPACITY);
	fields(f, "Titre", "30");
	f[EF_DEADLINE] = "13/06/2030";
	CHECK_RC(store_event_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, EF_DEADLINE);
	fields(f, "Titre", "30");
	f[EF_THEMES] = "inconnu";
	CHECK_RC(store_event_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, EF_THEMES);
	fields(f, "Titre", "30");
	f[EF_DOCS] = "999";
	CHECK_RC(store_event_check(st, f, &field), STORE_INVALID);
	CHECK_INT(field, EF_DOCS);

	/* A member may not organise; an organiser may. */
	fields(f, "Titre", "30");
	CHECK_RC(store_event_submit(st, &vc, &id, f, "journees", &field),
	    STORE_FORBIDDEN);
	CHECK_INT(id, 0);
}

static void
test_waiting_list(void)
{
	struct store_viewer vo = unit_viewer(orga, "nadia", ROLE_ORGANISATEUR);
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_viewer vl = unit_viewer(lea, "lea", ROLE_MEMBRE);
	struct store_viewer vs = unit_viewer(sysop, "martine", ROLE_SYSOP);
	struct store_event_participant *pl;
	struct store_event e, *l;
	struct store_thread t;
	const char *f[EF_NFIELDS];
	char *g[EF_NFIELDS], *text;
	int64_t id = 0, promoted, before;
	size_t n;
	int field, waiting, i;

	fields(f, "Journée régionale « accès aux droits »", "1");
	CHECK_RC(store_event_submit(st, &vo, &id, f, "journees", &field),
	    STORE_OK);
	CHECK(id > 0);
	CHECK_RC(store_event_get(st, camille, id, &e), STORE_OK);
	CHECK_STR(e.title, "Journée régionale « accès aux droits »");
	CHECK_INT(e.capacity, 1);
	CHECK(e.thread_id > 0);
	CHECK_STR(e.organiser_name, "Nadia Benali");
	/* 12 June 2030, 9:30 in Paris is 7:30 UTC (summer time). */
	CHECK_INT(e.starts_at, 1907479800);
	before = e.deadline;
	memset(&t, 0, sizeof(t));
	CHECK_RC(store_thread_get(st, &vc, e.thread_id, &t), STORE_OK);
	CHECK(strstr(t.title, "Journée régionale") != NULL);
	store_thread_clear(&t);
	store_event_clear(&e);

	/* Camille has the place, Karim then Léa wait, in that order. */
	CHECK_RC(store_event_register(st, &vc, id, 1000, 0, &waiting),
	    STORE_OK);
	CHECK_INT(waiting, 0);
	CHECK_RC(store_event_register(st, &vc, id, 1000, 0, &waiting),
	    STORE_EXISTS);
	CHECK_RC(store_event_register(st, &vk, id, 1001, 0, &waiting),
	    STORE_OK);
	CHECK_INT(waiting, 1);
	CHECK_RC(store_event_register(st, &vl, id, 1002, 0, &waiting),
	    STORE_OK);
	CHECK_INT(waiting, 1);
	CHECK_RC(store_event_get(st, lea, id, &e), STORE_OK);
	CHECK_INT(e.nregistered, 1);
	CHECK_INT(e.nwaiting, 2);
	CHECK_INT(e.mine, EVENT_WAITING);
	CHECK_INT(e.rank, 2);
	store_event_clear(&e);

	/* Only the organiser and sysops see the participants. */
	CHECK_RC(store_event_participants(st, &vc, id, &pl, &n),
	    STORE_FORBIDDEN);
	CHECK_RC(store_event_participants(st, &vs, id, &pl, &n), STORE_OK);
	store_event_participant_list_free(pl, n);
	CHECK_RC(store_profile_set(st, camille, PROF_JOB,
	    "Conseillère en insertion"), STORE_OK);
	CHECK_RC(store_profile_set_hidden(st, karim, PROF_ORGANISATION, 1),
	    STORE_OK);
	CHECK_RC(store_event_participants(st, &vo, id, &pl, &n), STORE_OK);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(pl[0].login, "camille");
		CHECK_INT(pl[0].waiting, 0);
		CHECK_STR(pl[0].organisation, "Association Accueil Réfugiés");
		CHECK_STR(pl[0].job, "Conseillère en insertion");
		CHECK_STR(pl[1].login, "karim");
		CHECK_STR(pl[1].organisation, "");	/* hidden */
		CHECK_INT(pl[1].waiting, 1);
		CHECK_RC(store_event_get(st, orga, id, &e), STORE_OK);
		text = store_event_participants_text(&e, pl, n);
		CHECK(strstr(text, "Liste d'attente") != NULL);
		CHECK(strstr(text, "Conseillère en insertion") != NULL);
		free(text);
		store_event_clear(&e);
	}
	store_event_participant_list_free(pl, n);

	/* Camille leaves: Karim moves up in the same call, and is told. */
	CHECK_RC(store_event_news(st, karim, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_event_list_free(l, n);
	CHECK_RC(store_event_unregister(st, camille, id, 2000, &promoted),
	    STORE_OK);
	CHECK_INT(promoted, karim);
	CHECK_RC(store_event_unregister(st, camille, id, 2000, &promoted),
	    STORE_NOT_FOUND);
	CHECK_RC(store_event_get(st, karim, id, &e), STORE_OK);
	CHECK_INT(e.mine, EVENT_REGISTERED);
	CHECK_INT(e.nregistered, 1);
	CHECK_INT(e.nwaiting, 1);
	store_event_clear(&e);
	CHECK_RC(store_event_get(st, lea, id, &e), STORE_OK);
	CHECK_INT(e.rank, 1);
	store_event_clear(&e);
	CHECK_RC(store_event_news(st, karim, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(l[0].id, id);
	store_event_list_free(l, n);
	CHECK_RC(store_event_news_seen(st, karim), STORE_OK);
	CHECK_RC(store_event_news(st, karim, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_event_list_free(l, n);

	/* Mine: Karim and Léa; not Camille any more. */
	CHECK_RC(store_event_list(st, camille, EVENTS_MINE, 0, 0, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 0);
	store_event_list_free(l, n);
	CHECK_RC(store_event_list(st, lea, EVENTS_MINE, 0, 0, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 1);
	store_event_list_free(l, n);

	/* The deadline: closed after it, open to a sysop's command. */
	CHECK_RC(store_event_register(st, &vc, id, before + 1, 0, &waiting),
	    STORE_TOO_LATE);
	CHECK_RC(store_event_register(st, &vc, id, before + 1, 1, &waiting),
	    STORE_OK);
	CHECK_INT(waiting, 1);
	CHECK_RC(store_event_unregister(st, camille, id, 2001, &promoted),
	    STORE_OK);
	CHECK_INT(promoted, 0);

	/* A larger capacity moves Léa up at once. */
	CHECK_RC(store_event_get(st, orga, id, &e), STORE_OK);
	store_event_fields_of(&e, g);
	store_event_clear(&e);
	CHECK_STR(g[EF_DATE], "12\u00a0juin 2030");
	CHECK_STR(g[EF_START], "9\u00a0h\u00a030");
	CHECK_STR(g[EF_END], "17\u00a0h");
	CHECK_STR(g[EF_DEADLINE], "5\u00a0juin 2030");
	free(g[EF_CAPACITY]);
	g[EF_CAPACITY] = xstrdup("2");
	CHECK_RC(store_event_submit(st, &vk, &id, (const char *const *)g,
	    "journees", &field), STORE_FORBIDDEN);
	CHECK_RC(store_event_submit(st, &vo, &id, (const char *const *)g,
	    "journees", &field), STORE_OK);
	for (i = 0; i < EF_NFIELDS; i++)
		free(g[i]);
	CHECK_RC(store_event_get(st, lea, id, &e), STORE_OK);
	CHECK_INT(e.mine, EVENT_REGISTERED);
	CHECK_INT(e.nregistered, 2);
	CHECK_INT(e.nwaiting, 0);
	store_event_clear(&e);

	/* Cancelled: it stays, with its registrations; nobody joins. */
	CHECK_RC(store_event_cancel(st, &vk, id), STORE_FORBIDDEN);
	CHECK_RC(store_event_cancel(st, &vo, id), STORE_OK);
	CHECK_RC(store_event_cancel(st, &vs, id), STORE_NOT_FOUND);
	CHECK_RC(store_event_register(st, &vc, id, 1000, 0, &waiting),
	    STORE_CANCELLED);
	CHECK_RC(store_event_get(st, lea, id, &e), STORE_OK);
	CHECK(e.cancelled_at != 0);
	CHECK_INT(e.nregistered, 2);
	store_event_clear(&e);

	/* Drafts of the form, as typed. */
	fields(f, "Brouillon « à finir »", "abc");
	CHECK_RC(store_event_draft_find(st, orga, 0, g), STORE_NOT_FOUND);
	CHECK_RC(store_event_draft_save(st, orga, 0, 0, f), STORE_OK);
	CHECK_RC(store_event_draft_find(st, orga, 0, g), STORE_OK);
	CHECK_STR(g[EF_TITLE], "Brouillon « à finir »");
	CHECK_STR(g[EF_CAPACITY], "abc");
	CHECK_STR(g[EF_DESCRIPTION], f[EF_DESCRIPTION]);
	for (i = 0; i < EF_NFIELDS; i++)
		free(g[i]);
	CHECK_RC(store_event_draft_delete(st, orga, 0), STORE_OK);
	CHECK_RC(store_event_draft_find(st, orga, 0, g), STORE_NOT_FOUND);
}

/* Erasure: the member leaves, the first waiting moves up. */
static void
test_erase(void)
{
	struct store_viewer vo = unit_viewer(orga, "nadia", ROLE_ORGANISATEUR);
	struct store_viewer vc = unit_viewer(camille, "camille", ROLE_MEMBRE);
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_event e;
	const char *f[EF_NFIELDS];
	char *out;
	int64_t id = 0;
	int field, waiting;

	fields(f, "Atelier « apprentissage du français »", "1");
	f[EF_DATE] = "03/12/2030";
	f[EF_DEADLINE] = "";
	CHECK_RC(store_event_submit(st, &vo, &id, f, NULL, &field), STORE_OK);
	CHECK_RC(store_event_register(st, &vc, id, 1000, 0, &waiting),
	    STORE_OK);
	CHECK_RC(store_event_register(st, &vk, id, 1001, 0, &waiting),
	    STORE_OK);
	CHECK_INT(waiting, 1);
	CHECK_RC(store_member_export(st, camille, 0, &out), STORE_OK);
	CHECK(out != NULL && strstr(out, "apprentissage du français") != NULL);
	free(out);
	CHECK_RC(store_member_erase(st, camille, camille), STORE_OK);
	CHECK_RC(store_event_get(st, karim, id, &e), STORE_OK);
	CHECK_INT(e.mine, EVENT_REGISTERED);
	CHECK_INT(e.nregistered, 1);
	CHECK_INT(e.thread_id, 0);	/* no board given */
	/* Winter time: 9:30 in Paris is 8:30 UTC. */
	{
		struct tm tm;
		time_t t = (time_t)e.starts_at;

		gmtime_r(&t, &tm);
		CHECK_INT(tm.tm_hour, 8);
		CHECK_INT(tm.tm_min, 30);
	}
	store_event_clear(&e);
}

static void
test_ics(void)
{
	struct store_event e;
	struct buf b;
	char *ics, *p, *line, *save = NULL, *s;
	size_t len;
	int folded = 0, bad = 0;

	/* Escaping. */
	buf_init(&b);
	store_ics_escape(&b, "a\\b;c,d\ne");
	buf_add(&b, "", 1);
	CHECK_STR(b.data, "a\\\\b\\;c\\,d\\ne");
	buf_free(&b);

	/* Folding: 75 octets at most, never inside « é » (2 octets). */
	buf_init(&b);
	s = xstrdup("DESCRIPTION:xéééééééééééééééééééééééééééééééééééééééééééé"
	    "ééééééééééééééééééééééé");
	store_ics_line(&b, s);
	buf_add(&b, "", 1);
	CHECK(strstr(b.data, "\r\n ") != NULL);
	for (p = b.data; (line = strstr(p, "\r\n")) != NULL; p = line + 2) {
		len = (size_t)(line - p);
		if (len > 75)
			bad++;
		if (line[2] != '\0' && ((unsigned char)line[3] & 0xc0) == 0x80)
			bad++;
	}
	CHECK_INT(bad, 0);
	/* Unfolded, it is the line again. */
	{
		struct buf u;

		buf_init(&u);
		for (p = b.data; *p != '\0'; p++) {
			if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
				p += 2;
				continue;
			}
			if (p[0] == '\r' && p[1] == '\n' && p[2] == '\0')
				break;
			buf_add(&u, p, 1);
		}
		buf_add(&u, "", 1);
		CHECK_STR(u.data, s);
		buf_free(&u);
	}
	free(s);
	buf_free(&b);

	memset(&e, 0, sizeof(e));
	e.id = 7;
	e.title = xstrdup("Journée « accès aux droits », Lyon; atelier");
	e.starts_at = txt_date_paris(2030, 6, 12, 9, 30);
	e.ends_at = txt_date_paris(2030, 6, 12, 17, 0);
	e.created_at = 1700000000;
	e.updated_at = 1700000000;
	e.place = xstrdup("Maison des associations, Lyon");
	e.link = xstrdup("");
	e.organiser_name = xstrdup("Nadia Benali");
	e.organiser_org = xstrdup("Préfecture du Rhône");
	e.description = xstrdup("Ateliers le matin.\nPlénière l'après-midi, "
	    "avec les partenaires de l'État, de la CAF et des associations "
	    "d'accompagnement.");
	e.themes_label = xstrdup("Accès aux droits ; Emploi");
	ics = store_event_ics(&e, 1700000000);
	CHECK(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0);
	CHECK(strstr(ics, "\r\nUID:journee-7-1700000000@palabre\r\n") != NULL);
	CHECK(strstr(ics, "\r\nDTSTART:20300612T073000Z\r\n") != NULL);
	CHECK(strstr(ics, "\r\nDTEND:20300612T150000Z\r\n") != NULL);
	CHECK(strstr(ics, "\r\nDTSTAMP:20231114T221320Z\r\n") != NULL);
	CHECK(strstr(ics, "SUMMARY:Journée « accès aux droits »\\, Lyon\\; "
	    "atelier") != NULL);
	CHECK(strstr(ics, "\r\nCATEGORIES:Accès aux droits,Emploi\r\n") !=
	    NULL);
	CHECK(strstr(ics, "Ateliers le matin.\\nPlénière") != NULL);
	CHECK(strstr(ics, "STATUS:CONFIRMED") != NULL);
	/* Every line ends in CRLF and holds 75 octets at most. */
	s = xstrdup(ics);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		len = strlen(line);
		if (len == 0 || line[len - 1] != '\r' || len - 1 > 75)
			bad++;
		if (line[0] == ' ')
			folded++;
	}
	CHECK_INT(bad, 0);
	CHECK(folded > 0);
	CHECK(strchr(ics, '\n') != NULL && ics[strlen(ics) - 1] == '\n');
	free(s);
	free(ics);
	e.cancelled_at = 1;
	ics = store_event_ics(&e, 1700000000);
	CHECK(strstr(ics, "STATUS:CANCELLED") != NULL);
	free(ics);
	store_event_clear(&e);
}

int
main(void)
{
	setup();
	RUN(test_check);
	RUN(test_waiting_list);
	RUN(test_erase);
	RUN(test_ics);
	store_free(st);
	TEST_DONE();
}
