#include "changeset.h"

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "repo.h"
#include "tree-diff.h"
#include "worktree-copy.h"

/* Everything the loader needs while it works; freed at the end. */
struct loader {
	struct gate_changeset *cs;
	const struct gate_load_options *opts;
	git_repository *repo;
	struct strbuf *err;
	bool *usage_error;
	/* For ranges: a handle on the common git dir without a work tree,
	 * used once revisions are resolved (they may name this worktree's
	 * HEAD, which only the full handle knows). */
	git_repository *objects_only;
};

const char *gate_subject_name(enum gate_subject_kind kind)
{
	switch (kind) {
	case GATE_SUBJECT_STAGED: return "staged";
	case GATE_SUBJECT_RANGE: return "range";
	case GATE_SUBJECT_ALL_FILES: return "all-files";
	case GATE_SUBJECT_FILES: return "files";
	case GATE_SUBJECT_MESSAGE: return "message";
	}
	GATE_BUG("bad subject kind %d", (int)kind);
}

bool gate_file_line_added(const struct gate_file *f, uint32_t line)
{
	size_t lo = 0, hi = f->added_nr;

	/* Ranges are sorted and disjoint: binary search. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct gate_line_range *r = &f->added[mid];

		if (line < r->start)
			hi = mid;
		else if (line >= r->start + r->count)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

void changeset_add_note(struct gate_changeset *cs, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(cs->notes, cs->notes_nr + 1, cs->notes_alloc);
	cs->notes[cs->notes_nr++] = strbuf_detach(&sb, NULL);
}

void changeset_add_message(struct gate_changeset *cs,
			   enum gate_message_kind kind, const char *text,
			   size_t len, const char *source)
{
	struct gate_message *m;

	ALLOC_GROW(cs->messages, cs->messages_nr + 1, cs->messages_alloc);
	m = &cs->messages[cs->messages_nr++];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->text = xstrndup(text, len);
	m->len = len;
	m->source = source ? xstrdup(source) : NULL;
	m->commit = -1;
	m->comment_char = '#';
}

static void oid_hex(char *out, const git_oid *id)
{
	if (!id || git_oid_is_zero(id)) {
		out[0] = '\0';
		return;
	}
	git_oid_tostr(out, GATE_OID_HEX + 1, id);
}

static void add_range(struct gate_file *f, size_t *alloc, uint32_t line)
{
	struct gate_line_range *last = f->added_nr ? &f->added[f->added_nr - 1] : NULL;

	if (last && last->start + last->count == line) {
		last->count++;
		return;
	}
	ALLOC_GROW(f->added, f->added_nr + 1, *alloc);
	f->added[f->added_nr].start = line;
	f->added[f->added_nr].count = 1;
	f->added_nr++;
}

/* Mark every line of a whole-file subject as added. */
static void add_whole_file(struct gate_file *f)
{
	uint32_t lines;

	if (!f->data)
		return;
	lines = (uint32_t)count_newlines(f->data, f->len);
	if (f->len && f->data[f->len - 1] != '\n')
		lines++;
	f->additions = lines;
	if (lines) {
		f->added = xmalloc(sizeof(*f->added));
		f->added[0].start = 1;
		f->added[0].count = lines;
		f->added_nr = 1;
	}
}

static bool buffer_is_binary(const char *data, size_t len)
{
	/* git's heuristic: a NUL byte in the first 8000 bytes. */
	return memchr(data, '\0', len < 8000 ? len : 8000) != NULL;
}

/* Keep the bytes read for f, or drop them when f is binary and no
 * checker wants binary content. */
static void take_content(struct gate_file *f, char *data, size_t len,
			 unsigned needs)
{
	f->data = data;
	f->len = len;
	if (!f->is_binary && buffer_is_binary(data, len))
		f->is_binary = true;
	if (f->is_binary) {
		f->skip_reason = "binary file";
		if (!(needs & GATE_NEED_BINARY)) {
			free(data);
			f->data = NULL;
			f->len = 0;
		}
	}
	if (f->is_symlink)
		f->skip_reason = "symbolic link";
}

/*
 * Whether a blob of SIZE bytes is read for f: not over the size cap, nor
 * binary unless a checker wants binary content (f then says why not).
 */
static bool wants_content(struct gate_file *f, size_t size, unsigned needs,
			  uint64_t cap)
{
	f->size = size;
	if (cap && size > cap) {
		f->too_large = true;
		f->skip_reason = "file over the size cap";
		return false;
	}
	if (!(needs & (GATE_NEED_CONTENT | GATE_NEED_BINARY)) && !f->is_binary)
		return false;
	if (f->is_binary && !(needs & GATE_NEED_BINARY)) {
		f->skip_reason = "binary file";
		return false;
	}
	return true;
}

static void copy_content(struct gate_file *f, const void *data, size_t size,
			 unsigned needs)
{
	char *copy = xmalloc(size + 1);

	memcpy(copy, data, size);
	copy[size] = '\0';
	take_content(f, copy, size, needs);
}

/*
 * Read the blob of f into f->data when a checker wants content.  The size
 * comes from the object header first so a 1 GB blob is never inflated.
 * Takes an object database handle, not the loader, so workers with their
 * own handles can run it (libgit2 handles are not shared across threads).
 * With a WORKDIR (whole-file subjects of a repository with a work tree),
 * a work-tree file with the blob's exact bytes is read instead of the
 * object (src/worktree-copy.h).
 */
static int read_content(git_odb *odb, const char *workdir, const git_oid *id,
			struct gate_file *f, unsigned needs, uint64_t cap,
			struct strbuf *err)
{
	git_odb_object *obj = NULL;
	git_object_t type;
	size_t size;
	char *copy;

	if (f->is_submodule) {
		f->skip_reason = "submodule";
		return 0;
	}
	if (workdir && !f->is_symlink && !f->is_binary &&
	    (needs & GATE_NEED_CONTENT) &&
	    worktree_copy(workdir, f->path, id, (size_t)f->size, cap, &copy,
			  &size)) {
		f->size = size;
		take_content(f, copy, size, needs);
		return 0;
	}
	if (git_odb_read_header(&size, &type, odb, id) < 0)
		goto fail;
	if (!wants_content(f, size, needs, cap))
		return 0;
	if (git_odb_read(&obj, odb, id) < 0)
		goto fail;
	copy_content(f, git_odb_object_data(obj), git_odb_object_size(obj),
		     needs);
	git_odb_object_free(obj);
	return 0;
fail:
	repo_error(err, "cannot read blob %s of '%s'", git_oid_tostr_s(id),
		   f->path);
	return -1;
}

static int load_content(struct loader *ld, const char *workdir,
			struct gate_file *f, const git_oid *id)
{
	git_odb *odb = NULL;
	int ret;

	if (git_repository_odb(&odb, ld->repo) < 0) {
		repo_error(ld->err, "cannot open the object database");
		return -1;
	}
	ret = read_content(odb, workdir, id, f, ld->opts->needs,
			   ld->opts->max_file_size, ld->err);
	git_odb_free(odb);
	return ret;
}

/*
 * After a parallel load: report the first slot's error (slots are in
 * order, so the message is the same for any -j) and free them all.
 */
static int take_errors(char **errors, size_t nr, struct strbuf *err)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < nr; i++) {
		if (errors[i] && !ret) {
			strbuf_addstr(err, errors[i]);
			ret = -1;
		}
		free(errors[i]);
	}
	free(errors);
	return ret;
}

