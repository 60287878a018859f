/*
 * ui_form_pick.c - the list chooser ui_pick(): one option (CHOICE) or
 * several ticked (MULTI), by group first when the options have groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_edit.h"
#include "ui/ui.h"
#include "ui/ui_form.h"
#include "ui/ui_form_private.h"
#include "ui/ui_private.h"
#include "util/util.h"

/* The chooser's state. */
struct pick {
	char				*title;
	const struct ui_form_option	*opts;
	size_t				 n;
	int				 multi;
	char				*ticked;	/* multi: one flag per option */
	const char			*group;		/* chosen group, or NULL */
	size_t				*shown;		/* indexes of what is listed */
	size_t				 nshown;
	int				 groups;	/* listing groups now */
	struct ui_list			 list;
	void				(*done)(struct ui *, void *, const char *);
	void				*ctx;
};

static const struct ui_key pick_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Choisir", UI_KEY_BAR },
	{ ' ', OP_PICK_TOGGLE, "Espace", "Cocher, décocher", UI_KEY_BAR },
	{ UI_CTRL('X'), OP_PICK_OK, "Ctrl-X", "Valider les cases cochées",
	    0 },
	UI_KEYS_END
};

static int	 pick_enter(struct ui *, struct ui_view *, void *);
static void	 pick_leave(struct ui *, struct ui_view *);
static void	 pick_layout(struct ui *, struct ui_view *,
		    const struct ui_rect *);
static void	 pick_draw(struct ui *, const struct ui_view *,
		    const struct ui_rect *);
static int	 pick_handle(struct ui *, struct ui_view *, int, int);
static struct ui_list *pick_menu(struct ui_view *);
static char	*pick_item(struct ui *, const struct ui_view *, size_t);
static void	 pick_list(struct pick *, const char *);
static void	 pick_finish(struct ui *, struct ui_view *, int);
static const char *pick_label(const struct pick *, size_t);

const struct ui_screen ui_form_pick_screen = {
	.name = "choix",
	.keys = pick_keys,
	.enter = pick_enter,
	.layout = pick_layout,
	.draw = pick_draw,
	.handle = pick_handle,
	.leave = pick_leave,
	.menu = pick_menu,
	.item = pick_item,
};

/* --- The chooser ---------------------------------------------------------- */

int
ui_pick(struct ui *ui, const char *title, const struct ui_form_option *opts,
    size_t n, int multi, const char *current,
    void (*done)(struct ui *, void *, const char *), void *ctx)
{
	struct pick_arg a;

	a.title = title;
	a.opts = opts;
	a.n = n;
	a.multi = multi;
	a.current = current != NULL ? current : "";
	a.done = done;
	a.ctx = ctx;
	return ui_push(ui, &ui_form_pick_screen, &a);
}

/* List the groups (group NULL, when options have groups) or the
 * options of group (or all of them). */
static void
pick_list(struct pick *p, const char *group)
{
	size_t i, k;

	p->nshown = 0;
	p->group = group;
	p->groups = group == NULL && p->n > 0 && p->opts[0].group != NULL;
	for (i = 0; i < p->n; i++) {
		if (p->groups) {
			for (k = 0; k < p->nshown; k++)
				if (strcmp(p->opts[p->shown[k]].group,
				    p->opts[i].group) == 0)
					break;
			if (k < p->nshown)
				continue;
		} else if (group != NULL && strcmp(p->opts[i].group, group) != 0)
			continue;
		p->shown[p->nshown++] = i;
	}
	ui_list_init(&p->list, p->nshown, 1);
}

static int
pick_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	const struct pick_arg *a = arg;
	struct pick *p = xcalloc(1, sizeof(*p));
	size_t i, k;

	p->title = xstrdup(a->title);
	p->opts = a->opts;
	p->n = a->n;
	p->multi = a->multi;
	p->done = a->done;
	p->ctx = a->ctx;
	p->ticked = xcalloc(a->n + 1, 1);
	p->shown = xcalloc(a->n + 1, sizeof(*p->shown));
	for (i = 0; i < a->n; i++)
		p->ticked[i] = a->current[0] != '\0' &&
		    form_has_key(a->current, a->opts[i].key);
	pick_list(p, NULL);
	/* Start on the current value (its group first). */
	for (i = 0; i < a->n && !a->multi; i++) {
		if (!p->ticked[i])
			continue;
		for (k = 0; k < p->nshown; k++)
			if ((p->groups && strcmp(p->opts[p->shown[k]].group,
			    p->opts[i].group) == 0) || p->shown[k] == i)
				p->list.sel = k;
		break;
	}
	v->state = p;
	ui_view_set_title(v, p->title);
	return 0;
}

