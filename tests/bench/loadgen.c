/*
 * loadgen.c - the load generator of make bench (tests/bench/load.sh).
 *
 *   cc -O2 -Wall -Wextra -D_GNU_SOURCE tests/bench/loadgen.c -lssh \
 *       -o build/bench/loadgen
 *   loadgen -p PORT -u USER -i KEY [-A PATTERN] [-K KEYPATTERN]
 *       [-n SESSIONS] [-a ACTIVE] [-d DURATION_S] [-r RAMP_PER_S]
 *       [-W WINDOW] [-t THINK_MS] [-D DEADLINE_S] [-P SERVER_PID]
 *       [-H HOLD_S] [-q] [-N] [-L LANG] [-C CALM_S] [-Q QUIET_MS]
 *       [-o JSON_FILE] [-w PASSWORD] [-v]
 *
 * Many SSH sessions from ONE process, on the libssh client API, against a
 * server on 127.0.0.1 only (the bench's private server; nothing else is
 * ever contacted). Each session: a non-blocking TCP connect (TCP_NODELAY
 * from the start; with -N only once the channel is open, as OpenSSH's
 * client does: Nagle during the key exchange), ssh_connect, key
 * authentication (with -w PASSWORD, password authentication for every
 * session but the walkers of -A), a session channel, pty-req
 * (xterm-256color, 80x24), env LANG (fr_FR.UTF-8 by default, so the UI
 * does not probe the terminal) and shell; all non-blocking, driven by
 * one poll() over every session's socket (POLLOUT too while libssh
 * holds output it could not write yet: ssh_get_poll_flags() &
 * SSH_WRITE_PENDING; without it a key exchange message could wait for
 * the next wake-up of the loop, 20 ms at a ramp of 50/s). Times are
 * taken at each read and write, not once per turn of the loop.
 *
 * Each session keeps an 80x24 screen: a small terminal emulator (the
 * subset of xterm that ncurses uses with TERM=xterm-256color: cursor
 * addressing and moves, erase, insert/delete, scroll region, repeat, the
 * DEC graphics charset, alternate screen; attributes are ignored). A
 * step is recognised by what the screen shows, not by the bytes: ncurses
 * sends only the cells that changed, so a word may never travel whole.
 *
 * Phases:
 *  1. Ramp: session i starts its TCP connect at i / RAMP_PER_S seconds,
 *     and with -W no sooner than fewer than WINDOW sessions are between
 *     their TCP connect and their first screen: the generator's own
 *     pacing, so that ten thousand sessions do not queue in the server's
 *     key exchanges past its grace times (a ramp the server cannot
 *     follow measures the queue, not a login).
 *     "First screen": from the start of the TCP connect to the read that
 *     puts « Appuyez sur Entrée pour continuer » on the screen. "First
 *     frame": the same, to the last byte before QUIET_MS (30) of silence
 *     after that.
 *  2. Once every session is up (or failed), with -P, the memory of the
 *     server's process tree is read (PSS from /proc/PID/smaps_rollup of
 *     every descendant of the listener) after CALM_S (2) s of calm: the
 *     sessions are idle (the UI gives its caches back after 1 s without
 *     a key).
 *  3. Walk, for DURATION_S seconds: ACTIVE sessions (spread over the
 *     ramp) play a script with a think time of THINK_MS x U(0.5, 1.5)
 *     between steps; the others stay idle at the welcome screen:
 *       Entrée (welcome -> Accueil), then in a loop (WALK below): ↓ to
 *       Forums, Entrée (the boards), Entrée (the first board), Entrée
 *       (its first thread), Entrée (read its first post), n (next
 *       unread), Espace (page on, or the next unread), q q q (back to
 *       the boards), / and a word and Entrée (search), Entrée (read the
 *       first result), r (reply, quoting), a sentence with accents typed
 *       in one go, Ctrl-X (send), q q q (back to Accueil), ↑.
 *     With -A PATTERN (walker%d) each walking session logs in as its own
 *     member, the i-th as PATTERN with i, and with -K KEYPATTERN with its
 *     own key (a key belongs to one member): read state and unread posts
 *     are then each member's, and what the others post becomes unread.
 *     With no walker (-a 0) the walk is an idle window: the server
 *     tree's CPU and wake-ups (/proc/PID/schedstat of the listener and
 *     of every live descendant) and the bytes every session read, per
 *     second and per session per minute; "loadgen: idle window over"
 *     on stderr at its end, and the bytes read during the hold after
 *     it, how many sessions read them and the server tree's CPU then
 *     (tests/bench/notices.sh acts then).
 *  4. Hold for HOLD_S seconds, or until SIGUSR1 (tests/bench/scale.sh
 *     ends the hold when its other phases are done), memory read again
 *     with -P, then every session disconnects; with -P, the listener's CPU is read once it
 *     has no child left (all sessions reaped).
 *  With -q (login mode) there is no walk: each session quits as soon as
 *  its first screen is complete (Q, then o at « Quitter Palabre ? ») and
 *  waits for the server to close the channel, like tests/bench/login.sh.
 *
 * Keystroke latency: from the write of the key to the last byte of the
 * screen update it causes. The update is over when the screen shows what
 * the step expects (« › Accueil » in the title, the selection marker on
 * « 2  Affichage », « Lignes 1- » in the status line, a changed status
 * line for Espace...) AND no byte has come for QUIET_MS ms since; the
 * quiet window itself is not counted (the time is that of the last byte).
 * Steps whose result cannot be named in advance (n, Espace: the next
 * unread post, or « Plus rien de non lu ») wait for any change of the
 * screen; one that changes nothing is over after 300 ms of quiet.
 * Also kept: time to the first byte, bytes per action (SSH channel data,
 * that is what the terminal gets, escape sequences included).
 *
 * Errors are counted by kind (tcp, kex, auth, channel, first_screen
 * timeout, step timeout, disconnect) with the first messages kept.
 * Everything is bounded: a session that does not reach its first screen
 * in 30 s, or a step that does not complete in 10 s, is an error; the
 * whole run stops at DEADLINE_S (default: the ramp + DURATION_S +
 * HOLD_S + 120) whatever happens. Prints a summary, then one JSON line
 * (also to -o FILE). -v: each session's first screen and how long each
 * setup step took (tcp, kex, auth, open, pty, env, shell, first output);
 * -vv: also the screens of session 0 after each step.
 *
 * The client shares the machine with the server: under saturation its
 * own scheduling delays are in the figures. Its CPU per session is
 * printed (libssh, the emulator) so that this can be judged.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>

#define ROWS		24
#define COLS		80
#define MARK		0x203a		/* › : the selection, and title */
#define FIRST_TEXT	"Appuyez sur Entrée pour continuer"
#define SETUP_TIMEOUT	30.0		/* s: connect to first screen */
#define STEP_TIMEOUT	10.0		/* s: one step */
#define DIFF_QUIET	0.3		/* s: CK_DIFF, an answer, no change */
#define MAXERRMSG	4

/* ------------------------------------------------------------------ */
/* Time, statistics                                                    */

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct samples {
	double	*v;
	size_t	 n, cap;
};

static void
add(struct samples *s, double x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (s->v == NULL) {
			perror("realloc");
			exit(2);
		}
	}
	s->v[s->n++] = x;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile (p in 0..100) of sorted samples. */
static double
pct(const struct samples *s, double p)
{
	size_t k;

	if (s->n == 0)
		return 0;
	k = (size_t)(p / 100.0 * (double)s->n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > s->n)
		k = s->n;
	return s->v[k - 1];
}

static void
sort(struct samples *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmpd);
}

/* ------------------------------------------------------------------ */
/* A small terminal: enough of xterm for what ncurses sends             */

enum { P_GROUND, P_ESC, P_CSI, P_STR, P_STR_ESC, P_CHARSET };

struct screen {
	uint32_t	 cell[ROWS][COLS];
	int		 y, x, wrap;	/* cursor, pending autowrap */
	int		 top, bot;	/* scroll region */
	int		 sy, sx;	/* saved cursor */
	int		 state;
	char		 par[64];
	size_t		 npar;
	int		 charset_g0;	/* 1: DEC special graphics */
	int		 charset_sel;	/* which G the ESC ( ) sets */
	uint32_t	 cp, last;	/* UTF-8 being decoded, last printed */
	int		 need;
	int		 cpr;		/* a cursor position report is due */
};

static void
scr_init(struct screen *s)
{
	memset(s, 0, sizeof(*s));
	s->bot = ROWS - 1;
}

static void
scr_clear_cells(struct screen *s, int y, int x0, int x1)
{
	int x;

	if (y < 0 || y >= ROWS)
		return;
	for (x = x0 < 0 ? 0 : x0; x < x1 && x < COLS; x++)
		s->cell[y][x] = ' ';
}

static void
scr_scroll_up(struct screen *s, int top, int bot, int n)
{
	int y;

	if (n <= 0)
		return;
	if (n > bot - top + 1)
		n = bot - top + 1;
	for (y = top; y <= bot - n; y++)
		memcpy(s->cell[y], s->cell[y + n], sizeof(s->cell[y]));
	for (; y <= bot; y++)
		scr_clear_cells(s, y, 0, COLS);
}

static void
scr_scroll_down(struct screen *s, int top, int bot, int n)
{
	int y;

	if (n <= 0)
		return;
	if (n > bot - top + 1)
		n = bot - top + 1;
	for (y = bot; y >= top + n; y--)
		memcpy(s->cell[y], s->cell[y - n], sizeof(s->cell[y]));
	for (; y >= top; y--)
		scr_clear_cells(s, y, 0, COLS);
}

