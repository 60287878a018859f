/*
 * test_edit.c - unit tests for the editing core (src/text/txt_edit.c).
 *
 * Properties checked throughout: the text stays clean (txt_is_clean with
 * TXT_MULTILINE) and within max_bytes, the cursor stays on a unit
 * boundary, and the incrementally kept layout equals a slow reference
 * computed from scratch with txt_wrap().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>
#include <uniwidth.h>

#include "text/txt.h"
#include "text/txt_edit.h"
#include "util/util.h"
#include "unit.h"

#define E_AC	"\xc3\xa9"		/* é */
#define ACUTE	"\xcc\x81"		/* U+0301 combining acute */
#define OE	"\xc5\x93"		/* œ */
#define ZHONG	"\xe4\xb8\xad"		/* 中 */
#define WEN	"\xe6\x96\x87"		/* 文 */
#define RSQ	"\xe2\x80\x99"		/* ’ */

static void	 test_new_free(void);
static void	 test_type_vs_paste(void);
static void	 test_dead_key(void);
static void	 test_joiner_typed(void);
static void	 test_backspace_units(void);
static void	 test_cjk_col(void);
static void	 test_words(void);
static void	 test_delete_word_back(void);
static void	 test_kill_line(void);
static void	 test_updown_goal(void);
static void	 test_wrap_points(void);
static void	 test_home_end(void);
static void	 test_page(void);
static void	 test_random_layout(void);
static void	 test_maxbytes(void);
static void	 test_paste_1mb(void);
static void	 test_escapes(void);
static void	 test_tabs_crlf(void);
static void	 test_dirty(void);
static void	 test_set(void);
static void	 test_quote(void);
static int	 cursor_on_boundary(const struct txt_edit *);
static int	 layout_matches(const struct txt_edit *, size_t);
static void	 ref_pos(const struct txt_edit *, size_t, size_t *, size_t *);
static void	 type_chars(struct txt_edit *, const char *);
static uint32_t	 rnd(void);

static uint32_t rnd_state = 12345;

/* Deterministic pseudo-random numbers (xorshift32). */
static uint32_t
rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* Type s one UTF-8 character at a time. */
static void
type_chars(struct txt_edit *e, const char *s)
{
	size_t	n = strlen(s), i = 0;
	ucs4_t	uc;
	int	l;

	while (i < n) {
		l = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		txt_edit_insert(e, s + i, (size_t)l);
		i += (size_t)l;
	}
}

/* 1 if the cursor is on a unit boundary (checked independently). */
static int
cursor_on_boundary(const struct txt_edit *e)
{
	const char	*s = txt_edit_text(e);
	size_t		 c = txt_edit_cursor(e), n = txt_edit_len(e);
	ucs4_t		 uc;

	if (c > n)
		return 0;
	if (c == 0 || c == n || s[c - 1] == '\n')
		return 1;
	if (((unsigned char)s[c] & 0xc0) == 0x80)
		return 0;	/* inside a character */
	u8_mbtouc(&uc, (const uint8_t *)s + c, n - c);
	return uc < 0x80 || uc_width(uc, "UTF-8") != 0;
}

/* 1 if the editor's lines equal txt_wrap() of the whole text (+ a line). */
static int
layout_matches(const struct txt_edit *e, size_t width)
{
	const struct txt_line	*got;
	struct txt_line		*want;
	const char		*s = txt_edit_text(e);
	size_t			 n = txt_edit_len(e), ng, nw, i;
	int			 ok = 1;

	ng = txt_edit_lines(e, &got);
	nw = txt_wrap(s, n, width, &want);
	if (n > 0 && s[n - 1] == '\n') {
		want = xreallocarray(want, nw + 1, sizeof *want);
		want[nw].off = n;
		want[nw].len = want[nw].width = 0;
		nw++;
	}
	if (ng != nw)
		ok = 0;
	for (i = 0; ok && i < nw; i++) {
		if (got[i].off != want[i].off || got[i].len != want[i].len ||
		    got[i].width != want[i].width)
			ok = 0;
	}
	free(want);
	return ok;
}

/* Slow reference for the cursor's row and column, from txt_wrap(). */
static void
ref_pos(const struct txt_edit *e, size_t width, size_t *row, size_t *col)
{
	struct txt_line	*l;
	const char	*s = txt_edit_text(e);
	size_t		 n = txt_edit_len(e), c = txt_edit_cursor(e), nl, i;

	nl = txt_wrap(s, n, width, &l);
	if (n > 0 && s[n - 1] == '\n') {
		l = xreallocarray(l, nl + 1, sizeof *l);
		l[nl].off = n;
		l[nl].len = l[nl].width = 0;
		nl++;
	}
	for (i = 0; i + 1 < nl && l[i + 1].off <= c; i++)
		/* nothing */;
	*row = i;
	*col = txt_nwidth(s + l[i].off, c - l[i].off);
	if (*col > width)
		*col = width;
	free(l);
}

