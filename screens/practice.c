/*
 * practice.c - one record of the practice catalogue, read in the pager:
 * what it is, where, for whom, since when, who to contact, then the
 * story (context, what was done, means, results, how to reproduce it).
 *
 * From here a member follows the record (« je m'en inspire »: counted,
 * and its author told), comments on it (its thread on the boards, made
 * when the first comment is sent), reads its discussion, opens the
 * documents of the shelf it links to, exports it as plain text, and,
 * for its author, amends or updates it and reads its former versions.
 * A moderator publishes a record waiting, or returns it with
 * a comment.
 *
 * Also here: screen_practice_text, a text shown as it is (the exports,
 * the history), and the option lists the catalogue's screens share
 * (themes, types, départements by région).
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

#define PRACTICE_EXPORT_WIDTH	72

struct practice {
	struct store_viewer	 vw;
	struct store_practice	 p;
	struct store_practice_doc *docs;	/* its documents of the shelf */
	size_t			 ndocs;
	struct ui_form_option	*pick;		/* offered by l, while chosen */
	size_t			 npick;
	struct ui_pager		 pager;
};

enum {
	OP_FOLLOW = OP_SCREEN,
	OP_COMMENT,
	OP_DISCUSSION,
	OP_EXPORT,
	OP_EDIT,
	OP_HISTORY,
	OP_PUBLISH,
	OP_RETURN,
	OP_DOCS
};

static const struct ui_key practice_keys[] = {
	UI_PAGER_KEYS,
	{ 'i', OP_FOLLOW, "i", "Je m'en inspire", UI_KEY_BAR },
	{ 'C', OP_COMMENT, "C", "Commenter", UI_KEY_BAR },
	VEILLE_KEY,
	{ 'f', OP_DISCUSSION, "f", "Fil de discussion de la fiche", 0 },
	{ 'x', OP_EXPORT, "x", "Exporter en texte", UI_KEY_BAR },
	{ 'l', OP_DOCS, "l", "Lien : lire un document lié", UI_KEY_BAR },
	{ 'e', OP_EDIT, "e", "Modifier votre fiche", 0 },
	{ 'H', OP_HISTORY, "H", "Historique : versions précédentes", 0 },
	{ 'a', OP_PUBLISH, "a", "Accepter et publier (modération)", 0 },
	{ 'X', OP_RETURN, "X", "Renvoyer pour correction (modération)", 0 },
	UI_KEYS_END
};

static int	 practice_load(struct ui *, struct practice *, int64_t);
static void	 practice_build(struct practice *);
static void	 practice_line(struct buf *, const char *, const char *);
static void	 practice_section(struct ui_pager *, const char *,
		    const char *);
static void	 practice_publish_done(struct ui *, void *, const char *);
static void	 practice_return_done(struct ui *, void *, const char *);
static void	 practice_history(struct ui *, struct practice *);
static void	 practice_comment(struct ui *, struct practice *, int);
static void	 practice_docs_open(struct ui *, struct practice *);
static void	 practice_doc_picked(struct ui *, void *, const char *);

/* --- Options shared by the catalogue's screens ----------------------------- */

