#!/bin/sh
# The input rule (issue 12 §1): a NUL or a byte that is not UTF-8 becomes
# U+FFFD wherever text comes in, and nothing after it is lost. A NUL on
# an admin command's standard input, a NUL in an imported .txt followed
# by 30,000 bytes (it once crashed the importer), a byte 0x9b typed and
# pasted in the editor (it once made everything after it vanish). Admin
# commands never echo a control byte back to the sysop's terminal (§6).
. "$(dirname "$0")/lib.sh"

FFFD=EFBFBD	# U+FFFD in hex, as sqlite3's hex() gives it

e2e_setup
e2e_board_access
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"

# hex TEXT: TEXT's bytes in upper-case hex.
hex() {
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F
}

# db_has SQL HEX: the hex() of the first column contains HEX.
db_has() {
	sqlite3 "$E2E_DB" "$1" | grep -q "$2"
}

# --- An admin command's standard input ------------------------------------

printf 'Avant le nul\000apr\303\250s le nul.\n' >"$E2E_DIR/nul.txt"
msg_sent() {
	palabre admin message send --from "$E2E_USER" --to "$E2E_USER2" \
	    --subject "Octet nul" <"$E2E_DIR/nul.txt" 2>"$E2E_DIR/msg.err"
}
check "admin message send : un NUL sur l'entrée standard" msg_sent
check "le message garde la suite du NUL, le NUL devenu U+FFFD (sqlite3)" \
    db_has "SELECT hex(body) FROM message" \
    "$(hex 'Avant le nul')$FFFD$(hex 'après le nul.')"
check "l'administrateur est prévenu de la position de l'octet" \
    grep -qF "octet nul ou invalide (UTF-8) à la position 12" \
    "$E2E_DIR/msg.err"

# A password is bytes, not text: a NUL in it is refused, not replaced.
pw_nul_refused() {
	! printf 'motdepasse\000secret\n' | palabre admin user add nulpw \
	    --password-stdin >"$E2E_DIR/pw.err" 2>&1 &&
	    grep -qF "octet nul (position 10)" "$E2E_DIR/pw.err"
}
check "admin user add : un mot de passe avec un NUL est refusé" pw_nul_refused

# --- A .txt with a NUL and 30,000 bytes after it --------------------------

{
	printf 'Titre du document\n\nAvant le nul\000'
	i=0
	while [ "$i" -lt 900 ]; do
		printf 'Ligne %d après le nul, assez longue.\f\n' "$i"
		i=$((i + 1))
	done
	printf 'Dernière ligne.\n'
} >"$E2E_DIR/nul-30k.txt"
check "le fichier a plus de 30 000 octets après le NUL" \
    test "$(wc -c <"$E2E_DIR/nul-30k.txt")" -gt 30000
doc_imported() {
	palabre admin doc import "$E2E_DIR/nul-30k.txt" --kind note \
	    >"$E2E_DIR/doc.out" 2>&1
}
check "admin doc import du fichier (il plantait)" doc_imported
check "le document garde tout, le NUL devenu U+FFFD (sqlite3)" \
    db_has "SELECT hex(body) FROM doc_text" \
    "$(hex 'Avant le nul')$FFFD$(hex 'Ligne 0 après le nul')"
check "la dernière ligne est là" \
    db_has "SELECT hex(body) FROM doc_text" "$(hex 'Dernière ligne.')"
no_heap() {
	! sqlite3 "$E2E_DB" "SELECT body FROM doc_text" | grep -q "SQLite"
}
check "aucun reste du tas dans le document" no_heap

# --- Control bytes in what admin commands print back (§6) -----------------

esc_out() {
	palabre admin user set "$E2E_USER" type "$(printf '\033[31mrouge')" \
	    >"$E2E_DIR/esc.out" 2>&1
	palabre admin post new "--x$(printf '\033]0;titre\007')" \
	    >>"$E2E_DIR/esc.out" 2>&1
	palabre admin doc import "$(printf '/nulle/part\033[2J.txt')" \
	    >>"$E2E_DIR/esc.out" 2>&1
	palabre admin edito add "$(printf '/nulle/\233part.md')" \
	    >>"$E2E_DIR/esc.out" 2>&1
	test -s "$E2E_DIR/esc.out" || return 1
	cat "$E2E_DIR/esc.out"
	! grep -q "$(printf '[\033\007\233]')" "$E2E_DIR/esc.out"
}
check "admin : aucun octet de contrôle renvoyé au terminal" esc_out
check "admin : l'échappement se voit (\\x1b)" \
    grep -qF '\x1b[31mrouge' "$E2E_DIR/esc.out"

