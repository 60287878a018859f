/*
 * profile.c - « Mon profil »: what the member says about themself in the
 * directory and who sees each field (v: everybody / nobody), their
 * public keys, their password, the display settings, the export of
 * their data and the erasure of their account.
 *
 * E-mail (three lines of the menu): the address, confirmed by typing
 * back the code mailed to it (the sysop's timer sends it, within
 * minutes: a session never mails); the digest (never, daily, weekly);
 * one e-mail per private message. Both need a confirmed address.
 *
 * Three screens: screen_profile (the menu), screen_pubkeys (the keys:
 * a adds one by pasting the line of a .pub file, d removes one) and
 * screen_export (everything Palabre holds about the member, as text or
 * JSON, to read or copy from the terminal).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "config.h"
#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/passwd.h"
#include "util/pubkey.h"
#include "util/util.h"

/* The menu's entries after the fields. */
enum {
	PE_NAME,
	PE_FIELD,		/* PE_FIELD + PF_* */
	PE_MAIL = PE_FIELD + PROF_NFIELDS,	/* the address, its code */
	PE_DIGEST,
	PE_PER_MESSAGE,
	PE_KEYS,
	PE_PASSWORD,
	PE_DISPLAY,
	PE_VEILLE,		/* « Ma veille » */
	PE_EXPORT,
	PE_ERASE,
	PE_COUNT
};

struct profile {
	struct store_profile	 p;
	struct store_mail_pref	 mail;
	int			 mail_on;	/* [mail] from is set */
	size_t			 nkeys;
	struct ui_list		 sel;
	struct ui_rect		 inner;
	int			 editing;	/* PE_* asked about */
	char			*pw_new;	/* between the two questions */
};

struct pubkeys {
	struct store_key	*list;
	size_t			 n;
	int			 rc;		/* not STORE_OK: why the list
						 * is empty */
	struct ui_list		 sel;
	struct ui_rect		 inner;
	int64_t			 deleting;
};

struct export {
	int		 json;
	struct ui_pager	 pager;
};

enum { OP_VISIBILITY = OP_SCREEN, OP_ADD, OP_DELETE, OP_FORMAT };

static const struct ui_key profile_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Modifier, ouvrir", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Modifier, ouvrir", UI_KEY_NOHELP },
	{ 'h', OP_VISIBILITY, "h", "Masquer ou montrer ce champ",
	    UI_KEY_BAR },
	UI_KEYS_END
};

static const struct ui_key pubkeys_keys[] = {
	UI_LIST_KEYS,
	{ '+', OP_ADD, "+", "Ajouter (coller la clé)", UI_KEY_BAR },
	{ 'd', OP_DELETE, "d", "Retirer", UI_KEY_BAR },
	UI_KEYS_END
};

static const struct ui_key export_keys[] = {
	UI_PAGER_KEYS,
	{ 'J', OP_FORMAT, "J", "JSON ou texte", UI_KEY_BAR },
	UI_KEYS_END
};

static void	 profile_load(struct ui *, struct profile *);
static char	*profile_entry(const struct profile *, int, int);
static void	 profile_edit(struct ui *, struct profile *, int);
static void	 profile_edit_done(struct ui *, void *, const char *);
static int	 profile_territory(struct ui *, const char *, char **);
static void	 profile_pw_old(struct ui *, void *, const char *);
static void	 profile_pw_new(struct ui *, void *, const char *);
static void	 profile_pw_again(struct ui *, void *, const char *);
static void	 profile_erase_done(struct ui *, void *, const char *);
static char	*profile_mail_entry(const struct profile *, int);
static int	 profile_mail_pending(const struct profile *);
static void	 profile_mail_open(struct ui *, struct profile *, int);
static void	 profile_mail_address(struct ui *, void *, const char *);
static void	 profile_mail_code(struct ui *, void *, const char *);
static void	 pubkeys_load(struct ui *, struct pubkeys *);
static void	 pubkeys_add_done(struct ui *, void *, const char *);
static void	 pubkeys_delete_done(struct ui *, void *, const char *);
static int	 export_load(struct ui *, struct export *);

