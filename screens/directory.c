/*
 * directory.c - « Annuaire »: the members of the network, by name, with
 * their organisation and territory; / searches names, organisations,
 * territories and areas of expertise (accents and case ignored), Entrée
 * shows a profile (what its member lets everybody see), m writes to the
 * member. Not for guests (home.c does not list it for them).
 *
 * screen_member (the profile) lives here too: a pager, built from the
 * store each time it opens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

#define DIRECTORY_MAX	500	/* members listed at once */

struct directory {
	struct store_profile	*list;
	size_t			 n;
	int			 rc;		/* not STORE_OK: why the list
						 * is empty */
	char			*query;		/* "" : everybody */
	struct ui_list		 sel;
	struct ui_rect		 inner;
};

struct member_view {
	int64_t		 id;
	char		*login;
	char		*name;		/* display name */
	struct ui_pager	 pager;
};

enum { OP_SEARCH = OP_SCREEN, OP_WRITE, OP_ALL };

static const struct ui_key directory_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Voir le profil", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Voir le profil", UI_KEY_NOHELP },
	{ '/', OP_SEARCH, "/", "Rechercher", UI_KEY_BAR },
	{ 'N', OP_WRITE, "N", "Nouveau message à ce membre", UI_KEY_BAR },
	{ 'z', OP_ALL, "z", "Effacer la recherche : tout l'annuaire", 0 },
	UI_KEYS_END
};

static const struct ui_key member_keys[] = {
	UI_PAGER_KEYS,
	{ 'N', OP_WRITE, "N", "Nouveau message à ce membre", UI_KEY_BAR },
	VEILLE_KEY,
	UI_KEYS_END
};

static void	 directory_load(struct ui *, struct directory *);
static void	 directory_search_done(struct ui *, void *, const char *);
static char	*directory_line(const struct store_profile *);

static void
directory_load(struct ui *ui, struct directory *d)
{
	store_profile_list_free(d->list, d->n);
	d->list = NULL;
	d->n = 0;
	if ((d->rc = store_directory_search(ui_store(ui), ui_member(ui)->id,
	    d->query, DIRECTORY_MAX, &d->list, &d->n)) != STORE_OK) {
		d->list = NULL;
		d->n = 0;
		ui_message(ui, "L'annuaire n'a pas pu être lu.");
	}
	ui_list_init(&d->sel, d->n, 2);
	ui_list_layout(&d->sel, &d->inner);
}

static void
directory_search_done(struct ui *ui, void *ctx, const char *answer)
{
	struct ui_view *v = ctx;
	struct directory *d = v->state;

	if (answer == NULL)
		return;
	free(d->query);
	d->query = xstrdup(answer);
	directory_load(ui, d);
	if (answer[0] == '\0')
		ui_view_set_title(v, "Annuaire");
	else {
		ui_view_set_title(v, "Annuaire : recherche");
		ui_message(ui, "%zu membre%s pour « %s »", d->n,
		    d->n > 1 ? "s" : "", answer);
	}
}

/* « Organisation — fonction — 69 Rhône » (what is visible of it). */
static char *
directory_line(const struct store_profile *p)
{
	struct buf b;
	const char *parts[3];
	size_t i;

	parts[0] = p->field[PROF_ORGANISATION];
	parts[1] = p->field[PROF_JOB];
	parts[2] = p->territory;
	buf_init(&b);
	for (i = 0; i < 3; i++)
		if (parts[i][0] != '\0')
			buf_printf(&b, "%s%s", b.len > 0 ? " — " : "",
			    parts[i]);
	return buf_detach(&b);
}

static int
directory_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct directory *d = xcalloc(1, sizeof(*d));

	d->query = xstrdup("");
	v->state = d;
	directory_load(ui, d);
	ui_view_set_title(v, "Annuaire");
	return 0;
}

static void
directory_leave(struct ui *ui, struct ui_view *v)
{
	struct directory *d = v->state;

	store_profile_list_free(d->list, d->n);
	free(d->query);
	free(d);
}

static void
directory_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct directory *d = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	d->inner = inner;
	ui_list_layout(&d->sel, &inner);
}

static void
directory_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct directory *d = arg;
	const struct store_profile *p = &d->list[i];
	char *line;

	ui_put(y, x + 2, w - 2, p->display_name, selected ? A_REVERSE :
	    A_BOLD);
	line = directory_line(p);
	ui_put(y + 1, x + 4, w - 5, line, 0);
	free(line);
}

static void
directory_draw(struct ui *ui, const struct ui_view *v,
    const struct ui_rect *r)
{
	const struct directory *d = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	if (d->n == 0) {
		ui_put_wrapped(r, 1, d->rc != STORE_OK ? screen_rc_text(ui,
		    d->rc, NULL) : "Aucun membre ne correspond. / pour "
		    "chercher autre chose, z pour tout l'annuaire.", 0, 0);
		return;
	}
	ui_list_draw(&d->sel, &inner, directory_draw_item, d);
}

static int
directory_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct directory *d = v->state;
	int64_t id;

	switch (op) {
	case OP_SEARCH:
		ui_prompt(ui, "Chercher (nom, organisation, territoire, "
		    "expertise) :", d->query, 200, directory_search_done, v);
		return UI_HANDLED;
	case OP_ALL:
		directory_search_done(ui, v, "");
		return UI_HANDLED;
	case OP_OPEN:
	case OP_WRITE:
		if (d->n == 0) {
			ui_message(ui, "Aucun membre dans la liste.");
			return UI_HANDLED;
		}
		if (op == OP_WRITE) {
			messages_write_to(ui, d->list[d->sel.sel].login);
			return UI_HANDLED;
		}
		id = d->list[d->sel.sel].member_id;
		ui_push(ui, &screen_member, &id);
		return UI_HANDLED;
	default:
		return ui_list_handle(&d->sel, op, &d->inner);
	}
}

