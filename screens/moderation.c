/*
 * moderation.c - the moderators' queue, over the boards they moderate:
 * threads waiting for approval, then reported messages (oldest first).
 * Entrée opens what is listed; a validates or r refuses a thread, c
 * closes a report once dealt with (the reader hides a message with h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

struct moderation {
	struct store_viewer	 vw;
	struct store_thread	*waiting;
	size_t			 nwaiting;
	struct store_report	*reports;
	size_t			 nreports;
	struct ui_list		 list;
};

enum { OP_APPROVE = OP_SCREEN, OP_REFUSE, OP_CLOSE };

static const struct ui_key moderation_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ 'a', OP_APPROVE, "a", "Valider le sujet", UI_KEY_BAR },
	{ 'r', OP_REFUSE, "r", "Refuser le sujet", 0 },
	{ 'c', OP_CLOSE, "c", "Classer le signalement", UI_KEY_BAR },
	UI_KEYS_END
};

static void
moderation_free(struct moderation *m)
{
	store_thread_list_free(m->waiting, m->nwaiting);
	store_report_list_free(m->reports, m->nreports);
	m->waiting = NULL;
	m->reports = NULL;
	m->nwaiting = m->nreports = 0;
}

static int
moderation_load(struct ui *ui, struct moderation *m)
{
	size_t sel = m->list.sel;

	moderation_free(m);
	if (store_thread_waiting(ui_store(ui), &m->vw, &m->waiting,
	    &m->nwaiting) != 0 || store_report_list(ui_store(ui), &m->vw,
	    &m->reports, &m->nreports) != 0) {
		moderation_free(m);
		ui_message(ui, "La file de modération n'a pas pu être lue.");
		return -1;
	}
	ui_list_init(&m->list, m->nwaiting + m->nreports, 2);
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

	ui_view_set_status(v, "%zu à valider · %zu signalement%s",
	    m->nwaiting, m->nreports, m->nreports > 1 ? "s" : "");
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
	const struct store_thread *t;
	const struct store_report *r;
	char date[32];

	if (i < m->nwaiting) {
		t = &m->waiting[i];
		forum_date(date, sizeof(date), t->created_at);
		xasprintf(l1, "À valider : %s", t->title);
		xasprintf(l2, "ouvert par %s, %s", t->author_name, date);
		return;
	}
	r = &m->reports[i - m->nwaiting];
	forum_date(date, sizeof(date), r->created_at);
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
		ui_put_wrapped(r, 1, "Rien à modérer : aucun sujet en attente, "
		    "aucun signalement.", 0, 1);
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

static void
moderation_refuse_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct moderation *m = v->state;

	if (text == NULL)
		return;
	if (store_thread_approve(ui_store(ui), &m->vw,
	    m->waiting[m->list.sel].id, 0, text) == 0)
		ui_message(ui, "Sujet refusé.");
	else
		ui_message(ui, "Le sujet n'a pas pu être refusé.");
	moderation_resume(ui, v);
}

static void
moderation_close_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct moderation *m = v->state;

	if (text == NULL)
		return;
	if (store_report_close(ui_store(ui), &m->vw,
	    m->reports[m->list.sel - m->nwaiting].id, text) == 0)
		ui_message(ui, "Signalement classé.");
	else
		ui_message(ui, "Le signalement n'a pas pu être classé.");
	moderation_resume(ui, v);
}

static int
moderation_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct moderation *m = v->state;
	size_t i = m->list.sel;
	int waiting = m->list.n > 0 && i < m->nwaiting;
	int report = m->list.n > 0 && i >= m->nwaiting;

	switch (op) {
	case OP_OPEN:
		if (waiting)
			ui_push(ui, &screen_thread, &m->waiting[i].id);
		else if (report)
			forum_open_post(ui, m->reports[i - m->nwaiting].post_id);
		return UI_HANDLED;
	case OP_APPROVE:
		if (!waiting) {
			ui_message(ui, "Choisissez un sujet « à valider ».");
			return UI_HANDLED;
		}
		if (store_thread_approve(ui_store(ui), &m->vw,
		    m->waiting[i].id, 1, NULL) == 0)
			ui_message(ui, "Sujet validé : il est publié.");
		moderation_resume(ui, v);
		return UI_HANDLED;
	case OP_REFUSE:
		if (!waiting) {
			ui_message(ui, "Choisissez un sujet « à valider ».");
			return UI_HANDLED;
		}
		ui_prompt(ui, "Raison du refus : ", "", STORE_REASON_MAX,
		    moderation_refuse_done, v);
		return UI_HANDLED;
	case OP_CLOSE:
		if (!report) {
			ui_message(ui, "Choisissez un signalement.");
			return UI_HANDLED;
		}
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
