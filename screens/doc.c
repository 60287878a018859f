/*
 * doc.c - one document of the shelf in the pager: its title, its record
 * (nature, émetteur, date, référence, statut, thèmes, public, résumé),
 * then its text with its headings and articles. ] and [ move from one
 * heading (article, chapter...) to the next; / finds words in the text,
 * highlighted, n and N go from one to the next; s keeps the document in
 * « ma sélection »; c comments on it (the first comment opens its thread
 * on the board SHELF_BOARD), d opens that discussion; curators edit the
 * record with e. « Pratiques liées » lists the published records of the
 * practice catalogue that link to the document; p opens one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "files/files.h"
#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_import.h"
#include "util/util.h"

struct docview {
	int64_t		 id;
	struct store_doc doc;
	struct ui_pager	 pager;
	int64_t		 stamp;		/* doc.updated_at when loaded */
	struct store_practice_item *practices;	/* linking to it */
	size_t		 npractices;
	struct ui_form_option *pick;	/* offered by p, while chosen */
	size_t		 npick;
	char		*find;		/* from a search: shown once laid out */
};

/* What doc_open() hands to doc_enter(). */
struct doc_arg {
	int64_t		 id;
	const char	*find;
};

enum {
	OP_NEXT_HEAD = OP_SCREEN,
	OP_PREV_HEAD,
	OP_FIND,
	OP_FIND_NEXT,
	OP_FIND_PREV,
	OP_PICK,
	OP_COMMENT,
	OP_DISCUSS,
	OP_EDIT,
	OP_REPLACED,
	OP_PRACTICE
};

static const struct ui_key doc_keys[] = {
	UI_PAGER_KEYS,
	{ ']', OP_NEXT_HEAD, "] [", "Article (titre) suivant, précédent",
	    UI_KEY_BAR },
	{ '[', OP_PREV_HEAD, NULL, NULL, 0 },
	{ '/', OP_FIND, "/", "Rechercher dans le texte", UI_KEY_BAR },
	{ 'n', OP_FIND_NEXT, "n p", "Occurrence suivante, précédente", 0 },
	{ 'p', OP_FIND_PREV, NULL, NULL, 0 },
	{ 's', OP_PICK, "s", "Ajouter à ma sélection, ou l'en retirer",
	    UI_KEY_BAR },
	{ 'C', OP_COMMENT, "C", "Commenter", UI_KEY_BAR },
	VEILLE_KEY,
	{ 'f', OP_DISCUSS, "f", "Fil de discussion du document", 0 },
	{ 'e', OP_EDIT, "e", "Modifier la fiche (documentalistes)", 0 },
	{ '>', OP_REPLACED, ">", "Suivant : le texte qui le remplace", 0 },
	{ 'l', OP_PRACTICE, "l", "Lien : ouvrir une pratique liée", 0 },
	UI_KEYS_END
};

static int	 doc_load(struct ui *, struct docview *);
static void	 doc_meta(struct ui_pager *, const char *, const char *);
static void	 doc_find_done(struct ui *, void *, const char *);
static void	 doc_comment(struct ui *, struct docview *);
static void	 doc_practices(struct ui *, struct docview *);
static void	 doc_fetch(struct ui *, struct docview *);
static void	 doc_practice_open(struct ui *, struct docview *);
static void	 doc_practice_picked(struct ui *, void *, const char *);

/* One line of the record: « Émetteur : ... » (nothing if empty). */
static void
doc_meta(struct ui_pager *p, const char *name, const char *value)
{
	char *s;

	if (value == NULL || value[0] == '\0')
		return;
	xasprintf(&s, "%s : %s", name, value);
	ui_pager_add_item(p, "", s);
	free(s);
}

/* « Fichier original »: the exact command that fetches it over SFTP
 * (files/files.h), to copy from the screen. */
