/*
 * Go coverprofiles (`go test -coverprofile`): a "mode:" line, then one
 * block per line, "file.go:startLine.startCol,endLine.endCol stmts
 * count".  Blocks are kept whole in the model so that duplicates (the
 * same package measured by several test binaries with -coverpkg) merge
 * as golang.org/x/tools/cover merges them.  Files are named by import
 * path; mapping strips the module path of go.mod.
 */
#include "coverage-report.h"

#include <string.h>

#define GO_MAX_LINE (64 * 1024)

static int parse_u32(const char *s, size_t len, uint32_t *out)
{
	uint64_t v;

	if (cov_parse_count(s, len, &v) || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* "sl.sc,el.ec" */
static int parse_range(const char *s, size_t len, struct cov_block *b)
{
	const char *comma = memchr(s, ',', len), *dot1, *dot2;

	if (!comma)
		return -1;
	dot1 = memchr(s, '.', (size_t)(comma - s));
	dot2 = memchr(comma, '.', len - (size_t)(comma - s));
	if (!dot1 || !dot2)
		return -1;
	if (parse_u32(s, (size_t)(dot1 - s), &b->start_line) ||
	    parse_u32(dot1 + 1, (size_t)(comma - dot1 - 1), &b->start_col) ||
	    parse_u32(comma + 1, (size_t)(dot2 - comma - 1), &b->end_line) ||
	    parse_u32(dot2 + 1, len - (size_t)(dot2 + 1 - s), &b->end_col))
		return -1;
	return 0;
}

static int parse_mode(const char *s, bool *set)
{
	s += 5;
	while (*s == ' ')
		s++;
	if (!strcmp(s, "set"))
		*set = true;
	else if (!strcmp(s, "count") || !strcmp(s, "atomic"))
		*set = false;
	else
		return -1;
	return 0;
}

int cov_parse_go(struct cov_report *r, struct cov_input *in,
		 struct strbuf *err)
{
	struct strbuf line = STRBUF_INIT, path = STRBUF_INIT;
	size_t lineno = 0;
	bool nl, have_mode = false, set_mode = false;
	int got, ret = -1;

	while ((got = cov_input_getline(in, &line, GO_MAX_LINE, &nl)) > 0) {
		struct cov_block b;
		char *sp1, *sp2, *colon;
		struct cov_file *f;
		uint64_t count;
		int over;

		lineno++;
		if (!line.len)
			continue;
		if (starts_with(line.buf, "mode:")) {
			bool set;

			if (parse_mode(line.buf, &set) < 0) {
				strbuf_addf(err, "line %zu: unknown mode "
					    "'%.20s'", lineno, line.buf + 5);
				goto out;
			}
			/* Profiles concatenated by scripts repeat it. */
			if (have_mode && set != set_mode) {
				strbuf_addf(err, "line %zu: mode changes "
					    "within the profile", lineno);
				goto out;
			}
			have_mode = true;
			set_mode = set;
			continue;
		}
		if (!have_mode) {
			strbuf_addf(err, "line %zu: 'mode:' line expected",
				    lineno);
			goto out;
		}
		sp2 = strrchr(line.buf, ' ');
		if (!sp2)
			goto bad;
		*sp2 = '\0';
		sp1 = strrchr(line.buf, ' ');
		if (!sp1)
			goto bad;
		*sp1 = '\0';
		colon = strrchr(line.buf, ':');
		if (!colon || colon == line.buf)
			goto bad;
		memset(&b, 0, sizeof(b));
		if (parse_range(colon + 1, strlen(colon + 1), &b) ||
		    parse_u32(sp1 + 1, strlen(sp1 + 1), &b.stmts))
			goto bad;
		over = cov_parse_count(sp2 + 1, strlen(sp2 + 1), &count);
		if (over < 0)
			goto bad;
		if (over)
			r->raw.saturated = true;
		if (!b.start_line || b.end_line < b.start_line ||
		    b.end_line > COV_MAX_LINE ||
		    b.end_line - b.start_line > COV_MAX_BLOCK_SPAN) {
			strbuf_addf(err, "line %zu: bad block lines %u-%u",
				    lineno, b.start_line, b.end_line);
			goto out;
		}
		b.count = count;
		strbuf_reset(&path);
		strbuf_add(&path, line.buf, (size_t)(colon - line.buf));
		f = cov_model_file(&r->raw, path.buf);
		f->set_mode = set_mode;
		cov_file_add_block(f, &b);
	}
	if (got < 0) {
		strbuf_addf(err, "line %zu: %s", lineno + 1,
			    cov_input_error(in));
		goto out;
	}
	if (!have_mode && lineno) {
		strbuf_addstr(err, "no 'mode:' line");
		goto out;
	}
	ret = 0;
	goto out;
bad:
	strbuf_addf(err, "line %zu: not a coverprofile block "
		    "(file:line.col,line.col statements count)", lineno);
out:
	strbuf_release(&line);
	strbuf_release(&path);
	return ret;
}
