#!/bin/sh
# sftp.sh - SFTP download throughput of the library's files: a 20 MB
# PDF imported into a private Palabre server, fetched over loopback with
# OpenSSH's sftp client, against the same file served by OpenSSH's own
# sftp-server behind a private sshd on this machine, in the same run
# (the ratio is what to read: the machine's speed cancels out).
#
#   sh tests/bench/sftp.sh [PALABRE_BINARY]
#
# Knobs: SFTP_MB (20), SFTP_RUNS (3 downloads each, the best and the
# median shown), SFTP_CIPHER (aes128-gcm@openssh.com, for both), SFTP_SSHD (/usr/sbin/sshd), SFTP_SERVER
# (/usr/lib/openssh/sftp-server). The sshd half needs root (it logs in
# as root with a key of its own, in its own mount namespace) and
# openssh-server; without them it is skipped with the reason.
# Bounded: each download has a 120 s timeout(1); the servers are
# stopped by their PID on exit.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/tests/bench/server.sh"
bench_bin sftp.sh "${1:-}"
spid=
cleanup() {
	bench_stop_pid "$spid" 50
	bench_server_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
bench_server_setup sftp.sh

mb=${SFTP_MB:-20}
runs=${SFTP_RUNS:-3}
# One cipher for both servers: the comparison is of the servers, not of
# what each negotiates by default.
cipher=${SFTP_CIPHER:-aes128-gcm@openssh.com}
python3 tests/e2e/mkpdf.py "$dir/gros.pdf" --pad $((mb * 1000 * 1000)) \
    "Rapport d'activité volumineux" >/dev/null
"$bin" -c "$conf" admin doc import "$dir/gros.pdf" --kind rapport \
    --date 2024-01-15 --title "Rapport d'activité volumineux" \
    >>"$dir/setup.log" 2>&1
size=$(wc -c <"$dir/gros.pdf")
bench_server_start sftp.sh
remote="/bibliotheque/Rapport/2024-01-15-Rapport d’activité volumineux (d1).pdf"
opts="-F /dev/null -i $dir/client_ed25519 -o IdentitiesOnly=yes
    -o UserKnownHostsFile=$dir/known_hosts -o StrictHostKeyChecking=no
    -o BatchMode=yes -o LogLevel=ERROR -c $cipher"

# fetch NAME PORT USER PATH: SFTP_RUNS downloads; prints the best and
# the median in MB/s, and checks the bytes.
fetch() {
	printf 'get "%s" %s\n' "$4" "$dir/recu.pdf" >"$dir/batch"
	: >"$dir/$1.times"
	i=0
	while [ $i -lt "$runs" ]; do
		i=$((i + 1))
		rm -f "$dir/recu.pdf"
		t0=$(date +%s%N)
		# shellcheck disable=SC2086
		timeout -k 5 120 sftp $opts -P "$2" -b "$dir/batch" \
		    "$3@127.0.0.1" >/dev/null 2>"$dir/$1.err" || {
			echo "sftp.sh: $1: sftp failed:" >&2
			cat "$dir/$1.err" >&2
			return 1
		}
		t1=$(date +%s%N)
		cmp -s "$dir/gros.pdf" "$dir/recu.pdf" || {
			echo "sftp.sh: $1: the bytes differ" >&2
			return 1
		}
		echo $(((t1 - t0) / 1000)) >>"$dir/$1.times"
	done
	sort -n "$dir/$1.times" | awk -v s="$size" -v n="$1" '
	    { t[NR] = $1 }
	    END { best = t[1]; med = t[int((NR + 1) / 2)];
		printf "%-22s %6.1f MB/s best, %6.1f MB/s median (%d runs)\n",
		    n, s / best, s / med, NR }' | tee "$dir/$1.rate"
}

echo "== a ${mb} MB PDF ($size bytes) over SFTP on loopback, $cipher"
fetch palabre "$port" demo "$remote"

sshd=${SFTP_SSHD:-/usr/sbin/sshd}
server=${SFTP_SERVER:-/usr/lib/openssh/sftp-server}
skip=
if [ ! -x "$sshd" ] || [ ! -x "$server" ]; then
	skip="$sshd or $server is not installed (openssh-server)"
elif [ "$(id -u)" != 0 ]; then
	skip="not root (the private sshd logs in as root)"
elif ! command -v unshare >/dev/null 2>&1; then
	skip="unshare(1) is missing"
fi
if [ -n "$skip" ]; then
	echo "== OpenSSH sftp-server comparison skipped: $skip"
	exit 0
fi
sdir=$dir/sshd
mkdir -p "$sdir"
sport=$(bench_free_port "$port")
ssh-keygen -q -t ed25519 -N '' -C bench-sshd -f "$sdir/host_ed25519"
printf '[127.0.0.1]:%s %s\n' "$sport" "$(cut -d' ' -f1,2 \
    "$sdir/host_ed25519.pub")" >>"$dir/known_hosts"
cp "$dir/client_ed25519.pub" "$sdir/authorized_keys"
cat >"$sdir/sshd_config" <<EOF
# Private sshd of tests/bench/sftp.sh (comparison only).
ListenAddress 127.0.0.1
Port $sport
HostKey $sdir/host_ed25519
PidFile none
UsePAM no
AuthorizedKeysFile $sdir/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers root
Subsystem sftp $server
PrintMotd no
PrintLastLog no
UseDNS no
AllowTcpForwarding no
X11Forwarding no
EOF
bench_sshd_start sftp.sh "$sdir" "$sshd"
echo "server: $("$sshd" -V 2>&1 | cut -d, -f1), $server, 127.0.0.1:$sport"
fetch openssh-sftp-server "$sport" root "$dir/gros.pdf"
awk '{ print $2 }' "$dir/palabre.rate" "$dir/openssh-sftp-server.rate" |
    tr '\n' ' ' | awk '{ printf "ratio palabre / sftp-server (best): %.2f\n",
    $1 / $2 }'
