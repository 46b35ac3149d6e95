/*
 * The coverage model (merging), path mapping and the exact threshold
 * rule, with the figures of the conformance set where they apply.
 */
#include <stdlib.h>
#include <string.h>

#include "../../checkers/coverage-model.h"
#include "../../checkers/coverage-path.h"
#include "../../checkers/coverage-threshold.h"
#include "tap.h"

static void test_merge(void)
{
	struct cov_model m;
	struct cov_file *f, *g;
	struct strbuf err = STRBUF_INIT;
	uint64_t units, cov;

	cov_model_init(&m);
	f = cov_model_file(&m, "a.c");
	cov_file_add_line(&m, f, 5, 0);
	cov_file_add_line(&m, f, 2, 0);
	cov_file_add_line(&m, f, 9, 1);
	cov_file_add_line(&m, f, 2, 3);	/* out of order repeat */
	g = cov_model_file(&m, "b.c");
	cov_file_add_line(&m, g, 1, 0);
	ok(cov_model_file(&m, "a.c") == f, "merge: same path, same file");
	is_int(cov_model_finalize(&m, &err), 0, "merge: finalize");
	cov_model_totals(&m, &units, &cov);
	is_int(units, 4, "merge: distinct lines");
	is_int(cov, 2, "merge: a line covered if any entry covers it");
	is_int(cov_file_line(f, 2)->hits, 3, "merge: hits add up");
	ok(cov_file_line(f, 3) == NULL, "merge: line 3 not coverable");
	f = cov_model_file(&m, "a.c");
	cov_file_add_line(&m, f, UINT32_C(5), UINT64_MAX);
	cov_file_add_line(&m, f, UINT32_C(5), 7);
	cov_model_finalize(&m, &err);
	ok(cov_file_line(f, 5)->hits == UINT64_MAX && m.saturated,
	   "merge: saturating add");
	cov_model_totals(&m, &units, &cov);
	is_int(cov, 3, "merge: refinalize after more data");
	for (int i = 0; i < 1000; i++) {
		char name[32];
		snprintf(name, sizeof(name), "f%d.c", i);
		cov_file_add_line(&m, cov_model_file(&m, name), 1, 1);
	}
	ok(cov_model_find(&m, "f999.c") && cov_model_find(&m, "a.c") == f &&
	   !cov_model_find(&m, "nope.c"), "merge: hash table after growth");
	cov_model_release(&m);
	strbuf_release(&err);
}

static void norm(const char *in, const char *want, int want_ret)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	strbuf_addstr(&sb, in);
	ret = cov_path_normalize(&sb);
	is_int(ret, want_ret, "normalize '%s': return", in);
	if (!ret)
		is_str(sb.buf, want, "normalize '%s'", in);
	strbuf_release(&sb);
}

static const char *const repo_files[] = {
	"src/a.c", "src/main/java/com/ex/A.java", "calc/calc.go",
	"mod/src/main/java/com/ex/B.java", "lib/x.py", NULL,
};

static bool in_repo(void *ctx, const char *path)
{
	size_t i;

	for (i = 0; repo_files[i]; i++)
		if (!strcmp(repo_files[i], path))
			return true;
	return false;
}

static void map(const struct cov_pathmap *pm, enum cov_format fmt,
		const char *base, const char *raw, const char *want,
		const char *why_has)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	const char *bases[2] = { base, NULL };
	bool got = cov_pathmap_map(pm, fmt, base ? bases : NULL, raw, &out,
				   &why);

	if (!why_has) {
		ok(got, "map '%s' matches (%s)", raw, why.buf);
		is_str(out.buf, want, "map '%s'", raw);
	} else {
		ok(!got, "map '%s' does not match", raw);
		ok(strstr(why.buf, why_has) != NULL, "map '%s' says: %s", raw,
		   why.buf);
	}
	strbuf_release(&out);
	strbuf_release(&why);
}