/*
 * Whole-file subjects (--all-files, --files) have no diff to inflate the
 * blobs as a side effect, and inflating is most of a large scan: the
 * workers of the pool read the blobs, each with its own handle on the
 * object database.
 */
struct parallel_read {
	struct gate_file *files;
	git_odb **odbs;		/* per worker, opened on first use */
	const char *objects_dir;
	const char *workdir;	/* or NULL: see read_content */
	unsigned needs;
	uint64_t cap;
	char **errors;		/* per file */
};

static void read_one(void *arg, size_t i, unsigned worker)
{
	struct parallel_read *pr = arg;
	struct gate_file *f = &pr->files[i];
	struct strbuf err = STRBUF_INIT;
	git_oid id;

	if (!pr->odbs[worker] &&
	    git_odb_open(&pr->odbs[worker], pr->objects_dir) < 0) {
		repo_error(&err, "cannot open '%s'", pr->objects_dir);
		pr->errors[i] = strbuf_detach(&err, NULL);
		return;
	}
	git_oid_fromstr(&id, f->new_oid);
	if (read_content(pr->odbs[worker], pr->workdir, &id, f, pr->needs,
			 pr->cap, &err) < 0)
		pr->errors[i] = strbuf_detach(&err, NULL);
	else
		add_whole_file(f);
	strbuf_release(&err);
}

static int read_whole_files(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	unsigned jobs = ld->opts->jobs ? ld->opts->jobs : pool_default_jobs();
	struct parallel_read pr = { .files = cs->files, .needs = ld->opts->needs,
				    .cap = ld->opts->max_file_size,
				    .workdir = git_repository_workdir(ld->repo) };
	git_buf objects = { 0 };
	size_t i;
	unsigned w;
	int ret = 0;

	/* Object directories given by the environment are known only to the
	 * main handle: read on this thread then. */
	if (jobs < 2 || cs->files_nr < 2 || getenv("GIT_OBJECT_DIRECTORY") ||
	    getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES") ||
	    git_repository_item_path(&objects, ld->repo,
				     GIT_REPOSITORY_ITEM_OBJECTS) < 0) {
		git_error_clear();
		for (i = 0; i < cs->files_nr; i++) {
			git_oid id;

			git_oid_fromstr(&id, cs->files[i].new_oid);
			if (load_content(ld, pr.workdir, &cs->files[i],
					 &id) < 0)
				return -1;
			add_whole_file(&cs->files[i]);
		}
		return 0;
	}
	pr.objects_dir = objects.ptr;
	pr.odbs = xcalloc(jobs, sizeof(*pr.odbs));
	pr.errors = xcalloc(cs->files_nr, sizeof(*pr.errors));
	pool_run(cs->files_nr, jobs, read_one, &pr);
	for (w = 0; w < jobs; w++)
		git_odb_free(pr.odbs[w]);
	ret = take_errors(pr.errors, cs->files_nr, ld->err);
	free(pr.odbs);
	git_buf_dispose(&objects);
	return ret;
}