static struct ui_list *
directory_menu(struct ui_view *v)
{
	struct directory *d = v->state;

	return &d->sel;
}

static char *
directory_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct directory *d = v->state;
	char *line, *s;

	line = directory_line(&d->list[i]);
	xasprintf(&s, "%s%s%s", d->list[i].display_name,
	    line[0] != '\0' ? " : " : "", line);
	free(line);
	return s;
}

const struct ui_screen screen_directory = {
	.name = "annuaire",
	.keys = directory_keys,
	.enter = directory_enter,
	.layout = directory_layout,
	.draw = directory_draw,
	.handle = directory_handle,
	.leave = directory_leave,
	.menu = directory_menu,
	.item = directory_item,
};

/* --- One member's profile ----------------------------------------------- */

/* Add « Label : value » when the value is there (and visible). */
static void
member_add(struct ui_pager *pg, const char *label, const char *value)
{
	char *line;

	if (value == NULL || value[0] == '\0')
		return;
	xasprintf(&line, "%s : %s", label, value);
	ui_pager_add(pg, TXT_BLOCK_PARA, 0, line, 0);
	free(line);
}

/* The profile as viewer sees it, into pg (profile.c shows one's own). */
void
directory_profile_pager(struct ui *ui, const struct store_profile *p,
    struct ui_pager *pg)
{
	char date[64], *line;

	ui_pager_add(pg, TXT_BLOCK_HEADING, 1, p->display_name, 0);
	txt_date_long(date, sizeof(date), p->created_at);
	xasprintf(&line, "Identifiant : %s — %s, membre depuis le %s",
	    p->login, store_role_label(p->role), date);
	ui_pager_add(pg, TXT_BLOCK_PARA, 0, line, TXT_ATTR_ITALIC);
	free(line);
	member_add(pg, store_pfield_label(PROF_ORGANISATION),
	    p->field[PROF_ORGANISATION]);
	member_add(pg, store_pfield_label(PROF_ORG_TYPE),
	    store_org_type_label(p->field[PROF_ORG_TYPE]));
	member_add(pg, store_pfield_label(PROF_JOB), p->field[PROF_JOB]);
	member_add(pg, store_pfield_label(PROF_TERRITORY), p->territory);
	member_add(pg, store_pfield_label(PROF_EXPERTISE),
	    p->field[PROF_EXPERTISE]);
	member_add(pg, store_pfield_label(PROF_EMAIL), p->field[PROF_EMAIL]);
	if (p->field[PROF_PRESENTATION][0] != '\0') {
		ui_pager_add(pg, TXT_BLOCK_RULE, 0, "", 0);
		ui_pager_add_doc(pg, txt_doc_from_plain(
		    p->field[PROF_PRESENTATION],
		    strlen(p->field[PROF_PRESENTATION])));
	}
}

static int
member_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct member_view *mv;
	struct store_profile p;

	if (store_profile_get(ui_store(ui), ui_member(ui)->id,
	    *(const int64_t *)arg, &p) != 0) {
		ui_message(ui, "Ce membre n'est pas (ou plus) dans l'annuaire.");
		return -1;
	}
	mv = xcalloc(1, sizeof(*mv));
	mv->id = p.member_id;
	mv->login = xstrdup(p.login);
	mv->name = xstrdup(p.display_name);
	ui_pager_init(&mv->pager);
	directory_profile_pager(ui, &p, &mv->pager);
	ui_view_set_title(v, p.display_name);
	store_profile_clear(&p);
	v->state = mv;
	return 0;
}

static void
member_leave(struct ui *ui, struct ui_view *v)
{
	struct member_view *mv = v->state;

	ui_pager_free(&mv->pager);
	free(mv->login);
	free(mv->name);
	free(mv);
}

static void
member_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct member_view *mv = v->state;

	ui_pager_layout(&mv->pager, r);
	ui_pager_status(&mv->pager, v, r->h);
}

static void
member_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct member_view *mv = v->state;

	ui_pager_draw(&mv->pager, r);
}

static int
member_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct member_view *mv = v->state;

	if (op == OP_WRITE) {
		if (mv->id == ui_member(ui)->id)
			ui_message(ui, "C'est votre propre profil.");
		else
			messages_write_to(ui, mv->login);
		return UI_HANDLED;
	}
	if (op == OP_VEILLE) {	/* their new threads and practices */
		if (mv->id == ui_member(ui)->id)
			ui_message(ui, "C'est votre propre profil.");
		else
			veille_toggle(ui, &(struct veille_thing){ FOLLOW_MEMBER,
			    mv->id, NULL, mv->name });
		return UI_HANDLED;
	}
	if (ui_pager_handle(&mv->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&mv->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
member_text(struct ui_view *v)
{
	struct member_view *mv = v->state;

	return &mv->pager;
}

const struct ui_screen screen_member = {
	.name = "profil",
	.keys = member_keys,
	.enter = member_enter,
	.layout = member_layout,
	.draw = member_draw,
	.handle = member_handle,
	.leave = member_leave,
	.text = member_text,
};
