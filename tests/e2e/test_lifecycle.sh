#!/bin/sh
# The life of sessions and of the server: quitting, a client that dies, a
# client that says nothing, too many wrong passwords, a bad configuration
# file, and stopping the server with a session open.
E2E_GRACE=6	# login_grace_time
# kex_grace_time: a silent client is cut this soon, before the grace time.
E2E_KEX=3
E2E_CONF_EXTRA="[limits]
kex_grace_time = $E2E_KEX"
. "$(dirname "$0")/lib.sh"

e2e_setup

# --- check-config on a file with mistakes --------------------------------

bad=$E2E_DIR/mauvais.conf
cat >"$bad" <<'EOF'
; Palabre : fichier volontairement faux (lignes 4, 6 et 7)
[server]
listen = 127.0.0.1
port = abc
database = palabre.db
couleur = bleue
ceci est une ligne sans signe égal
[limits]
login_grace_time = 10
EOF
"$PALABRE_BIN" -c "$bad" check-config >"$E2E_DIR/bad.out" 2>&1
bad_rc=$?
check "check-config sur un fichier faux : statut 2" test "$bad_rc" -eq 2
msg_at() {
	cat "$E2E_DIR/bad.out"
	grep -F -e "$bad:$1: " "$E2E_DIR/bad.out" | grep -q -e "$2"
}
check "check-config : « $bad:4: » pour port = abc" msg_at 4 "port.*abc"
check "check-config : « $bad:6: » pour la clé inconnue" msg_at 6 "couleur"
check "check-config : « $bad:7: » pour la ligne sans « = »" msg_at 7 "="
only_three() {
	cat "$E2E_DIR/bad.out"
	[ "$(grep -cE -e "^$bad:[0-9]+: " "$E2E_DIR/bad.out")" -eq 3 ]
}
check "check-config : trois erreurs, pas une de plus" only_three
good_conf() {
	palabre check-config
}
check "check-config sur la configuration de test : statut 0" good_conf

check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre et écoute sur 127.0.0.1:$E2E_PORT" e2e_start ||
    e2e_bail "serveur"

# ui_running: one of the server's descendants is the interface.
ui_running() {
	local p
	for p in $(session_pids); do
		ps -o args= -p "$p"
	done | grep -q -e "--session"
}

# --- Quitting ------------------------------------------------------------

check "connexion" e2e_login q "$E2E_USER" "$E2E_PASS"
keys q Enter
check_screen q "$E2E_SITE › Accueil" "Entrée : l'accueil"
check "pendant la session : un processus de session et l'interface" \
    eval 'sessions_are 2 && ui_running'
keys q q
check_screen q "Quitter Palabre ?" "q à l'accueil : « Quitter Palabre ? »"
check_screen q "o : oui     n : non" "le dialogue propose o et n"
keys q n
check "n : le dialogue se ferme" wait_gone q "Quitter Palabre ?"
check_screen q "›1  L'édito" "n : on reste à l'accueil"
keys q q
check_screen q "Quitter Palabre ?" "q à nouveau : « Quitter Palabre ? »"
keys q o
check "o : le client ssh se termine" wait_dead q
check "o : ssh sort avec le statut 0" test "$(exit_status q)" = 0
check_screen q "À bientôt sur le $E2E_SITE$E2E_NNBSP!" "o : « À bientôt sur le … ! »"
# terminal_restored NAME: the interface left the alternate screen (endwin)
# before ssh ended. (tmux hides the cursor of every dead pane, so the
# cursor cannot be checked after the fact.)
terminal_restored() {
	local alt
	alt=$(pane_fmt "$1" '#{alternate_on}')
	echo "écran alterné : $alt"
	[ "$alt" = 0 ]
}
check "o : le terminal est rendu (écran alterné quitté)" terminal_restored q
check "o : plus aucun processus de session ni d'interface (5 s)" \
    wait_sessions 0 5
