/*
 * txt.c - cleaning, measuring, wrapping and folding of UTF-8 text.
 *
 * This file owns the "clean" invariants described in txt.h: txt_clean() is
 * the only producer of clean text, and txt_is_clean() holds exactly for
 * strings that txt_clean() returns unchanged. Therefore txt_clean() is
 * idempotent. txt_clean() works in three stages: decoding with an
 * allowlist over code points (escape sequences are swallowed whole; invalid
 * bytes become U+FFFD), then NFC, then the combining-mark cap, trimming and
 * maxbytes cut. Then it checks the result with txt_is_clean() and loops if
 * needed, so that a surprise in the Unicode tables can never leak unclean
 * text.
 *
 * Layout works on "units": extended grapheme clusters (a base and its
 * marks and joiners, an emoji ZWJ sequence, a flag; txt_unit_ex()).
 * Cutting only happens between units, so a base never loses its
 * nonspacing marks nor 👩‍💻 its second half, and no unit is wider than
 * two columns.
 *
 * The input rule (txt_utf8()) lives here too: what any input's NUL and
 * invalid bytes become, decided once for files, standard input, keys.
 *
 * Every function here is locale-independent. Widths come from
 * libunistring's uc_width() with the "UTF-8" encoding (East Asian
 * ambiguous characters count one column). Controls count zero.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "text/txt.h"
#include "util/util.h"

#define TXT_ENC		"UTF-8"	/* encoding for uc_width(), no CJK locale */
#define TXT_PRECAP	32	/* marks kept per run before NFC (cost bound) */
#define TXT_ELLIPSIS	"\xe2\x80\xa6"

/* State of the first stage of txt_clean(). */
struct txt_cleaner {
	struct buf	 out;
	unsigned	 what;		/* TXT_FIX_* bits */
	int		 multi;		/* TXT_MULTILINE */
	size_t		 col;		/* column in the line, for tabs */
	size_t		 marks;		/* marks in the current run */
	ucs4_t		 prev;		/* last code point kept, 0 at a start */
};

static size_t	 txt_decode(const uint8_t *, size_t, ucs4_t *, int *);
static unsigned	 txt_reject(ucs4_t);
static int	 txt_is_mark(ucs4_t);
static int	 txt_is_space(ucs4_t);
static int	 txt_nobreak(ucs4_t);
static size_t	 txt_ucwidth(ucs4_t);
static int	 txt_joins(ucs4_t, ucs4_t);
static size_t	 txt_unit(const uint8_t *, size_t, size_t *);
static size_t	 txt_unit_ex(const uint8_t *, size_t, size_t *, int *);
static void	 txt_put(struct buf *, ucs4_t);
static void	 txt_clean_emit(struct txt_cleaner *, ucs4_t);
static void	 txt_clean_filter(struct txt_cleaner *, const uint8_t *,
		    size_t);
static int	 txt_ascii(const uint8_t *, size_t);
static uint8_t	*txt_nfc(const uint8_t *, size_t, size_t *);
static size_t	 txt_cap_marks(uint8_t *, size_t);
static size_t	 txt_trim(uint8_t *, size_t);
static size_t	 txt_cut(const uint8_t *, size_t, size_t);
static size_t	 txt_last_cp(const uint8_t *, size_t);
static size_t	 txt_utf8_need(uint8_t);
static void	 txt_line_add(struct txt_line **, size_t *, size_t *,
		    size_t, size_t, size_t);
static void	 txt_wrap_para(const uint8_t *, size_t, size_t, size_t,
		    struct txt_line **, size_t *, size_t *);

/* Decode one code point of s (n > 0 bytes); *bad is set if it was invalid. */
static size_t
txt_decode(const uint8_t *s, size_t n, ucs4_t *uc, int *bad)
{
	int	l;

	l = u8_mbtouc(uc, s, n);
	if (l < 1)
		l = 1;
	*bad = (*uc == 0xfffd && !(l == 3 && s[0] == 0xef && s[1] == 0xbf &&
	    s[2] == 0xbd));
	return (size_t)l;
}

/* Why uc may not appear in clean text ('\n' aside): a TXT_FIX_* bit or 0. */
static unsigned
txt_reject(ucs4_t uc)
{
	if (uc < 0x20 || (uc >= 0x7f && uc <= 0x9f))
		return TXT_FIX_CONTROL;
	if (uc < 0x7f)
		return 0;
	if (uc == 0x2028 || uc == 0x2029)	/* line/paragraph separator */
		return TXT_FIX_CONTROL;
	if (uc_is_property_bidi_control(uc) ||
	    uc_is_property_default_ignorable_code_point(uc))
		return TXT_FIX_INVISIBLE;
	if (uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_Co |
	    UC_CATEGORY_MASK_Cn | UC_CATEGORY_MASK_Cs))
		return TXT_FIX_INVISIBLE;
	return 0;
}

/* 1 if uc is a combining mark (general category M: Mn, Mc, Me). */
static int
txt_is_mark(ucs4_t uc)
{
	return uc >= 0x300 &&
	    uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_M);
}

