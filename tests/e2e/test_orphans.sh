#!/bin/sh
# Sessions orphaned by a listener crash (issue 13 §3): after kill -9 of
# « palabre serve » its sessions keep running; the restarted listener
# adopts them from the registry in run_dir: they count in max_sessions,
# a SIGHUP reloads them, a SIGTERM ends them.
E2E_CONF_EXTRA="[limits]
max_sessions = 2"
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre et écoute sur 127.0.0.1:$E2E_PORT" e2e_start ||
    e2e_bail "serveur"

check "Camille se connecte" e2e_login a "$E2E_USER" "$E2E_PASS"
keys a Enter
check_screen a "$E2E_SITE › Accueil" "Camille est à l'accueil"
check "Karim se connecte" e2e_login b "$E2E_USER2" "$E2E_PASS2"
keys b Enter
check_screen b "$E2E_SITE › Accueil" "Karim est à l'accueil"
orphans=$(session_pids)
# Whatever happens below, the test ends them.
for p in $orphans; do
	bg_track "$p"
done
check "deux sessions, quatre processus (session et interface)" \
    test "$(echo "$orphans" | grep -c .)" -eq 4

# --- kill -9 of the listener ---------------------------------------------

old=$E2E_PID
kill -KILL "$old"
wait "$old" 2>/dev/null
E2E_PID=
all_alive() {
	local p
	for p in $orphans; do
		alive "$p" || return 1
	done
}
all_dead() {
	local p
	for p in $orphans; do
		dead "$p" || return 1
	done
}
check "kill -9 du serveur : les sessions continuent" all_alive
keys a q
check_screen a "Quitter Palabre" "kill -9 : la session de Camille répond encore"
keys a n
wait_gone a "Quitter Palabre" || true

check "le serveur redémarre" e2e_start || e2e_bail "redémarrage"
log_has() {
	grep -qF -e "$1" "$E2E_LOG"
}
check "le journal dit que les deux sessions sont reprises" \
    log_has "2 session(s) ouverte(s) avant ce démarrage reprise(s)"

# --- They count in max_sessions (2) --------------------------------------

e2e_ssh c "$E2E_USER"
check "max_sessions = 2 : une troisième connexion est refusée" wait_dead c 10
check_no_screen c "Mot de passe" "max_sessions : aucune invite de mot de passe"
check "le journal dit pourquoi" log_has "nombre maximal de sessions atteint"

# --- SIGHUP reaches them -------------------------------------------------

sed "s|^name = .*|name = Réseau après la panne|" "$E2E_CONF" \
    >"$E2E_DIR/new.conf" && cat "$E2E_DIR/new.conf" >"$E2E_CONF"
kill -HUP "$E2E_PID"
check_screen a "Réseau après la panne › Accueil" \
    "SIGHUP : la session reprise de Camille relit la configuration"
check_screen b "Réseau après la panne › Accueil" \
    "SIGHUP : celle de Karim aussi"
check "le journal compte deux sessions prévenues" \
    wait_until 5 log_has "2 session(s) prévenue(s)"

# --- SIGTERM ends them ---------------------------------------------------

e2e_stop
check "SIGTERM : le serveur sort avec le statut 0" test "$E2E_STOP_RC" -eq 0
check "SIGTERM : les sessions reprises se terminent" wait_until 6 all_dead
check_screen a "Le serveur s'arrête" "SIGTERM : Camille lit pourquoi"
check "SIGTERM : les clients ssh se sont terminés" \
    eval 'wait_dead a 5 && wait_dead b 5'
check "le registre est vide" \
    eval '[ -z "$(ls "$E2E_DIR/run/sessions")" ]'

e2e_finish
