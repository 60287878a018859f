/*
 * moderation.c - « Modération », the one queue of everything that waits
 * for a decision of the moderation team, oldest kind first: sign-ups
 * (moderators and sysops), practice records to validate (who moderates
 * the catalogue), threads waiting for approval and reported messages
 * (over the boards the viewer moderates). Entrée opens what is listed; a
 * accepts (an account, a record, a thread), X refuses a sign-up or a
 * thread or returns a record for correction, d takes a report off the
 * queue once dealt with (the reader hides a message with h).
 * moderation_count() is what Accueil shows.
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

/* The kinds of entry, in the queue's order. */
enum mod_kind { MOD_SIGNUP, MOD_PRACTICE, MOD_THREAD, MOD_REPORT };

struct moderation {
	struct store_viewer	 vw;
	struct store_profile	*signups;
	size_t			 nsignups;
	struct store_practice_item *practices;
	size_t			 npractices;
	struct store_thread	*waiting;
	size_t			 nwaiting;
	struct store_report	*reports;
	size_t			 nreports;
	struct ui_list		 list;
	int64_t			 deciding;	/* what a prompt is about */
	int			 failed;	/* the queue could not be read:
						 * empty for that reason */
};

enum { OP_APPROVE = OP_SCREEN, OP_REFUSE, OP_CLOSE };

static const struct ui_key moderation_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ 'a', OP_APPROVE, "a", "Accepter : l'inscription, la fiche, le "
	    "sujet", UI_KEY_BAR },
	{ 'X', OP_REFUSE, "X", "Refuser, ou renvoyer la fiche pour "
	    "correction", UI_KEY_BAR },
	{ 'd', OP_CLOSE, "d", "Retirer de la file : classer le signalement",
	    UI_KEY_BAR },
	UI_KEYS_END
};

static enum mod_kind	 moderation_kind(const struct moderation *, size_t,
			    size_t *);

/* The kind of entry i, and its index in its own list. */
static enum mod_kind
moderation_kind(const struct moderation *m, size_t i, size_t *k)
{
	if (i < m->nsignups) {
		*k = i;
		return MOD_SIGNUP;
	}
	i -= m->nsignups;
	if (i < m->npractices) {
		*k = i;
		return MOD_PRACTICE;
	}
	i -= m->npractices;
	if (i < m->nwaiting) {
		*k = i;
		return MOD_THREAD;
	}
	*k = i - m->nwaiting;
	return MOD_REPORT;
}

/* How many things wait for the viewer's decision (Accueil). 0 or -1. */
int
moderation_count(struct ui *ui, int64_t *n)
{
	struct store_viewer vw;
	int64_t k;

	*n = 0;
	ui_viewer(ui, &vw);
	if (store_moderation_count(ui_store(ui), &vw, &k) != 0)
		return -1;
	*n += k;
	if (store_practice_can_moderate(&vw)) {
		if (store_practice_waiting_count(ui_store(ui), &k) != 0)
			return -1;
		*n += k;
	}
	if (applicants_may_decide(ui)) {
		if (store_member_waiting_count(ui_store(ui), &k) != 0)
			return -1;
		*n += k;
	}
	return 0;
}

static void
moderation_free(struct moderation *m)
{
	store_profile_list_free(m->signups, m->nsignups);
	store_practice_item_list_free(m->practices, m->npractices);
	store_thread_list_free(m->waiting, m->nwaiting);
	store_report_list_free(m->reports, m->nreports);
	m->signups = NULL;
	m->practices = NULL;
	m->waiting = NULL;
	m->reports = NULL;
	m->nsignups = m->npractices = m->nwaiting = m->nreports = 0;
}

