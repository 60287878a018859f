/*
 * store_gdpr.c - a member's rights over their data: the export of
 * everything held about them, and erasure.
 *
 * The export is a list of sections, each one query bound to the member
 * (?1); every row comes out with its column names, as text to read on
 * screen or as JSON to keep. Each section names the member columns it
 * covers ("table.column"), and every column of the schema that refers to
 * a member (a foreign key, or a column of logins) is covered by a
 * section or listed in gdpr_not_exported with the reason
 * (tests/unit/test_gdpr.c reads the schema and holds this file to it): that is the whole list of what Palabre keeps.
 * Password hashes are never exported (they are secrets, not data about
 * the member), only whether there is one.
 *
 * Erasure keeps what the member wrote for others (posts, messages,
 * records, exchange days, reports), attributed to « ancien membre », and
 * removes who they were: the account becomes « anonyme-ID »; profile,
 * keys, preferences, drafts, blocks, reading marks, selection, follows,
 * notices, registrations and everything about their e-mail go; and
 * their login, name, e-mail address and keys are replaced by that
 * pseudonym wherever the system wrote them down (audit log, practice
 * contacts and their versions, others' drafts,
 * bylines, board moderators) and in what they wrote themselves (a
 * signature in their posts, messages, subjects, reports), matched as
 * whole words, case and accents ignored. Others' texts that mention
 * them are theirs and stay as written, but for the contact fields. The
 * search indexes are written again for every post and record that
 * changed and merged (FTS5 'optimize') so no old segment keeps a word,
 * and the transaction runs with secure_delete so freed pages are
 * zeroed: a dump of the database, FTS5 shadow tables included, finds
 * none of their fields.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_practice_private.h"
#include "text/txt.h"
#include "util/util.h"

struct gdpr_section {
	const char	*key;		/* JSON name */
	const char	*title;		/* text heading */
	const char	*sql;		/* ?1: the member */
	const char	*covers;	/* member columns, "table.column ..." */
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
static const char gdpr_penalty[] = "SELECT a.failures AS echecs, "
    "datetime(a.window_start, 'unixepoch') AS depuis, "
    "datetime(a.locked_until, 'unixepoch') AS bloque_jusqu_a "
    "FROM auth_penalty a JOIN member m ON m.login = a.login "
    "WHERE m.id = ?1";
static const char gdpr_threads[] = "SELECT t.id AS numero, b.title AS "
    "forum, t.title AS sujet, datetime(t.created_at, 'unixepoch') AS "
    "ouvert_le, t.state AS etat, t.refuse_reason AS motif_du_refus "
    "FROM thread t JOIN board b ON b.id = t.board_id "
    "WHERE t.author_id = ?1 ORDER BY t.id";
static const char gdpr_posts[] = "SELECT p.id AS numero, b.title AS forum, "
    "t.title AS sujet, datetime(p.created_at, 'unixepoch') AS ecrit_le, "
    "p.hidden_at IS NOT NULL AS masque, p.body AS texte FROM post p "
    "JOIN thread t ON t.id = p.thread_id JOIN board b ON b.id = p.board_id "
    "WHERE p.author_id = ?1 ORDER BY p.id";
static const char gdpr_read[] = "SELECT b.title AS forum, t.title AS "
    "sujet, r.nread AS messages_lus FROM read_thread r JOIN thread t ON "
    "t.id = r.thread_id JOIN board b ON b.id = r.board_id "
    "WHERE r.member_id = ?1 ORDER BY r.board_id, r.thread_id";
static const char gdpr_boards_read[] = "SELECT b.title AS forum, "
    "rb.upto AS lu_jusqu_au_message FROM read_board rb JOIN board b ON "
    "b.id = rb.board_id WHERE rb.member_id = ?1 ORDER BY rb.board_id";
static const char gdpr_marks[] = "SELECT post_id AS message, CASE WHEN "
    "is_read = 1 THEN 'lu' ELSE 'non lu' END AS marque FROM read_mark "
    "WHERE member_id = ?1 ORDER BY post_id";
static const char gdpr_reports[] = "SELECT r.post_id AS message, "
    "t.title AS sujet, r.reason AS motif, datetime(r.created_at, "
    "'unixepoch') AS signale_le, datetime(r.closed_at, 'unixepoch') AS "
    "traite_le, r.resolution AS suite_donnee FROM report r JOIN post p "
    "ON p.id = r.post_id JOIN thread t ON t.id = p.thread_id "
    "WHERE r.reporter_id = ?1 ORDER BY r.id";
static const char gdpr_conversations[] = "SELECT c.id AS numero, "
    "c.subject AS objet, c.created_by = ?1 AS ouverte_par_vous, "
    "datetime((SELECT cm.joined_at FROM conversation_member cm WHERE "
    "cm.conversation_id = c.id AND cm.member_id = ?1), 'unixepoch') AS "
    "depuis FROM conversation c WHERE c.created_by = ?1 OR c.id IN "
    "(SELECT conversation_id FROM conversation_member WHERE "
    "member_id = ?1) ORDER BY c.id";
