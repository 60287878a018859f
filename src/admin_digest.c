/*
 * admin_digest.c - « palabre admin digest send », run by a timer
 * (conf/systemd/palabre-mail.timer): every e-mail Palabre owes goes out
 * through the system's MTA; « digest set » for an address the team
 * vouches for, and « digest stop » for a member who asked
 * (List-Unsubscribe) to be mailed no more.
 *
 * A run has two halves. First it builds what is owed, each message in
 * the transaction that records it as owed no more (store_mail_queue_*):
 * confirmation codes, one notice per private message for the members who
 * want them, and the digests due (daily at [mail] digest_hour, Paris
 * time; weekly on Mondays at that hour), each listing what « Quoi de
 * neuf » shows the member since their last digest, less what the last
 * one told. Then it hands every waiting message to sendmail, oldest
 * first, and records the answer. Killed anywhere, the next run finds
 * each message either still owed or waiting in the outbox, never both
 * (store_mail.c). One run at a time: a lock beside the database.
 *
 * A refused address (sendmail's answer, as msmtp gives an SMTP 550) is
 * reported on stdout and in the log, marked refused, and mailed no more
 * until its member confirms an address again; a temporary failure is
 * tried again at the next runs, MAIL_TRIES times at most, then reported
 * the same way. If sendmail cannot run at all, the run stops there
 * (exit 1) and nothing is held against anyone.
 */
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "admin_mail.h"
#include "config.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

#define MAIL_TRIES	24		/* temporary failures, then given up */
#define DIGEST_ITEMS	30		/* items a digest lists, the newest */
#define DIGEST_BATCH	100		/* digests recorded per transaction */
#define DIGEST_WORKERS	4		/* processes building digests, at most */
#define DIGEST_FORK_MIN	500		/* members due before it is worth it */
#define MAIL_KEEP	(30 * 86400)	/* the outbox's log of what went out */

struct digest_count {
	int	 queued[3];	/* codes, notes, digests built */
	int	 sent;
	int	 refused;
	int	 later;
	int	 failed;	/* given up after MAIL_TRIES */
	double	 build;		/* seconds building, handing over */
	double	 hand;
};

static int	 digest_lock(const struct config *);
static int	 digest_codes(struct config *, struct store *, int64_t,
		    struct digest_count *);
static int	 digest_notes(struct config *, struct store *, int64_t,
		    struct digest_count *);
static void	 digest_bounds(int, int64_t, int64_t *, int64_t *);
static void	 digest_free(char **, size_t);
static double	 digest_since(const struct timespec *);
static char	*digest_build(struct config *, struct store *,
		    struct store_mail_to *, int64_t, char ***, size_t *);
static int	 digest_share(struct config *, struct store *,
		    struct store_mail_to *, size_t, size_t, size_t, int64_t,
		    int *);
static int	 digest_digests(struct config *, struct store **, int64_t,
		    struct digest_count *);
static int	 digest_submit(struct config *, struct store *,
		    struct digest_count *);
static int	 digest_send(struct config *, int, char **);
static int	 digest_set(struct config *, int, char **);
static int	 digest_stop(struct config *, int, char **);

/* The run's lock, held until exit (a killed run lets go of it). -1 if
 * another run holds it (said on stderr). */
static int
digest_lock(const struct config *cfg)
{
	char *path;
	int fd;

	xasprintf(&path, "%s-mail.lock", cfg->database);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		fprintf(stderr, "palabre : %s : %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		fprintf(stderr, "palabre : un autre envoi est en cours (%s)\n",
		    path);
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	return fd;
}

static int
digest_codes(struct config *cfg, struct store *st, int64_t now,
    struct digest_count *c)
{
	struct store_mail_to *l;
	size_t n, i;
	char *data;
	int r;

	if (store_mail_codes(st, now, &l, &n) != STORE_OK)
		return -1;
	for (i = 0; i < n; i++) {
		data = mail_code(cfg, &l[i], now);
		r = store_mail_queue_code(st, &l[i], data, now);
		free(data);
		if (r == STORE_ERR) {
			store_mail_to_list_free(l, n);
			return -1;
		}
		c->queued[0] += r == STORE_OK;
	}
	store_mail_to_list_free(l, n);
	return 0;
}

