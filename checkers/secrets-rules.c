/*
 * Loading and lazily compiling secret-detection rules (secrets-rules.h).
 */
#include "secrets-rules.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "glob.h"
#include "secrets-ac.h"

static const char *const rule_keys[] = {
	"id", "description", "regex", "secret-group", "keywords",
	"no-keywords-reason", "entropy", "validate", "paths", "allowlist",
	"examples", "multiline", "window", "anchor", "tags", NULL
};
static const char *const allowlist_keys[] = {
	"regexes", "regex-target", "stopwords", "paths", "description", NULL
};
static const char *const example_keys[] = { "match", "no-match", NULL };

void secrets_rules_init(struct secrets_rules *rs)
{
	memset(rs, 0, sizeof(*rs));
	pthread_mutex_init(&rs->compile_lock, NULL);
	rs->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(rs->mctx, SECRETS_MATCH_LIMIT);
	pcre2_set_depth_limit(rs->mctx, SECRETS_DEPTH_LIMIT);
	rs->cctx = pcre2_compile_context_create(NULL);
	if (!rs->mctx || !rs->cctx)
		GATE_BUG("out of memory creating pcre2 contexts");
}

static void free_strings(char **list, size_t nr)
{
	size_t i;

	/* Lists are NULL-terminated; nr bounds the ones that may not be. */
	for (i = 0; list && i < nr && list[i]; i++)
		free(list[i]);
	free(list);
}

void secrets_allowlist_release(struct secrets_allowlist *al)
{
	size_t i;

	for (i = 0; i < al->regexes_nr; i++) {
		pcre2_code *c = atomic_load(&al->regexes[i]);

		if (c)
			pcre2_code_free(c);
	}
	free(al->regexes);
	if (!al->borrowed) {
		free_strings(al->sources_owned, al->regexes_nr);
		free_strings(al->stopwords, al->stopwords_nr);
		free_strings(al->paths_owned, SIZE_MAX);
		free(al->paths);
	}
	memset(al, 0, sizeof(*al));
}

static void rule_free(struct secrets_rule *r)
{
	pcre2_code *code;

	if (!r)
		return;
	if (r->builtin) {
		secrets_allowlist_release(&r->allow);
		code = atomic_load(&r->code);
		if (code)
			pcre2_code_free(code);
		code = atomic_load(&r->acode);
		if (code)
			pcre2_code_free(code);
		free(r);
		return;
	}
	free(r->id);
	free(r->full_id);
	free(r->description);
	free(r->regex);
	free(r->where);
	free_strings(r->keywords, r->keywords_nr);
	free_strings(r->paths_owned, SIZE_MAX);
	free(r->paths);
	secrets_allowlist_release(&r->allow);
	free_strings(r->match_examples, r->match_nr);
	free_strings(r->nomatch_examples, r->nomatch_nr);
	code = atomic_load(&r->code);
	if (code)
		pcre2_code_free(code);
	code = atomic_load(&r->acode);
	if (code)
		pcre2_code_free(code);
	free(r);
}

void secrets_rules_release(struct secrets_rules *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++)
		rule_free(rs->rules[i]);
	free(rs->rules);
	for (i = 0; i < rs->fragments_nr; i++) {
		free(rs->fragments[i].name);
		free(rs->fragments[i].text);
	}
	free(rs->fragments);
	pthread_mutex_destroy(&rs->compile_lock);
	pcre2_match_context_free(rs->mctx);
	pcre2_compile_context_free(rs->cctx);
	memset(rs, 0, sizeof(*rs));
}

/*
 * Fragments are written {{name}}, name being [a-z][a-z0-9_-]*: neither
 * pcre2 nor python reads two braces around a word as anything but
 * literal text (a brace that opens no {m,n} quantifier is a literal),
 * and no regex of the pack has such text.  A regex that means the
 * literal braces writes \{\{.  Returns the length of the reference at
 * p, or 0, with the name's span in *name and *len.
 */
static size_t fragment_ref(const char *p, const char **name, size_t *len)
{
	size_t n = 2;

	if (p[0] != '{' || p[1] != '{' || !islower((unsigned char)p[2]))
		return 0;
	while (islower((unsigned char)p[n]) || isdigit((unsigned char)p[n]) ||
	       p[n] == '-' || p[n] == '_')
		n++;
	if (p[n] != '}' || p[n + 1] != '}')
		return 0;
	*name = p + 2;
	*len = n - 2;
	return n + 2;
}

