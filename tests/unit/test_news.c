/*
 * test_news.c - « Ma veille » and « Quoi de neuf » on ":memory:":
 * follows (and the automatic follow of the threads one writes in),
 * mentions recorded only for who may read where they were written,
 * the list filtered by what one follows or for the whole network,
 * never what one may not read, and what was seen.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static struct store	*st;
static sqlite3		*raw;		/* a second connection, plain SQL */
static char		*dir, *db;
static int64_t		 camille, karim, elodie, sofia;
static struct store_viewer cv, kv, ev, sv;
static int64_t		 pub, other, priv;	/* boards */
static char		 priv_post[24];		/* "m5": in priv */

static void
sql(const char *q)
{
	char *err = NULL;

	if (sqlite3_exec(raw, q, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", q, err);
		exit(1);
	}
}

/* One statement q, its ?1, ?2... bound to the n integers of v. */
static void
sql_ints(const char *q, size_t n, const int64_t *v)
{
	sqlite3_stmt *stmt;
	size_t i;
	int rc;

	if (sqlite3_prepare_v2(raw, q, -1, &stmt, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", q, sqlite3_errmsg(raw));
		exit(1);
	}
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(stmt, (int)i + 1, v[i]);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "%s: %s\n", q, sqlite3_errmsg(raw));
		exit(1);
	}
	sqlite3_finalize(stmt);
}

/* How many mention rows member has (kind "mention" or "reponse"). */
static int
mentions(int64_t member, const char *kind)
{
	sqlite3_stmt *s;
	int n = -1;

	if (sqlite3_prepare_v2(raw, "SELECT COUNT(*) FROM mention WHERE "
	    "member_id = ? AND kind = ?", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_bind_int64(s, 1, member) == SQLITE_OK &&
	    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The index of item id in the news of member, or -1. */
static int
news_has(int64_t member, int scope, const char *id, int *kind)
{
	struct store_news_item *l = NULL;
	size_t n = 0, i;
	int at = -1;

	CHECK_RC(store_news_list(st, member, 0, scope, &l, &n), STORE_OK);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].id, id) == 0) {
			at = (int)i;
			if (kind != NULL)
				*kind = l[i].kind;
		}
	store_news_list_free(l, n);
	return at;
}

static void
boards(void)
{
	struct store_board_conf c[3];
	size_t i;

	memset(c, 0, sizeof(c));
	for (i = 0; i < 3; i++) {
		c[i].description = c[i].section = c[i].moderators = (char *)"";
		c[i].post_role = ROLE_MEMBRE;
		c[i].position = (int)i;
	}
	c[0].key = (char *)"accueil";
	c[0].title = (char *)"Accueil des primo-arrivants";
	c[1].key = (char *)"emploi";
	c[1].title = (char *)"Emploi";
	c[2].key = (char *)"moderation";
	c[2].title = (char *)"Entre modérateurs";
	c[2].read_role = c[2].post_role = ROLE_MODERATEUR;
	CHECK_INT(store_board_sync(st, c, 3, NULL), 0);
	pub = 1;
	other = 2;
	priv = 3;
}

