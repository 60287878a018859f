/*
 * events.c - the exchange days (journées d'échanges): the lists (to
 * come, « Mes inscriptions », past days) and one day's page.
 *
 * The page says when, where, for whom, how many places are left and
 * where the member stands (registered, waiting and in which rank);
 * from it a member registers or leaves (a place freed goes to the first
 * waiting, who is told on their home screen), copies the iCalendar
 * text, reads the day's follow-up thread on the boards and opens the
 * documents and records it links to (1 to 9). The organiser and sysops
 * see the participants (as plain text, to copy), edit and cancel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

/* --- The lists ------------------------------------------------------------- */

struct events {
	int			 which;		/* enum store_event_which */
	struct store_event	*list;
	size_t			 n;
	int			 rc;		/* not STORE_OK: why the list
						 * is empty */
	struct ui_list		 sel;
	struct ui_rect		 inner;
};

enum {
	OP_VIEW = OP_SCREEN,
	OP_NEW
};

static const struct ui_key events_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Ouvrir", UI_KEY_NOHELP },
	{ 'v', OP_VIEW, "v", "Vue : à venir, mes inscriptions, passées",
	    UI_KEY_BAR },
	{ 'N', OP_NEW, "N", "Nouvelle journée (organisateurs)", 0 },
	UI_KEYS_END
};

static const char *const events_titles[] = {
	[EVENTS_UPCOMING] = "Journées d'échanges à venir",
	[EVENTS_PAST] = "Journées d'échanges passées",
	[EVENTS_MINE] = "Mes inscriptions",
	[EVENTS_ALL] = "Journées d'échanges",
};

static void	 events_load(struct ui *, struct ui_view *);
static char	*events_state(const struct store_event *, int64_t);

/* « 3 places sur 30 », « complet, 2 en attente », « vous avez une place ». */
static char *
events_state(const struct store_event *e, int64_t now)
{
	char *s;

	if (e->cancelled_at != 0)
		return xstrdup("annulée");
	if (e->mine == EVENT_REGISTERED)
		return xstrdup(e->ends_at <= now ? "vous aviez une place" :
		    "vous avez une place");
	if (e->mine == EVENT_WAITING)
		xasprintf(&s, "liste d'attente, rang %lld", (long long)e->rank);
	else if (e->ends_at <= now)
		xasprintf(&s, "%lld participant%s", (long long)e->nregistered,
		    e->nregistered > 1 ? "s" : "");
	else if (now > e->deadline)
		s = xstrdup("inscriptions closes");
	else if (e->capacity == 0)
		s = xstrdup("places sans limite");
	else if (e->nregistered >= e->capacity && e->nwaiting > 0)
		xasprintf(&s, "complet, %lld en attente",
		    (long long)e->nwaiting);
	else if (e->nregistered >= e->capacity)
		s = xstrdup("complet");
	else
		xasprintf(&s, "%lld place%s libre%s sur %lld",
		    (long long)(e->capacity - e->nregistered),
		    e->capacity - e->nregistered > 1 ? "s" : "",
		    e->capacity - e->nregistered > 1 ? "s" : "",
		    (long long)e->capacity);
	return s;
}

static void
events_load(struct ui *ui, struct ui_view *v)
{
	struct events *ev = v->state;
	size_t sel = ev->sel.sel;

	store_event_list_free(ev->list, ev->n);
	if ((ev->rc = store_event_list(ui_store(ui), ui_member(ui)->id,
	    ev->which, now_sec(), 0, &ev->list, &ev->n)) != STORE_OK)
		ui_message(ui, "Les journées n'ont pas pu être lues.");
	ui_list_init(&ev->sel, ev->n, 2);
	ev->sel.sel = sel < ev->n ? sel : 0;
	ui_view_set_title(v, events_titles[ev->which]);
	v->laid_out.h = 0;
}

static int
events_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct events *ev = xcalloc(1, sizeof(*ev));

	ev->which = arg != NULL ? *(int *)arg : EVENTS_UPCOMING;
	v->state = ev;
	events_load(ui, v);
	/* The member read their promotions on the home screen. */
	store_event_news_seen(ui_store(ui), ui_member(ui)->id);
	return 0;
}

static void
events_leave(struct ui *ui, struct ui_view *v)
{
	struct events *ev = v->state;

	store_event_list_free(ev->list, ev->n);
	free(ev);
}

