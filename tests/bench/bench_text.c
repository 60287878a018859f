/*
 * bench_text.c - throughput of the text layer (src/text/), for make bench.
 *
 *   build/bench/bench_text FILE.md [TARGET_BYTES]
 *
 * Two inputs of about TARGET_BYTES (1 MiB by default):
 *  - "french": FILE.md (the demo editorial) repeated, realistic French
 *    prose with accents, « guillemets », œ and Markdown;
 *  - "hostile": the same prose cut into pieces with, between them, escape
 *    sequences (CSI, OSC 52, DCS, APC), C0/C1 controls, invalid UTF-8
 *    (stray bytes, overlongs, surrogates, truncated sequences), bidi and
 *    zero-width characters, runs of combining marks, decomposed accents,
 *    tabs and CR LF. Made deterministically, so every run is the same.
 *
 * Operations, each at two sizes: "bulk" is one call on the whole input,
 * "para" is one call per paragraph (blank-line separated, the size of a
 * message or an editorial paragraph):
 *  - clean: txt_clean(TXT_MULTILINE) on the raw input;
 *  - wrap80: txt_wrap at 80 columns on the cleaned input;
 *  - fold: txt_fold on the cleaned input;
 *  - markdown: txt_doc_from_markdown on the raw input (it cleans first).
 *
 * Each figure is the best of 5 runs (CLOCK_MONOTONIC); MB/s counts the
 * input bytes (10^6 bytes per MB), ns/call is the mean time of one call in
 * the best run. Not a test: nothing passes or fails on speed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/txt.h"

#define RUNS	5

struct input {
	const char	*name;
	char		*data;		/* NUL-terminated */
	size_t		 len;
	size_t		*poff, *plen;	/* paragraphs */
	size_t		 npara;
};

static volatile size_t sink;	/* keeps the results alive */

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void *
xrealloc_or_die(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("realloc");
		exit(1);
	}
	return p;
}

static void
append(char **buf, size_t *len, size_t *cap, const void *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		while (*len + n + 1 > *cap)
			*cap = *cap == 0 ? 4096 : *cap * 2;
		*buf = xrealloc_or_die(*buf, *cap);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f;
	char *buf = NULL, tmp[65536];
	size_t n, l = 0, cap = 0;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(1);
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		append(&buf, &l, &cap, tmp, n);
	fclose(f);
	if (l == 0) {
		fprintf(stderr, "%s: empty\n", path);
		exit(1);
	}
	*len = l;
	return buf;
}

/* Split at blank lines; every paragraph keeps its own bytes only. */
static void
split_paragraphs(struct input *in)
{
	size_t i = 0, start, cap = 0;

	in->npara = 0;
	while (i < in->len) {
		while (i < in->len && in->data[i] == '\n')
			i++;
		if (i >= in->len)
			break;
		start = i;
		while (i < in->len && !(in->data[i] == '\n' &&
		    i + 1 < in->len && in->data[i + 1] == '\n'))
			i++;
		if (in->npara == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			in->poff = xrealloc_or_die(in->poff,
			    cap * sizeof(*in->poff));
			in->plen = xrealloc_or_die(in->plen,
			    cap * sizeof(*in->plen));
		}
		in->poff[in->npara] = start;
		in->plen[in->npara] = i - start;
		in->npara++;
	}
}

/* The French text repeated up to at least target bytes. */
static void
make_french(struct input *in, const char *src, size_t srclen, size_t target)
{
	size_t cap = 0;

	in->name = "french";
	in->data = NULL;
	in->len = 0;
	in->poff = NULL;
	in->plen = NULL;
	while (in->len < target) {
		append(&in->data, &in->len, &cap, src, srclen);
		append(&in->data, &in->len, &cap, "\n\n", 2);
	}
	split_paragraphs(in);
}

/* The French text cut up with hostile bytes between the pieces. */
static void
make_hostile(struct input *in, const char *src, size_t srclen, size_t target)
{
	static const struct { const char *s; size_t n; } junk[] = {
#define J(x) { x, sizeof(x) - 1 }
		J("\x1b[31;1m"),			/* CSI colour */
		J("\x1b[2J\x1b[H"),			/* clear screen */
		J("\x1b]52;c;ZWNobyBwd25lZA==\x07"),	/* OSC 52 clipboard */
		J("\x1b]0;titre\x1b\\"),		/* OSC title, ST */
		J("\x1bP1$r0m\x1b\\"),			/* DCS */
		J("\x1b_apc payload\x1b\\"),		/* APC */
		J("\xc2\x9b" "31m"),			/* C1 CSI (U+009B) */
		J("\xc2\x85"),				/* C1 NEL */
		J("\x07\x08\x7f\x01"),			/* BEL BS DEL SOH */
		J("\xff\xfe"),				/* never valid */
		J("\xc0\xaf"),				/* overlong '/' */
		J("\xe0\x80\xaf"),			/* overlong, 3 bytes */
		J("\xed\xa0\x80"),			/* surrogate */
		J("\xe2\x82"),				/* truncated € */
		J("\x80\xbf"),				/* stray continuations */
		J("\xe2\x80\xae" "evil" "\xe2\x80\xac"),	/* bidi RLO..PDF */
		J("\xe2\x80\x8b\xe2\x81\xa0\xc2\xad"),	/* ZWSP WJ SHY */
		J("e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"),
		J("E\xcc\x81lodie"),			/* decomposed É */
		J("\t|\t"),				/* tabs */
		J("\r\n"),				/* CR LF */
		J("\xee\x80\x80"),			/* private use */
		J("\xf4\x90\x80\x80"),			/* > U+10FFFF */
#undef J
	};
	size_t cap = 0, pos = 0, k = 0, piece;
	uint32_t rnd = 12345;

	in->name = "hostile";
	in->data = NULL;
	in->len = 0;
	in->poff = NULL;
	in->plen = NULL;
	while (in->len < target) {
		rnd = rnd * 1103515245u + 12345u;
		piece = 20 + (rnd >> 16) % 100;
		if (pos + piece > srclen)
			piece = srclen - pos;
		/* Cut only on a character boundary of the clean source. */
		while (pos + piece < srclen &&
		    ((unsigned char)src[pos + piece] & 0xc0) == 0x80)
			piece++;
		append(&in->data, &in->len, &cap, src + pos, piece);
		pos += piece;
		if (pos >= srclen) {
			pos = 0;
			append(&in->data, &in->len, &cap, "\n\n", 2);
		}
		append(&in->data, &in->len, &cap, junk[k].s, junk[k].n);
		k = (k + 1) % (sizeof(junk) / sizeof(junk[0]));
	}
	split_paragraphs(in);
}