/* 1 if uc is a space separator (Zs: space, no-break spaces, em space...). */
static int
txt_is_space(ucs4_t uc)
{
	if (uc == ' ')
		return 1;
	return uc >= 0xa0 &&
	    uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_Zs);
}

/* 1 if uc glues its neighbours: never a line break on either side. */
static int
txt_nobreak(ucs4_t uc)
{
	return uc == 0xa0 || uc == 0x202f || uc == 0x2007 || uc == 0x2060;
}

/* 1 if uc joins or modifies the character before it (see txt.h). */
int
txt_is_joiner(uint32_t uc)
{
	return uc == 0x200c || uc == 0x200d || (uc >= 0xfe00 &&
	    uc <= 0xfe0f) || (uc >= 0xe0100 && uc <= 0xe01ef);
}

/*
 * 1 if the joiner uc may follow prev: a character it can join or modify,
 * not the start of the text (prev 0), a space, a control, nor another
 * joiner (a variation selector may not follow any joiner; ZWJ and ZWNJ
 * may follow a variation selector: ❤️‍🔥 is U+2764 U+FE0F U+200D U+1F525).
 */
static int
txt_joins(ucs4_t prev, ucs4_t uc)
{
	if (prev < 0x20 || (prev >= 0x7f && prev <= 0x9f) ||
	    txt_is_space(prev))
		return 0;
	if (prev == 0x200c || prev == 0x200d)
		return 0;
	if (txt_is_joiner(prev) && !(uc == 0x200c || uc == 0x200d))
		return 0;
	return 1;
}

/* Display width of uc: 0, 1 or 2; controls count 0. */
static size_t
txt_ucwidth(ucs4_t uc)
{
	int	w;

	if (uc >= 0x20 && uc < 0x7f)
		return 1;
	/* On a Latin-1 or ASCII terminal, œ shows as "oe". */
	if (uc >= 0x80 && txt_charset_get() != TXT_CS_UTF8)
		return txt_charset_width(uc);
	w = uc_width(uc, TXT_ENC);
	return w < 0 ? 0 : (size_t)w;
}

/*
 * Length of the unit at s (n > 0): one extended grapheme cluster (UAX
 * #29), its width in *w and in *joined whether it is an emoji ZWJ
 * sequence (👩‍💻). libunistring's uc_is_grapheme_break() sees two code
 * points at a time, so the two rules that need more are kept here: a ZWJ
 * joins a pictograph only inside a cluster that began with one (GB11),
 * and regional indicators pair two by two (GB12, GB13: 🇫🇷🇩🇪 is two
 * flags). The width is the sum of the code points' widths, as ncurses
 * counts them, but for two cases where the cluster is one picture of two
 * columns: in an emoji ZWJ sequence what follows the first ZWJ takes no
 * column (ui_putn() draws the sequence in one cell, so ncurses counts
 * two as well), and U+FE0F after a one-column pictograph (❤️) asks for
 * emoji presentation, two columns on the terminals that show it (ncurses
 * counts one: a column is left over, never missing). No unit is wider
 * than two columns.
 */
static size_t
txt_unit_ex(const uint8_t *s, size_t n, size_t *w, int *joined)
{
	ucs4_t	first, prev, uc;
	size_t	i, l, add;
	int	bad, pict, zwj = 0, ri, utf8;

	i = txt_decode(s, n, &first, &bad);
	*w = txt_ucwidth(first);
	*joined = 0;
	if (bad)
		return i;
	prev = first;
	pict = ri = utf8 = -1;		/* looked up when first needed */
	while (i < n) {
		/* ASCII joins nothing before it but a Prepend (GB9b). */
		if (s[i] < 0x80 && (s[i] < 0x20 || prev < 0x80 ||
		    uc_graphemeclusterbreak_property(prev) != GBP_PREPEND))
			break;
		if (pict == -1) {
			utf8 = txt_charset_get() == TXT_CS_UTF8;
			pict = uc_is_property_extended_pictographic(first);
			ri = uc_graphemeclusterbreak_property(first) ==
			    GBP_RI;
		}
		l = txt_decode(s + i, n - i, &uc, &bad);
		if (bad)
			break;
		if (ri && uc_graphemeclusterbreak_property(prev) == GBP_RI &&
		    uc_graphemeclusterbreak_property(uc) == GBP_RI) {
			if (ri == 2)
				break;
			ri = 2;
		} else if (prev == 0x200d &&
		    uc_is_property_extended_pictographic(uc)) {
			if (!pict)
				break;
		} else if (uc_is_grapheme_break(prev, uc))
			break;
		if (utf8 && (zwj || (pict && uc == 0x200d)))
			add = 0;	/* inside one emoji picture */
		else if (utf8 && uc == 0xfe0f && prev == first && pict &&
		    *w == 1)
			add = 1;
		else
			add = txt_ucwidth(uc);
		/* No unit is wider than two columns: beyond (👍🏽, two
		 * pictures for ncurses and most terminals) a new one starts. */
		if (add > 0 && *w + add > 2)
			break;
		*w += add;
		if (pict && uc == 0x200d)
			zwj = 1;
		if (zwj && uc != 0x200d)
			*joined = utf8;
		prev = uc;
		i += l;
	}
	return i;
}

