/*
 * ui.c - the interface's main loop, the view stack and the frame (title
 * bar, status line, help bar) around every screen.
 *
 * One process runs one member's interface on one terminal: behind SSH the
 * session process execs us on a pty slave ("palabre-ui --session", or
 * "palabre local --session" where no palabre-ui sits beside palabre);
 * "palabre local" runs us on the sysop's own terminal. The locale is
 * always C.UTF-8, whatever the client sent; an unknown TERM falls back to
 * vt100. The terminal is in raw mode: ^C and ^Z are keys here, never
 * signals that would strand a session.
 *
 * Signals: SIGHUP and SIGTERM (the client vanished, the server stops) end
 * the loop at once; views are left so they can save what the member was
 * typing. SIGUSR1 (the sysop reloaded the configuration) re-reads it:
 * behind SSH the listener's validated copy, never palabre.conf itself.
 * SIGUSR2: the sysop kicked us or made an announcement, or something was
 * written for our member (ui_session.c).
 * SIGWINCH is ncurses' own: it becomes KEY_RESIZE.
 *
 * Keys waiting in the input buffer are all handled before the next
 * redraw, so a member on a slow link who types five keys gets one screen
 * update, not five. For a screen that takes text (input()), printable
 * characters waiting are gathered into one UTF-8 buffer and handed over
 * in one call; a bracketed paste ("\033[200~" ... "\033[201~") is text
 * to the end, Entrée and Tab included. A paste of a megabyte is so a
 * handful of calls of UI_GATHER bytes, never a million keys.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <poll.h>
#include <termios.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <unistr.h>

#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "ui/ui.h"
#include "ui/ui_private.h"
#include "util/notice.h"
#include "util/util.h"

#define UI_MIN_COLS	40
#define UI_MIN_ROWS	12
#define UI_TYPEAHEAD	64	/* keys handled before a forced redraw */
#define UI_IDLE_WARNING	60000	/* ms of warning before the idle logout */
#define UI_RELEASE_MS	1000	/* ms without a key: give memory back */
#define UI_PROBE_MS	500	/* wait for the terminal's position report */
#define UI_GATHER	(64 * 1024)	/* bytes of text per input() call */
#define UI_UTF8_MS	100	/* wait for the rest of a UTF-8 character */



const struct ui_key ui_global_keys[] = {
	{ 'q', OP_BACK, "q", "Retour", UI_KEY_BAR },
	{ UI_FN(KEY_LEFT), OP_BACK, "←", "Retour", UI_KEY_NOHELP },
	{ '?', OP_HELP, "?", "Aide", UI_KEY_BAR },
	{ UI_FN(KEY_F(1)), OP_HELP, "F1", "Aide", UI_KEY_NOHELP },
	{ UI_CTRL('L'), OP_REDRAW, "Ctrl-L", "Redessiner l'écran", 0 },
	{ 'Q', OP_QUIT, "Q", "Quitter Palabre", 0 },
	{ UI_CTRL('C'), OP_QUIT, "Ctrl-C", "Quitter Palabre", UI_KEY_NOHELP },
	UI_KEYS_END
};

static volatile sig_atomic_t ui_hangup;
static volatile sig_atomic_t ui_reload;
static volatile sig_atomic_t ui_terminate;	/* the server stops */
static volatile sig_atomic_t ui_mail;		/* SIGUSR2: the sysop */
static int ui_lines_ascii;	/* frames with + - |: one UI per process */

static void	 ui_on_signal(int);
static int	 ui_terminal(struct ui *);
static void	 ui_draw(struct ui *);
static void	 ui_draw_frame(struct ui *, int, int);
static void	 ui_draw_helpbar(struct ui *, int, int);
static int	 ui_read_raw(int *);
static int	 ui_skip_escape(void);
static void	 ui_resized(int);
static int	 ui_is_text(struct ui *, int);
static int	 ui_gather(struct ui *, int, int *);
static int	 ui_takes_text(struct ui *);
static void	 ui_resume_top(struct ui *);
static int	 ui_run_tick(struct ui *, int, int *);
static void	 ui_keys_define(void);
static void	 ui_curses_end(void);
static void	 ui_bracketed_paste(int);
static void	 ui_cursor_apply(struct ui *);
static void	 ui_view_free(struct ui *, struct ui_view *);
static void	 ui_reload_config(struct ui *);
static int	 ui_too_small(void);
static int	 ui_wait_ms(struct ui *);
static int	 ui_curses_run(struct ui *, int *);
static int	 ui_linemode_wanted(struct ui *);
static int	 ui_keeps_prefs(struct ui *);
static int	 ui_who(struct ui *, const char *, const struct ui_screen **);
static void	 ui_dispatch_key(struct ui *, int);
static void	 ui_idle_open(struct ui *);

/* Preferences belong to a member: not to the sign-up form, nor to the
 * guest account that every visitor shares. */
static int
ui_keeps_prefs(struct ui *ui)
{
	return ui->member.id != 0 && ui->member.role != ROLE_INVITE;
}

/* Sign-up and guest sessions take no secret: they get the shorter idle
 * timeout of [signup], so that nobody holds them for an hour. */
static void
ui_idle_open(struct ui *ui)
{
	struct config *c = ui->cfg;

	if (ui->member.login == NULL ||
	    (strcmp(ui->member.login, CONFIG_SIGNUP_LOGIN) != 0 &&
	    strcmp(ui->member.login, CONFIG_GUEST_LOGIN) != 0))
		return;
	if (c->open_idle_timeout > 0 && (c->idle_timeout == 0 ||
	    c->open_idle_timeout < c->idle_timeout))
		c->idle_timeout = c->open_idle_timeout;
}

/*
 * Who is at the terminal, and the first screen: a member (welcome), the
 * sign-up form (no member yet: id 0) or a guest (the shared account
 * « invite », made on first use, role invité: read-only). 0, or -1 with
 * a message printed.
 */
