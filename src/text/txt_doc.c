/*
 * txt_doc.c - styled documents: Markdown (CommonMark via md4c, raw HTML
 * off) and plain text turned into a flat list of blocks of clean text.
 *
 * Invariants of every document built here: each block's text is clean
 * multi-line text (txt_is_clean(text, len, TXT_MULTILINE)); its spans are
 * in order, never empty, never overlapping, cover the text exactly, and two
 * neighbours never share an attr. List items carry a bullet ("•", "3." or
 * "" for the later paragraphs of one item) and their list depth in level;
 * quoted paragraphs carry their quote depth; paragraphs, code blocks and
 * rules carry the depth of the lists around them (0 at top level).
 *
 * The source is cleaned before md4c sees it, but removing markup can still
 * bring a mark next to a base ("**e**" then U+0301) and entities can name
 * any code point, so each block is checked again when it is closed and
 * repaired (span by span, or as a whole if need be).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>
#include <unistr.h>

#include "text/txt.h"
#include "util/util.h"

#define DOC_MD_TAB	4	/* CommonMark tab stop, for indentation */

/* A container block open around the current position. */
struct doc_cont {
	MD_BLOCKTYPE	 type;		/* QUOTE, UL, OL or LI */
	unsigned	 next;		/* OL: number of the next item */
	int		 depth;		/* LI: list depth, 1 for top level */
	int		 pending;	/* LI: bullet not shown yet */
	char		*bullet;	/* LI */
};

/* An open link: where its text starts and where it points. */
struct doc_link {
	size_t	 start;
	char	*href;
};

/* Parser state shared by the md4c callbacks. */
struct doc_ctx {
	struct txt_doc		*doc;
	size_t			 bcap;		/* blocks allocated */
	struct doc_cont		*cont;
	size_t			 ncont, ccap;
	int			 nlists;	/* UL/OL in cont */
	int			 nquotes;	/* QUOTE in cont */
	struct doc_link		*links;
	size_t			 nlinks, lcap;

	int			 open;		/* a leaf block is open */
	enum txt_block_kind	 kind;
	int			 level;
	const char		*bullet;
	struct buf		 text;
	struct txt_span		*spans;
	size_t			 nspans, scap;

	int			 bold, italic, code;	/* span nesting */
	int			 incode;	/* in a code block */
	int			 inimg;		/* in an image's alt text */
};

