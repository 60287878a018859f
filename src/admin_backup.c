/*
 * admin_backup.c - « palabre admin backup [DOSSIER] » and « palabre admin
 * restore FICHIER [--stop] ».
 *
 * backup: an online copy of the database (store_backup: VACUUM INTO,
 * consistent while members post), written under a temporary name,
 * checked with integrity_check, fsynced, renamed to
 * palabre-AAAAMMJJ-HHMMSS.db (local time) and the directory fsynced;
 * then the oldest copies beyond [backup] keep are removed. One line of
 * French on stdout when it worked, one on stderr when not, and the exit
 * status says which: the timer's journal reads well.
 *
 * The library's original files (util/docfile.h) go beside the copies,
 * in DOSSIER/fichiers/: named by their SHA-256 and never changed, they
 * are copied once for all backups (only those the new copy names and
 * the folder lacks), checked against their name on the way. Pruning
 * old copies leaves that folder as it is.
 *
 * restore: the file is copied beside the database (store_copy), checked,
 * migrated if its schema is older (refused if newer), and only then, a
 * good copy in hand, is the served database touched: swapped in;
 * the replaced database (and its WAL) is renamed
 * DATABASE.avant-restauration-AAAAMMJJ-HHMMSS, never deleted. While a
 * server holds the database's lock (servelock.h) the restore is refused,
 * unless --stop: then the server is sent SIGTERM and the restore waits
 * for it to let go. The restore holds the lock itself meanwhile, so no
 * server starts on a half-done swap. It does not start the server again.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "store/store.h"
#include "util/docfile.h"
#include "util/servelock.h"
#include "util/util.h"

#define BACKUP_PREFIX	"palabre-"
#define BACKUP_NAMELEN	(sizeof("palabre-AAAAMMJJ-HHMMSS.db") - 1)
#define RESTORE_WAIT_MS	60000	/* for a stopping server to let go */

static char	*backup_dir(const struct config *, const char *);
static int	 backup_named(const struct dirent *);
static int	 backup_prune(const char *, int, int *, char **);
static void	 backup_stamp(char *, size_t);
static int	 backup_files(const char *, const char *, const char *,
		    int *, int *, char **);
static int	 backup_run(struct config *, int, char **);
static int	 restore_wait(const char *, pid_t, int *);
static int	 restore_run(struct config *, int, char **);

void
admin_bytes(char *buf, size_t size, int64_t n)
{
	char *comma;

	if (n < 1024 * 1024)
		snprintf(buf, size, "%lld Kio", (long long)((n + 1023) / 1024));
	else if (n < (int64_t)1024 * 1024 * 1024)
		snprintf(buf, size, "%.1f Mio", (double)n / (1024 * 1024));
	else
		snprintf(buf, size, "%.1f Gio", (double)n /
		    (1024 * 1024 * 1024));
	if ((comma = strchr(buf, '.')) != NULL)
		*comma = ',';
}

/* The directory of the backups: given, configured, or backups/ beside
 * the database. */
static char *
backup_dir(const struct config *cfg, const char *given)
{
	char *copy, *dir;

	if (given != NULL)
		return xstrdup(given);
	if (cfg->backup_dir != NULL)
		return xstrdup(cfg->backup_dir);
	copy = xstrdup(cfg->database);
	xasprintf(&dir, "%s/backups", dirname(copy));
	free(copy);
	return dir;
}

/* "AAAAMMJJ-HHMMSS", local time. */
static void
backup_stamp(char *buf, size_t size)
{
	struct tm tm;
	time_t t = time(NULL);

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y%m%d-%H%M%S", &tm);
}

