/*
 * The files of a range's commits, read one commit at a time on the
 * workers while the run judges them (changeset.h, commit_reader_read),
 * so a history scan never holds its whole history.
 */

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "changeset-load.h"
#include "repo.h"
#include "tree-diff.h"

static git_delta_t change_status(const struct tree_change *c)
{
	if (!c->old_mode)
		return GIT_DELTA_ADDED;
	if (!c->new_mode)
		return GIT_DELTA_DELETED;
	/* A file, a symlink and a submodule are three kinds of entry;
	 * the executable bit does not change the kind. */
	if ((c->old_mode == GIT_FILEMODE_LINK) !=
	    (c->new_mode == GIT_FILEMODE_LINK) ||
	    (c->old_mode == GIT_FILEMODE_COMMIT) !=
	    (c->new_mode == GIT_FILEMODE_COMMIT))
		return GIT_DELTA_TYPECHANGE;
	return GIT_DELTA_MODIFIED;
}

/* One changed entry of a commit, as loader_diff_to_files makes it from a
 * libgit2 delta: the delta is built here, the patch from the blobs. */
static int file_from_change(struct loader *ld, struct gate_file *f,
			    const struct tree_change *c, long commit)
{
	git_diff_delta d;
	git_blob *old_blob = NULL, *new_blob = NULL;
	git_patch *patch = NULL;
	git_diff_options o;
	int ret = -1;

	memset(&d, 0, sizeof(d));
	d.status = change_status(c);
	d.old_file.path = d.new_file.path = c->path;
	git_oid_cpy(&d.old_file.id, &c->old_id);
	git_oid_cpy(&d.new_file.id, &c->new_id);
	d.old_file.mode = (uint16_t)c->old_mode;
	d.new_file.mode = (uint16_t)c->new_mode;
	loader_fill_from_delta(f, &d);
	f->commit = commit;
	if (f->is_submodule) {
		f->skip_reason = "submodule";
		return 0;
	}
	if ((c->old_mode && git_blob_lookup(&old_blob, ld->repo, &c->old_id) < 0) ||
	    (c->new_mode && git_blob_lookup(&new_blob, ld->repo, &c->new_id) < 0))
		goto fail;
	if (!c->old_mode || !c->new_mode) {
		ret = loader_file_from_one_side(ld, f, &d, c->new_mode ?
						new_blob : old_blob);
		goto out;
	}
	loader_diff_options(ld, &o);
	if (git_patch_from_blobs(&patch, old_blob, c->path, new_blob, c->path,
				 &o) < 0)
		goto fail;
	loader_lines_from_patch(ld, f, patch);
	ret = loader_content_of(ld, f, &d, new_blob);
	goto out;
fail:
	repo_error(ld->err, "cannot diff '%s'", f->path);
out:
	git_patch_free(patch);
	git_blob_free(old_blob);
	git_blob_free(new_blob);
	return ret;
}

/*
 * The files `tree` changed against `ptree` (NULL: the empty tree), for
 * one commit of a range: compared by our own walk, which skips equal
 * subtrees (src/tree-diff.h), each file then diffed from its blobs.
 */
static int diff_trees(struct loader *ld, git_tree *ptree, git_tree *tree,
		      struct gate_file **files, size_t *nr, long commit)
{
	struct tree_changes changes = { 0 };
	size_t alloc = 0, i;
	int ret = 0;

	if (tree_diff(ld->repo, ptree, tree, &changes) < 0) {
		tree_changes_release(&changes);
		return -1;
	}
	for (i = 0; i < changes.nr && !ret; i++) {
		ALLOC_GROW(*files, *nr + 1, alloc);
		ret = file_from_change(ld, &(*files)[(*nr)++], &changes.v[i],
				       commit);
	}
	tree_changes_release(&changes);
	return ret;
}

/* Keep only the lines of a that b also has; both sorted and disjoint. */
static void intersect_ranges(struct gate_file *a, const struct gate_file *b)
{
	struct gate_line_range *out = NULL;
	size_t nr = 0, alloc = 0, i = 0, j = 0;

	while (b && i < a->added_nr && j < b->added_nr) {
		const struct gate_line_range *x = &a->added[i], *y = &b->added[j];
		uint32_t lo = x->start > y->start ? x->start : y->start;
		uint32_t xe = x->start + x->count, ye = y->start + y->count;
		uint32_t hi = xe < ye ? xe : ye;

		if (lo < hi) {
			ALLOC_GROW(out, nr + 1, alloc);
			out[nr].start = lo;
			out[nr++].count = hi - lo;
		}
		if (xe < ye)
			i++;
		else
			j++;
	}
	free(a->added);
	a->added = out;
	a->added_nr = nr;
}

