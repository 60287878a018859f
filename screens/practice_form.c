/*
 * practice_form.c - « Proposer une pratique » and « Modifier la fiche »:
 * the record's fields on five pages of a form (src/ui/ui_form.c), long
 * texts in the boards' editor, the documents of the shelf it links to
 * found with the shelf's search (a SEARCH field: ids as keys).
 *
 * Nothing typed is lost: the form's values are saved as a draft (one per
 * member and record, store_practice_draft_*) two seconds after a change,
 * when the member leaves, and when the session ends (leave()); coming
 * back to the same record, or to a new one, resumes it. Ctrl-X checks
 * and sends: a new record, or an amended one, goes « à valider »; a
 * published one is updated at once (its former content kept). The
 * record and the consumption of its draft are one transaction
 * (store_draft_send): a draft never comes back once sent.
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

#define PFORM_DOCS_FOUND	30	/* search results offered at once */

static const struct ui_key form_keys[] = {
	FORM_SHELL_KEYS("Envoyer")
};

static const char *const form_pages[] = {
	"L'action", "Territoire et publics", "Dates et contact",
	"Le récit (1/2)", "Le récit (2/2) et les documents"
};

/* The form's fields in page order, and the record field of each. */
static const int form_map[PF_NFIELDS] = {
	PF_TITLE, PF_ORG, PF_ORG_TYPE, PF_PARTNERS,
	PF_DEPARTEMENT, PF_COMMUNE, PF_THEMES, PF_PUBLIC,
	PF_START, PF_END, PF_CONTACT_LOGIN, PF_CONTACT,
	PF_CONTEXT, PF_ACTIONS, PF_MEANS,
	PF_RESULTS, PF_REPRODUCE, PF_DOCS
};

struct pform {
	struct form_shell	 sh;		/* first: see form_shell.h */
	int64_t			 id;		/* 0: a new record */
	struct store		*st;		/* for the documents' hooks */
	int64_t			 member_id;
	struct ui_form_field	 fields[PF_NFIELDS];
	struct practice_options	 opts;
	char			*notice;	/* the moderator's comment */
	int64_t			 since;		/* filled from the store at */
};

static void	 pform_fields(struct pform *);
static int	 pform_save(struct ui *, void *);
static int	 pform_send(struct ui *, struct ui_view *);
static void	 pform_drop(struct ui *, struct form_shell *);
static const char *pform_problem(int, int, char *, size_t);
static int	 pform_index(int);
static struct ui_form_option *pform_docs_search(void *, const char *,
		    size_t *);
static char	*pform_doc_label(void *, const char *);

/* The form index of record field pf. */
static int
pform_index(int pf)
{
	int i;

	for (i = 0; i < PF_NFIELDS; i++)
		if (form_map[i] == pf)
			return i;
	return 0;
}

