/*
 * admin_stats.c - « palabre admin stats »: the site's figures for the
 * sysop (members by status, posts per day over 30 days, the shelf, the
 * catalogue, the exchange days, the database's size) and the sessions
 * open now. Days are Paris days, as everywhere a member reads a date.
 *
 * Sessions: the open ones are the entries of the registry in run_dir
 * (util/registry.h, as « admin who » lists them), adopted ones
 * included; the server is the process that holds the database's lock
 * (servelock.h). The peak is the listener's note in run_dir
 * (registry_peak: the most sessions open at once, and when).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/registry.h"
#include "util/servelock.h"
#include "util/util.h"

#define STATS_BAR	40	/* columns of the busiest day's bar */

static void	 stats_days(int64_t *, int64_t);
static int	 stats_run(struct config *, int, char **);

/* The Paris midnights starting the last STORE_STATS_DAYS days (today
 * last), then tomorrow's: from today's noon, a day back or forth is
 * always the right day, whatever summer time does. */
static void
stats_days(int64_t *bounds, int64_t now)
{
	struct tm tm;
	int64_t noon;
	int i;

	txt_date_tm(now, &tm);
	noon = txt_date_paris(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    12, 0);
	for (i = 0; i <= STORE_STATS_DAYS; i++) {
		txt_date_tm(noon - (int64_t)(STORE_STATS_DAYS - 1 - i) * 86400,
		    &tm);
		bounds[i] = txt_date_paris(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, 0, 0);
	}
}

static int
stats_run(struct config *cfg, int argc, char **argv)
{
	static const char *const status_word[][2] = {
		{ "en attente", "en attente" },
		{ "actif", "actifs" },
		{ "suspendu", "suspendus" },
		{ "refusé", "refusés" },
		{ "anonymisé", "anonymisés" },
	};
	struct store_stats s;
	struct store *st;
	struct stat sb;
	int64_t bounds[STORE_STATS_DAYS + 1], now = now_sec(), total = 0;
	int64_t most = 0, sum = 0, when;
	struct registry_entry *reg;
	char a[64], b[64], *wal;
	size_t nreg, npeak;
	pid_t pid;
	int i, n, bar;

	if ((st = admin_store(cfg, STORE_READONLY)) == NULL)
		return 1;
	stats_days(bounds, now);
	if (store_stats(st, bounds, now, &s) != 0) {
		fprintf(stderr, "palabre : les chiffres n'ont pas pu être "
		    "lus\n");
		store_free(st);
		return 1;
	}
	store_free(st);

	printf("Membres :");
	for (i = 0; i < (int)nitems(status_word); i++) {
		total += s.members[i];
		fmt_count(a, sizeof(a), s.members[i]);
		printf("%s %s %s", i > 0 ? "," : "", a,
		    status_word[i][s.members[i] > 1]);
	}
	fmt_count(a, sizeof(a), total);
	fmt_count(b, sizeof(b), s.came_today);
	printf(" (%s en tout) ; %s venu%s ces dernières 24 h\n", a, b,
	    s.came_today > 1 ? "s" : "");
	fmt_count(a, sizeof(a), s.posts);
	fmt_count(b, sizeof(b), s.threads);
	printf("Forums : %s message%s en %s sujet%s\n", a, s.posts > 1 ?
	    "s" : "", b, s.threads > 1 ? "s" : "");
	for (i = 0; i < STORE_STATS_DAYS; i++) {
		if (s.per_day[i] > most)
			most = s.per_day[i];
		sum += s.per_day[i];
	}
	fmt_count(a, sizeof(a), sum);
	printf("Messages par jour, les %d derniers jours (%s en tout) :\n",
	    STORE_STATS_DAYS, a);
	for (i = 0; i < STORE_STATS_DAYS; i++) {
		/* The day, in the site's one date style. */
		txt_date_day(b, sizeof(b), bounds[i]);
		fmt_count(a, sizeof(a), s.per_day[i]);
		n = (int)txt_width(b);
		printf("  %s%*s %8s ", b, 20 - n, "", a);
		bar = most > 0 ? (int)((s.per_day[i] * STATS_BAR + most - 1) /
		    most) : 0;
		while (bar-- > 0)
			putchar('#');
		putchar('\n');
	}
	fmt_count(a, sizeof(a), s.docs);
	printf("Bibliothèque : %s document%s\n", a, s.docs > 1 ? "s" : "");
	fmt_count(a, sizeof(a), s.practices);
	fmt_count(b, sizeof(b), s.practices_waiting);
	printf("Catalogue : %s fiche%s publiée%s, %s à valider\n", a,
	    s.practices > 1 ? "s" : "", s.practices > 1 ? "s" : "", b);
	fmt_count(a, sizeof(a), s.events);
	fmt_count(b, sizeof(b), s.events_upcoming);
	printf("Journées d'échange : %s, dont %s à venir\n", a, b);
	pid = serve_lock_holder(cfg->database);
	if (registry_list(cfg->run_dir, 0, &reg, &nreg) == 0)
		free(reg);
	else if (errno == ENOENT)
		nreg = 0;	/* never served with this run_dir */
	else
		nreg = (size_t)-1;
	if (nreg == (size_t)-1)
		printf("Sessions ouvertes : inconnues (registre illisible : "
		    "%s)", cfg->run_dir);
	else
		printf("Sessions ouvertes : %zu", nreg);

	if (pid > 0)
		printf(" (serveur : processus %ld)\n", (long)pid);
	else
		printf(" (le serveur ne sert pas cette base)\n");
	if (registry_peak(cfg->run_dir, &npeak, &when) == 0) {
		txt_date_long(a, sizeof(a), when);
		printf("Pointe : %zu session%s à la fois, le %s\n", npeak,
		    npeak > 1 ? "s" : "", a);
	}
	admin_bytes(a, sizeof(a), s.bytes);
	printf("Base : %s, %s", cfg->database, a);
	xasprintf(&wal, "%s-wal", cfg->database);
	if (stat(wal, &sb) == 0 && sb.st_size > 0) {
		admin_bytes(b, sizeof(b), (int64_t)sb.st_size);
		printf(" (et %s de journal WAL)", b);
	}
	free(wal);
	putchar('\n');
	return 0;
}

const struct admin_cmd admin_stats_cmds[] = {
	{ "stats", NULL, "", "", 0, 0,
	    "les chiffres du site : membres, messages par jour sur 30 "
	    "jours, documents, fiches, journées, sessions et leur pointe, "
	    "taille de la base",
	    stats_run },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
