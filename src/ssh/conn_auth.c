/*
 * conn_auth.c - who is at the other end: password, public key and
 * keyboard-interactive authentication, with the limits of DESIGN.md.
 *
 * - Every failure counts toward max_auth_tries (a wrong password, a key
 *   that belongs to no one or to someone else, a second "none", a failed
 *   keyboard-interactive answer); at the limit the connection is dropped.
 *   Each failure is reported to the listener (per-source penalties).
 * - Password failures also count per account name, in the store, and lock
 *   the name for a while (doubling, capped): members behind one shared NAT
 *   are not locked out by someone else's guessing, and a guesser spread
 *   over many addresses is still slowed down.
 * - Unknown logins cost the same argon2id as real ones (a dummy hash), so
 *   timing does not tell who exists.
 * - A database that fails during the lookup (the login, its key, its
 *   penalty) is nobody's failure: the member is told that the service is
 *   unavailable (the disconnect message), the sysop's log says why, and
 *   nothing is counted toward max_auth_tries nor the per-source penalty.
 * - At most password_hashes argon2id runs at once across all sessions
 *   and interfaces (64 MiB each): the slots of util/passwd.c.
 * - The identity is the login of the successful request, and only members
 *   with status « actif » get in (« en attente »: to read that they wait).
 * - Two logins are no members: « nouveau » opens the sign-up and
 *   « invite » a read-only visit. They need no secret ("none", or any
 *   password or keyboard-interactive answer, for clients that cannot do
 *   "none"); the listener then admits them only when [signup] allows it
 *   and within their own caps (per address, a share of max_sessions),
 *   and members within a cap of sessions per account: a refused session
 *   tells its client why and ends before the interface starts. The
 *   connection limits (max_startups, max_sessions, the grace time,
 *   penalties) apply to them as to everybody, and what they may do is
 *   decided by the interface (ui_main): fill in the form, or read.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "config.h"
#include "ssh/conn_auth.h"
#include "ssh/conn_private.h"
#include "store/store.h"
#include "text/txt.h"
#include "util/passwd.h"
#include "util/util.h"

static void	 auth_report(struct conn_auth *, char);
static void	 auth_fail(struct conn_auth *, const char *, const char *);
static void	 auth_success(struct conn_auth *, const char *, const char *);
static struct store *auth_store(struct conn_auth *);
static void	 auth_unavailable(struct conn_auth *, const char *,
		    const char *);
static int	 auth_check_password(struct conn_auth *, const char *,
		    const char *);
static int	 auth_member(struct conn_auth *, const char *,
		    struct store_member *);
static const char *auth_open_door(struct conn_auth *, const char *);

/*
 * The way in without a secret, if login is one: NULL or what to log.
 * Whether it is open is the listener's to say (conn_auth_admitted), with
 * its settings as reloaded by SIGHUP: a closed door is then told to the
 * client in French instead of a password prompt nobody can answer.
 */
static const char *
auth_open_door(struct conn_auth *a, const char *login)
{
	if (login == NULL)
		return NULL;
	if (strcmp(login, CONFIG_SIGNUP_LOGIN) == 0)
		return "inscription";
	if (strcmp(login, CONFIG_GUEST_LOGIN) == 0)
		return "visite";
	return NULL;
}

void
conn_auth_init(struct conn_auth *a, struct config *cfg, int report_fd,
    int64_t deadline)
{
	void *owner = a->owner;

	memset(a, 0, sizeof(*a));
	a->owner = owner;
	a->cfg = cfg;
	a->report_fd = report_fd;
	a->deadline = deadline;
}

void
conn_auth_clear(struct conn_auth *a)
{
	store_free(a->store);
	a->store = NULL;
}

/* One byte to the listener; a full or closed pipe is not our problem. */
static void
auth_report(struct conn_auth *a, char what)
{
	if (a->report_fd != -1 && write(a->report_fd, &what, 1) != 1)
		a->report_fd = -1;	/* the listener is gone */
}

/* The store, opened on first use (after the fork, as it must be). */
static struct store *
auth_store(struct conn_auth *a)
{
	char *cause = NULL;

	if (a->store == NULL) {
		a->store = store_open(config_store(a->cfg), 0, &cause);
		if (a->store == NULL) {
			/* Nobody can log in: say so to the sysop, and end the
			 * connection rather than ask for passwords in vain. */
			log_error("%s", cause);
			free(cause);
			auth_unavailable(a, "", "base de données impossible à "
			    "ouvrir");
		}
	}
	return a->store;
}

/*
 * The database failed while looking up login: not the client's failure
 * (neither max_auth_tries nor the listener's penalty count it). The
 * connection ends with conn_auth_goodbye()'s message; the log says
 * why (the store logged the SQL error itself).
 */
