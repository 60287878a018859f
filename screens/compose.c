/*
 * compose.c - writing a message: « Nouveau sujet », « Réponse » and
 * « Modifier le message » on the boards, « Nouveau message » and
 * « Réponse » in the private messages (the same editor and drafts; a
 * new conversation has its subject where a thread has its title).
 *
 * A title field (new threads only), a line saying what is being written
 * and where, and the body editor below. What the member writes is never
 * lost: tick() saves it as a draft when it changed and two seconds have
 * passed since the last save, leave() saves what is left (a hang-up ends
 * the interface through the views' leave()), and coming back to the same
 * context (same board, same parent, same post) resumes the draft. A
 * message that the store refuses keeps its text on screen.
 *
 * Typing never waits on the database: an autosave gives up after
 * STORE_WAIT_AUTOSAVE when another process holds the write lock, says
 * so on the status line (as it does for a full disk), keeps the text
 * dirty and tries again two seconds later. Ctrl-X waits at most
 * STORE_WAIT_SEND, then says why nothing was sent. Sending stores the
 * message and consumes its draft in one transaction (store_draft_send):
 * a crash in between cannot leave a sent message as an unsent draft.
 *
 * Ctrl-T removes the quoted lines (« > »): the block of them around the
 * cursor when it is on one, every one otherwise.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_edit.h"
#include "util/util.h"

#define COMPOSE_SAVE_MS		2000	/* at most one draft save per 2 s */
#define COMPOSE_QUOTE_WIDTH	72	/* quotes are wrapped at this width */
#define COMPOSE_MENTION_CHOICES	8	/* members offered for « @élo » Tab */

enum {
	OP_SEND = OP_SCREEN,
	OP_SWITCH,
	OP_LEAVE,
	OP_UNQUOTE,
	OP_EDIT
};

enum { FOCUS_BODY, FOCUS_TITLE };

struct compose {
	struct compose_arg	 arg;
	struct ui_editor	*title;		/* DRAFT_THREAD, DRAFT_MESSAGE */
	char			*recipients;	/* DRAFT_MESSAGE: logins */
	struct ui_editor	*body;
	int			 focus;
	char			*header;	/* « Réponse à X — Sujet » */
	int64_t			 draft_id;	/* 0: none saved */
	int64_t			 last_save;	/* mono ms */
	int			 done;		/* sent or discarded: no save */
	struct ui_rect		 title_r, body_r;
	int			 header_y, rule_y;
	/* « @élo » Tab: the members offered, while the list is shown. */
	struct store_member	*found;
	size_t			 nfound;
	struct ui_form_option	*opts;
	char			**labels;
	size_t			 mention_from;	/* byte after the '@' */
	uint64_t		 mention_gen;	/* the text's, then */
};

static const struct ui_key compose_keys[] = {
	{ UI_CTRL('X'), OP_SEND, "Ctrl-X", "Envoyer", UI_KEY_BAR },
	{ UI_CTRL('O'), OP_SWITCH, "Ctrl-O", "Titre/Texte", UI_KEY_BAR },
	{ '\t', OP_SWITCH, "Tab", "Après @ : compléter le nom ; sinon "
	    "Titre/Texte", 0 },
	{ UI_KEY_ESC, OP_LEAVE, "Échap", "Quitter", UI_KEY_BAR },
	{ UI_CTRL('T'), OP_UNQUOTE, "Ctrl-T", "Retirer la citation",
	    UI_KEY_BAR },
	{ UI_FN(KEY_HOME), OP_EDIT, "Début Fin", "Début, fin de la ligne",
	    0 },
	{ UI_FN(KEY_END), OP_EDIT, NULL, NULL, 0 },
	{ UI_CTRL('A'), OP_EDIT, "Ctrl-A Ctrl-E", "Début, fin de la ligne",
	    UI_KEY_NOHELP },
	{ UI_CTRL('E'), OP_EDIT, NULL, NULL, 0 },
	{ UI_FN(KEY_PPAGE), OP_EDIT, "PgPréc PgSuiv", "Page précédente, "
	    "suivante", 0 },
	{ UI_FN(KEY_NPAGE), OP_EDIT, NULL, NULL, 0 },
	{ UI_CTRL('W'), OP_EDIT, "Ctrl-W", "Effacer le mot précédent", 0 },
	{ UI_CTRL('K'), OP_EDIT, "Ctrl-K", "Effacer jusqu'à la fin de la "
	    "ligne", 0 },
	UI_KEYS_END
};