static void
profile_load(struct ui *ui, struct profile *pr)
{
	struct store_key *keys = NULL;
	int64_t me = ui_member(ui)->id;
	int rc;

	store_profile_clear(&pr->p);
	if ((rc = store_profile_get(ui_store(ui), me, me, &pr->p)) !=
	    STORE_OK) {
		memset(&pr->p, 0, sizeof(pr->p));
		ui_message(ui, "Votre profil n'a pas pu être lu : %s",
		    screen_rc_text(ui, rc, "compte introuvable."));
	}
	pr->mail_on = ui_config(ui)->mail_from[0] != '\0';
	store_mail_pref_clear(&pr->mail);
	if (store_mail_pref_get(ui_store(ui), me, &pr->mail) == STORE_ERR)
		ui_message(ui, "Vos réglages de courriel n'ont pas pu être "
		    "lus.");
	pr->nkeys = 0;
	if (store_key_list(ui_store(ui), me, &keys, &pr->nkeys) == 0)
		store_key_list_free(keys, pr->nkeys);
	if (pr->sel.n != PE_COUNT)
		ui_list_init(&pr->sel, PE_COUNT, 1);
}

/* « Fonction : Chargée de mission (visible de tout le monde) »; the value only
 * with its label when value is set. */
static char *
profile_entry(const struct profile *pr, int i, int with_value)
{
	const struct store_profile *p = &pr->p;
	const char *v;
	char *s;
	int f;

	switch (i) {
	case PE_NAME:
		xasprintf(&s, "Nom affiché : %s", p->display_name != NULL ?
		    p->display_name : "");
		return s;
	case PE_MAIL:
	case PE_DIGEST:
	case PE_PER_MESSAGE:
		return profile_mail_entry(pr, i);
	case PE_KEYS:
		xasprintf(&s, "Mes clés publiques (%zu)", pr->nkeys);
		return s;
	case PE_PASSWORD:
		return xstrdup("Changer de mot de passe");
	case PE_DISPLAY:
		return xstrdup("Affichage : jeu de caractères, cadres, mode "
		    "ligne");
	case PE_VEILLE:
		return xstrdup("Ma veille : ce que je suis");
	case PE_EXPORT:
		return xstrdup("Exporter mes données (texte ou JSON)");
	case PE_ERASE:
		return xstrdup("Effacer mon compte");
	}
	f = i - PE_FIELD;
	if (p->field[f] == NULL)
		return xstrdup(store_pfield_label(f));
	v = f == PROF_TERRITORY ? p->territory : f == PROF_ORG_TYPE ?
	    store_org_type_label(p->field[f]) : p->field[f];
	if (v == NULL)
		v = "";
	xasprintf(&s, "%s : %s%s(%s)", store_pfield_label(f),
	    with_value && v[0] != '\0' ? v : "—", " ",
	    p->hidden & (1U << f) ? "pour vous seulement" :
	    "visible de tout le monde");
	return s;
}

/* A département from a code (« 93 ») or a name (« seine-saint »). 0
 * with *code set, or -1 with a message. */
static int
profile_territory(struct ui *ui, const char *typed, char **code)
{
	struct store_departement *l = NULL;
	size_t n = 0, i, hits = 0, hit = 0;
	char *t, *name;

	*code = NULL;
	if (store_departement_list(ui_store(ui), NULL, &l, &n) != STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, STORE_ERR, NULL));
		return -1;
	}
	t = txt_fold(typed);
	for (i = 0; i < n; i++) {
		name = txt_fold(l[i].name);
		if (strcasecmp(l[i].code, typed) == 0 ||
		    strcmp(name, t) == 0) {
			hit = i;
			hits = 1;
			free(name);
			break;
		}
		if (strstr(name, t) != NULL) {
			hit = i;
			hits++;
		}
		free(name);
	}
	free(t);
	if (hits == 1)
		*code = xstrdup(l[hit].code);
	else if (hits == 0)
		ui_message(ui, "Aucun département « %s » : tapez son numéro "
		    "(69, 2A, 971) ou son nom.", typed);
	else
		ui_message(ui, "Plusieurs départements correspondent à "
		    "« %s » : précisez.", typed);
	store_departement_list_free(l, n);
	return *code != NULL ? 0 : -1;
}

