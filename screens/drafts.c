/*
 * drafts.c - « Brouillons »: the messages the member started and did not
 * send, newest first, with where they belong and when they were last
 * saved. Entrée resumes one (the compose screen finds the draft by its
 * context), d deletes one after a question.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

struct drafts {
	struct store_draft	*list;
	size_t			 n;
	int			 rc;		/* not STORE_OK: why the list
						 * is empty */
	struct ui_list		 sel;
	int64_t			 deleting;	/* id asked about */
	struct ui_rect		 inner;		/* the list's, last layout */
};

enum { OP_DELETE = OP_SCREEN };

static const struct ui_key drafts_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Reprendre", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Reprendre", UI_KEY_NOHELP },
	{ 'd', OP_DELETE, "d", "Supprimer", UI_KEY_BAR },
	UI_KEYS_END
};

static void	 drafts_load(struct ui *, struct drafts *);
static void	 drafts_delete_done(struct ui *, void *, const char *);

/* (Re)read the list, keeping the selection's place. */
static void
drafts_load(struct ui *ui, struct drafts *d)
{
	size_t sel = d->sel.sel;

	store_draft_list_free(d->list, d->n);
	d->list = NULL;
	d->n = 0;
	if ((d->rc = store_draft_list(ui_store(ui), ui_member(ui)->id,
	    &d->list, &d->n)) != STORE_OK) {
		d->list = NULL;
		d->n = 0;
		ui_message(ui, "Les brouillons n'ont pas pu être lus.");
	}
	ui_list_init(&d->sel, d->n, 2);
	d->sel.sel = sel < d->n ? sel : (d->n > 0 ? d->n - 1 : 0);
	ui_list_layout(&d->sel, &d->inner);
}

static int
drafts_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct drafts *d = xcalloc(1, sizeof(*d));

	drafts_load(ui, d);
	v->state = d;
	ui_view_set_title(v, "Brouillons");
	return 0;
}

static void
drafts_leave(struct ui *ui, struct ui_view *v)
{
	struct drafts *d = v->state;

	store_draft_list_free(d->list, d->n);
	free(d);
}

/* Back from compose: a draft may have been sent or deleted. */
static void
drafts_resume(struct ui *ui, struct ui_view *v)
{
	struct drafts *d = v->state;

	drafts_load(ui, d);
}

static void
drafts_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct drafts *d = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	d->inner = inner;
	ui_list_layout(&d->sel, &inner);
}

static void
drafts_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct drafts *d = arg;
	const struct store_draft *dr = &d->list[i];
	char date[64], *line;
	const char *text = dr->title != NULL && dr->title[0] != '\0' ?
	    dr->title : dr->body;

	ui_put(y, x + 2, w - 2, dr->context != NULL ? dr->context : "",
	    selected ? A_REVERSE : A_BOLD);
	txt_date_list(date, sizeof(date), dr->updated_at, now_sec());
	xasprintf(&line, "%s : %s", date, text != NULL ? text : "");
	ui_put(y + 1, x + 4, w - 5, line, 0);
	free(line);
}

static void
drafts_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct drafts *d = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	if (d->n == 0) {
		ui_put_wrapped(r, 1, d->rc != STORE_OK ? screen_rc_text(ui,
		    d->rc, NULL) : "Aucun brouillon : tout ce que vous avez "
		    "écrit a été envoyé.", 0, 0);
		return;
	}
	ui_list_draw(&d->sel, &inner, drafts_draw_item, d);
}

static void
drafts_delete_done(struct ui *ui, void *ctx, const char *answer)
{
	struct drafts *d = ctx;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O'))
		return;
	if (store_draft_delete(ui_store(ui), ui_member(ui)->id,
	    d->deleting) == 0)
		ui_message(ui, "Brouillon supprimé.");
	else
		ui_message(ui, "Le brouillon n'a pas pu être supprimé.");
	drafts_load(ui, d);
}

static int
drafts_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct drafts *d = v->state;
	struct ui_rect inner = { v->laid_out.y + 1, v->laid_out.x,
	    v->laid_out.h - 1, v->laid_out.w };
	struct compose_arg a;
	const struct store_draft *dr;

	if ((op == OP_OPEN || op == OP_DELETE) && d->n == 0) {
		ui_message(ui, "Aucun brouillon.");
		return UI_HANDLED;
	}
	switch (op) {
	case OP_OPEN:
		dr = &d->list[d->sel.sel];
		memset(&a, 0, sizeof(a));
		a.kind = dr->kind;
		a.board_id = dr->board_id;
		a.target_id = dr->target_id;
		if (a.kind == DRAFT_THREAD && a.board_id < 0)
			a.doc_id = -a.board_id;
		if (a.kind == DRAFT_REPLY && a.target_id < 0)
			a.practice_id = -a.target_id;
		ui_push(ui, &screen_compose, &a);
		return UI_HANDLED;
	case OP_DELETE:
		d->deleting = d->list[d->sel.sel].id;
		ui_prompt(ui, "Supprimer ce brouillon ? (o/n)", "", 8,
		    drafts_delete_done, d);
		return UI_HANDLED;
	default:
		return ui_list_handle(&d->sel, op, &inner);
	}
}

static struct ui_list *
drafts_menu(struct ui_view *v)
{
	struct drafts *d = v->state;

	return &d->sel;
}

static char *
drafts_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct drafts *d = v->state;
	char date[64], *s;

	txt_date_list(date, sizeof(date), d->list[i].updated_at, now_sec());
	xasprintf(&s, "%s (%s)", d->list[i].context != NULL ?
	    d->list[i].context : "", date);
	return s;
}

const struct ui_screen screen_drafts = {
	.name = "brouillons",
	.keys = drafts_keys,
	.enter = drafts_enter,
	.layout = drafts_layout,
	.draw = drafts_draw,
	.handle = drafts_handle,
	.leave = drafts_leave,
	.resume = drafts_resume,
	.menu = drafts_menu,
	.item = drafts_item,
};
