/*
 * store_practice_text.c - a practice record in words: its dates as
 * members type and read them, and the whole record as plain text to
 * copy (the export, on screen and from « palabre admin practice
 * export »). No SQL here but the label lookups of the reference lists.
 *
 * Dates are kept as "AAAA", "AAAA-MM" or "AAAA-MM-JJ", so that they
 * sort as strings and say no more than the member knew.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_import.h"
#include "util/util.h"

static void	export_line(struct buf *, const char *, size_t);
static void	export_field(struct buf *, const char *, const char *, size_t);
static void	export_section(struct buf *, const char *, const char *,
		    size_t);
static void	export_docs(struct store *, struct buf *, const char *, size_t);

int
store_practice_date_parse(const char *typed, char out[11])
{
	int rc;

	out[0] = '\0';
	if (typed == NULL || typed[strspn(typed, " ")] == '\0')
		return 0;
	rc = txt_date_parse(typed, out);
	/* A practice is of our time: no typing slip for a year 202. */
	if (rc == 0 && (atoi(out) < 1900 || atoi(out) > 2100)) {
		out[0] = '\0';
		rc = -1;
	}
	return rc;
}

char *
store_practice_period(const char *start, const char *end)
{
	char a[48], b[48], *s;

	txt_date_label(start, a, sizeof(a));
	txt_date_label(end, b, sizeof(b));
	if (start == NULL || start[0] == '\0')
		return xstrdup(end != NULL && end[0] != '\0' ? b : "");
	if (end == NULL || end[0] == '\0')
		xasprintf(&s, "depuis %s (en cours)", a);
	else if (strcmp(start, end) == 0)
		xasprintf(&s, "%s", a);
	else
		xasprintf(&s, "de %s à %s", a, b);
	return s;
}

/* One paragraph (no newline inside), wrapped at width. */
static void
export_line(struct buf *b, const char *s, size_t width)
{
	struct txt_line *lines;
	size_t n, i;

	if (width == 0) {
		buf_printf(b, "%s\n", s);
		return;
	}
	n = txt_wrap(s, strlen(s), width, &lines);
	for (i = 0; i < n; i++) {
		buf_add(b, s + lines[i].off, lines[i].len);
		buf_adds(b, "\n");
	}
	free(lines);
}

