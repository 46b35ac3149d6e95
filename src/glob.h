#ifndef GATE_GLOB_H
#define GATE_GLOB_H

/*
 * Path globs, used for every `paths`, `exclude` and `ignore` option.
 * The rules are gitignore's, so they are the ones users already know,
 * and they avoid the surprises of shell globs (docs/globs.md):
 *   - `*` and `?` never cross a '/'; `[abc]`, `[a-z]`, `[!a]` are classes;
 *   - `**` crosses directories: as a leading component it matches x at
 *     any depth, as a trailing one all inside a directory, and between
 *     two components any number of directories (docs/globs.md);
 *   - a pattern without '/' (other than a trailing one) matches the base
 *     name at any depth: `go.sum` matches `go.sum` and `mod/go.sum`;
 *   - a pattern with a '/' is anchored at the repository root; a
 *     leading '/' only anchors;
 *   - a trailing '/' matches a directory and everything inside it.
 */

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Reports a malformed pattern (unclosed '['), or returns 0. */
int glob_validate(const char *pattern, struct strbuf *err);

bool glob_match(const char *pattern, const char *path);

/* True when any pattern of the NULL-terminated list matches. */
bool glob_match_any(const char *const *patterns, const char *path);

/*
 * The usual filter: a path is selected when `include` is empty or one of
 * its patterns matches, and no pattern of `exclude` matches.
 */
bool glob_selected(const char *const *include, const char *const *exclude,
		   const char *path);

#endif
