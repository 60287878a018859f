/*
 * store_event_text.c - what is made from an exchange day without the
 * database: the labels of its date and place, the participants' list
 * and its iCalendar text (RFC 5545).
 *
 * Times are kept in UTC and shown in Paris time (text/txt_date.h). The
 * iCalendar text gives UTC times (« Z »): every calendar converts them,
 * no VTIMEZONE needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

#define ICS_LINE_MAX	75	/* octets of a content line, CRLF excluded */

static void	 ics_prop(struct buf *, const char *, const char *);
static void	 ics_time(char *, size_t, int64_t);
static void	 ics_categories(struct buf *, const char *);

void
store_event_when(const struct store_event *e, char *buf, size_t size)
{
	char day[TXT_DATE_MAX], from[TXT_DATE_MAX], to[TXT_DATE_MAX];

	txt_date_weekday(day, sizeof(day), e->starts_at);
	txt_date_hour(from, sizeof(from), e->starts_at);
	txt_date_hour(to, sizeof(to), e->ends_at);
	snprintf(buf, size, "%s, de %s à %s", day, from, to);
}

/* The last part of the address, without its postcode: the town. */
char *
store_event_town(const struct store_event *e)
{
	const char *p;

	if (e->place == NULL || e->place[0] == '\0')
		return xstrdup("en ligne");
	p = strrchr(e->place, ',');
	p = p != NULL ? p + 1 : e->place;
	p += strspn(p, " 0123456789");
	return xstrdup(p[0] != '\0' ? p : e->place);
}

const char *
store_event_where(const struct store_event *e)
{
	return e->place != NULL && e->place[0] != '\0' ? e->place :
	    "En ligne";
}

char *
store_event_participants_text(const struct store_event *e,
    const struct store_event_participant *l, size_t n)
{
	char when[128];
	struct buf b;
	size_t i, k = 0;
	int waiting = 0;

	store_event_when(e, when, sizeof(when));
	buf_init(&b);
	buf_printf(&b, "%s\n%s\n%s\n\n", e->title, when, store_event_where(e));
	buf_printf(&b, "Places prises : %lld", (long long)e->nregistered);
	if (e->capacity > 0)
		buf_printf(&b, " sur %lld", (long long)e->capacity);
	if (e->nwaiting > 0)
		buf_printf(&b, ", %lld en liste d'attente",
		    (long long)e->nwaiting);
	buf_adds(&b, "\n");
	for (i = 0; i < n; i++) {
		if (l[i].waiting && !waiting) {
			buf_adds(&b, "\nListe d'attente, dans l'ordre :\n");
			waiting = 1;
			k = 0;
		}
		buf_printf(&b, "%s%zu. %s (%s)", i == 0 ? "\n" : "", ++k,
		    l[i].name, l[i].login);
		if (l[i].organisation[0] != '\0')
			buf_printf(&b, " — %s", l[i].organisation);
		if (l[i].org_type[0] != '\0')
			buf_printf(&b, " (%s)", l[i].org_type);
		if (l[i].job[0] != '\0')
			buf_printf(&b, ", %s", l[i].job);
		if (l[i].territory[0] != '\0')
			buf_printf(&b, ", %s", l[i].territory);
		buf_adds(&b, "\n");
	}
	if (n == 0)
		buf_adds(&b, "\nPersonne n'est encore inscrit.\n");
	return buf_detach(&b);
}

/* --- iCalendar ------------------------------------------------------------ */

void
store_ics_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case ';':
			buf_adds(b, "\\;");
			break;
		case ',':
			buf_adds(b, "\\,");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			break;
		default:
			buf_add(b, s, 1);
		}
	}
}

/*
 * Fold: at most 75 octets a physical line, the continuation lines
 * starting with a space (which counts); a cut never falls inside a
 * UTF-8 sequence (never before a continuation byte 10xxxxxx).
 */
void
store_ics_line(struct buf *b, const char *line)
{
	size_t len = strlen(line), room = ICS_LINE_MAX, cut;

	while (len > room) {
		cut = room;
		while (cut > 0 && ((unsigned char)line[cut] & 0xc0) == 0x80)
			cut--;
		buf_add(b, line, cut);
		buf_adds(b, "\r\n ");
		line += cut;
		len -= cut;
		room = ICS_LINE_MAX - 1;
	}
	buf_add(b, line, len);
	buf_adds(b, "\r\n");
}

