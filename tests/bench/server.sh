# server.sh - the private server of the SSH benchmarks, sourced by
# tests/bench/login.sh, bytes.sh and load.sh (POSIX sh, set -eu).
#
#   . tests/bench/server.sh
#   bench_server_setup NAME    # $root, $bin must be set; sets $dir, $port,
#                              # $conf; trap bench_server_stop EXIT
#   bench_server_start NAME    # palabre serve in the background: $pid
#
# A temp dir with a host key, a client key (client_ed25519), a config
# (127.0.0.1, a free port, never 2222) and a demo database: member
# « demo » (Camille Durand, password « bienvenue », the client key) and the
# demo editorial. bench_server_stop stops the server by its PID (TERM,
# then KILL after 7 s) and removes the dir.
#
#   bench_server_boards        # after setup: the demo database instead
#                              # (tools/demo-db.sh: members, the boards of
#                              # conf/boards.d, their threads), demo given
#                              # the client key
#   bench_sshd_start NAME SDIR SSHD  # a private OpenSSH sshd on
#                              # SDIR/sshd_config (log SDIR/sshd.log) in
#                              # its own mount namespace: $spid; root only
#   bench_server_walkers N     # N more members walker0..walkerN-1, each
#                              # with its own key $dir/walkerI (a key
#                              # belongs to one member), for loadgen -A -K

dir=
pid=
port=

