/*
 * store_rc.c - the sentences of the store's result codes (store_rc.h).
 *
 * One table, indexed by code, so that a member reads the same sentence
 * for one outcome on every screen, in "palabre admin" and in the SSH
 * commands. French typography: a no-break space (U+00A0) before « : »
 * and inside « », a narrow one (U+202F) before « ; ! ? ».
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/store.h"

static const struct {
	const char	*name;
	const char	*text;
} store_rc_table[] = {
#define RC(rc, text)	[(rc) - STORE_RC_FIRST] = { #rc, text }
	RC(STORE_ERR, "La base de données n'a pas répondu\u00a0: réessayez "
	    "dans un instant."),
	RC(STORE_OK, "C'est fait."),
	RC(STORE_NOT_FOUND, "Introuvable\u00a0: cet élément n'existe pas ou "
	    "plus, ou ne vous est pas ouvert."),
	RC(STORE_TOO_LONG, "C'est trop long\u00a0: raccourcissez le texte ou "
	    "la liste."),
	RC(STORE_EMPTY, "Un champ obligatoire est vide."),
	RC(STORE_INVALID, "Cette valeur n'est pas reconnue\u00a0: vérifiez "
	    "sa forme (une date, une heure, un choix de la liste)."),
	RC(STORE_BAD_LINK, "Ce numéro ne désigne aucun autre document."),
	RC(STORE_FORBIDDEN, "Votre rôle ne vous le permet pas."),
	RC(STORE_STATE, "Ce n'est plus possible\u00a0: l'élément a changé "
	    "d'état entre-temps."),
	RC(STORE_LOCKED, "Ce sujet est verrouillé\u00a0: on n'y répond "
	    "plus."),
	RC(STORE_TAKEN, "Cet identifiant ou cette référence sert déjà "
	    "ailleurs."),
	RC(STORE_KEY_TAKEN, "Cette clé appartient déjà à un autre compte."),
	RC(STORE_EXISTS, "C'est déjà fait\u00a0: rien n'a changé."),
	RC(STORE_TOO_LATE, "Il est trop tard\u00a0: la date limite est "
	    "passée."),
	RC(STORE_CANCELLED, "Cette journée est annulée."),
	RC(STORE_BLOCKED, "Cette personne ne reçoit pas vos messages."),
	RC(STORE_NO_RECIPIENT, "Il faut au moins un destinataire autre que "
	    "vous-même."),
	RC(STORE_TOO_MANY, "Trop d'éléments\u00a0: la limite est atteinte."),
	RC(STORE_FULL, "Trop de demandes attendent déjà\u202f; réessayez "
	    "plus tard."),
	RC(STORE_DRAFT_SENT, "Ce brouillon a déjà été envoyé\u00a0: il ne "
	    "l'est pas une seconde fois."),
#undef RC
};

/* The row of rc, or -1 if rc is no code. */
static int
store_rc_index(int rc)
{
	if (rc < STORE_RC_FIRST || rc > STORE_RC_LAST)
		return -1;
	return rc - STORE_RC_FIRST;
}

const char *
store_rc_text(enum store_rc rc)
{
	int i = store_rc_index(rc);

	/* An unknown number can only be a failure: never a refusal. */
	return i < 0 ? store_rc_table[0].text : store_rc_table[i].text;
}

const char *
store_rc_name(enum store_rc rc)
{
	int i = store_rc_index(rc);

	return i < 0 ? "STORE_?" : store_rc_table[i].name;
}

const char *
store_rc_say(const struct store *s, int rc)
{
	static char buf[160];
	enum store_fault f;

	if (rc != STORE_ERR || s == NULL)
		return store_rc_text(rc);
	/* An I/O error has no word a member could act on. */
	if ((f = store_fault(s)) == STORE_FAULT_NONE || f == STORE_FAULT_IO)
		return store_rc_text(rc);
	snprintf(buf, sizeof(buf), "La base de données n'a pas répondu "
	    "(%s)\u00a0: réessayez dans un instant.", store_fault_label(f));
	return buf;
}
