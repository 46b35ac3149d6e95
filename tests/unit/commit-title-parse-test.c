/*
 * Unit tests of the commit-title parser, cleanup, ignores and rules, and
 * of the checker's run() and finish() on hand-made messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "cc-parse.h"
#include "commit-title-rules.h"
#include "commit-title-util.h"

static void parse(struct cc_message *m, enum cc_flavour f, const char *s)
{
	cc_parse(m, f, s, strlen(s));
}

static void test_spec_header(void)
{
	struct cc_message m;

	cc_message_init(&m);
	parse(&m, CC_SPEC, "feat(api)!: send mail\n\nbody\n\nRefs: #1\n");
	is_int(m.status, CC_HEADER_OK, "spec: header ok");
	is_str(m.type, "feat", "spec: type");
	is_str(m.scope, "api", "spec: scope");
	is_str(m.subject, "send mail", "spec: subject");
	ok(m.bang && m.breaking, "spec: ! is breaking");
	is_str(m.body, "body", "spec: body");
	is_int(m.footers_nr, 1, "spec: one footer");
	is_str(m.footers[0].token, "Refs", "spec: footer token");
	is_str(m.footers[0].value, "#1", "spec: footer value");
	is_int(m.footers[0].line, 5, "spec: footer line");

	parse(&m, CC_SPEC, "fix: x\n\nBREAKING CHANGE: a\nspans lines\n"
	      "\nstill it\nRefs #7\n");
	ok(m.breaking && !m.bang, "spec: footer breaking");
	is_int(m.footers_nr, 2, "spec: two footers");
	is_str(m.footers[0].value, "a\nspans lines\n\nstill it",
	       "spec: multi-line footer value");
	is_str(m.footers[1].value, "#7", "spec: # separator");

	parse(&m, CC_SPEC, "fix: x\n\nBREAKING-CHANGE: y");
	ok(m.breaking, "spec: BREAKING-CHANGE synonym");
	parse(&m, CC_SPEC, "fix: x\n\nbreaking change: y");
	ok(!m.breaking, "spec: lower-case breaking change is not breaking");
	parse(&m, CC_SPEC, "fix: x\n\nbody\nBREAKING CHANGE: y");
	ok(!m.breaking, "spec: footer only after a blank line");
	parse(&m, CC_SPEC, "test:subject");
	is_int(m.status, CC_HEADER_BAD_FORMAT, "spec: no space after colon");
	parse(&m, CC_SPEC, ": x");
	is_int(m.status, CC_HEADER_NO_TYPE, "spec: no type");
	cc_parse(&m, CC_SPEC, "\0fix: x", 7);
	is_int(m.status, CC_HEADER_BAD_FORMAT,
	       "spec: a NUL byte first is a bad format, not a missing type");
	parse(&m, CC_SPEC, "fix:");
	is_int(m.status, CC_HEADER_NO_DESCRIPTION, "spec: no description");
	parse(&m, CC_SPEC, "fix(): x");
	is_int(m.status, CC_HEADER_BAD_SCOPE, "spec: empty scope");
	parse(&m, CC_SPEC, "fix(a(b)): x");
	is_int(m.status, CC_HEADER_BAD_SCOPE, "spec: nested parentheses");
	parse(&m, CC_SPEC, "fix: x\nbody");
	ok(m.body_not_blank_separated, "spec: body not separated");
	parse(&m, CC_SPEC, "fix: x\r\n\r\nbody\r\n");
	ok(m.crlf && m.body && !strcmp(m.body, "body"), "spec: CRLF lines");
	parse(&m, CC_SPEC, "");
	is_int(m.status, CC_HEADER_EMPTY, "spec: empty");
	cc_message_release(&m);
}

static void test_commitlint_parse(void)
{
	struct cc_message m;

	cc_message_init(&m);
	parse(&m, CC_COMMITLINT, "feat(a): b (c): d");
	is_str(m.scope, "a): b (c", "commitlint: greedy scope");
	is_str(m.subject, "d", "commitlint: subject after greedy scope");
	parse(&m, CC_COMMITLINT, "ty-pe: subject");
	ok(!m.type && !m.subject, "commitlint: '-' is not \\w");
	parse(&m, CC_COMMITLINT, "(scope): subject");
	ok(!m.type && m.scope && m.subject, "commitlint: empty type");
	parse(&m, CC_COMMITLINT, "fix: x\n\nbody\nCloses #12\nmore");
	is_str(m.body, "body", "commitlint: body ends at a reference");
	is_str(m.footer, "Closes #12\nmore", "commitlint: footer");
	parse(&m, CC_COMMITLINT, "fix: x\n\nsee https://x.org/#1 now");
	ok(m.body && !m.footer, "commitlint: # in a URL is no reference");
	parse(&m, CC_COMMITLINT, "fix: x\n\nThis fixes #1476.");
	ok(m.body && !m.footer, "commitlint: '#1476.' is no reference");
	parse(&m, CC_COMMITLINT, "gpg: sig\nfeat: y\n\nBREAKING CHANGE: z");
	is_str(m.type, "feat", "commitlint: gpg lines dropped");
	ok(m.breaking, "commitlint: note is breaking");
	parse(&m, CC_COMMITLINT, "fix: a\rb");
	ok(!m.type, "commitlint: '.' stops at a lone CR");
	parse(&m, CC_COMMITLINT, " \n ");
	is_int(m.status, CC_HEADER_EMPTY, "commitlint: blank message");
	cc_message_release(&m);
}

static void test_cleanup(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *v = "feat: x\n\n\n# Please enter the commit message\n"
			"# ------------------------ >8 ------------------------\n"
			"diff --git a/x b/x\n";

	cc_cleanup_edit(&sb, v, strlen(v), '#');
	is_str(sb.buf, "feat: x\n", "cleanup: comments and scissors");
	v = "\n\nfix: y   \n\n\n\nbody\t\n;comment\n";
	cc_cleanup_edit(&sb, v, strlen(v), ';');
	is_str(sb.buf, "fix: y\n\nbody\n", "cleanup: stripspace, ';' char");
	v = "#1 fix\n; Please enter the message\n";
	is_int(cc_guess_comment_char(v, strlen(v)), ';',
	       "auto: comment char after a '#' message line");
	v = "fix: z\n# Please enter the message\n";
	is_int(cc_guess_comment_char(v, strlen(v)), '#', "auto: default '#'");
	cc_cleanup_edit(&sb, v, strlen(v), 0);
	is_str(sb.buf, "fix: z\n", "cleanup: auto comment char");
	v = "# only comments\n";
	cc_cleanup_edit(&sb, v, strlen(v), '#');
	is_int(sb.len, 0, "cleanup: only comments leaves nothing");
	strbuf_release(&sb);
}

static void test_helpers(void)
{
	struct ct_config cfg;

	ok(cc_line_has_url("see https://example.com/x", 25), "url");
	ok(!cc_line_has_url("xhttps://example.com", 20), "url needs \\b");
	is_int(cc_utf16_len("a\xf0\x9f\x98\x80", 5), 3, "utf16: emoji is 2");
	is_int(cc_codepoint_len("a\xf0\x9f\x98\x80", 5), 2, "code points");
	ok(ct_semver_valid("v1.2.3-beta.1+b.5", 17), "semver valid");
	ok(!ct_semver_valid("1.2", 3), "semver needs three parts");
	ok(!ct_semver_valid("01.2.3", 6), "semver leading zero");
	ok(!ct_semver_valid("1.2.3-01", 8), "semver numeric prerelease zero");

	ct_config_defaults(&cfg, CC_COMMITLINT);
	is_str(ct_ignored(&cfg, "Merge branch 'x'", 16), "merge", "ignore merge");
	is_str(ct_ignored(&cfg, "feat: a\n\nMerge branch 'b'", 25), "merge",
	       "ignore: merge line anywhere, as commitlint");
	is_str(ct_ignored(&cfg, "Revert \"feat: a\"", 16), "revert",
	       "ignore revert");
	is_str(ct_ignored(&cfg, "fixup! feat: a", 14), "autosquash",
	       "ignore fixup!");
	is_str(ct_ignored(&cfg, "chore(release): 2.3.3-beta.1 [skip ci]", 38),
	       "version", "ignore version bump");
	ok(!ct_ignored(&cfg, "feat: 1.2.3", 11), "feat: 1.2.3 is judged");
	ok(!ct_ignored(&cfg, "Merge into x", 12), "'Merge into x' is judged");
	cfg.default_ignores = false;
	ok(!ct_ignored(&cfg, "Merge branch 'x'", 16), "ignores switch off");
	ct_config_release(&cfg);
}

static void test_rules(void)
{
	struct ct_harness h;
	struct strbuf err = STRBUF_INIT;
	struct gate_task t;
	const struct gate_finding *f;
	const char *s;

	if (ct_harness_init(&h, NULL, &err) < 0) {
		ok(0, "default setup: %s", err.buf);
		return;
	}
	s = "Fix stuff";
	ct_judge(&h, GATE_MESSAGE_EDIT, s, strlen(s), '#', &t);
	f = ct_finding(&t.result, "commit-title/type-empty");
	ok(f && strstr(f->message, "fix(parser): handle empty input"),
	   "'Fix stuff' shows what a valid header looks like");
	gate_result_release(&t.result);

	s = "fix: API returns 500 on empty body";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	is_int(t.result.findings_nr, 0, "subject-case: acronym passes");
	gate_result_release(&t.result);
	s = "fix: NULL-terminate the rule names";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	is_int(t.result.findings_nr, 0, "subject-case: hyphenated acronym passes");
	gate_result_release(&t.result);
	s = "feat: Conventional Commits parser";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	is_int(t.result.findings_nr, 0, "subject-case: two-word proper noun passes");
	gate_result_release(&t.result);
	s = "docs: GitHub Actions example";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	is_int(t.result.findings_nr, 0, "subject-case: proper noun passes");
	gate_result_release(&t.result);
	s = "fix: Fix bug";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	f = ct_finding(&t.result, "commit-title/subject-case");
	ok(f && strstr(f->message, "write 'fix bug'"),
	   "subject-case: sentence case fails with a suggestion");
	gate_result_release(&t.result);
	/* commitlint drops gpg lines, leaving an empty header here. */
	s = "gpg: Signature made\n\nfix: x";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	ok(ct_finding(&t.result, "commit-title/type-empty") &&
	   !ct_finding(&t.result, "commit-title/header-max-length"),
	   "empty header: type-empty, not header-max-length");
	gate_result_release(&t.result);
	s = "fix: HTTP SERVER DOWN";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	ok(ct_finding(&t.result, "commit-title/subject-case") != NULL,
	   "subject-case: shouting is no acronym");
	gate_result_release(&t.result);

	s = "chore(deps): bump x from 1 to 2\n\nBumps x.\n\n"
	    "<li>a very long release note line that no human wrote and that "
	    "no one can wrap without editing the bot output, longer than 100"
	    "</li>\n\nSigned-off-by: dependabot[bot] <support@github.com>\n";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	is_int(ct_errors(&t.result), 0, "dependabot body is exempt");
	gate_result_release(&t.result);

	s = "feat: x\n# Please enter\n# ------------------------ >8 "
	    "------------------------\nLong diff line that would break "
	    "body-max-line-length and body-leading-blank if it were judged "
	    "xxxxxxxxxxxxxxxxxxx\n";
	ct_judge(&h, GATE_MESSAGE_EDIT, s, strlen(s), '#', &t);
	is_int(t.result.findings_nr, 0, "commit -v: below scissors ignored");
	is_str(ct_metric(&t.result, "type"), "feat", "metric type");
	gate_result_release(&t.result);

	s = "# Please enter the commit message\n";
	ct_judge(&h, GATE_MESSAGE_EDIT, s, strlen(s), '#', &t);
	ok(!t.result.findings_nr && t.result.skipped,
	   "empty after cleanup: git's business");
	gate_result_release(&t.result);

	s = "[WIP] feat: half done";
	ct_judge(&h, GATE_MESSAGE_TITLE, s, strlen(s), 0, &t);
	ok(t.result.pending && !t.result.findings_nr, "[WIP] title pending");
	gate_result_release(&t.result);

	s = "feat: title\nsecond line is ignored for a title";
	ct_judge(&h, GATE_MESSAGE_TITLE, s, strlen(s), 0, &t);
	is_int(t.result.findings_nr, 0, "title: header rules only");
	gate_result_release(&t.result);

	ct_judge(&h, GATE_MESSAGE_COMMIT, "fix: a\0b", 8, '#', &t);
	f = ct_finding(&t.result, "commit-title/encoding");
	ok(f && f->severity == GATE_SEVERITY_ERROR, "NUL byte is a finding");
	gate_result_release(&t.result);
	ct_judge(&h, GATE_MESSAGE_COMMIT, "fix: caf\xe9", 9, '#', &t);
	f = ct_finding(&t.result, "commit-title/encoding");
	ok(f && strstr(f->message, "offset 8"), "invalid UTF-8 names offset");
	gate_result_release(&t.result);
	/* A stray continuation byte right after ASCII: the bisection this
	 * replaced backed up onto the previous character. */
	ct_judge(&h, GATE_MESSAGE_COMMIT, "fix: abc\x80", 9, '#', &t);
	f = ct_finding(&t.result, "commit-title/encoding");
	ok(f && strstr(f->message, "offset 8"),
	   "stray continuation byte: its own offset (%s)",
	   f ? f->message : "no finding");
	gate_result_release(&t.result);
	ct_judge(&h, GATE_MESSAGE_COMMIT, "fix: \xf0\x9f\x98\x80 \xc3", 11, '#',
		 &t);
	f = ct_finding(&t.result, "commit-title/encoding");
	ok(f && strstr(f->message, "offset 10"),
	   "truncated sequence after an emoji: its offset (%s)",
	   f ? f->message : "no finding");
	gate_result_release(&t.result);
	{
		/* A title buffer that is not NUL-terminated. */
		char *wi = xmalloc(3);

		memcpy(wi, "[WI", 3);
		ct_judge(&h, GATE_MESSAGE_TITLE, wi, 3, 0, &t);
		ok(!t.result.pending, "3-byte title is not [WIP]");
		gate_result_release(&t.result);
		free(wi);
	}
	{
		size_t n = (2u << 20) + 10;
		char *big = xmalloc(n);

		memset(big, 'a', n);
		memcpy(big, "fix: x\n\n", 8);
		ct_judge(&h, GATE_MESSAGE_COMMIT, big, n, '#', &t);
		ok(ct_finding(&t.result, "commit-title/message-size") != NULL,
		   "a 2 MiB message is a finding, not a crash");
		gate_result_release(&t.result);
		free(big);
	}
	ct_harness_release(&h);

	if (ct_harness_init(&h, "mode: spec\nrules:\n  type-enum: [feat, fix]\n"
			    "  scope-enum:\n    values: [core, '/ui-.*/']\n"
			    "  subject-pattern:\n    pattern: '[a-z].*'\n"
			    "    message: start with a lower-case verb\n",
			    &err) < 0) {
		ok(0, "spec setup: %s", err.buf);
		return;
	}
	s = "FEAT(core,ui-x): add it";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	is_int(t.result.findings_nr, 0,
	       "spec: type case-insensitive, regex scope");
	gate_result_release(&t.result);
	s = "feat(web): Add it";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	ok(ct_finding(&t.result, "commit-title/scope-enum") &&
	   ct_finding(&t.result, "commit-title/subject-pattern") &&
	   !strcmp(ct_finding(&t.result, "commit-title/subject-pattern")
		   ->message, "start with a lower-case verb"),
	   "spec: scope-enum and subject-pattern with message");
	gate_result_release(&t.result);
	s = "feat: x\n\nBREAKING CHANGES: gone";
	ct_judge(&h, GATE_MESSAGE_COMMIT, s, strlen(s), '#', &t);
	f = ct_finding(&t.result, "commit-title/breaking-change");
	ok(f && f->severity == GATE_SEVERITY_WARNING && f->line == 3,
	   "breaking-change: near miss warned on its line");
	gate_result_release(&t.result);
	ct_harness_release(&h);

	ok(ct_harness_init(&h, "rules:\n  type-enum:\n    valuez: [a]\n",
			   &err) < 0 && strstr(err.buf, ".gate.yml:3:"),
	   "unknown rule key: %s", err.buf);
	ct_harness_release(&h);
	strbuf_reset(&err);
	ok(ct_harness_init(&h, "rules:\n  typo-enum: off\n", &err) < 0 &&
	   strstr(err.buf, "typo-enum"), "unknown rule: %s", err.buf);
	ct_harness_release(&h);
	strbuf_reset(&err);
	ok(ct_harness_init(&h, "mode: strict\n", &err) < 0 &&
	   strstr(err.buf, "mode"), "bad mode: %s", err.buf);
	ct_harness_release(&h);
	strbuf_release(&err);
}