void
practice_options_load(struct ui *ui, struct practice_options *o,
    int regions)
{
	struct store *st = ui_store(ui);
	struct store_theme *th;
	struct store_region *rg;
	struct store_departement *dp;
	size_t nth = 0, nrg = 0, ndp = 0, i, k, n;
	char *s;

	memset(o, 0, sizeof(*o));
	store_theme_list(st, &th, &nth);
	store_region_list(st, &rg, &nrg);
	store_departement_list(st, NULL, &dp, &ndp);
	o->owned = xcalloc(nth * 2 + nrg * 3 + ndp * 2 + 1,
	    sizeof(*o->owned));
	o->themes = xcalloc(nth + 1, sizeof(*o->themes));
	for (i = 0; i < nth; i++) {
		o->themes[i].key = o->owned[o->nowned++] = xstrdup(th[i].key);
		o->themes[i].label = o->owned[o->nowned++] =
		    xstrdup(th[i].label);
	}
	o->nthemes = nth;
	o->types = xcalloc(store_norg_types, sizeof(*o->types));
	for (i = 0; i < store_norg_types; i++) {
		o->types[i].key = store_org_types[i].key;
		o->types[i].label = store_org_types[i].label;
	}
	o->ntypes = store_norg_types;
	/* Départements by région (régions by name), with « toute la
	 * région » first in each when asked (the filter). */
	o->deps = xcalloc(ndp + nrg + 1, sizeof(*o->deps));
	for (k = 0, n = 0; k < nrg; k++) {
		const char *g = o->owned[o->nowned++] = xstrdup(rg[k].name);

		if (regions) {
			xasprintf(&s, "R:%s", rg[k].code);
			o->deps[n].key = o->owned[o->nowned++] = s;
			xasprintf(&s, "Toute la région %s", rg[k].name);
			o->deps[n].label = o->owned[o->nowned++] = s;
			o->deps[n++].group = g;
		}
		for (i = 0; i < ndp; i++) {
			if (strcmp(dp[i].region_code, rg[k].code) != 0)
				continue;
			o->deps[n].key = o->owned[o->nowned++] =
			    xstrdup(dp[i].code);
			xasprintf(&s, "%s %s", dp[i].code, dp[i].name);
			o->deps[n].label = o->owned[o->nowned++] = s;
			o->deps[n++].group = g;
		}
	}
	o->ndeps = n;
	store_theme_list_free(th, nth);
	store_region_list_free(rg, nrg);
	store_departement_list_free(dp, ndp);
}

void
practice_options_free(struct practice_options *o)
{
	size_t i;

	for (i = 0; i < o->nowned; i++)
		free(o->owned[i]);
	free(o->owned);
	free(o->themes);
	free(o->types);
	free(o->deps);
	memset(o, 0, sizeof(*o));
}

/* --- The record page ------------------------------------------------------- */

/* « Label : valeur » as a line of the facts' block. */
static void
practice_line(struct buf *b, const char *label, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	buf_printf(b, "%s%s : %s", b->len > 0 ? "\n" : "", label, value);
}

static void
practice_section(struct ui_pager *pg, const char *label, const char *text)
{
	if (text == NULL || text[0] == '\0')
		return;
	ui_pager_add(pg, TXT_BLOCK_HEADING, 2, label, 0);
	ui_pager_add_doc(pg, txt_doc_from_plain(text, strlen(text)));
}

static int
practice_load(struct ui *ui, struct practice *pr, int64_t id)
{
	int rc;

	store_practice_clear(&pr->p);
	store_practice_doc_list_free(pr->docs, pr->ndocs);
	pr->docs = NULL;
	pr->ndocs = 0;
	if ((rc = store_practice_get(ui_store(ui), &pr->vw, id, &pr->p)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Cette fiche "
		    "n'existe pas ou n'est pas publiée."));
		return -1;
	}
	if (store_practice_docs(ui_store(ui), pr->p.f[PF_DOCS], &pr->docs,
	    &pr->ndocs) != 0)
		log_warn("documents de la fiche %lld illisibles",
		    (long long)id);
	practice_build(pr);
	return 0;
}

