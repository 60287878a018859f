/*
 * test_admin.c - what « palabre admin » reads and prints (issue 12 §1,
 * §6): every reader of a file or of standard input goes through
 * admin_read(), the text layer's input rule (a NUL or an invalid byte is
 * U+FFFD, the text after it kept); the event and practice parsers see
 * that text; txt_visible() makes a control byte visible on its way to the
 * sysop's terminal, however the output is cut into pieces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"
#include "unit.h"

#define FFFD	"\xef\xbf\xbd"

/* admin_read() over len bytes of data; NULL on refusal (*why set). */
static char *
read_bytes(const char *data, size_t len, size_t max, size_t *n, char **why)
{
	FILE	*f;
	char	*s;

	if ((f = fmemopen((void *)data, len, "r")) == NULL)
		return NULL;
	s = admin_read(f, "essai", max, n, why);
	fclose(f);
	return s;
}

static void
test_read(void)
{
	char	*s, *why = NULL, big[3000];
	size_t	 n = 0;

	s = read_bytes("Avant\0apr\xc3\xa8s\n", 13, 1024, &n, &why);
	CHECK_STR(s, "Avant" FFFD "après\n");
	CHECK_INT(n, strlen("Avant" FFFD "après\n"));
	free(s);
	s = read_bytes("A\x9b" "BCDEF", 7, 1024, &n, &why);
	CHECK_STR(s, "A" FFFD "BCDEF");
	free(s);
	memset(big, 'a', sizeof big);
	s = read_bytes(big, sizeof big, 2048, &n, &why);
	CHECK(s == NULL);
	CHECK_STR(why, "trop long (2 Kio au plus)");
	free(why);
}

/* The parsers see the whole text: a NUL no longer ends it. */
static void
test_parsers(void)
{
	static const char in[] = "title: Journ\xc3\xa9" "e\0 suite\n"
	    "place: Lyon\n[description]\nUne\0 journ\xc3\xa9" "e.\n";
	char	*s, *ev[EF_NFIELDS], *why = NULL;
	size_t	 n;
	int	 given, k;

	s = read_bytes(in, sizeof in - 1, 1024, &n, &why);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(admin_event_parse(s, ev, &given), 0);
	CHECK_STR(ev[EF_TITLE], "Journée" FFFD " suite");
	CHECK_STR(ev[EF_DESCRIPTION], "Une" FFFD " journée.\n");
	for (k = 0; k < EF_NFIELDS; k++)
		free(ev[k]);
	free(s);
}

/* What admin prints: visible, the same in any pieces. */
static void
test_visible(void)
{
	static const char out[] = "a\x1b[31mb\r\n\xc2\x9b\xe2\x80\xae"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb \xe9t\xc3\xa9\x7f";
	static const char want[] = "a\\x1b[31mb\\x0d\n\\u009b\\u202e"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb " FFFD "t\xc3\xa9"
	    "\\x7f";
	struct txt_utf8	 d;
	struct buf	 b;
	size_t		 cut, n = sizeof out - 1;

	for (cut = 0; cut <= n; cut++) {
		memset(&d, 0, sizeof d);
		buf_init(&b);
		txt_visible(&d, out, cut, 0, &b);
		txt_visible(&d, out + cut, n - cut, 0, &b);
		buf_add(&b, "", 0);
		CHECK_STR(b.data, want);
		buf_free(&b);
	}
	memset(&d, 0, sizeof d);
	buf_init(&b);
	txt_visible(&d, "BEGIN\r\nEND\r\n", 12, TXT_VIS_CR, &b);
	buf_add(&b, "", 0);
	CHECK_STR(b.data, "BEGIN\r\nEND\r\n");	/* iCalendar keeps CR LF */
	buf_free(&b);
}

int
main(void)
{
	RUN(test_read);
	RUN(test_parsers);
	RUN(test_visible);
	TEST_DONE();
}
