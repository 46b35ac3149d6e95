/*
 * Unit tests of the pr-size checker: label thresholds and their
 * boundaries, what is and is not counted, option validation, the
 * finding and its message, metrics, and the GitHub Actions output.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pr-size-fixture.h"
#include "tap.h"

/* Label of a change set of one modified file with `add` added lines. */
static const char *label_of(const char *yaml, unsigned add, unsigned del,
			    char *buf, size_t len)
{
	struct prsize_fx fx;
	const char *l;

	if (prsize_fx_setup(&fx, yaml) < 0) {
		printf("# setup: %s\n", fx.err.buf);
		prsize_fx_release(&fx);
		return "setup failed";
	}
	prsize_fx_file(&fx, "src/a.c", 'M', add, del, NULL);
	prsize_fx_run(&fx);
	l = prsize_fx_str(&fx, "label");
	snprintf(buf, len, "%s", l ? l : "(none)");
	prsize_fx_release(&fx);
	return buf;
}

static void test_default_boundaries(void)
{
	static const struct {
		unsigned n;
		const char *label;
	} v[] = {
		{ 0, "XS" }, { 9, "XS" }, { 10, "S" }, { 99, "S" },
		{ 100, "M" }, { 499, "M" }, { 500, "L" }, { 999, "L" },
		{ 1000, "XL" }, { 1000000, "XL" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++)
		is_str(label_of(NULL, v[i].n, 0, buf, sizeof(buf)), v[i].label,
		       "default thresholds: %u lines is %s", v[i].n,
		       v[i].label);
	/* Deletions count by default: 5 + 5 is already S. */
	is_str(label_of(NULL, 5, 5, buf, sizeof(buf)), "S",
	       "additions and deletions add up");
	is_str(label_of("count-deletions: false\n", 5, 500, buf, sizeof(buf)),
	       "XS", "count-deletions: false counts additions only");
}

static void test_custom_thresholds(void)
{
	const char *yaml = "thresholds: {xs: 5, s: 50, m: 200, l: 400}\n"
			   "labels: {xs: size/xs, xl: size/xl}\n";
	char buf[32];

	is_str(label_of(yaml, 4, 0, buf, sizeof(buf)), "size/xs",
	       "custom: 4 is xs, with a custom name");
	is_str(label_of(yaml, 5, 0, buf, sizeof(buf)), "S",
	       "custom: 5 is S");
	is_str(label_of(yaml, 399, 0, buf, sizeof(buf)), "L",
	       "custom: 399 is L");
	is_str(label_of(yaml, 400, 0, buf, sizeof(buf)), "size/xl",
	       "custom: 400 is xl");
}

static void test_file_thresholds(void)
{
	struct prsize_fx fx;
	char path[32];
	int i;

	ok(!prsize_fx_setup(&fx, "file-thresholds: {xs: 2, s: 5, m: 10, "
			    "l: 20}\n"), "file thresholds accepted");
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof(path), "f%02d.c", i);
		prsize_fx_file(&fx, path, 'M', 1, 0, NULL);
	}
	prsize_fx_run(&fx);
	is_int(prsize_fx_int(&fx, "size"), 12, "12 lines");
	is_str(prsize_fx_str(&fx, "label"), "L",
	       "12 files lift a S line count to L");
	is_int(fx.task.result.findings_nr, 1, "L warns");
	if (fx.task.result.findings_nr)
		ok(strstr(fx.task.result.findings[0].message,
			  "L starts at 500 lines or 10 files") != NULL,
		   "message names both thresholds: %s",
		   fx.task.result.findings[0].message);
	prsize_fx_release(&fx);
}

