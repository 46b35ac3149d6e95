/* Two trees compared entry by entry (see tree-diff.h). */
#include "tree-diff.h"

#include <string.h>

#include "util.h"

static bool is_tree(const git_tree_entry *e)
{
	return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

/*
 * git's tree order (base_name_compare): names compare bytewise, and a
 * tree's name as if it ended in '/'.  So "a" the file and "a" the
 * directory are two entries, and both sides merge in one pass.
 */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), len = la < lb ? la : lb;
	int c = memcmp(na, nb, len);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = la > len ? (unsigned char)na[len] : is_tree(a) ? '/' : '\0';
	cb = lb > len ? (unsigned char)nb[len] : is_tree(b) ? '/' : '\0';
	return ca < cb ? -1 : ca > cb;
}

struct walk {
	git_repository *repo;
	struct tree_changes *out;
	struct strbuf path;
};

static void emit(struct walk *w, const git_tree_entry *a,
		 const git_tree_entry *b)
{
	const git_tree_entry *e = a ? a : b;
	struct tree_change *c;
	size_t base = w->path.len;

	ALLOC_GROW(w->out->v, w->out->nr + 1, w->out->alloc);
	c = &w->out->v[w->out->nr++];
	memset(c, 0, sizeof(*c));
	strbuf_addstr(&w->path, git_tree_entry_name(e));
	c->path = xstrdup(w->path.buf);
	strbuf_setlen(&w->path, base);
	if (a) {
		git_oid_cpy(&c->old_id, git_tree_entry_id(a));
		c->old_mode = (uint32_t)git_tree_entry_filemode(a);
	}
	if (b) {
		git_oid_cpy(&c->new_id, git_tree_entry_id(b));
		c->new_mode = (uint32_t)git_tree_entry_filemode(b);
	}
}

static int walk_trees(struct walk *w, const git_tree *a, const git_tree *b);

/* Into the subtrees A and B (either may be NULL) of one name. */
static int descend(struct walk *w, const git_tree_entry *a,
		   const git_tree_entry *b)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t base = w->path.len;
	int ret = -1;

	if ((a && git_tree_lookup(&ta, w->repo, git_tree_entry_id(a)) < 0) ||
	    (b && git_tree_lookup(&tb, w->repo, git_tree_entry_id(b)) < 0))
		goto out;
	strbuf_addstr(&w->path, git_tree_entry_name(a ? a : b));
	strbuf_addch(&w->path, '/');
	ret = walk_trees(w, ta, tb);
	strbuf_setlen(&w->path, base);
out:
	git_tree_free(ta);
	git_tree_free(tb);
	return ret;
}

/* One side only: a whole subtree added or deleted, or one entry. */
static int one_side(struct walk *w, const git_tree_entry *a,
		    const git_tree_entry *b)
{
	const git_tree_entry *e = a ? a : b;

	if (is_tree(e))
		return descend(w, a, b);
	emit(w, a, b);
	return 0;
}

static int walk_trees(struct walk *w, const git_tree *a, const git_tree *b)
{
	size_t na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;

	while (i < na || j < nb) {
		const git_tree_entry *ea = i < na ?
			git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ?
			git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);
		int ret = 0;

		if (c < 0) {
			ret = one_side(w, ea, NULL);
			i++;
		} else if (c > 0) {
			ret = one_side(w, NULL, eb);
			j++;
		} else {
			/* Same name, both trees or both not. */
			bool same = git_oid_equal(git_tree_entry_id(ea),
						  git_tree_entry_id(eb));

			if (is_tree(ea)) {
				if (!same)
					ret = descend(w, ea, eb);
			} else if (!same || git_tree_entry_filemode(ea) !=
					    git_tree_entry_filemode(eb)) {
				emit(w, ea, eb);
			}
			i++;
			j++;
		}
		if (ret < 0)
			return -1;
	}
	return 0;
}

int tree_diff(git_repository *repo, const git_tree *old_tree,
	      const git_tree *new_tree, struct tree_changes *out)
{
	struct walk w = { repo, out, STRBUF_INIT };
	int ret;

	if (old_tree && new_tree &&
	    git_oid_equal(git_tree_id(old_tree), git_tree_id(new_tree)))
		return 0;
	ret = walk_trees(&w, old_tree, new_tree);
	strbuf_release(&w.path);
	return ret;
}

void tree_changes_release(struct tree_changes *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		free(c->v[i].path);
	free(c->v);
	memset(c, 0, sizeof(*c));
}