/* Length of the unit at s (n > 0), its width in *w; see txt_unit_ex(). */
static size_t
txt_unit(const uint8_t *s, size_t n, size_t *w)
{
	int	joined;

	return txt_unit_ex(s, n, w, &joined);
}

/* The first grapheme cluster of s; see txt.h. */
size_t
txt_cluster(const char *s, size_t n, size_t *width, int *joined)
{
	size_t	w;
	int	j;

	if (s == NULL || n == 0) {
		if (width != NULL)
			*width = 0;
		if (joined != NULL)
			*joined = 0;
		return 0;
	}
	n = txt_unit_ex((const uint8_t *)s, n, &w, &j);
	if (width != NULL)
		*width = w;
	if (joined != NULL)
		*joined = j;
	return n;
}

/* Append uc, encoded in UTF-8, to b. */
static void
txt_put(struct buf *b, ucs4_t uc)
{
	uint8_t	tmp[6];
	int	l;

	l = u8_uctomb(tmp, uc, sizeof tmp);
	if (l <= 0) {
		uc = 0xfffd;
		l = u8_uctomb(tmp, uc, sizeof tmp);
	}
	buf_add(b, tmp, (size_t)l);
}

/*
 * Feed uc to the escape-sequence swallower (txt.h). A string (OSC...)
 * ends at BEL, ST, CAN or SUB; an unterminated one ends at the end of its
 * line, so a stray ESC ] never eats a whole post.
 */
int
txt_escape(enum txt_esc *st, uint32_t uc)
{
	switch (*st) {
	case ESC_NONE:
		if (uc == 0x1b) {
			*st = ESC_ESC;
			return 1;
		}
		if (uc == 0x9b) {	/* C1 CSI */
			*st = ESC_CSI;
			return 1;
		}
		if (uc == 0x90 || uc == 0x98 || uc == 0x9d || uc == 0x9e ||
		    uc == 0x9f) {	/* C1 DCS, SOS, OSC, PM, APC */
			*st = ESC_STR;
			return 1;
		}
		return 0;
	case ESC_ESC:
		if (uc == '[') {
			*st = ESC_CSI;
			return 1;
		}
		if (uc == ']' || uc == 'P' || uc == 'X' || uc == '^' ||
		    uc == '_') {
			*st = ESC_STR;
			return 1;
		}
		if (uc >= 0x20 && uc <= 0x2f) {
			*st = ESC_INTER;
			return 1;
		}
		*st = ESC_NONE;
		if (uc >= 0x30 && uc <= 0x7e)	/* ESC 7, ESC c, ESC = ... */
			return 1;
		return txt_escape(st, uc);
	case ESC_INTER:
		if (uc >= 0x20 && uc <= 0x2f)
			return 1;
		*st = ESC_NONE;
		if (uc >= 0x30 && uc <= 0x7e)	/* ESC ( B ... */
			return 1;
		return txt_escape(st, uc);
	case ESC_CSI:
		if (uc >= 0x20 && uc <= 0x3f)
			return 1;
		*st = ESC_NONE;
		if (uc >= 0x40 && uc <= 0x7e)
			return 1;
		return txt_escape(st, uc);
	case ESC_STR:
		if (uc == 0x07 || uc == 0x9c || uc == 0x18 || uc == 0x1a) {
			*st = ESC_NONE;
			return 1;
		}
		if (uc == 0x1b) {
			*st = ESC_STR_ESC;
			return 1;
		}
		if (uc == '\n' || uc == '\r') {
			*st = ESC_NONE;
			return 0;
		}
		return 1;
	case ESC_STR_ESC:
		if (uc == '\\') {
			*st = ESC_NONE;
			return 1;
		}
		*st = ESC_ESC;
		return txt_escape(st, uc);
	}
	return 0;
}

/* Emit one accepted code point ('\n', tab or printable) in stage one. */
static void
txt_clean_emit(struct txt_cleaner *c, ucs4_t uc)
{
	size_t	n;

	c->prev = uc == '\n' ? 0 : uc == '\t' ? ' ' : uc;
	if (uc == '\n') {
		c->marks = 0;
		if (c->multi) {
			buf_add(&c->out, "\n", 1);
			c->col = 0;
		} else {
			c->what |= TXT_FIX_CONTROL;
			buf_add(&c->out, " ", 1);
			c->col++;
		}
		return;
	}
	if (uc == '\t') {
		c->what |= TXT_FIX_CONTROL;
		c->marks = 0;
		n = c->multi ? TXT_TABSTOP - c->col % TXT_TABSTOP : 1;
		c->col += n;
		while (n-- > 0)
			buf_add(&c->out, " ", 1);
		return;
	}
	if (txt_is_mark(uc)) {
		if (++c->marks > TXT_PRECAP) {
			c->what |= TXT_FIX_INVISIBLE;
			return;
		}
	} else
		c->marks = 0;
	txt_put(&c->out, uc);
	c->col += txt_ucwidth(uc);
}

