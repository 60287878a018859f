/*
 * news.c - « Quoi de neuf »: one list, newest first, of what is new for
 * the member since their last visit across every section, as the store
 * gives it (store_news_list: the same list as `quoi-de-neuf` and the
 * digests). « Ma veille » by default, v for the whole network.
 *
 * Entrée opens the selected item, n opens them one after the other: an
 * item opened is marked seen (store_news_seen) and leaves the list when
 * the member comes back, so the selection then rests on the next one.
 * L marks everything seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

struct news {
	struct store_news_item	*list;
	size_t			 n;
	int			 scope;		/* NEWS_FOLLOWED, NEWS_ALL */
	struct ui_list		 sel;
	struct ui_rect		 inner;		/* the list's, last layout */
};

enum { OP_NEXT = OP_SCREEN, OP_VIEW, OP_ALL_SEEN };

static const struct ui_key news_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Ouvrir", UI_KEY_NOHELP },
	{ 'n', OP_NEXT, "n", "Nouveauté suivante : l'ouvrir", UI_KEY_BAR },
	{ 'v', OP_VIEW, "v", "Vue : « Ma veille » ou tout le réseau",
	    UI_KEY_BAR },
	{ 'L', OP_ALL_SEEN, "L", "Tout marquer comme vu", UI_KEY_BAR },
	UI_KEYS_END
};

/* (Re)read the list, keeping the selection's place. */
static void
news_load(struct ui *ui, struct news *s)
{
	size_t sel = s->sel.sel;

	store_news_list_free(s->list, s->n);
	s->list = NULL;
	s->n = 0;
	if (store_news_list(ui_store(ui), ui_member(ui)->id,
	    store_news_since(ui_previous_login(ui), now_sec()), s->scope,
	    &s->list, &s->n) != 0) {
		s->list = NULL;
		s->n = 0;
		ui_message(ui, "Les nouveautés n'ont pas pu être lues.");
	}
	ui_list_init(&s->sel, s->n, 2);
	s->sel.sel = sel < s->n ? sel : (s->n > 0 ? s->n - 1 : 0);
	ui_list_layout(&s->sel, &s->inner);
}

static void
news_title(struct ui_view *v, const struct news *s)
{
	ui_view_set_title(v, s->scope == NEWS_ALL ?
	    "Quoi de neuf — tout le réseau" : "Quoi de neuf — Ma veille");
}

static int
news_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct news *s = xcalloc(1, sizeof(*s));

	s->scope = NEWS_FOLLOWED;
	news_load(ui, s);
	v->state = s;
	news_title(v, s);
	return 0;
}

static void
news_leave(struct ui *ui, struct ui_view *v)
{
	struct news *s = v->state;

	store_news_list_free(s->list, s->n);
	free(s);
}

/* Back from an item: it was seen, the list is read again. */
static void
news_resume(struct ui *ui, struct ui_view *v)
{
	news_load(ui, v->state);
}

static void
news_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct news *s = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	s->inner = inner;
	ui_list_layout(&s->sel, &inner);
}

/* « Forum Accueil · Karim Benali · hier 14 h 05 » */
static char *
news_where(const struct store_news_item *it)
{
	char date[64], *s;

	txt_date_list(date, sizeof(date), it->at, now_sec());
	if (it->who[0] != '\0')
		xasprintf(&s, "%s · %s · %s", it->where, it->who, date);
	else
		xasprintf(&s, "%s · %s", it->where, date);
	return s;
}

static void
news_draw_item(int y, int x, int w, size_t i, int selected, const void *arg)
{
	const struct news *s = arg;
	const struct store_news_item *it = &s->list[i];
	char *line;
	int used;

	used = ui_put(y, x + 1, w - 1, store_news_kind_label(it->kind), 0);
	used += ui_put(y, x + 1 + used, w - 1 - used, " : ", 0);
	ui_put(y, x + 1 + used, w - 2 - used, it->title,
	    selected ? A_REVERSE : A_BOLD);
	line = news_where(it);
	ui_put(y + 1, x + 3, w - 4, line, 0);
	free(line);
}

static void
news_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct news *s = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	if (s->n == 0) {
		ui_put_wrapped(r, 1, s->scope == NEWS_ALL ? "Rien de nouveau "
		    "dans le réseau depuis votre dernière visite." : "Rien de "
		    "nouveau dans « Ma veille » depuis votre dernière visite. "
		    "v : tout le réseau.", 0, 0);
		return;
	}
	ui_list_draw(&s->sel, &inner, news_draw_item, s);
}

/* Open item i, marked seen first (a crash in its screen does not bring
 * it back). */
static void
news_open(struct ui *ui, struct news *s, size_t i)
{
	const struct store_news_item *it = &s->list[i];
	int64_t id;
	int r;

	s->sel.sel = i;
	if ((r = store_news_seen(ui_store(ui), ui_member(ui)->id, it->id,
	    now_sec())) != STORE_OK)
		ui_message(ui, "%s", store_rc_text(r));
	id = strtoll(it->id + 1, NULL, 10);
	switch (it->id[0]) {
	case 'm':
		forum_open_post(ui, id);
		break;
	case 'd':
		doc_open(ui, id, NULL);
		break;
	case 'p':
		ui_push(ui, &screen_practice, &id);
		break;
	case 'j':
		ui_push(ui, &screen_event, &id);
		break;
	case 'c':
		ui_push(ui, &screen_conversation, &id);
		break;
	}
}

static void
news_all_seen_done(struct ui *ui, void *ctx, const char *answer)
{
	struct news *s = ctx;
	int r;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O') ||
	    s->n == 0)
		return;
	if ((r = store_news_seen_all(ui_store(ui), ui_member(ui)->id,
	    s->list, s->n)) == STORE_OK)
		ui_message(ui, "Tout est marqué comme vu.");
	else
		ui_message(ui, "%s", store_rc_text(r));
	news_load(ui, s);
}

static int
news_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct news *s = v->state;

	switch (op) {
	case OP_OPEN:
	case OP_NEXT:
		if (s->n == 0) {
			ui_message(ui, "Rien de nouveau.");
			return UI_HANDLED;
		}
		news_open(ui, s, s->sel.sel);
		return UI_HANDLED;
	case OP_VIEW:
		s->scope = s->scope == NEWS_ALL ? NEWS_FOLLOWED : NEWS_ALL;
		s->sel.sel = 0;
		news_load(ui, s);
		news_title(v, s);
		return UI_HANDLED;
	case OP_ALL_SEEN:
		if (s->n == 0) {
			ui_message(ui, "Rien de nouveau.");
			return UI_HANDLED;
		}
		ui_prompt(ui, "Tout marquer comme vu ? (o/n)", "", 8,
		    news_all_seen_done, s);
		return UI_HANDLED;
	default:
		return ui_list_handle(&s->sel, op, &s->inner);
	}
}

static struct ui_list *
news_menu(struct ui_view *v)
{
	struct news *s = v->state;

	return &s->sel;
}

static char *
news_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct news *s = v->state;
	char *where, *line;

	where = news_where(&s->list[i]);
	xasprintf(&line, "%s : %s (%s)", store_news_kind_label(
	    s->list[i].kind), s->list[i].title, where);
	free(where);
	return line;
}

const struct ui_screen screen_news = {
	.name = "quoi-de-neuf",
	.keys = news_keys,
	.enter = news_enter,
	.layout = news_layout,
	.draw = news_draw,
	.handle = news_handle,
	.leave = news_leave,
	.resume = news_resume,
	.menu = news_menu,
	.item = news_item,
};
