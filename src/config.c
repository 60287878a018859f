/*
 * config.c - conf/palabre.conf: sections [server], [site], [limits],
 * [signup], [backup], [mail] and [store].
 * The boards' files (boards.d/) are read by config_boards.c.
 *
 * libinih does the INI syntax; we feed it through our own line reader so
 * that every message carries its line number, and so that lines inih
 * would silently mangle (too long, no "=", invalid UTF-8) are reported.
 * Unknown sections and keys are errors: a typo must not be ignored.
 */
#include <sys/socket.h>

#include <arpa/inet.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/util.h"

#define CONFIG_TEXT_MAX	(1024 * 1024)	/* bytes of palabre.conf at most */

struct config_parse {
	struct config	*cfg;
	const char	*path;
	char		*dir;		/* directory of path, for relative paths */
	FILE		*in;
	FILE		*errs;
	int		 line;		/* number of the line last read */
	int		 errors;
	int		 host_keys_set;	/* first host_key replaces the defaults */
	int		 in_site;	/* the reader is in [site] */
	int		 charter_line;	/* where "charter =" was, last */
	int		 proxy_line;	/* where "proxy_protocol =" was */
	int		 engine_line;	/* where [store] "engine =" was */
};

static void	 config_error(struct config_parse *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static char	*config_reader(char *, int, void *);
static size_t	 config_keep_semicolons(char **, size_t *);
static int	 config_handler(void *, const char *, const char *,
		    const char *);
static char	*config_path(struct config_parse *, const char *);
static int	 config_store_key(struct config_parse *, const char *,
		    const char *);
static int	 config_host_valid(const char *);
static void	 config_rebase(struct config *, const char *);
static void	 config_normalise(char *);
static int	 config_int(struct config_parse *, const char *, const char *,
		    int, int, int *);
static int	 config_mail(struct config_parse *, const char *,
		    const char *);
static int	 config_bool(struct config_parse *, const char *, const char *,
		    int *);
static void	 config_proxy_from(struct config_parse *, const char *);

/* Report one error as "file:line: message". */
static void
config_error(struct config_parse *p, const char *fmt, ...)
{
	va_list ap;

	p->errors++;
	if (p->errs == NULL)
		return;
	fprintf(p->errs, "%s:%d: ", p->path, p->line);
	va_start(ap, fmt);
	vfprintf(p->errs, fmt, ap);
	va_end(ap);
	fputc('\n', p->errs);
}

/*
 * In [site], « ; » is punctuation, not a comment: French writes « Pour
 * tous ; partout » with a space before it, which libinih would take for
 * the start of a comment. That space becomes a no-break space (U+00A0,
 * what French typography wants there anyway). Returns the new length.
 */
static size_t
config_keep_semicolons(char **line, size_t *cap)
{
	struct buf b;
	char *p, *eq = strchr(*line, '=');

	buf_init(&b);
	for (p = *line; *p != '\0'; p++) {
		if (p > eq && *p == ' ' && p[1] == ';') {
			buf_add(&b, "\xc2\xa0", 2);
			continue;
		}
		buf_add(&b, p, 1);
	}
	free(*line);
	*cap = b.cap;
	*line = buf_detach(&b);
	return strlen(*line);
}

/* fgets() for inih that counts lines and reports malformed ones. */
static char *
config_reader(char *str, int num, void *arg)
{
	struct config_parse *p = arg;
	char *line = NULL, *s;
	size_t cap = 0;
	ssize_t n;

	for (;;) {
		n = getline(&line, &cap, p->in);
		if (n < 0) {
			free(line);
			return NULL;
		}
		p->line++;
		/* Windows line endings are fine; other controls are not. */
		if (n >= 2 && line[n - 2] == '\r' && line[n - 1] == '\n') {
			line[n - 2] = '\n';
			line[--n] = '\0';
		}
		/* A NUL would cut the line short unseen (the input rule of
		 * txt.h): a configuration line with one is refused. */
		if (memchr(line, '\0', (size_t)n) != NULL) {
			config_error(p, "octet nul dans la ligne : ligne "
			    "ignorée");
			continue;
		}
		for (s = line; *s != '\0'; s++)
			if (*s == '\t')
				*s = ' ';
		for (s = line; *s == ' '; s++)
			;
		if (*s == '[')
			p->in_site = strncmp(s, "[site]", 6) == 0;
		else if (p->in_site && strchr(line, '=') != NULL)
			n = (ssize_t)config_keep_semicolons(&line, &cap);
		if (!txt_is_clean(line, (size_t)n, TXT_MULTILINE)) {
			config_error(p, "texte invalide (UTF-8 attendu, sans "
			    "caractère de contrôle) : ligne ignorée");
			continue;
		}
		if (n >= num) {
			config_error(p, "ligne trop longue (%d octets au plus) "
			    ": ligne ignorée", num - 2);
			continue;
		}
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		if (*s != '\0' && *s != '\n' && *s != '\r' && *s != ';' &&
		    *s != '#' && *s != '[' && strpbrk(s, "=:") == NULL) {
			config_error(p, "ligne sans « = » : ligne ignorée");
			continue;
		}
		if (*s == '#') {
			/* inih only knows ';' comments. */
			str[0] = '\n';
			str[1] = '\0';
		} else
			memcpy(str, line, (size_t)n + 1);
		free(line);
		return str;
	}
}

/* Remove "." and "name/.." components from an absolute path, in place. */
static void
config_normalise(char *path)
{
	char *out = xmalloc(strlen(path) + 2), *o = out;
	const char *seg = path;
	size_t len;

	while (*seg != '\0') {
		while (*seg == '/')
			seg++;
		len = strcspn(seg, "/");
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (o > out && *--o != '/')
				;
		} else if (len > 0 && !(len == 1 && seg[0] == '.')) {
			*o++ = '/';
			memcpy(o, seg, len);
			o += len;
		}
		seg += len;
	}
	if (o == out)
		*o++ = '/';
	*o = '\0';
	memcpy(path, out, (size_t)(o - out) + 1);
	free(out);
}

