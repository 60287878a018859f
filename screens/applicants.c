/*
 * applicants.c - a sign-up request, opened from « Modération »: all that
 * the applicant said about themself, wrapped, never cut, with the
 * decision keys of the queue (a accepts: the applicant can log in from
 * then on; X refuses after a question; both go to the audit log).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

struct applicant {
	int64_t		 member_id;
	char		*name;
	struct ui_pager	 pager;
};

enum { OP_APPROVE = OP_SCREEN, OP_REFUSE };

static const struct ui_key applicant_keys[] = {
	UI_PAGER_KEYS,
	{ 'a', OP_APPROVE, "a", "Accepter", UI_KEY_BAR },
	{ 'X', OP_REFUSE, "X", "Refuser", UI_KEY_BAR },
	UI_KEYS_END
};

static void	 applicant_refuse_done(struct ui *, void *, const char *);

/* Who may decide: moderators and sysops. */
int
applicants_may_decide(struct ui *ui)
{
	int role = ui_member(ui)->role;

	return role == ROLE_MODERATEUR || role == ROLE_SYSOP;
}

/* store_member_decide's STORE_STATE: decided meanwhile (another
 * moderator, or palabre admin). */
#define APPLICANT_GONE	"Cette demande n'attend plus de décision."

/* arg: the const struct store_profile * of a waiting account. */
static int
applicant_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	const struct store_profile *p = arg;
	struct applicant *a;
	char date[TXT_DATE_MAX], *s;

	if (!applicants_may_decide(ui)) {
		ui_message(ui, "Réservé à l'équipe de modération.");
		return -1;
	}
	a = xcalloc(1, sizeof(*a));
	a->member_id = p->member_id;
	a->name = xstrdup(p->display_name);
	ui_pager_init(&a->pager);
	directory_profile_pager(ui, p, &a->pager);
	txt_date_long(date, sizeof(date), p->created_at);
	xasprintf(&s, "Demande d'inscription du %s. a : l'accepter ; X : la "
	    "refuser.", date);
	ui_pager_add(&a->pager, TXT_BLOCK_PARA, 0, s, TXT_ATTR_BOLD);
	free(s);
	v->state = a;
	ui_view_set_title(v, "Inscription à valider");
	return 0;
}

static void
applicant_leave(struct ui *ui, struct ui_view *v)
{
	struct applicant *a = v->state;

	ui_pager_free(&a->pager);
	free(a->name);
	free(a);
}

static void
applicant_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct applicant *a = v->state;

	ui_pager_layout(&a->pager, r);
	ui_pager_status(&a->pager, v, r->h);
}

static void
applicant_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct applicant *a = v->state;

	ui_pager_draw(&a->pager, r);
}

static void
applicant_refuse_done(struct ui *ui, void *ctx, const char *answer)
{
	struct applicant *a = ctx;
	int rc;

	if (answer == NULL || (answer[0] != 'o' && answer[0] != 'O'))
		return;
	if ((rc = store_member_decide(ui_store(ui), a->member_id, 0,
	    ui_member(ui)->id)) == STORE_OK) {
		ui_message(ui, "Demande d'inscription refusée.");
		ui_pop(ui);
	} else
		ui_message(ui, "%s", rc == STORE_STATE ? APPLICANT_GONE :
		    store_rc_say(ui_store(ui), rc));
}

static int
applicant_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct applicant *a = v->state;
	int rc;

	switch (op) {
	case OP_APPROVE:
		if ((rc = store_member_decide(ui_store(ui), a->member_id, 1,
		    ui_member(ui)->id)) == STORE_OK) {
			ui_message(ui, "%s peut maintenant se connecter.",
			    a->name);
			ui_pop(ui);
		} else
			ui_message(ui, "%s", rc == STORE_STATE ?
			    APPLICANT_GONE : store_rc_say(ui_store(ui), rc));
		return UI_HANDLED;
	case OP_REFUSE:
		ui_prompt(ui, "Refuser cette demande d'inscription ? (o/n)", "",
		    8, applicant_refuse_done, a);
		return UI_HANDLED;
	}
	if (ui_pager_handle(&a->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&a->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
applicant_text(struct ui_view *v)
{
	struct applicant *a = v->state;

	return &a->pager;
}

const struct ui_screen screen_applicant = {
	.name = "inscription",
	.keys = applicant_keys,
	.enter = applicant_enter,
	.layout = applicant_layout,
	.draw = applicant_draw,
	.handle = applicant_handle,
	.leave = applicant_leave,
	.text = applicant_text,
};