static void
events_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct events *ev = v->state;

	ev->inner = *r;
	ui_list_layout(&ev->sel, &ev->inner);
}

static void
events_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct events *ev = arg;
	const struct store_event *e = &ev->list[i];
	char day[64], *town, *state, *line;

	ui_put(y, x + 1, w - 1, e->title, selected ? A_REVERSE : A_BOLD);
	town = store_event_town(e);
	state = events_state(e, now_sec());
	/* Narrow: where the member stands first, the date short. */
	if (w < 60) {
		txt_date_short(day, sizeof(day), e->starts_at);
		xasprintf(&line, "%s — %s, %s", state, day, town);
	} else {
		txt_date_weekday(day, sizeof(day), e->starts_at);
		xasprintf(&line, "%s, %s — %s", day, town, state);
	}
	ui_put(y + 1, x + 3, w - 4, line, 0);
	free(line);
	free(state);
	free(town);
}

static void
events_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct events *ev = v->state;

	if (ev->n == 0 && ev->rc != STORE_OK)
		ui_put_wrapped(r, 1, screen_rc_text(ui, ev->rc, NULL), 0, 0);
	else if (ev->n == 0) {
		ui_put_wrapped(r, 1, ev->which == EVENTS_MINE ? "Vous n'avez "
		    "de place à aucune journée. v : les journées passées." :
		    ev->which == EVENTS_PAST ? "Aucune journée passée. v : "
		    "les journées à venir." : "Aucune journée à venir pour le "
		    "moment. v : vos inscriptions, puis les journées passées.",
		    0, 0);
	}
	if (ev->n == 0)
		return;
	ui_list_draw(&ev->sel, &ev->inner, events_draw_item, ev);
}

static int
events_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct events *ev = v->state;
	int64_t id = 0;

	switch (op) {
	case OP_OPEN:
		if (ev->n == 0) {
			ui_message(ui, "Aucune journée dans cette liste.");
			return UI_HANDLED;
		}
		ui_push(ui, &screen_event, &ev->list[ev->sel.sel].id);
		return UI_HANDLED;
	case OP_VIEW:
		/* À venir, then mine, then past, then à venir again. */
		ev->which = ev->which == EVENTS_UPCOMING ? EVENTS_MINE :
		    ev->which == EVENTS_MINE ? EVENTS_PAST : EVENTS_UPCOMING;
		ev->sel.sel = 0;
		events_load(ui, v);
		if (ev->n == 0)
			ui_message(ui, "%s : aucune.", events_titles[ev->which]);
		return UI_HANDLED;
	case OP_NEW:
		if (!store_event_can_create(ui_member(ui)->role)) {
			ui_message(ui, "Les journées sont créées par les "
			    "organisateurs et l'équipe du réseau.");
			return UI_HANDLED;
		}
		ui_push(ui, &screen_event_form, &id);
		return UI_HANDLED;
	default:
		return ui_list_handle(&ev->sel, op, &ev->inner);
	}
}

static void
events_resume(struct ui *ui, struct ui_view *v)
{
	events_load(ui, v);
}

static struct ui_list *
events_menu(struct ui_view *v)
{
	struct events *ev = v->state;

	return &ev->sel;
}

static char *
events_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct events *ev = v->state;
	const struct store_event *e = &ev->list[i];
	char day[64], *town, *state, *s;

	txt_date_weekday(day, sizeof(day), e->starts_at);
	town = store_event_town(e);
	state = events_state(e, now_sec());
	xasprintf(&s, "%s — %s, %s — %s", e->title, day, town, state);
	free(town);
	free(state);
	return s;
}

const struct ui_screen screen_events = {
	.name = "journees",
	.keys = events_keys,
	.enter = events_enter,
	.layout = events_layout,
	.draw = events_draw,
	.handle = events_handle,
	.leave = events_leave,
	.resume = events_resume,
	.menu = events_menu,
	.item = events_item,
};

/* --- One day --------------------------------------------------------------- */

struct event {
	struct store_viewer	 vw;
	struct store_event	 e;
	struct ui_pager		 pager;
};

enum {
	OP_REGISTER = OP_SCREEN,
	OP_UNREGISTER,
	OP_ICS,
	OP_THREAD,
	OP_PARTICIPANTS,
	OP_EDIT,
	OP_CANCEL,
	OP_LINK
};

