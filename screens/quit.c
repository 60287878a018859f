/*
 * quit.c - « Quitter Palabre ? », a small dialog over the current screen.
 * o (or Q again) leaves, n, Échap or q stays.
 */
#include <curses.h>

#include "config.h"
#include "screens/screens.h"
#include "text/txt.h"

static const struct ui_key quit_keys[] = {
	{ 'o', OP_YES, "o", "Oui, quitter", UI_KEY_BAR },
	{ 'O', OP_YES, NULL, NULL, 0 },
	{ 'y', OP_YES, NULL, NULL, 0 },
	{ 'n', OP_NO, "n", "Non, rester", UI_KEY_BAR },
	{ 'N', OP_NO, NULL, NULL, 0 },
	{ UI_KEY_ESC, OP_NO, "Échap", "Rester", 0 },
	UI_KEYS_END
};

static int
quit_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	ui_view_set_title(v, "Quitter");
	return 0;
}

static void
quit_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	static const char *ask = "Quitter Palabre ?";
	static const char *answers = "o : oui     n : non";
	int w = 32, h = 5, y, x;

	if (w > r->w)
		w = r->w;
	y = r->y + (r->h - h) / 2;
	x = r->x + (r->w - w) / 2;
	ui_box(ui, y, x, h, w);
	ui_put_center(y + 1, x + 1, w - 2, ask, A_BOLD);
	ui_put_center(y + 3, x + 1, w - 2, answers, 0);
}

static int
quit_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	switch (op) {
	case OP_YES:
	case OP_QUIT:
		ui_quit(ui);
		return UI_HANDLED;
	case OP_NO:
	case OP_BACK:
		/* The dialog is never the last view: this closes it. */
		ui_pop(ui);
		return UI_HANDLED;
	default:
		return UI_IGNORED;
	}
}

const struct ui_screen screen_quit = {
	.name = "quitter",
	.keys = quit_keys,
	.flags = UI_SCREEN_OVERLAY,
	.enter = quit_enter,
	.draw = quit_draw,
	.handle = quit_handle,
};
