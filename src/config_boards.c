/*
 * config_boards.c - the boards, one file per board in boards.d/:
 *
 *	; Emploi et insertion
 *	[board]
 *	key = emploi-insertion	; never changes: threads hang off it
 *	title = Emploi et insertion professionnelle
 *	description = Accompagnement vers l'emploi ; une description longue
 *	  se poursuit sur des lignes en retrait.
 *	section = Emploi
 *	order = 10
 *	read = membre		; invité, membre, modérateur ou sysop
 *	post = membre
 *	moderators = karim elodie
 *	approval = non		; oui : les sujets attendent un modérateur
 *
 * Like palabre.conf, libinih does the INI syntax through our own line
 * reader, so every message carries its file and line and nothing is
 * silently ignored. In the texts (title, description, section) « ; » is
 * French punctuation, not a comment; elsewhere it starts one.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

#define BOARD_KEY_MAX		40
#define BOARD_TITLE_MAX		120	/* bytes */
#define BOARD_SECTION_MAX	80
#define BOARD_DESCRIPTION_MAX	1000
#define BOARD_ORDER_MAX		1000000
#define BOARD_SUMMARY		"tableaux : "	/* before the counts */

enum board_field {
	F_KEY, F_TITLE, F_DESCRIPTION, F_SECTION, F_ORDER, F_READ, F_POST,
	F_MODERATORS, F_APPROVAL, F_COUNT
};

static const char *const board_fields[F_COUNT] = {
	"key", "title", "description", "section", "order", "read", "post",
	"moderators", "approval"
};

/* One file being read. */
struct board_parse {
	const char	*path;
	FILE		*in;
	FILE		*errs;
	int		 line;		/* number of the line last read */
	int		 errors;
	int		 board_line;	/* line of [board]; 0: not seen yet */
	int		 skip;		/* in a section already reported */
	int		 have_name;	/* a "name =" was read in this section */
	int		 prose;		/* the value being read is a text */
	int		 continued;	/* the line last read is indented */
	int		 lines[F_COUNT]; /* where each field was; 0: absent */
	struct buf	 description;	/* raw, lines joined by spaces */
	struct store_board_conf *b;
};