static void
profile_edit_done(struct ui *ui, void *ctx, const char *answer)
{
	struct profile *pr = ctx;
	struct store *st = ui_store(ui);
	int64_t me = ui_member(ui)->id;
	char *code = NULL;
	const char *value = answer;
	int f = pr->editing - PE_FIELD, rc, t;

	if (answer == NULL)
		return;
	if (pr->editing == PE_NAME)
		rc = store_profile_set_name(st, me, answer);
	else {
		if (f == PROF_ORG_TYPE && answer[0] != '\0') {
			if ((t = store_org_type_parse(answer)) < 0) {
				ui_message(ui, "Type inconnu : collectivité, "
				    "État, opérateur, sécurité sociale, "
				    "association, entreprise ou autre.");
				return;
			}
			value = store_org_types[t].key;
		}
		if (f == PROF_TERRITORY && answer[0] != '\0') {
			if (profile_territory(ui, answer, &code) != 0)
				return;
			value = code;
		}
		rc = store_profile_set(st, me, f, value);
	}
	free(code);
	switch (rc) {
	case STORE_OK:
		ui_message(ui, "Enregistré.");
		break;
	case STORE_TOO_LONG:
		ui_message(ui, "Trop long : raccourcissez, s'il vous plaît.");
		break;
	case STORE_EMPTY:
		ui_message(ui, "Le nom affiché ne peut pas être vide.");
		break;
	case STORE_INVALID:
		ui_message(ui, "%s", store_rc_text(rc));
		break;
	default:
		ui_message(ui, "La modification n'a pas pu être enregistrée.");
		break;
	}
	profile_load(ui, pr);
}

static void
profile_edit(struct ui *ui, struct profile *pr, int entry)
{
	const struct store_profile *p = &pr->p;
	char *q;
	int f = entry - PE_FIELD;

	pr->editing = entry;
	if (entry == PE_NAME) {
		ui_prompt(ui, "Nom affiché :", p->display_name, 120,
		    profile_edit_done, pr);
		return;
	}
	if (f == PROF_ORG_TYPE)
		q = xstrdup("Type (collectivité, État, opérateur, sécurité "
		    "sociale, association, entreprise, autre) :");
	else if (f == PROF_TERRITORY)
		q = xstrdup("Département (numéro ou nom) :");
	else
		xasprintf(&q, "%s :", store_pfield_label(f));
	ui_prompt(ui, q, f == PROF_TERRITORY ? p->field[f] : f == PROF_ORG_TYPE ?
	    store_org_type_label(p->field[f]) : p->field[f],
	    f == PROF_PRESENTATION ? STORE_PRESENTATION_MAX : STORE_FIELD_MAX,
	    profile_edit_done, pr);
	free(q);
}

/* Password: the current one first (someone may have left a session
 * open), then the new one twice. */
static void
profile_pw_old(struct ui *ui, void *ctx, const char *answer)
{
	struct store_member m;
	int ok, rc;

	if (answer == NULL)
		return;
	if ((rc = store_member_by_id(ui_store(ui), ui_member(ui)->id, &m)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, NULL));
		return;
	}
	pw_init();
	ok = m.password_hash == NULL ? 1 :
	    pw_verify(m.password_hash, answer, strlen(answer));
	store_member_clear(&m);
	if (ok == -1) {
		ui_message(ui, "Le serveur est très occupé : réessayez dans "
		    "un instant.");
		return;
	}
	if (ok != 1) {
		ui_message(ui, "Mot de passe actuel incorrect : rien n'a "
		    "changé.");
		return;
	}
	ui_prompt_secret(ui, "Nouveau mot de passe :", PW_MAX_LEN,
	    profile_pw_new, ctx);
}

