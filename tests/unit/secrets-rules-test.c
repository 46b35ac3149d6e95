/*
 * The examples of the shipped rule pack ($GATE_RULES_DIR/secrets.yml):
 * every `match` example gives exactly one finding, of its rule; every
 * `no-match` example gives none of its rule.  Also checks the pack's
 * shape: enough rules, keywords everywhere, examples for every rule.
 */
#include <unistd.h>

#include "glob.h"
#include "secrets-test-util.h"
#include "tap.h"

static bool same_list(char *const *a, size_t an, char *const *b, size_t bn)
{
	size_t i;

	if (an != bn)
		return false;
	for (i = 0; i < an; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}

static size_t count(const char *const *list)
{
	size_t n = 0;

	while (list && list[n])
		n++;
	return n;
}

/*
 * The pack compiled into gate (secrets-packgen) is the YAML pack: same
 * rules, fields and allowlists, and the same findings on the examples.
 */
/*
 * Where a rule's examples are scanned: example.txt, or for a rule with a
 * path scope a file in it (its first glob without the directories a
 * double star stands for, "*" read as "example"), so a .pgpass rule sees
 * a .pgpass.  A rule that leaves text files to another (its allowlist
 * names *.txt) sees example.src.
 */
static void example_path(struct strbuf *where, const struct secrets_rule *r)
{
	const char *g;

	strbuf_reset(where);
	if (!r->paths || !r->paths[0]) {
		if (r->allow.paths &&
		    glob_match_any((const char *const *)r->allow.paths,
				   "example.txt"))
			strbuf_addstr(where, "example.src");
		else
			strbuf_addstr(where, "example.txt");
		return;
	}
	for (g = r->paths[0]; *g; g++) {
		if (!strncmp(g, "**/", 3))
			g += 2;
		else if (*g == '*')
			strbuf_addstr(where, "example");
		else
			strbuf_addch(where, *g);
	}
}

/*
 * A match example is one line (or block) of a file: with ordinary lines
 * before and after it, the rule still finds it once.  An example alone
 * hides a regex that only matches at the end of the text ("$" without
 * (?m) in a window of two lines).  Rules without keywords read whole
 * files of one shape, so they are not asked this.
 */
static void check_in_file(struct secrets_engine *eng,
			  const struct secrets_rule *r, const char *path,
			  const char *ex, size_t nth)
{
	struct secrets_scanner sc;
	char *text = xstrfmt("first line\n%s\nlast line\n", ex);

	stu_scan(&sc, eng, path, text, strlen(text));
	ok(sc.hits_nr == 1 && sc.hits[0].rule == r,
	   "rule %s: match example %zu inside a file gives one finding "
	   "of the rule (%zu, first %s)", r->id, nth, sc.hits_nr,
	   sc.hits_nr ? sc.hits[0].rule->id : "-");
	secrets_scanner_release(&sc);
	free(text);
}

static void test_builtin(struct secrets_engine *yaml)
{
	struct secrets_engine eng;
	size_t i, j, same = 0, examples = 0, found = 0;
	struct strbuf where = STRBUF_INIT;

	secrets_engine_init(&eng);
	secrets_rules_load_builtin(&eng.rules);
	secrets_engine_build(&eng);
	is_int(eng.rules.nr, yaml->rules.nr, "built-in pack: %zu rules",
	       eng.rules.nr);
	for (i = 0; i < eng.rules.nr && i < yaml->rules.nr; i++) {
		struct secrets_rule *b = eng.rules.rules[i];
		struct secrets_rule *y = yaml->rules.rules[i];

		if (!strcmp(b->id, y->id) && !strcmp(b->regex, y->regex) &&
		    !strcmp(b->description, y->description) &&
		    !strcmp(b->full_id, y->full_id) &&
		    b->group == y->group && b->entropy == y->entropy &&
		    b->validate == y->validate && b->generic == y->generic &&
		    b->window == y->window &&
		    same_list(b->keywords, b->keywords_nr, y->keywords,
			      y->keywords_nr) &&
		    same_list((char *const *)b->paths, count(b->paths),
			      (char *const *)y->paths, count(y->paths)) &&
		    same_list((char *const *)b->allow.sources,
			      b->allow.regexes_nr,
			      (char *const *)y->allow.sources,
			      y->allow.regexes_nr) &&
		    same_list(b->allow.stopwords, b->allow.stopwords_nr,
			      y->allow.stopwords, y->allow.stopwords_nr) &&
		    same_list((char *const *)b->allow.paths,
			      count(b->allow.paths),
			      (char *const *)y->allow.paths,
			      count(y->allow.paths)) &&
		    b->allow.target == y->allow.target)
			same++;
		else
			printf("# built-in rule %s differs\n", b->id);
		for (j = 0; j < y->match_nr; j++) {
			struct secrets_scanner sc;
			const char *ex = y->match_examples[j];

			example_path(&where, y);
			stu_scan(&sc, &eng, where.buf, ex, strlen(ex));
			examples++;
			found += sc.hits_nr == 1 && sc.hits[0].rule == b;
			secrets_scanner_release(&sc);
		}
	}
	is_int(same, yaml->rules.nr, "built-in rules equal the YAML ones");
	strbuf_release(&where);
	is_int(found, examples, "built-in pack finds every match example "
	       "(%zu)", examples);
	secrets_engine_release(&eng);
}

int main(void)
{
	const char *dir = getenv("GATE_RULES_DIR");
	struct secrets_engine eng;
	char *path;
	size_t i, j, nokw = 0, noex = 0;
	struct strbuf where = STRBUF_INIT;
	uint64_t t0;

	if (!dir) {
		tap_skip("GATE_RULES_DIR is not set");
		return tap_done();
	}
	path = xstrfmt("%s/secrets.yml", dir);
	if (access(path, R_OK)) {
		tap_skip("the rule pack secrets.yml is not there yet");
		free(path);
		return tap_done();
	}
	t0 = gate_now_ns();
	if (!ok(!stu_load(&eng, path), "load %s", path)) {
		free(path);
		return tap_done();
	}
	printf("# loaded %zu rules in %.2f ms\n", eng.rules.nr,
	       (gate_now_ns() - t0) / 1e6);
	ok(eng.rules.nr >= 150, "at least 150 rules (%zu)", eng.rules.nr);
	for (i = 0; i < eng.rules.nr; i++) {
		struct secrets_rule *r = eng.rules.rules[i];
		struct strbuf err = STRBUF_INIT;

		ok(secrets_rule_code(&eng.rules, r, &err) != NULL,
		   "rule %s compiles%s%s", r->id, err.len ? ": " : "", err.buf);
		strbuf_release(&err);
		nokw += !r->keywords_nr;
		noex += !r->match_nr;
		example_path(&where, r);
		for (j = 0; j < r->match_nr; j++) {
			struct secrets_scanner sc;
			const char *ex = r->match_examples[j];

			stu_scan(&sc, &eng, where.buf, ex, strlen(ex));
			ok(sc.hits_nr == 1 && sc.hits[0].rule == r,
			   "rule %s: match example %zu gives one finding "
			   "of the rule (%zu, first %s)", r->id, j + 1,
			   sc.hits_nr, sc.hits_nr ? sc.hits[0].rule->id : "-");
			secrets_scanner_release(&sc);
			if (r->keywords_nr)
				check_in_file(&eng, r, where.buf, ex, j + 1);
		}
		for (j = 0; j < r->nomatch_nr; j++) {
			struct secrets_scanner sc;
			const char *ex = r->nomatch_examples[j];
			size_t k, bad = 0;

			stu_scan(&sc, &eng, where.buf, ex, strlen(ex));
			for (k = 0; k < sc.hits_nr; k++)
				bad += sc.hits[k].rule == r;
			is_int(bad, 0, "rule %s: no-match example %zu",
			       r->id, j + 1);
			secrets_scanner_release(&sc);
		}
	}
	ok(nokw * 20 <= eng.rules.nr, "rules without keywords are rare (%zu)",
	   nokw);
	is_int(noex, 0, "every rule has a match example");
	test_builtin(&eng);
	secrets_engine_release(&eng);
	free(path);
	strbuf_release(&where);
	return tap_done();
}
