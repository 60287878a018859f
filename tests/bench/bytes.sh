#!/bin/sh
# bytes.sh - bytes sent per action, at 80x24, in UTF-8 and Latin-1, with
# and without SSH compression, against a private server.
#
#   sh tests/bench/bytes.sh [PALABRE_BINARY]
#
# Makes its own temp dir, host key, client key, config (127.0.0.1, a free
# port, never 2222) and demo database (tests/bench/server.sh), starts
# "palabre serve" there, runs tests/bench/bytes.py (the real OpenSSH client
# on a pty, through a logging relay) and stops the server by its PID on
# exit. Bounded: the driver stops by itself after BENCH_BYTES_DEADLINE
# seconds (50 by default) and timeout(1) backs it up; a run takes about
# 45 s.
#
# Knobs (environment): BENCH_BYTES_REPS (3), BENCH_BYTES_DEADLINE (50),
# BENCH_BYTES_JSON (a file for the raw figures), BENCH_BYTES_RAW (a dir
# for the raw output of each action).
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
command -v ss >/dev/null || { echo "bytes.sh: ss (iproute2) missing" >&2;
    exit 1; }

. "$root/tests/bench/server.sh"
bench_bin bytes.sh "${1:-}"
trap bench_server_stop EXIT
trap 'exit 130' INT TERM HUP
bench_server_setup bytes.sh
bench_server_boards
bench_server_start bytes.sh

deadline=${BENCH_BYTES_DEADLINE:-50}
rc=0
timeout -k 5 $((deadline + 5)) python3 tests/bench/bytes.py \
    --port "$port" --listener "$pid" --key "$dir/client_ed25519" \
    --known-hosts "$dir/known_hosts" --home "$dir/home" \
    --reps "${BENCH_BYTES_REPS:-3}" --deadline "$deadline" \
    ${BENCH_BYTES_JSON:+--json "$BENCH_BYTES_JSON"} \
    ${BENCH_BYTES_RAW:+--raw-dir "$BENCH_BYTES_RAW"} || rc=$?
[ $rc -eq 0 ] || echo "bytes.sh: the driver exited with $rc" >&2

bench_server_log
exit 0
