/*
 * catalogue.c - the practice catalogue's lists: browsing the published
 * records with filters that combine (theme, territory by région then
 * département, organisation type), newest first; the results of a
 * search; the member's own records (« Mes fiches », with who follows
 * them); the moderators' queue (« À valider »).
 *
 * One set of functions, four screens (their keys differ). Each item is
 * a record's title, then its organisation, territory, date and
 * followers (or its state, or the words found). A list holds the first
 * CATALOGUE_MAX records; the count says how many match, and the filters
 * narrow it. E exports the whole selection as plain text.
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

#define CATALOGUE_MAX		300	/* records listed at once */
#define CATALOGUE_EXPORT_MAX	300	/* records in one export */
#define CATALOGUE_WIDTH		72	/* of the exported text */

enum catalogue_mode { CAT_BROWSE, CAT_SEARCH, CAT_MINE, CAT_QUEUE };

struct catalogue {
	int				 mode;
	char				*query;		/* CAT_SEARCH */
	char				*theme, *region, *dep, *type;
	struct store_practice_filter	 filter;	/* points at the above */
	struct store_practice_item	*items;
	size_t				 n;
	int				 rc;		/* not STORE_OK:
							 * empty for that
							 * reason */
	int64_t				 total;		/* matching (browse) */
	struct ui_list			 list;
	struct practice_options		 opts;
	char				*header;
	int				 seen;		/* news marked seen */
};

enum {
	OP_THEME = OP_SCREEN,
	OP_TERRITORY,
	OP_TYPE,
	OP_CLEAR,
	OP_SEARCH,
	OP_NEW,
	OP_MINE,
	OP_QUEUE,
	OP_EXPORT_ALL
};

static const struct ui_key browse_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire la fiche", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire la fiche", UI_KEY_NOHELP },
	{ 't', OP_THEME, "t", "Thème", UI_KEY_BAR },
	{ 'D', OP_TERRITORY, "D", "Département, région", UI_KEY_BAR },
	{ 'o', OP_TYPE, "o", "Type d'organisation", UI_KEY_BAR },
	{ 'z', OP_CLEAR, "z", "Effacer les filtres", 0 },
	{ '/', OP_SEARCH, "/", "Rechercher", UI_KEY_BAR },
	{ 'N', OP_NEW, "N", "Nouvelle pratique à proposer", UI_KEY_BAR },
	{ 'v', OP_MINE, "v", "Vue : mes fiches", 0 },
	{ 'M', OP_QUEUE, "M", "Modération : fiches à valider", 0 },
	{ 'x', OP_EXPORT_ALL, "x", "Exporter la sélection en texte", 0 },
	UI_KEYS_END
};

static const struct ui_key search_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire la fiche", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire la fiche", UI_KEY_NOHELP },
	{ '/', OP_SEARCH, "/", "Rechercher à nouveau", UI_KEY_BAR },
	{ 'x', OP_EXPORT_ALL, "x", "Exporter les résultats en texte", 0 },
	UI_KEYS_END
};

static const struct ui_key mine_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire la fiche", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire la fiche", UI_KEY_NOHELP },
	{ 'N', OP_NEW, "N", "Nouvelle pratique à proposer", UI_KEY_BAR },
	UI_KEYS_END
};

static const struct ui_key queue_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire et décider", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire et décider", UI_KEY_NOHELP },
	UI_KEYS_END
};

static int	 catalogue_load(struct ui *, struct catalogue *);
static void	 catalogue_set_header(struct catalogue *);
static void	 catalogue_status(struct ui_view *);
static void	 catalogue_picked(struct ui *, void *, const char *, int);
static void	 catalogue_theme_done(struct ui *, void *, const char *);
static void	 catalogue_territory_done(struct ui *, void *, const char *);
static void	 catalogue_type_done(struct ui *, void *, const char *);
static void	 catalogue_search_done(struct ui *, void *, const char *);
static void	 catalogue_export(struct ui *, struct catalogue *);
static void	 catalogue_sync_filter(struct catalogue *);

static void
catalogue_sync_filter(struct catalogue *c)
{
	c->filter.theme = c->theme;
	c->filter.region = c->region;
	c->filter.departement = c->dep;
	c->filter.org_type = c->type;
}