/* Stage one of txt_clean(): decode, swallow escapes, drop what is refused. */
static void
txt_clean_filter(struct txt_cleaner *c, const uint8_t *in, size_t len)
{
	enum txt_esc	 st = ESC_NONE;
	ucs4_t		 uc;
	size_t		 i, l;
	unsigned	 why;
	int		 bad;

	for (i = 0; i < len; i += l) {
		l = txt_decode(in + i, len - i, &uc, &bad);
		if (uc == 0) {		/* the input rule: NUL is U+FFFD */
			uc = 0xfffd;
			bad = 1;
		}
		if (bad)
			c->what |= TXT_FIX_INVALID;
		if (txt_escape(&st, uc)) {
			c->what |= TXT_FIX_CONTROL;
			continue;
		}
		if (uc == '\r') {
			c->what |= TXT_FIX_CONTROL;
			if (i + l < len && in[i + l] == '\n')
				continue;	/* CR LF: the LF follows */
			uc = '\n';
		} else if (uc == 0x2028 || uc == 0x2029) {
			c->what |= TXT_FIX_CONTROL;
			uc = '\n';
		}
		if (uc == '\n' || uc == '\t') {
			txt_clean_emit(c, uc);
			continue;
		}
		if (txt_is_joiner(uc)) {
			if (txt_joins(c->prev, uc))
				txt_clean_emit(c, uc);
			else
				c->what |= TXT_FIX_INVISIBLE;
			continue;
		}
		if ((why = txt_reject(uc)) != 0) {
			c->what |= why;
			continue;
		}
		txt_clean_emit(c, uc);
	}
}

/* 1 if the n bytes at s are all ASCII (then NFC is the identity). */
static int
txt_ascii(const uint8_t *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] >= 0x80)
			return 0;
	}
	return 1;
}

/* A new NFC copy of the valid UTF-8 s (n bytes), length in *outn. */
static uint8_t *
txt_nfc(const uint8_t *s, size_t n, size_t *outn)
{
	uint8_t	*r;

	if (txt_ascii(s, n)) {
		r = xmalloc(n + 1);
		memcpy(r, s, n);
		*outn = n;
		return r;
	}
	r = u8_normalize(UNINORM_NFC, s, n, NULL, outn);
	if (r == NULL)
		fatal("u8_normalize: %s", strerror(errno));
	return r;
}

/* Drop marks beyond TXT_MAX_COMBINING per run, in place; the new length. */
static size_t
txt_cap_marks(uint8_t *s, size_t n)
{
	ucs4_t	uc;
	size_t	i, o, l, marks = 0;
	int	bad;

	for (i = o = 0; i < n; i += l) {
		l = txt_decode(s + i, n - i, &uc, &bad);
		if (txt_is_mark(uc)) {
			if (++marks > TXT_MAX_COMBINING)
				continue;
		} else
			marks = 0;
		memmove(s + o, s + i, l);
		o += l;
	}
	return o;
}

/* Trim space separators at both ends of s, in place; the new length. */
static size_t
txt_trim(uint8_t *s, size_t n)
{
	ucs4_t	uc;
	size_t	start = 0, l;
	int	bad;

	while (start < n) {
		l = txt_decode(s + start, n - start, &uc, &bad);
		if (!txt_is_space(uc))
			break;
		start += l;
	}
	while (n > start) {
		l = txt_last_cp(s + start, n - start);
		txt_decode(s + n - l, l, &uc, &bad);
		if (!txt_is_space(uc))
			break;
		n -= l;
	}
	memmove(s, s + start, n - start);
	return n - start;
}

/* Length of the longest run of whole units of s (n bytes) in max bytes. */
static size_t
txt_cut(const uint8_t *s, size_t n, size_t max)
{
	size_t	i = 0, l, w;

	while (i < n) {
		l = txt_unit(s + i, n - i, &w);
		if (i + l > max)
			break;
		i += l;
	}
	return i;
}

/* Length of the last code point of s (n > 0 bytes, valid UTF-8). */
static size_t
txt_last_cp(const uint8_t *s, size_t n)
{
	size_t	l = 1;

	while (l < n && l < 4 && (s[n - l] & 0xc0) == 0x80)
		l++;
	return l;
}

