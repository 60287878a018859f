#!/bin/sh
# test_backup.sh - the restore drill: a member posts without pause (« admin
# post reply » in a loop, each acknowledged number written down), a backup
# is taken meanwhile, more posts follow; the restore is refused while the
# server serves the database, then done with --stop (the server stops);
# the server starts again on the restored database: every post
# acknowledged before the backup began is there, the ones after it are
# not, and a member logs in; « admin stats » counts them. Also: the backups' names and pruning
# ([backup] keep), a copy whose schema is newer refused, a damaged file
# refused, the replaced database kept aside.
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[backup]
keep = 2"
e2e_setup
mkdir -p "$E2E_DIR/boards.d"
cat >"$E2E_DIR/boards.d/essai.conf" <<'EOB'
[board]
key = essai
title = Essais de sauvegarde
section = Accueil
order = 10
read = membre
post = membre
EOB
e2e_db || e2e_bail "base créée"
e2e_start || e2e_bail "serveur démarré"
BK=$E2E_DIR/backups
ACK=$E2E_DIR/acks
STOPFILE=$E2E_DIR/stop-writer

first=$(echo "Premier message de l'essai de sauvegarde." |
    palabre admin post new --board essai --author "$E2E_USER" \
    --title "Fil de l'essai")
check "un premier message est écrit (n° $first)" \
    test -n "$first"

# The writer: one reply after another, each number acknowledged by the
# command written down; at most 2000, it stops by itself.
(
	i=0
	: >"$ACK"
	while [ "$i" -lt 2000 ] && [ ! -e "$STOPFILE" ]; do
		i=$((i + 1))
		n=$(echo "Réponse n° $i, écrite pendant la sauvegarde." |
		    "$PALABRE_BIN" -c "$E2E_CONF" admin post reply \
		    --to "$first" --author "$E2E_USER" 2>/dev/null) &&
		    echo "$n" >>"$ACK"
	done
) &
WRITER=$!
bg_track "$WRITER"
acks() { [ -f "$ACK" ] && wc -l <"$ACK" || echo 0; }
acks_at_least() { [ "$(acks)" -ge "$1" ]; }
check "le rédacteur écrit sans pause (20 messages acquittés)" \
    wait_until 60 acks_at_least 20

# Acknowledged before the backup began: all must be in it.
cp "$ACK" "$E2E_DIR/before"
out=$(palabre admin backup "$BK" 2>&1)
rc=$?
check "la sauvegarde réussit pendant l'écriture (code 0)" test "$rc" -eq 0
check "une ligne de français la résume : « $out »" \
    sh -c 'test "$(printf "%s\n" "$1" | wc -l)" -eq 1 &&
    printf "%s" "$1" | grep -q "^Sauvegarde vérifiée : .*palabre-[0-9]\{8\}-[0-9]\{6\}\.db"' \
    _ "$out"
SAVED=$(ls "$BK"/palabre-*.db 2>/dev/null | tail -n 1)
check "le fichier est nommé par la date" test -n "$SAVED"
check "il passe integrity_check seul, sans WAL à côté" \
    sh -c 'test "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok &&
    test ! -e "$1-wal"' _ "$SAVED"
check "aucun fichier temporaire ne reste" \
    sh -c '! ls -A "$1" | grep -q tmp' _ "$BK"
cp "$SAVED" "$E2E_DIR/drill.db"
n=$(acks)
check "le rédacteur continue après la sauvegarde" \
    wait_until 60 acks_at_least $((n + 10))
cp "$ACK" "$E2E_DIR/after"

# Pruning: keep = 2.
sleep 1
palabre admin backup "$BK" >/dev/null 2>&1
sleep 1
out=$(palabre admin backup "$BK" 2>&1)
check "keep = 2 : la plus ancienne copie est supprimée" \
    sh -c 'test "$(ls "$1"/palabre-*.db | wc -l)" -eq 2 &&
    printf "%s" "$2" | grep -q "2 copies gardées, 1 supprimée"' \
    _ "$BK" "$out"
check "la première copie est celle qui est partie" test ! -e "$SAVED"

touch "$STOPFILE"
wait "$WRITER" 2>/dev/null
cp "$ACK" "$E2E_DIR/all"
check "le rédacteur s'est arrêté" dead "$WRITER"

# Refused while served.
out=$(palabre admin restore "$E2E_DIR/drill.db" 2>&1)
rc=$?
check "restaurer pendant que le serveur sert est refusé (code 1)" \
    test "$rc" -eq 1
check "le refus nomme le processus du serveur : « $out »" \
    sh -c 'printf "%s" "$1" | grep -q "servie par le processus $2"' \
    _ "$out" "$E2E_PID"
check "la base n'a pas été touchée" \
    test "$(sqlite3 "$E2E_DB" "SELECT count(*) FROM post")" -ge \
    "$(wc -l <"$E2E_DIR/all")"

# A copy whose schema is newer than this program's, a damaged file.
cp "$E2E_DIR/drill.db" "$E2E_DIR/newer.db"
sqlite3 "$E2E_DIR/newer.db" "PRAGMA user_version = 999"
out=$(palabre admin restore --stop "$E2E_DIR/newer.db" 2>&1)
rc=$?
check "une sauvegarde au schéma plus récent est refusée" \
    sh -c 'test "$1" -eq 1 && printf "%s" "$2" | grep -q "plus récent"' \
    _ "$rc" "$out"
