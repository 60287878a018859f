/*
 * thread.c - a thread as a tree (mutt, slrn): who answers whom, one line
 * per message with its author, its date and its first words, unread ones
 * marked « * ». Entrée reads the selected message.
 *
 * The tree's branches are drawn with line characters, or « | + ` » when
 * the member asked for ASCII frames (a Latin-1 terminal gets the same
 * from the charset's replacements). Deep trees are cut at the left so
 * that a line always keeps room for the author and a few words.
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

#define THREAD_MAX_DEPTH 12	/* levels drawn; deeper ones share a column */

struct thread_item {
	char	*tree;		/* the branches before the author */
	char	*excerpt;	/* first line of text that is not quoted */
};

struct thread_view {
	struct store_viewer	 vw;
	int64_t			 thread_id;
	struct store_thread	 thread;
	struct store_board	 board;
	struct store_post	*posts;
	struct thread_item	*items;
	size_t			 nposts;
	struct ui_list		 list;
	int			 ascii;
};

enum {
	OP_NEXT_UNREAD = OP_SCREEN,
	OP_REPLY,
	OP_READ_ALL,
	OP_UNREAD
};

static const struct ui_key thread_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Lire", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Lire", UI_KEY_NOHELP },
	{ 'n', OP_NEXT_UNREAD, "n", "Non lu suivant", UI_KEY_BAR },
	{ 'r', OP_REPLY, "r", "Répondre au message choisi", 0 },
	{ 'm', OP_READ_ALL, "m", "Marquer tout le sujet comme lu", 0 },
	{ 'u', OP_UNREAD, "u", "Marquer le message comme non lu", 0 },
	VEILLE_KEY,
	UI_KEYS_END
};

static void	 thread_free(struct thread_view *);
static int	 thread_load(struct ui *, struct thread_view *);
static void	 thread_branches(struct thread_view *);
static char	*thread_excerpt(const char *);

static void
thread_free(struct thread_view *t)
{
	size_t i;

	for (i = 0; i < t->nposts; i++) {
		free(t->items[i].tree);
		free(t->items[i].excerpt);
	}
	free(t->items);
	t->items = NULL;
	store_post_list_free(t->posts, t->nposts);
	t->posts = NULL;
	t->nposts = 0;
	store_thread_clear(&t->thread);
	store_board_clear(&t->board);
}

/* The first line of a body that says something: not empty, not quoted,
 * not a greeting. */
static char *
thread_excerpt(const char *body)
{
	const char *p = body, *nl;
	size_t len;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		/* Skip quotes, blank lines and a greeting (« Bonjour, »). */
		if (len > 0 && p[0] != '>' && strspn(p, " ") < len &&
		    !(nl != NULL && len < 30 && p[len - 1] == ','))
			return xstrndup(p + strspn(p, " "), len - strspn(p, " "));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return xstrdup("");
}

/*
 * The branches of every line, from the end: a level has a bar if a later
 * message sits at that level before anything shallower does.
 */
static void
thread_branches(struct thread_view *t)
{
	int more[THREAD_MAX_DEPTH + 1];
	const char *bar = t->ascii ? "| " : "│ ";
	const char *tee = t->ascii ? "+->" : "├─>";
	const char *end = t->ascii ? "`->" : "└─>";
	struct buf b;
	size_t i;
	int d, k;

	memset(more, 0, sizeof(more));
	for (i = t->nposts; i-- > 0;) {
		d = t->posts[i].depth;
		if (d > THREAD_MAX_DEPTH)
			d = THREAD_MAX_DEPTH;
		buf_init(&b);
		for (k = 1; k < d; k++)
			buf_adds(&b, more[k] ? bar : "  ");
		if (d > 0)
			buf_adds(&b, more[d] ? tee : end);
		t->items[i].tree = buf_detach(&b);
		more[d] = 1;
		for (k = d + 1; k <= THREAD_MAX_DEPTH; k++)
			more[k] = 0;
	}
}

/* (Re)load the thread; keeps the selection on the same message. */
static int
thread_load(struct ui *ui, struct thread_view *t)
{
	struct store *st = ui_store(ui);
	int64_t sel = 0;
	size_t i;
	int rc;

	if (t->nposts > 0)
		sel = t->posts[t->list.sel].id;
	thread_free(t);
	if ((rc = store_thread_get(st, &t->vw, t->thread_id, &t->thread)) !=
	    STORE_OK ||
	    (rc = store_board_get(st, &t->vw, t->thread.board_id,
	    &t->board)) != STORE_OK ||
	    (rc = store_post_tree(st, &t->vw, t->thread_id, &t->posts,
	    &t->nposts)) != STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Ce sujet n'est "
		    "pas lisible pour le moment."));
		thread_free(t);
		return -1;
	}
	t->items = xcalloc(t->nposts + 1, sizeof(*t->items));
	for (i = 0; i < t->nposts; i++)
		t->items[i].excerpt = thread_excerpt(t->posts[i].body);
	thread_branches(t);
	ui_list_init(&t->list, t->nposts, 1);
	for (i = 0; i < t->nposts; i++) {
		if (sel != 0 ? t->posts[i].id == sel : t->posts[i].unread) {
			t->list.sel = i;
			break;
		}
	}
	return 0;
}

static int
thread_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct thread_view *t = xcalloc(1, sizeof(*t));

	ui_viewer(ui, &t->vw);
	t->thread_id = *(int64_t *)arg;
	t->ascii = ui_ascii_lines(ui);
	if (thread_load(ui, t) == -1) {
		free(t);
		return -1;
	}
	v->state = t;
	ui_view_set_title(v, t->thread.title);
	return 0;
}

