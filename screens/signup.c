/*
 * signup.c - the sign-up form, for « ssh nouveau@serveur »: one question
 * at a time on the status line (ui_prompt), each answer checked before
 * the next question, then the charter to accept, then a summary to
 * confirm. The account is created « en attente »: the applicant is told
 * that a moderator must approve it first, and the session ends there
 * (there is no member yet: the interface runs with member id 0, and
 * nothing but this screen is reachable).
 *
 * The screen itself shows where one is: the introduction, the answers
 * so far, the charter when it is its turn, the summary at the end.
 * Entrée asks the current question again after Échap.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "config.h"
#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/passwd.h"
#include "util/pubkey.h"
#include "util/util.h"

#define SIGNUP_CHARTER_MAX	(64 * 1024)

enum signup_step {
	SU_LOGIN, SU_NAME, SU_ORG, SU_TYPE, SU_JOB, SU_TERRITORY, SU_EMAIL,
	SU_PASSWORD, SU_PASSWORD2, SU_KEY, SU_CHARTER, SU_CONFIRM, SU_DONE,
	SU_CLOSED
};

struct signup {
	enum signup_step step;
	char		*answer[SU_CHARTER];	/* by step; SU_PASSWORD: the hash */
	char		*territory;		/* « 69 Rhône » */
	struct pubkey	 key;			/* algo NULL: none */
	char		*pw;			/* between the two questions */
	struct ui_pager	 pager;
	struct buf	 plain;			/* the same, for line mode */
	struct ui_view	*view;			/* ours, to lay out again */
	char		*error;			/* why the last answer was refused */
};

enum { OP_ANSWER = OP_SCREEN };

static const struct ui_key signup_keys[] = {
	UI_PAGER_KEYS,
	{ '\r', OP_ANSWER, "Entrée", "Répondre", UI_KEY_BAR },
	UI_KEYS_END
};

static const char *const signup_questions[] = {
	[SU_LOGIN] = "Identifiant souhaité (minuscules, chiffres, . _ -) :",
	[SU_NAME] = "Prénom et nom :",
	[SU_ORG] = "Organisation (structure où vous travaillez) :",
	[SU_TYPE] = "Type (collectivité, État, opérateur, sécurité sociale, "
	    "association, entreprise, autre) :",
	[SU_JOB] = "Fonction :",
	[SU_TERRITORY] = "Département (numéro ou nom) :",
	[SU_EMAIL] = "Courriel professionnel :",
	[SU_PASSWORD] = "Mot de passe (8 caractères au moins) :",
	[SU_PASSWORD2] = "Le même, encore une fois :",
	[SU_KEY] = "Clé publique SSH (facultatif, Entrée pour passer) :",
	[SU_CHARTER] = "Acceptez-vous la charte ? (oui/non)",
	[SU_CONFIRM] = "Envoyer la demande ? (o : envoyer, c : corriger, "
	    "n : abandonner)",
};

static const char *const signup_labels[] = {
	[SU_LOGIN] = "Identifiant",
	[SU_NAME] = "Nom",
	[SU_ORG] = "Organisation",
	[SU_TYPE] = "Type de structure",
	[SU_JOB] = "Fonction",
	[SU_TERRITORY] = "Département",
	[SU_EMAIL] = "Courriel",
};

static const char signup_default_charter[] =
    "En rejoignant le réseau, je m'engage à échanger avec respect et "
    "bienveillance, à ne publier aucune donnée personnelle sur les "
    "personnes accompagnées, à respecter la confidentialité des échanges "
    "et à signaler à l'équipe de modération tout propos "
    "discriminatoire.";

static void	 signup_ask(struct ui *, struct signup *);
static void	 signup_done(struct ui *, void *, const char *);
static int	 signup_check(struct ui *, struct signup *, const char *);
static void	 signup_build(struct ui *, struct signup *);
static void	 signup_add(struct signup *, enum txt_block_kind, const char *,
		    int);