static void
practice_build(struct practice *pr)
{
	const struct store_practice *p = &pr->p;
	const char *type = store_org_type_label(p->f[PF_ORG_TYPE]);
	char date[64], *s, *period;
	struct buf b;
	size_t i;

	ui_pager_free(&pr->pager);
	ui_pager_init(&pr->pager);
	ui_pager_add(&pr->pager, TXT_BLOCK_HEADING, 1, p->f[PF_TITLE], 0);
	buf_init(&b);
	if (p->state == PRACTICE_PUBLIEE) {
		txt_date_long(date, sizeof(date), p->published_at);
		buf_printf(&b, "Fiche n° %lld, publiée le %s",
		    (long long)p->id, date);
	} else
		buf_printf(&b, "Fiche n° %lld, %s", (long long)p->id,
		    store_practice_state_label(p->state));
	buf_printf(&b, "\nProposée par %s%s%s%s", p->author_name,
	    p->author_org[0] != '\0' ? " (" : "", p->author_org,
	    p->author_org[0] != '\0' ? ")" : "");
	if (p->version > 1) {
		txt_date_long(date, sizeof(date), p->updated_at);
		buf_printf(&b, "\nMise à jour le %s (version %d)", date,
		    p->version);
	}
	if (p->nfollowers > 0)
		buf_printf(&b, "\n%lld membre%s s'en inspire%s%s",
		    (long long)p->nfollowers, p->nfollowers > 1 ? "s" : "",
		    p->nfollowers > 1 ? "nt" : "", p->following ?
		    ", dont vous" : "");
	else if (p->state == PRACTICE_PUBLIEE)
		buf_printf(&b, "\nPersonne ne s'en inspire encore : i pour "
		    "être le premier");
	s = buf_detach(&b);
	ui_pager_add(&pr->pager, TXT_BLOCK_PARA, 0, s, TXT_ATTR_BOLD);
	free(s);
	if (p->state == PRACTICE_RENVOYEE && p->comment[0] != '\0') {
		xasprintf(&s, "Renvoyée pour correction par %s : « %s »%s",
		    p->moderator_name, p->comment,
		    p->author_id == pr->vw.member_id ? " (e pour la modifier)" :
		    "");
		ui_pager_add(&pr->pager, TXT_BLOCK_QUOTE, 0, s, 0);
		free(s);
	}
	if (p->state == PRACTICE_A_VALIDER &&
	    store_practice_can_moderate(&pr->vw))
		ui_pager_add(&pr->pager, TXT_BLOCK_QUOTE, 0, "À valider : a "
		    "la publie, X la renvoie pour correction avec un "
		    "commentaire.", 0);
	ui_pager_add(&pr->pager, TXT_BLOCK_RULE, 0, "", 0);

	/* The facts, one block: a line each. */
	buf_init(&b);
	xasprintf(&s, "%s%s%s%s", p->f[PF_ORG], type != NULL ? " (" : "",
	    type != NULL ? type : "", type != NULL ? ")" : "");
	practice_line(&b, "Organisation porteuse", s);
	free(s);
	practice_line(&b, "Partenaires", p->f[PF_PARTNERS]);
	xasprintf(&s, "%s (%s)%s%s", p->departement_label, p->region_name,
	    p->f[PF_COMMUNE][0] != '\0' ? ", " : "", p->f[PF_COMMUNE]);
	practice_line(&b, "Territoire", s);
	free(s);
	practice_line(&b, "Thèmes", p->themes_label);
	practice_line(&b, "Publics", p->f[PF_PUBLIC]);
	period = store_practice_period(p->f[PF_START], p->f[PF_END]);
	practice_line(&b, "Période", period);
	free(period);
	if (p->f[PF_CONTACT_LOGIN][0] != '\0') {
		xasprintf(&s, "%s%s%s, membre du réseau (identifiant %s)",
		    p->contact_name, p->contact_org[0] != '\0' ? ", " : "",
		    p->contact_org, p->f[PF_CONTACT_LOGIN]);
		practice_line(&b, "Contact", s);
		free(s);
		practice_line(&b, "Autre contact", p->f[PF_CONTACT]);
	} else
		practice_line(&b, "Contact", p->f[PF_CONTACT]);
	s = buf_detach(&b);
	ui_pager_add(&pr->pager, TXT_BLOCK_PARA, 0, s, 0);
	free(s);

	practice_section(&pr->pager, "Contexte et besoins",
	    p->f[PF_CONTEXT]);
	practice_section(&pr->pager, "Ce qui a été fait", p->f[PF_ACTIONS]);
	practice_section(&pr->pager, "Moyens : équipe, budget, financements",
	    p->f[PF_MEANS]);
	practice_section(&pr->pager, "Résultats et évaluation",
	    p->f[PF_RESULTS]);
	practice_section(&pr->pager, "Pour reproduire l'action",
	    p->f[PF_REPRODUCE]);
	if (pr->ndocs > 0) {
		ui_pager_add(&pr->pager, TXT_BLOCK_HEADING, 2,
		    "Documents de la bibliothèque", 0);
		for (i = 0; i < pr->ndocs; i++) {
			period = store_practice_doc_line(&pr->docs[i]);
			xasprintf(&s, "%s — %s", pr->docs[i].title, period);
			ui_pager_add_item(&pr->pager, "•", s);
			free(s);
			free(period);
		}
		ui_pager_add(&pr->pager, TXT_BLOCK_PARA, 0, pr->ndocs > 1 ?
		    "l pour en lire un." : "l pour le lire.", TXT_ATTR_ITALIC);
	}
	ui_pager_add(&pr->pager, TXT_BLOCK_RULE, 0, "", 0);
	ui_pager_add(&pr->pager, TXT_BLOCK_PARA, 0, p->thread_id != 0 ?
	    "Discussion sur les forums : f pour la lire, C pour y écrire." :
	    "Pas encore de discussion : C pour poser une question ou "
	    "partager votre expérience.", TXT_ATTR_ITALIC);
}

