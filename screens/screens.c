/*
 * screens.c - the registry of screens: the ones the frame opens by itself
 * (src/ui names none), and all of them for the tests that check every key
 * table (see tests/unit/test_keys.c).
 */
#include <stddef.h>

#include "screens/screens.h"
#include "store/store.h"

const struct ui_frame_screens ui_frame_screens = {
	.welcome = &screen_welcome,
	.signup = &screen_signup,
	.help = &screen_help,
	.quit = &screen_quit,
};

const struct ui_screen *const screens_all[] = {
	&screen_welcome,
	&screen_home,
	&screen_edito,
	&screen_help,
	&screen_quit,
	&screen_display,
	&screen_boards,
	&screen_threads,
	&screen_thread,
	&screen_reader,
	&screen_search,
	&screen_moderation,
	&screen_versions,
	&screen_compose,
	&screen_drafts,
	&screen_catalogue,
	&screen_catalogue_search,
	&screen_catalogue_mine,
	&screen_catalogue_queue,
	&screen_practice,
	&screen_practice_text,
	&screen_practice_form,
	&screen_events,
	&screen_event,
	&screen_event_form,
	&ui_form_long_screen,
	&ui_form_pick_screen,
	&ui_form_refs_screen,
	&screen_messages,
	&screen_conversation,
	&screen_signup,
	&screen_applicant,
	&screen_directory,
	&screen_member,
	&screen_profile,
	&screen_pubkeys,
	&screen_export,
	&screen_shelf,
	&screen_shelf_facets,
	&screen_docs,
	&screen_doc,
	&screen_news,
	&screen_veille,
	NULL
};

const char *
screen_rc_text(struct ui *ui, int rc, const char *not_found)
{
	if (rc == STORE_NOT_FOUND && not_found != NULL)
		return not_found;
	return store_rc_say(ui_store(ui), rc);
}
