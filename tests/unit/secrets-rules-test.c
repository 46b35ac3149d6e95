/*
 * The examples of the shipped rule pack ($GATE_RULES_DIR/secrets.yml):
 * every `match` example gives exactly one finding, of its rule; every
 * `no-match` example gives none of its rule.  Also checks the pack's
 * shape: enough rules, keywords everywhere, examples for every rule.
 */
#include <unistd.h>

#include "secrets-test-util.h"
#include "tap.h"

int main(void)
{
	const char *dir = getenv("GATE_RULES_DIR");
	struct secrets_engine eng;
	char *path;
	size_t i, j, nokw = 0, noex = 0;
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
		for (j = 0; j < r->match_nr; j++) {
			struct secrets_scanner sc;
			const char *ex = r->match_examples[j];

			stu_scan(&sc, &eng, "example.txt", ex, strlen(ex));
			ok(sc.hits_nr == 1 && sc.hits[0].rule == r,
			   "rule %s: match example %zu gives one finding "
			   "of the rule (%zu, first %s)", r->id, j + 1,
			   sc.hits_nr, sc.hits_nr ? sc.hits[0].rule->id : "-");
			secrets_scanner_release(&sc);
		}
		for (j = 0; j < r->nomatch_nr; j++) {
			struct secrets_scanner sc;
			const char *ex = r->nomatch_examples[j];
			size_t k, bad = 0;

			stu_scan(&sc, &eng, "example.txt", ex, strlen(ex));
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
	secrets_engine_release(&eng);
	free(path);
	return tap_done();
}
