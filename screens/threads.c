/*
 * threads.c - the threads of one board: pinned ones first, then by last
 * activity. Each line: marks (« * » unread, « ! » pinned, « # » locked,
 * « ? » waiting for a moderator), the title, and when there is room the
 * author, the date of the last message and « non lus/total ». The
 * board's description heads the list.
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

/* Threads are read a page at a time as the selection moves: a board of
 * ten thousand threads opens as fast as a small one, and « Fin » reads
 * the last page only (keyset from the end). What is loaded is a window
 * of the list: threads[0] is the base-th thread of the board. */
#define THREADS_CHUNK	200

struct threads {
	struct store_viewer	 vw;
	int64_t			 board_id;
	struct store_board	 board;
	struct store_thread	*threads;
	size_t			 n;
	size_t			 base;	/* place of threads[0] in the list */
	int			 more;	/* threads below the window not read */
	int			 less;	/* threads above the window not read */
	struct ui_list		 list;
	int			 rc;	/* the last load's: not STORE_OK, the
					 * list is empty for that reason */
};

enum {
	OP_NEXT_UNREAD = OP_SCREEN,
	OP_NEW,
	OP_READ_THREAD,
	OP_READ_BOARD,
	OP_SEARCH,
	OP_PIN,
	OP_LOCK,
	OP_MOVE,
	OP_APPROVE
};

static const struct ui_key threads_keys[] = {
	UI_LIST_KEYS,
	{ '\r', OP_OPEN, "Entrée", "Ouvrir", UI_KEY_BAR },
	{ UI_FN(KEY_RIGHT), OP_OPEN, "→", "Ouvrir", UI_KEY_NOHELP },
	{ 'n', OP_NEXT_UNREAD, "n", "Non lu suivant", UI_KEY_BAR },
	{ 'N', OP_NEW, "N", "Nouveau sujet", UI_KEY_BAR },
	{ 'm', OP_READ_THREAD, "m", "Marquer le sujet comme lu", 0 },
	{ 'L', OP_READ_BOARD, "L", "Marquer tout le forum comme lu", 0 },
	VEILLE_KEY,
	{ '/', OP_SEARCH, "/", "Rechercher", 0 },
	{ 'E', OP_PIN, "E", "Épingler ou détacher (modération)", 0 },
	{ 'V', OP_LOCK, "V", "Verrouiller ou rouvrir (modération)", 0 },
	{ 'T', OP_MOVE, "T", "Transférer vers un autre forum (modération)",
	    0 },
	{ 'a', OP_APPROVE, "a", "Valider un sujet en attente (modération)", 0 },
	UI_KEYS_END
};

static int	 threads_fetch(struct ui *, struct threads *, size_t);
static int	 threads_fetch_before(struct ui *, struct threads *, size_t);
static int	 threads_load(struct ui *, struct threads *);
static void	 threads_more(struct ui *, struct threads *, int,
		    const struct ui_rect *);
static void	 threads_free(struct threads *);
static void	 threads_read_board_done(struct ui *, void *, const char *);

static void
threads_free(struct threads *t)
{
	store_thread_list_free(t->threads, t->n);
	t->threads = NULL;
	t->n = 0;
	t->base = 0;
	t->more = t->less = 0;
	store_board_clear(&t->board);
}

/* Read up to max more threads after those loaded: 0 or -1. */
static int
threads_fetch(struct ui *ui, struct threads *t, size_t max)
{
	struct store_thread *more = NULL;
	size_t n = 0;

	if (store_thread_list_after(ui_store(ui), &t->vw, t->board_id,
	    t->n > 0 ? &t->threads[t->n - 1] : NULL, max, &more, &n) != 0)
		return -1;
	t->threads = xreallocarray(t->threads, t->n + n + 1,
	    sizeof(*t->threads));
	if (n > 0)
		memcpy(t->threads + t->n, more, n * sizeof(*more));
	free(more);	/* the strings moved over */
	t->n += n;
	t->more = max != 0 && n == max;
	t->list.n = t->n;
	return 0;
}

/* Read up to max threads before those loaded (none loaded: the last max
 * of the board) and put them in front; the selection stays on its
 * thread: 0 or -1. */
