/*
 * test_files.c - the library's SFTP tree (src/files/files.c): paths
 * normalised within the tree, names cleaned for Windows clients and
 * command lines, bounded, unique, Windows-reserved names seen.
 */
#include <string.h>

#include <unistr.h>

#include "config.h"
#include "files/files.h"
#include "store/store.h"
#include "util/util.h"
#include "unit.h"

static const char *
norm(const char *path)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b);
	if (files_path_norm(path, &b) == -1)
		return "(refusé)";
	return b.data;
}

static void
test_path_norm(void)
{
	char big[FILES_PATH_MAX + 2];

	CHECK_STR(norm(""), "/");
	CHECK_STR(norm("."), "/");
	CHECK_STR(norm("/"), "/");
	CHECK_STR(norm("bibliotheque"), "/bibliotheque");
	CHECK_STR(norm("//bibliotheque///Note/"), "/bibliotheque/Note");
	CHECK_STR(norm("/bibliotheque/./Note/.."), "/bibliotheque");
	/* Never above the root: the tree is all there is. */
	CHECK_STR(norm("../../etc/passwd"), "/etc/passwd");
	CHECK_STR(norm("/bibliotheque/../../../palabre.db"), "/palabre.db");
	CHECK_STR(norm("/a/b/../../.."), "/");
	/* Refused, never cleaned: controls, invalid UTF-8, too long. */
	CHECK_STR(norm("/a\001b"), "(refusé)");
	CHECK_STR(norm("/a\033[2J"), "(refusé)");
	CHECK_STR(norm("/caf\xe9"), "(refusé)");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_STR(norm(big), "(refusé)");
	CHECK_STR(norm("/bibliothèque/Décret"), "/bibliothèque/Décret");
}

static void
test_names(void)
{
	char long_title[600], *n;
	size_t i;

	n = files_doc_name(12, "2024-03-12", "Accueil : l'essentiel [2024]",
	    "pdf");
	CHECK_STR(n, "2024-03-12-Accueil l’essentiel (2024) (d12).pdf");
	free(n);
	n = files_doc_name(3, "", "  ..\"../../etc/passwd\" <a|b> *?\\x. ",
	    "md");
	CHECK_STR(n, "etc passwd a b x (d3).md");
	free(n);
	n = files_doc_name(2, NULL, "CON", "txt");
	CHECK_STR(n, "CON (d2).txt");
	CHECK_INT(files_name_reserved(n), 0);
	free(n);
	/* A long title is cut on a character, within FILES_TITLE_MAX. */
	for (i = 0; i + 2 < sizeof(long_title); i += 2)
		memcpy(long_title + i, "é", 2);
	long_title[i] = '\0';
	n = files_doc_name(7, "2023-01-05", long_title, "pdf");
	CHECK(strlen(n) <= 11 + FILES_TITLE_MAX + strlen(" (d7).pdf"));
	CHECK(strstr(n, " (d7).pdf") != NULL);
	CHECK(u8_check((const uint8_t *)n, strlen(n)) == NULL);
	free(n);
	n = files_kind_name(DOC_FICHE);
	CHECK_STR(n, "Fiche pratique");
	free(n);
	n = files_doc_path(4, DOC_DECRET, "2020-01-01", "Décret n° 1",
	    "pdf");
	CHECK_STR(n, "/bibliotheque/Décret/2020-01-01-Décret n° 1 (d4).pdf");
	free(n);
}

static void
test_reserved(void)
{
	CHECK_INT(files_name_reserved("CON"), 1);
	CHECK_INT(files_name_reserved("con.md"), 1);
	CHECK_INT(files_name_reserved("Nul.pdf"), 1);
	CHECK_INT(files_name_reserved("COM1.txt"), 1);
	CHECK_INT(files_name_reserved("lpt9"), 1);
	CHECK_INT(files_name_reserved("COM0.txt"), 0);
	CHECK_INT(files_name_reserved("CONSEIL.pdf"), 0);
	CHECK_INT(files_name_reserved("note.con"), 0);
}

static void
test_fetch_command(void)
{
	struct config cfg;
	char *c;

	memset(&cfg, 0, sizeof(cfg));
	cfg.port = 2022;
	cfg.listen = "127.0.0.1";
	c = files_fetch_command(&cfg, "karim", "/bibliotheque/Note/x (d1).md");
	CHECK_STR(c, "scp -P 2022 karim@127.0.0.1:'/bibliotheque/Note/"
	    "x (d1).md' .");
	free(c);
	cfg.public_host = "palabre.exemple.fr";
	c = files_fetch_command(&cfg, "karim", "/bibliotheque/Note/x (d1).md");
	CHECK_STR(c, "scp -P 2022 karim@palabre.exemple.fr:'/bibliotheque/"
	    "Note/x (d1).md' .");
	free(c);
	cfg.public_host = "2001:db8::1";
	c = files_fetch_command(&cfg, "karim", "/p");
	CHECK_STR(c, "scp -P 2022 karim@[2001:db8::1]:'/p' .");
	free(c);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_path_norm);
	RUN(test_names);
	RUN(test_reserved);
	RUN(test_fetch_command);
	TEST_DONE();
}
