/*
 * txt_import.h - turning files into documents for the shelf: the front
 * matter block of metadata, the structure of a plain text (from a .txt or
 * from pdftotext) as Markdown (dates: txt_date.h).
 */
#ifndef PALABRE_TXT_IMPORT_H
#define PALABRE_TXT_IMPORT_H

#include <stddef.h>

/* One « clé : valeur » line of a front matter block. */
struct txt_field {
	char	*key;		/* folded: « Émetteur » -> "emetteur" */
	char	*value;		/* clean, trimmed */
	int	 line;		/* 1-based, in the file */
};

/*
 * A front matter block: the text starts with a line "---", then lines
 * "key: value" (blank lines and lines starting with '#' are skipped),
 * then a line "---". On success *fields (txt_fields_free) and *nfields
 * are set and *body_off is where the rest begins; 0 if there was a block,
 * 1 if the text has none (*body_off 0), -1 with *cause (free()) if the
 * block is malformed (no closing line, a line without ':').
 */
int	 txt_front_matter(const char *s, size_t len, struct txt_field **fields,
	    size_t *nfields, size_t *body_off, char **cause);
void	 txt_fields_free(struct txt_field *, size_t);

/*
 * A plain text (hard-wrapped lines, pdftotext -layout pages) as
 * Markdown: lines of a paragraph joined (a word cut by a hyphen at a line
 * end is joined without a space), runs of spaces collapsed, form feeds
 * as paragraph breaks; lines like « TITRE II », « Chapitre 3 »,
 * « Section 1 », « Article 12 », « Article L. 413-2 », « Annexe » and
 * short lines in capitals become headings (#, ##, ###, ####); lines
 * starting with « - », « • », « 1° », « a) », « 1. » become list items;
 * everything else is escaped so that no character of the text is taken
 * for Markdown. The input is cleaned first. New string.
 */
char	*txt_plain_to_markdown(const char *s, size_t len);

#endif /* PALABRE_TXT_IMPORT_H */