static void
pform_fields(struct pform *pf)
{
	static const char *const help[PF_NFIELDS] = {
		[PF_TITLE] = "Un titre qui dit ce que fait l'action.",
		[PF_ORG] = "La structure qui porte l'action.",
		[PF_ORG_TYPE] = "Entrée : collectivité, État, opérateur, "
		    "sécurité sociale, association...",
		[PF_PARTNERS] = "Les autres structures engagées, séparées "
		    "par des virgules.",
		[PF_DEPARTEMENT] = "Entrée : la région, puis le département.",
		[PF_COMMUNE] = "Facultatif : la commune ou le quartier.",
		[PF_THEMES] = "Entrée, puis Espace pour cocher un ou "
		    "plusieurs thèmes.",
		[PF_PUBLIC] = "Les personnes à qui l'action s'adresse.",
		[PF_START] = "« mars 2021 », « 15/03/2021 » ou « 2021 ».",
		[PF_END] = "Vide si l'action continue.",
		[PF_CONTEXT] = "La situation de départ, "
		    "les besoins repérés.",
		[PF_ACTIONS] = "Les étapes, l'organisation, "
		    "qui fait quoi.",
		[PF_MEANS] = "Équipe, budget, "
		    "financements.",
		[PF_RESULTS] = "Ce qui a changé, comment "
		    "vous l'avez mesuré.",
		[PF_REPRODUCE] = "Conditions, pièges à "
		    "éviter, conseils.",
		[PF_CONTACT_LOGIN] = "L'identifiant d'un membre du réseau "
		    "(vide s'il n'en est pas).",
		[PF_CONTACT] = "Sinon (ou en plus) : nom, téléphone, "
		    "courriel.",
		[PF_DOCS] = "Entrée : les textes de la bibliothèque liés "
		    "à l'action.",
	};
	static const int pages[PF_NFIELDS] = {
		0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4
	};
	const struct store_practice_field_info *fi;
	struct ui_form_field *f;
	int i, k;

	for (i = 0; i < PF_NFIELDS; i++) {
		k = form_map[i];
		fi = &store_practice_fields[k];
		f = &pf->fields[i];
		f->label = fi->label;
		f->help = help[k];
		f->page = pages[i];
		f->max = fi->max;
		f->required = fi->required;
		switch (k) {
		case PF_ORG_TYPE:
			f->kind = UI_FORM_CHOICE;
			f->options = pf->opts.types;
			f->noptions = pf->opts.ntypes;
			break;
		case PF_DEPARTEMENT:
			f->kind = UI_FORM_CHOICE;
			f->options = pf->opts.deps;
			f->noptions = pf->opts.ndeps;
			break;
		case PF_THEMES:
			f->kind = UI_FORM_MULTI;
			f->options = pf->opts.themes;
			f->noptions = pf->opts.nthemes;
			break;
		case PF_START:
		case PF_END:
			f->kind = UI_FORM_DATE;
			break;
		case PF_DOCS:
			f->kind = UI_FORM_SEARCH;
			f->search = pform_docs_search;
			f->key_label = pform_doc_label;
			f->empty = "Aucun document lié : + pour chercher dans "
			    "la bibliothèque (circulaire appliquée, guide "
			    "suivi, évaluation...).";
			break;
		default:
			f->kind = fi->max > 1000 ? UI_FORM_LONG : UI_FORM_TEXT;
			break;
		}
	}
}

/* The shelf's search, for the documents' field: ids as keys. */
static struct ui_form_option *
pform_docs_search(void *ctx, const char *query, size_t *n)
{
	struct pform *pf = ctx;
	struct store_doc_filter filter;
	struct store_doc *l;
	struct store_practice_doc d;
	struct ui_form_option *o;
	size_t nl, i;
	char *key, *line, *label;

	*n = 0;
	memset(&filter, 0, sizeof(filter));
	if (store_doc_search(pf->st, pf->member_id, &filter, query,
	    PFORM_DOCS_FOUND, &l, &nl) != 0 || nl == 0)
		return NULL;
	o = xcalloc(nl, sizeof(*o));
	for (i = 0; i < nl; i++) {
		d.id = l[i].id;
		d.title = l[i].title;
		d.kind = l[i].kind;
		d.published = l[i].published;
		line = store_practice_doc_line(&d);
		xasprintf(&key, "%lld", (long long)l[i].id);
		xasprintf(&label, "%s (%s)", l[i].title, line);
		free(line);
		o[i].key = key;
		o[i].label = label;
	}
	store_doc_list_free(l, nl);
	*n = nl;
	return o;
}

/* « Titre (Circulaire, 15 février 2023) », or NULL if it is gone. */
static char *
pform_doc_label(void *ctx, const char *key)
{
	struct pform *pf = ctx;
	struct store_practice_doc *l;
	size_t n;
	char *line, *s = NULL;

	if (store_practice_docs(pf->st, key, &l, &n) != 0)
		return NULL;
	if (n > 0) {
		line = store_practice_doc_line(&l[0]);
		xasprintf(&s, "%s (%s)", l[0].title, line);
		free(line);
	}
	store_practice_doc_list_free(l, n);
	return s;
}

/* The form's save hook: the draft as typed. */
static int
pform_save(struct ui *ui, void *ctx)
{
	struct pform *pf = ctx;
	const char *f[PF_NFIELDS];
	int i, rc;

	if (pf->sh.done)
		return 0;
	for (i = 0; i < PF_NFIELDS; i++)
		f[form_map[i]] = ui_form_value(pf->sh.form, (size_t)i);
	rc = store_practice_draft_save(ui_store(ui), ui_member(ui)->id,
	    pf->id, pf->since, f);
	if (rc == STORE_DRAFT_SENT)
		pf->sh.done = 1;	/* sent from another session */
	return rc;
}

