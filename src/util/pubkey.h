/*
 * pubkey.h - a member's SSH public key as they paste it (one line of an
 * authorized_keys or .pub file), read without libssh: the interface
 * process (palabre-ui) is not linked with it. The algorithm, the key
 * (base64, as libssh exports it) and the SHA-256 fingerprint come out
 * exactly as the server's authentication sees them (conn_key_describe).
 */
#ifndef PALABRE_PUBKEY_H
#define PALABRE_PUBKEY_H

#define PUBKEY_LINE_MAX	(16 * 1024)	/* an RSA 16384 key fits */

struct pubkey {
	char	*algo;		/* "ssh-ed25519" */
	char	*blob;		/* base64, padded */
	char	*fingerprint;	/* "SHA256:..." as ssh-keygen -l prints it */
	char	*comment;	/* "" if none */
};

/*
 * Parse one line: "[options] algo base64 [comment]" (authorized_keys
 * options are not accepted: a key only). 0 and *k filled (free with
 * pubkey_clear), or -1 with *why, a French sentence for the member.
 */
int	 pubkey_parse(const char *line, struct pubkey *k, const char **why);
void	 pubkey_clear(struct pubkey *);

#endif