/* Named entities worth decoding (md4c hands them over undecoded). */
static const struct {
	const char	*name;
	ucs4_t		 uc;
} doc_entities[] = {
	{ "AElig", 0xc6 }, { "Aacute", 0xc1 }, { "Acirc", 0xc2 },
	{ "Agrave", 0xc0 }, { "Auml", 0xc4 }, { "Ccedil", 0xc7 },
	{ "Eacute", 0xc9 }, { "Ecirc", 0xca }, { "Egrave", 0xc8 },
	{ "Euml", 0xcb }, { "Icirc", 0xce }, { "Iuml", 0xcf },
	{ "OElig", 0x152 }, { "Ocirc", 0xd4 }, { "Ouml", 0xd6 },
	{ "Ucirc", 0xdb }, { "Ugrave", 0xd9 }, { "Uuml", 0xdc },
	{ "Yuml", 0x178 }, { "aacute", 0xe1 }, { "acirc", 0xe2 },
	{ "aelig", 0xe6 }, { "agrave", 0xe0 }, { "amp", '&' },
	{ "apos", '\'' }, { "aring", 0xe5 }, { "atilde", 0xe3 },
	{ "auml", 0xe4 }, { "bdquo", 0x201e }, { "bull", 0x2022 },
	{ "ccedil", 0xe7 }, { "cent", 0xa2 }, { "copy", 0xa9 },
	{ "dagger", 0x2020 }, { "darr", 0x2193 }, { "deg", 0xb0 },
	{ "divide", 0xf7 }, { "eacute", 0xe9 }, { "ecirc", 0xea },
	{ "egrave", 0xe8 }, { "emsp", 0x2003 }, { "ensp", 0x2002 },
	{ "euml", 0xeb }, { "euro", 0x20ac }, { "frac12", 0xbd },
	{ "frac14", 0xbc }, { "frac34", 0xbe }, { "gt", '>' },
	{ "harr", 0x2194 }, { "hellip", 0x2026 }, { "iacute", 0xed },
	{ "icirc", 0xee }, { "iexcl", 0xa1 }, { "igrave", 0xec },
	{ "iquest", 0xbf }, { "iuml", 0xef }, { "laquo", 0xab },
	{ "larr", 0x2190 }, { "ldquo", 0x201c }, { "lsaquo", 0x2039 },
	{ "lsquo", 0x2018 }, { "lt", '<' }, { "mdash", 0x2014 },
	{ "micro", 0xb5 }, { "middot", 0xb7 }, { "nbsp", 0xa0 },
	{ "ndash", 0x2013 }, { "ntilde", 0xf1 }, { "oacute", 0xf3 },
	{ "ocirc", 0xf4 }, { "oelig", 0x153 }, { "ograve", 0xf2 },
	{ "ordf", 0xaa }, { "ordm", 0xba }, { "oslash", 0xf8 },
	{ "otilde", 0xf5 }, { "ouml", 0xf6 }, { "para", 0xb6 },
	{ "permil", 0x2030 }, { "plusmn", 0xb1 }, { "pound", 0xa3 },
	{ "prime", 0x2032 }, { "quot", '"' }, { "raquo", 0xbb },
	{ "rarr", 0x2192 }, { "rdquo", 0x201d }, { "reg", 0xae },
	{ "rsaquo", 0x203a }, { "rsquo", 0x2019 }, { "sbquo", 0x201a },
	{ "sect", 0xa7 }, { "shy", 0xad }, { "sup2", 0xb2 },
	{ "sup3", 0xb3 }, { "szlig", 0xdf }, { "thinsp", 0x2009 },
	{ "times", 0xd7 }, { "trade", 0x2122 }, { "uacute", 0xfa },
	{ "uarr", 0x2191 }, { "ucirc", 0xfb }, { "ugrave", 0xf9 },
	{ "uuml", 0xfc }, { "yacute", 0xfd }, { "yen", 0xa5 },
	{ "yuml", 0xff },
};

static void	 doc_push_block(struct txt_doc *, size_t *,
		    struct txt_block *);
static void	 doc_add_span(struct txt_span **, size_t *, size_t *, size_t,
		    size_t, int);
static int	 doc_attr(const struct doc_ctx *);
static void	 doc_add(struct doc_ctx *, const char *, size_t);
static void	 doc_entity(struct buf *, const char *, size_t);
static void	 doc_attribute(struct buf *, const MD_ATTRIBUTE *);
static void	 doc_empty_item(struct doc_ctx *, struct doc_cont *);
static void	 doc_begin(struct doc_ctx *, enum txt_block_kind, int);
static void	 doc_repair(struct doc_ctx *);
static void	 doc_end(struct doc_ctx *);
static int	 doc_enter_block(MD_BLOCKTYPE, void *, void *);
static int	 doc_leave_block(MD_BLOCKTYPE, void *, void *);
static int	 doc_enter_span(MD_SPANTYPE, void *, void *);
static int	 doc_leave_span(MD_SPANTYPE, void *, void *);
static int	 doc_text(MD_TEXTTYPE, const MD_CHAR *, MD_SIZE, void *);
static char	*doc_expand_tabs(const char *, size_t, size_t *);
static void	 doc_ctx_free(struct doc_ctx *);

/* Append a copy of *b to the document's blocks. */
static void
doc_push_block(struct txt_doc *doc, size_t *cap, struct txt_block *b)
{
	if (doc->nblocks == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		doc->blocks = xreallocarray(doc->blocks, *cap,
		    sizeof *doc->blocks);
	}
	doc->blocks[doc->nblocks++] = *b;
}