static int	 compose_enter(struct ui *, struct ui_view *, void *);
static void	 compose_leave(struct ui *, struct ui_view *);
static void	 compose_layout(struct ui *, struct ui_view *,
		    const struct ui_rect *);
static void	 compose_draw(struct ui *, const struct ui_view *,
		    const struct ui_rect *);
static int	 compose_handle(struct ui *, struct ui_view *, int, int);
static int	 compose_input(struct ui *, struct ui_view *, const char *,
		    size_t);
static int	 compose_tick(struct ui *, struct ui_view *);
static char	*compose_plain(struct ui *, const struct ui_view *);
static int	 compose_context(struct ui *, struct compose *, char **);
static int	 compose_private(struct ui *, struct compose *, char **);
static int	 compose_has_title(int);
static const char *compose_refusal(int);
static int	 compose_dirty(const struct compose *);
static void	 compose_mention_free(struct compose *);
static int	 compose_save(struct ui *, struct compose *, int);
static int	 compose_store(struct store *, void *, int64_t *);
static void	 compose_send(struct ui *, struct ui_view *);
static void	 compose_ask_leave(struct ui *, struct ui_view *);
static void	 compose_leave_done(struct ui *, void *, const char *);
static void	 compose_unquote(struct ui *, struct compose *);
static const char *compose_body(const struct compose *);
static const char *compose_title(const struct compose *);

static const char *
compose_body(const struct compose *c)
{
	return txt_edit_text(ui_editor_edit(c->body));
}

static const char *
compose_title(const struct compose *c)
{
	return c->title != NULL ? txt_edit_text(ui_editor_edit(c->title)) : "";
}

/* Kinds whose first field is a title (a thread's, a subject). */
static int
compose_has_title(int kind)
{
	return kind == DRAFT_THREAD || kind == DRAFT_MESSAGE;
}

/* compose_context() for private messages. */
static int
compose_private(struct ui *ui, struct compose *c, char **initial)
{
	struct store *st = ui_store(ui);
	int64_t me = ui_member(ui)->id;
	struct store_conversation conv;
	struct store_message m;
	char *names = NULL, *bad = NULL, *q;
	int rc;

	if (c->arg.kind == DRAFT_MESSAGE) {
		rc = store_recipients_check(st, me, c->recipients, &names,
		    &bad);
		if (rc != 0) {
			ui_message(ui, "%s", compose_refusal(rc));
			free(bad);
			return -1;
		}
		xasprintf(&c->header, "Message privé à %s", names);
		free(names);
		return 0;
	}
	if ((rc = store_message_get(st, me, c->arg.target_id, &m)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Ce message "
		    "n'existe plus ou ne vous est pas ouvert."));
		return -1;
	}
	if (store_conversation_get(st, me, m.conversation_id, &conv) != 0)
		conv.subject = xstrdup("");
	xasprintf(&c->header, "Réponse privée à %s — %s", m.author_name,
	    conv.subject);
	if (c->arg.quote) {
		q = txt_edit_quote(m.body, COMPOSE_QUOTE_WIDTH);
		xasprintf(initial, "%s\n\n", q);
		free(q);
	}
	store_conversation_clear(&conv);
	store_message_clear(&m);
	return 0;
}

/* Why the store refused a private message (its return code). */
static const char *
compose_refusal(int rc)
{
	switch (rc) {
	case STORE_NOT_FOUND:
		return "Destinataire inconnu : vérifiez l'identifiant (voir "
		    "l'annuaire).";
	case STORE_BLOCKED:
		return "Un des destinataires ne reçoit pas vos messages.";
	case STORE_TOO_MANY:
		return "Trop de destinataires pour une conversation.";
	default:
		return store_rc_text(rc);
	}
}

/*
 * What this message is and where (the header line), and the text it
 * starts with when there is no draft (*initial: the quoted parent, the
 * post to edit). 0, or -1 with a message.
 */