static void
doc_fetch(struct ui *ui, struct docview *dv)
{
	const struct store_doc *d = &dv->doc;
	char *path, *cmd, *s;

	if (d->file_sha256 == NULL || d->file_type == NULL)
		return;
	ui_pager_add(&dv->pager, TXT_BLOCK_PARA, 0, "Fichier original",
	    TXT_ATTR_BOLD);
	xasprintf(&s, "Le %s d'origine se télécharge par SFTP ; dans un "
	    "terminal :", strcmp(d->file_type, "pdf") == 0 ? "PDF" :
	    strcmp(d->file_type, "md") == 0 ? "fichier Markdown" :
	    "fichier texte");
	ui_pager_add(&dv->pager, TXT_BLOCK_PARA, 0, s, 0);
	free(s);
	path = files_doc_path(d->id, d->kind, d->published, d->title,
	    d->file_type);
	cmd = files_fetch_command(ui_config(ui), ui_member(ui)->login, path);
	ui_pager_add_copy(&dv->pager, cmd);
	free(cmd);
	free(path);
}

/* « Pratiques liées »: the published records linking to it. */
static void
doc_practices(struct ui *ui, struct docview *dv)
{
	const struct store_practice_item *it;
	size_t i;
	char *s;

	if (store_practice_by_doc(ui_store(ui), dv->id, &dv->practices,
	    &dv->npractices) != 0 || dv->npractices == 0)
		return;
	ui_pager_add(&dv->pager, TXT_BLOCK_PARA, 0, "Pratiques liées",
	    TXT_ATTR_BOLD);
	for (i = 0; i < dv->npractices; i++) {
		it = &dv->practices[i];
		xasprintf(&s, "%s — %s, %s %s", it->title, it->org,
		    it->departement, it->departement_name);
		ui_pager_add_item(&dv->pager, "•", s);
		free(s);
	}
	ui_pager_add(&dv->pager, TXT_BLOCK_PARA, 0, dv->npractices > 1 ?
	    "Des fiches du catalogue des pratiques renvoient à ce texte : l "
	    "pour en lire une." : "Une fiche du catalogue des pratiques "
	    "renvoie à ce texte : l pour la lire.", TXT_ATTR_ITALIC);
}

/* p: the record linking to it, or a choice among them. */
static void
doc_practice_open(struct ui *ui, struct docview *dv)
{
	const struct store_practice_item *it;
	size_t i;
	int64_t id;

	if (dv->npractices == 0) {
		ui_message(ui, "Aucune fiche du catalogue des pratiques ne "
		    "renvoie à ce document.");
		return;
	}
	if (dv->npractices == 1) {
		id = dv->practices[0].id;
		ui_push(ui, &screen_practice, &id);
		return;
	}
	ui_form_options_free(dv->pick, dv->npick);
	dv->pick = xcalloc(dv->npractices, sizeof(*dv->pick));
	dv->npick = dv->npractices;
	for (i = 0; i < dv->npractices; i++) {
		char *key, *label;

		it = &dv->practices[i];
		xasprintf(&key, "%lld", (long long)it->id);
		xasprintf(&label, "%s (%s %s)", it->title, it->departement,
		    it->departement_name);
		dv->pick[i].key = key;
		dv->pick[i].label = label;
	}
	ui_pick(ui, "Pratiques liées", dv->pick, dv->npick, 0, "",
	    doc_practice_picked, dv);
}

static void
doc_practice_picked(struct ui *ui, void *ctx, const char *key)
{
	int64_t id;

	if (key == NULL)
		return;
	id = strtoll(key, NULL, 10);
	ui_push(ui, &screen_practice, &id);
}