static enum gate_file_status map_status(git_delta_t s)
{
	switch (s) {
	case GIT_DELTA_ADDED: return GATE_FILE_ADDED;
	case GIT_DELTA_DELETED: return GATE_FILE_DELETED;
	case GIT_DELTA_RENAMED: return GATE_FILE_RENAMED;
	case GIT_DELTA_COPIED: return GATE_FILE_COPIED;
	case GIT_DELTA_TYPECHANGE: return GATE_FILE_TYPECHANGE;
	default: return GATE_FILE_MODIFIED;
	}
}

static void fill_from_delta(struct gate_file *f, const git_diff_delta *d)
{
	memset(f, 0, sizeof(*f));
	f->commit = -1;
	f->status = map_status(d->status);
	if (d->status == GIT_DELTA_DELETED) {
		f->path = xstrdup(d->old_file.path);
	} else {
		f->path = xstrdup(d->new_file.path);
		if ((d->status == GIT_DELTA_RENAMED ||
		     d->status == GIT_DELTA_COPIED) &&
		    strcmp(d->old_file.path, d->new_file.path))
			f->old_path = xstrdup(d->old_file.path);
	}
	oid_hex(f->old_oid, &d->old_file.id);
	oid_hex(f->new_oid, &d->new_file.id);
	f->old_mode = d->old_file.mode;
	f->new_mode = d->new_file.mode;
	f->size = (uint64_t)d->new_file.size;
	f->is_submodule = d->new_file.mode == GIT_FILEMODE_COMMIT ||
			  d->old_file.mode == GIT_FILEMODE_COMMIT;
	f->is_symlink = d->new_file.mode == GIT_FILEMODE_LINK;
}

/*
 * A commit's file as the checkers that judge commits read it: its added
 * lines, every other line kept as a bare newline so line numbers hold.
 * Most of each is old text (trufflehog: 725 MB of copies, when its
 * history was held whole), and the checkers read only the added lines.
 */
static void copy_added_lines(struct gate_file *f, const char *data,
			     size_t size)
{
	const char *p = data, *end = data + size;
	char *out = xmalloc(size + 1);
	size_t o = 0, r, blank;
	uint32_t line = 1;

	for (r = 0; r < f->added_nr && p < end; r++) {
		const struct gate_line_range *ar = &f->added[r];
		const char *q;

		if (line < ar->start) {
			/* The gap's lines, counted as they are skipped. */
			q = skip_lines(p, end, ar->start - line, &blank);
			memset(out + o, '\n', blank);
			o += blank;
			p = q;
			line = ar->start;
		}
		q = skip_lines(p, end, ar->count, NULL);
		memcpy(out + o, p, (size_t)(q - p));
		o += (size_t)(q - p);
		p = q;
		line += ar->count;
	}
	blank = count_newlines(p, (size_t)(end - p));
	memset(out + o, '\n', blank);
	o += blank;
	out[o] = '\0';
	f->data = xrealloc(out, o + 1);
	f->len = o;
	if (f->is_symlink)
		f->skip_reason = "symbolic link";
}

static void diff_options(struct loader *ld, git_diff_options *o)
{
	git_diff_options_init(o, GIT_DIFF_OPTIONS_VERSION);
	o->context_lines = 0;
	o->interhunk_lines = 0;
	/* Larger blobs count as binary, so libgit2 does not diff them. */
	if (ld->opts->max_file_size)
		o->max_size = (git_off_t)ld->opts->max_file_size;
	/* A symlink that became a file is one change of one path. */
	o->flags |= GIT_DIFF_INCLUDE_TYPECHANGE;
	/* Submodule pointer bumps stay in the change set (marked, not
	 * read): tree and index diffs never open the submodule. */
}

/*
 * What a file's patch says: binary or not, its added line ranges, its
 * line counts.  The patch's delta is f's.
 */
