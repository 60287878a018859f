#!/bin/sh
# test_mail.sh - e-mail through a real MTA chain on loopback: Debian's
# msmtp as [mail] sendmail, delivering to a local SMTP server
# (smtp_sink.py, python3-aiosmtpd, on a free 127.0.0.1 port, stopped by
# its PID); the messages read back with Python's email package
# (mail_read.py).
#
# Camille asks in « Mon profil » for mail at her address; « admin digest
# send » mails her a code; she types it back; she asks for an e-mail per
# private message. Karim writes to four members: Camille and Élodie get
# one e-mail each (who wrote, never what, with the command that opens
# it), the one who did not ask gets none, the address the server refuses
# is reported (output and log) and not tried again. Camille's daily
# digest lists the new thread of the forum she follows and the subject
# of the private message (never its text), with the command that opens
# each; a member with nothing new gets none; the next day nothing is told
# twice. Then a run is killed
# (kill -9) while sendmail holds its third message: the next run sends
# the rest, and every member has exactly one message, none twice. Last,
# 600 members due at once: their digests, built by worker processes,
# one each.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
[ -x /usr/bin/msmtp ] || e2e_bail "msmtp installé (tools/deps.sh)"
$PY -c 'import aiosmtpd' 2>/dev/null ||
    e2e_bail "python3-aiosmtpd installé (tools/deps.sh)"

e2e_setup
M=$E2E_DIR/mail
mkdir -p "$M/out"
SINK_PORT=$(free_port) || e2e_bail "port libre pour le serveur SMTP"
$PY tests/e2e/smtp_sink.py "$SINK_PORT" "$M/out" 2>"$M/sink.log" &
SINK=$!
bg_track "$SINK"
check "le serveur SMTP d'essai écoute (127.0.0.1:$SINK_PORT)" \
    wait_until 20 port_in_use "$SINK_PORT"

cat >"$M/msmtprc" <<EOF
account default
host 127.0.0.1
port $SINK_PORT
from palabre@reseau-essai.fr
auth off
tls off
syslog off
EOF
chmod 600 "$M/msmtprc"
# The sendmail of the kill test: the third message it is given waits
# (its PID written down) until the run that gave it is killed.
cat >"$M/sendmail-lent" <<EOF
#!/bin/sh
n=\$(cat "$M/count" 2>/dev/null || echo 0)
n=\$((n + 1))
echo "\$n" >"$M/count"
if [ "\$n" -eq 3 ]; then
	echo \$\$ >"$M/waiting"
	exec sleep 60
fi
exec /usr/bin/msmtp -C "$M/msmtprc" "\$@"
EOF
chmod 755 "$M/sendmail-lent"
cat >>"$E2E_CONF" <<EOF

[mail]
sendmail = /usr/bin/msmtp -C $M/msmtprc -t -oi
from = Réseau d'essai Intégration <palabre@reseau-essai.fr>
host = palabre.reseau-essai.fr
EOF

e2e_db || e2e_bail "base créée"
for u in elodie:"Élodie Nguyen" refus:"Adresse Refusée" muet:"Membre Sans Courriel"; do
	echo "mot-de-passe-${u%%:*}" | palabre admin user add "${u%%:*}" \
	    --name "${u#*:}" --password-stdin >/dev/null ||
	    e2e_bail "membre ${u%%:*}"
done
# Their addresses, confirmed as the profile would (Camille's goes through
# the screens below): Élodie and « refus » want an e-mail per message,
# « muet » has an address but did not ask.
sqlite3 "$E2E_DB" "INSERT INTO mail_pref (member_id, address, per_message,
    updated_at) SELECT id, login || '@exemple-essai.fr',
    login <> 'muet', 1 FROM member WHERE login IN ('elodie', 'refus', 'muet')" ||
    e2e_bail "adresses confirmées"
e2e_board_access
echo "mot-de-passe-calme" | palabre admin user add calme \
    --name "Membre Sans Nouvelles" --password-stdin >/dev/null ||
    e2e_bail "membre calme"
# « calme » asked for a daily digest two days ago and follows nothing.
sqlite3 "$E2E_DB" "INSERT INTO mail_pref (member_id, address, digest,
    digest_at, updated_at) SELECT id, 'calme@exemple-essai.fr', 'quotidien',
    strftime('%s', 'now') - 2 * 86400, 1 FROM member WHERE login = 'calme'" ||
    e2e_bail "résumé de calme"
e2e_start || e2e_bail "serveur démarré"
# The server made the board.
palabre admin veille add "$E2E_USER" forum acces-droits >/dev/null ||
    e2e_bail "Camille suit le forum"