static int
compose_context(struct ui *ui, struct compose *c, char **initial)
{
	struct store *st = ui_store(ui);
	struct store_viewer vw;
	struct store_board b;
	struct store_post p;
	struct store_thread t;
	char *q;
	int rc;

	*initial = NULL;
	if (c->arg.kind == DRAFT_MESSAGE || c->arg.kind == DRAFT_MSG_REPLY)
		return compose_private(ui, c, initial);
	ui_viewer(ui, &vw);
	memset(&b, 0, sizeof(b));
	memset(&p, 0, sizeof(p));
	memset(&t, 0, sizeof(t));
	if (c->arg.kind == DRAFT_THREAD && c->arg.doc_id != 0) {
		struct store_doc d;

		if ((rc = store_doc_get(st, vw.member_id, c->arg.doc_id,
		    &d)) != STORE_OK) {
			ui_message(ui, "%s", screen_rc_text(ui, rc,
			    "Ce document n'existe plus."));
			return -1;
		}
		xasprintf(&c->header, "Premier commentaire sur « %s »",
		    d.title);
		store_doc_clear(&d);
		return 0;
	}
	if (c->arg.kind == DRAFT_REPLY && c->arg.practice_id != 0) {
		struct store_practice pr;

		if ((rc = store_practice_get(st, &vw, c->arg.practice_id,
		    &pr)) == STORE_OK && pr.state != PRACTICE_PUBLIEE)
			rc = STORE_NOT_FOUND;
		if (rc != STORE_OK) {
			store_practice_clear(&pr);
			ui_message(ui, "%s", screen_rc_text(ui, rc,
			    "Cette fiche n'est plus publiée."));
			return -1;
		}
		xasprintf(&c->header, "Premier commentaire sur la fiche « %s »",
		    pr.f[PF_TITLE]);
		store_practice_clear(&pr);
		return 0;
	}
	if (c->arg.kind == DRAFT_THREAD) {
		if ((rc = store_board_get(st, &vw, c->arg.board_id, &b)) !=
		    STORE_OK) {
			ui_message(ui, "%s", screen_rc_text(ui, rc, "Ce forum "
			    "n'existe pas ou ne vous est pas ouvert."));
			return -1;
		}
		rc = b.can_post && b.archived_at == 0 ? 0 : -1;
		if (rc == 0)
			xasprintf(&c->header, "Nouveau sujet dans « %s »",
			    b.title);
		else
			ui_message(ui, "Vous ne pouvez pas ouvrir de sujet "
			    "dans ce forum.");
		store_board_clear(&b);
		return rc;
	}
	if ((rc = store_post_get(st, &vw, c->arg.target_id, &p)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Ce message "
		    "n'existe plus ou ne vous est pas ouvert."));
		return -1;
	}
	if (store_thread_get(st, &vw, p.thread_id, &t) != 0)
		t.title = xstrdup("");
	if (c->arg.kind == DRAFT_REPLY) {
		xasprintf(&c->header, "Réponse à %s — %s", p.author_name,
		    t.title);
		if (c->arg.quote) {
			q = txt_edit_quote(p.body, COMPOSE_QUOTE_WIDTH);
			xasprintf(initial, "%s\n\n", q);
			free(q);
		}
	} else {
		xasprintf(&c->header, "Modifier le message de %s — %s",
		    p.author_name, t.title);
		*initial = xstrdup(p.body);
	}
	store_thread_clear(&t);
	store_post_clear(&p);
	return 0;
}

