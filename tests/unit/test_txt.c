/*
 * test_txt.c - unit tests for the text layer (src/text/txt.c, txt_doc.c).
 *
 * The hostile strings come from research/security.md section 3: every
 * escape family, C1 controls, bidi and zero-width characters, each class of
 * invalid UTF-8; the French ones from the network's own texts. Properties
 * checked everywhere: clean output passes txt_is_clean(), cleaning is
 * idempotent, wrapped lines never overflow and never split a character.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "text/txt.h"
#include "util/util.h"
#include "unit.h"

#define E_AC	"\xc3\xa9"		/* é */
#define E_CAP	"\xc3\x89"		/* É */
#define ACUTE	"\xcc\x81"		/* U+0301 combining acute */
#define CIRC	"\xcc\x82"		/* U+0302 combining circumflex */
#define NBSP	"\xc2\xa0"		/* U+00A0 */
#define NNBSP	"\xe2\x80\xaf"		/* U+202F */
#define LAQ	"\xc2\xab"		/* « */
#define RAQ	"\xc2\xbb"		/* » */
#define OE	"\xc5\x93"		/* œ */
#define OE_CAP	"\xc5\x92"		/* Œ */
#define Y_UML	"\xc3\xbf"		/* ÿ */
#define EURO	"\xe2\x82\xac"		/* € */
#define FFFD	"\xef\xbf\xbd"		/* U+FFFD */
#define ZWJ	"\xe2\x80\x8d"		/* U+200D */
#define ZWNJ	"\xe2\x80\x8c"		/* U+200C */
#define VS16	"\xef\xb8\x8f"		/* U+FE0F */
#define WOMAN_TECH "\xf0\x9f\x91\xa9" ZWJ "\xf0\x9f\x92\xbb"	/* 👩‍💻 */
#define HEART_VS16 "\xe2\x9d\xa4" VS16		/* ❤️ */
#define RLO	"\xe2\x80\xae"		/* U+202E */
#define ZWSP	"\xe2\x80\x8b"		/* U+200B */
#define ZHONG	"\xe4\xb8\xad"		/* 中 */
#define WEN	"\xe6\x96\x87"		/* 文 */
#define ELLIP	"\xe2\x80\xa6"		/* … */

static void	 test_clean_nfc(void);
static void	 test_clean_french_kept(void);
static void	 test_clean_escapes(void);
static void	 test_clean_c1(void);
static void	 test_clean_invisible(void);
static void	 test_clean_invalid(void);
static void	 test_utf8_input(void);
static void	 test_joiners(void);
static void	 test_clean_controls(void);
static void	 test_clean_combining(void);
static void	 test_clean_maxbytes(void);
static void	 test_clean_idempotent(void);
static void	 test_clean_random(void);
static void	 test_is_clean(void);
static void	 test_width(void);
static void	 test_fit(void);
static void	 test_trunc(void);
static void	 test_wrap_basic(void);
static void	 test_wrap_nbsp(void);
static void	 test_wrap_stress(void);
static void	 test_fold(void);
static void	 test_collate(void);
static void	 test_login(void);
static void	 test_escape_term(void);
static void	 test_md_basic(void);
static void	 test_md_lists(void);
static void	 test_md_blocks(void);
static void	 test_md_seed(void);
static void	 test_md_hostile(void);
static void	 test_plain(void);

static char	*clean1(const char *, int, unsigned *);
static int	 doc_ok(const struct txt_doc *);
static int	 cmp_collate(const void *, const void *);
static int	 first_is_mark(const char *, size_t);
static int	 one_unit(const char *, size_t);

/* Hostile inputs, each cleaned in both modes by several tests. */
static const char *hostile[] = {
	"plain ascii",
	"caf" "e" ACUTE " cr" E_AC "me br" "u" CIRC "l" E_AC "e",
	"\x1b[2J\x1b[H" "efface",
	"\x1b]52;c;SGVsbG8gd29ybGQ=\x07" "presse-papiers",
	"\x1b]52;c;SGVsbG8gd29ybGQ=\x1b\\" "avec ST",
	"\x1b]0;titre\x07" "x",
	"\x1b]8;;http://evil.example/\x1b\\lien\x1b]8;;\x1b\\",
	"\x1bP+q544e\x1b\\" "dcs",
	"\x1b_apc\x1b\\" "\x1b^pm\x1b\\" "\x1bXsos\x1b\\" "fin",
	"\x1b[?1049h\x1b[?1000h" "souris",
	"\x1b[38:2:255:0:0m" "couleur",
	"\xc2\x9b" "2J" "\xc2\x9d" "0;t" "\xc2\x9c" "c1",
	"\xc2\x85" "nel" "\xc2\x8e" "ss2",
	"un " RLO "txet" "\xe2\x81\xa6" "iso" "\xe2\x81\xa9",
	"z" ZWSP "w" "\xe2\x80\x8d" "j" "\xef\xbb\xbf" "bom" "\xc2\xad" "shy",
	"tag" "\xf3\xa0\x81\x81" "vs" "\xef\xb8\x8f",
	"priv" "\xee\x80\x80" "unassigned" "\xcd\xb8" "nonchar" "\xef\xbf\xbf",
	"a\xc0\xaf" "b\xed\xa0\x80" "c\xf4\x90\x80\x80" "d\xe2\x80" "e\x80",
	"\xe0\x80\x80" "\xf8\x88\x80\x80\x80" "\xfe\xff",
	"nul\0inside",
	"cr\roverwrite\r\nline\n\rx",
	"tab\tin\t\ttext",
	"  spaces around  ",
	"\n\nnewlines\n\n",
	"x" ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE,
	ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE "leading marks",
	" " ACUTE "space then mark",
	"e" "\x1b[0m" ACUTE "split by escape",
	"e" ZWSP ACUTE "split by zwsp",
	"\x1b[" "\xc3\xa9" "t" "\x1b]" "\n" "next line",
	"\x1b]unterminated osc eats its line only\nsecond line",
	"\x1b\x1b\x1b[[[",
	"line\xe2\x80\xa8sep\xe2\x80\xa9para",
	LAQ NBSP "Bonjour" NBSP "!" NBSP RAQ " " OE OE_CAP Y_UML EURO NNBSP,
	"\xe1\x84\x80\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8" "jamo",
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7" "famille",
	"\xf0\x9f\x87\xab\xf0\x9f\x87\xb7" "drapeau",
	"\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7\xe0\xa4\xbf" "devanagari",
	"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d" " hebrew " "\xd8\xb3\xd9\x84\xd8"
	    "\xa7\xd9\x85",
	"\xef\xac\x81" "ligature" "\xe2\x84\xab" "angstrom",
	"",
	" ",
	"\x1b",
	"\xc2",
};

/* Clean a NUL-terminated string with no size limit. */
static char *
clean1(const char *s, int flags, unsigned *what)
{
	return txt_clean(s, strlen(s), flags, 0, what);
}

/* 1 if the first code point of s (n bytes) is a combining mark. */
static int
first_is_mark(const char *s, size_t n)
{
	ucs4_t	uc;

	if (n == 0)
		return 0;
	u8_mbtouc(&uc, (const uint8_t *)s, n);
	return uc_is_general_category(uc, UC_CATEGORY_M);
}

/* 1 if s (n bytes) is exactly one character and its zero-width tail. */
static int
one_unit(const char *s, size_t n)
{
	size_t	w;

	return txt_fit(s, n, 2, &w) == n && txt_fit(s, n, w - 1, NULL) == 0;
}

