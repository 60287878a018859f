/*
 * ui_form.c - the form widget (ui_form.h): pages of fields drawn in a
 * screen's area, the long-text sub-screen on the boards' editor, the
 * list chooser ui_pick(), and the form's line mode.
 *
 * Invariants: every one-line field (TEXT, DATE) has its own txt_edit
 * (never wrapped), so what is typed is cleaned like any text and kept
 * bounded; the other kinds keep a string. cur is a field of page `page`.
 * The form is marked dirty by every change and cleaned by each save;
 * `saved_at` paces the saves (SAVE_MS).
 *
 * A SEARCH field keeps its keys as one string, like MULTI; its
 * sub-screen (ui_form_refs_screen) lists their labels, searches with
 * the field's search() hook and adds what ui_pick() returns.
 *
 * Layout of a page: « Page 2/5 : titre » on the first row, the focused
 * field's help on the last, and between them each field as a label row
 * and a value row. When a page does not fit (40x12), it scrolls so the
 * focused field stays in view.
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
#include "ui/ui_private.h"
#include "util/util.h"

#define SAVE_MS		2000	/* at most one save per 2 s of typing */
#define LINE_ANSWER	4096	/* line mode: one answer */

struct ui_form {
	const struct ui_form_field	*fields;
	size_t				 n;
	const char *const		*pages;
	int				 npages;
	struct txt_edit			**edits;	/* one-line kinds */
	char				**values;	/* the other kinds */
	size_t				 cur;
	int				 page;
	size_t				 hscroll;	/* of the focused field */
	int				 top;		/* first row of the page shown */
	int				 dirty;
	int64_t				 saved_at;	/* mono ms */
	int				(*save)(struct ui *, void *);
	void				*ctx;
	struct ui_rect			 area;
};

/* The long-text sub-screen's state. */
struct form_long {
	struct ui_form		*form;
	size_t			 field;
	struct ui_editor	*ed;
	struct ui_rect		 body;
};

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

struct pick_arg {
	const char			*title;
	const struct ui_form_option	*opts;
	size_t				 n;
	int				 multi;
	const char			*current;
	void				(*done)(struct ui *, void *, const char *);
	void				*ctx;
};

enum { OP_LONG_DONE = OP_SCREEN, OP_LONG_EDIT, OP_PICK_TOGGLE,
    OP_PICK_OK, OP_REFS_ADD, OP_REFS_REMOVE, OP_REFS_DONE };

static const struct ui_key long_keys[] = {
	{ UI_CTRL('X'), OP_LONG_DONE, "Ctrl-X", "Terminer", UI_KEY_BAR },
	{ UI_KEY_ESC, OP_LONG_DONE, "Échap", "Terminer", UI_KEY_BAR },
	{ UI_FN(KEY_HOME), OP_LONG_EDIT, "Début Fin", "Début, fin de la "
	    "ligne", 0 },
	{ UI_FN(KEY_END), OP_LONG_EDIT, NULL, NULL, 0 },
	{ UI_FN(KEY_PPAGE), OP_LONG_EDIT, "PgPréc PgSuiv", "Page "
	    "précédente, suivante", 0 },
	{ UI_FN(KEY_NPAGE), OP_LONG_EDIT, NULL, NULL, 0 },
	{ UI_CTRL('W'), OP_LONG_EDIT, "Ctrl-W", "Effacer le mot précédent",
	    0 },
	{ UI_CTRL('K'), OP_LONG_EDIT, "Ctrl-K", "Effacer jusqu'à la fin de "
	    "la ligne", 0 },
	UI_KEYS_END
};

static const struct ui_key pick_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Choisir", UI_KEY_BAR },
	{ ' ', OP_PICK_TOGGLE, "Espace", "Cocher, décocher", UI_KEY_BAR },
	{ UI_CTRL('X'), OP_PICK_OK, "Ctrl-X", "Valider les cases cochées",
	    0 },
	UI_KEYS_END
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
static int	 form_line_search(struct ui *, struct ui_form *, size_t);
static int	 long_enter(struct ui *, struct ui_view *, void *);
static void	 long_leave(struct ui *, struct ui_view *);
static void	 long_layout(struct ui *, struct ui_view *,
		    const struct ui_rect *);
static void	 long_draw(struct ui *, const struct ui_view *,
		    const struct ui_rect *);