static int
pform_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct pform *pf = xcalloc(1, sizeof(*pf));
	const struct store_member *me = ui_member(ui);
	struct store_viewer vw;
	struct store_practice p;
	char *draft[PF_NFIELDS], typed[TXT_DATE_MAX];
	int i, k, resumed = 0, rc = STORE_OK;

	pf->id = *(int64_t *)arg;
	pf->since = now_sec();
	pf->st = ui_store(ui);
	pf->member_id = me->id;
	ui_viewer(ui, &vw);
	memset(&p, 0, sizeof(p));
	if (pf->id != 0 && ((rc = store_practice_get(ui_store(ui), &vw,
	    pf->id, &p)) != STORE_OK || p.author_id != me->id)) {
		store_practice_clear(&p);
		free(pf);
		ui_message(ui, "%s", rc == STORE_OK ? "Seul l'auteur de la "
		    "fiche peut la modifier." : screen_rc_text(ui, rc,
		    "Cette fiche n'existe pas."));
		return -1;
	}
	/* A draft that could not be read is not replaced by an empty
	 * form (its next save would overwrite it). */
	if ((rc = store_practice_draft_find(ui_store(ui), me->id, pf->id,
	    draft)) == STORE_ERR) {
		store_practice_clear(&p);
		free(pf);
		ui_message(ui, "%s", screen_rc_text(ui, rc, NULL));
		return -1;
	}
	practice_options_load(ui, &pf->opts, 0);
	pform_fields(pf);
	pf->sh.kept = "Brouillon gardé : N dans le catalogue le reprend.";
	pf->sh.send = pform_send;
	pf->sh.drop = pform_drop;
	pf->sh.form = ui_form_new(pf->fields, PF_NFIELDS, form_pages,
	    (int)nitems(form_pages), pform_save, pf);
	if (rc == STORE_OK) {
		for (i = 0; i < PF_NFIELDS; i++) {
			ui_form_set(pf->sh.form, (size_t)i, draft[form_map[i]]);
		}
		for (i = 0; i < PF_NFIELDS; i++)
			free(draft[i]);
		resumed = 1;
	} else if (pf->id != 0) {
		for (i = 0; i < PF_NFIELDS; i++) {
			k = form_map[i];
			if (k == PF_START || k == PF_END) {
				txt_date_label(p.f[k], typed, sizeof(typed));
				ui_form_set(pf->sh.form, (size_t)i, typed);
			} else
				ui_form_set(pf->sh.form, (size_t)i, p.f[k]);
		}
	} else {
		/* A new record: the member's organisation and themselves
		 * as the contact, to change if need be. */
		ui_form_set(pf->sh.form, (size_t)pform_index(PF_ORG),
		    me->organisation != NULL ? me->organisation : "");
		ui_form_set(pf->sh.form, (size_t)pform_index(PF_CONTACT_LOGIN),
		    me->login);
	}
	if (pf->id != 0 && p.state == PRACTICE_RENVOYEE &&
	    p.comment[0] != '\0')
		xasprintf(&pf->notice, "Renvoyée pour correction par %s : "
		    "« %s »",
		    p.moderator_name, p.comment);
	pf->sh.notice = pf->notice;
	store_practice_clear(&p);
	ui_form_clean(pf->sh.form);
	ui_form_focus(pf->sh.form, 0);
	if (resumed)
		ui_message(ui, "Brouillon repris");
	v->state = pf;
	ui_view_set_title(v, pf->id == 0 ? "Proposer une pratique" :
	    "Modifier la fiche");
	return 0;
}

static void
pform_leave(struct ui *ui, struct ui_view *v)
{
	struct pform *pf = v->state;

	form_shell_leave(ui, v);
	practice_options_free(&pf->opts);
	free(pf->notice);
	free(pf);
}

