/*
 * test_shelf.c - the document shelf: front matter, plain text as
 * Markdown, dates, the import of .md/.txt/.pdf files (a PDF this test
 * writes, pdftotext missing), update instead of duplicate (same file,
 * same NOR), search folding and filters, « ma sélection », « remplacé
 * par », the curators' update, the discussion thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_doc.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_import.h"
#include "util/docfile.h"
#include "util/util.h"
#include "unit.h"
#include "unit_store.h"

static char tmpdir[] = "/tmp/palabre-shelf-XXXXXX";

/* Write text to tmpdir/name; returns the path (static buffer). */
static const char *
put(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

/* Write len bytes (NULs included) to tmpdir/name; the path. */
static const char *
put_bytes(const char *name, const char *data, size_t len)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f != NULL) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	return path;
}

/* A one-page PDF with these lines of Helvetica (WinAnsi: \351 is é),
 * written by hand: objects, xref offsets, trailer. */
static const char *
put_pdf(const char *name, const char *const *lines, size_t n)
{
	static char path[512];
	struct buf b, content;
	long off[6];
	size_t i;
	FILE *f;

	buf_init(&content);
	buf_adds(&content, "BT /F1 12 Tf 72 760 Td 16 TL\n");
	for (i = 0; i < n; i++)
		buf_printf(&content, "(%s) Tj T*%s\n", lines[i],
		    lines[i][0] == '\0' ? " T*" : "");
	buf_adds(&content, "ET\n");
	buf_init(&b);
	buf_adds(&b, "%PDF-1.4\n");
	off[1] = (long)b.len;
	buf_adds(&b, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	off[2] = (long)b.len;
	buf_adds(&b, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> "
	    "endobj\n");
	off[3] = (long)b.len;
	buf_adds(&b, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 "
	    "842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> "
	    "endobj\n");
	off[4] = (long)b.len;
	buf_printf(&b, "4 0 obj << /Length %zu >> stream\n", content.len);
	buf_add(&b, content.data, content.len);
	buf_adds(&b, "endstream endobj\n");
	off[5] = (long)b.len;
	buf_adds(&b, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont "
	    "/Helvetica /Encoding /WinAnsiEncoding >> endobj\n");
	i = b.len;
	buf_adds(&b, "xref\n0 6\n0000000000 65535 f \n");
	for (n = 1; n <= 5; n++)
		buf_printf(&b, "%010ld 00000 n \n", off[n]);
	buf_printf(&b, "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n"
	    "%%%%EOF\n", i);
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(b.data, 1, b.len, f);
		fclose(f);
	}
	buf_free(&b);
	buf_free(&content);
	return path;
}

static void
test_front_matter(void)
{
	const char *t = "---\nTitre : La domiciliation\nÉmetteur: « DGCS »\n"
	    "# un commentaire\n\nnature: 'circulaire'\n---\nLe texte.\n";
	struct txt_field *f;
	size_t n, off;
	char *cause;

	CHECK_INT(txt_front_matter(t, strlen(t), &f, &n, &off, &cause), 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(f[0].key, "titre");
		CHECK_STR(f[0].value, "La domiciliation");
		CHECK_STR(f[1].key, "emetteur");
		CHECK_STR(f[1].value, "« DGCS »");
		CHECK_STR(f[2].value, "circulaire");
		CHECK_INT(f[2].line, 6);
	}
	CHECK_STR(t + off, "Le texte.\n");
	txt_fields_free(f, n);

	CHECK_INT(txt_front_matter("Pas d'en-tête", 13, &f, &n, &off, &cause),
	    1);
	CHECK_INT(off, 0);
	t = "---\ntitre: x\n";
	CHECK_INT(txt_front_matter(t, strlen(t), &f, &n, &off, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "jamais fermé") != NULL);
	free(cause);
	t = "---\nune ligne sans deux-points\n---\n";
	CHECK_INT(txt_front_matter(t, strlen(t), &f, &n, &off, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "ligne 2") != NULL);
	free(cause);
}

