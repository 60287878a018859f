#!/bin/sh
# Notices while connected (issue 16): Karim is typing a private message
# in the editor when Élodie writes to him; within 2 s his status line
# says so, without a key, and his text and cursor are as they were. His
# second session (40x12) gets it too, cut to fit, and so do his ASCII
# (LANG=C) and Latin-9 (luit) ones; his line-mode session prints it
# before its next prompt; Camille, connected too, sees nothing. Then,
# his 40x12 session in a question, a reply to his post (palabre admin
# post reply) that names Camille (her CP850 session shows the mention
# with its accents), a place freed in an exchange day he waits for
# (admin event unregister), and a message after kill -9 of the
# listener, whose sessions the next one adopts.
. "$(dirname "$0")/lib.sh"

e2e_setup
e2e_board_access
check "base de test créée" e2e_db || e2e_bail "base"
printf 'mot-de-passe-2024\n' | palabre admin user add elodie \
    --role membre --name "Élodie Nguyen" --org "CRI de Lille" \
    --password-stdin >/dev/null || e2e_bail "Élodie"
printf 'mot-de-passe-2024\n' | palabre admin user add amelie \
    --role organisateur --name "Amélie Roux" --org "DDETS du Rhône" \
    --password-stdin >/dev/null || e2e_bail "Amélie"
check "le serveur démarre" e2e_start || e2e_bail "serveur"
check "le forum « Accès aux droits » est en place" e2e_board_synced acces-droits

# shown_within WHAT COMMAND...: run COMMAND from t0 (set just before
# the action), wait up to 5 s for it; ms: how long it took.
shown_within() {
	local what=$1
	shift
	wait_until 5 "$@"
	ms=$((($(date +%s%N) - t0) / 1000000))
	echo "# $what visible en $ms ms"
}

# --- Who is connected -------------------------------------------------------

check "Karim se connecte" e2e_login k "$E2E_USER2" "$E2E_PASS2"
keys k Enter
E2E_COLS=40 E2E_ROWS=12
check "Karim se connecte aussi en 40x12" e2e_login s "$E2E_USER2" "$E2E_PASS2"
E2E_COLS=80 E2E_ROWS=24
keys s Enter
E2E_TERM=dumb
check "Karim se connecte aussi en mode ligne" \
    e2e_login d "$E2E_USER2" "$E2E_PASS2"
E2E_TERM=xterm-256color
keys d Enter
check_screen d "Votre choix" "le mode ligne attend un choix"
E2E_ENV="LANG=C"
check "Karim se connecte aussi en ASCII (LANG=C)" \
    e2e_login a "$E2E_USER2" "$E2E_PASS2"
unset E2E_ENV
keys a Enter
LATIN9=
if command -v luit >/dev/null 2>&1; then
	LATIN9=1
	E2E_ENV="LANG=fr_FR.ISO-8859-15@euro"
	E2E_WRAP="luit -encoding ISO-8859-15"
	check "Karim se connecte aussi en Latin-9 (luit)" \
	    e2e_login l "$E2E_USER2" "$E2E_PASS2"
	unset E2E_ENV E2E_WRAP
	keys l Enter
fi
check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
keys c Enter
check_screen c "› Accueil" "Camille est à l'accueil"
CP850=
if [ -n "$LATIN9" ]; then
	CP850=1
	E2E_ENV="LANG=fr_FR.CP850"
	E2E_WRAP="luit -encoding CP850"
	check "Camille se connecte aussi en CP850 (luit)" \
	    e2e_login c2 "$E2E_USER" "$E2E_PASS"
	unset E2E_ENV E2E_WRAP
	keys c2 Enter
fi
check "Élodie se connecte" e2e_login e elodie mot-de-passe-2024
keys e Enter
check_screen e "› Accueil" "Élodie est à l'accueil"
check "la session 40x12 de Karim est à l'accueil" wait_for s "Accueil"