static const char gdpr_messages[] = "SELECT g.id AS numero, "
    "g.conversation_id AS conversation, datetime(g.created_at, "
    "'unixepoch') AS ecrit_le, g.body AS texte FROM message g "
    "WHERE g.author_id = ?1 ORDER BY g.id";
static const char gdpr_notices[] = "SELECT n.id AS numero, CASE n.kind "
    "WHEN 1 THEN 'message privé' WHEN 2 THEN 'réponse' WHEN 3 THEN "
    "'mention' WHEN 4 THEN 'place obtenue' END AS sorte, "
    "datetime(n.created_at, 'unixepoch') AS le FROM notice n "
    "WHERE n.member_id = ?1 ORDER BY n.id";
static const char gdpr_drafts[] = "SELECT kind AS sorte, title AS titre, "
    "recipients AS destinataires, body AS texte, datetime(updated_at, "
    "'unixepoch') AS modifie_le FROM draft WHERE member_id = ?1 "
    "AND sent_as IS NULL ORDER BY id";
static const char gdpr_blocks[] = "SELECT m.login AS identifiant, "
    "datetime(k.created_at, 'unixepoch') AS depuis FROM member_block k "
    "JOIN member m ON m.id = k.blocked_id WHERE k.member_id = ?1";
static const char gdpr_picks[] = "SELECT d.id AS numero, d.title AS "
    "document, datetime(k.added_at, 'unixepoch') AS ajoute_le FROM "
    "doc_pick k JOIN doc d ON d.id = k.doc_id WHERE k.member_id = ?1 "
    "ORDER BY k.added_at, d.id";
static const char gdpr_docs[] = "SELECT id AS numero, title AS document, "
    "CASE WHEN added_by = ?1 THEN datetime(added_at, 'unixepoch') END AS "
    "ajoute_le, CASE WHEN updated_by = ?1 THEN datetime(updated_at, "
    "'unixepoch') END AS modifie_le FROM doc WHERE added_by = ?1 OR "
    "updated_by = ?1 ORDER BY id";
static const char gdpr_practices[] = "SELECT id AS numero, title AS "
    "fiche, state AS etat, org AS structure, contact, "
    "datetime(created_at, 'unixepoch') AS ecrite_le, "
    "datetime(published_at, 'unixepoch') AS publiee_le, "
    "comment AS commentaire_moderation FROM practice WHERE author_id = ?1 "
    "ORDER BY id";
static const char gdpr_practice_contact[] = "SELECT id AS numero, title "
    "AS fiche, state AS etat FROM practice WHERE contact_id = ?1 "
    "ORDER BY id";
static const char gdpr_follows[] = "SELECT p.id AS numero, p.title AS "
    "fiche, datetime(f.created_at, 'unixepoch') AS depuis FROM "
    "practice_follow f JOIN practice p ON p.id = f.practice_id "
    "WHERE f.member_id = ?1 ORDER BY f.created_at, p.id";
static const char gdpr_practice_drafts[] = "SELECT practice_id AS fiche, "
    "data AS contenu, datetime(updated_at, 'unixepoch') AS modifie_le "
    "FROM practice_draft WHERE member_id = ?1 ORDER BY practice_id";
static const char gdpr_events[] = "SELECT e.id AS numero, e.title AS "
    "journee, datetime(e.starts_at, 'unixepoch') AS debut, CASE WHEN "
    "r.waiting THEN 'liste d''attente' ELSE 'inscrit' END AS etat, "
    "datetime(r.registered_at, 'unixepoch') AS inscrit_le FROM "
    "event_registration r JOIN event e ON e.id = r.event_id "
    "WHERE r.member_id = ?1 ORDER BY r.id";
static const char gdpr_events_org[] = "SELECT id AS numero, title AS "
    "journee, datetime(starts_at, 'unixepoch') AS debut, place AS lieu "
    "FROM event WHERE organiser_id = ?1 ORDER BY id";
static const char gdpr_event_drafts[] = "SELECT event_id AS journee, "
    "fields AS contenu, datetime(updated_at, 'unixepoch') AS modifie_le "
    "FROM event_draft WHERE member_id = ?1 ORDER BY event_id";
static const char gdpr_editos[] = "SELECT id AS numero, title AS titre, "
    "byline AS signature, datetime(published_at, 'unixepoch') AS "
    "publie_le FROM edito WHERE author_id = ?1 ORDER BY id";
