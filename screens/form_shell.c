/*
 * form_shell.c - the one shell of the form screens that keep a draft
 * (screens/practice_form.c, screens/event_form.c): see form_shell.h.
 * Nothing typed is lost: the form saves its draft two seconds after a
 * change (its tick), when the member leaves and when the session ends.
 */
#include <stddef.h>
#include <stdlib.h>

#include <curses.h>

#include "screens/form_shell.h"
#include "store/store.h"

/* The view's state begins with its shell. */
static struct form_shell *
shell(const struct ui_view *v)
{
	return v->state;
}

void
form_shell_leave(struct ui *ui, struct ui_view *v)
{
	struct form_shell *sh = shell(v);

	/* A hang-up lands here too: keep what was typed. */
	if (!sh->done && ui_form_dirty(sh->form))
		ui_form_save_now(ui, sh->form);
	ui_form_free(sh->form);
	sh->form = NULL;
}

void
form_shell_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct form_shell *sh = shell(v);
	int skip = sh->notice != NULL && r->h >= 12 ? 2 : 0;

	(void)ui;
	sh->area = *r;
	sh->area.y += skip;
	sh->area.h -= skip;
	ui_form_layout(sh->form, &sh->area);
}

void
form_shell_draw(struct ui *ui, const struct ui_view *v,
    const struct ui_rect *r)
{
	const struct form_shell *sh = shell(v);

	if (sh->area.y > r->y)
		ui_put(r->y, r->x, r->w, sh->notice, A_BOLD);
	ui_form_draw(ui, sh->form, &sh->area);
}

static void
form_shell_leave_done(struct ui *ui, void *ctx, const char *answer)
{
	struct form_shell *sh = ctx;
	const char *kept;

	if (answer == NULL)
		return;
	if (answer[0] == 'o' || answer[0] == 'O') {
		if (ui_form_save_now(ui, sh->form) == -1) {
			ui_message(ui, "Le brouillon n'a pas pu être "
			    "enregistré (%s) : votre texte est toujours là.",
			    store_fault_label(store_fault(ui_store(ui))));
			return;
		}
		sh->done = 1;
		kept = sh->kept;
		ui_pop(ui);	/* frees sh */
		ui_message(ui, "%s", kept);
	} else if (answer[0] == 'n' || answer[0] == 'N') {
		sh->drop(ui, sh);
		sh->done = 1;
		ui_pop(ui);
		ui_message(ui, "Brouillon supprimé.");
	} else
		ui_message(ui, "Répondez o (garder) ou n (supprimer).");
}

int
form_shell_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct form_shell *sh = shell(v);

	switch (op) {
	case FORM_SHELL_OP_SEND:
		sh->send(ui, v);
		return UI_HANDLED;
	case FORM_SHELL_OP_LEAVE:
	case OP_QUIT:
		ui_prompt(ui, "Garder le brouillon ? (o/n)", "", 8,
		    form_shell_leave_done, sh);
		return UI_HANDLED;
	case OP_HELP:
	case OP_REDRAW:
		return UI_IGNORED;
	default:
		break;
	}
	if (ui_form_handle(ui, sh->form, op, key) == UI_HANDLED)
		return UI_HANDLED;
	/* ← on a choice is not « back »: nothing to leave by mistake. */
	return op == OP_BACK ? UI_HANDLED : UI_IGNORED;
}

int
form_shell_input(struct ui *ui, struct ui_view *v, const char *s, size_t n)
{
	return ui_form_input(ui, shell(v)->form, s, n);
}

int
form_shell_tick(struct ui *ui, struct ui_view *v)
{
	struct form_shell *sh = shell(v);

	return sh->done ? -1 : ui_form_tick(ui, sh->form);
}

/* Line mode: the questions one by one, then send or leave. */
void
form_shell_line(struct ui *ui, struct ui_view *v)
{
	struct form_shell *sh = shell(v);
	const char *kept;
	int r;

	r = ui_form_line(ui, sh->form, sh->notice);
	if (r == UI_FORM_LINE_SEND) {
		/* On failure the message says what to fix; the questions
		 * go on. */
		sh->send(ui, v);
		return;
	}
	if (r == UI_FORM_LINE_LEAVE) {
		ui_form_save_now(ui, sh->form);
		sh->done = 1;
		kept = sh->kept;
		ui_pop(ui);	/* frees sh */
		ui_message(ui, "%s", kept);
	}
}
