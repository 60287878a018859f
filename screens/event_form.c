/*
 * event_form.c - « Nouvelle journée » and « Modifier la journée »: an
 * exchange day's fields on four pages of a form (src/ui/ui_form.c), the
 * presentation in the boards' editor, the themes chosen from a list.
 *
 * As in the catalogue's form, nothing typed is lost: the values are
 * saved as a draft (store_event_draft_*, one per member and day) two
 * seconds after a change, when the member leaves and when the session
 * ends. Ctrl-X checks and saves; a new day opens its follow-up thread on
 * the board « journees » (conf/boards.d/journees.conf). A new day must
 * be in the future: past days come from « palabre admin event add ».
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/form_shell.h"
#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#define EVENT_BOARD	"journees"

static const struct ui_key eform_keys[] = {
	FORM_SHELL_KEYS("Enregistrer")
};

static const char *const eform_pages[] = {
	"Date et horaires", "Lieu et places", "Public et liens",
	"Présentation"
};

/* The page of each field (enum store_event_field order). */
static const int eform_page[EF_NFIELDS] = {
	[EF_TITLE] = 0, [EF_DATE] = 0, [EF_START] = 0, [EF_END] = 0,
	[EF_PLACE] = 1, [EF_LINK] = 1, [EF_CAPACITY] = 1, [EF_DEADLINE] = 1,
	[EF_AUDIENCE] = 2, [EF_THEMES] = 2, [EF_DOCS] = 2,
	[EF_PRACTICES] = 2, [EF_DESCRIPTION] = 3,
};

static const char *const eform_help[EF_NFIELDS] = {
	[EF_TITLE] = "Ce que la journée propose, en quelques mots.",
	[EF_DATE] = "« 12 juin 2025 » ou « 12/06/2025 » : le jour de la "
	    "journée.",
	[EF_START] = "« 9 h 30 » ou « 9:30 », heure de Paris.",
	[EF_END] = "« 17 h » ou « 17:00 », le même jour.",
	[EF_PLACE] = "Adresse complète, la ville en dernier ; vide en ligne.",
	[EF_LINK] = "Pour une session à distance : le lien de connexion.",
	[EF_CAPACITY] = "Un nombre ; vide : sans limite. Au-delà : liste "
	    "d'attente.",
	[EF_DEADLINE] = "« 10 juin 2025 » ; vide : jusqu'au début de la "
	    "journée.",
	[EF_AUDIENCE] = "À qui s'adresse la journée.",
	[EF_THEMES] = "Entrée, puis Espace pour cocher un ou plusieurs "
	    "thèmes.",
	[EF_DOCS] = "Numéros de documents de la bibliothèque, séparés par "
	    "des espaces.",
	[EF_PRACTICES] = "Numéros de fiches publiées du catalogue.",
	[EF_DESCRIPTION] = "Le programme, les intervenants, ce qu'il faut "
	    "apporter.",
};

struct eform {
	struct form_shell	 sh;		/* first: see form_shell.h */
	int64_t			 id;		/* 0: a new day */
	struct ui_form_field	 fields[EF_NFIELDS];
	struct practice_options	 opts;
	int64_t			 since;		/* filled from the store at */
};

static int	 eform_save(struct ui *, void *);
static int	 eform_send(struct ui *, struct ui_view *);
static void	 eform_drop(struct ui *, struct form_shell *);
static const char *eform_problem(int, int, char *, size_t);
static int	 eform_in_past(const struct eform *);

static int
eform_save(struct ui *ui, void *ctx)
{
	struct eform *ef = ctx;
	const char *f[EF_NFIELDS];
	int i, rc;

	if (ef->sh.done)
		return 0;
	for (i = 0; i < EF_NFIELDS; i++)
		f[i] = ui_form_value(ef->sh.form, (size_t)i);
	rc = store_event_draft_save(ui_store(ui), ui_member(ui)->id, ef->id,
	    ef->since, f);
	if (rc == STORE_DRAFT_SENT)
		ef->sh.done = 1;	/* sent from another session */
	return rc;
}

/* What eform_store() sends. */
struct eform_out {
	struct store_viewer	 vw;
	int64_t			 id;		/* 0: a new event; then its id */
	const char		*f[EF_NFIELDS];
	int			 field;
};

