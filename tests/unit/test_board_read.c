/*
 * test_board_read.c - the per-board « read up to » mark (read_board,
 * db/0015_read_board.sql) on ":memory:": a board marked read, then a new
 * post unread; a post marked unread again under the mark; a thread moved
 * out of and into marked boards; a thread approved after the mark; hidden
 * posts; and a model check: random operations on three members, three
 * boards, where every count, every post's mark and the next unread must
 * agree with the old semantics (marking a board read = marking each of
 * its approved threads read, a boolean per member and post).
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_board_private.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

#define M_MEMBERS	3
#define M_BOARDS	3
#define M_THREADS	40
#define M_POSTS		400

static void		 sync_boards(struct store *);
static int64_t		 rows(struct store *, const char *);

/* « emploi » and « logement », open; « valide », threads approved by a
 * moderator. */
static void
sync_boards(struct store *s)
{
	struct store_board_conf c[3];
	const char *keys[] = { "emploi", "logement", "valide" };
	size_t i;

	for (i = 0; i < nitems(c); i++) {
		memset(&c[i], 0, sizeof(c[i]));
		c[i].key = (char *)keys[i];
		c[i].title = (char *)keys[i];
		c[i].description = (char *)"";
		c[i].section = (char *)"";
		c[i].position = (int)i;
		c[i].read_role = ROLE_MEMBRE;
		c[i].post_role = ROLE_MEMBRE;
		c[i].moderators = (char *)"";
		c[i].approval = i == 2;
	}
	if (store_board_sync(s, c, nitems(c), NULL) != 0)
		exit(1);
}

/* The first column of the first row of sql, or -1. */
static int64_t
rows(struct store *s, const char *sql)
{
	struct store_stmt *st;
	int64_t n = -1;

	/* sql is a literal: the statement cache's key (store_private.h). */
	if ((st = store_prepare(s, sql)) != NULL &&
	    store_step(s, st) == STORE_STEP_ROW)
		n = store_column_int64(st, 0);
	store_done(st);
	return n;
}

/* Marked read, the board stays read; a post written after is unread. */
static void
test_new_post(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b;
	int64_t emploi, t1, t2, p1, p2, r1, x, n;

	a = unit_viewer(unit_member_add(s, "alice", "Alice", ROLE_MEMBRE),
	    "alice", ROLE_MEMBRE);
	b = unit_viewer(unit_member_add(s, "bruno", "Bruno", ROLE_MEMBRE),
	    "bruno", ROLE_MEMBRE);
	sync_boards(s);
	emploi = 1;
	CHECK_RC(store_thread_new(s, &a, emploi, "Un", "Premier", &t1, &p1),
	    STORE_OK);
	CHECK_RC(store_thread_new(s, &a, emploi, "Deux", "Second", &t2, &p2),
	    STORE_OK);
	CHECK_RC(store_post_reply(s, &a, p1, "Réponse", &r1), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 3);
	CHECK_RC(store_read_board(s, &b, emploi), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 0);
	CHECK_INT(unit_thread_unread(s, &b, t1), 0);
	CHECK_INT(unit_post_unread(s, &b, r1), 0);
	CHECK_RC(store_next_unread(s, &b, 0, 0, &x), 1);
	/* One row for the board, none per thread. */
	CHECK_INT(rows(s, "SELECT COUNT(*) FROM read_board"), 1);
	CHECK_INT(rows(s, "SELECT COUNT(*) FROM read_thread "
	    "WHERE member_id = 2"), 0);

	CHECK_RC(store_post_reply(s, &a, p2, "Après la marque", &x), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 1);
	CHECK_INT(unit_thread_unread(s, &b, t2), 1);
	CHECK_INT(unit_thread_unread(s, &b, t1), 0);
	CHECK_INT(unit_post_unread(s, &b, x), 1);
	CHECK_INT(unit_post_unread(s, &b, p2), 0);
	CHECK_RC(store_next_unread(s, &b, 0, 0, &n), STORE_OK);
	CHECK_INT(n, x);
	CHECK_RC(store_unread_total(s, &b, &n), STORE_OK);
	CHECK_INT(n, 1);
	/* Reading it folds the mark into the thread's row. */
	CHECK_RC(store_read_post(s, &b, x), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 0);
	CHECK_INT(unit_post_unread(s, &b, p2), 0);
	/* Marked again: the same one row. */
	CHECK_RC(store_post_reply(s, &a, r1, "Encore", &x), STORE_OK);
	CHECK_RC(store_read_board(s, &b, emploi), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, emploi), 0);
	CHECK_INT(rows(s, "SELECT COUNT(*) FROM read_board"), 1);
	store_free(s);
}

