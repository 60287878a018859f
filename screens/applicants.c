/*
 * applicants.c - « Inscriptions à valider », for moderators and sysops:
 * the accounts waiting since their sign-up, oldest first, with what the
 * applicant said about themself. a approves (the applicant can log in
 * from then on), r refuses after a question; both go to the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "util/util.h"

struct applicants {
	struct store_profile	*list;
	size_t			 n;
	struct ui_list		 sel;
	struct ui_rect		 inner;
	int64_t			 refusing;
};

enum { OP_APPROVE = OP_SCREEN, OP_REFUSE };

static const struct ui_key applicants_keys[] = {
	UI_LIST_KEYS,
	{ 'a', OP_APPROVE, "a", "Accepter", UI_KEY_BAR },
	{ 'r', OP_REFUSE, "r", "Refuser", UI_KEY_BAR },
	UI_KEYS_END
};

static void	 applicants_load(struct ui *, struct applicants *);
static void	 applicants_refuse_done(struct ui *, void *, const char *);
static char	*applicants_line(const struct store_profile *);

/* Who may decide: moderators and sysops. */
int
applicants_may_decide(struct ui *ui)
{
	int role = ui_member(ui)->role;

	return role == ROLE_MODERATEUR || role == ROLE_SYSOP;
}

static void
applicants_load(struct ui *ui, struct applicants *a)
{
	size_t sel = a->sel.sel;

	store_profile_list_free(a->list, a->n);
	if (store_member_waiting(ui_store(ui), &a->list, &a->n) != 0) {
		a->list = NULL;
		a->n = 0;
		ui_message(ui, "La file des inscriptions n'a pas pu être lue.");
	}
	ui_list_init(&a->sel, a->n, 2);
	a->sel.sel = sel < a->n ? sel : 0;
	ui_list_layout(&a->sel, &a->inner);
}

static char *
applicants_line(const struct store_profile *p)
{
	char date[64], *s;

	fmt_date_short(date, sizeof(date), p->created_at);
	xasprintf(&s, "%s (%s) — %s, %s — %s — %s — demandé le %s",
	    p->login, p->field[PROF_EMAIL], p->field[PROF_ORGANISATION],
	    store_org_type_label(p->field[PROF_ORG_TYPE]) != NULL ?
	    store_org_type_label(p->field[PROF_ORG_TYPE]) : "",
	    p->field[PROF_JOB], p->territory, date);
	return s;
}

static void
applicants_refuse_done(struct ui *ui, void *ctx, const char *answer)
{
	struct applicants *a = ctx;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O'))
		return;
	if (store_member_decide(ui_store(ui), a->refusing, 0,
	    ui_member(ui)->id) == 0)
		ui_message(ui, "Demande refusée.");
	else
		ui_message(ui, "La décision n'a pas pu être enregistrée.");
	applicants_load(ui, a);
}

static int
applicants_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct applicants *a;

	if (!applicants_may_decide(ui)) {
		ui_message(ui, "Réservé aux modérateurs.");
		return -1;
	}
	a = xcalloc(1, sizeof(*a));
	v->state = a;
	applicants_load(ui, a);
	ui_view_set_title(v, "Inscriptions à valider");
	return 0;
}

static void
applicants_leave(struct ui *ui, struct ui_view *v)
{
	struct applicants *a = v->state;

	store_profile_list_free(a->list, a->n);
	free(a);
}

static void
applicants_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct applicants *a = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	a->inner = inner;
	ui_list_layout(&a->sel, &inner);
}

static void
applicants_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct applicants *a = arg;
	char *line;

	ui_put(y, x + 2, w - 2, a->list[i].display_name, selected ?
	    A_REVERSE : A_BOLD);
	line = applicants_line(&a->list[i]);
	ui_put(y + 1, x + 4, w - 5, line, 0);
	free(line);
}

static void
applicants_draw(struct ui *ui, const struct ui_view *v,
    const struct ui_rect *r)
{
	const struct applicants *a = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	if (a->n == 0) {
		ui_put_wrapped(r, 1, "Aucune inscription n'attend.", 0, 0);
		return;
	}
	ui_list_draw(&a->sel, &inner, applicants_draw_item, a);
}

static int
applicants_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct applicants *a = v->state;
	const struct store_profile *p;

	if ((op == OP_APPROVE || op == OP_REFUSE) && a->n == 0) {
		ui_message(ui, "Aucune inscription n'attend.");
		return UI_HANDLED;
	}
	switch (op) {
	case OP_APPROVE:
		p = &a->list[a->sel.sel];
		if (store_member_decide(ui_store(ui), p->member_id, 1,
		    ui_member(ui)->id) == 0)
			ui_message(ui, "%s peut maintenant se connecter.",
			    p->display_name);
		else
			ui_message(ui, "La décision n'a pas pu être "
			    "enregistrée.");
		applicants_load(ui, a);
		return UI_HANDLED;
	case OP_REFUSE:
		a->refusing = a->list[a->sel.sel].member_id;
		ui_prompt(ui, "Refuser cette demande ? (o/n)", "", 8,
		    applicants_refuse_done, a);
		return UI_HANDLED;
	default:
		return ui_list_handle(&a->sel, op, &a->inner);
	}
}

static struct ui_list *
applicants_menu(struct ui_view *v)
{
	struct applicants *a = v->state;

	return &a->sel;
}

static char *
applicants_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct applicants *a = v->state;
	char *line, *s;

	line = applicants_line(&a->list[i]);
	xasprintf(&s, "%s : %s", a->list[i].display_name, line);
	free(line);
	return s;
}

const struct ui_screen screen_applicants = {
	.name = "inscriptions",
	.keys = applicants_keys,
	.enter = applicants_enter,
	.layout = applicants_layout,
	.draw = applicants_draw,
	.handle = applicants_handle,
	.leave = applicants_leave,
	.menu = applicants_menu,
	.item = applicants_item,
};