/* Clean untrusted text; see txt.h. */
char *
txt_clean(const char *in, size_t len, int flags, size_t maxbytes,
    unsigned *what)
{
	struct txt_cleaner	 c;
	uint8_t			*s, *t;
	size_t			 n, m, i, tries;
	int			 multi = (flags & TXT_MULTILINE) != 0;

	memset(&c, 0, sizeof c);
	buf_init(&c.out);
	c.multi = multi;
	if (in != NULL)
		txt_clean_filter(&c, (const uint8_t *)in, len);
	n = c.out.len;
	s = (uint8_t *)buf_detach(&c.out);

	for (tries = 0; tries < 4; tries++) {
		t = txt_nfc(s, n, &n);
		free(s);
		s = t;
		m = txt_cap_marks(s, n);
		if (m != n)
			c.what |= TXT_FIX_INVISIBLE;
		n = m;
		if (!multi)
			n = txt_trim(s, n);
		if (maxbytes != 0 && n > maxbytes) {
			c.what |= TXT_FIX_TRUNCATED;
			n = txt_cut(s, n, maxbytes);
			if (!multi)
				n = txt_trim(s, n);
		}
		if (txt_is_clean((char *)s, n, flags))
			break;
	}
	if (tries == 4) {
		/* Cannot happen with sane tables; keep printable ASCII. */
		for (i = m = 0; i < n; i++) {
			if ((s[i] >= 0x20 && s[i] < 0x7f) ||
			    (multi && s[i] == '\n'))
				s[m++] = s[i];
		}
		n = multi ? m : txt_trim(s, m);
		c.what |= TXT_FIX_INVISIBLE;
	}
	t = xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	free(s);
	if (what != NULL)
		*what = c.what;
	return (char *)t;
}

/*
 * Bytes a sequence starting with lead c takes, as u8_mbtouc() counts
 * them: 2 for C2-DF, 3 for E0-EF, 4 for F0-F7, else 1 (ASCII, a stray
 * continuation byte, C0, C1, F8-FF).
 */
static size_t
txt_utf8_need(uint8_t c)
{
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf7)
		return 4;
	return 1;
}

/* One byte of a stream; see txt.h. */
int
txt_utf8_byte(struct txt_utf8 *d, uint8_t c, uint32_t *uc)
{
	ucs4_t	u;

	if (d->npart > 0) {
		if ((c & 0xc0) != 0x80) {
			d->npart = 0;	/* cut short: c starts afresh */
			*uc = 0xfffd;
			return -1;
		}
		d->part[d->npart++] = c;
		if (d->npart < txt_utf8_need(d->part[0]))
			return 0;
		/* Complete in shape; u8_mbtouc() refuses overlong forms,
		 * surrogates and code points beyond U+10FFFF (as U+FFFD). */
		u8_mbtouc(&u, d->part, d->npart);
		d->npart = 0;
		*uc = u;
		return 1;
	}
	if (c == 0 || txt_utf8_need(c) == 1) {
		*uc = c == 0 || c >= 0x80 ? 0xfffd : c;
		return 1;
	}
	d->part[d->npart++] = c;
	return 0;
}

/* The end of a stream; see txt.h. */
int
txt_utf8_end(struct txt_utf8 *d, uint32_t *uc)
{
	if (d->npart == 0)
		return 0;
	d->npart = 0;
	*uc = 0xfffd;
	return 1;
}

/* Bytes from outside as valid UTF-8, by the input rule; see txt.h. */
char *
txt_utf8(const char *str, size_t len, size_t *outn)
{
	const uint8_t	*s = (const uint8_t *)str;
	struct txt_utf8	 d;
	struct buf	 b;
	uint32_t	 uc;
	size_t		 i, run;
	int		 r;

	memset(&d, 0, sizeof d);
	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < len; ) {
		/* Runs of ASCII (NUL aside) are copied as they are. */
		for (run = i; d.npart == 0 && run < len && s[run] != 0 &&
		    s[run] < 0x80; run++)
			/* nothing */;
		if (run > i) {
			buf_add(&b, s + i, run - i);
			i = run;
			continue;
		}
		r = txt_utf8_byte(&d, s[i], &uc);
		if (r != 0)
			txt_put(&b, uc);
		if (r != -1)
			i++;
	}
	if (txt_utf8_end(&d, &uc))
		txt_put(&b, uc);
	if (outn != NULL)
		*outn = b.len;
	return buf_detach(&b);
}

/* One character on its way to the sysop's terminal; see txt_visible(). */
static void
txt_visible_put(struct buf *b, ucs4_t uc, int flags)
{
	char	tmp[16];

	if (uc == '\n' || uc == '\t' || (uc == '\r' && (flags & TXT_VIS_CR)))
		txt_put(b, uc);
	else if (uc < 0x20 || uc == 0x7f)
		buf_add(b, tmp, (size_t)snprintf(tmp, sizeof tmp, "\\x%02x",
		    (unsigned)uc));
	else if ((uc >= 0x80 && uc <= 0x9f) || uc == 0x2028 ||
	    uc == 0x2029 || uc_is_property_bidi_control(uc))
		buf_add(b, tmp, (size_t)snprintf(tmp, sizeof tmp, "\\u%04x",
		    (unsigned)uc));
	else
		txt_put(b, uc);
}

/* Make bytes for a terminal visible; see txt.h. */
void
txt_visible(struct txt_utf8 *d, const char *str, size_t n, int flags,
    struct buf *out)
{
	const uint8_t	*s = (const uint8_t *)str;
	uint32_t	 uc;
	size_t		 i, run;
	int		 r;