/* palabre-AAAAMMJJ-HHMMSS.db, and nothing else the directory holds. */
static int
backup_named(const struct dirent *d)
{
	const char *s = d->d_name;
	size_t i;

	if (strlen(s) != BACKUP_NAMELEN || strncmp(s, BACKUP_PREFIX,
	    strlen(BACKUP_PREFIX)) != 0 || strcmp(s + 23, ".db") != 0 ||
	    s[16] != '-')
		return 0;
	for (i = 8; i < 23; i++)
		if (i != 16 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* Remove the oldest copies in dir beyond keep (0: keep all): their
 * names sort by date. *kept and *removed counted. 0 or -1 (*why). */
static int
backup_prune(const char *dir, int keep, int *kept, char **why)
{
	struct dirent **list;
	char *path;
	int n, i, removed = 0, rc = 0;

	if ((n = scandir(dir, &list, backup_named, alphasort)) == -1) {
		xasprintf(why, "%s : %s", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (keep > 0 && i < n - keep) {
			xasprintf(&path, "%s/%s", dir, list[i]->d_name);
			if (unlink(path) == 0)
				removed++;
			else if (rc == 0) {
				xasprintf(why, "%s : %s", path,
				    strerror(errno));
				rc = -1;
			}
			free(path);
		}
		free(list[i]);
	}
	free(list);
	*kept = n - removed;
	if (removed > 0 && fs_sync(dir) == -1 && rc == 0) {
		xasprintf(why, "%s : fsync : %s", dir, strerror(errno));
		rc = -1;
	}
	return rc == 0 ? removed : -1;
}

/*
 * The original files that the database at db names and folder to lacks,
 * copied from folder from (each checked: its bytes must have the SHA-256
 * it is named by). *copied, *missing (absent or damaged in from). 0, or
 * -1 with *why.
 */
static int
backup_files(const char *db, const char *from, const char *to, int *copied,
    int *missing, char **why)
{
	struct store *st;
	char **hashes = NULL, *path = NULL, *data = NULL;
	char sha[DOCFILE_SHA_LEN + 1];
	size_t n = 0, i, len;
	int rc = -1;

	*copied = *missing = 0;
	if ((st = store_open(db, STORE_READONLY, why)) == NULL)
		return -1;
	if (store_doc_file_hashes(st, &hashes, &n) != 0) {
		xasprintf(why, "%s : lecture des documents impossible", db);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!docfile_sha_valid(hashes[i]))
			continue;
		free(path);
		xasprintf(&path, "%s/%s", to, hashes[i]);
		if (access(path, F_OK) == 0)
			continue;
		free(path);
		xasprintf(&path, "%s/%s", from, hashes[i]);
		free(data);
		data = NULL;
		if (file_read(path, SIZE_MAX / 2, &data, &len) == -1) {
			(*missing)++;
			continue;
		}
		docfile_sha(data, len, sha);
		if (strcmp(sha, hashes[i]) != 0) {
			(*missing)++;
			continue;
		}
		if (docfile_put(to, data, len, sha) == -1) {
			xasprintf(why, "%s/%s : %s", to, sha, strerror(errno));
			goto out;
		}
		(*copied)++;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(hashes[i]);
	free(hashes);
	free(path);
	free(data);
	store_free(st);
	return rc;
}

static int
backup_run(struct config *cfg, int argc, char **argv)
{
	struct store *st = NULL;
	struct stat sb;
	char stamp[32], size[32], *dir, *tmp = NULL, *final = NULL;
	char *why = NULL, *files = NULL;
	int version, kept = 0, removed, rc = 1, copied, missing;

	dir = backup_dir(cfg, argc > 1 ? argv[1] : NULL);
	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		xasprintf(&why, "%s : %s", dir, strerror(errno));
		goto out;
	}
	backup_stamp(stamp, sizeof(stamp));
	xasprintf(&final, "%s/" BACKUP_PREFIX "%s.db", dir, stamp);
	xasprintf(&tmp, "%s/.%s%s.db.tmp", dir, BACKUP_PREFIX, stamp);
	if (access(final, F_OK) == 0) {
		xasprintf(&why, "%s existe déjà", final);
		goto out;
	}
	/* A copy interrupted earlier left its temporary file: never a
	 * backup, VACUUM INTO wants the name free. */
	unlink(tmp);
	if ((st = store_open(cfg->database, STORE_READONLY, &why)) == NULL)
		goto out;
	if (store_backup(st, tmp, &version, &why) != 0) {
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, final) == -1 || fs_sync(dir) == -1) {
		xasprintf(&why, "%s : %s", final, strerror(errno));
		unlink(tmp);
		goto out;
	}
	xasprintf(&files, "%s/fichiers", dir);
	if (backup_files(final, cfg->files_dir, files, &copied, &missing,
	    &why) == -1)
		goto out;
	if ((removed = backup_prune(dir, cfg->backup_keep, &kept,
	    &why)) == -1)
		goto out;
	admin_bytes(size, sizeof(size), stat(final, &sb) == 0 ?
	    (int64_t)sb.st_size : 0);
	printf("Sauvegarde vérifiée : %s (%s, schéma %d) ; %d copie%s "
	    "gardée%s", final, size, version, kept, kept > 1 ? "s" : "",
	    kept > 1 ? "s" : "");
	if (removed > 0)
		printf(", %d supprimée%s", removed, removed > 1 ? "s" : "");
	printf(" ; fichiers de la bibliothèque : %d copié%s dans %s.\n",
	    copied, copied > 1 ? "s" : "", files);
	if (missing > 0)
		fprintf(stderr, "palabre : attention : %d fichier%s de la "
		    "bibliothèque absent%s ou abîmé%s dans %s\n", missing,
		    missing > 1 ? "s" : "", missing > 1 ? "s" : "",
		    missing > 1 ? "s" : "", cfg->files_dir);
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "palabre : sauvegarde échouée : %s\n",
		    why != NULL ? why : "erreur inconnue");
	store_free(st);
	free(why);
	free(tmp);
	free(final);
	free(files);
	free(dir);
	return rc;
}

