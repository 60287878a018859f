#!/usr/bin/env python3
"""bytes.py - bytes sent per action (issue « Thin terminals and slow
links », part « Few bytes »), part of make bench.

Started by tests/bench/bytes.sh, which owns the private server (its PID is
--listener). Reuses tests/bench/sshbench.py's Client: the real OpenSSH
client on a fresh 80x24 pty, TERM=xterm-256color, standard library only.

One session walks through the actions that exist today, and after each
screen presses Ctrl-L (the full redraw of that screen, for comparison):

  first screen   connect -> complete welcome frame     then Ctrl-L
  Entrée         welcome -> Accueil (home menu)         then Ctrl-L
  ↓, ↑           the selection one line down, then up
  1              Accueil -> the édito (pager, page 1)   then Ctrl-L
  Espace         the édito's next page                  then Ctrl-L
  q              back to Accueil
  2              Accueil -> Forums (board list)         then Ctrl-L
  Entrée         open the first board (its threads)     then Ctrl-L
  n              the next unread message (reader)       then Ctrl-L
  Q, o           quit (not measured)

The database is the demo's (tools/demo-db.sh: boards, threads, the
shelf, the catalogue), so « n » finds unread messages for « demo ».

The session runs for UTF-8 and Latin-1 (LANG=fr_FR.UTF-8 or
fr_FR.ISO-8859-1 sent with SendEnv, so the UI does not probe), without
and with compression (ssh -C: zlib@openssh.com), --reps times each
(median reported). One more session per repetition sends no LANG and
answers the charset probe as a UTF-8 terminal: the probe's cost.

After each key the driver reads the pty until the expected text has come
(or, for a key without one, the first byte), then until 300 ms without a
byte: the screen has settled. Two measures per action:

  terminal  bytes read from the client's pty (what ssh wrote after
            decrypting and decompressing: the escape sequences and text
            the terminal gets);
  wire      TCP payload bytes from the server to the client: the change
            of bytes_acked of the server's socket (ss -tinH), sampled
            after the screen settled. bytes_sent must equal it (nothing
            in flight, no retransmission) or the sample is flagged.

The client reaches the server through a relay (ProxyCommand: this script
with --relay) that logs each chunk it passes on, with CLOCK_MONOTONIC
times. It is there to split the first screen: the key exchange,
authentication and channel replies end several milliseconds before the
UI's first output (the UI process starts in between), so the largest
pause between server chunks before the first byte on the pty separates
"connect" from "the frame itself". Its counts must also agree with ss.

Raw output of each action (first repetition) goes to --raw-dir for a
closer look. Never a test: prints figures and exits 0 unless the harness
itself breaks.
"""
import argparse
import json
import os
import re
import select
import shlex
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sshbench as sb  # noqa: E402

QUIET = 0.3             # s without a byte: the screen has settled
CHARSETS = {"utf8": ("UTF-8", "fr_FR.UTF-8", "utf-8"),
            "latin1": ("Latin-1", "fr_FR.ISO-8859-1", "latin-1")}
KEY_UP, KEY_DOWN = b"\x1bOA", b"\x1bOB"   # xterm, cursor keys mode (smkx)
CTRL_L = b"\x0c"

# (name, keys, expected text or None, label, the redraw it compares with)
STEPS = [
    ("first", None, "Appuyez sur Entr", "first screen (welcome)",
     "redraw_welcome"),
    ("redraw_welcome", CTRL_L, "Appuyez sur Entr", "Ctrl-L on welcome",
     None),
    ("enter", b"\r", "Accueil", "Entrée: welcome -> Accueil",
     "redraw_home"),
    ("redraw_home", CTRL_L, "Accueil", "Ctrl-L on Accueil", None),
    ("down", KEY_DOWN, None, "↓ in the menu", "redraw_home"),
    ("up", KEY_UP, None, "↑ in the menu", "redraw_home"),
    ("edito", b"1", "Lignes 1-", "1: Accueil -> édito (page 1)",
     "redraw_edito"),
    ("redraw_edito", CTRL_L, "Lignes 1-", "Ctrl-L on the édito, page 1",
     None),
    ("space", b" ", None, "Espace: édito, next page", "redraw_edito2"),
    ("redraw_edito2", CTRL_L, "Lignes", "Ctrl-L on the édito, page 2",
     None),
    ("back", b"q", "Accueil", "q: the édito -> Accueil", "redraw_home"),
    ("forums", b"2", "Forums", "2: Accueil -> Forums",
     "redraw_forums"),
    ("redraw_forums", CTRL_L, "Forums", "Ctrl-L on Forums", None),
    ("board", b"\r", "Nouveau sujet", "Entrée: open a board",
     "redraw_board"),
    ("redraw_board", CTRL_L, "Nouveau sujet", "Ctrl-L on the board", None),
    ("next_unread", b"n", "pondre", "n: next unread message",
     "redraw_message"),
    ("redraw_message", CTRL_L, "pondre", "Ctrl-L on the message", None),
]


