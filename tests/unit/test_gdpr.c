/*
 * test_gdpr.c - a member's rights over their data, on a database file.
 *
 * François touches every table that refers to a member (through the
 * store where a screen would, with plain SQL for the rest). Then:
 * - every member column of the schema (read from its foreign keys) is
 *   covered by the export, or left out on purpose, and François has rows
 *   in each, so a table added later without its export section fails
 *   here;
 * - his JSON export has something in every section, his text export
 *   names his records, selection, report, follows and journal;
 * - after his erasure, « sqlite3 .dump » of the whole file (FTS5 shadow
 *   tables included, hex blobs decoded, compared case- and
 *   accent-insensitively) holds none of his login, name, e-mail address,
 *   organisation, job, profile texts or keys, though his post and
 *   message signed with his name stay (unsigned); no FTS5 index has his
 *   surname among its terms; the catalogue search for it finds nothing;
 *   the audit log names « anonyme-N » instead of him.
 */
#include <sys/wait.h>
#include <sys/types.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_board.h"
#include "store/store_message.h"
#include "store/store_practice.h"
#include "store/store_profile.h"
#include "text/txt.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

#define LOGIN		"francois"
#define NAME		"François Oehmichen"
#define ORG		"Médiathèque Vaulx-Quatrevents"
#define EMAIL		"F.Oehmichen@exemple-bibliobus.fr"
#define JOB		"Médiateur numérique itinérant"
#define EXPERTISE	"bibliobus connecté, fablab rural"
#define PRESENTATION	"Je sillonne les bourgs du Diois chaque mardi."
#define KEY_COMMENT	"francois@portable-bleu"
#define KEY_FP		"SHA256:Oehm1ch3nFingerprintQuatrevents0000000000"
#define KEY_BLOB	"AAAAC3NzaC1lZDI1NTE5AAAAIOehmichenBlobQuatrevents00000"

static char		*dir, *db;
static struct store	*st;
static sqlite3		*raw;
static int64_t		 francois, karim, camille;

static int64_t
add_member(const char *login, const char *name, const char *org, int role)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.organisation = (char *)org;
	m.role = role;
	m.status = STATUS_ACTIF;
	if (store_member_insert(st, &m) != 0)
		exit(1);
	return m.id;
}

/* Plain SQL on the second connection; %lld are member ids. */
static void
sql(const char *fmt, ...)
{
	char *q, *err = NULL;
	va_list ap;

	va_start(ap, fmt);
	q = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_exec(raw, q, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", q, err);
		exit(1);
	}
	sqlite3_free(q);
}

