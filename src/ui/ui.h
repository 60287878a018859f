/*
 * ui.h - the screen framework: a stack of views, each an instance of a
 * screen descriptor (screens/, one file per screen), key tables mapped
 * to operations, a title bar, a status line and a help bar in French, and the widgets that
 * screens share (list, pager).
 *
 * Layout of every screen, at any size from 40x12 up:
 *   row 0            title bar: site › screen title ......... member
 *   rows 1..h-3      the view's area (struct ui_rect)
 *   row h-2          status line: message, or the view's status
 *   row h-1          help bar: the keys of this screen, in French
 * Below 40x12 nothing but « Fenêtre trop petite » is drawn, and every key
 * but a resize is ignored until the window grows.
 *
 * Rules for screens: draw() only reads the view's state; handle() only
 * changes it (and may push or pop views); layout() is called before draw
 * whenever the area's size changed and may recompute cached layout (the
 * pager's wrapped lines). Nothing redraws the whole terminal except Ctrl-L
 * and a resize: ncurses sends only the cells that changed.
 */
#ifndef PALABRE_UI_H
#define PALABRE_UI_H

#include <stddef.h>
#include <stdint.h>

#include "text/txt.h"

struct config;
struct store;
struct store_member;
struct ui;
struct ui_view;

/* Keys: Unicode code points as themselves, ncurses function keys with
 * UI_KEY_FN set (they would collide with code points otherwise). */
#define UI_KEY_FN	0x01000000
#define UI_FN(k)	(UI_KEY_FN | (k))
#define UI_CTRL(c)	((c) & 0x1f)
#define UI_KEY_ESC	0x1b

/* Operations that keys map to; screens add their own from OP_SCREEN. */
enum ui_op {
	OP_NONE = 0,
	OP_UP,
	OP_DOWN,
	OP_PAGE_UP,
	OP_PAGE_DOWN,
	OP_TOP,
	OP_BOTTOM,
	OP_OPEN,
	OP_BACK,
	OP_HELP,
	OP_REDRAW,
	OP_QUIT,
	OP_YES,
	OP_NO,
	OP_SCREEN = 100
};

#define UI_KEY_BAR	0x01	/* shown in the help bar */
#define UI_KEY_NOHELP	0x02	/* an alias: not listed in the help screen */

struct ui_key {
	int		 key;
	int		 op;
	const char	*name;		/* as shown: "Entrée", "q", "↑" */
	const char	*label;		/* what it does: "Ouvrir" */
	int		 flags;
};

/* A key table ends with an entry whose key is 0. */
#define UI_KEYS_END { 0, OP_NONE, NULL, NULL, 0 }

/* The keys of a list, for screens' tables. */
#define UI_LIST_KEYS							\
	{ UI_FN(KEY_UP), OP_UP, "↑↓", "Choisir", UI_KEY_BAR },		\
	{ UI_FN(KEY_DOWN), OP_DOWN, NULL, NULL, 0 },			\
	{ 'j', OP_DOWN, "j k", "Descendre, monter", 0 },		\
	{ 'k', OP_UP, NULL, NULL, 0 },					\
	{ UI_FN(KEY_NPAGE), OP_PAGE_DOWN, "PgSuiv", "Page suivante", 0 }, \
	{ UI_FN(KEY_PPAGE), OP_PAGE_UP, "PgPréc", "Page précédente", 0 }, \
	{ UI_FN(KEY_HOME), OP_TOP, "Début", "Premier", 0 },		\
	{ UI_FN(KEY_END), OP_BOTTOM, "Fin", "Dernier", 0 }

/* The keys of a pager, for screens' tables. */
#define UI_PAGER_KEYS							\
	{ ' ', OP_PAGE_DOWN, "Espace", "Page suivante", UI_KEY_BAR },	\
	{ 'b', OP_PAGE_UP, "b", "Page précédente", 0 },			\
	{ UI_FN(KEY_NPAGE), OP_PAGE_DOWN, "PgSuiv", "Page suivante", 0 }, \
	{ UI_FN(KEY_PPAGE), OP_PAGE_UP, "PgPréc", "Page précédente", 0 }, \
	{ UI_FN(KEY_DOWN), OP_DOWN, "↑↓", "Ligne par ligne", 0 },	\
	{ UI_FN(KEY_UP), OP_UP, NULL, NULL, 0 },			\
	{ 'j', OP_DOWN, "j k", "Ligne suivante, précédente", 0 },	\
	{ 'k', OP_UP, NULL, NULL, 0 },					\
	{ UI_FN(KEY_HOME), OP_TOP, "Début", "Au début", 0 },		\
	{ 'g', OP_TOP, "g", "Au début", UI_KEY_NOHELP },		\
	{ UI_FN(KEY_END), OP_BOTTOM, "Fin", "À la fin", 0 },		\
	{ 'G', OP_BOTTOM, "G", "À la fin", UI_KEY_NOHELP }