static void
profile_pw_new(struct ui *ui, void *ctx, const char *answer)
{
	struct profile *pr = ctx;

	if (answer == NULL)
		return;
	if (strlen(answer) < PW_MIN_LEN) {
		ui_message(ui, "Trop court : %d caractères au moins.",
		    PW_MIN_LEN);
		return;
	}
	pr->pw_new = xstrdup(answer);
	ui_prompt_secret(ui, "Le même, encore une fois :", PW_MAX_LEN,
	    profile_pw_again, ctx);
}

static void
profile_pw_again(struct ui *ui, void *ctx, const char *answer)
{
	struct profile *pr = ctx;
	char *hash = NULL;

	if (answer != NULL && pr->pw_new != NULL &&
	    strcmp(answer, pr->pw_new) == 0) {
		hash = pw_hash(answer, strlen(answer));
		if (hash != NULL && store_member_set_password(ui_store(ui),
		    ui_member(ui)->id, hash) == 0)
			ui_message(ui, "Mot de passe changé : il servira dès la "
			    "prochaine connexion.");
		else
			ui_message(ui, "Le mot de passe n'a pas pu être "
			    "changé.");
		free(hash);
	} else if (answer != NULL)
		ui_message(ui, "Les deux mots de passe diffèrent : rien n'a "
		    "changé.");
	if (pr->pw_new != NULL) {
		pw_wipe(pr->pw_new, strlen(pr->pw_new));
		free(pr->pw_new);
		pr->pw_new = NULL;
	}
}

static void
profile_erase_done(struct ui *ui, void *ctx, const char *answer)
{
	const struct store_member *me = ui_member(ui);
	int rc;

	if (answer == NULL || strcmp(answer, me->login) != 0) {
		if (answer != NULL)
			ui_message(ui, "Ce n'est pas votre identifiant : votre "
			    "compte est gardé.");
		return;
	}
	if ((rc = store_member_erase(ui_store(ui), me->id, me->id)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc,
		    "Ce compte est déjà effacé."));
		return;
	}
	log_info("compte %lld effacé à la demande du membre",
	    (long long)me->id);
	ui_quit(ui);
}

/* --- E-mail ---------------------------------------------------------------- */

/* A code waits to be typed back. */
static int
profile_mail_pending(const struct profile *pr)
{
	return pr->mail.pending != NULL && pr->mail.pending[0] != '\0' &&
	    pr->mail.pending_until > now_sec();
}

static char *
profile_mail_entry(const struct profile *pr, int i)
{
	const struct store_mail_pref *m = &pr->mail;
	char date[TXT_DATE_MAX], *s;

	if (!pr->mail_on)
		return xstrdup(i == PE_MAIL ? "Courriels : ce site n'en envoie "
		    "pas" : i == PE_DIGEST ? "Résumé par courriel : —" :
		    "Un courriel à chaque message privé : —");
	switch (i) {
	case PE_DIGEST:
		xasprintf(&s, "Résumé par courriel : %s",
		    store_digest_label(m->digest));
		return s;
	case PE_PER_MESSAGE:
		xasprintf(&s, "Un courriel à chaque message privé : %s",
		    m->per_message ? "oui" : "non");
		return s;
	}
	if (profile_mail_pending(pr))
		xasprintf(&s, "Courriels : code envoyé à %s, à taper ici",
		    m->pending);
	else if (m->address == NULL || m->address[0] == '\0')
		s = xstrdup("Courriels : aucune adresse confirmée");
	else if (m->refused_at != 0) {
		txt_date_day(date, sizeof(date), m->refused_at);
		xasprintf(&s, "Courriels : %s refusée le %s, confirmez-en "
		    "une autre", m->address, date);
	} else
		xasprintf(&s, "Courriels : %s (confirmée)", m->address);
	return s;
}

