#!/bin/sh
# Demo people: directory profiles of the demo members, private
# conversations between them, and two applicants waiting for approval,
# all through "palabre admin" like a sysop would.
# Usage: people.sh PALABRE_BINARY CONFIG_FILE
set -eu
bin=$1
conf=$2

admin() {
	"$bin" -c "$conf" admin "$@"
}
set_() {	# LOGIN FIELD VALUE
	admin user set "$1" "$2" "$3" >/dev/null
}
ago() {		# DAYS HH:MM
	printf '%sT%s' "$(date -d "-$1 days" +%Y-%m-%d)" "$2"
}

# --- Profiles -----------------------------------------------------------------

set_ demo type collectivite
set_ demo fonction "Responsable du pôle accès aux droits"
set_ demo territoire 69
set_ demo expertise "domiciliation, accès aux droits, accueil sans rendez-vous"
set_ demo presentation "Au CCAS de Villeurbanne depuis 2016. Nous accueillons
chaque année près de 3 000 personnes en domiciliation. Je cherche des
échanges sur l'organisation du guichet et la remise du courrier."
set_ demo email "camille.durand@ccas-villeurbanne.fr"
admin user show demo email >/dev/null

set_ sysop type etat
set_ sysop fonction "Animatrice nationale du réseau"
set_ sysop territoire 75
set_ sysop expertise "animation de réseau, politique d'intégration"
set_ sysop presentation "J'anime le réseau et ses journées d'échanges. Écrivez-moi
pour proposer un sujet, une intervention ou signaler un problème."

set_ elodie type etat
set_ elodie fonction "Chargée de mission intégration des étrangers primo-arrivants"
set_ elodie territoire 93
set_ elodie expertise "contrat d'intégration républicaine, apprentissage du français, réfugiés"
set_ elodie presentation "Je coordonne le programme départemental d'intégration
et les comités de pilotage avec l'OFII et les associations."

set_ karim type association
set_ karim fonction "Coordinateur des ateliers sociolinguistiques"
set_ karim territoire 59
set_ karim expertise "français langue étrangère, ateliers sociolinguistiques, bénévolat, domiciliation"
set_ karim presentation "Association agréée pour la domiciliation à Lille. Nous
animons douze ateliers de français par semaine avec 40 bénévoles."

set_ francois type association
set_ francois fonction "Documentaliste"
set_ francois territoire 13
set_ francois expertise "veille juridique, droit des étrangers, mémoire de l'immigration"
set_ francois presentation "Je tiens la bibliothèque du réseau : circulaires,
études, rapports. Signalez-moi les textes qui manquent."

set_ amelie type securite-sociale
set_ amelie fonction "Conseillère technique, service action sociale"
set_ amelie territoire 69
set_ amelie expertise "ouverture des droits, prestations familiales, parentalité"
set_ amelie presentation "À la CAF du Rhône, je fais le lien entre les services
instructeurs et les partenaires de l'accès aux droits."
admin user hide amelie fonction >/dev/null

# --- Private conversations -----------------------------------------------------

m1=$(admin message send --from demo --to karim \
    --subject "Vos casiers de domiciliation" --date "$(ago 22 09:40)" <<'.'
Bonjour Karim,

Merci pour votre réponse sur le forum. Pourrais-je venir voir votre
organisation des casiers un mardi après-midi ? Nous réaménageons notre
accueil en septembre et j'aimerais en parler avec l'équipe avant.

Camille
.
)
m2=$(admin message reply --to "$m1" --author karim --date "$(ago 21 14:05)" <<'.'
> Pourrais-je venir voir votre organisation des casiers un mardi
> après-midi ?

Avec plaisir ! Le mardi 14 h – 16 h est notre créneau de distribution :
c'est le meilleur moment pour voir le circuit complet. Prévenez-moi la
veille, je vous présenterai Fatou qui a conçu le système.
.
)
admin message reply --to "$m2" --author demo --date "$(ago 21 16:30)" \
    >/dev/null <<'.'
Parfait, je viens mardi prochain avec ma collègue de l'accueil. Merci !
.

m3=$(admin message send --from elodie --to "karim amelie" \
    --subject "Journée d'échanges de juin : atelier FLE" \
    --date "$(ago 6 11:15)" <<'.'
Bonjour à tous les deux,

Pour la journée d'échanges de juin, je propose un atelier commun :
Karim présenterait les ateliers sociolinguistiques, Amélie le
parcours d'ouverture des droits des familles qui y participent.
Une heure, questions comprises. Qu'en pensez-vous ?

Élodie
.
)
admin message reply --to "$m3" --author amelie --date "$(ago 5 08:50)" \
    >/dev/null <<'.'
Bonne idée. Je peux venir avec deux situations anonymisées de familles
accompagnées en 2023 : ça parle toujours plus que les chiffres.
.
admin message send --from francois --to demo \
    --subject "Circulaire sur la domiciliation" --date "$(ago 2 10:20)" \
    >/dev/null <<'.'
Bonjour Camille,

La nouvelle instruction sur la domiciliation vient d'être mise en ligne
dans la bibliothèque du réseau, avec la foire aux questions de la DGCS.
Je pense qu'elle répond à votre question sur les justificatifs.

Bien cordialement,
François
.

# --- Applicants waiting for approval -------------------------------------------

printf 'bienvenue\n' | admin user add nadia --role membre --pending \
    --name "Nadia Haddad" --org "Mairie de Roubaix, mission égalité" \
    --password-stdin >/dev/null
printf 'bienvenue\n' | admin user add yannick --role membre --pending \
    --name "Yannick Le Goff" --org "Mission locale du pays de Brest" \
    --password-stdin >/dev/null
set_ nadia type collectivite
set_ nadia fonction "Référente lutte contre les discriminations"
set_ nadia territoire 59
set_ nadia email "n.haddad@ville-roubaix.fr"
set_ yannick type association
set_ yannick fonction "Conseiller en insertion des jeunes"
set_ yannick territoire 29
set_ yannick email "y.legoff@ml-brest.fr"
