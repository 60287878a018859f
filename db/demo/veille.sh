#!/bin/sh
# « Ma veille » and « Quoi de neuf » in the demo (issue 16): what Camille
# (demo) follows besides the threads she wrote in, and the last hours of
# the network naming her, so that her « Quoi de neuf » is lived-in at
# « make run ». Everything through "palabre admin" (veille, post,
# message), after the other demo scripts: these posts are the newest.
# Usage: veille.sh PALABRE_BINARY CONFIG_FILE
set -eu
bin=$1
conf=$2

admin() {
	"$bin" -c "$conf" admin "$@"
}
# ago HOURS: a --date value that many hours ago.
ago() {
	date -d "-$1 hours" +%Y-%m-%dT%H:%M
}

admin veille add demo forum emploi-insertion
admin veille add demo theme logement
admin veille add demo type circulaire
admin veille add demo emetteur "DGCS"
admin veille add demo departement 69
admin veille add demo membre elodie
admin veille add karim forum acces-aux-droits
admin veille add karim region 32
admin veille add elodie theme protection-internationale

printf '%s\n' "Bonjour à toutes et à tous,

Le salon « Un emploi pour tous » revient à Vaulx-en-Velin le mois prochain :
une quarantaine d'employeurs, des interprètes, un espace pour la
reconnaissance des diplômes. @demo, le CCAS de Villeurbanne tiendrait-il
un stand avec nous ? @amelie, la CAF serait la bienvenue aussi.

Élodie" | admin post new --board emploi-insertion --author elodie \
    --title "Salon « Un emploi pour tous » : qui tient un stand ?" \
    --date "$(ago 5)" >/dev/null

printf '%s\n' "Pour celles et ceux qui suivent l'hébergement d'urgence : le 115 du
Rhône publie désormais ses places disponibles chaque matin. @demo, c'est
ce dont nous parlions à la dernière journée d'échanges." |
    admin post new --board logement-hebergement --author karim \
    --title "115 du Rhône : les places publiées chaque matin" \
    --date "$(ago 3)" >/dev/null

printf '%s\n' "Bonjour Camille,

J'ai lu ton message sur la domiciliation : @francois a rangé dans la
bibliothèque la circulaire dont nous parlions. Veux-tu qu'on en discute
jeudi ?

Karim" | admin message send --from karim --to demo \
    --subject "Domiciliation : la circulaire" --date "$(ago 1)" >/dev/null
