/*
 * txt_date.c - the one place where dates and times are read and written
 * for members (the style and the Paris rule are in txt_date.h).
 *
 * Paris time is computed here from the European rule rather than with
 * localtime(): the server's TZ, a chroot without zone files or a session
 * process started by another service would otherwise change what members
 * read. Civil dates go through days_from_civil() (H. Hinnant), valid for
 * every proleptic Gregorian date, so no time_t range or mktime()
 * normalisation is involved.
 *
 * Parsing folds what was typed first (case, accents, no-break spaces),
 * then takes the whole string or nothing: « 12 mars 2024 et demi » is not
 * a date.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#define NBSP	"\u00a0"	/* between a number and what it counts */

static int64_t	 days_from_civil(int, int, int);
static int64_t	 last_sunday(int, int);
static int	 days_in_month(int, int);
static int	 date_digits(const char *, size_t, size_t, size_t);
static char	*date_norm(const char *);
static int	 date_month(const char *, size_t);
static int	 date_weekday(const char *, size_t);
static int	 date_scan(const char *, int *, int *, int *);
static int	 date_scan_hour(const char *, int *, int *);

static const char *const months[] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"
};
static const char *const months_short[] = {
	"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
	"sept.", "oct.", "nov.", "déc."
};
/* What may be typed for each month, folded: full name and abbreviations
 * (a final '.' is dropped before the lookup). */
static const char *const months_typed[][3] = {
	{ "janvier", "janv", "jan" }, { "fevrier", "fevr", "fev" },
	{ "mars", "mar", NULL }, { "avril", "avr", NULL },
	{ "mai", NULL, NULL }, { "juin", NULL, NULL },
	{ "juillet", "juil", NULL }, { "aout", NULL, NULL },
	{ "septembre", "sept", "sep" }, { "octobre", "oct", NULL },
	{ "novembre", "nov", NULL }, { "decembre", "dec", NULL }
};
static const char *const weekdays[] = {
	"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
	"samedi"
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month(int y, int m)
{
	return (int)((m == 12 ? days_from_civil(y + 1, 1, 1) :
	    days_from_civil(y, m + 1, 1)) - days_from_civil(y, m, 1));
}

/* The day number of the last Sunday of month m of year y. */
static int64_t
last_sunday(int y, int m)
{
	int64_t last = days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 :
	    m + 1, 1) - 1;
	int64_t wday = ((last % 7) + 11) % 7;	/* 1970-01-01 was a Thursday */

	return last - wday;
}

int
txt_date_summer(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	int64_t from, to;

	gmtime_r(&tt, &tm);
	from = last_sunday(tm.tm_year + 1900, 3) * 86400 + 3600;
	to = last_sunday(tm.tm_year + 1900, 10) * 86400 + 3600;
	return t >= from && t < to;
}

int64_t
txt_date_paris(int year, int month, int day, int hour, int min)
{
	int64_t local = days_from_civil(year, month, day) * 86400 +
	    hour * 3600 + min * 60;

	/* Summer time if the summer reading falls in summer. */
	if (txt_date_summer(local - 7200))
		return local - 7200;
	return local - 3600;
}

void
txt_date_tm(int64_t t, struct tm *tm)
{
	int summer = txt_date_summer(t);
	time_t tt = (time_t)(t + (summer ? 7200 : 3600));

	gmtime_r(&tt, tm);
	tm->tm_isdst = summer;
}

/* --- Writing -------------------------------------------------------------- */

void
txt_date_day(char *buf, size_t size, int64_t t)
{
	struct tm tm;

	txt_date_tm(t, &tm);
	snprintf(buf, size, "%d%s" NBSP "%s %d", tm.tm_mday,
	    tm.tm_mday == 1 ? "er" : "", months[tm.tm_mon], tm.tm_year + 1900);
}

void
txt_date_weekday(char *buf, size_t size, int64_t t)
{
	struct tm tm;
	char day[TXT_DATE_MAX];

	txt_date_tm(t, &tm);
	txt_date_day(day, sizeof(day), t);
	snprintf(buf, size, "%s %s", weekdays[tm.tm_wday], day);
}

void
txt_date_short(char *buf, size_t size, int64_t t)
{
	struct tm tm;

	txt_date_tm(t, &tm);
	snprintf(buf, size, "%d%s" NBSP "%s", tm.tm_mday,
	    tm.tm_mday == 1 ? "er" : "", months_short[tm.tm_mon]);
}

void
txt_date_hour(char *buf, size_t size, int64_t t)
{
	struct tm tm;

	txt_date_tm(t, &tm);
	if (tm.tm_min == 0)
		snprintf(buf, size, "%d" NBSP "h", tm.tm_hour);
	else
		snprintf(buf, size, "%d" NBSP "h" NBSP "%02d", tm.tm_hour,
		    tm.tm_min);
}

