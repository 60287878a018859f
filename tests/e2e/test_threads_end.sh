#!/bin/sh
# A board of more threads than the list reads at once (200): « Fin »
# reads only the last page (keyset from the end, issue 18) and shows the
# oldest thread with its true place (250/250); going up from there reads
# the pages above as they come into view, none skipped; « Début » reads
# the first page again. Titles are numbered by age: « Sujet 250 » is the
# newest, listed first.
. "$(dirname "$0")/lib.sh"

e2e_setup
e2e_board_access
check "base de test créée" e2e_db || e2e_bail "base"
check "le forum « Accès aux droits »" palabre admin board sync >/dev/null ||
    e2e_bail "forum"
seed() {
	local i=1
	while [ $i -le 250 ]; do
		printf 'Texte du sujet %s.\n' "$i" | palabre admin post new \
		    --board acces-droits --author "$E2E_USER2" --title \
		    "$(printf 'Sujet %03d' $i)" --date "$(printf \
		    '2024-03-01T%02d:%02d' $((8 + i / 60)) $((i % 60)))" \
		    >/dev/null || return 1
		i=$((i + 1))
	done
}
check "250 sujets (palabre admin post new)" seed || e2e_bail "sujets"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

check "connexion" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
open_entry c Forums
check "la liste des forums" wait_for c "Accès aux droits"
keys c Enter
check "le forum s'ouvre sur le sujet le plus récent" wait_for c "Sujet 250"
check "sa place parmi 250" wait_for c "non lus · 1/250"
keys c End
check "Fin : le plus ancien sujet" wait_for c "Sujet 001"
check "Fin : à sa place, 250/250" wait_for c "non lus · 250/250"
check_no_screen c "Sujet 250" "Fin : le haut de la liste n'est plus affiché"
# Up a page at a time, past the 50 threads above the last page read.
i=0
while [ $i -lt 14 ]; do
	keys c PPage
	i=$((i + 1))
done
check "↑ depuis la fin : la page au-dessus est lue, jusqu'au premier" \
    wait_for c "Sujet 250"
check "↑ : la place est juste (1/250)" wait_for c "non lus · 1/250"
keys c Down
check "↓ : le sujet suivant, aucun sauté" wait_for c "non lus · 2/250"
check_screen c "›*  Sujet 249" "le deuxième sujet est « Sujet 249 »"
keys c End
wait_for c "non lus · 250/250" || true
keys c Home
check "Début : le premier sujet" wait_for c "non lus · 1/250"
check_screen c "Sujet 250" "Début : « Sujet 250 » en tête"

e2e_finish
