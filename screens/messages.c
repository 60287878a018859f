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
#include "text/txt_date.h"
#include "util/util.h"

struct messages {
	struct store_conversation *list;
	size_t			 n;
	int			 rc;		/* not STORE_OK: why the list
						 * is empty */
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
	{ 'v', OP_BLOCKED, "v", "Vue : les membres que vous bloquez", 0 },
	UI_KEYS_END
};

/*
 * Recipients as members type them: names or logins, separated by commas.
 * Each is looked up (store_member_find: « elodie » finds « Élodie
 * Marchand »); when several members answer, a list asks which one; when
 * nobody does, the question comes back with what was typed in it.
 */
struct recipients {
	char			*typed;		/* the answer, as typed */
	char			**parts;	/* its entries; then logins */
	size_t			 nparts;
	size_t			 cur;		/* the entry being looked up */
	struct store_member	*found;		/* its candidates */
	size_t			 nfound;
	struct ui_form_option	*opts;		/* the list of them */
	char			**labels;
};

#define RECIPIENTS_CHOICES	20	/* members a list offers at most */

static void	 messages_load(struct ui *, struct messages *);
static void	 messages_to_done(struct ui *, void *, const char *);
static void	 recipients_free(struct recipients *);
static void	 recipients_next(struct ui *, struct recipients *);
static void	 recipients_picked(struct ui *, void *, const char *);
static void	 recipients_ask(struct ui *, const char *, const char *);
static void	 messages_block_done(struct ui *, void *, const char *);
static void	 messages_blocked(struct ui *);

static void
messages_load(struct ui *ui, struct messages *m)
{
	size_t sel = m->sel.sel;

	store_conversation_list_free(m->list, m->n);
	if ((m->rc = store_conversation_list(ui_store(ui), ui_member(ui)->id,
	    &m->list, &m->n)) != STORE_OK) {
		m->list = NULL;
		m->n = 0;
		ui_message(ui, "Les conversations n'ont pas pu être lues.");
	}
	ui_list_init(&m->sel, m->n, 2);
	m->sel.sel = sel < m->n ? sel : 0;
	ui_list_layout(&m->sel, &m->inner);
}

static void
recipients_choices_free(struct recipients *r)
{
	size_t i;

	for (i = 0; i < r->nfound && r->labels != NULL; i++)
		free(r->labels[i]);
	free(r->labels);
	free(r->opts);
	store_member_list_free(r->found, r->nfound);
	r->labels = NULL;
	r->opts = NULL;
	r->found = NULL;
	r->nfound = 0;
}

static void
recipients_free(struct recipients *r)
{
	size_t i;

	if (r == NULL)
		return;
	recipients_choices_free(r);
	for (i = 0; i < r->nparts; i++)
		free(r->parts[i]);
	free(r->parts);
	free(r->typed);
	free(r);
}

