/*
 * conversation.c - one private conversation, read in the pager: its
 * subject and participants, then every message one may see, oldest
 * first, each under a line saying who wrote it and when (« nouveau »
 * on those not read before). Opening it reads it all.
 *
 * r answers the last message written by someone else (quoted), R the
 * same without the quote; B blocks or unblocks a member.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt_date.h"
#include "util/util.h"

struct conversation {
	int64_t		 id;
	int64_t		 answer;	/* the message r answers */
	struct ui_pager	 pager;
};

enum { OP_REPLY = OP_SCREEN, OP_REPLY_BARE, OP_BLOCK };

static const struct ui_key conversation_keys[] = {
	UI_PAGER_KEYS,
	{ 'r', OP_REPLY, "r", "Répondre en citant", UI_KEY_BAR },
	{ 'R', OP_REPLY_BARE, "R", "Répondre sans citer", 0 },
	{ 'B', OP_BLOCK, "B", "Bloquer ou débloquer un membre", 0 },
	UI_KEYS_END
};

static int	 conversation_load(struct ui *, struct conversation *);

/* Build the pager from the store and mark everything read. */
static int
conversation_load(struct ui *ui, struct conversation *cv)
{
	struct store *st = ui_store(ui);
	int64_t me = ui_member(ui)->id;
	struct store_conversation c;
	struct store_message *list = NULL;
	size_t n = 0, i;
	char date[64], *line;
	int rc;

	if ((rc = store_conversation_get(st, me, cv->id, &c)) != STORE_OK ||
	    (rc = store_message_list(st, me, cv->id, &list, &n)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Cette "
		    "conversation n'existe pas ou ne vous est pas ouverte."));
		return -1;
	}
	ui_pager_free(&cv->pager);
	ui_pager_init(&cv->pager);
	ui_pager_add(&cv->pager, TXT_BLOCK_HEADING, 1, c.subject, 0);
	xasprintf(&line, "Avec %s", c.others);
	ui_pager_add(&cv->pager, TXT_BLOCK_PARA, 0, line, TXT_ATTR_ITALIC);
	free(line);
	cv->answer = 0;
	for (i = 0; i < n; i++) {
		ui_pager_add(&cv->pager, TXT_BLOCK_RULE, 0, "", 0);
		txt_date_long(date, sizeof(date), list[i].created_at);
		xasprintf(&line, "%s%s%s%s, le %s%s", list[i].author_name,
		    list[i].author_org[0] != '\0' ? " (" : "",
		    list[i].author_org,
		    list[i].author_org[0] != '\0' ? ")" : "", date,
		    list[i].unread ? " — nouveau" : "");
		ui_pager_add(&cv->pager, TXT_BLOCK_PARA, 0, line,
		    TXT_ATTR_BOLD);
		free(line);
		if (i == 0)
			ui_pager_body(&cv->pager);
		ui_pager_add_doc(&cv->pager, txt_doc_from_plain(list[i].body,
		    strlen(list[i].body)));
		if (list[i].author_id != me || cv->answer == 0)
			cv->answer = list[i].id;
	}
	store_conversation_read(st, me, cv->id);
	store_message_list_free(list, n);
	store_conversation_clear(&c);
	return 0;
}

static int
conversation_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct conversation *cv = xcalloc(1, sizeof(*cv));

	cv->id = *(const int64_t *)arg;
	ui_pager_init(&cv->pager);
	if (conversation_load(ui, cv) != 0) {
		ui_pager_free(&cv->pager);
		free(cv);
		return -1;
	}
	v->state = cv;
	ui_view_set_title(v, "Conversation");
	return 0;
}

static void
conversation_leave(struct ui *ui, struct ui_view *v)
{
	struct conversation *cv = v->state;

	ui_pager_free(&cv->pager);
	free(cv);
}

/* Back from the editor: show the answer, at the end. */
static void
conversation_resume(struct ui *ui, struct ui_view *v)
{
	struct conversation *cv = v->state;
	size_t top = cv->pager.top;

	if (conversation_load(ui, cv) != 0)
		return;
	cv->pager.top = top;
	v->laid_out.h = 0;	/* lay out again */
}

static void
conversation_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct conversation *cv = v->state;

	ui_pager_layout(&cv->pager, r);
	ui_pager_status(&cv->pager, v, r->h);
}

static void
conversation_draw(struct ui *ui, const struct ui_view *v,
    const struct ui_rect *r)
{
	const struct conversation *cv = v->state;

	ui_pager_draw(&cv->pager, r);
}

static int
conversation_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct conversation *cv = v->state;
	struct compose_arg a;

	switch (op) {
	case OP_REPLY:
	case OP_REPLY_BARE:
		if (cv->answer == 0) {
			ui_message(ui, "Aucun message auquel répondre.");
			return UI_HANDLED;
		}
		memset(&a, 0, sizeof(a));
		a.kind = DRAFT_MSG_REPLY;
		a.target_id = cv->answer;
		a.quote = op == OP_REPLY;
		ui_push(ui, &screen_compose, &a);
		return UI_HANDLED;
	case OP_BLOCK:
		messages_block_ask(ui, NULL);
		return UI_HANDLED;
	}
	if (ui_pager_handle(&cv->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&cv->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
conversation_text(struct ui_view *v)
{
	struct conversation *cv = v->state;

	return &cv->pager;
}

const struct ui_screen screen_conversation = {
	.name = "conversation",
	.keys = conversation_keys,
	.enter = conversation_enter,
	.layout = conversation_layout,
	.draw = conversation_draw,
	.handle = conversation_handle,
	.leave = conversation_leave,
	.resume = conversation_resume,
	.text = conversation_text,
};