static int	 long_handle(struct ui *, struct ui_view *, int, int);
static int	 long_input(struct ui *, struct ui_view *, const char *,
		    size_t);
static int	 long_tick(struct ui *, struct ui_view *);
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
static int	 form_one_line(const struct ui_form *, size_t);
static void	 form_changed(struct ui_form *);
static void	 form_scroll(struct ui_form *);
static void	 form_hscroll(struct ui_form *);
static void	 form_move(struct ui_form *, int);
static void	 form_open(struct ui *, struct ui_form *);
static void	 form_picked(struct ui *, void *, const char *);
static const char *form_option_label(const struct ui_form_field *,
		    const char *);
static int	 form_has_key(const char *, const char *);
static int	 form_line_field(struct ui *, struct ui_form *, size_t);
static void	 form_line_print(const char *);

const struct ui_screen ui_form_long_screen = {
	.name = "formulaire-texte",
	.keys = long_keys,
	.enter = long_enter,
	.layout = long_layout,
	.draw = long_draw,
	.handle = long_handle,
	.leave = long_leave,
	.input = long_input,
	.tick = long_tick,
};

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

/* --- The form ------------------------------------------------------------ */

static int
form_one_line(const struct ui_form *f, size_t i)
{
	return f->fields[i].kind == UI_FORM_TEXT ||
	    f->fields[i].kind == UI_FORM_DATE;
}

struct ui_form *
ui_form_new(const struct ui_form_field *fields, size_t n,
    const char *const *pages, int npages, int (*save)(struct ui *, void *),
    void *ctx)
{
	struct ui_form *f = xcalloc(1, sizeof(*f));
	size_t i;

	f->fields = fields;
	f->n = n;
	f->pages = pages;
	f->npages = npages;
	f->edits = xcalloc(n, sizeof(*f->edits));
	f->values = xcalloc(n, sizeof(*f->values));
	for (i = 0; i < n; i++) {
		if (form_one_line(f, i))
			f->edits[i] = txt_edit_new(fields[i].max);
		else
			f->values[i] = xstrdup("");
	}
	f->save = save;
	f->ctx = ctx;
	f->saved_at = mono_ms();
	return f;
}

void
ui_form_free(struct ui_form *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		txt_edit_free(f->edits[i]);
		free(f->values[i]);
	}
	free(f->edits);
	free(f->values);
	free(f);
}

const char *
ui_form_value(const struct ui_form *f, size_t i)
{
	if (f->edits[i] != NULL)
		return txt_edit_text(f->edits[i]);
	return f->values[i];
}

void
ui_form_set(struct ui_form *f, size_t i, const char *s)
{
	char *t, *p;

	if (s == NULL)
		s = "";
	if (f->edits[i] != NULL) {
		/* One line: the text layer turns newlines into spaces. */
		t = txt_clean(s, strlen(s), 0, 0, NULL);
		txt_edit_set(f->edits[i], t);
		free(t);
		txt_edit_top(f->edits[i]);
	} else {
		t = txt_clean(s, strlen(s), f->fields[i].kind == UI_FORM_LONG ?
		    TXT_MULTILINE : 0, f->fields[i].kind == UI_FORM_LONG ?
		    f->fields[i].max : 0, NULL);
		if (f->fields[i].kind != UI_FORM_LONG)
			for (p = t; *p != '\0'; p++)
				if (*p == '\n')
					*p = ' ';
		free(f->values[i]);
		f->values[i] = t;
	}
	form_changed(f);
}

static void
form_changed(struct ui_form *f)
{
	f->dirty = 1;
}

int
ui_form_dirty(const struct ui_form *f)
{
	return f->dirty;
}

void
ui_form_clean(struct ui_form *f)
{
	f->dirty = 0;
	f->saved_at = mono_ms();
}

size_t
ui_form_current(const struct ui_form *f)
{
	return f->cur;
}

void
ui_form_focus(struct ui_form *f, size_t i)
{
	if (i >= f->n)
		return;
	f->cur = i;
	f->page = f->fields[i].page;
	f->hscroll = 0;
	if (f->edits[i] != NULL)
		txt_edit_bottom(f->edits[i]);
	form_scroll(f);
	form_hscroll(f);
}

/* The label of option key in field fi, or NULL. */
static const char *
form_option_label(const struct ui_form_field *fi, const char *key)
{
	size_t i;

	for (i = 0; i < fi->noptions; i++)
		if (strcmp(fi->options[i].key, key) == 0)
			return fi->options[i].label;
	return NULL;
}

