#!/bin/sh
# The library's files over SFTP on the same port (issue 17): the original
# of an imported document, byte for byte, with OpenSSH's sftp and scp
# (SFTP since OpenSSH 9), PuTTY's psftp and pscp, and paramiko:
# - « palabre admin doc import » keeps the PDF; Camille lists
#   /bibliotheque/, fetches it, and the bytes match the imported file;
# - names: accents kept, Windows-reserved characters, quotes, brackets,
#   control characters, a very long title and a title « CON » cleaned,
#   each unique (d<id>);
# - refused, each with an SFTP status and its French sentence: writing,
#   removing, renaming, making a folder; paths that leave the tree
#   (« .. », absolute system paths) find nothing; a name that is not the
#   document's; « nouveau » and « invite » get no files at all;
# - the reader's screen shows the exact scp command, and it works;
# - /depot/: a documentaliste drops a PDF (sftp put), it waits in « À
#   classer »; she gives it a record in the interface (tmux), it is
#   published, and another member finds it by a word of its text
#   (extracted by pdftotext); refused, in French: a member's drop, a
#   binary named .pdf (type by content), a file over depot_max, names
#   Windows forbids or reserves, a control character, a path out of
#   /depot/, a name already waiting;
# - backup and restore carry the original files.
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[signup]
enabled = yes
guest = yes
[limits]
depot_max = 1
; Some 90 connections, on a machine other tests may load.
kex_grace_time = 30"
e2e_setup
check "base de test créée" e2e_db || e2e_bail "base"
PY=/usr/bin/python3
DOCS=$E2E_DIR/docs
mkdir -p "$DOCS"
$PY tests/e2e/mkpdf.py "$DOCS/accueil.pdf" \
    "Circulaire sur l'accueil des primo-arrivants" "" \
    "Le préfet désigne un référent départemental."
check "la circulaire (PDF) est importée" \
    palabre admin doc import "$DOCS/accueil.pdf" --kind circulaire \
    --date 2024-03-12 \
    --title "Accueil des primo-arrivants : l'essentiel [2024]"
printf -- '---\ntitre: CON\nnature: note\n---\nUne note au titre réservé.\n' \
    >"$DOCS/con.md"
long=$(printf 'Très long titre %.0s' $(seq 1 30))
printf -- '---\ntitre: %s\nnature: note\ndate: 2023-01-05\n---\nTexte.\n' \
    "$long" >"$DOCS/long.md"
printf -- '---\ntitre: "../../etc/passwd" <a|b> *?\\x\nnature: rapport\n---\nTexte.\n' \
    >"$DOCS/hostile.md"
check "trois fichiers aux titres hostiles sont importés" \
    palabre admin doc import "$DOCS/con.md" "$DOCS/long.md" \
    "$DOCS/hostile.md"
FILES=$E2E_DIR/fichiers
SHA=$(sha256sum "$DOCS/accueil.pdf" | cut -d' ' -f1)
check "l'original est gardé sous son empreinte SHA-256" \
    cmp "$DOCS/accueil.pdf" "$FILES/$SHA"
ssh-keygen -q -t ed25519 -N '' -C "camille@essai" -f "$E2E_DIR/key"
check "admin user add-key lie une clé à demo" \
    palabre admin user add-key demo "$E2E_DIR/key.pub"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

PDF="/bibliotheque/Circulaire/2024-03-12-Accueil des primo-arrivants ’essentiel (d1).pdf"
KEYOPTS="-i $E2E_DIR/key -o IdentitiesOnly=yes -o PubkeyAuthentication=yes
    -o BatchMode=yes"
# sftp_batch FILE: OpenSSH's sftp with these commands; output in out/err.
sftp_batch() {
	sftp $KEYOPTS $E2E_SSH_OPTS -P "$E2E_PORT" -b "$1" demo@127.0.0.1 \
	    >"$E2E_DIR/out" 2>"$E2E_DIR/err"
	RC=$?
}
out_has() { grep -qF -- "$1" "$E2E_DIR/out"; }
err_has() { grep -qF -- "$1" "$E2E_DIR/err"; }

