/*
 * conn_listen.c - the listener: "palabre serve".
 *
 * It owns the listening socket (libssh hard-codes a backlog of 10), loads
 * the host keys once, and forks one session process per connection. It
 * never parses network data and never opens the database: everything a
 * client says is handled in the session process (conn_session.c).
 *
 * What it enforces before forking, like sshd:
 *  - max_sessions connections at once;
 *  - MaxStartups begin:rate:full on connections not yet authenticated
 *    (random early drop between begin and full), and at most
 *    max_startups_per_source of them from one address;
 *  - but rather than turn a newcomer away for want of room, it evicts
 *    the oldest connection still in its key exchange (a FIFO, O(1)),
 *    whose address is then refused for kex_grace_time seconds: idle
 *    connections from many addresses cannot keep members out;
 *  - per-source penalties: after source_failures failed authentications
 *    within source_window seconds, the address (an IPv6 /64) is refused
 *    for source_penalty seconds, doubling on each repeat, up to an hour.
 *    Penalties expire; the count is kept low-key because many members sit
 *    behind one administration NAT (accounts have their own lock, in the
 *    store).
 * Behind a relay (proxy_protocol), a connection from an address of
 * proxy_from counts under no address until its session has read the
 * relay's PROXY header and reported the client's address
 * (CONN_REPORT_PROXY), which then passes the same per-source checks
 * (listen_proxied); with "required", connections from elsewhere are
 * refused at once.
 * And once a session has authenticated (it reports its login), caps on
 * sessions: nouveau and invite per address and in all, members per
 * account (listen_admit). Counts are kept as events come (per source,
 * per login in a tsearch tree), not recounted over every child.
 *
 * One epoll set holds the listening socket, the signalfd, each
 * session's report socket, each adopted session's pidfd and the inotify
 * descriptor that watches the notice file of every member with a session
 * open (util/notice.h: a private message, a reply... was written for
 * them; their sessions get SIGUSR2 and read it): a wake-up
 * costs what happened, not the number of open sessions (a poll set
 * rebuilt of 2 + n descriptors each time cost 3.4 ms of listener CPU a
 * login at 1,000 idle sessions). A descriptor leaves the set when it is
 * closed (sessions hold no copy: close_range at their fork, CLOEXEC).
 *
 * Signals arrive through a signalfd: SIGCHLD reaps the child it names
 * (listen_reap: never a walk of every child per exit), SIGHUP re-reads
 * the configuration, SIGTERM/SIGINT end every session cleanly and exit.
 * An event or a SIGCHLD finds its session's slot through a tree of pids
 * (listen_child_find), and the counts that limits read are kept as
 * sessions come and go: nothing per login or per event grows with the
 * number of sessions open.
 *
 * The listener is the only reader of palabre.conf (config_snapshot.c):
 * on a valid SIGHUP it takes the new settings (config_take: all but the
 * address, keys, user, database, log and run directory, which wait for
 * a restart) and writes the copy that new sessions' interfaces load;
 * then a short-lived child applies the boards to the database, and
 * when it has exited (SIGCHLD: the listener never waits for the
 * database) the open sessions get SIGUSR1 and their interfaces reload
 * that copy. An invalid file changes nothing.
 *
 * Sessions left by a listener that was killed are adopted at start from
 * the registry (util/registry.h): live entries (pid and start time
 * checked) become admitted children without a report socket, watched
 * through a pidfd that becomes readable when they exit. They count in
 * max_sessions (and members in their account's cap) and get SIGUSR1 and
 * SIGTERM like the others.
 */
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <search.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>
#include <sodium.h>

#include "config.h"
#include "ssh/conn.h"
#include "ssh/conn_private.h"
#include "ssh/conn_proxy.h"
#include "store/store.h"
#include "util/notice.h"
#include "util/passwd.h"
#include "util/registry.h"
#include "util/docfile.h"
#include "util/sandbox.h"
#include "util/util.h"

#define CONN_BACKLOG	512

/* Algorithms, both directions: AEAD first, no CBC, no SHA-1. */
#define CONN_CIPHERS	"chacha20-poly1305@openssh.com," \
	"aes256-gcm@openssh.com,aes128-gcm@openssh.com," \
	"aes256-ctr,aes192-ctr,aes128-ctr"
#define CONN_MACS	"hmac-sha2-256-etm@openssh.com," \
	"hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512"
#define CONN_PENALTY_MAX 3600
/* Below max_startups' full mark, only a connection this long in its key
 * exchange may be evicted (ms): a burst of real clients, each a few
 * tens of milliseconds into theirs, is dropped at random as by sshd. */
#define CONN_EVICT_AGE	250
#define CONN_ACCEPT_BURST 64		/* accepts per turn of the loop */

/* What an admitted session is counted as. */
enum conn_kind {
	CONN_KIND_NONE,			/* not admitted (yet) */
	CONN_KIND_MEMBER,
	CONN_KIND_OPEN			/* nouveau or invite: no secret */
};

/* Sessions at once of one member account (a node of a tsearch tree). */
struct conn_login {
	char	 name[33];
	int	 sessions;
	int	 wd;			/* its notice file's watch, or -1 */
};

/* Where a child's slot is, by pid (a node of a tsearch tree): events
 * and SIGCHLD name a pid, and a scan of 10,000 slots per event was a
 * cost of every login. */
struct conn_pidref {
	pid_t	 pid;
	size_t	 i;			/* index in children, kept on moves */
};

struct conn_child {
	pid_t	 pid;
	struct conn_pidref *ref;	/* its node in the pids tree */
	int	 report_fd;		/* socket to the session; -1 once closed */
	int	 pidfd;			/* adopted (not our child): its pidfd;
					 * -1 for our own children */
	int	 authenticated;		/* admitted: out of the pre-auth budget */
	int	 evicted;		/* killed to make room, not reaped yet */
	enum conn_kind kind;
	struct conn_login *login;	/* counted there, or NULL */
	int	 src;			/* index in sources, or -1 */
	int	 in_kex;		/* in the FIFO of key exchanges */
	int	 kex_prev;		/* ... its neighbours (indices), or -1 */
	int	 kex_next;
	int64_t	 started;		/* mono ms of the fork */
	int	 proxied;		/* from a relay: src set by its
					 * CONN_REPORT_PROXY, once */
	char	 peer[CONN_PEER_MAX];	/* the client's, once known */
};

struct conn_source {
	char	 addr[INET6_ADDRSTRLEN];	/* address or /64 prefix */
	int	 failures;
	int64_t	 window_start;
	int64_t	 penalty_until;
	int	 penalties;			/* doubles the next one */
	int64_t	 last_seen;
	int	 refs;				/* children pointing here */
	int	 unauth;			/* ... not authenticated */
	int	 open;				/* ... admitted as nouveau/invite */
};

