/*
 * test_charset.c - character repertoires: what each charset shows for
 * French text, widths counted after replacement, the session's streaming
 * encoder (including the UI's switch marker) and the keystroke decoder.
 */
#include "text/txt.h"
#include "util/util.h"
#include "unit.h"

/* Apply the current charset to s; static result. */
static const char *
shown(const char *s)
{
	static char *last;

	free(last);
	last = txt_charset_apply(s, strlen(s), NULL);
	return last;
}

static void
test_parse(void)
{
	CHECK_INT(txt_charset_parse("UTF-8"), TXT_CS_UTF8);
	CHECK_INT(txt_charset_parse("latin9"), TXT_CS_LATIN9);
	CHECK_INT(txt_charset_parse("iso-8859-1"), TXT_CS_LATIN1);
	CHECK_INT(txt_charset_parse("cp850"), TXT_CS_CP850);
	CHECK_INT(txt_charset_parse("klingon"), -1);
	CHECK_INT(txt_charset_from_locale("fr_FR.UTF-8"), TXT_CS_UTF8);
	CHECK_INT(txt_charset_from_locale("fr_FR.utf8"), TXT_CS_UTF8);
	CHECK_INT(txt_charset_from_locale("fr_FR.ISO-8859-15@euro"),
	    TXT_CS_LATIN9);
	CHECK_INT(txt_charset_from_locale("fr_FR@euro"), TXT_CS_LATIN9);
	CHECK_INT(txt_charset_from_locale("fr_FR"), TXT_CS_LATIN1);
	CHECK_INT(txt_charset_from_locale("C"), TXT_CS_ASCII);
	CHECK_INT(txt_charset_from_locale("POSIX"), TXT_CS_ASCII);
	CHECK_INT(txt_charset_from_locale(""), -1);
}

static void
test_replacements(void)
{
	const char *fr = "Une œuvre de Noël à Besançon : « l’été » coûte 20 € "
	    "— enfin…";

	txt_charset_set(TXT_CS_UTF8);
	CHECK_STR(shown(fr), fr);
	txt_charset_set(TXT_CS_LATIN9);
	CHECK_STR(shown(fr), "Une œuvre de Noël à Besançon : « l'été » "
	    "coûte 20 € - enfin...");
	txt_charset_set(TXT_CS_LATIN1);
	CHECK_STR(shown(fr), "Une oeuvre de Noël à Besançon : « l'été » "
	    "coûte 20 EUR - enfin...");
	txt_charset_set(TXT_CS_CP850);
	CHECK_STR(shown(fr), "Une oeuvre de Noël à Besançon : « l'été » "
	    "coûte 20 EUR - enfin...");
	CHECK_STR(shown("┌─┐"), "┌─┐");	/* CP850 draws lines */
	txt_charset_set(TXT_CS_ASCII);
	CHECK_STR(shown(fr), "Une oeuvre de Noel a Besancon : \" l'ete \" "
	    "coute 20 EUR - enfin...");
	CHECK_STR(shown("ŒUVRE ÉLODIE Ÿ"), "OEUVRE ELODIE Y");
	CHECK_STR(shown("┌─┐│"), "+-+|");
	CHECK_STR(shown("漢"), "?");
	txt_charset_set(TXT_CS_UTF8);
}

static void
test_widths_follow_charset(void)
{
	struct txt_line *lines;
	const char *s = "Les œuvres… « oui » — enfin ; l’œil";
	char *draw;
	size_t n, i, w;

	txt_charset_set(TXT_CS_UTF8);
	CHECK_INT(txt_width("œuvre…"), 6);
	txt_charset_set(TXT_CS_LATIN9);
	CHECK_INT(txt_width("œuvre…"), 8);
	txt_charset_set(TXT_CS_ASCII);
	CHECK_INT(txt_width("œuvre…"), 9);
	CHECK_INT(txt_width("é"), 1);
	/* Wrapping counts the replacement, so what is drawn fits. */
	for (w = 4; w <= 30; w++) {
		n = txt_wrap(s, strlen(s), w, &lines);
		for (i = 0; i < n; i++) {
			draw = txt_charset_apply(s + lines[i].off,
			    lines[i].len, NULL);
			CHECK(strlen(draw) <= w);	/* ASCII: bytes = cols */
			CHECK_INT(strlen(draw), lines[i].width);
			free(draw);
		}
		free(lines);
	}
	txt_charset_set(TXT_CS_UTF8);
}

