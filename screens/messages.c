/*
 * messages.c - « Messagerie »: the member's private conversations,
 * newest activity first, with who else takes part and how many messages
 * are unread. Entrée opens one (conversation.c), N writes a new message
 * (to logins asked first, then the editor of compose.c), B blocks or
 * unblocks a member, l lists the members one blocks.
 *
 * The screen takes an optional argument: a login to write to at once
 * (the directory's « écrire »).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "util/util.h"

struct messages {
	struct store_conversation *list;
	size_t			 n;
	struct ui_list		 sel;
	struct ui_rect		 inner;
};

enum { OP_NEW = OP_SCREEN, OP_BLOCK, OP_BLOCKED };

static const struct ui_key messages_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire", UI_KEY_NOHELP },
	{ 'N', OP_NEW, "N", "Nouveau message", UI_KEY_BAR },
	{ 'B', OP_BLOCK, "B", "Bloquer ou débloquer un membre", 0 },
	{ 'l', OP_BLOCKED, "l", "Les membres que vous bloquez", 0 },
	UI_KEYS_END
};

static void	 messages_load(struct ui *, struct messages *);
static void	 messages_to_done(struct ui *, void *, const char *);
static void	 messages_block_done(struct ui *, void *, const char *);
static void	 messages_blocked(struct ui *);

static void
messages_load(struct ui *ui, struct messages *m)
{
	size_t sel = m->sel.sel;

	store_conversation_list_free(m->list, m->n);
	if (store_conversation_list(ui_store(ui), ui_member(ui)->id, &m->list,
	    &m->n) != 0) {
		m->list = NULL;
		m->n = 0;
		ui_message(ui, "Les conversations n'ont pas pu être lues.");
	}
	ui_list_init(&m->sel, m->n, 2);
	m->sel.sel = sel < m->n ? sel : 0;
	ui_list_layout(&m->sel, &m->inner);
}

/* New message: the recipients were asked, now the editor. */
static void
messages_to_done(struct ui *ui, void *ctx, const char *answer)
{
	struct compose_arg a;

	if (answer == NULL || answer[0] == '\0')
		return;
	memset(&a, 0, sizeof(a));
	a.kind = DRAFT_MESSAGE;
	a.recipients = answer;
	ui_push(ui, &screen_compose, &a);
}

static void
messages_block_done(struct ui *ui, void *ctx, const char *answer)
{
	struct store *st = ui_store(ui);
	struct store_member m;
	int64_t me = ui_member(ui)->id;
	int on;

	if (answer == NULL || answer[0] == '\0')
		return;
	if (answer[0] == '@')
		answer++;
	if (store_member_by_login(st, answer, &m) != 0) {
		ui_message(ui, "Aucun membre « %s ».", answer);
		return;
	}
	if (m.id == me) {
		ui_message(ui, "Vous ne pouvez pas vous bloquer vous-même.");
		store_member_clear(&m);
		return;
	}
	on = store_block_is(st, me, m.id) != 1;
	if (store_block_set(st, me, m.id, on) != 0)
		ui_message(ui, "Le blocage n'a pas pu être enregistré.");
	else if (on)
		ui_message(ui, "%s est bloqué : ses messages ne vous "
		    "parviennent plus.", m.display_name);
	else
		ui_message(ui, "%s n'est plus bloqué.", m.display_name);
	store_member_clear(&m);
	if (ctx != NULL)
		messages_load(ui, ctx);
}

static void
messages_blocked(struct ui *ui)
{
	struct store_member *list = NULL;
	struct buf b;
	size_t n = 0, i;
	char *s;

	if (store_block_list(ui_store(ui), ui_member(ui)->id, &list,
	    &n) != 0) {
		ui_message(ui, "La liste n'a pas pu être lue.");
		return;
	}
	if (n == 0) {
		ui_message(ui, "Vous ne bloquez personne.");
		return;
	}
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s (%s)", i > 0 ? ", " : "",
		    list[i].display_name, list[i].login);
	s = buf_detach(&b);
	ui_message(ui, "Bloqués : %s", s);
	free(s);
	store_member_list_free(list, n);
}