LIB=/bibliotheque
PDF="$LIB/Circulaire/2024-03-12-Accueil des primo-arrivants l’essentiel (2024) (d1).pdf"
printf 'ls -1 /\nls -1 /bibliotheque\nls -1 /bibliotheque/Circulaire\nls -1 /bibliotheque/Note\nls -1 /bibliotheque/Rapport\nls -l /bibliotheque/Circulaire\n' \
    >"$E2E_DIR/b1"
sftp_batch "$E2E_DIR/b1"
check "sftp : la session s'ouvre et liste (code 0)" test "$RC" -eq 0
check "sftp : / ne montre que /bibliotheque" \
    sh -c 'test "$(grep -c "^/[^/]*$" "$1")" -eq 1 &&
    grep -qx "/bibliotheque" "$1"' _ "$E2E_DIR/out"
check "sftp : une nature par dossier (Circulaire, Note, Rapport)" \
    sh -c 'grep -qx "$2/Circulaire" "$1" && grep -qx "$2/Note" "$1" &&
    grep -qx "$2/Rapport" "$1"' _ "$E2E_DIR/out" "$LIB"
check "sftp : la circulaire, nom accentué, « : » ôté, [ ] et ' remplacés" \
    out_has "$PDF"
check "sftp : le titre « CON » devient « CON (d2).md »" \
    out_has "$LIB/Note/CON (d2).md"
check "sftp : le titre très long est borné (120 octets de titre)" \
    sh -c 'n=$(grep "(d3).md" "$1" | sed "s|.*/||" | wc -c);
    test "$n" -gt 100 && test "$n" -le 150' _ "$E2E_DIR/out"
check "sftp : le titre hostile est nettoyé (ni /, ni <, ni |, ni *)" \
    out_has "$LIB/Rapport/etc passwd a b x (d4).md"
check "sftp : ls -l montre la taille et les droits en lecture seule" \
    sh -c 'grep -q "^-r--r--r-- .* $2 " "$1"' _ "$E2E_DIR/out" \
    "$(wc -c <"$DOCS/accueil.pdf")"

# Fetching: OpenSSH's sftp, then scp (SFTP since OpenSSH 9).
printf 'get "%s" %s\n' "$PDF" "$E2E_DIR/got-sftp.pdf" >"$E2E_DIR/b2"
sftp_batch "$E2E_DIR/b2"
check "sftp get : code 0" test "$RC" -eq 0
check "sftp get : les octets sont ceux du fichier importé" \
    cmp "$DOCS/accueil.pdf" "$E2E_DIR/got-sftp.pdf"
scp $KEYOPTS $E2E_SSH_OPTS -P "$E2E_PORT" "demo@127.0.0.1:$PDF" \
    "$E2E_DIR/got-scp.pdf" >"$E2E_DIR/out" 2>"$E2E_DIR/err"
check "scp : code 0, les octets sont ceux du fichier importé" \
    cmp "$DOCS/accueil.pdf" "$E2E_DIR/got-scp.pdf"

# Refusals: nothing is writable, nothing leads out of the tree.
printf 'put %s /bibliotheque/x.pdf\n' "$DOCS/accueil.pdf" >"$E2E_DIR/b3"
sftp_batch "$E2E_DIR/b3"
check "sftp put : refusé (code non nul, « Permission denied »)" \
    sh -c 'test "$1" -ne 0 && grep -q "Permission denied" "$2"' _ "$RC" \
    "$E2E_DIR/err"
