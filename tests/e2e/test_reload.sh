#!/bin/sh
# One configuration per server (issue 13 §1 and the listener's half of
# §4): the listener is the only reader of palabre.conf; sessions and their
# interfaces get what it validated last. An edit without SIGHUP changes
# nothing, an invalid one changes nothing even after SIGHUP, a valid one
# takes effect on SIGHUP for new and open sessions alike. And a SIGHUP
# while another process holds the database's write lock never stops the
# listener from accepting connections, nor does a reload kill a session
# that has just been forked.
E2E_CONF_EXTRA="[signup]
charter = charte.txt"
. "$(dirname "$0")/lib.sh"

e2e_setup
printf 'Charte du réseau : respect et bienveillance.\n' >"$E2E_DIR/charte.txt"
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre et écoute sur 127.0.0.1:$E2E_PORT" e2e_start ||
    e2e_bail "serveur"

# login_quit NAME: a new session up to Accueil, then quit it.
login_home() {
	e2e_login "$1" "$E2E_USER" "$E2E_PASS" || return 1
	keys "$1" Enter
	wait_for "$1" "› Accueil"
}

# hup_logged TEXT: after a SIGHUP, the log says TEXT (waits).
log_has() {
	grep -qF -e "$1" "$E2E_LOG"
}

# The member who stays connected through every edit below.
check "une session reste ouverte pendant les modifications" login_home open
cp "$E2E_CONF" "$E2E_DIR/valide.conf"

# --- A broken line, without SIGHUP ---------------------------------------

printf 'cette ligne est cassée\n' >>"$E2E_CONF"
check "ligne cassée sans SIGHUP : une nouvelle connexion aboutit" \
    login_home b1
check_no_screen b1 "ligne sans" "ligne cassée : pas d'erreur du parseur chez le membre"
keys b1 Q
keys b1 o
wait_dead b1

# --- The same, after SIGHUP ----------------------------------------------

kill -HUP "$E2E_PID"
check "SIGHUP sur un fichier invalide : le journal le dit" \
    wait_until 5 log_has "configuration invalide, l'ancienne reste en vigueur"
check "après ce SIGHUP : une nouvelle connexion aboutit toujours" \
    login_home b2
keys b2 Q
keys b2 o
wait_dead b2

# --- The charter removed, without SIGHUP ---------------------------------

mv "$E2E_DIR/charte.txt" "$E2E_DIR/charte.old"
check "charte supprimée sans SIGHUP : une nouvelle connexion aboutit" \
    login_home c1
keys c1 Q
keys c1 o
wait_dead c1
mv "$E2E_DIR/charte.old" "$E2E_DIR/charte.txt"

# --- Another database, without SIGHUP ------------------------------------

sed "s|^database = .*|database = autre.db|" "$E2E_DIR/valide.conf" \
    >"$E2E_CONF"
check "« database » changée sans SIGHUP : la connexion aboutit sur la première base" \
    login_home d1
check "aucune session n'a ouvert la nouvelle base" \
    test ! -e "$E2E_DIR/autre.db"
keys d1 Q
keys d1 o
wait_dead d1
kill -HUP "$E2E_PID"
check "« database » changée puis SIGHUP : le journal dit qu'elle attend un redémarrage" \
    wait_until 5 log_has "« database » changée"
check "après ce SIGHUP : la connexion aboutit toujours sur la première base" \
    login_home d2
check "et la nouvelle base n'est toujours pas ouverte" \
    test ! -e "$E2E_DIR/autre.db"
keys d2 Q
keys d2 o
wait_dead d2

# --- A valid edit: nothing before SIGHUP, everything after ----------------

new_site="Réseau rechargé à chaud"
sed "s|^name = .*|name = $new_site|" "$E2E_DIR/valide.conf" >"$E2E_CONF"
check "nom du site changé sans SIGHUP : une nouvelle session garde l'ancien" \
    login_home n1
check_no_screen n1 "$new_site" "sans SIGHUP : le nouveau nom n'apparaît pas"
keys n1 Q
keys n1 o
wait_dead n1
kill -HUP "$E2E_PID"
check_screen open "$new_site › Accueil" \
    "après SIGHUP : la session restée ouverte montre le nouveau nom"
check "après SIGHUP : une nouvelle session montre le nouveau nom" \
    login_home n2
check_screen n2 "$new_site › Accueil" "le nouveau nom dans la barre de titre"
keys n2 Q
keys n2 o
wait_dead n2

# --- Connections arriving during reloads ----------------------------------

# Each reload ends with SIGUSR1 to every session process, the one forked a
# moment ago included: born with the signal unblocked, it died of it
# before its banner (10 connections in 300; ssh exited 255 right after a
# SIGHUP). 200 connections under a SIGHUP every 20 ms.
storm() {
	timeout -k 5 120 python3 "$E2E_ROOT/tests/e2e/hup_storm.py" \
	    --port "$E2E_PORT" --pid "$E2E_PID" --conns 200 --deadline 100
}
check "SIGHUP toutes les 20 ms : chacune de 200 connexions reçoit la bannière" \
    storm
check "aucune session tuée par un signal" \
    sh -c "! grep -F 'tuée par le signal' '$E2E_LOG'"
check "le serveur écoute toujours" e2e_listening
check "après l'orage : une nouvelle session aboutit" login_home s1
keys s1 Q
keys s1 o
wait_dead s1

# --- SIGHUP while another process holds the write lock (§4) --------------

# sqlite3 holds BEGIN IMMEDIATE for 10 s; the boards' child waits for the
# lock (busy_timeout), the listener must not.
(
	printf 'BEGIN IMMEDIATE;\nUPDATE member SET name = name WHERE 0;\n'
	sleep 10
	printf 'COMMIT;\n'
) | sqlite3 "$E2E_DB" >/dev/null 2>&1 &
lock_pid=$!
bg_track "$lock_pid"
sleep 0.5
kill -HUP "$E2E_PID"
sleep 0.2
t0=$(date +%s%N)
e2e_ssh w "$E2E_USER"
wait_for w "Mot de passe" 10
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
echo "# verrou d'écriture tenu, SIGHUP : invite de mot de passe en $ms ms"
check "verrou tenu + SIGHUP : le serveur accepte la connexion en moins de 2 s" \
    test "$ms" -lt 2000
type_text w "$E2E_PASS"
keys w Enter
check_screen w "Bonjour" "verrou tenu : la connexion aboutit" 15
wait "$lock_pid" 2>/dev/null
check "le verrou relâché, le SIGHUP est mené à son terme" \
    wait_until 10 log_has "session(s) prévenue(s)"

e2e_finish
