/*
 * welcome.c - the first screen after login: the site's name and tagline,
 * a greeting with the member's name and their previous visit.
 * Entrée goes on to the home screen; c chooses the character set (for a
 * terminal that shows accents badly); going back asks to quit.
 */
#include <stdio.h>
#include <stdlib.h>

#include <curses.h>

#include "config.h"
#include "screens/screens.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

enum { OP_CONTINUE = OP_SCREEN, OP_CHARSET };

static const struct ui_key welcome_keys[] = {
	{ '\r', OP_CONTINUE, "Entrée", "Continuer", UI_KEY_BAR },
	{ ' ', OP_CONTINUE, "Espace", "Continuer", UI_KEY_NOHELP },
	{ 'c', OP_CHARSET, "c", "Accents", UI_KEY_BAR },
	UI_KEYS_END
};

static int
welcome_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	ui_view_set_title(v, "Bienvenue");
	return 0;
}

static void
welcome_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct config *cfg = ui_config(ui);
	const struct store_member *m = ui_member(ui);
	int64_t prev = ui_previous_login(ui);
	char when[96], *hello, *last;
	int y, roomy = r->h >= 14;

	xasprintf(&hello, "Bonjour, %s.", m->display_name);
	if (prev > 0) {
		txt_date_long(when, sizeof(when), prev);
		xasprintf(&last, "Votre dernière visite : le %s.", when);
	} else
		last = xstrdup("C'est votre première visite : bienvenue !");

	y = roomy ? r->h / 5 : 1;
	y += ui_put_wrapped(r, y, cfg->site_name, A_BOLD, 1);
	if (cfg->site_tagline[0] != '\0' && r->h >= 12) {
		y += 1;
		y += ui_put_wrapped(r, y, cfg->site_tagline, 0, 1);
	}
	y += roomy ? 2 : 1;
	y += ui_put_wrapped(r, y, hello, A_BOLD, 1);
	if (m->organisation[0] != '\0' && roomy)
		y += ui_put_wrapped(r, y, m->organisation, 0, 1);
	y += ui_put_wrapped(r, y, last, 0, 1);
	y += 1;
	if (y < r->h)
		y += ui_put_wrapped(r, y, "Appuyez sur Entrée pour continuer.",
		    0, 1);
	/* For a terminal that shows accents badly: plain words. */
	if (y + 1 < r->h)
		ui_put_wrapped(r, y + 1, "Accents illisibles ? Appuyez sur c.", 0,
		    1);
	free(hello);
	free(last);
}

/* Line mode: the same words, as paragraphs. */
static char *
welcome_plain(struct ui *ui, const struct ui_view *v)
{
	const struct config *cfg = ui_config(ui);
	const struct store_member *m = ui_member(ui);
	int64_t prev = ui_previous_login(ui);
	char when[96];
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s\n", cfg->site_name);
	if (cfg->site_tagline[0] != '\0')
		buf_printf(&b, "%s\n", cfg->site_tagline);
	buf_printf(&b, "Bonjour, %s.\n", m->display_name);
	if (prev > 0) {
		txt_date_long(when, sizeof(when), prev);
		buf_printf(&b, "Votre dernière visite : le %s.\n", when);
	} else
		buf_adds(&b, "C'est votre première visite : bienvenue !\n");
	return buf_detach(&b);
}

static int
welcome_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	if (op == OP_CONTINUE) {
		ui_replace(ui, &screen_home, NULL);
		return UI_HANDLED;
	}
	if (op == OP_CHARSET) {
		ui_push(ui, &screen_display, NULL);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

const struct ui_screen screen_welcome = {
	.name = "bienvenue",
	.keys = welcome_keys,
	.enter = welcome_enter,
	.draw = welcome_draw,
	.handle = welcome_handle,
	.plain = welcome_plain,
};
