#!/bin/sh
# Demo threads for the boards, written through "palabre admin post" as
# the demo members. Each post is declared with how many days ago and at
# what time it was written; they are then posted in date order (post
# numbers follow time), replies naming their parent by its label.
# Usage: boards.sh PALABRE_BINARY CONFIG_FILE
set -eu
bin=$1
conf=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# post LABEL DAYS_AGO HH:MM AUTHOR board:KEY|LABEL [TITLE] < body
post() {
	when="$(date -d "-$2 days" +%Y-%m-%d)T$3"
	cat > "$tmp/$1.txt"
	printf '%s|%s|%s|%s|%s\n' "$when" "$1" "$4" "$5" "${6:-}" \
	    >> "$tmp/index"
}

# --- Domiciliation (accès aux droits) -------------------------------------
post dom 24 09:12 demo board:acces-aux-droits \
    "Domiciliation : comment organisez-vous l'accueil ?" <<'.'
Bonjour à toutes et à tous,

Au CCAS de Villeurbanne, les demandes de domiciliation ont presque doublé
en deux ans. Nous recevons sans rendez-vous deux matinées par semaine et
la file d'attente déborde sur le trottoir dès 8 heures.

Comment faites-vous ? Rendez-vous, permanences partagées avec des
associations agréées, pré-accueil par téléphone ? Je cherche surtout des
retours sur la remise du courrier : c'est ce qui nous prend le plus de
temps au guichet.

Camille
.
post dom-karim 24 15:10 karim dom <<'.'
Bonjour Camille,

Nous sommes association agréée pour la domiciliation à Lille. Depuis un an,
le premier entretien se fait sur rendez-vous (48 heures de délai au plus)
et la distribution du courrier a lieu tous les jours de 14 à 16 heures,
sans rendez-vous, avec un simple contrôle de pièce d'identité.

Ce qui nous a fait gagner le plus : un casier numéroté par personne et un
SMS quand un courrier « important » arrive (CAF, préfecture, tribunal).
.
post dom-amelie 23 10:02 amelie dom <<'.'
Du côté de la CAF, un rappel utile : l'attestation d'élection de domicile
(Cerfa 15548) suffit pour ouvrir les droits, il n'y a pas à demander de
justificatif supplémentaire. Nous voyons encore des dossiers bloqués
parce qu'un partenaire a exigé une facture ou une attestation d'hébergement.