static int
threads_fetch_before(struct ui *ui, struct threads *t, size_t max)
{
	struct store_thread *prev = NULL;
	size_t n = 0, last;

	if (store_thread_list_before(ui_store(ui), &t->vw, t->board_id,
	    t->n > 0 ? &t->threads[0] : NULL, max, &prev, &n) != 0)
		return -1;
	prev = xreallocarray(prev, n + t->n + 1, sizeof(*prev));
	if (t->n > 0)
		memcpy(prev + n, t->threads, t->n * sizeof(*prev));
	free(t->threads);	/* the strings moved over */
	if (t->n == 0) {
		/* The last page: its place from the board's count (a
		 * moderator's list also has the waiting threads). */
		last = t->board.nthreads > 0 ? (size_t)t->board.nthreads : 0;
		t->base = last > n ? last - n : 0;
	} else
		t->base = t->base > n ? t->base - n : 0;
	t->threads = prev;
	t->n += n;
	t->less = n == max;
	if (!t->less)
		t->base = 0;
	t->list.n = t->n;
	t->list.sel += n;
	t->list.top += n;
	return 0;
}

/* (Re)load as many threads as were loaded, from the same place; the
 * selection stays on the same thread. */
static int
threads_load(struct ui *ui, struct threads *t)
{
	struct store *st = ui_store(ui);
	struct store_thread *prev = NULL, from;
	int64_t sel = t->n > 0 ? t->threads[t->list.sel].id : 0;
	size_t want = t->n > THREADS_CHUNK ? t->n : THREADS_CHUNK, i, np = 0;
	size_t base = t->base;
	int r = 0, rc;

	/* A window below the top starts after the thread above it. */
	memset(&from, 0, sizeof(from));
	if (t->less && (r = store_thread_list_before(st, &t->vw, t->board_id,
	    &t->threads[0], 1, &prev, &np)) == 0 && np == 1) {
		from.id = prev[0].id;
		from.pinned = prev[0].pinned;
		from.last_post_at = prev[0].last_post_at;
		from.last_post_id = prev[0].last_post_id;
	}
	store_thread_list_free(prev, np);
	threads_free(t);
	ui_list_init(&t->list, 0, 1);
	if ((t->rc = rc = r) != STORE_OK ||
	    (t->rc = rc = store_board_get(st, &t->vw, t->board_id,
	    &t->board)) != STORE_OK ||
	    (t->rc = rc = store_thread_list_after(st, &t->vw, t->board_id,
	    from.id != 0 ? &from : NULL, want, &t->threads, &t->n)) !=
	    STORE_OK) {
		ui_message(ui, "%s", screen_rc_text(ui, rc, "Ce forum n'est "
		    "pas lisible pour le moment."));
		threads_free(t);
		return -1;
	}
	t->more = t->n == want;
	t->list.n = t->n;
	if (from.id != 0) {
		t->base = base;
		t->less = 1;
	}
	for (i = 0; i < t->n; i++)
		if (t->threads[i].id == sel)
			t->list.sel = i;
	return 0;
}

/*
 * Near an end of what is loaded: read the next page that way. « Fin »
 * and « Début » with the end not loaded read the last (first) page in
 * place of the window.
 */
static void
threads_more(struct ui *ui, struct threads *t, int op,
    const struct ui_rect *r)
{
	size_t vis = r->h > 0 ? (size_t)r->h : 1;
	int rc = 0;

	if (op == OP_BOTTOM && t->more) {
		store_thread_list_free(t->threads, t->n);
		t->threads = NULL;
		t->n = 0;
		ui_list_init(&t->list, 0, 1);
		t->more = 0;
		rc = threads_fetch_before(ui, t, THREADS_CHUNK);
	} else if (op == OP_TOP && t->less) {
		store_thread_list_free(t->threads, t->n);
		t->threads = NULL;
		t->n = 0;
		ui_list_init(&t->list, 0, 1);
		t->base = 0;
		t->less = 0;
		rc = threads_fetch(ui, t, THREADS_CHUNK);
	} else if (t->more && t->list.sel + 2 * vis >= t->n &&
	    (op == OP_DOWN || op == OP_PAGE_DOWN))
		rc = threads_fetch(ui, t, THREADS_CHUNK);
	else if (t->less && t->list.sel < 2 * vis &&
	    (op == OP_UP || op == OP_PAGE_UP))
		rc = threads_fetch_before(ui, t, THREADS_CHUNK);
	if (rc != 0)
		ui_message(ui, "La suite des sujets n'a pas pu être lue.");
}

static int
threads_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct threads *t = xcalloc(1, sizeof(*t));

	ui_viewer(ui, &t->vw);
	t->board_id = *(int64_t *)arg;
	if (threads_load(ui, t) == -1) {
		free(t);
		return -1;
	}
	v->state = t;
	ui_view_set_title(v, t->board.title);
	return 0;
}

static void
threads_leave(struct ui *ui, struct ui_view *v)
{
	struct threads *t = v->state;

	threads_free(t);
	free(t);
}