/* Is key one of the space-separated keys of list? */
static int
form_has_key(const char *list, const char *key)
{
	size_t n = strlen(key);
	const char *p = list;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

char *
ui_form_shown(const struct ui_form *f, size_t i)
{
	const struct ui_form_field *fi = &f->fields[i];
	const char *v = ui_form_value(f, i), *l;
	struct buf b;
	char *copy, *k, *save = NULL;

	if (fi->kind == UI_FORM_CHOICE) {
		l = form_option_label(fi, v);
		return xstrdup(l != NULL ? l : v);
	}
	if (fi->kind != UI_FORM_MULTI && fi->kind != UI_FORM_SEARCH)
		return xstrdup(v);
	buf_init(&b);
	copy = xstrdup(v);
	for (k = strtok_r(copy, " ", &save); k != NULL;
	    k = strtok_r(NULL, " ", &save)) {
		if (fi->kind == UI_FORM_SEARCH) {
			char *found = fi->key_label != NULL ?
			    fi->key_label(f->ctx, k) : NULL;

			buf_printf(&b, "%s%s", b.len > 0 ? " ; " : "",
			    found != NULL ? found : k);
			free(found);
			continue;
		}
		l = form_option_label(fi, k);
		buf_printf(&b, "%s%s", b.len > 0 ? " ; " : "", l != NULL ? l :
		    k);
	}
	free(copy);
	return buf_detach(&b);
}

int
ui_form_validate(struct ui_form *f, char *msg, size_t size)
{
	const struct ui_form_field *fi;
	const char *v;
	char *copy, *k, *save = NULL, iso[11];
	size_t i;
	int bad;

	for (i = 0; i < f->n; i++) {
		fi = &f->fields[i];
		v = ui_form_value(f, i);
		bad = 1;
		if (fi->required && v[strspn(v, " \n")] == '\0')
			snprintf(msg, size, "« %s » est obligatoire (page "
			    "%d/%d).", fi->label, fi->page + 1, f->npages);
		else if (fi->max > 0 && strlen(v) > fi->max)
			snprintf(msg, size, "« %s » est trop long : %zu octets "
			    "au plus.", fi->label, fi->max);
		else if (fi->kind == UI_FORM_DATE && v[0] != '\0' &&
		    txt_date_parse(v, iso) != 0)
			snprintf(msg, size, "« %s » : tapez une date comme "
			    "« mars 2021 », « 15 mars 2021 » ou « 2021 ».",
			    fi->label);
		else if (fi->kind == UI_FORM_CHOICE && v[0] != '\0' &&
		    form_option_label(fi, v) == NULL)
			snprintf(msg, size, "« %s » : choisissez dans la liste "
			    "(Entrée).", fi->label);
		else
			bad = 0;
		if (!bad && fi->kind == UI_FORM_MULTI) {
			copy = xstrdup(v);
			for (k = strtok_r(copy, " ", &save); k != NULL && !bad;
			    k = strtok_r(NULL, " ", &save))
				bad = form_option_label(fi, k) == NULL;
			free(copy);
			if (bad)
				snprintf(msg, size, "« %s » : choisissez dans "
				    "la liste (Entrée).", fi->label);
		}
		if (bad) {
			ui_form_focus(f, i);
			return (int)i;
		}
	}
	return -1;
}

/* Rows of the page before field i, and of field i itself. */
static int
form_field_y(const struct ui_form *f, size_t i)
{
	size_t k;
	int y = 0;

	for (k = 0; k < i; k++)
		if (f->fields[k].page == f->fields[i].page)
			y += 3;
	return y;
}

/* Keep the focused field in view (rows: the fields' part of the area). */
static void
form_scroll(struct ui_form *f)
{
	int rows = f->area.h - 2, y;

	if (rows < 2)
		rows = 2;
	y = form_field_y(f, f->cur);
	if (y < f->top)
		f->top = y;
	else if (y + 2 > f->top + rows)
		f->top = y + 2 - rows;
	if (f->top < 0)
		f->top = 0;
}

void
ui_form_layout(struct ui_form *f, const struct ui_rect *r)
{
	f->area = *r;
	f->hscroll = 0;
	form_scroll(f);
	form_hscroll(f);
}

/* Keep the cursor of the focused one-line field inside its columns. */
static void
form_hscroll(struct ui_form *f)
{
	int w = f->area.w - 2;
	size_t row, col, ww = w > 2 ? (size_t)w - 2 : 1;

	if (f->edits[f->cur] == NULL || f->area.w <= 0)
		return;
	txt_edit_cursor_pos(f->edits[f->cur], &row, &col);
	if (col < f->hscroll)
		f->hscroll = col > ww / 2 ? col - ww / 2 : 0;
	else if (col > f->hscroll + ww)
		f->hscroll = col - ww;
}

void
ui_form_draw(struct ui *ui, const struct ui_form *f,
    const struct ui_rect *r)
{
	const struct ui_form_field *fi;
	const char *v, *help;
	char *head, *shown, *line;
	size_t i, off, skipped, row, col, len;
	int y, ybase = r->y + 1, rows = r->h - 2, fy, focused, attr, x;


	xasprintf(&head, "Page %d/%d : %s", f->page + 1, f->npages,
	    f->pages[f->page]);
	ui_put(r->y, r->x, r->w, head, A_BOLD);
	free(head);
	for (i = 0; i < f->n; i++) {
		fi = &f->fields[i];
		if (fi->page != f->page)
			continue;
		fy = form_field_y(f, i) - f->top;
		if (fy < 0 || fy >= rows)
			continue;
		y = ybase + fy;
		focused = i == f->cur;
		xasprintf(&line, "%s%s", fi->label, fi->required ? " *" : "");
		ui_put(y, r->x, 2, focused ? ">" : " ", A_BOLD);
		ui_put(y, r->x + 2, r->w - 2, line, focused ? A_BOLD : 0);
		free(line);
		if (fy + 1 >= rows)
			continue;
		y++;
		x = r->x + 2;
		attr = focused ? A_REVERSE : A_UNDERLINE;
		mvhline(y, x, ' ', r->w - 2);
		if (f->edits[i] != NULL) {
			v = txt_edit_text(f->edits[i]);
			len = txt_edit_len(f->edits[i]);
			off = focused ? txt_fit(v, len, f->hscroll, &skipped) :
			    0;
			mvhline(y, x, ' ' | A_UNDERLINE, r->w - 2);
			ui_putn(y, x, r->w - 2, v + off, len - off,
			    A_UNDERLINE);
			if (focused) {
				txt_edit_cursor_pos(f->edits[i], &row, &col);
				ui_show_cursor(ui, y, x + (int)(col -
				    f->hscroll));
			}
			continue;
		}
		if (fi->kind == UI_FORM_LONG) {
			v = ui_form_value(f, i);
			if (v[0] == '\0')
				line = xstrdup("(vide : Entrée pour écrire)");
			else {
				len = strcspn(v, "\n");
				xasprintf(&line, "%.*s%s", (int)len, v,
				    v[len] != '\0' ? " …" : "");
			}
		} else {
			shown = ui_form_shown(f, i);
			xasprintf(&line, "%s", shown[0] != '\0' ? shown :
			    fi->kind == UI_FORM_SEARCH ? "(aucun : Entrée pour "
			    "en ajouter)" : "(Entrée pour choisir)");
			free(shown);
		}
		ui_put(y, x, r->w - 2, line, attr);
		free(line);
	}
	help = f->fields[f->cur].help;
	if (help != NULL && r->h >= 4)
		ui_put(r->y + r->h - 1, r->x, r->w, help, 0);
}

/* Move to the next (dir 1) or previous (-1) field, across pages. */
static void
form_move(struct ui_form *f, int dir)
{
	if (dir > 0 && f->cur + 1 < f->n)
		ui_form_focus(f, f->cur + 1);
	else if (dir < 0 && f->cur > 0)
		ui_form_focus(f, f->cur - 1);
}

/* The first field of page p. */
static void
form_page(struct ui_form *f, int p)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (f->fields[i].page == p) {
			f->top = 0;
			ui_form_focus(f, i);
			return;
		}
	}
}

