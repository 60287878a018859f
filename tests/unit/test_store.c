/*
 * test_store.c - the store on ":memory:" (and on a file in /tmp where WAL,
 * reopening and a second connection matter): migrations, members, keys,
 * preferences, editorials, login penalties, the audit log, transactions
 * and the integrity check, and what a connection keeps in memory.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/migrations.h"
#include "store/store.h"
#include "util/util.h"

#include "unit.h"
#include "unit_store.h"

static int64_t		 add_member(struct store *, const char *,
			    const char *);
static char		*tmp_dir(void);
static void		 tmp_clean(char *, const char *);
static int		 file_exists(const char *);
static int		 file_bytes(const char *, off_t, unsigned char *,
			    size_t);
static int		 file_patch(const char *, off_t,
			    const unsigned char *, size_t);

/* Insert a member with this login and display name; its id, or -1. */
static int64_t
add_member(struct store *s, const char *login, const char *name)
{
	struct store_member m;

	memset(&m, 0, sizeof(m));
	m.login = (char *)login;
	m.display_name = (char *)name;
	m.role = ROLE_MEMBRE;
	m.status = STATUS_ACTIF;
	if (store_member_insert(s, &m) != 0)
		return -1;
	return m.id;
}

/* A new private directory under /tmp. */
static char *
tmp_dir(void)
{
	char *d = xstrdup("/tmp/palabre-test-store-XXXXXX");

	if (mkdtemp(d) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	return d;
}

/* Remove the database file db (and its -wal, -shm) and the directory. */
static void
tmp_clean(char *dir, const char *db)
{
	char *p;

	unlink(db);
	xasprintf(&p, "%s-wal", db);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-shm", db);
	unlink(p);
	free(p);
	rmdir(dir);
	free(dir);
}

/* 1 if path exists. */
static int
file_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* Read n bytes at off; 0 or -1. */
static int
file_bytes(const char *path, off_t off, unsigned char *b, size_t n)
{
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	if (pread(fd, b, n, off) == (ssize_t)n)
		rc = 0;
	close(fd);
	return rc;
}

/* Overwrite n bytes at off; 0 or -1. */
static int
file_patch(const char *path, off_t off, const unsigned char *b, size_t n)
{
	int fd, rc = -1;

	if ((fd = open(path, O_WRONLY)) == -1)
		return -1;
	if (pwrite(fd, b, n, off) == (ssize_t)n && fsync(fd) == 0)
		rc = 0;
	close(fd);
	return rc;
}

static void
test_migrate(void)
{
	struct store *s = unit_mem_store();
	char *cause = NULL, *report = (char *)"x";

	CHECK(store_latest_version() >= 1);
	CHECK_INT(store_schema_version(s), store_latest_version());
	CHECK_RC(store_migrate(s, &cause), STORE_OK);
	CHECK(cause == NULL);
	CHECK_INT(store_schema_version(s), store_latest_version());
	CHECK_INT(store_check(s, &report), 0);
	CHECK(report == NULL);
	store_free(s);
	store_free(NULL);
}

/*
 * db/ and db/pg/ move together (docs/POSTGRESQL.md): PostgreSQL's
 * newest is SQLite's, and past PostgreSQL's baseline each migration has
 * its twin of the same number on the other engine.
 */
static void
test_migrations_twins(void)
{
	const struct store_migration *pg = store_pg_migrations;
	int i, j, base, n = store_nmigrations, npg = store_pg_nmigrations;

	CHECK(npg >= 1);
	if (npg < 1)
		return;
	CHECK_INT(pg[npg - 1].version, store_latest_version());
	base = pg[0].version;
	for (i = 0; i < n; i++) {
		if (store_migrations[i].version <= base)
			continue;
		for (j = 1; j < npg; j++)
			if (pg[j].version == store_migrations[i].version)
				break;
		if (j == npg)
			fprintf(stderr, "db/pg/ lacks %s's twin\n",
			    store_migrations[i].name);
		CHECK(j < npg);
	}
	for (j = 1; j < npg; j++) {
		for (i = 0; i < n; i++)
			if (store_migrations[i].version == pg[j].version)
				break;
		CHECK(i < n);
	}
}

static void
test_not_migrated(void)
{
	struct store *s;
	char *cause = NULL;

	/* A new database is at schema 0: out of date without MIGRATE. */
	s = store_open(":memory:", STORE_CREATE, &cause);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause, "palabre admin db migrate"));
	free(cause);
	store_free(s);

	cause = NULL;
	s = store_open("/nonexistent-dir/palabre.db", STORE_CREATE |
	    STORE_MIGRATE, &cause);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause,
	    "impossible d'ouvrir la base « /nonexistent-dir/palabre.db » : "
	    "dossier absent"));
	free(cause);
	store_free(s);
}

