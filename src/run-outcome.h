#ifndef GATE_RUN_OUTCOME_H
#define GATE_RUN_OUTCOME_H

/*
 * A checker's outcome from its tasks' results, on the main thread after
 * the parallel part (run.c, run-stream.c).
 */

#include <stdbool.h>

#include "verdict.h"

/* Move the findings, metrics and notes of src to the end of dst. */
void run_result_absorb(struct gate_result *dst, struct gate_result *src);
/* Redact in r every text that `all` holds as sensitive. */
void run_redact_result(struct gate_result *r, const struct gate_result *all);
/*
 * Cap o's findings at the configured severity, give each a fingerprint,
 * and say what o comes to (all_skipped: every task skipped its input).
 */
enum gate_status run_outcome_status(struct gate_outcome *o,
				    enum gate_severity cap,
				    bool all_skipped);

#endif