static const char gdpr_moderation[] = "SELECT 'message masqué' AS action, "
    "id AS numero, datetime(hidden_at, 'unixepoch') AS le, hidden_reason "
    "AS motif FROM post WHERE hidden_by = ?1 "
    "UNION ALL SELECT 'édito masqué', id, datetime(hidden_at, "
    "'unixepoch'), hidden_reason FROM edito WHERE hidden_by = ?1 "
    "UNION ALL SELECT 'signalement traité', id, datetime(closed_at, "
    "'unixepoch'), resolution FROM report WHERE closed_by = ?1 "
    "UNION ALL SELECT CASE state WHEN 'renvoyee' THEN 'fiche renvoyée à "
    "son auteur' ELSE 'fiche publiée' END, id, datetime(moderated_at, "
    "'unixepoch'), comment FROM practice WHERE moderator_id = ?1 "
    "ORDER BY 3, 2";
static const char gdpr_boards[] = "SELECT b.key AS forum, b.title AS "
    "titre FROM board b JOIN member m ON m.id = ?1 WHERE instr(' ' || "
    "b.moderators || ' ', ' ' || m.login || ' ') > 0 ORDER BY b.key";
static const char gdpr_veille[] = "SELECT f.kind AS sorte, "
    "CASE WHEN f.target_id <> 0 THEN f.target_id END AS numero, "
    "f.target_key AS cle, f.label AS libelle, f.active AS suivi, "
    "f.automatic AS automatique, datetime(f.created_at, 'unixepoch') AS "
    "depuis FROM follow f WHERE f.member_id = ?1 ORDER BY f.kind, "
    "f.target_id, f.target_key";
static const char gdpr_mentions[] = "SELECT mn.kind AS sorte, mn.source AS "
    "dans, mn.source_id AS numero, CASE WHEN mn.member_id = ?1 THEN "
    "'vous' ELSE (SELECT login FROM member WHERE id = mn.member_id) END "
    "AS pour, CASE WHEN mn.author_id = ?1 THEN 'vous' ELSE (SELECT login "
    "FROM member WHERE id = mn.author_id) END AS par, "
    "datetime(mn.created_at, 'unixepoch') AS le FROM mention mn "
    "WHERE mn.member_id = ?1 OR mn.author_id = ?1 ORDER BY mn.created_at, "
    "mn.source_id";
static const char gdpr_seen[] = "SELECT item AS element, "
    "datetime(seen_at, 'unixepoch') AS vu_le FROM news_seen "
    "WHERE member_id = ?1 ORDER BY seen_at, item";
static const char gdpr_audit[] = "SELECT datetime(a.at, 'unixepoch') AS "
    "le, CASE WHEN a.actor_id = ?1 THEN 'vous' ELSE 'l''équipe' END AS "
    "par, a.action, a.target AS cible, a.detail FROM audit_log a "
    "JOIN member m ON m.id = ?1 WHERE a.actor_id = ?1 OR "
    "a.target = m.login ORDER BY a.id";
static const char gdpr_mail[] = "SELECT address AS adresse_confirmee, "
    "digest AS resume, per_message AS courriel_par_message, "
    "datetime(NULLIF(digest_at, 0), 'unixepoch') AS dernier_resume, "
    "datetime(refused_at, 'unixepoch') AS adresse_refusee_le, "
    "refused_why AS motif_du_refus FROM mail_pref WHERE member_id = ?1";
/* The code itself is a secret, as a password: not exported. */
static const char gdpr_mail_confirm[] = "SELECT address AS adresse, "
    "datetime(expires_at, 'unixepoch') AS code_valable_jusqu_au, "
    "attempts AS codes_errones FROM mail_confirm WHERE member_id = ?1";
static const char gdpr_mail_out[] = "SELECT kind AS sorte, address AS "
    "adresse, items AS elements, datetime(created_at, 'unixepoch') AS "
    "prepare_le, datetime(sent_at, 'unixepoch') AS envoye_le, "
    "datetime(failed_at, 'unixepoch') AS refuse_le, error AS erreur "
    "FROM mail_outbox WHERE member_id = ?1 ORDER BY id";
static const char gdpr_mail_sent[] = "SELECT item AS element, "
    "datetime(sent_at, 'unixepoch') AS dans_le_resume_du FROM mail_sent "
    "WHERE member_id = ?1 ORDER BY sent_at, item";

