/*
 * test_config.c - conf/palabre.conf parsing: defaults, values, paths made
 * absolute against the file's directory, and every error reported as
 * "file:line: message" with the right line number.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "util/util.h"
#include "unit.h"

static char dir[] = "/tmp/palabre-test-config-XXXXXX";

/* Write text to dir/name; return the path (static buffer). */
static const char *
write_conf(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* Load path, capturing the error output in errs (static buffer). */
static int
load(struct config *cfg, const char *path, char *errs, size_t size)
{
	FILE *f = fmemopen(errs, size, "w");
	int rc;

	memset(errs, 0, size);
	rc = config_load(cfg, path, f);
	fclose(f);
	return rc;
}

static void
test_defaults_and_values(void)
{
	struct config c;
	char errs[2048], want[600];
	const char *path;

	path = write_conf("ok.conf",
	    "; commentaire\n"
	    "# autre commentaire\n"
	    "[server]\n"
	    "port = 2022\r\n"
	    "database = ../data/palabre.db\n"
	    "host_key = keys/ed25519\n"
	    "[site]\n"
	    "name = Réseau Intégration & Prévention\n"
	    "short_name = Réseau IPD\n"
	    "tagline = Pour tous ; partout\tet ensemble\n"
	    "[limits]\n"
	    "max_startups = 5:50:20\n"
	    "idle_timeout = 0\n");
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 0);
	CHECK_STR(errs, "");
	CHECK_INT(c.port, 2022);
	CHECK_STR(c.listen, "127.0.0.1");
	CHECK_STR(c.site_name, "Réseau Intégration & Prévention");
	CHECK_STR(c.site_short_name, "Réseau IPD");
	/* « ; » in prose is not a comment; a tab is a space. */
	CHECK_STR(c.site_tagline, "Pour tous\u00a0; partout et ensemble");
	CHECK_INT(c.startups_begin, 5);
	CHECK_INT(c.startups_rate, 50);
	CHECK_INT(c.startups_full, 20);
	CHECK_INT(c.idle_timeout, 0);
	CHECK_INT(c.max_auth_tries, 6);
	CHECK_INT(c.login_grace, 30);
	/* The pre-authentication budget and the caps of issue 12 §2-3. */
	CHECK_INT(c.kex_grace, 5);
	CHECK_INT(c.member_sessions, 5);
	CHECK_INT(c.open_per_source, 5);
	CHECK_INT(c.open_percent, 10);
	CHECK_INT(c.open_idle_timeout, 10);
	/* Relative paths hang off the file's directory, normalised. */
	snprintf(want, sizeof(want), "%.*s/data/palabre.db",
	    (int)(strrchr(dir, '/') - dir), dir);
	CHECK_STR(c.database, want);
	CHECK_INT(c.nhost_keys, 1);
	snprintf(want, sizeof(want), "%s/keys/ed25519", dir);
	CHECK_STR(c.host_keys[0], want);
	config_clear(&c);
}

static void
test_errors_with_lines(void)
{
	struct config c;
	char errs[4096], line[700];
	const char *path;
	int rc;

	path = write_conf("bad.conf",
	    "[server]\n"			/* 1 */
	    "port = abc\n"			/* 2 */
	    "colour = blue\n"			/* 3 */
	    "cette ligne n'a pas de signe égal\n"	/* 4 */
	    "[limits]\n"			/* 5 */
	    "max_startups = 10-30-100\n"	/* 6 */
	    "max_auth_tries = 99\n"		/* 7 */
	    "[nowhere]\n"			/* 8 */
	    "x = 1\n"				/* 9 */
	    "[site]\n"				/* 10 */
	    "name = \xc3\x28 bad utf-8\n");	/* 11 */
	rc = load(&c, path, errs, sizeof(errs));
	CHECK_INT(rc, 7);
	snprintf(line, sizeof(line), "%s:2: « port » attend", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:3: clé inconnue « colour »", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:4: ligne sans « = »", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:6: « max_startups »", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:7: « max_auth_tries »", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:9: section inconnue [nowhere]",
	    path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:11: texte invalide", path);
	CHECK(strstr(errs, line) != NULL);
	/* A failed load leaves nothing behind. */
	CHECK(c.site_name == NULL && c.database == NULL);
}

/* [mail]: the defaults, good values, and each mistake by its line. */
static void
test_mail(void)
{
	struct config c;
	char errs[4096], line[700];
	const char *path;

	path = write_conf("mail.conf",
	    "[mail]\n"
	    "sendmail = /usr/bin/msmtp -t -oi\n"
	    "from = Réseau Intégration <palabre@reseau.fr>\n"
	    "host = palabre.reseau.fr\n"
	    "port = 22\n"
	    "digest_hour = 6\n");
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 0);
	CHECK_STR(c.mail_sendmail, "/usr/bin/msmtp -t -oi");
	CHECK_STR(c.mail_from, "Réseau Intégration <palabre@reseau.fr>");
	CHECK_STR(c.mail_host, "palabre.reseau.fr");
	CHECK_INT(c.mail_port, 22);
	CHECK_INT(c.mail_digest_hour, 6);
	config_clear(&c);
	path = write_conf("mail-defaults.conf", "[mail]\n");
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 0);
	CHECK_STR(c.mail_sendmail, "/usr/sbin/sendmail -t -oi");
	CHECK_STR(c.mail_from, "");
	CHECK_INT(c.mail_digest_hour, 7);
	config_clear(&c);

	path = write_conf("mail-bad.conf",
	    "[mail]\n"					/* 1 */
	    "sendmail = sendmail -t -oi\n"		/* 2 */
	    "from = palabre chez reseau.fr\n"		/* 3 */
	    "from = Réseau <palabre@reseau.fr\n"	/* 4 */
	    "host = palabre@reseau.fr\n"		/* 5 */
	    "digest_hour = 24\n"			/* 6 */
	    "relay = smtp.reseau.fr\n");		/* 7 */
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 6);
	snprintf(line, sizeof(line), "%s:2: « sendmail » attend", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:3: « from » attend", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:4: « from » attend", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:5: « host » attend", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:6: « digest_hour » attend", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:7: clé inconnue « relay » dans "
	    "[mail]", path);
	CHECK(strstr(errs, line) != NULL);
}

