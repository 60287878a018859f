#!/bin/sh
# login.sh - login and memory benchmarks against a private server.
#
#   sh tests/bench/login.sh [PALABRE_BINARY]
#
# Makes its own temp dir with a host key, a client key, a config
# (127.0.0.1, a free port, never 2222) and a demo database, starts
# "palabre serve" there (tests/bench/server.sh), runs
# tests/bench/sshbench.py (the real OpenSSH client on a pty) and stops the
# server by its PID on exit. Everything is
# bounded: the driver stops by itself after BENCH_DEADLINE seconds (110 by
# default) and timeout(1) backs it up.
#
# Knobs (environment): BENCH_LOGINS (30), BENCH_PASSWORDS (10),
# BENCH_LOCALS (30), BENCH_SESSIONS (20), BENCH_DEADLINE (110),
# BENCH_JSON (a file for the raw figures).
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin login.sh "${1:-}"
trap bench_server_stop EXIT
trap 'exit 130' INT TERM HUP
bench_server_setup login.sh
bench_server_start login.sh

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

bench_server_log
exit 0