# bench_bin SCRIPT [PATH]: the palabre binary to measure, made absolute
# ($bin); exits if it is missing. $root must be set.
bench_bin() {
	bin=${2:-./palabre}
	bin=${bin#./}
	case $bin in /*) ;; *) bin=$root/$bin ;; esac
	[ -x "$bin" ] || { echo "$1: $bin missing (make)" >&2; exit 1; }
}

# bench_stop_pid PID TENTHS: SIGTERM, wait up to TENTHS tenths of a
# second, then SIGKILL; reap it. Only for processes this bench started.
bench_stop_pid() {
	[ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
	kill -TERM "$1" 2>/dev/null || true
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt "$2" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
conf=

# bench_pty_room SCRIPT N: room for N more ptys, one per session; sets
# $pty_fit to N, or to fewer when there is no room and it cannot be made.
# The kernel's count (kernel.pty.max, 4,096 by default) stopped a run of
# 10,000 sessions at 4,091 (« openpty : No space left on device »). It is
# raised for the run when we may (root); bench_pty_restore puts it back.
pty_old=
pty_fit=
bench_pty_room() {
	ptymax=/proc/sys/kernel/pty/max
	pty_fit=$2
	[ -r "$ptymax" ] || return 0
	need=$(($2 + $(cat /proc/sys/kernel/pty/nr) + 100 +
	    $(cat /proc/sys/kernel/pty/reserve)))
	have=$(cat "$ptymax")
	[ "$have" -lt "$need" ] || return 0
	if [ -w "$ptymax" ] && echo "$need" >"$ptymax" 2>/dev/null; then
		pty_old=$have
		echo "$1: kernel.pty.max $have -> $need for $2 sessions (put" \
		    "back at the end)"
	else
		pty_fit=$(((have - need + $2) / 100 * 100))
		echo "$1: kernel.pty.max is $have: $pty_fit sessions"
	fi
}

bench_pty_restore() {
	[ -z "$pty_old" ] ||
	    echo "$pty_old" >/proc/sys/kernel/pty/max 2>/dev/null || true
	pty_old=
}

# bench_sshd_start NAME SDIR SSHD: start the private sshd of
# SDIR/sshd_config in its own mount namespace: tmpfs on /run (sshd's
# privilege separation directory /run/sshd, utmp) and on /var/log (wtmp,
# lastlog), so that nothing of the system's is written, and an empty
# file (SDIR/empty) over root's ~/.bashrc: Debian's bash sources it for
# every command sshd runs (SSH_SOURCE_BASHRC), and this machine's (pyenv)
# costs about 100 ms of CPU per login, which a dedicated BBS account
# would not have. unshare execs sh, which checks the config and execs
# sshd: $spid is sshd's PID. 1 (logged) if it does not start; the caller
# stops it (bench_stop_pid) either way.
bench_sshd_start() {
	: >"$2/empty"
	unshare -m sh -c 'mount -t tmpfs -o mode=755 tmpfs /run &&
	    mkdir -m 755 /run/sshd &&
	    mount -t tmpfs -o mode=755 tmpfs /var/log &&
	    { [ ! -f "$5/.bashrc" ] || mount --bind "$3" "$5/.bashrc"; } &&
	    "$4" -t -f "$1" 2>>"$2" &&
	    exec "$4" -D -f "$1" -E "$2"' sh \
	    "$2/sshd_config" "$2/sshd.log" "$2/empty" "$3" \
	    "$(getent passwd root | cut -d: -f6)" </dev/null \
	    >>"$2/sshd.log" 2>&1 &
	spid=$!
	i=0
	until grep -q 'Server listening' "$2/sshd.log" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ] || ! kill -0 "$spid" 2>/dev/null; then
			echo "$1: sshd did not start:" >&2
			cat "$2/sshd.log" >&2 || true
			return 1
		fi
		sleep 0.1
	done
}

bench_server_stop() {
	# The listener hangs up its sessions and exits within 5 s.
	bench_stop_pid "$pid" 70
	[ -z "$dir" ] || rm -rf "$dir"
}

# bench_free_port [PORT...]: a free port on 127.0.0.1, never 2222 nor
# one of those given.
bench_free_port() {
	python3 - "$@" <<'EOF'
import socket, sys
avoid = {2222} | {int(a) for a in sys.argv[1:]}
for _ in range(20):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    if p not in avoid:
        print(p)
        break
EOF
}

bench_server_setup() {
	name=$1
	dir=$(mktemp -d "${TMPDIR:-/tmp}/palabre-bench.XXXXXX")

	port=$(bench_free_port)

	ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$dir/host_ed25519"
	ssh-keygen -q -t ed25519 -N '' -C bench-client -f "$dir/client_ed25519"
	printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 \
	    "$dir/host_ed25519.pub")" >"$dir/known_hosts"
	printf '#!/bin/sh\necho bienvenue\n' >"$dir/askpass"
	chmod 700 "$dir/askpass"
	mkdir "$dir/home"

	conf=$dir/palabre.conf
	cat >"$conf" <<EOF
; Private server of tests/bench/$name.
[server]
listen = 127.0.0.1
port = $port
host_key = $dir/host_ed25519
database = $dir/palabre.db
log_file = $dir/server.log
; As root: run as nobody, sandboxed, as a real server would.
user = nobody
; BENCH_UI_IMAGE=no: each session execs its interface (to compare).
ui_image = ${BENCH_UI_IMAGE:-yes}

[site]
name = Réseau Intégration & Prévention des Discriminations
short_name = Réseau IPD
tagline = Le réseau national d'échanges des acteurs de l'intégration et de la prévention des discriminations

[limits]
login_grace_time = 30
max_auth_tries = 6
max_startups = 10:30:100
max_sessions = 1000
; Every bench session is demo's.
max_sessions_per_member = 100000
idle_timeout = 60
password_hashes = 2
EOF

	{
		"$bin" -c "$conf" admin db migrate
		printf 'bienvenue\n' | "$bin" -c "$conf" admin user add demo \
		    --name 'Camille Durand' --org 'CCAS de Villeurbanne' \
		    --password-stdin --key "$dir/client_ed25519.pub"
		"$bin" -c "$conf" admin edito add \
		    "$root/db/demo/edito-reseau-integration.md" \
		    --byline "Direction des Populations et des Migrations" \
		    --date 2007-03-15
	} >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; return 1; }
	"$bin" check-config -c "$conf" >/dev/null
}

bench_server_boards() {
	rm -f "$dir/palabre.db" "$dir/palabre.db-wal" "$dir/palabre.db-shm"
	sed -i "s|^database = .*|&\\
boards = $root/conf/boards.d|" "$conf"
	{
		sh "$root/tools/demo-db.sh" "$bin" "$conf"
		"$bin" -c "$conf" admin user add-key demo \
		    "$dir/client_ed25519.pub"
	} >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; return 1; }
	"$bin" check-config -c "$conf" >/dev/null
}

# Members who walk in loadgen (-A walker%d -K $dir/walker%d): French
# names, their own read state, their own key. About 15 ms each.
bench_server_walkers() {
	set -- "$1" "Nadia Haddad" "Julien Marchand" "Fatou Diallo" \
	    "Sophie Lemoine" "Mehdi Bouzid" "Claire Fontaine" "Aïcha Traoré" \
	    "Thomas Girard" "Inès Moreau" "Léa Carpentier" "Yacine Ferhat" \
	    "Hélène Dubois"
	n=$1
	shift
	i=0
	while [ $i -lt "$n" ]; do
		k=$((i % $#))
		eval "name=\${$((k + 1))}"
		ssh-keygen -q -t ed25519 -N '' -C "walker$i" -f "$dir/walker$i"
		"$bin" -c "$conf" admin user add "walker$i" --name "$name" \
		    --org "Structure membre n° $((i + 1))" \
		    --key "$dir/walker$i.pub" >>"$dir/setup.log" 2>&1 ||
		    { cat "$dir/setup.log" >&2; return 1; }
		i=$((i + 1))
	done
}

bench_server_start() {
	name=$1
	"$bin" -c "$conf" serve </dev/null >>"$dir/server.log" 2>&1 &
	pid=$!
	# Wait (up to 10 s) for « Palabre écoute sur ... » in its log (no
	# probe connection: it would only add a failed key exchange to the
	# log).
	i=0
	until grep -q 'coute sur' "$dir/server.log" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ] || ! kill -0 "$pid" 2>/dev/null; then
			echo "$name: the server did not start:" >&2
			cat "$dir/server.log" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "server: palabre serve, pid $pid, 127.0.0.1:$port ($dir)"
}

# Anything unusual the server logged (warnings, errors, signals).
bench_server_log() {
	n=$(grep -ciE 'warn|erreur|error|tuée|signal' "$dir/server.log" ||
	    true)
	echo "server log: $(wc -l <"$dir/server.log") lines, $n" \
	    "warning/error lines"
	if [ "$n" -gt 0 ]; then
		grep -iE 'warn|erreur|error|tuée|signal' "$dir/server.log" |
		    head -5
	fi
}

# bench_open_secs N: the seconds given to open N sessions: 240 up to
# 1,000 (a burst), above (paced by loadgen -W 16) 60 s + 40 ms per
# session, times 1 + load average / cores: a phase on a busy machine
# gets its time instead of losing its figures.
bench_open_secs() {
	if [ "$1" -le 1000 ]; then
		echo 240
		return 0
	fi
	awk -v n="$1" -v c="$(nproc)" '{
	    printf "%d", (60 + n * 0.04) * (1 + $1 / c) }' /proc/loadavg
}

# bench_wait_children N SECS HOLDER: wait until the listener ($pid) has N
# children, or SECS have passed, or their number has not grown for 15 s
# (a few failed to open: a run of 10,000 stopped at 9,998 and waited out
# its time), or the HOLDER process is gone. Prints how many are open.
bench_wait_children() {
	i=0
	last=0
	still=0
	while [ "$(wc -w <"/proc/$pid/task/$pid/children")" -lt "$1" ] &&
	    [ $i -lt $(($2 * 10)) ] && [ $still -lt 150 ] &&
	    kill -0 "$3" 2>/dev/null; do
		i=$((i + 1))
		n=$(wc -w <"/proc/$pid/task/$pid/children")
		if [ "$n" -gt "$last" ]; then
			last=$n
			still=0
		else
			still=$((still + 1))
		fi
		sleep 0.1
	done
	wc -w <"/proc/$pid/task/$pid/children"
}

# bench_listener_logins NAME N LOADGEN OUTDIR: N key logins, 10 per
# second, with LOADGEN against the running server ($pid, $port, $dir);
# prints the listener's own CPU per login: the first field of
# /proc/PID/schedstat, in ns (its children's CPU is not in it, and clock
# ticks of 10 ms would be too coarse). OUTDIR/NAME.txt keeps loadgen's
# output and OUTDIR/NAME.json the figure.
bench_listener_logins() {
	c0=$(cut -d' ' -f1 "/proc/$pid/schedstat")
	timeout -k 5 120 "$3" -D 100 -p "$port" -u demo \
	    -i "$dir/client_ed25519" -n "$2" -r 10 -q >"$4/$1.txt" 2>&1 ||
	    echo "$1: loadgen exited with $?" >&2
	c1=$(cut -d' ' -f1 "/proc/$pid/schedstat")
	grep -v '^JSON ' "$4/$1.txt" | tail -3 | sed "s/^/$1: /"
	awk -v c=$((c1 - c0)) -v n="$2" -v name="$1" \
	    -v up="$(sed -n 's/^up: \([0-9]*\) of.*/\1/p' "$4/$1.txt")" \
	    -v l="$(cut -d' ' -f1 /proc/loadavg)" -v f="$4/$1.json" 'BEGIN {
	    printf "%s: listener CPU %.3f ms per login (%d logins; " \
	    "load %s)\n", name, c / 1e6 / n, n, l
	    printf "{\"listener_cpu_ms_per_login\":%.4f,\"logins\":%d," \
	    "\"up\":%d,\"load\":%s}\n", c / 1e6 / n, n, up + 0, l >f }'
}
