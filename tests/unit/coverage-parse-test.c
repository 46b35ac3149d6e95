/*
 * The coverage report parsers: each format on small inline reports, the
 * bad inputs the issue names (truncated LCOV, malformed XML, empty
 * reports, counts over 32 bits), and the real reports of the shared
 * conformance set when $GATE_SHARED_DIR has them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../../checkers/coverage-report.h"
#include "tap.h"

static bool always(void *ctx, const char *path)
{
	return true;
}

struct parsed {
	struct cov_model m;
	struct strbuf err;
	int ret;
	enum cov_format fmt;
	size_t notes;
	size_t matched, unmatched;
};

static void parse_into(struct parsed *p, struct cov_input *in,
		       enum cov_format fmt, const struct cov_pathmap *pm)
{
	struct cov_report r;
	struct cov_pathmap def;

	cov_report_init(&r, in->name);
	p->ret = cov_report_parse(&r, in, fmt, &p->err);
	p->fmt = r.format;
	p->notes += r.notes_nr;
	if (!p->ret) {
		if (!pm) {
			cov_pathmap_init(&def, "/repo", NULL, NULL,
					 "example.com/demo");
			def.exists = always;
		}
		cov_report_commit(&r, &p->m, pm ? pm : &def, &p->matched,
				  &p->unmatched);
		if (!pm)
			cov_pathmap_release(&def);
		p->ret = cov_model_finalize(&p->m, &p->err);
	}
	cov_report_release(&r);
}

static void parse(struct parsed *p, const char *text, enum cov_format fmt)
{
	struct cov_input in;

	memset(p, 0, sizeof(*p));
	cov_model_init(&p->m);
	strbuf_init(&p->err, 0);
	cov_input_mem(&in, "mem", text, strlen(text));
	parse_into(p, &in, fmt, NULL);
	cov_input_close(&in);
}

static void done(struct parsed *p)
{
	cov_model_release(&p->m);
	strbuf_release(&p->err);
}

static uint64_t total(const struct parsed *p, uint64_t *covered)
{
	uint64_t units;

	cov_model_totals(&p->m, &units, covered);
	return units;
}

static uint64_t hits(const struct parsed *p, const char *path, uint32_t l)
{
	const struct cov_file *f = cov_model_find(&p->m, path);
	const struct cov_line *cl = f ? cov_file_line(f, l) : NULL;

	return cl ? cl->hits : (uint64_t)-1;
}

static void test_lcov(void)
{
	struct parsed p;
	uint64_t cov;

	parse(&p, "TN:x\nSF:src/a.c\nFN:1,f\nDA:1,1\nDA:2,0\r\n"
		  "DA:3,5,abcdef\nLF:3\nLH:2\nend_of_record\n",
	      COV_FORMAT_AUTO);
	is_int(p.ret, 0, "lcov: parses");
	is_int(p.fmt, COV_FORMAT_LCOV, "lcov: sniffed");
	is_int(total(&p, &cov), 3, "lcov: 3 coverable lines");
	is_int(cov, 2, "lcov: 2 covered");
	is_int(hits(&p, "src/a.c", 3), 5, "lcov: checksum ignored");
	done(&p);

	parse(&p, "SF:a.c\nDA:1,1\nDA:2,0\n", COV_FORMAT_LCOV);
	is_int(p.ret, -1, "lcov: truncated report is an error");
	ok(strstr(p.err.buf, "truncated") != NULL, "lcov: says truncated: %s",
	   p.err.buf);
	done(&p);

	parse(&p, "SF:a.c\nDA:1,1\nend_of_record\nSF:b.c\nDA:", COV_FORMAT_LCOV);
	is_int(p.ret, -1, "lcov: cut mid-line is an error");
	done(&p);

	parse(&p, "DA:1,1\nend_of_record\n", COV_FORMAT_LCOV);
	is_int(p.ret, -1, "lcov: DA before SF is an error");
	done(&p);

	parse(&p, "SF:a.c\nDA:1,-1\nend_of_record\n", COV_FORMAT_LCOV);
	is_int(p.ret, -1, "lcov: negative count is an error");
	done(&p);

	parse(&p, "SF:a.c\nDA:x,1\nend_of_record\n", COV_FORMAT_LCOV);
	is_int(p.ret, -1, "lcov: bad line number is an error");
	done(&p);

	parse(&p, "SF:a.c\nDA:99999999,1\nend_of_record\n", COV_FORMAT_LCOV);
	is_int(p.ret, -1, "lcov: line number out of range is an error");
	done(&p);

	parse(&p, "SF:a.c\nDA:1,4294967296\nDA:2,18446744073709551615\n"
		  "end_of_record\n", COV_FORMAT_LCOV);
	is_int(p.ret, 0, "lcov: 64-bit counts parse");
	ok(hits(&p, "a.c", 1) == 4294967296ULL,
	   "lcov: 2^32 kept exactly (not wrapped to 0)");
	total(&p, &cov);
	is_int(cov, 2, "lcov: both covered");
	is_int(p.notes, 0, "lcov: no saturation note");
	done(&p);

	parse(&p, "SF:a.c\nDA:1,99999999999999999999999\nend_of_record\n",
	      COV_FORMAT_LCOV);
	is_int(p.ret, 0, "lcov: count over 64 bits is not fatal");
	ok(hits(&p, "a.c", 1) == UINT64_MAX, "lcov: saturated");
	is_int(p.notes, 1, "lcov: saturation is reported");
	done(&p);

	parse(&p, "", COV_FORMAT_AUTO);
	is_int(p.ret, 0, "lcov: empty report parses");
	is_int(p.m.nr, 0, "lcov: empty report has no files");
	done(&p);

	parse(&p, "SF:a.c\nDA:2,1\nDA:1,0\nDA:2,3\nend_of_record\n"
		  "SF:a.c\nDA:1,1\nend_of_record\n", COV_FORMAT_LCOV);
	is_int(p.ret, 0, "lcov: repeated records merge");
	is_int(hits(&p, "a.c", 2), 4, "lcov: hits add up");
	total(&p, &cov);
	is_int(cov, 2, "lcov: line covered by the second record");
	done(&p);
}

static const char cobertura[] =
	"<?xml version='1.0'?>\n"
	"<!DOCTYPE coverage SYSTEM 'http://cobertura.sourceforge.net/xml/coverage-04.dtd'>\n"
	"<coverage><sources><source> /build/proj </source></sources>\n"
	"<packages><package name='p'><classes>\n"
	"<class name='a' filename='src/a.c'><methods><method name='f'>\n"
	"<lines><line number='1' hits='2'/></lines></method></methods>\n"
	"<lines><line number='1' hits='2'/><line number='2' hits='0'/>\n"
	"<line number='3' hits='4294967296' branch='true'/></lines>\n"
	"</class></classes></package></packages></coverage>\n";

static void test_cobertura(void)
{
	struct parsed p;
	uint64_t cov;

	parse(&p, cobertura, COV_FORMAT_AUTO);
	is_int(p.ret, 0, "cobertura: parses: %s", p.err.buf);
	is_int(p.fmt, COV_FORMAT_COBERTURA, "cobertura: sniffed");
	is_int(total(&p, &cov), 3, "cobertura: 3 lines");
	is_int(cov, 2, "cobertura: 2 covered");
	is_int(hits(&p, "src/a.c", 1), 2, "cobertura: method copy not counted");
	ok(hits(&p, "src/a.c", 3) == 4294967296ULL, "cobertura: 64-bit hits");
	done(&p);

	parse(&p, "<coverage><packages><package><classes><class "
		  "filename='a.c'><lines><line number='1' hits='1'>",
	      COV_FORMAT_COBERTURA);
	is_int(p.ret, -1, "cobertura: truncated XML is an error");
	ok(strstr(p.err.buf, "line 1") != NULL, "cobertura: names the line: %s",
	   p.err.buf);
	done(&p);

	parse(&p, "<coverage><class filename='a.c'><lines>"
		  "<line number='1' hits='1'></lines></class></coverage>",
	      COV_FORMAT_COBERTURA);
	is_int(p.ret, -1, "cobertura: mismatched tag is an error");
	ok(strstr(p.err.buf, "mismatched") != NULL, "cobertura: expat's reason: %s",
	   p.err.buf);
	done(&p);

	parse(&p, "<?xml version='1.0'?><!DOCTYPE coverage [<!ENTITY a 'aaaa'>"
		  "]><coverage>&a;</coverage>", COV_FORMAT_COBERTURA);
	is_int(p.ret, -1, "cobertura: entity declarations refused");
	done(&p);

	parse(&p, "<coverage><class filename='a.c'><lines>"
		  "<line number='1' hits='-3'/></lines></class></coverage>",
	      COV_FORMAT_COBERTURA);
	is_int(p.ret, -1, "cobertura: negative hits refused");
	done(&p);

	parse(&p, "<report name='x'/>", COV_FORMAT_COBERTURA);
	is_int(p.ret, -1, "cobertura: wrong root refused");
	ok(strstr(p.err.buf, "<report>") != NULL, "cobertura: says which root");
	done(&p);
}

static void test_jacoco(void)
{
	struct parsed p;
	uint64_t cov;

	parse(&p, "<?xml version='1.0'?><!DOCTYPE report PUBLIC "
		  "'-//JACOCO//DTD Report 1.1//EN' 'report.dtd'>"
		  "<report name='d'><package name='com/ex'><class name='c'>"
		  "<method name='m' line='3'><counter type='LINE' missed='1' "
		  "covered='1'/></method></class><sourcefile name='A.java'>"
		  "<line nr='3' mi='0' ci='3' mb='0' cb='0'/>"
		  "<line nr='4' mi='2' ci='0'/><line nr='5' mi='0' ci='0'/>"
		  "</sourcefile></package></report>", COV_FORMAT_AUTO);
	is_int(p.ret, 0, "jacoco: parses: %s", p.err.buf);
	is_int(p.fmt, COV_FORMAT_JACOCO, "jacoco: sniffed");
	is_int(total(&p, &cov), 2, "jacoco: lines without instructions skipped");
	is_int(cov, 1, "jacoco: covered = ci > 0");
	/* The default map finds everything, so the first root wins. */
	is_int(hits(&p, "src/main/java/com/ex/A.java", 3), 3,
	       "jacoco: package/sourcefile under a source root");
	done(&p);

	parse(&p, "<report><package name='x'><sourcefile name='A.java'>"
		  "<line nr='3' mi='0' ci='z'/></sourcefile></package></report>",
	      COV_FORMAT_JACOCO);
	is_int(p.ret, -1, "jacoco: bad ci refused");
	done(&p);
}

