#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "output.h"

/*
 * SARIF 2.1.0, as code-scanning services read it: one run, the rules
 * that fired in tool.driver.rules, one result per finding with its
 * location and a partial fingerprint so services track it across pushes.
 */

void output_sarif(struct strbuf *out, const struct gate_verdict *v,
		  const struct output_options *o);

static const char *sarif_level(enum gate_severity s)
{
	switch (s) {
	case GATE_SEVERITY_ERROR: return "error";
	case GATE_SEVERITY_WARNING: return "warning";
	case GATE_SEVERITY_NOTE: return "note";
	default: return "none";
	}
}

/* A relative URI reference: percent-encode all but unreserved and '/'. */
static void uri_encode(struct strbuf *sb, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			strbuf_addch(sb, *p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

struct rule_list {
	const char **ids;
	size_t nr, alloc;
};

static size_t rule_index(struct rule_list *rl, const char *id)
{
	size_t i;

	for (i = 0; i < rl->nr; i++)
		if (!strcmp(rl->ids[i], id))
			return i;
	ALLOC_GROW(rl->ids, rl->nr + 1, rl->alloc);
	rl->ids[rl->nr] = id;
	return rl->nr++;
}

void output_sarif(struct strbuf *out, const struct gate_verdict *v,
		  const struct output_options *o)
{
	struct rule_list rules = { 0 };
	struct jw_writer w;
	struct strbuf uri = STRBUF_INIT;
	size_t i, j;

	/* Rules first, in order of first appearance. */
	for (i = 0; i < v->outcomes_nr; i++)
		for (j = 0; j < v->outcomes[i].result.findings_nr; j++)
			rule_index(&rules, v->outcomes[i].result.findings[j].rule);

	jw_init(&w, out, true);
	jw_object_begin(&w);
	jw_kv_string(&w, "$schema",
		       "https://json.schemastore.org/sarif-2.1.0.json");
	jw_kv_string(&w, "version", "2.1.0");
	jw_key(&w, "runs");
	jw_array_begin(&w);
	jw_object_begin(&w);
	jw_key(&w, "tool");
	jw_object_begin(&w);
	jw_key(&w, "driver");
	jw_object_begin(&w);
	jw_kv_string(&w, "name", "gate");
	jw_kv_string(&w, "version", PACKAGE_VERSION);
	jw_key(&w, "rules");
	jw_array_begin(&w);
	for (i = 0; i < rules.nr; i++) {
		jw_object_begin(&w);
		jw_kv_string(&w, "id", rules.ids[i]);
		jw_key(&w, "shortDescription");
		jw_object_begin(&w);
		jw_kv_string(&w, "text", rules.ids[i]);
		jw_object_end(&w);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_object_end(&w);

	jw_key(&w, "results");
	jw_array_begin(&w);
	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_result *r = &v->outcomes[i].result;

		for (j = 0; j < r->findings_nr; j++) {
			const struct gate_finding *f = &r->findings[j];

			jw_object_begin(&w);
			jw_kv_string(&w, "ruleId", f->rule);
			jw_kv_int(&w, "ruleIndex",
				    (long long)rule_index(&rules, f->rule));
			jw_kv_string(&w, "level", sarif_level(f->severity));
			jw_key(&w, "message");
			jw_object_begin(&w);
			jw_kv_string(&w, "text", f->message);
			jw_object_end(&w);
			if (f->path) {
				jw_key(&w, "locations");
				jw_array_begin(&w);
				jw_object_begin(&w);
				jw_key(&w, "physicalLocation");
				jw_object_begin(&w);
				jw_key(&w, "artifactLocation");
				jw_object_begin(&w);
				strbuf_reset(&uri);
				uri_encode(&uri, f->path);
				jw_kv_string(&w, "uri", uri.buf);
				jw_object_end(&w);
				if (f->line) {
					jw_key(&w, "region");
					jw_object_begin(&w);
					jw_kv_int(&w, "startLine", f->line);
					if (f->column)
						jw_kv_int(&w, "startColumn", f->column);
					if (f->end_line >= f->line)
						jw_kv_int(&w, "endLine", f->end_line);
					jw_object_end(&w);
				}
				jw_object_end(&w);
				jw_object_end(&w);
				jw_array_end(&w);
			}
			jw_key(&w, "partialFingerprints");
			jw_object_begin(&w);
			jw_kv_string(&w, "gate/v1", f->fingerprint);
			jw_object_end(&w);
			if (f->commit >= 0) {
				jw_key(&w, "properties");
				jw_object_begin(&w);
				jw_kv_string(&w, "commit",
					       v->cs->commits[f->commit].oid);
				jw_object_end(&w);
			}
			jw_object_end(&w);
		}
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_array_end(&w);
	jw_object_end(&w);
	strbuf_release(&uri);
	free(rules.ids);
	(void)o;
}
