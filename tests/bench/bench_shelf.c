/*
 * bench_shelf.c - the document shelf at scale, for make bench.
 *
 *   build/bench/bench_shelf DB [NDOCS]
 *
 * 1. The shelf of NDOCS documents (20,000 by default) in DB, built once
 *    and kept (build/bench/shelf.db): each document generated from a
 *    fixed seed, realistic French administrative prose with accents,
 *    headings (TITRE, Chapitre, Article) and lists, of a few to a
 *    hundred pages (2,500 characters a page: 60 % of 2-10 pages, 30 %
 *    of 10-40, 10 % of 40-100), saved with store_doc_save() in batches.
 * 2. The import of 1,000 files (.md with front matter and .txt, half
 *    each, same length distribution) into a fresh database, one file
 *    after the other with doc_import_file(), one transaction each: the
 *    very path of « palabre admin doc import ».
 * 3. Searches on the big shelf as the member's screen runs them (200
 *    results, the snippets of the 10 shown; the other 190 apart): a rare
 *    word, a common one, one in every text but in few titles (the
 *    search's tiers: store_doc_search.c), two words, a word typed
 *    without its accents, a kind filter, a theme filter; 21 runs each,
 *    median and worst in ms (wall clock), and the median CPU time.
 *
 * Not a test: nothing passes or fails on speed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "admin_doc.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

#define PAGE		2500	/* characters of a page */
#define BATCH		100	/* documents per transaction (the build) */
#define RUNS		21
#define SHOWN		10	/* results on a 80x24 screen */

static const char *words[] = {
	"le", "la", "les", "de", "des", "du", "et", "à", "en", "un", "une",
	"pour", "dans", "par", "sur", "avec", "est", "sont", "qui", "que",
	"ou", "au", "aux", "ne", "pas", "plus", "son", "sa", "ses", "leur",
	"demande", "préfecture", "étranger", "séjour", "titre", "délai",
	"intégration", "républicaine", "contrat", "formation", "linguistique",
	"civique", "accompagnement", "hébergement", "logement", "emploi",
	"insertion", "professionnelle", "droits", "accès", "association",
	"collectivité", "département", "commune", "centre", "social",
	"protection", "internationale", "réfugié", "asile", "famille",
	"enfants", "scolarisation", "santé", "soins", "assurance", "maladie",
	"ressources", "allocation", "prestation", "caisse", "organisme",
	"agréé", "domiciliation", "attestation", "décision", "recours",
	"discrimination", "égalité", "traitement", "origine", "sexe",
	"handicap", "jeunes", "femmes", "âgées", "français", "langue",
	"niveau", "évaluation", "orientation", "parcours", "personnalisé",
	"dispositif", "mise", "œuvre", "présent", "article", "chapitre",
	"service", "public", "État", "ministère", "direction", "générale",
	"régionale", "départementale", "comité", "pilotage", "schéma",
	"objectifs", "indicateurs", "bilan", "annuel", "rapport", "étude",
	"enquête", "résultats", "territoire", "quartier", "politique",
	"ville", "médiation", "interprétariat", "bénévoles", "salariés",
	"conditions", "prévues", "application", "dispositions", "relatives",
	"modalités", "fixées", "décret", "arrêté", "circulaire", "instruction",
	"durée", "mois", "année", "renouvelable", "pluriannuelle", "carte",
	"résidence", "visa", "entretien", "signature", "engagement",
	"valeurs", "principes", "laïcité", "citoyenneté", "participation",
	"diplômes", "reconnaissance", "compétences", "qualification",
	"apprentissage", "atelier", "sociolinguistique", "autonomie",
	"vie", "quotidienne", "école", "parents", "crèche", "garde",
};
#define NWORDS	(sizeof(words) / sizeof(words[0]))

static const char *kinds[] = { "loi", "decret", "arrete", "circulaire",
	"instruction", "note", "etude", "rapport", "guide", "fiche" };
