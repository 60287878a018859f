/*
 * docs.c - a list of documents of the shelf (a theme, a kind, an issuer,
 * what is new, « ma sélection », everything), or the results of a
 * search with the words found in context. Two rows per document when
 * there is room: its title (« + » before it if it is in the member's
 * selection), then its kind, date, issuer and status, or the snippet.
 * / searches within what is listed; v keeps only the texts in force.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

#define DOCS_LIST_MAX	1000	/* documents listed at once */
#define DOCS_HITS_MAX	200	/* search results */

struct docs {
	struct store_doc_filter	 filter;	/* owned strings */
	char			*title;
	char			*query;		/* NULL: a list */
	struct store_doc	*list;
	size_t			 n;
	int			 rc;		/* not STORE_OK: the list is
						 * empty for that reason */
	int64_t			 total;		/* matching, for a list */
	struct ui_list		 ui;
};

enum { OP_FIND = OP_SCREEN, OP_PICK, OP_IN_FORCE };

static const struct ui_key docs_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire", UI_KEY_NOHELP },
	{ '/', OP_FIND, "/", "Rechercher", UI_KEY_BAR },
	{ 's', OP_PICK, "s", "Ajouter à ma sélection, ou l'en retirer",
	    UI_KEY_BAR },
	{ 'v', OP_IN_FORCE, "v", "Vue : seulement les textes en vigueur, "
	    "ou tous",
	    0 },
	UI_KEYS_END
};

static int	 docs_load(struct ui *, struct docs *);
static void	 docs_snippets(struct ui *, struct docs *,
		    const struct ui_rect *);

/* (Re)load; the selection stays on the same document. 0, or -1 with a
 * message (nothing found). */
static int
docs_load(struct ui *ui, struct docs *d)
{
	struct store *st = ui_store(ui);
	int64_t sel = d->n > 0 ? d->list[d->ui.sel].id : 0, me;
	size_t i;
	int rc;

	me = ui_member(ui)->id;
	store_doc_list_free(d->list, d->n);
	d->list = NULL;
	d->n = 0;
	d->rc = STORE_OK;
	if (d->query != NULL)
		rc = store_doc_search(st, me, &d->filter, d->query,
		    DOCS_HITS_MAX, &d->list, &d->n);
	else {
		rc = store_doc_list(st, me, &d->filter, 0, DOCS_LIST_MAX,
		    &d->list, &d->n);
		if (rc == 0)
			store_doc_list_count(st, me, &d->filter, &d->total);
	}
	if (rc == STORE_EMPTY) {
		ui_message(ui, "Tapez au moins un mot à chercher.");
		return -1;
	}
	if ((d->rc = rc) != STORE_OK) {
		ui_message(ui, "La bibliothèque est illisible : réessayez.");
		return -1;
	}
	ui_list_init(&d->ui, d->n, d->ui.rows_per_item > 0 ?
	    d->ui.rows_per_item : 2);
	for (i = 0; i < d->n; i++)
		if (d->list[i].id == sel)
			d->ui.sel = i;
	return 0;
}

/* The snippets of the results on screen: the others are cut when they
 * come into view (a page of ten, not two hundred). */
static void
docs_snippets(struct ui *ui, struct docs *d, const struct ui_rect *r)
{
	size_t vis;

	if (d->query == NULL || d->n == 0 || d->ui.top >= d->n)
		return;
	vis = r->h > 0 ? (size_t)r->h / (size_t)d->ui.rows_per_item + 1 : 1;
	if (vis > d->n - d->ui.top)
		vis = d->n - d->ui.top;
	store_doc_snippets(ui_store(ui), d->query, d->list + d->ui.top, vis);
}

static int
docs_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	const struct docs_arg *a = arg;
	struct docs *d = xcalloc(1, sizeof(*d));

	shelf_filter_copy(&d->filter, a->filter);
	d->title = xstrdup(a->title);
	d->query = a->query != NULL ? xstrdup(a->query) : NULL;
	if (docs_load(ui, d) == -1 || (d->n == 0 && d->query != NULL)) {
		if (d->n == 0 && d->query != NULL)
			ui_message(ui, "Aucun document ne contient « %s ».",
			    d->query);
		store_doc_list_free(d->list, d->n);
		shelf_filter_clear(&d->filter);
		free(d->title);
		free(d->query);
		free(d);
		return -1;
	}
	v->state = d;
	ui_view_set_title(v, d->title);
	return 0;
}

static void
docs_leave(struct ui *ui, struct ui_view *v)
{
	struct docs *d = v->state;

	store_doc_list_free(d->list, d->n);
	shelf_filter_clear(&d->filter);
	free(d->title);
	free(d->query);
	free(d);
}

