/*
 * A libgit2 diff into change-set files: status, paths and modes from
 * each delta, added line ranges and counts from its patch (or, for an
 * added or deleted file, from its one blob), then its new content.
 */

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "changeset-load.h"
#include "repo.h"

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

void loader_fill_from_delta(struct gate_file *f, const git_diff_delta *d)
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
	loader_oid_hex(f->old_oid, &d->old_file.id);
	loader_oid_hex(f->new_oid, &d->new_file.id);
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

void loader_diff_options(struct loader *ld, git_diff_options *o)
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
void loader_lines_from_patch(struct loader *ld, struct gate_file *f,
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
int loader_content_of(struct loader *ld, struct gate_file *f,
		      const git_diff_delta *d, const git_blob *new_blob)
{
	if (d->status == GIT_DELTA_DELETED) {
		f->skip_reason = "deleted file";
		return 0;
	}
	if (new_blob) {
		size_t size = (size_t)git_blob_rawsize(new_blob);
		const char *data = git_blob_rawcontent(new_blob);

		if (!loader_wants_content(f, size, ld->opts->needs,
					 ld->opts->max_file_size))
			return 0;
		if (f->commit >= 0 && !f->is_binary &&
		    !loader_buffer_is_binary(data, size))
			copy_added_lines(f, data, size);
		else
			loader_copy_content(f, data, size, ld->opts->needs);
		return 0;
	}
	return loader_load_content(ld, NULL, f, &d->new_file.id);
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
int loader_file_from_one_side(struct loader *ld, struct gate_file *f,
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
	loader_diff_options(ld, &o);
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
		lines = loader_count_lines(data, size);
		if (deleted)
			f->deletions = lines;
		else if (ld->opts->needs & (GATE_NEED_LINES | GATE_NEED_CONTENT))
			loader_add_all_lines(f, lines);
		else
			f->additions = lines;
	}
	return loader_content_of(ld, f, d, deleted ? NULL : blob);
}

/* Turn a diff into files with added line ranges and content. */
int loader_diff_to_files(struct loader *ld, git_diff *diff,
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
		loader_fill_from_delta(f, d);
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
				ret = loader_file_from_one_side(ld, f, d, blob);
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
		loader_lines_from_patch(ld, f, patch);
		/* The blobs of the patch are inflated: take the new one from
		 * libgit2's cache rather than inflate it again. */
		if (d->status != GIT_DELTA_DELETED &&
		    (ld->opts->needs & (f->is_binary ? GATE_NEED_BINARY :
					GATE_NEED_CONTENT | GATE_NEED_BINARY)))
			side_blob(ld, &d->new_file, &blob);
		ret = loader_content_of(ld, f, d, blob);
		git_blob_free(blob);
		git_patch_free(patch);
		if (ret < 0)
			return -1;
	}
	return 0;
}

int loader_find_renames(struct loader *ld, git_diff *diff)
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
