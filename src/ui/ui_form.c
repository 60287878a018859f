/*
 * ui_form.c - the form widget (ui_form.h): pages of fields drawn in a
 * screen's area, focus, validation and the paced saves of its draft.
 * Its parts: ui_form_long.c (the long-text sub-screen on the boards'
 * editor), ui_form_pick.c (the list chooser ui_pick()), ui_form_refs.c
 * (the list of a SEARCH field), ui_form_line.c (line mode).
 *
 * Invariants: every one-line field (TEXT, DATE) has its own txt_edit
 * (never wrapped), so what is typed is cleaned like any text and kept
 * bounded; the other kinds keep a string. cur is a field of page `page`.
 * The form is marked dirty by every change and cleaned by each save;
 * `saved_at` paces the saves (SAVE_MS).
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
#include "ui/ui_form_private.h"
#include "ui/ui_private.h"
#include "util/util.h"

static int	 form_one_line(const struct ui_form *, size_t);
static void	 form_scroll(struct ui_form *);
static void	 form_hscroll(struct ui_form *);
static void	 form_move(struct ui_form *, int);
static void	 form_open(struct ui *, struct ui_form *);
static void	 form_picked(struct ui *, void *, const char *);
static const char *form_option_label(const struct ui_form_field *,
		    const char *);

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

void
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
int
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
	if ((changed = ui_edit_key(e, key, UI_EDIT_LINE)) < 0)
		return UI_IGNORED;
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
