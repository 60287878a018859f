#!/bin/sh
# Another process holds the database's write lock for 30 s (python3's
# sqlite3, BEGIN IMMEDIATE) while a member writes (issue 13 §4, §6):
# typing never waits on the database (keystroke echo measured in tmux
# while autosaves fail), the status line says « Brouillon non enregistré
# : base occupée », Ctrl-X fails within a few seconds with the reason and
# keeps the text; once the lock is gone, the next autosave stores what
# was typed and Ctrl-X sends.
#
# FAULT_LOCK_S (30): how long the lock is held; FAULT_FREEZE_MS (200):
# the longest keystroke echo accepted.
. "$(dirname "$0")/lib.sh"

LOCK_S=${FAULT_LOCK_S:-30}
FREEZE_MS=${FAULT_FREEZE_MS:-200}
e2e_setup
fault_board faute
check "base de test créée" e2e_db || e2e_bail "base"
palabre admin board sync >/dev/null 2>&1
seed_draft "Sous verrou" "Début."
check "le serveur démarre" e2e_start || e2e_bail "serveur"
check "connexion" e2e_login a "$E2E_USER" "$E2E_PASS" || e2e_bail "connexion"
check "l'éditeur s'ouvre sur le brouillon" open_draft a || e2e_bail "éditeur"

python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
c.execute("BEGIN IMMEDIATE")
print("tenu", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")
' "$E2E_DB" "$LOCK_S" >"$E2E_DIR/holder.out" 2>&1 &
holder=$!
bg_track "$holder"
t_lock=$(ms)
check "un autre processus tient le verrou d'écriture" \
    wait_until 5 grep -q tenu "$E2E_DIR/holder.out"

# 8 s of typing: three or four autosaves give up meanwhile.
res=$(python3 tests/faults/keylatency.py "$E2E_SOCK" "$E2E_DIR/tmux.conf" \
    "=a:" 8 v)
echo "# $res"
max=$(printf '%s' "$res" | sed -n 's/.*max=\([0-9]*\).*/\1/p')
last=$(printf '%s' "$res" | sed -n 's/.*last=\(.*\)/\1/p')
figure "verrou d'écriture tenu : écho des touches $res (ms)"
check "aucune touche n'attend plus de $FREEZE_MS ms (max ${max:-?} ms)" \
    test "${max:-99999}" -lt "$FREEZE_MS"
check_screen a "Brouillon non enregistré : base occupée" \
    "la ligne d'état le dit : « Brouillon non enregistré : base occupée »"

t0=$(ms)
keys a C-x
check_screen a "Le message n'a pas pu être enregistré (base occupée)" \
    "Ctrl-X sous verrou : échec annoncé, avec la raison" 10
t1=$(ms)
figure "verrou d'écriture tenu : Ctrl-X répond en $((t1 - t0)) ms"
check "Ctrl-X sous verrou : réponse en moins de 5 s ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -lt 5000
check "Ctrl-X sous verrou : rien n'est envoyé" \
    test "$(sql "SELECT COUNT(*) FROM thread WHERE title = 'Sous verrou'")" = 0
check_screen a "$last" "Ctrl-X sous verrou : le texte reste à l'écran"

check "le verrou est rendu" wait_until $((LOCK_S + 10)) dead "$holder"
t_free=$(ms)
draft_saved() {
	[ "$(sql "SELECT COUNT(*) FROM draft WHERE body LIKE '% $last%'")" = 1 ]
}
check "verrou rendu : l'enregistrement suivant garde tout le texte" \
    wait_until 10 draft_saved
figure "verrou rendu : brouillon enregistré $(( $(ms) - t_free )) ms après"
check "verrou rendu : l'avertissement s'efface" \
    wait_gone a "Brouillon non enregistré" 5
keys a C-x
check_screen a "Message envoyé" "verrou rendu : Ctrl-X envoie"
sent() {
	[ "$(sql "SELECT COUNT(*) FROM post p JOIN thread t ON
	    t.id = p.thread_id WHERE t.title = 'Sous verrou'
	    AND p.body LIKE 'Début.% $last'")" = 1 ]
}
check "le message est en base une fois, en entier" sent
e2e_finish
