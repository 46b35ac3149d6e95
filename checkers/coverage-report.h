#ifndef GATE_COVERAGE_REPORT_H
#define GATE_COVERAGE_REPORT_H

/*
 * One coverage report being read.  A parser fills `raw`, a staging model
 * keyed by the paths exactly as the report spells them, plus what the
 * report says about where those paths are relative to (Cobertura
 * <sources>, gcov's working directory).  Mapping to repository paths
 * happens once the whole report is read, because some formats name
 * that directory after the data (gcov JSON puts
 * "current_working_directory" after "files").
 */

#include "coverage-input.h"
#include "coverage-model.h"
#include "coverage-path.h"

struct cov_report {
	const char *name;	/* file name, for messages; borrowed */
	enum cov_format format;
	struct cov_model raw;
	char **sources;		/* Cobertura <source> directories */
	size_t sources_nr, sources_alloc;
	/* Warnings about the input that do not stop the run. */
	char **notes;
	size_t notes_nr, notes_alloc;
};

void cov_report_init(struct cov_report *r, const char *name);
void cov_report_release(struct cov_report *r);
void cov_report_note(struct cov_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Guess the format from the first bytes (XML root, "mode:", '{'). */
enum cov_format cov_sniff(struct cov_input *in);

/*
 * Read a whole report.  `fmt` may be COV_FORMAT_AUTO.  Returns 0, or -1
 * with "cannot parse 'name' as lcov: line 3: ..." in err.
 */
int cov_report_parse(struct cov_report *r, struct cov_input *in,
		     enum cov_format fmt, struct strbuf *err);

/* The parsers; each writes "line N: why" style messages into err. */
int cov_parse_lcov(struct cov_report *r, struct cov_input *in,
		   struct strbuf *err);
int cov_parse_cobertura(struct cov_report *r, struct cov_input *in,
			struct strbuf *err);
int cov_parse_jacoco(struct cov_report *r, struct cov_input *in,
		     struct strbuf *err);
int cov_parse_go(struct cov_report *r, struct cov_input *in,
		 struct strbuf *err);
int cov_parse_gcov_json(struct cov_report *r, struct cov_input *in,
			struct strbuf *err);

/*
 * Parse an unsigned decimal count.  Returns 0, 1 when the value did not
 * fit in 64 bits (then *out is UINT64_MAX), or -1 when it is not a
 * number.  Leading '+' and fractions are refused.
 */
int cov_parse_count(const char *s, size_t len, uint64_t *out);

/*
 * Map every path of the report and move its data into `m`.  Counts the
 * report's files that matched a repository file and those that did not.
 */
void cov_report_commit(struct cov_report *r, struct cov_model *m,
		       const struct cov_pathmap *pm, size_t *matched,
		       size_t *unmatched);

#endif