static const char go_set[] =
	"mode: set\n"
	"example.com/demo/calc/calc.go:4.31,5.12 1 1\n"
	"example.com/demo/calc/calc.go:8.12,10.3 2 0\n"
	"example.com/demo/calc/calc.go:8.12,10.3 2 1\n"
	"example.com/demo/calc/calc.go:12.2,12.10 1 0\n";

static void test_go(void)
{
	struct parsed p;
	uint64_t cov;

	parse(&p, go_set, COV_FORMAT_AUTO);
	is_int(p.ret, 0, "go: parses: %s", p.err.buf);
	is_int(p.fmt, COV_FORMAT_GO, "go: sniffed");
	is_int(total(&p, &cov), 4, "go: statements, duplicates once");
	is_int(cov, 3, "go: duplicate block ORs in set mode");
	is_int(hits(&p, "calc/calc.go", 9), 1, "go: module path stripped, "
	       "lines derived from blocks");
	ok(hits(&p, "calc/calc.go", 11) == (uint64_t)-1,
	   "go: line outside blocks not coverable");
	is_int(hits(&p, "calc/calc.go", 12), 0, "go: uncovered block line");
	done(&p);

	parse(&p, "mode: count\na.go:1.1,2.2 1 3\na.go:1.1,2.2 1 4\n",
	      COV_FORMAT_GO);
	is_int(hits(&p, "a.go", 1), 7, "go: count mode adds duplicates");
	done(&p);

	parse(&p, "mode: set\na.go:1.1,2.2 1 1\na.go:1.1,2.2 2 1\n",
	      COV_FORMAT_GO);
	is_int(p.ret, -1, "go: inconsistent statements refused");
	done(&p);

	parse(&p, "a.go:1.1,2.2 1 1\n", COV_FORMAT_GO);
	is_int(p.ret, -1, "go: missing mode refused");
	done(&p);

	parse(&p, "mode: set\na.go:1.1,2.2 1\n", COV_FORMAT_GO);
	is_int(p.ret, -1, "go: short block line refused");
	done(&p);

	parse(&p, "mode: set\na.go:5.1,2.2 1 1\n", COV_FORMAT_GO);
	is_int(p.ret, -1, "go: backwards block refused");
	done(&p);

	parse(&p, "mode: bogus\n", COV_FORMAT_GO);
	is_int(p.ret, -1, "go: unknown mode refused");
	done(&p);
}

