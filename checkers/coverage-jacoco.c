/*
 * JaCoCo XML.  Line data sits in <package name="com/example">
 * <sourcefile name="Greeter.java"><line nr ci mi .../>; a line is
 * coverable when it has instructions (mi + ci > 0) and covered when one
 * of them ran (ci > 0), as JaCoCo and diff-cover count it.  The file is
 * "com/example/Greeter.java"; mapping puts it under a source root.
 */
#include "coverage-report.h"
#include "coverage-xml.h"

#include <string.h>

struct jacoco {
	struct cov_xml x;
	struct cov_report *r;
	char *package;
	struct cov_file *file;
};

static int attr_count(struct jacoco *j, const char **atts,
		      const char *name, uint64_t *out)
{
	const char *v = cov_xml_attr(atts, name);
	int over;

	*out = 0;
	if (!v)
		return 0;
	over = cov_parse_count(v, strlen(v), out);
	if (over < 0) {
		cov_xml_fail(&j->x, "<line> with a bad %s '%.20s'", name, v);
		return -1;
	}
	if (over)
		j->r->raw.saturated = true;
	return 0;
}

static void XMLCALL jac_start(void *user, const XML_Char *name,
			      const XML_Char **atts)
{
	struct jacoco *j = user;
	const char *v;

	if (++j->x.depth == 1) {
		if (strcmp(name, "report"))
			cov_xml_fail(&j->x, "root element is <%.40s>, not "
				     "JaCoCo's <report>", name);
		return;
	}
	if (!strcmp(name, "package")) {
		v = cov_xml_attr(atts, "name");
		free(j->package);
		j->package = xstrdup(v ? v : "");
	} else if (!strcmp(name, "sourcefile")) {
		struct strbuf p = STRBUF_INIT;

		v = cov_xml_attr(atts, "name");
		if (!v || !*v) {
			cov_xml_fail(&j->x, "<sourcefile> without name");
			return;
		}
		if (j->package && *j->package)
			strbuf_addf(&p, "%s/", j->package);
		strbuf_addstr(&p, v);
		j->file = cov_model_file(&j->r->raw, p.buf);
		strbuf_release(&p);
	} else if (!strcmp(name, "line") && j->file) {
		uint64_t nr, mi, ci;

		v = cov_xml_attr(atts, "nr");
		if (!v || cov_parse_count(v, strlen(v), &nr) || !nr ||
		    nr > COV_MAX_LINE) {
			cov_xml_fail(&j->x, "<line> with a bad nr '%.20s'",
				     v ? v : "");
			return;
		}
		if (attr_count(j, atts, "mi", &mi) < 0 ||
		    attr_count(j, atts, "ci", &ci) < 0)
			return;
		if (!mi && !ci)
			return;
		cov_file_add_line(&j->r->raw, j->file, (uint32_t)nr, ci);
	}
}

static void XMLCALL jac_end(void *user, const XML_Char *name)
{
	struct jacoco *j = user;

	j->x.depth--;
	if (!strcmp(name, "sourcefile"))
		j->file = NULL;
	else if (!strcmp(name, "package")) {
		free(j->package);
		j->package = NULL;
	}
}

int cov_parse_jacoco(struct cov_report *r, struct cov_input *in,
		     struct strbuf *err)
{
	struct jacoco j;
	int ret;

	memset(&j, 0, sizeof(j));
	j.r = r;
	cov_xml_init(&j.x, &j);
	XML_SetElementHandler(j.x.parser, jac_start, jac_end);
	ret = cov_xml_run(&j.x, in, err);
	cov_xml_release(&j.x);
	free(j.package);
	return ret;
}
