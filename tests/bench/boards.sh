#!/bin/sh
# boards.sh - the boards at scale: 1,000,000 posts in 200 boards, 10,000
# members (issue 3), and palabre serve and a session on that database
# (issue 8).
#
#   sh tests/bench/boards.sh [PALABRE_BINARY]      (after make)
#
# 1. Builds build/bench/gen_boards and build/bench/bench_boards from
#    tests/bench/*.c and the objects make built (build/src/util, text,
#    store, build/migrations.o).
# 2. The database is cached at build/bench/boards-1m.db (boards-N.db for
#    BENCH_POSTS=N); build/bench/boards-1m.stamp records the posts, the
#    newest migration and the checksums of the migrations and of
#    gen_boards.c it was made with, and
#    it is made again (about 5 min on 2 cores) only when it is missing or
#    one of those changed; when migrations were only added since, it is
#    migrated (bench_boards -m) instead.
# 3. bench_boards on a copy (it writes read state): session start cold
#    and warm, board list, thread lists, post tree, next unread, five
#    searches, read_post, read_board (build/bench/boards.txt, .json).
# 4. A private server (tests/bench/server.sh) on another copy, member
#    « demo » given the client key: palabre serve from exec to the port
#    accepting (tests/bench/startup.py, 10 times), then
#    tests/bench/sshbench.py: palabre local to its first screen, key
#    logins connect -> first screen, memory of idle sessions
#    (build/bench/boards-login.txt, .json).
#
# Knobs (environment): BENCH_POSTS (1000000), BOARDS_GEN_DEADLINE (900 s
# times 1 + load average / cores, at most 4 h, for making the database),
# BOARDS_SECONDS (2: seconds of repeats per operation), BOARDS_LOGINS
# (10), BOARDS_DEADLINE (60 s, sshbench.py).
# Bounded: every step runs under timeout(1). Figures only: exits 0 unless
# something cannot be built or the database cannot be made.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin boards.sh "${1:-}"

out=$root/build/bench
mkdir -p "$out"
posts=${BENCH_POSTS:-1000000}
case $posts in
1000000)	name=boards-1m ;;
*)		name=boards-$posts ;;
esac
db=$out/$name.db
stamp=$out/$name.stamp
work=

