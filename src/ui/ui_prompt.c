/*
 * ui_prompt.c - a one-line question on the status line (ui_prompt()).
 *
 * An overlay: the screen below stays as it was, the status line shows
 * the question and a field that scrolls sideways when the answer is
 * longer than the room left. A question that would leave the answer
 * less than half the line (« Garder le brouillon ? (o/n) » at 40
 * columns) goes on the rows just above, wrapped, and the answer gets
 * the whole status line: a question is never cut. The field is a
 * txt_edit that never wraps, so what the member types is cleaned like
 * any other text; a line break pasted into it becomes a space (the
 * answer is one line).
 *
 * The dialog pops itself before calling done(): done may then push a
 * screen, or ask another question, from a clean stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>

#include "text/txt.h"
#include "text/txt_edit.h"
#include "ui/ui.h"
#include "ui/ui_private.h"
#include "util/util.h"

#define PROMPT_LINE_MAX	4096	/* line mode: longest answer read */
#define PROMPT_ROWS_MAX	3	/* rows of a question above the answer */

struct prompt {
	char		*question;
	struct txt_edit	*edit;
	void		(*done)(struct ui *, void *, const char *);
	void		*ctx;
	int		 fieldw;	/* columns of the field */
	size_t		 hscroll;	/* first column shown */
	struct txt_line	*rows;		/* the question above the field, */
	size_t		 nrows;		/* or none: beside it */
	int		 secret;	/* shown as « * » (passwords) */
};

struct prompt_arg {
	const char	*question;
	const char	*initial;
	size_t		 max;
	void		(*done)(struct ui *, void *, const char *);
	void		*ctx;
	int		 secret;
};

enum { OP_PROMPT_OK = OP_SCREEN, OP_PROMPT_CANCEL };

static const struct ui_key prompt_keys[] = {
	{ '\r', OP_PROMPT_OK, "Entrée", "Valider", UI_KEY_BAR },
	{ UI_KEY_ESC, OP_PROMPT_CANCEL, "Échap", "Annuler", UI_KEY_BAR },
	{ UI_CTRL('G'), OP_PROMPT_CANCEL, "Ctrl-G", "Annuler", UI_KEY_NOHELP },
	UI_KEYS_END
};

static int	 prompt_enter(struct ui *, struct ui_view *, void *);
static void	 prompt_leave(struct ui *, struct ui_view *);
static void	 prompt_layout(struct ui *, struct ui_view *,
		    const struct ui_rect *);
static void	 prompt_draw(struct ui *, const struct ui_view *,
		    const struct ui_rect *);
static int	 prompt_handle(struct ui *, struct ui_view *, int, int);
static int	 prompt_input(struct ui *, struct ui_view *, const char *,
		    size_t);
static void	 prompt_scroll(struct prompt *);
static void	 prompt_finish(struct ui *, struct ui_view *, int);
static int	 prompt_ask(struct ui *, const char *, const char *, size_t,
		    void (*)(struct ui *, void *, const char *), void *, int);

const struct ui_screen ui_prompt_screen = {
	.name = "question",
	.keys = prompt_keys,
	.flags = UI_SCREEN_OVERLAY,
	.enter = prompt_enter,
	.layout = prompt_layout,
	.draw = prompt_draw,
	.handle = prompt_handle,
	.leave = prompt_leave,
	.input = prompt_input,
};

static int
prompt_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	const struct prompt_arg *a = arg;
	struct prompt *p = xcalloc(1, sizeof(*p));

	p->question = xstrdup(a->question);
	p->edit = txt_edit_new(a->max);
	txt_edit_set(p->edit, a->initial);
	p->done = a->done;
	p->ctx = a->ctx;
	p->secret = a->secret;
	p->fieldw = 20;
	v->state = p;
	return 0;
}

static void
prompt_leave(struct ui *ui, struct ui_view *v)
{
	struct prompt *p = v->state;

	if (p->secret)
		txt_edit_set(p->edit, "");
	txt_edit_free(p->edit);
	free(p->question);
	free(p->rows);
	free(p);
}

/* Keep the cursor inside the field, one cell from its right edge. */
static void
prompt_scroll(struct prompt *p)
{
	size_t row, col, w = p->fieldw > 2 ? (size_t)p->fieldw - 2 : 1;

	txt_edit_cursor_pos(p->edit, &row, &col);
	if (col < p->hscroll)
		p->hscroll = col > w / 2 ? col - w / 2 : 0;
	else if (col > p->hscroll + w)
		p->hscroll = col - w;
}

static void
prompt_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct prompt *p = v->state;
	int qw = (int)txt_width(p->question) + 1;

	free(p->rows);
	p->rows = NULL;
	p->nrows = 0;
	if (qw <= r->w / 2)
		p->fieldw = r->w - qw;
	else {
		/* Above the answer, as many rows as it needs (a few). */
		p->nrows = txt_wrap(p->question, strlen(p->question),
		    (size_t)r->w, &p->rows);
		if (p->nrows > PROMPT_ROWS_MAX)
			p->nrows = PROMPT_ROWS_MAX;
		if ((int)p->nrows > r->h)
			p->nrows = (size_t)r->h;
		p->fieldw = r->w;
	}
	txt_edit_layout(p->edit, 0);
	prompt_scroll(p);
}

