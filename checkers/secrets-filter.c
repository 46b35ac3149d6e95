/*
 * Entropy, validators, placeholders, suppression markers, redaction and
 * fingerprints (secrets-filter.h).
 */
#include "secrets-filter.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <zlib.h>

#include "secrets-sha256.h"

static const char base62[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

double secrets_entropy(const char *s, size_t len)
{
	unsigned counts[256] = { 0 };
	double h = 0;
	size_t i;

	if (!len)
		return 0;
	for (i = 0; i < len; i++)
		counts[(unsigned char)s[i]]++;
	for (i = 0; i < 256; i++) {
		double p;

		if (!counts[i])
			continue;
		p = (double)counts[i] / (double)len;
		h -= p * log2(p);
	}
	return h;
}

/* Three of lower, upper, digit and punctuation; letters in two runs. */
static bool mixed_classes(const char *s, size_t len)
{
	bool lower = false, upper = false, digit = false, punct = false;
	size_t i, runs = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalpha(c) && (!i || !isalpha((unsigned char)s[i - 1])))
			runs++;
		lower |= islower(c) != 0;
		upper |= isupper(c) != 0;
		digit |= isdigit(c) != 0;
		punct |= ispunct(c) != 0;
	}
	return lower + upper + digit + punct >= 3 && runs >= 2;
}

/* Hex digits with a letter and a digit among them, as keys are. */
static bool is_hex_key(const char *s, size_t len)
{
	bool letter = false, digit = false;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return false;
		letter |= isalpha((unsigned char)s[i]) != 0;
		digit |= isdigit((unsigned char)s[i]) != 0;
	}
	return letter && digit;
}

bool secrets_entropy_low(const char *s, size_t len, double floor)
{
	double h = secrets_entropy(s, len), scaled;

	if (len >= SECRETS_HEX_MIN && floor > SECRETS_HEX_ENTROPY &&
	    floor < SECRETS_HEX_BITS && is_hex_key(s, len))
		floor = SECRETS_HEX_ENTROPY;
	if (h >= floor)
		return false;
	scaled = SECRETS_SHORT_ENTROPY * log2((double)len);
	if (len < 6 || scaled >= floor)
		return true;
	return h < scaled || !mixed_classes(s, len);
}

void secrets_base62_crc32(const char *body, size_t len, char out[7])
{
	uint32_t v = (uint32_t)crc32(0L, (const Bytef *)body, (uInt)len);
	int i;

	for (i = 5; i >= 0; i--) {
		out[i] = base62[v % 62];
		v /= 62;
	}
	out[6] = '\0';
}

static bool all_base62(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return true;
}

/* prefix_ + base62 body + 6 base62 checksum characters. */
static bool crc32_token_ok(const char *s, size_t len, size_t prefix)
{
	char want[7];

	if (len < prefix + 6 + 1 || !all_base62(s + prefix, len - prefix))
		return false;
	secrets_base62_crc32(s + prefix, len - prefix - 6, want);
	return !memcmp(want, s + len - 6, 6);
}

static int b64url_val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-' || c == '+')
		return 62;
	if (c == '_' || c == '/')
		return 63;
	return -1;
}

/*
 * Decodes base64 (base64url too when url_ok) up to len or the first '=',
 * into at most cap bytes of out: the count, or -1 at a character of
 * neither alphabet.  Decoding stops at cap; the caller says whether that
 * is enough.
 */
static ssize_t b64_decode(const char *s, size_t len, bool url_ok, char *out,
			  size_t cap)
{
	size_t n = 0, i;
	uint32_t acc = 0;
	int bits = 0;

	for (i = 0; i < len && s[i] != '=' && n < cap; i++) {
		int v = b64url_val((unsigned char)s[i]);

		if (v < 0 || (!url_ok && (s[i] == '-' || s[i] == '_')))
			return -1;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (char)(acc >> bits & 0xff);
		}
	}
	return (ssize_t)n;
}

