/*
 * gen_boards.c - a boards database at scale for make bench, built
 * through the store's API (src/store/store_board.h) with realistic French
 * text from the field of migrant integration.
 *
 *   build/bench/gen_boards [-p POSTS] [-b BOARDS] [-m MEMBERS] [-s SEED]
 *       FILE
 *
 * Defaults: 1,000,000 posts, 200 boards in 12 sections, 10,000 members,
 * seed 1. FILE must not exist. Deterministic: the same options give the
 * same database (the clock is simulated, see time() below).
 *
 * What it makes:
 * - members: « demo » (Camille Durand, CCAS de Villeurbanne, the member
 *   bench_boards and the SSH benchmarks log in as), then French names
 *   and organisations; about 80 % membres, 5 % invités, 4 %
 *   documentalistes, 5 % organisateurs, 5 % modérateurs, a few sysops;
 * - boards: 12 sections; most readable by everyone and open to members,
 *   some for members only, one for moderators only, one where only
 *   moderators post (announcements), a few with approval; popularity
 *   skewed (the largest board holds about a tenth of the posts);
 * - threads of 1 to 80 posts (most short, some long), written
 *   concurrently (about 300 threads active at once, so a thread's posts
 *   are interleaved with others' as in real life); replies answer the
 *   opening post, the latest post or an earlier reply, and some quote
 *   their parent (« > ... »); bodies of 200 to 2,000 bytes assembled
 *   from phrases of the field, with accents, « guillemets » and œ; a few
 *   threads pinned or locked, a few posts hidden by a moderator, a few
 *   threads left waiting for approval;
 * - read state: every member follows a few boards and has read a
 *   skewed number of their threads (store_read_thread), mostly recent
 *   ones, and some single posts (store_read_post).
 *
 * Writes go in transactions of BATCH operations. Prints its own time and
 * rate per phase. Not a test.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/util.h"

#define BATCH		10000	/* operations per transaction */
#define ACTIVE		300	/* threads being written at once */
#define THREAD_MAX	80	/* posts in the longest threads */
#define QUOTE_MAX	150	/* bytes of a parent quoted in a reply */
#define YEARS		7	/* the posts span this many years */

/* A member as the generator knows them. */
struct gmember {
	int64_t	 id;
	char	*login;
	char	*sign;		/* « Camille Durand\nCCAS de Villeurbanne » */
	int	 role;
};

/* A board: its id, who may read and post, its weight and threads. */
struct gboard {
	int64_t	 id;
	int	 section;
	int	 read_rank;
	int	 post_rank;
	int	 approval;
	double	 weight;		/* share of the posts */
	int64_t	*threads;		/* published thread ids, oldest first */
	size_t	 nthreads;
	size_t	 capthreads;
};

/* A thread being written: its posts so far (ids and quotable lines). */
struct slot {
	int64_t	 thread_id;
	size_t	 board;
	int	 want;			/* posts it will have */
	int	 n;			/* posts so far */
	int64_t	 post[THREAD_MAX];
	char	 quote[THREAD_MAX][QUOTE_MAX + 1];
};

struct gen {
	struct store	*s;
	uint64_t	 rng;
	struct gmember	*members;
	size_t		 nmembers;
	size_t		*posters[4];	/* member indexes by rank */
	size_t		 nposters[4];
	struct gboard	*boards;
	size_t		 nboards;
	double		 total_weight;
	int		 ops;		/* in the open transaction */
	int64_t		 posts, threads, replies, quoted, hidden, waiting;
	int64_t		 pinned, locked, body_bytes;
	int64_t		 read_threads, read_posts;
};

static uint64_t		 rnd(struct gen *);
static size_t		 rnd_below(struct gen *, size_t);
static double		 rnd_unit(struct gen *);
static const char	*pick(struct gen *, const char *const *, size_t);
static double		 now_mono(void);
static void		 tick(struct gen *);
static void		 finish(struct gen *);
static int		 role_rank(int);
static struct store_viewer viewer_of(const struct gmember *);
static void		 gen_members(struct gen *);
static void		 gen_boards(struct gen *);
static size_t		 pick_board(struct gen *);
static size_t		 pick_poster(struct gen *, size_t);
static void		 make_title(struct gen *, size_t, struct buf *);
static void		 make_body(struct gen *, size_t, const char *,
			    struct buf *, char *);
static int		 thread_size(struct gen *);
static void		 slot_open(struct gen *, struct slot *);
static void		 slot_reply(struct gen *, struct slot *);
static void		 gen_posts(struct gen *, int64_t);
static void		 gen_reads(struct gen *);
static void		 read_member(struct gen *, size_t, int, int);
static void		 board_add_thread(struct gboard *, int64_t);
static void		 usage(void);

/*
 * The simulated clock. The store dates everything with now_sec(), that
 * is time(NULL); this program's own time() takes precedence over the C
 * library's for every object linked into it, so the posts can span
 * YEARS years, one after another, instead of all carrying the minute of
 * the run (which would make every thread list order a tie and every
 * « new since your last visit » count all or nothing). 0: the real
 * clock.
 */
static int64_t	 sim_clock;

time_t
time(time_t *t)
{
	struct timespec ts;
	time_t now;

	if (sim_clock != 0)
		now = (time_t)sim_clock;
	else {
		clock_gettime(CLOCK_REALTIME, &ts);
		now = ts.tv_sec;
	}
	if (t != NULL)
		*t = now;
	return now;
}

/* --- Pools of text -------------------------------------------------------- */

static const char *const first_names[] = {
	"Camille", "Nadia", "Sophie", "Karim", "Julien", "Fatou", "Isabelle",
	"Mamadou", "Claire", "Youssef", "Hélène", "Thomas", "Aïcha", "Marc",
	"Élodie", "Samir", "Anne", "Moussa", "Céline", "Rachid", "Nathalie",
	"Olivier", "Leïla", "François", "Amadou", "Valérie", "Stéphane",
	"Myriam", "Jérôme", "Zineb", "Béatrice", "Patrick", "Mariam",
	"Laurent", "Sylvie", "Ibrahima", "Agnès", "Mehdi", "Chloé", "Joël",
	"Ophélie", "Hervé", "Soraya", "Grégoire", "Inès", "Noël", "Loïc",
	"Maëlle", "Félix", "Zoé",
};

