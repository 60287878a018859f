/*
 * test_board.c - the boards' store on ":memory:": sync, permissions,
 * threads and the reply tree, counters, read state and next unread,
 * approval, locking, edits, moderation, reports, drafts, search and the
 * bounds on what members write.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_board_private.h"
#include "text/txt.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static int64_t		 add_member(struct store *, const char *, int);
static void		 conf(struct store_board_conf *, const char *,
			    const char *, int, int, int, const char *, int);
static int		 sync_boards(struct store *, int);
static int64_t		 board_id(struct store *, const char *);
static int64_t		 board_nposts(struct store *, int64_t);
static int64_t		 thread_nposts(struct store *, int64_t);
static size_t		 search_count(struct store *,
			    const struct store_viewer *, const char *);
static int64_t		 upto(struct store *, int64_t, int64_t);

static int64_t
add_member(struct store *s, const char *login, int role)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)login;
	m.role = role;
	m.status = STATUS_ACTIF;
	if (store_member_insert(s, &m) != 0)
		return -1;
	return m.id;
}

static void
conf(struct store_board_conf *c, const char *key, const char *title,
    int position, int read_role, int post_role, const char *mods,
    int approval)
{
	memset(c, 0, sizeof(*c));
	c->key = (char *)key;
	c->title = (char *)title;
	c->description = (char *)"";
	c->section = (char *)"";
	c->position = position;
	c->read_role = read_role;
	c->post_role = post_role;
	c->moderators = (char *)mods;
	c->approval = approval;
}

/* The usual boards: emploi, logement (position order), and modo-only. */
static int
sync_boards(struct store *s, int n)
{
	struct store_board_conf c[3];
	int changed;

	conf(&c[0], "emploi", "Emploi", 1, ROLE_INVITE, ROLE_MEMBRE,
	    "carole", 0);
	conf(&c[1], "logement", "Logement", 2, ROLE_INVITE, ROLE_MEMBRE, "",
	    0);
	conf(&c[2], "valide", "À valider", 3, ROLE_MEMBRE, ROLE_MEMBRE, "",
	    1);
	if (store_board_sync(s, c, (size_t)n, &changed) != 0)
		return -1;
	return changed;
}

static int64_t
board_id(struct store *s, const char *key)
{
	struct store_viewer v = unit_viewer(0, "", ROLE_SYSOP);
	struct store_board b;
	int64_t id;

	if (store_board_by_key(s, &v, key, &b) != 0)
		return -1;
	id = b.id;
	store_board_clear(&b);
	return id;
}

static int64_t
board_nposts(struct store *s, int64_t id)
{
	struct store_board b;
	int64_t n;

	if (store_board_raw(s, id, &b) != 0)
		return -1;
	n = b.nposts * 1000 + b.nthreads;
	store_board_clear(&b);
	return n;
}

static int64_t
thread_nposts(struct store *s, int64_t id)
{
	struct store_viewer v = unit_viewer(0, "", ROLE_SYSOP);
	struct store_thread t;
	int64_t n;

	if (store_thread_get(s, &v, id, &t) != 0)
		return -1;
	n = t.nposts;
	store_thread_clear(&t);
	return n;
}

static size_t
search_count(struct store *s, const struct store_viewer *v, const char *q)
{
	struct store_hit *h;
	size_t n;

	if (store_search(s, v, q, 50, &h, &n) != 0)
		return (size_t)-1;
	store_hit_list_free(h, n);
	return n;
}

static int64_t
upto(struct store *s, int64_t member, int64_t thread)
{
	struct store_readstate rs;
	int64_t u;

	if (store_readstate_get(s, member, thread, &rs) != 0)
		return -1;
	u = rs.upto * 100 + (int64_t)(rs.nread + rs.nunread);
	store_readstate_clear(&rs);
	return u;
}

