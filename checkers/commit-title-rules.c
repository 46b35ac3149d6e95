/*
 * Rules of the commit-title checker.  In `commitlint` mode each rule
 * reproduces the @commitlint/rules function config-conventional enables,
 * on the parse commitlint makes (cc-parse.c), so users who migrate see
 * the same verdicts under the same names; gate's own extensions (acronyms
 * and proper nouns in subject-case, bot-written bodies) never change a
 * verdict of commitlint's own test suite.  In `spec` mode only what the
 * specification requires is checked.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "commit-title-rules.h"

#include <ctype.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* NULL-terminated: it is also the list of keys `rules:` accepts. */
static const char *const rule_names[CT_RULE_NR + 1] = {
	[CT_TYPE_ENUM] = "type-enum",
	[CT_TYPE_CASE] = "type-case",
	[CT_TYPE_EMPTY] = "type-empty",
	[CT_SCOPE_ENUM] = "scope-enum",
	[CT_SCOPE_REQUIRED] = "scope-required",
	[CT_SCOPE_DISALLOWED] = "scope-disallowed",
	[CT_SCOPE_CASE] = "scope-case",
	[CT_SUBJECT_EMPTY] = "subject-empty",
	[CT_SUBJECT_CASE] = "subject-case",
	[CT_SUBJECT_FULL_STOP] = "subject-full-stop",
	[CT_SUBJECT_PATTERN] = "subject-pattern",
	[CT_HEADER_FORMAT] = "header-format",
	[CT_HEADER_MAX_LENGTH] = "header-max-length",
	[CT_HEADER_TRIM] = "header-trim",
	[CT_BODY_LEADING_BLANK] = "body-leading-blank",
	[CT_FOOTER_LEADING_BLANK] = "footer-leading-blank",
	[CT_BODY_MAX_LINE_LENGTH] = "body-max-line-length",
	[CT_FOOTER_MAX_LINE_LENGTH] = "footer-max-line-length",
	[CT_BREAKING_CHANGE] = "breaking-change",
	[CT_RULE_NR] = NULL,
};

static const char *const case_names[CT_CASE_NR] = {
	[CT_CASE_LOWER] = "lower-case",
	[CT_CASE_UPPER] = "upper-case",
	[CT_CASE_CAMEL] = "camel-case",
	[CT_CASE_KEBAB] = "kebab-case",
	[CT_CASE_PASCAL] = "pascal-case",
	[CT_CASE_SENTENCE] = "sentence-case",
	[CT_CASE_SNAKE] = "snake-case",
	[CT_CASE_START] = "start-case",
};

static const char *const default_types[] = {
	"build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor",
	"revert", "style", "test",
};

/*
 * Words that start a subject with a capital because they are names, not
 * sentence case.  Short on purpose: each one is a word commitlint would
 * reject; projects add their own with `proper-nouns`.
 */
static const char *const default_proper_nouns[] = {
	"GitHub", "GitLab", "JavaScript", "TypeScript", "Node.js",
	"PostgreSQL", "MySQL", "SQLite", "OpenSSL", "WebAssembly",
	"Dependabot", "Renovate", "Docker", "Kubernetes", "Linux",
	"Windows", "Python", "Conventional Commits",
};

const char *ct_rule_name(enum ct_rule r)
{
	if ((unsigned)r >= CT_RULE_NR)
		GATE_BUG("bad commit-title rule %d", (int)r);
	return rule_names[r];
}

static inline bool ascii(int c)
{
	return c >= 0 && c < 0x80;
}

/* ------------------------------------------------------------ config */

static void list_release(struct ct_list *l)
{
	size_t i;

	for (i = 0; i < l->lit_nr; i++)
		free(l->lit[i]);
	for (i = 0; i < l->re_nr; i++) {
		pcre2_code_free(l->re[i]);
		free(l->re_src[i]);
	}
	free(l->lit);
	free(l->re);
	free(l->re_src);
	memset(l, 0, sizeof(*l));
}

