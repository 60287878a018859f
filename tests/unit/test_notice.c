/*
 * test_notice.c - notices while connected: the wake files of
 * util/notice.c (only the member's watchers wake, nothing for a member
 * never connected, no path outside RUN_DIR/notices), and the store's
 * side on ":memory:" (a private message tells its recipients, not its
 * author nor who blocked the author; the wake hook runs after the
 * commit, never after a rollback; the French line fits its columns).
 */
#include <sys/stat.h>

#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "text/txt.h"
#include "util/notice.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static struct store	*st;
static int64_t		 camille, karim, elodie, lea, sysop;
static char		 woken[256];	/* the hook's calls: "login," each */

static void
hook(const char *arg, const char *login)
{
	size_t len = strlen(woken);

	CHECK_STR(arg, "/run/essai");
	snprintf(woken + len, sizeof(woken) - len, "%s,", login);
}

/* Readable within ms? */
static int
readable(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, ms) == 1;
}

static void
test_wake_files(void)
{
	char dir[] = "/tmp/palabre-notice.XXXXXX", *path;
	struct stat sb;
	int fd, wk, wc, wds[4];

	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(notice_init(dir), 0);
	CHECK_INT(notice_init(dir), 0);		/* again: no harm */
	/* Never connected: no file, nothing to wake, nothing made. */
	CHECK_INT(notice_wake(dir, "karim"), 0);
	xasprintf(&path, "%s/notices/karim", dir);
	CHECK(stat(path, &sb) == -1);
	CHECK((fd = notice_watch_open()) != -1);
	wk = notice_watch_add(fd, dir, "karim");
	wc = notice_watch_add(fd, dir, "demo");
	CHECK(wk >= 0 && wc >= 0 && wk != wc);
	CHECK(stat(path, &sb) == 0 && sb.st_size == 0);
	/* Watching again (a restarted listener) wakes nobody. */
	CHECK_INT(notice_watch_add(fd, dir, "karim"), wk);
	CHECK(!readable(fd, 0));
	CHECK_INT(notice_woken(fd, wds, 4), 0);
	CHECK_INT(notice_wake(dir, "karim"), 1);
	CHECK(readable(fd, 1000));
	/* Karim, once, however many wakes came; not Camille. */
	CHECK_INT(notice_wake(dir, "karim"), 1);
	CHECK_INT(notice_woken(fd, wds, 4), 1);
	CHECK_INT(wds[0], wk);
	CHECK_INT(notice_woken(fd, wds, 4), 0);	/* drained */
	CHECK_INT(notice_wake(dir, "demo"), 1);
	CHECK_INT(notice_wake(dir, "karim"), 1);
	CHECK_INT(notice_woken(fd, wds, 4), 2);
	CHECK(wds[0] == wc && wds[1] == wk);
	CHECK_INT(notice_woken(fd, wds, 1), 0);
	/* No longer watched: nothing comes. */
	notice_watch_rm(fd, wc);
	(void)notice_woken(fd, wds, 4);		/* IN_IGNORED */
	CHECK_INT(notice_wake(dir, "demo"), 1);
	CHECK_INT(notice_woken(fd, wds, 4), 0);
	/* The file stays empty: a wake writes nothing. */
	CHECK(stat(path, &sb) == 0 && sb.st_size == 0);
	/* A login never names a file elsewhere. */
	CHECK_INT(notice_wake(dir, "../sessions"), -1);
	CHECK_INT(notice_wake(dir, ".."), -1);
	CHECK_INT(notice_wake(dir, ""), -1);
	CHECK_INT(notice_watch_add(fd, dir, "a/b"), -1);
	close(fd);
	free(path);
	unit_rmtree(dir);
}

