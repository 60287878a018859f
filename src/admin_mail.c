/*
 * admin_mail.c - the e-mails Palabre sends, built with GMime, and their
 * submission to the system's MTA through sendmail (admin_mail.h).
 *
 * GMime does the encodings: the subject and display names per RFC 2047
 * (only where a header needs it), the body as quoted-printable UTF-8,
 * header folding, Date, Message-ID. Our part is the French text and its
 * lines: every body line is wrapped by the text layer (txt_wrap, real
 * line breaking) to at most MAIL_COLUMNS columns before encoding.
 *
 * Submission: « sendmail -t -oi » (or what [mail] sendmail says), its
 * words run without a shell, the message on its stdin, recipients read
 * from the headers. The child gets SIGKILL if we die (PR_SET_PDEATHSIG):
 * a kill -9 of the run while sendmail talks to the MTA leaves the
 * message undelivered, so the next run sends it once, instead of twice.
 * Exit codes are sendmail's (sysexits.h): 0 the MTA has it; EX_TEMPFAIL
 * try later; the codes that say the address or the message is refused
 * (msmtp answers EX_DATAERR to an SMTP 550 on RCPT TO) refuse it; the
 * rest (no such program, bad configuration) mean the MTA is broken, and
 * the run stops without blaming anyone's address.
 */
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "admin_mail.h"
#include "config.h"
#include "store/store.h"
#include "text/txt.h"
#include "text/txt_date.h"
#include "util/util.h"

#define MAIL_ARGS_MAX	16		/* words of the sendmail command */
#define MAIL_OUTPUT_MAX	2048		/* bytes of sendmail's output kept */
#define MAIL_TIMEOUT_MS	(120 * 1000)	/* one submission at most */

static void	 mail_init(void);
static pid_t	 mail_spawn(char **, int, int);
static void	 mail_utf8(InternetAddressList *);
static void	 mail_para(struct buf *, size_t, const char *);
static char	*mail_domain(const char *);
static void	 mail_ssh(const struct config *, const char *, struct buf *);
static char	*mail_finish(const struct config *,
		    const struct store_mail_to *, const char *, const char *,
		    int, int64_t);
#define MAIL_UNSUBSCRIBE	0x01	/* List-Unsubscribe */
#define MAIL_BULK		0x02	/* Precedence: bulk */
static void	 mail_footer(const struct config *,
		    const struct store_mail_to *, struct buf *);

static void
mail_init(void)
{
	static int done;

	if (!done) {
		g_mime_init();
		done = 1;
	}
}

static void
mail_utf8(InternetAddressList *l)
{
	int i, n = internet_address_list_length(l);

	for (i = 0; i < n; i++)
		internet_address_set_charset(internet_address_list_get_address(l,
		    i), "utf-8");
}

/* Add text to b wrapped to MAIL_COLUMNS, each line after the first
 * indented by indent spaces (the first is indented by the caller). */
static void
mail_para(struct buf *b, size_t indent, const char *text)
{
	struct txt_line *l = NULL;
	size_t n, i;

	n = txt_wrap(text, strlen(text), MAIL_COLUMNS - indent, &l);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_printf(b, "%*s", (int)indent, "");
		buf_add(b, text + l[i].off, l[i].len);
		buf_adds(b, "\n");
	}
	free(l);
}

/* The domain of the address in « Nom <a@b.fr> » or « a@b.fr »; new. */
static char *
mail_domain(const char *from)
{
	const char *at = strrchr(from, '@');
	size_t n;

	if (at == NULL)
		return xstrdup("localhost");
	n = strcspn(at + 1, ">");
	return xstrndup(at + 1, n);
}

/* « ssh -p 2222 login@host » (no -p for 22), as members type it. */
static void
mail_ssh(const struct config *cfg, const char *login, struct buf *b)
{
	int port = cfg->mail_port != 0 ? cfg->mail_port : cfg->port;
	char *host;

	host = cfg->mail_host[0] != '\0' ? xstrdup(cfg->mail_host) :
	    mail_domain(cfg->mail_from);
	buf_adds(b, "ssh ");
	if (port != 22)
		buf_printf(b, "-p %d ", port);
	buf_printf(b, "%s@%s", login, host);
	free(host);
}