static const char *themes[] = { "primo-arrivants", "francais", "emploi",
	"logement", "sante", "acces-droits", "discriminations", "jeunes",
	"femmes", "protection-internationale" };
static const char *issuers[] = { "Ministère de l'Intérieur",
	"Ministère du Travail", "Ministère des Solidarités",
	"Défenseur des droits", "Office français de l'immigration et de "
	"l'intégration", "Centre de ressources Migrations et Territoires",
	"Observatoire régional de l'intégration", "Caisse nationale des "
	"allocations familiales" };

static uint64_t seed = 0x2545f4914f6cdd1dULL;

static uint64_t
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this process: on a machine shared with other work, what
 * a search costs, where the wall clock also counts the waits for a
 * core. */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A word, Zipf-like: the first ones far more often. */
static const char *
word(void)
{
	uint64_t r = rnd() % 1000;

	if (r < 400)
		return words[rnd() % 30];
	return words[30 + rnd() % (NWORDS - 30)];
}

/* Pages of a document: a few to a hundred. */
static size_t
pages(void)
{
	uint64_t r = rnd() % 100;

	if (r < 60)
		return 2 + rnd() % 9;
	if (r < 90)
		return 10 + rnd() % 31;
	return 40 + rnd() % 61;
}

/* A body of about n characters: articles of paragraphs and lists.
 * markdown: "## Article 3" headings, else « Article 3 » lines. The
 * document number i puts a rare word in one document in 4,000. */
static void
body(struct buf *b, size_t n, int markdown, size_t i)
{
	size_t start = b->len, art = 1, w, para;
	int chapter = 1;

	while (b->len - start < n) {
		if (art % 12 == 1)
			buf_printf(b, markdown ? "# Chapitre %d\n\n" :
			    "Chapitre %d\n\n", chapter++);
		buf_printf(b, markdown ? "## Article %zu\n\n" :
		    "Article %zu\n", art++);
		for (para = 0; para < 1 + rnd() % 3; para++) {
			for (w = 0; w < 40 + rnd() % 80; w++) {
				buf_adds(b, w == 0 ? "" : " ");
				buf_adds(b, word());
				if (w % 14 == 13)
					buf_adds(b, rnd() % 3 == 0 ? "," : "");
			}
			if (i % 4000 == 7 && para == 0)
				buf_adds(b, " selon le quasi-usufruit");
			buf_adds(b, markdown ? ".\n\n" : ".\n\n");
		}
		if (rnd() % 4 == 0) {
			for (w = 0; w < 3; w++)
				buf_printf(b, "- %s %s %s ;\n", word(), word(),
				    word());
			buf_adds(b, "\n");
		}
	}
}

static void
gen_doc(struct store_doc *d, size_t i, int markdown)
{
	struct buf b;
	char *th[2];

	memset(d, 0, sizeof(*d));
	xasprintf(&d->title, "%s %s relative à la %s des %s (n° %zu)",
	    kinds[i % 10][0] == 'c' ? "Circulaire" : "Texte", word(), word(),
	    word(), i);
	d->kind = store_doc_kind_parse(kinds[rnd() % 10]);
	d->issuer = xstrdup(issuers[rnd() % 8]);
	xasprintf(&d->published, "%04d-%02d-%02d", 1995 + (int)(rnd() % 30),
	    1 + (int)(rnd() % 12), 1 + (int)(rnd() % 28));
	xasprintf(&d->reference, "NOR : BNCH%07zuC", i);
	d->status = rnd() % 10 == 0 ? DOC_ABROGE : DOC_EN_VIGUEUR;
	d->audience = xstrdup("Services de l'État, collectivités, associations");
	xasprintf(&d->summary, "Le %s %s la %s des %s et précise les %s.",
	    word(), word(), word(), word(), word());
	th[0] = (char *)themes[rnd() % 10];
	th[1] = (char *)themes[rnd() % 10];
	store_doc_set_themes(d, th, th[0] == th[1] ? 1 : 2);
	buf_init(&b);
	body(&b, pages() * PAGE, markdown, i);
	buf_add(&b, "", 1);
	d->body = buf_detach(&b);
}