Si vous avez des refus de ce type, écrivez-moi : nous faisons le lien avec
les services instructeurs.
.
post dom-demo 23 17:45 demo dom-karim <<'.'
Merci Karim, l'idée du SMS est excellente. Vous passez par quel outil ?
Et comment recueillez-vous le consentement des personnes pour utiliser
leur numéro ?
.
post dom-karim2 22 09:30 karim dom-demo <<'.'
Un service d'envoi de SMS groupés tout simple, payé sur notre budget de
fonctionnement (une quarantaine d'euros par mois). Le consentement est
recueilli par écrit au premier entretien, sur le formulaire d'élection de
domicile ; la personne peut le retirer à tout moment.
.
post dom-elodie 20 11:20 elodie dom <<'.'
Bonjour,

Pour information, le schéma départemental de la domiciliation est en
cours de révision dans plusieurs départements. C'est le bon moment pour
faire remonter ces pratiques (et les difficultés) aux DDETS : les
schémas précédents sous-estimaient largement la demande.
.

# --- Protection internationale ---------------------------------------------
post bpi 21 08:50 amelie board:protection-internationale \
    "Ouverture des droits après le statut : des délais qui s'allongent" <<'.'
Bonjour,

À la CAF du Rhône, nous constatons que le délai entre l'obtention du
statut de réfugié et le premier versement du RSA dépasse souvent trois
mois. Le blocage le plus fréquent : l'acte d'état civil établi par
l'OFPRA, qui arrive tard, alors que le numéro de sécurité sociale
définitif en dépend.

Avez-vous trouvé des solutions pour accompagner les personnes pendant
cette période ?
.
post bpi-elodie 21 14:05 elodie bpi <<'.'
Côté préfecture, nous délivrons désormais un récépissé mentionnant la
protection dès la notification de la décision, sans attendre la carte.
Il permet l'ouverture des droits : n'hésitez pas à le rappeler aux
organismes qui demandent « le titre définitif ».
.
post bpi-amelie2 20 09:15 amelie bpi-elodie <<'.'
Merci Élodie, c'est précieux. Je diffuse l'information en interne : nos
agents d'accueil ne savaient pas tous que ce récépissé suffit.
.
post bpi-demo 19 16:40 demo bpi <<'.'
Au CCAS, nous attribuons une aide facultative de subsistance pendant
l'attente, sur simple évaluation du travailleur social. Ce n'est pas
grand-chose, mais cela évite les ruptures de loyer dans les premières
semaines de sortie du CADA.
.
post bpi-francois 18 10:00 francois bpi <<'.'
Pour celles et ceux qui accompagnent ces sorties, le centre de ressources
a mis à jour sa fiche « Les droits des bénéficiaires de la protection
internationale » : délais, pièces à fournir, recours. Je la dépose dans
le tableau « Ressources et documentation ».
.

# --- Cours de français pour les parents --------------------------------------
post fle 18 13:30 karim board:apprentissage-francais \
    "Des cours de français pour les parents, à l'école de leurs enfants" <<'.'
Bonjour,

Notre association anime depuis septembre deux ateliers de français dans
des écoles élémentaires de Lille-Sud, le mardi et le jeudi matin, juste
après l'entrée en classe. Les mères (surtout elles) viennent
naturellement : pas de transport, pas de garde à trouver.

Nous travaillons le vocabulaire de l'école, le cahier de liaison, les
rendez-vous avec l'enseignant. Quelqu'un a-t-il déjà fait évaluer ce
type d'atelier ? Nous devons rendre un bilan au financeur en juin.
.
post fle-demo 17 09:05 demo fle <<'.'
Très belle initiative. À Villeurbanne, les parents nous disent que leur
première difficulté est de comprendre les mots de la cantine et du
périscolaire : tarifs, inscriptions, quotient familial. Ce serait un bon
module à ajouter.
.
post fle-karim2 17 18:20 karim fle-demo <<'.'
Bonne idée, merci ! Nous allons demander au service périscolaire de la
ville de venir présenter les inscriptions pendant un atelier : ce sera
un exercice de compréhension orale en situation réelle.
.
post fle-francois 15 11:10 francois fle <<'.'
Pour l'évaluation, regardez le dispositif « Ouvrir l'école aux parents
pour la réussite des enfants » (OEPRE) : son cadre national propose une
grille de suivi des compétences et un modèle de bilan qui conviennent
bien aux financeurs. Plusieurs académies en publient des exemples.
.
post fle-amelie 14 08:40 amelie fle-francois <<'.'
Et la CAF peut cofinancer ces ateliers au titre de la parentalité
(REAAP) : le dossier est léger, et l'appel à projets ouvre en février.
.

# --- Rendez-vous en préfecture ----------------------------------------------
post rdv 14 10:00 elodie board:acces-aux-droits \
    "Rendez-vous en préfecture : ce qui change au 1er décembre" <<'.'
Bonjour à tous,

À partir du 1er décembre, la préfecture de la Seine-Saint-Denis abandonne
la mise en ligne des créneaux à heure fixe, qui favorisait les robots de
réservation et la revente de rendez-vous. Les demandes seront déposées
sur un formulaire, puis une convocation sera envoyée par courriel sous
quinze jours, dans l'ordre d'arrivée.

Les structures d'accompagnement pourront déposer la demande pour le
compte des personnes, avec leur accord. Vos questions sont les
bienvenues ici.
.
post rdv-karim 13 09:25 karim rdv <<'.'
Enfin ! Nous avons accompagné des personnes qui avaient payé jusqu'à
200 euros un rendez-vous « garanti ». Une question : la convocation
arrivera-t-elle aussi à l'adresse de la structure quand la personne
n'a pas de courriel ?
.
post rdv-elodie2 13 14:50 elodie rdv-karim <<'.'
Oui : le formulaire permet d'indiquer le courriel de la structure qui
accompagne. C'est même ce que nous recommandons pour les personnes
domiciliées.
.
post rdv-demo 12 10:35 demo rdv <<'.'
Merci pour l'annonce. Pourriez-vous partager une affiche ou un texte
simple à afficher dans nos salles d'attente ? Idéalement en plusieurs
langues.
.

# --- Testing logement (discriminations) --------------------------------------
post test 12 15:00 karim board:discriminations \
    "Testing sur l'accès au logement privé : retour sur notre campagne" <<'.'
Bonjour,

Nous avons mené cet automne un testing sur 120 annonces de location dans
la métropole lilloise : deux candidatures identiques, sauf le nom et le
prénom. Résultat : le candidat au nom à consonance maghrébine a obtenu
une visite deux fois moins souvent.

Nous allons transmettre les résultats au Défenseur des droits et aux
agences concernées. Quelqu'un a-t-il l'expérience d'une restitution aux
agences ? Nous hésitons entre une réunion collective et des courriers
individuels.
.
post test-francois 11 10:20 francois test <<'.'
Bonjour Karim,

Attention à la méthode si vous envisagez une suite contentieuse : le
testing est admis comme preuve, mais le protocole doit être écrit à
l'avance et les échanges conservés tels quels. Le centre de ressources
a un guide méthodologique que je peux vous envoyer.
.
post test-elodie 10 16:05 elodie test <<'.'
Nous avons organisé une restitution collective avec la chambre
départementale des agents immobiliers il y a deux ans. Le ton était
constructif, sans mise en cause nominative, et plusieurs agences ont
ensuite demandé une formation pour leurs équipes.
.
post test-karim2 9 11:45 karim test-elodie <<'.'
Merci, c'est exactement le type de suite que nous espérons. Pourriez-vous
me mettre en relation avec la personne qui a animé cette restitution ?
.
post test-amelie 8 09:10 amelie test <<'.'
Bravo pour ce travail. Les résultats sont-ils publics ? Ils
intéresseraient nos administrateurs, qui financent des actions d'accès au
logement.
.

# --- Mentorat vers l'emploi --------------------------------------------------
post ment 9 14:30 demo board:emploi-insertion \
    "Mentorat vers l'emploi : des retours d'expérience ?" <<'.'
Bonjour,

Nous aimerions lancer un programme de mentorat entre des salariés
d'entreprises locales et des personnes réfugiées en recherche d'emploi.
Avant de nous lancer : quelle durée d'accompagnement, quel rythme de
rencontres, et comment éviter que le mentor ne devienne « l'assistant
social » de son binôme ?
.
post ment-karim 8 10:15 karim ment <<'.'
Six mois, une rencontre toutes les deux semaines, et surtout une charte
signée par les deux : le mentor parle du métier, du réseau, des codes de
l'entreprise, et renvoie vers nous pour tout le reste. Une réunion des
mentors chaque trimestre aide beaucoup à tenir ce cadre.
.
post ment-amelie 6 15:20 amelie ment <<'.'
Nous finançons deux programmes de ce type. Ceux qui marchent le mieux
associent France Travail dès le départ : les personnes restent inscrites
et le mentorat complète l'accompagnement au lieu de le remplacer.
.

# --- Coordination des modérateurs ---------------------------------------------
post mod 6 18:00 elodie board:coordination-moderateurs \
    "Signalements : proposons-nous un délai de réponse ?" <<'.'
Bonjour,

Je propose que chaque signalement reçoive une réponse sous 48 heures
ouvrées, même quand la décision prend plus de temps. Qu'en pensez-vous ?
.
post mod-sysop 6 19:30 sysop mod <<'.'
D'accord pour 48 heures. Je l'ajoute à la charte de modération et je
l'annonce dans le prochain édito.
.

# --- Présentations -----------------------------------------------------------
post bjr 5 09:00 francois board:bienvenue "Bonjour à toutes et à tous" <<'.'
Bonjour,

Je suis documentaliste au centre de ressources Migrations et Territoires.
Je veille sur les publications, les textes officiels et les études
utiles au réseau ; n'hésitez pas à me solliciter pour une recherche
documentaire, ou à me signaler ce qui manque.
.
post bjr-sysop 5 09:40 sysop bjr <<'.'
Bienvenue François ! Ton aide sera précieuse : le tableau « Ressources et
documentation » t'attendait.
.
post bjr-elodie 4 08:55 elodie bjr <<'.'
Bienvenue ! Je te solliciterai sûrement pour notre prochain état des
lieux sur l'accueil des primo-arrivants.
.

# --- Interprétariat médical ----------------------------------------------------
post int 4 14:00 amelie board:sante \
    "Interprétariat médical : qui finance chez vous ?" <<'.'
Bonjour,

Plusieurs centres de santé de notre territoire renoncent à
l'interprétariat professionnel faute de financement et se reposent sur
les enfants des patients pour traduire. Comment les choses
s'organisent-elles ailleurs ? ARS, collectivités, hôpitaux ?
.
post int-demo 3 11:30 demo int <<'.'
À Villeurbanne, la ville finance un forfait d'heures d'interprétariat
par téléphone, partagé entre le CCAS et les centres de santé municipaux.
C'est imparfait (pas de présentiel), mais les enfants ne traduisent
plus les consultations.
.
post int-karim 2 17:10 karim int-demo <<'.'
Le forfait mutualisé, c'est une très bonne idée. Savez-vous si la
convention est partageable ? Nous pourrions la proposer à la métropole.
.

# --- Annonces du réseau (sujets validés par un modérateur) --------------------
post ann 3 10:00 amelie board:annonces-reseau \
    "Journée régionale du réseau à Lyon, le jeudi 15 janvier" <<'.'
Bonjour,

La journée régionale Auvergne-Rhône-Alpes du réseau aura lieu le jeudi
15 janvier à Lyon, à la Maison des associations. Au programme : l'accès
aux droits après la protection internationale, et un atelier sur les
cours de français pour les parents.

Inscription gratuite mais obligatoire, avant le 20 décembre.
.
post job 1 16:00 karim board:annonces-reseau \
    "Offre d'emploi : coordinateur ou coordinatrice d'ateliers sociolinguistiques" <<'.'
Bonjour,

Accueil et Promotion recrute un coordinateur ou une coordinatrice des
ateliers sociolinguistiques (CDI, temps plein, Lille). Expérience de
l'animation de bénévoles souhaitée. Candidatures avant le 31 décembre.
.

# Post in date order; replies find their parent's number by label.
sort "$tmp/index" | while IFS='|' read -r when label author target title; do
	case $target in
	board:*)
		id=$("$bin" -c "$conf" admin post new --board "${target#board:}" \
		    --author "$author" --title "$title" --date "$when" \
		    < "$tmp/$label.txt")
		;;
	*)
		id=$("$bin" -c "$conf" admin post reply \
		    --to "$(cat "$tmp/$target.id")" --author "$author" \
		    --date "$when" < "$tmp/$label.txt")
		;;
	esac
	echo "$id" > "$tmp/$label.id"
done
echo "$(wc -l < "$tmp/index") messages de démonstration écrits."