/* 1 if every block is clean and its spans tile its text. */
static int
doc_ok(const struct txt_doc *doc)
{
	const struct txt_block	*b;
	size_t			 i, k, off, len;

	for (i = 0; i < doc->nblocks; i++) {
		b = &doc->blocks[i];
		if (b->text == NULL)
			return 0;
		len = strlen(b->text);
		if (!txt_is_clean(b->text, len, TXT_MULTILINE))
			return 0;
		if ((b->kind == TXT_BLOCK_ITEM) != (b->bullet != NULL))
			return 0;
		for (k = off = 0; k < b->nspans; k++) {
			if (b->spans[k].off != off || b->spans[k].len == 0)
				return 0;
			if (k > 0 && b->spans[k].attr == b->spans[k - 1].attr)
				return 0;
			off += b->spans[k].len;
		}
		if (off != len)
			return 0;
	}
	return 1;
}

/* qsort adapter for txt_collate. */
static int
cmp_collate(const void *a, const void *b)
{
	return txt_collate(*(const char *const *)a, *(const char *const *)b);
}

/* A decomposed accent is composed (NFC). */
static void
test_clean_nfc(void)
{
	unsigned	 what = 99;
	char		*r;

	r = clean1("e" ACUTE, 0, &what);
	CHECK_STR(r, E_AC);
	CHECK_INT(what, 0);
	free(r);
	r = clean1("Cafe" ACUTE " cr" "e" "\xcc\x80" "me", TXT_MULTILINE, NULL);
	CHECK_STR(r, "Caf" E_AC " cr" "\xc3\xa8" "me");
	free(r);
	r = clean1("E" ACUTE "lodie", 0, NULL);
	CHECK_STR(r, E_CAP "lodie");
	free(r);
	/* Angstrom sign and ohm sign are singletons: NFC changes them. */
	r = clean1("\xe2\x84\xab", 0, NULL);
	CHECK_STR(r, "\xc3\x85");
	free(r);
	CHECK(!txt_is_clean("e" ACUTE, 3, 0));
	CHECK(txt_is_clean(E_AC, 2, 0));
}

/* French typography survives untouched, and reports no repair. */
static void
test_clean_french_kept(void)
{
	const char	*s = LAQ NBSP "Mise en " OE "uvre" NBSP "!" NBSP RAQ
	    " " OE_CAP "DIPE, L" Y_UML ", 20" NNBSP "000" NBSP EURO
	    " \xe2\x80\x99" "a" "\xe2\x80\x94" "b" ELLIP;
	unsigned	 what = 99;
	char		*r;

	r = clean1(s, 0, &what);
	CHECK_STR(r, s);
	CHECK_INT(what, 0);
	free(r);
	r = clean1(s, TXT_MULTILINE, &what);
	CHECK_STR(r, s);
	CHECK_INT(what, 0);
	free(r);
	CHECK(txt_is_clean(s, strlen(s), 0));
	/* A no-break space inside single-line text is not trimmed. */
	r = clean1("a" NBSP ":", 0, NULL);
	CHECK_STR(r, "a" NBSP ":");
	free(r);
}

/* Escape sequences go away whole: no ESC byte, no parameters, no payload. */
static void
test_clean_escapes(void)
{
	unsigned	 what = 0;
	char		*r;

	r = clean1("avant\x1b[2Japr" E_AC "s", 0, &what);
	CHECK_STR(r, "avantapr" E_AC "s");
	CHECK(what & TXT_FIX_CONTROL);
	CHECK(strchr(r, 0x1b) == NULL);
	free(r);

	r = clean1("a\x1b]52;c;SGVsbG8gd29ybGQ=\x07z", 0, NULL);
	CHECK_STR(r, "az");
	CHECK(strstr(r, "SGVs") == NULL);
	free(r);
	r = clean1("a\x1b]52;c;SGVsbG8gd29ybGQ=\x1b\\z", 0, NULL);
	CHECK_STR(r, "az");
	free(r);
	r = clean1("x\x1b]8;;http://evil/\x1b\\lien\x1b]8;;\x1b\\y", 0, NULL);
	CHECK_STR(r, "xlieny");
	free(r);
	r = clean1("\x1bP+q544e\x1b\\" "d\x1b_apc\x07" "e", 0, NULL);
	CHECK_STR(r, "de");
	free(r);
	r = clean1("\x1b(Bsgr0\x1b" "7\x1b" "c", 0, NULL);
	CHECK_STR(r, "sgr0");
	free(r);
	r = clean1("\x1b[?1049h\x1b[38:2:1:2:3mcouleur\x1b[0m", 0, NULL);
	CHECK_STR(r, "couleur");
	free(r);
	/* A CSI cut by a newline stops there; the newline stays. */
	r = clean1("a\x1b[12\nb", TXT_MULTILINE, NULL);
	CHECK_STR(r, "a\nb");
	free(r);
	/* An unterminated OSC only eats the rest of its line. */
	r = clean1("a\x1b]0;titre sans fin\nligne suivante", TXT_MULTILINE,
	    NULL);
	CHECK_STR(r, "a\nligne suivante");
	free(r);
	/* A lone ESC just disappears; a non-ASCII follower is kept. */
	r = clean1("fin\x1b", 0, NULL);
	CHECK_STR(r, "fin");
	free(r);
	r = clean1("\x1b" E_AC "t" E_AC, 0, NULL);
	CHECK_STR(r, E_AC "t" E_AC);
	free(r);
}

/* C1 controls are removed, and C1 introducers take their sequence. */
static void
test_clean_c1(void)
{
	unsigned	 what = 0;
	char		*r;

	r = clean1("x\xc2\x9b" "31mrouge", 0, &what);
	CHECK_STR(r, "xrouge");
	CHECK(what & TXT_FIX_CONTROL);
	CHECK(strstr(r, "\xc2\x9b") == NULL);
	free(r);
	r = clean1("a\xc2\x85" "b\xc2\x80" "c\xc2\x9f" "d", 0, NULL);
	CHECK_STR(r, "abc");	/* APC (9F) swallows "d" as its payload */
	free(r);
	r = clean1("a\xc2\x9d" "0;titre\xc2\x9c" "b", 0, NULL);
	CHECK_STR(r, "ab");
	free(r);
	r = clean1("del\x7f!", 0, NULL);
	CHECK_STR(r, "del!");
	free(r);
}

/* Bidi controls, zero-width, private use and unassigned are removed. */
static void
test_clean_invisible(void)
{
	unsigned	 what = 0;
	char		*r;

	r = clean1("abc" RLO "def", 0, &what);
	CHECK_STR(r, "abcdef");
	CHECK(what & TXT_FIX_INVISIBLE);
	CHECK(strstr(r, RLO) == NULL);
	free(r);
	r = clean1("ad" ZWSP "min", 0, &what);
	CHECK_STR(r, "admin");
	CHECK(what & TXT_FIX_INVISIBLE);
	free(r);
	r = clean1("\xe2\x81\xa6" "a" "\xe2\x81\xa9" "\xe2\x80\x8e" "b"
	    "\xd8\x9c" "c", 0, NULL);
	CHECK_STR(r, "abc");
	free(r);
	r = clean1("\xef\xbb\xbf" "bom" "\xc2\xad" "shy" "\xe2\x81\xa0" "wj",
	    0, NULL);
	CHECK_STR(r, "bomshywj");
	free(r);
	/* A variation selector after a space goes (§6: after a letter it
	 * stays, see test_joiners). */
	r = clean1("tag\xf3\xa0\x81\x81" "vs \xef\xb8\x8f" "cgj\xcd\x8f" "x",
	    0, NULL);
	CHECK_STR(r, "tagvs cgjx");
	free(r);
	r = clean1("p\xee\x80\x80" "u\xcd\xb8" "n\xef\xbf\xbf" "q"
	    "\xf4\x8f\xbf\xbd", 0, NULL);
	CHECK_STR(r, "punq");
	free(r);
}