static const struct ui_key event_keys[] = {
	UI_PAGER_KEYS,
	{ 'i', OP_REGISTER, "i", "S'inscrire", UI_KEY_BAR },
	{ 'd', OP_UNREGISTER, "d", "Se désinscrire", UI_KEY_BAR },
	{ 'x', OP_ICS, "x", "Exporter vers l'agenda : le texte iCalendar",
	    UI_KEY_BAR },
	{ 'f', OP_THREAD, "f", "Fil de discussion de la journée (forums)", 0 },
	{ '1', OP_LINK, "1 à 9", "Ouvrir le document ou la fiche liés", 0 },
	{ '2', OP_LINK, NULL, NULL, 0 },
	{ '3', OP_LINK, NULL, NULL, 0 },
	{ '4', OP_LINK, NULL, NULL, 0 },
	{ '5', OP_LINK, NULL, NULL, 0 },
	{ '6', OP_LINK, NULL, NULL, 0 },
	{ '7', OP_LINK, NULL, NULL, 0 },
	{ '8', OP_LINK, NULL, NULL, 0 },
	{ '9', OP_LINK, NULL, NULL, 0 },
	{ 'P', OP_PARTICIPANTS, "P", "Participants (organisateur)", 0 },
	{ 'e', OP_EDIT, "e", "Modifier (organisateur)", 0 },
	{ 'A', OP_CANCEL, "A", "Annuler la journée (organisateur)", 0 },
	VEILLE_KEY,
	UI_KEYS_END
};

static int	 event_load(struct ui *, struct event *, int64_t);
static void	 event_build(struct event *);
static void	 event_line(struct buf *, const char *, const char *);
static void	 event_register(struct ui *, struct event *);
static void	 event_unregister(struct ui *, struct event *);
static void	 event_participants(struct ui *, struct event *);
static void	 event_cancel_done(struct ui *, void *, const char *);
static void	 event_unregister_ask(struct ui *, struct ui_view *);
static void	 event_unregister_done(struct ui *, void *, const char *);
static void	 event_refresh(struct ui *, struct ui_view *);

static void
event_line(struct buf *b, const char *label, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	buf_printf(b, "%s%s : %s", b->len > 0 ? "\n" : "", label, value);
}

static int
event_load(struct ui *ui, struct event *ev, int64_t id)
{
	int rc;

	store_event_clear(&ev->e);
	if ((rc = store_event_get(ui_store(ui), ev->vw.member_id, id,
	    &ev->e)) != STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc,
		    "Cette journée n'existe pas."));
		return -1;
	}
	event_build(ev);
	return 0;
}

