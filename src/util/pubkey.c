/*
 * pubkey.c - parse a pasted SSH public key (see pubkey.h).
 *
 * The key blob is checked as far as it names its own type (its first
 * string must be the algorithm of the line): enough to refuse a private
 * key, a truncated paste or a fingerprint pasted by mistake, without
 * reimplementing the key formats. Whether the key works is proven at
 * the next login, by the server, with libssh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util/pubkey.h"
#include "util/util.h"

static const char *const pubkey_algos[] = {
	"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
	"ecdsa-sha2-nistp521", "ssh-rsa", "sk-ssh-ed25519@openssh.com",
	"sk-ecdsa-sha2-nistp256@openssh.com"
};

static int	 pubkey_algo_known(const char *, size_t);
static int	 pubkey_strings(const unsigned char *, size_t);

/* The number of SSH strings (uint32 length, bytes) that make up the
 * blob exactly, or -1 if the last one runs past its end (truncated). */
static int
pubkey_strings(const unsigned char *p, size_t n)
{
	uint32_t len;
	int count = 0;

	while (n > 0) {
		if (n < 4)
			return -1;
		len = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
		if (len > n - 4)
			return -1;
		p += 4 + len;
		n -= 4 + len;
		count++;
	}
	return count;
}

static int
pubkey_algo_known(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(pubkey_algos) / sizeof(pubkey_algos[0]); i++)
		if (strlen(pubkey_algos[i]) == n &&
		    memcmp(pubkey_algos[i], s, n) == 0)
			return 1;
	return 0;
}

void
pubkey_clear(struct pubkey *k)
{
	if (k == NULL)
		return;
	free(k->algo);
	free(k->blob);
	free(k->fingerprint);
	free(k->comment);
	memset(k, 0, sizeof(*k));
}

int
pubkey_parse(const char *line, struct pubkey *k, const char **why)
{
	unsigned char *bin = NULL, hash[crypto_hash_sha256_BYTES];
	const char *p = line, *algo, *b64, *comment;
	size_t alen, blen, binlen = 0, clen, n;
	char *out;
	uint32_t len;
	int rc = -1;

	memset(k, 0, sizeof(*k));
	if (strlen(line) > PUBKEY_LINE_MAX) {
		*why = "Texte trop long pour une clé publique.";
		return -1;
	}
	p += strspn(p, " \t\r\n");
	if (strncmp(p, "-----BEGIN", 10) == 0) {
		*why = "C'est une clé privée : ne la donnez jamais. Collez le "
		    "contenu du fichier .pub.";
		return -1;
	}
	algo = p;
	alen = strcspn(p, " \t\r\n");
	if (!pubkey_algo_known(algo, alen)) {
		*why = "Ce n'est pas une clé publique SSH (elle commence par "
		    "« ssh-ed25519 », « ecdsa-sha2-... » ou « ssh-rsa »).";
		return -1;
	}
	p += alen;
	p += strspn(p, " \t");
	b64 = p;
	blen = strcspn(p, " \t\r\n");
	comment = b64 + blen;
	comment += strspn(comment, " \t");
	clen = strcspn(comment, "\r\n");
	while (clen > 0 && (comment[clen - 1] == ' ' ||
	    comment[clen - 1] == '\t'))
		clen--;
	bin = xmalloc(blen + 1);
	if (blen == 0 || sodium_base642bin(bin, blen, b64, blen, NULL, &binlen,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
		*why = "La clé est incomplète ou abîmée : collez toute la "
		    "ligne du fichier .pub.";
		goto out;
	}
	/* The blob starts with its own type, as a string. */
	if (binlen < 4 + alen)
		goto bad;
	len = (uint32_t)bin[0] << 24 | (uint32_t)bin[1] << 16 |
	    (uint32_t)bin[2] << 8 | bin[3];
	if (len != alen || memcmp(bin + 4, algo, alen) != 0 ||
	    pubkey_strings(bin, binlen) < 2)
		goto bad;
	crypto_hash_sha256(hash, bin, binlen);
	n = sodium_base64_encoded_len(sizeof(hash),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	out = xmalloc(n);
	sodium_bin2base64(out, n, hash, sizeof(hash),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	xasprintf(&k->fingerprint, "SHA256:%s", out);
	free(out);
	n = sodium_base64_encoded_len(binlen, sodium_base64_VARIANT_ORIGINAL);
	k->blob = xmalloc(n);
	sodium_bin2base64(k->blob, n, bin, binlen,
	    sodium_base64_VARIANT_ORIGINAL);
	k->algo = xstrndup(algo, alen);
	k->comment = xstrndup(comment, clen);
	rc = 0;
	goto out;
bad:
	*why = "La clé ne correspond pas à son type : collez toute la ligne "
	    "du fichier .pub.";
out:
	free(bin);
	return rc;
}
