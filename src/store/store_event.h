/*
 * store_event.h - exchange days (journées d'échanges): the events, the
 * members registered to each with the waiting list, what they link to
 * (documents of the shelf, records of the catalogue), their follow-up
 * thread on the boards, and the texts made from them (the participants'
 * list, the iCalendar text). Included by store.h; implemented in
 * store_event.c (events, registrations) and store_event_text.c (Paris
 * time, labels, iCalendar).
 *
 * Model (db/0008_events.sql):
 * - An event's content is EF_NFIELDS strings as an organiser types them
 *   (enum store_event_field): the date and hours as txt_date.h reads
 *   them, in Paris time, the capacity as digits (empty: no limit),
 *   theme keys and the numbers of linked documents and records separated
 *   by spaces. store_event_submit() checks and turns them into the row.
 * - Organisers (role organisateur, and sysops) create events; the
 *   organiser of an event and sysops edit and cancel it. A cancelled
 *   event stays, shown « annulée », its registrations kept.
 * - Registration: one per member and event, until the deadline (the end
 *   of the day given, Paris time, or the start). Beyond capacity a
 *   member waits; when a registered member leaves (or the capacity
 *   grows), the first waiting moves up in the same transaction and is
 *   told once (store_event_news).
 * - Creating an event opens its follow-up thread on the board given
 *   (conf/boards.d/journees.conf), written by the organiser.
 */
#ifndef PALABRE_STORE_EVENT_H
#define PALABRE_STORE_EVENT_H

#include <stddef.h>
#include <stdint.h>

struct store_viewer;

enum store_event_field {
	EF_TITLE,
	EF_DATE,		/* « 12 juin 2025 », « 12/06/2025 » */
	EF_START,		/* « 9 h 30 », « 9:30 », Paris time */
	EF_END,			/* the same day */
	EF_PLACE,		/* address; "" for a remote session */
	EF_LINK,		/* the remote session's link, or "" */
	EF_CAPACITY,		/* digits; "" or "0": no limit */
	EF_DEADLINE,		/* a day; "": until the start */
	EF_AUDIENCE,
	EF_THEMES,		/* theme keys separated by spaces */
	EF_DOCS,		/* document numbers separated by spaces */
	EF_PRACTICES,		/* record numbers separated by spaces */
	EF_DESCRIPTION,		/* several paragraphs */
	EF_NFIELDS
};

struct store_event_field_info {
	const char	*key;		/* admin input and JSON: "title" */
	const char	*label;		/* « Titre » */
	size_t		 max;		/* bytes after cleaning */
	int		 multiline;
	int		 required;
};
extern const struct store_event_field_info store_event_fields[EF_NFIELDS];

/* A linked document or record, with its title now ("" if it is gone). */
struct store_event_link {
	int	 kind;			/* 0: document, 1: record */
	int64_t	 id;
	char	*title;
};

/* The viewer's registration. */
enum { EVENT_NONE, EVENT_REGISTERED, EVENT_WAITING };

struct store_event {
	int64_t	 id;
	char	*title;
	int64_t	 starts_at;
	int64_t	 ends_at;
	char	*place;
	char	*link;
	int64_t	 organiser_id;
	char	*organiser_login;
	char	*organiser_name;
	char	*organiser_org;
	char	*description;		/* NULL in lists */
	int64_t	 capacity;		/* 0: no limit */
	int64_t	 deadline;
	char	*audience;
	char	*themes;		/* keys */
	char	*themes_label;		/* « Emploi ; Santé » */
	int64_t	 cancelled_at;		/* 0: not cancelled */
	int64_t	 thread_id;		/* 0: none */
	int64_t	 created_at;
	int64_t	 updated_at;
	int64_t	 nregistered;
	int64_t	 nwaiting;
	int	 mine;			/* EVENT_NONE, _REGISTERED, _WAITING */
	int64_t	 rank;			/* EVENT_WAITING: 1 = next to move up */
	struct store_event_link *links;	/* store_event_get only */
	size_t	 nlinks;
};
void	 store_event_clear(struct store_event *);
void	 store_event_list_free(struct store_event *, size_t);

/* May this role create events? (organisateur, sysop) */
int	 store_event_can_create(int role);
/* May the viewer edit, cancel and see the participants of e? */
int	 store_event_can_manage(const struct store_viewer *,
	    const struct store_event *);

/*
 * Check an event's fields as typed (cleaned here first). 0 if they may
 * be saved; else *field is the first field at fault and the return says
 * why: STORE_EMPTY (a required field, or neither place nor link),
 * STORE_TOO_LONG, STORE_INVALID (a date, an hour, the end before the
 * start, a deadline after the day, a capacity, an unknown theme, a
 * number that names no document or no published record).
 */
int	 store_event_check(struct store *, const char *const f[EF_NFIELDS],
	    int *field);
/*
 * Save: id 0 creates an event organised by the viewer (*id set) and its
 * follow-up thread on board_key if that board exists (NULL: none);
 * otherwise the event *id gets these fields (its registrations kept;
 * a larger capacity moves waiting members up). Returns as
 * store_event_check, STORE_NOT_FOUND if there is no such event,
 * STORE_FORBIDDEN if the viewer may not create or edit it.
 */