/* A post marked unread again after the board mark is unread. */
static void
test_unread_again(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b;
	int64_t t1, p1, r1, r2, x;

	a = unit_viewer(unit_member_add(s, "alice", "Alice", ROLE_MEMBRE),
	    "alice", ROLE_MEMBRE);
	b = unit_viewer(unit_member_add(s, "bruno", "Bruno", ROLE_MEMBRE),
	    "bruno", ROLE_MEMBRE);
	sync_boards(s);
	CHECK_RC(store_thread_new(s, &a, 1, "Un", "Premier", &t1, &p1),
	    STORE_OK);
	CHECK_RC(store_post_reply(s, &a, p1, "Une", &r1), STORE_OK);
	CHECK_RC(store_post_reply(s, &a, p1, "Deux", &r2), STORE_OK);
	/* An old "unread" mark, then the board: the mark wins. */
	CHECK_RC(store_read_thread(s, &b, t1), STORE_OK);
	CHECK_RC(store_unread_post(s, &b, p1), STORE_OK);
	CHECK_RC(store_read_board(s, &b, 1), STORE_OK);
	CHECK_INT(unit_post_unread(s, &b, p1), 0);
	CHECK_INT(unit_board_unread(s, &b, 1), 0);

	CHECK_RC(store_unread_post(s, &b, r1), STORE_OK);
	CHECK_INT(unit_post_unread(s, &b, r1), 1);
	CHECK_INT(unit_post_unread(s, &b, r2), 0);
	CHECK_INT(unit_thread_unread(s, &b, t1), 1);
	CHECK_INT(unit_board_unread(s, &b, 1), 1);
	CHECK_RC(store_next_unread(s, &b, 0, 0, &x), STORE_OK);
	CHECK_INT(x, r1);
	CHECK_RC(store_read_post(s, &b, r1), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, 1), 0);
	CHECK_RC(store_next_unread(s, &b, 0, 0, &x), 1);
	store_free(s);
}

/*
 * Moved out of a marked board, a thread stays read; moved into a board
 * marked read before, it keeps its own state (the mark did not cover it).
 */
static void
test_move(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	int64_t t1, t2, p1, p2, x;

	a = unit_viewer(unit_member_add(s, "alice", "Alice", ROLE_MEMBRE),
	    "alice", ROLE_MEMBRE);
	b = unit_viewer(unit_member_add(s, "bruno", "Bruno", ROLE_MEMBRE),
	    "bruno", ROLE_MEMBRE);
	m = unit_viewer(unit_member_add(s, "sysop", "Sysop", ROLE_SYSOP),
	    "sysop", ROLE_SYSOP);
	sync_boards(s);
	CHECK_RC(store_thread_new(s, &a, 1, "Un", "Premier", &t1, &p1),
	    STORE_OK);
	CHECK_RC(store_thread_new(s, &a, 2, "Deux", "Second", &t2, &p2),
	    STORE_OK);
	CHECK_RC(store_read_board(s, &b, 1), STORE_OK);
	CHECK_RC(store_post_reply(s, &a, p1, "Après", &x), STORE_OK);
	/* emploi -> logement: p1 read, x unread. */
	CHECK_RC(store_thread_move(s, &m, t1, 2), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, 1), 0);
	CHECK_INT(unit_board_unread(s, &b, 2), 2);
	CHECK_INT(unit_thread_unread(s, &b, t1), 1);
	CHECK_INT(unit_post_unread(s, &b, p1), 0);
	CHECK_INT(unit_post_unread(s, &b, x), 1);
	/* logement -> emploi, marked read after p2 was written: p2 stays
	 * unread there. */
	CHECK_RC(store_thread_move(s, &m, t2, 1), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, 1), 1);
	CHECK_INT(unit_thread_unread(s, &b, t2), 1);
	CHECK_INT(unit_post_unread(s, &b, p2), 1);
	CHECK_RC(store_next_unread(s, &b, 1, 0, &x), STORE_OK);
	CHECK_INT(x, p2);
	store_free(s);
}