static void test_ignored(void)
{
	struct prsize_fx fx;
	const char *top;

	ok(!prsize_fx_setup(&fx, "ignore: [docs/*.md, '!docs/keep.md']\n"),
	   "setup with ignore globs");
	prsize_fx_file(&fx, "src/main.c", 'M', 40, 10, NULL);
	prsize_fx_file(&fx, "package-lock.json", 'M', 900, 300, NULL);
	prsize_fx_file(&fx, "tools/sub/yarn.lock", 'M', 50, 50, NULL);
	prsize_fx_file(&fx, "pkg/go.sum", 'M', 7, 3, NULL);
	prsize_fx_file(&fx, "web/vendor/lib.js", 'A', 70, 0, NULL);
	prsize_fx_file(&fx, "gen/parser.c", 'M', 3000, 0, "generated");
	prsize_fx_file(&fx, "data/blob.txt", 'M', 300, 0, "-diff");
	prsize_fx_file(&fx, "docs/a.md", 'M', 20, 0, NULL);
	prsize_fx_file(&fx, "docs/keep.md", 'M', 2, 1, NULL);
	prsize_fx_file(&fx, "docs/deep/b.md", 'M', 4, 0, NULL);
	prsize_fx_file(&fx, "old.c", 'D', 0, 200, NULL);
	prsize_fx_file(&fx, "moved.c", 'R', 0, 0, NULL)->old_path =
		NULL;
	prsize_fx_file(&fx, "renamed-and-edited.c", 'R', 3, 2, NULL);
	prsize_fx_run(&fx);
	/* main.c 40/10, keep.md 2/1, deep/b.md 4/0, renamed 3/2 */
	is_int(prsize_fx_int(&fx, "additions"), 49, "counted additions");
	is_int(prsize_fx_int(&fx, "deletions"), 13, "counted deletions");
	is_int(prsize_fx_int(&fx, "size"), 62, "size");
	is_int(prsize_fx_int(&fx, "changed_files"), 4, "changed files");
	is_int(prsize_fx_int(&fx, "ignored_files"), 7,
	       "lock files, vendor/, attributes and docs/*.md ignored");
	is_int(prsize_fx_int(&fx, "ignored_additions"), 4347,
	       "ignored additions");
	is_int(prsize_fx_int(&fx, "deleted_files"), 1, "deleted file apart");
	is_int(prsize_fx_int(&fx, "deleted_file_lines"), 200,
	       "deleted file lines reported");
	is_int(prsize_fx_int(&fx, "renamed_files"), 1, "pure rename apart");
	is_str(prsize_fx_str(&fx, "label"), "S", "label S");
	is_int(fx.task.result.findings_nr, 0, "S is no finding");
	is_int(fx.task.result.notes_nr, 7, "one note per ignored file");
	if (fx.task.result.notes_nr == 7) {
		is_str(fx.task.result.notes[0],
		       "not counted 'package-lock.json': matches default "
		       "ignore glob 'package-lock.json'", "glob note");
		is_str(fx.task.result.notes[4],
		       "not counted 'gen/parser.c': linguist-generated in "
		       ".gitattributes", "attribute note");
		is_str(fx.task.result.notes[5],
		       "not counted 'data/blob.txt': -diff in .gitattributes",
		       "-diff note");
	}
	top = prsize_fx_str(&fx, "largest_files");
	is_str(top, "[{\"path\":\"src/main.c\",\"status\":\"M\","
	       "\"additions\":40,\"deletions\":10},"
	       "{\"path\":\"renamed-and-edited.c\",\"status\":\"R\","
	       "\"additions\":3,\"deletions\":2},"
	       "{\"path\":\"docs/deep/b.md\",\"status\":\"M\","
	       "\"additions\":4,\"deletions\":0},"
	       "{\"path\":\"docs/keep.md\",\"status\":\"M\","
	       "\"additions\":2,\"deletions\":1}]",
	       "breakdown sorted by size, path order on ties");
	prsize_fx_release(&fx);
}

/* Size of the labeler's sample files with one ignore pattern. */
static long long size_with(const char *syntax, const char *pattern)
{
	struct prsize_fx fx;
	struct strbuf yaml = STRBUF_INIT;
	long long n = -1;

	strbuf_addf(&yaml, "default-ignores: false\nglob-syntax: %s\n"
		    "ignore: ['%s']\n", syntax, pattern);
	if (!prsize_fx_setup(&fx, yaml.buf)) {
		prsize_fx_file(&fx, "go.sum", 'M', 1, 0, NULL);
		prsize_fx_file(&fx, "pkg/go.sum", 'M', 10, 0, NULL);
		prsize_fx_file(&fx, "docs/a.md", 'M', 100, 0, NULL);
		prsize_fx_file(&fx, "docs/deep/b.md", 'M', 1000, 0, NULL);
		prsize_fx_file(&fx, "!x", 'M', 10000, 0, NULL);
		prsize_fx_run(&fx);
		n = prsize_fx_int(&fx, "size");
	}
	prsize_fx_release(&fx);
	strbuf_release(&yaml);
	return n;
}