/* A JWT's header is base64url JSON that names its "alg". */
static bool jwt_ok(const char *s, size_t len)
{
	const char *dot = memchr(s, '.', len);
	char buf[512];
	ssize_t n;

	if (!dot || dot == s || (size_t)(dot - s) > 680)
		return false;
	n = b64_decode(s, (size_t)(dot - s), true, buf, sizeof(buf) - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return buf[0] == '{' && strstr(buf, "\"alg\"");
}

/*
 * An HTTP Basic credential is base64 of "user:password": it must decode to
 * printable text with a colon, and the password must not be a placeholder
 * (user:password, admin:changeme).  Prose after "Basic" fails this.
 */
static bool basic_auth_ok(const char *s, size_t len)
{
	char buf[512];
	const char *colon;
	ssize_t got = b64_decode(s, len, false, buf, sizeof(buf));
	size_t n, i;

	if (got < 0 || (size_t)got == sizeof(buf))
		return false;
	n = (size_t)got;
	for (i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			return false;
	colon = memchr(buf, ':', n);
	if (!colon || colon == buf + n - 1)
		return false;
	colon++;
	return !secrets_is_placeholder(colon, (size_t)(buf + n - colon), true,
				       NULL, 0);
}

bool secrets_validate(enum secrets_validator v, const char *s, size_t len)
{
	const char *us;

	switch (v) {
	case SECRETS_VALIDATE_NONE:
		return true;
	case SECRETS_VALIDATE_GITHUB_CRC32:
		/* ghp_, gho_, ghu_, ghs_, ghr_: 30 random + 6 checksum. */
		us = memchr(s, '_', len < 8 ? len : 8);
		return us && crc32_token_ok(s, len, (size_t)(us - s) + 1);
	case SECRETS_VALIDATE_NPM_CRC32:
		us = memchr(s, '_', len < 8 ? len : 8);
		return us && crc32_token_ok(s, len, (size_t)(us - s) + 1);
	case SECRETS_VALIDATE_JWT:
		return jwt_ok(s, len);
	case SECRETS_VALIDATE_BASIC_AUTH:
		return basic_auth_ok(s, len);
	}
	return true;
}

/*
 * Checksummed shapes: a prefix, then exactly `body` base62 characters
 * whose last six are the CRC32 of the rest.
 */
static const struct {
	const char *prefix;
	size_t body;
} crc_shapes[] = {
	{ "ghp_", 36 }, { "gho_", 36 }, { "ghu_", 36 }, { "ghs_", 36 },
	{ "ghr_", 36 }, { "npm_", 36 },
};

bool secrets_checksum_refuted(const char *s, size_t len)
{
	size_t i, k;

	for (i = 0; i + 4 <= len; i++) {
		if (s[i + 3] != '_' || (i && isalnum((unsigned char)s[i - 1])))
			continue;
		for (k = 0; k < sizeof(crc_shapes) / sizeof(*crc_shapes); k++) {
			size_t pl = strlen(crc_shapes[k].prefix);
			size_t end = i + pl + crc_shapes[k].body;

			if (memcmp(s + i, crc_shapes[k].prefix, pl) ||
			    end > len || !all_base62(s + i + pl,
						      crc_shapes[k].body) ||
			    (end < len && isalnum((unsigned char)s[end])))
				continue;
			if (!crc32_token_ok(s + i, end - i, pl))
				return true;
		}
	}
	return false;
}

static bool contains_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i, j;

	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++)
			if (tolower((unsigned char)s[i + j]) != needle[j])
				break;
		if (j == n)
			return true;
	}
	return false;
}

static bool starts_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !strncasecmp(s, prefix, n);
}

