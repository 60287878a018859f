/*
 * config.h - the server and site configuration, conf/palabre.conf (INI,
 * parsed with libinih).
 *
 * Relative paths in the file are relative to the directory that holds the
 * file, so the same file works whatever the current directory. Every error
 * is reported as "file:line: message" and loading fails if there was any;
 * a loaded config is always complete (defaults fill the gaps).
 */
#ifndef PALABRE_CONFIG_H
#define PALABRE_CONFIG_H

#include <stdio.h>

#define CONFIG_MAX_HOST_KEYS 4
#define CONFIG_MAX_PROXY_FROM 16

/* [server] proxy_protocol: the PROXY v2 header a relay sends. */
enum config_proxy {
	CONFIG_PROXY_OFF,		/* never read: peers are clients */
	CONFIG_PROXY_OPTIONAL,		/* read from proxy_from, if sent */
	CONFIG_PROXY_REQUIRED		/* only relays in proxy_from, with it */
};

/* An address block of proxy_from: 127.0.0.1, ::1, 10.0.0.0/8. */
struct config_net {
	int		 family;	/* AF_INET or AF_INET6 */
	unsigned char	 addr[16];	/* network order, host bits zero */
	int		 bits;		/* prefix length */
};

enum config_engine {
	CONFIG_ENGINE_SQLITE = 0,
	CONFIG_ENGINE_POSTGRESQL
};

struct config {
	char	*path;			/* the file read, as given */
	char	*text;			/* its bytes, as validated */
	size_t	 text_len;

	/* [server] */
	char	*listen;		/* address to bind, default 127.0.0.1 */
	int	 port;			/* default 2222 */
	enum config_proxy proxy_protocol; /* default off */
	int	 ui_image;		/* interfaces forked from an image */
	struct config_net proxy_from[CONFIG_MAX_PROXY_FROM]; /* relays */
	int	 nproxy_from;
	char	*host_keys[CONFIG_MAX_HOST_KEYS]; /* absolute paths */
	int	 nhost_keys;
	char	*database;		/* absolute path */
	char	*log_file;		/* NULL: stderr */
	char	*user;			/* drop to it when root ("palabre"); NULL: stay */
	char	*boards_dir;		/* absolute; NULL: no boards */
	char	*run_dir;		/* absolute: the sessions' registry and
					 * the listener's validated copy; default
					 * "run" beside the database */
	char	*files_dir;		/* absolute: the library's original
					 * files; default "fichiers" beside
					 * the database */
	char	*public_host;		/* the host name members type, for
					 * the commands shown; NULL: listen */

	/* [site] */
	char	*site_name;		/* clean UTF-8 */
	char	*site_tagline;		/* clean UTF-8, may be "" */
	char	*site_short_name;	/* for narrow screens; "" if none */
	const char *site_article;	/* "le ", "la ", "l'", "les " or "":
					 * « sur le Réseau », « sur Palabre » */

	/* [limits] */
	int	 login_grace;		/* seconds for kex + auth + shell */
	int	 kex_grace;		/* seconds to finish the key exchange */
	int	 max_auth_tries;	/* failed attempts per connection */
	int	 startups_begin;	/* MaxStartups begin:rate:full */
	int	 startups_rate;
	int	 startups_full;
	int	 startups_per_source;	/* unauthenticated, one address */
	int	 max_sessions;		/* connections at once */
	int	 idle_timeout;		/* minutes without a key; 0: none */
	int	 depot_max;		/* MB a file dropped into /depot/ may
					 * weigh (SFTP) */
	int	 member_sessions;	/* sessions at once per member account */
	int	 password_hashes;	/* argon2id runs at once */
	int	 source_failures;	/* failures per address before penalty */
	int	 source_window;		/* seconds over which they count */
	int	 source_penalty;	/* first penalty, seconds (doubles) */
	int	 account_failures;	/* failures per account before lock */
	int	 account_window;
	int	 account_lock;		/* first lock, seconds (doubles) */

	/* [signup] */
	int	 signup;		/* « ssh nouveau@ » opens the sign-up */
	char	*charter;		/* absolute path of the charter; NULL: none */
	int	 signup_max_pending;	/* accounts waiting at most, then closed */
	int	 guest;			/* « ssh invite@ »: read-only visit */
	int	 open_per_source;	/* nouveau/invite sessions, one address */
	int	 open_percent;		/* ... in all, % of max_sessions */
	int	 open_idle_timeout;	/* ... minutes without a key; 0: none */

	/* [backup] (palabre admin backup) */
	char	*backup_dir;		/* absolute; NULL: backups/ beside
					   the database */
	int	 backup_keep;		/* copies kept, default 14; 0: all */

	/* [mail] (palabre admin digest send) */
	char	*mail_sendmail;		/* the MTA's sendmail command line,
					 * split at spaces, no shell */
	char	*mail_from;		/* « Nom <adresse> »; "" none: no mail */
	char	*mail_host;		/* what members type after ssh's @;
					 * "": the domain of from */
	int	 mail_port;		/* ssh's -p in mails; 0: [server] port */
	int	 mail_digest_hour;	/* Paris hour digests go out, 0-23 */