struct conn_listener {
	struct config		*cfg;
	const char		*config_path;
	const char		*self;
	ssh_bind		 bind;
	int			 nkeys;		/* host keys loaded */
	int			 fd;
	int			 sigfd;
	int			 notefd;	/* inotify: members' notice files */
	int			 epfd;		/* epoll: all of the above */
	struct conn_child	*children;
	size_t			 nchildren;
	size_t			 capchildren;
	struct conn_source	*sources;
	size_t			 nsources;
	size_t			 nunauth;	/* children not authenticated */
	size_t			 nevicted;	/* killed, not reaped yet */
	size_t			 peak;		/* most sessions open at once */
	size_t			 nopen;		/* admitted nouveau/invite */
	int			 kex_head;	/* oldest in key exchange, or -1 */
	int			 kex_tail;
	void			*logins;	/* tsearch tree of conn_login */
	void			*pids;		/* tsearch tree of conn_pidref */
	int64_t			 sweep_at;	/* mono ms of the next full
						 * reaping, or 0 */
	int			 stopping;
	pid_t			 boards_pid;	/* applying the boards; 0 */
	int			 boards_again;	/* SIGHUP while it ran */
	int64_t			 refused_logged;	/* mono ms */
	unsigned		 refused;		/* since last log */
	struct conn_images	 image;		/* the UI's (conn_image.c) */
};

/* What an epoll event is about: the low bits of its data, a pid above. */
enum listen_ev {
	LISTEN_EV_ACCEPT, LISTEN_EV_SIGNAL, LISTEN_EV_REPORT, LISTEN_EV_PIDFD,
	LISTEN_EV_NOTICE
};
#define LISTEN_WOKEN	64	/* members woken read per wake-up */
#define LISTEN_EVENTS	64	/* events read per wake-up */
/* A SIGCHLD lost to another pending one (a standard signal is not
 * queued twice) leaves a zombie that only a waitpid(-1) finds, and that
 * call walks all of the listener's children in the kernel (1.1 ms at
 * 10,000 on this machine): it runs once, this long after an exit, not
 * per exit (ms). */
#define LISTEN_SWEEP_MS	5000

static int	 listen_open(struct conn_listener *);
static int	 listen_watch(struct conn_listener *, int, enum listen_ev,
		    pid_t);
static struct conn_child *listen_child_find(struct conn_listener *, pid_t,
		    size_t *);
static int	 listen_keys(struct conn_listener *);
static void	 listen_accept(struct conn_listener *);
static void	 listen_spawn(struct conn_listener *, int, const char *,
		    int, int);
static char	 listen_proxied(struct conn_listener *, struct conn_child *,
		    const char *);
static void	 listen_reap(struct conn_listener *, pid_t);
static void	 listen_ended(struct conn_listener *, pid_t, int);
static void	 listen_sweep(struct conn_listener *);
static int	 listen_sweep_now(struct conn_listener *);
static int	 listen_sweep_wait(struct conn_listener *, int);
static void	 listen_child_pid(struct conn_listener *, struct conn_child *,
		    pid_t);
static int	 listen_pid_cmp(const void *, const void *);
static void	 listen_notices(struct conn_listener *);
static void	 listen_report(struct conn_listener *, struct conn_child *,
		    int);
static int	 listen_source(struct conn_listener *, const char *);
static const char *listen_source_refused(struct conn_listener *, int);
static void	 listen_refuse(struct conn_listener *, const char *,
		    const char *);
static int	 listen_refusals_flush(struct conn_listener *);
static int	 listen_signals(struct conn_listener *);
static void	 listen_reload(struct conn_listener *);
static void	 listen_boards(struct conn_listener *);
static void	 listen_boards_done(struct conn_listener *, int);
static void	 listen_notify(struct conn_listener *, int);
static void	 listen_adopt(struct conn_listener *);
static struct conn_child *listen_child_add(struct conn_listener *);
static void	 listen_forget(struct conn_listener *, size_t);
static void	 listen_kill(struct conn_child *, int);
static void	 listen_adopted_poll(struct conn_listener *);
static struct conn_login *listen_login(struct conn_listener *,
		    const char *);
static void	 listen_stop(struct conn_listener *);
static void	 listen_fail(struct conn_listener *, int);
static char	 listen_admit(struct conn_listener *, struct conn_child *,
		    const char *);
static void	 listen_settle(struct conn_listener *, struct conn_child *);
static void	 listen_kex_push(struct conn_listener *, int);
static void	 listen_kex_unlink(struct conn_listener *, int);
static void	 listen_kex_moved(struct conn_listener *, int);
static int	 listen_evict(struct conn_listener *, int);
static int	 listen_login_cmp(const void *, const void *);
static void	 listen_raise_nofile(void);

/* Bind and listen on the configured address, backlog CONN_BACKLOG. */
static int
listen_open(struct conn_listener *l)
{
	struct addrinfo hints, *res, *ai;
	char port[16];
	int fd = -1, on = 1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
	snprintf(port, sizeof(port), "%d", l->cfg->port);
	if ((rc = getaddrinfo(l->cfg->listen, port, &hints, &res)) != 0) {
		log_error("adresse d'écoute « %s » invalide : %s",
		    l->cfg->listen, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
		    SOCK_NONBLOCK, ai->ai_protocol);
		if (fd == -1)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, CONN_BACKLOG) == 0)
			break;
		log_error("écoute sur %s port %s impossible : %s",
		    l->cfg->listen, port, strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1)
		return -1;
	l->fd = fd;
	return 0;
}

/* Load every configured host key into the bind object, once. */
static int
listen_keys(struct conn_listener *l)
{
	const char *why;
	ssh_key key;
	int i, loaded = 0, no = 0;

	if ((l->bind = ssh_bind_new()) == NULL)
		return -1;
	/* Never read /etc/ssh/libssh_server_config behind our back. */
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	conn_hostkeys_first(l->cfg->host_keys, l->cfg->nhost_keys);
	for (i = 0; i < l->cfg->nhost_keys; i++) {
		if (ssh_pki_import_privkey_file(l->cfg->host_keys[i], NULL,
		    NULL, NULL, &key) != SSH_OK) {
			why = path_problem(l->cfg->host_keys[i], 0);
			log_error("clé d'hôte illisible : %s : %s",
			    l->cfg->host_keys[i], why != NULL ? why :
			    "pas une clé privée OpenSSH sans phrase de passe");
			continue;
		}
		if (ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_IMPORT_KEY,
		    key) != SSH_OK) {
			log_error("clé d'hôte refusée : %s : %s",
			    l->cfg->host_keys[i], ssh_get_error(l->bind));
			ssh_key_free(key);
			continue;
		}
		loaded++;
	}
	if (loaded == 0) {
		log_error("aucune clé d'hôte utilisable (ssh-keygen -t "
		    "ed25519 -f FICHIER -N '')");
		return -1;
	}
	l->nkeys = loaded;
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_CIPHERS_C_S,
	    CONN_CIPHERS);
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_CIPHERS_S_C,
	    CONN_CIPHERS);
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_HMAC_C_S, CONN_MACS);
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_HMAC_S_C, CONN_MACS);
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_KEY_EXCHANGE,
	    "curve25519-sha256,curve25519-sha256@libssh.org,"
	    "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
	    "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
	    "diffie-hellman-group14-sha256");
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS,
	    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
	    "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256");
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_PUBKEY_ACCEPTED_KEY_TYPES,
	    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
	    "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,"
	    "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com");
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_BANNER, "Palabre");
	return 0;
}

