/*
 * The built-in rule pack (secrets-pack.h): rule structs that borrow the
 * generated constant data.
 */
#include <stdlib.h>

#include "secrets-ac.h"
#include "secrets-pack.h"
#include "secrets-rules.h"

#include "checkers/secrets-pack.inc"	/* generated in the build tree */

void secrets_rules_load_builtin(struct secrets_rules *rs)
{
	size_t n = sizeof(secrets_pack) / sizeof(*secrets_pack), i;
	const struct secrets_pack_fragment *f;

	/* For the user's rules: the pack's regexes are expanded already. */
	for (f = secrets_pack_fragments; f->name; f++)
		secrets_rules_add_fragment(rs, f->name, f->text);

	rs->builtin_only = rs->nr == 0;
	ALLOC_GROW(rs->rules, rs->nr + n, rs->alloc);
	for (i = 0; i < n; i++) {
		const struct secrets_pack_rule *e = &secrets_pack[i];
		struct secrets_rule *r = xcalloc(1, sizeof(*r));

		/*
		 * The strings are never written nor freed (r->builtin); the
		 * casts only fit them into the struct that owns its strings
		 * when a rule comes from YAML.
		 */
		r->id = (char *)e->id;
		r->full_id = (char *)e->full_id;
		r->description = (char *)e->description;
		r->regex = (char *)e->regex;
		r->where = (char *)e->where;
		r->group = e->group;
		r->keywords = (char **)e->keywords;
		r->keywords_nr = e->keywords_nr;
		r->entropy = e->entropy;
		r->validate = (enum secrets_validator)e->validate;
		r->paths = (const char **)e->paths;
		r->generic = e->generic;
		r->window = (enum secrets_window)e->window;
		r->anchor_word = e->anchor_word;
		r->builtin = true;
		r->allow.borrowed = true;
		r->allow.sources = e->allow.regexes;
		r->allow.regexes_nr = e->allow.regexes_nr;
		r->allow.regexes = xcalloc(e->allow.regexes_nr + 1,
					   sizeof(*r->allow.regexes));
		r->allow.target = (enum secrets_target)e->allow.target;
		r->allow.stopwords = (char **)e->allow.stopwords;
		r->allow.stopwords_nr = e->allow.stopwords_nr;
		r->allow.paths = (const char **)e->allow.paths;
		rs->rules[rs->nr++] = r;
	}
}

const struct secrets_ac_image *secrets_pack_automaton(void)
{
	return &secrets_pack_ac;
}
