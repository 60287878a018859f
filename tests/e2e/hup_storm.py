#!/usr/bin/env python3
"""hup_storm.py - connections arriving while the listener reloads.

    python3 tests/e2e/hup_storm.py --port PORT --pid PID [--conns 200]
        [--every 0.02] [--deadline 90]

Sends SIGHUP to the listener PID every EVERY seconds while it opens CONNS
TCP connections to 127.0.0.1:PORT one after another, each waiting (10 s
at most) for the server's SSH banner and then closing. Each reload ends
with a SIGUSR1 to every session process, the newest included: one that
was killed by it before it could block the signal never sends its
banner (its client's ssh exits 255).

Prints « N connexions sur M sans bannière » and exits 0 if every
connection got its banner, else 1. Bounded: it stops at DEADLINE seconds.
"""
import argparse
import os
import signal
import socket
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--conns", type=int, default=200)
    ap.add_argument("--every", type=float, default=0.02)
    ap.add_argument("--deadline", type=float, default=90.0)
    args = ap.parse_args()
    end = time.monotonic() + args.deadline
    done = threading.Event()
    hups = [0]

    def storm():
        while not done.is_set() and time.monotonic() < end:
            try:
                os.kill(args.pid, signal.SIGHUP)
            except OSError:
                return
            hups[0] += 1
            done.wait(args.every)

    t = threading.Thread(target=storm)
    t.start()
    bad = tried = 0
    try:
        for _ in range(args.conns):
            if time.monotonic() >= end:
                break
            tried += 1
            data = b""
            try:
                with socket.create_connection(("127.0.0.1", args.port),
                                              timeout=10) as s:
                    data = s.recv(64)
            except OSError:
                pass
            if not data.startswith(b"SSH-2.0-"):
                bad += 1
    finally:
        done.set()
        t.join()
    print("%d SIGHUP, %d connexions sur %d sans bannière"
          % (hups[0], bad, tried))
    return 0 if bad == 0 and tried == args.conns else 1


if __name__ == "__main__":
    sys.exit(main())