static void
profile_mail_address(struct ui *ui, void *ctx, const char *answer)
{
	struct profile *pr = ctx;
	struct store *st = ui_store(ui);
	int64_t me = ui_member(ui)->id;
	int rc;

	if (answer == NULL)
		return;
	if (answer[0] == '\0') {
		if (pr->mail.address == NULL || pr->mail.address[0] == '\0')
			return;
		if (store_mail_forget(st, me) != STORE_OK)
			ui_message(ui, "Le changement n'a pas pu être "
			    "enregistré.");
		else
			ui_message(ui, "Plus aucun courriel ne vous sera "
			    "envoyé.");
		profile_load(ui, pr);
		return;
	}
	switch ((rc = store_mail_confirm_request(st, me, answer, now_sec()))) {
	case STORE_OK:
		ui_message(ui, "Un code part vers %s dans quelques minutes : "
		    "tapez-le ici, sur la ligne « Courriels ».", answer);
		break;
	case STORE_EXISTS:
		ui_message(ui, "C'est déjà votre adresse confirmée.");
		break;
	case STORE_INVALID:
	case STORE_TOO_LONG:
		ui_message(ui, "Ce n'est pas une adresse de courriel "
		    "(nom@domaine.fr).");
		break;
	case STORE_TOO_MANY:
		ui_message(ui, "Trop de codes demandés aujourd'hui : "
		    "réessayez demain.");
		break;
	default:
		ui_message(ui, "%s", store_rc_text(rc));
		break;
	}
	profile_load(ui, pr);
}

static void
profile_mail_code(struct ui *ui, void *ctx, const char *answer)
{
	struct profile *pr = ctx;
	int rc;

	if (answer == NULL)
		return;
	if (answer[0] == '\0') {
		ui_prompt(ui, "Adresse où recevoir les courriels :",
		    pr->mail.pending, STORE_MAIL_ADDRESS_MAX,
		    profile_mail_address, pr);
		return;
	}
	switch ((rc = store_mail_confirm_check(ui_store(ui),
	    ui_member(ui)->id, answer, now_sec()))) {
	case STORE_OK:
		ui_message(ui, "Adresse confirmée : choisissez ci-dessous "
		    "ce que vous voulez recevoir.");
		break;
	case STORE_INVALID:
		ui_message(ui, "Ce n'est pas le bon code : vérifiez le "
		    "courriel reçu.");
		break;
	case STORE_TOO_MANY:
		ui_message(ui, "Trop d'essais : ce code ne vaut plus, "
		    "demandez-en un autre.");
		break;
	case STORE_TOO_LATE:
	case STORE_NOT_FOUND:
		ui_message(ui, "Ce code ne vaut plus : demandez-en un "
		    "autre.");
		break;
	default:
		ui_message(ui, "%s", store_rc_text(rc));
		break;
	}
	profile_load(ui, pr);
}

/* Entrée on one of the e-mail lines. */
static void
profile_mail_open(struct ui *ui, struct profile *pr, int entry)
{
	const struct store_mail_pref *m = &pr->mail;
	int64_t me = ui_member(ui)->id;
	int rc, next;

	if (!pr->mail_on) {
		ui_message(ui, "Ce site n'envoie pas de courriels : "
		    "l'équipe technique ne l'a pas réglé.");
		return;
	}
	if (entry == PE_MAIL) {
		if (profile_mail_pending(pr)) {
			ui_prompt(ui, "Code reçu par courriel (vide : "
			    "changer d'adresse) :", "", 32,
			    profile_mail_code, pr);
			return;
		}
		ui_prompt(ui, "Adresse où recevoir les courriels (vide : "
		    "aucune) :", m->address != NULL && m->address[0] !=
		    '\0' ? m->address : pr->p.field[PROF_EMAIL],
		    STORE_MAIL_ADDRESS_MAX, profile_mail_address, pr);
		return;
	}
	if (entry == PE_DIGEST) {
		next = m->digest == DIGEST_NEVER ? DIGEST_DAILY :
		    m->digest == DIGEST_DAILY ? DIGEST_WEEKLY : DIGEST_NEVER;
		rc = store_mail_set_digest(ui_store(ui), me, next, now_sec());
	} else {
		next = !m->per_message;
		rc = store_mail_set_per_message(ui_store(ui), me, next);
	}
	if (rc == STORE_STATE)
		ui_message(ui, "Confirmez d'abord une adresse, sur la ligne "
		    "« Courriels ».");
	else if (rc != STORE_OK)
		ui_message(ui, "%s", store_rc_text(rc));
	else if (entry == PE_DIGEST)
		ui_message(ui, "Résumé par courriel : %s.",
		    store_digest_label(next));
	else
		ui_message(ui, next ? "Un courriel vous dira qui vous a "
		    "écrit (jamais ce qu'on vous écrit)." : "Plus de courriel "
		    "à chaque message privé.");
	profile_load(ui, pr);
}