/* Block the signals we read through the signalfd. */
static int
listen_signals(struct conn_listener *l)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		return -1;
	l->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	return l->sigfd == -1 ? -1 : 0;
}

/*
 * The FIFO of sessions still in their key exchange, oldest first: a
 * doubly linked list through the children array, by index (the array
 * moves its last element into a freed slot: listen_kex_moved follows).
 */
static void
listen_kex_push(struct conn_listener *l, int i)
{
	struct conn_child *c = &l->children[i];

	c->in_kex = 1;
	c->kex_next = -1;
	c->kex_prev = l->kex_tail;
	if (l->kex_tail != -1)
		l->children[l->kex_tail].kex_next = i;
	else
		l->kex_head = i;
	l->kex_tail = i;
}

static void
listen_kex_unlink(struct conn_listener *l, int i)
{
	struct conn_child *c = &l->children[i];

	if (!c->in_kex)
		return;
	if (c->kex_prev != -1)
		l->children[c->kex_prev].kex_next = c->kex_next;
	else
		l->kex_head = c->kex_next;
	if (c->kex_next != -1)
		l->children[c->kex_next].kex_prev = c->kex_prev;
	else
		l->kex_tail = c->kex_prev;
	c->in_kex = 0;
}

/* A child now lives at index to: its neighbours point there. */
static void
listen_kex_moved(struct conn_listener *l, int to)
{
	struct conn_child *c = &l->children[to];

	if (!c->in_kex)
		return;
	if (c->kex_prev != -1)
		l->children[c->kex_prev].kex_next = to;
	else
		l->kex_head = to;
	if (c->kex_next != -1)
		l->children[c->kex_next].kex_prev = to;
	else
		l->kex_tail = to;
}

/* A child leaves the pre-authentication budget (admitted, evicted or
 * gone). */
static void
listen_settle(struct conn_listener *l, struct conn_child *c)
{
	listen_kex_unlink(l, (int)(c - l->children));
	if (c->authenticated || c->evicted)
		return;
	l->nunauth--;
	if (c->src != -1)
		l->sources[c->src].unauth--;
}

/*
 * A newcomer would be refused for want of room: end the oldest
 * connection still in its key exchange instead (a real client finishes
 * it in a few tens of milliseconds; one that sends nothing, or only its
 * banner, waits for kex_grace_time). When the table is full, that counts
 * as a failure for its address, and the address is refused for
 * kex_grace_time seconds: a flood that reopens at once would otherwise
 * push every newcomer out in turn before it has finished its own key
 * exchange. Below the full mark (a random drop), only a connection at
 * least CONN_EVICT_AGE ms into its exchange is taken, and its address is
 * not blamed: a burst of real clients behind one address is thinned, not
 * locked out. 0 done, -1 none to evict.
 */
static int
listen_evict(struct conn_listener *l, int full)
{
	struct conn_child *c;
	struct conn_source *s;
	int64_t until = mono_ms() / 1000 + l->cfg->kex_grace;

	for (;;) {
		if (l->kex_head == -1)
			return -1;
		c = &l->children[l->kex_head];
		/* Its "key exchange done" may be waiting to be read. */
		if (c->report_fd != -1)
			listen_report(l, c, 0);
		/* Closed: it is ending by itself (reaped soon); not its
		 * address's fault. */
		if (c->report_fd == -1)
			listen_kex_unlink(l, l->kex_head);
		if (c->in_kex)
			break;
	}
	if (!full && mono_ms() - c->started < CONN_EVICT_AGE)
		return -1;
	/* No UI yet, nothing to save: SIGKILL, reaped as usual. */
	kill(c->pid, SIGKILL);
	listen_settle(l, c);
	c->evicted = 1;
	l->nevicted++;
	if (full && c->src != -1) {
		listen_fail(l, c->src);
		s = &l->sources[c->src];
		if (s->penalty_until < until)
			s->penalty_until = until;
	}
	log_debug("session %ld (%s) évincée : échange de clés inachevé",
	    (long)c->pid, c->peer);
	return 0;
}

static int
listen_login_cmp(const void *a, const void *b)
{
	return strcmp(((const struct conn_login *)a)->name,
	    ((const struct conn_login *)b)->name);
}

/*
 * A session authenticated as login: admit it ('Y') or say why not, in
 * one byte (CONN_VERDICT_*). The password-free logins have their own
 * caps (per address, and a share of max_sessions), members a cap per
 * account; the listener's settings decide, as reloaded by SIGHUP. A
 * session refused stays in the pre-authentication budget until it has
 * told its client why and gone.
 */
static char
listen_admit(struct conn_listener *l, struct conn_child *c, const char *login)
{
	struct conn_login key, **found;
	struct conn_source *s = c->src != -1 ? &l->sources[c->src] : NULL;
	size_t cap;

	if (c->authenticated || c->evicted)
		return CONN_VERDICT_OK;	/* once only */
	if (strcmp(login, CONFIG_SIGNUP_LOGIN) == 0 ||
	    strcmp(login, CONFIG_GUEST_LOGIN) == 0) {
		if (strcmp(login, CONFIG_SIGNUP_LOGIN) == 0 ? !l->cfg->signup :
		    !l->cfg->guest)
			return CONN_VERDICT_CLOSED;
		if (s != NULL && s->open >= l->cfg->open_per_source)
			return CONN_VERDICT_SOURCE;
		cap = (size_t)l->cfg->max_sessions *
		    (size_t)l->cfg->open_percent / 100;
		if (l->nopen >= (cap > 0 ? cap : 1))
			return CONN_VERDICT_FULL;
		listen_settle(l, c);
		c->authenticated = 1;
		c->kind = CONN_KIND_OPEN;
		l->nopen++;
		if (s != NULL)
			s->open++;
		return CONN_VERDICT_OK;
	}
	snprintf(key.name, sizeof(key.name), "%.32s", login);
	found = tfind(&key, &l->logins, listen_login_cmp);
	if (found != NULL && (*found)->sessions >= l->cfg->member_sessions)
		return CONN_VERDICT_MEMBER;
	listen_settle(l, c);
	c->authenticated = 1;
	c->kind = CONN_KIND_MEMBER;
	c->login = listen_login(l, login);
	c->login->sessions++;
	return CONN_VERDICT_OK;
}

/* The sessions count of a member account, made if new. */
static struct conn_login *
listen_login(struct conn_listener *l, const char *login)
{
	struct conn_login key, *node, **found;

	snprintf(key.name, sizeof(key.name), "%.32s", login);
	if ((found = tfind(&key, &l->logins, listen_login_cmp)) != NULL)
		return *found;
	node = xcalloc(1, sizeof(*node));
	memcpy(node->name, key.name, sizeof(node->name));
	/* Watched while the member has a session (util/notice.h). */
	node->wd = -1;
	if (l->notefd != -1 && (node->wd = notice_watch_add(l->notefd,
	    l->cfg->run_dir, node->name)) == -1)
		log_warn("avis en direct indisponibles pour %s : %s",
		    node->name, strerror(errno));
	if (tsearch(node, &l->logins, listen_login_cmp) == NULL)
		fatal("tsearch : mémoire épuisée");
	return node;
}

