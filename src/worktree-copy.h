#ifndef GATE_WORKTREE_COPY_H
#define GATE_WORKTREE_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <git2.h>

/*
 * Whole-file scans (--all-files, --files) judge the index's blobs, and
 * inflating them is most of the cost of a large scan.  When the work
 * tree holds the same bytes, reading them there is cheaper, as git's
 * own diff does (reuse_worktree_file).  This is a faster copy, never a
 * different subject: the bytes are used only when they hash to the
 * blob's id, so an edited, filtered or racing file falls back to the
 * object database.
 *
 * Reads WORKDIR/PATH (WORKDIR ends in '/') when it is a regular file of
 * SIZE_HINT bytes (the index's recorded size), at most CAP bytes when CAP
 * is not 0, whose git blob hash is ID.  Then *DATA (NUL-terminated, the
 * caller frees it) and *LEN are set and it returns true; otherwise false
 * with nothing allocated.
 */
bool worktree_copy(const char *workdir, const char *path, const git_oid *id,
		   size_t size_hint, uint64_t cap, char **data, size_t *len);

#endif