static const struct gdpr_section gdpr_sections[] = {
	{ "compte", "Compte", gdpr_account,
	    "member.id member.login member.last_login_at" },
	{ "profil", "Profil de l'annuaire", gdpr_profile,
	    "member_profile.member_id" },
	{ "cles_publiques", "Clés publiques", gdpr_keys,
	    "member_key.member_id" },
	{ "preferences", "Préférences", gdpr_prefs, "member_pref.member_id" },
	{ "echecs_de_connexion", "Mots de passe erronés récents",
	    gdpr_penalty, "auth_penalty.login" },
	{ "sujets_ouverts", "Sujets ouverts dans les forums", gdpr_threads,
	    "thread.author_id" },
	{ "messages_forums", "Messages dans les forums", gdpr_posts,
	    "post.author_id" },
	{ "lectures_forums", "Sujets lus", gdpr_read,
	    "read_thread.member_id" },
	{ "marques_de_lecture", "Messages marqués lus ou non lus", gdpr_marks,
	    "read_mark.member_id" },
	{ "forums_lus", "Forums marqués lus", gdpr_boards_read,
	    "read_board.member_id" },
	{ "signalements", "Messages signalés", gdpr_reports,
	    "report.reporter_id" },
	{ "conversations", "Conversations privées", gdpr_conversations,
	    "conversation.created_by conversation_member.member_id" },
	{ "messages_prives", "Messages privés écrits", gdpr_messages,
	    "message.author_id" },
	{ "brouillons", "Brouillons", gdpr_drafts,
	    "draft.member_id draft.recipients" },
	{ "membres_bloques", "Membres bloqués", gdpr_blocks,
	    "member_block.member_id" },
	{ "ma_selection", "Ma sélection (bibliothèque)", gdpr_picks,
	    "doc_pick.member_id" },
	{ "documents", "Documents ajoutés ou modifiés", gdpr_docs,
	    "doc.added_by doc.updated_by" },
	{ "fiches", "Fiches d'expérience écrites", gdpr_practices,
	    "practice.author_id" },
	{ "fiches_contact", "Fiches où vous êtes la personne à contacter",
	    gdpr_practice_contact, "practice.contact_id" },
	{ "je_m_en_inspire", "« Je m'en inspire »", gdpr_follows,
	    "practice_follow.member_id" },
	{ "brouillons_fiches", "Brouillons de fiches", gdpr_practice_drafts,
	    "practice_draft.member_id" },
	{ "inscriptions_journees", "Inscriptions aux journées d'échanges",
	    gdpr_events, "event_registration.member_id" },
	{ "journees_organisees", "Journées d'échanges organisées",
	    gdpr_events_org, "event.organiser_id" },
	{ "brouillons_journees", "Brouillons de journées", gdpr_event_drafts,
	    "event_draft.member_id" },
	{ "editos", "Éditos signés", gdpr_editos, "edito.author_id" },
	{ "moderation", "Décisions de modération", gdpr_moderation,
	    "post.hidden_by edito.hidden_by report.closed_by "
	    "practice.moderator_id" },
	{ "forums_moderes", "Forums que vous modérez", gdpr_boards,
	    "board.moderators" },
	{ "courriels", "Courriels : adresse et réglages", gdpr_mail,
	    "mail_pref.member_id" },
	{ "adresse_a_confirmer", "Adresse en cours de confirmation",
	    gdpr_mail_confirm, "mail_confirm.member_id" },
	{ "courriels_envoyes", "Courriels envoyés (30 derniers jours)",
	    gdpr_mail_out, "mail_outbox.member_id" },
	{ "elements_des_resumes", "Ce que vos derniers résumés ont dit",
	    gdpr_mail_sent, "mail_sent.member_id" },
	{ "ma_veille", "Ma veille", gdpr_veille, "follow.member_id" },
	{ "mentions", "Mentions et réponses", gdpr_mentions,
	    "mention.member_id mention.author_id" },
	{ "quoi_de_neuf_vu", "Quoi de neuf : éléments vus", gdpr_seen,
	    "news_seen.member_id" },
	{ "journal", "Journal (vos actions et celles qui vous concernent)",
	    gdpr_audit, "audit_log.actor_id" },
	{ "avis", "Avis affichés pendant vos sessions (gardés un jour)",
	    gdpr_notices, "notice.member_id" },
};

/*
 * Member columns deliberately left out of the export, with the reason:
 * who blocked a member is the blocker's business (a block is silent);
 * a notice shown to someone else is theirs (it names the member, who
 * shows as « ancien membre » there once erased).
 */
static const char *const gdpr_not_exported[] = {
	"member_block.blocked_id",
	"notice.actor_id",
};

/* The needles of an erasure: folded, longest first. */
#define GDPR_NEEDLES_MAX	32
struct gdpr_needles {
	char		*fold[GDPR_NEEDLES_MAX];
	size_t		 n;
	const char	*pseudo;	/* what replaces them */
};

static int	 gdpr_section(struct store *, const struct gdpr_section *,
		    int64_t, int, int, struct buf *);
static int	 gdpr_listed(const char *, const char *, const char *);
static int	 gdpr_word_byte(int);
static size_t	 gdpr_match(const char *, size_t, size_t, const char *);
static char	*gdpr_scrub(const struct gdpr_needles *, const char *);
static char	*gdpr_scrub_sql(void *, const char *);
static void	 gdpr_needle_add(struct gdpr_needles *, const char *);
static int	 gdpr_needles_load(struct store *, int64_t,
		    struct gdpr_needles *);