cleanup() {
	[ -z "$work" ] || rm -rf "$work"
	bench_server_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

echo "== building build/bench/gen_boards and build/bench/bench_boards"
# The store's objects as the Makefile builds them (make store-objs):
# today's sources only (a file renamed since the last build leaves its
# old object behind), and store_pg.c only in a PG=1 build.
if ! objs=$(make -s --no-print-directory store-objs | tail -1); then
	echo "boards.sh: the store does not build" >&2
	exit 1
fi
for prog in gen_boards bench_boards; do
	# shellcheck disable=SC2086
	if ! cc -O2 -std=c11 -Wall -Wextra -Wno-unused-parameter \
	    -D_GNU_SOURCE -I. -Isrc "tests/bench/$prog.c" $objs -lsqlite3 \
	    -lsodium -lunistring -lmd4c -lseccomp -lm -o "$out/$prog"; then
		echo "boards.sh: $prog does not build" >&2
		exit 1
	fi
done

# --- the database, made again only when what it is made of changed ------
migrations=$(ls db/[0-9][0-9][0-9][0-9]_*.sql)
# shellcheck disable=SC2086
want="posts=$posts schema=$(basename "$(echo "$migrations" | tail -1)")/$(cat \
    $migrations | sha1sum | cut -c1-12) gen=$(sha1sum \
    tests/bench/gen_boards.c | cut -c1-12)"
# A cached database made before migrations that were only added since
# (its migrations unchanged, the same posts and gen_boards.c) is
# migrated rather than made again (about an hour on a busy machine).
had=$(cat "$stamp" 2>/dev/null || true)
had_schema=$(echo "$had" | sed -n 's|.* schema=\([^/]*\)/\([0-9a-f]*\) .*|\1|p')
had_sum=$(echo "$had" | sed -n 's|.* schema=\([^/]*\)/\([0-9a-f]*\) .*|\2|p')
if [ -f "$db" ] && [ -n "$had_schema" ] && [ "$had" != "$want" ] &&
    [ "${had%% *}" = "${want%% *}" ] && [ "${had##* }" = "${want##* }" ] &&
    [ -f "db/$had_schema" ] && [ "$(for m in $migrations; do
	echo "$m"; [ "$m" != "db/$had_schema" ] || break; done | xargs cat |
	sha1sum | cut -c1-12)" = "$had_sum" ]; then
	echo "== database: $db (cached, $had_schema: migrating it)"
	if ! timeout -k 5 3600 "$out/bench_boards" -m "$db"; then
		echo "boards.sh: the migration of $db failed" >&2
		exit 1
	fi
	echo "$want" >"$stamp"
fi
if [ -f "$db" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
	echo "== database: $db (cached; $want)"
else
	echo "== database: making $db ($want; about 5 min for 1,000,000" \
	    "posts on 2 cores)"
	rm -f "$db" "$db-wal" "$db-shm" "$stamp" "$db.tmp" "$db.tmp-wal" \
	    "$db.tmp-shm"
	# The deadline scales with the machine's load: 900 s is twice what
	# an idle 2-core machine needs, and a machine shared by eight busy
	# builds (load 12 on 2 cores) generated 900,000 posts in 900 s and
	# lost the phase. 900 s times (1 + load / cores), at most 4 h.
	deadline=${BOARDS_GEN_DEADLINE:-$(awk -v c="$(nproc)" '{
	    d = 900 * (1 + $1 / c); if (d > 14400) d = 14400; printf "%d", d
	    }' /proc/loadavg)}
	echo "== generation deadline ${deadline} s (load $(cut -d' ' -f1 \
	    /proc/loadavg))"
	# Progress on stderr, figures in $name-gen.txt (printed below).
	if ! timeout -k 5 "$deadline" "$out/gen_boards" \
	    -p "$posts" "$db.tmp" >"$out/$name-gen.txt"; then
		echo "boards.sh: gen_boards failed or took longer than" \
		    "$deadline s" >&2
		rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
		exit 1
	fi
	mv "$db.tmp" "$db"
	echo "$want" >"$stamp"
fi
[ ! -f "$out/$name-gen.txt" ] || sed 's/^/gen: /' "$out/$name-gen.txt"

# --- the store's queries, on a copy --------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/palabre-boards.XXXXXX")
cp "$db" "$work/bench.db"
echo "== store queries as member demo ($posts posts; ms)"
rm -f "$out/boards.json"
timeout -k 5 300 "$out/bench_boards" -t "${BOARDS_SECONDS:-2}" \
    -o "$out/boards.json" "$work/bench.db" | tee "$out/boards.txt" ||
    echo "boards.sh: bench_boards exited with $?" >&2
rm -rf "$work"
work=

# --- palabre serve and sessions on it -------------------------------------
bench_server_setup boards.sh
rm -f "$dir/palabre.db" "$dir/palabre.db-wal" "$dir/palabre.db-shm"
cp "$db" "$dir/palabre.db"
# The boards' files, written from the database: without them palabre
# serve would archive all 200 boards at start (a board whose file is gone
# is archived) and the sessions would see no forum.
mkdir "$dir/boards.d"
python3 - "$dir/palabre.db" "$dir/boards.d" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for key, title, desc, section, pos, rd, post, mods, appr in db.execute(
        "SELECT key, title, description, section, position, read_role, "
        "post_role, moderators, approval FROM board "
        "WHERE archived_at IS NULL"):
    with open(os.path.join(sys.argv[2], key + ".conf"), "w") as f:
        f.write(f"[board]\nkey = {key}\ntitle = {title}\n"
                f"description = {desc[:150]}\nsection = {section}\n"
                f"order = {pos}\nread = {rd}\npost = {post}\n"
                f"moderators = {mods}\n"
                f"approval = {'oui' if appr else 'non'}\n")
PY
sed -i "s|^database = .*|&\\
boards = $dir/boards.d|" "$conf"
{
	"$bin" -c "$conf" admin user add-key demo "$dir/client_ed25519.pub"
	"$bin" -c "$conf" admin edito add \
	    "$root/db/demo/edito-reseau-integration.md" \
	    --byline "Direction des Populations et des Migrations" \
	    --date 2007-03-15
} >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; exit 1; }

echo "== startup: palabre serve on $posts posts, exec to the port" \
    "accepting (10 times)"
sed "s|^log_file = .*|log_file = $dir/startup.log|" "$conf" \
    >"$dir/startup.conf"
timeout -k 5 60 python3 tests/bench/startup.py "$bin" "$dir/startup.conf" \
    "$port" 10 "$out/boards-startup.json" || true

bench_server_start boards.sh
deadline=${BOARDS_DEADLINE:-60}
rm -f "$out/boards-login.json"
timeout -k 5 $((deadline + 20)) python3 tests/bench/sshbench.py \
    --port "$port" --listener "$pid" --key "$dir/client_ed25519" \
    --known-hosts "$dir/known_hosts" --askpass "$dir/askpass" \
    --palabre "$bin" --conf "$conf" --home "$dir/home" \
    --logins "${BOARDS_LOGINS:-10}" --passwords 0 --locals 10 \
    --sessions 10 --deadline "$deadline" \
    --json "$out/boards-login.json" 2>&1 | tee "$out/boards-login.txt" ||
    echo "boards.sh: the driver exited with $?" >&2
bench_server_log
exit 0
