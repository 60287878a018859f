/*
 * admin.h - "palabre admin ...": the sysop's commands on the database.
 */
#ifndef PALABRE_ADMIN_H
#define PALABRE_ADMIN_H

#include <stdio.h>

struct config;

/* All of f (at most max bytes) as valid UTF-8 by the text layer's input
 * rule, NUL-terminated; a warning on stderr names the first NUL or
 * invalid byte. NULL if too long or unreadable: the reason in *why
 * (free()) if why is not NULL, else on stderr as « palabre : NAME : ... ». */
char	*admin_read(FILE *, const char *name, size_t max, size_t *len,
	    char **why);

/* argv[0] is the first word after "admin". Returns the exit status. */
int	 admin_main(struct config *, int argc, char **argv);
void	 admin_usage(void);
/* admin_practice.c: « admin practice ... » (argv[0] is the verb). */
int	 admin_practice_main(struct config *, int argc, char **argv);
void	 admin_practice_usage(void);
/* admin_practice.c: the « clé : valeur » lines and [sections] of a
 * practice read by « practice add » (text is changed) into f[PF_NFIELDS]
 * (new strings, "" when absent, even on error): 0, or -1 said on stderr. */
int	 admin_practice_parse(char *text, char **f);
/* admin_event.c: the « clé : valeur » lines and [description] of an
 * event into f[EF_NFIELDS] (the same way) and given (bit 1 << field). */
int	 admin_event_parse(char *text, char **f, int *given);
/* admin_event.c: « admin event ... » (argv[0] is the verb). */
int	 admin_event_main(struct config *, int argc, char **argv);
void	 admin_event_usage(void);
/* admin_people.c: user waiting|approve|refuse|export|erase, message
 * send|reply; -1 if argv is none of these. */
int	 admin_people(struct config *, int argc, char **argv);
void	 admin_people_usage(void);
/* admin_session.c: the open sessions, from the registry in run_dir
 * (argv[0] is the command word: "who", "kick", "broadcast"). */
int	 admin_who(struct config *, int argc, char **argv);
int	 admin_kick(struct config *, int argc, char **argv);
int	 admin_broadcast(struct config *, int argc, char **argv);
void	 admin_session_usage(void);

#endif
