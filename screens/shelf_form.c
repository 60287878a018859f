/*
 * shelf_form.c - the curators' form for a document's record: one
 * question after the other on the status line (usable at 40x12 and in
 * line mode alike), each starting from the current value, so Entrée
 * keeps it. A value the shelf cannot take (an unknown kind, theme,
 * date) is said and asked again; Échap at any question drops the whole
 * form; the last answer saves the record in one go.
 *
 * The same questions publish a file dropped into /depot/ over SFTP
 * (« À classer », shelf_form_publish): the answers become the record of
 * a new document whose text and original come from the drop
 * (store_doc_inbox_publish, which saves as an import does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_import.h"
#include "util/util.h"

enum form_step { S_TITLE, S_KIND, S_ISSUER, S_DATE, S_REF, S_STATUS,
	S_THEMES, S_AUDIENCE, S_SUMMARY, S_COUNT };

struct form {
	int64_t		 id;
	int64_t		 inbox_id;	/* publishing a drop; 0: editing */
	struct store_doc doc;
	int		 step;
	char		*replaced_ref;	/* « remplacé par » as typed */
};

static const char *form_questions[S_COUNT] = {
	[S_TITLE] = "Titre : ",
	[S_KIND] = "Nature (circulaire, décret, étude...) : ",
	[S_ISSUER] = "Émetteur : ",
	[S_DATE] = "Date (AAAA-MM-JJ) : ",
	[S_REF] = "Référence (NOR, ELI, URL) : ",
	[S_STATUS] = "Statut (en vigueur, abrogé, remplacé par RÉF) : ",
	[S_THEMES] = "Thèmes (clés ou noms, séparés par des virgules) : ",
	[S_AUDIENCE] = "Public : ",
	[S_SUMMARY] = "Résumé : ",
};

static void	 form_ask(struct ui *, struct form *);
static void	 form_done(struct ui *, void *, const char *);
static int	 form_take(struct ui *, struct form *, const char *);
static int	 form_themes(struct ui *, struct form *, const char *);
static char	*form_initial(struct ui *, const struct form *);
static void	 form_save(struct ui *, struct form *);
static void	 form_free(struct form *);

static void
form_free(struct form *f)
{
	store_doc_clear(&f->doc);
	free(f->replaced_ref);
	free(f);
}

/* The current value of the step's field, as the member would type it. */
static char *
form_initial(struct ui *ui, const struct form *f)
{
	const struct store_doc *d = &f->doc;
	struct store_doc r;
	struct buf b;
	size_t i;

	switch (f->step) {
	case S_TITLE:
		return xstrdup(d->title);
	case S_KIND:
		return xstrdup(store_doc_kind_label(d->kind));
	case S_ISSUER:
		return xstrdup(d->issuer);
	case S_DATE:
		return xstrdup(d->published);
	case S_REF:
		return xstrdup(d->reference);
	case S_STATUS:
		if (d->status != DOC_REMPLACE)
			return xstrdup(store_doc_status_label(d->status));
		memset(&r, 0, sizeof(r));
		buf_init(&b);
		if (store_doc_get(ui_store(ui), 0, d->replaced_by, &r) == 0 &&
		    r.reference[0] != '\0')
			buf_printf(&b, "remplacé par %s", r.reference);
		else
			buf_printf(&b, "remplacé par n° %lld",
			    (long long)d->replaced_by);
		store_doc_clear(&r);
		return buf_detach(&b);
	case S_THEMES:
		buf_init(&b);
		for (i = 0; i < d->nthemes; i++)
			buf_printf(&b, "%s%s", i > 0 ? ", " : "", d->themes[i]);
		buf_add(&b, "", 1);
		return buf_detach(&b);
	case S_AUDIENCE:
		return xstrdup(d->audience);
	default:
		return xstrdup(d->summary);
	}
}

static void
form_ask(struct ui *ui, struct form *f)
{
	char *initial = form_initial(ui, f);

	ui_prompt(ui, form_questions[f->step], initial, f->step == S_SUMMARY ?
	    STORE_DOC_SUMMARY_MAX : STORE_DOC_TITLE_MAX, form_done, f);
	free(initial);
}

/* Theme keys or labels into the record: 0, or -1 (said). */
static int
form_themes(struct ui *ui, struct form *f, const char *text)
{
	struct store_theme *t = NULL;
	size_t nt = 0, i, n = 0;
	char *copy, *tok, *save = NULL, *name, *fo, *lf, *keys[32];
	int rc = 0;

	if (store_theme_list(ui_store(ui), &t, &nt) != 0)
		return -1;
	copy = xstrdup(text);
	for (tok = strtok_r(copy, ",;", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",;", &save)) {
		name = txt_clean(tok, strlen(tok), 0, 0, NULL);
		fo = txt_fold(name);
		for (i = 0; i < nt; i++) {
			lf = txt_fold(t[i].label);
			if (strcmp(fo, t[i].key) == 0 || strcmp(fo, lf) == 0) {
				free(lf);
				break;
			}
			free(lf);
		}
		if (name[0] != '\0' && i == nt) {
			ui_message(ui, "Thème inconnu « %s ».", name);
			rc = -1;
		} else if (name[0] != '\0' && n < 32)
			keys[n++] = t[i].key;
		free(fo);
		free(name);
	}
	if (rc == 0)
		store_doc_set_themes(&f->doc, keys, n);
	free(copy);
	store_theme_list_free(t, nt);
	return rc;
}

