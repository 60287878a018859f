#!/bin/sh
# The boards, as two members use them: Karim opens a thread with accents,
# Camille sees it unread, reads it with the next-unread key alone and
# replies with a quote; Karim sees the reply. A board added to boards.d
# appears after SIGHUP in a session that stayed connected; a board kept
# for moderators is invisible to a member; a board where only moderators
# post refuses a member's new thread; search finds « intégration » when
# one types « integration »; a reply typed on a Latin-9 terminal (luit)
# reaches the database as UTF-8.
. "$(dirname "$0")/lib.sh"

e2e_setup

mkdir -p "$E2E_DIR/boards.d"
board() {	# FILE KEY SECTION ORDER READ POST TITLE
	cat >"$E2E_DIR/boards.d/$1.conf" <<EOB
[board]
key = $2
title = $7
description = Forum d'essai « $7 »
section = $3
order = $4
read = $5
post = $6
EOB
}
board emploi emploi Emploi 10 membre membre "Emploi et insertion"
board annonces annonces "Vie du réseau" 20 membre modérateur \
    "Annonces du réseau"
board coord coordination "Vie du réseau" 30 modérateur modérateur \
    "Coordination des modérateurs"

check "base de test créée" e2e_db || e2e_bail "base"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

TITLE="Accueil des réfugiés : quelle coordination à Noël ?"
BODY="Bonjour à tous, comment organisez-vous l'intégration des familles arrivées cet été ? Merci pour vos retours."

# --- Karim opens a thread --------------------------------------------------

check "Karim se connecte" e2e_login k "$E2E_USER2" "$E2E_PASS2"
keys k Enter
wait_for k "Forums" || true
check_screen k "Forums" "l'accueil propose les forums"
open_entry k Forums
check "la liste des forums s'ouvre" wait_for k "Emploi et insertion"
check_screen k "Coordination des modérateurs" \
    "un modérateur voit le forum réservé aux modérateurs"
check_screen k "Vie du réseau" "les forums sont groupés par rubrique"
keys k Enter
check "le forum « Emploi et insertion » s'ouvre" \
    wait_for k "Aucun sujet pour le moment"
keys k N
check "N ouvre la rédaction d'un nouveau sujet" wait_for k "Nouveau sujet"
type_text k "$TITLE"
keys k Tab
type_text k "$BODY"
keys k C-x
check "le sujet est envoyé" wait_for k "Message envoyé"
check_screen k "Accueil des réfugiés : quelle coordination" \
    "le nouveau sujet est dans la liste"
check_screen k "Karim Benali" "l'auteur apparaît dans la liste des sujets"

# --- Camille reads it with n alone, and replies with a quote ---------------

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check "l'accueil annonce un message non lu" wait_for c "1 message non lu"
keys c n
check "n ouvre le message non lu" wait_for c "Par Karim Benali"
check_screen c "$TITLE" "le titre du sujet, accents compris"
check_screen c "l'intégration des familles arrivées" \
    "le texte du message, accents compris"
keys c r
check "r ouvre la réponse" wait_for c "> Bonjour à tous"
REPLY="Chez nous, le CCAS réunit la CAF et l'association chaque mois : ça marche."
type_text c "$REPLY"
keys c C-x
check "la réponse est envoyée" wait_for c "Message envoyé"
keys c n
check "plus rien de non lu pour Camille" wait_for c "Plus rien de non lu"

# Boards kept for moderators, and a board where only they post.
keys c q
check "q revient à l'accueil" wait_for c "Accueil"
open_entry c Forums
check "Camille voit la liste des forums" wait_for c "Annonces du réseau"
check_no_screen c "Coordination des modérateurs" \
    "un membre ne voit pas le forum réservé aux modérateurs"
keys c Down Enter
check "Camille ouvre « Annonces du réseau »" \
    wait_for c "Forum d'essai « Annonces du réseau »"
keys c N
check "un membre ne peut pas ouvrir de sujet dans les annonces" \
    wait_for c "Vous ne pouvez pas ouvrir de sujet dans ce forum"
keys c q

# --- Karim sees the reply ---------------------------------------------------

keys k n
check "Karim lit la réponse avec n" wait_for k "En réponse à Karim Benali"
check_screen k "le CCAS réunit la CAF et l'association" \
    "la réponse de Camille, accents compris"

# --- A moderator hides a message with a reason, then restores it ---------------