static int
compose_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct compose *c = xcalloc(1, sizeof(*c));
	struct store_draft d;
	char *initial = NULL;
	int64_t key;
	int found, rc;

	c->arg = *(const struct compose_arg *)arg;
	key = c->arg.kind == DRAFT_THREAD ? c->arg.board_id :
	    c->arg.kind == DRAFT_MESSAGE ? 0 : c->arg.target_id;
	memset(&d, 0, sizeof(d));
	/* A draft that could not be read is not replaced by an empty
	 * text (its next save would overwrite it). */
	if ((rc = store_draft_find(ui_store(ui), ui_member(ui)->id,
	    c->arg.kind, key, &d)) == STORE_ERR) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, NULL));
		free(c);
		return -1;
	}
	found = rc == STORE_OK;
	if (c->arg.kind == DRAFT_MESSAGE) {
		/* A new message: to whom it was asked, else as the draft. */
		c->recipients = xstrdup(c->arg.recipients != NULL ?
		    c->arg.recipients : found ? d.recipients : "");
		c->arg.recipients = NULL;
	}
	if (compose_context(ui, c, &initial) == -1) {
		store_draft_clear(&d);
		free(c->recipients);
		free(c->header);
		free(c);
		return -1;
	}
	c->body = ui_editor_new(STORE_BODY_MAX);
	/* A document's thread bears the document's title. */
	if (compose_has_title(c->arg.kind) && c->arg.doc_id == 0)
		c->title = ui_editor_new(STORE_TITLE_MAX);
	if (found) {
		c->draft_id = d.id;
		txt_edit_set(ui_editor_edit(c->body), d.body);
		if (c->title != NULL)
			txt_edit_set(ui_editor_edit(c->title), d.title);
		store_draft_clear(&d);
		ui_message(ui, "Brouillon repris");
	} else
		txt_edit_set(ui_editor_edit(c->body), initial);
	free(initial);
	/* What we start with is saved already (or not worth saving). */
	txt_edit_clean(ui_editor_edit(c->body));
	if (c->title != NULL)
		txt_edit_clean(ui_editor_edit(c->title));
	c->focus = c->title != NULL && compose_title(c)[0] == '\0' ?
	    FOCUS_TITLE : FOCUS_BODY;
	c->last_save = mono_ms();
	v->state = c;
	ui_view_set_title(v, c->arg.doc_id != 0 || c->arg.practice_id != 0 ?
	    "Commentaire" :
	    c->arg.kind == DRAFT_THREAD ? "Nouveau sujet" :
	    c->arg.kind == DRAFT_MESSAGE ? "Nouveau message" :
	    c->arg.kind == DRAFT_REPLY || c->arg.kind == DRAFT_MSG_REPLY ?
	    "Réponse" : "Modifier le message");
	return 0;
}

static void
compose_leave(struct ui *ui, struct ui_view *v)
{
	struct compose *c = v->state;

	/* A hang-up lands here too: keep what was written. */
	if (!c->done && compose_dirty(c))
		compose_save(ui, c, STORE_WAIT_SEND);
	ui_editor_free(c->title);
	ui_editor_free(c->body);
	free(c->recipients);
	free(c->header);
	compose_mention_free(c);
	free(c);
}

static int
compose_dirty(const struct compose *c)
{
	return txt_edit_dirty(ui_editor_edit(c->body)) ||
	    (c->title != NULL && txt_edit_dirty(ui_editor_edit(c->title)));
}

/*
 * Save the draft (an empty one is deleted instead), waiting at most
 * `wait` ms for the write lock. 0, or -1 with the text left dirty and the
 * failure on the status line.
 */
static int
compose_save(struct ui *ui, struct compose *c, int wait)
{
	struct store *st = ui_store(ui);
	int64_t member = ui_member(ui)->id;
	struct store_draft d;
	int rc = 0, was;

	c->last_save = mono_ms();
	was = store_wait(st, wait);
	if (compose_body(c)[0] == '\0' && compose_title(c)[0] == '\0') {
		if (c->draft_id != 0 &&
		    store_draft_delete(st, member, c->draft_id) == 0)
			c->draft_id = 0;
	} else {
		memset(&d, 0, sizeof(d));
		d.id = c->draft_id;
		d.kind = c->arg.kind;
		d.board_id = c->arg.board_id;
		d.target_id = c->arg.target_id;
		d.title = (char *)compose_title(c);
		d.body = (char *)compose_body(c);
		d.recipients = c->recipients;
		rc = store_draft_save(st, member, &d);
		if (rc == 0)
			c->draft_id = d.id;
	}
	store_wait(st, was);
	ui_draft_status(ui, rc);
	if (rc == STORE_DRAFT_SENT) {
		/* Sent from another session: this copy is not a draft. */
		c->done = 1;
		return -1;
	}
	if (rc != 0)
		return -1;
	txt_edit_clean(ui_editor_edit(c->body));
	if (c->title != NULL)
		txt_edit_clean(ui_editor_edit(c->title));
	return rc;
}

static int
compose_tick(struct ui *ui, struct ui_view *v)
{
	struct compose *c = v->state;
	int64_t since;

	if (c->done || !compose_dirty(c))
		return -1;
	since = mono_ms() - c->last_save;
	if (since < COMPOSE_SAVE_MS)
		return (int)(COMPOSE_SAVE_MS - since);
	/* Failed: still dirty, tried again in COMPOSE_SAVE_MS. */
	if (compose_save(ui, c, STORE_WAIT_AUTOSAVE) != 0 && !c->done)
		return COMPOSE_SAVE_MS;
	return -1;
}