# Karim writes to Camille: the editor, text typed, cursor after it.
open_entry k "Messagerie"
wait_for k "Aucune conversation" || true
keys k N
wait_for k "À (noms ou identifiants" || true
type_text k "demo"
keys k Enter
check "Karim écrit à Camille" wait_for k "Message privé à Camille Durand"
type_text k "Ordre du jour"
keys k Tab
type_text k "Premier point : la domiciliation"
wait_for k "la domiciliation" || true
cursor_k() { pane_fmt k '#{cursor_x},#{cursor_y}'; }
before=$(cursor_k)
echo "# curseur de Karim avant l'avis : $before"

# --- A private message ------------------------------------------------------

open_entry e "Messagerie"
wait_for e "Aucune conversation" || true
keys e N
wait_for e "À (noms ou identifiants" || true
type_text e "karim"
keys e Enter
check "Élodie écrit à Karim" wait_for e "Message privé à Karim Benali"
type_text e "Atelier de janvier"
keys e Tab
type_text e "Bonjour Karim, tu viens ?"
t0=$(date +%s%N)
keys e C-x
MSG="Élodie Nguyen vous a écrit"
both() { screen_has k "$MSG" && screen_has s "Élodie Nguyen vous a" ; }
shown_within "avis dans les deux sessions de Karim" both
check_screen e "Message envoyé" "le message d'Élodie est envoyé"
check "message privé : l'avis dans les deux sessions de Karim en moins de 2 s" \
    eval 'both && [ "$ms" -lt 2000 ]'
check "message privé : sur la ligne d'état (avant-dernière ligne)" \
    eval 'row k 22 | grep -qF "$MSG"'
check "message privé : le texte de Karim est intact" \
    eval 'screen_has k "Premier point : la domiciliation"'
check "message privé : le curseur est là où il était" \
    eval '[ "$(cursor_k)" = "$before" ]'
type_text k ", puis la CAF."
check_screen k "la domiciliation, puis la CAF." \
    "message privé : la frappe reprend à sa place"
fits() {
	r=$(row s 10)
	printf '%s\n' "$r" | grep -q "Élodie Nguyen vous a" &&
	    [ "$(printf '%s' "$r" | sed 's/ *$//' | wc -m)" -le 40 ]
}
check "message privé : en 40 colonnes, la ligne tient" fits
check "message privé : en ASCII, « Elodie Nguyen vous a ecrit »" \
    wait_for a "Elodie Nguyen vous a ecrit"
check "message privé : rien que de l'ASCII à l'écran" \
    eval '! screen a | LC_ALL=C grep -q "[^ -~]"'
if [ -n "$LATIN9" ]; then
	check "message privé : en Latin-9, les accents intacts" \
	    wait_for l "$MSG"
fi
check "message privé : Camille ne voit rien" \
    eval '! screen_has c "vous a écrit"'
check "message privé : Élodie ne voit rien" \
    eval '! screen_has e "vous a écrit"'
check "message privé : pas encore en mode ligne (avant l'invite)" \
    eval '! screen_has d "$MSG"'
keys d Enter
check_screen d "$MSG" "message privé : en mode ligne, une ligne avant l'invite"

# --- A reply to one of Karim's posts ----------------------------------------

# Karim's 40x12 session is answering a question meanwhile: the
# recipients of a new message, « cam » typed.
open_entry s "Messagerie"
check "40x12 : la messagerie s'ouvre" wait_for s "Atelier de janvier"
keys s N
check "40x12 : la question des destinataires" wait_for s "À (noms"
type_text s "cam"
check_screen s "cam" "40x12 : « cam » est tapé"
cursor_s() { pane_fmt s '#{cursor_x},#{cursor_y}'; }
before_s=$(cursor_s)

post=$(printf 'La CAF demande un justificatif de domicile.\n' |
    palabre admin post new --board acces-droits --author "$E2E_USER2" \
    --title "Domiciliation et CAF")