	for (i = 0; i < n; ) {
		/* Printable ASCII and newlines pass in runs. */
		for (run = i; d->npart == 0 && run < n && ((s[run] >= 0x20 &&
		    s[run] < 0x7f) || s[run] == '\n'); run++)
			/* nothing */;
		if (run > i) {
			buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		r = txt_utf8_byte(d, s[i], &uc);
		if (r != 0)
			txt_visible_put(out, uc, flags);
		if (r != -1)
			i++;
	}
}

/* Check the clean invariants; see txt.h. */
int
txt_is_clean(const char *str, size_t len, int flags)
{
	const uint8_t	*s = (const uint8_t *)str;
	uint8_t		*t;
	ucs4_t		 uc, prev = 0;
	size_t		 i, l, tn, marks = 0;
	int		 bad, ok, multi = (flags & TXT_MULTILINE) != 0;

	if (len == 0)
		return 1;
	if (s == NULL || u8_check(s, len) != NULL)
		return 0;
	for (i = 0; i < len; i += l) {
		l = txt_decode(s + i, len - i, &uc, &bad);
		if (uc == '\n') {
			if (!multi)
				return 0;
			marks = 0;
			prev = 0;
			continue;
		}
		if (txt_is_joiner(uc)) {
			if (!txt_joins(prev, uc))
				return 0;
		} else if (txt_reject(uc) != 0)
			return 0;
		prev = uc;
		if (txt_is_mark(uc)) {
			if (++marks > TXT_MAX_COMBINING)
				return 0;
		} else
			marks = 0;
	}
	if (!multi) {
		txt_decode(s, len, &uc, &bad);
		if (txt_is_space(uc))
			return 0;
		l = txt_last_cp(s, len);
		txt_decode(s + len - l, l, &uc, &bad);
		if (txt_is_space(uc))
			return 0;
	}
	if (txt_ascii(s, len))
		return 1;
	t = txt_nfc(s, len, &tn);
	ok = tn == len && memcmp(s, t, len) == 0;
	free(t);
	return ok;
}

/* Width of a NUL-terminated string. */
size_t
txt_width(const char *s)
{
	if (s == NULL)
		return 0;
	return txt_nwidth(s, strlen(s));
}

/* Width of n bytes; invalid bytes count as U+FFFD (one column). */
size_t
txt_nwidth(const char *str, size_t n)
{
	const uint8_t	*s = (const uint8_t *)str;
	size_t		 i, l, uw, w = 0;

	for (i = 0; i < n; i += l) {
		/* ASCII before ASCII is a cluster of its own. */
		if (s[i] >= 0x20 && s[i] < 0x7f && (i + 1 == n ||
		    s[i + 1] < 0x80)) {
			w++;
			l = 1;
			continue;
		}
		l = txt_unit(s + i, n - i, &uw);
		w += uw;
	}
	return w;
}

/* Longest prefix of whole units that fits in cols columns. */
size_t
txt_fit(const char *str, size_t n, size_t cols, size_t *width)
{
	const uint8_t	*s = (const uint8_t *)str;
	size_t		 i = 0, l, uw, w = 0;

	while (i < n) {
		l = txt_unit(s + i, n - i, &uw);
		if (w + uw > cols)
			break;
		w += uw;
		i += l;
	}
	if (width != NULL)
		*width = w;
	return i;
}

/* Cut to cols columns, ending with an ellipsis when something was cut. */
char *
txt_trunc(const char *s, size_t cols)
{
	struct buf	 b;
	ucs4_t		 uc;
	size_t		 n, fit, l, ew;
	int		 bad;

	if (s == NULL || cols == 0)
		return xstrdup("");
	n = strlen(s);
	if (txt_nwidth(s, n) <= cols)
		return xstrdup(s);
	/* The ellipsis is "..." on a terminal without "…". */
	ew = txt_width(TXT_ELLIPSIS);
	if (cols < ew)
		return xstrndup(s, txt_fit(s, n, cols, NULL));
	fit = txt_fit(s, n, cols - ew, NULL);
	while (fit > 0) {	/* no space just before the ellipsis */
		l = txt_last_cp((const uint8_t *)s, fit);
		txt_decode((const uint8_t *)s + fit - l, l, &uc, &bad);
		if (!txt_is_space(uc))
			break;
		fit -= l;
	}
	buf_init(&b);
	buf_add(&b, s, fit);
	buf_adds(&b, TXT_ELLIPSIS);
	return buf_detach(&b);
}

/* Append the line [off, off+len) of width w to the growing array. */
static void
txt_line_add(struct txt_line **lines, size_t *nl, size_t *cap, size_t off,
    size_t len, size_t w)
{
	if (*nl == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*lines = xreallocarray(*lines, *cap, sizeof **lines);
	}
	(*lines)[*nl].off = off;
	(*lines)[*nl].len = len;
	(*lines)[*nl].width = w;
	(*nl)++;
}

/*
 * Wrap one paragraph (no '\n') at s + base, n bytes: greedy filling over
 * the break opportunities of UAX #14 (u8_possible_linebreaks). A piece runs
 * from one opportunity to the next; its trailing spaces do not count
 * towards the line (they vanish at a break), which is where
 * u8_width_linebreaks() would lose a column. A piece wider than the whole
 * line is cut between units.
 */
static void
txt_wrap_para(const uint8_t *all, size_t base, size_t n, size_t width,
    struct txt_line **lines, size_t *nl, size_t *cap)
{
	const uint8_t	*s = all + base;
	char		*brk;
	ucs4_t		 uc, prev = 0, prev2 = 0;
	size_t		 i, l, a, e, u, ulen, uw, pw, sw;
	size_t		 start = 0;	/* current line: first byte */
	size_t		 cend = 0;	/* current line: end of its content */
	size_t		 cw = 0;	/* current line: width of content */
	size_t		 lw = 0;	/* current line: width with spaces */
	int		 bad, empty = 1;

