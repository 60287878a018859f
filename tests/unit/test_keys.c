/*
 * test_keys.c - the key tables: no key bound twice on a screen (counting
 * the keys that work everywhere), every key shown in the help bar has a
 * name and a French label, every binding maps to an operation.
 */
#include <curses.h>

#include "screens/screens.h"
#include "unit.h"

/* Does key appear in table before position end? */
static int
key_in(const struct ui_key *table, int key, const struct ui_key *end)
{
	const struct ui_key *k;

	for (k = table; k->key != 0 && k != end; k++)
		if (k->key == key)
			return 1;
	return 0;
}

static void
test_no_key_twice(void)
{
	const struct ui_screen *const *s;
	const struct ui_key *k;
	int screens = 0;

	for (s = screens_all; *s != NULL; s++, screens++) {
		for (k = (*s)->keys; k->key != 0; k++) {
			int twice = key_in((*s)->keys, k->key, k) ||
			    key_in(ui_global_keys, k->key, NULL);

			if (twice)
				fprintf(stderr, "screen %s binds key %#x twice\n",
				    (*s)->name, k->key);
			CHECK(!twice);
		}
	}
	CHECK(screens >= 5);
	for (k = ui_global_keys; k->key != 0; k++)
		CHECK(!key_in(ui_global_keys, k->key, k));
}

static void
test_bar_keys_labelled(void)
{
	const struct ui_screen *const *s;
	const struct ui_key *k;

	for (s = screens_all; *s != NULL; s++) {
		CHECK((*s)->name != NULL && (*s)->draw != NULL);
		for (k = (*s)->keys; k->key != 0; k++) {
			CHECK(k->op != OP_NONE);
			if (k->flags & UI_KEY_BAR)
				CHECK(k->name != NULL && k->label != NULL &&
				    k->label[0] != '\0');
			if (k->name != NULL)
				CHECK(k->label != NULL);
		}
	}
}

static void
test_lookup_order(void)
{
	/* A screen's own binding wins; unbound keys map to nothing. */
	CHECK_INT(ui_key_op(&screen_welcome, '\r'), OP_SCREEN);
	CHECK_INT(ui_key_op(&screen_welcome, 'q'), OP_BACK);
	CHECK_INT(ui_key_op(&screen_home, 'j'), OP_DOWN);
	CHECK_INT(ui_key_op(&screen_home, UI_FN(KEY_F(1))), OP_HELP);
	CHECK_INT(ui_key_op(&screen_quit, 'o'), OP_YES);
	CHECK_INT(ui_key_op(&screen_edito, ' '), OP_PAGE_DOWN);
	CHECK_INT(ui_key_op(&screen_home, 'z'), OP_NONE);
	/* Function keys never collide with characters. */
	CHECK(UI_FN(KEY_UP) != 0x103 && UI_FN(KEY_UP) > 0x10ffff);
}

int
main(void)
{
	RUN(test_no_key_twice);
	RUN(test_bar_keys_labelled);
	RUN(test_lookup_order);
	TEST_DONE();
}
