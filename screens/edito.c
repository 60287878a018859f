/*
 * edito.c - the current editorial (l'édito), read in the pager: its title,
 * who signs it and when, then the text (Markdown).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

struct edito {
	struct ui_pager	pager;
};

static const struct ui_key edito_keys[] = {
	UI_PAGER_KEYS,
	UI_KEYS_END
};

static int
edito_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct edito *ed;
	struct store_edito e;
	char date[64], *meta;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = store_edito_current(ui_store(ui), now_sec(), &e)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Aucun édito "
		    "n'est publié pour le moment."));
		return -1;
	}
	ed = xcalloc(1, sizeof(*ed));
	ui_pager_init(&ed->pager);
	ui_pager_add(&ed->pager, TXT_BLOCK_HEADING, 1, e.title, 0);
	txt_date_long(date, sizeof(date), e.published_at);
	if (e.byline[0] != '\0')
		xasprintf(&meta, "%s, le %s", e.byline, date);
	else
		xasprintf(&meta, "Publié le %s", date);
	ui_pager_add(&ed->pager, TXT_BLOCK_PARA, 0, meta, TXT_ATTR_ITALIC);
	free(meta);
	ui_pager_add(&ed->pager, TXT_BLOCK_RULE, 0, "", 0);
	ui_pager_add_doc(&ed->pager,
	    txt_doc_from_markdown(e.body, strlen(e.body)));
	store_edito_clear(&e);
	v->state = ed;
	ui_view_set_title(v, "L'édito");
	return 0;
}

static void
edito_leave(struct ui *ui, struct ui_view *v)
{
	struct edito *ed = v->state;

	ui_pager_free(&ed->pager);
	free(ed);
}

static void
edito_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct edito *ed = v->state;

	ui_pager_layout(&ed->pager, r);
	ui_pager_status(&ed->pager, v, r->h);
}

static void
edito_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct edito *ed = v->state;

	ui_pager_draw(&ed->pager, r);
}

static int
edito_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct edito *ed = v->state;

	if (ui_pager_handle(&ed->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&ed->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
edito_text(struct ui_view *v)
{
	struct edito *ed = v->state;

	return &ed->pager;
}

const struct ui_screen screen_edito = {
	.name = "edito",
	.keys = edito_keys,
	.enter = edito_enter,
	.layout = edito_layout,
	.draw = edito_draw,
	.handle = edito_handle,
	.leave = edito_leave,
	.text = edito_text,
};
