#!/bin/sh
# A database error is said as one, never as « there is none » (issue 14
# item 12): a table the program reads goes missing under it (renamed
# with sqlite3, as a broken or half-restored file would be), and what
# was told « aucun membre », « aucune journée », « Aucun édito n'est
# publié » or « Aucune conversation » or « tout est lu » now says that the database did not answer.
# Both « palabre admin » and the screens, with the real ssh client. And
# a refusal (a reply to a conversation one has left) is not told as a
# database error.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"

DBERR="La base de données n'a pas répondu"

# hide TABLE / show TABLE: the table goes missing, then comes back.
hide() {
	sqlite3 "$E2E_DB" "ALTER TABLE $1 RENAME TO ${1}_cache"
}
show() {
	sqlite3 "$E2E_DB" "ALTER TABLE ${1}_cache RENAME TO $1"
}
# says_err WHAT CMD...: CMD fails and its stderr says the database error
# and not WHAT.
says_err() {
	local what=$1 err=$E2E_DIR/err
	shift
	"$@" </dev/null >/dev/null 2>"$err" && return 1
	grep -qF "$DBERR" "$err" && ! grep -qF "$what" "$err"
}

# --- palabre admin ---------------------------------------------------------------

check "la table des membres disparaît" hide member
check "user set-password : l'erreur de la base, pas « aucun membre »" \
    says_err "aucun membre" palabre admin user set-password "$E2E_USER"
check "user export : l'erreur de la base, pas « aucun membre »" \
    says_err "aucun membre" palabre admin user export "$E2E_USER"
check "la table des membres revient" show member
check "user set-password : un membre inconnu reste « aucun membre »" \
    sh -c "'$PALABRE_BIN' -c '$E2E_CONF' admin user set-password personne \
    </dev/null 2>&1 | grep -qF 'aucun membre'"

check "la table des journées disparaît" hide event
check "event cancel : l'erreur de la base, pas « aucune journée »" \
    says_err "aucune journée" palabre admin event cancel 1
check "la table des journées revient" show event
check "event cancel : une journée inconnue reste « aucune journée »" \
    sh -c "'$PALABRE_BIN' -c '$E2E_CONF' admin event cancel 1 2>&1 |
    grep -qF 'aucune journée'"

# --- The screens ------------------------------------------------------------------

check "le serveur démarre" e2e_start || e2e_bail "serveur"
check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check "l'accueil propose l'édito" wait_for c "L'édito"

check "la table des éditos disparaît" hide edito
check "l'édito s'ouvre" open_entry c "L'édito"
check "édito : l'erreur de la base" wait_for c "$DBERR"
check_no_screen c "Aucun édito" "édito : pas « Aucun édito n'est publié »"
check "la table des éditos revient" show edito

check "la table des conversations disparaît" hide conversation_member
check "la messagerie s'ouvre" open_entry c "Messagerie"
check "messagerie : l'erreur de la base" wait_for c "$DBERR"
check_no_screen c "Aucune conversation" \
    "messagerie : pas « Aucune conversation »"
keys c q
check "retour à l'accueil" wait_for c "L'édito"
check "accueil : la messagerie dit l'erreur" wait_for c "$DBERR"
check_no_screen c "tout est lu" "accueil : pas « tout est lu »"
check "la table des conversations revient" show conversation_member
check "la messagerie s'ouvre de nouveau" open_entry c "Messagerie"
check "messagerie : la liste vide dit « Aucune conversation »" \
    wait_for c "Aucune conversation"

# The other way round: a refusal is not a database error. Camille
# answers Karim's message after she left the conversation (her
# membership row removed): the message she answers is no longer hers
# (it was told « n'a pas pu être enregistré (erreur de la base) »).
SUBJECT="Atelier du 12"
check "Karim écrit à Camille (palabre admin)" sh -c "printf 'Bonjour Camille.\\n' |
    '$PALABRE_BIN' -c '$E2E_CONF' admin message send --from '$E2E_USER2' \
    --to '$E2E_USER' --subject '$SUBJECT' >/dev/null"
keys c q
check "retour à l'accueil (2)" wait_for c "L'édito"
check "la messagerie s'ouvre (2)" open_entry c "Messagerie"
check "la conversation est là" wait_for c "$SUBJECT"
keys c Enter
check "Camille lit le message" wait_for c "Bonjour Camille."
keys c r
check "r ouvre la réponse" wait_for c "> Bonjour Camille."
type_text c "Merci, à bientôt."
check "Camille quitte la conversation (sqlite3)" sqlite3 "$E2E_DB" \
    "DELETE FROM conversation_member WHERE member_id =
    (SELECT id FROM member WHERE login = '$E2E_USER')"
keys c C-x
check "réponse refusée : introuvable, texte gardé" \
    wait_for c "Introuvable"
check_no_screen c "erreur de la base" \
    "réponse refusée : pas « erreur de la base »"

e2e_finish
