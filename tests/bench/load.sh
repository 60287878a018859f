#!/bin/sh
# load.sh - many members at once: logins, memory per idle session and
# keystroke latency under load, with the load generator
# tests/bench/loadgen.c (libssh client, many sessions in one process).
#
#   sh tests/bench/load.sh [PALABRE_BINARY]      (after make)
#
# Sets up a private server like login.sh (tests/bench/server.sh: its own
# temp dir, host key, client key, config and demo database, 127.0.0.1 on a
# free port, never 2222), with the limits raised so that a thousand
# loopback sessions from 127.0.0.1 are accepted (max_sessions 3000,
# max_startups 2000:30:3000, max_startups_per_source 3000), and stops it
# by its PID on exit. Phases:
#
#   startup   palabre serve: time from exec to the port accepting (demo
#             database), LOAD_STARTUPS (10) times
#   logins    LOAD_LOGINS (50) logins, 10 per second (they do not
#             overlap): connect -> first screen, then Q, o; server CPU
#             per login (the listener's utime+stime+cutime+cstime);
#             TCP_NODELAY from the start
#   logins_nagle  the same with Nagle on until the channel is open, as
#             OpenSSH's client does (loadgen -N)
#   mem100    100 sessions held idle at the welcome screen: PSS over the
#             listener's descendants / 100
#   mem1000   LOAD_BIG (1000) sessions opened as fast as they come
#             (ramp 1000/s): connections per second, then the same PSS.
#             Above 1,000 (LOAD_BIG=10000), the generator paces itself:
#             at most LOAD_WINDOW (16) sessions between their connect and
#             their first screen, so that none waits past the server's
#             grace times in a queue the ramp made; the server's
#             max_sessions is raised to LOAD_BIG + 100 and the phase gets
#             60 s + 40 ms per session, times 1 + load average / cores
#             (about 8 min for 10,000 on an idle 2-core machine)
#   keys      LOAD_SESSIONS (500) sessions, LOAD_ACTIVE (50) of them
#             walking (Entrée, ↓, ↑, 1, Espace, q, ?, q, ...) with a think
#             time of LOAD_THINK_MS (1000) x U(0.5, 1.5) for
#             LOAD_DURATION (40) s: keystroke latency
#   sshd      only if /usr/sbin/sshd (LOAD_SSHD) exists and we run as
#             root: a private OpenSSH sshd (own config, host key and
#             AuthorizedKeysFile in the temp dir, UsePAM no, ForceCommand
#             exec palabre local --user demo) on another free port of
#             127.0.0.1, in its own mount namespace (tmpfs on /run and
#             /var/log, so that the system's utmp, wtmp and lastlog are
#             not written; root's ~/.bashrc hidden, see sshd_start). No
#             system user is created: the session logs in as root, which
#             the config allows only with a forced command
#             (PermitRootLogin forced-commands-only, command= in the
#             authorized key). The logins, logins_nagle and mem100
#             phases again (sshd_*), and mem100 once more with
#             ForceCommand exec palabre-ui (sshd_ui_mem100: the same UI
#             program as Palabre's sessions, so only the SSH layer
#             differs). Skipped with a message otherwise (CI has no
#             sshd).
#
# Knobs (environment): LOAD_LOGINS (50), LOAD_BIG (1000), LOAD_WINDOW
# (16, above 1,000 sessions), LOAD_SESSIONS
# (500), LOAD_ACTIVE (50), LOAD_DURATION (40), LOAD_THINK_MS (1000),
# LOAD_STARTUPS (10), LOAD_DEADLINE (170), LOAD_SSHD (/usr/sbin/sshd).
#
# Bounded: every loadgen run has its own deadline (-D) and timeout(1)
# behind it; the whole script stops starting phases after LOAD_DEADLINE
# (170 s, plus the big phase's time when LOAD_BIG is above 1,000). A
# normal run takes about 70 s on 2 cores, 95 s with sshd.
# Outputs: build/bench/load/*.txt and *.json (one per phase),
# build/bench/load/server.log, build/bench/load.json (everything).
# Figures only: exits 0 unless the load generator does not build.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin load.sh "${1:-}"

