#!/bin/sh
# winsize.sh - memory of the interface process by window size.
#
#   sh tests/bench/winsize.sh
#   SIZES="80x24 300x100 1000x1000" sh tests/bench/winsize.sh
#
# A private server (tests/e2e/lib.sh: 127.0.0.1, a free port), one member
# logged in with the real OpenSSH client in a tmux window of each size,
# at Accueil; then the PSS (/proc/PID/smaps_rollup) and RSS of its
# palabre-ui, and the size the server gave the pty (its log). Sizes
# beyond the server's clamp (300x100, conn_session.c) show the clamp.
. "$(dirname "$0")/../e2e/lib.sh"

ui_pid() {
	local p
	for p in $(session_pids); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = palabre-ui ] &&
		    echo "$p"
	done
}

e2e_setup
e2e_db >/dev/null 2>&1 || e2e_bail "base"
e2e_start || e2e_bail "serveur"
for size in ${SIZES:-80x24 200x60 300x100 400x150 500x300 1000x1000}; do
	E2E_COLS=${size%x*}
	E2E_ROWS=${size#*x}
	e2e_login m "$E2E_USER" "$E2E_PASS" || e2e_bail "connexion à $size"
	keys m Enter
	wait_for m "Accueil" || true
	sleep 2
	ui=$(ui_pid)
	pss=$(awk '/^Pss:/ { print $2 }' "/proc/$ui/smaps_rollup")
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$ui/status")
	pty=$(grep -o "(xterm-256color, [0-9x]*)" "$E2E_LOG" | tail -n 1)
	printf '%-10s pty %-10s palabre-ui PSS %6d kB  RSS %6d kB\n' \
	    "$size" "${pty#*, }" "$pss" "$rss" | tr -d ')'
	tm kill-session -t "=m"
	wait_sessions 0 10
done
e2e_finish
