#ifndef GATE_COMMIT_TITLE_RULES_H
#define GATE_COMMIT_TITLE_RULES_H

/*
 * The rules of the commit-title checker: their configuration (read from
 * `.gate.yml` under `checkers: commit-title:`), the default ignores, and
 * the judgement of one parsed message into findings.
 *
 * Two modes set the defaults: `commitlint` (the default) reproduces
 * @commitlint/config-conventional, rule names and severities included;
 * `spec` judges Conventional Commits 1.0.0 strictly and nothing more.
 * Every rule can be tuned or switched off in either mode.
 */

#include <stdbool.h>
#include <stddef.h>

#include "cc-parse.h"
#include "checker.h"

enum ct_rule {
	CT_TYPE_ENUM,
	CT_TYPE_CASE,
	CT_TYPE_EMPTY,
	CT_SCOPE_ENUM,
	CT_SCOPE_REQUIRED,
	CT_SCOPE_DISALLOWED,
	CT_SCOPE_CASE,
	CT_SUBJECT_EMPTY,
	CT_SUBJECT_CASE,
	CT_SUBJECT_FULL_STOP,
	CT_SUBJECT_PATTERN,
	CT_HEADER_FORMAT,
	CT_HEADER_MAX_LENGTH,
	CT_HEADER_TRIM,
	CT_BODY_LEADING_BLANK,
	CT_FOOTER_LEADING_BLANK,
	CT_BODY_MAX_LINE_LENGTH,
	CT_FOOTER_MAX_LINE_LENGTH,
	CT_BREAKING_CHANGE,
	CT_RULE_NR
};

/* "type-enum", ...; the public id is "commit-title/" + this. */
const char *ct_rule_name(enum ct_rule r);

enum ct_case {
	CT_CASE_LOWER,
	CT_CASE_UPPER,
	CT_CASE_CAMEL,
	CT_CASE_KEBAB,
	CT_CASE_PASCAL,
	CT_CASE_SENTENCE,
	CT_CASE_SNAKE,
	CT_CASE_START,
	CT_CASE_NR
};

/* A list of allowed values: literals, or /regex/ entries (PCRE2). */
struct ct_list {
	char **lit;
	size_t lit_nr;
	void **re;		/* pcre2_code * */
	char **re_src;
	size_t re_nr;
};

struct ct_config {
	enum cc_flavour mode;
	enum gate_severity sev[CT_RULE_NR];
	enum gate_severity cap;		/* the checker's own severity */
	struct ct_list types, scopes;
	enum ct_case type_case, scope_case;
	unsigned subject_forbid;	/* bit per enum ct_case */
	bool acronyms;
	char **proper_nouns;
	size_t proper_nouns_nr;
	char full_stop[8];
	void *subject_pattern;		/* pcre2_code * or NULL */
	char *subject_pattern_src, *subject_pattern_message;
	long long header_max, body_max, footer_max;
	bool bots;			/* exempt bot-written bodies */
	bool require_bang;
	bool default_ignores;
	void **ignores;			/* pcre2_code *, on the whole message */
	size_t ignores_nr;
	bool wip;
	long long max_bytes;
};

/*
 * Fill `cfg` with the defaults of its mode, then apply the checker's
 * mapping (may be NULL).  Returns 0, or -1 with "file:line:col: msg".
 */
int ct_config_load(struct ct_config *cfg, const struct ynode *node,
		   enum gate_severity cap, struct strbuf *err);
void ct_config_defaults(struct ct_config *cfg, enum cc_flavour mode);
void ct_config_release(struct ct_config *cfg);

/*
 * Why a message is not judged ("merge", "revert", "fixup", "version"),
 * or NULL: commitlint's default ignores (matched as it does, e.g. a
 * `Merge branch 'x'` line anywhere) when enabled, then the user's.
 */
const char *ct_ignored(const struct ct_config *cfg, const char *text,
		       size_t len);

/* True for "1.2.3", "v1.2.3-rc.1", as node-semver's valid(). */
bool ct_semver_valid(const char *s, size_t len);

/* Who wrote the message, when known, for the bot exemption. */
struct ct_context {
	const char *author;	/* "Name <email>" or NULL */
	long commit;		/* finding->commit */
	bool title;		/* a PR title: header rules only */
};

/* Judge one parsed message; adds findings to `res`. */
void ct_check(const struct ct_config *cfg, const struct cc_message *m,
	      const struct ct_context *ctx, struct gate_result *res);

#endif
