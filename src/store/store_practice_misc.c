/*
 * store_practice_misc.c - around a practice record: who follows it
 * (« je m'en inspire ») and telling its author, its former versions, the
 * form's draft, and its discussion thread on the boards.
 *
 * Invariants: practice.nfollowers is the number of practice_follow rows
 * of the record, changed in the same transaction as them. A record has
 * at most one thread (practice.thread_id, set once), and members make
 * it only with their first comment (store_practice_comment), so that
 * every thread has something to read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_practice_private.h"
#include "text/txt.h"
#include "util/util.h"

#define PRACTICE_THREAD_INTRO "Cette discussion accompagne la fiche " \
	"n° %lld du catalogue des pratiques : « %s » (%s, %s).\n\n" \
	"Questions, retours d'expérience, envie de reproduire l'action : " \
	"écrivez-les ici. La fiche elle-même se lit dans « Catalogue des " \
	"pratiques » à l'accueil."

static void	version_row(struct store_stmt *, void *);
static void	version_clear(void *);

int
store_practice_follow(struct store *s, const struct store_viewer *v,
    int64_t id, int on)
{
	static const char add[] = "INSERT INTO practice_follow "
	    "(member_id, practice_id, created_at) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT DO NOTHING";
	static const char del[] = "DELETE FROM practice_follow "
	    "WHERE member_id = ?1 AND practice_id = ?2";
	static const char count[] = "UPDATE practice SET nfollowers = "
	    "nfollowers + ?2 WHERE id = ?1";
	static const char check[] = "SELECT author_id, state FROM practice "
	    "WHERE id = ?1";
	struct store_stmt *st;
	int r, changed;

	if ((st = store_prepare(s, check)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW && (store_column_int64(st, 0) ==
	    v->member_id || strcmp(store_column_peek(st, 1),
	    "publiee") != 0))
		r = STORE_FORBIDDEN;	/* not a STORE_STEP_ value */
	store_done(st);
	if (r != STORE_STEP_ROW)
		return r == STORE_FORBIDDEN || r == STORE_STEP_DONE ?
		    STORE_FORBIDDEN : -1;
	if (store_begin(s) != 0)
		return -1;
	if ((st = store_prepare(s, on ? add : del)) == NULL ||
	    store_bind_int64(s, st, 1, v->member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0 ||
	    (on && store_bind_int64(s, st, 3, now_sec()) != 0) ||
	    store_run(s, st) != 0)
		goto fail;
	changed = store_changes(s);
	if (changed == 0) {
		store_rollback(s);
		return STORE_EXISTS;	/* nothing to change */
	}
	if ((st = store_prepare(s, count)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, on ? 1 : -1) != 0 ||
	    store_run(s, st) != 0)
		goto fail;
	return store_commit(s) == 0 ? 0 : -1;
fail:
	store_rollback(s);
	return -1;
}

int
store_practice_news(struct store *s, const struct store_viewer *v,
    int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM practice p "
	    "JOIN practice_follow f ON f.practice_id = p.id "
	    "WHERE p.author_id = ?1 AND f.seen = 0";
	struct store_stmt *st;
	int r;

	*n = 0;
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, v->member_id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW)
		*n = store_column_int64(st, 0);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : -1;
}

int
store_practice_news_seen(struct store *s, const struct store_viewer *v)
{
	static const char sql[] = "UPDATE practice_follow SET seen = 1 "
	    "WHERE seen = 0 AND practice_id IN (SELECT id FROM practice "
	    "WHERE author_id = ?1)";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, v->member_id) != 0)
		return -1;
	return store_run(s, st) == 0 ? 0 : -1;
}

int
store_practice_decisions(struct store *s, const struct store_viewer *v,
    int64_t *published, int64_t *returned, char **latest)
{
	static const char sql[] = "SELECT state, title FROM practice "
	    "WHERE author_id = ?1 AND told = 0 ORDER BY moderated_at DESC, "
	    "id DESC";
	struct store_stmt *st;
	const char *state;
	int r;

	*published = *returned = 0;
	*latest = NULL;
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, v->member_id) != 0) {
		store_done(st);
		return -1;
	}
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		state = store_column_peek(st, 0);
		if (state != NULL && strcmp(state, "publiee") == 0)
			(*published)++;
		else if (state != NULL && strcmp(state, "renvoyee") == 0)
			(*returned)++;
		else
			continue;	/* submitted again since */
		if (*latest == NULL)
			*latest = xstrdup(
			    store_column_peek(st, 1));
	}
	store_done(st);
	if (r != STORE_STEP_DONE) {
		free(*latest);
		*latest = NULL;
		return -1;
	}
	return 0;
}

int
store_practice_decisions_told(struct store *s, const struct store_viewer *v)
{
	static const char sql[] = "UPDATE practice SET told = 1 "
	    "WHERE author_id = ?1 AND told = 0";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, v->member_id) != 0)
		return -1;
	return store_run(s, st) == 0 ? 0 : -1;
}

/* --- Versions ---------------------------------------------------------------- */