/* Read the document and lay out its record and text. */
static int
doc_load(struct ui *ui, struct docview *dv)
{
	struct store_doc *d = &dv->doc;
	struct buf b;
	char date[48], *s;
	size_t i;
	int rc;

	store_doc_clear(d);
	store_practice_item_list_free(dv->practices, dv->npractices);
	dv->practices = NULL;
	dv->npractices = 0;
	ui_pager_free(&dv->pager);
	ui_pager_init(&dv->pager);
	rc = store_doc_get(ui_store(ui), ui_member(ui)->id, dv->id, d);
	if (rc != STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc,
		    "Ce document n'existe pas."));
		return -1;
	}
	dv->stamp = d->updated_at;
	ui_pager_add(&dv->pager, TXT_BLOCK_HEADING, 1, d->title, 0);
	doc_meta(&dv->pager, "Nature", store_doc_kind_label(d->kind));
	doc_meta(&dv->pager, "Émetteur", d->issuer);
	txt_date_label(d->published, date, sizeof(date));
	doc_meta(&dv->pager, "Date", date);
	doc_meta(&dv->pager, "Référence", d->reference);
	if (d->status == DOC_REMPLACE && d->replaced_title != NULL) {
		xasprintf(&s, "remplacé par « %s » (touche >)",
		    d->replaced_title);
		doc_meta(&dv->pager, "Statut", s);
		free(s);
	} else
		doc_meta(&dv->pager, "Statut",
		    store_doc_status_label(d->status));
	buf_init(&b);
	for (i = 0; i < d->nthemes; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", d->theme_labels[i]);
	buf_add(&b, "", 1);
	doc_meta(&dv->pager, "Thèmes", b.data);
	buf_free(&b);
	doc_meta(&dv->pager, "Public", d->audience);
	doc_meta(&dv->pager, "Dans ma sélection", d->picked ? "oui" : "");
	if (d->summary[0] != '\0') {
		ui_pager_add(&dv->pager, TXT_BLOCK_PARA, 0, "Résumé",
		    TXT_ATTR_BOLD);
		ui_pager_add(&dv->pager, TXT_BLOCK_QUOTE, 1, d->summary, 0);
	}
	doc_practices(ui, dv);
	doc_fetch(ui, dv);
	ui_pager_add(&dv->pager, TXT_BLOCK_RULE, 0, "", 0);
	ui_pager_body(&dv->pager);
	ui_pager_add_doc(&dv->pager, txt_doc_from_markdown(d->body,
	    strlen(d->body)));
	return 0;
}

static int
doc_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct docview *dv = xcalloc(1, sizeof(*dv));
	const struct doc_arg *a = arg;

	dv->id = a->id;
	ui_pager_init(&dv->pager);
	if (doc_load(ui, dv) == -1) {
		ui_pager_free(&dv->pager);
		store_doc_clear(&dv->doc);
		store_practice_item_list_free(dv->practices, dv->npractices);
		free(dv);
		return -1;
	}
	v->state = dv;
	ui_view_set_title(v, dv->doc.title);
	if (a->find != NULL && a->find[0] != '\0')
		dv->find = xstrdup(a->find);
	return 0;
}

int
doc_open(struct ui *ui, int64_t id, const char *find)
{
	struct doc_arg a;
	char *word = NULL;
	size_t len;

	/* A search's first word, without its « * » or quotes: the pager
	 * looks for one text (ignoring case and accents). */
	if (find != NULL) {
		find += strspn(find, " \"*");
		len = strcspn(find, " \"*");
		word = len > 0 ? xstrndup(find, len) : NULL;
	}
	a.id = id;
	a.find = word;
	if (ui_push(ui, &screen_doc, &a) != 0) {
		free(word);
		return -1;
	}
	free(word);
	return 0;
}

static void
doc_leave(struct ui *ui, struct ui_view *v)
{
	struct docview *dv = v->state;

	ui_pager_free(&dv->pager);
	store_doc_clear(&dv->doc);
	store_practice_item_list_free(dv->practices, dv->npractices);
	ui_form_options_free(dv->pick, dv->npick);
	free(dv->find);
	free(dv);
}

static void
doc_status(struct docview *dv, struct ui_view *v)
{
	char pos[64];

	ui_pager_position(&dv->pager, v->laid_out.h, pos, sizeof(pos));
	if (dv->pager.nmarks > 0)
		ui_view_set_status(v, "« %s » %zu/%zu · %s", dv->pager.find,
		    dv->pager.cur + 1, dv->pager.nmarks, pos);
	else
		ui_view_set_status(v, "%s", pos);
}