static void *compile_regex(const char *src, size_t len, bool anchored,
			   const struct ynode *where, struct strbuf *err)
{
	struct strbuf pat = STRBUF_INIT;
	pcre2_code *re;
	int code;
	PCRE2_SIZE off;

	if (anchored)
		strbuf_addstr(&pat, "^(?:");
	strbuf_add(&pat, src, len);
	if (anchored)
		strbuf_addstr(&pat, ")$");
	re = pcre2_compile((PCRE2_SPTR)pat.buf, pat.len, PCRE2_UTF, &code,
			   &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		ynode_error(err, where, "cannot compile '%.*s': %s", (int)len,
			    src, (char *)msg);
		strbuf_release(&pat);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	strbuf_release(&pat);
	return re;
}

static void list_add_literal(struct ct_list *l, const char *s)
{
	l->lit = xrealloc(l->lit, (l->lit_nr + 1) * sizeof(*l->lit));
	l->lit[l->lit_nr++] = xstrdup(s);
}

/* Entries written `/.../` are regular expressions matched whole. */
static int list_add(struct ct_list *l, const char *s,
		    const struct ynode *where, struct strbuf *err)
{
	size_t n = strlen(s);
	void *re;

	if (n < 3 || s[0] != '/' || s[n - 1] != '/') {
		list_add_literal(l, s);
		return 0;
	}
	re = compile_regex(s + 1, n - 2, true, where, err);
	if (!re)
		return -1;
	l->re = xrealloc(l->re, (l->re_nr + 1) * sizeof(*l->re));
	l->re_src = xrealloc(l->re_src, (l->re_nr + 1) * sizeof(*l->re_src));
	l->re[l->re_nr] = re;
	l->re_src[l->re_nr++] = xstrdup(s);
	return 0;
}

static bool regex_match(void *re, const char *s, size_t len)
{
	pcre2_match_data *md;
	int rc;

	md = pcre2_match_data_create_from_pattern(re, NULL);
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

static bool list_match(const struct ct_list *l, const char *s, size_t len,
		       bool icase)
{
	size_t i;

	for (i = 0; i < l->lit_nr; i++) {
		if (strlen(l->lit[i]) != len)
			continue;
		if (icase ? !strncasecmp(l->lit[i], s, len)
			  : !memcmp(l->lit[i], s, len))
			return true;
	}
	for (i = 0; i < l->re_nr; i++)
		if (regex_match(l->re[i], s, len))
			return true;
	return false;
}

static void list_describe(struct strbuf *sb, const struct ct_list *l)
{
	size_t i;

	for (i = 0; i < l->lit_nr; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", l->lit[i]);
	for (i = 0; i < l->re_nr; i++)
		strbuf_addf(sb, "%s%s", i || l->lit_nr ? ", " : "",
			    l->re_src[i]);
}

void ct_config_defaults(struct ct_config *cfg, enum cc_flavour mode)
{
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->mode = mode;
	cfg->cap = GATE_SEVERITY_ERROR;
	for (i = 0; i < ARRAY_SIZE(default_types); i++)
		list_add_literal(&cfg->types, default_types[i]);
	cfg->type_case = CT_CASE_LOWER;
	cfg->scope_case = CT_CASE_LOWER;
	cfg->subject_forbid = 1u << CT_CASE_SENTENCE | 1u << CT_CASE_START |
			      1u << CT_CASE_PASCAL | 1u << CT_CASE_UPPER;
	cfg->acronyms = true;
	cfg->proper_nouns = xcalloc(ARRAY_SIZE(default_proper_nouns),
				    sizeof(char *));
	for (i = 0; i < ARRAY_SIZE(default_proper_nouns); i++)
		cfg->proper_nouns[i] = xstrdup(default_proper_nouns[i]);
	cfg->proper_nouns_nr = ARRAY_SIZE(default_proper_nouns);
	strcpy(cfg->full_stop, ".");
	cfg->header_max = cfg->body_max = cfg->footer_max = 100;
	cfg->bots = true;
	cfg->default_ignores = true;
	cfg->wip = true;
	cfg->max_bytes = 1 << 20;

	if (mode == CC_COMMITLINT) {
		/* @commitlint/config-conventional, rule for rule. */
		cfg->sev[CT_BODY_LEADING_BLANK] = GATE_SEVERITY_WARNING;
		cfg->sev[CT_BODY_MAX_LINE_LENGTH] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_FOOTER_LEADING_BLANK] = GATE_SEVERITY_WARNING;
		cfg->sev[CT_FOOTER_MAX_LINE_LENGTH] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_HEADER_MAX_LENGTH] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_HEADER_TRIM] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_SUBJECT_CASE] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_SUBJECT_EMPTY] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_SUBJECT_FULL_STOP] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_TYPE_CASE] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_TYPE_EMPTY] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_TYPE_ENUM] = GATE_SEVERITY_ERROR;
	} else {
		/* What Conventional Commits 1.0.0 says MUST. */
		cfg->sev[CT_TYPE_EMPTY] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_SUBJECT_EMPTY] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_HEADER_FORMAT] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_HEADER_TRIM] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_BODY_LEADING_BLANK] = GATE_SEVERITY_ERROR;
		cfg->sev[CT_BREAKING_CHANGE] = GATE_SEVERITY_WARNING;
	}
}

void ct_config_release(struct ct_config *cfg)
{
	size_t i;

	list_release(&cfg->types);
	list_release(&cfg->scopes);
	for (i = 0; i < cfg->proper_nouns_nr; i++)
		free(cfg->proper_nouns[i]);
	free(cfg->proper_nouns);
	if (cfg->subject_pattern)
		pcre2_code_free(cfg->subject_pattern);
	free(cfg->subject_pattern_src);
	free(cfg->subject_pattern_message);
	for (i = 0; i < cfg->ignores_nr; i++)
		pcre2_code_free(cfg->ignores[i]);
	free(cfg->ignores);
	memset(cfg, 0, sizeof(*cfg));
}

static int parse_case(const struct ynode *n, enum ct_case *out,
		      struct strbuf *err)
{
	size_t i;

	if (n->kind == YNODE_SCALAR)
		for (i = 0; i < CT_CASE_NR; i++)
			if (!strcmp(n->value, case_names[i])) {
				*out = (enum ct_case)i;
				return 0;
			}
	ynode_error(err, n, "unknown case '%s': use lower-case, upper-case, "
		    "camel-case, kebab-case, pascal-case, sentence-case, "
		    "snake-case or start-case",
		    n->kind == YNODE_SCALAR ? n->value : "");
	return -1;
}

static int load_list(struct ct_list *l, const struct ynode *n,
		     struct strbuf *err)
{
	size_t i;

	list_release(l);
	if (n->kind == YNODE_SCALAR)
		return list_add(l, n->value, n, err);
	if (n->kind != YNODE_SEQ) {
		ynode_error(err, n, "expected a list of values");
		return -1;
	}
	for (i = 0; i < n->nr; i++) {
		if (n->items[i]->kind != YNODE_SCALAR) {
			ynode_error(err, n->items[i], "expected a string");
			return -1;
		}
		if (list_add(l, n->items[i]->value, n->items[i], err) < 0)
			return -1;
	}
	return 0;
}

static int load_rule(struct ct_config *cfg, enum ct_rule r,
		     const struct ynode *key, const struct ynode *v,
		     struct strbuf *err)
{
	static const char *const sev_only[] = { "severity", NULL };
	static const char *const enum_keys[] = { "severity", "values", NULL };
	static const char *const case_keys[] = { "severity", "case", NULL };
	static const char *const subj_case_keys[] = {
		"severity", "forbid", "acronyms", "proper-nouns", NULL };
	static const char *const stop_keys[] = { "severity", "char", NULL };
	static const char *const pattern_keys[] = {
		"severity", "pattern", "message", NULL };
	static const char *const max_keys[] = { "severity", "max", NULL };
	static const char *const line_keys[] = {
		"severity", "max", "bots", NULL };
	static const char *const breaking_keys[] = {
		"severity", "require-bang", NULL };
	const char *const *keys = sev_only;
	const char *s;
	const struct ynode *n;
	long long ll;

