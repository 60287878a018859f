#!/usr/bin/env python3
"""startup.py - palabre serve: time from exec to the port accepting.

    python3 tests/bench/startup.py PALABRE CONF PORT N OUT.json

Starts "PALABRE -c CONF serve" N times; each time connects to
127.0.0.1:PORT every 0.5 ms until it accepts (10 s at most), then stops
the server (SIGTERM, SIGKILL after 7 s). Prints the median and writes
{n, min, median, max} in milliseconds to OUT.json. Used by load.sh (demo
database) and boards.sh (1,000,000 posts).
"""
import json
import signal
import socket
import subprocess
import sys
import time


def main():
    binary, conf, port, n, out = sys.argv[1], sys.argv[2], \
        int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        p = subprocess.Popen([binary, "-c", conf, "serve"],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        ok = None
        try:
            while time.perf_counter() - t0 < 10 and p.poll() is None:
                s = socket.socket()
                try:
                    s.connect(("127.0.0.1", port))
                    ok = time.perf_counter() - t0
                    break
                except ConnectionRefusedError:
                    time.sleep(0.0005)
                finally:
                    s.close()
        finally:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(7)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if ok is not None:
            samples.append(ok * 1000)
    samples.sort()
    res = {"n": len(samples)}
    if samples:
        res.update(min=samples[0], median=samples[(len(samples) - 1) // 2],
                   max=samples[-1])
        print(f"startup: port accepting {res['median']:.1f} ms after exec "
              f"(median of {len(samples)}, min {res['min']:.1f}, "
              f"max {res['max']:.1f})")
    else:
        print("startup: the server never accepted")
    with open(out, "w") as f:
        json.dump(res, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