static void
threads_status(struct ui_view *v)
{
	struct threads *t = v->state;
	char pos[32], un[32];

	if (t->more || t->less)
		snprintf(pos, sizeof(pos), "%zu/%lld", t->base +
		    t->list.sel + 1, (long long)t->board.nthreads);
	else
		ui_list_position(&t->list, pos, sizeof(pos));
	fmt_count(un, sizeof(un), t->board.unread);
	ui_view_set_status(v, "%s non lu%s · %s", un,
	    t->board.unread > 1 ? "s" : "", pos);
}

/* The list sits under the board's description. */
static struct ui_rect
threads_inner(const struct ui_rect *r)
{
	struct ui_rect in = { r->y + 1, r->x, r->h - 1, r->w };

	return in;
}

static void
threads_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct threads *t = v->state;
	struct ui_rect in = threads_inner(r);

	ui_list_layout(&t->list, &in);
	threads_status(v);
}

static void
threads_draw_item(int y, int x, int w, size_t i, int selected,
    const void *arg)
{
	const struct threads *t = arg;
	const struct store_thread *th = &t->threads[i];
	char date[32], count[48], marks[4];
	int right = 0, cw, used;

	marks[0] = th->unread > 0 ? '*' : ' ';
	marks[1] = th->state == THREAD_A_VALIDER ? '?' : th->pinned ? '!' :
	    th->locked ? '#' : ' ';
	marks[2] = ' ';
	marks[3] = '\0';
	ui_put(y, x + 1, 3, marks, th->unread > 0 ? A_BOLD : 0);

	/* From the right: counts, then date, then author, as room allows. */
	if (th->unread > 0)
		snprintf(count, sizeof(count), "%lld/%lld",
		    (long long)th->unread, (long long)th->nposts);
	else
		snprintf(count, sizeof(count), "%lld", (long long)th->nposts);
	cw = (int)txt_width(count);
	if (w >= 30) {
		ui_put(y, x + w - cw, cw, count, th->unread > 0 ? A_BOLD : 0);
		right = cw + 1;
	}
	if (w >= 56) {
		txt_date_list(date, sizeof(date), th->last_post_at, now_sec());
		cw = (int)txt_width(date);
		ui_put(y, x + w - right - 10, 10, date, 0);
		right += 11;
	}
	if (w >= 72) {
		ui_put(y, x + w - right - 18, 17, th->author_name, 0);
		right += 19;
	}
	used = 4;
	ui_put(y, x + used, w - used - right, th->title, selected ?
	    A_REVERSE : (th->unread > 0 ? A_BOLD : 0));
}

static void
threads_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct threads *t = v->state;
	struct ui_rect in = threads_inner(r);

	ui_put(r->y, r->x + 1, r->w - 1, t->board.description, A_DIM);
	if (t->n == 0 && t->rc != STORE_OK) {
		ui_put_wrapped(&in, 1, screen_rc_text(ui, t->rc, "Ce forum "
		    "n'existe plus ou ne vous est plus ouvert."), 0, 1);
		return;
	}
	if (t->n == 0) {
		ui_put_wrapped(&in, 1, t->board.can_post ? "Aucun sujet pour "
		    "le moment. N pour ouvrir le premier." : "Aucun sujet "
		    "pour le moment.", 0, 1);
		return;
	}
	ui_list_draw(&t->list, &in, threads_draw_item, t);
}

static void
threads_resume(struct ui *ui, struct ui_view *v)
{
	struct threads *t = v->state;
	struct ui_rect in = threads_inner(&v->laid_out);

	if (threads_load(ui, t) == -1) {
		ui_pop(ui);
		return;
	}
	ui_view_set_title(v, t->board.title);
	ui_list_layout(&t->list, &in);
	threads_status(v);
}

static void
threads_read_board_done(struct ui *ui, void *ctx, const char *text)
{
	struct ui_view *v = ctx;
	struct threads *t = v->state;

	if (text == NULL || (text[0] != 'o' && text[0] != 'O'))
		return;
	if (store_read_board(ui_store(ui), &t->vw, t->board_id) == 0) {
		threads_resume(ui, v);
		ui_message(ui, "Tout le forum est marqué comme lu.");
	}
}

/* A moderation result as a message. */
static void
threads_moderated(struct ui *ui, struct ui_view *v, int rc, const char *ok)
{
	if (rc == 0) {
		threads_resume(ui, v);
		ui_message(ui, "%s", ok);
	} else if (rc == STORE_FORBIDDEN)
		ui_message(ui, "Réservé à l'équipe de modération de ce forum.");
	else
		ui_message(ui, "%s", store_rc_text(rc));
}

