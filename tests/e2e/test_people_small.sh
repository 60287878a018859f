#!/bin/sh
# The people screens at 40x12 and in line mode (TERM=dumb): Messagerie,
# a conversation, Annuaire with a search, a profile, « Mon profil », and
# the sign-up form's first question.
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[signup]
enabled = yes"
e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"
printf 'Bonjour Camille, es-tu à la journée de Lyon ?\n' |
    palabre admin message send --from karim --to demo \
    --subject "Journée de Lyon : l'atelier « français »" >/dev/null ||
    e2e_bail "message"
palabre admin user set karim territoire 59 >/dev/null || e2e_bail "profil"
palabre admin user set karim expertise "ateliers sociolinguistiques" \
    >/dev/null || e2e_bail "profil"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# fits_in NAME COLS: no line wider than COLS.
fits_in() {
	[ "$(screen "$1" | wc -L)" -le "$2" ]
}

E2E_COLS=40 E2E_ROWS=12
check "40x12 : connexion" e2e_login s "$E2E_USER" "$E2E_PASS"
keys s Enter
check_screen s "1 message privé non lu" "40x12 : l'accueil compte le message"
open_entry s Messagerie
check "40x12 : la messagerie" wait_for s "Journée de Lyon"
check "40x12 : la messagerie tient en 40 colonnes" fits_in s 40
keys s Enter
check "40x12 : la première page de la conversation montre le texte" \
    wait_for s "es-tu à la journée"
check "40x12 : la conversation tient en 40 colonnes" fits_in s 40
keys s q q
open_entry s Annuaire
check "40x12 : l'annuaire" wait_for s "Karim Benali"
keys s /
type_text s "sociolinguistique"
keys s Enter
check "40x12 : la recherche sans accent trouve Karim" \
    wait_for s "1 membre pour"
keys s Enter
check "40x12 : le profil de Karim" wait_for s "59 Nord"
check "40x12 : le profil tient en 40 colonnes" fits_in s 40
# « Mon profil » keeps its digit (8) even below the fold at 40x12.
keys s q q 8
check "40x12 : « Mon profil »" wait_for s "Nom affiché"
check "40x12 : « Mon profil » tient en 40 colonnes" fits_in s 40
keys s Q o

E2E_COLS=80 E2E_ROWS=24
E2E_TERM=dumb
check "TERM=dumb : connexion" e2e_login d "$E2E_USER" "$E2E_PASS"
keys d Enter
wait_for d "Votre choix" || true
line_entry d Messagerie
check "TERM=dumb : la messagerie en menu numéroté" \
    wait_for d "1. Journée de Lyon : l'atelier « français » — Karim Benali"
type_text d "1"
keys d Enter
check "TERM=dumb : la conversation page par page" \
    wait_for d "es-tu à la journée de Lyon"
# With -e, tmux writes the attributes it was sent as escape sequences:
# none may appear in line mode.
no_escape() {
	! tm capture-pane -p -e -t "=$1:" -S - | grep -q "$(printf '\033')"
}
check "TERM=dumb : aucune séquence d'échappement" no_escape d

check "TERM=dumb : « nouveau » entre" e2e_ssh n nouveau
check_screen n "Entrée pour répondre à la question" \
    "TERM=dumb : l'introduction du formulaire"
keys n Enter
check "TERM=dumb : le formulaire demande l'identifiant" \
    wait_for n "Identifiant souhaité"
type_text n "Élise"
keys n Enter
check "TERM=dumb : l'identifiant refusé dit pourquoi" \
    wait_for n "Identifiant invalide"
type_text n "elise.morel"
keys n Enter
check "TERM=dumb : puis le nom" wait_for n "Prénom et nom"
e2e_finish
