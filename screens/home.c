/*
 * home.c - Accueil: the menu of the sections that exist on this site.
 *
 * A section is listed only when there is something behind it (the édito
 * only if an editorial is published); when the database fails to say
 * whether there is, it is listed with the reason in place of its count,
 * never hidden as if it were empty. Each entry shows its name and, when
 * there is room, a second line saying what is there. Digits open an entry
 * directly, and a section keeps its digit whatever else is listed (an
 * absent section leaves its digit unused), so that « 8 » is always « Mon
 * profil »; « Quoi de neuf » is 0, after 9 (the first screen keeps
 * L'édito selected); the entries without a digit come after. Going
 * back from here asks to quit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

#define HOME_MAX 16

/* The digits of the sections (0: reached with the arrows). */
enum home_num {
	HOME_EDITO = 1,
	HOME_FORUMS,
	HOME_SHELF,
	HOME_CATALOGUE,
	HOME_EVENTS,
	HOME_MESSAGES,
	HOME_DIRECTORY,
	HOME_PROFILE,
	HOME_MODERATION,
	HOME_NEWS = 10,		/* « Quoi de neuf »: the digit 0, after 9 */
	HOME_NONE = 0
};

struct home_item {
	int			 num;		/* enum home_num */
	const char		*label;
	char			*detail;	/* second line (owned) */
	char			*owned;		/* label, when built */
	const struct ui_screen	*screen;	/* NULL: quit */
};

struct home {
	struct home_item	items[HOME_MAX];
	size_t			nitems;
	struct ui_list		list;
};

enum { OP_DIGIT = OP_SCREEN, OP_NEXT_UNREAD, OP_CHARSET, OP_MY_VEILLE };

static const struct ui_key home_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Ouvrir", UI_KEY_NOHELP },
	{ '0', OP_DIGIT, "0 à 9", "Ouvrir la rubrique de ce numéro", 0 },
	{ '1', OP_DIGIT, NULL, NULL, 0 },
	{ '2', OP_DIGIT, NULL, NULL, 0 },
	{ '3', OP_DIGIT, NULL, NULL, 0 },
	{ '4', OP_DIGIT, NULL, NULL, 0 },
	{ '5', OP_DIGIT, NULL, NULL, 0 },
	{ '6', OP_DIGIT, NULL, NULL, 0 },
	{ '7', OP_DIGIT, NULL, NULL, 0 },
	{ '8', OP_DIGIT, NULL, NULL, 0 },
	{ '9', OP_DIGIT, NULL, NULL, 0 },
	{ 'n', OP_NEXT_UNREAD, "n", "Non lu suivant : le lire", 0 },
	{ 'c', OP_CHARSET, "c", "Accents : le jeu de caractères", 0 },
	{ 'S', OP_MY_VEILLE, "S", "Suivre : « Ma veille », ce que vous suivez",
	    0 },
	UI_KEYS_END
};

static void
home_add(struct home *h, int num, const char *label, char *detail,
    const struct ui_screen *screen)
{
	struct home_item *it;
	size_t i;

	if (h->nitems == HOME_MAX) {
		free(detail);
		return;
	}
	/* In the order of the digits, those without one after, in the
	 * order they came. */
	for (i = h->nitems; i > 0 && num != HOME_NONE &&
	    (h->items[i - 1].num == HOME_NONE ||
	    h->items[i - 1].num > num); i--)
		h->items[i] = h->items[i - 1];
	h->nitems++;
	it = &h->items[i];
	memset(it, 0, sizeof(*it));
	it->num = num;
	it->label = label;
	it->detail = detail;
	it->screen = screen;
}

/* An entry whose count failed: listed, saying why (home_add). */
static void
home_add_err(struct ui *ui, struct home *h, int num, const char *label,
    int rc, const struct ui_screen *screen)
{
	home_add(h, num, label, xstrdup(screen_rc_text(ui, rc, NULL)), screen);
}

/* « Forums » with what is new there. */
static void
home_forums(struct ui *ui, struct home *h)
{
	struct store_viewer vw;
	struct store_board *boards = NULL;
	size_t n = 0, i;
	int64_t unread = 0;
	char *detail, count[32];
	int rc;

	ui_viewer(ui, &vw);
	if ((rc = store_board_list(ui_store(ui), &vw, &boards, &n)) !=
	    STORE_OK) {
		home_add_err(ui, h, HOME_FORUMS, "Forums", rc, &screen_boards);
		return;
	}
	if (n == 0) {
		store_board_list_free(boards, n);
		return;
	}
	/* The total from the list just read (store_unread_total would read
	 * it again). */
	for (i = 0; i < n; i++)
		unread += boards[i].unread;
	store_board_list_free(boards, n);
	fmt_count(count, sizeof(count), unread);
	if (unread > 0)
		xasprintf(&detail, "%s message%s non lu%s — n pour les lire",
		    count, unread > 1 ? "s" : "", unread > 1 ? "s" : "");
	else
		detail = xstrdup("Échanges entre membres : tout est lu");
	home_add(h, HOME_FORUMS, "Forums", detail, &screen_boards);
}

