#!/bin/sh
# Demo records of the practice catalogue, written through « palabre admin
# practice add » as their authors, published by a moderator (one stays
# « à valider » for the moderators' queue), then followed by a few
# members; most records link to documents of the shelf (« docs »). Dates
# are days ago, oldest first, so the list reads newest first as it would
# after two years of use.
# Usage: practices.sh PALABRE_BINARY CONFIG_FILE
set -eu
bin=$1
conf=$2

# fiche DAYS_AGO AUTHOR PUBLISHER|- < record ; prints the record's number
fiche() {
	if [ "$3" = - ]; then
		"$bin" -c "$conf" admin practice add --author "$2" \
		    --date "$(date -d "-$1 days" +%Y-%m-%d)"
	else
		"$bin" -c "$conf" admin practice add --author "$2" \
		    --publish-by "$3" --date "$(date -d "-$1 days" +%Y-%m-%d)"
	fi
}

# doc TITLE: the number of the shelf's document whose title starts so
# (demo-db.sh imports the shelf first); nothing if there is none.
doc() {
	"$bin" -c "$conf" admin doc list |
	    awk -v t="$1" 'index($0, "  " t) { print $1; exit }'
}

follow() {
	"$bin" -c "$conf" admin practice follow "$1" --member "$2"
}