/* The list's answer. Focus stays on the field: a form never moves on
 * its own, the next Tab goes to the next field. */
static void
form_picked(struct ui *ui, void *ctx, const char *value)
{
	struct ui_form *f = ctx;

	if (value == NULL)
		return;
	ui_form_set(f, f->cur, value);
}

/* Entrée on a choice or a long text. */
static void
form_open(struct ui *ui, struct ui_form *f)
{
	const struct ui_form_field *fi = &f->fields[f->cur];

	switch (fi->kind) {
	case UI_FORM_CHOICE:
	case UI_FORM_MULTI:
		ui_pick(ui, fi->label, fi->options, fi->noptions,
		    fi->kind == UI_FORM_MULTI, ui_form_value(f, f->cur),
		    form_picked, f);
		break;
	case UI_FORM_LONG:
		ui_push(ui, &ui_form_long_screen, f);
		break;
	case UI_FORM_SEARCH:
		ui_push(ui, &ui_form_refs_screen, f);
		break;
	default:
		form_move(f, 1);
		break;
	}
}

int
ui_form_handle(struct ui *ui, struct ui_form *f, int op, int key)
{
	struct txt_edit *e = f->edits[f->cur];
	int changed = 0;

	switch (op) {
	case UI_FORM_OP_NEXT:
		form_move(f, 1);
		return UI_HANDLED;
	case UI_FORM_OP_PREV:
		form_move(f, -1);
		return UI_HANDLED;
	case UI_FORM_OP_NEXT_PAGE:
		if (f->page + 1 < f->npages)
			form_page(f, f->page + 1);
		else
			ui_message(ui, "C'est la dernière page.");
		return UI_HANDLED;
	case UI_FORM_OP_PREV_PAGE:
		if (f->page > 0)
			form_page(f, f->page - 1);
		else
			ui_message(ui, "C'est la première page.");
		return UI_HANDLED;
	case UI_FORM_OP_OPEN:
		form_open(ui, f);
		return UI_HANDLED;
	default:
		break;
	}
	if (e == NULL)
		return UI_IGNORED;	/* letters come as text: input() */
	switch (key) {
	case UI_FN(KEY_LEFT):
		txt_edit_left(e);
		break;
	case UI_FN(KEY_RIGHT):
		txt_edit_right(e);
		break;
	case UI_FN(UI_KC_WORD_LEFT):
		txt_edit_word_left(e);
		break;
	case UI_FN(UI_KC_WORD_RIGHT):
		txt_edit_word_right(e);
		break;
	case UI_FN(KEY_HOME):
	case UI_CTRL('A'):
		txt_edit_top(e);
		break;
	case UI_FN(KEY_END):
	case UI_CTRL('E'):
		txt_edit_bottom(e);
		break;
	case UI_FN(KEY_BACKSPACE):
	case 0x7f:
	case 0x08:
		changed = txt_edit_backspace(e);
		break;
	case UI_FN(KEY_DC):
		changed = txt_edit_delete(e);
		break;
	case UI_CTRL('W'):
		changed = txt_edit_delete_word_back(e);
		break;
	case UI_CTRL('K'):
		changed = txt_edit_kill_line(e);
		break;
	case UI_CTRL('U'):
		changed = txt_edit_len(e) > 0;
		txt_edit_set(e, "");
		break;
	default:
		return UI_IGNORED;
	}
	if (changed)
		form_changed(f);
	form_hscroll(f);
	return UI_HANDLED;
}

