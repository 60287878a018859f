#!/bin/sh
# notices.sh - what notices while connected cost (issue 16): NOTICES_BIG
# (1000) idle sessions held by the load generator, then
#
#   idle      NOTICES_IDLE_S (60) s with no event: the CPU of the whole
#             server tree (listener, session processes, interfaces:
#             utime+stime) per second, and the bytes each session read,
#             per session per minute (zero is the goal: nothing polls);
#   latency   while the 1000 sessions are still held, NOTICES_N (10)
#             replies to a post of walker0, who is connected with the
#             real OpenSSH client in a private tmux: from the start of
#             « palabre admin post reply » to the line « ... vous a
#             répondu : Essai N » on walker0's screen (tmux capture-pane
#             in a tight loop: a few ms of resolution), and the command's
#             own run time (process start, database, commit) beside it;
#   fan-out   then one private message to demo, whose 1000 sessions
#             are the idle ones: how many of them read something during
#             the hold (all should: the 10 notices before were
#             walker0's, not theirs), the bytes, the server's CPU.
#
#   sh tests/bench/notices.sh [PALABRE_BINARY]      (after make)
#
# The private server of tests/bench/server.sh (127.0.0.1, a free port,
# never 2222; stopped by its PID), with its limits raised as load.sh
# does. Above 1,000 sessions (NOTICES_BIG=10000, under the big-bench
# lock: flock /tmp/palabre-bench.lock ...) they open paced as listen.sh's
# (loadgen -W 16, room for their ptys, 60 s + 40 ms a session of
# opening time, times 1 + load average / cores). Bounded: loadgen has its deadline (-D) and timeout(1) behind it,
# each wait for a screen stops after 5 s. About 2 min on 2 cores.
# Outputs: build/bench/notices.txt (the summary), build/bench/notices/.
# Figures only: exits 0 unless the load generator does not build.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin notices.sh "${1:-}"

out=$root/build/bench
nd=$out/notices
mkdir -p "$nd"
rm -f "$nd"/*
big=${NOTICES_BIG:-1000}
idle=${NOTICES_IDLE_S:-60}
count=${NOTICES_N:-10}
hold=$((count * 3 + 20))
window=0
opensecs=0
if [ "$big" -gt 1000 ]; then
	window=16
	opensecs=$(awk -v n="$big" -v c="$(nproc)" '{
	    printf "%d", (60 + n * 0.04) * (1 + $1 / c) }' /proc/loadavg)
fi
maxsess=$((big + 100 > 3000 ? big + 100 : 3000))

echo "== building build/bench/loadgen"
if ! cc -O2 -Wall -Wextra -D_GNU_SOURCE tests/bench/loadgen.c -lssh \
    -o "$out/loadgen"; then
	echo "notices.sh: loadgen does not build (libssh-dev?)" >&2
	exit 1
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

lpid=
tmx=
cleanup() {
	[ -z "$tmx" ] || tmux -S "$tmx" kill-server 2>/dev/null || true
	[ -z "$lpid" ] || bench_stop_pid "$lpid" 50
	[ -z "$dir" ] || [ ! -f "$dir/server.log" ] ||
	    cp "$dir/server.log" "$nd/server.log" 2>/dev/null || true
	bench_server_stop
	bench_pty_restore
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
bench_pty_room notices.sh "$big"
big=$pty_fit

bench_server_setup notices.sh
bench_server_walkers 1
mkdir -p "$dir/boards.d"
cat >"$dir/boards.d/essais.conf" <<'EOF'
[board]
key = essais
title = Essais
description = Les fils du banc d'essai des avis
section = Essais
order = 10
read = membre
post = membre
EOF
sed -i -e "s|^database = .*|&\\
boards = $dir/boards.d|" -e 's/^max_startups = .*/max_startups = 2000:30:3000\
max_startups_per_source = 3000/' \
    -e "s/^max_sessions = .*/max_sessions = $maxsess/" "$conf"
"$bin" -c "$conf" admin board sync >/dev/null
"$bin" check-config -c "$conf" >/dev/null
i=1
while [ $i -le "$count" ]; do
	printf 'Un fil pour mesurer un avis.\n' | "$bin" -c "$conf" admin post \
	    new --board essais --author walker0 --title "Essai $i" \
	    >"$dir/post$i" || exit 1
	i=$((i + 1))