static const char gcov_json[] =
	"{\"gcc_version\": \"12.2.0\", \"files\": [{\"lines\": ["
	"{\"branches\": [{\"count\": 1, \"fallthrough\": true}], "
	"\"count\": 2, \"line_number\": 3, \"unexecuted_block\": false},"
	"{\"count\": 0, \"line_number\": 5, \"function_name\": \"f\\u00e9\"},"
	"{\"line_number\": 6, \"count\": 1099511627776}],"
	"\"functions\": [{\"name\": \"f\", \"start_line\": 3}],"
	"\"file\": \"src/a\\u002ec\"}, {\"file\": \"b.c\", \"lines\": []}],"
	"\"format_version\": \"1\", \"current_working_directory\": \"/w/b\","
	"\"data_file\": \"a.gcda\"}\n";

static void test_gcov(void)
{
	struct parsed p;
	uint64_t cov;

	parse(&p, gcov_json, COV_FORMAT_AUTO);
	is_int(p.ret, 0, "gcov: parses: %s", p.err.buf);
	is_int(p.fmt, COV_FORMAT_GCOV_JSON, "gcov: sniffed");
	is_int(total(&p, &cov), 3, "gcov: 3 lines");
	is_int(cov, 2, "gcov: 2 covered");
	/* Through the map's "everything exists": base/src/a.c is outside
	 * /repo, so the path itself is used. */
	ok(hits(&p, "src/a.c", 6) == 1099511627776ULL,
	   "gcov: file after lines, escapes, 40-bit count");
	done(&p);

	parse(&p, "{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"count\": 1,",
	      COV_FORMAT_GCOV_JSON);
	is_int(p.ret, -1, "gcov: truncated JSON refused");
	done(&p);

	parse(&p, "{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"count\": -1,"
		  "\"line_number\": 1}]}]}", COV_FORMAT_GCOV_JSON);
	is_int(p.ret, -1, "gcov: negative count refused");
	done(&p);

	parse(&p, "{\"files\": [{\"lines\": [{\"count\": 1, \"line_number\": 1}]}]}",
	      COV_FORMAT_GCOV_JSON);
	is_int(p.ret, -1, "gcov: file without name refused");
	done(&p);

	parse(&p, "{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"count\": 1,"
		  "\"line_number\": 1}]}]}\n{\"files\": [{\"file\": \"a.c\", "
		  "\"lines\": [{\"count\": 0, \"line_number\": 2}]}]}\n",
	      COV_FORMAT_GCOV_JSON);
	is_int(p.ret, 0, "gcov: several documents");
	is_int(total(&p, &cov), 2, "gcov: documents merge");
	done(&p);

	{
		char deep[600];
		memset(deep, '[', sizeof(deep) - 1);
		deep[sizeof(deep) - 1] = 0;
		memcpy(deep, "{\"x\": ", 6);
		parse(&p, deep, COV_FORMAT_GCOV_JSON);
		is_int(p.ret, -1, "gcov: deep nesting refused");
		done(&p);
	}
}

