/*
 * search.c - the results of a search over the boards the member may
 * read: for each message its board, its thread, its author and date, and
 * the words found in context. Entrée opens the message; / searches again.
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

#define SEARCH_MAX	200	/* results shown */

struct search {
	char			*query;
	struct store_hit	*hits;
	size_t			 n;
	struct ui_list		 list;
};

static const struct ui_key search_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire", UI_KEY_NOHELP },
	{ '/', OP_SCREEN, "/", "Rechercher à nouveau", UI_KEY_BAR },
	UI_KEYS_END
};

static int
search_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct search *s;
	struct store_viewer vw;
	int rc;

	s = xcalloc(1, sizeof(*s));
	s->query = xstrdup(arg);
	ui_viewer(ui, &vw);
	rc = store_search(ui_store(ui), &vw, s->query, SEARCH_MAX, &s->hits,
	    &s->n);
	if (rc != 0 || s->n == 0) {
		if (rc == STORE_EMPTY)
			ui_message(ui, "Tapez au moins un mot à chercher.");
		else if (rc != STORE_OK)
			ui_message(ui, "%s", store_rc_text(rc));
		else
			ui_message(ui, "Aucun message ne contient « %s » "
			    "(un début de mot se cherche avec *, ex. "
			    "domicil*).", s->query);
		store_hit_list_free(s->hits, s->n);
		free(s->query);
		free(s);
		return -1;
	}
	ui_list_init(&s->list, s->n, 2);
	v->state = s;
	ui_view_set_title(v, "Recherche");
	return 0;
}

static void
search_leave(struct ui *ui, struct ui_view *v)
{
	struct search *s = v->state;

	store_hit_list_free(s->hits, s->n);
	free(s->query);
	free(s);
}

static void
search_status(struct ui_view *v)
{
	struct search *s = v->state;
	char pos[32];

	ui_list_position(&s->list, pos, sizeof(pos));
	ui_view_set_status(v, "« %s » : %s", s->query, pos);
}

static void
search_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct search *s = v->state;

	s->list.rows_per_item = r->h >= 8 ? 2 : 1;
	ui_list_layout(&s->list, r);
	search_status(v);
}

static void
search_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct search *s = arg;
	const struct store_hit *h = &s->hits[i];
	char date[32], *where;
	int used = 2;

	txt_date_list(date, sizeof(date), h->created_at, now_sec());
	xasprintf(&where, "%s › %s", h->board_title, h->thread_title);
	used += ui_put(y, x + used, w - used, where, selected ? A_REVERSE :
	    A_BOLD);
	free(where);
	if (w - used > 20) {
		used += ui_put(y, x + used, w - used, " — ", 0);
		used += ui_put(y, x + used, w - used, h->author_name, 0);
		used += ui_put(y, x + used, w - used, ", ", 0);
		ui_put(y, x + used, w - used, date, 0);
	}
	if (s->list.rows_per_item == 2)
		forum_put_marked(y + 1, x + 4, w - 4, h->snippet);
}

static void
search_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct search *s = v->state;

	ui_list_draw(&s->list, r, search_draw_item, s);
}

static int
search_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct search *s = v->state;

	if (op == OP_OPEN) {
		forum_open_post(ui, s->hits[s->list.sel].post_id);
		return UI_HANDLED;
	}
	if (op == OP_SCREEN) {
		forum_search_prompt(ui);
		return UI_HANDLED;
	}
	if (ui_list_handle(&s->list, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	search_status(v);
	return UI_HANDLED;
}

static struct ui_list *
search_menu(struct ui_view *v)
{
	struct search *s = v->state;

	return &s->list;
}

static char *
search_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct search *s = v->state;
	const struct store_hit *h = &s->hits[i];
	char date[32], *line;

	txt_date_list(date, sizeof(date), h->created_at, now_sec());
	xasprintf(&line, "%s › %s — %s, %s : %s", h->board_title,
	    h->thread_title, h->author_name, date, h->snippet);
	return line;
}

const struct ui_screen screen_search = {
	.name = "recherche",
	.keys = search_keys,
	.enter = search_enter,
	.layout = search_layout,
	.draw = search_draw,
	.handle = search_handle,
	.leave = search_leave,
	.menu = search_menu,
	.item = search_item,
};