/* A clean copy of an input (the text the UI keeps and lays out). */
static void
make_clean(struct input *out, const struct input *in)
{
	char *c = txt_clean(in->data, in->len, TXT_MULTILINE, 0, NULL);

	out->name = in->name;
	out->data = c;
	out->len = strlen(c);
	out->poff = NULL;
	out->plen = NULL;
	split_paragraphs(out);
}

enum op { OP_CLEAN, OP_WRAP, OP_FOLD, OP_MARKDOWN };
static const char *const op_names[] = { "clean", "wrap80", "fold",
	"markdown" };

/* One call of an operation on n bytes at s; returns something to sink. */
static size_t
call(enum op op, const char *s, size_t n)
{
	struct txt_line *lines;
	struct txt_doc *doc;
	char *r, save;
	size_t v = 0;

	switch (op) {
	case OP_CLEAN:
		r = txt_clean(s, n, TXT_MULTILINE, 0, NULL);
		v = strlen(r);
		free(r);
		break;
	case OP_WRAP:
		v = txt_wrap(s, n, 80, &lines);
		free(lines);
		break;
	case OP_FOLD:
		/* txt_fold takes a NUL-terminated string. */
		save = s[n];
		((char *)s)[n] = '\0';
		r = txt_fold(s);
		((char *)s)[n] = save;
		v = strlen(r);
		free(r);
		break;
	case OP_MARKDOWN:
		doc = txt_doc_from_markdown(s, n);
		v = doc->nblocks;
		txt_doc_free(doc);
		break;
	}
	return v;
}

/* Best of RUNS: the whole input in one call, or one call per paragraph. */
static void
bench(enum op op, struct input *in, int per_para)
{
	double best = 0, t0, t;
	size_t calls = per_para ? in->npara : 1, bytes = 0, i, v = 0;
	int r;

	if (per_para)
		for (i = 0; i < in->npara; i++)
			bytes += in->plen[i];
	else
		bytes = in->len;
	for (r = 0; r < RUNS; r++) {
		t0 = now_ns();
		if (per_para)
			for (i = 0; i < in->npara; i++)
				v += call(op, in->data + in->poff[i],
				    in->plen[i]);
		else
			v += call(op, in->data, in->len);
		t = now_ns() - t0;
		if (r == 0 || t < best)
			best = t;
	}
	sink += v;
	printf("%-9s %-8s %-5s %9zu %7zu %10.1f %14.0f\n", op_names[op],
	    in->name, per_para ? "para" : "bulk", bytes, calls,
	    (double)bytes / (best / 1e9) / 1e6, best / (double)calls);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	struct input raw[2] = { { 0 } }, clean[2] = { { 0 } };
	size_t srclen, target = 1 << 20;
	char *src;
	int k;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE.md [TARGET_BYTES]\n", argv[0]);
		return 2;
	}
	if (argc == 3)
		target = strtoul(argv[2], NULL, 10);
	src = read_file(argv[1], &srclen);
	make_french(&raw[0], src, srclen, target);
	make_hostile(&raw[1], src, srclen, target);
	for (k = 0; k < 2; k++)
		make_clean(&clean[k], &raw[k]);

	printf("# source %s (%zu bytes); best of %d runs; MB = 10^6 bytes\n",
	    argv[1], srclen, RUNS);
	for (k = 0; k < 2; k++)
		printf("# %-8s raw %zu bytes, %zu paragraphs; cleaned %zu "
		    "bytes\n", raw[k].name, raw[k].len, raw[k].npara,
		    clean[k].len);
	printf("%-9s %-8s %-5s %9s %7s %10s %14s\n", "op", "input", "size",
	    "bytes", "calls", "MB/s", "ns/call");
	for (k = 0; k < 2; k++) {
		bench(OP_CLEAN, &raw[k], 0);
		bench(OP_CLEAN, &raw[k], 1);
	}
	for (k = 0; k < 2; k++) {
		bench(OP_WRAP, &clean[k], 0);
		bench(OP_WRAP, &clean[k], 1);
	}
	for (k = 0; k < 2; k++) {
		bench(OP_FOLD, &clean[k], 0);
		bench(OP_FOLD, &clean[k], 1);
	}
	for (k = 0; k < 2; k++) {
		bench(OP_MARKDOWN, &raw[k], 0);
		bench(OP_MARKDOWN, &raw[k], 1);
	}
	for (k = 0; k < 2; k++) {
		free(raw[k].data);
		free(raw[k].poff);
		free(raw[k].plen);
		free(clean[k].data);
		free(clean[k].poff);
		free(clean[k].plen);
	}
	free(src);
	return sink == 0xdeadbeef ? 1 : 0;	/* never: uses sink */
}