static int
digest_notes(struct config *cfg, struct store *st, int64_t now,
    struct digest_count *c)
{
	struct store_mail_to *l;
	size_t n, i;
	char *data;
	int r;

	if (store_mail_notes(st, &l, &n) != STORE_OK)
		return -1;
	for (i = 0; i < n; i++) {
		data = mail_note(cfg, &l[i], now);
		r = store_mail_queue_note(st, &l[i], data, now);
		free(data);
		if (r == STORE_ERR) {
			store_mail_to_list_free(l, n);
			return -1;
		}
		c->queued[1] += r == STORE_OK;
	}
	store_mail_to_list_free(l, n);
	return 0;
}

/*
 * The last digest times at or before now: *day today's (or yesterday's)
 * at hour, Paris time; *week the last Monday's. From each day's noon a
 * day back is always the day before, whatever summer time does.
 */
static void
digest_bounds(int hour, int64_t now, int64_t *day, int64_t *week)
{
	struct tm tm;
	int64_t noon, t;
	int back;

	txt_date_tm(now, &tm);
	noon = txt_date_paris(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    12, 0);
	*day = *week = 0;
	for (back = 0; back <= 8 && *week == 0; back++) {
		txt_date_tm(noon - (int64_t)back * 86400, &tm);
		t = txt_date_paris(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, hour, 0);
		if (t > now)
			continue;
		if (*day == 0)
			*day = t;
		if (tm.tm_wday == 1)
			*week = t;
	}
}

