/*
 * store_event.c - exchange days: checking and saving events, reading
 * them, the lists, registrations with the waiting list, cancelling, the
 * participants' list and the organisers' drafts.
 *
 * Invariants kept here, in the transaction of every change: an event
 * with a capacity has at most that many registrations not waiting, and
 * nobody waits while a place is free unless the event is cancelled
 * (ev_promote runs after every change that frees a place or adds
 * one); the waiting list's order is the registrations' id order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_board_private.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#define DESCRIPTION_MAX	(16 * 1024)
#define LINKS_MAX	20		/* documents, records: each */

const struct store_event_field_info store_event_fields[EF_NFIELDS] = {
	[EF_TITLE] = { "title", "Titre", 200, 0, 1 },
	[EF_DATE] = { "date", "Date", 40, 0, 1 },
	[EF_START] = { "start", "Début (heure)", 16, 0, 1 },
	[EF_END] = { "end", "Fin (heure)", 16, 0, 1 },
	[EF_PLACE] = { "place", "Lieu (adresse)", 300, 0, 0 },
	[EF_LINK] = { "link", "Lien de la visioconférence", 500, 0, 0 },
	[EF_CAPACITY] = { "capacity", "Nombre de places", 5, 0, 0 },
	[EF_DEADLINE] = { "deadline", "Clôture des inscriptions", 40, 0, 0 },
	[EF_AUDIENCE] = { "audience", "Public visé", 500, 0, 0 },
	[EF_THEMES] = { "themes", "Thèmes", 400, 0, 0 },
	[EF_DOCS] = { "docs", "Documents de la bibliothèque (numéros)", 200,
	    0, 0 },
	[EF_PRACTICES] = { "practices", "Fiches du catalogue (numéros)", 200,
	    0, 0 },
	[EF_DESCRIPTION] = { "description", "Présentation", DESCRIPTION_MAX,
	    1, 1 },
};

/* What the fields give once checked. */
struct ev_row {
	int64_t	 starts_at;
	int64_t	 ends_at;
	int64_t	 deadline;
	int64_t	 capacity;
	int64_t	 links[2][LINKS_MAX];	/* documents, records */
	size_t	 nlinks[2];
};

/* The columns of an event, from event e and member o (?1: the viewer). */
#define EV_COLUMNS "e.id, e.title, e.starts_at, e.ends_at, e.place, " \
	"e.link, e.organiser_id, o.login, " STORE_AUTHOR_NAME("o") ", " \
	"o.organisation, e.capacity, e.deadline, e.audience, e.themes, " \
	"e.cancelled_at, COALESCE(e.thread_id, 0), e.created_at, " \
	"e.updated_at, (SELECT COUNT(*) FROM event_registration r WHERE " \
	"r.event_id = e.id AND r.waiting = 0), (SELECT COUNT(*) FROM " \
	"event_registration r WHERE r.event_id = e.id AND r.waiting = 1), " \
	"COALESCE((SELECT CASE WHEN r.waiting THEN 2 ELSE 1 END FROM " \
	"event_registration r WHERE r.event_id = e.id AND r.member_id = ?1), " \
	"0), (SELECT COUNT(*) FROM event_registration w JOIN " \
	"event_registration me ON me.event_id = w.event_id WHERE " \
	"me.event_id = e.id AND me.member_id = ?1 AND me.waiting = 1 AND " \
	"w.waiting = 1 AND w.id <= me.id)"
#define EV_FROM " FROM event e JOIN member o ON o.id = e.organiser_id "

static const char ev_get[] = "SELECT " EV_COLUMNS ", e.description"
    EV_FROM "WHERE e.id = ?2";
static const char ev_upcoming[] = "SELECT " EV_COLUMNS EV_FROM
    "WHERE e.ends_at > ?2 ORDER BY e.starts_at, e.id LIMIT ?3";
static const char ev_past[] = "SELECT " EV_COLUMNS EV_FROM
    "WHERE e.ends_at <= ?2 ORDER BY e.starts_at DESC, e.id DESC LIMIT ?3";
static const char ev_mine[] = "SELECT " EV_COLUMNS EV_FROM
    "WHERE EXISTS (SELECT 1 FROM event_registration r WHERE r.event_id = "
    "e.id AND r.member_id = ?1) ORDER BY e.ends_at <= ?2, CASE WHEN "
    "e.ends_at > ?2 THEN e.starts_at ELSE -e.starts_at END, e.id LIMIT ?3";
static const char ev_all[] = "SELECT " EV_COLUMNS EV_FROM
    "WHERE ?2 = ?2 ORDER BY e.starts_at, e.id LIMIT ?3";
static const char ev_news[] = "SELECT " EV_COLUMNS EV_FROM
    "WHERE EXISTS (SELECT 1 FROM event_registration r WHERE r.event_id = "
    "e.id AND r.member_id = ?1 AND r.told = 0 AND r.waiting = 0) AND "
    "?2 = ?2 ORDER BY e.starts_at, e.id LIMIT ?3";

