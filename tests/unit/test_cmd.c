/*
 * test_cmd.c - the words of a command sent over SSH (src/cmd/cmd.c):
 * split as a shell splits them (quotes, backslashes, accents kept), and
 * refused when a quote is left open or there are too many words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "unit.h"

static void
test_split_words(void)
{
	char *v[CMD_ARGS_MAX];
	int n;

	n = cmd_split("  poster  bienvenue \"Été : l'accueil\"\t", v,
	    CMD_ARGS_MAX);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(v[0], "poster");
		CHECK_STR(v[1], "bienvenue");
		CHECK_STR(v[2], "Été : l'accueil");
		cmd_split_free(v, n);
	}
	n = cmd_split("chercher 'mots \"cités\"' a\\ b \"x\\\"y\"", v,
	    CMD_ARGS_MAX);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(v[1], "mots \"cités\"");
		CHECK_STR(v[2], "a b");
		CHECK_STR(v[3], "x\"y");
		cmd_split_free(v, n);
	}
	n = cmd_split("lire ''", v, CMD_ARGS_MAX);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(v[1], "");
		cmd_split_free(v, n);
	}
	CHECK_INT(cmd_split("   ", v, CMD_ARGS_MAX), 0);
}

static void
test_split_refused(void)
{
	char *v[CMD_ARGS_MAX];

	CHECK_INT(cmd_split("lire 'm1", v, CMD_ARGS_MAX), -1);
	CHECK_INT(cmd_split("lire \"m1", v, CMD_ARGS_MAX), -1);
	CHECK_INT(cmd_split("a b c", v, 2), -1);
	CHECK_INT(cmd_split("a b", v, 2), 2);
	cmd_split_free(v, 2);
}

int
main(void)
{
	RUN(test_split_words);
	RUN(test_split_refused);
	TEST_DONE();
}
