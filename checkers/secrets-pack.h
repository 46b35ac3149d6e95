#ifndef GATE_SECRETS_PACK_H
#define GATE_SECRETS_PACK_H

/*
 * The built-in rule pack as C data: rules/secrets.yml, parsed and
 * validated by secrets-packgen when gate is built (the YAML stays the
 * source of truth), so the pre-commit hook parses no YAML.  Only the
 * generated secrets-pack.inc and secrets-builtin.c use this.
 */

#include <stddef.h>
#include <stdint.h>

struct secrets_pack_allow {
	const char *const *regexes;
	uint32_t regexes_nr;
	uint8_t target;			/* enum secrets_target */
	const char *const *stopwords;	/* lowercase */
	uint32_t stopwords_nr;
	const char *const *paths;	/* NULL-terminated, or NULL */
};

struct secrets_pack_rule {
	const char *id, *full_id, *description, *regex, *where;
	int group;
	const char *const *keywords;	/* lowercase */
	uint32_t keywords_nr;
	double entropy;
	uint8_t validate;		/* enum secrets_validator */
	uint8_t generic, window, anchor_word;	/* window: secrets_window */
	const char *const *paths;	/* NULL-terminated, or NULL */
	struct secrets_pack_allow allow;
};

struct secrets_pack_fragment {
	const char *name, *text;	/* text expanded */
};

#endif