static int
build(const char *path, size_t ndocs)
{
	struct store *s;
	struct store_doc d;
	char *cause = NULL;
	int64_t have = 0;
	size_t i, bytes = 0;
	double t0;
	int outcome;

	if ((s = store_open(path, STORE_CREATE | STORE_MIGRATE, &cause)) ==
	    NULL) {
		fprintf(stderr, "bench_shelf: %s\n", cause);
		return -1;
	}
	store_doc_count(s, &have);
	if ((size_t)have >= ndocs) {
		printf("shelf: %lld documents in %s (kept from a previous "
		    "run)\n", (long long)have, path);
		store_free(s);
		return 0;
	}
	t0 = now_ms();
	for (i = (size_t)have; i < ndocs; i++) {
		seed = 0x9e3779b97f4a7c15ULL ^ (i * 0x100000001b3ULL);
		gen_doc(&d, i, 1);
		bytes += strlen(d.body);
		if (i % BATCH == 0 && store_begin(s) != 0)
			return -1;
		if (store_doc_save(s, 0, &d, &outcome, NULL) != 0) {
			fprintf(stderr, "bench_shelf: save %zu failed\n", i);
			return -1;
		}
		if ((i % BATCH == BATCH - 1 || i + 1 == ndocs) &&
		    store_commit(s) != 0)
			return -1;
		store_doc_clear(&d);
		if (i % 2000 == 1999)
			fprintf(stderr, "  %zu documents...\n", i + 1);
	}
	printf("shelf: built %zu documents (%.0f MB of text) in %.1f s "
	    "(%.0f documents/s)\n", ndocs - (size_t)have, bytes / 1e6,
	    (now_ms() - t0) / 1e3, (ndocs - (size_t)have) /
	    ((now_ms() - t0) / 1e3));
	store_free(s);
	return 0;
}

/* Write n files like curators' (.md with front matter, .txt with a
 * FILE.meta), then import them one after the other into a fresh db. */
static int
import_files(const char *dir, size_t n)
{
	struct doc_import_opts o;
	struct store_doc d;
	struct store *s;
	char path[1024], *cause = NULL, *why;
	size_t i, bytes = 0, k;
	int counts[3] = { 0, 0, 0 };
	int64_t id;
	double t0;
	FILE *f;

	mkdir(dir, 0700);
	for (i = 0; i < n; i++) {
		seed = 0x51ed270b27d1ULL ^ (i * 0x9e3779b97f4a7c15ULL);
		gen_doc(&d, 100000 + i, i % 2 == 0);
		snprintf(path, sizeof(path), "%s/doc%04zu.%s", dir, i,
		    i % 2 == 0 ? "md" : "txt");
		if ((f = fopen(path, "w")) == NULL)
			return -1;
		if (i % 2 == 1) {
			fclose(f);
			snprintf(path, sizeof(path), "%s/doc%04zu.txt.meta",
			    dir, i);
			f = fopen(path, "w");
		} else
			fputs("---\n", f);
		fprintf(f, "titre: %s\nnature: %s\németteur: %s\ndate: %s\n"
		    "référence: %s\nthèmes: ", d.title,
		    store_doc_kind_key(d.kind), d.issuer, d.published,
		    d.reference);
		for (k = 0; k < d.nthemes; k++)
			fprintf(f, "%s%s", k > 0 ? ", " : "", d.themes[k]);
		fprintf(f, "\nrésumé: %s\n", d.summary);
		if (i % 2 == 0)
			fprintf(f, "---\n%s", d.body);
		else {
			fclose(f);
			path[strlen(path) - 5] = '\0';
			f = fopen(path, "w");
			fputs(d.body, f);
		}
		fclose(f);
		bytes += strlen(d.body);
		store_doc_clear(&d);
	}
	snprintf(path, sizeof(path), "%s/import.db", dir);
	unlink(path);
	if ((s = store_open(path, STORE_CREATE | STORE_MIGRATE, &cause)) ==
	    NULL)
		return -1;
	memset(&o, 0, sizeof(o));
	t0 = now_ms();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/doc%04zu.%s", dir, i,
		    i % 2 == 0 ? "md" : "txt");
		counts[doc_import_file(s, path, &o, &id, &why)]++;
		free(why);
	}
	printf("import: %zu files (%.0f MB, .md and .txt) in %.2f s: %d "
	    "imported, %d updated, %d refused\n", n, bytes / 1e6,
	    (now_ms() - t0) / 1e3, counts[0], counts[1], counts[2]);
	store_free(s);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * A search as the member's screen runs it: 200 results ranked, then the
 * snippets of the rows shown (SHOWN: a 80x24 screen shows 10 results of
 * two rows); and apart, what the snippets of all 200 would cost.
 */
