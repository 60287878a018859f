/*
 * txt_charset.c - the member's character repertoire: UTF-8, ISO-8859-15
 * (Latin-9), ISO-8859-1 (Latin-1), CP850 (the DOS console) or plain ASCII.
 *
 * The interface always works in UTF-8. Characters the repertoire lacks
 * are replaced *before layout* by what the terminal can show (œ -> oe,
 * ’ -> ', … -> ..., « -> " in ASCII, é -> e in ASCII), and the text
 * layer's widths count the replacement's columns, so wrapping and
 * alignment stay right. The session process then only re-encodes bytes:
 * txt_encoder turns the UI's UTF-8 output into the terminal's bytes, and
 * txt_decode_input turns the member's keystrokes back into UTF-8.
 *
 * The tables of the single-byte charsets come from the system's iconv
 * (glibc), read once; nothing is converted through iconv on the hot path.
 * Replacement is per code point and context-free, so a substring replaces
 * exactly as it does inside the whole string.
 */
#include <errno.h>
#include <stdio.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "text/txt.h"
#include "util/util.h"

static enum txt_charset txt_current = TXT_CS_UTF8;

/* For each single-byte charset: the code point of bytes 0x80..0xFF (0 if
 * the byte is not used), filled from iconv on first use. */
static ucs4_t cs_table[TXT_CS_COUNT][128];
static int cs_loaded[TXT_CS_COUNT];

static const struct {
	const char	*name;		/* canonical, for iconv and display */
	const char	*label;		/* for members */
} cs_names[TXT_CS_COUNT] = {
	[TXT_CS_UTF8] = { "UTF-8", "UTF-8 (Unicode)" },
	[TXT_CS_LATIN9] = { "ISO-8859-15", "Latin-9 (ISO-8859-15)" },
	[TXT_CS_LATIN1] = { "ISO-8859-1", "Latin-1 (ISO-8859-1)" },
	[TXT_CS_CP850] = { "CP850", "CP850 (console DOS ou Windows)" },
	[TXT_CS_ASCII] = { "ASCII", "ASCII (sans accents)" },
};

