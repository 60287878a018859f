/*
 * bench_catalogue.c - the practice catalogue at 50,000 records, for make
 * bench: filtered browsing and full-text search through the store, as
 * the screens call them.
 *
 *   build/bench/bench_catalogue DATABASE [RECORDS]
 *
 * The database is made once and kept (build/bench/catalogue.db): when
 * it is missing or holds another number of records, the generator
 * writes RECORDS (50,000) published records through the store itself
 * (store_practice_submit, _publish, _backdate: the same checks, themes
 * and index as members' records), in one transaction, deterministically
 * (a fixed pseudo-random sequence): French prose with accents, every
 * département, one to three themes, the six organisation types, dates
 * over ten years, and a rare word (« Pleyel ») in one record in a
 * thousand.
 *
 * Each query then runs REPEAT times on a fresh connection (the first
 * run is a warm-up, not counted): the figure is the median and the
 * worst of the others, in milliseconds, with the number of rows
 * returned. Not a test: nothing passes or fails on speed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/util.h"

#define RECORDS		50000
#define REPEAT		21
#define PAGE		300	/* what a list screen reads */

static uint64_t rng = 88172645463325252ULL;

static const char *const words[] = {
	"intégration", "accès", "droits", "logement", "français", "école",
	"parents", "emploi", "santé", "médiation", "réfugiés", "quartier",
	"accueil", "bénévoles", "associations", "préfecture", "CAF",
	"formation", "jeunes", "femmes", "âgés", "citoyenneté", "mémoire",
	"discriminations", "égalité", "insertion", "orientation", "élèves",
	"interprète", "permanence", "œuvre", "réseau", "coopération",
	"évaluation", "budget", "financement", "mairie", "collège",
	"hébergement", "domiciliation", "numérique", "ateliers", "familles",
};
static const char *const orgs[] = {
	"CCAS de", "Mairie de", "Association Accueil de", "CAF de",
	"Mission locale de", "Centre social de", "Préfecture de",
	"Maison des associations de",
};
static const char *const towns[] = {
	"Saint-Étienne", "Lyon", "Lille", "Marseille", "Bobigny", "Nîmes",
	"Besançon", "Clermont-Ferrand", "Évry", "Rouen", "Poitiers", "Metz",
};

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *
pick(const char *const *l, size_t n)
{
	return l[next() % n];
}

/* A sentence or a few, about bytes long. */
static char *
prose(size_t bytes, int rare)
{
	struct buf b;

	buf_init(&b);
	while (b.len < bytes) {
		buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
		    pick(words, nitems(words)));
		if (next() % 9 == 0)
			buf_adds(&b, next() % 3 == 0 ? ".\n" : ",");
	}
	if (rare)
		buf_adds(&b, " Pleyel");
	buf_adds(&b, ".");
	return buf_detach(&b);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static struct store *
open_db(const char *path, int flags)
{
	struct store *s;
	char *cause = NULL;

	if ((s = store_open(path, flags, &cause)) == NULL) {
		fprintf(stderr, "bench_catalogue: %s: %s\n", path, cause);
		exit(1);
	}
	return s;
}

static int64_t
count_records(const char *path)
{
	struct store *s;
	int64_t n = -1;

	if (access(path, F_OK) != 0)
		return -1;
	/* A cached database made before later migrations: migrated. */
	s = open_db(path, STORE_MIGRATE);
	if (store_practice_count(s, NULL, &n) != 0)
		n = -1;
	store_free(s);
	return n;
}

