/*
 * fuzz_admin.c - libFuzzer target for every admin reader of standard
 * input (tests/fuzz/build.sh). The bytes are standard input, read the
 * way every « palabre admin » command reads it (admin_read(), the text
 * layer's input rule), then given to each parser that takes it: the
 * lines of an exchange day (« event add | edit »), the sections of a
 * practice (« practice add »), the bodies of « post new | reply » and
 * « message send | reply » (multi-line clean text, as the store keeps
 * it). Last, the same bytes written through the output guard
 * (txt_visible), fed in two pieces cut anywhere.
 *
 * What must hold: no crash, no leak; what admin_read() gives is valid
 * UTF-8 of the length it says with no NUL inside, and it has a U+FFFD
 * for each NUL of the input; the parsers fill every field even when
 * they refuse; the guarded output has no control byte but tab, newline
 * and CR, and does not depend on where it was cut.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "admin.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

#define FUZZ_ASSERT(c) do {						\
	if (!(c))							\
		abort();						\
} while (0)
#define FUZZ_MAX	(64 * 1024)

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_visible(const char *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The readers' messages (« ligne 3 : ... ») are not ours. */
	stderr = fopen("/dev/null", "w");
	return 0;
}

/* The output guard: no control byte, the same whatever the pieces. */
static void
fuzz_visible(const char *in, size_t n)
{
	struct txt_utf8 d;
	struct buf whole, parts;
	size_t cut = n > 0 ? (unsigned char)in[0] % (n + 1) : 0, i;
	uint32_t uc;

	memset(&d, 0, sizeof d);
	buf_init(&whole);
	txt_visible(&d, in, n, TXT_VIS_CR, &whole);
	FUZZ_ASSERT(txt_utf8_end(&d, &uc) == 0 || uc == 0xfffd);
	memset(&d, 0, sizeof d);
	buf_init(&parts);
	txt_visible(&d, in, cut, TXT_VIS_CR, &parts);
	txt_visible(&d, in + cut, n - cut, TXT_VIS_CR, &parts);
	FUZZ_ASSERT(whole.len == parts.len && (whole.len == 0 ||
	    memcmp(whole.data, parts.data, whole.len) == 0));
	for (i = 0; i < whole.len; i++) {
		unsigned char c = (unsigned char)whole.data[i];

		FUZZ_ASSERT(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
		FUZZ_ASSERT(c != 0x7f);
		/* No C1 control in UTF-8 (C2 80 to C2 9F). */
		FUZZ_ASSERT(!(c == 0xc2 && i + 1 < whole.len &&
		    (unsigned char)whole.data[i + 1] <= 0x9f));
	}
	buf_free(&whole);
	buf_free(&parts);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in;
	char *text, *copy, *why = NULL, *body;
	char *ev[EF_NFIELDS], *pr[PF_NFIELDS];
	size_t len, nuls = 0, fffd = 0, i;
	const char *p;
	int given, k;

	if (size == 0 || (in = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	text = admin_read(in, "fuzz", FUZZ_MAX, &len, &why);
	fclose(in);
	if (text == NULL) {
		FUZZ_ASSERT(why != NULL && size > FUZZ_MAX);
		free(why);
		return 0;
	}
	FUZZ_ASSERT(strlen(text) == len);
	FUZZ_ASSERT(u8_check((const uint8_t *)text, len) == NULL);
	for (i = 0; i < size; i++)
		nuls += data[i] == 0;
	for (p = text; (p = strstr(p, "\xef\xbf\xbd")) != NULL; p += 3)
		fffd++;
	FUZZ_ASSERT(fffd >= nuls);

	copy = xstrdup(text);
	(void)admin_event_parse(copy, ev, &given);
	for (k = 0; k < EF_NFIELDS; k++) {
		FUZZ_ASSERT(ev[k] != NULL);
		free(ev[k]);
	}
	free(copy);
	copy = xstrdup(text);
	(void)admin_practice_parse(copy, pr);
	for (k = 0; k < PF_NFIELDS; k++) {
		FUZZ_ASSERT(pr[k] != NULL);
		free(pr[k]);
	}
	free(copy);
	/* A post's or a message's body, as the store cleans it. */
	body = txt_clean(text, len, TXT_MULTILINE, 0, NULL);
	FUZZ_ASSERT(txt_is_clean(body, strlen(body), TXT_MULTILINE));
	free(body);
	free(text);

	fuzz_visible((const char *)data, size);
	return 0;
}