head -c 20000 "$E2E_DIR/drill.db" >"$E2E_DIR/broken.db"
out=$(palabre admin restore "$E2E_DIR/broken.db" --stop 2>&1)
rc=$?
check "un fichier abîmé est refusé : « $out »" \
    sh -c 'test "$1" -eq 1 &&
    printf "%s" "$2" | grep -q "restauration refusée"' _ "$rc" "$out"
check "un fichier refusé n'arrête pas le serveur, même avec --stop" \
    e2e_listening

# A copy from an older version (here the oldest: schema 0, before any
# migration) is brought up to date on the way in.
latest=$(sqlite3 "$E2E_DB" "PRAGMA user_version")
sqlite3 "$E2E_DIR/older.db" "PRAGMA user_version = 0; VACUUM"
OLDCONF=$E2E_DIR/older.conf
printf '[server]\ndatabase = older-target.db\nboards =\n' >"$OLDCONF"
out=$("$PALABRE_BIN" -c "$OLDCONF" admin restore "$E2E_DIR/older.db" 2>&1)
check "une sauvegarde au schéma 0 est mise au schéma $latest en la restaurant : « $out »" \
    sh -c 'printf "%s" "$1" | grep -q "(schéma $3, mis à jour depuis le schéma 0)" &&
    test "$(sqlite3 "$2" "PRAGMA user_version")" = "$3" &&
    test "$(sqlite3 "$2" "SELECT count(*) FROM member")" = 0' \
    _ "$out" "$E2E_DIR/older-target.db" "$latest"
check "ni ne laisse de copie temporaire" \
    test ! -e "$E2E_DB.restauration"

# The drill: stopped by the restore itself.
old=$E2E_PID
out=$(palabre admin restore --stop "$E2E_DIR/drill.db" 2>&1)
rc=$?
check "restore --stop arrête le serveur et restaure (code 0)" \
    test "$rc" -eq 0
check "il le dit en une ligne : « $out »" \
    sh -c 'printf "%s" "$1" | grep -q "^Base restaurée depuis .*gardée sous .*avant-restauration-[0-9-]*.*relancez"' \
    _ "$out"
check "le serveur s'est arrêté" wait_until 10 dead "$old" ||
    kill -KILL "$old" 2>/dev/null	# never wait for ever below
wait "$old" 2>/dev/null
E2E_PID=
aside=$(ls "$E2E_DIR"/palabre.db.avant-restauration-* 2>/dev/null |
    grep -v -e '-wal$' -e '-shm$' | head -n 1)
check "l'ancienne base est gardée à côté, entière" \
    test "$(sqlite3 "$aside" "SELECT count(*) FROM post")" -ge \
    "$(wc -l <"$E2E_DIR/all")"
e2e_start || e2e_bail "serveur relancé sur la base restaurée"

missing=0
while read -r id; do
	[ "$(sqlite3 "$E2E_DB" "SELECT count(*) FROM post WHERE id = $id")" \
	    = 1 ] || missing=$((missing + 1))
done <"$E2E_DIR/before"
check "les $(wc -l <"$E2E_DIR/before") messages acquittés avant la sauvegarde sont tous là" \
    test "$missing" -eq 0
last=$(tail -n 1 "$E2E_DIR/after")
check "un message écrit après la sauvegarde n'y est pas (n° $last)" \
    test "$(sqlite3 "$E2E_DB" "SELECT count(*) FROM post WHERE id = $last")" = 0
check "la base restaurée est saine" \
    sh -c '"$1" -c "$2" admin db check | grep -q "base saine"' \
    _ "$PALABRE_BIN" "$E2E_CONF"

e2e_login s1 "$E2E_USER" "$E2E_PASS"
check_screen s1 "Bonjour" "un membre se connecte sur la base restaurée"

# admin stats on the restored database, one session open.
palabre admin stats >"$E2E_DIR/stats" 2>&1
rc=$?
posts=$(sqlite3 "$E2E_DB" "SELECT count(*) FROM post")
today=$(grep '^  [0-9]' "$E2E_DIR/stats" | tail -n 1)
check "admin stats répond (code 0)" test "$rc" -eq 0
check "stats : les membres par statut" \
    grep -q "^Membres : 0 en attente, 2 actifs, .*(2 en tout) ; 1 venu ces dernières 24 h" "$E2E_DIR/stats"
check "stats : 30 jours, aujourd'hui compte les $posts messages" \
    sh -c 'test "$(grep -c "^  [0-9]" "$1")" -eq 30 &&
    printf "%s" "$2" | grep -q " $3 #"' _ "$E2E_DIR/stats" "$today" "$posts"
check "stats : la session ouverte et le processus du serveur" \
    grep -q "^Sessions ouvertes : 1 (serveur : processus $E2E_PID)" "$E2E_DIR/stats"
check "stats : la pointe de sessions, datée" \
    grep -q "^Pointe : 1 session à la fois, le .* à " "$E2E_DIR/stats"
check "stats : la taille de la base" \
    grep -q "^Base : $E2E_DB, [0-9]* Kio" "$E2E_DIR/stats"

check "aucun rapport de sanitizer" no_sanitizer_report
e2e_finish
