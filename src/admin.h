/*
 * admin.h - "palabre admin ...": the sysop's commands on the database.
 *
 * The command line is a table, as tmux's cmd_entry: one entry per
 * command (family, verb, arguments, options, a line of French, handler),
 * one table per command family's file, all listed in admin.c. One
 * convention for every command:
 *
 *	palabre admin FAMILY VERB [ARGUMENTS] [--option [VALUE]]...
 *
 * (a few commands are a family alone: « admin backup [DOSSIER] »).
 * admin.c checks the words against the entry before calling the
 * handler: « --help » or « -h » anywhere print the entry's usage on
 * stdout (exit 0); an unknown option, a missing value or a wrong number
 * of arguments is named in French on stderr (exit 2). Handlers then
 * parse with getopt_long as before, knowing the words are well formed.
 */
#ifndef PALABRE_ADMIN_H
#define PALABRE_ADMIN_H

#include <stdint.h>
#include <stdio.h>

struct config;
struct store;
struct store_member;
struct store_viewer;

/*
 * One command. options: the long options, space-separated, each
 * "name" (a flag) or "name=VALEUR" (takes a value), "!" in front when
 * the command needs it: "!board=CLÉ !author=IDENTIFIANT date=DATE".
 * args: the positional arguments as the usage shows them ("IDENTIFIANT
 * FICHIER.pub"); a part starting with "<" (what stdin holds) is shown
 * last. The handler gets argv[0] = the verb (the family when verb is
 * NULL), getopt-ready; it returns the exit status (0, 1 failure, 2
 * usage).
 */
struct admin_cmd {
	const char	*family;	/* "user" */
	const char	*verb;		/* "add"; NULL: the family alone */
	const char	*args;		/* positional, for the usage; "" none */
	const char	*options;	/* "role=RÔLE pending"; "" none */
	int		 argmin;	/* positional arguments, at least */
	int		 argmax;	/* at most; -1: no limit */
	const char	*about;		/* one line of French */
	int		(*run)(struct config *, int argc, char **argv);
};

/* The families' tables, each ended by an entry whose family is NULL. */
extern const struct admin_cmd admin_core_cmds[];	/* admin.c */
extern const struct admin_cmd admin_people_cmds[];	/* admin_people.c */
extern const struct admin_cmd admin_doc_cmds[];		/* admin_doc.c */
extern const struct admin_cmd admin_practice_cmds[];	/* admin_practice.c */
extern const struct admin_cmd admin_event_cmds[];	/* admin_event.c */
extern const struct admin_cmd admin_backup_cmds[];	/* admin_backup.c */
extern const struct admin_cmd admin_stats_cmds[];	/* admin_stats.c */
extern const struct admin_cmd admin_session_cmds[];	/* admin_session.c */
extern const struct admin_cmd admin_digest_cmds[];	/* admin_digest.c */
extern const struct admin_cmd admin_veille_cmds[];	/* admin_veille.c */

/* Every command, in the order of the help: i from 0; NULL past the
 * last. */
const struct admin_cmd *admin_cmd_get(size_t i);

/*
 * "palabre admin ...": argv[0] is the first word after "admin"; the
 * configuration at path is loaded only once the words are known good
 * (help needs none). Returns the exit status.
 */
int	 admin_main(const char *path, int argc, char **argv);
/* Every command's usage line, to f (palabre --help). */
void	 admin_usage(FILE *f);
/* The commands of one family (NULL: every family), with their usage
 * and what they do. */
void	 admin_help(FILE *f, const char *family);
/* The admin part of palabre(8), in roff, from the table (make man). */
void	 admin_roff(FILE *f);

/* stdout and stderr through txt_visible() from now on: no control byte
 * of someone else's text reaches the sysop's terminal (admin.c). */
void	 admin_guard_output(void);

/* Helpers shared by the families' files. */
struct store *admin_store(struct config *, int flags);
/* A store call that did not return STORE_OK, on stderr after
 * « palabre : »: fmt for STORE_NOT_FOUND (« aucun membre « %s » »), the
 * store's sentence (store_rc_say) for any other code, so that a database
 * error is never said as « aucun ». Returns 1, the exit status. */
int	 admin_rc_err(const struct store *, int rc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The member login as the store's permission checks see them, in *m
 * and *v (v->login points into m); -1 with a message (no such member,
 * or the database's error) on stderr. */
int	 admin_viewer(struct store *, const char *login, struct store_member *m,
	    struct store_viewer *v);
/* A size for people: « 812 Kio », « 12,3 Mio » (admin_backup.c). */
void	 admin_bytes(char *, size_t, int64_t);

/* All of f (at most max bytes) as valid UTF-8 by the text layer's input
 * rule, NUL-terminated; a warning on stderr names the first NUL or
 * invalid byte. NULL if too long or unreadable: the reason in *why
 * (free()) if why is not NULL, else on stderr as « palabre : NAME : ... ». */
char	*admin_read(FILE *, const char *name, size_t max, size_t *len,
	    char **why);

/* admin_practice.c: the « clé : valeur » lines and [sections] of a
 * practice read by « practice add » (text is changed) into f[PF_NFIELDS]
 * (new strings, "" when absent, even on error): 0, or -1 said on stderr. */
int	 admin_practice_parse(char *text, char **f);
/* admin_event.c: the « clé : valeur » lines and [description] of an
 * event into f[EF_NFIELDS] (the same way) and given (bit 1 << field). */
int	 admin_event_parse(char *text, char **f, int *given);
/* admin_session.c: the open sessions, from the registry in run_dir
 * (argv[0] is the command word: "who", "kick", "broadcast"). */
int	 admin_who(struct config *, int argc, char **argv);
int	 admin_kick(struct config *, int argc, char **argv);
int	 admin_broadcast(struct config *, int argc, char **argv);

#endif
