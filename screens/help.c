/*
 * help.c - the keys of the screen it was called from, then the keys that
 * work everywhere, the key glossary, then a few words on how Palabre
 * works. Built from the key tables themselves, so it never disagrees
 * with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "config.h"
#include "screens/screens.h"
#include "util/util.h"

struct help {
	struct ui_pager	pager;
};

/* One letter, one meaning, on every screen (docs/KEYS.md says the same). */
const struct screens_gloss screens_glossary[] = {
	{ '?', OP_HELP, "Aide", { NULL } },
	{ 'q', OP_BACK, "Retour à l'écran précédent", { NULL } },
	{ 'Q', OP_QUIT, "Quitter Palabre", { NULL } },
	{ 'j', OP_DOWN, "Descendre d'une ligne", { NULL } },
	{ 'k', OP_UP, "Monter d'une ligne", { NULL } },
	{ 'b', OP_PAGE_UP, "Page précédente", { NULL } },
	{ 'g', OP_TOP, "Au début", { NULL } },
	{ 'G', OP_BOTTOM, "À la fin", { NULL } },
	{ '/', OP_NONE, "Rechercher", { "Rechercher" } },
	{ '!', OP_NONE, "Signaler à l'équipe de modération", { "Signaler" } },
	{ '+', OP_NONE, "Ajouter", { "Ajouter" } },
	{ '>', OP_NONE, "Suivant dans la suite : message du fil, texte "
	    "qui remplace", { "Suivant" } },
	{ '<', OP_NONE, "Précédent dans le fil", { "Précédent" } },
	{ ']', OP_NONE, "Article (titre) suivant", { "Article" } },
	{ '[', OP_NONE, "Article (titre) précédent", { "Article" } },
	{ 'a', OP_NONE, "Accepter, valider (modération)",
	    { "Accepter", "Valider" } },
	{ 'c', OP_NONE, "Accents : le jeu de caractères du terminal",
	    { "Accents" } },
	{ 'd', OP_NONE, "Retirer, supprimer, se désinscrire",
	    { "Retirer", "Supprimer", "Se désinscrire" } },
	{ 'e', OP_NONE, "Modifier", { "Modifier" } },
	{ 'f', OP_NONE, "Fil de discussion sur les forums",
	    { "Fil de discussion" } },
	{ 'h', OP_NONE, "Masquer ou montrer", { "Masquer" } },
	{ 'i', OP_NONE, "Participer : s'inscrire, « Je m'en inspire »",
	    { "S'inscrire", "Je m'en inspire" } },
	{ 'l', OP_NONE, "Lien : ouvrir un document ou une fiche liés",
	    { "Lien" } },
	{ 'm', OP_NONE, "Marquer un sujet comme lu", { "Marquer" } },
	{ 'n', OP_NONE, "Suivant : message non lu, occurrence, nouveauté",
	    { "Non lu suivant", "Occurrence suivante",
	    "Nouveauté suivante" } },
	{ 'o', OP_NONE, "Filtre : type d'organisation",
	    { "Type d'organisation" } },
	{ 'p', OP_NONE, "Précédent : occurrence, message du fil",
	    { "Précédent" } },
	{ 'r', OP_NONE, "Répondre", { "Répondre" } },
	{ 's', OP_NONE, "Sélection : ajouter ou retirer",
	    { "Ajouter à ma sélection" } },
	{ 't', OP_NONE, "Filtre : thème", { "Thème" } },
	{ 'u', OP_NONE, "Marquer comme non lu", { "Marquer" } },
	{ 'v', OP_NONE, "Vue : changer ce que la liste montre", { "Vue" } },
	{ 'x', OP_NONE, "Exporter : un texte à copier", { "Exporter" } },
	{ 'z', OP_NONE, "Effacer les filtres", { "Effacer" } },
	{ 'A', OP_NONE, "Annuler une journée (organisation)", { "Annuler" } },
	{ 'B', OP_NONE, "Bloquer ou débloquer un membre", { "Bloquer" } },
	{ 'C', OP_NONE, "Commenter", { "Commenter" } },
	{ 'D', OP_NONE, "Filtre : département, région", { "Département" } },
	{ 'E', OP_NONE, "Épingler ou détacher un sujet", { "Épingler" } },
	{ 'H', OP_NONE, "Historique : versions précédentes",
	    { "Historique" } },
	{ 'J', OP_NONE, "JSON ou texte", { "JSON" } },
	{ 'L', OP_NONE, "Marquer tout comme lu : le forum, « Quoi de neuf »",
	    { "Marquer tout le forum", "Tout marquer" } },
	{ 'M', OP_NONE, "Modération : ce qui attend une décision",
	    { "Modération" } },
	{ 'N', OP_NONE, "Nouveau : sujet, message, fiche, journée",
	    { "Nouveau", "Nouvelle" } },
	{ 'P', OP_NONE, "Participants d'une journée", { "Participants" } },
	{ 'R', OP_NONE, "Répondre sans citer", { "Répondre sans citer" } },
	{ 'S', OP_NONE, "Suivre ou ne plus suivre (« Ma veille »)",
	    { "Suivre" } },
	{ 'T', OP_NONE, "Transférer un sujet vers un autre forum",
	    { "Transférer" } },
	{ 'V', OP_NONE, "Verrouiller ou rouvrir un sujet",
	    { "Verrouiller" } },
	{ 'X', OP_NONE, "Refuser, renvoyer pour correction (modération)",
	    { "Refuser", "Renvoyer" } },
	{ 0, OP_NONE, NULL, { NULL } }
};