check "Karim a un fil (n° $post)" test -n "$post"
t0=$(date +%s%N)
printf "Voici comment nous faisons à Lille, @demo le sait.\n" |
    palabre admin post reply --to "$post" --author elodie >/dev/null
REPLY="Élodie Nguyen vous a répondu : Domiciliation et CAF"
shown_within "réponse" screen_has k "$REPLY"
check "réponse : l'avis sur la ligne d'état de Karim en moins de 2 s" \
    eval 'screen_has k "$REPLY" && [ "$ms" -lt 2000 ]'
check "réponse : en 40x12, pendant la question, sur la dernière ligne, coupée proprement" \
    eval 'row s 11 | grep -q "Élodie Nguyen vous a répondu : Dom.*…"'
check "réponse : la question et « cam » restent, le curseur aussi" \
    eval 'row s 10 | grep -q "cam" && [ "$(cursor_s)" = "$before_s" ]'
type_text s "ille"
check_screen s "camille" "réponse : la frappe reprend dans la question"
check "réponse : le texte de Karim est toujours intact" \
    eval 'screen_has k "la domiciliation, puis la CAF."'
check "réponse : Camille, nommée, lit « Mention par Élodie Nguyen : … »" \
    wait_for c "Mention par Élodie Nguyen : Domiciliation et CAF"
if [ -n "$CP850" ]; then
	check "réponse : en CP850 aussi, les accents intacts" \
	    wait_for c2 "Mention par Élodie Nguyen : Domiciliation et CAF"
fi
check "réponse : Camille n'a pas l'avis de Karim" \
    eval '! screen_has c "répondu"'

# --- A place freed in an exchange day ---------------------------------------

YEAR=$(($(date +%Y) + 1))
printf 'title: %s\ndate: 14/10/%s\nstart: 9:30\nend: 17:00\nplace: %s\ncapacity: 1\n[description]\n%s\n' \
    "Journée accès aux droits" "$YEAR" "Salle Léo-Lagrange, Saint-Denis" \
    "La présentation." | palabre admin event add --organiser amelie \
    >"$E2E_DIR/ev.out" 2>&1
ev=$(sqlite3 "$E2E_DB" "SELECT max(id) FROM event")
check "une journée d'une place (n° $ev)" test -n "$ev"
palabre admin event register "$ev" --member "$E2E_USER" >/dev/null
palabre admin event register "$ev" --member "$E2E_USER2" >"$E2E_DIR/reg.out"
check "Karim est en liste d'attente" grep -q "attente" "$E2E_DIR/reg.out"
t0=$(date +%s%N)
palabre admin event unregister "$ev" --member "$E2E_USER" >/dev/null
PLACE="Place obtenue : Journée accès aux droits"
shown_within "place libérée" screen_has k "$PLACE"
check "place libérée : l'avis sur la ligne d'état de Karim en moins de 2 s" \
    eval 'screen_has k "$PLACE" && [ "$ms" -lt 2000 ]'
check "place libérée : Camille, qui s'est désinscrite, ne voit rien" \
    eval '! screen_has c "Place obtenue"'
keys d Enter
check_screen d "$REPLY" "en mode ligne : la réponse, avant l'invite"
check_screen d "$PLACE" "en mode ligne : la place, avant l'invite"

# --- After kill -9 of the listener ----------------------------------------

# The sessions it leaves are adopted by the next one, which watches their
# members' notice files again.
old=$E2E_PID
kill -KILL "$old"
wait "$old" 2>/dev/null
E2E_PID=
check "le serveur redémarre après kill -9" e2e_start || e2e_bail "redémarrage"
printf 'Bonjour Karim.\n' | palabre admin message send --from "$E2E_USER" \
    --to "$E2E_USER2" --subject "Après le redémarrage" >/dev/null
check "après un redémarrage : l'avis arrive dans les sessions reprises" \
    wait_until 5 screen_has k "Camille Durand vous a écrit"

e2e_finish