/* Each class of invalid UTF-8 becomes U+FFFD and never passes. */
static void
test_clean_invalid(void)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "a\xc0\xaf" "b", "a" FFFD FFFD "b" },	/* overlong */
		{ "a\xe0\x80\xaf" "b", "a" FFFD "b" },	/* 3-byte overlong */
		{ "a\xed\xa0\x80" "b", "a" FFFD "b" },	/* surrogate */
		{ "a\xf4\x90\x80\x80" "b", "a" FFFD "b" },	/* > 10FFFF */
		{ "a\xe2\x80", "a" FFFD },		/* truncated */
		{ "a\xe2\x80" "b", "a" FFFD "b" },
		{ "a\x80" "b", "a" FFFD "b" },		/* lone cont. */
		{ "\xff\xfe", FFFD FFFD },
	};
	unsigned	 what;
	size_t		 i;
	char		*r;

	for (i = 0; i < nitems(cases); i++) {
		what = 0;
		r = clean1(cases[i].in, 0, &what);
		CHECK_STR(r, cases[i].out);
		CHECK(what & TXT_FIX_INVALID);
		CHECK(u8_check((const uint8_t *)r, strlen(r)) == NULL);
		free(r);
	}
	/* A real U+FFFD in the input is not a repair. */
	r = clean1("ok" FFFD, 0, &what);
	CHECK_STR(r, "ok" FFFD);
	CHECK_INT(what, 0);
	free(r);
}

/*
 * The input rule (txt_utf8): a NUL and each invalid sequence are one
 * U+FFFD, nothing after them is lost, the same in one piece and fed a
 * byte at a time, and the same as txt_clean() decodes.
 */
static void
test_utf8_input(void)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*out;
	} cases[] = {
		{ "A\x9b" "BCDEF", 7, "A" FFFD "BCDEF" },
		{ "a\0b", 3, "a" FFFD "b" },
		{ "\0\0", 2, FFFD FFFD },
		{ "a\xc0\xaf" "b", 4, "a" FFFD FFFD "b" },
		{ "a\xe0\x80\xaf" "b", 5, "a" FFFD "b" },
		{ "a\xed\xa0\x80" "b", 5, "a" FFFD "b" },
		{ "a\xe2\x80", 3, "a" FFFD },
		{ "a\xe2\x80" "b", 4, "a" FFFD "b" },
		{ "\xf0\x9f\x98" "A", 4, FFFD "A" },
		{ "\xff\xfe", 2, FFFD FFFD },
		{ "caf\xc3\xa9 \xe2\x82\xac", 9, "café €" },
		{ "Ligne\r\n\x1b[1m", 11, "Ligne\r\n\x1b[1m" },
		{ "", 0, "" },
	};
	struct txt_utf8	 d;
	struct buf	 b;
	uint32_t	 uc;
	uint8_t		 tmp[8];
	size_t		 i, k, n;
	char		*r, *c;
	int		 st, l;

	for (i = 0; i < nitems(cases); i++) {
		r = txt_utf8(cases[i].in, cases[i].len, &n);
		CHECK_STR(r, cases[i].out);
		CHECK_INT(n, strlen(cases[i].out));
		free(r);
		/* A byte at a time. */
		memset(&d, 0, sizeof d);
		buf_init(&b);
		for (k = 0; k < cases[i].len; k++) {
			st = txt_utf8_byte(&d, (uint8_t)cases[i].in[k], &uc);
			if (st != 0) {
				l = u8_uctomb(tmp, uc, sizeof tmp);
				buf_add(&b, tmp, (size_t)l);
			}
			if (st == -1)
				k--;
		}
		if (txt_utf8_end(&d, &uc)) {
			l = u8_uctomb(tmp, uc, sizeof tmp);
			buf_add(&b, tmp, (size_t)l);
		}
		buf_add(&b, "", 0);
		CHECK_STR(b.data, cases[i].out);
		buf_free(&b);
	}
	/* txt_clean() decodes alike (controls aside). */
	c = txt_clean("A\x9b" "BC\0D\xe0\x80\xaf", 9, 0, 0, NULL);
	CHECK_STR(c, "A" FFFD "BC" FFFD "D" FFFD);
	free(c);
}

/*
 * Issue 12 §6: the joiners a grapheme needs survive cleaning byte for
 * byte; where nothing can be joined they go, and bidi controls still go.
 * Widths by grapheme cluster: an emoji ZWJ sequence and an emoji with
 * VS16 are two columns, and layout never cuts inside them.
 */
static void
test_joiners(void)
{
	static const char *kept[] = {
		"\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7"
		    "\xd9\x87\xd9\x85",		/* می‌خواهم (ZWNJ) */
		"\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7",
							/* क्‍ष (ZWJ) */
		"\xe0\xa4\xb0\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xaf",
							/* र्‍य (eyelash ra) */
		WOMAN_TECH, HEART_VS16,
		"\xe2\x9d\xa4\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x94\xa5",
							/* ❤️‍🔥 */
		"\xe8\xbe\xbb\xf3\xa0\x84\x80",	/* 辻 + VS17 (IVS) */
	};
	struct txt_line	*lines;
	unsigned	 what;
	size_t		 i, n, w, k;
	char		*r;
	int		 joined;

	for (i = 0; i < nitems(kept); i++) {
		what = 1;
		r = clean1(kept[i], 0, &what);
		CHECK_STR(r, kept[i]);
		CHECK_INT(what, 0);
		CHECK(txt_is_clean(kept[i], strlen(kept[i]), 0));
		free(r);
		r = txt_fold(kept[i]);
		CHECK(strstr(r, ZWJ) == NULL && strstr(r, ZWNJ) == NULL);
		free(r);
	}
	/* Nothing to join: at the start, after a space, a newline, a
	 * joiner; bidi controls go as they always did. */
	r = clean1(ZWJ "a " ZWNJ "b\n" ZWJ "c" ZWJ ZWJ "d" ZWJ VS16, TXT_MULTILINE,
	    &what);
	CHECK_STR(r, "a b\nc" ZWJ "d" ZWJ);
	CHECK(what & TXT_FIX_INVISIBLE);
	CHECK(!txt_is_clean(ZWJ "a", strlen(ZWJ "a"), 0));
	CHECK(!txt_is_clean("a " ZWJ, strlen("a " ZWJ), 0));
	free(r);
	r = clean1("a" RLO "b\xe2\x81\xa6" "c\xe2\x81\xa7" "d\xe2\x81\xa8"
	    "e\xe2\x81\xa9" "f" ZWSP "g", 0, &what);
	CHECK_STR(r, "abcdefg");
	free(r);
	r = clean1("  " ZWJ "titre", 0, NULL);	/* trimmed: no joiner left */
	CHECK_STR(r, "titre");
	free(r);

	/* Widths by cluster. */
	CHECK_INT(txt_width(WOMAN_TECH), 2);
	CHECK_INT(txt_width(HEART_VS16), 2);
	CHECK_INT(txt_width("\xe2\x9d\xa4"), 1);	/* ❤ without VS16 */
	CHECK_INT(txt_width("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"), 2); /* 🇫🇷 */
	CHECK_INT(txt_width("a" WOMAN_TECH "b" HEART_VS16 "c"), 7);
	CHECK_INT(txt_cluster(WOMAN_TECH "x", strlen(WOMAN_TECH "x"), &w,
	    &joined), strlen(WOMAN_TECH));
	CHECK_INT(w, 2);
	CHECK_INT(joined, 1);
	CHECK_INT(txt_cluster(HEART_VS16, strlen(HEART_VS16), &w, &joined),
	    strlen(HEART_VS16));
	CHECK_INT(joined, 0);
	/* Two flags are two clusters; 👍🏽 is two pictures for ncurses. */
	CHECK_INT(txt_cluster("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f"
	    "\x87\xa9\xf0\x9f\x87\xaa", 16, &w, NULL), 8);
	CHECK_INT(txt_width("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"), 4);
	/* Never cut inside: at 1 and 2 columns the sequence stays whole. */
	CHECK_INT(txt_fit(WOMAN_TECH, strlen(WOMAN_TECH), 3, &w),
	    strlen(WOMAN_TECH));
	CHECK_INT(txt_fit(WOMAN_TECH, strlen(WOMAN_TECH), 1, NULL), 0);
	n = txt_wrap(WOMAN_TECH WOMAN_TECH HEART_VS16, strlen(WOMAN_TECH
	    WOMAN_TECH HEART_VS16), 2, &lines);
	CHECK_INT(n, 3);
	for (k = 0; k < n; k++)
		CHECK_INT(lines[k].width, 2);
	free(lines);
	r = txt_trunc("ab" WOMAN_TECH WOMAN_TECH, 5);
	CHECK_STR(r, "ab" WOMAN_TECH ELLIP);
	free(r);
	/* On a Latin-9 terminal the joiners vanish with what they join. */
	txt_charset_set(TXT_CS_LATIN9);
	CHECK_INT(txt_width(HEART_VS16), 1);
	txt_charset_set(TXT_CS_UTF8);
	/* The terminal escaper keeps them as the cleaner does. */
	r = txt_escape_term(WOMAN_TECH " " ZWJ, 0);
	CHECK_STR(r, WOMAN_TECH " " FFFD);
	free(r);
}

