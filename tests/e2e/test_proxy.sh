#!/bin/sh
# Behind HAProxy (issue 19, the PROXY protocol v2 front): Debian's
# haproxy in TCP mode, « send-proxy-v2 », in front of a private server
# with proxy_protocol = required and proxy_from = 127.0.0.1. Members
# connect to HAProxy from their own loopback addresses (ssh -b
# 127.3.4.5, and ::1): the log and « palabre admin who » show that
# address, not HAProxy's; the sign-up cap per address and the penalties count it too
# (two members behind one relay are not one address). A direct
# connection without the header is refused, from the relay's address as
# from any other, and so is a malformed header. HAProxy runs with its
# own configuration in the test's directory and is stopped by its PID.
. "$(dirname "$0")/lib.sh"

command -v haproxy >/dev/null 2>&1 ||
    { echo "# haproxy manque : sh tools/deps.sh"; e2e_bail "haproxy"; }

E2E_CONF_EXTRA=$(printf '[server]\nproxy_protocol = required
proxy_from = 127.0.0.1, ::1
[signup]\nenabled = yes\nmax_per_source = 1
[limits]\nsource_failures = 3\n')
e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

HA_PORT=$(free_port) || e2e_bail "port libre pour HAProxy"
cat >"$E2E_DIR/haproxy.cfg" <<EOF
global
	log stderr format short local0 info
defaults
	mode tcp
	log global
	timeout connect 5s
	timeout client 2m
	timeout server 2m
frontend ssh
	bind 127.0.0.1:$HA_PORT
	bind [::1]:$HA_PORT
	default_backend palabre
backend palabre
	server palabre 127.0.0.1:$E2E_PORT send-proxy-v2
EOF
haproxy -f "$E2E_DIR/haproxy.cfg" -db >"$E2E_DIR/haproxy.out" 2>&1 \
    </dev/null &
HA_PID=$!
bg_track "$HA_PID"
ha_listening() {
	alive "$HA_PID" && ss -Hltn "sport = :$HA_PORT" | grep -q .
}
check "HAProxy écoute sur 127.0.0.1:$HA_PORT" wait_until 10 ha_listening ||
    { cat "$E2E_DIR/haproxy.out"; e2e_bail "haproxy"; }

# via NAME ADDR USER [SSH ARGS]: ssh through HAProxy from ADDR.
via() {
	local name="$1" addr="$2" user="$3" port="$E2E_PORT" rc
	shift 3
	E2E_PORT=$HA_PORT
	e2e_ssh "$name" "$user" -b "$addr" "$@"
	rc=$?
	E2E_PORT=$port
	return $rc
}
# direct NAME ADDR USER: ssh straight to Palabre from ADDR.
direct() {
	e2e_ssh "$1" "$3" -b "$2"
}
log_has() {
	grep -qF -e "$1" "$E2E_LOG"
}
# closed NAME: ssh ended in error before any prompt or screen.
closed() {
	wait_dead "$1" || return 1
	[ "$(exit_status "$1")" = 255 ] || { echo "statut $(exit_status "$1")"
	    return 1; }
	! screen_all "$1" | grep -q -e "Mot de passe" -e Bonjour \
	    -e "Identifiant souhaité"
}

# --- A member through the relay ----------------------------------------------

via c 127.3.4.5 "$E2E_USER"
wait_for c "Mot de passe" && type_text c "$E2E_PASS" && keys c Enter
check_screen c "Bonjour" "Camille entre par HAProxy depuis 127.3.4.5"
check "le journal nomme 127.3.4.5 (en-tête PROXY lu)" \
    wait_until 5 log_has "connexion relayée pour 127.3.4.5:"
check "le journal de l'authentification porte 127.3.4.5" \
    eval "grep -F 'authentifié' '$E2E_LOG' | grep -q '127\.3\.4\.5:'"
check "aucune ligne n'attribue la session à HAProxy" \
    eval "! grep -F 'authentifié' '$E2E_LOG' | grep -q '^[^«]*127\.0\.0\.1:'"
who_has() {
	palabre admin who >"$E2E_DIR/who.out" 2>&1
	grep -q "^$E2E_USER .*127\.3\.4\.5:" "$E2E_DIR/who.out"
}
check "palabre admin who montre 127.3.4.5" wait_until 5 who_has ||
    cat "$E2E_DIR/who.out"

# An IPv6 member (TCP6 in the header): the relay still speaks IPv4.
via c6 ::1 "$E2E_USER" -6 -o HostName=::1
wait_for c6 "Mot de passe" && type_text c6 "$E2E_PASS" && keys c6 Enter
check_screen c6 "Bonjour" "Camille entre aussi par HAProxy en IPv6 (::1)"
who_has6() {
	palabre admin who >"$E2E_DIR/who.out" 2>&1
	grep -q "^$E2E_USER .*\[::1\]:" "$E2E_DIR/who.out"
}
check "palabre admin who montre [::1]" wait_until 5 who_has6 ||
    cat "$E2E_DIR/who.out"

# --- Without the header, refused ---------------------------------------------

direct d1 127.0.0.9 "$E2E_USER"
check "connexion directe depuis 127.0.0.9 (pas un relais) : fermée" \
    closed d1
check "... et le journal dit pourquoi" wait_until 5 log_has \
    "refusée : en-tête PROXY exigé, et cette adresse n'est pas un relais"
direct d2 127.0.0.1 "$E2E_USER"
check "connexion directe depuis le relais, sans en-tête : fermée" \
    closed d2
check "... et le journal dit pourquoi" wait_until 5 log_has \
    "connexion refusée : pas d'en-tête PROXY (proxy_protocol = required)"

# A header that lies about its length (oversized), and a good one then
# the SSH bytes: from the relay's address, without HAProxy.
raw() {
	python3 - "$E2E_PORT" "$1" <<'EOF'
import socket, struct, sys
port, kind = int(sys.argv[1]), sys.argv[2]
sig = b"\r\n\r\n\x00\r\nQUIT\n"
if kind == "close":
    socket.create_connection(("127.0.0.1", port), timeout=10).close()
    sys.exit(1)
if kind == "local":
    hdr = sig + b"\x20\x00\x00\x00"
elif kind == "oversized":
    hdr = sig + b"\x21\x11" + struct.pack("!H", 60000)
else:
    hdr = sig + b"\x21\x11" + struct.pack("!H", 12) + \
        bytes([127, 3, 4, 10, 127, 0, 0, 1]) + struct.pack("!HH", 5000, 22)
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(hdr + b"SSH-2.0-essai\r\n")
got = b""
try:
    while True:
        b = s.recv(4096)
        if not b:
            break
        got += b
        if b"\n" in got:
            break
except socket.timeout:
    pass
print(repr(got[:40]))
sys.exit(0 if got.startswith(b"SSH-2.0-") else 1)
EOF
}
check "un en-tête trop long : connexion fermée sans SSH" eval '! raw oversized'
check "... et le journal dit « en-tête PROXY invalide »" \
    wait_until 5 log_has "connexion refusée : en-tête PROXY invalide"
check "un en-tête LOCAL (vérification du relais), puis SSH : accepté" \
    raw local
check "une connexion du relais fermée sans rien (un « check » de HAProxy)" \
    eval '! raw close'
check "... et le journal le dit" wait_until 5 log_has \
    "connexion fermée avant la fin de l'en-tête PROXY"
check "un en-tête correct, puis SSH : le serveur répond (SSH-2.0-)" \
    raw good

# --- Per-source limits count the member's address ----------------------------

FORM="Identifiant souhaité"
via n1 127.3.4.6 nouveau
check_screen n1 "$FORM" "une inscription par HAProxy depuis 127.3.4.6"
via n2 127.3.4.6 nouveau
check "une 2e depuis 127.3.4.6 : refusée (max_per_source = 1)" \
    wait_for n2 "Trop de sessions sans mot de passe depuis votre adresse"
via n3 127.3.4.7 nouveau
check_screen n3 "$FORM" \
    "une autre depuis 127.3.4.7, par le même relais : acceptée"

# Three failures from 127.3.4.8 penalise that address, not the relay.
via p1 127.3.4.8 personne
for i in 1 2 3; do
	wait_for p1 "Mot de passe" 5 || break
	type_text p1 "faux-$i"
	keys p1 Enter
	sleep 0.5
done
check "le journal pénalise 127.3.4.8" wait_until 5 log_has \
    "adresse 127.3.4.8 pénalisée"
via p2 127.3.4.8 "$E2E_USER"
check "127.3.4.8 pénalisée : sa connexion suivante est fermée" closed p2
via p3 127.3.4.9 "$E2E_USER"
check_screen p3 "Mot de passe" \
    "127.3.4.9, par le même relais, n'est pas pénalisée"
check "HAProxy n'a pas été pénalisé (127.0.0.1)" \
    eval "! grep -q 'adresse 127\.0\.0\.1 pénalisée' '$E2E_LOG'"

# --- optional, on SIGHUP: a direct connection goes through ---------------------

E2E_CONF_EXTRA=$(printf '%s' "$E2E_CONF_EXTRA" |
    sed 's/^proxy_protocol = required$/proxy_protocol = optional/')
e2e_write_conf
kill -HUP "$E2E_PID"
check "la configuration est relue (proxy_protocol = optional)" \
    wait_until 10 log_has "configuration relue"
direct o1 127.0.0.1 "$E2E_USER"
check_screen o1 "Mot de passe" \
    "optional : directe depuis le relais, sans en-tête, acceptée"
direct o2 127.0.0.11 "$E2E_USER"
check_screen o2 "Mot de passe" \
    "optional : directe depuis 127.0.0.11 (pas un relais), acceptée"
via o3 127.3.4.12 "$E2E_USER"
check_screen o3 "Mot de passe" "optional : par HAProxy, acceptée"
check "... et le journal nomme 127.3.4.12" \
    wait_until 5 log_has "connexion relayée pour 127.3.4.12:"

kill -TERM "$HA_PID" 2>/dev/null
check "HAProxy s'arrête (par son PID)" wait_until 5 dead "$HA_PID"
e2e_finish