static void	 signup_show(struct ui *, struct signup *);
static void	 signup_error(struct signup *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Why an answer was refused: on the screen, above the question asked
 * again (the status line holds the question). */
static void
signup_error(struct signup *su, const char *fmt, ...)
{
	va_list ap;

	free(su->error);
	va_start(ap, fmt);
	xvasprintf(&su->error, fmt, ap);
	va_end(ap);
}

/* The step changed: what the screen shows too, at once (the next
 * question is drawn over it). */
static void
signup_show(struct ui *ui, struct signup *su)
{
	signup_build(ui, su);
	su->view->laid_out.h = 0;
}
static void	 signup_send(struct ui *, struct signup *);
static char	*signup_charter(struct ui *);
static char	*signup_territory(struct ui *, const char *, char **,
		    int *);

/* The charter: the sysop's file, else a short default. */
static char *
signup_charter(struct ui *ui)
{
	const struct config *cfg = ui_config(ui);
	FILE *f;
	char *buf, *text;
	size_t n;

	if (cfg->charter == NULL || (f = fopen(cfg->charter, "r")) == NULL)
		return xstrdup(signup_default_charter);
	buf = xmalloc(SIGNUP_CHARTER_MAX + 1);
	n = fread(buf, 1, SIGNUP_CHARTER_MAX, f);
	fclose(f);
	text = txt_clean(buf, n, TXT_MULTILINE, 0, NULL);
	free(buf);
	return text;
}

/* A département from its number or its name: its code, *label set; NULL
 * with *rc STORE_ERR if the list could not be read. */
static char *
signup_territory(struct ui *ui, const char *typed, char **label, int *rc)
{
	struct store_departement *l = NULL;
	size_t n = 0, i, hits = 0, hit = 0;
	char *t, *name, *code = NULL;

	*label = NULL;
	if ((*rc = store_departement_list(ui_store(ui), NULL, &l, &n)) !=
	    STORE_OK)
		return NULL;
	t = txt_fold(typed);
	for (i = 0; i < n; i++) {
		if (strcasecmp(l[i].code, typed) == 0) {
			hit = i;
			hits = 1;
			break;
		}
		name = txt_fold(l[i].name);
		if (strcmp(name, t) == 0) {
			/* « Loire », not the six others that hold it. */
			free(name);
			hit = i;
			hits = 1;
			break;
		}
		if (strstr(name, t) != NULL) {
			hit = i;
			hits++;
		}
		free(name);
	}
	free(t);
	if (hits == 1) {
		code = xstrdup(l[hit].code);
		xasprintf(label, "%s %s", l[hit].code, l[hit].name);
	}
	store_departement_list_free(l, n);
	return code;
}

/* Check an answer for the current step and keep it: 0, or -1 with a
 * message (the question is asked again). */
static int
signup_check(struct ui *ui, struct signup *su, const char *a)
{
	struct store_member m;
	const char *why = NULL;
	char *v, *code, *label;
	int t, rc;

	switch (su->step) {
	case SU_LOGIN:
		if (!txt_login_valid(a) || strcmp(a, CONFIG_SIGNUP_LOGIN) == 0 ||
		    strcmp(a, CONFIG_GUEST_LOGIN) == 0) {
			signup_error(su, "Identifiant invalide : lettres "
			    "minuscules sans accent, chiffres, . _ -");
			return -1;
		}
		if ((rc = store_member_by_login(ui_store(ui), a, &m)) !=
		    STORE_NOT_FOUND) {
			store_member_clear(&m);
			signup_error(su, "%s", rc == STORE_OK ? "Cet "
			    "identifiant est déjà pris : choisissez-en un "
			    "autre." : screen_rc_text(ui, rc, NULL));
			return -1;
		}
		break;
	case SU_NAME:
	case SU_ORG:
	case SU_JOB:
		if (a[strspn(a, " ")] == '\0') {
			signup_error(su, "Ce champ est nécessaire à la "
			    "validation de votre demande.");
			return -1;
		}
		break;
	case SU_TYPE:
		if ((t = store_org_type_parse(a)) < 0) {
			signup_error(su, "Type inconnu : répondez par exemple "
			    "« collectivité » ou « association ».");
			return -1;
		}
		free(su->answer[su->step]);
		su->answer[su->step] = xstrdup(store_org_types[t].key);
		return 0;
	case SU_TERRITORY:
		if ((code = signup_territory(ui, a, &label, &rc)) == NULL) {
			signup_error(su, "%s", rc != STORE_OK ?
			    screen_rc_text(ui, rc, NULL) : "Département "
			    "introuvable ou ambigu : tapez son numéro (69, 2A, "
			    "971).");
			return -1;
		}
		free(su->answer[su->step]);
		su->answer[su->step] = code;
		free(su->territory);
		su->territory = label;
		return 0;
	case SU_EMAIL:
		v = strchr(a, '@');
		if (v == NULL || v == a || strchr(v, '.') == NULL ||
		    strchr(a, ' ') != NULL) {
			signup_error(su, "Adresse de courriel invalide.");
			return -1;
		}
		break;
	case SU_PASSWORD:
		if (strlen(a) < PW_MIN_LEN || strlen(a) > PW_MAX_LEN) {
			signup_error(su, "Mot de passe trop court : %d "
			    "caractères au moins.", PW_MIN_LEN);
			return -1;
		}
		free(su->pw);
		su->pw = xstrdup(a);
		return 0;
	case SU_PASSWORD2:
		if (su->pw == NULL || strcmp(a, su->pw) != 0) {
			signup_error(su, "Les deux mots de passe diffèrent : "
			    "recommencez.");
			su->step = SU_PASSWORD;
			return -1;
		}
		pw_init();
		free(su->answer[SU_PASSWORD]);
		su->answer[SU_PASSWORD] = pw_hash(a, strlen(a));
		pw_wipe(su->pw, strlen(su->pw));
		free(su->pw);
		su->pw = NULL;
		if (su->answer[SU_PASSWORD] == NULL) {
			signup_error(su, "Le mot de passe n'a pas pu être "
			    "chiffré : réessayez.");
			su->step = SU_PASSWORD;
			return -1;
		}
		return 0;
	case SU_KEY:
		pubkey_clear(&su->key);
		if (a[0] != '\0' && pubkey_parse(a, &su->key, &why) != 0) {
			signup_error(su, "%s", why);
			return -1;
		}
		return 0;
	default:
		return 0;
	}
	free(su->answer[su->step]);
	su->answer[su->step] = xstrdup(a);
	return 0;
}

/* Ask the current step's question (the charter and the summary are
 * shown first: the member answers with Entrée). */
static void
signup_ask(struct ui *ui, struct signup *su)
{
	const char *initial = "";
	char *q;

	if (su->step >= SU_DONE)
		return;
	/* Line mode has no screen under the question: why the last answer
	 * was refused goes before it. */
	if (ui_line_mode(ui) && su->error != NULL)
		xasprintf(&q, "%s %s", su->error, signup_questions[su->step]);
	else
		q = xstrdup(signup_questions[su->step]);
	if (su->step == SU_PASSWORD || su->step == SU_PASSWORD2) {
		ui_prompt_secret(ui, q, PW_MAX_LEN, signup_done, su);
		free(q);
		return;
	}
	if (su->step < SU_PASSWORD && su->answer[su->step] != NULL)
		initial = su->step == SU_TERRITORY ? su->territory :
		    su->step == SU_TYPE ?
		    store_org_type_label(su->answer[su->step]) :
		    su->answer[su->step];
	ui_prompt(ui, q, initial, su->step == SU_KEY ? PUBKEY_LINE_MAX :
	    STORE_FIELD_MAX, signup_done, su);
	free(q);
}

static void
signup_done(struct ui *ui, void *ctx, const char *answer)
{
	struct signup *su = ctx;

	if (answer == NULL)
		return;		/* Échap: Entrée asks again */
	if (su->step == SU_CHARTER) {
		if (answer[0] == 'o' || answer[0] == 'O') {
			su->step = SU_CONFIRM;
			signup_show(ui, su);
		} else
			ui_message(ui, "L'inscription demande d'accepter la "
			    "charte. Q pour partir.");
		return;
	}
	if (su->step == SU_CONFIRM) {
		if (answer[0] == 'o' || answer[0] == 'O')
			signup_send(ui, su);
		else if (answer[0] == 'c' || answer[0] == 'C') {
			su->step = SU_LOGIN;
			signup_show(ui, su);
			signup_ask(ui, su);
		} else if (answer[0] == 'n' || answer[0] == 'N')
			ui_quit(ui);
		return;
	}
	if (signup_check(ui, su, answer) != 0) {
		signup_show(ui, su);
		signup_ask(ui, su);
		return;
	}
	free(su->error);
	su->error = NULL;
	su->step++;
	signup_show(ui, su);
	if (su->step != SU_CHARTER)
		signup_ask(ui, su);
}

static void
signup_send(struct ui *ui, struct signup *su)
{
	struct store_signup u;
	int64_t id;
	int rc;

	memset(&u, 0, sizeof(u));
	u.login = su->answer[SU_LOGIN];
	u.display_name = su->answer[SU_NAME];
	u.organisation = su->answer[SU_ORG];
	u.org_type = su->answer[SU_TYPE];
	u.job = su->answer[SU_JOB];
	u.departement = su->answer[SU_TERRITORY];
	u.email = su->answer[SU_EMAIL];
	u.password_hash = su->answer[SU_PASSWORD];
	u.key_algo = su->key.algo;
	u.key_blob = su->key.blob;
	u.key_fingerprint = su->key.fingerprint;
	u.key_comment = su->key.comment;
	rc = store_member_signup(ui_store(ui), &u,
	    ui_config(ui)->signup_max_pending, &id);
	switch (rc) {
	case STORE_OK:
		log_info("inscription de « %s » en attente de validation",
		    u.login);
		su->step = SU_DONE;
		signup_show(ui, su);
		return;
	case STORE_TAKEN:
		ui_message(ui, "Cet identifiant vient d'être pris : "
		    "choisissez-en un autre (c).");
		break;
	case STORE_KEY_TAKEN:
		ui_message(ui, "Cette clé publique sert déjà à un autre "
		    "compte : corrigez (c) ou n'en donnez pas.");
		break;
	case STORE_FULL:
		su->step = SU_CLOSED;
		signup_show(ui, su);
		return;
	case STORE_TOO_LONG:
		ui_message(ui, "Une réponse est trop longue : corrigez (c).");
		break;
	case STORE_EMPTY:
	case STORE_INVALID:
		/* Checked as typed: only a race or a bug gets here. */
		ui_message(ui, "%s Corrigez (c).", store_rc_text(rc));
		break;
	default:
		ui_message(ui, "La demande n'a pas pu être enregistrée : "
		    "réessayez dans un instant.");
		break;
	}
}

/* A block of the screen, in the pager and in the plain text. */
static void
signup_add(struct signup *su, enum txt_block_kind kind, const char *text,
    int attr)
{
	if (kind == TXT_BLOCK_PARA && attr == 0 && strchr(text, '\n') != NULL)
		ui_pager_add_doc(&su->pager, txt_doc_from_plain(text,
		    strlen(text)));
	else
		ui_pager_add(&su->pager, kind, kind == TXT_BLOCK_HEADING ? 1 :
		    0, text, attr);
	buf_printf(&su->plain, "%s\n", text);
}

/* What the screen shows for this step. */
static void
signup_build(struct ui *ui, struct signup *su)
{
	const struct config *cfg = ui_config(ui);
	struct ui_pager *pg = &su->pager;
	char *s;
	int i;

	ui_pager_free(pg);
	ui_pager_init(pg);
	buf_free(&su->plain);
	buf_init(&su->plain);
	if (su->step == SU_DONE) {
		signup_add(su, TXT_BLOCK_HEADING, "Demande enregistrée",
		    0);
		xasprintf(&s, "Merci, %s. Votre demande d'inscription est "
		    "en attente de validation par l'équipe de modération. "
		    "Vous ne "
		    "pourrez pas vous connecter avant : vous pourrez alors "
		    "entrer avec l'identifiant « %s » et votre mot de passe%s.",
		    su->answer[SU_NAME], su->answer[SU_LOGIN],
		    su->key.algo != NULL ? " ou votre clé" : "");
		signup_add(su, TXT_BLOCK_PARA, s, 0);
		free(s);
		signup_add(su, TXT_BLOCK_PARA, "Q pour quitter.", 0);
		return;
	}
	if (su->step == SU_CLOSED) {
		signup_add(su, TXT_BLOCK_PARA, "Trop de demandes "
		    "attendent déjà d'être examinées : les inscriptions "
		    "rouvriront bientôt. Revenez dans quelques jours.", 0);
		return;
	}
	if (su->step == SU_CHARTER) {
		signup_add(su, TXT_BLOCK_HEADING, "La charte du réseau", 0);
		s = signup_charter(ui);
		signup_add(su, TXT_BLOCK_PARA, s, 0);
		free(s);
		signup_add(su, TXT_BLOCK_PARA, "Entrée pour répondre.",
		    TXT_ATTR_BOLD);
		return;
	}
	if (su->step == SU_CONFIRM)
		signup_add(su, TXT_BLOCK_HEADING, "Votre demande", 0);
	else {
		xasprintf(&s, "Bienvenue sur %s%s", cfg->site_article,
		    cfg->site_name);
		signup_add(su, TXT_BLOCK_HEADING, s, 0);
		free(s);
		signup_add(su, TXT_BLOCK_PARA, "Pour rejoindre le réseau, "
		    "répondez aux questions en bas de l'écran (Entrée pour "
		    "valider, Échap pour faire une pause). L'équipe de "
		    "modération examinera ensuite votre demande.", 0);
	}
	for (i = SU_LOGIN; i <= SU_EMAIL; i++) {
		if (su->answer[i] == NULL)
			continue;
		xasprintf(&s, "%s : %s", signup_labels[i], i == SU_TERRITORY ?
		    su->territory : i == SU_TYPE ?
		    store_org_type_label(su->answer[i]) : su->answer[i]);
		signup_add(su, TXT_BLOCK_PARA, s, 0);
		free(s);
	}
	if (su->step > SU_KEY) {
		xasprintf(&s, "Clé publique : %s", su->key.algo != NULL ?
		    su->key.fingerprint : "aucune");
		signup_add(su, TXT_BLOCK_PARA, s, 0);
		free(s);
	}
	if (su->step == SU_CONFIRM)
		signup_add(su, TXT_BLOCK_PARA, "Charte acceptée. Entrée "
		    "pour envoyer ou corriger.", TXT_ATTR_BOLD);
	if (su->error != NULL)
		signup_add(su, TXT_BLOCK_PARA, su->error, TXT_ATTR_BOLD);
}

static int
signup_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct signup *su = xcalloc(1, sizeof(*su));
	int64_t waiting = 0;

	ui_pager_init(&su->pager);
	buf_init(&su->plain);
	if (store_member_waiting_count(ui_store(ui), &waiting) == 0 &&
	    waiting >= ui_config(ui)->signup_max_pending)
		su->step = SU_CLOSED;
	v->state = su;
	su->view = v;
	signup_build(ui, su);
	ui_view_set_title(v, "Inscription");
	return 0;
}