	/* [store] */
	enum config_engine store_engine; /* default sqlite: the database file */
	char	*store_dsn;		/* postgresql://…; NULL: none */
};

/* The logins of the sign-up and of the guest visit: never members'. */
#define CONFIG_SIGNUP_LOGIN	"nouveau"
#define CONFIG_GUEST_LOGIN	"invite"

/* The default configuration file, relative to the current directory. */
#ifndef PALABRE_CONF
#define PALABRE_CONF "conf/palabre.conf"
#endif

/*
 * Load path into cfg (which is cleared first). Errors go to errs as
 * "path:line: message". Returns 0 if the file is valid, else the number
 * of errors (cfg is then cleared), or -1 if the file cannot be read.
 */
int	 config_load(struct config *cfg, const char *path, FILE *errs);
void	 config_clear(struct config *cfg);
/* config_load() on text already read from path (relative paths are
 * relative to path's directory, messages name path); same returns. */
int	 config_load_text(struct config *cfg, const char *text, size_t len,
	    const char *path, FILE *errs);
/* config_load() with its errors on stderr and a count after them;
 * 0 or -1. */
int	 config_load_report(struct config *cfg, const char *path);
/* What the store opens: [store] dsn on PostgreSQL, else [server]
 * database (which still places run/, fichiers/ and the locks). */
const char *config_store(const struct config *cfg);
/*
 * A reload: cur takes every setting of fresh but those that need a
 * restart (address, port, host keys, user, database, log file, run
 * directory), which it keeps. fresh is cleared. Returns a bit mask of
 * CONFIG_RESTART_* for what changed but waits for the restart.
 */
#define CONFIG_RESTART_LISTEN	0x01	/* listen, port, host_key, user */
#define CONFIG_RESTART_DATABASE	0x02
#define CONFIG_RESTART_LOG	0x04
#define CONFIG_RESTART_RUN	0x08
int	 config_take(struct config *cur, struct config *fresh);

/*
 * The listener's validated configuration, passed down (config_snapshot.c).
 * Sessions and their interfaces never read palabre.conf: the listener
 * writes what it validated last into run_dir (the file's bytes, the
 * settings that wait for a restart, a copy of the charter), atomically,
 * at start and on each valid SIGHUP; the interface loads that copy at
 * start and on SIGUSR1. 0, or -1 with errno set (nothing replaced).
 */
int	 config_snapshot_write(const struct config *cfg);
/* Load the copy in run_dir as if it were the file origin (the path
 * given to the listener). Same returns as config_load(). */
int	 config_snapshot_load(struct config *cfg, const char *run_dir,
	    const char *origin, FILE *errs);
/* Defaults only (for tests and "palabre local" without a file). */
void	 config_defaults(struct config *cfg);
/* A yes-or-no value in any configuration file, case aside: « oui »,
 * « yes », « 1 » (1), « non », « no », « 0 » (0), -1 otherwise. */
int	 config_parse_bool(const char *);

/*
 * The boards, one file per board in cfg->boards_dir (config_boards.c):
 * every "*.conf" in name order, each a [board] section. Errors go to
 * errs as "file:line: message". Returns the number of errors (0: *list
 * holds *n boards, to free with config_boards_free; else *list is NULL).
 * A missing directory is no error: no boards.
 */
struct store;
struct store_board_conf;
int	 config_boards_load(const struct config *cfg,
	    struct store_board_conf **list, size_t *n, FILE *errs);
void	 config_boards_free(struct store_board_conf *list, size_t n);
/* config_boards_load() with its errors on stderr and a count after
 * them; 0 or -1. */
int	 config_boards_load_report(const struct config *cfg,
	    struct store_board_conf **list, size_t *n);
/*
 * Warn on errs (« file:line: avertissement : ... ») for each moderator
 * that is no member's login: such a board has no moderator of that name,
 * which is no reason to refuse it. The number of warnings, or -1.
 */
int	 config_boards_check_logins(const struct store_board_conf *list,
	    size_t n, struct store *st, FILE *errs);
/*
 * Load the boards (errors to errs, with a count) and make the database
 * match them (store_board_sync). *summary (may be NULL) gets what
 * changed, for the log: "tableaux : 1 ajouté, 2 modifiés, 1 archivé".
 * 0 done; 1 errors in the files (nothing changed); -1 database error.
 */
int	 config_boards_apply(const struct config *cfg, struct store *st,
	    FILE *errs, char **summary);
/* The second half of config_boards_apply(), on boards already loaded:
 * 0 or -1. */
int	 config_boards_sync(struct store *st,
	    const struct store_board_conf *list, size_t n, FILE *errs,
	    char **summary);
/* How many boards open now a sync of list would archive (their keys in
 * *keys, « a, b », to free), or -1. */
int	 config_boards_archived(struct store *st,
	    const struct store_board_conf *list, size_t n, char **keys);

#endif /* PALABRE_CONFIG_H */