static void lines_from_patch(struct loader *ld, struct gate_file *f,
			     git_patch *patch)
{
	const git_diff_delta *d = git_patch_get_delta(patch);
	size_t range_alloc = 0, adds = 0, dels = 0, h, hunks;

	f->is_binary = (d->flags & GIT_DIFF_FLAG_BINARY) != 0;
	/* Walking every line costs more than the diff itself; a
	 * checker that only counts (pr-size) does not need it. */
	if (d->status != GIT_DELTA_DELETED && !f->is_binary &&
	    (ld->opts->needs & (GATE_NEED_LINES | GATE_NEED_CONTENT))) {
		hunks = git_patch_num_hunks(patch);
		for (h = 0; h < hunks; h++) {
			int lines = git_patch_num_lines_in_hunk(patch, h);
			int l;

			for (l = 0; l < lines; l++) {
				const git_diff_line *line;

				if (git_patch_get_line_in_hunk(&line, patch, h, (size_t)l) < 0)
					continue;
				if (line->origin == GIT_DIFF_LINE_ADDITION)
					add_range(f, &range_alloc,
						  (uint32_t)line->new_lineno);
			}
		}
	}
	if (!f->is_binary) {
		git_patch_line_stats(NULL, &adds, &dels, patch);
		f->additions = (uint32_t)adds;
		f->deletions = (uint32_t)dels;
	}
}

/*
 * The new content of f, whose delta is d: from new_blob when the caller
 * holds it (inflated once, for the diff too), else read from the object
 * database.
 */
static int content_of(struct loader *ld, struct gate_file *f,
		      const git_diff_delta *d, const git_blob *new_blob)
{
	if (d->status == GIT_DELTA_DELETED) {
		f->skip_reason = "deleted file";
		return 0;
	}
	if (new_blob) {
		size_t size = (size_t)git_blob_rawsize(new_blob);
		const char *data = git_blob_rawcontent(new_blob);

		if (!wants_content(f, size, ld->opts->needs,
				   ld->opts->max_file_size))
			return 0;
		if (f->commit >= 0 && !f->is_binary &&
		    !buffer_is_binary(data, size))
			copy_added_lines(f, data, size);
		else
			copy_content(f, data, size, ld->opts->needs);
		return 0;
	}
	return load_content(ld, NULL, f, &d->new_file.id);
}

/*
 * libgit2's diff treats a blob over max_size (512 MiB when it is 0), or
 * over what xdiff takes, as binary and never reads it.
 */
#define LIBGIT2_DIFF_MAX_FILESIZE ((uint64_t)0x20000000)
#define LIBGIT2_XDIFF_MAX_SIZE ((uint64_t)1024 * 1024 * 1023)

static uint64_t diff_size_limit(const struct gate_load_options *o)
{
	uint64_t limit = o->max_file_size ? o->max_file_size :
			 LIBGIT2_DIFF_MAX_FILESIZE;

	return limit < LIBGIT2_XDIFF_MAX_SIZE ? limit : LIBGIT2_XDIFF_MAX_SIZE;
}

/*
 * The blob of one side of a delta, inflated only where libgit2's diff
 * reads it too: when the size the delta gives (libgit2 trusts it, and
 * the index gives the work tree's) or, without one, the object header's,
 * and the blob's own size are within the diff's limit.  Else *out is
 * NULL, and the caller diffs and reads as it did before, so such a file
 * is judged as it always was.  A blob libgit2 has read is in its cache
 * (src/repo.h): looking it up again inflates nothing.
 */
static void side_blob(struct loader *ld, const git_diff_file *side,
		      git_blob **out)
{
	uint64_t limit = diff_size_limit(ld->opts);
	git_odb *odb = NULL;
	git_object_t type;
	size_t size;

	*out = NULL;
	if (side->size > limit)
		return;
	if (!side->size) {
		int r = git_repository_odb(&odb, ld->repo);

		if (!r)
			r = git_odb_read_header(&size, &type, odb, &side->id);
		git_odb_free(odb);
		if (r < 0 || size > limit) {
			git_error_clear();
			return;
		}
	}
	if (git_blob_lookup(out, ld->repo, &side->id) < 0) {
		git_error_clear();
		*out = NULL;
		return;
	}
	if ((uint64_t)git_blob_rawsize(*out) > limit) {
		git_blob_free(*out);
		*out = NULL;
	}
}

static int delta_flags(const git_diff_delta *d, float progress, void *payload)
{
	(void)progress;
	*(uint32_t *)payload = d->flags;
	return 0;
}

/*
 * An added or a deleted file, whose blob the caller holds: every line of
 * it is added (or deleted), so there is nothing to diff.  Whether it is
 * binary is still libgit2's call (.gitattributes binary, -diff and diff,
 * a driver's diff.<name>.binary, then NUL bytes): git_diff_blobs with no
 * hunk or line callback decides it and stops before xdiff.  Its lines are
 * counted as xdiff counts them: at each LF, plus an unterminated last.
 */
