#!/bin/sh
# What nothing happening costs, and what a session's end costs the
# listener (issue 18).
#
# An idle interface sleeps until its next deadline (here the idle
# warning, 9 minutes away), not for at most a minute as before: strace
# shows the wait it enters after a key (a ppoll of more than 60 s; it
# was poll(…, 60000)), then neither the interface nor its session
# process is scheduled once in 5 s (the third field of
# /proc/PID/schedstat: times it ran).
#
# The listener reaps the one session that ended, by its pid (the pid of
# the SIGCHLD), while 50 others are open: strace shows wait4(PID) = PID
# and no wait4(-1) that reaped anything (waitpid(-1) walks every child in
# the kernel: 1.1 ms at 10,000). Three sessions ending while the
# listener is stopped send it one SIGCHLD for three: all are reaped all
# the same (the sweep that follows a SIGCHLD), and logins still work.
. "$(dirname "$0")/lib.sh"

# 50 sessions of one member, opened at once.
E2E_CONF_EXTRA="[limits]
max_sessions = 100
max_sessions_per_member = 100
max_startups = 60:30:100
max_startups_per_source = 100"
e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"
ssh-keygen -q -t ed25519 -N '' -C "camille@essai" -f "$E2E_DIR/demo_key"
check "clé de $E2E_USER ajoutée" palabre admin user add-key "$E2E_USER" \
    "$E2E_DIR/demo_key.pub"
check "le serveur démarre" e2e_start || e2e_bail "serveur"
command -v strace >/dev/null || e2e_bail "strace manque (tools/deps.sh)"

# --- An idle interface ---------------------------------------------------

e2e_ssh idle "$E2E_USER" -i "$E2E_DIR/demo_key" -o IdentitiesOnly=yes \
    -o PubkeyAuthentication=yes -o PreferredAuthentications=publickey \
    -o BatchMode=yes
check_screen idle "Appuyez sur Entrée pour continuer." "bienvenue"

# ui_pid: the interface, the one descendant of the server that is not
# its child; sess_pid: its session process.
ui_pid=$(for p in $(session_pids); do
	ps -o pid=,ppid= -p "$p"
done | awk -v l="$E2E_PID" '$2 != l { print $1; exit }')
# Its session: the server's child that is not the UIs' image (the
# image, when on, is the UI's parent).
sess_pid=$(ps -o pid=,args= --ppid "$E2E_PID" | awk '!/ --image /{ print $1; exit }')
check "l'interface et sa session sont là" test -n "$ui_pid" -a -n "$sess_pid"

# The wait after a key that changes nothing (Ctrl-L), past the release
# of the caches 1 s later.
strace -qq -e trace=poll,ppoll -p "$ui_pid" -o "$E2E_DIR/ui.trace" &
tracer=$!
bg_track "$tracer"
sleep 1
keys idle C-l
sleep 2.5
kill -INT "$tracer" 2>/dev/null
wait "$tracer" 2>/dev/null
# long_wait: the last wait traced is a ppoll with no timeout or one of
# more than 60 s.
long_wait() {
	last=$(grep -E '^p?poll\(' "$E2E_DIR/ui.trace" | tail -1)
	echo "$last"
	case $last in
	ppoll*", NULL, "*) return 0 ;;
	ppoll*"tv_sec="*)
		s=${last#*tv_sec=}
		[ "${s%%,*}" -gt 60 ]
		return ;;
	esac
	return 1
}
check "l'interface au repos dort jusqu'à son échéance (plus de 60 s)" \
    long_wait

# runs PID: how many times it was scheduled.
runs() {
	cut -d' ' -f3 "/proc/$1/schedstat"
}
still() {
	u0=$(runs "$ui_pid")
	s0=$(runs "$sess_pid")
	sleep 5
	u1=$(runs "$ui_pid")
	s1=$(runs "$sess_pid")
	echo "interface $u0 -> $u1, session $s0 -> $s1"
	[ "$u1" -eq "$u0" ] && [ "$s1" -eq "$s0" ]
}
check "ni l'interface ni sa session ne s'éveillent en 5 s" still
keys idle Enter
check_screen idle "Accueil" "une touche la réveille : Accueil"
tm kill-session -t idle 2>/dev/null
check "la session se ferme" wait_sessions 0 10

# --- The listener's reaping ----------------------------------------------

if ! cc -O2 -D_GNU_SOURCE "$E2E_ROOT/tests/bench/loadgen.c" -lssh \
    -o "$E2E_DIR/loadgen" 2>"$E2E_DIR/cc.err"; then
	cat "$E2E_DIR/cc.err"
	e2e_bail "loadgen ne compile pas (libssh-dev ?)"
fi
# lg ARGS: the load generator on this server, as demo, with its key.
lg() {
	"$E2E_DIR/loadgen" -p "$E2E_PORT" -u "$E2E_USER" \
	    -i "$E2E_DIR/demo_key" "$@"
}
# children: the listener's children but the UIs' image, "PID STAT"
# a line.
children() {
	ps -o pid=,stat=,args= --ppid "$E2E_PID" |
	    awk '!/ --image / { print $1, $2 }'
}
# live N: the listener has N session children, none of them a zombie.
live() {
	[ "$(children | awk '$2 !~ /^Z/' | grep -c .)" -eq "$1" ] &&
	    ! children | awk '$2 ~ /^Z/ { z = 1 } END { exit !z }'
}
lg -D 300 -n 50 -r 25 -d 0 -H 240 >"$E2E_DIR/hold.out" 2>&1 &
holder=$!
bg_track "$holder"
# Under the sanitizers every process is several times slower.
slow=60
[ -z "$E2E_SAN" ] || slow=240
check "50 sessions ouvertes et tenues" wait_until "$slow" live 50

strace -qq -e trace=wait4,waitid -p "$E2E_PID" -o "$E2E_DIR/wait.trace" &
tracer=$!
bg_track "$tracer"
sleep 1
one_login() {
	lg -D 60 -n 1 -q >"$E2E_DIR/one.out" 2>&1
	grep "errors: 0" "$E2E_DIR/one.out" || { cat "$E2E_DIR/one.out"; false; }
}
check "une connexion de plus va et vient" one_login
check "elle est récoltée, les 50 autres restent" wait_until 30 live 50
kill -INT "$tracer" 2>/dev/null
wait "$tracer" 2>/dev/null
# by_pid: one wait4(PID) = PID, and no wait4(-1) that reaped a child.
by_pid() {
	cat "$E2E_DIR/wait.trace"
	awk '/^wait4\(/ {
		arg = substr($0, 7); sub(/,.*/, "", arg)
		ret = $NF
		if (arg == ret && ret + 0 > 0) pid++
		if (arg == "-1" && ret + 0 > 0) any++
	} END { exit !(pid >= 1 && any == 0) }' "$E2E_DIR/wait.trace"
}
check "récoltée par son pid, sans parcourir les 50 autres" by_pid

# One SIGCHLD for three ends: the listener stopped while they end.
set -- $(children | awk '{ print $1 }' | head -3) 0 0 0
zombies() {
	[ "$(ps -o stat= -p "$1" -p "$2" -p "$3" | grep -c '^Z')" -eq 3 ]
}
kill -STOP "$E2E_PID"
kill -TERM "$1" "$2" "$3"
check "trois sessions finissent, le serveur arrêté" wait_until 15 zombies \
    "$1" "$2" "$3"
kill -CONT "$E2E_PID"
check "toutes trois récoltées (un seul SIGCHLD)" wait_until 20 live 47
check "une connexion passe encore" one_login
check "le serveur tient" alive "$E2E_PID"
kill -TERM "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

e2e_finish
