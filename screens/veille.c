/*
 * veille.c - « Ma veille »: what the member follows (store_follow_*),
 * listed and edited in one place, reached from Accueil and « Mon
 * profil »; and the one way every other screen follows a thing: the key
 * S, through veille_toggle() when the screen shows one thing (a board,
 * a thread, a member) or veille_choose() when it shows several (a
 * document: its kind, its issuer, its themes; a record: its territory,
 * its themes, its author; an exchange day: its themes, its territory),
 * which offers them to tick in the chooser (ui_pick).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "util/util.h"

/* « Ma veille »: entry 0 is the automatic follow of threads. */
struct veille {
	struct store_follow	*list;
	size_t			 n;
	int			 automatic;
	struct ui_list		 sel;
	struct ui_rect		 inner;
};

/* « Suivre »: the things of one screen, copied, offered to tick in
 * ui_pick() (key: the index), and whether each was followed. */
struct veille_choice {
	struct veille_thing	*things;
	struct ui_form_option	*opts;
	char			**owned;	/* 4 a thing: key, label,
						 * index, name */
	int			*was;
	size_t			 n;
};

enum { OP_REMOVE = OP_SCREEN };

static const struct ui_key veille_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir, ou changer le réglage",
	    UI_KEY_BAR },
	{ 'd', OP_REMOVE, "d", "Retirer de « Ma veille »", UI_KEY_BAR },
	UI_KEYS_END
};

/* --- Following from any screen ------------------------------------------- */

/* « Forum « Emploi » » as the member reads it. */
static char *
veille_name(const struct veille_thing *t)
{
	char *s;

	xasprintf(&s, "%s « %s »", store_follow_kind_label(t->kind),
	    t->label);
	return s;
}

int
veille_toggle(struct ui *ui, const struct veille_thing *t)
{
	struct store *st = ui_store(ui);
	int64_t me = ui_member(ui)->id;
	char *name;
	int on, r;

	if (ui_member(ui)->role == ROLE_INVITE) {
		ui_message(ui, "« Ma veille » est réservée aux membres.");
		return -1;
	}
	if ((on = store_follow_is(st, me, t->kind, t->id, t->key)) < 0)
		r = STORE_ERR;
	else
		r = store_follow_set(st, me, t->kind, t->id, t->key, !on);
	if (r != STORE_OK) {
		ui_message(ui, "%s", store_rc_text(r));
		return -1;
	}
	name = veille_name(t);
	if (on)
		ui_message(ui, "Vous ne suivez plus : %s.", name);
	else
		ui_message(ui, "Ajouté à « Ma veille » : %s.", name);
	free(name);
	return !on;
}

void
veille_set_add(struct veille_set *s, int kind, int64_t id, const char *key,
    const char *label)
{
	if (s->n == VEILLE_SET_MAX || label == NULL)
		return;
	s->t[s->n++] = (struct veille_thing){ kind, id, key, label };
}

/* Keep a string the set's things point to. */
static const char *
veille_set_own(struct veille_set *s, char *str)
{
	if (str == NULL || s->nowned == nitems(s->owned)) {
		free(str);
		return NULL;
	}
	return s->owned[s->nowned++] = str;
}

void
veille_set_territory(struct ui *ui, struct veille_set *s, const char *dep)
{
	struct store_departement *l = NULL;
	struct store_region *r = NULL;
	size_t n = 0, nr = 0, i, k;

	if (dep == NULL || *dep == '\0' || store_departement_list(ui_store(ui),
	    NULL, &l, &n) != 0)
		return;
	for (i = 0; i < n && strcmp(l[i].code, dep) != 0; i++)
		;
	if (i < n) {
		veille_set_add(s, FOLLOW_DEPARTEMENT, 0, veille_set_own(s,
		    xstrdup(l[i].code)), veille_set_own(s, xstrdup(l[i].name)));
		if (store_region_list(ui_store(ui), &r, &nr) == 0)
			for (k = 0; k < nr; k++)
				if (strcmp(r[k].code, l[i].region_code) == 0)
					veille_set_add(s, FOLLOW_REGION, 0,
					    veille_set_own(s,
					    xstrdup(r[k].code)),
					    veille_set_own(s,
					    xstrdup(r[k].name)));
		store_region_list_free(r, nr);
	}
	store_departement_list_free(l, n);
}

void
veille_set_themes(struct ui *ui, struct veille_set *s, const char *keys)
{
	const char *p, *key;
	size_t n;

	for (p = keys != NULL ? keys : ""; *p != '\0'; p += n) {
		p += strspn(p, " ");
		if ((n = strcspn(p, " ")) == 0)
			continue;
		key = veille_set_own(s, xstrndup(p, n));
		veille_set_add(s, FOLLOW_THEME, 0, key, veille_set_own(s,
		    store_theme_label(ui_store(ui), key)));
	}
}