static int file_from_one_side(struct loader *ld, struct gate_file *f,
			      const git_diff_delta *d, git_blob *blob)
{
	bool deleted = d->status == GIT_DELTA_DELETED;
	const char *data = git_blob_rawcontent(blob);
	size_t size = (size_t)git_blob_rawsize(blob);
	git_diff_options o;
	uint32_t flags = 0, lines;

	/*
	 * The missing side is named "", which libgit2 looks up no attributes
	 * for: on the same path they would give it the driver of the other
	 * side, and a side with no data is binary only when its driver says
	 * so, when the other side is too.  One attribute lookup is saved,
	 * the larger part of the cost here (no attribute session is kept
	 * between calls, as a diff keeps one).
	 */
	diff_options(ld, &o);
	if (git_diff_blobs(deleted ? blob : NULL,
			   deleted ? d->old_file.path : "",
			   deleted ? NULL : blob,
			   deleted ? "" : d->new_file.path, &o,
			   delta_flags, NULL, NULL, NULL, &flags) < 0) {
		repo_error(ld->err, "cannot diff '%s'", f->path);
		return -1;
	}
	f->is_binary = (flags & GIT_DIFF_FLAG_BINARY) != 0;
	if (!f->is_binary) {
		lines = (uint32_t)count_newlines(data, size);
		if (size && data[size - 1] != '\n')
			lines++;
		if (deleted) {
			f->deletions = lines;
		} else {
			f->additions = lines;
			if (lines && (ld->opts->needs &
				      (GATE_NEED_LINES | GATE_NEED_CONTENT))) {
				f->added = xmalloc(sizeof(*f->added));
				f->added[0].start = 1;
				f->added[0].count = lines;
				f->added_nr = 1;
			}
		}
	}
	return content_of(ld, f, d, deleted ? NULL : blob);
}

/* Turn a diff into files with added line ranges and content. */
static int diff_to_files(struct loader *ld, git_diff *diff,
			 struct gate_file **files, size_t *nr, size_t *alloc,
			 long commit)
{
	size_t i, n = git_diff_num_deltas(diff);

	for (i = 0; i < n; i++) {
		git_patch *patch = NULL;
		git_blob *blob = NULL;
		const git_diff_delta *d;
		struct gate_file *f;
		int ret;

		ALLOC_GROW(*files, *nr + 1, *alloc);
		f = &(*files)[(*nr)++];
		d = git_diff_get_delta(diff, i);
		fill_from_delta(f, d);
		f->commit = commit;
		if (d->status == GIT_DELTA_UNMODIFIED)
			continue;
		if (f->is_submodule) {
			f->skip_reason = "submodule";
			continue;
		}
		if (d->status == GIT_DELTA_ADDED ||
		    d->status == GIT_DELTA_DELETED) {
			side_blob(ld, d->status == GIT_DELTA_ADDED ?
				  &d->new_file : &d->old_file, &blob);
			if (blob) {
				ret = file_from_one_side(ld, f, d, blob);
				git_blob_free(blob);
				if (ret < 0)
					return -1;
				continue;
			}
		}
		if (git_patch_from_diff(&patch, diff, i) < 0) {
			repo_error(ld->err, "cannot diff '%s'", f->path);
			return -1;
		}
		lines_from_patch(ld, f, patch);
		/* The blobs of the patch are inflated: take the new one from
		 * libgit2's cache rather than inflate it again. */
		if (d->status != GIT_DELTA_DELETED &&
		    (ld->opts->needs & (f->is_binary ? GATE_NEED_BINARY :
					GATE_NEED_CONTENT | GATE_NEED_BINARY)))
			side_blob(ld, &d->new_file, &blob);
		ret = content_of(ld, f, d, blob);
		git_blob_free(blob);
		git_patch_free(patch);
		if (ret < 0)
			return -1;
	}
	return 0;
}

static int find_renames(struct loader *ld, git_diff *diff)
{
	git_diff_find_options fo;

	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_find_similar(diff, &fo) < 0) {
		repo_error(ld->err, "cannot detect renames");
		return -1;
	}
	return 0;
}

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

static int load_staged(struct loader *ld)
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
		oid_hex(cs->head_oid, git_object_id(peeled));
		r = git_commit_tree(&tree, (git_commit *)peeled);
		git_object_free(peeled);
		if (r < 0) {
			repo_error(ld->err, "cannot read the tree of HEAD");
			goto out;
		}
		oid_hex(cs->base_tree, git_tree_id(tree));
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
	diff_options(ld, &o);
	if (git_diff_tree_to_index(&diff, ld->repo, tree, index, &o) < 0) {
		repo_error(ld->err, "cannot diff HEAD against the index");
		goto out;
	}
	if (find_renames(ld, diff) < 0)
		goto out;
	ret = diff_to_files(ld, diff, &cs->files, &cs->files_nr,
			    &cs->files_alloc, -1);
out:
	git_diff_free(diff);
	git_index_free(index);
	git_tree_free(tree);
	git_reference_free(head);
	return ret;
}

