#!/bin/sh
# scale.sh - one host's limits (issues 18 and 19): logins in a burst, by
# key and by password, then ONE hold of N idle sessions that serves, in
# turn, the memory per session, an idle window, the listener's CPU per
# login and members walking the boards among them.
#
#   sh tests/bench/scale.sh [PALABRE_BINARY]      (after make)
#   SCALE_SESSIONS="1000 5000" sh tests/bench/scale.sh   (one hold each)
#
# A private server (tests/bench/server.sh: temp dir, 127.0.0.1, a free
# port, never 2222, stopped by its PID) on the demo database
# (tools/demo-db.sh) with SCALE_WALKERS (100) members walker0.. of their
# own (a key each), the limits raised as in load.sh. Phases, with the
# load generator tests/bench/loadgen.c:
#
#   burst     SCALE_BURST (1000) key logins at once (ramp 1000/s), each
#             quitting at its first screen: the time from the first
#             connect to the last first screen, logins per second, how
#             many succeeded, the server's CPU per login (the listener's
#             utime+stime+cutime+cstime once every session is reaped)
#   password  SCALE_PASSWORDS (50) password logins the same way (argon2id,
#             at most password_hashes at once)
#   idle0     SCALE_LOGINS (50) key logins, 10 per second, nothing else
#             open: the listener's own CPU per login (listen.sh's method)
#   then, for each N of SCALE_SESSIONS (1000; make bench passes LOAD_BIG),
#   N sessions of one member who has written nothing (dominique: a
#   reply to a post wakes every session of its author) opened (paced above 1,000 as in load.sh) and held:
#     memory  PSS per idle session at N, and so idle sessions per GiB
#     idle    SCALE_IDLE_S (60) s with no event: the CPU of the server's
#             whole tree, in % of one core
#     listen  SCALE_LOGINS logins with the N open: the listener's own
#             CPU per login, and its ratio to idle0
#     walk    SCALE_WALKERS members walking the boards (loadgen's walk:
#             Entrée, ↓, the boards, a thread, n, Espace, a search, a
#             reply...) with a think time of 1000 ms x U(0.5, 1.5) for
#             SCALE_WALK_S (40) s: keystroke -> end of update, p99
#   The hold ends once the walkers are done; the next N starts when the
#   listener has no session left.
#
# Bounded: every loadgen run has its deadline (-D) and timeout(1) behind
# it; the times to open N sessions and to hold them scale with N and
# with the load average (server.sh's bench_open_secs), so that a busy
# machine delays a phase instead of losing it. About 4 min at 1,000;
# about 15 min at 10,000 on an idle 2-core machine (more than 2,000
# sessions: hold /tmp/palabre-bench.lock, see docs/SCALING.md).
# Outputs: build/bench/scale/*.txt and *.json, build/bench/scale.json
# (everything), build/bench/scale.txt (the summary).
# Figures only: exits 0 unless the load generator does not build.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin scale.sh "${1:-}"

out=$root/build/bench
sd=$out/scale
mkdir -p "$sd"
rm -f "$sd"/*.json "$sd"/*.txt "$sd"/*.err "$out/scale.json"
sizes=${SCALE_SESSIONS:-1000}
walkers=${SCALE_WALKERS:-100}
walk_s=${SCALE_WALK_S:-40}
idle_s=${SCALE_IDLE_S:-60}
logins=${SCALE_LOGINS:-50}
burst=${SCALE_BURST:-1000}
passwords=${SCALE_PASSWORDS:-50}
start=$(date +%s)
echo "== scale.sh: $(uptime | sed 's/^ *//')"

echo "== building build/bench/loadgen"
if ! cc -O2 -Wall -Wextra -D_GNU_SOURCE tests/bench/loadgen.c -lssh \
    -o "$out/loadgen"; then
	echo "scale.sh: loadgen does not build (libssh-dev?)" >&2
	exit 1
fi
lg=$out/loadgen
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
big=0
for n in $sizes; do
	[ "$n" -le "$big" ] || big=$n
done
[ "$big" -ge "$burst" ] || big=$burst

