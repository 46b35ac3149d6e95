/*
 * Merging what a checker's tasks found into its outcome: fingerprints,
 * the configured severity, its status, and the redaction of what any
 * checker knows is secret.
 */

#include "run-outcome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The default fingerprint: rule, path and message, not the line, so it
 * survives edits elsewhere in the file. */
static void default_fingerprint(struct gate_finding *f)
{
	uint64_t h = fnv1a64(f->rule, strlen(f->rule), FNV1A64_SEED);
	char hex[17];

	if (f->path)
		h = fnv1a64(f->path, strlen(f->path) + 1, h);
	h = fnv1a64(f->message, strlen(f->message), h);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	f->fingerprint = xstrdup(hex);
}

/* Move the findings, metrics and notes of src to the end of dst. */
void run_result_absorb(struct gate_result *dst, struct gate_result *src)
{
	size_t i;

	for (i = 0; i < src->findings_nr; i++) {
		ALLOC_GROW(dst->findings, dst->findings_nr + 1, dst->findings_alloc);
		dst->findings[dst->findings_nr++] = src->findings[i];
	}
	for (i = 0; i < src->metrics_nr; i++) {
		ALLOC_GROW(dst->metrics, dst->metrics_nr + 1, dst->metrics_alloc);
		dst->metrics[dst->metrics_nr++] = src->metrics[i];
	}
	for (i = 0; i < src->notes_nr; i++) {
		ALLOC_GROW(dst->notes, dst->notes_nr + 1, dst->notes_alloc);
		dst->notes[dst->notes_nr++] = src->notes[i];
	}
	for (i = 0; i < src->sensitive_nr; i++) {
		gate_result_sensitive(dst, src->sensitive[i], src->sensitive_len[i]);
		free(src->sensitive[i]);
	}
	dst->pending |= src->pending;
	free(src->findings);
	free(src->metrics);
	free(src->notes);
	free(src->sensitive);
	free(src->sensitive_len);
	memset(src, 0, sizeof(*src));
}

/*
 * Replace every sensitive text in *s by its redacted form: a short prefix
 * and the length, as the secrets checker shows a secret.
 */
static void redact_string(char **s, const struct gate_result *all)
{
	struct strbuf out = STRBUF_INIT;

	if (!*s)
		return;
	gate_result_redact_text(all, *s, &out);
	free(*s);
	*s = strbuf_detach(&out, NULL);
}

void run_redact_result(struct gate_result *r, const struct gate_result *all)
{
	size_t i;

	for (i = 0; i < r->findings_nr; i++)
		redact_string(&r->findings[i].message, all);
	for (i = 0; i < r->notes_nr; i++)
		redact_string(&r->notes[i], all);
	for (i = 0; i < r->metrics_nr; i++)
		if (r->metrics[i].type == GATE_METRIC_STRING ||
		    r->metrics[i].type == GATE_METRIC_JSON)
			redact_string(&r->metrics[i].s, all);
}

enum gate_status run_outcome_status(struct gate_outcome *o,
				    enum gate_severity cap,
				    bool all_skipped)
{
	bool errors = false, warnings = false;
	size_t i;

	for (i = 0; i < o->result.findings_nr; i++) {
		struct gate_finding *f = &o->result.findings[i];

		/* The configured severity caps what the checker reports. */
		if (f->severity > cap)
			f->severity = cap;
		if (!f->fingerprint)
			default_fingerprint(f);
		if (f->severity == GATE_SEVERITY_ERROR)
			errors = true;
		else if (f->severity == GATE_SEVERITY_WARNING)
			warnings = true;
	}
	/* Findings get their fingerprints even when the checker failed. */
	if (o->error)
		return GATE_STATUS_ERROR;
	if (errors)
		return GATE_STATUS_FAIL;
	if (warnings || o->result.pending)
		return GATE_STATUS_WARN;
	if (all_skipped && !o->result.findings_nr)
		return GATE_STATUS_SKIP;
	return GATE_STATUS_PASS;
}
