#!/bin/sh
# test_deb.sh - the Debian package on a clean Debian 12, as a new sysop's
# machine: a debootstrap'd bookworm chroot (made once, cached under
# /var/cache/palabre-test/), the previous package build installed with apt
# (its dependencies from Debian's mirror), « palabre check-config » on the
# shipped /etc/palabre/palabre.conf, the server started the way
# palabre.service does (its ExecStartPre= and ExecStart= lines, as the
# palabre user, in /var/lib/palabre made as StateDirectory= does) on a
# free loopback port, a member made with « palabre admin user add » logs
# in over ssh; then the upgrade to the new build keeps the data (the
# member logs in again); remove keeps /var/lib/palabre, purge deletes it.
#
# Needs root and the network to deb.debian.org: run by .ci/run after
# « make test », never inside it. Bounded: the first run builds the
# chroot (about 2 min) and two packages; later ones, one package.
# Environment: PALABRE_TEST_CACHE (default /var/cache/palabre-test),
# DEB_MIRROR (default http://deb.debian.org/debian).
. "$(dirname "$0")/../e2e/lib.sh"

CACHE=${PALABRE_TEST_CACHE:-/var/cache/palabre-test}
MIRROR=${DEB_MIRROR:-http://deb.debian.org/debian}
BASE=$CACHE/bookworm
WORK=$CACHE/run-$$
VERSION=$(sed -n 's/^VERSION ?= //p' Makefile)
[ "$(id -u)" -eq 0 ] || { echo "test_deb.sh : il faut être root"; exit 1; }

e2e_setup
E2E_LOG=$E2E_DIR/serve.log
MOUNTED=

deb_cleanup() {
	local m
	e2e_stop
	for m in $MOUNTED; do
		umount -l "$WORK/$m" 2>/dev/null
	done
	MOUNTED=
	case $WORK in "$CACHE"/run-*) rm -rf "$WORK" ;; esac
}
trap 'deb_cleanup; e2e_atexit' EXIT

# in_root CMD...: a command inside the chroot.
in_root() {
	chroot "$WORK" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# The clean Debian 12, made once.
if [ ! -x "$BASE/usr/bin/apt-get" ]; then
	mkdir -p "$CACHE"
	rm -rf "$BASE.tmp"
	debootstrap --variant=minbase --include=systemd,ca-certificates \
	    bookworm "$BASE.tmp" "$MIRROR" >"$E2E_DIR/debootstrap.log" 2>&1 ||
	    { tail -n 20 "$E2E_DIR/debootstrap.log"
	      e2e_bail "debootstrap de Debian 12"; }
	mv "$BASE.tmp" "$BASE"
fi
check "une Debian 12 propre (debootstrap, en cache)" \
    grep -q '^12' "$BASE/etc/debian_version"

# The packages: the new build, and the previous one (cached by the last
# run; the first time, the same tree under a lower version).
stamp=$(date -u +%Y%m%d%H%M%S)
NEW=${VERSION}+essai$stamp
make deb DEB_VERSION="$NEW" >"$E2E_DIR/deb.log" 2>&1 ||
    { tail -n 30 "$E2E_DIR/deb.log"; e2e_bail "make deb"; }
check "make deb donne palabre_${NEW}_amd64.deb" \
    test -s "palabre_${NEW}_amd64.deb"
check "lintian : ni erreur ni avertissement" \
    sh -c '! grep -q "^[EW]: " "build/deb/lintian-$1.txt"' _ "$NEW"
mkdir -p "$CACHE/previous"
PREV=$(ls -t "$CACHE"/previous/palabre_*_amd64.deb 2>/dev/null | head -n 1)
if [ -z "$PREV" ]; then
	make deb DEB_VERSION="${VERSION}+essai0" >>"$E2E_DIR/deb.log" 2>&1 ||
	    e2e_bail "make deb (version précédente)"
	PREV=$CACHE/previous/palabre_${VERSION}+essai0_amd64.deb
	mv "palabre_${VERSION}+essai0_amd64.deb" "$PREV"
fi

# A fresh copy of the clean system for this run.
rm -rf "$WORK"
cp -a "$BASE" "$WORK"
for m in proc dev dev/pts; do
	case $m in
	proc) mount -t proc proc "$WORK/proc" ;;
	*) mount --bind "/$m" "$WORK/$m" ;;
	esac || e2e_bail "montage de /$m dans la racine"
	MOUNTED="$m $MOUNTED"
done
cp /etc/resolv.conf "$WORK/etc/resolv.conf"
cp "$PREV" "$WORK/tmp/previous.deb"
cp "palabre_${NEW}_amd64.deb" "$WORK/tmp/new.deb"
in_root apt-get update -qq >"$E2E_DIR/apt.log" 2>&1 ||
    e2e_bail "apt-get update dans la racine"
in_root apt-get install -y -qq /tmp/previous.deb >>"$E2E_DIR/apt.log" 2>&1
check "apt installe le paquet précédent et ses dépendances ($(basename "$PREV"))" \
    test -x "$WORK/usr/sbin/palabre"
check "l'utilisateur système palabre existe (sysusers.d)" \
    sh -c 'grep -q "^palabre:x:[0-9]*:[0-9]*:.*:/var/lib/palabre:/usr/sbin/nologin$" "$1/etc/passwd"' \
    _ "$WORK"
