#ifndef GATE_COVERAGE_THRESHOLD_H
#define GATE_COVERAGE_THRESHOLD_H

/*
 * Thresholds are compared exactly.  A threshold is read from its
 * decimal text ("69.23") as the rational num / 10^scale, never as a
 * double, and coverage covered/lines meets it when
 *     covered * 100 * 10^scale >= num * lines
 * in 128-bit integers.  diff-cover instead floors the percentage to an
 * integer first, so 69.23% passes --fail-under 69 but fails 69.2; here
 * 69.23% (18/26 = 69.2307...) meets 69.2 and 69.23 and fails 69.231.
 * Percentages are shown floored to two decimals, so a shown value never
 * claims more coverage than there is: 79.996% shows as 79.99 and fails
 * 80, instead of showing 80.00 and failing.
 * No coverable lines at all counts as 100%, as diff-cover does.
 */

#include <stdbool.h>
#include <stdint.h>

#define COV_THRESHOLD_MAX_SCALE 6

struct cov_threshold {
	uint64_t num;		/* value * 10^scale */
	unsigned scale;
	bool set;
};

/* "80", "69.23", "0.5"; at most 6 decimals, 0 <= value <= 100. */
int cov_threshold_parse(const char *s, struct cov_threshold *t);

bool cov_meets(uint64_t covered, uint64_t lines,
	       const struct cov_threshold *t);

/*
 * True when the drop from base to head, in percentage points, is more
 * than `max`: base_cov/base_lines - cov/lines > max/100, exactly.
 */
bool cov_drop_exceeds(uint64_t base_cov, uint64_t base_lines,
		      uint64_t cov, uint64_t lines,
		      const struct cov_threshold *max);

/* Percent floored to two decimals, as hundredths (6923 for 69.23%). */
uint64_t cov_percent_hundredths(uint64_t covered, uint64_t lines);
/* "69.23"; buf must hold 24 bytes. */
const char *cov_percent_str(uint64_t covered, uint64_t lines, char *buf);
/* The threshold as text again ("69.23"); buf must hold 32 bytes. */
const char *cov_threshold_str(const struct cov_threshold *t, char *buf);

#endif