/* store_draft_send()'s send(): the event, new or changed. */
static int
eform_store(struct store *st, void *arg, int64_t *id)
{
	struct eform_out *o = arg;
	int rc;

	*id = o->id;
	rc = store_event_submit(st, &o->vw, id, o->f, EVENT_BOARD,
	    &o->field);
	o->id = *id;
	return rc;
}

static int
eform_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct eform *ef = xcalloc(1, sizeof(*ef));
	const struct store_member *me = ui_member(ui);
	const struct store_event_field_info *fi;
	struct store_viewer vw;
	struct store_event e;
	char *f[EF_NFIELDS];
	int i, resumed = 0, rc = STORE_OK;

	ef->id = *(int64_t *)arg;
	ef->since = now_sec();
	ui_viewer(ui, &vw);
	memset(&e, 0, sizeof(e));
	if (ef->id == 0 && !store_event_can_create(me->role)) {
		free(ef);
		ui_message(ui, "Les journées sont créées par les "
		    "organisateurs et l'équipe du réseau.");
		return -1;
	}
	if (ef->id != 0 && ((rc = store_event_get(ui_store(ui), me->id,
	    ef->id, &e)) != STORE_OK || !store_event_can_manage(&vw, &e))) {
		store_event_clear(&e);
		free(ef);
		ui_message(ui, "%s", rc == STORE_OK ? "Seul l'organisateur de "
		    "la journée la modifie." : screen_rc_text(ui, rc,
		    "Cette journée n'existe pas."));
		return -1;
	}
	/* A draft that could not be read is not replaced by an empty
	 * form (its next save would overwrite it). */
	if ((rc = store_event_draft_find(ui_store(ui), me->id, ef->id,
	    f)) == STORE_ERR) {
		store_event_clear(&e);
		free(ef);
		ui_message(ui, "%s", screen_rc_text(ui, rc, NULL));
		return -1;
	}
	practice_options_load(ui, &ef->opts, 0);
	for (i = 0; i < EF_NFIELDS; i++) {
		fi = &store_event_fields[i];
		ef->fields[i].label = fi->label;
		ef->fields[i].help = eform_help[i];
		ef->fields[i].page = eform_page[i];
		ef->fields[i].max = fi->max;
		ef->fields[i].required = fi->required;
		ef->fields[i].kind = fi->multiline ? UI_FORM_LONG :
		    UI_FORM_TEXT;
	}
	ef->fields[EF_THEMES].kind = UI_FORM_MULTI;
	ef->fields[EF_THEMES].options = ef->opts.themes;
	ef->fields[EF_THEMES].noptions = ef->opts.nthemes;
	ef->sh.kept = "Brouillon gardé : il sera repris la prochaine fois.";
	ef->sh.send = eform_send;
	ef->sh.drop = eform_drop;
	ef->sh.form = ui_form_new(ef->fields, EF_NFIELDS, eform_pages,
	    (int)nitems(eform_pages), eform_save, ef);
	if (rc == STORE_OK)
		resumed = 1;
	else if (ef->id != 0)
		store_event_fields_of(&e, f);
	else
		memset(f, 0, sizeof(f));
	for (i = 0; i < EF_NFIELDS; i++) {
		if (f[i] != NULL)
			ui_form_set(ef->sh.form, (size_t)i, f[i]);
		free(f[i]);
	}
	store_event_clear(&e);
	ui_form_clean(ef->sh.form);
	ui_form_focus(ef->sh.form, 0);
	if (resumed)
		ui_message(ui, "Brouillon repris");
	v->state = ef;
	ui_view_set_title(v, ef->id == 0 ? "Nouvelle journée d'échanges" :
	    "Modifier la journée");
	return 0;
}

static void
eform_leave(struct ui *ui, struct ui_view *v)
{
	struct eform *ef = v->state;

	form_shell_leave(ui, v);
	practice_options_free(&ef->opts);
	free(ef);
}

