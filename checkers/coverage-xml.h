#ifndef GATE_COVERAGE_XML_H
#define GATE_COVERAGE_XML_H

/*
 * The expat driver shared by the Cobertura and JaCoCo readers: feed the
 * report in chunks (memory stays bounded whatever the report's size),
 * refuse entity declarations (no billion laughs, no external entities),
 * and turn expat's and the handlers' errors into one message.
 */

#include <expat.h>

#include "coverage-input.h"
#include "util.h"

struct cov_xml {
	XML_Parser parser;
	struct strbuf err;	/* set by a handler, which then stops */
	unsigned depth;
};

void cov_xml_init(struct cov_xml *x, void *user);
void cov_xml_release(struct cov_xml *x);
/* Stop parsing with a message; "line N: " is prefixed. */
void cov_xml_fail(struct cov_xml *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cov_xml_run(struct cov_xml *x, struct cov_input *in,
		struct strbuf *err);
/* The value of attribute `name`, or NULL. */
const char *cov_xml_attr(const char **atts, const char *name);

#endif
