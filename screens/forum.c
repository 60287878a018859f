/*
 * forum.c - what the boards' screens share: opening a message in the
 * reader, « suivant non lu » from anywhere, the search prompt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

static void	forum_search_done(struct ui *, void *, const char *);

/* Open post_id in the reader, over the current view. */
int
forum_open_post(struct ui *ui, int64_t post_id)
{
	return ui_push(ui, &screen_reader, &post_id);
}

/*
 * The next unread message after (board_id, thread_id), in the reader:
 * the reader itself moves to it (replace), any other screen pushes one.
 * Returns 0 if one was opened, 1 if nothing is unread.
 */
int
forum_next_unread(struct ui *ui, int64_t board_id, int64_t thread_id,
    int replace)
{
	struct store_viewer vw;
	int64_t post_id;
	int rc;

	ui_viewer(ui, &vw);
	rc = store_next_unread(ui_store(ui), &vw, board_id, thread_id,
	    &post_id);
	if (rc == STORE_ERR) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, NULL));
		return 1;
	}
	if (rc == STORE_NOT_FOUND) {
		ui_message(ui, "Plus rien de non lu : vous êtes à jour.");
		return 1;
	}
	if (replace)
		ui_replace(ui, &screen_reader, &post_id);
	else
		ui_push(ui, &screen_reader, &post_id);
	return 0;
}

static void
forum_search_done(struct ui *ui, void *ctx, const char *text)
{
	if (text == NULL || text[strspn(text, " ")] == '\0')
		return;
	ui_push(ui, &screen_search, (void *)text);
}

/* Ask what to look for, then show the results. */
void
forum_search_prompt(struct ui *ui)
{
	ui_prompt(ui, "Rechercher dans les forums : ", "", 200,
	    forum_search_done, NULL);
}

/*
 * A line with « [mots] » trouvés: the words between the markers in bold,
 * the markers themselves not shown. Returns the columns used.
 */
int
forum_put_marked(int y, int x, int w, const char *s)
{
	const char *p = s, *open, *close;
	int used = 0;

	while (*p != '\0' && used < w) {
		if ((open = strstr(p, "[")) == NULL) {
			used += ui_put(y, x + used, w - used, p, 0);
			break;
		}
		used += ui_putn(y, x + used, w - used, p, (size_t)(open - p), 0);
		if ((close = strstr(open + 1, "]")) == NULL) {
			used += ui_put(y, x + used, w - used, open, 0);
			break;
		}
		used += ui_putn(y, x + used, w - used, open + 1,
		    (size_t)(close - open - 1), A_BOLD);
		p = close + 1;
	}
	return used;
}
