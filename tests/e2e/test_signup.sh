#!/bin/sh
# Joining: an applicant connects as « nouveau » (no password asked),
# answers the form with accents in every field (the login excepted: it is
# ASCII by design), accepts the charter and sends the request; while it
# waits she cannot log in (she is told why) and so cannot post; Martine, a
# sysop, approves her from the queue in the interface; she logs in
# with her password, adds a public key by pasting it in « Mon profil »,
# then logs in with that key. A key bound to her cannot be added by
# anyone else. Guests (« invite ») read but have no directory nor
# messages.
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[signup]
enabled = yes
guest = yes
charter = charte.txt"
e2e_setup
cat >"$E2E_DIR/charte.txt" <<'EOT'
Charte d'essai du réseau : je respecte la confidentialité des échanges et
des personnes accompagnées, je signale tout propos discriminatoire.
EOT
check "base de test créée" e2e_db || e2e_bail "base"
check "le serveur démarre" e2e_start || e2e_bail "serveur"
ssh-keygen -q -t ed25519 -N '' -C "clé de Hélène" -f "$E2E_DIR/helene_key"
PUB=$(cat "$E2E_DIR/helene_key.pub")

# --- The form ------------------------------------------------------------------

check "« nouveau » entre sans mot de passe" e2e_ssh n nouveau
check_screen n "Identifiant souhaité" "le formulaire demande l'identifiant"
check_screen n "Bienvenue sur le $E2E_SITE" \
    "l'introduction s'affiche, avec l'article du nom du site"
type_text n "Hélène"
keys n Enter
check "un identifiant accentué est refusé" wait_for n "Identifiant invalide"
keys n C-u
type_text n "demo"
keys n Enter
check "un identifiant déjà pris est refusé" wait_for n "déjà pris"
keys n C-u
type_text n "helene.said"
keys n Enter
check "puis le nom" wait_for n "Prénom et nom"
type_text n "Hélène Saïd-Œuvray"
keys n Enter
wait_for n "Organisation (structure" || true
type_text n "Mairie de Saint-Étienne, service égalité"
keys n Enter
wait_for n "Type (collectivité" || true
type_text n "collectivité"
keys n Enter
wait_for n "Fonction :" || true
type_text n "Chargée de mission intégration"
keys n Enter
wait_for n "Département (numéro" || true
type_text n "Atlantide"
keys n Enter
check "un département inconnu est refusé" wait_for n "Département introuvable"
keys n C-u
type_text n "Seine"
keys n Enter
check "« Seine » est ambigu (Seine-Maritime, Seine-et-Marne…)" \
    wait_for n "ambigu"
keys n C-u
type_text n "loire"
keys n Enter
check "le département est reconnu" wait_for n "Département : 42 Loire"
type_text n "hélène.saïd@saint-étienne.fr"
keys n Enter
check "le mot de passe est demandé" wait_for n "Mot de passe (8"
type_text n "été-à-Saint-Étienne"
keys n Enter
wait_for n "Le même, encore une fois" || true
check_no_screen n "été-à-Saint" "le mot de passe ne s'affiche pas"
type_text n "été-à-Saint-Étienne"
keys n Enter
check "la clé publique est proposée" wait_for n "Clé publique SSH"
keys n Enter
check "la charte s'affiche" wait_for n "Charte d'essai du réseau"
keys n Enter
type_text n "oui"
keys n Enter
check "le résumé s'affiche" wait_for n "Votre demande"
check_screen n "Nom : Hélène Saïd-Œuvray" "le résumé garde les accents"
check_screen n "Organisation : Mairie de Saint-Étienne, service égalité" \
    "l'organisation accentuée"
check_screen n "Type de structure : Collectivité territoriale" \
    "le type de structure"
check_screen n "Courriel : hélène.saïd@saint-étienne.fr" "le courriel"
keys n Enter
type_text n "o"
keys n Enter
check "la demande est enregistrée" wait_for n "Demande enregistrée"
check_screen n "Votre demande d'inscription est en attente de" \
    "l'attente est dite clairement"
keys n Enter
check "la session d'inscription se ferme" wait_dead n

status_is() {
	[ "$(sqlite3 "$E2E_DB" "SELECT status FROM member WHERE
	    login = 'helene.said'")" = "$1" ]
}
check "le compte attend dans la base" status_is en_attente
check "« palabre admin user waiting » la liste" \
    sh -c "'$PALABRE_BIN' -c '$E2E_CONF' admin user waiting |
    grep -q 'helene.said'"

