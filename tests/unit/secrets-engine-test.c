/*
 * Unit tests of the secrets engine: the keyword automaton against a
 * naive search, validators, placeholders, redaction, fingerprints, the
 * scanner on hostile input, user-rule errors, and the examples of the
 * test rule pack (tests/data/secrets/rules-small.yml).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checkers/secrets-filter.h"
#include "../../checkers/secrets-scan.h"
#include "../../checkers/secrets-table.h"
#include "../../checkers/secrets-sha256.h"
#include "tap.h"

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static const char b62[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* prefix + 30 random base62 + valid checksum, made at test time. */
static void make_token(char *out, const char *prefix)
{
	size_t p = strlen(prefix);
	int i;

	memcpy(out, prefix, p);
	for (i = 0; i < 30; i++)
		out[p + i] = b62[rnd(62)];
	secrets_base62_crc32(out + p, 30, out + p + 30);
}

struct counter {
	size_t *counts;
	size_t total;
};

static int count_hit(void *data, uint32_t id, size_t end)
{
	struct counter *c = data;

	c->counts[id]++;
	c->total++;
	(void)end;
	return 0;
}

static void test_ac(void)
{
	const char *kw[] = { "he", "she", "his", "hers", "akia", "a", "key",
			     "api_key", "ghp_" };
	uint32_t ids[ARRAY_SIZE(kw)];
	size_t counts[ARRAY_SIZE(kw)] = { 0 }, want[ARRAY_SIZE(kw)] = { 0 };
	struct counter c = { counts, 0 };
	struct secrets_ac *ac;
	char text[4096];
	size_t i, k, round, bad = 0;

	for (i = 0; i < ARRAY_SIZE(kw); i++)
		ids[i] = (uint32_t)i;
	ac = secrets_ac_build(kw, ids, ARRAY_SIZE(kw));
	for (round = 0; round < 50; round++) {
		static const char alpha[] = "hHeEsSrRiIaAkKyYpP_g \n";

		for (i = 0; i < sizeof(text) - 1; i++)
			text[i] = alpha[rnd(sizeof(alpha) - 1)];
		memset(counts, 0, sizeof(counts));
		memset(want, 0, sizeof(want));
		secrets_ac_scan(ac, text, sizeof(text) - 1, count_hit, &c);
		for (k = 0; k < ARRAY_SIZE(kw); k++) {
			size_t n = strlen(kw[k]);

			for (i = 0; i + n <= sizeof(text) - 1; i++)
				if (!strncasecmp(text + i, kw[k], n))
					want[k]++;
			if (want[k] != counts[k])
				bad++;
		}
	}
	is_int(bad, 0, "automaton agrees with a naive search, case-insensitive");
	ok(secrets_ac_states(ac) > 1, "automaton has states");
	secrets_ac_free(ac);
}

/* The keyword callbacks of one scan, in order. */
struct trace {
	uint64_t *ev;			/* id << 32 | end */
	size_t nr, alloc, stop_after;
};

static int trace_hit(void *data, uint32_t id, size_t end)
{
	struct trace *t = data;

	ALLOC_GROW(t->ev, t->nr + 1, t->alloc);
	t->ev[t->nr++] = (uint64_t)id << 32 | end;
	return t->stop_after && t->nr == t->stop_after ? 7 : 0;
}

struct filter_stats {
	size_t texts, hits, missed, differ;
};

/*
 * The filtered scan against the automaton alone on one text: the same
 * callbacks in the same order (also when a callback stops the scan),
 * and every keyword start the automaton reports is a filter candidate.
 * kwlen maps an id to its keyword's length, or is NULL.
 */
static void filter_check(const struct secrets_ac *ac, const size_t *kwlen,
			 const char *text, size_t len,
			 struct filter_stats *st)
{
	struct trace plain = { 0 }, fast = { 0 };
	size_t i;
	int r1, r2;

	st->texts++;
	secrets_ac_scan_plain(ac, text, len, trace_hit, &plain);
	secrets_ac_scan(ac, text, len, trace_hit, &fast);
	if (plain.nr != fast.nr ||
	    (plain.nr && memcmp(plain.ev, fast.ev, plain.nr * 8)))
		st->differ++;
	st->hits += plain.nr;
	for (i = 0; kwlen && i < plain.nr; i++) {
		size_t end = (size_t)(plain.ev[i] & 0xffffffff);
		size_t start = end - kwlen[plain.ev[i] >> 32];

		size_t from = start > 20 ? start - 20 : 0;

		if (secrets_ac_next_candidate(ac, text, len, start) != start)
			st->missed++;
		/*
		 * From any earlier position, the filter stops at or before
		 * the keyword: it may not skip it on its way.
		 */
		from += rnd((unsigned)(start - from + 1));
		if (secrets_ac_next_candidate(ac, text, len, from) > start)
			st->missed++;
	}
	if (plain.nr > 1) {
		/* Stop half-way: same return, same calls up to there. */
		size_t half = plain.nr / 2;

		plain.nr = fast.nr = 0;
		plain.stop_after = fast.stop_after = half;
		r1 = secrets_ac_scan_plain(ac, text, len, trace_hit, &plain);
		r2 = secrets_ac_scan(ac, text, len, trace_hit, &fast);
		if (r1 != r2 || plain.nr != fast.nr ||
		    memcmp(plain.ev, fast.ev, plain.nr * 8))
			st->differ++;
	}
	free(plain.ev);
	free(fast.ev);
}

/* Random bytes, keyword bytes in both cases, and whole keywords. */
static size_t filter_text(char *buf, size_t cap, const char *const *kw,
			  size_t kw_nr, unsigned mode)
{
	size_t n = 0, want = rnd((unsigned)cap);

	while (n < want) {
		const char *k = kw[rnd((unsigned)kw_nr)];
		size_t kl = strlen(k), i;

		switch (mode) {
		case 0:		/* any byte */
			buf[n++] = (char)rnd(256);
			break;
		case 1:		/* bytes of keywords, either case */
			buf[n] = k[rnd((unsigned)kl)];
			if (rnd(2))
				buf[n] = (char)toupper((unsigned char)buf[n]);
			n++;
			break;
		default:	/* keywords, cut short or glued together */
			if (rnd(3) == 0)
				kl = 1 + rnd((unsigned)kl);
			for (i = 0; i < kl && n < want; i++)
				buf[n++] = rnd(4) ? k[i] :
					(char)toupper((unsigned char)k[i]);
			if (rnd(4) == 0 && n < want)
				buf[n++] = " \n\0_="[rnd(5)];
			break;
		}
	}
	return n;
}

static void filter_round(const struct secrets_ac *ac, const size_t *kwlen,
			 const char *const *kw, size_t kw_nr, size_t rounds,
			 struct filter_stats *st)
{
	char buf[2048];
	size_t round, len;

	for (round = 0; round < rounds; round++) {
		len = filter_text(buf, round % 8 ? sizeof(buf) : 12, kw,
				  kw_nr, (unsigned)(round % 3));
		filter_check(ac, kwlen, buf, len, st);
	}
}

