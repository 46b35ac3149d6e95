/*
 * count_newlines and skip_lines against a byte-at-a-time reference, on
 * random texts of every length around the 8-, 16- and 64-byte steps and
 * the 4080-byte lane-sum step, with newline densities from none to all.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"

static size_t ref_count(const char *p, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		n += p[i] == '\n';
	return n;
}

static const char *ref_skip(const char *p, const char *end, size_t n,
			    size_t *skipped)
{
	size_t want = n;

	while (n && p < end) {
		if (*p++ == '\n')
			n--;
	}
	*skipped = want - n;
	return p;
}

int main(void)
{
	static const size_t lens[] = { 0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65,
				       200, 4079, 4080, 4081, 9000, 70000 };
	static const unsigned densities[] = { 0, 1, 8, 40, 100 };
	unsigned seed = 12345;
	size_t li, di;

	for (li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
		for (di = 0; di < sizeof(densities) / sizeof(densities[0]); di++) {
			size_t len = lens[li], i, want, n, bad = 0;
			/* +1: a text is read only up to len, never past. */
			char *buf = malloc(len + 1);

			for (i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 100 < densities[di])
					buf[i] = '\n';
				else if ((char)(seed >> 8) != '\n')
					buf[i] = (char)(seed >> 8);
				else
					buf[i] = 'x';
			}
			want = ref_count(buf, len);
			is_int(count_newlines(buf, len), want,
			       "count_newlines, %zu bytes, %u%% newlines",
			       len, densities[di]);
			for (n = 0; n <= want + 2; n += 1 + n / 7) {
				size_t got_n = 0, want_n = 0;

				/* Same position, same count of lines passed. */
				if (skip_lines(buf, buf + len, n, &got_n) !=
				    ref_skip(buf, buf + len, n, &want_n) ||
				    got_n != want_n)
					bad++;
			}
			is_int(bad, 0, "skip_lines, %zu bytes, %u%% newlines",
			       len, densities[di]);
			free(buf);
		}
	}
	return tap_done();
}
