/*
 * txt_edit.c - the editing core: a text buffer, a cursor and the wrapped
 * layout of the text, with no terminal code so that it can be tested.
 *
 * The text is one contiguous NUL-terminated buffer, always clean
 * (txt_clean() with TXT_MULTILINE) and never longer than max_bytes. Every
 * change goes through edit_replace(), which splices bytes with one memmove
 * of the tail, bumps the generation and re-wraps only the paragraphs
 * ('\n'-separated) the change touched, shifting the offsets of the lines
 * after it. A paste is cleaned once and inserted whole, so its cost is
 * linear in its size, never quadratic.
 *
 * Cleanliness across a change is kept locally: pieces of clean text joined
 * on unit boundaries are clean except at the junction, where a combining
 * mark may meet a new base (a dead key: « e » then U+0301), so the window
 * of one unit on each side of the junction is cleaned again (NFC, mark
 * cap). Units are txt.c's: grapheme clusters (txt_cluster(): a base and
 * its marks and joiners, 👩‍💻, 🇫🇷), save that a '\n' stays a unit of its
 * own; the cursor never stops inside one.
 *
 * The layout follows txt_wrap() paragraph by paragraph, plus an empty last
 * line when the text ends with '\n' (the cursor has to be shown there).
 * Lines are sorted by offset and no two share one, so the cursor's row is
 * the last line starting at or before it.
 */
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "text/txt.h"
#include "text/txt_edit.h"
#include "util/util.h"

#define EDIT_ENC	"UTF-8"		/* as txt.c: no CJK locale widths */
#define EDIT_NOWRAP	((size_t)1 << 30)	/* width when not wrapping */
#define EDIT_BACK	64	/* code points looked back for a unit */

struct txt_edit {
	char		*s;		/* clean text, NUL-terminated */
	size_t		 len;
	size_t		 cap;		/* allocated, > len */
	size_t		 max;		/* max bytes; 0: no limit */
	size_t		 cur;		/* cursor, on a unit boundary */
	uint64_t	 gen;		/* bumped on every change */
	uint64_t	 saved;		/* gen at the last txt_edit_clean() */
	size_t		 goal;		/* goal column of vertical moves */
	int		 goal_set;	/* goal is valid (last move vertical) */
	struct txt_line	*lines;		/* layout, sorted by offset */
	size_t		 nlines;
	size_t		 width;		/* layout width (EDIT_NOWRAP) */
	enum txt_charset cs;		/* charset the layout was made in */
};

static ucs4_t	 edit_cp(const char *, size_t, size_t, size_t *);
static int	 edit_zw(ucs4_t);
static size_t	 edit_cp_back(const char *, size_t);
static size_t	 edit_unit_next(const char *, size_t, size_t);
static size_t	 edit_unit_prev(const char *, size_t);
static int	 edit_boundary(const struct txt_edit *, size_t);
static size_t	 edit_cut(const char *, size_t, size_t);
static int	 edit_is_word(const struct txt_edit *, size_t);
static size_t	 edit_word_left_pos(const struct txt_edit *);
static size_t	 edit_wrap_region(const struct txt_edit *, size_t, size_t,
		    struct txt_line **);
static void	 edit_layout_full(struct txt_edit *);
static size_t	 edit_line_lower(const struct txt_edit *, size_t);
static void	 edit_layout_change(struct txt_edit *, size_t, size_t,
		    size_t);
static void	 edit_replace(struct txt_edit *, size_t, size_t,
		    const char *, size_t);
static void	 edit_renorm(struct txt_edit *, size_t);
static size_t	 edit_row(const struct txt_edit *, size_t);
static size_t	 edit_line_end(const struct txt_edit *, size_t);
static int	 edit_vertical(struct txt_edit *, int, size_t);
static char	*edit_clean_input(const struct txt_edit *, const char *,
		    size_t);
static void	 edit_quote_line(struct buf *, const char *, size_t, size_t);

/* Decode the code point at s + i (n bytes in all); its length in *l. */
static ucs4_t
edit_cp(const char *s, size_t n, size_t i, size_t *l)
{
	ucs4_t	uc;
	int	r;

	r = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
	*l = r < 1 ? 1 : (size_t)r;
	return uc;
}

/* 1 if uc continues a unit: non-ASCII and zero columns wide. */
static int
edit_zw(ucs4_t uc)
{
	return uc >= 0x80 && uc_width(uc, EDIT_ENC) == 0;
}

