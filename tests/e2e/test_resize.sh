#!/bin/sh
# Resizing the member's window: 80x24, 120x40, 40x12, 30x10 (too small),
# back to 80x24, on the home screen; then the édito re-wrapped at 40x12.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre et écoute sur 127.0.0.1:$E2E_PORT" e2e_start ||
    e2e_bail "serveur"

HOME_TITLE="$E2E_SITE › Accueil"
EDITO_TITLE_BAR="$E2E_SITE › L'édito"
HELP_WIDE="↑↓ Choisir  Entrée Ouvrir  q Retour  ? Aide"
HELP_40="↑↓ Choisir  Entrée Ouvrir  ? Aide"

width() {
	printf '%s' "$1" | wc -L
}

# max_width NAME: the widest line of the screen, in columns.
max_width() {
	screen "$1" | wc -L
}

size_is() {
	[ "$(pane_fmt "$1" '#{pane_width}x#{pane_height}')" = "$2x$3" ]
}

# title_ok NAME COLS: row 0 is « Site › Accueil », with the member's name
# flush right when both fit (title + name + 3 columns), else alone.
title_ok() {
	local r
	r=$(row "$1" 0)
	if [ $(($(width "$HOME_TITLE") + $(width "$E2E_NAME") + 3)) -le "$2" ]
	then
		case $r in
		"$HOME_TITLE "*" $E2E_NAME") ;;
		*) echo "ligne 0 : « $r »"; return 1 ;;
		esac
		[ "$(width "$r")" -eq "$2" ] ||
		    { echo "ligne 0 large de $(width "$r")"; return 1; }
	else
		[ "$r" = "$HOME_TITLE" ] || { echo "ligne 0 : « $r »"; return 1; }
	fi
}

# help_ok NAME TEXT: the last row of the pane is the help bar TEXT.
help_ok() {
	local r
	r=$(last_row "$1")
	[ "$r" = "$2" ] || { echo "dernière ligne : « $r »"; return 1; }
}

menu_ok() {
	local s
	s=$(screen "$1")
	case $(row "$1" 2) in
	"›1  L'édito"|"›1  L'édito : "*) ;;
	*) echo "ligne 2 : « $(row "$1" 2) »"; return 1 ;;
	esac
	# Two rows an entry when they all fit, else one.
	case $(row "$1" 3) in
	"     Édito « Intégration »"*|" 6  "*) ;;
	*) echo "ligne 3 : « $(row "$1" 3) »"; return 1 ;;
	esac
	# Fixed digits (6 Messagerie, 8 Mon profil), then the entries
	# without one.
	case $s in
	*" 6  Messagerie"*" 8  Mon profil"*"    Affichage"*"    Quitter"*) ;;
	*) return 1 ;;
	esac
}

fits() {
	local w
	w=$(max_width "$1")
	[ "$w" -le "$2" ] || { echo "ligne de $w colonnes"; return 1; }
}

home_settled() {
	size_is "$1" "$2" "$3" && title_ok "$1" "$2" && help_ok "$1" "$4" &&
	    menu_ok "$1"
}

# check_home NAME COLS ROWS HELPBAR: wait for the redraw, then check it.
check_home() {
	local n="$1" c="$2" r="$3" h="$4"
	check "${c}x$r : l'accueil est redessiné à la nouvelle taille" \
	    wait_until 10 home_settled "$n" "$c" "$r" "$h"
	check "${c}x$r : le volet fait bien ${c}x$r" size_is "$n" "$c" "$r"
	check "${c}x$r : barre de titre « … › Accueil » en première ligne" \
	    title_ok "$n" "$c"
	check "${c}x$r : barre d'aide en dernière ligne" help_ok "$n" "$h"
	check "${c}x$r : aucune ligne plus large que $c colonnes" fits "$n" "$c"
	check "${c}x$r : les entrées du menu (1 L'édito … Quitter)" \
	    menu_ok "$n"
}

check "connexion à 80x24" e2e_login rz "$E2E_USER" "$E2E_PASS"
keys rz Enter
check_home rz 80 24 "$HELP_WIDE"

resize rz 120 40
check_home rz 120 40 "$HELP_WIDE"

resize rz 40 12
check_home rz 40 12 "$HELP_40"

# --- Too small -----------------------------------------------------------