/* Append the run [off, off+len) with attr, merging with its neighbour. */
static void
doc_add_span(struct txt_span **spans, size_t *n, size_t *cap, size_t off,
    size_t len, int attr)
{
	struct txt_span	*last;

	if (len == 0)
		return;
	if (*n > 0) {
		last = &(*spans)[*n - 1];
		if (last->attr == attr && last->off + last->len == off) {
			last->len += len;
			return;
		}
	}
	if (*n == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		*spans = xreallocarray(*spans, *cap, sizeof **spans);
	}
	(*spans)[*n].off = off;
	(*spans)[*n].len = len;
	(*spans)[*n].attr = attr;
	(*n)++;
}

/* The attr of text added now. */
static int
doc_attr(const struct doc_ctx *ctx)
{
	int	attr = 0;

	if (ctx->bold > 0)
		attr |= TXT_ATTR_BOLD;
	if (ctx->italic > 0)
		attr |= TXT_ATTR_ITALIC;
	if (ctx->code > 0 || ctx->incode)
		attr |= TXT_ATTR_CODE;
	return attr;
}

/* Add text to the open block, opening a paragraph if none is. */
static void
doc_add(struct doc_ctx *ctx, const char *p, size_t n)
{
	size_t	off;

	if (n == 0)
		return;
	if (!ctx->open)
		doc_begin(ctx, TXT_BLOCK_PARA, 0);
	off = ctx->text.len;
	buf_add(&ctx->text, p, n);
	doc_add_span(&ctx->spans, &ctx->nspans, &ctx->scap, off, n,
	    doc_attr(ctx));
}

/*
 * Decode an entity ("&amp;", "&#233;", "&#xE9;") into b. A code point
 * that txt_clean() would drop is dropped; NUL and invalid numbers become
 * U+FFFD, as CommonMark says; unknown names stay as they were written.
 */
static void
doc_entity(struct buf *b, const char *s, size_t n)
{
	char		 name[16], *c;
	uint8_t		 u[6];
	unsigned long	 v = 0;
	size_t		 i, ulen;
	int		 l, hex;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';' || n - 2 >= sizeof name)
		goto literal;
	if (s[1] == '#') {
		hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
		for (i = hex ? 3 : 2; i < n - 1; i++) {
			if (s[i] >= '0' && s[i] <= '9')
				v = v * (hex ? 16 : 10) +
				    (unsigned)(s[i] - '0');
			else if (hex && s[i] >= 'a' && s[i] <= 'f')
				v = v * 16 + (unsigned)(s[i] - 'a' + 10);
			else if (hex && s[i] >= 'A' && s[i] <= 'F')
				v = v * 16 + (unsigned)(s[i] - 'A' + 10);
			else
				goto literal;
			if (v > 0x10ffff)
				v = 0x110000;	/* no overflow */
		}
		if (i == (hex ? 3u : 2u))
			goto literal;
	} else {
		memcpy(name, s + 1, n - 2);
		name[n - 2] = '\0';
		for (i = 0; i < nitems(doc_entities); i++) {
			if (strcmp(doc_entities[i].name, name) == 0)
				break;
		}
		if (i == nitems(doc_entities))
			goto literal;
		v = doc_entities[i].uc;
	}
	if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		v = 0xfffd;
	if (v == '\n' || v == '\r' || v == '\t')
		v = ' ';
	l = u8_uctomb(u, (ucs4_t)v, sizeof u);
	if (l <= 0)
		return;
	c = txt_clean((char *)u, (size_t)l, TXT_MULTILINE, 0, NULL);
	ulen = strlen(c);
	buf_add(b, c, ulen);
	free(c);
	return;

literal:
	buf_add(b, s, n);
}

/* Append an md4c attribute (a link target), entities decoded, to b. */
static void
doc_attribute(struct buf *b, const MD_ATTRIBUTE *a)
{
	size_t	i, off, end;

	if (a->substr_offsets == NULL || a->substr_types == NULL) {
		buf_add(b, a->text, a->size);
		return;
	}
	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		off = a->substr_offsets[i];
		end = a->substr_offsets[i + 1];
		if (end > a->size)
			end = a->size;
		switch (a->substr_types[i]) {
		case MD_TEXT_ENTITY:
			doc_entity(b, a->text + off, end - off);
			break;
		case MD_TEXT_NULLCHAR:
			buf_adds(b, "\xef\xbf\xbd");
			break;
		default:
			buf_add(b, a->text + off, end - off);
			break;
		}
	}
}

