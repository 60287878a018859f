/*
 * txt_date.h - dates and times as members read and type them: one French
 * style, in Paris time, whatever the server's TZ or zone files say.
 *
 * Times are Unix seconds (UTC). Paris time is CET, and CEST from the last
 * Sunday of March to the last Sunday of October, both at 01:00 UTC (the
 * European rule, fixed since 1996).
 *
 * The style, with a no-break space (U+00A0) between a number and what it
 * counts, so that no line ever breaks inside « 9 h 05 » or « 1er avril »:
 *	long	« 1er avril 2025 à 9 h 05 »	(« à 14 h » on the hour)
 *	day	« 1er avril 2025 »
 *	weekday	« mardi 1er avril 2025 »
 *	short	« 1er avr. »
 *	hour	« 9 h 05 », « 14 h »
 *	list	« 9 h 05 » today, « hier », « 1er avr. », « 1er avr. 2024 »
 * Never « 01/04/2025 » nor « 09:05 ». The charset layer shows U+00A0 as
 * 0xA0 in Latin-9 and as a plain space in ASCII.
 */
#ifndef PALABRE_TXT_DATE_H
#define PALABRE_TXT_DATE_H

#include <stddef.h>
#include <stdint.h>

struct tm;

/* Room for any of the formats below. */
#define TXT_DATE_MAX	64

/* Paris local time (month 1-12) to Unix time. In the hour that does not
 * exist (spring) or happens twice (autumn), the summer reading wins. */
int64_t	 txt_date_paris(int year, int month, int day, int hour, int min);
/* Unix time to Paris broken-down time (tm_year from 1900, tm_mon 0-11,
 * tm_wday, tm_yday and tm_isdst set). */
void	 txt_date_tm(int64_t t, struct tm *);
/* 1 if Paris is on summer time at t. */
int	 txt_date_summer(int64_t t);

void	 txt_date_long(char *buf, size_t size, int64_t t);
void	 txt_date_day(char *buf, size_t size, int64_t t);
void	 txt_date_weekday(char *buf, size_t size, int64_t t);
void	 txt_date_short(char *buf, size_t size, int64_t t);
void	 txt_date_hour(char *buf, size_t size, int64_t t);
void	 txt_date_list(char *buf, size_t size, int64_t t, int64_t now);

/*
 * A day as members type it: « 24/08/2025 », « 2025-08-24 »,
 * « 24 août 2025 », « 1er avril 2025 », « mardi 1er avr. 2025 » (case
 * and accents do not matter). 0 with *y, *m (1-12), *d set, or -1 if it
 * is not a day that exists.
 */
int	 txt_date_parse_day(const char *, int *y, int *m, int *d);
/* An hour: « 9 h 30 », « 9h30 », « 14 h », « 14h », « 9:30 ». 0 or -1. */
int	 txt_date_parse_hour(const char *, int *h, int *min);
/*
 * A day and an optional hour, in Paris time: a day as above, then
 * nothing (default_hour h 00), « T14:30 » (ISO) or « à 14 h 30 ». Unix
 * time, or -1 if it is not one.
 */
int64_t	 txt_date_parse_when(const char *, int default_hour);

/*
 * A date said as precisely as it is known: "2024-03-12" from a day as
 * above; "2024-03" from « mars 2024 », « 03/2024 », « 2024-03 »; "2024"
 * from « 2024 ». 0 with out set, -1 if it is not a date (years
 * 1000-9999).
 */
int	 txt_date_parse(const char *s, char out[11]);
/* « 12 mars 2024 », « mars 2024 », « 2024 » from those; s itself if it
 * is none of them (and "" for NULL). */
void	 txt_date_label(const char *iso, char *buf, size_t size);

#endif /* PALABRE_TXT_DATE_H */
