/*
 * The checker registry: one line per checker, sorted by name, like git's
 * commands[] table.  A checker that is compiled out stays listed with its
 * `unavailable` reason so users get an explanation, not "unknown checker".
 */
#include "checker.h"

extern const struct gate_checker gate_checker_commit_title;
extern const struct gate_checker gate_checker_coverage;
extern const struct gate_checker gate_checker_hygiene;
extern const struct gate_checker gate_checker_pr_size;
extern const struct gate_checker gate_checker_secrets;

const struct gate_checker *const gate_checkers[] = {
	&gate_checker_commit_title,
	&gate_checker_coverage,
	&gate_checker_hygiene,
	&gate_checker_pr_size,
	&gate_checker_secrets,
};

const size_t gate_checkers_nr = ARRAY_SIZE(gate_checkers);