/* Approved after the board was marked read: its posts are unread. */
static void
test_approval(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	int64_t t1, p1, x;

	a = unit_viewer(unit_member_add(s, "alice", "Alice", ROLE_MEMBRE),
	    "alice", ROLE_MEMBRE);
	b = unit_viewer(unit_member_add(s, "bruno", "Bruno", ROLE_MEMBRE),
	    "bruno", ROLE_MEMBRE);
	m = unit_viewer(unit_member_add(s, "sysop", "Sysop", ROLE_SYSOP),
	    "sysop", ROLE_SYSOP);
	sync_boards(s);
	CHECK_RC(store_thread_new(s, &a, 3, "À valider", "Texte", &t1, &p1),
	    STORE_OK);
	CHECK_RC(store_read_board(s, &b, 3), STORE_OK);
	CHECK_RC(store_read_board(s, &a, 3), STORE_OK);
	CHECK_RC(store_thread_approve(s, &m, t1, 1, NULL), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, 3), 1);
	CHECK_INT(unit_thread_unread(s, &b, t1), 1);
	CHECK_INT(unit_post_unread(s, &b, p1), 1);
	CHECK_RC(store_next_unread(s, &b, 0, 0, &x), STORE_OK);
	CHECK_INT(x, p1);
	/* Its author has read it. */
	CHECK_INT(unit_board_unread(s, &a, 3), 0);
	CHECK_INT(unit_post_unread(s, &a, p1), 0);
	store_free(s);
}

/* Hiding and showing again a post under the mark keeps the counts. */
static void
test_hidden(void)
{
	struct store *s = unit_mem_store();
	struct store_viewer a, b, m;
	int64_t t1, p1, r1, r2;

	a = unit_viewer(unit_member_add(s, "alice", "Alice", ROLE_MEMBRE),
	    "alice", ROLE_MEMBRE);
	b = unit_viewer(unit_member_add(s, "bruno", "Bruno", ROLE_MEMBRE),
	    "bruno", ROLE_MEMBRE);
	m = unit_viewer(unit_member_add(s, "sysop", "Sysop", ROLE_SYSOP),
	    "sysop", ROLE_SYSOP);
	sync_boards(s);
	CHECK_RC(store_thread_new(s, &a, 1, "Un", "Premier", &t1, &p1),
	    STORE_OK);
	CHECK_RC(store_post_reply(s, &a, p1, "Une", &r1), STORE_OK);
	CHECK_RC(store_read_board(s, &b, 1), STORE_OK);
	CHECK_RC(store_post_reply(s, &a, p1, "Deux", &r2), STORE_OK);
	CHECK_RC(store_post_hide(s, &m, r1, "Doublon"), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, 1), 1);
	CHECK_RC(store_post_hide(s, &m, r2, "Doublon"), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, 1), 0);
	CHECK_INT(unit_thread_unread(s, &b, t1), 0);
	CHECK_RC(store_post_unhide(s, &m, r1), STORE_OK);
	CHECK_RC(store_post_unhide(s, &m, r2), STORE_OK);
	CHECK_INT(unit_board_unread(s, &b, 1), 1);
	CHECK_INT(unit_post_unread(s, &b, r1), 0);
	CHECK_INT(unit_post_unread(s, &b, r2), 1);
	store_free(s);
}

/* --- The model: the old semantics, one boolean per member and post. --- */

struct mpost {
	int64_t	 id;
	int	 thread;	/* index in threads */
	int	 hidden;
};
struct mthread {
	int64_t	 id;
	int	 board;		/* 0..M_BOARDS - 1 */
	int	 approved;
	int	 author;	/* index in members */
};
struct model {
	struct store		*s;
	struct store_viewer	 v[M_MEMBERS];
	struct store_viewer	 mod;
	int64_t			 boards[M_BOARDS];
	struct mthread		 t[M_THREADS];
	int			 nt;
	struct mpost		 p[M_POSTS];
	int			 np;
	unsigned char		 read[M_MEMBERS][M_POSTS];
	uint64_t		 rng;
};

