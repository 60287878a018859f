/*
 * txt_import.c - files into shelf documents: front matter, the structure
 * of plain text as Markdown.
 *
 * Plain text has no markup, only habits: official texts put « TITRE II »,
 * « Chapitre 3 », « Section 1 », « Article 12 » on lines of their own,
 * lists start with a dash, « 1° » or « a) », paragraphs are separated by
 * blank lines and hard-wrapped (pdftotext -layout keeps the page's lines
 * and columns). The conversion keeps exactly those habits and nothing
 * else: every other character is escaped, so the text shows as it was
 * written, re-wrapped to the member's width by the pager.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/txt.h"
#include "text/txt_import.h"
#include "util/util.h"

#define IMPORT_HEADING_MAX	100	/* bytes: longer is a paragraph */
#define IMPORT_CAPS_MAX		80	/* a line in capitals, as a heading */

/* The text being built: the open paragraph or list item. */
struct import_md {
	struct buf	 out;
	struct buf	 block;		/* joined lines of the open block */
	const char	*marker;	/* list marker of the open item, or NULL */
	char		 mark[16];
	int		 head;		/* a division heading may take the
					 * next line as its name */
};

static char	*import_trim(const char *, size_t);
static void	 import_escape(struct buf *, const char *, int);
static int	 import_ident(const char *);
static int	 import_heading(const char *, size_t *, int *);
static int	 import_caps(const char *);
static size_t	 import_item(const char *, char *, size_t);
static void	 import_flush(struct import_md *);
static void	 import_join(struct buf *, const char *);
static int	 import_folio(const char *);
static void	 import_head_end(struct import_md *);

void
txt_fields_free(struct txt_field *f, size_t n)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].value);
	}
	free(f);
}

int
txt_front_matter(const char *s, size_t len, struct txt_field **fields,
    size_t *nfields, size_t *body_off, char **cause)
{
	struct txt_field *l = NULL;
	size_t n = 0, off = 0, eol, ll, colon;
	char *line, *key;
	int lineno = 1, closed = 0;

	*fields = NULL;
	*nfields = 0;
	*body_off = 0;
	*cause = NULL;
	/* A UTF-8 byte order mark is no text. */
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	eol = off;
	while (eol < len && s[eol] != '\n')
		eol++;
	line = import_trim(s + off, eol - off);
	if (strcmp(line, "---") != 0) {
		free(line);
		return 1;
	}
	free(line);
	off = eol < len ? eol + 1 : len;
	while (off < len) {
		lineno++;
		for (eol = off; eol < len && s[eol] != '\n'; eol++)
			;
		ll = eol - off;
		line = import_trim(s + off, ll);
		off = eol < len ? eol + 1 : len;
		if (strcmp(line, "---") == 0 || strcmp(line, "...") == 0) {
			free(line);
			closed = 1;
			break;
		}
		if (line[0] == '\0' || line[0] == '#') {
			free(line);
			continue;
		}
		colon = strcspn(line, ":");
		if (line[colon] == '\0' || colon == 0) {
			xasprintf(cause, "ligne %d de l'en-tête : « clé : "
			    "valeur » attendu", lineno);
			free(line);
			txt_fields_free(l, n);
			return -1;
		}
		l = xreallocarray(l, n + 1, sizeof(*l));
		key = import_trim(line, colon);
		l[n].key = txt_fold(key);
		free(key);
		l[n].value = import_trim(line + colon + 1,
		    strlen(line + colon + 1));
		/* Quotes around a value, as YAML writers put them. */
		ll = strlen(l[n].value);
		if (ll >= 2 && ((l[n].value[0] == '"' &&
		    l[n].value[ll - 1] == '"') || (l[n].value[0] == '\'' &&
		    l[n].value[ll - 1] == '\''))) {
			memmove(l[n].value, l[n].value + 1, ll - 2);
			l[n].value[ll - 2] = '\0';
		}
		l[n].line = lineno;
		n++;
		free(line);
	}
	if (!closed) {
		xasprintf(cause, "l'en-tête ouvert par « --- » n'est jamais "
		    "fermé (une ligne « --- » après les métadonnées)");
		txt_fields_free(l, n);
		return -1;
	}
	*fields = l;
	*nfields = n;
	*body_off = off;
	return 0;
}