for cmd in "get /../../etc/passwd" "get ../palabre.db" \
    "get /bibliotheque/../../../etc/passwd" "ls /etc" \
    "get \"$LIB/Circulaire/Autre titre (d1).pdf\"" \
    "get \"$LIB/Note/2024-03-12-Accueil des primo-arrivants l’essentiel (2024) (d1).pdf\""; do
	printf '%s %s/stolen\n' "$cmd" "$E2E_DIR" >"$E2E_DIR/b4"
	sftp_batch "$E2E_DIR/b4"
	check "sftp « $cmd » : introuvable" \
	    sh -c 'test "$1" -ne 0 && grep -q "No such file\|not found" "$2" &&
	    ! test -e "$3/stolen"' _ "$RC" "$E2E_DIR/err" "$E2E_DIR"
done
scp $KEYOPTS $E2E_SSH_OPTS -P "$E2E_PORT" "$DOCS/accueil.pdf" \
    "demo@127.0.0.1:/bibliotheque/Circulaire/" >"$E2E_DIR/out" \
    2>"$E2E_DIR/err"
check "scp vers le serveur : refusé" test "$?" -ne 0

# paramiko: the French sentences of each refusal, a download.
cat >"$E2E_DIR/pm.py" <<'EOP'
import sys, paramiko
port, pdf, local = int(sys.argv[1]), sys.argv[2], sys.argv[3]
t = paramiko.Transport(("127.0.0.1", port))
t.connect(username="demo", password="bienvenue")
s = paramiko.SFTPClient.from_transport(t)
print("liste:", ",".join(sorted(s.listdir("/bibliotheque/.."))))
with s.open(pdf, "rb") as f:
    data = f.read()
print("lu:", data == open(local, "rb").read(), len(data))
for what, op in (("put", lambda: s.open("/bibliotheque/n.pdf", "wb")),
                 ("mkdir", lambda: s.mkdir("/bibliotheque/n")),
                 ("remove", lambda: s.remove(pdf)),
                 ("rename", lambda: s.rename(pdf, "/bibliotheque/x.pdf")),
                 ("chmod", lambda: s.chmod(pdf, 0o777)),
                 ("etc", lambda: s.stat("/etc/passwd")),
                 ("ctl", lambda: s.stat("/bibliotheque/a\x01b"))):
    try:
        op()
        print(what, "ACCEPTÉ")
    except IOError as e:
        print(what, "refus:", e.args[-1] if e.args else e)
s.close()
t.close()
EOP
$PY "$E2E_DIR/pm.py" "$E2E_PORT" "$PDF" "$DOCS/accueil.pdf" \
    >"$E2E_DIR/out" 2>"$E2E_DIR/err"
check "paramiko : /bibliotheque/.. est la racine (bibliotheque seul)" \
    out_has "liste: bibliotheque"
check "paramiko : le PDF lu est celui importé" out_has "lu: True"
for w in put mkdir remove rename chmod; do
	check "paramiko $w : refusé en français (lecture seule)" \
	    out_has "$w refus: La bibliothèque est en lecture seule"
done
check "paramiko : /etc/passwd introuvable, en français" \
    out_has "etc refus: Introuvable : ce chemin n'existe pas"
check "paramiko : un caractère de contrôle refusé, en français" \
    out_has "ctl refus: Nom refusé"
check "paramiko : rien n'est accepté" sh -c '! grep -q ACCEPTÉ "$1"' _ \
    "$E2E_DIR/out"

# PuTTY's psftp and pscp (password, host key by fingerprint).
FP=$(ssh-keygen -lf "$E2E_DIR/ssh_host_ed25519_key.pub" | cut -d' ' -f2)
PUTTY="-P $E2E_PORT -batch -hostkey $FP -pw $E2E_PASS"
printf 'cd /bibliotheque/Circulaire\nls\nget "%s" %s\n' "${PDF##*/}" \
    "$E2E_DIR/got-psftp.pdf" >"$E2E_DIR/b5"