/* Read the list for the mode (and filters). 0, or -1 (message set). */
static int
catalogue_load(struct ui *ui, struct catalogue *c)
{
	struct store *st = ui_store(ui);
	struct store_viewer vw;
	int rc = 0;

	ui_viewer(ui, &vw);
	store_practice_item_list_free(c->items, c->n);
	c->items = NULL;
	c->n = 0;
	c->rc = STORE_OK;
	catalogue_sync_filter(c);
	switch (c->mode) {
	case CAT_BROWSE:
		rc = store_practice_list(st, &c->filter, 0, CATALOGUE_MAX,
		    &c->items, &c->n);
		if (rc == 0)
			rc = store_practice_count(st, &c->filter, &c->total);
		break;
	case CAT_SEARCH:
		rc = store_practice_search(st, c->query, &c->filter,
		    CATALOGUE_MAX, &c->items, &c->n);
		c->total = (int64_t)c->n;
		break;
	case CAT_MINE:
		rc = store_practice_mine(st, &vw, &c->items, &c->n);
		/* Seen now: the home screen stops telling (on entering
		 * only: what comes while the list is open is news still). */
		if (rc == 0 && !c->seen) {
			store_practice_news_seen(st, &vw);
			store_practice_decisions_told(st, &vw);
		}
		c->seen = 1;
		break;
	case CAT_QUEUE:
		rc = store_practice_waiting(st, &vw, &c->items, &c->n);
		break;
	}
	if (rc == STORE_FORBIDDEN) {
		ui_message(ui, "Réservé à l'équipe de modération.");
		return -1;
	}
	if (rc == STORE_EMPTY) {
		ui_message(ui, "Tapez au moins un mot à chercher.");
		return -1;
	}
	if ((c->rc = rc) != STORE_OK) {
		ui_message(ui, "Le catalogue n'a pas pu être lu : réessayez.");
		return -1;
	}
	ui_list_init(&c->list, c->n, c->list.rows_per_item > 0 ?
	    c->list.rows_per_item : 2);
	catalogue_set_header(c);
	return 0;
}

/* The line above the list: the filters and how many match. */
static void
catalogue_set_header(struct catalogue *c)
{
	struct buf b;
	const char *l;
	size_t i;

	free(c->header);
	buf_init(&b);
	switch (c->mode) {
	case CAT_SEARCH:
		buf_printf(&b, "« %s » : %zu fiche%s trouvée%s", c->query, c->n,
		    c->n > 1 ? "s" : "", c->n > 1 ? "s" : "");
		break;
	case CAT_MINE:
		buf_printf(&b, "Vos fiches (%zu) : Entrée pour les lire ou les "
		    "modifier", c->n);
		break;
	case CAT_QUEUE:
		buf_printf(&b, "%zu fiche%s à valider, la plus ancienne "
		    "d'abord", c->n, c->n > 1 ? "s" : "");
		break;
	default:
		if (c->total == 0)
			buf_adds(&b, "Aucune fiche");
		else
			buf_printf(&b, "%lld fiche%s", (long long)c->total,
			    c->total > 1 ? "s" : "");
		break;
	}
	if (c->mode == CAT_BROWSE || c->mode == CAT_SEARCH) {
		if (c->theme != NULL) {
			for (i = 0; i < c->opts.nthemes; i++)
				if (strcmp(c->opts.themes[i].key, c->theme) == 0)
					buf_printf(&b, " · %s",
					    c->opts.themes[i].label);
		}
		if (c->dep != NULL || c->region != NULL) {
			for (i = 0; i < c->opts.ndeps; i++) {
				l = c->opts.deps[i].key;
				if ((c->dep != NULL && strcmp(l, c->dep) == 0) ||
				    (c->region != NULL && l[0] == 'R' &&
				    strcmp(l + 2, c->region) == 0))
					buf_printf(&b, " · %s", c->dep != NULL ?
					    c->opts.deps[i].label :
					    c->opts.deps[i].group);
			}
		}
		if (c->type != NULL)
			buf_printf(&b, " · %s", store_org_type_label(c->type));
		if (c->mode == CAT_BROWSE && (int64_t)c->n < c->total)
			buf_printf(&b, " (les %zu plus récentes)", c->n);
	}
	c->header = buf_detach(&b);
}