static void
test_file(void)
{
	struct store *s, *s2;
	struct store_member m;
	unsigned char hdr[2], v[4];
	char *dir = tmp_dir(), *db, *wal, *cause = NULL;
	int newer;

	xasprintf(&db, "%s/palabre.db", dir);
	xasprintf(&wal, "%s-wal", db);

	/* Without STORE_CREATE a missing file is an error. */
	s = store_open(db, STORE_MIGRATE, &cause);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause, "impossible d'ouvrir"));
	free(cause);
	cause = NULL;

	s = store_open(db, STORE_CREATE | STORE_MIGRATE, &cause);
	CHECK(s != NULL);
	if (s == NULL)
		goto out;
	CHECK(add_member(s, "elodie", "Élodie Martin") > 0);
	CHECK(file_exists(wal));

	/* A second connection sees what the first committed, and back. */
	s2 = store_open(db, 0, &cause);
	CHECK(s2 != NULL);
	if (s2 != NULL) {
		CHECK_RC(store_member_by_login(s2, "elodie", &m), STORE_OK);
		CHECK_STR(m.display_name, "Élodie Martin");
		store_member_clear(&m);
		CHECK(add_member(s2, "fabrice", "Fabrice Durand") > 0);
		store_free(s2);
	}
	CHECK_RC(store_member_by_login(s, "fabrice", &m), STORE_OK);
	CHECK_STR(m.login, "fabrice");
	store_member_clear(&m);
	store_free(s);

	/* File format bytes 18-19 are 2 in WAL mode; -wal gone at close. */
	CHECK_INT(file_bytes(db, 18, hdr, 2), 0);
	CHECK_INT(hdr[0], 2);
	CHECK_INT(hdr[1], 2);
	CHECK(!file_exists(wal));

	/* A database from a newer palabre (user_version at offset 60). */
	newer = store_latest_version() + 1;
	v[0] = (unsigned char)(newer >> 24);
	v[1] = (unsigned char)(newer >> 16);
	v[2] = (unsigned char)(newer >> 8);
	v[3] = (unsigned char)newer;
	CHECK_INT(file_patch(db, 60, v, 4), 0);
	s = store_open(db, STORE_MIGRATE, &cause);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause, "plus récent"));
	free(cause);
	cause = NULL;
	store_free(s);

	/* And once put back, it opens again with its data. */
	newer--;
	v[3] = (unsigned char)newer;
	v[2] = (unsigned char)(newer >> 8);
	CHECK_INT(file_patch(db, 60, v, 4), 0);
	s = store_open(db, STORE_READONLY, &cause);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_RC(store_member_by_login(s, "elodie", &m), STORE_OK);
		store_member_clear(&m);
		CHECK(add_member(s, "zoe", "Zoé") == -1);
		store_free(s);
	}
out:
	free(cause);
	free(wal);
	tmp_clean(dir, db);
	free(db);
}

/*
 * Memory: no bulk page cache (SQLite's default touches 87 KB at the first
 * read, per connection), and store_release_memory() gives back the pages
 * read while the connection stays usable. The test reads SQLite's own
 * counters: only store.c uses SQLite otherwise.
 */
