#ifndef GATE_CHECKER_H
#define GATE_CHECKER_H

/*
 * The narrow interface between the core and a checker.  A checker is a
 * const struct gate_checker in checkers/, listed in checkers/registry.c.
 *
 * Life of a run, in three phases (only the middle one is parallel):
 *   1. main thread: setup() reads the checker's options from .gate.yml
 *      and compiles what it needs into a private state;
 *   2. workers: run() is called once per task (a file, the whole change
 *      set, or a message, depending on scope) and writes findings and
 *      metrics into the task's own result; it must only read the state;
 *   3. main thread: finish() may add metrics over all results, then
 *      teardown() frees the state.
 * Findings are data, not errors: run() returns 0 after finding a secret.
 * A negative return means the checker could not do its job; the core
 * then marks it "error", which fails the gate (fail closed).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changeset.h"
#include "config.h"
#include "util.h"

enum gate_scope {
	GATE_SCOPE_FILE,	/* one task per file of the change set */
	GATE_SCOPE_CHANGESET,	/* one task for the whole change set */
	GATE_SCOPE_MESSAGE,	/* one task per message */
};

enum gate_severity {
	GATE_SEVERITY_OFF = 0,
	GATE_SEVERITY_NOTE,	/* informational, never blocks */
	GATE_SEVERITY_WARNING,	/* reported, does not block */
	GATE_SEVERITY_ERROR,	/* blocks the commit, push or pipeline */
};

const char *gate_severity_name(enum gate_severity s);
/* Parses "error", "warning", "note", "off"; returns -1 when unknown. */
int gate_severity_parse(const char *s, enum gate_severity *out);

struct gate_finding {
	char *rule;		/* public rule id, e.g. "format/trailing-whitespace" */
	enum gate_severity severity;
	char *path;		/* NULL for findings about a message or a range */
	uint32_t line, column;	/* 1-based; 0 when not applicable */
	uint32_t end_line;	/* 0 when the finding is one line */
	char *message;		/* never contains a secret in full */
	char *fingerprint;	/* stable across unrelated edits */
	long commit;		/* index into changeset.commits, or -1 */
};

enum gate_metric_type {
	GATE_METRIC_INT,
	GATE_METRIC_REAL,
	GATE_METRIC_STRING,
	GATE_METRIC_BOOL,
	GATE_METRIC_JSON,	/* raw JSON text, already valid */
};

struct gate_metric {
	char *key;
	enum gate_metric_type type;
	long long i;
	double r;
	char *s;
	bool b;
};

/* What one task produced.  Each task has its own, so no locking. */
struct gate_result {
	struct gate_finding *findings;
	size_t findings_nr, findings_alloc;
	struct gate_metric *metrics;
	size_t metrics_nr, metrics_alloc;
	/* Notes such as "skipped 'logo.png': binary file". */
	char **notes;
	size_t notes_nr, notes_alloc;
	/* Set by a checker that wants a warn status without findings, e.g.
	 * a "[WIP]" pull-request title. */
	bool pending;
	/* Set by a checker that decided the subject is not for it. */
	bool skipped;
	/* Texts no output may show in full (the secrets found): the core
	 * redacts them wherever they appear in the verdict. */
	char **sensitive;
	size_t *sensitive_len;
	size_t sensitive_nr, sensitive_alloc;
};

/*
 * Add a finding.  Strings are copied; `fingerprint` may be NULL, then the
 * core derives one from rule, path and message.  The returned finding
 * may be adjusted (line, column, commit) before the next add.
 */