/* n bytes of s, cleaned to one line, spaces trimmed and runs collapsed. */
static char *
import_trim(const char *s, size_t n)
{
	char *c, *r, *w;

	c = txt_clean(s, n, 0, 0, NULL);
	for (r = w = c; *r != '\0'; r++) {
		if (*r == ' ' && (w == c || w[-1] == ' '))
			continue;
		*w++ = *r;
	}
	if (w > c && w[-1] == ' ')
		w--;
	*w = '\0';
	return c;
}

/* Append s with Markdown's punctuation escaped; at the start of a block
 * (first), also what would open a list, a quote or a rule. */
static void
import_escape(struct buf *b, const char *s, int first)
{
	const char *p = s;
	size_t d;

	if (first) {
		if (strchr("-+=>", *p) != NULL && *p != '\0') {
			buf_adds(b, "\\");
			buf_add(b, p++, 1);
		} else if ((d = strspn(p, "0123456789")) > 0 &&
		    (p[d] == '.' || p[d] == ')')) {
			buf_add(b, p, d);
			buf_adds(b, "\\");
			p += d;
			buf_add(b, p++, 1);
		}
	}
	for (; *p != '\0'; p++) {
		if (strchr("\\`*_[]<>#|~&!{}", *p) != NULL)
			buf_adds(b, "\\");
		buf_add(b, p, 1);
	}
}

/* 1 if word (folded) numbers a division: « 12 », « II », « premier »,
 * « 1er », « L. », « R311-3 », « unique », « préliminaire ». */
static int
import_ident(const char *w)
{
	size_t n = strcspn(w, " ");

	if (n == 0)
		return 0;
	if (isdigit((unsigned char)w[0]))
		return 1;
	if ((n == 7 && strncmp(w, "premier", 7) == 0) ||
	    (n == 8 && strncmp(w, "premiere", 8) == 0) ||
	    (n == 6 && strncmp(w, "unique", 6) == 0) ||
	    (n == 12 && strncmp(w, "preliminaire", 12) == 0))
		return 1;
	if (strchr("lrd", w[0]) != NULL && (n == 1 || w[1] == '.' ||
	    isdigit((unsigned char)w[1])))
		return 1;
	if (strspn(w, "ivxlc") == n || (strspn(w, "ivxlc") == n - 1 &&
	    (w[n - 1] == '.' || w[n - 1] == ':')))
		return 1;
	return 0;
}

/*
 * The heading level of a line (1 to 4), 0 if it is none. *cut gets the
 * length of the heading when the line goes on with text (« Article 3 -
 * Le contrat... » too long for a heading), else the whole length;
 * *division is 1 for a numbered division (not a line in capitals).
 */
static int
import_heading(const char *line, size_t *cut, int *division)
{
	static const struct {
		const char	*word;
		int		 level;
	} divisions[] = {
		{ "livre", 1 }, { "titre", 1 }, { "chapitre", 2 },
		{ "annexe", 2 }, { "section", 3 }, { "sous-section", 4 },
		{ "article", 4 }, { "art.", 4 },
	};
	char *f;
	size_t i, wl, len = strlen(line), k;
	int level = 0;

	*cut = len;
	*division = 0;
	f = txt_fold(line);
	wl = strcspn(f, " ");
	for (i = 0; i < sizeof(divisions) / sizeof(divisions[0]); i++) {
		if (wl != strlen(divisions[i].word) ||
		    strncmp(f, divisions[i].word, wl) != 0)
			continue;
		if (f[wl] == '\0' && strcmp(divisions[i].word, "annexe") == 0)
			level = 2;
		else if (f[wl] == ' ' && import_ident(f + wl + 1))
			level = divisions[i].level;
		break;
	}
	free(f);
	if (level == 0)
		return import_caps(line) ? 2 : 0;
	*division = 1;
	if (len <= IMPORT_HEADING_MAX)
		return level;
	/* « Article 3 - Le contrat... »: the heading is up to the dash or
	 * colon after the number; without one it is no heading. */
	for (k = 0; k < 40 && k + 2 < len; k++) {
		if ((line[k] == ' ' && (line[k + 1] == '-' ||
		    line[k + 1] == ':')) && line[k + 2] == ' ') {
			*cut = k;
			return level;
		}
		if (strncmp(line + k, " – ", 5) == 0 ||
		    strncmp(line + k, " — ", 5) == 0) {
			*cut = k;
			return level;
		}
	}
	return 0;
}

