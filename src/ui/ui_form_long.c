/*
 * ui_form_long.c - the form's long-text sub-screen: one LONG field in the
 * boards' editor (ui_editor), written back to the form as it changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_edit.h"
#include "ui/ui.h"
#include "ui/ui_form.h"
#include "ui/ui_form_private.h"
#include "ui/ui_private.h"
#include "util/util.h"

/* The long-text sub-screen's state. */
struct form_long {
	struct ui_form		*form;
	size_t			 field;
	struct ui_editor	*ed;
	struct ui_rect		 body;
};

static const struct ui_key long_keys[] = {
	{ UI_CTRL('X'), OP_LONG_DONE, "Ctrl-X", "Terminer", UI_KEY_BAR },
	{ UI_KEY_ESC, OP_LONG_DONE, "Échap", "Terminer", UI_KEY_BAR },
	{ UI_FN(KEY_HOME), OP_LONG_EDIT, "Début Fin", "Début, fin de la "
	    "ligne", 0 },
	{ UI_FN(KEY_END), OP_LONG_EDIT, NULL, NULL, 0 },
	{ UI_FN(KEY_PPAGE), OP_LONG_EDIT, "PgPréc PgSuiv", "Page "
	    "précédente, suivante", 0 },
	{ UI_FN(KEY_NPAGE), OP_LONG_EDIT, NULL, NULL, 0 },
	{ UI_CTRL('W'), OP_LONG_EDIT, "Ctrl-W", "Effacer le mot précédent",
	    0 },
	{ UI_CTRL('K'), OP_LONG_EDIT, "Ctrl-K", "Effacer jusqu'à la fin de "
	    "la ligne", 0 },
	UI_KEYS_END
};

static int	 long_enter(struct ui *, struct ui_view *, void *);
static void	 long_leave(struct ui *, struct ui_view *);
static void	 long_layout(struct ui *, struct ui_view *,
		    const struct ui_rect *);
static void	 long_draw(struct ui *, const struct ui_view *,
		    const struct ui_rect *);
static int	 long_handle(struct ui *, struct ui_view *, int, int);
static int	 long_input(struct ui *, struct ui_view *, const char *,
		    size_t);
static int	 long_tick(struct ui *, struct ui_view *);

const struct ui_screen ui_form_long_screen = {
	.name = "formulaire-texte",
	.keys = long_keys,
	.enter = long_enter,
	.layout = long_layout,
	.draw = long_draw,
	.handle = long_handle,
	.leave = long_leave,
	.input = long_input,
	.tick = long_tick,
};

/* --- The long-text sub-screen --------------------------------------------- */

static int
long_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct form_long *l = xcalloc(1, sizeof(*l));

	l->form = arg;
	l->field = l->form->cur;
	l->ed = ui_editor_new(l->form->fields[l->field].max);
	txt_edit_set(ui_editor_edit(l->ed), ui_form_value(l->form, l->field));
	txt_edit_clean(ui_editor_edit(l->ed));
	v->state = l;
	ui_view_set_title(v, l->form->fields[l->field].label);
	return 0;
}

static void
long_leave(struct ui *ui, struct ui_view *v)
{
	struct form_long *l = v->state;

	/* A hang-up lands here too: the form's owner saves the draft. */
	if (l->form->dirty)
		ui_form_save_now(ui, l->form);
	ui_editor_free(l->ed);
	free(l);
}

static void
long_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct form_long *l = v->state;
	int head = r->h >= 8 ? 2 : 1;

	l->body.y = r->y + head;
	l->body.x = r->x;
	l->body.w = r->w;
	l->body.h = r->h - head;
	ui_editor_layout(l->ed, &l->body);
}

static void
long_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct form_long *l = v->state;
	const struct ui_form_field *fi = &l->form->fields[l->field];
	int x;

	if (l->body.y - r->y >= 2)
		ui_put(r->y, r->x, r->w, fi->help != NULL ? fi->help :
		    fi->label, A_BOLD);
	for (x = 0; x < r->w; x++)
		ui_put(l->body.y - 1, r->x + x, 1, ui_glyph(UI_G_HLINE), 0);
	ui_editor_draw(ui, l->ed, &l->body, 1);
}

/* The text goes to the form as it is typed: its drafts follow. */
static void
long_sync(struct form_long *l)
{
	struct txt_edit *e = ui_editor_edit(l->ed);

	if (!txt_edit_dirty(e))
		return;
	free(l->form->values[l->field]);
	l->form->values[l->field] = xstrdup(txt_edit_text(e));
	txt_edit_clean(e);
	form_changed(l->form);
}

static int
long_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct form_long *l = v->state;
	int rc;

	switch (op) {
	case OP_LONG_DONE:
		long_sync(l);
		ui_pop(ui);
		return UI_HANDLED;
	case OP_QUIT:
	case OP_HELP:
	case OP_REDRAW:
		return UI_IGNORED;
	default:
		break;
	}
	rc = ui_editor_key(l->ed, key);
	long_sync(l);
	return rc;
}

static int
long_input(struct ui *ui, struct ui_view *v, const char *s, size_t n)
{
	struct form_long *l = v->state;
	int rc;

	rc = ui_editor_input(ui, l->ed, s, n);
	long_sync(l);
	return rc;
}

static int
long_tick(struct ui *ui, struct ui_view *v)
{
	struct form_long *l = v->state;

	return ui_form_tick(ui, l->form);
}