/* Encode s in pieces of `step` bytes; return the bytes (static). */
static const char *
encoded(struct txt_encoder *e, const char *s, size_t step)
{
	static struct buf out;
	size_t i, k;

	buf_free(&out);
	buf_init(&out);
	for (i = 0; i < strlen(s); i += k) {
		k = strlen(s) - i < step ? strlen(s) - i : step;
		txt_encode(e, s + i, k, &out);
	}
	buf_add(&out, "", 0);
	return out.data;
}

static void
test_encoder(void)
{
	struct txt_encoder e;
	char marker[64];
	size_t step;

	for (step = 1; step <= 5; step++) {
		txt_encoder_init(&e);
		CHECK_STR(encoded(&e, "Noël", step), "Noël");
		txt_charset_marker(TXT_CS_LATIN9, marker, sizeof(marker));
		CHECK_STR(encoded(&e, marker, step), "");
		CHECK_INT(e.cs, TXT_CS_LATIN9);
		CHECK_STR(encoded(&e, "\033[1mNoël œuvre à ç €\033[0m", step),
		    "\033[1mNo\xebl \xbduvre \xe0 \xe7 \xa4\033[0m");
		txt_charset_marker(TXT_CS_CP850, marker, sizeof(marker));
		CHECK_STR(encoded(&e, marker, step), "");
		CHECK_STR(encoded(&e, "é─", step), "\x82\xc4");
		txt_charset_marker(TXT_CS_ASCII, marker, sizeof(marker));
		encoded(&e, marker, step);
		CHECK_STR(encoded(&e, "Noël « à »", step), "Noel \" a \"");
		/* Another DCS string passes untouched. */
		CHECK_STR(encoded(&e, "\033Pq#0\033\\x", step),
		    "\033Pq#0\033\\x");
		/* A broken UTF-8 sequence never reaches the terminal raw. */
		CHECK_STR(encoded(&e, "a\xc3z", step), "a?z");
	}
}

static void
test_decoder(void)
{
	struct buf out;

	buf_init(&out);
	txt_decode_input(TXT_CS_LATIN9, "No\xebl \xbd \xa4", 9, &out);
	buf_add(&out, "", 0);
	CHECK_STR(out.data, "Noël œ €");
	buf_free(&out);
	txt_decode_input(TXT_CS_LATIN1, "\xe9t\xe9", 3, &out);
	buf_add(&out, "", 0);
	CHECK_STR(out.data, "été");
	buf_free(&out);
	txt_decode_input(TXT_CS_CP850, "\x82\x87", 2, &out);
	buf_add(&out, "", 0);
	CHECK_STR(out.data, "éç");
	buf_free(&out);
	txt_decode_input(TXT_CS_UTF8, "été", strlen("été"), &out);
	buf_add(&out, "", 0);
	CHECK_STR(out.data, "été");
	buf_free(&out);
	/* C1 bytes are not characters: U+FFFD, and nothing is lost. */
	txt_decode_input(TXT_CS_LATIN1, "a\x9b" "bcd", 5, &out);
	buf_add(&out, "", 0);
	CHECK_STR(out.data, "a\xef\xbf\xbd" "bcd");
	buf_free(&out);
}

int
main(void)
{
	RUN(test_parse);
	RUN(test_replacements);
	RUN(test_widths_follow_charset);
	RUN(test_encoder);
	RUN(test_decoder);
	TEST_DONE();
}