/* --all-files and --files: the index entries, each judged whole. */
static int load_index_files(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	bool *matched = xcalloc(ld->opts->paths_nr + 1, sizeof(bool));
	git_index *index = NULL;
	size_t i, n, conflicts = 0;
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
	n = git_index_entrycount(index);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		struct gate_file *f;

		if (git_index_entry_stage(e) != 0) {
			conflicts++;
			continue;
		}
		if (ld->opts->paths_nr) {
			size_t p;
			bool want = false;

			/* A path names a file or a directory, as in git. */
			for (p = 0; p < ld->opts->paths_nr; p++) {
				const char *sel = ld->opts->paths[p];
				size_t len = strlen(sel);

				while (len > 1 && sel[len - 1] == '/')
					len--;
				if ((!strncmp(e->path, sel, len) &&
				     (e->path[len] == '\0' || e->path[len] == '/')) ||
				    !strcmp(sel, ".")) {
					want = true;
					matched[p] = true;
				}
			}
			if (!want)
				continue;
		}
		ALLOC_GROW(cs->files, cs->files_nr + 1, cs->files_alloc);
		f = &cs->files[cs->files_nr++];
		memset(f, 0, sizeof(*f));
		f->commit = -1;
		f->path = xstrdup(e->path);
		f->status = GATE_FILE_UNCHANGED;
		oid_hex(f->new_oid, &e->id);
		f->new_mode = e->mode;
		f->size = e->file_size;
		f->is_submodule = e->mode == GIT_FILEMODE_COMMIT;
		f->is_symlink = e->mode == GIT_FILEMODE_LINK;
	}
	if (read_whole_files(ld) < 0)
		goto out;
	if (conflicts)
		changeset_add_note(cs, "%zu unmerged index entries not judged",
				   conflicts);
	for (i = 0; i < ld->opts->paths_nr; i++) {
		/* A typo must not quietly judge less than was asked. */
		if (!matched[i]) {
			strbuf_addf(ld->err, "'%s' matches no tracked file",
				    ld->opts->paths[i]);
			*ld->usage_error = true;
			goto out;
		}
	}
	ret = 0;
out:
	free(matched);
	git_index_free(index);
	return ret;
}

