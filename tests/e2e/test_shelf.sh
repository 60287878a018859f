#!/bin/sh
# The shelf (bibliothèque), as a curator feeds it and a member reads it:
# « palabre admin doc import » reports each file (importé, mis à jour,
# refusé and why); Camille browses by theme, opens a circular, jumps to
# its third article with ], finds « prefecture » in the text (shown
# highlighted: « préfecture »), keeps it in « ma sélection », comments on
# it (the thread opens on the board of the shelf) and finds it again by
# searching the whole shelf without accents; the reader still works at
# 40x12.
. "$(dirname "$0")/lib.sh"

e2e_setup
mkdir -p "$E2E_DIR/boards.d" "$E2E_DIR/docs"
cp conf/boards.d/bibliotheque.conf "$E2E_DIR/boards.d/"
cp db/demo/docs/*.md db/demo/docs/*.txt "$E2E_DIR/docs/"

# A circular long enough to need paging, with articles to jump to.
para="Les services de la préfecture instruisent la demande dans un délai de deux mois et informent la personne de la suite donnée, par écrit, avec les voies de recours. Les associations agréées accompagnent les démarches et signalent les difficultés rencontrées sur le terrain au comité départemental."
{
	cat <<EOF
---
titre: Circulaire d'essai sur l'accueil en préfecture
nature: circulaire
émetteur: Ministère de l'Intérieur
date: 2024-05-02
référence: NOR : INTV2400001C
thèmes: primo-arrivants, acces-droits
résumé: Une circulaire écrite pour les tests.
---
EOF
	for a in 1 2 3 4; do
		printf '## Article %s\n\n%s\n\n%s\n\n' "$a" "$para" "$para"
	done
} >"$E2E_DIR/docs/circulaire-essai.md"
printf -- '---\ntitre: Sans nature connue\nnature: roman\n---\nTexte.\n' \
    >"$E2E_DIR/docs/refus.md"

check "base de test créée" e2e_db || e2e_bail "base"
palabre admin board sync >/dev/null 2>&1

# --- The import command's report -------------------------------------------

palabre admin doc import "$E2E_DIR"/docs/*.md "$E2E_DIR"/docs/*.txt \
    >"$E2E_DIR/import.out" 2>&1
status=$?
check "l'import finit en erreur quand un fichier est refusé" \
    test "$status" -eq 1
check "un rapport « importé » par fichier accepté" \
    test "$(grep -c '^importé : ' "$E2E_DIR/import.out")" -eq 12
check "le fichier refusé est nommé avec la raison" \
    grep -q "^refusé : .*refus.md : nature inconnue « roman »" \
    "$E2E_DIR/import.out"
check "le bilan de l'import" \
    grep -q "^12 importés, 0 mis à jour, 1 refusé.$" "$E2E_DIR/import.out"
palabre admin doc import "$E2E_DIR/docs/circulaire-essai.md" \
    >"$E2E_DIR/import2.out" 2>&1
check "réimporter le même fichier le met à jour" \
    grep -q "^mis à jour : .*circulaire-essai.md (n° " "$E2E_DIR/import2.out"
check "la bibliothèque ne compte pas de doublon" \
    sh -c "'$PALABRE_BIN' -c '$E2E_CONF' admin doc list | tail -n 1 |
    grep -qx '12 documents'"

check "le serveur démarre" e2e_start || e2e_bail "serveur"

# --- Browse by theme, open, jump to the third article ---------------------

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check_screen c "Bibliothèque" "l'accueil propose la bibliothèque"
check_screen c "12 documents" "l'accueil dit combien de documents"
open_entry c Bibliothèque
check "la bibliothèque s'ouvre" wait_for c "Par thème"
check_screen c "12 documents ajoutés" \
    "les nouveautés depuis la dernière visite"
keys c 4
check "les thèmes s'affichent" wait_for c "Accueil des primo-arrivants"
keys c Enter
check "les documents du thème, du plus récent au plus ancien" \
    wait_for c "Circulaire · 2${E2E_NBSP}mai 2024 · Ministère de l'Intérieur"
check_screen c "Le contrat d'intégration républicaine dans le CESEDA" \
    "un autre document du thème"
keys c Enter
check "le document s'ouvre avec sa fiche" wait_for c "Nature : Circulaire"
check_screen c "Référence : NOR : INTV2400001C" "la référence dans la fiche"
check_screen c "Thèmes : Accueil des primo-arrivants, Accès aux droits" \
    "les thèmes dans la fiche"
keys c ']' ']' ']'
check "] ] ] mène au troisième article, en haut de la page" \
    wait_until 5 sh -c "tmux -u -L '$E2E_SOCK' capture-pane -p -S 1 -E 1 \
    -t '=c:' | grep -q '^Article 3'"

# --- Find inside the text ---------------------------------------------------

keys c /
check "/ demande quoi chercher" wait_for c "Chercher dans le texte"
type_text c "prefecture"
keys c Enter
check_screen c "occurrences de « prefecture »" \
    "la recherche compte les occurrences, sans les accents"
check "l'occurrence est en vidéo inverse, accents compris" \
    sh -c "tmux -u -L '$E2E_SOCK' capture-pane -e -p -t '=c:' |
    grep -q '7m[^ ]*préfecture'"
keys c n
check "n passe à l'occurrence suivante" wait_for c "« prefecture » "

# --- Ma sélection, comment -------------------------------------------------

keys c s
check "s ajoute le document à ma sélection" \
    wait_for c "Ajouté à votre sélection."
keys c C
check "C ouvre le premier commentaire" \
    wait_for c "Premier commentaire sur « Circulaire d'essai"
type_text c "Chez nous, la préfecture répond en six semaines."
keys c C-x
check "le commentaire est envoyé" wait_for c "Message envoyé."
keys c f
check "f ouvre la discussion du document" \
    wait_for c "Camille Durand : Chez nous, la préfecture"
check "le fil est dans la base, rattaché au document" \
    sh -c "sqlite3 '$E2E_DB' \"SELECT count(*) FROM doc d JOIN thread t \
    ON t.id = d.thread_id JOIN board b ON b.id = t.board_id \
    WHERE b.key = 'bibliotheque' AND t.title = d.title\" | grep -qx 1"

# --- 40x12 ------------------------------------------------------------------

keys c q
check "retour au document, à la même place" wait_for c "Article 3"
resize c 40 12
keys c g
check "à 40x12, le document se lit encore" wait_for c "Circulaire d'essai"
keys c ']'
check "à 40x12, ] mène au premier article" wait_for c "Article 1"
resize c 80 24

# --- Ma sélection and a search of the whole shelf --------------------------

keys c q q q
check "retour au menu de la bibliothèque" wait_for c "Ma sélection"
check_screen c "1 document gardé sous la main" "ma sélection compte 1"
keys c 3
check "ma sélection liste le document" \
    wait_for c "+Circulaire d'essai sur l'accueil en préfecture"
keys c q /
check "/ cherche dans toute la bibliothèque" \
    wait_for c "Rechercher dans la bibliothèque :"
type_text c "prefecture delai"
keys c Enter
check "« prefecture » sans accent trouve la préfecture" \
    wait_for c "Circulaire d'essai sur l'accueil en préfecture"
check_screen c "services de la préfecture instruisent" \
    "l'extrait montre le texte autour du mot trouvé"
check_no_screen c "Sans nature connue" "le fichier refusé n'est pas là"

# pdftotext reads what a stranger wrote: it runs with a minute of CPU,
# bounded memory and no file to write (a stand-in checks its limits).
mkdir -p "$E2E_DIR/fakebin"
printf '%s\n' '#!/bin/sh' \
    '[ "$(ulimit -t)" = 60 ] && [ "$(ulimit -f)" = 0 ] || exit 1' \
    'printf "Limites tenues : un PDF piégé ne tient pas la machine.\n"' \
    >"$E2E_DIR/fakebin/pdftotext"
chmod 755 "$E2E_DIR/fakebin/pdftotext"
/usr/bin/python3 tests/e2e/mkpdf.py "$E2E_DIR/limites.pdf" "Limites" "" \
    "Texte."
PATH="$E2E_DIR/fakebin:$PATH" palabre admin doc import \
    "$E2E_DIR/limites.pdf" --kind rapport --date 2024-01-15 \
    --title "Limites de pdftotext" >"$E2E_DIR/import3.out" 2>&1
check "pdftotext tourne sous limites (une minute de calcul, aucun fichier)" \
    grep -q "^importé : " "$E2E_DIR/import3.out"

e2e_finish