	if (v->kind == YNODE_SCALAR) {
		if (gate_severity_parse(v->value, &cfg->sev[r]) < 0) {
			ynode_error(err, v, "'%s' must be one of error, "
				    "warning, note, off", key->value);
			return -1;
		}
		return 0;
	}
	if (v->kind == YNODE_SEQ &&
	    (r == CT_TYPE_ENUM || r == CT_SCOPE_ENUM)) {
		if (cfg->sev[r] == GATE_SEVERITY_OFF)
			cfg->sev[r] = GATE_SEVERITY_ERROR;
		return load_list(r == CT_TYPE_ENUM ? &cfg->types
						   : &cfg->scopes, v, err);
	}
	switch (r) {
	case CT_TYPE_ENUM: case CT_SCOPE_ENUM: keys = enum_keys; break;
	case CT_TYPE_CASE: case CT_SCOPE_CASE: keys = case_keys; break;
	case CT_SUBJECT_CASE: keys = subj_case_keys; break;
	case CT_SUBJECT_FULL_STOP: keys = stop_keys; break;
	case CT_SUBJECT_PATTERN: keys = pattern_keys; break;
	case CT_HEADER_MAX_LENGTH: keys = max_keys; break;
	case CT_BODY_MAX_LINE_LENGTH: case CT_FOOTER_MAX_LINE_LENGTH:
		keys = line_keys; break;
	case CT_BREAKING_CHANGE: keys = breaking_keys; break;
	default: break;
	}
	if (ynode_check_keys(v, keys, NULL, key->value, err) < 0)
		return -1;
	/* Configuring a rule that is off by default turns it on. */
	if (cfg->sev[r] == GATE_SEVERITY_OFF)
		cfg->sev[r] = GATE_SEVERITY_ERROR;
	if (ynode_get_string(v, "severity", &s, err) < 0)
		return -1;
	if (ynode_get(v, "severity") &&
	    gate_severity_parse(s, &cfg->sev[r]) < 0) {
		ynode_error(err, ynode_get(v, "severity"),
			    "'severity' must be one of error, warning, note, "
			    "off");
		return -1;
	}
	if ((n = ynode_get(v, "values")) &&
	    load_list(r == CT_TYPE_ENUM ? &cfg->types : &cfg->scopes, n,
		      err) < 0)
		return -1;
	if ((n = ynode_get(v, "case")) &&
	    parse_case(n, r == CT_TYPE_CASE ? &cfg->type_case
					    : &cfg->scope_case, err) < 0)
		return -1;
	if ((n = ynode_get(v, "forbid"))) {
		enum ct_case c;
		size_t i;

		cfg->subject_forbid = 0;
		if (n->kind == YNODE_SCALAR) {
			if (parse_case(n, &c, err) < 0)
				return -1;
			cfg->subject_forbid |= 1u << c;
		}
		for (i = 0; n->kind == YNODE_SEQ && i < n->nr; i++) {
			if (parse_case(n->items[i], &c, err) < 0)
				return -1;
			cfg->subject_forbid |= 1u << c;
		}
	}
	if (ynode_get_bool(v, "acronyms", &cfg->acronyms, err) < 0 ||
	    ynode_get_bool(v, "bots", &cfg->bots, err) < 0 ||
	    ynode_get_bool(v, "require-bang", &cfg->require_bang, err) < 0)
		return -1;
	if (ynode_get(v, "proper-nouns")) {
		const char **list;
		size_t nr, i;

		if (ynode_get_strings(v, "proper-nouns", &list, &nr, err) < 0)
			return -1;
		for (i = 0; i < cfg->proper_nouns_nr; i++)
			free(cfg->proper_nouns[i]);
		free(cfg->proper_nouns);
		cfg->proper_nouns = xcalloc(nr + 1, sizeof(char *));
		for (i = 0; i < nr; i++)
			cfg->proper_nouns[i] = xstrdup(list[i]);
		cfg->proper_nouns_nr = nr;
		free(list);
	}
	if (ynode_get_string(v, "char", &s, err) < 0)
		return -1;
	if (ynode_get(v, "char")) {
		if (!*s || strlen(s) >= sizeof(cfg->full_stop)) {
			ynode_error(err, ynode_get(v, "char"),
				    "'char' must be one short string");
			return -1;
		}
		strcpy(cfg->full_stop, s);
	}
	if (ynode_get_int(v, "max", 1, 100000, &ll, err) < 0)
		return -1;
	if (ynode_get(v, "max")) {
		if (r == CT_HEADER_MAX_LENGTH)
			cfg->header_max = ll;
		else if (r == CT_BODY_MAX_LINE_LENGTH)
			cfg->body_max = ll;
		else
			cfg->footer_max = ll;
	}
	if (r == CT_SUBJECT_PATTERN) {
		const char *msg = NULL;

		if (ynode_get_string(v, "pattern", &s, err) < 0 ||
		    ynode_get_string(v, "message", &msg, err) < 0)
			return -1;
		if (!ynode_get(v, "pattern")) {
			ynode_error(err, v, "subject-pattern needs 'pattern'");
			return -1;
		}
		cfg->subject_pattern = compile_regex(s, strlen(s), true,
						     ynode_get(v, "pattern"),
						     err);
		if (!cfg->subject_pattern)
			return -1;
		cfg->subject_pattern_src = xstrdup(s);
		cfg->subject_pattern_message = msg ? xstrdup(msg) : NULL;
	}
	return 0;
}

int ct_config_load(struct ct_config *cfg, const struct ynode *node,
		   enum gate_severity cap, struct strbuf *err)
{
	static const char *const keys[] = {
		"mode", "rules", "default-ignores", "ignores", "wip",
		"max-bytes", NULL };
	const struct ynode *rules, *n;
	const char *mode = "commitlint";
	long long ll;
	size_t i, r;

