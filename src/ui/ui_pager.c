/*
 * ui_pager.c - the pager: a styled document (struct txt_doc) laid out for
 * the width of the screen and read page by page.
 *
 * Layout turns blocks into lines of at most `width` columns with the text
 * layer's line breaking: headings in bold, paragraphs, list items with a
 * hanging indent under their bullet, quotes behind a bar, code kept line
 * by line (a line wider than the screen goes on the next ones, cut on a
 * character: never clipped, so a text to copy comes out whole), rules. Lines point into the blocks' text (no copies); spans
 * give the styles. On a resize the first visible line stays the first
 * visible line, whatever the new wrapping.
 *
 * Finding text: marks are (block, offset, length) of the matches in the
 * blocks' text, so they survive any re-wrapping; each is found in the
 * block's fold (case and accents removed, « œ » as « oe ») and mapped
 * back to the bytes of the text, whole characters only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include <curses.h>

#include "text/txt.h"
#include "ui/ui.h"
#include "util/util.h"

#define PAGER_BLANK	((size_t)-1)	/* a blank line between blocks */
#define PAGER_MIN_TEXT	12		/* narrower: drop the indent */
#define PAGER_COPY	(-1)		/* level of a code block to copy */

struct ui_pager_line {
	size_t	block;		/* index in doc->blocks, or PAGER_BLANK */
	size_t	off;		/* bytes of the block's text */
	size_t	len;
	char	prefix[24];	/* bullet, indent or quote bar */
	int	attr;		/* base attribute */
};

struct ui_pager_mark {
	size_t	block;
	size_t	off;		/* bytes of the block's text */
	size_t	len;
};

static void	 pager_find_block(struct ui_pager *, size_t, const char *,
		    size_t *);
static size_t	 pager_line_of(const struct ui_pager *, size_t, size_t);
static void	 pager_show_line(struct ui_pager *, size_t,
		    const struct ui_rect *);
static void	 pager_draw_marks(const struct ui_pager *,
		    const struct ui_pager_line *, size_t, int, int, int);
static void	 pager_push(struct ui_pager *, size_t *, size_t, size_t,
		    size_t, const char *, int);
static void	 pager_wrap(struct ui_pager *, size_t *, size_t, int,
		    const char *, const char *, int);
static void	 pager_code(struct ui_pager *, size_t *, size_t, int,
		    const char *);
static int	 pager_attr(int);

void
ui_pager_init(struct ui_pager *p)
{
	memset(p, 0, sizeof(*p));
	p->doc = xcalloc(1, sizeof(*p->doc));
}

void
ui_pager_free(struct ui_pager *p)
{
	txt_doc_free(p->doc);
	free(p->lines);
	free(p->find);
	free(p->marks);
	memset(p, 0, sizeof(*p));
}

void
ui_pager_add(struct ui_pager *p, enum txt_block_kind kind, int level,
    const char *text, int attr)
{
	struct txt_doc *d = p->doc;
	struct txt_block *b;

	d->blocks = xreallocarray(d->blocks, d->nblocks + 1,
	    sizeof(*d->blocks));
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->level = level;
	b->text = txt_clean(text, strlen(text), TXT_MULTILINE, 0, NULL);
	b->spans = xcalloc(1, sizeof(*b->spans));
	b->spans[0].off = 0;
	b->spans[0].len = strlen(b->text);
	b->spans[0].attr = attr;
	b->nspans = 1;
	p->width = 0;	/* lay out again */
}

void
ui_pager_add_copy(struct ui_pager *p, const char *text)
{
	ui_pager_add(p, TXT_BLOCK_CODE, PAGER_COPY, text, 0);
}

void
ui_pager_add_item(struct ui_pager *p, const char *bullet, const char *text)
{
	struct txt_block *b;

	ui_pager_add(p, TXT_BLOCK_ITEM, 1, text, 0);
	b = &p->doc->blocks[p->doc->nblocks - 1];
	b->bullet = txt_clean(bullet, strlen(bullet), 0, 16, NULL);
}

void
ui_pager_add_doc(struct ui_pager *p, struct txt_doc *doc)
{
	struct txt_doc *d = p->doc;

	if (doc == NULL)
		return;
	d->blocks = xreallocarray(d->blocks, d->nblocks + doc->nblocks,
	    sizeof(*d->blocks));
	memcpy(d->blocks + d->nblocks, doc->blocks,
	    doc->nblocks * sizeof(*doc->blocks));
	d->nblocks += doc->nblocks;
	free(doc->blocks);
	free(doc);
	p->width = 0;
}