static void
test_follow(void)
{
	static const char *const regions[] = { "28", "11", "84" };
	struct store_follow *l = NULL;
	size_t n = 0, i;
	int64_t t, p, r;

	CHECK_RC(store_follow_set(st, camille, FOLLOW_BOARD, pub, NULL, 1),
	    STORE_OK);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_BOARD, 99, NULL, 1),
	    STORE_NOT_FOUND);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_THEME, 0, "logement",
	    1), STORE_OK);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_THEME, 0, "nulle-part",
	    1), STORE_NOT_FOUND);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_DOC_KIND, 0,
	    "circulaire", 1), STORE_OK);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_DOC_KIND, 0, "tract",
	    1), STORE_NOT_FOUND);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_ISSUER, 0, "DGCS", 1),
	    STORE_OK);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_REGION, 0, "84", 1),
	    STORE_OK);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_DEPARTEMENT, 0, "93",
	    1), STORE_OK);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_DEPARTEMENT, 0, "99",
	    1), STORE_NOT_FOUND);
	CHECK_RC(store_follow_set(st, camille, FOLLOW_MEMBER, elodie, NULL,
	    1), STORE_OK);
	CHECK_INT(store_follow_is(st, camille, FOLLOW_BOARD, pub, NULL), 1);
	CHECK_INT(store_follow_is(st, camille, FOLLOW_BOARD, other, NULL), 0);
	CHECK_INT(store_follow_is(st, camille, FOLLOW_ISSUER, 0, "dgcs"), 1);
	CHECK_RC(store_follow_list(st, camille, &l, &n), STORE_OK);
	CHECK_INT(n, 7);
	if (n == 7) {
		CHECK_STR(l[0].label, "Accueil des primo-arrivants");
		CHECK_INT(l[1].kind, FOLLOW_THEME);
		CHECK_STR(l[1].label, "Logement et hébergement");
		CHECK_STR(l[2].label, "Circulaire");
		CHECK_STR(l[3].label, "DGCS");
		CHECK_STR(l[4].label, "Auvergne-Rhône-Alpes");
		CHECK_STR(l[5].label, "Seine-Saint-Denis (93)");
		CHECK_STR(l[6].label, "Élodie Nguyen");
	}
	store_follow_list_free(l, n);

	/* Writing in a thread follows it; unfollowed, it stays so. */
	CHECK_RC(store_thread_new(st, &kv, other, "Forum des métiers",
	    "Qui vient ?", &t, &p), STORE_OK);
	CHECK_INT(store_follow_is(st, karim, FOLLOW_THREAD, t, NULL), 1);
	CHECK_RC(store_post_reply(st, &ev, p, "Moi.", &r), STORE_OK);
	CHECK_INT(store_follow_is(st, elodie, FOLLOW_THREAD, t, NULL), 1);
	CHECK_RC(store_follow_set(st, elodie, FOLLOW_THREAD, t, NULL, 0),
	    STORE_OK);
	CHECK_RC(store_post_reply(st, &ev, p, "Et ma collègue.", &r), STORE_OK);
	CHECK_INT(store_follow_is(st, elodie, FOLLOW_THREAD, t, NULL), 0);
	/* Turned off: replying follows nothing. */
	CHECK_INT(store_follow_auto(st, sofia), 1);
	CHECK_RC(store_follow_auto_set(st, sofia, 0), STORE_OK);
	CHECK_INT(store_follow_auto(st, sofia), 0);
	CHECK_RC(store_post_reply(st, &sv, p, "Nous aussi.", &r), STORE_OK);
	CHECK_INT(store_follow_is(st, sofia, FOLLOW_THREAD, t, NULL), 0);
	CHECK_RC(store_follow_auto_set(st, sofia, 1), STORE_OK);

	/* Labels in folded order: « Île-de-France » among the I, before
	 * « Normandie » (not after the Z, as bytes or NOCASE have it). */
	for (i = 0; i < nitems(regions); i++)
		CHECK_RC(store_follow_set(st, sofia, FOLLOW_REGION, 0,
		    regions[i], 1), STORE_OK);
	CHECK_RC(store_follow_list(st, sofia, &l, &n), STORE_OK);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(l[0].label, "Auvergne-Rhône-Alpes");
		CHECK_STR(l[1].label, "Île-de-France");
		CHECK_STR(l[2].label, "Normandie");
	}
	store_follow_list_free(l, n);
	for (i = 0; i < nitems(regions); i++)
		CHECK_RC(store_follow_set(st, sofia, FOLLOW_REGION, 0,
		    regions[i], 0), STORE_OK);
}