static void test_glob_syntax(void)
{
	/* gitignore: a name without '/' matches at any depth. */
	is_int(size_with("gitignore", "go.sum"), 11100,
	       "gitignore: go.sum matches every go.sum");
	is_int(size_with("labeler", "go.sum"), 11110,
	       "labeler: go.sum matches only the root one");
	/* gitignore: '*' stays inside a directory. */
	is_int(size_with("gitignore", "docs/*"), 11011,
	       "gitignore: docs/* is one level");
	is_int(size_with("gitignore", "docs/**"), 10011,
	       "gitignore: docs/** is every level");
	is_int(size_with("labeler", "docs/*"), 10011,
	       "labeler: * crosses '/'");
	is_int(size_with("labeler", "*.md"), 10011,
	       "labeler: *.md matches at any depth");
	is_int(size_with("labeler", "@(go|x).sum"), 11110,
	       "labeler: bash extglob as in [[ == ]]");
	is_int(size_with("labeler", "!x"), 1111,
	       "labeler: no negation, '!x' is a name");
	is_int(size_with("gitignore", "*.sum"), 11100,
	       "gitignore: *.sum at any depth");
}

static void test_switches(void)
{
	struct prsize_fx fx;
	struct gate_file *f;

	ok(!prsize_fx_setup(&fx, "default-ignores: false\n"
			    "use-attributes: false\n"
			    "count-deleted-files: true\n"
			    "count-binary: false\nbreakdown: 1\n"),
	   "setup with every switch flipped");
	prsize_fx_file(&fx, "go.sum", 'M', 5, 5, NULL);
	prsize_fx_file(&fx, "gen.c", 'M', 7, 0, "generated");
	prsize_fx_file(&fx, "old.c", 'D', 0, 20, NULL);
	prsize_fx_file(&fx, "logo.png", 'M', 0, 0, NULL)->is_binary = true;
	prsize_fx_run(&fx);
	is_int(prsize_fx_int(&fx, "size"), 37, "lock, generated and deleted "
	       "files count");
	is_int(prsize_fx_int(&fx, "ignored_files"), 1, "binary ignored");
	is_int(prsize_fx_int(&fx, "changed_files"), 3, "three counted");
	is_str(prsize_fx_str(&fx, "largest_files"),
	       "[{\"path\":\"old.c\",\"status\":\"D\",\"additions\":0,"
	       "\"deletions\":20}]", "breakdown: 1 keeps the largest");
	prsize_fx_release(&fx);

	ok(!prsize_fx_setup(&fx, "fail-on: XS\n"), "fail on anything");
	f = prsize_fx_file(&fx, "huge.sql", 'M', 0, 0, NULL);
	f->is_binary = f->too_large = true;
	prsize_fx_run(&fx);
	is_int(prsize_fx_int(&fx, "oversized_files"), 1, "oversized file");
	is_int(prsize_fx_int(&fx, "binary_files"), 0, "is not binary");
	ok(fx.task.result.notes_nr == 1 &&
	   !strcmp(fx.task.result.notes[0], "lines of 'huge.sql' not "
		   "counted: over the size cap"), "and is noted");
	ok(fx.task.result.findings_nr == 1 &&
	   strstr(fx.task.result.findings[0].message, "; 1 file over the "
		  "size cap counted as 0 lines"), "the message says so");
	prsize_fx_release(&fx);

	ok(!prsize_fx_setup(&fx, "paths: [src/]\nexclude: ['*.txt']\n"),
	   "common paths and exclude");
	prsize_fx_file(&fx, "src/a.c", 'M', 1, 0, NULL);
	prsize_fx_file(&fx, "src/notes.txt", 'M', 10, 0, NULL);
	prsize_fx_file(&fx, "docs/b.md", 'M', 100, 0, NULL);
	prsize_fx_run(&fx);
	is_int(prsize_fx_int(&fx, "size"), 1, "only src/ but not *.txt");
	is_int(prsize_fx_int(&fx, "ignored_files"), 2, "two left out");
	prsize_fx_release(&fx);

	ok(!prsize_fx_setup(&fx, "breakdown: 0\n"), "breakdown off");
	prsize_fx_file(&fx, "logo.png", 'A', 0, 0, NULL)->is_binary = true;
	prsize_fx_run(&fx);
	is_int(prsize_fx_int(&fx, "binary_files"), 1, "binary counted");
	is_int(prsize_fx_int(&fx, "changed_files"), 1, "as a changed file");
	ok(!prsize_fx_str(&fx, "largest_files"), "no breakdown metric");
	prsize_fx_release(&fx);
}