/* Show a list item's bullet on an empty item block of its own. */
static void
doc_empty_item(struct doc_ctx *ctx, struct doc_cont *li)
{
	struct txt_block	b;

	memset(&b, 0, sizeof b);
	b.kind = TXT_BLOCK_ITEM;
	b.level = li->depth;
	b.bullet = xstrdup(li->bullet);
	b.text = xstrdup("");
	doc_push_block(ctx->doc, &ctx->bcap, &b);
	li->pending = 0;
}

/*
 * Open a leaf block. A paragraph takes the kind of its innermost
 * container: an item (with the bullet if it is the item's first block) or
 * a quote. Bullets of items still waiting, which this block will not
 * carry, get empty item blocks first so that no number is lost.
 */
static void
doc_begin(struct doc_ctx *ctx, enum txt_block_kind kind, int level)
{
	struct doc_cont	*inner = NULL;
	size_t		 i;

	if (ctx->open)
		doc_end(ctx);
	for (i = ctx->ncont; i > 0; i--) {
		if (ctx->cont[i - 1].type == MD_BLOCK_LI ||
		    ctx->cont[i - 1].type == MD_BLOCK_QUOTE) {
			inner = &ctx->cont[i - 1];
			break;
		}
	}
	ctx->bullet = NULL;
	if (kind == TXT_BLOCK_PARA && inner != NULL &&
	    inner->type == MD_BLOCK_LI) {
		kind = TXT_BLOCK_ITEM;
		level = inner->depth;
		ctx->bullet = inner->pending ? inner->bullet : "";
		inner->pending = 0;
	} else if (kind == TXT_BLOCK_PARA && inner != NULL) {
		kind = TXT_BLOCK_QUOTE;
		level = ctx->nquotes;
	} else if (kind != TXT_BLOCK_HEADING)
		level = ctx->nlists;
	/*
	 * Waiting items were all opened since the last block: scan down to
	 * the first item already shown, then flush outer to inner.
	 */
	for (i = ctx->ncont; i > 0; i--) {
		if (ctx->cont[i - 1].type == MD_BLOCK_LI &&
		    !ctx->cont[i - 1].pending)
			break;
	}
	for (; i < ctx->ncont; i++) {
		if (ctx->cont[i].type == MD_BLOCK_LI && ctx->cont[i].pending)
			doc_empty_item(ctx, &ctx->cont[i]);
	}
	ctx->open = 1;
	ctx->kind = kind;
	ctx->level = level;
	buf_init(&ctx->text);
	ctx->spans = NULL;
	ctx->nspans = ctx->scap = 0;
}

/*
 * Make the open block's text clean again if markup removal or entities
 * spoiled it: clean each span alone (keeps the styles), else the whole
 * text as one plain span.
 */
static void
doc_repair(struct doc_ctx *ctx)
{
	struct buf	 t;
	struct txt_span	*sp = NULL;
	size_t		 i, n = 0, cap = 0, off, l;
	char		*c;

	buf_init(&t);
	for (i = 0; i < ctx->nspans; i++) {
		c = txt_clean(ctx->text.data + ctx->spans[i].off,
		    ctx->spans[i].len, TXT_MULTILINE, 0, NULL);
		off = t.len;
		l = strlen(c);
		buf_add(&t, c, l);
		doc_add_span(&sp, &n, &cap, off, l, ctx->spans[i].attr);
		free(c);
	}
	if (!txt_is_clean(t.data, t.len, TXT_MULTILINE)) {
		c = txt_clean(ctx->text.data, ctx->text.len, TXT_MULTILINE,
		    0, NULL);
		buf_free(&t);
		buf_adds(&t, c);
		free(c);
		n = 0;
		doc_add_span(&sp, &n, &cap, 0, t.len, 0);
	}
	buf_free(&ctx->text);
	free(ctx->spans);
	ctx->text = t;
	ctx->spans = sp;
	ctx->nspans = n;
	ctx->scap = cap;
}