/*
 * « Catalogue des pratiques »: how many, who follows the member's
 * records since they last looked, what waits for a moderator. Listed
 * when there are records, or when the sysop opened the catalogue's
 * discussion board (conf/boards.d/catalogue.conf), so that the first
 * record can be proposed.
 */
static void
home_catalogue(struct ui *ui, struct home *h)
{
	static char *told;	/* the last notice said */
	struct store_viewer vw;
	struct store_board b;
	int64_t n = 0, news = 0, waiting = 0, published = 0, returned = 0;
	char *latest = NULL, *notice = NULL, *said;
	struct buf bf;
	int rc;

	ui_viewer(ui, &vw);
	if ((rc = store_practice_count(ui_store(ui), NULL, &n)) == STORE_OK &&
	    n == 0) {
		memset(&b, 0, sizeof(b));
		if ((rc = store_board_by_key(ui_store(ui), &vw, "catalogue",
		    &b)) == STORE_NOT_FOUND)
			return;
		store_board_clear(&b);
	}
	if (rc != STORE_OK) {
		home_add_err(ui, h, HOME_CATALOGUE, "Catalogue des pratiques",
		    rc, &screen_catalogue);
		return;
	}
	store_practice_news(ui_store(ui), &vw, &news);
	/* The moderation team's decisions on the member's records, until
	 * « Mes fiches » is opened (said once a session too). */
	if (store_practice_decisions(ui_store(ui), &vw, &published, &returned,
	    &latest) == 0 && latest != NULL) {
		if (published + returned > 1)
			xasprintf(&said, "%lld fiches publiées ou "
			    "renvoyées pour correction : voyez « Mes "
			    "fiches » (v).",
			    (long long)(published + returned));
		else if (published > 0)
			xasprintf(&said, "Fiche publiée : « %s ».", latest);
		else
			xasprintf(&said, "Fiche renvoyée pour correction : "
			    "« %s ». « Mes fiches » (v) dit quoi revoir.",
			    latest);
		notice = xstrdup(published + returned > 1 ? "du nouveau sur "
		    "vos fiches" : published > 0 ? "votre fiche est publiée" :
		    "votre fiche est renvoyée pour correction");
		/* Said once a session, each new decision again. */
		if (told == NULL || strcmp(told, said) != 0) {
			free(told);
			told = said;
			ui_message(ui, "%s", said);
		} else
			free(said);
		free(latest);
	}
	if (store_practice_can_moderate(&vw))
		store_practice_waiting_count(ui_store(ui), &waiting);
	buf_init(&bf);
	if (n > 0)
		buf_printf(&bf, "%lld action%s à découvrir", (long long)n,
		    n > 1 ? "s" : "");
	else
		buf_adds(&bf, "Faites connaître vos actions");
	if (news > 0)
		buf_printf(&bf, " — %lld membre%s de plus s'inspire%s de vos "
		    "fiches", (long long)news, news > 1 ? "s" : "",
		    news > 1 ? "nt" : "");
	if (waiting > 0)
		buf_printf(&bf, " — %lld à valider", (long long)waiting);
	if (notice != NULL) {
		buf_printf(&bf, " — %s", notice);
		free(notice);
	}
	home_add(h, HOME_CATALOGUE, "Catalogue des pratiques",
	    buf_detach(&bf), &screen_catalogue);
}

/*
 * « Journées d'échanges »: a place freed for the member (said once a
 * session too), else the next one or two days with their town. Listed
 * when there are days, or for an organiser once the days' board is
 * open (conf/boards.d/journees.conf), to create the first one.
 */