static int	 ev_clean(int, const char *, char **);
static int	 ev_check(struct store *, const char *const *, char **,
		    struct ev_row *, int *);
static int	 ev_numbers(struct store *, int, const char *, int64_t *,
		    size_t *);
static int	 ev_exists(struct store *, const char *, const char *);
static int	 ev_links_set(struct store *, int64_t, const struct ev_row *);
static int	 ev_links_get(struct store *, struct store_event *);
static int	 ev_promote(struct store *, int64_t, int64_t, int64_t *);
static int	 ev_thread(struct store *, const struct store_viewer *,
		    int64_t, const char *, const char *const *);
static void	 ev_row(struct store_stmt *, void *);
static void	 ev_clear_v(void *);
static void	 ev_themes_label(struct store *, struct store_event *);
static int	 ev_exec(struct store *, const char *, int64_t, int64_t);
static void	 part_clear_v(void *);

void
store_event_clear(struct store_event *e)
{
	size_t i;

	if (e == NULL)
		return;
	free(e->title);
	free(e->place);
	free(e->link);
	free(e->organiser_login);
	free(e->organiser_name);
	free(e->organiser_org);
	free(e->description);
	free(e->audience);
	free(e->themes);
	free(e->themes_label);
	for (i = 0; i < e->nlinks; i++)
		free(e->links[i].title);
	free(e->links);
	memset(e, 0, sizeof(*e));
}

static void
ev_clear_v(void *p)
{
	store_event_clear(p);
}

void
store_event_list_free(struct store_event *l, size_t n)
{
	store_list_free(l, n, sizeof(*l), ev_clear_v);
}

int
store_event_can_create(int role)
{
	return role == ROLE_ORGANISATEUR || role == ROLE_SYSOP;
}

int
store_event_can_manage(const struct store_viewer *v,
    const struct store_event *e)
{
	return v->role == ROLE_SYSOP || (v->member_id != 0 &&
	    v->member_id == e->organiser_id);
}

static void
ev_row(struct store_stmt *st, void *p)
{
	struct store_event *e = p;

	e->id = store_column_int64(st, 0);
	e->title = store_column_str(st, 1);
	e->starts_at = store_column_int64(st, 2);
	e->ends_at = store_column_int64(st, 3);
	e->place = store_column_str(st, 4);
	e->link = store_column_str(st, 5);
	e->organiser_id = store_column_int64(st, 6);
	e->organiser_login = store_column_str(st, 7);
	e->organiser_name = store_column_str(st, 8);
	e->organiser_org = store_column_str(st, 9);
	e->capacity = store_column_int64(st, 10);
	e->deadline = store_column_int64(st, 11);
	e->audience = store_column_str(st, 12);
	e->themes = store_column_str(st, 13);
	e->cancelled_at = store_column_int64(st, 14);
	e->thread_id = store_column_int64(st, 15);
	e->created_at = store_column_int64(st, 16);
	e->updated_at = store_column_int64(st, 17);
	e->nregistered = store_column_int64(st, 18);
	e->nwaiting = store_column_int64(st, 19);
	e->mine = store_column_int(st, 20);
	e->rank = store_column_int64(st, 21);
	if (store_column_count(st) > 22)
		e->description = store_column_str(st, 22);
}

/* « Accès aux droits ; Emploi » from the keys. */
static void
ev_themes_label(struct store *s, struct store_event *e)
{
	struct buf b;
	char *copy, *k, *save = NULL, *label;

	buf_init(&b);
	copy = xstrdup(e->themes != NULL ? e->themes : "");
	for (k = strtok_r(copy, " ", &save); k != NULL;
	    k = strtok_r(NULL, " ", &save)) {
		if ((label = store_theme_label(s, k)) == NULL)
			continue;
		buf_printf(&b, "%s%s", b.len > 0 ? " ; " : "", label);
		free(label);
	}
	free(copy);
	buf_add(&b, "", 1);
	free(e->themes_label);
	e->themes_label = buf_detach(&b);
}

/* --- Checking ---------------------------------------------------------------- */

/* Clean field i into *out (always set): 0, or STORE_TOO_LONG. */
static int
ev_clean(int i, const char *in, char **out)
{
	const struct store_event_field_info *fi = &store_event_fields[i];
	char *t;
	size_t n;

	in = in != NULL ? in : "";
	t = txt_clean(in, strlen(in), fi->multiline ? TXT_MULTILINE : 0, 0,
	    NULL);
	n = strlen(t);
	while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
		t[--n] = '\0';
	*out = t;
	return n > fi->max ? STORE_TOO_LONG : 0;
}

/* 1 if the query (?1 text) finds a row, 0 if not, -1. */
static int
ev_exists(struct store *s, const char *sql, const char *key)
{
	struct store_stmt *st;
	int r;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_text(s, st, 1, key) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	store_done(st);
	return r == STORE_STEP_ROW ? 1 : r == STORE_STEP_DONE ? 0 : -1;
}