static const char *const last_names[] = {
	"Durand", "Martin", "Benali", "Diallo", "Lefèvre", "Moreau", "Traoré",
	"Girard", "Haddad", "Rousseau", "Nguyen", "Mercier", "Koné",
	"Lambert", "Bouzid", "Fontaine", "Chevalier", "Sow", "Garnier",
	"Meyer", "Benoît", "Ouédraogo", "Faure", "Roux", "Mansouri", "Blanc",
	"Guérin", "Camara", "Perrin", "Lemaître", "Ndiaye", "Morel",
	"Boucher", "Kaci", "Dupuis", "Hoarau", "Lebœuf", "Caron", "Rémy",
	"Aubert",
};

static const char *const towns[] = {
	"Villeurbanne", "Lyon", "Saint-Denis", "Marseille", "Lille",
	"Roubaix", "Strasbourg", "Toulouse", "Nantes", "Rennes", "Montreuil",
	"Grenoble", "Bordeaux", "Nîmes", "Créteil", "Besançon",
	"Clermont-Ferrand", "Orléans", "Limoges", "Perpignan", "Mulhouse", "Béziers",
	"Évry", "Cergy", "Angers", "Saint-Nazaire", "Saint-Étienne", "Metz",
	"Poitiers", "Valence",
};

static const char *const org_kinds[] = {
	"CCAS de", "CADA de", "Préfecture de", "Mission locale de",
	"Centre social de", "Association Accueil et Intégration de",
	"Plateforme linguistique de", "Direction départementale de l'emploi, "
	"du travail et des solidarités,", "PMI de", "Maison de quartier de",
	"Foyer de travailleurs migrants de", "Collège Jean-Moulin de",
	"Cimade,", "Secours populaire,", "Caf de", "Point d'accès au droit de",
};

/* Sections, their key prefix and their boards' subjects. */
struct section {
	const char	*title;
	const char	*key;
	const char	*boards[9];
	const char	*subjects[8];	/* for thread titles */
	const char	*phrases[8];	/* for bodies */
};

