/*
 * shelf.c - « Bibliothèque »: the ways into the document shelf (search,
 * what is new since the member's last visit, their selection, by theme,
 * by kind, by issuer, everything by date), and what the shelf's screens
 * share: the search prompt, filters, the line that describes a document.
 *
 * The last visit: the time of the member's previous visit to the shelf
 * is kept in the preference « bibliotheque.visite »; the first entry of
 * a session reads it (or falls back on the previous login) and records
 * the new visit, so « Nouveautés » stays the same all session long.
 *
 * Documentalistes and sysops get one more entry, « À classer »: the
 * files dropped into /depot/ over SFTP, each published with the
 * curators' form (shelf_form_publish).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "ui/ui_form.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_import.h"
#include "util/util.h"

#define SHELF_PREF	"bibliotheque.visite"

enum shelf_entry { E_SEARCH, E_NEW, E_PICKS, E_THEME, E_KIND, E_ISSUER,
	E_ALL, E_INBOX, E_COUNT };

struct shelf {
	struct ui_list	 list;
	char		*detail[E_COUNT];
	int64_t		 total;
	size_t		 nentries;	/* E_INBOX for curators only */
	struct ui_form_option *pick;	/* « À classer », for ui_pick */
	size_t		 npick;
	struct store_doc_inbox *inbox;
	size_t		 ninbox;
};

enum { OP_DIGIT = OP_SCREEN, OP_FIND };

static const struct ui_key shelf_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Ouvrir", UI_KEY_NOHELP },
	{ '/', OP_FIND, "/", "Rechercher", UI_KEY_BAR },
	{ '1', OP_DIGIT, "1 à 8", "Ouvrir l'entrée de ce numéro", 0 },
	{ '2', OP_DIGIT, NULL, NULL, 0 },
	{ '3', OP_DIGIT, NULL, NULL, 0 },
	{ '4', OP_DIGIT, NULL, NULL, 0 },
	{ '5', OP_DIGIT, NULL, NULL, 0 },
	{ '6', OP_DIGIT, NULL, NULL, 0 },
	{ '7', OP_DIGIT, NULL, NULL, 0 },
	{ '8', OP_DIGIT, NULL, NULL, 0 },
	UI_KEYS_END
};

static const char *shelf_labels[E_COUNT] = {
	[E_SEARCH] = "Rechercher dans la bibliothèque",
	[E_NEW] = "Nouveautés depuis votre dernière visite",
	[E_PICKS] = "Ma sélection",
	[E_THEME] = "Par thème",
	[E_KIND] = "Par nature de texte",
	[E_ISSUER] = "Par émetteur",
	[E_ALL] = "Tous les documents, du plus récent au plus ancien",
	[E_INBOX] = "À classer : les fichiers déposés par SFTP",
};

static int64_t	 shelf_since(struct ui *);
static void	 shelf_fill(struct ui *, struct shelf *);
static void	 shelf_free_details(struct shelf *);
static void	 shelf_search_done(struct ui *, void *, const char *);
static void	 shelf_inbox(struct ui *, struct shelf *);
static void	 shelf_inbox_picked(struct ui *, void *, const char *);

/* The previous visit to the shelf (see the top of the file). */
static int64_t
shelf_since(struct ui *ui)
{
	static int64_t since = -1;
	char *v = NULL, *now;

	if (since != -1)
		return since;
	if (store_pref_get(ui_store(ui), ui_member(ui)->id, SHELF_PREF,
	    &v) == 0 && v != NULL)
		since = strtoll(v, NULL, 10);
	else
		since = ui_previous_login(ui);
	free(v);
	xasprintf(&now, "%lld", (long long)now_sec());
	store_pref_set(ui_store(ui), ui_member(ui)->id, SHELF_PREF, now);
	free(now);
	return since;
}

void
shelf_filter_copy(struct store_doc_filter *to,
    const struct store_doc_filter *from)
{
	*to = *from;
	to->theme = from->theme != NULL ? xstrdup(from->theme) : NULL;
	to->issuer = from->issuer != NULL ? xstrdup(from->issuer) : NULL;
}

void
shelf_filter_clear(struct store_doc_filter *f)
{
	free((char *)f->theme);
	free((char *)f->issuer);
	memset(f, 0, sizeof(*f));
}

char *
shelf_doc_line(const void *p)
{
	const struct store_doc *d = p;
	char date[48], *s;

	txt_date_label(d->published, date, sizeof(date));
	xasprintf(&s, "%s%s%s%s%s%s%s", store_doc_kind_label(d->kind),
	    date[0] != '\0' ? " · " : "", date,
	    d->issuer[0] != '\0' ? " · " : "", d->issuer,
	    d->status != DOC_EN_VIGUEUR ? " · " : "",
	    d->status != DOC_EN_VIGUEUR ? store_doc_status_label(d->status) :
	    "");
	return s;
}

