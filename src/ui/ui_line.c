/*
 * ui_line.c - line mode: the same screens for a terminal that cannot move
 * its cursor (TERM=dumb, a teleprinter-like client, a screen reader), or
 * for a member who asks for it in « Affichage ».
 *
 * Nothing here addresses the cursor: lines are printed one after the
 * other and the terminal's own line discipline edits what the member
 * types (canonical mode, echo). Menus are numbered; texts are read page by
 * page with a « --Suite-- » prompt; other screens print a few paragraphs
 * and the keys they take. What the member types goes through the same
 * key tables as in full-screen mode (ui_dispatch), so every screen keeps
 * one behaviour. Text passes through the member's charset like anywhere
 * else.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <unistr.h>

#include "config.h"
#include "text/txt.h"
#include "ui/ui.h"
#include "ui/ui_private.h"
#include "util/util.h"

#define LINE_MAX_INPUT	256
#define LINE_MAX_TEXT	4096	/* a line of a message being written */

static int line_cols = 80;
static int line_rows = 24;

static void	 line_size(void);
static void	 line_print(const char *);
static void	 line_wrapped(const char *);
static void	 line_title(struct ui *, const struct ui_view *);
static void	 line_menu(struct ui *, struct ui_view *);
static void	 line_text(struct ui *, struct ui_view *);
static void	 line_plain(struct ui *, struct ui_view *);
static void	 line_quit(struct ui *);
static void	 line_input(struct ui *, struct ui_view *);
static char	*line_keys(const struct ui_view *);
static void	 line_dispatch(struct ui *, const char *);

/* The terminal's size, as the pty knows it (80x24 if it does not). */
static void
line_size(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    ws.ws_row > 0) {
		line_cols = ws.ws_col < 20 ? 20 : ws.ws_col;
		line_rows = ws.ws_row < 4 ? 4 : ws.ws_row;
	}
}

/* One line of clean text, as the member's charset shows it. */
static void
line_print(const char *s)
{
	char *shown;
	size_t n;

	shown = txt_charset_apply(s, strlen(s), &n);
	fwrite(shown, 1, n, stdout);
	fputc('\n', stdout);
	free(shown);
}

/* A paragraph wrapped to the terminal's width. */
static void
line_wrapped(const char *s)
{
	struct txt_line *lines;
	size_t n, i;
	char *part;

	n = txt_wrap(s, strlen(s), (size_t)line_cols - 1, &lines);
	for (i = 0; i < n; i++) {
		part = xstrndup(s + lines[i].off, lines[i].len);
		line_print(part);
		free(part);
	}
	free(lines);
}

/*
 * Ask and read one line (without its newline) into buf. Returns 0, or -1
 * when the session ends (hang-up, server stop, idle timeout).
 */
int
ui_line_read(struct ui *ui, const char *prompt, char *buf, size_t size)
{
	char *shown, *clean;
	size_t n = 0;
	ssize_t r;
	int64_t limit = (int64_t)ui->cfg->idle_timeout * 60 * 1000, left;
	char *notices, *line, *nl;

	/* The member's notices since the last prompt, one line each. */
	notices = ui_session_notice_lines(ui);
	for (line = notices; (nl = strchr(line, '\n')) != NULL;
	    line = nl + 1) {
		*nl = '\0';
		line_print(line);
	}
	free(notices);
	shown = txt_charset_apply(prompt, strlen(prompt), &n);
	fwrite(shown, 1, n, stdout);
	free(shown);
	fflush(stdout);
	n = 0;
	while (n + 1 < size) {
		left = limit > 0 ? ui->last_key + limit - mono_ms() : -1;
		if (ui_stopping())
			return -1;
		if (ui_mail_take()) {
			/* The sysop: a kick ends here, an announcement is
			 * one line (what was typed stays in the tty). The
			 * member's notices wait for the next prompt. */
			ui_session_mail(ui);
			if (ui->kicked)
				return -1;
			if (ui_session_notice(ui) != NULL) {
				line_print("");
				line_print(ui->notice);
				ui->notice_until = 0;
			}
		}
		if (limit > 0 && left <= 0) {
			ui->idle_out = 1;
			return -1;
		}
		if (!ui_wait_input(STDIN_FILENO, ui_idle_wait(ui, limit <= 0 ?
		    -1 : left > INT_MAX ? INT_MAX : (int)left), NULL, 0)) {
			ui_idle_release(ui);
			continue;
		}
		if ((r = read(STDIN_FILENO, buf + n, 1)) <= 0) {
			if (r == -1 && errno == EINTR)
				continue;
			return -1;
		}
		ui->last_key = mono_ms();
		ui->released = 0;
		ui_session_key(ui);
		if (buf[n] == '\n' || buf[n] == '\r')
			break;
		n++;
	}
	buf[n] = '\0';
	/* What was typed is text like any other. */
	clean = txt_clean(buf, n, 0, size - 1, NULL);
	snprintf(buf, size, "%s", clean);
	free(clean);
	return 0;
}