# Admin commands run as the database's owner (nobody under root): the
# MTA's files are theirs.
[ "$(id -u)" -ne 0 ] || chown -R "$(stat -c %u:%g "$E2E_DB")" "$M"

mails() { ls "$M/out" 2>/dev/null | grep -c '\.eml$'; }
read_mails() { $PY tests/e2e/mail_read.py "$M/out"; }
# The decoded message to ADDRESS (its .txt path; the last one).
mail_to() { grep -l "^To: .*<$1>" "$M"/out/*.txt 2>/dev/null | tail -n 1; }
count_to() { grep -l "^To: .*<$1>" "$M"/out/*.txt 2>/dev/null | wc -l; }

# --- Camille confirms her address -----------------------------------------
e2e_login c "$E2E_USER" "$E2E_PASS" || e2e_bail "connexion"
keys c Enter
wait_for c "Mon profil" || true
check "« Mon profil » s'ouvre" open_entry c "Mon profil"
check "la ligne « Courriels » : aucune adresse" \
    wait_for c "Courriels : aucune adresse confirmée"
check "« Courriels » s'ouvre" open_entry c "Courriels"
check "l'adresse est demandée" wait_for c "Adresse où recevoir"
keys c C-u
type_text c "camille.durand@ccas-villeurbanne.fr"
keys c Enter
check "un code part vers l'adresse" wait_for c "Un code part vers"
check "la ligne dit le code envoyé" \
    wait_for c "code envoyé à camille.durand@ccas-villeurbanne.fr"

out=$(palabre admin digest send 2>&1)
check "le code est envoyé (« $out »)" sh -c \
    'printf "%s" "$1" | grep -q "1 code, 0 message, 0 résumé préparé ; 1 envoyé"' \
    _ "$out"
read_mails
f=$(mail_to camille.durand@ccas-villeurbanne.fr)
check "le SMTP a reçu le code" test -n "$f"
check "objet en français décodé (RFC 2047)" \
    grep -qx "Subject: Votre code de confirmation pour Réseau d'essai Intégration" "$f"
check "expéditeur décodé" \
    grep -qx "From: Réseau d'essai Intégration <palabre@reseau-essai.fr>" "$f"
code=$(sed -n 's/^    \([0-9]\{4\}\) \([0-9]\{4\}\)$/\1\2/p' "$f")
check "le code : 8 chiffres" sh -c 'printf "%s" "$1" | grep -qx "[0-9]\{8\}"' \
    _ "$code"

keys c Enter
check "le code est demandé" wait_for c "Code reçu par courriel"
type_text c "$code"
keys c Enter
check "adresse confirmée" wait_for c "Adresse confirmée"
check "la ligne « Courriels » la montre confirmée" \
    wait_for c "camille.durand@ccas-villeurbanne.fr (confirmée)"
keys c Down
keys c Down
keys c Enter
check "un courriel par message privé : oui" \
    wait_for c "Un courriel à chaque message privé : oui"

keys c Up
keys c Enter
check "résumé par courriel : chaque jour" \
    wait_for c "Résumé par courriel : chaque jour"

# --- Karim writes to four members -----------------------------------------
echo "Texte confidentiel : la réunion est déplacée." |
    palabre admin message send --from "$E2E_USER2" \
    --to "$E2E_USER elodie refus muet" --subject "Réunion de janvier" \
    >/dev/null || e2e_bail "message de Karim"
before=$(mails)
out=$(palabre admin digest send 2>&1)
check "3 courriels préparés, 2 envoyés, 1 refusé (« $out »)" sh -c \
    'printf "%s" "$1" | grep -q "0 code, 3 messages, 0 résumé préparés ; 2 envoyés, 1 refusé"' \
    _ "$out"
check "l'adresse refusée est dite" sh -c \
    'printf "%s" "$1" | grep -q "^Adresse refusée : refus <refus@exemple-essai.fr> : .*550"' \
    _ "$out"
# The log: the server's file when the command may write it, else stderr
# (the journal, under palabre-mail.service).
check "et écrite au journal" sh -c 'grep -q "adresse refusée : refus" "$1" ||
    printf "%s" "$2" | grep -q "digest_submit: adresse refusée : refus"' \
    _ "$E2E_LOG" "$out"
read_mails
check "deux messages de plus au SMTP" test "$(mails)" -eq $((before + 2))
f=$(mail_to camille.durand@ccas-villeurbanne.fr)
check "Camille : un courriel pour le message" \
    grep -qx "Subject: Karim Benali vous a écrit sur Réseau d'essai Intégration" "$f"
check "Élodie aussi, une fois" test "$(count_to elodie@exemple-essai.fr)" -eq 1
check "rien pour qui n'a rien demandé" \
    test "$(count_to muet@exemple-essai.fr)" -eq 0
check "jamais le texte du message" sh -c '! grep -q "confidentiel" "$@"' \
    _ "$M"/out/*.txt
check "la commande pour le lire" \
    grep -q "ssh -p $E2E_PORT $E2E_USER@palabre.reseau-essai.fr lire c[0-9]" "$f"
check "Date, Message-ID" sh -c 'grep -q "^Date: " "$1" &&
    grep -q "^Message-ID: <.*@reseau-essai.fr>" "$1"' _ "$f"
check "List-Unsubscribe et le pied qui dit comment arrêter" sh -c '
    grep -q "^List-Unsubscribe: <mailto:palabre@reseau-essai.fr?subject=" "$1" &&
    grep -q "Pour ne plus le recevoir" "$1"' _ "$f"
check "texte UTF-8 en quoted-printable" sh -c '
    grep -qx "Content-Type: text/plain; charset=\"\\?utf-8\"\\?" "$1" &&
    grep -qx "Content-Transfer-Encoding: quoted-printable" "$1"' _ "$f"
check "aucune ligne de plus de 78 caractères" sh -c '
    for f; do
	grep -q "^Raw-Max-Line: \([0-9]\|[1-6][0-9]\|7[0-8]\)$" "$f" &&
	grep -q "^Body-Max-Width: \([0-9]\|[1-6][0-9]\|7[0-8]\)$" "$f" ||
	    exit 1
    done' _ "$M"/out/*.txt

before=$(mails)
out=$(palabre admin digest send 2>&1)
check "un second passage n'envoie rien (« $out »)" sh -c \
    'printf "%s" "$1" | grep -q "0 code, 0 message, 0 résumé préparé ; 0 envoyé, 0 refusé"' \
    _ "$out"
check "l'adresse refusée n'est pas réessayée" test "$(mails)" -eq "$before"

# --- Digests -----------------------------------------------------------------
# Camille follows « Accès aux droits », where Karim opens a thread; her
# daily digest is made due (as if she had asked two days ago).
post=$(echo "Texte du fil, qui reste sur Palabre." |
    palabre admin post new --board acces-droits --author "$E2E_USER2" \
    --title "Domiciliation : les pratiques des CCAS d'Île-de-France") ||
    e2e_bail "fil de Karim"
due() {
	sqlite3 "$E2E_DB" "UPDATE mail_pref SET digest_at = digest_at -
	    2 * 86400 WHERE member_id = (SELECT id FROM member WHERE
	    login = '$1')"
}
due "$E2E_USER"
before=$(mails)
out=$(palabre admin digest send 2>&1)
check "un résumé préparé et envoyé (« $out »)" sh -c \
    'printf "%s" "$1" | grep -q "0 code, 0 message, 1 résumé préparé ; 1 envoyé"' \
    _ "$out"
read_mails
check "un seul message de plus au SMTP" test "$(mails)" -eq $((before + 1))
f=$(mail_to camille.durand@ccas-villeurbanne.fr)
check "objet du résumé décodé" \
    grep -qx "Subject: Réseau d'essai Intégration : [0-9]* nouveautés\? pour vous" "$f"
check "le fil, où, qui" sh -c '
    grep -q "Domiciliation : les pratiques des CCAS" "$1" &&
    grep -q "Accès aux droits, par Karim Benali, le " "$1"' _ "$f"
check "la commande qui l'ouvre (lire m$post)" \
    grep -q "ssh -p $E2E_PORT $E2E_USER@palabre.reseau-essai.fr lire m$post$" "$f"
check "le message privé par son objet, jamais son texte" sh -c '
    grep -q "Réunion de janvier" "$1" && ! grep -q "confidentiel" "$1" &&
    ! grep -q "Texte du fil" "$1"' _ "$f"
check "Precedence: bulk, List-Unsubscribe" sh -c '
    grep -qx "Precedence: bulk" "$1" && grep -q "^List-Unsubscribe: " "$1"' \
    _ "$f"
check "rien pour qui n'a rien de nouveau" \
    test "$(count_to calme@exemple-essai.fr)" -eq 0
check "aucune ligne de plus de 78 caractères" sh -c '
    grep -q "^Raw-Max-Line: \([0-9]\|[1-6][0-9]\|7[0-8]\)$" "$1" &&
    grep -q "^Body-Max-Width: \([0-9]\|[1-6][0-9]\|7[0-8]\)$" "$1"' _ "$f"
# A day later with nothing new: what was told is not told again.
due "$E2E_USER"
before=$(mails)
out=$(palabre admin digest send 2>&1)
check "le lendemain sans nouveauté : pas de résumé (« $out »)" sh -c \
    'printf "%s" "$1" | grep -q "0 résumé préparé ; 0 envoyé"' _ "$out"
check "rien de plus au SMTP" test "$(mails)" -eq "$before"

# --- kill -9 in the middle of a run -----------------------------------------
list=
for i in 1 2 3 4 5 6; do
	echo "mot-de-passe-$i" | palabre admin user add "abonne$i" \
	    --name "Abonnée n° $i" --password-stdin >/dev/null ||
	    e2e_bail "abonne$i"
	list="$list abonne$i"
done
sqlite3 "$E2E_DB" "INSERT INTO mail_pref (member_id, address, per_message,
    message_upto, updated_at) SELECT id, login || '@exemple-essai.fr', 1,
    (SELECT MAX(id) FROM message), 1 FROM member WHERE login LIKE 'abonne%'" ||
    e2e_bail "abonnés"
echo "Bonjour à toutes." | palabre admin message send --from "$E2E_USER2" \
    --to "${list# }" --subject "Lettre" >/dev/null || e2e_bail "lettre"
sed -i "s|^sendmail = .*|sendmail = $M/sendmail-lent -t -oi|" "$E2E_CONF"
before=$(mails)
# The binary itself in the background (not the palabre() function, whose
# subshell is what $! would name).
"$PALABRE_BIN" -c "$E2E_CONF" admin digest send >"$M/run1" 2>&1 &
RUN=$!
bg_track "$RUN"
check "le troisième courriel attend chez sendmail" \
    wait_until 30 test -s "$M/waiting"
kill -KILL "$RUN"
wait "$RUN" 2>/dev/null
held=$(cat "$M/waiting")
check "sendmail meurt avec l'envoi tué (rien à moitié remis)" \
    wait_until 10 sh -c '! kill -0 "$1" 2>/dev/null' _ "$held"
check "deux courriels partis avant le kill" test "$(mails)" -eq $((before + 2))
out=$(palabre admin digest send 2>&1)
check "le passage suivant envoie le reste (« $out »)" sh -c \
    'printf "%s" "$1" | grep -q "0 code, 0 message, 0 résumé préparé ; 4 envoyés"' \
    _ "$out"
read_mails
check "six abonnées, un courriel chacune, aucun en double" sh -c '
    for i in 1 2 3 4 5 6; do
	n=$(grep -l "^To: .*<abonne$i@exemple-essai.fr>" "$1"/*.txt | wc -l)
	[ "$n" -eq 1 ] || exit 1
    done' _ "$M/out"

# --- Many members due: the digests shared between worker processes --------
# 600 members (past DIGEST_FORK_MIN, 500), each following the forum with
# Karim's thread, their daily digest due; sendmail writes to /dev/null.
sqlite3 "$E2E_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
    FROM n WHERE i < 600) INSERT INTO member (login, display_name, name_fold,
    created_at, updated_at) SELECT 'lecteur' || i, 'Lecteur ' || i,
    'lecteur ' || i, 1, 1 FROM n;
    INSERT INTO mail_pref (member_id, address, digest, digest_at, updated_at)
    SELECT id, login || '@exemple-essai.fr', 'quotidien',
    strftime('%s', 'now') - 2 * 86400, 1 FROM member
    WHERE login LIKE 'lecteur%';
    INSERT INTO follow (member_id, kind, target_id, created_at)
    SELECT m.id, 'forum', b.id, 1 FROM member m, board b
    WHERE m.login LIKE 'lecteur%' AND b.key = 'acces-droits'" ||
    e2e_bail "600 lecteurs"
sed -i "s|^sendmail = .*|sendmail = /bin/dd of=/dev/null status=none|" \
    "$E2E_CONF"
out=$(palabre admin digest send 2>&1)
check "600 résumés préparés et envoyés (« $out »)" sh -c \
    'printf "%s" "$1" | grep -q "600 résumés préparés ; 600 envoyés"' \
    _ "$out"
check "un résumé par lecteur, aucun en double" test "$(sqlite3 "$E2E_DB" \
    "SELECT COUNT(DISTINCT o.member_id) || ' ' || COUNT(*) FROM mail_outbox o
    JOIN member m ON m.id = o.member_id WHERE o.kind = 'digest'
    AND m.login LIKE 'lecteur%' AND o.sent_at IS NOT NULL")" = "600 600"

e2e_finish
