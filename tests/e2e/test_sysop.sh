#!/bin/sh
# The sysop and the open sessions (issue 15): « palabre admin who » lists
# them from the registry, « broadcast » shows a line on every session's
# status line within 2 s without disturbing what is typed, « kick » ends
# one member's session with a French line, the draft being saved.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre et écoute sur 127.0.0.1:$E2E_PORT" e2e_start ||
    e2e_bail "serveur"

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check_screen c "› Accueil" "Camille est à l'accueil"
E2E_COLS=100 E2E_ROWS=30
check "Karim se connecte (100x30)" e2e_login k "$E2E_USER2" "$E2E_PASS2"
E2E_COLS=80 E2E_ROWS=24
keys k Enter
check_screen k "› Accueil" "Karim est à l'accueil"
check "Karim ouvre la messagerie" open_entry k "Messagerie"
check_screen k "Aucune conversation" "la messagerie de Karim est ouverte"
# Karim again, in line mode (TERM=dumb): no status line there.
E2E_TERM=dumb
check "Karim se connecte aussi en mode ligne" \
    e2e_login d "$E2E_USER2" "$E2E_PASS2"
E2E_TERM=xterm-256color
keys d Enter
check_screen d "Votre choix" "le mode ligne attend un choix"

# --- who -----------------------------------------------------------------

who_out() {
	palabre admin who >"$E2E_DIR/who.out" 2>&1
	cat "$E2E_DIR/who.out"
}
who_lists() {
	who_out
	grep -q "^Identifiant  *Connexion  *Inactif  *Rubrique  *Adresse  *Jeu  *Fenêtre" \
	    "$E2E_DIR/who.out" &&
	grep -q "^$E2E_USER  .*Accueil  *127\.0\.0\.1:[0-9]*  *UTF-8  *80x24\$" \
	    "$E2E_DIR/who.out" &&
	grep -q "^$E2E_USER2  .*Messagerie  *127\.0\.0\.1:[0-9]*  *UTF-8  *100x30\$" \
	    "$E2E_DIR/who.out" &&
	grep -q "^3 sessions ouvertes\.\$" "$E2E_DIR/who.out"
}
check "who : les trois sessions, identifiant, rubrique, adresse, jeu, fenêtre" \
    wait_until 5 who_lists
# Columns aligned: « Adresse » and the addresses start at the same column
# (awk counts characters: « Fenêtre », « Réunion » are one each).
aligned() {
	who_out
	h=$(head -n 1 "$E2E_DIR/who.out" | awk '{ print index($0, "Adresse") }')
	for r in 2 3 4; do
		# A no-break space (« 9 h 05 ») is one column, two bytes.
		c=$(sed -n "${r}p" "$E2E_DIR/who.out" |
		    sed "s/$(printf '\302\240')/ /g" |
		    awk '{ print index($0, "127.0.0.1") }')
		[ "$c" -eq "$h" ] || return 1
	done
}
check "who : colonnes alignées" aligned

# --- broadcast -------------------------------------------------------------

# Camille is typing a message when the announcement comes.
check "Camille ouvre la messagerie" open_entry c "Messagerie"
wait_for c "Aucune conversation" || true
keys c N
wait_for c "À (identifiants)" || true
type_text c "karim"
keys c Enter
check "Camille écrit à Karim" wait_for c "Message privé à Karim Benali"
type_text c "Réunion de décembre"
keys c Tab
type_text c "Bonjour Karim, je prépare l'ordre du jour"

announce="Maintenance à 18 h : pensez à enregistrer"
t0=$(date +%s%N)
palabre admin broadcast "$announce$(printf '\033[2J')" >"$E2E_DIR/bc.out" 2>&1
check "broadcast : « Annonce envoyée à 3 sessions »" \
    grep -q "Annonce envoyée à 3 sessions" "$E2E_DIR/bc.out"
both() {
	screen_has c "Annonce : $announce" && screen_has k "Annonce : $announce"
}
wait_until 5 both
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
echo "# annonce visible sur les deux écrans en $ms ms"
check "broadcast : l'annonce sur la ligne d'état des deux sessions en moins de 2 s" \
    eval 'both && [ "$ms" -lt 2000 ]'
check "broadcast : sur l'avant-dernière ligne de l'écran" \
    eval 'row c 22 | grep -qF "Annonce : $announce"'
check_screen d "Annonce : $announce" "broadcast : en mode ligne, une ligne à part"
check "broadcast : la séquence d'échappement a été retirée" \
    eval '! screen_all c | grep -q "2J"'
type_text c " de la réunion."
check_screen c "l'ordre du jour de la réunion." \
    "broadcast : le texte en cours continue sans perte"

# --- kick ------------------------------------------------------------------

palabre admin kick "$E2E_USER" >"$E2E_DIR/kick.out" 2>&1
kick_rc=$?
cat "$E2E_DIR/kick.out"
check "kick : statut 0 et « 1 session de « demo » fermée »" \
    eval '[ "$kick_rc" -eq 0 ] && grep -q "1 session de « $E2E_USER » fermée" "$E2E_DIR/kick.out"'
check_screen c "Votre session a été fermée par l'équipe d'animation." \
    "kick : le membre lit la phrase en français"
check "kick : le client ssh de Camille s'est terminé" wait_dead c 5
draft_kept() {
	sqlite3 "$E2E_DB" "SELECT count(*) FROM draft WHERE body LIKE
	    '%ordre du jour de la réunion.%'" | grep -qx 1
}
check "kick : le brouillon de Camille est enregistré" draft_kept
check_screen k "› Messagerie" "kick : la session de Karim continue"
only_karim() {
	who_out
	! grep -q "^$E2E_USER " "$E2E_DIR/who.out" &&
	[ "$(grep -c "^$E2E_USER2 " "$E2E_DIR/who.out")" -eq 2 ]
}
check "who : Camille n'est plus dans la liste, Karim y est deux fois" \
    only_karim
palabre admin kick "$E2E_USER2" >"$E2E_DIR/kick3.out" 2>&1
cat "$E2E_DIR/kick3.out"
check "kick de Karim : « 2 sessions de « karim » fermées »" \
    grep -q "2 sessions de « $E2E_USER2 » fermées" "$E2E_DIR/kick3.out"
check_screen d "Votre session a été fermée par l'équipe d'animation." \
    "kick en mode ligne : la phrase en français"
check "kick : les deux clients de Karim se sont terminés" \
    eval 'wait_dead k 5 && wait_dead d 5'
palabre admin kick personne >"$E2E_DIR/kick2.out" 2>&1
kick_rc=$?
check "kick d'un membre sans session : statut 1 et message" \
    eval '[ "$kick_rc" -eq 1 ] && grep -q "Aucune session ouverte pour « personne »" "$E2E_DIR/kick2.out"'
check "who --help : l'usage sur la sortie standard" \
    eval 'palabre admin who --help 2>/dev/null | grep -q "usage : palabre admin who"'
palabre admin who --tout >"$E2E_DIR/opt.out" 2>&1
opt_rc=$?
check "who --tout : statut 2, l'option inconnue est nommée" \
    eval '[ "$opt_rc" -eq 2 ] && grep -q "option inconnue : --tout" "$E2E_DIR/opt.out"'

e2e_finish
