/*
 * A labeled corpus, generated at test time, scored as precision and
 * recall.  Positives are realistic fake secrets in realistic contexts
 * (tokens with valid checksums, keys, passwords in URLs, connection
 * strings, SQL, headers, multi-line PEM keys); negatives are hard ones:
 * placeholders, templates, documentation keys, identifiers that look
 * like keys but are not secret, digests, and the shared list of generic
 * false positives ($GATE_SHARED_DIR/conformance/
 * secrets-generic-false-positives.txt, skipped when absent).
 *
 * Values are generated from a fixed seed, so the corpus is the same on
 * every run, and no live-looking token is committed.  The shipped pack
 * must reach 0.97 precision and recall; the small test pack is held to
 * that on the kinds it has rules for.
 */
#include <unistd.h>

#include "secrets-test-util.h"
#include "tap.h"

static unsigned long long seed = 0x2545f4914f6cdd1dULL;

static unsigned rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

static const char B62[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char B64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char B64URL[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char HEX[] = "0123456789abcdef";
static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char PUNCT[] =
	"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%^*-_+.";

static void add_rand(struct strbuf *sb, const char *alpha, size_t n)
{
	size_t k = strlen(alpha), i;

	for (i = 0; i < n; i++)
		strbuf_addch(sb, alpha[rnd((unsigned)k)]);
}

static void add_crc_token(struct strbuf *sb, const char *prefix)
{
	char crc[7];
	size_t at;

	strbuf_addstr(sb, prefix);
	at = sb->len;
	add_rand(sb, B62, 30);
	secrets_base62_crc32(sb->buf + at, 30, crc);
	strbuf_addstr(sb, crc);
}

static void add_b64url_of(struct strbuf *sb, const char *s)
{
	size_t i, n = strlen(s);
	uint32_t acc = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		acc = acc << 8 | (unsigned char)s[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			strbuf_addch(sb, B64URL[acc >> bits & 63]);
		}
	}
	if (bits)
		strbuf_addch(sb, B64URL[acc << (6 - bits) & 63]);
}

static void add_b64_of(struct strbuf *sb, const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)(unsigned char)s[i] << 16;
		size_t k;

		if (i + 1 < n)
			v |= (uint32_t)(unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		for (k = 0; k < 4; k++)
			strbuf_addch(sb, k <= (n - i) ? B64[v >> (18 - 6 * k) & 63]
				     : '=');
	}
}

/* A password a human might pick: letters, digits and punctuation. */
static void add_password(struct strbuf *sb)
{
	add_rand(sb, PUNCT, 10 + rnd(8));
	strbuf_addch(sb, "23456789"[rnd(8)]);
}

/* Kinds: core kinds are the ones the small test pack has rules for. */
struct kind {
	const char *name;
	bool positive, core;
	void (*gen)(struct strbuf *sb, unsigned variant);
};

static void g_aws(struct strbuf *sb, unsigned v)
{
	static const char *const ctx[] = {
		"aws_access_key_id = %s\n", "\"AccessKeyId\": \"%s\",\n",
		"export AWS_ACCESS_KEY_ID=%s\n", "  key: %s  # ci user\n",
	};
	struct strbuf k = STRBUF_INIT;

	strbuf_addstr(&k, "AKIA");
	add_rand(&k, B32, 16);
	strbuf_addf(sb, ctx[v % 4], k.buf);
	strbuf_release(&k);
}

static void g_github(struct strbuf *sb, unsigned v)
{
	static const char *const pfx[] = { "ghp_", "gho_", "ghs_", "ghu_" };

	strbuf_addstr(sb, v & 1 ? "GITHUB_TOKEN=" : "github: { token: \"");
	add_crc_token(sb, pfx[v % 4]);
	strbuf_addstr(sb, v & 1 ? "\n" : "\" }\n");
}

static void g_npm(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, v & 1 ? "//registry.npmjs.org/:_authToken=" :
		      "NPM_TOKEN: ");
	add_crc_token(sb, "npm_");
	strbuf_addch(sb, '\n');
}

static void g_pem(struct strbuf *sb, unsigned v)
{
	static const char *const type[] = { "RSA ", "EC ", "", "OPENSSH " };
	int i;

	strbuf_addf(sb, "-----BEGIN %sPRIVATE KEY-----\n", type[v % 4]);
	for (i = 0; i < 8; i++) {
		add_rand(sb, B64, 64);
		strbuf_addch(sb, '\n');
	}
	strbuf_addf(sb, "-----END %sPRIVATE KEY-----\n", type[v % 4]);
}

