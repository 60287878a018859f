/*
 * admin.c - the sysop's commands on the same database as the server: the
 * families user (accounts), db, edito, board and post, and the helpers
 * the families' files share. The table machinery is admin_cmd.c; the
 * other families live in admin_people.c (user's people side, message),
 * admin_doc.c, admin_practice.c, admin_event.c, admin_backup.c (backup,
 * restore) and admin_stats.c.
 *
 * "post" writes as a member would (their permissions apply) and prints
 * the new post's number: it makes demo data and imports.
 *
 * Everything typed here goes through the text layer like anything a
 * member writes; every change is written to the audit log.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <unistr.h>

#include "admin.h"
#include "admin_doc.h"
#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/notice.h"
#include "util/passwd.h"
#include "util/pubkey.h"
#include "util/util.h"

#define ADMIN_NAME_MAX	120	/* bytes, display names and organisations */
#define ADMIN_FILE_MAX	(4 * 1024 * 1024)

static char	*admin_password(int);
static int	 admin_key_add(struct store *, const struct store_member *,
		    const char *);
static char	*admin_read_file(const char *, size_t *);
static const char *admin_post_error(int);
static int	 post_write(struct config *, const char *, const char *,
		    int64_t, const char *, int64_t);
static int	 user_add(struct config *, int, char **);
static int	 user_list(struct config *, int, char **);
static int	 user_set_password(struct config *, int, char **);
static int	 user_add_key(struct config *, int, char **);
static int	 edito_add(struct config *, int, char **);
static int	 edito_list(struct config *, int, char **);
static int	 db_migrate(struct config *, int, char **);
static int	 db_check(struct config *, int, char **);
static int	 board_list(struct config *, int, char **);
static int	 board_sync(struct config *, int);
static int	 board_sync_cmd(struct config *, int, char **);
static int	 admin_confirm(const char *);
static int	 post_new(struct config *, int, char **);
static int	 post_reply(struct config *, int, char **);

/* Open the database; only "db migrate" may create and migrate it. */
struct store *
admin_store(struct config *cfg, int flags)
{
	struct store *st;
	char *cause = NULL;

	if ((st = store_open(config_store(cfg), flags, &cause)) == NULL) {
		fprintf(stderr, "palabre : %s\n", cause);
		free(cause);
	} else	/* a reply posted from here wakes its readers */
		store_notice_hook(st, notice_wake_hook, cfg->run_dir);
	return st;
}

int
admin_rc_err(const struct store *st, int rc, const char *fmt, ...)
{
	va_list ap;

	fputs("palabre : ", stderr);
	if (rc == STORE_NOT_FOUND) {
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
	} else
		fputs(store_rc_say(st, rc), stderr);
	fputc('\n', stderr);
	return 1;
}

/* A password from stdin: one line; asked twice without echo on a tty. */
static char *
admin_password(int from_stdin)
{
	struct termios old, noecho;
	char *line = NULL, *again = NULL, *nul;
	size_t cap = 0, cap2 = 0;
	ssize_t n;
	int tty = isatty(STDIN_FILENO);

	if (tty) {
		fprintf(stderr, "Mot de passe : ");
		tcgetattr(STDIN_FILENO, &old);
		noecho = old;
		noecho.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho);
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		fprintf(stderr, "\nEncore une fois : ");
		if (getline(&again, &cap2, stdin) < 0 || line == NULL ||
		    strcmp(line, again) != 0) {
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
			fprintf(stderr, "\npalabre : les deux saisies "
			    "diffèrent\n");
			free(line);
			free(again);
			return NULL;
		}
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
		pw_wipe(again, strlen(again));
		free(again);
	}
	(void)from_stdin;
	if (n <= 0) {
		free(line);
		fprintf(stderr, "palabre : aucun mot de passe lu\n");
		return NULL;
	}
	/* A password is bytes, not text: a NUL would cut it short
	 * unnoticed, so it is refused, not replaced. */
	if ((nul = memchr(line, '\0', (size_t)n)) != NULL) {
		fprintf(stderr, "palabre : le mot de passe contient un octet "
		    "nul (position %zu) : refusé\n", (size_t)(nul - line));
		pw_wipe(line, (size_t)n);
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (strlen(line) < PW_MIN_LEN || strlen(line) > PW_MAX_LEN) {
		fprintf(stderr, "palabre : le mot de passe doit faire de %d à "
		    "%d caractères\n", PW_MIN_LEN, PW_MAX_LEN);
		pw_wipe(line, strlen(line));
		free(line);
		return NULL;
	}
	return line;
}

