#!/bin/sh
# Make the demo database: migrate, add demo members, the network's
# founding editorial, the boards of conf/boards.d and threads in them,
# records of the practice catalogue, the shelf's documents, profiles,
# private messages and applicants (db/demo/people.sh), what members
# follow (db/demo/veille.sh), all through
# "palabre admin" like a sysop would.
# Usage: demo-db.sh PALABRE_BINARY CONFIG_FILE
set -eu
bin=$1
conf=$2
here=$(dirname "$0")/..

"$bin" -c "$conf" admin db migrate
add() {
	login=$1 role=$2 name=$3 org=$4
	printf 'bienvenue\n' | "$bin" -c "$conf" admin user add "$login" \
	    --role "$role" --name "$name" --org "$org" --password-stdin
}
add demo membre "Camille Durand" "CCAS de Villeurbanne"
add sysop sysop "Martine Lefèvre" "Réseau IDEAL, animation du réseau"
add elodie moderateur "Élodie Nguyen" "Préfecture de la Seine-Saint-Denis, mission intégration"
add karim membre "Karim Benali" "Association Accueil et Promotion, Lille"
add francois documentaliste "François Œhmichen" "Centre de ressources Migrations et Territoires"
add amelie organisateur "Amélie Roussel" "CAF du Rhône, service action sociale"
"$bin" -c "$conf" admin edito add "$here/db/demo/edito-reseau-integration.md" \
    --byline "Direction des Populations et des Migrations" \
    --date 2007-03-15
"$bin" -c "$conf" admin board sync
sh "$here/db/demo/boards.sh" "$bin" "$conf"
# The shelf: texts, studies and guides, imported as a curator would
# (alphabetical order: a text is imported before the one it replaces);
# before the catalogue, whose records link to them.
"$bin" -c "$conf" admin doc import "$here"/db/demo/docs/*.md \
    "$here"/db/demo/docs/*.txt
sh "$here/db/demo/practices.sh" "$bin" "$conf"
sh "$here/db/demo/people.sh" "$bin" "$conf"
sh "$here/db/demo/events.sh" "$bin" "$conf"
# « Ma veille »: follows and the newest posts, naming Camille (issue 16).
sh "$here/db/demo/veille.sh" "$bin" "$conf"
# E-mail: Camille's address, given by the team, her daily digest and an
# e-mail per private message; her first digest (what is new for her)
# goes out at the next « palabre admin digest send ».
"$bin" -c "$conf" admin digest set demo camille.durand@ccas-villeurbanne.fr \
    --digest quotidien --per-message