static void g_url(struct strbuf *sb, unsigned v)
{
	static const char *const scheme[] = {
		"postgres://app:", "mysql://root:", "mongodb+srv://svc:",
		"amqp://guest2:", "https://deploy:",
	};

	strbuf_addf(sb, "DATABASE_URL=%s", scheme[v % 5]);
	add_password(sb);
	strbuf_addstr(sb, "@db.internal.corp:5432/app\n");
}

static void g_generic(struct strbuf *sb, unsigned v)
{
	static const char *const ctx[] = {
		"api_key = \"", "  client_secret: \"", "DB_PASSWORD=\"",
		"\"auth_token\": \"", "secret_key = '",
	};
	const char *c = ctx[v % 5];

	strbuf_addstr(sb, c);
	add_rand(sb, B62, 20 + rnd(12));
	strbuf_addstr(sb, c[strlen(c) - 1] == '\'' ? "'\n" : "\"\n");
}

static void g_password_punct(struct strbuf *sb, unsigned v)
{
	static const char *const ctx[] = {
		"password: \"%s\"\n", "DB_PASSWORD='%s'\n",
		"spring.datasource.password = \"%s\"\n",
	};
	struct strbuf p = STRBUF_INIT;

	add_password(&p);
	strbuf_addf(sb, ctx[v % 3], p.buf);
	strbuf_release(&p);
}

static void g_jwt(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, v & 1 ? "Authorization: Bearer " : "jwt = \"");
	add_b64url_of(sb, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
	strbuf_addch(sb, '.');
	add_b64url_of(sb, "{\"sub\":\"1234567890\",\"iat\":1700000000}");
	strbuf_addch(sb, '.');
	add_rand(sb, B64URL, 43);
	strbuf_addstr(sb, v & 1 ? "\n" : "\"\n");
}

static void g_slack(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, "SLACK_BOT_TOKEN=xoxb-");
	add_rand(sb, "0123456789", 12);
	strbuf_addch(sb, '-');
	add_rand(sb, "0123456789", 13);
	strbuf_addch(sb, '-');
	add_rand(sb, B62, 24);
	strbuf_addch(sb, '\n');
	(void)v;
}

static void g_stripe(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, v & 1 ? "stripe.api_key = \"sk_live_" :
		      "STRIPE_SECRET=rk_live_");
	add_rand(sb, B62, 24 + rnd(70));
	strbuf_addstr(sb, v & 1 ? "\"\n" : "\n");
}

static void g_google(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, "const firebaseKey = \"AIza");
	add_rand(sb, B64URL, 35);
	strbuf_addstr(sb, "\";\n");
	(void)v;
}

static void g_sendgrid(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, "SENDGRID_API_KEY=SG.");
	add_rand(sb, B64URL, 22);
	strbuf_addch(sb, '.');
	add_rand(sb, B64URL, 43);
	strbuf_addch(sb, '\n');
	(void)v;
}

static void g_gitlab(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, "GITLAB_TOKEN: glpat-");
	add_rand(sb, B64URL, 20);
	strbuf_addch(sb, '\n');
	(void)v;
}

static void g_basic(struct strbuf *sb, unsigned v)
{
	struct strbuf up = STRBUF_INIT;

	strbuf_addstr(&up, "deploy:");
	add_password(&up);
	strbuf_addstr(sb, v & 1 ? "curl -H 'Authorization: Basic " :
		      "Authorization: Basic ");
	add_b64_of(sb, up.buf);
	strbuf_addstr(sb, v & 1 ? "' https://api.internal/\n" : "\n");
	strbuf_release(&up);
}

static void g_adonet(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, v & 1 ?
		      "\"ConnectionString\": \"Server=db01;Database=app;User Id=sa;Password=" :
		      "jdbc:sqlserver://db01:1433;databaseName=app;user=sa;password=");
	add_password(sb);
	strbuf_addstr(sb, v & 1 ? ";\"\n" : ";\n");
}

static void g_sql(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, v & 1 ? "CREATE USER app WITH PASSWORD '" :
		      "ALTER USER 'app'@'%' IDENTIFIED BY '");
	add_password(sb);
	strbuf_addstr(sb, "';\n");
}

static void g_anthropic(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, "ANTHROPIC_API_KEY=sk-ant-api03-");
	add_rand(sb, B64URL, 93);
	strbuf_addstr(sb, "AA\n");
	(void)v;
}