static int
practice_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct practice *pr = xcalloc(1, sizeof(*pr));

	ui_viewer(ui, &pr->vw);
	ui_pager_init(&pr->pager);
	if (practice_load(ui, pr, *(int64_t *)arg) == -1) {
		ui_pager_free(&pr->pager);
		free(pr);
		return -1;
	}
	v->state = pr;
	ui_view_set_title(v, "Fiche pratique");
	return 0;
}

static void
practice_leave(struct ui *ui, struct ui_view *v)
{
	struct practice *pr = v->state;

	ui_pager_free(&pr->pager);
	store_practice_clear(&pr->p);
	store_practice_doc_list_free(pr->docs, pr->ndocs);
	ui_form_options_free(pr->pick, pr->npick);
	free(pr);
}

static void
practice_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct practice *pr = v->state;

	ui_pager_layout(&pr->pager, r);
	ui_pager_status(&pr->pager, v, r->h);
}

static void
practice_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct practice *pr = v->state;

	ui_pager_draw(&pr->pager, r);
}

/* Re-read the record (after a change here or in a view above). */
static void
practice_resume(struct ui *ui, struct ui_view *v)
{
	struct practice *pr = v->state;
	size_t top = pr->pager.top;

	if (practice_load(ui, pr, pr->p.id) == 0 && v->laid_out.h > 0) {
		ui_pager_layout(&pr->pager, &v->laid_out);
		pr->pager.top = top < pr->pager.nlines ? top : 0;
		ui_pager_layout(&pr->pager, &v->laid_out);
		ui_pager_status(&pr->pager, v, v->laid_out.h);
	}
}

/*
 * A decision on a waiting record that did not happen: the store's
 * sentence, « no longer waits » in the record's words. A refusal for
 * the role or a database error says so, never that the record moved.
 */
const char *
practice_decision_text(int rc)
{
	if (rc == STORE_STATE)
		return "La fiche n'attend plus de validation.";
	return store_rc_text(rc);
}

static void
practice_publish_done(struct ui *ui, void *ctx, const char *answer)
{
	struct ui_view *v = ctx;
	struct practice *pr = v->state;
	int rc;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O')) {
		if (answer != NULL)
			ui_message(ui, "La fiche attend toujours.");
		return;
	}
	rc = store_practice_publish(ui_store(ui), &pr->vw, pr->p.id);
	if (rc == STORE_OK)
		ui_message(ui, "Fiche publiée : elle est dans le catalogue.");
	else
		ui_message(ui, "%s", practice_decision_text(rc));
	practice_resume(ui, v);
}