static void test_ac_filter(void)
{
	/*
	 * Two-byte keywords ("ys" ends "keys" after a deep state),
	 * shared prefixes and suffixes, overlaps.
	 */
	const char *kw[] = { "he", "she", "his", "hers", "akia", "key",
			     "api_key", "ghp_", "q~", "keyring", "eyj",
			     "://", "pass", "passwd", "password", "sword",
			     "ys" };
	uint32_t ids[ARRAY_SIZE(kw)];
	size_t kwlen[ARRAY_SIZE(kw)], i, j, nr = 0, alloc = 0;
	struct filter_stats st = { 0 }, pack = { 0 }, img = { 0 };
	struct secrets_rules rs;
	const char **pkw = NULL;
	uint32_t *pids = NULL;
	size_t *plen = NULL;
	struct secrets_ac *ac, *wrapped, *built;
	static const char tail[] = "xx he";

	for (i = 0; i < ARRAY_SIZE(kw); i++) {
		ids[i] = (uint32_t)i;
		kwlen[i] = strlen(kw[i]);
	}
	ac = secrets_ac_build(kw, ids, ARRAY_SIZE(kw));
	filter_round(ac, kwlen, kw, ARRAY_SIZE(kw), 3000, &st);
	/* A two-byte keyword as the last bytes of the text. */
	filter_check(ac, kwlen, tail, sizeof(tail) - 1, &st);
	filter_check(ac, kwlen, "HE", 2, &st);
	filter_check(ac, kwlen, "q~", 2, &st);
	ok(st.hits > 10000, "filter tests see keywords (%zu)", st.hits);
	is_int(st.missed, 0, "every keyword start is a filter candidate");
	is_int(st.differ, 0,
	       "filtered scan reports what the automaton does (%zu texts)",
	       st.texts);
	secrets_ac_free(ac);

	/* The shipped pack, one id per keyword. */
	secrets_rules_init(&rs);
	secrets_rules_load_builtin(&rs);
	for (i = 0; i < rs.nr; i++)
		for (j = 0; j < rs.rules[i]->keywords_nr; j++) {
			ALLOC_GROW(pkw, nr + 1, alloc);
			pkw[nr] = rs.rules[i]->keywords[j];
			nr++;
		}
	pids = xcalloc(nr + 1, sizeof(*pids));
	plen = xcalloc(nr + 1, sizeof(*plen));
	for (i = 0; i < nr; i++) {
		pids[i] = (uint32_t)i;
		plen[i] = strlen(pkw[i]);
	}
	ac = secrets_ac_build(pkw, pids, nr);
	filter_round(ac, plen, pkw, nr, 2000, &pack);
	is_int(pack.missed, 0, "pack: every keyword start is a candidate "
	       "(%zu hits)", pack.hits);
	is_int(pack.differ, 0, "pack: filtered scan agrees (%zu texts)",
	       pack.texts);
	{
		/*
		 * Text of bytes no keyword has: the filter must skip nearly
		 * all of it, or the scan would run the automaton everywhere.
		 */
		char text[4096], bytes[256];
		size_t nb = 0, pos = 0, cands = 0;
		unsigned c;

		for (c = 1; c < 256; c++) {
			for (i = 0; i < nr; i++)
				if (strchr(pkw[i], (int)c) ||
				    strchr(pkw[i], tolower((int)c)))
					break;
			if (i == nr)
				bytes[nb++] = (char)c;
		}
		for (i = 0; nb && i < sizeof(text); i++)
			text[i] = bytes[rnd((unsigned)nb)];
		while ((pos = secrets_ac_next_candidate(ac, text, sizeof(text),
							pos)) < sizeof(text)) {
			cands++;
			pos++;
		}
		ok(nb > 50 && cands < sizeof(text) / 100,
		   "pack: the filter skips text without keyword bytes "
		   "(%zu candidates in %zu bytes of %zu kinds)", cands,
		   sizeof(text), nb);
	}
	/* The automaton compiled into gate, filter included. */
	wrapped = secrets_ac_wrap(secrets_pack_automaton());
	built = secrets_rules_automaton(&rs);
	for (i = 0; i < 300; i++) {
		char buf[1024];
		size_t len = filter_text(buf, sizeof(buf), pkw, nr,
					 (unsigned)(i % 3));
		struct trace a = { 0 }, b = { 0 };

		secrets_ac_scan(wrapped, buf, len, trace_hit, &a);
		secrets_ac_scan_plain(built, buf, len, trace_hit, &b);
		img.texts++;
		img.hits += a.nr;
		if (a.nr != b.nr || (a.nr && memcmp(a.ev, b.ev, a.nr * 8)))
			img.differ++;
		free(a.ev);
		free(b.ev);
	}
	is_int(img.differ, 0, "prebuilt pack automaton agrees with one "
	       "built now (%zu hits)", img.hits);
	secrets_ac_free(wrapped);
	secrets_ac_free(built);
	secrets_ac_free(ac);
	free(pkw);
	free(pids);
	free(plen);
	secrets_rules_release(&rs);
}

