#ifndef GATE_PATH_SELECT_H
#define GATE_PATH_SELECT_H

/*
 * The paths of `gate check --files A B ...`, as git takes pathspecs
 * without magic: each names a file or a directory ("." names them all),
 * relative to the top of the work tree.  A hook runner passes every
 * staged path here, so a lookup costs a binary search per directory
 * level of the path, not a pass over the list.
 */

#include <stdbool.h>
#include <stddef.h>

struct path_select;

/* `paths` is borrowed and must outlive the selection. */
struct path_select *path_select_new(const char *const *paths, size_t nr);
void path_select_free(struct path_select *sel);

/* Whether `path` is one of the paths or under one; marks those it is. */
bool path_select_match(struct path_select *sel, const char *path);

/* The index of the first path nothing matched, or -1 when all were. */
long path_select_unmatched(const struct path_select *sel);

#endif
