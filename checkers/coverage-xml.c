#include "coverage-xml.h"

#include <string.h>

static void XMLCALL refuse_entity(void *user, const XML_Char *name,
				  int is_param, const XML_Char *value,
				  int value_len, const XML_Char *base,
				  const XML_Char *system_id,
				  const XML_Char *public_id,
				  const XML_Char *notation)
{
	struct cov_xml *x = user;

	cov_xml_fail(x, "entity declarations are not allowed in a "
		     "coverage report");
}

void cov_xml_init(struct cov_xml *x, void *user)
{
	memset(x, 0, sizeof(*x));
	strbuf_init(&x->err, 0);
	x->parser = XML_ParserCreate(NULL);
	if (!x->parser)
		GATE_BUG("out of memory creating an XML parser");
	XML_SetUserData(x->parser, user);
	XML_SetEntityDeclHandler(x->parser, refuse_entity);
}

void cov_xml_release(struct cov_xml *x)
{
	if (x->parser)
		XML_ParserFree(x->parser);
	strbuf_release(&x->err);
	x->parser = NULL;
}

void cov_xml_fail(struct cov_xml *x, const char *fmt, ...)
{
	va_list ap;

	if (x->err.len)
		return;
	strbuf_addf(&x->err, "line %lu: ",
		    (unsigned long)XML_GetCurrentLineNumber(x->parser));
	va_start(ap, fmt);
	strbuf_vaddf(&x->err, fmt, ap);
	va_end(ap);
	XML_StopParser(x->parser, XML_FALSE);
}

int cov_xml_run(struct cov_xml *x, struct cov_input *in,
		struct strbuf *err)
{
	for (;;) {
		const unsigned char *data = NULL;
		long n = cov_input_chunk(in, &data);
		enum XML_Status st;

		if (n < 0) {
			strbuf_addf(err, "%s", cov_input_error(in));
			return -1;
		}
		st = XML_Parse(x->parser, (const char *)data, (int)n, n == 0);
		if (st != XML_STATUS_OK) {
			if (x->err.len)
				strbuf_addstr(err, x->err.buf);
			else
				strbuf_addf(err, "line %lu: %s",
					    (unsigned long)
					    XML_GetCurrentLineNumber(x->parser),
					    XML_ErrorString(
						XML_GetErrorCode(x->parser)));
			return -1;
		}
		if (!n)
			return 0;
	}
}

const char *cov_xml_attr(const char **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (!strcmp(atts[0], name))
			return atts[1];
	return NULL;
}