/* NUL, CR, tabs and newlines in both modes. */
static void
test_clean_controls(void)
{
	unsigned	 what;
	char		*r;

	/* The input rule: a NUL is U+FFFD, other C0 controls go. */
	r = txt_clean("a\0b\x07" "c", 5, 0, 0, &what);
	CHECK_STR(r, "a" FFFD "bc");
	CHECK(what & TXT_FIX_CONTROL);
	CHECK(what & TXT_FIX_INVALID);
	free(r);
	r = clean1("a\r\nb\rc\n", TXT_MULTILINE, NULL);
	CHECK_STR(r, "a\nb\nc\n");
	free(r);
	r = clean1("ab\tc\td", TXT_MULTILINE, NULL);
	CHECK_STR(r, "ab      c       d");
	free(r);
	r = clean1(E_AC "\tx\n\ty", TXT_MULTILINE, NULL);
	CHECK_STR(r, E_AC "       x\n        y");	/* é is one column */
	free(r);
	r = clean1("a\tb", 0, NULL);
	CHECK_STR(r, "a b");
	free(r);
	r = clean1("  Titre\r\nsur deux lignes \t", 0, &what);
	CHECK_STR(r, "Titre sur deux lignes");
	CHECK(what & TXT_FIX_CONTROL);
	free(r);
	r = clean1(NBSP " Titre " NNBSP, 0, NULL);
	CHECK_STR(r, "Titre");
	free(r);
	r = clean1("  garde\n  ", TXT_MULTILINE, NULL);
	CHECK_STR(r, "  garde\n  ");
	free(r);
	r = clean1("a\xe2\x80\xa8" "b", TXT_MULTILINE, NULL);
	CHECK_STR(r, "a\nb");
	free(r);
	r = txt_clean(NULL, 0, 0, 0, &what);
	CHECK_STR(r, "");
	CHECK_INT(what, 0);
	free(r);
}

/* At most TXT_MAX_COMBINING marks per base survive. */
static void
test_clean_combining(void)
{
	unsigned	 what = 0;
	char		*r;

	r = clean1("x" ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE, 0,
	    &what);
	CHECK_STR(r, "x" ACUTE ACUTE ACUTE ACUTE);
	CHECK(what & TXT_FIX_INVISIBLE);
	free(r);
	/* NFC composes first, then four marks remain on é. */
	r = clean1("e" ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE, 0, NULL);
	CHECK_STR(r, E_AC ACUTE ACUTE ACUTE ACUTE);
	free(r);
	r = clean1("x" ACUTE CIRC ACUTE CIRC, 0, &what);
	CHECK_INT(what, 0);
	free(r);
	/* A newline ends a run of marks. */
	r = clean1("x" ACUTE ACUTE ACUTE "\n" ACUTE ACUTE ACUTE,
	    TXT_MULTILINE, &what);
	CHECK_STR(r, "x" ACUTE ACUTE ACUTE "\n" ACUTE ACUTE ACUTE);
	CHECK_INT(what, 0);
	free(r);
}

/* maxbytes cuts after NFC, between characters, and reports it. */
static void
test_clean_maxbytes(void)
{
	unsigned	 what = 0;
	char		*r;

	r = txt_clean(E_AC "t" E_AC, 5, 0, 4, &what);
	CHECK_STR(r, E_AC "t");
	CHECK(what & TXT_FIX_TRUNCATED);
	free(r);
	r = txt_clean(E_AC "t" E_AC, 5, 0, 5, &what);
	CHECK_STR(r, E_AC "t" E_AC);
	CHECK(!(what & TXT_FIX_TRUNCATED));
	free(r);
	/* Decomposed input: 3 bytes in, 2 after NFC, so it fits in 2. */
	r = txt_clean("e" ACUTE, 3, 0, 2, &what);
	CHECK_STR(r, E_AC);
	CHECK(!(what & TXT_FIX_TRUNCATED));
	free(r);
	/* Marks stay with their base: all or nothing. */
	r = txt_clean("ax" ACUTE CIRC, 6, 0, 4, NULL);
	CHECK_STR(r, "a");
	free(r);
	r = txt_clean("abc def", 7, 0, 4, NULL);
	CHECK_STR(r, "abc");	/* single-line: trailing space trimmed */
	free(r);
	r = txt_clean(ZHONG WEN, 6, 0, 5, NULL);
	CHECK_STR(r, ZHONG);
	free(r);
}

/* clean(clean(x)) == clean(x) and the result is clean, for every mode. */
static void
test_clean_idempotent(void)
{
	static const int	 flags[] = { 0, TXT_MULTILINE };
	static const size_t	 max[] = { 0, 7, 64 };
	unsigned		 what;
	size_t			 i, f, m, len;
	char			*c1, *c2;

	for (i = 0; i < nitems(hostile); i++) {
		len = strlen(hostile[i]);
		if (strcmp(hostile[i], "nul") == 0)
			len = sizeof "nul\0inside" - 1;
		for (f = 0; f < nitems(flags); f++) {
			for (m = 0; m < nitems(max); m++) {
				c1 = txt_clean(hostile[i], len, flags[f],
				    max[m], NULL);
				CHECK(txt_is_clean(c1, strlen(c1), flags[f]));
				CHECK(max[m] == 0 || strlen(c1) <= max[m]);
				CHECK(strchr(c1, 0x1b) == NULL);
				CHECK(strstr(c1, RLO) == NULL);
				c2 = txt_clean(c1, strlen(c1), flags[f],
				    max[m], &what);
				CHECK_STR(c2, c1);
				CHECK_INT(what, 0);
				free(c1);
				free(c2);
			}
		}
	}
}