static void
auth_unavailable(struct conn_auth *a, const char *login, const char *why)
{
	char esc[128];

	if (a->unavailable)
		return;
	a->unavailable = 1;
	a->disconnect = 1;
	log_error("authentification impossible pour « %s » : %s ; "
	    "connexion coupée (service indisponible)",
	    log_escape(esc, sizeof(esc), login), why);
}

/* Why a database failed, for the log. */
static const char *
auth_fault(struct conn_auth *a)
{
	return a->store != NULL ? store_fault_label(store_fault(a->store)) :
	    "erreur de la base";
}

/* Count a failure; at the limit, drop the connection. */
static void
auth_fail(struct conn_auth *a, const char *login, const char *why)
{
	char esc[128];

	a->failures++;
	auth_report(a, CONN_REPORT_FAIL);
	log_info("échec d'authentification %d/%d pour « %s » : %s",
	    a->failures, a->cfg->max_auth_tries,
	    log_escape(esc, sizeof(esc), login), why);
	if (a->failures >= a->cfg->max_auth_tries) {
		log_info("trop d'échecs : connexion coupée");
		a->disconnect = 1;
	}
}

/* Authenticated: say who to the listener, which counts sessions and
 * answers (conn_auth_admitted). */
static void
auth_success(struct conn_auth *a, const char *login, const char *method)
{
	char msg[1 + sizeof(a->member_login)];
	size_t len;

	snprintf(a->member_login, sizeof(a->member_login), "%s", login);
	a->authenticated = 1;
	len = (size_t)snprintf(msg, sizeof(msg), "%c%s", CONN_REPORT_AUTH,
	    a->member_login);
	if (a->report_fd != -1 && write(a->report_fd, msg, len) !=
	    (ssize_t)len)
		a->report_fd = -1;
	log_info("« %s » authentifié par %s", login, method);
}

const char *
conn_auth_admitted(struct conn_auth *a)
{
	struct pollfd p = { a->report_fd, POLLIN, 0 };
	int64_t left;
	char verdict;
	int rc;

	if (a->report_fd == -1)
		return NULL;	/* no listener (it is gone): nothing counts */
	for (;;) {
		left = a->deadline - mono_ms();
		rc = poll(&p, 1, left > 0 ? (int)left : 0);
		if (rc > 0)
			break;
		if (rc == -1 && errno == EINTR)
			continue;
		return "Le serveur est trop chargé : réessayez dans un "
		    "moment.";
	}
	if (read(a->report_fd, &verdict, 1) != 1)
		return NULL;
	/* The listener closes its end after the verdict: nothing more is
	 * reported. */
	close(a->report_fd);
	a->report_fd = -1;
	switch (verdict) {
	case CONN_VERDICT_OK:
		return NULL;
	case CONN_VERDICT_CLOSED:
		return strcmp(a->member_login, CONFIG_GUEST_LOGIN) == 0 ?
		    "Les visites sans compte sont fermées." :
		    "Les inscriptions sont fermées.";
	case CONN_VERDICT_SOURCE:
		return "Trop de sessions sans mot de passe depuis votre "
		    "adresse : réessayez quand l'une d'elles sera fermée.";
	case CONN_VERDICT_FULL:
		return "Trop de visites et d'inscriptions en cours : "
		    "réessayez dans un moment.";
	case CONN_VERDICT_MEMBER:
		return "Trop de sessions ouvertes à votre nom : fermez-en "
		    "une avant d'en ouvrir une autre.";
	}
	return "Connexion refusée.";
}

const char *
conn_auth_goodbye(const struct conn_auth *a)
{
	if (a->unavailable)
		return "Le service est indisponible pour le moment. Revenez "
		    "dans quelques minutes.";
	return "Trop de tentatives incorrectes.";
}

void
conn_auth_kex_done(struct conn_auth *a)
{
	auth_report(a, CONN_REPORT_KEX);
}

/* Look up a member who may log in: 0 found, 1 not (or not active nor
 * waiting for approval), -1 the database failed (auth_unavailable). */
static int
auth_member(struct conn_auth *a, const char *login, struct store_member *m)
{
	struct store *st;
	int rc;

	memset(m, 0, sizeof(*m));
	if (!txt_login_valid(login))
		return 1;
	if ((st = auth_store(a)) == NULL)
		return -1;
	if ((rc = store_member_by_login(st, login, m)) != STORE_OK) {
		if (rc == STORE_NOT_FOUND)
			return 1;
		auth_unavailable(a, login, auth_fault(a));
		return -1;
	}
	/* A member waiting for approval may log in only to be told so by
	 * the interface, which then ends the session. */
	if (m->status != STATUS_ACTIF && m->status != STATUS_EN_ATTENTE) {
		store_member_clear(m);
		return 1;
	}
	return 0;
}