static void
shelf_search_done(struct ui *ui, void *ctx, const char *text)
{
	struct store_doc_filter *f = ctx;
	struct docs_arg a;

	if (text != NULL && text[strspn(text, " ")] != '\0') {
		a.filter = f;
		a.title = "Recherche";
		a.query = text;
		ui_push(ui, &screen_docs, &a);
	}
	shelf_filter_clear(f);
	free(f);
}

/* Ask what to look for in the shelf (narrowed by f), then the results. */
void
shelf_search_prompt(struct ui *ui, const struct store_doc_filter *f)
{
	struct store_doc_filter *copy = xcalloc(1, sizeof(*copy));

	shelf_filter_copy(copy, f);
	ui_prompt(ui, "Rechercher dans la bibliothèque : ", "", 200,
	    shelf_search_done, copy);
}

static void
shelf_free_details(struct shelf *s)
{
	size_t i;

	for (i = 0; i < E_COUNT; i++) {
		free(s->detail[i]);
		s->detail[i] = NULL;
	}
}

/* The counts beside the entries. */
static void
shelf_fill(struct ui *ui, struct shelf *s)
{
	struct store *st = ui_store(ui);
	struct store_doc_filter f;
	int64_t n = 0;

	shelf_free_details(s);
	store_doc_count(st, &s->total);
	s->detail[E_SEARCH] = xstrdup("Dans les titres, les fiches et le "
	    "texte, sans souci des accents");
	memset(&f, 0, sizeof(f));
	f.since = shelf_since(ui);
	store_doc_list_count(st, ui_member(ui)->id, &f, &n);
	if (n == 0)
		s->detail[E_NEW] = xstrdup("Rien de nouveau depuis votre "
		    "dernière visite");
	else
		xasprintf(&s->detail[E_NEW], "%lld document%s ajouté%s",
		    (long long)n, n > 1 ? "s" : "", n > 1 ? "s" : "");
	memset(&f, 0, sizeof(f));
	f.picked_by = ui_member(ui)->id;
	store_doc_list_count(st, ui_member(ui)->id, &f, &n);
	if (n == 0)
		s->detail[E_PICKS] = xstrdup("Vide : s sur un document l'y "
		    "ajoute");
	else
		xasprintf(&s->detail[E_PICKS], "%lld document%s gardé%s sous "
		    "la main", (long long)n, n > 1 ? "s" : "", n > 1 ? "s" : "");
	s->detail[E_THEME] = xstrdup("Accès aux droits, logement, emploi, "
	    "français...");
	s->detail[E_KIND] = xstrdup("Lois, décrets, circulaires, études, "
	    "guides...");
	s->detail[E_ISSUER] = xstrdup("Ministères, agences, observatoires, "
	    "associations");
	xasprintf(&s->detail[E_ALL], "%lld document%s", (long long)s->total,
	    s->total > 1 ? "s" : "");
	s->nentries = store_doc_can_curate((int)ui_member(ui)->role) ?
	    E_COUNT : E_INBOX;
	store_doc_inbox_free(s->inbox, s->ninbox);
	s->inbox = NULL;
	s->ninbox = 0;
	if (s->nentries == E_COUNT)
		store_doc_inbox_list(st, &s->inbox, &s->ninbox);
	if (s->ninbox == 0)
		s->detail[E_INBOX] = xstrdup("Rien à classer : déposez des "
		    "fichiers par SFTP dans /depot/");
	else
		xasprintf(&s->detail[E_INBOX], "%zu fichier%s en attente d'une "
		    "fiche", s->ninbox, s->ninbox > 1 ? "s" : "");
}

/* « À classer »: choose a waiting file, then fill its record. The
 * list is read again: one published a moment ago is gone. */
static void
shelf_inbox(struct ui *ui, struct shelf *s)
{
	size_t i;

	shelf_fill(ui, s);
	if (s->ninbox == 0) {
		ui_message(ui, "Rien à classer : déposez des fichiers par SFTP "
		    "dans /depot/ (sftp -P PORT identifiant@serveur).");
		return;
	}
	ui_form_options_free(s->pick, s->npick);
	s->pick = xcalloc(s->ninbox, sizeof(*s->pick));
	s->npick = s->ninbox;
	for (i = 0; i < s->ninbox; i++) {
		char *key, *label;

		xasprintf(&key, "%lld", (long long)s->inbox[i].id);
		xasprintf(&label, "%s (%s, %lld Ko)", s->inbox[i].name,
		    strcmp(s->inbox[i].type, "pdf") == 0 ? "PDF" :
		    strcmp(s->inbox[i].type, "md") == 0 ? "Markdown" : "texte",
		    (long long)(s->inbox[i].size + 1023) / 1024);
		s->pick[i].key = key;
		s->pick[i].label = label;
	}
	ui_pick(ui, "À classer", s->pick, s->npick, 0, "",
	    shelf_inbox_picked, s);
}

