#!/bin/sh
# The disk holding the database fills up while a member writes (issue 13
# §4, §6): the database lives on a small tmpfs mounted by the test (root
# only: skipped otherwise, with a line that says so), filled to the last
# page. The status line says « Brouillon non enregistré : disque plein »,
# the session stays alive with the text on screen, Ctrl-X says why it
# failed and stores nothing, the database stays sound; once space comes
# back the next autosave stores the text and Ctrl-X sends it, once.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "# ignoré : disque plein : il faut être root pour monter un tmpfs"
	echo "0 passed, 0 failed"
	exit 0
fi
e2e_setup
# Outside the test's folder (root's, 0700): the server, run as nobody,
# is given the database's folder, the tmpfs, at start.
FULL=$(mktemp -d /tmp/palabre-faults-plein.XXXXXX) || e2e_bail "dossier"
mount -t tmpfs -o size=4m,mode=0755 palabre-faults "$FULL" ||
    e2e_bail "tmpfs monté"
trap 'umount -l "$FULL" 2>/dev/null; rmdir "$FULL"; e2e_atexit' EXIT
# The test's folder stays root's: the interface (nobody) must still
# reach its configuration and boards there.
chmod 711 "$E2E_DIR"
sed -i "s|^database = .*|database = $FULL/palabre.db|" "$E2E_CONF"
E2E_DB=$FULL/palabre.db
fault_board faute
check "base de test créée sur le tmpfs" e2e_db || e2e_bail "base"
palabre admin board sync >/dev/null 2>&1
seed_draft "Disque plein" "Début."
# An empty -wal: what is written next needs new pages of the tmpfs.
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
check "le serveur démarre" e2e_start || e2e_bail "serveur"
check "connexion" e2e_login a "$E2E_USER" "$E2E_PASS" || e2e_bail "connexion"
check "l'éditeur s'ouvre sur le brouillon" open_draft a || e2e_bail "éditeur"

dd if=/dev/zero of="$FULL/remplissage" bs=4k >/dev/null 2>&1
check "le tmpfs est plein" \
    test "$(df --output=avail -B1 "$FULL" | tail -n 1 | tr -d ' ')" -lt 4096
# Enough text that its draft needs pages the disk no longer has.
i=0
while [ "$i" -lt 40 ]; do
	i=$((i + 1))
	type_text a " Ligne $i tapée disque plein, avec des accents : été, œuvre."
done
check_screen a "Ligne 40 tapée" "le texte s'affiche"
check_screen a "Brouillon non enregistré : disque plein" \
    "la ligne d'état le dit : « Brouillon non enregistré : disque plein »" 8
check "la session est vivante" eval 'ui_pid >/dev/null'
keys a C-x
check_screen a "Le message n'a pas pu être enregistré (disque plein)" \
    "Ctrl-X : échec annoncé, avec la raison"
check "rien n'est envoyé" \
    test "$(sql "SELECT COUNT(*) FROM thread WHERE title = 'Disque plein'")" = 0
check_screen a "Ligne 40 tapée" "le texte reste à l'écran"
check "la session est toujours vivante" eval 'ui_pid >/dev/null'
check "base saine pendant que le disque est plein" \
    eval 'palabre admin db check >/dev/null 2>&1'

rm -f "$FULL/remplissage"
t_free=$(ms)
draft_saved() {
	[ "$(sql "SELECT COUNT(*) FROM draft WHERE body LIKE '%Ligne 40 tapée%'")" = 1 ]
}
check "place rendue : l'enregistrement suivant garde tout le texte" \
    wait_until 10 draft_saved
figure "disque plein : brouillon enregistré $(( $(ms) - t_free )) ms après le retour de la place"
check "place rendue : l'avertissement s'efface" \
    wait_gone a "Brouillon non enregistré" 5
keys a C-x
check_screen a "Message envoyé" "place rendue : Ctrl-X envoie"
sent() {
	[ "$(sql "SELECT COUNT(*) FROM post p JOIN thread t ON
	    t.id = p.thread_id WHERE t.title = 'Disque plein'
	    AND p.body LIKE 'Début.%Ligne 40 tapée%'")" = 1 ]
}
check "le message est en base une fois, en entier" sent
check "base saine à la fin" eval 'palabre admin db check >/dev/null 2>&1'
e2e_stop
e2e_finish
