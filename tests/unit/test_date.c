/*
 * test_date.c - dates and times as members read and type them
 * (text/txt_date.c): the French style with its no-break spaces, « 1er »,
 * Paris time on both sides of both changes whatever TZ says, the list
 * form across Paris midnight, every form the screens and the admin
 * commands accept, read back from what is shown, and no line break where
 * French typography forbids one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#include "unit.h"

#define NB "\u00a0"

/* 2025-03-30 and 2025-10-26 at 01:00 UTC: the changes of 2025. */
#define SPRING	1743296400
#define AUTUMN	1761440400

static void
test_write(void)
{
	char b[TXT_DATE_MAX];

	/* 1er avril 2025, 9 h 05 in Paris (CEST) is 07:05 UTC. */
	txt_date_long(b, sizeof(b), txt_date_paris(2025, 4, 1, 9, 5));
	CHECK_STR(b, "1er" NB "avril 2025 à 9" NB "h" NB "05");
	txt_date_long(b, sizeof(b), txt_date_paris(2025, 1, 15, 14, 0));
	CHECK_STR(b, "15" NB "janvier 2025 à 14" NB "h");
	txt_date_day(b, sizeof(b), txt_date_paris(2025, 8, 24, 6, 30));
	CHECK_STR(b, "24" NB "août 2025");
	txt_date_weekday(b, sizeof(b), txt_date_paris(2025, 6, 12, 9, 30));
	CHECK_STR(b, "jeudi 12" NB "juin 2025");
	txt_date_short(b, sizeof(b), txt_date_paris(2025, 4, 1, 9, 5));
	CHECK_STR(b, "1er" NB "avr.");
	txt_date_short(b, sizeof(b), txt_date_paris(2025, 2, 11, 9, 5));
	CHECK_STR(b, "11" NB "févr.");
	txt_date_hour(b, sizeof(b), txt_date_paris(2025, 8, 24, 6, 30));
	CHECK_STR(b, "6" NB "h" NB "30");
	/* Never a slash nor a colon. */
	txt_date_long(b, sizeof(b), 1700000000);
	CHECK(strchr(b, '/') == NULL && strchr(b, ':') == NULL);
}