holder=
cleanup() {
	[ -z "$holder" ] || bench_stop_pid "$holder" 50
	[ -z "$dir" ] || [ ! -f "$dir/server.log" ] ||
	    cp "$dir/server.log" "$sd/server.log" 2>/dev/null || true
	bench_server_stop
	bench_pty_restore
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
bench_pty_room scale.sh "$((big + walkers + logins))"

bench_server_setup scale.sh
echo "== database: the demo's, and $walkers members who walk"
bench_server_boards
bench_server_walkers "$walkers"
# The held sessions are those of a member who has written nothing: a
# reply to one of their posts would wake every one of them (a member's
# notices wake all of that member's sessions), and demo, who wrote in
# the demo's threads, made each walker's reply wake 5,000 sessions.
ssh-keygen -q -t ed25519 -N '' -C bench-idle -f "$dir/idle_ed25519"
"$bin" -c "$conf" admin user add dominique --name "Dominique Roux" \
    --org "Structure membre en veille" --key "$dir/idle_ed25519.pub" \
    >>"$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; exit 1; }
maxsess=$((big + walkers + logins + 100))
[ "$maxsess" -ge 3000 ] || maxsess=3000
sed -i -e 's/^max_startups = .*/max_startups = 2000:30:3000\
max_startups_per_source = 3000/' \
    -e "s/^max_sessions = .*/max_sessions = $maxsess/" "$conf"
"$bin" check-config -c "$conf" >/dev/null
bench_server_start scale.sh
key=$dir/client_ed25519
common="-p $port -u demo -i $key -P $pid"

# run NAME SECONDS LOADGEN-ARGS...: one bounded loadgen run; its summary
# on stdout, its JSON in $sd/NAME.json.
run() {
	name=$1
	secs=$2
	shift 2
	echo "== $name (load $(cut -d' ' -f1 /proc/loadavg))"
	timeout -k 5 $((secs + 30)) "$lg" -D "$secs" -o "$sd/$name.json" \
	    "$@" >"$sd/$name.txt" 2>&1 ||
	    echo "scale.sh: loadgen ($name) exited with $?" >&2
	grep -E '^(up|first screen|steps|server CPU|errors|  [a-z]+:)' \
	    "$sd/$name.txt" || true
}

# What the listener keeps with no session (the UI's pre-initialised
# image, when it is used): counted once, a second after its start.
sleep 1
base=$(wc -w <"/proc/$pid/task/$pid/children")

# Wait (up to SECS) until the listener has no session left.
drained() {
	i=0
	while [ "$(wc -w <"/proc/$pid/task/$pid/children")" -gt "$base" ] &&
	    [ $i -lt $(($1 * 10)) ]; do
		i=$((i + 1))
		sleep 0.1
	done
}

# --- Logins in a burst ---------------------------------------------------
bsecs=$(bench_open_secs "$burst")
# shellcheck disable=SC2086
run burst "$bsecs" $common -n "$burst" -r 1000 -q
drained 60
# shellcheck disable=SC2086
run password "$(bench_open_secs "$passwords")" $common -w bienvenue \
    -n "$passwords" -r 1000 -q
drained 60

# --- The listener with nothing open ---------------------------------------
echo "== idle0: the listener's own CPU per login, no session open"
bench_listener_logins idle0 "$logins" "$lg" "$sd"
drained 30

# --- One hold of N sessions per size --------------------------------------
for n in $sizes; do
	window=0
	[ "$n" -le 1000 ] || window=16
	osecs=$(bench_open_secs "$n")
	# The hold outlasts the logins and the walk, scaled like the rest.
	hsecs=$(awk -v w="$walkers" -v d="$walk_s" -v c="$(nproc)" '{
	    printf "%d", (60 + w / 20 + d + 60) * (1 + $1 / c) }' \
	    /proc/loadavg)
	echo "== $n idle sessions: opened (up to $osecs s), $idle_s s with no" \
	    "event, then $logins logins and $walkers walkers among them" \
	    "(load $(cut -d' ' -f1 /proc/loadavg))"
	# shellcheck disable=SC2086
	timeout -k 5 $((osecs + idle_s + hsecs + 200)) "$lg" \
	    -D $((osecs + idle_s + hsecs + 180)) -p "$port" -u dominique \
	    -i "$dir/idle_ed25519" -P "$pid" -n "$n" -r 1000 \
	    -W "$window" -a 0 -d "$idle_s" -H "$hsecs" \
	    -o "$sd/hold$n.json" >"$sd/hold$n.txt" 2>"$sd/hold$n.err" &
	holder=$!
	i=0
	until grep -q "idle window over" "$sd/hold$n.err" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge $(((osecs + idle_s + 120) * 10)) ] ||
		    ! kill -0 "$holder" 2>/dev/null; then
			echo "scale.sh: the hold of $n ended early:" >&2
			tail -5 "$sd/hold$n.err" "$sd/hold$n.txt" >&2 || true
			break
		fi
		sleep 0.1
	done
	if kill -0 "$holder" 2>/dev/null; then
		open=$(wc -w <"/proc/$pid/task/$pid/children")
		echo "$open sessions open after the idle window"
		bench_listener_logins "idle$n" "$logins" "$lg" "$sd"
		# shellcheck disable=SC2086
		run "walk$n" $((walkers / 20 + walk_s + 120)) -p "$port" \
		    -u demo -i "$key" -n "$walkers" -a "$walkers" \
		    -A 'walker%d' -K "$dir/walker%d" -r 20 -d "$walk_s" \
		    -t 1000
	fi
	# SIGUSR1 ends loadgen's hold (timeout(1) forwards no SIGUSR1: to
	# its child); it reads the memory again, disconnects every session
	# and prints its figures (a SIGTERM would lose them if it did not
	# finish in time: a hold of 5,000 did not within 30 s).
	for c in $(cat "/proc/$holder/task/$holder/children" 2>/dev/null); do
		kill -USR1 "$c" 2>/dev/null || true
	done
	i=0
	while kill -0 "$holder" 2>/dev/null && [ $i -lt $((osecs * 10)) ]; do
		i=$((i + 1))
		sleep 0.1
	done
	bench_stop_pid "$holder" 50
	holder=
	grep -E '^(up|memory|idle window|  depth)' \
	    "$sd/hold$n.txt" || true
	drained $((osecs / 2 + 60))