/*
 * The numbers of s (spaces or commas between, « n° » allowed) into
 * ids: documents (kind 0) that exist, records (1) published. 0,
 * STORE_INVALID if one is not, -1.
 */
static int
ev_numbers(struct store *s, int kind, const char *in, int64_t *ids,
    size_t *n)
{
	static const char doc[] = "SELECT 1 FROM doc WHERE id = ?1";
	static const char practice[] = "SELECT 1 FROM practice WHERE "
	    "id = ?1 AND state = 'publiee'";
	char *copy, *w, *save = NULL, *end;
	long long v;
	size_t i;
	int r, rc = 0;

	*n = 0;
	copy = xstrdup(in);
	for (w = strtok_r(copy, " ,;", &save); w != NULL && rc == 0;
	    w = strtok_r(NULL, " ,;", &save)) {
		if (strcmp(w, "n°") == 0)
			continue;
		if (strncmp(w, "n°", 3) == 0)
			w += 3;
		v = strtoll(w, &end, 10);
		if (*end != '\0' || v <= 0 || *n == LINKS_MAX) {
			rc = STORE_INVALID;
			break;
		}
		for (i = 0; i < *n && ids[i] != v; i++)
			;
		if (i < *n)
			continue;
		if ((r = ev_exists(s, kind == 0 ? doc : practice, w)) != 1)
			rc = r == 0 ? STORE_INVALID : -1;
		else
			ids[(*n)++] = v;
	}
	free(copy);
	return rc;
}

/* Clean and check in[] into out[] (always filled) and row. */
static int
ev_check(struct store *s, const char *const *in, char **out,
    struct ev_row *row, int *field)
{
	static const char theme[] = "SELECT 1 FROM theme WHERE key = ?1";
	int i, r, y, m, d, h, mi, h2, mi2, rc = 0;
	char *copy, *k, *save = NULL, *end;
	long long cap;

	memset(row, 0, sizeof(*row));
	*field = -1;
	for (i = 0; i < EF_NFIELDS; i++)
		if (ev_clean(i, in[i], &out[i]) != 0 && rc == 0) {
			rc = STORE_TOO_LONG;
			*field = i;
		}
	if (rc != 0)
		return rc;
	for (i = 0; i < EF_NFIELDS; i++)
		if (store_event_fields[i].required && out[i][0] == '\0') {
			*field = i;
			return STORE_EMPTY;
		}
	if (out[EF_PLACE][0] == '\0' && out[EF_LINK][0] == '\0') {
		*field = EF_PLACE;
		return STORE_EMPTY;
	}
	*field = EF_DATE;
	if (txt_date_parse_day(out[EF_DATE], &y, &m, &d) != 0)
		return STORE_INVALID;
	*field = EF_START;
	if (txt_date_parse_hour(out[EF_START], &h, &mi) != 0)
		return STORE_INVALID;
	*field = EF_END;
	if (txt_date_parse_hour(out[EF_END], &h2, &mi2) != 0 ||
	    h2 * 60 + mi2 <= h * 60 + mi)
		return STORE_INVALID;
	row->starts_at = txt_date_paris(y, m, d, h, mi);
	row->ends_at = txt_date_paris(y, m, d, h2, mi2);
	row->deadline = row->starts_at;
	if (out[EF_DEADLINE][0] != '\0') {
		*field = EF_DEADLINE;
		if (txt_date_parse_day(out[EF_DEADLINE], &y, &m, &d) != 0)
			return STORE_INVALID;
		/* The whole day given, but never after the start. */
		row->deadline = txt_date_paris(y, m, d, 23, 59) + 59;
		if (row->deadline > row->starts_at)
			return STORE_INVALID;
	}
	*field = EF_CAPACITY;
	if (out[EF_CAPACITY][0] != '\0') {
		cap = strtoll(out[EF_CAPACITY], &end, 10);
		if (*end != '\0' || cap < 0 || cap > 99999)
			return STORE_INVALID;
		row->capacity = cap;
	}
	*field = EF_THEMES;
	copy = xstrdup(out[EF_THEMES]);
	for (k = strtok_r(copy, " ", &save); k != NULL && rc == 0;
	    k = strtok_r(NULL, " ", &save))
		if ((r = ev_exists(s, theme, k)) != 1)
			rc = r == 0 ? STORE_INVALID : -1;
	free(copy);
	if (rc != 0)
		return rc;
	*field = EF_DOCS;
	if ((rc = ev_numbers(s, 0, out[EF_DOCS], row->links[0],
	    &row->nlinks[0])) != 0)
		return rc;
	*field = EF_PRACTICES;
	if ((rc = ev_numbers(s, 1, out[EF_PRACTICES], row->links[1],
	    &row->nlinks[1])) != 0)
		return rc;
	*field = -1;
	return 0;
}