/* The same properties over pseudo-random strings of dangerous pieces. */
static void
test_clean_random(void)
{
	static const char *piece[] = {
		"a", " ", "\n", "\r", "\t", "\x1b", "[", "]", "2J", "\x07",
		"\\", "\xc2\x9b", "\xc2\x9d", "\xc2\x9c", ACUTE, CIRC, "e",
		E_AC, NBSP, NNBSP, RLO, ZWSP, "\xc0", "\x80", "\xe2\x80",
		"\xed\xa0\x80", ZHONG, "\xe1\x84\x80", "\xe1\x85\xa1", "\0",
		"\xf0\x9f\x91\xa8", "\xe2\x80\x8d", LAQ, "!", OE,
		"\xe2\x80\xa8",
		"\xcc\xa3", "\xd9\x8b", "\xe0\xa4\x95", "\xe0\xa5\x8d",
	};
	uint32_t	 seed = 12345;
	char		 in[128], *c1, *c2;
	size_t		 len, k, p, pl, fail = 0, wfail = 0, nl, j;
	struct txt_line	*lines;
	int		 round, flags;

	for (round = 0; round < 3000; round++) {
		len = 0;
		for (k = 0; k < 24; k++) {
			seed = seed * 1103515245u + 12345u;
			p = (seed >> 16) % nitems(piece);
			pl = piece[p][0] == '\0' ? 1 : strlen(piece[p]);
			if (len + pl > sizeof in)
				break;
			memcpy(in + len, piece[p], pl);
			len += pl;
		}
		flags = round % 2 ? TXT_MULTILINE : 0;
		c1 = txt_clean(in, len, flags, round % 3 ? 0 : 20, NULL);
		c2 = txt_clean(c1, strlen(c1), flags, round % 3 ? 0 : 20,
		    NULL);
		if (strcmp(c1, c2) != 0 || !txt_is_clean(c1, strlen(c1), flags))
			fail++;
		if (txt_is_clean(in, len, flags) &&
		    (strlen(c1) != len || memcmp(c1, in, len) != 0))
			fail++;
		nl = txt_wrap(c1, strlen(c1), 1 + round % 9, &lines);
		for (j = 0; j < nl; j++) {
			if (lines[j].width > 1 + (size_t)round % 9 &&
			    !one_unit(c1 + lines[j].off, lines[j].len))
				wfail++;
		}
		free(lines);
		free(c1);
		free(c2);
	}
	CHECK_INT(fail, 0);
	CHECK_INT(wfail, 0);
}

/* txt_is_clean refuses each broken invariant. */
static void
test_is_clean(void)
{
	CHECK(txt_is_clean("", 0, 0));
	CHECK(txt_is_clean("abc " E_AC, 6, 0));
	CHECK(!txt_is_clean("a\tb", 3, TXT_MULTILINE));
	CHECK(!txt_is_clean("a\rb", 3, TXT_MULTILINE));
	CHECK(!txt_is_clean("a\nb", 3, 0));
	CHECK(txt_is_clean("a\nb", 3, TXT_MULTILINE));
	CHECK(!txt_is_clean(" a", 2, 0));
	CHECK(!txt_is_clean("a ", 2, 0));
	CHECK(txt_is_clean(" a ", 3, TXT_MULTILINE));
	CHECK(!txt_is_clean("a\0b", 3, TXT_MULTILINE));
	CHECK(!txt_is_clean("a\x1b[2J", 5, 0));
	CHECK(!txt_is_clean("a\xc2\x9b", 3, 0));
	CHECK(!txt_is_clean("a" RLO, 4, 0));
	CHECK(!txt_is_clean("a" ZWSP "b", 5, 0));
	CHECK(!txt_is_clean("a\xc0\xaf", 3, 0));
	CHECK(!txt_is_clean("a\xe2\x80", 3, 0));
	CHECK(txt_is_clean("x" ACUTE ACUTE ACUTE ACUTE, 9, 0));
	CHECK(!txt_is_clean("x" ACUTE ACUTE ACUTE ACUTE ACUTE, 11, 0));
}

/* Widths in columns: CJK two, combining zero, controls zero. */
static void
test_width(void)
{
	CHECK_INT(txt_width("abc"), 3);
	CHECK_INT(txt_width(E_AC "t" E_AC), 3);
	CHECK_INT(txt_width("e" ACUTE), 1);
	CHECK_INT(txt_width(ACUTE), 0);
	CHECK_INT(txt_width(ZHONG), 2);
	CHECK_INT(txt_width(ZHONG WEN "a"), 5);
	CHECK_INT(txt_width(LAQ NBSP "a" NNBSP RAQ), 5);
	CHECK_INT(txt_width(OE EURO ELLIP), 3);
	CHECK_INT(txt_width("a\nb"), 2);
	CHECK_INT(txt_width(""), 0);
	CHECK_INT(txt_width(NULL), 0);
	CHECK_INT(txt_nwidth(ZHONG WEN, 3), 2);
	CHECK_INT(txt_nwidth("\xe2\x80", 2), 1);	/* invalid: U+FFFD */
}

/* txt_fit never separates a mark from its base nor splits a character. */
static void
test_fit(void)
{
	const char	*s = "e" ACUTE "x" ACUTE CIRC "y";	/* 3 columns */
	size_t		 w = 99;

	CHECK_INT(txt_fit(s, strlen(s), 3, &w), strlen(s));
	CHECK_INT(w, 3);
	CHECK_INT(txt_fit(s, strlen(s), 2, &w), 8);
	CHECK_INT(w, 2);
	CHECK_INT(txt_fit(s, strlen(s), 1, &w), 3);
	CHECK_INT(w, 1);
	CHECK_INT(txt_fit(s, strlen(s), 0, &w), 0);
	CHECK_INT(w, 0);
	CHECK_INT(txt_fit(ZHONG WEN, 6, 3, &w), 3);
	CHECK_INT(w, 2);
	CHECK_INT(txt_fit(ZHONG WEN, 6, 1, &w), 0);
	CHECK_INT(txt_fit("abc", 3, 10, NULL), 3);
}

/* txt_trunc fits the width, with an ellipsis only when it cut. */
static void
test_trunc(void)
{
	static const char *s[] = {
		"Bonjour le monde",
		"Int" E_AC "gration des migrants",
		ZHONG WEN ZHONG WEN ZHONG,
		"e" ACUTE "e" ACUTE "e" ACUTE "e" ACUTE "e" ACUTE "e" ACUTE,
		LAQ NBSP "A vos claviers" NBSP "!" NBSP RAQ,
	};
	size_t		 i, c, plen;
	char		*r;
	int		 bad = 0;

	r = txt_trunc("Bonjour le monde", 10);
	CHECK_STR(r, "Bonjour l" ELLIP);
	free(r);
	r = txt_trunc("Bonjour le monde", 9);
	CHECK_STR(r, "Bonjour" ELLIP);	/* no space before the ellipsis */
	free(r);
	r = txt_trunc("Bonjour", 7);
	CHECK_STR(r, "Bonjour");
	free(r);
	r = txt_trunc("Bonjour", 0);
	CHECK_STR(r, "");
	free(r);
	r = txt_trunc(ZHONG WEN ZHONG, 4);
	CHECK_STR(r, ZHONG ELLIP);
	free(r);
	for (i = 0; i < nitems(s); i++) {
		for (c = 1; c < 30; c++) {
			r = txt_trunc(s[i], c);
			if (txt_width(r) > c)
				bad++;
			if (txt_width(s[i]) <= c) {
				if (strcmp(r, s[i]) != 0)
					bad++;
			} else if (strlen(r) < 3 ||
			    strcmp(r + strlen(r) - 3, ELLIP) != 0) {
				bad++;
			} else {
				/* A prefix, not cut before a mark. */
				plen = strlen(r) - 3;
				if (memcmp(r, s[i], plen) != 0 ||
				    first_is_mark(s[i] + plen,
				    strlen(s[i]) - plen))
					bad++;
			}
			free(r);
		}
	}
	CHECK_INT(bad, 0);
}

