#!/usr/bin/env python3
"""goals.py - issue 18's goals, each with its figure from one make bench
run and « met » or « not met » (or « no figure » when its phase gave none).

    python3 tests/bench/goals.py build/bench

Reads what the phases of tests/bench/run.sh left in build/bench: scale.json
(tests/bench/scale.sh: the hold of N sessions, the bursts), load.json
(load.sh: key logins paced, memory at 1,000, sshd + ForceCommand with the
same client), boards.json (1,000,000 posts), shelf.txt (20,000 documents),
bytes.json. A goal measured at fewer sessions than it names (10,000) says
so: its verdict is for the figure shown. Figures only: exits 0.
"""
import json
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "build/bench"


def load(name):
    try:
        with open(os.path.join(out, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


rows = []


def goal(name, target, figure, ok, note=""):
    """ok: True, False, or None (no figure)."""
    verdict = "no figure" if ok is None else "met" if ok else "not met"
    rows.append((name, target, figure if ok is not None else "-", verdict,
                 note))


posts = int(os.environ.get("BENCH_POSTS", "1000000"))
scale, ld, bd, by = (load("scale.json"), load("load.json"),
                     load("boards.json"), load("bytes.json"))
at = scale.get("at", {})
big = max(at, key=int) if at else None
h = at.get(big, {}).get("hold", {}) if big else {}
where = "" if big == "10000" else (
    f"at {big} (10,000: LOAD_BIG=10000 make bench)" if big else "")

# 1. All N idle sessions reach the first screen.
if h:
    up, n = h.get("up", 0), h.get("sessions", 0)
    goal("idle sessions reach the first screen", "all of 10,000",
         f"{up} of {n}", up == n and n > 0, where)
else:
    goal("idle sessions reach the first screen", "all of 10,000", "", None,
         "scale.sh gave no hold")

# 2. Walkers among them.
w = at.get(big, {}).get("walk", {}) if big else {}
k = w.get("keys_ms") or {}
if k.get("n"):
    goal(f"keystroke -> end of update p99, {w.get('active')} walkers",
         "< 50 ms", f"{k['p99']:.1f} ms (median {k['median']:.1f}, "
         f"n={k['n']})", k["p99"] < 50 and w["errors"]["total"] == 0,
         "; ".join(x for x in (where, f"{w['errors']['total']} steps not "
                               "completed" if w["errors"]["total"] else "")
                   if x))
else:
    goal("keystroke -> end of update p99, 100 walkers", "< 50 ms", "", None)

# 3. The listener's CPU per login, at N against 0.
c0 = scale.get("idle0", {}).get("listener_cpu_ms_per_login")
lr = at.get(big, {}).get("listener_ratio") if big else None
if c0 and lr:
    cn = at[big]["listen"]["listener_cpu_ms_per_login"]
    goal("listener CPU per login, N open / none", "<= 1.5x",
         f"{cn:.2f} / {c0:.2f} ms = {lr:.2f}x", lr <= 1.5, where)
else:
    goal("listener CPU per login, N open / none", "<= 1.5x", "", None)

# 4. Idle sessions cost nothing.
pct = at.get(big, {}).get("idle_core_pct") if big else None
iw = h.get("idle_window", {})
if pct is not None:
    goal(f"server CPU of idle sessions over {iw.get('s', 0):.0f} s",
         "< 1 % of a core", f"{pct:.3f} % ({iw.get('sessions')} sessions, "
         f"{iw.get('server_wakeups', 0):.0f} wake-ups)", pct < 1, where)
else:
    goal("server CPU of idle sessions over 60 s", "< 1 % of a core", "",
         None)

# 5. Memory per idle session at 1,000 (load.sh's mem1000, else scale's).
m = (ld.get("mem1000") or {}).get("memory_idle") or \
    (at.get("1000", {}).get("hold") or {}).get("memory_idle") or {}
if m.get("pss_per_session_kb"):
    goal("PSS per idle session at 1,000", "<= 700 KB",
         f"{m['pss_per_session_kb']:.0f} KB ({m['sessions']} sessions)",
         m["pss_per_session_kb"] <= 700 and m["sessions"] >= 1000)
else:
    goal("PSS per idle session at 1,000", "<= 700 KB", "", None)

# 6. Server CPU per key login (logins paced at 10/s, load.sh).
x = ld.get("logins") or {}
if x.get("server_cpu_ms_per_session"):
    goal("server CPU per key login", "<= 8 ms",
         f"{x['server_cpu_ms_per_session']:.1f} ms (n={x['up']})",
         x["server_cpu_ms_per_session"] <= 8)
else:
    goal("server CPU per key login", "<= 8 ms", "", None)

# 7. A burst of 1,000 logins.
b = scale.get("burst", {})
if b.get("sessions"):
    goal(f"burst of {b['sessions']} key logins", "< 8 s, all succeed",
         f"{b['up']} of {b['sessions']} in {b.get('ramp_s', 0):.2f} s "
         f"({b.get('logins_per_s', 0):.0f}/s)",
         b["up"] == b["sessions"] and b.get("ramp_s", 99) < 8 and
         b["sessions"] >= 1000)
else:
    goal("burst of 1,000 key logins", "< 8 s, all succeed", "", None)

# 8. Every list at 1,000,000 posts (medians). Not lists a member sees:
# the session's start (apart), read_board (goal 9), and what no screen
# reads: a page by OFFSET (thread_list.page50) and every thread at once
# (thread_list.all); the screens page by keyset.
skip = ("read_board", "thread_list.page50", "thread_list.all")
lists = {k: v for k, v in bd.items() if isinstance(v, dict) and
         "median" in v and not k.startswith("start_") and k not in skip}
if lists:
    worst = max(lists, key=lambda k: lists[k]["median"])
    over = [k for k in lists if lists[k]["median"] >= 5]
    goal(f"every list at {posts:,} posts (median)",
         "< 5 ms", f"worst {worst} {lists[worst]['median']:.2f} ms",
         not over, f"{len(over)} of {len(lists)} over: " +
         ", ".join(over) if over else f"{len(lists)} lists")
else:
    goal("every list at 1,000,000 posts", "< 5 ms", "", None)

# 9. Marking a board read.
r = bd.get("read_board") or {}
if "median" in r:
    goal(f"marking a board read at {posts:,} posts", "< 50 ms",
         f"median {r['median']:.1f} ms, first {r.get('first', 0):.1f}",
         max(r["median"], r.get("first", 0)) < 50)
else:
    goal("marking a board read at 1,000,000 posts", "< 50 ms", "", None)

# 10. The library's search (bench_shelf: 200 results, snippets shown).
worst = None
try:
    with open(os.path.join(out, "shelf.txt")) as f:
        for line in f:
            if line.startswith("search ") and " median " in line:
                med = float(line.split(" median ")[1].split()[0])
                label = line[7:].split("  ")[0].strip()
                if worst is None or med > worst[0]:
                    worst = (med, label)
except (OSError, ValueError, IndexError):
    worst = None
if worst:
    goal("library search, 200 results + snippets, 20,000 documents",
         "< 20 ms", f"worst median {worst[0]:.1f} ms ({worst[1]})",
         worst[0] < 20)
else:
    goal("library search, 200 results + snippets", "< 20 ms", "", None)

# 11. Bytes per selection move.
d = (by.get("summary") or {}).get("utf8", {}).get("down", {})
if d.get("terminal"):
    goal("bytes per selection move (↓, UTF-8)", "<= 64",
         f"{d['terminal']:.0f} terminal, {d.get('wire_plain', 0):.0f} on "
         "the wire", d["terminal"] <= 64)
else:
    goal("bytes per selection move", "<= 64", "", None)

for name, target, figure, verdict, note in rows:
    print(f"- {name}: " + (f"{figure}; " if figure != "-" else "") +
          f"goal {target}: {verdict.upper()}" + (f" ({note})" if note
                                                  else ""))

# The comparison with OpenSSH's sshd + ForceCommand: the same client
# (loadgen), the same database, the same run.
cmp = []
for name, label, key in (("logins", "first screen median",
                          ("first_screen_ms", "median")),
                         ("logins", "server CPU per login",
                          ("server_cpu_ms_per_session",))):
    p, s = ld.get(name) or {}, ld.get("sshd_" + name) or {}
    vp, vs = p, s
    for k in key:
        vp = (vp or {}).get(k) if isinstance(vp, dict) else None
        vs = (vs or {}).get(k) if isinstance(vs, dict) else None
    if vp and vs:
        cmp.append(f"{label} {vp:.1f} against {vs:.1f} ms "
                   f"({vs / vp:.1f}x)")
mp = ((ld.get("mem100") or {}).get("memory_idle") or {}).get(
    "pss_per_session_kb")
ms = ((ld.get("sshd_mem100") or {}).get("memory_idle") or {}).get(
    "pss_per_session_kb")
if mp and ms:
    cmp.append(f"PSS per idle session {mp:.0f} against {ms:.0f} KB "
               f"({ms / mp:.1f}x)")
if cmp:
    print("- against sshd + ForceCommand (loadgen for both): " +
          "; ".join(cmp))
elif ld.get("sshd_skipped"):
    print(f"- against sshd: skipped ({ld['sshd_skipped']})")