/* Wait for the server pid to let go of database's lock: the lock's
 * descriptor, or -1. */
static int
restore_wait(const char *database, pid_t pid, int *lock)
{
	int64_t until = mono_ms() + RESTORE_WAIT_MS;
	pid_t holder;

	if (kill(pid, SIGTERM) == -1) {
		fprintf(stderr, "palabre : restauration refusée : le serveur "
		    "(processus %ld) ne peut pas être arrêté : %s\n",
		    (long)pid, strerror(errno));
		return -1;
	}
	while ((*lock = serve_lock_take(database, 0, &holder)) == -2 &&
	    mono_ms() < until)
		usleep(100 * 1000);
	if (*lock < 0) {
		fprintf(stderr, "palabre : restauration refusée : la base "
		    "%s reste servie (processus %ld)\n", database,
		    (long)holder);
		return -1;
	}
	return 0;
}

static int
restore_run(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "stop", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct store *st = NULL;
	struct stat sb;
	char stamp[32], real1[PATH_MAX], real2[PATH_MAX], *copy, *dir;
	char *tmp = NULL, *aside = NULL, *wal = NULL, *why = NULL;
	char *report = NULL, *files = NULL;
	const char *file, *db = cfg->database;
	pid_t holder;
	int ch, stop = 0, lock = -1, from, to, rc = 1, stopped = 0;
	int copied = 0, missing = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (ch == 's')
			stop = 1;
	file = argv[optind];
	copy = xstrdup(db);
	dir = xstrdup(dirname(copy));
	free(copy);
	copy = NULL;
	if (realpath(file, real1) == NULL) {
		xasprintf(&why, "%s : %s", file, strerror(errno));
		goto out;
	}
	if (realpath(db, real2) != NULL && strcmp(real1, real2) == 0) {
		xasprintf(&why, "%s est la base elle-même", file);
		goto out;
	}
	xasprintf(&tmp, "%s.restauration", db);
	unlink(tmp);
	if (store_copy(file, tmp, &from, &why) != 0)
		goto out;
	/* Migrated here if older; a newer schema is refused by the open. */
	if ((st = store_open(tmp, STORE_MIGRATE, &why)) == NULL)
		goto out;
	to = store_schema_version(st);
	if (store_check(st, &report) != 0) {
		xasprintf(&why, "%s ne passe pas la vérification : %s", file,
		    report != NULL ? report : "erreur de la base");
		goto out;
	}
	store_free(st);
	st = NULL;
	/* The library's files it names, from the backups' folder: before
	 * the swap (they only add to the files directory). */
	copy = xstrdup(real1);
	xasprintf(&files, "%s/fichiers", dirname(copy));
	free(copy);
	copy = NULL;
	if (backup_files(tmp, files, cfg->files_dir, &copied, &missing,
	    &why) == -1)
		goto out;
	/* The server's user must own what it serves. */
	if (stat(db, &sb) == 0 || stat(dir, &sb) == 0)
		if (geteuid() == 0 && chown(tmp, sb.st_uid, sb.st_gid) == -1) {
			xasprintf(&why, "%s : %s", tmp, strerror(errno));
			goto out;
		}
	if (fs_sync(tmp) == -1) {
		xasprintf(&why, "%s : %s", tmp, strerror(errno));
		goto out;
	}
	/* The file is good: only now is the server asked to stop. */
	if ((lock = serve_lock_take(db, 0, &holder)) == -2) {
		if (!stop) {
			fprintf(stderr, "palabre : restauration refusée : la "
			    "base %s est servie par le processus %ld ; "
			    "arrêtez le serveur (systemctl stop palabre) ou "
			    "ajoutez --stop\n", db, (long)holder);
			goto out;
		}
		if (restore_wait(db, holder, &lock) == -1)
			goto out;
		stopped = 1;
	} else if (lock == -1) {
		xasprintf(&why, "%s.lock : %s", db, strerror(errno));
		goto out;
	}
	if (access(db, F_OK) == 0) {
		backup_stamp(stamp, sizeof(stamp));
		xasprintf(&aside, "%s.avant-restauration-%s", db, stamp);
		if (rename(db, aside) == -1) {
			xasprintf(&why, "%s : %s", db, strerror(errno));
			goto out;
		}
		/* Its WAL goes with it: SQLite finds it by name. */
		xasprintf(&wal, "%s-wal", db);
		xasprintf(&copy, "%s-wal", aside);
		if (rename(wal, copy) == -1 && errno != ENOENT)
			log_warn("%s: %s", wal, strerror(errno));
		free(copy);
		xasprintf(&copy, "%s-shm", db);
		unlink(copy);
		free(copy);
		copy = NULL;
	}
	if (rename(tmp, db) == -1 || fs_sync(dir) == -1) {
		xasprintf(&why, "%s : %s", db, strerror(errno));
		goto out;
	}
	printf("Base restaurée depuis %s (schéma %d", file, to);
	if (from != to)
		printf(", mis à jour depuis le schéma %d", from);
	printf(")");
	if (aside != NULL)
		printf(" ; l'ancienne base est gardée sous %s", aside);
	if (stopped)
		printf(" ; le serveur a été arrêté : relancez-le "
		    "(systemctl start palabre)");
	if (copied > 0)
		printf(" ; %d fichier%s de la bibliothèque remis en place",
		    copied, copied > 1 ? "s" : "");
	printf(".\n");
	if (missing > 0)
		fprintf(stderr, "palabre : attention : %d fichier%s de la "
		    "bibliothèque introuvable%s dans %s (les documents gardent "
		    "leur texte)\n", missing, missing > 1 ? "s" : "",
		    missing > 1 ? "s" : "", files);
	rc = 0;
out:
	if (rc != 0 && why != NULL)
		fprintf(stderr, "palabre : restauration refusée : %s\n", why);
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	store_free(st);
	if (lock >= 0)
		close(lock);
	free(report);
	free(why);
	free(tmp);
	free(files);
	free(aside);
	free(wal);
	free(copy);
	free(dir);
	return rc;
}

const struct admin_cmd admin_backup_cmds[] = {
	{ "backup", NULL, "[DOSSIER]", "", 0, 1,
	    "copie la base en marche, vérifiée, datée ; garde les [backup] "
	    "keep dernières", backup_run },
	{ "restore", NULL, "FICHIER", "stop", 1, 1,
	    "remet une sauvegarde en place (vérifiée, mise à jour), "
	    "l'ancienne base gardée à côté ; refusé tant que le serveur "
	    "sert la base, sauf --stop", restore_run },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};