/* Line structure: empty input, empty lines, trailing newline. */
static void
test_wrap_basic(void)
{
	struct txt_line	*l;
	const char	*s;
	size_t		 n;

	s = "abc def ghi";
	n = txt_wrap(s, strlen(s), 7, &l);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(l[0].off, 0);
		CHECK_INT(l[0].len, 7);
		CHECK_INT(l[0].width, 7);
		CHECK_INT(l[1].off, 8);
		CHECK_INT(l[1].len, 3);
	}
	free(l);

	n = txt_wrap("", 0, 10, &l);
	CHECK_INT(n, 1);
	CHECK(n == 1 && l[0].len == 0 && l[0].width == 0);
	free(l);

	n = txt_wrap("a\n\nb", 4, 10, &l);
	CHECK_INT(n, 3);
	CHECK(n == 3 && l[0].len == 1 && l[1].len == 0 && l[2].off == 3 &&
	    l[2].len == 1);
	free(l);

	n = txt_wrap("a\n", 2, 10, &l);
	CHECK_INT(n, 1);
	free(l);
	n = txt_wrap("a\n\n", 3, 10, &l);
	CHECK_INT(n, 2);
	free(l);

	/* Trailing spaces at a break belong to no line. */
	s = "un  deux   trois";
	n = txt_wrap(s, strlen(s), 6, &l);
	CHECK_INT(n, 3);
	CHECK(n == 3 && l[0].len == 2 && l[1].off == 4 && l[1].len == 4 &&
	    l[2].off == 11);
	free(l);

	/* A word wider than the line is cut; the rest goes on. */
	s = "anticonstitutionnellement oui";
	n = txt_wrap(s, strlen(s), 10, &l);
	CHECK_INT(n, 3);
	CHECK(n == 3 && l[0].len == 10 && l[1].len == 10 && l[2].len == 9);
	free(l);

	/* After a hyphen. */
	s = "porte-monnaie";
	n = txt_wrap(s, strlen(s), 8, &l);
	CHECK_INT(n, 2);
	CHECK(n == 2 && l[0].len == 6 && l[1].off == 6);
	free(l);
}

/* A no-break space holds « Bonjour ! » together. */
static void
test_wrap_nbsp(void)
{
	static const char *sp[] = { NBSP, NNBSP };
	struct txt_line	*l;
	char		 s[256], line[256];
	size_t		 n, i, k, w;
	int		 bad = 0, found = 0;

	for (k = 0; k < nitems(sp); k++) {
		snprintf(s, sizeof s, "Il entre et dit %s%sBonjour%s!%s%s "
		    "puis il s'assoit.", LAQ, sp[k], sp[k], sp[k], RAQ);
		for (w = 15; w <= 40; w++) {
			n = txt_wrap(s, strlen(s), w, &l);
			for (i = 0; i < n; i++) {
				memcpy(line, s + l[i].off, l[i].len);
				line[l[i].len] = '\0';
				if (strstr(line, "Bonjour") != NULL) {
					found++;
					if (strstr(line, "!") == NULL ||
					    strstr(line, LAQ) == NULL ||
					    strstr(line, RAQ) == NULL)
						bad++;
				}
				if (l[i].width > w)
					bad++;
			}
			free(l);
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(found, 2 * 26);
}

/* Widths 1..40 on French, a CJK run and a long URL: the invariants. */
static void
test_wrap_stress(void)
{
	const char	*s =
	    "L'int" E_AC "gration est un processus de longue haleine qui "
	    "implique des efforts " LAQ NBSP "r" E_AC "ciproques" NBSP RAQ
	    " ; " OE "uvre commune, " Y_UML " et " EURO " compris. "
	    ZHONG WEN ZHONG WEN ZHONG WEN ZHONG WEN ZHONG WEN ZHONG WEN
	    ZHONG WEN " https://www.example.org/reseau/integration/"
	    "prevention-des-discriminations?page=12&x=y "
	    "mot" "x" ACUTE CIRC "tr" E_AC "slongsansespacexx" ACUTE "fin.\n"
	    "\n"
	    "Deuxi" "\xc3\xa8" "me paragraphe, court.";
	struct txt_line	*l;
	char		 words[1024], joined[1024];
	size_t		 n, i, j, w, wl = 0, jl;
	int		 over = 0, invalid = 0, mark = 0, mism = 0, diff = 0;
	int		 edge = 0;

	for (j = 0; s[j] != '\0'; j++) {
		if (s[j] != ' ' && s[j] != '\n')
			words[wl++] = s[j];
	}
	words[wl] = '\0';
	CHECK(txt_is_clean(s, strlen(s), TXT_MULTILINE));

	for (w = 1; w <= 40; w++) {
		n = txt_wrap(s, strlen(s), w, &l);
		jl = 0;
		for (i = 0; i < n; i++) {
			if (l[i].width > w && !(w == 1 && l[i].width == 2 &&
			    one_unit(s + l[i].off, l[i].len)))
				over++;
			if (u8_check((const uint8_t *)s + l[i].off,
			    l[i].len) != NULL)
				invalid++;
			if (first_is_mark(s + l[i].off, l[i].len))
				mark++;
			if (txt_nwidth(s + l[i].off, l[i].len) != l[i].width)
				mism++;
			if (l[i].len > 0 && (s[l[i].off + l[i].len - 1] ==
			    ' ' || s[l[i].off] == ' '))
				edge++;
			for (j = 0; j < l[i].len; j++) {
				if (s[l[i].off + j] != ' ')
					joined[jl++] = s[l[i].off + j];
			}
		}
		joined[jl] = '\0';
		if (strcmp(joined, words) != 0)
			diff++;
		free(l);
	}
	CHECK_INT(over, 0);
	CHECK_INT(invalid, 0);
	CHECK_INT(mark, 0);
	CHECK_INT(mism, 0);
	CHECK_INT(edge, 0);
	CHECK_INT(diff, 0);
}

/* Folding for search and sort. */
static void
test_fold(void)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ E_CAP "lodie", "elodie" },
		{ "E" ACUTE "lodie", "elodie" },
		{ "Int" E_AC "gration", "integration" },
		{ OE_CAP "uvre", "oeuvre" },
		{ "C" OE "ur", "coeur" },
		{ "\xc3\x86" "SOP", "aesop" },
		{ "Stra\xc3\x9f" "e", "strasse" },
		{ "L\xe2\x80\x99" "\xc3\x89" "T\xc3\x89", "l'ete" },
		{ "A vos claviers" NBSP "!", "a vos claviers !" },
		{ "\xc3\x87" "A " "\xc3\x8e" "LE " Y_UML, "ca ile y" },
		{ "", "" },
	};
	size_t	 i;
	char	*r;

	for (i = 0; i < nitems(cases); i++) {
		r = txt_fold(cases[i].in);
		CHECK_STR(r, cases[i].out);
		free(r);
	}
	r = txt_fold("bad\xc0\xaf" "\x1b[2J");
	CHECK(u8_check((const uint8_t *)r, strlen(r)) == NULL);
	CHECK(strchr(r, 0x1b) == NULL);
	free(r);
}

/* Élodie sorts beside Elodie, before Fabrice; the order is total. */
static void
test_collate(void)
{
	const char	*names[] = {
		"Fabrice", "Zo" E_AC, "z" "\xc3\xa8" "bre", E_CAP "lodie",
		"\xc3\xa9" "lodie", "Elodie", E_CAP "mile", "Abdel",
	};
	const char	*want[] = {
		"Abdel", "Elodie", E_CAP "lodie", "\xc3\xa9" "lodie",
		E_CAP "mile", "Fabrice", "z" "\xc3\xa8" "bre", "Zo" E_AC,
	};
	size_t		 i;

	qsort(names, nitems(names), sizeof names[0], cmp_collate);
	for (i = 0; i < nitems(names); i++)
		CHECK_STR(names[i], want[i]);
	CHECK(txt_collate(E_CAP "lodie", "Fabrice") < 0);
	CHECK(txt_collate("Fabrice", E_CAP "lodie") > 0);
	CHECK(txt_collate(E_CAP "lodie", "Elodie") > 0);
	CHECK(txt_collate("Elodie", E_CAP "lodie") < 0);
	CHECK_INT(txt_collate(E_CAP "lodie", E_CAP "lodie"), 0);
}