static void
scr_linefeed(struct screen *s)
{
	if (s->y == s->bot)
		scr_scroll_up(s, s->top, s->bot, 1);
	else if (s->y < ROWS - 1)
		s->y++;
}

static void
scr_put(struct screen *s, uint32_t c)
{
	if (s->charset_g0 && c >= 0x60 && c <= 0x7e)
		c = 0x2500;			/* a line-drawing glyph */
	if (s->wrap) {
		s->x = 0;
		scr_linefeed(s);
		s->wrap = 0;
	}
	s->cell[s->y][s->x] = c;
	s->last = c;
	if (s->x == COLS - 1)
		s->wrap = 1;
	else
		s->x++;
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Parameters of a CSI sequence: up to 8, missing ones are 0. */
static int
scr_params(const struct screen *s, int *p, int max, int *private)
{
	const char *q = s->par;
	int n = 0;

	*private = 0;
	if (*q == '?' || *q == '>' || *q == '=' || *q == '<') {
		*private = *q;
		q++;
	}
	memset(p, 0, (size_t)max * sizeof(*p));
	while (*q != '\0' && n < max) {
		if (*q >= '0' && *q <= '9')
			p[n] = p[n] * 10 + (*q - '0');
		else if (*q == ';' || *q == ':')
			n++;
		q++;
	}
	return n + 1;
}

static void
scr_csi(struct screen *s, char final)
{
	int p[8], np, priv, n, i, y;

	np = scr_params(s, p, 8, &priv);
	n = p[0] > 0 ? p[0] : 1;
	(void)np;
	if (final != 'b')
		s->wrap = 0;
	switch (final) {
	case '@':	/* ICH */
		for (i = COLS - 1; i >= s->x + n; i--)
			s->cell[s->y][i] = s->cell[s->y][i - n];
		scr_clear_cells(s, s->y, s->x, s->x + n);
		break;
	case 'A':
		s->y = clampi(s->y - n, 0, ROWS - 1);
		break;
	case 'B':
	case 'e':
		s->y = clampi(s->y + n, 0, ROWS - 1);
		break;
	case 'C':
	case 'a':
		s->x = clampi(s->x + n, 0, COLS - 1);
		break;
	case 'D':
		s->x = clampi(s->x - n, 0, COLS - 1);
		break;
	case 'E':
		s->y = clampi(s->y + n, 0, ROWS - 1);
		s->x = 0;
		break;
	case 'F':
		s->y = clampi(s->y - n, 0, ROWS - 1);
		s->x = 0;
		break;
	case 'G':
	case '`':
		s->x = clampi(n - 1, 0, COLS - 1);
		break;
	case 'd':
		s->y = clampi(n - 1, 0, ROWS - 1);
		break;
	case 'H':
	case 'f':
		s->y = clampi((p[0] > 0 ? p[0] : 1) - 1, 0, ROWS - 1);
		s->x = clampi((p[1] > 0 ? p[1] : 1) - 1, 0, COLS - 1);
		break;
	case 'J':
		if (priv)
			break;
		if (p[0] == 0) {
			scr_clear_cells(s, s->y, s->x, COLS);
			for (y = s->y + 1; y < ROWS; y++)
				scr_clear_cells(s, y, 0, COLS);
		} else if (p[0] == 1) {
			scr_clear_cells(s, s->y, 0, s->x + 1);
			for (y = 0; y < s->y; y++)
				scr_clear_cells(s, y, 0, COLS);
		} else {
			for (y = 0; y < ROWS; y++)
				scr_clear_cells(s, y, 0, COLS);
		}
		break;
	case 'K':
		if (priv)
			break;
		if (p[0] == 0)
			scr_clear_cells(s, s->y, s->x, COLS);
		else if (p[0] == 1)
			scr_clear_cells(s, s->y, 0, s->x + 1);
		else
			scr_clear_cells(s, s->y, 0, COLS);
		break;
	case 'L':	/* IL */
		if (s->y >= s->top && s->y <= s->bot)
			scr_scroll_down(s, s->y, s->bot, n);
		break;
	case 'M':	/* DL */
		if (s->y >= s->top && s->y <= s->bot)
			scr_scroll_up(s, s->y, s->bot, n);
		break;
	case 'P':	/* DCH */
		for (i = s->x; i < COLS; i++)
			s->cell[s->y][i] = i + n < COLS ?
			    s->cell[s->y][i + n] : ' ';
		break;
	case 'S':
		scr_scroll_up(s, s->top, s->bot, n);
		break;
	case 'T':
		if (!priv)
			scr_scroll_down(s, s->top, s->bot, n);
		break;
	case 'X':	/* ECH */
		scr_clear_cells(s, s->y, s->x, s->x + n);
		break;
	case 'b':	/* REP */
		for (i = 0; i < n && i < ROWS * COLS; i++)
			scr_put(s, s->last ? s->last : ' ');
		break;
	case 'r':
		if (priv)
			break;
		s->top = clampi((p[0] > 0 ? p[0] : 1) - 1, 0, ROWS - 1);
		s->bot = clampi((p[1] > 0 ? p[1] : ROWS) - 1, 0, ROWS - 1);
		if (s->bot <= s->top) {
			s->top = 0;
			s->bot = ROWS - 1;
		}
		s->y = s->x = 0;
		break;
	case 's':
		s->sy = s->y;
		s->sx = s->x;
		break;
	case 'u':
		s->y = s->sy;
		s->x = s->sx;
		break;
	case 'n':
		if (!priv && p[0] == 6)
			s->cpr = 1;
		break;
	case 'h':
	case 'l':
		if (priv == '?')
			for (i = 0; i < np && i < 8; i++)
				if (p[i] == 1049 || p[i] == 47 ||
				    p[i] == 1047)
					for (y = 0; y < ROWS; y++)
						scr_clear_cells(s, y, 0,
						    COLS);
		break;
	default:	/* m (attributes) and the rest: ignored */
		break;
	}
}

static void
scr_esc(struct screen *s, unsigned char c)
{
	s->state = P_GROUND;
	switch (c) {
	case '[':
		s->state = P_CSI;
		s->npar = 0;
		s->par[0] = '\0';
		break;
	case ']':
	case 'P':
	case '_':
	case '^':
	case 'X':
		s->state = P_STR;
		break;
	case '(':
	case ')':
	case '*':
	case '+':
		s->charset_sel = c == '(' ? 0 : 1;
		s->state = P_CHARSET;
		break;
	case '7':
		s->sy = s->y;
		s->sx = s->x;
		break;
	case '8':
		s->y = s->sy;
		s->x = s->sx;
		s->wrap = 0;
		break;
	case 'D':
		scr_linefeed(s);
		break;
	case 'E':
		s->x = 0;
		scr_linefeed(s);
		break;
	case 'M':
		if (s->y == s->top)
			scr_scroll_down(s, s->top, s->bot, 1);
		else if (s->y > 0)
			s->y--;
		break;
	case 'c':
		scr_init(s);
		for (int y = 0; y < ROWS; y++)
			scr_clear_cells(s, y, 0, COLS);
		break;
	default:	/* = > and the rest */
		break;
	}
}

static void
scr_feed(struct screen *s, const unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = b[i];

		switch (s->state) {
		case P_ESC:
			scr_esc(s, c);
			continue;
		case P_CSI:
			if (c >= 0x40 && c <= 0x7e) {
				s->state = P_GROUND;
				scr_csi(s, (char)c);
			} else if (c == 0x1b) {
				s->state = P_ESC;
			} else if (c >= 0x20 && s->npar + 1 < sizeof(s->par)) {
				s->par[s->npar++] = (char)c;
				s->par[s->npar] = '\0';
			}
			continue;
		case P_STR:
			if (c == 0x07)
				s->state = P_GROUND;
			else if (c == 0x1b)
				s->state = P_STR_ESC;
			continue;
		case P_STR_ESC:
			s->state = c == '\\' ? P_GROUND : P_STR;
			continue;
		case P_CHARSET:
			if (s->charset_sel == 0)
				s->charset_g0 = c == '0';
			s->state = P_GROUND;
			continue;
		default:
			break;
		}
		/* Ground: UTF-8 continuation first. */
		if (s->need > 0) {
			if ((c & 0xc0) == 0x80) {
				s->cp = (s->cp << 6) | (c & 0x3f);
				if (--s->need == 0)
					scr_put(s, s->cp);
				continue;
			}
			s->need = 0;
			scr_put(s, 0xfffd);
		}
		if (c == 0x1b) {
			s->state = P_ESC;
		} else if (c == '\r') {
			s->x = 0;
			s->wrap = 0;
		} else if (c == '\n' || c == 0x0b || c == 0x0c) {
			s->wrap = 0;
			scr_linefeed(s);
		} else if (c == '\b') {
			s->wrap = 0;
			if (s->x > 0)
				s->x--;
		} else if (c == '\t') {
			s->x = clampi((s->x / 8 + 1) * 8, 0, COLS - 1);
		} else if (c < 0x20 || c == 0x7f) {
			/* BEL, SO, SI...: nothing to draw */
		} else if (c < 0x80) {
			scr_put(s, c);
		} else if ((c & 0xe0) == 0xc0) {
			s->cp = c & 0x1f;
			s->need = 1;
		} else if ((c & 0xf0) == 0xe0) {
			s->cp = c & 0x0f;
			s->need = 2;
		} else if ((c & 0xf8) == 0xf0) {
			s->cp = c & 0x07;
			s->need = 3;
		} else {
			scr_put(s, 0xfffd);
		}
	}
}