/* Title, header and a rule on top; the body fills the rest. */
static void
compose_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct compose *c = v->state;
	int y = r->y;

	if (c->title != NULL) {
		c->title_r.y = y++;
		c->title_r.x = r->x + 8;	/* after « Titre : » */
		c->title_r.w = r->w - 8;
		c->title_r.h = 1;
		ui_editor_layout(c->title, &c->title_r);
	}
	c->header_y = y++;
	c->rule_y = y++;
	c->body_r.y = y;
	c->body_r.x = r->x;
	c->body_r.w = r->w;
	c->body_r.h = r->y + r->h - y;
	if (c->body_r.h < 1)
		c->body_r.h = 1;
	ui_editor_layout(c->body, &c->body_r);
}

static void
compose_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct compose *c = v->state;
	int x;

	if (c->title != NULL) {
		ui_put(c->title_r.y, r->x, 8, c->arg.kind == DRAFT_MESSAGE ?
		    "Objet : " : "Titre : ",
		    c->focus == FOCUS_TITLE ? A_BOLD : 0);
		ui_editor_draw(ui, c->title, &c->title_r,
		    c->focus == FOCUS_TITLE);
	}
	ui_put(c->header_y, r->x, r->w, c->header, A_BOLD);
	for (x = 0; x < r->w; x++)
		ui_put(c->rule_y, r->x + x, 1, ui_glyph(UI_G_HLINE), 0);
	ui_editor_draw(ui, c->body, &c->body_r, c->focus == FOCUS_BODY);
}

/* What compose_store() sends, and what it gets back. */
struct compose_out {
	struct compose		*c;
	struct store_viewer	 vw;
	int64_t			 thread_id;
};

/* store_draft_send()'s send(): store the text as what it is. */
static int
compose_store(struct store *st, void *arg, int64_t *made)
{
	struct compose_out *o = arg;
	struct compose *c = o->c;
	char *bad = NULL;
	int rc;

	switch (c->arg.kind) {
	case DRAFT_MESSAGE:
		rc = store_conversation_new(st, o->vw.member_id,
		    c->recipients, compose_title(c), compose_body(c),
		    &o->thread_id, made, &bad);
		free(bad);
		break;
	case DRAFT_MSG_REPLY:
		rc = store_message_reply(st, o->vw.member_id,
		    c->arg.target_id, compose_body(c), made);
		break;
	case DRAFT_THREAD:
		if (c->arg.doc_id != 0)
			rc = store_doc_comment(st, &o->vw, c->arg.doc_id,
			    SHELF_BOARD, compose_body(c), &o->thread_id, made);
		else
			rc = store_thread_new(st, &o->vw, c->arg.board_id,
			    compose_title(c), compose_body(c), &o->thread_id,
			    made);
		break;
	case DRAFT_REPLY:
		if (c->arg.practice_id != 0)
			rc = store_practice_comment(st, &o->vw,
			    c->arg.practice_id, PRACTICE_BOARD,
			    compose_body(c), &o->thread_id, made);
		else
			rc = store_post_reply(st, &o->vw, c->arg.target_id,
			    compose_body(c), made);
		break;
	default:
		rc = store_post_edit(st, &o->vw, c->arg.target_id,
		    compose_body(c));
		*made = c->arg.target_id;
		break;
	}
	return rc;
}

