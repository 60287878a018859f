/*
 * main.c - the palabre command: serve, local, check-config, admin.
 *
 * Exit statuses: 0 success, 1 failure, 2 bad configuration or usage.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "ssh/conn.h"
#include "store/store.h"
#include "ui/ui.h"
#include "util/servelock.h"
#include "util/util.h"

#ifndef PALABRE_VERSION
#define PALABRE_VERSION "0.1"
#endif

static void	 usage(void);
static int	 cmd_serve(const char *, int, char **);
static int	 cmd_check(const char *, int, char **);
static int	 load(struct config *, const char *);
static const char *take_config(int *, char ***, const char *);

static void
usage(void)
{
	fprintf(stderr,
	    "usage : palabre [-c FICHIER] COMMANDE [OPTIONS]\n"
	    "\n"
	    "  serve [--user NOM]          lance le serveur SSH (en root : puis\n"
	    "                              devient NOM ; \"\" : reste root)\n"
	    "  local [--user IDENTIFIANT]  l'interface sur ce terminal\n"
	    "  check-config                vérifie la configuration\n"
	    "  admin ...                   commandes de l'administrateur\n"
	    "  version                     affiche la version\n"
	    "\n"
	    "-c FICHIER : la configuration (par défaut %s)\n", PALABRE_CONF);
	admin_usage(stderr);
}

/* Load the configuration; on error the messages are already printed. */
static int
load(struct config *cfg, const char *path)
{
	return config_load_report(cfg, path);
}

/* Accept "-c FILE" after the command word too. */
static const char *
take_config(int *argc, char ***argv, const char *path)
{
	int i, j;

	for (i = 1; i < *argc; i++) {
		if (strcmp((*argv)[i], "-c") != 0 || i + 1 >= *argc)
			continue;
		path = (*argv)[i + 1];
		for (j = i; j + 2 <= *argc; j++)
			(*argv)[j] = (*argv)[j + 2];
		*argc -= 2;
		break;
	}
	return path;
}

static int
cmd_check(const char *path, int argc, char **argv)
{
	struct store_board_conf *boards;
	struct config cfg;
	struct store *st;
	char *cause = NULL;
	size_t n;
	int warnings;

	if (load(&cfg, path) == -1)
		return 2;
	if (config_boards_load_report(&cfg, &boards, &n) == -1) {
		config_clear(&cfg);
		return 2;
	}
	printf("%s : configuration valide (%s port %d, base %s)\n", path,
	    cfg.listen, cfg.port, cfg.database);
	if (cfg.boards_dir != NULL)
		printf("%s : %zu tableau%s\n", cfg.boards_dir, n,
		    n > 1 ? "x" : "");
	/* The moderators' logins, if the database can be read. */
	if (n > 0 && (st = store_open(config_store(&cfg), STORE_READONLY,
	    &cause)) == NULL) {
		printf("%s : modérateurs non vérifiés (%s)\n", cfg.boards_dir,
		    cause != NULL ? cause : "base illisible");
		free(cause);
	} else if (n > 0) {
		warnings = config_boards_check_logins(boards, n, st, stderr);
		store_free(st);
		if (warnings > 0)
			printf("%s : %d avertissement%s\n", cfg.boards_dir,
			    warnings, warnings > 1 ? "s" : "");
	}
	config_boards_free(boards, n);
	config_clear(&cfg);
	return 0;
}

static int
cmd_serve(const char *path, int argc, char **argv)
{
	struct config cfg;
	struct store *st;
	char self[PATH_MAX], *cause = NULL;
	ssize_t n;
	pid_t holder;
	const char *user = NULL;
	int fd, rc, lock;

	/* --user NAME: the user to become instead of [server] user ("" to
	 * stay who we are: make run as root from a checkout the service
	 * user cannot reach, under /root). */
	if (argc == 3 && strcmp(argv[1], "--user") == 0)
		user = argv[2];
	else if (argc > 1) {
		usage();
		return 2;
	}
	if (load(&cfg, path) == -1)
		return 2;
	if (user != NULL) {
		free(cfg.user);
		cfg.user = user[0] == '\0' ? NULL : xstrdup(user);
	}
	if (cfg.log_file != NULL) {
		fd = open(cfg.log_file, O_WRONLY | O_CREAT | O_APPEND |
		    O_CLOEXEC, 0640);
		if (fd == -1) {
			fprintf(stderr, "palabre : %s : %s\n", cfg.log_file,
			    strerror(errno));
			config_clear(&cfg);
			return 1;
		}
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	/* The sessions exec this same binary for the interface. */
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) == -1) {
		fprintf(stderr, "palabre : /proc/self/exe : %s\n",
		    strerror(errno));
		config_clear(&cfg);
		return 1;
	}
	self[n] = '\0';
	/* One server per database; restore asks this lock (kept open for
	 * the listener's life: closing it would let go). */
	if ((lock = serve_lock_take(cfg.database, 1, &holder)) < 0) {
		if (lock == -2)
			fprintf(stderr, "palabre : la base %s est déjà servie, ou "
			    "restaurée (processus %ld)\n", cfg.database,
			    (long)holder);
		else
			fprintf(stderr, "palabre : %s.lock : %s\n",
			    cfg.database, strerror(errno));
		config_clear(&cfg);
		return 1;
	}
	/* Check the database once, before any fork, bring the boards up
	 * to date, and close it again. */
	if ((st = store_open(config_store(&cfg), 0, &cause)) == NULL) {
		fprintf(stderr, "palabre : %s\n", cause);
		free(cause);
		config_clear(&cfg);
		return 1;
	}
	rc = config_boards_apply(&cfg, st, stderr, &cause);
	store_free(st);
	if (rc != 0) {
		fprintf(stderr, "palabre : %s ; serveur non démarré\n",
		    rc == 1 ? "tableaux invalides (voir ci-dessus)" :
		    "les tableaux n'ont pas pu être enregistrés dans la base");
		config_clear(&cfg);
		return rc == 1 ? 2 : 1;
	}
	log_info("%s", cause);
	free(cause);
	rc = conn_serve(&cfg, path, self);
	config_clear(&cfg);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *path = PALABRE_CONF, *cmd;

	log_init("palabre", LOG_INFO);
	if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
		path = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		usage();
		return 2;
	}
	cmd = argv[1];
	argc--;
	argv++;
	path = take_config(&argc, &argv, path);

	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(path, argc, argv);
	if (strcmp(cmd, "local") == 0)
		return ui_local_main(path, argc, argv);
	if (strcmp(cmd, "check-config") == 0)
		return cmd_check(path, argc, argv);
	if (strcmp(cmd, "version") == 0) {
		printf("palabre %s\n", PALABRE_VERSION);
		return 0;
	}
	if (strcmp(cmd, "admin") == 0)
		return admin_main(path, argc - 1, argv + 1);
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage();
		return 0;
	}
	fprintf(stderr, "palabre : commande inconnue « %s »\n\n", cmd);
	usage();
	return 2;
}
