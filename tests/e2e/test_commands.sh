#!/bin/sh
# Commands without the menus (issue 17): « ssh -p PORT demo@127.0.0.1
# lire m1 » with the real OpenSSH client, a key added by « palabre admin
# user add-key », on the demo database (tools/demo-db.sh):
# - every command, with accents in its arguments and its output; columns
#   and --json; the .ics of a day; the complete export;
# - exit codes: 0 done, 1 not found or refused, 2 malformed;
# - a script opens a thread with « poster » and replies with « repondre »
#   (body on stdin), and Karim reads the reply in the interface (tmux);
#   an empty body is refused as the editor refuses it; a body with a NUL
#   (U+FFFD, the rest kept: it once stopped there and lost its @mention)
#   and escape sequences (gone), and one of 1 MiB (refused, in French);
# - « nouveau » and « invite » run « aide » only;
# - with LANG=fr_FR.ISO-8859-15 the output comes in Latin-9 and an
#   argument typed in Latin-9 is understood;
# - « ssh host » alone still opens the interface.
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[signup]
enabled = yes
guest = yes"
e2e_setup
check "base de démonstration (tools/demo-db.sh)" e2e_demo_db ||
    e2e_bail "base de démonstration"
ssh-keygen -q -t ed25519 -N '' -C "camille@essai" -f "$E2E_DIR/key"
check "admin user add-key lie une clé à demo" \
    palabre admin user add-key demo "$E2E_DIR/key.pub"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# run [LOGIN] COMMAND...: ssh without a pty; stdout in $E2E_DIR/out,
# stderr in $E2E_DIR/err, the exit code in RC. The key's options come
# before E2E_SSH_OPTS (the first value of an option wins).
RC=0
run_as() {
	local who="$1"
	shift
	ssh ${SSH_EXTRA:-} -i "$E2E_DIR/key" -o IdentitiesOnly=yes \
	    -o PubkeyAuthentication=yes -o BatchMode=yes $E2E_SSH_OPTS \
	    -p "$E2E_PORT" "$who@127.0.0.1" "$@" \
	    >"$E2E_DIR/out" 2>"$E2E_DIR/err" </dev/null
	RC=$?
}
run() {
	run_as demo "$@"
}
# with_stdin FILE COMMAND...: the same, FILE on stdin.
with_stdin() {
	local f="$1"
	shift
	ssh -i "$E2E_DIR/key" -o IdentitiesOnly=yes \
	    -o PubkeyAuthentication=yes -o BatchMode=yes $E2E_SSH_OPTS \
	    -p "$E2E_PORT" "demo@127.0.0.1" "$@" \
	    >"$E2E_DIR/out" 2>"$E2E_DIR/err" <"$f"
	RC=$?
}
out_has() {
	grep -qF -- "$1" "$E2E_DIR/out"
}
err_has() {
	grep -qF -- "$1" "$E2E_DIR/err"
}
rc_is() {
	[ "$RC" -eq "$1" ]
}
report() {
	printf '  rc=%s\n  stdout:\n' "$RC"
	sed -n '1,15s/^/    /p' "$E2E_DIR/out"
	printf '  stderr:\n'
	sed 's/^/    /' "$E2E_DIR/err"
}
# expect DESC TEST...: a check that shows the command's output on failure.
expect() {
	local desc="$1"
	shift
	if "$@"; then
		e2e_ok "$desc"
	else
		e2e_not_ok "$desc"
		report
	fi
}

# --- aide -----------------------------------------------------------------

run aide
expect "aide : code 0" rc_is 0
expect "aide : la table des commandes (journée, répondre)" \
    out_has "une journée ; --ics : le fichier d'agenda"
expect "aide : l'alias de quoi-de-neuf" out_has "(ou nouveautes)"
# Aligned: the help of « lire » and « export » starts in the same column.
col_of() {
	grep "^$1 " "$E2E_DIR/out" | awk -v w="$2" '{ print index($0, w) }'
}
aligned() {
	[ "$(col_of lire "un message")" = "$(col_of export "toutes vos")" ] &&
	    [ "$(col_of lire "un message")" -gt 10 ]
}
expect "aide : colonnes alignées" aligned

# With a pty asked for (ssh -tt), the client's terminal is raw: every
# line ends in CR LF.
SSH_EXTRA=-tt run aide
SSH_EXTRA=
expect "ssh -tt aide : des lignes terminées par CR LF" \
    sh -c "[ \$(grep -c \"\$(printf '\\r')\$\" '$E2E_DIR/out') -gt 10 ]"