# --- the relay (ProxyCommand) -------------------------------------------------

def relay(port, log):
    """stdin/stdout <-> 127.0.0.1:port; one line per chunk in log:
    monotonic seconds, S (server to client) or C, length. First line:
    our local port (to find the server's socket with ss)."""
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    f = open(log, "w", buffering=1)
    f.write(f"port {s.getsockname()[1]}\n")
    inp = True
    while True:
        r, _, _ = select.select([0, s] if inp else [s], [], [])
        if 0 in r:
            d = os.read(0, 65536)
            if not d:
                inp = False
                s.shutdown(socket.SHUT_WR)
            else:
                s.sendall(d)
                f.write(f"{time.monotonic():.6f} C {len(d)}\n")
        if s in r:
            try:
                d = s.recv(65536)
            except OSError:
                d = b""
            if not d:
                break
            f.write(f"{time.monotonic():.6f} S {len(d)}\n")
            try:
                os.write(1, d)
            except OSError:
                break
    f.close()


def read_relay(log):
    port, chunks = None, []
    try:
        with open(log) as f:
            for line in f:
                p = line.split()
                if p[0] == "port":
                    port = int(p[1])
                elif len(p) == 3:
                    chunks.append((float(p[0]), p[1], int(p[2])))
    except OSError:
        pass
    return port, chunks


def split_first(chunks, t_first):
    """Server bytes before the UI's first output: the chunks before the
    largest pause between server chunks up to the first pty byte.
    Returns (bytes before, pause in ms)."""
    srv = [(t, n) for t, d, n in chunks if d == "S" and t <= t_first]
    if len(srv) < 2:
        return None, None
    gaps = [(srv[i][0] - srv[i - 1][0], i) for i in range(1, len(srv))]
    gap, i = max(gaps)
    return sum(n for _, n in srv[:i]), gap * 1e3


# --- ss -------------------------------------------------------------------------

SS_RE = re.compile(r"bytes_(sent|acked):(\d+)")


def tcp_counts(port, peer):
    """(bytes_sent, bytes_acked) of the server's socket to peer."""
    out = subprocess.run(
        ["ss", "-tinH", "state", "established",
         f"( sport = :{port} and dport = :{peer} )"],
        capture_output=True, text=True, timeout=5).stdout
    d = dict(SS_RE.findall(out))
    if "sent" not in d:
        return None
    return int(d["sent"]), int(d.get("acked", 0))


# --- one walk ---

class Pty(sb.Client):
    """sshbench's Client, noting when the first byte came (monotonic)."""

    first_read = None

    def read_some(self, timeout):
        got = super().read_some(timeout)
        if got and self.first_read is None:
            self.first_read = time.monotonic()
        return got


# ---------------------------------------------------------------------

def settle(c, start, marker, limit=5.0):
    """After a key: wait for marker (or any byte) after start, then read
    until QUIET s without a byte. True if the marker came."""
    end = time.monotonic() + min(limit, max(sb.left(), 0))
    ok = False
    while time.monotonic() < end and not c.eof:
        if marker is not None:
            if c.buf.find(marker, start) != -1:
                ok = True
                break
        elif len(c.buf) > start:
            ok = True
            break
        c.read_some(end - time.monotonic())
    while not c.eof and c.read_some(QUIET):
        pass
    return ok