psftp $PUTTY -b "$E2E_DIR/b5" demo@127.0.0.1 >"$E2E_DIR/out" 2>"$E2E_DIR/err"
check "psftp : liste et télécharge (code 0)" test "$?" -eq 0
check "psftp : le nom accentué s'affiche" out_has "l’essentiel (2024) (d1).pdf"
check "psftp : les octets sont ceux du fichier importé" \
    cmp "$DOCS/accueil.pdf" "$E2E_DIR/got-psftp.pdf"
pscp $PUTTY "demo@127.0.0.1:$PDF" "$E2E_DIR/got-pscp.pdf" \
    >"$E2E_DIR/out" 2>"$E2E_DIR/err"
check "pscp : les octets sont ceux du fichier importé" \
    cmp "$DOCS/accueil.pdf" "$E2E_DIR/got-pscp.pdf"
pscp $PUTTY "$DOCS/accueil.pdf" "demo@127.0.0.1:/bibliotheque/" \
    >"$E2E_DIR/out" 2>"$E2E_DIR/err"
check "pscp vers le serveur : refusé" test "$?" -ne 0

# Neither the sign-up nor the guest login gets any file.
for who in nouveau invite; do
	printf 'ls /bibliotheque\n' >"$E2E_DIR/b6"
	sftp $E2E_SSH_OPTS -o BatchMode=yes -P "$E2E_PORT" -b "$E2E_DIR/b6" \
	    "$who@127.0.0.1" >"$E2E_DIR/out" 2>"$E2E_DIR/err-$who"
	RC=$?
	check "$who : pas de SFTP, la raison en français" \
	    sh -c 'test "$1" -ne 0 &&
	    grep -q "réservés aux membres du réseau" "$2"' _ "$RC" \
	    "$E2E_DIR/err-$who"
done

# --- /depot/ and « À classer » --------------------------------------------
printf 'secret-doc-2024\n' | palabre admin user add sophie \
    --role documentaliste --name "Sophie Martin" \
    --org "Centre de ressources, Lyon" --password-stdin >/dev/null
$PY tests/e2e/mkpdf.py "$DOCS/depot.pdf" \
    "Rapport sur l'accès aux droits" "" \
    "Les réfugiés statutaires attendent leur titre de séjour."
head -c 5000 /dev/urandom >"$DOCS/binaire.pdf"
head -c 1500000 /dev/urandom | base64 >"$DOCS/gros.txt"
printf '# Fiche pratique\n\nAccompagner les démarches en préfecture.\n' \
    >"$DOCS/fiche.md"
cat >"$E2E_DIR/pd.py" <<'EOP'
import sys, paramiko
port, who, pw, docs = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
t = paramiko.Transport(("127.0.0.1", port))
t.connect(username=who, password=pw)
s = paramiko.SFTPClient.from_transport(t)
print("racine:", ",".join(sorted(s.listdir("/"))))
# A client that shows every status, WinSCP's way: paramiko's own
# close() keeps quiet about the CLOSE's answer, so it is asked here.
def drop(src, dst):
    data = open(docs + "/" + src, "rb").read()
    f = s.open(dst, "wb")
    first = None
    try:
        f.write(data)
        f.flush()
    except IOError as e:
        first = e
    f._closed = True
    try:
        s._request(paramiko.sftp.CMD_CLOSE, f.handle)
    except IOError as e:
        first = first or e
    if first:
        raise first
for what, src, dst in (
        ("pdf", "depot.pdf", "/depot/rapport-acces-droits.pdf"),
        ("encore", "depot.pdf", "/depot/rapport-acces-droits.pdf"),
        ("md", "fiche.md", "/depot/fiche démarches.md"),
        ("binaire", "binaire.pdf", "/depot/binaire.pdf"),
        ("gros", "gros.txt", "/depot/gros.txt"),
        ("deuxpoints", "fiche.md", "/depot/a:b.md"),
        ("reserve", "fiche.md", "/depot/CON.md"),
        ("controle", "fiche.md", "/depot/a\x01b.md"),
        ("long", "fiche.md", "/depot/" + "n" * 200 + ".md"),
        ("dehors", "fiche.md", "/depot/../x.md"),
        ("biblio", "fiche.md", "/bibliotheque/x.md")):
    try:
        drop(src, dst)
        print(what, "ACCEPTÉ")
    except IOError as e:
        print(what, "refus:", e.args[-1] if e.args else e)