static int
threads_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct threads *t = v->state;
	struct store_thread *th = t->n > 0 ? &t->threads[t->list.sel] : NULL;
	struct ui_rect in = threads_inner(&v->laid_out);
	struct compose_arg a;
	struct boards_pick pick;
	int rc;

	switch (op) {
	case OP_OPEN:
		if (th != NULL)
			ui_push(ui, &screen_thread, &th->id);
		return UI_HANDLED;
	case OP_VEILLE:		/* the board shown */
		veille_toggle(ui, &(struct veille_thing){ FOLLOW_BOARD,
		    t->board_id, NULL, t->board.title });
		return UI_HANDLED;
	case OP_NEXT_UNREAD:
		forum_next_unread(ui, t->board_id, th != NULL &&
		    th->unread == 0 ? th->id : 0, 0);
		return UI_HANDLED;
	case OP_NEW:
		if (!t->board.can_post || t->board.archived_at != 0) {
			ui_message(ui, "Vous ne pouvez pas ouvrir de sujet "
			    "dans ce forum.");
			return UI_HANDLED;
		}
		memset(&a, 0, sizeof(a));
		a.kind = DRAFT_THREAD;
		a.board_id = t->board_id;
		ui_push(ui, &screen_compose, &a);
		return UI_HANDLED;
	case OP_READ_THREAD:
		if (th != NULL &&
		    store_read_thread(ui_store(ui), &t->vw, th->id) == 0) {
			threads_resume(ui, v);
			ui_message(ui, "Sujet marqué comme lu.");
		}
		return UI_HANDLED;
	case OP_READ_BOARD:
		ui_prompt(ui, "Marquer tout le forum comme lu ? (o/n) ", "", 8,
		    threads_read_board_done, v);
		return UI_HANDLED;
	case OP_SEARCH:
		forum_search_prompt(ui);
		return UI_HANDLED;
	case OP_PIN:
		if (th == NULL)
			return UI_HANDLED;
		rc = store_thread_set_pinned(ui_store(ui), &t->vw, th->id,
		    !th->pinned);
		threads_moderated(ui, v, rc, th->pinned ? "Sujet détaché." :
		    "Sujet épinglé en tête du forum.");
		return UI_HANDLED;
	case OP_LOCK:
		if (th == NULL)
			return UI_HANDLED;
		rc = store_thread_set_locked(ui_store(ui), &t->vw, th->id,
		    !th->locked);
		threads_moderated(ui, v, rc, th->locked ? "Sujet rouvert." :
		    "Sujet verrouillé : plus de réponses.");
		return UI_HANDLED;
	case OP_MOVE:
		if (th == NULL)
			return UI_HANDLED;
		if (!t->board.can_moderate) {
			ui_message(ui, "Réservé à l'équipe de modération "
			    "de ce forum.");
			return UI_HANDLED;
		}
		pick.thread_id = th->id;
		pick.from_board = t->board_id;
		ui_push(ui, &screen_boards, &pick);
		return UI_HANDLED;
	case OP_APPROVE:
		if (th == NULL || th->state != THREAD_A_VALIDER) {
			ui_message(ui, "Ce sujet n'attend pas de validation.");
			return UI_HANDLED;
		}
		rc = store_thread_approve(ui_store(ui), &t->vw, th->id, 1,
		    NULL);
		threads_moderated(ui, v, rc, "Sujet validé : il est publié.");
		return UI_HANDLED;
	}
	threads_more(ui, t, op, &in);
	if (ui_list_handle(&t->list, op, &in) == UI_IGNORED)
		return UI_IGNORED;
	threads_more(ui, t, op, &in);
	threads_status(v);
	return UI_HANDLED;
}

static struct ui_list *
threads_menu(struct ui_view *v)
{
	struct threads *t = v->state;

	return &t->list;
}

static char *
threads_item(struct ui *ui, const struct ui_view *v, size_t i)
{
	const struct threads *t = v->state;
	const struct store_thread *th = &t->threads[i];
	char date[32], *s;

	txt_date_list(date, sizeof(date), th->last_post_at, now_sec());
	xasprintf(&s, "%s%s%s (%s, %s ; %lld message%s%s)",
	    th->unread > 0 ? "* " : "", th->pinned ? "[épinglé] " : "",
	    th->title, th->author_name, date, (long long)th->nposts,
	    th->nposts > 1 ? "s" : "", th->unread > 0 ? ", non lus" : "");
	return s;
}

const struct ui_screen screen_threads = {
	.name = "forum",
	.keys = threads_keys,
	.enter = threads_enter,
	.layout = threads_layout,
	.draw = threads_draw,
	.handle = threads_handle,
	.leave = threads_leave,
	.resume = threads_resume,
	.menu = threads_menu,
	.item = threads_item,
};