/* « Label : valeur » when there is a value. */
static void
export_field(struct buf *b, const char *label, const char *value,
    size_t width)
{
	char *line;

	if (value == NULL || value[0] == '\0')
		return;
	xasprintf(&line, "%s : %s", label, value);
	/* A multi-line value (partners, public) joins its lines. */
	for (char *p = line; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	export_line(b, line, width);
	free(line);
}

/* A heading, then the text's paragraphs, then a blank line. */
static void
export_section(struct buf *b, const char *label, const char *text,
    size_t width)
{
	const char *p, *nl;
	char *para;

	if (text == NULL || text[0] == '\0')
		return;
	buf_printf(b, "\n%s\n", label);
	for (p = text; ; p = nl + 1) {
		nl = strchr(p, '\n');
		para = nl != NULL ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		export_line(b, para, width);
		free(para);
		if (nl == NULL)
			break;
	}
}

char *
store_practice_doc_line(const struct store_practice_doc *d)
{
	char date[48], *s;

	txt_date_label(d->published, date, sizeof(date));
	xasprintf(&s, "%s%s%s", store_doc_kind_label(d->kind),
	    date[0] != '\0' ? ", " : "", date);
	return s;
}

/* The linked documents: « - Titre (Circulaire, 15 février 2023) ». */
static void
export_docs(struct store *s, struct buf *b, const char *ids, size_t width)
{
	struct store_practice_doc *l;
	size_t n, i;
	char *kind, *line;

	if (ids == NULL || ids[0] == '\0' ||
	    store_practice_docs(s, ids, &l, &n) != 0)
		return;
	if (n > 0)
		buf_adds(b, "\nDocuments de la bibliothèque\n");
	for (i = 0; i < n; i++) {
		kind = store_practice_doc_line(&l[i]);
		xasprintf(&line, "- %s (%s)", l[i].title, kind);
		export_line(b, line, width);
		free(line);
		free(kind);
	}
	store_practice_doc_list_free(l, n);
}

char *
store_practice_export(struct store *s, const struct store_practice *p,
    size_t width)
{
	static const int sections[] = { PF_CONTEXT, PF_ACTIONS, PF_MEANS,
	    PF_RESULTS, PF_REPRODUCE };
	const char *const *f = (const char *const *)p->f;
	const char *type = store_org_type_label(f[PF_ORG_TYPE]);
	struct buf b;
	char *dep, *themes = NULL, *label, *period, *line, *copy, *k,
	    *save = NULL, date[64];
	size_t i;

	buf_init(&b);
	xasprintf(&line, "Fiche n° %lld : %s", (long long)p->id,
	    f[PF_TITLE]);
	export_line(&b, line, width);
	free(line);
	if (p->published_at != 0) {
		/* The day is enough: « 26 novembre 2026 ». */
		txt_date_day(date, sizeof(date), p->published_at);
		xasprintf(&line, "Catalogue des pratiques, publiée le %s",
		    date);
	} else
		line = xstrdup("Catalogue des pratiques (non publiée)");
	export_line(&b, line, width);
	free(line);
	buf_adds(&b, "\n");

	xasprintf(&line, "%s%s%s%s", f[PF_ORG], type != NULL ? " (" : "",
	    type != NULL ? type : "", type != NULL ? ")" : "");
	export_field(&b, "Organisation porteuse", line, width);
	free(line);
	export_field(&b, "Partenaires", f[PF_PARTNERS], width);
	dep = store_departement_label(s, f[PF_DEPARTEMENT]);
	xasprintf(&line, "%s%s%s", dep != NULL ? dep : f[PF_DEPARTEMENT],
	    f[PF_COMMUNE][0] != '\0' ? ", " : "", f[PF_COMMUNE]);
	export_field(&b, "Territoire", line, width);
	free(line);
	free(dep);
	copy = xstrdup(f[PF_THEMES]);
	for (k = strtok_r(copy, " ", &save); k != NULL;
	    k = strtok_r(NULL, " ", &save)) {
		label = store_theme_label(s, k);
		line = themes;
		xasprintf(&themes, "%s%s%s", line != NULL ? line : "",
		    line != NULL ? " ; " : "", label != NULL ? label : k);
		free(line);
		free(label);
	}
	free(copy);
	export_field(&b, "Thèmes", themes, width);
	free(themes);
	export_field(&b, "Publics", f[PF_PUBLIC], width);
	period = store_practice_period(f[PF_START], f[PF_END]);
	export_field(&b, "Période", period, width);
	free(period);
	if (f[PF_CONTACT_LOGIN][0] != '\0' && p->contact_name != NULL &&
	    p->contact_name[0] != '\0')
		xasprintf(&line, "%s%s%s%s, membre du réseau (%s)%s%s",
		    p->contact_name, p->contact_org != NULL &&
		    p->contact_org[0] != '\0' ? ", " : "",
		    p->contact_org != NULL ? p->contact_org : "", "",
		    f[PF_CONTACT_LOGIN], f[PF_CONTACT][0] != '\0' ? " ; " : "",
		    f[PF_CONTACT]);
	else if (f[PF_CONTACT_LOGIN][0] != '\0')
		xasprintf(&line, "membre %s%s%s", f[PF_CONTACT_LOGIN],
		    f[PF_CONTACT][0] != '\0' ? " ; " : "", f[PF_CONTACT]);
	else
		line = xstrdup(f[PF_CONTACT]);
	export_field(&b, "Contact", line, width);
	free(line);
	for (i = 0; i < nitems(sections); i++)
		export_section(&b, store_practice_fields[sections[i]].label,
		    f[sections[i]], width);
	export_docs(s, &b, f[PF_DOCS], width);
	return buf_detach(&b);
}