static int
profile_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct profile *pr = xcalloc(1, sizeof(*pr));

	profile_load(ui, pr);
	v->state = pr;
	ui_view_set_title(v, "Mon profil");
	return 0;
}

static void
profile_leave(struct ui *ui, struct ui_view *v)
{
	struct profile *pr = v->state;

	store_profile_clear(&pr->p);
	store_mail_pref_clear(&pr->mail);
	if (pr->pw_new != NULL) {
		pw_wipe(pr->pw_new, strlen(pr->pw_new));
		free(pr->pw_new);
	}
	free(pr);
}

static void
profile_resume(struct ui *ui, struct ui_view *v)
{
	profile_load(ui, v->state);
}

static void
profile_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct profile *pr = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	pr->inner = inner;
	ui_list_layout(&pr->sel, &inner);
}

static void
profile_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct profile *pr = arg;
	char *s = profile_entry(pr, (int)i, 1);

	ui_put(y, x + 2, w - 2, s, selected ? A_REVERSE : 0);
	free(s);
}

static void
profile_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct profile *pr = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	ui_list_draw(&pr->sel, &inner, profile_draw_item, pr);
}

static int
profile_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct profile *pr = v->state;
	int i = (int)pr->sel.sel, f = i - PE_FIELD;

	switch (op) {
	case OP_VISIBILITY:
		if (i < PE_FIELD || i >= PE_MAIL) {
			ui_message(ui, "h change qui voit un champ du profil "
			    "(le nom affiché est toujours visible).");
			return UI_HANDLED;
		}
		if (store_profile_set_hidden(ui_store(ui), ui_member(ui)->id,
		    f, !(pr->p.hidden & (1U << f))) != 0)
			ui_message(ui, "Le changement n'a pas pu être "
			    "enregistré.");
		else
			ui_message(ui, "%s : %s.", store_pfield_label(f),
			    pr->p.hidden & (1U << f) ?
			    "visible de tout le monde" :
			    "pour vous seulement, personne d'autre ne le voit");
		profile_load(ui, pr);
		return UI_HANDLED;
	case OP_OPEN:
		break;
	default:
		return ui_list_handle(&pr->sel, op, &pr->inner);
	}
	switch (i) {
	case PE_MAIL:
	case PE_DIGEST:
	case PE_PER_MESSAGE:
		profile_mail_open(ui, pr, i);
		break;
	case PE_KEYS:
		ui_push(ui, &screen_pubkeys, NULL);
		break;
	case PE_PASSWORD:
		ui_prompt_secret(ui, "Mot de passe actuel :", PW_MAX_LEN,
		    profile_pw_old, pr);
		break;
	case PE_DISPLAY:
		ui_push(ui, &screen_display, NULL);
		break;
	case PE_VEILLE:
		ui_push(ui, &screen_veille, NULL);
		break;
	case PE_EXPORT:
		ui_push(ui, &screen_export, NULL);
		break;
	case PE_ERASE:
		ui_prompt(ui, "Effacer votre compte (vos messages resteront, "
		    "signés « ancien membre ») ? Tapez votre identifiant :",
		    "", 64, profile_erase_done, pr);
		break;
	default:
		profile_edit(ui, pr, i);
		break;
	}
	return UI_HANDLED;
}

static struct ui_list *
profile_menu(struct ui_view *v)
{
	struct profile *pr = v->state;

	return &pr->sel;
}

static char *
profile_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	return profile_entry(v->state, (int)i, 1);
}

