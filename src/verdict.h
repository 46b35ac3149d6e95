#ifndef GATE_VERDICT_H
#define GATE_VERDICT_H

/*
 * The verdict of a run: per checker a status, its findings and metrics,
 * and an overall status that maps onto the exit code.  This is what the
 * writers (text, JSON, SARIF, JUnit, CI annotations) render; its JSON
 * form is the versioned contract documented in docs/verdict-json.md.
 */

#include <stdint.h>

#include "changeset.h"
#include "checker.h"

enum gate_status {
	GATE_STATUS_PASS,
	GATE_STATUS_SKIP,
	GATE_STATUS_WARN,
	GATE_STATUS_FAIL,
	GATE_STATUS_ERROR,
};

const char *gate_status_name(enum gate_status s);

/* Exit codes, a stable contract. */
enum {
	GATE_EXIT_PASS = 0,
	GATE_EXIT_FAIL = 1,
	GATE_EXIT_USAGE = 2,
	GATE_EXIT_INTERNAL = 3,
};

struct gate_outcome {
	const struct gate_checker *checker;
	enum gate_status status;
	struct gate_result result;	/* merged in task order */
	char *error;			/* why status is error */
	size_t tasks;
	uint64_t elapsed_ns;		/* summed over its tasks */
};

struct gate_verdict {
	const struct gate_changeset *cs;
	const char *hook;		/* or NULL */
	const char *label;		/* e.g. the pushed ref, or NULL */
	struct gate_outcome *outcomes;	/* in registry order */
	size_t outcomes_nr;
	enum gate_status status;
	uint64_t elapsed_ns;		/* wall clock of the whole run */
	/* Every checker's sensitive texts, already redacted in the results;
	 * writers pass subject texts (commit titles) through
	 * verdict_redact(). */
	struct gate_result sensitive;
};

/* s with every sensitive text redacted, into out (reset first). */
void verdict_redact(const struct gate_verdict *v, const char *s,
		    struct strbuf *out);

int verdict_exit_code(const struct gate_verdict *v);
void verdict_release(struct gate_verdict *v);

/* Counts of findings by severity over the whole verdict. */
void verdict_count(const struct gate_verdict *v, size_t *errors,
		   size_t *warnings, size_t *notes);

#endif