int
ui_form_input(struct ui *ui, struct ui_form *f, const char *s, size_t n)
{
	struct txt_edit *e = f->edits[f->cur];
	const char *nl;
	char *typed, *shown;
	size_t part;
	int rc;

	if (e == NULL) {
		/*
		 * Text typed on a choice or a long text: no list opens under
		 * the member's fingers (the letters would pick in it). What
		 * was typed is shown back so that it is not lost unseen.
		 */
		typed = xstrndup(s, n);
		shown = txt_trunc(typed, 30);
		ui_message(ui, "« %s » se remplit avec Entrée : « %s » n'a "
		    "pas été pris. Tab mène au champ suivant.",
		    f->fields[f->cur].label, shown);
		free(shown);
		free(typed);
		return TXT_EDIT_OK;
	}
	/* One line: a line break goes on to the next field. */
	nl = memchr(s, '\n', n);
	if (nl == NULL)
		nl = memchr(s, '\r', n);
	part = nl != NULL ? (size_t)(nl - s) : n;
	rc = txt_edit_insert(e, s, part);
	form_changed(f);
	if (rc == TXT_EDIT_FULL)
		ui_message(ui, "« %s » : %zu octets au plus, la suite n'a pas "
		    "été prise.", f->fields[f->cur].label,
		    f->fields[f->cur].max);
	if (nl != NULL)
		form_move(f, 1);
	form_hscroll(f);
	return rc;
}