/* Seconds from *t0 to now (monotonic). */
static double
digest_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Free n strings and their array. */
static void
digest_free(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/*
 * The digest of one member: what « Quoi de neuf » shows them since
 * their last digest (store_news_list, the one query for the screen, the
 * command and this), less what that digest told, the newest
 * DIGEST_ITEMS. The message (NULL if nothing is new), and in *ids the
 * items it tells.
 */
static char *
digest_build(struct config *cfg, struct store *st, struct store_mail_to *to,
    int64_t now, char ***ids, size_t *nids)
{
	struct store_news_item *l;
	struct mail_item *it;
	size_t n, i, j, k = 0, more = 0, ntold;
	char *data = NULL, **told;

	*ids = NULL;
	*nids = 0;
	if (store_mail_told(st, to->member_id, &told, &ntold) != 0)
		return NULL;
	if (store_news_list(st, to->member_id, to->since, NEWS_FOLLOWED, &l,
	    &n) != 0) {
		digest_free(told, ntold);
		return NULL;
	}
	it = xcalloc(n > 0 ? n : 1, sizeof(*it));
	*ids = xcalloc(n > 0 ? n : 1, sizeof(**ids));
	for (i = 0; i < n; i++) {
		for (j = 0; j < ntold && strcmp(told[j], l[i].id) != 0; j++)
			;
		if (j < ntold)
			continue;	/* the last digest told it */
		if (k == DIGEST_ITEMS) {
			more++;
			continue;
		}
		it[k].id = l[i].id;
		it[k].kind = store_news_kind_label(l[i].kind);
		it[k].title = l[i].title;
		it[k].where = l[i].where;
		it[k].who = l[i].who;
		it[k].at = l[i].at;
		(*ids)[k] = xstrdup(l[i].id);
		k++;
	}
	*nids = k;
	if (k > 0)
		data = mail_digest(cfg, to, it, k, more, now);
	free(it);
	store_news_list_free(l, n);
	digest_free(told, ntold);
	return data;
}

/*
 * Build and record the digests of the members l[i] with i % nw == w,
 * DIGEST_BATCH to a transaction (each member's message with the marks
 * that say it is built: a batch lost to a kill is built again, whole).
 * Built outside the transaction, as members write meanwhile;
 * store_mail_queue_digest checks nothing moved. *queued: how many went
 * to the outbox. 0 or -1.
 */
static int
digest_share(struct config *cfg, struct store *st, struct store_mail_to *l,
    size_t n, size_t w, size_t nw, int64_t now, int *queued)
{
	struct store_mail_to *to[DIGEST_BATCH];
	char **ids[DIGEST_BATCH], *data[DIGEST_BATCH];
	size_t nids[DIGEST_BATCH], i, j = w, k;
	int r, rc = 0, q;

	*queued = 0;
	while (j < n && rc == 0) {
		for (k = 0; k < DIGEST_BATCH && j < n; k++, j += nw) {
			to[k] = &l[j];
			data[k] = digest_build(cfg, st, to[k], now, &ids[k],
			    &nids[k]);
		}
		q = 0;
		if (store_begin(st) != 0)
			rc = -1;
		for (i = 0; i < k && rc == 0; i++) {
			/* Nothing new: not sent; the next one looks from
			 * now. */
			r = store_mail_queue_digest(st, to[i],
			    (const char *const *)ids[i], nids[i], data[i],
			    now);
			if (r == STORE_ERR) {
				store_rollback(st);
				rc = -1;
			} else if (r == STORE_OK && data[i] != NULL)
				q++;
		}
		/* A failed commit rolls back by itself. */
		if (rc == 0 && store_commit(st) != 0)
			rc = -1;
		if (rc == 0)
			*queued += q;
		for (i = 0; i < k; i++) {
			digest_free(ids[i], nids[i]);
			free(data[i]);
		}
	}
	return rc;
}

/*
 * The digests due. Building is read-only and per member, and most of a
 * run's time (one « Quoi de neuf » query each): past DIGEST_FORK_MIN
 * members it is shared between one worker process per core (at most
 * DIGEST_WORKERS), each with its own connection (a connection never
 * crosses a fork: ours is closed first and opened again after, in *st).
 * A worker dies with us (PR_SET_PDEATHSIG): killed, a run leaves only
 * whole batches behind.
 */
static int
digest_digests(struct config *cfg, struct store **st, int64_t now,
    struct digest_count *c)
{
	struct store_mail_to *l;
	struct store *ws;
	size_t n, w, nw;
	int64_t day, week;
	int fds[DIGEST_WORKERS], q, rc = 0, status;
	pid_t pids[DIGEST_WORKERS], parent = getpid();
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	char *cause = NULL;
	int p[2];

	digest_bounds(cfg->mail_digest_hour, now, &day, &week);
	if (store_mail_due(*st, day, week, &l, &n) != STORE_OK)
		return -1;
	nw = cpus > DIGEST_WORKERS ? DIGEST_WORKERS : cpus > 1 ? (size_t)cpus :
	    1;
	if (n < DIGEST_FORK_MIN || nw == 1) {
		rc = digest_share(cfg, *st, l, n, 0, 1, now, &q);
		c->queued[2] += q;
		store_mail_to_list_free(l, n);
		return rc;
	}
	store_free(*st);
	*st = NULL;
	fflush(NULL);
	for (w = 0; w < nw; w++) {
		pids[w] = -1;
		fds[w] = -1;
		if (pipe2(p, O_CLOEXEC) != 0 || (pids[w] = fork()) == -1) {
			rc = -1;
			break;
		}
		if (pids[w] == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(1);
			close(p[0]);
			q = 0;
			ws = store_open(config_store(cfg), 0, &cause);
			status = ws == NULL || store_mail_sync_normal(ws) != 0 ||
			    digest_share(cfg, ws, l, n, w, nw, now, &q) != 0;
			if (write(p[1], &q, sizeof(q)) != sizeof(q))
				status = 1;
			store_free(ws);
			_exit(status);
		}
		close(p[1]);
		fds[w] = p[0];
	}
	for (w = 0; w < nw; w++) {
		if (fds[w] != -1) {
			if (read(fds[w], &q, sizeof(q)) == sizeof(q))
				c->queued[2] += q;
			close(fds[w]);
		}
		if (pids[w] > 0 && (waitpid(pids[w], &status, 0) == -1 ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0))
			rc = -1;
	}
	store_mail_to_list_free(l, n);
	if ((*st = admin_store(cfg, 0)) == NULL ||
	    store_mail_sync_normal(*st) != 0)
		rc = -1;
	return rc;
}

/* Everything waiting, to sendmail. -1 if sendmail is broken or the
 * database failed: the rest waits for the next run. */
static int
digest_submit(struct config *cfg, struct store *st, struct digest_count *c)
{
	struct store_mail_out *l;
	size_t n, i;
	char *why;
	int64_t now;
	int r, rc = 0;

	if (store_mail_waiting(st, &l, &n) != STORE_OK)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		why = NULL;
		now = now_sec();
		switch (mail_submit(cfg, l[i].data, &why)) {
		case MAIL_SENT:
			if (store_mail_sent(st, l[i].id, now) != STORE_OK)
				rc = -1;
			c->sent++;
			break;
		case MAIL_REFUSED:
			printf("Adresse refusée : %s <%s> : %s\n", l[i].login,
			    l[i].address, why);
			log_warn("adresse refusée : %s <%s> : %s", l[i].login,
			    l[i].address, why);
			if (store_mail_refused(st, l[i].id, why, now) !=
			    STORE_OK)
				rc = -1;
			c->refused++;
			break;
		case MAIL_LATER:
			r = store_mail_retry(st, l[i].id, MAIL_TRIES, why, now);
			if (r == 1) {
				printf("Abandonné après %d essais : %s <%s> : "
				    "%s\n", MAIL_TRIES, l[i].login,
				    l[i].address, why);
				log_warn("courriel abandonné après %d essais : "
				    "%s <%s> : %s", MAIL_TRIES, l[i].login,
				    l[i].address, why);
				c->failed++;
			} else if (r == 0)
				c->later++;
			else
				rc = -1;
			break;
		case MAIL_BROKEN:
			fprintf(stderr, "palabre : sendmail (%s) : %s ; envoi "
			    "arrêté, rien n'est perdu\n", cfg->mail_sendmail,
			    why);
			log_error("sendmail (%s) : %s", cfg->mail_sendmail,
			    why);
			rc = -1;
			break;
		}
		free(why);
	}
	store_mail_out_list_free(l, n);
	return rc;
}

