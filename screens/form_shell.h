/*
 * form_shell.h - the shell around a form screen that keeps a draft (the
 * practice record's and the exchange day's): Ctrl-X sends, Échap asks
 * whether to keep the draft, a hang-up keeps what was typed, line mode
 * asks the questions one by one. A screen's state begins with a struct
 * form_shell, and its descriptor takes the hooks below as they are.
 */
#ifndef PALABRE_FORM_SHELL_H
#define PALABRE_FORM_SHELL_H

#include "ui/ui.h"
#include "ui/ui_form.h"

enum { FORM_SHELL_OP_SEND = OP_SCREEN, FORM_SHELL_OP_LEAVE };

/* A form screen's keys: the form's, Ctrl-X labelled send, Échap. */
#define FORM_SHELL_KEYS(send)						\
	UI_FORM_KEYS,							\
	{ UI_CTRL('X'), FORM_SHELL_OP_SEND, "Ctrl-X", send, UI_KEY_BAR }, \
	{ UI_KEY_ESC, FORM_SHELL_OP_LEAVE, "Échap", "Quitter", UI_KEY_BAR }, \
	UI_KEYS_END

struct form_shell {
	struct ui_form	*form;
	const char	*notice;	/* a line above the form, or NULL */
	const char	*kept;		/* said when the draft is kept */
	/* Ctrl-X: check and store; 0 once done (then it pops the view). */
	int		(*send)(struct ui *, struct ui_view *);
	/* « n » to « Garder le brouillon ? »: delete the stored draft
	 * (the shell is the first member of the screen's state). */
	void		(*drop)(struct ui *, struct form_shell *);
	int		 done;		/* sent or thrown away */
	struct ui_rect	 area;		/* the form's, below the notice */
};

/* The view's leave(): keep what was typed unless done, free the form. */
void	 form_shell_leave(struct ui *, struct ui_view *);
void	 form_shell_layout(struct ui *, struct ui_view *,
	    const struct ui_rect *);
void	 form_shell_draw(struct ui *, const struct ui_view *,
	    const struct ui_rect *);
int	 form_shell_handle(struct ui *, struct ui_view *, int op, int key);
int	 form_shell_input(struct ui *, struct ui_view *, const char *,
	    size_t);
int	 form_shell_tick(struct ui *, struct ui_view *);
void	 form_shell_line(struct ui *, struct ui_view *);

#endif