/* What was not accepted, in words; the text stays on screen. */
static void
compose_send(struct ui *ui, struct ui_view *v)
{
	struct compose *c = v->state;
	struct store *st = ui_store(ui);
	struct store_draft_ref ref;
	struct compose_out o;
	struct store_thread t;
	int rc, waiting = 0;

	if (c->title != NULL && compose_title(c)[0] == '\0') {
		c->focus = FOCUS_TITLE;
		ui_message(ui, "%s", c->arg.kind == DRAFT_MESSAGE ?
		    "Donnez un objet au message avant de l'envoyer." :
		    "Donnez un titre au sujet avant de l'envoyer.");
		return;
	}
	memset(&o, 0, sizeof(o));
	o.c = c;
	ui_viewer(ui, &o.vw);
	memset(&ref, 0, sizeof(ref));
	ref.table = DRAFT_OF_TEXT;
	ref.id = c->draft_id;
	rc = store_draft_send(st, o.vw.member_id, &ref, compose_store, &o);
	switch (rc) {
	case STORE_OK:
		break;
	case STORE_TOO_LONG:
		ui_message(ui, "Texte trop long : %d Kio au plus. Rien n'a "
		    "été envoyé.", STORE_BODY_MAX / 1024);
		return;
	case STORE_EMPTY:
		ui_message(ui, "Le message est vide : écrivez quelque chose "
		    "avant de l'envoyer.");
		return;
	case STORE_FORBIDDEN:
		ui_message(ui, "Vous ne pouvez pas écrire ici (forum fermé "
		    "ou droits insuffisants). Votre texte est gardé.");
		return;
	case STORE_LOCKED:
		ui_message(ui, "Ce sujet est verrouillé : les réponses sont "
		    "fermées. Votre texte est gardé.");
		return;
	case STORE_NOT_FOUND:
		/* A new conversation: a recipient; a reply: the message
		 * answered (gone, or one has left the conversation). */
		ui_message(ui, "%s Votre texte est gardé.",
		    c->arg.kind == DRAFT_MESSAGE ? compose_refusal(rc) :
		    store_rc_text(rc));
		return;
	case STORE_BLOCKED:
	case STORE_NO_RECIPIENT:
	case STORE_TOO_MANY:
		ui_message(ui, "%s Votre texte est gardé.",
		    compose_refusal(rc));
		return;
	case STORE_DRAFT_SENT:
		/* Sent from another session meanwhile: not twice. */
		c->done = 1;
		ui_pop(ui);
		ui_message(ui, "Ce brouillon a déjà été envoyé : il ne l'est "
		    "pas une seconde fois.");
		return;
	case STORE_ERR:
		ui_message(ui, "Le message n'a pas pu être enregistré (%s) : "
		    "réessayez dans un instant. Votre texte est gardé.",
		    store_fault_label(store_fault(st)));
		return;
	default:
		ui_message(ui, "%s Votre texte est gardé.",
		    store_rc_text(rc));
		return;
	}
	if (c->arg.kind == DRAFT_THREAD) {
		memset(&t, 0, sizeof(t));
		if (store_thread_get(st, &o.vw, o.thread_id, &t) == 0) {
			waiting = t.state == THREAD_A_VALIDER;
			store_thread_clear(&t);
		}
	}
	c->done = 1;
	ui_pop(ui);
	ui_message(ui, "%s", waiting ? "Sujet en attente de validation par "
	    "l'équipe de modération." : "Message envoyé.");
}

/* Esc, Ctrl-C: keep the draft for later, or throw it away? */
static void
compose_ask_leave(struct ui *ui, struct ui_view *v)
{
	struct compose *c = v->state;

	if (c->draft_id == 0 && !compose_dirty(c)) {
		c->done = 1;
		ui_pop(ui);
		return;
	}
	ui_prompt(ui, "Garder le brouillon ? (o/n)", "", 8,
	    compose_leave_done, c);
}

static void
compose_leave_done(struct ui *ui, void *ctx, const char *answer)
{
	struct compose *c = ctx;

	if (answer == NULL)
		return;		/* Échap: back to writing */
	if (answer[0] == 'o' || answer[0] == 'O') {
		if (compose_dirty(c) &&
		    compose_save(ui, c, STORE_WAIT_SEND) != 0) {
			ui_message(ui, "Le brouillon n'a pas pu être "
			    "enregistré (%s) : votre texte est toujours là.",
			    store_fault_label(store_fault(ui_store(ui))));
			return;
		}
		c->done = 1;
		ui_pop(ui);
		ui_message(ui, "Brouillon gardé : rubrique « Brouillons » de "
		    "l'accueil.");
	} else if (answer[0] == 'n' || answer[0] == 'N') {
		if (c->draft_id != 0)
			store_draft_delete(ui_store(ui), ui_member(ui)->id,
			    c->draft_id);
		c->done = 1;
		ui_pop(ui);
		ui_message(ui, "Brouillon supprimé.");
	} else
		ui_message(ui, "Répondez o (garder) ou n (supprimer).");
}

/*
 * Ctrl-T: drop the block of quoted lines around the cursor, or every
 * quoted line when the cursor is not on one; blank lines left at the
 * start go too.
 */