static void
test_memory(void)
{
	struct store *s;
	struct store_member m;
	sqlite3_int64 cur, big;
	char *dir = tmp_dir(), *db, *cause = NULL, login[32], *list;
	int i, before, after;

	xasprintf(&db, "%s/palabre.db", dir);
	s = store_open(db, STORE_CREATE | STORE_MIGRATE, &cause);
	CHECK(s != NULL);
	if (s == NULL)
		goto out;
	for (i = 0; i < 300; i++) {
		snprintf(login, sizeof(login), "membre%d", i);
		CHECK(add_member(s, login, "Hélène Dupré") > 0);
	}
	store_free(s);

	/* The largest allocation since now, on a fresh connection. */
	sqlite3_status64(SQLITE_STATUS_MALLOC_SIZE, &cur, &big, 1);
	s = store_open(db, 0, &cause);
	CHECK(s != NULL);
	if (s == NULL)
		goto out;
	CHECK_RC(store_member_by_login(s, "membre299", &m), STORE_OK);
	store_member_clear(&m);
	sqlite3_status64(SQLITE_STATUS_MALLOC_SIZE, &cur, &big, 0);
	CHECK(big < 32 * 1024);
	CHECK_INT(store_check(s, &list), 0);	/* reads every page */
	free(list);

	before = store_cache_bytes(s);
	store_release_memory(s);
	after = store_cache_bytes(s);
	CHECK(before > 16 * 1024);
	CHECK(after < before / 4);
	/* Still usable: the pages are read again. */
	CHECK_RC(store_member_by_login(s, "membre7", &m), STORE_OK);
	CHECK_STR(m.display_name, "Hélène Dupré");
	store_member_clear(&m);
	CHECK(store_cache_bytes(s) > after);
	store_free(s);
out:
	free(cause);
	tmp_clean(dir, db);
	free(db);
}

static void
test_corrupt(void)
{
	struct store *s;
	unsigned char junk[64];
	char *dir = tmp_dir(), *db, *cause = NULL, *report = NULL;
	int i, rc;

	xasprintf(&db, "%s/palabre.db", dir);
	s = store_open(db, STORE_CREATE | STORE_MIGRATE, &cause);
	CHECK(s != NULL);
	if (s == NULL)
		goto out;
	for (i = 0; i < 50; i++) {
		char login[16];

		snprintf(login, sizeof(login), "m%02d", i);
		add_member(s, login, "Quelqu'un");
	}
	store_free(s);

	/* Scribble over the cells of page 2 (the member table's root). */
	memset(junk, 0x5a, sizeof(junk));
	CHECK_INT(file_patch(db, 4096 + 3000, junk, sizeof(junk)), 0);
	s = store_open(db, 0, &cause);
	CHECK(s != NULL);
	if (s == NULL)
		goto out;
	rc = store_check(s, &report);
	CHECK_INT(rc, 1);
	CHECK(report != NULL && strstr(report, "intégrité : "));
	free(report);
	store_free(s);
out:
	free(cause);
	tmp_clean(dir, db);
	free(db);
}

