#!/bin/sh
# A member's data, on the demo database (tools/demo-db.sh):
# - Camille's export on screen at 80 columns, in JSON and in text: her
#   long presentation (over 250 columns on one JSON line) appears whole,
#   cut into screen lines but never clipped with « … »;
# - « palabre admin user export karim --json » has his records, his
#   selection, his follows and the journal lines about him;
# - after « palabre admin user erase francois », « sqlite3 .dump » of the
#   database (FTS5 shadow tables included) holds neither his surname (in
#   any spelling), nor his e-mail address, expertise or presentation;
#   the catalogue's index does not find « oehmichen »; the audit log
#   names « anonyme-N » where it named him.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de démonstration (tools/demo-db.sh)" e2e_demo_db ||
    e2e_bail "base de démonstration"

LONG="Je coordonne l'accueil des familles primo-arrivantes à Villeurbanne \
depuis 2015 : permanences d'accès aux droits, ateliers sociolinguistiques, \
orientation vers le logement et l'emploi, et un réseau de quarante \
bénévoles formés chaque année au droit des étrangers. FIN-DE-LA-PRÉSENTATION"
check "une longue présentation (palabre admin user set)" \
    palabre admin user set demo presentation "$LONG"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# joined NAME: the screen's rows end to end (trailing spaces kept: -N),
# so that a text cut into screen lines reads whole again.
joined() {
	tm capture-pane -p -N -t "=$1:" | tr -d '\n'
}
long_whole() {
	joined d | grep -qF "$LONG"
}

E2E_ROWS=60 e2e_login d demo bienvenue || e2e_bail "connexion"
keys d Enter
wait_for d "Mon profil" || true
check "« Mon profil » s'ouvre" open_entry d "Mon profil"
check "l'entrée d'export" wait_for d "Exporter mes données"
keys d End Up Enter
check "l'export en texte" wait_for d "Vos données (J : en JSON)"
check "en texte, la présentation est entière" wait_until 5 long_whole
keys d J
check "l'export en JSON" wait_for d "Vos données en JSON"
check "en JSON, la présentation est entière" wait_until 5 long_whole
check_no_screen d "…" "rien n'est coupé par « … »"
wide() {
	[ "$(screen d | wc -L)" -le 80 ]
}
check "aucune ligne ne dépasse 80 colonnes" wide
keys d Q o

# --- Karim's export: everything ------------------------------------------------

palabre admin user export karim --json >"$E2E_DIR/karim.json" 2>&1
has() {
	grep -qF -e "$1" "$E2E_DIR/karim.json"
}
check "export : ses fiches" has '"fiches": [
    {'
check "export : les fiches qu'il suit (Je m'en inspire)" \
    has '"je_m_en_inspire": [
    {'
check "export : ses inscriptions aux journées" \
    has '"inscriptions_journees": [
    {'
check "export : le journal qui le concerne" has '"action": "member.add"'
check "export : du JSON valide" python3 -m json.tool "$E2E_DIR/karim.json"

# --- Erasure ---------------------------------------------------------------------

found_oehmichen() {
	sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM practice_fts WHERE
	    practice_fts MATCH 'oehmichen'"
}
check "avant : le catalogue trouve « oehmichen »" \
    [ "$(found_oehmichen)" -ge 1 ]
check "palabre admin user erase francois" \
    palabre admin user erase francois
sqlite3 "$E2E_DB" .dump >"$E2E_DIR/dump.sql"
check "le dump est lisible" [ -s "$E2E_DIR/dump.sql" ]
absent() {
	! grep -iF -e "$1" "$E2E_DIR/dump.sql"
}
for v in "Œhmichen" "oehmichen" "œhmichen" "François Œhmichen" \
    "Francois Oehmichen" "veille juridique, droit des étrangers" \
    "veille juridique, droit des etrangers" \
    "Je tiens la bibliothèque du réseau"; do
	check "après : « $v » n'est nulle part dans le dump" absent "$v"
done
check "après : le catalogue ne trouve plus « oehmichen »" \
    [ "$(found_oehmichen)" -eq 0 ]
in_audit() {
	sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM audit_log WHERE
	    target LIKE '%francois%' OR detail LIKE '%francois%'"
}
check "après : le journal ne nomme plus « francois »" [ "$(in_audit)" -eq 0 ]
pseudo() {
	sqlite3 "$E2E_DB" "SELECT COUNT(*) FROM audit_log WHERE
	    target LIKE 'anonyme-%'"
}
check "après : le journal garde un pseudonyme" [ "$(pseudo)" -ge 3 ]

e2e_finish
