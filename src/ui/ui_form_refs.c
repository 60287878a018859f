/*
 * ui_form_refs.c - the list of a SEARCH field: the field keeps its keys
 * as one string, like MULTI; its sub-screen (ui_form_refs_screen) lists
 * their labels, searches with the field's search() hook and adds what
 * ui_pick() returns.
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

/* The list of a SEARCH field. */
struct form_refs {
	struct ui_form			*form;
	size_t				 field;
	char				**keys;
	char				**labels;
	size_t				 n;
	struct ui_list			 list;
	struct ui_form_option		*found;		/* last search */
	size_t				 nfound;
};

static const struct ui_key refs_keys[] = {
	UI_LIST_KEYS,
	{ '+', OP_REFS_ADD, "+", "Ajouter : rechercher un élément",
	    UI_KEY_BAR },
	{ '/', OP_REFS_ADD, "/", "Rechercher et ajouter", UI_KEY_NOHELP },
	{ 'd', OP_REFS_REMOVE, "d", "Retirer de la liste", UI_KEY_BAR },
	{ UI_FN(KEY_DC), OP_REFS_REMOVE, "Suppr", "Retirer de la liste",
	    UI_KEY_NOHELP },
	{ '\r', OP_REFS_DONE, "Entrée", "Terminer", UI_KEY_BAR },
	{ UI_CTRL('X'), OP_REFS_DONE, "Ctrl-X", "Terminer", UI_KEY_NOHELP },
	{ UI_KEY_ESC, OP_REFS_DONE, "Échap", "Terminer", UI_KEY_NOHELP },
	UI_KEYS_END
};

static int	 refs_enter(struct ui *, struct ui_view *, void *);
static void	 refs_leave(struct ui *, struct ui_view *);
static void	 refs_layout(struct ui *, struct ui_view *,
		    const struct ui_rect *);
static void	 refs_draw(struct ui *, const struct ui_view *,
		    const struct ui_rect *);
static int	 refs_handle(struct ui *, struct ui_view *, int, int);
static int	 refs_tick(struct ui *, struct ui_view *);
static struct ui_list *refs_menu(struct ui_view *);
static char	*refs_item(struct ui *, const struct ui_view *, size_t);
static void	 refs_load(struct form_refs *);
static void	 refs_clear(struct form_refs *);
static void	 refs_search_done(struct ui *, void *, const char *);
static void	 refs_picked(struct ui *, void *, const char *);
static int	 refs_add(struct ui_form *, size_t, const char *);
static void	 refs_remove(struct ui_form *, size_t, const char *);

const struct ui_screen ui_form_refs_screen = {
	.name = "formulaire-liste",
	.keys = refs_keys,
	.enter = refs_enter,
	.layout = refs_layout,
	.draw = refs_draw,
	.handle = refs_handle,
	.leave = refs_leave,
	.tick = refs_tick,
	.menu = refs_menu,
	.item = refs_item,
};

/* --- The list of a SEARCH field ------------------------------------------ */

void
ui_form_options_free(struct ui_form_option *o, size_t n)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((char *)o[i].key);
		free((char *)o[i].label);
	}
	free(o);
}

/* Add key at the end of field i: 0, 1 if it is there already, 2 if
 * the field would be too long. */
static int
refs_add(struct ui_form *f, size_t i, const char *key)
{
	const char *v = ui_form_value(f, i);
	char *nv;

	if (form_has_key(v, key))
		return 1;
	if (f->fields[i].max > 0 && strlen(v) + 1 + strlen(key) >
	    f->fields[i].max)
		return 2;
	xasprintf(&nv, "%s%s%s", v, v[0] != '\0' ? " " : "", key);
	ui_form_set(f, i, nv);
	free(nv);
	return 0;
}

/* Remove key from field i. */
static void
refs_remove(struct ui_form *f, size_t i, const char *key)
{
	struct buf b;
	char *copy, *k, *save = NULL, *nv;

	buf_init(&b);
	copy = xstrdup(ui_form_value(f, i));
	for (k = strtok_r(copy, " ", &save); k != NULL;
	    k = strtok_r(NULL, " ", &save))
		if (strcmp(k, key) != 0)
			buf_printf(&b, "%s%s", b.len > 0 ? " " : "", k);
	free(copy);
	nv = buf_detach(&b);
	ui_form_set(f, i, nv);
	free(nv);
}

static void
refs_clear(struct form_refs *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->keys[i]);
		free(r->labels[i]);
	}
	free(r->keys);
	free(r->labels);
	r->keys = r->labels = NULL;
	r->n = 0;
}