static void
generate(const char *path, int records)
{
	struct store *s;
	struct store_member m;
	struct store_viewer a, mod;
	struct store_departement *deps;
	struct store_theme *themes;
	size_t ndeps, nthemes, k;
	const char *f[PF_NFIELDS];
	char *own[PF_NFIELDS], themebuf[128], title[160], org[160], date[16];
	int64_t id, t0 = 1420070400;	/* 2015-01-01 */
	int i, j, field;
	double start = now_ms();

	unlink(path);
	s = open_db(path, STORE_CREATE | STORE_MIGRATE);
	memset(&m, 0, sizeof(m));
	m.login = (char *)"auteur";
	m.display_name = (char *)"Élise Bérard";
	m.organisation = (char *)"Réseau d'essai";
	m.role = ROLE_MEMBRE;
	m.status = STATUS_ACTIF;
	store_member_insert(s, &m);
	memset(&a, 0, sizeof(a));
	a.member_id = m.id;
	a.login = "auteur";
	a.role = ROLE_MEMBRE;
	m.login = (char *)"moderatrice";
	m.display_name = (char *)"Noémie Garçon";
	m.role = ROLE_MODERATEUR;
	store_member_insert(s, &m);
	memset(&mod, 0, sizeof(mod));
	mod.member_id = m.id;
	mod.login = "moderatrice";
	mod.role = ROLE_MODERATEUR;
	store_departement_list(s, NULL, &deps, &ndeps);
	store_theme_list(s, &themes, &nthemes);
	if (store_begin(s) != 0)
		exit(1);
	for (i = 0; i < records; i++) {
		memset(own, 0, sizeof(own));
		snprintf(title, sizeof(title), "%s %s pour les %s n° %d",
		    pick(words, nitems(words)), pick(words, nitems(words)),
		    pick(words, nitems(words)), i + 1);
		snprintf(org, sizeof(org), "%s %s", pick(orgs, nitems(orgs)),
		    pick(towns, nitems(towns)));
		themebuf[0] = '\0';
		for (j = 0, k = 1 + next() % 3; j < (int)k; j++) {
			const char *key = themes[next() % nthemes].key;

			if (strstr(themebuf, key) == NULL)
				snprintf(themebuf + strlen(themebuf),
				    sizeof(themebuf) - strlen(themebuf), "%s%s",
				    themebuf[0] != '\0' ? " " : "", key);
		}
		snprintf(date, sizeof(date), "%02d/%04d", 1 + (int)(next() % 12),
		    2012 + (int)(next() % 12));
		f[PF_TITLE] = title;
		f[PF_ORG] = org;
		f[PF_ORG_TYPE] = store_org_types[next() % store_norg_types].key;
		f[PF_PARTNERS] = own[PF_PARTNERS] = prose(60, 0);
		f[PF_DEPARTEMENT] = deps[next() % ndeps].code;
		f[PF_COMMUNE] = pick(towns, nitems(towns));
		f[PF_THEMES] = themebuf;
		f[PF_PUBLIC] = own[PF_PUBLIC] = prose(80, 0);
		f[PF_START] = date;
		f[PF_END] = "";
		f[PF_CONTEXT] = own[PF_CONTEXT] = prose(250, 0);
		f[PF_ACTIONS] = own[PF_ACTIONS] = prose(400, i % 1000 == 7);
		f[PF_MEANS] = own[PF_MEANS] = prose(120, 0);
		f[PF_RESULTS] = own[PF_RESULTS] = prose(200, 0);
		f[PF_REPRODUCE] = own[PF_REPRODUCE] = prose(150, 0);
		f[PF_CONTACT_LOGIN] = "auteur";
		f[PF_CONTACT] = "";
		f[PF_DOCS] = "";
		id = 0;
		if (store_practice_submit(s, &a, &id, f, &field) != 0 ||
		    store_practice_publish(s, &mod, id) != 0 ||
		    store_practice_backdate(s, id, t0 + (int64_t)i * 6300) !=
		    0) {
			fprintf(stderr, "bench_catalogue: record %d refused "
			    "(field %d)\n", i, field);
			exit(1);
		}
		for (j = 0; j < PF_NFIELDS; j++)
			free(own[j]);
	}
	if (store_commit(s) != 0)
		exit(1);
	store_departement_list_free(deps, ndeps);
	store_theme_list_free(themes, nthemes);
	store_free(s);
	printf("# generated %d records in %.1f s\n", records,
	    (now_ms() - start) / 1000);
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

enum { Q_LIST, Q_COUNT, Q_SEARCH, Q_GET };

struct query {
	const char			*name;
	int				 kind;
	struct store_practice_filter	 f;
	const char			*words;
};

static void
run(const char *path, const struct query *q)
{
	struct store *s = open_db(path, STORE_READONLY);
	struct store_practice_item *l;
	struct store_practice p;
	struct store_viewer v;
	double t[REPEAT], start;
	size_t n = 0;
	int64_t c = 0;
	int i, rc = 0;

	memset(&v, 0, sizeof(v));
	v.role = ROLE_MEMBRE;
	for (i = 0; i < REPEAT; i++) {
		start = now_ms();
		switch (q->kind) {
		case Q_LIST:
			rc = store_practice_list(s, &q->f, 0, PAGE, &l, &n);
			if (rc == 0)
				rc = store_practice_count(s, &q->f, &c);
			store_practice_item_list_free(l, n);
			break;
		case Q_COUNT:
			rc = store_practice_count(s, &q->f, &c);
			n = (size_t)c;
			break;
		case Q_SEARCH:
			rc = store_practice_search(s, q->words, &q->f, PAGE, &l,
			    &n);
			store_practice_item_list_free(l, n);
			break;
		case Q_GET:
			rc = store_practice_get(s, &v, 25000, &p);
			store_practice_clear(&p);
			n = 1;
			break;
		}
		t[i] = now_ms() - start;
		if (rc != 0) {
			fprintf(stderr, "bench_catalogue: %s failed\n", q->name);
			break;
		}
	}
	qsort(t + 1, REPEAT - 1, sizeof(*t), cmp);
	printf("%-34s %8.2f %8.2f %7zu", q->name, t[1 + (REPEAT - 1) / 2],
	    t[REPEAT - 1], n);
	if (q->kind == Q_LIST)
		printf(" of %lld", (long long)c);
	putchar('\n');
	store_free(s);
}

int
main(int argc, char **argv)
{
	static const struct query qs[] = {
		{ "list newest (no filter)", Q_LIST, { 0 }, NULL },
		{ "list by departement 93", Q_LIST, { .departement = "93" },
		    NULL },
		{ "list by region 11", Q_LIST, { .region = "11" }, NULL },
		{ "list by theme francais", Q_LIST, { .theme = "francais" },
		    NULL },
		{ "list by type association", Q_LIST,
		    { .org_type = "association" }, NULL },
		{ "list theme+region+type", Q_LIST, { .theme = "sante",
		    .region = "84", .org_type = "collectivite" }, NULL },
		{ "list theme+departement", Q_LIST, { .theme = "emploi",
		    .departement = "59" }, NULL },
		{ "list type+theme (rare combo)", Q_LIST, { .theme =
		    "vieillissement", .org_type = "securite-sociale" }, NULL },
		{ "count (home screen)", Q_COUNT, { 0 }, NULL },
		{ "search common: integration", Q_SEARCH, { 0 },
		    "integration" },
		{ "search 2 words: eleves interprete", Q_SEARCH, { 0 },
		    "eleves interprete" },
		{ "search rare: pleyel", Q_SEARCH, { 0 }, "pleyel" },
		{ "search + departement 93", Q_SEARCH, { .departement = "93" },
		    "logement" },
		{ "search no match", Q_SEARCH, { 0 }, "introuvablexyz" },
		{ "record page (get one)", Q_GET, { 0 }, NULL },
	};
	const char *path;
	int records = RECORDS;
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_catalogue DATABASE [RECORDS]\n");
		return 2;
	}
	path = argv[1];
	if (argc > 2)
		records = atoi(argv[2]);
	log_init("bench_catalogue", LOG_WARN);
	if (count_records(path) != records)
		generate(path, records);
	else
		printf("# cached database: %s (%d records)\n", path, records);
	printf("%-34s %8s %8s %7s\n", "query (ms over 20 warm runs)",
	    "median", "max", "rows");
	for (i = 0; i < nitems(qs); i++)
		run(path, &qs[i]);
	return 0;
}