static int
ui_who(struct ui *ui, const char *login, const struct ui_screen **first)
{
	struct store_member *m = &ui->member;
	int rc;

	*first = ui_frame_screens.welcome;
	if (ui->cfg->signup && strcmp(login, CONFIG_SIGNUP_LOGIN) == 0) {
		m->login = xstrdup(login);
		m->display_name = xstrdup("Inscription");
		m->organisation = xstrdup("");
		m->role = ROLE_INVITE;
		m->status = STATUS_ACTIF;
		*first = ui_frame_screens.signup;
		return 0;
	}
	if (ui->cfg->guest && strcmp(login, CONFIG_GUEST_LOGIN) == 0 &&
	    store_member_by_login(ui->store, login, m) == STORE_NOT_FOUND) {
		m->login = xstrdup(login);
		m->display_name = xstrdup("Invité");
		m->organisation = xstrdup("");
		m->role = ROLE_INVITE;
		m->status = STATUS_ACTIF;
		if (store_member_insert(ui->store, m) != 0)
			store_member_clear(m);
		else
			return 0;
	}
	if (m->login == NULL && (rc = store_member_by_login(ui->store, login,
	    m)) != STORE_OK) {
		if (rc == STORE_NOT_FOUND)
			fprintf(stderr, "palabre : aucun membre actif « %s "
			    "»\r\n", login);
		else
			fprintf(stderr, "palabre : %s\r\n",
			    store_rc_say(ui->store, rc));
		return -1;
	}
	if (m->status == STATUS_EN_ATTENTE) {
		fprintf(stderr, "\r\nVotre inscription attend encore l'accord "
		    "de l'équipe de modération : vous pourrez vous connecter "
		    "dès qu'elle sera validée.\r\n");
		return -1;
	}
	if (m->status != STATUS_ACTIF) {
		fprintf(stderr, "palabre : aucun membre actif « %s »\r\n",
		    login);
		return -1;
	}
	return 0;
}
static void	 ui_cap_strip(const char *, const char *);
static int	 ui_probe_charset(void);
static void	 ui_charset_init(struct ui *);
static void	 ui_charset_marker(struct ui *);

static void
ui_on_signal(int sig)
{
	if (sig == SIGUSR1)
		ui_reload = 1;
	else if (sig == SIGUSR2)
		ui_mail = 1;
	else if (sig == SIGTERM)
		ui_terminate = 1;
	else
		ui_hangup = 1;
}

int
ui_mail_take(void)
{
	if (!ui_mail)
		return 0;
	ui_mail = 0;
	return 1;
}

/* 1 if the terminal is below the minimum size. */
static int
ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}

struct store *
ui_store(struct ui *ui)
{
	return ui->store;
}

const struct store_member *
ui_member(struct ui *ui)
{
	return &ui->member;
}

const struct config *
ui_config(struct ui *ui)
{
	return ui->cfg;
}

int64_t
ui_previous_login(struct ui *ui)
{
	return ui->previous_login;
}

void
ui_viewer(struct ui *ui, struct store_viewer *vw)
{
	memset(vw, 0, sizeof(*vw));
	vw->member_id = ui->member.id;
	vw->login = ui->member.login;
	vw->role = (int)ui->member.role;
	vw->since = ui->previous_login;
}

void
ui_show_cursor(struct ui *ui, int y, int x)
{
	ui->cursor_want = 1;
	ui->cursor_y = y;
	ui->cursor_x = x;
}

void
ui_view_set_title(struct ui_view *v, const char *title)
{
	free(v->title);
	v->title = xstrdup(title);
}

void
ui_view_set_status(struct ui_view *v, const char *fmt, ...)
{
	va_list ap;

	free(v->status);
	va_start(ap, fmt);
	xvasprintf(&v->status, fmt, ap);
	va_end(ap);
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	va_end(ap);
}

void
ui_draft_status(struct ui *ui, int rc)
{
	char was = ui->draft_fault[0];

	/* Logged when it starts and ends, not at each retry. */
	if (rc == 0) {
		if (was != '\0')
			log_info("brouillon de nouveau enregistré (membre "
			    "%lld)", (long long)ui->member.id);
		ui->draft_fault[0] = '\0';
		return;
	}
	snprintf(ui->draft_fault, sizeof(ui->draft_fault),
	    "Brouillon non enregistré : %s", rc == STORE_DRAFT_SENT ?
	    "il a déjà été envoyé" : store_fault_label(store_fault(ui->store)));
	if (was != '\0')
		return;
	log_warn("%s (membre %lld)", ui->draft_fault,
	    (long long)ui->member.id);
	/* Said once as a message too: line mode prints messages only. */
	ui_message(ui, "%s. Votre texte est gardé à l'écran.",
	    ui->draft_fault);
}

const struct ui_view *
ui_view_below(struct ui *ui, const struct ui_view *v)
{
	int i;

	for (i = ui->nviews - 1; i > 0; i--)
		if (ui->views[i] == v)
			return ui->views[i - 1];
	return NULL;
}

int
ui_key_op(const struct ui_screen *s, int key)
{
	const struct ui_key *k;

	for (k = s->keys; k != NULL && k->key != 0; k++)
		if (k->key == key)
			return k->op;
	for (k = ui_global_keys; k->key != 0; k++)
		if (k->key == key)
			return k->op;
	return OP_NONE;
}

int
ui_push(struct ui *ui, const struct ui_screen *s, void *arg)
{
	struct ui_view *v;

	if (ui->nviews == UI_MAX_VIEWS) {
		ui_message(ui, "Trop d'écrans ouverts : revenez en arrière "
		    "avec q.");
		return -1;
	}
	v = xcalloc(1, sizeof(*v));
	v->screen = s;
	v->title = xstrdup("");
	if (s->enter != NULL && s->enter(ui, v, arg) == -1) {
		free(v->title);
		free(v->status);
		free(v);
		return -1;
	}
	ui->views[ui->nviews++] = v;
	return 0;
}

/* Leave and free a view. */
static void
ui_view_free(struct ui *ui, struct ui_view *v)
{
	if (ui->tick_view == v)
		ui->tick_view = NULL;
	if (v->screen->leave != NULL)
		v->screen->leave(ui, v);
	free(v->title);
	free(v->status);
	free(v);
}

void
ui_pop(struct ui *ui)
{
	if (ui->nviews <= 1) {
		/* Going back from the last screen means leaving: ask. */
		if (ui->nviews == 1 && ui->views[0]->screen != ui_frame_screens.quit)
			ui_push(ui, ui_frame_screens.quit, NULL);
		return;
	}
	ui_view_free(ui, ui->views[--ui->nviews]);
	ui->draft_fault[0] = '\0';
	ui_resume_top(ui);
}

