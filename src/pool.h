#ifndef GATE_POOL_H
#define GATE_POOL_H

/*
 * The only parallel phase of a run: `jobs` workers claim task indexes
 * from a shared counter until all `nr` are done.  Tasks write only into
 * their own slot, so there is no other locking; results are merged by the
 * caller in index order, which keeps output identical for any -j.
 * With one job or one task everything runs on the calling thread, so a
 * small pre-commit run starts no thread at all.
 */

#include <stddef.h>

/* `worker` is 0..jobs-1, so a task may use per-worker state kept by the
 * caller (a libgit2 handle, which threads must not share). */
typedef void (*pool_fn)(void *ctx, size_t index, unsigned worker);

/* Returns how many workers were used (at most jobs, at least 1). */
unsigned pool_run(size_t nr, unsigned jobs, pool_fn fn, void *ctx);

/* The default for -j: the online CPUs. */
unsigned pool_default_jobs(void);

#endif