/* « == Site › Écran == » and the pending message. */
static void
line_title(struct ui *ui, const struct ui_view *v)
{
	char *t;

	line_size();
	fputc('\n', stdout);
	if (v->title != NULL && v->title[0] != '\0')
		xasprintf(&t, "== %s › %s ==", ui->cfg->site_short_name[0] !=
		    '\0' ? ui->cfg->site_short_name : ui->cfg->site_name,
		    v->title);
	else
		xasprintf(&t, "== %s ==", ui->cfg->site_name);
	line_wrapped(t);
	free(t);
	if (ui->message[0] != '\0') {
		line_wrapped(ui->message);
		ui->message[0] = '\0';
	}
}

/* The keys of the help bar, as words: « Entrée : Continuer ; q : Retour ». */
static char *
line_keys(const struct ui_view *v)
{
	const struct ui_key *tables[2] = { v->screen->keys, ui_global_keys };
	const struct ui_key *k;
	struct buf b;
	int t;

	buf_init(&b);
	for (t = 0; t < 2; t++) {
		for (k = tables[t]; k != NULL && k->key != 0; k++) {
			if (!(k->flags & UI_KEY_BAR) || k->name == NULL)
				continue;
			/* Arrows mean nothing without a cursor. */
			if (k->op == OP_UP || k->op == OP_DOWN)
				continue;
			buf_printf(&b, "%s%s : %s", b.len > 0 ? " ; " : "",
			    k->name, k->label);
		}
	}
	return buf_detach(&b);
}

/* Turn what was typed into a key for ui_dispatch. */
static void
line_dispatch(struct ui *ui, const char *in)
{
	if (in[0] == '\0')
		ui_dispatch(ui, '\r');
	else if (strcmp(in, "Entrée") == 0)
		ui_dispatch(ui, '\r');
	else {
		ucs4_t uc;

		/* The first character is the key: « q », « ? », « c »... */
		if (u8_mbtouc(&uc, (const uint8_t *)in, strlen(in)) > 0)
			ui_dispatch(ui, (int)uc);
	}
}

/*
 * A numbered menu; a number opens an entry. Entries keep the numbers
 * their screen gives them (Accueil: « Mon profil » is 8 whatever comes
 * before it); those without one follow from 10.
 */
static void
line_menu(struct ui *ui, struct ui_view *v)
{
	struct ui_list *l = v->screen->menu(v);
	char in[LINE_MAX_INPUT], *item, *line, *prompt;
	int *num, next = 10, top = 0;
	size_t i;
	char *end;
	long k;
	int rc;

	line_title(ui, v);
	num = xcalloc(l->n > 0 ? l->n : 1, sizeof(*num));
	for (i = 0; i < l->n; i++) {
		num[i] = v->screen->number != NULL ? v->screen->number(v, i) :
		    (int)i + 1;
		if (num[i] == 0)
			num[i] = next++;
		top = num[i] > top ? num[i] : top;
		item = v->screen->item(ui, v, i);
		if (num[i] < 0)
			xasprintf(&line, "    %s", item);	/* a heading */
		else
			xasprintf(&line, "%2d. %s", num[i], item);
		line_wrapped(line);
		free(line);
		free(item);
	}
	xasprintf(&prompt, "Votre choix (1 à %d ; q : retour ; ? : aide) : ",
	    top);
	rc = ui_line_read(ui, prompt, in, sizeof(in));
	free(prompt);
	if (rc != 0)
		goto out;
	k = strtol(in, &end, 10);
	if (in[0] != '\0' && *end == '\0') {
		for (i = 0; i < l->n && (num[i] != k || k < 1); i++)
			/* nothing */;
		if (i == l->n) {
			ui_message(ui, "Pas de choix n° %ld.", k);
			goto out;
		}
		l->sel = i;
		ui_dispatch(ui, '\r');
		goto out;
	}
	if (in[0] == '\0')
		goto out;	/* show the menu again */
	line_dispatch(ui, in);
out:
	free(num);
}

/* A text, page by page, with « --Suite-- » between pages. */
static void
line_text(struct ui *ui, struct ui_view *v)
{
	struct ui_pager *p = v->screen->text(v);
	struct ui_rect r;
	char in[LINE_MAX_INPUT], *line;
	size_t i, shown = 0;

	line_title(ui, v);
	r.y = r.x = 0;
	r.w = line_cols - 1;
	r.h = line_rows - 1;
	ui_pager_layout(p, &r);
	for (i = 0; i < p->nlines; i++) {
		line = ui_pager_line_text(p, i);
		line_print(line);
		free(line);
		if (++shown >= (size_t)line_rows - 2 && i + 1 < p->nlines) {
			if (ui_line_read(ui, "--Suite-- (Entrée : suite ; q : "
			    "arrêter) ", in, sizeof(in)) != 0)
				return;
			if (in[0] == 'q' || in[0] == 'Q')
				break;
			shown = 0;
		}
	}
	if (ui_line_read(ui, "(Fin) Entrée : retour ; ? : aide ", in,
	    sizeof(in)) != 0)
		return;
	line_dispatch(ui, in[0] == '\0' ? "q" : in);
}

