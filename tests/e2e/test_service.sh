#!/bin/sh
# test_service.sh - what systemd sees of « palabre serve »: host keys made
# on the first start, when none exists (Ed25519 and RSA, mode 600,
# fingerprints in the log as ssh-keygen prints them, a member logs in with
# them), never again (test_config_checks: one missing key of two is named);
# readiness, reloads and stop told through NOTIFY_SOCKET (READY=1 once the
# port is open, RELOADING=1 then READY=1 around a SIGHUP, STOPPING=1);
# log lines with a journal priority, not a date, when stderr is the
# journal (JOURNAL_STREAM).
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[server]
host_key = ssh_host_rsa_key"
e2e_setup
e2e_db || e2e_bail "base créée"
rm -f "$E2E_DIR/ssh_host_ed25519_key" "$E2E_DIR/ssh_host_ed25519_key.pub"

# A notify socket, as systemd's, read by python3.
SOCK=$E2E_DIR/notify
NOTES=$E2E_DIR/notes
python3 - "$SOCK" >"$NOTES" <<'EOF' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)  # the server may have left root by then
s.settimeout(120)
while True:
    d = s.recv(4096).decode()
    print(d.replace("\n", " "), flush=True)
    if "STOPPING=1" in d:
        break
EOF
bg_track $!
wait_until 10 test -S "$SOCK" || e2e_bail "socket de notification prêt"
NOTIFY_SOCKET=$SOCK
export NOTIFY_SOCKET
e2e_start || e2e_bail "serveur démarré"
unset NOTIFY_SOCKET

for k in ed25519 rsa; do
	f=$E2E_DIR/ssh_host_${k}_key
	check "clé d'hôte $k créée au premier démarrage" test -s "$f"
	check "clé d'hôte $k en mode 600" \
	    test "$(stat -c %a "$f")" = 600
	fp=$(ssh-keygen -l -f "$f" | awk '{ print $2 }')
	check "son empreinte est au journal ($fp)" \
	    grep -q "clé d'hôte créée : $f (.* $fp)" "$E2E_LOG"
done
check "le serveur annonce READY=1 une fois à l'écoute" \
    wait_until 10 grep -q "^READY=1" "$NOTES"
e2e_login s1 "$E2E_USER" "$E2E_PASS" -o HostKeyAlgorithms=rsa-sha2-256
check_screen s1 "Bonjour" "connexion avec la clé d'hôte RSA créée"

kill -HUP "$E2E_PID"
check "SIGHUP : RELOADING=1 puis READY=1" \
    wait_until 10 sh -c 'grep -A1 "^RELOADING=1 MONOTONIC_USEC=[0-9]" "$1" |
    tail -n 1 | grep -q "^READY=1"' _ "$NOTES"
check "la session reste ouverte pendant la relecture" screen_has s1 "Bonjour"
kill -TERM "$E2E_PID"
check "SIGTERM : STOPPING=1" wait_until 10 grep -q "^STOPPING=1" "$NOTES"
e2e_stop

# A second start keeps the keys it made.
sum=$(cat "$E2E_DIR"/ssh_host_*_key | cksum)
e2e_start || e2e_bail "serveur relancé"
check "au redémarrage, les clés d'hôte restent les mêmes" \
    test "$(cat "$E2E_DIR"/ssh_host_*_key | cksum)" = "$sum"
e2e_stop

# Logs for the journal: a priority prefix, no date.
: >"$E2E_DIR/journal"
JOURNAL_STREAM=$(stat -c '%d:%i' "$E2E_DIR/journal")
rm -f "$E2E_DB"
JOURNAL_STREAM=$JOURNAL_STREAM palabre admin db migrate \
    >/dev/null 2>>"$E2E_DIR/journal"
check "stderr vers le journal : « <6>palabre[PID] » sans date" \
    grep -q '^<6>palabre\[[0-9]*\] store_migrate_one: ' "$E2E_DIR/journal"
rm -f "$E2E_DB"
JOURNAL_STREAM=1:1 palabre admin db migrate >/dev/null \
    2>"$E2E_DIR/notjournal"
check "un autre stderr garde la date" \
    grep -q '^20[0-9-]*T[0-9:]*Z palabre\[' "$E2E_DIR/notjournal"

check "aucun rapport de sanitizer" no_sanitizer_report
e2e_finish
