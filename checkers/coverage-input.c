#include "coverage-input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cov_input_open(struct cov_input *in, const char *path,
		   struct strbuf *err)
{
	memset(in, 0, sizeof(*in));
	in->name = path;
	errno = 0;
	in->gz = gzopen(path, "rb");
	if (!in->gz) {
		strbuf_addf(err, "cannot open '%s': %s", path,
			    errno ? strerror(errno) : "out of memory");
		return -1;
	}
	gzbuffer(in->gz, 128 * 1024);
	in->buf = xmalloc(COV_INPUT_CHUNK);
	return 0;
}

void cov_input_mem(struct cov_input *in, const char *name,
		   const void *data, size_t len)
{
	memset(in, 0, sizeof(*in));
	in->name = name;
	in->mem = data;
	in->mem_len = len;
	in->buf = xmalloc(COV_INPUT_CHUNK);
}

void cov_input_close(struct cov_input *in)
{
	if (in->gz)
		gzclose(in->gz);
	free(in->buf);
	memset(in, 0, sizeof(*in));
}

static long input_read(struct cov_input *in, unsigned char *dst, size_t n)
{
	if (in->gz) {
		int got = gzread(in->gz, dst, (unsigned)n);
		if (got < 0) {
			int errnum;
			const char *msg = gzerror(in->gz, &errnum);
			if (errnum == Z_ERRNO)
				msg = strerror(errno);
			snprintf(in->errmsg, sizeof(in->errmsg), "%s", msg);
			in->failed = true;
			return -1;
		}
		if (!got) {
			/* gzread returns what it could of a truncated
			 * gzip stream and reports the rest in gzerror. */
			int errnum = Z_OK;
			const char *msg = gzerror(in->gz, &errnum);
			if (errnum != Z_OK && errnum != Z_STREAM_END) {
				snprintf(in->errmsg, sizeof(in->errmsg),
					 "%s", msg);
				in->failed = true;
				return -1;
			}
		}
		return got;
	} else {
		size_t left = in->mem_len - in->mem_pos;
		if (n > left)
			n = left;
		if (n)
			memcpy(dst, in->mem + in->mem_pos, n);
		in->mem_pos += n;
		return (long)n;
	}
}

long cov_input_fill(struct cov_input *in, size_t want)
{
	if (want > COV_INPUT_CHUNK)
		GATE_BUG("cov_input_fill: %zu bytes wanted", want);
	if (in->failed)
		return -1;
	if (in->pos) {
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
	}
	while (in->len < want && !in->eof) {
		long got = input_read(in, in->buf + in->len,
				      COV_INPUT_CHUNK - in->len);
		if (got < 0)
			return -1;
		if (!got)
			in->eof = true;
		in->len += (size_t)got;
	}
	return (long)in->len;
}

int cov_input_getline(struct cov_input *in, struct strbuf *line,
		      size_t max, bool *had_newline)
{
	strbuf_reset(line);
	*had_newline = false;
	for (;;) {
		unsigned char *start, *nl;
		size_t avail;

		if (in->pos >= in->len) {
			long got = cov_input_fill(in, 1);
			if (got < 0)
				return -1;
			if (!got)
				return line->len ? 1 : 0;
		}
		start = in->buf + in->pos;
		avail = in->len - in->pos;
		nl = memchr(start, '\n', avail);
		if (nl) {
			strbuf_add(line, start, (size_t)(nl - start));
			in->pos += (size_t)(nl - start) + 1;
			*had_newline = true;
			break;
		}
		strbuf_add(line, start, avail);
		in->pos = in->len;
		if (line->len > max) {
			snprintf(in->errmsg, sizeof(in->errmsg),
				 "line longer than %zu bytes", max);
			return -1;
		}
	}
	if (line->len > max) {
		snprintf(in->errmsg, sizeof(in->errmsg),
			 "line longer than %zu bytes", max);
		return -1;
	}
	if (line->len && line->buf[line->len - 1] == '\r')
		strbuf_setlen(line, line->len - 1);
	return 1;
}

long cov_input_chunk(struct cov_input *in, const unsigned char **data)
{
	long got;

	if (in->pos >= in->len) {
		in->pos = in->len = 0;
		got = cov_input_fill(in, 1);
		if (got <= 0)
			return got;
	}
	*data = in->buf + in->pos;
	got = (long)(in->len - in->pos);
	in->pos = in->len;
	return got;
}

const char *cov_input_error(const struct cov_input *in)
{
	return in->errmsg[0] ? in->errmsg : "read error";
}