/*
 * What a merge adds of its own (a conflict resolution, an edit made while
 * merging): the lines added against every parent, as `git diff --cc`
 * shows them.  Lines that came from either side are judged in the commits
 * that brought them.
 */
static int merge_own_lines(struct loader *ld, git_commit *c, git_tree *tree,
			   unsigned parents, struct gate_file *files,
			   size_t *files_nr)
{
	struct gate_load_options lines_only = *ld->opts;
	struct loader lld = *ld;
	unsigned k;
	size_t i, keep;

	lines_only.needs = GATE_NEED_LINES;
	lld.opts = &lines_only;
	for (k = 1; k < parents; k++) {
		git_commit *parent = NULL;
		git_tree *ptree = NULL;
		struct gate_file *other = NULL;
		size_t other_nr = 0, f, o;
		int ret;

		if (git_commit_parent(&parent, c, k) < 0 ||
		    git_commit_tree(&ptree, parent) < 0) {
			git_commit_free(parent);
			return -1;
		}
		ret = diff_trees(&lld, ptree, tree, &other, &other_nr, -1);
		git_tree_free(ptree);
		git_commit_free(parent);
		if (ret < 0)
			return -1;
		for (f = 0; f < *files_nr; f++) {
			const struct gate_file *match = NULL;

			for (o = 0; o < other_nr && !match; o++)
				if (!strcmp(other[o].path, files[f].path))
					match = &other[o];
			intersect_ranges(&files[f], match);
		}
		for (o = 0; o < other_nr; o++)
			loader_file_release(&other[o]);
		free(other);
	}
	/* Files with nothing of the merge's own are not judged. */
	for (i = keep = 0; i < *files_nr; i++) {
		if (files[i].added_nr)
			files[keep++] = files[i];
		else
			loader_file_release(&files[i]);
	}
	*files_nr = keep;
	return 0;
}

/* The files commit i changed against its first parent. */
static int load_one_commit(struct loader *ld, const struct gate_commit *gc,
			   size_t i, struct gate_file **files, size_t *nr)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_oid id;
	int ret = -1;

	git_oid_fromstr(&id, gc->oid);
	if (git_commit_lookup(&c, ld->repo, &id) < 0 ||
	    git_commit_tree(&tree, c) < 0)
		goto out;
	if (gc->parents >= 1 &&
	    (git_commit_parent(&parent, c, 0) < 0 ||
	     git_commit_tree(&ptree, parent) < 0))
		goto out;
	ret = diff_trees(ld, ptree, tree, files, nr, (long)i);
	if (!ret && gc->parents > 1)
		ret = merge_own_lines(ld, c, tree, gc->parents, *files, nr);
out:
	if (ret < 0 && !ld->err->len)
		repo_error(ld->err, "cannot diff commit %s", gc->oid);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(c);
	return ret;
}

/*
 * What reading a range's commits needs after changeset_load returns: a
 * history scan reads them while it judges them (run.c), a batch at a
 * time, so its memory does not grow with the history.
 */
struct gate_commit_reader {
	struct gate_load_options opts;	/* needs, size cap, progress */
	char *commondir;
	/*
	 * Object directories given by the environment are known only to
	 * the handle changeset_load was given: then every worker reads
	 * through it, one at a time (`lock`).  Else each worker opens its
	 * own handle on the common git dir.
	 */
	git_repository *shared;
	git_repository *owned;	/* the bare handle of a range, if any */
	pthread_mutex_t lock;
	git_repository **repos;	/* per worker */
	unsigned workers;
	atomic_size_t held, peak;	/* commits whose files are in memory */
	/* Messages read (commit_reader_message), not yet released. */
	atomic_size_t msgs_held, msgs_peak;
};

void loader_reader_new(struct loader *ld, git_repository **bare)
{
	struct gate_commit_reader *r = xcalloc(1, sizeof(*r));

	r->opts = *ld->opts;
	/* Only what reading a commit needs: the rest is the caller's. */
	r->opts.base = r->opts.head = r->opts.hide_glob = NULL;
	r->opts.paths = NULL;
	r->opts.paths_nr = 0;
	r->opts.repo = NULL;
	r->commondir = xstrdup(ld->opts->repo->commondir);
	if (getenv("GIT_OBJECT_DIRECTORY") ||
	    getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES")) {
		r->shared = ld->repo;
		/* The loader's bare handle, if it read through it, is ours. */
		if (*bare && ld->repo == *bare) {
			r->owned = *bare;
			*bare = NULL;
		}
	}
	pthread_mutex_init(&r->lock, NULL);
	atomic_init(&r->held, 0);
	atomic_init(&r->peak, 0);
	atomic_init(&r->msgs_held, 0);
	atomic_init(&r->msgs_peak, 0);
	ld->cs->reader = r;
}