	brk = xmalloc(n);
	u8_possible_linebreaks(s, n, TXT_ENC, brk);
	/* Never inside a grapheme cluster (👩‍💻, 🇫🇷, a base and its marks). */
	for (i = 0; i < n; i += l) {
		if (s[i] < 0x80 && (i + 1 == n || s[i + 1] < 0x80)) {
			l = 1;		/* ASCII before ASCII */
			continue;
		}
		l = txt_unit(s + i, n - i, &uw);
		for (e = i + 1; e < i + l; e++)
			brk[e] = UC_BREAK_PROHIBITED;
	}
	/*
	 * No break opportunity touches a no-break space. French puts a
	 * space inside « guillemets », typed as a plain one more often than
	 * not: it holds like a no-break space (UAX #14 already keeps a
	 * space before « : ; ! ? » on the line).
	 */
	for (i = 0; i < n; i += l) {
		l = txt_decode(s + i, n - i, &uc, &bad);
		if (txt_nobreak(uc) || txt_nobreak(prev))
			brk[i] = UC_BREAK_PROHIBITED;
		if ((uc == 0xbb && prev == ' ') ||
		    (prev == ' ' && prev2 == 0xab))
			brk[i] = UC_BREAK_PROHIBITED;	/* « x » */
		if (brk[i] == UC_BREAK_MANDATORY && i + l < n)
			brk[i + l] = UC_BREAK_POSSIBLE;	/* break after it */
		prev2 = prev;
		prev = uc;
	}