static int
moderation_load(struct ui *ui, struct moderation *m)
{
	size_t sel = m->list.sel;

	moderation_free(m);
	if ((applicants_may_decide(ui) && store_member_waiting(ui_store(ui),
	    &m->signups, &m->nsignups) != 0) ||
	    (store_practice_can_moderate(&m->vw) &&
	    store_practice_waiting(ui_store(ui), &m->vw, &m->practices,
	    &m->npractices) != 0) ||
	    store_thread_waiting(ui_store(ui), &m->vw, &m->waiting,
	    &m->nwaiting) != 0 || store_report_list(ui_store(ui), &m->vw,
	    &m->reports, &m->nreports) != 0) {
		moderation_free(m);
		ui_list_init(&m->list, 0, 2);	/* nothing left to draw */
		m->failed = 1;
		ui_message(ui, "La file de modération n'a pas pu être lue.");
		return -1;
	}
	m->failed = 0;
	ui_list_init(&m->list, m->nsignups + m->npractices + m->nwaiting +
	    m->nreports, 2);
	m->list.sel = sel < m->list.n ? sel : (m->list.n > 0 ?
	    m->list.n - 1 : 0);
	return 0;
}

static int
moderation_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct moderation *m = xcalloc(1, sizeof(*m));

	ui_viewer(ui, &m->vw);
	if (moderation_load(ui, m) == -1) {
		free(m);
		return -1;
	}
	v->state = m;
	ui_view_set_title(v, "Modération");
	return 0;
}

static void
moderation_leave(struct ui *ui, struct ui_view *v)
{
	struct moderation *m = v->state;

	moderation_free(m);
	free(m);
}

static void
moderation_status(struct ui_view *v)
{
	struct moderation *m = v->state;

	ui_view_set_status(v, "%zu à décider · %zu signalement%s",
	    m->nsignups + m->npractices + m->nwaiting, m->nreports,
	    m->nreports > 1 ? "s" : "");
}

static void
moderation_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct moderation *m = v->state;

	m->list.rows_per_item = r->h >= 8 ? 2 : 1;
	ui_list_layout(&m->list, r);
	moderation_status(v);
}

/* The two lines of entry i (owned strings). */
static void
moderation_lines(const struct moderation *m, size_t i, char **l1, char **l2)
{
	const struct store_profile *p;
	const struct store_practice_item *pi;
	const struct store_thread *t;
	const struct store_report *r;
	char date[TXT_DATE_MAX];
	size_t k;

	switch (moderation_kind(m, i, &k)) {
	case MOD_SIGNUP:
		p = &m->signups[k];
		txt_date_list(date, sizeof(date), p->created_at, now_sec());
		xasprintf(l1, "Inscription : %s (%s)", p->display_name,
		    p->login);
		xasprintf(l2, "%s, %s — demandée %s%s", p->field[PROF_JOB],
		    p->field[PROF_ORGANISATION], strcmp(date, "hier") == 0 ?
		    "" : "le ", date);
		return;
	case MOD_PRACTICE:
		pi = &m->practices[k];
		txt_date_list(date, sizeof(date), pi->submitted_at, now_sec());
		xasprintf(l1, "Fiche à valider : %s", pi->title);
		xasprintf(l2, "par %s, %s — %s %s", pi->author_name, date,
		    pi->departement, pi->departement_name);
		return;
	case MOD_THREAD:
		t = &m->waiting[k];
		txt_date_list(date, sizeof(date), t->created_at, now_sec());
		xasprintf(l1, "Sujet à valider : %s", t->title);
		xasprintf(l2, "ouvert par %s, %s", t->author_name, date);
		return;
	case MOD_REPORT:
		break;
	}
	r = &m->reports[k];
	txt_date_list(date, sizeof(date), r->created_at, now_sec());
	xasprintf(l1, "Signalé : %s › %s", r->board_title, r->thread_title);
	xasprintf(l2, "par %s, %s : « %s » — %s", r->reporter_name, date,
	    r->reason, r->excerpt);
}

static void
moderation_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct moderation *m = arg;
	char *l1, *l2;

	moderation_lines(m, i, &l1, &l2);
	ui_put(y, x + 2, w - 2, l1, selected ? A_REVERSE : A_BOLD);
	if (m->list.rows_per_item == 2)
		ui_put(y + 1, x + 4, w - 4, l2, 0);
	free(l1);
	free(l2);
}