static void
pick_leave(struct ui *ui, struct ui_view *v)
{
	struct pick *p = v->state;

	free(p->title);
	free(p->ticked);
	free(p->shown);
	free(p);
}

static void
pick_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct pick *p = v->state;
	struct ui_rect in = { r->y + 1, r->x, r->h - 1, r->w };

	ui_list_layout(&p->list, &in);
}

static const char *
pick_label(const struct pick *p, size_t k)
{
	const struct ui_form_option *o = &p->opts[p->shown[k]];

	return p->groups ? o->group : o->label;
}

static void
pick_draw_item(int y, int x, int w, size_t k, int selected, const void *arg)
{
	const struct pick *p = arg;
	int used = 2;

	if (p->multi && !p->groups)
		used += ui_put(y, x + used, w - used,
		    p->ticked[p->shown[k]] ? "[x] " : "[ ] ", 0);
	ui_put(y, x + used, w - used, pick_label(p, k),
	    selected ? A_REVERSE : 0);
}

static void
pick_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct pick *p = v->state;
	struct ui_rect in = { r->y + 1, r->x, r->h - 1, r->w };
	char *head;

	if (p->groups)
		head = xstrdup("Choisissez d'abord la région :");
	else if (p->multi)
		xasprintf(&head, "Espace coche ou décoche, Entrée valide%s",
		    p->group != NULL ? " (← : autres groupes)" : "");
	else if (p->group != NULL)
		xasprintf(&head, "%s (← : autre région)", p->group);
	else
		head = xstrdup("Entrée choisit :");
	ui_put(r->y, r->x, r->w, head, A_BOLD);
	free(head);
	ui_list_draw(&p->list, &in, pick_draw_item, p);
}

/* Pop, then hand the choice over (NULL: nothing chosen). */
static void
pick_finish(struct ui *ui, struct ui_view *v, int ok)
{
	struct pick *p = v->state;
	void (*done)(struct ui *, void *, const char *) = p->done;
	void *ctx = p->ctx;
	struct buf b;
	char *value = NULL;
	size_t i;

	if (ok && p->multi) {
		buf_init(&b);
		for (i = 0; i < p->n; i++)
			if (p->ticked[i])
				buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
				    p->opts[i].key);
		value = buf_detach(&b);
	} else if (ok)
		value = xstrdup(p->opts[p->shown[p->list.sel]].key);
	ui_pop(ui);
	done(ui, ctx, value);
	free(value);
}

static int
pick_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct pick *p = v->state;
	struct ui_rect in = { v->laid_out.y + 1, v->laid_out.x,
	    v->laid_out.h - 1, v->laid_out.w };
	const char *g;

	if (p->nshown == 0 && op != OP_BACK)
		return UI_IGNORED;
	switch (op) {
	case OP_OPEN:
		if (p->groups) {
			g = p->opts[p->shown[p->list.sel]].group;
			pick_list(p, g);
			v->laid_out.h = 0;
			return UI_HANDLED;
		}
		/* One choice, or the boxes ticked. */
		pick_finish(ui, v, 1);
		return UI_HANDLED;
	case OP_PICK_OK:
		if (p->multi && !p->groups) {
			pick_finish(ui, v, 1);
			return UI_HANDLED;
		}
		return UI_IGNORED;
	case OP_PICK_TOGGLE:
		if (!p->multi || p->groups) {
			ui_message(ui, "Une seule réponse ici : Entrée choisit.");
			return UI_HANDLED;
		}
		p->ticked[p->shown[p->list.sel]] ^= 1;
		ui_list_handle(&p->list, OP_DOWN, &in);
		return UI_HANDLED;
	case OP_BACK:
		if (p->group != NULL) {
			g = p->group;
			pick_list(p, NULL);
			for (size_t k = 0; k < p->nshown; k++)
				if (strcmp(p->opts[p->shown[k]].group, g) == 0)
					p->list.sel = k;
			v->laid_out.h = 0;
			return UI_HANDLED;
		}
		pick_finish(ui, v, 0);
		return UI_HANDLED;
	default:
		break;
	}
	return ui_list_handle(&p->list, op, &in);
}

static struct ui_list *
pick_menu(struct ui_view *v)
{
	struct pick *p = v->state;

	return &p->list;
}

static char *
pick_item(struct ui *ui, const struct ui_view *v, size_t k)
{
	const struct pick *p = v->state;
	char *s;

	if (p->multi && !p->groups)
		xasprintf(&s, "%s %s", p->ticked[p->shown[k]] ? "[x]" : "[ ]",
		    pick_label(p, k));
	else
		s = xstrdup(pick_label(p, k));
	return s;
}