/* Replacements for common characters a repertoire may lack. */
static const struct {
	ucs4_t		 uc;
	const char	*repl;
} cs_repl[] = {
	{ 0x00A0, " " }, { 0x00A1, "!" }, { 0x00A2, "c" }, { 0x00A3, "GBP" },
	{ 0x00A4, "?" }, { 0x00A5, "JPY" }, { 0x00A6, "|" }, { 0x00A7, "S" },
	{ 0x00A8, "\"" }, { 0x00A9, "(c)" }, { 0x00AA, "a" }, { 0x00AB, "\"" },
	{ 0x00AC, "-" }, { 0x00AE, "(R)" }, { 0x00AF, "-" }, { 0x00B0, "o" },
	{ 0x00B1, "+/-" }, { 0x00B2, "2" }, { 0x00B3, "3" }, { 0x00B4, "'" },
	{ 0x00B5, "u" }, { 0x00B6, "P" }, { 0x00B7, "." }, { 0x00B8, "," },
	{ 0x00B9, "1" }, { 0x00BA, "o" }, { 0x00BB, "\"" }, { 0x00BC, "1/4" },
	{ 0x00BD, "1/2" }, { 0x00BE, "3/4" }, { 0x00BF, "?" }, { 0x00C6, "AE" },
	{ 0x00D0, "D" }, { 0x00D7, "x" }, { 0x00D8, "O" }, { 0x00DE, "Th" },
	{ 0x00DF, "ss" }, { 0x00E6, "ae" }, { 0x00F0, "d" }, { 0x00F7, "/" },
	{ 0x00F8, "o" }, { 0x00FE, "th" }, { 0x0131, "i" }, { 0x0152, "OE" },
	{ 0x0153, "oe" }, { 0x0192, "f" }, { 0x02BC, "'" }, { 0x2010, "-" },
	{ 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" }, { 0x2014, "-" },
	{ 0x2015, "-" }, { 0x2017, "_" }, { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x201A, "," }, { 0x201C, "\"" }, { 0x201D, "\"" }, { 0x201E, "\"" },
	{ 0x2020, "+" }, { 0x2022, "*" }, { 0x2026, "..." }, { 0x202F, " " },
	{ 0x2030, "o/oo" }, { 0x2032, "'" }, { 0x2033, "\"" }, { 0x2039, "<" },
	{ 0x203A, ">" }, { 0x20AC, "EUR" }, { 0x2122, "(TM)" },
	{ 0x2190, "<-" }, { 0x2191, "^" }, { 0x2192, "->" }, { 0x2193, "v" },
	{ 0x2212, "-" }, { 0x2500, "-" }, { 0x2502, "|" }, { 0x250C, "+" },
	{ 0x2510, "+" }, { 0x2514, "+" }, { 0x2518, "+" }, { 0x251C, "+" },
	{ 0x2524, "+" }, { 0x252C, "+" }, { 0x2534, "+" }, { 0x253C, "+" },
	{ 0x2550, "=" }, { 0x2551, "|" },
	{ 0x2588, "#" }, { 0x2591, "#" }, { 0x2592, "#" }, { 0x2593, "#" },
	{ 0x25A0, "#" }, { 0xFFFD, "?" },
};

static void	 cs_load(enum txt_charset);
static const char *cs_lookup_repl(ucs4_t);

/* Read a single-byte charset's upper half from iconv. */
static void
cs_load(enum txt_charset cs)
{
	iconv_t cd;
	char in, out[8], *ip, *op;
	size_t il, ol;
	ucs4_t uc;
	int b;

	cs_loaded[cs] = 1;
	if (cs == TXT_CS_UTF8 || cs == TXT_CS_ASCII)
		return;
	if ((cd = iconv_open("UTF-8", cs_names[cs].name)) == (iconv_t)-1) {
		log_error("iconv ne connaît pas %s", cs_names[cs].name);
		return;
	}
	for (b = 0x80; b <= 0xff; b++) {
		in = (char)b;
		ip = &in;
		il = 1;
		op = out;
		ol = sizeof(out);
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
			continue;
		if (u8_mbtouc(&uc, (uint8_t *)out, sizeof(out) - ol) > 0 &&
		    uc >= 0xa0)	/* C1 controls are never typed nor shown */
			cs_table[cs][b - 0x80] = uc;
	}
	iconv_close(cd);
}

int
txt_charset_parse(const char *s)
{
	static const struct {
		const char	*alias;
		enum txt_charset cs;
	} aliases[] = {
		{ "utf-8", TXT_CS_UTF8 }, { "utf8", TXT_CS_UTF8 },
		{ "iso-8859-15", TXT_CS_LATIN9 }, { "iso8859-15", TXT_CS_LATIN9 },
		{ "iso885915", TXT_CS_LATIN9 }, { "latin9", TXT_CS_LATIN9 },
		{ "latin-9", TXT_CS_LATIN9 },
		{ "iso-8859-1", TXT_CS_LATIN1 }, { "iso8859-1", TXT_CS_LATIN1 },
		{ "iso88591", TXT_CS_LATIN1 }, { "latin1", TXT_CS_LATIN1 },
		{ "latin-1", TXT_CS_LATIN1 },
		{ "cp850", TXT_CS_CP850 }, { "ibm850", TXT_CS_CP850 },
		{ "ascii", TXT_CS_ASCII }, { "us-ascii", TXT_CS_ASCII },
		{ "ansi_x3.4-1968", TXT_CS_ASCII },
	};
	size_t i;

	for (i = 0; i < nitems(aliases); i++)
		if (strcasecmp(s, aliases[i].alias) == 0)
			return aliases[i].cs;
	return -1;
}

int
txt_charset_from_locale(const char *lang)
{
	const char *dot, *at;
	char codeset[32];
	size_t n;

	if (lang == NULL || lang[0] == '\0')
		return -1;
	if (strcmp(lang, "C") == 0 || strcmp(lang, "POSIX") == 0)
		return TXT_CS_ASCII;
	if ((dot = strchr(lang, '.')) == NULL) {
		/* "fr_FR@euro" is Latin-9; a bare "fr_FR" is Latin-1. */
		if (strstr(lang, "@euro") != NULL)
			return TXT_CS_LATIN9;
		return strchr(lang, '_') != NULL ? TXT_CS_LATIN1 : -1;
	}
	dot++;
	at = strchr(dot, '@');
	n = at != NULL ? (size_t)(at - dot) : strlen(dot);
	if (n == 0 || n >= sizeof(codeset))
		return -1;
	memcpy(codeset, dot, n);
	codeset[n] = '\0';
	return txt_charset_parse(codeset);
}

const char *
txt_charset_name(enum txt_charset cs)
{
	return cs >= 0 && cs < TXT_CS_COUNT ? cs_names[cs].name : "UTF-8";
}

const char *
txt_charset_label(enum txt_charset cs)
{
	return cs >= 0 && cs < TXT_CS_COUNT ? cs_names[cs].label : "UTF-8";
}

void
txt_charset_set(enum txt_charset cs)
{
	txt_current = cs;
	if (!cs_loaded[cs])
		cs_load(cs);
}

enum txt_charset
txt_charset_get(void)
{
	return txt_current;
}

/* 1 if cs can show uc as it is. */
int
txt_charset_has(enum txt_charset cs, ucs4_t uc)
{
	int i;

	if (uc < 0x80 || cs == TXT_CS_UTF8)
		return 1;
	if (cs == TXT_CS_ASCII)
		return 0;
	if (!cs_loaded[cs])
		cs_load(cs);
	for (i = 0; i < 128; i++)
		if (cs_table[cs][i] == uc)
			return 1;
	return 0;
}

static const char *
cs_lookup_repl(ucs4_t uc)
{
	size_t lo = 0, hi = nitems(cs_repl);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cs_repl[mid].uc == uc)
			return cs_repl[mid].repl;
		if (cs_repl[mid].uc < uc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
txt_charset_replace(enum txt_charset cs, ucs4_t uc, char out[TXT_REPL_MAX])
{
	const char *r;
	ucs4_t *d;
	size_t dn, i, n, o = 0;

	if (txt_charset_has(cs, uc)) {
		int len = u8_uctomb((uint8_t *)out, uc, TXT_REPL_MAX);

		return len > 0 ? (size_t)len : 0;
	}
	/* Combining marks vanish with their accent, joiners (ZWJ, ZWNJ,
	 * variation selectors) with what they join. */
	if (uc_is_general_category(uc, UC_CATEGORY_M) || txt_is_joiner(uc))
		return 0;
	/* A narrow no-break space (« 981 619 », « : ») stays unbreakable
	 * where the charset has the no-break space (Latin-9: 0xA0). */
	if (uc == 0x202F && txt_charset_has(cs, 0x00A0))
		return (size_t)u8_uctomb((uint8_t *)out, 0x00A0, TXT_REPL_MAX);
	/* The table's replacements are ASCII: every charset shows them. */
	if ((r = cs_lookup_repl(uc)) != NULL) {
		n = strlen(r);
		memcpy(out, r, n);
		return n;
	}
	/* A letter with accents: keep its letters, drop the accents. */
	if ((d = u32_normalize(UNINORM_NFD, &uc, 1, NULL, &dn)) != NULL) {
		for (i = 0; i < dn; i++) {
			if (uc_is_general_category(d[i], UC_CATEGORY_M))
				continue;
			if (!txt_charset_has(cs, d[i]) ||
			    o + 4 > TXT_REPL_MAX) {
				o = 0;
				break;
			}
			o += (size_t)u8_uctomb((uint8_t *)out + o, d[i], 4);
		}
		free(d);
		if (o > 0)
			return o;
	}
	out[0] = '?';
	return 1;
}

/* Width of uc once replaced for the current charset. */
size_t
txt_charset_width(ucs4_t uc)
{
	char out[TXT_REPL_MAX];
	size_t n, i, w = 0;

	n = txt_charset_replace(txt_current, uc, out);
	/* Replacements are made of one-column characters. */
	for (i = 0; i < n; i++)
		if (((unsigned char)out[i] & 0xc0) != 0x80)
			w++;
	return w;
}

char *
txt_charset_convert(enum txt_charset cs, const char *s, size_t n,
    size_t *outn)
{
	struct buf b;
	char out[TXT_REPL_MAX];
	ucs4_t uc;
	size_t i = 0;
	int l;

	buf_init(&b);
	while (i < n) {
		if ((unsigned char)s[i] < 0x80 || cs == TXT_CS_UTF8) {
			buf_add(&b, s + i, 1);
			i++;
			continue;
		}
		l = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		buf_add(&b, out, txt_charset_replace(cs, uc, out));
		i += (size_t)(l > 0 ? l : 1);
	}
	if (outn != NULL)
		*outn = b.len;
	return buf_detach(&b);
}

char *
txt_charset_apply(const char *s, size_t n, size_t *outn)
{
	return txt_charset_convert(txt_current, s, n, outn);
}

/* --- The session's side: bytes to and from the terminal ----------------- */

#define ENC_MARK	"=palabre;charset="

void
txt_encoder_init(struct txt_encoder *e)
{
	memset(e, 0, sizeof(*e));
	e->cs = TXT_CS_UTF8;
}

/* One code point to the terminal's bytes. */
static void
enc_put(struct txt_encoder *e, ucs4_t uc, struct buf *out)
{
	char r[TXT_REPL_MAX];
	size_t n, i;
	int b;

	if (e->cs == TXT_CS_UTF8) {
		n = (size_t)u8_uctomb((uint8_t *)r, uc, sizeof(r));
		buf_add(out, r, n);
		return;
	}
	if (uc < 0x80) {
		buf_add(out, &(char){ (char)uc }, 1);
		return;
	}
	n = txt_charset_replace(e->cs, uc, r);
	for (i = 0; i < n; ) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (uint8_t *)r + i, n - i);

		i += (size_t)(l > 0 ? l : 1);
		if (c < 0x80) {
			buf_add(out, &(char){ (char)c }, 1);
			continue;
		}
		for (b = 0; b < 128; b++) {
			if (cs_table[e->cs][b] == c) {
				buf_add(out, &(char){ (char)(0x80 + b) }, 1);
				break;
			}
		}
		if (b == 128)
			buf_add(out, "?", 1);
	}
}