/* Length of the code point ending at s + p (p > 0). */
static size_t
edit_cp_back(const char *s, size_t p)
{
	size_t	l = 1;

	while (l < p && l < 4 && ((unsigned char)s[p - l] & 0xc0) == 0x80)
		l++;
	return l;
}

/* End of the unit starting at p (p < n). */
static size_t
edit_unit_next(const char *s, size_t n, size_t p)
{
	if (s[p] == '\n')
		return p + 1;
	return p + txt_cluster(s + p, n - p, NULL, NULL);
}

/*
 * Start of the unit ending at p (p > 0): clusters are walked forward
 * from a place that surely starts one, found going back: the start of
 * the line, an ASCII character after another (no rule joins those), or
 * EDIT_BACK code points back (a cluster longer than that, a chain of
 * ZWJ sequences, is then cut, never the text).
 */
static size_t
edit_unit_prev(const char *s, size_t p)
{
	size_t	q = p, r, k, back = 0;

	if (s[p - 1] == '\n')
		return p - 1;
	while (q > 0 && s[q - 1] != '\n' && back < EDIT_BACK) {
		q -= edit_cp_back(s, q);
		back++;
		if (q > 0 && (unsigned char)s[q] < 0x80 &&
		    (unsigned char)s[q - 1] < 0x80)
			break;
	}
	for (r = q; (k = edit_unit_next(s, p, r)) < p; r = k)
		/* nothing */;
	return r;
}

/* 1 if p is a unit boundary of the text. */
static int
edit_boundary(const struct txt_edit *e, size_t p)
{
	if (p == 0 || p >= e->len || e->s[p - 1] == '\n')
		return 1;
	return edit_unit_next(e->s, e->len, edit_unit_prev(e->s, p)) == p;
}

/* Longest prefix of s (n bytes) made of whole units in max bytes. */
static size_t
edit_cut(const char *s, size_t n, size_t max)
{
	size_t	i = 0, j;

	while (i < n) {
		j = edit_unit_next(s, n, i);
		if (j > max)
			break;
		i = j;
	}
	return i;
}

/* 1 if the unit at p (p < len) is part of a word: a letter or a digit. */
static int
edit_is_word(const struct txt_edit *e, size_t p)
{
	size_t	l;

	return uc_is_alnum(edit_cp(e->s, e->len, p, &l));
}

/* Start of the word before the cursor (skipping what is not a word). */
static size_t
edit_word_left_pos(const struct txt_edit *e)
{
	size_t	p = e->cur, q;

	while (p > 0) {
		q = edit_unit_prev(e->s, p);
		if (edit_is_word(e, q))
			break;
		p = q;
	}
	while (p > 0) {
		q = edit_unit_prev(e->s, p);
		if (!edit_is_word(e, q))
			break;
		p = q;
	}
	return p;
}

/*
 * Lay out the paragraphs of [a, b) (a at a paragraph start, b at a '\n' or
 * the end): txt_wrap() plus an empty line at b if the region ends with
 * '\n'. Returns the count and a new array with absolute offsets.
 */
static size_t
edit_wrap_region(const struct txt_edit *e, size_t a, size_t b,
    struct txt_line **out)
{
	struct txt_line	*l;
	size_t		 n, i;

	n = txt_wrap(e->s + a, b - a, e->width, &l);
	for (i = 0; i < n; i++)
		l[i].off += a;
	if (b > a && e->s[b - 1] == '\n') {
		l = xreallocarray(l, n + 1, sizeof *l);
		l[n].off = b;
		l[n].len = 0;
		l[n].width = 0;
		n++;
	}
	*out = l;
	return n;
}

/* Lay out the whole text. */
static void
edit_layout_full(struct txt_edit *e)
{
	free(e->lines);
	e->cs = txt_charset_get();
	e->nlines = edit_wrap_region(e, 0, e->len, &e->lines);
}