static void g_openai(struct strbuf *sb, unsigned v)
{
	strbuf_addstr(sb, "openai.api_key = \"sk-");
	add_rand(sb, B62, 20);
	strbuf_addstr(sb, "T3BlbkFJ");
	add_rand(sb, B62, 20);
	strbuf_addstr(sb, "\"\n");
	(void)v;
}

/* ---- negatives */

static void n_placeholder(struct strbuf *sb, unsigned v)
{
	static const char *const lines[] = {
		"aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
		"password: changeme\n",
		"token: ${GITHUB_TOKEN}\n",
		"api_key = \"<your-api-key>\"\n",
		"password = \"{{ .Values.db.password }}\"\n",
		"DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n",
		"token = \"xxxxxxxxxxxxxxxxxxxxxxxx\"\n",
		"client_secret: your-client-secret-here\n",
		"SECRET_KEY = os.environ[\"SECRET_KEY\"]\n",
		"api_key: !vault secret/data/app#api_key\n",
		"password: \"$(cat /run/secrets/db)\"\n",
		"GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n",
		"auth_token = \"********\"\n",
		"password=<PASSWORD>\n",
	};

	strbuf_addstr(sb, lines[v % ARRAY_SIZE(lines)]);
}

static void n_badcrc(struct strbuf *sb, unsigned v)
{
	/* Right shape, wrong checksum: a made-up or mistyped token. */
	strbuf_addstr(sb, v & 1 ? "token: ghp_" : "//registry/:_authToken=npm_");
	add_rand(sb, B62, 36);
	strbuf_addch(sb, '\n');
}

static void n_identifiers(struct strbuf *sb, unsigned v)
{
	switch (v % 10) {
	case 0:
		strbuf_addstr(sb, "STRIPE_PUBLISHABLE_KEY=pk_live_");
		add_rand(sb, B62, 24);
		break;
	case 1:
		strbuf_addstr(sb, "TWILIO_ACCOUNT_SID=AC");
		add_rand(sb, HEX, 32);
		break;
	case 2:
		strbuf_addstr(sb, "client_id = \"");
		add_rand(sb, HEX, 8);
		strbuf_addch(sb, '-');
		add_rand(sb, HEX, 4);
		strbuf_addstr(sb, "-4");
		add_rand(sb, HEX, 3);
		strbuf_addstr(sb, "-a");
		add_rand(sb, HEX, 3);
		strbuf_addch(sb, '-');
		add_rand(sb, HEX, 12);
		strbuf_addch(sb, '"');
		break;
	case 3:
		strbuf_addstr(sb, "      \"integrity\": \"sha512-");
		add_rand(sb, B64, 86);
		strbuf_addstr(sb, "==\",");
		break;
	case 4:
		strbuf_addstr(sb, "    image: registry.example.org/app@sha256:");
		add_rand(sb, HEX, 64);
		break;
	case 5:
		strbuf_addstr(sb, "SRCREV_app = \"");
		add_rand(sb, HEX, 40);
		strbuf_addch(sb, '"');
		break;
	case 6:
		strbuf_addstr(sb, "tokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")");
		break;
	case 7:
		strbuf_addstr(sb, "password_field = form.password.data");
		break;
	case 8:
		strbuf_addstr(sb, "const apiKey = process.env.API_KEY;");
		break;
	case 9:
		strbuf_addstr(sb, "  secret_name: db-password-prod");
		break;
	}
	strbuf_addch(sb, '\n');
}

static const struct kind kinds[] = {
	{ "aws-access-key", true, true, g_aws },
	{ "github-token", true, true, g_github },
	{ "npm-token", true, true, g_npm },
	{ "private-key", true, true, g_pem },
	{ "url-password", true, true, g_url },
	{ "generic-assignment", true, true, g_generic },
	{ "password-punctuation", true, false, g_password_punct },
	{ "jwt", true, false, g_jwt },
	{ "slack-bot-token", true, false, g_slack },
	{ "stripe-secret", true, false, g_stripe },
	{ "google-api-key", true, false, g_google },
	{ "sendgrid", true, false, g_sendgrid },
	{ "gitlab-pat", true, false, g_gitlab },
	{ "basic-auth-header", true, false, g_basic },
	{ "connection-string", true, false, g_adonet },
	{ "sql-password", true, false, g_sql },
	{ "anthropic", true, false, g_anthropic },
	{ "openai", true, false, g_openai },
	{ "placeholders", false, true, n_placeholder },
	{ "bad-checksum", false, true, n_badcrc },
	{ "not-secret-identifiers", false, true, n_identifiers },
};

#define PER_KIND 40

struct score {
	size_t tp, fn, fp, tn;
};