/* Append one line. */
static void
pager_push(struct ui_pager *p, size_t *cap, size_t block, size_t off,
    size_t len, const char *prefix, int attr)
{
	struct ui_pager_line *l;

	if (p->nlines == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		p->lines = xreallocarray(p->lines, *cap, sizeof(*p->lines));
	}
	l = &p->lines[p->nlines++];
	l->block = block;
	l->off = off;
	l->len = len;
	snprintf(l->prefix, sizeof(l->prefix), "%s", prefix);
	l->attr = attr;
}

/* Wrap block b at width, first line behind prefix1, others behind
 * prefix2 (both of the same width). */
static void
pager_wrap(struct ui_pager *p, size_t *cap, size_t b, int width,
    const char *prefix1, const char *prefix2, int attr)
{
	const struct txt_block *blk = &p->doc->blocks[b];
	struct txt_line *lines;
	size_t n, i, pw = txt_width(prefix1);

	if ((int)pw + PAGER_MIN_TEXT > width) {
		prefix1 = prefix2 = "";
		pw = 0;
	}
	n = txt_wrap(blk->text, strlen(blk->text), (size_t)width - pw, &lines);
	for (i = 0; i < n; i++)
		pager_push(p, cap, b, lines[i].off, lines[i].len,
		    i == 0 ? prefix1 : prefix2, attr);
	free(lines);
}

/* Lay out a preformatted block b behind prefix: each of its lines as
 * it is, cut at the width (on a character boundary) as often as it
 * needs, never clipped. */
