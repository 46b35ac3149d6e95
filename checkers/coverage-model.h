#ifndef GATE_COVERAGE_MODEL_H
#define GATE_COVERAGE_MODEL_H

/*
 * The common model every coverage format is read into: per file, the
 * coverable lines with their hit counts.  Several reports merge into one
 * model, and a line is covered when any report covers it (hit counts
 * add up, saturating at UINT64_MAX).
 *
 * Go coverprofiles are block-based; their blocks are kept as they are so
 * duplicates merge the way `go tool cover` merges them, and so totals
 * count statements as `go tool cover -func` does.  Lines are derived
 * from the blocks for the diff: a line is coverable when a block with
 * statements spans it and covered when any such block ran.
 *
 * Parsers append in any order; cov_model_finalize() sorts and merges
 * once, after which the model is read-only and may be shared by threads.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Line numbers beyond this are refused: no real source file has 16M
 * lines, and a hostile report must not make us allocate for them. */
#define COV_MAX_LINE (1u << 24)
/* A Go block spanning more lines than this is refused for the same
 * reason (a block is at most one function body). */
#define COV_MAX_BLOCK_SPAN 100000u

enum cov_format {
	COV_FORMAT_AUTO = 0,
	COV_FORMAT_LCOV,
	COV_FORMAT_COBERTURA,
	COV_FORMAT_JACOCO,
	COV_FORMAT_GO,
	COV_FORMAT_GCOV_JSON,
};

const char *cov_format_name(enum cov_format f);
/* "lcov", "cobertura", "jacoco", "go", "gcov-json", "auto"; -1 if unknown. */
int cov_format_parse(const char *s, enum cov_format *out);

/* 12 bytes, not 16: a 100 MB report holds some 10 million of these. */
struct __attribute__((packed, aligned(4))) cov_line {
	uint64_t hits;
	uint32_t line;
};

struct cov_block {
	uint32_t start_line, start_col, end_line, end_col;
	uint32_t stmts;
	uint64_t count;
};

struct cov_file {
	/* The repository path once mapped; the report's own spelling
	 * while the file lives in a report's staging model. */
	char *path;
	/* Why the path matched no file of the repository, or NULL. */
	char *unmatched;
	/* The directory a relative report path is relative to, if the
	 * report says (Cobertura <source>, gcov's working directory). */
	char *base;
	struct cov_line *lines;
	size_t lines_nr, lines_alloc;
	struct cov_block *blocks;
	size_t blocks_nr, blocks_alloc;
	bool set_mode;		/* Go "mode: set": duplicate blocks OR */
	bool sorted;
	/* Filled by cov_model_finalize(): coverable units (lines, or
	 * statements for Go blocks) and how many of them ran. */
	uint64_t units, units_covered;
};

struct cov_model {
	struct cov_file **files;	/* in insertion order */
	size_t nr, alloc;
	size_t *slots;		/* open addressing: file index + 1 */
	size_t slots_nr;
	bool finalized;
	bool saturated;		/* a hit count was clamped to UINT64_MAX */
};

void cov_model_init(struct cov_model *m);
void cov_model_release(struct cov_model *m);

/* Find or create the file for `path`. */
struct cov_file *cov_model_file(struct cov_model *m, const char *path);
const struct cov_file *cov_model_find(const struct cov_model *m,
				      const char *path);

/* Record a coverable line (1 <= line <= COV_MAX_LINE, checked by the
 * parsers so they can name the offending input line). */
void cov_file_add_line(struct cov_model *m, struct cov_file *f,
		       uint32_t line, uint64_t hits);
void cov_file_add_block(struct cov_file *f, const struct cov_block *b);

uint64_t cov_add_sat(struct cov_model *m, uint64_t a, uint64_t b);

/*
 * Move all data of `src` (a report's staging model, finalized or not)
 * into the file `dst` of model `m`; src is left empty.
 */
void cov_file_absorb(struct cov_model *m, struct cov_file *dst,
		     struct cov_file *src);

/*
 * Sort and merge.  Fails only for Go blocks that repeat with different
 * statement counts (which `go tool cover` refuses too).
 */
int cov_model_finalize(struct cov_model *m, struct strbuf *err);

/* After finalize: the entry for `line`, or NULL when not coverable. */
const struct cov_line *cov_file_line(const struct cov_file *f,
				     uint32_t line);

/* After finalize: sums over all files. */
void cov_model_totals(const struct cov_model *m, uint64_t *units,
		      uint64_t *covered);

#endif