static int64_t
count(const char *fmt, ...)
{
	sqlite3_stmt *s;
	char *q;
	va_list ap;
	int64_t n = -1;

	va_start(ap, fmt);
	q = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(raw, q, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_free(q);
	return n;
}

static void
practice_fields(const char *f[PF_NFIELDS], const char *title,
    const char *contact_login, const char *contact)
{
	memset(f, 0, sizeof(*f) * PF_NFIELDS);
	f[PF_TITLE] = title;
	f[PF_ORG] = "Bibliothèque départementale de la Drôme";
	f[PF_ORG_TYPE] = "collectivite";
	f[PF_PARTNERS] = "";
	f[PF_DEPARTEMENT] = "26";
	f[PF_COMMUNE] = "Die";
	f[PF_THEMES] = "francais";
	f[PF_PUBLIC] = "Familles allophones des villages";
	f[PF_START] = "2022";
	f[PF_END] = "";
	f[PF_CONTEXT] = "Peu de lieux de lecture.";
	f[PF_ACTIONS] = "Des ateliers de conversation dans le bus.";
	f[PF_MEANS] = "Un bus, deux médiateurs.";
	f[PF_RESULTS] = "Quarante familles inscrites.";
	f[PF_REPRODUCE] = "Un véhicule et des bénévoles.";
	f[PF_CONTACT_LOGIN] = contact_login;
	f[PF_CONTACT] = contact;
	f[PF_DOCS] = "";
}

/* François (and Karim, Camille around him) touch every member table. */
static void
build(void)
{
	struct store_board_conf c;
	struct store_viewer fv, kv, cv;
	struct store_penalty_policy pol = { 5, 600, 60 };
	const char *f[PF_NFIELDS];
	int64_t thread, post, kpost, kpost2, kpost3, conv, msg, mine, theirs, report;
	char *bad = NULL;
	int field;

	francois = add_member(LOGIN, NAME, ORG, ROLE_MODERATEUR);
	karim = add_member("karim", "Karim Benali", "Accueil et Promotion",
	    ROLE_MODERATEUR);
	camille = add_member("camille", "Camille Durand", "CCAS",
	    ROLE_MEMBRE);
	memset(&fv, 0, sizeof(fv));
	fv.member_id = francois;
	fv.login = LOGIN;
	fv.role = ROLE_MODERATEUR;
	kv = fv;
	kv.member_id = karim;
	kv.login = "karim";
	cv = fv;
	cv.member_id = camille;
	cv.login = "camille";
	cv.role = ROLE_MEMBRE;

	CHECK_RC(store_profile_set(st, francois, PROF_JOB, JOB), STORE_OK);
	CHECK_RC(store_profile_set(st, francois, PROF_EXPERTISE, EXPERTISE),
	    STORE_OK);
	CHECK_RC(store_profile_set(st, francois, PROF_PRESENTATION,
	    PRESENTATION), STORE_OK);
	CHECK_RC(store_profile_set(st, francois, PROF_EMAIL, EMAIL), STORE_OK);
	CHECK_RC(store_pref_set(st, francois, "charset", "latin9"), STORE_OK);
	sql("INSERT INTO member_key (member_id, algo, blob, fingerprint, "
	    "comment, created_at) VALUES (%lld, 'ssh-ed25519', '%s', '%s', "
	    "'%s', 1)", (long long)francois, KEY_BLOB, KEY_FP, KEY_COMMENT);
	CHECK_RC(store_penalty_fail(st, LOGIN, 1000, &pol), STORE_OK);

	memset(&c, 0, sizeof(c));
	c.key = (char *)"essai";
	c.title = (char *)"Essai";
	c.description = c.section = (char *)"";
	c.moderators = (char *)"karim " LOGIN;
	c.read_role = ROLE_INVITE;
	c.post_role = ROLE_MEMBRE;
	CHECK_RC(store_board_sync(st, &c, 1, NULL), STORE_OK);
	CHECK_RC(store_thread_new(st, &fv, 1, "Bibliobus et FLE",
	    "Qui fait des ateliers dans un bus ?\n-- " NAME, &thread, &post),
	    STORE_OK);
	CHECK_RC(store_post_reply(st, &kv, post, "Nous, à Lille.", &kpost),
	    STORE_OK);
	CHECK_RC(store_post_reply(st, &kv, post, "Et à Roubaix.", &kpost2),
	    STORE_OK);
	/* Karim's replies tell him (mention.member_id); he names Karim back
	 * (mention.author_id) and opens one in « Quoi de neuf ». */
	CHECK_RC(store_post_reply(st, &fv, kpost, "Merci @karim !", &kpost3),
	    STORE_OK);
	CHECK_RC(store_news_seen(st, francois, "m2", 5), STORE_OK);
	/* The board marked read (read_board), one post unread again under
	 * the mark (read_thread, read_mark). */
	CHECK_RC(store_read_board(st, &fv, 1), STORE_OK);
	CHECK_RC(store_read_post(st, &fv, kpost), STORE_OK);
	CHECK_RC(store_unread_post(st, &fv, kpost), STORE_OK);
	CHECK_RC(store_report_add(st, &fv, kpost2, "Hors sujet, signalé "
	    "par prudence"), STORE_OK);
	CHECK_RC(store_post_hide(st, &fv, kpost2, "Doublon"), STORE_OK);
	CHECK_RC(store_report_add(st, &cv, kpost, "Ton vif"), STORE_OK);
	report = count("SELECT id FROM report WHERE reporter_id = %lld",
	    (long long)camille);
	CHECK_RC(store_report_close(st, &fv, report, "Rien à redire"),
	    STORE_OK);

	CHECK_RC(store_conversation_new(st, francois, "karim", "Bus de mars",
	    "Bonjour Karim,\nFrançois", &conv, &msg, &bad), STORE_OK);
	free(bad);
	CHECK_RC(store_block_set(st, francois, camille, 1), STORE_OK);
	CHECK_RC(store_block_set(st, camille, francois, 1), STORE_OK);
	sql("INSERT INTO draft (member_id, kind, board_id, target_id, title, "
	    "body, updated_at) VALUES (%lld, 'thread', 1, 0, 'Brouillon', "
	    "'à finir', 1)", (long long)francois);
	/* Camille's draft of a message to him names him. */
	sql("INSERT INTO draft (member_id, kind, title, body, recipients, "
	    "updated_at) VALUES (%lld, 'message', 'Pour lui', '...', "
	    "'karim " LOGIN "', 1)", (long long)camille);

	sql("INSERT INTO doc (title, title_fold, kind, added_at, added_by, "
	    "updated_at, updated_by) VALUES ('Guide du bibliobus', "
	    "'guide du bibliobus', 'guide', 1, %lld, 2, %lld)",
	    (long long)francois, (long long)francois);
	sql("INSERT INTO doc_pick (member_id, doc_id, added_at) VALUES "
	    "(%lld, 1, 1)", (long long)francois);

	practice_fields(f, "Le bibliobus qui parle français", LOGIN,
	    NAME ", " EMAIL);
	mine = 0;
	CHECK_RC(store_practice_submit(st, &fv, &mine, f, &field), STORE_OK);
	CHECK_RC(store_practice_publish(st, &kv, mine), STORE_OK);
	/* Karim's record gives him as a contact, in words. */
	practice_fields(f, "Ateliers du samedi", "karim",
	    "Voir aussi " NAME " (" EMAIL ")");
	theirs = 0;
	CHECK_RC(store_practice_submit(st, &kv, &theirs, f, &field), STORE_OK);
	CHECK_RC(store_practice_publish(st, &fv, theirs), STORE_OK);
	f[PF_TITLE] = "Ateliers du samedi matin";
	CHECK_RC(store_practice_submit(st, &kv, &theirs, f, &field), STORE_OK);
	CHECK_RC(store_practice_follow(st, &fv, theirs, 1), STORE_OK);
	sql("INSERT INTO practice_draft (member_id, practice_id, data, "
	    "updated_at) VALUES (%lld, 0, '{\"title\": \"Suite\"}', 1)",
	    (long long)francois);

	sql("INSERT INTO event (title, starts_at, ends_at, organiser_id, "
	    "deadline, created_at, updated_at) VALUES ('Journée bibliobus', "
	    "2000000000, 2000003600, %lld, 1999990000, 1, 1)",
	    (long long)francois);
	sql("INSERT INTO event_registration (event_id, member_id, "
	    "registered_at) VALUES (1, %lld, 1)", (long long)francois);
	sql("INSERT INTO event_draft (member_id, event_id, fields, "
	    "updated_at) VALUES (%lld, 0, 'Deuxième journée', 1)",
	    (long long)francois);
	sql("INSERT INTO edito (title, body, author_id, byline, "
	    "published_at, created_at, hidden_at, hidden_by) VALUES "
	    "('Édito', 'Texte', %lld, '" NAME ", " ORG "', 1, 1, NULL, NULL),"
	    "('Ancien', 'Texte', %lld, 'Karim', 1, 1, 2, %lld)",
	    (long long)francois, (long long)karim, (long long)francois);
	/* E-mail: a confirmed address, a code, a digest sent. */
	sql("INSERT INTO mail_pref (member_id, address, digest, digest_at, "
	    "updated_at) VALUES (%lld, '" EMAIL "', 'quotidien', 5, 1)",
	    (long long)francois);
	sql("INSERT INTO mail_confirm (member_id, address, code, expires_at, "
	    "window_start) VALUES (%lld, '" EMAIL "', '12345678', 9, 1)",
	    (long long)francois);
	sql("INSERT INTO mail_outbox (member_id, kind, address, data, "
	    "created_at) VALUES (%lld, 'digest', '" EMAIL "', 'To: " EMAIL
	    "', 1)", (long long)francois);
	sql("INSERT INTO mail_sent (member_id, item, sent_at) VALUES "
	    "(%lld, 'm1', 5)", (long long)francois);
	CHECK_RC(store_audit(st, 0, "member.add", LOGIN, "moderateur"),
	    STORE_OK);
	CHECK_RC(store_audit(st, 0, "member.profile", LOGIN,
	    "courriel " EMAIL), STORE_OK);
	CHECK_RC(store_audit(st, karim, "note", "fiche 1",
	    "contact : " NAME), STORE_OK);
	CHECK_RC(store_audit(st, francois, "member.key.add", LOGIN, KEY_FP),
	    STORE_OK);
}

/* Every member column is exported (or left out on purpose), and the
 * test data has rows in each. */
static void
test_covered(void)
{
	sqlite3_stmt *t, *k;
	const char *table, *from;
	int pairs = 0;

	CHECK_INT(sqlite3_prepare_v2(raw, "SELECT name FROM sqlite_master "
	    "WHERE type = 'table' ORDER BY name", -1, &t, NULL), SQLITE_OK);
	CHECK_INT(sqlite3_prepare_v2(raw, "SELECT \"table\", \"from\" FROM "
	    "pragma_foreign_key_list(?)", -1, &k, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		table = (const char *)sqlite3_column_text(t, 0);
		sqlite3_reset(k);
		sqlite3_bind_text(k, 1, table, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(k) == SQLITE_ROW) {
			if (strcmp((const char *)sqlite3_column_text(k, 0),
			    "member") != 0)
				continue;
			from = (const char *)sqlite3_column_text(k, 1);
			pairs++;
			if (store_member_export_covers(table, from) ==
			    STORE_EXPORT_FORGOTTEN) {
				fprintf(stderr, "  not exported: %s.%s\n",
				    table, from);
				CHECK(!"a member column the export forgets");
			}
			if (count("SELECT COUNT(*) FROM \"%w\" WHERE "
			    "\"%w\" = %lld", table, from,
			    (long long)francois) <= 0) {
				fprintf(stderr, "  no test row: %s.%s\n",
				    table, from);
				CHECK(!"a member column the test leaves empty");
			}
		}
	}
	sqlite3_finalize(k);
	sqlite3_finalize(t);
	CHECK(pairs >= 30);
	/* Members named by login rather than by id. */
	CHECK_INT(sqlite3_prepare_v2(raw, "SELECT m.name, c.name FROM "
	    "sqlite_master m JOIN pragma_table_info(m.name) c WHERE "
	    "m.type = 'table' AND (c.name LIKE '%login%' OR c.name IN "
	    "('moderators', 'recipients'))", -1, &t, NULL), SQLITE_OK);
	pairs = 0;
	while (sqlite3_step(t) == SQLITE_ROW) {
		table = (const char *)sqlite3_column_text(t, 0);
		from = (const char *)sqlite3_column_text(t, 1);
		pairs++;
		if (store_member_export_covers(table, from) ==
		    STORE_EXPORT_FORGOTTEN) {
			fprintf(stderr, "  not exported: %s.%s\n", table, from);
			CHECK(!"a column of logins the export forgets");
		}
	}
	sqlite3_finalize(t);
	CHECK(pairs >= 4);
	CHECK(store_member_export_covers("member", "id") ==
	    STORE_EXPORT_COVERED);
	CHECK(store_member_export_covers("member_block", "blocked_id") ==
	    STORE_EXPORT_LEFT_OUT);
	CHECK(store_member_export_covers("post", "nothing") ==
	    STORE_EXPORT_FORGOTTEN);
}

static void
test_export(void)
{
	const char *keys[64];
	size_t n, i;
	char *out = NULL, *want;

	CHECK_RC(store_member_export(st, francois, 1, &out), STORE_OK);
	n = store_member_export_sections(keys, 64);
	CHECK(n > 20 && n <= 64);
	for (i = 0; out != NULL && i < n && i < 64; i++) {
		xasprintf(&want, "\"%s\": [\n    {", keys[i]);
		if (strstr(out, want) == NULL) {
			fprintf(stderr, "  empty section: %s\n", keys[i]);
			CHECK(!"every section has François's rows");
		} else
			CHECK(1);
		free(want);
	}
	CHECK(out != NULL && strstr(out, "$argon2") == NULL);
	free(out);

	CHECK_RC(store_member_export(st, francois, 0, &out), STORE_OK);
	CHECK(out != NULL && strstr(out, "Le bibliobus qui parle français")
	    != NULL);					/* his record */
	CHECK(out != NULL && strstr(out, "Guide du bibliobus") != NULL);
	CHECK(out != NULL && strstr(out, "Hors sujet, signalé par "
	    "prudence") != NULL);			/* his report */
	CHECK(out != NULL && strstr(out, "Ateliers du samedi matin") !=
	    NULL);					/* his follow */
	CHECK(out != NULL && strstr(out, "member.profile") != NULL);
	CHECK(out != NULL && strstr(out, "(rien)") == NULL);
	free(out);
}

/* Append the bytes of every X'..' blob of the dump d to b. */
static void
dump_blobs(const char *d, struct buf *b)
{
	const char *p = d, *e;
	unsigned int x;
	char hex[3] = { 0, 0, 0 };

	while ((p = strstr(p, "X'")) != NULL) {
		p += 2;
		for (e = p; e[0] != '\'' && e[0] != '\0' && e[1] != '\0';
		    e += 2) {
			hex[0] = e[0];
			hex[1] = e[1];
			if (sscanf(hex, "%x", &x) != 1)
				break;
			buf_add(b, (char []){ (char)x }, 1);
		}
		buf_add(b, "\n", 1);
		p = e;
	}
}

/* « sqlite3 DB .dump », its text and its blobs' bytes, folded. */
static char *
dump_folded(void)
{
	struct buf b;
	char line[4096], *text, *f;
	FILE *fp;
	pid_t pid;
	int p[2];

	/* The sqlite3 program itself, no shell between. */
	if (pipe(p) == -1)
		return xstrdup("");
	if ((pid = fork()) == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		execlp("sqlite3", "sqlite3", "-readonly", db, ".dump",
		    (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	if (pid == -1 || (fp = fdopen(p[0], "r")) == NULL) {
		close(p[0]);
		return xstrdup("");
	}
	buf_init(&b);
	while (fgets(line, sizeof(line), fp) != NULL)
		buf_adds(&b, line);
	fclose(fp);
	waitpid(pid, NULL, 0);
	buf_add(&b, "", 1);
	text = buf_detach(&b);
	buf_init(&b);
	buf_adds(&b, text);
	dump_blobs(text, &b);
	free(text);
	buf_add(&b, "", 1);
	/* Blob bytes are not text: keep the printable ones to fold. */
	text = buf_detach(&b);
	for (f = text; *f != '\0'; f++)
		if ((unsigned char)*f < 0x20 && *f != '\n')
			*f = ' ';
	f = txt_fold(text);
	free(text);
	return f;
}

/* Terms of every FTS5 index that start with word (folded). */
static int64_t
fts_terms(const char *word)
{
	static const char *const idx[] = { "post_fts", "doc_fts",
	    "doc_fts_head", "practice_fts" };
	size_t i;
	int64_t n = 0;

	for (i = 0; i < nitems(idx); i++) {
		sql("DROP TABLE IF EXISTS temp.v; CREATE VIRTUAL TABLE temp.v "
		    "USING fts5vocab(main, %Q, 'row')", idx[i]);
		n += count("SELECT COUNT(*) FROM temp.v WHERE term GLOB '%q*'",
		    word);
	}
	sql("DROP TABLE IF EXISTS temp.v");
	return n;
}

static size_t
search(const char *q)
{
	struct store_practice_item *l = NULL;
	size_t n = 0;

	if (store_practice_search(st, q, NULL, 10, &l, &n) != 0)
		return (size_t)-1;
	store_practice_item_list_free(l, n);
	return n;
}

static void
test_erase(void)
{
	static const char *const fields[] = { LOGIN, NAME, ORG, EMAIL, JOB,
	    EXPERTISE, PRESENTATION, KEY_COMMENT, KEY_FP, KEY_BLOB };
	char *d, *f, *pseudo;
	size_t i;
	int64_t t0;

	/* Before: he is everywhere (so the checks below can fail). */
	CHECK_INT(search("oehmichen"), 2);
	CHECK(fts_terms("oehmichen") > 0);
	d = dump_folded();
	f = txt_fold(NAME);
	CHECK(strstr(d, f) != NULL);
	free(f);
	free(d);

	t0 = time(NULL);
	CHECK_RC(store_member_erase(st, francois, 0), STORE_OK);
	CHECK_RC(store_member_erase(st, francois, 0), STORE_NOT_FOUND);
	/* Anonymised now (the store's clock, bound). */
	CHECK(count("SELECT updated_at FROM member WHERE id = %lld "
	    "AND status = 'anonymise'", (long long)francois) >= t0);
	CHECK(count("SELECT updated_at FROM member WHERE id = %lld",
	    (long long)francois) <= time(NULL));

	d = dump_folded();
	CHECK(strlen(d) > 10000);
	for (i = 0; i < nitems(fields); i++) {
		f = txt_fold(fields[i]);
		if (strstr(d, f) != NULL) {
			fprintf(stderr, "  still in the dump: %s\n", fields[i]);
			CHECK(!"an erased field left in the database");
		} else
			CHECK(1);
		free(f);
	}
	CHECK(strstr(d, "oehmichen") == NULL);
	free(d);
	CHECK_INT(fts_terms("oehmichen"), 0);
	CHECK_INT(fts_terms("francois"), 0);
	CHECK_INT(search("oehmichen"), 0);
	CHECK_INT(search("ateliers"), 2);		/* records stay */
	xasprintf(&pseudo, "anonyme-%lld", (long long)francois);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log WHERE target = '%q'",
	    pseudo), 3);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log WHERE detail = "
	    "'contact : %q'", pseudo), 1);
	CHECK_INT(count("SELECT COUNT(*) FROM practice_follow"), 0);
	CHECK_INT(count("SELECT nfollowers FROM practice WHERE id = 2"), 0);
	CHECK_INT(count("SELECT COUNT(*) FROM post WHERE author_id = %lld "
	    "AND body = 'Qui fait des ateliers dans un bus ?\n-- %q'",
	    (long long)francois, pseudo), 1);	/* his post stays, unsigned */
	CHECK_INT(count("SELECT COUNT(*) FROM message WHERE body = "
	    "'Bonjour Karim,\n%q'", pseudo), 1);
	free(pseudo);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	st = unit_file_store("gdpr", &dir, &db, &raw);
	build();
	RUN(test_covered);
	RUN(test_export);
	RUN(test_erase);
	sqlite3_close(raw);
	store_free(st);
	unit_rmtree(dir);
	free(db);
	free(dir);
	TEST_DONE();
}
