/*
 * Reading blobs into the files of a change set: the size cap, binary
 * files, work-tree copies of whole files, and the parallel read of a
 * whole-file subject (--all-files, --files).
 */

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "changeset-load.h"
#include "pool.h"
#include "repo.h"
#include "worktree-copy.h"

bool loader_buffer_is_binary(const char *data, size_t len)
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
	if (!f->is_binary && loader_buffer_is_binary(data, len))
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
bool loader_wants_content(struct gate_file *f, size_t size, unsigned needs,
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

void loader_copy_content(struct gate_file *f, const void *data, size_t size,
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
	if (!loader_wants_content(f, size, needs, cap))
		return 0;
	if (git_odb_read(&obj, odb, id) < 0)
		goto fail;
	loader_copy_content(f, git_odb_object_data(obj),
			    git_odb_object_size(obj), needs);
	git_odb_object_free(obj);
	return 0;
fail:
	repo_error(err, "cannot read blob %s of '%s'", git_oid_tostr_s(id),
		   f->path);
	return -1;
}

int loader_load_content(struct loader *ld, const char *workdir,
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

uint32_t loader_count_lines(const char *data, size_t len)
{
	uint32_t lines = (uint32_t)count_newlines(data, len);

	return lines + (len && data[len - 1] != '\n');
}

void loader_add_all_lines(struct gate_file *f, uint32_t lines)
{
	f->additions = lines;
	if (!lines)
		return;
	f->added = xmalloc(sizeof(*f->added));
	f->added[0].start = 1;
	f->added[0].count = lines;
	f->added_nr = 1;
}

/* Mark every line of a whole-file subject as added. */
static void add_whole_file(struct gate_file *f)
{
	if (f->data)
		loader_add_all_lines(f, loader_count_lines(f->data, f->len));
}

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

int loader_read_whole_files(struct loader *ld)
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
			if (loader_load_content(ld, pr.workdir,
						&cs->files[i], &id) < 0)
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