static void test_verdict(void)
{
	struct prsize_fx fx;
	const struct gate_finding *f;

	ok(!prsize_fx_setup(&fx, NULL), "default setup");
	prsize_fx_file(&fx, "big.c", 'A', 2000, 0, NULL);
	prsize_fx_file(&fx, "yarn.lock", 'M', 500, 500, NULL);
	prsize_fx_run(&fx);
	is_int(fx.task.status, 0, "a finding is not an error");
	is_int(fx.task.result.findings_nr, 1, "one finding");
	f = fx.task.result.findings;
	if (fx.task.result.findings_nr == 1) {
		is_str(f->rule, "pr-size/xl", "rule id");
		is_int(f->severity, GATE_SEVERITY_ERROR, "XL fails");
		ok(!f->path && !f->line, "about the change, not a file");
		is_str(f->message, "change is XL: 2000 lines (2000 added, "
		       "0 deleted) in 1 file; XL starts at 1000 lines; not "
		       "counted: 1 file matching ignore globs; split it into "
		       "smaller changes that can be reviewed and merged one "
		       "at a time", "message says how big, what, and what "
		       "to do");
	}
	prsize_fx_release(&fx);

	ok(!prsize_fx_setup(&fx, NULL), "default setup");
	prsize_fx_file(&fx, "mid.c", 'M', 300, 200, NULL);
	prsize_fx_run(&fx);
	f = fx.task.result.findings;
	is_int(fx.task.result.findings_nr, 1, "L: one finding");
	if (f) {
		is_str(f->rule, "pr-size/l", "rule id for L");
		is_int(f->severity, GATE_SEVERITY_WARNING, "L warns");
	}
	prsize_fx_release(&fx);

	ok(!prsize_fx_setup(&fx, "fail-on: M\nwarn-on: off\n"),
	   "fail-on M");
	prsize_fx_file(&fx, "mid.c", 'M', 100, 0, NULL);
	prsize_fx_run(&fx);
	is_int(fx.task.result.findings_nr, 1, "M fails with fail-on: M");
	if (fx.task.result.findings_nr)
		is_int(fx.task.result.findings[0].severity,
		       GATE_SEVERITY_ERROR, "as an error");
	prsize_fx_release(&fx);

	ok(!prsize_fx_setup(&fx, "fail-on: off\nwarn-on: never\n"),
	   "fail-on off");
	prsize_fx_file(&fx, "big.c", 'M', 100000, 0, NULL);
	prsize_fx_run(&fx);
	is_int(fx.task.result.findings_nr, 0, "never fails when off");
	is_str(prsize_fx_str(&fx, "label"), "XL", "but still labels");
	prsize_fx_release(&fx);

	ok(!prsize_fx_setup(&fx, NULL), "default setup");
	fx.cs.kind = GATE_SUBJECT_ALL_FILES;
	prsize_fx_file(&fx, "big.c", ' ', 5000, 0, NULL);
	prsize_fx_run(&fx);
	ok(fx.task.result.skipped, "--all-files is not a change: skipped");
	is_int(fx.task.result.findings_nr, 0, "and no finding");
	prsize_fx_release(&fx);
}