/* The keys of the field and their labels, read again. */
static void
refs_load(struct form_refs *r)
{
	const struct ui_form_field *fi = &r->form->fields[r->field];
	char *copy, *k, *save = NULL, *l;
	size_t cap, sel = r->list.sel;

	refs_clear(r);
	copy = xstrdup(ui_form_value(r->form, r->field));
	cap = strlen(copy) / 2 + 1;
	r->keys = xcalloc(cap, sizeof(*r->keys));
	r->labels = xcalloc(cap, sizeof(*r->labels));
	for (k = strtok_r(copy, " ", &save); k != NULL && r->n < cap;
	    k = strtok_r(NULL, " ", &save)) {
		l = fi->key_label != NULL ? fi->key_label(r->form->ctx, k) :
		    NULL;
		r->keys[r->n] = xstrdup(k);
		r->labels[r->n++] = l != NULL ? l : xstrdup(k);
	}
	free(copy);
	ui_list_init(&r->list, r->n, 1);
	r->list.sel = sel < r->n ? sel : r->n > 0 ? r->n - 1 : 0;
}

static int
refs_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct form_refs *r = xcalloc(1, sizeof(*r));

	r->form = arg;
	r->field = r->form->cur;
	refs_load(r);
	v->state = r;
	ui_view_set_title(v, r->form->fields[r->field].label);
	return 0;
}

static void
refs_leave(struct ui *ui, struct ui_view *v)
{
	struct form_refs *r = v->state;

	/* A hang-up lands here too: the form's owner saves the draft. */
	if (r->form->dirty)
		ui_form_save_now(ui, r->form);
	refs_clear(r);
	ui_form_options_free(r->found, r->nfound);
	free(r);
}

static void
refs_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *rect)
{
	struct form_refs *r = v->state;
	struct ui_rect in = { rect->y + 2, rect->x, rect->h - 2, rect->w };

	ui_list_layout(&r->list, &in);
}

static void
refs_draw_item(int y, int x, int w, size_t i, int selected, const void *arg)
{
	const struct form_refs *r = arg;
	char *s;

	xasprintf(&s, "%zu. %s", i + 1, r->labels[i]);
	ui_put(y, x + 2, w - 2, s, selected ? A_REVERSE : 0);
	free(s);
}

static void
refs_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *rect)
{
	const struct form_refs *r = v->state;
	const struct ui_form_field *fi = &r->form->fields[r->field];
	struct ui_rect in = { rect->y + 2, rect->x, rect->h - 2, rect->w };

	ui_put(rect->y, rect->x, rect->w, fi->help != NULL ? fi->help :
	    fi->label, A_BOLD);
	if (r->n == 0) {
		ui_put_wrapped(&in, 0, fi->empty != NULL ? fi->empty :
		    "La liste est vide : + pour chercher et ajouter.", 0, 0);
		return;
	}
	ui_list_draw(&r->list, &in, refs_draw_item, r);
}

static void
refs_search_done(struct ui *ui, void *ctx, const char *text)
{
	struct form_refs *r = ctx;
	const struct ui_form_field *fi = &r->form->fields[r->field];

	if (text == NULL || text[strspn(text, " ")] == '\0' ||
	    fi->search == NULL)
		return;
	ui_form_options_free(r->found, r->nfound);
	r->found = fi->search(r->form->ctx, text, &r->nfound);
	if (r->nfound == 0) {
		ui_message(ui, "Rien ne correspond à « %s ».", text);
		return;
	}
	/* The results stay in r->found while the chooser shows them. */
	ui_pick(ui, "Résultats : Entrée ajoute", r->found, r->nfound, 0, "",
	    refs_picked, r);
}

static void
refs_picked(struct ui *ui, void *ctx, const char *key)
{
	struct form_refs *r = ctx;
	size_t i;
	int rc;

	if (key == NULL)
		return;
	rc = refs_add(r->form, r->field, key);
	if (rc == 2) {
		ui_message(ui, "La liste est pleine : retirez-en un d'abord.");
		return;
	}
	refs_load(r);
	for (i = 0; i < r->n; i++)
		if (strcmp(r->keys[i], key) == 0)
			r->list.sel = i;
	ui_message(ui, rc == 1 ? "Déjà dans la liste." : "Ajouté à la "
	    "liste.");
}

