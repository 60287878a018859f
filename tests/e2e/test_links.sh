#!/bin/sh
# Records of the practice catalogue and documents of the shelf, linked,
# with the real ssh client: Camille moves through the catalogue's list
# with Début and Fin, opens her record, adds two documents found by
# searching the shelf from the form (and takes one back out), sends;
# the record lists them, l opens one in the shelf's reader, whose
# « Pratiques liées » leads back (p); the export and the sysop's export
# name them. Karim starts a first comment on the other record, keeps it
# as a draft (no thread yet), takes it up again from « Brouillons » and
# sends it: the thread is made then. A long question at 40 columns is
# shown whole.
. "$(dirname "$0")/lib.sh"

e2e_setup
mkdir -p "$E2E_DIR/boards.d"
cp conf/boards.d/catalogue.conf "$E2E_DIR/boards.d/"
check "base de test créée" e2e_db || e2e_bail "base"

CIRC="Circulaire relative à la domiciliation des personnes sans domicile stable"
GUIDE="Guide pour organiser des ateliers sociolinguistiques"
OLD="Domiciliation accompagnée au CCAS de Villeurbanne"
NEW="Permanence d'accès aux droits dans les foyers de travailleurs migrants"

shelf() {
	palabre admin doc import db/demo/docs/circulaire-domiciliation.txt \
	    db/demo/docs/guide-apprentissage-francais.md
}
check "deux documents dans la bibliothèque (n° 1 et 2)" shelf

# record TITLE DATE [DOCS]: a record by Camille, published by Karim.
record() {
	palabre admin practice add --author "$E2E_USER" --publish-by \
	    "$E2E_USER2" --date "$2" <<EOF
title: $1
org: CCAS de Villeurbanne
org_type: collectivite
departement: 69
commune: Villeurbanne
themes: acces-droits
public: Personnes sans domicile stable, dont beaucoup arrivées depuis peu
start: 03/2022
contact_login: $E2E_USER
docs: ${3:-}
[context]
Des refus de domiciliation faute de lien avec la commune.
[actions]
Une permanence hebdomadaire et un courrier type pour les refus.
EOF
}
check "une fiche publiée sans document (palabre admin)" \
    record "$OLD" 2024-01-10
check "une autre avec la circulaire (docs : 1)" \
    record "$NEW" 2024-03-05 1
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# --- Début and Fin in the catalogue's list ----------------------------------

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
wait_for c "Catalogue des pratiques" || true
open_entry c "Catalogue des pratiques"
check "le catalogue liste les deux fiches" wait_for c "2 fiches"
check_screen c "1/2" "la plus récente est choisie"
keys c End
check "Fin : la dernière fiche" wait_for c "2/2"
keys c Home
check "Début : la première fiche" wait_for c "1/2"
keys c End Enter
check "Entrée ouvre la plus ancienne" wait_for c "Fiche n° 1, publiée le"

# --- Linking documents from the form ------------------------------------------

keys c e
check "e : le formulaire de la fiche" wait_for c "Modifier la fiche"
keys c NPage NPage NPage NPage
check "page 5/5 : le récit et les documents" \
    wait_for c "Page 5/5 : Le récit (2/2) et les documents"
keys c Tab Tab
check "le champ des documents, vide" \
    wait_for c "(aucun : Entrée pour en ajouter)"
keys c Enter
check "Entrée : la liste des documents liés" wait_for c "Aucun document lié"
type_text c "+"
check "+ : que chercher dans la bibliothèque" wait_for c "Chercher :"
type_text c "domiciliation"
keys c Enter
check "les résultats de la recherche" wait_for c "Résultats : Entrée ajoute"
check_screen c "Circulaire relative à la domiciliation" \
    "la circulaire est trouvée"
keys c Enter
check "Entrée l'ajoute" wait_for c "Ajouté à la liste."
check_screen c "1. Circulaire relative à la domiciliation" \
    "la liste montre la circulaire"
type_text c "+"
wait_for c "Chercher :" || true
type_text c "ateliers sociolinguistiques"
keys c Enter
wait_for c "Résultats : Entrée ajoute" || true
keys c Enter
check "un deuxième document, sans accent tapé" \
    wait_for c "2. Guide pour organiser des ateliers"
keys c d
check "d retire le document choisi" wait_for c "Retiré de la liste."
check "le guide n'est plus dans la liste" wait_gone c "2. Guide pour"
type_text c "+"
wait_for c "Chercher :" || true
type_text c "sociolinguistique"
keys c Enter
wait_for c "Résultats : Entrée ajoute" || true
keys c Enter
wait_for c "2. Guide pour organiser des ateliers" || true
draft_docs() {
	[ "$(sqlite3 "$E2E_DB" "SELECT json_extract(data, '$.docs') FROM
	    practice_draft")" = "1 2" ]
}
check "le brouillon garde les documents (1 2)" wait_until 10 draft_docs
keys c Enter
check "Entrée : retour au formulaire, les documents nommés" \
    wait_for c "Circulaire relative à la domiciliation des personnes sans"
