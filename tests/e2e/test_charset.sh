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
	check_screen l9 " 1  L'édito" "Latin-9 : l'accueil"
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

no_sanitizer_report
e2e_finish