check "o : le serveur tourne toujours" alive "$E2E_PID"

# --- The client dies -----------------------------------------------------

check "connexion" e2e_login k "$E2E_USER" "$E2E_PASS"
check "pendant la session : un processus de session et l'interface" \
    eval 'sessions_are 2 && ui_running'
kpid=$(client_pid k)
check "le volet tmux exécute bien le client ssh ($kpid)" \
    eval '[ "$(ps -o comm= -p "$kpid")" = ssh ]'
kill -KILL "$kpid"
check "SIGKILL : le client ssh est mort" wait_dead k 5
check "SIGKILL du client : plus de session ni d'interface (8 s)" \
    wait_sessions 0 8
check "SIGKILL du client : le serveur tourne toujours" alive "$E2E_PID"
tm kill-session -t "=k" 2>/dev/null
check "le serveur accepte une nouvelle connexion" \
    e2e_login k2 "$E2E_USER" "$E2E_PASS"
keys k2 Enter
check_screen k2 "$E2E_SITE › Accueil" "nouvelle connexion : l'accueil"
tm kill-session -t "=k2" 2>/dev/null
check "session fermée (SIGHUP du client) : plus de session (8 s)" \
    wait_sessions 0 8

# --- The interface crashes ------------------------------------------------

check "plantage : connexion" e2e_login u "$E2E_USER" "$E2E_PASS"
upid=$(ui_pid)
check "plantage : l'interface tourne ($upid)" test -n "$upid"
[ -n "$upid" ] && kill -KILL "$upid"
check "plantage de l'interface : le client ssh se termine" wait_dead u 8
check "plantage de l'interface : ni session ni interface ne restent" \
    wait_sessions 0 8
check "plantage de l'interface : le serveur tourne toujours" alive "$E2E_PID"
tm kill-session -t "=u" 2>/dev/null

# --- The database cannot be opened ---------------------------------------

mv "$E2E_DB" "$E2E_DB.away"
check "base absente : connexion refusée ou message clair" \
    e2e_ssh nb "$E2E_USER"
check_screen nb "Mot de passe" "base absente : l'invite arrive"
type_text nb "$E2E_PASS"
keys nb Enter
check "base absente : aucune session ouverte, le client s'arrête" \
    wait_dead nb 15
check_no_screen nb "Bonjour" "base absente : pas d'accueil"
check "base absente : le journal le dit" \
    grep -q "impossible d'ouvrir la base" "$E2E_LOG"
mv "$E2E_DB.away" "$E2E_DB"
tm kill-session -t "=nb" 2>/dev/null
check "base revenue : connexion" e2e_login nb2 "$E2E_USER" "$E2E_PASS"
tm kill-session -t "=nb2" 2>/dev/null
wait_sessions 0 8 >/dev/null

# --- Six wrong passwords on one connection -------------------------------

# LogLevel=INFO: ssh says how the connection ended.
e2e_ssh six "$E2E_USER2" -o PreferredAuthentications=keyboard-interactive \
    -o NumberOfPasswordPrompts=10 -o LogLevel=INFO
wrong() {
	wait_count six "Mot de passe :" "$1" || return 1
	type_text six "mauvais-$1"
	keys six Enter
}
for i in 1 2 3 4 5 6; do
	check "mauvais mot de passe n° $i (même connexion)" wrong "$i"
done
check "6 échecs : le serveur coupe, ssh se termine" wait_dead six 10
check "6 échecs : ssh sort en erreur" \
    eval '[ -n "$(exit_status six)" ] && [ "$(exit_status six)" != 0 ]'
check "6 échecs : pas de 7e invite" count_is six "Mot de passe :" 6
check "« Mot de passe incorrect. » après chacun des 5 premiers" \
    count_is six "Mot de passe incorrect." 5