# --- Waiting: no way in ----------------------------------------------------------

check "Hélène essaie de se connecter" e2e_ssh h1 helene.said
wait_for h1 "Mot de passe" || true
type_text h1 "été-à-Saint-Étienne"
keys h1 Enter
check "on lui dit que son inscription attend" \
    wait_for h1 "attend encore l'accord"
check "et la session se ferme sans accueil" wait_dead h1
check_no_screen h1 "Bonjour" "pas d'accueil, donc pas de message possible"

# --- A sysop approves -------------------------------------------------------------

add_sysop() {
	printf 'animation-2024\n' | palabre admin user add martine \
	    --role sysop --name "Martine Lefèvre" \
	    --org "Réseau, animation nationale" --password-stdin
}
check "une sysop (palabre admin)" add_sysop
check "Martine (sysop) se connecte" e2e_login k martine animation-2024
keys k Enter
check "l'accueil annonce la demande dans « Modération »" \
    wait_for k "1 élément à décider"
open_entry k Modération
check "la file de modération montre Hélène" \
    wait_for k "Inscription : Hélène Saïd-Œuvray (helene.said)"
check_screen k "Mairie de Saint-Étienne" "avec son organisation"
keys k Enter
check "Entrée ouvre la demande" wait_for k "Demande d'inscription du"
check_screen k "Chargée de mission intégration" \
    "la demande montre sa fonction, en entier"
keys k a
check "Martine accepte" wait_for k "peut maintenant se connecter"
check "la file est vide ensuite" wait_for k "Rien à décider"
check "le compte est actif" status_is actif

# --- Password, then a key she adds ---------------------------------------------

check "Hélène se connecte avec son mot de passe" \
    e2e_login h2 helene.said "été-à-Saint-Étienne"
keys h2 Enter
wait_for h2 "Mon profil" || true
open_entry h2 "Mon profil"
check "« Mon profil » s'ouvre" wait_for h2 "Mes clés publiques (0)"
check_screen h2 "Fonction : Chargée de mission intégration" \
    "le profil reprend l'inscription"
open_entry h2 "Mes clés publiques"
check "la liste des clés s'ouvre" wait_for h2 "Aucune clé"
type_text h2 "+"
wait_for h2 "Clé publique (ssh-ed25519" || true
tm set-buffer -b pub "$PUB"
tm paste-buffer -b pub -t "=h2:"
keys h2 Enter
check "la clé collée est ajoutée" wait_for h2 "Clé ajoutée : SHA256:"
FP=$(ssh-keygen -lf "$E2E_DIR/helene_key.pub" | awk '{print $2}')
check_screen h2 "$FP" "son empreinte est celle de ssh-keygen"
keys h2 Q o

check "Hélène se connecte avec sa clé" e2e_ssh h3 helene.said \
    -o PubkeyAuthentication=yes -o PasswordAuthentication=no \
    -o KbdInteractiveAuthentication=no -o IdentitiesOnly=yes \
    -i "$E2E_DIR/helene_key"
check_screen h3 "Bonjour" "la clé ouvre la session"
keys h3 Enter Q o

# Martine cannot take her key either.
E2E_CUR=k
keys k q
open_entry k "Mon profil"
wait_for k "Mes clés publiques" || true
open_entry k "Mes clés publiques"
wait_for k "Aucune clé" || true
type_text k "+"
wait_for k "Clé publique (ssh-ed25519" || true
tm set-buffer -b pub "$PUB"
tm paste-buffer -b pub -t "=k:"
keys k Enter
check "la clé d'Hélène est refusée à Martine" wait_for k "déjà enregistrée"
keys k Q o

# --- A guest -------------------------------------------------------------------------

check "un invité entre sans mot de passe" e2e_ssh g invite
check_screen g "Bonjour" "l'invité arrive à l'accueil"
keys g Enter
wait_for g "Quitter" || true
check_no_screen g "Annuaire" "pas d'annuaire pour l'invité"
check_no_screen g "Messagerie" "pas de messagerie pour l'invité"
check_no_screen g "Mon profil" "pas de profil pour l'invité"
keys g Q o

e2e_finish
