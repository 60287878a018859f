/*
 * test_mail.c - e-mail on ":memory:": the confirmation of an address
 * (wrong codes counted, expiry, too many tries, too many requests), the
 * settings that need a confirmed address, the private messages owed a
 * notice (not one's own, not from someone blocked, each once), a refused
 * address mailed no more, the digests due; and the messages built with
 * GMime, parsed back: headers that decode to the right French, a
 * quoted-printable body with no line past 78 columns.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "admin_mail.h"
#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

#define NOW	1765000000	/* 6 December 2025 */

static struct store	*st;
static int64_t		 camille, karim, elodie;

static int64_t
add_member(const char *login, const char *name)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.organisation = (char *)"CCAS";
	m.role = ROLE_MEMBRE;
	m.status = STATUS_ACTIF;
	if (store_member_insert(st, &m) != 0)
		exit(1);
	return m.id;
}

/* The code waiting to be mailed to member, as the sender sees it. */
static char *
code_of(int64_t member)
{
	struct store_mail_to *l;
	size_t n, i;
	char *code = NULL;

	if (store_mail_codes(st, NOW, &l, &n) != STORE_OK)
		return NULL;
	for (i = 0; i < n; i++)
		if (l[i].member_id == member)
			code = xstrdup(l[i].code);
	store_mail_to_list_free(l, n);
	return code;
}

static void
confirm(int64_t member, const char *address)
{
	char *code;

	CHECK_RC(store_mail_confirm_request(st, member, address, NOW),
	    STORE_OK);
	code = code_of(member);
	CHECK(code != NULL);
	CHECK_RC(store_mail_confirm_check(st, member, code != NULL ? code :
	    "", NOW + 60), STORE_OK);
	free(code);
}

static void
test_confirm(void)
{
	struct store_mail_pref p;
	char *code, wrong[16];
	int i;

	CHECK_RC(store_mail_confirm_request(st, camille, "pas une adresse",
	    NOW), STORE_INVALID);
	CHECK_RC(store_mail_confirm_request(st, camille, "a@b", NOW),
	    STORE_INVALID);
	CHECK_RC(store_mail_confirm_request(st, camille,
	    "x@y.fr\nBcc: tous@exemple.fr", NOW), STORE_INVALID);
	CHECK_RC(store_mail_confirm_check(st, camille, "12345678", NOW),
	    STORE_NOT_FOUND);
	/* Nothing before an address is confirmed. */
	CHECK_RC(store_mail_set_digest(st, camille, DIGEST_DAILY, NOW),
	    STORE_STATE);
	CHECK_RC(store_mail_set_per_message(st, camille, 1), STORE_STATE);

	CHECK_RC(store_mail_confirm_request(st, camille,
	    "camille.durand@ccas-villeurbanne.fr", NOW), STORE_OK);
	code = code_of(camille);
	CHECK(code != NULL && strlen(code) == STORE_MAIL_CODE_LEN);
	CHECK_RC(store_mail_pref_get(st, camille, &p), STORE_OK);
	CHECK_STR(p.pending, "camille.durand@ccas-villeurbanne.fr");
	CHECK_STR(p.address, "");
	store_mail_pref_clear(&p);
	/* A wrong code is counted; the right one, typed with a space as
	 * the mail shows it, confirms. */
	snprintf(wrong, sizeof(wrong), "%08d", (atoi(code) + 1) % 100000000);
	CHECK_RC(store_mail_confirm_check(st, camille, wrong, NOW),
	    STORE_INVALID);
	snprintf(wrong, sizeof(wrong), "%.4s %s", code, code + 4);
	CHECK_RC(store_mail_confirm_check(st, camille, wrong, NOW + 10),
	    STORE_OK);
	/* Used once. */
	CHECK_RC(store_mail_confirm_check(st, camille, code, NOW + 20),
	    STORE_NOT_FOUND);
	free(code);
	CHECK_RC(store_mail_pref_get(st, camille, &p), STORE_OK);
	CHECK_STR(p.address, "camille.durand@ccas-villeurbanne.fr");
	CHECK_STR(p.pending, "");
	store_mail_pref_clear(&p);
	CHECK_RC(store_mail_confirm_request(st, camille,
	    "camille.durand@ccas-villeurbanne.fr", NOW), STORE_EXISTS);

	/* Expiry. */
	CHECK_RC(store_mail_confirm_request(st, karim, "karim@aap-lille.fr",
	    NOW), STORE_OK);
	code = code_of(karim);
	CHECK_RC(store_mail_confirm_check(st, karim, code, NOW +
	    STORE_MAIL_CODE_TTL + 1), STORE_TOO_LATE);
	free(code);
	/* Too many wrong codes: void, even the right one. */
	CHECK_RC(store_mail_confirm_request(st, karim, "karim@aap-lille.fr",
	    NOW), STORE_OK);
	code = code_of(karim);
	snprintf(wrong, sizeof(wrong), "%08d", (atoi(code) + 1) % 100000000);
	for (i = 1; i < STORE_MAIL_CODE_TRIES; i++)
		CHECK_RC(store_mail_confirm_check(st, karim, wrong, NOW),
		    STORE_INVALID);
	CHECK_RC(store_mail_confirm_check(st, karim, wrong, NOW),
	    STORE_TOO_MANY);
	CHECK_RC(store_mail_confirm_check(st, karim, code, NOW),
	    STORE_TOO_MANY);
	free(code);
	/* A day's worth of codes (2 asked so far), then no more. */
	for (i = 2; i < STORE_MAIL_CODES_DAY; i++)
		CHECK_RC(store_mail_confirm_request(st, karim,
		    "karim@aap-lille.fr", NOW + i), STORE_OK);
	CHECK_RC(store_mail_confirm_request(st, karim, "karim@aap-lille.fr",
	    NOW + 100), STORE_TOO_MANY);
	CHECK_RC(store_mail_confirm_request(st, karim, "karim@aap-lille.fr",
	    NOW + 86400 + 1), STORE_OK);
}

