/*
 * The shared conformance data for commit messages: cases from the test
 * suites of commitlint, conventional-commits-parser and
 * action-semantic-pull-request and the specification's examples.
 *
 *   spec mode        agrees with `valid_conventional` (and type, scope,
 *                    breaking, subject) on every case not marked
 *                    ambiguous.  The spec's verdict is about the text, and
 *                    the ignore list decides which messages are judged at
 *                    all, so the ignores are off for this half.
 *   commitlint mode  agrees with the recorded verdict of @commitlint/cli
 *                    with config-conventional (stdin), and with the names
 *                    of its failing error and warning rules, on every case.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "commit-title-util.h"

static void rule_set(struct strbuf *sb, const struct gate_result *r,
		     enum gate_severity sev)
{
	const char *names[64];
	size_t i, j, nr = 0;

	for (i = 0; i < r->findings_nr && nr < 64; i++)
		if (r->findings[i].severity == sev)
			names[nr++] = r->findings[i].rule +
				      strlen("commit-title/");
	/* sorted, as the conformance file lists them */
	for (i = 1; i < nr; i++)
		for (j = i; j && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	strbuf_reset(sb);
	for (i = 0; i < nr; i++)
		strbuf_addf(sb, "%s%s", i ? "," : "", names[i]);
}

static void json_rule_set(struct strbuf *sb, json_t *arr)
{
	const char *names[64];
	size_t i, j, nr = 0;

	for (i = 0; i < json_array_size(arr) && nr < 64; i++)
		names[nr++] = json_string_value(json_array_get(arr, i));
	for (i = 1; i < nr; i++)
		for (j = i; j && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	strbuf_reset(sb);
	for (i = 0; i < nr; i++)
		strbuf_addf(sb, "%s%s", i ? "," : "", names[i]);
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void spec_case(struct ct_harness *h, json_t *c, const char *id,
		      const char *text, size_t len)
{
	struct gate_task t;
	bool want = json_is_true(json_object_get(c, "valid_conventional"));
	bool got;

	if (json_is_true(json_object_get(c, "ambiguous"))) {
		char why[128];

		snprintf(why, sizeof(why), "spec %s: ambiguous", id);
		tap_skip(why);
		return;
	}
	ct_judge(h, GATE_MESSAGE_COMMIT, text, len, '#', &t);
	got = ct_errors(&t.result) == 0;
	if (got == want && want) {
		const char *bw = json_is_true(json_object_get(c, "breaking"))
				 ? "true" : "false";

		got = same(ct_metric(&t.result, "type"), jstr(c, "type")) &&
		      same(ct_metric(&t.result, "scope"), jstr(c, "scope")) &&
		      same(ct_metric(&t.result, "subject"),
			   jstr(c, "subject")) &&
		      same(ct_metric(&t.result, "breaking"), bw);
		if (!ok(got, "spec %s: valid, type/scope/subject/breaking",
			id))
			printf("# got type=%s scope=%s subject=%s "
			       "breaking=%s\n",
			       ct_metric(&t.result, "type"),
			       ct_metric(&t.result, "scope"),
			       ct_metric(&t.result, "subject"),
			       ct_metric(&t.result, "breaking"));
	} else if (!ok(got == want, "spec %s: %s", id,
		       want ? "valid" : "invalid")) {
		size_t i;

		for (i = 0; i < t.result.findings_nr; i++)
			printf("# %s: %s\n", t.result.findings[i].rule,
			       t.result.findings[i].message);
	}
	gate_result_release(&t.result);
}

static void commitlint_case(struct ct_harness *h, json_t *c, const char *id,
			    const char *text, size_t len)
{
	json_t *cl = json_object_get(c, "commitlint");
	struct strbuf ge = STRBUF_INIT, gw = STRBUF_INIT;
	struct strbuf we = STRBUF_INIT, ww = STRBUF_INIT;
	struct gate_task t;
	bool want = json_is_true(json_object_get(cl, "valid"));
	bool got;

	ct_judge(h, GATE_MESSAGE_COMMIT, text, len, '#', &t);
	got = ct_errors(&t.result) == 0;
	rule_set(&ge, &t.result, GATE_SEVERITY_ERROR);
	rule_set(&gw, &t.result, GATE_SEVERITY_WARNING);
	json_rule_set(&we, json_object_get(cl, "errors"));
	json_rule_set(&ww, json_object_get(cl, "warnings"));
	if (!ok(got == want && !strcmp(ge.buf, we.buf) &&
		!strcmp(gw.buf, ww.buf), "commitlint %s: %s [%s] [%s]", id,
		want ? "valid" : "invalid", we.buf, ww.buf))
		printf("# got %s errors [%s] warnings [%s]\n",
		       got ? "valid" : "invalid", ge.buf, gw.buf);
	gate_result_release(&t.result);
	strbuf_release(&ge);
	strbuf_release(&gw);
	strbuf_release(&we);
	strbuf_release(&ww);
}

int main(void)
{
	const char *dir = getenv("GATE_SHARED_DIR");
	struct ct_harness spec, cl;
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	char line[1 << 16];
	FILE *fp;
	size_t cases = 0;

	if (dir)
		strbuf_addf(&path, "%s/conformance/commit-messages.jsonl",
			    dir);
	if (!dir || !(fp = fopen(path.buf, "r"))) {
		tap_skip("conformance/commit-messages.jsonl not found "
			 "(set GATE_SHARED_DIR)");
		strbuf_release(&path);
		return tap_done();
	}
	if (ct_harness_init(&spec, "mode: spec\ndefault-ignores: false\n",
			    &err) < 0 ||
	    ct_harness_init(&cl, "mode: commitlint\n", &err) < 0) {
		ok(0, "set up: %s", err.buf);
		return tap_done();
	}
	while (fgets(line, sizeof(line), fp)) {
		json_error_t jerr;
		json_t *c = json_loads(line, 0, &jerr);
		json_t *msg;
		const char *id;

		if (!c) {
			ok(0, "parse line: %s", jerr.text);
			continue;
		}
		id = jstr(c, "id");
		msg = json_object_get(c, "message");
		if (!id || !json_is_string(msg)) {
			ok(0, "case without id or message");
			json_decref(c);
			continue;
		}
		cases++;
		spec_case(&spec, c, id, json_string_value(msg),
			  json_string_length(msg));
		commitlint_case(&cl, c, id, json_string_value(msg),
				json_string_length(msg));
		json_decref(c);
	}
	fclose(fp);
	ok(cases >= 200, "read %zu cases", cases);
	ct_harness_release(&spec);
	ct_harness_release(&cl);
	strbuf_release(&path);
	strbuf_release(&err);
	return tap_done();
}