/*
 * Check a password for login: 1 good, 0 not (a failure, counted), -1 the
 * server was too busy to check or the database failed (not counted;
 * a->unavailable tells which). Every answer from the database costs one
 * argon2id, whatever it is (unknown login, locked account, password too
 * long), so the time taken tells nothing.
 */
static int
auth_check_password(struct conn_auth *a, const char *login,
    const char *password)
{
	struct store_penalty_policy policy;
	struct store_member m;
	struct store *st;
	size_t len = strlen(password);
	int64_t until;
	int found, locked = 0, ok = 0, rc;

	if ((rc = auth_member(a, login, &m)) == -1)
		return -1;
	found = rc == 0 && m.password_hash != NULL && len <= PW_MAX_LEN;
	st = auth_store(a);
	if (found && st != NULL &&
	    (locked = store_penalty_check(st, login, now_sec(), &until)) ==
	    -1) {
		store_member_clear(&m);
		auth_unavailable(a, login, auth_fault(a));
		return -1;
	}
	/* Our own deadline for the slot: the login's. */
	if (pw_slot_take(a->deadline) == -1) {
		/* Not the member's fault: refuse, but do not count it. */
		store_member_clear(&m);
		log_info("vérification de mot de passe abandonnée : serveur "
		    "trop chargé");
		return -1;
	}
	if (found && !locked) {
		rc = pw_verify(m.password_hash, password, len);
		ok = rc == 1;
	} else
		pw_verify_dummy(password, len);
	pw_slot_give();

	if (ok) {
		if (st != NULL)
			store_penalty_clear(st, login);
		store_member_clear(&m);
		return 1;
	}
	/* Only real accounts get a penalty row: unknown names would grow
	 * the table without bound. */
	if (found && st != NULL && !locked) {
		policy.limit = a->cfg->account_failures;
		policy.window = a->cfg->account_window;
		policy.lock = a->cfg->account_lock;
		store_penalty_fail(st, login, now_sec(), &policy);
	}
	store_member_clear(&m);
	auth_fail(a, login, locked ? "compte verrouillé après trop d'échecs"
	    : "mot de passe incorrect ou compte inconnu");
	return 0;
}

void
conn_auth_timeout(struct conn_auth *a)
{
	/* Holding a connection open without logging in counts too. */
	auth_report(a, CONN_REPORT_FAIL);
}

/* A request after the database failed: end the connection now. */
static int
auth_again(struct conn_auth *a)
{
	if (a->unavailable)
		a->disconnect = 1;
	return a->authenticated || a->disconnect;
}

int
conn_auth_password(ssh_session session, const char *user,
    const char *password, void *arg)
{
	struct conn_auth *a = arg;
	const char *door;

	if (auth_again(a))
		return SSH_AUTH_DENIED;
	if ((door = auth_open_door(a, user)) != NULL) {
		auth_success(a, user, door);
		return SSH_AUTH_SUCCESS;
	}
	if (auth_check_password(a, user, password) == 1) {
		auth_success(a, user, "mot de passe");
		return SSH_AUTH_SUCCESS;
	}
	return SSH_AUTH_DENIED;
}

int
conn_key_describe(ssh_key key, char **algo, char **blob, char **fp)
{
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *b64 = NULL, *f;
	const char *type;

	*algo = *blob = *fp = NULL;
	type = ssh_key_type_to_char(ssh_key_type(key));
	if (type == NULL || ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		return -1;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != SSH_OK) {
		ssh_string_free_char(b64);
		return -1;
	}
	f = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	ssh_clean_pubkey_hash(&hash);
	if (f == NULL) {
		ssh_string_free_char(b64);
		return -1;
	}
	*algo = xstrdup(type);
	*blob = xstrdup(b64);
	*fp = xstrdup(f);
	ssh_string_free_char(b64);
	ssh_string_free_char(f);
	return 0;
}

int
conn_auth_pubkey(ssh_session session, const char *user,
    struct ssh_key_struct *pubkey, char state, void *arg)
{
	struct conn_auth *a = arg;
	struct store_member m;
	struct store *st;
	char *algo, *blob, *fp;
	int64_t owner = 0;
	int ok = 0, rc;