	if (node && ynode_check_keys(node, keys, gate_common_checker_keys,
				     "commit-title", err) < 0)
		return -1;
	if (node && ynode_get_string(node, "mode", &mode, err) < 0)
		return -1;
	if (strcmp(mode, "commitlint") && strcmp(mode, "spec")) {
		ynode_error(err, ynode_get(node, "mode"),
			    "'mode' must be commitlint or spec");
		return -1;
	}
	ct_config_defaults(cfg, strcmp(mode, "spec") ? CC_COMMITLINT
						     : CC_SPEC);
	cfg->cap = cap;
	if (!node)
		return 0;
	if (ynode_get_bool(node, "default-ignores", &cfg->default_ignores,
			   err) < 0 ||
	    ynode_get_bool(node, "wip", &cfg->wip, err) < 0 ||
	    ynode_get_int(node, "max-bytes", 1024, 1LL << 30, &ll, err) < 0)
		return -1;
	if (ynode_get(node, "max-bytes"))
		cfg->max_bytes = ll;
	if ((n = ynode_get(node, "ignores"))) {
		const char **list;
		size_t nr;

		if (ynode_get_strings(node, "ignores", &list, &nr, err) < 0)
			return -1;
		cfg->ignores = xcalloc(nr + 1, sizeof(void *));
		for (i = 0; i < nr; i++) {
			cfg->ignores[i] = compile_regex(list[i],
							strlen(list[i]),
							false, n, err);
			if (!cfg->ignores[i]) {
				free(list);
				return -1;
			}
			cfg->ignores_nr++;
		}
		free(list);
	}
	rules = ynode_get(node, "rules");
	if (!rules)
		return 0;
	if (ynode_check_keys(rules, rule_names, NULL, "rules", err) < 0)
		return -1;
	for (i = 0; i < rules->nr; i++)
		for (r = 0; r < CT_RULE_NR; r++)
			if (!strcmp(rules->keys[i]->value, rule_names[r]) &&
			    load_rule(cfg, (enum ct_rule)r, rules->keys[i],
				      rules->items[i], err) < 0)
				return -1;
	return 0;
}

/* ----------------------------------------------------------- ignores */

static bool digits_ok(const char *s, size_t n)
{
	/* node-semver refuses numbers above Number.MAX_SAFE_INTEGER */
	if (!n || (n > 1 && s[0] == '0') || n > 16)
		return false;
	return n < 16 || strncmp(s, "9007199254740991", 16) <= 0;
}

/* [A-Za-z0-9-]* */
static size_t ident_run(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && ascii((unsigned char)s[i]) &&
	       (isalnum((unsigned char)s[i]) || s[i] == '-'))
		i++;
	return i;
}

/* Prerelease identifier: 0|[1-9]\d* or \d*[a-zA-Z-][a-zA-Z0-9-]* */
static bool pre_ident(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return true;
	return digits_ok(s, n);
}

bool ct_semver_valid(const char *s, size_t len)
{
	size_t i = 0, k, part;

	if (len > 256)
		return false;
	while (len && cc_js_space(s, len)) {
		size_t n = cc_js_space(s, len);

		s += n;
		len -= n;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (i < len && s[i] == 'v')
		i++;
	for (part = 0; part < 3; part++) {
		for (k = i; k < len && isdigit((unsigned char)s[k]); k++)
			;
		if (!digits_ok(s + i, k - i))
			return false;
		i = k;
		if (part < 2) {
			if (i >= len || s[i] != '.')
				return false;
			i++;
		}
	}
	if (i < len && s[i] == '-') {
		do {
			i++;
			k = ident_run(s + i, len - i);
			if (!pre_ident(s + i, k))
				return false;
			i += k;
		} while (i < len && s[i] == '.');
	}
	if (i < len && s[i] == '+') {
		do {
			i++;
			k = ident_run(s + i, len - i);
			if (!k)
				return false;
			i += k;
		} while (i < len && s[i] == '.');
	}
	return i == len;
}

/* `\[(skip|ci)(-|\s)(ci|skip)\]`i with brackets given; removes the first. */
static void remove_skip_ci(struct strbuf *sb, char open, char close)
{
	size_t i, k, n;

	for (i = 0; i < sb->len; i++) {
		if (sb->buf[i] != open)
			continue;
		k = i + 1;
		if (!strncasecmp(sb->buf + k, "skip", 4))
			k += 4;
		else if (!strncasecmp(sb->buf + k, "ci", 2))
			k += 2;
		else
			continue;
		if (sb->buf[k] == '-')
			n = 1;
		else
			n = cc_js_space(sb->buf + k, sb->len - k);
		if (!n)
			continue;
		k += n;
		if (!strncasecmp(sb->buf + k, "ci", 2))
			k += 2;
		else if (!strncasecmp(sb->buf + k, "skip", 4))
			k += 4;
		else
			continue;
		if (sb->buf[k] != close)
			continue;
		memmove(sb->buf + i, sb->buf + k + 1, sb->len - k - 1);
		strbuf_setlen(sb, sb->len - (k + 1 - i));
		return;
	}
}

/* @commitlint/is-ignored's isSemver() on the first line. */
static bool is_version_bump(const char *text, size_t len)
{
	const char *eol = memchr(text, '\n', len);
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;
	bool ok;

	strbuf_add(&sb, text, eol ? (size_t)(eol - text) : len);
	if (starts_with(sb.buf, "chore")) {
		i = 5;
		if (sb.buf[i] == '(') {
			size_t k = i + 1;

			while (k < sb.len && sb.buf[k] != ')')
				k++;
			if (k < sb.len && k > i + 1)
				i = k + 1;
		}
		if (sb.buf[i] == ':') {
			memmove(sb.buf, sb.buf + i + 1, sb.len - i - 1);
			strbuf_setlen(&sb, sb.len - i - 1);
		}
	}
	remove_skip_ci(&sb, '[', ']');
	remove_skip_ci(&sb, '(', ')');
	ok = ct_semver_valid(sb.buf, sb.len);
	strbuf_release(&sb);
	return ok;
}

/* Length of the line run at s, up to a JavaScript line terminator. */
static size_t run_len(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		const unsigned char *u = (const unsigned char *)s + i;

		if (*u == '\n' || *u == '\r' ||
		    (i + 2 < len && u[0] == 0xe2 && u[1] == 0x80 &&
		     (u[2] == 0xa8 || u[2] == 0xa9)))
			break;
	}
	return i;
}

static bool find_from(const char *s, size_t len, size_t from,
		      const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = from; i + n <= len; i++)
		if (!memcmp(s + i, needle, n))
			return true;
	return false;
}