static void test_paths(void)
{
	static const char *const strip[] = { "/ci/build/", "C:\\work", NULL };
	static const char *const changed[] = {
		"mod/src/main/java/com/ex/B.java", "src/a.c", NULL };
	struct cov_pathmap pm;

	norm("./src//a.c", "src/a.c", 0);
	norm("src/x/../a.c", "src/a.c", 0);
	norm("/r/./src/../a.c", "/r/a.c", 0);
	norm("src\\win\\a.c", "src/win/a.c", 0);
	norm("/../a", "/a", 0);
	norm("../a.c", NULL, -1);

	cov_pathmap_init(&pm, "/repo", strip, NULL, "example.com/demo");
	pm.exists = in_repo;
	pm.changed = changed;
	pm.changed_nr = 2;
	map(&pm, COV_FORMAT_LCOV, NULL, "src/a.c", "src/a.c", NULL);
	map(&pm, COV_FORMAT_LCOV, NULL, "/repo/src/a.c", "src/a.c", NULL);
	map(&pm, COV_FORMAT_LCOV, NULL, "/repo/./src/../src/a.c", "src/a.c",
	    NULL);
	map(&pm, COV_FORMAT_LCOV, NULL, "/elsewhere/src/a.c", NULL,
	    "absolute path outside the repository '/repo'");
	map(&pm, COV_FORMAT_LCOV, NULL, "/ci/build/src/a.c", "src/a.c", NULL);
	map(&pm, COV_FORMAT_LCOV, NULL, "C:\\work\\src\\a.c", "src/a.c", NULL);
	map(&pm, COV_FORMAT_LCOV, NULL, "other/a.c", NULL,
	    "no file 'other/a.c' in the repository");
	map(&pm, COV_FORMAT_LCOV, NULL, "../a.c", NULL, "climbs out");
	map(&pm, COV_FORMAT_COBERTURA, "/repo/src", "a.c", "src/a.c", NULL);
	map(&pm, COV_FORMAT_COBERTURA, "lib", "x.py", "lib/x.py", NULL);
	map(&pm, COV_FORMAT_COBERTURA, "/other/src", "b.c", NULL,
	    "base directory is outside");
	map(&pm, COV_FORMAT_COBERTURA, "lib", "y.py", NULL,
	    "none of 'lib/y.py', 'y.py' is a file");
	map(&pm, COV_FORMAT_JACOCO, NULL, "com/ex/A.java",
	    "src/main/java/com/ex/A.java", NULL);
	map(&pm, COV_FORMAT_JACOCO, NULL, "com/ex/B.java",
	    "mod/src/main/java/com/ex/B.java", NULL);
	map(&pm, COV_FORMAT_JACOCO, NULL, "com/ex/C.java", NULL,
	    "'src/main/java/com/ex/C.java'");
	map(&pm, COV_FORMAT_GO, NULL, "example.com/demo/calc/calc.go",
	    "calc/calc.go", NULL);
	map(&pm, COV_FORMAT_GO, NULL, "example.com/other/calc/calc.go", NULL,
	    "not under the module 'example.com/demo'");
	map(&pm, COV_FORMAT_GCOV_JSON, "/repo", "src/a.c", "src/a.c", NULL);
	cov_pathmap_release(&pm);

	cov_pathmap_init(&pm, "/nonexistent-repo", NULL, NULL, NULL);
	pm.exists = in_repo;
	ok(pm.go_module == NULL, "go.mod absent: no module");
	map(&pm, COV_FORMAT_GO, NULL, "example.com/demo/calc/calc.go", NULL,
	    "go.mod not found");
	cov_pathmap_release(&pm);
}

static void meets(uint64_t cov, uint64_t lines, const char *t, bool want)
{
	struct cov_threshold th = { 0 };

	if (cov_threshold_parse(t, &th) < 0) {
		ok(0, "threshold '%s' parses", t);
		return;
	}
	ok(cov_meets(cov, lines, &th) == want, "%llu/%llu %s threshold %s",
	   (unsigned long long)cov, (unsigned long long)lines,
	   want ? "meets" : "misses", t);
}

static void test_thresholds(void)
{
	struct cov_threshold t = { 0 };
	char buf[32];
	static const char *const bad[] = { "", "abc", "101", "100.0001",
		"1.1234567", "-1", "1.2.3", "+5", ".", NULL };
	size_t i;

	/* expected.json: fail_under with exact_comparison_passes. */
	meets(18, 26, "0", true);
	meets(18, 26, "69", true);
	meets(18, 26, "69.2", true);
	meets(18, 26, "69.23", true);
	meets(18, 26, "69.231", false);
	meets(18, 26, "70", false);
	meets(18, 26, "100", false);
	meets(24, 26, "92", true);
	meets(24, 26, "92.31", false);
	meets(24, 26, "93", false);
	meets(7, 9, "77", true);
	meets(7, 9, "77.7", true);
	meets(7, 9, "78", false);
	meets(0, 0, "100", true);
	meets(4, 5, "80", true);
	meets(4, 5, "80.000001", false);
	meets(UINT64_C(1) << 40, (UINT64_C(1) << 40) + 1, "99.999999", true);

	for (i = 0; bad[i]; i++)
		is_int(cov_threshold_parse(bad[i], &t), -1,
		       "threshold '%s' refused", bad[i]);
	cov_threshold_parse("5", &t);
	is_str(cov_threshold_str(&t, buf), "5", "threshold text '5'");
	cov_threshold_parse("0.05", &t);
	is_str(cov_threshold_str(&t, buf), "0.05", "threshold text '0.05'");

	is_str(cov_percent_str(18, 26, buf), "69.23", "percent 18/26");
	is_str(cov_percent_str(79996, 100000, buf), "79.99",
	       "percent floors (79.996 shows 79.99)");
	is_str(cov_percent_str(2, 3, buf), "66.66", "percent 2/3 floors");
	is_str(cov_percent_str(0, 0, buf), "100.00", "no lines is 100%%");
	is_str(cov_percent_str(26, 36, buf), "72.22", "percent 26/36");

	cov_threshold_parse("2", &t);
	ok(cov_drop_exceeds(26, 36, 25, 36, &t), "drop 2.77 > 2");
	cov_threshold_parse("3", &t);
	ok(!cov_drop_exceeds(26, 36, 25, 36, &t), "drop 2.77 <= 3");
	cov_threshold_parse("25", &t);
	ok(!cov_drop_exceeds(1, 2, 1, 4, &t), "drop of exactly 25 allowed");
	cov_threshold_parse("24.99", &t);
	ok(cov_drop_exceeds(1, 2, 1, 4, &t), "drop 25 > 24.99");
	cov_threshold_parse("0", &t);
	ok(!cov_drop_exceeds(1, 4, 1, 2, &t), "a rise is no drop");
}

int main(void)
{
	test_merge();
	test_paths();
	test_thresholds();
	return tap_done();
}
