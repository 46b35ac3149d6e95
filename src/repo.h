#ifndef GATE_REPO_H
#define GATE_REPO_H

/*
 * Opening the repository the way git would: from the current directory
 * (after -C), honouring GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE, which
 * git sets for hooks (a `git commit -a` hook must see the temporary
 * index, not .git/index).
 */

#include <git2.h>
#include <stdbool.h>

#include "util.h"

struct gate_repo {
	git_repository *repo;
	char *workdir;		/* with a trailing '/', NULL when bare */
	char *gitdir;		/* with a trailing '/' */
	char *commondir;	/* shared by worktrees */
	bool bare;
};

/* Returns 0, or -1 with a message ("not a git repository ...") in err. */
int repo_open(struct gate_repo *r, struct strbuf *err);
void repo_close(struct gate_repo *r);

/* Append "what: libgit2's last error message" to err. */
void repo_error(struct strbuf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The directory git runs hooks from: core.hooksPath when set (relative
 * paths are relative to the work tree top, as git resolves them), else
 * "<commondir>/hooks".  *custom tells which.
 */
int repo_hooks_dir(struct gate_repo *r, struct strbuf *out, bool *custom,
		   struct strbuf *err);

/* Read a config string; returns 1 and *out (caller frees), 0 if unset. */
int repo_config_string(struct gate_repo *r, const char *key, char **out);

/*
 * Paths as the user typed them (relative to the current directory, "./x",
 * "../x", absolute) as repository paths, like git's pathspecs.  *out is a
 * NULL-terminated array the caller frees.  Returns 0, or -1 with err set
 * for a path outside the work tree.
 */
int repo_relative_paths(struct gate_repo *r, char *const *paths, size_t nr,
			char ***out, struct strbuf *err);

/* Call once at start and end of the program. */
void repo_global_init(void);
void repo_global_shutdown(void);

#endif