static uint32_t
rnd(struct model *m, uint32_t n)
{
	m->rng ^= m->rng << 13;
	m->rng ^= m->rng >> 7;
	m->rng ^= m->rng << 17;
	return (uint32_t)(m->rng % n);
}

static int
model_post(struct model *m, int thread, int64_t id, int author)
{
	struct mpost *p = &m->p[m->np];

	p->id = id;
	p->thread = thread;
	p->hidden = 0;
	/* The author has read what they wrote, once the thread is out. */
	m->read[author][m->np] = m->t[thread].approved;
	return m->np++;
}

/* Every posts of thread (or of board) read for member, hidden ones too. */
static void
model_read_all(struct model *m, int member, int thread, int board)
{
	int i;

	for (i = 0; i < m->np; i++) {
		struct mthread *t = &m->t[m->p[i].thread];

		if (t->approved && (thread >= 0 ? m->p[i].thread == thread :
		    t->board == board))
			m->read[member][i] = 1;
	}
}

/* A random visible post of an approved thread, or -1. */
static int
model_pick_post(struct model *m)
{
	int i, k;

	for (k = 0; k < 8 && m->np > 0; k++) {
		i = (int)rnd(m, (uint32_t)m->np);
		if (!m->p[i].hidden && m->t[m->p[i].thread].approved)
			return i;
	}
	return -1;
}

static void
model_step(struct model *m)
{
	int who = (int)rnd(m, M_MEMBERS), i, th;
	struct store_viewer *v = &m->v[who];
	int64_t tid, pid;

	switch (rnd(m, 10)) {
	case 0:		/* a new thread */
		if (m->nt == M_THREADS || m->np == M_POSTS)
			break;
		i = (int)rnd(m, M_BOARDS);
		if (store_thread_new(m->s, v, m->boards[i], "Sujet", "Texte",
		    &tid, &pid) != STORE_OK)
			break;
		m->t[m->nt].id = tid;
		m->t[m->nt].board = i;
		m->t[m->nt].approved = i != 2;
		m->t[m->nt].author = who;
		model_post(m, m->nt++, pid, who);
		break;
	case 1:		/* a reply */
	case 2:
		if (m->np == M_POSTS || (i = model_pick_post(m)) < 0)
			break;
		if (store_post_reply(m->s, v, m->p[i].id, "Réponse",
		    &pid) != STORE_OK)
			break;
		model_post(m, m->p[i].thread, pid, who);
		break;
	case 3:		/* read a post */
	case 4:
		if ((i = model_pick_post(m)) < 0)
			break;
		if (store_read_post(m->s, v, m->p[i].id) == STORE_OK)
			m->read[who][i] = 1;
		break;
	case 5:		/* unread again */
		if ((i = model_pick_post(m)) < 0)
			break;
		if (store_unread_post(m->s, v, m->p[i].id) == STORE_OK)
			m->read[who][i] = 0;
		break;
	case 6:		/* a thread, or a whole board, read */
		if (rnd(m, 2) && m->nt > 0) {
			th = (int)rnd(m, (uint32_t)m->nt);
			if (m->t[th].approved && store_read_thread(m->s, v,
			    m->t[th].id) == STORE_OK)
				model_read_all(m, who, th, -1);
		} else {
			i = (int)rnd(m, M_BOARDS);
			if (store_read_board(m->s, v, m->boards[i]) ==
			    STORE_OK)
				model_read_all(m, who, -1, i);
		}
		break;
	case 7:		/* hidden, or shown again */
		if (m->np == 0)
			break;
		i = (int)rnd(m, (uint32_t)m->np);
		if ((m->p[i].hidden ? store_post_unhide(m->s, &m->mod,
		    m->p[i].id) : store_post_hide(m->s, &m->mod, m->p[i].id,
		    "Essai")) == STORE_OK)
			m->p[i].hidden = !m->p[i].hidden;
		break;
	case 8:		/* moved (approved or waiting) */
		if (m->nt == 0)
			break;
		th = (int)rnd(m, (uint32_t)m->nt);
		i = (int)rnd(m, M_BOARDS);
		if (store_thread_move(m->s, &m->mod, m->t[th].id,
		    m->boards[i]) == STORE_OK)
			m->t[th].board = i;
		break;
	case 9:		/* approved */
		for (th = 0; th < m->nt; th++)
			if (!m->t[th].approved)
				break;
		if (th == m->nt || store_thread_approve(m->s, &m->mod,
		    m->t[th].id, 1, NULL) != STORE_OK)
			break;
		m->t[th].approved = 1;
		model_read_all(m, m->t[th].author, th, -1);
		break;
	}
}