static void
test_plain_markdown(void)
{
	const char *t = "TITRE II\nDispositions générales\n\n"
	    "Article 1er\nLe texte s'applique aux per-\nsonnes majeures et\n"
	    "   à leurs   familles.\n\n"
	    "Article L. 264-2 - La domiciliation est accordée pour un an et "
	    "elle est renouvelable de droit tant que les conditions sont "
	    "remplies.\n\n"
	    "- premier point * étoile\n• second point\n\n"
	    "12. Un point numéroté\n\n"
	    "Une ligne avec [crochets] & <balise> *gras* # dièse\n"
	    "\f  - 3 -  \n";
	struct txt_doc *doc;
	char *md = txt_plain_to_markdown(t, strlen(t));
	size_t i, headings = 0, items = 0;

	CHECK(strstr(md, "# TITRE II — Dispositions générales\n") != NULL);
	CHECK(strstr(md, "#### Article 1er\n") != NULL);
	CHECK(strstr(md, "aux per-sonnes majeures et à leurs familles.") !=
	    NULL);
	CHECK(strstr(md, "#### Article L. 264-2\n\nLa domiciliation est "
	    "accordée") != NULL);
	CHECK(strstr(md, "- premier point \\* étoile\n- second point\n") !=
	    NULL);
	CHECK(strstr(md, "- 3 -") == NULL);	/* the folio is gone */
	/* What Markdown would take is escaped: the text shows as written. */
	doc = txt_doc_from_markdown(md, strlen(md));
	for (i = 0; i < doc->nblocks; i++) {
		if (doc->blocks[i].kind == TXT_BLOCK_HEADING)
			headings++;
		if (doc->blocks[i].kind == TXT_BLOCK_ITEM)
			items++;
		if (strncmp(doc->blocks[i].text, "Une ligne", 9) == 0)
			CHECK_STR(doc->blocks[i].text, "Une ligne avec "
			    "[crochets] & <balise> *gras* # dièse");
	}
	CHECK_INT(headings, 3);
	CHECK_INT(items, 3);	/* « 12. » numbers an item */
	txt_doc_free(doc);
	free(md);
}

/* Kinds and statuses as the front matter says them (dates: test_date). */
static void
test_kinds(void)
{
	CHECK(store_doc_kind_parse("Décret") == DOC_DECRET);
	CHECK(store_doc_kind_parse("fiche pratique") == DOC_FICHE);
	CHECK(store_doc_kind_parse("roman") == -1);
	CHECK(store_doc_status_parse("abrogé") == DOC_ABROGE);
}

static void
test_ref_key(void)
{
	char *a = store_doc_ref_key("NOR : INTV2301234C");
	char *b = store_doc_ref_key(" intv2301234c ");
	char *c = store_doc_ref_key("https://www.legifrance.gouv.fr/eli/"
	    "decret/2024/1/2");

	CHECK_STR(a, "INTV2301234C");
	CHECK_STR(b, "INTV2301234C");
	CHECK_STR(c, "HTTPSWWWLEGIFRANCEGOUVFRELIDECRET202412");
	free(a);
	free(b);
	free(c);
}

static const char circ[] = "---\n"
    "titre: Circulaire relative à la domiciliation\n"
    "nature: circulaire\n"
    "émetteur: Ministère des Solidarités\n"
    "date: 12/03/2024\n"
    "référence: NOR : SSAA2407123C\n"
    "thèmes: acces-droits, Logement et hébergement\n"
    "résumé: Le délai de réponse est de deux mois.\n"
    "---\n"
    "# Circulaire relative à la domiciliation\n\n"
    "## Article 1\n\nLa préfecture agrée les organismes.\n\n"
    "## Article 2\n\nLa mise en œuvre revient aux CCAS.\n";

