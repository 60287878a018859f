/*
 * ui_cmd.c - "palabre local" and the palabre-ui program: the command line
 * of the interface, shared by both.
 *
 * Behind SSH the session process runs palabre-ui (a binary without libssh
 * nor OpenSSL: each member's interface costs about half a megabyte less)
 * with --session and --run RUN_DIR: the configuration is then the copy the
 * listener validated in RUN_DIR, never the file (config_snapshot.c).
 * "palabre local" runs the same code on the sysop's own terminal and reads
 * the file itself. With --sftp it is the session's SFTP helper instead
 * (files/files.h): no interface, no terminal.
 */
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "config.h"
#include "files/files.h"
#include "store/store.h"
#include "ui/ui.h"
#include "util/passwd.h"
#include "util/sandbox.h"
#include "util/util.h"

static int	 ui_local_boards(const struct config *);
static int	 ui_sandbox(const struct config *, const char *);

/*
 * Behind SSH: what must be read before the sandbox closes (libsodium's
 * random source, the time zone), then the sandbox (util/sandbox.h).
 */
static int
ui_sandbox(const struct config *cfg, const char *path)
{
	if (pw_init() == -1)
		return -1;
	tzset();
	if (sandbox_ui(path, cfg->database, cfg->run_dir, cfg->boards_dir,
	    cfg->charter) == -1) {
		log_error("bac à sable impossible : session refusée");
		return -1;
	}
	return 0;
}

/*
 * "palabre local" is the sysop's way in without a server: bring the
 * boards up to date first, as "palabre serve" would (behind SSH the
 * server already did).
 */
static int
ui_local_boards(const struct config *cfg)
{
	struct store *st;
	char *cause = NULL;
	int rc;

	if ((st = store_open(config_store(cfg), 0, &cause)) == NULL) {
		fprintf(stderr, "palabre : %s\n", cause);
		free(cause);
		return -1;
	}
	rc = config_boards_apply(cfg, st, stderr, &cause);
	store_free(st);
	if (rc == -1)
		fprintf(stderr, "palabre : les tableaux n'ont pas pu être "
		    "enregistrés dans la base\n");
	else if (rc == 0)
		log_info("%s", cause);
	free(cause);
	return rc == 0 ? 0 : -1;
}

int
ui_local_main(const char *path, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "session", no_argument, NULL, 's' },
		{ "run", required_argument, NULL, 'r' },
		{ "command", required_argument, NULL, 'C' },
		{ "sftp", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct config cfg;
	struct passwd *pw;
	const char *login = NULL, *run = NULL, *command = NULL;
	int ch, flags = 0, fd, rc, sftp = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "u:", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			login = optarg;
			break;
		case 's':
			flags |= UI_SESSION;
			break;
		case 'r':
			run = optarg;
			break;
		case 'C':
			command = optarg;
			break;
		case 'F':
			sftp = 1;
			break;
		default:
			fprintf(stderr, "usage : palabre local [--user "
			    "IDENTIFIANT]\n");
			return 2;
		}
	}
	if (login == NULL) {
		if ((pw = getpwuid(getuid())) == NULL) {
			fprintf(stderr, "palabre : précisez --user "
			    "IDENTIFIANT\n");
			return 2;
		}
		login = pw->pw_name;
	}
	if (run != NULL && (flags & UI_SESSION)) {
		/* Behind SSH: what the listener validated, never the file
		 * (half-edited, it must not break a login). */
		if (config_snapshot_load(&cfg, run, path, stderr) != 0)
			return 2;
		flags |= UI_PASSED;
	} else if (config_load_report(&cfg, path) == -1)
		return 2;
	if (flags & UI_SESSION) {
		/* Behind SSH: the session process gave us its log as fd 3. */
		log_set_fd(fcntl(3, F_GETFD) != -1 ? 3 : -1);
	} else if (isatty(STDERR_FILENO)) {
		/* Log lines must not scribble over the interface. */
		fd = -1;
		if (cfg.log_file != NULL)
			fd = open(cfg.log_file, O_WRONLY | O_CREAT |
			    O_APPEND | O_CLOEXEC, 0640);
		log_set_fd(fd);
	}
	log_init("palabre-ui", LOG_INFO);
	pw_cap_init(cfg.database, cfg.password_hashes);
	/* The SFTP helper: its descriptor 0 is the session's socket
	 * (files/files.h), its sandbox reads the files directory. */
	if (sftp) {
		if (!(flags & UI_SESSION) ||
		    sandbox_files(path, cfg.database, cfg.run_dir,
		    cfg.files_dir) == -1) {
			log_error("bac à sable impossible : SFTP refusé");
			config_clear(&cfg);
			return 1;
		}
		rc = files_main(&cfg, login);
		config_clear(&cfg);
		return rc;
	}
	if ((flags & UI_SESSION) && ui_sandbox(&cfg, path) == -1) {
		config_clear(&cfg);
		return 1;
	}
	if (!(flags & UI_SESSION) && ui_local_boards(&cfg) == -1) {
		config_clear(&cfg);
		return 2;
	}
	/* "ssh host lire m12": one command, no interface (cmd/cmd.c). */
	if (command != NULL)
		rc = cmd_main(&cfg, login, command);
	else
		rc = ui_main(&cfg, path, login, flags);
	config_clear(&cfg);
	return rc;
}
