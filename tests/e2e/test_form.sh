#!/bin/sh
# A form never moves on its own, and typed text never opens a list
# (issue 14, item 4): in the practice form, the organisation type chosen
# from its list leaves the focus on « Type d'organisation »; the next Tab
# goes to « Partenaires », where the text typed lands; letters typed on
# the département (a list) open nothing and are shown back, not lost
# unseen.
. "$(dirname "$0")/lib.sh"

e2e_setup
# The catalogue's discussion board: its file opens the catalogue.
mkdir -p "$E2E_DIR/boards.d"
cp conf/boards.d/catalogue.conf "$E2E_DIR/boards.d/"
check "base de test créée" e2e_db || e2e_bail "base"
palabre admin board sync >/dev/null 2>&1
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# focused NAME LABEL: the form's cursor line (« > ») is on LABEL.
focused() {
	screen "$1" | grep -q "^> $2"
}

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
open_entry c "Catalogue des pratiques"
wait_for c "Aucune fiche" || true
keys c N
check "le formulaire s'ouvre" wait_for c "Page 1/5 : L'action"
type_text c "Ateliers de français"
keys c Tab Tab Enter
check "le type d'organisation se choisit dans une liste" \
    wait_for c "Organisme de sécurité sociale"
keys c Down Down Down Down Enter
check_screen c "Association" "le type choisi est affiché"
check "après le choix, le curseur reste sur « Type d'organisation »" \
    wait_until 5 focused c "Type d'organisation"
keys c Tab
check "Tab mène à « Partenaires », sans en sauter" \
    wait_until 5 focused c "Partenaires"
type_text c "Médiathèque Gulliver"
check "le texte tapé est dans « Partenaires »" \
    wait_for c "Médiathèque Gulliver"
partners() {
	screen c | grep -A1 "^> Partenaires" | grep -q "Médiathèque Gulliver"
}
check "sous « Partenaires », pas ailleurs" partners

keys c NPage
check "page 2/5" wait_for c "Page 2/5 : Territoire et publics"
check "le curseur est sur le département" \
    wait_until 5 focused c "Département"
type_text c "Seine"
check "des lettres sur une liste : elles sont montrées, pas perdues" \
    wait_for c "« Seine » n'a pas été pris"
check_no_screen c "Choisissez d'abord la région" \
    "des lettres n'ouvrent pas la liste des régions"
check "le curseur n'a pas bougé" focused c "Département"
keys c Escape
wait_for c "Garder le brouillon" || true
type_text c n
keys c Enter
keys c Q o

e2e_finish