void
veille_set_choose(struct ui *ui, struct veille_set *s)
{
	size_t i;

	veille_choose(ui, s->t, s->n);
	for (i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	memset(s, 0, sizeof(*s));
}

static void
veille_choice_free(struct veille_choice *ch)
{
	size_t i;

	for (i = 0; i < 4 * ch->n; i++)
		free(ch->owned[i]);
	free(ch->owned);
	free(ch->things);
	free(ch->opts);
	free(ch->was);
	free(ch);
}

/* The ticks of « Suivre » (NULL: back): follow what was ticked, stop
 * following what was unticked, and say it once. */
static void
veille_chosen(struct ui *ui, void *ctx, const char *value)
{
	struct veille_choice *ch = ctx;
	const struct veille_thing *t;
	const char *p;
	char *end;
	int *want, added = 0, removed = 0, r, failed = STORE_OK;
	size_t i;

	if (value == NULL) {
		veille_choice_free(ch);
		return;
	}
	want = xcalloc(ch->n, sizeof(*want));
	for (p = value; *p != '\0'; p = end) {
		i = strtoul(p, &end, 10);
		if (end == p)
			break;
		if (i < ch->n)
			want[i] = 1;
		end += strspn(end, " ");
	}
	for (i = 0; i < ch->n; i++) {
		if (want[i] == ch->was[i])
			continue;
		t = &ch->things[i];
		if ((r = store_follow_set(ui_store(ui), ui_member(ui)->id,
		    t->kind, t->id, t->key, want[i])) != STORE_OK)
			failed = r;
		else if (want[i])
			added++;
		else
			removed++;
	}
	if (failed != STORE_OK)
		ui_message(ui, "%s", store_rc_text(failed));
	else if (added + removed == 0)
		ui_message(ui, "« Ma veille » reste comme elle était.");
	else
		ui_message(ui, "« Ma veille » : %d ajout%s, %d retrait%s.",
		    added, added > 1 ? "s" : "", removed,
		    removed > 1 ? "s" : "");
	free(want);
	veille_choice_free(ch);
}

int
veille_choose(struct ui *ui, const struct veille_thing *things, size_t n)
{
	struct veille_choice *ch;
	struct buf cur;
	size_t i;
	int r;

	if (n == 1)
		return veille_toggle(ui, things) < 0 ? -1 : 0;
	if (n == 0) {
		ui_message(ui, "Rien à suivre ici.");
		return -1;
	}
	if (ui_member(ui)->role == ROLE_INVITE) {
		ui_message(ui, "« Ma veille » est réservée aux membres.");
		return -1;
	}
	ch = xcalloc(1, sizeof(*ch));
	ch->n = n;
	ch->things = xcalloc(n, sizeof(*ch->things));
	ch->opts = xcalloc(n, sizeof(*ch->opts));
	ch->owned = xcalloc(4 * n, sizeof(*ch->owned));
	ch->was = xcalloc(n, sizeof(*ch->was));
	buf_init(&cur);
	for (i = 0; i < n; i++) {
		ch->things[i] = things[i];
		ch->things[i].key = ch->owned[4 * i] = xstrdup(things[i].key !=
		    NULL ? things[i].key : "");
		ch->things[i].label = ch->owned[4 * i + 1] =
		    xstrdup(things[i].label);
		xasprintf(&ch->owned[4 * i + 2], "%zu", i);
		ch->opts[i].key = ch->owned[4 * i + 2];
		ch->opts[i].label = ch->owned[4 * i + 3] =
		    veille_name(&ch->things[i]);
		ch->was[i] = store_follow_is(ui_store(ui), ui_member(ui)->id,
		    things[i].kind, things[i].id, things[i].key) == 1;
		if (ch->was[i])
			buf_printf(&cur, "%s%zu", cur.len > 0 ? " " : "", i);
	}
	buf_add(&cur, "", 1);
	r = ui_pick(ui, "Suivre (Espace coche, Entrée valide)", ch->opts, n, 1,
	    cur.data, veille_chosen, ch);
	buf_free(&cur);
	if (r != 0)
		veille_choice_free(ch);
	return r;
}

/* --- « Ma veille » ------------------------------------------------------- */

static void
veille_load(struct ui *ui, struct veille *w)
{
	size_t sel = w->sel.sel;

	store_follow_list_free(w->list, w->n);
	w->list = NULL;
	w->n = 0;
	if (store_follow_list(ui_store(ui), ui_member(ui)->id, &w->list,
	    &w->n) != 0) {
		w->list = NULL;
		w->n = 0;
		ui_message(ui, "« Ma veille » n'a pas pu être lue.");
	}
	w->automatic = store_follow_auto(ui_store(ui), ui_member(ui)->id) != 0;
	ui_list_init(&w->sel, w->n + 1, 1);
	w->sel.sel = sel <= w->n ? sel : w->n;
	ui_list_layout(&w->sel, &w->inner);
}

static int
veille_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct veille *w = xcalloc(1, sizeof(*w));

	veille_load(ui, w);
	v->state = w;
	ui_view_set_title(v, "Ma veille");
	return 0;
}

