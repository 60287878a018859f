#!/bin/sh
# « Ma veille » and « Quoi de neuf » (issue 16), as members live them:
# Camille follows the board « Accès aux droits » with S; Karim opens a
# thread there, and names @demo in a board she does not follow; Accueil
# counts them, « Quoi de neuf » lists them newest first (the mention
# first), v shows the whole network, n opens them one after the other
# and each leaves the list once opened; her answer names Karim with
# « @benal » Tab; L marks everything seen; S on a document offers its
# kind, issuer and themes to tick. The
# thread she wrote in is followed by itself; « Ma veille » lists both
# and d takes one out. At 40x12, in plain ASCII and in line mode the
# list still reads.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"
e2e_board_access
cat >"$E2E_DIR/boards.d/emploi.conf" <<'EOF'
[board]
key = emploi
title = Emploi et insertion
section = Emploi
order = 20
read = membre
post = membre
EOF
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# post BOARD TITLE TEXT: Karim opens a thread (palabre admin post new).
post() {
	printf '%s\n' "$3" | palabre admin post new --board "$1" \
	    --author karim --title "$2" >"$E2E_DIR/post.out"
}

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check "l'accueil : « Quoi de neuf » (0), rien de nouveau" \
    wait_for c " 0  Quoi de neuf"
check_screen c "Rien de nouveau dans votre veille" "rien de nouveau"
open_entry c Forums
check "les forums" wait_for c "Accès aux droits"
keys c S
check "S sur un forum : il entre dans « Ma veille »" \
    wait_for c "Ajouté à « Ma veille » : Forum « Accès aux droits »."
keys c q

check "Karim ouvre un fil dans le forum suivi" \
    post acces-droits "Domiciliation des demandeurs d'asile" \
    "Qui domicilie à Lille ?"
check "Karim nomme @demo dans un forum qu'elle ne suit pas" \
    post emploi "Salon de l'emploi à Roubaix" \
    "Une question pour @demo : viendrez-vous au salon ?"
check "Karim ouvre un autre fil, sans la nommer" \
    post emploi "Offres de stage" "Trois offres cette semaine."

keys c 0
check "0 ouvre « Quoi de neuf », « Ma veille »" \
    wait_for c "Quoi de neuf — Ma veille"
check_screen c "Mention : Salon de l'emploi à Roubaix" \
    "la mention de @demo est là"
check_screen c "Nouveau fil : Domiciliation des demandeurs d'asile" \
    "le fil du forum suivi est là"
check_screen c "Emploi et insertion · Karim Benali" "où, qui"
check_no_screen c "Offres de stage" "pas ce qui n'est pas suivi"
mention_first() {
	[ "$(screen c | grep -n 'Mention : ' | cut -d: -f1)" -lt \
	    "$(screen c | grep -n 'Nouveau fil : ' | cut -d: -f1)" ]
}
check "le plus récent d'abord : la mention" mention_first
keys c v
check "v : tout le réseau" wait_for c "Quoi de neuf — tout le réseau"
check_screen c "Offres de stage" "tout le réseau : les autres fils aussi"
keys c v
wait_for c "Quoi de neuf — Ma veille" || true
keys c q
check "l'accueil compte les nouveautés" \
    wait_for c "2 nouveautés dans votre veille"

keys c 0
wait_for c "Mention : Salon" || true
keys c n
check "n ouvre la mention" wait_for c "Une question pour @demo"
keys c q
check "de retour, la mention vue a quitté la liste" \
    wait_gone c "Mention : Salon"
check_screen c "Nouveau fil : Domiciliation" "l'autre reste"
keys c n
check "n ouvre la suivante" wait_for c "Qui domicilie à Lille ?"
keys c R
check "Camille répond dans le fil" wait_for c "Réponse à Karim Benali"
type_text c "Le CCAS de Villeurbanne. Merci @benal"
keys c Tab
check "Tab après « @benal » : l'identifiant de Karim Benali" \
    wait_for c "Merci @karim"
type_text c "!"
check_screen c "Merci @karim !" "une espace après l'identifiant"
keys c C-x
check "la réponse est envoyée" wait_for c "Message envoyé"
keys c q
check "de retour : rien de nouveau dans « Ma veille »" \
    wait_for c "Rien de nouveau dans « Ma veille »"

reply_last() {
	printf 'Merci !\n' | palabre admin post reply --author karim \
	    --to "$(sqlite3 "$E2E_DB" 'SELECT max(id) FROM post')" >/dev/null
}
check "Karim répond à Camille" reply_last
keys c v
check "tout le réseau : la réponse à Camille" \
    wait_for c "Réponse : Domiciliation des demandeurs d'asile"
