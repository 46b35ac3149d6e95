#ifndef GATE_PR_SIZE_FIXTURE_H
#define GATE_PR_SIZE_FIXTURE_H

/*
 * A hand-built change set and a .gate.yml snippet fed to the pr-size
 * checker through its public struct, so the unit tests exercise exactly
 * what the core calls: setup, run, finish, teardown.
 */

#include "checker.h"
#include "config.h"

extern const struct gate_checker gate_checker_pr_size;

struct prsize_fx {
	struct ydoc doc;
	struct gate_changeset cs;
	size_t attr_alloc;
	void *state;
	struct gate_task task;
	struct strbuf err;
	bool ran;
};

/* Parse `yaml` (the checker's mapping, or NULL) and call setup(). */
int prsize_fx_setup(struct prsize_fx *fx, const char *yaml);
/* Add a file: status is 'A', 'M', 'D', 'R'...; attr may be NULL. */
struct gate_file *prsize_fx_file(struct prsize_fx *fx, const char *path,
				 char status, unsigned additions,
				 unsigned deletions, const char *attr);
/* Run the checker over the files added so far; returns run()'s value. */
int prsize_fx_run(struct prsize_fx *fx);
/* A metric of the run: -1 / NULL when absent. */
long long prsize_fx_int(const struct prsize_fx *fx, const char *key);
const char *prsize_fx_str(const struct prsize_fx *fx, const char *key);
void prsize_fx_release(struct prsize_fx *fx);

#endif
