#ifndef GATE_TAP_H
#define GATE_TAP_H

/*
 * A few lines of TAP for the C unit tests: automake's tap-driver.sh
 * counts each "ok"/"not ok" line, so every assertion is a test point.
 * Usage: ok(cond, "name %d", i); is_int(got, want, "name");
 * is_str(got, want, "name"); then return tap_done() from main.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count_, tap_failed_;

__attribute__((format(printf, 2, 3), unused))
static int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_count_);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed_++;
	fflush(stdout);
	return cond;
}

#define is_int(got, want, ...) \
	tap_is_int_((long long)(got), (long long)(want), __VA_ARGS__)
__attribute__((format(printf, 3, 4), unused))
static int tap_is_int_(long long got, long long want, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (!ok(got == want, "%s", name))
		printf("# got %lld, want %lld\n", got, want);
	return got == want;
}

__attribute__((format(printf, 3, 4), unused))
static int is_str(const char *got, const char *want, const char *fmt, ...)
{
	char name[512];
	va_list ap;
	int same;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	same = (got && want) ? !strcmp(got, want) : got == want;
	if (!ok(same, "%s", name))
		printf("# got '%s', want '%s'\n", got ? got : "(null)",
		       want ? want : "(null)");
	return same;
}

__attribute__((unused))
static void tap_skip(const char *why)
{
	printf("ok %d # SKIP %s\n", ++tap_count_, why);
}

__attribute__((unused))
static int tap_done(void)
{
	printf("1..%d\n", tap_count_);
	return tap_failed_ ? 1 : 0;
}

#endif