static void test_bad_options(void)
{
	static const struct {
		const char *yaml, *err;
	} v[] = {
		{ "thresold: {xs: 1}\n",
		  ".gate.yml:1:1: unknown key 'thresold' in checkers: pr-size" },
		{ "thresholds: {xs: 10, s: 5}\n",
		  ".gate.yml:1:25: 'thresholds' thresholds must increase: "
		  "'xs' is 10, 's' is 5" },
		{ "thresholds: {xl: 5000}\n",
		  ".gate.yml:1:18: 'xl' has no maximum: it is everything "
		  "from 'l' up" },
		{ "thresholds: {xs: ten}\n",
		  ".gate.yml:1:18: 'xs' must be a whole number" },
		{ "thresholds: {xs: 0}\n",
		  ".gate.yml:1:18: 'xs' must be between 1 and 1000000000, "
		  "not 0" },
		{ "file-thresholds: {x: 3}\n",
		  ".gate.yml:1:19: unknown key 'x' in file-thresholds" },
		{ "fail-on: XXL\n",
		  ".gate.yml:1:10: 'fail-on' must be one of XS, S, M, L, XL, "
		  "off" },
		{ "count-deletions: maybe\n", NULL },
		{ "glob-syntax: bash\n",
		  ".gate.yml:1:14: 'glob-syntax' must be gitignore or labeler" },
		{ "ignore: ['[abc']\n",
		  ".gate.yml:1:9: 'ignore': unclosed '[' in glob '[abc'" },
		{ "paths: ['[abc']\n",
		  ".gate.yml:1:8: 'paths': unclosed '[' in glob '[abc'" },
		{ "file-thresholds: {m: 50}\n",
		  ".gate.yml:1:18: 'file-thresholds' needs all of xs, s, m and "
		  "l ('xs' is missing)" },
		{ "labels: {xl: \"big\\nlabel=XS\"}\n",
		  ".gate.yml:1:14: label 'xl' must be one non-empty line" },
		{ "- a\n", NULL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		struct prsize_fx fx;
		int r = prsize_fx_setup(&fx, v[i].yaml);
		int n = (int)strcspn(v[i].yaml, "\n");

		is_int(r, -1, "refused: %.*s", n, v[i].yaml);
		if (v[i].err)
			is_str(fx.err.buf, v[i].err, "message for %.*s", n,
			       v[i].yaml);
		else
			ok(starts_with(fx.err.buf, ".gate.yml:1:"),
			   "located message: %s", fx.err.buf);
		prsize_fx_release(&fx);
	}
}

static void test_github_output(void)
{
	struct prsize_fx fx;
	char path[] = "/tmp/pr-size-test-XXXXXX";
	struct strbuf sb = STRBUF_INIT;
	struct gate_result summary = { 0 };
	int fd = mkstemp(path);

	if (fd < 0) {
		tap_skip("cannot create a temporary file");
		return;
	}
	close(fd);
	ok(!prsize_fx_setup(&fx, NULL), "default setup");
	prsize_fx_file(&fx, "a.c", 'M', 120, 3, NULL);
	prsize_fx_run(&fx);

	unsetenv("GITHUB_ACTIONS");
	setenv("GITHUB_OUTPUT", path, 1);
	is_int(gate_checker_pr_size.finish(fx.state, &fx.cs, &fx.task, 1,
					   &summary, &fx.err), 0,
	       "finish outside Actions");
	strbuf_read_file(&sb, path, 1 << 20);
	is_int(sb.len, 0, "writes nothing outside GitHub Actions");

	setenv("GITHUB_ACTIONS", "true", 1);
	is_int(gate_checker_pr_size.finish(fx.state, &fx.cs, &fx.task, 1,
					   &summary, &fx.err), 0,
	       "finish in Actions");
	strbuf_reset(&sb);
	strbuf_read_file(&sb, path, 1 << 20);
	is_str(sb.buf, "label=M\nsize=123\n", "label and size appended");

	setenv("GITHUB_OUTPUT", "/nonexistent-dir/out", 1);
	is_int(gate_checker_pr_size.finish(fx.state, &fx.cs, &fx.task, 1,
					   &summary, &fx.err), -1,
	       "an unwritable GITHUB_OUTPUT is an error");
	ok(starts_with(fx.err.buf, "cannot open '/nonexistent-dir/out'"),
	   "error names the file: %s", fx.err.buf);
	unsetenv("GITHUB_ACTIONS");
	unsetenv("GITHUB_OUTPUT");
	unlink(path);
	strbuf_release(&sb);
	gate_result_release(&summary);
	prsize_fx_release(&fx);
}

static void test_hostile_path(void)
{
	struct prsize_fx fx;

	ok(!prsize_fx_setup(&fx, "ignore: ['*.gen']\n"), "setup");
	prsize_fx_file(&fx, "a\"b\\c\x01\xff.c", 'M', 3, 0, NULL);
	prsize_fx_file(&fx, "\x1b[31mred.gen", 'M', 3, 0, NULL);
	prsize_fx_run(&fx);
	is_str(prsize_fx_str(&fx, "largest_files"),
	       "[{\"path\":\"a\\\"b\\\\c\\u0001\\ufffd.c\",\"status\":\"M\","
	       "\"additions\":3,\"deletions\":0}]",
	       "paths are escaped as JSON, broken UTF-8 replaced");
	ok(fx.task.result.notes_nr == 1 &&
	   !strchr(fx.task.result.notes[0], '\x1b'),
	   "no terminal escape reaches a note");
	prsize_fx_release(&fx);
}

int main(void)
{
	test_default_boundaries();
	test_custom_thresholds();
	test_file_thresholds();
	test_ignored();
	test_glob_syntax();
	test_switches();
	test_verdict();
	test_bad_options();
	test_github_output();
	test_hostile_path();
	return tap_done();
}
