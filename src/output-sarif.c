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
	struct json_writer w;
	struct strbuf uri = STRBUF_INIT;
	size_t i, j;

	/* Rules first, in order of first appearance. */
	for (i = 0; i < v->outcomes_nr; i++)
		for (j = 0; j < v->outcomes[i].result.findings_nr; j++)
			rule_index(&rules, v->outcomes[i].result.findings[j].rule);

	json_init(&w, out, true);
	json_object_begin(&w);
	json_kv_string(&w, "$schema",
		       "https://json.schemastore.org/sarif-2.1.0.json");
	json_kv_string(&w, "version", "2.1.0");
	json_key(&w, "runs");
	json_array_begin(&w);
	json_object_begin(&w);
	json_key(&w, "tool");
	json_object_begin(&w);
	json_key(&w, "driver");
	json_object_begin(&w);
	json_kv_string(&w, "name", "gate");
	json_kv_string(&w, "version", PACKAGE_VERSION);
	json_key(&w, "rules");
	json_array_begin(&w);
	for (i = 0; i < rules.nr; i++) {
		json_object_begin(&w);
		json_kv_string(&w, "id", rules.ids[i]);
		json_key(&w, "shortDescription");
		json_object_begin(&w);
		json_kv_string(&w, "text", rules.ids[i]);
		json_object_end(&w);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
	json_object_end(&w);

	json_key(&w, "results");
	json_array_begin(&w);
	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_result *r = &v->outcomes[i].result;

		for (j = 0; j < r->findings_nr; j++) {
			const struct gate_finding *f = &r->findings[j];

			json_object_begin(&w);
			json_kv_string(&w, "ruleId", f->rule);
			json_kv_int(&w, "ruleIndex",
				    (long long)rule_index(&rules, f->rule));
			json_kv_string(&w, "level", sarif_level(f->severity));
			json_key(&w, "message");
			json_object_begin(&w);
			json_kv_string(&w, "text", f->message);
			json_object_end(&w);
			if (f->path) {
				json_key(&w, "locations");
				json_array_begin(&w);
				json_object_begin(&w);
				json_key(&w, "physicalLocation");
				json_object_begin(&w);
				json_key(&w, "artifactLocation");
				json_object_begin(&w);
				strbuf_reset(&uri);
				uri_encode(&uri, f->path);
				json_kv_string(&w, "uri", uri.buf);
				json_object_end(&w);
				if (f->line) {
					json_key(&w, "region");
					json_object_begin(&w);
					json_kv_int(&w, "startLine", f->line);
					if (f->column)
						json_kv_int(&w, "startColumn", f->column);
					if (f->end_line >= f->line)
						json_kv_int(&w, "endLine", f->end_line);
					json_object_end(&w);
				}
				json_object_end(&w);
				json_object_end(&w);
				json_array_end(&w);
			}
			json_key(&w, "partialFingerprints");
			json_object_begin(&w);
			json_kv_string(&w, "gate/v1", f->fingerprint);
			json_object_end(&w);
			if (f->commit >= 0) {
				json_key(&w, "properties");
				json_object_begin(&w);
				json_kv_string(&w, "commit",
					       v->cs->commits[f->commit].oid);
				json_object_end(&w);
			}
			json_object_end(&w);
		}
	}
	json_array_end(&w);
	json_object_end(&w);
	json_array_end(&w);
	json_object_end(&w);
	strbuf_release(&uri);
	free(rules.ids);
	(void)o;
}