static void
event_build(struct event *ev)
{
	const struct store_event *e = &ev->e;
	int64_t now = now_sec();
	char when[128], day[64], *s;
	struct buf b;
	size_t i;

	ui_pager_free(&ev->pager);
	ui_pager_init(&ev->pager);
	ui_pager_add(&ev->pager, TXT_BLOCK_HEADING, 1, e->title, 0);
	buf_init(&b);
	if (e->cancelled_at != 0)
		buf_adds(&b, "Journée annulée : elle n'aura pas lieu.");
	else if (e->mine == EVENT_REGISTERED)
		buf_adds(&b, e->ends_at <= now ? "Vous aviez une place." :
		    "Vous avez une place : d pour la libérer.");
	else if (e->mine == EVENT_WAITING)
		buf_printf(&b, "Vous êtes en liste d'attente, rang %lld : une "
		    "place qui se libère vous revient, et l'accueil vous le "
		    "dira.", (long long)e->rank);
	else if (e->ends_at <= now)
		buf_adds(&b, "Journée passée : son fil sur les forums garde "
		    "les comptes rendus (f).");
	else if (now > e->deadline)
		buf_adds(&b, "Les inscriptions sont closes.");
	else if (e->capacity > 0 && e->nregistered >= e->capacity)
		buf_adds(&b, "Complet : i vous met en liste d'attente.");
	else
		buf_adds(&b, "i pour vous inscrire.");
	if (store_event_can_manage(&ev->vw, e))
		buf_adds(&b, e->cancelled_at != 0 ? "\nVous organisez cette "
		    "journée : P ses participants." : "\nVous organisez cette "
		    "journée : P ses participants, e la modifier, A "
		    "l'annuler.");
	s = buf_detach(&b);
	ui_pager_add(&ev->pager, TXT_BLOCK_PARA, 0, s, TXT_ATTR_BOLD);
	free(s);
	ui_pager_add(&ev->pager, TXT_BLOCK_RULE, 0, "", 0);
	ui_pager_body(&ev->pager);

	buf_init(&b);
	store_event_when(e, when, sizeof(when));
	event_line(&b, "Quand", when);
	event_line(&b, "Où", store_event_where(e));
	event_line(&b, "Lien", e->link);
	xasprintf(&s, "%s%s%s%s", e->organiser_name,
	    e->organiser_org[0] != '\0' ? " (" : "", e->organiser_org,
	    e->organiser_org[0] != '\0' ? ")" : "");
	event_line(&b, "Organisation", s);
	free(s);
	event_line(&b, "Public", e->audience);
	event_line(&b, "Thèmes", e->themes_label);
	if (e->capacity > 0)
		xasprintf(&s, "%lld place%s prise%s sur %lld",
		    (long long)e->nregistered, e->nregistered > 1 ? "s" : "",
		    e->nregistered > 1 ? "s" : "", (long long)e->capacity);
	else
		xasprintf(&s, "%lld place%s prise%s (sans limite)",
		    (long long)e->nregistered, e->nregistered > 1 ? "s" : "",
		    e->nregistered > 1 ? "s" : "");
	event_line(&b, "Inscriptions", s);
	free(s);
	if (e->nwaiting > 0) {
		xasprintf(&s, "%lld personne%s", (long long)e->nwaiting,
		    e->nwaiting > 1 ? "s" : "");
		event_line(&b, "Liste d'attente", s);
		free(s);
	}
	if (e->deadline < e->starts_at) {
		txt_date_weekday(day, sizeof(day), e->deadline);
		xasprintf(&s, "%s au soir", day);
		event_line(&b, "Clôture des inscriptions", s);
		free(s);
	}
	s = buf_detach(&b);
	ui_pager_add(&ev->pager, TXT_BLOCK_PARA, 0, s, 0);
	free(s);

	if (e->description != NULL && e->description[0] != '\0') {
		ui_pager_add(&ev->pager, TXT_BLOCK_HEADING, 2, "Présentation",
		    0);
		ui_pager_add_doc(&ev->pager, txt_doc_from_plain(e->description,
		    strlen(e->description)));
	}
	if (e->nlinks > 0) {
		ui_pager_add(&ev->pager, TXT_BLOCK_HEADING, 2, "Pour préparer "
		    "la journée", 0);
		for (i = 0; i < e->nlinks; i++) {
			char bullet[24];

			snprintf(bullet, sizeof(bullet), "%zu.", i + 1);
			xasprintf(&s, "%s n° %lld : %s",
			    e->links[i].kind == 0 ? "Document" : "Fiche "
			    "pratique", (long long)e->links[i].id,
			    e->links[i].title[0] != '\0' ? e->links[i].title :
			    "(retiré)");
			ui_pager_add_item(&ev->pager, bullet, s);
			free(s);
		}
		ui_pager_add(&ev->pager, TXT_BLOCK_PARA, 0, "Le chiffre "
		    "ouvre le document ou la fiche.", TXT_ATTR_ITALIC);
	}
	ui_pager_add(&ev->pager, TXT_BLOCK_RULE, 0, "", 0);
	ui_pager_add(&ev->pager, TXT_BLOCK_PARA, 0, e->thread_id != 0 ?
	    "f : le fil de la journée sur les forums (questions, comptes "
	    "rendus). x : le texte iCalendar pour votre agenda." :
	    "x : le texte iCalendar pour votre agenda.", TXT_ATTR_ITALIC);
}

static int
event_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct event *ev = xcalloc(1, sizeof(*ev));

	ui_viewer(ui, &ev->vw);
	ui_pager_init(&ev->pager);
	if (event_load(ui, ev, *(int64_t *)arg) == -1) {
		ui_pager_free(&ev->pager);
		free(ev);
		return -1;
	}
	v->state = ev;
	ui_view_set_title(v, "Journée d'échanges");
	return 0;
}

static void
event_leave(struct ui *ui, struct ui_view *v)
{
	struct event *ev = v->state;

	ui_pager_free(&ev->pager);
	store_event_clear(&ev->e);
	free(ev);
}

static void
event_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct event *ev = v->state;

	ui_pager_layout(&ev->pager, r);
	ui_pager_status(&ev->pager, v, r->h);
}

static void
event_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct event *ev = v->state;

	ui_pager_draw(&ev->pager, r);
}