/* Logins: [a-z0-9][a-z0-9._-]{1,31}. */
static void
test_login(void)
{
	char	long32[33], long33[34];

	memset(long32, 'a', 32);
	long32[32] = '\0';
	memset(long33, 'a', 33);
	long33[33] = '\0';
	CHECK(txt_login_valid("jdupont"));
	CHECK(txt_login_valid("j.dupont-2_x"));
	CHECK(txt_login_valid("a1"));
	CHECK(txt_login_valid("42"));
	CHECK(txt_login_valid(long32));
	CHECK(!txt_login_valid(long33));
	CHECK(!txt_login_valid("a"));
	CHECK(!txt_login_valid(""));
	CHECK(!txt_login_valid(NULL));
	CHECK(!txt_login_valid("Jdupont"));
	CHECK(!txt_login_valid(".dupont"));
	CHECK(!txt_login_valid("-dupont"));
	CHECK(!txt_login_valid("_dupont"));
	CHECK(!txt_login_valid("j dupont"));
	CHECK(!txt_login_valid("jd" E_AC));
	CHECK(!txt_login_valid("jd\n"));
}

/* Output for raw terminals: refused characters show as U+FFFD. */
static void
test_escape_term(void)
{
	char	*r;

	r = txt_escape_term("a\x1b[2Jb", 0);
	CHECK_STR(r, "a" FFFD "[2Jb");
	free(r);
	r = txt_escape_term("a\xc2\x9b" "b" RLO "c" ZWSP "d\xc0\xaf" "e", 0);
	CHECK_STR(r, "a" FFFD "b" FFFD "c" FFFD "d" FFFD FFFD "e");
	free(r);
	r = txt_escape_term("l1\r\nl2\rx\ty", 0);
	CHECK_STR(r, "l1\nl2" FFFD "x y");
	free(r);
	r = txt_escape_term(E_AC "t" E_AC " " LAQ NBSP "ok" NBSP RAQ, 0);
	CHECK_STR(r, E_AC "t" E_AC " " LAQ NBSP "ok" NBSP RAQ);
	free(r);
	r = txt_escape_term("abcdef", 3);
	CHECK_STR(r, "abc");
	free(r);
	r = txt_escape_term("abcdef\nxy\n" ZHONG WEN, 3);
	CHECK_STR(r, "abc\nxy\n" ZHONG);
	free(r);
	r = txt_escape_term("x" ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE, 0);
	CHECK_STR(r, "x" ACUTE ACUTE ACUTE ACUTE FFFD FFFD);
	free(r);
	r = txt_escape_term("e" ACUTE "abc", 2);
	CHECK_STR(r, "e" ACUTE "a");
	free(r);
	r = txt_escape_term(NULL, 0);
	CHECK_STR(r, "");
	free(r);
}

/* Markdown: a heading, spans, entities, soft and hard breaks. */
static void
test_md_basic(void)
{
	const char	*md = "# Titre *" E_AC "ditorial*\n\n"
	    "Un **gras** et *italique* `code` &amp; &eacute;t&eacute; "
	    "&#233; &#x153; &laquo;&nbsp;ok&nbsp;&raquo;\nsuite  \nligne\n";
	struct txt_doc	*d;
	struct txt_block *b;

	d = txt_doc_from_markdown(md, strlen(md));
	CHECK(doc_ok(d));
	CHECK_INT(d->nblocks, 2);
	if (d->nblocks != 2)
		goto out;
	b = &d->blocks[0];
	CHECK_INT(b->kind, TXT_BLOCK_HEADING);
	CHECK_INT(b->level, 1);
	CHECK_STR(b->text, "Titre " E_AC "ditorial");
	CHECK_INT(b->nspans, 2);
	CHECK(b->nspans == 2 && b->spans[1].attr == TXT_ATTR_ITALIC &&
	    b->spans[1].off == 6);

	b = &d->blocks[1];
	CHECK_INT(b->kind, TXT_BLOCK_PARA);
	CHECK_STR(b->text, "Un gras et italique code & " E_AC "t" E_AC " "
	    E_AC " " OE " " LAQ NBSP "ok" NBSP RAQ " suite\nligne");
	CHECK_INT(b->nspans, 7);
	if (b->nspans == 7) {
		CHECK_INT(b->spans[0].attr, 0);
		CHECK_INT(b->spans[1].attr, TXT_ATTR_BOLD);
		CHECK_INT(b->spans[1].off, 3);
		CHECK_INT(b->spans[1].len, 4);
		CHECK_INT(b->spans[3].attr, TXT_ATTR_ITALIC);
		CHECK_INT(b->spans[5].attr, TXT_ATTR_CODE);
		CHECK_INT(b->spans[5].len, 4);
	}
out:
	txt_doc_free(d);
	txt_doc_free(NULL);
}

/* Lists: bullets, numbers, depth; nested and loose. */
static void
test_md_lists(void)
{
	const char	*md = "- un\n- deux\n  - sous **gras**\n\n"
	    "7. sept\n8. huit\n\n   suite de huit\n";
	struct txt_doc	*d;
	struct txt_block *b;

	d = txt_doc_from_markdown(md, strlen(md));
	CHECK(doc_ok(d));
	CHECK_INT(d->nblocks, 6);
	if (d->nblocks != 6)
		goto out;
	b = d->blocks;
	CHECK(b[0].kind == TXT_BLOCK_ITEM && b[0].level == 1);
	CHECK_STR(b[0].bullet, "\xe2\x80\xa2");
	CHECK_STR(b[0].text, "un");
	CHECK_STR(b[1].text, "deux");
	CHECK_INT(b[2].level, 2);
	CHECK_STR(b[2].text, "sous gras");
	CHECK(b[2].nspans == 2 && b[2].spans[1].attr == TXT_ATTR_BOLD);
	CHECK_STR(b[3].bullet, "7.");
	CHECK_STR(b[3].text, "sept");
	CHECK_STR(b[4].bullet, "8.");
	CHECK_INT(b[5].kind, TXT_BLOCK_ITEM);
	CHECK_STR(b[5].bullet, "");
	CHECK_STR(b[5].text, "suite de huit");
out:
	txt_doc_free(d);
}

/* Quotes, code blocks, rules, links and images. */
static void
test_md_blocks(void)
{
	const char	*md = "> cit" E_AC "\n>\n> > encore\n\n"
	    "```\nint x;\n\tif (x)\n```\n\n---\n\n"
	    "    indent" E_AC "\n\n"
	    "[le site](https://exemple.fr) et <https://a.fr> "
	    "![logo](l.png)\n";
	struct txt_doc	*d;
	struct txt_block *b;

	d = txt_doc_from_markdown(md, strlen(md));
	CHECK(doc_ok(d));
	CHECK_INT(d->nblocks, 6);
	if (d->nblocks != 6)
		goto out;
	b = d->blocks;
	CHECK(b[0].kind == TXT_BLOCK_QUOTE && b[0].level == 1);
	CHECK_STR(b[0].text, "cit" E_AC);
	CHECK(b[1].kind == TXT_BLOCK_QUOTE && b[1].level == 2);
	CHECK_INT(b[2].kind, TXT_BLOCK_CODE);
	CHECK_STR(b[2].text, "int x;\n    if (x)");
	CHECK(b[2].nspans == 1 && b[2].spans[0].attr == TXT_ATTR_CODE);
	CHECK_INT(b[3].kind, TXT_BLOCK_RULE);
	CHECK_STR(b[3].text, "");
	CHECK_INT(b[4].kind, TXT_BLOCK_CODE);
	CHECK_STR(b[4].text, "indent" E_AC);
	CHECK_STR(b[5].text, "le site (https://exemple.fr) et https://a.fr "
	    "[image" NBSP ": logo]");
out:
	txt_doc_free(d);
}