/* Close the open leaf block and append it to the document. */
static void
doc_end(struct doc_ctx *ctx)
{
	struct txt_block	 b;
	struct txt_span		*last;
	size_t			 cut;

	if (!ctx->open)
		return;
	ctx->open = 0;
	if (ctx->kind == TXT_BLOCK_CODE) {
		/* md4c ends every code line with "\n": drop the last ones. */
		while (ctx->text.len > 0 &&
		    ctx->text.data[ctx->text.len - 1] == '\n') {
			ctx->text.len--;
			last = &ctx->spans[ctx->nspans - 1];
			if (--last->len == 0)
				ctx->nspans--;
		}
	}
	if (ctx->text.len > 0 &&
	    !txt_is_clean(ctx->text.data, ctx->text.len, TXT_MULTILINE))
		doc_repair(ctx);
	memset(&b, 0, sizeof b);
	b.kind = ctx->kind;
	b.level = ctx->level;
	b.bullet = ctx->bullet != NULL ? xstrdup(ctx->bullet) : NULL;
	cut = ctx->text.len;
	b.text = buf_detach(&ctx->text);
	b.text[cut] = '\0';
	b.spans = ctx->spans;
	b.nspans = ctx->nspans;
	ctx->spans = NULL;
	ctx->nspans = ctx->scap = 0;
	doc_push_block(ctx->doc, &ctx->bcap, &b);
}

/* md4c: a block starts. */
static int
doc_enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct doc_ctx		*ctx = arg;
	struct doc_cont		*c, *list;
	MD_BLOCK_OL_DETAIL	*ol;
	MD_BLOCK_H_DETAIL	*h;

	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
	case MD_BLOCK_LI:
		doc_end(ctx);
		if (ctx->ncont == ctx->ccap) {
			ctx->ccap = ctx->ccap == 0 ? 8 : ctx->ccap * 2;
			ctx->cont = xreallocarray(ctx->cont, ctx->ccap,
			    sizeof *ctx->cont);
		}
		c = &ctx->cont[ctx->ncont++];
		memset(c, 0, sizeof *c);
		c->type = type;
		if (type == MD_BLOCK_UL || type == MD_BLOCK_OL)
			ctx->nlists++;
		else if (type == MD_BLOCK_QUOTE)
			ctx->nquotes++;
		if (type == MD_BLOCK_OL) {
			ol = detail;
			c->next = ol != NULL ? ol->start : 1;
		} else if (type == MD_BLOCK_LI) {
			list = ctx->ncont > 1 ? &ctx->cont[ctx->ncont - 2] :
			    NULL;
			c->depth = ctx->nlists;
			c->pending = 1;
			if (list != NULL && list->type == MD_BLOCK_OL)
				xasprintf(&c->bullet, "%u.", list->next++);
			else
				c->bullet = xstrdup("\xe2\x80\xa2");
		}
		break;
	case MD_BLOCK_HR:
		doc_begin(ctx, TXT_BLOCK_RULE, 0);
		doc_end(ctx);
		break;
	case MD_BLOCK_H:
		h = detail;
		doc_begin(ctx, TXT_BLOCK_HEADING,
		    h != NULL && h->level >= 1 && h->level <= 6 ?
		    (int)h->level : 1);
		break;
	case MD_BLOCK_CODE:
		doc_begin(ctx, TXT_BLOCK_CODE, 0);
		ctx->incode = 1;
		break;
	case MD_BLOCK_P:
	case MD_BLOCK_HTML:
		doc_begin(ctx, TXT_BLOCK_PARA, 0);
		break;
	default:	/* document; tables are not enabled */
		break;
	}
	return 0;
}

/* md4c: a block ends. */
static int
doc_leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct doc_ctx	*ctx = arg;
	struct doc_cont	*c;

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
	case MD_BLOCK_LI:
		doc_end(ctx);
		if (ctx->ncont == 0)
			break;
		c = &ctx->cont[ctx->ncont - 1];
		if (c->type == MD_BLOCK_LI && c->pending)
			doc_empty_item(ctx, c);
		if (c->type == MD_BLOCK_UL || c->type == MD_BLOCK_OL)
			ctx->nlists--;
		else if (c->type == MD_BLOCK_QUOTE)
			ctx->nquotes--;
		free(c->bullet);
		ctx->ncont--;
		break;
	case MD_BLOCK_CODE:
		doc_end(ctx);
		ctx->incode = 0;
		break;
	case MD_BLOCK_HR:
		break;
	default:
		doc_end(ctx);
		break;
	}
	return 0;
}

