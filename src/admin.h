/*
 * admin.h - "palabre admin ...": the sysop's commands on the database.
 */
#ifndef PALABRE_ADMIN_H
#define PALABRE_ADMIN_H

struct config;

/* argv[0] is the first word after "admin". Returns the exit status. */
int	 admin_main(struct config *, int argc, char **argv);
void	 admin_usage(void);
/* admin_practice.c: « admin practice ... » (argv[0] is the verb). */
int	 admin_practice_main(struct config *, int argc, char **argv);
void	 admin_practice_usage(void);
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