struct ui_rect {
	int	y, x, h, w;
};

#define UI_SCREEN_OVERLAY 0x01	/* a dialog: the view below stays visible */

enum ui_result { UI_IGNORED = 0, UI_HANDLED = 1 };

struct ui_screen {
	const char		*name;		/* "accueil", for tests and logs */
	const struct ui_key	*keys;
	int			 flags;
	/* Set view->state and view->title; 0, or -1 with a message. */
	int	(*enter)(struct ui *, struct ui_view *, void *arg);
	void	(*layout)(struct ui *, struct ui_view *, const struct ui_rect *);
	void	(*draw)(struct ui *, const struct ui_view *,
		    const struct ui_rect *);
	int	(*handle)(struct ui *, struct ui_view *, int op, int key);
	void	(*leave)(struct ui *, struct ui_view *);
	/*
	 * Line mode (TERM=dumb): what the view is, in plain lines. A menu
	 * (its list, and the text of item i), a text read page by page, or
	 * a few paragraphs; a screen gives one of the three.
	 */
	struct ui_list	*(*menu)(struct ui_view *);
	char		*(*item)(struct ui *, const struct ui_view *, size_t);
	/* Optional: the number entry i keeps whatever else is listed (its
	 * digit on the screen), 0 for none, -1 for a heading that is not a
	 * choice (line mode shows it unnumbered); without it, 1, 2, 3... */
	int		 (*number)(const struct ui_view *, size_t);
	struct ui_pager	*(*text)(struct ui_view *);
	char		*(*plain)(struct ui *, const struct ui_view *);
	/* Or a dialogue of its own (a form, one question at a time),
	 * run instead of the three above; it pops the view when done. */
	void		 (*line)(struct ui *, struct ui_view *);
	/*
	 * Text entry. A screen with input() gets what the member types as
	 * UTF-8 text, not as keys: every printable character (and, inside a
	 * bracketed paste, Entrée and Tab too) waiting in the input is
	 * gathered and handed over in one call, so a paste of a megabyte is
	 * a few calls, not a million. Keys that are not text (arrows,
	 * Ctrl-keys, Esc, function keys) still go through the key tables
	 * and handle().
	 */
	int	(*input)(struct ui *, struct ui_view *, const char *, size_t);
	/*
	 * Timer: called when the view is on top and the delay it returned
	 * last time has passed (and once before the first wait); returns
	 * the next delay in ms, or -1 for none (drafts saved as one types).
	 */
	int	(*tick)(struct ui *, struct ui_view *);
	/*
	 * The view is on top again after the views above it were popped, or
	 * the configuration was reloaded (every view): re-read what may have
	 * changed (a list after a post, unread counts).
	 */
	void	(*resume)(struct ui *, struct ui_view *);
};

struct ui_view {
	const struct ui_screen	*screen;
	void			*state;
	char			*title;		/* title bar text (owned) */
	char			*status;	/* right of the status line (owned) */
	struct ui_rect		 laid_out;	/* area of the last layout() */
};

/* The global keys, active on every screen (help, back, redraw, quit). */
extern const struct ui_key ui_global_keys[];

/* --- Running the interface ---------------------------------------------- */

#define UI_SESSION	0x01	/* behind SSH: stricter about the terminal */
#define UI_PASSED	0x02	/* the configuration is the listener's copy
				 * in run_dir (--run): reload that, keep the
				 * registry entry */

/*
 * Run the interface for member login on the current terminal (stdin and
 * stdout) until the member quits or the terminal hangs up. Returns the
 * exit status.
 */
int	 ui_main(struct config *cfg, const char *config_path,
	    const char *login, int flags);
/* "palabre local" / palabre-ui: options (--user, --session), the
 * configuration at path, then ui_main(). Returns the exit status. */
int	 ui_local_main(const char *path, int argc, char **argv);

/* --- For screens ----------------------------------------------------------- */