static bool finds(struct secrets_engine *eng, const char *text, size_t len)
{
	struct secrets_scanner sc;
	bool hit;

	stu_scan(&sc, eng, "config/app.env", text, len);
	hit = sc.hits_nr > 0;
	secrets_scanner_release(&sc);
	return hit;
}

static void score_pack(struct secrets_engine *eng, bool core_only,
		       const char *label)
{
	struct score all = { 0 };
	size_t k, i;
	char *shared = NULL;
	const char *dir = getenv("GATE_SHARED_DIR");
	double precision, recall;

	seed = 0x2545f4914f6cdd1dULL;
	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		struct score s = { 0 };

		if (core_only && !kinds[k].core)
			continue;
		for (i = 0; i < PER_KIND; i++) {
			struct strbuf sb = STRBUF_INIT;
			bool hit;

			kinds[k].gen(&sb, (unsigned)i);
			hit = finds(eng, sb.buf, sb.len);
			if (kinds[k].positive)
				hit ? s.tp++ : s.fn++;
			else
				hit ? s.fp++ : s.tn++;
			strbuf_release(&sb);
		}
		printf("# %s %-24s tp %zu fn %zu fp %zu tn %zu\n", label,
		       kinds[k].name, s.tp, s.fn, s.fp, s.tn);
		all.tp += s.tp;
		all.fn += s.fn;
		all.fp += s.fp;
		all.tn += s.tn;
	}
	if (dir)
		shared = xstrfmt("%s/conformance/secrets-generic-false-positives.txt",
				 dir);
	if (shared && !access(shared, R_OK)) {
		struct strbuf sb = STRBUF_INIT;
		struct score s = { 0 };
		char *line, *save = NULL;

		strbuf_read_file(&sb, shared, 1 << 20);
		for (line = strtok_r(sb.buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			if (line[0] == '#' || !line[0])
				continue;
			finds(eng, line, strlen(line)) ? s.fp++ : s.tn++;
		}
		printf("# %s %-24s fp %zu tn %zu\n", label,
		       "shared-hard-negatives", s.fp, s.tn);
		all.fp += s.fp;
		all.tn += s.tn;
		strbuf_release(&sb);
	} else {
		tap_skip("shared hard negatives: GATE_SHARED_DIR not available");
	}
	free(shared);
	precision = all.tp + all.fp ? (double)all.tp / (all.tp + all.fp) : 1;
	recall = all.tp + all.fn ? (double)all.tp / (all.tp + all.fn) : 1;
	printf("# %s precision %.3f recall %.3f F1 %.3f (tp %zu fp %zu fn %zu)\n",
	       label, precision, recall,
	       precision + recall ? 2 * precision * recall / (precision + recall) : 0,
	       all.tp, all.fp, all.fn);
	ok(precision >= 0.97, "%s: precision %.3f >= 0.97", label, precision);
	ok(recall >= 0.97, "%s: recall %.3f >= 0.97", label, recall);
}

/* Scan with the anchor-word rules anchored or not; hits as text. */
static void scan_as(struct secrets_engine *eng, const char *path,
		    const char *text, size_t len, bool no_anchor,
		    struct strbuf *out, size_t *anchored)
{
	struct secrets_scanner sc;
	size_t i;

	secrets_scanner_init(&sc, eng);
	sc.no_anchor = no_anchor;
	if (secrets_scan_begin(&sc, path, text, len)) {
		secrets_scan_span(&sc, 0, len, 1);
		secrets_scan_end(&sc);
	}
	for (i = 0; i < sc.hits_nr; i++) {
		strbuf_addf(out, "%s@%zu+%zu:%zu+%zu;", sc.hits[i].rule->id,
			    sc.hits[i].secret_off, sc.hits[i].secret_len,
			    sc.hits[i].match_off, sc.hits[i].match_len);
		if (sc.hits[i].rule->anchor_word)
			(*anchored)++;
	}
	strbuf_addf(out, "limit %zu", sc.limit_hits);
	secrets_scanner_release(&sc);
}

static void same_anchored(struct secrets_engine *eng, const char *text,
			  size_t len, size_t *texts, size_t *differ,
			  size_t *anchored)
{
	static const char *const paths[] = { "config/app.env", "src/app.c" };
	size_t p;

	for (p = 0; p < ARRAY_SIZE(paths); p++) {
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		size_t ignored = 0;

		scan_as(eng, paths[p], text, len, false, &a, anchored);
		scan_as(eng, paths[p], text, len, true, &b, &ignored);
		(*texts)++;
		if (strcmp(a.buf, b.buf)) {
			if (++*differ <= 3)
				printf("# anchored %s\n# unanchored %s\n",
				       a.buf, b.buf);
		}
		strbuf_release(&a);
		strbuf_release(&b);
	}
}

