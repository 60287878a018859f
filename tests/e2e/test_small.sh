#!/bin/sh
# At 40x12 (issue 14, item 7): a private message, a document and an
# exchange day open on a first page that shows some of their text, not
# only their header; Accueil's entries below the fold are announced
# (« ↓ suite »). And the typography a member meets there (item 10): no
# line break inside « 9 h 30 » or « 1er avril », the role said of the
# function (« modération »), the neutral « vous avez une place ». A
# document opened from a search shows the word found (item 11).
. "$(dirname "$0")/lib.sh"

e2e_setup
mkdir -p "$E2E_DIR/boards.d" "$E2E_DIR/docs"
cp conf/boards.d/journees.conf "$E2E_DIR/boards.d/"
check "base de test créée" e2e_db || e2e_bail "base"
YEAR=$(($(date +%Y) + 1))
seed() {
	printf 'rhone-caf-2024\n' | palabre admin user add amelie \
	    --role organisateur --name "Amélie Roussel" \
	    --org "CAF du Rhône" --password-stdin >/dev/null &&
	palabre admin board sync >/dev/null &&
	printf 'Bonjour Camille,\nle texte de ce message commence ici et '\
'se lit dès la première page.\n' |
	    palabre admin message send --from karim --to demo --subject \
	    "Atelier « français langue d'intégration » : la salle, les horaires et le goûter" \
	    >/dev/null &&
	{
		printf -- '---\ntitre: %s\nnature: circulaire\n' \
		    "Circulaire relative à l'accueil des personnes primo-arrivantes en préfecture et en sous-préfecture"
		printf 'émetteur: %s\n' \
		    "Ministère de l'Intérieur et des Outre-mer, direction générale des étrangers en France"
		printf 'date: 2024-04-01\nréférence: NOR : INTV2400001C\n'
		printf 'thèmes: primo-arrivants, acces-droits\n'
		printf 'résumé: %s\n---\n' \
		    "Une circulaire longue en tête, écrite pour les petits écrans, avec un résumé qui tient plusieurs lignes."
		printf 'Premier article : le corps du texte se voit dès la première page.\n'
	} >"$E2E_DIR/docs/circ.md" &&
	palabre admin doc import "$E2E_DIR/docs/circ.md" >/dev/null &&
	printf 'title: %s\ndate: 14/10/%s\nstart: 9:30\nend: 17:00\nplace: %s\ncapacity: 30\n[description]\n%s\n' \
	    "Journée « accès aux droits » des personnes primo-arrivantes à Saint-Denis" \
	    "$YEAR" "Salle Léo-Lagrange, 12 rue de l'Égalité, 93200 Saint-Denis" \
	    "La présentation de la journée." |
	    palabre admin event add --organiser amelie >/dev/null
}
check "un message, un document, une journée (palabre admin)" seed ||
    e2e_bail "données"
bad_field() {
	palabre admin user set karim couleur bleu 2>"$E2E_DIR/set.err"
	[ $? -eq 2 ] && grep -q "champ inconnu « couleur » ; champs : nom," \
	    "$E2E_DIR/set.err"
}
check "admin user set : le champ inconnu est nommé, les champs listés" \
    bad_field
check "le serveur démarre" e2e_start || e2e_bail "serveur"

E2E_COLS=40 E2E_ROWS=12
check "40x12 : connexion" e2e_login s "$E2E_USER" "$E2E_PASS"
keys s Enter
check "40x12 : l'accueil annonce la suite sous le pli" \
    wait_for s "↓ suite"
keys s End
check "40x12 : en bas, « Quitter » est là" wait_for s "Quitter"
keys s Home

# --- A private message ---------------------------------------------------------
keys s 6
check "40x12 : la messagerie" wait_for s "Atelier"
keys s Enter
check "40x12 : la première page du message montre son texte" \
    wait_for s "le texte de ce message"
keys s q q

# --- A document ----------------------------------------------------------------
keys s 3
wait_for s "Par thème" || true
keys s /
type_text s "corps"
keys s Enter
wait_for s "Circulaire relative" || true
keys s Enter
check "40x12 : la première page du document montre son texte" \
    wait_for s "Premier article"
check "ouvert depuis une recherche, le mot cherché est surligné" \
    wait_for s "surlignée"
keys s q q q

# --- An exchange day -----------------------------------------------------------
keys s 5
check "40x12 : les journées" wait_for s "Journée « accès"
check "40x12 : la date courte, « 14 oct. », insécable" \
    wait_for s "14${E2E_NBSP}oct."
keys s Enter
check "40x12 : la première page de la journée montre les faits" \
    wait_for s "Quand"
keys s i
check "40x12 : « Vous avez une place »" wait_for s "Vous avez une place"
hour_whole() {
	screen_all s | grep -q "9${E2E_NBSP}h${E2E_NBSP}30"
}
check "« 9 h 30 » avec des espaces insécables, d'un seul tenant" hour_whole
keys s Q o

# --- The role, said of the function ----------------------------------------------
E2E_COLS=80 E2E_ROWS=24
check "Camille se connecte (80x24)" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
open_entry c Annuaire
keys c /
type_text c "Karim"
keys c Enter
wait_for c "1 membre pour" || true
keys c Enter
check "le profil de Karim : « modération »" wait_for c "karim — modération"
check_no_screen c "modérateur" "pas de « modérateur » au masculin seul"
keys c Q o

e2e_finish