/* The founding editorial's style: « » quotes, bold list items, "!". */
static void
test_md_seed(void)
{
	const char	*md = "## 1\xc2\xb0 " E_AC "dito\n\n"
	    "**Patrick BUTOR**, Directeur\n\n"
	    LAQ " Bienvenue sur le r" E_AC "seau int" E_AC "gration et "
	    "pr" E_AC "vention des discriminations.\n\n"
	    "- **partager des informations, des textes r" E_AC "glementaires "
	    "et des " E_AC "tudes** (via une biblioth" "\xc3\xa8" "que),\n"
	    "- **faire conna\xc3\xaetre les actions et les " LAQ " bonnes "
	    "pratiques " RAQ "** qui sont tr" "\xc3\xa8" "s nombreuses\n\n"
	    "A vos claviers ! " RAQ "\n";
	struct txt_doc	*d;
	struct txt_block *b;

	d = txt_doc_from_markdown(md, strlen(md));
	CHECK(doc_ok(d));
	CHECK_INT(d->nblocks, 6);
	if (d->nblocks != 6)
		goto out;
	b = d->blocks;
	CHECK(b[0].kind == TXT_BLOCK_HEADING && b[0].level == 2);
	CHECK_STR(b[0].text, "1\xc2\xb0 " E_AC "dito");
	CHECK(b[1].nspans == 2 && b[1].spans[0].attr == TXT_ATTR_BOLD &&
	    b[1].spans[0].len == strlen("Patrick BUTOR"));
	CHECK(strncmp(b[2].text, LAQ " Bienvenue", 12) == 0);
	CHECK_INT(b[3].kind, TXT_BLOCK_ITEM);
	CHECK_STR(b[3].bullet, "\xe2\x80\xa2");
	CHECK(b[3].nspans == 2 && b[3].spans[0].attr == TXT_ATTR_BOLD);
	CHECK(strstr(b[4].text, LAQ " bonnes pratiques " RAQ) != NULL);
	CHECK(b[4].nspans == 2 && b[4].spans[0].attr == TXT_ATTR_BOLD &&
	    b[4].spans[0].len == strlen(b[4].text) -
	    strlen(" qui sont tr" "\xc3\xa8" "s nombreuses"));
	CHECK_STR(b[5].text, "A vos claviers ! " RAQ);
out:
	txt_doc_free(d);
}

/* Hostile Markdown: escapes, entities naming controls, split marks. */
static void
test_md_hostile(void)
{
	static const char *md[] = {
		"# \x1b]0;pwned\x07titre\n\ntexte\x1b[2J\xc2\x9b" "1m\n",
		"&#27;[2J &#x202E;abc &#0; &#xD800; &#1114112; &shy;x",
		"**e**" ACUTE " et &#x65;" ACUTE " et e&#x301;",
		"x" ACUTE ACUTE "**" ACUTE ACUTE ACUTE "**",
		"- # titre\n- \n1. > cit\n2. ```\n   code\n   ```\n",
		"> > > > > > > > > > > > > > > > > > > > > > > > > deep\n",
		"\xc0\xaf\xed\xa0\x80 [x](\x1b[31m) ![a![b](c)](d)",
		"`\n`\n\n*a **b** c*\n\n[a](<b c> \"t\")\n\n&unknown;",
		"",
	};
	struct txt_doc	*d;
	size_t		 i, k;
	int		 esc;

	for (i = 0; i < nitems(md); i++) {
		d = txt_doc_from_markdown(md[i], strlen(md[i]));
		CHECK(d != NULL && doc_ok(d));
		for (k = esc = 0; k < d->nblocks; k++) {
			if (strchr(d->blocks[k].text, 0x1b) != NULL ||
			    strstr(d->blocks[k].text, "pwned") != NULL)
				esc++;
		}
		CHECK_INT(esc, 0);
		txt_doc_free(d);
	}
	d = txt_doc_from_markdown("&#x202E;abc&#27;def", 19);
	CHECK(d->nblocks == 1 && strcmp(d->blocks[0].text, "abcdef") == 0);
	txt_doc_free(d);
	d = txt_doc_from_markdown("&#0;x", 5);
	CHECK(d->nblocks == 1 && strcmp(d->blocks[0].text, FFFD "x") == 0);
	txt_doc_free(d);
	d = txt_doc_from_markdown("e&#x301; &unknown;", 18);
	CHECK(d->nblocks == 1 &&
	    strcmp(d->blocks[0].text, E_AC " &unknown;") == 0);
	txt_doc_free(d);
}

/* Plain text: blank lines separate paragraphs, lines are kept. */
static void
test_plain(void)
{
	const char	*s = "\n\nArticle 1\n  1. premier point\n"
	    "  2. second\n \n\n\nArticle 2\x1b[2J\r\nfin";
	struct txt_doc	*d;

	d = txt_doc_from_plain(s, strlen(s));
	CHECK(doc_ok(d));
	CHECK_INT(d->nblocks, 2);
	if (d->nblocks == 2) {
		CHECK_INT(d->blocks[0].kind, TXT_BLOCK_PARA);
		CHECK_STR(d->blocks[0].text,
		    "Article 1\n  1. premier point\n  2. second");
		CHECK_STR(d->blocks[1].text, "Article 2\nfin");
		CHECK(d->blocks[1].nspans == 1 &&
		    d->blocks[1].spans[0].attr == 0);
	}
	txt_doc_free(d);
	d = txt_doc_from_plain("", 0);
	CHECK_INT(d->nblocks, 0);
	txt_doc_free(d);
	d = txt_doc_from_plain("e" ACUTE, 3);
	CHECK(d->nblocks == 1 && strcmp(d->blocks[0].text, E_AC) == 0);
	txt_doc_free(d);
}

static void
test_count(void)
{
	char b[64];

	fmt_count(b, sizeof(b), 0);
	CHECK_STR(b, "0");
	fmt_count(b, sizeof(b), 999);
	CHECK_STR(b, "999");
	fmt_count(b, sizeof(b), 1000);
	CHECK_STR(b, "1\u202f000");
	fmt_count(b, sizeof(b), 981619);
	CHECK_STR(b, "981\u202f619");
	fmt_count(b, sizeof(b), -1234567);
	CHECK_STR(b, "-1\u202f234\u202f567");
	fmt_count(b, sizeof(b), INT64_MIN);
	CHECK_STR(b, "-9\u202f223\u202f372\u202f036\u202f854\u202f775\u202f808");
	/* As a Latin-1 terminal shows it: a plain space. */
	CHECK_INT((int)txt_width("981\u202f619"), 7);
}

int
main(void)
{
	RUN(test_count);
	RUN(test_clean_nfc);
	RUN(test_clean_french_kept);
	RUN(test_clean_escapes);
	RUN(test_clean_c1);
	RUN(test_clean_invisible);
	RUN(test_clean_invalid);
	RUN(test_utf8_input);
	RUN(test_joiners);
	RUN(test_clean_controls);
	RUN(test_clean_combining);
	RUN(test_clean_maxbytes);
	RUN(test_clean_idempotent);
	RUN(test_clean_random);
	RUN(test_is_clean);
	RUN(test_width);
	RUN(test_fit);
	RUN(test_trunc);
	RUN(test_wrap_basic);
	RUN(test_wrap_nbsp);
	RUN(test_wrap_stress);
	RUN(test_fold);
	RUN(test_collate);
	RUN(test_login);
	RUN(test_escape_term);
	RUN(test_md_basic);
	RUN(test_md_lists);
	RUN(test_md_blocks);
	RUN(test_md_seed);
	RUN(test_md_hostile);
	RUN(test_plain);
	TEST_DONE();
}