check_screen c "Offres de stage" "et le fil non suivi"
keys c L
check "L demande confirmation" wait_for c "Tout marquer comme vu ? (o/n)"
type_text c o
keys c Enter
check "L : tout est vu" wait_for c "Tout est marqué comme vu."
check_screen c "Rien de nouveau dans le réseau" "la liste est vide"

# A document: S offers its kind, its issuer and its themes to tick.
mkdir -p "$E2E_DIR/docs"
cat >"$E2E_DIR/docs/circ.md" <<'EOF'
---
titre: Circulaire relative à la domiciliation des personnes sans domicile stable
nature: circulaire
émetteur: Direction générale de la cohésion sociale (DGCS)
date: 2024-03-01
thèmes: acces-droits, logement
---
Premier article : la domiciliation est un droit.
EOF
check "un document arrive dans la bibliothèque" \
    palabre admin doc import "$E2E_DIR/docs/circ.md"
keys c v
wait_for c "Quoi de neuf — Ma veille" || true
keys c v
check "tout le réseau : le document" \
    wait_for c "Document : Circulaire relative à la domiciliation"
keys c Enter
check "Entrée ouvre le document" wait_for c "Premier article"
keys c S
check "S sur un document : nature, émetteur, thèmes à cocher" \
    wait_for c "Type de document « Circulaire »"
check_screen c "Émetteur « Direction générale de la cohésion sociale (DGCS) »" \
    "l'émetteur est proposé"
check_screen c "Thème « Logement et hébergement »" "les thèmes aussi"
keys c Space
keys c Enter
check "Espace, Entrée : la nature est suivie" \
    wait_for c "« Ma veille » : 1 ajout, 0 retrait."
keys c q
wait_for c "Quoi de neuf" || true
keys c q

keys c S
check "S à l'accueil : « Ma veille »" \
    wait_for c "Forum : Accès aux droits"
check_screen c "Fil : Domiciliation des demandeurs d'asile (j'y ai écrit)" \
    "le fil où elle a écrit est suivi de lui-même"
check_screen c "Suivre les fils où j'écris : oui" "le réglage est dit"
check_screen c "Type de document : Circulaire" "la nature cochée"
keys c Down Down
keys c d
check "d retire un fil" wait_for c "Retiré de « Ma veille »."
check_no_screen c "Fil : Domiciliation" "le fil n'est plus suivi"
keys c q Q o
wait_dead c 10 || true

# --- 40x12, ASCII, line mode ------------------------------------------------

check "Karim nomme encore @demo" post emploi "Forum des métiers" \
    "@demo, le forum des métiers a lieu jeudi."
E2E_COLS=40 E2E_ROWS=12
check "40x12 : connexion" e2e_login s "$E2E_USER" "$E2E_PASS"
keys s Enter
keys s 0
check "40x12 : « Quoi de neuf » s'ouvre" wait_for s "Mention : Forum des"
check "40x12 : rien ne dépasse" eval '[ "$(screen s | wc -L)" -le 40 ]'
keys s q Q o
wait_dead s 10 || true
unset E2E_COLS E2E_ROWS

E2E_ENV="LANG=C"
check "ASCII (LANG=C) : connexion" e2e_login as "$E2E_USER" "$E2E_PASS"
keys as Enter
keys as 0
check "ASCII : « Quoi de neuf » sans accents ni tiret long" \
    wait_for as "Quoi de neuf - Ma veille"
check_screen as "Mention : Forum des metiers" "ASCII : la mention, sans accent"
ascii_only() {
	! screen "$1" | LC_ALL=C grep -q '[^ -~]'
}
check "ASCII : rien que de l'ASCII à l'écran" ascii_only as
keys as q Q o
wait_dead as 10 || true
unset E2E_ENV

E2E_TERM_SAVED=$E2E_TERM
E2E_TERM=dumb
check "TERM=dumb : connexion" e2e_login dm "$E2E_USER" "$E2E_PASS"
E2E_TERM=$E2E_TERM_SAVED
keys dm Enter
check "TERM=dumb : « Quoi de neuf » au menu" \
    wait_for dm ". Quoi de neuf : 1 nouveauté dans votre veille"
line_entry dm "Quoi de neuf"
check "TERM=dumb : la liste en lignes numérotées" \
    wait_for dm "1. Mention : Forum des métiers (Emploi et insertion"
type_text dm q
keys dm Enter
keys dm Q
wait_for dm "Quitter" && { type_text dm o; keys dm Enter; }

e2e_finish
