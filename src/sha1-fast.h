#ifndef GATE_SHA1_FAST_H
#define GATE_SHA1_FAST_H

/*
 * SHA-1 from libcrypto, loaded on first use rather than at start-up.
 *
 * libcrypto's SHA-NI code hashes four times as fast as the collision-
 * detecting SHA-1 of libgit2, which whole-tree scans need (see
 * worktree-copy.c).  But the dynamic loader binds libcrypto's four
 * thousand symbols eagerly (it is built with BIND_NOW): 2.5 M
 * instructions, half a millisecond, in every process that links it,
 * a tenth of a pre-commit hook that never hashes a file.  So it is
 * opened with dlopen the first time a hash is asked for.
 */

#include <stdbool.h>
#include <stddef.h>

#define SHA1_FAST_RAWSZ 20

/*
 * The SHA-1 of a[0, alen) followed by b[0, blen), into out.  Returns
 * false when libcrypto cannot be loaded or fails: the caller then does
 * without (it is an optimisation, never the only way).  Thread-safe.
 */
bool sha1_fast(const void *a, size_t alen, const void *b, size_t blen,
	       unsigned char out[SHA1_FAST_RAWSZ]);

#endif
