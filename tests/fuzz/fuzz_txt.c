/*
 * fuzz_txt.c - libFuzzer target for the text layer (tests/fuzz/build.sh).
 *
 * Any byte string goes through txt_clean() in both modes, with and
 * without a size limit, and the clean invariants are asserted (abort() on
 * the first broken one): the result passes txt_is_clean(), cleaning it
 * again changes nothing and reports nothing, a clean input comes back
 * unchanged, the size stays bounded. Then the cleaned text is wrapped at a
 * width taken from the first byte (no line wider, every line valid UTF-8
 * and inside the text), truncated, folded and escaped; last, the raw bytes
 * are parsed as Markdown and as plain text and every block is checked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "text/txt.h"
#include "util/util.h"

#define FUZZ_ASSERT(c) do {						\
	if (!(c))							\
		abort();						\
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_clean(const char *, size_t, int, size_t);
static void	fuzz_layout(const char *, size_t);
static void	fuzz_doc(struct txt_doc *);
static int	fuzz_valid(const char *, size_t);
static void	fuzz_charsets(const char *, size_t);

/*
 * The session's byte paths: the encoder fed in pieces of every size (a
 * UTF-8 sequence or a marker cut anywhere), the keystroke decoder, and
 * the replacements of every charset, which must be what they claim.
 */
static void
fuzz_charsets(const char *in, size_t n)
{
	struct txt_encoder e;
	struct buf out, whole;
	size_t i, step = n > 0 ? (size_t)(unsigned char)in[0] % 7 + 1 : 1;
	char *c;
	int cs;

	txt_encoder_init(&e);
	buf_init(&out);
	buf_init(&whole);
	for (i = 0; i < n; i += step)
		txt_encode(&e, in + i, n - i < step ? n - i : step, &out);
	/* The same bytes in one piece give the same output. */
	txt_encoder_init(&e);
	txt_encode(&e, in, n, &whole);
	FUZZ_ASSERT(out.len == whole.len && (out.len == 0 ||
	    memcmp(out.data, whole.data, out.len) == 0));
	buf_free(&out);
	buf_free(&whole);

	for (cs = 0; cs < TXT_CS_COUNT; cs++) {
		buf_init(&out);
		txt_decode_input((enum txt_charset)cs, in, n, &out);
		if (cs != TXT_CS_UTF8)
			FUZZ_ASSERT(fuzz_valid(out.data, out.len));
		buf_free(&out);
	}
	c = txt_clean(in, n, TXT_MULTILINE, 0, NULL);
	for (cs = 0; cs < TXT_CS_COUNT; cs++) {
		size_t len, k;
		char *shown = txt_charset_convert((enum txt_charset)cs, c,
		    strlen(c), &len);

		FUZZ_ASSERT(fuzz_valid(shown, len));
		if (cs == TXT_CS_ASCII)
			for (k = 0; k < len; k++)
				FUZZ_ASSERT((unsigned char)shown[k] < 0x80);
		free(shown);
	}
	free(c);
}

/* 1 if s (n bytes) is valid UTF-8. */
static int
fuzz_valid(const char *s, size_t n)
{
	return u8_check((const uint8_t *)s, n) == NULL;
}

/* txt_clean() properties for one mode and one size limit. */
static void
fuzz_clean(const char *in, size_t len, int flags, size_t max)
{
	unsigned	 what, what2;
	char		*c1, *c2;
	size_t		 n;

	c1 = txt_clean(in, len, flags, max, &what);
	n = strlen(c1);
	FUZZ_ASSERT(fuzz_valid(c1, n));
	FUZZ_ASSERT(txt_is_clean(c1, n, flags));
	FUZZ_ASSERT(memchr(c1, 0x1b, n) == NULL);
	FUZZ_ASSERT(max == 0 || n <= max);
	FUZZ_ASSERT(n <= 8 * len);	/* tabs: 8, FFFD: 3, NFC: 3 */
	if (!(flags & TXT_MULTILINE))
		FUZZ_ASSERT(memchr(c1, '\n', n) == NULL);
	c2 = txt_clean(c1, n, flags, max, &what2);
	FUZZ_ASSERT(strcmp(c1, c2) == 0);
	FUZZ_ASSERT(what2 == 0);
	if (txt_is_clean(in, len, flags) && (max == 0 || len <= max)) {
		FUZZ_ASSERT(n == len && memcmp(c1, in, len) == 0);
		FUZZ_ASSERT(what == 0);
	}
	free(c1);
	free(c2);
}