/* What the store refused, in words. */
static const char *
pform_problem(int rc, int field, char *buf, size_t size)
{
	const char *label = field >= 0 && field < PF_NFIELDS ?
	    store_practice_fields[field].label : "?";

	switch (rc) {
	case STORE_TOO_MANY:
		snprintf(buf, size, "%d documents liés au plus.",
		    STORE_PRACTICE_DOCS_MAX);
		break;
	case STORE_TOO_LONG:
		snprintf(buf, size, "« %s » est trop long.", label);
		break;
	case STORE_EMPTY:
		if (field == PF_CONTACT_LOGIN)
			snprintf(buf, size, "Indiquez un contact : un membre "
			    "du réseau, ou un nom et un moyen de le joindre.");
		else
			snprintf(buf, size, "« %s » est obligatoire.", label);
		break;
	case STORE_INVALID:
		if (field == PF_CONTACT_LOGIN)
			snprintf(buf, size, "Aucun membre actif n'a "
			    "l'identifiant indiqué comme contact.");
		else if (field == PF_END)
			snprintf(buf, size, "La fin ne peut pas précéder le "
			    "début.");
		else if (field == PF_DOCS)
			snprintf(buf, size, "Un document lié n'est plus dans "
			    "la bibliothèque : retirez-le.");
		else
			snprintf(buf, size, "« %s » : valeur non reconnue.",
			    label);
		break;
	case STORE_FORBIDDEN:
		snprintf(buf, size, "Seul l'auteur de la fiche peut la "
		    "modifier.");
		break;
	default:
		snprintf(buf, size, "La fiche n'a pas pu être enregistrée : "
		    "réessayez. Votre texte est gardé.");
		break;
	}
	return buf;
}

/* What pform_store() sends. */
struct pform_out {
	struct store_viewer	 vw;
	int64_t			 id;		/* 0: a new record; then its id */
	const char		*f[PF_NFIELDS];
	int			 field;
};

/* store_draft_send()'s send(): the record, new (*id 0) or amended. */
static int
pform_store(struct store *st, void *arg, int64_t *id)
{
	struct pform_out *o = arg;
	int rc;

	*id = o->id;
	rc = store_practice_submit(st, &o->vw, id, o->f, &o->field);
	o->id = *id;
	return rc;
}

/* Check and send. 0 sent (view popped), -1 with a message. */
static int
pform_send(struct ui *ui, struct ui_view *v)
{
	struct pform *pf = v->state;
	struct store_draft_ref ref;
	struct pform_out o;
	char msg[256];
	int i, rc, was_new = pf->id == 0, published = 0;
	struct store_practice p;

	if (ui_form_validate(pf->sh.form, msg, sizeof(msg)) != -1) {
		ui_message(ui, "%s", msg);
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.field = -1;
	o.id = pf->id;
	for (i = 0; i < PF_NFIELDS; i++)
		o.f[form_map[i]] = ui_form_value(pf->sh.form, (size_t)i);
	ui_viewer(ui, &o.vw);
	memset(&ref, 0, sizeof(ref));
	ref.table = DRAFT_OF_PRACTICE;
	ref.id = pf->id;
	ref.since = pf->since;
	rc = store_draft_send(ui_store(ui), o.vw.member_id, &ref, pform_store,
	    &o);
	if (rc == STORE_DRAFT_SENT) {
		pf->sh.done = 1;
		ui_pop(ui);
		ui_message(ui, "Cette fiche a déjà été envoyée : elle ne l'est "
		    "pas une seconde fois.");
		return -1;
	}
	if (rc == -1) {
		ui_message(ui, "La fiche n'a pas pu être enregistrée (%s) : "
		    "réessayez dans un instant. Votre texte est gardé.",
		    store_fault_label(store_fault(ui_store(ui))));
		return -1;
	}
	if (rc != 0) {
		if (o.field >= 0)
			ui_form_focus(pf->sh.form, (size_t)pform_index(o.field));
		ui_message(ui, "%s", pform_problem(rc, o.field, msg,
		    sizeof(msg)));
		return -1;
	}
	if (store_practice_get(ui_store(ui), &o.vw, o.id, &p) == 0) {
		published = p.state == PRACTICE_PUBLIEE;
		store_practice_clear(&p);
	}
	pf->sh.done = 1;
	ui_pop(ui);
	if (published)
		ui_message(ui, "Fiche mise à jour : la version précédente est "
		    "gardée.");
	else
		ui_message(ui, "Fiche %s : elle attend la validation de "
		    "l'équipe de modération.", was_new ? "envoyée" :
		    "soumise à nouveau");
	return 0;
}

static void
pform_drop(struct ui *ui, struct form_shell *sh)
{
	struct pform *pf = (struct pform *)sh;

	store_practice_draft_delete(ui_store(ui), ui_member(ui)->id, pf->id);
}

const struct ui_screen screen_practice_form = {
	.name = "fiche-formulaire",
	.keys = form_keys,
	.enter = pform_enter,
	.layout = form_shell_layout,
	.draw = form_shell_draw,
	.handle = form_shell_handle,
	.leave = pform_leave,
	.input = form_shell_input,
	.tick = form_shell_tick,
	.line = form_shell_line,
};