const struct ui_screen screen_profile = {
	.name = "mon profil",
	.keys = profile_keys,
	.enter = profile_enter,
	.layout = profile_layout,
	.draw = profile_draw,
	.handle = profile_handle,
	.leave = profile_leave,
	.resume = profile_resume,
	.menu = profile_menu,
	.item = profile_item,
};

/* --- Public keys ------------------------------------------------------------ */

static void
pubkeys_load(struct ui *ui, struct pubkeys *k)
{
	size_t sel = k->sel.sel;

	store_key_list_free(k->list, k->n);
	if ((k->rc = store_key_list(ui_store(ui), ui_member(ui)->id,
	    &k->list, &k->n)) != STORE_OK) {
		k->list = NULL;
		k->n = 0;
		ui_message(ui, "Vos clés n'ont pas pu être lues.");
	}
	ui_list_init(&k->sel, k->n, 2);
	k->sel.sel = sel < k->n ? sel : 0;
	ui_list_layout(&k->sel, &k->inner);
}

static void
pubkeys_add_done(struct ui *ui, void *ctx, const char *answer)
{
	struct pubkeys *pk = ctx;
	struct store_key k;
	struct pubkey p;
	const char *why = NULL;
	int rc;

	if (answer == NULL || answer[0] == '\0')
		return;
	if (pubkey_parse(answer, &p, &why) != 0) {
		ui_message(ui, "%s", why);
		return;
	}
	memset(&k, 0, sizeof(k));
	k.member_id = ui_member(ui)->id;
	k.algo = p.algo;
	k.blob = p.blob;
	k.fingerprint = p.fingerprint;
	k.comment = txt_clean(p.comment, strlen(p.comment), 0, 200, NULL);
	switch ((rc = store_key_add(ui_store(ui), &k))) {
	case STORE_OK:
		ui_message(ui, "Clé ajoutée : %s", p.fingerprint);
		break;
	case STORE_KEY_TAKEN:
		/* Whose it is stays unsaid. */
		ui_message(ui, "Cette clé est déjà enregistrée sur Palabre : "
		    "elle ne peut servir qu'à un seul compte.");
		break;
	default:
		ui_message(ui, "%s", screen_rc_text(ui, rc, NULL));
		break;
	}
	free(k.comment);
	pubkey_clear(&p);
	pubkeys_load(ui, pk);
}

static void
pubkeys_delete_done(struct ui *ui, void *ctx, const char *answer)
{
	struct pubkeys *k = ctx;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O'))
		return;
	if (store_key_delete(ui_store(ui), ui_member(ui)->id,
	    k->deleting) == 0)
		ui_message(ui, "Clé retirée : elle n'ouvre plus votre compte.");
	else
		ui_message(ui, "La clé n'a pas pu être retirée.");
	pubkeys_load(ui, k);
}

static int
pubkeys_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct pubkeys *k = xcalloc(1, sizeof(*k));

	v->state = k;
	pubkeys_load(ui, k);
	ui_view_set_title(v, "Mes clés publiques");
	return 0;
}

static void
pubkeys_leave(struct ui *ui, struct ui_view *v)
{
	struct pubkeys *k = v->state;

	store_key_list_free(k->list, k->n);
	free(k);
}

static void
pubkeys_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct pubkeys *k = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	k->inner = inner;
	ui_list_layout(&k->sel, &inner);
}

static void
pubkeys_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct pubkeys *k = arg;
	const struct store_key *key = &k->list[i];
	char date[64], *line;

	ui_put(y, x + 2, w - 2, key->fingerprint, selected ? A_REVERSE :
	    A_BOLD);
	txt_date_day(date, sizeof(date), key->created_at);
	xasprintf(&line, "%s %s — ajoutée le %s", key->algo, key->comment,
	    date);
	ui_put(y + 1, x + 4, w - 5, line, 0);
	free(line);
}

