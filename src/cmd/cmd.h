/*
 * cmd.h - one command without the menus: "ssh host lire m12".
 *
 * The session process runs "palabre-ui ... --command STRING" on three
 * pipes (src/ssh/conn_session.c); STRING, already UTF-8, is split here
 * as a shell would split words ('...', "...", \x), then looked up in a
 * table. Exit codes: CMD_OK, CMD_REFUSED (not found, not allowed,
 * refused by a check), CMD_USAGE.
 */
#ifndef PALABRE_CMD_H
#define PALABRE_CMD_H

struct config;

enum { CMD_OK = 0, CMD_REFUSED = 1, CMD_USAGE = 2 };

#define CMD_ARGS_MAX	32

/* Split a command line into at most max words (new strings in argv);
 * returns their number, or -1 if a quote is left open or there are too
 * many words. */
int	 cmd_split(const char *line, char **argv, int max);
void	 cmd_split_free(char **argv, int argc);

/* Run command for login; returns the exit code. */
int	 cmd_main(struct config *, const char *login, const char *command);

#endif /* PALABRE_CMD_H */
