/*
 * txt.h - the text layer: every string from the network, the database, a
 * config file or an imported file goes through here before ncurses sees it.
 *
 * Invariants of a "clean" string (what txt_clean() returns and what the
 * store keeps): valid UTF-8, NFC, no C0 control but '\n' (and none at all
 * in single-line text), no DEL, no C1 control (U+0080-U+009F), no bidi
 * control (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), no other
 * default-ignorable code point (zero-width spaces, soft hyphen, tags...)
 * but the joiners a grapheme needs, no private-use, surrogate or
 * unassigned code point, at most TXT_MAX_COMBINING combining marks after
 * a base character. Tabs become spaces, CR LF and lone CR become LF.
 *
 * The joiners (txt_is_joiner()): ZWNJ U+200C and ZWJ U+200D, which
 * Persian and Indic spellings need (« می‌خواهم ») and emoji sequences are
 * made of (👩‍💻), and the variation selectors U+FE00-U+FE0F and
 * U+E0100-U+E01EF (❤️ is U+2764 U+FE0F). One is kept when it follows a
 * character it can join or modify; never at the start of the text or of
 * a line, after a space or a control, ZWJ or ZWNJ after ZWJ or ZWNJ, nor
 * a variation selector after any joiner.
 *
 * Widths are display columns (libunistring's u8_width in "UTF-8"), never
 * bytes nor code points, counted by grapheme cluster (txt_cluster()): a
 * CJK ideograph counts two, a combining mark zero, an emoji ZWJ sequence
 * and an emoji with U+FE0F two. Layout never cuts inside a cluster.
 * Everything here is locale-independent.
 */
#ifndef PALABRE_TXT_H
#define PALABRE_TXT_H

#include <stddef.h>
#include <stdint.h>

#define TXT_MAX_COMBINING 4	/* combining marks kept per base character */
#define TXT_TABSTOP 8		/* tab stops for TXT_MULTILINE text */

/* Flags for txt_clean(). */
#define TXT_MULTILINE	0x01	/* keep '\n' (otherwise newlines become spaces) */

/* Bits reported by txt_clean() in *what: what had to be repaired. */
#define TXT_FIX_INVALID	 0x01	/* invalid UTF-8 replaced by U+FFFD */
#define TXT_FIX_CONTROL	 0x02	/* control/escape characters removed */
#define TXT_FIX_INVISIBLE 0x04	/* bidi/zero-width/unassigned removed */
#define TXT_FIX_TRUNCATED 0x08	/* cut at maxbytes (on a character boundary) */

/*
 * Clean len bytes of untrusted text (see the invariants above). Single-line
 * text (no TXT_MULTILINE) also has its leading/trailing spaces trimmed and
 * runs of spaces kept as they are. If maxbytes is not 0 the result is cut,
 * on a character boundary, to at most maxbytes bytes. Returns a new
 * NUL-terminated string (never NULL); if what is not NULL it receives the
 * TXT_FIX_* bits of what was repaired (0 if the input was already clean).
 */
char	*txt_clean(const char *in, size_t len, int flags, size_t maxbytes,
	    unsigned *what);

/*
 * The input rule: bytes from outside (a file, an admin command's standard
 * input, keys typed or pasted in the interface) become valid UTF-8 before
 * anything else reads them. Each NUL byte and each maximal invalid
 * subsequence (a stray byte, or a lead byte with the continuation bytes
 * that follow it up to the length it announces: what libunistring's
 * u8_mbtouc() takes as one unit, an overlong form or a surrogate included)
 * becomes one U+FFFD. Nothing is ever dropped nor cut: "A\x9bBC" gives
 * "A\xef\xbf\xbdBC", "a\0b" gives "a\xef\xbf\xbdb". txt_clean() applies
 * the same rule.
 *
 * txt_utf8() does it at once: a new NUL-terminated string (no NUL inside)
 * of *outn bytes (outn may be NULL). For a stream (keystrokes), feed a
 * struct txt_utf8 one byte at a time with txt_utf8_byte(): 1 with *uc set
 * when a character is complete (U+FFFD for an invalid one), 0 when the
 * byte was taken and more are needed, -1 when the byte cannot continue
 * the pending sequence: *uc is U+FFFD for what was pending and the same
 * byte must be fed again. txt_utf8_end(): 1 with *uc U+FFFD if a
 * sequence was left unfinished (the input ended or paused), else 0.
 */
struct txt_utf8 {
	uint8_t	part[4];	/* the pending sequence */
	size_t	npart;
};

char	*txt_utf8(const char *in, size_t len, size_t *outn);
int	 txt_utf8_byte(struct txt_utf8 *, uint8_t, uint32_t *uc);
int	 txt_utf8_end(struct txt_utf8 *, uint32_t *uc);