static const struct section sections[] = {
	{ "Accueil et premiers pas", "accueil",
	  { "Accueil des primo-arrivants", "Contrat d'intégration "
	    "républicaine", "Interprétariat et médiation", "Orientation "
	    "vers les dispositifs", "Premier accueil en mairie",
	    "Parrainage citoyen", NULL },
	  { "l'accueil des primo-arrivants", "le contrat d'intégration "
	    "républicaine", "la formation civique", "l'interprétariat "
	    "par téléphone", "le livret d'accueil", "le premier rendez-vous "
	    "à l'OFII", NULL },
	  { "Nous recevons chaque semaine une dizaine de personnes "
	    "primo-arrivantes qui ne parlent pas encore français.",
	    "Le premier entretien dure souvent plus d'une heure, faute "
	    "d'interprète disponible.", "Le livret d'accueil existe en "
	    "arabe, en anglais, en dari et en tigrinya, mais pas encore en "
	    "soninké.", "L'OFII convoque les signataires du contrat "
	    "d'intégration républicaine dans un délai de trois mois.",
	    "Une bénévole accompagne les familles à leur premier "
	    "rendez-vous : c'est là que tout se joue.", NULL } },
	{ "Droit au séjour", "sejour",
	  { "Titres de séjour", "Renouvellements en préfecture",
	    "Regroupement familial", "Naturalisation", "Demande d'asile",
	    "Recours et contentieux", "Mineurs non accompagnés", NULL },
	  { "le renouvellement du titre de séjour", "le récépissé de "
	    "demande de titre de séjour", "la carte de résident",
	    "le regroupement familial", "la naturalisation par décret",
	    "le rendez-vous en préfecture", "l'attestation de demande "
	    "d'asile", NULL },
	  { "La préfecture ne donne plus de rendez-vous qu'en ligne, et "
	    "le site est saturé dès l'ouverture des créneaux.",
	    "Le récépissé a expiré avant que le nouveau titre de séjour "
	    "soit délivré, et l'employeur menace de suspendre le contrat.",
	    "Depuis la dématérialisation, les demandes de titre de séjour "
	    "passent par l'ANEF : il faut une adresse électronique et un "
	    "scanner.", "Le dossier de regroupement familial a été déclaré "
	    "complet il y a huit mois, sans aucune nouvelle depuis.",
	    "Le tribunal administratif a enjoint au préfet de réexaminer "
	    "la demande dans un délai d'un mois.", "Pour une première "
	    "demande, la préfecture exige un justificatif de domicile de "
	    "moins de trois mois.", NULL } },
	{ "Apprentissage du français", "francais",
	  { "Ateliers sociolinguistiques", "Cours pour adultes",
	    "Alphabétisation et FLE", "Certifications et DELF",
	    "Bénévoles formateurs", "Français à visée professionnelle",
	    NULL },
	  { "les ateliers sociolinguistiques", "les cours de français "
	    "du soir", "le test de positionnement", "la certification "
	    "DELF A2", "l'alphabétisation des adultes", "les supports "
	    "pédagogiques", NULL },
	  { "Nos ateliers sociolinguistiques affichent complet dès la "
	    "rentrée de septembre.", "Le niveau A2 est désormais exigé "
	    "pour la carte de résident, et les listes d'attente "
	    "s'allongent.", "Une partie du groupe n'a jamais été "
	    "scolarisée : il faut commencer par l'alphabétisation.",
	    "Les supports du « français langue étrangère » conviennent mal "
	    "à des adultes qui travaillent de nuit.", "Nous cherchons des "
	    "bénévoles pour les cours du samedi matin, même débutants.",
	    NULL } },
	{ "Logement et hébergement", "logement",
	  { "Hébergement d'urgence", "Logement social", "Domiciliation",
	    "Foyers de travailleurs migrants", "CADA et HUDA",
	    "Sortie des centres d'hébergement", NULL },
	  { "la domiciliation administrative", "l'hébergement d'urgence",
	    "la demande de logement social", "le 115", "la sortie de "
	    "CADA", "l'accès au logement des réfugiés", "le DALO", NULL },
	  { "Le 115 ne répond plus après 22 heures, et les familles "
	    "restent dehors.", "La domiciliation au CCAS est refusée aux "
	    "personnes qui n'ont pas de lien avec la commune.", "Sans "
	    "domiciliation, impossible d'ouvrir des droits à la CAF ou à "
	    "l'assurance maladie.", "La demande de logement social a été "
	    "déposée il y a quatre ans ; le recours DALO est en cours.",
	    "À la sortie du CADA, les réfugiés ont trois mois pour trouver "
	    "un logement, ce qui est irréaliste dans notre département.",
	    NULL } },
	{ "Emploi et formation", "emploi",
	  { "Accès à l'emploi", "Autorisations de travail",
	    "Reconnaissance des diplômes", "Formation professionnelle",
	    "Création d'activité", NULL },
	  { "l'autorisation de travail", "la reconnaissance des diplômes "
	    "étrangers", "l'inscription à France Travail", "la "
	    "formation qualifiante", "l'apprentissage", "la validation des "
	    "acquis de l'expérience", NULL },
	  { "Il était infirmier dans son pays, mais son diplôme n'est "
	    "pas reconnu en France.", "L'employeur doit demander "
	    "l'autorisation de travail en ligne, et beaucoup y renoncent "
	    "devant la procédure.", "La mission locale propose un "
	    "accompagnement renforcé aux jeunes réfugiés, mais les places "
	    "sont rares.", "Le centre ENIC-NARIC délivre des attestations "
	    "de comparabilité, avec plusieurs mois de délai.",
	    "Les métiers en tension ouvrent plus facilement une "
	    "régularisation par le travail.", NULL } },
	{ "Santé", "sante",
	  { "Accès aux soins", "Aide médicale de l'État", "Santé mentale "
	    "et psychotraumatisme", "Protection maternelle et infantile",
	    "Permanences d'accès aux soins", NULL },
	  { "l'aide médicale de l'État", "la complémentaire santé "
	    "solidaire", "la PASS de l'hôpital", "le suivi psychologique",
	    "la vaccination des enfants", "le bilan de santé de l'OFII",
	    NULL },
	  { "La demande d'aide médicale de l'État a été refusée pour un "
	    "justificatif d'identité jugé insuffisant.", "Beaucoup de "
	    "personnes accueillies souffrent de psychotraumatismes, et "
	    "les centres de soins ont des mois d'attente.", "La PASS de "
	    "l'hôpital reçoit sans rendez-vous le mardi et le jeudi.",
	    "Le médecin a refusé de recevoir la patiente sans interprète, "
	    "ce que l'on peut comprendre.", "La PMI suit les enfants "
	    "jusqu'à six ans, quelle que soit la situation administrative "
	    "des parents.", NULL } },
	{ "Scolarisation et jeunesse", "ecole",
	  { "Scolarisation des enfants allophones", "Inscription à "
	    "l'école", "Jeunes majeurs", "Soutien scolaire", NULL },
	  { "l'inscription à l'école", "les UPE2A", "la scolarisation des "
	    "enfants allophones", "le CASNAV", "l'accompagnement des jeunes "
	    "majeurs", "le soutien scolaire", NULL },
	  { "La mairie refuse l'inscription à l'école faute de "
	    "justificatif de domicile, ce qui est illégal.", "Le CASNAV "
	    "évalue les enfants allophones avant leur affectation en "
	    "UPE2A.", "À dix-huit ans, les jeunes pris en charge par l'aide "
	    "sociale à l'enfance se retrouvent sans solution.", "Les "
	    "parents ne comprennent pas les courriers de l'école, et "
	    "l'école ne comprend pas les parents.", NULL } },
	{ "Accès aux droits sociaux", "droits",
	  { "CAF et prestations familiales", "CCAS et aide sociale",
	    "Assurance maladie", "RSA et minima sociaux", "Retraite des "
	    "travailleurs migrants", "Ouverture d'un compte bancaire",
	    NULL },
	  { "l'ouverture des droits à la CAF", "l'aide du CCAS", "la "
	    "carte Vitale", "le RSA", "l'allocation pour demandeur "
	    "d'asile", "le droit au compte bancaire", "la retraite des "
	    "chibanis", NULL },
	  { "La CAF exige un titre de séjour en cours de validité, et le "
	    "récépissé n'est pas toujours accepté.", "Le CCAS peut "
	    "accorder une aide d'urgence, mais l'instruction prend deux "
	    "semaines.", "Les anciens travailleurs des foyers perdent leurs "
	    "droits s'ils passent plus de six mois au pays.", "La banque a "
	    "refusé l'ouverture du compte : il faut saisir la Banque de "
	    "France au titre du droit au compte.", "Le numéro de sécurité "
	    "sociale provisoire bloque le remboursement des soins.",
	    NULL } },
	{ "Lutte contre les discriminations", "discriminations",
	  { "Discriminations à l'embauche", "Discriminations au logement",
	    "Saisir le Défenseur des droits", "Testing et observation",
	    "Formation des professionnels", NULL },
	  { "la discrimination à l'embauche", "la saisine du Défenseur "
	    "des droits", "le refus de location", "le testing", "la "
	    "formation des agents d'accueil", "les propos racistes au "
	    "guichet", NULL },
	  { "Le propriétaire a refusé la location dès qu'il a entendu le "
	    "nom de famille au téléphone.", "Le Défenseur des droits peut "
	    "être saisi en ligne, gratuitement, et ses délégués tiennent "
	    "des permanences.", "Un testing réalisé dans notre ville a "
	    "montré des écarts de réponse de un à trois.", "Les agents "
	    "d'accueil demandent à être formés : ils ne savent pas "
	    "toujours ce qui relève de la discrimination.", NULL } },
	{ "Territoires", "territoires",
	  { "Auvergne-Rhône-Alpes", "Île-de-France", "Hauts-de-France",
	    "Provence-Alpes-Côte d'Azur", "Grand Est", "Occitanie",
	    "Nouvelle-Aquitaine", "Bretagne et Pays de la Loire", "Outre-mer" },
	  { "la coordination départementale", "le comité de pilotage",
	    "le diagnostic territorial", "les permanences en zone rurale",
	    "le schéma régional d'accueil", NULL },
	  { "Le comité de pilotage départemental se réunit le mois "
	    "prochain : faites remonter vos constats.", "En zone rurale, "
	    "les personnes doivent faire deux heures de car pour aller "
	    "en préfecture.", "Le diagnostic territorial sera présenté "
	    "aux élus, associations comprises.", NULL } },
	{ "Vie du réseau", "reseau",
	  { "Annonces du réseau", "Présentations des membres",
	    "Rencontres et journées d'étude", "Offres d'emploi du réseau",
	    "Entraide entre membres", "Salle des modérateurs", NULL },
	  { "la journée d'étude de printemps", "la présentation de notre "
	    "structure", "un poste de travailleur social", "le prochain "
	    "webinaire", "l'annuaire du réseau", NULL },
	  { "Notre structure rejoint le réseau : nous accompagnons des "
	    "familles réfugiées depuis 2015.", "La prochaine journée "
	    "d'étude portera sur l'intégration par le logement.", "Le "
	    "compte rendu de la rencontre est disponible dans l'espace "
	    "documentation.", NULL } },
	{ "Documentation et outils", "documentation",
	  { "Textes et circulaires", "Jurisprudence", "Outils et "
	    "modèles de courriers", "Études et rapports", "Bibliographie "
	    "et lectures", NULL },
	  { "la circulaire du 28 novembre 2012", "un modèle de recours "
	    "gracieux", "le rapport annuel", "la jurisprudence du Conseil "
	    "d'État", "le guide du Gisti", NULL },
	  { "Le guide est à jour de la loi de 2024 et des décrets "
	    "d'application.", "Ce modèle de recours gracieux a déjà "
	    "servi à plusieurs structures du réseau.", "La jurisprudence "
	    "du Conseil d'État a fait évoluer la pratique des "
	    "préfectures.", NULL } },
};