static void
moderation_draw(struct ui *ui, const struct ui_view *v,
    const struct ui_rect *r)
{
	const struct moderation *m = v->state;

	if (m->list.n == 0) {
		ui_put_wrapped(r, 1, m->failed ? screen_rc_text(ui, STORE_ERR,
		    NULL) : "Rien à décider : aucune inscription, aucune "
		    "fiche ni aucun sujet en attente, aucun signalement.", 0,
		    1);
		return;
	}
	ui_list_draw(&m->list, r, moderation_draw_item, m);
}

static void
moderation_resume(struct ui *ui, struct ui_view *v)
{
	struct moderation *m = v->state;

	if (moderation_load(ui, m) == 0) {
		ui_list_layout(&m->list, &v->laid_out);
		moderation_status(v);
	}
}

/* X on a thread: its reason given. */
static void
moderation_refuse_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct moderation *m = v->state;

	if (text == NULL)
		return;
	if (store_thread_approve(ui_store(ui), &m->vw, m->deciding, 0,
	    text) == 0)
		ui_message(ui, "Sujet refusé.");
	else
		ui_message(ui, "Le sujet n'a pas pu être refusé.");
	moderation_resume(ui, v);
}

/* X on a record: what to correct. */
static void
moderation_return_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct moderation *m = v->state;
	int rc;

	if (text == NULL)
		return;
	rc = store_practice_return(ui_store(ui), &m->vw, m->deciding, text);
	if (rc == 0)
		ui_message(ui, "Fiche renvoyée pour correction : son auteur "
		    "le lira à l'accueil.");
	else if (rc == STORE_EMPTY)
		ui_message(ui, "Dites ce qu'il faut revoir.");
	else
		ui_message(ui, "%s", practice_decision_text(rc));
	moderation_resume(ui, v);
}

/* a on a record: confirmed. */
static void
moderation_publish_done(struct ui *ui, void *ctx, const char *answer)
{
	struct ui_view *v = ctx;
	struct moderation *m = v->state;
	int rc;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O')) {
		if (answer != NULL)
			ui_message(ui, "La fiche attend toujours.");
		return;
	}
	rc = store_practice_publish(ui_store(ui), &m->vw, m->deciding);
	if (rc == STORE_OK)
		ui_message(ui, "Fiche publiée : elle est dans le catalogue, "
		    "son auteur le lira à l'accueil.");
	else
		ui_message(ui, "%s", practice_decision_text(rc));
	moderation_resume(ui, v);
}

/* X on a sign-up: confirmed. */
static void
moderation_signup_done(struct ui *ui, void *ctx, const char *answer)
{
	struct ui_view *v = ctx;
	struct moderation *m = v->state;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O'))
		return;
	if (store_member_decide(ui_store(ui), m->deciding, 0,
	    ui_member(ui)->id) == 0)
		ui_message(ui, "Demande d'inscription refusée.");
	else
		ui_message(ui, "La décision n'a pas pu être enregistrée.");
	moderation_resume(ui, v);
}

static void
moderation_close_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct moderation *m = v->state;

	if (text == NULL)
		return;
	if (store_report_close(ui_store(ui), &m->vw, m->deciding, text) == 0)
		ui_message(ui, "Signalement classé.");
	else
		ui_message(ui, "Le signalement n'a pas pu être classé.");
	moderation_resume(ui, v);
}

