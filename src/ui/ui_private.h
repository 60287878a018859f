/*
 * ui_private.h - what the interface's own files share (src/ui/ only):
 * the state of the one interface of this process.
 */
#ifndef PALABRE_UI_PRIVATE_H
#define PALABRE_UI_PRIVATE_H

#include <stdint.h>

#include "store/store.h"
#include "ui/ui.h"
#include "util/registry.h"

#define UI_MAX_VIEWS	32

/*
 * Key codes we bind ourselves with define_key(): terminals disagree on
 * these sequences and terminfo often lacks them. ncurses stores key codes
 * in 16 bits; its own extended keys start at KEY_MAX + 1, so ours sit
 * far above them.
 */
#define UI_KC_PASTE_BEGIN	0x6000	/* "\033[200~" */
#define UI_KC_PASTE_END		0x6001	/* "\033[201~" */
#define UI_KC_WORD_LEFT		0x6002	/* Ctrl-←, Alt-b */
#define UI_KC_WORD_RIGHT	0x6003	/* Ctrl-→, Alt-f */
#define UI_KC_TEXT_TOP		0x6004	/* Ctrl-Début */
#define UI_KC_TEXT_BOTTOM	0x6005	/* Ctrl-Fin */

struct ui {
	struct config		*cfg;
	const char		*config_path;
	struct store		*store;
	struct store_member	 member;
	int64_t			 previous_login;
	int			 flags;

	struct ui_view		*views[UI_MAX_VIEWS];
	int			 nviews;

	char			 message[256];
	char			 draft_fault[128]; /* ui_draft_status() */
	int			 quit;
	int			 linemode;	/* plain lines, no cursor moves */
	int			 switch_mode;	/* leave this mode for the other */
	int			 idle_out;	/* ended for lack of activity */
	int			 full_redraw;
	int64_t			 last_key;	/* mono ms */
	int			 released;	/* idle: caches given back */

	int			 pasting;	/* inside a bracketed paste */
	struct ui_view		*tick_view;	/* whose timer tick_due is */
	int64_t			 tick_due;	/* mono ms; -1: none */
	int			 cursor_want;	/* draw() asked for the cursor */
	int			 cursor_y, cursor_x;
	int			 cursor_on;	/* shown on the terminal now */

	struct registry_entry	*reg;		/* our entry; NULL: none */
	int			 kicked;	/* ended by the sysop */
	int64_t			 notice_stamp;	/* the announcement seen last */
	char			 notice[320];	/* shown on the status line */
	int64_t			 notice_until;	/* mono ms; 0: none */
	int64_t			 notice_seen;	/* the member's last notice shown */
	char			*notice_lines;	/* line mode: before the next
						 * prompt; NULL: none */
};

/* A signal asked us to stop (hang-up or server shutdown). */
int	 ui_stopping(void);
/* Handle one key as the top view and the global keys decide. */
void	 ui_dispatch(struct ui *, int);
/* Leave and free the top views (all of them). */
void	 ui_views_free(struct ui *);
/* Run the interface in line mode until quit, stop or mode switch. */
void	 ui_line_run(struct ui *);
/* Line mode: print prompt, read one cleaned line; -1 if the session ends. */
int	 ui_line_read(struct ui *, const char *, char *, size_t);
/* Idle memory: ms to wait at most before ui_idle_release() is due (or
 * wait unchanged), and the release itself once it is due. */
int	 ui_idle_wait(struct ui *, int wait);
int	 ui_wait_input(int fd, int ms, int *key, int with_reload);
void	 ui_idle_release(struct ui *);
/* Hand typed text to the top view's input(); re-arms its timer. */
void	 ui_dispatch_text(struct ui *, const char *, size_t);
/* SIGUSR2 came since the last call (the sysop said something). */
int	 ui_mail_take(void);
/* The registry of open sessions (ui_session.c): our entry from the
 * session process, kept up to date (section, size, charset, last key),
 * what the sysop sends (kick, announcement) and the member's notices
 * (a private message, a reply...). No-ops without one. */
void	 ui_session_start(struct ui *);
void	 ui_session_update(struct ui *);
void	 ui_session_key(struct ui *);
void	 ui_session_mail(struct ui *);
void	 ui_session_end(struct ui *);
/* The announcement or notice to show now, or NULL; ms to wait at most
 * before it expires (or wait unchanged). */
const char *ui_session_notice(struct ui *);
int	 ui_session_wait(struct ui *, int wait);
/* Line mode: the notices that came since the last prompt, one line
 * each ("" if none); forgotten once taken. New string. */
char	*ui_session_notice_lines(struct ui *);
/*
 * The editing keys, one map for every text field: arrows, words, Début
 * and Fin, deletions. UI_EDIT_LINE for one line (a question, a form's
 * field: Début/Fin go to its ends, Ctrl-U empties it); UI_EDIT_TEXT for
 * the editor (lines: ↑ ↓, Début/Fin of the line, Ctrl-Début/Fin of the
 * text, Ctrl-D, Entrée breaks the line). Returns -1 if key edits
 * nothing, 1 if the text changed, 0 if only the cursor moved.
 */
#define UI_EDIT_LINE	0
#define UI_EDIT_TEXT	1
struct txt_edit;
int	 ui_edit_key(struct txt_edit *, int key, int mode);
/* The screen of ui_prompt() (its status line is the question). */
extern const struct ui_screen ui_prompt_screen;

#endif
