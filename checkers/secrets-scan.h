#ifndef GATE_SECRETS_SCAN_H
#define GATE_SECRETS_SCAN_H

/*
 * The scanning engine of the secrets checker.
 *
 * One pass of the keyword automaton over the text; each keyword hit
 * enables only its rules, and each of those runs its regex on a window
 * around the hit (the hit's line, clamped on minified lines; a block of
 * lines for multi-line rules), never on the whole file.  A rule whose
 * window already covered the hit is not run again.  Candidates then go
 * through the filters of secrets-filter.h and the allowlists, and
 * overlapping candidates of several rules collapse into one finding.
 *
 * The engine is built on the main thread and shared read-only, except
 * for the lazily compiled regexes (see secrets-rules.h).  Each task owns
 * a scanner: its pcre2 match data and its candidate list.
 */

#include "secrets-ac.h"
#include "secrets-rules.h"

struct secrets_engine {
	struct secrets_rules rules;
	struct secrets_ac *ac;
	uint32_t *nokw;			/* rules without keywords */
	size_t nokw_nr;
	uint32_t *kw_max;		/* per rule: its longest keyword */
	struct secrets_allowlist global;	/* .gate.yml allowlist */
};

/* Bytes of a line on either side of a hit that a window may span. */
#define SECRETS_WINDOW_HALF 4096
/* Extra bytes a block-window rule may look at after its hit. */
#define SECRETS_WINDOW_MULTILINE 16384

void secrets_engine_init(struct secrets_engine *eng);
/* Build the automaton once the rules are final. */
void secrets_engine_build(struct secrets_engine *eng);
void secrets_engine_release(struct secrets_engine *eng);

struct secrets_hit {
	struct secrets_rule *rule;
	size_t secret_off, secret_len;	/* into the scanned text */
	size_t match_off, match_len;
	uint32_t line, column, end_line;	/* 1-based */
	bool validated;			/* a checksum validator accepted it */
};

struct secrets_scanner {
	struct secrets_engine *eng;
	pcre2_match_data *md;
	size_t *covered;		/* per rule: window end + 1, or 0 */
	signed char *path_ok;		/* per rule: -1 unknown, 0 no, 1 yes */
	const char *path;
	const char *text;
	size_t len;
	struct secrets_hit *hits;
	size_t hits_nr, hits_alloc;
	size_t span_first_hit;
	size_t span_start;
	uint32_t span_line;
	/* Windows abandoned at the match limit; reported as notes. */
	size_t limit_hits;
	struct strbuf err;		/* a rule that does not compile */
	/* Run anchor-word rules unanchored too (the tests compare). */
	bool no_anchor;
	int failed;
};

void secrets_scanner_init(struct secrets_scanner *sc,
			  struct secrets_engine *eng);
void secrets_scanner_release(struct secrets_scanner *sc);

/*
 * Start a file: drop the previous candidates.  Returns false when the
 * global allowlist excludes the path (nothing to scan).
 */
bool secrets_scan_begin(struct secrets_scanner *sc, const char *path,
			const char *text, size_t len);

/*
 * Scan text[start, end), which begins at line `line` (1-based) and at a
 * line start.  Returns 0, or -1 when a rule failed to compile (message
 * in sc->err).
 */
int secrets_scan_span(struct secrets_scanner *sc, size_t start, size_t end,
		      uint32_t line);

/*
 * glob_match for the pattern shapes rule packs use (a base name, a star
 * then a suffix, either after a leading double star and slash, and a
 * directory name between double stars), without its general matcher,
 * which cost a tenth of a whole-tree scan; -1 for any other shape.  The
 * tests hold it to glob_match on every pattern of the pack.
 */
int secrets_quick_glob(const char *pattern, const char *path);

/*
 * The start of the line that holds text[pos - 1], not before lo: the
 * greatest p in [lo, pos] with p == lo or text[p - 1] == '\n'.
 */
size_t secrets_line_start(const char *text, size_t lo, size_t pos);

/* Collapse overlapping candidates: one finding per secret. */
void secrets_scan_end(struct secrets_scanner *sc);

#endif