static void	 board_error(struct board_parse *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static size_t	 board_keep_semicolons(char **, size_t *, size_t);
static char	*board_reader(char *, int, void *);
static int	 board_handler(void *, const char *, const char *,
		    const char *);
static int	 board_field(const char *);
static char	*board_text(struct board_parse *, int, const char *,
		    const char *, size_t, int);
static int	 board_key_valid(const char *);
static int	 board_role_rank(int);
static char	*board_moderators(struct board_parse *, const char *);
static void	 board_finish(struct board_parse *);
static int	 board_file(const char *, FILE *, struct store_board_conf *,
		    int *);
static int	 board_names(const char *, char ***, size_t *, FILE *);
static int	 board_cmp(const void *, const void *);
static const struct store_board *board_find(const struct store_board *,
		    size_t, const char *);
static int	 board_differs(const struct store_board *,
		    const struct store_board *);
static void	 board_count(struct buf *, int, const char *,
		    const char *);
static char	*board_summary(const struct store_board *, size_t,
		    const struct store_board *, size_t);

/* Report one error as "file:line: message". */
static void
board_error(struct board_parse *p, int line, const char *fmt, ...)
{
	va_list ap;

	p->errors++;
	if (p->errs == NULL)
		return;
	fprintf(p->errs, "%s:%d: ", p->path, line);
	va_start(ap, fmt);
	vfprintf(p->errs, fmt, ap);
	va_end(ap);
	fputc('\n', p->errs);
}

/*
 * « Pour tous ; partout »: the space before « ; » becomes a no-break
 * space (what French typography wants there anyway), so libinih does not
 * take the rest for a comment. Only from byte from on. Returns the new
 * length.
 */
static size_t
board_keep_semicolons(char **line, size_t *cap, size_t from)
{
	struct buf b;
	char *s;

	buf_init(&b);
	for (s = *line; *s != '\0'; s++) {
		if ((size_t)(s - *line) >= from && *s == ' ' && s[1] == ';') {
			buf_add(&b, "\xc2\xa0", 2);
			continue;
		}
		buf_add(&b, s, 1);
	}
	free(*line);
	*cap = b.cap;
	*line = buf_detach(&b);
	return strlen(*line);
}

/* fgets() for inih that counts lines, follows the sections and texts,
 * and reports malformed lines. */
static char *
board_reader(char *str, int num, void *arg)
{
	struct board_parse *p = arg;
	char *line = NULL, *s, *eq;
	size_t cap = 0, len;
	ssize_t n;

	for (;;) {
		if ((n = getline(&line, &cap, p->in)) < 0) {
			free(line);
			return NULL;
		}
		p->line++;
		if (n >= 2 && line[n - 2] == '\r' && line[n - 1] == '\n') {
			line[n - 2] = '\n';
			line[--n] = '\0';
		}
		for (s = line; *s != '\0'; s++)
			if (*s == '\t')
				*s = ' ';
		if (!txt_is_clean(line, (size_t)n, TXT_MULTILINE)) {
			board_error(p, p->line, "texte invalide (UTF-8 attendu, "
			    "sans caractère de contrôle) : ligne ignorée");
			continue;
		}
		for (s = line; *s == ' '; s++)
			;
		p->continued = 0;
		/* In libinih's order: comments, continuations, sections. */
		if (*s == ';' || *s == '#' || *s == '\n' || *s == '\0') {
			/* A comment or a blank line. */
		} else if (s > line && p->have_name) {
			/* An indented line continues the value above. */
			p->continued = 1;
			if (p->prose)
				n = (ssize_t)board_keep_semicolons(&line, &cap,
				    0);
		} else if (*s == '[') {
			len = strcspn(s + 1, "]\n");
			p->skip = 1;
			p->have_name = p->prose = 0;
			if (s[1 + len] != ']')
				board_error(p, p->line, "section sans « ] » : "
				    "ligne ignorée");
			else if (len != 5 || strncmp(s + 1, "board", 5) != 0)
				board_error(p, p->line, "section inconnue "
				    "[%.*s] : seule [board] est permise",
				    (int)len, s + 1);
			else if (p->board_line != 0)
				board_error(p, p->line, "une seule section "
				    "[board] par fichier (la première est "
				    "ligne %d)", p->board_line);
			else {
				p->board_line = p->line;
				p->skip = 0;
			}
			if (s[1 + len] != ']')
				continue;
		} else if ((eq = strpbrk(s, "=:")) == NULL) {
			board_error(p, p->line, "ligne sans « = » : ligne "
			    "ignorée");
			continue;
		} else {
			len = strcspn(s, " =:");
			p->have_name = 1;
			p->prose = (len == 5 && strncmp(s, "title", 5) == 0) ||
			    (len == 11 && strncmp(s, "description", 11) == 0) ||
			    (len == 7 && strncmp(s, "section", 7) == 0);
			if (p->prose)
				n = (ssize_t)board_keep_semicolons(&line, &cap,
				    (size_t)(eq - line));
		}
		if (n >= num) {
			board_error(p, p->line, "ligne trop longue (%d octets "
			    "au plus) : ligne ignorée ; une description longue "
			    "se poursuit sur des lignes en retrait", num - 3);
			continue;
		}
		memcpy(str, line, (size_t)n + 1);
		free(line);
		return str;
	}
}

/* The index of a field name, or -1. */
static int
board_field(const char *name)
{
	int i;

	for (i = 0; i < F_COUNT; i++)
		if (strcmp(name, board_fields[i]) == 0)
			return i;
	return -1;
}

/*
 * A text from the file, cleaned. The reader let only clean lines
 * through, so txt_clean() repairing anything means a bad value (or one
 * too long); empty is refused unless may_be_empty.
 */
static char *
board_text(struct board_parse *p, int line, const char *name,
    const char *value, size_t max, int may_be_empty)
{
	char *clean;
	unsigned what = 0;

	clean = txt_clean(value, strlen(value), 0, max, &what);
	if (what & TXT_FIX_TRUNCATED)
		board_error(p, line, "« %s » est trop long (%zu octets au "
		    "plus)", name, max);
	else if (what != 0)
		board_error(p, line, "« %s » contient des caractères "
		    "invalides", name);
	else if (clean[0] == '\0' && !may_be_empty)
		board_error(p, line, "« %s » est vide", name);
	else
		return clean;
	free(clean);
	return NULL;
}

/* [a-z0-9-], 1 to BOARD_KEY_MAX bytes. */
static int
board_key_valid(const char *key)
{
	size_t len = strlen(key);

	if (len == 0 || len > BOARD_KEY_MAX)
		return 0;
	return strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789-") == len;
}

/* The rank of a role for the boards' permissions (store_board.h). */
static int
board_role_rank(int role)
{
	switch (role) {
	case ROLE_INVITE:
		return 0;
	case ROLE_MODERATEUR:
		return 2;
	case ROLE_SYSOP:
		return 3;
	default:
		return 1;
	}
}

/* "karim, elodie" -> "karim elodie"; NULL (reported) if a login is bad. */
static char *
board_moderators(struct board_parse *p, const char *value)
{
	struct buf b;
	char *copy = xstrdup(value), *save = NULL, *login;
	int bad = 0;

	buf_init(&b);
	for (login = strtok_r(copy, " ,", &save); login != NULL;
	    login = strtok_r(NULL, " ,", &save)) {
		if (!txt_login_valid(login)) {
			board_error(p, p->line, "« moderators » : identifiant "
			    "invalide « %s »", login);
			bad = 1;
			continue;
		}
		if (b.len > 0)
			buf_add(&b, " ", 1);
		buf_add(&b, login, strlen(login));
	}
	free(copy);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Called by inih for each "name = value" and each continuation line.
 * Always returns 1: we count our own errors and report them all. */
static int
board_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct board_parse *p = arg;
	struct store_board_conf *b = p->b;
	char *s;
	long v;
	int f, role, r;

	if (p->skip)
		return 1;
	if (section[0] == '\0') {
		board_error(p, p->line, "« %s » hors de la section [board]",
		    name);
		return 1;
	}
	f = board_field(name);
	if (p->continued) {
		if (f == F_DESCRIPTION) {
			buf_add(&p->description, " ", 1);
			buf_add(&p->description, value, strlen(value));
		} else
			board_error(p, p->line, "ligne en retrait après « %s » "
			    ": seule « description » peut se poursuivre sur "
			    "plusieurs lignes", name);
		return 1;
	}
	if (f == -1) {
		board_error(p, p->line, "clé inconnue « %s » dans [board]",
		    name);
		return 1;
	}
	if (p->lines[f] != 0) {
		board_error(p, p->line, "« %s » est déjà donné ligne %d", name,
		    p->lines[f]);
		return 1;
	}
	p->lines[f] = p->line;
	switch (f) {
	case F_KEY:
		if (!board_key_valid(value)) {
			board_error(p, p->line, "clé de tableau invalide « %s » "
			    ": de 1 à %d caractères parmi a-z, 0-9 et « - »",
			    value, BOARD_KEY_MAX);
			break;
		}
		free(b->key);
		b->key = xstrdup(value);
		break;
	case F_TITLE:
		if ((s = board_text(p, p->line, name, value, BOARD_TITLE_MAX,
		    0)) != NULL) {
			free(b->title);
			b->title = s;
		}
		break;
	case F_SECTION:
		if ((s = board_text(p, p->line, name, value,
		    BOARD_SECTION_MAX, 1)) != NULL) {
			free(b->section);
			b->section = s;
		}
		break;
	case F_DESCRIPTION:
		/* Cleaned once complete, in board_finish(). */
		buf_add(&p->description, value, strlen(value));
		break;
	case F_ORDER:
		errno = 0;
		v = strtol(value, &s, 10);
		if (value[0] == '\0' || *s != '\0' || errno != 0 ||
		    v < -BOARD_ORDER_MAX || v > BOARD_ORDER_MAX) {
			board_error(p, p->line, "« order » attend un nombre "
			    "entier entre %d et %d, pas « %s »",
			    -BOARD_ORDER_MAX, BOARD_ORDER_MAX, value);
			break;
		}
		b->position = (int)v;
		break;
	case F_READ:
	case F_POST:
		if ((role = store_role_parse(value)) == -1) {
			board_error(p, p->line, "« %s » : rôle inconnu « %s » "
			    "(invité, membre, modérateur ou sysop)", name,
			    value);
			p->lines[f] = -p->line;	/* no comparison below */
			break;
		}
		if (f == F_READ)
			b->read_role = role;
		else
			b->post_role = role;
		break;
	case F_MODERATORS:
		if ((s = board_moderators(p, value)) != NULL) {
			free(b->moderators);
			b->moderators = s;
		}
		break;
	case F_APPROVAL:
		if ((r = config_parse_bool(value)) == -1)
			board_error(p, p->line, "« approval » attend oui ou "
			    "non, pas « %s »", value);
		else
			b->approval = r;
		break;
	}
	return 1;
}

/* After the last line: the description, what is required, coherence. */
static void
board_finish(struct board_parse *p)
{
	struct store_board_conf *b = p->b;
	int line = p->board_line != 0 ? p->board_line : 1;
	char *s;

	if (p->board_line == 0 && p->errors == 0) {
		board_error(p, 1, "aucune section [board]");
		return;
	}
	if (p->lines[F_DESCRIPTION] != 0 && p->description.data != NULL) {
		if ((s = board_text(p, p->lines[F_DESCRIPTION], "description",
		    p->description.data, BOARD_DESCRIPTION_MAX, 1)) != NULL) {
			free(b->description);
			b->description = s;
		}
	}
	if (p->lines[F_KEY] == 0)
		board_error(p, line, "« key » manque (l'identifiant stable du "
		    "tableau, par exemple « emploi-insertion »)");
	if (p->lines[F_TITLE] == 0)
		board_error(p, line, "« title » manque");
	if (p->lines[F_POST] > 0 && p->lines[F_READ] >= 0 &&
	    board_role_rank(b->post_role) < board_role_rank(b->read_role))
		board_error(p, p->lines[F_POST], "« post » (%s) ne peut pas "
		    "être en dessous de « read » (%s) : on écrirait sans "
		    "pouvoir lire", store_role_label(b->post_role),
		    store_role_label(b->read_role));
}

/*
 * Read one board from path into b (defaults first). Returns the number
 * of errors; *key_line gets the line of "key".
 */
static int
board_file(const char *path, FILE *errs, struct store_board_conf *b,
    int *key_line)
{
	struct board_parse p;
	struct stat sb;
	int rc;

	memset(b, 0, sizeof(*b));
	b->key = xstrdup("");
	b->title = xstrdup("");
	b->description = xstrdup("");
	b->section = xstrdup("");
	b->moderators = xstrdup("");
	b->read_role = ROLE_MEMBRE;
	b->post_role = ROLE_MEMBRE;
	memset(&p, 0, sizeof(p));
	p.path = path;
	p.errs = errs;
	p.b = b;
	if ((p.in = fopen(path, "r")) == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: impossible de lire le fichier : "
			    "%s\n", path, strerror(errno));
		return 1;
	}
	if (fstat(fileno(p.in), &sb) == -1 || !S_ISREG(sb.st_mode)) {
		if (errs != NULL)
			fprintf(errs, "%s: pas un fichier ordinaire\n", path);
		fclose(p.in);
		return 1;
	}
	buf_init(&p.description);
	rc = ini_parse_stream(board_reader, &p, board_handler, &p);
	if (rc > 0 && p.errors == 0)
		board_error(&p, rc, "erreur de syntaxe");
	fclose(p.in);
	board_finish(&p);
	buf_free(&p.description);
	*key_line = p.lines[F_KEY];
	b->path = xstrdup(path);
	b->moderators_line = p.lines[F_MODERATORS];
	return p.errors;
}

