#!/bin/sh
# What a moderator reads when a decision on a waiting record does not
# happen, with the real ssh client: while another process holds the
# database's write lock, returning the record (from the record) and
# publishing it (from « Modération ») say that the database did not
# answer, never that the record no longer waits; once the lock is gone,
# Karim publishes it from one window, and returning it from the other,
# still open on it, says then that it no longer waits. (Both screens
# said « n'attend plus de validation » for any failure.)
. "$(dirname "$0")/lib.sh"

e2e_setup
mkdir -p "$E2E_DIR/boards.d"
cp conf/boards.d/catalogue.conf "$E2E_DIR/boards.d/"
check "base de test créée" e2e_db || e2e_bail "base"

TITLE="Permanence numérique au CCAS de Villeurbanne"
DBERR="La base de données n'a pas répondu"
WAITS="La fiche n'attend plus de validation."

waiting_record() {
	palabre admin practice add --author "$E2E_USER" <<EOT
title: $TITLE
org: CCAS de Villeurbanne
org_type: collectivite
departement: 69
commune: Villeurbanne
themes: acces-droits
public: Personnes éloignées du numérique
start: 03/2022
contact_login: $E2E_USER
[context]
Des démarches en ligne que beaucoup ne font pas seuls.
[actions]
Une permanence chaque mardi, avec une médiatrice numérique.
EOT
}
check "une fiche à valider (palabre admin)" waiting_record || e2e_bail "fiche"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# Karim, moderator, in two windows: the record, and the queue.
check "Karim se connecte (fenêtre 1)" e2e_login k "$E2E_USER2" "$E2E_PASS2"
keys k Enter
open_entry k "Catalogue des pratiques"
wait_for k "Aucune fiche" || true
keys k M
check "M : la fiche à valider" wait_for k "1 fiche à valider"
keys k Enter
check "la fiche s'ouvre, à valider" wait_for k "a la publie"
check "Karim se connecte (fenêtre 2)" e2e_login q "$E2E_USER2" "$E2E_PASS2"
keys q Enter
open_entry q Modération
check "la file de modération montre la fiche" \
    wait_for q "Fiche à valider : $TITLE"

# Another process holds the write lock (until LOCK is removed, 60 s at
# most): each decision waits its 5 s, then fails.
LOCK=$E2E_DIR/verrou
python3 - "$E2E_DB" "$LOCK" <<'EOT' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
t = time.monotonic()
while os.path.exists(sys.argv[2]) and time.monotonic() - t < 60:
    time.sleep(0.1)
db.execute("ROLLBACK")
EOT
HOLDER=$!
bg_track "$HOLDER"
check "un autre processus tient le verrou d'écriture" wait_until 10 test -f "$LOCK"

keys k X
check "X demande le commentaire" wait_for k "Ce qu'il faut revoir"
type_text k "Précisez le public, s'il vous plaît."
keys k Enter
check "renvoi sans base : la base n'a pas répondu" wait_for k "$DBERR" 15
check_no_screen k "$WAITS" "renvoi sans base : pas « n'attend plus »"

keys q a
check "a demande confirmation" wait_for q "Publier cette fiche"
type_text q o
keys q Enter
check "publication sans base : la base n'a pas répondu" \
    wait_for q "$DBERR" 15
check_no_screen q "n'attend plus" "publication sans base : pas « n'attend plus »"

rm -f "$LOCK"
check "le verrou est rendu" wait "$HOLDER"

# Published from the queue; the record's window is still open on it.
keys q a
wait_for q "Publier cette fiche" || true
type_text q o
keys q Enter
check "la fiche est publiée depuis la file" wait_for q "Fiche publiée"
keys k X
wait_for k "Ce qu'il faut revoir" || true
type_text k "Précisez le public, s'il vous plaît."
keys k Enter
check "renvoi d'une fiche publiée entre-temps : elle n'attend plus" \
    wait_for k "$WAITS"

e2e_finish
