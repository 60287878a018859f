/*
 * config_snapshot.c - the configuration flows one way: the listener
 * reads and validates palabre.conf, sessions and their interfaces get
 * what it validated, never the file itself.
 *
 * A half-edited palabre.conf must never break a login, and an edit must
 * take effect on SIGHUP only, and only if valid (issue 13 §1). So the
 * listener, at start and after each valid reload, writes into run_dir:
 *
 *	palabre.conf	the bytes it validated (cfg->text), then a
 *			[server] section with the settings it keeps until
 *			a restart (database, run_dir, [store]) and, if there is a
 *			charter, [signup] charter = the copy below;
 *	charte.txt	a copy of the charter it validated.
 *
 * Each is replaced atomically (a temporary file, then rename), the
 * charter first so that the copy of palabre.conf never names a missing
 * one. The interface loads palabre.conf from there with the original
 * path (relative paths and messages as in the sysop's file): the same
 * parser, so a setting added to config.c needs nothing here. Sessions
 * orphaned by a listener crash load what the new listener wrote.
 * "palabre local" has no listener and reads the file itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "util/util.h"

#define SNAPSHOT_CONF		"palabre.conf"
#define SNAPSHOT_CHARTER	"charte.txt"
#define SNAPSHOT_CHARTER_MAX	(1024 * 1024)
#define SNAPSHOT_MAX		(2 * 1024 * 1024)

int
config_snapshot_write(const struct config *cfg)
{
	struct buf b;
	char *path = NULL, *charter = NULL, *text = NULL;
	size_t len;
	int rc = -1, saved;

	if (cfg->run_dir == NULL || cfg->text == NULL) {
		errno = EINVAL;
		return -1;
	}
	buf_init(&b);
	if (cfg->charter != NULL) {
		if (file_read(cfg->charter, SNAPSHOT_CHARTER_MAX, &text,
		    &len) == -1)
			goto out;
		xasprintf(&charter, "%s/%s", cfg->run_dir, SNAPSHOT_CHARTER);
		if (file_replace(charter, text, len, 0640) == -1)
			goto out;
	}
	buf_add(&b, cfg->text, cfg->text_len);
	if (cfg->text_len > 0 && cfg->text[cfg->text_len - 1] != '\n')
		buf_adds(&b, "\n");
	buf_printf(&b, "\n; palabre serve : réglages en vigueur jusqu'au "
	    "prochain démarrage\n[server]\ndatabase = %s\nrun_dir = %s\n",
	    cfg->database, cfg->run_dir);
	buf_printf(&b, "[store]\nengine = %s\ndsn = %s\n",
	    cfg->store_engine == CONFIG_ENGINE_POSTGRESQL ? "postgresql" :
	    "sqlite", cfg->store_dsn != NULL ? cfg->store_dsn : "");
	if (charter != NULL)
		buf_printf(&b, "[signup]\ncharter = %s\n", charter);
	xasprintf(&path, "%s/%s", cfg->run_dir, SNAPSHOT_CONF);
	if (file_replace(path, b.data, b.len, 0640) == -1)
		goto out;
	rc = 0;
out:
	saved = errno;
	buf_free(&b);
	free(text);
	free(charter);
	free(path);
	errno = saved;
	return rc;
}

int
config_snapshot_load(struct config *cfg, const char *run_dir,
    const char *origin, FILE *errs)
{
	char *path, *text;
	size_t len;
	int rc;

	xasprintf(&path, "%s/%s", run_dir, SNAPSHOT_CONF);
	if (file_read(path, SNAPSHOT_MAX, &text, &len) == -1) {
		if (errs != NULL)
			fprintf(errs, "%s: impossible de lire la configuration "
			    "du serveur : %s\n", path, strerror(errno));
		free(path);
		memset(cfg, 0, sizeof(*cfg));
		return -1;
	}
	free(path);
	rc = config_load_text(cfg, text, len, origin, errs);
	free(text);
	return rc;
}
