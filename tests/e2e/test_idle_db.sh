#!/bin/sh
# An idle interface gives its database connection back (issue 18): an
# open SQLite connection in WAL mode holds POSIX read locks on the
# database and its -shm for as long as it lives, and every lock call of
# every other process walks them (tests/bench/bench_locks.c: among
# 10,000 idle connections a write took 41 ms instead of 8). Ten seconds
# after its last key the interface has no descriptor on the database
# (nor its -wal, -shm) and no lock in /proc/locks; the next key opens
# it again; what was typed before and after the pause is all there, and
# « Message envoyé. » still comes after the commit.
. "$(dirname "$0")/lib.sh"

e2e_setup
e2e_board_access
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre" e2e_start || e2e_bail "serveur"
check "le forum est synchronisé" wait_until 10 e2e_board_synced acces-droits

# db_fds PID: its descriptors on the database, its -wal or -shm.
db_fds() {
	ls -l "/proc/$1/fd" 2>/dev/null | grep -cF "$E2E_DB"
}
has_db() {
	[ "$(db_fds "$1")" -gt 0 ]
}
no_db() {
	[ "$(db_fds "$1")" -eq 0 ]
}
# locks PID: its POSIX locks (the fifth field of /proc/locks).
locks() {
	awk -v p="$1" '$5 == p' /proc/locks | grep -c .
}
no_lock() {
	[ "$(locks "$1")" -eq 0 ]
}

check "connexion" e2e_login a "$E2E_USER" "$E2E_PASS"
keys a Enter
open_entry a Forums
check_screen a "Accès aux droits" "Forums : « Accès aux droits »"
keys a Enter
check_screen a "N Nouveau sujet" "le forum : « N Nouveau sujet »"
keys a N
check_screen a "Titre :" "N : un nouveau sujet"
type_text a "Une pause au milieu"
keys a Enter
type_text a "Avant la pause."
check_screen a "Avant la pause." "le texte se tape"
p=$(ui_pid)
check "l'interface tourne ($p)" test -n "$p"
# The close comes UI_CLOSE_MS (10 s) after the last key; 30 s leave
# room for a loaded machine and the sanitizers.
check "au repos, l'interface ferme la base (30 s au plus)" \
    wait_until 30 no_db "$p"
check "au repos, l'interface ne tient aucun verrou" no_lock "$p"
check_screen a "Avant la pause." "l'écran n'a pas bougé"

# A key that needs no store (an arrow in the text) while it is closed,
# then 10 s more: the interface sleeps again, it does not spin (it
# did, waiting 0 ms for a close already done).
runs() {
	cut -d' ' -f3 "/proc/$1/schedstat"
}
keys a Left
sleep 0.5
keys a Right
sleep 12
r0=$(runs "$p")
sleep 2
r1=$(runs "$p")
echo "# l'interface a tourné $((r1 - r0)) fois en 2 s"
check "une flèche pendant la fermeture, puis 10 s : l'interface dort" \
    test $((r1 - r0)) -lt 5

type_text a " Après la pause."
check_screen a "Avant la pause. Après la pause." \
    "après la pause, la frappe continue le texte"
check "la frappe rouvre la base" wait_until 10 has_db "$p"
keys a C-x
check_screen a "Message envoyé." "Ctrl-X : « Message envoyé. »"
sent() {
	sqlite3 "$E2E_DB" "SELECT p.body FROM post p JOIN thread t
	    ON t.id = p.thread_id WHERE t.title = 'Une pause au milieu'" |
	    grep -qF "Avant la pause. Après la pause."
}
check "en base, le message a tout ce qui a été tapé" sent

# Idle again on the forum's list of threads, then a key that reads the
# base: the thread opens with its text.
check "au repos sur la liste des sujets, la base se ferme" \
    wait_until 30 no_db "$p"
keys a Enter
check_screen a "Avant la pause. Après la pause." \
    "après la pause, Entrée lit le sujet en base"

e2e_finish