static int
board_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The "*.conf" names of dir, sorted (not dotfiles: editors' and
 * packagers' leftovers). A missing directory is no board; another
 * failure is one error.
 */
static int
board_names(const char *dir, char ***names, size_t *n, FILE *errs)
{
	struct dirent *de;
	DIR *d;
	size_t len, cap = 0;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		if (errs != NULL)
			fprintf(errs, "%s: impossible de lire le dossier des "
			    "tableaux : %s\n", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".conf") != 0)
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*names = xreallocarray(*names, cap, sizeof(**names));
		}
		xasprintf(&(*names)[(*n)++], "%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(*names, *n, sizeof(**names), board_cmp);
	return 0;
}

int
config_boards_load(const struct config *cfg, struct store_board_conf **list,
    size_t *n, FILE *errs)
{
	struct store_board_conf *b = NULL;
	char **names = NULL;
	int *lines = NULL, errors;
	size_t nnames = 0, i, j;

	*list = NULL;
	*n = 0;
	if (cfg->boards_dir == NULL)
		return 0;
	if ((errors = board_names(cfg->boards_dir, &names, &nnames,
	    errs)) != 0 || nnames == 0)
		return errors;
	b = xcalloc(nnames, sizeof(*b));
	lines = xcalloc(nnames, sizeof(*lines));
	for (i = 0; i < nnames; i++)
		errors += board_file(names[i], errs, &b[i], &lines[i]);
	/* The key is the board's identity: two files, one board. */
	for (i = 0; i < nnames; i++) {
		for (j = 0; j < i; j++) {
			if (b[i].key[0] == '\0' ||
			    strcmp(b[i].key, b[j].key) != 0)
				continue;
			if (errs != NULL)
				fprintf(errs, "%s:%d: la clé « %s » est déjà "
				    "celle de %s:%d\n", names[i], lines[i],
				    b[i].key, names[j], lines[j]);
			errors++;
			break;
		}
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(lines);
	if (errors > 0) {
		config_boards_free(b, nnames);
		return errors;
	}
	*list = b;
	*n = nnames;
	return 0;
}

int
config_boards_load_report(const struct config *cfg,
    struct store_board_conf **list, size_t *n)
{
	int rc = config_boards_load(cfg, list, n, stderr);

	if (rc > 0)
		fprintf(stderr, "%s : %d erreur%s dans les tableaux\n",
		    cfg->boards_dir, rc, rc > 1 ? "s" : "");
	return rc == 0 ? 0 : -1;
}

void
config_boards_free(struct store_board_conf *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	/* Not store_board_conf_clear(): the parser must not need the
	 * store's code (check-config, tests). */
	for (i = 0; i < n; i++) {
		free(list[i].key);
		free(list[i].title);
		free(list[i].description);
		free(list[i].section);
		free(list[i].moderators);
		free(list[i].path);
	}
	free(list);
}

int
config_boards_check_logins(const struct store_board_conf *list, size_t n,
    struct store *st, FILE *errs)
{
	struct store_member m;
	char *copy, *login, *save = NULL;
	size_t i;
	int r, warnings = 0;

	for (i = 0; i < n; i++) {
		copy = xstrdup(list[i].moderators);
		for (login = strtok_r(copy, " ", &save); login != NULL;
		    login = strtok_r(NULL, " ", &save)) {
			r = store_member_by_login(st, login, &m);
			store_member_clear(&m);
			if (r == -1) {
				free(copy);
				return -1;
			}
			if (r == 0)
				continue;
			warnings++;
			if (errs != NULL)
				fprintf(errs, "%s:%d: avertissement : "
				    "« moderators » : aucun membre n'a "
				    "l'identifiant « %s »\n", list[i].path !=
				    NULL ? list[i].path : "?",
				    list[i].moderators_line, login);
		}
		free(copy);
	}
	return warnings;
}

static const struct store_board *
board_find(const struct store_board *list, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].key, key) == 0)
			return &list[i];
	return NULL;
}