/* A path from the file, made absolute against the file's directory. */
/* A host name or address as shown in a command line a member copies:
 * [A-Za-z0-9.:-], 1 to 253 bytes, nothing a shell would read. */
static int
config_host_valid(const char *h)
{
	size_t n = strspn(h, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-");

	return n >= 1 && n <= 253 && h[n] == '\0';
}

static char *
config_path(struct config_parse *p, const char *value)
{
	char *s;

	if (value[0] == '/' || p->dir == NULL)
		s = xstrdup(value);
	else
		xasprintf(&s, "%s/%s", p->dir, value);
	if (s[0] == '/')
		config_normalise(s);
	return s;
}

/* Parse an integer in [min, max]; 0 on success. */
static int
config_int(struct config_parse *p, const char *name, const char *value,
    int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (value[0] == '\0' || *end != '\0' || errno != 0 || v < min ||
	    v > max) {
		config_error(p, "« %s » attend un nombre entier entre %d et "
		    "%d, pas « %s »", name, min, max, value);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static void
config_set_str(char **dst, const char *value)
{
	free(*dst);
	*dst = xstrdup(value);
}

/* A yes/no value (« oui », « non » too); 0 on success. */
static int
config_bool(struct config_parse *p, const char *name, const char *value,
    int *out)
{
	int b;

	if ((b = config_parse_bool(value)) == -1) {
		config_error(p, "« %s » attend oui ou non, pas « %s »", name,
		    value);
		return -1;
	}
	*out = b;
	return 0;
}

/*
 * proxy_from: the relays that may send a PROXY header, addresses or
 * blocks separated by commas ("127.0.0.1, ::1, 10.0.0.0/8"); each line
 * replaces the list.
 */
static void
config_proxy_from(struct config_parse *p, const char *value)
{
	struct config *c = p->cfg;
	struct config_net *net;
	char *list = xstrdup(value), *item, *save = NULL, *slash, *end;
	long bits;
	int i, bad = 0;

	c->nproxy_from = 0;
	for (item = strtok_r(list, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		item += strspn(item, " \t");
		end = item + strlen(item);
		while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (c->nproxy_from == CONFIG_MAX_PROXY_FROM) {
			config_error(p, "proxy_from : au plus %d adresses",
			    CONFIG_MAX_PROXY_FROM);
			break;
		}
		net = &c->proxy_from[c->nproxy_from];
		memset(net, 0, sizeof(*net));
		if ((slash = strchr(item, '/')) != NULL)
			*slash++ = '\0';
		if (inet_pton(AF_INET, item, net->addr) == 1) {
			net->family = AF_INET;
			net->bits = 32;
		} else if (inet_pton(AF_INET6, item, net->addr) == 1) {
			net->family = AF_INET6;
			net->bits = 128;
		} else {
			config_error(p, "proxy_from : « %s » n'est pas une "
			    "adresse IPv4 ni IPv6", item);
			bad++;
			continue;
		}
		if (slash != NULL) {
			errno = 0;
			bits = strtol(slash, &end, 10);
			if (*slash == '\0' || *end != '\0' || errno != 0 ||
			    bits < 0 || bits > net->bits) {
				config_error(p, "proxy_from : préfixe « /%s » "
				    "invalide pour %s", slash, item);
				bad++;
				continue;
			}
			net->bits = (int)bits;
		}
		/* Host bits cleared: matching compares whole bytes. */
		for (i = net->bits; i < 128; i++)
			net->addr[i / 8] &= (unsigned char)~(0x80 >> (i % 8));
		c->nproxy_from++;
	}
	if (c->nproxy_from == 0 && bad == 0)
		config_error(p, "proxy_from : aucune adresse");
	free(list);
}

int
config_parse_bool(const char *value)
{
	static const char *const yes[] = { "oui", "yes", "1" };
	static const char *const no[] = { "non", "no", "0" };
	size_t i;

	for (i = 0; i < nitems(yes); i++)
		if (strcasecmp(value, yes[i]) == 0)
			return 1;
	for (i = 0; i < nitems(no); i++)
		if (strcasecmp(value, no[i]) == 0)
			return 0;
	return -1;
}

/*
 * [mail]: how « palabre admin digest send » mails. The sendmail command
 * is run without a shell (its words split at spaces), so its program is
 * an absolute path; from is « Nom <adresse> » or an address. Whether the
 * program is there is checked where it runs (it may be installed after
 * the file is written). 0, or -1 for an unknown key.
 */
static int
config_mail(struct config_parse *p, const char *name, const char *value)
{
	struct config *c = p->cfg;
	const char *lt, *gt;
	char *addr;

	if (strcmp(name, "sendmail") == 0) {
		if (value[0] != '/' || txt_is_clean(value, strlen(value),
		    0) == 0)
			config_error(p, "« sendmail » attend une commande "
			    "dont le programme est un chemin absolu "
			    "(/usr/sbin/sendmail -t -oi)");
		config_set_str(&c->mail_sendmail, value);
	} else if (strcmp(name, "from") == 0) {
		lt = strchr(value, '<');
		gt = lt != NULL ? strchr(lt, '>') : NULL;
		addr = lt != NULL ? xstrndup(lt + 1, gt != NULL ?
		    (size_t)(gt - lt - 1) : 0) : xstrdup(value);
		if (value[0] != '\0' && ((lt != NULL && (gt == NULL ||
		    gt[1] != '\0')) || !store_mail_address_valid(addr, 1) ||
		    txt_is_clean(value, strlen(value), 0) == 0))
			config_error(p, "« from » attend une adresse, "
			    "« palabre@exemple.fr » ou « Réseau "
			    "<palabre@exemple.fr> », pas « %s »", value);
		free(addr);
		config_set_str(&c->mail_from, value);
	} else if (strcmp(name, "host") == 0) {
		if (strpbrk(value, " \t@/") != NULL)
			config_error(p, "« host » attend le nom du serveur "
			    "que les membres donnent à ssh");
		config_set_str(&c->mail_host, value);
	} else if (strcmp(name, "port") == 0)
		config_int(p, name, value, 0, 65535, &c->mail_port);
	else if (strcmp(name, "digest_hour") == 0)
		config_int(p, name, value, 0, 23, &c->mail_digest_hour);
	else
		return -1;
	return 0;
}

/*
 * One key of [store]: the engine, and PostgreSQL's connection URI (a
 * password may be in it: never repeated in a message). -1 if unknown.
 */
static int
config_store_key(struct config_parse *p, const char *name, const char *value)
{
	struct config *c = p->cfg;

	if (strcmp(name, "engine") == 0) {
		p->engine_line = p->line;
		if (strcmp(value, "sqlite") == 0)
			c->store_engine = CONFIG_ENGINE_SQLITE;
		else if (strcmp(value, "postgresql") == 0)
			c->store_engine = CONFIG_ENGINE_POSTGRESQL;
		else
			config_error(p, "« engine » : sqlite ou postgresql, "
			    "pas « %s »", value);
	} else if (strcmp(name, "dsn") == 0) {
		free(c->store_dsn);
		c->store_dsn = NULL;
		if (value[0] == '\0')
			;
		else if (strncmp(value, "postgresql://", 13) != 0 &&
		    strncmp(value, "postgres://", 11) != 0)
			config_error(p, "« dsn » attend une adresse "
			    "« postgresql://… » (voir palabre.conf(5))");
		else
			c->store_dsn = xstrdup(value);
	} else
		return -1;
	return 0;
}

/* Called by inih for each "name = value". Always returns 1: we count our
 * own errors and keep going to report them all. */
static int
config_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct config_parse *p = arg;
	struct config *c = p->cfg;
	char *clean;
	unsigned what;

	if (strcmp(section, "server") == 0) {
		if (strcmp(name, "listen") == 0)
			config_set_str(&c->listen, value);
		else if (strcmp(name, "port") == 0)
			config_int(p, name, value, 1, 65535, &c->port);
		else if (strcmp(name, "ui_image") == 0)
			config_bool(p, name, value, &c->ui_image);
		else if (strcmp(name, "proxy_protocol") == 0) {
			p->proxy_line = p->line;
			if (strcmp(value, "off") == 0)
				c->proxy_protocol = CONFIG_PROXY_OFF;
			else if (strcmp(value, "optional") == 0)
				c->proxy_protocol = CONFIG_PROXY_OPTIONAL;
			else if (strcmp(value, "required") == 0)
				c->proxy_protocol = CONFIG_PROXY_REQUIRED;
			else
				config_error(p, "proxy_protocol : off, "
				    "optional ou required, pas « %s »", value);
		} else if (strcmp(name, "proxy_from") == 0)
			config_proxy_from(p, value);
		else if (strcmp(name, "host_key") == 0) {
			if (!p->host_keys_set) {
				while (c->nhost_keys > 0)
					free(c->host_keys[--c->nhost_keys]);
				p->host_keys_set = 1;
			}
			if (c->nhost_keys == CONFIG_MAX_HOST_KEYS)
				config_error(p, "au plus %d clés d'hôte",
				    CONFIG_MAX_HOST_KEYS);
			else
				c->host_keys[c->nhost_keys++] =
				    config_path(p, value);
		} else if (strcmp(name, "database") == 0) {
			free(c->database);
			c->database = config_path(p, value);
		} else if (strcmp(name, "log_file") == 0) {
			free(c->log_file);
			c->log_file = value[0] == '\0' ? NULL :
			    config_path(p, value);
		} else if (strcmp(name, "boards") == 0) {
			free(c->boards_dir);
			c->boards_dir = value[0] == '\0' ? NULL :
			    config_path(p, value);
		} else if (strcmp(name, "user") == 0) {
			free(c->user);
			c->user = value[0] == '\0' ? NULL : xstrdup(value);
		} else if (strcmp(name, "run_dir") == 0) {
			free(c->run_dir);
			c->run_dir = value[0] == '\0' ? NULL :
			    config_path(p, value);
		} else if (strcmp(name, "files_dir") == 0) {
			free(c->files_dir);
			c->files_dir = value[0] == '\0' ? NULL :
			    config_path(p, value);
		} else if (strcmp(name, "public_host") == 0) {
			free(c->public_host);
			c->public_host = NULL;
			if (value[0] != '\0' && !config_host_valid(value))
				config_error(p, "public_host : un nom d'hôte "
				    "ou une adresse (lettres, chiffres, « . », "
				    "« - », « : »)");
			else if (value[0] != '\0')
				c->public_host = xstrdup(value);
		} else
			goto unknown;
	} else if (strcmp(section, "site") == 0) {
		if (strcmp(name, "article") == 0) {
			static const char *const articles[][2] = {
				{ "", "" }, { "le", "le " }, { "la", "la " },
				{ "l'", "l'" }, { "l’", "l'" },
				{ "les", "les " }
			};
			size_t i;

			for (i = 0; i < nitems(articles); i++)
				if (strcmp(value, articles[i][0]) == 0)
					break;
			if (i < nitems(articles))
				c->site_article = articles[i][1];
			else
				config_error(p, "article : « le », « la », "
				    "« l' », « les » ou rien");
			return 1;
		}
		if (strcmp(name, "name") != 0 && strcmp(name, "tagline") != 0 &&
		    strcmp(name, "short_name") != 0)
			goto unknown;
		clean = txt_clean(value, strlen(value), 0, 200, &what);
		if (what != 0)
			config_error(p, "« %s » contient des caractères "
			    "invalides ou est trop long", name);
		if (strcmp(name, "name") == 0) {
			if (clean[0] == '\0')
				config_error(p, "le nom du site est vide");
			free(c->site_name);
			c->site_name = clean;
		} else if (strcmp(name, "short_name") == 0) {
			free(c->site_short_name);
			c->site_short_name = clean;
		} else {
			free(c->site_tagline);
			c->site_tagline = clean;
		}
	} else if (strcmp(section, "limits") == 0) {
		if (strcmp(name, "login_grace_time") == 0)
			config_int(p, name, value, 5, 600, &c->login_grace);
		else if (strcmp(name, "kex_grace_time") == 0)
			config_int(p, name, value, 1, 600, &c->kex_grace);
		else if (strcmp(name, "max_auth_tries") == 0)
			config_int(p, name, value, 1, 20, &c->max_auth_tries);
		else if (strcmp(name, "max_startups") == 0) {
			int b, r, f;
			char extra;

			if (sscanf(value, "%d:%d:%d%c", &b, &r, &f,
			    &extra) != 3 || b < 1 || r < 0 || r > 100 ||
			    f < b) {
				config_error(p, "« max_startups » attend "
				    "début:taux:plein, par exemple 10:30:100");
			} else {
				c->startups_begin = b;
				c->startups_rate = r;
				c->startups_full = f;
			}
		} else if (strcmp(name, "max_startups_per_source") == 0)
			config_int(p, name, value, 1, 10000,
			    &c->startups_per_source);
		else if (strcmp(name, "max_sessions") == 0)
			config_int(p, name, value, 1, 100000,
			    &c->max_sessions);
		else if (strcmp(name, "idle_timeout") == 0)
			config_int(p, name, value, 0, 24 * 60,
			    &c->idle_timeout);
		else if (strcmp(name, "depot_max") == 0)
			config_int(p, name, value, 1, 1024, &c->depot_max);
		else if (strcmp(name, "max_sessions_per_member") == 0)
			config_int(p, name, value, 1, 100000,
			    &c->member_sessions);
		else if (strcmp(name, "password_hashes") == 0)
			config_int(p, name, value, 1, 16,
			    &c->password_hashes);
		else if (strcmp(name, "source_failures") == 0)
			config_int(p, name, value, 1, 10000,
			    &c->source_failures);
		else if (strcmp(name, "source_window") == 0)
			config_int(p, name, value, 1, 86400,
			    &c->source_window);
		else if (strcmp(name, "source_penalty") == 0)
			config_int(p, name, value, 1, 86400,
			    &c->source_penalty);
		else if (strcmp(name, "account_failures") == 0)
			config_int(p, name, value, 1, 1000,
			    &c->account_failures);
		else if (strcmp(name, "account_window") == 0)
			config_int(p, name, value, 1, 86400,
			    &c->account_window);
		else if (strcmp(name, "account_lock") == 0)
			config_int(p, name, value, 1, 86400,
			    &c->account_lock);
		else
			goto unknown;
	} else if (strcmp(section, "signup") == 0) {
		if (strcmp(name, "enabled") == 0)
			config_bool(p, name, value, &c->signup);
		else if (strcmp(name, "guest") == 0)
			config_bool(p, name, value, &c->guest);
		else if (strcmp(name, "max_pending") == 0)
			config_int(p, name, value, 1, 100000,
			    &c->signup_max_pending);
		else if (strcmp(name, "max_per_source") == 0)
			config_int(p, name, value, 1, 10000,
			    &c->open_per_source);
		else if (strcmp(name, "max_percent") == 0)
			config_int(p, name, value, 1, 100,
			    &c->open_percent);
		else if (strcmp(name, "idle_timeout") == 0)
			config_int(p, name, value, 0, 24 * 60,
			    &c->open_idle_timeout);
		else if (strcmp(name, "charter") == 0) {
			free(c->charter);
			c->charter = value[0] == '\0' ? NULL :
			    config_path(p, value);
			/* Checked once the whole file is read: the
			 * listener's copy names its own after this one. */
			p->charter_line = p->line;
		} else
			goto unknown;
	} else if (strcmp(section, "backup") == 0) {
		if (strcmp(name, "dir") == 0) {
			free(c->backup_dir);
			c->backup_dir = value[0] == '\0' ? NULL :
			    config_path(p, value);
		} else if (strcmp(name, "keep") == 0)
			config_int(p, name, value, 0, 100000, &c->backup_keep);
		else
			goto unknown;
	} else if (strcmp(section, "mail") == 0) {
		if (config_mail(p, name, value) != 0)
			goto unknown;
	} else if (strcmp(section, "store") == 0) {
		if (config_store_key(p, name, value) != 0)
			goto unknown;
	} else if (section[0] == '\0') {
		config_error(p, "« %s » hors section ([server], [site], "
		    "[limits], [signup], [backup], [mail] ou [store])", name);
	} else {
		config_error(p, "section inconnue [%s]", section);
	}
	return 1;

unknown:
	config_error(p, "clé inconnue « %s » dans [%s]", name, section);
	return 1;
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = xstrdup("127.0.0.1");
	c->port = 2222;
	c->host_keys[c->nhost_keys++] = xstrdup("var/ssh_host_ed25519_key");
	c->host_keys[c->nhost_keys++] = xstrdup("var/ssh_host_rsa_key");
	c->database = xstrdup("var/palabre.db");
	c->boards_dir = xstrdup("conf/boards.d");
	c->site_name = xstrdup("Palabre");
	c->site_tagline = xstrdup("");
	c->site_short_name = xstrdup("");
	c->site_article = "";
	c->ui_image = 1;
	c->login_grace = 30;
	c->kex_grace = 5;
	c->max_auth_tries = 6;
	c->startups_begin = 10;
	c->startups_rate = 30;
	c->startups_full = 100;
	c->startups_per_source = 20;
	c->max_sessions = 1000;
	c->idle_timeout = 60;
	c->depot_max = 64;
	c->member_sessions = 5;
	c->password_hashes = 2;
	c->user = xstrdup("palabre");
	c->source_failures = 30;
	c->source_window = 600;
	c->source_penalty = 30;
	c->account_failures = 8;
	c->account_window = 900;
	c->account_lock = 60;
	c->signup_max_pending = 50;
	c->open_per_source = 5;
	c->open_percent = 10;
	c->open_idle_timeout = 10;
	c->backup_keep = 14;
	c->mail_sendmail = xstrdup("/usr/sbin/sendmail -t -oi");
	c->mail_from = xstrdup("");
	c->mail_host = xstrdup("");
	c->mail_digest_hour = 7;
}

/*
 * The default paths are relative to the directory above the file's
 * (conf/palabre.conf -> var/palabre.db beside conf/).
 */
static void
config_rebase(struct config *c, const char *dir)
{
	char *old;
	int i;

	for (i = 0; i < c->nhost_keys; i++) {
		old = c->host_keys[i];
		xasprintf(&c->host_keys[i], "%s/../%s", dir, old);
		if (c->host_keys[i][0] == '/')
			config_normalise(c->host_keys[i]);
		free(old);
	}
	old = c->database;
	xasprintf(&c->database, "%s/../%s", dir, old);
	if (c->database[0] == '/')
		config_normalise(c->database);
	free(old);
	/* The boards live beside the file, not above it. */
	free(c->boards_dir);
	xasprintf(&c->boards_dir, "%s/boards.d", dir);
	if (c->boards_dir[0] == '/')
		config_normalise(c->boards_dir);
}

int
config_load_report(struct config *cfg, const char *path)
{
	int rc = config_load(cfg, path, stderr);

	if (rc > 0)
		fprintf(stderr, "%s : %d erreur%s\n", path, rc,
		    rc > 1 ? "s" : "");
	return rc == 0 ? 0 : -1;
}

void
config_clear(struct config *c)
{
	int i;

	free(c->path);
	free(c->listen);
	for (i = 0; i < c->nhost_keys; i++)
		free(c->host_keys[i]);
	free(c->database);
	free(c->store_dsn);
	free(c->log_file);
	free(c->user);
	free(c->boards_dir);
	free(c->site_name);
	free(c->site_tagline);
	free(c->site_short_name);
	free(c->charter);
	free(c->backup_dir);
	free(c->mail_sendmail);
	free(c->mail_from);
	free(c->mail_host);
	free(c->run_dir);
	free(c->files_dir);
	free(c->public_host);
	free(c->text);
	memset(c, 0, sizeof(*c));
}

int
config_load(struct config *cfg, const char *path, FILE *errs)
{
	char *text;
	size_t len;
	int rc;

	if (file_read(path, CONFIG_TEXT_MAX, &text, &len) == -1) {
		if (errs != NULL)
			fprintf(errs, "%s: impossible de lire le fichier : "
			    "%s\n", path, strerror(errno));
		memset(cfg, 0, sizeof(*cfg));
		return -1;
	}
	rc = config_load_text(cfg, text, len, path, errs);
	free(text);
	return rc;
}

int
config_load_text(struct config *cfg, const char *text, size_t len,
    const char *path, FILE *errs)
{
	struct config_parse p;
	const char *slash;
	char *real;
	int rc;

	config_defaults(cfg);
	memset(&p, 0, sizeof(p));
	p.cfg = cfg;
	p.path = path;
	p.errs = errs;
	/* fmemopen() wants at least one byte: an empty file is a line. */
	if ((p.in = fmemopen((void *)(len > 0 ? text : "\n"), len > 0 ? len :
	    1, "r")) == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: %s\n", path, strerror(errno));
		config_clear(cfg);
		return -1;
	}
	if ((slash = strrchr(path, '/')) != NULL)
		p.dir = xstrndup(path, (size_t)(slash - path));
	else
		p.dir = xstrdup(".");
	/* Absolute, so the server finds its files from any directory. */
	if ((real = realpath(p.dir[0] != '\0' ? p.dir : "/", NULL)) != NULL) {
		free(p.dir);
		p.dir = real;
	}
	config_rebase(cfg, p.dir);
	rc = ini_parse_stream(config_reader, &p, config_handler, &p);
	if (rc > 0 && p.errors == 0) {
		/* inih found a syntax error our reader did not. */
		p.line = rc;
		config_error(&p, "erreur de syntaxe");
	}
	fclose(p.in);
	free(p.dir);
	if (cfg->charter != NULL && access(cfg->charter, R_OK) != 0) {
		p.line = p.charter_line;
		config_error(&p, "charte illisible : %s", cfg->charter);
	}
	/* Headers from anyone would let anyone choose their address. */
	if (cfg->proxy_protocol != CONFIG_PROXY_OFF && cfg->nproxy_from == 0) {
		p.line = p.proxy_line;
		config_error(&p, "proxy_protocol = %s : il faut proxy_from "
		    "(les relais autorisés à envoyer l'en-tête)",
		    cfg->proxy_protocol == CONFIG_PROXY_REQUIRED ?
		    "required" : "optional");
	}
	if (cfg->store_engine == CONFIG_ENGINE_POSTGRESQL &&
	    cfg->store_dsn == NULL) {
		p.line = p.engine_line;
		config_error(&p, "engine = postgresql : il faut « dsn = "
		    "postgresql://… » (la base à laquelle se connecter)");
	}
	if (p.errors > 0) {
		config_clear(cfg);
		return p.errors;
	}
	if (cfg->run_dir == NULL) {
		/* Beside the database: a place the server may write. */
		slash = strrchr(cfg->database, '/');
		xasprintf(&cfg->run_dir, "%.*s/run", slash == NULL ? 1 :
		    (int)(slash - cfg->database), slash == NULL ? "." :
		    cfg->database);
	}
	if (cfg->files_dir == NULL) {
		/* Beside the database too: backed up with it. */
		slash = strrchr(cfg->database, '/');
		xasprintf(&cfg->files_dir, "%.*s/fichiers", slash == NULL ?
		    1 : (int)(slash - cfg->database), slash == NULL ? "." :
		    cfg->database);
	}
	cfg->path = xstrdup(path);
	cfg->text = xmalloc(len + 1);
	memcpy(cfg->text, text, len);
	cfg->text[len] = '\0';
	cfg->text_len = len;
	return 0;
}

/* Swap one field between two configurations. */
#define CONFIG_SWAP(a, b, f) do {					\
	__typeof__((a)->f) tmp_ = (a)->f;				\
	(a)->f = (b)->f;						\
	(b)->f = tmp_;							\
} while (0)

static int
config_str_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

int
config_take(struct config *cur, struct config *fresh)
{
	struct config old;
	int i, changed = 0;

	if (config_str_differs(cur->listen, fresh->listen) ||
	    cur->port != fresh->port ||
	    cur->nhost_keys != fresh->nhost_keys ||
	    config_str_differs(cur->user, fresh->user))
		changed |= CONFIG_RESTART_LISTEN;
	for (i = 0; i < cur->nhost_keys && i < fresh->nhost_keys; i++)
		if (strcmp(cur->host_keys[i], fresh->host_keys[i]) != 0)
			changed |= CONFIG_RESTART_LISTEN;
	if (config_str_differs(cur->database, fresh->database) ||
	    cur->store_engine != fresh->store_engine ||
	    config_str_differs(cur->store_dsn, fresh->store_dsn))
		changed |= CONFIG_RESTART_DATABASE;
	if (config_str_differs(cur->log_file, fresh->log_file))
		changed |= CONFIG_RESTART_LOG;
	if (config_str_differs(cur->run_dir, fresh->run_dir))
		changed |= CONFIG_RESTART_RUN;
	/* Everything else is fresh's: new settings reload by default. */
	CONFIG_SWAP(cur, fresh, path);
	CONFIG_SWAP(cur, fresh, listen);
	CONFIG_SWAP(cur, fresh, port);
	for (i = 0; i < CONFIG_MAX_HOST_KEYS; i++)
		CONFIG_SWAP(cur, fresh, host_keys[i]);
	CONFIG_SWAP(cur, fresh, nhost_keys);
	CONFIG_SWAP(cur, fresh, database);
	CONFIG_SWAP(cur, fresh, store_engine);
	CONFIG_SWAP(cur, fresh, store_dsn);
	CONFIG_SWAP(cur, fresh, log_file);
	CONFIG_SWAP(cur, fresh, user);
	CONFIG_SWAP(cur, fresh, run_dir);
	old = *cur;
	*cur = *fresh;
	*fresh = old;
	config_clear(fresh);
	return changed;
}

/* What store_open() is given: the DSN on PostgreSQL, else the file. */
const char *
config_store(const struct config *c)
{
	return c->store_engine == CONFIG_ENGINE_POSTGRESQL ? c->store_dsn :
	    c->database;
}
