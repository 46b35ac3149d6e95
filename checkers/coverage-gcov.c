/*
 * gcov's JSON format (`gcov --json-format`, gcc 9+; .gcov.json.gz as
 * gcov writes it, or gunzipped).  A small pull parser walks the
 * document instead of building it with jansson: jansson would hold the
 * whole tree (several hundred bytes per line entry), while this keeps
 * only the lines of the file object being read.  Only
 * files[].file, files[].lines[].line_number/count and
 * current_working_directory are used; everything else is skipped.
 * Several documents may follow each other (gcov -t writes one per
 * source); each names its own working directory, which may come after
 * "files", so it is applied to the document's files at its end.
 */
#include "coverage-report.h"

#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 128
#define JSON_MAX_STRING (1024 * 1024)

enum jtok {
	J_EOF, J_ERR, J_LBRACE, J_RBRACE, J_LBRACK, J_RBRACK, J_COLON,
	J_COMMA, J_STRING, J_NUMBER, J_LITERAL,
};

struct jlex {
	struct cov_input *in;
	struct strbuf text;	/* string (decoded) or number */
	size_t line;
	struct strbuf *err;
	enum jtok peeked;
	bool has_peek;
};

static enum jtok jfail(struct jlex *lx, const char *what)
{
	if (!lx->err->len)
		strbuf_addf(lx->err, "line %zu: %s", lx->line, what);
	return J_ERR;
}

