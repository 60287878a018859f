/*
 * test_keys.c - the key tables: no key bound twice on a screen (counting
 * the keys that work everywhere), every key shown in the help bar has a
 * name and a French label, every binding maps to an operation, and every
 * letter means one thing on every screen (the glossary, help.c).
 */
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "util/util.h"
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

/* The glossary's entry for key, or NULL. */
static const struct screens_gloss *
gloss_of(int key)
{
	const struct screens_gloss *g;

	for (g = screens_glossary; g->key != 0; g++)
		if (g->key == key)
			return g;
	return NULL;
}

/* 1 if binding k of a table agrees with the glossary. */
static int
gloss_agrees(const char *screen, const struct ui_key *k)
{
	const struct screens_gloss *g;
	size_t i;

	/* Only printable keys other than space and digits are letters
	 * that mean something; answers to a question are not commands. */
	if (k->key <= ' ' || k->key > 0x7e || (k->key >= '0' &&
	    k->key <= '9') || k->op == OP_YES || k->op == OP_NO)
		return 1;
	if ((g = gloss_of(k->key)) == NULL) {
		fprintf(stderr, "screen %s: key '%c' is not in the glossary\n",
		    screen, k->key);
		return 0;
	}
	if (g->op != OP_NONE || k->op < OP_SCREEN) {
		if (k->op == g->op)
			return 1;
		fprintf(stderr, "screen %s: key '%c' is not the glossary's "
		    "basic operation\n", screen, k->key);
		return 0;
	}
	if (k->label == NULL)
		return 1;	/* shown with the key before it */
	for (i = 0; i < nitems(g->words) && g->words[i] != NULL; i++)
		if (strncmp(k->label, g->words[i], strlen(g->words[i])) == 0)
			return 1;
	fprintf(stderr, "screen %s: key '%c' « %s » is not « %s »\n", screen,
	    k->key, k->label, g->meaning);
	return 0;
}

/* One letter, one meaning: every table, the global keys included. */
static void
test_glossary(void)
{
	const struct ui_screen *const *s;
	const struct ui_key *k;
	const struct screens_gloss *g, *h;

	for (s = screens_all; *s != NULL; s++)
		for (k = (*s)->keys; k->key != 0; k++)
			CHECK(gloss_agrees((*s)->name, k));
	for (k = ui_global_keys; k->key != 0; k++)
		CHECK(gloss_agrees("(partout)", k));
	/* Each letter once in the glossary, with a meaning. */
	for (g = screens_glossary; g->key != 0; g++) {
		CHECK(g->meaning != NULL && g->meaning[0] != '\0');
		CHECK(g->op != OP_NONE || g->words[0] != NULL);
		for (h = screens_glossary; h != g; h++)
			CHECK(h->key != g->key);
	}
	/* The cases: « c » and « v » are one thing each. */
	CHECK_STR(gloss_of('c')->words[0], "Accents");
	CHECK(gloss_of('v')->words[1] == NULL);
	/* README: « c » at the welcome screen and at Accueil. */
	CHECK(ui_key_op(&screen_home, 'c') != OP_NONE);
	CHECK(ui_key_op(&screen_welcome, 'c') != OP_NONE);
}

int
main(void)
{
	RUN(test_no_key_twice);
	RUN(test_bar_keys_labelled);
	RUN(test_lookup_order);
	RUN(test_glossary);
	TEST_DONE();
}