/* The view on top again after the ones above it went away. */
static void
ui_resume_top(struct ui *ui)
{
	struct ui_view *top;

	if (ui->nviews == 0)
		return;
	top = ui->views[ui->nviews - 1];
	if (top->screen->resume != NULL)
		top->screen->resume(ui, top);
}

int
ui_replace(struct ui *ui, const struct ui_screen *s, void *arg)
{
	struct ui_view *old;

	if (ui->nviews == 0)
		return ui_push(ui, s, arg);
	old = ui->views[--ui->nviews];
	if (ui_push(ui, s, arg) == -1) {
		ui->views[ui->nviews++] = old;
		return -1;
	}
	ui_view_free(ui, old);
	return 0;
}

void
ui_quit(struct ui *ui)
{
	ui->quit = 1;
}

/*
 * SIGUSR1: the sysop reloaded the configuration. Behind SSH, what the
 * listener validated (its copy in run_dir), never palabre.conf itself;
 * the database and run directory stay as they were (config_take).
 */
static void
ui_reload_config(struct ui *ui)
{
	struct config fresh;
	int i, rc;

	if (ui->flags & UI_PASSED)
		rc = config_snapshot_load(&fresh, ui->cfg->run_dir,
		    ui->config_path, NULL);
	else if (ui->config_path != NULL)
		rc = config_load(&fresh, ui->config_path, NULL);
	else
		return;
	if (rc != 0)
		return;
	config_take(ui->cfg, &fresh);
	ui_idle_open(ui);
	ui->full_redraw = 1;
	/* Boards may have come or gone: every view re-reads. */
	for (i = 0; i < ui->nviews; i++)
		if (ui->views[i]->screen->resume != NULL)
			ui->views[i]->screen->resume(ui, ui->views[i]);
}

/* Title bar and status line around the views. */
static void
ui_draw_frame(struct ui *ui, int rows, int cols)
{
	const struct ui_view *top = ui->views[ui->nviews - 1];
	const struct ui_view *base = top;
	const char *who = ui->member.display_name, *site;
	char *title;
	int i, wwho;

	for (i = ui->nviews - 1; i > 0; i--) {
		if (!(ui->views[i]->screen->flags & UI_SCREEN_OVERLAY))
			break;
	}
	base = ui->views[i];

	/*
	 * Row 0: « Site › Écran » on the left, the member on the right.
	 * When that does not fit: the short site name, then the screen
	 * title alone; the member's name goes first.
	 */
	site = ui->cfg->site_name;
	wwho = who != NULL ? (int)txt_width(who) : 0;
	if (base->title[0] != '\0')
		xasprintf(&title, "%s › %s", site, base->title);
	else
		title = xstrdup(site);
	if ((int)txt_width(title) > cols && ui->cfg->site_short_name[0] != '\0') {
		free(title);
		site = ui->cfg->site_short_name;
		if (base->title[0] != '\0')
			xasprintf(&title, "%s › %s", site, base->title);
		else
			title = xstrdup(site);
	}
	if ((int)txt_width(title) > cols && base->title[0] != '\0') {
		free(title);
		title = xstrdup(base->title);
	}
	if (wwho > 0 && (int)txt_width(title) + wwho + 3 <= cols) {
		ui_put(0, 0, cols - wwho - 1, title, A_BOLD);
		ui_put(0, cols - wwho, wwho, who, 0);
	} else
		ui_put(0, 0, cols, title, A_BOLD);
	free(title);

	/* Row rows-2: the message, else the view's status on the right;
	 * a prompt's question is there instead. */
	if (top->screen == &ui_prompt_screen)
		return;
	if (ui->message[0] != '\0')
		ui_put(rows - 2, 0, cols, ui->message, A_BOLD);
	else if (ui->draft_fault[0] != '\0')
		ui_put(rows - 2, 0, cols, ui->draft_fault, A_BOLD);
	else if (ui_session_notice(ui) != NULL)
		ui_put(rows - 2, 0, cols, ui->notice, A_BOLD);
	else if (top->status != NULL && top->status[0] != '\0') {
		int w = (int)txt_width(top->status);

		if (w > cols)
			w = cols;
		ui_put(rows - 2, cols - w, w, top->status, 0);
	}
}

/* The help bar: this screen's keys, then the global ones, what fits. */
static void
ui_draw_helpbar(struct ui *ui, int row, int cols)
{
	const struct ui_view *top = ui->views[ui->nviews - 1];
	const struct ui_key *tables[2] = { top->screen->keys, ui_global_keys };
	const struct ui_key *k, *help = NULL;
	int t, x = 0, need, reserve = 0, text;

	/* A screen that takes text gets no printable key: F1, not « ? ». */
	text = top->screen->input != NULL;
	for (k = ui_global_keys; k->key != 0; k++)
		if (k->op == OP_HELP && help == NULL &&
		    (text ? (k->key & UI_KEY_FN) != 0 :
		    (k->flags & UI_KEY_BAR) != 0))
			help = k;
	if (help != NULL && top->screen != ui_frame_screens.help)
		reserve = (int)(txt_width(help->name) + 1 +
		    txt_width(help->label));
	for (t = 0; t < 2; t++) {
		for (k = tables[t]; k != NULL && k->key != 0; k++) {
			if (!(k->flags & UI_KEY_BAR) || k == help)
				continue;
			if (text && !(k->key & UI_KEY_FN) && k->key >= 0x20)
				continue;
			/* The quit dialog has its own answers. */
			if (t == 1 && (top->screen->flags & UI_SCREEN_OVERLAY))
				continue;
			need = (int)(txt_width(k->name) + 1 +
			    txt_width(k->label)) + (x > 0 ? 2 : 0);
			if (x + need + (reserve > 0 ? reserve + 2 : 0) > cols)
				continue;
			if (x > 0)
				x += 2;
			x += ui_put(row, x, cols - x, k->name, A_BOLD);
			x += 1;
			x += ui_put(row, x, cols - x, k->label, 0);
		}
	}
	if (reserve > 0 && !(top->screen->flags & UI_SCREEN_OVERLAY)) {
		if (x > 0)
			x += 2;
		if (x + reserve <= cols) {
			x += ui_put(row, x, cols - x, help->name, A_BOLD);
			x += 1;
			ui_put(row, x, cols - x, help->label, 0);
		}
	}
}