/* The text of fragment name[0, len), or NULL with the reason in msg. */
typedef const char *(*fragment_fn)(void *data, const char *name, size_t len,
				   struct strbuf *msg);

static int expand_with(const char *re, fragment_fn lookup, void *data,
		       struct strbuf *out, struct strbuf *msg)
{
	const char *p = re, *name;
	size_t n, len;

	while (*p) {
		if (*p == '\\' && p[1]) {
			/* An escaped brace is a literal, never a reference. */
			strbuf_add(out, p, 2);
			p += 2;
		} else if ((n = fragment_ref(p, &name, &len))) {
			const char *text = lookup(data, name, len, msg);

			if (!text) {
				strbuf_addf(msg, " at offset %zu",
					    (size_t)(p - re));
				return -1;
			}
			strbuf_addstr(out, text);
			p += n;
		} else {
			strbuf_addch(out, *p++);
		}
	}
	return 0;
}

static struct secrets_fragment *find_fragment(const struct secrets_rules *rs,
					      const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < rs->fragments_nr; i++)
		if (!strncmp(rs->fragments[i].name, name, len) &&
		    !rs->fragments[i].name[len])
			return &rs->fragments[i];
	return NULL;
}

static const char *loaded_fragment(void *data, const char *name, size_t len,
				   struct strbuf *msg)
{
	const struct secrets_fragment *f = find_fragment(data, name, len);

	if (!f)
		strbuf_addf(msg, "unknown fragment '{{%.*s}}'", (int)len,
			    name);
	return f ? f->text : NULL;
}

int secrets_rules_expand(const struct secrets_rules *rs, const char *re,
			 struct strbuf *out, struct strbuf *msg)
{
	return expand_with(re, loaded_fragment, (void *)rs, out, msg);
}

void secrets_rules_add_fragment(struct secrets_rules *rs, const char *name,
				const char *text)
{
	struct secrets_fragment *f = find_fragment(rs, name, strlen(name));

	if (f) {
		free(f->text);
		f->text = xstrdup(text);
		return;
	}
	ALLOC_GROW(rs->fragments, rs->fragments_nr + 1, rs->fragments_alloc);
	f = &rs->fragments[rs->fragments_nr++];
	f->name = xstrdup(name);
	f->text = xstrdup(text);
}

/*
 * A pack's `fragments:` mapping.  A fragment may use the others, in any
 * order, and those loaded before it; each is expanded depth first, so a
 * cycle shows as a name met again while it is being expanded.
 */
struct fragment_src {
	const struct ynode *key, *value;
	char *text;			/* expanded, once done */
	bool busy;
};

struct fragment_set {
	struct secrets_rules *rs;
	struct fragment_src *src;
	size_t nr;
	struct strbuf *err;
	int failed;			/* err already holds the message */
};

static int expand_fragment(struct fragment_set *set, size_t i);

static const char *pack_fragment(void *data, const char *name, size_t len,
				 struct strbuf *msg)
{
	struct fragment_set *set = data;
	size_t i;

	for (i = 0; i < set->nr; i++) {
		struct fragment_src *f = &set->src[i];

		if (strncmp(f->key->value, name, len) || f->key->value[len])
			continue;
		if (f->text)
			return f->text;
		if (f->busy) {
			strbuf_addf(msg, "recursive fragment '{{%.*s}}'",
				    (int)len, name);
			return NULL;
		}
		if (expand_fragment(set, i)) {
			set->failed = 1;
			return NULL;
		}
		return f->text;
	}
	return loaded_fragment(set->rs, name, len, msg);
}

static int expand_fragment(struct fragment_set *set, size_t i)
{
	struct fragment_src *f = &set->src[i];
	struct strbuf out = STRBUF_INIT, msg = STRBUF_INIT;

	f->busy = true;
	if (expand_with(f->value->value, pack_fragment, set, &out, &msg)) {
		if (!set->failed)
			ynode_error(set->err, f->value, "fragment '%s': %s",
				    f->key->value, msg.buf);
		set->failed = 1;
		strbuf_release(&out);
		strbuf_release(&msg);
		return -1;
	}
	f->busy = false;
	f->text = strbuf_detach(&out, NULL);
	strbuf_release(&msg);
	return 0;
}

static int load_fragments(struct secrets_rules *rs, const struct ynode *map,
			  struct strbuf *err)
{
	struct fragment_set set = { rs, NULL, 0, err, 0 };
	size_t i;
	int ret = 0;