/*
 * The escape-sequence swallower of txt_clean(), for a stream read one
 * code point at a time (the interface's keys). Start at ESC_NONE; feed
 * each code point: 1 if it belongs to an escape sequence (ESC, CSI with
 * its parameters and final, ESC with intermediates, OSC/DCS/SOS/PM/APC
 * strings, C1 controls that open them) and must be dropped, 0 if it is
 * text. The state is back at ESC_NONE when a sequence is over.
 */
enum txt_esc {
	ESC_NONE,		/* plain text */
	ESC_ESC,		/* after ESC */
	ESC_INTER,		/* ESC then intermediates (0x20-0x2F) */
	ESC_CSI,		/* control sequence: parameters until a final */
	ESC_STR,		/* OSC/DCS/SOS/PM/APC string until BEL or ST */
	ESC_STR_ESC		/* ESC inside a string: maybe ST */
};

int	 txt_escape(enum txt_esc *, uint32_t uc);

/* 1 if uc is a joiner: ZWNJ, ZWJ or a variation selector (see above). */
int	 txt_is_joiner(uint32_t uc);

/*
 * Length in bytes of the first grapheme cluster of s (n bytes; 0 if n is
 * 0), its width in *width and in *joined 1 for an emoji ZWJ sequence on
 * a UTF-8 terminal: a picture of two columns that ncurses must be given
 * as one cell (ui_putn() does), else 0. width and joined may be NULL.
 */
size_t	 txt_cluster(const char *s, size_t n, size_t *width, int *joined);

/* 1 if s (len bytes) already satisfies the clean invariants, else 0. */
int	 txt_is_clean(const char *s, size_t len, int flags);

/*
 * Display width in columns of a clean NUL-terminated string / of n bytes.
 * Controls ('\n' included) count zero; an invalid byte counts as U+FFFD.
 */
size_t	 txt_width(const char *s);
size_t	 txt_nwidth(const char *s, size_t n);

/*
 * Length in bytes of the longest prefix of s (n bytes) whose width is at
 * most cols; never splits a character nor separates a combining mark from
 * its base. If width is not NULL it receives that prefix's width.
 */
size_t	 txt_fit(const char *s, size_t n, size_t cols, size_t *width);

/*
 * A new string: s cut to at most cols columns; when it had to be cut, the
 * last column is "…" (U+2026). cols of 0 gives "".
 */
char	*txt_trunc(const char *s, size_t cols);

/* One line of wrapped text: bytes [off, off+len) of the source. */
struct txt_line {
	size_t	off;
	size_t	len;		/* without the trailing space or newline */
	size_t	width;		/* display width of those bytes */
};

/*
 * Wrap n bytes of clean text to lines of at most width columns, with real
 * line breaking (libunistring's UAX #14 opportunities: breaks at spaces,
 * after hyphens, never before « : ; ! ? » or inside a word; never next to a
 * no-break space U+00A0/U+202F). '\n' forces a break; an empty line stays
 * an empty line; "" gives one empty line and a final '\n' adds none. A
 * word wider than width is cut on a character boundary, never between a
 * base and its marks. No line is ever wider than width (width 0 counts as
 * 1), save one case: a double-width character when width is 1 gets a line
 * of its own. Returns the number of lines and sets *lines to a new array
 * (free()).
 */
size_t	 txt_wrap(const char *s, size_t n, size_t width,
	    struct txt_line **lines);

/*
 * Fold for search and sort: NFD, drop combining marks, case-fold, expand
 * œ/æ (oe, ae), NFC. "Élodie" and "elodie" fold alike; "intégration"
 * folds to "integration". Returns a new string.
 */
char	*txt_fold(const char *s);

/*
 * Compare for display order: by folded form, then by the strings
 * themselves, so "Élodie" sorts beside "Elodie" and the order is total.
 */
int	 txt_collate(const char *a, const char *b);

/* 1 if login is a valid member login: [a-z0-9][a-z0-9._-]{1,31}. */
int	 txt_login_valid(const char *login);

/*
 * Escape an untrusted string for output outside ncurses (messages written
 * straight to the channel or a terminal): invalid bytes and non-printable
 * characters become U+FFFD, and the result is cut to cols columns (each
 * line, since '\n' is kept; cols of 0 means no limit).
 */
char	*txt_escape_term(const char *s, size_t cols);

/*
 * Bytes on their way to a terminal outside ncurses (the sysop's, from
 * « palabre admin »), made harmless but visible, for a stream fed in any
 * pieces (d keeps a character cut between two calls; zero it first):
 * C0 controls but tab and newline (and CR with TXT_VIS_CR), and DEL,
 * become "\x1b"; C1 controls, bidi controls and the line and paragraph
 * separators become "\u202e"; NUL and invalid bytes become U+FFFD by
 * the input rule. Everything else passes as it is, so clean text comes
 * out unchanged. Appends to out.
 */
#define TXT_VIS_CR	0x01	/* keep CR (CRLF files: iCalendar) */
struct buf;
void	 txt_visible(struct txt_utf8 *d, const char *in, size_t n, int flags,
	    struct buf *out);