/* Redraw everything into ncurses' buffer; refresh sends the changes. */
static void
ui_draw(struct ui *ui)
{
	struct ui_rect area;
	struct ui_view *v;
	int rows, cols, base, i;

	getmaxyx(stdscr, rows, cols);
	if (ui->full_redraw) {
		clearok(curscr, TRUE);
		ui->full_redraw = 0;
	}
	erase();
	if (ui_too_small()) {
		struct ui_rect r = { 0, 0, rows, cols };
		int y = rows / 2 - 1;

		if (y < 0)
			y = 0;
		ui_put_wrapped(&r, y, "Fenêtre trop petite", A_BOLD, 1);
		if (y + 1 < rows)
			ui_put_center(y + 1, 0, cols, "(40×12 au minimum)", 0);
		ui->cursor_want = 0;
		ui_cursor_apply(ui);
		refresh();
		return;
	}
	area.y = 1;
	area.x = 0;
	area.h = rows - 3;
	area.w = cols;

	for (base = ui->nviews - 1; base > 0; base--)
		if (!(ui->views[base]->screen->flags & UI_SCREEN_OVERLAY))
			break;
	for (i = base; i < ui->nviews; i++) {
		v = ui->views[i];
		/* Only the top view's cursor counts (not one under a dialog). */
		ui->cursor_want = 0;
		if (v->screen->layout != NULL &&
		    memcmp(&v->laid_out, &area, sizeof(area)) != 0)
			v->screen->layout(ui, v, &area);
		v->laid_out = area;
		v->screen->draw(ui, v, &area);
	}
	ui_draw_frame(ui, rows, cols);
	/* A question holds the status line: a notice takes the help bar's
	 * row meanwhile, the question and what is typed stay. */
	if (ui->views[ui->nviews - 1]->screen == &ui_prompt_screen &&
	    ui_session_notice(ui) != NULL)
		ui_put(rows - 1, 0, cols, ui->notice, A_BOLD);
	else
		ui_draw_helpbar(ui, rows - 1, cols);
	ui_cursor_apply(ui);
	refresh();
}

/*
 * Show the cursor where the top view asked, or keep it hidden. Hidden,
 * leaveok() spares the bytes that would put it back after each update.
 */
static void
ui_cursor_apply(struct ui *ui)
{
	if (ui->cursor_want) {
		if (!ui->cursor_on) {
			leaveok(stdscr, FALSE);
			curs_set(1);
			ui->cursor_on = 1;
		}
		move(ui->cursor_y, ui->cursor_x);
	} else if (ui->cursor_on) {
		curs_set(0);
		leaveok(stdscr, TRUE);
		ui->cursor_on = 0;
	}
}

/*
 * Ask the terminal what it did with "é": the cursor position report says
 * whether it moved one column (UTF-8) or two (a single-byte charset).
 * Returns the charset, or -1 if the terminal did not answer in time.
 */
static int
ui_probe_charset(void)
{
	static const char probe[] = "\r\xc3\xa9\033[6n";
	struct termios old, raw;
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	char reply[32];
	size_t n = 0;
	ssize_t r;
	int64_t deadline = mono_ms() + UI_PROBE_MS;
	int row, col, cs = -1;

	if (tcgetattr(STDIN_FILENO, &old) == -1)
		return -1;
	raw = old;
	cfmakeraw(&raw);
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	if (write(STDOUT_FILENO, probe, sizeof(probe) - 1) < 0)
		goto out;
	while (n < sizeof(reply) - 1 && mono_ms() < deadline) {
		if (poll(&p, 1, (int)(deadline - mono_ms())) <= 0)
			break;
		if ((r = read(STDIN_FILENO, reply + n, 1)) <= 0)
			break;
		if (reply[n++] == 'R')
			break;
	}
	reply[n] = '\0';
	if (sscanf(reply, "\033[%d;%dR", &row, &col) == 2)
		cs = col == 2 ? TXT_CS_UTF8 : TXT_CS_LATIN9;
out:
	if (write(STDOUT_FILENO, "\r  \r", 4) < 0)
		cs = -1;
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	return cs;
}

/* Tell the session process which charset to encode for. */
static void
ui_charset_marker(struct ui *ui)
{
	char marker[64];

	if (!(ui->flags & UI_SESSION))
		return;
	txt_charset_marker(txt_charset_get(), marker, sizeof(marker));
	if (write(STDOUT_FILENO, marker, strlen(marker)) < 0)
		log_warn("marqueur de jeu de caractères non écrit");
}

/*
 * The member's charset, in this order: their saved preference, the
 * client's LANG/LC_* (sent by ssh), a probe of the terminal, UTF-8.
 */
static void
ui_charset_init(struct ui *ui)
{
	const char *lang = getenv("PALABRE_CLIENT_LANG");
	char *pref = NULL;
	int cs = -1;

	if (store_pref_get(ui->store, ui->member.id, "charset", &pref) == 0)
		cs = txt_charset_parse(pref);
	free(pref);
	pref = NULL;
	if (cs == -1 && lang != NULL && lang[0] != '\0')
		cs = txt_charset_from_locale(lang);
	/* No probe for a terminal without cursor addressing. */
	if (cs == -1 && (ui->flags & UI_SESSION) && !ui->linemode) {
		cs = ui_probe_charset();
		log_info("sonde du terminal : %s", cs == -1 ? "pas de réponse" :
		    txt_charset_name((enum txt_charset)cs));
	}
	if (cs == -1)
		cs = TXT_CS_UTF8;
	txt_charset_set((enum txt_charset)cs);
	if (store_pref_get(ui->store, ui->member.id, "lignes", &pref) == 0)
		ui_lines_ascii = strcmp(pref, "ascii") == 0;
	free(pref);
	ui_charset_marker(ui);
}

void
ui_set_charset(struct ui *ui, enum txt_charset cs)
{
	txt_charset_set(cs);
	ui_charset_marker(ui);
	if (ui_keeps_prefs(ui))
		store_pref_set(ui->store, ui->member.id, "charset",
		    txt_charset_name(cs));
	ui->full_redraw = 1;
}

int
ui_ascii_lines(struct ui *ui)
{
	return ui_lines_ascii;
}

void
ui_set_ascii_lines(struct ui *ui, int on)
{
	ui_lines_ascii = on;
	if (ui_keeps_prefs(ui))
		store_pref_set(ui->store, ui->member.id, "lignes",
		    on ? "ascii" : "dessin");
	ui->full_redraw = 1;
}