/* Ask to whom a new message goes (initial: a login already known). */
void
messages_write_to(struct ui *ui, const char *initial)
{
	ui_prompt(ui, "À (identifiants) :", initial != NULL ? initial : "",
	    STORE_TITLE_MAX, messages_to_done, NULL);
}

/* Ask which member to block or unblock (ctx: the list to reload). */
void
messages_block_ask(struct ui *ui, void *ctx)
{
	ui_prompt(ui, "Bloquer ou débloquer (identifiant) :", "", 64,
	    messages_block_done, ctx);
}

static int
messages_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct messages *m = xcalloc(1, sizeof(*m));

	v->state = m;
	messages_load(ui, m);
	ui_view_set_title(v, "Messagerie");
	return 0;
}

static void
messages_leave(struct ui *ui, struct ui_view *v)
{
	struct messages *m = v->state;

	store_conversation_list_free(m->list, m->n);
	free(m);
}

static void
messages_resume(struct ui *ui, struct ui_view *v)
{
	messages_load(ui, v->state);
}

static void
messages_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct messages *m = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	m->inner = inner;
	ui_list_layout(&m->sel, &inner);
}

static void
messages_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct messages *m = arg;
	const struct store_conversation *c = &m->list[i];
	char date[64], *line;
	int used;

	used = 2;
	if (c->unread > 0) {
		xasprintf(&line, "(%lld) ", (long long)c->unread);
		used += ui_put(y, x + used, w - used, line, A_BOLD);
		free(line);
	}
	ui_put(y, x + used, w - used, c->subject, selected ? A_REVERSE :
	    c->unread > 0 ? A_BOLD : 0);
	fmt_date_short(date, sizeof(date), c->last_message_at);
	xasprintf(&line, "%s — %s", c->others, date);
	ui_put(y + 1, x + 4, w - 5, line, 0);
	free(line);
}

static void
messages_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct messages *m = v->state;
	struct ui_rect inner = { r->y + 1, r->x, r->h - 1, r->w };

	if (m->n == 0) {
		ui_put_wrapped(r, 1, "Aucune conversation pour le moment. "
		    "N écrit à un membre (son identifiant est dans "
		    "l'annuaire).", 0, 0);
		return;
	}
	ui_list_draw(&m->sel, &inner, messages_draw_item, m);
}

static int
messages_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct messages *m = v->state;
	int64_t id;

	switch (op) {
	case OP_OPEN:
		if (m->n == 0) {
			ui_message(ui, "Aucune conversation.");
			return UI_HANDLED;
		}
		id = m->list[m->sel.sel].id;
		ui_push(ui, &screen_conversation, &id);
		return UI_HANDLED;
	case OP_NEW:
		messages_write_to(ui, NULL);
		return UI_HANDLED;
	case OP_BLOCK:
		messages_block_ask(ui, m);
		return UI_HANDLED;
	case OP_BLOCKED:
		messages_blocked(ui);
		return UI_HANDLED;
	default:
		return ui_list_handle(&m->sel, op, &m->inner);
	}
}

static struct ui_list *
messages_menu(struct ui_view *v)
{
	struct messages *m = v->state;

	return &m->sel;
}

static char *
messages_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct messages *m = v->state;
	const struct store_conversation *c = &m->list[i];
	char date[64], *s;

	fmt_date_short(date, sizeof(date), c->last_message_at);
	if (c->unread > 0)
		xasprintf(&s, "(%lld non lu%s) %s — %s, %s",
		    (long long)c->unread, c->unread > 1 ? "s" : "",
		    c->subject, c->others, date);
	else
		xasprintf(&s, "%s — %s, %s", c->subject, c->others, date);
	return s;
}

const struct ui_screen screen_messages = {
	.name = "messagerie",
	.keys = messages_keys,
	.enter = messages_enter,
	.layout = messages_layout,
	.draw = messages_draw,
	.handle = messages_handle,
	.leave = messages_leave,
	.resume = messages_resume,
	.menu = messages_menu,
	.item = messages_item,
};