static void
pager_code(struct ui_pager *p, size_t *cap, size_t b, int width,
    const char *prefix)
{
	const char *t = p->doc->blocks[b].text, *s = t, *nl;
	size_t len, k, cols, pw = txt_width(prefix);

	if ((int)pw + PAGER_MIN_TEXT > width) {
		prefix = "";
		pw = 0;
	}
	cols = width > (int)pw ? (size_t)width - pw : 1;
	while (*s != '\0') {
		nl = strchr(s, '\n');
		len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		do {
			k = txt_fit(s, len, cols, NULL);
			if (k == 0 && len > 0) {
				/* A wide character in one column: alone. */
				k = 1;
				while (k < len &&
				    ((unsigned char)s[k] & 0xc0) == 0x80)
					k++;
			}
			pager_push(p, cap, b, (size_t)(s - t), k, prefix, 0);
			s += k;
			len -= k;
		} while (len > 0);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

void
ui_pager_body(struct ui_pager *p)
{
	p->body = p->doc->nblocks + 1;
}

/* Text lines the first page of a small window (PAGER_SMALL rows at
 * most: 40x12 leaves 9) shows at least, when the header is long. */
#define PAGER_BODY_MIN	3
#define PAGER_SMALL	15

void
ui_pager_layout(struct ui_pager *p, const struct ui_rect *r)
{
	const struct txt_block *blk, *next;
	size_t cap = 0, b, keep_block = PAGER_BLANK, keep_off = 0, i, need;
	char p1[24], p2[24];
	int width = r->w, indent, first = p->lines == NULL;

	if (width == p->width && p->lines != NULL)
		goto clamp;
	/* Remember what is at the top, to find it again. */
	for (i = p->top; i < p->nlines; i++) {
		if (p->lines[i].block != PAGER_BLANK) {
			keep_block = p->lines[i].block;
			keep_off = p->lines[i].off;
			break;
		}
	}
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	p->width = width;

	for (b = 0; b < p->doc->nblocks; b++) {
		blk = &p->doc->blocks[b];
		next = b + 1 < p->doc->nblocks ? &p->doc->blocks[b + 1] : NULL;
		switch (blk->kind) {
		case TXT_BLOCK_HEADING:
			pager_wrap(p, &cap, b, width, "", "", A_BOLD);
			break;
		case TXT_BLOCK_ITEM:
			indent = 2 * (blk->level > 1 ? blk->level - 1 : 0);
			if (indent > 8)
				indent = 8;
			snprintf(p1, sizeof(p1), "%*s%s ", indent, "",
			    blk->bullet != NULL ? blk->bullet : "•");
			snprintf(p2, sizeof(p2), "%*s", (int)txt_width(p1), "");
			pager_wrap(p, &cap, b, width, p1, p2, 0);
			break;
		case TXT_BLOCK_QUOTE:
			snprintf(p1, sizeof(p1), "%s ", ui_glyph(UI_G_VLINE));
			pager_wrap(p, &cap, b, width, p1, p1, 0);
			break;
		case TXT_BLOCK_CODE:
			pager_code(p, &cap, b, width, blk->level == PAGER_COPY ?
			    "" : "  ");
			break;
		case TXT_BLOCK_RULE:
			pager_push(p, &cap, b, 0, 0, "", 0);
			break;
		case TXT_BLOCK_PARA:
		default:
			pager_wrap(p, &cap, b, width, "", "", 0);
			break;
		}
		/* A blank line between blocks, but not inside a list. */
		if (next != NULL && !(blk->kind == TXT_BLOCK_ITEM &&
		    next->kind == TXT_BLOCK_ITEM))
			pager_push(p, &cap, PAGER_BLANK, 0, 0, "", 0);
	}
	p->top = 0;
	for (i = 0; i < p->nlines && keep_block != PAGER_BLANK; i++) {
		if (p->lines[i].block == keep_block &&
		    p->lines[i].off + p->lines[i].len >= keep_off) {
			p->top = i;
			break;
		}
	}
	/*
	 * The first page of a small window: if the header would leave
	 * fewer than PAGER_BODY_MIN lines of the text, the page starts
	 * lower (the status line says « Lignes 4-11 », the header is a
	 * line up away).
	 */
	if (first && p->body > 0 && p->top == 0 && r->h <= PAGER_SMALL) {
		for (i = 0; i < p->nlines; i++)
			if (p->lines[i].block != PAGER_BLANK &&
			    p->lines[i].block >= p->body - 1)
				break;
		need = p->nlines - i < PAGER_BODY_MIN ? p->nlines - i :
		    PAGER_BODY_MIN;
		if (i < p->nlines && i + need > (size_t)r->h)
			p->top = i + need - (size_t)r->h;
	}
clamp:
	if (p->nlines <= (size_t)r->h)
		p->top = 0;
	else if (p->top > p->nlines - (size_t)r->h)
		p->top = p->nlines - (size_t)r->h;
}

int
ui_pager_handle(struct ui_pager *p, int op, const struct ui_rect *r)
{
	size_t page = r->h > 1 ? (size_t)r->h - 1 : 1;
	size_t last = p->nlines > (size_t)r->h ? p->nlines - (size_t)r->h : 0;

	switch (op) {
	case OP_UP:
		if (p->top > 0)
			p->top--;
		break;
	case OP_DOWN:
		if (p->top < last)
			p->top++;
		break;
	case OP_PAGE_UP:
		p->top = p->top > page ? p->top - page : 0;
		break;
	case OP_PAGE_DOWN:
		p->top = p->top + page < last ? p->top + page : last;
		break;
	case OP_TOP:
		p->top = 0;
		break;
	case OP_BOTTOM:
		p->top = last;
		break;
	default:
		return UI_IGNORED;
	}
	return UI_HANDLED;
}

/* ncurses attribute for a span style. */
static int
pager_attr(int style)
{
	int a = 0;

	if (style & TXT_ATTR_BOLD)
		a |= A_BOLD;
	if (style & TXT_ATTR_ITALIC)
		a |= A_UNDERLINE;
	return a;
}

void
ui_pager_draw(const struct ui_pager *p, const struct ui_rect *r)
{
	const struct ui_pager_line *l;
	const struct txt_block *blk;
	size_t i, s, a, z;
	int y, x, k;

	for (i = p->top, y = r->y; i < p->nlines && y < r->y + r->h;
	    i++, y++) {
		l = &p->lines[i];
		if (l->block == PAGER_BLANK)
			continue;
		blk = &p->doc->blocks[l->block];
		if (blk->kind == TXT_BLOCK_RULE) {
			for (k = 0; k < r->w && k < 40; k++)
				ui_put(y, r->x + (r->w - (r->w < 40 ?
				    r->w : 40)) / 2 + k, 1,
				    ui_glyph(UI_G_HLINE), 0);
			continue;
		}
		x = r->x + ui_put(y, r->x, r->w, l->prefix, 0);
		/* Draw the pieces of each span that fall on this line. */
		for (s = 0; s < blk->nspans; s++) {
			a = blk->spans[s].off;
			z = a + blk->spans[s].len;
			if (z <= l->off || a >= l->off + l->len)
				continue;
			if (a < l->off)
				a = l->off;
			if (z > l->off + l->len)
				z = l->off + l->len;
			x += ui_putn(y, x, r->w - (x - r->x), blk->text + a,
			    z - a, l->attr | pager_attr(blk->spans[s].attr));
		}
		if (p->nmarks > 0)
			pager_draw_marks(p, l, i, y, r->x, r->w);
	}
}

/* The marks on line l (index i) drawn over it in reverse video, the
 * current one in bold too. */
static void
pager_draw_marks(const struct ui_pager *p, const struct ui_pager_line *l,
    size_t i, int y, int x0, int w)
{
	const struct txt_block *blk = &p->doc->blocks[l->block];
	const struct ui_pager_mark *m;
	size_t k, a, z, lo = 0, hi = p->nmarks;
	int x, pw = (int)txt_width(l->prefix);

	(void)i;
	/* The first mark of this block (marks are in text order). */
	while (lo < hi) {
		k = (lo + hi) / 2;
		if (p->marks[k].block < l->block)
			lo = k + 1;
		else
			hi = k;
	}
	for (k = lo; k < p->nmarks && p->marks[k].block == l->block; k++) {
		m = &p->marks[k];
		a = m->off;
		z = m->off + m->len;
		if (z <= l->off || a >= l->off + l->len)
			continue;
		if (a < l->off)
			a = l->off;
		if (z > l->off + l->len)
			z = l->off + l->len;
		x = x0 + pw + (int)txt_nwidth(blk->text + l->off, a - l->off);
		if (x >= x0 + w)
			continue;
		ui_putn(y, x, w - (x - x0), blk->text + a, z - a, A_REVERSE |
		    (k == p->cur ? A_BOLD : 0));
	}
}

/* The laid-out line holding byte off of block b. */
static size_t
pager_line_of(const struct ui_pager *p, size_t b, size_t off)
{
	size_t i;

	for (i = 0; i < p->nlines; i++)
		if (p->lines[i].block == b && off < p->lines[i].off +
		    p->lines[i].len + 1)
			return i;
	return 0;
}

/* Line i visible: a third of a page from the top when it was not. */
static void
pager_show_line(struct ui_pager *p, size_t i, const struct ui_rect *r)
{
	size_t last = p->nlines > (size_t)r->h ? p->nlines - (size_t)r->h : 0;

	if (i >= p->top && i < p->top + (size_t)r->h)
		return;
	p->top = i > (size_t)r->h / 3 ? i - (size_t)r->h / 3 : 0;
	if (p->top > last)
		p->top = last;
}

int
ui_pager_seek_block(struct ui_pager *p, enum txt_block_kind kind, int dir,
    const struct ui_rect *r)
{
	size_t i, last = p->nlines > (size_t)r->h ? p->nlines - (size_t)r->h :
	    0;
	const struct ui_pager_line *l;

	for (i = p->top; dir > 0 ? i + 1 < p->nlines : i > 0;) {
		i = dir > 0 ? i + 1 : i - 1;
		l = &p->lines[i];
		if (l->block == PAGER_BLANK || l->off != 0 ||
		    p->doc->blocks[l->block].kind != kind)
			continue;
		if (dir > 0 && i > last && p->top == last)
			return 0;	/* already on screen, at the end */
		p->top = i < last ? i : last;
		return 1;
	}
	return 0;
}

/* Append the matches of folded query q in block b to the marks. */
static void
pager_find_block(struct ui_pager *p, size_t b, const char *q, size_t *cap)
{
	const char *text = p->doc->blocks[b].text;
	size_t n = strlen(text), i = 0, fl = 0, fcap, *from, *to, ql = strlen(q);
	char *fold, *one, c[8], *hit, *start;
	ucs4_t uc;
	int k;

	fcap = n + 16;
	fold = xmalloc(fcap);
	from = xreallocarray(NULL, fcap, sizeof(*from));
	to = xreallocarray(NULL, fcap, sizeof(*to));
	while (i < n) {
		k = u8_mbtouc(&uc, (const uint8_t *)text + i, n - i);
		if (k <= 0)
			k = 1;
		if (uc < 0x80) {
			c[0] = (char)(uc >= 'A' && uc <= 'Z' ? uc - 'A' + 'a' :
			    uc);
			c[1] = '\0';
			one = c;
		} else {
			memcpy(c, text + i, (size_t)k);
			c[k] = '\0';
			one = txt_fold(c);
		}
		while (fl + strlen(one) + 1 > fcap) {
			fcap *= 2;
			fold = xreallocarray(fold, fcap, 1);
			from = xreallocarray(from, fcap, sizeof(*from));
			to = xreallocarray(to, fcap, sizeof(*to));
		}
		for (size_t j = 0; one[j] != '\0'; j++) {
			fold[fl] = one[j];
			from[fl] = i;
			to[fl++] = i + (size_t)k;
		}
		if (one != c)
			free(one);
		i += (size_t)k;
	}
	fold[fl] = '\0';
	for (start = fold; ql > 0 && (hit = strstr(start, q)) != NULL;
	    start = hit + ql) {
		if (p->nmarks == *cap) {
			*cap = *cap == 0 ? 32 : *cap * 2;
			p->marks = xreallocarray(p->marks, *cap,
			    sizeof(*p->marks));
		}
		p->marks[p->nmarks].block = b;
		p->marks[p->nmarks].off = from[hit - fold];
		p->marks[p->nmarks].len = to[hit - fold + ql - 1] -
		    from[hit - fold];
		p->nmarks++;
	}
	free(fold);
	free(from);
	free(to);
}

size_t
ui_pager_find(struct ui_pager *p, const char *query, const struct ui_rect *r)
{
	size_t cap = 0, b, k, line;
	char *q;

	free(p->find);
	free(p->marks);
	p->find = NULL;
	p->marks = NULL;
	p->nmarks = 0;
	p->cur = 0;
	if (query == NULL || query[strspn(query, " ")] == '\0')
		return 0;
	q = txt_fold(query);
	for (b = 0; b < p->doc->nblocks; b++)
		pager_find_block(p, b, q, &cap);
	if (p->nmarks == 0) {
		free(q);
		return 0;
	}
	p->find = q;
	/* The first match from the first visible line on. */
	for (k = 0; k < p->nmarks; k++) {
		line = pager_line_of(p, p->marks[k].block, p->marks[k].off);
		if (line >= p->top)
			break;
	}
	p->cur = k < p->nmarks ? k : 0;
	pager_show_line(p, pager_line_of(p, p->marks[p->cur].block,
	    p->marks[p->cur].off), r);
	return p->nmarks;
}

int
ui_pager_find_next(struct ui_pager *p, int dir, const struct ui_rect *r,
    size_t *index)
{
	if (p->nmarks == 0)
		return 0;
	if (dir > 0)
		p->cur = p->cur + 1 < p->nmarks ? p->cur + 1 : 0;
	else
		p->cur = p->cur > 0 ? p->cur - 1 : p->nmarks - 1;
	pager_show_line(p, pager_line_of(p, p->marks[p->cur].block,
	    p->marks[p->cur].off), r);
	if (index != NULL)
		*index = p->cur + 1;
	return 1;
}

char *
ui_pager_line_text(const struct ui_pager *p, size_t i)
{
	const struct ui_pager_line *l = &p->lines[i];
	const struct txt_block *blk;
	struct buf b;
	int k;

	buf_init(&b);
	if (l->block == PAGER_BLANK)
		return buf_detach(&b);
	blk = &p->doc->blocks[l->block];
	if (blk->kind == TXT_BLOCK_RULE) {
		for (k = 0; k < p->width && k < 40; k++)
			buf_adds(&b, ui_glyph(UI_G_HLINE));
		return buf_detach(&b);
	}
	buf_adds(&b, l->prefix);
	buf_add(&b, blk->text + l->off, l->len);
	return buf_detach(&b);
}

void
ui_pager_status(const struct ui_pager *p, struct ui_view *v, int rows)
{
	char pos[64];

	ui_pager_position(p, rows, pos, sizeof(pos));
	ui_view_set_status(v, "%s", pos);
}

void
ui_pager_position(const struct ui_pager *p, int rows, char *buf,
    size_t size)
{
	size_t last = p->top + (size_t)rows;

	if (p->nlines <= (size_t)rows) {
		snprintf(buf, size, "Tout est affiché");
		return;
	}
	if (last > p->nlines)
		last = p->nlines;
	snprintf(buf, size, "Lignes %zu-%zu sur %zu (%zu %%)", p->top + 1,
	    last, p->nlines, last * 100 / p->nlines);
}