static void
compose_unquote(struct ui *ui, struct compose *c)
{
	struct txt_edit *e = ui_editor_edit(c->body);
	const char *s = txt_edit_text(e), *line, *nl;
	size_t cur = txt_edit_cursor(e), len = txt_edit_len(e);
	size_t bstart = 0, bend = 0, start, end;
	int in_block = 0, quoted, removed = 0;
	struct buf b;
	char *text;

	/* The quoted block holding the cursor, if any: [bstart, bend). */
	for (start = 0; start <= len; start = end + 1) {
		nl = memchr(s + start, '\n', len - start);
		end = nl != NULL ? (size_t)(nl - s) : len;
		quoted = s[start] == '>';
		if (quoted && !in_block)
			bstart = start;
		in_block = quoted;
		if (quoted && cur >= start && cur <= end) {
			while (end < len && s[end + 1] == '>') {
				nl = memchr(s + end + 1, '\n', len - end - 1);
				end = nl != NULL ? (size_t)(nl - s) : len;
			}
			bend = end;
			break;
		}
		if (nl == NULL)
			break;
	}
	buf_init(&b);
	for (start = 0; start <= len; start = end + 1) {
		line = s + start;
		nl = memchr(line, '\n', len - start);
		end = nl != NULL ? (size_t)(nl - s) : len;
		if (bend > 0 ? start >= bstart && start <= bend : *line == '>')
			removed++;
		else if (!(b.len == 0 && end == start && nl != NULL))
			buf_printf(&b, "%.*s%s", (int)(end - start), line,
			    nl != NULL ? "\n" : "");
		if (nl == NULL)
			break;
	}
	text = buf_detach(&b);
	if (removed == 0)
		ui_message(ui, "Aucune ligne citée (« > ») à retirer.");
	else {
		txt_edit_set(e, text);
		ui_message(ui, "Citation retirée (%d ligne%s).", removed,
		    removed > 1 ? "s" : "");
	}
	free(text);
}

/* --- « @élo » Tab: a login for a mention ---------------------------------- */

static void
compose_mention_free(struct compose *c)
{
	size_t i;

	store_member_list_free(c->found, c->nfound);
	for (i = 0; c->labels != NULL && i < c->nfound; i++)
		free(c->labels[i]);
	free(c->labels);
	free(c->opts);
	c->found = NULL;
	c->labels = NULL;
	c->opts = NULL;
	c->nfound = 0;
}

/* Put login in place of what follows the '@' (the text has not changed
 * since Tab), and a space after it. */
static void
compose_mention_put(struct ui *ui, struct compose *c, const char *login)
{
	struct txt_edit *e = ui_editor_edit(c->body);
	char *s;

	if (txt_edit_generation(e) != c->mention_gen)
		return;
	while (txt_edit_cursor(e) > c->mention_from &&
	    txt_edit_backspace(e) == 1)
		;
	xasprintf(&s, "%s ", login);
	ui_editor_input(ui, c->body, s, strlen(s));
	free(s);
}

static void
compose_mention_picked(struct ui *ui, void *ctx, const char *login)
{
	struct compose *c = ctx;

	if (login != NULL)
		compose_mention_put(ui, c, login);
	compose_mention_free(c);
}

/*
 * Tab right after « @mot » in the text: the member whose login it is or
 * whose name holds it, accents and case aside (store_member_find, as
 * the recipients of a message); several are offered to choose. 1 if
 * the cursor follows an '@' word (done), 0 if not (Tab switches).
 */
static int
compose_mention(struct ui *ui, struct compose *c)
{
	struct txt_edit *e = ui_editor_edit(c->body);
	const char *text = txt_edit_text(e);
	size_t cur = txt_edit_cursor(e), i = cur, k;
	char *typed, *title;

	while (i > 0 && text[i - 1] != '@' && !isspace((unsigned char)
	    text[i - 1]))
		i--;
	if (i == 0 || i == cur || text[i - 1] != '@' || (i >= 2 &&
	    (isalnum((unsigned char)text[i - 2]) || text[i - 2] == '.')))
		return 0;
	typed = xstrndup(text + i, cur - i);
	compose_mention_free(c);
	c->mention_from = i;
	c->mention_gen = txt_edit_generation(e);
	if (store_member_find(ui_store(ui), typed, COMPOSE_MENTION_CHOICES,
	    &c->found, &c->nfound) != 0)
		ui_message(ui, "L'annuaire n'a pas pu être lu : réessayez.");
	else if (c->nfound == 0)
		ui_message(ui, "Personne ne s'appelle « %s ».", typed);
	else if (c->nfound == 1)
		compose_mention_put(ui, c, c->found[0].login);
	else {
		c->opts = xcalloc(c->nfound, sizeof(*c->opts));
		c->labels = xcalloc(c->nfound, sizeof(*c->labels));
		for (k = 0; k < c->nfound; k++) {
			xasprintf(&c->labels[k], "%s (%s)%s%s",
			    c->found[k].display_name, c->found[k].login,
			    c->found[k].organisation[0] != '\0' ? " — " : "",
			    c->found[k].organisation);
			c->opts[k].key = c->found[k].login;
			c->opts[k].label = c->labels[k];
		}
		xasprintf(&title, "« @%s » : lequel de ces membres ?", typed);
		ui_pick(ui, title, c->opts, c->nfound, 0, "",
		    compose_mention_picked, c);
		free(title);
		free(typed);
		return 1;
	}
	compose_mention_free(c);
	free(typed);
	return 1;
}

