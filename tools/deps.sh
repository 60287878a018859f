#!/bin/sh
# Install the Debian packages Palabre needs to build, run and be tested,
# when some are missing. Uses apt-get as root, or through sudo. Extra
# package names on the command line are installed too (make fuzz: clang).
# putty-tools and python3-paramiko: the SFTP end-to-end test's clients;
# strace: test_idle traces the waits of the listener and of an idle
# interface;
# msmtp and python3-aiosmtpd: the e-mail test's MTA chain. openssh-server
# is not installed here (Debian would enable its ssh service on port 22):
# the benchmarks that compare with sshd and sftp-server skip that half,
# with the reason, when it is absent.
set -eu
PKGS="$* build-essential pkg-config libssh-dev libssl-dev libncurses-dev haproxy
libsqlite3-dev libunistring-dev libinih-dev libsodium-dev libmd4c-dev
libseccomp-dev libgmime-3.0-dev
openssh-client tmux sqlite3 ncurses-term luit iproute2 procps poppler-utils
python3 libsystemd-dev systemd mandoc man-db msmtp python3-aiosmtpd
putty-tools python3-paramiko strace"
missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
echo "Paquets à installer :$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "Il faut être root (ou avoir sudo) pour installer :$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
