#!/bin/sh
# The practice catalogue, as members use it with the real ssh client:
# Camille submits a practice through the five-page form with accents in
# every field (long texts in the editor); Karim, moderator, returns it
# with a comment; Camille sees the comment, amends it and sends it
# again; Karim publishes it (P asks first: n keeps it waiting, o
# publishes); Fatou finds it by région then département,
# and by searching a word typed without its accent, reads it, follows it
# (« je m'en inspire »), and Camille's home screen tells her. The
# history keeps the first version; the export is plain text; the form
# works at 40x12.
. "$(dirname "$0")/lib.sh"

e2e_setup
# The catalogue's discussion board: its file opens the catalogue.
mkdir -p "$E2E_DIR/boards.d"
cp conf/boards.d/catalogue.conf "$E2E_DIR/boards.d/"
check "base de test créée" e2e_db || e2e_bail "base"
add_fatou() {
	printf 'pont-neuf-93\n' | palabre admin user add fatou --role membre \
	    --name "Fatou Diallo" --org "Mission locale de Saint-Denis" \
	    --password-stdin
}
check "une troisième membre (palabre admin)" add_fatou || e2e_bail "fatou"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

TITLE="Ateliers « Parents-école » en français à Saint-Denis"

# --- Camille fills the form ---------------------------------------------------

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check_screen c "Catalogue des pratiques" "l'accueil propose le catalogue"
open_entry c "Catalogue des pratiques"
check "le catalogue s'ouvre (vide)" wait_for c "Aucune fiche"
keys c N
check "N ouvre le formulaire, page 1/5" wait_for c "Page 1/5 : L'action"
type_text c "$TITLE"
keys c Tab C-u
type_text c "Collège Éluard et CCAS de Saint-Denis"
keys c Tab Enter
check "le type d'organisation se choisit dans une liste" \
    wait_for c "Organisme de sécurité sociale"
keys c Down Down Down Down Enter
check_screen c "Association" "le type choisi est affiché"
keys c Tab
type_text c "Réseau d'éducation prioritaire, Médiathèque Gulliver"
keys c NPage
check "PgSuiv : page 2/5" wait_for c "Page 2/5 : Territoire et publics"
keys c Enter
check "le département : la région d'abord" \
    wait_for c "Choisissez d'abord la région"
keys c Down Down Down Down Down Down Down Down Down Enter
check "puis les départements de la région" wait_for c "93 Seine-Saint-Denis"
keys c Down Down Down Down Down Enter
check "le département choisi est affiché" wait_for c "93 Seine-Saint-Denis"
keys c Tab
type_text c "Saint-Denis, quartier Pleyel"
keys c Tab Enter
check "les thèmes se cochent" wait_for c "[ ] Apprentissage du français"
keys c Down Space Down Down Down Space Enter
check "deux thèmes cochés" \
    wait_for c "Apprentissage du français ; Éducation et parentalité"
keys c Tab
type_text c "Mères allophones d'élèves de sixième, arrivées depuis moins de deux ans"
keys c NPage
check "page 3/5" wait_for c "Page 3/5 : Dates et contact"
type_text c "09/2022"
keys c Tab Tab Tab
type_text c "Hélène Périer, coordinatrice, 01 48 00 00 00"
keys c NPage
check "page 4/5 : le récit" wait_for c "Page 4/5"
keys c Enter
check "Entrée ouvre l'éditeur du texte long" wait_for c "Ctrl-X Terminer"
type_text c "Des mères isolées, qui ne comprennent ni le collège ni ses codes."
keys c C-x Tab Enter
type_text c "Un café des parents chaque jeudi au collège, avec une interprète et des élèves volontaires."
keys c C-x Tab Enter
type_text c "Une formatrice à mi-temps."
keys c C-x NPage Enter
type_text c "Vingt-deux mères venues au moins dix fois ; réunions parents-professeurs deux fois plus suivies."
keys c C-x Tab Enter
type_text c "Un collège volontaire et une salle à l'écart des élèves."
keys c C-x
check "le récit est écrit" wait_for c "Un collège volontaire"
keys c C-x
check "Ctrl-X envoie : la fiche attend l'équipe de modération" \
    wait_for c "elle attend la validation de l'équipe de modération"
