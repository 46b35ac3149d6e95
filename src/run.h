#ifndef GATE_RUN_H
#define GATE_RUN_H

/*
 * A run: pick the checkers for this hook or command, learn what they
 * need loaded, then (after the caller loads the change set) set them up,
 * run their tasks on the pool and merge everything into a verdict.
 */

#include <stdbool.h>

#include "changeset.h"
#include "settings.h"
#include "verdict.h"

struct gate_selection {
	bool *selected;		/* parallel to gate_checkers */
	unsigned needs;		/* union of the selected checkers' needs */
	bool want_messages;	/* a message-scope checker is selected */
	bool range_files_unread;	/* see gate_load_options */
};

struct gate_run_options {
	const char *hook;		/* NULL outside hooks */
	const char *only;		/* --checkers a,b: exactly these */
	const char *skip;		/* GATE_SKIP=a,b */
	enum gate_subject_kind subject;
	unsigned jobs;
	const char *rules_dir;
	const char *const *coverage_reports;
	const char *coverage_base;
};

/* Returns 0, or -1 with err set (an unknown name: exit 2). */
int run_select(struct gate_selection *sel, const struct gate_settings *s,
	       const struct gate_run_options *o, struct strbuf *err);
void run_selection_release(struct gate_selection *sel);

/* Whether a checker with settings cs gets file f as a task: never a
 * deleted file, else as its paths and exclude globs say. */
bool run_file_selected(const struct gate_checker_settings *cs,
		       const struct gate_file *f);

/*
 * Set up, run and merge.  Returns 0 with *v filled (whatever it found),
 * or -1 when a checker's setup failed on its configuration (exit 2).
 */
int run_checkers(struct gate_verdict *v, const struct gate_selection *sel,
		 const struct gate_settings *s, const struct gate_changeset *cs,
		 const struct gate_run_options *o, struct strbuf *err);

#endif