	if (auth_again(a))
		return SSH_AUTH_DENIED;
	if (state == SSH_PUBLICKEY_STATE_WRONG ||
	    state == SSH_PUBLICKEY_STATE_ERROR) {
		auth_fail(a, user, "signature invalide");
		return SSH_AUTH_DENIED;
	}
	if (conn_key_describe(pubkey, &algo, &blob, &fp) == -1) {
		auth_fail(a, user, "clé illisible");
		return SSH_AUTH_DENIED;
	}
	if (auth_member(a, user, &m) == 0 && (st = auth_store(a)) != NULL) {
		rc = store_key_owner(st, algo, blob, &owner);
		if (rc == STORE_OK && owner == m.id)
			ok = 1;
		else if (rc != STORE_OK && rc != STORE_NOT_FOUND)
			auth_unavailable(a, user, auth_fault(a));
	}
	if (ok && state == SSH_PUBLICKEY_STATE_VALID) {
		store_key_touch(st, algo, blob, now_sec());
		auth_success(a, user, fp);
	} else if (!ok && !a->unavailable)
		auth_fail(a, user, "clé publique inconnue pour ce compte");
	/* libssh answers this request with a failure whatever we do, and
	 * a disconnect right behind it is lost: the client, told to try
	 * something else, writes to a closed socket. Its next request ends
	 * the connection instead (auth_again), unanswered. */
	if (a->unavailable)
		a->disconnect = 0;
	store_member_clear(&m);
	free(algo);
	free(blob);
	free(fp);
	/* For a probe (STATE_NONE), success means "this key would do". */
	return ok ? SSH_AUTH_SUCCESS : SSH_AUTH_DENIED;
}

int
conn_auth_none(ssh_session session, const char *user, void *arg)
{
	struct conn_auth *a = arg;
	const char *door;

	if (auth_again(a))
		return SSH_AUTH_DENIED;
	if ((door = auth_open_door(a, user)) != NULL) {
		auth_success(a, user, door);
		return SSH_AUTH_SUCCESS;
	}
	/* Clients start with "none" to learn the methods: the first one is
	 * free, as in OpenSSH; repeats count. */
	if (a->nones++ > 0)
		auth_fail(a, user, "méthode « none » répétée");
	return SSH_AUTH_DENIED;
}

/*
 * Keyboard-interactive: one prompt, « Mot de passe : ». A wrong answer
 * is not a failure of the method for the client: we ask again, with the
 * instruction « Mot de passe incorrect. », within the same request. The
 * OpenSSH client counts its keyboard-interactive requests
 * (NumberOfPasswordPrompts, 3) and would then fall back to its English
 * « password: » prompt; our own count (max_auth_tries) ends it instead.
 * Name and instruction stay ASCII: OpenSSH prints them through its log,
 * which escapes every other byte (and hides them under LogLevel ERROR:
 * the prompt comes back all the same).
 */
int
conn_auth_message(ssh_session session, ssh_message msg, void *arg)
{
	struct conn_auth *a = arg;
	const char *prompts[] = { "Mot de passe : " };
	char echo[] = { 0 };
	const char *user, *answer;
	int rc;

	if (ssh_message_type(msg) != SSH_REQUEST_AUTH ||
	    ssh_message_subtype(msg) != SSH_AUTH_METHOD_INTERACTIVE)
		return 1;	/* libssh's default reply: refused */
	if (a->unavailable) {
		/* Unanswered: the client waits, and reads the disconnect. */
		a->disconnect = 1;
		return 0;
	}
	if (a->authenticated || a->disconnect)
		return 1;
	if (!ssh_message_auth_kbdint_is_response(msg)) {
		user = ssh_message_auth_user(msg);
		if (user == NULL || strlen(user) >= sizeof(a->kbd_login)) {
			auth_fail(a, user != NULL ? user : "",
			    "identifiant trop long");
			ssh_message_reply_default(msg);
			return 0;
		}
		snprintf(a->kbd_login, sizeof(a->kbd_login), "%s", user);
		ssh_message_auth_interactive_request(msg, "", "", 1, prompts,
		    echo);
		return 0;
	}
	if (ssh_userauth_kbdint_getnanswers(session) != 1 ||
	    (answer = ssh_userauth_kbdint_getanswer(session, 0)) == NULL) {
		auth_fail(a, a->kbd_login, "réponse interactive invalide");
		ssh_message_reply_default(msg);
		return 0;
	}
	if (auth_open_door(a, a->kbd_login) != NULL) {
		auth_success(a, a->kbd_login, auth_open_door(a, a->kbd_login));
		ssh_message_auth_reply_success(msg, 0);
		return 0;
	}
	rc = auth_check_password(a, a->kbd_login, answer);
	if (rc == 1) {
		auth_success(a, a->kbd_login, "clavier interactif");
		ssh_message_auth_reply_success(msg, 0);
	} else if (a->disconnect) {
		/* The last try: no reply (a failure would send the client
		 * on to another method); the session disconnects. */
	} else
		ssh_message_auth_interactive_request(msg, "", rc == 0 ?
		    "Mot de passe incorrect." : "Trop de demandes en cours : "
		    "patientez puis recommencez.", 1, prompts, echo);
	return 0;
}