/* Row y as UTF-8 (blank cells as spaces). */
static void
scr_row(const struct screen *s, int y, char *out, size_t size)
{
	size_t o = 0;
	int x;

	for (x = 0; x < COLS && o + 5 < size; x++) {
		uint32_t c = s->cell[y][x] ? s->cell[y][x] : ' ';

		if (c < 0x80)
			out[o++] = (char)c;
		else if (c < 0x800) {
			out[o++] = (char)(0xc0 | (c >> 6));
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			out[o++] = (char)(0xe0 | (c >> 12));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (char)(0xf0 | (c >> 18));
			out[o++] = (char)(0x80 | ((c >> 12) & 0x3f));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[o] = '\0';
}

/* The first row that contains text, or -1. */
static int
scr_find(const struct screen *s, const char *text)
{
	char row[COLS * 4 + 1];
	int y;

	for (y = 0; y < ROWS; y++) {
		scr_row(s, y, row, sizeof(row));
		if (strstr(row, text) != NULL)
			return y;
	}
	return -1;
}

static void
scr_dump(const struct screen *s, FILE *f, const char *label)
{
	char row[COLS * 4 + 1];
	int y;

	fprintf(f, "---- %s\n", label);
	for (y = 0; y < ROWS; y++) {
		scr_row(s, y, row, sizeof(row));
		fprintf(f, "%2d|%s|\n", y, row);
	}
}

/* ------------------------------------------------------------------ */
/* The script                                                           */

enum check { CK_TEXT, CK_CHANGED, CK_DIFF, CK_EOF };
enum keyvar { KV_FIXED, KV_SEARCH, KV_TYPE };

struct step {
	const char	*name;		/* for the figures */
	const char	*keys;		/* KV_FIXED */
	enum check	 check;
	const char	*text;		/* CK_TEXT: shown somewhere;
					 * CK_CHANGED: the row with it;
					 * CK_DIFF: NULL, any change */
	enum keyvar	 var;		/* keys and text from the tables
					 * below, per session and loop */
};

/*
 * The walk: WALK[0] once, then WALK[1..] in a loop: the Accueil menu,
 * the boards (open the first board, its first thread, read, next
 * unread, page on), back up, search, read the first result, reply to it
 * with accents, back to Accueil. Every session that walks logs in as its
 * own member (-A), so that read state and unread posts are its own and
 * the others' replies become its unread.
 */
static const struct step WALK[] = {
	{ "enter",	"\r",		CK_TEXT,	"› Accueil", KV_FIXED },
	{ "down",	"\033OB",	CK_TEXT,	"›2  Forums", KV_FIXED },
	{ "forums",	"\r",		CK_TEXT,	"/ Rechercher", KV_FIXED },
	{ "board",	"\r",		CK_TEXT,	"N Nouveau sujet", KV_FIXED },
	{ "thread",	"\r",		CK_TEXT,	"Entrée Lire", KV_FIXED },
	{ "read",	"\r",		CK_TEXT,	"r Répondre", KV_FIXED },
	{ "next_unread", "n",		CK_DIFF,	NULL, KV_FIXED },
	{ "space",	" ",		CK_DIFF,	NULL, KV_FIXED },
	{ "back_thread", "q",		CK_TEXT,	"Entrée Lire", KV_FIXED },
	{ "back_board",	"q",		CK_TEXT,	"N Nouveau sujet", KV_FIXED },
	{ "back_forums", "q",		CK_TEXT,	"/ Rechercher", KV_FIXED },
	{ "search",	"/",		CK_TEXT,	"Rechercher dans les forums",
	    KV_FIXED },
	{ "search_go",	NULL,		CK_TEXT,	NULL, KV_SEARCH },
	{ "result",	"\r",		CK_TEXT,	"r Répondre", KV_FIXED },
	{ "reply",	"r",		CK_TEXT,	"Ctrl-X Envoyer", KV_FIXED },
	{ "type",	NULL,		CK_TEXT,	NULL, KV_TYPE },
	{ "send",	"\030",	CK_TEXT,	"Message envoyé", KV_FIXED },
	{ "back_results", "q",		CK_TEXT,	"/ Rechercher à nouveau",
	    KV_FIXED },
	{ "back_forums2", "q",		CK_TEXT,	"/ Rechercher", KV_FIXED },
	{ "home",	"q",		CK_TEXT,	"› Accueil", KV_FIXED },
	{ "up",		"\033OA",	CK_TEXT,	"›1  L'édito", KV_FIXED },
};
#define NWALK	(sizeof(WALK) / sizeof(WALK[0]))

/* What the walk searches for (typed, then Entrée), in turn: words found
 * both in the demo threads (db/demo/boards.sh) and in gen_boards' text,
 * with and without accents. The results show « / Rechercher à nouveau »;
 * « Aucun message ne contient » would time out. */
static const char *SEARCH[] = {
	"domiciliation", "hébergement", "français", "préfecture",
	"réunion", "santé", "logement", "accompagnement",
};
#define NSEARCH	(sizeof(SEARCH) / sizeof(SEARCH[0]))

/* What the walk replies, typed in one go (a paste or a quick typist);
 * each fits on one line of the editor, so the screen shows it whole. */
static const char *REPLY[] = {
	"Merci pour ce retour, très utile : nous allons l'essayer.",
	"Même constat à Créteil : les délais s'allongent depuis l'été.",
	"Je transmets à nos équipes d'accueil, c'est précieux.",
	"Avez-vous un modèle de convention à partager ? Merci d'avance.",
	"À Besançon, la préfecture accepte désormais les dossiers complets.",
	"Nous organisons une réunion d'échange en février, avis aux intéressés.",
};
#define NREPLY	(sizeof(REPLY) / sizeof(REPLY[0]))

/* Login mode: quit once the first screen is there. */
static const struct step QUIT[] = {
	{ "quit",	"Q",		CK_TEXT,	"Quitter Palabre", KV_FIXED },
	{ "confirm",	"o",		CK_EOF,		NULL, KV_FIXED },
};
#define NQUIT	(sizeof(QUIT) / sizeof(QUIT[0]))

/* ------------------------------------------------------------------ */
/* Sessions                                                             */

enum sstate {
	S_NEW, S_TCP, S_KEX, S_AUTH, S_OPEN, S_PTY, S_ENV, S_SHELL,
	S_FIRST,	/* waiting for the first screen */
	S_READY,	/* connected, between steps */
	S_STEP,		/* a key sent, waiting for its update */
	S_DONE,		/* closed cleanly */
	S_FAILED,
};

enum errkind {
	E_TCP, E_KEX, E_AUTH, E_CHANNEL, E_FIRST, E_STEP, E_DISCONNECT,
	E_ENV, NERR
};
static const char *ERRNAME[NERR] = {
	"tcp", "kex", "auth", "channel", "first_screen_timeout",
	"step_timeout", "disconnect", "env_refused",
};

struct sess {
	int		 id;
	enum sstate	 st;
	ssh_session	 ssh;
	ssh_channel	 ch;
	int		 fd;
	int		 active;
	char		 user[64];	/* -A: each walking session its own */
	ssh_key		 key;		/* -K: and its own key; or privkey */
	double		 t_start, t_state;
	double		 t_enter[S_FIRST + 1];	/* when each setup state began */
	/* first screen */
	double		 t_text;	/* text on screen */
	double		 t_last;	/* last byte read */
	double		 t_first_byte;
	int		 first_done;	/* first frame over (quiet) */
	size_t		 first_bytes;
	/* steps */
	const struct step *script;
	size_t		 nscript, pos;	/* next step */
	int		 looping;	/* the walk loops over 1..end */
	unsigned	 loops;		/* times round the loop */
	char		 keys[160];	/* the current step's keys */
	char		 expect[160];	/* and what it shows, if variable */
	uint32_t	 scr_before[ROWS][COLS];	/* CK_DIFF */
	double		 t_sent, t_next;
	int		 matched;
	size_t		 bytes;		/* since the key */
	size_t		 all_bytes;	/* every byte read */
	size_t		 win_bytes;	/* ... at the end of the idle window */
	char		 before[COLS * 4 + 1];
	int		 eof;
	struct screen	 scr;
};

struct stepstats {
	struct samples	 lat, first, bytes;
};

static struct {
	const char	*user, *keyfile, *lang, *active_users, *active_keys;
	int		 port, n, active, verbose, login_mode, nagle, window;
	double		 duration, ramp, think, deadline, hold, quiet, calm;
	int		 server_pid;
	const char	*json_path;
	const char	*password;	/* -w: password, not key */
} opt = {
	.user = "demo", .lang = "fr_FR.UTF-8", .n = 10, .active = 0,
	.duration = 10, .ramp = 20, .think = 1000, .deadline = 0,
	.hold = 0, .quiet = 30, .calm = 2, .server_pid = 0,
};

static ssh_key privkey;
static struct sess *S;
static unsigned errs[NERR];
static char errmsg[NERR][MAXERRMSG][160];
static struct stepstats walkstats[NWALK + NQUIT];
static struct samples s_first_text, s_first_frame, s_first_bytes;
static struct samples s_all_lat;
static double t_first_up = -1, t_last_up = -1, t0;
static unsigned diff_unchanged;	/* CK_DIFF steps that changed nothing */
static int dump_id;		/* -vv: the session whose screens are shown */
static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t hold_over;	/* SIGUSR1: end the hold now */

static void
fail(struct sess *s, enum errkind k, const char *fmt, ...)
{
	va_list ap;
	unsigned i = errs[k]++;

	if (i < MAXERRMSG) {
		va_start(ap, fmt);
		vsnprintf(errmsg[k][i], sizeof(errmsg[k][i]), fmt, ap);
		va_end(ap);
		if (opt.verbose)
			fprintf(stderr, "session %d: %s: %s\n", s->id,
			    ERRNAME[k], errmsg[k][i]);
	}
	if (k == E_ENV)
		return;		/* not fatal: the UI probes instead */
	if (s->ssh != NULL) {
		ssh_disconnect(s->ssh);
		ssh_free(s->ssh);
	} else if (s->fd != -1) {
		close(s->fd);
	}
	s->ssh = NULL;
	s->ch = NULL;
	s->fd = -1;
	s->st = S_FAILED;
}

static void
set_state(struct sess *s, enum sstate st, double t)
{
	s->st = st;
	s->t_state = t;
	if (st <= S_FIRST)
		s->t_enter[st] = now_s();
}

static void
start_tcp(struct sess *s, double t)
{
	struct sockaddr_in sa;
	int one = 1, fd;

	s->t_start = t;
	set_state(s, S_TCP, t);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		fail(s, E_TCP, "socket: %s", strerror(errno));
		return;
	}
	s->fd = fd;
	if (!opt.nagle)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)opt.port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 &&
	    errno != EINPROGRESS)
		fail(s, E_TCP, "connect: %s", strerror(errno));
}

