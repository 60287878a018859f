/*
 * test_boards_conf.c - the boards' files (boards.d, *.conf) parsing: the fields, the files
 * read (sorted, only *.conf, no dotfiles), and every error reported as
 * "file:line: message" with the right file and line; applying them to
 * a database (what changed) and backdating a post.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "store/store.h"
#include "util/util.h"
#include "unit.h"
#include "unit_store.h"

static char dir[] = "/tmp/palabre-test-boards-XXXXXX";

/* Write text to dir/sub/name (sub made if needed); the path (static). */
static const char *
write_file(const char *sub, const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* A config whose boards are in dir/sub. */
static void
cfg_for(struct config *c, const char *sub)
{
	config_defaults(c);
	free(c->boards_dir);
	xasprintf(&c->boards_dir, "%s/%s", dir, sub);
}

/* Load the boards of dir/sub, the error output in errs. */
static int
load(const char *sub, struct store_board_conf **list, size_t *n,
    char *errs, size_t size)
{
	struct config c;
	FILE *f = fmemopen(errs, size, "w");
	int rc;

	memset(errs, 0, size);
	cfg_for(&c, sub);
	rc = config_boards_load(&c, list, n, f);
	fclose(f);
	config_clear(&c);
	return rc;
}

/* errs holds "dir/sub/name:line: what...". */
static int
has_error(const char *errs, const char *sub, const char *name, int line,
    const char *what)
{
	char want[1024];

	snprintf(want, sizeof(want), "%s/%s/%s:%d: %s", dir, sub, name, line,
	    what);
	if (strstr(errs, want) != NULL)
		return 1;
	fprintf(stderr, "  missing: %s\n", want);
	return 0;
}

static void
test_good_files_sorted(void)
{
	struct store_board_conf *b;
	char errs[2048];
	size_t n;

	write_file("good", "20-emploi.conf",
	    "; Emploi — exemple\n"
	    "[board]\n"
	    "key = emploi-insertion   ; ne change jamais\n"
	    "title = Emploi et insertion professionnelle\n"
	    "description = Accompagnement vers l'emploi ; partage\n"
	    "  d'expériences\tet « bonnes pratiques »\n"
	    "section = Emploi\n"
	    "order = 10\n"
	    "read = invité\n"
	    "post = membre   ; commentaire\n"
	    "moderators = karim,  elodie\n"
	    "approval = yes\n");	/* as palabre.conf says it */
	write_file("good", "10-accueil.conf",
	    "[board]\r\n"
	    "key = accueil\r\n"
	    "# commentaire à la mode shell\r\n"
	    "title = Accueil et premiers pas\r\n"
	    "read = moderateur\r\n"
	    "post = sysop\r\n");
	/* Not boards: a dotfile, a backup, another extension. */
	write_file("good", ".cache.conf", "[board]\nkey = x\n");
	write_file("good", "20-emploi.conf~", "n'importe quoi\n");
	write_file("good", "LISEZMOI.txt", "n'importe quoi\n");

	CHECK_INT(load("good", &b, &n, errs, sizeof(errs)), 0);
	CHECK_STR(errs, "");
	CHECK_INT(n, 2);
	if (n != 2)
		return;
	CHECK_STR(b[0].key, "accueil");
	CHECK_STR(b[0].title, "Accueil et premiers pas");
	CHECK_STR(b[0].description, "");
	CHECK_STR(b[0].section, "");
	CHECK_STR(b[0].moderators, "");
	CHECK_INT(b[0].position, 0);
	CHECK_INT(b[0].read_role, ROLE_MODERATEUR);
	CHECK_INT(b[0].post_role, ROLE_SYSOP);
	CHECK_INT(b[0].approval, 0);

	CHECK_STR(b[1].key, "emploi-insertion");
	CHECK_STR(b[1].title, "Emploi et insertion professionnelle");
	/* « ; » in a text is punctuation; indented lines continue it. */
	CHECK_STR(b[1].description, "Accompagnement vers l'emploi\u00a0; "
	    "partage d'expériences et « bonnes pratiques »");
	CHECK_STR(b[1].section, "Emploi");
	CHECK_INT(b[1].position, 10);
	CHECK_INT(b[1].read_role, ROLE_INVITE);
	CHECK_INT(b[1].post_role, ROLE_MEMBRE);
	CHECK_STR(b[1].moderators, "karim elodie");
	CHECK_INT(b[1].approval, 1);
	config_boards_free(b, n);
}

static void
test_errors_with_lines(void)
{
	struct store_board_conf *b;
	char errs[8192];
	size_t n;
	int rc;

	write_file("bad", "a.conf",
	    "[board]\n"					/* 1 */
	    "key = Emploi_2\n"				/* 2 */
	    "title = Titre\n"				/* 3 */
	    "colour = bleu\n"				/* 4 */
	    "read = chef\n"				/* 5 */
	    "approval = peut-être\n"			/* 6 */
	    "order = dix\n"				/* 7 */
	    "moderators = karim Élodie\n"		/* 8 */
	    "title = Encore\n"				/* 9 */
	    "une ligne sans signe\n"			/* 10 */
	    "section = Emploi \xc3\x28\n"		/* 11 */
	    "post = membre\n"				/* 12 */
	    "  suite\n"					/* 13 */
	    "[autre]\n"					/* 14 */
	    "x = 1\n"					/* 15 */
	    "[board]\n");				/* 16 */
	rc = load("bad", &b, &n, errs, sizeof(errs));
	CHECK(b == NULL);
	CHECK_INT(n, 0);
	CHECK(has_error(errs, "bad", "a.conf", 2,
	    "clé de tableau invalide « Emploi_2 »"));
	CHECK(has_error(errs, "bad", "a.conf", 4,
	    "clé inconnue « colour » dans [board]"));
	CHECK(has_error(errs, "bad", "a.conf", 5,
	    "« read » : rôle inconnu « chef »"));
	CHECK(has_error(errs, "bad", "a.conf", 6,
	    "« approval » attend oui ou non, pas « peut-être »"));
	CHECK(has_error(errs, "bad", "a.conf", 7,
	    "« order » attend un nombre entier"));
	CHECK(has_error(errs, "bad", "a.conf", 8,
	    "« moderators » : identifiant invalide « Élodie »"));
	CHECK(has_error(errs, "bad", "a.conf", 9,
	    "« title » est déjà donné ligne 3"));
	CHECK(has_error(errs, "bad", "a.conf", 10, "ligne sans « = »"));
	CHECK(has_error(errs, "bad", "a.conf", 11, "texte invalide"));
	CHECK(has_error(errs, "bad", "a.conf", 13,
	    "ligne en retrait après « post »"));
	CHECK(has_error(errs, "bad", "a.conf", 14,
	    "section inconnue [autre]"));
	CHECK(has_error(errs, "bad", "a.conf", 16,
	    "une seule section [board] par fichier (la première est "
	    "ligne 1)"));
	/* Nothing else: x = 1 in [autre] is not reported twice. */
	CHECK_INT(rc, 12);
}

static void
test_texts_and_required(void)
{
	struct store_board_conf *b;
	char errs[4096], big[400];
	size_t n;

	write_file("texts", "a.conf",
	    "[board]\n"					/* 1 */
	    "title = \n"				/* 2 */
	    "description = Bonjour \xe2\x80\xae inversé\n"	/* 3: RLO */
	    "read = modérateur\n"			/* 4 */
	    "post = membre\n");				/* 5 */
	memset(big, 'a', sizeof(big));
	memcpy(big, "[board]\nkey = b\ntitle = ", 24);
	memcpy(big + 150, "\n", 2);
	write_file("texts", "b.conf", big);
	write_file("texts", "c.conf", "; rien\n");
	memset(big, 'e', sizeof(big));
	memcpy(big, "[board]\nkey = d\ntitle = D\ndescription = ", 40);
	memcpy(big + 300, "\n", 2);
	write_file("texts", "d.conf", big);
	CHECK_INT(load("texts", &b, &n, errs, sizeof(errs)), 7);
	CHECK(b == NULL);
	CHECK(has_error(errs, "texts", "a.conf", 2, "« title » est vide"));
	CHECK(has_error(errs, "texts", "a.conf", 3,
	    "texte invalide (UTF-8 attendu, sans caractère de contrôle)"));
	CHECK(has_error(errs, "texts", "a.conf", 1, "« key » manque"));
	CHECK(has_error(errs, "texts", "a.conf", 5,
	    "« post » (membre) ne peut pas être en dessous de « read » "
	    "(modération)"));
	CHECK(has_error(errs, "texts", "b.conf", 3,
	    "« title » est trop long (120 octets au plus)"));
	CHECK(has_error(errs, "texts", "c.conf", 1, "aucune section [board]"));
	CHECK(has_error(errs, "texts", "d.conf", 4, "ligne trop longue (197 "
	    "octets au plus) : ligne ignorée ; une description longue se "
	    "poursuit sur des lignes en retrait"));
}

static void
test_duplicate_keys(void)
{
	struct store_board_conf *b;
	char errs[2048], want[1024];
	size_t n;

	write_file("dup", "a.conf", "[board]\nkey = emploi\ntitle = A\n");
	write_file("dup", "b.conf", "[board]\ntitle = B\n\nkey = logement\n");
	write_file("dup", "c.conf", "[board]\ntitle = C\nkey = emploi\n");
	CHECK_INT(load("dup", &b, &n, errs, sizeof(errs)), 1);
	CHECK(b == NULL);
	snprintf(want, sizeof(want), "%s/dup/c.conf:3: la clé « emploi » est "
	    "déjà celle de %s/dup/a.conf:2\n", dir, dir);
	CHECK_STR(errs, want);
}

static void
test_missing_dir_and_paths(void)
{
	struct store_board_conf *b = (void *)1;
	struct config c;
	char errs[1024], want[600];
	const char *path;
	size_t n = 99;

	/* No directory: no boards, no error. */
	CHECK_INT(load("nowhere", &b, &n, errs, sizeof(errs)), 0);
	CHECK(b == NULL);
	CHECK_INT(n, 0);
	CHECK_STR(errs, "");

	/* A file where the directory should be is an error. */
	write_file("file", "x", "");
	CHECK_INT(load("file/x", &b, &n, errs, sizeof(errs)), 1);
	CHECK(strstr(errs, "impossible de lire le dossier") != NULL);

	/* Default: boards.d beside palabre.conf; else relative to it. */
	path = write_file("conf", "palabre.conf", "[server]\nport = 2022\n");
	CHECK_INT(config_load(&c, path, NULL), 0);
	snprintf(want, sizeof(want), "%s/conf/boards.d", dir);
	CHECK_STR(c.boards_dir, want);
	config_clear(&c);
	path = write_file("conf", "palabre.conf",
	    "[server]\nboards = ../tableaux/\n");
	CHECK_INT(config_load(&c, path, NULL), 0);
	snprintf(want, sizeof(want), "%s/tableaux", dir);
	CHECK_STR(c.boards_dir, want);
	config_clear(&c);
	path = write_file("conf", "palabre.conf", "[server]\nboards =\n");
	CHECK_INT(config_load(&c, path, NULL), 0);
	CHECK(c.boards_dir == NULL);
	CHECK_INT(config_boards_load(&c, &b, &n, NULL), 0);
	CHECK_INT(n, 0);
	config_clear(&c);
}

/* Apply dir/apply to s; the summary (static), or "" on failure. */
static const char *
apply(struct store *s, int *rc)
{
	static char out[200];
	struct config c;
	char *summary = NULL;

	cfg_for(&c, "apply");
	*rc = config_boards_apply(&c, s, NULL, &summary);
	snprintf(out, sizeof(out), "%s", summary != NULL ? summary : "");
	free(summary);
	config_clear(&c);
	return out;
}

static void
test_apply(void)
{
	struct store_board *list;
	struct store *s;
	char path[600], *cause = NULL;
	size_t n;
	int rc;

	snprintf(path, sizeof(path), "%s/apply.db", dir);
	if ((s = store_open(path, STORE_CREATE | STORE_MIGRATE,
	    &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		CHECK(0);
		return;
	}
	write_file("apply", "a.conf", "[board]\nkey = a\ntitle = A\n");
	write_file("apply", "b.conf", "[board]\nkey = b\ntitle = B\n");
	CHECK_STR(apply(s, &rc), "tableaux : 2 ajoutés");
	CHECK_INT(rc, 0);
	CHECK_STR(apply(s, &rc), "tableaux : aucun changement");

	write_file("apply", "a.conf", "[board]\nkey = a\ntitle = A'\n");
	snprintf(path, sizeof(path), "%s/apply/b.conf", dir);
	unlink(path);
	write_file("apply", "c.conf", "[board]\nkey = c\ntitle = C\n");
	CHECK_STR(apply(s, &rc), "tableaux : 1 ajouté, 1 modifié, "
	    "1 archivé");

	/* Errors: nothing changes. */
	write_file("apply", "b.conf", "[board]\nkey = b\ntitle = B\nx = 1\n");
	CHECK_STR(apply(s, &rc), "");
	CHECK_INT(rc, 1);
	write_file("apply", "b.conf", "[board]\nkey = b\ntitle = B\n");
	CHECK_STR(apply(s, &rc), "tableaux : 1 rétabli");

	CHECK_RC(store_board_list_all(s, &list, &n), STORE_OK);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(list[0].title, "A'");
		CHECK_INT(list[1].archived_at, 0);
	}
	store_board_list_free(list, n);
	store_free(s);
}

static void
test_backdate(void)
{
	struct store_member m;
	struct store_viewer v;
	struct store_board *list;
	struct store_thread t;
	struct store *s;
	char path[600], *cause = NULL;
	int64_t thread_id, opening, reply, t1 = 1700000000, t2 = 1700086400;
	size_t n;
	int rc;

	snprintf(path, sizeof(path), "%s/apply.db", dir);
	if ((s = store_open(path, 0, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		CHECK(0);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.login = (char *)"karim";
	m.display_name = (char *)"Karim";
	m.organisation = (char *)"";
	m.role = ROLE_MEMBRE;
	m.status = STATUS_ACTIF;
	CHECK_RC(store_member_insert(s, &m), STORE_OK);
	memset(&v, 0, sizeof(v));
	v.member_id = m.id;
	v.login = "karim";
	v.role = ROLE_MEMBRE;
	CHECK_RC(store_board_list_all(s, &list, &n), STORE_OK);
	CHECK(n > 0);
	rc = n > 0 ? store_thread_new(s, &v, list[0].id, "Sujet",
	    "Premier message", &thread_id, &opening) : -1;
	CHECK_INT(rc, 0);
	CHECK_RC(store_post_reply(s, &v, opening, "Réponse", &reply), STORE_OK);
	CHECK_RC(store_post_backdate(s, opening, t1), STORE_OK);
	CHECK_RC(store_post_backdate(s, reply, t2), STORE_OK);
	CHECK_RC(store_post_backdate(s, reply + 100, t2), STORE_NOT_FOUND);
	memset(&t, 0, sizeof(t));
	CHECK_RC(store_thread_get(s, &v, thread_id, &t), STORE_OK);
	CHECK_INT(t.created_at, t1);
	CHECK_INT(t.last_post_at, t2);
	CHECK_INT(t.last_post_id, reply);
	store_thread_clear(&t);
	store_board_list_free(list, n);
	CHECK_RC(store_board_list_all(s, &list, &n), STORE_OK);
	if (n > 0)
		CHECK_INT(list[0].last_post_at, t2);
	store_board_list_free(list, n);
	store_free(s);
}

/* Moderators who are no member: a warning each, with file and line;
 * the archive count a sync would make, with the keys. */
static void
test_unknown_moderators(void)
{
	struct store_board_conf *b;
	struct store_member m;
	struct store *s;
	char path[600], errs[2048], *cause = NULL, *keys = NULL;
	FILE *f;
	size_t n;
	int rc;

	snprintf(path, sizeof(path), "%s/mods.db", dir);
	if ((s = store_open(path, STORE_CREATE | STORE_MIGRATE,
	    &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		CHECK(0);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.login = (char *)"karim";
	m.display_name = (char *)"Karim";
	m.role = ROLE_MODERATEUR;
	m.status = STATUS_ACTIF;
	CHECK_RC(store_member_insert(s, &m), STORE_OK);
	write_file("mods", "a.conf", "[board]\nkey = a\ntitle = A\n"
	    "; qui modère\nmoderators = karim, personne\n");
	write_file("mods", "b.conf", "[board]\nkey = b\ntitle = B\n"
	    "moderators = karim\n");
	CHECK_INT(load("mods", &b, &n, errs, sizeof(errs)), 0);
	f = fmemopen(errs, sizeof(errs), "w");
	rc = config_boards_check_logins(b, n, s, f);
	fclose(f);
	CHECK_INT(rc, 1);
	CHECK(has_error(errs, "mods", "a.conf", 5, "avertissement : "
	    "« moderators » : aucun membre n'a l'identifiant « personne »"));
	CHECK(strstr(errs, "« karim »") == NULL);

	/* Synced, then b.conf gone: one board to archive, named. */
	CHECK_INT(config_boards_sync(s, b, n, NULL, NULL), 0);
	CHECK_INT(config_boards_archived(s, b, 1, &keys), 1);
	CHECK_STR(keys, "b");
	free(keys);
	CHECK_INT(config_boards_archived(s, b, 0, &keys), 2);
	CHECK_STR(keys, "a, b");
	free(keys);
	config_boards_free(b, n);
	store_free(s);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_good_files_sorted);
	RUN(test_errors_with_lines);
	RUN(test_texts_and_required);
	RUN(test_duplicate_keys);
	RUN(test_missing_dir_and_paths);
	RUN(test_apply);
	RUN(test_backdate);
	RUN(test_unknown_moderators);
	unit_rmtree(dir);
	TEST_DONE();
}