/* md4c: a span starts. */
static int
doc_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct doc_ctx		*ctx = arg;
	MD_SPAN_A_DETAIL	*a = detail;
	struct buf		 b;

	switch (type) {
	case MD_SPAN_STRONG:
		ctx->bold++;
		break;
	case MD_SPAN_EM:
		ctx->italic++;
		break;
	case MD_SPAN_CODE:
		ctx->code++;
		break;
	case MD_SPAN_A:
		if (ctx->nlinks == ctx->lcap) {
			ctx->lcap = ctx->lcap == 0 ? 4 : ctx->lcap * 2;
			ctx->links = xreallocarray(ctx->links, ctx->lcap,
			    sizeof *ctx->links);
		}
		buf_init(&b);
		if (a != NULL)
			doc_attribute(&b, &a->href);
		ctx->links[ctx->nlinks].href = buf_detach(&b);
		ctx->links[ctx->nlinks].start = ctx->text.len;
		ctx->nlinks++;
		break;
	case MD_SPAN_IMG:
		if (ctx->inimg++ == 0)
			doc_add(ctx, "[image\xc2\xa0: ", 10);
		break;
	default:
		break;
	}
	return 0;
}

/* md4c: a span ends. A link shows its target after its text. */
static int
doc_leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct doc_ctx	*ctx = arg;
	struct doc_link	*l;
	const char	*shown;
	size_t		 slen, hlen;

	(void)detail;
	switch (type) {
	case MD_SPAN_STRONG:
		ctx->bold--;
		break;
	case MD_SPAN_EM:
		ctx->italic--;
		break;
	case MD_SPAN_CODE:
		ctx->code--;
		break;
	case MD_SPAN_A:
		if (ctx->nlinks == 0)
			break;
		l = &ctx->links[--ctx->nlinks];
		hlen = strlen(l->href);
		shown = ctx->text.data != NULL ? ctx->text.data + l->start : "";
		slen = l->start <= ctx->text.len ? ctx->text.len - l->start : 0;
		if (hlen > 0 && !(slen == hlen &&
		    memcmp(shown, l->href, hlen) == 0) &&
		    !(hlen == slen + 7 && strncmp(l->href, "mailto:", 7) == 0 &&
		    memcmp(shown, l->href + 7, slen) == 0)) {
			doc_add(ctx, " (", 2);
			doc_add(ctx, l->href, hlen);
			doc_add(ctx, ")", 1);
		}
		free(l->href);
		break;
	case MD_SPAN_IMG:
		if (--ctx->inimg == 0)
			doc_add(ctx, "]", 1);
		break;
	default:
		break;
	}
	return 0;
}

/* md4c: text inside a block. */
static int
doc_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *arg)
{
	struct doc_ctx	*ctx = arg;
	struct buf	 b;

	switch (type) {
	case MD_TEXT_NULLCHAR:
		doc_add(ctx, "\xef\xbf\xbd", 3);
		break;
	case MD_TEXT_BR:
		doc_add(ctx, "\n", 1);
		break;
	case MD_TEXT_SOFTBR:
		doc_add(ctx, " ", 1);
		break;
	case MD_TEXT_ENTITY:
		buf_init(&b);
		doc_entity(&b, text, size);
		doc_add(ctx, b.data, b.len);
		buf_free(&b);
		break;
	default:
		doc_add(ctx, text, size);
		break;
	}
	return 0;
}

/*
 * Expand tabs at CommonMark's stops of four columns (counted in code
 * points), before txt_clean() would expand them at TXT_TABSTOP: list and
 * code indentation then mean what the author meant.
 */