	if (map->kind != YNODE_MAP) {
		ynode_error(err, map, "'fragments' must be a mapping of names "
			    "to regex text");
		return -1;
	}
	set.src = xcalloc(map->nr + 1, sizeof(*set.src));
	set.nr = map->nr;
	for (i = 0; i < map->nr && !ret; i++) {
		const char *name, *k = map->keys[i]->value;
		size_t len;
		char *ref = xstrfmt("{{%s}}", k);

		set.src[i].key = map->keys[i];
		set.src[i].value = map->items[i];
		if (fragment_ref(ref, &name, &len) != strlen(ref)) {
			ynode_error(err, map->keys[i], "fragment name '%s' is "
				    "not [a-z][a-z0-9_-]*", k);
			ret = -1;
		} else if (map->items[i]->kind != YNODE_SCALAR) {
			ynode_error(err, map->items[i], "fragment '%s' must "
				    "be a string", k);
			ret = -1;
		}
		free(ref);
	}
	for (i = 0; i < set.nr && !ret; i++)
		if (!set.src[i].text && expand_fragment(&set, i))
			ret = -1;
	for (i = 0; i < set.nr; i++) {
		if (!ret)
			secrets_rules_add_fragment(rs, set.src[i].key->value,
						   set.src[i].text);
		free(set.src[i].text);
	}
	free(set.src);
	return ret;
}

/* "file:line:col: rule 'x': " prefix, then the message. */
static void rule_error(struct strbuf *err, const struct ynode *n,
		       const char *id, const char *msg)
{
	ynode_error(err, n, "rule '%s': %s", id ? id : "?", msg);
}

static pcre2_code *compile_regex_opts(const char *re, uint32_t opts,
				      pcre2_compile_context *cctx,
				      struct strbuf *msg);

static pcre2_code *compile_regex(const char *re, pcre2_compile_context *cctx,
				 struct strbuf *msg)
{
	return compile_regex_opts(re, 0, cctx, msg);
}

static pcre2_code *compile_regex_opts(const char *re, uint32_t opts,
				      pcre2_compile_context *cctx,
				      struct strbuf *msg)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *c;

	c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
			  PCRE2_MATCH_INVALID_UTF | opts, &code, &off, cctx);
	if (!c) {
		PCRE2_UCHAR buf[256];

		pcre2_get_error_message(code, buf, sizeof(buf));
		strbuf_addf(msg, "%s at offset %zu", (char *)buf, (size_t)off);
	}
	return c;
}

/*
 * Lists of globs come back borrowed from the tree; rules outlive the
 * tree only in the fuzzer and tests, but copying keeps ownership simple.
 */
static int get_globs(const struct ynode *map, const char *key,
		     const char ***out, char ***owned, struct strbuf *err)
{
	const char **list = NULL;
	size_t nr = 0, i;
	int ret = ynode_get_strings(map, key, &list, &nr, err);

	if (ret <= 0)
		return ret;
	*owned = xcalloc(nr + 1, sizeof(char *));
	*out = xcalloc(nr + 1, sizeof(char *));
	for (i = 0; i < nr; i++) {
		struct strbuf gerr = STRBUF_INIT;

		if (glob_validate(list[i], &gerr)) {
			ynode_error(err, ynode_get(map, key), "%s", gerr.buf);
			strbuf_release(&gerr);
			free(list);
			return -1;
		}
		(*owned)[i] = xstrdup(list[i]);
		(*out)[i] = (*owned)[i];
	}
	free(list);
	return 1;
}