static void
test_notes(void)
{
	struct store_mail_to *l;
	struct store_mail_out *o;
	int64_t conv, msg, conv2, msg2;
	size_t n, no;
	char *bad = NULL;

	confirm(elodie, "elodie.nguyen@prefecture.gouv.fr");
	CHECK_RC(store_mail_set_per_message(st, elodie, 1), STORE_OK);
	CHECK_RC(store_mail_set_per_message(st, camille, 0), STORE_OK);
	CHECK_RC(store_conversation_new(st, karim, "elodie demo",
	    "Réunion à Lille", "Le texte reste privé.", &conv, &msg, &bad),
	    STORE_OK);
	free(bad);
	CHECK_RC(store_conversation_new(st, elodie, "karim", "Sa propre",
	    "Elle l'écrit.", &conv2, &msg2, &bad), STORE_OK);
	free(bad);
	/* Élodie, once, for Karim's message; Camille did not ask; her own
	 * message is no news to her. */
	CHECK_RC(store_mail_notes(st, &l, &n), STORE_OK);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT((int)l[0].member_id, (int)elodie);
		CHECK_STR(l[0].author, "Karim Benali");
		CHECK_INT((int)l[0].message_id, (int)msg);
		CHECK_RC(store_mail_queue_note(st, &l[0], "message 1", NOW),
		    STORE_OK);
		/* A second run that read the same list queues nothing. */
		CHECK_RC(store_mail_queue_note(st, &l[0], "message 1", NOW),
		    STORE_STATE);
	}
	store_mail_to_list_free(l, n);
	CHECK_RC(store_mail_notes(st, &l, &n), STORE_OK);
	CHECK_INT((int)n, 0);
	store_mail_to_list_free(l, n);
	/* Blocked: no notice. */
	CHECK_RC(store_block_set(st, elodie, karim, 1), STORE_OK);
	CHECK_RC(store_message_reply(st, karim, msg, "Encore moi.", &msg2),
	    STORE_OK);
	CHECK_RC(store_mail_notes(st, &l, &n), STORE_OK);
	CHECK_INT((int)n, 0);
	store_mail_to_list_free(l, n);
	CHECK_RC(store_block_set(st, elodie, karim, 0), STORE_OK);

	/* The outbox: the refused address is mailed no more. */
	CHECK_RC(store_mail_waiting(st, &o, &no), STORE_OK);
	CHECK_INT((int)no, 1);
	if (no == 1) {
		CHECK_STR(o[0].kind, "message");
		CHECK_RC(store_mail_refused(st, o[0].id, "550 inconnue",
		    NOW), STORE_OK);
	}
	store_mail_out_list_free(o, no);
	CHECK_RC(store_mail_waiting(st, &o, &no), STORE_OK);
	CHECK_INT((int)no, 0);
	store_mail_out_list_free(o, no);
	CHECK_RC(store_message_reply(st, karim, msg, "Et encore.", &msg2),
	    STORE_OK);
	CHECK_RC(store_mail_notes(st, &l, &n), STORE_OK);
	CHECK_INT((int)n, 0);
	store_mail_to_list_free(l, n);
	/* Confirming again lifts the refusal, from now on. */
	confirm(elodie, "elodie@nguyen.fr");
	CHECK_RC(store_mail_notes(st, &l, &n), STORE_OK);
	CHECK_INT((int)n, 0);
	store_mail_to_list_free(l, n);
}