/* Look up the entries from r->cur on; ask, compose, or ask again. */
static void
recipients_next(struct ui *ui, struct recipients *r)
{
	struct compose_arg a;
	struct buf b;
	char *s, *title;
	size_t i;

	for (; r->cur < r->nparts; r->cur++) {
		if (store_member_find(ui_store(ui), r->parts[r->cur],
		    RECIPIENTS_CHOICES, &r->found, &r->nfound) != 0) {
			recipients_ask(ui, "L'annuaire n'a pas pu être lu : "
			    "réessayez.", r->typed);
			recipients_free(r);
			return;
		}
		if (r->nfound == 1) {
			free(r->parts[r->cur]);
			r->parts[r->cur] = xstrdup(r->found[0].login);
			recipients_choices_free(r);
			continue;
		}
		if (r->nfound == 0) {
			xasprintf(&s, "Personne ne s'appelle « %s » : "
			    "corrigez (un nom ou un identifiant).",
			    r->parts[r->cur]);
			recipients_ask(ui, s, r->typed);
			free(s);
			recipients_free(r);
			return;
		}
		/* Several: which one? */
		r->opts = xcalloc(r->nfound, sizeof(*r->opts));
		r->labels = xcalloc(r->nfound, sizeof(*r->labels));
		for (i = 0; i < r->nfound; i++) {
			xasprintf(&r->labels[i], "%s (%s)%s%s",
			    r->found[i].display_name, r->found[i].login,
			    r->found[i].organisation[0] != '\0' ? " — " : "",
			    r->found[i].organisation);
			r->opts[i].key = r->found[i].login;
			r->opts[i].label = r->labels[i];
		}
		xasprintf(&title, "« %s » : lequel de ces membres ?",
		    r->parts[r->cur]);
		ui_pick(ui, title, r->opts, r->nfound, 0, "",
		    recipients_picked, r);
		free(title);
		return;
	}
	buf_init(&b);
	for (i = 0; i < r->nparts; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", r->parts[i]);
	s = buf_detach(&b);
	memset(&a, 0, sizeof(a));
	a.kind = DRAFT_MESSAGE;
	a.recipients = s;
	ui_push(ui, &screen_compose, &a);
	free(s);
	recipients_free(r);
}

static void
recipients_picked(struct ui *ui, void *ctx, const char *login)
{
	struct recipients *r = ctx;

	if (login == NULL) {
		/* Back without choosing: the question, as it was typed. */
		recipients_ask(ui, NULL, r->typed);
		recipients_free(r);
		return;
	}
	free(r->parts[r->cur]);
	r->parts[r->cur] = xstrdup(login);
	recipients_choices_free(r);
	r->cur++;
	recipients_next(ui, r);
}

/* New message: the recipients were asked; find them, then the editor. */
static void
messages_to_done(struct ui *ui, void *ctx, const char *answer)
{
	struct recipients *r;
	const char *p, *e;
	size_t len;

	if (answer == NULL || answer[strspn(answer, " ,;")] == '\0')
		return;
	r = xcalloc(1, sizeof(*r));
	r->typed = xstrdup(answer);
	for (p = answer; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, ",;");
		p += strspn(p, " ");
		for (len = (size_t)(e - p); len > 0 && p[len - 1] == ' '; len--)
			/* nothing */;
		if (len == 0)
			continue;
		r->parts = xreallocarray(r->parts, r->nparts + 1,
		    sizeof(*r->parts));
		r->parts[r->nparts++] = xstrndup(p, len);
	}
	recipients_next(ui, r);
}

static void
messages_block_done(struct ui *ui, void *ctx, const char *answer)
{
	struct store *st = ui_store(ui);
	struct store_member m;
	int64_t me = ui_member(ui)->id;
	int on, rc;

	if (answer == NULL || answer[0] == '\0')
		return;
	if (answer[0] == '@')
		answer++;
	if ((rc = store_member_by_login(st, answer, &m)) != STORE_OK) {
		if (rc == STORE_NOT_FOUND)
			ui_message(ui, "Aucun membre « %s ».", answer);
		else
			ui_message(ui, "%s", screen_rc_text(ui, rc, NULL));
		return;
	}
	if (m.id == me) {
		ui_message(ui, "Vous ne pouvez pas vous bloquer vous-même.");
		store_member_clear(&m);
		return;
	}
	/* Not known whether blocked: no toggle in the dark. */
	if ((on = store_block_is(st, me, m.id)) == -1) {
		ui_message(ui, "%s", screen_rc_text(ui, STORE_ERR, NULL));
		store_member_clear(&m);
		return;
	}
	on = !on;
	if (store_block_set(st, me, m.id, on) != 0)
		ui_message(ui, "Le blocage n'a pas pu être enregistré.");
	else if (on)
		ui_message(ui, "Blocage de %s : ses messages ne vous "
		    "parviennent plus.", m.display_name);
	else
		ui_message(ui, "Fin du blocage de %s.", m.display_name);
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

/* The question, with why it comes again (NULL: the first time) and what
 * was typed in it. */
static void
recipients_ask(struct ui *ui, const char *why, const char *typed)
{
	char *q;

	xasprintf(&q, "%s%sÀ (noms ou identifiants, séparés par des "
	    "virgules) :", why != NULL ? why : "", why != NULL ? " " : "");
	ui_prompt(ui, q, typed != NULL ? typed : "", STORE_TITLE_MAX,
	    messages_to_done, NULL);
	free(q);
}

/* Ask to whom a new message goes (initial: a login already known). */
void
messages_write_to(struct ui *ui, const char *initial)
{
	recipients_ask(ui, NULL, initial);
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
	txt_date_list(date, sizeof(date), c->last_message_at, now_sec());
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
		ui_put_wrapped(r, 1, m->rc != STORE_OK ? screen_rc_text(ui,
		    m->rc, NULL) : "Aucune conversation pour le moment. "
		    "N écrit à un membre (son nom ou son identifiant).", 0,
		    0);
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

	txt_date_list(date, sizeof(date), c->last_message_at, now_sec());
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
