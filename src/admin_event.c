/*
 * admin_event.c - « palabre admin event ... »: exchange days from the
 * sysop's command line.
 *
 *   palabre admin event add --organiser LOGIN [--board CLÉ] < journée
 *   palabre admin event edit NUMÉRO < champs
 *   palabre admin event list [--past | --all]
 *   palabre admin event cancel NUMÉRO
 *   palabre admin event participants NUMÉRO
 *   palabre admin event ics NUMÉRO
 *   palabre admin event thread NUMÉRO
 *   palabre admin event register NUMÉRO --member LOGIN [--force]
 *   palabre admin event unregister NUMÉRO --member LOGIN
 *
 * Input is plain text: « clé : valeur » lines for the short fields (the
 * keys of store_event_fields[]: title, date (« 12/06/2025 » or « 12 juin
 * 2025 », text/txt_date.h), start and end (« 9:30 », « 9 h 30 »),
 * place, link, capacity, deadline (a date),
 * audience, themes, docs, practices), then the presentation after a
 * line « [description] ». « add » checks them as the organisers' form
 * does (a date in the past is allowed here: the record of a day held),
 * opens the day's follow-up thread on the board « journees » (or
 * --board) and prints the new number; « edit » changes only the fields
 * given. The sysop acts as a sysop: edit, cancel and the participants'
 * list of any day; the list shows what the directory shows everyone.
 * « ics » prints the iCalendar text (CRLF line ends) members copy from
 * the event's page. « thread » prints the number of the opening message
 * of the day's follow-up thread (to answer it with « admin post reply
 * --to »). « register --force » ignores the deadline.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#define EVENT_INPUT_MAX	(64 * 1024)
#define EVENT_BOARD	"journees"

static struct store *ae_store(struct config *);
static void	 ae_sysop(struct store_viewer *);
static int64_t	 ae_id(const char *);
static int	 ae_parse(FILE *, char *f[EF_NFIELDS], int *given);
static int	 ae_refused(int, int);
static int	 ae_add(struct config *, int, char **);
static int	 ae_edit(struct config *, int, char **);
static int	 ae_list(struct config *, int, char **);
static int	 ae_one(struct config *, const char *, const char *);
static int	 ae_register(struct config *, int, char **, int);
static int	 cmd_one(struct config *, int, char **);
static int	 cmd_register(struct config *, int, char **);

/* admin_store(): a place freed from here wakes who moves up. */
static struct store *
ae_store(struct config *cfg)
{
	return admin_store(cfg, 0);
}

/* The command line: a sysop who is no member (audit actor 0). */
static void
ae_sysop(struct store_viewer *v)
{
	memset(v, 0, sizeof(*v));
	v->login = "sysop";
	v->role = ROLE_SYSOP;
}

static int64_t
ae_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*end != '\0' || v <= 0) {
		fprintf(stderr, "palabre : numéro de journée invalide « %s »\n",
		    s);
		return -1;
	}
	return v;
}

/* Standard input into f[] (new strings, "" when not given) and given
 * (bit 1 << field): 0, or -1 (said why). */
static int
ae_parse(FILE *in, char *f[EF_NFIELDS], int *given)
{
	char *text;
	size_t len;
	int i, r;

	*given = 0;
	if ((text = admin_read(in, "entrée standard", EVENT_INPUT_MAX, &len,
	    NULL)) == NULL) {
		for (i = 0; i < EF_NFIELDS; i++)
			f[i] = xstrdup("");
		return -1;
	}
	r = admin_event_parse(text, f, given);
	free(text);
	return r;
}