/* Read a whole (small) file. */
static char *
admin_read_file(const char *path, size_t *len)
{
	FILE *f;
	char *s;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "palabre : %s : %s\n", path, strerror(errno));
		return NULL;
	}
	s = admin_read(f, path, ADMIN_FILE_MAX, len, NULL);
	fclose(f);
	return s;
}

/* A guarded stream: the real descriptor and the decoder's state. */
struct admin_out {
	int		 fd;
	int		 flags;		/* TXT_VIS_* */
	struct txt_utf8	 dec;
};

/* Write what stdio gives us, made visible (txt_visible), to the fd. */
static ssize_t
admin_out_write(void *cookie, const char *data, size_t n)
{
	struct admin_out *o = cookie;
	struct buf b;
	size_t off = 0;
	ssize_t w;

	buf_init(&b);
	txt_visible(&o->dec, data, n, o->flags, &b);
	while (off < b.len) {
		if ((w = write(o->fd, b.data + off, b.len - off)) == -1) {
			if (errno == EINTR)
				continue;
			buf_free(&b);
			return -1;
		}
		off += (size_t)w;
	}
	buf_free(&b);
	return (ssize_t)n;
}

/* A character left unfinished at the end is one U+FFFD. */
static int
admin_out_close(void *cookie)
{
	struct admin_out *o = cookie;
	uint32_t uc;

	if (txt_utf8_end(&o->dec, &uc) &&
	    write(o->fd, "\xef\xbf\xbd", 3) == -1)
		return -1;
	return 0;
}

/*
 * Whatever an admin command prints goes to the sysop's terminal, and
 * much of it is someone else's text: an argument, a line of a file, a
 * field of the database, getopt's own messages. Rather than trust every
 * fprintf() to escape what it prints, stdout and stderr are replaced by
 * streams that pass everything through the text layer's txt_visible():
 * an ESC arrives as the four characters \x1b, never as a byte. Clean text
 * (all that the database holds) passes unchanged; stdout keeps CR for
 * the iCalendar files it writes.
 */
void
admin_guard_output(void)
{
	static struct admin_out out = { STDOUT_FILENO, TXT_VIS_CR, { {0}, 0 } };
	static struct admin_out err = { STDERR_FILENO, 0, { {0}, 0 } };
	cookie_io_functions_t io = { NULL, admin_out_write, NULL,
	    admin_out_close };
	FILE *f;

	fflush(stdout);
	fflush(stderr);
	if ((f = fopencookie(&out, "w", io)) != NULL) {
		setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF,
		    BUFSIZ);
		stdout = f;
	}
	if ((f = fopencookie(&err, "w", io)) != NULL) {
		setvbuf(f, NULL, _IONBF, 0);	/* as stderr always is */
		stderr = f;
	}
}

/*
 * Every admin reader of a file or of standard input: all of f, at most
 * max bytes, by the text layer's input rule (txt_utf8()). A NUL or an
 * invalid byte is U+FFFD, never the end of the text, and the sysop is
 * told where the first one was. NULL if f is too long or unreadable:
 * the reason in *why (free()) when why is not NULL, else on stderr.
 */
char *
admin_read(FILE *f, const char *name, size_t max, size_t *len, char **why)
{
	struct buf b;
	char chunk[8192], *s, *err = NULL;
	const uint8_t *bad;
	const char *nul;
	size_t n;

	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > max) {
			if (max >= 1024 * 1024)
				xasprintf(&err, "trop long (%zu Mo au plus)",
				    max / (1024 * 1024));
			else
				xasprintf(&err, "trop long (%zu Kio au plus)",
				    max / 1024);
			break;
		}
	}
	if (err == NULL && ferror(f))
		xasprintf(&err, "lecture impossible : %s", strerror(errno));
	if (err != NULL) {
		buf_free(&b);
		if (why != NULL)
			*why = err;
		else {
			fprintf(stderr, "palabre : %s : %s\n", name, err);
			free(err);
		}
		return NULL;
	}
	bad = u8_check((const uint8_t *)b.data, b.len);
	nul = b.len > 0 ? memchr(b.data, '\0', b.len) : NULL;
	if (nul != NULL && (bad == NULL || (const uint8_t *)nul < bad))
		bad = (const uint8_t *)nul;
	if (bad != NULL)
		fprintf(stderr, "palabre : attention : %s : octet nul ou "
		    "invalide (UTF-8) à la position %zu ; chacun est remplacé "
		    "par « \xef\xbf\xbd »\n", name,
		    (size_t)(bad - (const uint8_t *)b.data));
	s = txt_utf8(b.data, b.len, len);
	buf_free(&b);
	return s;
}