static void
start_ssh(struct sess *s, double t)
{
	int err = 0, zero = 0;
	socklen_t len = sizeof(err);
	socket_t fd = s->fd;

	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		err = errno;
	if (err != 0) {
		fail(s, E_TCP, "connect: %s", strerror(err));
		return;
	}
	s->ssh = ssh_new();
	if (s->ssh == NULL) {
		fail(s, E_KEX, "ssh_new failed");
		return;
	}
	ssh_options_set(s->ssh, SSH_OPTIONS_PROCESS_CONFIG, &zero);
	ssh_options_set(s->ssh, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s->ssh, SSH_OPTIONS_PORT, &opt.port);
	ssh_options_set(s->ssh, SSH_OPTIONS_USER, s->user);
	ssh_options_set(s->ssh, SSH_OPTIONS_FD, &fd);	/* ours, connected */
	ssh_set_blocking(s->ssh, 0);
	set_state(s, S_KEX, t);
}

/* The keys of step st for this session and loop, and what they show. */
static void
step_keys(struct sess *s, const struct step *st)
{
	unsigned k = (unsigned)s->id + s->loops;

	s->expect[0] = '\0';
	switch (st->var) {
	case KV_FIXED:
		snprintf(s->keys, sizeof(s->keys), "%s", st->keys);
		break;
	case KV_SEARCH:
		snprintf(s->keys, sizeof(s->keys), "%s\r", SEARCH[k % NSEARCH]);
		/* The help bar of the results: their status line « mot » :
		 * 1/N gives way for a minute to a notice (a reply to the
		 * walker), and 5 % of the searches of 100 walkers timed out
		 * waiting for it. */
		snprintf(s->expect, sizeof(s->expect), "%s",
		    "/ Rechercher à nouveau");
		break;
	case KV_TYPE:
		snprintf(s->keys, sizeof(s->keys), "%s", REPLY[k % NREPLY]);
		snprintf(s->expect, sizeof(s->expect), "%s", REPLY[k % NREPLY]);
		break;
	}
}

/* Time for the next scripted key of an active session. */
static double
think(void)
{
	return opt.think / 1000.0 * (0.5 + (double)random() / RAND_MAX);
}

static void
send_key(struct sess *s, double t)
{
	const struct step *st = &s->script[s->pos];
	int r, y;

	step_keys(s, st);
	s->before[0] = '\0';
	if (st->check == CK_CHANGED && (y = scr_find(&s->scr, st->text)) >= 0)
		scr_row(&s->scr, y, s->before, sizeof(s->before));
	if (st->check == CK_DIFF)
		memcpy(s->scr_before, s->scr.cell, sizeof(s->scr_before));
	t = now_s();
	r = ssh_channel_write(s->ch, s->keys, (uint32_t)strlen(s->keys));
	if (r < 0) {
		fail(s, E_DISCONNECT, "write: %s", ssh_get_error(s->ssh));
		return;
	}
	s->t_sent = t;
	s->t_first_byte = 0;
	s->t_last = t;
	s->matched = 0;
	s->bytes = 0;
	set_state(s, S_STEP, t);
}

/* Does the screen show what the current step expects? */
static int
step_matched(struct sess *s)
{
	const struct step *st = &s->script[s->pos];
	char row[COLS * 4 + 1];
	int y;

	switch (st->check) {
	case CK_TEXT:
		return scr_find(&s->scr, st->text != NULL ? st->text :
		    s->expect) >= 0;
	case CK_DIFF:
		return memcmp(s->scr_before, s->scr.cell,
		    sizeof(s->scr_before)) != 0;
	case CK_CHANGED:
		if ((y = scr_find(&s->scr, st->text)) < 0)
			return 0;
		scr_row(&s->scr, y, row, sizeof(row));
		return strcmp(row, s->before) != 0;
	case CK_EOF:
		return s->eof;
	}
	return 0;
}

/* Read whatever the channel has; feed the screen. Bytes read, or -1. */
static int
pump(struct sess *s, double t)
{
	char buf[16384];
	int n, total = 0;

	for (;;) {
		n = ssh_channel_read_nonblocking(s->ch, buf, sizeof(buf), 0);
		if (n == SSH_ERROR) {
			if (s->st == S_STEP && s->script[s->pos].check == CK_EOF)
				break;
			fail(s, E_DISCONNECT, "read: %s",
			    ssh_get_error(s->ssh));
			return -1;
		}
		if (n <= 0)
			break;
		total += n;
		scr_feed(&s->scr, (unsigned char *)buf, (size_t)n);
	}
	if (total > 0) {
		t = now_s();	/* this read's own time, not the loop's */
		s->t_last = t;
		s->all_bytes += (size_t)total;
		if (s->st == S_FIRST)
			s->first_bytes += (size_t)total;
		else if (s->st == S_STEP)
			s->bytes += (size_t)total;
		if (s->t_first_byte == 0)
			s->t_first_byte = t;
		if (s->scr.cpr) {	/* answer as an 80x24 UTF-8 terminal */
			char r[32];
			int len = snprintf(r, sizeof(r), "\033[%d;%dR",
			    s->scr.y + 1, s->scr.x + 1);

			s->scr.cpr = 0;
			ssh_channel_write(s->ch, r, (uint32_t)len);
		}
	}
	if (ssh_channel_is_eof(s->ch) || ssh_channel_is_closed(s->ch) ||
	    !ssh_is_connected(s->ssh))
		s->eof = 1;
	if (s->eof && !(s->st == S_STEP &&
	    s->script[s->pos].check == CK_EOF)) {
		fail(s, E_DISCONNECT, "the server closed the session (%s)",
		    s->st == S_FIRST ? "before the first screen" :
		    "while connected");
		return -1;
	}
	return total;
}

/* Advance the handshake as far as it goes without blocking. */
static void
handshake(struct sess *s, double t)
{
	int r;

	for (;;) {
		switch (s->st) {
		case S_KEX:
			r = ssh_connect(s->ssh);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				fail(s, E_KEX, "%s", ssh_get_error(s->ssh));
				return;
			}
			set_state(s, S_AUTH, t);
			break;
		case S_AUTH:
			/* -w: the walkers (-A) keep their own keys. */
			if (opt.password != NULL && !s->active)
				r = ssh_userauth_password(s->ssh, NULL,
				    opt.password);
			else
				r = ssh_userauth_publickey(s->ssh, NULL,
				    s->key);
			if (r == SSH_AUTH_AGAIN)
				return;
			if (r != SSH_AUTH_SUCCESS) {
				fail(s, E_AUTH, "%s (%d)",
				    ssh_get_error(s->ssh), r);
				return;
			}
			s->ch = ssh_channel_new(s->ssh);
			if (s->ch == NULL) {
				fail(s, E_CHANNEL, "ssh_channel_new");
				return;
			}
			set_state(s, S_OPEN, t);
			break;
		case S_OPEN:
			r = ssh_channel_open_session(s->ch);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				fail(s, E_CHANNEL, "open: %s",
				    ssh_get_error(s->ssh));
				return;
			}
			if (opt.nagle) {	/* OpenSSH: interactive now */
				int one = 1;

				setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY,
				    &one, sizeof(one));
			}
			set_state(s, S_PTY, t);
			break;
		case S_PTY:
			r = ssh_channel_request_pty_size(s->ch,
			    "xterm-256color", COLS, ROWS);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				fail(s, E_CHANNEL, "pty-req: %s",
				    ssh_get_error(s->ssh));
				return;
			}
			set_state(s, opt.lang[0] ? S_ENV : S_SHELL, t);
			break;
		case S_ENV:
			r = ssh_channel_request_env(s->ch, "LANG", opt.lang);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK)
				fail(s, E_ENV, "env LANG=%s refused", opt.lang);
			set_state(s, S_SHELL, t);
			break;
		case S_SHELL:
			r = ssh_channel_request_shell(s->ch);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				fail(s, E_CHANNEL, "shell: %s",
				    ssh_get_error(s->ssh));
				return;
			}
			set_state(s, S_FIRST, t);
			s->t_first_byte = 0;
			break;
		default:
			return;
		}
	}
}

/*
 * Work a session: its socket was readable (or writable while connecting),
 * or one of its timers may be due.
 */