const char *
ui_glyph(enum ui_glyph g)
{
	static const char *lines[] = { "─", "│", "┌", "┐", "└", "┘" };
	static const char *ascii[] = { "-", "|", "+", "+", "+", "+" };

	return ui_lines_ascii ? ascii[g] : lines[g];
}

void
ui_box(struct ui *ui, int y, int x, int h, int w)
{
	int i;

	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	ui_put(y, x, 1, ui_glyph(UI_G_TL), 0);
	ui_put(y, x + w - 1, 1, ui_glyph(UI_G_TR), 0);
	ui_put(y + h - 1, x, 1, ui_glyph(UI_G_BL), 0);
	ui_put(y + h - 1, x + w - 1, 1, ui_glyph(UI_G_BR), 0);
	for (i = 1; i < w - 1; i++) {
		ui_put(y, x + i, 1, ui_glyph(UI_G_HLINE), 0);
		ui_put(y + h - 1, x + i, 1, ui_glyph(UI_G_HLINE), 0);
	}
	for (i = 1; i < h - 1; i++) {
		ui_put(y + i, x, 1, ui_glyph(UI_G_VLINE), 0);
		ui_put(y + i, x + w - 1, 1, ui_glyph(UI_G_VLINE), 0);
	}
}

/*
 * A member who is reading (or gone) keeps a process and its memory for as
 * long as the session lasts, and most sessions are idle most of the time:
 * after UI_RELEASE_MS without a key, SQLite's page cache (which grows up
 * to 2 MB as the member browses) is given back, and malloc hands the free
 * pages to the system. The next screen reads its pages again from the
 * system's cache: a fraction of a millisecond (docs/PERFORMANCE.md).
 */
int
ui_idle_wait(struct ui *ui, int wait)
{
	int64_t left;

	if (ui->released)
		return wait;
	left = ui->last_key + UI_RELEASE_MS - mono_ms();
	if (left < 0)
		left = 0;
	return wait < 0 || left < wait ? (int)left : wait;
}

/*
 * Sleep on fd until input, a signal or ms (-1: no deadline); with key,
 * the key read then (ncurses' own queue first: a key it holds, or the
 * KEY_RESIZE of a SIGWINCH already caught, ends the wait at once).
 * 1 for input (a key), 0 for none.
 *
 * An idle interface sleeps until its next deadline only (it woke once a
 * minute: 10,000 idle sessions cost 8 % of a core), so a signal that
 * came between the look at its flag and the sleep would wait for the
 * next key: the signals stay blocked from that look until ppoll()
 * unblocks them atomically for the sleep. with_reload: the caller
 * handles SIGUSR1 (line mode leaves it for later).
 */
int
ui_wait_input(int fd, int ms, int *key, int with_reload)
{
	struct pollfd p;
	struct timespec ts;
	sigset_t set, old;
	int got = 0, got_key = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, &old);
	if (key != NULL) {
		ui_resized(fd);
		timeout(0);
		got = got_key = ui_read_raw(key);
	}
	if (!got && ms != 0 && !ui_mail && !ui_stopping() &&
	    !(with_reload && ui_reload)) {
		p.fd = fd;
		p.events = POLLIN;
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (long)(ms % 1000) * 1000000;
		got = ppoll(&p, 1, ms < 0 ? NULL : &ts, &old) > 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (key != NULL && ms != 0 && !got_key) {
		ui_resized(fd);
		got = ui_read_raw(key);
	}
	return got;
}

/*
 * ncurses turns its SIGWINCH into KEY_RESIZE only when the signal cuts
 * one of its own waits; the interface sleeps in ppoll() (ui_wait_input),
 * so the terminal's size is compared here, and resizeterm() queues the
 * KEY_RESIZE that the next read returns.
 */
static void
ui_resized(int fd)
{
	struct winsize ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && is_term_resized(ws.ws_row, ws.ws_col))
		resizeterm(ws.ws_row, ws.ws_col);
}

void
ui_idle_release(struct ui *ui)
{
	if (ui->released || mono_ms() - ui->last_key < UI_RELEASE_MS)
		return;
	store_release_memory(ui->store);
	malloc_trim(0);
	ui->released = 1;
}

/* How long to wait for a key: until the idle warning or logout is due,
 * or -1 (for ever) with no idle timeout. */
static int
ui_wait_ms(struct ui *ui)
{
	int64_t limit, left;

	if (ui->cfg->idle_timeout <= 0)
		return -1;
	limit = (int64_t)ui->cfg->idle_timeout * 60 * 1000;
	left = ui->last_key + limit - mono_ms();
	if (left > UI_IDLE_WARNING)
		left -= UI_IDLE_WARNING;
	if (left < 100)
		left = 100;
	return left > INT_MAX ? INT_MAX : (int)left;
}

/*
 * Read one key as it came ('\n' stays '\n'): 1, or 0 on timeout. Text
 * is decoded here, byte by byte, by the text layer's input rule
 * (txt_utf8_byte), not by get_wch(): after a byte that is not UTF-8,
 * ncurses' get_wch() reads on until the input runs dry and then fails,
 * and everything typed or pasted after that byte was lost (« A\x9bBCDEF »
 * came out as « A »). Here an invalid sequence is one U+FFFD and what
 * follows is kept; so is a sequence cut short by a key or by a pause of
 * UI_UTF8_MS. A NUL byte stays the key ^@ (ui_is_text() makes it U+FFFD
 * inside a paste).
 */
static int
ui_read_raw(int *key)
{
	struct txt_utf8 d;
	uint32_t uc;
	int c, r, delay = -2, got = 1;

	memset(&d, 0, sizeof d);
	for (;;) {
		c = getch();
		if (c == ERR) {
			if ((got = txt_utf8_end(&d, &uc)) != 0)
				*key = (int)uc;
			break;
		}
		if (c == 0x1b && d.npart == 0 && ui_skip_escape())
			continue;
		if (c > 0xff || (c == 0 && d.npart == 0)) {
			/* A function key (or ^@), unless it cut a sequence. */
			if (txt_utf8_end(&d, &uc)) {
				ungetch(c);
				*key = (int)uc;
			} else if (c == KEY_ENTER)
				*key = '\r';
			else
				*key = c > 0xff ? UI_FN(c) : c;
			break;
		}
		r = txt_utf8_byte(&d, (uint8_t)c, &uc);
		if (r == -1)
			ungetch(c);	/* read again after the U+FFFD */
		if (r != 0) {
			*key = (int)uc;
			break;
		}
		if (delay == -2) {	/* the rest of the character */
			delay = wgetdelay(stdscr);
			timeout(UI_UTF8_MS);
		}
	}
	if (delay != -2)
		timeout(delay);
	return got;
}

