#ifndef GATE_CHANGESET_LOAD_H
#define GATE_CHANGESET_LOAD_H

/*
 * The inside of changeset_load (changeset.h), shared by the files that
 * make a change set: not for checkers or commands.  Every function runs
 * on the main thread with the loader's libgit2 handle, except where it
 * says it takes its own handle.
 *
 *   changeset.c          the public API: load one subject, release
 *   changeset-content.c  blobs into files (size cap, binary, whole files)
 *   changeset-diff.c     a libgit2 diff into files with added lines
 *   changeset-index.c    the staged change, and index entries judged whole
 *   changeset-commits.c  revisions, the commits of a range, messages
 *   changeset-range.c    a range's base, commits and files
 *   commit-reader.c      a range's commits' files, a commit at a time
 */

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changeset.h"
#include "util.h"

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

/* changeset.c */

/* An object id in hex into out (GATE_OID_HEX + 1 bytes); "" for none. */
void loader_oid_hex(char *out, const git_oid *id);
/* Free what f holds, not f. */
void loader_file_release(struct gate_file *f);

/* changeset-content.c */

/* git's heuristic: a NUL byte in the first 8000 bytes. */
bool loader_buffer_is_binary(const char *data, size_t len);
/*
 * Whether a blob of SIZE bytes is read for f: not over the size cap, nor
 * binary unless a checker wants binary content (f then says why not).
 * Sets f->size.
 */
bool loader_wants_content(struct gate_file *f, size_t size, unsigned needs,
			  uint64_t cap);
/* A NUL-terminated copy of data as f's content (dropped again when it
 * turns out binary and no checker wants binary content). */
void loader_copy_content(struct gate_file *f, const void *data, size_t size,
			 unsigned needs);
/* Read blob id into f when a checker wants its content (a work-tree copy
 * with the same bytes instead, given a WORKDIR).  Returns 0, or -1 with
 * ld->err set. */
int loader_load_content(struct loader *ld, const char *workdir,
			struct gate_file *f, const git_oid *id);
/* The lines of a text as xdiff counts them: at each LF, plus an
 * unterminated last one. */
uint32_t loader_count_lines(const char *data, size_t len);
/* f's LINES lines, all added: its additions and one range 1..LINES. */
void loader_add_all_lines(struct gate_file *f, uint32_t lines);
/* The content of every file of a whole-file subject, on the workers of
 * the pool, each file's lines all added.  Returns 0, or -1. */
int loader_read_whole_files(struct loader *ld);

/* changeset-diff.c */

/* f (cleared first) from a delta: status, paths, ids, modes. */
void loader_fill_from_delta(struct gate_file *f, const git_diff_delta *d);
/* The options of every diff of the loader: no context, the size cap. */
void loader_diff_options(struct loader *ld, git_diff_options *o);
/* Binary flag, added line ranges and line counts of f from its patch. */
void loader_lines_from_patch(struct loader *ld, struct gate_file *f,
			     git_patch *patch);
/* The new content of f, whose delta is d: from new_blob when the caller
 * holds it, else from the object database.  Returns 0, or -1. */
int loader_content_of(struct loader *ld, struct gate_file *f,
		      const git_diff_delta *d, const git_blob *new_blob);
/* An added or deleted f from the one blob it has, without a diff.
 * Returns 0, or -1 with ld->err set. */
int loader_file_from_one_side(struct loader *ld, struct gate_file *f,
			      const git_diff_delta *d, git_blob *blob);
/* Append the files of diff to *files (commit: their index into
 * cs->commits, or -1).  Returns 0, or -1 with ld->err set. */
int loader_diff_to_files(struct loader *ld, git_diff *diff,
			 struct gate_file **files, size_t *nr, size_t *alloc,
			 long commit);
/* Renames in diff, as git diff -M finds them.  Returns 0, or -1. */
int loader_find_renames(struct loader *ld, git_diff *diff);

/* changeset-index.c */

int loader_load_staged(struct loader *ld);
int loader_load_index_files(struct loader *ld);

/* changeset-commits.c */

/* The commit rev names, into *out.  Returns 0, or -1 (a usage error). */
int loader_resolve_commit(struct loader *ld, const char *rev, git_oid *out);
/*
 * The message of commit id as stored, NUL bytes included, into *out (the
 * caller frees it).  Takes a repository handle, not the loader, so
 * workers with their own handles can call it.  Returns 0, or -1.
 */
int loader_read_message(git_repository *repo, const git_oid *id,
			char **out, size_t *len);
/* List head's commits not reachable from base (or from the hidden
 * remote-tracking refs), oldest first.  Returns 0, or -1. */
int loader_load_commits(struct loader *ld, const git_oid *head,
			const git_oid *base);

/* changeset-range.c */

int loader_load_range(struct loader *ld);

/* commit-reader.c */

/* The reader of ld's range (cs->reader); takes over *bare when the
 * reader must read through the loader's own handle. */
void loader_reader_new(struct loader *ld, git_repository **bare);
void loader_reader_free(struct gate_commit_reader *r);

#endif
