/*
 * admin_session.c - the sysop and the open sessions: « palabre admin
 * who », « kick IDENTIFIANT », « broadcast "TEXTE" ».
 *
 * All three read the registry of open sessions in run_dir
 * (util/registry.h): no database, no listener involved, so they work
 * the same for sessions a restarted listener adopted. Sessions are
 * reached through a pidfd checked against the start time recorded in
 * their entry, never by a bare pid. Everything printed comes from the
 * sessions' entries and goes through txt_clean() first.
 */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/registry.h"
#include "util/util.h"

#define WHO_COLUMNS	7
#define KICK_WAIT_MS	5000	/* the UI saves drafts, says goodbye */
#define BROADCAST_MAX	300	/* bytes of announcement, cleaned */

static int	 session_list(const struct config *, struct registry_entry **,
		    size_t *);
static void	 session_idle(char *, size_t, int64_t);

/* The live sessions; 0, or -1 with a message printed. */
static int
session_list(const struct config *cfg, struct registry_entry **list,
    size_t *n)
{
	if (registry_list(cfg->run_dir, 0, list, n) == 0)
		return 0;
	if (errno == ENOENT) {
		/* The server never ran with this run_dir: no session. */
		*list = NULL;
		*n = 0;
		return 0;
	}
	fprintf(stderr, "palabre : registre des sessions illisible : %s : "
	    "%s\n", cfg->run_dir, strerror(errno));
	return -1;
}

/* Idle time as the sysop reads it: « - » under a minute. */
static void
session_idle(char *buf, size_t size, int64_t last_key)
{
	int64_t idle = now_sec() - last_key;

	if (idle < 60)
		snprintf(buf, size, "-");
	else if (idle < 3600)
		snprintf(buf, size, "%lld min", (long long)(idle / 60));
	else
		snprintf(buf, size, "%lld h %02lld", (long long)(idle / 3600),
		    (long long)(idle % 3600 / 60));
}

int
admin_who(struct config *cfg, int argc, char **argv)
{
	static const char *head[WHO_COLUMNS] = { "Identifiant", "Connexion",
	    "Inactif", "Rubrique", "Adresse", "Jeu", "Fenêtre" };
	struct registry_entry *list;
	char **cell, buf[64];
	size_t i, n, w[WHO_COLUMNS], k, pad;
	int c;

	if (session_list(cfg, &list, &n) == -1)
		return 1;
	if (n == 0) {
		printf("Aucune session ouverte.\n");
		free(list);
		return 0;
	}
	cell = xcalloc((n + 1) * WHO_COLUMNS, sizeof(*cell));
	for (c = 0; c < WHO_COLUMNS; c++)
		cell[c] = xstrdup(head[c]);
	for (i = 0; i < n; i++) {
		char **row = cell + (i + 1) * WHO_COLUMNS;
		const struct registry_entry *e = &list[i];

		row[0] = txt_clean(e->login, strlen(e->login), 0, 0, NULL);
		txt_date_list(buf, sizeof(buf), e->since, now_sec());
		row[1] = xstrdup(buf);
		session_idle(buf, sizeof(buf), e->last_key);
		row[2] = xstrdup(buf);
		row[3] = txt_clean(e->section, strlen(e->section), 0, 60,
		    NULL);
		row[4] = txt_clean(e->peer, strlen(e->peer), 0, 0, NULL);
		row[5] = txt_clean(e->charset, strlen(e->charset), 0, 0,
		    NULL);
		snprintf(buf, sizeof(buf), "%dx%d", e->cols, e->rows);
		row[6] = xstrdup(buf);
	}
	for (c = 0; c < WHO_COLUMNS; c++) {
		w[c] = 0;
		for (i = 0; i <= n; i++) {
			k = txt_width(cell[i * WHO_COLUMNS + c]);
			if (k > w[c])
				w[c] = k;
		}
	}
	/* Aligned by display width: « Fenêtre », a section with accents. */
	for (i = 0; i <= n; i++) {
		for (c = 0; c < WHO_COLUMNS; c++) {
			const char *s = cell[i * WHO_COLUMNS + c];

			fputs(s, stdout);
			if (c + 1 == WHO_COLUMNS)
				break;
			for (pad = txt_width(s); pad < w[c] + 2; pad++)
				putchar(' ');
		}
		putchar('\n');
	}
	printf("%zu session%s ouverte%s.\n", n, n > 1 ? "s" : "",
	    n > 1 ? "s" : "");
	for (i = 0; i < (n + 1) * WHO_COLUMNS; i++)
		free(cell[i]);
	free(cell);
	free(list);
	return 0;
}

