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
/*
 * Whether libgit2 keeps blobs in its object cache (it does after
 * repo_global_init): a diff and then a content load read each blob
 * twice, but the commits of a history are each read once, and cached
 * blobs only cost memory there (trufflehog: 455 MB against 200 MB).
 * Main thread only, outside parallel work: it is a global setting.
 */
void repo_cache_blobs(bool on);
void repo_global_shutdown(void);

#endif
