/*
 * ui_widgets.c - drawing helpers and the list widget.
 *
 * Every string drawn goes through ui_putn(), which cuts it to the columns
 * it may use with txt_fit() (display width, never bytes; never half a
 * character), ends a cut string with "…", and stops at a newline, so nothing a member wrote can spill
 * over another part of the screen. Strings are clean (text layer) before
 * they get here.
 *
 * ncurses counts columns code point by code point (wcwidth), the text
 * layer by grapheme cluster. They agree but for two kinds of cluster: an
 * emoji ZWJ sequence (👩‍💻: 2 + 0 + 2 for ncurses, one picture of two
 * columns for the text layer and for the terminals that join it, tmux
 * among them), drawn here as one ncurses cell holding the whole sequence
 * so that ncurses counts two as well; and an emoji with U+FE0F (❤️),
 * which the text layer counts two (as terminals with emoji presentation
 * show it) and ncurses one: that cluster's second column is left blank
 * on the other terminals. Either way a line never takes more columns
 * than the text layer measured.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <unistr.h>

#include "text/txt.h"
#include "ui/ui.h"
#include "util/util.h"

#define UI_ELLIPSIS "…"

static void	 ui_put_cluster(int, int, const char *, size_t);
static void	 ui_put_utf8(int, int, const char *, size_t);

/*
 * One emoji ZWJ sequence as one ncurses cell: its first picture and, in
 * the cell's room for combining characters, what follows (setcchar()
 * would stop at the second picture). A sequence longer than the cell
 * (👨‍👩‍👧‍👦 is seven code points, a cell holds CCHARW_MAX) is cut after a
 * picture, never after a ZWJ.
 */
static void
ui_put_cluster(int y, int x, const char *s, size_t n)
{
	cchar_t	 cc;
	wchar_t	 wc[CCHARW_MAX + 1], one[2];
	ucs4_t	 uc;
	size_t	 i = 0, k = 0;
	int	 l;

	while (i < n && k < CCHARW_MAX) {
		if ((l = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i)) < 1)
			l = 1;
		wc[k++] = (wchar_t)uc;
		i += (size_t)l;
	}
	while (k > 1 && wc[k - 1] == 0x200d)
		k--;
	wc[k] = L'\0';
	one[0] = wc[0];
	one[1] = L'\0';
	if (setcchar(&cc, one, A_NORMAL, 0, NULL) == ERR)
		return;
	for (i = 1; i < CCHARW_MAX; i++)
		cc.chars[i] = wc[i < k ? i : k];
	mvadd_wch(y, x, &cc);
}

/* n bytes of clean UTF-8 at (y, x): runs as they are, ZWJ sequences as
 * cells of their own. */
static void
ui_put_utf8(int y, int x, const char *s, size_t n)
{
	size_t	 i = 0, run = 0, l, w, col = 0, runcol = 0;
	int	 joined;

	while (i < n) {
		l = txt_cluster(s + i, n - i, &w, &joined);
		if (joined) {
			if (i > run)
				mvaddnstr(y, x + (int)runcol, s + run,
				    (int)(i - run));
			ui_put_cluster(y, x + (int)col, s + i, l);
			run = i + l;
			runcol = col + w;
		}
		col += w;
		i += l;
	}
	if (n > run)
		mvaddnstr(y, x + (int)runcol, s + run, (int)(n - run));
}

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
			ui_put_utf8(y, x, s, fit);
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