static const struct ui_key help_keys[] = {
	UI_PAGER_KEYS,
	UI_KEYS_END
};

/* The keys of a table; on a screen that takes text, printable keys are
 * text there, so they are not listed (text 1). In line mode (line 1),
 * numbers choose and pages come one after the other: no arrows, no
 * page keys, no function keys. */
static void
help_add_keys(struct ui_pager *p, const struct ui_key *keys, int text,
    int line)
{
	const struct ui_key *k;

	for (k = keys; k != NULL && k->key != 0; k++) {
		if (k->name == NULL || (k->flags & UI_KEY_NOHELP))
			continue;
		if (text && k->key >= 0x20 && k->key != 0x7f &&
		    !(k->key & UI_KEY_FN))
			continue;
		if (line && ((k->key & UI_KEY_FN) || k->op == OP_UP ||
		    k->op == OP_DOWN || k->op == OP_PAGE_UP ||
		    k->op == OP_PAGE_DOWN || k->op == OP_TOP ||
		    k->op == OP_BOTTOM || k->key < 0x20))
			continue;
		ui_pager_add_item(p, k->name, k->label);
	}
}

static int
help_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	const struct ui_view *from = arg;
	struct help *h = xcalloc(1, sizeof(*h));
	const struct screens_gloss *g;
	char *s, key[2];

	ui_pager_init(&h->pager);
	if (from != NULL && from->screen != &screen_help) {
		if (from->title != NULL && from->title[0] != '\0')
			xasprintf(&s, "Touches de l'écran « %s »",
			    from->title);
		else
			s = xstrdup("Touches de cet écran");
		ui_pager_add(&h->pager, TXT_BLOCK_HEADING, 2, s, 0);
		free(s);
		help_add_keys(&h->pager, from->screen->keys, 0,
		    ui_line_mode(ui));
	}
	ui_pager_add(&h->pager, TXT_BLOCK_HEADING, 2, "Partout", 0);
	help_add_keys(&h->pager, ui_global_keys, from != NULL &&
	    from->screen->input != NULL, ui_line_mode(ui));
	/* On a screen that takes text, letters are text: no glossary. */
	if (from == NULL || from->screen->input == NULL) {
		ui_pager_add(&h->pager, TXT_BLOCK_HEADING, 2,
		    "Une lettre, un sens", 0);
		ui_pager_add(&h->pager, TXT_BLOCK_PARA, 0, "Une lettre fait "
		    "la même chose sur tous les écrans où elle sert :", 0);
		for (g = screens_glossary; g->key != 0; g++) {
			if (g->op != OP_NONE)
				continue;	/* listed above or below */
			snprintf(key, sizeof(key), "%c", g->key);
			ui_pager_add_item(&h->pager, key, g->meaning);
		}
	}
	ui_pager_add(&h->pager, TXT_BLOCK_HEADING, 2, "Bon à savoir", 0);
	ui_pager_add(&h->pager, TXT_BLOCK_PARA, 0,
	    "Les touches de l'écran en cours sont rappelées sur la dernière "
	    "ligne. « q » revient toujours à l'écran précédent ; depuis "
	    "l'accueil, il propose de quitter. Là où l'on écrit un texte, "
	    "les lettres s'écrivent : F1 donne l'aide, Échap quitte.", 0);
	ui_pager_add(&h->pager, TXT_BLOCK_PARA, 0,
	    "Palabre s'adapte à la taille de votre fenêtre : agrandissez-la "
	    "ou réduisez-la à tout moment (40 colonnes sur 12 lignes au "
	    "minimum). Si l'affichage semble abîmé, Ctrl-L le redessine.", 0);
	xasprintf(&s, "Une question sur %s%s ? Écrivez à l'équipe "
	    "d'animation du réseau.", ui_config(ui)->site_article,
	    ui_config(ui)->site_name);
	ui_pager_add(&h->pager, TXT_BLOCK_PARA, 0, s, 0);
	free(s);
	v->state = h;
	ui_view_set_title(v, "Aide");
	return 0;
}

static void
help_leave(struct ui *ui, struct ui_view *v)
{
	struct help *h = v->state;

	ui_pager_free(&h->pager);
	free(h);
}

static void
help_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct help *h = v->state;

	ui_pager_layout(&h->pager, r);
	ui_pager_status(&h->pager, v, r->h);
}

static void
help_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct help *h = v->state;

	ui_pager_draw(&h->pager, r);
}

static int
help_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct help *h = v->state;

	if (ui_pager_handle(&h->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&h->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
help_text(struct ui_view *v)
{
	struct help *h = v->state;

	return &h->pager;
}

const struct ui_screen screen_help = {
	.name = "aide",
	.keys = help_keys,
	.enter = help_enter,
	.layout = help_layout,
	.draw = help_draw,
	.handle = help_handle,
	.leave = help_leave,
	.text = help_text,
};
