/*
 * LCOV tracefiles (geninfo(1)), read line by line so memory stays
 * bounded by the model, not the file.  Only SF, DA and end_of_record
 * matter for line coverage; function and branch records are skipped.
 * A record left open at the end of the file means the report was cut
 * short (a failed upload, a full disk), which is an error: coverage
 * computed from half a report would be wrong without anyone noticing.
 */
#include "coverage-report.h"

#include <string.h>

#define LCOV_MAX_LINE (1024 * 1024)

static int lcov_da(struct cov_report *r, struct cov_file *f,
		   const char *v, size_t lineno, struct strbuf *err)
{
	const char *comma = strchr(v, ',');
	const char *cend;
	uint64_t line, hits;
	int over;

	if (!comma || cov_parse_count(v, (size_t)(comma - v), &line)) {
		strbuf_addf(err, "line %zu: bad line number in 'DA:%.40s'",
			    lineno, v);
		return -1;
	}
	if (!line) {
		/* Some generators emit line 0 for code without a line. */
		cov_report_note(r, "'%s': line %zu: DA for line 0 ignored",
				r->name, lineno);
		return 0;
	}
	if (line > COV_MAX_LINE) {
		strbuf_addf(err, "line %zu: line number %llu out of range",
			    lineno, (unsigned long long)line);
		return -1;
	}
	comma++;
	cend = strchr(comma, ',');	/* an optional checksum follows */
	if (!cend)
		cend = comma + strlen(comma);
	if (*comma == '-') {
		strbuf_addf(err, "line %zu: negative hit count in "
			    "'DA:%.40s'", lineno, v);
		return -1;
	}
	over = cov_parse_count(comma, (size_t)(cend - comma), &hits);
	if (over < 0) {
		strbuf_addf(err, "line %zu: bad hit count in 'DA:%.40s'",
			    lineno, v);
		return -1;
	}
	if (over)
		r->raw.saturated = true;
	cov_file_add_line(&r->raw, f, (uint32_t)line, hits);
	return 0;
}

int cov_parse_lcov(struct cov_report *r, struct cov_input *in,
		   struct strbuf *err)
{
	struct strbuf line = STRBUF_INIT;
	struct cov_file *f = NULL;
	size_t lineno = 0;
	bool nl;
	int got, ret = -1;

	while ((got = cov_input_getline(in, &line, LCOV_MAX_LINE, &nl)) > 0) {
		const char *s = line.buf, *colon;

		lineno++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			continue;
		if (!strcmp(s, "end_of_record")) {
			if (!f) {
				strbuf_addf(err, "line %zu: end_of_record "
					    "without SF", lineno);
				goto out;
			}
			f = NULL;
			continue;
		}
		colon = strchr(s, ':');
		if (!colon) {
			strbuf_addf(err, "line %zu: not an LCOV record: "
				    "'%.40s'", lineno, s);
			goto out;
		}
		if (colon - s == 2 && !strncmp(s, "SF", 2)) {
			if (f) {
				strbuf_addf(err, "line %zu: SF inside the "
					    "record of '%s' (end_of_record "
					    "missing)", lineno, f->path);
				goto out;
			}
			if (!colon[1]) {
				strbuf_addf(err, "line %zu: SF without a "
					    "path", lineno);
				goto out;
			}
			f = cov_model_file(&r->raw, colon + 1);
		} else if (colon - s == 2 && !strncmp(s, "DA", 2)) {
			if (!f) {
				strbuf_addf(err, "line %zu: DA outside a "
					    "record (no SF before it)",
					    lineno);
				goto out;
			}
			if (lcov_da(r, f, colon + 1, lineno, err) < 0)
				goto out;
		}
		/* TN, FN*, BR*, LF, LH, VER, ...: not line coverage. */
	}
	if (got < 0) {
		strbuf_addf(err, "line %zu: %s", lineno + 1,
			    cov_input_error(in));
		goto out;
	}
	if (f) {
		strbuf_addf(err, "truncated: the record of '%s' has no "
			    "end_of_record (line %zu is the last)", f->path,
			    lineno);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&line);
	return ret;
}
