#include <string.h>

#include "json.h"
#include "output.h"

/* The verdict as gate.verdict/1, documented in docs/verdict-json.md. */

static void write_metrics(struct jw_writer *w, const struct gate_result *r)
{
	size_t i;

	jw_key(w, "metrics");
	jw_object_begin(w);
	for (i = 0; i < r->metrics_nr; i++) {
		const struct gate_metric *m = &r->metrics[i];

		jw_key(w, m->key);
		switch (m->type) {
		case GATE_METRIC_INT: jw_int(w, m->i); break;
		case GATE_METRIC_REAL: jw_real(w, m->r, 2); break;
		case GATE_METRIC_STRING: jw_string(w, m->s); break;
		case GATE_METRIC_BOOL: jw_bool(w, m->b); break;
		case GATE_METRIC_JSON: jw_raw(w, m->s); break;
		}
	}
	jw_object_end(w);
}

static void write_finding(struct jw_writer *w, const struct gate_verdict *v,
			  const struct gate_finding *f)
{
	jw_object_begin(w);
	jw_kv_string(w, "rule", f->rule);
	jw_kv_string(w, "severity", gate_severity_name(f->severity));
	jw_kv_string(w, "path", f->path);
	jw_key(w, "line");
	if (f->line)
		jw_int(w, f->line);
	else
		jw_null(w);
	jw_key(w, "column");
	if (f->column)
		jw_int(w, f->column);
	else
		jw_null(w);
	if (f->end_line)
		jw_kv_int(w, "end_line", f->end_line);
	jw_kv_string(w, "message", f->message);
	jw_kv_string(w, "fingerprint", f->fingerprint);
	jw_key(w, "commit");
	if (f->commit >= 0 && (size_t)f->commit < v->cs->commits_nr)
		jw_string(w, v->cs->commits[f->commit].oid);
	else
		jw_null(w);
	jw_object_end(w);
}

static void kv_oid(struct jw_writer *w, const char *key, const char *oid)
{
	jw_key(w, key);
	if (oid[0])
		jw_string(w, oid);
	else
		jw_null(w);
}

void output_json(struct strbuf *out, const struct gate_verdict *v,
		 const struct output_options *o)
{
	const struct gate_changeset *cs = v->cs;
	struct strbuf summary = STRBUF_INIT;
	struct jw_writer w;
	size_t i, j, errors, warnings, notes;

	jw_init(&w, out, true);
	jw_object_begin(&w);
	jw_kv_string(&w, "schema", "gate.verdict/1");
	jw_key(&w, "tool");
	jw_object_begin(&w);
	jw_kv_string(&w, "name", "gate");
	jw_kv_string(&w, "version", PACKAGE_VERSION);
	jw_object_end(&w);

	jw_key(&w, "subject");
	jw_object_begin(&w);
	jw_kv_string(&w, "kind", gate_subject_name(cs->kind));
	jw_kv_string(&w, "hook", v->hook);
	jw_kv_string(&w, "label", v->label);
	jw_kv_string(&w, "base", cs->base_rev);
	jw_kv_string(&w, "head", cs->head_rev);
	kv_oid(&w, "base_oid", cs->base_oid);
	kv_oid(&w, "head_oid", cs->head_oid);
	kv_oid(&w, "base_tree", cs->base_tree);
	kv_oid(&w, "head_tree", cs->head_tree);
	jw_kv_int(&w, "files", (long long)cs->files_nr);
	jw_key(&w, "commits");
	jw_array_begin(&w);
	for (i = 0; i < cs->commits_nr; i++) {
		verdict_redact(v, cs->commits[i].summary, &summary);
		jw_object_begin(&w);
		jw_kv_string(&w, "oid", cs->commits[i].oid);
		jw_kv_string(&w, "summary", summary.buf);
		jw_kv_int(&w, "parents", cs->commits[i].parents);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "notes");
	jw_array_begin(&w);
	for (i = 0; i < cs->notes_nr; i++)
		jw_string(&w, cs->notes[i]);
	jw_array_end(&w);
	jw_object_end(&w);

	verdict_count(v, &errors, &warnings, &notes);
	jw_kv_string(&w, "verdict", gate_status_name(v->status));
	jw_kv_int(&w, "exit_code", verdict_exit_code(v));
	jw_key(&w, "summary");
	jw_object_begin(&w);
	jw_kv_int(&w, "errors", (long long)errors);
	jw_kv_int(&w, "warnings", (long long)warnings);
	jw_kv_int(&w, "notes", (long long)notes);
	jw_object_end(&w);
	if (o->timings) {
		jw_key(&w, "elapsed_ms");
		jw_real(&w, v->elapsed_ns / 1e6, 3);
	}

	jw_key(&w, "checkers");
	jw_array_begin(&w);
	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_outcome *oc = &v->outcomes[i];

		jw_object_begin(&w);
		jw_kv_string(&w, "name", oc->checker->name);
		jw_kv_string(&w, "status", gate_status_name(oc->status));
		jw_kv_string(&w, "error", oc->error);
		jw_kv_int(&w, "tasks", (long long)oc->tasks);
		if (o->timings) {
			jw_key(&w, "elapsed_ms");
			jw_real(&w, oc->elapsed_ns / 1e6, 3);
		}
		jw_key(&w, "findings");
		jw_array_begin(&w);
		for (j = 0; j < oc->result.findings_nr; j++)
			write_finding(&w, v, &oc->result.findings[j]);
		jw_array_end(&w);
		write_metrics(&w, &oc->result);
		jw_key(&w, "notes");
		jw_array_begin(&w);
		for (j = 0; j < oc->result.notes_nr; j++)
			jw_string(&w, oc->result.notes[j]);
		jw_array_end(&w);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	strbuf_release(&summary);
}