try:
    print("attente:", ",".join(sorted(s.listdir("/depot"))))
except IOError as e:
    print("attente refus:", e.args[-1] if e.args else e)
s.close()
t.close()
EOP
$PY "$E2E_DIR/pd.py" "$E2E_PORT" demo "$E2E_PASS" "$DOCS" \
    >"$E2E_DIR/out" 2>"$E2E_DIR/err"
check "un membre ne voit pas /depot/" out_has "racine: bibliotheque"
check "un membre ne peut rien déposer (lecture seule, en français)" \
    out_has "pdf refus: La bibliothèque est en lecture seule"
$PY "$E2E_DIR/pd.py" "$E2E_PORT" sophie secret-doc-2024 "$DOCS" \
    >"$E2E_DIR/out" 2>"$E2E_DIR/err"
cp "$E2E_DIR/out" "$E2E_DIR/depot.out"
check "la documentaliste voit /depot/" out_has "racine: bibliotheque,depot"
check "elle dépose un PDF" out_has "pdf ACCEPTÉ"
check "le même nom, en attente, est refusé" \
    out_has "encore refus: Un fichier de ce nom attend déjà"
check "elle dépose un Markdown au nom accentué" out_has "md ACCEPTÉ"
check "un binaire nommé .pdf est refusé (type par le contenu)" \
    out_has "binaire refus: Type refusé"
check "au-delà de depot_max (1 Mo), refusé" \
    out_has "gros refus: Fichier trop gros : 1 Mo au plus."
for w in deuxpoints reserve long; do
	check "nom refusé ($w)" out_has "$w refus: Nom refusé"
done
check "un caractère de contrôle est refusé" \
    out_has "controle refus: Nom refusé"
check "hors de /depot/ : refusé" \
    out_has "dehors refus: Seul le dossier /depot/ reçoit des fichiers."
check "dans /bibliotheque/ : refusé" \
    out_has "biblio refus: Seul le dossier /depot/ reçoit des fichiers."
check "/depot/ liste les deux fichiers à classer" \
    out_has "attente: fiche démarches.md,rapport-acces-droits.pdf"
check "rien de refusé ne reste dans le dossier des fichiers" \
    sh -c '! ls -A "$1" | grep -q "^\.depot-"' _ "$FILES"
check "le PDF déposé est gardé sous son empreinte" \
    cmp "$DOCS/depot.pdf" "$FILES/$(sha256sum "$DOCS/depot.pdf" | cut -d' ' -f1)"
printf 'put %s /depot/\n' "$DOCS/depot.pdf" >"$E2E_DIR/b7"
sftp $E2E_SSH_OPTS -o BatchMode=yes -P "$E2E_PORT" -b "$E2E_DIR/b7" \
    demo@127.0.0.1 >/dev/null 2>&1 </dev/null
check "OpenSSH sftp : le dépôt d'un membre échoue (code non nul)" \
    test "$?" -ne 0

# Sophie classes the PDF in the interface.
check "Sophie se connecte" e2e_login s sophie secret-doc-2024
keys s Enter
open_entry s Bibliothèque
check "la bibliothèque propose « À classer »" \
    wait_for s "À classer : les fichiers déposés par SFTP"