/* A complete DCS string: ours switches the charset, others pass. */
static void
enc_dcs(struct txt_encoder *e, struct buf *out)
{
	size_t m = strlen(ENC_MARK);
	char name[24];
	int cs;

	if (e->ndcs > m && memcmp(e->dcs, ENC_MARK, m) == 0 &&
	    e->ndcs - m < sizeof(name)) {
		memcpy(name, e->dcs + m, e->ndcs - m);
		name[e->ndcs - m] = '\0';
		if ((cs = txt_charset_parse(name)) != -1) {
			if (!cs_loaded[cs])
				cs_load((enum txt_charset)cs);
			e->cs = (enum txt_charset)cs;
			return;
		}
	}
	buf_add(out, "\033P", 2);
	buf_add(out, e->dcs, e->ndcs);
	buf_add(out, "\033\\", 2);
}

void
txt_encode(struct txt_encoder *e, const char *in, size_t n, struct buf *out)
{
	const uint8_t *s = (const uint8_t *)in;
	ucs4_t uc;
	size_t i;
	int l;

	for (i = 0; i < n; i++) {
		uint8_t c = s[i];

		switch (e->state) {
		case TXT_ENC_ESC:
			if (c == 'P') {
				e->state = TXT_ENC_DCS;
				e->ndcs = 0;
				continue;
			}
			buf_add(out, "\033", 1);
			e->state = TXT_ENC_TEXT;
			break;
		case TXT_ENC_DCS:
			if (c == 0x1b) {
				e->state = TXT_ENC_DCS_ESC;
				continue;
			}
			if (e->ndcs < sizeof(e->dcs)) {
				e->dcs[e->ndcs++] = (char)c;
				continue;
			}
			/* Too long to be ours: let it through as it is. */
			buf_add(out, "\033P", 2);
			buf_add(out, e->dcs, e->ndcs);
			e->state = TXT_ENC_TEXT;
			break;
		case TXT_ENC_DCS_ESC:
			if (c == '\\') {
				enc_dcs(e, out);
				e->state = TXT_ENC_TEXT;
				continue;
			}
			buf_add(out, "\033P", 2);
			buf_add(out, e->dcs, e->ndcs);
			buf_add(out, "\033", 1);
			e->state = TXT_ENC_TEXT;
			break;
		case TXT_ENC_TEXT:
			break;
		}
		/* Plain text. */
		if (e->npart > 0) {
			if ((c & 0xc0) == 0x80 && e->npart < sizeof(e->part)) {
				e->part[e->npart++] = c;
				l = u8_mbtouc(&uc, e->part, e->npart);
				if (l == (int)e->npart && uc != 0xfffd) {
					enc_put(e, uc, out);
					e->npart = 0;
				} else if (e->npart == sizeof(e->part)) {
					enc_put(e, 0xfffd, out);
					e->npart = 0;
				}
				continue;
			}
			/* A broken sequence. */
			enc_put(e, 0xfffd, out);
			e->npart = 0;
		}
		if (c == 0x1b) {
			e->state = TXT_ENC_ESC;
		} else if (c < 0x80) {
			buf_add(out, (const char *)&c, 1);
		} else if (c >= 0xc2 && c <= 0xf4) {
			e->part[0] = c;
			e->npart = 1;
			/* Complete sequences are decoded as they finish. */
		} else {
			enc_put(e, 0xfffd, out);
		}
	}
}

