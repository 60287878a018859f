#!/bin/sh
# Least privilege, read from /proc during a live session: the listener,
# the session process and the interface run without root (the listener
# dropped to « user = nobody » when the test runs as root), the session
# and the interface with no_new_privs and a seccomp filter, and none of
# them dumpable (the kernel then gives /proc/PID to root). A forbidden
# call is shown refused by tests/unit/test_sandbox.c. Then the sign-up
# form's argon2id waits for a slot like a login does.
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[signup]
enabled = yes
charter = charte.txt"
e2e_setup
echo "Charte d'essai : je respecte les personnes accompagnées." \
    >"$E2E_DIR/charte.txt"
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre et écoute sur 127.0.0.1:$E2E_PORT" e2e_start ||
    e2e_bail "serveur"
# The interfaces' images ready (each one's seccomp list loaded, its last
# step before it takes requests): the interface below is a child of one.
image_ready() {
	local p n=0
	for p in $(ps -o pid=,args= --ppid "$E2E_PID" |
	    awk '/ --image --run / { print $1 }'); do
		grep -q "^Seccomp:.*2" "/proc/$p/status" || return 1
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}
check "les images des interfaces sont prêtes" wait_until 10 image_ready
check "connexion de $E2E_USER : « Bonjour »" \
    e2e_login s "$E2E_USER" "$E2E_PASS" || e2e_bail "connexion"

# status_field PID FIELD: the value of FIELD in /proc/PID/status.
status_field() {
	awk -v f="$2:" '$1 == f { print $2; exit }' "/proc/$1/status"
}

# ui_of LOGIN: the interface of LOGIN's session (a child of the UIs'
# image, or of its session when started without it).
ui_of() {
	local p
	for p in $(session_pids); do
		case $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) in
		*"--session --user $1 "*) echo "$p"; return 0 ;;
		esac
	done
	return 1
}

listener=$E2E_PID
session=$(ps -o pid=,args= --ppid "$listener" |
    awk '!/ --image --run / { print $1; exit }')
ui=$(ui_of "$E2E_USER")
image=$(ps -o ppid= -p "$ui" | tr -d ' ')
check "un processus de session et son interface" \
    test -n "$session" -a -n "$ui"
check "l'interface est la fille d'une image des interfaces" \
    eval 'ps -o args= -p "$image" | grep -q -- " --image --run " &&
    test "$(ps -o ppid= -p "$image" | tr -d " ")" = "$listener"'
check "l'interface est palabre-ui" \
    grep -q palabre-ui "/proc/$ui/cmdline"

me=$(id -u)

# unprivileged PID: real and effective uid not root when we are root
# (the server became nobody), ours otherwise.
unprivileged() {
	local uid euid
	uid=$(status_field "$1" Uid)
	euid=$(awk '$1 == "Uid:" { print $3 }' "/proc/$1/status")
	echo "Uid : $uid $euid"
	if [ "$me" -eq 0 ]; then
		[ "$uid" -ne 0 ] && [ "$euid" -ne 0 ]
	else
		[ "$uid" -eq "$me" ] && [ "$euid" -eq "$me" ]
	fi
}

# field_is PID FIELD VALUE
field_is() {
	local v
	v=$(status_field "$1" "$2")
	echo "$2 : $v"
	[ "$v" = "$3" ]
}

# not_dumpable PID: /proc/PID has no Dumpable line; the kernel makes
# /proc/PID/* root's when the process is not dumpable (the process's
# own uid otherwise, which is not root here).
not_dumpable() {
	local owner
	owner=$(stat -c %u "/proc/$1/environ")
	echo "/proc/$1/environ appartient à l'uid $owner (processus : uid" \
	    "$(status_field "$1" Uid))"
	[ "$owner" -eq 0 ] && [ "$(status_field "$1" Uid)" -ne 0 ]
}

