/*
 * ui_widgets.c - drawing helpers and the list widget.
 *
 * Every string drawn goes through ui_putn(), which cuts it to the columns
 * it may use with txt_fit() (display width, never bytes; never half a
 * character), ends a cut string with "…", and stops at a newline, so nothing a member wrote can spill
 * over another part of the screen. Strings are clean (text layer) before
 * they get here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text/txt.h"
#include "ui/ui.h"
#include "util/util.h"

#define UI_ELLIPSIS "…"

int
ui_putn(int y, int x, int w, const char *s, size_t n, int attr)
{
	const char *nl;
	char *shown = NULL;
	size_t fit, width, ew = 0, len;
	int cut;

	if (w <= 0 || s == NULL)
		return 0;
	if ((nl = memchr(s, '\n', n)) != NULL)
		n = (size_t)(nl - s);
	fit = txt_fit(s, n, (size_t)w, &width);
	cut = fit < n;
	if (cut) {
		/* Keep room for the ellipsis ("..." on an ASCII terminal). */
		ew = txt_width(UI_ELLIPSIS);
		if ((size_t)w <= ew)
			ew = 0;
		fit = txt_fit(s, n, (size_t)w - ew, &width);
	}
	if (attr != 0)
		attron(attr);
	if (fit > 0) {
		if (txt_charset_get() != TXT_CS_UTF8) {
			shown = txt_charset_apply(s, fit, &len);
			mvaddnstr(y, x, shown, (int)len);
			free(shown);
		} else
			mvaddnstr(y, x, s, (int)fit);
	}
	if (cut && ew > 0) {
		shown = txt_charset_apply(UI_ELLIPSIS, strlen(UI_ELLIPSIS),
		    &len);
		mvaddnstr(y, x + (int)width, shown, (int)len);
		free(shown);
		width += ew;
	}
	if (attr != 0)
		attroff(attr);
	return (int)width;
}

int
ui_put(int y, int x, int w, const char *s, int attr)
{
	return s == NULL ? 0 : ui_putn(y, x, w, s, strlen(s), attr);
}

void
ui_put_center(int y, int x, int w, const char *s, int attr)
{
	int sw = (int)txt_width(s);

	if (sw < w)
		x += (w - sw) / 2;
	ui_put(y, x, w, s, attr);
}

int
ui_put_wrapped(const struct ui_rect *r, int dy, const char *s, int attr,
    int center)
{
	struct txt_line *lines;
	size_t n, i;
	int row = 0;

	n = txt_wrap(s, strlen(s), (size_t)r->w, &lines);
	for (i = 0; i < n && dy + row < r->h; i++, row++) {
		int x = r->x;

		if (center && (int)lines[i].width < r->w)
			x += (r->w - (int)lines[i].width) / 2;
		ui_putn(r->y + dy + row, x, r->w - (x - r->x),
		    s + lines[i].off, lines[i].len, attr);
	}
	free(lines);
	return row;
}

void
ui_list_init(struct ui_list *l, size_t n, int rows_per_item)
{
	l->n = n;
	l->sel = 0;
	l->top = 0;
	l->rows_per_item = rows_per_item < 1 ? 1 : rows_per_item;
}

/*
 * Items that fit in r. When they do not all fit, the last row says so
 * (« ↓ 3 de plus »): an item below the fold is never out of sight
 * without a word.
 */
static size_t
ui_list_visible(const struct ui_list *l, const struct ui_rect *r)
{
	size_t v;
	int h = r->h;

	if (h <= 0)
		return 1;	/* not laid out yet */
	if (l->n * (size_t)l->rows_per_item > (size_t)h && h >= 3)
		h--;		/* the row of the hint */
	v = (size_t)(h / l->rows_per_item);
	return v == 0 ? 1 : v;
}

void
ui_list_layout(struct ui_list *l, const struct ui_rect *r)
{
	size_t vis = ui_list_visible(l, r);

	if (l->n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + vis)
		l->top = l->sel - vis + 1;
	if (l->top + vis > l->n)
		l->top = l->n > vis ? l->n - vis : 0;
}

int
ui_list_handle(struct ui_list *l, int op, const struct ui_rect *r)
{
	size_t vis = ui_list_visible(l, r);

	if (l->n == 0)
		return op == OP_UP || op == OP_DOWN || op == OP_PAGE_UP ||
		    op == OP_PAGE_DOWN || op == OP_TOP || op == OP_BOTTOM ?
		    UI_HANDLED : UI_IGNORED;
	switch (op) {
	case OP_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case OP_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		break;
	case OP_PAGE_UP:
		l->sel = l->sel > vis ? l->sel - vis : 0;
		l->top = l->top > vis ? l->top - vis : 0;
		break;
	case OP_PAGE_DOWN:
		l->sel = l->sel + vis < l->n ? l->sel + vis : l->n - 1;
		if (l->top + 2 * vis <= l->n)
			l->top += vis;
		break;
	case OP_TOP:
		l->sel = 0;
		break;
	case OP_BOTTOM:
		l->sel = l->n - 1;
		break;
	default:
		return UI_IGNORED;
	}
	ui_list_layout(l, r);
	return UI_HANDLED;
}

void
ui_list_draw(const struct ui_list *l, const struct ui_rect *r,
    void (*draw_item)(int, int, int, size_t, int, const void *),
    const void *arg)
{
	size_t i, vis = ui_list_visible(l, r);
	int y = r->y;
	char hint[64];

	for (i = l->top; i < l->n && i < l->top + vis; i++) {
		draw_item(y, r->x, r->w, i, i == l->sel, arg);
		/*
		 * The selection: a marker in the first column, and the item
		 * shows its label in reverse video. Not a full-width bar:
		 * moving it one line then costs a few dozen bytes, not two
		 * rows redrawn.
		 */
		if (i == l->sel)
			ui_put(y, r->x, 1, "›", A_REVERSE);
		y += l->rows_per_item;
	}
	if (l->n * (size_t)l->rows_per_item > (size_t)r->h && r->h >= 3) {
		if (l->top + vis < l->n)
			snprintf(hint, sizeof(hint), "%s ↓ suite : %zu de plus",
			    l->top > 0 ? "↑" : " ", l->n - l->top - vis);
		else
			snprintf(hint, sizeof(hint), "↑ début plus haut");
		ui_put(r->y + r->h - 1, r->x + 1, r->w - 1, hint, A_DIM);
	}
}

void
ui_list_position(const struct ui_list *l, char *buf, size_t size)
{
	if (l->n == 0)
		snprintf(buf, size, "vide");
	else
		snprintf(buf, size, "%zu/%zu", l->sel + 1, l->n);
}