/*
 * After an ESC from getch(): a control sequence that ncurses does not
 * know comes as ESC and then its bytes, one key each: coloured text
 * pasted without bracketed paste (« \033[31mROUGE\033[0m »), a key
 * missing from the terminal's terminfo, a stray report. Taken as Échap
 * and text, it cancelled the editor (« Garder le brouillon ? »), gave
 * « [31mROUGE » to that prompt and typed « [0m ». A CSI (ESC [ ...
 * final), an SS3 (ESC O and one character) or a string (ESC ] P X ^ _,
 * to BEL or ESC \\) already waiting is dropped whole, by the text
 * layer's swallower (txt_escape), and what follows it is read as it
 * came: 1. Échap alone, or before another byte (Échap then o, arrived
 * together on a slow link), stays Échap: 0, the byte read again.
 */
static int
ui_skip_escape(void)
{
	enum txt_esc st = ESC_NONE;
	int c, delay = wgetdelay(stdscr);

	timeout(0);
	c = getch();
	if (c != '[' && c != 'O' && c != ']' && c != 'P' && c != 'X' &&
	    c != '^' && c != '_') {
		if (c != ERR)
			ungetch(c);
		timeout(delay);
		return 0;
	}
	txt_escape(&st, 0x1b);
	txt_escape(&st, (uint32_t)c);
	timeout(UI_UTF8_MS);
	if (c == 'O') {		/* SS3: one character */
		c = getch();
		if (c != ERR && (c < 0x40 || c > 0x7e))
			ungetch(c);
	} else {
		while (st != ESC_NONE && (c = getch()) != ERR) {
			if (c > 0xff || !txt_escape(&st, (uint32_t)c)) {
				ungetch(c);
				break;
			}
		}
	}
	timeout(delay);
	return 1;
}

/* Does the top view take text (input())? */
static int
ui_takes_text(struct ui *ui)
{
	return ui->nviews > 0 &&
	    ui->views[ui->nviews - 1]->screen->input != NULL;
}

/*
 * Is key text for input()? Printable characters (not DEL, not C1
 * controls); inside a paste, line breaks, tabs and NUL (as U+FFFD) too.
 */
static int
ui_is_text(struct ui *ui, int key)
{
	if (key & UI_KEY_FN)
		return 0;
	if (ui->pasting && (key == '\r' || key == '\n' || key == '\t' ||
	    key == 0))
		return 1;
	return key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0);
}

/*
 * Gather first and every text key already waiting (at most UI_GATHER
 * bytes) and hand them to the top view. Returns 1 with *next set to the
 * key that stopped the gathering, 0 if the input ran dry.
 */
static int
ui_gather(struct ui *ui, int first, int *next)
{
	static char buf[UI_GATHER + 8];
	size_t len = 0;
	int key = first, more = 0;
	int n;

	for (;;) {
		if (key == UI_FN(UI_KC_PASTE_BEGIN))
			ui->pasting = 1;
		else if (key == UI_FN(UI_KC_PASTE_END))
			ui->pasting = 0;
		else if (ui_is_text(ui, key)) {
			/* A NUL in a paste: U+FFFD, by the input rule. */
			n = u8_uctomb((uint8_t *)buf + len, key == 0 ? 0xfffd :
			    (ucs4_t)key, 8);
			if (n > 0)
				len += (size_t)n;
		} else {
			*next = key;
			more = 1;
			break;
		}
		if (len >= UI_GATHER || ui_stopping())
			break;
		if (!ui_read_raw(&key))
			break;
	}
	if (len > 0)
		ui_dispatch_text(ui, buf, len);
	/* Full buffer: the caller reads on, after a redraw if need be. */
	return more;
}

void
ui_dispatch_text(struct ui *ui, const char *s, size_t len)
{
	struct ui_view *top;

	if (ui->nviews == 0)
		return;
	top = ui->views[ui->nviews - 1];
	if (top->screen->input == NULL)
		return;
	ui->message[0] = '\0';
	top->screen->input(ui, top, s, len);
	ui->tick_view = NULL;	/* tick again before the next wait */
}

/*
 * The top view's timer: call tick() if it is due (or the view is new on
 * top, or something was typed since; *ran set then). Returns how long the
 * main loop may sleep, at most wait.
 */
static int
ui_run_tick(struct ui *ui, int wait, int *ran)
{
	struct ui_view *top = ui->views[ui->nviews - 1];
	int64_t now = mono_ms();
	int d;

	if (top->screen->tick == NULL)
		return wait;
	if (ui->tick_view != top || (ui->tick_due >= 0 && now >= ui->tick_due)) {
		ui->tick_view = top;
		d = top->screen->tick(ui, top);
		ui->tick_due = d < 0 ? -1 : now + d;
		*ran = 1;
	}
	if (ui->tick_due < 0)
		return wait;
	if (wait < 0 || ui->tick_due - now < wait)
		wait = (int)(ui->tick_due - now);
	return wait < 0 ? 0 : wait;
}

/* One key, and what the guest is told when the store refused a write
 * that the screen reported as a failure. */
void
ui_dispatch(struct ui *ui, int key)
{
	ui_dispatch_key(ui, key);
	if (store_guest_refused(ui->store) > 0 && ui->message[0] != '\0')
		ui_message(ui, "Visite en lecture seule : un invité ne "
		    "modifie rien.");
}

/* One key: the top view first, then the global operations. */
static void
ui_dispatch_key(struct ui *ui, int key)
{
	struct ui_view *top = ui->views[ui->nviews - 1];
	int op;

	ui->message[0] = '\0';
	ui->tick_view = NULL;	/* tick again before the next wait */
	op = ui_key_op(top->screen, key);
	if (top->screen->handle != NULL &&
	    top->screen->handle(ui, top, op, key) == UI_HANDLED)
		return;
	switch (op) {
	case OP_HELP:
		if (top->screen != ui_frame_screens.help)
			ui_push(ui, ui_frame_screens.help, top);
		break;
	case OP_REDRAW:
		ui->full_redraw = 1;
		break;
	case OP_BACK:
		ui_pop(ui);
		break;
	case OP_QUIT:
		if (top->screen != ui_frame_screens.quit)
			ui_push(ui, ui_frame_screens.quit, NULL);
		break;
	default:
		if (key != UI_FN(KEY_RESIZE))
			ui_message(ui, "Touche sans effet ici : ? pour l'aide.");
		break;
	}
}