static void
test_due(void)
{
	struct store_mail_to *l;
	size_t n;
	const char *items[] = { "m1", "d2" };
	char **told;
	size_t ntold;

	CHECK_RC(store_mail_set_digest(st, camille, DIGEST_DAILY, NOW),
	    STORE_OK);
	/* Asked at NOW: due at the first digest time after it. */
	CHECK_RC(store_mail_due(st, NOW - 60, NOW - 60, &l, &n), STORE_OK);
	CHECK_INT((int)n, 0);
	store_mail_to_list_free(l, n);
	CHECK_RC(store_mail_due(st, NOW + 3600, NOW - 60, &l, &n), STORE_OK);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT((int)l[0].since, (int)(NOW - STORE_MAIL_OVERLAP));
		CHECK_RC(store_mail_queue_digest(st, &l[0], items, 2,
		    "digest", NOW + 3600), STORE_OK);
		CHECK_RC(store_mail_queue_digest(st, &l[0], items, 2,
		    "digest", NOW + 3600), STORE_STATE);
	}
	store_mail_to_list_free(l, n);
	CHECK_RC(store_mail_told(st, camille, &told, &ntold), STORE_OK);
	CHECK_INT((int)ntold, 2);
	if (ntold == 2) {
		CHECK(strcmp(told[0], "m1") == 0 || strcmp(told[1], "m1") == 0);
		CHECK(strcmp(told[0], "d2") == 0 || strcmp(told[1], "d2") == 0);
	}
	while (ntold > 0)
		free(told[--ntold]);
	free(told);
	CHECK_RC(store_mail_due(st, NOW + 3600, NOW - 60, &l, &n), STORE_OK);
	CHECK_INT((int)n, 0);
	store_mail_to_list_free(l, n);
	/* Set by the team: due at once, looking back to the start. */
	CHECK_RC(store_mail_set(st, karim, "pas une adresse", DIGEST_WEEKLY,
	    0, NOW), STORE_INVALID);
	CHECK_RC(store_mail_set(st, karim, "karim@aap-lille.fr", DIGEST_WEEKLY,
	    1, NOW), STORE_OK);
	CHECK_RC(store_mail_due(st, NOW - 60, NOW - 60, &l, &n), STORE_OK);
	CHECK_INT((int)n, 1);
	if (n == 1) {
		CHECK_INT((int)l[0].member_id, (int)karim);
		CHECK_INT((int)l[0].since, 0);
	}
	store_mail_to_list_free(l, n);
	CHECK_RC(store_mail_set(st, karim, "karim@aap-lille.fr", DIGEST_NEVER,
	    0, NOW), STORE_OK);
	/* Stopped by the sysop: never again. */
	CHECK_RC(store_mail_stop(st, camille), STORE_OK);
	CHECK_RC(store_mail_due(st, NOW + 90000, NOW + 90000, &l, &n),
	    STORE_OK);
	CHECK_INT((int)n, 0);
	store_mail_to_list_free(l, n);
}

/* The part of text, GMime's decoding of the message's body. */
static char *
body_of(GMimeMessage *m)
{
	GMimeObject *part = g_mime_message_get_body(m);
	char *s;

	if (part == NULL || !GMIME_IS_TEXT_PART(part))
		return xstrdup("");
	s = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
	return s;
}

static GMimeMessage *
parse(const char *data)
{
	GMimeStream *s;
	GMimeParser *p;
	GMimeMessage *m;

	s = g_mime_stream_mem_new_with_buffer(data, strlen(data));
	p = g_mime_parser_new_with_stream(s);
	m = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	g_object_unref(s);
	return m;
}

/* No line of data wider than 78 bytes (encoded: ASCII). */
static int
lines_fit(const char *data)
{
	const char *p = data, *nl;

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p) - 1;
		if (nl - p > MAIL_COLUMNS)
			return 0;
		if (nl[0] == '\0')
			break;
	}
	return 1;
}

