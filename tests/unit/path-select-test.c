/*
 * path_select against the plain definition (a path is selected when it
 * equals a selector or lies under it; "." selects all), on random trees
 * whose names sort around '/' ("a", "a-b", "a.b", "a/b"), with trailing
 * slashes, repeated selectors and selectors that match nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path-select.h"
#include "tap.h"

static const char *const parts[] = { "a", "a-b", "a.b", "b", "ab", "a0" };
#define PARTS (sizeof(parts) / sizeof(parts[0]))

static void random_path(char *buf, size_t size, unsigned *seed, int slash)
{
	int depth = 1 + rand_r(seed) % 3, d;

	buf[0] = '\0';
	for (d = 0; d < depth; d++) {
		if (d)
			strncat(buf, "/", size - strlen(buf) - 1);
		strncat(buf, parts[rand_r(seed) % PARTS],
			size - strlen(buf) - 1);
	}
	if (slash)
		strncat(buf, "/", size - strlen(buf) - 1);
}

static int ref_selects(const char *sel, const char *path)
{
	size_t len = strlen(sel);

	while (len > 1 && sel[len - 1] == '/')
		len--;
	if (len == 1 && sel[0] == '.')
		return 1;
	return !strncmp(path, sel, len) &&
	       (path[len] == '\0' || path[len] == '/');
}

int main(void)
{
	unsigned seed = 4242;
	int round, bad_match = 0, bad_unmatched = 0;

	for (round = 0; round < 400; round++) {
		char paths[40][64], sels[12][64];
		const char *sv[12];
		int np = 1 + rand_r(&seed) % 40, ns = 1 + rand_r(&seed) % 12;
		int i, j, used[12] = { 0 };
		long want_unmatched = -1;
		struct path_select *ps;

		for (i = 0; i < np; i++)
			random_path(paths[i], sizeof(paths[i]), &seed, 0);
		for (j = 0; j < ns; j++) {
			if (rand_r(&seed) % 25 == 0)
				strcpy(sels[j], rand_r(&seed) % 2 ? "." : "./");
			else
				random_path(sels[j], sizeof(sels[j]), &seed,
					    rand_r(&seed) % 4 == 0);
			sv[j] = sels[j];
		}
		ps = path_select_new(sv, (size_t)ns);
		for (i = 0; i < np; i++) {
			int want = 0;

			for (j = 0; j < ns; j++)
				if (ref_selects(sels[j], paths[i])) {
					want = 1;
					used[j] = 1;
				}
			if (path_select_match(ps, paths[i]) != want)
				bad_match++;
		}
		for (j = 0; j < ns && want_unmatched < 0; j++)
			if (!used[j] && !ref_selects(sels[j], ""))
				want_unmatched = j;
		if (path_select_unmatched(ps) != want_unmatched)
			bad_unmatched++;
		path_select_free(ps);
	}
	is_int(bad_match, 0, "random trees: selected exactly as defined");
	is_int(bad_unmatched, 0, "random trees: the first unmatched selector");

	{
		const char *sv[] = { "src/", "src", "docs/a.md", "nothing" };
		struct path_select *ps = path_select_new(sv, 4);

		ok(path_select_match(ps, "src/x.c"), "a directory selects below it");
		ok(!path_select_match(ps, "src-old/x.c"), "not a sibling sharing a prefix");
		ok(!path_select_match(ps, "srcx"), "not a longer name");
		ok(path_select_match(ps, "docs/a.md"), "a file selects itself");
		ok(!path_select_match(ps, "docs/a.md.bak"), "and not a longer one");
		is_int(path_select_unmatched(ps), 3, "the selector nothing matched");
		path_select_free(ps);
	}
	return tap_done();
}