static void
shelf_inbox_picked(struct ui *ui, void *ctx, const char *key)
{
	struct shelf *s = ctx;
	int64_t id;
	size_t i;

	if (key == NULL)
		return;
	id = strtoll(key, NULL, 10);
	for (i = 0; i < s->ninbox; i++)
		if (s->inbox[i].id == id)
			shelf_form_publish(ui, id, s->inbox[i].name);
}

static int
shelf_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct shelf *s = xcalloc(1, sizeof(*s));

	shelf_fill(ui, s);
	ui_list_init(&s->list, s->nentries, 2);
	v->state = s;
	ui_view_set_title(v, "Bibliothèque");
	return 0;
}

static void
shelf_leave(struct ui *ui, struct ui_view *v)
{
	struct shelf *s = v->state;

	shelf_free_details(s);
	ui_form_options_free(s->pick, s->npick);
	store_doc_inbox_free(s->inbox, s->ninbox);
	free(s);
}

static void
shelf_resume(struct ui *ui, struct ui_view *v)
{
	struct shelf *s = v->state;

	shelf_fill(ui, s);
	s->list.n = s->nentries;	/* the same entries: keep the place */
}

static void
shelf_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct shelf *s = v->state;

	s->list.rows_per_item = r->h >= 2 * (int)s->nentries ? 2 : 1;
	ui_list_layout(&s->list, r);
}

static void
shelf_draw_item(int y, int x, int w, size_t i, int selected, const void *arg)
{
	const struct shelf *s = arg;
	char num[8];
	int used;

	snprintf(num, sizeof(num), " %zu  ", i + 1);
	used = ui_put(y, x, w, num, 0);
	used += ui_put(y, x + used, w - used, shelf_labels[i],
	    selected ? A_REVERSE : A_BOLD);
	if (s->list.rows_per_item == 2)
		ui_put(y + 1, x + 5, w - 6, s->detail[i], 0);
}

static void
shelf_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct shelf *s = v->state;

	ui_list_draw(&s->list, r, shelf_draw_item, s);
}

static int
shelf_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct shelf *s = v->state;
	struct store_doc_filter f;
	struct docs_arg a;
	int which;

	memset(&f, 0, sizeof(f));
	if (op == OP_DIGIT) {
		if ((size_t)(key - '1') >= s->nentries)
			return UI_HANDLED;
		s->list.sel = (size_t)(key - '1');
		op = OP_OPEN;
	}
	if (op == OP_FIND) {
		shelf_search_prompt(ui, &f);
		return UI_HANDLED;
	}
	if (op != OP_OPEN)
		return ui_list_handle(&s->list, op, &v->laid_out);
	a.filter = &f;
	a.query = NULL;
	a.title = shelf_labels[s->list.sel];
	switch (s->list.sel) {
	case E_SEARCH:
		shelf_search_prompt(ui, &f);
		break;
	case E_NEW:
		f.since = shelf_since(ui);
		a.title = "Nouveautés";
		ui_push(ui, &screen_docs, &a);
		break;
	case E_PICKS:
		f.picked_by = ui_member(ui)->id;
		ui_push(ui, &screen_docs, &a);
		break;
	case E_THEME:
	case E_KIND:
	case E_ISSUER:
		which = s->list.sel == E_THEME ? DOC_FACET_THEME :
		    s->list.sel == E_KIND ? DOC_FACET_KIND : DOC_FACET_ISSUER;
		ui_push(ui, &screen_shelf_facets, &which);
		break;
	case E_INBOX:
		shelf_inbox(ui, s);
		break;
	default:
		a.title = "Tous les documents";
		ui_push(ui, &screen_docs, &a);
		break;
	}
	return UI_HANDLED;
}

static struct ui_list *
shelf_menu(struct ui_view *v)
{
	struct shelf *s = v->state;

	return &s->list;
}

static char *
shelf_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct shelf *s = v->state;
	char *line;

	xasprintf(&line, "%s : %s", shelf_labels[i], s->detail[i]);
	return line;
}

const struct ui_screen screen_shelf = {
	.name = "bibliotheque",
	.keys = shelf_keys,
	.enter = shelf_enter,
	.layout = shelf_layout,
	.draw = shelf_draw,
	.handle = shelf_handle,
	.leave = shelf_leave,
	.resume = shelf_resume,
	.menu = shelf_menu,
	.item = shelf_item,
};
