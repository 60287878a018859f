/*
 * ui_cmd.c - "palabre local" and the palabre-ui program: the command line
 * of the interface, shared by both.
 *
 * Behind SSH the session process runs palabre-ui (a binary without libssh
 * nor OpenSSL: each member's interface costs about half a megabyte less)
 * with --session; "palabre local" runs the same code on the sysop's own
 * terminal.
 */
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ui/ui.h"
#include "util/util.h"

int
ui_local_main(const char *path, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "session", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct config cfg;
	struct passwd *pw;
	const char *login = NULL;
	int ch, flags = 0, fd, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "u:", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			login = optarg;
			break;
		case 's':
			flags |= UI_SESSION;
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
	if (config_load_report(&cfg, path) == -1)
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
	rc = ui_main(&cfg, path, login, flags);
	config_clear(&cfg);
	return rc;
}
