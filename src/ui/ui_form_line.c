/*
 * ui_form_line.c - the form in line mode (TERM=dumb): its questions one
 * by one, each with its help and current value, then send or leave.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "text/txt_edit.h"
#include "ui/ui.h"
#include "ui/ui_form.h"
#include "ui/ui_form_private.h"
#include "ui/ui_private.h"
#include "util/util.h"

/* --- Line mode ------------------------------------------------------------ */

void
form_line_print(const char *s)
{
	struct txt_line *lines;
	size_t n, i, outn;
	char *shown;

	n = txt_wrap(s, strlen(s), 78, &lines);
	for (i = 0; i < n; i++) {
		shown = txt_charset_apply(s + lines[i].off, lines[i].len,
		    &outn);
		fwrite(shown, 1, outn, stdout);
		fputc('\n', stdout);
		free(shown);
	}
	free(lines);
}

/*
 * Ask field i. 1 to go on, 2 to go back, 3 to stop asking (« . »),
 * 0 to leave (« ~q »), -1 when the session ends.
 */
int
form_line_field(struct ui *ui, struct ui_form *f, size_t i)
{
	const struct ui_form_field *fi = &f->fields[i];
	struct buf b;
	char *in, *shown, *q, *copy, *k, *save = NULL, *end;
	size_t j, ngroups = 0, gi = 0, *idx;
	const char *group = NULL;
	long num;
	int rc = 1;

	if (fi->kind == UI_FORM_SEARCH)
		return form_line_search(ui, f, i);
	in = xmalloc(LINE_ANSWER + 1);
	shown = ui_form_shown(f, i);
	xasprintf(&q, "%s%s%s%s", fi->label, fi->required ?
	    " (obligatoire)" : "", fi->help != NULL ? " — " : "",
	    fi->help != NULL ? fi->help : "");
	form_line_print(q);
	free(q);
	if (shown[0] != '\0' && fi->kind != UI_FORM_LONG) {
		xasprintf(&q, "Actuellement : %s", shown);
		form_line_print(q);
		free(q);
	}
	idx = xcalloc(fi->noptions + 1, sizeof(*idx));
	if (fi->kind == UI_FORM_CHOICE || fi->kind == UI_FORM_MULTI) {
		/* Grouped options: the group first. */
		if (fi->noptions > 0 && fi->options[0].group != NULL &&
		    fi->kind == UI_FORM_CHOICE) {
			for (j = 0; j < fi->noptions; j++) {
				size_t g;

				for (g = 0; g < ngroups; g++)
					if (strcmp(fi->options[idx[g]].group,
					    fi->options[j].group) == 0)
						break;
				if (g == ngroups)
					idx[ngroups++] = j;
			}
			for (j = 0; j < ngroups; j++) {
				xasprintf(&q, "%2zu. %s", j + 1,
				    fi->options[idx[j]].group);
				form_line_print(q);
				free(q);
			}
			if (ui_line_read(ui, "Numéro de la région (Entrée : "
			    "garder) : ", in, LINE_ANSWER) != 0) {
				rc = -1;
				goto out;
			}
			if (in[0] == '\0' || strcmp(in, "<") == 0 ||
			    strcmp(in, "~q") == 0 || strcmp(in, ".") == 0)
				goto answer;
			num = strtol(in, &end, 10);
			if (*end != '\0' || num < 1 || (size_t)num > ngroups) {
				form_line_print("Ce numéro n'est pas dans la "
				    "liste.");
				rc = 4;
				goto out;
			}
			group = fi->options[idx[num - 1]].group;
		}
		for (j = 0, gi = 0; j < fi->noptions; j++) {
			if (group != NULL && strcmp(fi->options[j].group,
			    group) != 0)
				continue;
			idx[gi++] = j;
			xasprintf(&q, "%2zu. %s%s", gi, fi->kind ==
			    UI_FORM_MULTI ? (form_has_key(ui_form_value(f, i),
			    fi->options[j].key) ? "[x] " : "[ ] ") : "",
			    fi->options[j].label);
			form_line_print(q);
			free(q);
		}
		if (ui_line_read(ui, fi->kind == UI_FORM_MULTI ? "Numéros "
		    "séparés par des espaces (Entrée : garder) : " :
		    "Numéro (Entrée : garder) : ", in, LINE_ANSWER) != 0) {
			rc = -1;
			goto out;
		}
	} else if (fi->kind == UI_FORM_LONG) {
		if (shown[0] != '\0') {
			form_line_print("Texte actuel :");
			form_line_print(shown);
		}
		form_line_print("Tapez le texte ligne par ligne ; une ligne "
		    "avec « . » seule le termine. « = » seul garde le texte "
		    "actuel, « - » seul le vide, « < » revient à la question "
		    "précédente.");
		buf_init(&b);
		for (;;) {
			if (ui_line_read(ui, "", in, LINE_ANSWER) != 0) {
				buf_free(&b);
				rc = -1;
				goto out;
			}
			if (b.len == 0 && (strcmp(in, "=") == 0 ||
			    strcmp(in, "-") == 0 || strcmp(in, "<") == 0 ||
			    strcmp(in, "~q") == 0))
				break;
			if (strcmp(in, ".") == 0) {
				in[0] = '\0';
				if (b.len > 0) {
					copy = buf_detach(&b);
					ui_form_set(f, i, copy);
					free(copy);
				}
				break;
			}
			buf_printf(&b, "%s%s", b.len > 0 ? "\n" : "", in);
			/* Saved as it comes, like in the editor. */
			copy = xstrndup(b.data, b.len);
			ui_form_set(f, i, copy);
			free(copy);
			ui_form_tick(ui, f);
		}
		buf_free(&b);
		if (strcmp(in, "=") == 0)
			in[0] = '\0';
	} else {
		if (ui_line_read(ui, "> ", in, LINE_ANSWER) != 0) {
			rc = -1;
			goto out;
		}
	}
answer:
	if (strcmp(in, "~q") == 0)
		rc = 0;
	else if (strcmp(in, "<") == 0)
		rc = 2;
	else if (strcmp(in, ".") == 0)
		rc = 3;
	else if (strcmp(in, "-") == 0)
		ui_form_set(f, i, "");
	else if (in[0] == '\0' || fi->kind == UI_FORM_LONG)
		rc = 1;
	else if (fi->kind == UI_FORM_CHOICE || fi->kind == UI_FORM_MULTI) {
		buf_init(&b);
		copy = xstrdup(in);
		for (k = strtok_r(copy, " ,;", &save); k != NULL;
		    k = strtok_r(NULL, " ,;", &save)) {
			num = strtol(k, &end, 10);
			if (*end != '\0' || num < 1 || (size_t)num > gi) {
				form_line_print("Ce numéro n'est pas dans la "
				    "liste.");
				rc = 4;
				break;
			}
			buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
			    fi->options[idx[num - 1]].key);
			if (fi->kind == UI_FORM_CHOICE)
				break;
		}
		free(copy);
		q = buf_detach(&b);
		if (rc != 4)
			ui_form_set(f, i, q);
		free(q);
	} else
		ui_form_set(f, i, in);