void loader_reader_free(struct gate_commit_reader *r)
{
	if (!r)
		return;
	commit_reader_end(r);
	git_repository_free(r->owned);
	pthread_mutex_destroy(&r->lock);
	free(r->commondir);
	free(r);
}

void commit_reader_begin(struct gate_commit_reader *r, unsigned workers)
{
	commit_reader_end(r);
	r->workers = workers ? workers : 1;
	r->repos = xcalloc(r->workers, sizeof(*r->repos));
	atomic_store(&r->held, 0);
	atomic_store(&r->peak, 0);
	atomic_store(&r->msgs_held, 0);
	atomic_store(&r->msgs_peak, 0);
	/* Each commit's blobs are inflated once, straight into its patch. */
	repo_cache_blobs(false);
}

void commit_reader_end(struct gate_commit_reader *r)
{
	unsigned w;

	if (!r->repos)
		return;
	for (w = 0; w < r->workers; w++)
		git_repository_free(r->repos[w]);
	free(r->repos);
	r->repos = NULL;
	r->workers = 0;
	repo_cache_blobs(true);
}

/*
 * The handle worker `worker` reads with, opened on first use.  With a
 * shared handle the worker holds r->lock until reader_put().
 */
static git_repository *reader_get(struct gate_commit_reader *r,
				  unsigned worker, struct strbuf *err)
{
	if (worker >= r->workers)
		GATE_BUG("commit reader: worker %u of %u", worker, r->workers);
	if (r->shared) {
		pthread_mutex_lock(&r->lock);
		return r->shared;
	}
	if (!r->repos[worker] &&
	    git_repository_open_bare(&r->repos[worker], r->commondir) < 0) {
		repo_error(err, "cannot open '%s'", r->commondir);
		return NULL;
	}
	return r->repos[worker];
}

static void reader_put(struct gate_commit_reader *r)
{
	if (r->shared)
		pthread_mutex_unlock(&r->lock);
}

/* One more held in *held: raise *peak to it. */
static void count_held(atomic_size_t *held, atomic_size_t *peak)
{
	size_t now = atomic_fetch_add(held, 1) + 1;
	size_t max = atomic_load(peak);

	while (now > max && !atomic_compare_exchange_weak(peak, &max, now))
		;
}

int commit_reader_read(struct gate_commit_reader *r,
		       const struct gate_changeset *cs, size_t i,
		       unsigned worker, struct gate_file **files, size_t *nr,
		       struct strbuf *err)
{
	struct loader ld = { .cs = (struct gate_changeset *)cs,
			     .opts = &r->opts, .err = err };
	bool usage = false;
	int ret;

	*files = NULL;
	*nr = 0;
	ld.usage_error = &usage;
	ld.repo = reader_get(r, worker, err);
	if (!ld.repo)
		return -1;
	ret = load_one_commit(&ld, &cs->commits[i], i, files, nr);
	reader_put(r);
	count_held(&r->held, &r->peak);
	if (ret < 0) {
		commit_files_release(r, *files, *nr);
		*files = NULL;
		*nr = 0;
		return -1;
	}
	return 0;
}

void commit_files_release(struct gate_commit_reader *r,
			  struct gate_file *files, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		loader_file_release(&files[i]);
	free(files);
	atomic_fetch_sub(&r->held, 1);
}

int commit_reader_message(struct gate_commit_reader *r,
			  const struct gate_changeset *cs, size_t i,
			  unsigned worker, char **text, size_t *len,
			  struct strbuf *err)
{
	git_repository *repo = reader_get(r, worker, err);
	git_oid id;
	int ret;

	*text = NULL;
	*len = 0;
	if (!repo)
		return -1;
	git_oid_fromstr(&id, cs->commits[i].oid);
	ret = loader_read_message(repo, &id, text, len);
	reader_put(r);
	if (ret < 0) {
		repo_error(err, "cannot read commit %s", cs->commits[i].oid);
		return -1;
	}
	count_held(&r->msgs_held, &r->msgs_peak);
	return 0;
}

void commit_message_release(struct gate_commit_reader *r, char *text)
{
	if (!text)
		return;
	free(text);
	atomic_fetch_sub(&r->msgs_held, 1);
}

bool commit_reader_progress(const struct gate_commit_reader *r)
{
	return r->opts.progress;
}

size_t commit_reader_peak(const struct gate_commit_reader *r)
{
	return atomic_load(&r->peak);
}

size_t commit_reader_messages_peak(const struct gate_commit_reader *r)
{
	return atomic_load(&r->msgs_peak);
}