/* a: accept what entry i is. */
static void
moderation_approve(struct ui *ui, struct ui_view *v, size_t i)
{
	struct moderation *m = v->state;
	size_t k;

	switch (moderation_kind(m, i, &k)) {
	case MOD_SIGNUP:
		if (store_member_decide(ui_store(ui),
		    m->signups[k].member_id, 1, ui_member(ui)->id) == 0)
			ui_message(ui, "%s peut maintenant se connecter.",
			    m->signups[k].display_name);
		else
			ui_message(ui, "La décision n'a pas pu être "
			    "enregistrée.");
		break;
	case MOD_PRACTICE:
		/* A published record cannot be taken back: ask first. */
		m->deciding = m->practices[k].id;
		ui_prompt(ui, "Publier cette fiche ? Tout le réseau la lira, et "
		    "elle ne pourra plus être retirée. (o/n)", "", 8,
		    moderation_publish_done, v);
		return;
	case MOD_THREAD:
		if (store_thread_approve(ui_store(ui), &m->vw,
		    m->waiting[k].id, 1, NULL) == 0)
			ui_message(ui, "Sujet validé : il est publié.");
		break;
	case MOD_REPORT:
		ui_message(ui, "Un signalement se classe avec d.");
		return;
	}
	moderation_resume(ui, v);
}

static int
moderation_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct moderation *m = v->state;
	enum mod_kind kind;
	size_t k;

	if ((op == OP_OPEN || op == OP_APPROVE || op == OP_REFUSE ||
	    op == OP_CLOSE) && m->list.n == 0) {
		ui_message(ui, "Rien n'attend de décision.");
		return UI_HANDLED;
	}
	kind = moderation_kind(m, m->list.sel, &k);
	switch (op) {
	case OP_OPEN:
		if (kind == MOD_SIGNUP)
			ui_push(ui, &screen_applicant, &m->signups[k]);
		else if (kind == MOD_PRACTICE)
			ui_push(ui, &screen_practice, &m->practices[k].id);
		else if (kind == MOD_THREAD)
			ui_push(ui, &screen_thread, &m->waiting[k].id);
		else
			forum_open_post(ui, m->reports[k].post_id);
		return UI_HANDLED;
	case OP_APPROVE:
		moderation_approve(ui, v, m->list.sel);
		return UI_HANDLED;
	case OP_REFUSE:
		if (kind == MOD_SIGNUP) {
			m->deciding = m->signups[k].member_id;
			ui_prompt(ui, "Refuser cette demande d'inscription ? "
			    "(o/n)", "", 8, moderation_signup_done, v);
		} else if (kind == MOD_PRACTICE) {
			m->deciding = m->practices[k].id;
			ui_prompt(ui, "Ce qu'il faut revoir : ", "",
			    STORE_REASON_MAX, moderation_return_done, v);
		} else if (kind == MOD_THREAD) {
			m->deciding = m->waiting[k].id;
			ui_prompt(ui, "Raison du refus : ", "",
			    STORE_REASON_MAX, moderation_refuse_done, v);
		} else
			ui_message(ui, "Un signalement se classe avec d.");
		return UI_HANDLED;
	case OP_CLOSE:
		if (kind != MOD_REPORT) {
			ui_message(ui, "Choisissez un signalement.");
			return UI_HANDLED;
		}
		m->deciding = m->reports[k].id;
		ui_prompt(ui, "Suite donnée : ", "", STORE_REASON_MAX,
		    moderation_close_done, v);
		return UI_HANDLED;
	}
	if (ui_list_handle(&m->list, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	return UI_HANDLED;
}

static struct ui_list *
moderation_menu(struct ui_view *v)
{
	struct moderation *m = v->state;

	return &m->list;
}

static char *
moderation_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	char *l1, *l2, *s;

	moderation_lines(v->state, i, &l1, &l2);
	xasprintf(&s, "%s (%s)", l1, l2);
	free(l1);
	free(l2);
	return s;
}

const struct ui_screen screen_moderation = {
	.name = "moderation",
	.keys = moderation_keys,
	.enter = moderation_enter,
	.layout = moderation_layout,
	.draw = moderation_draw,
	.handle = moderation_handle,
	.leave = moderation_leave,
	.resume = moderation_resume,
	.menu = moderation_menu,
	.item = moderation_item,
};