/* Bind the public key in file path (its first line that is not a
 * comment) to member m: the same parser as « Mon profil ». */
static int
admin_key_add(struct store *st, const struct store_member *m,
    const char *path)
{
	struct store_key k;
	struct pubkey pk;
	const char *why = NULL;
	char *text, *line, *save = NULL;
	size_t len;
	int r, rc = -1;

	if ((text = admin_read_file(path, &len)) == NULL)
		return -1;
	memset(&k, 0, sizeof(k));
	memset(&pk, 0, sizeof(pk));
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] != '#' && line[strspn(line, " \t\r")] != '\0')
			break;
	}
	if (pubkey_parse(line != NULL ? line : "", &pk, &why) != 0) {
		fprintf(stderr, "palabre : %s : %s\n", path, why);
		goto out;
	}
	k.member_id = m->id;
	k.algo = pk.algo;
	k.blob = pk.blob;
	k.fingerprint = pk.fingerprint;
	k.comment = txt_clean(pk.comment, strlen(pk.comment), 0, 200, NULL);
	switch ((r = store_key_add(st, &k))) {
	case STORE_OK:
		store_audit(st, 0, "member.key.add", m->login, k.fingerprint);
		printf("Clé %s ajoutée pour %s.\n", k.fingerprint, m->login);
		rc = 0;
		break;
	case STORE_KEY_TAKEN:
		fprintf(stderr, "palabre : la clé %s appartient déjà à un "
		    "membre\n", k.fingerprint);
		break;
	default:
		fprintf(stderr, "palabre : la clé n'a pas pu être "
		    "enregistrée : %s\n", store_rc_say(st, r));
		break;
	}
out:
	free(k.comment);
	pubkey_clear(&pk);
	free(text);
	return rc;
}

