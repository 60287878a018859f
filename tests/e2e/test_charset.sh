#!/bin/sh
# Thin terminals: a genuine Latin-9 terminal (luit -encoding ISO-8859-15
# between tmux and ssh), a plain ASCII one (LANG=C), the cursor-position
# probe when the client sends no LANG, and the member's own choice in
# « Affichage », remembered for the next visit.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# ends_at_col NAME ROW TEXT COLS: row ROW ends with TEXT at column COLS
# (columns stay aligned whatever the charset).
ends_at_col() {
	local r
	r=$(row "$1" "$2")
	case $r in
	*"$3") [ "$(printf '%s' "$r" | wc -m)" -eq "$4" ] ;;
	*) echo "ligne $2 : « $r »"; return 1 ;;
	esac
}

# no_escape NAME: not one escape sequence reached the pane (line mode).
no_escape() {
	! tm capture-pane -p -e -t "=$1:" -S - | grep -q "$(printf '\033')"
}

# title_has NAME TEXT: the title bar (row 0) shows TEXT.
title_has() {
	case $(row "$1" 0) in
	*"$2"*) ;;
	*) return 1 ;;
	esac
}

# help_bar_at_bottom NAME: the last row is a help bar ending with « ? Aide »
# (« q Retour » on the help screen itself).
help_bar_at_bottom() {
	case $(last_row "$1") in
	*"? Aide" | *"q Retour") ;;
	*) echo "dernière ligne : « $(last_row "$1") »"; return 1 ;;
	esac
}

# fits_in NAME COLS: no screen line is wider than COLS columns.
fits_in() {
	[ "$(screen "$1" | wc -L)" -le "$2" ]
}

# ascii_only NAME: nothing but ASCII on the screen.
ascii_only() {
	! screen "$1" | LC_ALL=C grep -q '[^ -~]'
}

# --- Latin-9 through luit, LANG sent by the client -------------------------

if command -v luit >/dev/null 2>&1; then
	E2E_ENV="LANG=fr_FR.ISO-8859-15@euro"
	E2E_WRAP="luit -encoding ISO-8859-15"
	check "Latin-9 (luit) : connexion, « Bonjour »" \
	    e2e_login l9 "$E2E_USER" "$E2E_PASS"
	check_screen l9 "Bonjour, $E2E_NAME." "Latin-9 : « Bonjour, Camille Durand. »"
	check_screen l9 "Réseau d'essai Intégration > Bienvenue" \
	    "Latin-9 : titre accentué, « › » remplacé par « > »"
	check "Latin-9 : le nom du membre finit à la 80e colonne" \
	    ends_at_col l9 0 "$E2E_NAME" 80
	keys l9 Enter
	check_screen l9 ">1  L'édito" "Latin-9 : l'accueil"
	check_screen l9 "Édito « Intégration » : l'œuvre de l'été à Lyon" \
	    "Latin-9 : « œuvre », « été », « à » et les guillemets intacts"
	keys l9 1
	check_screen l9 "Lignes 1-" "Latin-9 : l'édito s'ouvre"
	check_screen l9 "sœur, œuvre, façade, garçon, où, déjà," \
	    "Latin-9 : œ et ç dans le texte de l'édito"
	check_screen l9 "déjà, noël et maïs" \
	    "Latin-9 : é, à, ë, ï dans le texte de l'édito"
	check_no_screen l9 "�" "Latin-9 : aucun caractère de remplacement"
	keys l9 Space
	check_screen l9 "Lignes 21-" "Latin-9 : page suivante"
	keys l9 q Q o
	check "Latin-9 : fin de session" wait_dead l9 10
	unset E2E_ENV E2E_WRAP

	# Without LANG, the probe finds the single-byte terminal itself.
	E2E_ENV="LANG="
	E2E_WRAP="luit -encoding ISO-8859-15"
	check "sonde (luit, sans LANG) : connexion" \
	    e2e_login pr "$E2E_USER" "$E2E_PASS"
	keys pr Enter
	check_screen pr "Édito « Intégration » : l'œuvre de l'été à Lyon" \
	    "sonde : le terminal Latin-9 est reconnu, accents intacts"
	check_no_screen pr "Ã" "sonde : pas d'UTF-8 lu comme du Latin-9"
	keys pr Q o
	check "sonde : fin de session" wait_dead pr 10
	check "sonde : le journal dit ce que la sonde a trouvé" \
	    grep -q "sonde du terminal : ISO-8859-15" "$E2E_LOG"
	unset E2E_ENV E2E_WRAP
else
	echo "# luit absent : tests Latin-9 sautés"
fi

# --- ASCII: LANG=C ----------------------------------------------------------

E2E_ENV="LANG=C"
check "ASCII (LANG=C) : connexion" e2e_login as "$E2E_USER" "$E2E_PASS"
check_screen as "Reseau d'essai Integration > Bienvenue" \
    "ASCII : « Reseau d'essai Integration »"
keys as Enter
check_screen as "Edito \" Integration \" : l'oeuvre de l'ete a Lyon" \
    "ASCII : « oeuvre », « ete », « a », guillemets droits"
