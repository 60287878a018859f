#!/bin/sh
# proxy.sh - what the PROXY v2 front costs a connection: the time from
# the TCP connect to the server's SSH banner, for a direct connection
# (an address not in proxy_from: nothing read), a relay's connection
# without a header (a look at the first byte, then the report to the
# listener) and with one (the header read, the same report), straight
# to Palabre; then through HAProxy (send-proxy-v2) when it is installed.
#
#   sh tests/bench/proxy.sh [PALABRE_BINARY]
#
# A private server (tests/bench/server.sh) with proxy_protocol =
# optional, proxy_from = 127.0.0.1; BENCH_PROXY_N connections of each
# kind (300), one at a time, kinds interleaved. Bounded: the driver
# stops after 60 s, timeout(1) backs it; HAProxy is stopped by its PID.
# Figures only: nothing here passes or fails on speed.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin proxy.sh "${1:-}"
ha_pid=
proxy_stop() {
	bench_stop_pid "$ha_pid" 30
	bench_server_stop
}
trap proxy_stop EXIT
trap 'exit 130' INT TERM HUP
bench_server_setup proxy.sh
printf '[server]\nproxy_protocol = optional\nproxy_from = 127.0.0.1\n' \
    >>"$conf"
bench_server_start proxy.sh

ha_port=0
if command -v haproxy >/dev/null 2>&1; then
	ha_port=$(bench_free_port "$port")
	cat >"$dir/haproxy.cfg" <<EOC
defaults
	mode tcp
	timeout connect 5s
	timeout client 1m
	timeout server 1m
frontend ssh
	bind 127.0.0.1:$ha_port
	default_backend palabre
backend palabre
	server palabre 127.0.0.1:$port send-proxy-v2
EOC
	haproxy -f "$dir/haproxy.cfg" -db >"$dir/haproxy.out" 2>&1 </dev/null &
	ha_pid=$!
	sleep 0.5
fi

timeout -k 5 80 python3 - "$port" "$ha_port" "${BENCH_PROXY_N:-300}" <<'EOP'
import socket, struct, sys, time
port, ha_port, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
sig = b"\r\n\r\n\x00\r\nQUIT\n"
hdr = sig + b"\x21\x11" + struct.pack("!H", 12) + \
    bytes([127, 9, 9, 9, 127, 0, 0, 1]) + struct.pack("!HH", 4242, 22)
kinds = [("direct (127.0.0.2, not a relay)", "127.0.0.2", port, b""),
         ("relay, no header (127.0.0.1)", "127.0.0.1", port, b""),
         ("relay, PROXY v2 header", "127.0.0.1", port, hdr)]
if ha_port:
    kinds.append(("through HAProxy (send-proxy-v2)", "127.0.0.3",
                  ha_port, b""))
times = {k[0]: [] for k in kinds}
deadline = time.monotonic() + 60
for i in range(n):
    for name, src, p, first in kinds:
        if time.monotonic() > deadline:
            break
        t0 = time.perf_counter()
        s = socket.create_connection(("127.0.0.1", p), timeout=10,
                                     source_address=(src, 0))
        if first:
            s.sendall(first)
        s.sendall(b"SSH-2.0-bench\r\n")
        got = b""
        while b"\n" not in got:
            b = s.recv(256)
            if not b:
                break
            got += b
        if got.startswith(b"SSH-2.0-"):
            times[name].append((time.perf_counter() - t0) * 1000)
        s.close()
        # Spread the connections: a burst would meet max_startups.
        time.sleep(0.01)
print("connect to SSH banner, ms (median, p90, p99, n):")
for name, _, _, _ in kinds:
    t = sorted(times[name])
    if not t:
        print(f"  {name:36s} no banner")
        continue
    q = lambda f: t[min(len(t) - 1, int(f * len(t)))]
    print(f"  {name:36s} {q(0.5):6.2f} {q(0.9):6.2f} {q(0.99):6.2f} "
          f"{len(t)}")
EOP
bench_server_log