static void
thread_leave(struct ui *ui, struct ui_view *v)
{
	struct thread_view *t = v->state;

	thread_free(t);
	free(t);
}

static void
thread_status(struct ui_view *v)
{
	struct thread_view *t = v->state;
	char pos[32];

	ui_list_position(&t->list, pos, sizeof(pos));
	ui_view_set_status(v, "%s%s", t->thread.locked ? "verrouillé · " : "",
	    pos);
}

static void
thread_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct thread_view *t = v->state;

	ui_list_layout(&t->list, r);
	thread_status(v);
}

static void
thread_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct thread_view *t = arg;
	const struct store_post *p = &t->posts[i];
	char date[32];
	int used = 3, dw = 0, tw, room;

	if (p->hidden_at != 0)
		ui_put(y, x + 1, 1, "x", 0);
	else if (p->unread)
		ui_put(y, x + 1, 1, "*", A_BOLD);
	/* A date on the right when there is room for it. */
	if (w >= 60) {
		txt_date_list(date, sizeof(date), p->created_at, now_sec());
		dw = (int)txt_width(date);
		ui_put(y, x + w - dw, dw, date, 0);
		dw += 1;
	}
	room = w - used - dw;
	/* Branches take at most a third of the line. */
	tw = (int)txt_width(t->items[i].tree);
	if (tw > room / 3)
		tw = room / 3;
	if (tw > 0) {
		const char *tree = t->items[i].tree;

		/* Cut at the left: the deepest levels are the useful ones. */
		while (*tree != '\0' && (int)txt_width(tree) > tw) {
			tree++;
			while (((unsigned char)*tree & 0xc0) == 0x80)
				tree++;
		}
		used += ui_put(y, x + used, room, tree, 0);
	}
	used += ui_put(y, x + used, w - used - dw, p->author_name,
	    selected ? A_REVERSE : (p->unread ? A_BOLD : 0));
	if (w - used - dw > 4) {
		used += ui_put(y, x + used, w - used - dw, " : ", 0);
		ui_put(y, x + used, w - used - dw, p->hidden_at != 0 ?
		    "(message masqué)" : t->items[i].excerpt, 0);
	}
}

static void
thread_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct thread_view *t = v->state;

	ui_list_draw(&t->list, r, thread_draw_item, t);
}

static void
thread_resume(struct ui *ui, struct ui_view *v)
{
	struct thread_view *t = v->state;

	if (thread_load(ui, t) == -1) {
		ui_pop(ui);
		return;
	}
	ui_list_layout(&t->list, &v->laid_out);
	thread_status(v);
}

static int
thread_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct thread_view *t = v->state;
	struct compose_arg a;
	struct store_post *p = t->nposts > 0 ? &t->posts[t->list.sel] : NULL;

	switch (op) {
	case OP_OPEN:
		if (p != NULL)
			forum_open_post(ui, p->id);
		return UI_HANDLED;
	case OP_VEILLE:
		veille_toggle(ui, &(struct veille_thing){ FOLLOW_THREAD,
		    t->thread_id, NULL, t->thread.title });
		return UI_HANDLED;
	case OP_NEXT_UNREAD:
		forum_next_unread(ui, t->thread.board_id, t->thread_id, 0);
		return UI_HANDLED;
	case OP_REPLY:
		if (p == NULL)
			return UI_HANDLED;
		if (!t->board.can_post || t->board.archived_at != 0 ||
		    (t->thread.locked && !t->board.can_moderate)) {
			ui_message(ui, t->thread.locked ? "Ce sujet est "
			    "verrouillé : plus de réponses." : "Vous ne pouvez "
			    "pas écrire dans ce forum.");
			return UI_HANDLED;
		}
		memset(&a, 0, sizeof(a));
		a.kind = DRAFT_REPLY;
		a.target_id = p->id;
		a.quote = 1;
		ui_push(ui, &screen_compose, &a);
		return UI_HANDLED;
	case OP_READ_ALL:
		if (store_read_thread(ui_store(ui), &t->vw, t->thread_id) == 0) {
			thread_resume(ui, v);
			ui_message(ui, "Tout le sujet est marqué comme lu.");
		}
		return UI_HANDLED;
	case OP_UNREAD:
		if (p != NULL &&
		    store_unread_post(ui_store(ui), &t->vw, p->id) == 0) {
			p->unread = 1;
			ui_message(ui, "Message marqué comme non lu.");
		}
		return UI_HANDLED;
	}
	if (ui_list_handle(&t->list, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	thread_status(v);
	return UI_HANDLED;
}

static struct ui_list *
thread_menu(struct ui_view *v)
{
	struct thread_view *t = v->state;

	return &t->list;
}

static char *
thread_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct thread_view *t = v->state;
	const struct store_post *p = &t->posts[i];
	char date[32], *s;

	txt_date_list(date, sizeof(date), p->created_at, now_sec());
	xasprintf(&s, "%s%s%s (%s) : %s", p->unread ? "* " : "",
	    t->items[i].tree, p->author_name, date, p->hidden_at != 0 ?
	    "(message masqué)" : t->items[i].excerpt);
	return s;
}

const struct ui_screen screen_thread = {
	.name = "sujet",
	.keys = thread_keys,
	.enter = thread_enter,
	.layout = thread_layout,
	.draw = thread_draw,
	.handle = thread_handle,
	.leave = thread_leave,
	.resume = thread_resume,
	.menu = thread_menu,
	.item = thread_item,
};
