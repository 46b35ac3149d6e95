#ifndef GATE_COMMIT_TITLE_UTIL_H
#define GATE_COMMIT_TITLE_UTIL_H

/*
 * Helpers shared by the commit-title unit tests: set the checker up from
 * YAML text and judge one message through its real run() and finish().
 */

#include <stdlib.h>
#include <string.h>

#include "changeset.h"
#include "checker.h"
#include "config.h"

extern const struct gate_checker gate_checker_commit_title;

struct ct_harness {
	struct ydoc doc;
	void *state;
	struct gate_changeset cs;
};

static int ct_harness_init(struct ct_harness *h, const char *yaml,
			   struct strbuf *err)
{
	struct gate_checker_config cfg;

	memset(h, 0, sizeof(*h));
	memset(&cfg, 0, sizeof(cfg));
	if (yaml && ydoc_parse(&h->doc, ".gate.yml", yaml, strlen(yaml),
			       err) < 0)
		return -1;
	cfg.node = h->doc.root;
	cfg.severity = GATE_SEVERITY_ERROR;
	cfg.cs = &h->cs;
	return gate_checker_commit_title.setup(&cfg, &h->state, err);
}

static void ct_harness_release(struct ct_harness *h)
{
	gate_checker_commit_title.teardown(h->state);
	ydoc_release(&h->doc);
}

/* Judge one message; the caller releases task->result. */
__attribute__((unused))
static int ct_judge(struct ct_harness *h, enum gate_message_kind kind,
		    const char *text, size_t len, char comment_char,
		    struct gate_task *task)
{
	static struct gate_message msg;

	memset(&msg, 0, sizeof(msg));
	msg.kind = kind;
	msg.text = (char *)text;
	msg.len = len;
	msg.commit = -1;
	msg.comment_char = comment_char;
	memset(task, 0, sizeof(*task));
	task->cs = &h->cs;
	task->message = &msg;
	return gate_checker_commit_title.run(h->state, task);
}

__attribute__((unused))
static int ct_errors(const struct gate_result *r)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->findings_nr; i++)
		n += r->findings[i].severity == GATE_SEVERITY_ERROR;
	return n;
}

__attribute__((unused))
static const struct gate_finding *ct_finding(const struct gate_result *r,
					     const char *rule)
{
	size_t i;

	for (i = 0; i < r->findings_nr; i++)
		if (!strcmp(r->findings[i].rule, rule))
			return &r->findings[i];
	return NULL;
}

__attribute__((unused))
static const char *ct_metric(const struct gate_result *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->metrics_nr; i++)
		if (!strcmp(r->metrics[i].key, key))
			return r->metrics[i].type == GATE_METRIC_BOOL
			       ? (r->metrics[i].b ? "true" : "false")
			       : r->metrics[i].s;
	return NULL;
}

#endif
