#ifndef GATE_TREE_DIFF_H
#define GATE_TREE_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

/*
 * The entries two trees differ in, as `git diff-tree -r` lists them: a
 * history scan asks this of every commit, and libgit2's tree-to-tree
 * diff walks both whole trees each time (2.6 s for the 4,546 commits of
 * trufflehog, where this walk takes 0.4 s).  Subtrees with the same id
 * are skipped unread, as git's tree-diff.c does.  No rename detection.
 *
 * Changes come in path order (git's tree order, which is strcmp order of
 * the full paths).  A path that is a file on one side and a directory on
 * the other is a deletion and additions, as in git.
 */
struct tree_change {
	char *path;
	git_oid old_id, new_id;
	uint32_t old_mode, new_mode;	/* git file modes; 0: absent */
};

struct tree_changes {
	struct tree_change *v;
	size_t nr, alloc;
};

/* OLD or NEW may be NULL (the empty tree).  Returns 0, or -1 with the
 * libgit2 error set when a subtree cannot be read. */
int tree_diff(git_repository *repo, const git_tree *old_tree,
	      const git_tree *new_tree, struct tree_changes *out);

void tree_changes_release(struct tree_changes *c);

#endif
