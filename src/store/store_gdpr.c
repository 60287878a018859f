/*
 * store_gdpr.c - a member's rights over their data: the export of
 * everything held about them, and erasure by anonymisation.
 *
 * The export is a list of sections, each one query bound to the member
 * (?1); every row comes out with its column names, as text to read on
 * screen or as JSON to keep. A table that holds something about members
 * gets its section here: that is the whole list of what Palabre keeps.
 * Password hashes are never exported (they are secrets, not data about
 * the member), only whether there is one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_board_private.h"
#include "util/util.h"

struct gdpr_section {
	const char	*key;		/* JSON name */
	const char	*title;		/* text heading */
	const char	*sql;		/* ?1: the member */
};

static const char gdpr_account[] = "SELECT login AS identifiant, "
    "display_name AS nom_affiche, organisation, role AS role, "
    "status AS statut, password_hash IS NOT NULL AS mot_de_passe_defini, "
    "datetime(created_at, 'unixepoch') AS cree_le, "
    "datetime(last_login_at, 'unixepoch') AS derniere_connexion "
    "FROM member WHERE id = ?1";
static const char gdpr_profile[] = "SELECT org_type AS type_structure, "
    "job AS fonction, departement, expertise, presentation, "
    "email AS courriel, hidden AS champs_caches, "
    "datetime(updated_at, 'unixepoch') AS modifie_le "
    "FROM member_profile WHERE member_id = ?1";
static const char gdpr_keys[] = "SELECT algo AS type, fingerprint AS "
    "empreinte, comment AS commentaire, datetime(created_at, 'unixepoch') "
    "AS ajoutee_le, datetime(last_used_at, 'unixepoch') AS utilisee_le "
    "FROM member_key WHERE member_id = ?1 ORDER BY id";
static const char gdpr_prefs[] = "SELECT name AS nom, value AS valeur "
    "FROM member_pref WHERE member_id = ?1 ORDER BY name";
static const char gdpr_posts[] = "SELECT p.id AS numero, b.title AS forum, "
    "t.title AS sujet, datetime(p.created_at, 'unixepoch') AS ecrit_le, "
    "p.hidden_at IS NOT NULL AS masque, p.body AS texte FROM post p "
    "JOIN thread t ON t.id = p.thread_id JOIN board b ON b.id = p.board_id "
    "WHERE p.author_id = ?1 ORDER BY p.id";
static const char gdpr_conversations[] = "SELECT c.id AS numero, "
    "c.subject AS objet, datetime(cm.joined_at, 'unixepoch') AS depuis "
    "FROM conversation_member cm JOIN conversation c ON c.id = "
    "cm.conversation_id WHERE cm.member_id = ?1 ORDER BY c.id";
static const char gdpr_messages[] = "SELECT g.id AS numero, "
    "g.conversation_id AS conversation, datetime(g.created_at, "
    "'unixepoch') AS ecrit_le, g.body AS texte FROM message g "
    "WHERE g.author_id = ?1 ORDER BY g.id";
static const char gdpr_drafts[] = "SELECT kind AS sorte, title AS titre, "
    "recipients AS destinataires, body AS texte, datetime(updated_at, "
    "'unixepoch') AS modifie_le FROM draft WHERE member_id = ?1 "
    "AND sent_as IS NULL ORDER BY id";
static const char gdpr_blocks[] = "SELECT m.login AS identifiant, "
    "datetime(k.created_at, 'unixepoch') AS depuis FROM member_block k "
    "JOIN member m ON m.id = k.blocked_id WHERE k.member_id = ?1";
static const char gdpr_events[] = "SELECT e.id AS numero, e.title AS "
    "journee, datetime(e.starts_at, 'unixepoch') AS debut, CASE WHEN "
    "r.waiting THEN 'liste d''attente' ELSE 'inscrit' END AS etat, "
    "datetime(r.registered_at, 'unixepoch') AS inscrit_le FROM "
    "event_registration r JOIN event e ON e.id = r.event_id "
    "WHERE r.member_id = ?1 ORDER BY r.id";
static const char gdpr_events_org[] = "SELECT id AS numero, title AS "
    "journee, datetime(starts_at, 'unixepoch') AS debut, place AS lieu "
    "FROM event WHERE organiser_id = ?1 ORDER BY id";
static const char gdpr_audit[] = "SELECT datetime(at, 'unixepoch') AS le, "
    "action, target AS cible, detail FROM audit_log WHERE actor_id = ?1 "
    "ORDER BY id";

static const struct gdpr_section gdpr_sections[] = {
	{ "compte", "Compte", gdpr_account },
	{ "profil", "Profil de l'annuaire", gdpr_profile },
	{ "cles_publiques", "Clés publiques", gdpr_keys },
	{ "preferences", "Préférences", gdpr_prefs },
	{ "messages_forums", "Messages dans les forums", gdpr_posts },
	{ "conversations", "Conversations privées", gdpr_conversations },
	{ "messages_prives", "Messages privés écrits", gdpr_messages },
	{ "brouillons", "Brouillons", gdpr_drafts },
	{ "membres_bloques", "Membres bloqués", gdpr_blocks },
	{ "inscriptions_journees", "Inscriptions aux journées d'échanges",
	    gdpr_events },
	{ "journees_organisees", "Journées d'échanges organisées",
	    gdpr_events_org },
	{ "journal", "Actions inscrites au journal", gdpr_audit },
};