# --- Typed and pasted in the editor ---------------------------------------

check "le serveur démarre" e2e_start || e2e_bail "serveur"
seed() {
	e2e_draft "$E2E_USER" acces-droits Essai ''
}
check "un brouillon (sqlite3)" seed || e2e_bail "brouillon"

check "connexion" e2e_login a "$E2E_USER" "$E2E_PASS"
keys a Enter
check_screen a "Brouillons (1)" "l'accueil propose « Brouillons (1) »"
open_entry a Brouillons
check_screen a "Reprendre" "la liste des brouillons"
keys a Enter
check_screen a "Brouillon repris" "le brouillon s'ouvre dans l'éditeur"
keys a Enter
# Typed: A, the byte 0x9b (no UTF-8 starts with it), BCDEF.
tm send-keys -t "=a:" -H 41 9b 42 43 44 45 46
check_screen a "BCDEF" "tapé : « A\\x9bBCDEF » montre BCDEF"
# Pasted (bracketed): a NUL and a lone 0xe9 (Latin-1 é) inside.
printf ' Coll\351 Z\000YX fin.' >"$E2E_DIR/paste.bin"
tm load-buffer -b raw "$E2E_DIR/paste.bin"
tm paste-buffer -p -b raw -t "=a:"
check_screen a "YX fin." "collé : la fin du collage est là"
# §6: joiners typed in the editor are kept (ZWNJ of « می‌خواهم », the
# ZWJ of 👩‍💻, the VS16 of ❤️).
type_text a " می‌خواهم 👩‍💻 ❤️ fin2"
check_screen a "fin2" "tapé : persan, 👩‍💻 et ❤️"
# Coloured text pasted without bracketed paste, as a terminal that does
# not know it sends it: the sequences are dropped whole, the text kept
# (ESC once opened « Garder le brouillon ? », which took « [31m ROUGE »,
# and « [0m » was typed). Then the same inside a bracketed paste, and a
# title sequence (OSC) ended by BEL.
tm send-keys -t "=a:" -H 1b 5b 33 31 6d 20 52 4f 55 47 45 20 1b 5b 30 6d \
    2b 2b
check_screen a "ROUGE ++" "tapé : « ESC[31m ROUGE ESC[0m ++ » montre « ROUGE ++ »"
check_no_screen a "Garder le brouillon" "la séquence n'est pas Échap"
printf ' VERT\033[32m\033]0;titre\007 fin3' >"$E2E_DIR/esc.bin"
tm load-buffer -b esc "$E2E_DIR/esc.bin"
tm paste-buffer -p -b esc -t "=a:"
check_screen a "VERT fin3" "collé : les séquences ôtées, « VERT fin3 »"
keys a Escape
check_screen a "Garder le brouillon ? (o/n)" "Échap : « Garder le brouillon ? »"
type_text a o
keys a Enter
check_screen a "Brouillon gardé" "o : « Brouillon gardé »"
check "en base : A, U+FFFD, BCDEF (sqlite3)" \
    db_has "SELECT hex(body) FROM draft" "41${FFFD}4243444546"
check "en base : ZWNJ, ZWJ et VS16 gardés (sqlite3)" \
    db_has "SELECT hex(body) FROM draft" \
    "$(hex ' می‌خواهم 👩‍💻 ❤️ fin2')"
check "en base : « ROUGE ++ », sans « [0m » (sqlite3)" \
    db_has "SELECT hex(body) FROM draft" "$(hex ' ROUGE ++ VERT fin3')"
check "en base : le collage entier, NUL et 0xe9 en U+FFFD (sqlite3)" \
    db_has "SELECT hex(body) FROM draft" \
    "$(hex ' Coll')$FFFD$(hex ' Z')$FFFD$(hex 'YX fin.')"

e2e_finish