static int resolve_commit(struct loader *ld, const char *rev, git_oid *out)
{
	git_object *obj = NULL, *peeled = NULL;

	if (git_revparse_single(&obj, ld->repo, rev) < 0) {
		repo_error(ld->err, "unknown revision '%s'", rev);
		if (git_repository_is_shallow(ld->repo))
			strbuf_addstr(ld->err, " (this is a shallow clone: fetch "
				      "more history, e.g. fetch-depth: 0)");
		*ld->usage_error = true;
		return -1;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		repo_error(ld->err, "'%s' is not a commit", rev);
		*ld->usage_error = true;
		git_object_free(obj);
		return -1;
	}
	git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

static char *first_line(const char *msg)
{
	const char *nl = strchr(msg, '\n');

	return nl ? xstrndup(msg, (size_t)(nl - msg)) : xstrdup(msg);
}

/*
 * The message of commit id as stored, NUL bytes included, into *out
 * (the caller frees it): libgit2 hands it out as a C string, which would
 * hide everything after a NUL from the checkers.  Returns 0, or -1 when
 * the commit cannot be read.
 */
static int read_message(git_repository *repo, const git_oid *id,
			char **out, size_t *len)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_commit *c = NULL;
	const char *data, *body;
	size_t size;

	*out = NULL;
	*len = 0;
	if (git_repository_odb(&odb, repo) == 0 &&
	    git_odb_read(&obj, odb, id) == 0) {
		data = git_odb_object_data(obj);
		size = git_odb_object_size(obj);
		body = memmem(data, size, "\n\n", 2);
		if (body) {
			body += 2;
			*len = size - (size_t)(body - data);
			*out = xstrndup(body, *len);
		}
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_error_clear();
	if (*out)
		return 0;
	if (git_commit_lookup(&c, repo, id) < 0)
		return -1;
	*out = xstrdup(git_commit_message_raw(c));
	*len = strlen(*out);
	git_commit_free(c);
	return 0;
}

/* A commit's message for the message checkers: the change set owns it. */
static void add_commit_message(struct gate_changeset *cs, char *text,
			       size_t len, size_t commit)
{
	struct gate_message *m;

	ALLOC_GROW(cs->messages, cs->messages_nr + 1, cs->messages_alloc);
	m = &cs->messages[cs->messages_nr++];
	memset(m, 0, sizeof(*m));
	m->kind = GATE_MESSAGE_COMMIT;
	m->text = text;
	m->len = len;
	m->source = xstrdup(cs->commits[commit].oid);
	m->commit = (long)commit;
	m->comment_char = '#';
}

/* List head's commits not reachable from base (or from the hidden
 * remote-tracking refs), oldest first. */
static int load_commits(struct loader *ld, const git_oid *head,
			const git_oid *base)
{
	struct gate_changeset *cs = ld->cs;
	git_revwalk *walk = NULL;
	git_oid id;
	int ret = -1, r;

	if (git_revwalk_new(&walk, ld->repo) < 0)
		goto fail;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push(walk, head) < 0)
		goto fail;
	if (base && git_revwalk_hide(walk, base) < 0)
		goto fail;
	if (ld->opts->hide_glob) {
		r = git_revwalk_hide_glob(walk, ld->opts->hide_glob);
		if (r < 0 && r != GIT_ENOTFOUND)
			goto fail;
	}
	while ((r = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;
		struct gate_commit *gc;
		const git_signature *a;
		char *msg;
		size_t msg_len;

		if (git_commit_lookup(&c, ld->repo, &id) < 0)
			goto fail;
		ALLOC_GROW(cs->commits, cs->commits_nr + 1, cs->commits_alloc);
		gc = &cs->commits[cs->commits_nr++];
		memset(gc, 0, sizeof(*gc));
		oid_hex(gc->oid, &id);
		gc->parents = git_commit_parentcount(c);
		gc->time = (int64_t)git_commit_time(c);
		if (read_message(ld->repo, &id, &msg, &msg_len) < 0) {
			git_commit_free(c);
			goto fail;
		}
		gc->summary = first_line(msg);
		/*
		 * Only the message checkers read a message after the load;
		 * a streamed checker reads its commits' messages itself
		 * (commit_reader_message), so a history scan keeps none.
		 */
		if (ld->opts->want_commits) {
			a = git_commit_author(c);
			gc->author = xstrfmt("%s <%s>", a->name, a->email);
			add_commit_message(cs, msg, msg_len,
					   cs->commits_nr - 1);
		} else {
			free(msg);
		}
		git_commit_free(c);
	}
	if (r != GIT_ITEROVER)
		goto fail;
	ret = 0;
	goto out;
fail:
	repo_error(ld->err, "cannot walk the commits of the range");
out:
	git_revwalk_free(walk);
	return ret;
}

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

/* One changed entry of a commit, as diff_to_files makes it from a
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
	fill_from_delta(f, &d);
	f->commit = commit;
	if (f->is_submodule) {
		f->skip_reason = "submodule";
		return 0;
	}
	if ((c->old_mode && git_blob_lookup(&old_blob, ld->repo, &c->old_id) < 0) ||
	    (c->new_mode && git_blob_lookup(&new_blob, ld->repo, &c->new_id) < 0))
		goto fail;
	if (!c->old_mode || !c->new_mode) {
		ret = file_from_one_side(ld, f, &d,
					 c->new_mode ? new_blob : old_blob);
		goto out;
	}
	diff_options(ld, &o);
	if (git_patch_from_blobs(&patch, old_blob, c->path, new_blob, c->path,
				 &o) < 0)
		goto fail;
	lines_from_patch(ld, f, patch);
	ret = content_of(ld, f, &d, new_blob);
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

static void file_release(struct gate_file *f);

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
			file_release(&other[o]);
		free(other);
	}
	/* Files with nothing of the merge's own are not judged. */
	for (i = keep = 0; i < *files_nr; i++) {
		if (files[i].added_nr)
			files[keep++] = files[i];
		else
			file_release(&files[i]);
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

static void reader_new(struct loader *ld, git_repository **bare)
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

static void reader_free(struct gate_commit_reader *r)
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
		file_release(&files[i]);
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
	ret = read_message(repo, &id, text, len);
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

size_t changeset_messages_held(const struct gate_changeset *cs)
{
	size_t i, n = 0;

	for (i = 0; i < cs->messages_nr; i++)
		n += cs->messages[i].kind == GATE_MESSAGE_COMMIT &&
		     cs->messages[i].text;
	return n;
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

static int load_range(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	const struct gate_load_options *o = ld->opts;
	git_oid head, base, mb;
	bool have_base = false;
	git_tree *btree = NULL, *htree = NULL;
	git_diff *diff = NULL;
	git_diff_options dopts;
	int ret = -1;

	if (resolve_commit(ld, o->head ? o->head : "HEAD", &head) < 0)
		return -1;
	if (o->base) {
		if (resolve_commit(ld, o->base, &base) < 0)
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
	if (load_commits(ld, &head, have_base ? &base : NULL) < 0)
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
	oid_hex(cs->head_oid, &head);
	if (have_base)
		oid_hex(cs->base_oid, &base);
	if (tree_of_commit(ld, &head, &htree) < 0)
		goto out;
	if (have_base && tree_of_commit(ld, &base, &btree) < 0)
		goto out;
	oid_hex(cs->head_tree, git_tree_id(htree));
	if (btree)
		oid_hex(cs->base_tree, git_tree_id(btree));
	diff_options(ld, &dopts);
	if (git_diff_tree_to_tree(&diff, ld->repo, btree, htree, &dopts) < 0) {
		repo_error(ld->err, "cannot diff the range");
		goto out;
	}
	if (find_renames(ld, diff) < 0)
		goto out;
	if (o->range_files_unread) {
		/* Counts only: nothing reads these files' lines. */
		struct gate_load_options counts = *o;
		struct loader cld = *ld;

		counts.needs &= ~(unsigned)(GATE_NEED_CONTENT |
					     GATE_NEED_BINARY | GATE_NEED_LINES);
		cld.opts = &counts;
		if (diff_to_files(&cld, diff, &cs->files, &cs->files_nr,
				  &cs->files_alloc, -1) < 0)
			goto out;
	} else if (diff_to_files(ld, diff, &cs->files, &cs->files_nr,
				 &cs->files_alloc, -1) < 0) {
		goto out;
	}
	ret = 0;
out:
	git_diff_free(diff);
	git_tree_free(btree);
	git_tree_free(htree);
	return ret;
}

static int file_cmp(const void *a, const void *b)
{
	const struct gate_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* linguist-generated, linguist-vendored and -diff, as GitHub reads them. */
static void load_attributes(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	git_attr_options ao;
	git_oid head;
	size_t i;

	if (!cs->files_nr)
		return;
	memset(&ao, 0, sizeof(ao));
	ao.version = GIT_ATTR_OPTIONS_VERSION;
	cs->attr_generated = xcalloc(cs->files_nr, sizeof(char *));
	if (cs->kind == GATE_SUBJECT_RANGE && cs->head_oid[0]) {
		/* Judge a range by the attributes its head commit carries. */
		git_oid_fromstr(&head, cs->head_oid);
		ao.flags = GIT_ATTR_CHECK_INCLUDE_COMMIT | GIT_ATTR_CHECK_INDEX_ONLY |
			   GIT_ATTR_CHECK_NO_SYSTEM;
		git_oid_cpy(&ao.attr_commit_id, &head);
	} else {
		ao.flags = GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM;
	}
	for (i = 0; i < cs->files_nr; i++) {
		static const char *names[] = { "linguist-generated",
			"linguist-vendored", "diff" };
		const char *values[3] = { NULL, NULL, NULL };

		if (git_attr_get_many_ext(values, ld->repo, &ao, cs->files[i].path,
					  3, names) < 0) {
			git_error_clear();
			continue;
		}
		if (GIT_ATTR_IS_TRUE(values[0]))
			cs->attr_generated[i] = "generated";
		else if (GIT_ATTR_IS_TRUE(values[1]))
			cs->attr_generated[i] = "vendored";
		else if (GIT_ATTR_IS_FALSE(values[2]))
			cs->attr_generated[i] = "-diff";
	}
}

int changeset_load(struct gate_changeset *cs,
		   const struct gate_load_options *opts,
		   struct strbuf *err, bool *usage_error)
{
	struct loader ld = { .cs = cs, .opts = opts, .repo = opts->repo->repo,
			     .err = err, .usage_error = usage_error };
	git_repository *bare = NULL;
	int ret = 0;

	*usage_error = false;
	cs->kind = opts->kind;
	cs->repo_dir = xstrdup(opts->repo->workdir ? opts->repo->workdir :
			       opts->repo->gitdir);
	cs->git_dir = xstrdup(opts->repo->gitdir);
	cs->base_rev = opts->base ? xstrdup(opts->base) : NULL;
	cs->head_rev = opts->head ? xstrdup(opts->head) : NULL;
	switch (opts->kind) {
	case GATE_SUBJECT_STAGED:
		ret = load_staged(&ld);
		break;
	case GATE_SUBJECT_RANGE:
		/*
		 * A range is judged from commits alone.  A handle without the
		 * work tree keeps libgit2 from looking there: no .gitattributes
		 * of the checkout leaks into the verdict, and a 10,000-file
		 * range saves ~180,000 readlink() and stat() calls.
		 */
		if (!opts->repo->bare &&
		    git_repository_open_bare(&bare, opts->repo->commondir) == 0)
			ld.objects_only = bare;
		git_error_clear();
		ret = load_range(&ld);
		/* Each commit's files are read when the run judges it. */
		if (!ret && (opts->needs & GATE_NEED_COMMIT_FILES))
			reader_new(&ld, &bare);
		break;
	case GATE_SUBJECT_ALL_FILES:
	case GATE_SUBJECT_FILES:
		ret = load_index_files(&ld);
		break;
	case GATE_SUBJECT_MESSAGE:
		break;
	}
	if (!ret && cs->files_nr)
		qsort(cs->files, cs->files_nr, sizeof(*cs->files), file_cmp);
	if (!ret && (opts->needs & GATE_NEED_ATTRIBUTES))
		load_attributes(&ld);
	git_repository_free(bare);
	return ret ? -1 : 0;
}

static void file_release(struct gate_file *f)
{
	free(f->path);
	free(f->old_path);
	free((char *)f->data);
	free(f->added);
}

void changeset_release(struct gate_changeset *cs)
{
	size_t i;

	for (i = 0; i < cs->files_nr; i++)
		file_release(&cs->files[i]);
	free(cs->files);
	for (i = 0; i < cs->commits_nr; i++) {
		struct gate_commit *c = &cs->commits[i];

		free(c->summary);
		free(c->author);
	}
	free(cs->commits);
	for (i = 0; i < cs->messages_nr; i++) {
		free(cs->messages[i].text);
		free(cs->messages[i].source);
	}
	free(cs->messages);
	for (i = 0; i < cs->notes_nr; i++)
		free(cs->notes[i]);
	free(cs->notes);
	free(cs->attr_generated);
	reader_free(cs->reader);
	free(cs->repo_dir);
	free(cs->git_dir);
	free(cs->base_rev);
	free(cs->head_rev);
	memset(cs, 0, sizeof(*cs));
}