out:
	free(idx);
	free(shown);
	free(in);
	return rc;
}

int
ui_form_line(struct ui *ui, struct ui_form *f, const char *intro)
{
	char in[64], *head, msg[256];
	size_t i = f->cur;
	int page = -1, r;

	if (intro != NULL)
		form_line_print(intro);
	form_line_print("Une question à la fois. Entrée garde la réponse "
	    "affichée, « - » vide le champ, « < » revient en arrière, « . » "
	    "passe à l'envoi, « ~q » quitte en gardant le brouillon.");
	for (;;) {
		while (i < f->n) {
			if (f->fields[i].page != page) {
				page = f->fields[i].page;
				xasprintf(&head, "— Page %d/%d : %s —", page + 1,
				    f->npages, f->pages[page]);
				fputc('\n', stdout);
				form_line_print(head);
				free(head);
			}
			f->cur = i;
			r = form_line_field(ui, f, i);
			if (f->dirty)
				ui_form_save_now(ui, f);
			if (r == -1)
				return -1;
			if (r == 0)
				return UI_FORM_LINE_LEAVE;
			if (r == 3)
				break;
			if (r == 4)
				continue;	/* the same question again */
			if (r == 2) {
				if (i > 0)
					i--;
				page = -1;
				continue;
			}
			i++;
		}
		if (ui_form_validate(f, msg, sizeof(msg)) != -1) {
			form_line_print(msg);
			i = f->cur;
			page = -1;
			continue;
		}
		if (ui_line_read(ui, "Envoyer ? (o : envoyer ; n : relire "
		    "depuis le début ; ~q : quitter en gardant le brouillon) ",
		    in, sizeof(in)) != 0)
			return -1;
		if (in[0] == 'o' || in[0] == 'O')
			return UI_FORM_LINE_SEND;
		if (strcmp(in, "~q") == 0)
			return UI_FORM_LINE_LEAVE;
		i = 0;
		page = -1;
	}
}
