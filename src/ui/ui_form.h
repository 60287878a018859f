/*
 * ui_form.h - a form of several pages for screens: one-line texts with a
 * maximum length, dates, a choice from a list (grouped or not: a
 * département by région then département), several choices (themes),
 * long texts written in a sub-screen with the boards' editor
 * (ui_editor), and a list of things found by searching (documents of
 * the shelf), kept in a sub-screen where the member adds and removes
 * them. Plus ui_pick(), the list chooser the form uses, for any screen
 * that needs one (filters).
 *
 * A screen owns a form: it passes its own keys (UI_FORM_KEYS in its
 * table), gives it draw/layout/handle/input/tick, and reads the values.
 * The form keeps the values as the member types them; it knows when they
 * changed (ui_form_dirty) and calls the screen's save hook every two
 * seconds of change (ui_form_tick), from the long-text sub-screen too,
 * so that drafts follow what is typed.
 *
 * Keys: Tab or ↓ next field, Shift-Tab or ↑ previous, PgSuiv/PgPréc the
 * next/previous page (« Page 2/5 »), Entrée opens a choice or a long
 * text (and goes on from a one-line field); in a one-line field ← → Début
 * Fin, Retour arrière, Suppr, Ctrl-W, Ctrl-K, Ctrl-U edit.
 *
 * Line mode (TERM=dumb): ui_form_line() asks one question at a time, in
 * page order, with the value so far; see there.
 */
#ifndef PALABRE_UI_FORM_H
#define PALABRE_UI_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"

enum ui_form_kind {
	UI_FORM_TEXT,		/* one line, at most max bytes */
	UI_FORM_DATE,		/* txt_date_parse(): « mars 2021 »... */
	UI_FORM_CHOICE,		/* one option's key */
	UI_FORM_MULTI,		/* option keys separated by spaces */
	UI_FORM_LONG,		/* several paragraphs, in the editor */
	UI_FORM_SEARCH		/* keys found by searching, separated by
				 * spaces, in the member's order */
};

struct ui_form_option {
	const char	*key;
	const char	*label;
	const char	*group;		/* NULL: a flat list */
};

struct ui_form_field {
	const char			*label;
	const char			*help;		/* one line, or NULL */
	int				 kind;		/* enum ui_form_kind */
	int				 page;		/* 0.. */
	size_t				 max;		/* bytes: TEXT, DATE, LONG */
	int				 required;
	const struct ui_form_option	*options;	/* CHOICE, MULTI */
	size_t				 noptions;
	/*
	 * SEARCH: what matches the words typed (a new array of new
	 * strings, for ui_form_options_free; *n set), and the label of
	 * a key chosen (a new string; NULL if it is gone). ctx is the
	 * form's. empty: what the list says while nothing is chosen.
	 */
	struct ui_form_option		*(*search)(void *ctx, const char *query,
					    size_t *n);
	char				*(*key_label)(void *ctx,
					    const char *key);
	const char			*empty;
};

/* Operations of the form's keys (beside a screen's own, from OP_SCREEN). */
enum {
	UI_FORM_OP_NEXT = OP_SCREEN + 60,
	UI_FORM_OP_PREV,
	UI_FORM_OP_NEXT_PAGE,
	UI_FORM_OP_PREV_PAGE,
	UI_FORM_OP_OPEN
};

/* For a screen's key table. */
#define UI_FORM_KEYS							\
	{ '\t', UI_FORM_OP_NEXT, "Tab", "Champ suivant", UI_KEY_BAR },	\
	{ UI_FN(KEY_DOWN), UI_FORM_OP_NEXT, "↓ ↑", "Champ suivant, "	\
	    "précédent", 0 },						\
	{ UI_FN(KEY_BTAB), UI_FORM_OP_PREV, "Maj-Tab", "Champ précédent", \
	    0 },							\
	{ UI_FN(KEY_UP), UI_FORM_OP_PREV, NULL, NULL, 0 },		\
	{ UI_FN(KEY_NPAGE), UI_FORM_OP_NEXT_PAGE, "PgSuiv", "Page "	\
	    "suivante", UI_KEY_BAR },					\
	{ UI_FN(KEY_PPAGE), UI_FORM_OP_PREV_PAGE, "PgPréc", "Page "	\
	    "précédente", 0 },						\
	{ '\r', UI_FORM_OP_OPEN, "Entrée", "Choisir, écrire le texte", 0 }

