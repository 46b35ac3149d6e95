/*
 * Cobertura XML (gcovr, coverage.py, istanbul, ReportGenerator...).
 * Lines count where they are listed under <class><lines>; the copies
 * under <method> are skipped so hit counts are not doubled.  Class file
 * names are relative to one of the <source> directories.
 */
#include "coverage-report.h"
#include "coverage-xml.h"

#include <string.h>

struct cobertura {
	struct cov_xml x;
	struct cov_report *r;
	struct cov_file *file;
	unsigned method_depth;
	bool in_source;
	struct strbuf text;
};

static void XMLCALL cob_start(void *user, const XML_Char *name,
			      const XML_Char **atts)
{
	struct cobertura *c = user;
	const char *v;

	if (++c->x.depth == 1) {
		if (strcmp(name, "coverage"))
			cov_xml_fail(&c->x, "root element is <%.40s>, not "
				     "Cobertura's <coverage>", name);
		return;
	}
	if (!strcmp(name, "source")) {
		c->in_source = true;
		strbuf_reset(&c->text);
	} else if (!strcmp(name, "class")) {
		v = cov_xml_attr(atts, "filename");
		if (!v || !*v) {
			cov_xml_fail(&c->x, "<class> without filename");
			return;
		}
		c->file = cov_model_file(&c->r->raw, v);
	} else if (!strcmp(name, "method")) {
		c->method_depth++;
	} else if (!strcmp(name, "line") && c->file && !c->method_depth) {
		const char *num = cov_xml_attr(atts, "number");
		const char *hits = cov_xml_attr(atts, "hits");
		uint64_t line, h;
		int over;

		if (!num || cov_parse_count(num, strlen(num), &line) ||
		    line > COV_MAX_LINE) {
			cov_xml_fail(&c->x, "<line> with a bad number '%.20s'",
				     num ? num : "");
			return;
		}
		if (!hits || (over = cov_parse_count(hits, strlen(hits),
						      &h)) < 0) {
			cov_xml_fail(&c->x, "<line number=\"%llu\"> with bad "
				     "hits '%.20s'", (unsigned long long)line,
				     hits ? hits : "");
			return;
		}
		if (over)
			c->r->raw.saturated = true;
		if (!line) {
			cov_report_note(c->r, "'%s': <line number=\"0\"> "
					"ignored", c->r->name);
			return;
		}
		cov_file_add_line(&c->r->raw, c->file, (uint32_t)line, h);
	}
}

static void XMLCALL cob_end(void *user, const XML_Char *name)
{
	struct cobertura *c = user;

	c->x.depth--;
	if (!strcmp(name, "source") && c->in_source) {
		struct strbuf *t = &c->text;
		size_t a = 0, b = t->len;

		c->in_source = false;
		while (a < b && strchr(" \t\r\n", t->buf[a]))
			a++;
		while (b > a && strchr(" \t\r\n", t->buf[b - 1]))
			b--;
		if (b > a) {
			struct strbuf s = STRBUF_INIT;

			strbuf_add(&s, t->buf + a, b - a);
			cov_path_normalize(&s);
			ALLOC_GROW(c->r->sources, c->r->sources_nr + 1,
				   c->r->sources_alloc);
			c->r->sources[c->r->sources_nr++] =
				strbuf_detach(&s, NULL);
		}
	} else if (!strcmp(name, "class")) {
		c->file = NULL;
	} else if (!strcmp(name, "method") && c->method_depth) {
		c->method_depth--;
	}
}

static void XMLCALL cob_text(void *user, const XML_Char *s, int len)
{
	struct cobertura *c = user;

	if (!c->in_source)
		return;
	if (c->text.len + (size_t)len > 64 * 1024) {
		cov_xml_fail(&c->x, "<source> longer than 64 KiB");
		return;
	}
	strbuf_add(&c->text, s, (size_t)len);
}

int cov_parse_cobertura(struct cov_report *r, struct cov_input *in,
			struct strbuf *err)
{
	struct cobertura c;
	int ret;

	memset(&c, 0, sizeof(c));
	c.r = r;
	strbuf_init(&c.text, 0);
	cov_xml_init(&c.x, &c);
	XML_SetElementHandler(c.x.parser, cob_start, cob_end);
	XML_SetCharacterDataHandler(c.x.parser, cob_text);
	ret = cov_xml_run(&c.x, in, err);
	cov_xml_release(&c.x);
	strbuf_release(&c.text);
	return ret;
}