/* Push a new view of screen; -1 if its enter() refused (message shown). */
int	 ui_push(struct ui *, const struct ui_screen *, void *arg);
/* Pop the top view (the last one asks to quit first). */
void	 ui_pop(struct ui *);
/* Replace the top view by a view of screen. */
int	 ui_replace(struct ui *, const struct ui_screen *, void *arg);
/* Leave the program at the end of this key (no more questions). */
void	 ui_quit(struct ui *);
/* A message on the status line until the next key. */
void	 ui_message(struct ui *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * The outcome of saving a draft (rc: what the store's save returned).
 * A failure is never only logged: « Brouillon non enregistré : disque
 * plein » (or « base occupée »...) stays on the status line until a save
 * succeeds or the view goes; the caller keeps the text dirty so that
 * the next tick tries again.
 */
void	 ui_draft_status(struct ui *, int rc);
/* The view under the top one (for help and dialogs), or NULL. */
const struct ui_view *ui_view_below(struct ui *, const struct ui_view *);

struct store			*ui_store(struct ui *);
const struct store_member	*ui_member(struct ui *);
const struct config		*ui_config(struct ui *);
/* The previous login time of this member (0: first visit). */
int64_t				 ui_previous_login(struct ui *);
/* The member as the store's permission and read-state checks see them. */
struct store_viewer;
void				 ui_viewer(struct ui *, struct store_viewer *);

/* Switch the member's charset now (and remember it for next time). */
void	 ui_set_charset(struct ui *, enum txt_charset);
/* Line mode: numbered menus and plain pages, no cursor addressing
 * (TERM=dumb, or on request; the switch happens after this key). */
int	 ui_line_mode(struct ui *);
void	 ui_set_line_mode(struct ui *, int);
/*
 * The terminal's cursor, shown at (y, x) after this redraw (text entry);
 * hidden again at the next redraw unless asked again from draw().
 */
void	 ui_show_cursor(struct ui *, int y, int x);
/*
 * A one-line question on the status line (overlay): the member types
 * an answer (at most max bytes, cleaned, one line) and Entrée calls
 * done(ui, ctx, text); Esc or Ctrl-C calls done(ui, ctx, NULL). done may
 * push or pop views. In line mode the question is a prompt and the
 * answer a line.
 */
int	 ui_prompt(struct ui *, const char *question, const char *initial,
	    size_t max, void (*done)(struct ui *, void *, const char *),
	    void *ctx);
/* The same for a password: shown as stars, not echoed in line mode,
 * wiped after done() returns. */
int	 ui_prompt_secret(struct ui *, const char *question, size_t max,
	    void (*done)(struct ui *, void *, const char *), void *ctx);
/* Frames drawn with + - | instead of lines, on request. */
int	 ui_ascii_lines(struct ui *);
void	 ui_set_ascii_lines(struct ui *, int);
/* Line-drawing characters, or their ASCII stand-ins on request. */
enum ui_glyph { UI_G_HLINE, UI_G_VLINE, UI_G_TL, UI_G_TR, UI_G_BL, UI_G_BR };
const char *ui_glyph(enum ui_glyph);
/* A frame of h rows and w columns at (y, x), its inside blanked. */
void	 ui_box(struct ui *, int y, int x, int h, int w);

void	 ui_view_set_title(struct ui_view *, const char *);
void	 ui_view_set_status(struct ui_view *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Map a key to an operation for a view: its screen's table, then the
 * global one. OP_NONE if unbound. */
int	 ui_key_op(const struct ui_screen *, int key);

/* --- Drawing helpers --------------------------------------------------- */

/* Draw clean text at (y, x), cut to at most w columns; returns columns
 * used. attr is an ncurses attribute (A_BOLD...). */
int	 ui_put(int y, int x, int w, const char *s, int attr);
int	 ui_putn(int y, int x, int w, const char *s, size_t n, int attr);
/* Centred in [x, x+w). */
void	 ui_put_center(int y, int x, int w, const char *s, int attr);
/* Wrap s into the rectangle from row r->y + dy; returns rows used. */
int	 ui_put_wrapped(const struct ui_rect *r, int dy, const char *s,
	    int attr, int center);

/* --- List widget ------------------------------------------------------------ */

struct ui_list {
	size_t	n;		/* number of items */
	size_t	sel;		/* selected item */
	size_t	top;		/* first visible item */
	int	rows_per_item;	/* 1 or 2 */
};

void	 ui_list_init(struct ui_list *, size_t n, int rows_per_item);
/* Move for the list operations (up, down, pages, ends); UI_HANDLED if it
 * was one. */
int	 ui_list_handle(struct ui_list *, int op, const struct ui_rect *);
/* Keep the selection visible in an area of r->h rows. */
void	 ui_list_layout(struct ui_list *, const struct ui_rect *);
/* Draw visible items with draw_item(y, x, w, index, selected, arg); the
 * first column is the selection marker's, and a selected item shows its
 * label with A_REVERSE. */
void	 ui_list_draw(const struct ui_list *, const struct ui_rect *,
	    void (*draw_item)(int, int, int, size_t, int, const void *),
	    const void *arg);
/* "3/12" in buf. */
void	 ui_list_position(const struct ui_list *, char *, size_t);

/* --- Pager widget ----------------------------------------------------------- */

struct ui_pager_line;
struct ui_pager_mark;

struct ui_pager {
	struct txt_doc		*doc;		/* owned */
	struct ui_pager_line	*lines;		/* laid out for width */
	size_t			 nlines;
	int			 width;		/* of the last layout */
	size_t			 top;		/* first visible line */
	char			*find;		/* what ui_pager_find looks for */
	struct ui_pager_mark	*marks;		/* its matches, in text order */
	size_t			 nmarks;
	size_t			 cur;		/* the match shown (< nmarks) */
	size_t			 body;		/* 1 + the block where the text
						 * starts after its header; 0 */
};

void	 ui_pager_init(struct ui_pager *);
void	 ui_pager_free(struct ui_pager *);
/* Append a block of one style (headings, metadata) or a whole document
 * (taken over). */
void	 ui_pager_add(struct ui_pager *, enum txt_block_kind, int level,
	    const char *text, int attr);
/* A text offered for copying: one preformatted block, not indented,
 * its long lines cut at the width into as many screen lines as they
 * need (never clipped), so that what a terminal copies is the text. */
void	 ui_pager_add_copy(struct ui_pager *, const char *text);
void	 ui_pager_add_doc(struct ui_pager *, struct txt_doc *);
/* A list item with its own bullet (key names in the help). */
void	 ui_pager_add_item(struct ui_pager *, const char *bullet,
	    const char *text);
/* The blocks added from now on are the text, those before its header:
 * on a small window the first page still shows some of the text. */
void	 ui_pager_body(struct ui_pager *);
void	 ui_pager_layout(struct ui_pager *, const struct ui_rect *);
int	 ui_pager_handle(struct ui_pager *, int op, const struct ui_rect *);
void	 ui_pager_draw(const struct ui_pager *, const struct ui_rect *);
/*
 * Move to the next (dir 1) or previous (dir -1) block of this kind (a
 * heading: the next article) below or above the first visible line: it
 * becomes the first visible line. 1 if moved, 0 if there is none.
 */
int	 ui_pager_seek_block(struct ui_pager *, enum txt_block_kind, int dir,
	    const struct ui_rect *);
/*
 * Find text in the document, ignoring case and accents (« prefecture »
 * finds « Préfecture »): every match is highlighted, and the first one
 * from the first visible line on is shown. Returns the number of
 * matches (0: nothing moves, the marks are gone). query NULL or "" only
 * clears the marks.
 */
size_t	 ui_pager_find(struct ui_pager *, const char *query,
	    const struct ui_rect *);
/* The next (dir 1) or previous (dir -1) match, going round; its
 * number from 1 in *index. 0 if there is no search. */
int	 ui_pager_find_next(struct ui_pager *, int dir,
	    const struct ui_rect *, size_t *index);
/* Line i as plain text (its prefix, its text), for line mode. */
char	*ui_pager_line_text(const struct ui_pager *, size_t i);
/* "Lignes 1-20 sur 85 (23 %)" in buf. */
void	 ui_pager_position(const struct ui_pager *, int rows, char *, size_t);
/* The same as the view's status (right of the status line). */
void	 ui_pager_status(const struct ui_pager *, struct ui_view *, int rows);

/* --- Editor widget ---------------------------------------------------------- */

/*
 * A multi-line text editor in a rectangle, on txt_edit (src/text/): it
 * wraps at the rectangle's width minus one, scrolls to keep the cursor
 * visible, and shows the cursor with ui_show_cursor() when focused.
 */
struct ui_editor;
struct txt_edit;

struct ui_editor *ui_editor_new(size_t max_bytes);
void		 ui_editor_free(struct ui_editor *);
struct txt_edit	*ui_editor_edit(struct ui_editor *);
void		 ui_editor_layout(struct ui_editor *, const struct ui_rect *);
void		 ui_editor_draw(struct ui *, const struct ui_editor *,
		    const struct ui_rect *, int focused);
/* Typed or pasted text: TXT_EDIT_OK or TXT_EDIT_FULL (a message says
 * the text is too long and nothing more was inserted). */
int		 ui_editor_input(struct ui *, struct ui_editor *, const char *,
		    size_t);
/* Editing keys (arrows, Ctrl-arrows, Début/Fin, PgSuiv/PgPréc,
 * Backspace, Suppr, Ctrl-W, Ctrl-K, Ctrl-A/E, Entrée as a new line):
 * UI_HANDLED or UI_IGNORED. */
int		 ui_editor_key(struct ui_editor *, int key);

#endif /* PALABRE_UI_H */