/* The lines of an event (text, changed in place); see admin.h. */
int
admin_event_parse(char *text, char **f, int *given)
{
	struct buf section;
	char *line, *next, *colon;
	size_t len;
	int i, k, desc = 0, lineno = 0;

	*given = 0;
	for (i = 0; i < EF_NFIELDS; i++)
		f[i] = xstrdup("");
	buf_init(&section);
	for (line = text; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strcmp(line, "[description]") == 0) {
			desc = 1;
			*given |= 1 << EF_DESCRIPTION;
			continue;
		}
		if (desc) {
			buf_printf(&section, "%s%s", section.len > 0 ? "\n" :
			    "", line);
			continue;
		}
		if (line[strspn(line, " ")] == '\0' || line[0] == '#')
			continue;
		k = -1;
		if ((colon = strchr(line, ':')) != NULL) {
			len = (size_t)(colon - line);
			while (len > 0 && line[len - 1] == ' ')
				len--;
			for (i = 0; i < EF_NFIELDS; i++)
				if (i != EF_DESCRIPTION &&
				    strlen(store_event_fields[i].key) == len &&
				    strncmp(store_event_fields[i].key, line,
				    len) == 0)
					k = i;
		}
		if (k < 0) {
			fprintf(stderr, "palabre : ligne %d : « clé : valeur » "
			    "attendu\n", lineno);
			buf_free(&section);
			return -1;
		}
		free(f[k]);
		f[k] = xstrdup(colon + 1 + strspn(colon + 1, " "));
		*given |= 1 << k;
	}
	if (desc) {
		buf_add(&section, "", 1);
		free(f[EF_DESCRIPTION]);
		f[EF_DESCRIPTION] = buf_detach(&section);
	}
	buf_free(&section);
	return 0;
}

/* Say why the store refused the fields; the exit status. */
static int
ae_refused(int r, int field)
{
	fprintf(stderr, "palabre : journée refusée (%s) : %s\n",
	    field >= 0 ? store_event_fields[field].key : "?",
	    r == STORE_FORBIDDEN ? "rôle organisateur ou sysop seulement." :
	    store_rc_text(r));
	return 1;
}

static int
ae_add(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "organiser", required_argument, NULL, 'o' },
		{ "board", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	const char *who = NULL, *board = EVENT_BOARD;
	struct store_member m;
	struct store_viewer v;
	struct store *st = NULL;
	char *f[EF_NFIELDS];
	int64_t id = 0;
	int ch, i, r, rc = 1, field = -1, given;

	memset(&m, 0, sizeof(m));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			who = optarg;
			break;
		case 'b':
			board = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind != argc || who == NULL) {
		admin_help(stderr, "event");
		return 2;
	}
	if (ae_parse(stdin, f, &given) != 0)
		goto out;
	if ((st = ae_store(cfg)) == NULL || admin_viewer(st, who, &m, &v) != 0)
		goto out;
	if ((r = store_event_submit(st, &v, &id, (const char *const *)f, board,
	    &field)) != 0) {
		ae_refused(r, field);
		goto out;
	}
	printf("%lld\n", (long long)id);
	rc = 0;
out:
	for (i = 0; i < EF_NFIELDS; i++)
		free(f[i]);
	store_member_clear(&m);
	store_free(st);
	return rc;
}

static int
ae_edit(struct config *cfg, int argc, char **argv)
{
	struct store_viewer v;
	struct store_event e;
	struct store *st = NULL;
	char *f[EF_NFIELDS], *old[EF_NFIELDS];
	int64_t id;
	int i, r, rc = 1, field = -1, given;

	if (argc != 2 || (id = ae_id(argv[1])) < 0) {
		admin_help(stderr, "event");
		return 2;
	}
	memset(&e, 0, sizeof(e));
	memset(old, 0, sizeof(old));
	if (ae_parse(stdin, f, &given) != 0)
		goto out;
	if ((st = ae_store(cfg)) == NULL)
		goto out;
	if ((r = store_event_get(st, 0, id, &e)) != STORE_OK) {
		admin_rc_err(st, r, "aucune journée n° %lld", (long long)id);
		goto out;
	}
	store_event_fields_of(&e, old);
	for (i = 0; i < EF_NFIELDS; i++)
		if (!(given & (1 << i))) {
			free(f[i]);
			f[i] = old[i];
			old[i] = NULL;
		}
	ae_sysop(&v);
	if ((r = store_event_submit(st, &v, &id, (const char *const *)f, NULL,
	    &field)) != 0) {
		ae_refused(r, field);
		goto out;
	}
	printf("Journée n° %lld modifiée.\n", (long long)id);
	rc = 0;
out:
	for (i = 0; i < EF_NFIELDS; i++) {
		free(f[i]);
		free(old[i]);
	}
	store_event_clear(&e);
	store_free(st);
	return rc;
}

