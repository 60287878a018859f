/*
 * reader.c - one message, read in the pager: where it is (forum, thread),
 * who wrote it and when, whom it answers, then the text. Reading it marks
 * it read.
 *
 * Space pages down and, at the end of a message, goes on to the next
 * unread one (slrn's way), so a member reads everything new with that key
 * alone; n goes there at once. s and p walk the thread in tree order.
 * The reader keeps the thread's tree so that those moves cost no query
 * but the message's own.
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

struct reader {
	struct store_viewer	 vw;
	struct store_board	 board;
	struct store_thread	 thread;
	struct store_post	*posts;		/* the thread, tree order */
	size_t			 nposts;
	size_t			 cur;
	struct ui_pager		 pager;
};

enum {
	OP_NEXT_UNREAD = OP_SCREEN,
	OP_NEXT,
	OP_PREV,
	OP_REPLY,
	OP_REPLY_PLAIN,
	OP_EDIT,
	OP_UNREAD,
	OP_REPORT,
	OP_HIDE,
	OP_VERSIONS
};

static const struct ui_key reader_keys[] = {
	UI_PAGER_KEYS,
	{ 'n', OP_NEXT_UNREAD, "n", "Non lu suivant", UI_KEY_BAR },
	{ 'r', OP_REPLY, "r", "Répondre", UI_KEY_BAR },
	{ 'R', OP_REPLY_PLAIN, "R", "Répondre sans citer", 0 },
	{ '>', OP_NEXT, "> <", "Suivant, précédent dans le fil", 0 },
	{ '<', OP_PREV, NULL, NULL, 0 },
	{ 'p', OP_PREV, "p", "Précédent : le message d'avant dans le fil",
	    UI_KEY_NOHELP },
	{ 'e', OP_EDIT, "e", "Modifier votre message", 0 },
	{ 'u', OP_UNREAD, "u", "Marquer comme non lu", 0 },
	VEILLE_KEY,
	{ '!', OP_REPORT, "!", "Signaler à l'équipe de modération", 0 },
	{ 'h', OP_HIDE, "h", "Masquer ou rétablir (modération)", 0 },
	{ 'H', OP_VERSIONS, "H", "Historique : versions précédentes "
	    "(modération)", 0 },
	UI_KEYS_END
};

static void	 reader_free_thread(struct reader *);
static int	 reader_load(struct ui *, struct reader *, int64_t);
static void	 reader_show(struct ui *, struct ui_view *, struct reader *);
static const struct store_post *reader_parent(const struct reader *);
static void	 reader_report_done(struct ui *, void *, const char *);
static void	 reader_hide_done(struct ui *, void *, const char *);

static void
reader_free_thread(struct reader *rd)
{
	store_post_list_free(rd->posts, rd->nposts);
	rd->posts = NULL;
	rd->nposts = 0;
	store_thread_clear(&rd->thread);
	store_board_clear(&rd->board);
}

/* Load the thread of post_id and find it there: 0, or -1 (message set). */
static int
reader_load(struct ui *ui, struct reader *rd, int64_t post_id)
{
	struct store *st = ui_store(ui);
	struct store_post p;
	size_t i;
	int rc;

	memset(&p, 0, sizeof(p));
	if ((rc = store_post_get(st, &rd->vw, post_id, &p)) != STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Ce message "
		    "n'existe pas ou vous ne pouvez pas le lire."));
		return -1;
	}
	reader_free_thread(rd);
	if ((rc = store_thread_get(st, &rd->vw, p.thread_id,
	    &rd->thread)) != STORE_OK ||
	    (rc = store_board_get(st, &rd->vw, p.board_id, &rd->board)) !=
	    STORE_OK ||
	    (rc = store_post_tree(st, &rd->vw, p.thread_id, &rd->posts,
	    &rd->nposts)) != STORE_OK) {
		store_post_clear(&p);
		reader_free_thread(rd);
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Ce sujet n'est "
		    "pas lisible pour le moment."));
		return -1;
	}
	store_post_clear(&p);
	for (i = 0; i < rd->nposts; i++)
		if (rd->posts[i].id == post_id)
			break;
	if (i == rd->nposts) {
		reader_free_thread(rd);
		ui_message(ui, "Ce message n'est plus dans son sujet.");
		return -1;
	}
	rd->cur = i;
	return 0;
}

static const struct store_post *
reader_parent(const struct reader *rd)
{
	size_t i;

	for (i = 0; i < rd->nposts; i++)
		if (rd->posts[i].id == rd->posts[rd->cur].parent_id)
			return &rd->posts[i];
	return NULL;
}

