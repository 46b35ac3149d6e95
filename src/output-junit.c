#include <string.h>

#include "output.h"

/*
 * JUnit XML, which every CI shows as a test report: a test suite per
 * checker, a failing test case per blocking finding, and one passing
 * case for a checker that found nothing, so the report is never empty.
 */

void output_junit(struct strbuf *out, const struct gate_verdict *v,
		  const struct output_options *o);

static void xml_escape(struct strbuf *sb, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p;

	/* Escape control bytes and bad UTF-8 first, then XML's specials. */
	strbuf_add_printable(&tmp, s, strlen(s));
	for (p = tmp.buf; *p; p++) {
		switch (*p) {
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&apos;"); break;
		default: strbuf_addch(sb, *p); break;
		}
	}
	strbuf_release(&tmp);
}

void output_junit(struct strbuf *out, const struct gate_verdict *v,
		  const struct output_options *o)
{
	size_t i, j, tests = 0, failures = 0, errors = 0;

	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_outcome *oc = &v->outcomes[i];

		tests += oc->result.findings_nr ? oc->result.findings_nr : 1;
		if (oc->status == GATE_STATUS_ERROR)
			errors++;
		for (j = 0; j < oc->result.findings_nr; j++)
			if (oc->result.findings[j].severity == GATE_SEVERITY_ERROR)
				failures++;
	}
	strbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_addf(out, "<testsuites name=\"gate\" tests=\"%zu\" failures=\"%zu\" "
		    "errors=\"%zu\" time=\"%.3f\">\n", tests, failures, errors,
		    o->timings ? v->elapsed_ns / 1e9 : 0.0);
	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_outcome *oc = &v->outcomes[i];
		const struct gate_result *r = &oc->result;
		size_t f = 0;

		for (j = 0; j < r->findings_nr; j++)
			f += r->findings[j].severity == GATE_SEVERITY_ERROR;
		strbuf_addstr(out, "  <testsuite name=\"");
		xml_escape(out, oc->checker->name);
		strbuf_addf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%d\" "
			    "skipped=\"%d\" time=\"%.3f\">\n",
			    r->findings_nr ? r->findings_nr : 1, f,
			    oc->status == GATE_STATUS_ERROR,
			    oc->status == GATE_STATUS_SKIP,
			    o->timings ? oc->elapsed_ns / 1e9 : 0.0);
		if (!r->findings_nr) {
			strbuf_addstr(out, "    <testcase classname=\"gate.");
			xml_escape(out, oc->checker->name);
			strbuf_addstr(out, "\" name=\"");
			xml_escape(out, oc->checker->name);
			strbuf_addstr(out, "\">");
			if (oc->status == GATE_STATUS_ERROR) {
				strbuf_addstr(out, "<error message=\"");
				xml_escape(out, oc->error);
				strbuf_addstr(out, "\"/>");
			} else if (oc->status == GATE_STATUS_SKIP) {
				strbuf_addstr(out, "<skipped/>");
			}
			strbuf_addstr(out, "</testcase>\n");
		}
		for (j = 0; j < r->findings_nr; j++) {
			const struct gate_finding *fd = &r->findings[j];
			const char *commit = output_commit_of(v, fd->commit);
			struct strbuf name = STRBUF_INIT;

			if (commit)
				strbuf_addf(&name, "%s ", commit);
			if (fd->path)
				strbuf_addf(&name, "%s:%u ", fd->path, fd->line);
			strbuf_addstr(&name, fd->rule);
			strbuf_addstr(out, "    <testcase classname=\"gate.");
			xml_escape(out, oc->checker->name);
			strbuf_addstr(out, "\" name=\"");
			xml_escape(out, name.buf);
			strbuf_addstr(out, "\">");
			if (fd->severity == GATE_SEVERITY_ERROR) {
				strbuf_addstr(out, "<failure type=\"");
				xml_escape(out, fd->rule);
				strbuf_addstr(out, "\" message=\"");
				xml_escape(out, fd->message);
				strbuf_addstr(out, "\"/>");
			} else {
				strbuf_addstr(out, "<system-out>");
				xml_escape(out, gate_severity_name(fd->severity));
				strbuf_addstr(out, ": ");
				xml_escape(out, fd->message);
				strbuf_addstr(out, "</system-out>");
			}
			strbuf_addstr(out, "</testcase>\n");
			strbuf_release(&name);
		}
		strbuf_addstr(out, "  </testsuite>\n");
	}
	strbuf_addstr(out, "</testsuites>\n");
}