static void add_utf8(struct strbuf *sb, unsigned cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xc0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xe0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addch(sb, (int)(0xf0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	}
}

static int hex4(struct jlex *lx, unsigned *out)
{
	int i, c;

	*out = 0;
	for (i = 0; i < 4; i++) {
		c = cov_input_getc(lx->in);
		if (c >= '0' && c <= '9')
			*out = *out * 16 + (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*out = *out * 16 + (unsigned)((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

static enum jtok lex_string(struct jlex *lx)
{
	strbuf_reset(&lx->text);
	for (;;) {
		int c = cov_input_getc(lx->in);
		unsigned cp, lo;

		if (c < 0)
			return jfail(lx, "unterminated string");
		if (c == '"')
			return J_STRING;
		if (c < 0x20)
			return jfail(lx, "control character in a string");
		if (lx->text.len >= JSON_MAX_STRING)
			return jfail(lx, "string longer than 1 MiB");
		if (c != '\\') {
			strbuf_addch(&lx->text, c);
			continue;
		}
		c = cov_input_getc(lx->in);
		switch (c) {
		case '"': case '\\': case '/':
			strbuf_addch(&lx->text, c);
			break;
		case 'b': strbuf_addch(&lx->text, '\b'); break;
		case 'f': strbuf_addch(&lx->text, '\f'); break;
		case 'n': strbuf_addch(&lx->text, '\n'); break;
		case 'r': strbuf_addch(&lx->text, '\r'); break;
		case 't': strbuf_addch(&lx->text, '\t'); break;
		case 'u':
			if (hex4(lx, &cp) < 0)
				return jfail(lx, "bad \\u escape");
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (cov_input_getc(lx->in) != '\\' ||
				    cov_input_getc(lx->in) != 'u' ||
				    hex4(lx, &lo) < 0 || lo < 0xdc00 ||
				    lo > 0xdfff)
					return jfail(lx, "bad surrogate pair");
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp < 0xe000) {
				return jfail(lx, "bad surrogate pair");
			}
			add_utf8(&lx->text, cp);
			break;
		default:
			return jfail(lx, "bad escape in a string");
		}
	}
}

static enum jtok jnext(struct jlex *lx)
{
	int c;

	if (lx->has_peek) {
		lx->has_peek = false;
		return lx->peeked;
	}
	do {
		c = cov_input_getc(lx->in);
		if (c == '\n')
			lx->line++;
	} while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
	switch (c) {
	case -1:
		if (lx->in->failed)
			return jfail(lx, cov_input_error(lx->in));
		return J_EOF;
	case '{': return J_LBRACE;
	case '}': return J_RBRACE;
	case '[': return J_LBRACK;
	case ']': return J_RBRACK;
	case ':': return J_COLON;
	case ',': return J_COMMA;
	case '"': return lex_string(lx);
	}
	if (c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
		bool word = c >= 'a' && c <= 'z';

		strbuf_reset(&lx->text);
		strbuf_addch(&lx->text, c);
		for (;;) {
			c = cov_input_peekc(lx->in);
			if (word ? !(c >= 'a' && c <= 'z')
				 : !(c == '-' || c == '+' || c == '.' ||
				     c == 'e' || c == 'E' ||
				     (c >= '0' && c <= '9')))
				break;
			if (lx->text.len > 64)
				return jfail(lx, "token too long");
			strbuf_addch(&lx->text, cov_input_getc(lx->in));
		}
		if (!word)
			return J_NUMBER;
		if (!strcmp(lx->text.buf, "true") ||
		    !strcmp(lx->text.buf, "false") ||
		    !strcmp(lx->text.buf, "null"))
			return J_LITERAL;
	}
	return jfail(lx, "not JSON");
}

static int jexpect(struct jlex *lx, enum jtok want, const char *what)
{
	enum jtok t = jnext(lx);

	if (t == want)
		return 0;
	if (t != J_ERR) {
		struct strbuf m = STRBUF_INIT;

		strbuf_addf(&m, "%s expected", what);
		jfail(lx, m.buf);
		strbuf_release(&m);
	}
	return -1;
}

static int skip_value(struct jlex *lx, enum jtok t, int depth)
{
	bool first = true;

	if (depth > JSON_MAX_DEPTH) {
		jfail(lx, "nested too deeply");
		return -1;
	}
	switch (t) {
	case J_STRING: case J_NUMBER: case J_LITERAL:
		return 0;
	case J_LBRACE:
		for (;;) {
			t = jnext(lx);
			if (t == J_RBRACE && first)
				return 0;
			if (t != J_STRING) {
				jfail(lx, "object key expected");
				return -1;
			}
			if (jexpect(lx, J_COLON, "':'") < 0 ||
			    skip_value(lx, jnext(lx), depth + 1) < 0)
				return -1;
			t = jnext(lx);
			if (t == J_RBRACE)
				return 0;
			if (t != J_COMMA) {
				jfail(lx, "',' or '}' expected");
				return -1;
			}
			first = false;
		}
	case J_LBRACK:
		for (;;) {
			t = jnext(lx);
			if (t == J_RBRACK && first)
				return 0;
			if (skip_value(lx, t, depth + 1) < 0)
				return -1;
			t = jnext(lx);
			if (t == J_RBRACK)
				return 0;
			if (t != J_COMMA) {
				jfail(lx, "',' or ']' expected");
				return -1;
			}
			first = false;
		}
	case J_ERR:
		return -1;
	default:
		jfail(lx, "value expected");
		return -1;
	}
}

/*
 * Walk an object: for each key call `member` (which must consume the
 * value), or skip the value when it returns 1.
 */
typedef int (*member_fn)(struct jlex *lx, const char *key, void *ctx);

static int walk_object(struct jlex *lx, member_fn member, void *ctx,
		       int depth)
{
	enum jtok t;
	bool first = true;

	if (jexpect(lx, J_LBRACE, "'{'") < 0)
		return -1;
	for (;;) {
		char *key;
		int r;

		t = jnext(lx);
		if (t == J_RBRACE && first)
			return 0;
		if (t != J_STRING) {
			jfail(lx, "object key expected");
			return -1;
		}
		key = xstrdup(lx->text.buf);
		if (jexpect(lx, J_COLON, "':'") < 0) {
			free(key);
			return -1;
		}
		r = member(lx, key, ctx);
		free(key);
		if (r < 0)
			return -1;
		if (r > 0 && skip_value(lx, jnext(lx), depth + 1) < 0)
			return -1;
		t = jnext(lx);
		if (t == J_RBRACE)
			return 0;
		if (t != J_COMMA) {
			jfail(lx, "',' or '}' expected");
			return -1;
		}
		first = false;
	}
}

/* An array of objects, each walked with `member`. */
static int walk_array(struct jlex *lx, member_fn member, void *ctx,
		      int (*done)(struct jlex *, void *), int depth)
{
	enum jtok t;

	if (jexpect(lx, J_LBRACK, "'['") < 0)
		return -1;
	t = jnext(lx);
	if (t == J_RBRACK)
		return 0;
	lx->peeked = t;
	lx->has_peek = true;
	for (;;) {
		if (walk_object(lx, member, ctx, depth + 1) < 0 ||
		    (done && done(lx, ctx) < 0))
			return -1;
		t = jnext(lx);
		if (t == J_RBRACK)
			return 0;
		if (t != J_COMMA) {
			jfail(lx, "',' or ']' expected");
			return -1;
		}
	}
}

struct gcov_doc {
	struct cov_report *r;
	char *cwd;
	size_t first_file;	/* raw.nr when the document started */
	/* The file object being read. */
	char *file;
	struct cov_line *lines;
	size_t lines_nr, lines_alloc;
	/* The line object being read. */
	uint64_t line_number, count;
	bool have_line, have_count;
};

static int read_count(struct jlex *lx, struct gcov_doc *d, uint64_t *out,
		      const char *what)
{
	int over;

	if (jnext(lx) != J_NUMBER) {
		jfail(lx, what);
		return -1;
	}
	if (lx->text.buf[0] == '-') {
		jfail(lx, "negative count");
		return -1;
	}
	over = cov_parse_count(lx->text.buf, lx->text.len, out);
	if (over < 0) {
		jfail(lx, what);
		return -1;
	}
	if (over)
		d->r->raw.saturated = true;
	return 0;
}

static int line_member(struct jlex *lx, const char *key, void *ctx)
{
	struct gcov_doc *d = ctx;

	if (!strcmp(key, "line_number")) {
		if (read_count(lx, d, &d->line_number,
			       "line_number must be a positive integer") < 0)
			return -1;
		d->have_line = true;
		return 0;
	}
	if (!strcmp(key, "count")) {
		if (read_count(lx, d, &d->count,
			       "count must be an integer") < 0)
			return -1;
		d->have_count = true;
		return 0;
	}
	return 1;
}

static int line_done(struct jlex *lx, void *ctx)
{
	struct gcov_doc *d = ctx;
	struct cov_line *l;

	if (!d->have_line || !d->have_count) {
		jfail(lx, "line entry without line_number or count");
		return -1;
	}
	if (!d->line_number || d->line_number > COV_MAX_LINE) {
		jfail(lx, "line_number out of range");
		return -1;
	}
	ALLOC_GROW(d->lines, d->lines_nr + 1, d->lines_alloc);
	l = &d->lines[d->lines_nr++];
	l->line = (uint32_t)d->line_number;
	l->hits = d->count;
	d->have_line = d->have_count = false;
	return 0;
}

static int file_member(struct jlex *lx, const char *key, void *ctx)
{
	struct gcov_doc *d = ctx;

	if (!strcmp(key, "file")) {
		if (jexpect(lx, J_STRING, "file name string") < 0)
			return -1;
		free(d->file);
		d->file = xstrdup(lx->text.buf);
		return 0;
	}
	if (!strcmp(key, "lines"))
		return walk_array(lx, line_member, d, line_done, 3);
	return 1;
}

static int file_done(struct jlex *lx, void *ctx)
{
	struct gcov_doc *d = ctx;
	struct cov_file *f;
	size_t i;

	if (!d->file || !*d->file) {
		jfail(lx, "file entry without a file name");
		return -1;
	}
	f = cov_model_file(&d->r->raw, d->file);
	for (i = 0; i < d->lines_nr; i++)
		cov_file_add_line(&d->r->raw, f, d->lines[i].line,
				  d->lines[i].hits);
	d->lines_nr = 0;
	free(d->file);
	d->file = NULL;
	return 0;
}

static int doc_member(struct jlex *lx, const char *key, void *ctx)
{
	struct gcov_doc *d = ctx;

	if (!strcmp(key, "files"))
		return walk_array(lx, file_member, d, file_done, 1);
	if (!strcmp(key, "current_working_directory")) {
		if (jexpect(lx, J_STRING, "directory string") < 0)
			return -1;
		free(d->cwd);
		d->cwd = xstrdup(lx->text.buf);
		return 0;
	}
	return 1;
}

int cov_parse_gcov_json(struct cov_report *r, struct cov_input *in,
			struct strbuf *err)
{
	struct jlex lx;
	struct gcov_doc d;
	int ret = -1;
	size_t i;

	memset(&lx, 0, sizeof(lx));
	lx.in = in;
	lx.line = 1;
	lx.err = err;
	strbuf_init(&lx.text, 0);
	memset(&d, 0, sizeof(d));
	d.r = r;
	for (;;) {
		enum jtok t = jnext(&lx);

		if (t == J_EOF)
			break;
		if (t == J_ERR)
			goto out;
		lx.peeked = t;
		lx.has_peek = true;
		d.first_file = r->raw.nr;
		if (walk_object(&lx, doc_member, &d, 0) < 0)
			goto out;
		/* The working directory applies to this document only. */
		for (i = d.first_file; i < r->raw.nr; i++)
			if (d.cwd && strcmp(d.cwd, ".") && !r->raw.files[i]->base)
				r->raw.files[i]->base = xstrdup(d.cwd);
		free(d.cwd);
		d.cwd = NULL;
	}
	ret = 0;
out:
	free(d.cwd);
	free(d.file);
	free(d.lines);
	strbuf_release(&lx.text);
	return ret;
}