static void test_sha256(void)
{
	struct secrets_sha256 c;
	unsigned char md[32];
	char hex[65];
	int i;

	secrets_sha256_init(&c);
	secrets_sha256_update(&c, "abc", 3);
	secrets_sha256_final(&c, md);
	for (i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "sha256('abc') matches FIPS 180-4");
	secrets_sha256_init(&c);
	for (i = 0; i < 1000; i++)
		secrets_sha256_update(&c, "aaaaaaaaaa", 10);
	secrets_sha256_final(&c, md);
	for (i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	is_str(hex, "27dd1f61b867b6a0f6e9d8a41c43231de52107e53ae424de8f847b821db4b711",
	       "sha256 of 10000 'a' over many updates");
}

static void test_validators(void)
{
	char tok[64] = { 0 }, bad[64];
	int i, good = 0, rejected = 0;

	for (i = 0; i < 200; i++) {
		make_token(tok, i & 1 ? "ghp_" : "gho_");
		good += secrets_validate(SECRETS_VALIDATE_GITHUB_CRC32, tok, 40);
		memcpy(bad, tok, 41);
		bad[10] = bad[10] == 'a' ? 'b' : 'a';
		rejected += !secrets_validate(SECRETS_VALIDATE_GITHUB_CRC32,
					      bad, 40);
	}
	is_int(good, 200, "generated GitHub tokens pass the CRC32 check");
	is_int(rejected, 200, "one changed character fails the CRC32 check");
	make_token(tok, "npm_");
	ok(secrets_validate(SECRETS_VALIDATE_NPM_CRC32, tok, 40),
	   "generated npm token passes");
	ok(!secrets_validate(SECRETS_VALIDATE_NPM_CRC32,
			     "npm_aaaabbbbccccddddeeeeffffgggghhhhiiii", 40),
	   "made-up npm token fails");
	make_token(tok, "ghp_");
	ok(!secrets_checksum_refuted(tok, 40), "a valid token is not refuted");
	memcpy(bad, tok, 41);
	bad[39] = bad[39] == 'a' ? 'b' : 'a';
	ok(secrets_checksum_refuted(bad, 40), "a wrong checksum is refuted");
	{
		char line[96];

		snprintf(line, sizeof(line), "Bearer %s,", bad);
		ok(secrets_checksum_refuted(line, strlen(line)),
		   "a wrong checksum inside a longer value is refuted");
		snprintf(line, sizeof(line), "x%s", bad);
		ok(!secrets_checksum_refuted(line, strlen(line)),
		   "not at a word start: not a token of that shape");
		snprintf(line, sizeof(line), "%sQ", bad);
		ok(!secrets_checksum_refuted(line, strlen(line)),
		   "37 characters: not a token of that shape");
	}
	ok(secrets_validate(SECRETS_VALIDATE_JWT,
			    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", 40),
	   "JWT with an alg header passes");
	ok(!secrets_validate(SECRETS_VALIDATE_JWT, "eyJmb28iOjF9.e30.x", 18),
	   "JWT-shaped value without alg fails");
	ok(secrets_validate(SECRETS_VALIDATE_BASIC_AUTH,
			    "YnVpbGQ6OVFtN3ZMeDJUcFc4", 24),
	   "Basic: build:<random> passes");
	ok(secrets_validate(SECRETS_VALIDATE_BASIC_AUTH,
			    "OjlRbTd2THgyVHBXOA==", 20),
	   "Basic: an empty user and a token passes");
	ok(!secrets_validate(SECRETS_VALIDATE_BASIC_AUTH,
			     "YWRtaW46Y2hhbmdlbWU=", 20),
	   "Basic: admin:changeme is a placeholder");
	ok(!secrets_validate(SECRETS_VALIDATE_BASIC_AUTH,
			     "YnVpbGQ6", 8),
	   "Basic: no password after the colon fails");
	ok(!secrets_validate(SECRETS_VALIDATE_BASIC_AUTH,
			     "authentication", 14),
	   "Basic: prose does not decode to user:password");
	ok(!secrets_validate(SECRETS_VALIDATE_BASIC_AUTH,
			     "acdefjhikl", 10),
	   "Basic: no colon fails");
}

static void test_placeholders(void)
{
	static const char *const ph[] = {
		"xxxxxxxxxxxxxxxx", "<your-api-key>", "your-token-here",
		"changeme", "${API_TOKEN}", "{{ .Values.token }}",
		"$(cat /run/secret)", "AKIAIOSFODNN7EXAMPLE", "abcdefghijklmnop",
		"00000000000000000", "vault:secret/data/app#token",
		"op://vault/item/field", "%{GITHUB_TOKEN}",
		"ENC[AES256_GCM,data:Qm9vZnVs,iv:aGVsbG8=,tag:d29ybGQ=,type:str]",
		"AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAq3Lm8Zr2XwT5bKp0",
		"2YotnFZFEjr1zCsicMWpAA",
		NULL
	};
	static const char *const gen[] = {
		"ultraPictureBox1", "73082700-1f09-405b-80d0-3131bfd6272d",
		"43fc912ef59a83054ea7f6706df4d53a7dea4d80", "SalesResults-1.2",
		"NEXUS-GPT4-API-KEY", "james.fake@ymail.com",
		"HTTPServerConfig", "XMLHttpRequest2",
		"pk.eyJ1IjoibWFwdXNlciIsImEiOiJja3Q0In0.Xq9sLw2vRm4TzPb8Nc",
		"MAPS_API_KEY=", "paypal.access-token=%s",
		"tls-key:/etc/app/tls/api.key", "mail_relay_user_2",
		"ops-alerts@corp.acme.net", "[0-9@#.,E+]", "[A-Za-z0-9_]+",
		"Form_Field1", "settings.DB_PASSWORD", "config.Database.port",
		"System.Net.Http2",
		NULL
	};
	static const char *const real[] = {
		"f8Kq2Lw9Zr4Tx7Vb", "Tr0ub4dor-3x", "wJalrXUtnFEMI/K7MDENG+bPxRfiCY",
		/* Typed at random: letters and a digit, but not words. */
		"YkrwQzbDfGwKfWA8", "NbiZguhKwdzG35", "oBst.uxeCo_v24",
		/* Made of words and a number by a person. */
		"Glacier_falcon_canyon_7", "Violet_summit_cobalt.22",
		"violet.Bramble.granite42", "Cobalt1987.comet",
		"Pebble.Falcon2276", "glacier.Raven.saffron4",
		/* "@" and "." but not an e-mail address. */
		"Noe+G@V4n.+@6cjf@y5", NULL
	};
	int i;

	for (i = 0; ph[i]; i++)
		ok(secrets_is_placeholder(ph[i], strlen(ph[i]), false,
					  NULL, 0),
		   "placeholder: %s", ph[i]);
	for (i = 0; gen[i]; i++)
		ok(secrets_is_placeholder(gen[i], strlen(gen[i]), true, NULL,
					  0) &&
		   !secrets_is_placeholder(gen[i], strlen(gen[i]), false, NULL,
					   0) ==
		   !!strcmp(gen[i], "x"),
		   "not a secret for generic rules only: %s", gen[i]);
	for (i = 0; real[i]; i++)
		ok(!secrets_is_placeholder(real[i], strlen(real[i]), true, NULL,
					    0),
		   "kept as a secret: %.3s...", real[i]);
}

/*
 * A hex digest's shape is dropped from generic rules unless the key it is
 * assigned to names a credential and nothing about a hash.
 */
static void test_credential_names(void)
{
	static const char *const cred[] = {
		"CLIENT_SECRET = \"", "discordToken := `", "api_secret: '",
		"GITHUB_TOKEN=", "license_key: ", "APIKey\" => \"",
		"private_key = ", "<clientSecret>\n    ", "oauth_token: ",
		"var discordToken string = \"", "db_pwd=", "SECRET_KEY=",
		"shared_secret: ",
		NULL
	};
	static const char *const not_cred[] = {
		"commit: ", "commit_token = \"", "GIT_SHA=", "sha256sum: ",
		"checksum = \"", "revision: ", "ETag: ", "\"integrity\": \"",
		"fingerprint = ", "client_id = \"", "token_id: ", "uuid: ",
		"SIGNING_KEY_FINGERPRINT=", "<add key=\"SigningKeyThumbprint\" ",
		"api_key_sha256 = \"", "tokenHash: ", "secret_digest = ",
		"public_key = ", "key = \"", "cache_key: ", "build = ",
		"lastCommit: ", "\"hashed_secret\": \"", "commitToken=",
		"", NULL
	};
	static const char hex40[] = "6c1f0e9a8b7d2c4e5f3a1b0c9d8e7f6a5b4c3d2e";
	static const char hex40_upper[] =
		"6C1F0E9A8B7D2C4E5F3A1B0C9D8E7F6A5B4C3D2E";
	static const char hex40_mixed[] =
		"6c1F0e9A8b7D2c4E5f3A1b0C9d8E7f6A5b4C3d2E";
	static const char hmac_call[] = "crypto.createHmac('sha256', '";
	static const char jwt_call[] = "jwt.sign({ id: user.id }, \"";
	static const char hmac_value[] = "expected_hmac = \"";
	int i;

	for (i = 0; cred[i]; i++)
		ok(secrets_credential_name(cred[i], strlen(cred[i])),
		   "credential name: %s", cred[i]);
	for (i = 0; not_cred[i]; i++)
		ok(!secrets_credential_name(not_cred[i], strlen(not_cred[i])),
		   "not a credential name: %s", not_cred[i]);
	ok(!secrets_is_placeholder(hex40, 40, true, cred[0],
				   strlen(cred[0])),
	   "40 hex under CLIENT_SECRET is kept");
	ok(secrets_is_placeholder(hex40, 40, true, not_cred[0],
				  strlen(not_cred[0])),
	   "40 hex under commit is a digest");
	ok(secrets_is_placeholder(hex40, 40, true, NULL, 0),
	   "40 hex with no name is a digest");
	ok(secrets_is_placeholder(hex40_upper, 40, true, not_cred[12],
				  strlen(not_cred[12])),
	   "40 upper-case hex under a fingerprint name is a digest");
	ok(!secrets_is_placeholder(hex40_mixed, 40, true, NULL, 0),
	   "40 hex of mixed case is no digest");
	ok(!secrets_is_placeholder(hex40, 40, true, hmac_call,
				   strlen(hmac_call)),
	   "40 hex passed to createHmac is a key");
	ok(!secrets_is_placeholder(hex40, 40, true, jwt_call,
				   strlen(jwt_call)),
	   "40 hex passed to jwt.sign is a key");
	ok(secrets_is_placeholder(hex40, 40, true, hmac_value,
				  strlen(hmac_value)),
	   "40 hex assigned to expected_hmac is a digest");
}

/*
 * Names that say the value is derived from a secret or public, and the
 * hashes some tools store where a password would be.
 */
static void test_derived_names(void)
{
	static const char blob[] =
		"MEIEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcECA5pmA/qs0h1fNCV";
	static const char key32[] = "ae5DJnUHjnx59Td6GQ7H1bzhL3ih1V3h";
	static const char hex32[] = "78520e6ac1fa12d7c20e25f2aa5a2b1a";
	static const char jupyter[] =
		"argon2:$argon2id$v=19$m=10240,t=10,p=8$Qm9vZnVsbGhlbGxv$Zx8jO2Ac";
	char hex128[129];
	int i;

	for (i = 0; i < 128; i++)
		hex128[i] = "0123456789abcdef"[(i * 7 + 3) % 16];
	hex128[128] = '\0';
#define NAMED(v, n) secrets_is_placeholder(v, strlen(v), true, n, strlen(n))
	ok(NAMED(blob, "\"encryptedPassword\": \""),
	   "encryptedPassword holds ciphertext");
	ok(NAMED(hex32, "MasterPasswordVerifier="),
	   "a password verifier is derived");
	ok(!NAMED(key32, "xpack.encryptedSavedObjects.encryptionKey: \""),
	   "encryptionKey under an encrypted... path is a key");
	ok(NAMED(hex32, "search_only_api_key: "),
	   "a search-only key is public");
	ok(!NAMED(hex32, "admin_api_key: "), "an admin key is a secret");
	ok(NAMED(hex128, "password: "), "128 hex under password: SHA-512");
	ok(!NAMED(hex128, "jwt_key\": \""), "128 hex under a key name: a key");
#undef NAMED
	ok(secrets_is_placeholder(jupyter, strlen(jupyter), false, NULL, 0),
	   "Jupyter's argon2: password hash");
}

/*
 * A value too short to reach a rule's entropy floor is held to a share of
 * the most its length allows, and must mix characters as a password.
 */
static void test_entropy_floor(void)
{
	static const struct {
		const char *s;
		double floor;
		bool low;
	} cases[] = {
		{ "3eCa3P", 2.5, false },	/* 2.25 bits, log2(6) = 2.58 */
		{ "a1B2c3", 2.5, false },
		{ "q7#Rm!x", 2.5, false },
		{ "3eCa3P", 3.0, false },
		{ "Secret", 2.5, true },	/* two classes: a word */
		{ "Butter", 2.5, true },
		{ "Hello1", 2.5, true },	/* one run of letters */
		{ "Pass12", 2.5, true },
		{ "aaBB11", 2.5, true },	/* 1.58 bits */
		{ "3eC3e3", 2.5, true },
		{ "r4T", 2.5, true },		/* under 6 bytes: no say */
		{ "aB3aB3aB", 2.5, true },	/* 8 bytes: the floor holds */
		{ "Kq7Rt2mX9Lp4", 3.0, false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		ok(secrets_entropy_low(cases[i].s, strlen(cases[i].s),
				       cases[i].floor) == cases[i].low,
		   "entropy floor %.1f: %s is %s", cases[i].floor, cases[i].s,
		   cases[i].low ? "dropped" : "kept");
}

static void test_redact(void)
{
	struct strbuf sb = STRBUF_INIT;
	char fp1[65], fp2[65], fp3[65];

	secrets_redact(&sb, "AKIA2E3F4G5H6J7K2L3M", 20);
	is_str(sb.buf, "AKIA\xe2\x80\xa6(20 chars)", "redaction: prefix and length");
	strbuf_reset(&sb);
	secrets_redact(&sb, "hunter22", 8);
	is_str(sb.buf, "h\xe2\x80\xa6(8 chars)", "short secret shows one char");
	strbuf_release(&sb);
	secrets_fingerprint(fp1, "secrets/x", "abc", 3, "a.txt");
	secrets_fingerprint(fp2, "secrets/x", "abc", 3, "a.txt");
	secrets_fingerprint(fp3, "secrets/x", "abc", 3, "b.txt");
	ok(!strcmp(fp1, fp2) && strcmp(fp1, fp3) && strlen(fp1) == 64,
	   "fingerprint: stable, depends on path, 64 hex digits");
}

static int load_rules(struct secrets_engine *eng, struct ydoc *doc,
		      const char *path)
{
	struct strbuf err = STRBUF_INIT;
	int ret;

	secrets_engine_init(eng);
	ret = secrets_rules_load_file(&eng->rules, doc, path, &err);
	if (ret)
		printf("# %s\n", err.buf);
	else
		secrets_engine_build(eng);
	strbuf_release(&err);
	return ret;
}

/* Scan `text` as a whole file; return the hit count, rule of the first. */
static size_t scan(struct secrets_engine *eng, const char *path,
		   const char *text, size_t len, const char **rule,
		   struct secrets_hit *first)
{
	struct secrets_scanner sc;
	size_t n;

	secrets_scanner_init(&sc, eng);
	if (!secrets_scan_begin(&sc, path, text, len)) {
		secrets_scanner_release(&sc);
		return 0;
	}
	if (secrets_scan_span(&sc, 0, len, 1))
		printf("# scan error: %s\n", sc.err.buf);
	secrets_scan_end(&sc);
	n = sc.hits_nr;
	if (rule)
		*rule = n ? sc.hits[0].rule->id : NULL;
	if (first && n)
		*first = sc.hits[0];
	secrets_scanner_release(&sc);
	return n;
}

static void test_examples(struct secrets_engine *eng)
{
	size_t i, j;

	for (i = 0; i < eng->rules.nr; i++) {
		struct secrets_rule *r = eng->rules.rules[i];

		for (j = 0; j < r->match_nr; j++) {
			const char *got = NULL;
			const char *ex = r->match_examples[j];
			size_t n = scan(eng, "example.txt", ex, strlen(ex),
					&got, NULL);

			ok(n == 1 && got && !strcmp(got, r->id),
			   "rule %s: match example %zu", r->id, j);
		}
		for (j = 0; j < r->nomatch_nr; j++) {
			const char *ex = r->nomatch_examples[j];
			struct secrets_scanner sc;
			size_t k, bad = 0;

			secrets_scanner_init(&sc, eng);
			secrets_scan_begin(&sc, "example.txt", ex, strlen(ex));
			secrets_scan_span(&sc, 0, strlen(ex), 1);
			secrets_scan_end(&sc);
			for (k = 0; k < sc.hits_nr; k++)
				bad += sc.hits[k].rule == r;
			secrets_scanner_release(&sc);
			is_int(bad, 0, "rule %s: no-match example %zu", r->id, j);
		}
	}
}

static void test_scanner(struct secrets_engine *eng)
{
	char tok[64] = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct secrets_hit h;
	const char *rule = NULL;
	size_t i, n;
	uint64_t t0;

	make_token(tok, "ghp_");
	strbuf_addf(&sb, "x = 1\n\ntoken = \"%s\"\n", tok);
	n = scan(eng, "a.py", sb.buf, sb.len, &rule, &h);
	ok(n == 1 && rule && !strcmp(rule, "github-pat"),
	   "specific and generic rule on one token: one finding, the specific");
	is_int(h.line, 3, "line number of the finding");
	is_int(h.column, 10, "column of the secret");

	strbuf_reset(&sb);
	strbuf_addf(&sb, "token = \"%s\" # gitleaks:allow\n", tok);
	is_int(scan(eng, "a.py", sb.buf, sb.len, NULL, NULL), 0,
	       "inline gitleaks:allow suppresses");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "token = \"%s\"  # pragma: allowlist secret\n", tok);
	is_int(scan(eng, "a.py", sb.buf, sb.len, NULL, NULL), 0,
	       "pragma: allowlist secret suppresses");

	/* NUL bytes and invalid UTF-8 around a key. */
	strbuf_reset(&sb);
	strbuf_add(&sb, "\0\xff\xfe key AKIA2E3F4G5H6J7K2L3M \xc3\x28\0", 32);
	is_int(scan(eng, "b.bin", sb.buf, sb.len, NULL, NULL), 1,
	       "NUL bytes and invalid UTF-8 do not hide a key");

	/* A 4 MB minified line full of keywords finishes quickly. */
	strbuf_reset(&sb);
	for (i = 0; i < 4 * 1024 * 1024 / 32; i++)
		strbuf_addstr(&sb, "{\"token\":\"a\",\"secret\":\"b\"},{}");
	strbuf_addstr(&sb, "\"AKIA2E3F4G5H6J7K2L3M\"");
	t0 = gate_now_ns();
	n = scan(eng, "min.js", sb.buf, sb.len, &rule, NULL);
	ok(n == 1 && !strcmp(rule, "aws-access-key-id"),
	   "key at the end of a 4 MB line is found");
	ok(gate_now_ns() - t0 < 5ULL * 1000 * 1000 * 1000,
	   "4 MB keyword-dense line scans in under 5 s (%.0f ms)",
	   (gate_now_ns() - t0) / 1e6);

	/* Multi-line private key. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "key = '''\n-----BEGIN RSA PRIVATE KEY-----\n");
	for (i = 0; i < 10; i++) {
		size_t k;

		for (k = 0; k < 64; k++)
			strbuf_addch(&sb, b62[rnd(62)]);
		strbuf_addch(&sb, '\n');
	}
	strbuf_addstr(&sb, "-----END RSA PRIVATE KEY-----\n'''\n");
	n = scan(eng, "k.py", sb.buf, sb.len, &rule, &h);
	ok(n == 1 && !strcmp(rule, "private-key"), "multi-line private key");
	ok(h.line == 2 && h.end_line == 13, "private key spans lines 2-13 (%u-%u)",
	   h.line, h.end_line);
	strbuf_release(&sb);
}

static void test_user_rules(void)
{
	static const struct {
		const char *yaml, *want;
	} cases[] = {
		{ "rules:\n  - id: bad\n    regex: 'ab(c'\n    keywords: [ab]\n",
		  ".gate.yml:3:12: rule 'bad': missing closing parenthesis at offset 4" },
		{ "rules:\n  - id: slow\n    regex: '(a+)+$'\n    keywords: [a]\n",
		  ".gate.yml:3:12: rule 'slow': catastrophic backtracking" },
		{ "rules:\n  - id: nokw\n    regex: 'x'\n",
		  ".gate.yml:2:5: rule 'nokw': no 'keywords'" },
		{ "rules:\n  - id: v\n    regex: 'x'\n    keywords: [x]\n    validate: luhn\n",
		  ".gate.yml:5:15: rule 'v': 'validate' must be one of" },
		{ "rules:\n  - id: an\n    regex: 'tok_([a-z]{8})'\n    keywords: [tok_]\n    anchor: keyword-word\n",
		  ".gate.yml:5:13: rule 'an': 'anchor: keyword-word' needs a regex that starts with (?<![\\w.-])" },
		{ "rules:\n  - id: an\n    regex: '(?<![\\w.-])\\w*tok:(\\w+)'\n    keywords: ['tok:']\n    anchor: keyword-word\n",
		  ".gate.yml:5:13: rule 'an': 'anchor: keyword-word' needs keywords of [a-z0-9_.-]" },
		{ "rules:\n  - id: an\n    regex: 'x'\n    keywords: [x]\n    anchor: start\n",
		  ".gate.yml:5:13: rule 'an': 'anchor' must be keyword-word" },
		{ "rules:\n  - id: ok\n    regex: 'tok_([a-z]{8})'\n    keywords: [tok_]\n",
		  NULL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ydoc doc = { 0 };
		struct strbuf err = STRBUF_INIT;
		struct secrets_rules rs;
		int ret;

		secrets_rules_init(&rs);
		if (ydoc_parse(&doc, ".gate.yml", cases[i].yaml,
			       strlen(cases[i].yaml), &err))
			printf("# yaml: %s\n", err.buf);
		ret = secrets_rules_load(&rs, ynode_get(doc.root, "rules"),
					 true, &err);
		if (cases[i].want)
			ok(ret < 0 && starts_with(err.buf, cases[i].want),
			   "user rule error: %s (got: %s)", cases[i].want,
			   err.buf);
		else
			ok(!ret && rs.nr == 1 && atomic_load(&rs.rules[0]->code),
			   "good user rule compiled at load");
		secrets_rules_release(&rs);
		ydoc_release(&doc);
		strbuf_release(&err);
	}
}

/*
 * The table view: a CSV's credential columns as assignments, each line
 * mapped to its row; quoted cells, other delimiters, no header.
 */
static void test_table_view(void)
{
	static const struct {
		const char *csv, *want;
		uint32_t lines[4];
	} cases[] = {
		{ "name,url,username,password\n"
		  "a,https://a,ann,Tq8vZ2mLx7w\n"
		  "\"b, inc\",\"https://b\",bob,\"Kp4#w\"\"q8\"\n"
		  "c,https://c,cid,\n",
		  "password = \"Tq8vZ2mLx7w\"\npassword = 'Kp4#w\"\"q8'\n",
		  { 2, 3 } },
		{ "id\tAPI Key\tnote\r\n1\tWm4xKp9RtZ2v\t\"two\nlines\"\r\n"
		  "2\tHc8sBd3fYj6g\tx\r\n",
		  "API_Key = \"Wm4xKp9RtZ2v\"\nAPI_Key = \"Hc8sBd3fYj6g\"\n",
		  { 2, 4 } },
		{ "user;password_hash;mail\nbob;$2b$12$x;b@x.io\n", "", { 0 } },
		{ "just a line of text\nand another\n", "", { 0 } },
	};
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct secrets_table_view v = SECRETS_TABLE_VIEW_INIT;
		bool lines_ok = true;

		secrets_table_view(&v, cases[i].csv, strlen(cases[i].csv));
		for (j = 0; j < v.lines_nr; j++)
			lines_ok &= j < 4 && v.lines[j] == cases[i].lines[j];
		ok(!strcmp(v.text.buf, cases[i].want) && lines_ok,
		   "table view %zu (got: %s)", i, v.text.buf);
		secrets_table_view_release(&v);
	}
	ok(secrets_table_path("exports/Logins.CSV") &&
	   secrets_table_path("a.tsv") && !secrets_table_path("a.csvx") &&
	   !secrets_table_path("csv"), "tables are .csv, .tsv, .psv files");
}

/*
 * Fragments: {{name}} in a regex, nested in any order, shared with the
 * user's rules; unknown and recursive names are errors with a place.
 */
static void test_fragments(void)
{
	static const struct {
		const char *yaml, *want, *regex;
	} cases[] = {
		{ "fragments:\n  num: '[0-9]{3}'\n  tail: '-{{num}}'\n"
		  "rules:\n  - id: r\n    regex: 'tok{{tail}}\\{\\{x}}'\n"
		  "    keywords: [tok]\n",
		  NULL, "tok-[0-9]{3}\\{\\{x}}" },
		{ "fragments:\n  b: 'x{{a}}'\n  a: '[a-f]+'\n"
		  "rules:\n  - id: r\n    regex: 'k{{b}}'\n    keywords: [k]\n",
		  NULL, "kx[a-f]+" },
		{ "fragments:\n  a: 'x'\n"
		  "rules:\n  - id: r\n    regex: 'tok{{nope}}'\n"
		  "    keywords: [tok]\n",
		  "pack.yml:5:12: rule 'r': unknown fragment '{{nope}}' at "
		  "offset 3", NULL },
		{ "fragments:\n  a: '({{b}})'\n  b: 'x{{a}}'\n"
		  "rules:\n  - id: r\n    regex: '{{a}}'\n    keywords: [x]\n",
		  "pack.yml:3:6: fragment 'b': recursive fragment '{{a}}' at "
		  "offset 1", NULL },
		{ "fragments:\n  a: 'x{{a}}'\n"
		  "rules:\n  - id: r\n    regex: '{{a}}'\n    keywords: [x]\n",
		  "pack.yml:2:6: fragment 'a': recursive fragment '{{a}}' at "
		  "offset 1", NULL },
		{ "fragments:\n  Big: 'x'\n"
		  "rules:\n  - id: r\n    regex: 'x'\n    keywords: [x]\n",
		  "pack.yml:2:3: fragment name 'Big' is not", NULL },
		{ "fragments: [a]\n"
		  "rules:\n  - id: r\n    regex: 'x'\n    keywords: [x]\n",
		  "pack.yml:1:12: 'fragments' must be a mapping", NULL },
	};
	static const char user[] =
		"rules:\n  - id: mine\n"
		"    regex: 'mytool[\\w.-]{0,8}?{{assign}}([a-z0-9]{24})'\n"
		"    keywords: [mytool]\n"
		"  - id: typo\n    regex: 'mytool{{asign}}x'\n"
		"    keywords: [mytool]\n";
	static const char text[] = "mytool_token := \"k3c9x0qp7v2m5n8b4w6z1y3t\"\n";
	struct secrets_engine eng;
	struct ydoc doc = { 0 };
	struct strbuf err = STRBUF_INIT;
	const char *rule = NULL;
	size_t i, n;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct secrets_rules rs;

		secrets_rules_init(&rs);
		if (ydoc_parse(&doc, "pack.yml", cases[i].yaml,
			       strlen(cases[i].yaml), &err))
			printf("# yaml: %s\n", err.buf);
		ret = secrets_rules_load_pack(&rs, doc.root, &err);
		if (cases[i].want)
			ok(ret < 0 && starts_with(err.buf, cases[i].want),
			   "fragment error: %s (got: %s)", cases[i].want,
			   err.buf);
		else
			ok(!ret && rs.nr == 1 &&
			   !strcmp(rs.rules[0]->regex, cases[i].regex) &&
			   !secrets_rules_compile_all(&rs, &err),
			   "fragments expand to %s (got: %s)", cases[i].regex,
			   ret ? err.buf : rs.rules[0]->regex);
		secrets_rules_release(&rs);
		ydoc_release(&doc);
		strbuf_reset(&err);
	}

	/* Allowlist regexes use fragments too: shared lists of values. */
	{
		static const char pack[] =
			"fragments:\n  ph: '^x+$|{{dots}}'\n  dots: '^\\.+$'\n"
			"rules:\n  - id: r\n    regex: 'k=(\\S+)'\n"
			"    keywords: [k=]\n    allowlist:\n"
			"      regexes: ['{{ph}}']\n"
			"  - id: s\n    regex: 'j=(\\S+)'\n"
			"    keywords: [j=]\n    allowlist:\n"
			"      regexes: ['a{{nope}}']\n";
		struct secrets_rules rs;

		secrets_rules_init(&rs);
		if (ydoc_parse(&doc, "pack.yml", pack, strlen(pack), &err))
			printf("# yaml: %s\n", err.buf);
		ret = secrets_rules_load_pack(&rs, doc.root, &err);
		ok(ret < 0 && rs.nr == 1 &&
		   rs.rules[0]->allow.regexes_nr == 1 &&
		   !strcmp(rs.rules[0]->allow.sources[0], "^x+$|^\\.+$"),
		   "allowlist regexes expand fragments (got: %s)",
		   rs.nr ? rs.rules[0]->allow.sources[0] : "no rule");
		ok(starts_with(err.buf, "pack.yml:14:17: allowlist regex: "
			       "unknown fragment '{{nope}}' at offset 1"),
		   "an unknown fragment in an allowlist is an error with its "
		   "place (got: %s)", err.buf);
		secrets_rules_release(&rs);
		ydoc_release(&doc);
		strbuf_reset(&err);
	}

	/* The user's rules see the built-in pack's fragments. */
	secrets_engine_init(&eng);
	secrets_rules_load_builtin(&eng.rules);
	ok(eng.rules.fragments_nr > 0, "the built-in pack has fragments");
	if (ydoc_parse(&doc, ".gate.yml", user, strlen(user), &err))
		printf("# yaml: %s\n", err.buf);
	ret = secrets_rules_load(&eng.rules, ynode_get(doc.root, "rules"),
				 true, &err);
	ok(ret < 0 && starts_with(err.buf, ".gate.yml:6:12: rule 'typo': "
				  "unknown fragment '{{asign}}' at offset 6"),
	   "a user rule naming no fragment is refused (got: %s)", err.buf);
	ok(eng.rules.nr && !strcmp(eng.rules.rules[eng.rules.nr - 1]->id,
				   "mine"),
	   "the user rule before it loaded");
	secrets_engine_build(&eng);
	n = scan(&eng, "a.go", text, strlen(text), &rule, NULL);
	ok(n == 1 && rule && !strcmp(rule, "mine"),
	   "a user rule using {{assign}} finds its secret (got: %s)",
	   rule ? rule : "nothing");
	secrets_engine_release(&eng);
	ydoc_release(&doc);
	strbuf_release(&err);
}

/* One user rule loaded alone into an engine, or its error. */
static int engine_with(struct secrets_engine *eng, const char *yaml,
		       struct strbuf *err)
{
	struct ydoc doc = { 0 };
	int ret;

	secrets_engine_init(eng);
	if (ydoc_parse(&doc, ".gate.yml", yaml, strlen(yaml), err)) {
		ydoc_release(&doc);
		return -1;
	}
	ret = secrets_rules_load(&eng->rules, ynode_get(doc.root, "rules"),
				 true, err);
	ydoc_release(&doc);
	if (!ret)
		secrets_engine_build(eng);
	return ret;
}

/* The engine gives the filter the key the rule matched, or the line. */
static void test_hex_names(void)
{
	static const char rule[] =
		"rules:\n  - id: generic-hex\n"
		"    regex: '(?i)[\\w.-]{0,30}(?:secret|token|sha)[\\w.-]{0,10}"
		"[ \\t]*[:=][ \\t]*\"?([0-9a-f]{40}|[0-9a-f]{64})\\b'\n"
		"    keywords: [secret, token, sha]\n"
		"  - id: generic-bare\n"
		"    regex: '\\b(?:[0-9a-f]{8}){8}\\b'\n"
		"    keywords: [ffff]\n";
	static const struct {
		const char *text;
		size_t want;
	} cases[] = {
		{ "CLIENT_SECRET = \"6c1f0e9a8b7d2c4e"
		  "5f3a1b0c9d8e7f6a5b4c3d2e\"\n", 1 },
		{ "discord_token: 0ecb3c1d9e8f7a6b5c4d3e2f1a0b9c8d"
		  "7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b\n", 1 },
		{ "commit_sha = \"6c1f0e9a8b7d2c4e"
		  "5f3a1b0c9d8e7f6a5b4c3d2e\"\n", 0 },
		{ "tokenHash: 6c1f0e9a8b7d2c4e5f3a1b0c9d8e7f6a5b4c3d2e\n", 0 },
		/* The match starts at "secret": the key path is the name. */
		{ "  checksum/secret: 0ecb3c1d9e8f7a6b5c4d3e2f1a0b9c8d"
		  "7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b\n", 0 },
		/* No name in the match: the line before the value names it. */
		{ "db_password: 0ecb3c1d9e8f7a6b5c4d3e2f1a0b9c8d"
		  "7e6f5a4b3c2dffff9a8b7c6d5e4f3a2b\n", 1 },
		{ "checksum: 0ecb3c1d9e8f7a6b5c4d3e2f1a0b9c8d"
		  "7e6f5a4b3c2dffff9a8b7c6d5e4f3a2b\n", 0 },
	};
	struct strbuf err = STRBUF_INIT;
	struct secrets_engine eng;
	size_t i;

	if (!ok(!engine_with(&eng, rule, &err), "hex rules load (%s)",
		err.buf)) {
		secrets_engine_release(&eng);
		strbuf_release(&err);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		is_int(scan(&eng, "a.cfg", cases[i].text,
			    strlen(cases[i].text), NULL, NULL),
		       cases[i].want, "hex value, case %zu: %.20s", i,
		       cases[i].text);
	secrets_engine_release(&eng);
	strbuf_release(&err);
}

/* Short passwords in a rule with a 2.5-bit floor, through the engine. */
static void test_short_passwords(void)
{
	static const char rule[] =
		"rules:\n  - id: amqp-url\n"
		"    regex: 'amqps?://[\\w.-]+:([^\\s:@/]{6,64})@'\n"
		"    keywords: ['amqp']\n    entropy: 2.5\n";
	static const struct {
		const char *text;
		size_t want;
	} cases[] = {
		{ "amqps://admin:3eCa3P@10.0.0.5:5671/vhost\n", 1 },
		{ "amqp://admin:Secret@rabbit:5672/\n", 0 },
		{ "amqp://admin:Hello1@rabbit:5672/\n", 0 },
		{ "amqp://admin:aaaaaa@rabbit:5672/\n", 0 },
	};
	struct strbuf err = STRBUF_INIT;
	struct secrets_engine eng;
	size_t i;

	if (!ok(!engine_with(&eng, rule, &err), "amqp rule loads (%s)",
		err.buf)) {
		secrets_engine_release(&eng);
		strbuf_release(&err);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		is_int(scan(&eng, "a.env", cases[i].text,
			    strlen(cases[i].text), NULL, NULL),
		       cases[i].want, "short password, case %zu", i);
	secrets_engine_release(&eng);
	strbuf_release(&err);
}

/*
 * Windows: a value alone on the line after its key is found by a
 * two-line rule and not by a one-line rule; two lines below is out of
 * a two-line window; a key on the next line opens its own window; and
 * window: / multiline: errors name their place.
 */
static void test_windows(void)
{
	static const char rule[] =
		"rules:\n  - id: xmltok\n"
		"    regex: '<apiToken>[ \\t]*\\r?\\n?[ \\t]*([A-Za-z0-9]{20})'\n"
		"    keywords: [apitoken]\n    window: %s\n";
	static const struct {
		const char *window, *text;
		size_t want;
	} cases[] = {
		{ "line", "<apiToken>\n  q7Rt2mXv9Lp4Kd8Wz3Nb\n</apiToken>\n", 0 },
		{ "two-lines", "<apiToken>\n  q7Rt2mXv9Lp4Kd8Wz3Nb\n</apiToken>\n", 1 },
		{ "two-lines", "<apiToken>\n\n  q7Rt2mXv9Lp4Kd8Wz3Nb\n", 0 },
		{ "two-lines", "<a>apiToken</a>\n<apiToken>\n"
			       "  q7Rt2mXv9Lp4Kd8Wz3Nb\n", 1 },
		{ "block", "<apiToken>\n  q7Rt2mXv9Lp4Kd8Wz3Nb\n</apiToken>\n", 1 },
		{ "two-lines", "<apiToken> q7Rt2mXv9Lp4Kd8Wz3Nb</apiToken>", 1 },
	};
	static const struct {
		const char *yaml, *want;
	} errors[] = {
		{ "rules:\n  - id: w\n    regex: 'x'\n    keywords: [x]\n"
		  "    window: page\n",
		  ".gate.yml:5:13: rule 'w': 'window' must be line, two-lines or block" },
		{ "rules:\n  - id: w\n    regex: 'x'\n    keywords: [x]\n"
		  "    multiline: true\n    window: line\n",
		  ".gate.yml:6:13: rule 'w': give 'window' or 'multiline', not both" },
	};
	struct strbuf err = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct secrets_engine eng;
		char *yaml = xstrfmt(rule, cases[i].window);
		size_t n = 0;

		if (!engine_with(&eng, yaml, &err))
			n = scan(&eng, "a.xml", cases[i].text,
				 strlen(cases[i].text), NULL, NULL);
		is_int(n, cases[i].want, "window %s, case %zu (%s)",
		       cases[i].window, i, err.buf);
		secrets_engine_release(&eng);
		strbuf_reset(&err);
		free(yaml);
	}
	for (i = 0; i < ARRAY_SIZE(errors); i++) {
		struct secrets_engine eng;
		int ret = engine_with(&eng, errors[i].yaml, &err);

		ok(ret < 0 && starts_with(err.buf, errors[i].want),
		   "window error: %s (got: %s)", errors[i].want, err.buf);
		secrets_engine_release(&eng);
		strbuf_reset(&err);
	}
	strbuf_release(&err);
}

/* Hits of a whole-file scan, anchored or as the unanchored regex. */
static size_t scan_hits(struct secrets_engine *eng, const char *text,
			bool no_anchor)
{
	struct secrets_scanner sc;
	size_t n;

	secrets_scanner_init(&sc, eng);
	sc.no_anchor = no_anchor;
	if (secrets_scan_begin(&sc, "a.cfg", text, strlen(text)) &&
	    secrets_scan_span(&sc, 0, strlen(text), 1))
		printf("# scan error: %s\n", sc.err.buf);
	secrets_scan_end(&sc);
	n = sc.hits_nr;
	secrets_scanner_release(&sc);
	return n;
}

/*
 * An anchor-word rule looks for its keywords again only from the longest
 * keyword's length before the hit that opened the window: the keyword
 * that opened it, the rule's longest, lies at every distance from the
 * line start, and one more byte skipped loses it.
 */
static void test_anchor_skip(void)
{
	static const char rule[] =
		"rules:\n  - id: tok\n"
		"    regex: '(?i)(?<![\\w.-])[\\w.-]*(?:tok|apikey)[\\w.-]*"
		"[ \\t]*=[ \\t]*\"([A-Za-z0-9]{20})\"'\n"
		"    keywords: [tok, apikey]\n    anchor: keyword-word\n";
	static const char *const keys[] = { "apikey", "x.apikey",
					    "my_tok", "apikey2" };
	struct secrets_engine eng;
	struct strbuf err = STRBUF_INIT;
	size_t pre, k, wrong = 0, tried = 0;

	if (!ok(!engine_with(&eng, rule, &err), "anchor rule loads (%s)",
		err.buf)) {
		secrets_engine_release(&eng);
		strbuf_release(&err);
		return;
	}
	for (pre = 0; pre <= 20; pre++) {
		for (k = 0; k < ARRAY_SIZE(keys); k++) {
			char *text = xstrfmt("a = 1\n%.*s%s = "
					     "\"q7Rt2mXv9Lp4Kd8Wz3Nb\" "
					     "%s=\"Zq7Rt2mXv9Lp4Kd8Wz3N\"\n",
					     (int)pre, "; ; ; ; ; ; ; ; ; ; ; ",
					     keys[k], keys[k]);
			size_t got = scan_hits(&eng, text, false);

			tried++;
			if ((got != 2 ||
			     scan_hits(&eng, text, true) != 2) && wrong++ < 3)
				printf("# %zu hits in: %s", got, text);
			free(text);
		}
	}
	is_int(wrong, 0, "anchor-word rescans find every keyword (%zu lines)",
	       tried);
	secrets_engine_release(&eng);
	strbuf_release(&err);
}

/* The byte-by-byte walk secrets_line_start replaces. */
static size_t line_start_ref(const char *text, size_t lo, size_t pos)
{
	while (pos > lo && text[pos - 1] != '\n')
		pos--;
	return pos;
}

/* Every lo <= pos <= len of t; the number of wrong answers. */
static size_t line_starts_wrong(const char *t, size_t len, size_t *tried)
{
	size_t lo, pos, wrong = 0;

	for (lo = 0; lo <= len; lo++) {
		for (pos = lo; pos <= len; pos++) {
			size_t got = secrets_line_start(t, lo, pos);
			size_t want = line_start_ref(t, lo, pos);

			(*tried)++;
			if (got != want && wrong++ < 3)
				printf("# lo %zu pos %zu: %zu, want %zu\n",
				       lo, pos, got, want);
		}
	}
	return wrong;
}

/*
 * secrets_line_start against a byte walk.  Search routines test a word
 * or a vector at a time, so lines start at offsets 0 to 20 around the
 * 8-byte boundaries, at every alignment of the text, between bytes that
 * fool a word-at-a-time newline test: 0x0b
 * after a newline is the borrow of the classic zero-byte test, 0x8a its
 * high-bit twin, 0x75 and 0xff all bits but the newline's.
 */
static void test_line_start(void)
{
	static const unsigned char fill[] = { 'x', 0x0b, 0x8a, 0x75, 0xff,
					       0x00, '\r' };
	char buf[8 + 32];
	size_t align, a, b, f, wrong = 0, tried = 0;
	int round;

	for (align = 0; align < 8; align++) {
		char *t = buf + align;

		/* No newline (21), one (a == b), or two. */
		for (a = 0; a <= 21; a++)
			for (b = a; b <= 21; b++)
				for (f = 0; f < sizeof(fill); f++) {
					memset(t, fill[f], 24);
					if (a < 21)
						t[a] = '\n';
					if (b < 21)
						t[b] = '\n';
					wrong += line_starts_wrong(t, 24,
								   &tried);
				}
	}
	/* Random bytes, mostly the awkward ones. */
	for (round = 0; round < 2000; round++) {
		size_t i;

		align = rnd(8);
		for (i = 0; i < 32; i++)
			buf[align + i] = rnd(4) ?
				(char)fill[rnd(sizeof(fill))] : '\n';
		wrong += line_starts_wrong(buf + align, 32, &tried);
	}
	is_int(wrong, 0, "line starts agree with a byte-by-byte walk (%zu "
	       "cases)", tried);
}

#include "glob.h"

/* secrets_quick_glob decides exactly as glob_match, on the pack's globs. */
static void check_globs(const char *const *pats, size_t *quick,
			size_t *total, size_t *wrong)
{
	static const char *const paths[] = {
		"go.sum", "mod/go.sum", "a/b/go.sum", "go.sum.bak", "xgo.sum",
		".env", "config/.env", ".env.local", "app.env", "a/b/c.env",
		"yarn.lock", "x/poetry.lock", "lock", ".lock", "a.lock/b",
		"node_modules/x/y.js", "a/node_modules/b.js", "node_modules",
		"xnode_modules/a", "a/node_modulesx/b", "vendor/a.go",
		"src/vendor/b/c.go", "vendors/a", "Dockerfile", "a/Dockerfile",
		"Dockerfile.dev", "settings.py", "a/b/settings.yml",
		"x.properties", "docs/README.md", "README", "a/.npmrc",
		"test/fixtures/key.pem", "x.tfvars", "Makefile", "a.mk", NULL
	};
	size_t i, j;

	for (i = 0; pats && pats[i]; i++) {
		for (j = 0; paths[j]; j++) {
			int q = secrets_quick_glob(pats[i], paths[j]);

			(*total)++;
			if (q < 0)
				continue;
			(*quick)++;
			if (q != glob_match(pats[i], paths[j])) {
				(*wrong)++;
				printf("# quick glob '%s' on '%s': %d\n",
				       pats[i], paths[j], q);
			}
		}
	}
}

static void test_quick_glob(void)
{
	struct secrets_rules rs;
	size_t i, quick = 0, total = 0, wrong = 0;
	static const char *const extra[] = {
		"*", "**/x", "**/a/**", "a/**", "*.e?v", "[ab].lock", "x/",
		NULL
	};

	secrets_rules_init(&rs);
	secrets_rules_load_builtin(&rs);
	for (i = 0; i < rs.nr; i++) {
		check_globs(rs.rules[i]->paths, &quick, &total, &wrong);
		check_globs(rs.rules[i]->allow.paths, &quick, &total, &wrong);
	}
	check_globs(extra, &quick, &total, &wrong);
	is_int(wrong, 0, "quick globs agree with glob_match (%zu of %zu "
	       "decided quickly)", quick, total);
	ok(quick * 10 >= total * 9, "most pack globs are decided quickly");
	secrets_rules_release(&rs);
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("TEST_SRCDIR");
	struct secrets_engine eng;
	struct ydoc doc = { 0 };
	char *path;

	test_ac();
	test_ac_filter();
	test_sha256();
	test_validators();
	test_placeholders();
	test_credential_names();
	test_derived_names();
	test_entropy_floor();
	test_redact();
	test_user_rules();
	test_table_view();
	test_fragments();
	test_windows();
	test_hex_names();
	test_short_passwords();
	test_quick_glob();
	test_line_start();
	test_anchor_skip();
	path = xstrfmt("%s/data/secrets/rules-small.yml",
		       argc > 1 ? argv[1] : srcdir ? srcdir : "tests");
	if (!ok(!load_rules(&eng, &doc, path), "load %s", path))
		return tap_done();
	test_examples(&eng);
	test_scanner(&eng);
	secrets_engine_release(&eng);
	ydoc_release(&doc);
	free(path);
	return tap_done();
}
