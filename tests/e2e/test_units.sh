#!/bin/sh
# test_units.sh - the systemd files of conf/systemd/, as make install
# writes them (the binaries' directory put in): « systemd-analyze verify »
# says nothing; « systemd-analyze security » rates each service OK or
# better (exposure 3.0 at most: the figures are printed); the unit starts
# the server the documented way (Type=notify, check-config then db
# migrate, -c /etc/palabre/palabre.conf serve, reload by SIGHUP); the
# sysusers.d file makes the palabre user with /var/lib/palabre as home.
. "$(dirname "$0")/lib.sh"

e2e_setup
T=$E2E_DIR
bin=$(cd "$(dirname "$PALABRE_BIN")" && pwd)
for u in palabre.service palabre-backup.service palabre-backup.timer \
    palabre-mail.service palabre-mail.timer; do
	sed "s|/usr/sbin/palabre |$bin/$(basename "$PALABRE_BIN") |g" \
	    "conf/systemd/$u" >"$T/$u"
done

out=$(systemd-analyze verify --man=no "$T/palabre.service" \
    "$T/palabre-backup.service" "$T/palabre-backup.timer" \
    "$T/palabre-mail.service" "$T/palabre-mail.timer" 2>&1)
rc=$?
check "systemd-analyze verify : rien à redire${out:+ : $out}" \
    sh -c 'test "$1" -eq 0 && test -z "$2"' _ "$rc" "$out"
for u in palabre.service palabre-backup.service palabre-mail.service; do
	line=$(systemd-analyze security --offline=yes "$T/$u" 2>&1 |
	    grep 'Overall exposure level')
	fig=$(printf '%s' "$line" | sed -n 's/.*: \([0-9.]*\) .*/\1/p')
	check "$u : exposition ${fig:-?} (3.0 au plus : OK)" \
	    sh -c 'test -n "$1" && awk "BEGIN { exit !($1 <= 3.0) }"' _ "$fig"
done

u=conf/systemd/palabre.service
check "Type=notify" grep -qx 'Type=notify' "$u"
check "lancé comme dans la documentation" grep -qx \
    'ExecStart=/usr/sbin/palabre -c /etc/palabre/palabre.conf serve' "$u"
check "la configuration vérifiée, la base mise au schéma avant" sh -c '
    grep "^ExecStartPre=" "$1" | head -n 1 | grep -q " check-config$" &&
    grep "^ExecStartPre=" "$1" | tail -n 1 | grep -q " admin db migrate$"' \
    _ "$u"
check "rechargé par SIGHUP" grep -qx 'ExecReload=/bin/kill -HUP $MAINPID' "$u"
for k in StateDirectory=palabre ConfigurationDirectory=palabre \
    User=palabre AmbientCapabilities=CAP_NET_BIND_SERVICE \
    CapabilityBoundingSet=CAP_NET_BIND_SERVICE NoNewPrivileges=yes \
    ProtectSystem=strict MemoryDenyWriteExecute=yes \
    SystemCallFilter=@system-service SystemCallArchitectures=native; do
	check "palabre.service : $k" grep -qx "$k" "$u"
done
# Each session loads its own seccomp filter and the interface Landlock
# (src/util/sandbox.c): refused by the unit's filter, no session would
# open under systemd.
for c in seccomp landlock_create_ruleset landlock_add_rule \
    landlock_restrict_self; do
	check "palabre.service laisse passer $c (le bac à sable de Palabre)" \
	    sh -c 'systemd-analyze syscall-filter @system-service |
	    grep -qx "  *$2" ||
	    grep "^SystemCallFilter=[^~]" "$1" | grep -qw "$2"' _ "$u" "$c"
done
check "le minuteur lance la sauvegarde chaque jour" sh -c '
    grep -qx "OnCalendar=\*-\*-\* 03:30:00" "$1/palabre-backup.timer" &&
    grep -q "^ExecStart=.* admin backup$" "$1/palabre-backup.service"' \
    _ conf/systemd
check "le minuteur des courriels passe toutes les cinq minutes" sh -c '
    grep -qx "OnCalendar=\*:0/5" "$1/palabre-mail.timer" &&
    grep -q "^ExecStart=.* admin digest send$" "$1/palabre-mail.service"' \
    _ conf/systemd

mkdir -p "$T/root/etc"
out=$(systemd-sysusers --root="$T/root" --dry-run \
    "$PWD/conf/systemd/palabre.sysusers" 2>&1)
check "sysusers.d : l'utilisateur palabre, chez lui dans /var/lib/palabre" \
    sh -c 'printf "%s" "$1" | grep -q "Creating user .palabre." &&
    grep -q "^u palabre - .* /var/lib/palabre /usr/sbin/nologin$" "$2"' \
    _ "$out" conf/systemd/palabre.sysusers

e2e_finish