static int
compose_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct compose *c = v->state;

	switch (op) {
	case OP_SEND:
		compose_send(ui, v);
		return UI_HANDLED;
	case OP_SWITCH:
		if (key == '\t' && c->focus == FOCUS_BODY &&
		    compose_mention(ui, c))
			return UI_HANDLED;
		if (c->title == NULL)
			ui_message(ui, "Une réponse n'a pas de titre.");
		else
			c->focus = c->focus == FOCUS_TITLE ? FOCUS_BODY :
			    FOCUS_TITLE;
		return UI_HANDLED;
	case OP_LEAVE:
	case OP_QUIT:
		compose_ask_leave(ui, v);
		return UI_HANDLED;
	case OP_UNQUOTE:
		compose_unquote(ui, c);
		return UI_HANDLED;
	case OP_HELP:
	case OP_REDRAW:
		return UI_IGNORED;
	default:
		break;
	}
	if (c->focus == FOCUS_TITLE) {
		/* Entrée and ↓ go on to the text. */
		if (key == '\r' || key == UI_FN(KEY_DOWN)) {
			c->focus = FOCUS_BODY;
			return UI_HANDLED;
		}
		return ui_editor_key(c->title, key);
	}
	return ui_editor_key(c->body, key);
}

static int
compose_input(struct ui *ui, struct ui_view *v, const char *s, size_t n)
{
	struct compose *c = v->state;
	const char *nl;
	size_t part;
	int rc;

	if (c->focus == FOCUS_TITLE) {
		/* The title is one line: a line break goes on to the text. */
		nl = memchr(s, '\n', n);
		if (nl == NULL)
			nl = memchr(s, '\r', n);
		part = nl != NULL ? (size_t)(nl - s) : n;
		if (ui_editor_input(ui, c->title, s, part) == TXT_EDIT_FULL)
			ui_message(ui, "Titre trop long : %d octets au plus.",
			    STORE_TITLE_MAX);
		if (nl == NULL)
			return TXT_EDIT_OK;
		c->focus = FOCUS_BODY;
		s += part + 1;
		n -= part + 1;
		if (n == 0)
			return TXT_EDIT_OK;
	}
	rc = ui_editor_input(ui, c->body, s, n);
	return rc;
}

/* Line mode: what this is, and the text so far. */
static char *
compose_plain(struct ui *ui, const struct ui_view *v)
{
	const struct compose *c = v->state;
	char *s;

	if (c->title != NULL && compose_title(c)[0] == '\0')
		xasprintf(&s, "%s\nLa première ligne que vous tapez est %s\n%s",
		    c->header, c->arg.kind == DRAFT_MESSAGE ? "l'objet du "
		    "message." : "le titre du sujet.", compose_body(c));
	else if (c->title != NULL)
		xasprintf(&s, "%s\n%s : %s\n%s", c->header,
		    c->arg.kind == DRAFT_MESSAGE ? "Objet" : "Titre",
		    compose_title(c), compose_body(c));
	else
		xasprintf(&s, "%s\n%s", c->header, compose_body(c));
	return s;
}

const struct ui_screen screen_compose = {
	.name = "rédaction",
	.keys = compose_keys,
	.enter = compose_enter,
	.layout = compose_layout,
	.draw = compose_draw,
	.handle = compose_handle,
	.leave = compose_leave,
	.plain = compose_plain,
	.input = compose_input,
	.tick = compose_tick,
};