/* Mismatches between the store and the model for every member. */
static int
model_check(struct model *m)
{
	int64_t want, total, x;
	int who, b, th, i, bad = 0;

	for (who = 0; who < M_MEMBERS; who++) {
		struct store_viewer *v = &m->v[who];

		total = 0;
		for (b = 0; b < M_BOARDS; b++) {
			want = 0;
			for (i = 0; i < m->np; i++) {
				struct mthread *t = &m->t[m->p[i].thread];

				if (t->board == b && t->approved &&
				    !m->p[i].hidden && !m->read[who][i])
					want++;
			}
			total += want;
			if (unit_board_unread(m->s, v, m->boards[b]) != want)
				bad++;
		}
		for (th = 0; th < m->nt; th++) {
			if (!m->t[th].approved)
				continue;
			want = 0;
			for (i = 0; i < m->np; i++)
				if (m->p[i].thread == th && !m->p[i].hidden &&
				    !m->read[who][i])
					want++;
			if (unit_thread_unread(m->s, v, m->t[th].id) != want)
				bad++;
		}
		for (i = 0; i < m->np; i++)
			if (m->t[m->p[i].thread].approved && !m->p[i].hidden &&
			    unit_post_unread(m->s, v, m->p[i].id) !=
			    !m->read[who][i])
				bad++;
		switch (store_next_unread(m->s, v, 0, 0, &x)) {
		case 1:
			bad += total != 0;
			break;
		case STORE_OK:
			bad += unit_post_unread(m->s, v, x) != 1;
			break;
		default:
			bad++;
		}
	}
	return bad;
}

static void
test_model(void)
{
	struct model *m = xcalloc(1, sizeof(*m));
	const char *logins[M_MEMBERS] = { "alice", "bruno", "chloe" };
	int i, step, bad = 0;

	m->s = unit_mem_store();
	for (i = 0; i < M_MEMBERS; i++)
		m->v[i] = unit_viewer(unit_member_add(m->s, logins[i],
		    logins[i], ROLE_MEMBRE), logins[i], ROLE_MEMBRE);
	m->mod = unit_viewer(unit_member_add(m->s, "sysop", "Sysop",
	    ROLE_SYSOP), "sysop", ROLE_SYSOP);
	sync_boards(m->s);
	for (i = 0; i < M_BOARDS; i++)
		m->boards[i] = i + 1;
	m->rng = 0x9e3779b97f4a7c15ULL;
	for (step = 0; step < 1500 && bad == 0; step++) {
		model_step(m);
		if (step % 5 == 4 && (bad = model_check(m)) != 0)
			fprintf(stderr, "model: %d mismatches after step %d\n",
			    bad, step);
	}
	CHECK_INT(bad, 0);
	/* The run did what it is for: marks, moves, hides, approvals. */
	CHECK(m->np > 200);
	CHECK(rows(m->s, "SELECT COUNT(*) FROM read_board "
	    "WHERE seq > 1") > 0);
	store_free(m->s);
	free(m);
}

int
main(void)
{
	setlocale(LC_ALL, "");
	log_set_fd(-1);
	RUN(test_new_post);
	RUN(test_unread_again);
	RUN(test_move);
	RUN(test_approval);
	RUN(test_hidden);
	RUN(test_model);
	TEST_DONE();
}
