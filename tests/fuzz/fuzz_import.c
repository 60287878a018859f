/*
 * fuzz_import.c - libFuzzer target for the shelf's importer
 * (tests/fuzz/build.sh): the front matter, plain text to Markdown,
 * French dates, and a whole « admin doc import » of a .txt with a .meta
 * beside it, on one in-memory database.
 *
 * The input is split in two: its first two bytes give the length of the
 * .meta file, the rest is the .txt (no .meta when that length is 0).
 * Each piece also goes straight to the parsers; the whole import is run
 * for half the inputs of FUZZ_IMPORT_MAX bytes at most. What
 * must hold: no
 * crash, no leak, no read past the input (the importer once read and
 * wrote past a copy cut at a NUL); Markdown made from any bytes is clean
 * UTF-8 with no NUL inside; a parsed date has the shelf's shape and a
 * label; whatever is imported is clean and holds nothing that was not
 * in the input (« SQLite format 3 » came from the heap once).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_doc.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_import.h"
#include "util/util.h"

#define FUZZ_ASSERT(c) do {						\
	if (!(c))							\
		abort();						\
} while (0)
#define FUZZ_IMPORT_MAX	8192	/* bytes: larger inputs skip the import */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct store	*fuzz_store;
static char		 fuzz_dir[] = "/tmp/palabre-fuzz-import-XXXXXX";
static char		 fuzz_txt[128], fuzz_meta[128];

static void	fuzz_parsers(const char *, size_t);
static void	fuzz_date(const char *, size_t);
static int	fuzz_put(const char *, const char *, size_t);
static int	fuzz_has(const uint8_t *, size_t, const char *);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *cause = NULL;

	(void)argc;
	(void)argv;
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(fuzz_txt, sizeof fuzz_txt, "%s/doc.txt", fuzz_dir);
	snprintf(fuzz_meta, sizeof fuzz_meta, "%s/doc.txt.meta", fuzz_dir);
	fuzz_store = store_open(":memory:", STORE_CREATE | STORE_MIGRATE,
	    &cause);
	if (fuzz_store == NULL)
		abort();
	/* The importer's warnings (a NUL at position N) are not ours. */
	stderr = fopen("/dev/null", "w");
	return 0;
}

/* Write n bytes to path: 0, or -1. */
static int
fuzz_put(const char *path, const char *data, size_t n)
{
	FILE *f;
	int rc;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	rc = fwrite(data, 1, n, f) == n ? 0 : -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* 1 if the NUL-terminated word is somewhere in the n bytes of data. */
static int
fuzz_has(const uint8_t *data, size_t n, const char *word)
{
	return memmem(data, n, word, strlen(word)) != NULL;
}

/* txt_date_parse() on the text: a date has the shelf's shape. */
static void
fuzz_date(const char *s, size_t n)
{
	char *z, out[11], label[64];
	size_t k;

	z = txt_utf8(s, n > 64 ? 64 : n, NULL);
	if (txt_date_parse(z, out) == 0) {
		k = strlen(out);
		FUZZ_ASSERT(k == 4 || k == 7 || k == 10);
		FUZZ_ASSERT(strspn(out, "0123456789-") == k);
		txt_date_label(out, label, sizeof label);
		FUZZ_ASSERT(label[0] != '\0');
	}
	free(z);
}

/* The pure parsers on n bytes of s. */
static void
fuzz_parsers(const char *s, size_t n)
{
	struct txt_field *f;
	size_t nf, off, i, len;
	char *cause, *md;

	if (txt_front_matter(s, n, &f, &nf, &off, &cause) == -1) {
		FUZZ_ASSERT(cause != NULL && f == NULL);
		free(cause);
		off = 0;
	} else {
		FUZZ_ASSERT(off <= n);
		for (i = 0; i < nf; i++) {
			FUZZ_ASSERT(txt_is_clean(f[i].value,
			    strlen(f[i].value), 0));
			fuzz_date(f[i].value, strlen(f[i].value));
		}
		txt_fields_free(f, nf);
	}
	md = txt_plain_to_markdown(s + off, n - off);
	len = strlen(md);
	FUZZ_ASSERT(txt_is_clean(md, len, TXT_MULTILINE));
	free(md);
	fuzz_date(s, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_import_opts o;
	struct store_doc d;
	const char *meta, *txt;
	size_t mlen, tlen;
	int64_t id;
	char *why = NULL;
	int r;

	if (size < 2)
		return 0;
	mlen = ((size_t)data[0] | (size_t)data[1] << 8) % (size - 1);
	meta = (const char *)data + 2;
	txt = meta + mlen;
	tlen = size - 2 - mlen;
	fuzz_parsers(meta, mlen);
	fuzz_parsers(txt, tlen);

	/* A whole import costs a hundred times more (14 ms under ASan):
	 * for small inputs whose first byte is even (the seeds' are), the
	 * parsers above take every input. */
	if (size > FUZZ_IMPORT_MAX || data[0] % 2 != 0)
		return 0;
	if (fuzz_put(fuzz_txt, txt, tlen) == -1)
		return 0;
	if (mlen == 0)
		unlink(fuzz_meta);
	else if (fuzz_put(fuzz_meta, meta, mlen) == -1)
		return 0;
	memset(&o, 0, sizeof o);
	o.kind = "note";
	r = doc_import_file(fuzz_store, fuzz_txt, &o, &id, &why);
	FUZZ_ASSERT(r == DOC_IMPORTED || r == DOC_UPDATED || r == DOC_REFUSED);
	FUZZ_ASSERT((r == DOC_REFUSED) == (why != NULL));
	free(why);
	if (r != DOC_REFUSED && store_doc_get(fuzz_store, 0, id, &d) == 0) {
		FUZZ_ASSERT(txt_is_clean(d.title, strlen(d.title), 0));
		FUZZ_ASSERT(txt_is_clean(d.body, strlen(d.body),
		    TXT_MULTILINE));
		if (!fuzz_has(data, size, "SQLite"))
			FUZZ_ASSERT(strstr(d.body, "SQLite") == NULL);
		store_doc_clear(&d);
	}
	return 0;
}
