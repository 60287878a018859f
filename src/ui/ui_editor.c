/*
 * ui_editor.c - the multi-line editor widget: txt_edit (src/text/) in a
 * rectangle of the screen.
 *
 * The text wraps at the rectangle's width minus one, so that the cursor
 * at the end of a full line still has a cell of its own. The widget
 * scrolls vertically to keep the cursor visible; only the visible lines
 * are drawn, each through ui_putn() (the member's charset), so a text of
 * 64 KiB costs what one screen costs. Quoted lines (« > ») are dimmed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text/txt.h"
#include "text/txt_edit.h"
#include "ui/ui.h"
#include "ui/ui_private.h"
#include "util/util.h"

struct ui_editor {
	struct txt_edit	*edit;
	size_t		 width;		/* wrap width (area's minus one) */
	size_t		 rows;		/* visible rows */
	size_t		 top;		/* first visible row */
	int		 full;		/* the last input did not fit */
	uint64_t	 full_gen;	/* and the text has not changed since */
};

static void	 ui_editor_follow(struct ui_editor *);
static size_t	 ui_editor_top(const struct ui_editor *, size_t, size_t);

struct ui_editor *
ui_editor_new(size_t max_bytes)
{
	struct ui_editor *ed = xcalloc(1, sizeof(*ed));

	ed->edit = txt_edit_new(max_bytes);
	ed->width = 79;
	ed->rows = 1;
	return ed;
}

void
ui_editor_free(struct ui_editor *ed)
{
	if (ed == NULL)
		return;
	txt_edit_free(ed->edit);
	free(ed);
}

struct txt_edit *
ui_editor_edit(struct ui_editor *ed)
{
	return ed->edit;
}

/* The first row to show so that the cursor's row is visible from top. */
static size_t
ui_editor_top(const struct ui_editor *ed, size_t top, size_t nlines)
{
	size_t row, col;

	txt_edit_cursor_pos(ed->edit, &row, &col);
	if (row < top)
		top = row;
	else if (row >= top + ed->rows)
		top = row - ed->rows + 1;
	/* No empty rows below the text while there is text above. */
	if (top + ed->rows > nlines)
		top = nlines > ed->rows ? nlines - ed->rows : 0;
	return top;
}

/* After a change or a move: layout up to date, cursor in view. */
static void
ui_editor_follow(struct ui_editor *ed)
{
	const struct txt_line *lines;
	size_t n;

	txt_edit_layout(ed->edit, ed->width);
	n = txt_edit_lines(ed->edit, &lines);
	ed->top = ui_editor_top(ed, ed->top, n);
}

void
ui_editor_layout(struct ui_editor *ed, const struct ui_rect *r)
{
	ed->width = r->w > 1 ? (size_t)r->w - 1 : 1;
	ed->rows = r->h > 0 ? (size_t)r->h : 1;
	ui_editor_follow(ed);
}

/*
 * 1 if the text line holding byte off is a quote (it starts with « > »):
 * its rows wrapped on a narrow window are the quote still, shown as such,
 * not as what the member wrote.
 */
static int
ui_editor_quoted(const char *text, size_t off)
{
	while (off > 0 && text[off - 1] != '\n')
		off--;
	return text[off] == '>';
}

void
ui_editor_draw(struct ui *ui, const struct ui_editor *ed,
    const struct ui_rect *r, int focused)
{
	const struct txt_line *lines;
	const char *text;
	size_t n, i, top, row, col;
	int y;

	/* The charset may have changed since (widths differ): cheap if not. */
	txt_edit_layout(ed->edit, ed->width);
	n = txt_edit_lines(ed->edit, &lines);
	top = ui_editor_top(ed, ed->top, n);
	text = txt_edit_text(ed->edit);
	for (i = top, y = r->y; i < n && y < r->y + r->h; i++, y++) {
		ui_putn(y, r->x, r->w, text + lines[i].off, lines[i].len,
		    ui_editor_quoted(text, lines[i].off) ? A_DIM : 0);
	}
	if (!focused)
		return;
	txt_edit_cursor_pos(ed->edit, &row, &col);
	if (row >= top && row < top + (size_t)r->h && col < (size_t)r->w)
		ui_show_cursor(ui, r->y + (int)(row - top), r->x + (int)col);
}

int
ui_editor_input(struct ui *ui, struct ui_editor *ed, const char *s, size_t n)
{
	int rc;

	/*
	 * Once a paste did not fit, its next pieces (a large paste comes in
	 * several calls) must not fill the last bytes with a few letters
	 * from further on: nothing more goes in until the text changes.
	 */
	if (ed->full && txt_edit_generation(ed->edit) == ed->full_gen)
		rc = TXT_EDIT_FULL;
	else
		rc = txt_edit_insert(ed->edit, s, n);
	ed->full = rc == TXT_EDIT_FULL;
	ed->full_gen = txt_edit_generation(ed->edit);
	if (rc == TXT_EDIT_FULL)
		ui_message(ui, "Texte trop long : %zu Kio au plus ; la fin du "
		    "collage n'a pas été insérée.",
		    txt_edit_max(ed->edit) / 1024);
	ui_editor_follow(ed);
	return rc == TXT_EDIT_FULL ? TXT_EDIT_FULL : TXT_EDIT_OK;
}

int
ui_editor_key(struct ui_editor *ed, int key)
{
	struct txt_edit *e = ed->edit;
	size_t page = ed->rows > 1 ? ed->rows - 1 : 1;

	switch (key) {
	case UI_FN(KEY_LEFT):
		txt_edit_left(e);
		break;
	case UI_FN(KEY_RIGHT):
		txt_edit_right(e);
		break;
	case UI_FN(KEY_UP):
		txt_edit_up(e);
		break;
	case UI_FN(KEY_DOWN):
		txt_edit_down(e);
		break;
	case UI_FN(UI_KC_WORD_LEFT):
		txt_edit_word_left(e);
		break;
	case UI_FN(UI_KC_WORD_RIGHT):
		txt_edit_word_right(e);
		break;
	case UI_FN(KEY_HOME):
	case UI_CTRL('A'):
		txt_edit_home(e);
		break;
	case UI_FN(KEY_END):
	case UI_CTRL('E'):
		txt_edit_end(e);
		break;
	case UI_FN(UI_KC_TEXT_TOP):
		txt_edit_top(e);
		break;
	case UI_FN(UI_KC_TEXT_BOTTOM):
		txt_edit_bottom(e);
		break;
	case UI_FN(KEY_PPAGE):
		txt_edit_page_up(e, page);
		/* The page turns with the cursor. */
		ed->top = ed->top > page ? ed->top - page : 0;
		break;
	case UI_FN(KEY_NPAGE):
		txt_edit_page_down(e, page);
		ed->top += page;
		break;
	case UI_FN(KEY_BACKSPACE):
	case 0x7f:
	case 0x08:
		txt_edit_backspace(e);
		break;
	case UI_FN(KEY_DC):
	case UI_CTRL('D'):
		txt_edit_delete(e);
		break;
	case UI_CTRL('W'):
		txt_edit_delete_word_back(e);
		break;
	case UI_CTRL('K'):
		txt_edit_kill_line(e);
		break;
	case '\r':
	case '\n':
	case UI_FN(KEY_ENTER):
		txt_edit_insert(e, "\n", 1);
		break;
	default:
		return UI_IGNORED;
	}
	ui_editor_follow(ed);
	return UI_HANDLED;
}