void
txt_decode_input(enum txt_charset cs, const char *in, size_t n,
    struct buf *out)
{
	const uint8_t *s = (const uint8_t *)in;
	enum txt_charset table = cs == TXT_CS_ASCII ? TXT_CS_LATIN1 : cs;
	char u[8];
	ucs4_t uc;
	size_t i;
	int l;

	/* UTF-8 passes as it is: the interface decodes it (ui_read_raw). */
	if (cs == TXT_CS_UTF8) {
		buf_add(out, in, n);
		return;
	}
	if (!cs_loaded[table])
		cs_load(table);
	for (i = 0; i < n; i++) {
		if (s[i] < 0x80) {
			buf_add(out, in + i, 1);
			continue;
		}
		/* An 8-bit byte: a character of the terminal's charset
		 * (bytes of an ASCII terminal are read as Latin-1); one
		 * that is none (a C1 control) is U+FFFD, as txt.h's input
		 * rule says of any byte that is not text. */
		uc = cs_table[table][s[i] - 0x80];
		l = u8_uctomb((uint8_t *)u, uc != 0 ? uc : 0xfffd, sizeof(u));
		if (l > 0)
			buf_add(out, u, (size_t)l);
	}
}

void
txt_charset_marker(enum txt_charset cs, char *buf, size_t size)
{
	snprintf(buf, size, "\033P%s%s\033\\", ENC_MARK, txt_charset_name(cs));
}