/*
 * Find or add the penalty record of an address. Stale records (no
 * activity for twice the window and no penalty running) are recycled.
 */
static int
listen_source(struct conn_listener *l, const char *addr)
{
	struct conn_source *s;
	int64_t now = mono_ms() / 1000;
	size_t i, free_slot = SIZE_MAX;

	for (i = 0; i < l->nsources; i++) {
		s = &l->sources[i];
		if (strcmp(s->addr, addr) == 0) {
			s->last_seen = now;
			return (int)i;
		}
		/* A live session still points at its record (refs). */
		if (free_slot == SIZE_MAX && s->refs == 0 &&
		    s->penalty_until <= now &&
		    s->last_seen + 2 * l->cfg->source_window < now)
			free_slot = i;
	}
	if (free_slot == SIZE_MAX) {
		if (l->nsources >= 65536)
			return -1;	/* full: permissive, like sshd */
		l->sources = xreallocarray(l->sources, l->nsources + 1,
		    sizeof(*l->sources));
		free_slot = l->nsources++;
	}
	s = &l->sources[free_slot];
	memset(s, 0, sizeof(*s));
	snprintf(s->addr, sizeof(s->addr), "%s", addr);
	s->last_seen = now;
	s->window_start = now;
	return (int)free_slot;
}

/* Why a new connection from source src is refused now, or NULL (also
 * for -1: no record, or a relay's connection not yet told apart). */
static const char *
listen_source_refused(struct conn_listener *l, int src)
{
	if (src == -1)
		return NULL;
	if (l->sources[src].penalty_until > mono_ms() / 1000)
		return "pénalité en cours pour cette adresse";
	if (l->sources[src].unauth >= l->cfg->startups_per_source)
		return "trop de connexions non authentifiées depuis cette "
		    "adresse";
	return NULL;
}

/*
 * Log refusals at most once a second: the first one at once, the others
 * counted and reported by listen_refusals_flush() a second later, so a
 * burst is never silent.
 */
static void
listen_refuse(struct conn_listener *l, const char *peer, const char *why)
{
	int64_t t = mono_ms();

	if (t - l->refused_logged < 1000) {
		l->refused++;
		return;
	}
	log_info("connexion de %s refusée : %s", peer, why);
	l->refused_logged = t;
}

/* Report the refusals not logged one by one; ms until it is due, or -1. */
static int
listen_refusals_flush(struct conn_listener *l)
{
	int64_t wait;

	if (l->refused == 0)
		return -1;
	wait = l->refused_logged + 1000 - mono_ms();
	if (wait > 0)
		return (int)wait;
	log_info("%u autre%s connexion%s refusée%s dans la dernière "
	    "seconde (limites de connexions ou pénalités)", l->refused,
	    l->refused > 1 ? "s" : "", l->refused > 1 ? "s" : "",
	    l->refused > 1 ? "s" : "");
	l->refused = 0;
	l->refused_logged = mono_ms();
	return -1;
}

/* Accept pending connections and decide, for each, fork or refuse. */
static void
listen_accept(struct conn_listener *l)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	char key[CONN_SOURCE_MAX], peer[CONN_PEER_MAX];
	const char *why;
	int fd, src, drop, n, proxied;
	int full;

	/* At most CONN_ACCEPT_BURST at a time: under a flood the backlog
	 * never empties, and the sessions' reports (a verdict awaited, the
	 * end of a key exchange) must be read in between. */
	for (n = 0; n < CONN_ACCEPT_BURST; n++) {
		sslen = sizeof(ss);
		fd = accept4(l->fd, (struct sockaddr *)&ss, &sslen,
		    SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EINTR &&
			    errno != ECONNABORTED)
				log_warn("accept : %s", strerror(errno));
			return;
		}
		conn_addr_names((struct sockaddr *)&ss, peer, sizeof(peer),
		    key, sizeof(key));

		if (l->stopping) {
			close(fd);
			continue;
		}
		/* A relay's connection is counted under its client's
		 * address once the session has read the header
		 * (listen_proxied): never under the relay's, which every
		 * member shares. */
		proxied = l->cfg->proxy_protocol != CONFIG_PROXY_OFF &&
		    conn_proxy_from(l->cfg, (struct sockaddr *)&ss);
		if (!proxied &&
		    l->cfg->proxy_protocol == CONFIG_PROXY_REQUIRED) {
			listen_refuse(l, peer, "en-tête PROXY exigé, et cette "
			    "adresse n'est pas un relais de proxy_from");
			close(fd);
			continue;
		}
		src = proxied ? -1 : listen_source(l, key);
		if (listen_source_refused(l, src) != NULL)
			listen_sweep_now(l);
		if ((why = listen_source_refused(l, src)) != NULL) {
			listen_refuse(l, peer, why);
			close(fd);
			continue;
		}
		/* At a limit, a session that ended unseen must not count
		 * (listen_reap): look first. */
		if ((int)(l->nchildren - l->nevicted) >= l->cfg->max_sessions ||
		    (int)l->nunauth >= l->cfg->startups_begin)
			listen_sweep_now(l);
		drop = 1;
		full = 1;
		why = "trop de connexions non authentifiées (max_startups)";
		if ((int)(l->nchildren - l->nevicted) >= l->cfg->max_sessions)
			why = "nombre maximal de sessions atteint";
		else if ((int)l->nunauth >= l->cfg->startups_full)
			;
		else if ((int)l->nunauth >= l->cfg->startups_begin) {
			int span = l->cfg->startups_full -
			    l->cfg->startups_begin;
			int p = l->cfg->startups_rate + (span == 0 ? 100 :
			    (100 - l->cfg->startups_rate) *
			    ((int)l->nunauth - l->cfg->startups_begin) / span);

			drop = (int)randombytes_uniform(100) < p;
			full = 0;
		} else
			drop = 0;
		/* Rather than turn away a newcomer, end a connection that
		 * has not even finished its key exchange (listen_evict):
		 * idle connections cannot keep members out. */
		if (drop && listen_evict(l, full) == 0)
			drop = 0;
		if (drop) {
			listen_refuse(l, peer, why);
			close(fd);
			continue;
		}
		listen_spawn(l, fd, peer, src, proxied);
	}
}