static int
refs_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct form_refs *r = v->state;
	struct ui_rect in = { v->laid_out.y + 2, v->laid_out.x,
	    v->laid_out.h - 2, v->laid_out.w };

	switch (op) {
	case OP_REFS_ADD:
		ui_prompt(ui, "Chercher :", "", 200, refs_search_done, r);
		return UI_HANDLED;
	case OP_REFS_REMOVE:
		if (r->n == 0) {
			ui_message(ui, "La liste est vide.");
			return UI_HANDLED;
		}
		refs_remove(r->form, r->field, r->keys[r->list.sel]);
		refs_load(r);
		v->laid_out.h = 0;
		ui_message(ui, "Retiré de la liste.");
		return UI_HANDLED;
	case OP_REFS_DONE:
		ui_pop(ui);
		return UI_HANDLED;
	case OP_QUIT:
	case OP_HELP:
	case OP_REDRAW:
		return UI_IGNORED;
	default:
		break;
	}
	if (r->n == 0)
		return UI_IGNORED;
	return ui_list_handle(&r->list, op, &in);
}

static int
refs_tick(struct ui *ui, struct ui_view *v)
{
	struct form_refs *r = v->state;

	return ui_form_tick(ui, r->form);
}

static struct ui_list *
refs_menu(struct ui_view *v)
{
	struct form_refs *r = v->state;

	return &r->list;
}

static char *
refs_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct form_refs *r = v->state;

	return xstrdup(r->labels[i]);
}

/*
 * Line mode, a SEARCH field: the list, then words to search, « -N » to
 * remove, Entrée to go on. Returns as form_line_field.
 */
int
form_line_search(struct ui *ui, struct ui_form *f, size_t i)
{
	const struct ui_form_field *fi = &f->fields[i];
	struct ui_form_option *found = NULL;
	size_t nfound = 0, k;
	char *in, *q, *copy, *w, *save = NULL, *l, *end;
	long num;
	int rc = -1, n;

	in = xmalloc(LINE_ANSWER + 1);
	xasprintf(&q, "%s%s%s", fi->label, fi->help != NULL ? " — " : "",
	    fi->help != NULL ? fi->help : "");
	form_line_print(q);
	free(q);
	for (;;) {
		copy = xstrdup(ui_form_value(f, i));
		n = 0;
		for (w = strtok_r(copy, " ", &save); w != NULL;
		    w = strtok_r(NULL, " ", &save)) {
			l = fi->key_label != NULL ? fi->key_label(f->ctx, w) :
			    NULL;
			xasprintf(&q, "%2d. %s", ++n, l != NULL ? l : w);
			form_line_print(q);
			free(q);
			free(l);
		}
		free(copy);
		if (n == 0)
			form_line_print(fi->empty != NULL ? fi->empty :
			    "La liste est vide.");
		if (ui_line_read(ui, "Mots à chercher pour ajouter, « -N » pour "
		    "retirer le N-ième (Entrée : continuer) : ", in,
		    LINE_ANSWER) != 0)
			break;
		if (in[0] == '\0') {
			rc = 1;
			break;
		}
		if (strcmp(in, "~q") == 0 || strcmp(in, "<") == 0 ||
		    strcmp(in, ".") == 0) {
			rc = in[0] == '~' ? 0 : in[0] == '<' ? 2 : 3;
			break;
		}
		if (strcmp(in, "-") == 0) {
			ui_form_set(f, i, "");
			continue;
		}
		if (in[0] == '-') {
			num = strtol(in + 1, &end, 10);
			copy = xstrdup(ui_form_value(f, i));
			save = NULL;
			for (w = strtok_r(copy, " ", &save), n = 1; w != NULL &&
			    n < num; w = strtok_r(NULL, " ", &save), n++)
				;
			if (*end != '\0' || num < 1 || w == NULL)
				form_line_print("Ce numéro n'est pas dans la "
				    "liste.");
			else
				refs_remove(f, i, w);
			free(copy);
			continue;
		}
		ui_form_options_free(found, nfound);
		found = fi->search != NULL ? fi->search(f->ctx, in, &nfound) :
		    NULL;
		if (nfound == 0) {
			xasprintf(&q, "Rien ne correspond à « %s ».", in);
			form_line_print(q);
			free(q);
			continue;
		}
		for (k = 0; k < nfound; k++) {
			xasprintf(&q, "%2zu. %s", k + 1, found[k].label);
			form_line_print(q);
			free(q);
		}
		if (ui_line_read(ui, "Numéro à ajouter (Entrée : aucun) : ", in,
		    LINE_ANSWER) != 0)
			break;
		if (in[0] == '\0')
			continue;
		num = strtol(in, &end, 10);
		if (*end != '\0' || num < 1 || (size_t)num > nfound)
			form_line_print("Ce numéro n'est pas dans la liste.");
		else if (refs_add(f, i, found[num - 1].key) == 2)
			form_line_print("La liste est pleine : retirez-en un "
			    "d'abord.");
		if (f->dirty)
			ui_form_save_now(ui, f);
	}
	ui_form_options_free(found, nfound);
	free(in);
	return rc;
}