/* An empty editor, NULL arguments, moves with nowhere to go. */
static void
test_new_free(void)
{
	struct txt_edit	*e;
	const struct txt_line *l;

	txt_edit_free(NULL);
	e = txt_edit_new(100);
	CHECK_STR(txt_edit_text(e), "");
	CHECK_INT(txt_edit_len(e), 0);
	CHECK_INT(txt_edit_cursor(e), 0);
	CHECK_INT(txt_edit_lines(e, &l), 1);
	CHECK_INT(txt_edit_insert(NULL, "a", 1), -1);
	CHECK_INT(txt_edit_insert(e, NULL, 3), -1);
	CHECK_INT(txt_edit_insert(e, "", 0), TXT_EDIT_OK);
	CHECK_INT(txt_edit_backspace(e), 0);
	CHECK_INT(txt_edit_delete(e), 0);
	CHECK_INT(txt_edit_left(e), 0);
	CHECK_INT(txt_edit_up(e), 0);
	txt_edit_free(e);
}

/* Typing character by character and pasting give the same text. */
static void
test_type_vs_paste(void)
{
	const char	*s = "No\xc3\xabl \xc3\xa0 Besan\xc3\xa7on";
	struct txt_edit	*a, *b;

	a = txt_edit_new(1000);
	b = txt_edit_new(1000);
	type_chars(a, s);
	CHECK_INT(txt_edit_insert(b, s, strlen(s)), TXT_EDIT_OK);
	CHECK_STR(txt_edit_text(a), s);
	CHECK_STR(txt_edit_text(b), s);
	CHECK_INT(txt_edit_cursor(a), strlen(s));
	CHECK_INT(txt_edit_cursor(b), strlen(s));
	CHECK(txt_edit_generation(a) == strlen("Noel a Besancon"));

	/* Decomposed input is composed: NFC on the way in. */
	txt_edit_set(b, "");
	type_chars(b, "Noe\xcc\x88l a\xcc\x80 Besanc\xcc\xa7on");
	CHECK_STR(txt_edit_text(b), s);
	CHECK_INT(txt_edit_cursor(b), strlen(s));
	txt_edit_free(a);
	txt_edit_free(b);
}

/*
 * Issue 12 §6: a ZWNJ typed on its own key between two Persian letters
 * stays (« می‌خواهم »); typed first, or after a space, it goes; and a
 * joiner left first when its base is deleted goes too.
 */
static void
test_joiner_typed(void)
{
	static const char *word[] = { "\xd9\x85", "\xdb\x8c",
	    "\xe2\x80\x8c", "\xd8\xae", "\xd9\x88", "\xd8\xa7",
	    "\xd9\x87", "\xd9\x85" };
	struct txt_edit	*e;
	size_t		 i;

	e = txt_edit_new(100);
	for (i = 0; i < sizeof word / sizeof word[0]; i++)
		CHECK_INT(txt_edit_insert(e, word[i], strlen(word[i])),
		    TXT_EDIT_OK);
	CHECK_STR(txt_edit_text(e), "\xd9\x85\xdb\x8c\xe2\x80\x8c"
	    "\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85");
	txt_edit_set(e, "");
	txt_edit_insert(e, "\xe2\x80\x8d", 3);	/* ZWJ first */
	CHECK_STR(txt_edit_text(e), "");
	txt_edit_insert(e, "a ", 2);
	txt_edit_insert(e, "\xe2\x80\x8c", 3);	/* ZWNJ after a space */
	CHECK_STR(txt_edit_text(e), "a ");
	/* Tab and joiner in one paste keep the tab stop. */
	txt_edit_set(e, "");
	txt_edit_insert(e, "ab", 2);
	txt_edit_insert(e, "\xe2\x80\x8c\tc", 5);
	CHECK_STR(txt_edit_text(e), "ab\xe2\x80\x8c      c");
	/* 👩‍💻 is one unit: one step right, one backspace. */
	txt_edit_set(e, "a\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb" "b");
	txt_edit_home(e);
	txt_edit_right(e);
	txt_edit_right(e);
	CHECK_INT(txt_edit_cursor(e), 12);
	txt_edit_backspace(e);
	CHECK_STR(txt_edit_text(e), "ab");
	/* Its base deleted, the joiner is first: it goes. */
	txt_edit_set(e, "a\xe2\x80\x8d" "b");
	txt_edit_home(e);
	txt_edit_insert(e, "x", 1);
	txt_edit_home(e);
	txt_edit_delete(e);
	CHECK_STR(txt_edit_text(e), "a\xe2\x80\x8d" "b");
	txt_edit_delete(e);
	CHECK_STR(txt_edit_text(e), "b");
	CHECK(txt_is_clean(txt_edit_text(e), txt_edit_len(e), TXT_MULTILINE));
	txt_edit_free(e);
}