/* Fork the session process for an accepted socket. */
static void
listen_spawn(struct conn_listener *l, int fd, const char *peer, int src,
    int proxied)
{
	struct conn_child_args args;
	struct conn_child *c;
	sigset_t usr, old;
	int pfd[2], nullfd, imfd;
	pid_t pid;

	imfd = l->cfg->ui_image ? conn_image_ready(&l->image, l->self,
	    l->config_path, l->cfg->run_dir) : -1;
	/* Messages both ways, each one read whole (conn_private.h). */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pfd) == -1) {
		log_warn("socketpair : %s", strerror(errno));
		close(fd);
		return;
	}
	/*
	 * The child is listed (and signalled: a reload's SIGUSR1) as soon as
	 * fork returns here, perhaps before it has run a single instruction:
	 * born with SIGUSR1 and SIGUSR2 unblocked, it was killed by a reload
	 * (its client's ssh exiting 255, 10 connections in 300 under a storm
	 * of SIGHUP). It is born with them blocked.
	 */
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	sigaddset(&usr, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr, &old);
	pid = fork();
	if (pid != 0)
		sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid == -1) {
		log_warn("fork : %s", strerror(errno));
		close(fd);
		close(pfd[0]);
		close(pfd[1]);
		return;
	}
	if (pid == 0) {
		sigset_t set;

		/* Keep only stderr (the log), the socket, the pipe and the
		 * image's socket (moved above 4 first: it may be 3 or 4). */
		if (imfd != -1 && (imfd = fcntl(imfd, F_DUPFD, 5)) == -1)
			_exit(1);
		if (dup2(fd, 3) == -1 || dup2(pfd[1], 4) == -1 ||
		    (imfd != -1 && dup2(imfd, 5) == -1))
			_exit(1);
		close_range(imfd != -1 ? 6 : 5, ~0U, 0);
		if ((nullfd = open("/dev/null", O_RDWR)) != -1) {
			dup2(nullfd, STDIN_FILENO);
			dup2(nullfd, STDOUT_FILENO);
			if (nullfd > 4)
				close(nullfd);
		}
		/* SIGTERM and SIGUSR1 stay blocked: the session reads them
		 * from its signalfd, and one arriving before would kill it. */
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGUSR1);
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_SETMASK, &set, NULL);
		signal(SIGCHLD, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGINT, SIG_IGN);	/* the sysop's ^C is for us */
		setsid();
		memset(&args, 0, sizeof(args));
		args.cfg = l->cfg;
		args.config_path = l->config_path;
		args.self = l->self;
		args.bind = l->bind;
		args.fd = 3;
		args.report_fd = 4;
		args.image_fd = imfd != -1 ? 5 : -1;
		args.peer = peer;
		args.proxied = proxied;
		conn_session_main(&args);
	}
	close(fd);
	close(pfd[1]);
	fd_set_nonblock(pfd[0], 1);
	c = listen_child_add(l);
	listen_child_pid(l, c, pid);
	c->report_fd = pfd[0];
	if (listen_watch(l, c->report_fd, LISTEN_EV_REPORT, pid) == -1)
		log_warn("epoll_ctl : %s", strerror(errno));
	c->src = src;
	c->proxied = proxied;
	c->started = mono_ms();
	snprintf(c->peer, sizeof(c->peer), "%s", peer);
	l->nunauth++;
	if (src != -1) {
		l->sources[src].refs++;
		l->sources[src].unauth++;
	}
	listen_kex_push(l, (int)l->nchildren - 1);
	log_debug("session %ld pour %s", (long)pid, peer);
}

/* Watch fd for input; the event carries kind and pid. */
static int
listen_watch(struct conn_listener *l, int fd, enum listen_ev kind, pid_t pid)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = (uint64_t)(uint32_t)pid << 8 | (uint64_t)kind;
	return epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev);
}

static int
listen_pid_cmp(const void *a, const void *b)
{
	pid_t x = ((const struct conn_pidref *)a)->pid;
	pid_t y = ((const struct conn_pidref *)b)->pid;

	return x < y ? -1 : x > y;
}

/* The child with that pid (its index in *ip), or NULL: O(log n). */
static struct conn_child *
listen_child_find(struct conn_listener *l, pid_t pid, size_t *ip)
{
	struct conn_pidref key, **found;

	key.pid = pid;
	if ((found = tfind(&key, &l->pids, listen_pid_cmp)) == NULL)
		return NULL;
	*ip = (*found)->i;
	return &l->children[*ip];
}

/* The new child c (the last slot) is pid: found by it from now on. */
static void
listen_child_pid(struct conn_listener *l, struct conn_child *c, pid_t pid)
{
	c->pid = pid;
	c->ref = xcalloc(1, sizeof(*c->ref));
	c->ref->pid = pid;
	c->ref->i = (size_t)(c - l->children);
	if (tsearch(c->ref, &l->pids, listen_pid_cmp) == NULL)
		fatal("tsearch : mémoire épuisée");
}

/* A new, zeroed slot at the end of the children array. */
static struct conn_child *
listen_child_add(struct conn_listener *l)
{
	struct conn_child *c;

	if (l->nchildren == l->capchildren) {
		l->capchildren = l->capchildren == 0 ? 64 :
		    l->capchildren * 2;
		l->children = xreallocarray(l->children, l->capchildren,
		    sizeof(*l->children));
	}
	c = &l->children[l->nchildren++];
	memset(c, 0, sizeof(*c));
	c->report_fd = -1;
	c->pidfd = -1;
	c->src = -1;
	return c;
}

/*
 * Sessions left by a listener that died (kill -9, a crash): the live
 * entries of the registry, admitted as they were (counted as members of
 * their account, or as nouveau/invite). They are not our children (no
 * SIGCHLD, no waitpid): a pidfd tells when they exit, and signals go
 * through it.
 */