static void
home_events(struct ui *ui, struct home *h)
{
	static int told;
	struct store_viewer vw;
	struct store_board b;
	struct store_event *l = NULL;
	size_t n = 0, i;
	int64_t count = 0;
	int rc;
	char day[32], *town;
	struct buf bf;

	ui_viewer(ui, &vw);
	if ((rc = store_event_count(ui_store(ui), &count)) == STORE_OK &&
	    count == 0) {
		memset(&b, 0, sizeof(b));
		if (!store_event_can_create(vw.role) ||
		    (rc = store_board_by_key(ui_store(ui), &vw, "journees",
		    &b)) == STORE_NOT_FOUND)
			return;
		store_board_clear(&b);
	}
	if (rc != STORE_OK) {
		home_add_err(ui, h, HOME_EVENTS, "Journées d'échanges", rc,
		    &screen_events);
		return;
	}
	buf_init(&bf);
	if (store_event_news(ui_store(ui), vw.member_id, &l, &n) == 0 &&
	    n > 0) {
		buf_printf(&bf, "Une place s'est libérée : elle est à vous, "
		    "« %s »", l[0].title);
		if (!told) {
			told = 1;
			ui_message(ui, "Une place s'est libérée : elle est à "
			    "vous, « %s ».", l[0].title);
		}
	}
	store_event_list_free(l, n);
	if (bf.len == 0 && (rc = store_event_list(ui_store(ui), vw.member_id,
	    EVENTS_UPCOMING, now_sec(), 2, &l, &n)) != STORE_OK)
		buf_adds(&bf, screen_rc_text(ui, rc, NULL));
	else if (bf.len == 0) {
		for (i = 0; i < n; i++) {
			txt_date_short(day, sizeof(day), l[i].starts_at);
			town = store_event_town(&l[i]);
			buf_printf(&bf, "%s%s : %s%s", i > 0 ? " — " : "", day,
			    town, l[i].cancelled_at != 0 ? " (annulée)" : "");
			free(town);
		}
		store_event_list_free(l, n);
	}
	if (bf.len == 0)
		buf_adds(&bf, count > 0 ? "Aucune journée à venir : les "
		    "journées passées et leurs suites" : "Aucune journée : N "
		    "pour créer la première");
	home_add(h, HOME_EVENTS, "Journées d'échanges", buf_detach(&bf),
	    &screen_events);
}

/* « Quoi de neuf » with how many things are new in « Ma veille » (not
 * for guests, who follow nothing). */
static void
home_news(struct ui *ui, struct home *h)
{
	struct store_news_item *l = NULL;
	size_t n = 0;
	char count[32], *detail;
	int rc;

	if (ui_member(ui)->role == ROLE_INVITE)
		return;
	/* Not known: never « Rien de nouveau ». */
	if ((rc = store_news_list(ui_store(ui), ui_member(ui)->id,
	    store_news_since(ui_previous_login(ui), now_sec()), NEWS_FOLLOWED,
	    &l, &n)) != STORE_OK) {
		home_add_err(ui, h, HOME_NEWS, "Quoi de neuf", rc,
		    &screen_news);
		return;
	}
	store_news_list_free(l, n);
	fmt_count(count, sizeof(count), (int64_t)n);
	if (n > 0)
		xasprintf(&detail, "%s%s nouveauté%s dans votre veille — S : "
		    "Ma veille", n == STORE_NEWS_MAX ? "plus de " : "", count,
		    n > 1 ? "s" : "");
	else
		detail = xstrdup("Rien de nouveau dans votre veille — S : "
		    "Ma veille");
	home_add(h, HOME_NEWS, "Quoi de neuf", detail, &screen_news);
}

/* « Brouillons (N) » when there are some; said once at login too. */
static void
home_drafts(struct ui *ui, struct home *h)
{
	static int told;
	struct store_draft *list;
	size_t n = 0;
	char *label;
	int rc;

	if ((rc = store_draft_list(ui_store(ui), ui_member(ui)->id, &list,
	    &n)) != STORE_OK) {
		home_add_err(ui, h, HOME_NONE, "Brouillons", rc,
		    &screen_drafts);
		return;
	}
	store_draft_list_free(list, n);
	if (n == 0 || h->nitems == HOME_MAX)
		return;
	xasprintf(&label, "Brouillons (%zu)", n);
	home_add(h, HOME_NONE, label, xstrdup("Les messages commencés et "
	    "pas encore envoyés"), &screen_drafts);
	h->items[h->nitems - 1].owned = label;	/* HOME_NONE: the last */
	if (!told) {
		told = 1;
		if (n == 1)
			ui_message(ui, "Vous avez un brouillon non envoyé : "
			    "rubrique « Brouillons ».");
		else
			ui_message(ui, "Vous avez %zu brouillons non envoyés : "
			    "rubrique « Brouillons ».", n);
	}
}