/* The multi-line merge patterns of is-ignored, tried at each line start. */
static bool merge_line(const char *s, size_t n)
{
	if (n >= 18 && !memcmp(s, "Merge pull request", 18))
		return true;
	if (n >= 13 && !memcmp(s, "Merge branch ", 13))
		return true;
	if (n >= 10 && !memcmp(s, "Merge tag ", 10))
		return true;
	return n >= 6 && !memcmp(s, "Merge ", 6) && find_from(s, n, 6, " into ");
}

/* starts_with() on a counted string. */
static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(s, prefix, n);
}

static const char *default_ignored(const char *text, size_t len)
{
	size_t i, first = run_len(text, len);

	for (i = 0; i <= len;) {
		size_t n = run_len(text + i, len - i);

		if (merge_line(text + i, n))
			return "merge";
		i += n;
		if (i >= len)
			break;
		i += ((unsigned char)text[i] == 0xe2) ? 3 : 1;
	}
	if (has_prefix(text, len, "Revert ") || has_prefix(text, len, "revert ") ||
	    has_prefix(text, len, "Reapply ") || has_prefix(text, len, "reapply "))
		return "revert";
	if (has_prefix(text, len, "amend!") || has_prefix(text, len, "fixup!") ||
	    has_prefix(text, len, "squash!"))
		return "autosquash";
	if (is_version_bump(text, len))
		return "version";
	if (first >= 7 && !memcmp(text, "Merged ", 7) &&
	    (find_from(text, first, 7, "in ") ||
	     find_from(text, first, 7, "into ") ||
	     (first >= 10 && !memcmp(text, "Merged PR ", 10) &&
	      find_from(text, first, 10, ": "))))
		return "merge";
	if (has_prefix(text, len, "Merge remote-tracking branch") ||
	    has_prefix(text, len, "Automatic merge"))
		return "merge";
	if (first >= 12 && !memcmp(text, "Auto-merged ", 12) &&
	    find_from(text, first, 12, " into "))
		return "merge";
	return NULL;
}

const char *ct_ignored(const struct ct_config *cfg, const char *text,
		       size_t len)
{
	const char *why = NULL;
	size_t i;

	if (cfg->default_ignores && (why = default_ignored(text, len)))
		return why;
	for (i = 0; i < cfg->ignores_nr; i++)
		if (regex_match(cfg->ignores[i], text, len))
			return "ignores";
	return NULL;
}

/* -------------------------------------------------------------- case */

/*
 * Upper/lower case of the code point at s, for the scripts whose case
 * matters in commit subjects (Latin, Greek, Cyrillic).  Returns 1 for
 * upper, -1 for lower, 0 for caseless or unknown.
 */
static int letter_case(const char *s, size_t len, size_t *adv)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;

	*adv = 1;
	if (!len)
		return 0;
	if (u[0] < 0x80)
		return isupper(u[0]) ? 1 : islower(u[0]) ? -1 : 0;
	if ((u[0] & 0xe0) == 0xc0 && len >= 2) {
		*adv = 2;
		cp = (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu);
		if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
			return 1;
		if (cp >= 0xdf && cp <= 0xff && cp != 0xf7)
			return -1;
		if (cp >= 0x100 && cp <= 0x17f)
			return (cp & 1) ? -1 : 1;
		if (cp >= 0x391 && cp <= 0x3a9)
			return 1;
		if (cp >= 0x3b1 && cp <= 0x3c9)
			return -1;
		if (cp >= 0x400 && cp <= 0x42f)
			return 1;
		if (cp >= 0x430 && cp <= 0x45f)
			return -1;
		return 0;
	}
	if ((u[0] & 0xf0) == 0xe0)
		*adv = 3;
	else if ((u[0] & 0xf8) == 0xf0)
		*adv = 4;
	if (*adv > len)
		*adv = len;
	return 0;
}

/* ensureCase()'s input: quoted parts removed, then trimmed. */
static void case_input(struct strbuf *sb, const char *s, size_t len)
{
	size_t i, k, n;

	strbuf_reset(sb);
	for (i = 0; i < len; i++) {
		if (s[i] == '`' || s[i] == '"' || s[i] == '\'') {
			for (k = i + 1; k < len && s[k] != s[i] &&
			     s[k] != '\n' && s[k] != '\r'; k++)
				;
			if (k < len && s[k] == s[i]) {
				i = k;
				continue;
			}
		}
		strbuf_addch(sb, s[i]);
	}
	i = 0;
	while (i < sb->len && (n = cc_js_space(sb->buf + i, sb->len - i)))
		i += n;
	if (i) {
		memmove(sb->buf, sb->buf + i, sb->len - i);
		strbuf_setlen(sb, sb->len - i);
	}
	while (sb->len && isspace((unsigned char)sb->buf[sb->len - 1]))
		strbuf_setlen(sb, sb->len - 1);
}

static bool all_case(const char *s, size_t len, int forbidden)
{
	size_t i, adv;

	for (i = 0; i < len; i += adv)
		if (letter_case(s + i, len - i, &adv) == forbidden)
			return false;
	return true;
}

/* [first][rest]*(sep[first][rest]*)* on ASCII */
static bool word_shape(const char *s, size_t len, char sep, bool upper_first,
		       bool camel)
{
	size_t i;

	if (!len)
		return true;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool start = !i || (sep && s[i - 1] == sep);

		if (sep && c == (unsigned char)sep) {
			if (!i || i + 1 == len || s[i - 1] == sep)
				return false;
			continue;
		}
		if (!ascii(c) || !(isalnum(c)))
			return false;
		if (start && !i && upper_first && islower(c))
			return false;
		if (start && !i && !upper_first && isupper(c))
			return false;
		if (!start && !camel && isupper(c))
			return false;
		if (start && i && sep == ' ' && islower(c))
			return false;
	}
	return true;
}