def walk(a, cs, compress, probe=False, raw=None, only_first=False):
    """One session through STEPS (or its first screen only); a dict
    name -> figures. probe: no LANG sent, the UI probes the terminal."""
    sb.check_deadline()
    sb.wait_no_children(a.listener)
    label, lang, enc = CHARSETS[cs]
    log = os.path.join(a.home, f"relay-{os.getpid()}-{time.monotonic_ns()}")
    extra = ["-o", "ProxyCommand=" + " ".join(shlex.quote(x) for x in
             [sys.executable, os.path.abspath(__file__), "--relay",
              str(a.port), log])]
    if compress:
        extra.append("-C")
    if not probe:
        extra += ["-o", "SendEnv=LANG"]
    env = sb.client_env(a, lang=None if probe else lang)
    c = Pty(sb.ssh_argv(a, extra), env)
    res, peer, ok = {}, None, True
    try:
        for name, keys, marker, _, _ in STEPS:
            if (probe or only_first) and name != "first":
                break
            before_t = len(c.buf)
            if name == "first":
                before_w = (0, 0)
            else:
                before_w = tcp_counts(a.port, peer)
                if before_w is None:
                    raise RuntimeError(f"{name}: no connection in ss")
                c.send(keys)
            t_before = time.monotonic() if name != "first" else 0.0
            if not settle(c, before_t, marker.encode(enc) if marker
                          else None):
                tail = bytes(c.buf[-200:])
                raise RuntimeError(f"{name}: no "
                                   f"{marker or 'output'!r}: {tail!r}")
            if name == "first":
                peer, _ = read_relay(log)
            w = tcp_counts(a.port, peer)
            if w is None:
                raise RuntimeError(f"{name}: no connection in ss "
                                   f"(relay port {peer})")
            data = bytes(c.buf[before_t:])
            r = {"terminal": len(data), "wire": w[1] - before_w[1],
                 "in_flight": w[0] != w[1],
                 "span": (t_before, time.monotonic())}
            if name == "first" and not probe:
                # With LANG sent, the terminal gets nothing but the
                # frame; on the wire, the frame is what follows the pause.
                _, chunks = read_relay(log)
                pre, gap = split_first(chunks, c.first_read)
                r["wire_before_frame"] = pre
                r["pause_ms"] = gap
                r["wire_frame"] = r["wire"] - pre if pre is not None \
                    else None
                r["terminal_frame"] = len(data)
            res[name] = r
            if raw is not None:
                with open(os.path.join(raw, f"{cs}{'-C' if compress else ''}"
                                       f"{'-probe' if probe else ''}-"
                                       f"{name}.out"), "wb") as f:
                    f.write(data)
        _, chunks = read_relay(log)
        res["relay_total"] = sum(n for _, d, n in chunks if d == "S")
        # Server chunks the relay passed on during each action: about
        # one per SSH packet (each costs its header, padding and MAC).
        for r in res.values():
            if isinstance(r, dict) and "span" in r:
                t1, t2 = r.pop("span")
                if t1 == 0.0 and r.get("pause_ms") is not None:
                    t1 = c.first_read - r["pause_ms"] / 2e3
                r["chunks"] = sum(1 for t, d, _ in chunks
                                  if d == "S" and t1 < t <= t2)
        res["ss_total"] = tcp_counts(a.port, peer)[1]
        rc, _ = c.quit()
        ok = rc == 0
    except BaseException:
        c.kill()
        raise
    finally:
        try:
            os.unlink(log)
        except OSError:
            pass
    res["ok"] = ok
    res["cpr"] = c.cpr_answers
    return res


# --- main -------------------------------------------------------------------------

def med(rows, key):
    v = [r[key] for r in rows if r.get(key) is not None]
    return sb.median(v) if v else None


def fnum(v):
    if v is None:
        return "-"
    return f"{v:,.0f}".replace(",", " ")


def report(res, reps):
    out = {}
    for cs in CHARSETS:
        out[cs] = {}
        for name, _, _, _, _ in STEPS:
            row = {}
            for comp in ("plain", "C"):
                rows = [r[name] for r in res.get(f"{cs}-{comp}", [])
                        if name in r]
                if not rows:
                    continue
                row["n"] = len(rows)
                if comp == "plain":
                    row["terminal"] = med(rows, "terminal")
                    row["terminal_frame"] = med(rows, "terminal_frame")
                row[f"wire_{comp}"] = med(rows, "wire")
                row[f"chunks_{comp}"] = med(rows, "chunks")
                row[f"wire_{comp}_frame"] = med(rows, "wire_frame")
                row[f"wire_{comp}_before"] = med(rows, "wire_before_frame")
                row[f"pause_{comp}_ms"] = med(rows, "pause_ms")
                row[f"wire_{comp}_range"] = [
                    min(r["wire"] for r in rows), max(r["wire"] for r in rows)]
            out[cs][name] = row
    probe = [r["first"] for r in res.get("probe", []) if "first" in r]
    if probe:
        out["probe"] = {"terminal": med(probe, "terminal"),
                        "wire": med(probe, "wire"), "n": len(probe)}
    return out


def fpk(v, n):
    """bytes (chunks): "732 /1"."""
    return fnum(v) + (f" /{n:.0f}" if n is not None and v is not None
                      else "")