/* Index of the first line starting at or after offset p (or nlines). */
static size_t
edit_line_lower(const struct txt_edit *e, size_t p)
{
	size_t	lo = 0, hi = e->nlines, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e->lines[mid].off < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Update the layout after [a, ob) of the old text became [a, nb) of the
 * new one: re-wrap the paragraphs from the one holding a to the one
 * holding nb, and shift the lines after them.
 */
static void
edit_layout_change(struct txt_edit *e, size_t a, size_t ob, size_t nb)
{
	struct txt_line	*nl, *all;
	const char	*p;
	size_t		 ps, pe, oe, i, j, k, n, total;

	if (e->cs != txt_charset_get()) {
		edit_layout_full(e);
		return;
	}
	for (ps = a; ps > 0 && e->s[ps - 1] != '\n'; ps--)
		/* nothing */;
	p = memchr(e->s + nb, '\n', e->len - nb);
	pe = p != NULL ? (size_t)(p - e->s) : e->len;
	oe = pe - nb + ob;		/* the same place in the old text */

	i = edit_line_lower(e, ps);
	j = edit_line_lower(e, oe + 1);
	k = edit_wrap_region(e, ps, pe, &nl);

	total = e->nlines - (j - i) + k;
	all = xreallocarray(NULL, total, sizeof *all);
	memcpy(all, e->lines, i * sizeof *all);
	memcpy(all + i, nl, k * sizeof *all);
	for (n = j; n < e->nlines; n++) {
		all[i + k + n - j] = e->lines[n];
		all[i + k + n - j].off = e->lines[n].off - ob + nb;
	}
	free(nl);
	free(e->lines);
	e->lines = all;
	e->nlines = total;
}

/* Replace [a, b) with n clean bytes: the one primitive of every change. */
static void
edit_replace(struct txt_edit *e, size_t a, size_t b, const char *ins,
    size_t n)
{
	size_t	nlen = e->len - (b - a) + n;

	if (nlen + 1 > e->cap) {
		while (nlen + 1 > e->cap)
			e->cap *= 2;
		e->s = xreallocarray(e->s, e->cap, 1);
	}
	memmove(e->s + a + n, e->s + b, e->len - b + 1);
	if (n > 0)
		memcpy(e->s + a, ins, n);
	e->len = nlen;
	e->gen++;
	edit_layout_change(e, a, b, a + n);
}

/*
 * Clean the junction at p again after a deletion there (a mark that
 * stood alone after a '\n' may now follow a base); the cursor, which is
 * at p, ends on a unit boundary. If NFC would grow the text past
 * max_bytes, the marks that lost their place are dropped instead.
 */
static void
edit_renorm(struct txt_edit *e, size_t p)
{
	char	*w, *c;
	size_t	 lo, hi, wn, cn, tail, l;

	if (p >= e->len || (unsigned char)e->s[p] < 0x80)
		return;
	/* At 0 too: a joiner left first by a deletion goes. */
	lo = p > 0 ? edit_unit_prev(e->s, p) : 0;
	hi = edit_unit_next(e->s, e->len, p);
	w = xstrndup(e->s + lo, hi - lo);
	wn = hi - lo;
	c = txt_clean(w, wn, TXT_MULTILINE, 0, NULL);
	cn = strlen(c);
	tail = hi - p;
	if (cn != wn || memcmp(c, w, wn) != 0) {
		if (e->max != 0 && e->len - wn + cn > e->max) {
			for (hi = p; hi < e->len && edit_zw(edit_cp(e->s,
			    e->len, hi, &l)); hi += l)
				/* nothing */;
			edit_replace(e, p, hi, NULL, 0);
			e->cur = p;
		} else {
			edit_replace(e, lo, hi, c, cn);
			if (cn >= tail && memcmp(c + cn - tail, w + wn - tail,
			    tail) == 0)
				e->cur = lo + cn - tail;
			else
				e->cur = lo + cn;
		}
	}
	if (!edit_boundary(e, e->cur))
		e->cur = edit_unit_next(e->s, e->len,
		    edit_unit_prev(e->s, e->cur));
	free(c);
	free(w);
}

/* The visual row holding offset p. */
static size_t
edit_row(const struct txt_edit *e, size_t p)
{
	size_t	i;

	i = edit_line_lower(e, p + 1);	/* first line starting after p */
	return i > 0 ? i - 1 : 0;
}

/* Where the cursor goes for the end of row r: before the next row. */
static size_t
edit_line_end(const struct txt_edit *e, size_t r)
{
	const struct txt_line	*l = &e->lines[r];
	size_t			 p = l->off + l->len;

	if (p > l->off && r + 1 < e->nlines && e->lines[r + 1].off == p)
		p = edit_unit_prev(e->s, p);
	return p;
}

/* Move rows visual lines up (dir < 0) or down at the goal column. */
static int
edit_vertical(struct txt_edit *e, int dir, size_t rows)
{
	const struct txt_line	*l;
	size_t			 row, col, target, p;

	txt_edit_cursor_pos(e, &row, &col);
	if (!e->goal_set) {
		e->goal = col;
		e->goal_set = 1;
	}
	if (rows == 0)
		rows = 1;
	if (dir < 0)
		target = row > rows ? row - rows : 0;
	else
		target = e->nlines - 1 - row > rows ? row + rows :
		    e->nlines - 1;
	if (target == row)
		return 0;
	l = &e->lines[target];
	p = l->off + txt_fit(e->s + l->off, l->len, e->goal, NULL);
	if (p == l->off + l->len)
		p = edit_line_end(e, target);
	e->cur = p;
	return 1;
}

/*
 * Clean input for the cursor's place: tabs go to the next tab stop of the
 * logical line, so the cleaner is told the column with leading spaces;
 * and a joiner typed on its own (ZWNJ is a key of Persian keyboards)
 * would be dropped at the start of the input, so it is cleaned after a
 * stand-in letter, and the junction's cleaning in txt_edit_insert() then
 * judges it against the text really before it.
 */
static char *
edit_clean_input(const struct txt_edit *e, const char *in, size_t n)
{
	char	*tmp, *c;
	size_t	 ls, col = 0, pad, l;
	int	 join, tab;

	join = (unsigned char)in[0] >= 0x80 &&
	    txt_is_joiner(edit_cp(in, n, 0, &l));
	tab = memchr(in, '\t', n) != NULL;
	if (!tab && !join)
		return txt_clean(in, n, TXT_MULTILINE, 0, NULL);
	if (tab) {
		for (ls = e->cur; ls > 0 && e->s[ls - 1] != '\n'; ls--)
			/* nothing */;
		col = txt_nwidth(e->s + ls, e->cur - ls) % TXT_TABSTOP;
	}
	/* The stand-in takes a column: the spaces before it one less. */
	pad = join && tab ? (col + TXT_TABSTOP - 1) % TXT_TABSTOP : col;
	tmp = xmalloc(pad + join + n);
	memset(tmp, ' ', pad);
	if (join)
		tmp[pad] = 'x';
	memcpy(tmp + pad + join, in, n);
	c = txt_clean(tmp, pad + join + n, TXT_MULTILINE, 0, NULL);
	free(tmp);
	pad += join;
	if (strlen(c) >= pad && strspn(c, " ") >= pad - join &&
	    (!join || c[pad - 1] == 'x'))
		memmove(c, c + pad, strlen(c) - pad + 1);
	return c;
}

/* New empty editor. */
struct txt_edit *
txt_edit_new(size_t max_bytes)
{
	struct txt_edit	*e;

	e = xcalloc(1, sizeof *e);
	e->cap = 64;
	e->s = xmalloc(e->cap);
	e->s[0] = '\0';
	e->max = max_bytes;
	e->width = EDIT_NOWRAP;
	edit_layout_full(e);
	return e;
}

/* Free an editor. */
void
txt_edit_free(struct txt_edit *e)
{
	if (e == NULL)
		return;
	free(e->lines);
	free(e->s);
	free(e);
}

/* Replace the whole text; 1 if it had to be cut. */
int
txt_edit_set(struct txt_edit *e, const char *text)
{
	char		*c;
	unsigned	 what = 0;

	c = txt_clean(text, text != NULL ? strlen(text) : 0, TXT_MULTILINE,
	    e->max, &what);
	free(e->s);
	e->len = strlen(c);
	e->cap = e->len + 1;
	e->s = c;
	e->cur = e->len;
	e->gen++;
	e->goal_set = 0;
	edit_layout_full(e);
	return (what & TXT_FIX_TRUNCATED) != 0;
}

/* The text, NUL-terminated. */
const char *
txt_edit_text(const struct txt_edit *e)
{
	return e->s;
}

/* Length of the text in bytes. */
size_t
txt_edit_len(const struct txt_edit *e)
{
	return e->len;
}

/* The byte limit given to txt_edit_new(). */
size_t
txt_edit_max(const struct txt_edit *e)
{
	return e->max;
}

/* Cursor as a byte offset. */
size_t
txt_edit_cursor(const struct txt_edit *e)
{
	return e->cur;
}

/* 1 if changed since the last txt_edit_clean(). */
int
txt_edit_dirty(const struct txt_edit *e)
{
	return e->gen != e->saved;
}

/* Mark the text as saved. */
void
txt_edit_clean(struct txt_edit *e)
{
	e->saved = e->gen;
}

/* Change counter. */
uint64_t
txt_edit_generation(const struct txt_edit *e)
{
	return e->gen;
}

/*
 * Insert at the cursor. The window of one unit on each side of the cursor
 * is cleaned together with the input, so marks join their base; when that
 * does not fit, the input is cut between units and tried again (NFC may
 * change lengths a little, so the loop checks the real result).
 */
int
txt_edit_insert(struct txt_edit *e, const char *in, size_t n)
{
	char	*x, *w, *c;
	size_t	 m, take, lo, hi, wn, cn, tail, nlen;
	int	 full;

	if (e == NULL || (in == NULL && n > 0))
		return -1;
	e->goal_set = 0;
	if (n == 0)
		return TXT_EDIT_OK;
	x = edit_clean_input(e, in, n);
	m = strlen(x);
	if (m == 0) {
		free(x);
		return TXT_EDIT_OK;
	}
	lo = e->cur > 0 ? edit_unit_prev(e->s, e->cur) : 0;
	hi = e->cur < e->len ? edit_unit_next(e->s, e->len, e->cur) : e->cur;
	tail = hi - e->cur;
	take = m;
	if (e->max != 0 && e->len + m > e->max)
		take = edit_cut(x, m, e->len < e->max ? e->max - e->len : 0);
	for (;;) {
		if (take == 0) {
			free(x);
			return TXT_EDIT_FULL;
		}
		wn = (e->cur - lo) + take + tail;
		w = xmalloc(wn);
		memcpy(w, e->s + lo, e->cur - lo);
		memcpy(w + (e->cur - lo), x, take);
		memcpy(w + (e->cur - lo) + take, e->s + e->cur, tail);
		c = txt_clean(w, wn, TXT_MULTILINE, 0, NULL);
		cn = strlen(c);
		nlen = e->len - (hi - lo) + cn;
		if (e->max == 0 || nlen <= e->max)
			break;
		free(c);
		free(w);
		take = edit_cut(x, take, take > nlen - e->max ?
		    take - (nlen - e->max) : 0);
	}
	full = take < m;
	free(x);
	if (cn == hi - lo && memcmp(c, e->s + lo, cn) == 0) {
		/* Nothing changed (a mark beyond the cap). */
		free(c);
		free(w);
		return full ? TXT_EDIT_FULL : TXT_EDIT_OK;
	}
	edit_replace(e, lo, hi, c, cn);
	if (cn >= tail && memcmp(c + cn - tail, w + wn - tail, tail) == 0)
		e->cur = lo + cn - tail;
	else
		e->cur = lo + cn;
	if (!edit_boundary(e, e->cur))
		e->cur = edit_unit_next(e->s, e->len,
		    edit_unit_prev(e->s, e->cur));
	free(c);
	free(w);
	return full ? TXT_EDIT_FULL : TXT_EDIT_OK;
}

/* Remove the unit before the cursor. */
int
txt_edit_backspace(struct txt_edit *e)
{
	size_t	a;

	e->goal_set = 0;
	if (e->cur == 0)
		return 0;
	a = edit_unit_prev(e->s, e->cur);
	edit_replace(e, a, e->cur, NULL, 0);
	e->cur = a;
	edit_renorm(e, a);
	return 1;
}

/* Remove the unit after the cursor. */
int
txt_edit_delete(struct txt_edit *e)
{
	size_t	b;

	e->goal_set = 0;
	if (e->cur >= e->len)
		return 0;
	b = edit_unit_next(e->s, e->len, e->cur);
	edit_replace(e, e->cur, b, NULL, 0);
	edit_renorm(e, e->cur);
	return 1;
}

/* Remove back to the start of the previous word (Ctrl-W). */
int
txt_edit_delete_word_back(struct txt_edit *e)
{
	size_t	a;

	e->goal_set = 0;
	a = edit_word_left_pos(e);
	if (a == e->cur)
		return 0;
	edit_replace(e, a, e->cur, NULL, 0);
	e->cur = a;
	edit_renorm(e, a);
	return 1;
}

/* Remove to the end of the logical line, or its '\n' (Ctrl-K). */
int
txt_edit_kill_line(struct txt_edit *e)
{
	const char	*p;
	size_t		 b;

	e->goal_set = 0;
	if (e->cur >= e->len)
		return 0;
	if (e->s[e->cur] == '\n')
		b = e->cur + 1;
	else {
		p = memchr(e->s + e->cur, '\n', e->len - e->cur);
		b = p != NULL ? (size_t)(p - e->s) : e->len;
	}
	edit_replace(e, e->cur, b, NULL, 0);
	edit_renorm(e, e->cur);
	return 1;
}

/* One unit left. */
int
txt_edit_left(struct txt_edit *e)
{
	e->goal_set = 0;
	if (e->cur == 0)
		return 0;
	e->cur = edit_unit_prev(e->s, e->cur);
	return 1;
}

/* One unit right. */
int
txt_edit_right(struct txt_edit *e)
{
	e->goal_set = 0;
	if (e->cur >= e->len)
		return 0;
	e->cur = edit_unit_next(e->s, e->len, e->cur);
	return 1;
}

/* To the start of this or the previous word. */
int
txt_edit_word_left(struct txt_edit *e)
{
	size_t	p;

	e->goal_set = 0;
	p = edit_word_left_pos(e);
	if (p == e->cur)
		return 0;
	e->cur = p;
	return 1;
}

/* To the start of the next word, or the end of the text. */
int
txt_edit_word_right(struct txt_edit *e)
{
	size_t	p = e->cur;

	e->goal_set = 0;
	while (p < e->len && edit_is_word(e, p))
		p = edit_unit_next(e->s, e->len, p);
	while (p < e->len && !edit_is_word(e, p))
		p = edit_unit_next(e->s, e->len, p);
	if (p == e->cur)
		return 0;
	e->cur = p;
	return 1;
}

/* To the start of the visual line. */
int
txt_edit_home(struct txt_edit *e)
{
	size_t	p;

	e->goal_set = 0;
	p = e->lines[edit_row(e, e->cur)].off;
	if (p == e->cur)
		return 0;
	e->cur = p;
	return 1;
}

/* To the end of the visual line. */
int
txt_edit_end(struct txt_edit *e)
{
	size_t	p;

	e->goal_set = 0;
	p = edit_line_end(e, edit_row(e, e->cur));
	if (p == e->cur)
		return 0;
	e->cur = p;
	return 1;
}

/* To the start of the text. */
int
txt_edit_top(struct txt_edit *e)
{
	e->goal_set = 0;
	if (e->cur == 0)
		return 0;
	e->cur = 0;
	return 1;
}

/* To the end of the text. */
int
txt_edit_bottom(struct txt_edit *e)
{
	e->goal_set = 0;
	if (e->cur == e->len)
		return 0;
	e->cur = e->len;
	return 1;
}

/* One visual line up. */
int
txt_edit_up(struct txt_edit *e)
{
	return edit_vertical(e, -1, 1);
}

/* One visual line down. */
int
txt_edit_down(struct txt_edit *e)
{
	return edit_vertical(e, 1, 1);
}

/* rows visual lines up. */
int
txt_edit_page_up(struct txt_edit *e, size_t rows)
{
	return edit_vertical(e, -1, rows);
}

/* rows visual lines down. */
int
txt_edit_page_down(struct txt_edit *e, size_t rows)
{
	return edit_vertical(e, 1, rows);
}

/* Wrap at width (0: no wrapping), only if the width or charset changed. */
void
txt_edit_layout(struct txt_edit *e, size_t width)
{
	if (width == 0 || width > EDIT_NOWRAP)
		width = EDIT_NOWRAP;
	if (width == e->width && e->cs == txt_charset_get())
		return;
	e->width = width;
	edit_layout_full(e);
}

/* The visual lines. */
size_t
txt_edit_lines(const struct txt_edit *e, const struct txt_line **lines)
{
	*lines = e->lines;
	return e->nlines;
}

/* The cursor's row and column. */
void
txt_edit_cursor_pos(const struct txt_edit *e, size_t *row, size_t *col)
{
	const struct txt_line	*l;
	size_t			 r, c;

	r = edit_row(e, e->cur);
	l = &e->lines[r];
	c = txt_nwidth(e->s + l->off, e->cur - l->off);
	if (c > e->width)
		c = e->width;
	*row = r;
	*col = c;
}

/* Append the quotation of one clean logical line s (n bytes) to b. */
static void
edit_quote_line(struct buf *b, const char *s, size_t n, size_t width)
{
	struct txt_line	*l;
	size_t		 pl = 0, nl, i, start, w;

	while (pl < n && s[pl] == '>') {	/* its own quote markers */
		pl++;
		if (pl < n && s[pl] == ' ')
			pl++;
	}
	w = width > pl + 2 ? width - pl - 2 : 0;
	if (w == 0)
		w = EDIT_NOWRAP;
	nl = txt_wrap(s + pl, n - pl, w, &l);
	for (i = 0; i < nl; i++) {
		start = b->len;
		buf_adds(b, "> ");
		buf_add(b, s, pl);
		buf_add(b, s + pl + l[i].off, l[i].len);
		while (b->len > start && b->data[b->len - 1] == ' ')
			b->len--;
		buf_add(b, "\n", 1);
	}
	free(l);
}

/* Columns from which a quoted line is taken for a hard-wrapped one. */
#define EDIT_QUOTE_JOIN	60

/* The quote markers' length at the start of s (« > > »). */
static size_t
edit_quote_depth(const char *s, size_t n)
{
	size_t pl = 0;

	while (pl < n && s[pl] == '>') {
		pl++;
		if (pl < n && s[pl] == ' ')
			pl++;
	}
	return pl;
}

/* 1 if line a (na bytes) was wrapped by its author before line b. */
static int
edit_quote_joins(const char *a, size_t na, const char *b, size_t nb)
{
	size_t pa = edit_quote_depth(a, na), pb, lb;

	lb = memchr(b, '\n', nb) != NULL ? (size_t)((const char *)memchr(b,
	    '\n', nb) - b) : nb;
	pb = edit_quote_depth(b, lb);
	if (pa != pb || memcmp(a, b, pa) != 0 || lb <= pb ||
	    b[pb] == ' ' || b[pb] == '-' || b[pb] == '*')
		return 0;	/* not the same quote, blank, or a list */
	return txt_nwidth(a, na) >= EDIT_QUOTE_JOIN;
}

/* Quote text for a reply. */
char *
txt_edit_quote(const char *text, size_t width)
{
	struct buf	 b, para;
	const char	*p;
	char		*c;
	size_t		 n, i, q, k;

	c = txt_clean(text, text != NULL ? strlen(text) : 0, TXT_MULTILINE, 0,
	    NULL);
	n = strlen(c);
	while (n > 0 && (c[n - 1] == '\n' || c[n - 1] == ' '))
		n--;
	buf_init(&b);
	buf_init(&para);
	for (i = 0; i < n; i = q + 1) {
		p = memchr(c + i, '\n', n - i);
		q = p != NULL ? (size_t)(p - c) : n;
		/*
		 * A paragraph hard-wrapped by its author (lines of
		 * EDIT_QUOTE_JOIN columns or more, then one more of the same
		 * depth) is joined before it is wrapped again: re-wrapping
		 * each line would leave « > abandonne » and « > de » alone on
		 * theirs. Short lines (an address, a signature) stay.
		 */
		/* A line joined goes in without its own markers. */
		k = para.len > 0 ? edit_quote_depth(c + i, q - i) : 0;
		buf_add(&para, c + i + k, q - i - k);
		if (q < n && width > 0 && edit_quote_joins(c + i, q - i,
		    c + q + 1, n - q - 1)) {
			buf_add(&para, " ", 1);
			continue;
		}
		edit_quote_line(&b, para.data, para.len, width);
		para.len = 0;
	}
	buf_free(&para);
	/* No quote line left with nothing but markers at the end (a
	 * quote of a quote ending « > »): an orphan « > > » otherwise. */
	while (b.len > 0) {
		for (k = b.len - 1; k > 0 && b.data[k - 1] != '\n'; k--)
			/* nothing */;
		if (strspn(b.data + k, "> ") != b.len - k - 1)
			break;
		b.len = k;
	}
	if (b.len > 0)
		b.data[--b.len] = '\0';	/* no final '\n' */
	free(c);
	return buf_detach(&b);
}
