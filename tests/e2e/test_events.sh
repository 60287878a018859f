#!/bin/sh
# Exchange days with the real ssh client: Amélie, organiser, creates a
# day through the form (accents, one place); Camille registers, Léa
# registers too and waits; Camille presses d and is asked first (n keeps
# her place), then leaves with o, Léa moves up and her home
# screen says so; the iCalendar text is shown; Amélie sees the
# participants; « palabre admin event ics » prints CRLF lines. Then
# the screens at 40x12 and in line mode (TERM=dumb).
. "$(dirname "$0")/lib.sh"

e2e_setup
mkdir -p "$E2E_DIR/boards.d"
cp conf/boards.d/journees.conf "$E2E_DIR/boards.d/"
check "base de test créée" e2e_db || e2e_bail "base"
add_people() {
	printf 'rhone-caf-2024\n' | palabre admin user add amelie \
	    --role organisateur --name "Amélie Roussel" \
	    --org "CAF du Rhône" --password-stdin &&
	printf 'pleyel-93-2024\n' | palabre admin user add lea --role membre \
	    --name "Léa Fontaine" --org "Mission locale de Saint-Denis" \
	    --password-stdin && palabre admin board sync
}
check "une organisatrice et une membre (palabre admin)" add_people ||
    e2e_bail "membres"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

TITLE="Journée « accès aux droits » à Saint-Denis"
YEAR=$(($(date +%Y) + 1))

fits_in() {
	[ "$(screen "$1" | wc -L)" -le "$2" ]
}

# --- Amélie creates the day -----------------------------------------------------

check "Amélie se connecte" e2e_login a amelie rhone-caf-2024
keys a Enter
check "l'accueil propose de créer la première journée" \
    wait_for a "N pour créer la première"
check "l'entrée s'ouvre" open_entry a "Journées d'échanges"
check "aucune journée à venir" wait_for a "Aucune journée à venir"
keys a N
check "N ouvre le formulaire, page 1/4" wait_for a "Page 1/4"
type_text a "$TITLE"
keys a Tab
type_text a "14/10/$YEAR"
keys a Tab
type_text a "9:30"
keys a Tab
type_text a "17:00"
keys a NPage
check "page 2/4 : lieu et places" wait_for a "Page 2/4"
type_text a "Salle Léo-Lagrange, 12 rue de l'Égalité, 93200 Saint-Denis"
keys a Tab Tab
type_text a "2"
keys a NPage
check "page 3/4" wait_for a "Page 3/4"
type_text a "Travailleurs sociaux, bénévoles, agents d'accueil"
keys a NPage
check "page 4/4 : la présentation" wait_for a "Page 4/4"
keys a Enter
check "Entrée ouvre l'éditeur" wait_for a "Ctrl-X Terminer"
type_text a "Matinée : ateliers sur l'ouverture des droits ; après-midi : échanges de pratiques entre structures."
keys a C-x
check "la présentation est écrite" wait_for a "Matinée : ateliers"
keys a C-x
check "Ctrl-X crée la journée et ouvre sa page" wait_for a "créée, avec son fil"
check_screen a "$TITLE" "la page montre le titre accentué"
check_screen a "Saint-Denis" "la page montre le lieu"
stored() {
	sqlite3 "$E2E_DB" "SELECT title || '|' || capacity || '|' ||
	    (thread_id IS NOT NULL) FROM event" | grep -F "$TITLE|2|1"
}
check "la journée est dans la base, avec son fil" stored
thread() {
	sqlite3 "$E2E_DB" "SELECT t.title FROM thread t JOIN event e ON
	    e.thread_id = t.id" | grep -F "Journée du 14${E2E_NBSP}octobre $YEAR"
}
check "le fil porte la date de la journée" thread

# --- Two places: Camille and Karim register, Léa waits -----------------------------

check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check "l'accueil annonce la journée" wait_for c "14${E2E_NBSP}oct. : Saint-Denis"
open_entry c "Journées d'échanges"
check "la liste : deux places libres" wait_for c "2 places libres sur 2"
keys c Enter
check "la page de la journée" wait_for c "i pour vous inscrire"
keys c i
check "i : Camille a une place" wait_for c "Vous avez une place à"

check "Karim se connecte" e2e_login k "$E2E_USER2" "$E2E_PASS2"
keys k Enter
wait_for k "Journées d'échanges" || true
open_entry k "Journées d'échanges"
check "la liste : une place libre sur deux" wait_for k "1 place libre sur 2"
keys k Enter
wait_for k "i pour vous inscrire" || true
keys k i
check "i : Karim prend la dernière place" wait_for k "Vous avez une place à"