static void
test_import(void)
{
	struct doc_import_opts o;
	struct store *s = unit_mem_store();
	struct store_doc d, *l;
	size_t n;
	int64_t id, id2, other = 0, count;
	char *why;
	const char *p;

	if (s == NULL)
		return;
	memset(&o, 0, sizeof(o));
	p = put("circ.md", circ);
	CHECK_INT(doc_import_file(s, p, &o, &id, &why), DOC_IMPORTED);
	CHECK(id > 0);
	CHECK_RC(store_doc_get(s, 0, id, &d), STORE_OK);
	CHECK_STR(d.title, "Circulaire relative à la domiciliation");
	CHECK_INT(d.kind, DOC_CIRCULAIRE);
	CHECK_STR(d.published, "2024-03-12");
	CHECK_INT(d.nthemes, 2);
	/* The heading equal to the title is shown once, above the text. */
	CHECK(strncmp(d.body, "## Article 1", 12) == 0);
	store_doc_clear(&d);

	/* The same file again: updated, not duplicated. */
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_UPDATED);
	CHECK_INT(id2, id);
	/* Another file with the same NOR (written differently): updated. */
	p = put("copie.md", "---\ntitre: Circulaire domiciliation (version "
	    "consolidée)\nnature: circulaire\nréférence: ssaa2407123c\n---\n"
	    "Nouveau texte : la préfecture publie la liste.\n");
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_UPDATED);
	CHECK_INT(id2, id);
	CHECK_RC(store_doc_count(s, &count), STORE_OK);
	CHECK_INT(count, 1);
	CHECK_RC(store_doc_get(s, 0, id, &d), STORE_OK);
	CHECK_STR(d.title, "Circulaire domiciliation (version consolidée)");
	store_doc_clear(&d);

	/* Refusals say why. */
	p = put("sans-nature.md", "---\ntitre: Sans nature\n---\nTexte.\n");
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_REFUSED);
	CHECK(why != NULL && strstr(why, "nature du document manquante"));
	free(why);
	o.kind = "note";	/* the option fills in */
	CHECK_INT(doc_import_file(s, p, &o, &other, &why), DOC_IMPORTED);
	o.kind = NULL;
	p = put("theme.md", "---\ntitre: T\nnature: note\nthèmes: jardinage\n"
	    "---\nTexte.\n");
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_REFUSED);
	CHECK(why != NULL && strstr(why, "thème inconnu « jardinage »"));
	free(why);
	p = put("date.md", "---\ntitre: T\nnature: note\ndate: bientôt\n---\n"
	    "Texte.\n");
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_REFUSED);
	CHECK(why != NULL && strstr(why, "date illisible"));
	free(why);
	p = put("image.png", "x");
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_REFUSED);
	CHECK(why != NULL && strstr(why, "format non pris en charge"));
	free(why);
	CHECK_INT(doc_import_file(s, "/nulle/part.md", &o, &id2, &why),
	    DOC_REFUSED);
	CHECK(why != NULL && strstr(why, "fichier introuvable"));
	free(why);
	/* The form may not give a document another one's NOR. */
	CHECK_RC(store_doc_get(s, 0, other, &d), STORE_OK);
	free(d.reference);
	d.reference = xstrdup("NOR SSAA2407123C");
	CHECK_RC(store_doc_update_meta(s, 0, &d), STORE_TAKEN);
	store_doc_clear(&d);

	/* A .txt: structure found, title from its first line. */
	p = put("note.txt", "NOTE D'INFORMATION\n\nArticle 1\nLes "
	    "bénéficiaires de la protection internationale...\n\n"
	    "Article 2\nLe préfet désigne un référent.\n");
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_REFUSED);
	free(why);
	o.kind = "note";
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_IMPORTED);
	o.kind = NULL;
	CHECK_RC(store_doc_get(s, 0, id2, &d), STORE_OK);
	CHECK_STR(d.title, "NOTE D'INFORMATION");
	CHECK(strstr(d.body, "#### Article 2\n") != NULL);
	store_doc_clear(&d);

	/* The list, newest publication first. */
	struct store_doc_filter f;

	memset(&f, 0, sizeof(f));
	CHECK_RC(store_doc_list(s, 0, &f, 0, 0, &l, &n), STORE_OK);
	CHECK_INT(n, 3);
	store_doc_list_free(l, n);
	store_free(s);
}

/*
 * A NUL in a file (issue 12 §1): the importer once copied up to the NUL
 * and read (and wrote, for form feeds) the rest past the copy, putting
 * heap memory into the document, and crashed with 30,000 bytes after it.
 * Now the NUL is U+FFFD and every byte after it is kept.
 */
static void
test_import_nul(void)
{
	struct doc_import_opts o;
	struct store *s = unit_mem_store();
	struct store_doc d;
	struct buf b;
	int64_t id;
	char *why, *md;
	const char *p;
	size_t i;

	/* The converter alone, form feeds after the NUL. */
	md = txt_plain_to_markdown("Avant\0apr\xc3\xa8s\f\fla fin\f", 21);
	CHECK_STR(md, "Avant\xef\xbf\xbd" "après\n\nla fin\n\n");
	free(md);
	if (s == NULL)
		return;
	buf_init(&b);
	buf_adds(&b, "Titre du document\n\nAvant l'octet nul");
	buf_add(&b, "", 1);
	for (i = 0; b.len < 30000; i++)
		buf_printf(&b, "Ligne %zu après le nul.%s\n", i,
		    i % 50 == 49 ? "\f" : "");
	buf_adds(&b, "La toute dernière ligne.\n");
	p = put_bytes("nul.txt", b.data, b.len);
	memset(&o, 0, sizeof(o));
	o.kind = "note";
	CHECK_INT(doc_import_file(s, p, &o, &id, &why), DOC_IMPORTED);
	CHECK_RC(store_doc_get(s, 0, id, &d), STORE_OK);
	CHECK_STR(d.title, "Titre du document");
	CHECK(d.body != NULL && strstr(d.body, "Avant l'octet "
	    "nul\xef\xbf\xbd" "Ligne 0 après le nul.") != NULL);
	CHECK(d.body != NULL && strstr(d.body, "La toute dernière ligne.") !=
	    NULL);
	CHECK(d.body != NULL && strstr(d.body, "SQLite") == NULL);
	store_doc_clear(&d);
	buf_free(&b);

	/* A .meta beside the file, a NUL in a value. */
	put_bytes("meta.txt.meta", "titre: Deux\0moitiés\nnature: note\n",
	    34);
	p = put("meta.txt", "Le texte.\n");
	CHECK_INT(doc_import_file(s, p, &o, &id, &why), DOC_IMPORTED);
	CHECK_RC(store_doc_get(s, 0, id, &d), STORE_OK);
	CHECK_STR(d.title, "Deux\xef\xbf\xbdmoitiés");
	store_doc_clear(&d);
	store_free(s);
}

/* The original file is kept byte for byte under its SHA-256, named in
 * the row; the same bytes again write nothing new. */