/* A combining mark joins the character before it, as one unit. */
static void
test_dead_key(void)
{
	struct txt_edit	*e;
	size_t		 row, col;

	e = txt_edit_new(100);
	/* Sent as two keys. */
	txt_edit_insert(e, "e", 1);
	CHECK_INT(txt_edit_insert(e, ACUTE, 2), TXT_EDIT_OK);
	CHECK_STR(txt_edit_text(e), E_AC);
	CHECK_INT(txt_edit_cursor(e), 2);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(col, 1);
	CHECK_INT(txt_edit_backspace(e), 1);
	CHECK_STR(txt_edit_text(e), "");

	/* Sent as one sequence. */
	txt_edit_insert(e, "e" ACUTE, 3);
	CHECK_STR(txt_edit_text(e), E_AC);
	CHECK_INT(txt_edit_cursor(e), 2);

	/* In the middle of a word: the cursor stays after the new unit. */
	txt_edit_set(e, "cafe!");
	txt_edit_left(e);
	CHECK_INT(txt_edit_insert(e, ACUTE, 2), TXT_EDIT_OK);
	CHECK_STR(txt_edit_text(e), "caf" E_AC "!");
	CHECK_INT(txt_edit_cursor(e), 5);
	txt_edit_left(e);
	CHECK_INT(txt_edit_cursor(e), 3);

	/* A mark with no precomposed form stays joined: one unit. */
	txt_edit_set(e, "x");
	txt_edit_insert(e, ACUTE, 2);
	CHECK_STR(txt_edit_text(e), "x" ACUTE);
	CHECK_INT(txt_edit_cursor(e), 3);
	CHECK_INT(txt_edit_left(e), 1);
	CHECK_INT(txt_edit_cursor(e), 0);
	txt_edit_bottom(e);
	txt_edit_backspace(e);
	CHECK_STR(txt_edit_text(e), "");

	/* A mark alone at the start of a line is kept, clean. */
	txt_edit_set(e, "a\n");
	txt_edit_insert(e, ACUTE, 2);
	CHECK_STR(txt_edit_text(e), "a\n" ACUTE);
	CHECK(txt_is_clean(txt_edit_text(e), txt_edit_len(e), TXT_MULTILINE));
	/* Joining the lines joins the mark to its new base. */
	txt_edit_left(e);
	CHECK_INT(txt_edit_cursor(e), 2);
	CHECK_INT(txt_edit_backspace(e), 1);
	CHECK_STR(txt_edit_text(e), "\xc3\xa1");
	CHECK(cursor_on_boundary(e));
	CHECK_INT(txt_edit_cursor(e), 2);

	/* The same through delete and kill-line at the line's end. */
	txt_edit_set(e, "a\n" ACUTE "b");
	txt_edit_top(e);
	txt_edit_right(e);
	CHECK_INT(txt_edit_delete(e), 1);
	CHECK_STR(txt_edit_text(e), "\xc3\xa1" "b");
	CHECK_INT(txt_edit_cursor(e), 2);
	txt_edit_set(e, "o\n\xcc\x88");
	txt_edit_top(e);
	txt_edit_right(e);
	CHECK_INT(txt_edit_kill_line(e), 1);
	CHECK_STR(txt_edit_text(e), "\xc3\xb6");
	CHECK(cursor_on_boundary(e));

	/* More marks than TXT_MAX_COMBINING: the extra one vanishes. */
	txt_edit_set(e, "q\xcc\x80\xcc\x81\xcc\x82\xcc\x83");
	CHECK_INT(txt_edit_insert(e, "\xcc\x84", 2), TXT_EDIT_OK);
	CHECK_INT(txt_edit_len(e), 9);
	CHECK(txt_is_clean(txt_edit_text(e), txt_edit_len(e), TXT_MULTILINE));
	txt_edit_free(e);
}

/* Backspace and delete remove whole units and join lines. */
static void
test_backspace_units(void)
{
	struct txt_edit	*e;

	e = txt_edit_new(100);
	txt_edit_insert(e, "c" OE, 3);
	CHECK_INT(txt_edit_len(e), 3);
	CHECK_INT(txt_edit_backspace(e), 1);
	CHECK_STR(txt_edit_text(e), "c");
	CHECK_INT(txt_edit_cursor(e), 1);

	txt_edit_set(e, OE "uvre");
	txt_edit_top(e);
	CHECK_INT(txt_edit_delete(e), 1);
	CHECK_STR(txt_edit_text(e), "uvre");
	CHECK_INT(txt_edit_cursor(e), 0);

	/* At a line start, backspace joins the lines. */
	txt_edit_set(e, "ab\ncd");
	txt_edit_left(e);
	txt_edit_left(e);
	CHECK_INT(txt_edit_cursor(e), 3);
	txt_edit_backspace(e);
	CHECK_STR(txt_edit_text(e), "abcd");
	CHECK_INT(txt_edit_cursor(e), 2);
	/* Delete at a line end joins them too. */
	txt_edit_set(e, "ab\ncd");
	txt_edit_top(e);
	txt_edit_right(e);
	txt_edit_right(e);
	txt_edit_delete(e);
	CHECK_STR(txt_edit_text(e), "abcd");
	CHECK_INT(txt_edit_cursor(e), 2);
	txt_edit_free(e);
}