check "palabre.service et palabre-backup.timer sont activés" sh -c '
    test -L "$1/etc/systemd/system/multi-user.target.wants/palabre.service" &&
    test -L "$1/etc/systemd/system/timers.target.wants/palabre-backup.timer"' \
    _ "$WORK"
check "les pages de manuel sont installées" \
    test -s "$WORK/usr/share/man/man8/palabre.8.gz"

out=$(in_root palabre check-config 2>&1)
check "check-config sur /etc/palabre/palabre.conf livré : « $out »" \
    sh -c 'printf "%s" "$1" | grep -q "^/etc/palabre/palabre.conf : configuration valide"' \
    _ "$out"

# The way the unit starts it: StateDirectory=, then ExecStartPre= and
# ExecStart= as User=palabre, on a free loopback port.
E2E_PORT=$(free_port) || e2e_bail "port libre"
sed -i "s/^port = .*/port = $E2E_PORT/" "$WORK/etc/palabre/palabre.conf"
UNIT=$WORK/lib/systemd/system/palabre.service
start_like_unit() {
	local cmd
	# The chroot's palabre, not the host's (names resolve inside).
	in_root install -d -o palabre -g palabre -m 0750 /var/lib/palabre
	sed -n 's/^ExecStartPre=//p' "$UNIT" | while read -r cmd; do
		# shellcheck disable=SC2086
		chroot --userspec=palabre:palabre "$WORK" env -i \
		    PATH=/usr/sbin:/usr/bin LANG=C.UTF-8 $cmd ||
		    { echo "échec : $cmd"; return 1; }
	done >>"$E2E_LOG" 2>&1 || return 1
	cmd=$(sed -n 's/^ExecStart=//p' "$UNIT")
	# shellcheck disable=SC2086
	chroot --userspec=palabre:palabre "$WORK" env -i \
	    PATH=/usr/sbin:/usr/bin LANG=C.UTF-8 $cmd >>"$E2E_LOG" 2>&1 &
	E2E_PID=$!
	wait_until 20 e2e_listening
}
check "le serveur démarre comme le lance palabre.service (utilisateur palabre)" \
    start_like_unit
# Numbers, not names: the host may give this uid another name.
PUID=$(in_root id -u palabre)
check "il tourne sous l'utilisateur palabre (uid $PUID)" \
    test "$(ps -o uid= -p "$E2E_PID" | tr -d ' ')" = "$PUID"
check "base et clés d'hôte créées dans /var/lib/palabre, à palabre" sh -c '
    test "$(stat -c %u "$1/var/lib/palabre/palabre.db")" = "$2" &&
    test "$(stat -c %u:%a "$1/var/lib/palabre/ssh_host_ed25519_key")" = "$2:600"' \
    _ "$WORK" "$PUID"

out=$(printf 'mot-de-passe-essai\n' | in_root palabre admin user add essai \
    --name "Élise Essai" --password-stdin 2>&1)
check "admin user add, lancé en root : « $out »" \
    sh -c 'printf "%s" "$1" | grep -q "^Membre essai (Élise Essai, membre) créé"' \
    _ "$out"
check "les fichiers de la base restent à palabre" \
    sh -c '! find "$1/var/lib/palabre" ! -uid "$2" | grep -q .' _ "$WORK" "$PUID"
e2e_login s1 essai mot-de-passe-essai
check_screen s1 "Bonjour" "connexion par ssh au serveur installé"
keys s1 q
e2e_stop

# The upgrade keeps the data.
in_root apt-get install -y -qq -o Dpkg::Options::=--force-confold \
    /tmp/new.deb >>"$E2E_DIR/apt.log" 2>&1
check "mise à jour vers $NEW" sh -c '
    chroot "$1" dpkg-query -W -f "\${Version}" palabre | grep -qx "$2"' \
    _ "$WORK" "$NEW"
check "la configuration modifiée est gardée (port $E2E_PORT)" \
    grep -qx "port = $E2E_PORT" "$WORK/etc/palabre/palabre.conf"
check "le serveur mis à jour redémarre comme le service" start_like_unit
e2e_login s2 essai mot-de-passe-essai
check_screen s2 "Bonjour" "le membre créé avant la mise à jour se connecte"
keys s2 q
e2e_stop

# Remove keeps the data; purge deletes it.
in_root apt-get remove -y -qq palabre >>"$E2E_DIR/apt.log" 2>&1
check "remove : le programme part, la base reste" sh -c '
    test ! -e "$1/usr/sbin/palabre" && test -s "$1/var/lib/palabre/palabre.db"' \
    _ "$WORK"
in_root apt-get purge -y -qq palabre >>"$E2E_DIR/apt.log" 2>&1
check "purge : /var/lib/palabre et /etc/palabre sont supprimés" sh -c '
    test ! -e "$1/var/lib/palabre" && test ! -e "$1/etc/palabre"' _ "$WORK"

# The next run upgrades from this build.
rm -f "$CACHE"/previous/palabre_*_amd64.deb
mv "palabre_${NEW}_amd64.deb" "$CACHE/previous/"
e2e_finish