/*
 * Take every copy of what out of the terminfo string cap of the current
 * terminal, in place (the string only gets shorter): ncurses reads its
 * own copy of the entry, which setting the term.h variables would not
 * change.
 */
static void
ui_cap_strip(const char *cap, const char *what)
{
	char *s, *p;
	size_t n = strlen(what);

	s = tigetstr(cap);
	if (s == NULL || s == (char *)-1)
		return;
	while ((p = strstr(s, what)) != NULL)
		memmove(p, p + n, strlen(p + n) + 1);
}

/*
 * newterm() on stdin/stdout; an unknown TERM falls back to vt100.
 *
 * xterm's and tmux's entries select the ASCII character set (ESC ( B)
 * with every change of attributes, in sgr0 and in sgr, in case line
 * drawing (ESC ( 0) was on: 15 of the 73 bytes a selection move cost.
 * Line drawing is never on here: the locale is always UTF-8, so ncurses
 * writes lines as Unicode, and no screen asks for A_ALTCHARSET or ACS_
 * (the session process turns the Unicode into what a Latin-9 or ASCII
 * member's terminal shows). newterm() selected ASCII once; the selection
 * is left out of every attribute change after it.
 */
static int
ui_terminal(struct ui *ui)
{
	const char *term = getenv("TERM");
	SCREEN *sp = NULL;

	if (term != NULL && term[0] != '\0')
		sp = newterm(term, stdout, stdin);
	if (sp == NULL) {
		setenv("TERM", "vt100", 1);
		sp = newterm("vt100", stdout, stdin);
	}
	if (sp == NULL)
		return -1;
	ui_cap_strip("sgr0", "\033(B");
	ui_cap_strip("sgr", "%e\033(B");
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	curs_set(0);
	/* The cursor is hidden: never spend bytes putting it back. */
	leaveok(stdscr, TRUE);
	set_escdelay(100);
	timeout(1000);
	ui_keys_define();
	ui_bracketed_paste(1);
	return 0;
}