run aide
expect "ssh sans -t : des lignes sans CR" \
    sh -c "! grep -q \"\$(printf '\\r')\" '$E2E_DIR/out'"

# --- lire, fil ------------------------------------------------------------

run lire m1
expect "lire m1 : code 0" rc_is 0
expect "lire m1 : le titre du fil, accentué" \
    out_has "Domiciliation : comment organisez-vous l'accueil ?"
expect "lire m1 : l'auteur et son organisation" \
    out_has "Camille Durand (CCAS de Villeurbanne)"
expect "lire m1 : le texte entier" \
    out_has "temps au guichet."
expect "lire m1 : aucun octet de contrôle (pas de terminal)" \
    sh -c "! grep -q \"\$(printf '\\033')\" '$E2E_DIR/out'"
run lire d1
expect "lire d1 : un document" out_has "Le contrat d'intégration républicaine"
run lire p1
expect "lire p1 : une pratique du catalogue" rc_is 0
expect "lire p1 : ses champs nommés" out_has "Département : "
run lire j1
expect "lire j1 : une journée, son lieu" out_has "Journée régionale « Accès aux droits"
run lire c1
expect "lire c1 : une conversation privée de Camille" \
    out_has "Vos casiers de domiciliation"
run fil m1
expect "fil m1 : le fil entier, avec ses réponses" \
    sh -c "rc=\$(grep -c '^m[0-9]* · ' '$E2E_DIR/out'); [ \"\$rc\" -ge 2 ]"
expect "fil m1 : le titre et le nombre de messages" \
    out_has "Domiciliation : comment organisez-vous l'accueil ? ("
for id in m1 d1 p1 j1 c1; do
	run lire "$id" --json
	expect "lire $id --json : code 0, un objet JSON valide, son id" \
	    python3 -c "import json; d=json.load(open('$E2E_DIR/out'));
assert d.get('id', d.get('message', {}).get('id')) == '$id', d"
done
run lire m1 --json
expect "lire m1 --json : le fil, l'auteur et le texte, accents compris" \
    python3 -c "import json; d=json.load(open('$E2E_DIR/out'));
assert d['fil'] == \"Domiciliation : comment organisez-vous l'accueil ?\";
assert d['message']['auteur'] == 'Camille Durand';
assert 'temps au guichet.' in d['message']['texte']"
run lire d1 --json
expect "lire d1 --json : le titre accentué et le texte" \
    python3 -c "import json; d=json.load(open('$E2E_DIR/out'));
assert 'intégration républicaine' in d['titre'], d['titre'];
assert d['texte']"
run fil m1 --json
expect "fil m1 --json : tous les messages, dans l'ordre du fil" \
    python3 -c "import json; d=json.load(open('$E2E_DIR/out'));
assert d['titre'].startswith('Domiciliation');
assert len(d['messages']) >= 2 and d['messages'][0]['id'] == 'm1';
assert d['messages'][1]['en_reponse_a']"

# --- chercher -------------------------------------------------------------

run chercher intégration --bibliotheque
expect "chercher « intégration » --bibliotheque : code 0" rc_is 0
expect "chercher : un document trouvé, en colonnes" \
    out_has "Bibliothèque  Le contrat d'intégration républicaine"
expect "chercher --bibliotheque : rien des forums" \
    sh -c "! grep -q '^m' '$E2E_DIR/out'"
run chercher domiciliation --forums --json
expect "chercher --forums --json : du JSON valide, des messages" \
    python3 -c "import json,sys; l=json.load(open('$E2E_DIR/out'));
assert l and all(h['id'].startswith('m') for h in l)"
run chercher "zzqxw introuvable"
expect "chercher sans résultat : code 1" rc_is 1
expect "chercher sans résultat : dit en français sur stderr" \
    err_has "rien trouvé pour « zzqxw introuvable »"

# --- quoi-de-neuf, messages, journées --------------------------------------

run quoi-de-neuf --depuis 2000-01-01 --tout
expect "quoi-de-neuf --depuis --tout : des fils, des documents, des journées" \
    sh -c "grep -q '^m' '$E2E_DIR/out' && grep -q '^d' '$E2E_DIR/out' &&
    grep -q '^j' '$E2E_DIR/out'"
expect "quoi-de-neuf : les pratiques publiées aussi" \
    sh -c "grep -q '^p' '$E2E_DIR/out'"
run quoi-de-neuf --depuis 2000-01-01 --tout --json
expect "quoi-de-neuf --json : le plus récent d'abord" \
    python3 -c "import json; l=json.load(open('$E2E_DIR/out'));
