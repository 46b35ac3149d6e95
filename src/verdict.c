#include "verdict.h"

#include <stdlib.h>
#include <string.h>

const char *gate_status_name(enum gate_status s)
{
	switch (s) {
	case GATE_STATUS_PASS: return "pass";
	case GATE_STATUS_SKIP: return "skip";
	case GATE_STATUS_WARN: return "warn";
	case GATE_STATUS_FAIL: return "fail";
	case GATE_STATUS_ERROR: return "error";
	}
	GATE_BUG("bad status %d", (int)s);
}

int verdict_exit_code(const struct gate_verdict *v)
{
	switch (v->status) {
	case GATE_STATUS_ERROR: return GATE_EXIT_INTERNAL;
	case GATE_STATUS_FAIL: return GATE_EXIT_FAIL;
	default: return GATE_EXIT_PASS;
	}
}

void verdict_count(const struct gate_verdict *v, size_t *errors,
		   size_t *warnings, size_t *notes)
{
	size_t i, j;

	*errors = *warnings = *notes = 0;
	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_result *r = &v->outcomes[i].result;

		for (j = 0; j < r->findings_nr; j++) {
			switch (r->findings[j].severity) {
			case GATE_SEVERITY_ERROR: (*errors)++; break;
			case GATE_SEVERITY_WARNING: (*warnings)++; break;
			case GATE_SEVERITY_NOTE: (*notes)++; break;
			default: break;
			}
		}
	}
}

void verdict_redact(const struct gate_verdict *v, const char *s,
		    struct strbuf *out)
{
	gate_result_redact_text(&v->sensitive, s, out);
}

void verdict_release(struct gate_verdict *v)
{
	size_t i;

	gate_result_release(&v->sensitive);

	for (i = 0; i < v->outcomes_nr; i++) {
		gate_result_release(&v->outcomes[i].result);
		free(v->outcomes[i].error);
	}
	free(v->outcomes);
	memset(v, 0, sizeof(*v));
}
