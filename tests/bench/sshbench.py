#!/usr/bin/env python3
"""sshbench.py - the login and memory benchmarks of make bench.

Started by tests/bench/login.sh, which owns the private server (its PID is
--listener). Drives the real OpenSSH client on a fresh 80x24 pty per
session (TERM=xterm-256color), standard library only.

Phases, each bounded in count and time (--deadline for the whole run):
  local     palabre local --user demo on a pty, no SSH: the UI alone;
            palabre version: exec and dynamic loading alone
  key       key logins: client defaults, KexAlgorithms=curve25519-sha256,
            and SendEnv LANG; blocks of 5 per variant, alternated
            (A B C, C B A, ...), n each
  password  password logins (askpass), n
  memory    N sessions held open at the welcome screen, PSS summed over the
            listener's children and grandchildren

A login is timed from just before the ssh process is spawned to the moment
the welcome text « Appuyez sur Entrée pour continuer » has been read from
the pty; then « Q » is sent, and « o » once « Quitter Palabre ? » shows.
The client answers cursor position requests like a UTF-8 terminal (the UI
probes the charset that way when ssh sent no LANG).
"frame" is the time of the last byte read before 50 ms of quiet after the
welcome text (the end of the first frame). Server CPU per login is the
change of utime+stime+cutime+cstime of the listener and of its live
children, read once no session is left (sessions are reaped, and each
session reaps its UI, so their CPU lands in cutime/cstime; the UIs'
image lives on, its reaped interfaces in its own cutime/cstime). Never a test: it prints
figures and exits 0 unless the harness itself breaks.
"""
import argparse
import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

WELCOME = "Appuyez sur Entrée pour continuer".encode()
QUIT_ASK = "Quitter Palabre".encode()
CPR = b"\x1b[6n"
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b.")
TICK = os.sysconf("SC_CLK_TCK")

DEADLINE = None          # monotonic time after which everything stops
STARTED = []             # every client process we spawned (Popen)


class Timeout(Exception):
    pass


def left():
    return DEADLINE - time.monotonic()


def check_deadline():
    if left() <= 0:
        raise Timeout("overall deadline reached")


# --- /proc ---------------------------------------------------------------

def cpu_ticks(pid):
    """utime+stime+cutime+cstime of pid, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    fields = data[data.rindex(")") + 2:].split()
    # fields[0] is field 3 (state); utime is field 14.
    return sum(int(fields[i]) for i in (11, 12, 13, 14))


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def descendants(pid):
    out, todo = [], children(pid)
    while todo:
        p = todo.pop(0)
        out.append(p)
        todo.extend(children(p))
    return out


def is_image(pid):
    """pid is the interfaces' image (palabre-ui --image): a child of the
    listener for its whole life, the interfaces are its children."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"--image" in f.read()
    except OSError:
        return False


def sessions_left(pid):
    """The listener's children but the image, and the image's."""
    n = 0
    for c in children(pid):
        n += len(children(c)) if is_image(c) else 1
    return n


def server_cpu(pid):
    """The listener's CPU and its live children's (the image's reaped
    interfaces are in its cutime/cstime), in clock ticks."""
    t = cpu_ticks(pid)
    for c in children(pid):
        try:
            t += cpu_ticks(c)
        except OSError:
            pass
    return t


def wait_no_children(pid, limit=10.0):
    end = time.monotonic() + min(limit, max(left(), 0.5))
    while sessions_left(pid) and time.monotonic() < end:
        time.sleep(0.01)
    return not sessions_left(pid)


def smaps(pid):
    """KB of Pss, Rss, USS (private clean + dirty) and page tables."""
    r = {"Pss": 0, "Rss": 0, "Private_Clean": 0, "Private_Dirty": 0}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            k = line.split(":")[0]
            if k in r:
                r[k] = int(line.split()[1])
    pte = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmPTE:"):
                pte = int(line.split()[1])
    return {"pss": r["Pss"], "rss": r["Rss"],
            "uss": r["Private_Clean"] + r["Private_Dirty"], "pte": pte}


def cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().replace(b"\0", b" ").decode(errors="replace")


# --- one client on a pty ---------------------------------------------------

