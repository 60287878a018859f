/*
 * display.c - « Affichage »: the member chooses the character set their
 * terminal shows (UTF-8, Latin-9, Latin-1, CP850, ASCII), each shown with
 * a line of French as it would appear, and whether frames are drawn with
 * lines or with + - |, and line mode (numbered menus, no cursor moves).
 * The choice applies at once (the session re-encodes from the next byte)
 * and is remembered for the next visits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "text/txt.h"
#include "util/util.h"

#define DISPLAY_SAMPLE	"Noël, l'œuvre « à l'été », 20 € — ça va…"
#define DISPLAY_LINES	TXT_CS_COUNT	/* the item after the charsets */
#define DISPLAY_MODE	(TXT_CS_COUNT + 1)	/* then line mode */

struct display {
	struct ui_list	list;
};

static const struct ui_key display_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Appliquer", UI_KEY_BAR },
	UI_KEYS_END
};

static int
display_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct display *d = xcalloc(1, sizeof(*d));

	ui_list_init(&d->list, DISPLAY_MODE + 1, 2);
	d->list.sel = (size_t)txt_charset_get();
	v->state = d;
	ui_view_set_title(v, "Affichage");
	return 0;
}

static void
display_leave(struct ui *ui, struct ui_view *v)
{
	free(v->state);
}

/* The area below the two lines of explanation. */
static struct ui_rect
display_list_area(const struct ui_rect *r)
{
	struct ui_rect in = { r->y + 3, r->x, r->h - 3, r->w };

	return in;
}

static void
display_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct display *d = v->state;
	struct ui_rect in = display_list_area(r);

	d->list.rows_per_item = in.h >= 2 * (int)d->list.n ? 2 : 1;
	ui_list_layout(&d->list, &in);
}

struct display_draw {
	const struct display	*d;
	struct ui		*ui;
};

static void
display_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct display_draw *dd = arg;
	char *sample, mark[8];
	int used;

	snprintf(mark, sizeof(mark), " %s ", (i < DISPLAY_LINES &&
	    (enum txt_charset)i == txt_charset_get()) ||
	    (i == DISPLAY_LINES && ui_ascii_lines(dd->ui)) ? "*" : " ");
	used = ui_put(y, x, w, mark, 0);
	if (i == DISPLAY_MODE) {
		ui_put(y, x + used, w - used, "Mode ligne (menus numérotés, "
		    "sans déplacement du curseur)", selected ? A_REVERSE :
		    A_BOLD);
		if (dd->d->list.rows_per_item == 2)
			ui_put(y + 1, x + used, w - used, "Entrée : pour un "
			    "terminal rudimentaire ou une lecture vocale", 0);
		return;
	}
	if (i == DISPLAY_LINES) {
		ui_put(y, x + used, w - used, ui_ascii_lines(dd->ui) ?
		    "Cadres tracés en ASCII (+ - |)" :
		    "Cadres tracés en ASCII (+ - |) : non", selected ?
		    A_REVERSE : A_BOLD);
		if (dd->d->list.rows_per_item == 2)
			ui_put(y + 1, x + used, w - used, ui_ascii_lines(dd->ui)
			    ? "Entrée : revenir aux lignes dessinées" :
			    "Entrée : pour un terminal qui trace mal les lignes",
			    0);
		return;
	}
	used += ui_put(y, x + used, w - used,
	    txt_charset_label((enum txt_charset)i), selected ? A_REVERSE :
	    A_BOLD);
	sample = txt_charset_convert((enum txt_charset)i, DISPLAY_SAMPLE,
	    strlen(DISPLAY_SAMPLE), NULL);
	if (dd->d->list.rows_per_item == 2)
		ui_put(y + 1, x + 3, w - 3, sample, 0);
	free(sample);
}

static void
display_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct display *d = v->state;
	struct display_draw dd = { d, ui };
	struct ui_rect in = display_list_area(r);
	char *line;

	xasprintf(&line, "Essai : %s", DISPLAY_SAMPLE);
	ui_put(r->y, r->x, r->w, line, 0);
	free(line);
	if (d->list.rows_per_item == 1 && d->list.sel < DISPLAY_LINES) {
		/* No room for a sample under each entry: the selected one's
		 * takes the explanation's place. */
		char *sample = txt_charset_convert((enum txt_charset)
		    d->list.sel, DISPLAY_SAMPLE, strlen(DISPLAY_SAMPLE), NULL);

		xasprintf(&line, "Aperçu : %s", sample);
		ui_put(r->y + 1, r->x, r->w, line, A_BOLD);
		free(line);
		free(sample);
	} else
		ui_put(r->y + 1, r->x, r->w, "Choisissez le réglage dont la "
		    "ligne s'affiche sans défaut.", 0);
	ui_list_draw(&d->list, &in, display_draw_item, &dd);
}

static int
display_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct display *d = v->state;
	struct ui_rect in = display_list_area(&v->laid_out);

	if (op != OP_OPEN)
		return ui_list_handle(&d->list, op, &in);
	if (d->list.sel == DISPLAY_MODE) {
		ui_set_line_mode(ui, !ui_line_mode(ui));
		ui_message(ui, ui_line_mode(ui) ? "Retour au plein écran." :
		    "Mode ligne : tapez un numéro puis Entrée.");
		return UI_HANDLED;
	}
	if (d->list.sel == DISPLAY_LINES) {
		ui_set_ascii_lines(ui, !ui_ascii_lines(ui));
		ui_message(ui, ui_ascii_lines(ui) ? "Cadres tracés avec + - |."
		    : "Cadres tracés avec des lignes.");
		return UI_HANDLED;
	}
	ui_set_charset(ui, (enum txt_charset)d->list.sel);
	ui_message(ui, "Jeu de caractères : %s.",
	    txt_charset_label((enum txt_charset)d->list.sel));
	return UI_HANDLED;
}

static struct ui_list *
display_menu(struct ui_view *v)
{
	struct display *d = v->state;

	return &d->list;
}

/* Line mode: each entry on one line, a star on the current choice. */
static char *
display_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	char *s, *sample;

	if (i == DISPLAY_MODE)
		return xstrdup(ui_line_mode(ui) ? "Revenir au plein écran" :
		    "Mode ligne");
	if (i == DISPLAY_LINES)
		return xstrdup(ui_ascii_lines(ui) ? "* Cadres en ASCII (+ - |)" :
		    "Cadres en ASCII (+ - |)");
	sample = txt_charset_convert((enum txt_charset)i, DISPLAY_SAMPLE,
	    strlen(DISPLAY_SAMPLE), NULL);
	xasprintf(&s, "%s%s : %s", (enum txt_charset)i == txt_charset_get() ?
	    "* " : "", txt_charset_label((enum txt_charset)i), sample);
	free(sample);
	return s;
}

const struct ui_screen screen_display = {
	.name = "affichage",
	.keys = display_keys,
	.enter = display_enter,
	.layout = display_layout,
	.draw = display_draw,
	.handle = display_handle,
	.leave = display_leave,
	.menu = display_menu,
	.item = display_item,
};