int
store_event_check(struct store *s, const char *const f[EF_NFIELDS],
    int *field)
{
	char *out[EF_NFIELDS];
	struct ev_row row;
	int i, rc;

	rc = ev_check(s, f, out, &row, field);
	for (i = 0; i < EF_NFIELDS; i++)
		free(out[i]);
	return rc;
}

/* --- Saving ------------------------------------------------------------------ */

/* Run sql with ?1 a and ?2 b. */
static int
ev_exec(struct store *s, const char *sql, int64_t a, int64_t b)
{
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, a) != 0 ||
	    store_bind_int64(s, st, 2, b) != 0) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

static int
ev_links_set(struct store *s, int64_t id, const struct ev_row *row)
{
	static const char del[] = "DELETE FROM event_link WHERE event_id = ?1 "
	    "AND ?2 = ?2";
	static const char ins[] = "INSERT INTO event_link (event_id, kind, "
	    "target_id, position) VALUES (?1, ?2, ?3, ?4)";
	struct store_stmt *st;
	size_t k, i;

	if (ev_exec(s, del, id, 0) != 0)
		return -1;
	for (k = 0; k < 2; k++)
		for (i = 0; i < row->nlinks[k]; i++) {
			if ((st = store_prepare(s, ins)) == NULL)
				return -1;
			if (store_bind_int64(s, st, 1, id) != 0 ||
			    store_bind_text(s, st, 2, k == 0 ? "doc" :
			    "practice") != 0 ||
			    store_bind_int64(s, st, 3, row->links[k][i]) != 0 ||
			    store_bind_int64(s, st, 4, (int64_t)i) != 0) {
				store_done(st);
				return -1;
			}
			if (store_run(s, st) != 0)
				return -1;
		}
	return 0;
}

/*
 * Fill free places from the waiting list, first come first: while the
 * event is not cancelled and has room. *first gets the first member
 * moved up (0: none). Inside a transaction.
 */
static int
ev_promote(struct store *s, int64_t id, int64_t now, int64_t *first)
{
	static const char sql[] = "UPDATE event_registration SET waiting = 0, "
	    "promoted_at = ?2, told = 0 WHERE id = (SELECT r.id FROM "
	    "event_registration r JOIN event e ON e.id = r.event_id WHERE "
	    "r.event_id = ?1 AND r.waiting = 1 AND e.cancelled_at = 0 AND "
	    "(e.capacity = 0 OR (SELECT COUNT(*) FROM event_registration x "
	    "WHERE x.event_id = ?1 AND x.waiting = 0) < e.capacity) "
	    "ORDER BY r.id LIMIT 1) RETURNING member_id";
	struct store_stmt *st;
	int64_t moved;
	int r;

	if (first != NULL)
		*first = 0;
	for (;;) {
		if ((st = store_prepare(s, sql)) == NULL)
			return -1;
		if (store_bind_int64(s, st, 1, id) != 0 ||
		    store_bind_int64(s, st, 2, now) != 0) {
			store_done(st);
			return -1;
		}
		r = store_step(s, st);
		moved = r == STORE_STEP_ROW ? store_column_int64(st, 0) : 0;
		if (moved != 0 && first != NULL && *first == 0)
			*first = moved;
		store_done(st);
		if (r != STORE_STEP_ROW)
			return r == STORE_STEP_DONE ? 0 : -1;
		/* Told at once if connected, as well as at Accueil. */
		if (store_notice_add(s, moved, NOTICE_PLACE, 0, id) != 0)
			return -1;
	}
}

/* The follow-up thread of a new event, by the organiser (v). 0, or 1
 * if there is no such board open to them (no thread then). */
static int
ev_thread(struct store *s, const struct store_viewer *v, int64_t id,
    const char *board_key, const char *const *out)
{
	static const char link[] = "UPDATE event SET thread_id = ?2 "
	    "WHERE id = ?1";
	struct store_event e;
	struct store_board b;
	char when[128], *title, *cut, *body;
	int64_t thread_id, post_id;
	int r;

	memset(&b, 0, sizeof(b));
	if (board_key == NULL || store_board_by_key(s, v, board_key, &b) != 0)
		return 1;
	if (b.archived_at != 0) {
		store_board_clear(&b);
		return 1;
	}
	memset(&e, 0, sizeof(e));
	if (store_event_get(s, v->member_id, id, &e) != 0) {
		store_board_clear(&b);
		return -1;
	}
	txt_date_day(when, sizeof(when), e.starts_at);
	xasprintf(&title, "Journée du %s : %s", when, out[EF_TITLE]);
	cut = txt_trunc(title, 90);
	free(title);
	store_event_when(&e, when, sizeof(when));
	xasprintf(&body, "Le fil de la journée d'échanges « %s » (n° %lld), "
	    "%s, %s.\n\nAvant la journée : vos questions, ce que vous "
	    "aimeriez y trouver. Après : vos comptes rendus, les documents "
	    "présentés, les suites à donner.", out[EF_TITLE], (long long)id,
	    when, store_event_where(&e));
	r = store_thread_new(s, v, b.id, cut, body, &thread_id, &post_id);
	free(cut);
	free(body);
	store_event_clear(&e);
	store_board_clear(&b);
	if (r != 0)
		return r == -1 ? -1 : 1;
	return ev_exec(s, link, id, thread_id);
}