static int
ae_list(struct config *cfg, int argc, char **argv)
{
	struct store_event *l;
	struct store *st;
	char day[64];
	size_t n, i;
	int which = EVENTS_UPCOMING;

	if (argc == 2 && strcmp(argv[1], "--past") == 0)
		which = EVENTS_PAST;
	else if (argc == 2 && strcmp(argv[1], "--all") == 0)
		which = EVENTS_ALL;
	else if (argc != 1) {
		admin_help(stderr, "event");
		return 2;
	}
	if ((st = ae_store(cfg)) == NULL)
		return 1;
	if (store_event_list(st, 0, which, now_sec(), 0, &l, &n) != 0) {
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, STORE_ERR));
		store_free(st);
		return 1;
	}
	for (i = 0; i < n; i++) {
		txt_date_weekday(day, sizeof(day), l[i].starts_at);
		printf("%lld\t%s\t%s\t%s\t%lld", (long long)l[i].id, day,
		    l[i].title, store_event_where(&l[i]),
		    (long long)l[i].nregistered);
		if (l[i].capacity > 0)
			printf("/%lld", (long long)l[i].capacity);
		printf(" inscrits");
		if (l[i].nwaiting > 0)
			printf(", %lld en attente", (long long)l[i].nwaiting);
		printf("%s\n", l[i].cancelled_at != 0 ? " (annulée)" : "");
	}
	if (n == 0)
		printf("Aucune journée.\n");
	store_event_list_free(l, n);
	store_free(st);
	return 0;
}

/* cancel, participants, ics, thread. */
static int
ae_one(struct config *cfg, const char *verb, const char *num)
{
	struct store_event_participant *pl;
	struct store_post *posts = NULL;
	struct store_viewer v;
	struct store_event e;
	struct store *st;
	char *text;
	int64_t id;
	size_t n = 0;
	int r, rc = 1;

	if ((id = ae_id(num)) < 0)
		return 2;
	if ((st = ae_store(cfg)) == NULL)
		return 1;
	ae_sysop(&v);
	memset(&e, 0, sizeof(e));
	if ((r = store_event_get(st, 0, id, &e)) != STORE_OK) {
		admin_rc_err(st, r, "aucune journée n° %lld", (long long)id);
		goto out;
	}
	if (strcmp(verb, "cancel") == 0) {
		if ((r = store_event_cancel(st, &v, id)) == STORE_NOT_FOUND)
			fprintf(stderr, "palabre : journée déjà annulée\n");
		else if (r == STORE_OK) {
			printf("Journée n° %lld annulée (inscriptions "
			    "gardées).\n", (long long)id);
			rc = 0;
		} else
			fprintf(stderr, "palabre : %s\n", store_rc_text(r));
	} else if (strcmp(verb, "participants") == 0) {
		if ((r = store_event_participants(st, &v, id, &pl,
		    &n)) == STORE_OK) {
			text = store_event_participants_text(&e, pl, n);
			fputs(text, stdout);
			free(text);
			store_event_participant_list_free(pl, n);
			rc = 0;
		} else
			fprintf(stderr, "palabre : %s\n", store_rc_say(st, r));
	} else if (strcmp(verb, "thread") == 0) {
		if (e.thread_id == 0)
			fprintf(stderr, "palabre : cette journée n'a pas de "
			    "fil\n");
		else if ((r = store_post_tree(st, &v, e.thread_id, &posts,
		    &n)) != STORE_OK)
			fprintf(stderr, "palabre : %s\n", store_rc_say(st, r));
		else if (n > 0) {
			printf("%lld\n", (long long)posts[0].id);
			rc = 0;
		}
		if (e.thread_id != 0)
			store_post_list_free(posts, n);
	} else {
		text = store_event_ics(&e, now_sec());
		fputs(text, stdout);
		free(text);
		rc = 0;
	}
out:
	store_event_clear(&e);
	store_free(st);
	return rc;
}