class Client:
    """A command on a fresh 80x24 pty, read without blocking."""

    def __init__(self, argv, env):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, 80, 0, 0))
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, close_fds=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        STARTED.append(self.proc)
        os.close(slave)
        os.set_blocking(self.master, False)
        self.buf = bytearray()
        self.eof = False
        self.last_read = None
        self.cpr_scan = 0
        self.cpr_answers = 0

    def read_some(self, timeout):
        """Read what is there within timeout s; False on EOF/timeout."""
        if self.eof:
            return False
        r, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not r:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:          # EIO: every slave fd is closed
            data = b""
        if not data:
            self.eof = True
            return False
        self.last_read = time.perf_counter()
        self.buf += data
        self.answer_cpr()
        return True

    def answer_cpr(self):
        """Answer cursor position requests (ESC [ 6 n) as a UTF-8
        terminal would: the UI probes the member's charset with
        "\\r é ESC[6n" when the client sent no LANG, and waits for the
        answer (800 ms) otherwise. Row 1; the column counts the
        characters since the last CR or LF, escape sequences left out."""
        while True:
            i = self.buf.find(CPR, self.cpr_scan)
            if i == -1:
                self.cpr_scan = max(self.cpr_scan, len(self.buf) - 3)
                return
            self.cpr_scan = i + len(CPR)
            j = max(self.buf.rfind(b"\r", 0, i), self.buf.rfind(b"\n", 0, i))
            seg = ESCAPES.sub(b"", bytes(self.buf[j + 1:i]))
            col = 1 + len(seg.decode("utf-8", "replace"))
            try:
                os.write(self.master, f"\x1b[1;{col}R".encode())
                self.cpr_answers += 1
            except OSError:
                pass

    def wait_for(self, marker, timeout, start=0):
        """Seconds since spawn when marker was read, or None."""
        end = time.monotonic() + min(timeout, max(left(), 0))
        while True:
            i = self.buf.find(marker, start)
            if i != -1:
                return self.last_read - self.t0, i
            if time.monotonic() >= end or self.eof:
                return None, -1
            self.read_some(end - time.monotonic())

    def settle(self, quiet=0.05, limit=1.0):
        """Read until quiet s without output; time of the last byte."""
        end = time.monotonic() + limit
        while time.monotonic() < end and self.read_some(quiet):
            pass
        return self.last_read - self.t0

    def send(self, data):
        os.write(self.master, data)

    def quit(self, timeout=5.0):
        """Q, then o at « Quitter Palabre ? »; wait for the end."""
        start = len(self.buf)
        try:
            self.send(b"Q")
            t, _ = self.wait_for(QUIT_ASK, timeout, start)
            if t is not None:
                self.send(b"o")
        except OSError:
            pass
        return self.finish(timeout)

    def finish(self, timeout=5.0):
        """Drain until EOF and reap; kill it if it lingers. Exit code."""
        end = time.monotonic() + timeout
        while not self.eof and time.monotonic() < end:
            self.read_some(end - time.monotonic())
        try:
            _, status, ru = os.wait4(self.proc.pid, 0) if self.eof else \
                (0, None, None)
        except ChildProcessError:
            status, ru = None, None
        if status is None:
            self.kill()
            return None, None
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        os.close(self.master)
        self.master = -1
        return self.proc.returncode, ru.ru_utime + ru.ru_stime

    def kill(self):
        if self.proc.returncode is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
        if self.master != -1:
            os.close(self.master)
            self.master = -1


def cleanup():
    for p in STARTED:
        if p.returncode is None and p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                p.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass


# --- statistics --------------------------------------------------------------