static void
test_paris(void)
{
	char b[TXT_DATE_MAX], c[TXT_DATE_MAX];
	struct tm tm;

	/* The last Sunday of March 2025 was the 30th; of October, the 26th. */
	CHECK_INT(txt_date_paris(2025, 3, 29, 12, 0), 1743246000);
	CHECK_INT(txt_date_paris(2025, 3, 30, 12, 0), 1743328800);
	CHECK_INT(txt_date_paris(2025, 10, 26, 12, 0), 1761476400);
	/* Spring: 1 h 59 CET, then 3 h CEST. */
	txt_date_hour(b, sizeof(b), SPRING - 60);
	CHECK_STR(b, "1" NB "h" NB "59");
	txt_date_hour(b, sizeof(b), SPRING);
	CHECK_STR(b, "3" NB "h");
	txt_date_tm(SPRING, &tm);
	CHECK_INT(tm.tm_isdst, 1);
	/* Autumn: 2 h 59 CEST, then 2 h CET again. */
	txt_date_hour(b, sizeof(b), AUTUMN - 60);
	CHECK_STR(b, "2" NB "h" NB "59");
	txt_date_hour(b, sizeof(b), AUTUMN);
	CHECK_STR(b, "2" NB "h");
	txt_date_tm(AUTUMN, &tm);
	CHECK_INT(tm.tm_isdst, 0);
	/* Winter 2026 and summer 2030 too. */
	CHECK_INT(txt_date_paris(2026, 1, 1, 0, 0), 1767222000);
	CHECK_INT(txt_date_paris(2030, 6, 12, 9, 30), 1907479800);
	/* The server's zone changes nothing. */
	txt_date_long(b, sizeof(b), 1743328800);
	setenv("TZ", "America/New_York", 1);
	tzset();
	txt_date_long(c, sizeof(c), 1743328800);
	CHECK_STR(c, b);
	CHECK_STR(c, "30" NB "mars 2025 à 12" NB "h");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_list(void)
{
	char b[TXT_DATE_MAX];
	int64_t now = txt_date_paris(2025, 6, 11, 12, 0);

	/* 0 h 30 in Paris is still the day before in UTC: today here. */
	txt_date_list(b, sizeof(b), txt_date_paris(2025, 6, 11, 0, 30), now);
	CHECK_STR(b, "0" NB "h" NB "30");
	txt_date_list(b, sizeof(b), txt_date_paris(2025, 6, 10, 23, 59), now);
	CHECK_STR(b, "hier");
	txt_date_list(b, sizeof(b), txt_date_paris(2025, 4, 1, 8, 0), now);
	CHECK_STR(b, "1er" NB "avr.");
	txt_date_list(b, sizeof(b), txt_date_paris(2024, 11, 12, 8, 0), now);
	CHECK_STR(b, "12" NB "nov. 2024");
	/* « hier » across the new year. */
	txt_date_list(b, sizeof(b), txt_date_paris(2024, 12, 31, 20, 0),
	    txt_date_paris(2025, 1, 1, 10, 0));
	CHECK_STR(b, "hier");
}

static void
test_parse(void)
{
	static const char *days[] = {
		"24/08/2025", "2025-08-24", "24 août 2025", "24 AOUT 2025",
		"24" NB "août 2025", "dimanche 24 août 2025", "24/8/2025",
		"  24   août   2025 "
	};
	static const char *bad_days[] = {
		"31/02/2025", "29/02/2025", "32 mars 2025", "12 mars",
		"2025-08-24x", "24/08/25", "mardi 2025", "lundi mars 2025",
		"", "août", "24-08-2025", "2025-8-24-1", "0/08/2025"
	};
	char out[11];
	size_t i;
	int y, m, d, h, mi;

	for (i = 0; i < nitems(days); i++) {
		y = m = d = 0;
		CHECK_INT(txt_date_parse_day(days[i], &y, &m, &d), 0);
		CHECK(y == 2025 && m == 8 && d == 24);
	}
	for (i = 0; i < nitems(bad_days); i++)
		CHECK_INT(txt_date_parse_day(bad_days[i], &y, &m, &d), -1);
	CHECK_INT(txt_date_parse_day("29/02/2024", &y, &m, &d), 0);
	CHECK_INT(txt_date_parse_day("1er avr. 2025", &y, &m, &d), 0);
	CHECK(y == 2025 && m == 4 && d == 1);
	CHECK_INT(txt_date_parse_day("mardi 1er avril 2025", &y, &m, &d), 0);
	CHECK_INT(txt_date_parse_day("1 févr. 2025", &y, &m, &d), 0);
	CHECK(m == 2 && d == 1);

	CHECK_INT(txt_date_parse_hour("14h", &h, &mi), 0);
	CHECK(h == 14 && mi == 0);
	CHECK_INT(txt_date_parse_hour("14 h", &h, &mi), 0);
	CHECK_INT(txt_date_parse_hour("9 h 45", &h, &mi), 0);
	CHECK(h == 9 && mi == 45);
	CHECK_INT(txt_date_parse_hour("9h05", &h, &mi), 0);
	CHECK(h == 9 && mi == 5);
	CHECK_INT(txt_date_parse_hour("9" NB "h" NB "05", &h, &mi), 0);
	CHECK_INT(txt_date_parse_hour("09:30", &h, &mi), 0);
	CHECK(h == 9 && mi == 30);
	CHECK_INT(txt_date_parse_hour("25:00", &h, &mi), -1);
	CHECK_INT(txt_date_parse_hour("midi", &h, &mi), -1);
	CHECK_INT(txt_date_parse_hour("9:5", &h, &mi), -1);
	CHECK_INT(txt_date_parse_hour("9", &h, &mi), -1);
	CHECK_INT(txt_date_parse_hour("9 h 30 du matin", &h, &mi), -1);

	/* What the admin commands accept for --date. */
	CHECK_INT(txt_date_parse_when("2026-11-26", 9),
	    txt_date_paris(2026, 11, 26, 9, 0));
	CHECK_INT(txt_date_parse_when("2026-11-26T14:30", 9),
	    txt_date_paris(2026, 11, 26, 14, 30));
	CHECK_INT(txt_date_parse_when("26 novembre 2026 à 14 h 30", 9),
	    txt_date_paris(2026, 11, 26, 14, 30));
	CHECK_INT(txt_date_parse_when("2026-07-01T08:00", 9), 1782885600);
	CHECK_INT(txt_date_parse_when("2026-11-26T25:00", 9), -1);
	CHECK_INT(txt_date_parse_when("2026-11-26T", 9), -1);
	CHECK_INT(txt_date_parse_when("hier", 9), -1);
	CHECK_INT(txt_date_parse_when("2026-02-30", 9), -1);

	/* Dates as precise as they are known. */
	CHECK_INT(txt_date_parse("03/2024", out), 0);
	CHECK_STR(out, "2024-03");
	CHECK_INT(txt_date_parse("2024-03", out), 0);
	CHECK_STR(out, "2024-03");
	CHECK_INT(txt_date_parse("Mars 2024", out), 0);
	CHECK_STR(out, "2024-03");
	CHECK_INT(txt_date_parse("sept. 2024", out), 0);
	CHECK_STR(out, "2024-09");
	CHECK_INT(txt_date_parse("1er février 2023", out), 0);
	CHECK_STR(out, "2023-02-01");
	CHECK_INT(txt_date_parse("13/2024", out), -1);
	CHECK_INT(txt_date_parse("202", out), -1);
	CHECK_INT(txt_date_parse("le mois dernier", out), -1);
	CHECK_INT(txt_date_parse("2024-13-01", out), -1);
}

/* What is shown is read back as it was (the forms are filled with it). */
static void
test_round_trip(void)
{
	char b[TXT_DATE_MAX], iso[11], l[TXT_DATE_MAX];
	int64_t t;
	int y, m, d, h, mi, k;

	for (k = 0, t = 1735686000; k < 400; k++, t += 86400 + 997) {
		struct tm tm;

		txt_date_tm(t, &tm);
		txt_date_day(b, sizeof(b), t);
		CHECK_INT(txt_date_parse_day(b, &y, &m, &d), 0);
		CHECK(y == tm.tm_year + 1900 && m == tm.tm_mon + 1 &&
		    d == tm.tm_mday);
		txt_date_hour(b, sizeof(b), t);
		CHECK_INT(txt_date_parse_hour(b, &h, &mi), 0);
		CHECK(h == tm.tm_hour && mi == tm.tm_min);
		txt_date_long(b, sizeof(b), t);
		CHECK_INT(txt_date_parse_when(b, 9), t - tm.tm_sec);
	}
	CHECK_INT(txt_date_parse("1er" NB "août 2019", iso), 0);
	txt_date_label(iso, l, sizeof(l));
	CHECK_STR(l, "1er" NB "août 2019");
	txt_date_label("2019", l, sizeof(l));
	CHECK_STR(l, "2019");
}

/* The charset layer: U+00A0 is 0xA0 in Latin-9, a space in ASCII; so is
 * the narrow U+202F. */
static void
test_charset(void)
{
	char out[TXT_REPL_MAX];

	CHECK_INT(txt_charset_replace(TXT_CS_ASCII, 0xa0, out), 1);
	CHECK(out[0] == ' ');
	CHECK_INT(txt_charset_replace(TXT_CS_LATIN9, 0xa0, out), 2);
	CHECK(memcmp(out, NB, 2) == 0);
	CHECK_INT(txt_charset_replace(TXT_CS_LATIN9, 0x202f, out), 2);
	CHECK(memcmp(out, NB, 2) == 0);
	CHECK_INT(txt_charset_replace(TXT_CS_ASCII, 0x202f, out), 1);
	CHECK(out[0] == ' ');
}

/* 1 if one of the wrapped lines of s holds all of part. */
static int
wrap_keeps(const char *s, size_t width, const char *part)
{
	struct txt_line *l;
	size_t n, i;
	int found = 0;

	n = txt_wrap(s, strlen(s), width, &l);
	for (i = 0; i < n; i++) {
		char *line = xstrndup(s + l[i].off, l[i].len);

		if (strstr(line, part) != NULL)
			found = 1;
		free(line);
	}
	free(l);
	return found;
}

/* No line break in « 9 h 05 », « 1er avril », nor inside « ~q ». */
static void
test_wrap(void)
{
	char b[TXT_DATE_MAX], *s;
	size_t w;

	txt_date_long(b, sizeof(b), txt_date_paris(2025, 4, 1, 9, 5));
	xasprintf(&s, "Publié le %s par Élodie", b);
	for (w = 10; w < 40; w++) {
		CHECK(wrap_keeps(s, w, "9" NB "h" NB "05"));
		CHECK(wrap_keeps(s, w, "1er" NB "avril"));
	}
	free(s);
	s = "Tapez « ~q » pour quitter, ou « aide ! » pour l'aide.";
	for (w = 10; w < 30; w++) {
		CHECK(wrap_keeps(s, w, "« ~q »"));
		CHECK(wrap_keeps(s, w, "aide !"));
	}
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	RUN(test_write);
	RUN(test_paris);
	RUN(test_list);
	RUN(test_parse);
	RUN(test_round_trip);
	RUN(test_charset);
	RUN(test_wrap);
	TEST_DONE();
}