REASON="Hors sujet : merci de rester sur la coordination"
keys k h
check "h : le modérateur donne une raison" wait_for k "Masquer ce message"
type_text k "$REASON"
keys k Enter
check "le message est masqué" wait_for k "Message masqué"
hidden() {
	sqlite3 "$E2E_DB" "SELECT m.login || '|' || p.hidden_reason FROM post p
	    JOIN member m ON m.id = p.hidden_by WHERE p.hidden_at IS NOT NULL" |
	    grep -Fx "karim|$REASON"
}
check "en base : qui l'a masqué et pourquoi" hidden
audited() {
	sqlite3 "$E2E_DB" "SELECT action FROM audit_log" | grep -qx "post.hide"
}
check "le journal d'audit garde le masquage" audited
keys c Home Enter
check "Camille ouvre le forum" wait_for c "Accueil des r"
keys c Enter
check "Camille ne voit plus que le message de Karim" wait_for c "1/1"
keys c q q
check "retour aux forums" wait_for c "Annonces du réseau"
keys k h
check "h encore : le message est rétabli" wait_for k "Message rétabli"
visible() {
	[ "$(sqlite3 "$E2E_DB" "SELECT count(*) FROM post
	    WHERE hidden_at IS NOT NULL")" = 0 ]
}
check "en base : plus rien de masqué" visible

# --- Search ---------------------------------------------------------------------

keys c /
check "/ demande quoi chercher" wait_for c "Rechercher"
type_text c "integration familles"
keys c Enter
check "la recherche sans accent trouve « intégration »" \
    wait_for c "Emploi et insertion › $TITLE"
check_screen c "organisez-vous l'intégration des familles" \
    "l'extrait montre le mot trouvé dans son contexte"
keys c Enter
# Newest first: Camille's reply (it quotes Karim) comes before his post.
check "Entrée ouvre le message trouvé, le plus récent d'abord" \
    wait_for c "En réponse à Karim Benali"

# --- A member reports a message; the moderator's queue ---------------------------

keys c p
check "p : le message précédent du fil" wait_for c "Par Karim Benali"
keys c !
check "! : pourquoi signaler" wait_for c "Pourquoi signaler ce message"
type_text c "Un numéro de téléphone personnel y figure"
keys c Enter
check "le signalement est enregistré" \
    wait_for c "Message signalé à l'équipe de modération"
keys k q q
check "Karim revient aux forums" wait_for k "Coordination des modérateurs"
keys k M
check "M : la file de modération" wait_for k "Signalé : Emploi et insertion"
check_screen k "Un numéro de téléphone personnel y figure" \
    "la file montre la raison du signalement"
keys k d
check "d : la suite donnée (classer)" wait_for k "Suite donnée"
type_text k "Numéro retiré avec l'accord de l'auteur"
keys k Enter
check "le signalement est classé" wait_for k "Signalement classé"
closed() {
	sqlite3 "$E2E_DB" "SELECT resolution FROM report
	    WHERE closed_at IS NOT NULL" |
	    grep -Fx "Numéro retiré avec l'accord de l'auteur"
}
check "en base : le signalement classé, avec sa suite" closed
keys k q
keys c q
wait_for c "Recherche" || true
keys c q
check "retour à la liste des forums" wait_for c "Annonces du réseau"

# --- A board added to boards.d, then SIGHUP -------------------------------------

board sante sante "Santé" 15 membre membre "Accès aux soins"
kill -HUP "$E2E_PID"
check "après SIGHUP, le nouveau forum apparaît dans la session ouverte" \
    wait_for c "Accès aux soins"
check "la session de Camille est toujours là" wait_for c "Annonces du réseau"

# --- 40x12 and TERM=dumb --------------------------------------------------------

fits_in() {
	[ "$(screen "$1" | wc -L)" -le "$2" ]
}
E2E_COLS=40 E2E_ROWS=12
check "40x12 : connexion" e2e_login sm "$E2E_USER" "$E2E_PASS"
E2E_COLS= E2E_ROWS=
keys sm Enter
wait_for sm "Forums" || true
open_entry sm "Forums"
check "40x12 : la liste des forums" wait_for sm "Emploi et insertion"
check "40x12 : la liste des forums tient en 40 colonnes" fits_in sm 40
check_screen sm "? Aide" "40x12 : la barre d'aide des forums"
keys sm Enter
check "40x12 : les sujets" wait_for sm "Accueil des r"
check "40x12 : les sujets tiennent en 40 colonnes" fits_in sm 40
keys sm Enter
check "40x12 : l'arbre du sujet" wait_for sm "Camille Durand"
check "40x12 : l'arbre tient en 40 colonnes" fits_in sm 40
keys sm Enter
check "40x12 : le message" wait_for sm "Par Karim Benali"
check "40x12 : le message tient en 40 colonnes" fits_in sm 40
keys sm Q o

