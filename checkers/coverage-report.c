#include "coverage-report.h"

#include <stdlib.h>
#include <string.h>

void cov_report_init(struct cov_report *r, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	cov_model_init(&r->raw);
}

void cov_report_release(struct cov_report *r)
{
	size_t i;

	cov_model_release(&r->raw);
	for (i = 0; i < r->sources_nr; i++)
		free(r->sources[i]);
	free(r->sources);
	for (i = 0; i < r->notes_nr; i++)
		free(r->notes[i]);
	free(r->notes);
	memset(r, 0, sizeof(*r));
}

void cov_report_note(struct cov_report *r, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	/* A broken report could repeat a warning a million times. */
	if (r->notes_nr >= 20)
		return;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(r->notes, r->notes_nr + 1, r->notes_alloc);
	r->notes[r->notes_nr++] = strbuf_detach(&sb, NULL);
}

static bool window_has(const unsigned char *p, size_t n, const char *s)
{
	size_t k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (!memcmp(p + i, s, k))
			return true;
	return false;
}

enum cov_format cov_sniff(struct cov_input *in)
{
	long n = cov_input_fill(in, 4096);
	const unsigned char *p = in->buf + in->pos;
	size_t len, i = 0;

	if (n <= 0)
		return COV_FORMAT_LCOV;
	len = (size_t)n;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < len && strchr(" \t\r\n", p[i]))
		i++;
	if (i < len && p[i] == '<') {
		/* The root element decides; the prolog and a DOCTYPE
		 * come first, so look a little further. */
		if (window_has(p, len, "<report") &&
		    !window_has(p, len, "<coverage"))
			return COV_FORMAT_JACOCO;
		return COV_FORMAT_COBERTURA;
	}
	if (i < len && (p[i] == '{' || p[i] == '['))
		return COV_FORMAT_GCOV_JSON;
	if (len - i >= 5 && !memcmp(p + i, "mode:", 5))
		return COV_FORMAT_GO;
	return COV_FORMAT_LCOV;
}

int cov_report_parse(struct cov_report *r, struct cov_input *in,
		     enum cov_format fmt, struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT;
	int ret;

	if (fmt == COV_FORMAT_AUTO)
		fmt = cov_sniff(in);
	r->format = fmt;
	switch (fmt) {
	case COV_FORMAT_LCOV:
		ret = cov_parse_lcov(r, in, &why);
		break;
	case COV_FORMAT_COBERTURA:
		ret = cov_parse_cobertura(r, in, &why);
		break;
	case COV_FORMAT_JACOCO:
		ret = cov_parse_jacoco(r, in, &why);
		break;
	case COV_FORMAT_GO:
		ret = cov_parse_go(r, in, &why);
		break;
	case COV_FORMAT_GCOV_JSON:
		ret = cov_parse_gcov_json(r, in, &why);
		break;
	default:
		GATE_BUG("unknown coverage format %d", (int)fmt);
	}
	if (!ret && r->raw.saturated)
		cov_report_note(r, "'%s': a hit count does not fit in 64 "
				"bits; counted as %llu", r->name,
				(unsigned long long)UINT64_MAX);
	if (ret < 0)
		strbuf_addf(err, "cannot parse '%s' as %s: %s", r->name,
			    cov_format_name(fmt), why.buf);
	strbuf_release(&why);
	return ret;
}

int cov_parse_count(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	bool over = false;
	size_t i;

	if (!len)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			over = true;
		else
			v = v * 10 + d;
	}
	*out = over ? UINT64_MAX : v;
	return over;
}

void cov_report_commit(struct cov_report *r, struct cov_model *m,
		       const struct cov_pathmap *pm, size_t *matched,
		       size_t *unmatched)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	const char **srcs;
	size_t i;

	srcs = xcalloc(r->sources_nr + 1, sizeof(*srcs));
	for (i = 0; i < r->sources_nr; i++)
		srcs[i] = r->sources[i];
	for (i = 0; i < r->raw.nr; i++) {
		struct cov_file *src = r->raw.files[i], *dst;
		const char *one[2] = { src->base, NULL };
		bool ok;

		strbuf_reset(&why);
		ok = cov_pathmap_map(pm, r->format,
				     src->base ? one : srcs, src->path,
				     &out, &why);
		dst = cov_model_file(m, out.buf);
		if (ok) {
			(*matched)++;
		} else {
			(*unmatched)++;
			if (!dst->unmatched)
				dst->unmatched = xstrfmt("'%s' from '%s': %s",
							 src->path, r->name,
							 why.buf);
		}
		if (m->saturated || r->raw.saturated)
			m->saturated = true;
		cov_file_absorb(m, dst, src);
	}
	free(srcs);
	strbuf_release(&out);
	strbuf_release(&why);
}
