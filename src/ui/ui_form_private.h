/*
 * ui_form_private.h - what the form widget's files share (src/ui/ui_form*.c
 * only): the form's state, the sub-screens' operations, and the few
 * functions one part calls in another.
 */
#ifndef PALABRE_UI_FORM_PRIVATE_H
#define PALABRE_UI_FORM_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"
#include "ui/ui_form.h"

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

/* ui_form.c */
void	 form_changed(struct ui_form *);
int	 form_has_key(const char *, const char *);
/* ui_form_line.c */
int	 form_line_field(struct ui *, struct ui_form *, size_t);
void	 form_line_print(const char *);
/* ui_form_refs.c */
int	 form_line_search(struct ui *, struct ui_form *, size_t);

#endif