/* Runs of one character or of consecutive characters (abcdef, 123456). */
static bool is_sequence(const char *s, size_t len)
{
	size_t i, same = 1, step = 1, best = 1;

	for (i = 1; i < len; i++) {
		unsigned char a = (unsigned char)s[i - 1];
		unsigned char b = (unsigned char)s[i];

		same = a == b ? same + 1 : 1;
		step = b == a + 1 ? step + 1 : 1;
		if (same > best)
			best = same;
		if (step > best)
			best = step;
	}
	/*
	 * A run of 8 decides a short value ("aaaaaaaa1"), but long encoded
	 * secrets carry runs too: every OpenSSH private key starts with
	 * "...AAAAAAAAAAAB" and a Twitter bearer token with 22 A's.  There
	 * the run must be half of the value.
	 */
	return len >= 6 && (best * 2 >= len || (best >= 8 && len <= 40));
}

/*
 * A value a person made up: seven ascending letters or digits (1234567,
 * abcdefg) or six keys of a keyboard row (qwerty, asdfgh).  A random
 * base62 secret of 40 characters holds one by chance about once in two
 * million, while fake ones are full of them (Pass1234567!, qwerty-dev).
 */
static bool is_made_up(const char *s, size_t len)
{
	static const char *const rows[] = {
		"qwertyuiop", "asdfghjkl", "zxcvbnm", NULL
	};
	size_t i, k, step = 1;

	for (i = 1; i < len; i++) {
		int a = tolower((unsigned char)s[i - 1]);
		int b = tolower((unsigned char)s[i]);

		step = b == a + 1 && isalnum(a) && isalnum(b) ? step + 1 : 1;
		if (step >= 7)
			return true;
	}
	for (k = 0; rows[k]; k++) {
		char six[7];
		size_t j;

		for (j = 0; rows[k][j + 5]; j++) {
			memcpy(six, rows[k] + j, 6);
			six[6] = '\0';
			if (contains_ci(s, len, six))
				return true;
		}
	}
	return false;
}

/*
 * A number with a decimal point (1219328376.07815, 3.14, 10.0.0.12): a
 * timestamp, a version or an address, not a password.  Digits alone are
 * kept: a PIN is one.
 */
static bool is_decimal(const char *s, size_t len)
{
	size_t i, dots = 0;

	if (!len || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[len - 1]))
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			dots++;
		else if (!isdigit((unsigned char)s[i]))
			return false;
	}
	return dots > 0;
}

/*
 * Regex syntax: a group with options, (?: (?= (?! (?< (?P.  A random
 * secret holds "(?" and one of five characters about once in a million
 * values; a pattern assigned to a name such as _token holds it always.
 */
static bool is_regex(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	/* A character class, perhaps repeated: [0-9@#.,E+], [A-Za-z]+ */
	if (len >= 4 && s[0] == '[' &&
	    (s[len - 1] == ']' ||
	     (s[len - 2] == ']' && strchr("*+?", s[len - 1]))))
		return true;
	while ((p = memchr(p, '(', (size_t)(end - p))) && end - p >= 3) {
		if (p[1] == '?' && p[2] && strchr(":=!<P", p[2]))
			return true;
		p++;
	}
	return false;
}

/*
 * The value spells its own key's name (#define SN_setAttr_Token_B0Prime
 * "setAttr-Token-B0Prime"): a label, not a secret.  Compared on letters
 * and digits only, case folded, at least six of them.
 */
static bool echoes_name(const char *s, size_t len, const char *name,
			size_t name_len)
{
	size_t n, j, k, same;

	for (n = 0; n < name_len; n++) {
		if (!isalnum((unsigned char)name[n]))
			continue;
		for (j = 0, k = n, same = 0; j < len && k < name_len; ) {
			if (!isalnum((unsigned char)s[j])) {
				j++;
			} else if (!isalnum((unsigned char)name[k])) {
				k++;
			} else if (tolower((unsigned char)s[j]) ==
				   tolower((unsigned char)name[k])) {
				j++;
				k++;
				same++;
			} else {
				break;
			}
		}
		while (j < len && !isalnum((unsigned char)s[j]))
			j++;
		if (j == len && same >= 6)
			return true;
	}
	return false;
}