/* An ideograph counts two columns for the cursor. */
static void
test_cjk_col(void)
{
	struct txt_edit	*e;
	size_t		 row, col;

	e = txt_edit_new(100);
	txt_edit_insert(e, ZHONG WEN "a", 7);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 5);
	txt_edit_left(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(col, 4);
	txt_edit_left(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(col, 2);
	CHECK_INT(txt_edit_cursor(e), 3);
	/* Wrapped at 3 columns: two ideographs do not fit on one line. */
	txt_edit_layout(e, 3);
	txt_edit_bottom(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 3);
	txt_edit_free(e);
}

/* Word moves stop at letters and digits, accented ones included. */
static void
test_words(void)
{
	/* l'intégration des œuvres */
	const char	*s = "l'int" E_AC "gration des " OE "uvres";
	size_t		 right[] = { 2, 15, 19, 26 };
	size_t		 left[] = { 19, 15, 2, 0 };
	struct txt_edit	*e;
	size_t		 i;

	e = txt_edit_new(100);
	txt_edit_set(e, s);
	CHECK_INT(txt_edit_len(e), 26);
	txt_edit_top(e);
	for (i = 0; i < nitems(right); i++) {
		CHECK_INT(txt_edit_word_right(e), 1);
		CHECK_INT(txt_edit_cursor(e), right[i]);
	}
	CHECK_INT(txt_edit_word_right(e), 0);
	for (i = 0; i < nitems(left); i++) {
		CHECK_INT(txt_edit_word_left(e), 1);
		CHECK_INT(txt_edit_cursor(e), left[i]);
	}
	CHECK_INT(txt_edit_word_left(e), 0);

	/* From inside a word, left goes to its start. */
	txt_edit_top(e);
	for (i = 0; i < 6; i++)
		txt_edit_right(e);
	CHECK_INT(txt_edit_cursor(e), 7);	/* after « inté » */
	txt_edit_word_left(e);
	CHECK_INT(txt_edit_cursor(e), 2);

	/* A typographic apostrophe and a newline separate words too. */
	txt_edit_set(e, "aujourd" RSQ "hui\n2024");
	txt_edit_top(e);
	txt_edit_word_right(e);
	CHECK_INT(txt_edit_cursor(e), 10);
	txt_edit_word_right(e);
	CHECK_INT(txt_edit_cursor(e), 14);
	txt_edit_free(e);
}

/* Ctrl-W removes back to the start of the previous word. */
static void
test_delete_word_back(void)
{
	struct txt_edit	*e;

	e = txt_edit_new(100);
	txt_edit_set(e, "des " OE "uvres  ");
	CHECK_INT(txt_edit_delete_word_back(e), 1);
	CHECK_STR(txt_edit_text(e), "des ");
	CHECK_INT(txt_edit_cursor(e), 4);
	CHECK_INT(txt_edit_delete_word_back(e), 1);
	CHECK_STR(txt_edit_text(e), "");
	CHECK_INT(txt_edit_delete_word_back(e), 0);

	txt_edit_set(e, "l'int" E_AC "gration");
	txt_edit_delete_word_back(e);
	CHECK_STR(txt_edit_text(e), "l'");
	txt_edit_delete_word_back(e);
	CHECK_STR(txt_edit_text(e), "");

	/* In the middle, the text after the cursor stays. */
	txt_edit_set(e, "un deux trois");
	txt_edit_word_left(e);
	txt_edit_delete_word_back(e);
	CHECK_STR(txt_edit_text(e), "un trois");
	CHECK_INT(txt_edit_cursor(e), 3);
	txt_edit_free(e);
}

/* Ctrl-K removes to the end of the line, then the newline. */
static void
test_kill_line(void)
{
	struct txt_edit	*e;

	e = txt_edit_new(100);
	txt_edit_set(e, "un\ndeux\ntrois");
	txt_edit_top(e);
	txt_edit_down(e);
	CHECK_INT(txt_edit_cursor(e), 3);
	txt_edit_right(e);
	CHECK_INT(txt_edit_kill_line(e), 1);
	CHECK_STR(txt_edit_text(e), "un\nd\ntrois");
	CHECK_INT(txt_edit_cursor(e), 4);
	CHECK_INT(txt_edit_kill_line(e), 1);	/* at the end: the '\n' */
	CHECK_STR(txt_edit_text(e), "un\ndtrois");
	CHECK_INT(txt_edit_kill_line(e), 1);
	CHECK_STR(txt_edit_text(e), "un\nd");
	CHECK_INT(txt_edit_kill_line(e), 0);	/* end of the text */
	CHECK(layout_matches(e, (size_t)1 << 30));
	txt_edit_free(e);
}

/* Vertical moves keep the goal column across a shorter line. */
static void
test_updown_goal(void)
{
	struct txt_edit	*e;
	size_t		 row, col, i;

	e = txt_edit_new(100);
	txt_edit_set(e, "abcdefgh\nab\nabcdefgh");
	txt_edit_top(e);
	for (i = 0; i < 6; i++)
		txt_edit_right(e);
	CHECK_INT(txt_edit_down(e), 1);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 2);
	CHECK_INT(txt_edit_down(e), 1);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 2);
	CHECK_INT(col, 6);
	CHECK_INT(txt_edit_down(e), 0);		/* last row */
	txt_edit_up(e);
	txt_edit_up(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 6);
	CHECK_INT(txt_edit_up(e), 0);

	/* Any other move forgets the goal. */
	txt_edit_down(e);
	txt_edit_left(e);
	txt_edit_down(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 2);
	CHECK_INT(col, 1);

	/* Inside a double-width character: round to its start. */
	txt_edit_set(e, "abcd\n" ZHONG WEN "x");
	txt_edit_top(e);
	for (i = 0; i < 3; i++)
		txt_edit_right(e);
	txt_edit_down(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 2);
	CHECK_INT(txt_edit_cursor(e), 8);
	txt_edit_up(e);				/* the goal is still 3 */
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(col, 3);
	txt_edit_free(e);
}