/* The keys terminfo does not always know (see ui_private.h). */
static void
ui_keys_define(void)
{
	static const struct {
		const char	*seq;
		int		 code;
	} keys[] = {
		{ "\033[200~", UI_KC_PASTE_BEGIN },
		{ "\033[201~", UI_KC_PASTE_END },
		{ "\033[1;5D", UI_KC_WORD_LEFT },	/* xterm, tmux */
		{ "\033[1;5C", UI_KC_WORD_RIGHT },
		{ "\033[1;3D", UI_KC_WORD_LEFT },	/* Alt-← */
		{ "\033[1;3C", UI_KC_WORD_RIGHT },
		{ "\033Od", UI_KC_WORD_LEFT },		/* rxvt */
		{ "\033Oc", UI_KC_WORD_RIGHT },
		{ "\033b", UI_KC_WORD_LEFT },		/* Alt-b, Échap b */
		{ "\033f", UI_KC_WORD_RIGHT },
		{ "\033[1;5H", UI_KC_TEXT_TOP },
		{ "\033[1;5F", UI_KC_TEXT_BOTTOM },
		{ "\033[7^", UI_KC_TEXT_TOP },		/* rxvt */
		{ "\033[8^", UI_KC_TEXT_BOTTOM },
		/*
		 * Début and Fin as the terminals in between send them,
		 * whatever TERM says: tmux and screen send \033[1~ and
		 * \033[4~ where xterm's terminfo expects \033OH and
		 * \033OF, and the other way round.
		 */
		{ "\033[1~", KEY_HOME },
		{ "\033[4~", KEY_END },
		{ "\033[H", KEY_HOME },
		{ "\033[F", KEY_END },
		{ "\033OH", KEY_HOME },
		{ "\033OF", KEY_END },
		{ "\033[7~", KEY_HOME },		/* rxvt */
		{ "\033[8~", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		define_key(keys[i].seq, keys[i].code);
}

/*
 * Bracketed paste on or off: a paste then arrives as text, not as keys.
 * Written straight to the terminal (a private mode terminfo knows
 * nothing about); its place among the bytes ncurses may hold back does
 * not matter.
 */
static void
ui_bracketed_paste(int on)
{
	const char *seq = on ? "\033[?2004h" : "\033[?2004l";

	fflush(stdout);
	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0)
		log_warn("collage délimité : écriture impossible");
}

/* Give the terminal back (bracketed paste off, then endwin). */
static void
ui_curses_end(void)
{
	ui_bracketed_paste(0);
	endwin();
}

/*
 * The full-screen interface, until the member quits, a signal stops us,
 * or the member asks for line mode. *started says whether newterm() was
 * already called (a second run after line mode only refreshes).
 */
static int
ui_curses_run(struct ui *ui, int *started)
{
	struct config *cfg = ui->cfg;
	int64_t idle, limit;
	int key = 0, n, dirty = 1, pending, wait, held = 0, release;

	if (!*started) {
		if (ui_terminal(ui) == -1)
			return -1;
		*started = 1;
	} else {
		reset_prog_mode();
		ui_bracketed_paste(1);
		ui->full_redraw = 1;
	}
	while (!ui->quit && !ui_stopping() && !ui->switch_mode &&
	    ui->nviews > 0) {
		if (ui_reload) {
			ui_reload = 0;
			ui_reload_config(ui);
			dirty = 1;
		}
		if (ui_mail_take()) {
			ui_session_mail(ui);
			dirty = 1;
		}
		if (ui->notice_until != 0 && ui_session_notice(ui) == NULL)
			dirty = 1;	/* the announcement expired */
		wait = ui_run_tick(ui, ui_wait_ms(ui), &dirty);
		wait = ui_session_wait(ui, wait);
		if (ui->quit || ui_stopping() || ui->switch_mode ||
		    ui->nviews == 0)
			break;
		if (dirty) {
			ui_draw(ui);
			ui_session_update(ui);
		}
		dirty = 0;
		/* SIGUSR2 while drawing (a notice, the sysop): now, not
		 * after a wait of up to a minute that it can no longer
		 * interrupt. */
		if (ui_mail)
			continue;
		/* Sleep until a key, a signal, a tick, the idle release or
		 * the idle warning; nothing else wakes an idle interface. */
		release = held ? 0 : ui_idle_wait(ui, wait);
		if (held)
			held = 0;	/* the key read last time, unhandled */
		else if (!ui_wait_input(STDIN_FILENO, release, &key, 1)) {
			if (ui_stopping())
				break;
			ui_idle_release(ui);
			if (release != wait)
				continue;	/* only the release was due, or
						 * a signal */
			/* A paste never pauses this long: its end was lost. */
			ui->pasting = 0;
			idle = mono_ms() - ui->last_key;
			limit = (int64_t)cfg->idle_timeout * 60 * 1000;
			if (cfg->idle_timeout > 0 && idle >= limit) {
				ui->idle_out = 1;
				break;
			}
			if (cfg->idle_timeout > 0 && idle >= limit -
			    UI_IDLE_WARNING && ui->message[0] == '\0') {
				ui_message(ui, "Sans activité, la session se "
				    "fermera dans une minute.");
				dirty = 1;
			}
			continue;
		}
		/* Handle every key already waiting, then redraw once. */
		timeout(0);
		for (n = 0; n < UI_TYPEAHEAD; n++) {
			/* Outside input(), '\n' is Entrée as it always was. */
			if (key == '\n' && !(ui->pasting && ui_takes_text(ui)))
				key = '\r';
			ui->last_key = mono_ms();
			ui_session_key(ui);
			ui->released = 0;
			pending = 0;
			if (key == UI_FN(KEY_RESIZE))
				ui->full_redraw = 1;
			else if (key == UI_FN(UI_KC_PASTE_BEGIN))
				ui->pasting = 1;
			else if (key == UI_FN(UI_KC_PASTE_END))
				ui->pasting = 0;
			else if (ui_too_small())
				;
			else if (ui_takes_text(ui) && ui_is_text(ui, key))
				pending = ui_gather(ui, key, &key);
			else
				ui_dispatch(ui, key);
			if (ui->quit || ui_stopping() || ui->switch_mode ||
			    ui->nviews == 0)
				break;
			if (!pending && !ui_read_raw(&key))
				break;
			/* Keep the key read when the typeahead runs out. */
			held = n + 1 == UI_TYPEAHEAD;
		}
		dirty = 1;
	}
	if (ui->switch_mode && !ui_stopping()) {
		def_prog_mode();
		ui_curses_end();
	}
	return 0;
}

int
ui_stopping(void)
{
	return ui_hangup || ui_terminate;
}

void
ui_views_free(struct ui *ui)
{
	while (ui->nviews > 0)
		ui_view_free(ui, ui->views[--ui->nviews]);
}

/* Line mode for TERM=dumb, or when the member asked for it. */
static int
ui_linemode_wanted(struct ui *ui)
{
	const char *term = getenv("TERM");
	char *pref = NULL;
	int on = 0;

	if (term != NULL && strcmp(term, "dumb") == 0)
		return 1;
	if (store_pref_get(ui->store, ui->member.id, "mode", &pref) == 0)
		on = strcmp(pref, "lignes") == 0;
	free(pref);
	return on;
}

int
ui_line_mode(struct ui *ui)
{
	return ui->linemode;
}

void
ui_set_line_mode(struct ui *ui, int on)
{
	if (ui_keeps_prefs(ui))
		store_pref_set(ui->store, ui->member.id, "mode",
		    on ? "lignes" : "ecran");
	if (on != ui->linemode)
		ui->switch_mode = 1;
}

int
ui_main(struct config *cfg, const char *config_path, const char *login,
    int flags)
{
	struct ui ui;
	struct sigaction sa;
	const struct ui_screen *first;
	char *cause = NULL;
	int rc = 1, curses_on = 0;

	memset(&ui, 0, sizeof(ui));
	ui.cfg = cfg;
	ui.config_path = config_path;
	ui.flags = flags;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "") == NULL) {
		fprintf(stderr, "palabre : la locale C.UTF-8 manque\n");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((ui.store = store_open(config_store(cfg), 0, &cause)) == NULL) {
		fprintf(stderr, "palabre : %s\r\n", cause);
		log_error("%s", cause);
		free(cause);
		return 1;
	}
	/* What this member writes for others wakes their sessions. */
	store_notice_hook(ui.store, notice_wake_hook, cfg->run_dir);
	if (ui_who(&ui, login, &first) != 0)
		goto out;
	ui_idle_open(&ui);
	if (ui.member.id != 0)
		store_member_login(ui.store, ui.member.id, now_sec(),
		    &ui.previous_login);
	if (ui.member.id != 0 && ui.member.role == ROLE_INVITE &&
	    store_guest_only(ui.store) != 0)
		goto out;

	ui.linemode = ui_linemode_wanted(&ui);
	ui_charset_init(&ui);
	ui.last_key = mono_ms();
	ui_push(&ui, first, NULL);
	ui_session_start(&ui);
	for (;;) {
		ui.switch_mode = 0;
		if (ui.linemode)
			ui_line_run(&ui);
		else if (ui_curses_run(&ui, &curses_on) == -1) {
			fprintf(stderr, "palabre : terminal inutilisable\r\n");
			break;
		}
		if (!ui.switch_mode || ui.quit || ui_stopping())
			break;
		ui.linemode = !ui.linemode;
	}
	rc = 0;

	/* Leave every view: they save what must be saved. */
	ui_views_free(&ui);
	if (!ui_hangup) {
		if (curses_on && !ui.linemode)
			ui_curses_end();
		if (ui_terminate)
			printf("\r\nLe serveur s'arrête : votre session est "
			    "fermée. À bientôt sur %s%s\u202f!\r\n",
			    cfg->site_article, cfg->site_name);
		else if (ui.kicked)
			printf("\r\nVotre session a été fermée par l'équipe "
			    "d'animation.\r\n");
		else if (ui.idle_out)
			printf("\r\nSession fermée après %d minute%s "
			    "d'inactivité.\r\n", cfg->idle_timeout,
			    cfg->idle_timeout > 1 ? "s" : "");
		else
			printf("\r\nÀ bientôt sur %s%s\u202f!\r\n",
			    cfg->site_article, cfg->site_name);
		fflush(stdout);
	}
out:
	ui_session_end(&ui);
	store_member_clear(&ui.member);
	store_free(ui.store);
	return rc;
}