done
bench_server_start notices.sh

# --- The idle sessions --------------------------------------------------
echo "== $big idle sessions (demo), $idle s without an event, then" \
    "$count notices to walker0 while they are held"
timeout -k 5 $((opensecs + idle + hold + 200)) "$out/loadgen" \
    -D $((opensecs + idle + hold + 180)) -p "$port" -u demo \
    -i "$dir/client_ed25519" -P "$pid" -n "$big" -r 1000 -W "$window" \
    -a 0 -d "$idle" -H "$hold" -o "$nd/idle.json" \
    >"$nd/idle.txt" 2>"$nd/idle.err" &
lpid=$!

# --- walker0, with the real client --------------------------------------
tmx=$dir/tmux.sock
printf 'set -g status off\n' >"$dir/tmux.conf"
tmux -S "$tmx" -f "$dir/tmux.conf" new-session -d -s w -x 80 -y 24 \
    env TERM=xterm-256color LANG=fr_FR.UTF-8 ssh -F /dev/null \
    -i "$dir/walker0" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes \
    -o LogLevel=ERROR -o SendEnv=LANG -p "$port" walker0@127.0.0.1
shows() {
	tmux -S "$tmx" capture-pane -p -t w 2>/dev/null | grep -qF "$1"
}
# wait_shows TEXT: up to 5 s, checking as fast as tmux answers.
wait_shows() {
	end=$(($(date +%s%N) + 5000000000))
	while [ "$(date +%s%N)" -lt "$end" ]; do
		shows "$1" && return 0
	done
	return 1
}

i=0
until grep -q "idle window over" "$nd/idle.err" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge $(((opensecs + idle + 200) * 10)) ] ||
	    ! kill -0 "$lpid" 2>/dev/null
	then
		echo "notices.sh: the load generator ended early:" >&2
		cat "$nd/idle.err" "$nd/idle.txt" >&2 || true
		exit 0
	fi
	# walker0 at Accueil meanwhile.
	if shows "Appuyez sur Entr"; then
		tmux -S "$tmx" send-keys -t w Enter
	fi
	sleep 0.1
done
wait_shows "› Accueil" || echo "notices.sh: walker0 is not at Accueil" >&2

# --- One notice at a time -----------------------------------------------
: >"$nd/latency.txt"
i=1
while [ $i -le "$count" ]; do
	post=$(cat "$dir/post$i")
	t0=$(date +%s%N)
	printf 'Une réponse.\n' | "$bin" -c "$conf" admin post reply \
	    --to "$post" --author demo >/dev/null
	t1=$(date +%s%N)
	if wait_shows "vous a répondu : Essai $i"; then
		t2=$(date +%s%N)
		echo "$(((t2 - t0) / 1000)) $(((t1 - t0) / 1000))" \
		    >>"$nd/latency.txt"
	else
		echo "notices.sh: notice $i not seen within 5 s" >&2
	fi
	sleep 1
	i=$((i + 1))
done
tmux -S "$tmx" capture-pane -p -t w >"$nd/walker0.screen" 2>/dev/null || true
# Then one private message to demo: every one of the held sessions is
# woken (the hold's figures: who read, the server's CPU).
printf 'Un message pour toutes vos sessions.\n' | "$bin" -c "$conf" admin \
    message send --from walker0 --to demo --subject "Essai" >/dev/null ||
    echo "notices.sh: the message to demo was not sent" >&2
wait "$lpid" || echo "notices.sh: loadgen exited with $?" >&2
lpid=

{
	grep -E '^(up|idle window|hold|errors)' "$nd/idle.txt" || true
	med() { sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }
	mx() { sort -n | awk '{ v = $1 } END { if (NR) printf "%.1f", v / 1000 }'; }
	if [ -s "$nd/latency.txt" ]; then
		echo "latency of one notice (reply -> on walker0's screen)," \
		    "$(wc -l <"$nd/latency.txt") runs: median" \
		    "$(cut -d' ' -f1 "$nd/latency.txt" | med) ms, max" \
		    "$(cut -d' ' -f1 "$nd/latency.txt" | mx) ms; the admin" \
		    "command alone: median $(cut -d' ' -f2 "$nd/latency.txt" |
		    med) ms"
	else
		echo "latency: no notice seen"
	fi
} | tee "$out/notices.txt"
bench_server_log
exit 0