static void
test_build(void)
{
	struct config cfg;
	struct store_mail_to to;
	struct mail_item it[2];
	GMimeMessage *m;
	char *data, *body, *text, *subj;
	const char *h;

	config_defaults(&cfg);
	free(cfg.mail_from);
	cfg.mail_from = xstrdup("Réseau Intégration <palabre@reseau.fr>");
	free(cfg.site_name);
	cfg.site_name = xstrdup("Réseau Intégration");
	cfg.site_article = "le ";
	memset(&to, 0, sizeof(to));
	to.login = (char *)"elodie";
	to.display_name = (char *)"Élodie Nguyen";
	to.address = (char *)"elodie.nguyen@prefecture.gouv.fr";
	to.author = (char *)"Karim Benali";
	to.conversation_id = 7;
	to.message_id = 12;
	to.at = NOW;

	data = mail_note(&cfg, &to, NOW);
	CHECK(strstr(data, "=?UTF-8?") != NULL);	/* RFC 2047 */
	CHECK(strstr(data, "charset=utf-8") != NULL);
	CHECK(strstr(data, "quoted-printable") != NULL);
	CHECK(strstr(data, "Message-Id: <") != NULL ||
	    strstr(data, "Message-ID: <") != NULL);
	CHECK(strstr(data, "Date: ") != NULL);
	CHECK(lines_fit(data));
	m = parse(data);
	CHECK(m != NULL);
	if (m != NULL) {
		subj = g_strdup(g_mime_message_get_subject(m));
		CHECK_STR(subj, "Karim Benali vous a écrit sur Réseau "
		    "Intégration");
		g_free(subj);
		body = body_of(m);
		CHECK(strstr(body, "Bonjour Élodie Nguyen,") != NULL);
		CHECK(strstr(body, "ssh -p 2222 elodie@reseau.fr lire c7") !=
		    NULL);
		CHECK(strstr(body, "désabonnement") != NULL);
		g_free(body);
		h = g_mime_object_get_header(GMIME_OBJECT(m),
		    "List-Unsubscribe");
		CHECK(h != NULL && strstr(h, "<mailto:palabre@reseau.fr?"
		    "subject=") != NULL);
		h = g_mime_object_get_header(GMIME_OBJECT(m), "Auto-Submitted");
		CHECK(h != NULL && strcmp(h, "auto-generated") == 0);
		g_object_unref(m);
	}
	free(data);

	/* A digest: long French titles wrapped, each line at most 78
	 * columns once decoded. */
	memset(it, 0, sizeof(it));
	it[0].id = "m12";
	it[0].kind = "Nouveau fil";
	it[0].title = "Domiciliation des personnes sans adresse stable : "
	    "les pratiques des CCAS d'Île-de-France et de Bourgogne-"
	    "Franche-Comté, réunies pour la journée d'échanges de mars";
	it[0].where = "Forum « Accès aux droits »";
	it[0].who = "Karim Benali";
	it[0].at = NOW - 3600;
	it[1].id = "d4";
	it[1].kind = "Document";
	it[1].title = "Circulaire du 2 mai relative à l'accueil";
	it[1].where = "Bibliothèque";
	it[1].who = "";
	it[1].at = NOW - 7200;
	to.since = NOW - 86400 - STORE_MAIL_OVERLAP;
	to.until = NOW - 86400;
	data = mail_digest(&cfg, &to, it, 2, 0, NOW);
	CHECK(lines_fit(data));
	CHECK(strstr(data, "Precedence: bulk") != NULL);
	m = parse(data);
	if (m != NULL) {
		subj = g_strdup(g_mime_message_get_subject(m));
		CHECK_STR(subj, "Réseau Intégration : 2 nouveautés pour vous");
		g_free(subj);
		body = body_of(m);
		text = body;
		CHECK(strstr(text, "ssh -p 2222 elodie@reseau.fr lire m12") !=
		    NULL);
		CHECK(strstr(text, "ssh -p 2222 elodie@reseau.fr lire d4") !=
		    NULL);
		CHECK(strstr(text, "Franche-") != NULL);
		CHECK(strstr(text, "5\u00a0décembre 2025 à 6\u00a0h\u00a046") != NULL);
		CHECK(strstr(text, "Forum « Accès aux droits », par Karim "
		    "Benali, le ") != NULL);
		CHECK(strstr(text, "     Bibliothèque, le ") != NULL);
		CHECK(strstr(text, "Le texte reste privé") == NULL);
		/* Every decoded line fits in 78 columns. */
		{
			char *line, *save = NULL, *copy = xstrdup(text);
			int ok = 1;

			for (line = strtok_r(copy, "\n", &save); line != NULL;
			    line = strtok_r(NULL, "\n", &save))
				if (txt_width(line) > MAIL_COLUMNS)
					ok = 0;
			CHECK(ok);
			free(copy);
		}
		g_free(body);
		g_object_unref(m);
	}
	free(data);
	config_clear(&cfg);
}

/* The address forgotten: per-message mail cannot be turned on again
 * (the row's time now bound by the store, not SQL's clock). */
static void
test_forget(void)
{
	/* Karim's address, set by the team in test_notes. */
	CHECK_RC(store_mail_set_per_message(st, karim, 1), STORE_OK);
	CHECK_RC(store_mail_forget(st, karim), STORE_OK);
	CHECK_RC(store_mail_set_per_message(st, karim, 1), STORE_STATE);
	CHECK_RC(store_mail_set_per_message(st, karim, 0), STORE_OK);
}

int
main(void)
{
	st = unit_mem_store();
	camille = add_member("demo", "Camille Durand");
	karim = add_member("karim", "Karim Benali");
	elodie = add_member("elodie", "Élodie Nguyen");
	RUN(test_confirm);
	RUN(test_notes);
	RUN(test_due);
	RUN(test_build);
	RUN(test_forget);
	store_free(st);
	TEST_DONE();
}