def pct(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(1, -(-len(v) * p // 100))
    return v[int(k) - 1]


def median(values):
    v = sorted(values)
    n = len(v)
    if n == 0:
        return float("nan")
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def summary(ms):
    return {"n": len(ms), "min": min(ms) if ms else float("nan"),
            "median": median(ms), "p95": pct(ms, 95),
            "max": max(ms) if ms else float("nan")}


# --- phases ------------------------------------------------------------------

def ssh_argv(a, extra, password=False):
    argv = ["ssh", "-F", "/dev/null", "-tt", "-p", str(a.port),
            "-o", f"UserKnownHostsFile={a.known_hosts}",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10"]
    if password:
        argv += ["-o", "PreferredAuthentications=password",
                 "-o", "PubkeyAuthentication=no",
                 "-o", "NumberOfPasswordPrompts=1"]
    else:
        argv += ["-i", a.key, "-o", "IdentitiesOnly=yes",
                 "-o", "BatchMode=yes",
                 "-o", "PreferredAuthentications=publickey"]
    return argv + extra + [f"{a.user}@127.0.0.1"]


def client_env(a, password=False, lang=None):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "TERM": "xterm-256color", "HOME": a.home}
    if lang:
        env["LANG"] = lang
    if password:
        env["SSH_ASKPASS"] = a.askpass
        env["SSH_ASKPASS_REQUIRE"] = "force"
        env["DISPLAY"] = ":0"
    return env


def one_login(a, argv, env, listener):
    """One full session; a dict of figures, "ok" False if it failed."""
    check_deadline()
    c = Client(argv, env)
    try:
        t, _ = c.wait_for(WELCOME, 10.0)
        if t is None:
            tail = bytes(c.buf[-300:]).decode(errors="replace")
            waited = (time.perf_counter() - c.t0) * 1e3
            rc, _ = c.finish(1.0)
            return {"ok": False, "why": f"no welcome text after "
                    f"{waited:.0f} ms (ssh exit {rc}): {tail!r}"}
        frame = c.settle()
        size = len(c.buf)
        t_q = time.perf_counter()
        rc, client_cpu = c.quit()
        total = time.perf_counter() - c.t0
        t_end = time.perf_counter() - t_q
    except BaseException:
        c.kill()
        raise
    if listener:
        wait_no_children(listener)
    why = f"ssh exit {rc}"
    if rc != 0:
        tail = bytes(c.buf[-160:]).decode(errors="replace")
        why += f" after the welcome text; last output {tail!r}"
    return {"ok": rc == 0, "why": why, "first": t * 1e3,
            "frame": frame * 1e3, "bytes": size, "total": total * 1e3,
            "client_cpu": (client_cpu or 0) * 1e3, "quit": t_end * 1e3,
            "cpr": c.cpr_answers}


def run_logins(a, variants, n, listener, block=5):
    """variants: name -> (argv, env). Blocks of `block` logins per variant,
    alternated (A B C, C B A, ...), so a slow spell hits them all. Server CPU is read
    around each block: /proc reports whole clock ticks (10 ms), so reading
    per block rather than per login keeps the rounding below 0.5 ms per
    login."""
    names = list(variants)
    res = {k: {"rows": [], "cpu_ticks": 0, "fail": []} for k in names}
    # One warm-up each, not counted.
    for k in names:
        one_login(a, *variants[k], listener)
    done = {k: 0 for k in names}
    r = 0
    while any(done[k] < n for k in names):
        order = names if r % 2 == 0 else names[::-1]
        r += 1
        for k in order:
            count = min(block, n - done[k])
            if count <= 0:
                continue
            wait_no_children(listener)
            before = server_cpu(listener)
            ok = 0
            for _ in range(count):
                row = one_login(a, *variants[k], listener)
                if row["ok"]:
                    res[k]["rows"].append(row)
                    ok += 1
                else:
                    res[k]["fail"].append(row["why"])
            wait_no_children(listener)
            # A block with a failure is left out of the CPU figure.
            if ok == count:
                res[k]["cpu_ticks"] += server_cpu(listener) - before
                res[k]["cpu_logins"] = res[k].get("cpu_logins", 0) + ok
            done[k] += count
    out = {}
    for k in names:
        rows = res[k]["rows"]
        out[k] = {
            "first": summary([x["first"] for x in rows]),
            "frame": summary([x["frame"] for x in rows]),
            "total": summary([x["total"] for x in rows]),
            "quit": summary([x["quit"] for x in rows]),
            "server_cpu_ms": res[k]["cpu_ticks"] * 1000 / TICK /
            max(res[k].get("cpu_logins", 0), 1),
            "no_stall": sum(1 for x in rows if x["first"] < 40),
            "probed": sum(1 for x in rows if x["cpr"] > 0),
            "client_cpu_ms": sum(x["client_cpu"] for x in rows) /
            max(len(rows), 1),
            "bytes_first_frame": median([x["bytes"] for x in rows]),
            "failures": res[k]["fail"],
            "raw_first": [round(x["first"], 2) for x in rows],
            "raw_quit": [round(x["quit"], 2) for x in rows],
        }
    return out


def run_local(a, n):
    """The UI alone on a pty: exec to welcome text, CPU from rusage."""
    argv = [a.palabre, "-c", a.conf, "local", "--user", a.user]
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color",
           "HOME": a.home}
    first, cpu, fails = [], [], []
    for i in range(n + 1):
        check_deadline()
        c = Client(argv, env)
        t, _ = c.wait_for(WELCOME, 10.0)
        if t is None:
            fails.append(bytes(c.buf[-200:]).decode(errors="replace"))
            c.kill()
            continue
        c.settle()
        rc, ccpu = c.quit()
        if i == 0:
            continue            # warm-up
        if rc == 0:
            first.append(t * 1e3)
            cpu.append(ccpu * 1e3)
        else:
            fails.append(f"exit {rc}")
    return {"first": summary(first),
            "cpu_ms": sum(cpu) / max(len(cpu), 1), "failures": fails}


def run_exec(a, n):
    """palabre version: exec, dynamic loading of every library, exit."""
    wall, cpu = [], []
    for i in range(n + 1):
        check_deadline()
        t0 = time.perf_counter()
        p = subprocess.Popen([a.palabre, "version"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin"})
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if i > 0:
            wall.append((time.perf_counter() - t0) * 1e3)
            cpu.append((ru.ru_utime + ru.ru_stime) * 1e3)
    return {"wall": summary(wall), "cpu_ms": sum(cpu) / max(len(cpu), 1)}


def run_commands(a, n, listener, words):
    """One command over SSH without the menus (ssh host quoi-de-neuf): from the
    spawn of ssh to its exit, output read to the end; no pty."""
    argv = [x for x in ssh_argv(a, []) if x != "-tt"] + words
    wall, fail = [], 0
    for i in range(n + 1):
        check_deadline()
        t0 = time.perf_counter()
        p = subprocess.run(argv, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=client_env(a), timeout=10)
        ms = (time.perf_counter() - t0) * 1e3
        if listener:
            wait_no_children(listener)
        if p.returncode != 0 or not p.stdout:
            fail += 1
        elif i > 0:
            wall.append(ms)
    return {"total": summary(wall), "failures": fail,
            "bytes": len(p.stdout)}


def run_memory(a, n, listener):
    """n idle sessions at the welcome screen, held concurrently."""
    wait_no_children(listener)
    clients, fails = [], []
    t_open = time.perf_counter()
    try:
        for i in range(n):
            check_deadline()
            c = Client(ssh_argv(a, []), client_env(a))
            clients.append(c)
            t, _ = c.wait_for(WELCOME, 10.0)
            if t is None:
                fails.append("no welcome text")
                continue
            c.settle()
        t_open = time.perf_counter() - t_open
        time.sleep(1.0)         # idle
        procs = descendants(listener)
        # The image's PSS counts in the total (shared by all sessions),
        # not in either kind's.
        per = {"session": [], "ui": [], "image": []}
        for p in procs:
            try:
                kind = "image" if is_image(p) else \
                    "ui" if "--session" in cmdline(p) else "session"
                per[kind].append(smaps(p))
            except OSError:
                pass
        lst = smaps(listener)
    finally:
        for c in clients:
            try:
                c.quit(3.0)
            except Exception:
                c.kill()
    ok = n - len(fails)
    closed = wait_no_children(listener)

    def tot(rows, key):
        return sum(r[key] for r in rows)
    allp = per["session"] + per["ui"] + per["image"]
    out = {"n": n, "ok": ok, "open_seconds": t_open,
           "processes": len(allp) - len(per["image"]),
           "processes_per_session": len(allp) / max(ok, 1),
           "listener": lst, "closed_cleanly": closed, "failures": fails}
    for key in ("pss", "uss", "rss", "pte"):
        out[key + "_per_session_kb"] = tot(allp, key) / max(ok, 1)
        out["session_" + key + "_kb"] = tot(per["session"], key) / \
            max(len(per["session"]), 1)
        out["ui_" + key + "_kb"] = tot(per["ui"], key) / \
            max(len(per["ui"]), 1)
    return out


# --- main --------------------------------------------------------------------

def fmt(s):
    return (f"{s['median']:7.1f} {s['p95']:7.1f} {s['max']:7.1f} "
            f"{s['min']:7.1f}")


def main():
    global DEADLINE
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--listener", type=int, required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--known-hosts", dest="known_hosts", required=True)
    ap.add_argument("--askpass", required=True)
    ap.add_argument("--palabre", required=True)
    ap.add_argument("--conf", required=True)
    ap.add_argument("--home", required=True)
    ap.add_argument("--user", default="demo")
    ap.add_argument("--logins", type=int, default=30)
    ap.add_argument("--passwords", type=int, default=10)
    ap.add_argument("--locals", type=int, default=30)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--deadline", type=float, default=120)
    ap.add_argument("--json")
    a = ap.parse_args()
    DEADLINE = time.monotonic() + a.deadline
    # timeout(1) sends SIGTERM: leave through the finally below, which
    # kills the clients we started.
    signal.signal(signal.SIGTERM, on_term)
    res = {}
    L = a.listener
    try:
        print(f"== UI alone: palabre local on a pty, no SSH "
              f"(n={a.locals})", flush=True)
        res["local"] = run_local(a, a.locals)
        s = res["local"]
        print("   ms to welcome text: median p95 max min: "
              f"{fmt(s['first'])}; CPU {s['cpu_ms']:.1f} ms/run"
              + (f"; failures {s['failures']}" if s["failures"] else ""),
              flush=True)

        res["exec"] = e = run_exec(a, a.locals)
        print(f"   exec alone (palabre version, n={a.locals}): median "
              f"{e['wall']['median']:.1f} ms, CPU {e['cpu_ms']:.1f} ms/run",
              flush=True)

        print(f"== key logins, connect -> first screen (n={a.logins} each, "
              "alternated)", flush=True)
        variants = {
            "key, client defaults": (ssh_argv(a, []), client_env(a)),
            "key, curve25519-sha256": (
                ssh_argv(a, ["-o", "KexAlgorithms=curve25519-sha256"]),
                client_env(a)),
            # Debian's and macOS's ssh_config send LANG and LC_*; with it
            # the UI knows the charset and does not probe the terminal.
            "key, SendEnv LANG": (
                ssh_argv(a, ["-o", "SendEnv=LANG"]),
                client_env(a, lang="fr_FR.UTF-8")),
        }
        res["key"] = run_logins(a, variants, a.logins, L)
        print_logins(res["key"])

        # Same run, just after: a whole command against the interactive
        # login's first screen (the variant « key, client defaults »).
        print(f"== command without the menus: ssh host quoi-de-neuf, total "
              f"(n={a.logins})", flush=True)
        res["command"] = c = run_commands(a, a.logins, L, ["quoi-de-neuf"])
        first = res["key"]["key, client defaults"]["first"]["median"]
        print(f"   ms spawn .. exit: median p95 max min: "
              f"{fmt(c['total'])}; {c['bytes']} bytes of output; "
              f"interactive first screen median {first:.1f} ms; ratio "
              f"{c['total']['median'] / first:.2f}"
              + (f"; FAILURES {c['failures']}" if c["failures"] else ""),
              flush=True)

        if a.passwords > 0:
            print(f"== password logins (argon2id), n={a.passwords}",
                  flush=True)
            res["password"] = run_logins(a, {
                "password, client defaults": (ssh_argv(a, [], True),
                                              client_env(a, True))},
                a.passwords, L)
            print_logins(res["password"])

        print(f"== memory: {a.sessions} idle sessions at the welcome "
              "screen", flush=True)
        res["memory"] = m = run_memory(a, a.sessions, L)
        print(f"   opened {m['ok']}/{m['n']} in {m['open_seconds']:.1f} s; "
              f"{m['processes']} processes "
              f"({m['processes_per_session']:.1f} per session)")
        print(f"   per session: PSS {m['pss_per_session_kb']:.0f} KB "
              f"(session process {m['session_pss_kb']:.0f} + UI "
              f"{m['ui_pss_kb']:.0f}); USS {m['uss_per_session_kb']:.0f} KB;"
              f" RSS {m['rss_per_session_kb']:.0f} KB; page tables "
              f"{m['pte_per_session_kb']:.0f} KB")
        print(f"   listener: PSS {m['listener']['pss']} KB, RSS "
              f"{m['listener']['rss']} KB; all closed afterwards: "
              f"{'yes' if m['closed_cleanly'] else 'NO'}"
              + (f"; failures {m['failures']}" if m["failures"] else ""),
              flush=True)
    except Timeout as e:
        print(f"!! stopped: {e}", flush=True)
    finally:
        cleanup()
        if a.json:
            with open(a.json, "w") as f:
                json.dump(res, f, indent=1)
    return 0


def on_term(*_):
    """SIGTERM (timeout(1)): kill our clients at once, then leave."""
    global DEADLINE
    DEADLINE = time.monotonic()
    cleanup()
    sys.exit(143)


def print_logins(r):
    print(f"   {'variant':28} {'median':>7} {'p95':>7} {'max':>7} "
          f"{'min':>7}   server CPU  client CPU")
    for k, v in r.items():
        print(f"   {k:28} {fmt(v['first'])}   {v['server_cpu_ms']:6.1f} ms"
              f"   {v['client_cpu_ms']:6.1f} ms")
    for k, v in r.items():
        print(f"   {k}: end of first frame median {v['frame']['median']:.1f}"
              f" ms; quit (Q .. ssh exit) median "
              f"{v['quit']['median']:.1f} ms; first frame "
              f"{v['bytes_first_frame']:.0f} bytes; under 40 ms (no "
              f"delayed-ACK stall): {v['no_stall']}/{v['first']['n']}; "
              f"charset probe (CPR) answered in {v['probed']}"
              + (f"; FAILURES {len(v['failures'])}: {v['failures'][:3]}"
                 if v["failures"] else ""), flush=True)


if __name__ == "__main__":
    sys.exit(main())
