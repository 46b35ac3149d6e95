#include "pr-size-fixture.h"

#include <stdlib.h>
#include <string.h>

int prsize_fx_setup(struct prsize_fx *fx, const char *yaml)
{
	struct gate_checker_config cfg = { 0 };

	memset(fx, 0, sizeof(*fx));
	strbuf_init(&fx->err, 0);
	fx->cs.kind = GATE_SUBJECT_RANGE;
	if (yaml && ydoc_parse(&fx->doc, ".gate.yml", yaml, strlen(yaml),
			       &fx->err) < 0)
		return -1;
	cfg.node = fx->doc.root;
	cfg.severity = GATE_SEVERITY_ERROR;
	cfg.cs = &fx->cs;
	return gate_checker_pr_size.setup(&cfg, &fx->state, &fx->err);
}

struct gate_file *prsize_fx_file(struct prsize_fx *fx, const char *path,
				 char status, unsigned additions,
				 unsigned deletions, const char *attr)
{
	struct gate_changeset *cs = &fx->cs;
	struct gate_file *f;
	size_t alloc;

	ALLOC_GROW(cs->files, cs->files_nr + 1, cs->files_alloc);
	alloc = fx->attr_alloc;
	ALLOC_GROW(cs->attr_generated, cs->files_nr + 1, alloc);
	fx->attr_alloc = alloc;
	f = &cs->files[cs->files_nr];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->status = (enum gate_file_status)status;
	f->additions = additions;
	f->deletions = deletions;
	f->commit = -1;
	cs->attr_generated[cs->files_nr] = attr ? xstrdup(attr) : NULL;
	cs->files_nr++;
	return f;
}

int prsize_fx_run(struct prsize_fx *fx)
{
	fx->task.cs = &fx->cs;
	strbuf_init(&fx->task.err, 0);
	fx->ran = true;
	return fx->task.status = gate_checker_pr_size.run(fx->state,
							  &fx->task);
}

static const struct gate_metric *fx_metric(const struct prsize_fx *fx,
					   const char *key)
{
	size_t i;

	for (i = 0; i < fx->task.result.metrics_nr; i++)
		if (!strcmp(fx->task.result.metrics[i].key, key))
			return &fx->task.result.metrics[i];
	return NULL;
}

long long prsize_fx_int(const struct prsize_fx *fx, const char *key)
{
	const struct gate_metric *m = fx_metric(fx, key);

	return m && m->type == GATE_METRIC_INT ? m->i : -1;
}

const char *prsize_fx_str(const struct prsize_fx *fx, const char *key)
{
	const struct gate_metric *m = fx_metric(fx, key);

	return m && (m->type == GATE_METRIC_STRING ||
		     m->type == GATE_METRIC_JSON) ? m->s : NULL;
}

void prsize_fx_release(struct prsize_fx *fx)
{
	size_t i;

	if (fx->state)
		gate_checker_pr_size.teardown(fx->state);
	if (fx->ran) {
		gate_result_release(&fx->task.result);
		strbuf_release(&fx->task.err);
	}
	for (i = 0; i < fx->cs.files_nr; i++) {
		free(fx->cs.files[i].path);
		free(fx->cs.attr_generated[i]);
	}
	free(fx->cs.files);
	free(fx->cs.attr_generated);
	ydoc_release(&fx->doc);
	strbuf_release(&fx->err);
	memset(fx, 0, sizeof(*fx));
}
