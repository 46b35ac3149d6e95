#ifndef GATE_COVERAGE_PATH_H
#define GATE_COVERAGE_PATH_H

/*
 * Mapping the paths a coverage report names to repository paths.  The
 * report was written on another machine, in another directory, by a
 * tool with its own idea of "relative", so mapping tries, in order:
 *   1. the configured prefixes to strip (`strip:`), first match wins;
 *   2. the Go module path of go.mod (Go profiles name files by import
 *      path);
 *   3. absolute paths under the repository root lose the root;
 *   4. relative paths are tried against the report's base directories
 *      (Cobertura <sources>, gcov's working directory), then as they are;
 *      JaCoCo's package/SourceFile.java under each source root
 *      (src/main/java, ... or `source-roots:`), then as the unique
 *      changed file ending in it (multi-module builds);
 * and takes the first candidate that names a file of the repository.
 * When none does, the path is "unmatched" and the reason says which
 * candidates were tried, so the user can fix `strip:` instead of
 * guessing (diff-cover's "No lines with coverage information").
 */

#include <stdbool.h>
#include <stddef.h>

#include "coverage-model.h"
#include "util.h"

struct cov_pathmap {
	char *root;		/* repository work tree, no trailing '/' */
	char *root_real;	/* the same through realpath(), or NULL */
	char **strip;		/* normalised prefixes, NULL-terminated */
	char **source_roots;	/* JaCoCo source roots, NULL-terminated */
	char *go_module;	/* from go.mod or config, or NULL */
	/* Is `path` (repository-relative) a file of the repository? */
	bool (*exists)(void *ctx, const char *path);
	void *exists_ctx;
	/* Changed paths, sorted, for the JaCoCo suffix search. */
	const char *const *changed;
	size_t changed_nr;
};

/*
 * Set up a map for a repository at `root`.  `strip` and `source_roots`
 * are NULL-terminated lists and may be NULL (source roots then default
 * to the Maven and Gradle layouts).  go_module NULL means "read
 * root/go.mod".
 */
void cov_pathmap_init(struct cov_pathmap *pm, const char *root,
		      const char *const *strip,
		      const char *const *source_roots,
		      const char *go_module);
void cov_pathmap_release(struct cov_pathmap *pm);

/*
 * Normalise in place: '\' to '/', no "./" or empty components, ".."
 * resolved lexically.  Returns -1 when ".." climbs above the start of a
 * relative path.
 */
int cov_path_normalize(struct strbuf *sb);

/*
 * Map one path.  `base` is the directory the report says the path is
 * relative to, or NULL.  Returns true with the repository path in
 * `out`; false with the best guess in `out` and the reason in `why`.
 */
bool cov_pathmap_map(const struct cov_pathmap *pm, enum cov_format fmt,
		     const char *const *bases, const char *raw,
		     struct strbuf *out, struct strbuf *why);

#endif