static void test_gzip(void)
{
	const char *dir = getenv("TEST_BUILDDIR");
	char *path = xstrfmt("%s/coverage-gz-XXXXXX", dir ? dir : ".");
	int fd = mkstemp(path);
	gzFile gz;
	struct parsed p;
	struct cov_input in;
	uint64_t cov;

	if (fd < 0) {
		ok(0, "gzip: cannot create '%s'", path);
		free(path);
		return;
	}
	gz = gzdopen(fd, "wb");
	gzputs(gz, gcov_json);
	gzclose(gz);
	memset(&p, 0, sizeof(p));
	cov_model_init(&p.m);
	strbuf_init(&p.err, 0);
	if (cov_input_open(&in, path, &p.err) < 0) {
		ok(0, "gzip: open: %s", p.err.buf);
	} else {
		parse_into(&p, &in, COV_FORMAT_AUTO, NULL);
		cov_input_close(&in);
		is_int(p.ret, 0, "gzip: .gcov.json.gz parses: %s", p.err.buf);
		is_int(total(&p, &cov), 3, "gzip: same data");
	}
	done(&p);
	unlink(path);
	free(path);

	memset(&p, 0, sizeof(p));
	strbuf_init(&p.err, 0);
	ok(cov_input_open(&in, "/nonexistent/report.lcov", &p.err) < 0,
	   "missing report: open fails");
	ok(strstr(p.err.buf, "cannot open '/nonexistent/report.lcov'") != NULL,
	   "missing report: %s", p.err.buf);
	done(&p);
}

