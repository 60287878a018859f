/*
 * boards.c - « Forums »: the boards the member may read, grouped by
 * section, each with its unread messages and the threads opened since the
 * member's last visit. Section headings are lines of the list that the
 * selection steps over.
 *
 * The same screen picks the destination when a moderator moves a thread
 * (struct boards_pick): then it lists the boards they moderate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

struct boards_item {
	const char	*section;	/* a heading, or NULL */
	size_t		 board;		/* index in boards, for a board */
};

struct boards {
	struct store_viewer	 vw;
	struct store_board	*boards;
	size_t			 nboards;
	struct boards_item	*items;
	struct ui_list		 list;
	int			 pick;		/* choosing where to move */
	struct boards_pick	 move;
	int			 failed;	/* the list could not be read:
						 * empty for that reason */
};

enum {
	OP_NEXT_UNREAD = OP_SCREEN,
	OP_READ_BOARD,
	OP_SEARCH,
	OP_MODERATION
};

static const struct ui_key boards_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Ouvrir", UI_KEY_NOHELP },
	{ 'n', OP_NEXT_UNREAD, "n", "Non lu suivant", UI_KEY_BAR },
	{ '/', OP_SEARCH, "/", "Rechercher", UI_KEY_BAR },
	{ 'L', OP_READ_BOARD, "L", "Marquer tout le forum comme lu", 0 },
	VEILLE_KEY,
	{ 'M', OP_MODERATION, "M", "Modération : signalements, sujets à "
	    "valider", 0 },
	UI_KEYS_END
};

static int	 boards_load(struct ui *, struct boards *);
static void	 boards_free(struct boards *);
static void	 boards_skip(struct boards *, int);
static void	 boards_read_done(struct ui *, void *, const char *);

static void
boards_free(struct boards *b)
{
	store_board_list_free(b->boards, b->nboards);
	b->boards = NULL;
	b->nboards = 0;
	free(b->items);
	b->items = NULL;
}

/* (Re)load the boards; the selection stays on the same board. */
static int
boards_load(struct ui *ui, struct boards *b)
{
	int64_t sel = 0;
	const char *section = NULL, *s;
	size_t i, n = 0, keep = 0, shown = 0;

	if (b->items != NULL && b->list.n > 0 &&
	    b->items[b->list.sel].section == NULL)
		sel = b->boards[b->items[b->list.sel].board].id;
	boards_free(b);
	if ((b->failed = store_board_list(ui_store(ui), &b->vw, &b->boards,
	    &b->nboards) != STORE_OK)) {
		ui_list_init(&b->list, 0, 1);	/* nothing left to draw */
		ui_message(ui, "La liste des forums n'a pas pu être lue.");
		return -1;
	}
	b->items = xcalloc(2 * b->nboards + 1, sizeof(*b->items));
	for (i = 0; i < b->nboards; i++) {
		if (b->pick && (!b->boards[i].can_moderate ||
		    b->boards[i].id == b->move.from_board))
			continue;
		s = b->boards[i].section[0] != '\0' ? b->boards[i].section :
		    "Divers";
		if (section == NULL || strcmp(section, s) != 0) {
			b->items[n++].section = s;
			section = s;
		}
		if (b->boards[i].id == sel)
			keep = n;
		b->items[n].section = NULL;
		b->items[n++].board = i;
		shown++;
	}
	ui_list_init(&b->list, shown > 0 ? n : 0, 1);
	b->list.sel = keep;
	boards_skip(b, 1);
	return 0;
}

/* Step the selection off a heading, in direction dir (then back). */
static void
boards_skip(struct boards *b, int dir)
{
	size_t i = b->list.sel;

	if (b->list.n == 0 || b->items[i].section == NULL)
		return;
	if (dir > 0) {
		while (i + 1 < b->list.n && b->items[i].section != NULL)
			i++;
		if (b->items[i].section != NULL)
			dir = -1;
	}
	if (dir < 0) {
		while (i > 0 && b->items[i].section != NULL)
			i--;
		if (b->items[i].section != NULL)
			while (i + 1 < b->list.n && b->items[i].section != NULL)
				i++;
	}
	b->list.sel = i;
}

