/*
 * test_admin_cmd.c - the admin command line as a table: every command of the
 * table answers --help on stdout with exit 0 (without any configuration
 * file), an unknown option is named on stderr with exit 2, as are an
 * unknown command, a missing value, a missing needed option and a
 * missing argument. Each call runs admin_main() in a child process, as
 * « palabre admin ... » would, its output in two files.
 */
#include <sys/wait.h>

#include <fcntl.h>
#include <unistd.h>

#include "admin.h"
#include "unit.h"

#define NOCONF	"/nonexistent/palabre.conf"

static char dir[] = "/tmp/palabre-test-admin-XXXXXX";
static char out[65536], err[65536];

static void
slurp(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	memset(buf, 0, size);
	if ((fd = open(path, O_RDONLY)) == -1)
		return;
	n = read(fd, buf, size - 1);
	if (n < 0)
		buf[0] = '\0';
	close(fd);
}

/* Run « palabre admin words... »; its exit status, out and err filled. */
static int
run(int argc, char **argv)
{
	char po[600], pe[600];
	pid_t pid;
	int st, fd;

	snprintf(po, sizeof(po), "%s/out", dir);
	snprintf(pe, sizeof(pe), "%s/err", dir);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		fd = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, STDOUT_FILENO);
		close(fd);
		fd = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, STDERR_FILENO);
		close(fd);
		fd = open("/dev/null", O_RDONLY);
		dup2(fd, STDIN_FILENO);
		close(fd);
		st = admin_main(NOCONF, argc, argv);
		fflush(NULL);
		_exit(st);
	}
	if (pid == -1 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	slurp(po, out, sizeof(out));
	slurp(pe, err, sizeof(err));
	return WEXITSTATUS(st);
}

/* The words naming command c, then extra (NULL-terminated). */
static int
words(const struct admin_cmd *c, char **w, const char *extra1,
    const char *extra2)
{
	int n = 0;

	w[n++] = (char *)c->family;
	if (c->verb != NULL)
		w[n++] = (char *)c->verb;
	if (extra1 != NULL)
		w[n++] = (char *)extra1;
	if (extra2 != NULL)
		w[n++] = (char *)extra2;
	w[n] = NULL;
	return n;
}

static void
test_every_help(void)
{
	const struct admin_cmd *c;
	char *w[8], want[256];
	size_t i;
	int n;

	for (i = 0; (c = admin_cmd_get(i)) != NULL; i++) {
		n = words(c, w, "--help", NULL);
		snprintf(want, sizeof(want), "usage : palabre admin %s%s%s",
		    c->family, c->verb != NULL ? " " : "",
		    c->verb != NULL ? c->verb : "");
		CHECK_INT(run(n, w), 0);
		CHECK(strncmp(out, want, strlen(want)) == 0);
		CHECK(strstr(out, c->about) != NULL);
		CHECK_STR(err, "");
		/* -h as well, after the arguments. */
		n = words(c, w, "x", "-h");
		CHECK_INT(run(n, w), 0);
		CHECK(strncmp(out, want, strlen(want)) == 0);
		/* The command's family help lists it (a family alone is
		 * its command: done above). */
		if (c->verb == NULL)
			continue;
		n = words(c, w, NULL, NULL);
		w[1] = "--help";
		CHECK_INT(run(2, w), 0);
		snprintf(want, sizeof(want), "  palabre admin %s%s%s",
		    c->family, c->verb != NULL ? " " : "",
		    c->verb != NULL ? c->verb : "");
		CHECK(strstr(out, want) != NULL);
		if (strstr(out, want) == NULL)
			fprintf(stderr, "  %s not in its family's help\n",
			    want);
	}
	CHECK(i >= 36);
}

static void
test_every_unknown_option(void)
{
	const struct admin_cmd *c;
	char *w[8];
	size_t i;
	int n;

	for (i = 0; (c = admin_cmd_get(i)) != NULL; i++) {
		n = words(c, w, "--inconnue", NULL);
		CHECK_INT(run(n, w), 2);
		CHECK(strstr(err, "option inconnue : --inconnue") != NULL);
		CHECK_STR(out, "");
		n = words(c, w, "--inconnue=3", NULL);
		CHECK_INT(run(n, w), 2);
		CHECK(strstr(err, "option inconnue : --inconnue\n") != NULL);
		n = words(c, w, "-z", NULL);
		CHECK_INT(run(n, w), 2);
		CHECK(strstr(err, "option inconnue : -z") != NULL);
	}
}

static void
test_everything_help(void)
{
	const struct admin_cmd *c;
	char *w[2] = { "--help", NULL }, want[256];
	size_t i;

	CHECK_INT(run(1, w), 0);
	CHECK_STR(err, "");
	for (i = 0; (c = admin_cmd_get(i)) != NULL; i++) {
		snprintf(want, sizeof(want), "  palabre admin %s%s%s",
		    c->family, c->verb != NULL ? " " : "",
		    c->verb != NULL ? c->verb : "");
		CHECK(strstr(out, want) != NULL);
	}
	/* Nothing typed: the same list, on stderr, status 2. */
	CHECK_INT(run(0, w), 2);
	CHECK(strstr(err, "palabre admin user add") != NULL);
}

static void
test_mistakes(void)
{
	char *unknown[] = { "user", "frob", NULL };
	char *family[] = { "frob", NULL };
	char *noverb[] = { "user", NULL };
	char *novalue[] = { "post", "new", "--author", NULL };
	char *needed[] = { "post", "new", "--author", "demo", "--title",
	    "T", NULL };
	char *noarg[] = { "user", "add-key", "demo", NULL };
	char *toomany[] = { "user", "list", "demo", NULL };
	char *flagvalue[] = { "user", "export", "demo", "--json=oui",
	    NULL };
	char *conf[] = { "user", "list", NULL };
	char *dash[] = { "user", "set", "demo", "presentation",
	    "- une liste", NULL };

	CHECK_INT(run(2, unknown), 2);
	CHECK(strstr(err, "commande inconnue : admin user frob") != NULL);
	CHECK_INT(run(1, family), 2);
	CHECK(strstr(err, "commande inconnue : admin frob") != NULL);
	CHECK_INT(run(1, noverb), 2);
	CHECK(strstr(err, "palabre admin user add") != NULL);
	CHECK_INT(run(3, novalue), 2);
	CHECK(strstr(err, "l'option --author attend une valeur") != NULL);
	CHECK_INT(run(6, needed), 2);
	CHECK(strstr(err, "option manquante : --board") != NULL);
	CHECK_INT(run(3, noarg), 2);
	CHECK(strstr(err, "argument manquant") != NULL);
	CHECK(strstr(err, "usage : palabre admin user add-key IDENTIFIANT "
	    "FICHIER.pub") != NULL);
	CHECK_INT(run(3, toomany), 2);
	CHECK(strstr(err, "trop d'arguments") != NULL);
	CHECK_INT(run(4, flagvalue), 2);
	CHECK(strstr(err, "--json ne prend pas de valeur") != NULL);
	/* « - une liste » is an argument, not an option. */
	CHECK_INT(run(5, dash), 2);
	CHECK(strstr(err, "option inconnue") == NULL);
	CHECK(strstr(err, NOCONF) != NULL);
	/* Good words: only now is the configuration read. */
	CHECK_INT(run(2, conf), 2);
	CHECK(strstr(err, NOCONF) != NULL);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_every_help);
	RUN(test_every_unknown_option);
	RUN(test_everything_help);
	RUN(test_mistakes);
	unit_rmtree(dir);
	TEST_DONE();
}
