/*
 * screens.h - every screen of the interface, one file each in screens/.
 * screens_all lists them for the tests (no key bound twice in a screen).
 */
#ifndef PALABRE_SCREENS_H
#define PALABRE_SCREENS_H

#include <stdint.h>

#include "ui/ui.h"

extern const struct ui_screen screen_welcome;	/* welcome.c */
extern const struct ui_screen screen_home;	/* home.c: Accueil */
extern const struct ui_screen screen_edito;	/* edito.c */
extern const struct ui_screen screen_help;	/* help.c */
extern const struct ui_screen screen_quit;	/* quit.c */
extern const struct ui_screen screen_display;	/* display.c: Affichage */
extern const struct ui_screen screen_compose;	/* compose.c: writing */
extern const struct ui_screen screen_drafts;	/* drafts.c: Brouillons */

/* The argument of screen_compose's enter(). */
struct compose_arg {
	int	 kind;		/* enum store_draft_kind */
	int64_t	 board_id;	/* DRAFT_THREAD */
	int64_t	 target_id;	/* DRAFT_REPLY: the parent post; DRAFT_EDIT: the post */
	int	 quote;		/* DRAFT_REPLY: start with the parent quoted */
};

extern const struct ui_screen *const screens_all[];

#endif