/* A few paragraphs, then the screen's keys. */
static void
line_plain(struct ui *ui, struct ui_view *v)
{
	char in[LINE_MAX_INPUT], *text, *keys, *prompt, *para, *save = NULL;

	line_title(ui, v);
	text = v->screen->plain(ui, v);
	for (para = strtok_r(text, "\n", &save); para != NULL;
	    para = strtok_r(NULL, "\n", &save))
		line_wrapped(para);
	free(text);
	keys = line_keys(v);
	xasprintf(&prompt, "(%s) ", keys);
	free(keys);
	if (ui_line_read(ui, prompt, in, sizeof(in)) == 0)
		line_dispatch(ui, in);
	free(prompt);
}

/*
 * A screen that takes text (compose): its paragraphs, then every line the
 * member types goes to input() with its newline. A line with only « . »
 * is Ctrl-X (send), « ~q » leaves the screen (its leave() keeps what was
 * written as a draft).
 */
static void
line_input(struct ui *ui, struct ui_view *v)
{
	char *in, *text, *para, *save = NULL;
	size_t len;

	line_title(ui, v);
	if (v->screen->plain != NULL) {
		text = v->screen->plain(ui, v);
		for (para = strtok_r(text, "\n", &save); para != NULL;
		    para = strtok_r(NULL, "\n", &save))
			line_wrapped(para);
		free(text);
	}
	line_wrapped("Tapez votre texte ligne par ligne. Une ligne avec "
	    "seulement « . » envoie ; « ~q » quitte en gardant le "
	    "brouillon.");
	in = xmalloc(LINE_MAX_TEXT + 2);
	while (!ui->quit && !ui_stopping() && ui->nviews > 0 &&
	    ui->views[ui->nviews - 1] == v) {
		if (ui_line_read(ui, "", in, LINE_MAX_TEXT) != 0)
			break;
		if (strcmp(in, ".") == 0) {
			ui_dispatch(ui, UI_CTRL('X'));
			break;
		}
		if (strcmp(in, "~q") == 0) {
			ui_pop(ui);
			break;
		}
		len = strlen(in);
		in[len++] = '\n';
		in[len] = '\0';
		ui_dispatch_text(ui, in, len);
		/* No timer between lines: the view saves as it sees fit. */
		if (v->screen->tick != NULL)
			v->screen->tick(ui, v);
		if (ui->message[0] != '\0') {
			line_wrapped(ui->message);
			ui->message[0] = '\0';
		}
	}
	free(in);
}

/* « Quitter Palabre ? » */
static void
line_quit(struct ui *ui)
{
	char in[LINE_MAX_INPUT];

	if (ui_line_read(ui, "Quitter Palabre ? (o : oui ; n : non) ", in,
	    sizeof(in)) != 0)
		return;
	ui_dispatch(ui, in[0] == 'o' || in[0] == 'O' ? 'o' : 'n');
}

void
ui_line_run(struct ui *ui)
{
	struct termios old, t;
	struct ui_view *v;
	int have_tty;

	/* The line discipline edits and echoes what the member types. */
	have_tty = tcgetattr(STDIN_FILENO, &old) == 0;
	if (have_tty) {
		t = old;
		t.c_lflag |= ICANON | ECHO | ECHOE | ECHOK;
		t.c_lflag &= ~(tcflag_t)ISIG;
		t.c_iflag |= ICRNL;
		t.c_oflag |= OPOST | ONLCR;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	line_print("");
	line_wrapped("Mode ligne : tapez un numéro ou une lettre, puis "
	    "Entrée. « q » revient en arrière, « ? » affiche l'aide.");
	while (!ui->quit && !ui_stopping() && !ui->switch_mode &&
	    !ui->idle_out && ui->nviews > 0) {
		v = ui->views[ui->nviews - 1];
		ui_session_update(ui);
		if (v->screen == ui_frame_screens.quit)
			line_quit(ui);
		else if (v->screen->line != NULL) {
			line_title(ui, v);
			v->screen->line(ui, v);
		} else if (v->screen->input != NULL)
			line_input(ui, v);
		else if (v->screen->menu != NULL && v->screen->item != NULL)
			line_menu(ui, v);
		else if (v->screen->text != NULL)
			line_text(ui, v);
		else if (v->screen->plain != NULL)
			line_plain(ui, v);
		else
			ui_dispatch(ui, 'q');
	}
	fflush(stdout);
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
}