void
txt_date_long(char *buf, size_t size, int64_t t)
{
	char day[TXT_DATE_MAX], hour[TXT_DATE_MAX];

	txt_date_day(day, sizeof(day), t);
	txt_date_hour(hour, sizeof(hour), t);
	snprintf(buf, size, "%s à %s", day, hour);
}

void
txt_date_list(char *buf, size_t size, int64_t t, int64_t now)
{
	struct tm tm, today;
	int64_t day, nowday;
	char s[TXT_DATE_MAX];

	txt_date_tm(t, &tm);
	txt_date_tm(now, &today);
	/* Paris day numbers: the offset is in the broken-down time. */
	day = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	nowday = days_from_civil(today.tm_year + 1900, today.tm_mon + 1,
	    today.tm_mday);
	if (day == nowday)
		txt_date_hour(buf, size, t);
	else if (day + 1 == nowday)
		snprintf(buf, size, "hier");
	else if (tm.tm_year == today.tm_year)
		txt_date_short(buf, size, t);
	else {
		txt_date_short(s, sizeof(s), t);
		snprintf(buf, size, "%s %d", s, tm.tm_year + 1900);
	}
}

/* --- Reading -------------------------------------------------------------- */

/* Folded (case, accents), no-break spaces as spaces, runs of spaces as
 * one, trimmed: a new string. */