static void
doc_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct docview *dv = v->state;
	size_t n;

	ui_pager_layout(&dv->pager, r);
	v->laid_out = *r;
	/* Opened from a search: its words highlighted, the first shown. */
	if (dv->find != NULL) {
		n = ui_pager_find(&dv->pager, dv->find, r);
		if (n > 0)
			ui_message(ui, "« %s » : %zu occurrence%s "
			    "surlignée%s, n pour la suivante.", dv->find, n,
			    n > 1 ? "s" : "", n > 1 ? "s" : "");
		free(dv->find);
		dv->find = NULL;
	}
	doc_status(dv, v);
}

static void
doc_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct docview *dv = v->state;

	ui_pager_draw(&dv->pager, r);
}

/* Back from the form or a comment: read it again if it changed, at the
 * same place. */
static void
doc_resume(struct ui *ui, struct ui_view *v)
{
	struct docview *dv = v->state;
	int64_t updated, thread, first;
	size_t top = dv->pager.top;
	char *find;

	if (store_doc_stamp(ui_store(ui), dv->id, &updated, &thread,
	    &first) != 0)
		return;
	if (updated == dv->stamp && thread == dv->doc.thread_id)
		return;
	find = dv->pager.find != NULL ? xstrdup(dv->pager.find) : NULL;
	if (doc_load(ui, dv) == 0) {
		ui_view_set_title(v, dv->doc.title);
		ui_pager_layout(&dv->pager, &v->laid_out);
		dv->pager.top = top;
		ui_pager_layout(&dv->pager, &v->laid_out);
		if (find != NULL)
			ui_pager_find(&dv->pager, find, &v->laid_out);
		doc_status(dv, v);
	}
	free(find);
}

static void
doc_find_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct docview *dv = v->state;
	size_t n;

	if (text == NULL)
		return;
	n = ui_pager_find(&dv->pager, text, &v->laid_out);
	if (text[strspn(text, " ")] == '\0')
		ui_message(ui, "Recherche effacée.");
	else if (n == 0)
		ui_message(ui, "« %s » n'est pas dans ce document.", text);
	else
		ui_message(ui, "%zu occurrence%s de « %s » : n pour la "
		    "suivante.", n, n > 1 ? "s" : "", text);
	doc_status(dv, v);
}

/* c: the first comment opens the thread, later ones answer it. */
static void
doc_comment(struct ui *ui, struct docview *dv)
{
	struct store_viewer vw;
	struct store_board b;
	struct compose_arg a;
	int64_t updated, thread, first;

	ui_viewer(ui, &vw);
	memset(&b, 0, sizeof(b));
	memset(&a, 0, sizeof(a));
	if (store_doc_stamp(ui_store(ui), dv->id, &updated, &thread,
	    &first) != 0)
		return;
	if (first != 0) {
		a.kind = DRAFT_REPLY;
		a.target_id = first;
		ui_push(ui, &screen_compose, &a);
		return;
	}
	if (store_board_by_key(ui_store(ui), &vw, SHELF_BOARD, &b) != 0 ||
	    b.archived_at != 0) {
		ui_message(ui, "Les discussions de la bibliothèque ne sont pas "
		    "ouvertes sur ce site.");
		store_board_clear(&b);
		return;
	}
	/* Its draft is kept apart from the board's new threads. */
	a.kind = DRAFT_THREAD;
	a.board_id = -dv->id;
	a.doc_id = dv->id;
	store_board_clear(&b);
	ui_push(ui, &screen_compose, &a);
}