/* Read the day again, keeping the place in the text. */
static void
event_refresh(struct ui *ui, struct ui_view *v)
{
	struct event *ev = v->state;
	size_t top = ev->pager.top;

	if (event_load(ui, ev, ev->e.id) == 0 && v->laid_out.h > 0) {
		ui_pager_layout(&ev->pager, &v->laid_out);
		ev->pager.top = top < ev->pager.nlines ? top : 0;
		ui_pager_layout(&ev->pager, &v->laid_out);
		ui_pager_status(&ev->pager, v, v->laid_out.h);
	}
}

static void
event_register(struct ui *ui, struct event *ev)
{
	int waiting = 0, rc;

	rc = store_event_register(ui_store(ui), &ev->vw, ev->e.id, now_sec(),
	    0, &waiting);
	switch (rc) {
	case STORE_OK:
		if (waiting)
			ui_message(ui, "C'est complet : vous êtes en liste "
			    "d'attente. Une place libérée vous reviendra.");
		else
			ui_message(ui, "Vous avez une place à « %s ».",
			    ev->e.title);
		break;
	case STORE_EXISTS:
		ui_message(ui, "Vous avez déjà une place (d pour la "
		    "libérer).");
		break;
	case STORE_TOO_LATE:
		ui_message(ui, "Les inscriptions sont closes.");
		break;
	case STORE_FORBIDDEN:
		ui_message(ui, "Les invités ne s'inscrivent pas aux "
		    "journées.");
		break;
	case STORE_CANCELLED:
		ui_message(ui, "%s", store_rc_text(rc));
		break;
	default:
		ui_message(ui, "L'inscription n'a pas pu être enregistrée : "
		    "réessayez.");
	}
}

/*
 * Leaving a day cannot be undone (a place given up goes to the first
 * person waiting, a rank on the waiting list is lost): ask first, and
 * say what will happen.
 */
static void
event_unregister_ask(struct ui *ui, struct ui_view *v)
{
	struct event *ev = v->state;
	char *title, *q;

	event_refresh(ui, v);	/* who waits now, not when it was drawn */
	if (ev->e.mine == EVENT_NONE) {
		event_unregister(ui, ev);	/* says why not */
		return;
	}
	title = txt_trunc(ev->e.title, 40);
	if (ev->e.mine == EVENT_WAITING)
		xasprintf(&q, "Quitter la liste d'attente de « %s » ? Vous "
		    "y perdrez votre rang. (o/n)", title);
	else if (ev->e.nwaiting > 0)
		xasprintf(&q, "Vous désinscrire de « %s » ? Votre place sera "
		    "donnée à la personne suivante. (o/n)", title);
	else
		xasprintf(&q, "Vous désinscrire de « %s » ? (o/n)", title);
	ui_prompt(ui, q, "", 8, event_unregister_done, v);
	free(q);
	free(title);
}

static void
event_unregister_done(struct ui *ui, void *ctx, const char *answer)
{
	struct ui_view *v = ctx;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O')) {
		if (answer != NULL)
			ui_message(ui, "Rien n'a changé : votre inscription "
			    "tient toujours.");
		return;
	}
	event_unregister(ui, v->state);
	event_refresh(ui, v);
}

static void
event_unregister(struct ui *ui, struct event *ev)
{
	int64_t promoted = 0;
	int rc;

	rc = store_event_unregister(ui_store(ui), ev->vw.member_id, ev->e.id,
	    now_sec(), &promoted);
	if (rc == STORE_NOT_FOUND)
		ui_message(ui, "Vous n'avez pas de place à cette journée.");
	else if (rc == STORE_TOO_LATE)
		ui_message(ui, "La journée a commencé : on ne s'en désinscrit "
		    "plus.");
	else if (rc != 0)
		ui_message(ui, "La désinscription n'a pas pu être "
		    "enregistrée : réessayez.");
	else if (promoted != 0)
		ui_message(ui, "Désinscription faite : votre place revient à "
		    "la première personne en liste d'attente.");
	else
		ui_message(ui, "Désinscription faite.");
}

static void
event_participants(struct ui *ui, struct event *ev)
{
	struct store_event_participant *l;
	struct practice_text_arg a;
	char *text;
	size_t n;
	int rc;

	rc = store_event_participants(ui_store(ui), &ev->vw, ev->e.id, &l, &n);
	if (rc == STORE_FORBIDDEN) {
		ui_message(ui, "La liste des participants est réservée à "
		    "l'organisateur de la journée.");
		return;
	}
	if (rc != 0) {
		ui_message(ui, "La liste n'a pas pu être lue.");
		return;
	}
	text = store_event_participants_text(&ev->e, l, n);
	store_event_participant_list_free(l, n);
	a.title = "Participants";
	a.text = text;
	ui_push(ui, &screen_practice_text, &a);
	free(text);
}