static char *
date_norm(const char *s)
{
	char *f = txt_fold(s != NULL ? s : ""), *o = f;
	const char *p = f;

	while (*p != '\0') {
		if (*p == ' ' || *p == '\t' || strncmp(p, "\xc2\xa0", 2) == 0 ||
		    strncmp(p, "\xe2\x80\xaf", 3) == 0) {
			p += *p == ' ' || *p == '\t' ? 1 : *p == '\xc2' ? 2 : 3;
			if (o != f && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = *p++;
	}
	if (o != f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

/* 1-12 for a folded month word of n bytes (« avr. » too), 0 if none. */
static int
date_month(const char *w, size_t n)
{
	size_t i, k;

	if (n > 0 && w[n - 1] == '.')
		n--;
	for (i = 0; i < nitems(months_typed); i++)
		for (k = 0; k < 3 && months_typed[i][k] != NULL; k++)
			if (strlen(months_typed[i][k]) == n &&
			    strncmp(w, months_typed[i][k], n) == 0)
				return (int)i + 1;
	return 0;
}

static int
date_weekday(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < nitems(weekdays); i++)
		if (strlen(weekdays[i]) == n && strncmp(w, weekdays[i], n) == 0)
			return 1;
	return 0;
}

/* n digits (and nothing else) at p: their value, or -1. */
static int
date_digits(const char *p, size_t n, size_t min, size_t max)
{
	size_t i;
	int v = 0;

	if (n < min || n > max)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/*
 * A folded date: 0 with *y and, as far as they were given, *m and *d (0
 * when not), -1 if it is not a date that exists.
 */
static int
date_scan(const char *s, int *y, int *m, int *d)
{
	const char *w[5];
	size_t wl[5], nw = 0, i = 0, len = strlen(s);
	const char *p, *q;
	char *end;

	*y = *m = *d = 0;
	if (len == 0)
		return -1;
	if (strspn(s, "0123456789-/") == len) {
		/* AAAA, AAAA-MM, AAAA-MM-JJ, JJ/MM/AAAA, MM/AAAA */
		int f[3], nf = 0, slash = strchr(s, '/') != NULL;
		size_t fl;

		if (slash && strchr(s, '-') != NULL)
			return -1;
		for (p = s;; p = q + 1) {
			q = p + strcspn(p, slash ? "/" : "-");
			fl = (size_t)(q - p);
			/* The year has four digits, the rest one or two. */
			if ((slash ? *q == '\0' : nf == 0) ? fl != 4 : fl > 2)
				return -1;
			if ((f[nf++] = date_digits(p, fl, 1, 4)) < 0)
				return -1;
			if (*q == '\0')
				break;
			if (nf == 3)
				return -1;
		}
		if (!slash) {
			*y = f[0];
			*m = nf > 1 ? f[1] : 0;
			*d = nf > 2 ? f[2] : 0;
		} else if (nf == 3) {
			*d = f[0];
			*m = f[1];
			*y = f[2];
		} else if (nf == 2) {
			*m = f[0];
			*y = f[1];
		} else
			return -1;
		if (nf > 1 && (*m < 1 || *m > 12))
			return -1;
		goto check;
	}
	/* Words: [jour] [1er|12] mois AAAA */
	for (p = s; *p != '\0' && nw < nitems(w); p = q + (*q == ' ')) {
		q = p + strcspn(p, " ");
		w[nw] = p;
		wl[nw++] = (size_t)(q - p);
	}
	if (*p != '\0' || nw < 2)
		return -1;
	if (date_weekday(w[0], wl[0]))
		i++;
	if (nw - i == 3) {
		if (wl[i] == 3 && strncmp(w[i], "1er", 3) == 0)
			*d = 1;
		else if ((*d = date_digits(w[i], wl[i], 1, 2)) < 1)
			return -1;
		i++;
	} else if (nw - i != 2 || i > 0)
		return -1;	/* a weekday goes with a day */
	if ((*m = date_month(w[i], wl[i])) == 0)
		return -1;
	*y = (int)strtol(w[i + 1], &end, 10);
	if (end != w[i + 1] + wl[i + 1] || wl[i + 1] != 4)
		return -1;
check:
	if (*y < 1000 || *y > 9999 || (*d != 0 && *m == 0))
		return -1;
	if (*d != 0 && (*d < 1 || *d > days_in_month(*y, *m)))
		return -1;
	return 0;
}

/* A folded hour: « 9 h 30 », « 9h30 », « 14 h », « 9:30 ». */
static int
date_scan_hour(const char *s, int *h, int *min)
{
	const char *p = s;
	size_t n;

	n = strspn(p, "0123456789");
	if ((*h = date_digits(p, n, 1, 2)) < 0)
		return -1;
	p += n;
	*min = 0;
	if (*p == ':') {
		p++;
		n = strspn(p, "0123456789");
		if ((*min = date_digits(p, n, 2, 2)) < 0 || p[n] != '\0')
			return -1;
	} else {
		p += *p == ' ';
		if (*p++ != 'h')
			return -1;
		p += *p == ' ';
		n = strspn(p, "0123456789");
		if (n > 0 && (*min = date_digits(p, n, 2, 2)) < 0)
			return -1;
		if (p[n] != '\0')
			return -1;
	}
	if (*h > 23 || *min > 59)
		return -1;
	return 0;
}

int
txt_date_parse_day(const char *s, int *y, int *m, int *d)
{
	char *f = date_norm(s);
	int rc;

	rc = date_scan(f, y, m, d);
	free(f);
	return rc == 0 && *d != 0 ? 0 : -1;
}

int
txt_date_parse_hour(const char *s, int *h, int *min)
{
	char *f = date_norm(s);
	int rc;

	rc = date_scan_hour(f, h, min);
	free(f);
	return rc;
}

int64_t
txt_date_parse_when(const char *s, int default_hour)
{
	char *f = date_norm(s), *cut;
	int y, m, d, h = default_hour, min = 0;
	int64_t t = -1;

	if (date_scan(f, &y, &m, &d) == 0 && d != 0) {
		t = txt_date_paris(y, m, d, h, min);
		goto out;
	}
	/* « 2026-11-26T14:30 » (folded: 't'), « 26 novembre 2026 à 14 h » */
	if (strlen(f) > 10 && f[4] == '-' && f[10] == 't') {
		f[10] = '\0';
		cut = f + 11;
	} else if ((cut = strstr(f, " a ")) != NULL) {
		*cut = '\0';
		cut += 3;
	} else
		goto out;
	if (date_scan(f, &y, &m, &d) != 0 || d == 0 ||
	    date_scan_hour(cut, &h, &min) != 0)
		goto out;
	t = txt_date_paris(y, m, d, h, min);
out:
	free(f);
	return t;
}

int
txt_date_parse(const char *s, char out[11])
{
	char *f = date_norm(s);
	int y, m, d, rc;

	out[0] = '\0';
	rc = date_scan(f, &y, &m, &d);
	free(f);
	if (rc != 0)
		return -1;
	if (d != 0)
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	else if (m != 0)
		snprintf(out, 11, "%04d-%02d", y, m);
	else
		snprintf(out, 11, "%04d", y);
	return 0;
}

void
txt_date_label(const char *iso, char *buf, size_t size)
{
	int y = 0, m = 0, d = 0, n = -1;

	if (iso == NULL) {
		snprintf(buf, size, "%s", "");
		return;
	}
	/* Only what txt_date_parse() writes. */
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    iso[n] == '\0' && m >= 1 && m <= 12)
		snprintf(buf, size, "%d%s" NBSP "%s %d", d, d == 1 ? "er" : "",
		    months[m - 1], y);
	else if (n = -1, sscanf(iso, "%4d-%2d%n", &y, &m, &n) == 2 &&
	    iso[n] == '\0' && m >= 1 && m <= 12)
		snprintf(buf, size, "%s %d", months[m - 1], y);
	else
		snprintf(buf, size, "%s", iso);
}