check_screen s "2 fichiers en attente d'une fiche" "le nombre à classer"
keys s 8
check "8 : la liste à classer" wait_for s "rapport-acces-droits.pdf (PDF"
keys s Down
keys s Up
keys s Enter
check "le formulaire de la fiche demande le titre" wait_for s "Titre :"
check_screen s "rapport-acces-droits" "... en proposant le nom du fichier"
keys s C-u
type_text s "Rapport sur l'accès aux droits des réfugiés"
keys s Enter
check "nature demandée" wait_for s "Nature (circulaire"
keys s C-u
type_text s "rapport"
keys s Enter
check "émetteur demandé" wait_for s "Émetteur :"
type_text s "Observatoire régional de l'intégration"
keys s Enter
check "date demandée" wait_for s "Date (AAAA-MM-JJ)"
type_text s "2024-06-01"
keys s Enter
for q in "Référence" "Statut" "Thèmes" "Public" "Résumé"; do
	wait_for s "$q" || true
	keys s Enter
done
check "publié dans la bibliothèque" \
    wait_for s "Document publié dans la bibliothèque."
keys s 8
check "À classer ne propose plus que le Markdown" \
    wait_for s "fiche démarches.md (Markdown"
check_no_screen s "rapport-acces-droits.pdf" "le PDF publié n'y est plus"
keys s Escape

# Another member finds it by a word of its text, and fetches the file.
ssh $KEYOPTS $E2E_SSH_OPTS -p "$E2E_PORT" demo@127.0.0.1 \
    chercher statutaires --bibliotheque >"$E2E_DIR/out" 2>"$E2E_DIR/err"
check "Camille le trouve par un mot du PDF (texte extrait)" \
    out_has "Rapport sur l'accès aux droits des réfugiés"
NEW="$LIB/Rapport/2024-06-01-Rapport sur l’accès aux droits des réfugiés"
printf 'ls -1 /bibliotheque/Rapport\n' >"$E2E_DIR/b8"
sftp_batch "$E2E_DIR/b8"
check "il est sous /bibliotheque/Rapport/" out_has "$NEW (d"

# The reader shows the exact command; typed as shown, it fetches the file.
check "Camille se connecte" e2e_login c "$E2E_USER" "$E2E_PASS"
resize c 200 50
keys c Enter
open_entry c Bibliothèque
check "la bibliothèque s'ouvre" wait_for c "Par thème"
keys c /
check "/ demande quoi chercher" wait_for c "Rechercher dans la bibliothèque"
type_text c "primo"
keys c Enter
check "la circulaire est trouvée" wait_for c "Accueil des primo-arrivants"
keys c Enter
check "le lecteur montre le fichier original" wait_for c "Fichier original"
CMD="scp -P $E2E_PORT demo@127.0.0.1:'$PDF' ."
check_screen c "$CMD" "la commande exacte, port et hôte configurés"
screen c | grep -F "scp -P" | sed 's/ *$//' >"$E2E_DIR/cmd"
mkdir -p "$E2E_DIR/recu"
check "la commande copiée de l'écran télécharge le PDF" \
    sh -c 'cd "$1/recu" && eval "$(sed "s|^scp |scp $2 |" "$1/cmd")" &&
    cmp "$3" "$1/recu/${4##*/}"' _ "$E2E_DIR" \
    "$(echo $KEYOPTS $E2E_SSH_OPTS)" "$DOCS/accueil.pdf" "$PDF"

# Backup and restore carry the originals.
BK=$E2E_DIR/sauvegardes
check "la sauvegarde réussit" palabre admin backup "$BK"
check "l'original est copié à côté des sauvegardes" \
    cmp "$DOCS/accueil.pdf" "$BK/fichiers/$SHA"
SAVED=$(ls "$BK"/palabre-*.db | tail -n 1)
e2e_stop
mv "$FILES" "$E2E_DIR/fichiers-perdus"
check "la restauration réussit" palabre admin restore "$SAVED"
check "l'original est remis en place par la restauration" \
    cmp "$DOCS/accueil.pdf" "$FILES/$SHA"

e2e_finish