/* « Bibliothèque » when it holds documents. */
static void
home_shelf(struct ui *ui, struct home *h)
{
	int64_t n = 0;
	char *detail;
	int rc;

	if ((rc = store_doc_count(ui_store(ui), &n)) != STORE_OK) {
		home_add_err(ui, h, HOME_SHELF, "Bibliothèque", rc,
		    &screen_shelf);
		return;
	}
	if (n == 0)
		return;
	xasprintf(&detail, "Textes officiels, études et guides : %lld "
	    "document%s", (long long)n, n > 1 ? "s" : "");
	home_add(h, HOME_SHELF, "Bibliothèque", detail, &screen_shelf);
}

/* « Messagerie » with the unread private messages (not for guests). */
static void
home_messages(struct ui *ui, struct home *h)
{
	int64_t unread = 0;
	char *detail;
	int rc;

	if (ui_member(ui)->role == ROLE_INVITE)
		return;
	/* Unread unknown: never « tout est lu ». */
	if ((rc = store_message_unread(ui_store(ui), ui_member(ui)->id,
	    &unread)) != STORE_OK)
		detail = xstrdup(screen_rc_text(ui, rc, NULL));
	else if (unread > 0)
		xasprintf(&detail, "%lld message%s privé%s non lu%s",
		    (long long)unread, unread > 1 ? "s" : "",
		    unread > 1 ? "s" : "", unread > 1 ? "s" : "");
	else
		detail = xstrdup("Vos conversations privées : tout est lu");
	home_add(h, HOME_MESSAGES, "Messagerie", detail, &screen_messages);
	home_add(h, HOME_DIRECTORY, "Annuaire", xstrdup("Les membres du "
	    "réseau : qui fait quoi, où"), &screen_directory);
}

/* « Modération » when something waits for the viewer's decision:
 * sign-ups, practice records, threads, reports (moderation.c). Its
 * count failed: listed for the roles above « membre » (a member who
 * moderates one board only is not told apart without the database). */
static void
home_moderation(struct ui *ui, struct home *h)
{
	int64_t n = 0;
	char *detail;

	if (moderation_count(ui, &n) != 0) {
		if (ui_member(ui)->role > ROLE_MEMBRE)
			home_add_err(ui, h, HOME_MODERATION, "Modération",
			    STORE_ERR, &screen_moderation);
		return;
	}
	if (n == 0)
		return;
	xasprintf(&detail, "%lld élément%s à décider : inscriptions, fiches, "
	    "sujets, signalements", (long long)n, n > 1 ? "s" : "");
	home_add(h, HOME_MODERATION, "Modération", detail,
	    &screen_moderation);
}

/* The entries, for what exists now. */
static void
home_fill(struct ui *ui, struct home *h)
{
	struct store_edito e;
	char date[64], *detail;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = store_edito_current(ui_store(ui), now_sec(), &e)) ==
	    STORE_OK) {
		txt_date_long(date, sizeof(date), e.published_at);
		xasprintf(&detail, "%s (%s)", e.title, date);
		home_add(h, HOME_EDITO, "L'édito", detail, &screen_edito);
		store_edito_clear(&e);
	} else if (rc != STORE_NOT_FOUND)
		home_add_err(ui, h, HOME_EDITO, "L'édito", rc, &screen_edito);
	home_news(ui, h);
	home_forums(ui, h);
	home_shelf(ui, h);
	home_catalogue(ui, h);
	home_events(ui, h);
	home_messages(ui, h);
	home_moderation(ui, h);
	home_drafts(ui, h);
	if (ui_member(ui)->role != ROLE_INVITE)
		home_add(h, HOME_PROFILE, "Mon profil", xstrdup("Annuaire, "
		    "clés, mot de passe, vos données"), &screen_profile);
	home_add(h, HOME_NONE, "Affichage", xstrdup("Accents (jeu de "
	    "caractères du terminal), tracé des cadres — c"),
	    &screen_display);
	home_add(h, HOME_NONE, "Aide", xstrdup("Les touches et l'usage de "
	    "Palabre — ?"), &screen_help);
	home_add(h, HOME_NONE, "Quitter", xstrdup("Fermer la session — Q"),
	    NULL);
	ui_list_init(&h->list, h->nitems, 2);
}

static int
home_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct home *h = xcalloc(1, sizeof(*h));

	home_fill(ui, h);
	v->state = h;
	ui_view_set_title(v, "Accueil");
	return 0;
}

static void
home_leave(struct ui *ui, struct ui_view *v)
{
	struct home *h = v->state;
	size_t i;

	for (i = 0; i < h->nitems; i++) {
		free(h->items[i].detail);
		free(h->items[i].owned);
	}
	free(h);
}