out=$root/build/bench
lo=$out/load
mkdir -p "$lo"
rm -f "$lo"/*.json "$lo"/*.txt "$lo"/*.log "$out/load.json"
start=$(date +%s)

echo "== building build/bench/loadgen"
if ! cc -O2 -Wall -Wextra -D_GNU_SOURCE tests/bench/loadgen.c -lssh \
    -o "$out/loadgen"; then
	echo "load.sh: loadgen does not build (libssh-dev?)" >&2
	exit 1
fi
# One descriptor per session in loadgen, one per session in the listener.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
big=${LOAD_BIG:-1000}
nofile=$(ulimit -n)
if [ "$nofile" != unlimited ] && [ "$nofile" -lt $((big + 64)) ]; then
	big=$(((nofile - 64) / 100 * 100))
	echo "load.sh: ulimit -n is $nofile: $big sessions instead of" \
	    "${LOAD_BIG:-1000} for the large memory phase"
fi
# One pty per session: room for them (kernel.pty.max, server.sh).
bench_pty_room load.sh "$big"
big=$pty_fit
# The big phase: a burst up to 1,000; above, paced by a window and given
# time in proportion (2 processes and about 15 ms of CPU per session).
window=0
bigsecs=60
if [ "$big" -gt 1000 ]; then
	window=${LOAD_WINDOW:-16}
	bigsecs=$(awk -v n="$big" -v c="$(nproc)" '{
	    printf "%d", (60 + n * 0.04) * (1 + $1 / c) }' /proc/loadavg)
fi
deadline=${LOAD_DEADLINE:-$((170 + (big > 1000 ? bigsecs : 0)))}
maxsess=$((big + 100 > 3000 ? big + 100 : 3000))

spid=
sdir=
sshd_stop() {
	[ -n "$spid" ] || return 0
	# sshd's listener leaves its sessions running when it exits: end
	# them first (its descendants, which we started), then it.
	for p in $(descendants "$spid"); do
		kill -TERM "$p" 2>/dev/null || true
	done
	bench_stop_pid "$spid" 50
	spid=
}
cleanup() {
	sshd_stop
	bench_pty_restore
	[ -z "$dir" ] || [ ! -f "$dir/server.log" ] ||
	    cp "$dir/server.log" "$lo/server.log" 2>/dev/null || true
	bench_server_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Every descendant of a PID (children first).
descendants() {
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		echo "$c"
		descendants "$c"
	done
}

left() {
	echo $((deadline - ($(date +%s) - start)))
}

# run NAME SECONDS LOADGEN-ARGS...: one loadgen run, bounded, if there is
# time left; its summary on stdout, its JSON in $lo/NAME.json.
run() {
	name=$1
	secs=$2
	shift 2
	if [ "$(left)" -lt "$secs" ]; then
		echo "load.sh: $name skipped: not enough time left" \
		    "($(left) s < $secs s)"
		return 0
	fi
	echo "== $name"
	timeout -k 5 $((secs + 20)) "$out/loadgen" -D "$secs" \
	    -o "$lo/$name.json" "$@" >"$lo/$name.txt" 2>&1 ||
	    echo "load.sh: loadgen ($name) exited with $?" >&2
	grep -v '^JSON ' "$lo/$name.txt" || true
}

bench_server_setup load.sh
echo "== database: the demo's (tools/demo-db.sh: boards and threads), and" \
    "${LOAD_ACTIVE:-50} members who walk"
bench_server_boards
bench_server_walkers "${LOAD_ACTIVE:-50}"
sed -i -e 's/^max_startups = .*/max_startups = 2000:30:3000\
max_startups_per_source = 3000/' \
    -e "s/^max_sessions = .*/max_sessions = $maxsess/" "$conf"
"$bin" check-config -c "$conf" >/dev/null

# --- startup: exec -> the port accepts --------------------------------
echo "== startup: palabre serve, exec to the port accepting" \
    "(${LOAD_STARTUPS:-10} times)"
sed "s|^log_file = .*|log_file = $dir/startup.log|" "$conf" \
    >"$dir/startup.conf"
timeout -k 5 60 python3 tests/bench/startup.py "$bin" "$dir/startup.conf" \
    "$port" "${LOAD_STARTUPS:-10}" "$lo/startup.json" || true