static int
boards_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct boards *b = xcalloc(1, sizeof(*b));

	ui_viewer(ui, &b->vw);
	if (arg != NULL) {
		b->pick = 1;
		b->move = *(struct boards_pick *)arg;
	}
	if (boards_load(ui, b) == -1) {
		free(b);
		return -1;
	}
	if (b->list.n == 0 && b->pick) {
		ui_message(ui, "Aucun autre forum que vous modérez.");
		boards_free(b);
		free(b);
		return -1;
	}
	v->state = b;
	ui_view_set_title(v, b->pick ? "Déplacer le sujet vers…" : "Forums");
	return 0;
}

static void
boards_leave(struct ui *ui, struct ui_view *v)
{
	struct boards *b = v->state;

	boards_free(b);
	free(b);
}

static void
boards_status(struct ui_view *v)
{
	struct boards *b = v->state;
	int64_t unread = 0;
	char n[32];
	size_t i;

	for (i = 0; i < b->nboards; i++)
		unread += b->boards[i].unread;
	if (b->pick)
		ui_view_set_status(v, "Entrée : déplacer ici");
	else if (unread == 0)
		ui_view_set_status(v, "tout est lu");
	else {
		fmt_count(n, sizeof(n), unread);
		ui_view_set_status(v, "%s non lu%s", n,
		    unread > 1 ? "s" : "");
	}
}

static void
boards_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct boards *b = v->state;

	ui_list_layout(&b->list, r);
	boards_status(v);
}

static void
boards_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct boards *b = arg;
	const struct boards_item *it = &b->items[i];
	const struct store_board *bd;
	char counts[96], un[32], nw[32];
	int cw = 0;

	if (it->section != NULL) {
		ui_put(y, x + 1, w - 1, it->section, A_BOLD | A_UNDERLINE);
		return;
	}
	bd = &b->boards[it->board];
	/* « 12 non lus, 2 nouveaux » or, on a narrow screen, « 12 (2) ». */
	fmt_count(un, sizeof(un), bd->unread);
	fmt_count(nw, sizeof(nw), bd->new_threads);
	counts[0] = '\0';
	if (w >= 60 && bd->unread > 0 && bd->new_threads > 0)
		snprintf(counts, sizeof(counts), "%s non lu%s, %s nouveau%s",
		    un, bd->unread > 1 ? "s" : "", nw,
		    bd->new_threads > 1 ? "x" : "");
	else if (w >= 60 && bd->unread > 0)
		snprintf(counts, sizeof(counts), "%s non lu%s", un,
		    bd->unread > 1 ? "s" : "");
	else if (bd->unread > 0 && bd->new_threads > 0)
		snprintf(counts, sizeof(counts), "%s (%s)", un, nw);
	else if (bd->unread > 0)
		snprintf(counts, sizeof(counts), "%s", un);
	if (counts[0] != '\0') {
		cw = (int)txt_width(counts);
		ui_put(y, x + w - cw, cw, counts, A_BOLD);
		cw++;
	}
	ui_put(y, x + 3, w - 3 - cw, bd->title, selected ? A_REVERSE :
	    (bd->unread > 0 ? A_BOLD : 0));
}

static void
boards_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct boards *b = v->state;

	if (b->list.n == 0) {
		ui_put_wrapped(r, 1, b->failed ? screen_rc_text(ui, STORE_ERR,
		    NULL) : "Aucun forum ne vous est ouvert pour le moment.",
		    0, 1);
		return;
	}
	ui_list_draw(&b->list, r, boards_draw_item, b);
}

static void
boards_resume(struct ui *ui, struct ui_view *v)
{
	struct boards *b = v->state;

	if (boards_load(ui, b) == -1)
		return;
	ui_list_layout(&b->list, &v->laid_out);
	boards_status(v);
}

