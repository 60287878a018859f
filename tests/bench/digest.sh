#!/bin/sh
# digest.sh - e-mail digests at scale (issue 16): « palabre admin digest
# send » for 10,000 members over the 1,000,000-post database that
# boards.sh keeps (build/bench/boards-1m.db; run boards.sh first, or
# make bench, which does).
#
#   sh tests/bench/digest.sh [PALABRE_BINARY]      (after make)
#
# On a copy of the database, every active member (10,000) gets a
# confirmed address, a daily digest last sent 26 hours before the last
# post (the generator's clock ends a day or two before now) and 20
# boards followed (of 200, drawn at random with a fixed seed); then one
# timed run builds every digest from « Quoi de neuf » (store_news_list),
# records it and hands it to a sendmail that writes to /dev/null
# (/bin/dd of=/dev/null: Palabre's part, without an MTA's), and a second
# timed run finds nothing due (the timer's usual five-minutely run).
# Figures only (build/bench/digest.txt); bounded: each run under
# timeout(1), 10 minutes at most. Exits 0 unless something cannot run.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
bin=${1:-./palabre}
case $bin in /*) ;; *) bin=$root/${bin#./} ;; esac
out=$root/build/bench
mkdir -p "$out"
# DIGEST_DB: another copy of that database (any schema: the copy is
# migrated).
src=${DIGEST_DB:-$out/boards-1m.db}
if [ ! -f "$src" ]; then
	echo "digest.sh: $src missing: run sh tests/bench/boards.sh first" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/palabre-digest.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP

echo "== copying $src"
cp "$src" "$work/palabre.db"
cat >"$work/palabre.conf" <<EOF
[server]
database = palabre.db
boards =
user =
[site]
name = Réseau Intégration & Prévention des Discriminations
article = le
[mail]
from = Réseau IPD <palabre@reseau-ipd.fr>
sendmail = /bin/dd of=/dev/null status=none
host = palabre.reseau-ipd.fr
EOF
"$bin" -c "$work/palabre.conf" admin db migrate >/dev/null 2>&1

echo "== 10,000 members: an address, a daily digest due, 20 boards followed"
python3 - "$work/palabre.db" <<'PY'
import random, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time())
members = [r[0] for r in db.execute(
    "SELECT id FROM member WHERE status = 'actif' ORDER BY id")]
boards = [r[0] for r in db.execute(
    "SELECT id FROM board WHERE archived_at IS NULL")]
# The generator's clock ends a day or two before now: the last digest
# was sent 26 hours before its last post.
last = db.execute("SELECT MAX(created_at) FROM post").fetchone()[0]
rnd = random.Random(16)
with db:
    db.executemany(
        "INSERT OR REPLACE INTO mail_pref (member_id, address, digest, "
        "digest_at, message_upto, updated_at) VALUES (?, 'm' || ? || "
        "'@exemple.fr', 'quotidien', ?, (SELECT MAX(id) FROM message), ?)",
        [(m, m, last - 26 * 3600, now) for m in members])
    db.executemany(
        "INSERT OR IGNORE INTO follow (member_id, kind, target_id, "
        "created_at) VALUES (?, 'forum', ?, ?)",
        [(m, b, now) for m in members
         for b in rnd.sample(boards, min(20, len(boards)))])
print(f"{len(members)} members, {len(boards)} boards")
PY

run() {
	t0=$(date +%s.%N)
	timeout -k 5 600 "$bin" -c "$work/palabre.conf" admin digest send \
	    2>/dev/null | tail -n 1
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "   %.1f s\n", b - a }'
}
{
	echo "== digest send: every member due (sendmail: dd to /dev/null)"
	run
	python3 - "$work/palabre.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n, items, big = db.execute("SELECT COUNT(*), AVG(items), MAX(items) "
                           "FROM mail_outbox WHERE kind = 'digest'").fetchone()
print(f"   {n} digests sent, {items or 0:.1f} items each on average "
      f"(at most {big or 0})")
PY
	echo "== digest send again: nothing due"
	run
} | tee "$out/digest.txt"