static void
test_mentions(void)
{
	int64_t t, p, conv, msg;
	char *bad = NULL, id[24];
	int kind = -1;

	/* Camille (membre) cannot read the moderators' board: named there,
	 * she is not mentioned. */
	CHECK_RC(store_thread_new(st, &sv, priv, "Signalements",
	    "@demo, regardez.", &t, &p), STORE_OK);
	snprintf(priv_post, sizeof(priv_post), "m%lld", (long long)p);
	CHECK_INT(mentions(camille, "mention"), 0);
	/* An e-mail address names nobody; « @Karim. » ends a sentence; one
	 * names oneself for nothing. */
	CHECK_RC(store_thread_new(st, &ev, pub, "Permanences",
	    "Écrire à elodie@karim.fr ou à @Karim. Merci @elodie", &t, &p),
	STORE_OK);
	CHECK_INT(mentions(karim, "mention"), 1);
	CHECK_INT(mentions(elodie, "mention"), 0);
	snprintf(id, sizeof(id), "m%lld", (long long)p);
	CHECK(news_has(karim, NEWS_FOLLOWED, id, &kind) >= 0);
	CHECK_INT(kind, NEWS_MENTION);
	/* A reply tells the author of the post it answers (Élodie twice
	 * and Sofia, in test_follow). */
	CHECK_INT(mentions(karim, "reponse"), 3);
	/* A name added by an edit is a mention; those already there are
	 * not counted twice. */
	CHECK_RC(store_post_edit(st, &ev, p, "Écrire à @Karim. Merci @sofia"),
	    STORE_OK);
	CHECK_INT(mentions(sofia, "mention"), 1);
	CHECK_INT(mentions(karim, "mention"), 1);
	/* A private message: only its participants are mentioned. */
	CHECK_RC(store_conversation_new(st, karim, "elodie", "Permanence",
	    "Confidentiel : @elodie @demo", &conv, &msg, &bad), STORE_OK);
	free(bad);
	CHECK_INT(mentions(elodie, "mention"), 1);
	CHECK_INT(mentions(camille, "mention"), 0);
}