/* Call the save hook, waiting at most `wait` ms for the write lock; a
 * failure leaves the form dirty, to be saved again SAVE_MS later. */
static int
form_save(struct ui *ui, struct ui_form *f, int wait)
{
	int rc = 0, was;

	if (f->save != NULL) {
		was = store_wait(ui_store(ui), wait);
		rc = f->save(ui, f->ctx);
		store_wait(ui_store(ui), was);
		ui_draft_status(ui, rc);
	}
	if (rc == 0)
		ui_form_clean(f);
	else
		f->saved_at = mono_ms();
	return rc;
}

int
ui_form_save_now(struct ui *ui, struct ui_form *f)
{
	return form_save(ui, f, STORE_WAIT_SEND);
}

int
ui_form_tick(struct ui *ui, struct ui_form *f)
{
	int64_t since;

	if (!f->dirty)
		return -1;
	since = mono_ms() - f->saved_at;
	if (since < SAVE_MS)
		return (int)(SAVE_MS - since);
	return form_save(ui, f, STORE_WAIT_AUTOSAVE) == 0 ? -1 : SAVE_MS;
}

/* --- The long-text sub-screen --------------------------------------------- */

static int
long_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct form_long *l = xcalloc(1, sizeof(*l));

	l->form = arg;
	l->field = l->form->cur;
	l->ed = ui_editor_new(l->form->fields[l->field].max);
	txt_edit_set(ui_editor_edit(l->ed), ui_form_value(l->form, l->field));
	txt_edit_clean(ui_editor_edit(l->ed));
	v->state = l;
	ui_view_set_title(v, l->form->fields[l->field].label);
	return 0;
}

static void
long_leave(struct ui *ui, struct ui_view *v)
{
	struct form_long *l = v->state;

	/* A hang-up lands here too: the form's owner saves the draft. */
	if (l->form->dirty)
		ui_form_save_now(ui, l->form);
	ui_editor_free(l->ed);
	free(l);
}

static void
long_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct form_long *l = v->state;
	int head = r->h >= 8 ? 2 : 1;

	l->body.y = r->y + head;
	l->body.x = r->x;
	l->body.w = r->w;
	l->body.h = r->h - head;
	ui_editor_layout(l->ed, &l->body);
}

static void
long_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct form_long *l = v->state;
	const struct ui_form_field *fi = &l->form->fields[l->field];
	int x;

	if (l->body.y - r->y >= 2)
		ui_put(r->y, r->x, r->w, fi->help != NULL ? fi->help :
		    fi->label, A_BOLD);
	for (x = 0; x < r->w; x++)
		ui_put(l->body.y - 1, r->x + x, 1, ui_glyph(UI_G_HLINE), 0);
	ui_editor_draw(ui, l->ed, &l->body, 1);
}

/* The text goes to the form as it is typed: its drafts follow. */
static void
long_sync(struct form_long *l)
{
	struct txt_edit *e = ui_editor_edit(l->ed);

	if (!txt_edit_dirty(e))
		return;
	free(l->form->values[l->field]);
	l->form->values[l->field] = xstrdup(txt_edit_text(e));
	txt_edit_clean(e);
	form_changed(l->form);
}

static int
long_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct form_long *l = v->state;
	int rc;

	switch (op) {
	case OP_LONG_DONE:
		long_sync(l);
		ui_pop(ui);
		return UI_HANDLED;
	case OP_QUIT:
	case OP_HELP:
	case OP_REDRAW:
		return UI_IGNORED;
	default:
		break;
	}
	rc = ui_editor_key(l->ed, key);
	long_sync(l);
	return rc;
}

static int
long_input(struct ui *ui, struct ui_view *v, const char *s, size_t n)
{
	struct form_long *l = v->state;
	int rc;

	rc = ui_editor_input(ui, l->ed, s, n);
	long_sync(l);
	return rc;
}

static int
long_tick(struct ui *ui, struct ui_view *v)
{
	struct form_long *l = v->state;

	return ui_form_tick(ui, l->form);
}

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

/* --- Line mode ------------------------------------------------------------ */