static int
user_add(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "org", required_argument, NULL, 'o' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "key", required_argument, NULL, 'k' },
		{ "pending", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_member m;
	struct store *st = NULL;
	const char *login, *name = NULL, *org = "", *keyfile = NULL;
	char *password = NULL;
	unsigned what;
	int ch, role = ROLE_MEMBRE, want_pw = 0, rc = 1, pending = 0, r;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if ((role = store_role_parse(optarg)) == -1) {
				fprintf(stderr, "palabre : rôle inconnu « %s "
				    "»\n", optarg);
				return 2;
			}
			break;
		case 'n':
			name = optarg;
			break;
		case 'o':
			org = optarg;
			break;
		case 'p':
			want_pw = 1;
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'w':
			pending = 1;	/* waits for approval, as a sign-up */
			break;
		default:
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage : palabre admin user add IDENTIFIANT "
		    "[options]\n");
		return 2;
	}
	login = argv[optind];
	if (!txt_login_valid(login)) {
		fprintf(stderr, "palabre : identifiant invalide « %s » : de 2 "
		    "à 32 caractères parmi a-z, 0-9, « . », « _ » et « - », "
		    "en commençant par une lettre ou un chiffre\n", login);
		return 2;
	}
	if (strcmp(login, CONFIG_SIGNUP_LOGIN) == 0 ||
	    strcmp(login, CONFIG_GUEST_LOGIN) == 0) {
		fprintf(stderr, "palabre : « %s » est réservé (inscription, "
		    "visite)\n", login);
		return 2;
	}
	if (!want_pw && keyfile == NULL) {
		fprintf(stderr, "palabre : donnez --password-stdin ou --key, "
		    "sinon le membre ne pourra pas se connecter\n");
		return 2;
	}
	memset(&m, 0, sizeof(m));
	m.login = xstrdup(login);
	if (name == NULL)
		name = login;
	m.display_name = txt_clean(name, strlen(name), 0, ADMIN_NAME_MAX,
	    &what);
	m.organisation = txt_clean(org, strlen(org), 0, ADMIN_NAME_MAX,
	    &what);
	if (m.display_name[0] == '\0') {
		fprintf(stderr, "palabre : le nom affiché est vide\n");
		goto out;
	}
	m.role = (enum store_role)role;
	m.status = pending ? STATUS_EN_ATTENTE : STATUS_ACTIF;
	if (want_pw) {
		if ((password = admin_password(1)) == NULL)
			goto out;
		m.password_hash = pw_hash(password, strlen(password));
		pw_wipe(password, strlen(password));
		if (m.password_hash == NULL) {
			fprintf(stderr, "palabre : hachage impossible\n");
			goto out;
		}
	}
	if ((st = admin_store(cfg, 0)) == NULL)
		goto out;
	/* The member, the audit row and the key: all or nothing. */
	if (store_begin(st) == -1)
		goto out;
	switch ((r = store_member_insert(st, &m))) {
	case STORE_OK:
		break;
	case STORE_TAKEN:
		fprintf(stderr, "palabre : l'identifiant « %s » existe déjà\n",
		    login);
		store_rollback(st);
		goto out;
	default:
		fprintf(stderr, "palabre : le membre n'a pas pu être créé : "
		    "%s\n", store_rc_say(st, r));
		store_rollback(st);
		goto out;
	}
	if (store_audit(st, 0, "member.add", login,
	    store_role_key(m.role)) == -1 ||
	    (keyfile != NULL && admin_key_add(st, &m, keyfile) == -1)) {
		store_rollback(st);
		fprintf(stderr, "palabre : membre « %s » non créé\n", login);
		goto out;
	}
	if (store_commit(st) == -1)
		goto out;
	printf("Membre %s (%s, %s) créé.\n", login, m.display_name,
	    store_role_label(m.role));
	rc = 0;
out:
	free(password);
	store_member_clear(&m);
	store_free(st);
	return rc;
}

/* Print s in a column of w display columns (cut with « … », padded),
 * made safe for the sysop's terminal. */
static void
admin_column(const char *s, size_t w, const char *sep)
{
	char *safe = txt_escape_term(s, 0), *cut = txt_trunc(safe, w);

	printf("%s%*s%s", cut, (int)(w - txt_width(cut)), "", sep);
	free(cut);
	free(safe);
}

static int
user_list(struct config *cfg, int argc, char **argv)
{
	struct store_member *list = NULL;
	struct store *st;
	char date[32];
	size_t n = 0, i;

	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	if (store_member_list(st, &list, &n) == -1) {
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, STORE_ERR));
		store_free(st);
		return 1;
	}
	admin_column("IDENTIFIANT", 16, " ");
	admin_column("NOM", 28, " ");
	admin_column("RÔLE", 15, " ");
	admin_column("STATUT", 11, " ");
	printf("DERNIÈRE CONNEXION\n");
	for (i = 0; i < n; i++) {
		if (list[i].last_login_at > 0)
			txt_date_long(date, sizeof(date),
			    list[i].last_login_at);
		else
			snprintf(date, sizeof(date), "jamais");
		admin_column(list[i].login, 16, " ");
		admin_column(list[i].display_name, 28, " ");
		admin_column(store_role_label(list[i].role), 15, " ");
		admin_column(store_status_label(list[i].status), 11, " ");
		printf("%s\n", date);
	}
	printf("%zu membre%s\n", n, n > 1 ? "s" : "");
	store_member_list_free(list, n);
	store_free(st);
	return 0;
}

static int
user_set_password(struct config *cfg, int argc, char **argv)
{
	struct store_member m;
	struct store *st;
	char *password, *hash;
	int r, rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage : palabre admin user set-password "
		    "IDENTIFIANT (mot de passe sur l'entrée standard)\n");
		return 2;
	}
	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	memset(&m, 0, sizeof(m));
	if ((r = store_member_by_login(st, argv[1], &m)) != STORE_OK) {
		admin_rc_err(st, r, "aucun membre « %s »", argv[1]);
		goto out;
	}
	if ((password = admin_password(1)) == NULL)
		goto out;
	hash = pw_hash(password, strlen(password));
	pw_wipe(password, strlen(password));
	free(password);
	if (hash != NULL && (r = store_member_set_password(st, m.id,
	    hash)) == STORE_OK) {
		store_audit(st, 0, "member.password", m.login, "");
		printf("Mot de passe de %s changé.\n", m.login);
		rc = 0;
	} else if (hash != NULL)
		admin_rc_err(st, r, "aucun membre « %s »", m.login);
	free(hash);