static void test_finish(void)
{
	struct ct_harness h;
	struct strbuf err = STRBUF_INIT;
	struct gate_task tasks[3];
	struct gate_result summary = { 0 };
	const char *msgs[] = { "docs: a", "fix: b", "feat: c" };
	size_t i;

	if (ct_harness_init(&h, NULL, &err) < 0) {
		ok(0, "setup: %s", err.buf);
		return;
	}
	for (i = 0; i < 3; i++)
		ct_judge(&h, GATE_MESSAGE_COMMIT, msgs[i], strlen(msgs[i]),
			 '#', &tasks[i]);
	for (i = 0; i < 3; i++)
		tasks[i].message = NULL;
	gate_checker_commit_title.finish(h.state, &h.cs, tasks, 3, &summary,
					 &err);
	is_str(ct_metric(&summary, "bump"), "minor", "bump: feat is minor");
	ok(ct_metric(&summary, "messages") &&
	   strstr(ct_metric(&summary, "messages"), "\"type\":\"fix\""),
	   "per-message metrics move into 'messages'");
	gate_result_release(&summary);
	for (i = 0; i < 3; i++)
		gate_result_release(&tasks[i].result);
	ct_harness_release(&h);
	strbuf_release(&err);
}

int main(void)
{
	test_spec_header();
	test_commitlint_parse();
	test_cleanup();
	test_helpers();
	test_rules();
	test_finish();
	return tap_done();
}