static void
boards_read_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct boards *b = v->state;
	const struct store_board *bd;

	if (text == NULL || (text[0] != 'o' && text[0] != 'O'))
		return;
	bd = &b->boards[b->items[b->list.sel].board];
	if (store_read_board(ui_store(ui), &b->vw, bd->id) == 0) {
		ui_message(ui, "« %s » est marqué comme lu.", bd->title);
		boards_resume(ui, v);
	}
}

/* Move the thread being moved here, and go back. */
static void
boards_move(struct ui *ui, struct boards *b, const struct store_board *to)
{
	char *title = xstrdup(to->title);
	int rc;

	rc = store_thread_move(ui_store(ui), &b->vw, b->move.thread_id,
	    to->id);
	ui_pop(ui);	/* frees b and to */
	if (rc == 0)
		ui_message(ui, "Sujet déplacé vers « %s ».", title);
	else
		ui_message(ui, "Le sujet n'a pas pu être déplacé. %s",
		    store_rc_text(rc));
	free(title);
}

static int
boards_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct boards *b = v->state;
	const struct store_board *bd = NULL;
	size_t before = b->list.sel;

	if (b->list.n > 0 && b->items[b->list.sel].section == NULL)
		bd = &b->boards[b->items[b->list.sel].board];
	switch (op) {
	case OP_OPEN:
		if (bd == NULL)
			return UI_HANDLED;
		if (b->pick)
			boards_move(ui, b, bd);
		else
			ui_push(ui, &screen_threads, (void *)&bd->id);
		return UI_HANDLED;
	case OP_NEXT_UNREAD:
		if (!b->pick)
			forum_next_unread(ui, bd != NULL ? bd->id : 0, 0, 0);
		return UI_HANDLED;
	case OP_SEARCH:
		forum_search_prompt(ui);
		return UI_HANDLED;
	case OP_READ_BOARD:
		if (bd != NULL && !b->pick)
			ui_prompt(ui, "Marquer tout ce forum comme lu ? (o/n) ",
			    "", 8, boards_read_done, v);
		return UI_HANDLED;
	case OP_MODERATION:
		ui_push(ui, &screen_moderation, NULL);
		return UI_HANDLED;
	case OP_VEILLE:
		if (bd != NULL && !b->pick)
			veille_toggle(ui, &(struct veille_thing){ FOLLOW_BOARD,
			    bd->id, NULL, bd->title });
		return UI_HANDLED;
	}
	if (ui_list_handle(&b->list, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	boards_skip(b, b->list.sel >= before && op != OP_BOTTOM ? 1 : -1);
	ui_list_layout(&b->list, &v->laid_out);
	boards_status(v);
	return UI_HANDLED;
}

static struct ui_list *
boards_menu(struct ui_view *v)
{
	struct boards *b = v->state;

	return &b->list;
}

/* Line mode: headings are not choices; the boards count 1, 2, 3... */
static int
boards_number(const struct ui_view *v, size_t i)
{
	const struct boards *b = v->state;
	size_t k;
	int n = 0;

	if (b->items[i].section != NULL)
		return -1;
	for (k = 0; k <= i; k++)
		if (b->items[k].section == NULL)
			n++;
	return n;
}

static char *
boards_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct boards *b = v->state;
	const struct store_board *bd;
	char *s;

	if (b->items[i].section != NULL) {
		xasprintf(&s, "-- %s --", b->items[i].section);
		return s;
	}
	bd = &b->boards[b->items[i].board];
	if (bd->unread > 0)
		xasprintf(&s, "%s (%lld non lu%s, %lld nouveau%s)", bd->title,
		    (long long)bd->unread, bd->unread > 1 ? "s" : "",
		    (long long)bd->new_threads, bd->new_threads > 1 ? "x" :
		    "");
	else
		xasprintf(&s, "%s", bd->title);
	return s;
}

const struct ui_screen screen_boards = {
	.name = "forums",
	.keys = boards_keys,
	.enter = boards_enter,
	.layout = boards_layout,
	.draw = boards_draw,
	.handle = boards_handle,
	.leave = boards_leave,
	.resume = boards_resume,
	.menu = boards_menu,
	.item = boards_item,
	.number = boards_number,
};