/* 1 if the sync changed what members see of a board. */
static int
board_differs(const struct store_board *a, const struct store_board *b)
{
	return strcmp(a->title, b->title) != 0 ||
	    strcmp(a->description, b->description) != 0 ||
	    strcmp(a->section, b->section) != 0 ||
	    strcmp(a->moderators, b->moderators) != 0 ||
	    a->position != b->position || a->read_role != b->read_role ||
	    a->post_role != b->post_role || a->approval != b->approval;
}

/* ", 2 modifiés" (nothing if n is 0). */
static void
board_count(struct buf *b, int n, const char *one, const char *many)
{
	if (n == 0)
		return;
	buf_printf(b, "%s%d %s",
	    b->len > sizeof(BOARD_SUMMARY) - 1 ? ", " : "", n,
	    n > 1 ? many : one);
}

/* What store_board_sync() did, from the boards before and after it. */
static char *
board_summary(const struct store_board *before, size_t nbefore,
    const struct store_board *after, size_t nafter)
{
	const struct store_board *was;
	struct buf b;
	int added = 0, changed = 0, archived = 0, restored = 0;
	size_t i;

	for (i = 0; i < nafter; i++) {
		was = board_find(before, nbefore, after[i].key);
		if (was == NULL)
			added += after[i].archived_at == 0;
		else if (was->archived_at == 0 && after[i].archived_at != 0)
			archived++;
		else if (was->archived_at != 0 && after[i].archived_at == 0)
			restored++;
		else if (after[i].archived_at == 0 &&
		    board_differs(was, &after[i]))
			changed++;
	}
	buf_init(&b);
	buf_adds(&b, BOARD_SUMMARY);
	board_count(&b, added, "ajouté", "ajoutés");
	board_count(&b, changed, "modifié", "modifiés");
	board_count(&b, archived, "archivé", "archivés");
	board_count(&b, restored, "rétabli", "rétablis");
	if (b.len == sizeof(BOARD_SUMMARY) - 1)
		buf_adds(&b, "aucun changement");
	return buf_detach(&b);
}