static int
catalogue_enter(struct ui *ui, struct ui_view *v, void *arg, int mode)
{
	struct catalogue *c = xcalloc(1, sizeof(*c));
	const struct catalogue_search_arg *sa = arg;

	c->mode = mode;
	practice_options_load(ui, &c->opts, 1);
	if (mode == CAT_SEARCH) {
		c->query = xstrdup(sa->query);
		if (sa->filter != NULL) {
			if (sa->filter->theme != NULL)
				c->theme = xstrdup(sa->filter->theme);
			if (sa->filter->region != NULL)
				c->region = xstrdup(sa->filter->region);
			if (sa->filter->departement != NULL)
				c->dep = xstrdup(sa->filter->departement);
			if (sa->filter->org_type != NULL)
				c->type = xstrdup(sa->filter->org_type);
		}
	}
	c->list.rows_per_item = 2;
	if (catalogue_load(ui, c) == -1 || (mode == CAT_SEARCH && c->n == 0)) {
		if (mode == CAT_SEARCH && c->n == 0 && c->query != NULL)
			ui_message(ui, "Aucune fiche ne contient « %s »%s.",
			    c->query, c->filter.theme != NULL ||
			    c->filter.region != NULL || c->filter.departement
			    != NULL || c->filter.org_type != NULL ?
			    " avec ces filtres" : "");
		store_practice_item_list_free(c->items, c->n);
		practice_options_free(&c->opts);
		free(c->query);
		free(c->theme);
		free(c->region);
		free(c->dep);
		free(c->type);
		free(c->header);
		free(c);
		return -1;
	}
	v->state = c;
	ui_view_set_title(v, mode == CAT_SEARCH ? "Recherche dans le "
	    "catalogue" : mode == CAT_MINE ? "Mes fiches" : mode == CAT_QUEUE ?
	    "Fiches à valider" : "Catalogue des pratiques");
	return 0;
}

static int
browse_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	return catalogue_enter(ui, v, arg, CAT_BROWSE);
}

static int
search_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	return catalogue_enter(ui, v, arg, CAT_SEARCH);
}

static int
mine_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	return catalogue_enter(ui, v, arg, CAT_MINE);
}

static int
queue_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	return catalogue_enter(ui, v, arg, CAT_QUEUE);
}

static void
catalogue_leave(struct ui *ui, struct ui_view *v)
{
	struct catalogue *c = v->state;

	store_practice_item_list_free(c->items, c->n);
	practice_options_free(&c->opts);
	free(c->query);
	free(c->theme);
	free(c->region);
	free(c->dep);
	free(c->type);
	free(c->header);
	free(c);
}

static void
catalogue_status(struct ui_view *v)
{
	struct catalogue *c = v->state;
	char pos[32];

	if (c->n == 0) {
		ui_view_set_status(v, "%s", "");
		return;
	}
	ui_list_position(&c->list, pos, sizeof(pos));
	ui_view_set_status(v, "%s", pos);
}

static void
catalogue_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct catalogue *c = v->state;
	struct ui_rect in = { r->y + 2, r->x, r->h - 2, r->w };

	c->list.rows_per_item = r->h >= 8 ? 2 : 1;
	ui_list_layout(&c->list, &in);
	catalogue_status(v);
}

static void
catalogue_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct catalogue *c = arg;
	const struct store_practice_item *it = &c->items[i];
	char date[32], *line;
	int used = 2;

	ui_put(y, x + used, w - used, it->title, selected ? A_REVERSE :
	    A_BOLD);
	if (c->list.rows_per_item < 2)
		return;
	if (c->mode == CAT_SEARCH && it->snippet != NULL) {
		forum_put_marked(y + 1, x + 4, w - 4, it->snippet);
		return;
	}
	if (c->mode == CAT_MINE && it->state == PRACTICE_PUBLIEE) {
		txt_date_list(date, sizeof(date), it->updated_at, now_sec());
		xasprintf(&line, "publiée, modifiée %s — %lld s'en inspire%s%s",
		    date, (long long)it->nfollowers, it->nfollowers > 1 ?
		    "nt" : "", it->new_followers > 0 ? " (du nouveau)" : "");
	} else if (c->mode == CAT_MINE) {
		txt_date_list(date, sizeof(date), it->updated_at, now_sec());
		xasprintf(&line, "%s, %s%s", store_practice_state_label(
		    it->state), date, it->state == PRACTICE_RENVOYEE ?
		    " — à reprendre : « " : "");
		if (it->state == PRACTICE_RENVOYEE) {
			char *more;

			xasprintf(&more, "%s%s »", line, it->comment);
			free(line);
			line = more;
		}
	} else if (c->mode == CAT_QUEUE) {
		txt_date_list(date, sizeof(date), it->submitted_at, now_sec());
		xasprintf(&line, "%s — %s %s — envoyée : %s", it->author_name,
		    it->departement, it->departement_name, date);
	} else if (it->nfollowers > 0) {
		txt_date_list(date, sizeof(date), it->published_at, now_sec());
		xasprintf(&line, "%s — %s %s — %s — %lld s'en inspire%s",
		    it->org, it->departement, it->departement_name, date,
		    (long long)it->nfollowers, it->nfollowers > 1 ? "nt" : "");
	} else {
		txt_date_list(date, sizeof(date), it->published_at, now_sec());
		xasprintf(&line, "%s — %s %s — %s", it->org, it->departement,
		    it->departement_name, date);
	}
	ui_put(y + 1, x + 4, w - 4, line, 0);
	free(line);
}

