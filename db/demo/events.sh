#!/bin/sh
# Demo exchange days (journées d'échanges), as organisers and a sysop
# make them with « palabre admin event »: dates counted from today, so
# that the demo always has days to come and one held already.
# Usage: events.sh PALABRE_BINARY CONFIG_FILE
set -eu
bin=$1
conf=$2

adm() {
	"$bin" -c "$conf" admin "$@"
}
# day N: the date N days from today (negative: ago), JJ/MM/AAAA.
day() {
	date -d "$1 days" +%d/%m/%Y
}

# A regional day in Lyon on access to rights, with documents and a
# record of the catalogue to read beforehand.
lyon=$(adm event add --organiser amelie <<EOF2
title : Journée régionale « Accès aux droits : aller vers les publics éloignés »
date : $(day 40)
start : 9:30
end : 17:00
place : Hôtel de la Métropole, salle du Conseil, 20 rue du Lac, 69003 Lyon
capacity : 80
deadline : $(day 33)
audience : Agents d'accueil des CAF, CCAS et préfectures, travailleurs sociaux, associations d'accompagnement
themes : acces-droits discriminations
docs : 1 2
practices : 1
[description]
Une journée pour croiser les regards sur le non-recours aux droits des personnes étrangères et les démarches dématérialisées.

Matin : plénière d'ouverture par la direction régionale, puis trois ateliers au choix :
- l'accueil des personnes allophones au guichet ;
- les rendez-vous en préfecture et l'ANEF, ce qui bloque et ce qui marche ;
- les permanences d'accès aux droits hors les murs.

Après-midi : retours d'expérience de structures du réseau, et synthèse collective.

Déjeuner offert sur inscription. Merci de lire avant la journée les documents et la fiche liés ci-dessous.
EOF2
)

# A remote session on French learning, no limit of places.
adm event add --organiser amelie >/dev/null <<EOF2
title : Session à distance : l'apprentissage du français dans le parcours d'intégration
date : $(day 18)
start : 14:00
end : 16:00
link : https://visio.reseau-integration.example/salle-francais
capacity :
audience : Formateurs, coordinateurs d'ateliers sociolinguistiques, bénévoles
themes : francais
[description]
Deux heures d'échanges en visioconférence sur les parcours linguistiques du contrat d'intégration républicaine et les ateliers de proximité qui les complètent.

Intervention d'une formatrice FLE, puis questions et partage d'outils (livrets, jeux de rôle, supports pour les démarches du quotidien).
EOF2

# A full day in Seine-Saint-Denis: few places, a waiting list.
ssd=$(adm event add --organiser sysop <<EOF2
title : Journée départementale « Emploi des réfugiés : lever les freins »
date : $(day 25)
start : 9:00
end : 16:30
place : Bourse départementale du travail, 1 place de la Libération, 93000 Bobigny
capacity : 3
deadline : $(day 20)
audience : Conseillers France Travail et missions locales, employeurs, associations
themes : emploi discriminations
[description]
Une journée de travail en petit groupe autour de cas concrets : reconnaissance des qualifications, discrimination à l'embauche, accompagnement des employeurs.

Le nombre de places est limité pour permettre le travail en atelier : une liste d'attente est ouverte.
EOF2
)
adm event register "$ssd" --member karim >/dev/null
adm event register "$ssd" --member demo >/dev/null
adm event register "$ssd" --member elodie >/dev/null
adm event register "$ssd" --member francois >/dev/null
adm event register "$ssd" --member amelie >/dev/null
adm event register "$lyon" --member demo >/dev/null
adm event register "$lyon" --member karim >/dev/null

# A day held two months ago, with its follow-up thread and replies.
lille=$(adm event add --organiser amelie <<EOF2
title : Journée d'échanges « Logement et hébergement des bénéficiaires de la protection internationale »
date : $(day -60)
start : 9:30
end : 16:30
place : Maison régionale de l'environnement et des solidarités, 23 rue Gosselet, 59000 Lille
capacity : 40
audience : Bailleurs sociaux, SIAO, opérateurs de l'hébergement, associations
themes : logement protection-internationale
[description]
Une journée pour partager les pratiques d'accès au logement à la sortie des centres d'hébergement : mobilisation du contingent préfectoral, colocations, baux glissants, accompagnement vers l'autonomie.
EOF2
)
for who in karim demo francois elodie; do
	adm event register "$lille" --member "$who" --force >/dev/null
done
first=$(adm event thread "$lille")
r1=$(printf '%s\n' "Merci à toutes et à tous pour cette journée très riche." "" \
    "Le compte rendu des ateliers est en cours de relecture ; je le déposerai ici la semaine prochaine avec les supports des intervenants." |
    adm post reply --to "$first" --author amelie --date "$(date -d '-58 days' +%Y-%m-%d)")
printf '%s\n' "L'atelier sur les baux glissants m'a beaucoup apporté." "" \
    "À Lille nous testons depuis janvier une convention avec deux bailleurs sur ce modèle : je peux partager notre modèle de convention si cela intéresse d'autres territoires." |
    adm post reply --to "$r1" --author karim --date "$(date -d '-57 days' +%Y-%m-%d)" >/dev/null
printf '%s\n' "Oui, avec plaisir, Karim : nous y réfléchissons à Villeurbanne avec le CCAS." |
    adm post reply --to "$r1" --author demo --date "$(date -d '-56 days' +%Y-%m-%d)" >/dev/null

# A day cancelled: it stays listed as such, registrations kept.
mars=$(adm event add --organiser amelie <<EOF2
title : Rencontre « Santé mentale et parcours d'exil »
date : $(day 50)
start : 9:30
end : 12:30
place : Cité des associations, 93 La Canebière, 13001 Marseille
capacity : 25
audience : Soignants, travailleurs sociaux, interprètes
themes : sante
[description]
Une matinée avec une équipe mobile psychiatrie-précarité et un centre de soins pour personnes exilées.
EOF2
)
adm event register "$mars" --member francois >/dev/null
adm event cancel "$mars" >/dev/null
echo "Journées d'échanges : 5 journées de démonstration (dont une passée, une annulée)."
