#!/bin/sh
# A private PostgreSQL cluster for the tests: initdb and postgres in a
# directory of their own, reachable only through a Unix socket in it (no
# TCP port, so no clash with another run or another engineer's), stopped
# by its PID.
#
#   sh tests/pg/cluster.sh start DIR   create DIR (must not exist), start
#                                      the cluster, print its URI
#   sh tests/pg/cluster.sh stop DIR    fast shutdown of DIR's postmaster,
#                                      by the PID it wrote; DIR removed
#   sh tests/pg/cluster.sh run CMD...  CMD with PALABRE_PG_DSN set to a
#                                      cluster of its own, stopped after
#
# PostgreSQL refuses to run as root: as root the cluster runs as nobody,
# in a directory only nobody (and root) can enter. Database and role
# « palabre », trust authentication on that socket alone; fsync off (a
# test cluster: durability is not what these tests measure).
set -eu
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V |
    tail -n 1)}
[ -x "$PGBIN/initdb" ] || { echo "cluster.sh: initdb introuvable" >&2; exit 1; }
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || {
	echo "usage: cluster.sh start|stop DIR | run CMD..." >&2
	exit 2
}

# as CMD...: run CMD as the cluster's owner.
as() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}

case "$cmd" in
start)
	mkdir -m 700 "$dir"
	dir=$(cd "$dir" && pwd)
	[ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir"
	as "$PGBIN/initdb" -D "$dir/data" -U palabre -A trust -E UTF8 \
	    --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	    -o "-c listen_addresses= -c unix_socket_directories=$dir \
-c unix_socket_permissions=0700 -c fsync=off -c max_connections=50" \
	    start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	as "$PGBIN/createdb" -h "$dir" -U palabre palabre
	echo "postgresql:///palabre?host=$dir&user=palabre"
	;;
stop)
	dir=$(cd "$dir" && pwd)
	pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
	if [ -n "$pid" ]; then
		kill -INT "$pid" 2>/dev/null || true
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
	fi
	rm -rf "$dir"
	;;
run)
	shift
	dir=$(mktemp -u "${TMPDIR:-/tmp}/palabre-pg.XXXXXX")
	trap 'sh "$0" stop "$dir"' EXIT
	trap 'exit 1' INT TERM
	# A URI: store_open() tells the engine from the path.
	PALABRE_PG_DSN=$(sh "$0" start "$dir")
	export PALABRE_PG_DSN
	"$@"
	;;
*)
	echo "usage: cluster.sh start|stop DIR" >&2
	exit 2
	;;
esac
