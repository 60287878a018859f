#!/bin/sh
# palabre.conf and the boards' files edited under a running server, with
# and without SIGHUP (issue 13 §1, §6): logins keep working on the last
# valid configuration. A broken line appended to palabre.conf, without
# then with SIGHUP; a valid change of « database = » without SIGHUP
# (new sessions stay on the listener's database); a broken board file
# without then with SIGHUP (the boards stay as they were).
. "$(dirname "$0")/lib.sh"

e2e_setup
fault_board faute
check "base de test créée" e2e_db || e2e_bail "base"
palabre admin board sync >/dev/null 2>&1
check "le serveur démarre" e2e_start || e2e_bail "serveur"
cp "$E2E_CONF" "$E2E_DIR/palabre.conf.bon"

n=0
# login_works DESC: a new member session reaches the home screen.
login_works() {
	n=$((n + 1))
	check "$1" e2e_login "l$n" "$E2E_USER" "$E2E_PASS"
	keys "l$n" Enter
	check_screen "l$n" "Accueil" "$1 : l'accueil s'affiche"
	tm kill-session -t "=l$n" 2>/dev/null
}
# log_has TEXT: the server's log says TEXT (after the mark).
log_has() {
	tail -n +"$mark" "$E2E_LOG" | grep -qF -e "$1"
}

login_works "configuration valide : connexion"
check "une session reste ouverte pendant les changements" \
    e2e_login ouverte "$E2E_USER2" "$E2E_PASS2"

# --- palabre.conf broken -----------------------------------------------------

printf 'cette ligne est cassée\n' >>"$E2E_CONF"
login_works "palabre.conf cassé, sans SIGHUP : connexion"
mark=$(($(wc -l <"$E2E_LOG") + 1))
kill -HUP "$E2E_PID"
check "SIGHUP, palabre.conf cassé : le journal dit que l'ancienne reste" \
    wait_until 5 log_has "l'ancienne reste en vigueur"
login_works "palabre.conf cassé, après SIGHUP : connexion"
keys ouverte Enter
check_screen ouverte "Accueil" "la session ouverte répond toujours"
cp "$E2E_DIR/palabre.conf.bon" "$E2E_CONF"

# --- « database = » changed without SIGHUP ----------------------------------

sed -i 's/^database = .*/database = autre.db/' "$E2E_CONF"
login_works "« database » changé sans SIGHUP : connexion"
check "« database » changé sans SIGHUP : l'autre base n'est pas ouverte" \
    test ! -e "$E2E_DIR/autre.db"
cp "$E2E_DIR/palabre.conf.bon" "$E2E_CONF"

# --- A board file broken ------------------------------------------------------------

printf 'read = personne\n' >>"$E2E_DIR/boards.d/faute.conf"
login_works "tableau cassé, sans SIGHUP : connexion"
mark=$(($(wc -l <"$E2E_LOG") + 1))
kill -HUP "$E2E_PID"
check "SIGHUP, tableau cassé : le journal le dit" \
    wait_until 5 log_has "tableaux invalides"
login_works "tableau cassé, après SIGHUP : connexion"
check "tableau cassé : le forum reste ouvert" \
    test "$(sql "SELECT COUNT(*) FROM board WHERE key = 'faute' AND archived_at IS NULL")" = 1
check "le serveur tourne toujours" alive "$E2E_PID"
e2e_finish