static void
event_cancel_done(struct ui *ui, void *ctx, const char *answer)
{
	struct event *ev = ctx;
	int rc;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O')) {
		if (answer != NULL)
			ui_message(ui, "La journée est maintenue.");
		return;
	}
	rc = store_event_cancel(ui_store(ui), &ev->vw, ev->e.id);
	if (rc == STORE_OK)
		ui_message(ui, "Journée annulée : elle reste affichée comme "
		    "telle, avec ses inscrits.");
	else
		ui_message(ui, "%s", screen_rc_text(ui, rc,
		    "Cette journée est déjà annulée."));
}

static int
event_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct event *ev = v->state;
	struct practice_text_arg a;
	struct veille_set vs;
	struct store_event_link *l;
	char dep[8];
	char *text;
	size_t i;

	switch (op) {
	case OP_VEILLE:		/* its themes, its territory */
		memset(&vs, 0, sizeof(vs));
		veille_set_themes(ui, &vs, ev->e.themes);
		if (store_event_departement(ev->e.place, dep,
		    sizeof(dep)) == 0)
			veille_set_territory(ui, &vs, dep);
		veille_set_choose(ui, &vs);
		return UI_HANDLED;
	case OP_REGISTER:
		event_register(ui, ev);
		event_refresh(ui, v);
		return UI_HANDLED;
	case OP_UNREGISTER:
		event_unregister_ask(ui, v);
		return UI_HANDLED;
	case OP_ICS:
		/* Shown with LF: a terminal copies lines, the member's
		 * calendar takes them either way. */
		text = store_event_ics(&ev->e, now_sec());
		for (i = 0; text[i] != '\0'; i++)
			if (text[i] == '\r')
				memmove(text + i, text + i + 1,
				    strlen(text + i));
		a.title = "Agenda (iCalendar)";
		a.text = text;
		ui_push(ui, &screen_practice_text, &a);
		free(text);
		return UI_HANDLED;
	case OP_THREAD:
		if (ev->e.thread_id == 0)
			ui_message(ui, "Cette journée n'a pas de fil sur les "
			    "forums.");
		else
			ui_push(ui, &screen_thread, &ev->e.thread_id);
		return UI_HANDLED;
	case OP_LINK:
		i = (size_t)(key - '1');
		if (i >= ev->e.nlinks) {
			ui_message(ui, "Pas de document ni de fiche n° %c.",
			    key);
			return UI_HANDLED;
		}
		l = &ev->e.links[i];
		if (l->title[0] == '\0')
			ui_message(ui, "Ce document ou cette fiche n'est plus "
			    "en ligne.");
		else if (l->kind == 0)
			doc_open(ui, l->id, NULL);
		else
			ui_push(ui, &screen_practice, &l->id);
		return UI_HANDLED;
	case OP_PARTICIPANTS:
		event_participants(ui, ev);
		return UI_HANDLED;
	case OP_EDIT:
		if (!store_event_can_manage(&ev->vw, &ev->e))
			ui_message(ui, "Seul l'organisateur de la journée la "
			    "modifie.");
		else
			ui_push(ui, &screen_event_form, &ev->e.id);
		return UI_HANDLED;
	case OP_CANCEL:
		if (!store_event_can_manage(&ev->vw, &ev->e))
			ui_message(ui, "Seul l'organisateur de la journée "
			    "l'annule.");
		else if (ev->e.cancelled_at != 0)
			ui_message(ui, "Cette journée est déjà annulée.");
		else
			ui_prompt(ui, "Annuler la journée pour tous ? (o/n)",
			    "", 8, event_cancel_done, ev);
		return UI_HANDLED;
	default:
		break;
	}
	if (ui_pager_handle(&ev->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&ev->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
event_text(struct ui_view *v)
{
	struct event *ev = v->state;

	return &ev->pager;
}

const struct ui_screen screen_event = {
	.name = "journee",
	.keys = event_keys,
	.enter = event_enter,
	.layout = event_layout,
	.draw = event_draw,
	.handle = event_handle,
	.leave = event_leave,
	.resume = event_refresh,
	.text = event_text,
};