static void	 gdpr_json_str(struct buf *, const char *);
static int	 gdpr_section(struct store *, const struct gdpr_section *,
		    int64_t, int, int, struct buf *);

/* A JSON string: quotes, backslashes and control characters escaped. */
static void
gdpr_json_str(struct buf *b, const char *s)
{
	buf_adds(b, "\"");
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		default:
			if ((unsigned char)*s < 0x20)
				buf_printf(b, "\\u%04x", (unsigned char)*s);
			else
				buf_add(b, s, 1);
		}
	}
	buf_adds(b, "\"");
}

static int
gdpr_section(struct store *s, const struct gdpr_section *sec, int64_t id,
    int json, int first, struct buf *b)
{
	sqlite3_stmt *st;
	const char *name, *v;
	int r, i, ncol, rows = 0;

	if ((st = store_prepare(s, sec->sql)) == NULL)
		return -1;
	if (store_bind_int64(s, st, 1, id) != 0) {
		store_done(st);
		return -1;
	}
	if (json) {
		buf_printf(b, "%s\n  ", first ? "" : ",");
		gdpr_json_str(b, sec->key);
		buf_adds(b, ": [");
	} else
		buf_printf(b, "\n== %s ==\n", sec->title);
	ncol = sqlite3_column_count(st);
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		buf_adds(b, json ? (rows > 0 ? ",\n    {" : "\n    {") :
		    rows > 0 ? "\n" : "");
		for (i = 0; i < ncol; i++) {
			name = sqlite3_column_name(st, i);
			v = (const char *)sqlite3_column_text(st, i);
			if (json) {
				buf_adds(b, i > 0 ? ", " : "");
				gdpr_json_str(b, name);
				buf_adds(b, ": ");
				if (v == NULL)
					buf_adds(b, "null");
				else if (sqlite3_column_type(st, i) ==
				    SQLITE_INTEGER)
					buf_adds(b, v);
				else
					gdpr_json_str(b, v);
			} else
				buf_printf(b, "%s : %s\n", name, v != NULL ? v :
				    "—");
		}
		if (json)
			buf_adds(b, "}");
		rows++;
	}
	store_done(st);
	if (json)
		buf_adds(b, rows > 0 ? "\n  ]" : "]");
	else if (rows == 0)
		buf_adds(b, "(rien)\n");
	return r == -1 ? -1 : 0;
}

int
store_member_export(struct store *s, int64_t member_id, int json, char **out)
{
	struct store_member m;
	struct buf b;
	size_t i;
	int r;

	*out = NULL;
	if ((r = store_member_by_id(s, member_id, &m)) != 0)
		return r;
	buf_init(&b);
	if (json)
		buf_adds(&b, "{");
	else
		buf_printf(&b, "Données détenues par Palabre sur le compte "
		    "« %s » (%s)\n", m.login, m.display_name);
	store_member_clear(&m);
	for (i = 0; i < nitems(gdpr_sections); i++)
		if (gdpr_section(s, &gdpr_sections[i], member_id, json, i == 0,
		    &b) != 0) {
			buf_free(&b);
			return -1;
		}
	buf_adds(&b, json ? "\n}\n" : "");
	*out = buf_detach(&b);
	return 0;
}

int
store_member_erase(struct store *s, int64_t member_id, int64_t by)
{
	static const char *const sqls[] = {
		"UPDATE member SET login = 'anonyme-' || id, display_name = "
		    "'ancien membre', name_fold = 'ancien membre', "
		    "organisation = '', password_hash = NULL, status = "
		    "'anonymise', updated_at = ?2 WHERE id = ?1",
		"DELETE FROM member_key WHERE member_id = ?1",
		"DELETE FROM member_pref WHERE member_id = ?1",
		"DELETE FROM member_profile WHERE member_id = ?1",
		"DELETE FROM draft WHERE member_id = ?1",
		"DELETE FROM member_block WHERE member_id = ?1 "
		    "OR blocked_id = ?1",
	};
	struct store_member m;
	sqlite3_stmt *st;
	size_t i;
	char id[32];
	int r;

	if ((r = store_member_by_id(s, member_id, &m)) != 0)
		return r;
	if (m.status == STATUS_ANONYMISE) {
		store_member_clear(&m);
		return 1;
	}
	snprintf(id, sizeof(id), "%lld", (long long)member_id);
	r = -1;
	if (store_begin(s) != 0)
		goto out;
	for (i = 0; i < nitems(sqls); i++) {
		if ((st = store_prepare(s, sqls[i])) == NULL)
			goto fail;
		if (store_bind_int64(s, st, 1, member_id) != 0 ||
		    (i == 0 && store_bind_int64(s, st, 2, now_sec()) != 0)) {
			store_done(st);
			goto fail;
		}
		if (store_run(s, st) != 0)
			goto fail;
	}
	if (store_event_forget(s, member_id) != 0)
		goto fail;
	if (store_audit(s, by == member_id ? 0 : by, "member.erase", id,
	    by == member_id ? "à la demande du membre" : "") != 0)
		goto fail;
	r = store_commit(s);
	goto out;
fail:
	store_rollback(s);
	r = -1;
out:
	store_member_clear(&m);
	return r;
}