int
admin_kick(struct config *cfg, int argc, char **argv)
{
	struct registry_entry *list;
	struct pollfd p;
	char *login;
	size_t i, n, found = 0, ended = 0;
	int64_t deadline;
	int fd, rc;

	rc = 1;
	if (session_list(cfg, &list, &n) == -1)
		return 1;
	login = txt_clean(argv[1], strlen(argv[1]), 0, 64, NULL);
	deadline = mono_ms() + KICK_WAIT_MS;
	for (i = 0; i < n; i++) {
		if (strcmp(list[i].login, argv[1]) != 0)
			continue;
		found++;
		/* Held before the kick: it tells when that session ends. */
		if ((fd = registry_pidfd(&list[i])) == -1)
			continue;
		if (registry_kick(cfg->run_dir, &list[i]) == -1) {
			fprintf(stderr, "palabre : session %ld de « %s » "
			    "injoignable : %s\n", (long)list[i].pid, login,
			    strerror(errno));
			close(fd);
			continue;
		}
		p.fd = fd;
		p.events = POLLIN;
		while (mono_ms() < deadline && poll(&p, 1, 100) == 0)
			;
		if (poll(&p, 1, 0) > 0)
			ended++;
		close(fd);
	}
	if (found == 0)
		printf("Aucune session ouverte pour « %s ».\n", login);
	else if (ended == found) {
		printf("%zu session%s de « %s » fermée%s.\n", found,
		    found > 1 ? "s" : "", login, found > 1 ? "s" : "");
		rc = 0;
	} else
		fprintf(stderr, "palabre : %zu session%s de « %s » sur %zu "
		    "toujours ouverte%s après %d s\n", found - ended,
		    found - ended > 1 ? "s" : "", login, found,
		    found - ended > 1 ? "s" : "", KICK_WAIT_MS / 1000);
	free(login);
	free(list);
	return rc;
}

int
admin_broadcast(struct config *cfg, int argc, char **argv)
{
	struct registry_entry *list;
	size_t i, n, told = 0;
	char *text;
	int rc;

	rc = 1;
	/* One line of clean text: it goes to every member's status line. */
	text = txt_clean(argv[1], strlen(argv[1]), 0, BROADCAST_MAX, NULL);
	if (text[0] == '\0') {
		fprintf(stderr, "palabre : annonce vide\n");
		free(text);
		return 2;
	}
	if (session_list(cfg, &list, &n) == -1) {
		free(text);
		return 1;
	}
	if (n == 0) {
		printf("Aucune session ouverte : annonce non envoyée.\n");
		rc = 0;
		goto out;
	}
	if (registry_announce(cfg->run_dir, text) == -1) {
		fprintf(stderr, "palabre : annonce non écrite dans %s : %s\n",
		    cfg->run_dir, strerror(errno));
		goto out;
	}
	for (i = 0; i < n; i++)
		if (registry_signal(&list[i], SIGUSR2) == 0)
			told++;
	printf("Annonce envoyée à %zu session%s.\n", told, told > 1 ? "s" :
	    "");
	rc = told == n ? 0 : 1;
out:
	free(list);
	free(text);
	return rc;
}

/* The words are checked by the table (admin_cmd.c): the handlers get
 * exactly their arguments. */
const struct admin_cmd admin_session_cmds[] = {
	{ "who", NULL, "", "", 0, 0, "les sessions ouvertes : identifiant, "
	    "connexion, inactivité, rubrique, adresse, jeu de caractères, "
	    "fenêtre", admin_who },
	{ "kick", NULL, "IDENTIFIANT", "", 1, 1, "ferme les sessions d'un "
	    "membre (son brouillon est gardé, une phrase lui dit pourquoi)",
	    admin_kick },
	{ "broadcast", NULL, "\"TEXTE\"", "", 1, 1, "une annonce sur la ligne "
	    "d'état de chaque session ouverte", admin_broadcast },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