static void
test_list(void)
{
	struct store_news_item *l = NULL;
	size_t n = 0, i;
	int64_t t, p, r, t2, p2;
	int kind = -1, body_leaked = 0;
	char id[24];

	CHECK_RC(store_thread_new(st, &kv, pub, "Cours de français à Lyon",
	    "Des places en mars.", &t, &p), STORE_OK);
	CHECK_RC(store_thread_new(st, &kv, other, "Salon de l'emploi",
	    "Le 12 avril.", &t2, &p2), STORE_OK);
	sql("INSERT INTO doc (id, title, title_fold, kind, issuer, "
	    "issuer_fold, added_at, updated_at) VALUES (7, 'Circulaire du "
	    "3 mars', 'circulaire du 3 mars', 'circulaire', 'Ministère', "
	    "'ministere', strftime('%s'), strftime('%s')), (8, "
	    "'Guide hébergement', 'guide hebergement', 'guide', "
	    "'Direction générale de la cohésion sociale (DGCS)', "
	    "'direction generale de la cohesion sociale (dgcs)', "
	    "strftime('%s'), strftime('%s')), (9, 'Étude santé', "
	    "'etude sante', 'etude', '', '', strftime('%s'), strftime('%s'))");
	sql("INSERT INTO practice (id, author_id, state, title, org, "
	    "org_type, departement, region, created_at, submitted_at, "
	    "published_at, updated_at) VALUES (5, 2, 'publiee', 'Atelier "
	    "numérique', 'CCAS de Lyon', 'collectivite', '69', '84', 1, 1, "
	    "strftime('%s'), 1), (6, 2, 'publiee', 'Jardin partagé', "
	    "'Mairie de Brest', 'collectivite', '29', '53', 1, 1, "
	    "strftime('%s'), 1)");

	sql("INSERT INTO event (id, title, starts_at, ends_at, place, "
	    "organiser_id, deadline, created_at, updated_at) VALUES "
	    "(3, 'Journée à Lyon', 4000000000, 4000003600, '12 rue Garibaldi, "
	    "69003 Lyon', 2, 3999990000, strftime('%s'), 1), (4, 'Journée à "
	    "Brest', 4000000000, 4000003600, '29200 Brest', 2, 3999990000, "
	    "strftime('%s'), 1), (5, 'Journée passée', 1000, 2000, "
	    "'69003 Lyon', 2, 900, strftime('%s'), 1)");

	/* Followed: the board followed, the circular, the DGCS, Lyon (its
	 * région, from the postal code of a day's place). */
	CHECK(news_has(camille, NEWS_FOLLOWED, "j3", NULL) >= 0);
	CHECK_INT(news_has(camille, NEWS_FOLLOWED, "j4", NULL), -1);
	CHECK(news_has(camille, NEWS_ALL, "j4", NULL) >= 0);
	CHECK_INT(news_has(camille, NEWS_ALL, "j5", NULL), -1);
	snprintf(id, sizeof(id), "m%lld", (long long)p);
	CHECK(news_has(camille, NEWS_FOLLOWED, id, &kind) >= 0);
	CHECK_INT(kind, NEWS_THREAD);
	snprintf(id, sizeof(id), "m%lld", (long long)p2);
	CHECK_INT(news_has(camille, NEWS_FOLLOWED, id, NULL), -1);
	CHECK(news_has(camille, NEWS_ALL, id, NULL) >= 0);
	CHECK(news_has(camille, NEWS_FOLLOWED, "d7", NULL) >= 0);
	CHECK(news_has(camille, NEWS_FOLLOWED, "d8", NULL) >= 0);
	CHECK_INT(news_has(camille, NEWS_FOLLOWED, "d9", NULL), -1);
	CHECK(news_has(camille, NEWS_ALL, "d9", NULL) >= 0);
	CHECK(news_has(camille, NEWS_FOLLOWED, "p5", NULL) >= 0);
	CHECK_INT(news_has(camille, NEWS_FOLLOWED, "p6", NULL), -1);
	CHECK(news_has(camille, NEWS_ALL, "p6", NULL) >= 0);
	/* Never the moderators' board, not even for the whole network. */
	CHECK_RC(store_news_list(st, camille, 0, NEWS_ALL, &l, &n), STORE_OK);
	for (i = 0; i < n; i++) {
		CHECK(strcmp(l[i].where, "Entre modérateurs") != 0);
		CHECK(i == 0 || l[i - 1].at >= l[i].at);
	}
	store_news_list_free(l, n);
	CHECK_INT(news_has(camille, NEWS_ALL, priv_post, NULL), -1);
	CHECK_INT(news_has(karim, NEWS_ALL, priv_post, NULL), -1);

	/* Addressed to me, whatever I follow: a reply, a message (its
	 * subject, never its text). */
	CHECK_RC(store_post_reply(st, &sv, p, "Il en reste deux.", &r),
	    STORE_OK);
	snprintf(id, sizeof(id), "m%lld", (long long)r);
	CHECK(news_has(karim, NEWS_FOLLOWED, id, &kind) >= 0);
	CHECK_INT(kind, NEWS_REPLY);
	CHECK(news_has(elodie, NEWS_FOLLOWED, "c1", &kind) >= 0);
	CHECK_RC(store_news_list(st, elodie, 0, NEWS_FOLLOWED, &l, &n),
	    STORE_OK);
	for (i = 0; i < n; i++)
		if (strstr(l[i].title, "Confidentiel") != NULL ||
		    strstr(l[i].who, "Confidentiel") != NULL)
			body_leaked = 1;
	store_news_list_free(l, n);
	CHECK_INT(body_leaked, 0);
	CHECK_INT(news_has(camille, NEWS_ALL, "c1", NULL), -1);
	/* My own writing is not news to me. */
	snprintf(id, sizeof(id), "m%lld", (long long)r);
	CHECK_INT(news_has(sofia, NEWS_ALL, id, NULL), -1);

	/* Seen once opened, until something newer happens there. */
	CHECK_RC(store_news_seen(st, karim, id, now_sec()), STORE_OK);
	CHECK_INT(news_has(karim, NEWS_FOLLOWED, id, NULL), -1);
	CHECK(news_has(camille, NEWS_FOLLOWED, "d7", NULL) >= 0);
	CHECK_RC(store_news_seen(st, camille, "d7", now_sec()), STORE_OK);
	CHECK_INT(news_has(camille, NEWS_FOLLOWED, "d7", NULL), -1);
	/* Seen again with an older time: the mark does not go back. */
	CHECK_RC(store_news_seen(st, camille, "d7", 1), STORE_OK);
	CHECK_INT(news_has(camille, NEWS_FOLLOWED, "d7", NULL), -1);
	CHECK(news_has(camille, NEWS_FOLLOWED, "d8", NULL) >= 0);
	/* « Tout marquer comme vu »: nothing is left, until the next post. */
	CHECK_RC(store_news_list(st, camille, 0, NEWS_ALL, &l, &n), STORE_OK);
	CHECK(n > 0);
	CHECK_RC(store_news_seen_all(st, camille, l, n), STORE_OK);
	store_news_list_free(l, n);
	CHECK_RC(store_news_list(st, camille, 0, NEWS_ALL, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_news_list_free(l, n);
	/* What comes in the second of the newest item, not listed then,
	 * is still new. */
	sql("INSERT INTO doc (id, title, title_fold, kind, added_at, "
	    "updated_at) VALUES (10, 'Note tardive', 'note tardive', 'note', "
	    "(SELECT value + 1 FROM member_pref WHERE name = 'veille.vu' "
	    "AND member_id = 1), 1)");
	CHECK(news_has(camille, NEWS_ALL, "d10", NULL) >= 0);
}

/* Steps of one list of member in scope; its ids in want (if not NULL)
 * are compared with the list's, in order. */
static uint64_t
news_steps(int64_t member, int scope, char (*want)[24], size_t nwant)
{
	struct store_news_item *l = NULL;
	size_t n = 0, i;
	uint64_t before;

	before = store_vm_steps();
	CHECK_RC(store_news_list(st, member, 0, scope, &l, &n), STORE_OK);
	before = store_vm_steps() - before;
	if (want != NULL) {
		CHECK_INT(n, nwant);
		for (i = 0; i < n && i < nwant; i++)
			if (strcmp(l[i].id, want[i]) != 0) {
				fprintf(stderr, "  item %zu: %s, want %s\n",
				    i, l[i].id, want[i]);
				CHECK_STR(l[i].id, want[i]);
				break;
			}
	}
	store_news_list_free(l, n);
	return before;
}

/* n threads by Karim (whom Camille does not follow) in board, in one
 * transaction, their lines at base + i (i from 0), their opening post's
 * id in posts[i]. */
static void
news_threads_at(int64_t board, int n, int64_t base, int64_t *threads,
    int64_t *posts)
{
	int i;

	CHECK_INT(store_begin(st), 0);
	for (i = 0; i < n; i++)
		CHECK_RC(store_thread_new(st, &kv, board, "Permanence du mardi",
		    "Qui peut venir ?", &threads[i], &posts[i]), STORE_OK);
	CHECK_INT(store_commit(st), 0);
	/* Made one after the other: ids in a row. */
	CHECK_INT(threads[n - 1] - threads[0], n - 1);
	CHECK_INT(posts[n - 1] - posts[0], n - 1);
	sql("BEGIN");
	sql_ints("UPDATE thread SET last_post_at = ?1 + id - ?2 WHERE id "
	    "BETWEEN ?2 AND ?3", 3,
	    (const int64_t []){ base, threads[0], threads[n - 1] });
	sql_ints("UPDATE post SET created_at = ?1 + id - ?2 WHERE id "
	    "BETWEEN ?2 AND ?3", 3,
	    (const int64_t []){ base, posts[0], posts[n - 1] });
	sql("UPDATE board SET last_post_at = (SELECT MAX(last_post_at) FROM "
	    "thread WHERE board_id = board.id); COMMIT");
}

/*
 * The list at scale, exactly: 150 threads of « emploi » Camille follows
 * (the newest lines), 100 of « accueil », the board she follows; the
 * 200 newest are the 150 and the 50 newest of « accueil », in both
 * scopes. A post new in a followed thread and in the walk of the boards
 * is one item: counted twice, « accueil » was not read at all. Then
 * what a list costs does not grow with the threads of 30 days below it,
 * nor with the threads followed, nor with the old threads of a followed
 * member.
 */
static void
test_list_scale(void)
{
	static int64_t ta[150], pa[150], tb[100], pb[100], old[300],
	    oldp[300];
	static char want[200][24];
	int64_t base = now_sec() + 100000;
	/* ?1 threads followed by ?2, ids from ?3 + 1. */
	static const char follows[] = "WITH RECURSIVE n (i) AS (SELECT 1 "
	    "UNION ALL SELECT i + 1 FROM n WHERE i < ?1) INSERT INTO follow "
	    "(member_id, kind, target_id, automatic, created_at) SELECT ?2, "
	    "'fil', ?3 + i, 1, 1 FROM n";
	uint64_t few, many, more;
	int i;

	news_threads_at(other, 150, base + 2000, ta, pa);
	news_threads_at(pub, 100, base + 1000, tb, pb);
	CHECK_INT(store_begin(st), 0);
	for (i = 0; i < 150; i++)
		CHECK_RC(store_follow_set(st, camille, FOLLOW_THREAD, ta[i],
		    NULL, 1), STORE_OK);
	CHECK_INT(store_commit(st), 0);
	for (i = 0; i < 150; i++)
		snprintf(want[i], sizeof(want[i]), "m%lld",
		    (long long)pa[149 - i]);
	for (i = 0; i < 50; i++)
		snprintf(want[150 + i], sizeof(want[i]), "m%lld",
		    (long long)pb[99 - i]);
	few = news_steps(camille, NEWS_ALL, want, 200);
	(void)news_steps(camille, NEWS_FOLLOWED, want, 200);

	/* 300 threads more in « emploi », in the 30 days, below the list. */
	news_threads_at(other, 300, base, old, oldp);
	many = news_steps(camille, NEWS_ALL, want, 200);
	if (many > few + few / 4)
		fprintf(stderr, "  « tout le réseau »: %llu steps, %llu with "
		    "300 threads more below it\n", (unsigned long long)few,
		    (unsigned long long)many);
	CHECK(many <= few + few / 4);

	/* Thousands of threads followed (one wrote in them, long ago). */
	sql_ints(follows, 3, (const int64_t []){ 3000, camille, 1000000 });
	few = news_steps(camille, NEWS_FOLLOWED, want, 200);
	sql_ints(follows, 3, (const int64_t []){ 6000, camille, 2000000 });
	more = news_steps(camille, NEWS_FOLLOWED, want, 200);
	if (more > few + few / 4)
		fprintf(stderr, "  « Ma veille »: %llu steps following 3,000 "
		    "threads, %llu following 9,000\n",
		    (unsigned long long)few, (unsigned long long)more);
	CHECK(more <= few + few / 4);
	(void)news_steps(camille, NEWS_ALL, want, 200);

	/* Élodie, whom Camille follows, opened 1,000 threads long ago. */
	few = news_steps(camille, NEWS_FOLLOWED, want, 200);
	CHECK_INT(store_begin(st), 0);
	for (i = 0; i < 1000; i++)
		CHECK_RC(store_thread_new(st, &ev, pub, "Archives",
		    "Compte rendu.", &old[0], &oldp[0]), STORE_OK);
	CHECK_INT(store_commit(st), 0);
	sql("UPDATE thread SET created_at = 1000, last_post_at = 1000 WHERE "
	    "title = 'Archives'");
	more = news_steps(camille, NEWS_FOLLOWED, want, 200);
	/* Read from thread_author by date, they cost nothing at all; from
	 * the author alone, 5 steps each (a fifth more). */
	if (more > few + few / 10)
		fprintf(stderr, "  « Ma veille »: %llu steps, %llu once a "
		    "followed member opened 1,000 threads long ago\n",
		    (unsigned long long)few, (unsigned long long)more);
	CHECK(more <= few + few / 10);
}

static void
test_place(void)
{
	char dep[8];

	CHECK_INT(store_event_departement("12 rue Garibaldi, 69003 Lyon", dep,
	    sizeof(dep)), 0);
	CHECK_STR(dep, "69");
	CHECK_INT(store_event_departement("Maison des services, 97400 "
	    "Saint-Denis", dep, sizeof(dep)), 0);
	CHECK_STR(dep, "974");
	CHECK_INT(store_event_departement("20000 Ajaccio", dep, sizeof(dep)),
	    0);
	CHECK_STR(dep, "2A");
	CHECK_INT(store_event_departement("Cours Paoli, 20250 Corte", dep,
	    sizeof(dep)), 0);
	CHECK_STR(dep, "2B");
	CHECK_INT(store_event_departement("Salle 123456, en ligne", dep,
	    sizeof(dep)), 1);
	CHECK_INT(store_event_departement("", dep, sizeof(dep)), 1);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	st = unit_file_store("news", &dir, &db, &raw);
	camille = unit_member_add(st, "demo", "Camille Durand", ROLE_MEMBRE);
	karim = unit_member_add(st, "karim", "Karim Benali", ROLE_MEMBRE);
	elodie = unit_member_add(st, "elodie", "Élodie Nguyen", ROLE_MEMBRE);
	sofia = unit_member_add(st, "sofia", "Sofia Haddad", ROLE_MODERATEUR);
	cv = unit_viewer(camille, "demo", ROLE_MEMBRE);
	kv = unit_viewer(karim, "karim", ROLE_MEMBRE);
	ev = unit_viewer(elodie, "elodie", ROLE_MEMBRE);
	sv = unit_viewer(sofia, "sofia", ROLE_MODERATEUR);
	boards();
	RUN(test_follow);
	RUN(test_mentions);
	RUN(test_list);
	RUN(test_list_scale);
	RUN(test_place);
	sqlite3_close(raw);
	store_free(st);
	unit_rmtree(dir);
	free(db);
	free(dir);
	TEST_DONE();
}