static void
catalogue_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct catalogue *c = v->state;
	struct ui_rect in = { r->y + 2, r->x, r->h - 2, r->w };

	ui_put(r->y, r->x, r->w, c->header, A_BOLD);
	if (c->n == 0 && c->rc != STORE_OK)
		ui_put_wrapped(&in, 0, screen_rc_text(ui, c->rc, NULL), 0, 0);
	else if (c->n == 0) {
		ui_put_wrapped(&in, 0, c->mode == CAT_MINE ? "Vous n'avez "
		    "encore proposé aucune pratique : N pour en décrire une." :
		    c->mode == CAT_QUEUE ? "Aucune fiche n'attend de "
		    "validation." : "Aucune fiche publiée ne correspond à ces "
		    "filtres. x efface les filtres ; N propose une pratique.",
		    0, 0);
	}
	if (c->n == 0)
		return;
	ui_list_draw(&c->list, &in, catalogue_draw_item, c);
}

/* A filter was chosen (which: 't', 'r', 'o'). */
static void
catalogue_picked(struct ui *ui, void *ctx, const char *value, int which)
{
	struct ui_view *v = ctx;
	struct catalogue *c;

	if (value == NULL)
		return;
	c = v->state;
	switch (which) {
	case 't':
		free(c->theme);
		c->theme = xstrdup(value);
		break;
	case 'r':
		free(c->region);
		free(c->dep);
		c->region = c->dep = NULL;
		if (strncmp(value, "R:", 2) == 0)
			c->region = xstrdup(value + 2);
		else
			c->dep = xstrdup(value);
		break;
	default:
		free(c->type);
		c->type = xstrdup(value);
		break;
	}
	catalogue_load(ui, c);
	v->laid_out.h = 0;
}

static void
catalogue_theme_done(struct ui *ui, void *ctx, const char *value)
{
	catalogue_picked(ui, ctx, value, 't');
}

static void
catalogue_territory_done(struct ui *ui, void *ctx, const char *value)
{
	catalogue_picked(ui, ctx, value, 'r');
}

static void
catalogue_type_done(struct ui *ui, void *ctx, const char *value)
{
	catalogue_picked(ui, ctx, value, 'o');
}

static void
catalogue_search_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct catalogue *c;
	struct catalogue_search_arg a;

	if (text == NULL || text[strspn(text, " ")] == '\0')
		return;
	c = v->state;
	a.query = text;
	a.filter = &c->filter;
	if (c->mode == CAT_SEARCH)
		ui_replace(ui, &screen_catalogue_search, &a);
	else
		ui_push(ui, &screen_catalogue_search, &a);
}

/* E: the records of the list, one after the other, as plain text. */
static void
catalogue_export(struct ui *ui, struct catalogue *c)
{
	struct store_viewer vw;
	struct store_practice p;
	struct practice_text_arg a;
	struct buf b;
	char *text;
	size_t i;

	if (c->n == 0) {
		ui_message(ui, "Rien à exporter : la sélection est vide.");
		return;
	}
	ui_viewer(ui, &vw);
	buf_init(&b);
	buf_printf(&b, "Catalogue des pratiques : %s\n", c->header);
	for (i = 0; i < c->n && i < CATALOGUE_EXPORT_MAX; i++) {
		if (store_practice_get(ui_store(ui), &vw, c->items[i].id,
		    &p) != 0)
			continue;
		text = store_practice_export(ui_store(ui), &p,
		    CATALOGUE_WIDTH);
		buf_printf(&b, "\n\n%s", text);
		free(text);
		store_practice_clear(&p);
	}
	text = buf_detach(&b);
	a.title = "Export de la sélection";
	a.text = text;
	ui_push(ui, &screen_practice_text, &a);
	free(text);
}