/* Build the page for the current message and mark it read. */
static void
reader_show(struct ui *ui, struct ui_view *v, struct reader *rd)
{
	struct store_post *p = &rd->posts[rd->cur];
	const struct store_post *parent = reader_parent(rd);
	char date[64], *line;
	struct buf b;

	ui_pager_free(&rd->pager);
	ui_pager_init(&rd->pager);
	ui_pager_add(&rd->pager, TXT_BLOCK_HEADING, 1, rd->thread.title, 0);
	/* The header: one block, one line each, no blank lines between. */
	buf_init(&b);
	buf_printf(&b, "%s%s%s%s\n", rd->board.title,
	    rd->thread.locked ? " · sujet verrouillé" : "",
	    rd->thread.pinned ? " · épinglé" : "",
	    rd->thread.state == THREAD_A_VALIDER ? " · en attente de "
	    "validation" : "");
	txt_date_long(date, sizeof(date), p->created_at);
	if (p->author_org != NULL && p->author_org[0] != '\0')
		buf_printf(&b, "Par %s (%s), le %s", p->author_name,
		    p->author_org, date);
	else
		buf_printf(&b, "Par %s, le %s", p->author_name, date);
	if (parent != NULL)
		buf_printf(&b, "\nEn réponse à %s", parent->author_name);
	if (p->edited_at != 0) {
		txt_date_long(date, sizeof(date), p->edited_at);
		buf_printf(&b, "\nModifié le %s", date);
	}
	if (p->hidden_at != 0) {
		txt_date_long(date, sizeof(date), p->hidden_at);
		buf_printf(&b, "\nMasqué par %s le %s : %s",
		    p->hidden_by_name != NULL ? p->hidden_by_name : "?", date,
		    p->hidden_reason != NULL ? p->hidden_reason : "");
	}
	line = buf_detach(&b);
	ui_pager_add(&rd->pager, TXT_BLOCK_PARA, 0, line, TXT_ATTR_BOLD);
	free(line);
	ui_pager_add(&rd->pager, TXT_BLOCK_RULE, 0, "", 0);
	ui_pager_body(&rd->pager);
	ui_pager_add_doc(&rd->pager, txt_doc_from_plain(p->body,
	    strlen(p->body)));

	if (p->unread && p->hidden_at == 0) {
		store_read_post(ui_store(ui), &rd->vw, p->id);
		p->unread = 0;
	}
	ui_view_set_title(v, rd->thread.title);
	if (v->laid_out.h > 0) {
		ui_pager_layout(&rd->pager, &v->laid_out);
		ui_pager_status(&rd->pager, v, v->laid_out.h);
	}
}

static int
reader_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct reader *rd = xcalloc(1, sizeof(*rd));

	ui_viewer(ui, &rd->vw);
	if (reader_load(ui, rd, *(int64_t *)arg) == -1) {
		free(rd);
		return -1;
	}
	ui_pager_init(&rd->pager);
	v->state = rd;
	reader_show(ui, v, rd);
	return 0;
}

static void
reader_leave(struct ui *ui, struct ui_view *v)
{
	struct reader *rd = v->state;

	reader_free_thread(rd);
	ui_pager_free(&rd->pager);
	free(rd);
}

static void
reader_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct reader *rd = v->state;

	ui_pager_layout(&rd->pager, r);
	ui_pager_status(&rd->pager, v, r->h);
}

static void
reader_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct reader *rd = v->state;

	ui_pager_draw(&rd->pager, r);
}

/* Move to post i of the tree. */
static void
reader_goto(struct ui *ui, struct ui_view *v, struct reader *rd, size_t i)
{
	rd->cur = i;
	reader_show(ui, v, rd);
}

static void
reader_report_done(struct ui *ui, void *ctx, const char *text)
{
	struct reader *rd = ctx;
	int rc;

	if (text == NULL)
		return;
	rc = store_report_add(ui_store(ui), &rd->vw,
	    rd->posts[rd->cur].id, text);
	if (rc == STORE_OK)
		ui_message(ui, "Message signalé à l'équipe de modération. "
		    "Merci.");
	else if (rc == STORE_EXISTS)
		ui_message(ui, "Vous avez déjà signalé ce message.");
	else
		ui_message(ui, "%s", screen_rc_text(ui, rc,
		    "Ce message n'existe plus : rien n'est signalé."));
}

static void
reader_hide_done(struct ui *ui, void *ctx, const char *text)
{
	struct reader *rd = ctx;
	int rc;

	if (text == NULL)
		return;
	if (text[strspn(text, " ")] == '\0') {
		ui_message(ui, "Une raison est nécessaire pour masquer un "
		    "message.");
		return;
	}
	rc = store_post_hide(ui_store(ui), &rd->vw, rd->posts[rd->cur].id,
	    text);
	if (rc == 0) {
		rd->posts[rd->cur].hidden_at = now_sec();
		ui_message(ui, "Message masqué : les membres ne le voient "
		    "plus.");
	} else
		ui_message(ui, "Le message n'a pas pu être masqué. %s",
		    store_rc_text(rc));
}