static const char *
eform_problem(int rc, int field, char *buf, size_t size)
{
	const char *label = field >= 0 && field < EF_NFIELDS ?
	    store_event_fields[field].label : "?";

	switch (rc) {
	case STORE_TOO_LONG:
		snprintf(buf, size, "« %s » est trop long.", label);
		break;
	case STORE_EMPTY:
		if (field == EF_PLACE)
			snprintf(buf, size, "Indiquez le lieu, ou le lien "
			    "d'une session à distance.");
		else
			snprintf(buf, size, "« %s » est obligatoire.", label);
		break;
	case STORE_INVALID:
		if (field == EF_END)
			snprintf(buf, size, "La fin doit suivre le début "
			    "(le même jour).");
		else if (field == EF_DEADLINE)
			snprintf(buf, size, "La clôture des inscriptions : "
			    "un jour, au plus tard celui de la journée.");
		else if (field == EF_DOCS || field == EF_PRACTICES)
			snprintf(buf, size, "« %s » : un numéro ne correspond "
			    "à rien de publié.", label);
		else
			snprintf(buf, size, "« %s » : valeur non reconnue.",
			    label);
		break;
	case STORE_FORBIDDEN:
		snprintf(buf, size, "Seul l'organisateur de la journée la "
		    "modifie.");
		break;
	default:
		snprintf(buf, size, "La journée n'a pas pu être enregistrée : "
		    "réessayez. Votre texte est gardé.");
		break;
	}
	return buf;
}

/* 1 if the date and start typed are already past. */
static int
eform_in_past(const struct eform *ef)
{
	int y, m, d, h, mi;

	if (txt_date_parse_day(ui_form_value(ef->sh.form, EF_DATE), &y, &m,
	    &d) != 0 || txt_date_parse_hour(ui_form_value(ef->sh.form,
	    EF_START), &h, &mi) != 0)
		return 0;	/* the store says what is wrong */
	return txt_date_paris(y, m, d, h, mi) <= now_sec();
}

/* Check and save. 0 saved (view popped), -1 with a message. */
static int
eform_send(struct ui *ui, struct ui_view *v)
{
	struct eform *ef = v->state;
	struct store_draft_ref ref;
	struct eform_out o;
	char msg[256];
	int64_t id;
	int i, rc, was_new = ef->id == 0;

	if (ui_form_validate(ef->sh.form, msg, sizeof(msg)) != -1) {
		ui_message(ui, "%s", msg);
		return -1;
	}
	if (ef->id == 0 && eform_in_past(ef)) {
		ui_form_focus(ef->sh.form, EF_DATE);
		ui_message(ui, "Cette date est passée : une nouvelle journée "
		    "se tient dans le futur.");
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.field = -1;
	o.id = ef->id;
	for (i = 0; i < EF_NFIELDS; i++)
		o.f[i] = ui_form_value(ef->sh.form, (size_t)i);
	ui_viewer(ui, &o.vw);
	memset(&ref, 0, sizeof(ref));
	ref.table = DRAFT_OF_EVENT;
	ref.id = ef->id;
	ref.since = ef->since;
	rc = store_draft_send(ui_store(ui), o.vw.member_id, &ref, eform_store,
	    &o);
	if (rc == STORE_DRAFT_SENT) {
		ef->sh.done = 1;
		ui_pop(ui);
		ui_message(ui, "Cette journée a déjà été envoyée : elle ne "
		    "l'est pas une seconde fois.");
		return -1;
	}
	if (rc == -1) {
		ui_message(ui, "La journée n'a pas pu être enregistrée (%s) : "
		    "réessayez dans un instant. Votre texte est gardé.",
		    store_fault_label(store_fault(ui_store(ui))));
		return -1;
	}
	if (rc != 0) {
		if (o.field >= 0)
			ui_form_focus(ef->sh.form, (size_t)o.field);
		ui_message(ui, "%s", eform_problem(rc, o.field, msg,
		    sizeof(msg)));
		return -1;
	}
	id = o.id;
	ef->sh.done = 1;
	ui_pop(ui);		/* frees ef */
	if (was_new) {
		ui_push(ui, &screen_event, &id);
		ui_message(ui, "Journée n° %lld créée, avec son fil sur les "
		    "forums.", (long long)id);
	} else
		ui_message(ui, "Journée modifiée.");
	return 0;
}

static void
eform_drop(struct ui *ui, struct form_shell *sh)
{
	struct eform *ef = (struct eform *)sh;

	store_event_draft_delete(ui_store(ui), ui_member(ui)->id, ef->id);
}

const struct ui_screen screen_event_form = {
	.name = "journee-formulaire",
	.keys = eform_keys,
	.enter = eform_enter,
	.layout = form_shell_layout,
	.draw = form_shell_draw,
	.handle = form_shell_handle,
	.leave = eform_leave,
	.input = form_shell_input,
	.tick = form_shell_tick,
	.line = form_shell_line,
};