/* ensureCase(raw, target) of @commitlint/ensure. */
static bool ensure_case(const char *raw, size_t raw_len, enum ct_case c)
{
	struct strbuf sb = STRBUF_INIT;
	size_t adv;
	bool ok;

	case_input(&sb, raw, raw_len);
	if (!sb.len || isdigit((unsigned char)sb.buf[0])) {
		strbuf_release(&sb);
		return true;
	}
	switch (c) {
	case CT_CASE_LOWER: ok = all_case(sb.buf, sb.len, 1); break;
	case CT_CASE_UPPER: ok = all_case(sb.buf, sb.len, -1); break;
	case CT_CASE_SENTENCE:
		ok = letter_case(sb.buf, sb.len, &adv) != -1;
		break;
	case CT_CASE_KEBAB: ok = word_shape(sb.buf, sb.len, '-', false,
					    false); break;
	case CT_CASE_SNAKE: ok = word_shape(sb.buf, sb.len, '_', false,
					    false); break;
	case CT_CASE_CAMEL: ok = word_shape(sb.buf, sb.len, 0, false, true);
		break;
	case CT_CASE_PASCAL: ok = word_shape(sb.buf, sb.len, 0, true, true);
		break;
	case CT_CASE_START: ok = word_shape(sb.buf, sb.len, ' ', true, false);
		break;
	default: GATE_BUG("bad case %d", (int)c);
	}
	strbuf_release(&sb);
	return ok;
}

/*
 * The subject starts with a listed proper noun, or its first word is an
 * acronym ("API", "CI", "HTTP2", "APIs", "NULL-terminate") and the
 * subject is not all capitals: a name, not sentence case, so
 * subject-case lets it pass.
 */
static bool subject_starts_with_name(const struct ct_config *cfg,
				     const char *s, size_t len)
{
	size_t w = 0, i, upper = 0;

	while (w < len && s[w] != ' ')
		w++;
	/* A proper noun may be several words ("Conventional Commits"). */
	for (i = 0; i < cfg->proper_nouns_nr; i++) {
		size_t n = strlen(cfg->proper_nouns[i]);

		if (n <= len && !memcmp(s, cfg->proper_nouns[i], n) &&
		    (n == len || strchr(" ,:;'-", s[n])))
			return true;
	}
	if (!cfg->acronyms || all_case(s, len, -1))
		return false;
	for (i = 0; i < w && (isupper((unsigned char)s[i]) ||
			      isdigit((unsigned char)s[i])); i++)
		upper += isupper((unsigned char)s[i]) != 0;
	if (upper < 2)
		return false;
	if (i < w && s[i] == 's')
		i++;
	/* "NULL-terminate", "API/CLI", "HTTP.": still the acronym. */
	return i == w || strchr(",:;'-/.", s[i]);
}

/* ------------------------------------------------------------- check */

struct emit {
	const struct ct_config *cfg;
	const struct ct_context *ctx;
	struct gate_result *res;
};

__attribute__((format(printf, 4, 5)))
static void emit(struct emit *e, enum ct_rule r, uint32_t line,
		 const char *fmt, ...)
{
	struct strbuf id = STRBUF_INIT, msg = STRBUF_INIT;
	enum gate_severity sev = e->cfg->sev[r];
	struct gate_finding *f;
	va_list ap;

	if (sev == GATE_SEVERITY_OFF)
		return;
	if (sev > e->cfg->cap)
		sev = e->cfg->cap;
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	strbuf_addf(&id, "commit-title/%s", rule_names[r]);
	f = gate_result_add(e->res, id.buf, sev, NULL, line, 0, "%s", msg.buf);
	f->commit = e->ctx->commit;
	strbuf_release(&id);
	strbuf_release(&msg);
}

static void printable(struct strbuf *sb, const char *s, size_t len,
		      size_t max)
{
	strbuf_reset(sb);
	if (len > max) {
		strbuf_add_printable(sb, s, max);
		strbuf_addstr(sb, "...");
	} else {
		strbuf_add_printable(sb, s, len);
	}
}

static size_t text_len(const struct ct_config *cfg, const char *s, size_t n)
{
	return cfg->mode == CC_COMMITLINT ? cc_utf16_len(s, n)
					  : cc_codepoint_len(s, n);
}

#define HINT "a valid header looks like 'fix(parser): handle empty input'"

static void check_type(struct emit *e, const struct cc_message *m)
{
	const struct ct_config *cfg = e->cfg;
	struct strbuf sb = STRBUF_INIT, what = STRBUF_INIT;
	bool spec = cfg->mode == CC_SPEC;

	if (spec ? m->status == CC_HEADER_NO_TYPE : !m->type) {
		if (m->header && m->status == CC_HEADER_BAD_FORMAT && !spec) {
			printable(&what, m->header, strlen(m->header), 60);
			emit(e, CT_TYPE_EMPTY, 1, "type may not be empty: "
			     "'%s' is not 'type(scope): description'; "
			     HINT, what.buf);
		} else {
			emit(e, CT_TYPE_EMPTY, 1, "type may not be empty; "
			     HINT);
		}
	}
	if (spec && (m->status == CC_HEADER_BAD_FORMAT ||
		     m->status == CC_HEADER_BAD_SCOPE)) {
		printable(&what, m->header, strlen(m->header), 60);
		emit(e, CT_HEADER_FORMAT, 1, "%s in '%s': the header must be "
		     "'type(scope)!: description'; " HINT,
		     m->status == CC_HEADER_BAD_SCOPE ? "bad scope"
						      : "bad format",
		     what.buf);
	} else if (!spec && m->header && !m->type && !m->subject) {
		printable(&what, m->header, strlen(m->header), 60);
		emit(e, CT_HEADER_FORMAT, 1, "'%s' is not 'type(scope)!: "
		     "description'; " HINT, what.buf);
	}
	if (!m->type)
		goto out;
	if (!ensure_case(m->type, strlen(m->type), cfg->type_case))
		emit(e, CT_TYPE_CASE, 1, "type must be %s: '%s'",
		     case_names[cfg->type_case], m->type);
	if (!list_match(&cfg->types, m->type, strlen(m->type), spec)) {
		list_describe(&sb, &cfg->types);
		printable(&what, m->type, strlen(m->type), 40);
		emit(e, CT_TYPE_ENUM, 1, "type must be one of [%s], not '%s'",
		     sb.buf, what.buf);
	}
out:
	strbuf_release(&sb);
	strbuf_release(&what);
}