/* Reload after a reply, an edit or a moderation (resume). */
static void
reader_resume(struct ui *ui, struct ui_view *v)
{
	struct reader *rd = v->state;
	int64_t id = rd->posts[rd->cur].id;
	size_t top = rd->pager.top;

	if (reader_load(ui, rd, id) == -1) {
		ui_pop(ui);
		return;
	}
	reader_show(ui, v, rd);
	if (top < rd->pager.nlines)
		rd->pager.top = top;
}

static void
reader_reply(struct ui *ui, struct reader *rd, int quote)
{
	struct compose_arg a;

	if (!rd->board.can_post || rd->board.archived_at != 0) {
		ui_message(ui, "Vous ne pouvez pas écrire dans ce forum.");
		return;
	}
	if (rd->thread.locked && !rd->board.can_moderate) {
		ui_message(ui, "Ce sujet est verrouillé : plus de réponses.");
		return;
	}
	memset(&a, 0, sizeof(a));
	a.kind = DRAFT_REPLY;
	a.target_id = rd->posts[rd->cur].id;
	a.quote = quote;
	ui_push(ui, &screen_compose, &a);
}

static int
reader_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct reader *rd = v->state;
	struct store_post *p = &rd->posts[rd->cur];
	struct compose_arg a;
	size_t last;

	switch (op) {
	case OP_VEILLE:		/* the thread of the message */
		veille_toggle(ui, &(struct veille_thing){ FOLLOW_THREAD,
		    rd->thread.id, NULL, rd->thread.title });
		return UI_HANDLED;
	case OP_PAGE_DOWN:
		last = rd->pager.nlines > (size_t)v->laid_out.h ?
		    rd->pager.nlines - (size_t)v->laid_out.h : 0;
		if (key == ' ' && rd->pager.top >= last) {
			forum_next_unread(ui, rd->thread.board_id,
			    rd->thread.id, 1);
			return UI_HANDLED;
		}
		break;
	case OP_NEXT_UNREAD:
		forum_next_unread(ui, rd->thread.board_id, rd->thread.id, 1);
		return UI_HANDLED;
	case OP_NEXT:
		if (rd->cur + 1 < rd->nposts)
			reader_goto(ui, v, rd, rd->cur + 1);
		else
			ui_message(ui, "C'est le dernier message du sujet.");
		return UI_HANDLED;
	case OP_PREV:
		if (rd->cur > 0)
			reader_goto(ui, v, rd, rd->cur - 1);
		else
			ui_message(ui, "C'est le premier message du sujet.");
		return UI_HANDLED;
	case OP_REPLY:
	case OP_REPLY_PLAIN:
		reader_reply(ui, rd, op == OP_REPLY);
		return UI_HANDLED;
	case OP_EDIT:
		if (p->author_id != rd->vw.member_id &&
		    !rd->board.can_moderate) {
			ui_message(ui, "Vous ne pouvez modifier que vos propres "
			    "messages.");
			return UI_HANDLED;
		}
		memset(&a, 0, sizeof(a));
		a.kind = DRAFT_EDIT;
		a.target_id = p->id;
		ui_push(ui, &screen_compose, &a);
		return UI_HANDLED;
	case OP_UNREAD:
		if (store_unread_post(ui_store(ui), &rd->vw, p->id) == 0) {
			p->unread = 1;
			ui_message(ui, "Message marqué comme non lu.");
		}
		return UI_HANDLED;
	case OP_REPORT:
		ui_prompt(ui, "Pourquoi signaler ce message ? ", "",
		    STORE_REASON_MAX, reader_report_done, rd);
		return UI_HANDLED;
	case OP_HIDE:
		if (!rd->board.can_moderate) {
			ui_message(ui, "Réservé à l'équipe de modération "
			    "de ce forum.");
			return UI_HANDLED;
		}
		if (p->hidden_at != 0) {
			if (store_post_unhide(ui_store(ui), &rd->vw, p->id) == 0)
				p->hidden_at = 0;
			ui_message(ui, "Message rétabli.");
			reader_show(ui, v, rd);
		} else
			ui_prompt(ui, "Masquer ce message. Raison : ", "",
			    STORE_REASON_MAX, reader_hide_done, rd);
		return UI_HANDLED;
	case OP_VERSIONS:
		if (!rd->board.can_moderate) {
			ui_message(ui, "Réservé à l'équipe de modération "
			    "de ce forum.");
			return UI_HANDLED;
		}
		if (p->nversions == 0) {
			ui_message(ui, "Ce message n'a jamais été modifié.");
			return UI_HANDLED;
		}
		ui_push(ui, &screen_versions, &p->id);
		return UI_HANDLED;
	}
	if (ui_pager_handle(&rd->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&rd->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
reader_text(struct ui_view *v)
{
	struct reader *rd = v->state;

	return &rd->pager;
}

const struct ui_screen screen_reader = {
	.name = "message",
	.keys = reader_keys,
	.enter = reader_enter,
	.layout = reader_layout,
	.draw = reader_draw,
	.handle = reader_handle,
	.leave = reader_leave,
	.resume = reader_resume,
	.text = reader_text,
};
