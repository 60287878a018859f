/*
 * man-admin.c - prints the admin part of palabre(8), in roff, from the
 * command table (admin.h): the manual cannot drift from the commands.
 * Built and run by « make man ».
 */
#include <stdio.h>

#include "admin.h"

int
main(void)
{
	admin_roff(stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}