static int
ae_register(struct config *cfg, int argc, char **argv, int on)
{
	static const struct option opts[] = {
		{ "member", required_argument, NULL, 'm' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *who = NULL;
	struct store_member m;
	struct store_viewer v;
	struct store *st = NULL;
	int64_t id, promoted;
	int ch, force = 0, waiting, r, rc = 1;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			who = optarg;
			break;
		case 'f':
			force = 1;
			break;
		default:
			return 2;
		}
	}
	if (optind != argc - 1 || who == NULL ||
	    (id = ae_id(argv[optind])) < 0) {
		admin_help(stderr, "event");
		return 2;
	}
	memset(&m, 0, sizeof(m));
	if ((st = ae_store(cfg)) == NULL || admin_viewer(st, who, &m, &v) != 0)
		goto out;
	if (on) {
		r = store_event_register(st, &v, id, now_sec(), force,
		    &waiting);
		if (r == 0)
			printf("%s %s.\n", who, waiting ? "est en liste "
			    "d'attente" : "est inscrit");
	} else {
		r = store_event_unregister(st, m.id, id, now_sec(), &promoted);
		if (r == 0)
			printf("%s n'est plus inscrit.\n", who);
		if (r == 0 && promoted != 0)
			printf("Une place s'est libérée : le membre n° %lld "
			    "passe de la liste d'attente aux inscrits.\n",
			    (long long)promoted);
	}
	if (r == STORE_NOT_FOUND)
		fprintf(stderr, "palabre : %s\n", on ? "aucune journée de ce "
		    "numéro" : "pas d'inscription à cette journée");
	else if (r == STORE_TOO_LATE)
		fprintf(stderr, "palabre : %s\n", on ? "inscriptions closes "
		    "(--force pour passer outre)" : "la journée a commencé");
	else if (r != STORE_OK)
		fprintf(stderr, "palabre : %s\n", store_rc_text(r));
	rc = r == 0 ? 0 : 1;
out:
	store_member_clear(&m);
	store_free(st);
	return rc;
}

/* The table's handlers for the commands above with other arguments. */
static int
cmd_one(struct config *cfg, int argc, char **argv)
{
	return ae_one(cfg, argv[0], argv[1]);
}

static int
cmd_register(struct config *cfg, int argc, char **argv)
{
	return ae_register(cfg, argc, argv, strcmp(argv[0], "register") ==
	    0);
}

const struct admin_cmd admin_event_cmds[] = {
	{ "event", "add", "< journée", "!organiser=IDENTIFIANT board=CLÉ", 0,
	    0, "crée une journée et son fil (affiche son numéro ; format : "
	    "voir palabre(8))", ae_add },
	{ "event", "edit", "NUMÉRO < champs", "", 1, 1,
	    "change les champs donnés d'une journée", ae_edit },
	{ "event", "list", "", "past all", 0, 0,
	    "les journées à venir (--past : passées, --all : toutes)",
	    ae_list },
	{ "event", "cancel", "NUMÉRO", "", 1, 1,
	    "annule une journée (les inscriptions restent)", cmd_one },
	{ "event", "participants", "NUMÉRO", "", 1, 1,
	    "la liste des inscrits", cmd_one },
	{ "event", "ics", "NUMÉRO", "", 1, 1,
	    "la journée au format iCalendar", cmd_one },
	{ "event", "thread", "NUMÉRO", "", 1, 1,
	    "le numéro du message qui ouvre le fil de la journée", cmd_one },
	{ "event", "register", "NUMÉRO", "!member=IDENTIFIANT force", 1, 1,
	    "inscrit un membre (--force : même après la clôture)",
	    cmd_register },
	{ "event", "unregister", "NUMÉRO", "!member=IDENTIFIANT", 1, 1,
	    "désinscrit un membre", cmd_register },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