/* How to stop, at the end of every mail but the code. */
static void
mail_footer(const struct config *cfg, const struct store_mail_to *to,
    struct buf *b)
{
	struct buf t;
	char *lt;

	buf_init(&t);
	buf_adds(b, "\n-- \n");
	buf_printf(&t, "Vous recevez ce courriel parce que vous l'avez "
	    "demandé dans « Mon profil » sur %s%s. Pour ne plus le recevoir : ",
	    cfg->site_article, cfg->site_name);
	mail_ssh(cfg, to->login, &t);
	buf_adds(&t, ", puis « Mon profil », « Courriels ». Ou écrivez à ");
	lt = strchr(cfg->mail_from, '<');
	if (lt != NULL)
		buf_add(&t, lt + 1, strcspn(lt + 1, ">"));
	else
		buf_adds(&t, cfg->mail_from);
	buf_adds(&t, " avec pour objet « désabonnement » : l'équipe "
	    "l'arrêtera pour vous.");
	buf_add(&t, "", 1);
	mail_para(b, 0, t.data);
	buf_free(&t);
}

/*
 * The message around body (clean UTF-8, lines already at most
 * MAIL_COLUMNS wide): From, To, Subject, Date (Paris), Message-ID,
 * Auto-Submitted, and as flags say List-Unsubscribe, Precedence: bulk.
 */