d=[x['date'] for x in l]; assert len(d) > 5 and d == sorted(d, reverse=True)"
run nouveautes --depuis 01/02/2099
expect "nouveautes (alias) depuis une date future : rien de nouveau" \
    out_has "Rien de nouveau."
run quoi-de-neuf --depuis hier
expect "quoi-de-neuf --depuis mal formé : code 2" rc_is 2
run messages --json
expect "messages --json : les conversations de Camille" \
    python3 -c "import json; l=json.load(open('$E2E_DIR/out'));
assert any(c['avec'] == 'François Œhmichen' for c in l)"
run journees
expect "journees : en colonnes, à venir" out_has "Lyon"
run journee j1 --ics
expect "journee j1 --ics : un fichier d'agenda" out_has "BEGIN:VCALENDAR"
expect "journee j1 --ics : l'événement" out_has "BEGIN:VEVENT"

# --- export ---------------------------------------------------------------

run export --json
expect "export --json : code 0" rc_is 0
expect "export --json : du JSON valide, le compte de Camille" \
    python3 -c "import json; d=json.load(open('$E2E_DIR/out'));
assert 'Camille Durand' in json.dumps(d, ensure_ascii=False)"
run export
expect "export : en texte, jamais coupé (lignes de plus de 80 colonnes)" \
    sh -c "[ \$(wc -L <'$E2E_DIR/out') -gt 80 ]"

# --- poster, repondre -----------------------------------------------------

TITLE="Été 2027 : l'accueil « hors les murs »"
printf 'Premier message, écrit par un script.\n' >"$E2E_DIR/body1"
with_stdin "$E2E_DIR/body1" poster bienvenue "\"$TITLE\""
expect "poster : code 0" rc_is 0
expect "poster : le numéro du message" \
    sh -c "grep -qx 'm[0-9]*' '$E2E_DIR/out'"
OPEN=$(cat "$E2E_DIR/out")
printf 'Réponse envoyée par « repondre » : ça marche, même en œuvre.\n' \
    >"$E2E_DIR/body2"
with_stdin "$E2E_DIR/body2" repondre "$OPEN"
expect "repondre : code 0" rc_is 0
REPLY=$(cat "$E2E_DIR/out")
run lire "$REPLY"
expect "la réponse se relit avec lire" out_has "même en œuvre."
expect "la réponse répond au message ouvert" out_has "En réponse à $OPEN"
: >"$E2E_DIR/empty"
with_stdin "$E2E_DIR/empty" repondre "$OPEN"
expect "repondre sans texte : code 1" rc_is 1
expect "repondre sans texte : refusé comme dans l'éditeur" \
    err_has "texte vide : rien n'a été envoyé"
with_stdin "$E2E_DIR/body1" poster nulle-part "Titre"
expect "poster dans un forum inconnu : code 1" rc_is 1
expect "poster dans un forum inconnu : dit en français" \
    err_has "aucun forum « nulle-part »"

# Karim reads the reply in the interface: Forums, the first board
# (bienvenue), the newest thread.
check "Karim se connecte" e2e_login k karim bienvenue
keys k Enter
wait_for k "Forums" || true
keys k 2
wait_for k "Présentations et bienvenue" || true
keys k Enter
check "le nouveau fil est dans la liste" wait_for k "hors les murs"
open_thread() {
	local i=0
	while [ "$i" -lt 8 ]; do
		if screen k | grep "hors les murs" | grep -q '^›'; then
			break
		fi
		keys k Down
		i=$((i + 1))
	done
	keys k Enter
	wait_for k "Premier message, écrit par un script."
}
check "Karim ouvre le fil" open_thread
# Espace at the end of the opening post goes back to the thread's tree,
# where the reply is; Bas, Entrée opens it.
read_reply() {
	keys k Space
	wait_for k "└─>Camille Durand : Réponse envoyée par « repondre »" ||
	    return 1
	keys k Down Enter
	wait_for k "même en œuvre."
}
check "Karim lit la réponse du script dans l'interface" read_reply
tm kill-session -t "=k:" 2>/dev/null