out:
	store_member_clear(&m);
	store_free(st);
	return rc;
}

static int
user_add_key(struct config *cfg, int argc, char **argv)
{
	struct store_member m;
	struct store *st;
	int r, rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage : palabre admin user add-key "
		    "IDENTIFIANT FICHIER.pub\n");
		return 2;
	}
	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	memset(&m, 0, sizeof(m));
	if ((r = store_member_by_login(st, argv[1], &m)) != STORE_OK)
		admin_rc_err(st, r, "aucun membre « %s »", argv[1]);
	else if (admin_key_add(st, &m, argv[2]) == 0)
		rc = 0;
	store_member_clear(&m);
	store_free(st);
	return rc;
}

static int
edito_add(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "byline", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_edito e;
	struct store *st = NULL;
	const char *title = NULL, *byline = "";
	char *raw = NULL, *body = NULL, *p, *nl;
	size_t len;
	int64_t date = 0;
	int ch, r, rc = 1;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			title = optarg;
			break;
		case 'b':
			byline = optarg;
			break;
		case 'd':
			if ((date = txt_date_parse_when(optarg, 9)) == -1) {
				fprintf(stderr, "palabre : date invalide « %s "
				    "» (AAAA-MM-JJ)\n", optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage : palabre admin edito add FICHIER.md "
		    "[options]\n");
		return 2;
	}
	if ((raw = admin_read_file(argv[optind], &len)) == NULL)
		return 1;
	body = txt_clean(raw, len, TXT_MULTILINE, 0, NULL);
	memset(&e, 0, sizeof(e));
	/* Without --title, the first heading of the text is the title. */
	p = body + strspn(body, "\n ");
	if (title == NULL && *p == '#') {
		nl = strchr(p, '\n');
		e.title = xstrndup(p, nl != NULL ? (size_t)(nl - p) :
		    strlen(p));
		e.title[strcspn(e.title, "\n")] = '\0';
		memmove(e.title, e.title + strspn(e.title, "# "),
		    strlen(e.title + strspn(e.title, "# ")) + 1);
		e.body = xstrdup(nl != NULL ? nl + 1 : "");
	} else {
		e.title = txt_clean(title != NULL ? title : "",
		    title != NULL ? strlen(title) : 0, 0, 200, NULL);
		e.body = xstrdup(body);
	}
	if (e.title[0] == '\0') {
		fprintf(stderr, "palabre : l'édito n'a pas de titre (--title, "
		    "ou un titre « # ... » en tête du fichier)\n");
		goto out;
	}
	e.byline = txt_clean(byline, strlen(byline), 0, 200, NULL);
	e.published_at = date != 0 ? date : now_sec();
	if ((st = admin_store(cfg, 0)) == NULL)
		goto out;
	if ((r = store_edito_insert(st, &e)) != 0) {
		fprintf(stderr, "palabre : l'édito n'a pas pu être "
		    "enregistré : %s\n", store_rc_say(st, r));
		goto out;
	}
	store_audit(st, 0, "edito.add", e.title, "");
	printf("Édito « %s » enregistré.\n", e.title);
	rc = 0;
out:
	store_edito_clear(&e);
	free(raw);
	free(body);
	store_free(st);
	return rc;
}

static int
edito_list(struct config *cfg, int argc, char **argv)
{
	struct store_edito *list = NULL;
	struct store *st;
	char date[32];
	size_t n = 0, i;

	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	if (store_edito_list(st, &list, &n) == -1) {
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, STORE_ERR));
		store_free(st);
		return 1;
	}
	for (i = 0; i < n; i++) {
		txt_date_long(date, sizeof(date), list[i].published_at);
		printf("%4lld  %s  ", (long long)list[i].id, date);
		admin_column(list[i].title, 60, "\n");
	}
	printf("%zu édito%s\n", n, n > 1 ? "s" : "");
	store_edito_list_free(list, n);
	store_free(st);
	return 0;
}