static void
test_import_keeps_original(void)
{
	static const char *const lines[] = { "NOTE SUR LE LOGEMENT", "",
	    "Le pr\351fet d\351signe un r\351f\351rent." };
	struct doc_import_opts o;
	struct store *s = unit_mem_store();
	struct store_doc d;
	struct store_doc_file f, *l = NULL;
	char dir[600], path[700], sha[DOCFILE_SHA_LEN + 1], *a = NULL;
	char *b = NULL, *why = NULL;
	size_t alen = 0, blen = 0, n = 0;
	int64_t id, id2;
	const char *p;
	int fd;

	if (s == NULL)
		return;
	snprintf(dir, sizeof(dir), "%s/fichiers", tmpdir);
	memset(&o, 0, sizeof(o));
	o.kind = "note";
	o.files_dir = dir;
	p = put_pdf("logement.pdf", lines, sizeof(lines) / sizeof(lines[0]));
	CHECK_INT(doc_import_file(s, p, &o, &id, &why), DOC_IMPORTED);
	CHECK_RC(store_doc_get(s, 0, id, &d), STORE_OK);
	CHECK(d.file_sha256 != NULL && docfile_sha_valid(d.file_sha256));
	CHECK_STR(d.file_type, "pdf");
	CHECK_INT(file_read(p, 1 << 20, &a, &alen), 0);
	CHECK_INT(d.file_size, (int64_t)alen);
	docfile_sha(a, alen, sha);
	CHECK_STR(d.file_sha256, sha);
	snprintf(path, sizeof(path), "%s/%s", dir, sha);
	CHECK_INT(file_read(path, 1 << 20, &b, &blen), 0);
	CHECK(blen == alen && memcmp(a, b, alen) == 0);
	CHECK((fd = docfile_open(dir, sha)) >= 0);
	if (fd >= 0)
		close(fd);
	CHECK_INT(docfile_open(dir, "../palabre.db"), -1);
	store_doc_clear(&d);
	/* Listed for the SFTP tree, and found by id. */
	CHECK_INT(store_doc_files(s, -1, &l, &n), 0);
	CHECK_INT(n, 1);
	CHECK(n == 1 && l[0].id == id && strcmp(l[0].type, "pdf") == 0);
	store_doc_files_free(l, n);
	CHECK_INT(store_doc_file_get(s, id, &f), 0);
	CHECK_STR(f.sha256, sha);
	store_doc_file_clear(&f);
	/* A Markdown file: kept as it was, not as it was cleaned. */
	p = put("crlf.md", "---\ntitre: Fiche\r\nnature: fiche\n---\r\n"
	    "Texte\r\n");
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_IMPORTED);
	CHECK_RC(store_doc_get(s, 0, id2, &d), STORE_OK);
	CHECK_STR(d.file_type, "md");
	CHECK_INT(d.file_size, (int64_t)strlen("---\ntitre: Fiche\r\n"
	    "nature: fiche\n---\r\nTexte\r\n"));
	store_doc_clear(&d);
	/* Without a files directory nothing is kept (and nothing lost). */
	o.files_dir = NULL;
	CHECK_INT(doc_import_file(s, p, &o, &id2, &why), DOC_UPDATED);
	CHECK_RC(store_doc_get(s, 0, id2, &d), STORE_OK);
	CHECK(d.file_sha256 != NULL);
	store_doc_clear(&d);
	free(a);
	free(b);
	store_free(s);
}

