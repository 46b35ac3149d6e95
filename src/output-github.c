#include <stdbool.h>
#include <string.h>

#include "output.h"

/*
 * GitHub Actions workflow commands: each finding becomes an annotation
 * on the pull request diff.  Data and properties are escaped as the
 * runner expects ('%', CR, LF; and ':' ',' in properties).
 */

void output_github(struct strbuf *out, const struct gate_verdict *v,
		   const struct output_options *o);

static void escape(struct strbuf *sb, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': strbuf_addstr(sb, "%25"); break;
		case '\r': strbuf_addstr(sb, "%0D"); break;
		case '\n': strbuf_addstr(sb, "%0A"); break;
		case ':':
			strbuf_addstr(sb, property ? "%3A" : ":");
			break;
		case ',':
			strbuf_addstr(sb, property ? "%2C" : ",");
			break;
		default: strbuf_addch(sb, *s); break;
		}
	}
}

void output_github(struct strbuf *out, const struct gate_verdict *v,
		   const struct output_options *o)
{
	size_t i, j;

	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_outcome *oc = &v->outcomes[i];

		if (oc->status == GATE_STATUS_ERROR) {
			strbuf_addstr(out, "::error title=gate ");
			escape(out, oc->checker->name, true);
			strbuf_addstr(out, "::");
			escape(out, oc->error, false);
			strbuf_addch(out, '\n');
		}
		for (j = 0; j < oc->result.findings_nr; j++) {
			const struct gate_finding *f = &oc->result.findings[j];
			const char *cmd = f->severity == GATE_SEVERITY_ERROR ? "error" :
					  f->severity == GATE_SEVERITY_WARNING ?
					  "warning" : "notice";

			strbuf_addf(out, "::%s ", cmd);
			if (f->path) {
				strbuf_addstr(out, "file=");
				escape(out, f->path, true);
				if (f->line)
					strbuf_addf(out, ",line=%u", f->line);
				if (f->end_line > f->line)
					strbuf_addf(out, ",endLine=%u", f->end_line);
				if (f->column)
					strbuf_addf(out, ",col=%u", f->column);
				strbuf_addch(out, ',');
			}
			strbuf_addstr(out, "title=");
			escape(out, f->rule, true);
			strbuf_addstr(out, "::");
			escape(out, f->message, false);
			strbuf_addch(out, '\n');
		}
	}
	strbuf_addf(out, "gate: %s\n", gate_status_name(v->status));
	(void)o;
}
