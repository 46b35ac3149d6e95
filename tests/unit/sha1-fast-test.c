/*
 * sha1_fast, libcrypto opened on first use, against libgit2's SHA-1 of
 * the same blobs: around the 64-byte block edges, split anywhere between
 * its two parts, and from several threads at once (the first call loads).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "sha1-fast.h"
#include "tap.h"

static unsigned char data[70000];

/* git's blob id of data[0, len) through sha1_fast; false if it failed. */
static int blob_id(size_t len, size_t split, unsigned char out[20])
{
	char hdr[64];
	size_t hl = (size_t)snprintf(hdr, sizeof(hdr), "blob %zu", len) + 1;
	char *all = malloc(hl + len + 1);
	int ok;

	/* The header and the content, cut at split into sha1_fast's a, b. */
	memcpy(all, hdr, hl);
	memcpy(all + hl, data, len);
	if (split > hl + len)
		split = hl + len;
	ok = sha1_fast(all, split, all + split, hl + len - split, out);
	free(all);
	return ok;
}

static void *in_thread(void *arg)
{
	unsigned char md[20];

	*(int *)arg = blob_id(1000, 7, md);
	return NULL;
}

int main(void)
{
	static const size_t sizes[] = { 0, 1, 46, 47, 55, 56, 63, 64, 65,
					119, 120, 1000, 65536, 70000 };
	pthread_t th[4];
	int got[4], all_ok = 1;
	size_t i, s, wrong = 0, failed = 0;

	git_libgit2_init();
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 2654435761u >> 13);
	/* The first calls race to load libcrypto. */
	for (i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, in_thread, &got[i]);
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		all_ok &= got[i];
	}
	ok(all_ok, "libcrypto loads on first use, from four threads at once");
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		git_oid want;

		git_odb_hash(&want, data, sizes[i], GIT_OBJECT_BLOB);
		for (s = 0; s < 80; s += 3) {
			unsigned char md[20];

			if (!blob_id(sizes[i], s, md))
				failed++;
			else if (memcmp(md, want.id, 20) && wrong++ < 3)
				printf("# size %zu split %zu differs\n",
				       sizes[i], s);
		}
	}
	is_int(failed, 0, "every hash is computed");
	is_int(wrong, 0, "sha1_fast gives libgit2's blob ids");
	git_libgit2_shutdown();
	return tap_done();
}