/* The cursor at a wrap point and after a final newline. */
static void
test_wrap_points(void)
{
	struct txt_edit	*e;
	size_t		 row, col;

	e = txt_edit_new(100);
	txt_edit_layout(e, 5);
	txt_edit_set(e, "aaaa bbbb cccc");
	CHECK(layout_matches(e, 5));
	txt_edit_top(e);
	txt_edit_word_right(e);
	CHECK_INT(txt_edit_cursor(e), 5);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 0);
	txt_edit_left(e);			/* before the breaking space */
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 4);

	/* A long word cut in two: offset 5 starts the second line. */
	txt_edit_set(e, "abcdefghij");
	txt_edit_left(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 4);
	txt_edit_home(e);
	CHECK_INT(txt_edit_cursor(e), 5);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 0);

	/* A final '\n' gives an empty last line for the cursor. */
	txt_edit_set(e, "abc\n");
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 0);
	txt_edit_left(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 3);

	/* Typing Enter at the end of a full line. */
	txt_edit_set(e, "abcde");
	txt_edit_insert(e, "\n", 1);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 0);
	txt_edit_backspace(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 5);
	CHECK(layout_matches(e, 5));
	txt_edit_free(e);
}

/* Home and end of the visual line. */
static void
test_home_end(void)
{
	struct txt_edit	*e;
	size_t		 row, col;

	e = txt_edit_new(100);
	txt_edit_set(e, "aaaa bbbb cccc\nxy");
	txt_edit_layout(e, 5);
	txt_edit_top(e);
	txt_edit_down(e);
	txt_edit_right(e);
	CHECK_INT(txt_edit_end(e), 1);
	CHECK_INT(txt_edit_cursor(e), 9);
	CHECK_INT(txt_edit_end(e), 0);
	CHECK_INT(txt_edit_home(e), 1);
	CHECK_INT(txt_edit_cursor(e), 5);

	/* At a cut inside a word, end stays on the row. */
	txt_edit_set(e, "abcdefghij");
	txt_edit_top(e);
	txt_edit_end(e);
	CHECK_INT(txt_edit_cursor(e), 4);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 4);
	/* Down past a shorter line's end goes to its end, on its row. */
	txt_edit_set(e, "abcdefghijklm\nz");
	txt_edit_top(e);
	txt_edit_end(e);
	txt_edit_down(e);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 4);

	/* Without wrapping, home and end are those of the logical line. */
	txt_edit_layout(e, 0);
	txt_edit_top(e);
	txt_edit_end(e);
	CHECK_INT(txt_edit_cursor(e), 13);
	txt_edit_free(e);
}

/* Page moves, clamped to the first and last line. */
static void
test_page(void)
{
	struct txt_edit	*e;
	struct buf	 b;
	size_t		 row, col, i;

	buf_init(&b);
	for (i = 0; i < 30; i++)
		buf_printf(&b, "ligne %zu\n", i);
	e = txt_edit_new(0);
	txt_edit_set(e, b.data);
	buf_free(&b);
	txt_edit_top(e);
	txt_edit_right(e);
	CHECK_INT(txt_edit_page_down(e, 10), 1);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 10);
	CHECK_INT(col, 1);
	txt_edit_page_down(e, 100);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 30);			/* the empty last line */
	CHECK_INT(col, 0);
	txt_edit_page_up(e, 25);
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 5);
	CHECK_INT(col, 1);			/* the goal came back */
	CHECK_INT(txt_edit_page_up(e, 0), 1);	/* at least one row */
	txt_edit_cursor_pos(e, &row, &col);
	CHECK_INT(row, 4);
	txt_edit_free(e);
}