static void
docs_status(struct ui_view *v)
{
	struct docs *d = v->state;
	char pos[32];
	const char *force = d->filter.status == DOC_EN_VIGUEUR + 1 ?
	    " · en vigueur" : "";

	ui_list_position(&d->ui, pos, sizeof(pos));
	if (d->query != NULL)
		ui_view_set_status(v, "« %s »%s : %s", d->query, force, pos);
	else if (d->total > (int64_t)d->n)
		ui_view_set_status(v, "%zu premiers sur %lld%s : %s", d->n,
		    (long long)d->total, force, pos);
	else
		ui_view_set_status(v, "%s%s", pos, force);
}

static void
docs_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct docs *d = v->state;

	d->ui.rows_per_item = r->h >= 8 ? 2 : 1;
	ui_list_layout(&d->ui, r);
	docs_snippets(ui, d, r);
	docs_status(v);
}

static void
docs_draw_item(int y, int x, int w, size_t i, int selected, const void *arg)
{
	const struct docs *d = arg;
	const struct store_doc *doc = &d->list[i];
	char *line;

	ui_put(y, x + 1, 1, doc->picked ? "+" : " ", A_BOLD);
	ui_put(y, x + 2, w - 2, doc->title, selected ? A_REVERSE : A_BOLD);
	if (d->ui.rows_per_item != 2)
		return;
	if (doc->snippet != NULL && doc->snippet[0] != '\0')
		forum_put_marked(y + 1, x + 4, w - 4, doc->snippet);
	else {
		line = shelf_doc_line(doc);
		ui_put(y + 1, x + 4, w - 4, line, 0);
		free(line);
	}
}

static void
docs_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct docs *d = v->state;

	if (d->n == 0 && d->rc != STORE_OK)
		ui_put_wrapped(r, 1, screen_rc_text(ui, d->rc, NULL), 0, 1);
	else if (d->n == 0) {
		ui_put_wrapped(r, 1, d->filter.picked_by != 0 ? "Votre "
		    "sélection est vide. Sur un document, la touche s l'y "
		    "ajoute." : "Aucun document ici pour le moment.", 0, 1);
	}
	if (d->n == 0)
		return;
	ui_list_draw(&d->ui, r, docs_draw_item, d);
}

static void
docs_resume(struct ui *ui, struct ui_view *v)
{
	struct docs *d = v->state;

	if (docs_load(ui, d) == 0) {
		ui_list_layout(&d->ui, &v->laid_out);
		docs_snippets(ui, d, &v->laid_out);
		docs_status(v);
	}
}

static int
docs_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct docs *d = v->state;
	struct store_doc *doc = d->n > 0 ? &d->list[d->ui.sel] : NULL;

	switch (op) {
	case OP_OPEN:
		if (doc != NULL)
			doc_open(ui, doc->id, d->query);
		return UI_HANDLED;
	case OP_FIND:
		shelf_search_prompt(ui, &d->filter);
		return UI_HANDLED;
	case OP_PICK:
		if (doc == NULL)
			return UI_HANDLED;
		if (store_doc_pick(ui_store(ui), ui_member(ui)->id, doc->id,
		    !doc->picked) != 0) {
			ui_message(ui, "La sélection n'a pas pu être changée.");
			return UI_HANDLED;
		}
		ui_message(ui, doc->picked ? "Retiré de votre sélection." :
		    "Ajouté à votre sélection.");
		doc->picked = !doc->picked;
		if (d->filter.picked_by != 0)
			docs_resume(ui, v);
		return UI_HANDLED;
	case OP_IN_FORCE:
		d->filter.status = d->filter.status == 0 ?
		    DOC_EN_VIGUEUR + 1 : 0;
		docs_resume(ui, v);
		ui_message(ui, d->filter.status != 0 ? "Seulement les textes "
		    "en vigueur." : "Tous les textes, abrogés et remplacés "
		    "compris.");
		return UI_HANDLED;
	}
	if (ui_list_handle(&d->ui, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	docs_snippets(ui, d, &v->laid_out);
	docs_status(v);
	return UI_HANDLED;
}

static struct ui_list *
docs_menu(struct ui_view *v)
{
	struct docs *d = v->state;

	return &d->ui;
}

static char *
docs_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	struct docs *d = v->state;
	const struct store_doc *doc = &d->list[i];
	char *line, *s;

	if (d->query != NULL)	/* line mode: the entries it lists */
		store_doc_snippets(ui_store(ui), d->query, &d->list[i], 1);
	line = shelf_doc_line(doc);
	xasprintf(&s, "%s%s (%s)%s%s", doc->picked ? "+ " : "", doc->title,
	    line, doc->snippet != NULL ? " : " : "",
	    doc->snippet != NULL ? doc->snippet : "");
	free(line);
	return s;
}

const struct ui_screen screen_docs = {
	.name = "documents",
	.keys = docs_keys,
	.enter = docs_enter,
	.layout = docs_layout,
	.draw = docs_draw,
	.handle = docs_handle,
	.leave = docs_leave,
	.resume = docs_resume,
	.menu = docs_menu,
	.item = docs_item,
};