static void	 gdpr_needles_free(struct gdpr_needles *);
static int	 gdpr_exec(struct store *, const char *, int64_t,
		    const char *, int64_t);
static int	 gdpr_run(struct store *, const char *);
static int	 gdpr_records(struct store *, int64_t, int64_t **, size_t *);
static int	 gdpr_reindex(struct store *, const int64_t *, size_t);
static int	 gdpr_own_posts(struct store *, int64_t,
		    const struct gdpr_needles *);

static int
gdpr_section(struct store *s, const struct gdpr_section *sec, int64_t id,
    int json, int first, struct buf *b)
{
	struct store_stmt *st;
	const char *name, *v;
	int r, i, ncol, rows = 0;

	if ((st = store_prepare_id(s, sec->sql, id)) == NULL)
		return -1;
	if (json) {
		buf_printf(b, "%s\n  ", first ? "" : ",");
		buf_json_str(b, sec->key);
		buf_adds(b, ": [");
	} else
		buf_printf(b, "\n== %s ==\n", sec->title);
	ncol = store_column_count(st);
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		buf_adds(b, json ? (rows > 0 ? ",\n    {" : "\n    {") :
		    rows > 0 ? "\n" : "");
		for (i = 0; i < ncol; i++) {
			name = store_column_name(st, i);
			v = store_column_peek(st, i);
			if (json) {
				buf_adds(b, i > 0 ? ", " : "");
				buf_json_str(b, name);
				buf_adds(b, ": ");
				if (v == NULL)
					buf_adds(b, "null");
				else if (store_column_isint(st, i))
					buf_adds(b, v);
				else
					buf_json_str(b, v);
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

/* Is "table.column" a word of the space-separated list? */
static int
gdpr_listed(const char *list, const char *table, const char *column)
{
	size_t tl = strlen(table), cl = strlen(column);
	const char *p = list;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (strncmp(p, table, tl) == 0 && p[tl] == '.' &&
		    strncmp(p + tl + 1, column, cl) == 0 &&
		    (p[tl + 1 + cl] == ' ' || p[tl + 1 + cl] == '\0'))
			return 1;
		while (*p != ' ' && *p != '\0')
			p++;
	}
	return 0;
}

enum store_export_cover
store_member_export_covers(const char *table, const char *column)
{
	size_t i;

	for (i = 0; i < nitems(gdpr_sections); i++)
		if (gdpr_listed(gdpr_sections[i].covers, table, column))
			return STORE_EXPORT_COVERED;
	for (i = 0; i < nitems(gdpr_not_exported); i++)
		if (gdpr_listed(gdpr_not_exported[i], table, column))
			return STORE_EXPORT_LEFT_OUT;
	return STORE_EXPORT_FORGOTTEN;
}

size_t
store_member_export_sections(const char **keys, size_t max)
{
	size_t i;

	for (i = 0; i < nitems(gdpr_sections) && i < max; i++)
		keys[i] = gdpr_sections[i].key;
	return nitems(gdpr_sections);
}

/* --- Erasure ------------------------------------------------------------------ */

/* Bytes that belong to a word: a match must not start or end inside one. */
static int
gdpr_word_byte(int c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/*
 * If the text s (len bytes) holds at offset i a run of whole characters
 * whose fold is needle and which ends at a word boundary, the offset
 * just after it; else 0. The run grows one character at a time and
 * stops as soon as its fold is no prefix of needle.
 */
static size_t
gdpr_match(const char *s, size_t len, size_t i, const char *needle)
{
	size_t nl = strlen(needle), j = i, fl;
	char *part, *f;
	int ok;

	while (j < len) {
		j++;
		while (j < len && ((unsigned char)s[j] & 0xc0) == 0x80)
			j++;
		part = xstrndup(s + i, j - i);
		f = txt_fold(part);
		free(part);
		fl = strlen(f);
		if (fl >= nl) {
			ok = fl == nl && memcmp(f, needle, nl) == 0 &&
			    (j == len || !gdpr_word_byte(s[j]));
			free(f);
			return ok ? j : 0;
		}
		ok = memcmp(f, needle, fl) == 0;
		free(f);
		if (!ok)
			return 0;
	}
	return 0;
}

/* s with every needle replaced by the pseudonym, or NULL if none is in
 * it (the common case, decided on the fold of the whole text). */
static char *
gdpr_scrub(const struct gdpr_needles *nd, const char *s)
{
	struct buf b;
	size_t len = strlen(s), i, j, k;
	char *f;
	int any = 0;

	f = txt_fold(s);
	for (k = 0; k < nd->n && !any; k++)
		any = strstr(f, nd->fold[k]) != NULL;
	free(f);
	if (!any)
		return NULL;
	buf_init(&b);
	for (i = 0; i < len; ) {
		j = 0;
		if (i == 0 || !gdpr_word_byte(s[i - 1]))
			for (k = 0; k < nd->n && j == 0; k++)
				j = gdpr_match(s, len, i, nd->fold[k]);
		if (j != 0) {
			buf_adds(&b, nd->pseudo);
			i = j;
			continue;
		}
		j = i + 1;
		while (j < len && ((unsigned char)s[j] & 0xc0) == 0x80)
			j++;
		buf_add(&b, s + i, j - i);
		i = j;
	}
	buf_add(&b, "", 1);
	return buf_detach(&b);
}

/* SQL palabre_scrub(text): gdpr_scrub() for the UPDATEs of an erasure
 * (NULL: the text is left as it is). */
static char *
gdpr_scrub_sql(void *nd, const char *s)
{
	return gdpr_scrub(nd, s);
}

/* Keep the fold of v as a needle, longest first; too short to be told
 * from ordinary words (under 3 bytes folded), it is left. */
static void
gdpr_needle_add(struct gdpr_needles *nd, const char *v)
{
	char *f;
	size_t i;

	if (v == NULL || nd->n == GDPR_NEEDLES_MAX)
		return;
	f = txt_fold(v);
	if (strlen(f) < 3) {
		free(f);
		return;
	}
	for (i = 0; i < nd->n; i++)
		if (strcmp(nd->fold[i], f) == 0) {
			free(f);
			return;
		}
	for (i = nd->n; i > 0 && strlen(nd->fold[i - 1]) < strlen(f); i--)
		nd->fold[i] = nd->fold[i - 1];
	nd->fold[i] = f;
	nd->n++;
}

/* What identifies the member in a text: login, name, e-mail address,
 * the fingerprints and comments of their keys. */
static int
gdpr_needles_load(struct store *s, int64_t id, struct gdpr_needles *nd)
{
	static const char sql[] = "SELECT login FROM member WHERE id = ?1 "
	    "UNION ALL SELECT display_name FROM member WHERE id = ?1 "
	    "UNION ALL SELECT email FROM member_profile WHERE member_id = ?1 "
	    "UNION ALL SELECT fingerprint FROM member_key WHERE member_id = ?1 "
	    "UNION ALL SELECT comment FROM member_key WHERE member_id = ?1";
	struct store_stmt *st;
	int r;

	if ((st = store_prepare_id(s, sql, id)) == NULL)
		return -1;
	while ((r = store_step(s, st)) == STORE_STEP_ROW)
		gdpr_needle_add(nd, store_column_peek(st, 0));
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

static void
gdpr_needles_free(struct gdpr_needles *nd)
{
	size_t i;

	for (i = 0; i < nd->n; i++)
		free(nd->fold[i]);
	nd->n = 0;
}

/* Run one statement with ?1 the member, ?2 text (or NULL) and ?3, where
 * there is one, the time now. */
static int
gdpr_exec(struct store *s, const char *sql, int64_t id, const char *text,
    int64_t now)
{
	struct store_stmt *st;

	if ((st = store_prepare_id(s, sql, id)) == NULL)
		return -1;
	if ((text != NULL && store_bind_text(s, st, 2, text) != 0) ||
	    (store_bind_count(st) > 2 &&
	    store_bind_int64(s, st, 3, now) != 0)) {
		store_done(st);
		return -1;
	}
	return store_run(s, st);
}

/* Run one statement without parameters. */
static int
gdpr_run(struct store *s, const char *sql)
{
	struct store_stmt *st;

	if ((st = store_prepare(s, sql)) == NULL)
		return -1;
	return store_run(s, st);
}

/*
 * The records that name the member (author, contact, or a contact text
 * that holds them), gathered before the scrub into *l (free()), *n.
 */
static int
gdpr_records(struct store *s, int64_t id, int64_t **l, size_t *n)
{
	static const char sql[] = "SELECT id FROM practice WHERE "
	    "contact_id = ?1 OR author_id = ?1 OR "
	    "palabre_scrub(contact) IS DISTINCT FROM contact";
	struct store_stmt *st;
	int r;

	*l = NULL;
	*n = 0;
	if ((st = store_prepare_id(s, sql, id)) == NULL)
		return -1;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		*l = xreallocarray(*l, *n + 1, sizeof(**l));
		(*l)[(*n)++] = store_column_int64(st, 0);
	}
	store_done(st);
	return r == STORE_STEP_DONE ? 0 : -1;
}

/*
 * After the scrub, index those records again from their new texts, then
 * merge the index into one segment, which drops the old rows' terms for
 * good.
 */
static int
gdpr_reindex(struct store *s, const int64_t *l, size_t n)
{
	static const char merge[] = "INSERT INTO practice_fts (practice_fts) "
	    "VALUES ('optimize')";
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (store_practice_reindex(s, l[i]) != 0)
			return -1;
	return gdpr_run(s, merge);
}

/* One of the member's posts, as indexed. */
struct gdpr_post {
	int64_t	 id;
	int64_t	 thread_id;
	char	*body;
	char	*title;		/* the thread's, for an opening post */
	int	 indexed;	/* visible: in post_fts */
};

/*
 * What the member wrote in the forums stays, but not their login, name
 * or address in it (a signature): each post that holds one is written
 * again, with its post_fts row deleted from the very texts it was made
 * of and added from the new ones, then the index is merged so that no
 * old segment keeps the words. 0, or -1.
 */
static int
gdpr_own_posts(struct store *s, int64_t id, const struct gdpr_needles *nd)
{
	static const char sel[] = "SELECT p.id, p.thread_id, p.body, "
	    "CASE WHEN p.parent_id IS NULL THEN t.title END, "
	    "p.hidden_at IS NULL FROM post p JOIN thread t ON "
	    "t.id = p.thread_id WHERE p.author_id = ?1 ORDER BY p.id";
	static const char body[] = "UPDATE post SET body = ?2 WHERE id = ?1";
	static const char title[] = "UPDATE thread SET title = ?2 "
	    "WHERE id = ?1";
	static const char merge[] = "INSERT INTO post_fts (post_fts) "
	    "VALUES ('optimize')";
	struct gdpr_post *l = NULL, *p;
	struct store_stmt *st;
	char *nb, *nt;
	size_t n = 0, i;
	int r, merged = 0;

	if ((st = store_prepare_id(s, sel, id)) == NULL)
		return -1;
	while ((r = store_step(s, st)) == STORE_STEP_ROW) {
		l = xreallocarray(l, n + 1, sizeof(*l));
		p = &l[n++];
		p->id = store_column_int64(st, 0);
		p->thread_id = store_column_int64(st, 1);
		p->body = store_column_str(st, 2);
		p->title = store_column_null(st, 3) ? NULL :
		    store_column_str(st, 3);
		p->indexed = store_column_int(st, 4);
	}
	store_done(st);
	for (i = 0; i < n && r != -1; i++) {
		p = &l[i];
		nb = gdpr_scrub(nd, p->body);
		nt = p->title != NULL ? gdpr_scrub(nd, p->title) : NULL;
		if (nb == NULL && nt == NULL)
			continue;
		if (p->indexed && (store_fts_del(s, p->id, p->title,
		    p->body) != 0 || store_fts_add(s, p->id, nt != NULL ? nt :
		    p->title, nb != NULL ? nb : p->body) != 0))
			r = -1;
		if (r != -1 && nb != NULL && ((st = store_prepare(s,
		    body)) == NULL || store_bind_int64(s, st, 1, p->id) != 0 ||
		    store_bind_text(s, st, 2, nb) != 0 ||
		    store_run(s, st) != 0))
			r = -1;
		if (r != -1 && nt != NULL && ((st = store_prepare(s,
		    title)) == NULL || store_bind_int64(s, st, 1,
		    p->thread_id) != 0 || store_bind_text(s, st, 2, nt) != 0 ||
		    store_run(s, st) != 0))
			r = -1;
		merged |= p->indexed;
		free(nb);
		free(nt);
	}
	for (i = 0; i < n; i++) {
		free(l[i].body);
		free(l[i].title);
	}
	free(l);
	if (r == -1)
		return -1;
	if (merged && ((st = store_prepare(s, merge)) == NULL ||
	    store_run(s, st) != 0))
		return -1;
	return 0;
}

int
store_member_erase(struct store *s, int64_t member_id, int64_t by)
{
	static const char secure_on[] = "PRAGMA secure_delete = ON";
	static const char secure_off[] = "PRAGMA secure_delete = OFF";
	/* ?1 the member, ?2 the pseudonym. */
	static const char *const sqls[] = {
		"UPDATE audit_log SET target = ?2 WHERE target = "
		    "(SELECT login FROM member WHERE id = ?1)",
		"UPDATE audit_log SET target = palabre_scrub(target), "
		    "detail = palabre_scrub(detail) WHERE ?1 = ?1 AND ?2 = ?2 "
		    "AND (palabre_scrub(target) IS DISTINCT FROM target OR "
		    "palabre_scrub(detail) IS DISTINCT FROM detail)",
		"UPDATE practice SET contact = palabre_scrub(contact) "
		    "WHERE ?1 = ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(contact) IS DISTINCT FROM contact",
		"UPDATE practice SET contact_id = NULL WHERE contact_id = ?1 "
		    "AND ?2 = ?2",
		"UPDATE practice_version SET data = palabre_scrub(data) "
		    "WHERE ?1 = ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(data) IS DISTINCT FROM data",
		"UPDATE practice_draft SET data = palabre_scrub(data) "
		    "WHERE member_id <> ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(data) IS DISTINCT FROM data",
		"UPDATE event_draft SET fields = palabre_scrub(fields) "
		    "WHERE member_id <> ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(fields) IS DISTINCT FROM fields",
		"UPDATE draft SET recipients = palabre_scrub(recipients) "
		    "WHERE member_id <> ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(recipients) IS DISTINCT FROM recipients",
		"UPDATE edito SET byline = '' WHERE author_id = ?1 AND "
		    "?2 = ?2",
		"UPDATE edito SET byline = palabre_scrub(byline) "
		    "WHERE ?1 = ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(byline) IS DISTINCT FROM byline",
		"UPDATE board SET moderators = palabre_scrub(moderators) "
		    "WHERE ?1 = ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(moderators) IS DISTINCT FROM moderators",
		"UPDATE message SET body = palabre_scrub(body) WHERE "
		    "author_id = ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(body) IS DISTINCT FROM body",
		"UPDATE conversation SET subject = palabre_scrub(subject) "
		    "WHERE created_by = ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(subject) IS DISTINCT FROM subject",
		"UPDATE post_version SET body = palabre_scrub(body) WHERE "
		    "post_id IN (SELECT id FROM post WHERE author_id = ?1) AND "
		    "?2 = ?2 AND palabre_scrub(body) IS DISTINCT FROM body",
		"UPDATE report SET reason = palabre_scrub(reason) WHERE "
		    "reporter_id = ?1 AND ?2 = ?2 AND "
		    "palabre_scrub(reason) IS DISTINCT FROM reason",
		"DELETE FROM auth_penalty WHERE login = "
		    "(SELECT login FROM member WHERE id = ?1) AND ?2 = ?2",
		"UPDATE member SET login = ?2, display_name = "
		    "'ancien membre', name_fold = 'ancien membre', "
		    "organisation = '', password_hash = NULL, status = "
		    "'anonymise', updated_at = ?3 "
		    "WHERE id = ?1",
		"DELETE FROM member_key WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM member_pref WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM member_profile WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM draft WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM practice_draft WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM member_block WHERE (member_id = ?1 "
		    "OR blocked_id = ?1) AND ?2 = ?2",
		"DELETE FROM doc_pick WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM read_mark WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM read_thread WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM read_board WHERE member_id = ?1 AND ?2 = ?2",
		"UPDATE practice SET nfollowers = nfollowers - 1 WHERE id IN "
		    "(SELECT practice_id FROM practice_follow WHERE "
		    "member_id = ?1) AND ?2 = ?2",
		"DELETE FROM practice_follow WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM mail_pref WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM mail_confirm WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM mail_outbox WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM mail_sent WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM follow WHERE (member_id = ?1 OR (kind = 'membre' "
		    "AND target_id = ?1)) AND ?2 = ?2",
		"DELETE FROM mention WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM news_seen WHERE member_id = ?1 AND ?2 = ?2",
		"DELETE FROM notice WHERE member_id = ?1 AND ?2 = ?2",
	};
	struct gdpr_needles nd;
	struct store_member m;
	char id[32], pseudo[48];
	int64_t *recs = NULL;
	size_t i, nrecs = 0;
	int r;

	memset(&nd, 0, sizeof(nd));
	if ((r = store_member_by_id(s, member_id, &m)) != 0)
		return r;
	if (m.status == STATUS_ANONYMISE) {
		store_member_clear(&m);
		return 1;
	}
	store_member_clear(&m);
	snprintf(id, sizeof(id), "%lld", (long long)member_id);
	snprintf(pseudo, sizeof(pseudo), "anonyme-%lld",
	    (long long)member_id);
	nd.pseudo = pseudo;
	/* Freed pages are zeroed: what is removed is not left in the file. */
	if (gdpr_run(s, secure_on) != 0)
		return -1;
	r = -1;
	if (store_function(s, "palabre_scrub", gdpr_scrub_sql, &nd) != 0)
		goto off;
	if (store_begin(s) != 0)
		goto out;
	if (gdpr_needles_load(s, member_id, &nd) != 0 ||
	    gdpr_records(s, member_id, &recs, &nrecs) != 0 ||
	    gdpr_own_posts(s, member_id, &nd) != 0)
		goto fail;
	for (i = 0; i < nitems(sqls); i++)
		if (gdpr_exec(s, sqls[i], member_id, pseudo, now_sec()) != 0)
			goto fail;
	if (store_event_forget(s, member_id) != 0 ||
	    gdpr_reindex(s, recs, nrecs) != 0)
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
	free(recs);
	gdpr_needles_free(&nd);
	store_function(s, "palabre_scrub", NULL, NULL);
off:
	gdpr_run(s, secure_off);
	return r;
}