static void
version_row(struct store_stmt *st, void *p)
{
	struct store_practice_version *pv = p;

	pv->version = store_column_int(st, 0);
	pv->written_at = store_column_int64(st, 1);
	pv->state = store_practice_state_parse(
	    store_column_peek(st, 2));
	store_practice_fields_read(st, 3, pv->f);
}

static void
version_clear(void *p)
{
	struct store_practice_version *pv = p;
	int i;

	for (i = 0; i < PF_NFIELDS; i++)
		free(pv->f[i]);
}

void
store_practice_version_list_free(struct store_practice_version *l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		version_clear(&l[i]);
	free(l);
}

int
store_practice_versions(struct store *s, const struct store_viewer *v,
    int64_t id, struct store_practice_version **list, size_t *n)
{
	static const char sql[] = "SELECT version, written_at, state, "
	    PRACTICE_FIELD_EXTRACT("data") " FROM practice_version "
	    "WHERE practice_id = ?1 ORDER BY version DESC";
	struct store_stmt *st;
	int state, r;
	int64_t author;

	*list = NULL;
	*n = 0;
	if ((r = store_practice_state_of(s, id, &state, &author)) != 0)
		return r;
	if (author != v->member_id && !store_practice_can_moderate(v))
		return STORE_FORBIDDEN;
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	return store_rows(s, st, sizeof(**list), version_row, version_clear,
	    (void **)list, n);
}

/* --- Drafts ------------------------------------------------------------------- */

int
store_practice_draft_save(struct store *s, int64_t member_id, int64_t id,
    int64_t since, const char *const f[PF_NFIELDS])
{
	static const char sql[] = "INSERT INTO practice_draft (member_id, "
	    "practice_id, data, updated_at) VALUES (?1, ?2, json_object("
	    "'title', ?3, 'org', ?4, 'org_type', ?5, 'partners', ?6, "
	    "'departement', ?7, 'commune', ?8, 'themes', ?9, 'public', ?10, "
	    "'start', ?11, 'end', ?12, 'context', ?13, 'actions', ?14, "
	    "'means', ?15, 'results', ?16, 'reproduce', ?17, "
	    "'contact_login', ?18, 'contact', ?19, 'docs', ?20), ?21) "
	    "ON CONFLICT (member_id, practice_id) DO UPDATE SET "
	    "data = excluded.data, updated_at = excluded.updated_at, "
	    "sent_as = NULL WHERE practice_draft.sent_as IS NULL "
	    "OR practice_draft.updated_at <= ?22";
	struct store_stmt *st;
	char *t;
	int i, rc = 0;

	s->fault = STORE_FAULT_NONE;
	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0 ||
	    store_bind_int64(s, st, 3 + PF_NFIELDS, now_sec()) != 0 ||
	    store_bind_int64(s, st, 4 + PF_NFIELDS, since) != 0)
		rc = -1;
	for (i = 0; i < PF_NFIELDS && rc == 0; i++) {
		/* Kept as typed, only made safe and bounded. */
		t = txt_clean(f[i] != NULL ? f[i] : "", f[i] != NULL ?
		    strlen(f[i]) : 0, TXT_MULTILINE,
		    store_practice_fields[i].max + 1024, NULL);
		rc = store_bind_text(s, st, 3 + i, t);
		free(t);
	}
	if (rc != 0) {
		store_done(st);
		return -1;
	}
	if (store_run(s, st) != 0)
		return -1;
	return store_changes(s) == 0 ? STORE_DRAFT_SENT : 0;
}

int
store_practice_draft_find(struct store *s, int64_t member_id, int64_t id,
    char *f[PF_NFIELDS])
{
	static const char sql[] = "SELECT " PRACTICE_FIELD_EXTRACT("data")
	    " FROM practice_draft WHERE member_id = ?1 AND practice_id = ?2 "
	    "AND sent_as IS NULL";
	struct store_stmt *st;
	int r;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0) {
		store_done(st);
		return -1;
	}
	if ((r = store_step(s, st)) == STORE_STEP_ROW)
		store_practice_fields_read(st, 0, f);
	store_done(st);
	return r == STORE_STEP_ROW ? 0 : r == STORE_STEP_DONE ? 1 : -1;
}

int
store_practice_draft_delete(struct store *s, int64_t member_id, int64_t id)
{
	static const char sql[] = "DELETE FROM practice_draft "
	    "WHERE member_id = ?1 AND practice_id = ?2";
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, member_id) != 0 ||
	    store_bind_int64(s, st, 2, id) != 0)
		return -1;
	return store_run(s, st) == 0 ? 0 : -1;
}

/* --- Discussion ------------------------------------------------------------- */