resize rz 30 10
check "30x10 : « Fenêtre trop petite »" \
    wait_until 10 screen_has rz "Fenêtre trop petite"
check_screen rz "(40×12 au minimum)" "30x10 : « (40×12 au minimum) »"
check "30x10 : plus rien de l'accueil" screen_lacks rz "Accueil"
check "30x10 : aucune ligne plus large que 30 colonnes" fits rz 30
# Keys are ignored while the window is too small: q must not ask to quit.
keys rz q

resize rz 80 24
check_home rz 80 24 "$HELP_WIDE"
check "80x24 : la touche q tapée à 30x10 a été ignorée" \
    screen_lacks rz "Quitter Palabre ?"

# --- The édito, re-wrapped -----------------------------------------------

# The text of the édito's paragraphs, on one line.
doc_text() {
	sed 1d "$E2E_DIR/edito.md" | tr '\n' ' ' | tr -s ' '
}

# body NAME FIRST LAST: rows FIRST..LAST, blank ones dropped, joined.
body() {
	tm capture-pane -p -S "$2" -E "$3" -t "=$1:" | grep . | tr '\n' ' ' |
	    tr -s ' ' | sed 's/ $//'
}

# rewrapped NAME FIRST LAST: the rows, joined, are a run of the text: every
# line break fell between two words, nothing was cut off or lost.
rewrapped() {
	local b
	b=$(body "$1" "$2" "$3")
	echo "texte affiché : « $b »"
	[ "$(printf '%s' "$b" | wc -m)" -gt 100 ] &&
	    doc_text | grep -qF -e "$b"
}

# body_width NAME FIRST LAST: the widest of those rows.
body_width() {
	tm capture-pane -p -S "$2" -E "$3" -t "=$1:" | wc -L
}

status_row() {
	row "$1" $(($(pane_fmt "$1" '#{pane_height}') - 2))
}

# total NAME: N in « Lignes A-B sur N (P %) ».
total() {
	status_row "$1" | sed -n 's/.*Lignes [0-9]*-[0-9]* sur \([0-9]*\).*/\1/p'
}

keys rz Enter
check_screen rz "$EDITO_TITLE_BAR" "80x24 : Entrée ouvre l'édito"
check_screen rz "Lignes 1-21 sur" "80x24 : l'édito commence à la ligne 1"
keys rz Space
check "80x24 : Espace passe à la page suivante (« Lignes 21-41 »)" \
    wait_until 10 screen_has rz "Lignes 21-41 sur"
check "80x24 : le texte est replié entre les mots" rewrapped rz 1 21
total80=$(total rz)
# The first three words at the top, to find them again after the resize.
top_words=$(body rz 1 21 | cut -d ' ' -f 1-3)

resized_pager() {
	local t
	size_is rz 40 12 || return 1
	t=$(total rz)
	[ -n "$t" ] && [ "$t" -gt "$total80" ]
}
resize rz 40 12
check "40x12 : l'édito est remis en page (plus que ses $total80 lignes à 80 colonnes)" \
    wait_until 10 resized_pager
check "40x12 : aucune ligne plus large que 40 colonnes" fits rz 40
check "40x12 : la ligne d'état montre « Lignes »" \
    eval 'status_row rz | grep -q "Lignes [0-9]*-[0-9]* sur [0-9]*"'
check "40x12 : le texte est replié entre les mots, à 40 colonnes" \
    rewrapped rz 1 9
wide_enough() {
	local w
	w=$(body_width rz 1 9)
	echo "ligne la plus large : $w"
	[ "$w" -gt 30 ] && [ "$w" -le 40 ]
}
check "40x12 : les lignes du texte occupent la largeur (31 à 40 colonnes)" \
    wide_enough
kept_place() {
	echo "en haut avant : « $top_words »"
	body rz 1 2 | grep -qF -e "$top_words"
}
check "40x12 : la lecture reprend au même endroit" kept_place
check "40x12 : barre de titre « … › L'édito »" \
    eval '[ "$(row rz 0)" = "$EDITO_TITLE_BAR" ]'
check "40x12 : barre d'aide en dernière ligne" \
    help_ok rz "Espace Page suivante  q Retour  ? Aide"
tm kill-session -t "=rz" 2>/dev/null

e2e_finish
