#!/usr/bin/env python3
"""preauth_flood.py - real logins while idle connections flood the server.

    python3 tests/e2e/preauth_flood.py --port PORT --key KEY
        [--conns 500] [--addrs 250] [--logins 40] [--limit 2.0]
        [--deadline 90] [--banner] [--reopen 0.1]

Opens CONNS TCP connections to 127.0.0.1:PORT, CONNS/ADDRS from each of
ADDRS source addresses in 127.1.0.0/16 (Linux routes all of 127/8 to the
loopback; each socket is bound to its address before connect). They say
nothing (with --banner: only an SSH banner) and are reopened REOPEN
seconds after the server closes them, as a flood would (not at once: the
flood runs on the same cores as the server, and a loop of refused
reconnections would measure how this script competes for them rather
than what the server does). Once the flood holds its
connections, LOGINS real logins follow one after another: the OpenSSH
client with KEY, « ssh -T » (authentication, a session channel, a shell
request: the server answers « Palabre a besoin d'un terminal » and exit
status 1 only after a successful login). Each login counts as a success
if that answer came within LIMIT seconds.

Prints one line per login, then « N/M connexions réussies en moins de
LIMIT s », and exits 0 if at least 95 % succeeded, else 1. Everything is
bounded: the whole run stops at DEADLINE seconds, every socket is closed.
"""
import argparse
import errno
import selectors
import socket
import subprocess
import sys
import time

SSH_OPTS = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
            "-o", "PreferredAuthentications=publickey",
            "-o", "ConnectTimeout=10", "-T"]


class Flood:
    def __init__(self, port, conns, addrs, banner):
        self.port = port
        self.banner = banner
        self.sel = selectors.DefaultSelector()
        self.addrs = ["127.1.%d.%d" % (1 + i // 250, 1 + i % 250)
                      for i in range(addrs)]
        self.slots = [self.addrs[i % addrs] for i in range(conns)]
        self.socks = [None] * conns
        self.reopen_at = [0.0] * conns
        self.reopen = 0.0
        self.opened = 0
        self.closed = 0

    def open(self, i):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.bind((self.slots[i], 0))
            s.connect((("127.0.0.1"), self.port))
        except BlockingIOError:
            pass
        except OSError as e:
            if e.errno != errno.EINPROGRESS:
                s.close()
                self.socks[i] = None
                self.reopen_at[i] = time.monotonic() + self.reopen
                return
        self.socks[i] = s
        self.sel.register(s, selectors.EVENT_WRITE, (i, "connect"))
        self.opened += 1

    def drop(self, i):
        s = self.socks[i]
        if s is not None:
            self.sel.unregister(s)
            s.close()
            self.socks[i] = None
            self.reopen_at[i] = time.monotonic() + self.reopen
            self.closed += 1

    def start(self):
        for i in range(len(self.slots)):
            self.open(i)

    def turn(self, timeout):
        """Wait for events; reopen what the server closed."""
        for key, ev in self.sel.select(timeout):
            i, state = key.data
            s = self.socks[i]
            if state == "connect":
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                    self.drop(i)
                    continue
                if self.banner:
                    try:
                        s.send(b"SSH-2.0-flood\r\n")
                    except OSError:
                        self.drop(i)
                        continue
                self.sel.modify(s, selectors.EVENT_READ, (i, "idle"))
                continue
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                self.drop(i)
        now = time.monotonic()
        for i, s in enumerate(self.socks):
            if s is None and now >= self.reopen_at[i]:
                self.open(i)

    def held(self):
        return sum(1 for s in self.socks if s is not None)

    def stop(self):
        for i in range(len(self.socks)):
            self.drop(i)
        self.sel.close()


def login(args):
    cmd = ["ssh", "-i", args.key, "-p", str(args.port)] + SSH_OPTS + \
        ["%s@127.0.0.1" % args.user]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return p, t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--user", default="demo")
    ap.add_argument("--conns", type=int, default=500)
    ap.add_argument("--addrs", type=int, default=250)
    ap.add_argument("--logins", type=int, default=40)
    ap.add_argument("--limit", type=float, default=2.0)
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--deadline", type=float, default=90.0)
    ap.add_argument("--banner", action="store_true")
    ap.add_argument("--reopen", type=float, default=0.1)
    args = ap.parse_args()
    end = time.monotonic() + args.deadline
    flood = Flood(args.port, args.conns, args.addrs, args.banner)
    flood.reopen = args.reopen
    flood.start()
    # Let the flood fill the server's table.
    warm = time.monotonic() + args.warmup
    while time.monotonic() < warm:
        flood.turn(0.05)
    print("flot : %d connexions ouvertes, %d tenues, %d fermées par le "
          "serveur" % (flood.opened, flood.held(), flood.closed))
    ok = 0
    done = 0
    times = []
    for n in range(args.logins):
        if time.monotonic() > end:
            break
        p, t0 = login(args)
        err = b""
        # The flood keeps reopening while the login runs.
        while p.poll() is None and time.monotonic() < end:
            flood.turn(0.01)
            if time.monotonic() - t0 > 30:
                p.kill()
        p.wait()
        err = p.stderr.read()
        p.stderr.close()
        dt = time.monotonic() - t0
        done += 1
        good = b"Palabre a besoin d'un terminal" in err and p.returncode == 1
        if good:
            times.append(dt)
        if good and dt <= args.limit:
            ok += 1
        print("connexion %2d : %s en %.2f s%s" % (
            n + 1, "réussie" if good else "échouée", dt,
            "" if good else " (statut %d : %s)" % (
                p.returncode, err.decode("utf-8", "replace").strip()[:80])))
    print("flot : %d connexions ouvertes en tout, %d tenues à la fin" %
          (flood.opened, flood.held()))
    flood.stop()
    times.sort()
    if times:
        print("durées des connexions réussies : médiane %.2f s, max %.2f s"
              % (times[len(times) // 2], times[-1]))
    print("%d/%d connexions réussies en moins de %.1f s" %
          (ok, args.logins, args.limit))
    return 0 if ok * 100 >= 95 * args.logins else 1


if __name__ == "__main__":
    sys.exit(main())