int
store_event_submit(struct store *s, const struct store_viewer *v,
    int64_t *id, const char *const f[EF_NFIELDS], const char *board_key,
    int *field)
{
	static const char ins[] = "INSERT INTO event (title, starts_at, "
	    "ends_at, place, link, organiser_id, description, capacity, "
	    "deadline, audience, themes, created_at, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12) "
	    "RETURNING id";
	static const char upd[] = "UPDATE event SET title = ?1, starts_at = ?2, "
	    "ends_at = ?3, place = ?4, link = ?5, description = ?7, "
	    "capacity = ?8, deadline = ?9, audience = ?10, themes = ?11, "
	    "updated_at = ?12 WHERE id = ?6";
	char *out[EF_NFIELDS], ids[32];
	struct store_event e;
	struct ev_row row;
	struct store_stmt *st = NULL;
	int64_t now = now_sec();
	int i, rc;

	memset(&e, 0, sizeof(e));
	if ((rc = ev_check(s, f, out, &row, field)) != 0)
		goto out;
	if (*id == 0 && !store_event_can_create(v->role)) {
		rc = STORE_FORBIDDEN;
		goto out;
	}
	if (*id != 0) {
		if ((rc = store_event_get(s, 0, *id, &e)) != 0)
			goto out;
		if (!store_event_can_manage(v, &e)) {
			rc = STORE_FORBIDDEN;
			goto out;
		}
	}
	if (store_begin(s) != 0) {
		rc = -1;
		goto out;
	}
	if ((st = store_prepare(s, *id == 0 ? ins : upd)) == NULL)
		goto fail;
	if (store_bind_text(s, st, 1, out[EF_TITLE]) != 0 ||
	    store_bind_int64(s, st, 2, row.starts_at) != 0 ||
	    store_bind_int64(s, st, 3, row.ends_at) != 0 ||
	    store_bind_text(s, st, 4, out[EF_PLACE]) != 0 ||
	    store_bind_text(s, st, 5, out[EF_LINK]) != 0 ||
	    store_bind_int64(s, st, 6, *id == 0 ? v->member_id : *id) != 0 ||
	    store_bind_text(s, st, 7, out[EF_DESCRIPTION]) != 0 ||
	    store_bind_int64(s, st, 8, row.capacity) != 0 ||
	    store_bind_int64(s, st, 9, row.deadline) != 0 ||
	    store_bind_text(s, st, 10, out[EF_AUDIENCE]) != 0 ||
	    store_bind_text(s, st, 11, out[EF_THEMES]) != 0 ||
	    store_bind_int64(s, st, 12, now) != 0) {
		store_done(st);
		goto fail;
	}
	if ((*id == 0 ? store_insert(s, st, id) : store_run(s, st)) != 0)
		goto fail;
	if (ev_links_set(s, *id, &row) != 0 ||
	    ev_promote(s, *id, now, NULL) != 0)
		goto fail;
	if (e.id == 0 && ev_thread(s, v, *id, board_key,
	    (const char *const *)out) == -1)
		goto fail;
	snprintf(ids, sizeof(ids), "%lld", (long long)*id);
	if (store_audit(s, v->member_id, e.id == 0 ? "event.create" :
	    "event.edit", ids, out[EF_TITLE]) != 0)
		goto fail;
	rc = store_commit(s) == 0 ? 0 : -1;
	goto out;
fail:
	store_rollback(s);
	rc = -1;
out:
	for (i = 0; i < EF_NFIELDS; i++)
		free(out[i]);
	store_event_clear(&e);
	return rc;
}