static bool is_uuid(const char *s, size_t len)
{
	size_t i;

	if (len != 36)
		return false;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

/*
 * sha1/sha256 hex digests, commit ids, GPG fingerprints: hex of those
 * lengths in one case (a random key mixing cases is no digest).
 */
static bool is_digest(const char *s, size_t len)
{
	size_t i, lower = 0, upper = 0;

	if (len != 40 && len != 64)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'f')
			lower++;
		else if (s[i] >= 'A' && s[i] <= 'F')
			upper++;
		else if (!isdigit((unsigned char)s[i]))
			return false;
	}
	return !(lower && upper);
}

/*
 * A password a person made of words: words joined by _ . or -, in a
 * mix of styles no code uses (a capitalised word first, or lowercase
 * and Capitalised words side by side), and a number at the end
 * (Glacier_falcon_canyon_7, violet.Bramble.granite42) or after the first
 * word (Cobalt1987.comet).  Password generators make such passphrases
 * (Bitwarden's "word-Word-word1").  Form_Field1 stays a name.
 */
static bool is_word_passphrase(const char *s, size_t len)
{
	size_t i = 0, words = 0, seps = 0, caps = 0, lowers = 0;
	size_t inner_digits = 0, tail_digits = 0;
	bool tail_after_sep = false;

	while (i < len) {
		size_t start = i, d;

		while (i < len && isalpha((unsigned char)s[i]))
			i++;
		if (i - start < 3)
			return false;
		words++;
		if (isupper((unsigned char)s[start]))
			caps++;
		else
			lowers++;
		d = i;
		while (i < len && isdigit((unsigned char)s[i]))
			i++;
		if (i == len) {
			tail_digits = i - d;
			break;
		}
		if (i > d)
			inner_digits = i - d;
		if (s[i] != '_' && s[i] != '.' && s[i] != '-')
			return false;
		seps++;
		i++;
		if (i < len && isdigit((unsigned char)s[i])) {
			d = i;
			while (i < len && isdigit((unsigned char)s[i]))
				i++;
			if (i != len)
				return false;
			tail_digits = i - d;
			tail_after_sep = true;
		}
	}
	/* A capitalised word first, or lowercase and Capitalised mixed. */
	if (words < 2 || !seps || !caps ||
	    !(lowers || isupper((unsigned char)s[0])))
		return false;
	/*
	 * Form_Field1 is a name; Form_field_1, Form_Field12 and three
	 * words in mixed styles (glacier.Raven.saffron4) are not.
	 */
	return tail_digits >= 2 || tail_after_sep || inner_digits >= 4 ||
	       (tail_digits == 1 && words >= 3 && caps && lowers);
}

/*
 * Words and identifiers: letters only, or letters with digits only at
 * the end (ultraPictureBox1, SalesResults), or CONSTANT-NAMES.  Mixed
 * case must read as words: camelCase has lowercase runs of three or
 * more letters on average, while a password a human typed at random
 * (YrwzQibrbDfGwKfWA8) flips case every letter or two.
 */
static bool is_identifier(const char *s, size_t len)
{
	size_t i = 0, digits = 0, upper = 0, lower = 0, runs = 0;

	if (is_word_passphrase(s, len))
		return false;

	while (i < len && (isalpha((unsigned char)s[i]) || s[i] == '_' ||
			   ((s[i] == '-' || s[i] == '.') && i))) {
		if (isupper((unsigned char)s[i])) {
			upper++;
		} else if (islower((unsigned char)s[i])) {
			lower++;
			if (!i || !islower((unsigned char)s[i - 1]))
				runs++;
		}
		i++;
	}
	if (upper >= 2 && lower && lower < 3 * runs)
		return false;
	while (i < len && (isdigit((unsigned char)s[i]) || s[i] == '.')) {
		i++;
		digits++;
	}
	return i == len && digits <= 3;
}

/*
 * CONSTANT_NAMES.  Without a separator, only with few digits: a run of
 * capitals and digits such as a Vultr API key (base32-like, a digit in
 * every four or five characters) names nothing.
 */
