#!/bin/sh
# Private messages, as members use them: Camille writes to Karim (accents
# in the subject and the text), Karim sees « 1 message privé non lu » at
# home, reads it and answers with a quote; Camille reads the answer. A
# third member, a sysop, sees no conversation at all. Karim blocks
# Camille, who can then no longer write to him. Recipients are found by
# name, accents aside (issue 14, item 8): « elodie » offers the two
# Élodies to choose from, a name nobody has brings the question back
# with what was typed in it.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"
printf 'sysop-essai-2024\n' | palabre admin user add martine --role sysop \
    --name "Martine Lefèvre" --org "Réseau, animation" --password-stdin \
    >/dev/null || e2e_bail "troisième membre"
for who in "elodie Élodie Marchand" "elodie.b Élodie Bernard"; do
	set -- $who
	printf 'mot-de-passe-2024\n' | palabre admin user add "$1" \
	    --role moderateur --name "$2 $3" --org "CRI de Lille" \
	    --password-stdin >/dev/null || e2e_bail "les Élodie"
done
check "le serveur démarre" e2e_start || e2e_bail "serveur"

SUBJECT="Réunion de Noël : l'œuvre commune"
BODY="Bonjour Karim, pourrais-tu présenter l'atelier « français à visée professionnelle » le 12 ?"

# --- Camille writes -----------------------------------------------------------

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check_screen c "Messagerie" "l'accueil propose la messagerie"
open_entry c Messagerie
check "la messagerie s'ouvre, vide" wait_for c "Aucune conversation"
keys c N
check "N demande les destinataires, par nom" \
    wait_for c "À (noms ou identifiants"
type_text c "Karim, Personne Inconnue"
keys c Enter
check "un nom que personne ne porte est dit" \
    wait_for c "Personne ne s'appelle « Personne Inconnue »"
check "la question revient avec ce qui était tapé" \
    wait_for c "Karim, Personne Inconnue"
keys c C-u
type_text c "elodie"
keys c Enter
check "« elodie » (sans accent) : les deux Élodie au choix" \
    wait_for c "lequel de ces membres"
check_screen c "Élodie Bernard (elodie.b)" "Élodie Bernard est proposée"
check_screen c "Élodie Marchand (elodie)" "Élodie Marchand aussi"
keys c q
check "sans choix, la question revient avec « elodie »" \
    wait_for c "À (noms ou identifiants"
check_screen c "elodie" "ce qui était tapé est là"
keys c Enter
wait_for c "lequel de ces membres" || true
keys c Enter
check "le choix fait : l'éditeur pour Élodie Marchand" \
    wait_for c "Message privé à Élodie Marchand"
keys c Escape
if wait_until 3 screen_has c "Garder le brouillon"; then
	type_text c n
	keys c Enter
fi
wait_for c "Aucune conversation" || true
keys c N
wait_for c "À (noms ou identifiants" || true
type_text c "benali"
keys c Enter
check "l'éditeur s'ouvre pour Karim" \
    wait_for c "Message privé à Karim Benali"
type_text c "$SUBJECT"
keys c Tab
type_text c "$BODY"
keys c C-x
check "le message est envoyé" wait_for c "Message envoyé"
check_screen c "$SUBJECT" "la conversation est dans la liste"

# --- Karim reads and answers -----------------------------------------------

check "Karim se connecte" e2e_login k "$E2E_USER2" "$E2E_PASS2"
keys k Enter
check "l'accueil de Karim annonce le message" \
    wait_for k "1 message privé non lu"
open_entry k Messagerie
check "Karim voit la conversation" wait_for k "$SUBJECT"
check_screen k "(1)" "elle est marquée non lue"
keys k Enter
check "Karim lit le message, accents compris" \
    wait_for k "l'atelier « français à visée"
check_screen k "Camille Durand (CCAS de Villeurbanne)" \
    "l'auteur et son organisation"
keys k r
check "r ouvre la réponse citée" wait_for k "> Bonjour Karim"
type_text k "Avec plaisir, Camille : j'apporte les fiches de l'été."
keys k C-x
check "la réponse est envoyée" wait_for k "Message envoyé"
check_screen k "j'apporte les fiches de l'été" \
    "la réponse apparaît dans la conversation"

keys c q
check "Camille revient à l'accueil" wait_for c "1 message privé non lu"
open_entry c Messagerie
keys c Enter
check "Camille lit la réponse de Karim" \
    wait_for c "j'apporte les fiches de l'été"

# --- A third member, a sysop, sees nothing -----------------------------------

check "Martine (sysop) se connecte" e2e_login m martine sysop-essai-2024
keys m Enter
wait_for m "Messagerie" || true
open_entry m Messagerie
check "la sysop n'a aucune conversation" wait_for m "Aucune conversation"
check_no_screen m "$SUBJECT" "la sysop ne voit pas le sujet"
check_no_screen m "fiches de l'été" "ni le texte"
keys m Q o

# --- Karim blocks Camille ------------------------------------------------------

E2E_CUR=k
keys k B
check "B demande qui bloquer" wait_for k "Bloquer ou débloquer"
type_text k "demo"
keys k Enter
check "Camille est bloquée" wait_for k "Blocage de Camille Durand"
E2E_CUR=c
keys c q
wait_for c "Nouveau message" || true
keys c N
wait_for c "À (identifiants)" || true
type_text c "karim"
keys c Enter
check "Camille ne peut plus écrire à Karim" \
    wait_for c "ne reçoit pas vos messages"

keys c Q o
keys k Q o
e2e_finish
