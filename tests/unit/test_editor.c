/*
 * test_editor.c - the editor widget (src/ui/ui_editor.c) without a
 * terminal: its keys, its scrolling, and what a paste too large for it
 * does (the French message; nothing more goes in from the same paste).
 */
#include <curses.h>
#include <locale.h>
#include <string.h>

#include "text/txt.h"
#include "text/txt_edit.h"
#include "ui/ui.h"
#include "ui/ui_private.h"
#include "util/util.h"
#include "unit.h"

static void	 test_keys_edit(void);
static void	 test_words(void);
static void	 test_full_paste(void);
static void	 test_scroll(void);

static void
test_keys_edit(void)
{
	struct ui ui;
	struct ui_editor *ed = ui_editor_new(0);
	struct txt_edit *e = ui_editor_edit(ed);
	struct ui_rect r = { 0, 0, 5, 41 };

	memset(&ui, 0, sizeof(ui));
	ui_editor_layout(ed, &r);
	CHECK_INT(ui_editor_input(&ui, ed, "Bonjour", 7), TXT_EDIT_OK);
	CHECK_INT(ui_editor_key(ed, '\r'), UI_HANDLED);
	ui_editor_input(&ui, ed, "à vous", strlen("à vous"));
	CHECK_STR(txt_edit_text(e), "Bonjour\nà vous");
	/* Backspace in its three spellings. */
	CHECK_INT(ui_editor_key(ed, 0x7f), UI_HANDLED);
	CHECK_INT(ui_editor_key(ed, 0x08), UI_HANDLED);
	CHECK_INT(ui_editor_key(ed, UI_FN(KEY_BACKSPACE)), UI_HANDLED);
	CHECK_STR(txt_edit_text(e), "Bonjour\nà v");
	/* Ctrl-A, Ctrl-K: the line goes, then the line break. */
	CHECK_INT(ui_editor_key(ed, UI_CTRL('A')), UI_HANDLED);
	CHECK_INT(txt_edit_cursor(e), 8);
	ui_editor_key(ed, UI_CTRL('K'));
	CHECK_STR(txt_edit_text(e), "Bonjour\n");
	ui_editor_key(ed, UI_FN(KEY_UP));
	ui_editor_key(ed, UI_CTRL('E'));
	ui_editor_key(ed, UI_CTRL('K'));
	CHECK_STR(txt_edit_text(e), "Bonjour");
	/* Ctrl-W, Suppr at the end (nothing), keys it does not know. */
	ui_editor_key(ed, UI_CTRL('W'));
	CHECK_STR(txt_edit_text(e), "");
	CHECK_INT(ui_editor_key(ed, UI_FN(KEY_DC)), UI_HANDLED);
	CHECK_INT(ui_editor_key(ed, UI_CTRL('X')), UI_IGNORED);
	CHECK_INT(ui_editor_key(ed, UI_FN(KEY_F(5))), UI_IGNORED);
	CHECK(ui.message[0] == '\0');
	ui_editor_free(ed);
	ui_editor_free(NULL);
}

static void
test_words(void)
{
	struct ui ui;
	struct ui_editor *ed = ui_editor_new(0);
	struct txt_edit *e = ui_editor_edit(ed);
	const char *s = "l'œuvre est déjà là";

	memset(&ui, 0, sizeof(ui));
	ui_editor_input(&ui, ed, s, strlen(s));
	/* Ctrl-← (and Alt-b): start of this word, then the one before. */
	ui_editor_key(ed, UI_FN(UI_KC_WORD_LEFT));
	CHECK_INT(txt_edit_cursor(e), strlen("l'œuvre est déjà "));
	ui_editor_key(ed, UI_FN(UI_KC_WORD_LEFT));
	CHECK_INT(txt_edit_cursor(e), strlen("l'œuvre est "));
	ui_editor_key(ed, UI_FN(UI_KC_TEXT_TOP));
	CHECK_INT(txt_edit_cursor(e), 0);
	ui_editor_key(ed, UI_FN(UI_KC_WORD_RIGHT));
	CHECK_INT(txt_edit_cursor(e), 2);
	ui_editor_key(ed, UI_FN(UI_KC_TEXT_BOTTOM));
	CHECK_INT(txt_edit_cursor(e), strlen(s));
	ui_editor_free(ed);
}

/* A paste larger than the limit: message, then nothing from its rest. */
static void
test_full_paste(void)
{
	struct ui ui;
	struct ui_editor *ed = ui_editor_new(64 * 1024);
	struct txt_edit *e = ui_editor_edit(ed);
	char *big = xmalloc(64 * 1024 + 1);
	size_t n;

	memset(&ui, 0, sizeof(ui));
	/* « é » is two bytes: the text stops one byte short of full. */
	for (n = 0; n + 2 <= 64 * 1024 - 1; n += 2)
		memcpy(big + n, "\xc3\xa9", 2);
	big[n++] = 'a';
	CHECK_INT(ui_editor_input(&ui, ed, big, n), TXT_EDIT_OK);
	CHECK(ui.message[0] == '\0');
	CHECK_INT(ui_editor_input(&ui, ed, "\xc3\xa9" "abc", 5),
	    TXT_EDIT_FULL);
	CHECK_STR(ui.message, "Texte trop long : 64 Kio au plus ; la fin du "
	    "collage n'a pas été insérée.");
	CHECK_INT(txt_edit_len(e), 64 * 1024 - 1);
	/* The next piece of the same paste fits one byte: still nothing. */
	ui.message[0] = '\0';
	CHECK_INT(ui_editor_input(&ui, ed, "r", 1), TXT_EDIT_FULL);
	CHECK_INT(txt_edit_len(e), 64 * 1024 - 1);
	CHECK(ui.message[0] != '\0');
	/* Once the text changed, typing works again. */
	ui_editor_key(ed, 0x7f);
	CHECK_INT(ui_editor_input(&ui, ed, "ab", 2), TXT_EDIT_OK);
	CHECK_INT(txt_edit_len(e), 64 * 1024);
	free(big);
	ui_editor_free(ed);
}

/* Page moves and the view following the cursor (no terminal needed). */
static void
test_scroll(void)
{
	struct ui ui;
	struct ui_editor *ed = ui_editor_new(0);
	struct txt_edit *e = ui_editor_edit(ed);
	struct ui_rect r = { 2, 0, 4, 21 };
	size_t row, col, i;

	memset(&ui, 0, sizeof(ui));
	ui_editor_layout(ed, &r);
	for (i = 0; i < 30; i++)
		ui_editor_input(&ui, ed, "ligne\n", 6);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 30);
	ui_editor_key(ed, UI_FN(KEY_PPAGE));
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 27);
	ui_editor_key(ed, UI_FN(KEY_HOME));
	ui_editor_key(ed, UI_FN(KEY_NPAGE));
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 30);
	/* Wrapping at width - 1 = 20 columns. */
	txt_edit_set(e, "");
	ui_editor_input(&ui, ed, "aaaaa bbbbb ccccc ddddd", 23);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	ui_editor_free(ed);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_keys_edit);
	RUN(test_words);
	RUN(test_full_paste);
	RUN(test_scroll);
	TEST_DONE();
}