static bool is_upper_constant(const char *s, size_t len)
{
	size_t i, digits = 0;
	bool sep = false;

	for (i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (s[i] == '_' || s[i] == '-')
			sep = true;
		else if (!isupper((unsigned char)s[i]))
			return false;
	}
	return sep || digits <= 3;
}

/*
 * The next word of a key name from *pos, as python's re.findall(
 * r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", name) splits it: CLIENT_SECRET,
 * clientSecret, APIKey (API, Key), sha256sum (sha, 256, sum).
 */
static bool name_word(const char *s, size_t len, size_t *pos,
		      const char **word, size_t *wlen)
{
	size_t i = *pos, j;

	while (i < len && !isalnum((unsigned char)s[i]))
		i++;
	if (i == len)
		return false;
	j = i;
	if (isdigit((unsigned char)s[i])) {
		while (j < len && isdigit((unsigned char)s[j]))
			j++;
	} else if (isupper((unsigned char)s[i])) {
		while (j < len && isupper((unsigned char)s[j]))
			j++;
		if (j < len && islower((unsigned char)s[j])) {
			if (j - i > 1) {
				j--;	/* APIKey: the K starts the next word */
			} else {
				while (j < len && islower((unsigned char)s[j]))
					j++;
			}
		}
	} else if (islower((unsigned char)s[i])) {
		while (j < len && islower((unsigned char)s[j]))
			j++;
	} else {
		j++;	/* a non-ASCII byte: no word of its own */
	}
	*word = s + i;
	*wlen = j - i;
	*pos = j;
	return true;
}

enum word_part { WORD_EXACT, WORD_SUFFIX, WORD_AFFIX };

/* w is, ends with, or (WORD_AFFIX) starts or ends with a list entry. */
static bool word_is(const char *w, size_t n, const char *const *list,
		    enum word_part part)
{
	size_t i, k;

	for (i = 0; list[i]; i++) {
		k = strlen(list[i]);
		if (k > n || (k < n && part == WORD_EXACT))
			continue;
		if (!strncasecmp(w + n - k, list[i], k) ||
		    (part == WORD_AFFIX && !strncasecmp(w, list[i], k)))
			return true;
	}
	return false;
}

bool secrets_credential_name(const char *name, size_t len)
{
	/* Names of hashes and ids: the value is derived or public. */
	static const char *const hash_exact[] = {
		"md", "id", "ids", "uuid", "guid", "oid", "rev",
		"revision", "etag", "integrity", "crc", "nonce", "salt",
		"signature", "sri", "version", "cache", NULL
	};
	/* Starting or ending a word: hashed_secret, filehash, commitRef. */
	static const char *const hash_affix[] = {
		"hash", "digest", "checksum", "fingerprint", "thumbprint",
		"commit", NULL
	};
	/* Ending one only: gitsha, but shared_secret. */
	static const char *const hash_suffix[] = { "sha", NULL };
	static const char *const cred_exact[] = {
		"auth", "pass", "passphrase", "credential", "credentials",
		"secrets", "tokens", "bearer", "psk", "passcode",
		"passkey", "login", NULL
	};
	static const char *const cred_suffix[] = {
		"secret", "token", "password", "passwd", "pwd", "apikey",
		"privatekey", "secretkey", "accesskey", "licensekey",
		"authkey", "auth", NULL
	};
	/* Words that make the "key" after them a credential. */
	static const char *const key_qualifier[] = {
		"api", "private", "secret", "access", "license", "master",
		"signing", "encryption", "app", "hmac", "consumer", "client",
		"auth", "webhook", "session", "jwt", "write", "read", "ingest",
		"ingestion", "sdk", "mobile", "server", "service",
		"subscription", "primary", "secondary", "admin", "root",
		"deploy", "push", "routing", "integration", "shared", "aes",
		"cipher", "crypto", "encrypt", "storage",
		"partner", "merchant", "bot", "user", "instance", "org",
		"organization", "management", "cluster", "gateway", "relay",
		"local", "device", NULL
	};
	size_t pos = 0, n;
	const char *w;
	bool cred = false, qualified = false;

	while (name_word(name, len, &pos, &w, &n)) {
		if (word_is(w, n, hash_exact, WORD_EXACT) ||
		    word_is(w, n, hash_affix, WORD_AFFIX) ||
		    word_is(w, n, hash_suffix, WORD_SUFFIX))
			return false;
		if (word_is(w, n, cred_exact, WORD_EXACT) ||
		    word_is(w, n, cred_suffix, WORD_SUFFIX) ||
		    (qualified && n == 3 && !strncasecmp(w, "key", 3)))
			cred = true;
		qualified = word_is(w, n, key_qualifier, WORD_EXACT);
	}
	return cred;
}