int	 store_event_submit(struct store *, const struct store_viewer *,
	    int64_t *id, const char *const f[EF_NFIELDS], const char *board_key,
	    int *field);
/* An event's fields as an organiser types them (to edit it): f[] new
 * strings. */
void	 store_event_fields_of(const struct store_event *,
	    char *f[EF_NFIELDS]);
/* STORE_NOT_FOUND if there is none. mine and rank are the viewer's
 * (member_id 0: nobody's). */
int	 store_event_get(struct store *, int64_t member_id, int64_t id,
	    struct store_event *);

enum store_event_which {
	EVENTS_UPCOMING,	/* not ended at now, soonest first */
	EVENTS_PAST,		/* ended before now, latest first */
	EVENTS_MINE,		/* member_id registered or waiting, soonest
				 * first, the past ones after */
	EVENTS_ALL		/* by start */
};
/* At most max (0: all). */
int	 store_event_list(struct store *, int64_t member_id, int which,
	    int64_t now, size_t max, struct store_event **, size_t *);
int	 store_event_count(struct store *, int64_t *n);

/*
 * Register the viewer (member_id) at now: 0 with *waiting 0 (a place)
 * or 1 (on the waiting list). STORE_NOT_FOUND no such event,
 * STORE_EXISTS already registered or waiting, STORE_TOO_LATE
 * registration closed (deadline passed; force ignores it: a sysop's
 * command), STORE_CANCELLED, STORE_FORBIDDEN guests cannot.
 */
int	 store_event_register(struct store *, const struct store_viewer *,
	    int64_t id, int64_t now, int force, int *waiting);
/*
 * Unregister member_id: 0, with *promoted the member who moved up from
 * the waiting list in the same transaction (0: nobody); STORE_NOT_FOUND
 * if they were not registered, STORE_TOO_LATE if the event has started.
 */
int	 store_event_unregister(struct store *, int64_t member_id, int64_t id,
	    int64_t now, int64_t *promoted);
/* Cancel the event (STORE_FORBIDDEN: the viewer may not,
 * STORE_NOT_FOUND: none or cancelled already). Audit-logged. */
int	 store_event_cancel(struct store *, const struct store_viewer *,
	    int64_t id);

/* Erasure (in store_member_erase's transaction): member_id leaves every
 * event, those waiting move up, their drafts go. */
int	 store_event_forget(struct store *, int64_t member_id);

/* Events where member_id moved up from the waiting list and was not
 * told yet (soonest first); then mark them told. */
int	 store_event_news(struct store *, int64_t member_id,
	    struct store_event **, size_t *);
int	 store_event_news_seen(struct store *, int64_t member_id);

struct store_event_participant {
	int64_t	 member_id;
	char	*login;
	char	*name;
	char	*organisation;	/* "" if hidden from the viewer */
	char	*org_type;	/* its label, "" if hidden or unset */
	char	*job;		/* "" if hidden */
	char	*territory;	/* « 93 Seine-Saint-Denis », "" if hidden */
	int64_t	 registered_at;
	int	 waiting;
};
void	 store_event_participant_list_free(struct store_event_participant *,
	    size_t);
/*
 * The registered members then those waiting (in order), with what the
 * directory lets the viewer see of them (store_profile_get).
 * STORE_FORBIDDEN if the viewer may not manage the event,
 * STORE_NOT_FOUND if there is none.
 */
int	 store_event_participants(struct store *, const struct store_viewer *,
	    int64_t id, struct store_event_participant **, size_t *);
/* The list as plain text, to copy (new string). */
char	*store_event_participants_text(const struct store_event *,
	    const struct store_event_participant *, size_t);

/* The organiser's form (id 0: a new event): saved as typed. find: 0 with
 * f[] set (free each), STORE_NOT_FOUND if there is none. save:
 * STORE_DRAFT_SENT if the draft was sent after `since` (as
 * store_practice_draft_save). */
int	 store_event_draft_save(struct store *, int64_t member_id, int64_t id,
	    int64_t since, const char *const f[EF_NFIELDS]);
int	 store_event_draft_find(struct store *, int64_t member_id, int64_t id,
	    char *f[EF_NFIELDS]);
int	 store_event_draft_delete(struct store *, int64_t member_id,
	    int64_t id);

/* --- Text (store_event_text.c) ------------------------------------------ */

/* « jeudi 12 juin 2025, de 9 h 30 à 17 h » */
void	 store_event_when(const struct store_event *, char *, size_t);
/* « Lyon » from « 20 rue Sala, 69002 Lyon », « en ligne »: new string. */
char	*store_event_town(const struct store_event *);
/* « Lyon, ... » or « En ligne » */
const char *store_event_where(const struct store_event *);

/* RFC 5545: a TEXT value escaped (backslash, semicolon, comma, newline)
 * and a content line folded at 75 octets without cutting a UTF-8
 * character, CRLF after each physical line, appended to b. */
struct buf;
void	 store_ics_escape(struct buf *, const char *);
void	 store_ics_line(struct buf *, const char *);
/* The event as an iCalendar object (CRLF line ends): UID stable per
 * event, times in UTC, DTSTAMP now. A new string. */
char	*store_event_ics(const struct store_event *, int64_t now);

#endif /* PALABRE_STORE_EVENT_H */