def print_tables(out, reps):
    for cs, (label, lang, _) in CHARSETS.items():
        t = out.get(cs, {})
        ns = [r["n"] for r in t.values() if r.get("n")]
        print(f"== {label} (LANG={lang}), 80x24, median of "
              f"{min(ns) if ns else 0}: "
              "bytes server -> client (/n: the relay's reads, about "
              "one per SSH packet)")
        print(f"   {'action':31} {'terminal':>8} {'wire':>9} {'wire -C':>9}"
              f"  | {'Ctrl-L: term':>12} {'wire':>9} {'wire -C':>9}")
        for name, _, _, lab, red in STEPS:
            if name.startswith("redraw"):
                continue
            r = t.get(name)
            if not r:
                continue
            rr = t.get(red, {})
            rows = [(lab, r.get("terminal"),
                     fpk(r.get("wire_plain"), r.get("chunks_plain")),
                     fpk(r.get("wire_C"), r.get("chunks_C")))]
            if name == "first":
                rows = [("first screen: connect -> frame", r.get("terminal"),
                         fnum(r.get("wire_plain")), fnum(r.get("wire_C"))),
                        ("  the frame itself", r.get("terminal_frame"),
                         fpk(r.get("wire_plain_frame"),
                             r.get("chunks_plain")),
                         fpk(r.get("wire_C_frame"), r.get("chunks_C")))]
            for i, (l, a, b, cc) in enumerate(rows):
                red_cols = (f"{fnum(rr.get('terminal')):>12} "
                            f"{fpk(rr.get('wire_plain'), rr.get('chunks_plain')):>9} "
                            f"{fpk(rr.get('wire_C'), rr.get('chunks_C')):>9}"
                            if i == len(rows) - 1 else "")
                print(f"   {l:31} {fnum(a):>8} {b:>9} {cc:>9}"
                      f"  | {red_cols}")
        f = t.get("first", {})
        if f:
            print(f"   (connect: {fnum(f.get('wire_plain_before'))} bytes of "
                  f"key exchange, authentication and channel replies, "
                  f"{fnum(f.get('wire_C_before'))} with -C; then a pause of "
                  f"{f.get('pause_plain_ms') or 0:.1f} ms while the UI "
                  "starts)")
    p = out.get("probe")
    if p:
        print(f"== no LANG sent (UTF-8 found by the probe): first screen "
              f"{fnum(p['terminal'])} terminal bytes, {fnum(p['wire'])} on "
              "the wire (connect -> frame)")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--relay":
        relay(int(sys.argv[2]), sys.argv[3])
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--listener", type=int, required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--known-hosts", dest="known_hosts", required=True)
    ap.add_argument("--home", required=True)
    ap.add_argument("--user", default="demo")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--deadline", type=float, default=50)
    ap.add_argument("--json")
    ap.add_argument("--raw-dir", dest="raw_dir")
    a = ap.parse_args()
    sb.DEADLINE = time.monotonic() + a.deadline
    signal.signal(signal.SIGTERM, sb.on_term)
    if a.raw_dir:
        os.makedirs(a.raw_dir, exist_ok=True)
    res, fails = {}, []
    t0 = time.monotonic()
    try:
        # A first login, not counted: the welcome screen then says
        # « Votre dernière visite » in every measured session.
        walk(a, "utf8", False, only_first=True)
        for i in range(a.reps):
            for cs in CHARSETS:
                for comp in (False, True):
                    k = f"{cs}-{'C' if comp else 'plain'}"
                    r = walk(a, cs, comp,
                             raw=a.raw_dir if i == 0 else None)
                    if not r["ok"]:
                        fails.append(f"{k}: ssh exit status")
                    res.setdefault(k, []).append(r)
            r = walk(a, "utf8", False, probe=True,
                     raw=a.raw_dir if i == 0 else None)
            res.setdefault("probe", []).append(r)
    except (sb.Timeout, RuntimeError) as e:
        print(f"!! stopped: {e}", flush=True)
        fails.append(str(e))
    finally:
        sb.cleanup()
    out = report(res, a.reps)
    print_tables(out, a.reps)
    # Cross-checks: the relay's count and ss's must agree; nothing may be
    # in flight when sampled; the same action costs the same every time.
    mism = [f"{k}: relay {r['relay_total']} ss {r['ss_total']}"
            for k, rows in res.items() for r in rows
            if r.get("ss_total") is not None and
            r["relay_total"] != r["ss_total"]]
    flight = sum(1 for rows in res.values() for r in rows
                 for s in r.values() if isinstance(s, dict) and
                 s.get("in_flight"))
    spread = [f"{cs}/{n}: {r['wire_plain_range']}"
              for cs in CHARSETS for n, r in out.get(cs, {}).items()
              if r.get("wire_plain_range") and
              r["wire_plain_range"][1] - r["wire_plain_range"][0] > 16]
    pre = sorted({r["first"]["wire_before_frame"] for rows in res.values()
                  for r in rows if r.get("first", {}).get("wire_before_frame")
                  is not None})
    print(f"   checks: bytes before the frame {pre} (one value per "
          "compression setting expected); relay and ss agree in "
          f"{sum(len(v) for v in res.values()) - len(mism)}"
          f"/{sum(len(v) for v in res.values())} sessions"
          + (f" ({mism[:3]})" if mism else "")
          + f"; samples with bytes in flight: {flight}"
          + (f"; spread > 16 bytes: {spread}" if spread else "")
          + (f"; FAILURES: {fails}" if fails else "")
          + f"; {time.monotonic() - t0:.1f} s", flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"summary": out, "raw": res}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
