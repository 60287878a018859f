#!/bin/sh
# listen.sh - the listener's own CPU per login, with no session open and
# with N idle sessions open (issue 18: it must stay flat).
#
#   sh tests/bench/listen.sh [PALABRE_BINARY]      (after make)
#
# A private server (tests/bench/server.sh: temp dir, 127.0.0.1, a free
# port, never 2222) with the limits raised as in load.sh. Then, with
# tests/bench/loadgen.c:
#   idle0   LISTEN_LOGINS (50) logins, 10 per second, no other session;
#   idleN   LISTEN_IDLE (1000) sessions opened and held idle at the
#           welcome screen, then the same LISTEN_LOGINS logins.
# For each: the listener's own CPU time over the logins run (the first
# field of /proc/PID/schedstat, in ns: its children's CPU is not in it,
# and clock ticks of 10 ms would be too coarse), divided by the logins.
# The figure to compare is the ratio idleN / idle0 in one run (the
# machine may be busy). Above 1,000 idle sessions (LISTEN_IDLE=10000)
# they open paced (loadgen -W 16), with room made for their ptys
# (server.sh's bench_pty_room) and time in proportion: 60 s + 40 ms per
# session, times 1 + load average / cores. Bounded: every loadgen run has
# its deadline and timeout(1) behind it. Figures only: exits 0 unless the
# load generator does not build.
#
# LISTEN_PROFILE=1 (root, perf installed): perf record -g of the listener
# alone (--no-inherit: not the sessions it forks) during each phase's
# logins, kernel included, in build/bench/listen/NAME.perf, and the share
# of its samples in fork()'s copy of its mappings (dup_mmap), and in it
# the two interval trees that grow with the sessions open (the files'
# i_mmap, the anon_vmas': docs/PERFORMANCE.md, « What the listener's fork
# costs »); then tests/bench/forkn.c with as many mappings and siblings.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin listen.sh "${1:-}"

out=$root/build/bench
mkdir -p "$out/listen"
logins=${LISTEN_LOGINS:-50}
idle=${LISTEN_IDLE:-1000}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
window=0
[ "$idle" -le 1000 ] || window=16
opensecs=$(bench_open_secs "$idle")
maxsess=$((idle + logins + 100 > 3000 ? idle + logins + 100 : 3000))

if ! cc -O2 -Wall -Wextra -D_GNU_SOURCE tests/bench/loadgen.c -lssh \
    -o "$out/loadgen"; then
	echo "listen.sh: loadgen does not build (libssh-dev?)" >&2
	exit 1
fi

holder=
cleanup() {
	[ -z "$holder" ] || bench_stop_pid "$holder" 50
	bench_server_stop
	bench_pty_restore
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
bench_pty_room listen.sh "$idle"
idle=$pty_fit

bench_server_setup listen.sh
sed -i -e 's/^max_startups = .*/max_startups = 2000:30:3000\
max_startups_per_source = 3000/' \
    -e "s/^max_sessions = .*/max_sessions = $maxsess/" "$conf"
bench_server_start listen.sh
key=$dir/client_ed25519

# listen_phase NAME: bench_listener_logins, under perf with LISTEN_PROFILE.
listen_phase() {
	prof=
	if [ -n "${LISTEN_PROFILE:-}" ]; then
		perf record -q -g --no-inherit -o "$out/listen/$1.perf" \
		    -p "$pid" >/dev/null 2>&1 &
		prof=$!
		sleep 1
	fi
	bench_listener_logins "$1" "$logins" "$out/loadgen" "$out/listen"
	[ -n "$prof" ] || return 0
	kill -INT "$prof" 2>/dev/null || true
	wait "$prof" || true
	perf script -F pid,ip,sym -i "$out/listen/$1.perf" 2>/dev/null |
	    awk -v name="$1" 'BEGIN { RS = "" } {
		n++
		f += /dup_mmap/
		i += /vma_interval_tree_insert/
		a += /anon_vma_interval_tree_insert/
	    } END {
		if (n == 0)
			exit
		printf "%s: perf, %d samples of the listener: fork'"'"'s " \
		    "dup_mmap %.0f %%, in it the files'"'"' i_mmap trees " \
		    "%.0f %%, the anon_vma trees %.0f %%\n", name, n,
		    100 * f / n, 100 * (i - a) / n, 100 * a / n }'
}

echo "== $bin: listener's own CPU per login"
listen_phase idle0
# The idle sessions: held for long enough, then they leave by themselves.
"$out/loadgen" -D $((opensecs + 400)) -p "$port" -u demo -i "$key" \
    -n "$idle" -r 200 -W "$window" -d 0 -H $((opensecs + 300)) \
    >"$out/listen/holder.txt" 2>&1 &
holder=$!
# Wait (up to opensecs) until the listener has that many children.
n=$(bench_wait_children "$idle" "$opensecs" "$holder")
echo "$n sessions open"
sleep 2
listen_phase "idle$n"
bench_stop_pid "$holder" 50
holder=
# With LISTEN_PROFILE, the same growth without the listener: forkn with
# as many mappings as it has and as many siblings as sessions were open.
if [ -n "${LISTEN_PROFILE:-}" ] && cc -O2 -Wall -Wextra -D_GNU_SOURCE \
    tests/bench/forkn.c -o "$out/forkn"; then
	"$out/forkn" -n "$n" -v "$(wc -l <"/proc/$pid/maps")" -f 300 |
	    grep -v '^JSON'
fi