/* NAME:escaped value, folded. */
static void
ics_prop(struct buf *b, const char *name, const char *value)
{
	struct buf l;
	char *s;

	buf_init(&l);
	buf_printf(&l, "%s:", name);
	store_ics_escape(&l, value);
	s = buf_detach(&l);
	store_ics_line(b, s);
	free(s);
}

/* CATEGORIES from « Emploi ; Santé »: each escaped, commas between. */
static void
ics_categories(struct buf *b, const char *labels)
{
	struct buf d;
	char *copy, *p, *save = NULL, *s;
	size_t n;
	int first = 1;

	buf_init(&d);
	buf_adds(&d, "CATEGORIES:");
	copy = xstrdup(labels);
	for (p = strtok_r(copy, ";", &save); p != NULL;
	    p = strtok_r(NULL, ";", &save)) {
		p += strspn(p, " ");
		n = strlen(p);
		while (n > 0 && p[n - 1] == ' ')
			p[--n] = '\0';
		if (n == 0)
			continue;
		buf_adds(&d, first ? "" : ",");
		store_ics_escape(&d, p);
		first = 0;
	}
	free(copy);
	s = buf_detach(&d);
	store_ics_line(b, s);
	free(s);
}

/* 20250612T073000Z */
static void
ics_time(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y%m%dT%H%M%SZ", &tm);
}

char *
store_event_ics(const struct store_event *e, int64_t now)
{
	struct buf b, d;
	char t[32], *s;

	buf_init(&b);
	store_ics_line(&b, "BEGIN:VCALENDAR");
	store_ics_line(&b, "VERSION:2.0");
	store_ics_line(&b, "PRODID:-//Palabre//Journées d'échanges//FR");
	store_ics_line(&b, "CALSCALE:GREGORIAN");
	store_ics_line(&b, "METHOD:PUBLISH");
	store_ics_line(&b, "BEGIN:VEVENT");
	/* The id and the creation time: stable, and never reused by
	 * another event of another Palabre. */
	xasprintf(&s, "UID:journee-%lld-%lld@palabre", (long long)e->id,
	    (long long)e->created_at);
	store_ics_line(&b, s);
	free(s);
	ics_time(t, sizeof(t), now);
	xasprintf(&s, "DTSTAMP:%s", t);
	store_ics_line(&b, s);
	free(s);
	ics_time(t, sizeof(t), e->starts_at);
	xasprintf(&s, "DTSTART:%s", t);
	store_ics_line(&b, s);
	free(s);
	ics_time(t, sizeof(t), e->ends_at);
	xasprintf(&s, "DTEND:%s", t);
	store_ics_line(&b, s);
	free(s);
	ics_time(t, sizeof(t), e->updated_at);
	xasprintf(&s, "LAST-MODIFIED:%s", t);
	store_ics_line(&b, s);
	free(s);
	ics_prop(&b, "SUMMARY", e->title);
	ics_prop(&b, "LOCATION", e->place[0] != '\0' ? e->place :
	    e->link[0] != '\0' ? e->link : "En ligne");
	buf_init(&d);
	if (e->description != NULL && e->description[0] != '\0')
		buf_printf(&d, "%s\n\n", e->description);
	if (e->link[0] != '\0')
		buf_printf(&d, "Lien : %s\n", e->link);
	buf_printf(&d, "Organisation : %s%s%s%s", e->organiser_name,
	    e->organiser_org[0] != '\0' ? " (" : "", e->organiser_org,
	    e->organiser_org[0] != '\0' ? ")" : "");
	s = buf_detach(&d);
	ics_prop(&b, "DESCRIPTION", s);
	free(s);
	if (e->link[0] != '\0' && strchr(e->link, ':') != NULL &&
	    strpbrk(e->link, " \"") == NULL) {
		/* A URI value: not escaped, only folded. */
		xasprintf(&s, "URL:%s", e->link);
		store_ics_line(&b, s);
		free(s);
	}
	if (e->themes_label != NULL && e->themes_label[0] != '\0')
		ics_categories(&b, e->themes_label);
	store_ics_line(&b, e->cancelled_at != 0 ? "STATUS:CANCELLED" :
	    "STATUS:CONFIRMED");
	store_ics_line(&b, "END:VEVENT");
	store_ics_line(&b, "END:VCALENDAR");
	return buf_detach(&b);
}