/* A short line in capitals (« INTRODUCTION », « PREMIÈRE PARTIE »). */
static int
import_caps(const char *line)
{
	size_t letters = 0, len = strlen(line), i;
	int lower = 0;

	if (len > IMPORT_CAPS_MAX || len < 4 ||
	    strchr(".,;", line[len - 1]) != NULL ||
	    isdigit((unsigned char)line[0]))
		return 0;
	/* ASCII letters, and the accented lowercase letters of Latin-1
	 * (c3 a0 to c3 bf: « é » is c3 a9) count as lowercase. */
	for (i = 0; line[i] != '\0'; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c >= 'a' && c <= 'z')
			lower = 1;
		else if (c >= 'A' && c <= 'Z')
			letters++;
		else if (c == 0xc3 && (unsigned char)line[i + 1] >= 0xa0)
			lower = 1;
	}
	return !lower && letters >= 4;
}

/*
 * A list marker at the start of line: its length (with the space after
 * it), its Markdown in mark; 0 if there is none. Dashes and bullets give
 * "-"; « 1. » and « 1) » give "1."; « 1° », « a) » are kept in the text
 * of a "-" item.
 */
static size_t
import_item(const char *line, char *mark, size_t size)
{
	static const char *bullets[] = { "- ", "– ", "— ", "• ", "* ",
	    "◦ ", "▪ ", "o " };
	size_t i, d;

	for (i = 0; i < sizeof(bullets) / sizeof(bullets[0]); i++) {
		if (strncmp(line, bullets[i], strlen(bullets[i])) == 0 &&
		    line[strlen(bullets[i])] != '\0') {
			snprintf(mark, size, "-");
			return strlen(bullets[i]);
		}
	}
	d = strspn(line, "0123456789");
	if (d > 0 && d < 4 && (line[d] == '.' || line[d] == ')') &&
	    line[d + 1] == ' ') {
		snprintf(mark, size, "%.*s.", (int)d, line);
		return d + 2;
	}
	if (d > 0 && d < 4 && strncmp(line + d, "° ", 3) == 0) {
		snprintf(mark, size, "-");
		return 0;		/* « 1° » stays in the text */
	}
	if (line[0] >= 'a' && line[0] <= 'z' && line[1] == ')' &&
	    line[2] == ' ') {
		snprintf(mark, size, "-");
		return 0;
	}
	return (size_t)-1;
}

/* Append a line to a block: a space between, none after a hyphen that
 * cut a word. */
static void
import_join(struct buf *b, const char *line)
{
	const char *end = b->len > 0 ? b->data + b->len - 1 : NULL;

	if (end != NULL && !(*end == '-' && b->len >= 2 && end[-1] != ' ' &&
	    islower((unsigned char)line[0])))
		buf_adds(b, " ");
	buf_adds(b, line);
}

/* A page's folio as pdftotext leaves it: « 12 », « Page 3 », « 3/15 »,
 * « - 4 - ». */
static int
import_folio(const char *line)
{
	const char *p = line;
	size_t d;

	if (strncmp(p, "Page ", 5) == 0 || strncmp(p, "page ", 5) == 0)
		p += 5;
	p += strspn(p, "- ");
	if ((d = strspn(p, "0123456789")) == 0 || d > 4)
		return 0;
	p += d;
	if (*p == '/' && (d = strspn(p + 1, "0123456789")) > 0)
		p += 1 + d;
	p += strspn(p, " -");
	return *p == '\0';
}

/* The heading line is complete. */
static void
import_head_end(struct import_md *m)
{
	if (m->head) {
		buf_adds(&m->out, "\n\n");
		m->head = 0;
	}
}