	for (a = 0; a < n; a = i) {
		/* The piece [a, i): content [a, e), then spaces. */
		for (i = a + 1; i < n; i++) {
			if (brk[i] == UC_BREAK_POSSIBLE ||
			    brk[i] == UC_BREAK_HYPHENATION)
				break;
		}
		for (e = i; e > a && s[e - 1] == ' '; e--)
			/* nothing */;
		pw = txt_nwidth((const char *)s + a, e - a);

		if (!empty && lw + pw > width) {
			txt_line_add(lines, nl, cap, base + start,
			    cend - start, cw);
			empty = 1;
		}
		if (empty) {
			start = cend = a;
			cw = lw = 0;
			empty = 0;
		}
		if (lw + pw <= width) {
			cend = e;
			cw = lw + pw;
		} else {
			/*
			 * Wider than a line: fill lines unit by unit. Spaces
			 * inside the piece (UAX #14 keeps "» ;" together)
			 * wait until a unit follows them on the same line,
			 * so no line begins or ends with a cut-off space.
			 */
			for (u = a, sw = 0; u < e; u += ulen) {
				ulen = txt_unit(s + u, e - u, &uw);
				if (ulen == 1 && s[u] == ' ') {
					sw++;
					continue;
				}
				if (cw + sw + uw > width && cend > start) {
					txt_line_add(lines, nl, cap,
					    base + start, cend - start, cw);
					start = cend = u;
					cw = sw = 0;
				} else if (cend == start && sw + uw > width) {
					start = u;	/* indent too wide */
					sw = 0;
				}
				cend = u + ulen;
				cw += sw + uw;
				sw = 0;
			}
		}
		lw = cw + txt_nwidth((const char *)s + e, i - e);
	}
	if (!empty)
		txt_line_add(lines, nl, cap, base + start, cend - start, cw);
	free(brk);
}

/* Wrap clean text to width columns; see txt.h. */
size_t
txt_wrap(const char *str, size_t n, size_t width, struct txt_line **lines)
{
	const uint8_t	*s = (const uint8_t *)str;
	const uint8_t	*nlp;
	size_t		 p = 0, q, nl = 0, cap = 0;

	*lines = NULL;
	if (width == 0)
		width = 1;
	if (s == NULL)
		n = 0;
	for (;;) {
		nlp = n > p ? memchr(s + p, '\n', n - p) : NULL;
		q = nlp != NULL ? (size_t)(nlp - s) : n;
		if (q == p)
			txt_line_add(lines, &nl, &cap, p, 0, 0);
		else
			txt_wrap_para(s, p, q - p, width, lines, &nl, &cap);
		if (nlp == NULL || q + 1 == n)
			break;	/* a final '\n' adds no empty line */
		p = q + 1;
	}
	return nl;
}

/*
 * Fold for search and sort. Beyond what txt.h promises, typographic
 * apostrophes become "'" and every space separator (no-break spaces
 * included) becomes ' ', so that what a member types on any keyboard
 * finds what the editors wrote.
 */
char *
txt_fold(const char *str)
{
	struct buf	 b;
	uint8_t		*f, *r;
	char		*clean = NULL;
	const uint8_t	*s = (const uint8_t *)str;
	ucs4_t		 uc;
	size_t		 n, fn, rn, i, l;
	int		 bad;

	if (s == NULL)
		return xstrdup("");
	n = strlen(str);
	if (u8_check(s, n) != NULL) {
		clean = txt_clean(str, n, TXT_MULTILINE, 0, NULL);
		s = (const uint8_t *)clean;
		n = strlen(clean);
	}
	f = u8_casefold(s, n, NULL, UNINORM_NFD, NULL, &fn);
	if (f == NULL)
		fatal("u8_casefold: %s", strerror(errno));
	buf_init(&b);
	for (i = 0; i < fn; i += l) {
		l = txt_decode(f + i, fn - i, &uc, &bad);
		/* Marks and joiners go: « می‌خواهم » with or without its
		 * ZWNJ, 👩‍💻 with or without its ZWJ, fold alike. */
		if ((uc >= 0x300 && uc_is_general_category_withtable(uc,
		    UC_CATEGORY_MASK_Mn)) || txt_is_joiner(uc))
			continue;
		switch (uc) {
		case 0x00e6:	/* æ */
			buf_adds(&b, "ae");
			break;
		case 0x0153:	/* œ */
			buf_adds(&b, "oe");
			break;
		case 0x00df:	/* ß */
			buf_adds(&b, "ss");
			break;
		case 0x2018:	/* ‘ */
		case 0x2019:	/* ’ */
		case 0x02bc:	/* ʼ */
			buf_add(&b, "'", 1);
			break;
		default:
			if (txt_is_space(uc))
				buf_add(&b, " ", 1);
			else
				buf_add(&b, f + i, l);
			break;
		}
	}
	free(f);
	free(clean);
	r = txt_nfc((const uint8_t *)(b.data != NULL ? b.data : ""), b.len,
	    &rn);
	buf_free(&b);
	f = xmalloc(rn + 1);
	memcpy(f, r, rn);
	f[rn] = '\0';
	free(r);
	return (char *)f;
}

/* Total order: folded forms first, then the bytes themselves. */
int
txt_collate(const char *a, const char *b)
{
	char	*fa, *fb;
	int	 r;

	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	fa = txt_fold(a);
	fb = txt_fold(b);
	r = strcmp(fa, fb);
	free(fa);
	free(fb);
	if (r == 0)
		r = strcmp(a, b);
	return r < 0 ? -1 : r > 0;
}

/* 1 if login matches [a-z0-9][a-z0-9._-]{1,31}. */
int
txt_login_valid(const char *login)
{
	size_t	i;
	char	c;

	if (login == NULL)
		return 0;
	for (i = 0; login[i] != '\0'; i++) {
		if (i >= 32)
			return 0;
		c = login[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (i > 0 && (c == '.' || c == '_' || c == '-'))
			continue;
		return 0;
	}
	return i >= 2;
}

/*
 * Escape for output outside ncurses. Every refused character (control,
 * ESC, C1, bidi, invisible, unassigned, a mark beyond the cap) becomes one
 * U+FFFD so the reader sees that something was there; a tab becomes a
 * space, CR LF becomes '\n'. cols limits each line, since '\n' is kept.
 */
char *
txt_escape_term(const char *str, size_t cols)
{
	const uint8_t	*s = (const uint8_t *)str;
	struct buf	 b;
	ucs4_t		 uc, prev = 0;
	size_t		 i, l, n, w, col = 0, marks = 0;
	int		 bad, full = 0;

	if (s == NULL)
		return xstrdup("");
	n = strlen(str);
	buf_init(&b);
	for (i = 0; i < n; i += l) {
		l = txt_decode(s + i, n - i, &uc, &bad);
		if (uc == '\r' && i + l < n && s[i + l] == '\n')
			continue;
		if (uc == '\n') {
			buf_add(&b, "\n", 1);
			col = marks = 0;
			full = 0;
			prev = 0;
			continue;
		}
		if (uc == '\t')
			uc = ' ';
		if (bad || (txt_is_joiner(uc) ? !txt_joins(prev, uc) :
		    txt_reject(uc) != 0))
			uc = 0xfffd;
		prev = uc;
		if (txt_is_mark(uc)) {
			if (++marks > TXT_MAX_COMBINING)
				uc = 0xfffd;
		} else
			marks = 0;
		w = txt_ucwidth(uc);
		if (full || (cols != 0 && col + w > cols)) {
			full = 1;	/* skip to the end of the line */
			continue;
		}
		col += w;
		txt_put(&b, uc);
	}
	return buf_detach(&b);
}