struct ui_form;

/* The form's sub-screens: a long text in the editor, the chooser, the
 * list of a SEARCH field. */
extern const struct ui_screen ui_form_long_screen;
extern const struct ui_screen ui_form_pick_screen;
extern const struct ui_screen ui_form_refs_screen;

/* Free options whose key and label were allocated (SEARCH results). */
void		 ui_form_options_free(struct ui_form_option *, size_t);

/*
 * A form over fields[0..n) (kept by the caller for the form's life) in
 * npages pages titled pages[]. save(ui, ctx) is called when the values
 * changed and two seconds passed (or by ui_form_save_now); it returns
 * what the store's save did (0, or a failure: the form stays dirty, the
 * status line says why, and the next tick tries again).
 */
struct ui_form	*ui_form_new(const struct ui_form_field *fields, size_t n,
		    const char *const *pages, int npages,
		    int (*save)(struct ui *, void *), void *ctx);
void		 ui_form_free(struct ui_form *);

/* Values: never NULL; set cleans (one line for one-line kinds). */
const char	*ui_form_value(const struct ui_form *, size_t field);
void		 ui_form_set(struct ui_form *, size_t field, const char *);
int		 ui_form_dirty(const struct ui_form *);
void		 ui_form_clean(struct ui_form *);
/* Focus a field (and its page). */
void		 ui_form_focus(struct ui_form *, size_t field);
size_t		 ui_form_current(const struct ui_form *);
/* The label of a choice's value (« 93 Seine-Saint-Denis »), or of a
 * multiple choice's values joined by « ; », as a new string. */
char		*ui_form_shown(const struct ui_form *, size_t field);

/*
 * Check what the form can check: required fields, lengths, dates,
 * choices among their options. -1 if all is well; else the first field
 * at fault, focused, with a French message in msg.
 */
int		 ui_form_validate(struct ui_form *, char *msg, size_t size);

void		 ui_form_layout(struct ui_form *, const struct ui_rect *);
void		 ui_form_draw(struct ui *, const struct ui_form *,
		    const struct ui_rect *);
/* The form's keys and the editing keys of a one-line field. */
int		 ui_form_handle(struct ui *, struct ui_form *, int op, int key);
int		 ui_form_input(struct ui *, struct ui_form *, const char *,
		    size_t);
/* For the screen's tick(): save when due, giving up at once on a busy
 * database (STORE_WAIT_AUTOSAVE); the next delay or -1. */
int		 ui_form_tick(struct ui *, struct ui_form *);
/* Save now, waiting for the database at most STORE_WAIT_SEND: 0, or the
 * save hook's failure. */
int		 ui_form_save_now(struct ui *, struct ui_form *);

/*
 * Line mode: one question at a time from the focused field to the last,
 * then « Envoyer ? ». What the member answers:
 *   Entrée          keeps the value shown and goes on
 *   text            the new value (a number, or numbers, for choices)
 *   « - »           empties the field
 *   « < »           back to the previous question
 *   « ~q »          leaves (the screen keeps the draft)
 * A long text is typed line by line and ends with a line « . »; « = »
 * alone keeps the text as it is. A SEARCH field shows its list, then
 * takes words to search (a number among the results adds one), « -N »
 * to remove the N-th, Entrée to go on. Returns UI_FORM_LINE_SEND when the
 * member asks to send, UI_FORM_LINE_LEAVE when they leave, -1 when the
 * session ends. Drafts are saved after every answer.
 */
#define UI_FORM_LINE_SEND	1
#define UI_FORM_LINE_LEAVE	0
int		 ui_form_line(struct ui *, struct ui_form *, const char *intro);

/*
 * Choose from options (a list pushed over the current view): one key,
 * or several (multi: Espace ticks, Entrée validates). Grouped options
 * are chosen by group first. current is the value now (keys separated
 * by spaces for multi). done(ui, ctx, value) gets the key(s), or NULL if
 * the member went back. 0, or -1 if the view could not be pushed.
 */
int		 ui_pick(struct ui *, const char *title,
		    const struct ui_form_option *, size_t n, int multi,
		    const char *current,
		    void (*done)(struct ui *, void *, const char *),
		    void *ctx);

#endif /* PALABRE_UI_FORM_H */
