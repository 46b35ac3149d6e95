#include <string.h>

#include "json.h"
#include "output.h"

/* The verdict as gate.verdict/1, documented in docs/verdict-json.md. */

static void write_metrics(struct json_writer *w, const struct gate_result *r)
{
	size_t i;

	json_key(w, "metrics");
	json_object_begin(w);
	for (i = 0; i < r->metrics_nr; i++) {
		const struct gate_metric *m = &r->metrics[i];

		json_key(w, m->key);
		switch (m->type) {
		case GATE_METRIC_INT: json_int(w, m->i); break;
		case GATE_METRIC_REAL: json_real(w, m->r, 2); break;
		case GATE_METRIC_STRING: json_string(w, m->s); break;
		case GATE_METRIC_BOOL: json_bool(w, m->b); break;
		case GATE_METRIC_JSON: json_raw(w, m->s); break;
		}
	}
	json_object_end(w);
}

static void write_finding(struct json_writer *w, const struct gate_verdict *v,
			  const struct gate_finding *f)
{
	json_object_begin(w);
	json_kv_string(w, "rule", f->rule);
	json_kv_string(w, "severity", gate_severity_name(f->severity));
	json_kv_string(w, "path", f->path);
	json_key(w, "line");
	if (f->line)
		json_int(w, f->line);
	else
		json_null(w);
	json_key(w, "column");
	if (f->column)
		json_int(w, f->column);
	else
		json_null(w);
	if (f->end_line)
		json_kv_int(w, "end_line", f->end_line);
	json_kv_string(w, "message", f->message);
	json_kv_string(w, "fingerprint", f->fingerprint);
	json_key(w, "commit");
	if (f->commit >= 0 && (size_t)f->commit < v->cs->commits_nr)
		json_string(w, v->cs->commits[f->commit].oid);
	else
		json_null(w);
	json_object_end(w);
}

static void kv_oid(struct json_writer *w, const char *key, const char *oid)
{
	json_key(w, key);
	if (oid[0])
		json_string(w, oid);
	else
		json_null(w);
}

void output_json(struct strbuf *out, const struct gate_verdict *v,
		 const struct output_options *o)
{
	const struct gate_changeset *cs = v->cs;
	struct json_writer w;
	size_t i, j, errors, warnings, notes;

	json_init(&w, out, true);
	json_object_begin(&w);
	json_kv_string(&w, "schema", "gate.verdict/1");
	json_key(&w, "tool");
	json_object_begin(&w);
	json_kv_string(&w, "name", "gate");
	json_kv_string(&w, "version", PACKAGE_VERSION);
	json_object_end(&w);

	json_key(&w, "subject");
	json_object_begin(&w);
	json_kv_string(&w, "kind", gate_subject_name(cs->kind));
	json_kv_string(&w, "hook", v->hook);
	json_kv_string(&w, "label", v->label);
	json_kv_string(&w, "base", cs->base_rev);
	json_kv_string(&w, "head", cs->head_rev);
	kv_oid(&w, "base_oid", cs->base_oid);
	kv_oid(&w, "head_oid", cs->head_oid);
	kv_oid(&w, "base_tree", cs->base_tree);
	kv_oid(&w, "head_tree", cs->head_tree);
	json_kv_int(&w, "files", (long long)cs->files_nr);
	json_key(&w, "commits");
	json_array_begin(&w);
	for (i = 0; i < cs->commits_nr; i++) {
		json_object_begin(&w);
		json_kv_string(&w, "oid", cs->commits[i].oid);
		json_kv_string(&w, "summary", cs->commits[i].summary);
		json_kv_int(&w, "parents", cs->commits[i].parents);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_key(&w, "notes");
	json_array_begin(&w);
	for (i = 0; i < cs->notes_nr; i++)
		json_string(&w, cs->notes[i]);
	json_array_end(&w);
	json_object_end(&w);

	verdict_count(v, &errors, &warnings, &notes);
	json_kv_string(&w, "verdict", gate_status_name(v->status));
	json_kv_int(&w, "exit_code", verdict_exit_code(v));
	json_key(&w, "summary");
	json_object_begin(&w);
	json_kv_int(&w, "errors", (long long)errors);
	json_kv_int(&w, "warnings", (long long)warnings);
	json_kv_int(&w, "notes", (long long)notes);
	json_object_end(&w);
	if (o->timings) {
		json_key(&w, "elapsed_ms");
		json_real(&w, v->elapsed_ns / 1e6, 3);
	}

	json_key(&w, "checkers");
	json_array_begin(&w);
	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_outcome *oc = &v->outcomes[i];

		json_object_begin(&w);
		json_kv_string(&w, "name", oc->checker->name);
		json_kv_string(&w, "status", gate_status_name(oc->status));
		json_kv_string(&w, "error", oc->error);
		json_kv_int(&w, "tasks", (long long)oc->tasks);
		if (o->timings) {
			json_key(&w, "elapsed_ms");
			json_real(&w, oc->elapsed_ns / 1e6, 3);
		}
		json_key(&w, "findings");
		json_array_begin(&w);
		for (j = 0; j < oc->result.findings_nr; j++)
			write_finding(&w, v, &oc->result.findings[j]);
		json_array_end(&w);
		write_metrics(&w, &oc->result);
		json_key(&w, "notes");
		json_array_begin(&w);
		for (j = 0; j < oc->result.notes_nr; j++)
			json_string(&w, oc->result.notes[j]);
		json_array_end(&w);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
}