static void
prompt_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct prompt *p = v->state;
	const char *text = txt_edit_text(p->edit);
	size_t len = txt_edit_len(p->edit), off, skipped, w2, row, col;
	int y = r->y + r->h, x, qw = r->w - p->fieldw, top;
	size_t i;

	mvhline(y, r->x, ' ', r->w);
	if (p->nrows > 0) {
		top = y - (int)p->nrows;
		for (i = 0; i < p->nrows; i++) {
			mvhline(top + (int)i, r->x, ' ', r->w);
			ui_putn(top + (int)i, r->x, r->w, p->question +
			    p->rows[i].off, p->rows[i].len, A_BOLD);
		}
	} else
		ui_put(y, r->x, qw - 1, p->question, A_BOLD);
	x = r->x + qw;
	if (p->secret) {
		/* One star a character, the field never scrolls. */
		for (off = 0, col = 0; off < len && (int)col < p->fieldw - 1;
		    off++)
			if (((unsigned char)text[off] & 0xc0) != 0x80)
				ui_put(y, x + (int)col++, 1, "*", A_UNDERLINE);
		ui_show_cursor(ui, y, x + (int)col);
		return;
	}
	/* Skip hscroll columns; a wide character cut in two shows a space. */
	off = txt_fit(text, len, p->hscroll, &skipped);
	if (skipped < p->hscroll && off < len) {
		off += txt_fit(text + off, len - off, 2, &w2);
		skipped += w2;
	}
	ui_putn(y, x + (int)(skipped - p->hscroll), p->fieldw -
	    (int)(skipped - p->hscroll), text + off, len - off, A_UNDERLINE);
	txt_edit_cursor_pos(p->edit, &row, &col);
	ui_show_cursor(ui, y, x + (int)(col - p->hscroll));
}

/* Pop the dialog, then tell its owner: text, or NULL if cancelled. */
static void
prompt_finish(struct ui *ui, struct ui_view *v, int ok)
{
	struct prompt *p = v->state;
	void (*done)(struct ui *, void *, const char *) = p->done;
	void *ctx = p->ctx;
	char *text = ok ? xstrdup(txt_edit_text(p->edit)) : NULL;
	int secret = p->secret;

	ui_pop(ui);
	done(ui, ctx, text);
	if (text != NULL && secret)
		explicit_bzero(text, strlen(text));
	free(text);
}

static int
prompt_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct prompt *p = v->state;
	struct txt_edit *e = p->edit;

	switch (op) {
	case OP_PROMPT_OK:
		prompt_finish(ui, v, 1);
		return UI_HANDLED;
	case OP_PROMPT_CANCEL:
	case OP_QUIT:		/* Ctrl-C cancels the question only */
		prompt_finish(ui, v, 0);
		return UI_HANDLED;
	default:
		break;
	}
	if (key == UI_FN(KEY_RESIZE))
		return UI_IGNORED;
	/* No other key means anything here (not the screen's). */
	if (ui_edit_key(e, key, UI_EDIT_LINE) < 0)
		return UI_HANDLED;
	prompt_scroll(p);
	return UI_HANDLED;
}

static int
prompt_input(struct ui *ui, struct ui_view *v, const char *s, size_t n)
{
	struct prompt *p = v->state;
	char *line = xmalloc(n + 1);
	size_t i;
	int rc;

	/* One line: a pasted line break is a space. */
	for (i = 0; i < n; i++)
		line[i] = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
	rc = txt_edit_insert(p->edit, line, n);
	free(line);
	if (rc == TXT_EDIT_FULL)
		ui_message(ui, "Réponse trop longue : la fin n'a pas été "
		    "insérée.");
	prompt_scroll(p);
	return rc;
}

int
ui_prompt(struct ui *ui, const char *question, const char *initial,
    size_t max, void (*done)(struct ui *, void *, const char *), void *ctx)
{
	return prompt_ask(ui, question, initial, max, done, ctx, 0);
}

int
ui_prompt_secret(struct ui *ui, const char *question, size_t max,
    void (*done)(struct ui *, void *, const char *), void *ctx)
{
	return prompt_ask(ui, question, "", max, done, ctx, 1);
}

static int
prompt_ask(struct ui *ui, const char *question, const char *initial,
    size_t max, void (*done)(struct ui *, void *, const char *), void *ctx,
    int secret)
{
	struct prompt_arg a;
	struct termios old, quiet;
	char *buf, *q;
	size_t size;
	int rc, echo_off = 0;

	if (ui_line_mode(ui)) {
		size = max == 0 || max > PROMPT_LINE_MAX ? PROMPT_LINE_MAX :
		    max;
		buf = xmalloc(size + 1);
		xasprintf(&q, "%s ", question);
		/* The pty echoes what is typed: not a password. */
		if (secret && tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			echo_off = tcsetattr(STDIN_FILENO, TCSANOW,
			    &quiet) == 0;
		}
		rc = ui_line_read(ui, q, buf, size + 1);
		if (echo_off) {
			tcsetattr(STDIN_FILENO, TCSANOW, &old);
			printf("\r\n");
			fflush(stdout);
		}
		free(q);
		done(ui, ctx, rc == 0 ? buf : NULL);
		explicit_bzero(buf, size + 1);
		free(buf);
		return 0;
	}
	a.question = question;
	a.initial = initial;
	a.max = max;
	a.done = done;
	a.ctx = ctx;
	a.secret = secret;
	return ui_push(ui, &ui_prompt_screen, &a);
}