keys c C-x
check "Ctrl-X : la fiche est mise à jour" wait_for c "Fiche mise à jour"
linked() {
	[ "$(sqlite3 "$E2E_DB" "SELECT group_concat(doc_id || ':' || position,
	    ' ') FROM (SELECT * FROM practice_doc WHERE practice_id = 1
	    ORDER BY position)")" = "1:0 2:1" ]
}
check "practice_doc : la circulaire puis le guide" linked
kept() {
	[ "$(sqlite3 "$E2E_DB" "SELECT json_extract(data, '$.docs') FROM
	    practice_version WHERE practice_id = 1")" = "" ]
}
check "la version précédente, sans document, est gardée" kept

# --- The record and the document, both ways -------------------------------------

keys c End
check "la fiche liste ses documents" \
    wait_for c "Documents de la bibliothèque"
check_screen c "Circulaire, 15${E2E_NBSP}février 2023" "avec leur nature et leur date"
check_screen c "Guide, 8${E2E_NBSP}novembre 2022" "le guide aussi"
keys c l
check "l : lequel lire ?" wait_for c "Documents liés à la fiche"
keys c Enter
check "Entrée : la circulaire dans le lecteur" \
    wait_for c "Nature : Circulaire"
check_screen c "Pratiques liées" "le lecteur a « Pratiques liées »"
check_screen c "$NEW" "une fiche qui renvoie à la circulaire"
keys c l
check "l : laquelle ouvrir ?" wait_for c "Entrée choisit"
check_screen c "$OLD (69 Rhône)" "l'autre fiche qui y renvoie"
keys c Down Enter
check "l : la fiche s'ouvre depuis le document" wait_for c "Fiche n° 1,"
keys c x End
check "x : l'export nomme les documents" \
    wait_for c "Documents de la bibliothèque"
check_screen c "- Guide pour organiser des ateliers sociolinguistiques" \
    "l'export nomme le guide"
admin_export() {
	palabre admin practice export --id 1 >"$E2E_DIR/export.txt" &&
	    grep -F "Documents de la bibliothèque" "$E2E_DIR/export.txt" &&
	    grep -F "(Circulaire, 15${E2E_NBSP}février 2023)" "$E2E_DIR/export.txt"
}
check "palabre admin practice export : les documents aussi" admin_export

# --- The first comment: a draft, no thread until it is sent ----------------------

no_thread() {
	[ "$(sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM thread")" = 0 ]
}
check "Karim se connecte" e2e_login k "$E2E_USER2" "$E2E_PASS2"
keys k Enter
wait_for k "Catalogue des pratiques" || true
open_entry k "Catalogue des pratiques"
wait_for k "2 fiches" || true
keys k Enter
check "Karim ouvre la fiche la plus récente" wait_for k "Fiche n° 2,"
keys k C
check "C : le premier commentaire" wait_for k "Premier commentaire sur la fiche"
type_text k "Comment orientez-vous les personnes vers la permanence ?"
keys k Escape
check "Échap : garder le brouillon ?" wait_for k "Garder le brouillon ? (o/n)"
type_text k o
keys k Enter
check "le brouillon est gardé" wait_for k "Brouillon gardé"
check "pas de sujet tant que rien n'est envoyé" no_thread
keys k q q
wait_for k "Brouillons (1)" || true
open_entry k Brouillons
check "Brouillons : le commentaire sur la fiche" \
    wait_for k "Commentaire sur la fiche « Permanence d'accès"
keys k Enter
check "le brouillon se rouvre" wait_for k "Comment orientez-vous les personnes"
keys k C-x
check "le commentaire est envoyé" wait_for k "Message envoyé"
made() {
	[ "$(sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM post WHERE thread_id =
	    (SELECT thread_id FROM practice WHERE id = 2)")" = 2 ] &&
	    [ "$(sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM draft
	    WHERE sent_as IS NULL")" = 0 ]
}
check "le sujet est fait à l'envoi : ouverture et commentaire" made

# --- A long question at 40 columns ----------------------------------------------

resize k 40 12
keys k q
wait_for k "Catalogue des pratiques" || true
open_entry k "Catalogue des pratiques"
wait_for k "2 fiches" || true
keys k N
check "40x12 : le formulaire" wait_for k "Page 1/5"
type_text k "Essai"
keys k Escape
check "40x12 : la question entière, sur sa ligne" \
    wait_for k "Garder le brouillon ? (o/n)"
type_text k n
keys k Enter
check "n : le brouillon est supprimé" wait_for k "Brouillon supprimé."

keys c Q o
keys k Q o
e2e_finish