static void
form_line_print(const char *s)
{
	struct txt_line *lines;
	size_t n, i, outn;
	char *shown;

	n = txt_wrap(s, strlen(s), 78, &lines);
	for (i = 0; i < n; i++) {
		shown = txt_charset_apply(s + lines[i].off, lines[i].len,
		    &outn);
		fwrite(shown, 1, outn, stdout);
		fputc('\n', stdout);
		free(shown);
	}
	free(lines);
}

/*
 * Ask field i. 1 to go on, 2 to go back, 3 to stop asking (« . »),
 * 0 to leave (« ~q »), -1 when the session ends.
 */
static int
form_line_field(struct ui *ui, struct ui_form *f, size_t i)
{
	const struct ui_form_field *fi = &f->fields[i];
	struct buf b;
	char *in, *shown, *q, *copy, *k, *save = NULL, *end;
	size_t j, ngroups = 0, gi = 0, *idx;
	const char *group = NULL;
	long num;
	int rc = 1;

	if (fi->kind == UI_FORM_SEARCH)
		return form_line_search(ui, f, i);
	in = xmalloc(LINE_ANSWER + 1);
	shown = ui_form_shown(f, i);
	xasprintf(&q, "%s%s%s%s", fi->label, fi->required ?
	    " (obligatoire)" : "", fi->help != NULL ? " — " : "",
	    fi->help != NULL ? fi->help : "");
	form_line_print(q);
	free(q);
	if (shown[0] != '\0' && fi->kind != UI_FORM_LONG) {
		xasprintf(&q, "Actuellement : %s", shown);
		form_line_print(q);
		free(q);
	}
	idx = xcalloc(fi->noptions + 1, sizeof(*idx));
	if (fi->kind == UI_FORM_CHOICE || fi->kind == UI_FORM_MULTI) {
		/* Grouped options: the group first. */
		if (fi->noptions > 0 && fi->options[0].group != NULL &&
		    fi->kind == UI_FORM_CHOICE) {
			for (j = 0; j < fi->noptions; j++) {
				size_t g;

				for (g = 0; g < ngroups; g++)
					if (strcmp(fi->options[idx[g]].group,
					    fi->options[j].group) == 0)
						break;
				if (g == ngroups)
					idx[ngroups++] = j;
			}
			for (j = 0; j < ngroups; j++) {
				xasprintf(&q, "%2zu. %s", j + 1,
				    fi->options[idx[j]].group);
				form_line_print(q);
				free(q);
			}
			if (ui_line_read(ui, "Numéro de la région (Entrée : "
			    "garder) : ", in, LINE_ANSWER) != 0) {
				rc = -1;
				goto out;
			}
			if (in[0] == '\0' || strcmp(in, "<") == 0 ||
			    strcmp(in, "~q") == 0 || strcmp(in, ".") == 0)
				goto answer;
			num = strtol(in, &end, 10);
			if (*end != '\0' || num < 1 || (size_t)num > ngroups) {
				form_line_print("Ce numéro n'est pas dans la "
				    "liste.");
				rc = 4;
				goto out;
			}
			group = fi->options[idx[num - 1]].group;
		}
		for (j = 0, gi = 0; j < fi->noptions; j++) {
			if (group != NULL && strcmp(fi->options[j].group,
			    group) != 0)
				continue;
			idx[gi++] = j;
			xasprintf(&q, "%2zu. %s%s", gi, fi->kind ==
			    UI_FORM_MULTI ? (form_has_key(ui_form_value(f, i),
			    fi->options[j].key) ? "[x] " : "[ ] ") : "",
			    fi->options[j].label);
			form_line_print(q);
			free(q);
		}
		if (ui_line_read(ui, fi->kind == UI_FORM_MULTI ? "Numéros "
		    "séparés par des espaces (Entrée : garder) : " :
		    "Numéro (Entrée : garder) : ", in, LINE_ANSWER) != 0) {
			rc = -1;
			goto out;
		}
	} else if (fi->kind == UI_FORM_LONG) {
		if (shown[0] != '\0') {
			form_line_print("Texte actuel :");
			form_line_print(shown);
		}
		form_line_print("Tapez le texte ligne par ligne ; une ligne "
		    "avec « . » seule le termine. « = » seul garde le texte "
		    "actuel, « - » seul le vide, « < » revient à la question "
		    "précédente.");
		buf_init(&b);
		for (;;) {
			if (ui_line_read(ui, "", in, LINE_ANSWER) != 0) {
				buf_free(&b);
				rc = -1;
				goto out;
			}
			if (b.len == 0 && (strcmp(in, "=") == 0 ||
			    strcmp(in, "-") == 0 || strcmp(in, "<") == 0 ||
			    strcmp(in, "~q") == 0))
				break;
			if (strcmp(in, ".") == 0) {
				in[0] = '\0';
				if (b.len > 0) {
					copy = buf_detach(&b);
					ui_form_set(f, i, copy);
					free(copy);
				}
				break;
			}
			buf_printf(&b, "%s%s", b.len > 0 ? "\n" : "", in);
			/* Saved as it comes, like in the editor. */
			copy = xstrndup(b.data, b.len);
			ui_form_set(f, i, copy);
			free(copy);
			ui_form_tick(ui, f);
		}
		buf_free(&b);
		if (strcmp(in, "=") == 0)
			in[0] = '\0';
	} else {
		if (ui_line_read(ui, "> ", in, LINE_ANSWER) != 0) {
			rc = -1;
			goto out;
		}
	}
answer:
	if (strcmp(in, "~q") == 0)
		rc = 0;
	else if (strcmp(in, "<") == 0)
		rc = 2;
	else if (strcmp(in, ".") == 0)
		rc = 3;
	else if (strcmp(in, "-") == 0)
		ui_form_set(f, i, "");
	else if (in[0] == '\0' || fi->kind == UI_FORM_LONG)
		rc = 1;
	else if (fi->kind == UI_FORM_CHOICE || fi->kind == UI_FORM_MULTI) {
		buf_init(&b);
		copy = xstrdup(in);
		for (k = strtok_r(copy, " ,;", &save); k != NULL;
		    k = strtok_r(NULL, " ,;", &save)) {
			num = strtol(k, &end, 10);
			if (*end != '\0' || num < 1 || (size_t)num > gi) {
				form_line_print("Ce numéro n'est pas dans la "
				    "liste.");
				rc = 4;
				break;
			}
			buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
			    fi->options[idx[num - 1]].key);
			if (fi->kind == UI_FORM_CHOICE)
				break;
		}
		free(copy);
		q = buf_detach(&b);
		if (rc != 4)
			ui_form_set(f, i, q);
		free(q);
	} else
		ui_form_set(f, i, in);