static const char *const title_forms[] = {
	"Question sur %s", "%s : quels délais chez vous ?", "Retour "
	"d'expérience sur %s", "Besoin d'aide : %s", "%s pour un public non "
	"francophone", "%s : qui a une solution ?", "Partage de pratiques "
	"sur %s", "Urgent : %s", "%s, ça bloque encore", "Précisions sur "
	"%s", "%s et mineurs", "Nouveautés sur %s",
};

static const char *const greetings[] = {
	"Bonjour à toutes et à tous,", "Bonjour,", "Chères et chers "
	"collègues,", "Bonjour à tous,", "Bonsoir,", "Bonjour à l'équipe,",
};

static const char *const general[] = {
	"Je me permets de solliciter le réseau sur une situation qui nous "
	"pose question.", "La famille est arrivée il y a six mois et vit "
	"chez des compatriotes, à cinq dans un deux-pièces.", "Nous "
	"accompagnons cette personne depuis plus d'un an, avec l'aide d'une "
	"interprète bénévole.", "Je ne suis pas juriste, donc je préfère "
	"vérifier avant de donner une mauvaise information.", "Chez nous, "
	"la pratique a changé depuis le début de l'année.", "C'est une "
	"question qui revient souvent lors de nos permanences.", "Le "
	"travailleur social du département m'a orientée vers vous.",
	"Pour information, la démarche peut se faire en ligne, mais "
	"l'accompagnement reste indispensable.", "Nous avons eu exactement "
	"le même cas le mois dernier.", "Le mieux est de garder une copie "
	"de chaque pièce envoyée et l'accusé de réception.", "Il faut "
	"insister : un refus oral n'a aucune valeur, demandez toujours une "
	"réponse écrite.", "Attention, les délais de recours sont courts, "
	"deux mois en général, parfois quinze jours.", "Le cœur du problème "
	"reste l'accès aux rendez-vous, pas le dossier lui-même.", "C'est "
	"un vrai travail de fourmi, mais il finit par payer.", "Les "
	"associations du quartier se sont coordonnées pour ne pas "
	"multiplier les démarches.", "Je vous joins le compte rendu de "
	"notre dernière réunion de coordination.", "Ce qui a fonctionné "
	"chez nous : un interlocuteur unique à la préfecture, joignable par "
	"courriel.", "Nous mettons en œuvre une permanence commune avec le "
	"CCAS et la Caf depuis septembre.", "La personne parle peul et un "
	"peu d'arabe ; elle est très isolée.", "Sa sœur, qui vit à Paris, "
	"l'aide pour les démarches en ligne.", "Le dossier a été transmis "
	"au service compétent, qui l'a renvoyé au guichet d'origine.",
	"On nous répond systématiquement « dossier en cours d'instruction "
	"», sans autre précision.", "L'agent nous a dit « revenez la "
	"semaine prochaine », pour la quatrième fois.", "Les démarches "
	"dématérialisées excluent ceux qui n'ont ni ordinateur ni "
	"connexion.", "C'est toute la question de l'intégration : on "
	"demande aux gens de s'insérer sans leur en donner les moyens.",
	"Une réunion d'information est prévue avec les partenaires du "
	"territoire.", "Merci pour ce partage, c'est très utile pour nos "
	"équipes.", "Je confirme, nous constatons la même chose dans notre "
	"département.", "Il existe un guide très complet sur ce sujet, "
	"publié l'an dernier.", "Je peux vous mettre en relation avec la "
	"juriste de notre association.", "Attention à ne pas confondre "
	"l'hébergement et le logement : les droits ne sont pas les mêmes.",
	"Le délai légal de réponse est de quatre mois ; au-delà, le "
	"silence vaut refus.", "La situation s'est débloquée après "
	"l'intervention du délégué du Défenseur des droits.", "Nous "
	"avons fini par obtenir un rendez-vous grâce à la médiatrice de "
	"la mairie.", "Il faut compter au moins trois mois, et souvent "
	"bien plus en période de rentrée.", "La manœuvre est simple sur "
	"le papier, beaucoup moins au guichet.", "Quelqu'un a-t-il un "
	"contact à la direction départementale ?", "Avez-vous déjà "
	"rencontré ce cas, et comment l'avez-vous résolu ?",
	"Connaissez-vous une structure qui accompagne ce public dans "
	"notre région ?", "Est-ce que la pièce est vraiment obligatoire, "
	"ou est-ce une exigence locale ?",
};

