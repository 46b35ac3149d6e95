/*
 * A range: its base (given, the merge base, or what the remote already
 * has), its commits, and the files its head changed against its base.
 */

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "changeset-load.h"
#include "repo.h"

static int tree_of_commit(struct loader *ld, const git_oid *commit,
			  git_tree **tree)
{
	git_commit *c = NULL;
	int ret;

	if (git_commit_lookup(&c, ld->repo, commit) < 0) {
		repo_error(ld->err, "cannot read commit %s", git_oid_tostr_s(commit));
		return -1;
	}
	ret = git_commit_tree(tree, c);
	git_commit_free(c);
	if (ret < 0)
		repo_error(ld->err, "cannot read the tree of %s", git_oid_tostr_s(commit));
	return ret < 0 ? -1 : 0;
}

struct ref_oids {
	git_oid *ids;
	size_t nr, alloc;
	git_repository *repo;
};

static int collect_ref(const char *name, void *payload)
{
	struct ref_oids *r = payload;
	git_oid id;

	if (git_reference_name_to_id(&id, r->repo, name) < 0) {
		git_error_clear();
		return 0;
	}
	ALLOC_GROW(r->ids, r->nr + 1, r->alloc);
	r->ids[r->nr++] = id;
	return 0;
}

/*
 * A new branch pushed to a remote that already has some of its history
 * (it merged main, say): judge it against the newest merge base it has
 * with the remote's refs, so what the remote already has is not judged
 * again.  Returns 1 with *base set, 0 when there is no single newest one.
 */
static int remote_base(struct loader *ld, const git_oid *head, git_oid *base)
{
	struct ref_oids refs = { .repo = ld->repo };
	git_oid *bases = NULL;
	size_t nr = 0, alloc = 0, i, j;
	int found = 0;

	if (git_reference_foreach_glob(ld->repo, ld->opts->hide_glob,
				       collect_ref, &refs) < 0)
		git_error_clear();
	for (i = 0; i < refs.nr; i++) {
		git_oid mb;

		if (git_merge_base(&mb, ld->repo, head, &refs.ids[i]) < 0) {
			git_error_clear();
			continue;
		}
		ALLOC_GROW(bases, nr + 1, alloc);
		bases[nr++] = mb;
	}
	for (i = 0; i < nr && !found; i++) {
		bool newest = true;

		for (j = 0; j < nr && newest; j++)
			newest = git_oid_equal(&bases[i], &bases[j]) ||
				 git_graph_descendant_of(ld->repo, &bases[i],
							 &bases[j]) == 1;
		if (newest) {
			git_oid_cpy(base, &bases[i]);
			found = 1;
		}
	}
	git_error_clear();
	free(bases);
	free(refs.ids);
	return found;
}

int loader_load_range(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	const struct gate_load_options *o = ld->opts;
	git_oid head, base, mb;
	bool have_base = false;
	git_tree *btree = NULL, *htree = NULL;
	git_diff *diff = NULL;
	git_diff_options dopts;
	int ret = -1;

	if (loader_resolve_commit(ld, o->head ? o->head : "HEAD", &head) < 0)
		return -1;
	if (o->base) {
		if (loader_resolve_commit(ld, o->base, &base) < 0)
			return -1;
		have_base = true;
		if (o->merge_base) {
			if (git_merge_base(&mb, ld->repo, &base, &head) < 0) {
				repo_error(ld->err, "no merge base between '%s' and '%s'",
					   o->base, o->head ? o->head : "HEAD");
				if (git_repository_is_shallow(ld->repo))
					strbuf_addstr(ld->err, " (this is a shallow clone: "
						      "fetch more history)");
				*ld->usage_error = true;
				return -1;
			}
			base = mb;
		}
	}
	if (ld->objects_only)
		ld->repo = ld->objects_only;
	if (loader_load_commits(ld, &head, have_base ? &base : NULL) < 0)
		return -1;
	if (!have_base && cs->commits_nr && ld->opts->hide_glob &&
	    remote_base(ld, &head, &base) == 1) {
		have_base = true;
	} else if (!have_base && cs->commits_nr) {
		/* A new branch the remote shares nothing with: the base is
		 * the parent of its oldest new commit (the empty tree for a
		 * root commit). */
		git_commit *oldest = NULL;
		git_oid id;

		git_oid_fromstr(&id, cs->commits[0].oid);
		if (git_commit_lookup(&oldest, ld->repo, &id) < 0) {
			repo_error(ld->err, "cannot read commit %s", cs->commits[0].oid);
			return -1;
		}
		if (git_commit_parentcount(oldest) > 0) {
			git_oid_cpy(&base, git_commit_parent_id(oldest, 0));
			have_base = true;
		}
		git_commit_free(oldest);
	} else if (!have_base) {
		/* Nothing new: judge nothing, but say so. */
		base = head;
		have_base = true;
	}
	if (git_repository_is_shallow(ld->repo))
		changeset_add_note(cs, "shallow clone: history beyond the "
				   "shallow boundary is not judged");
	loader_oid_hex(cs->head_oid, &head);
	if (have_base)
		loader_oid_hex(cs->base_oid, &base);
	if (tree_of_commit(ld, &head, &htree) < 0)
		goto out;
	if (have_base && tree_of_commit(ld, &base, &btree) < 0)
		goto out;
	loader_oid_hex(cs->head_tree, git_tree_id(htree));
	if (btree)
		loader_oid_hex(cs->base_tree, git_tree_id(btree));
	loader_diff_options(ld, &dopts);
	if (git_diff_tree_to_tree(&diff, ld->repo, btree, htree, &dopts) < 0) {
		repo_error(ld->err, "cannot diff the range");
		goto out;
	}
	if (loader_find_renames(ld, diff) < 0)
		goto out;
	if (o->range_files_unread) {
		/* Counts only: nothing reads these files' lines. */
		struct gate_load_options counts = *o;
		struct loader cld = *ld;

		counts.needs &= ~(unsigned)(GATE_NEED_CONTENT |
					     GATE_NEED_BINARY | GATE_NEED_LINES);
		cld.opts = &counts;
		if (loader_diff_to_files(&cld, diff, &cs->files,
					 &cs->files_nr, &cs->files_alloc,
					 -1) < 0)
			goto out;
	} else if (loader_diff_to_files(ld, diff, &cs->files,
					&cs->files_nr, &cs->files_alloc,
					-1) < 0) {
		goto out;
	}
	ret = 0;
out:
	git_diff_free(diff);
	git_tree_free(btree);
	git_tree_free(htree);
	return ret;
}