static void
listen_adopt(struct conn_listener *l)
{
	struct registry_entry *list;
	struct conn_child *c;
	size_t i, n, adopted = 0;
	int fd;

	if (registry_list(l->cfg->run_dir, 1, &list, &n) == -1) {
		log_warn("registre des sessions illisible : %s : %s",
		    l->cfg->run_dir, strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		if ((fd = registry_pidfd(&list[i])) == -1)
			continue;
		fd_set_cloexec(fd);
		c = listen_child_add(l);
		listen_child_pid(l, c, list[i].pid);
		c->pidfd = fd;
		c->authenticated = 1;
		snprintf(c->peer, sizeof(c->peer), "%s", list[i].peer);
		if (strcmp(list[i].login, CONFIG_SIGNUP_LOGIN) == 0 ||
		    strcmp(list[i].login, CONFIG_GUEST_LOGIN) == 0) {
			c->kind = CONN_KIND_OPEN;
			l->nopen++;
		} else {
			c->kind = CONN_KIND_MEMBER;
			c->login = listen_login(l, list[i].login);
			c->login->sessions++;
		}
		adopted++;
	}
	free(list);
	if (adopted > 0)
		log_info("%zu session(s) ouverte(s) avant ce démarrage "
		    "reprise(s)", adopted);
}

/* Signal a session, through its pidfd if we adopted it. */
static void
listen_kill(struct conn_child *c, int sig)
{
	if (c->pidfd != -1)
		syscall(SYS_pidfd_send_signal, c->pidfd, sig, NULL, 0);
	else
		kill(c->pid, sig);
}

/* A session was admitted: note a new peak of open sessions for
 * « admin stats » (a small file, written only when the peak rises). */
static void
listen_peak(struct conn_listener *l)
{
	size_t n = l->nchildren - l->nunauth - l->nevicted;

	if (n <= l->peak)
		return;
	l->peak = n;
	if (registry_peak_note(l->cfg->run_dir, n) == -1)
		log_debug("pointe non notée : %s", strerror(errno));
}

/* One more failed authentication from source src: penalise it past
 * source_failures within source_window. */
static void
listen_fail(struct conn_listener *l, int src)
{
	struct conn_source *s;
	int64_t now = mono_ms() / 1000;
	int penalty;

	if (src == -1)
		return;
	s = &l->sources[src];
	if (s->window_start + l->cfg->source_window < now) {
		s->window_start = now;
		s->failures = 0;
	}
	if (++s->failures < l->cfg->source_failures)
		return;
	penalty = l->cfg->source_penalty;
	for (int k = 0; k < s->penalties && penalty < CONN_PENALTY_MAX; k++)
		penalty *= 2;
	if (penalty > CONN_PENALTY_MAX)
		penalty = CONN_PENALTY_MAX;
	s->penalty_until = now + penalty;
	s->penalties++;
	s->failures = 0;
	log_info("adresse %s pénalisée %d s après trop d'échecs "
	    "d'authentification", s->addr, penalty);
}

/*
 * A session from a relay has read its PROXY header: msg is "KEY PEER",
 * its client's per-source key and name (the relay's own when the header
 * gave none). From now on it counts under that address, which must pass
 * what listen_accept checks of a direct connection: no penalty running,
 * not too many connections of it unauthenticated.
 */
static char
listen_proxied(struct conn_listener *l, struct conn_child *c,
    const char *msg)
{
	struct conn_source *s;
	char key[CONN_SOURCE_MAX];
	const char *sp = strchr(msg, ' '), *why;
	int src;

	if (!c->proxied || c->src != -1 || c->authenticated || sp == NULL ||
	    (size_t)(sp - msg) >= sizeof(key) || sp[1] == '\0')
		return CONN_VERDICT_CLOSED;	/* once, before the rest */
	memcpy(key, msg, (size_t)(sp - msg));
	key[sp - msg] = '\0';
	snprintf(c->peer, sizeof(c->peer), "%s", sp + 1);
	if ((src = listen_source(l, key)) == -1)
		return CONN_VERDICT_OK;		/* full: permissive */
	if ((why = listen_source_refused(l, src)) != NULL) {
		listen_refuse(l, c->peer, why);
		return CONN_VERDICT_SOURCE;
	}
	s = &l->sources[src];
	c->src = src;
	s->refs++;
	s->unauth++;
	return CONN_VERDICT_OK;
}

/* Read what a session reported (one message per read): failures, the
 * end of its key exchange, its authentication (answered). With
 * may_sweep (the caller holds no other child's pointer), a refusal
 * looks for sessions that ended unseen first (listen_reap): the sweep
 * moves slots, c is found again by its pid. */
static void
listen_report(struct conn_listener *l, struct conn_child *c, int may_sweep)
{
	char buf[128], verdict;
	ssize_t n;
	size_t i;
	pid_t pid;

	while ((n = read(c->report_fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		if (c->evicted)
			continue;
		switch (buf[0]) {
		case CONN_REPORT_FAIL:
			listen_fail(l, c->src);
			break;
		case CONN_REPORT_KEX:
			listen_kex_unlink(l, (int)(c - l->children));
			break;
		case CONN_REPORT_PROXY:
			verdict = listen_proxied(l, c, buf + 1);
			if (write(c->report_fd, &verdict, 1) != 1)
				log_debug("session %ld : %s", (long)c->pid,
				    strerror(errno));
			break;
		case CONN_REPORT_AUTH:
			verdict = listen_admit(l, c, buf + 1);
			pid = c->pid;
			if (verdict != CONN_VERDICT_OK &&
			    verdict != CONN_VERDICT_CLOSED && may_sweep &&
			    listen_sweep_now(l)) {
				if ((c = listen_child_find(l, pid, &i)) ==
				    NULL)
					return;
				verdict = listen_admit(l, c, buf + 1);
			}
			if (verdict == CONN_VERDICT_OK)
				listen_peak(l);
			if (verdict != CONN_VERDICT_OK)
				listen_refuse(l, c->peer, "limite de sessions "
				    "après authentification");
			if (write(c->report_fd, &verdict, 1) != 1)
				log_debug("session %ld : %s", (long)c->pid,
				    strerror(errno));
			/* Nothing comes after the verdict: an admitted
			 * session keeps no descriptor in the listener,
			 * which every fork would copy. */
			close(c->report_fd);
			c->report_fd = -1;
			return;
		}
	}
	if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR)) {
		close(c->report_fd);
		c->report_fd = -1;
	}
}

/*
 * A child is gone: the boards' child, or a session (its last reports,
 * then its slot). Adopted sessions are not our children: their pidfd
 * tells (listen_forget).
 */
static void
listen_ended(struct conn_listener *l, pid_t pid, int status)
{
	struct conn_child *c;
	size_t i;

	if (pid == l->boards_pid) {
		listen_boards_done(l, status);
		return;
	}
	if ((c = listen_child_find(l, pid, &i)) == NULL || c->pidfd != -1)
		return;
	if (c->report_fd != -1) {
		listen_report(l, c, 0);
		if (c->report_fd != -1)
			close(c->report_fd);
	}
	if (WIFSIGNALED(status) && !c->evicted &&
	    WTERMSIG(status) != SIGTERM && WTERMSIG(status) != SIGALRM)
		log_warn("session %ld (%s) tuée par le signal %d", (long)pid,
		    c->peer, WTERMSIG(status));
	listen_forget(l, i);
}

/*
 * SIGCHLD from pid: reap that child only. waitpid() on one pid costs
 * the same with 10,000 children as with none; waitpid(-1) walks them
 * all, in the kernel, and returning 0 at the end of each reaping loop
 * it walked them all every time (the listener's CPU per login went
 * from 0.55 to 5.7 ms at 10,000 sessions). Another child that ended
 * while this SIGCHLD was pending sent none of its own: a full sweep
 * follows once, LISTEN_SWEEP_MS later.
 */
static void
listen_reap(struct conn_listener *l, pid_t pid)
{
	int status;

	if (l->sweep_at == 0)
		l->sweep_at = mono_ms() + LISTEN_SWEEP_MS;
	if (pid > 0 && waitpid(pid, &status, WNOHANG) == pid)
		listen_ended(l, pid, status);
}

/* Reap every child that ended (and the boards' child). */
static void
listen_sweep(struct conn_listener *l)
{
	pid_t pid;
	int status;

	l->sweep_at = 0;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		listen_ended(l, pid, status);
}

/* A limit is about to refuse: if a child may have ended unseen, sweep
 * first (1 when it did, and the limit is to be checked again). */
static int
listen_sweep_now(struct conn_listener *l)
{
	if (l->sweep_at == 0)
		return 0;
	listen_sweep(l);
	return 1;
}

/* The epoll timeout wait (ms, -1 for none), shortened to the sweep's
 * time; the sweep itself when it is due. */
static int
listen_sweep_wait(struct conn_listener *l, int wait)
{
	int64_t left;

	if (l->sweep_at == 0)
		return wait;
	if ((left = l->sweep_at - mono_ms()) <= 0) {
		listen_sweep(l);
		return wait;
	}
	return wait == -1 || left < wait ? (int)left : wait;
}

/* A session ended (reaped, or an adopted one's pidfd is readable):
 * its counts, its registry entry, its slot. */
static void
listen_forget(struct conn_listener *l, size_t i)
{
	struct conn_child *c = &l->children[i];

	/* Its own entry is gone unless it was killed. */
	if (c->authenticated)
		registry_remove(l->cfg->run_dir, c->pid);
	if (c->pidfd != -1)
		close(c->pidfd);
	tdelete(c->ref, &l->pids, listen_pid_cmp);
	free(c->ref);
	listen_settle(l, c);
	if (c->evicted)
		l->nevicted--;
	if (c->src != -1) {
		l->sources[c->src].refs--;
		if (c->kind == CONN_KIND_OPEN)
			l->sources[c->src].open--;
	}
	if (c->kind == CONN_KIND_OPEN)
		l->nopen--;
	if (c->login != NULL && --c->login->sessions == 0) {
		struct conn_login *gone = c->login;

		notice_watch_rm(l->notefd, gone->wd);
		tdelete(gone, &l->logins, listen_login_cmp);
		free(gone);
	}
	if (i != --l->nchildren) {
		*c = l->children[l->nchildren];
		c->ref->i = i;
		listen_kex_moved(l, (int)i);
	}
}

/*
 * Apply the boards' files to the database in a child: the listener
 * never opens the database itself (see the top of the file), and never
 * waits for it: a write lock held elsewhere would stop the accepts.
 * listen_reap() sees it end (listen_boards_done). On errors the boards
 * stay as they are.
 */
static void
listen_boards(struct conn_listener *l)
{
	const struct config *cfg = l->cfg;
	struct store *st;
	char *cause = NULL;
	pid_t pid;
	int rc;

	if (l->boards_pid > 0) {
		/* One at a time; this one will see the newer files. */
		l->boards_again = 1;
		return;
	}
	if ((pid = fork()) == -1) {
		log_warn("fork : %s ; tableaux non relus", strerror(errno));
		listen_notify(l, 0);
		return;
	}
	if (pid == 0) {
		close_range(3, ~0U, 0);
		if ((st = store_open(config_store(cfg), 0, &cause)) == NULL) {
			log_error("tableaux non relus : %s", cause);
			_exit(1);
		}
		rc = config_boards_apply(cfg, st, stderr, &cause);
		store_free(st);
		if (rc == 1)
			log_error("tableaux invalides : les tableaux actuels "
			    "restent en vigueur");
		else if (rc == -1)
			log_error("les tableaux n'ont pas pu être enregistrés "
			    "dans la base");
		else
			log_info("%s", cause);
		_exit(rc == 0 ? 0 : 1);
	}
	l->boards_pid = pid;
}

/* The boards' child ended: tell the sessions, or go again. */
static void
listen_boards_done(struct conn_listener *l, int status)
{
	l->boards_pid = 0;
	if (l->boards_again) {
		l->boards_again = 0;
		listen_boards(l);
		return;
	}
	listen_notify(l, WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/*
 * Something was written for members (util/notice.h): their sessions
 * read it, told as by the sysop's SIGUSR2. One scan of the children per
 * wake-up, whatever the number of members woken; should more be woken
 * than read at once, or the kernel's queue overflow, every member's
 * session looks (a query each, nothing shown if nothing is new).
 */
static void
listen_notices(struct conn_listener *l)
{
	int wds[LISTEN_WOKEN];
	size_t n, i, k;

	n = notice_woken(l->notefd, wds, nitems(wds));
	for (i = 0; i < l->nchildren; i++) {
		struct conn_child *c = &l->children[i];

		if (c->login == NULL || c->login->wd == -1)
			continue;
		for (k = 0; k < n && wds[k] != c->login->wd; k++)
			;
		if (k < n || n == nitems(wds))
			listen_kill(c, SIGUSR2);
	}
}

/* The new configuration is in place: the open sessions reload it. */
static void
listen_notify(struct conn_listener *l, int boards_ok)
{
	size_t i;

	for (i = 0; i < l->nchildren; i++)
		listen_kill(&l->children[i], SIGUSR1);
	log_info("configuration relue%s ; %zu session(s) prévenue(s)",
	    boards_ok ? "" : " (tableaux inchangés)", l->nchildren);
}

/* SIGHUP: re-read the file; keep the old settings if it has errors. */
static void
listen_reload(struct conn_listener *l)
{
	static const struct {
		int		 bit;
		const char	*what;
	} restart[] = {
		{ CONFIG_RESTART_LISTEN, "changement d'adresse, de port, de "
		    "clé d'hôte ou d'utilisateur" },
		{ CONFIG_RESTART_DATABASE, "« database » changée" },
		{ CONFIG_RESTART_LOG, "« log_file » changé" },
		{ CONFIG_RESTART_RUN, "« run_dir » changé" },
	};
	struct config fresh;
	size_t i;
	int later;

	conn_notify("RELOADING=1");
	if (config_load(&fresh, l->config_path, stderr) != 0) {
		log_error("configuration invalide, l'ancienne reste en "
		    "vigueur");
		conn_notify("READY=1");
		return;
	}
	later = config_take(l->cfg, &fresh);
	pw_cap_init(l->cfg->database, l->cfg->password_hashes);
	for (i = 0; i < nitems(restart); i++)
		if (later & restart[i].bit)
			log_warn("%s : pris en compte au prochain démarrage",
			    restart[i].what);
	/* New sessions get it at once; open ones once the boards are in
	 * the database (their refresh must see them). */
	if (config_snapshot_write(l->cfg) == -1)
		log_error("copie de la configuration non écrite dans %s : %s ;"
		    " les sessions gardent la précédente", l->cfg->run_dir,
		    strerror(errno));
	listen_boards(l);
	conn_notify("READY=1");
}

/* Adopted sessions that ended, checked without waiting. */
static void
listen_adopted_poll(struct conn_listener *l)
{
	struct pollfd p;
	size_t i;

	for (i = l->nchildren; i-- > 0; ) {
		if (l->children[i].pidfd == -1)
			continue;
		p.fd = l->children[i].pidfd;
		p.events = POLLIN;
		if (poll(&p, 1, 0) > 0)
			listen_forget(l, i);
	}
}

/* SIGTERM/SIGINT: hang up every session, wait for them, up to 5 s. */
static void
listen_stop(struct conn_listener *l)
{
	int64_t deadline = mono_ms() + 5000;
	size_t i;

	l->stopping = 1;
	conn_notify("STOPPING=1");
	close(l->fd);
	l->fd = -1;
	for (i = 0; i < l->nchildren; i++)
		listen_kill(&l->children[i], SIGTERM);
	/* Its interfaces end with their sessions; older images, which
	 * only wait for theirs, with us (their parent-death signal). */
	conn_image_stop(&l->image);
	while (l->nchildren > 0 && mono_ms() < deadline) {
		listen_sweep(l);
		listen_adopted_poll(l);
		if (l->nchildren > 0)
			usleep(20 * 1000);
	}
	for (i = 0; i < l->nchildren; i++)
		listen_kill(&l->children[i], SIGKILL);
	listen_adopted_poll(l);
	for (i = l->nchildren; i-- > 0; )
		if (l->children[i].pidfd != -1)
			listen_forget(l, i);
	/* Killed: they go at once. A boards' child still waiting for the
	 * database is not waited for: it finishes alone. */
	for (i = 0; i < l->nchildren; i++) {
		while (waitpid(l->children[i].pid, NULL, 0) == -1 &&
		    errno == EINTR)
			;
		if (l->children[i].authenticated)
			registry_remove(l->cfg->run_dir, l->children[i].pid);
	}
	l->nchildren = 0;
	tdestroy(l->pids, free);
	l->pids = NULL;
}

/* One descriptor per session (its report pipe): allow as many as the
 * system lets us. */
static void
listen_raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int
conn_serve(struct config *cfg, const char *config_path, const char *self)
{
	struct conn_listener l;
	struct signalfd_siginfo si;
	struct epoll_event ev[LISTEN_EVENTS];
	struct conn_child *c;
	size_t i;
	pid_t pid;
	int k, nev, accept, sig, notice, rc = 1;

	memset(&l, 0, sizeof(l));
	l.cfg = cfg;
	l.config_path = config_path;
	l.self = self;
	l.fd = l.sigfd = l.epfd = l.notefd = -1;
	l.kex_head = l.kex_tail = -1;
	conn_image_init(&l.image);

	/* Holds the host keys from the next lines on. */
	sandbox_nodump();
	if (pw_init() == -1) {
		log_error("libsodium ne s'initialise pas");
		return 1;
	}
	pw_cap_init(cfg->database, cfg->password_hashes);
	listen_raise_nofile();
	/* Before the drop: the library's files directory, the service
	 * user's (SFTP drops into /depot/ are written there). */
	docfile_dir_prepare(cfg->files_dir, cfg->user);
	if (listen_keys(&l) == -1 || listen_open(&l) == -1 ||
	    listen_signals(&l) == -1 ||
	    sandbox_drop(cfg->user, cfg->database, cfg->run_dir) == -1 ||
	    sandbox_session_prepare() == -1)
		goto out;
	if (access(self, X_OK) != 0) {
		log_error("%s : %s (l'utilisateur du service doit pouvoir "
		    "lancer l'interface)", self, strerror(errno));
		goto out;
	}
	/* What sessions will load instead of palabre.conf, and those that
	 * a previous listener left running. */
	if (registry_init(cfg->run_dir) == -1 ||
	    notice_init(cfg->run_dir) == -1 ||
	    config_snapshot_write(cfg) == -1) {
		log_error("dossier d'exécution %s inutilisable : %s",
		    cfg->run_dir, strerror(errno));
		goto out;
	}
	if ((l.epfd = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    listen_watch(&l, l.fd, LISTEN_EV_ACCEPT, 0) == -1 ||
	    listen_watch(&l, l.sigfd, LISTEN_EV_SIGNAL, 0) == -1) {
		log_error("epoll : %s", strerror(errno));
		goto out;
	}
	/* Without it Palabre works, members are told at Accueil only. */
	if ((l.notefd = notice_watch_open()) == -1 ||
	    listen_watch(&l, l.notefd, LISTEN_EV_NOTICE, 0) == -1) {
		log_warn("avis en direct indisponibles : %s", strerror(errno));
		if (l.notefd != -1)
			close(l.notefd);
		l.notefd = -1;
	}
	{
		int64_t when;

		if (registry_peak(cfg->run_dir, &l.peak, &when) == -1)
			l.peak = 0;
	}
	listen_adopt(&l);
	for (i = 0; i < l.nchildren; i++)
		if (listen_watch(&l, l.children[i].pidfd, LISTEN_EV_PIDFD,
		    l.children[i].pid) == -1)
			log_warn("epoll_ctl : %s", strerror(errno));
	/* Children inherit the dummy hash instead of making their own, and
	 * OpenSSL's method caches (150 KB of heap per session otherwise). */
	pw_verify_dummy(NULL, 0);
	conn_warm_crypto();
	/* The interfaces' image, ready for the first login. */
	if (cfg->ui_image)
		conn_image_ready(&l.image, self, config_path, cfg->run_dir);

	if (l.nkeys < cfg->nhost_keys)
		log_info("Palabre écoute sur %s port %d (%d clé(s) d'hôte "
		    "chargée(s) sur %d)", cfg->listen, cfg->port, l.nkeys,
		    cfg->nhost_keys);
	else
		log_info("Palabre écoute sur %s port %d (%d clé(s) d'hôte)",
		    cfg->listen, cfg->port, l.nkeys);
	conn_notify("READY=1");

	while (!l.stopping) {
		nev = epoll_wait(l.epfd, ev, LISTEN_EVENTS,
		    listen_sweep_wait(&l, listen_refusals_flush(&l)));
		if (nev == -1) {
			if (errno == EINTR)
				continue;
			log_error("epoll_wait : %s", strerror(errno));
			break;
		}
		/* Reports first, then adopted sessions' ends: a removal moves
		 * the last child into the freed slot, so each event finds its
		 * child by pid (one a session may be gone already). */
		accept = sig = notice = 0;
		for (k = 0; k < nev; k++) {
			pid = (pid_t)(ev[k].data.u64 >> 8);
			switch (ev[k].data.u64 & 0xff) {
			case LISTEN_EV_ACCEPT:
				accept = 1;
				break;
			case LISTEN_EV_NOTICE:
				notice = 1;
				break;
			case LISTEN_EV_SIGNAL:
				sig = 1;
				break;
			case LISTEN_EV_REPORT:
				if ((c = listen_child_find(&l, pid, &i)) !=
				    NULL && c->pidfd == -1 &&
				    c->report_fd != -1)
					listen_report(&l, c, 1);
				break;
			}
		}
		if (notice)
			listen_notices(&l);
		for (k = 0; k < nev; k++)
			if ((ev[k].data.u64 & 0xff) == LISTEN_EV_PIDFD &&
			    (c = listen_child_find(&l, (pid_t)(ev[k].data.u64 >>
			    8), &i)) != NULL && c->pidfd != -1)
				listen_forget(&l, i);
		if (sig) {
			while (read(l.sigfd, &si, sizeof(si)) == sizeof(si)) {
				switch (si.ssi_signo) {
				case SIGCHLD:
					listen_reap(&l, (pid_t)si.ssi_pid);
					break;
				case SIGHUP:
					listen_reload(&l);
					break;
				case SIGTERM:
				case SIGINT:
					log_info("arrêt demandé (signal %u)",
					    si.ssi_signo);
					listen_stop(&l);
					break;
				}
			}
		}
		if (!l.stopping && accept)
			listen_accept(&l);
	}
	rc = l.stopping ? 0 : 1;
out:
	if (l.epfd != -1)
		close(l.epfd);
	if (l.fd != -1)
		close(l.fd);
	if (l.sigfd != -1)
		close(l.sigfd);
	if (l.notefd != -1)
		close(l.notefd);
	if (l.bind != NULL)
		ssh_bind_free(l.bind);
	for (i = 0; i < l.nchildren; i++)
		if (l.children[i].pidfd != -1)
			close(l.children[i].pidfd);
	free(l.children);
	free(l.sources);
	tdestroy(l.logins, free);
	tdestroy(l.pids, free);
	return rc;
}