/*
 * [store]: SQLite's file by default; PostgreSQL's DSN with engine =
 * postgresql, kept until a restart; each mistake by its line, the DSN
 * (it may hold a password) never repeated.
 */
static void
test_store(void)
{
	struct config c, fresh;
	char errs[4096], line[700];
	const char *path;

	path = write_conf("store-default.conf", "[server]\n"
	    "database = data/p.db\n");
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 0);
	CHECK_INT(c.store_engine, CONFIG_ENGINE_SQLITE);
	CHECK(c.store_dsn == NULL);
	CHECK_STR(config_store(&c), c.database);
	config_clear(&c);

	path = write_conf("store-pg.conf", "[store]\n"
	    "engine = postgresql\n"
	    "dsn = postgresql:///palabre?host=/run/postgresql\n");
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 0);
	CHECK_INT(c.store_engine, CONFIG_ENGINE_POSTGRESQL);
	CHECK_STR(config_store(&c), "postgresql:///palabre?host=/run/postgresql");
	CHECK(strstr(c.database, "/var/palabre.db") != NULL);

	/* Another DSN: for the next start only. */
	path = write_conf("store-pg.conf", "[store]\n"
	    "engine = postgresql\n"
	    "dsn = postgres://autre/palabre\n");
	CHECK_INT(load(&fresh, path, errs, sizeof(errs)), 0);
	CHECK(config_take(&c, &fresh) & CONFIG_RESTART_DATABASE);
	CHECK_STR(config_store(&c), "postgresql:///palabre?host=/run/postgresql");
	config_clear(&c);

	path = write_conf("store-bad.conf",
	    "[store]\n"				/* 1 */
	    "engine = postgres\n"			/* 2 */
	    "dsn = host=db password=secret\n"		/* 3 */
	    "user = palabre\n"				/* 4 */
	    "engine = postgresql\n");			/* 5 */
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 4);
	snprintf(line, sizeof(line), "%s:2: « engine » : sqlite ou "
	    "postgresql, pas « postgres »", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:3: « dsn » attend", path);
	CHECK(strstr(errs, line) != NULL);
	CHECK(strstr(errs, "secret") == NULL);
	snprintf(line, sizeof(line), "%s:4: clé inconnue « user » dans "
	    "[store]", path);
	CHECK(strstr(errs, line) != NULL);
	snprintf(line, sizeof(line), "%s:5: engine = postgresql : il faut",
	    path);
	CHECK(strstr(errs, line) != NULL);
}

/* The input rule (issue 12 §1): a line with a NUL is refused, by its
 * number, never cut short at the NUL (« name = Réseau » would do). */
static void
test_nul_line(void)
{
	static const char text[] = "[site]\nname = R\xc3\xa9seau\0cach\xc3\xa9\n";
	struct config c;
	char errs[2048], line[700];
	const char *path;
	FILE *f;

	path = write_conf("nul.conf", "");
	if ((f = fopen(path, "w")) == NULL)
		return;
	fwrite(text, 1, sizeof text - 1, f);
	fclose(f);
	CHECK(load(&c, path, errs, sizeof(errs)) > 0);
	snprintf(line, sizeof(line), "%s:2: octet nul", path);
	CHECK(strstr(errs, line) != NULL);
}

static void
test_missing_file_and_long_line(void)
{
	struct config c;
	char errs[2048], *text;
	const char *path;

	CHECK_INT(load(&c, "/nonexistent/palabre.conf", errs, sizeof(errs)),
	    -1);
	CHECK(strstr(errs, "impossible de lire") != NULL);

	text = malloc(1200);
	memset(text, 'a', 1100);
	memcpy(text, "[site]\nname = ", 14);
	memcpy(text + 1100, "\n", 2);
	path = write_conf("long.conf", text);
	free(text);
	CHECK(load(&c, path, errs, sizeof(errs)) > 0);
	CHECK(strstr(errs, ":2: ligne trop longue") != NULL);
}