static char *
mail_finish(const struct config *cfg, const struct store_mail_to *to,
    const char *subject, const char *body, int flags, int64_t now)
{
	GMimeMessage *m;
	GMimeTextPart *part;
	InternetAddressList *from;
	GMimeDataWrapper *content;
	GMimeStream *stream;
	GDateTime *utc, *paris;
	GTimeZone *tz;
	char *domain, *id, *out, *unsub, *lt, *raw;
	size_t alen;
	const char *addr;

	mail_init();
	m = g_mime_message_new(TRUE);
	if ((from = internet_address_list_parse(NULL, cfg->mail_from)) !=
	    NULL) {
		internet_address_list_append(g_mime_message_get_from(m), from);
		g_object_unref(from);
	}
	g_mime_message_add_mailbox(m, GMIME_ADDRESS_TYPE_TO,
	    to->display_name, to->address);
	/* UTF-8 wherever a header needs encoding (GMime would pick
	 * Latin-1 where it can: valid, but one charset is simpler). */
	mail_utf8(g_mime_message_get_from(m));
	mail_utf8(g_mime_message_get_to(m));
	g_mime_message_set_subject(m, subject, "utf-8");
	utc = g_date_time_new_from_unix_utc(now);
	tz = g_time_zone_new_identifier("Europe/Paris");
	paris = tz != NULL ? g_date_time_to_timezone(utc, tz) :
	    g_date_time_ref(utc);
	g_mime_message_set_date(m, paris);
	g_date_time_unref(paris);
	g_date_time_unref(utc);
	if (tz != NULL)
		g_time_zone_unref(tz);
	domain = mail_domain(cfg->mail_from);
	id = g_mime_utils_generate_message_id(domain);
	g_mime_message_set_message_id(m, id);
	g_free(id);
	free(domain);
	if (flags & MAIL_UNSUBSCRIBE) {
		lt = strchr(cfg->mail_from, '<');
		addr = lt != NULL ? lt + 1 : cfg->mail_from;
		alen = lt != NULL ? strcspn(addr, ">") : strlen(addr);
		xasprintf(&unsub, "<mailto:%.*s?subject=d%%C3%%A9sabonnement%%20"
		    "%s>", (int)alen, addr, to->login);
		g_mime_object_set_header(GMIME_OBJECT(m), "List-Unsubscribe",
		    unsub, NULL);
		/* One token GMime cannot fold: folded before it, so that
		 * no line passes 78 columns. */
		raw = g_strdup_printf("\n %s\n", unsub);
		g_mime_header_set_raw_value(g_mime_header_list_get_header(
		    g_mime_object_get_header_list(GMIME_OBJECT(m)),
		    "List-Unsubscribe"), raw);
		g_free(raw);
		free(unsub);
	}
	g_mime_object_set_header(GMIME_OBJECT(m), "Auto-Submitted",
	    "auto-generated", NULL);
	if (flags & MAIL_BULK)
		g_mime_object_set_header(GMIME_OBJECT(m), "Precedence", "bulk",
		    NULL);
	/* The body's bytes as they are (g_mime_text_part_set_text would
	 * convert them to the « best » charset, Latin-1 for French). */
	part = g_mime_text_part_new_with_subtype("plain");
	stream = g_mime_stream_mem_new_with_buffer(body, strlen(body));
	content = g_mime_data_wrapper_new_with_stream(stream,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(part), content);
	g_object_unref(content);
	g_object_unref(stream);
	g_mime_text_part_set_charset(part, "utf-8");
	g_mime_part_set_content_encoding(GMIME_PART(part),
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	g_mime_message_set_mime_part(m, GMIME_OBJECT(part));
	g_object_unref(part);
	id = g_mime_object_to_string(GMIME_OBJECT(m), NULL);
	g_object_unref(m);
	out = xstrdup(id);
	g_free(id);
	return out;
}

char *
mail_code(const struct config *cfg, const struct store_mail_to *to,
    int64_t now)
{
	struct buf b, t;
	char until[TXT_DATE_MAX], *subject, *msg;

	buf_init(&b);
	buf_init(&t);
	txt_date_long(until, sizeof(until), to->until);
	buf_printf(&b, "Bonjour %s,\n\n", to->display_name);
	buf_printf(&t, "Vous avez demandé à recevoir à cette adresse des "
	    "courriels de ce qui se passe sur %s%s. Pour la confirmer, tapez "
	    "ce code dans « Mon profil », ligne « Courriels » (il vaut "
	    "jusqu'au %s) :", cfg->site_article, cfg->site_name, until);
	buf_add(&t, "", 1);
	mail_para(&b, 0, t.data);
	buf_printf(&b, "\n    %.4s %s\n\n", to->code, to->code + 4);
	t.len = 0;
	buf_printf(&t, "Si vous n'avez rien demandé, ne faites rien : "
	    "sans ce code, rien ne vous sera envoyé.");
	buf_add(&t, "", 1);
	mail_para(&b, 0, t.data);
	buf_add(&b, "", 1);
	xasprintf(&subject, "Votre code de confirmation pour %s",
	    cfg->site_name);
	msg = mail_finish(cfg, to, subject, b.data, 0, now);
	free(subject);
	buf_free(&t);
	buf_free(&b);
	return msg;
}

char *
mail_note(const struct config *cfg, const struct store_mail_to *to,
    int64_t now)
{
	struct buf b, t;
	char when[TXT_DATE_MAX], *subject, *msg;

	buf_init(&b);
	buf_init(&t);
	txt_date_long(when, sizeof(when), to->at);
	buf_printf(&b, "Bonjour %s,\n\n", to->display_name);
	/* Who and when, never what: the text stays on Palabre. */
	buf_printf(&t, "%s vous a écrit un message privé sur %s%s, le %s. "
	    "Pour le lire :", to->author, cfg->site_article, cfg->site_name,
	    when);
	buf_add(&t, "", 1);
	mail_para(&b, 0, t.data);
	buf_adds(&b, "\n    ");
	mail_ssh(cfg, to->login, &b);
	buf_printf(&b, " lire c%lld\n", (long long)to->conversation_id);
	mail_footer(cfg, to, &b);
	buf_add(&b, "", 1);
	xasprintf(&subject, "%s vous a écrit sur %s", to->author,
	    cfg->site_name);
	msg = mail_finish(cfg, to, subject, b.data, MAIL_UNSUBSCRIBE, now);
	free(subject);
	buf_free(&t);
	buf_free(&b);
	return msg;
}

char *
mail_digest(const struct config *cfg, const struct store_mail_to *to,
    const struct mail_item *items, size_t n, size_t more, int64_t now)
{
	struct buf b, t;
	char when[TXT_DATE_MAX], *subject, *msg;
	size_t i;

	buf_init(&b);
	buf_init(&t);
	buf_printf(&b, "Bonjour %s,\n\n", to->display_name);
	/* Since the last digest (what it looks back over besides, an
	 * hour, is for what it may have missed). */
	if (to->until > 0) {
		txt_date_long(when, sizeof(when), to->until);
		buf_printf(&t, "Voici ce qui est nouveau pour vous sur %s%s "
		    "depuis le %s :", cfg->site_article, cfg->site_name, when);
	} else
		buf_printf(&t, "Voici ce qui est nouveau pour vous sur %s%s :",
		    cfg->site_article, cfg->site_name);
	buf_add(&t, "", 1);
	mail_para(&b, 0, t.data);
	for (i = 0; i < n; i++) {
		t.len = 0;
		buf_printf(&b, "\n%3zu. ", i + 1);
		buf_printf(&t, "%s : %s", items[i].kind, items[i].title);
		buf_add(&t, "", 1);
		mail_para(&b, 5, t.data);
		t.len = 0;
		txt_date_long(when, sizeof(when), items[i].at);
		/* « Forum, par Karim Benali, le 7 décembre à 9 h ». */
		if (items[i].where[0] != '\0')
			buf_printf(&t, "%s, ", items[i].where);
		if (items[i].who[0] != '\0')
			buf_printf(&t, "par %s, ", items[i].who);
		buf_printf(&t, "le %s", when);
		buf_add(&t, "", 1);
		buf_adds(&b, "     ");
		mail_para(&b, 5, t.data);
		buf_adds(&b, "     ");
		mail_ssh(cfg, to->login, &b);
		buf_printf(&b, " lire %s\n", items[i].id);
	}
	if (more > 0) {
		buf_printf(&b, "\nEt %zu autre%s, les plus anciennes :\n    ",
		    more, more > 1 ? "s" : "");
		mail_ssh(cfg, to->login, &b);
		buf_adds(&b, " quoi-de-neuf\n");
	}
	mail_footer(cfg, to, &b);
	buf_add(&b, "", 1);
	if (n > 1)
		xasprintf(&subject, "%s : %zu nouveautés pour vous",
		    cfg->site_name, n);
	else
		xasprintf(&subject, "%s : une nouveauté pour vous",
		    cfg->site_name);
	msg = mail_finish(cfg, to, subject, b.data, MAIL_UNSUBSCRIBE |
	    MAIL_BULK, now);
	free(subject);
	buf_free(&t);
	buf_free(&b);
	return msg;
}

/* --- Submission ------------------------------------------------------- */

/*
 * Run argv with stdin from in and stdout, stderr to out. vfork: the
 * child borrows our memory until it execs (a fork copied the page
 * tables of the database's cache: 7.3 ms a message here, 2.1 with
 * vfork, dd to /dev/null included); it makes system calls only, then
 * execs or _exits (127: no such program). A function of its own, so no
 * variable of the caller lives across the vfork.
 */
static pid_t
mail_spawn(char **argv, int in, int out)
{
	pid_t parent = getpid(), pid;

	if ((pid = vfork()) != 0)
		return pid;
	/* Dies with us: never a message half-given then sent. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(EX_TEMPFAIL);
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(out, 2) == -1)
		_exit(EX_OSERR);
	execv(argv[0], argv);
	_exit(127);
}

enum mail_submit
mail_submit(const struct config *cfg, const char *data, char **why)
{
	char *argv[MAIL_ARGS_MAX + 1], *words, *w, *save = NULL;
	char out[MAIL_OUTPUT_MAX + 1];
	int in[2] = { -1, -1 }, res[2] = { -1, -1 }, argc = 0, status;
	size_t len = strlen(data), off = 0, got = 0;
	enum mail_submit rc = MAIL_BROKEN;
	struct pollfd pfd;
	struct timespec t0, t1;
	ssize_t r;
	pid_t pid;
	long ms;

	if (why != NULL)
		*why = NULL;
	words = xstrdup(cfg->mail_sendmail);
	for (w = strtok_r(words, " \t", &save); w != NULL && argc <
	    MAIL_ARGS_MAX; w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (argc == 0 || pipe2(in, O_CLOEXEC) != 0 ||
	    pipe2(res, O_CLOEXEC) != 0) {
		snprintf(out, sizeof(out), "%s", argc == 0 ?
		    "pas de commande sendmail" : strerror(errno));
		goto out;
	}
	/* A write to a sendmail that exited is an error, not a death. */
	signal(SIGPIPE, SIG_IGN);
	if ((pid = mail_spawn(argv, in[0], res[1])) == -1) {
		snprintf(out, sizeof(out), "vfork : %s", strerror(errno));
		goto out;
	}
	close(in[0]);
	close(res[1]);
	in[0] = res[1] = -1;
	while (off < len) {
		if ((r = write(in[1], data + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			break;		/* it exited: its status says why */
		}
		off += (size_t)r;
	}
	close(in[1]);
	in[1] = -1;
	/* Its words, until it closes them or takes too long. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pfd.fd = res[0];
	pfd.events = POLLIN;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = MAIL_TIMEOUT_MS - ((t1.tv_sec - t0.tv_sec) * 1000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000000);
		if (ms <= 0 || poll(&pfd, 1, (int)ms) == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(out, sizeof(out), "sendmail n'a pas répondu en "
			    "%d s", MAIL_TIMEOUT_MS / 1000);
			rc = MAIL_LATER;
			goto out;
		}
		r = read(res[0], out + got, sizeof(out) - 1 - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
		if (got == sizeof(out) - 1) {
			/* Keep the first words; drain the rest. */
			char sink[512];

			while ((r = read(res[0], sink, sizeof(sink))) > 0 ||
			    (r == -1 && errno == EINTR))
				;
			break;
		}
	}
	out[got] = '\0';
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (WIFEXITED(status)) {
		switch (WEXITSTATUS(status)) {
		case 0:
			rc = MAIL_SENT;
			break;
		case EX_TEMPFAIL:
			rc = MAIL_LATER;
			break;
		case EX_DATAERR:
		case EX_NOUSER:
		case EX_NOHOST:
		case EX_UNAVAILABLE:
		case EX_NOPERM:
			rc = MAIL_REFUSED;
			break;
		default:
			rc = MAIL_BROKEN;
			break;
		}
		if (got == 0 && WEXITSTATUS(status) == 127)
			snprintf(out, sizeof(out), "%s : introuvable ou non "
			    "exécutable", argv[0]);
		else if (got == 0 && rc != MAIL_SENT)
			snprintf(out, sizeof(out), "sendmail a fini en "
			    "erreur (code %d)", WEXITSTATUS(status));
	} else {
		rc = MAIL_LATER;
		snprintf(out, sizeof(out), "sendmail tué (signal %d)",
		    WTERMSIG(status));
	}
out:
	if (why != NULL && rc != MAIL_SENT) {
		char *p, *v;

		/* One line for the log and the table: newlines to « ; ». */
		for (p = out; *p != '\0'; p++)
			if (*p == '\n' || *p == '\r')
				*p = p[1] != '\0' ? ';' : ' ';
		v = txt_clean(out, strlen(out), 0, MAIL_OUTPUT_MAX, NULL);
		*why = v;
	}
	if (in[0] != -1)
		close(in[0]);
	if (in[1] != -1)
		close(in[1]);
	if (res[0] != -1)
		close(res[0]);
	if (res[1] != -1)
		close(res[1]);
	free(words);
	return rc;
}