static void
work(struct sess *s, double t, int readable, int phase_walk)
{
	double quiet = opt.quiet / 1000.0;
	int got = 0;

	if (s->st == S_TCP) {
		if (!readable) {
			if (t - s->t_start > SETUP_TIMEOUT)
				fail(s, E_TCP, "connect: no answer in %.0f s",
				    SETUP_TIMEOUT);
			return;
		}
		start_ssh(s, t);
		if (s->st == S_FAILED)
			return;
	}
	if (s->st >= S_KEX && s->st <= S_SHELL) {
		handshake(s, t);
		if (s->st == S_FAILED)
			return;
		if (s->st != S_FIRST) {
			if (t - s->t_start > SETUP_TIMEOUT)
				fail(s, E_FIRST, "handshake not done in %.0f s"
				    " (state %d)", SETUP_TIMEOUT, s->st);
			return;
		}
		readable = 1;	/* output may already wait in libssh */
	}
	if (s->st < S_FIRST || s->st > S_STEP)
		return;
	if (readable && (got = pump(s, t)) == -1)
		return;

	if (s->st == S_FIRST) {
		if (got > 0 && s->t_text == 0 &&
		    scr_find(&s->scr, FIRST_TEXT) >= 0) {
			s->t_text = s->t_last;	/* the read that showed it */
			add(&s_first_text, (s->t_text - s->t_start) * 1000);
			if (opt.verbose) {
				int k;

				fprintf(stderr, "session %d: first screen "
				    "%.1f ms after %.3f s; tcp kex auth open "
				    "pty env shell first:", s->id,
				    (s->t_text - s->t_start) * 1000,
				    s->t_start - t0);
				for (k = S_TCP; k <= S_FIRST; k++)
					fprintf(stderr, " %.1f", ((k < S_FIRST ?
					    (s->t_enter[k + 1] ? s->t_enter[k + 1] :
					    s->t_enter[k]) : s->t_text) -
					    s->t_enter[k]) * 1000);
				fprintf(stderr, "\n");
			}
			if (t_first_up < 0)
				t_first_up = s->t_text;
			t_last_up = s->t_text;
		}
		if (s->t_text > 0 && t - s->t_last >= quiet) {
			add(&s_first_frame, (s->t_last - s->t_start) * 1000);
			add(&s_first_bytes, (double)s->first_bytes);
			s->first_done = 1;
			if (opt.verbose > 1 && s->id == dump_id)
				scr_dump(&s->scr, stderr, "first screen");
			set_state(s, S_READY, t);
			if (opt.login_mode) {
				s->script = QUIT;
				s->nscript = NQUIT;
				s->pos = 0;
				s->t_next = t;
			} else if (s->active) {
				s->script = WALK;
				s->nscript = NWALK;
				s->pos = 0;
				s->looping = 1;
				s->t_next = 0;	/* set when the walk starts */
			}
		} else if (s->t_text == 0 && t - s->t_start > SETUP_TIMEOUT) {
			fail(s, E_FIRST, "no first screen in %.0f s (%zu bytes"
			    " read)", SETUP_TIMEOUT, s->first_bytes);
			if (opt.verbose)
				scr_dump(&s->scr, stderr, "no first screen");
		}
		return;
	}
	if (s->st == S_STEP) {
		const struct step *st = &s->script[s->pos];
		struct stepstats *ss = &walkstats[(s->script == QUIT ? NWALK :
		    0) + s->pos];

		if (!s->matched && (got > 0 || s->eof) && step_matched(s))
			s->matched = 1;
		/* An answer that leaves the screen as it was (« Plus rien de
		 * non lu » twice): over once it has been quiet for long. */
		if (!s->matched && st->check == CK_DIFF && s->bytes > 0 &&
		    t - s->t_last >= DIFF_QUIET) {
			s->matched = 1;
			diff_unchanged++;
		}
		if (s->matched && (st->check == CK_EOF ||
		    t - s->t_last >= quiet)) {
			double lat = (s->t_last - s->t_sent) * 1000;

			add(&ss->lat, lat);
			add(&ss->first, s->t_first_byte > 0 ?
			    (s->t_first_byte - s->t_sent) * 1000 : lat);
			add(&ss->bytes, (double)s->bytes);
			if (s->script == WALK)
				add(&s_all_lat, lat);
			if (opt.verbose > 1 && s->id == dump_id)
				scr_dump(&s->scr, stderr, st->name);
			if (st->check == CK_EOF) {
				ssh_disconnect(s->ssh);
				ssh_free(s->ssh);
				s->ssh = NULL;
				s->ch = NULL;
				s->fd = -1;
				set_state(s, S_DONE, t);
				return;
			}
			s->pos++;
			if (s->pos == s->nscript) {
				s->pos = s->looping ? 1 : s->nscript;
				s->loops++;
			}
			set_state(s, S_READY, t);
			s->t_next = s->script == WALK ? t + think() : t;
		} else if (t - s->t_sent > STEP_TIMEOUT) {
			fail(s, E_STEP, "%s: %s in %.0f s (%zu bytes read)",
			    st->name, s->t_first_byte > 0 ?
			    "expected screen not shown" : "no answer",
			    STEP_TIMEOUT, s->bytes);
			if (opt.verbose)
				scr_dump(&s->scr, stderr, "step timeout");
		}
		return;
	}
	/* S_READY */
	if (s->script != NULL && s->pos < s->nscript && s->t_next > 0 &&
	    t >= s->t_next && (phase_walk || s->script == QUIT))
		send_key(s, t);
}

/* ------------------------------------------------------------------ */
/* The server's processes: memory and CPU                               */

struct memdepth {
	unsigned	 procs;
	long long	 pss, rss, uss, pte;	/* KB */
	char		 comm[32];
};

struct memsnap {
	int		 ok;
	unsigned	 sessions;		/* connected at the time */
	struct memdepth	 d[6];			/* depth 1..5; 0: listener */
	unsigned	 procs;
	long long	 pss, rss, uss, pte;
};

static void
read_proc_mem(int pid, struct memdepth *m)
{
	char path[64], line[256];
	FILE *f;
	long long v;

	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", pid);
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL) {
			if (sscanf(line, "Pss: %lld", &v) == 1)
				m->pss += v;
			else if (sscanf(line, "Rss: %lld", &v) == 1)
				m->rss += v;
			else if (sscanf(line, "Private_Clean: %lld", &v) == 1 ||
			    sscanf(line, "Private_Dirty: %lld", &v) == 1)
				m->uss += v;
		}
		fclose(f);
	}
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL)
			if (sscanf(line, "VmPTE: %lld", &v) == 1)
				m->pte += v;
		fclose(f);
	}
	if (m->comm[0] == '\0') {
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		if ((f = fopen(path, "r")) != NULL) {
			if (fgets(m->comm, sizeof(m->comm), f) != NULL)
				m->comm[strcspn(m->comm, "\n")] = '\0';
			fclose(f);
		}
	}
	m->procs++;
}

/* Children of pid (every thread's list), in *kids (malloc'd, the caller
 * frees it); returns how many. No cap: 10,000 sessions are 10,000
 * children of the listener, a 60 KB line of /proc. */
static size_t
proc_children(int pid, int **kids)
{
	char path[320], *line = NULL;
	DIR *d;
	struct dirent *e;
	size_t n = 0, cap = 0, len = 0;

	*kids = NULL;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		FILE *f;
		char *p, *end;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/children", pid,
		    e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (getline(&line, &len, f) > 0) {
			for (p = line;; p = end) {
				long v = strtol(p, &end, 10);

				if (end == p)
					break;
				if (n == cap) {
					cap = cap == 0 ? 256 : cap * 2;
					if ((*kids = realloc(*kids, cap *
					    sizeof(**kids))) == NULL) {
						perror("realloc");
						exit(1);
					}
				}
				(*kids)[n++] = (int)v;
			}
		}
		fclose(f);
	}
	free(line);
	closedir(d);
	return n;
}

static void
mem_walk(int pid, int depth, struct memsnap *m)
{
	int *kids;
	size_t i, n;

	if (depth > 5)
		return;
	n = proc_children(pid, &kids);
	for (i = 0; i < n; i++) {
		read_proc_mem(kids[i], &m->d[depth]);
		mem_walk(kids[i], depth + 1, m);
	}
	free(kids);
}

static void
mem_snapshot(struct memsnap *m)
{
	int i;

	memset(m, 0, sizeof(*m));
	if (opt.server_pid <= 0)
		return;
	for (i = 0; i < opt.n; i++)
		if (S[i].st == S_READY || S[i].st == S_STEP)
			m->sessions++;
	read_proc_mem(opt.server_pid, &m->d[0]);
	mem_walk(opt.server_pid, 1, m);
	for (i = 1; i < 6; i++) {
		m->procs += m->d[i].procs;
		m->pss += m->d[i].pss;
		m->rss += m->d[i].rss;
		m->uss += m->d[i].uss;
		m->pte += m->d[i].pte;
	}
	m->ok = 1;
}