static int
db_migrate(struct config *cfg, int argc, char **argv)
{
	struct store *st;

	/* Opening with STORE_MIGRATE applies what is pending. */
	if ((st = admin_store(cfg, STORE_CREATE | STORE_MIGRATE)) == NULL)
		return 1;
	printf("%s : schéma en version %d.\n", cfg->database,
	    store_schema_version(st));
	store_free(st);
	return 0;
}

static int
db_check(struct config *cfg, int argc, char **argv)
{
	struct store *st;
	char *report = NULL;
	int rc;

	if ((st = admin_store(cfg, STORE_READONLY)) == NULL)
		return 1;
	rc = store_check(st, &report);
	if (rc == 0)
		printf("%s : base saine (schéma en version %d).\n",
		    cfg->database, store_schema_version(st));
	else if (rc == 1)
		printf("%s : problèmes trouvés :\n%s\n", cfg->database,
		    report != NULL ? report : "");
	free(report);
	store_free(st);
	return rc == 0 ? 0 : 1;
}

static int
board_list(struct config *cfg, int argc, char **argv)
{
	struct store_board *list = NULL;
	struct store *st;
	char date[32], count[32];
	size_t n = 0, i, active = 0;

	if ((st = admin_store(cfg, 0)) == NULL)
		return 1;
	if (store_board_list_all(st, &list, &n) == -1) {
		fprintf(stderr, "palabre : %s\n", store_rc_say(st, STORE_ERR));
		store_free(st);
		return 1;
	}
	admin_column("CLÉ", 26, " ");
	admin_column("RUBRIQUE", 22, " ");
	admin_column("TITRE", 36, " ");
	printf("SUJETS MESSAGES  ÉTAT\n");
	for (i = 0; i < n; i++) {
		admin_column(list[i].key, 26, " ");
		admin_column(list[i].section, 22, " ");
		admin_column(list[i].title, 36, " ");
		snprintf(count, sizeof(count), "%6lld %8lld  ",
		    (long long)list[i].nthreads, (long long)list[i].nposts);
		fputs(count, stdout);
		if (list[i].archived_at != 0) {
			txt_date_long(date, sizeof(date),
			    list[i].archived_at);
			printf("archivé le %s\n", date);
		} else {
			printf("%s\n", list[i].approval ? "sujets validés" :
			    "ouvert");
			active++;
		}
	}
	printf("%zu tableau%s", n, n > 1 ? "x" : "");
	if (active < n)
		printf(", dont %zu archivé%s", n - active,
		    n - active > 1 ? "s" : "");
	putchar('\n');
	store_board_list_free(list, n);
	store_free(st);
	return 0;
}

/*
 * A yes-or-no question on the terminal: 1 for « o », 0 otherwise. No
 * terminal: 0 without asking (a script must say --yes).
 */
static int
admin_confirm(const char *question)
{
	char *line = NULL;
	size_t cap = 0;
	int yes;

	if (!isatty(STDIN_FILENO))
		return 0;
	fprintf(stderr, "%s (o/n) ", question);
	fflush(stderr);
	yes = getline(&line, &cap, stdin) > 0 &&
	    (line[0] == 'o' || line[0] == 'O');
	free(line);
	return yes;
}

/*
 * Apply the boards' files now (what serve does at start and on HUP). A
 * sync that would archive more than one board (a folder that lost its
 * files) asks first, or needs --yes.
 */