void
store_event_fields_of(const struct store_event *e, char *f[EF_NFIELDS])
{
	char s[TXT_DATE_MAX];
	struct buf b[2];
	size_t i;
	int k;

	for (k = 0; k < EF_NFIELDS; k++)
		f[k] = NULL;
	/* As members read them: the form reads them back. */
	txt_date_day(s, sizeof(s), e->starts_at);
	f[EF_DATE] = xstrdup(s);
	txt_date_hour(s, sizeof(s), e->starts_at);
	f[EF_START] = xstrdup(s);
	txt_date_hour(s, sizeof(s), e->ends_at);
	f[EF_END] = xstrdup(s);
	if (e->deadline < e->starts_at) {
		txt_date_day(s, sizeof(s), e->deadline);
		f[EF_DEADLINE] = xstrdup(s);
	} else
		f[EF_DEADLINE] = xstrdup("");
	f[EF_TITLE] = xstrdup(e->title);
	f[EF_PLACE] = xstrdup(e->place);
	f[EF_LINK] = xstrdup(e->link);
	if (e->capacity > 0)
		xasprintf(&f[EF_CAPACITY], "%lld", (long long)e->capacity);
	else
		f[EF_CAPACITY] = xstrdup("");
	f[EF_AUDIENCE] = xstrdup(e->audience);
	f[EF_THEMES] = xstrdup(e->themes);
	f[EF_DESCRIPTION] = xstrdup(e->description != NULL ?
	    e->description : "");
	buf_init(&b[0]);
	buf_init(&b[1]);
	for (i = 0; i < e->nlinks; i++)
		buf_printf(&b[e->links[i].kind], "%s%lld",
		    b[e->links[i].kind].len > 0 ? " " : "",
		    (long long)e->links[i].id);
	buf_add(&b[0], "", 1);
	buf_add(&b[1], "", 1);
	f[EF_DOCS] = buf_detach(&b[0]);
	f[EF_PRACTICES] = buf_detach(&b[1]);
}

/* --- Reading ------------------------------------------------------------------ */

/* The linked documents and records, with their titles now. */
static int
ev_links_get(struct store *s, struct store_event *e)
{
	static const char sql[] = "SELECT l.kind = 'practice', l.target_id, "
	    "COALESCE(d.title, p.title, '') FROM event_link l LEFT JOIN doc d "
	    "ON l.kind = 'doc' AND d.id = l.target_id LEFT JOIN practice p ON "
	    "l.kind = 'practice' AND p.id = l.target_id AND p.state = "
	    "'publiee' WHERE l.event_id = ?1 ORDER BY l.kind, l.position";
	struct store_stmt *st;
	int r;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, e->id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		e->links = xreallocarray(e->links, e->nlinks + 1,
		    sizeof(*e->links));
		e->links[e->nlinks].kind = store_column_int(st, 0);
		e->links[e->nlinks].id = store_column_int64(st, 1);
		e->links[e->nlinks].title = store_column_str(st, 2);
		e->nlinks++;
	}
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

int
store_event_get(struct store *s, int64_t member_id, int64_t id,
    struct store_event *e)
{
	struct store_stmt *st;
	int r;

	memset(e, 0, sizeof(*e));
	if ((st = store_prepare(s, ev_get)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		ev_row(st, e);
	store_done(st);
	if (r != STORE_STEP_ROW)
		return r == STORE_STEP_DONE ? 1 : -1;
	ev_themes_label(s, e);
	if (ev_links_get(s, e) != 0) {
		store_event_clear(e);
		return -1;
	}
	return 0;
}

int
store_event_list(struct store *s, int64_t member_id, int which,
    int64_t now, size_t max, struct store_event **list, size_t *n)
{
	static const char *const sqls[] = {
		[EVENTS_UPCOMING] = ev_upcoming,
		[EVENTS_PAST] = ev_past,
		[EVENTS_MINE] = ev_mine,
		[EVENTS_ALL] = ev_all,
	};
	struct store_stmt *st;
	void *l = NULL;
	size_t i;
	int rc;

	*list = NULL;
	*n = 0;
	if (which < 0 || which > EVENTS_ALL)
		return -1;
	if ((st = store_prepare(s, sqls[which])) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, now) != 0 ||
	    store_bind_int64(s, st, 3, max == 0 ? -1 : (int64_t)max) != 0) {
		store_done(st);
		return -1;
	}
	rc = store_rows(s, st, sizeof(**list), ev_row, ev_clear_v, &l, n);
	*list = l;
	for (i = 0; rc == 0 && i < *n; i++)
		ev_themes_label(s, &(*list)[i]);
	return rc;
}

int
store_event_count(struct store *s, int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM event";
	struct store_stmt *st;
	int r;

	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		*n = store_column_int64(st, 0);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : -1;
}

/* --- Registrations ----------------------------------------------------------- */

int
store_event_register(struct store *s, const struct store_viewer *v,
    int64_t id, int64_t now, int force, int *waiting)
{
	static const char ins[] = "INSERT INTO event_registration (event_id, "
	    "member_id, registered_at, waiting) VALUES (?1, ?2, ?3, ?4)";
	struct store_event e;
	struct store_stmt *st;
	int rc, r;

	*waiting = 0;
	if (v->role == ROLE_INVITE)
		return STORE_FORBIDDEN;
	if (store_begin(s) != 0)
		return -1;
	/* Read and write in one transaction: two members taking the last
	 * place at once cannot both have it. */
	if ((rc = store_event_get(s, v->member_id, id, &e)) != 0)
		goto done;
	if (e.cancelled_at != 0)
		rc = STORE_CANCELLED;
	else if (e.mine != EVENT_NONE)
		rc = STORE_EXISTS;
	else if (!force && now > e.deadline)
		rc = STORE_TOO_LATE;
	if (rc != 0)
		goto done;
	*waiting = e.capacity > 0 && e.nregistered >= e.capacity;
	if ((st = store_prepare(s, ins)) == NULL) {
		rc = -1;
		goto done;
	}
	if (store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, v->member_id) != 0 ||
	    store_bind_int64(s, st, 3, now) != 0 ||
	    store_bind_int64(s, st, 4, *waiting) != 0) {
		store_done(st);
		rc = -1;
		goto done;
	}
	r = store_run(s, st);
	rc = r == 0 ? 0 : -1;
done:
	store_event_clear(&e);
	if (rc != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s) == 0 ? 0 : -1;
}