stored() {
	sqlite3 "$E2E_DB" "SELECT state || '|' || title || '|' || departement ||
	    '|' || themes || '|' || start_date FROM practice" |
	    grep -F "a_valider|$TITLE|93|francais education-parentalite|2022-09"
}
check "la fiche est dans la base, accents compris" stored
consumed() {
	[ "$(sqlite3 "$E2E_DB" 'SELECT COUNT(*) FROM practice_draft
	    WHERE sent_as IS NULL')" = 0 ] &&
	    [ "$(sqlite3 "$E2E_DB" 'SELECT sent_as FROM practice_draft')" = \
	    "$(sqlite3 "$E2E_DB" 'SELECT id FROM practice')" ]
}
check "le brouillon est consommé à l'envoi : il dit quelle fiche il est devenu" \
    consumed

# --- Karim returns it with a comment -------------------------------------------

check "Karim se connecte" e2e_login k "$E2E_USER2" "$E2E_PASS2"
keys k Enter
check_screen k "1 à valider" "l'accueil du modérateur : 1 à valider"
check_screen k "1 élément à décider" \
    "« Modération » à l'accueil compte la fiche qui attend"
open_entry k Modération
check "la file de modération montre la fiche" \
    wait_for k "Fiche à valider : $TITLE"
keys k q
open_entry k "Catalogue des pratiques"
wait_for k "Aucune fiche" || true
keys k M
check "M : les fiches à valider (modération)" wait_for k "1 fiche à valider"
keys k Enter
check "Entrée ouvre la fiche à valider" wait_for k "a la publie"
check_screen k "Collège Éluard et CCAS de Saint-Denis (Association)" \
    "la fiche montre l'organisation et son type"
keys k X
check "X (renvoyer pour correction) demande le commentaire" wait_for k "Ce qu'il faut revoir"
type_text k "Précisez le budget et les financeurs, s'il vous plaît."
keys k Enter
check "la fiche est renvoyée pour correction" \
    wait_for k "Fiche renvoyée pour correction"

# --- Camille amends it ---------------------------------------------------------------

keys c q
check "l'accueil de Camille dit que sa fiche est renvoyée" \
    wait_for c "Fiche renvoyée pour correction : « Ateliers"
open_entry c "Catalogue des pratiques"
wait_for c "2 fiches\|fiche" || true
keys c v
check "Mes fiches : renvoyée, avec le commentaire" \
    wait_for c "Précisez le budget"
keys c Enter
check "la fiche montre qui l'a renvoyée" wait_for c "Renvoyée pour correction par Karim Benali"
keys c e
check "e ouvre le formulaire avec le commentaire" \
    wait_for c "Modifier la fiche"
keys c NPage NPage NPage Tab Tab Enter
check "le texte des moyens est repris" wait_for c "Une formatrice à mi-temps."
type_text c " Budget : 18 500 € (politique de la ville, FAMI)."
keys c C-x C-x
check "la fiche est soumise à nouveau (pas « renvoyée »)" \
    wait_for c "Fiche soumise à nouveau : elle attend la validation"

# --- Karim publishes it --------------------------------------------------------------

keys k q
wait_for k "Aucune fiche n'attend" || true
keys k Enter
check "la fiche revient dans la file" wait_for k "a la publie"
amended() {
	sqlite3 "$E2E_DB" "SELECT means FROM practice" | grep -F "Une formatrice à mi-temps. Budget : 18 500 € (politique de la ville, FAMI)."
}
check "la version modifiée est celle qui attend" amended
keys k a
check "a demande d'abord (une fiche publiée ne se retire pas)" \
    wait_for k "Publier cette fiche ?"
keys k n Enter
check "n : la fiche attend toujours" wait_for k "La fiche attend toujours."
keys k a
wait_for k "Publier cette fiche ?" || true
keys k o Enter
check "a puis o publie la fiche" wait_for k "Fiche publiée"
versions() {
	[ "$(sqlite3 "$E2E_DB" "SELECT state || ' ' || version || ' ' ||
	    (SELECT COUNT(*) FROM practice_version) FROM practice")" = \
	    "publiee 2 1" ]
}
check "publiée, version 2, la première gardée dans l'historique" versions

# --- Fatou finds it by territory and by search, and follows it ---------------------

check "Fatou se connecte" e2e_login f fatou pont-neuf-93
keys f Enter
check_screen f "1 action à découvrir" "l'accueil compte la fiche publiée"
open_entry f "Catalogue des pratiques"
check "le catalogue liste la fiche" wait_for f "$TITLE"
keys f D
wait_for f "Choisissez d'abord la région" || true
keys f Down Down Down Down Down Down Down Down Down Enter
wait_for f "Toute la région Île-de-France" || true
keys f Down Down Down Down Down Down Enter
check "filtre par département : 93" wait_for f "1 fiche · 93 Seine-Saint-Denis"
check_screen f "$TITLE" "la fiche est trouvée en Seine-Saint-Denis"
keys f D
wait_for f "Choisissez d'abord la région" || true
keys f Up Up Up Up Up Up Up Up Up Enter Enter
check "un autre département : aucune fiche" \
    wait_for f "Aucune fiche · Auvergne-Rhône-Alpes"
keys f z
check "z efface les filtres" wait_for f "Filtres effacés"
keys f /
check "/ demande quoi chercher" wait_for f "Rechercher dans le catalogue"
type_text f "interprete eleves"
keys f Enter
check "la recherche sans accent trouve la fiche" \
    wait_for f "« interprete eleves » : 1 fiche trouvée"
check_screen f "Mères allophones d'élèves de sixième" \
    "l'extrait montre le mot accentué dans son contexte"
keys f Enter
check "Entrée ouvre la fiche trouvée" wait_for f "Fiche n° 1, publiée le"
check_screen f "Contact : Camille Durand, CCAS de Villeurbanne" \
    "la fiche donne le contact"
keys f i
check "i : « je m'en inspire »" wait_for f "Vous vous en inspirez"
check_screen f "1 membre s'en inspire, dont vous" "le compteur d'intérêt"
no_thread() {
	[ "$(sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM thread t JOIN board b
	    ON b.id = t.board_id WHERE b.key = 'catalogue'")" = 0 ] &&
	    [ -z "$(sqlite3 "$E2E_DB" "SELECT thread_id FROM practice")" ]
}
keys f C
check "C : le premier commentaire sur la fiche" \
    wait_for f "Premier commentaire sur la fiche"
keys f Escape
check "Échap sans rien écrire : retour à la fiche" wait_for f "Fiche n° 1"
check "regarder sans écrire ne crée pas de sujet" no_thread
keys f C
wait_for f "Premier commentaire sur la fiche" || true
type_text f "Nous aimerions faire de même à la Mission locale : pouvons-nous échanger ?"
keys f C-x
check "le commentaire est envoyé" wait_for f "Message envoyé"
thread() {
	[ "$(sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM practice p JOIN post
	    ON post.thread_id = p.thread_id")" = 2 ]
}
check "le sujet de la fiche existe, avec le commentaire" thread
keys f f
check "f : la discussion de la fiche" wait_for f "Fatou Diallo"
keys f q
keys f x
check "x : l'export en texte brut" wait_for f "Export de la fiche"
check_screen f "Territoire : 93 Seine-Saint-Denis, Saint-Denis, quartier" \
    "l'export donne le territoire"
keys f q

# The author is told.
keys c q q q
check "l'accueil de Camille dit que sa fiche est publiée" \
    wait_for c "Fiche publiée : « Ateliers"
check "Camille est prévenue à l'accueil" \
    wait_for c "1 membre de plus s'inspire de vos fiches"
open_entry c "Catalogue des pratiques"
keys c v
check "Mes fiches : du nouveau" wait_for c "1 s'en inspire (du nouveau)"
keys c Enter H
check "H : les versions précédentes" wait_for c "Version 1, écrite le"
keys c q q q q
vu() {
	screen c | grep -F "1 action à découvrir" &&
	    ! screen c | grep -F "de plus s'inspire"
}
check "vu : l'accueil ne le redit pas" wait_until 10 vu

# --- The form at 40x12, a draft kept ----------------------------------------------------

resize f 40 12
keys f q q
wait_for f "1 fiche" || true
keys f N
check "40x12 : le formulaire s'ouvre" wait_for f "Page 1/5"
type_text f "Permanence numérique à Épinay"
sleep 3
draft() {
	sqlite3 "$E2E_DB" "SELECT json_extract(data, '$.title') FROM
	    practice_draft" | grep -F "Permanence numérique à Épinay"
}
check "le brouillon est enregistré pendant la frappe" draft
keys f Escape
check "Échap : la question entière à 40 colonnes" \
    wait_for f "Garder le brouillon ? (o/n)"
type_text f o
keys f Enter
keys f N
check "N reprend le brouillon" wait_for f "Brouillon repris"
check_screen f "Permanence numérique" "le titre du brouillon est là"

export_cmd() {
	palabre admin practice export --departement 93 >"$E2E_DIR/export.txt" &&
	    grep -F "Fiche n° 1 : $TITLE" "$E2E_DIR/export.txt" &&
	    grep -F "Budget : 18 500 €" "$E2E_DIR/export.txt"
}
check "palabre admin practice export --departement 93" export_cmd

keys f Escape
type_text f n
keys f Enter
keys c Q o
keys k Q o
keys f Q o
e2e_finish
