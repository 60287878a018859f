/*
 * admin_mail.h - the e-mails Palabre sends (admin_mail.c): built with
 * GMime (RFC 2047 headers, a quoted-printable UTF-8 text body whose lines
 * are at most MAIL_COLUMNS wide) and handed to the system's MTA through
 * the standard sendmail interface ([mail] sendmail). Only the sysop's
 * command « palabre admin digest send » uses it: a session never mails
 * (its sandbox has no execve).
 */
#ifndef PALABRE_ADMIN_MAIL_H
#define PALABRE_ADMIN_MAIL_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct store_mail_to;

#define MAIL_COLUMNS	78	/* widest line of a body (RFC 5322) */

/* One item of a digest, as « Quoi de neuf » shows it. */
struct mail_item {
	const char	*id;		/* « m12 », for « lire m12 » */
	const char	*kind;		/* « Réponse », « Document »... */
	const char	*title;
	const char	*where;		/* forum, section, « » if none */
	const char	*who;		/* « » if none */
	int64_t		 at;
};

/*
 * The three mails, as whole RFC 5322 messages ready for sendmail -t (new
 * strings): the confirmation code, the notice of a private message
 * (who wrote, never what), and a digest of n items (n > 0; more: how
 * many new ones it leaves to « quoi-de-neuf »). now is the
 * Date; the Message-ID is new each time.
 */
char	*mail_code(const struct config *, const struct store_mail_to *,
	    int64_t now);
char	*mail_note(const struct config *, const struct store_mail_to *,
	    int64_t now);
char	*mail_digest(const struct config *, const struct store_mail_to *,
	    const struct mail_item *, size_t n, size_t more, int64_t now);

/* What sendmail said. */
enum mail_submit {
	MAIL_SENT,		/* exit 0: the MTA has it */
	MAIL_LATER,		/* EX_TEMPFAIL, a time-out: try again */
	MAIL_REFUSED,		/* the address or the message refused */
	MAIL_BROKEN		/* sendmail could not run or is misconfigured:
				 * stop, nothing is the address's fault */
};
/*
 * Hand data to cfg's sendmail (no shell; killed if this process dies,
 * so a message is never half-given to an MTA that then delivers it).
 * *why (new string, may be NULL) gets what sendmail wrote, or what went
 * wrong, on one line.
 */
enum mail_submit mail_submit(const struct config *, const char *data,
	    char **why);

#endif /* PALABRE_ADMIN_MAIL_H */