check "ASCII : rien que de l'ASCII à l'écran" ascii_only as
check "ASCII : le nom du membre finit à la 80e colonne" \
    ends_at_col as 0 "$E2E_NAME" 80
keys as Q o
check "ASCII : fin de session" wait_dead as 10
unset E2E_ENV

# --- The member's choice, kept for the next visit --------------------------

check "choix : connexion (UTF-8, sonde)" e2e_login ch "$E2E_USER" "$E2E_PASS"
keys ch c
check_screen ch "Essai : Noël, l'œuvre « à l'été », 20 € — ça va…" \
    "Affichage : la ligne d'essai en UTF-8"
keys ch Down Down Down Down Enter
check_screen ch "ASCII (sans accents)." "Affichage : ASCII choisi"
check_screen ch "Essai : Noel, l'oeuvre \" a l'ete \", 20 EUR - ca va..." \
    "Affichage : la ligne d'essai passe aussitôt en ASCII"
check "Affichage : rien que de l'ASCII après le choix" ascii_only ch
keys ch Q o
check "choix : fin de session" wait_dead ch 10
check "choix : le réglage est enregistré dans la base" \
    sh -c "sqlite3 '$E2E_DB' \"SELECT value FROM member_pref WHERE name = 'charset'\" | grep -qx ASCII"
check "choix : retrouvé à la visite suivante" \
    e2e_login ch2 "$E2E_USER" "$E2E_PASS"
check_screen ch2 "Bonjour, Camille Durand." "choix : accueil en ASCII"
check "choix : rien que de l'ASCII à la visite suivante" ascii_only ch2
keys ch2 Q o
wait_dead ch2 10 >/dev/null

# --- TERM=dumb: line mode, no cursor addressing ------------------------------

E2E_TERM_SAVED=$E2E_TERM
E2E_TERM=dumb
# (karim: demo chose ASCII above, and that choice is kept.)
check "TERM=dumb : connexion en mode ligne" \
    e2e_login dm "$E2E_USER2" "$E2E_PASS2"
check_screen dm "Mode ligne : tapez un numéro" "TERM=dumb : le mode ligne s'annonce"
check_screen dm "(Entrée : Continuer ; c : Accents ; q : Retour ; ? : Aide)" \
    "TERM=dumb : les touches de l'écran d'accueil, en clair"
keys dm Enter
check_screen dm " 1. L'édito : $E2E_EDITO_TITLE" "TERM=dumb : menu numéroté"
check_screen dm "Votre choix (1 à 13 ; q : retour ; ? : aide) :" \
    "TERM=dumb : l'invite du menu"
type_text dm 1
keys dm Enter
check_screen dm "--Suite-- (Entrée : suite ; q : arrêter)" \
    "TERM=dumb : l'édito page par page, « --Suite-- »"
check_screen dm "Bienvenue sur le réseau d'essai" "TERM=dumb : le texte de l'édito"
# page_to_end NAME: Entrée at each « --Suite-- » until « (Fin) ».
page_to_end() {
	local i=0
	while [ $i -lt 10 ]; do
		screen_has "$1" "(Fin) Entrée : retour" && return 0
		keys "$1" Enter
		wait_until 2 screen_has "$1" "(Fin) Entrée : retour" && return 0
		i=$((i + 1))
	done
	return 1
}
check "TERM=dumb : la fin de l'édito, page après page" page_to_end dm
keys dm Enter
check "TERM=dumb : retour au menu" wait_count dm "Votre choix (1 à 13" 2
check "TERM=dumb : aucune séquence d'échappement reçue" no_escape dm
type_text dm Q
keys dm Enter
check_screen dm "Quitter Palabre ? (o : oui ; n : non)" "TERM=dumb : quitter"
type_text dm o
keys dm Enter
check "TERM=dumb : fin de session" wait_dead dm 10
E2E_TERM=$E2E_TERM_SAVED

# --- 40x12: every screen of the home menu opens with its help bar ------------

E2E_COLS=40 E2E_ROWS=12
check "40x12 : connexion" e2e_login sm "$E2E_USER2" "$E2E_PASS2"
keys sm Enter
# L'édito keeps its digit; « Affichage » and « Aide » have their keys.
for n in 1 c "?"; do
	keys sm "$n"
	title=$(case $n in 1) echo "L'édito" ;; c) echo Affichage ;;
	    *) echo Aide ;; esac)
	check "40x12 : « $title » s'ouvre (barre de titre)" \
	    wait_until 10 title_has sm "$title"
	check "40x12 : « $title » montre sa barre d'aide en bas" \
	    help_bar_at_bottom sm
	check "40x12 : « $title » tient en 40 colonnes" fits_in sm 40
	keys sm q
	check_screen sm "1  L'édito" "40x12 : retour à l'accueil depuis « $title »"
done
keys sm Q o
check "40x12 : fin de session" wait_dead sm 10
unset E2E_COLS E2E_ROWS

no_sanitizer_report
e2e_finish