static void
practice_return_done(struct ui *ui, void *ctx, const char *text)
{
	struct practice *pr = ctx;
	int rc;

	if (text == NULL)
		return;
	rc = store_practice_return(ui_store(ui), &pr->vw, pr->p.id, text);
	if (rc == STORE_EMPTY)
		ui_message(ui, "Dites à l'auteur ce qu'il faut revoir : le "
		    "commentaire est obligatoire.");
	else if (rc == STORE_TOO_LONG)
		ui_message(ui, "Commentaire trop long : %d octets au plus.",
		    STORE_REASON_MAX);
	else if (rc != STORE_OK)
		ui_message(ui, "%s", practice_decision_text(rc));
	else
		ui_message(ui, "Fiche renvoyée pour correction avec votre "
		    "commentaire : son auteur le lira à l'accueil.");
}

/* All former versions, newest first, as plain text. */
static void
practice_history(struct ui *ui, struct practice *pr)
{
	struct store_practice_version *l;
	struct store_practice copy;
	struct practice_text_arg a;
	struct buf b;
	char date[64], *text;
	size_t n, i;
	int rc, k;

	rc = store_practice_versions(ui_store(ui), &pr->vw, pr->p.id, &l, &n);
	if (rc == STORE_FORBIDDEN) {
		ui_message(ui, "Seules la personne qui l'a écrite et "
		    "l'équipe de modération voient les "
		    "versions précédentes.");
		return;
	}
	if (rc != 0 || n == 0) {
		store_practice_version_list_free(l, n);
		ui_message(ui, rc != 0 ? "Les versions n'ont pas pu être "
		    "lues." : "Cette fiche n'a pas été modifiée depuis son "
		    "envoi.");
		return;
	}
	buf_init(&b);
	for (i = 0; i < n; i++) {
		copy = pr->p;
		for (k = 0; k < PF_NFIELDS; k++)
			copy.f[k] = l[i].f[k];
		copy.published_at = 0;
		/* The contact member's name is today's: the login says who. */
		txt_date_long(date, sizeof(date), l[i].written_at);
		buf_printf(&b, "%s=== Version %d, écrite le %s (%s) ===\n\n",
		    i > 0 ? "\n\n" : "", l[i].version, date,
		    store_practice_state_label(l[i].state));
		text = store_practice_export(ui_store(ui), &copy,
		    PRACTICE_EXPORT_WIDTH);
		buf_adds(&b, text);
		free(text);
	}
	store_practice_version_list_free(l, n);
	text = buf_detach(&b);
	a.title = "Versions précédentes";
	a.text = text;
	ui_push(ui, &screen_practice_text, &a);
	free(text);
}

/*
 * c: write in the record's thread; d: read it. Before the first
 * comment there is no thread: the comment's screen makes it when the
 * comment is sent (store_practice_comment), not before.
 */
static void
practice_comment(struct ui *ui, struct practice *pr, int write)
{
	struct compose_arg ca;
	struct store_board b;
	int64_t thread_id, post_id;
	int rc;

	if (pr->p.state != PRACTICE_PUBLIEE) {
		ui_message(ui, "On ne discute que des fiches publiées.");
		return;
	}
	if (!write && pr->p.thread_id == 0) {
		ui_message(ui, "Pas encore de discussion : C pour la "
		    "commencer.");
		return;
	}
	memset(&ca, 0, sizeof(ca));
	if (pr->p.thread_id == 0) {
		memset(&b, 0, sizeof(b));
		rc = store_board_by_key(ui_store(ui), &pr->vw, PRACTICE_BOARD,
		    &b);
		if (rc != 0 || b.archived_at != 0) {
			store_board_clear(&b);
			ui_message(ui, "Le forum du catalogue n'est pas ouvert "
			    "(fichier catalogue.conf) : demandez à l'équipe.");
			return;
		}
		store_board_clear(&b);
		ca.kind = DRAFT_REPLY;
		ca.target_id = -pr->p.id;
		ca.practice_id = pr->p.id;
		ui_push(ui, &screen_compose, &ca);
		return;
	}
	rc = store_practice_thread(ui_store(ui), &pr->vw, pr->p.id,
	    PRACTICE_BOARD, &thread_id, &post_id);
	if (rc != 0) {
		ui_message(ui, "Le forum du catalogue n'est pas ouvert "
		    "(fichier catalogue.conf) : demandez à l'équipe.");
		return;
	}
	pr->p.thread_id = thread_id;
	if (!write) {
		ui_push(ui, &screen_thread, &thread_id);
		return;
	}
	ca.kind = DRAFT_REPLY;
	ca.target_id = post_id;
	ca.quote = 0;
	ui_push(ui, &screen_compose, &ca);
}