done

# --- Summary -------------------------------------------------------------
echo
echo "== scale summary ($(uptime | sed 's/^ *//'))"
python3 - "$sd" "$out/scale.json" "$sizes" <<'EOF' | tee "$out/scale.txt" || true
import json, os, sys
sd, outp, sizes = sys.argv[1], sys.argv[2], sys.argv[3].split()
def load(name):
    try:
        return json.load(open(os.path.join(sd, name + ".json")))
    except (OSError, ValueError):
        return {}
d = {"burst": load("burst"), "password": load("password"),
     "idle0": load("idle0"), "at": {}}
ncpu = os.cpu_count() or 1
for name, label in (("burst", "key"), ("password", "password")):
    x = d[name]
    if not x:
        print(f"{label} logins: no figures (see {sd}/{name}.txt)")
        continue
    ramp = x.get("ramp_s", 0)
    cpu = x.get("server_cpu_ms_per_session", 0)
    x["logins_per_s"] = x["up"] / ramp if ramp > 0 else 0
    x["cpu_bound_logins_per_s"] = 1000.0 * ncpu / cpu if cpu > 0 else 0
    print(f"{label:8} logins, {x['sessions']} at once: {x['up']} succeeded "
          f"in {ramp:.2f} s ({x['logins_per_s']:.0f}/s; first screen median "
          f"{x['first_screen_ms'].get('median', 0):.0f} ms, max "
          f"{x['first_screen_ms'].get('max', 0):.0f}); server CPU "
          f"{cpu:.1f} ms per login, so at most "
          f"{x['cpu_bound_logins_per_s']:.0f}/s on {ncpu} cores; errors "
          f"{x['errors']['total']}")
c0 = d["idle0"].get("listener_cpu_ms_per_login")
if c0 is not None:
    print(f"listener CPU per login, nothing open: {c0:.3f} ms")
for n in sizes:
    h, ln, w = load(f"hold{n}"), load(f"idle{n}"), load(f"walk{n}")
    a = {"hold": h, "listen": ln, "walk": w}
    d["at"][n] = a
    if h:
        m = h.get("memory_idle") or {}
        print(f"{n:>6} sessions: {h['up']} of {h['sessions']} reached the "
              f"first screen ({h.get('connections_per_s', 0):.0f}/s, median "
              f"{h['first_screen_ms'].get('median', 0):.0f} ms); errors "
              f"{h['errors']['total']}")
        if m.get("pss_per_session_kb"):
            a["sessions_per_gib"] = 1048576 / m["pss_per_session_kb"]
            print(f"{'':15} PSS {m['pss_per_session_kb']:.0f} KB per idle "
                  f"session: {a['sessions_per_gib']:.0f} sessions per GiB")
        iw = h.get("idle_window")
        if iw:
            a["idle_core_pct"] = iw["server_cpu_ms_per_s"] / 10
            print(f"{'':15} idle {iw['s']:.0f} s: server CPU "
                  f"{a['idle_core_pct']:.3f} % of a core "
                  f"({iw['server_wakeups']:.0f} wake-ups), "
                  f"{iw['bytes_per_session_per_min']:.2f} bytes per "
                  f"session per minute")
    else:
        print(f"{n:>6} sessions: no figures (see {sd}/hold{n}.txt)")
    if ln and c0:
        a["listener_ratio"] = ln["listener_cpu_ms_per_login"] / c0
        print(f"{'':15} listener CPU per login "
              f"{ln['listener_cpu_ms_per_login']:.3f} ms, "
              f"{a['listener_ratio']:.2f}x the figure with nothing open")
    if w:
        k = w.get("keys_ms") or {}
        print(f"{'':15} {w['active']} walkers: keystroke -> end of update "
              f"median {k.get('median', 0):.1f} ms, p99 "
              f"{k.get('p99', 0):.1f} (n={k.get('n', 0)}); errors "
              f"{w['errors']['total']}")
json.dump(d, open(outp, "w"), indent=1)
EOF
bench_server_log
echo "== scale.sh took $(($(date +%s) - start)) s"
exit 0
