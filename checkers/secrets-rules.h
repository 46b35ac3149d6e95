#ifndef GATE_SECRETS_RULES_H
#define GATE_SECRETS_RULES_H

/*
 * Secret-detection rules: the built-in pack (rules/secrets.yml) and the
 * user's rules from .gate.yml, in one table.  The schema is documented
 * in docs/secrets.md.
 *
 * The pre-commit budget is a few milliseconds, so the built-in pack is
 * C data made when gate is built (secrets-packgen, secrets-builtin.c),
 * with its keyword automaton; pcre2_compile plus the JIT runs the first
 * time a rule's keyword is seen (secrets_rule_code), so a staged change
 * that mentions no "akia" never pays for the AWS regex, and allowlist
 * regexes compile the first time a candidate reaches them.  User rules
 * are the exception: they are compiled and probed at load time, so a
 * broken rule is reported with its file, line and column.
 */

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "../src/config.h"	/* not autoconf's config.h */
#include "util.h"

enum secrets_target {
	SECRETS_TARGET_SECRET,
	SECRETS_TARGET_MATCH,
	SECRETS_TARGET_LINE,
};

enum secrets_validator {
	SECRETS_VALIDATE_NONE,
	SECRETS_VALIDATE_GITHUB_CRC32,	/* ghp_, gho_, ghu_, ghs_, ghr_ */
	SECRETS_VALIDATE_NPM_CRC32,	/* npm_ */
	SECRETS_VALIDATE_JWT,		/* header decodes to JSON with "alg" */
	SECRETS_VALIDATE_BASIC_AUTH,	/* base64 of printable user:password */
};

struct secrets_allowlist {
	/*
	 * Compiled at load, except in the built-in pack (validated when
	 * gate was built), whose regexes compile on first use: most runs
	 * see no candidate at all.  `sources` are then borrowed.
	 */
	_Atomic(pcre2_code *) *regexes;
	const char *const *sources;
	char **sources_owned;
	size_t regexes_nr;
	enum secrets_target target;
	char **stopwords;		/* lowercase */
	size_t stopwords_nr;
	const char **paths;		/* NULL-terminated, or NULL */
	char **paths_owned;
	bool borrowed;			/* lists point into secrets-pack */
};

/*
 * The text a rule's regex sees around a keyword hit (`window:`): the
 * keyword's line; that line and the next (a value alone on the line
 * after its key, as in XML); or a block of up to 16 KiB after the hit
 * (PEM keys).  Wider windows cost: the regex runs over all of them.
 */
enum secrets_window {
	SECRETS_WINDOW_LINE,
	SECRETS_WINDOW_TWO_LINES,
	SECRETS_WINDOW_BLOCK,
};

struct secrets_rule {
	char *id;			/* "aws-access-key-id" */
	char *full_id;			/* "secrets/aws-access-key-id" */
	char *description;
	char *regex;
	char *where;			/* "file:line:col" of the rule */
	int group;			/* -1: default (1 if any group, else 0) */
	char **keywords;		/* lowercase */
	size_t keywords_nr;
	double entropy;			/* 0: no gate */
	enum secrets_validator validate;
	const char **paths;		/* path scope, NULL-terminated or NULL */
	char **paths_owned;
	struct secrets_allowlist allow;
	bool generic;			/* id starts with "generic" */
	enum secrets_window window;	/* the text around a keyword hit */
	/*
	 * `anchor: keyword-word`: every match starts where the run of
	 * [A-Za-z0-9_.-] holding one of the keywords starts, so the engine
	 * tries the regex anchored there instead of at every byte of the
	 * window (the generic rules' unanchored [\w.-]{0,40}? prefix cost
	 * 280 instructions a byte).
	 */
	bool anchor_word;
	bool user;			/* from .gate.yml */
	bool builtin;			/* strings borrowed from secrets-pack */
	char **match_examples, **nomatch_examples;
	size_t match_nr, nomatch_nr;

	/* Compiled on first use; see secrets_rule_code. */
	_Atomic(pcre2_code *) code;
	_Atomic(pcre2_code *) acode;	/* compiled anchored (anchor_word) */
	atomic_int compile_failed;
	uint32_t capture_count;
};

/*
 * A named piece of regex that a pack writes once (`fragments:`) and its
 * rules' regexes use as {{name}}, expanded before compiling: the syntax
 * of an assignment, say, which scores of keyword rules share.
 */
struct secrets_fragment {
	char *name;
	char *text;			/* expanded: holds no {{name}} */
};