static int
digest_send(struct config *cfg, int argc, char **argv)
{
	struct digest_count c;
	struct store *st;
	struct timespec t0;
	int64_t now = now_sec();
	char build[32], hand[32];
	int lock, fd, rc = 1;

	/* Not set up: nothing to do, and no failed unit every five
	 * minutes (« Mon profil » offers no mail then). */
	if (cfg->mail_from[0] == '\0') {
		printf("[mail] from n'est pas réglé dans %s : aucun courriel "
		    "n'est envoyé.\n", cfg->path);
		return 0;
	}
	if ((lock = digest_lock(cfg)) == -1)
		return 1;
	/* Refused addresses in the server's log too. */
	if (cfg->log_file != NULL && (fd = open(cfg->log_file, O_WRONLY |
	    O_CREAT | O_APPEND | O_CLOEXEC, 0640)) != -1)
		log_set_fd(fd);
	if ((st = admin_store(cfg, 0)) == NULL) {
		close(lock);
		return 1;
	}
	memset(&c, 0, sizeof(c));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_mail_sync_normal(st) != 0 ||
	    store_mail_prune(st, now - MAIL_KEEP) != STORE_OK ||
	    digest_codes(cfg, st, now, &c) != 0 ||
	    digest_notes(cfg, st, now, &c) != 0 ||
	    digest_digests(cfg, &st, now, &c) != 0) {
		fprintf(stderr, "palabre : la base n'a pas pu être lue ou "
		    "écrite ; rien n'est perdu\n");
		goto out;
	}
	c.build = digest_since(&t0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (digest_submit(cfg, st, &c) == 0)
		rc = 0;
	c.hand = digest_since(&t0);
out:
	/* « 12,3 s »: the French decimal comma. */
	snprintf(build, sizeof(build), "%.1f", c.build);
	snprintf(hand, sizeof(hand), "%.1f", c.hand);
	*strchr(build, '.') = ',';
	*strchr(hand, '.') = ',';
	printf("Courriels : %d code%s, %d message%s, %d résumé%s préparé%s ; "
	    "%d envoyé%s, %d refusé%s, %d à réessayer, %d abandonné%s "
	    "(préparés en %s s, remis en %s s)\n",
	    c.queued[0], c.queued[0] > 1 ? "s" : "", c.queued[1],
	    c.queued[1] > 1 ? "s" : "", c.queued[2], c.queued[2] > 1 ? "s" : "",
	    c.queued[0] + c.queued[1] + c.queued[2] > 1 ? "s" : "",
	    c.sent, c.sent > 1 ? "s" : "", c.refused, c.refused > 1 ? "s" : "",
	    c.later, c.failed, c.failed > 1 ? "s" : "", build, hand);
	log_info("courriels : %d codes, %d messages, %d résumés préparés ; "
	    "%d envoyés, %d refusés, %d à réessayer, %d abandonnés "
	    "(%s s, %s s)", c.queued[0], c.queued[1], c.queued[2], c.sent,
	    c.refused, c.later, c.failed, build, hand);
	store_free(st);
	close(lock);
	return rc;
}