static void
signup_leave(struct ui *ui, struct ui_view *v)
{
	struct signup *su = v->state;
	int i;

	for (i = 0; i < SU_CHARTER; i++)
		free(su->answer[i]);
	free(su->territory);
	free(su->error);
	if (su->pw != NULL) {
		pw_wipe(su->pw, strlen(su->pw));
		free(su->pw);
	}
	pubkey_clear(&su->key);
	ui_pager_free(&su->pager);
	buf_free(&su->plain);
	free(su);
}

/* The first question comes by itself, once the screen is up. */
static int
signup_tick(struct ui *ui, struct ui_view *v)
{
	struct signup *su = v->state;

	if (su->step == SU_LOGIN && su->answer[SU_LOGIN] == NULL)
		signup_ask(ui, su);
	return -1;
}

static void
signup_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct signup *su = v->state;

	ui_pager_layout(&su->pager, r);
	ui_pager_status(&su->pager, v, r->h);
}

static void
signup_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct signup *su = v->state;

	ui_pager_draw(&su->pager, r);
}

static int
signup_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct signup *su = v->state;

	if (op == OP_ANSWER) {
		if (su->step >= SU_DONE)
			ui_quit(ui);
		else
			signup_ask(ui, su);
		return UI_HANDLED;
	}
	if (ui_pager_handle(&su->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&su->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

/* Line mode: the same text; an empty line (Entrée) answers. */
static char *
signup_plain(struct ui *ui, const struct ui_view *v)
{
	const struct signup *su = v->state;
	char *s;

	xasprintf(&s, "%.*s%s", (int)su->plain.len, su->plain.len > 0 ?
	    (const char *)su->plain.data : "", su->step < SU_DONE ?
	    "Entrée pour répondre à la question." : "");
	return s;
}

const struct ui_screen screen_signup = {
	.name = "inscription",
	.keys = signup_keys,
	.enter = signup_enter,
	.layout = signup_layout,
	.draw = signup_draw,
	.handle = signup_handle,
	.leave = signup_leave,
	.tick = signup_tick,
	.plain = signup_plain,
};