static void
veille_leave(struct ui *ui, struct ui_view *v)
{
	struct veille *w = v->state;

	store_follow_list_free(w->list, w->n);
	free(w);
}

static void
veille_resume(struct ui *ui, struct ui_view *v)
{
	veille_load(ui, v->state);
}

static void
veille_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct veille *w = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	w->inner = inner;
	ui_list_layout(&w->sel, &inner);
}

static char *
veille_line(const struct veille *w, size_t i)
{
	const struct store_follow *f;
	char *s;

	if (i == 0)
		return xstrdup(w->automatic ? "Suivre les fils où j'écris : "
		    "oui" : "Suivre les fils où j'écris : non");
	f = &w->list[i - 1];
	xasprintf(&s, "%s : %s%s", store_follow_kind_label(f->kind),
	    f->label, f->automatic ? " (j'y ai écrit)" : "");
	return s;
}

static void
veille_draw_item(int y, int x, int w, size_t i, int selected, const void *arg)
{
	char *s = veille_line(arg, i);

	ui_put(y, x + 1, w - 2, s, selected ? A_REVERSE : i == 0 ? 0 : A_BOLD);
	free(s);
}

static void
veille_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct veille *w = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	ui_list_draw(&w->sel, &inner, veille_draw_item, w);
	if (w->n == 0 && inner.h > 3)
		ui_put_wrapped(&inner, 2, "Vous ne suivez rien encore : S "
		    "sur un forum, un fil, un document, une fiche, une "
		    "journée ou un membre l'ajoute ici.", 0, 0);
}

/* Open what a follow names, where there is a screen for it. */
static void
veille_open(struct ui *ui, const struct store_follow *f)
{
	struct store_viewer vw;
	struct store_thread t;
	int64_t id = f->target_id;

	switch (f->kind) {
	case FOLLOW_BOARD:
		ui_push(ui, &screen_threads, &id);
		break;
	case FOLLOW_THREAD:
		ui_viewer(ui, &vw);
		memset(&t, 0, sizeof(t));
		if (store_thread_get(ui_store(ui), &vw, id, &t) != 0) {
			ui_message(ui, "Ce fil n'est plus lisible.");
			break;
		}
		forum_open_post(ui, t.last_post_id);
		store_thread_clear(&t);
		break;
	case FOLLOW_MEMBER:
		ui_push(ui, &screen_member, &id);
		break;
	default:
		ui_message(ui, "Ce que vous suivez ici vient dans « Quoi de "
		    "neuf » ; d pour le retirer.");
	}
}

static int
veille_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct veille *w = v->state;
	const struct store_follow *f;
	int r;

	switch (op) {
	case OP_OPEN:
		if (w->sel.sel == 0) {
			if ((r = store_follow_auto_set(ui_store(ui),
			    ui_member(ui)->id, !w->automatic)) != STORE_OK)
				ui_message(ui, "%s", store_rc_text(r));
			veille_load(ui, w);
			return UI_HANDLED;
		}
		veille_open(ui, &w->list[w->sel.sel - 1]);
		return UI_HANDLED;
	case OP_REMOVE:
		if (w->sel.sel == 0) {
			ui_message(ui, "Entrée change ce réglage.");
			return UI_HANDLED;
		}
		f = &w->list[w->sel.sel - 1];
		if ((r = store_follow_set(ui_store(ui), ui_member(ui)->id,
		    f->kind, f->target_id, f->kind == FOLLOW_ISSUER ?
		    f->label : f->key, 0)) != STORE_OK)
			ui_message(ui, "%s", store_rc_text(r));
		else
			ui_message(ui, "Retiré de « Ma veille ».");
		veille_load(ui, w);
		return UI_HANDLED;
	default:
		return ui_list_handle(&w->sel, op, &w->inner);
	}
}

static struct ui_list *
veille_menu(struct ui_view *v)
{
	struct veille *w = v->state;

	return &w->sel;
}

static char *
veille_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	return veille_line(v->state, i);
}

const struct ui_screen screen_veille = {
	.name = "ma-veille",
	.keys = veille_keys,
	.enter = veille_enter,
	.layout = veille_layout,
	.draw = veille_draw,
	.handle = veille_handle,
	.leave = veille_leave,
	.resume = veille_resume,
	.menu = veille_menu,
	.item = veille_item,
};