static int
board_sync(struct config *cfg, int yes)
{
	struct store_board_conf *list;
	struct store *st;
	char *summary = NULL, *keys = NULL, *q;
	size_t n;
	int rc, narch;

	if ((rc = config_boards_load(cfg, &list, &n, stderr)) != 0) {
		fprintf(stderr, "%s : %d erreur%s dans les tableaux\n",
		    cfg->boards_dir, rc, rc > 1 ? "s" : "");
		return 2;
	}
	if ((st = admin_store(cfg, 0)) == NULL) {
		config_boards_free(list, n);
		return 1;
	}
	rc = -1;
	if ((narch = config_boards_archived(st, list, n, &keys)) == -1)
		goto out;
	if (narch > 1 && !yes) {
		xasprintf(&q, "Cette synchronisation archiverait %d tableaux "
		    "(%s) : leurs fichiers manquent dans %s. Continuer ?",
		    narch, keys, cfg->boards_dir);
		yes = admin_confirm(q);
		free(q);
		if (!yes) {
			fprintf(stderr, "palabre : rien n'est fait : %d tableaux "
			    "seraient archivés (%s) ; remettez leurs fichiers "
			    "dans %s, ou confirmez avec « palabre admin board "
			    "sync --yes »\n", narch, keys, cfg->boards_dir);
			rc = 1;
			goto out;
		}
	}
	rc = config_boards_sync(st, list, n, stderr, &summary);
out:
	free(keys);
	store_free(st);
	config_boards_free(list, n);
	if (rc == 1)
		return 1;
	if (rc == -1) {
		fprintf(stderr, "palabre : les tableaux n'ont pas pu être "
		    "enregistrés dans la base\n");
		return 1;
	}
	if (summary != NULL && summary[0] != '\0')
		summary[0] = 'T';	/* a sentence of its own */
	printf("%s.\n", summary);
	free(summary);
	return 0;
}

/* The member login, as the store's permission checks see them (admin.h). */
int
admin_viewer(struct store *st, const char *login, struct store_member *m,
    struct store_viewer *v)
{
	int r;

	memset(m, 0, sizeof(*m));
	memset(v, 0, sizeof(*v));
	if ((r = store_member_by_login(st, login, m)) != STORE_OK) {
		admin_rc_err(st, r, "aucun membre « %s »", login);
		return -1;
	}
	v->member_id = m->id;
	v->login = m->login;
	v->role = m->role;
	v->since = now_sec();
	return 0;
}

/* What store_thread_new() and store_post_reply() refused. */
static const char *
admin_post_error(int rc)
{
	switch (rc) {
	case STORE_NOT_FOUND:
		return "Message introuvable.";
	case STORE_FORBIDDEN:
		/* Not the sysop's role: the author's, or an archived board. */
		return "Ce membre ne peut pas écrire dans ce tableau (ou il "
		    "est archivé).";
	default:
		return store_rc_text(rc);
	}
}

/* post new and post reply (board_key NULL: a reply to parent). */
static int
post_write(struct config *cfg, const char *board_key, const char *title,
    int64_t parent, const char *login, int64_t date)
{
	struct store_member m;
	struct store_viewer v;
	struct store_board b;
	struct store *st;
	char *body, detail[128];
	size_t len;
	int64_t thread_id = 0, post_id = 0;
	int rc = 1, w;

	if ((body = admin_read(stdin, "entrée standard", ADMIN_FILE_MAX,
	    &len, NULL)) == NULL)
		return 1;
	memset(&b, 0, sizeof(b));
	if ((st = admin_store(cfg, 0)) == NULL) {
		free(body);
		return 1;
	}
	if (admin_viewer(st, login, &m, &v) == -1)
		goto out;
	if (board_key != NULL) {
		if ((w = store_board_by_key(st, &v, board_key, &b)) != 0) {
			admin_rc_err(st, w, "aucun tableau « %s » lisible par "
			    "%s", board_key, login);
			goto out;
		}
		w = store_thread_new(st, &v, b.id, title, body, &thread_id,
		    &post_id);
	} else
		w = store_post_reply(st, &v, parent, body, &post_id);
	if (w != 0) {
		fprintf(stderr, "palabre : %s\n", admin_post_error(w));
		goto out;
	}
	if (date != 0 && (w = store_post_backdate(st, post_id, date)) != 0) {
		fprintf(stderr, "palabre : message %lld écrit, mais sa date "
		    "n'a pas pu être changée : %s\n", (long long)post_id,
		    store_rc_say(st, w));
		goto out;
	}
	if (board_key != NULL)
		snprintf(detail, sizeof(detail), "%s, message %lld",
		    board_key, (long long)post_id);
	else
		snprintf(detail, sizeof(detail), "réponse à %lld, message "
		    "%lld", (long long)parent, (long long)post_id);
	store_audit(st, 0, board_key != NULL ? "post.new" : "post.reply",
	    login, detail);
	printf("%lld\n", (long long)post_id);
	rc = 0;
out:
	store_board_clear(&b);
	store_member_clear(&m);
	store_free(st);
	free(body);
	return rc;
}