struct gate_finding *gate_result_add(struct gate_result *res,
				     const char *rule,
				     enum gate_severity severity,
				     const char *path, uint32_t line,
				     uint32_t column, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void gate_finding_set_fingerprint(struct gate_finding *f, const char *fp);

void gate_result_metric_int(struct gate_result *res, const char *key,
			    long long v);
void gate_result_metric_real(struct gate_result *res, const char *key,
			     double v);
void gate_result_metric_string(struct gate_result *res, const char *key,
			       const char *v);
void gate_result_metric_bool(struct gate_result *res, const char *key,
			     bool v);
void gate_result_metric_json(struct gate_result *res, const char *key,
			     const char *json);
void gate_result_note(struct gate_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Mark a text as secret: every output shows it redacted, whoever quotes
 * it (a commit title in the verdict, another checker's message). */
void gate_result_sensitive(struct gate_result *res, const char *text,
			   size_t len);
/* s with every sensitive text of res redacted, into out. */
void gate_result_redact_text(const struct gate_result *res, const char *s,
			     struct strbuf *out);
void gate_result_release(struct gate_result *res);

/* What setup() is given. */
struct gate_checker_config {
	const struct ynode *node;	/* the checker's mapping, or NULL */
	enum gate_severity severity;	/* from config, default error */
	const char *hook;		/* "pre-commit", ... or NULL outside hooks */
	const struct gate_changeset *cs; /* loaded subject (read-only) */
	const char *rules_dir;		/* where the rule packs live */
	/* Command-line values a checker may use; NULL-terminated lists. */
	const char *const *coverage_reports;
	const char *coverage_base;
};

/* Keys every checker accepts; the core handles them. */
extern const char *const gate_common_checker_keys[];

/* One task handed to run(). */
struct gate_task {
	const struct gate_changeset *cs;
	const struct gate_file *file;		/* GATE_SCOPE_FILE */
	/* GATE_SCOPE_MESSAGE, or a commit's message for a streamed checker
	 * (GATE_NEED_COMMIT_MESSAGES): then file is NULL. */
	const struct gate_message *message;
	struct gate_result result;
	struct strbuf err;	/* run() failure message */
	uint64_t elapsed_ns;
	int status;		/* run()'s return value */
};

struct gate_checker {
	const char *name;
	const char *summary;
	enum gate_scope scope;
	unsigned needs;		/* enum gate_needs */
	/* Hooks this checker runs on by default ("pre-commit", "commit-msg",
	 * "pre-push"); NULL-terminated.  CI and standalone runs use every
	 * enabled checker that applies to the subject. */
	const char *const *default_hooks;
	/* Whether the checker is on when .gate.yml does not mention it. */
	bool default_enabled;
	/* Non-NULL when the checker is compiled out: why, for the user. */
	const char *unavailable;

	/*
	 * Main thread.  Validate config->node (use ynode_check_keys with
	 * gate_common_checker_keys as `also`), build *state.  Returns 0, or
	 * -1 with a file:line:column message in err (exit 2).  Whenever
	 * *state is set, teardown() is called, even after a failure.
	 */
	int (*setup)(const struct gate_checker_config *config, void **state,
		     struct strbuf *err);
	/* Worker thread.  Reads state and task, writes task->result. */
	int (*run)(const void *state, struct gate_task *task);
	/*
	 * Main thread, optional: summarise all tasks into `summary`, in
	 * task order.  A range judged commit by commit
	 * (GATE_NEED_COMMIT_FILES) is streamed, so a history is never held
	 * whole (run.c): then `tasks` holds only the tasks whose result is
	 * not empty, and their file has no content left (data NULL, no
	 * line ranges); its path, status and commit still hold.  With
	 * GATE_NEED_COMMIT_MESSAGES, the tasks of the commits' messages
	 * are among them, after their commit's files: file NULL, and
	 * their message has no text left (text NULL, len 0); its kind,
	 * source and commit still hold.
	 */
	int (*finish)(void *state, const struct gate_changeset *cs,
		      struct gate_task *tasks, size_t tasks_nr,
		      struct gate_result *summary, struct strbuf *err);
	void (*teardown)(void *state);
};

/* The registry, sorted by name. */
extern const struct gate_checker *const gate_checkers[];
extern const size_t gate_checkers_nr;
const struct gate_checker *gate_checker_find(const char *name);

#endif