static const char *const closings[] = {
	"Merci d'avance pour vos retours.", "Bien cordialement,",
	"Au plaisir d'échanger avec vous,", "Bonne journée à toutes et à "
	"tous.", "Merci pour votre aide précieuse.", "Cordialement,",
	"N'hésitez pas à me contacter directement.",
};

/* A sentence about a rare subject, for the rare search word. */
static const char rare_phrase[] = "Elle a déposé une demande de "
    "reconnaissance du statut d'apatride à l'OFPRA : quelqu'un a-t-il "
    "déjà accompagné une procédure d'apatridie ?";

#define NSECTIONS	nitems(sections)

/* --- Helpers ------------------------------------------------------------- */

/* splitmix64: small, fast, and the same sequence everywhere. */
static uint64_t
rnd(struct gen *g)
{
	uint64_t z;

	z = (g->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t
rnd_below(struct gen *g, size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd(g) % n);
}

static double
rnd_unit(struct gen *g)
{
	return (double)(rnd(g) >> 11) / 9007199254740992.0;
}

static const char *
pick(struct gen *g, const char *const *pool, size_t n)
{
	size_t	 i;

	/* Pools end early with NULL when a section has fewer entries. */
	while (n > 0 && pool[n - 1] == NULL)
		n--;
	i = rnd_below(g, n);
	return pool[i];
}

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Count one write; commit and open a new transaction every BATCH. */
static void
tick(struct gen *g)
{
	if (++g->ops < BATCH)
		return;
	if (store_commit(g->s) != 0 || store_begin(g->s) != 0)
		fatal("transaction failed");
	g->ops = 0;
}

static void
finish(struct gen *g)
{
	if (store_commit(g->s) != 0)
		fatal("commit failed");
	g->ops = 0;
}

/* The store's permission ranks (store_board.h). */
static int
role_rank(int role)
{
	switch (role) {
	case ROLE_INVITE:
		return 0;
	case ROLE_MODERATEUR:
		return 2;
	case ROLE_SYSOP:
		return 3;
	default:
		return 1;
	}
}

static struct store_viewer
viewer_of(const struct gmember *m)
{
	struct store_viewer v;

	memset(&v, 0, sizeof(v));
	v.member_id = m->id;
	v.login = m->login;
	v.role = m->role;
	v.since = 0;
	return v;
}

static void
board_add_thread(struct gboard *b, int64_t id)
{
	if (b->nthreads == b->capthreads) {
		b->capthreads = b->capthreads == 0 ? 64 : b->capthreads * 2;
		b->threads = xreallocarray(b->threads, b->capthreads,
		    sizeof(*b->threads));
	}
	b->threads[b->nthreads++] = id;
}

/* --- Members --------------------------------------------------------------- */

static void
gen_members(struct gen *g)
{
	struct store_member m;
	struct gmember *gm;
	size_t i, r;
	const char *fn, *ln, *town;
	char login[64], name[128], org[200];
	int role, suffix;
	double u;

	g->members = xcalloc(g->nmembers, sizeof(*g->members));
	for (r = 0; r < 4; r++)
		g->posters[r] = xcalloc(g->nmembers, sizeof(size_t));
	if (store_begin(g->s) != 0)
		fatal("begin failed");
	for (i = 0; i < g->nmembers; i++) {
		fn = pick(g, first_names, nitems(first_names));
		ln = pick(g, last_names, nitems(last_names));
		town = pick(g, towns, nitems(towns));
		u = rnd_unit(g);
		if (i == 0) {
			/* The member the benchmarks log in as. */
			snprintf(login, sizeof(login), "demo");
			snprintf(name, sizeof(name), "Camille Durand");
			snprintf(org, sizeof(org), "CCAS de Villeurbanne");
			role = ROLE_MEMBRE;
		} else {
			suffix = (int)i;
			snprintf(login, sizeof(login), "m%05d", suffix);
			snprintf(name, sizeof(name), "%s %s", fn, ln);
			snprintf(org, sizeof(org), "%s %s",
			    pick(g, org_kinds, nitems(org_kinds)), town);
			if (i < 4)
				role = ROLE_SYSOP;
			else if (u < 0.05)
				role = ROLE_INVITE;
			else if (u < 0.10)
				role = ROLE_MODERATEUR;
			else if (u < 0.14)
				role = ROLE_DOCUMENTALISTE;
			else if (u < 0.19)
				role = ROLE_ORGANISATEUR;
			else
				role = ROLE_MEMBRE;
		}
		memset(&m, 0, sizeof(m));
		m.login = login;
		m.display_name = name;
		m.organisation = org;
		m.role = (enum store_role)role;
		m.status = STATUS_ACTIF;
		if (store_member_insert(g->s, &m) != 0)
			fatal("store_member_insert %s failed", login);
		gm = &g->members[i];
		gm->id = m.id;
		gm->login = xstrdup(login);
		xasprintf(&gm->sign, "%s\n%s", name, org);
		gm->role = role;
		r = (size_t)role_rank(role);
		g->posters[r][g->nposters[r]++] = i;
		tick(g);
	}
	finish(g);
}

/* --- Boards ------------------------------------------------------------- */

static void
gen_boards(struct gen *g)
{
	struct store_board_conf *c;
	struct store_board *list = NULL;
	struct store_viewer v;
	struct gboard *b;
	const struct section *sec;
	size_t i, j, k, n, per, nb, round;
	int changed;
	char key[48], title[200], mods[100];

	g->boards = xcalloc(g->nboards, sizeof(*g->boards));
	c = xcalloc(g->nboards, sizeof(*c));
	per = (g->nboards + NSECTIONS - 1) / NSECTIONS;
	for (i = 0; i < g->nboards; i++) {
		sec = &sections[i / per % NSECTIONS];
		j = i % per;
		for (nb = 0; nb < nitems(sec->boards) &&
		    sec->boards[nb] != NULL; nb++)
			;
		round = j / nb;
		if (round == 0)
			snprintf(title, sizeof(title), "%s",
			    sec->boards[j % nb]);
		else
			snprintf(title, sizeof(title), "%s (%s)",
			    sec->boards[j % nb], towns[(round - 1 + j) %
			    nitems(towns)]);
		snprintf(key, sizeof(key), "%s-%zu", sec->key, j + 1);
		b = &g->boards[i];
		b->section = (int)(i / per % NSECTIONS);
		b->read_rank = 0;
		b->post_rank = 1;
		if (strcmp(title, "Salle des modérateurs") == 0)
			b->read_rank = b->post_rank = 2;
		else if (strcmp(title, "Annonces du réseau") == 0)
			b->post_rank = 2;
		else if (i % 9 == 4)
			b->read_rank = 1;	/* members only */
		b->approval = i % 23 == 7;
		/* Zipf-like popularity, shuffled across sections. */
		b->weight = pow(1.0 + (double)(i * 37 % g->nboards), -0.8);
		g->total_weight += b->weight;

		snprintf(mods, sizeof(mods), "m%05zu", 100 + i * 7 %
		    (g->nmembers > 200 ? g->nmembers - 100 : 1));
		c[i].key = xstrdup(key);
		c[i].title = xstrdup(title);
		xasprintf(&c[i].description, "Échanges entre professionnels "
		    "sur le thème « %s ».", title);
		c[i].section = xstrdup(sec->title);
		c[i].position = (int)i;
		c[i].read_role = b->read_rank == 0 ? ROLE_INVITE :
		    b->read_rank == 1 ? ROLE_MEMBRE : ROLE_MODERATEUR;
		c[i].post_role = b->post_rank == 1 ? ROLE_MEMBRE :
		    ROLE_MODERATEUR;
		c[i].moderators = xstrdup(g->nmembers > 200 ? mods : "");
		c[i].approval = b->approval;
	}
	if (store_board_sync(g->s, c, g->nboards, &changed) != 0)
		fatal("store_board_sync failed");
	for (i = 0; i < g->nboards; i++)
		store_board_conf_clear(&c[i]);
	free(c);

	/* Their ids, by key, from a sysop's list (sysops read everything). */
	v = viewer_of(&g->members[g->nmembers > 1 ? 1 : 0]);
	v.role = ROLE_SYSOP;
	if (store_board_list(g->s, &v, &list, &n) != 0 || n != g->nboards)
		fatal("store_board_list: %zu boards instead of %zu", n,
		    g->nboards);
	for (k = 0; k < n; k++)
		g->boards[list[k].position].id = list[k].id;
	store_board_list_free(list, n);
}

/* A board for a new thread, in proportion to the boards' weights. */
static size_t
pick_board(struct gen *g)
{
	double x;
	size_t i;

	x = rnd_unit(g) * g->total_weight;
	for (i = 0; i < g->nboards; i++) {
		if (x < g->boards[i].weight)
			return i;
		x -= g->boards[i].weight;
	}
	return g->nboards - 1;
}

/* An author allowed to post on board b; the active few write most. */
static size_t
pick_poster(struct gen *g, size_t b)
{
	size_t r, total, i, n;
	double u;

	r = (size_t)g->boards[b].post_rank;
	total = 0;
	for (i = r; i < 4; i++)
		total += g->nposters[i];
	u = rnd_unit(g);
	n = (size_t)((double)total * u * u);
	for (i = r; i < 4; i++) {
		if (n < g->nposters[i])
			return g->posters[i][n];
		n -= g->nposters[i];
	}
	return g->posters[3][0];
}

/* --- Texts -------------------------------------------------------------------- */

static void
make_title(struct gen *g, size_t b, struct buf *out)
{
	const struct section *sec = &sections[g->boards[b].section];
	const char *subject, *form;
	char *t;

	subject = pick(g, sec->subjects, nitems(sec->subjects));
	form = pick(g, title_forms, nitems(title_forms));
	xasprintf(&t, form, subject);
	/* A subject opening the title takes a capital: « La ... ». */
	if (strncmp(t, "l'", 2) == 0)
		t[0] = 'L';
	else if (strncmp(t, "la ", 3) == 0 || strncmp(t, "le ", 3) == 0 ||
	    strncmp(t, "les ", 4) == 0 || strncmp(t, "un ", 3) == 0)
		t[0] = (char)(t[0] - 'a' + 'A');
	buf_adds(out, t);
	if (rnd_below(g, 3) == 0)
		buf_printf(out, " (%s)", pick(g, towns, nitems(towns)));
	free(t);
}

/*
 * A body of 200 to 2,000 bytes (most short): a greeting, paragraphs of
 * the section's phrases and general ones, a closing and a signature; a
 * reply may start by quoting its parent. quote_out gets the line a later
 * reply would quote.
 */
static void
make_body(struct gen *g, size_t b, const char *quote, struct buf *out,
    char *quote_out)
{
	const struct section *sec = &sections[g->boards[b].section];
	const char *p;
	size_t target, start, in_para, tries;
	double u;

	u = rnd_unit(g);
	target = 200 + (size_t)(1800.0 * u * u);
	if (quote != NULL && quote[0] != '\0') {
		buf_printf(out, "> %s\n\n", quote);
		g->quoted++;
	}
	if (rnd_below(g, 10) < 7)
		buf_printf(out, "%s\n\n", pick(g, greetings,
		    nitems(greetings)));
	start = out->len;
	in_para = tries = 0;
	quote_out[0] = '\0';
	while (out->len < target) {
		if (rnd_below(g, 100000) == 0)
			p = rare_phrase;
		else if (rnd_below(g, 5) < 2)
			p = pick(g, sec->phrases, nitems(sec->phrases));
		else
			p = pick(g, general, nitems(general));
		/* Nobody writes the same sentence twice in a message. */
		if (out->len > start && strstr(out->data + start, p) !=
		    NULL && ++tries < 8)
			continue;
		tries = 0;
		if (quote_out[0] == '\0' && strlen(p) <= QUOTE_MAX)
			snprintf(quote_out, QUOTE_MAX + 1, "%s", p);
		if (in_para > 0)
			buf_adds(out, " ");
		buf_adds(out, p);
		if (++in_para >= 2 + rnd_below(g, 3)) {
			buf_adds(out, "\n\n");
			in_para = 0;
		}
	}
	if (in_para > 0)
		buf_adds(out, "\n\n");
	buf_printf(out, "%s\n", pick(g, closings, nitems(closings)));
}

/* --- Posts ---------------------------------------------------------------- */

/* How many posts a new thread will get: mostly a few, sometimes many. */
static int
thread_size(struct gen *g)
{
	int n;

	if (rnd_below(g, 100) < 85) {
		n = 1;
		while (n < 12 && rnd_below(g, 4) != 0)
			n++;
		return n;
	}
	return 10 + (int)rnd_below(g, THREAD_MAX - 9);
}

static void
slot_open(struct gen *g, struct slot *sl)
{
	struct store_viewer v, mv;
	struct gmember *a;
	struct gboard *b;
	struct buf title, body;
	int64_t tid, pid;
	size_t bi;
	int rc;

	bi = pick_board(g);
	b = &g->boards[bi];
	a = &g->members[pick_poster(g, bi)];
	v = viewer_of(a);
	buf_init(&title);
	buf_init(&body);
	make_title(g, bi, &title);
	buf_add(&title, "", 1);
	make_body(g, bi, NULL, &body, sl->quote[0]);
	buf_printf(&body, "%s\n", a->sign);
	buf_add(&body, "", 1);
	rc = store_thread_new(g->s, &v, b->id, title.data, body.data, &tid,
	    &pid);
	if (rc != 0)
		fatal("store_thread_new: %d", rc);
	g->body_bytes += (int64_t)body.len;
	buf_free(&title);
	buf_free(&body);
	g->posts++;
	g->threads++;
	tick(g);

	sl->thread_id = tid;
	sl->board = bi;
	sl->want = thread_size(g);
	sl->n = 1;
	sl->post[0] = pid;

	/* Approval boards: a moderator approves, except for a few. */
	if (b->approval && role_rank(a->role) < 2) {
		if (rnd_below(g, 100) == 0) {
			g->waiting++;
			sl->thread_id = 0;	/* no replies to it */
			return;
		}
		/* STORE_STATE: not waiting (the author moderates this
		 * board). */
		mv = viewer_of(&g->members[g->posters[2][0]]);
		if ((rc = store_thread_approve(g->s, &mv, tid, 1, NULL)) != 0 &&
		    rc != STORE_STATE)
			fatal("store_thread_approve: %s", store_rc_name(rc));
		tick(g);
	}
	board_add_thread(b, tid);
	if (rnd_below(g, 400) == 0) {
		mv = viewer_of(&g->members[g->posters[2][0]]);
		if (store_thread_set_pinned(g->s, &mv, tid, 1) == 0)
			g->pinned++;
		tick(g);
	}
}

static void
slot_reply(struct gen *g, struct slot *sl)
{
	struct store_viewer v, mv;
	struct gmember *a;
	struct buf body;
	const char *quote;
	size_t parent, r;
	int64_t pid;
	int rc;

	/* The opening post, the latest one, or an earlier reply. */
	r = rnd_below(g, 100);
	if (r < 40)
		parent = 0;
	else if (r < 75)
		parent = (size_t)sl->n - 1;
	else
		parent = rnd_below(g, (size_t)sl->n);
	quote = rnd_below(g, 10) < 3 ? sl->quote[parent] : NULL;

	a = &g->members[pick_poster(g, sl->board)];
	v = viewer_of(a);
	buf_init(&body);
	make_body(g, sl->board, quote, &body, sl->quote[sl->n]);
	buf_printf(&body, "%s\n", a->sign);
	buf_add(&body, "", 1);
	rc = store_post_reply(g->s, &v, sl->post[parent], body.data, &pid);
	if (rc != 0)
		fatal("store_post_reply: %d", rc);
	g->body_bytes += (int64_t)body.len;
	buf_free(&body);
	sl->post[sl->n++] = pid;
	g->posts++;
	g->replies++;
	tick(g);

	if (rnd_below(g, 500) == 0) {
		mv = viewer_of(&g->members[g->posters[2][0]]);
		if (store_post_hide(g->s, &mv, pid, "Message hors charte : "
		    "propos injurieux envers un autre membre.") == 0)
			g->hidden++;
		tick(g);
		/* Nobody sees it any more, so nobody answers it. */
		sl->post[sl->n - 1] = sl->post[0];
		memcpy(sl->quote[sl->n - 1], sl->quote[0], QUOTE_MAX + 1);
	}
	if (sl->n >= sl->want && rnd_below(g, 100) == 0) {
		mv = viewer_of(&g->members[g->posters[2][0]]);
		if (store_thread_set_locked(g->s, &mv, sl->thread_id, 1) == 0)
			g->locked++;
		tick(g);
	}
}

static void
gen_posts(struct gen *g, int64_t want)
{
	struct slot *slots;
	struct slot *sl;
	int64_t start_clock, span;
	double t0, t;

	slots = xcalloc(ACTIVE, sizeof(*slots));
	span = (int64_t)YEARS * 365 * 86400;
	start_clock = sim_clock;
	t0 = now_mono();
	if (store_begin(g->s) != 0)
		fatal("begin failed");
	while (g->posts < want) {
		/* The clock moves on evenly, with a little jitter. */
		sim_clock = start_clock + span * g->posts / want +
		    (int64_t)rnd_below(g, 60);
		sl = &slots[rnd_below(g, ACTIVE)];
		if (sl->thread_id == 0 || sl->n >= sl->want)
			slot_open(g, sl);
		else
			slot_reply(g, sl);
		if (g->posts % 100000 == 0) {
			t = now_mono() - t0;
			fprintf(stderr, "gen_boards: %lld posts in %.0f s "
			    "(%.0f/s)\n", (long long)g->posts, t,
			    (double)g->posts / t);
		}
	}
	finish(g);
	free(slots);
}

/* --- Read state -------------------------------------------------------------- */

/*
 * Member i follows a few boards and has read nthreads of their threads,
 * mostly recent ones, then nposts single posts anywhere (some in
 * threads they have not read, which leaves read marks).
 */
static void
read_member(struct gen *g, size_t i, int nthreads, int nposts)
{
	struct store_viewer v;
	struct gmember *m = &g->members[i];
	struct gboard *b;
	size_t fav[16], nfav, k, idx, tries;
	double u;
	int j, rc;

	v = viewer_of(m);
	nfav = 3 + rnd_below(g, 10);
	for (k = 0, tries = 0; k < nfav && tries < 100; tries++) {
		fav[k] = pick_board(g);
		if (g->boards[fav[k]].read_rank <= role_rank(m->role) &&
		    g->boards[fav[k]].nthreads > 0)
			k++;
	}
	nfav = k;
	for (j = 0; j < nthreads && nfav > 0; j++) {
		b = &g->boards[fav[rnd_below(g, nfav)]];
		u = rnd_unit(g);
		idx = b->nthreads - 1 - (size_t)((double)b->nthreads * u *
		    u * u);
		rc = store_read_thread(g->s, &v, b->threads[idx]);
		if (rc == -1)
			fatal("store_read_thread failed");
		g->read_threads++;
		tick(g);
	}
	for (j = 0; j < nposts; j++) {
		u = rnd_unit(g);
		rc = store_read_post(g->s, &v, g->posts - (int64_t)((double)
		    (g->posts - 1) * u * u));
		if (rc == -1)
			fatal("store_read_post failed");
		g->read_posts++;
		tick(g);
	}
}

static void
gen_reads(struct gen *g)
{
	size_t i;
	double u;

	if (store_begin(g->s) != 0)
		fatal("begin failed");
	/* The benchmarks' member is a regular reader of a dozen boards. */
	read_member(g, 0, 400, 100);
	for (i = 1; i < g->nmembers; i++) {
		u = rnd_unit(g);
		read_member(g, i, (int)(150.0 * u * u),
		    (int)rnd_below(g, 30));
	}
	finish(g);
}

/* --- Main ------------------------------------------------------------------ */

static void
usage(void)
{
	fprintf(stderr, "usage: gen_boards [-p posts] [-b boards] "
	    "[-m members] [-s seed] FILE\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct gen g;
	char *cause = NULL;
	int64_t want = 1000000;
	double t0, t1, t2, t3, t4;
	int ch;

	memset(&g, 0, sizeof(g));
	g.nboards = 200;
	g.nmembers = 10000;
	g.rng = 1;
	while ((ch = getopt(argc, argv, "p:b:m:s:")) != -1) {
		switch (ch) {
		case 'p':
			want = strtoll(optarg, NULL, 10);
			break;
		case 'b':
			g.nboards = strtoul(optarg, NULL, 10);
			break;
		case 'm':
			g.nmembers = strtoul(optarg, NULL, 10);
			break;
		case 's':
			g.rng = strtoull(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (optind + 1 != argc || want < 1 || g.nboards < 1 ||
	    g.nmembers < 10)
		usage();
	if (access(argv[optind], F_OK) == 0) {
		fprintf(stderr, "gen_boards: %s exists\n", argv[optind]);
		return 1;
	}
	log_init("gen_boards", LOG_WARN);

	/* Posts start YEARS years before now (real time, whole days). */
	sim_clock = ((int64_t)time(NULL) / 86400 - (int64_t)YEARS * 365) *
	    86400 - 86400;
	t0 = now_mono();
	g.s = store_open(argv[optind], STORE_CREATE | STORE_MIGRATE, &cause);
	if (g.s == NULL) {
		fprintf(stderr, "gen_boards: %s\n", cause);
		return 1;
	}
	gen_members(&g);
	gen_boards(&g);
	t1 = now_mono();
	fprintf(stderr, "gen_boards: %zu members, %zu boards in %.1f s\n",
	    g.nmembers, g.nboards, t1 - t0);

	gen_posts(&g, want);
	t2 = now_mono();
	printf("posts      %lld (%lld threads, %lld replies, %lld quoting "
	    "their parent; %lld hidden, %lld waiting, %lld pinned, %lld "
	    "locked), %.0f MB of text, in %.1f s: %.0f posts/s\n",
	    (long long)g.posts, (long long)g.threads, (long long)g.replies,
	    (long long)g.quoted, (long long)g.hidden, (long long)g.waiting,
	    (long long)g.pinned, (long long)g.locked,
	    (double)g.body_bytes / 1e6, t2 - t1, (double)g.posts / (t2 - t1));
	fflush(stdout);

	/* Everyone reads afterwards, at the end of the period. */
	gen_reads(&g);
	t3 = now_mono();
	printf("read state %lld store_read_thread + %lld store_read_post in "
	    "%.1f s: %.0f/s\n", (long long)g.read_threads,
	    (long long)g.read_posts, t3 - t2, (double)(g.read_threads +
	    g.read_posts) / (t3 - t2));
	store_free(g.s);
	t4 = now_mono();
	printf("total      %.1f s (members and boards %.1f s, closing "
	    "%.1f s)\n", t4 - t0, t1 - t0, t4 - t3);
	return 0;
}