# A long output is read to its end after the command exits, however
# slowly the client reads: 40 replies of 60 000 bytes make « fil » print
# 2.4 MB, more than OpenSSH's channel window (2 MiB) and the session's
# queue, to a reader that waits 3 s before reading.
big_replies() {
	local i=1
	while [ "$i" -le 40 ]; do
		python3 -c "import sys; sys.stdout.write(('Réponse longue $i, ' +
'é' * 29980 + '\n') + 'FIN-$i\n')" >"$E2E_DIR/big"
		with_stdin "$E2E_DIR/big" repondre "$OPEN" || true
		[ "$RC" -eq 0 ] || return 1
		i=$((i + 1))
	done
}
check "quarante longues réponses envoyées" big_replies
slow_fil() {
	ssh -i "$E2E_DIR/key" -o IdentitiesOnly=yes \
	    -o PubkeyAuthentication=yes -o BatchMode=yes $E2E_SSH_OPTS \
	    -p "$E2E_PORT" "demo@127.0.0.1" fil "$OPEN" </dev/null |
	    { sleep 3; cat >"$E2E_DIR/out"; }
}
slow_fil
expect "fil lu lentement : 2,4 Mo reçus jusqu'au bout" \
    sh -c "[ \$(wc -c <'$E2E_DIR/out') -gt 2400000 ] &&
    grep -qx 'FIN-40' '$E2E_DIR/out'"

# A hostile body: a NUL, an escape sequence, a mention; then 1 MiB.
printf 'Avant\000après \033[2J\033]0;titre\007 pour @karim.\n' \
    >"$E2E_DIR/body3"
with_stdin "$E2E_DIR/body3" repondre "$OPEN"
expect "repondre, un NUL et des échappements : code 0" rc_is 0
HOSTILE=$(cat "$E2E_DIR/out")
run lire "$HOSTILE"
expect "le NUL devient U+FFFD, rien après lui n'est perdu" \
    out_has "Avant�après"
expect "aucun octet d'échappement ne ressort" \
    sh -c '! grep -q "$(printf "\033")" "$1"' _ "$E2E_DIR/out"
expect "la mention de @karim est notée" \
    sh -c 'test "$(sqlite3 "$1" "SELECT COUNT(*) FROM mention m JOIN member u
    ON u.id = m.member_id WHERE u.login = '"'karim'"' AND m.kind = '"'mention'"'")" -ge 1' \
    _ "$E2E_DIR/palabre.db"
head -c 1048576 /dev/zero | tr '\0' 'a' >"$E2E_DIR/body4"
with_stdin "$E2E_DIR/body4" repondre "$OPEN"
expect "repondre, 1 Mio : refusé (code 1)" rc_is 1
expect "repondre, 1 Mio : la raison, en français" err_has "trop long"

# --- Exit codes -----------------------------------------------------------

run lire m999999
expect "lire d'un message inexistant : code 1" rc_is 1
expect "lire d'un message inexistant : dit en français" \
    err_has "aucun message m999999 que vous puissiez lire"
run lire
expect "lire sans argument : code 2 et l'usage" \
    sh -c "[ $RC -eq 2 ] && grep -q 'usage : lire ID' '$E2E_DIR/err'"
run danser
expect "commande inconnue : code 2" rc_is 2
expect "commande inconnue : renvoie à aide" \
    err_has "commande inconnue : « danser » ; « aide » donne la liste"
run lire "'m1"
expect "guillemet non refermé : code 2" rc_is 2

# --- nouveau, invite ------------------------------------------------------

for who in invite nouveau; do
	run_as "$who" aide
	expect "$who : aide, code 0" rc_is 0
	expect "$who : aide ne liste que aide" \
	    sh -c "out='$E2E_DIR/out'; grep -q '^aide' \$out &&
	    ! grep -q '^lire' \$out"
	run_as "$who" lire m1
	expect "$who : lire refusé, code 1" rc_is 1
	expect "$who : lire refusé en français" \
	    err_has "« lire » demande un compte de membre"
done

# --- The client's charset -------------------------------------------------

latin9() {
	LANG=fr_FR.ISO-8859-15 run "$@"
}
latin9 lire m1
expect "LANG Latin-9 : la sortie est réencodée (à = 0xE0)" \
    grep -q "$(printf 'Bonjour \340 toutes')" "$E2E_DIR/out"
expect "LANG Latin-9 : plus aucun UTF-8" \
    sh -c "! grep -q \"\$(printf '\\303')\" '$E2E_DIR/out'"
latin9 chercher "$(printf 'int\351gration')" --bibliotheque
expect "LANG Latin-9 : un argument en Latin-9 est compris" \
    sh -c "iconv -f ISO-8859-15 -t UTF-8 '$E2E_DIR/out' |
    grep -qF \"Le contrat d'intégration républicaine\""

# --- ssh host alone -------------------------------------------------------

check "sans commande, l'interface s'ouvre toujours" \
    e2e_login i karim bienvenue
tm kill-session -t "=i:" 2>/dev/null

e2e_finish