static void
test_member(void)
{
	struct store *s = unit_mem_store();
	struct store_member m, got;
	int64_t id, prev = -1, n = -1;

	memset(&m, 0, sizeof(m));
	m.login = (char *)"patrick";
	m.display_name = (char *)"Patrick Butor";
	m.organisation = (char *)"Délégation";
	m.role = ROLE_MODERATEUR;
	m.status = STATUS_EN_ATTENTE;
	m.password_hash = (char *)"$argon2id$x";
	CHECK_RC(store_member_insert(s, &m), STORE_OK);
	CHECK(m.id > 0);
	CHECK(m.created_at > 0);
	id = m.id;

	CHECK_RC(store_member_by_login(s, "patrick", &got), STORE_OK);
	CHECK_INT(got.id, id);
	CHECK_STR(got.display_name, "Patrick Butor");
	CHECK_STR(got.organisation, "Délégation");
	CHECK_INT(got.role, ROLE_MODERATEUR);
	CHECK_INT(got.status, STATUS_EN_ATTENTE);
	CHECK_STR(got.password_hash, "$argon2id$x");
	CHECK_INT(got.last_login_at, 0);
	store_member_clear(&got);
	store_member_clear(&got);

	CHECK_RC(store_member_by_login(s, "personne", &got), STORE_NOT_FOUND);
	CHECK_RC(store_member_by_id(s, id + 100, &got), STORE_NOT_FOUND);

	/* The same login again. */
	m.display_name = (char *)"Un autre";
	CHECK_RC(store_member_insert(s, &m), STORE_TAKEN);
	CHECK_RC(store_member_count(s, &n), STORE_OK);
	CHECK_INT(n, 1);

	CHECK_RC(store_member_set_password(s, id, NULL), STORE_OK);
	CHECK_RC(store_member_set_password(s, id + 100, "h"), STORE_NOT_FOUND);
	CHECK_RC(store_member_by_id(s, id, &got), STORE_OK);
	CHECK_STR(got.login, "patrick");
	CHECK(got.password_hash == NULL);
	store_member_clear(&got);

	CHECK_RC(store_member_login(s, id, 1000, &prev), STORE_OK);
	CHECK_INT(prev, 0);
	CHECK_RC(store_member_login(s, id, 2000, &prev), STORE_OK);
	CHECK_INT(prev, 1000);
	CHECK_RC(store_member_login(s, id + 100, 3000, &prev), STORE_NOT_FOUND);
	CHECK_RC(store_member_by_id(s, id, &got), STORE_OK);
	CHECK_INT(got.last_login_at, 2000);
	store_member_clear(&got);
	store_free(s);
}