/* l: the document linked, or a choice among them. */
static void
practice_docs_open(struct ui *ui, struct practice *pr)
{
	char *line;
	size_t i;

	if (pr->ndocs == 0) {
		ui_message(ui, "Cette fiche ne renvoie à aucun document de la "
		    "bibliothèque.");
		return;
	}
	if (pr->ndocs == 1) {
		doc_open(ui, pr->docs[0].id, NULL);
		return;
	}
	ui_form_options_free(pr->pick, pr->npick);
	pr->pick = xcalloc(pr->ndocs, sizeof(*pr->pick));
	pr->npick = pr->ndocs;
	for (i = 0; i < pr->ndocs; i++) {
		char *key, *label;

		line = store_practice_doc_line(&pr->docs[i]);
		xasprintf(&key, "%lld", (long long)pr->docs[i].id);
		xasprintf(&label, "%s (%s)", pr->docs[i].title, line);
		free(line);
		pr->pick[i].key = key;
		pr->pick[i].label = label;
	}
	ui_pick(ui, "Documents liés à la fiche", pr->pick, pr->npick, 0, "",
	    practice_doc_picked, pr);
}

static void
practice_doc_picked(struct ui *ui, void *ctx, const char *key)
{

	if (key == NULL)
		return;
	doc_open(ui, strtoll(key, NULL, 10), NULL);
}

