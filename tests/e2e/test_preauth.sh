#!/bin/sh
# Idle connections cannot lock members out: 500 connections from 250
# addresses (127.1.x.y) that never finish a key exchange, reopened 0.1 s
# after they are closed, while 40 members log in one after another
# (OpenSSH client, key, ssh -T: « Palabre a besoin d'un terminal » comes
# only after a successful login). At least 95 % of the logins must succeed,
# each within 2 s (tests/e2e/preauth_flood.py). Before the pre-
# authentication budget (kex_grace_time, eviction of the oldest
# connection still in its key exchange) the 100 unauthenticated slots
# stayed full and every login was refused.
. "$(dirname "$0")/lib.sh"

# The defaults of conf/palabre.conf: 100 unauthenticated slots, 30 s of
# grace, room for 1000 sessions.
E2E_CONF_EXTRA="[limits]
max_sessions = 1000
login_grace_time = 30"
e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"
ssh-keygen -q -t ed25519 -N '' -C "camille@essai" -f "$E2E_DIR/demo_key"
check "clé de $E2E_USER ajoutée" palabre admin user add-key "$E2E_USER" \
    "$E2E_DIR/demo_key.pub"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# The issue's figure: each login within 2 s. Under the sanitizers
# (make test-asan) every process, and each fork of the listener, is
# several times slower on the same cores (logins took 0.2 to 4 s):
# there the point is that the flood leaves no report, and 10 s the bound.
limit=2
[ -z "$E2E_SAN" ] || limit=10

# flood ARGS: the driver; its figures stay in flood.out for the summary.
flood() {
	timeout -k 5 120 python3 "$E2E_ROOT/tests/e2e/preauth_flood.py" \
	    --port "$E2E_PORT" --key "$E2E_DIR/demo_key" --user "$E2E_USER" \
	    --conns 500 --addrs 250 --limit "$limit" --deadline 100 "$@" \
	    >"$E2E_DIR/flood.out" 2>&1
	rc=$?
	cat "$E2E_DIR/flood.out"
	return $rc
}
summary() {
	grep -e "^flot" -e "durées" -e "réussies en" "$E2E_DIR/flood.out" |
	    sed 's/^/#   /'
}
check "500 connexions muettes de 250 adresses : ≥ 95 % des connexions en moins de $limit s" \
    flood --logins 40 && summary
check "500 connexions qui n'envoient que leur bannière : idem" \
    flood --banner --logins 40 && summary
check "le serveur tient" alive "$E2E_PID"
check "les connexions du flot s'en vont (aucune session au bout de 40 s)" \
    wait_sessions 0 40

e2e_finish