# no_capabilities PID: effective and permitted sets empty.
no_capabilities() {
	field_is "$1" CapEff 0000000000000000 &&
	    field_is "$1" CapPrm 0000000000000000
}

for kind in écouteur session image interface; do
	case $kind in
	écouteur) p=$listener ;;
	session) p=$session ;;
	image) p=$image ;;
	interface) p=$ui ;;
	esac
	check "$kind : pas root" unprivileged "$p"
	check "$kind : aucune capacité" no_capabilities "$p"
	check "$kind : NoNewPrivs 1" field_is "$p" NoNewPrivs 1
	check "$kind : non « dumpable »" not_dumpable "$p"
	if [ "$kind" != écouteur ]; then
		check "$kind : Seccomp 2 (filtre)" field_is "$p" Seccomp 2
	fi
done
# Two filters on the interface: the session's list, inherited from the
# image (or its session), and its own.
check "interface : deux filtres (celui de la session, le sien)" \
    field_is "$ui" Seccomp_filters 2
# The session's own, and then one that lets kill() reach its interface
# only.
check "session : deux filtres (le sien, puis kill vers l'interface)" \
    field_is "$session" Seccomp_filters 2

# The member's session still works inside the sandbox.
keys s Enter
check_screen s "$E2E_SITE › Accueil" "l'accueil s'affiche dans le bac à sable"
check "aucun appel système interdit dans le journal" \
    sh -c "! grep 'appel système interdit' '$E2E_LOG'"
keys s Q
wait_for s "Quitter Palabre ?"
keys s o
check "Q : la session se termine" wait_dead s
check "plus aucun processus de session" wait_sessions 0

# As « make run » starts it: a configuration path relative to the
# working directory (the interface then asks for it: getcwd).
e2e_stop
(cd "$E2E_DIR" && exec "$PALABRE_BIN" -c palabre.conf serve \
    >>"$E2E_DIR/serve.out" 2>&1 </dev/null) &
E2E_PID=$!
check "serveur lancé avec « -c palabre.conf » depuis son dossier" \
    wait_until 10 e2e_listening
check "connexion : « Bonjour »" e2e_login r "$E2E_USER" "$E2E_PASS"
keys r Enter
check_screen r "$E2E_SITE › Accueil" "l'accueil s'affiche"

# --- The sign-up form hashes under the same cap --------------------------
# Another process holds both password-hash slots (password_hashes = 2:
# bytes 0 and 1 of the lock file); the form's hash waits until they are
# given back. (Before, the interface hashed at once, uncapped.)
check "« nouveau » : le formulaire" e2e_ssh n nouveau
wait_for n "Identifiant souhaité" || true
for answer in helene.said "Hélène Saïd" "Mairie de Saint-Étienne" \
    collectivité "Chargée de mission" loire "helene@example.org"; do
	type_text n "$answer"
	keys n Enter
	sleep 0.3
done
check "le mot de passe est demandé" wait_for n "Mot de passe (8"
type_text n "été-à-Saint-Étienne"
keys n Enter
wait_for n "Le même, encore une fois" || true
python3 - "$E2E_DB-argon2.lock" "$E2E_DIR/held" <<'EOF' &
import fcntl, sys, time
f = open(sys.argv[1], "r+b")
fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 2, 0)
open(sys.argv[2], "w").close()
time.sleep(60)
EOF
holder=$!
bg_track "$holder"
check "un autre processus tient les deux places" \
    wait_until 5 test -f "$E2E_DIR/held"
type_text n "été-à-Saint-Étienne"
keys n Enter
sleep 3
check "le hachage attend sa place (3 s)" screen_lacks n "Clé publique SSH"
kill "$holder"
check "places rendues : le formulaire continue" \
    wait_for n "Clé publique SSH" 20
check "aucun appel système interdit dans le journal" \
    sh -c "! grep -e 'appel système interdit' -e SIGSYS '$E2E_LOG'"

e2e_finish