bench_server_start load.sh
key=$dir/client_ed25519
common="-p $port -u demo -i $key -P $pid"

# --- Palabre ----------------------------------------------------------
# shellcheck disable=SC2086
run logins 40 $common -n "${LOAD_LOGINS:-50}" -r 10 -q
# shellcheck disable=SC2086
run logins_nagle 40 $common -N -n "${LOAD_LOGINS:-50}" -r 10 -q
# shellcheck disable=SC2086
run mem100 30 $common -n 100 -r 50 -d 0
# shellcheck disable=SC2086
run "mem$big" "$bigsecs" $common -n "$big" -r 1000 -W "$window" -d 0
# shellcheck disable=SC2086
run keys $((${LOAD_DURATION:-40} + 40)) $common \
    -n "${LOAD_SESSIONS:-500}" -a "${LOAD_ACTIVE:-50}" -A 'walker%d' \
    -K "$dir/walker%d" -r 100 \
    -d "${LOAD_DURATION:-40}" -t "${LOAD_THINK_MS:-1000}"

echo "== server log, by message (numbers and addresses blanked)"
sed -E 's/^[^ ]+ palabre\[[0-9]+\] //; s/127\.0\.0\.1:[0-9]+/ADDR/g;
    s/SHA256:[A-Za-z0-9+\/]+/SHA256:.../; s/[0-9]+/N/g' "$dir/server.log" |
    cut -c1-110 | sort | uniq -c | sort -rn | head -12
cp "$dir/server.log" "$lo/server.log"
# Stop the server by its PID but keep the dir (database, client key) for
# sshd; the EXIT trap removes it.
bench_stop_pid "$pid" 70
pid=

# --- OpenSSH sshd + ForceCommand, for comparison ------------------------
# The private sshd of $sdir/sshd_config (bench_sshd_start, server.sh).
sshd_start() {
	bench_sshd_start load.sh "$sdir" "$sshd" || { sshd_stop; return 1; }
}

sshd_skip=
sshd=${LOAD_SSHD:-/usr/sbin/sshd}
if [ ! -x "$sshd" ]; then
	sshd_skip="$sshd is not installed (openssh-server)"
elif [ "$(id -u)" != 0 ]; then
	sshd_skip="not root: the comparison logs in as root with a forced"
	sshd_skip="$sshd_skip command (no system user is created)"
elif ! command -v unshare >/dev/null 2>&1; then
	sshd_skip="unshare(1) is missing (sshd runs in its own mount namespace)"
fi
if [ -z "$sshd_skip" ] && [ "$(left)" -lt 60 ]; then
	sshd_skip="not enough time left ($(left) s)"
fi
if [ -n "$sshd_skip" ]; then
	echo "== sshd comparison skipped: $sshd_skip"
else
	echo "== sshd comparison: OpenSSH sshd + ForceCommand exec palabre local"
	sdir=$dir/sshd
	mkdir -p "$sdir"
	sport=$(bench_free_port "$port")
	ssh-keygen -q -t ed25519 -N '' -C bench-sshd -f "$sdir/host_ed25519"
	: >"$sdir/empty"
	for variant in local ui; do
		if [ $variant = ui ] && [ ! -x "$bin-ui" ]; then
			echo "load.sh: $bin-ui missing: no sshd_ui_mem100"
			break
		fi
		if [ $variant = local ]; then
			cmd="exec $bin -c $conf local --user demo"
		else
			cmd="exec $bin-ui -c $conf --user demo"
		fi
		printf 'command="%s",no-port-forwarding,no-agent-forwarding,no-X11-forwarding %s\n' \
		    "$cmd" "$(cat "$key.pub")" >"$sdir/authorized_keys"
		cat >"$sdir/sshd_config" <<EOF
