/*
 * The subjects read from the index: the staged change (HEAD, or the
 * empty tree, against the index) and the index entries judged whole
 * (--all-files, --files).
 */

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "changeset-load.h"
#include "path-select.h"
#include "repo.h"

int loader_load_staged(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	git_reference *head = NULL;
	git_tree *tree = NULL;
	git_index *index = NULL;
	git_diff *diff = NULL;
	git_diff_options o;
	int ret = -1, r;

	r = git_repository_head(&head, ld->repo);
	if (r == 0) {
		git_object *peeled = NULL;

		if (git_reference_peel(&peeled, head, GIT_OBJECT_COMMIT) < 0) {
			repo_error(ld->err, "cannot resolve HEAD");
			goto out;
		}
		loader_oid_hex(cs->head_oid, git_object_id(peeled));
		r = git_commit_tree(&tree, (git_commit *)peeled);
		git_object_free(peeled);
		if (r < 0) {
			repo_error(ld->err, "cannot read the tree of HEAD");
			goto out;
		}
		loader_oid_hex(cs->base_tree, git_tree_id(tree));
	} else if (r == GIT_EUNBORNBRANCH || r == GIT_ENOTFOUND) {
		/* The initial commit: everything staged is new. */
		git_error_clear();
		changeset_add_note(cs, "no commit yet: judging the initial commit");
	} else {
		repo_error(ld->err, "cannot resolve HEAD");
		goto out;
	}
	if (git_repository_is_bare(ld->repo)) {
		strbuf_addstr(ld->err, "a bare repository has no staged change; "
			      "use --range");
		*ld->usage_error = true;
		goto out;
	}
	if (git_repository_index(&index, ld->repo) < 0 ||
	    git_index_read(index, false) < 0) {
		repo_error(ld->err, "cannot read the index");
		goto out;
	}
	loader_diff_options(ld, &o);
	if (git_diff_tree_to_index(&diff, ld->repo, tree, index, &o) < 0) {
		repo_error(ld->err, "cannot diff HEAD against the index");
		goto out;
	}
	if (loader_find_renames(ld, diff) < 0)
		goto out;
	ret = loader_diff_to_files(ld, diff, &cs->files, &cs->files_nr,
				   &cs->files_alloc, -1);
out:
	git_diff_free(diff);
	git_index_free(index);
	git_tree_free(tree);
	git_reference_free(head);
	return ret;
}

/* --all-files and --files: the index entries, each judged whole. */
int loader_load_index_files(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	struct path_select *sel = NULL;
	git_index *index = NULL;
	size_t i, n, conflicts = 0;
	long unmatched;
	int ret = -1;

	if (git_repository_is_bare(ld->repo)) {
		strbuf_addstr(ld->err, "a bare repository has no index; use --range");
		*ld->usage_error = true;
		goto out;
	}
	if (git_repository_index(&index, ld->repo) < 0 ||
	    git_index_read(index, false) < 0) {
		repo_error(ld->err, "cannot read the index");
		goto out;
	}
	if (ld->opts->paths_nr)
		sel = path_select_new((const char *const *)ld->opts->paths,
				      ld->opts->paths_nr);
	n = git_index_entrycount(index);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		struct gate_file *f;

		if (git_index_entry_stage(e) != 0) {
			conflicts++;
			continue;
		}
		if (sel && !path_select_match(sel, e->path))
			continue;
		ALLOC_GROW(cs->files, cs->files_nr + 1, cs->files_alloc);
		f = &cs->files[cs->files_nr++];
		memset(f, 0, sizeof(*f));
		f->commit = -1;
		f->path = xstrdup(e->path);
		f->status = GATE_FILE_UNCHANGED;
		loader_oid_hex(f->new_oid, &e->id);
		f->new_mode = e->mode;
		f->size = e->file_size;
		f->is_submodule = e->mode == GIT_FILEMODE_COMMIT;
		f->is_symlink = e->mode == GIT_FILEMODE_LINK;
	}
	if (loader_read_whole_files(ld) < 0)
		goto out;
	if (conflicts)
		changeset_add_note(cs, "%zu unmerged index entries not judged",
				   conflicts);
	/* A typo must not quietly judge less than was asked. */
	unmatched = sel ? path_select_unmatched(sel) : -1;
	if (unmatched >= 0) {
		strbuf_addf(ld->err, "'%s' matches no tracked file",
			    ld->opts->paths[unmatched]);
		*ld->usage_error = true;
		goto out;
	}
	ret = 0;
out:
	path_select_free(sel);
	git_index_free(index);
	return ret;
}
