/*
 * admin_doc.h - feeding the shelf from files: « palabre admin doc
 * import|list » and what the tests call directly.
 */
#ifndef PALABRE_ADMIN_DOC_H
#define PALABRE_ADMIN_DOC_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct store;

/* Metadata given on the command line: defaults for files whose front
 * matter does not say (NULL: none). */
struct doc_import_opts {
	const char	*title;
	const char	*kind;
	const char	*issuer;
	const char	*date;
	const char	*reference;
	const char	*status;	/* « en vigueur », « abrogé »... */
	const char	*replaced_by;	/* a reference, or « n° 12 » */
	const char	*themes;	/* keys or labels, comma-separated */
	const char	*audience;
	const char	*summary;
	int64_t		 actor;		/* 0: the command line */
	const char	*files_dir;	/* keep the original there ([server]
					 * files_dir); NULL: do not keep it */
};

/* What happened to one file. */
enum doc_import_result { DOC_IMPORTED, DOC_UPDATED, DOC_REFUSED };

/*
 * Import one .txt, .md or .pdf file (metadata from its front matter, a
 * FILE.meta beside it, then opts). Returns the result; *id is the
 * document's number, *why (free()) says why a file was refused.
 */
int	 doc_import_file(struct store *, const char *path,
	    const struct doc_import_opts *, int64_t *id, char **why);

/* The text of a PDF by « pdftotext -layout -enc UTF-8 » (at most 4 MiB):
 * 0, or -1 with *cause (free()) — pdftotext missing says so. */
int	 doc_pdf_text(const char *path, char **text, size_t *len,
	    char **cause);
/* The same on an open PDF (read from its start), for the drops into
 * /depot/ over SFTP (the session runs it: the helper may not exec). */
int	 doc_pdf_text_fd(int fd, char **text, size_t *len, char **cause);

#endif /* PALABRE_ADMIN_DOC_H */