static int
catalogue_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct catalogue *c = v->state;
	struct ui_rect in = { v->laid_out.y + 2, v->laid_out.x,
	    v->laid_out.h - 2, v->laid_out.w };
	struct store_viewer vw;
	int64_t id;

	switch (op) {
	case OP_OPEN:
		if (c->n == 0)
			return UI_HANDLED;
		id = c->items[c->list.sel].id;
		ui_push(ui, &screen_practice, &id);
		return UI_HANDLED;
	case OP_THEME:
		ui_pick(ui, "Filtrer par thème", c->opts.themes,
		    c->opts.nthemes, 0, c->theme, catalogue_theme_done, v);
		return UI_HANDLED;
	case OP_TERRITORY:
		ui_pick(ui, "Filtrer par territoire", c->opts.deps,
		    c->opts.ndeps, 0, c->dep, catalogue_territory_done, v);
		return UI_HANDLED;
	case OP_TYPE:
		ui_pick(ui, "Filtrer par type d'organisation", c->opts.types,
		    c->opts.ntypes, 0, c->type, catalogue_type_done, v);
		return UI_HANDLED;
	case OP_CLEAR:
		free(c->theme);
		free(c->region);
		free(c->dep);
		free(c->type);
		c->theme = c->region = c->dep = c->type = NULL;
		catalogue_load(ui, c);
		v->laid_out.h = 0;
		ui_message(ui, "Filtres effacés : toutes les fiches.");
		return UI_HANDLED;
	case OP_SEARCH:
		ui_prompt(ui, "Rechercher dans le catalogue :", "", 200,
		    catalogue_search_done, v);
		return UI_HANDLED;
	case OP_NEW:
		id = 0;
		ui_push(ui, &screen_practice_form, &id);
		return UI_HANDLED;
	case OP_MINE:
		ui_push(ui, &screen_catalogue_mine, NULL);
		return UI_HANDLED;
	case OP_QUEUE:
		ui_viewer(ui, &vw);
		if (!store_practice_can_moderate(&vw))
			ui_message(ui, "Réservé à l'équipe de modération.");
		else
			ui_push(ui, &screen_catalogue_queue, NULL);
		return UI_HANDLED;
	case OP_EXPORT_ALL:
		catalogue_export(ui, c);
		return UI_HANDLED;
	default:
		break;
	}
	if (c->n == 0 || ui_list_handle(&c->list, op, &in) == UI_IGNORED)
		return UI_IGNORED;
	catalogue_status(v);
	return UI_HANDLED;
}

/* Back from a record or the form: states and counts may have changed. */
static void
catalogue_resume(struct ui *ui, struct ui_view *v)
{
	struct catalogue *c = v->state;
	size_t sel = c->list.sel;

	if (catalogue_load(ui, c) == 0 && sel < c->n)
		c->list.sel = sel;
	v->laid_out.h = 0;
}

static struct ui_list *
catalogue_menu(struct ui_view *v)
{
	struct catalogue *c = v->state;

	return &c->list;
}

static char *
catalogue_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct catalogue *c = v->state;
	const struct store_practice_item *it = &c->items[i];
	char *s;

	if (c->mode == CAT_SEARCH)
		xasprintf(&s, "%s — %s %s : %s", it->title, it->departement,
		    it->departement_name, it->snippet);
	else if (c->mode == CAT_MINE || c->mode == CAT_QUEUE)
		xasprintf(&s, "%s (%s) — %s %s", it->title,
		    store_practice_state_label(it->state), it->departement,
		    it->departement_name);
	else
		xasprintf(&s, "%s — %s, %s %s", it->title, it->org,
		    it->departement, it->departement_name);
	return s;
}

const struct ui_screen screen_catalogue = {
	.name = "catalogue",
	.keys = browse_keys,
	.enter = browse_enter,
	.layout = catalogue_layout,
	.draw = catalogue_draw,
	.handle = catalogue_handle,
	.leave = catalogue_leave,
	.resume = catalogue_resume,
	.menu = catalogue_menu,
	.item = catalogue_item,
};

const struct ui_screen screen_catalogue_search = {
	.name = "catalogue-recherche",
	.keys = search_keys,
	.enter = search_enter,
	.layout = catalogue_layout,
	.draw = catalogue_draw,
	.handle = catalogue_handle,
	.leave = catalogue_leave,
	.resume = catalogue_resume,
	.menu = catalogue_menu,
	.item = catalogue_item,
};

const struct ui_screen screen_catalogue_mine = {
	.name = "catalogue-mes-fiches",
	.keys = mine_keys,
	.enter = mine_enter,
	.layout = catalogue_layout,
	.draw = catalogue_draw,
	.handle = catalogue_handle,
	.leave = catalogue_leave,
	.resume = catalogue_resume,
	.menu = catalogue_menu,
	.item = catalogue_item,
};

const struct ui_screen screen_catalogue_queue = {
	.name = "catalogue-a-valider",
	.keys = queue_keys,
	.enter = queue_enter,
	.layout = catalogue_layout,
	.draw = catalogue_draw,
	.handle = catalogue_handle,
	.leave = catalogue_leave,
	.resume = catalogue_resume,
	.menu = catalogue_menu,
	.item = catalogue_item,
};