static void
search(struct store *s, const char *label, const char *q, int kind,
    const char *theme)
{
	struct store_doc_filter f;
	struct store_doc *l;
	double t[RUNS], cpu[RUNS], all[RUNS], t0, c0;
	size_t n = 0;
	int i;

	memset(&f, 0, sizeof(f));
	f.kind = kind;
	f.theme = theme;
	for (i = 0; i < RUNS; i++) {
		t0 = now_ms();
		c0 = cpu_ms();
		if (store_doc_search(s, 0, &f, q, 200, &l, &n) != 0)
			n = 0;
		store_doc_snippets(s, q, l, n < SHOWN ? n : SHOWN);
		t[i] = now_ms() - t0;
		cpu[i] = cpu_ms() - c0;
		t0 = now_ms();
		store_doc_snippets(s, q, l, n);
		all[i] = now_ms() - t0;
		store_doc_list_free(l, n);
	}
	qsort(t, RUNS, sizeof(t[0]), cmp);
	qsort(cpu, RUNS, sizeof(cpu[0]), cmp);
	qsort(all, RUNS, sizeof(all[0]), cmp);
	printf("search %-28s %4zu results  median %7.1f ms  worst %7.1f ms"
	    "  (the other %zu snippets: %.1f ms)  cpu median %.1f ms\n",
	    label, n, t[RUNS / 2], t[RUNS - 1], n > SHOWN ? n - SHOWN : 0,
	    all[RUNS / 2], cpu[RUNS / 2]);
}

int
main(int argc, char **argv)
{
	struct store *s;
	char *cause = NULL, dir[600];
	size_t ndocs = argc > 2 ? strtoul(argv[2], NULL, 10) : 20000;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_shelf DB [NDOCS]\n");
		return 2;
	}
	log_init("bench_shelf", LOG_WARN);
	if (build(argv[1], ndocs) != 0)
		return 1;
	snprintf(dir, sizeof(dir), "%s.import", argv[1]);
	if (import_files(dir, 1000) != 0)
		fprintf(stderr, "bench_shelf: import failed\n");
	if ((s = store_open(argv[1], 0, &cause)) == NULL)
		return 1;
	search(s, "« quasi-usufruit » (rare)", "quasi-usufruit", 0, NULL);
	search(s, "« prefecture » (no accent)", "prefecture", 0, NULL);
	search(s, "« logement » (common)", "logement", 0, NULL);
	search(s, "« article » (text, few titles)", "article", 0, NULL);
	search(s, "« delai recours » (2 words)", "delai recours", 0, NULL);
	search(s, "« integration » + circulaire", "integration",
	    DOC_CIRCULAIRE + 1, NULL);
	search(s, "« mediation » + theme", "mediation", 0, "femmes");
	store_free(s);
	return 0;
}