/* Random edits at width 10 against a layout made from scratch. */
static void
test_random_layout(void)
{
	static const char *pieces[] = {
		"mot ", "l'", "int" E_AC "gration ", OE "uvre", "\n", "\n\n",
		ZHONG WEN, "e" ACUTE, ACUTE, "a-b ", " ", "\xc2\xab cit "
		"\xc2\xbb ", "anticonstitutionnellement", "x", "\t", "! ",
		"d" E_AC "j" "\xc3\xa0 ", "z\xc2\xa0:",
		"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb",	/* 👩‍💻 */
		"\xe2\x80\x8d", "\xe2\x80\x8c", "\xef\xb8\x8f",
		"\xf0\x9f\x87\xab\xf0\x9f\x87\xb7",	/* 🇫🇷 */
	};
	struct txt_edit	*e;
	size_t		 i, k, steps, row, col, rrow, rcol;
	int		 bad_pos = 0, bad_layout = 0, bad_clean = 0;
	int		 bad_cursor = 0;
	const char	*p;

	e = txt_edit_new(4000);
	txt_edit_layout(e, 10);
	for (i = 0; i < 200; i++) {
		/* Put the cursor somewhere. */
		steps = rnd() % (txt_edit_len(e) + 1);
		if (rnd() % 2) {
			txt_edit_top(e);
			for (k = 0; k < steps; k++)
				txt_edit_right(e);
		} else {
			for (k = 0; k < steps % 7; k++)
				(rnd() % 2) ? txt_edit_up(e) : txt_edit_down(e);
		}
		p = pieces[rnd() % nitems(pieces)];
		txt_edit_insert(e, p, strlen(p));
		if (i % 5 == 4) {
			switch (rnd() % 4) {
			case 0:
				txt_edit_backspace(e);
				break;
			case 1:
				txt_edit_delete(e);
				break;
			case 2:
				txt_edit_delete_word_back(e);
				break;
			default:
				txt_edit_kill_line(e);
				break;
			}
		}
		txt_edit_cursor_pos(e, &row, &col);
		ref_pos(e, 10, &rrow, &rcol);
		if (row != rrow || col != rcol)
			bad_pos++;
		if (!layout_matches(e, 10))
			bad_layout++;
		if (!txt_is_clean(txt_edit_text(e), txt_edit_len(e),
		    TXT_MULTILINE))
			bad_clean++;
		if (!cursor_on_boundary(e))
			bad_cursor++;
	}
	CHECK_INT(bad_pos, 0);
	CHECK_INT(bad_layout, 0);
	CHECK_INT(bad_clean, 0);
	CHECK_INT(bad_cursor, 0);
	CHECK(txt_edit_len(e) > 200);
	/* A width change re-wraps the whole text. */
	txt_edit_layout(e, 23);
	CHECK(layout_matches(e, 23));
	txt_edit_cursor_pos(e, &row, &col);
	ref_pos(e, 23, &rrow, &rcol);
	CHECK(row == rrow && col == rcol);
	txt_edit_free(e);
}

/* max_bytes: TXT_EDIT_FULL, and never a split character. */
static void
test_maxbytes(void)
{
	struct txt_edit	*e;
	uint64_t	 gen;

	e = txt_edit_new(10);
	CHECK_INT(txt_edit_insert(e, "aaaaaaaaa", 9), TXT_EDIT_OK);
	gen = txt_edit_generation(e);
	CHECK_INT(txt_edit_insert(e, E_AC, 2), TXT_EDIT_FULL);
	CHECK_STR(txt_edit_text(e), "aaaaaaaaa");
	CHECK(txt_edit_generation(e) == gen);
	CHECK_INT(txt_edit_insert(e, "b", 1), TXT_EDIT_OK);
	CHECK_INT(txt_edit_len(e), 10);
	CHECK_INT(txt_edit_insert(e, "x", 1), TXT_EDIT_FULL);
	CHECK_INT(txt_edit_len(e), 10);
	/* A dead key on a full editor: the mark would not fit. */
	CHECK_INT(txt_edit_insert(e, ACUTE, 2), TXT_EDIT_FULL);
	CHECK_STR(txt_edit_text(e), "aaaaaaaaab");

	/* A paste is cut between characters. */
	txt_edit_set(e, "");
	CHECK_INT(txt_edit_insert(e, E_AC E_AC E_AC E_AC E_AC E_AC, 12),
	    TXT_EDIT_FULL);
	CHECK_STR(txt_edit_text(e), E_AC E_AC E_AC E_AC E_AC);
	txt_edit_set(e, "123456789");
	CHECK_INT(txt_edit_insert(e, "e" ACUTE, 3), TXT_EDIT_FULL);
	CHECK_STR(txt_edit_text(e), "123456789");
	/* ... in the middle too, never splitting a base from its mark. */
	txt_edit_set(e, "12345678");
	txt_edit_top(e);
	CHECK_INT(txt_edit_insert(e, "a" "q\xcc\x81", 4), TXT_EDIT_FULL);
	CHECK_STR(txt_edit_text(e), "a12345678");
	CHECK_INT(txt_edit_cursor(e), 1);

	CHECK_INT(txt_edit_set(e, "0123456789" E_AC), 1);
	CHECK_STR(txt_edit_text(e), "0123456789");
	CHECK_INT(txt_edit_set(e, "012345678" E_AC), 1);
	CHECK_STR(txt_edit_text(e), "012345678");
	CHECK_INT(txt_edit_set(e, "01234567" E_AC), 0);
	txt_edit_free(e);
}

