#!/bin/sh
# Configuration mistakes are caught and said (issue 13 §5): a moderator
# who is no member is named with file and line by check-config, by
# « admin board sync » and on SIGHUP; with one of two host keys missing
# the log says why and counts what was loaded; a read-only database
# folder is named as such; a board sync that would archive several
# boards asks first (a terminal), or needs --yes.
. "$(dirname "$0")/lib.sh"

e2e_setup
# Two host keys, the second missing.
sed -i 's/^host_key = ssh_host_ed25519_key$/&\nhost_key = ssh_host_rsa_absent/' \
    "$E2E_CONF"
mkdir -p "$E2E_DIR/boards.d"
board() {
	printf '[board]\nkey = %s\ntitle = Tableau %s\nmoderators = %s\n' \
	    "$1" "$1" "$2" >"$E2E_DIR/boards.d/$1.conf"
}
board emploi "$E2E_USER2 personne"
board logement ""
board sante ""
board culture ""

# --- Moderators that are no member ----------------------------------------------

check "check-config sans base : il dit ne pas avoir vérifié" \
    eval 'palabre check-config 2>&1 | grep -F "modérateurs non vérifiés"'
check "base de test créée" e2e_db || e2e_bail "base"
palabre check-config >"$E2E_DIR/check.txt" 2>&1
rc=$?
check "check-config : la configuration reste valide (statut 0)" test "$rc" = 0
check "check-config : « personne » nommé avec fichier et ligne" \
    grep -F "boards.d/emploi.conf:4: avertissement : « moderators » : aucun membre n'a l'identifiant « personne »" \
    "$E2E_DIR/check.txt"
check "check-config : un modérateur qui existe n'est pas signalé" \
    eval '! grep -F "« $E2E_USER2 »" "$E2E_DIR/check.txt"'
palabre admin board sync >"$E2E_DIR/sync.txt" 2>&1
check "admin board sync : le même avertissement" \
    grep -F "emploi.conf:4: avertissement" "$E2E_DIR/sync.txt"
check "admin board sync : les 4 tableaux sont ajoutés" \
    grep -F "4 ajoutés" "$E2E_DIR/sync.txt"

# --- Host keys -------------------------------------------------------------------

check "le serveur démarre avec une clé d'hôte sur deux" e2e_start ||
    e2e_bail "serveur"
check "journal : la clé absente est nommée, avec la raison" \
    wait_until 5 grep -F "clé d'hôte illisible : $E2E_DIR/ssh_host_rsa_absent : fichier absent" \
    "$E2E_LOG"
check "journal : « 1 clé(s) d'hôte chargée(s) sur 2 »" \
    wait_until 5 grep -F "(1 clé(s) d'hôte chargée(s) sur 2)" "$E2E_LOG"
check "la connexion marche avec la clé restante" \
    e2e_login a "$E2E_USER" "$E2E_PASS"
tm kill-session -t "=a" 2>/dev/null

# --- SIGHUP ---------------------------------------------------------------------------

board emploi "nulle-part"
kill -HUP "$E2E_PID"
check "SIGHUP : l'avertissement arrive au journal, avec fichier et ligne" \
    wait_until 5 grep -F "emploi.conf:4: avertissement : « moderators » : aucun membre n'a l'identifiant « nulle-part »" \
    "$E2E_LOG"
e2e_stop

# --- A sync that would archive several boards ----------------------------------

rm "$E2E_DIR/boards.d/logement.conf" "$E2E_DIR/boards.d/sante.conf"
archived() {
	sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM board WHERE archived_at != 0"
}
palabre admin board sync </dev/null >"$E2E_DIR/sync.txt" 2>&1
rc=$?
check "sans terminal ni --yes : refusé (statut 1)" test "$rc" = 1
check "sans terminal ni --yes : le message dit lesquels et comment" \
    grep -F "rien n'est fait : 2 tableaux seraient archivés (logement, sante)" \
    "$E2E_DIR/sync.txt"
check "sans terminal ni --yes : rien d'archivé" test "$(archived)" = 0
# On a terminal (script(1) gives one): « n » keeps everything.
printf 'n\n' | script -qec "$PALABRE_BIN -c $E2E_CONF admin board sync" \
    /dev/null >"$E2E_DIR/tty.txt" 2>&1
check "au terminal : la question est posée" \
    grep -F "Cette synchronisation archiverait 2 tableaux" "$E2E_DIR/tty.txt"
check "au terminal, « n » : rien d'archivé" test "$(archived)" = 0
printf 'o\n' | script -qec "$PALABRE_BIN -c $E2E_CONF admin board sync" \
    /dev/null >"$E2E_DIR/tty.txt" 2>&1
check "au terminal, « o » : les 2 tableaux sont archivés" \
    test "$(archived)" = 2
board logement ""
board sante ""
palabre admin board sync >/dev/null 2>&1
rm "$E2E_DIR/boards.d/logement.conf" "$E2E_DIR/boards.d/sante.conf"
check "--yes : archivés sans question" \
    eval 'palabre admin board sync --yes </dev/null 2>&1 |
    grep -F "2 archivés"'
rm "$E2E_DIR/boards.d/culture.conf"
check "un seul tableau à archiver : pas de question" \
    eval 'palabre admin board sync </dev/null 2>&1 | grep -F "1 archivé"'

# --- A read-only database folder ---------------------------------------------------

# Root ignores permissions: the check runs as nobody.
ro_open() {
	local d="$E2E_DIR/ro"
	mkdir -p "$d/db" && cp "$E2E_DB" "$d/db/palabre.db" &&
	    sed "s|^database = .*|database = $d/db/palabre.db|" "$E2E_CONF" \
	    >"$d/palabre.conf" && chmod 755 "$E2E_DIR" "$d" &&
	    chmod 666 "$d/db/palabre.db" && chmod 555 "$d/db" || return 1
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$PALABRE_BIN" -c "$d/palabre.conf" admin board list
	else
		"$PALABRE_BIN" -c "$d/palabre.conf" admin board list
	fi >"$E2E_DIR/ro.txt" 2>&1
	chmod 700 "$E2E_DIR"
	grep -F "impossible d'ouvrir la base « $d/db/palabre.db » : dossier en lecture seule" \
	    "$E2E_DIR/ro.txt"
}
check "dossier de la base en lecture seule : le chemin et la raison" ro_open

e2e_finish