/* Take the answer to the current step: 0, or -1 to ask again. */
static int
form_take(struct ui *ui, struct form *f, const char *text)
{
	struct store_doc *d = &f->doc;
	char date[11], *fo;
	int k, rc;

	switch (f->step) {
	case S_TITLE:
		if (text[0] == '\0') {
			ui_message(ui, "Un document a toujours un titre.");
			return -1;
		}
		free(d->title);
		d->title = xstrdup(text);
		return 0;
	case S_KIND:
		if ((k = store_doc_kind_parse(text)) == -1) {
			ui_message(ui, "Nature inconnue « %s » : loi, décret, "
			    "arrêté, circulaire, note, étude, rapport, "
			    "guide...", text);
			return -1;
		}
		d->kind = k;
		return 0;
	case S_ISSUER:
		free(d->issuer);
		d->issuer = xstrdup(text);
		return 0;
	case S_DATE:
		if (text[0] != '\0' && txt_date_parse(text, date) == -1) {
			ui_message(ui, "Date illisible « %s » : 2024-03-12 ou "
			    "12/03/2024.", text);
			return -1;
		}
		free(d->published);
		d->published = xstrdup(text[0] != '\0' ? date : "");
		return 0;
	case S_REF:
		free(d->reference);
		d->reference = xstrdup(text);
		return 0;
	case S_STATUS:
		fo = txt_fold(text);
		if (strncmp(fo, "remplace par ", 13) == 0) {
			const char *ref = text + strlen("remplacé par ");
			int64_t id = 0;

			free(fo);
			if (strncmp(ref, "n° ", 4) == 0)
				id = strtoll(ref + 4, NULL, 10);
			else if ((rc = store_doc_by_ref(ui_store(ui), ref,
			    &id)) == STORE_ERR) {
				ui_message(ui, "%s", screen_rc_text(ui, rc,
				    NULL));
				return -1;
			} else if (rc != STORE_OK)
				id = 0;
			if (id <= 0 || id == f->id) {
				ui_message(ui, "Aucun autre document de la "
				    "bibliothèque n'a la référence « %s ».",
				    ref);
				return -1;
			}
			d->status = DOC_REMPLACE;
			d->replaced_by = id;
			return 0;
		}
		free(fo);
		if ((k = store_doc_status_parse(text)) == -1 ||
		    k == DOC_REMPLACE) {
			ui_message(ui, "Statut : « en vigueur », « abrogé » ou "
			    "« remplacé par » suivi de la référence.");
			return -1;
		}
		d->status = k;
		d->replaced_by = 0;
		return 0;
	case S_THEMES:
		return form_themes(ui, f, text);
	case S_AUDIENCE:
		free(d->audience);
		d->audience = xstrdup(text);
		return 0;
	default:
		free(d->summary);
		d->summary = xstrdup(text);
		return 0;
	}
}

static void
form_save(struct ui *ui, struct form *f)
{
	int64_t other = 0;
	int rc, outcome = 0;

	if (f->inbox_id != 0)
		rc = store_doc_inbox_publish(ui_store(ui), ui_member(ui)->id,
		    f->inbox_id, &f->doc, &outcome, &other);
	else
		rc = store_doc_update_meta(ui_store(ui), ui_member(ui)->id,
		    &f->doc);
	switch (rc) {
	case STORE_OK:
		if (f->inbox_id != 0)
			ui_message(ui, outcome ? "Document mis à jour dans la "
			    "bibliothèque." : "Document publié dans la "
			    "bibliothèque.");
		else
			ui_message(ui, "Fiche du document enregistrée.");
		break;
	case STORE_TAKEN:
		ui_message(ui, "Cette référence est déjà celle d'un autre "
		    "document : rien n'est changé.");
		break;
	default:
		if (f->inbox_id != 0 && rc == STORE_STATE)
			ui_message(ui, "Ce fichier n'est plus à classer.");
		else
			ui_message(ui, "%s", store_rc_text(rc));
		break;
	}
}

static void
form_done(struct ui *ui, void *ctx, const char *text)
{
	struct form *f = ctx;

	if (text == NULL) {
		ui_message(ui, f->inbox_id != 0 ? "Publication abandonnée : "
		    "le fichier reste à classer." : "Modification abandonnée : "
		    "rien n'est changé.");
		form_free(f);
		return;
	}
	if (form_take(ui, f, text) == 0 && ++f->step == S_COUNT) {
		form_save(ui, f);
		form_free(f);
		return;
	}
	form_ask(ui, f);
}

void
shelf_form_start(struct ui *ui, int64_t doc_id)
{
	struct form *f = xcalloc(1, sizeof(*f));
	int rc;

	if ((rc = store_doc_get(ui_store(ui), 0, doc_id, &f->doc)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc,
		    "Ce document n'existe pas."));
		form_free(f);
		return;
	}
	/* The body stays as it is: only the record changes. */
	free(f->doc.body);
	f->doc.body = NULL;
	f->id = doc_id;
	form_ask(ui, f);
}

void
shelf_form_publish(struct ui *ui, int64_t inbox_id, const char *name)
{
	struct form *f = xcalloc(1, sizeof(*f));
	const char *dot = strrchr(name, '.');

	f->inbox_id = inbox_id;
	/* The file's name, without its extension, as the first title. */
	f->doc.title = xstrndup(name, dot != NULL && dot != name ?
	    (size_t)(dot - name) : strlen(name));
	f->doc.kind = DOC_AUTRE;
	f->doc.issuer = xstrdup("");
	f->doc.published = xstrdup("");
	f->doc.reference = xstrdup("");
	f->doc.audience = xstrdup("");
	f->doc.summary = xstrdup("");
	f->doc.status = DOC_EN_VIGUEUR;
	form_ask(ui, f);
}
