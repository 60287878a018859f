/*
 * test_layers.c - the layers' direction: src/ui is the frame and knows no
 * screen; screens/ builds on it. No file of src/ui may include a header of
 * screens/ (the screens the frame opens are named by screens/screens.c).
 * Run from the top of the tree, as tests/run.sh does.
 */
#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

static void
test_ui_knows_no_screen(void)
{
	glob_t g;
	char line[1024];
	size_t i;
	int bad = 0;
	FILE *f;

	memset(&g, 0, sizeof(g));
	CHECK_INT(glob("src/ui/*.[ch]", 0, NULL, &g), 0);
	CHECK(g.gl_pathc >= 10);
	for (i = 0; i < g.gl_pathc; i++) {
		if ((f = fopen(g.gl_pathv[i], "r")) == NULL) {
			CHECK(f != NULL);
			continue;
		}
		while (fgets(line, sizeof(line), f) != NULL) {
			if (strncmp(line, "#include", 8) == 0 &&
			    strstr(line, "screens/") != NULL) {
				fprintf(stderr, "%s includes %s",
				    g.gl_pathv[i], line + 9);
				bad++;
			}
		}
		fclose(f);
	}
	CHECK_INT(bad, 0);
	globfree(&g);
}

int
main(void)
{
	RUN(test_ui_knows_no_screen);
	TEST_DONE();
}