int
store_event_unregister(struct store *s, int64_t member_id, int64_t id,
    int64_t now, int64_t *promoted)
{
	static const char del[] = "DELETE FROM event_registration WHERE "
	    "event_id = ?1 AND member_id = ?2";
	struct store_event e;
	int rc;

	*promoted = 0;
	if (store_begin(s) != 0)
		return -1;
	if ((rc = store_event_get(s, member_id, id, &e)) == 0) {
		if (e.mine == EVENT_NONE)
			rc = 1;
		else if (now >= e.starts_at)
			rc = STORE_TOO_LATE;
		else if (ev_exec(s, del, id, member_id) != 0 ||
		    ev_promote(s, id, now, promoted) != 0)
			rc = -1;
	}
	store_event_clear(&e);
	if (rc != 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s) == 0 ? 0 : -1;
}

int
store_event_cancel(struct store *s, const struct store_viewer *v, int64_t id)
{
	static const char sql[] = "UPDATE event SET cancelled_at = ?2, "
	    "updated_at = ?2 WHERE id = ?1 AND cancelled_at = 0";
	struct store_event e;
	char ids[32];
	int rc;

	if ((rc = store_event_get(s, 0, id, &e)) != 0)
		return rc;
	if (!store_event_can_manage(v, &e))
		rc = STORE_FORBIDDEN;
	else if (e.cancelled_at != 0)
		rc = 1;
	store_event_clear(&e);
	if (rc != 0)
		return rc;
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	if (store_begin(s) != 0)
		return -1;
	if (ev_exec(s, sql, id, now_sec()) != 0 ||
	    store_audit(s, v->member_id, "event.cancel", ids, "") != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s) == 0 ? 0 : -1;
}

int
store_event_news(struct store *s, int64_t member_id,
    struct store_event **list, size_t *n)
{
	struct store_stmt *st;
	void *l = NULL;
	int rc;

	*list = NULL;
	*n = 0;
	if ((st = store_prepare(s, ev_news)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, 0) != 0 ||
	    store_bind_int64(s, st, 3, -1) != 0) {
		store_done(st);
		return -1;
	}
	rc = store_rows(s, st, sizeof(**list), ev_row, ev_clear_v, &l, n);
	*list = l;
	return rc;
}

int
store_event_news_seen(struct store *s, int64_t member_id)
{
	static const char sql[] = "UPDATE event_registration SET told = 1 "
	    "WHERE member_id = ?1 AND told = 0 AND ?2 = ?2";

	return ev_exec(s, sql, member_id, 0);
}

/*
 * Erasure (store_member_erase, in its transaction): the member leaves
 * every event, the places they free go to those waiting, their drafts
 * go.
 */
