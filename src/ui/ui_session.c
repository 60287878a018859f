/*
 * ui_session.c - the interface's side of the registry of open sessions
 * (util/registry.h), behind SSH only.
 *
 * The session process writes our entry before it execs us; we rewrite
 * it, whole, when what `palabre admin who` shows changes: the section
 * (the title of the screen under any dialog), the window size, the
 * charset, and the time of the last key, at most once a minute (an idle
 * time to the minute costs one write a minute while typing, none while
 * idle).
 *
 * SIGUSR2 means the sysop said something: a kick mark for our session
 * (we end as on « Q », views leave and save their drafts, then one
 * French line), or a new announcement, shown on the status line for
 * UI_NOTICE_MS without touching what is being typed. It also means,
 * from the session process, that something was written for our member
 * (util/notice.h): their notices newer than the last shown are read
 * once, and the newest takes the status line the same way (in line
 * mode each is one line before the next prompt). Notices written before
 * we came are not shown: « Quoi de neuf » is for those.
 */
#include <sys/ioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "config.h"
#include "text/txt.h"
#include "ui/ui.h"
#include "ui/ui_private.h"
#include "util/registry.h"
#include "util/util.h"

#define UI_NOTICE_MS	60000	/* an announcement stays this long */
#define UI_KEY_EVERY	60	/* seconds between two last-key writes */

static void	 ui_session_write(struct ui *);
static void	 ui_session_notices(struct ui *);

/* Write our entry as it stands. */
static void
ui_session_write(struct ui *ui)
{
	if (registry_write(ui->cfg->run_dir, ui->reg) == -1)
		log_warn("registre des sessions non mis à jour");
}

void
ui_session_start(struct ui *ui)
{
	const char *env;
	char text[8];
	pid_t session;

	if (!(ui->flags & UI_PASSED))
		return;
	/* Our session process: our parent, or, forked by the image, the
	 * one the image named (ui_image.c). */
	session = getppid();
	if ((env = getenv("PALABRE_SESSION_PID")) != NULL && atoi(env) > 0)
		session = (pid_t)atoi(env);
	ui->reg = xcalloc(1, sizeof(*ui->reg));
	if (registry_read(ui->cfg->run_dir, session, ui->reg) == -1) {
		/* No entry (the registry was not writable): none to keep. */
		free(ui->reg);
		ui->reg = NULL;
		return;
	}
	/* An announcement made before we came is not for us; a kick that
	 * came while we were starting (SIGUSR2 ignored until then) is. */
	registry_announcement(ui->cfg->run_dir, &ui->notice_stamp, text,
	    sizeof(text));
	if (ui->member.id != 0 && store_notice_last(ui->store, ui->member.id,
	    &ui->notice_seen) == -1)
		log_warn("avis : dernier avis illisible");
	if (registry_kicked(ui->cfg->run_dir, ui->reg->pid)) {
		ui->kicked = 1;
		ui->quit = 1;
	}
	ui_session_update(ui);
}

void
ui_session_update(struct ui *ui)
{
	struct registry_entry *e = ui->reg;
	struct winsize ws;
	const char *title = "", *cs;
	char *clean;
	int i, changed = 0;

	if (e == NULL || ui->nviews == 0)
		return;
	for (i = ui->nviews - 1; i > 0; i--)
		if (!(ui->views[i]->screen->flags & UI_SCREEN_OVERLAY))
			break;
	title = ui->views[i]->title;
	if (title[0] == '\0')
		title = "Accueil";
	if (strcmp(title, e->section) != 0) {
		clean = txt_clean(title, strlen(title), 0,
		    sizeof(e->section) - 1, NULL);
		if (strcmp(clean, e->section) != 0) {
			snprintf(e->section, sizeof(e->section), "%s", clean);
			changed = 1;
		}
		free(clean);
	}
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    (ws.ws_col != e->cols || ws.ws_row != e->rows)) {
		e->cols = ws.ws_col;
		e->rows = ws.ws_row;
		changed = 1;
	}
	cs = txt_charset_name(txt_charset_get());
	if (strcmp(cs, e->charset) != 0) {
		snprintf(e->charset, sizeof(e->charset), "%s", cs);
		changed = 1;
	}
	if (changed)
		ui_session_write(ui);
}

void
ui_session_key(struct ui *ui)
{
	int64_t now;

	if (ui->reg == NULL)
		return;
	now = now_sec();
	if (now - ui->reg->last_key < UI_KEY_EVERY)
		return;
	ui->reg->last_key = now;
	ui_session_write(ui);
}

void
ui_session_mail(struct ui *ui)
{
	char text[512], *clean;

	if (ui->reg == NULL)
		return;
	if (registry_kicked(ui->cfg->run_dir, ui->reg->pid)) {
		ui->kicked = 1;
		ui->quit = 1;
		return;
	}
	ui_session_notices(ui);
	if (!registry_announcement(ui->cfg->run_dir, &ui->notice_stamp, text,
	    sizeof(text)))
		return;
	/* Cleaned by the sysop's command; once more, it is for a screen. */
	clean = txt_clean(text, strlen(text), 0, sizeof(ui->notice) - 32,
	    NULL);
	snprintf(ui->notice, sizeof(ui->notice), "Annonce : %s", clean);
	free(clean);
	ui->notice_until = mono_ms() + UI_NOTICE_MS;
}

/* The member's new notices, read once: the newest on the status line,
 * each as a line in line mode. */
static void
ui_session_notices(struct ui *ui)
{
	struct store_notice *list;
	struct winsize ws;
	struct buf b;
	size_t n, i, cols = 80;
	char *line;

	if (ui->member.id == 0 || ui->member.role == ROLE_INVITE)
		return;
	if (store_notice_since(ui->store, ui->member.id, ui->notice_seen,
	    &list, &n) == -1 || n == 0)
		return;
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	buf_init(&b);
	if (ui->notice_lines != NULL)
		buf_adds(&b, ui->notice_lines);
	for (i = 0; i < n; i++) {
		line = store_notice_text(&list[i], cols);
		if (ui->linemode)
			buf_printf(&b, "%s\n", line);
		else if (i + 1 == n) {
			snprintf(ui->notice, sizeof(ui->notice), "%s", line);
			ui->notice_until = mono_ms() + UI_NOTICE_MS;
		}
		free(line);
	}
	ui->notice_seen = list[n - 1].id;
	store_notice_list_free(list, n);
	free(ui->notice_lines);
	ui->notice_lines = b.len > 0 ? buf_detach(&b) : NULL;
	buf_free(&b);
}

char *
ui_session_notice_lines(struct ui *ui)
{
	char *lines = ui->notice_lines;

	ui->notice_lines = NULL;
	return lines != NULL ? lines : xstrdup("");
}

const char *
ui_session_notice(struct ui *ui)
{
	if (ui->notice_until == 0)
		return NULL;
	if (mono_ms() >= ui->notice_until) {
		ui->notice_until = 0;
		ui->notice[0] = '\0';
		return NULL;
	}
	return ui->notice;
}

int
ui_session_wait(struct ui *ui, int wait)
{
	int64_t left;

	if (ui->notice_until == 0)
		return wait;
	left = ui->notice_until - mono_ms();
	if (left < 0)
		left = 0;
	return left < wait ? (int)left : wait;
}

void
ui_session_end(struct ui *ui)
{
	free(ui->notice_lines);
	ui->notice_lines = NULL;
	free(ui->reg);
	ui->reg = NULL;
}