/* Two rows per entry when they all fit, else one. */
static void
home_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct home *h = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	h->list.rows_per_item = (size_t)(r->h - 1) >= 2 * h->nitems ? 2 : 1;
	ui_list_layout(&h->list, &inner);
}

static void
home_draw_item(int y, int x, int w, size_t i, int selected, const void *arg)
{
	const struct home *h = arg;
	const struct home_item *it = &h->items[i];
	char num[8];
	int used;

	/* Digits open their entries; the others are reached with the
	 * arrows and show no number, their labels aligned with the rest. */
	if (it->num != HOME_NONE)
		snprintf(num, sizeof(num), " %d  ", it->num % HOME_NEWS);
	else
		snprintf(num, sizeof(num), "    ");
	used = ui_put(y, x, w, num, 0);
	used += ui_put(y, x + used, w - used, it->label,
	    selected ? A_REVERSE : A_BOLD);
	if (h->list.rows_per_item == 2)
		ui_put(y + 1, x + 5, w - 6, it->detail, 0);
	else if (w - used > 12) {
		used += ui_put(y, x + used, w - used, " : ", 0);
		ui_put(y, x + used, w - used - 1, it->detail, 0);
	}
}

static void
home_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct home *h = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	ui_list_draw(&h->list, &inner, home_draw_item, h);
}

static int
home_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct home *h = v->state;
	struct ui_rect inner = { v->laid_out.y + 1, v->laid_out.x,
	    v->laid_out.h - 1, v->laid_out.w };
	const struct home_item *it;
	size_t i;

	if (op == OP_DIGIT) {
		for (i = 0; i < h->nitems && h->items[i].num !=
		    (key == '0' ? HOME_NEWS : key - '0'); i++)
			/* nothing */;
		if (i == h->nitems) {
			ui_message(ui, "Pas de rubrique n° %c ici.", key);
			return UI_HANDLED;
		}
		h->list.sel = i;
		op = OP_OPEN;
	}
	if (op == OP_NEXT_UNREAD) {
		forum_next_unread(ui, 0, 0, 0);
		return UI_HANDLED;
	}
	if (op == OP_CHARSET) {
		ui_push(ui, &screen_display, NULL);
		return UI_HANDLED;
	}
	if (op == OP_MY_VEILLE) {
		if (ui_member(ui)->role == ROLE_INVITE)
			ui_message(ui, "« Ma veille » est réservée aux "
			    "membres.");
		else
			ui_push(ui, &screen_veille, NULL);
		return UI_HANDLED;
	}
	if (op == OP_OPEN) {
		it = &h->items[h->list.sel];
		if (it->screen == NULL)
			ui_push(ui, &screen_quit, NULL);
		else if (it->screen == &screen_help)
			ui_push(ui, &screen_help, v);
		else
			ui_push(ui, it->screen, NULL);
		return UI_HANDLED;
	}
	return ui_list_handle(&h->list, op, &inner);
}

/* Back from the forums: the counts changed. */
static void
home_resume(struct ui *ui, struct ui_view *v)
{
	struct home *h = v->state;
	size_t sel = h->list.sel, i;

	for (i = 0; i < h->nitems; i++) {
		free(h->items[i].detail);
		free(h->items[i].owned);
	}
	memset(h, 0, sizeof(*h));
	home_fill(ui, h);
	h->list.sel = sel < h->nitems ? sel : 0;
	ui_view_set_title(v, "Accueil");
	v->laid_out.h = 0;	/* lay out again */
}

static struct ui_list *
home_menu(struct ui_view *v)
{
	struct home *h = v->state;

	return &h->list;
}

/* Line mode: « Quoi de neuf » has no 0 there (numbers start at 1); it
 * is the first of the entries numbered from 10. */
static int
home_number(const struct ui_view *v, size_t i)
{
	const struct home *h = v->state;

	return h->items[i].num == HOME_NEWS ? 0 : h->items[i].num;
}

static char *
home_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct home *h = v->state;
	char *s;

	xasprintf(&s, "%s : %s", h->items[i].label, h->items[i].detail);
	return s;
}

const struct ui_screen screen_home = {
	.name = "accueil",
	.keys = home_keys,
	.enter = home_enter,
	.layout = home_layout,
	.draw = home_draw,
	.handle = home_handle,
	.leave = home_leave,
	.resume = home_resume,
	.menu = home_menu,
	.item = home_item,
	.number = home_number,
};
