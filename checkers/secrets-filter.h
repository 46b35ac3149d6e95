#ifndef GATE_SECRETS_FILTER_H
#define GATE_SECRETS_FILTER_H

/*
 * The precision levers of the secrets checker that need no network:
 * entropy, checksum validators, placeholder and template detection,
 * shapes that look like keys but are not secret, inline suppression
 * markers; and the two ways a secret leaves the checker: redacted text
 * and a fingerprint hash.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secrets-rules.h"
#include "util.h"

/* Shannon entropy in bits per byte. */
double secrets_entropy(const char *s, size_t len);

/*
 * True when the value is below a rule's entropy floor.  A value of n
 * bytes holds at most log2(n) bits a byte, so a floor of 2.5 would refuse
 * every 6-character password (3eCa3P).  A value too short to reach the
 * floor (6 bytes or more) is held to SECRETS_SHORT_ENTROPY of log2(n)
 * instead, and must mix characters as a typed password does: three of
 * lower, upper, digit and punctuation, letters in two runs or more.
 * Words, a word and a number (Admin12) and repeated characters stay out.
 */
#define SECRETS_SHORT_ENTROPY 0.85
/*
 * Hex holds at most 4 bits a character, and 32 random hex digits carry
 * only about 3.6 (give or take 0.15): a floor of 3.5 set for base62 keys
 * would refuse every third 32-hex key.  A hex value of 16 characters or
 * more, with a letter and a digit, is held to 3.0 instead, the floor
 * detect-secrets gives hex; made-up hex (deadbeef..., 1111aaaa...) stays
 * below it.  A floor of SECRETS_HEX_BITS or more is one hex cannot reach:
 * the rule says its value is not hex (JFrog's 64 base36), and it stays.
 */
#define SECRETS_HEX_ENTROPY 3.0
#define SECRETS_HEX_MIN 16
#define SECRETS_HEX_BITS 4.0
bool secrets_entropy_low(const char *s, size_t len, double floor);

/* True when the validator accepts the candidate secret. */
bool secrets_validate(enum secrets_validator v, const char *s, size_t len);

/*
 * True when the text holds a token of a checksummed shape (ghp_, gho_,
 * ghu_, ghs_, ghr_, npm_ and 36 base62 characters) whose checksum is
 * wrong.  Such a value is made up or mistyped, not a credential, so no
 * rule (a generic one included) may report it.
 */
bool secrets_checksum_refuted(const char *s, size_t len);

/*
 * The 6-character base62 (0-9A-Za-z) CRC32 that GitHub and npm tokens
 * end with, computed over `body` (the random part, without prefix).
 */
void secrets_base62_crc32(const char *body, size_t len, char out[7]);

/*
 * True when the value is a placeholder or a reference, not a secret:
 * xxxx, <...>, your-...-here, changeme, ${VAR}, {{ x }}, $(cmd),
 * secret-store references.  `generic` adds the checks that only make
 * sense for values found by generic rules (dictionary words such as
 * "example", identifiers, UUIDs, commit hashes, paths, e-mail, numbers
 * with a decimal point, regex groups such as (?:, values a person made
 * up: seven ascending letters or digits or six keys of a keyboard row,
 * as in Pass1234567 or qwerty-dev).
 * `name` (may be NULL) is the text before the value that names it, the
 * key of `CLIENT_SECRET = "..."`: a hex digest's shape under a
 * credential's name is kept.
 */
bool secrets_is_placeholder(const char *s, size_t len, bool generic,
			    const char *name, size_t name_len);

/*
 * True when a key name says credential (secret, token, password, api
 * key, auth, private key, ...) and nothing in it says hash or id (sha,
 * hash, digest, checksum, commit, revision, etag, integrity,
 * fingerprint, id, uuid, ...).  Words are split at separators, case
 * changes and digits: CLIENT_SECRET, discordToken, APIKey.
 */
bool secrets_credential_name(const char *name, size_t len);

/* True when the line carries gate:allow, gitleaks:allow or
 * "pragma: allowlist secret". */
bool secrets_line_allowed(const char *line, size_t len);

/* "AKIA…(20 chars)": a short prefix and the length, never the secret. */
void secrets_redact(struct strbuf *out, const char *s, size_t len);

/*
 * Hex SHA-256 of rule id, secret and path: the finding's fingerprint and
 * the baseline key, stable when the secret moves inside the file.
 */
void secrets_fingerprint(char out[65], const char *rule_id, const char *s,
			 size_t len, const char *path);

#endif