out:
	free(idx);
	free(shown);
	free(in);
	return rc;
}

int
ui_form_line(struct ui *ui, struct ui_form *f, const char *intro)
{
	char in[64], *head, msg[256];
	size_t i = f->cur;
	int page = -1, r;

	if (intro != NULL)
		form_line_print(intro);
	form_line_print("Une question à la fois. Entrée garde la réponse "
	    "affichée, « - » vide le champ, « < » revient en arrière, « . » "
	    "passe à l'envoi, « ~q » quitte en gardant le brouillon.");
	for (;;) {
		while (i < f->n) {
			if (f->fields[i].page != page) {
				page = f->fields[i].page;
				xasprintf(&head, "— Page %d/%d : %s —", page + 1,
				    f->npages, f->pages[page]);
				fputc('\n', stdout);
				form_line_print(head);
				free(head);
			}
			f->cur = i;
			r = form_line_field(ui, f, i);
			if (f->dirty)
				ui_form_save_now(ui, f);
			if (r == -1)
				return -1;
			if (r == 0)
				return UI_FORM_LINE_LEAVE;
			if (r == 3)
				break;
			if (r == 4)
				continue;	/* the same question again */
			if (r == 2) {
				if (i > 0)
					i--;
				page = -1;
				continue;
			}
			i++;
		}
		if (ui_form_validate(f, msg, sizeof(msg)) != -1) {
			form_line_print(msg);
			i = f->cur;
			page = -1;
			continue;
		}
		if (ui_line_read(ui, "Envoyer ? (o : envoyer ; n : relire "
		    "depuis le début ; ~q : quitter en gardant le brouillon) ",
		    in, sizeof(in)) != 0)
			return -1;
		if (in[0] == 'o' || in[0] == 'O')
			return UI_FORM_LINE_SEND;
		if (strcmp(in, "~q") == 0)
			return UI_FORM_LINE_LEAVE;
		i = 0;
		page = -1;
	}
}

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
static int
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