static int
practice_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct practice *pr = v->state;
	struct practice_text_arg a;
	struct veille_set vs;
	int64_t id = pr->p.id;
	char *text;
	int rc;

	switch (op) {
	case OP_VEILLE:		/* its territory, its themes, its author */
		memset(&vs, 0, sizeof(vs));
		veille_set_territory(ui, &vs, pr->p.f[PF_DEPARTEMENT]);
		veille_set_themes(ui, &vs, pr->p.f[PF_THEMES]);
		if (pr->p.author_id != ui_member(ui)->id)
			veille_set_add(&vs, FOLLOW_MEMBER, pr->p.author_id,
			    NULL, pr->p.author_name);
		veille_set_choose(ui, &vs);
		return UI_HANDLED;
	case OP_FOLLOW:
		rc = store_practice_follow(ui_store(ui), &pr->vw, id,
		    !pr->p.following);
		if (rc == STORE_FORBIDDEN)
			ui_message(ui, pr->p.author_id == pr->vw.member_id ?
			    "C'est votre fiche : les autres membres s'en "
			    "inspirent." : "Cette fiche n'est pas publiée.");
		else if (rc == STORE_ERR)
			ui_message(ui, "%s", store_rc_text(rc));
		else if (!pr->p.following)
			ui_message(ui, "Vous vous en inspirez : %s le saura.",
			    pr->p.author_name);
		else
			ui_message(ui, "Vous ne suivez plus cette fiche.");
		practice_resume(ui, v);
		return UI_HANDLED;
	case OP_COMMENT:
	case OP_DISCUSSION:
		practice_comment(ui, pr, op == OP_COMMENT);
		return UI_HANDLED;
	case OP_EXPORT:
		text = store_practice_export(ui_store(ui), &pr->p,
		    PRACTICE_EXPORT_WIDTH);
		a.title = "Export de la fiche";
		a.text = text;
		ui_push(ui, &screen_practice_text, &a);
		free(text);
		return UI_HANDLED;
	case OP_EDIT:
		if (pr->p.author_id != pr->vw.member_id) {
			ui_message(ui, "Seule la personne qui a écrit la "
			    "fiche peut la modifier.");
			return UI_HANDLED;
		}
		ui_push(ui, &screen_practice_form, &id);
		return UI_HANDLED;
	case OP_HISTORY:
		practice_history(ui, pr);
		return UI_HANDLED;
	case OP_DOCS:
		practice_docs_open(ui, pr);
		return UI_HANDLED;
	case OP_PUBLISH:
		/* A published record cannot be taken back: ask first. */
		if (!store_practice_can_moderate(&pr->vw))
			ui_message(ui, "La publication est réservée à "
			    "l'équipe de modération.");
		else if (pr->p.state != PRACTICE_A_VALIDER)
			ui_message(ui, "Cette fiche n'attend pas de "
			    "validation.");
		else
			ui_prompt(ui, "Publier cette fiche ? Tout le réseau la "
			    "lira, et elle ne pourra plus être retirée. (o/n)",
			    "", 8, practice_publish_done, v);
		return UI_HANDLED;
	case OP_RETURN:
		if (!store_practice_can_moderate(&pr->vw))
			ui_message(ui, "Le renvoi est réservé à l'équipe "
			    "de modération.");
		else if (pr->p.state != PRACTICE_A_VALIDER)
			ui_message(ui, "Cette fiche n'attend pas de "
			    "validation.");
		else
			ui_prompt(ui, "Ce qu'il faut revoir :", "",
			    STORE_REASON_MAX, practice_return_done, pr);
		return UI_HANDLED;
	default:
		break;
	}
	if (ui_pager_handle(&pr->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&pr->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
practice_text_hook(struct ui_view *v)
{
	struct practice *pr = v->state;

	return &pr->pager;
}

const struct ui_screen screen_practice = {
	.name = "fiche",
	.keys = practice_keys,
	.enter = practice_enter,
	.layout = practice_layout,
	.draw = practice_draw,
	.handle = practice_handle,
	.leave = practice_leave,
	.resume = practice_resume,
	.text = practice_text_hook,
};

/* --- A text to copy -------------------------------------------------------- */

/*
 * The text in one block, as it is: no heading, no bullet, no indent, no
 * rule, long lines cut at the width and never clipped
 * (ui_pager_add_copy), so that what a terminal copies is the text
 * itself. The catalogue's exports, the iCalendar text and the
 * participants' list come here.
 */
struct ptext {
	struct ui_pager	pager;
};

static const struct ui_key ptext_keys[] = {
	UI_PAGER_KEYS,
	UI_KEYS_END
};

static int
ptext_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	const struct practice_text_arg *a = arg;
	struct ptext *t = xcalloc(1, sizeof(*t));

	ui_pager_init(&t->pager);
	ui_pager_add_copy(&t->pager, a->text);
	v->state = t;
	ui_view_set_title(v, a->title);
	ui_message(ui, "Texte brut : sélectionnez-le dans votre terminal "
	    "pour le copier.");
	return 0;
}

static void
ptext_leave(struct ui *ui, struct ui_view *v)
{
	struct ptext *t = v->state;

	ui_pager_free(&t->pager);
	free(t);
}

static void
ptext_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct ptext *t = v->state;

	ui_pager_layout(&t->pager, r);
	ui_pager_status(&t->pager, v, r->h);
}

static void
ptext_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct ptext *t = v->state;

	ui_pager_draw(&t->pager, r);
}

static int
ptext_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct ptext *t = v->state;

	if (ui_pager_handle(&t->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&t->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
ptext_text(struct ui_view *v)
{
	struct ptext *t = v->state;

	return &t->pager;
}

const struct ui_screen screen_practice_text = {
	.name = "texte",
	.keys = ptext_keys,
	.enter = ptext_enter,
	.layout = ptext_layout,
	.draw = ptext_draw,
	.handle = ptext_handle,
	.leave = ptext_leave,
	.text = ptext_text,
};