struct secrets_rules {
	struct secrets_rule **rules;
	size_t nr, alloc;
	/* The pack's fragments; rules loaded later (.gate.yml) use them. */
	struct secrets_fragment *fragments;
	size_t fragments_nr, fragments_alloc;
	/* Serialises lazy compilation; the fast path is an atomic load. */
	pthread_mutex_t compile_lock;
	pcre2_match_context *mctx;	/* match/depth limits, read-only */
	pcre2_compile_context *cctx;
	uint32_t max_captures;		/* upper bound, for match data */
	/* Exactly the built-in pack: its prebuilt automaton fits. */
	bool builtin_only;
};

/* Limits that keep a pathological regex from hanging a commit. */
#define SECRETS_MATCH_LIMIT 200000
#define SECRETS_DEPTH_LIMIT 5000

void secrets_rules_init(struct secrets_rules *rs);
void secrets_rules_release(struct secrets_rules *rs);

/*
 * Append the rules of a `rules:` sequence.  `user` rules are compiled and
 * probed now.  A rule whose id already exists replaces it (so a user may
 * override a built-in rule).  Returns 0, or -1 with "file:line:col: rule
 * 'x': message" in err.
 */
int secrets_rules_load(struct secrets_rules *rs, const struct ynode *seq,
		       bool user, struct strbuf *err);

/*
 * Load a whole rule-pack file: a mapping with `rules:` and optionally
 * `fragments:`, a mapping of names to regex text, which replace the
 * fragments of the same names loaded before.
 */
int secrets_rules_load_file(struct secrets_rules *rs, struct ydoc *doc,
			    const char *path, struct strbuf *err);

/* The same, from a parsed pack. */
int secrets_rules_load_pack(struct secrets_rules *rs,
			    const struct ynode *root, struct strbuf *err);

/*
 * Append the pack compiled into gate (rules/secrets.yml, turned into C
 * by secrets-packgen when gate is built): no YAML to parse, nothing to
 * copy, nothing compiled until a keyword asks for it.
 */
void secrets_rules_load_builtin(struct secrets_rules *rs);

/*
 * Add (or replace) fragment `name`, whose text is already expanded; the
 * built-in pack's fragments come this way.
 */
void secrets_rules_add_fragment(struct secrets_rules *rs, const char *name,
				const char *text);

/*
 * Expand every {{name}} of `re` with the fragments of rs into `out`.
 * Returns 0, or -1 with "unknown fragment '{{x}}' at offset N" in msg.
 */
int secrets_rules_expand(const struct secrets_rules *rs, const char *re,
			 struct strbuf *out, struct strbuf *msg);

struct secrets_ac;
struct secrets_ac_image;

/* The keyword automaton of the built-in pack, prebuilt by secrets-packgen. */
const struct secrets_ac_image *secrets_pack_automaton(void);

/*
 * The keyword automaton of the rules: each keyword reports its rule's
 * index.  Rules without keywords are not in it.
 */
struct secrets_ac *secrets_rules_automaton(const struct secrets_rules *rs);

/*
 * Compile every regex of every rule and allowlist now (the pack
 * generator and the tests).  Returns 0, or -1 with the first error.
 */
int secrets_rules_compile_all(struct secrets_rules *rs, struct strbuf *err);

/* Allowlist regex i, compiled on first use; NULL if it cannot be. */
const pcre2_code *secrets_allowlist_code(struct secrets_rules *rs,
					 const struct secrets_allowlist *al,
					 size_t i);

/* Remove the rules with these ids; unknown ids are an error. */
int secrets_rules_disable(struct secrets_rules *rs, const struct ynode *list,
			  struct strbuf *err);

/*
 * Parse an `allowlist:` mapping (rule or global).  Its regexes may use
 * the fragments of rs ({{name}}) and compile with its context.
 */
int secrets_allowlist_parse(struct secrets_allowlist *al,
			    const struct ynode *node,
			    const struct secrets_rules *rs, struct strbuf *err);
void secrets_allowlist_release(struct secrets_allowlist *al);

/*
 * The compiled regex of a rule, compiling it (with JIT) on first use.
 * Safe from any thread.  Returns NULL with the message in err when the
 * regex does not compile.  (Deferring the JIT until a rule has seen
 * some text was measured and lost: the interpreter runs the generic
 * rules 7x slower, so even a hook's few lines pay for the JIT.)
 */
const pcre2_code *secrets_rule_code(struct secrets_rules *rs,
				    struct secrets_rule *r, struct strbuf *err);

/* The same, compiled with PCRE2_ANCHORED (for anchor-word rules). */
const pcre2_code *secrets_rule_code_anchored(struct secrets_rules *rs,
					     struct secrets_rule *r,
					     struct strbuf *err);

/* The group that holds the secret once compiled. */
uint32_t secrets_rule_group(const struct secrets_rule *r);

#endif