/* --- Styled documents (Markdown via md4c) ----------------------------- */

#define TXT_ATTR_BOLD	0x01
#define TXT_ATTR_ITALIC	0x02
#define TXT_ATTR_CODE	0x04

/* A run of text with one style, bytes [off, off+len) of the block text. */
struct txt_span {
	size_t	off;
	size_t	len;
	int	attr;
};

enum txt_block_kind {
	TXT_BLOCK_PARA,
	TXT_BLOCK_HEADING,	/* level 1..6 */
	TXT_BLOCK_ITEM,		/* list item; bullet is "•" or "1." */
	TXT_BLOCK_QUOTE,
	TXT_BLOCK_CODE,		/* preformatted, lines kept as they are */
	TXT_BLOCK_RULE
};

struct txt_block {
	enum txt_block_kind kind;
	int		 level;		/* heading level or list depth (1..) */
	char		*bullet;	/* list items only, else NULL */
	char		*text;		/* clean text of the block */
	struct txt_span	*spans;
	size_t		 nspans;
};

struct txt_doc {
	struct txt_block *blocks;
	size_t		  nblocks;
};

/*
 * Parse Markdown (CommonMark, via md4c) into blocks of styled, clean text.
 * The source is cleaned first, so any input gives a document. Returns a
 * new document (txt_doc_free()).
 */
struct txt_doc *txt_doc_from_markdown(const char *md, size_t len);
/* A document of plain paragraphs (blank lines separate paragraphs). */
struct txt_doc *txt_doc_from_plain(const char *s, size_t len);
void	 txt_doc_free(struct txt_doc *);

/* --- Character repertoires (txt_charset.c) ---------------------------- */

/*
 * The member's terminal: UTF-8, Latin-9, Latin-1, CP850 or ASCII. The UI
 * sets one (txt_charset_set) and from then on the widths of txt_width,
 * txt_fit and txt_wrap count each character as its replacement in that
 * charset (œ -> oe: two columns in ASCII), and txt_charset_apply() gives
 * the text to draw. The session process re-encodes the bytes.
 */
enum txt_charset {
	TXT_CS_UTF8,
	TXT_CS_LATIN9,
	TXT_CS_LATIN1,
	TXT_CS_CP850,
	TXT_CS_ASCII,
	TXT_CS_COUNT
};

#define TXT_REPL_MAX 16		/* bytes of one character's replacement */

/* "latin9", "ISO-8859-15", "utf8"... -> charset, or -1. */
int		 txt_charset_parse(const char *);
/* From a locale name ("fr_FR.UTF-8", "fr_FR@euro", "C"), or -1. */
int		 txt_charset_from_locale(const char *);
const char	*txt_charset_name(enum txt_charset);	/* "ISO-8859-15" */
const char	*txt_charset_label(enum txt_charset);	/* for members */
void		 txt_charset_set(enum txt_charset);
enum txt_charset txt_charset_get(void);
/* 1 if cs shows the code point uc as it is. */
int		 txt_charset_has(enum txt_charset, uint32_t uc);
/* UTF-8 bytes of what cs shows for uc (uc itself, "oe", "e", "?");
 * returns their length (0 for a combining mark that cs cannot show). */
size_t		 txt_charset_replace(enum txt_charset, uint32_t uc,
		    char out[TXT_REPL_MAX]);
/* Columns of uc's replacement in the current charset. */
size_t		 txt_charset_width(uint32_t uc);
/* n bytes of clean text as the current charset shows it (new string). */
char		*txt_charset_apply(const char *s, size_t n, size_t *outn);
/* The same for any charset. */
char		*txt_charset_convert(enum txt_charset, const char *s, size_t n,
		    size_t *outn);
/* The in-band marker the UI writes to switch the session's encoding. */
void		 txt_charset_marker(enum txt_charset, char *, size_t);

enum txt_enc_state { TXT_ENC_TEXT, TXT_ENC_ESC, TXT_ENC_DCS, TXT_ENC_DCS_ESC };

/* Streaming UTF-8 -> terminal bytes, for the session's output. It also
 * catches the UI's marker (a DCS string) and switches charset there. */
struct txt_encoder {
	enum txt_charset	cs;
	enum txt_enc_state	state;
	uint8_t			part[4];	/* an unfinished UTF-8 sequence */
	size_t			npart;
	char			dcs[48];	/* a DCS string being read */
	size_t			ndcs;
};

struct buf;
void	 txt_encoder_init(struct txt_encoder *);
void	 txt_encode(struct txt_encoder *, const char *, size_t, struct buf *);
/* The member's keystrokes in charset cs -> UTF-8; a byte that is no
 * character of cs is U+FFFD. UTF-8 passes unchanged: the interface
 * decodes it by the input rule. */
void	 txt_decode_input(enum txt_charset, const char *, size_t, struct buf *);

#endif /* PALABRE_TXT_H */
