/*
 * tree_diff against git's own `git diff-tree -r --no-renames --raw` on a
 * history built to be awkward: nested and identical subtrees, names that
 * sort around "dir/" ("a", "a-b", "a.c", "a/x", "a0"), a file that
 * becomes a directory and back, mode and type changes, a submodule, and
 * the root commit against the empty tree.  Every line must agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "repo.h"
#include "tap.h"
#include "test-repo.h"
#include "tree-diff.h"
#include "util.h"

/* git's raw lines, without the status letter: ":OLD NEW OLDID NEWID\tPATH". */
static void git_raw(struct strbuf *out, const char *a, const char *b)
{
	char *cmd = xstrfmt("cd '%s' && git diff-tree -r --no-renames --raw "
			    "--abbrev=40 %s %s", root, a, b);
	FILE *p = popen(cmd, "r");
	char line[4096];

	while (p && fgets(line, sizeof(line), p)) {
		char *tab = strchr(line, '\t');

		if (line[0] != ':' || !tab || tab - line < 2)
			continue;
		/* Drop " M" (the status) before the tab. */
		strbuf_add(out, line, (size_t)(tab - line - 2));
		strbuf_addstr(out, tab);
	}
	if (p)
		pclose(p);
	free(cmd);
}

static void ours_raw(struct strbuf *out, git_repository *repo, const char *a,
		     const char *b)
{
	struct tree_changes c = { 0 };
	git_object *oa = NULL, *ob = NULL;
	git_tree *ta = NULL, *tb = NULL;
	size_t i;

	if ((strcmp(a, "-") && (git_revparse_single(&oa, repo, a) < 0 ||
				git_object_peel((git_object **)&ta, oa,
						GIT_OBJECT_TREE) < 0)) ||
	    git_revparse_single(&ob, repo, b) < 0 ||
	    git_object_peel((git_object **)&tb, ob, GIT_OBJECT_TREE) < 0 ||
	    tree_diff(repo, ta, tb, &c) < 0) {
		strbuf_addstr(out, "error\n");
		goto out;
	}
	for (i = 0; i < c.nr; i++) {
		char ia[GIT_OID_HEXSZ + 1], ib[GIT_OID_HEXSZ + 1];

		git_oid_tostr(ia, sizeof(ia), &c.v[i].old_id);
		git_oid_tostr(ib, sizeof(ib), &c.v[i].new_id);
		strbuf_addf(out, ":%06o %06o %s %s\t%s\n", c.v[i].old_mode,
			    c.v[i].new_mode, ia, ib, c.v[i].path);
	}
out:
	tree_changes_release(&c);
	git_tree_free(ta);
	git_tree_free(tb);
	git_object_free(oa);
	git_object_free(ob);
}

static void compare(git_repository *repo, const char *a, const char *b,
		    const char *what)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;

	if (!strcmp(a, "-")) {
		/* The empty tree: git names it by its id. */
		git_raw(&want, "4b825dc642cb6eb9a060e54bf8d69288fbee4904", b);
	} else {
		git_raw(&want, a, b);
	}
	ours_raw(&got, repo, a, b);
	if (!is_str(got.buf, want.buf, "%s (%s..%s)", what, a, b))
		printf("# got:\n%s# want:\n%s", got.buf, want.buf);
	ok(want.len > 0, "%s: git lists changes", what);
	strbuf_release(&want);
	strbuf_release(&got);
}

int main(void)
{
	git_repository *repo = NULL;

	repo_global_init();
	if (test_repo_init("tree-diff-test") < 0)
		return 1;
	sh("mkdir -p a d/e/f same/deep && echo 1 >a/x && echo 2 >a-b && "
	   "echo 3 >a.c && echo 4 >a0 && echo 5 >d/e/f/g && echo 6 >d/h && "
	   "echo 7 >same/deep/k && git add . && git commit -q -m c1 && "
	   "git tag c1");
	sh("echo 1b >a/x && echo 5b >d/e/f/g && rm a0 && echo n >d/e/new && "
	   "git add -A && git commit -q -m c2 && git tag c2");
	/* a/ becomes a file, a.c becomes a directory. */
	sh("rm -r a a.c && echo file >a && mkdir a.c && echo in >a.c/y && "
	   "git add -A && git commit -q -m c3 && git tag c3");
	/* Mode, symlink and submodule changes. */
	sh("chmod +x a-b && rm d/h && ln -s a-b d/h && "
	   "git update-index --add --cacheinfo "
	   "160000,1111111111111111111111111111111111111111,sub && "
	   "git add -A && git commit -q -m c4 && git tag c4");
	sh("git update-index --force-remove sub && rm -f d/h && echo back >d/h && "
	   "chmod -x a-b && git add -A && git commit -q -m c5 && git tag c5");
	if (git_repository_open(&repo, root) < 0) {
		printf("Bail out! cannot open %s\n", root);
		return 1;
	}
	compare(repo, "-", "c1", "root commit against the empty tree");
	compare(repo, "c1", "c2", "edits in nested trees, a deletion");
	compare(repo, "c2", "c3", "file and directory swap names");
	compare(repo, "c3", "c4", "mode, symlink and submodule");
	compare(repo, "c4", "c5", "and back");
	compare(repo, "c1", "c5", "across the whole history");
	compare(repo, "c5", "c1", "backwards");
	{
		struct tree_changes c = { 0 };
		git_object *o = NULL;
		git_tree *t = NULL;

		ok(git_revparse_single(&o, repo, "c3^{tree}") == 0 &&
		   git_object_peel((git_object **)&t, o, GIT_OBJECT_TREE) == 0 &&
		   tree_diff(repo, t, t, &c) == 0 && c.nr == 0,
		   "a tree against itself has no changes");
		tree_changes_release(&c);
		git_tree_free(t);
		git_object_free(o);
	}
	git_repository_free(repo);
	test_repo_remove();
	repo_global_shutdown();
	return tap_done();
}
