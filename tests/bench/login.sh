#!/bin/sh
# login.sh - login and memory benchmarks against a private server.
#
#   sh tests/bench/login.sh [PALABRE_BINARY]
#
# Makes its own temp dir with a host key, a client key, a config
# (127.0.0.1, a free port, never 2222) and a demo database, starts
# "palabre serve" there, runs tests/bench/sshbench.py (the real OpenSSH
# client on a pty) and stops the server by its PID on exit. Everything is
# bounded: the driver stops by itself after BENCH_DEADLINE seconds (110 by
# default) and timeout(1) backs it up.
#
# Knobs (environment): BENCH_LOGINS (30), BENCH_PASSWORDS (10),
# BENCH_LOCALS (30), BENCH_SESSIONS (20), BENCH_DEADLINE (110),
# BENCH_JSON (a file for the raw figures).
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
bin=${1:-./palabre}
bin=${bin#./}
case $bin in /*) ;; *) bin=$root/$bin ;; esac
[ -x "$bin" ] || { echo "login.sh: $bin missing (make)" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/palabre-bench.XXXXXX")
pid=
stop() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		# The listener hangs up its sessions and exits within 5 s.
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 70 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM HUP

# A free port on 127.0.0.1, not 2222.
port=$(python3 - <<'EOF'
import socket
for _ in range(20):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    if p != 2222:
        print(p)
        break
EOF
)

ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$dir/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C bench-client -f "$dir/client_ed25519"
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 \
    "$dir/host_ed25519.pub")" >"$dir/known_hosts"
printf '#!/bin/sh\necho bienvenue\n' >"$dir/askpass"
chmod 700 "$dir/askpass"
mkdir "$dir/home"

conf=$dir/palabre.conf
cat >"$conf" <<EOF
; Private server of tests/bench/login.sh.
[server]
listen = 127.0.0.1
port = $port
host_key = $dir/host_ed25519
database = $dir/palabre.db
log_file = $dir/server.log

[site]
name = Réseau Intégration & Prévention des Discriminations
short_name = Réseau IPD
tagline = Le réseau national d'échanges des acteurs de l'intégration et de la prévention des discriminations

[limits]
login_grace_time = 30
max_auth_tries = 6
max_startups = 10:30:100
max_sessions = 1000
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
} >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; exit 1; }
"$bin" check-config -c "$conf" >/dev/null

"$bin" -c "$conf" serve </dev/null >>"$dir/server.log" 2>&1 &
pid=$!
# Wait (up to 10 s) for « Palabre écoute sur ... » in its log (no probe
# connection: it would only add a failed key exchange to the log).
i=0
until grep -q 'coute sur' "$dir/server.log" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "login.sh: the server did not start:" >&2
		cat "$dir/server.log" >&2
		exit 1
	fi
	sleep 0.1
done

echo "server: palabre serve, pid $pid, 127.0.0.1:$port ($dir)"
deadline=${BENCH_DEADLINE:-110}
rc=0
timeout -k 5 $((deadline + 20)) python3 tests/bench/sshbench.py \
    --port "$port" --listener "$pid" --key "$dir/client_ed25519" \
    --known-hosts "$dir/known_hosts" --askpass "$dir/askpass" \
    --palabre "$bin" --conf "$conf" --home "$dir/home" \
    --logins "${BENCH_LOGINS:-30}" --passwords "${BENCH_PASSWORDS:-10}" \
    --locals "${BENCH_LOCALS:-30}" --sessions "${BENCH_SESSIONS:-20}" \
    --deadline "$deadline" ${BENCH_JSON:+--json "$BENCH_JSON"} || rc=$?
[ $rc -eq 0 ] || echo "login.sh: the driver exited with $rc" >&2

# Anything unusual the server logged (warnings, errors, signals).
n=$(grep -ciE 'warn|erreur|error|tuée|signal' "$dir/server.log" || true)
echo "server log: $(wc -l <"$dir/server.log") lines, $n warning/error lines"
if [ "$n" -gt 0 ]; then
	grep -iE 'warn|erreur|error|tuée|signal' "$dir/server.log" | head -5
fi
exit 0