p1=$(fiche 690 amelie elodie <<.
title: Rendez-vous des droits pour les primo-arrivants
org: CAF du Rhône
org_type: securite-sociale
partners: CPAM du Rhône, Office français de l'immigration et de l'intégration (OFII), Forum réfugiés
departement: 69
commune: Lyon
themes: acces-droits primo-arrivants
public: Personnes signataires du contrat d'intégration républicaine dans les six mois de leur arrivée
start: 01/2021
end:
contact_login: amelie
contact: Accueil CAF de Lyon Part-Dieu, 04 72 00 00 00
docs: $(doc "Le contrat d'intégration républicaine") $(doc "L'aide médicale de l'État")
[context]
Les primo-arrivants orientés par l'OFII découvraient la CAF au guichet, souvent après plusieurs mois sans prestations : dossiers incomplets, pièces d'état civil non traduites, renvois d'un service à l'autre.
[actions]
Un rendez-vous des droits d'une heure, proposé dès la signature du contrat d'intégration républicaine : le conseiller examine toutes les prestations possibles (CAF, CPAM, complémentaire santé solidaire), ouvre les comptes en ligne avec la personne et remet la liste des pièces manquantes.
Un interprétariat par téléphone est réservé quand la personne le demande.
[means]
Trois conseillers formés, une demi-journée par semaine chacun ; interprétariat financé sur le budget d'action sociale (environ 12 000 € par an).
[results]
1 480 rendez-vous en trois ans ; délai moyen d'ouverture des droits passé de 94 à 31 jours ; 86 % des personnes reçues ont un compte en ligne actif six mois plus tard.
[reproduce]
Une convention avec la direction territoriale de l'OFII pour l'orientation, et un créneau réservé dans l'agenda des conseillers : sans créneau protégé, le dispositif s'efface devant l'accueil de flux.
.
)
p2=$(fiche 610 karim sysop <<.
title: Ateliers sociolinguistiques « Parents à l'école »
org: Association Accueil et Promotion
org_type: association
partners: Éducation nationale (trois écoles du quartier de Fives), Ville de Lille, centre social Mosaïque
departement: 59
commune: Lille (Fives)
themes: francais education-parentalite femmes
public: Parents allophones, surtout des mères, d'enfants scolarisés en maternelle et en élémentaire
start: 09/2019
end:
contact_login: karim
contact:
docs: $(doc "Guide pour organiser des ateliers")
[context]
Les directrices d'école voyaient peu les parents arrivés récemment : réunions manquées, carnets non signés, inquiétude des deux côtés. Les cours de français existants avaient lieu le soir, aux heures où les mères gardaient leurs enfants.
[actions]
Deux ateliers par semaine, dans l'école même, pendant le temps scolaire. On y apprend le français de l'école : le cahier de liaison, la cantine, les absences, le bulletin. Une fois par trimestre, les enseignants viennent à l'atelier et les parents visitent la classe.
[means]
Une formatrice FLE à mi-temps, une médiatrice parlant arabe et tamoul ; 38 000 € par an (politique de la ville, FAMI, Ville de Lille) ; une salle prêtée par l'école.
[results]
64 parents en cinq ans, dont 48 ont suivi au moins un trimestre complet. Les écoles constatent que presque tous viennent désormais aux rencontres parents-enseignants. Onze participantes ont ensuite rejoint une formation qualifiante.
[reproduce]
Il faut une direction d'école partante et un horaire qui tient compte de la garde des plus petits ; la médiatrice est décisive pendant les premières semaines.
.
)
p3=$(fiche 540 elodie sysop <<.
title: Testing de l'accès au logement social et formation des bailleurs
org: Préfecture de la Seine-Saint-Denis, mission intégration
org_type: etat
partners: Défenseur des droits, association régionale des organismes HLM, trois bailleurs sociaux
departement: 93
commune: Bobigny
themes: discriminations logement
public: Demandeurs de logement social ; agents d'attribution des bailleurs
start: 2022
end: 12/2023
contact_login: elodie
contact:
docs: $(doc "Discriminations dans l'accès au logement")
[context]
Des associations signalaient des refus répétés pour des ménages dont le nom suggérait une origine étrangère, sans que rien ne puisse être prouvé dossier par dossier.
[actions]
Un test de situation (testing) sur 400 demandes fictives appariées, mené avec le Défenseur des droits, puis des ateliers d'une journée pour 120 agents d'attribution : droit de la non-discrimination, biais dans l'examen des dossiers, traçabilité des motifs de refus.
[means]
Un chargé de mission à temps plein pendant un an ; 55 000 € (crédits de lutte contre les discriminations) dont 30 000 € pour le cabinet chargé du testing.
[results]
Écart de réponses positives de 14 points au premier test, de 5 points au second, un an après les formations. Deux bailleurs ont modifié leur grille de motifs de refus.
[reproduce]
Le testing doit être conduit par un tiers reconnu et les résultats partagés avec les bailleurs avant toute publication : c'est ce qui les a fait entrer dans la démarche plutôt que se défendre.
.
)
p4=$(fiche 470 demo elodie <<.
title: Permanence d'accès aux droits dans les hôtels sociaux
org: CCAS de Villeurbanne
org_type: collectivite
partners: SIAO du Rhône, Médecins du Monde, Secours populaire
departement: 69
commune: Villeurbanne
themes: acces-droits logement sante
public: Familles hébergées à l'hôtel au titre de l'urgence, souvent en demande d'asile ou déboutées
start: 03/2022
end:
contact_login: demo
contact: Camille Durand, 04 78 00 00 00
docs: $(doc "Circulaire relative à la domiciliation") $(doc "L'aide médicale de l'État")
[context]
Plus de deux cents familles vivent dans des hôtels de la commune, loin de tout guichet. Les enfants n'étaient pas toujours scolarisés et beaucoup de droits restaient ouverts ailleurs, ou jamais demandés.
[actions]
Une permanence mobile d'une demi-journée par hôtel et par quinzaine : domiciliation, inscription scolaire, complémentaire santé, aide alimentaire. Une fiche de liaison suit la famille si elle change d'hôtel.
[means]
Deux travailleuses sociales du CCAS, un véhicule, une infirmière de Médecins du Monde une fois par mois.
[results]
Tous les enfants de 3 à 16 ans des hôtels suivis sont inscrits à l'école ; 170 familles domiciliées ; orientation vers un hébergement stable pour 41 d'entre elles.
[reproduce]
L'accord des hôteliers et du SIAO est indispensable ; prévoir un temps de coordination hebdomadaire, sinon les familles relogées sont perdues de vue.
.
)
p5=$(fiche 400 francois elodie <<'.'
title: Exposition itinérante « Nos quartiers, nos mémoires »
org: Centre de ressources Migrations et Territoires
org_type: association
partners: Musée national de l'histoire de l'immigration, archives départementales, cinq médiathèques
departement: 13
commune: Marseille
themes: memoire-histoire citoyennete culture-sport
public: Habitants des quartiers nord, collégiens, personnes âgées immigrées
start: 2021
end: 2023
contact_login: francois
contact:
[context]
Les récits des habitants arrivés dans les années 1960 et 1970 disparaissaient avec eux ; les jeunes du quartier en ignoraient presque tout.
[actions]
Collecte de cinquante témoignages par des collégiens formés à l'entretien, numérisation de photographies de familles, puis une exposition de douze panneaux qui a circulé dans les médiathèques et les collèges, accompagnée de rencontres avec les témoins.
[means]
Une chargée de projet, une historienne vacataire ; 42 000 € (politique de la ville, département des Bouches-du-Rhône, mécénat).
[results]
Plus de 9 000 visiteurs ; les témoignages sont versés aux archives départementales ; trois collèges ont inscrit l'exposition dans leur programme d'histoire.
[reproduce]
Commencer par les associations de retraités et les amicales : ce sont elles qui ouvrent les portes des témoins.
.
)
p6=$(fiche 330 karim elodie <<.
title: Parrainage vers l'emploi des réfugiés diplômés
org: Association Accueil et Promotion
org_type: association
partners: France Travail (agence de Lille-Fives), club d'entreprises FACE Métropole, université de Lille
departement: 59
commune: Lille
themes: emploi protection-internationale
public: Bénéficiaires d'une protection internationale, titulaires d'un diplôme du supérieur obtenu à l'étranger
start: 01/2023
end:
contact_login: karim
contact:
docs: $(doc "Instruction relative à l'accompagnement")
[context]
Des ingénieures, des médecins, des juristes réfugiés restaient des années dans des emplois sans rapport avec leurs compétences, faute de réseau et de reconnaissance de leurs diplômes.
[actions]
Chaque personne est accompagnée six mois par un parrain ou une marraine du même métier ; en parallèle, une démarche de reconnaissance du diplôme (attestation de comparabilité) et des ateliers de français professionnel.
[means]
Une coordinatrice à mi-temps ; 45 parrains bénévoles ; 25 000 € par an (fonds d'intégration des réfugiés).
[results]
Sur 72 personnes accompagnées, 39 ont un emploi de leur niveau de qualification ou une formation qualifiante dans l'année.
[reproduce]
Recruter les parrains par les réseaux professionnels plutôt que par appel général ; une charte courte fixe ce que le parrain fait, et ce qu'il ne fait pas.
.
)
p7=$(fiche 250 amelie sysop <<.
title: Médiation santé pour les femmes enceintes allophones
org: CPAM du Rhône, avec la CAF du Rhône
org_type: securite-sociale
partners: Hospices civils de Lyon, protection maternelle et infantile, ISM Interprétariat
departement: 69
commune: Vénissieux
themes: sante femmes acces-droits
public: Femmes enceintes ne parlant pas ou peu le français, sans couverture maladie ou avec des droits incomplets
start: 04/2023
end:
contact_login: amelie
contact:
docs: $(doc "L'aide médicale de l'État")
[context]
Des femmes arrivaient aux urgences de la maternité sans aucun suivi de grossesse, faute de droits ouverts et de compréhension du parcours de soins.
[actions]
Une médiatrice en santé reçoit les femmes repérées par la PMI ou l'hôpital, ouvre les droits en une semaine (procédure accélérée avec la CPAM), prend les rendez-vous de suivi et accompagne le premier, avec un interprète.
[means]
Une médiatrice à temps plein, 400 heures d'interprétariat par an ; 60 000 € (agence régionale de santé, assurance maladie).
[results]
210 femmes suivies ; 92 % ont eu au moins quatre consultations prénatales ; plus aucune arrivée sans suivi dans les deux maternités partenaires.
[reproduce]
Une procédure d'ouverture accélérée négociée avec la CPAM, et un seul numéro pour joindre la médiatrice.
.
)
p8=$(fiche 160 demo elodie <<.
title: Cafés des langues intergénérationnels
org: CCAS de Villeurbanne
org_type: collectivite
partners: Résidence autonomie Les Tilleuls, association Entraide Bourgogne-Villeurbanne
departement: 69
commune: Villeurbanne
themes: francais vieillissement citoyennete
public: Immigrés âgés isolés et nouveaux arrivants qui apprennent le français
start: 10/2023
end:
contact_login: demo
contact:
docs: $(doc "Vieillir en foyer de travailleurs migrants")
[context]
Les résidents immigrés âgés de la résidence autonomie sortaient peu ; à deux rues de là, des nouveaux arrivants cherchaient à pratiquer le français en dehors des cours.
[actions]
Chaque mardi après-midi, un café des langues à la résidence : conversation en petits groupes, jeux de mots, recettes échangées, sorties au marché. Les résidents deviennent « tuteurs de conversation ».
[means]
Une animatrice du CCAS deux heures par semaine, des bénévoles, un budget de 1 500 € par an pour les goûters et les sorties.
[results]
Une vingtaine de participants réguliers ; les résidents disent se sentir utiles, et plusieurs apprenants ont trouvé par ce biais un premier contact pour un emploi d'aide à domicile.
[reproduce]
Peu de moyens, mais une personne qui tient le rendez-vous chaque semaine, même quand il n'y a que trois participants.
.
)
p9=$(fiche 75 karim elodie <<.
title: Formation des agents d'accueil à la lutte contre les discriminations
org: Ville de Roubaix
org_type: collectivite
partners: Délégation du Défenseur des droits, centre de gestion de la fonction publique territoriale
departement: 59
commune: Roubaix
themes: discriminations acces-droits
public: Agents d'accueil des services municipaux, du CCAS et des mairies de quartier
start: 02/2024
end: 06/2024
contact_login:
contact: Service égalité de la Ville de Roubaix, egalite@ville-roubaix.example
docs: $(doc "Accueillir les nouveaux arrivants étrangers")
[context]
Des usagers se plaignaient d'être renvoyés d'un guichet à l'autre ou de se voir réclamer des pièces non exigées par les textes, en particulier les personnes étrangères.
[actions]
Douze sessions d'une journée : le cadre juridique, les pièces exigibles pour chaque démarche, des mises en situation filmées et débattues. Un guide de poche des pièces exigibles a été remis à chaque agent.
[means]
Deux formatrices du centre de gestion, 8 000 € ; les agents ont été remplacés au guichet pendant leur journée de formation.
[results]
160 agents formés ; les réclamations pour demande de pièces non exigibles ont baissé de moitié en six mois.
[reproduce]
Le guide de poche a été plus utile que prévu : le préparer avec les agents eux-mêmes.
.
)
fiche 3 demo - >/dev/null <<.
title: Accompagnement numérique des demandeurs d'asile
org: CCAS de Villeurbanne
org_type: collectivite
partners: Emmaüs Connect, plateforme d'accueil des demandeurs d'asile (PADA)
departement: 69
commune: Villeurbanne
themes: protection-internationale acces-droits
public: Demandeurs d'asile et bénéficiaires d'une protection internationale peu familiers des démarches en ligne
start: 01/2025
end:
contact_login: demo
contact:
docs: $(doc "Instruction relative à l'accompagnement")
[context]
Presque toutes les démarches (titre de séjour, allocation, rendez-vous en préfecture) passent désormais par des plateformes en ligne.
[actions]
Des ateliers hebdomadaires en petits groupes avec un interprète : créer une adresse électronique, suivre son dossier, prendre un rendez-vous, se protéger des arnaques.
[means]
Un conseiller numérique, des ordinateurs prêtés par Emmaüs Connect.
[results]
Premier bilan à six mois.
[reproduce]
À préciser après la première année.
.

follow "$p1" demo
follow "$p1" karim
follow "$p2" demo
follow "$p2" amelie
follow "$p2" francois
follow "$p3" karim
follow "$p4" karim
follow "$p4" amelie
follow "$p6" elodie
follow "$p7" demo
follow "$p8" karim
echo "Catalogue : 10 fiches de démonstration (dont une à valider)."
