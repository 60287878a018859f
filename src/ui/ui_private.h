/*
 * ui_private.h - what the interface's own files share (src/ui/ only):
 * the state of the one interface of this process.
 */
#ifndef PALABRE_UI_PRIVATE_H
#define PALABRE_UI_PRIVATE_H

#include <stdint.h>

#include "store/store.h"
#include "ui/ui.h"

#define UI_MAX_VIEWS	32

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
	int			 quit;
	int			 linemode;	/* plain lines, no cursor moves */
	int			 switch_mode;	/* leave this mode for the other */
	int			 idle_out;	/* ended for lack of activity */
	int			 full_redraw;
	int64_t			 last_key;	/* mono ms */
};

/* A signal asked us to stop (hang-up or server shutdown). */
int	 ui_stopping(void);
/* Handle one key as the top view and the global keys decide. */
void	 ui_dispatch(struct ui *, int);
/* Leave and free the top views (all of them). */
void	 ui_views_free(struct ui *);
/* Run the interface in line mode until quit, stop or mode switch. */
void	 ui_line_run(struct ui *);

#endif