/* Pasting 1 MB of dirty text into a 64 KiB editor. */
static void
test_paste_1mb(void)
{
	static const char *para =
	    "L'int\xc3\xa9gration des \xc5\x93uvres \xc3\xa0 "
	    "Besan\xc3\xa7on, \xc2\xab d\xc3\xa9j\xc3\xa0 vu \xc2\xbb ;\r\n"
	    "\x1b[2J\x1b[31mNo\xc3\xabl\x1b[0m\tfin\x1b]0;titre\x07.\r";
	struct txt_edit	*e;
	struct buf	 b;
	const char	*t;
	uint64_t	 gen;
	size_t		 len;
	int		 r;

	buf_init(&b);
	while (b.len < 1024 * 1024)
		buf_adds(&b, para);
	e = txt_edit_new(64 * 1024);
	txt_edit_layout(e, 78);
	r = txt_edit_insert(e, b.data, b.len);
	CHECK_INT(r, TXT_EDIT_FULL);
	t = txt_edit_text(e);
	len = txt_edit_len(e);
	CHECK(len <= 64 * 1024);
	CHECK(len > 64 * 1024 - 8);
	CHECK_INT(strlen(t), len);
	CHECK(txt_is_clean(t, len, TXT_MULTILINE));
	CHECK(memchr(t, 0x1b, len) == NULL);
	CHECK(memchr(t, '\r', len) == NULL);
	CHECK(strstr(t, "[2J") == NULL);
	CHECK(strstr(t, "titre") == NULL);
	CHECK(strncmp(t, "L'int\xc3\xa9gration", 14) == 0);
	CHECK_INT(txt_edit_cursor(e), len);
	CHECK(layout_matches(e, 78));
	/* Again at the start: what fits is inserted, then nothing. */
	txt_edit_top(e);
	CHECK_INT(txt_edit_insert(e, b.data, b.len), TXT_EDIT_FULL);
	CHECK_INT(txt_edit_len(e), 64 * 1024);
	CHECK_INT(txt_edit_cursor(e), 64 * 1024 - len);
	gen = txt_edit_generation(e);
	CHECK_INT(txt_edit_insert(e, b.data, b.len), TXT_EDIT_FULL);
	CHECK(txt_edit_generation(e) == gen);
	CHECK(txt_is_clean(txt_edit_text(e), txt_edit_len(e), TXT_MULTILINE));
	CHECK(layout_matches(e, 78));
	buf_free(&b);
	txt_edit_free(e);
}

/* Escape sequences, controls and invisible characters vanish. */
static void
test_escapes(void)
{
	struct txt_edit	*e;

	e = txt_edit_new(100);
	CHECK_INT(txt_edit_insert(e, "abc\x1b[2Jdef", 10), TXT_EDIT_OK);
	CHECK_STR(txt_edit_text(e), "abcdef");
	CHECK_INT(txt_edit_cursor(e), 6);
	/* Input that cleans to nothing changes nothing. */
	CHECK_INT(txt_edit_insert(e, "\x1b[H\x07\x7f", 5), TXT_EDIT_OK);
	CHECK_STR(txt_edit_text(e), "abcdef");
	/* Bidi and zero-width characters vanish. */
	txt_edit_insert(e, "\xe2\x80\xae" "x\xe2\x80\x8b", 7);
	CHECK_STR(txt_edit_text(e), "abcdefx");
	txt_edit_free(e);
}

/* CR LF and CR become LF; tabs go to the next tab stop. */
static void
test_tabs_crlf(void)
{
	struct txt_edit	*e;

	e = txt_edit_new(100);
	txt_edit_insert(e, "a\r\nb\rc", 6);
	CHECK_STR(txt_edit_text(e), "a\nb\nc");
	/* A tab goes to the next stop of the logical line. */
	txt_edit_set(e, "x\nabc");
	txt_edit_insert(e, "\t", 1);
	CHECK_STR(txt_edit_text(e), "x\nabc     ");
	txt_edit_insert(e, "\t", 1);
	CHECK_STR(txt_edit_text(e), "x\nabc             ");
	txt_edit_set(e, E_AC);
	txt_edit_insert(e, "\tz", 2);
	CHECK_STR(txt_edit_text(e), E_AC "       z");
	txt_edit_free(e);
}