static int
post_new(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "board", required_argument, NULL, 'b' },
		{ "author", required_argument, NULL, 'a' },
		{ "title", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *board = NULL, *author = NULL, *title = NULL;
	int64_t date = 0;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			board = optarg;
			break;
		case 'a':
			author = optarg;
			break;
		case 't':
			title = optarg;
			break;
		case 'd':
			if ((date = txt_date_parse_when(optarg, 9)) == -1) {
				fprintf(stderr, "palabre : date invalide « %s "
				    "» (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM)\n",
				    optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind != argc || board == NULL || author == NULL ||
	    title == NULL) {
		fprintf(stderr, "usage : palabre admin post new --board CLÉ "
		    "--author IDENTIFIANT --title TITRE [--date "
		    "AAAA-MM-JJ[THH:MM]] < texte\n");
		return 2;
	}
	return post_write(cfg, board, title, 0, author, date);
}

static int
post_reply(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 'o' },
		{ "author", required_argument, NULL, 'a' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *author = NULL;
	char *end;
	long long to = 0;
	int64_t date = 0;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			to = strtoll(optarg, &end, 10);
			if (*end != '\0' || to <= 0) {
				fprintf(stderr, "palabre : numéro de message "
				    "invalide « %s »\n", optarg);
				return 2;
			}
			break;
		case 'a':
			author = optarg;
			break;
		case 'd':
			if ((date = txt_date_parse_when(optarg, 9)) == -1) {
				fprintf(stderr, "palabre : date invalide « %s "
				    "» (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM)\n",
				    optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind != argc || to == 0 || author == NULL) {
		fprintf(stderr, "usage : palabre admin post reply --to NUMÉRO "
		    "--author IDENTIFIANT [--date AAAA-MM-JJ[THH:MM]] < "
		    "texte\n");
		return 2;
	}
	return post_write(cfg, NULL, NULL, (int64_t)to, author, date);
}


/* board sync [--yes], for the table. */
static int
board_sync_cmd(struct config *cfg, int argc, char **argv)
{
	return board_sync(cfg, argc == 2 && strcmp(argv[1], "--yes") == 0);
}

const struct admin_cmd admin_core_cmds[] = {
	{ "user", "add", "IDENTIFIANT", "role=RÔLE name=NOM "
	    "org=ORGANISATION password-stdin key=FICHIER.pub pending", 1, 1,
	    "crée un compte (rôle : sysop, moderateur, membre, "
	    "documentaliste, organisateur ; mot de passe lu sur l'entrée "
	    "standard)", user_add },
	{ "user", "list", "", "", 0, 0,
	    "les membres, leur rôle et leur dernière connexion", user_list },
	{ "user", "set-password", "IDENTIFIANT", "", 1, 1,
	    "change le mot de passe (lu sur l'entrée standard)",
	    user_set_password },
	{ "user", "add-key", "IDENTIFIANT FICHIER.pub", "", 2, 2,
	    "ajoute une clé publique SSH au compte", user_add_key },
	{ "db", "migrate", "", "", 0, 0,
	    "crée la base ou la met au dernier schéma", db_migrate },
	{ "db", "check", "", "", 0, 0,
	    "vérifie l'intégrité de la base", db_check },
	{ "edito", "add", "FICHIER.md", "title=TITRE byline=SIGNATURE "
	    "date=AAAA-MM-JJ", 1, 1, "publie un édito", edito_add },
	{ "edito", "list", "", "", 0, 0, "les éditos publiés", edito_list },
	{ "board", "list", "", "", 0, 0,
	    "les tableaux, leurs sujets et leurs messages", board_list },
	{ "board", "sync", "", "yes", 0, 0,
	    "applique les fichiers des tableaux à la base (--yes : sans "
	    "demander, même s'il en archive plusieurs)", board_sync_cmd },
	{ "post", "new", "< texte", "!board=CLÉ !author=IDENTIFIANT "
	    "!title=TITRE date=AAAA-MM-JJ[THH:MM]", 0, 0,
	    "ouvre un sujet au nom d'un membre (affiche le numéro du "
	    "message)", post_new },
	{ "post", "reply", "< texte", "!to=NUMÉRO !author=IDENTIFIANT "
	    "date=AAAA-MM-JJ[THH:MM]", 0, 0,
	    "répond à un message au nom d'un membre", post_reply },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