int
store_practice_thread(struct store *s, const struct store_viewer *v,
    int64_t id, const char *board_key, int64_t *thread_id, int64_t *post_id)
{
	static const char opening[] = "SELECT id FROM post WHERE "
	    "thread_id = ?1 AND parent_id IS NULL ORDER BY id LIMIT 1";
	static const char link[] = "UPDATE practice SET thread_id = ?2 "
	    "WHERE id = ?1 AND thread_id IS NULL";
	struct store_practice p;
	struct store_member author;
	struct store_viewer av;
	struct store_board b;
	struct store_stmt *st;
	char *title = NULL, *body = NULL, *cut;
	int rc, r;

	*thread_id = *post_id = 0;
	memset(&author, 0, sizeof(author));
	memset(&b, 0, sizeof(b));
	if ((rc = store_practice_get(s, v, id, &p)) != 0)
		return rc == 1 ? STORE_FORBIDDEN : rc;
	if (p.state != PRACTICE_PUBLIEE) {
		rc = STORE_FORBIDDEN;
		goto out;
	}
	if (p.thread_id == 0) {
		/* The opening post is the record's author's: it is their
		 * action being discussed. */
		memset(&av, 0, sizeof(av));
		if ((rc = store_member_by_id(s, p.author_id, &author)) != 0) {
			rc = rc == 1 ? STORE_FORBIDDEN : -1;
			goto out;
		}
		av.member_id = author.id;
		av.login = author.login;
		av.role = (int)author.role;
		if (store_board_by_key(s, &av, board_key, &b) != 0 ||
		    b.archived_at != 0) {
			rc = STORE_FORBIDDEN;
			goto out;
		}
		xasprintf(&title, "Fiche n° %lld : %s", (long long)p.id,
		    p.f[PF_TITLE]);
		cut = txt_trunc(title, 90);
		free(title);
		title = cut;
		xasprintf(&body, PRACTICE_THREAD_INTRO, (long long)p.id,
		    p.f[PF_TITLE], p.f[PF_ORG], p.departement_label);
		if (store_begin(s) != 0) {
			rc = -1;
			goto out;
		}
		r = store_thread_new(s, &av, b.id, title, body, thread_id,
		    post_id);
		/* The author may not write there now. */
		if (r == STORE_FORBIDDEN)
			r = store_thread_new(s, v, b.id, title, body,
			    thread_id, post_id);
		if (r != 0 || (st = store_prepare(s, link)) == NULL ||
		    store_bind_int64(s, st, 1, id) != 0 ||
		    store_bind_int64(s, st, 2, *thread_id) != 0 ||
		    store_run(s, st) != 0) {
			store_rollback(s);
			rc = r > 0 ? STORE_FORBIDDEN : -1;
			goto out;
		}
		rc = store_commit(s) == 0 ? 0 : -1;
		goto out;
	}
	*thread_id = p.thread_id;
	if ((st = store_prepare(s, opening)) == NULL ||
	    store_bind_int64(s, st, 1, p.thread_id) != 0) {
		store_done(st);
		rc = -1;
		goto out;
	}
	r = store_step(s, st);
	if (r == STORE_STEP_ROW)
		*post_id = store_column_int64(st, 0);
	store_done(st);
	rc = r == STORE_STEP_ROW ? 0 : r == STORE_STEP_DONE ?
	    STORE_FORBIDDEN : -1;
out:
	free(title);
	free(body);
	store_board_clear(&b);
	store_member_clear(&author);
	store_practice_clear(&p);
	return rc;
}

int
store_practice_comment(struct store *s, const struct store_viewer *v,
    int64_t id, const char *board_key, const char *body, int64_t *thread_id,
    int64_t *post_id)
{
	int64_t opening;
	int rc;

	*thread_id = *post_id = 0;
	if (store_begin(s) != 0)
		return -1;
	rc = store_practice_thread(s, v, id, board_key, thread_id, &opening);
	if (rc == 0)
		rc = store_post_reply(s, v, opening, body, post_id);
	if (rc != 0) {
		/* Nothing sent: no thread either. */
		store_rollback(s);
		*thread_id = *post_id = 0;
		return rc;
	}
	return store_commit(s) == 0 ? 0 : -1;
}

int
store_practice_backdate(struct store *s, int64_t id, int64_t t)
{
	/* CAST: a CASE of NULL and a parameter would be text on
	 * PostgreSQL. */
	static const char sql[] = "UPDATE practice SET created_at = ?2, "
	    "submitted_at = ?2, updated_at = ?2, published_at = CASE "
	    "WHEN published_at IS NULL THEN NULL ELSE CAST(?2 AS BIGINT) END, "
	    "moderated_at = CASE WHEN moderated_at IS NULL THEN NULL "
	    "ELSE CAST(?2 AS BIGINT) END WHERE id = ?1";
	struct store_stmt *st;

	if (store_begin(s) != 0)
		return -1;
	if ((st = store_prepare(s, sql)) == NULL ||
	    store_bind_int64(s, st, 1, id) != 0 ||
	    store_bind_int64(s, st, 2, t) != 0 || store_run(s, st) != 0)
		goto fail;
	if (store_changes(s) == 0) {
		store_rollback(s);
		return 1;
	}
	if (store_practice_reindex(s, id) != 0)
		goto fail;
	return store_commit(s) == 0 ? 0 : -1;
fail:
	store_rollback(s);
	return -1;
}