/* The real reports of the conformance set, with their known totals. */
static void shared_report(const char *dir, const char *const *files,
			  uint64_t want_units, uint64_t want_cov)
{
	struct parsed p;
	struct strbuf path = STRBUF_INIT;
	uint64_t cov = 0;
	size_t i;

	memset(&p, 0, sizeof(p));
	cov_model_init(&p.m);
	strbuf_init(&p.err, 0);
	for (i = 0; files[i] && !p.ret; i++) {
		struct cov_input in;

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/conformance/coverage/reports/%s", dir,
			    files[i]);
		if (cov_input_open(&in, path.buf, &p.err) < 0) {
			p.ret = -1;
			break;
		}
		parse_into(&p, &in, COV_FORMAT_AUTO, NULL);
		cov_input_close(&in);
	}
	is_int(p.ret, 0, "shared %s parses: %s", files[0], p.err.buf);
	is_int(total(&p, &cov), want_units, "shared %s: units", files[0]);
	is_int(cov, want_cov, "shared %s: covered", files[0]);
	strbuf_release(&path);
	done(&p);
}

static void test_shared(void)
{
	const char *dir = getenv("GATE_SHARED_DIR");
	static const char *const lcov[] = { "c/coverage.lcov", NULL };
	static const char *const lcov2[] = { "c/coverage.lcov",
		"c/coverage-integration.lcov", NULL };
	static const char *const cob[] = { "c/coverage.cobertura.xml", NULL };
	static const char *const jac[] = { "java/jacoco.xml", NULL };
	static const char *const gcov[] = {
		"c/gcov-json/test_calc-calc.gcov.json",
		"c/gcov-json/test_calc-legacy.gcov.json",
		"c/gcov-json/test_calc-strutil.gcov.json", NULL };
	static const char *const goset[] = { "go/cover-set.out", NULL };
	static const char *const gocount[] = { "go/cover-count.out", NULL };
	static const char *const godup[] = { "go/cover-set-dupblocks.out", NULL };
	struct strbuf probe = STRBUF_INIT;

	if (dir)
		strbuf_addf(&probe, "%s/conformance/coverage/expected.json", dir);
	if (!dir || access(probe.buf, R_OK)) {
		tap_skip("shared conformance reports not available");
		strbuf_release(&probe);
		return;
	}
	strbuf_release(&probe);
	/* Figures from expected.json (diff-cover 7.4.0, go tool cover). */
	shared_report(dir, lcov, 36, 26);
	shared_report(dir, lcov2, 36, 34);
	shared_report(dir, cob, 36, 26);
	shared_report(dir, jac, 13, 8);
	shared_report(dir, gcov, 36, 26);
	shared_report(dir, goset, 13, 7);
	shared_report(dir, gocount, 13, 7);
	shared_report(dir, godup, 13, 11);
}

int main(void)
{
	test_lcov();
	test_cobertura();
	test_jacoco();
	test_go();
	test_gcov();
	test_gzip();
	test_shared();
	return tap_done();
}