/* S: its kind (« les circulaires »), its issuer, its themes. */
static void
doc_follow(struct ui *ui, const struct store_doc *d)
{
	struct veille_set s;
	size_t i;

	memset(&s, 0, sizeof(s));
	veille_set_add(&s, FOLLOW_DOC_KIND, 0, store_doc_kind_key(d->kind),
	    store_doc_kind_label(d->kind));
	if (d->issuer != NULL && d->issuer[0] != '\0')
		veille_set_add(&s, FOLLOW_ISSUER, 0, d->issuer, d->issuer);
	for (i = 0; i < d->nthemes; i++)
		veille_set_add(&s, FOLLOW_THEME, 0, d->themes[i],
		    d->theme_labels[i]);
	veille_set_choose(ui, &s);
}

static int
doc_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct docview *dv = v->state;
	struct store_doc *d = &dv->doc;
	int64_t id;
	size_t idx;

	switch (op) {
	case OP_VEILLE:
		doc_follow(ui, d);
		return UI_HANDLED;
	case OP_NEXT_HEAD:
	case OP_PREV_HEAD:
		if (!ui_pager_seek_block(&dv->pager, TXT_BLOCK_HEADING,
		    op == OP_NEXT_HEAD ? 1 : -1, &v->laid_out))
			ui_message(ui, op == OP_NEXT_HEAD ? "Pas d'autre "
			    "article plus loin." : "Pas d'article avant.");
		break;
	case OP_FIND:
		ui_prompt(ui, "Chercher dans le texte : ", dv->pager.find !=
		    NULL ? dv->pager.find : "", 200, doc_find_done, v);
		return UI_HANDLED;
	case OP_FIND_NEXT:
	case OP_FIND_PREV:
		if (!ui_pager_find_next(&dv->pager, op == OP_FIND_NEXT ? 1 : -1,
		    &v->laid_out, &idx))
			ui_message(ui, "Pas de recherche en cours : / pour "
			    "chercher.");
		break;
	case OP_PICK:
		if (store_doc_pick(ui_store(ui), ui_member(ui)->id, dv->id,
		    !d->picked) != 0) {
			ui_message(ui, "La sélection n'a pas pu être changée.");
			return UI_HANDLED;
		}
		ui_message(ui, d->picked ? "Retiré de votre sélection." :
		    "Ajouté à votre sélection.");
		d->picked = !d->picked;
		return UI_HANDLED;
	case OP_COMMENT:
		doc_comment(ui, dv);
		return UI_HANDLED;
	case OP_DISCUSS:
		if (d->thread_id == 0) {
			ui_message(ui, "Pas encore de discussion : C pour "
			    "écrire le premier commentaire.");
			return UI_HANDLED;
		}
		id = d->thread_id;
		ui_push(ui, &screen_thread, &id);
		return UI_HANDLED;
	case OP_EDIT:
		if (!store_doc_can_curate(ui_member(ui)->role)) {
			ui_message(ui, "Réservé aux documentalistes.");
			return UI_HANDLED;
		}
		shelf_form_start(ui, dv->id);
		return UI_HANDLED;
	case OP_PRACTICE:
		doc_practice_open(ui, dv);
		return UI_HANDLED;
	case OP_REPLACED:
		if (d->replaced_by == 0) {
			ui_message(ui, "Ce texte n'est remplacé par aucun autre.");
			return UI_HANDLED;
		}
		doc_open(ui, d->replaced_by, NULL);
		return UI_HANDLED;
	default:
		if (ui_pager_handle(&dv->pager, op, &v->laid_out) ==
		    UI_IGNORED)
			return UI_IGNORED;
		break;
	}
	doc_status(dv, v);
	return UI_HANDLED;
}

static struct ui_pager *
doc_text(struct ui_view *v)
{
	struct docview *dv = v->state;

	return &dv->pager;
}

const struct ui_screen screen_doc = {
	.name = "document",
	.keys = doc_keys,
	.enter = doc_enter,
	.layout = doc_layout,
	.draw = doc_draw,
	.handle = doc_handle,
	.leave = doc_leave,
	.resume = doc_resume,
	.text = doc_text,
};
