/*
 * txt_edit.h - the editing core of the multi-line editor: a text, a cursor
 * and its wrapped layout, with no drawing (the ncurses widget sits on top).
 *
 * Invariants, after every call: the text is clean multi-line text (what
 * txt_clean() returns with TXT_MULTILINE), NUL-terminated, at most
 * max_bytes bytes; the cursor is a byte offset on a unit boundary (a unit
 * is a character and the zero-width marks after it; a '\n' is always a
 * unit of its own); the layout is the wrapped text at the last width given
 * to txt_edit_layout() (no wrapping before the first call).
 *
 * Input is cleaned as it comes: escape sequences and controls vanish, tabs
 * become spaces up to the next tab stop, CR LF and CR become LF, and a
 * combining mark typed alone joins the character before the cursor (then
 * NFC: « e » followed by U+0301 becomes « é »). An escape sequence split
 * across two calls cannot be recognised: the caller hands over a whole
 * paste (bracketed paste) in one call, which is also what keeps a large
 * paste cheap (every change costs the length of the text plus the length
 * of the paragraphs it touches).
 */
#ifndef PALABRE_TXT_EDIT_H
#define PALABRE_TXT_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "text/txt.h"

#define TXT_EDIT_OK	0	/* everything was inserted */
#define TXT_EDIT_FULL	1	/* max_bytes reached: nothing or a part was */

struct txt_edit;

/* A new empty editor holding at most max_bytes bytes (0: no limit). */
struct txt_edit	*txt_edit_new(size_t max_bytes);
void		 txt_edit_free(struct txt_edit *);	/* NULL is a no-op */

/*
 * Replace the whole text (a draft, a quoted reply; NULL is ""): cleaned,
 * cut to max_bytes between units, cursor at the end. This is a change
 * (generation bumped, dirty). Returns 0, or 1 if the text had to be cut.
 */
int		 txt_edit_set(struct txt_edit *, const char *);
const char	*txt_edit_text(const struct txt_edit *);
size_t		 txt_edit_len(const struct txt_edit *);
size_t		 txt_edit_max(const struct txt_edit *);
size_t		 txt_edit_cursor(const struct txt_edit *);

/* 1 if the text changed since txt_edit_clean() (the last draft save). */
int		 txt_edit_dirty(const struct txt_edit *);
void		 txt_edit_clean(struct txt_edit *);
/* Bumped by every change of the text (never by a cursor move). */
uint64_t	 txt_edit_generation(const struct txt_edit *);

/*
 * Insert n bytes of typed or pasted text at the cursor, cleaned first; the
 * cursor ends after it. Returns TXT_EDIT_OK, TXT_EDIT_FULL if max_bytes
 * left room for only a part (cut between units) or nothing, or -1 on a
 * bad argument. Input that cleans to nothing is TXT_EDIT_OK.
 */
int		 txt_edit_insert(struct txt_edit *, const char *, size_t);

/*
 * Deletions return 1 if the text changed, else 0. Backspace and delete
 * remove one unit (at a line start backspace joins the lines); Ctrl-W
 * removes back to the start of the previous word (see txt_edit_word_left);
 * Ctrl-K removes to the end of the logical line, or the '\n' if the cursor
 * is already there.
 */
int		 txt_edit_backspace(struct txt_edit *);
int		 txt_edit_delete(struct txt_edit *);
int		 txt_edit_delete_word_back(struct txt_edit *);
int		 txt_edit_kill_line(struct txt_edit *);

/*
 * Moves return 1 if the cursor moved, else 0. Words are runs of units
 * whose character is a letter or a digit (uc_is_alnum: « é », « œ » are
 * letters; an apostrophe is not). Word right goes to the start of the next
 * word (or the end of the text), word left to the start of this or the
 * previous word. Home and end are those of the visual line: at a wrap with
 * no space, end stops before the last unit so the cursor stays on the row.
 */
int		 txt_edit_left(struct txt_edit *);
int		 txt_edit_right(struct txt_edit *);
int		 txt_edit_word_left(struct txt_edit *);
int		 txt_edit_word_right(struct txt_edit *);
int		 txt_edit_home(struct txt_edit *);
int		 txt_edit_end(struct txt_edit *);
int		 txt_edit_top(struct txt_edit *);
int		 txt_edit_bottom(struct txt_edit *);

/*
 * Up and down move one visual line at the goal column, which consecutive
 * vertical moves keep (any other call forgets it): a column inside a
 * double-width character rounds to its start, past the end of a shorter
 * line goes to its end. Page moves go rows lines (at least one), stopping
 * at the first or last line.
 */
int		 txt_edit_up(struct txt_edit *);
int		 txt_edit_down(struct txt_edit *);
int		 txt_edit_page_up(struct txt_edit *, size_t rows);
int		 txt_edit_page_down(struct txt_edit *, size_t rows);

/*
 * Wrap the text at width columns with txt_wrap() (0: no wrapping), in the
 * current charset. Cheap when neither the width nor the charset changed:
 * edits keep the layout up to date by re-wrapping only the paragraphs
 * they touch. Unlike txt_wrap(), a text ending with '\n' has an empty last
 * line, where the cursor after that '\n' is shown.
 */
void		 txt_edit_layout(struct txt_edit *, size_t width);
/* The visual lines (at least one); *lines stays valid until a change. */
size_t		 txt_edit_lines(const struct txt_edit *,
		    const struct txt_line **lines);
/*
 * The cursor's visual row and display column. A cursor at the offset where
 * a line starts is at the start of that line; at the end of a line before
 * its '\n' or its breaking space, at the end of that line. The column is
 * at most the width: a widget should wrap at its width minus one so that
 * the cursor always has a cell.
 */
void		 txt_edit_cursor_pos(const struct txt_edit *, size_t *row,
		    size_t *col);

/*
 * A reply's quotation of text: cleaned, trailing empty lines dropped, each
 * line prefixed with "> " (a quoted line "> foo" gives "> > foo") and
 * trailing spaces removed (an empty line gives ">"). Lines wider than
 * width - 2 are re-wrapped, keeping their own quote markers on every
 * piece; width 0 re-wraps nothing. No final '\n'. Returns a new string.
 */
char		*txt_edit_quote(const char *text, size_t width);

#endif /* PALABRE_TXT_EDIT_H */
