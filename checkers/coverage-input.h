#ifndef GATE_COVERAGE_INPUT_H
#define GATE_COVERAGE_INPUT_H

/*
 * A buffered byte source for the coverage report parsers.  Files are
 * read through zlib's gzread, which passes plain files through
 * unchanged, so every format may also come gzip'd (.lcov.gz,
 * .gcov.json.gz) without the parsers knowing.  Memory input exists for
 * the unit tests and the fuzz target.  Reading never loads the whole
 * report: the buffer is a fixed window that slides over the stream.
 */

#include <stdbool.h>
#include <stddef.h>
#include <zlib.h>

#include "util.h"

#define COV_INPUT_CHUNK (64 * 1024)

struct cov_input {
	const char *name;	/* for messages; borrowed */
	gzFile gz;		/* file input, or NULL */
	const unsigned char *mem;	/* memory input */
	size_t mem_len, mem_pos;
	unsigned char *buf;	/* window over the stream */
	size_t len, pos;
	bool eof, failed;
	char errmsg[128];	/* why a read failed */
};

/* Open a file; returns 0, or -1 with "cannot open 'x': ..." in err. */
int cov_input_open(struct cov_input *in, const char *path,
		   struct strbuf *err);
void cov_input_mem(struct cov_input *in, const char *name,
		   const void *data, size_t len);
void cov_input_close(struct cov_input *in);

/*
 * Make at least `want` bytes available at in->buf + in->pos when the
 * stream has them (want <= COV_INPUT_CHUNK).  Returns the number of
 * bytes available, 0 at end of input, -1 on a read error.
 */
long cov_input_fill(struct cov_input *in, size_t want);

/* Next byte, or -1 at end of input (check in->failed for errors). */
static inline int cov_input_getc(struct cov_input *in)
{
	if (in->pos < in->len)
		return in->buf[in->pos++];
	if (cov_input_fill(in, 1) <= 0)
		return -1;
	return in->buf[in->pos++];
}

static inline int cov_input_peekc(struct cov_input *in)
{
	if (in->pos < in->len)
		return in->buf[in->pos];
	if (cov_input_fill(in, 1) <= 0)
		return -1;
	return in->buf[in->pos];
}

/*
 * Read one line without its "\n" (and "\r\n") into `line`.  Returns 1,
 * 0 at end of input, -1 on a read error or a line over `max` bytes.
 * `*last_had_newline` tells whether the line was terminated, so the
 * caller can tell a truncated file from a complete one.
 */
int cov_input_getline(struct cov_input *in, struct strbuf *line,
		      size_t max, bool *had_newline);

/* Hand the next chunk to a push parser (expat): the bytes are at *data. */
long cov_input_chunk(struct cov_input *in, const unsigned char **data);

/* The error of a failed read, for messages. */
const char *cov_input_error(const struct cov_input *in);

#endif