static void check_scope(struct emit *e, const struct cc_message *m)
{
	const struct ct_config *cfg = e->cfg;
	struct strbuf sb = STRBUF_INIT, what = STRBUF_INIT;
	const char *p, *q;

	if (!m->scope) {
		if (m->type)
			emit(e, CT_SCOPE_REQUIRED, 1, "scope may not be empty: "
			     "write 'type(scope): description'");
		return;
	}
	printable(&what, m->scope, strlen(m->scope), 40);
	emit(e, CT_SCOPE_DISALLOWED, 1, "scope must be empty, not '%s'",
	     what.buf);
	/* Several scopes: "core,api", "core/api", "core\api". */
	for (p = m->scope; *p; p = *q ? q + 1 : q) {
		size_t n;

		for (q = p; *q && !strchr(",/\\", *q); q++)
			;
		while (p < q && *p == ' ')
			p++;
		for (n = (size_t)(q - p); n && p[n - 1] == ' '; n--)
			;
		if (!n)
			continue;
		printable(&what, p, n, 40);
		if (!ensure_case(p, n, cfg->scope_case))
			emit(e, CT_SCOPE_CASE, 1, "scope must be %s: '%s'",
			     case_names[cfg->scope_case], what.buf);
		if (cfg->sev[CT_SCOPE_ENUM] != GATE_SEVERITY_OFF &&
		    !list_match(&cfg->scopes, p, n, false)) {
			strbuf_reset(&sb);
			list_describe(&sb, &cfg->scopes);
			emit(e, CT_SCOPE_ENUM, 1, "scope must be one of [%s], "
			     "not '%s'", sb.buf, what.buf);
		}
	}
	strbuf_release(&sb);
	strbuf_release(&what);
}

static void check_subject(struct emit *e, const struct cc_message *m)
{
	const struct ct_config *cfg = e->cfg;
	const char *s = m->subject, *h = m->header;
	struct strbuf what = STRBUF_INIT;
	size_t len, adv, c, hl;

	if (cfg->mode == CC_SPEC ? m->status == CC_HEADER_NO_DESCRIPTION
				 : !s)
		emit(e, CT_SUBJECT_EMPTY, 1, "subject may not be empty: "
		     "describe the change after 'type: '");
	/* subject-full-stop reads the header, as commitlint does */
	hl = h ? strlen(h) : 0;
	if (hl) {
		const char *colon = strchr(h, ':');
		size_t stop = strlen(cfg->full_stop);

		if (!(colon && colon > h && (size_t)(colon - h) == hl - 1) &&
		    hl >= stop && !memcmp(h + hl - stop, cfg->full_stop, stop) &&
		    !(hl >= 3 && !memcmp(h + hl - 3, "...", 3)))
			emit(e, CT_SUBJECT_FULL_STOP, 1, "subject may not end "
			     "with '%s'", cfg->full_stop);
	}
	if (!s)
		goto out;
	len = strlen(s);
	if (cfg->subject_pattern &&
	    !regex_match(cfg->subject_pattern, s, len)) {
		printable(&what, s, len, 60);
		if (cfg->subject_pattern_message)
			emit(e, CT_SUBJECT_PATTERN, 1, "%s",
			     cfg->subject_pattern_message);
		else
			emit(e, CT_SUBJECT_PATTERN, 1, "subject '%s' does not "
			     "match '%s'", what.buf, cfg->subject_pattern_src);
	}
	/* Only a subject starting with a cased letter has a case. */
	if (letter_case(s, len, &adv) != 0 &&
	    !subject_starts_with_name(cfg, s, len)) {
		struct strbuf bad = STRBUF_INIT;

		for (c = 0; c < CT_CASE_NR; c++)
			if ((cfg->subject_forbid & 1u << c) &&
			    ensure_case(s, len, (enum ct_case)c))
				strbuf_addf(&bad, "%s%s", bad.len ? ", " : "",
					    case_names[c]);
		if (bad.len) {
			printable(&what, s, len, 60);
			if (adv == 1 && isupper((unsigned char)what.buf[0]))
				what.buf[0] = (char)tolower(
					(unsigned char)what.buf[0]);
			emit(e, CT_SUBJECT_CASE, 1, "subject must not be %s: "
			     "write '%s'", bad.buf, what.buf);
		}
		strbuf_release(&bad);
	}
out:
	strbuf_release(&what);
}

static void check_header(struct emit *e, const struct cc_message *m)
{
	const struct ct_config *cfg = e->cfg;
	const char *h = m->header;
	size_t len = h ? strlen(h) : 0, n;
	bool lead, trail;

	/* An empty header is not too long: type-empty and subject-empty
	 * say what is wrong with it, as in commitlint. */
	if (!h)
		return;
	n = text_len(cfg, h, len);
	if ((long long)n > cfg->header_max)
		emit(e, CT_HEADER_MAX_LENGTH, 1, "header must not be longer "
		     "than %lld characters, current length is %zu",
		     cfg->header_max, n);
	lead = cc_js_space(h, len) > 0;
	trail = len && (isspace((unsigned char)h[len - 1]) ||
			(len >= 2 && cc_js_space(h + len - 2, 2) == 2) ||
			(len >= 3 && cc_js_space(h + len - 3, 3) == 3));
	if (lead || trail)
		emit(e, CT_HEADER_TRIM, 1, "header must not %s whitespace",
		     lead && trail ? "be surrounded by"
				   : lead ? "start with" : "end with");
}

/* Raw lines of the message, split on /\r?\n/ (toLines of commitlint). */
struct rawline {
	const char *p;
	size_t len;
};

static size_t raw_lines(const struct cc_message *m, struct rawline **out)
{
	size_t nr = 0, alloc = 0, start = 0, i;
	struct rawline *v = NULL;

	for (i = 0; i <= m->raw_len; i++) {
		if (i < m->raw_len && m->raw[i] != '\n')
			continue;
		ALLOC_GROW(v, nr + 1, alloc);
		v[nr].p = m->raw + start;
		v[nr].len = i - start;
		if (i < m->raw_len && v[nr].len && v[nr].p[v[nr].len - 1] == '\r')
			v[nr].len--;
		nr++;
		start = i + 1;
	}
	*out = v;
	return nr;
}