static void
pubkeys_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct pubkeys *k = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	if (k->n == 0) {
		ui_put_wrapped(r, 1, k->rc != STORE_OK ? screen_rc_text(ui,
		    k->rc, NULL) : "Aucune clé : vous vous connectez par mot "
		    "de passe. a, puis collez la ligne de votre fichier .pub "
		    "(par exemple ~/.ssh/id_ed25519.pub).", 0, 0);
		return;
	}
	ui_list_draw(&k->sel, &inner, pubkeys_draw_item, k);
}

static int
pubkeys_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct pubkeys *k = v->state;

	switch (op) {
	case OP_ADD:
		ui_prompt(ui, "Clé publique (ssh-ed25519 AAAA...) :", "",
		    PUBKEY_LINE_MAX, pubkeys_add_done, k);
		return UI_HANDLED;
	case OP_DELETE:
		if (k->n == 0) {
			ui_message(ui, "Aucune clé à retirer.");
			return UI_HANDLED;
		}
		k->deleting = k->list[k->sel.sel].id;
		ui_prompt(ui, "Retirer cette clé ? (o/n)", "", 8,
		    pubkeys_delete_done, k);
		return UI_HANDLED;
	default:
		return ui_list_handle(&k->sel, op, &k->inner);
	}
}

static struct ui_list *
pubkeys_menu(struct ui_view *v)
{
	struct pubkeys *k = v->state;

	return &k->sel;
}

static char *
pubkeys_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct pubkeys *k = v->state;
	char *s;

	xasprintf(&s, "%s (%s %s)", k->list[i].fingerprint, k->list[i].algo,
	    k->list[i].comment);
	return s;
}

const struct ui_screen screen_pubkeys = {
	.name = "clés publiques",
	.keys = pubkeys_keys,
	.enter = pubkeys_enter,
	.layout = pubkeys_layout,
	.draw = pubkeys_draw,
	.handle = pubkeys_handle,
	.leave = pubkeys_leave,
	.menu = pubkeys_menu,
	.item = pubkeys_item,
};

/* --- Export -------------------------------------------------------------------- */

static int
export_load(struct ui *ui, struct export *e)
{
	char *text = NULL;

	if (store_member_export(ui_store(ui), ui_member(ui)->id, e->json,
	    &text) != 0) {
		ui_message(ui, "L'export n'a pas pu être fait.");
		return -1;
	}
	ui_pager_free(&e->pager);
	ui_pager_init(&e->pager);
	ui_pager_add(&e->pager, TXT_BLOCK_PARA, 0, e->json ? "Vos données en "
	    "JSON (J : en texte). Sélectionnez-les dans votre terminal pour "
	    "les copier." : "Vos données (J : en JSON). Un administrateur "
	    "peut aussi vous les envoyer en fichier.", TXT_ATTR_ITALIC);
	ui_pager_add_copy(&e->pager, text);
	free(text);
	return 0;
}

static int
export_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct export *e = xcalloc(1, sizeof(*e));

	ui_pager_init(&e->pager);
	if (export_load(ui, e) != 0) {
		ui_pager_free(&e->pager);
		free(e);
		return -1;
	}
	v->state = e;
	ui_view_set_title(v, "Mes données");
	return 0;
}

static void
export_leave(struct ui *ui, struct ui_view *v)
{
	struct export *e = v->state;

	ui_pager_free(&e->pager);
	free(e);
}

static void
export_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct export *e = v->state;

	ui_pager_layout(&e->pager, r);
	ui_pager_status(&e->pager, v, r->h);
}

static void
export_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct export *e = v->state;

	ui_pager_draw(&e->pager, r);
}

static int
export_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct export *e = v->state;

	if (op == OP_FORMAT) {
		e->json = !e->json;
		export_load(ui, e);
		v->laid_out.h = 0;	/* lay out again */
		return UI_HANDLED;
	}
	if (ui_pager_handle(&e->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&e->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
export_text(struct ui_view *v)
{
	struct export *e = v->state;

	return &e->pager;
}

const struct ui_screen screen_export = {
	.name = "mes données",
	.keys = export_keys,
	.enter = export_enter,
	.layout = export_layout,
	.draw = export_draw,
	.handle = export_handle,
	.leave = export_leave,
	.text = export_text,
};