/* The dirty flag and the generation follow changes only. */
static void
test_dirty(void)
{
	struct txt_edit	*e;
	uint64_t	 g;

	e = txt_edit_new(100);
	CHECK_INT(txt_edit_dirty(e), 0);
	txt_edit_insert(e, "a", 1);
	CHECK_INT(txt_edit_dirty(e), 1);
	txt_edit_clean(e);
	CHECK_INT(txt_edit_dirty(e), 0);
	g = txt_edit_generation(e);
	txt_edit_left(e);
	txt_edit_backspace(e);			/* nothing before */
	CHECK(txt_edit_generation(e) == g);
	CHECK_INT(txt_edit_dirty(e), 0);
	txt_edit_delete(e);
	CHECK(txt_edit_generation(e) == g + 1);
	CHECK_INT(txt_edit_dirty(e), 1);
	txt_edit_clean(e);
	txt_edit_set(e, "brouillon");
	CHECK_INT(txt_edit_dirty(e), 1);
	txt_edit_free(e);
}

/* txt_edit_set() cleans a draft and puts the cursor at its end. */
static void
test_set(void)
{
	struct txt_edit	*e;

	e = txt_edit_new(0);
	CHECK_INT(txt_edit_set(e, "Bonjour\r\n\x1b[1mtout\x1b[0m le monde"),
	    0);
	CHECK_STR(txt_edit_text(e), "Bonjour\ntout le monde");
	CHECK_INT(txt_edit_cursor(e), txt_edit_len(e));
	CHECK_INT(txt_edit_set(e, NULL), 0);
	CHECK_STR(txt_edit_text(e), "");
	/* Invalid UTF-8 is repaired. */
	txt_edit_set(e, "a\xff" "b");
	CHECK_STR(txt_edit_text(e), "a\xef\xbf\xbd" "b");
	txt_edit_free(e);
}

/* Quoting for a reply: prefixes, re-wrapping, trailing lines. */
static void
test_quote(void)
{
	char	*q;

	q = txt_edit_quote("Bonjour,\n> cit" E_AC "\n\nFin.\n\n\n", 72);
	CHECK_STR(q, "> Bonjour,\n> > cit" E_AC "\n>\n> Fin.");
	free(q);

	q = txt_edit_quote("un deux trois quatre cinq six", 12);
	CHECK_STR(q, "> un deux\n> trois\n> quatre\n> cinq six");
	free(q);

	/* A paragraph its author hard-wrapped is joined, then wrapped
	 * again: no « > de » left alone on its line; short lines stay. */
	q = txt_edit_quote("\u00c0 partir du 1er d\u00e9cembre, la "
	    "pr\u00e9fecture de la Seine-Saint-Denis abandonne\nla mise en "
	    "ligne des cr\u00e9neaux, qui favorisait les robots de\n"
	    "r\u00e9servation.\n\nCordialement,\nKarim", 72);
	CHECK(strstr(q, "\n> abandonne\n") == NULL);
	CHECK(strstr(q, "\n> de\n") == NULL);
	CHECK(strstr(q, "> Cordialement,\n> Karim") != NULL);
	CHECK(strstr(q, "\n>\n") != NULL);	/* the blank line kept */
	free(q);
	q = txt_edit_quote("> Une ligne longue de la citation d'origine, "
	    "coup\u00e9e par son auteur\n> ici et reprise.", 72);
	CHECK_STR(q, "> > Une ligne longue de la citation d'origine, coup"
	    "\u00e9e par son auteur ici\n> > et reprise.");
	free(q);

	/* A quote of a quote that ended « > »: no orphan marker line. */
	q = txt_edit_quote("Oui.\n> Vraiment ?\n>\n> ", 72);
	CHECK_STR(q, "> Oui.\n> > Vraiment ?");
	free(q);

	/* A long quoted line keeps its markers on every piece. */
	q = txt_edit_quote("> un deux trois quatre", 12);
	CHECK_STR(q, "> > un deux\n> > trois\n> > quatre");
	free(q);

	/* Width 0: nothing is re-wrapped. */
	q = txt_edit_quote("un deux trois quatre cinq six", 0);
	CHECK_STR(q, "> un deux trois quatre cinq six");
	free(q);

	q = txt_edit_quote("\n\n", 72);
	CHECK_STR(q, "");
	free(q);
	q = txt_edit_quote(NULL, 72);
	CHECK_STR(q, "");
	free(q);

	q = txt_edit_quote("x\x1b[2Jy\n\xe2\x80\xae" "z", 72);
	CHECK_STR(q, "> xy\n> z");
	CHECK(txt_is_clean(q, strlen(q), TXT_MULTILINE));
	free(q);
}

/* Run every test. */
int
main(void)
{
	RUN(test_new_free);
	RUN(test_type_vs_paste);
	RUN(test_dead_key);
	RUN(test_joiner_typed);
	RUN(test_backspace_units);
	RUN(test_cjk_col);
	RUN(test_words);
	RUN(test_delete_word_back);
	RUN(test_kill_line);
	RUN(test_updown_goal);
	RUN(test_wrap_points);
	RUN(test_home_end);
	RUN(test_page);
	RUN(test_random_layout);
	RUN(test_maxbytes);
	RUN(test_paste_1mb);
	RUN(test_escapes);
	RUN(test_tabs_crlf);
	RUN(test_dirty);
	RUN(test_set);
	RUN(test_quote);
	TEST_DONE();
}