int
config_boards_archived(struct store *st, const struct store_board_conf *list,
    size_t n, char **keys)
{
	struct store_board *boards;
	struct buf b;
	size_t nboards, i, j;
	int count = 0;

	*keys = NULL;
	if (store_board_list_all(st, &boards, &nboards) == -1)
		return -1;
	buf_init(&b);
	for (i = 0; i < nboards; i++) {
		if (boards[i].archived_at != 0)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(boards[i].key, list[j].key) == 0)
				break;
		if (j < n)
			continue;
		buf_printf(&b, "%s%s", count > 0 ? ", " : "", boards[i].key);
		count++;
	}
	store_board_list_free(boards, nboards);
	*keys = buf_detach(&b);
	return count;
}

int
config_boards_apply(const struct config *cfg, struct store *st, FILE *errs,
    char **summary)
{
	struct store_board_conf *list;
	size_t n;
	int rc;

	if (summary != NULL)
		*summary = NULL;
	if ((rc = config_boards_load(cfg, &list, &n, errs)) != 0) {
		if (errs != NULL)
			fprintf(errs, "%s : %d erreur%s dans les tableaux\n",
			    cfg->boards_dir, rc, rc > 1 ? "s" : "");
		return 1;
	}
	rc = config_boards_sync(st, list, n, errs, summary);
	config_boards_free(list, n);
	return rc;
}

int
config_boards_sync(struct store *st, const struct store_board_conf *list,
    size_t n, FILE *errs, char **summary)
{
	struct store_board *before = NULL, *after = NULL;
	size_t nbefore = 0, nafter = 0;
	int rc;

	if (summary != NULL)
		*summary = NULL;
	rc = -1;
	/* A warning only: the board works, without that moderator. */
	if (config_boards_check_logins(list, n, st, errs) == -1)
		goto out;
	if (store_board_list_all(st, &before, &nbefore) == -1 ||
	    store_board_sync(st, list, n, NULL) == -1 ||
	    store_board_list_all(st, &after, &nafter) == -1)
		goto out;
	if (summary != NULL)
		*summary = board_summary(before, nbefore, after, nafter);
	rc = 0;
out:
	store_board_list_free(before, nbefore);
	store_board_list_free(after, nafter);
	return rc;
}