# Private sshd of tests/bench/load.sh (comparison only).
ListenAddress 127.0.0.1
Port $sport
HostKey $sdir/host_ed25519
PidFile none
UsePAM no
AuthorizedKeysFile $sdir/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin forced-commands-only
AllowUsers root
AcceptEnv LANG
ForceCommand $cmd
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 2000:30:3000
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
EOF
		sshd_start || break
		echo "server: $("$sshd" -V 2>&1 | cut -d, -f1), pid" \
		    "$spid, 127.0.0.1:$sport, ForceCommand $cmd"
		scommon="-p $sport -u root -i $key -P $spid"
		if [ $variant = local ]; then
			# shellcheck disable=SC2086
			run sshd_logins 40 $scommon -n "${LOAD_LOGINS:-50}" \
			    -r 10 -q
			# shellcheck disable=SC2086
			run sshd_logins_nagle 40 $scommon -N \
			    -n "${LOAD_LOGINS:-50}" -r 10 -q
			# shellcheck disable=SC2086
			run sshd_mem100 40 $scommon -n 100 -r 20 -d 0
		else
			# shellcheck disable=SC2086
			run sshd_ui_mem100 40 $scommon -n 100 -r 20 -d 0
		fi
		sshd_stop
		echo "sshd log: $(wc -l <"$sdir/sshd.log") lines," \
		    "$(grep -ciE 'error|fatal' "$sdir/sshd.log" || true)" \
		    "error lines (logout and lastlog errors are expected:" \
		    "utmp, wtmp and lastlog are hidden from it)"
		cat "$sdir/sshd.log" >>"$lo/sshd.log"
		rm -f "$sdir/sshd.log"
	done
fi

# --- Summary ----------------------------------------------------------
echo
echo "== load summary"
python3 - "$lo" "$out/load.json" "$big" "$sshd_skip" <<'EOF' || true
import glob, json, os, sys
lo, out, big, skip = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
d = {}
for f in sorted(glob.glob(os.path.join(lo, "*.json"))):
    try:
        d[os.path.basename(f)[:-5]] = json.load(open(f))
    except ValueError:
        pass
if skip:
    d["sshd_skipped"] = skip
json.dump(d, open(out, "w"), indent=1)

def s(x, k="first_screen_ms"):
    v = x.get(k) or {}
    return (f"median {v.get('median', 0):.1f} ms, p95 {v.get('p95', 0):.1f},"
            f" p99 {v.get('p99', 0):.1f} (n={v.get('n', 0)})")

def errs(x):
    e = x.get("errors", {})
    return ", ".join(f"{k} {v}" for k, v in e.items() if v) or "none"

if "startup" in d and d["startup"].get("n"):
    print(f"startup   palabre serve: port accepting after "
          f"{d['startup']['median']:.1f} ms (median)")
for srv, pre in (("palabre", ""), ("sshd", "sshd_"), ("sshd+ui", "sshd_ui_")):
    for k, label in (("logins", "logins"), ("logins_nagle", "logins -N")):
        x = d.get(pre + k)
        if x and srv != "sshd+ui":
            print(f"{srv:9} {label:9}: first screen {s(x)}; server CPU "
                  f"{x.get('server_cpu_ms_per_session', 0):.1f} ms/login;"
                  f" errors: {errs(x)}")
    for n in ("100", big):
        x = d.get(f"{pre}mem{n}")
        m = x and x.get("memory_idle")
        if m:
            print(f"{srv:9} {m['sessions']} idle sessions: PSS "
                  f"{m['pss_per_session_kb']:.0f} KB per session, "
                  f"{m['processes_per_session']:.2f} processes per session"
                  f" (" + ", ".join(f"{b['comm']} {b['pss_per_session_kb']:.0f}"
                                    for b in m["by_depth"]) +
                  f"); errors: {errs(x)}")
            if n == big and srv == "palabre":
                print(f"{srv:9} {x['up']} sessions opened at "
                      f"{x['connections_per_s']:.0f} connections/s "
                      f"(first screen {s(x)})")
x = d.get("keys")
if x:
    print(f"keys      {x['sessions']} sessions, {x['active']} active: "
          f"keystroke -> end of update {s(x, 'keys_ms')}; errors: "
          f"{errs(x)}")
    m = x.get("memory_end")
    if m:
        print(f"          PSS {m['pss_per_session_kb']:.0f} KB per session "
              f"after the walk")
if skip:
    print(f"sshd      skipped: {skip}")
EOF
echo "== load.sh took $(($(date +%s) - start)) s"
exit 0