/* Wrapping, truncation, folding and escaping of clean text. */
static void
fuzz_layout(const char *s, size_t n)
{
	struct txt_line	*lines;
	size_t		 nl, i, width, end = 0, w;
	char		*r;

	width = n > 0 ? 1 + (unsigned char)s[0] % 100 : 10;
	nl = txt_wrap(s, n, width, &lines);
	FUZZ_ASSERT(nl >= 1);
	for (i = 0; i < nl; i++) {
		FUZZ_ASSERT(lines[i].off >= end);
		FUZZ_ASSERT(lines[i].off + lines[i].len <= n);
		end = lines[i].off + lines[i].len;
		FUZZ_ASSERT(fuzz_valid(s + lines[i].off, lines[i].len));
		FUZZ_ASSERT(memchr(s + lines[i].off, '\n', lines[i].len) ==
		    NULL);
		FUZZ_ASSERT(txt_nwidth(s + lines[i].off, lines[i].len) ==
		    lines[i].width);
		if (lines[i].width > width) {
			/* Only one wide character alone on a line. */
			FUZZ_ASSERT(txt_fit(s + lines[i].off, lines[i].len,
			    lines[i].width, &w) == lines[i].len);
			FUZZ_ASSERT(txt_fit(s + lines[i].off, lines[i].len,
			    width, NULL) == 0);
		}
	}
	free(lines);

	r = txt_trunc(s, width);
	FUZZ_ASSERT(txt_width(r) <= width);
	FUZZ_ASSERT(fuzz_valid(r, strlen(r)));
	free(r);

	r = txt_fold(s);
	FUZZ_ASSERT(fuzz_valid(r, strlen(r)));
	free(r);
	FUZZ_ASSERT(txt_collate(s, s) == 0);
}

/* Every block of a document is clean and tiled by its spans. */
static void
fuzz_doc(struct txt_doc *d)
{
	struct txt_block	*b;
	size_t			 i, k, off, len;

	FUZZ_ASSERT(d != NULL);
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		FUZZ_ASSERT(b->text != NULL);
		len = strlen(b->text);
		FUZZ_ASSERT(txt_is_clean(b->text, len, TXT_MULTILINE));
		FUZZ_ASSERT((b->kind == TXT_BLOCK_ITEM) == (b->bullet != NULL));
		for (k = off = 0; k < b->nspans; k++) {
			FUZZ_ASSERT(b->spans[k].off == off);
			FUZZ_ASSERT(b->spans[k].len > 0);
			FUZZ_ASSERT(k == 0 ||
			    b->spans[k].attr != b->spans[k - 1].attr);
			off += b->spans[k].len;
		}
		FUZZ_ASSERT(off == len);
	}
	txt_doc_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*in = (const char *)data;
	char		*c, *z, *r;
	size_t		 max, i;

	max = size > 0 ? data[size - 1] % 64 : 0;
	fuzz_clean(in, size, 0, 0);
	fuzz_clean(in, size, TXT_MULTILINE, 0);
	fuzz_clean(in, size, 0, max);
	fuzz_clean(in, size, TXT_MULTILINE, max);

	c = txt_clean(in, size, TXT_MULTILINE, 0, NULL);
	fuzz_layout(c, strlen(c));
	free(c);
	c = txt_clean(in, size, 0, 0, NULL);
	fuzz_layout(c, strlen(c));
	free(c);

	/* Raw bytes, NUL-terminated, straight to the terminal escaper. */
	z = malloc(size + 1);
	if (z == NULL)
		return 0;
	memcpy(z, data, size);
	z[size] = '\0';
	r = txt_escape_term(z, max);
	FUZZ_ASSERT(fuzz_valid(r, strlen(r)));
	for (i = 0; r[i] != '\0'; i++) {
		FUZZ_ASSERT(r[i] != 0x1b && r[i] != '\r' && r[i] != 0x7f);
		FUZZ_ASSERT(!((unsigned char)r[i] == 0xc2 &&
		    (unsigned char)r[i + 1] >= 0x80 &&
		    (unsigned char)r[i + 1] <= 0x9f));
	}
	free(r);
	r = txt_fold(z);
	FUZZ_ASSERT(fuzz_valid(r, strlen(r)));
	free(r);
	free(z);

	fuzz_doc(txt_doc_from_markdown(in, size));
	fuzz_doc(txt_doc_from_plain(in, size));
	fuzz_charsets(in, size);
	return 0;
}