static char *
doc_expand_tabs(const char *s, size_t len, size_t *outlen)
{
	struct buf	b;
	size_t		i, col = 0;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (s[i] == '\t') {
			do
				buf_add(&b, " ", 1);
			while (++col % DOC_MD_TAB != 0);
			continue;
		}
		buf_add(&b, s + i, 1);
		if (s[i] == '\n' || s[i] == '\r')
			col = 0;
		else if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	}
	*outlen = b.len;
	return buf_detach(&b);
}

/* Free what the parser state still holds (not the document). */
static void
doc_ctx_free(struct doc_ctx *ctx)
{
	size_t	i;

	for (i = 0; i < ctx->ncont; i++)
		free(ctx->cont[i].bullet);
	free(ctx->cont);
	for (i = 0; i < ctx->nlinks; i++)
		free(ctx->links[i].href);
	free(ctx->links);
	buf_free(&ctx->text);
	free(ctx->spans);
}

/* Parse Markdown into a document; see txt.h. */
struct txt_doc *
txt_doc_from_markdown(const char *md, size_t len)
{
	struct doc_ctx	 ctx;
	MD_PARSER	 parser;
	struct txt_doc	*doc;
	char		*exp, *src;
	size_t		 explen, srclen;
	int		 r;

	if (md == NULL)
		len = 0;
	exp = doc_expand_tabs(md != NULL ? md : "", len, &explen);
	src = txt_clean(exp, explen, TXT_MULTILINE,
	    explen > UINT_MAX ? UINT_MAX : 0, NULL);
	free(exp);
	srclen = strlen(src);

	memset(&ctx, 0, sizeof ctx);
	buf_init(&ctx.text);
	ctx.doc = xcalloc(1, sizeof *ctx.doc);
	memset(&parser, 0, sizeof parser);
	parser.abi_version = 0;
	parser.flags = MD_DIALECT_COMMONMARK | MD_FLAG_NOHTML;
	parser.enter_block = doc_enter_block;
	parser.leave_block = doc_leave_block;
	parser.enter_span = doc_enter_span;
	parser.leave_span = doc_leave_span;
	parser.text = doc_text;

	r = md_parse(src, (MD_SIZE)srclen, &parser, &ctx);
	doc_end(&ctx);
	doc_ctx_free(&ctx);
	if (r != 0) {
		txt_doc_free(ctx.doc);
		doc = txt_doc_from_plain(src, srclen);
	} else
		doc = ctx.doc;
	free(src);
	return doc;
}

/* Plain text: paragraphs between blank lines, lines kept; see txt.h. */
struct txt_doc *
txt_doc_from_plain(const char *s, size_t len)
{
	struct txt_doc		*doc;
	struct txt_block	 b;
	char			*src, *line, *nl;
	size_t			 bcap = 0, scap, start, end, plen;
	int			 blank, inpara = 0;

	src = txt_clean(s, s != NULL ? len : 0, TXT_MULTILINE, 0, NULL);
	doc = xcalloc(1, sizeof *doc);
	start = end = 0;
	for (line = src;; line = nl + 1) {
		nl = strchr(line, '\n');
		plen = nl != NULL ? (size_t)(nl - line) : strlen(line);
		blank = strspn(line, " ") >= plen;
		if (!blank && !inpara) {
			inpara = 1;
			start = (size_t)(line - src);
		}
		if (!blank)
			end = (size_t)(line - src) + plen;
		if (inpara && (blank || nl == NULL)) {
			memset(&b, 0, sizeof b);
			b.kind = TXT_BLOCK_PARA;
			b.text = xstrndup(src + start, end - start);
			scap = 0;
			doc_add_span(&b.spans, &b.nspans, &scap, 0,
			    end - start, 0);
			doc_push_block(doc, &bcap, &b);
			inpara = 0;
		}
		if (nl == NULL)
			break;
	}
	free(src);
	return doc;
}

/* Free a document and everything in it; NULL is fine. */
void
txt_doc_free(struct txt_doc *doc)
{
	size_t	i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nblocks; i++) {
		free(doc->blocks[i].bullet);
		free(doc->blocks[i].text);
		free(doc->blocks[i].spans);
	}
	free(doc->blocks);
	free(doc);
}