cut_off() {
	screen_all six | grep -E -e "Connection (closed|reset) by 127\.0\.0\.1" \
	    -e "Received disconnect from 127\.0\.0\.1" \
	    -e "Too many authentication failures"
}
check "6 échecs : ssh annonce que le serveur a coupé" cut_off
check_screen six "Trop de tentatives incorrectes" \
    "6 échecs : la raison en français, pas « Bye Bye »"
check_no_screen six "Bonjour" "6 échecs : jamais « Bonjour »"
check "6 échecs : le journal dit « trop d'échecs : connexion coupée »" \
    grep -q "trop d'échecs : connexion coupée" "$E2E_LOG"
check "6 échecs : plus de session" wait_sessions 0 5
tm kill-session -t "=six" 2>/dev/null

# --- A client that says nothing ------------------------------------------

# Connect, read what the server says, and time how long until it hangs up.
timeout $((E2E_GRACE + 15)) bash -c '
	exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	start=$(date +%s%N)
	cat <&3 >"$2/silent.banner"
	end=$(date +%s%N)
	echo $(((end - start) / 1000000)) >"$2/silent.ms"
' sh "$E2E_PORT" "$E2E_DIR" >"$E2E_DIR/silent.err" 2>&1 &
silent=$!
bg_track "$silent"
check "client muet : un processus de session le prend en charge" \
    wait_sessions 1 5
wait "$silent"
silent_rc=$?
check "client muet : le serveur a parlé le premier (« SSH-2.0- »)" \
    grep -q "^SSH-2.0-" "$E2E_DIR/silent.banner"
silent_ms=$(cat "$E2E_DIR/silent.ms" 2>/dev/null || echo -1)
silent_in_time() {
	echo "coupé après $silent_ms ms (kex_grace_time = $E2E_KEX s," \
	    "login_grace_time = $E2E_GRACE s, statut $silent_rc)"
	[ "$silent_rc" -eq 0 ] &&
	    [ "$silent_ms" -ge $(((E2E_KEX - 1) * 1000)) ] &&
	    [ "$silent_ms" -lt $((E2E_GRACE * 1000 - 500)) ]
}
check "client muet : coupé après kex_grace_time (${E2E_KEX} s), avant login_grace_time (${E2E_GRACE} s)" \
    silent_in_time
check "client muet : plus de processus de session" wait_sessions 0 3

# --- SIGTERM to the server with a session open ---------------------------

check "connexion" e2e_login t "$E2E_USER" "$E2E_PASS"
keys t Enter
check_screen t "$E2E_SITE › Accueil" "Entrée : l'accueil"
tpids=$(session_pids)
check "pendant la session : un processus de session et l'interface" \
    eval 'sessions_are 2 && ui_running'
spid=$E2E_PID
kill -TERM "$spid"
check "SIGTERM : le serveur s'arrête en moins de 6 s" wait_until 6 dead "$spid"
check "SIGTERM : le client ssh s'est terminé lui aussi" wait_dead t 2
# A stopping server sends SIGTERM on to the UI, which restores the
# member's terminal and says why the session ends.
check "SIGTERM : le terminal du membre est rendu (écran alterné quitté)" \
    terminal_restored t
check_screen t "Le serveur s'arrête" "SIGTERM : le membre lit pourquoi la session se ferme"
wait "$spid"
stop_rc=$?
E2E_PID=
check "SIGTERM : le serveur sort avec le statut 0" test "$stop_rc" -eq 0
none_left() {
	local p
	for p in $tpids; do
		alive "$p" && { ps -o pid=,args= -p "$p"; return 1; }
	done
	return 0
}
check "SIGTERM : ni session ni interface ne survivent" none_left
check "SIGTERM : le journal dit « session fermée pour $E2E_USER »" \
    grep -q "session fermée pour $E2E_USER" "$E2E_LOG"
check "SIGTERM : le port n'écoute plus" \
    eval '! ss -Hltn "sport = :$E2E_PORT" | grep -q .'

e2e_finish