static void
test_message_notices(void)
{
	struct store_notice *l = NULL;
	size_t n = 0;
	int64_t conv, msg, reply, last = -1;
	char *bad = NULL, *line;

	store_notice_hook(st, hook, "/run/essai");
	CHECK_RC(store_notice_last(st, karim, &last), STORE_OK);
	CHECK_INT(last, 0);
	woken[0] = '\0';
	CHECK_RC(store_conversation_new(st, elodie, "karim demo",
	    "Atelier de janvier", "Bonjour à vous deux", &conv, &msg, &bad),
	    STORE_OK);
	CHECK_STR(woken, "karim,demo,");
	CHECK_RC(store_notice_since(st, karim, 0, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(l[0].kind, NOTICE_MESSAGE);
		CHECK_STR(l[0].who, "Élodie Nguyen");
		line = store_notice_text(&l[0], 40);
		CHECK_STR(line, "Élodie Nguyen vous a écrit");
		free(line);
		last = l[0].id;
	}
	store_notice_list_free(l, n);
	/* The author is told nothing. */
	CHECK_RC(store_notice_since(st, elodie, 0, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_notice_list_free(l, n);

	/* Camille blocks Élodie: Élodie's reply tells Karim only. */
	CHECK_RC(store_block_set(st, camille, elodie, 1), STORE_OK);
	woken[0] = '\0';
	CHECK_RC(store_message_reply(st, elodie, msg, "Vous venez ?",
	    &reply), STORE_OK);
	CHECK_STR(woken, "karim,");
	CHECK_RC(store_notice_since(st, karim, last, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_notice_list_free(l, n);
	/* Karim's answer tells Élodie and Camille, not Karim. */
	woken[0] = '\0';
	CHECK_RC(store_message_reply(st, karim, reply, "Oui.", &reply),
	    STORE_OK);
	CHECK_STR(woken, "demo,elodie,");
	CHECK_RC(store_notice_since(st, karim, last, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_notice_list_free(l, n);
}

static void
test_commit_rollback(void)
{
	struct store_notice *l = NULL;
	size_t n = 0;
	int64_t last = 0, after = 0;

	CHECK_RC(store_notice_last(st, karim, &last), STORE_OK);
	/* Rolled back: nobody woken, no row. */
	woken[0] = '\0';
	CHECK_RC(store_begin(st), STORE_OK);
	CHECK_RC(store_notice_add(st, karim, NOTICE_PLACE, 0, 0), STORE_OK);
	CHECK_STR(woken, "");		/* not before the commit */
	store_rollback(st);
	CHECK_STR(woken, "");
	CHECK_RC(store_notice_last(st, karim, &after), STORE_OK);
	CHECK(after == last);
	/* Nested: one wake per member, at the outermost commit. */
	CHECK_RC(store_begin(st), STORE_OK);
	CHECK_RC(store_begin(st), STORE_OK);
	CHECK_RC(store_notice_add(st, karim, NOTICE_PLACE, 0, 0), STORE_OK);
	CHECK_RC(store_commit(st), STORE_OK);
	CHECK_STR(woken, "");
	CHECK_RC(store_notice_add(st, karim, NOTICE_MESSAGE, elodie, 0),
	    STORE_OK);
	CHECK_RC(store_commit(st), STORE_OK);
	CHECK_STR(woken, "karim,");
	CHECK_RC(store_notice_since(st, karim, last, &l, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK(l[0].id < l[1].id && l[0].kind == NOTICE_PLACE);
	store_notice_list_free(l, n);
	/* Oneself: nothing. */
	woken[0] = '\0';
	CHECK_RC(store_notice_add(st, karim, NOTICE_REPLY, karim, 0), STORE_OK);
	CHECK_STR(woken, "");
	/* Without a hook: the row, no call. */
	store_notice_hook(st, NULL, NULL);
	CHECK_RC(store_notice_add(st, karim, NOTICE_MENTION, elodie, 0),
	    STORE_OK);
	CHECK_STR(woken, "");
	CHECK_RC(store_notice_since(st, karim, last, &l, &n), STORE_OK);
	CHECK_INT(n, 3);
	store_notice_list_free(l, n);
}

static void
test_text(void)
{
	struct store_notice n;
	char *line;

	memset(&n, 0, sizeof(n));
	n.kind = NOTICE_REPLY;
	n.who = (char *)"Élodie Nguyen";
	n.what = (char *)"Domiciliation et accès à la CAF pour les personnes "
	    "hébergées";
	line = store_notice_text(&n, 40);
	CHECK_STR(line, "Élodie Nguyen vous a répondu : Domicili…");
	CHECK_INT(txt_width(line), 40);
	free(line);
	/* A long name keeps the verb within 40 columns. */
	n.kind = NOTICE_MESSAGE;
	n.who = (char *)"Marie-Christine de La Tour-Beaumont-Villeneuve";
	line = store_notice_text(&n, 40);
	CHECK_STR(line, "Marie-Christine de… vous a écrit");
	CHECK(txt_width(line) <= 40);
	free(line);
	n.kind = NOTICE_PLACE;
	n.who = (char *)"";
	n.what = (char *)"Journée accès aux droits";
	line = store_notice_text(&n, 80);
	CHECK_STR(line, "Place obtenue : Journée accès aux droits");
	free(line);
	n.kind = NOTICE_MENTION;
	n.who = (char *)"ancien membre";
	n.what = (char *)"";
	line = store_notice_text(&n, 80);
	CHECK_STR(line, "Mention par ancien membre");
	free(line);
}

/* Board 1, « accueil », open to members: the only board synced (c is
 * left filled for a caller to sync others). */
static void
accueil_board(struct store_board_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->key = (char *)"accueil";
	c->title = (char *)"Accueil des primo-arrivants";
	c->description = c->section = c->moderators = (char *)"";
	c->post_role = ROLE_MEMBRE;
	CHECK_INT(store_board_sync(st, c, 1, NULL), 0);
}

/* Notices of the boards: a reply tells the author of the post answered,
 * a name tells who it names (mentions as store_news.c records them),
 * nobody who blocked the writer, and an edit only the names it adds. */
static void
test_post_notices(void)
{
	struct store_board_conf c;
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_viewer ve = unit_viewer(elodie, "elodie", ROLE_MEMBRE);
	struct store_viewer vs = unit_viewer(sysop, "martine", ROLE_SYSOP);
	struct store_notice *l = NULL;
	int64_t thread, post, reply, reply2, last_k = 0, last_c = 0, last_l;
	int64_t t;
	size_t n = 0;
	char *line;

	accueil_board(&c);
	CHECK_RC(store_block_set(st, camille, elodie, 0), STORE_OK);
	store_notice_hook(st, hook, "/run/essai");
	CHECK_RC(store_notice_last(st, karim, &last_k), STORE_OK);
	CHECK_RC(store_notice_last(st, camille, &last_c), STORE_OK);
	CHECK_RC(store_notice_last(st, lea, &last_l), STORE_OK);
	woken[0] = '\0';
	CHECK_RC(store_thread_new(st, &vk, 1, "Domiciliation", "Bonjour.",
	    &thread, &post), STORE_OK);
	CHECK_STR(woken, "");		/* nobody answered, nobody named */
	CHECK_RC(store_post_reply(st, &ve, post, "Merci @demo pour le lien.",
	    &reply), STORE_OK);
	CHECK_STR(woken, "karim,demo,");
	CHECK_RC(store_notice_since(st, karim, last_k, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		line = store_notice_text(&l[0], 80);
		CHECK_STR(line, "Élodie Nguyen vous a répondu : "
		    "Domiciliation");
		free(line);
		last_k = l[0].id;
	}
	store_notice_list_free(l, n);
	CHECK_RC(store_notice_since(st, camille, last_c, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		line = store_notice_text(&l[0], 80);
		CHECK_STR(line, "Mention par Élodie Nguyen : Domiciliation");
		free(line);
		last_c = l[0].id;
	}
	store_notice_list_free(l, n);
	/* Karim blocks Élodie: her next answer tells him nothing. */
	CHECK_RC(store_block_set(st, karim, elodie, 1), STORE_OK);
	woken[0] = '\0';
	CHECK_RC(store_post_reply(st, &ve, post, "Et encore @demo.",
	    &reply2), STORE_OK);
	CHECK_STR(woken, "demo,");
	CHECK_RC(store_block_set(st, karim, elodie, 0), STORE_OK);
	/* An edit tells the name it adds, not those told already (rows
	 * are told by their second: the edit comes in a later one). */
	t = now_sec();
	while (now_sec() == t)
		usleep(10000);
	woken[0] = '\0';
	CHECK_RC(store_post_edit(st, &ve, reply, "Merci @demo et @lea pour "
	    "le lien."), STORE_OK);
	CHECK_STR(woken, "lea,");
	CHECK_RC(store_notice_since(st, lea, last_l, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(l[0].kind, NOTICE_MENTION);
	store_notice_list_free(l, n);

	/* A board whose threads wait: nobody is told before a moderator
	 * approves, those named are told then. */
	c.key = (char *)"moderee";
	c.title = (char *)"Forum modéré";
	c.approval = 1;
	CHECK_INT(store_board_sync(st, &c, 1, NULL), 0);
	woken[0] = '\0';
	CHECK_RC(store_thread_new(st, &vk, 2, "Une question", "Pour @lea.",
	    &thread, &post), STORE_OK);
	CHECK_STR(woken, "");
	CHECK_RC(store_thread_approve(st, &vs, thread, 1, NULL), STORE_OK);
	CHECK_STR(woken, "lea,");
}

/* The database's work for one answer in a new thread: a thread by
 * Karim, answered by Élodie (a reply told to Karim). */
static uint64_t
reply_steps(const struct store_viewer *vk, const struct store_viewer *ve)
{
	int64_t thread, post, reply;
	uint64_t before;

	CHECK_RC(store_thread_new(st, vk, 1, "Permanence", "Qui vient ?",
	    &thread, &post), STORE_OK);
	before = store_vm_steps();
	CHECK_RC(store_post_reply(st, ve, post, "Moi, jeudi.", &reply),
	    STORE_OK);
	return store_vm_steps() - before;
}

/*
 * Telling a post's replies and mentions looked them up by post in the
 * table of every mention (index mention_new, by member): each post read
 * the whole table, so a network of 1,000,000 posts paid about a million
 * rows a post. An answer costs the same with 1,500 replies on record as
 * with none.
 */
static void
test_notice_cost(void)
{
	struct store_viewer vk = unit_viewer(karim, "karim", ROLE_MEMBRE);
	struct store_viewer ve = unit_viewer(elodie, "elodie", ROLE_MEMBRE);
	struct store_board_conf c;
	uint64_t first, later;
	int i;

	/* Board 1 again, the only one (test_post_notices left « moderee »
	 * alone, whose threads wait). */
	accueil_board(&c);
	store_notice_hook(st, NULL, NULL);
	first = reply_steps(&vk, &ve);
	for (i = 0; i < 1500; i++)
		(void)reply_steps(&vk, &ve);
	later = reply_steps(&vk, &ve);
	CHECK(first > 0);
	if (later > first + first / 4)
		fprintf(stderr, "  one answer: %llu steps at first, %llu "
		    "after 1,500\n", (unsigned long long)first,
		    (unsigned long long)later);
	CHECK(later <= first + first / 4);
}

int
main(void)
{
	st = unit_mem_store();
	camille = unit_member_add(st, "demo", "Camille Durand", ROLE_MEMBRE);
	karim = unit_member_add(st, "karim", "Karim Benali", ROLE_MEMBRE);
	elodie = unit_member_add(st, "elodie", "Élodie Nguyen", ROLE_MEMBRE);
	lea = unit_member_add(st, "lea", "Léa Carpentier", ROLE_MEMBRE);
	sysop = unit_member_add(st, "martine", "Martine Lefèvre", ROLE_SYSOP);
	RUN(test_wake_files);
	RUN(test_message_notices);
	RUN(test_commit_rollback);
	RUN(test_text);
	RUN(test_post_notices);
	RUN(test_notice_cost);
	store_free(st);
	TEST_DONE();
}
