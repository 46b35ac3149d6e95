#include "path-select.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct selector {
	const char *path;
	size_t len;		/* without trailing slashes */
	size_t arg;		/* its place on the command line */
};

struct path_select {
	struct selector *v;	/* sorted by (path, len) */
	size_t nr;
	bool *matched;		/* by place on the command line */
	size_t args_nr;
	bool all;		/* "." was given */
};

static int bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int selector_cmp(const void *x, const void *y)
{
	const struct selector *a = x, *b = y;

	return bytes_cmp(a->path, a->len, b->path, b->len);
}

struct path_select *path_select_new(const char *const *paths, size_t nr)
{
	struct path_select *sel = xcalloc(1, sizeof(*sel));
	size_t i;

	sel->v = xcalloc(nr + 1, sizeof(*sel->v));
	sel->matched = xcalloc(nr + 1, sizeof(*sel->matched));
	sel->args_nr = nr;
	for (i = 0; i < nr; i++) {
		size_t len = strlen(paths[i]);

		while (len > 1 && paths[i][len - 1] == '/')
			len--;
		if (len == 1 && paths[i][0] == '.') {
			sel->all = true;
			sel->matched[i] = true;
			continue;
		}
		sel->v[sel->nr].path = paths[i];
		sel->v[sel->nr].len = len;
		sel->v[sel->nr].arg = i;
		sel->nr++;
	}
	qsort(sel->v, sel->nr, sizeof(*sel->v), selector_cmp);
	return sel;
}

void path_select_free(struct path_select *sel)
{
	if (!sel)
		return;
	free(sel->v);
	free(sel->matched);
	free(sel);
}

/* Marks every selector equal to path[0, len); whether there was one. */
static bool mark_equal(struct path_select *sel, const char *path, size_t len)
{
	size_t lo = 0, hi = sel->nr, i;

	/* The first selector not below the prefix. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (bytes_cmp(sel->v[mid].path, sel->v[mid].len, path, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < sel->nr &&
	     !bytes_cmp(sel->v[i].path, sel->v[i].len, path, len); i++)
		sel->matched[sel->v[i].arg] = true;
	return i > lo;
}

bool path_select_match(struct path_select *sel, const char *path)
{
	bool want = sel->all;
	size_t i;

	/* The leading directories, then the whole path. */
	for (i = 0; path[i]; i++)
		if (path[i] == '/' && i && mark_equal(sel, path, i))
			want = true;
	if (i && mark_equal(sel, path, i))
		want = true;
	return want;
}

long path_select_unmatched(const struct path_select *sel)
{
	size_t i;

	for (i = 0; i < sel->args_nr; i++)
		if (!sel->matched[i])
			return (long)i;
	return -1;
}