static void
test_member_list(void)
{
	static const char *names[] = {
		"Fabrice", "Élodie", "zoé", "Elodie", "Anne"
	};
	static const char *want[] = {
		"Anne", "Elodie", "Élodie", "Fabrice", "zoé"
	};
	struct store *s = unit_mem_store();
	struct store_member *l = NULL;
	size_t i, n = 99;
	char login[8];

	CHECK_RC(store_member_list(s, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_member_list_free(l, n);

	for (i = 0; i < nitems(names); i++) {
		snprintf(login, sizeof(login), "m%zu", i);
		CHECK(add_member(s, login, names[i]) > 0);
	}
	CHECK_RC(store_member_list(s, &l, &n), STORE_OK);
	CHECK_INT(n, nitems(want));
	for (i = 0; i < n && i < nitems(want); i++)
		CHECK_STR(l[i].display_name, want[i]);
	store_member_list_free(l, n);
	store_free(s);
}

static void
test_roles(void)
{
	CHECK_INT(store_role_parse("sysop"), ROLE_SYSOP);
	CHECK_INT(store_role_parse("moderateur"), ROLE_MODERATEUR);
	CHECK_INT(store_role_parse("modérateur"), ROLE_MODERATEUR);
	CHECK_INT(store_role_parse("membre"), ROLE_MEMBRE);
	CHECK_INT(store_role_parse("invite"), ROLE_INVITE);
	CHECK_INT(store_role_parse("invité"), ROLE_INVITE);
	CHECK_INT(store_role_parse("documentaliste"), ROLE_DOCUMENTALISTE);
	CHECK_INT(store_role_parse("organisateur"), ROLE_ORGANISATEUR);
	CHECK_INT(store_role_parse("admin"), -1);
	CHECK_INT(store_role_parse(""), -1);
	CHECK_INT(store_role_parse(NULL), -1);
	CHECK_STR(store_role_key(ROLE_MODERATEUR), "moderateur");
	/* Said of the function, for Élodie as for Karim. */
	CHECK_STR(store_role_label(ROLE_MODERATEUR), "modération");
	CHECK_INT(store_role_parse("modération"), ROLE_MODERATEUR);
	CHECK_INT(store_role_parse("modératrice"), ROLE_MODERATEUR);
	CHECK_INT(store_role_parse("organisatrice"), ROLE_ORGANISATEUR);
	CHECK_STR(store_role_label(ROLE_INVITE), "invité");
	CHECK_STR(store_status_label(STATUS_EN_ATTENTE), "en attente");
	CHECK_STR(store_status_label(STATUS_ACTIF), "actif");
	CHECK_STR(store_status_label(STATUS_SUSPENDU), "suspendu");
	CHECK_STR(store_status_label(STATUS_REFUSE), "refusé");
	CHECK_STR(store_status_label(STATUS_ANONYMISE), "anonymisé");
}

static void
test_keys(void)
{
	struct store *s = unit_mem_store();
	struct store_key k, *l = NULL;
	int64_t a, b, owner = -1;
	size_t n = 0;

	a = add_member(s, "alice", "Alice");
	b = add_member(s, "bruno", "Bruno");
	CHECK(a > 0 && b > 0);

	memset(&k, 0, sizeof(k));
	k.member_id = a;
	k.algo = (char *)"ssh-ed25519";
	k.blob = (char *)"AAAAC3NzaC1lZDI1NTE5AAAAIA";
	k.fingerprint = (char *)"SHA256:abc";
	k.comment = (char *)"alice@poste";
	CHECK_RC(store_key_add(s, &k), STORE_OK);
	CHECK(k.id > 0);

	CHECK_RC(store_key_owner(s, "ssh-ed25519",
	    "AAAAC3NzaC1lZDI1NTE5AAAAIA", &owner), STORE_OK);
	CHECK_INT(owner, a);
	CHECK_RC(store_key_owner(s, "ssh-ed25519", "AAAA", &owner),
	    STORE_NOT_FOUND);
	CHECK_INT(owner, 0);

	/* The same key for someone else: refused, still Alice's. */
	k.member_id = b;
	CHECK_RC(store_key_add(s, &k), STORE_KEY_TAKEN);
	CHECK_RC(store_key_owner(s, "ssh-ed25519",
	    "AAAAC3NzaC1lZDI1NTE5AAAAIA", &owner), STORE_OK);
	CHECK_INT(owner, a);
	/* Nor for herself twice. */
	k.member_id = a;
	CHECK_RC(store_key_add(s, &k), STORE_KEY_TAKEN);

	/* A key for nobody breaks a foreign key: an error. */
	k.member_id = b + 100;
	k.blob = (char *)"BBBB";
	CHECK_RC(store_key_add(s, &k), STORE_ERR);

	CHECK_RC(store_key_touch(s, "ssh-ed25519",
	    "AAAAC3NzaC1lZDI1NTE5AAAAIA", 5000), STORE_OK);
	CHECK_RC(store_key_touch(s, "ssh-ed25519", "CCCC", 5000),
	    STORE_NOT_FOUND);

	CHECK_RC(store_key_list(s, a, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(l[0].member_id, a);
		CHECK_STR(l[0].fingerprint, "SHA256:abc");
		CHECK_STR(l[0].comment, "alice@poste");
		CHECK_INT(l[0].last_used_at, 5000);
	}
	store_key_list_free(l, n);
	CHECK_RC(store_key_list(s, b, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_key_list_free(l, n);
	store_free(s);
}

static void
test_prefs(void)
{
	struct store *s = unit_mem_store();
	char *v = (char *)"x";
	int64_t a;

	a = add_member(s, "alice", "Alice");
	CHECK(a > 0);
	CHECK_RC(store_pref_get(s, a, "charset", &v), STORE_NOT_FOUND);
	CHECK(v == NULL);
	CHECK_RC(store_pref_set(s, a, "charset", "latin1"), STORE_OK);
	CHECK_RC(store_pref_get(s, a, "charset", &v), STORE_OK);
	CHECK_STR(v, "latin1");
	free(v);
	CHECK_RC(store_pref_set(s, a, "charset", "utf-8"), STORE_OK);
	CHECK_RC(store_pref_get(s, a, "charset", &v), STORE_OK);
	CHECK_STR(v, "utf-8");
	free(v);
	CHECK_RC(store_pref_get(s, a, "lignes", &v), STORE_NOT_FOUND);
	CHECK_RC(store_pref_set(s, a, "charset", NULL), STORE_OK);
	CHECK_RC(store_pref_get(s, a, "charset", &v), STORE_NOT_FOUND);
	CHECK_RC(store_pref_set(s, a + 100, "charset", "ascii"), STORE_ERR);
	store_free(s);
}

static void
test_edito(void)
{
	struct store *s = unit_mem_store();
	struct store_edito e, got, *l = NULL;
	int64_t now = now_sec(), a, old, cur, future;
	size_t n = 0;
	char *big;

	a = add_member(s, "patrick", "Patrick Butor");
	CHECK_RC(store_edito_current(s, now, &got), STORE_NOT_FOUND);

	memset(&e, 0, sizeof(e));
	e.title = (char *)"Ancien";
	e.body = (char *)"Le *premier* édito.";
	e.byline = (char *)"Patrick Butor, DPM";
	e.author_id = a;
	e.published_at = now - 200;
	CHECK_RC(store_edito_insert(s, &e), STORE_OK);
	old = e.id;
	e.title = (char *)"Actuel";
	e.author_id = 0;
	e.published_at = now - 100;
	CHECK_RC(store_edito_insert(s, &e), STORE_OK);
	cur = e.id;
	e.title = (char *)"À venir";
	e.published_at = now + 1000;
	CHECK_RC(store_edito_insert(s, &e), STORE_OK);
	future = e.id;
	CHECK(old > 0 && cur > old && future > cur);

	CHECK_RC(store_edito_current(s, now, &got), STORE_OK);
	CHECK_INT(got.id, cur);
	CHECK_STR(got.title, "Actuel");
	CHECK_INT(got.author_id, 0);
	store_edito_clear(&got);

	CHECK_RC(store_edito_hide(s, cur, a, "doublon"), STORE_OK);
	CHECK_RC(store_edito_hide(s, cur, a, "doublon"), STORE_NOT_FOUND);
	CHECK_RC(store_edito_hide(s, future + 100, 0, NULL), STORE_NOT_FOUND);
	CHECK_RC(store_edito_current(s, now, &got), STORE_OK);
	CHECK_INT(got.id, old);
	CHECK_STR(got.byline, "Patrick Butor, DPM");
	CHECK_STR(got.body, "Le *premier* édito.");
	CHECK_INT(got.author_id, a);
	store_edito_clear(&got);

	/* Once its time has come the scheduled one is current. */
	CHECK_RC(store_edito_current(s, now + 2000, &got), STORE_OK);
	CHECK_INT(got.id, future);
	store_edito_clear(&got);

	CHECK_RC(store_edito_list(s, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(l[0].id, old);
	store_edito_list_free(l, n);

	/* Strings are capped at 4 MB (sqlite3_limit LENGTH). */
	big = xmalloc(5 * 1024 * 1024 + 1);
	memset(big, 'a', 5 * 1024 * 1024);
	big[5 * 1024 * 1024] = '\0';
	e.body = big;
	CHECK_RC(store_edito_insert(s, &e), STORE_ERR);
	big[3 * 1024 * 1024] = '\0';
	CHECK_RC(store_edito_insert(s, &e), STORE_OK);
	free(big);
	store_free(s);
}

static void
test_penalty(void)
{
	struct store *s = unit_mem_store();
	struct store_penalty_policy p = { 3, 300, 60 };
	int64_t t = 1700000000, until = -1;
	int i;

	CHECK_INT(store_penalty_check(s, "alice", t, &until), 0);
	CHECK_INT(until, 0);
	for (i = 0; i < 3; i++)
		CHECK_RC(store_penalty_fail(s, "alice", t + i, &p), STORE_OK);
	CHECK_INT(store_penalty_check(s, "alice", t + 3, &until), 0);

	/* The fourth failure locks for 60 s. */
	CHECK_RC(store_penalty_fail(s, "alice", t + 3, &p), STORE_OK);
	CHECK_INT(store_penalty_check(s, "alice", t + 4, &until), 1);
	CHECK_INT(until, t + 63);
	CHECK_INT(store_penalty_check(s, "bruno", t + 4, &until), 0);

	/* Failures during the lock change nothing. */
	CHECK_RC(store_penalty_fail(s, "alice", t + 10, &p), STORE_OK);
	CHECK_INT(store_penalty_check(s, "alice", t + 10, &until), 1);
	CHECK_INT(until, t + 63);

	/* It lifts; the next failure soon after locks twice as long. */
	CHECK_INT(store_penalty_check(s, "alice", t + 63, &until), 0);
	CHECK_RC(store_penalty_fail(s, "alice", t + 70, &p), STORE_OK);
	CHECK_INT(store_penalty_check(s, "alice", t + 71, &until), 1);
	CHECK_INT(until, t + 70 + 120);
	CHECK_RC(store_penalty_fail(s, "alice", t + 200, &p), STORE_OK);
	CHECK_INT(store_penalty_check(s, "alice", t + 201, &until), 1);
	CHECK_INT(until, t + 200 + 240);

	/* Doubling stops at one hour. */
	for (i = 0; i < 10; i++) {
		t = until;
		CHECK_INT(store_penalty_check(s, "alice", t, &until), 0);
		CHECK_RC(store_penalty_fail(s, "alice", t, &p), STORE_OK);
		CHECK_INT(store_penalty_check(s, "alice", t, &until), 1);
		CHECK(until - t <= 3600);
	}
	CHECK_INT(until, t + 3600);

	/* A success clears it all. */
	CHECK_RC(store_penalty_clear(s, "alice"), STORE_OK);
	CHECK_INT(store_penalty_check(s, "alice", t, &until), 0);
	CHECK_RC(store_penalty_fail(s, "alice", t, &p), STORE_OK);
	CHECK_INT(store_penalty_check(s, "alice", t, &until), 0);
	CHECK_RC(store_penalty_clear(s, "nobody"), STORE_OK);

	/* Failures spread over more than a window never lock. */
	for (i = 0; i < 12; i++) {
		CHECK_RC(store_penalty_fail(s, "carla", t + i * 101, &p),
		    STORE_OK);
		CHECK_INT(store_penalty_check(s, "carla", t + i * 101,
		    &until), 0);
	}
	store_free(s);
}

static void
test_audit(void)
{
	struct store *s = unit_mem_store();
	struct store_audit_entry *l = NULL;
	size_t n = 0;
	int64_t a;

	a = add_member(s, "sysop", "Le sysop");
	CHECK_RC(store_audit(s, 0, "member.add", "sysop", NULL), STORE_OK);
	CHECK_RC(store_audit(s, a, "edito.hide", "12", "doublon"), STORE_OK);
	CHECK_RC(store_audit(s, a + 100, "x", NULL, NULL), STORE_ERR);
	CHECK_RC(store_audit_recent(s, 10, &l, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(l[0].action, "edito.hide");
		CHECK_INT(l[0].actor_id, a);
		CHECK_STR(l[0].detail, "doublon");
		CHECK_STR(l[1].action, "member.add");
		CHECK_INT(l[1].actor_id, 0);
		CHECK_STR(l[1].target, "sysop");
		CHECK_STR(l[1].detail, "");
		CHECK(l[1].at > 0 && l[0].id > l[1].id);
	}
	store_audit_list_free(l, n);
	CHECK_RC(store_audit_recent(s, 1, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_audit_list_free(l, n);
	store_free(s);
}

/* Another connection holds the write lock: a save with a short wait
 * gives up at once and says why; it goes through once the lock is
 * released. */
static void
test_busy(void)
{
	struct store *s = NULL, *holder = NULL;
	struct store_draft d;
	char *dir = tmp_dir(), *db, *cause = NULL;
	int64_t id, t0, took;

	xasprintf(&db, "%s/palabre.db", dir);
	s = store_open(db, STORE_CREATE | STORE_MIGRATE, &cause);
	CHECK(s != NULL);
	holder = store_open(db, 0, &cause);
	CHECK(holder != NULL);
	if (s == NULL || holder == NULL)
		goto out;
	id = add_member(s, "elodie", "Élodie Martin");
	memset(&d, 0, sizeof(d));
	d.kind = DRAFT_MESSAGE;
	d.title = (char *)"Objet";
	d.body = (char *)"Un texte";

	CHECK_RC(store_begin(holder), STORE_OK);
	CHECK(add_member(holder, "karim", "Karim") > 0);
	CHECK_INT(store_wait(s, STORE_WAIT_AUTOSAVE), STORE_WAIT_DEFAULT);
	t0 = mono_ms();
	CHECK_RC(store_draft_save(s, id, &d), STORE_ERR);
	took = mono_ms() - t0;
	/* Generous: the wait is 50 ms, the default would be 5 s. */
	CHECK(took < 1000);
	CHECK_INT(store_fault(s), STORE_FAULT_BUSY);
	CHECK_STR(store_fault_label(store_fault(s)), "base occupée");
	CHECK_STR(store_fault_label(STORE_FAULT_FULL), "disque plein");
	CHECK_RC(store_commit(holder), STORE_OK);
	CHECK_RC(store_draft_save(s, id, &d), STORE_OK);
	CHECK_INT(store_fault(s), STORE_FAULT_NONE);
	CHECK_INT(store_wait(s, STORE_WAIT_DEFAULT), STORE_WAIT_AUTOSAVE);
out:
	store_free(holder);
	store_free(s);
	free(cause);
	tmp_clean(dir, db);
	free(db);
}

static void
test_tx(void)
{
	struct store *s = unit_mem_store();
	struct store_member m;
	int64_t prev;

	/* Rolled back: gone. */
	CHECK_RC(store_begin(s), STORE_OK);
	CHECK(add_member(s, "alice", "Alice") > 0);
	store_rollback(s);
	CHECK_RC(store_member_by_login(s, "alice", &m), STORE_NOT_FOUND);

	/* Nested, committed: kept, and store functions that take their own
	 * transaction work inside ours. */
	CHECK_RC(store_begin(s), STORE_OK);
	CHECK(add_member(s, "alice", "Alice") > 0);
	CHECK_RC(store_member_by_login(s, "alice", &m), STORE_OK);
	CHECK_RC(store_member_login(s, m.id, 10, &prev), STORE_OK);
	store_member_clear(&m);
	CHECK_RC(store_commit(s), STORE_OK);
	CHECK_RC(store_member_by_login(s, "alice", &m), STORE_OK);
	CHECK_INT(m.last_login_at, 10);
	store_member_clear(&m);

	/* An inner rollback dooms the outer transaction. */
	CHECK_RC(store_begin(s), STORE_OK);
	CHECK(add_member(s, "bruno", "Bruno") > 0);
	CHECK_RC(store_begin(s), STORE_OK);
	store_rollback(s);
	CHECK_RC(store_commit(s), STORE_ERR);
	CHECK_RC(store_member_by_login(s, "bruno", &m), STORE_NOT_FOUND);

	/* Commit without begin is an error; the store still works. */
	CHECK_RC(store_commit(s), STORE_ERR);
	CHECK(add_member(s, "bruno", "Bruno") > 0);

	/* Left open at close: rolled back, no leak. */
	CHECK_RC(store_begin(s), STORE_OK);
	CHECK(add_member(s, "carla", "Carla") > 0);
	store_free(s);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	/* The failures provoked on purpose log errors: quiet by default. */
	log_init("test_store", getenv("TEST_VERBOSE") != NULL ? LOG_DEBUG :
	    (enum log_level)(LOG_ERROR + 1));

	RUN(test_migrate);
	RUN(test_migrations_twins);
	RUN(test_not_migrated);
	RUN(test_file);
	RUN(test_corrupt);
	RUN(test_member);
	RUN(test_member_list);
	RUN(test_roles);
	RUN(test_keys);
	RUN(test_prefs);
	RUN(test_edito);
	RUN(test_penalty);
	RUN(test_audit);
	RUN(test_tx);
	RUN(test_busy);
	RUN(test_memory);
	TEST_DONE();
}