/*
 * Anchoring the generic rules at the words holding their keywords must
 * find exactly what scanning every byte of the window finds: on the
 * corpus, on every rule example, and on lines made to catch the edge
 * cases (keywords inside longer words, several per word, non-ASCII
 * before them, minified lines longer than a window, runs at a window's
 * clamped start).
 */
static void check_anchoring(struct secrets_engine *eng)
{
	static const char *const edge[] = {
		"api_token_key = \"kGitqr9rj3h2OAZHXQahFV0JZIhDQeY7\"",
		"\xc3\xa4token = \"kGitqr9rj3h2OAZHXQahFV0JZIhDQeY7\"",
		"x.y-z.secret_token: \"yB1-zJY22Ze-siDRcmfDrFwyDPx_ICeBGB\"",
		"mytokenizer_token=\"FZH6kTECUQ5dFyBTazNOanLobkRqWL3U\" "
		"token=\"FZH6kTECUQ5dFyBTazNOanLobkRqWL3V\"",
		"SMTPPass: \"h5fQzOE6UZyf3\", db_passwd='Tr0ub4dor&3rx7B'",
		"a_very_long_prefix_of_more_than_forty_bytes_before_the_"
		"password = \"Tr0ub4dor&3rx7B\"",
		"PASSWORD=XiW!kfpd+1dEkc7Q\nsecret_key=KbDnNJUl!-L-6wPekwOB7O\n",
		"token token token = \"kGitqr9rj3h2OAZHXQahFV0JZIhDQeY7\"",
	};
	size_t texts = 0, differ = 0, anchored = 0, i, j, k;
	struct strbuf sb = STRBUF_INIT;

	seed = 0x9e3779b97f4a7c15ULL;
	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		for (i = 0; i < PER_KIND; i++) {
			strbuf_reset(&sb);
			kinds[k].gen(&sb, (unsigned)i);
			same_anchored(eng, sb.buf, sb.len, &texts, &differ,
				      &anchored);
		}
	}
	for (i = 0; i < eng->rules.nr; i++) {
		const struct secrets_rule *r = eng->rules.rules[i];

		for (j = 0; j < r->match_nr + r->nomatch_nr; j++) {
			const char *ex = j < r->match_nr ? r->match_examples[j] :
				r->nomatch_examples[j - r->match_nr];

			same_anchored(eng, ex, strlen(ex), &texts, &differ,
				      &anchored);
		}
	}
	for (i = 0; i < ARRAY_SIZE(edge); i++)
		same_anchored(eng, edge[i], strlen(edge[i]), &texts, &differ,
			      &anchored);
	/* A minified line: windows clamp to 4 KiB around each hit. */
	strbuf_reset(&sb);
	for (i = 0; sb.len < 3 * SECRETS_WINDOW_HALF; i++) {
		strbuf_addf(&sb, "{\"k%zu\":\"v\",\"auth_token\":\"", i);
		add_rand(&sb, B62, 20 + i % 13);
		strbuf_addstr(&sb, "\",\"xx_password\":\"");
		add_password(&sb);
		strbuf_addstr(&sb, "\"},");
	}
	same_anchored(eng, sb.buf, sb.len, &texts, &differ, &anchored);
	strbuf_release(&sb);
	is_int(differ, 0, "anchored generic rules find what unanchored ones "
	       "do (%zu texts)", texts);
	ok(anchored > 100, "anchored rules found something (%zu findings)",
	   anchored);
}

int main(void)
{
	const char *srcdir = getenv("TEST_SRCDIR");
	const char *rules = getenv("GATE_RULES_DIR");
	struct secrets_engine eng;
	char *path;

	path = xstrfmt("%s/data/secrets/rules-small.yml",
		       srcdir ? srcdir : "tests");
	if (ok(!stu_load(&eng, path), "load the small test pack")) {
		score_pack(&eng, true, "small-pack");
		secrets_engine_release(&eng);
	}
	free(path);
	path = rules ? xstrfmt("%s/secrets.yml", rules) : NULL;
	if (path && !access(path, R_OK)) {
		if (ok(!stu_load(&eng, path), "load the shipped pack")) {
			score_pack(&eng, false, "shipped-pack");
			check_anchoring(&eng);
			secrets_engine_release(&eng);
		}
	} else {
		tap_skip("the shipped pack secrets.yml is not there yet");
	}
	free(path);
	return tap_done();
}