/* One yes-or-no for every configuration file (palabre.conf, boards.d),
 * and the site's article (« Bienvenue sur le Réseau… »). */
static void
test_bool_and_article(void)
{
	struct config c;
	char errs[2048];
	const char *path;

	CHECK_INT(config_parse_bool("oui"), 1);
	CHECK_INT(config_parse_bool("Yes"), 1);
	CHECK_INT(config_parse_bool("1"), 1);
	CHECK_INT(config_parse_bool("NON"), 0);
	CHECK_INT(config_parse_bool("no"), 0);
	CHECK_INT(config_parse_bool("0"), 0);
	CHECK_INT(config_parse_bool("peut-être"), -1);
	CHECK_INT(config_parse_bool(""), -1);
	path = write_conf("bool.conf",
	    "[site]\nname = Réseau Intégration\narticle = le\n"
	    "[signup]\nenabled = Oui\n");
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 0);
	CHECK_INT(c.signup, 1);
	CHECK_STR(c.site_article, "le ");
	config_clear(&c);
	path = write_conf("bad-article.conf", "[site]\narticle = du\n");
	CHECK(load(&c, path, errs, sizeof(errs)) > 0);
	CHECK(strstr(errs, "article") != NULL);
	config_defaults(&c);
	CHECK_STR(c.site_article, "");
	config_clear(&c);
}

/*
 * The listener's copy (config_snapshot.c): what a session loads is what
 * the listener validated, with its database and run directory even when
 * the file names others, and a copy of the charter; config_take() keeps
 * the settings that wait for a restart.
 */
static void
test_snapshot_and_take(void)
{
	struct config c, fresh, copy;
	char errs[2048], run[600], charter[700], *text;
	const char *path;
	size_t len;

	snprintf(run, sizeof(run), "%s/run", dir);
	CHECK(mkdir(run, 0700) == 0);
	write_conf("charte.md", "Respect et bienveillance.\n");
	path = write_conf("snap.conf",
	    "[server]\n"
	    "database = data/a.db\n"
	    "run_dir = run\n"
	    "[site]\n"
	    "name = Réseau ; premier\n"
	    "[signup]\n"
	    "charter = charte.md");	/* no final newline */
	CHECK_INT(load(&c, path, errs, sizeof(errs)), 0);
	CHECK_STR(c.run_dir, run);
	CHECK(c.text != NULL && c.text_len > 0);
	CHECK_INT(config_snapshot_write(&c), 0);

	/* The sysop edits: another database, another name, an error. */
	path = write_conf("snap.conf",
	    "[server]\n"
	    "database = data/b.db\n"
	    "[site]\n"
	    "name = Réseau second\n");
	CHECK_INT(load(&fresh, path, errs, sizeof(errs)), 0);
	CHECK(strstr(fresh.database, "/data/b.db") != NULL);
	CHECK_INT(config_take(&c, &fresh),
	    CONFIG_RESTART_DATABASE | CONFIG_RESTART_RUN);
	CHECK(strstr(c.database, "/data/a.db") != NULL);
	CHECK_STR(c.run_dir, run);
	CHECK_STR(c.site_name, "Réseau second");
	CHECK(c.charter == NULL);
	CHECK(fresh.database == NULL && fresh.text == NULL);

	/* The copy still says what was validated before the take. */
	CHECK_INT(config_snapshot_load(&copy, run, path, NULL), 0);
	CHECK_STR(copy.site_name, "Réseau\xc2\xa0; premier");
	CHECK(strstr(copy.database, "/data/a.db") != NULL);
	CHECK_STR(copy.run_dir, run);
	snprintf(charter, sizeof(charter), "%s/charte.txt", run);
	CHECK_STR(copy.charter, charter);
	CHECK(file_read(charter, 1000, &text, &len) == 0 &&
	    strcmp(text, "Respect et bienveillance.\n") == 0);
	free(text);
	config_clear(&copy);

	/* After the take, the copy written is the new one, database kept. */
	CHECK_INT(config_snapshot_write(&c), 0);
	CHECK_INT(config_snapshot_load(&copy, run, path, NULL), 0);
	CHECK_STR(copy.site_name, "Réseau second");
	CHECK(strstr(copy.database, "/data/a.db") != NULL);
	config_clear(&copy);
	config_clear(&c);

	/* No copy: an error, never the defaults. */
	CHECK(config_snapshot_load(&copy, "/nonexistent", path, NULL) == -1);
	CHECK(copy.database == NULL);
}

int
main(void)
{
	static const char *files[] = { "ok.conf", "bad.conf", "long.conf",
	    "bool.conf", "bad-article.conf" };
	char path[600];
	size_t i;

	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_defaults_and_values);
	RUN(test_errors_with_lines);
	RUN(test_nul_line);
	RUN(test_missing_file_and_long_line);
	RUN(test_bool_and_article);
	RUN(test_snapshot_and_take);
	RUN(test_mail);
	RUN(test_store);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	unit_rmtree(dir);
	TEST_DONE();
}