/* Close the open paragraph or item. */
static void
import_flush(struct import_md *m)
{
	char *text;

	if (m->block.len == 0) {
		m->marker = NULL;
		return;
	}
	text = xstrndup(m->block.data, m->block.len);
	if (m->marker != NULL) {
		buf_adds(&m->out, m->marker);
		buf_adds(&m->out, " ");
		import_escape(&m->out, text, 1);
		buf_adds(&m->out, "\n");
	} else {
		/* A list ends with a blank line before the next paragraph. */
		import_escape(&m->out, text, 1);
		buf_adds(&m->out, "\n\n");
	}
	free(text);
	buf_free(&m->block);
	buf_init(&m->block);
	m->marker = NULL;
}

char *
txt_plain_to_markdown(const char *s, size_t len)
{
	struct import_md m;
	char *src, *p, *nl, *line, *raw;
	size_t cut, skip, i, full, rlen;
	int level, in_list = 0, div;

	/*
	 * Page breaks are paragraph breaks (txt_clean would drop them). The
	 * copy is the input rule's: a NUL in the file is U+FFFD and what
	 * follows it is kept, and rlen is the copy's own length.
	 */
	raw = txt_utf8(s, len, &rlen);
	for (i = 0; i < rlen; i++)
		if (raw[i] == '\f')
			raw[i] = '\n';
	src = txt_clean(raw, rlen, TXT_MULTILINE, 0, NULL);
	free(raw);
	memset(&m, 0, sizeof(m));
	buf_init(&m.out);
	buf_init(&m.block);
	for (p = src; *p != '\0' || p == src; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		line = import_trim(p, (size_t)(nl - p));
		if (import_folio(line)) {
			free(line);
			if (*nl == '\0')
				break;
			continue;
		}
		if (m.head && line[0] != '\0' && strlen(line) <=
		    IMPORT_CAPS_MAX && strchr(".;,", line[strlen(line) - 1]) ==
		    NULL && import_heading(line, &cut, &div) == 0 &&
		    import_item(line, m.mark, sizeof(m.mark)) == (size_t)-1) {
			/* « TITRE II » then « Dispositions générales ». */
			buf_adds(&m.out, " — ");
			import_escape(&m.out, line, 0);
			import_head_end(&m);
			free(line);
			if (*nl == '\0')
				break;
			continue;
		}
		import_head_end(&m);
		if (line[0] == '\0') {
			import_flush(&m);
			if (in_list) {
				buf_adds(&m.out, "\n");
				in_list = 0;
			}
		} else if ((level = import_heading(line, &cut, &div)) > 0) {
			import_flush(&m);
			if (in_list)
				buf_adds(&m.out, "\n");
			in_list = 0;
			for (i = 0; i < (size_t)level; i++)
				buf_adds(&m.out, "#");
			buf_adds(&m.out, " ");
			full = strlen(line);
			line[cut] = '\0';
			import_escape(&m.out, line, 0);
			if (cut == full && level < 4 && div)
				m.head = 1;
			else
				buf_adds(&m.out, "\n\n");
			if (cut < full) {
				/* The text after « Article 3 - ». */
				skip = cut + 1;
				skip += strspn(line + skip, " -:");
				if (strncmp(line + skip, "– ", 4) == 0 ||
				    strncmp(line + skip, "— ", 4) == 0)
					skip += 4;
				import_join(&m.block, line + skip);
			}
		} else if ((skip = import_item(line, m.mark,
		    sizeof(m.mark))) != (size_t)-1) {
			import_flush(&m);
			if (!in_list && m.out.len > 0 &&
			    m.out.data[m.out.len - 1] != '\n')
				buf_adds(&m.out, "\n");
			in_list = 1;
			m.marker = m.mark;
			import_join(&m.block, line + skip);
		} else {
			if (in_list && m.marker == NULL) {
				buf_adds(&m.out, "\n");
				in_list = 0;
			}
			import_join(&m.block, line);
		}
		free(line);
		if (*nl == '\0')
			break;
	}
	import_head_end(&m);
	import_flush(&m);
	buf_free(&m.block);
	free(src);
	return buf_detach(&m.out);
}