static uint32_t find_raw_line(const struct rawline *v, size_t nr,
			      const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (v[i].len == len && !memcmp(v[i].p, p, len))
			return (uint32_t)(i + 1);
	return 0;
}

static bool written_by_bot(const struct cc_message *m,
			   const struct ct_context *ctx)
{
	if (ctx->author && strstr(ctx->author, "[bot]"))
		return true;
	return m->raw && find_from(m->raw, m->raw_len, 0,
				   "Signed-off-by: dependabot[bot]");
}

static void check_lines(struct emit *e, const struct cc_message *m,
			const char *text, enum ct_rule r, long long max,
			const char *what, const struct rawline *raw,
			size_t raw_nr)
{
	const char *p = text, *eol;

	if (!text || !*text || e->cfg->sev[r] == GATE_SEVERITY_OFF)
		return;
	if (e->cfg->bots && written_by_bot(m, e->ctx))
		return;
	for (;;) {
		size_t n;

		eol = strchr(p, '\n');
		n = eol ? (size_t)(eol - p) : strlen(p);
		if (n && p[n - 1] == '\r')
			n--;
		if (!cc_line_has_url(p, n) &&
		    (long long)text_len(e->cfg, p, n) > max) {
			emit(e, r, find_raw_line(raw, raw_nr, p, n),
			     "%s's lines must not be longer than %lld "
			     "characters (%zu here); wrap the text (lines "
			     "with a URL are exempt)", what, max,
			     text_len(e->cfg, p, n));
			return;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
}

static void check_body(struct emit *e, const struct cc_message *m)
{
	const struct ct_config *cfg = e->cfg;
	struct rawline *raw;
	size_t nr = raw_lines(m, &raw);

	if (cfg->mode == CC_SPEC) {
		if (m->body_not_blank_separated)
			emit(e, CT_BODY_LEADING_BLANK, 2, "body must have "
			     "leading blank line: leave line 2 empty");
	} else {
		if (m->body && *m->body && !(nr > 1 && raw[1].len == 0))
			emit(e, CT_BODY_LEADING_BLANK, 2, "body must have "
			     "leading blank line: leave line 2 empty");
		if (m->footer && *m->footer) {
			const char *eol = strchr(m->footer, '\n');
			size_t n = eol ? (size_t)(eol - m->footer)
				       : strlen(m->footer);
			uint32_t at = find_raw_line(raw, nr, m->footer, n);
			const struct rawline *lead;

			/* rawLines.slice(offset - 1)[0], -1 included */
			if (!at)
				lead = &raw[nr >= 2 ? nr - 2 : 0];
			else if (at == 1)
				lead = &raw[nr - 1];
			else
				lead = &raw[at - 2];
			if (lead->len != 0)
				emit(e, CT_FOOTER_LEADING_BLANK, at,
				     "footer must have leading blank line");
		}
	}
	check_lines(e, m, m->body, CT_BODY_MAX_LINE_LENGTH, cfg->body_max,
		    "body", raw, nr);
	check_lines(e, m, m->footer, CT_FOOTER_MAX_LINE_LENGTH,
		    cfg->footer_max, "footer", raw, nr);
	free(raw);
}

/* "BREAKING CHANGES:", "breaking change:", "* BREAKING CHANGE:" ... */
static bool near_breaking(const char *s, size_t n, bool *canonical)
{
	size_t i = 0;

	*canonical = (n > 16 && (!memcmp(s, "BREAKING CHANGE: ", 17) ||
				 !memcmp(s, "BREAKING-CHANGE: ", 17)));
	while (i < n && (s[i] == ' ' || s[i] == '*' || s[i] == '|' ||
			 s[i] == '\t'))
		i++;
	if (n - i < 15 || strncasecmp(s + i, "breaking", 8) ||
	    (s[i + 8] != ' ' && s[i + 8] != '-') ||
	    strncasecmp(s + i + 9, "change", 6))
		return false;
	i += 15;
	if (i < n && (s[i] == 's' || s[i] == 'S'))
		i++;
	while (i < n && s[i] == ' ')
		i++;
	return i < n && s[i] == ':';
}

static void check_breaking(struct emit *e, const struct cc_message *m)
{
	struct rawline *raw;
	struct strbuf what = STRBUF_INIT;
	size_t nr = raw_lines(m, &raw), i, f;
	bool canonical, footer = false;

	if (e->cfg->sev[CT_BREAKING_CHANGE] == GATE_SEVERITY_OFF)
		goto out;
	for (i = 1; i < nr; i++) {
		if (!near_breaking(raw[i].p, raw[i].len, &canonical))
			continue;
		if (canonical && m->flavour == CC_SPEC) {
			/* a footer only after a blank line */
			canonical = false;
			for (f = 0; f < m->footers_nr; f++)
				if (m->footers[f].line == i + 1 &&
				    m->footers[f].breaking)
					canonical = true;
		}
		if (canonical) {
			footer = true;
			continue;
		}
		printable(&what, raw[i].p, raw[i].len, 40);
		emit(e, CT_BREAKING_CHANGE, (uint32_t)(i + 1), "'%s' does not "
		     "mark a breaking change: write 'BREAKING CHANGE: <what "
		     "breaks>' in upper case, in the footer after a blank "
		     "line, or add '!' before the colon", what.buf);
	}
	if (e->cfg->require_bang && footer && !m->bang)
		emit(e, CT_BREAKING_CHANGE, 1, "a BREAKING CHANGE footer needs "
		     "'!' before the colon of the header too");
out:
	strbuf_release(&what);
	free(raw);
}

void ct_check(const struct ct_config *cfg, const struct cc_message *m,
	      const struct ct_context *ctx, struct gate_result *res)
{
	struct emit e = { cfg, ctx, res };

	check_type(&e, m);
	check_scope(&e, m);
	check_subject(&e, m);
	check_header(&e, m);
	if (ctx->title)
		return;
	check_body(&e, m);
	check_breaking(&e, m);
}