# page_to_end NAME: Entrée at each « --Suite-- » until « (Fin) ».
page_to_end() {
	local i=0
	while [ $i -lt 10 ]; do
		screen_has "$1" "(Fin) Entrée : retour" && return 0
		keys "$1" Enter
		wait_until 2 screen_has "$1" "(Fin) Entrée : retour" &&
		    return 0
		i=$((i + 1))
	done
	return 1
}
E2E_TERM_SAVED=$E2E_TERM
E2E_TERM=dumb
check "TERM=dumb : connexion en mode ligne" e2e_login dm "$E2E_USER" "$E2E_PASS"
E2E_TERM=$E2E_TERM_SAVED
keys dm Enter
wait_for dm "Votre choix" || true
type_text dm "$(line_key dm Forums)"
keys dm Enter
check "TERM=dumb : les forums en menu numéroté" \
    wait_for dm "Emploi et insertion"
heading_unnumbered() {
	screen dm | grep -q "^ *-- Vie du réseau --" &&
	    ! screen dm | grep -q "^ *[0-9]*\. -- "
}
check "TERM=dumb : une rubrique n'est pas un choix numéroté" \
    heading_unnumbered
type_text dm "$(line_key dm "Emploi et insertion")"
keys dm Enter
check "TERM=dumb : les sujets du forum" wait_for dm ". Accueil des r"
type_text dm 1
keys dm Enter
check "TERM=dumb : l'arbre du sujet" wait_for dm "2. "
type_text dm 1
keys dm Enter
check "TERM=dumb : le message" wait_for dm "Par Karim Benali"
check "TERM=dumb : le message jusqu'à la fin" page_to_end dm
keys dm Enter
check "TERM=dumb : retour à l'arbre" wait_count dm "Votre choix (1 à 2" 2
# With -e, tmux writes the attributes it was sent (bold, reverse...) as
# escape sequences: none may appear in line mode.
no_escape() {
	! tm capture-pane -p -e -t "=$1:" -S - | grep -q "$(printf '\033')"
}
check "TERM=dumb : aucune séquence d'échappement" no_escape dm
type_text dm "?"
keys dm Enter
check "TERM=dumb : l'aide de l'écran" wait_for dm "Touches de l'écran"
check_no_screen dm "↑↓" "TERM=dumb : l'aide ne parle pas des flèches"
check_no_screen dm "PgSuiv" "TERM=dumb : ni des touches de page"
type_text dm q
keys dm Enter
wait_for dm "Votre choix" || true
type_text dm Q
keys dm Enter
type_text dm o
keys dm Enter

# --- Latin-9: a reply typed through luit is stored as UTF-8 --------------------

if command -v luit >/dev/null 2>&1; then
	E2E_ENV="LANG=fr_FR.ISO-8859-15@euro"
	E2E_WRAP="luit -encoding ISO-8859-15"
	check "Latin-9 (luit) : Camille se connecte" \
	    e2e_login l9 "$E2E_USER" "$E2E_PASS"
	E2E_ENV=
	E2E_WRAP=
	keys l9 Enter 2
	wait_for l9 "Emploi et insertion" || true
	keys l9 Enter
	check "Latin-9 : la liste des sujets" wait_for l9 "Accueil des r"
	keys l9 Enter
	check "Latin-9 : l'arbre du sujet" wait_for l9 "Camille Durand"
	keys l9 Enter
	check_screen l9 "$TITLE" "Latin-9 : le titre accentué se lit"
	keys l9 r
	check "Latin-9 : la réponse s'ouvre" wait_for l9 "> Bonjour à tous"
	type_text l9 "Noël à l'œuvre, ça avance déjà"
	keys l9 C-x
	check "Latin-9 : réponse envoyée" wait_for l9 "Message envoyé"
	stored_utf8() {
		sqlite3 "$E2E_DB" "SELECT body FROM post ORDER BY id DESC
		    LIMIT 1" | grep -F "Noël à l'œuvre, ça avance déjà"
	}
	check "Latin-9 : la réponse est en UTF-8 dans la base" stored_utf8
	keys l9 q q q Q o
fi

keys c Q o
keys k Q o
e2e_finish
