/*
 * ui_main.c - palabre-ui: the member's interface alone, the program the
 * session process runs on the pty (see src/ui/ui_cmd.c).
 *
 *   palabre-ui [-c FICHIER] [--session [--run DOSSIER]] [--user IDENTIFIANT]
 *       [--command COMMANDE]
 *   palabre-ui -c FICHIER --image --run DOSSIER
 *       the image that forks the interfaces (src/ui/ui_image.c)
 */
#include <string.h>

#include "config.h"
#include "ui/ui.h"
#include "ui/ui_image.h"
#include "util/util.h"

int
main(int argc, char **argv)
{
	const char *path = PALABRE_CONF;

	log_init("palabre-ui", LOG_INFO);
	if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
		path = argv[2];
		argv[2] = argv[0];
		argc -= 2;
		argv += 2;
	}
	if (argc == 5 && strcmp(argv[1], "--image") == 0 &&
	    strcmp(argv[2], "--run") == 0)
		return ui_image_main(path, argv[3], argc, argv);
	return ui_local_main(path, argc, argv);
}