static char *lowercase_dup(const char *s)
{
	char *d = xstrdup(s), *p;

	for (p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* A list of strings, copied (lowercased when `lower`: keywords and
 * stopwords are matched against lowercased text). */
static int get_strings(const struct ynode *map, const char *key, bool lower,
		       char ***out, size_t *nr, struct strbuf *err)
{
	const char **list = NULL;
	size_t i;
	int ret = ynode_get_strings(map, key, &list, nr, err);

	if (ret <= 0)
		return ret;
	*out = xcalloc(*nr + 1, sizeof(char *));
	for (i = 0; i < *nr; i++)
		(*out)[i] = lower ? lowercase_dup(list[i]) : xstrdup(list[i]);
	free(list);
	return 1;
}

int secrets_allowlist_parse(struct secrets_allowlist *al,
			    const struct ynode *node,
			    const struct secrets_rules *rs, struct strbuf *err)
{
	const char **regexes = NULL, *target = NULL;
	size_t nr = 0, i;
	const struct ynode *rn;

	if (ynode_check_keys(node, allowlist_keys, NULL, "allowlist", err))
		return -1;
	if (ynode_get_string(node, "regex-target", &target, err) < 0)
		return -1;
	if (!target || !strcmp(target, "secret")) {
		al->target = SECRETS_TARGET_SECRET;
	} else if (!strcmp(target, "match")) {
		al->target = SECRETS_TARGET_MATCH;
	} else if (!strcmp(target, "line")) {
		al->target = SECRETS_TARGET_LINE;
	} else {
		ynode_error(err, ynode_get(node, "regex-target"),
			    "'regex-target' must be one of secret, match, line");
		return -1;
	}
	if (get_strings(node, "stopwords", true, &al->stopwords,
			      &al->stopwords_nr, err) < 0)
		return -1;
	if (get_globs(node, "paths", &al->paths, &al->paths_owned, err) < 0)
		return -1;
	if (ynode_get_strings(node, "regexes", &regexes, &nr, err) < 0)
		return -1;
	rn = ynode_get(node, "regexes");
	al->regexes = xcalloc(nr + 1, sizeof(*al->regexes));
	al->sources_owned = xcalloc(nr + 1, sizeof(char *));
	al->sources = (const char *const *)al->sources_owned;
	for (i = 0; i < nr; i++) {
		struct strbuf msg = STRBUF_INIT, re = STRBUF_INIT;
		pcre2_code *c = NULL;

		/* The pack's fragments: shared lists of allowed values. */
		if (!secrets_rules_expand(rs, regexes[i], &re, &msg))
			c = compile_regex(re.buf, rs->cctx, &msg);
		if (!c) {
			const struct ynode *at = rn->kind == YNODE_SEQ ?
				rn->items[i] : rn;

			ynode_error(err, at, "allowlist regex: %s", msg.buf);
			strbuf_release(&msg);
			strbuf_release(&re);
			free(regexes);
			return -1;
		}
		/* JIT failure only costs speed; the interpreter still works. */
		pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
		al->sources_owned[al->regexes_nr] = strbuf_detach(&re, NULL);
		atomic_init(&al->regexes[al->regexes_nr], c);
		al->regexes_nr++;
		strbuf_release(&msg);
	}
	free(regexes);
	return 0;
}

static bool valid_id(const char *id)
{
	const char *p;

	if (!*id)
		return false;
	for (p = id; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '-' && *p != '_' && *p != '.')
			return false;
	return true;
}

static bool word_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-';
}

/*
 * `anchor: keyword-word` is a promise about the regex that the engine
 * relies on to skip most of each window; hold it to what can be checked
 * here: the match cannot start inside a word (the regex opens with that
 * lookbehind) and every keyword is made of word bytes, so it lies inside
 * the run that the match starts.  The rest (nothing but word bytes
 * before the keyword) the tests check against an unanchored scan.
 */
static int check_anchor(const struct ynode *n, struct secrets_rule *r,
			const char *s, struct strbuf *err)
{
	const char *re = r->regex;
	size_t i;

	if (strcmp(s, "keyword-word")) {
		rule_error(err, ynode_get(n, "anchor"), r->id,
			   "'anchor' must be keyword-word");
		return -1;
	}
	if (!strncmp(re, "(?i)", 4))
		re += 4;
	if (strncmp(re, "(?<![\\w.-])", 11)) {
		rule_error(err, ynode_get(n, "anchor"), r->id,
			   "'anchor: keyword-word' needs a regex that starts "
			   "with (?<![\\w.-])");
		return -1;
	}
	for (i = 0; i < r->keywords_nr; i++) {
		const char *k = r->keywords[i];

		for (; *k; k++) {
			if (!word_byte((unsigned char)*k)) {
				rule_error(err, ynode_get(n, "anchor"), r->id,
					   "'anchor: keyword-word' needs "
					   "keywords of [a-z0-9_.-]");
				return -1;
			}
		}
	}
	if (!r->keywords_nr) {
		rule_error(err, ynode_get(n, "anchor"), r->id,
			   "'anchor: keyword-word' needs keywords");
		return -1;
	}
	r->anchor_word = true;
	return 0;
}

/*
 * A rule that says no window gets the one its regex needs: a block for
 * what spans lines (PEM armour, [\s\S], (?s)), two lines for one line
 * break (\n, \r: a value on the line after its key), else one line.
 */
static enum secrets_window guess_window(const char *re)
{
	if (strstr(re, "[\\s\\S]") || strstr(re, "(?s") ||
	    strstr(re, "-----BEGIN"))
		return SECRETS_WINDOW_BLOCK;
	if (strstr(re, "\\n") || strstr(re, "\\r"))
		return SECRETS_WINDOW_TWO_LINES;
	return SECRETS_WINDOW_LINE;
}

/* `window:`, or the older `multiline:` (true: block, false: a line). */
static int get_window(const struct ynode *n, struct secrets_rule *r,
		      struct strbuf *err)
{
	const char *s = NULL;
	bool multiline = false;
	int got_ml = ynode_get_bool(n, "multiline", &multiline, err);

	if (got_ml < 0 || ynode_get_string(n, "window", &s, err) < 0)
		return -1;
	if (got_ml && s) {
		rule_error(err, ynode_get(n, "window"), r->id,
			   "give 'window' or 'multiline', not both");
		return -1;
	}
	if (!s) {
		r->window = !got_ml ? guess_window(r->regex) : multiline ?
			    SECRETS_WINDOW_BLOCK : SECRETS_WINDOW_LINE;
		return 0;
	}
	if (!strcmp(s, "line")) {
		r->window = SECRETS_WINDOW_LINE;
	} else if (!strcmp(s, "two-lines")) {
		r->window = SECRETS_WINDOW_TWO_LINES;
	} else if (!strcmp(s, "block")) {
		r->window = SECRETS_WINDOW_BLOCK;
	} else {
		rule_error(err, ynode_get(n, "window"), r->id,
			   "'window' must be line, two-lines or block");
		return -1;
	}
	return 0;
}

/*
 * Inputs meant to make a backtracking regex explode: long runs of one
 * character class after each keyword, ending in a character that rarely
 * completes a match.  A sane rule finishes each in well under the limit.
 */
static int probe_rule(struct secrets_rules *rs, struct secrets_rule *r,
		      const pcre2_code *code, struct strbuf *msg)
{
	static const char fill[] = "a0 =\"-A_.:/\t";
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
	pcre2_match_context *mctx = pcre2_match_context_create(NULL);
	struct strbuf probe = STRBUF_INIT;
	size_t k, f;
	int ret = 0;

	pcre2_set_match_limit(mctx, SECRETS_MATCH_LIMIT / 4);
	pcre2_set_depth_limit(mctx, SECRETS_DEPTH_LIMIT);
	for (k = 0; k <= r->keywords_nr && !ret; k++) {
		for (f = 0; f < sizeof(fill) - 1 && !ret; f++) {
			int rc, n;

			strbuf_reset(&probe);
			if (k < r->keywords_nr)
				strbuf_addstr(&probe, r->keywords[k]);
			for (n = 0; n < 2000; n++)
				strbuf_addch(&probe, fill[f]);
			strbuf_addstr(&probe, "\x01!");
			rc = pcre2_match(code, (PCRE2_SPTR)probe.buf, probe.len,
					 0, 0, md, mctx);
			if (rc == PCRE2_ERROR_MATCHLIMIT ||
			    rc == PCRE2_ERROR_DEPTHLIMIT ||
			    rc == PCRE2_ERROR_JIT_STACKLIMIT) {
				strbuf_addstr(msg, "catastrophic backtracking: "
					      "the match limit was hit on a "
					      "2000-character probe");
				ret = -1;
			}
		}
	}
	strbuf_release(&probe);
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
	(void)rs;
	return ret;
}

static pcre2_code *rule_compile_opts(struct secrets_rules *rs,
				     struct secrets_rule *r, uint32_t opts,
				     struct strbuf *msg)
{
	pcre2_code *c = compile_regex_opts(r->regex, opts, rs->cctx, msg);
	uint32_t groups;

	if (!c)
		return NULL;
	pcre2_pattern_info(c, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (r->group > (int)groups) {
		strbuf_addf(msg, "secret-group %d but the regex has %u groups",
			    r->group, groups);
		pcre2_code_free(c);
		return NULL;
	}
	if (groups >= 32) {
		strbuf_addstr(msg, "more than 31 capture groups");
		pcre2_code_free(c);
		return NULL;
	}
	r->capture_count = groups;
	if (r->group < 0)
		r->group = groups ? 1 : 0;
	pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	return c;
}

uint32_t secrets_rule_group(const struct secrets_rule *r)
{
	return r->group < 0 ? 0 : (uint32_t)r->group;
}

static pcre2_code *rule_compile(struct secrets_rules *rs,
				struct secrets_rule *r, struct strbuf *msg)
{
	return rule_compile_opts(rs, r, 0, msg);
}

/*
 * The JIT ignores PCRE2_ANCHORED given at match time (pcre2 then falls
 * back to its interpreter, 7x slower), so anchor-word rules have a
 * second code compiled anchored.
 */
static const pcre2_code *rule_code(struct secrets_rules *rs,
				   struct secrets_rule *r, bool anchored,
				   struct strbuf *err)
{
	_Atomic(pcre2_code *) *slot = anchored ? &r->acode : &r->code;
	pcre2_code *c = atomic_load_explicit(slot, memory_order_acquire);
	struct strbuf msg = STRBUF_INIT;

	if (c)
		return c;
	if (atomic_load(&r->compile_failed))
		goto fail;
	pthread_mutex_lock(&rs->compile_lock);
	c = atomic_load_explicit(slot, memory_order_acquire);
	if (!c && !atomic_load(&r->compile_failed)) {
		c = rule_compile_opts(rs, r, anchored ? PCRE2_ANCHORED : 0,
				      &msg);
		if (c)
			atomic_store_explicit(slot, c, memory_order_release);
		else
			atomic_store(&r->compile_failed, 1);
	}
	pthread_mutex_unlock(&rs->compile_lock);
	if (c) {
		strbuf_release(&msg);
		return c;
	}
fail:
	if (err)
		strbuf_addf(err, "%s: rule '%s': %s", r->where, r->id,
			    msg.len ? msg.buf : "regex does not compile");
	strbuf_release(&msg);
	return NULL;
}

const pcre2_code *secrets_rule_code(struct secrets_rules *rs,
				    struct secrets_rule *r, struct strbuf *err)
{
	return rule_code(rs, r, false, err);
}

const pcre2_code *secrets_rule_code_anchored(struct secrets_rules *rs,
					     struct secrets_rule *r,
					     struct strbuf *err)
{
	return rule_code(rs, r, true, err);
}

const pcre2_code *secrets_allowlist_code(struct secrets_rules *rs,
					 const struct secrets_allowlist *al,
					 size_t i)
{
	pcre2_code *c = atomic_load_explicit(&al->regexes[i],
					     memory_order_acquire);
	struct strbuf msg = STRBUF_INIT;

	if (c)
		return c;
	pthread_mutex_lock(&rs->compile_lock);
	c = atomic_load_explicit(&al->regexes[i], memory_order_acquire);
	if (!c) {
		/*
		 * No JIT: an allowlist regex only ever sees a candidate
		 * (a secret, a match or its line), and the build proved
		 * that it compiles.
		 */
		c = compile_regex(al->sources[i], rs->cctx, &msg);
		if (c)
			atomic_store_explicit(&al->regexes[i], c,
					      memory_order_release);
	}
	pthread_mutex_unlock(&rs->compile_lock);
	strbuf_release(&msg);
	return c;
}

struct secrets_ac *secrets_rules_automaton(const struct secrets_rules *rs)
{
	const char **kw = NULL;
	uint32_t *ids = NULL;
	size_t nr = 0, alloc = 0, ids_alloc = 0, i, j;
	struct secrets_ac *ac;

	for (i = 0; i < rs->nr; i++) {
		const struct secrets_rule *r = rs->rules[i];

		for (j = 0; j < r->keywords_nr; j++) {
			ALLOC_GROW(kw, nr + 1, alloc);
			ALLOC_GROW(ids, nr + 1, ids_alloc);
			kw[nr] = r->keywords[j];
			ids[nr++] = (uint32_t)i;
		}
	}
	ac = secrets_ac_build(kw, ids, nr);
	free(kw);
	free(ids);
	return ac;
}

int secrets_rules_compile_all(struct secrets_rules *rs, struct strbuf *err)
{
	size_t i, j;

	for (i = 0; i < rs->nr; i++) {
		struct secrets_rule *r = rs->rules[i];

		if (!secrets_rule_code(rs, r, err))
			return -1;
		for (j = 0; j < r->allow.regexes_nr; j++) {
			if (secrets_allowlist_code(rs, &r->allow, j))
				continue;
			strbuf_addf(err, "%s: rule '%s': allowlist regex %zu "
				    "does not compile", r->where, r->id, j + 1);
			return -1;
		}
	}
	return 0;
}

static int parse_examples(struct secrets_rule *r, const struct ynode *n,
			  struct strbuf *err)
{
	if (ynode_check_keys(n, example_keys, NULL, "examples", err))
		return -1;
	if (get_strings(n, "match", false, &r->match_examples, &r->match_nr,
			    err) < 0 ||
	    get_strings(n, "no-match", false, &r->nomatch_examples,
			    &r->nomatch_nr, err) < 0)
		return -1;
	return 0;
}

static int parse_rule(struct secrets_rules *rs, const struct ynode *n,
		      bool user, struct secrets_rule **out, struct strbuf *err)
{
	struct secrets_rule *r = xcalloc(1, sizeof(*r));
	const char *id = NULL, *s = NULL, *reason = NULL;
	const struct ynode *at;
	long long group = -1;

	r->group = -1;
	if (ynode_check_keys(n, rule_keys, NULL, "a secrets rule", err))
		goto fail;
	if (ynode_get_string(n, "id", &id, err) < 0)
		goto fail;
	if (!id) {
		ynode_error(err, n, "secrets rule without 'id'");
		goto fail;
	}
	if (!valid_id(id)) {
		rule_error(err, ynode_get(n, "id"), id,
			   "ids use lowercase letters, digits, '-', '_', '.'");
		goto fail;
	}
	r->id = xstrdup(id);
	r->full_id = xstrfmt("secrets/%s", id);
	r->where = xstrfmt("%s:%d:%d", n->file ? n->file : "<rules>", n->line,
			   n->column);
	r->user = user;
	r->generic = starts_with(id, "generic");
	if (ynode_get_string(n, "description", &s, err) < 0)
		goto fail;
	r->description = xstrdup(s ? s : id);
	s = NULL;
	if (ynode_get_string(n, "regex", &s, err) < 0)
		goto fail;
	if (!s || !*s) {
		rule_error(err, n, id, "missing 'regex'");
		goto fail;
	}
	{
		struct strbuf re = STRBUF_INIT, msg = STRBUF_INIT;

		if (secrets_rules_expand(rs, s, &re, &msg)) {
			rule_error(err, ynode_get(n, "regex"), id, msg.buf);
			strbuf_release(&re);
			strbuf_release(&msg);
			goto fail;
		}
		r->regex = strbuf_detach(&re, NULL);
		strbuf_release(&msg);
	}
	if (ynode_get_int(n, "secret-group", 0, 31, &group, err) < 0)
		goto fail;
	r->group = (int)group;
	if (get_strings(n, "keywords", true, &r->keywords, &r->keywords_nr,
			      err) < 0)
		goto fail;
	if (ynode_get_string(n, "no-keywords-reason", &reason, err) < 0)
		goto fail;
	for (size_t i = 0; i < r->keywords_nr; i++) {
		if (!r->keywords[i][0]) {
			rule_error(err, ynode_get(n, "keywords"), id,
				   "empty keyword");
			goto fail;
		}
	}
	if (!r->keywords_nr && !reason) {
		rule_error(err, n, id, "no 'keywords' (the prefilter needs "
			   "them; give 'no-keywords-reason' if it cannot)");
		goto fail;
	}
	if (ynode_get_double(n, "entropy", 0, 8, &r->entropy, err) < 0)
		goto fail;
	s = NULL;
	if (ynode_get_string(n, "validate", &s, err) < 0)
		goto fail;
	if (!s) {
		r->validate = SECRETS_VALIDATE_NONE;
	} else if (!strcmp(s, "github-crc32")) {
		r->validate = SECRETS_VALIDATE_GITHUB_CRC32;
	} else if (!strcmp(s, "npm-crc32")) {
		r->validate = SECRETS_VALIDATE_NPM_CRC32;
	} else if (!strcmp(s, "jwt")) {
		r->validate = SECRETS_VALIDATE_JWT;
	} else if (!strcmp(s, "basic-auth")) {
		r->validate = SECRETS_VALIDATE_BASIC_AUTH;
	} else {
		rule_error(err, ynode_get(n, "validate"), id,
			   "'validate' must be one of github-crc32, "
			   "npm-crc32, jwt, basic-auth");
		goto fail;
	}
	if (get_globs(n, "paths", &r->paths, &r->paths_owned, err) < 0)
		goto fail;
	if (get_window(n, r, err) < 0)
		goto fail;
	s = NULL;
	if (ynode_get_string(n, "anchor", &s, err) < 0)
		goto fail;
	if (s && check_anchor(n, r, s, err))
		goto fail;
	if ((at = ynode_get(n, "allowlist")) &&
	    secrets_allowlist_parse(&r->allow, at, rs, err))
		goto fail;
	if ((at = ynode_get(n, "examples")) && parse_examples(r, at, err))
		goto fail;

	if (user) {
		struct strbuf msg = STRBUF_INIT;
		pcre2_code *c = rule_compile(rs, r, &msg);

		if (!c || probe_rule(rs, r, c, &msg)) {
			rule_error(err, ynode_get(n, "regex"), id, msg.buf);
			strbuf_release(&msg);
			if (c)
				pcre2_code_free(c);
			goto fail;
		}
		atomic_store(&r->code, c);
		strbuf_release(&msg);
	}
	*out = r;
	return 0;
fail:
	rule_free(r);
	return -1;
}

int secrets_rules_load(struct secrets_rules *rs, const struct ynode *seq,
		       bool user, struct strbuf *err)
{
	size_t i, j;

	if (seq->kind != YNODE_SEQ) {
		ynode_error(err, seq, "'rules' must be a list of rules");
		return -1;
	}
	for (i = 0; i < seq->nr; i++) {
		struct secrets_rule *r;

		if (parse_rule(rs, seq->items[i], user, &r, err))
			return -1;
		rs->builtin_only = false;
		for (j = 0; j < rs->nr; j++) {
			if (strcmp(rs->rules[j]->id, r->id))
				continue;
			if (!user) {
				rule_error(err, seq->items[i], r->id,
					   "duplicate rule id");
				rule_free(r);
				return -1;
			}
			rule_free(rs->rules[j]);
			rs->rules[j] = r;
			r = NULL;
			break;
		}
		if (r) {
			ALLOC_GROW(rs->rules, rs->nr + 1, rs->alloc);
			rs->rules[rs->nr++] = r;
		}
	}
	return 0;
}

int secrets_rules_load_pack(struct secrets_rules *rs,
			    const struct ynode *root, struct strbuf *err)
{
	static const char *const pack_keys[] = { "rules", "version",
						 "description", "fragments",
						 NULL };
	const struct ynode *seq, *frags;

	if (ynode_check_keys(root, pack_keys, NULL, "a rule pack", err))
		return -1;
	seq = ynode_get(root, "rules");
	if (!seq) {
		ynode_error(err, root, "rule pack without 'rules'");
		return -1;
	}
	if ((frags = ynode_get(root, "fragments")) &&
	    load_fragments(rs, frags, err))
		return -1;
	return secrets_rules_load(rs, seq, false, err);
}

int secrets_rules_load_file(struct secrets_rules *rs, struct ydoc *doc,
			    const char *path, struct strbuf *err)
{
	if (ydoc_load_file(doc, path, err))
		return -1;
	if (!doc->root) {
		strbuf_addf(err, "%s: empty rule pack", path);
		return -1;
	}
	return secrets_rules_load_pack(rs, doc->root, err);
}

int secrets_rules_disable(struct secrets_rules *rs, const struct ynode *list,
			  struct strbuf *err)
{
	size_t i, j;

	if (list->kind == YNODE_SCALAR) {
		ynode_error(err, list, "'disable' must be a list of rule ids");
		return -1;
	}
	if (list->kind != YNODE_SEQ) {
		ynode_error(err, list, "'disable' must be a list of rule ids");
		return -1;
	}
	for (i = 0; i < list->nr; i++) {
		const struct ynode *n = list->items[i];
		const char *id;

		if (n->kind != YNODE_SCALAR) {
			ynode_error(err, n, "'disable' must be a list of rule ids");
			return -1;
		}
		id = n->value;
		if (starts_with(id, "secrets/"))
			id += strlen("secrets/");
		for (j = 0; j < rs->nr; j++)
			if (!strcmp(rs->rules[j]->id, id))
				break;
		if (j == rs->nr) {
			ynode_error(err, n, "unknown secrets rule '%s'", n->value);
			return -1;
		}
		rule_free(rs->rules[j]);
		rs->builtin_only = false;
		memmove(rs->rules + j, rs->rules + j + 1,
			(rs->nr - j - 1) * sizeof(*rs->rules));
		rs->nr--;
	}
	return 0;
}