int
store_event_forget(struct store *s, int64_t member_id)
{
	static const char which[] = "SELECT event_id FROM event_registration "
	    "WHERE member_id = ?1 ORDER BY event_id";
	static const char del[] = "DELETE FROM event_registration WHERE "
	    "member_id = ?1 AND ?2 = ?2";
	static const char drafts[] = "DELETE FROM event_draft WHERE "
	    "member_id = ?1 AND ?2 = ?2";
	struct store_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int r;

	if ((st = store_prepare(s, which)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = store_column_int64(st, 0);
	}
	store_done(st);
	if (r != STORE_STEP_DONE || ev_exec(s, del, member_id, 0) != 0 ||
	    ev_exec(s, drafts, member_id, 0) != 0) {
		free(ids);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (ev_promote(s, ids[i], now_sec(), NULL) != 0) {
			free(ids);
			return -1;
		}
	free(ids);
	return 0;
}

/* --- Participants ------------------------------------------------------------- */

static void
part_clear_v(void *p)
{
	struct store_event_participant *a = p;

	free(a->login);
	free(a->name);
	free(a->organisation);
	free(a->org_type);
	free(a->job);
	free(a->territory);
	memset(a, 0, sizeof(*a));
}

void
store_event_participant_list_free(struct store_event_participant *l,
    size_t n)
{
	store_list_free(l, n, sizeof(*l), part_clear_v);
}

int
store_event_participants(struct store *s, const struct store_viewer *v,
    int64_t id, struct store_event_participant **list, size_t *n)
{
	static const char sql[] = "SELECT r.member_id, r.registered_at, "
	    "r.waiting, m.login, " STORE_AUTHOR_NAME("m") " FROM "
	    "event_registration r JOIN member m ON m.id = r.member_id "
	    "WHERE r.event_id = ?1 ORDER BY r.waiting, r.id";
	struct store_event_participant *l = NULL, *a;
	struct store_profile p;
	struct store_event e;
	const char *type;
	struct store_stmt *st;
	size_t i;
	int rc, r;

	*list = NULL;
	*n = 0;
	if ((rc = store_event_get(s, 0, id, &e)) != 0)
		return rc;
	rc = store_event_can_manage(v, &e) ? 0 : STORE_FORBIDDEN;
	store_event_clear(&e);
	if (rc != 0)
		return rc;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		l = xreallocarray(l, *n + 1, sizeof(*l));
		a = &l[(*n)++];
		memset(a, 0, sizeof(*a));
		a->member_id = store_column_int64(st, 0);
		a->registered_at = store_column_int64(st, 1);
		a->waiting = store_column_int(st, 2);
		a->login = store_column_str(st, 3);
		a->name = store_column_str(st, 4);
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		store_event_participant_list_free(l, *n);
		*n = 0;
		return -1;
	}
	/* What the directory shows this viewer: a hidden field stays
	 * hidden from the organiser too. */
	for (i = 0; i < *n; i++) {
		a = &l[i];
		memset(&p, 0, sizeof(p));
		if (store_profile_get(s, v->member_id, a->member_id, &p) == 0) {
			a->organisation = xstrdup(p.field[PROF_ORGANISATION]);
			type = store_org_type_label(p.field[PROF_ORG_TYPE]);
			a->org_type = xstrdup(type != NULL ? type : "");
			a->job = xstrdup(p.field[PROF_JOB]);
			a->territory = xstrdup(p.territory);
		} else {
			a->organisation = xstrdup("");
			a->org_type = xstrdup("");
			a->job = xstrdup("");
			a->territory = xstrdup("");
		}
		store_profile_clear(&p);
	}
	*list = l;
	return 0;
}

/* --- Drafts ------------------------------------------------------------------- */

int
store_event_draft_save(struct store *s, int64_t member_id, int64_t id,
    int64_t since, const char *const f[EF_NFIELDS])
{
	static const char sql[] = "INSERT INTO event_draft "
	    "(member_id, event_id, fields, updated_at) VALUES (?1, ?2, "
	    "json_array(?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	    "?15), ?16) ON CONFLICT (member_id, event_id) DO UPDATE SET "
	    "fields = excluded.fields, updated_at = excluded.updated_at, "
	    "sent_as = NULL WHERE event_draft.sent_as IS NULL "
	    "OR event_draft.updated_at <= ?17";
	struct store_stmt *st;
	int i;

	s->fault = STORE_FAULT_NONE;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0 ||
	    store_bind_int64(s, st, 3 + EF_NFIELDS, now_sec()) != 0 ||
	    store_bind_int64(s, st, 4 + EF_NFIELDS, since) != 0) {
		store_done(st);
		return -1;
	}
	for (i = 0; i < EF_NFIELDS; i++)
		if (store_bind_text(s, st, 3 + i, f[i] != NULL ? f[i] : "") !=
		    0) {
			store_done(st);
			return -1;
		}
	if (store_run(s, st) != 0)
		return -1;
	return store_changes(s) == 0 ? STORE_DRAFT_SENT : 0;
}

int
store_event_draft_find(struct store *s, int64_t member_id, int64_t id,
    char *f[EF_NFIELDS])
{
	static const char sql[] = "SELECT j.key, j.value FROM event_draft d, "
	    "json_each(d.fields) j WHERE d.member_id = ?1 AND d.event_id = ?2 "
	    "AND d.sent_as IS NULL ORDER BY j.key";
	struct store_stmt *st;
	int64_t k;
	int i, r, found = 0;

	for (i = 0; i < EF_NFIELDS; i++)
		f[i] = NULL;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		found = 1;
		k = store_column_int64(st, 0);
		if (k >= 0 && k < EF_NFIELDS && f[k] == NULL)
			f[k] = store_column_str(st, 1);
	}
	store_done(st);
	for (i = 0; i < EF_NFIELDS; i++)
		if (f[i] == NULL)
			f[i] = xstrdup("");
	if (r != STORE_STEP_DONE || !found) {
		for (i = 0; i < EF_NFIELDS; i++) {
			free(f[i]);
			f[i] = NULL;
		}
		return r != STORE_STEP_DONE ? -1 : 1;
	}
	return 0;
}

int
store_event_draft_delete(struct store *s, int64_t member_id, int64_t id)
{
	static const char sql[] = "DELETE FROM event_draft WHERE "
	    "member_id = ?1 AND event_id = ?2";

	return ev_exec(s, sql, member_id, id);
}