static void
test_sync(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer v = unit_viewer(0, "", ROLE_SYSOP);
	struct store_board_conf c[2];
	struct store_board *l, b;
	struct store_audit_entry *a;
	size_t n, na;
	int changed;
	int64_t alice, tid, pid, id, x;

	alice = add_member(s, "alice", ROLE_MEMBRE);
	v = unit_viewer(alice, "alice", ROLE_MEMBRE);
	CHECK_INT(sync_boards(s, 2), 2);
	CHECK_INT(sync_boards(s, 2), 0);
	CHECK_RC(store_board_list(s, &v, &l, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(l[0].key, "emploi");
		CHECK_STR(l[1].key, "logement");
		CHECK(l[0].can_post && !l[0].can_moderate);
	}
	store_board_list_free(l, n);
	id = board_id(s, "emploi");
	CHECK_RC(store_thread_new(s, &v, id, "Offre", "Texte", &tid, &pid),
	    STORE_OK);

	/* New title and order: same key, same board, posts kept. */
	conf(&c[0], "emploi", "Emploi et formation", 5, ROLE_INVITE,
	    ROLE_MEMBRE, "", 0);
	conf(&c[1], "logement", "Logement", 2, ROLE_INVITE, ROLE_MEMBRE, "",
	    0);
	CHECK_RC(store_board_sync(s, c, 2, &changed), STORE_OK);
	CHECK_INT(changed, 1);
	CHECK_INT(board_id(s, "emploi"), id);
	CHECK_RC(store_board_get(s, &v, id, &b), STORE_OK);
	CHECK_STR(b.title, "Emploi et formation");
	CHECK_INT(b.nposts, 1);
	store_board_clear(&b);
	CHECK_RC(store_board_list(s, &v, &l, &n), STORE_OK);
	if (n == 2)
		CHECK_STR(l[0].key, "logement");
	store_board_list_free(l, n);

	/* Missing: archived, still readable by id, not listed, read-only. */
	CHECK_RC(store_board_sync(s, &c[1], 1, &changed), STORE_OK);
	CHECK_INT(changed, 1);
	CHECK_RC(store_board_list(s, &v, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_board_list_free(l, n);
	CHECK_RC(store_board_get(s, &v, id, &b), STORE_OK);
	CHECK(b.archived_at != 0);
	CHECK(!b.can_post);
	store_board_clear(&b);
	x = pid;
	CHECK_RC(store_thread_new(s, &v, id, "T", "B", &tid, &pid),
	    STORE_FORBIDDEN);
	CHECK_RC(store_post_reply(s, &v, x, "B", &tid), STORE_FORBIDDEN);

	/* Back: restored with its posts. */
	CHECK_RC(store_board_sync(s, c, 2, &changed), STORE_OK);
	CHECK_INT(changed, 1);
	CHECK_RC(store_board_get(s, &v, id, &b), STORE_OK);
	CHECK(b.archived_at == 0);
	CHECK_INT(b.nposts, 1);
	store_board_clear(&b);
	CHECK_RC(store_audit_recent(s, 10, &a, &na), STORE_OK);
	CHECK(na >= 1);
	if (na >= 1)
		CHECK_STR(a[0].action, "board.restore");
	store_audit_list_free(a, na);
	store_free(s);
}

static void
test_permissions(void)
{
	struct store *s = unit_mem_store();
	struct store_board b;
	struct store_viewer gu, me, ca, mo, gl;
	int64_t tid, pid, emploi, valide;

	gu = unit_viewer(add_member(s, "guest", ROLE_INVITE), "guest",
	    ROLE_INVITE);
	me = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	ca = unit_viewer(add_member(s, "carole", ROLE_DOCUMENTALISTE), "carole",
	    ROLE_DOCUMENTALISTE);
	mo = unit_viewer(add_member(s, "modo", ROLE_MODERATEUR), "modo",
	    ROLE_MODERATEUR);
	gl = unit_viewer(add_member(s, "carol", ROLE_MEMBRE), "carol",
	    ROLE_MEMBRE);
	sync_boards(s, 3);
	emploi = board_id(s, "emploi");
	valide = board_id(s, "valide");

	CHECK_RC(store_board_raw(s, emploi, &b), STORE_OK);
	CHECK(store_board_can_read(&b, &gu));
	CHECK(!store_board_can_post(&b, &gu));
	CHECK(store_board_can_post(&b, &me));
	CHECK(!store_board_can_moderate(&b, &me));
	CHECK(store_board_can_moderate(&b, &ca));	/* listed */
	CHECK(!store_board_can_moderate(&b, &gl));	/* "carol" != "carole" */
	CHECK(store_board_can_moderate(&b, &mo));	/* role */
	store_board_clear(&b);
	CHECK_RC(store_board_raw(s, valide, &b), STORE_OK);
	CHECK(!store_board_can_read(&b, &gu));
	CHECK(!store_board_can_moderate(&b, &ca));
	store_board_clear(&b);
	CHECK_RC(store_board_get(s, &gu, valide, &b), STORE_NOT_FOUND);
	CHECK_RC(store_thread_new(s, &gu, emploi, "T", "B", &tid, &pid),
	    STORE_FORBIDDEN);
	CHECK_RC(store_thread_new(s, &me, emploi, "T", "B", &tid, &pid),
	    STORE_OK);
	CHECK_RC(store_post_hide(s, &me, pid, "non"), STORE_FORBIDDEN);
	CHECK_RC(store_thread_set_pinned(s, &gl, tid, 1), STORE_FORBIDDEN);
	CHECK_RC(store_thread_set_pinned(s, &ca, tid, 1), STORE_OK);
	store_free(s);
}

static void
test_tree(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b;
	struct store_post *p;
	struct store_thread *tl;
	size_t n;
	int64_t emploi, t1, t2, p1, r1, r2, r11, x;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	CHECK_RC(store_thread_new(s, &a, emploi, "Premier fil", "Ouverture",
	    &t1, &p1), STORE_OK);
	CHECK_RC(store_post_reply(s, &b, p1, "Réponse 1", &r1), STORE_OK);
	CHECK_RC(store_post_reply(s, &a, p1, "Réponse 2", &r2), STORE_OK);
	CHECK_RC(store_post_reply(s, &a, r1, "Réponse 1.1", &r11), STORE_OK);
	CHECK_RC(store_post_tree(s, &b, t1, &p, &n), STORE_OK);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_INT(p[0].id, p1);
		CHECK_INT(p[1].id, r1);
		CHECK_INT(p[2].id, r11);
		CHECK_INT(p[3].id, r2);
		CHECK_INT(p[0].depth, 0);
		CHECK_INT(p[1].depth, 1);
		CHECK_INT(p[2].depth, 2);
		CHECK_INT(p[3].depth, 1);
		CHECK(p[0].unread && !p[1].unread && p[2].unread);
		CHECK_STR(p[1].author_login, "bob");
	}
	store_post_list_free(p, n);
	CHECK_INT(thread_nposts(s, t1), 4);
	CHECK_INT(board_nposts(s, emploi), 4001);

	/* List order: newest activity first, pinned before all. */
	CHECK_RC(store_thread_new(s, &b, emploi, "Second fil", "Texte", &t2,
	    &x), STORE_OK);
	CHECK_RC(store_thread_list(s, &a, emploi, 0, 0, &tl, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(tl[0].id, t2);
		CHECK_STR(tl[0].last_author_name, "bob");
		CHECK_INT(tl[1].unread, 1);	/* bob's r1 */
		CHECK_INT(tl[0].unread, 1);
	}
	store_thread_list_free(tl, n);
	CHECK_RC(store_post_reply(s, &b, p1, "Relance", &x), STORE_OK);
	CHECK_RC(store_thread_list(s, &a, emploi, 0, 1, &tl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(tl[0].id, t1);
	store_thread_list_free(tl, n);
	CHECK_RC(store_thread_list(s, &a, emploi, 1, 1, &tl, &n), STORE_OK);
	if (n == 1)
		CHECK_INT(tl[0].id, t2);
	store_thread_list_free(tl, n);
	store_free(s);
}

/*
 * Keyset pages of the thread list, forwards from the top and backwards
 * from the end, give the same threads in the same order as the whole
 * list, none skipped or repeated, whatever the page size:
 * with ties on last_post_at, pinned threads and threads whose only post
 * is hidden (last_post_id NULL, sorted last among their ties).
 */
static void
test_thread_pages(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, m, *v;
	struct store_thread *all, *pg;
	size_t nall, npg, got, i, k;
	static const size_t sizes[] = { 1, 2, 3, 7, 40 };
	int64_t emploi, t[30], p[30], ok, vi;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	m = unit_viewer(add_member(s, "modo", ROLE_MODERATEUR), "modo",
	    ROLE_MODERATEUR);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	for (i = 0; i < 30; i++) {
		CHECK_RC(store_thread_new(s, &a, emploi, "Fil", "Texte", &t[i],
		    &p[i]), STORE_OK);
		/* Three times only: long runs of ties on last_post_at. */
		CHECK_RC(store_post_backdate(s, p[i], 1000 + 100 *
		    (int64_t)(i % 3)), STORE_OK);
	}
	CHECK_RC(store_thread_set_pinned(s, &m, t[4], 1), STORE_OK);
	CHECK_RC(store_thread_set_pinned(s, &m, t[9], 1), STORE_OK);
	CHECK_RC(store_post_hide(s, &m, p[5], "Hors sujet"), STORE_OK);
	CHECK_RC(store_post_hide(s, &m, p[8], "Hors sujet"), STORE_OK);
	CHECK_RC(store_post_hide(s, &m, p[11], "Hors sujet"), STORE_OK);
	for (vi = 0; vi < 2; vi++) {
		v = vi == 0 ? &a : &m;
		CHECK_RC(store_thread_list(s, v, emploi, 0, 0, &all, &nall),
		    STORE_OK);
		CHECK_INT(nall, 30);
		for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			got = 0;
			ok = 1;
			pg = NULL;
			npg = 0;
			do {
				CHECK_RC(store_thread_list_after(s, v, emploi,
				    got > 0 ? &all[got - 1] : NULL, sizes[k],
				    &pg, &npg), STORE_OK);
				for (i = 0; i < npg; i++)
					if (got + i >= nall ||
					    pg[i].id != all[got + i].id)
						ok = 0;
				got += npg;
				store_thread_list_free(pg, npg);
			} while (ok && npg == sizes[k] && got < 100);
			CHECK_INT(ok, 1);
			CHECK_INT(got, nall);
			/* Backwards from the end, as « Fin » then ↑. */
			got = 0;
			ok = 1;
			do {
				CHECK(store_thread_list_before(s, v, emploi,
				    got > 0 ? &all[nall - got] : NULL,
				    sizes[k], &pg, &npg) == 0);
				for (i = 0; i < npg; i++)
					if (got + npg > nall || pg[i].id !=
					    all[nall - got - npg + i].id)
						ok = 0;
				got += npg;
				store_thread_list_free(pg, npg);
			} while (ok && npg == sizes[k] && got < 100);
			CHECK_INT(ok, 1);
			CHECK_INT(got, nall);
		}
		store_thread_list_free(all, nall);
	}
	store_free(s);
}

static void
test_read(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b;
	struct store_board_conf c[2];
	int64_t emploi, logement, t1, t2, p1, r1, r2, r3, q1, q2, n;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MODERATEUR), "bob",
	    ROLE_MODERATEUR);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	logement = board_id(s, "logement");
	store_thread_new(s, &a, emploi, "Fil", "Un", &t1, &p1);
	store_post_reply(s, &a, p1, "Deux", &r1);
	store_post_reply(s, &a, r1, "Trois", &r2);
	store_post_reply(s, &a, p1, "Quatre", &r3);
	store_thread_new(s, &a, emploi, "Autre", "Un", &t2, &q1);
	store_post_reply(s, &a, q1, "Deux", &q2);
	CHECK_INT(unit_board_unread(s, &a, emploi), 0);
	CHECK_INT(unit_board_unread(s, &b, emploi), 6);
	CHECK_INT(unit_thread_unread(s, &b, t1), 4);

	/* Out of order: a mark above upto; then in order: compaction. */
	CHECK_RC(store_read_post(s, &b, r2), STORE_OK);
	CHECK_RC(store_read_post(s, &b, r2), STORE_OK);		/* idempotent */
	CHECK_INT(unit_thread_unread(s, &b, t1), 3);
	CHECK_INT(upto(s, b.member_id, t1), 0 * 100 + 1);
	CHECK_RC(store_read_post(s, &b, p1), STORE_OK);
	CHECK_INT(upto(s, b.member_id, t1), p1 * 100 + 1);
	CHECK_RC(store_read_post(s, &b, r1), STORE_OK);
	CHECK_INT(upto(s, b.member_id, t1), r2 * 100 + 0);
	CHECK_INT(unit_thread_unread(s, &b, t1), 1);
	CHECK_INT(unit_board_unread(s, &b, emploi), 3);

	/* Unread again, below upto. */
	CHECK_RC(store_unread_post(s, &b, r1), STORE_OK);
	CHECK_RC(store_unread_post(s, &b, r1), STORE_OK);
	CHECK_INT(unit_thread_unread(s, &b, t1), 2);
	CHECK_RC(store_unread_total(s, &b, &n), STORE_OK);
	CHECK_INT(n, 4);

	/* Rename, reorder: nothing changes. */
	conf(&c[0], "emploi", "Travail", 9, ROLE_INVITE, ROLE_MEMBRE, "", 0);
	conf(&c[1], "logement", "Logement", 1, ROLE_INVITE, ROLE_MEMBRE, "",
	    0);
	CHECK_RC(store_board_sync(s, c, 2, NULL), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 4);

	/* Move: the read state follows the thread. */
	CHECK_RC(store_thread_move(s, &a, t1, logement), STORE_FORBIDDEN);
	CHECK_RC(store_thread_move(s, &b, t1, logement), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 2);
	CHECK_INT(unit_board_unread(s, &b, logement), 2);
	CHECK_INT(board_nposts(s, emploi), 2001);
	CHECK_INT(board_nposts(s, logement), 4001);
	CHECK_INT(unit_thread_unread(s, &b, t1), 2);

	CHECK_RC(store_read_thread(s, &b, t1), STORE_OK);
	CHECK_INT(unit_thread_unread(s, &b, t1), 0);
	CHECK_INT(unit_board_unread(s, &b, logement), 0);
	CHECK_RC(store_read_board(s, &b, emploi), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 0);
	CHECK_RC(store_unread_total(s, &b, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_post_reply(s, &a, q2, "Cinq", &q1);
	CHECK_INT(unit_board_unread(s, &b, emploi), 1);
	store_free(s);
}

static void
test_next_unread(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b;
	int64_t emploi, logement, t1, t2, t3, p1, p2, p3, r1, r11, r2, x;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	logement = board_id(s, "logement");
	CHECK_RC(store_next_unread(s, &b, 0, 0, &x), STORE_NOT_FOUND);
	store_thread_new(s, &a, emploi, "T1", "Un", &t1, &p1);
	store_post_reply(s, &a, p1, "r1", &r1);
	store_post_reply(s, &a, p1, "r2", &r2);
	store_post_reply(s, &a, r1, "r11", &r11);
	store_thread_new(s, &a, emploi, "T2", "Deux", &t2, &p2);
	store_thread_new(s, &a, logement, "T3", "Trois", &t3, &p3);

	/* T2 has the newest activity: first in list order. */
	CHECK_RC(store_next_unread(s, &b, 0, 0, &x), STORE_OK);
	CHECK_INT(x, p2);
	store_read_post(s, &b, p2);
	CHECK_RC(store_next_unread(s, &b, emploi, t2, &x), STORE_OK);
	CHECK_INT(x, p1);
	store_read_post(s, &b, p1);
	store_read_post(s, &b, r1);
	/* Tree order: r11 before r2. */
	CHECK_RC(store_next_unread(s, &b, emploi, t1, &x), STORE_OK);
	CHECK_INT(x, r11);
	store_read_post(s, &b, r11);
	store_read_post(s, &b, r2);
	/* Next board. */
	CHECK_RC(store_next_unread(s, &b, emploi, t1, &x), STORE_OK);
	CHECK_INT(x, p3);
	store_read_post(s, &b, p3);
	CHECK_RC(store_next_unread(s, &b, logement, t3, &x), STORE_NOT_FOUND);
	/* Wrap around: from logement back to emploi's first thread. */
	store_unread_post(s, &b, p2);
	CHECK_RC(store_next_unread(s, &b, logement, t3, &x), STORE_OK);
	CHECK_INT(x, p2);
	/* In the same board, before the position. */
	CHECK_RC(store_next_unread(s, &b, emploi, t1, &x), STORE_OK);
	CHECK_INT(x, p2);
	store_free(s);
}

static void
test_approval(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	struct store_thread *tl, t;
	int64_t valide, t1, t2, p1, p2, n, x;
	size_t nl;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	m = unit_viewer(add_member(s, "modo", ROLE_MODERATEUR), "modo",
	    ROLE_MODERATEUR);
	sync_boards(s, 3);
	valide = board_id(s, "valide");
	CHECK_RC(store_thread_new(s, &a, valide, "Attente", "Texte", &t1,
	    &p1), STORE_OK);
	CHECK_RC(store_thread_get(s, &a, t1, &t), STORE_OK);
	CHECK_INT(t.state, THREAD_A_VALIDER);
	store_thread_clear(&t);
	CHECK_RC(store_thread_get(s, &b, t1, &t), STORE_NOT_FOUND);
	CHECK_RC(store_post_reply(s, &b, p1, "x", &x), STORE_NOT_FOUND);
	CHECK_RC(store_thread_list(s, &b, valide, 0, 0, &tl, &nl), STORE_OK);
	CHECK_INT(nl, 0);
	store_thread_list_free(tl, nl);
	CHECK_RC(store_thread_list(s, &m, valide, 0, 0, &tl, &nl), STORE_OK);
	CHECK_INT(nl, 1);
	store_thread_list_free(tl, nl);
	CHECK_INT(board_nposts(s, valide), 0);
	CHECK_INT(search_count(s, &m, "attente"), 0);
	CHECK_RC(store_thread_waiting(s, &m, &tl, &nl), STORE_OK);
	CHECK_INT(nl, 1);
	store_thread_list_free(tl, nl);
	CHECK_RC(store_thread_waiting(s, &b, &tl, &nl), STORE_OK);
	CHECK_INT(nl, 0);
	store_thread_list_free(tl, nl);
	CHECK_RC(store_moderation_count(s, &m, &n), STORE_OK);
	CHECK_INT(n, 1);
	/* b does not see it. */
	CHECK_RC(store_thread_approve(s, &b, t1, 1, NULL), STORE_NOT_FOUND);
	CHECK_RC(store_thread_approve(s, &a, t1, 1, NULL), STORE_FORBIDDEN);
	CHECK_RC(store_thread_approve(s, &m, t1, 1, NULL), STORE_OK);
	CHECK_RC(store_thread_approve(s, &m, t1, 1, NULL), STORE_STATE);
	CHECK_INT(board_nposts(s, valide), 1001);
	CHECK_INT(unit_board_unread(s, &a, valide), 0);
	CHECK_INT(unit_board_unread(s, &b, valide), 1);
	CHECK_INT(search_count(s, &b, "attente"), 1);

	CHECK_RC(store_thread_new(s, &a, valide, "Refusé", "Non", &t2,
	    &p2), STORE_OK);
	CHECK_RC(store_thread_approve(s, &m, t2, 0, "Hors sujet"), STORE_OK);
	CHECK_RC(store_thread_get(s, &a, t2, &t), STORE_OK);
	CHECK_INT(t.state, THREAD_REFUSE);
	store_thread_clear(&t);
	CHECK_INT(board_nposts(s, valide), 1001);
	CHECK_RC(store_moderation_count(s, &m, &n), STORE_OK);
	CHECK_INT(n, 0);
	/* A moderator's own thread needs no approval. */
	CHECK_RC(store_thread_new(s, &m, valide, "Modo", "Texte", &t2,
	    &p2), STORE_OK);
	CHECK_INT(board_nposts(s, valide), 2002);
	store_free(s);
}

static void
test_locked_edit(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	struct store_post p;
	struct store_post_version *vl;
	size_t n;
	int64_t emploi, t1, p1, x;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	m = unit_viewer(add_member(s, "modo", ROLE_MODERATEUR), "modo",
	    ROLE_MODERATEUR);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	store_thread_new(s, &a, emploi, "Fil", "Première rédaction", &t1,
	    &p1);
	CHECK_RC(store_thread_set_locked(s, &a, t1, 1), STORE_FORBIDDEN);
	CHECK_RC(store_thread_set_locked(s, &m, t1, 1), STORE_OK);
	CHECK_RC(store_post_reply(s, &b, p1, "Réponse", &x), STORE_LOCKED);
	CHECK_RC(store_post_reply(s, &m, p1, "Réponse", &x), STORE_OK);
	CHECK_RC(store_thread_set_locked(s, &m, t1, 0), STORE_OK);
	CHECK_RC(store_post_reply(s, &b, p1, "Réponse", &x), STORE_OK);

	CHECK_RC(store_post_edit(s, &b, p1, "Piratage"), STORE_FORBIDDEN);
	CHECK_RC(store_post_edit(s, &a, p1, "Deuxième rédaction"), STORE_OK);
	CHECK_RC(store_post_edit(s, &a, p1, "Troisième rédaction"), STORE_OK);
	CHECK_RC(store_post_edit(s, &a, p1, ""), STORE_EMPTY);
	CHECK_RC(store_post_get(s, &b, p1, &p), STORE_OK);
	CHECK_STR(p.body, "Troisième rédaction");
	CHECK_INT(p.nversions, 2);
	CHECK(p.edited_at != 0);
	store_post_clear(&p);
	CHECK_RC(store_post_versions(s, &a, p1, &vl, &n), STORE_FORBIDDEN);
	CHECK_RC(store_post_versions(s, &m, p1, &vl, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(vl[0].version, 1);
		CHECK_STR(vl[0].body, "Première rédaction");
		CHECK_STR(vl[1].body, "Deuxième rédaction");
	}
	store_post_version_list_free(vl, n);
	CHECK_INT(search_count(s, &b, "premiere"), 0);
	CHECK_INT(search_count(s, &b, "troisieme"), 1);
	CHECK_INT(search_count(s, &b, "fil"), 1);	/* title kept */
	store_free(s);
}

static void
test_hide(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	struct store_post *pl, p;
	struct store_audit_entry *au;
	size_t n;
	int64_t emploi, t1, p1, r1, r2;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	m = unit_viewer(add_member(s, "modo", ROLE_MODERATEUR), "modo",
	    ROLE_MODERATEUR);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	store_thread_new(s, &a, emploi, "Fil", "Ouverture", &t1, &p1);
	store_post_reply(s, &a, p1, "Insulte grossière", &r1);
	store_post_reply(s, &a, p1, "Suite", &r2);
	store_read_post(s, &b, r1);
	CHECK_INT(unit_board_unread(s, &b, emploi), 2);
	CHECK_INT(unit_board_unread(s, &m, emploi), 3);
	CHECK_INT(search_count(s, &b, "grossiere"), 1);

	CHECK_RC(store_post_hide(s, &m, r1, "Propos injurieux"), STORE_OK);
	CHECK_RC(store_post_hide(s, &m, r1, "encore"), STORE_NOT_FOUND);
	CHECK_INT(board_nposts(s, emploi), 2001);
	CHECK_INT(thread_nposts(s, t1), 2);
	CHECK_INT(unit_board_unread(s, &b, emploi), 2);	/* had read it */
	CHECK_INT(unit_board_unread(s, &m, emploi), 2);	/* had not */
	CHECK_INT(search_count(s, &b, "grossiere"), 0);
	CHECK_RC(store_post_tree(s, &b, t1, &pl, &n), STORE_OK);
	CHECK_INT(n, 2);
	store_post_list_free(pl, n);
	CHECK_RC(store_post_tree(s, &m, t1, &pl, &n), STORE_OK);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK(pl[1].hidden_at != 0);
		CHECK_STR(pl[1].hidden_by_name, "modo");
		CHECK_STR(pl[1].hidden_reason, "Propos injurieux");
	}
	store_post_list_free(pl, n);
	CHECK_RC(store_post_get(s, &b, r1, &p), STORE_NOT_FOUND);
	CHECK_RC(store_audit_recent(s, 1, &au, &n), STORE_OK);
	if (n == 1)
		CHECK_STR(au[0].action, "post.hide");
	store_audit_list_free(au, n);

	/* Reading past a hidden post does not count it read later. */
	store_read_post(s, &m, p1);
	store_read_post(s, &m, r2);
	CHECK_INT(unit_board_unread(s, &m, emploi), 0);

	CHECK_RC(store_post_unhide(s, &m, r1), STORE_OK);
	CHECK_INT(board_nposts(s, emploi), 3001);
	CHECK_INT(unit_board_unread(s, &b, emploi), 2);
	CHECK_INT(unit_board_unread(s, &m, emploi), 1);
	CHECK_INT(search_count(s, &b, "grossiere"), 1);

	/* Hiding every post of a thread empties it from the board's count. */
	store_post_hide(s, &m, p1, "");
	store_post_hide(s, &m, r1, "");
	store_post_hide(s, &m, r2, "");
	CHECK_INT(board_nposts(s, emploi), 0);
	CHECK_INT(unit_board_unread(s, &b, emploi), 0);
	store_free(s);
}

/* The title of a thread is its opening post's words: when that post is
 * hidden, only moderators still read it (list, thread, search hits). */
static void
test_hidden_opening(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	struct store_thread *tl, t;
	struct store_hit *h;
	size_t n;
	int64_t emploi, t1, p1, r1;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	m = unit_viewer(add_member(s, "modo", ROLE_MODERATEUR), "modo",
	    ROLE_MODERATEUR);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	store_thread_new(s, &a, emploi, "Titre injurieux", "Ouverture", &t1,
	    &p1);
	store_post_reply(s, &b, p1, "Réponse polie", &r1);
	CHECK_RC(store_thread_list(s, &b, emploi, 0, 0, &tl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(tl[0].title, "Titre injurieux");
	store_thread_list_free(tl, n);

	CHECK_RC(store_post_hide(s, &m, p1, "Titre injurieux"), STORE_OK);
	CHECK_RC(store_thread_list(s, &b, emploi, 0, 0, &tl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(tl[0].title, "Sujet masqué par la modération");
	store_thread_list_free(tl, n);
	CHECK_RC(store_thread_list(s, &a, emploi, 0, 0, &tl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(tl[0].title, "Sujet masqué par la modération");
	store_thread_list_free(tl, n);
	CHECK_RC(store_thread_list(s, &m, emploi, 0, 0, &tl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(tl[0].title, "Titre injurieux");
	store_thread_list_free(tl, n);
	CHECK_RC(store_thread_get(s, &b, t1, &t), STORE_OK);
	CHECK_STR(t.title, "Sujet masqué par la modération");
	store_thread_clear(&t);
	CHECK_RC(store_thread_get(s, &m, t1, &t), STORE_OK);
	CHECK_STR(t.title, "Titre injurieux");
	store_thread_clear(&t);
	CHECK_RC(store_search(s, &b, "polie", 10, &h, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(h[0].thread_title, "Sujet masqué par la modération");
	store_hit_list_free(h, n);
	CHECK_INT(search_count(s, &b, "injurieux"), 0);

	CHECK_RC(store_post_unhide(s, &m, p1), STORE_OK);
	CHECK_RC(store_thread_get(s, &b, t1, &t), STORE_OK);
	CHECK_STR(t.title, "Titre injurieux");
	store_thread_clear(&t);
	store_free(s);
}

static void
test_reports(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	struct store_report *rl;
	size_t n;
	int64_t emploi, t1, p1, cnt;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	b = unit_viewer(add_member(s, "bob", ROLE_MEMBRE), "bob", ROLE_MEMBRE);
	m = unit_viewer(add_member(s, "modo", ROLE_MODERATEUR), "modo",
	    ROLE_MODERATEUR);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	store_thread_new(s, &a, emploi, "Fil", "Première ligne\nSeconde",
	    &t1, &p1);
	CHECK_RC(store_report_add(s, &b, p1, "Publicité"), STORE_OK);
	CHECK_RC(store_report_add(s, &b, p1, "Encore"), STORE_EXISTS);
	CHECK_RC(store_report_add(s, &b, 9999, "?"), STORE_NOT_FOUND);
	CHECK_RC(store_report_list(s, &b, &rl, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_report_list_free(rl, n);
	CHECK_RC(store_report_list(s, &m, &rl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(rl[0].reason, "Publicité");
		CHECK_STR(rl[0].excerpt, "Première ligne");
		CHECK_STR(rl[0].reporter_name, "bob");
		CHECK_STR(rl[0].thread_title, "Fil");
		CHECK_RC(store_report_close(s, &b, rl[0].id, "non"),
		    STORE_FORBIDDEN);
		CHECK_RC(store_report_close(s, &m, rl[0].id, "Rien"), STORE_OK);
		CHECK_RC(store_report_close(s, &m, rl[0].id, "Rien"),
		    STORE_NOT_FOUND);
	}
	store_report_list_free(rl, n);
	CHECK_RC(store_moderation_count(s, &m, &cnt), STORE_OK);
	CHECK_INT(cnt, 0);
	CHECK_RC(store_report_add(s, &b, p1, "Encore"), STORE_OK);
	store_free(s);
}

static void
test_drafts(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a;
	struct store_draft d, f, *l;
	size_t n;
	int64_t emploi, t1, p1, id;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	store_thread_new(s, &a, emploi, "Fil", "Texte", &t1, &p1);

	memset(&d, 0, sizeof(d));
	d.kind = DRAFT_THREAD;
	d.board_id = emploi;
	d.title = (char *)"Brouillon";
	d.body = (char *)"Premier jet";
	CHECK_RC(store_draft_save(s, a.member_id, &d), STORE_OK);
	id = d.id;
	d.body = (char *)"Second jet";
	CHECK_RC(store_draft_save(s, a.member_id, &d), STORE_OK);
	CHECK_INT(d.id, id);
	CHECK_RC(store_draft_find(s, a.member_id, DRAFT_THREAD, emploi,
	    &f), STORE_OK);
	CHECK_STR(f.body, "Second jet");
	store_draft_clear(&f);
	CHECK_RC(store_draft_find(s, a.member_id, DRAFT_REPLY, emploi, &f),
	    STORE_NOT_FOUND);

	memset(&d, 0, sizeof(d));
	d.kind = DRAFT_REPLY;
	d.target_id = p1;
	d.body = (char *)"Ma réponse";
	CHECK_RC(store_draft_save(s, a.member_id, &d), STORE_OK);
	CHECK_RC(store_draft_list(s, a.member_id, &l, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK(strstr(l[0].context, "Fil") != NULL ||
		    strstr(l[1].context, "Fil") != NULL);
		CHECK(strstr(l[0].context, "Emploi") != NULL ||
		    strstr(l[1].context, "Emploi") != NULL);
	}
	store_draft_list_free(l, n);
	CHECK_RC(store_draft_delete(s, a.member_id + 1, id), STORE_NOT_FOUND);
	CHECK_RC(store_draft_delete(s, a.member_id, id), STORE_OK);
	CHECK_RC(store_draft_delete(s, a.member_id, id), STORE_NOT_FOUND);
	CHECK_RC(store_draft_list(s, a.member_id, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_draft_list_free(l, n);
	store_free(s);
}

/* store_draft_send()'s send() for the tests: a reply to *(int64_t *)arg
 * by alice; with arg NULL, a reply stored then a database failure. */
struct send_arg {
	struct store_viewer	*v;
	int64_t			 parent;
	int			 fail;		/* -1 after storing the reply */
};

static int
send_reply(struct store *s, void *arg, int64_t *made)
{
	struct send_arg *a = arg;
	int rc;

	rc = store_post_reply(s, a->v, a->parent, "Ma réponse", made);
	return rc == 0 && a->fail ? -1 : rc;
}

static void
test_draft_send(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a;
	struct store_draft d, f, *l;
	struct store_draft_ref ref;
	struct send_arg sa;
	size_t n;
	int64_t emploi, t1, p1, before, sent_id;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	store_thread_new(s, &a, emploi, "Fil", "Texte", &t1, &p1);
	before = thread_nposts(s, t1);

	memset(&d, 0, sizeof(d));
	d.kind = DRAFT_REPLY;
	d.target_id = p1;
	d.body = (char *)"Ma réponse";
	CHECK_RC(store_draft_save(s, a.member_id, &d), STORE_OK);
	memset(&ref, 0, sizeof(ref));
	ref.table = DRAFT_OF_TEXT;
	ref.id = d.id;
	memset(&sa, 0, sizeof(sa));
	sa.v = &a;
	sa.parent = p1;

	/* A failure after the reply was stored keeps neither change. */
	sa.fail = 1;
	CHECK_RC(store_draft_send(s, a.member_id, &ref, send_reply, &sa),
	    STORE_ERR);
	CHECK_INT(thread_nposts(s, t1), before);
	CHECK_RC(store_draft_find(s, a.member_id, DRAFT_REPLY, p1, &f),
	    STORE_OK);
	store_draft_clear(&f);

	/* Sent: the reply is there and the draft is gone, together. */
	sa.fail = 0;
	CHECK_RC(store_draft_send(s, a.member_id, &ref, send_reply, &sa),
	    STORE_OK);
	CHECK_INT(thread_nposts(s, t1), before + 1);
	CHECK_RC(store_draft_find(s, a.member_id, DRAFT_REPLY, p1, &f),
	    STORE_NOT_FOUND);
	CHECK_RC(store_draft_list(s, a.member_id, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_draft_list_free(l, n);

	/* Never twice: a stale copy can neither send nor save it again. */
	CHECK_RC(store_draft_send(s, a.member_id, &ref, send_reply, &sa),
	    STORE_DRAFT_SENT);
	CHECK_INT(thread_nposts(s, t1), before + 1);
	sent_id = d.id;
	d.body = (char *)"Ma réponse, encore";
	CHECK_RC(store_draft_save(s, a.member_id, &d), STORE_DRAFT_SENT);
	CHECK_RC(store_draft_find(s, a.member_id, DRAFT_REPLY, p1, &f),
	    STORE_NOT_FOUND);

	/* A new draft in the same context, written from scratch, is one. */
	d.id = 0;
	CHECK_RC(store_draft_save(s, a.member_id, &d), STORE_OK);
	CHECK_INT(d.id, sent_id);
	CHECK_RC(store_draft_find(s, a.member_id, DRAFT_REPLY, p1, &f),
	    STORE_OK);
	CHECK_STR(f.body, "Ma réponse, encore");
	store_draft_clear(&f);
	ref.id = d.id;
	CHECK_RC(store_draft_send(s, a.member_id, &ref, send_reply, &sa),
	    STORE_OK);
	CHECK_INT(thread_nposts(s, t1), before + 2);

	/* A refusal keeps the draft. */
	d.id = 0;
	CHECK_RC(store_draft_save(s, a.member_id, &d), STORE_OK);
	ref.id = d.id;
	sa.parent = 999999;
	CHECK_RC(store_draft_send(s, a.member_id, &ref, send_reply, &sa),
	    STORE_NOT_FOUND);
	CHECK_RC(store_draft_find(s, a.member_id, DRAFT_REPLY, p1, &f),
	    STORE_OK);
	store_draft_clear(&f);
	store_free(s);
}

static void
test_search(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, g;
	struct store_hit *h;
	struct buf b;
	size_t n, i;
	int64_t emploi, valide, t1, p1, x;
	char *body;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	g = unit_viewer(add_member(s, "guest", ROLE_INVITE), "guest", ROLE_INVITE);
	sync_boards(s, 3);
	emploi = board_id(s, "emploi");
	valide = board_id(s, "valide");
	store_thread_new(s, &a, emploi, "Parcours d'intégration",
	    "Une mise en œuvre concrète.\nLes LOGEMENTS sociaux manquent.",
	    &t1, &p1);
	CHECK_INT(search_count(s, &a, "integration"), 1);
	CHECK_INT(search_count(s, &a, "INTÉGRATION"), 1);
	CHECK_INT(search_count(s, &a, "oeuvre"), 1);
	CHECK_INT(search_count(s, &a, "œuvre"), 1);
	CHECK_INT(search_count(s, &a, "logement"), 1);
	CHECK_INT(search_count(s, &a, "LOGEMENT sociaux"), 1);
	CHECK_INT(search_count(s, &a, "logement absent"), 0);
	CHECK_INT(search_count(s, &a, "\""), (size_t)-1);
	CHECK_RC(store_search(s, &a, " \" * ( ", 10, &h, &n),
	    STORE_EMPTY);
	CHECK_INT(search_count(s, &a, "\"logement"), 1);
	CHECK_INT(search_count(s, &a, "logement*"), 1);
	CHECK_INT(search_count(s, &a, "NEAR(logement sociaux)"), 0);
	CHECK_INT(search_count(s, &a, "logement OR rien"), 0);
	CHECK_INT(search_count(s, &a, "logement AND NOT"), 0);
	CHECK_INT(search_count(s, &a, "title:logement"), 0);
	CHECK_INT(search_count(s, &a, "^logement -x {a b}"), 0);
	/* Plural forms, and prefixes only when asked with « * ». */
	CHECK_INT(search_count(s, &a, "logements"), 1);
	CHECK_INT(search_count(s, &a, "social"), 1);	/* « sociaux » */
	CHECK_INT(search_count(s, &a, "concret"), 0);
	CHECK_INT(search_count(s, &a, "concret*"), 1);
	CHECK_INT(search_count(s, &a, "concrete"), 1);
	CHECK_INT(search_count(s, &a, "integr"), 0);
	CHECK_INT(search_count(s, &a, "integr* LOGEMENT"), 1);

	CHECK_RC(store_search(s, &a, "logement", 10, &h, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(h[0].post_id, p1);
		CHECK_STR(h[0].thread_title, "Parcours d'intégration");
		CHECK_STR(h[0].board_title, "Emploi");
		CHECK_STR(h[0].author_name, "alice");
		CHECK_STR(h[0].snippet, "Les [LOGEMENTS] sociaux manquent.");
	}
	store_hit_list_free(h, n);

	/* A long line: a window around the match, cut on characters. */
	buf_init(&b);
	for (i = 0; i < 60; i++)
		buf_adds(&b, "éé ");
	buf_adds(&b, "hébergement d'urgence ");
	for (i = 0; i < 60; i++)
		buf_adds(&b, "àà ");
	body = buf_detach(&b);
	store_post_reply(s, &a, p1, body, &x);
	free(body);
	CHECK_RC(store_search(s, &a, "hebergement", 10, &h, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(strstr(h[0].snippet, "[hébergement]") != NULL);
		CHECK(strlen(h[0].snippet) <= 160 + 2 + 6);
		CHECK(txt_is_clean(h[0].snippet, strlen(h[0].snippet), 0));
	}
	store_hit_list_free(h, n);

	/* Boards one may not read stay out. */
	store_thread_new(s, &a, valide, "Secret", "Confidentiel", &t1, &x);
	CHECK_INT(search_count(s, &g, "confidentiel"), 0);
	CHECK_INT(search_count(s, &g, "integration"), 1);
	store_free(s);
}

static void
test_bounds(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a;
	char *big;
	int64_t emploi, t, p, t0, p0, x;

	a = unit_viewer(add_member(s, "alice", ROLE_MEMBRE), "alice", ROLE_MEMBRE);
	sync_boards(s, 2);
	emploi = board_id(s, "emploi");
	big = xmalloc(1024 * 1024 + 1);
	memset(big, 'a', 1024 * 1024);
	big[1024 * 1024] = '\0';
	CHECK_RC(store_thread_new(s, &a, emploi, big, "x", &t, &p),
	    STORE_TOO_LONG);
	CHECK_RC(store_thread_new(s, &a, emploi, "x", big, &t, &p),
	    STORE_TOO_LONG);
	big[STORE_TITLE_MAX] = '\0';
	CHECK_RC(store_thread_new(s, &a, emploi, big, "x", &t0, &p0), STORE_OK);
	big[STORE_TITLE_MAX] = 'a';
	big[STORE_BODY_MAX + 1] = '\0';
	CHECK_RC(store_post_reply(s, &a, p0, big, &x), STORE_TOO_LONG);
	CHECK_RC(store_post_edit(s, &a, p0, big), STORE_TOO_LONG);
	big[STORE_BODY_MAX] = '\0';
	CHECK_RC(store_post_reply(s, &a, p0, big, &x), STORE_OK);
	free(big);
	CHECK_RC(store_thread_new(s, &a, emploi, "  ", "x", &t, &p),
	    STORE_EMPTY);
	CHECK_RC(store_thread_new(s, &a, emploi, "x", " \n \n", &t, &p),
	    STORE_EMPTY);
	CHECK_RC(store_thread_new(s, &a, emploi, "\x1b[2J", "x", &t, &p),
	    STORE_EMPTY);
	CHECK_RC(store_post_reply(s, &a, p0, "", &x), STORE_EMPTY);
	CHECK_INT(thread_nposts(s, t0), 2);
	CHECK_INT(board_nposts(s, emploi), 2001);
	store_free(s);
}

int
main(void)
{
	setlocale(LC_ALL, "");
	log_set_fd(-1);
	RUN(test_sync);
	RUN(test_permissions);
	RUN(test_tree);
	RUN(test_thread_pages);
	RUN(test_read);
	RUN(test_next_unread);
	RUN(test_approval);
	RUN(test_locked_edit);
	RUN(test_hide);
	RUN(test_hidden_opening);
	RUN(test_reports);
	RUN(test_drafts);
	RUN(test_draft_send);
	RUN(test_search);
	RUN(test_bounds);
	TEST_DONE();
}