static void
test_pdf(void)
{
	static const char *const lines[] = {
		"CIRCULAIRE SUR L'ACCUEIL DES PRIMO-ARRIVANTS", "",
		"Article 1", "La pr\351fecture re\347oit les demandes.", "",
		"Article 2", "Le contrat d'int\351gration r\351publicaine est "
		"sign\351.", "",
		"Article 3", "L'\351valuation du niveau de fran\347ais est "
		"faite par l'OFII.",
	};
	struct doc_import_opts o;
	struct store *s = unit_mem_store();
	struct store_doc d;
	int64_t id;
	char *why = NULL, *text, *path_env;
	const char *p;
	size_t len;

	if (s == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.kind = "circulaire";
	p = put_pdf("accueil.pdf", lines, sizeof(lines) / sizeof(lines[0]));
	CHECK_INT(doc_pdf_text(p, &text, &len, &why), 0);
	CHECK(text != NULL && strstr(text, "préfecture") != NULL);
	free(text);
	CHECK_INT(doc_import_file(s, p, &o, &id, &why), DOC_IMPORTED);
	if (why != NULL)
		fprintf(stderr, "pdf: %s\n", why);
	CHECK_RC(store_doc_get(s, 0, id, &d), STORE_OK);
	CHECK_STR(d.title, "CIRCULAIRE SUR L'ACCUEIL DES PRIMO-ARRIVANTS");
	CHECK(d.body != NULL && strstr(d.body, "#### Article 3\n") != NULL);
	CHECK(d.body != NULL && strstr(d.body, "L'évaluation du niveau de "
	    "français") != NULL);
	store_doc_clear(&d);
	/* Metadata for a PDF: FILE.meta beside it. */
	put("accueil.pdf.meta", "titre: Accueil des primo-arrivants\n"
	    "date: 2024-01-15\n");
	CHECK_INT(doc_import_file(s, p, &o, &id, &why), DOC_UPDATED);
	CHECK_RC(store_doc_get(s, 0, id, &d), STORE_OK);
	CHECK_STR(d.title, "Accueil des primo-arrivants");
	CHECK_STR(d.published, "2024-01-15");
	store_doc_clear(&d);

	/* Without pdftotext, the refusal says what to install. */
	path_env = xstrdup(getenv("PATH") != NULL ? getenv("PATH") : "");
	setenv("PATH", "/nonexistent", 1);
	CHECK_INT(doc_import_file(s, p, &o, &id, &why), DOC_REFUSED);
	CHECK(why != NULL && strstr(why, "pdftotext est introuvable") &&
	    strstr(why, "poppler-utils"));
	free(why);
	setenv("PATH", path_env, 1);
	free(path_env);
	store_free(s);
}

static void
test_search(void)
{
	struct doc_import_opts o;
	struct store *s = unit_mem_store();
	struct store_doc_filter f;
	struct store_doc *l, d;
	size_t n;
	int64_t id1, id2, id3;
	char *why;

	if (s == NULL)
		return;
	memset(&o, 0, sizeof(o));
	doc_import_file(s, put("circ.md", circ), &o, &id1, &why);
	doc_import_file(s, put("guide.md", "---\ntitre: Guide de "
	    "l'apprentissage du français\nnature: guide\nthèmes: francais\n"
	    "émetteur: DIAN\n---\nLes ateliers sociolinguistiques.\n"), &o,
	    &id2, &why);
	doc_import_file(s, put("ancienne.md", "---\ntitre: Ancienne "
	    "circulaire\nnature: circulaire\nstatut: remplacé par NOR "
	    "SSAA2407123C\n---\nLa préfecture tenait la liste.\n"), &o, &id3,
	    &why);
	memset(&f, 0, sizeof(f));

	/* Case and accents ignored, « oeuvre » finds « œuvre ». */
	CHECK_RC(store_doc_search(s, 0, &f, "PREFECTURE", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 2);
	/* Snippets are cut for the rows shown only, here the first. */
	if (n == 2) {
		CHECK(l[0].snippet == NULL && l[1].snippet == NULL);
		store_doc_snippets(s, "PREFECTURE", l, 1);
		CHECK(l[0].snippet != NULL &&
		    strstr(l[0].snippet, "[préfecture]") != NULL);
		CHECK(l[1].snippet == NULL);
		store_doc_snippets(s, "PREFECTURE", l, 2);
		CHECK(l[1].snippet != NULL &&
		    strstr(l[1].snippet, "[préfecture]") != NULL);
	}
	store_doc_list_free(l, n);
	CHECK_RC(store_doc_search(s, 0, &f, "mise en oeuvre", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 1);
	store_doc_list_free(l, n);
	/* The metadata are searched too: issuer, theme labels. */
	CHECK_RC(store_doc_search(s, 0, &f, "dian", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_doc_list_free(l, n);
	CHECK_RC(store_doc_search(s, 0, &f, "hebergement", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 1);
	store_doc_list_free(l, n);
	/* The title weighs most. */
	CHECK_RC(store_doc_search(s, 0, &f, "circulaire", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 2);
	store_doc_list_free(l, n);
	CHECK_RC(store_doc_search(s, 0, &f, "  « »  ", 10, &l, &n),
	    STORE_EMPTY);
	/* Filters: kind, theme, status. */
	f.kind = DOC_GUIDE + 1;
	CHECK_RC(store_doc_search(s, 0, &f, "prefecture", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 0);
	store_doc_list_free(l, n);
	f.kind = 0;
	f.status = DOC_EN_VIGUEUR + 1;
	CHECK_RC(store_doc_search(s, 0, &f, "prefecture", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(l[0].id, id1);
	store_doc_list_free(l, n);
	f.status = 0;
	f.theme = "francais";
	CHECK_RC(store_doc_list(s, 0, &f, 0, 0, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	store_doc_list_free(l, n);
	f.theme = NULL;

	/* « Remplacé par » another document of the shelf. */
	CHECK_RC(store_doc_get(s, 0, id3, &d), STORE_OK);
	CHECK_INT(d.status, DOC_REMPLACE);
	CHECK_INT(d.replaced_by, id1);
	CHECK_STR(d.replaced_title, "Circulaire relative à la domiciliation");
	store_doc_clear(&d);

	/* The curators' form: the record changes, the index follows. */
	CHECK_RC(store_doc_get(s, 0, id2, &d), STORE_OK);
	free(d.issuer);
	d.issuer = xstrdup("Office français de l'immigration");
	CHECK_RC(store_doc_update_meta(s, 0, &d), STORE_OK);
	store_doc_clear(&d);
	CHECK_RC(store_doc_search(s, 0, &f, "dian", 10, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_doc_list_free(l, n);
	CHECK_RC(store_doc_search(s, 0, &f, "office francais", 10, &l, &n),
	    STORE_OK);
	CHECK_INT(n, 1);
	store_doc_list_free(l, n);
	CHECK_INT(store_check(s, &why), 0);
	store_free(s);
}

/* A document saved with these fields (theme: a key or NULL); its id. */
static int64_t
add_doc(struct store *s, const char *title, int kind, int status,
    const char *issuer, const char *summary, const char *theme,
    const char *body)
{
	struct store_doc d;
	char *th[1];
	int64_t id = -1;
	int outcome;

	memset(&d, 0, sizeof(d));
	d.title = xstrdup(title);
	d.kind = kind;
	d.status = status;
	d.issuer = xstrdup(issuer);
	d.summary = xstrdup(summary);
	d.body = xstrdup(body);
	if (theme != NULL) {
		th[0] = (char *)theme;
		store_doc_set_themes(&d, th, 1);
	}
	if (store_doc_save(s, 0, &d, &outcome, NULL) == 0)
		id = d.id;
	store_doc_clear(&d);
	return id;
}

/* The ids of a search, in order, as text (« 5 1 6 »): "" when none,
 * "error" on failure. Static buffer. */
static const char *
search_ids(struct store *s, const struct store_doc_filter *f,
    const char *q, size_t max)
{
	static char out[256];
	struct store_doc *l;
	size_t n, i, len = 0;

	out[0] = '\0';
	if (store_doc_search(s, 0, f, q, max, &l, &n) != 0)
		return "error";
	for (i = 0; i < n && len < sizeof(out) - 24; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%lld",
		    i > 0 ? " " : "", (long long)l[i].id);
	store_doc_list_free(l, n);
	return out;
}

/*
 * The order of a search (docs/ARCHITECTURE.md): documents with every
 * word in the title, then with every word in the title and metadata,
 * then the others; in each tier the newest added first, whatever the
 * length of the text or how often it says the words. Each filter keeps
 * that order and never drops a document that should show, the tiers
 * crossed by the limit included.
 */
static void
test_search_order(void)
{
	struct store_doc_filter f;
	struct store *s;
	sqlite3 *raw;
	char *dir, *db, *many, want[128];
	int64_t id[8], m;
	struct buf b;
	int i;

	s = unit_file_store("shelf-order", &dir, &db, &raw);
	m = unit_member_add(s, "camille", "Camille", ROLE_MEMBRE);
	buf_init(&b);
	for (i = 0; i < 30; i++)
		buf_adds(&b, "Le logement des familles, encore le logement. ");
	buf_add(&b, "", 1);
	many = buf_detach(&b);
	/* Oldest first: id[1] .. id[7]. */
	id[1] = add_doc(s, "Guide du logement des familles", DOC_GUIDE,
	    DOC_EN_VIGUEUR, "DIAN", "", NULL, "Rien de plus.");
	id[2] = add_doc(s, "Note sur l'accueil", DOC_NOTE, DOC_EN_VIGUEUR,
	    "DIAN", "Le logement des demandeurs d'asile.", "emploi",
	    "Rien de plus.");
	id[3] = add_doc(s, "Circulaire relative à l'emploi", DOC_CIRCULAIRE,
	    DOC_EN_VIGUEUR, "DGEF", "", NULL, many);
	id[4] = add_doc(s, "Rapport annuel", DOC_RAPPORT, DOC_EN_VIGUEUR,
	    "DGEF", "", "emploi", "Une ligne sur les logements vacants, et "
	    "une autre sur la santé.");
	id[5] = add_doc(s, "Logements temporaires", DOC_CIRCULAIRE,
	    DOC_ABROGE, "DGEF", "", NULL, "Abrogée.");
	id[6] = add_doc(s, "Étude sur la santé", DOC_ETUDE, DOC_EN_VIGUEUR,
	    "Observatoire du logement", "", NULL, "Les soins.");
	id[7] = add_doc(s, "Sans rapport", DOC_NOTE, DOC_EN_VIGUEUR, "DIAN",
	    "", NULL, "Rien.");
	free(many);
	for (i = 1; i <= 7; i++)
		CHECK(id[i] > 0);
	memset(&f, 0, sizeof(f));

	/* Title, then metadata, then text; newest first in each. */
	snprintf(want, sizeof(want), "%lld %lld %lld %lld %lld %lld",
	    (long long)id[5], (long long)id[1], (long long)id[6],
	    (long long)id[2], (long long)id[4], (long long)id[3]);
	CHECK_STR(search_ids(s, &f, "logement", 200), want);
	CHECK_STR(search_ids(s, &f, "LOGEMENT", 0), want);
	CHECK_STR(search_ids(s, &f, "loge*", 200), want);
	/* The limit cuts across the tiers. */
	snprintf(want, sizeof(want), "%lld %lld %lld", (long long)id[5],
	    (long long)id[1], (long long)id[6]);
	CHECK_STR(search_ids(s, &f, "logement", 3), want);
	/* Two words: in the title and metadata together (6), then one of
	 * them only in the text (4). */
	snprintf(want, sizeof(want), "%lld %lld", (long long)id[6],
	    (long long)id[4]);
	CHECK_STR(search_ids(s, &f, "logement sante", 200), want);
	CHECK_STR(search_ids(s, &f, "introuvable", 200), "");

	/* Each filter. */
	f.kind = DOC_CIRCULAIRE + 1;
	snprintf(want, sizeof(want), "%lld %lld", (long long)id[5],
	    (long long)id[3]);
	CHECK_STR(search_ids(s, &f, "logement", 200), want);
	snprintf(want, sizeof(want), "%lld", (long long)id[5]);
	CHECK_STR(search_ids(s, &f, "logement", 1), want);
	f.kind = 0;
	f.status = DOC_EN_VIGUEUR + 1;
	snprintf(want, sizeof(want), "%lld %lld %lld %lld %lld",
	    (long long)id[1], (long long)id[6], (long long)id[2],
	    (long long)id[4], (long long)id[3]);
	CHECK_STR(search_ids(s, &f, "logement", 200), want);
	f.status = 0;
	f.theme = "emploi";
	snprintf(want, sizeof(want), "%lld %lld", (long long)id[2],
	    (long long)id[4]);
	CHECK_STR(search_ids(s, &f, "logement", 200), want);
	f.theme = NULL;
	f.issuer = "dgef";
	snprintf(want, sizeof(want), "%lld %lld %lld", (long long)id[5],
	    (long long)id[4], (long long)id[3]);
	CHECK_STR(search_ids(s, &f, "logement", 200), want);
	f.issuer = NULL;
	/* Since: the three newest were added later. */
	CHECK(sqlite3_exec(raw, "UPDATE doc SET added_at = 1000 WHERE id < 5",
	    NULL, NULL, NULL) == SQLITE_OK);
	f.since = 1000;
	snprintf(want, sizeof(want), "%lld %lld", (long long)id[5],
	    (long long)id[6]);
	CHECK_STR(search_ids(s, &f, "logement", 200), want);
	f.since = 0;
	/* A member's selection. */
	CHECK_RC(store_doc_pick(s, m, id[3], 1), STORE_OK);
	CHECK_RC(store_doc_pick(s, m, id[1], 1), STORE_OK);
	f.picked_by = m;
	snprintf(want, sizeof(want), "%lld %lld", (long long)id[1],
	    (long long)id[3]);
	CHECK_STR(search_ids(s, &f, "logement", 200), want);
	f.picked_by = 0;
	sqlite3_close(raw);
	store_free(s);
	unit_rmtree(dir);
	free(dir);
	free(db);
}

/*
 * Migration 0016 indexes the titles and metadata of a shelf that was
 * there before it (from doc.title_fold and doc.fts_meta): a search
 * finds them in their tiers at once, and the index follows changes.
 */
static void
test_search_migration(void)
{
	struct store_doc_filter f;
	struct store *s;
	sqlite3 *raw;
	char *dir, *db, *cause = NULL, want[64];
	int64_t a, b;

	s = unit_file_store("shelf-0016", &dir, &db, &raw);
	a = add_doc(s, "Guide de l'hébergement", DOC_GUIDE, DOC_EN_VIGUEUR,
	    "DIAN", "", NULL, "Rien.");
	b = add_doc(s, "Note", DOC_NOTE, DOC_EN_VIGUEUR, "DIAN",
	    "Sur l'hébergement d'urgence.", NULL, "L'hébergement.");
	store_free(s);
	/* The shelf as it was before 0016. */
	CHECK(sqlite3_exec(raw, "DROP TABLE doc_fts_head; DROP INDEX "
	    "doc_status; PRAGMA user_version = 15", NULL, NULL, NULL) ==
	    SQLITE_OK);
	if ((s = store_open(db, STORE_MIGRATE, &cause)) == NULL) {
		CHECK(cause == NULL);
		free(cause);
		goto out;
	}
	memset(&f, 0, sizeof(f));
	snprintf(want, sizeof(want), "%lld %lld", (long long)a, (long long)b);
	CHECK_STR(search_ids(s, &f, "hebergement", 10), want);
	snprintf(want, sizeof(want), "%lld", (long long)b);
	CHECK_STR(search_ids(s, &f, "urgence", 10), want);
	CHECK_INT(store_check(s, &cause), 0);
	free(cause);
	store_free(s);
out:
	sqlite3_close(raw);
	unit_rmtree(dir);
	free(dir);
	free(db);
}

static void
test_pick_and_comment(void)
{
	struct store *s = unit_mem_store();
	struct store_member m;
	struct store_viewer v;
	struct store_board_conf bc;
	struct store_doc_filter f;
	struct store_doc *l, d;
	struct doc_import_opts o;
	size_t n;
	int64_t id, tid, pid, tid2, pid2, upd, th, first;
	char *why;

	if (s == NULL)
		return;
	memset(&m, 0, sizeof(m));
	m.login = xstrdup("karim");
	m.display_name = xstrdup("Karim Benali");
	m.organisation = xstrdup("");
	m.role = ROLE_MEMBRE;
	m.status = STATUS_ACTIF;
	CHECK_RC(store_member_insert(s, &m), STORE_OK);
	memset(&o, 0, sizeof(o));
	doc_import_file(s, put("circ.md", circ), &o, &id, &why);

	memset(&f, 0, sizeof(f));
	f.picked_by = m.id;
	CHECK_RC(store_doc_pick(s, m.id, id, 1), STORE_OK);
	CHECK_RC(store_doc_pick(s, m.id, id, 1), STORE_OK);	/* idempotent */
	CHECK_RC(store_doc_list(s, m.id, &f, 0, 0, &l, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(l[0].picked);
	store_doc_list_free(l, n);
	CHECK_RC(store_doc_pick(s, m.id, id, 0), STORE_OK);
	CHECK_RC(store_doc_list(s, m.id, &f, 0, 0, &l, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_doc_list_free(l, n);
	CHECK_RC(store_doc_pick(s, m.id, 999, 1), STORE_NOT_FOUND);

	/* The first comment opens the thread, the next one answers it. */
	memset(&v, 0, sizeof(v));
	v.member_id = m.id;
	v.login = m.login;
	v.role = m.role;
	CHECK_RC(store_doc_comment(s, &v, id, "bibliotheque", "Bonjour",
	    &tid, &pid), STORE_NOT_FOUND);	/* no such board yet */
	memset(&bc, 0, sizeof(bc));
	bc.key = "bibliotheque";
	bc.title = "Discussions de la bibliothèque";
	bc.description = "";
	bc.section = "";
	bc.moderators = "";
	bc.read_role = ROLE_MEMBRE;
	bc.post_role = ROLE_MEMBRE;
	CHECK_RC(store_board_sync(s, &bc, 1, NULL), STORE_OK);
	CHECK_RC(store_doc_comment(s, &v, id, "bibliotheque", "Qui applique "
	    "déjà ce délai ?", &tid, &pid), STORE_OK);
	CHECK_RC(store_doc_get(s, m.id, id, &d), STORE_OK);
	CHECK_INT(d.thread_id, tid);
	store_doc_clear(&d);
	CHECK_RC(store_doc_comment(s, &v, id, "bibliotheque", "Nous, depuis "
	    "janvier.", &tid2, &pid2), STORE_OK);
	CHECK_INT(tid2, tid);
	CHECK(pid2 > pid);
	CHECK_RC(store_doc_stamp(s, id, &upd, &th, &first), STORE_OK);
	CHECK_INT(th, tid);
	CHECK_INT(first, pid);
	store_member_clear(&m);
	store_free(s);
}

/* Each waiting file's id, read back from its INSERT ... RETURNING, is
 * the one the list gives. */
static void
test_inbox_ids(void)
{
	static const char sha[] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	struct store *s = unit_mem_store();
	struct store_doc_inbox *l = NULL;
	int64_t a = 0, b = 0, c = 0;
	size_t n = 0;

	if (s == NULL)
		return;
	CHECK_RC(store_doc_inbox_add(s, 0, "un.md", sha, "md", 3, "un", &a),
	    STORE_OK);
	CHECK_RC(store_doc_inbox_add(s, 0, "deux.md", sha, "md", 4, "deux",
	    &b), STORE_OK);
	CHECK_RC(store_doc_inbox_add(s, 0, "un.md", sha, "md", 3, "un", &c),
	    STORE_EXISTS);
	CHECK(a > 0 && b > a);
	CHECK_RC(store_doc_inbox_list(s, &l, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(l[0].id, a);
		CHECK_STR(l[0].name, "un.md");
		CHECK_INT(l[1].id, b);
	}
	store_doc_inbox_free(l, n);
	store_free(s);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(tmpdir) == NULL)
		return 1;
	RUN(test_front_matter);
	RUN(test_plain_markdown);
	RUN(test_kinds);
	RUN(test_ref_key);
	RUN(test_import);
	RUN(test_import_nul);
	RUN(test_pdf);
	RUN(test_import_keeps_original);
	RUN(test_search);
	RUN(test_search_order);
	RUN(test_search_migration);
	RUN(test_pick_and_comment);
	RUN(test_inbox_ids);
	unit_rmtree(tmpdir);
	TEST_DONE();
}