check "Léa se connecte" e2e_login l lea pleyel-93-2024
keys l Enter
wait_for l "Journées d'échanges" || true
open_entry l "Journées d'échanges"
check "la liste : complet" wait_for l "complet"
keys l Enter
check "la page dit : complet" wait_for l "Complet : i vous met"
keys l i
check "i : Léa en liste d'attente" wait_for l "vous êtes en liste d'attente"
check "son rang est affiché" wait_for l "rang 1"

# --- Camille leaves: Léa moves up and is told ------------------------------------------

regs() {
	sqlite3 "$E2E_DB" "SELECT group_concat(m.login || ' ' ||
	    r.waiting, ',') FROM (SELECT * FROM event_registration
	    ORDER BY member_id) r JOIN member m ON m.id = r.member_id"
}
keys c d
check "d demande d'abord, et dit que la place sera donnée" \
    wait_for c "sera donnée à la personne suivante. (o/n)"
keys c n Enter
check "n : rien n'a changé" wait_for c "votre inscription tient toujours"
kept() {
	[ "$(regs)" = "demo 0,karim 0,lea 1" ]
}
check "n : Camille est toujours inscrite, Léa attend" kept
keys c d
wait_for c "sera donnée à la personne suivante" || true
keys c o Enter
check "d puis o : Camille se désinscrit, la place passe à la suite" \
    wait_for c "votre place revient"
promoted() {
	[ "$(sqlite3 "$E2E_DB" "SELECT group_concat(m.login || ' ' ||
	    r.waiting, ',') FROM (SELECT * FROM event_registration
	    ORDER BY member_id) r JOIN member m ON m.id = r.member_id")" = \
	    "karim 0,lea 0" ]
}
check "Léa est inscrite dans la base" promoted
keys l q q
check "l'accueil de Léa : une place s'est libérée" \
    wait_for l "Une place s'est libérée : elle est à vous, « Journée"
open_entry l "Journées d'échanges"
check "la liste : Léa est inscrite" wait_for l "Saint-Denis — vous avez une place"
keys l Enter
check "la page : inscrite" wait_for l "Vous avez une place : d pour"
keys l x
check "x : le texte iCalendar" wait_for l "BEGIN:VCALENDAR"
check_screen l "SUMMARY:Journée « accès aux droits » à Saint-Denis" \
    "le titre dans l'iCalendar"
check_screen l "DTSTART:${YEAR}1014T073000Z" "le début en UTC"

# --- Amélie: the participants ----------------------------------------------------------

keys a P
check "P : les participants de l'organisatrice" wait_for a "Léa Fontaine (lea)"
check_screen a "Mission locale de Saint-Denis" "avec leur organisation"
ics() {
	palabre admin event ics 1 >"$E2E_DIR/j.ics" &&
	    [ "$(grep -c "$(printf '\r')\$" "$E2E_DIR/j.ics")" = \
	    "$(wc -l <"$E2E_DIR/j.ics")" ] &&
	    grep -q "^UID:journee-1-" "$E2E_DIR/j.ics"
}
check "admin event ics : lignes CRLF, UID" ics
check "admin event participants" sh -c "'$PALABRE_BIN' -c '$E2E_CONF' \
    admin event participants 1 | grep -F 'Léa Fontaine'"

# --- 40x12 and line mode -------------------------------------------------------------------

E2E_COLS=40 E2E_ROWS=12
check "40x12 : connexion" e2e_login s lea pleyel-93-2024
keys s Enter
wait_for s "Journées" || true
open_entry s "Journées d'échanges"
check "40x12 : la liste" wait_for s "vous avez une place — 14${E2E_NBSP}oct."
check "40x12 : la liste tient en 40 colonnes" fits_in s 40
keys s Enter
check "40x12 : la page" wait_for s "Journée"
check "40x12 : la page tient en 40 colonnes" fits_in s 40
keys s q
wait_for s "Journées d'échanges à" || true
keys s v
check "40x12 : « Mes inscriptions »" wait_for s "Mes inscriptions"
check "40x12 : la journée y est" wait_for s "vous avez une place"

E2E_COLS=80 E2E_ROWS=24
E2E_TERM=dumb
check "TERM=dumb : connexion" e2e_login d lea pleyel-93-2024
keys d Enter
wait_for d "Votre choix" || true
n=$(screen_all d | sed -n "s/^ *\([0-9]*\)\. Journées d'échanges.*/\1/p" |
    head -n 1)
type_text d "$n"
keys d Enter
check "TERM=dumb : les journées en menu numéroté" \
    wait_for d "1. $TITLE"
type_text d "1"
keys d Enter
check "TERM=dumb : la page de la journée" wait_for d "Vous avez une place"
# With -e, tmux writes the attributes it was sent as escape sequences:
# none may appear in line mode.
no_escape() {
	! tm capture-pane -p -e -t "=$1:" -S - | grep -q "$(printf '\033')"
}
check "TERM=dumb : aucune séquence d'échappement" no_escape d
e2e_finish
