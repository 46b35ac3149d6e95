#include "coverage-threshold.h"

#include <stdio.h>
#include <string.h>

typedef unsigned __int128 u128;

static uint64_t pow10u(unsigned k)
{
	uint64_t v = 1;

	while (k--)
		v *= 10;
	return v;
}

int cov_threshold_parse(const char *s, struct cov_threshold *t)
{
	uint64_t num = 0;
	unsigned scale = 0;
	bool dot = false, digits = false;

	for (; *s; s++) {
		if (*s == '.' && !dot) {
			dot = true;
			continue;
		}
		if (*s < '0' || *s > '9')
			return -1;
		if (dot && ++scale > COV_THRESHOLD_MAX_SCALE)
			return -1;
		if (num > 1000000000000ULL)
			return -1;
		num = num * 10 + (uint64_t)(*s - '0');
		digits = true;
	}
	if (!digits || num > 100 * pow10u(scale))
		return -1;
	t->num = num;
	t->scale = scale;
	t->set = true;
	return 0;
}

bool cov_meets(uint64_t covered, uint64_t lines,
	       const struct cov_threshold *t)
{
	if (!t->set || !lines)
		return true;
	return (u128)covered * 100 * pow10u(t->scale) >= (u128)t->num * lines;
}

bool cov_drop_exceeds(uint64_t base_cov, uint64_t base_lines,
		      uint64_t cov, uint64_t lines,
		      const struct cov_threshold *max)
{
	u128 s, lhs, rhs;

	if (!max->set || !base_lines || !lines)
		return false;
	/* base_cov/base_lines - cov/lines > num/(100*10^scale), times
	 * base_lines * lines * 100 * 10^scale on both sides. */
	s = (u128)100 * pow10u(max->scale);
	lhs = (u128)base_cov * lines * s;
	rhs = (u128)cov * base_lines * s + (u128)max->num * base_lines * lines;
	return lhs > rhs;
}

uint64_t cov_percent_hundredths(uint64_t covered, uint64_t lines)
{
	if (!lines)
		return 10000;
	return (uint64_t)((u128)covered * 10000 / lines);
}

const char *cov_percent_str(uint64_t covered, uint64_t lines, char *buf)
{
	uint64_t h = cov_percent_hundredths(covered, lines);

	snprintf(buf, 24, "%llu.%02llu", (unsigned long long)(h / 100),
		 (unsigned long long)(h % 100));
	return buf;
}

const char *cov_threshold_str(const struct cov_threshold *t, char *buf)
{
	uint64_t p = pow10u(t->scale);

	if (!t->scale)
		snprintf(buf, 32, "%llu", (unsigned long long)t->num);
	else
		snprintf(buf, 32, "%llu.%0*llu",
			 (unsigned long long)(t->num / p), (int)t->scale,
			 (unsigned long long)(t->num % p));
	return buf;
}