static int
digest_stop(struct config *cfg, int argc, char **argv)
{
	struct store_member m;
	struct store *st;
	int rc = 1;

	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	switch (store_member_by_login(st, argv[1], &m)) {
	case 0:
		if (store_mail_stop(st, m.id) == STORE_OK) {
			printf("%s ne reçoit plus de résumé ni de courriel par "
			    "message.\n", m.login);
			rc = 0;
		} else
			fprintf(stderr, "palabre : la base n'a pas pu être "
			    "écrite\n");
		store_member_clear(&m);
		break;
	case 1:
		fprintf(stderr, "palabre : aucun membre « %s »\n", argv[1]);
		break;
	default:
		fprintf(stderr, "palabre : la base n'a pas pu être lue\n");
		break;
	}
	store_free(st);
	return rc;
}

/* « digest set LOGIN ADRESSE [--digest D] [--per-message] ». */
static int
digest_set(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "digest", required_argument, NULL, 'd' },
		{ "per-message", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_member m;
	struct store *st;
	int c, digest = DIGEST_NEVER, per = 0, rc = 1, r;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'm')
			per = 1;
		else if (c == 'd' && (digest = store_digest_parse(optarg)) < 0) {
			fprintf(stderr, "palabre : --digest : jamais, quotidien "
			    "ou hebdomadaire, pas « %s »\n", optarg);
			return 2;
		}
	}
	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	if ((r = store_member_by_login(st, argv[optind], &m)) != 0) {
		fprintf(stderr, "palabre : %s\n", r == 1 ? "aucun membre de "
		    "cet identifiant" : "la base n'a pas pu être lue");
		store_free(st);
		return 1;
	}
	switch ((r = store_mail_set(st, m.id, argv[optind + 1], digest, per,
	    now_sec()))) {
	case STORE_OK:
		printf("%s : courriels à %s ; résumé : %s ; un courriel par "
		    "message : %s.\n", m.login, argv[optind + 1],
		    store_digest_label(digest), per ? "oui" : "non");
		rc = 0;
		break;
	case STORE_INVALID:
	case STORE_TOO_LONG:
		fprintf(stderr, "palabre : « %s » n'est pas une adresse de "
		    "courriel\n", argv[optind + 1]);
		break;
	default:
		fprintf(stderr, "palabre : %s\n", store_rc_text(r));
		break;
	}
	store_member_clear(&m);
	store_free(st);
	return rc;
}

const struct admin_cmd admin_digest_cmds[] = {
	{ "digest", "send", "", "", 0, 0,
	    "envoie les courriels dus (codes de confirmation, messages "
	    "privés, résumés) par le sendmail de [mail] ; à lancer par un "
	    "minuteur (palabre-mail.timer)",
	    digest_send },
	{ "digest", "set", "IDENTIFIANT ADRESSE",
	    "digest=jamais|quotidien|hebdomadaire per-message", 2, 2,
	    "l'adresse d'un membre, que l'équipe garantit (sans code de "
	    "confirmation), son résumé et ses courriels par message ; le "
	    "premier résumé part au passage suivant",
	    digest_set },
	{ "digest", "stop", "IDENTIFIANT", "", 1, 1,
	    "plus de résumé ni de courriel par message pour ce membre (qui "
	    "a demandé son désabonnement)",
	    digest_stop },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
