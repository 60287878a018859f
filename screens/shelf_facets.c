/*
 * shelf_facets.c - « Par thème », « Par nature », « Par émetteur »: the
 * themes (or kinds, or issuers) that have documents, each with its
 * count; Entrée lists its documents, newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

struct facets {
	int			 which;		/* enum store_doc_facet_kind */
	struct store_doc_facet	*list;
	size_t			 n;
	struct ui_list		 ui;
};

enum { OP_FIND = OP_SCREEN };

static const struct ui_key facets_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Voir les documents", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Voir les documents",
	    UI_KEY_NOHELP },
	{ '/', OP_FIND, "/", "Rechercher", UI_KEY_BAR },
	UI_KEYS_END
};

static const char *facets_titles[] = {
	[DOC_FACET_THEME] = "Par thème",
	[DOC_FACET_KIND] = "Par nature",
	[DOC_FACET_ISSUER] = "Par émetteur",
};

static int
facets_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct facets *f = xcalloc(1, sizeof(*f));
	int rc;

	f->which = *(int *)arg;
	if ((rc = store_doc_facets(ui_store(ui), f->which, &f->list,
	    &f->n)) != STORE_OK || f->n == 0) {
		/* Empty because of an error is not « vide ». */
		ui_message(ui, "%s", rc != STORE_OK ? screen_rc_text(ui, rc,
		    NULL) : "La bibliothèque est vide pour le moment.");
		store_doc_facet_list_free(f->list, f->n);
		free(f);
		return -1;
	}
	ui_list_init(&f->ui, f->n, 1);
	v->state = f;
	ui_view_set_title(v, facets_titles[f->which]);
	return 0;
}

static void
facets_leave(struct ui *ui, struct ui_view *v)
{
	struct facets *f = v->state;

	store_doc_facet_list_free(f->list, f->n);
	free(f);
}

static void
facets_status(struct ui_view *v)
{
	struct facets *f = v->state;
	char pos[32];

	ui_list_position(&f->ui, pos, sizeof(pos));
	ui_view_set_status(v, "%s", pos);
}

static void
facets_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct facets *f = v->state;

	ui_list_layout(&f->ui, r);
	facets_status(v);
}

static void
facets_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct facets *f = arg;
	char count[24];
	int cw;

	snprintf(count, sizeof(count), "%lld", (long long)f->list[i].n);
	cw = (int)txt_width(count);
	ui_put(y, x + w - cw, cw, count, 0);
	ui_put(y, x + 2, w - cw - 3, f->list[i].label, selected ? A_REVERSE :
	    0);
}

static void
facets_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct facets *f = v->state;

	ui_list_draw(&f->ui, r, facets_draw_item, f);
}

static int
facets_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct facets *f = v->state;
	struct store_doc_facet *e = &f->list[f->ui.sel];
	struct store_doc_filter flt;
	struct docs_arg a;

	memset(&flt, 0, sizeof(flt));
	if (op == OP_FIND) {
		shelf_search_prompt(ui, &flt);
		return UI_HANDLED;
	}
	if (op != OP_OPEN) {
		if (ui_list_handle(&f->ui, op, &v->laid_out) == UI_IGNORED)
			return UI_IGNORED;
		facets_status(v);
		return UI_HANDLED;
	}
	if (f->which == DOC_FACET_THEME)
		flt.theme = e->key;
	else if (f->which == DOC_FACET_KIND)
		flt.kind = store_doc_kind_parse(e->key) + 1;
	else
		flt.issuer = e->key;
	a.filter = &flt;
	a.title = e->label;
	a.query = NULL;
	ui_push(ui, &screen_docs, &a);
	return UI_HANDLED;
}

static struct ui_list *
facets_menu(struct ui_view *v)
{
	struct facets *f = v->state;

	return &f->ui;
}

static char *
facets_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct facets *f = v->state;
	char *s;

	xasprintf(&s, "%s (%lld)", f->list[i].label, (long long)f->list[i].n);
	return s;
}

const struct ui_screen screen_shelf_facets = {
	.name = "bibliotheque-choix",
	.keys = facets_keys,
	.enter = facets_enter,
	.layout = facets_layout,
	.draw = facets_draw,
	.handle = facets_handle,
	.leave = facets_leave,
	.menu = facets_menu,
	.item = facets_item,
};