/* utime+stime+cutime+cstime of pid, in ms; -1 if unreadable. */
static double
proc_cpu_ms(int pid)
{
	char path[64], buf[2048], *p;
	FILE *f;
	unsigned long long v[4];
	size_t n;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	/* After ") ": state(3) ... utime(14) stime(15) cutime(16) cstime(17) */
	p += 2;
	for (i = 3; i < 14; i++) {
		p = strchr(p, ' ');
		if (p == NULL)
			return -1;
		p++;
	}
	if (sscanf(p, "%llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) != 4)
		return -1;
	return (double)(v[0] + v[1] + v[2] + v[3]) * 1000.0 /
	    (double)sysconf(_SC_CLK_TCK);
}

/* pid is the interfaces' image (palabre-ui --image, a child of the
 * listener for its whole life: the interfaces are its children). */
static int
proc_is_image(int pid)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	if ((fd = open(path, O_RDONLY)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n > 0 && memmem(buf, (size_t)n, "--image", 7) != NULL;
}

/* The server's CPU: the listener's and its live children's, each with
 * its reaped children (the image's interfaces are in its cutime). */
static double
server_cpu_ms(int pid)
{
	double ms = proc_cpu_ms(pid), c;
	int *kids;
	size_t i, nk;

	if (ms < 0)
		return ms;
	nk = proc_children(pid, &kids);
	for (i = 0; i < nk; i++)
		if ((c = proc_cpu_ms(kids[i])) > 0)
			ms += c;
	free(kids);
	return ms;
}

/* Sessions and interfaces still running: the listener's children but
 * the image, and the image's. */
static size_t
server_left(int pid)
{
	int *kids, *ui;
	size_t i, nk, n = 0;

	nk = proc_children(pid, &kids);
	for (i = 0; i < nk; i++) {
		if (proc_is_image(kids[i])) {
			n += proc_children(kids[i], &ui);
			free(ui);
		} else
			n++;
	}
	free(kids);
	return n;
}

/*
 * What the server tree spent: the CPU time of pid and of every live
 * descendant, in ms, and how many times they ran (timeslices: every
 * wake-up counts one), from /proc/PID/schedstat (nanoseconds, not the
 * 10 ms ticks of /proc/PID/stat, which round a short run to nothing).
 */
static void
tree_cpu(int pid, int depth, double *ms, double *runs)
{
	char path[64];
	unsigned long long ns, wait, n;
	int *kids;
	size_t i, nk;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", pid);
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%llu %llu %llu", &ns, &wait, &n) == 3) {
			*ms += (double)ns / 1e6;
			*runs += (double)n;
		}
		fclose(f);
	}
	if (depth < 5) {
		nk = proc_children(pid, &kids);
		for (i = 0; i < nk; i++)
			tree_cpu(kids[i], depth + 1, ms, runs);
		free(kids);
	}
}

/* Every byte the sessions have read so far. */
static double
all_bytes(void)
{
	double b = 0;
	int i;

	for (i = 0; i < opt.n; i++)
		b += (double)S[i].all_bytes;
	return b;
}

static void
json_mem(FILE *f, const char *name, const struct memsnap *m)
{
	unsigned ok = m->sessions;
	int i;

	if (!m->ok || ok == 0) {
		fprintf(f, ",\"%s\":null", name);
		return;
	}
	fprintf(f, ",\"%s\":{\"sessions\":%u,\"processes\":%u,"
	    "\"processes_per_session\":%.2f,\"pss_kb\":%lld,"
	    "\"pss_per_session_kb\":%.0f,\"uss_per_session_kb\":%.0f,"
	    "\"rss_per_session_kb\":%.0f,\"pte_per_session_kb\":%.0f,"
	    "\"listener\":{\"pss_kb\":%lld,\"rss_kb\":%lld},\"by_depth\":[",
	    name, ok, m->procs, (double)m->procs / ok, m->pss,
	    (double)m->pss / ok, (double)m->uss / ok, (double)m->rss / ok,
	    (double)m->pte / ok, m->d[0].pss, m->d[0].rss);
	for (i = 1; i < 6 && m->d[i].procs > 0; i++)
		fprintf(f, "%s{\"depth\":%d,\"comm\":\"%s\",\"processes\":%u,"
		    "\"pss_per_session_kb\":%.0f}", i > 1 ? "," : "", i,
		    m->d[i].comm, m->d[i].procs, (double)m->d[i].pss / ok);
	fprintf(f, "]}");
}

static void
print_mem(const char *label, const struct memsnap *m)
{
	unsigned ok = m->sessions;
	int i;

	if (!m->ok || ok == 0)
		return;
	printf("memory %s: %u sessions, %u processes (%.2f per session): "
	    "PSS %.0f KB per session (USS %.0f, RSS %.0f, page tables %.0f);"
	    " listener PSS %lld KB\n", label, ok, m->procs,
	    (double)m->procs / ok, (double)m->pss / ok, (double)m->uss / ok,
	    (double)m->rss / ok, (double)m->pte / ok, m->d[0].pss);
	for (i = 1; i < 6 && m->d[i].procs > 0; i++)
		printf("  depth %d (%s...): %u processes, PSS %.0f KB per "
		    "session\n", i, m->d[i].comm, m->d[i].procs,
		    (double)m->d[i].pss / ok);
}

/* ------------------------------------------------------------------ */

static void
json_stats(FILE *f, const char *name, struct samples *s, int comma)
{
	sort(s);
	fprintf(f, "%s\"%s\":{\"n\":%zu,\"min\":%.2f,\"median\":%.2f,"
	    "\"p95\":%.2f,\"p99\":%.2f,\"max\":%.2f}", comma ? "," : "", name,
	    s->n, s->n ? s->v[0] : 0, pct(s, 50), pct(s, 95), pct(s, 99),
	    s->n ? s->v[s->n - 1] : 0);
}

/* Is p a login pattern with exactly one %d and no other conversion? */
static int
one_int_pattern(const char *p)
{
	int n = 0;

	for (; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		if (p[1] != 'd')
			return 0;
		n++;
		p++;
	}
	return n == 1;
}

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void
on_usr1(int sig)
{
	(void)sig;
	hold_over = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: loadgen -p PORT -i KEY [-u USER] [-A PATTERN]"
	    " [-K KEYPATTERN]\n"
	    "       [-n SESSIONS] [-a ACTIVE] [-d DURATION_S] [-r RAMP_PER_S]"
	    " [-W WINDOW] [-t THINK_MS]\n"
	    "       [-D DEADLINE_S] [-P SERVER_PID] [-H HOLD_S] [-q] [-N]"
	    " [-L LANG]\n"
	    "       [-C CALM_S] [-Q QUIET_MS] [-o JSON_FILE] [-w PASSWORD]"
	    " [-v]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct pollfd *pfd;
	int *pidx;
	struct memsnap mem_idle, mem_end;
	struct rusage ru0, ru1;
	double t, t_all_up = -1, t_walk = -1, t_walk_end = -1, t_hold_end = -1;
	/* With no walker (-a 0), the walk is an idle window: the server
	 * tree's CPU and the bytes every session read across it. */
	double idle_t[2] = { -1, -1 }, idle_cpu[3] = { 0, 0, 0 };
	double idle_runs[3] = { 0, 0, 0 };
	double idle_b[3] = { 0, 0, 0 };	/* [2]: at the end of the hold */
	unsigned idle_n = 0, hold_readers = 0;
	double cpu0 = -1, cpu1 = -1, reaped_wait = 0, deadline;
	int c, i, started = 0, stopping = 0, hard = 0, nactive = 0;
	unsigned ok = 0, done = 0, failed, live, insetup;
	FILE *jf;

	while ((c = getopt(argc, argv, "p:u:A:K:C:i:n:a:d:r:W:t:D:P:H:qNL:Q:o:w:v")) != -1) {
		switch (c) {
		case 'p': opt.port = atoi(optarg); break;
		case 'u': opt.user = optarg; break;
		case 'A': opt.active_users = optarg; break;
		case 'K': opt.active_keys = optarg; break;
		case 'C': opt.calm = atof(optarg); break;
		case 'i': opt.keyfile = optarg; break;
		case 'n': opt.n = atoi(optarg); break;
		case 'a': opt.active = atoi(optarg); break;
		case 'd': opt.duration = atof(optarg); break;
		case 'r': opt.ramp = atof(optarg); break;
		case 'W': opt.window = atoi(optarg); break;
		case 't': opt.think = atof(optarg); break;
		case 'D': opt.deadline = atof(optarg); break;
		case 'P': opt.server_pid = atoi(optarg); break;
		case 'H': opt.hold = atof(optarg); break;
		case 'q': opt.login_mode = 1; break;
		case 'N': opt.nagle = 1; break;
		case 'L': opt.lang = optarg; break;
		case 'Q': opt.quiet = atof(optarg); break;
		case 'o': opt.json_path = optarg; break;
		case 'w': opt.password = optarg; break;
		case 'v': opt.verbose++; break;
		default: usage();
		}
	}
	if (opt.port <= 0 || opt.port > 65535 || opt.keyfile == NULL ||
	    opt.n < 1 || opt.n > 20000 || opt.active < 0 || opt.ramp <= 0 ||
	    opt.window < 0 || opt.duration < 0 || opt.think < 0 || opt.quiet < 1 || opt.calm < 0)
		usage();
	if (opt.active > opt.n)
		opt.active = opt.n;
	if ((opt.active_users != NULL && !one_int_pattern(opt.active_users)) ||
	    (opt.active_keys != NULL && !one_int_pattern(opt.active_keys)))
		usage();
	if (opt.login_mode)
		opt.active = 0;
	if (opt.deadline <= 0)
		opt.deadline = opt.n / opt.ramp + opt.duration + opt.hold + 120;

	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGUSR1, on_usr1);
	srandom(12345);
	if (ssh_init() != SSH_OK) {
		fprintf(stderr, "loadgen: ssh_init failed\n");
		return 2;
	}
	if (ssh_pki_import_privkey_file(opt.keyfile, NULL, NULL, NULL,
	    &privkey) != SSH_OK) {
		fprintf(stderr, "loadgen: cannot read the key %s\n",
		    opt.keyfile);
		return 2;
	}
	S = calloc((size_t)opt.n, sizeof(*S));
	pfd = calloc((size_t)opt.n, sizeof(*pfd));
	pidx = calloc((size_t)opt.n, sizeof(*pidx));
	if (S == NULL || pfd == NULL || pidx == NULL) {
		perror("calloc");
		return 2;
	}
	for (i = 0; i < opt.n; i++) {
		S[i].id = i;
		S[i].fd = -1;
		S[i].st = S_NEW;
		scr_init(&S[i].scr);
		/* ACTIVE sessions spread evenly over the ramp. */
		S[i].active = opt.active > 0 &&
		    (long)i * opt.active / opt.n !=
		    (long)(i + 1) * opt.active / opt.n;
		if (S[i].active && opt.active_users != NULL) {
			/* The pattern is ours (load.sh): one %d. */
			snprintf(S[i].user, sizeof(S[i].user),
			    opt.active_users, nactive);
		} else {
			snprintf(S[i].user, sizeof(S[i].user), "%s",
			    opt.user);
		}
		S[i].key = privkey;
		if (S[i].active && opt.active_keys != NULL) {
			char path[4096];

			snprintf(path, sizeof(path), opt.active_keys, nactive);
			if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL,
			    &S[i].key) != SSH_OK) {
				fprintf(stderr, "loadgen: cannot read the key "
				    "%s\n", path);
				return 2;
			}
		}
		if (S[i].active && nactive++ == 0)
			dump_id = i;
	}
	memset(&mem_idle, 0, sizeof(mem_idle));
	memset(&mem_end, 0, sizeof(mem_end));
	if (opt.server_pid > 0)
		cpu0 = server_cpu_ms(opt.server_pid);
	getrusage(RUSAGE_SELF, &ru0);

	t0 = now_s();
	deadline = t0 + opt.deadline;
	for (;;) {
		double next, wait;
		int nfd = 0, timeout, pending_up;

		t = now_s();
		if (interrupted || t >= deadline) {
			hard = 1;
			break;
		}
		/* Ramp, within the window. */
		insetup = 0;
		for (i = 0; opt.window > 0 && i < started; i++)
			insetup += S[i].st >= S_TCP && S[i].st <= S_FIRST;
		while (!stopping && started < opt.n &&
		    t >= t0 + started / opt.ramp &&
		    (opt.window == 0 || insetup < (unsigned)opt.window)) {
			start_tcp(&S[started++], t);
			insetup++;
		}

		/* Phase changes. */
		failed = 0;
		live = 0;
		pending_up = 0;
		ok = 0;
		done = 0;
		for (i = 0; i < started; i++) {
			if (S[i].st == S_FAILED)
				failed++;
			else if (S[i].st == S_DONE)
				done++;
			else
				live++;
			if (S[i].st < S_READY && S[i].st != S_FAILED &&
			    S[i].st != S_DONE)
				pending_up++;
			if (S[i].first_done)
				ok++;
		}
		if (t_all_up < 0 && started == opt.n && pending_up == 0) {
			t_all_up = t;
			if (opt.verbose)
				fprintf(stderr, "loadgen: %u up, %u failed, "
				    "%.1f s\n", ok, failed, t - t0);
		}
		if (t_all_up >= 0 && !opt.login_mode) {
			/* CALM_S of calm, then the memory of idle sessions. */
			if (t_walk < 0 && t - t_all_up >= opt.calm) {
				mem_snapshot(&mem_idle);
				t_walk = now_s();
				t_walk_end = t_walk + opt.duration;
				if (opt.active == 0 && opt.duration > 0) {
					if (opt.server_pid > 0)
						tree_cpu(opt.server_pid, 0,
						    &idle_cpu[0], &idle_runs[0]);
					idle_b[0] = all_bytes();
					idle_t[0] = now_s();
				}
				for (i = 0; i < opt.n; i++)
					if (S[i].active && S[i].st == S_READY)
						S[i].t_next = t_walk + think();
			}
			if (t_walk >= 0 && t >= t_walk_end && !stopping) {
				stopping = 1;	/* no new key */
				t_hold_end = t + opt.hold;
				if (idle_t[0] >= 0) {
					if (opt.server_pid > 0)
						tree_cpu(opt.server_pid, 0,
						    &idle_cpu[1], &idle_runs[1]);
					idle_b[1] = all_bytes();
					idle_t[1] = now_s();
					for (i = 0; i < opt.n; i++) {
						idle_n += S[i].st == S_READY;
						S[i].win_bytes = S[i].all_bytes;
					}
					/* For a script that acts during the
					 * hold (tests/bench/notices.sh). */
					fprintf(stderr, "loadgen: idle window "
					    "over\n");
				}
			}
			if (stopping == 1) {
				int busy = 0;

				for (i = 0; i < opt.n; i++)
					busy |= S[i].st == S_STEP;
				if (!busy && (t >= t_hold_end || hold_over)) {
					/* SIGUSR1 may have cut it short. */
					if (t < t_hold_end)
						opt.hold -= t_hold_end - t;
					idle_b[2] = all_bytes();
					if (idle_t[1] >= 0 && opt.server_pid > 0)
						tree_cpu(opt.server_pid, 0,
						    &idle_cpu[2], &idle_runs[2]);
					for (i = 0; i < opt.n; i++)
						hold_readers += S[i].all_bytes >
						    S[i].win_bytes;
					mem_snapshot(&mem_end);
					break;
				}
			}
		}
		if (opt.login_mode && started == opt.n && live == 0)
			break;

		/* Poll every live socket. */
		next = t + 0.25;
		for (i = 0; i < started; i++) {
			struct sess *s = &S[i];

			if (s->fd < 0 || s->st == S_FAILED || s->st == S_DONE)
				continue;
			pfd[nfd].fd = s->fd;
			pfd[nfd].events = s->st == S_TCP ? POLLOUT : POLLIN;
			/* libssh may hold output it could not write yet: it
			 * flushes it when called with the socket writable. */
			if (s->ssh != NULL &&
			    (ssh_get_poll_flags(s->ssh) & SSH_WRITE_PENDING))
				pfd[nfd].events |= POLLOUT;
			pfd[nfd].revents = 0;
			pidx[nfd++] = i;
			if (s->st == S_FIRST && s->t_text > 0 &&
			    s->t_last + opt.quiet / 1000.0 < next)
				next = s->t_last + opt.quiet / 1000.0;
			if (s->st == S_STEP && s->matched &&
			    s->t_last + opt.quiet / 1000.0 < next)
				next = s->t_last + opt.quiet / 1000.0;
			if (s->st == S_STEP && !s->matched && s->bytes > 0 &&
			    s->script[s->pos].check == CK_DIFF &&
			    s->t_last + DIFF_QUIET < next)
				next = s->t_last + DIFF_QUIET;
			if (s->st == S_READY && s->script != NULL &&
			    s->t_next > 0 && s->t_next < next &&
			    (t_walk >= 0 || s->script == QUIT) && !stopping)
				next = s->t_next;
		}
		if (!stopping && started < opt.n &&
		    (opt.window == 0 || insetup < (unsigned)opt.window) &&
		    t0 + started / opt.ramp < next)
			next = t0 + started / opt.ramp;
		if (t_walk < 0 && t_all_up >= 0 && t_all_up + opt.calm < next)
			next = t_all_up + opt.calm;
		if (t_walk_end > 0 && !stopping && t_walk_end < next)
			next = t_walk_end;
		if (t_hold_end > 0 && t_hold_end < next)
			next = t_hold_end;
		wait = (next - t) * 1000;
		timeout = wait <= 0 ? 0 : (int)wait + 1;
		if (poll(pfd, (nfds_t)nfd, timeout) == -1 && errno != EINTR) {
			perror("poll");
			break;
		}
		t = now_s();
		for (i = 0; i < nfd; i++) {
			struct sess *s = &S[pidx[i]];

			work(s, t, pfd[i].revents != 0,
			    t_walk >= 0 && !stopping);
		}
	}

	/* Disconnect everything that is still there. */
	t = now_s();
	for (i = 0; i < started; i++) {
		if (S[i].ssh != NULL) {
			ssh_disconnect(S[i].ssh);
			ssh_free(S[i].ssh);
			S[i].ssh = NULL;
		} else if (S[i].fd != -1 && S[i].st == S_TCP) {
			close(S[i].fd);
		}
		S[i].fd = -1;
	}
	getrusage(RUSAGE_SELF, &ru1);
	/* The listener's CPU, once every session has been reaped. */
	if (opt.server_pid > 0 && cpu0 >= 0) {
		double tw = now_s();

		while (server_left(opt.server_pid) > 0 &&
		    now_s() - tw < 15 && !interrupted)
			usleep(20000);
		reaped_wait = now_s() - tw;
		usleep(50000);
		cpu1 = server_cpu_ms(opt.server_pid);
	}

	/* Figures. */
	{
		unsigned nerr = 0, k;
		double ramp_s = t_last_up > 0 ? t_last_up - S[0].t_start : 0;
		double cpu_client = (double)(ru1.ru_utime.tv_sec -
		    ru0.ru_utime.tv_sec + ru1.ru_stime.tv_sec -
		    ru0.ru_stime.tv_sec) * 1000 + (double)(ru1.ru_utime.tv_usec -
		    ru0.ru_utime.tv_usec + ru1.ru_stime.tv_usec -
		    ru0.ru_stime.tv_usec) / 1000;
		double rate = ramp_s > 0 && s_first_text.n > 1 ?
		    (double)(s_first_text.n - 1) / (t_last_up - t_first_up) : 0;
		double cps = ramp_s > 0 ? (double)s_first_text.n / ramp_s : 0;
		size_t nsteps = 0;
		size_t w;
		int comma;

		for (k = 0; k < NERR; k++)
			if (k != E_ENV)
				nerr += errs[k];
		for (w = 0; w < NWALK; w++)
			nsteps += walkstats[w].lat.n;
		sort(&s_first_text);
		sort(&s_first_frame);
		sort(&s_first_bytes);
		sort(&s_all_lat);
		printf("loadgen: 127.0.0.1:%d, %d sessions (%d active), ramp "
		    "%.0f/s, %d in setup at most, %s%s%s\n", opt.port, opt.n,
		    opt.active, opt.ramp, opt.window,
		    opt.nagle ? "Nagle until the channel is open, " : "",
		    opt.login_mode ? "login mode (quit after the first screen)"
		    : "walk", hard ? ", STOPPED AT THE DEADLINE" : "");
		printf("up: %zu of %d reached the first screen; %.1f "
		    "connections/s (first start to last first screen, %.2f s)\n",
		    s_first_text.n, opt.n, cps, ramp_s);
		printf("first screen (text shown): median %.1f ms, p95 %.1f, "
		    "p99 %.1f, max %.1f\n", pct(&s_first_text, 50),
		    pct(&s_first_text, 95), pct(&s_first_text, 99),
		    s_first_text.n ? s_first_text.v[s_first_text.n - 1] : 0);
		printf("first frame (last byte before %.0f ms quiet): median "
		    "%.1f ms, p95 %.1f, p99 %.1f; %.0f bytes\n", opt.quiet,
		    pct(&s_first_frame, 50), pct(&s_first_frame, 95),
		    pct(&s_first_frame, 99), pct(&s_first_bytes, 50));
		if (s_all_lat.n > 0 || opt.login_mode) {
			if (s_all_lat.n > 0)
				printf("steps (%zu): median %.1f ms, p95 %.1f, "
				    "p99 %.1f, max %.1f\n", nsteps,
				    pct(&s_all_lat, 50), pct(&s_all_lat, 95),
				    pct(&s_all_lat, 99),
				    s_all_lat.v[s_all_lat.n - 1]);
			for (w = 0; w < NWALK + NQUIT; w++) {
				struct stepstats *ss = &walkstats[w];
				const struct step *st = w < NWALK ? &WALK[w] :
				    &QUIT[w - NWALK];

				if (ss->lat.n == 0)
					continue;
				sort(&ss->lat);
				sort(&ss->first);
				sort(&ss->bytes);
				printf("  %-10s n=%-5zu median %6.1f ms, p95 "
				    "%6.1f, p99 %6.1f; first byte %5.1f ms; "
				    "%5.0f bytes\n", st->name, ss->lat.n,
				    pct(&ss->lat, 50), pct(&ss->lat, 95),
				    pct(&ss->lat, 99), pct(&ss->first, 50),
				    pct(&ss->bytes, 50));
			}
		}
		if (diff_unchanged > 0)
			printf("  (%u steps left the screen as it was: over "
			    "after %.0f ms of quiet, the time is their last "
			    "byte)\n", diff_unchanged, DIFF_QUIET * 1000);
		print_mem("idle (at the welcome screen)", &mem_idle);
		if (idle_t[1] > idle_t[0] && idle_n > 0)
			printf("idle window: %.1f s, %u sessions: server CPU "
			    "%.3f ms per second (%.0f wake-ups of its processes "
			    "in all), %.2f bytes per session per minute\n",
			    idle_t[1] - idle_t[0], idle_n,
			    (idle_cpu[1] - idle_cpu[0]) /
			    (idle_t[1] - idle_t[0]), idle_runs[1] -
			    idle_runs[0], (idle_b[1] - idle_b[0]) /
			    idle_n * 60 / (idle_t[1] - idle_t[0]));
		if (idle_t[1] > idle_t[0] && idle_n > 0 && opt.hold > 0)
			printf("hold: %.0f s after the window: %.0f bytes read "
			    "in all, by %u sessions; server CPU %.1f ms, %.0f "
			    "wake-ups\n", opt.hold, idle_b[2] - idle_b[1],
			    hold_readers, idle_cpu[2] - idle_cpu[1],
			    idle_runs[2] - idle_runs[1]);
		print_mem("after the walk", &mem_end);
		if (cpu1 >= 0 && s_first_text.n > 0)
			printf("server CPU: %.0f ms in all, %.1f ms per session "
			    "(sessions reaped %.2f s after the end)\n",
			    cpu1 - cpu0, (cpu1 - cpu0) / s_first_text.n,
			    reaped_wait);
		printf("client CPU: %.1f ms per session\n",
		    s_first_text.n ? cpu_client / s_first_text.n : 0);
		printf("errors: %u", nerr);
		for (k = 0; k < NERR; k++)
			if (errs[k])
				printf("; %s %u", ERRNAME[k], errs[k]);
		printf("\n");
		for (k = 0; k < NERR; k++)
			for (i = 0; i < MAXERRMSG && (unsigned)i < errs[k];
			    i++)
				printf("  %s: %s\n", ERRNAME[k], errmsg[k][i]);

		jf = opt.json_path ? fopen(opt.json_path, "w") : NULL;
		for (int pass = 0; pass < 2; pass++) {
			FILE *f = pass == 0 ? stdout : jf;

			if (f == NULL)
				continue;
			if (pass == 0)
				fprintf(f, "JSON ");
			fprintf(f, "{\"port\":%d,\"sessions\":%d,\"active\":%d,"
			    "\"ramp_per_s\":%.1f,\"think_ms\":%.0f,"
			    "\"duration_s\":%.1f,\"quiet_ms\":%.0f,"
			    "\"login_mode\":%d,\"nagle\":%d,\"lang\":\"%s\","
			    "\"stopped_at_deadline\":%d,\"up\":%zu,"
			    "\"ramp_s\":%.3f,\"connections_per_s\":%.2f,"
			    "\"up_rate_per_s\":%.2f,", opt.port, opt.n,
			    opt.active, opt.ramp, opt.think, opt.duration,
			    opt.quiet, opt.login_mode, opt.nagle, opt.lang, hard,
			    s_first_text.n, ramp_s, cps, rate);
			json_stats(f, "first_screen_ms", &s_first_text, 0);
			json_stats(f, "first_frame_ms", &s_first_frame, 1);
			json_stats(f, "first_bytes", &s_first_bytes, 1);
			json_stats(f, "keys_ms", &s_all_lat, 1);
			fprintf(f, ",\"steps_unchanged\":%u", diff_unchanged);
			fprintf(f, ",\"steps\":{");
			comma = 0;
			for (w = 0; w < NWALK + NQUIT; w++) {
				struct stepstats *ss = &walkstats[w];
				const struct step *st = w < NWALK ? &WALK[w] :
				    &QUIT[w - NWALK];

				if (ss->lat.n == 0)
					continue;
				fprintf(f, "%s\"%s\":{", comma++ ? "," : "",
				    st->name);
				json_stats(f, "ms", &ss->lat, 0);
				json_stats(f, "first_byte_ms", &ss->first, 1);
				json_stats(f, "bytes", &ss->bytes, 1);
				fprintf(f, "}");
			}
			fprintf(f, "}");
			json_mem(f, "memory_idle", &mem_idle);
			if (idle_t[1] > idle_t[0] && idle_n > 0)
				fprintf(f, ",\"idle_window\":{\"s\":%.2f,"
				    "\"sessions\":%u,\"server_cpu_ms\":%.1f,"
				    "\"server_cpu_ms_per_s\":%.4f,"
				    "\"server_wakeups\":%.0f,\"bytes\":%.0f,"
				    "\"bytes_per_session_per_min\":%.3f,"
				    "\"hold_s\":%.1f,\"hold_bytes\":%.0f,"
				    "\"hold_readers\":%u,"
				    "\"hold_server_cpu_ms\":%.1f,"
				    "\"hold_server_wakeups\":%.0f}",
				    idle_t[1] - idle_t[0], idle_n,
				    idle_cpu[1] - idle_cpu[0],
				    (idle_cpu[1] - idle_cpu[0]) /
				    (idle_t[1] - idle_t[0]),
				    idle_runs[1] - idle_runs[0],
				    idle_b[1] - idle_b[0], (idle_b[1] -
				    idle_b[0]) / idle_n * 60 /
				    (idle_t[1] - idle_t[0]), opt.hold,
				    idle_b[2] - idle_b[1], hold_readers,
				    idle_cpu[2] - idle_cpu[1],
				    idle_runs[2] - idle_runs[1]);
			json_mem(f, "memory_end", &mem_end);
			if (cpu1 >= 0 && s_first_text.n > 0)
				fprintf(f, ",\"server_cpu_ms\":%.0f,"
				    "\"server_cpu_ms_per_session\":%.2f",
				    cpu1 - cpu0, (cpu1 - cpu0) /
				    s_first_text.n);
			fprintf(f, ",\"client_cpu_ms_per_session\":%.2f",
			    s_first_text.n ? cpu_client / s_first_text.n :
			    0);
			fprintf(f, ",\"errors\":{\"total\":%u", nerr);
			for (k = 0; k < NERR; k++)
				fprintf(f, ",\"%s\":%u", ERRNAME[k], errs[k]);
			fprintf(f, "},\"elapsed_s\":%.2f}\n", now_s() - t0);
		}
		if (jf != NULL)
			fclose(jf);
	}
	free(pfd);
	free(pidx);
	for (i = 0; i < opt.n; i++)
		if (S[i].key != privkey)
			ssh_key_free(S[i].key);
	ssh_key_free(privkey);
	ssh_finalize();
	return 0;
}