/*
 * The value is an argument of a call that takes a key: jwt.sign(p, ',
 * crypto.createHmac('sha256', ', new HMACSHA256(...(".  A 64-hex literal
 * there is a key (`openssl rand -hex 32` makes them), not a digest,
 * though the call's words (sha256) name a hash.
 */
static bool names_key_call(const char *name, size_t len)
{
	static const char *const exact[] = {
		"jwt", "sign", "verify", "encode", "decode", NULL
	};
	static const char *const affix[] = { "hmac", NULL };
	size_t pos = 0, n;
	const char *w;

	if (!memchr(name, '(', len))
		return false;
	while (name_word(name, len, &pos, &w, &n))
		if (word_is(w, n, exact, WORD_EXACT) ||
		    word_is(w, n, affix, WORD_AFFIX))
			return true;
	return false;
}

/*
 * Stored password hashes: Django's algorithm$iterations$salt$hash,
 * PostgreSQL's md5 + 32 hex and SCRAM-SHA-256$, LDAP's {SSHA}.  A hash
 * in a fixture or a dump does not log anyone in.
 */
static bool is_password_hash(const char *s, size_t len)
{
	static const char *const algs[] = {
		"pbkdf2_sha256$", "pbkdf2_sha1$", "argon2$", "bcrypt_sha256$",
		"bcrypt$", "scrypt$", "sha1$", "md5$", "unsalted_md5$",
		"unsalted_sha1$", "crypt$", "scram-sha-256$", "{ssha}",
		"{sha}", "{smd5}", "{crypt}", "{pbkdf2",
		/* Jupyter's passwd(): argon2:$argon2id$..., sha1:salt:hash. */
		"argon2:$", "sha1:", "sha256:", "sha512:", NULL
	};
	size_t i;

	for (i = 0; algs[i]; i++)
		if (starts_ci(s, len, algs[i]))
			return true;
	if (len != 35 || strncmp(s, "md5", 3))
		return false;
	for (i = 3; i < len; i++)
		if (!isdigit((unsigned char)s[i]) &&
		    !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

/*
 * Code that builds a secret rather than holding one (generic rules
 * only): a printf verb ("token=%s"), a key name and its "=" waiting
 * for a value ("API_KEY=" + key), or a key file's path (tls-key:/etc/
 * app/api.key).
 */
static bool is_built_value(const char *s, size_t len)
{
	static const char *const exts[] = {
		".key", ".pem", ".p12", ".pfx", ".crt", ".jks", NULL
	};
	size_t i;

	/* Not %sa: passwords hold "%" too (Har%saffron). */
	for (i = 0; i + 1 < len; i++)
		if (s[i] == '%' && (s[i + 1] == 's' || s[i + 1] == 'd' ||
				    s[i + 1] == 'v') &&
		    (i + 2 == len || !isalnum((unsigned char)s[i + 2])))
			return true;
	if (len > 1 && s[len - 1] == '=' &&
	    (is_identifier(s, len - 1) || is_upper_constant(s, len - 1)))
		return true;
	for (i = 0; exts[i]; i++) {
		size_t n = strlen(exts[i]);

		if (len > n && !strncasecmp(s + len - n, exts[i], n))
			return true;
	}
	return false;
}

/*
 * An e-mail address: one "@", a dotted host name after it.  A password
 * holds "@" and "." too, but seldom in that shape (Noe+G@V4n.+@6cjf).
 */
static bool is_email(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	size_t i, dots = 0;

	if (!at || at == s || memchr(at + 1, '@', len - (at + 1 - s)))
		return false;
	for (i = 0; s + i < at; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._%+-", s[i]))
			return false;
	for (i = at + 1 - s; i < len; i++) {
		if (s[i] == '.' && s[i - 1] != '.' && s[i - 1] != '@')
			dots++;
		else if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return false;
	}
	return dots && s[len - 1] != '.';
}

bool secrets_is_placeholder(const char *s, size_t len, bool generic,
			    const char *name, size_t name_len)
{
	static const char *const always[] = {
		"xxxx", "****", "\xe2\x80\xa2\xe2\x80\xa2", "...",
		"\xe2\x80\xa6", "changeme", "change_me", "change-me",
		"replace_me", "replace-me", "replaceme", "${", "{{", "}}",
		"$(", "%(", "%{", "#{", "<%", "secrets.", "vault:", "vault://",
		"secretsmanager", "arn:aws:ssm", "op://", "keyvault",
		"secretref", "secretkeyref", "process.env", "getenv",
		"environ[", "env(", "_here", "-here", "here>", "insert_",
		"insert-", "redacted", "placeholder", "example",
		"enc[aes256_gcm,", "{cipher}",
		/* A Windows DPAPI blob: ciphertext bound to one machine. */
		"aqaaancmnd8bfderjhoawe/cl+sb",
		/* The access and refresh tokens of RFC 6749's examples. */
		"2yotnfzfejr1zcsicmwpaa", "tgzv3jokf0xg5qx2tlkwia", NULL
	};
	/*
	 * The ten accounts Hardhat and Anvil fund on every local chain, from
	 * the mnemonic "test test ... junk": public test keys.  Their own list,
	 * searched only in values long enough to hold one.
	 */
	static const char *const test_keys[] = {
		"ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
		"59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
		"5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
		"7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
		"47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
		"8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
		"92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
		"4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
		"dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
		"2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
		NULL
	};
	static const char *const words[] = {
		"example", "sample", "dummy", "fake", "notreal", "not_real",
		"not-real", "mock", "foobar", "lorem", "todo", "fixme",
		"password", "passwd", "secret", "undefined", "null", "none",
		"true", "false", "string", "test1234", NULL
	};
	size_t i;

	if (!len)
		return true;
	for (i = 0; always[i]; i++)
		if (contains_ci(s, len, always[i]))
			return true;
	for (i = 0; len >= 64 && test_keys[i]; i++)
		if (contains_ci(s, len, test_keys[i]))
			return true;
	if (starts_ci(s, len, "your") || (s[0] == '<' && s[len - 1] == '>') ||
	    (s[0] == '$' && len > 1 && (isupper((unsigned char)s[1]) ||
					s[1] == '_' || s[1] == '{')) ||
	    (s[0] == '%' && s[len - 1] == '%'))
		return true;
	if (is_sequence(s, len) || is_password_hash(s, len))
		return true;
	if (!generic)
		return false;
	/*
	 * Only for generic rules: a provider's prefix and shape already say
	 * "issued token", and documentation tokens such as sk_live_ and 24
	 * characters of 1234567890abcdef... are caught by the specific rules'
	 * own allowlists where their vendor documents them.
	 */
	if (is_made_up(s, len))
		return true;
	for (i = 0; words[i]; i++)
		if (contains_ci(s, len, words[i]))
			return true;
	/*
	 * A hex run of a digest's length is a commit id or a checksum,
	 * unless the key it is assigned to names a credential or it is
	 * passed to a call that takes a key: 40- and 64-hex secrets and
	 * tokens are common (Discord, New Relic, `openssl rand -hex 32`).
	 */
	if (is_digest(s, len) &&
	    !(name && (secrets_credential_name(name, name_len) ||
		       names_key_call(name, name_len))))
		return true;
	if (name && echoes_name(s, len, name, name_len))
		return true;
	/* A .NET strong name's publicKeyToken is public by design. */
	if (name && contains_ci(name, name_len, "publickeytoken"))
		return true;
	/*
	 * What the name says is derived from a password, not the password:
	 * Firefox's encryptedPassword, WinSCP's MasterPasswordVerifier.
	 */
	if (name) {
		/* Its last part: not xpack.encryptedSavedObjects.encryptionKey. */
		const char *leaf = name;
		size_t k;

		for (k = 0; k < name_len; k++)
			if (name[k] == '.' || name[k] == '/')
				leaf = name + k + 1;
		k = name_len - (size_t)(leaf - name);
		if (contains_ci(leaf, k, "encrypted") ||
		    contains_ci(leaf, k, "hashed") ||
		    contains_ci(leaf, k, "verifier"))
			return true;
	}
	/*
	 * Search-only keys (Algolia, Typesense) are meant for browsers, as
	 * publishable keys are.
	 */
	if (name && (contains_ci(name, name_len, "searchonly") ||
		     contains_ci(name, name_len, "search_only") ||
		     contains_ci(name, name_len, "search-only")))
		return true;
	/*
	 * 128 hex digits under a password's name is a SHA-512 digest, as
	 * OctoPrint stores it: nobody types or generates such a password.
	 */
	if (name && len == 128 && is_hex_key(s, len) &&
	    contains_ci(name, name_len, "pass") &&
	    !contains_ci(name, name_len, "key") &&
	    !contains_ci(name, name_len, "secret") &&
	    !contains_ci(name, name_len, "token"))
		return true;
	/* Mapbox public tokens (pk.eyJ...) are meant for browsers. */
	if (starts_ci(s, len, "pk.eyj"))
		return true;
	if (is_built_value(s, len))
		return true;
	/*
	 * A UUID is an id, unless it is random (version 4) and the key
	 * names a credential: Heroku, Consul, Nexus and Chocolatey issue
	 * API keys and tokens as such UUIDs.  Versions 3 and 5 hash a name
	 * and version 1 holds a time and a MAC address: none is a secret.
	 */
	if (is_uuid(s, len) &&
	    !(s[14] == '4' && strchr("89abAB", s[19]) &&
	      name && secrets_credential_name(name, name_len)))
		return true;
	if (is_identifier(s, len) ||
	    is_upper_constant(s, len) || is_decimal(s, len) ||
	    is_regex(s, len))
		return true;
	/* Paths, URLs without credentials, e-mail addresses. */
	if (s[0] == '/' || starts_ci(s, len, "http") ||
	    starts_ci(s, len, "file:") || starts_ci(s, len, "./"))
		return true;
	if (is_email(s, len))
		return true;
	return false;
}

bool secrets_line_allowed(const char *line, size_t len)
{
	return contains_ci(line, len, "gate:allow") ||
	       contains_ci(line, len, "gitleaks:allow") ||
	       contains_ci(line, len, "pragma: allowlist secret");
}

void secrets_redact(struct strbuf *out, const char *s, size_t len)
{
	size_t show = len / 5, i, chars = 0;

	if (show > 4)
		show = 4;
	/* Only plain ASCII of the prefix, so no escape or half a rune. */
	for (i = 0; i < show; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x21 || c > 0x7e || c == '\\')
			break;
		strbuf_addch(out, (char)c);
	}
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			chars++;
	strbuf_addf(out, "\xe2\x80\xa6(%zu chars)", chars);
}

void secrets_fingerprint(char out[65], const char *rule_id, const char *s,
			 size_t len, const char *path)
{
	static const char hex[] = "0123456789abcdef";
	struct secrets_sha256 c;
	unsigned char md[32];
	int i;

	secrets_sha256_init(&c);
	secrets_sha256_update(&c, "gate-secret-v1", 15);
	secrets_sha256_update(&c, rule_id, strlen(rule_id) + 1);
	secrets_sha256_update(&c, path ? path : "", strlen(path ? path : "") + 1);
	secrets_sha256_update(&c, s, len);
	secrets_sha256_final(&c, md);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}
