/*
 * versions.c - the previous versions of a message, for its board's
 * moderators: each with the time it was written, oldest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "screens/screens.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

struct versions {
	struct ui_pager	pager;
};

static const struct ui_key versions_keys[] = {
	UI_PAGER_KEYS,
	UI_KEYS_END
};

static int
versions_enter(struct ui *ui, struct ui_view *v, void *arg)
{
	struct store_viewer vw;
	struct store_post_version *list = NULL;
	struct versions *vs;
	char date[64], *head;
	size_t n = 0, i;
	int rc;

	ui_viewer(ui, &vw);
	if ((rc = store_post_versions(ui_store(ui), &vw, *(int64_t *)arg,
	    &list, &n)) != STORE_OK) {
		if (rc == STORE_FORBIDDEN)
			ui_message(ui, "Les versions de ce message sont "
			    "réservées à l'équipe de modération.");
		else
			ui_message(ui, "%s", store_rc_text(rc));
		return -1;
	}
	vs = xcalloc(1, sizeof(*vs));
	ui_pager_init(&vs->pager);
	for (i = 0; i < n; i++) {
		txt_date_long(date, sizeof(date), list[i].written_at);
		xasprintf(&head, "Version %d, écrite le %s", list[i].version,
		    date);
		ui_pager_add(&vs->pager, TXT_BLOCK_HEADING, 2, head, 0);
		free(head);
		ui_pager_add_doc(&vs->pager, txt_doc_from_plain(list[i].body,
		    strlen(list[i].body)));
		ui_pager_add(&vs->pager, TXT_BLOCK_RULE, 0, "", 0);
	}
	store_post_version_list_free(list, n);
	v->state = vs;
	ui_view_set_title(v, "Versions précédentes");
	return 0;
}

static void
versions_leave(struct ui *ui, struct ui_view *v)
{
	struct versions *vs = v->state;

	ui_pager_free(&vs->pager);
	free(vs);
}

static void
versions_layout(struct ui *ui, struct ui_view *v, const struct ui_rect *r)
{
	struct versions *vs = v->state;

	ui_pager_layout(&vs->pager, r);
	ui_pager_status(&vs->pager, v, r->h);
}

static void
versions_draw(struct ui *ui, const struct ui_view *v, const struct ui_rect *r)
{
	const struct versions *vs = v->state;

	ui_pager_draw(&vs->pager, r);
}

static int
versions_handle(struct ui *ui, struct ui_view *v, int op, int key)
{
	struct versions *vs = v->state;

	if (ui_pager_handle(&vs->pager, op, &v->laid_out) == UI_IGNORED)
		return UI_IGNORED;
	ui_pager_status(&vs->pager, v, v->laid_out.h);
	return UI_HANDLED;
}

static struct ui_pager *
versions_text(struct ui_view *v)
{
	struct versions *vs = v->state;

	return &vs->pager;
}

const struct ui_screen screen_versions = {
	.name = "versions",
	.keys = versions_keys,
	.enter = versions_enter,
	.layout = versions_layout,
	.draw = versions_draw,
	.handle = versions_handle,
	.leave = versions_leave,
	.text = versions_text,
};
