/*
 * help.c - the keys of the screen it was called from, then the keys that
 * work everywhere, then a few words on how Palabre works. Built from the
 * key tables themselves, so it never disagrees with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "config.h"
#include "screens/screens.h"
#include "util/util.h"

struct help {
	struct ui_pager	pager;
};

static const struct ui_key help_keys[] = {
	UI_PAGER_KEYS,
	UI_KEYS_END
};

/* The keys of a table; on a screen that takes text, printable keys are
 * text there, so they are not listed (text 1). */
static void
help_add_keys(struct ui_pager *p, const struct ui_key *keys, int text)
{
	const struct ui_key *k;

	for (k = keys; k != NULL && k->key != 0; k++) {
		if (k->name == NULL || (k->flags & UI_KEY_NOHELP))
			continue;
		if (text && k->key >= 0x20 && k->key != 0x7f &&
		    !(k->key & UI_KEY_FN))
			continue;
		ui_pager_add_item(p, k->name, k->label);
	}
}

static int
help_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	const struct ui_view *from = arg;
	struct help *h = xcalloc(1, sizeof(*h));
	char *s;

	ui_pager_init(&h->pager);
	if (from != NULL && from->screen != &screen_help) {
		if (from->title != NULL && from->title[0] != '\0')
			xasprintf(&s, "Touches de l'écran « %s »",
			    from->title);
		else
			s = xstrdup("Touches de cet écran");
		ui_pager_add(&h->pager, TXT_BLOCK_HEADING, 2, s, 0);
		free(s);
		help_add_keys(&h->pager, from->screen->keys, 0);
	}
	ui_pager_add(&h->pager, TXT_BLOCK_HEADING, 2, "Partout", 0);
	help_add_keys(&h->pager, ui_global_keys, from != NULL &&
	    from->screen->input != NULL);
	ui_pager_add(&h->pager, TXT_BLOCK_HEADING, 2, "Bon à savoir", 0);
	ui_pager_add(&h->pager, TXT_BLOCK_PARA, 0,
	    "Les touches de l'écran en cours sont rappelées sur la dernière "
	    "ligne. « q » revient toujours à l'écran précédent ; depuis "
	    "l'accueil, il propose de quitter. Là où l'on écrit un texte, "
	    "les lettres s'écrivent : F1 donne l'aide, Échap quitte.", 0);
	ui_pager_add(&h->pager, TXT_BLOCK_PARA, 0,
	    "Palabre s'adapte à la taille de votre fenêtre : agrandissez-la "
	    "ou réduisez-la à tout moment (40 colonnes sur 12 lignes au "
	    "minimum). Si l'affichage semble abîmé, Ctrl-L le redessine.", 0);
	xasprintf(&s, "Une question sur %s ? Écrivez à l'équipe "
	    "d'animation du réseau.", ui_config(ui)->site_name);
	ui_pager_add(&h->pager, TXT_BLOCK_PARA, 0, s, 0);
	free(s);
	v->state = h;
	ui_view_set_title(v, "Aide");
	return 0;
}

static void
help_leave(struct ui *ui, struct ui_view *v)
{
	struct help *h = v->state;

	ui_pager_free(&h->pager);
	free(h);
}

static void
help_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct help *h = v->state;

	ui_pager_layout(&h->pager, r);
	ui_pager_status(&h->pager, v, r->h);
}

static void
help_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct help *h = v->state;

	ui_pager_draw(&h->pager, r);
}

static int
help_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct help *h = v->state;

	if (ui_pager_handle(&h->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&h->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
help_text(struct ui_view *v)
{
	struct help *h = v->state;

	return &h->pager;
}

const struct ui_screen screen_help = {
	.name = "aide",
	.keys = help_keys,
	.enter = help_enter,
	.layout = help_layout,
	.draw = help_draw,
	.handle = help_handle,
	.leave = help_leave,
	.text = help_text,
};
