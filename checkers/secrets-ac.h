#ifndef GATE_SECRETS_AC_H
#define GATE_SECRETS_AC_H

/*
 * The keyword prefilter of the secrets checker: an Aho-Corasick automaton
 * compiled to a DFA over byte classes, matched case-insensitively in one
 * pass.  Only bytes that occur in some keyword get their own class, so
 * the transition table of a few hundred keywords stays small enough for
 * the cache.  Built once on the main thread, then read-only.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct secrets_ac;

/* Keywords are matched ASCII case-insensitively; ids are caller-chosen. */
struct secrets_ac *secrets_ac_build(const char *const *keywords,
				    const uint32_t *ids, size_t nr);
void secrets_ac_free(struct secrets_ac *ac);

/*
 * Called for each keyword occurrence, in order of its end offset; `end`
 * is one past the last byte.  Return non-zero to stop the scan.
 */
typedef int (*secrets_ac_fn)(void *cb_data, uint32_t id, size_t end);

/*
 * Returns what the callback returned when it stopped the scan, else 0.
 * A filter on the first byte pairs of the keywords (up to nine bytes)
 * skips most of the text; the automaton only runs around its candidates.
 */
int secrets_ac_scan(const struct secrets_ac *ac, const char *text,
		    size_t len, secrets_ac_fn fn, void *cb_data);

/* The same callbacks from the automaton alone, byte by byte (tests). */
int secrets_ac_scan_plain(const struct secrets_ac *ac, const char *text,
			  size_t len, secrets_ac_fn fn, void *cb_data);

/*
 * The first position >= pos where a keyword may start, or len: every
 * keyword occurrence starts at a candidate (tests hold it to that).
 */
size_t secrets_ac_next_candidate(const struct secrets_ac *ac,
				 const char *text, size_t len, size_t pos);

/* Number of DFA states, for tests and the bench report. */
size_t secrets_ac_states(const struct secrets_ac *ac);

/*
 * An automaton as constant C data: secrets-packgen writes the one of the
 * built-in pack with secrets_ac_emit, and gate wraps it at run time
 * instead of building it (a few hundred keywords cost 3 million
 * instructions to build, more than the rest of a pre-commit hook).
 */
struct secrets_ac_image {
	const uint8_t *cls;		/* 256 entries */
	uint32_t nclasses, states;
	const uint32_t *table, *out_start, *out_nr, *out_ids;
	const uint64_t *filter;		/* 4096 words, or NULL */
};

void secrets_ac_emit(const struct secrets_ac *ac, FILE *out,
		     const char *name);
struct secrets_ac *secrets_ac_wrap(const struct secrets_ac_image *img);

#endif
