/*
 * forum.c - what the boards' screens share: opening a message in the
 * reader, « suivant non lu » from anywhere, the search prompt, and the
 * short dates of lists.
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

static const char *forum_months[] = {
	"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
	"sept.", "oct.", "nov.", "déc."
};

static void	forum_search_done(struct ui *, void *, const char *);

/*
 * A date for a list, as short as it can be read: « 14:05 » today,
 * « hier » , « 12 nov. » this year, « 12/11/2025 » before.
 */
void
forum_date(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t, now = time(NULL);
	struct tm tm, today;

	localtime_r(&tt, &tm);
	localtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		snprintf(buf, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
	else if (tm.tm_year == today.tm_year &&
	    tm.tm_yday + 1 == today.tm_yday)
		snprintf(buf, size, "hier");
	else if (tm.tm_year == today.tm_year)
		snprintf(buf, size, "%d %s", tm.tm_mday, forum_months[tm.tm_mon]);
	else
		snprintf(buf, size, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1,
		    tm.tm_year + 1900);
}

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
	if (rc == -1) {
		ui_message(ui, "Erreur de la base de données : réessayez.");
		return 1;
	}
	if (rc == 1) {
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
