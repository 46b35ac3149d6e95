/*
 * libFuzzer target for the coverage report parsers.  The first byte
 * selects the format (LCOV, Cobertura, JaCoCo, Go, gcov JSON, or
 * sniffing); the rest is the report.  Each parsed report is mapped and
 * merged into a model and finalized, so path mapping and merging run on
 * hostile paths and counts too.
 */
#include <stdint.h>
#include <string.h>

#include "../checkers/coverage-report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool some_exist(void *ctx, const char *path)
{
	/* Deterministic, so both mapping outcomes are reached. */
	return strlen(path) % 2 == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum cov_format formats[] = {
		COV_FORMAT_AUTO, COV_FORMAT_LCOV, COV_FORMAT_COBERTURA,
		COV_FORMAT_JACOCO, COV_FORMAT_GO, COV_FORMAT_GCOV_JSON,
	};
	static const char *const strip[] = { "/build/", NULL };
	struct strbuf err = STRBUF_INIT;
	struct cov_pathmap pm;
	struct cov_input in;
	struct cov_report r;
	struct cov_model m;
	size_t matched = 0, unmatched = 0, i;
	enum cov_format fmt;

	if (!size)
		return 0;
	fmt = formats[data[0] % ARRAY_SIZE(formats)];
	cov_input_mem(&in, "fuzz", data + 1, size - 1);
	cov_report_init(&r, "fuzz");
	cov_model_init(&m);
	cov_pathmap_init(&pm, "/repo", strip, NULL, "example.com/m");
	pm.exists = some_exist;
	if (!cov_report_parse(&r, &in, fmt, &err)) {
		cov_report_commit(&r, &m, &pm, &matched, &unmatched);
		if (!cov_model_finalize(&m, &err)) {
			uint64_t units, cov;

			cov_model_totals(&m, &units, &cov);
			for (i = 0; i < m.nr; i++)
				(void)cov_file_line(m.files[i], 1);
		}
	}
	cov_pathmap_release(&pm);
	cov_model_release(&m);
	cov_report_release(&r);
	cov_input_close(&in);
	strbuf_release(&err);
	return 0;
}
