#!/bin/sh
# Bytes on the wire (issue 18): moving the selection one line at Accueil
# sends at most 64 terminal bytes, and none of them selects the ASCII
# character set again (ESC ( B, which xterm's terminfo puts in every
# change of attributes: 15 of the 73 bytes a move cost). The screen still
# shows the selection where it went. Counted from what ssh writes to the
# pane (tmux pipe-pane): deterministic, not a timing.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

check "connexion (TERM=xterm-256color)" e2e_login s "$E2E_USER" "$E2E_PASS"
keys s Enter
check "l'accueil" wait_for s "Messagerie"
sleep 1

# move NAME KEY FILE: the bytes the pane receives for one key, in FILE.
move() {
	rm -f "$3"
	tm pipe-pane -o -t "=$1:" "cat >'$3'"
	sleep 0.3
	keys "$1" "$2"
	sleep 1
	tm pipe-pane -t "=$1:"
	sleep 0.2
	[ -s "$3" ]
}

# small FILE MAX: at most MAX bytes, no ESC ( B among them.
small() {
	local n
	n=$(wc -c <"$1")
	if [ "$n" -gt "$2" ] || grep -q "$(printf '\033(B')" "$1"; then
		echo "$n octets : $(od -c "$1" | head -n 6)"
		return 1
	fi
}

check "↓ : quelque chose est envoyé" move s Down "$E2E_DIR/down.out"
check "↓ : 64 octets au plus, sans ESC ( B" small "$E2E_DIR/down.out" 64
check "↓ : la sélection est descendue" wait_for s "›6  Messagerie"
# Each label is written again (normal, then reversed): « Messagerie » is
# 4 bytes longer than the « Forums » of make bench's menu.
check "↑ : quelque chose est envoyé" move s Up "$E2E_DIR/up.out"
check "↑ : 68 octets au plus, sans ESC ( B" small "$E2E_DIR/up.out" 68
check "↑ : la sélection est remontée" wait_for s "›1  L'édito"

e2e_finish
